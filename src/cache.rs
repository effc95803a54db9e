//! The build cache, in `.newsdesk/` beside site.toml: what the last build wrote, page by
//! page, so that the next build renders only the pages whose fingerprint changed and takes
//! the others from the previous output (hard links into the staging folder; the atomic swap
//! stays as it is).
//!
//! Nothing in it is trusted on its word. A file of the previous output is taken only when
//! the cache was written by this very newsdesk (same version, same sources), for this output
//! folder, names the page's current fingerprint, and the file is still the one the build
//! wrote (same inode, size and modification time). A cache that is missing, unreadable,
//! corrupt or from another newsdesk is ignored and written anew after the build.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The cache folder, beside site.toml.
pub const FOLDER: &str = ".newsdesk";

/// The pages of the last build of an output, inside [`FOLDER`]: one file for each output
/// folder, so that builds to different folders (`public/`, a preview with `--drafts`) each
/// keep their own.
fn pages_file(root: &Path, output: &Path) -> PathBuf {
    let id = crate::digest::of_bytes(output.as_os_str().as_encoded_bytes());
    root.join(FOLDER)
        .join("build")
        .join(format!("pages-{id:016x}"))
}

/// Which newsdesk wrote a cache: a cache written by any other is never read.
fn format() -> String {
    format!(
        "newsdesk {} digest {} sources {}",
        env!("CARGO_PKG_VERSION"),
        crate::digest::VERSION,
        env!("NEWSDESK_SOURCES_DIGEST"),
    )
}

/// A file as the build left it: when it changes, it is no longer the file the build wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    size: u64,
    modified_ns: i128,
    inode: u64,
}

impl Stamp {
    /// The stamp of the file at `path` (not following a symbolic link).
    pub fn of(path: &Path) -> io::Result<Stamp> {
        let meta = fs::symlink_metadata(path)?;
        if !meta.is_file() {
            return Err(io::Error::other("not a file"));
        }
        let modified_ns = meta
            .modified()?
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        Ok(Stamp {
            size: meta.len(),
            modified_ns,
            inode: inode(&meta),
        })
    }
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &fs::Metadata) -> u64 {
    0
}

/// One page as the last build wrote it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Written {
    /// The file, relative to the output (`tags/energy/index.html`).
    pub file: String,
    pub fingerprint: u128,
    pub stamp: Stamp,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    format: String,
    /// The real output folder the pages are in.
    output: PathBuf,
    pages: Vec<Written>,
}

/// The pages of the previous build of one output.
pub struct PageCache {
    output: PathBuf,
    pages: HashMap<String, (u128, Stamp)>,
}

impl PageCache {
    /// The cache of the site in `root` for the output folder `output` (its real path), when
    /// there is a usable one.
    pub fn load(root: &Path, output: &Path) -> Option<PageCache> {
        let bytes = fs::read(pages_file(root, output)).ok()?;
        let stored: Stored = postcard::from_bytes(&bytes).ok()?;
        if stored.format != format() || stored.output != output {
            return None;
        }
        let pages = stored
            .pages
            .into_iter()
            .map(|w| (w.file, (w.fingerprint, w.stamp)))
            .collect();
        Some(PageCache {
            output: output.to_path_buf(),
            pages,
        })
    }

    /// The file of the previous output that holds the page at `file` (relative to the
    /// output) as it is now, with its stamp: the previous build wrote it with this
    /// fingerprint, and it has not changed since.
    pub fn reusable(&self, file: &str, fingerprint: u128) -> Option<(PathBuf, Stamp)> {
        let &(was, stamp) = self.pages.get(file)?;
        if was != fingerprint {
            return None;
        }
        let path = self.output.join(file);
        (Stamp::of(&path).ok()? == stamp).then_some((path, stamp))
    }

    /// Writes the cache of the build that just put `pages` into `output` (its real path).
    /// The file is replaced in one rename, so a killed build never leaves half a cache.
    pub fn save(root: &Path, output: &Path, pages: Vec<Written>) -> io::Result<()> {
        let path = pages_file(root, output);
        let folder = path.parent().expect("the cache file is in a folder");
        fs::create_dir_all(folder)?;
        let stored = Stored {
            format: format(),
            output: output.to_path_buf(),
            pages,
        };
        let bytes = postcard::to_allocvec(&stored).map_err(io::Error::other)?;
        let partial = folder.join(format!(".pages.{}", std::process::id()));
        fs::write(&partial, bytes)?;
        fs::rename(&partial, &path)
    }
}

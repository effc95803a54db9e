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
    /// Every file the build wrote: its pages, with their fingerprints, and the files of
    /// static/ it copied (fingerprint 0).
    pages: Vec<Written>,
    finished: Finished,
}

/// The previous build of one output: its files and what it was made from.
pub struct PageCache {
    output: PathBuf,
    pages: HashMap<String, (u128, Stamp)>,
    finished: Finished,
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
            finished: stored.finished,
        })
    }

    /// What the previous build said, when a build with these `inputs` and `options` at
    /// clock `now` (nanoseconds since 1970) has nothing to do: the same inputs and options,
    /// the clock within the time the previous output stays right, and the output exactly
    /// as that build left it.
    pub fn up_to_date(&self, inputs: Option<u128>, options: u128, now: i128) -> Option<&Recap> {
        let f = &self.finished;
        (inputs.is_some()
            && f.inputs == inputs
            && f.options == options
            && (f.from..f.until).contains(&now)
            && output_intact(&self.output, &self.pages))
        .then_some(&f.recap)
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
    pub fn save(
        root: &Path,
        output: &Path,
        pages: Vec<Written>,
        finished: Finished,
    ) -> io::Result<()> {
        let path = pages_file(root, output);
        let folder = path.parent().expect("the cache file is in a folder");
        fs::create_dir_all(folder)?;
        let stored = Stored {
            format: format(),
            output: output.to_path_buf(),
            pages,
            finished,
        };
        let bytes = postcard::to_allocvec(&stored).map_err(io::Error::other)?;
        let partial = folder.join(format!(".pages.{}", std::process::id()));
        fs::write(&partial, bytes)?;
        fs::rename(&partial, &path)
    }
}

/// A finished build, as the next one needs to know it: what it was made from, how long its
/// output stays right, and what it said. A build with the same inputs and options, with its
/// clock in `[from, until)`, over an output still as this build left it, would write the
/// same site: it has nothing to do, and says again what this one said.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finished {
    /// [`inputs_digest`] of the site (`None`: it could not be told), and a digest of the
    /// build's options.
    pub inputs: Option<u128>,
    pub options: u128,
    /// The build clock, in nanoseconds since 1970, and the next moment the site changes by
    /// itself ([`crate::site::Site::next_change`]).
    pub from: i128,
    pub until: i128,
    pub recap: Recap,
}

/// What a build reported: its summary's figures and its warnings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recap {
    pub articles: usize,
    pub pages: usize,
    pub files: usize,
    pub drafts_left_out: usize,
    /// The next story to expire and the next to go live: title and time (RFC 3339).
    pub next_expiry: Option<(String, String)>,
    pub next_scheduled: Option<(String, String)>,
    pub warnings: Vec<crate::diagnostics::Diagnostic>,
}

/// A digest of everything a build reads from the site folder: site.toml, and the name,
/// the link target (for a symbolic link) and the bytes of every file under content/,
/// templates/ and static/. Any edit, addition, removal or rename changes it. `None` when
/// a folder cannot be read through (a loop of links, a folder without permission): such a
/// site is never taken for up to date.
pub fn inputs_digest(root: &Path) -> Option<u128> {
    use rayon::prelude::*;
    let mut entries: Vec<PathBuf> = vec![root.join("site.toml")];
    for folder in ["content", "templates", "static"] {
        let folder = root.join(folder);
        if fs::symlink_metadata(&folder).is_err() {
            // No such folder: its absence is in the digest as the absence of its name.
            continue;
        }
        let walk = walkdir::WalkDir::new(folder)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walk {
            match entry {
                Ok(e) => entries.push(e.into_path()),
                Err(_) => return None,
            }
        }
    }
    let digests: Vec<u128> = entries
        .par_iter()
        .map(|path| {
            let mut d = crate::digest::Digest::new();
            let name = path.strip_prefix(root).unwrap_or(path);
            d.bytes(name.as_os_str().as_encoded_bytes());
            if let Ok(target) = fs::read_link(path) {
                d.bytes(target.as_os_str().as_encoded_bytes());
            }
            match fs::read(path) {
                Ok(bytes) => d.u64(1).bytes(&bytes),
                Err(_) if path.is_dir() => d.u64(2),
                Err(e) => d.u64(3).str(&e.to_string()),
            };
            d.finish()
        })
        .collect();
    let mut all = crate::digest::Digest::new();
    for d in digests {
        all.u128(d);
    }
    Some(all.finish())
}

/// Whether the output folder holds exactly the files a build wrote, each as it was written.
pub fn output_intact(output: &Path, files: &HashMap<String, (u128, Stamp)>) -> bool {
    use rayon::prelude::*;
    let mut found = 0;
    for entry in walkdir::WalkDir::new(output).min_depth(1) {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => {
                let name = e.path().strip_prefix(output).unwrap_or(e.path());
                match name.to_str() {
                    Some(name) if files.contains_key(name) || name == crate::output::MARKER => {
                        found += 1
                    }
                    _ => return false,
                }
            }
            Err(_) => return false,
        }
    }
    found == files.len() + 1
        && files
            .par_iter()
            .all(|(file, (_, stamp))| Stamp::of(&output.join(file)).is_ok_and(|s| s == *stamp))
}

#[cfg(test)]
mod tests {
    use super::inputs_digest;

    #[test]
    fn every_edit_of_a_site_file_changes_the_inputs_digest() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        let digest = || inputs_digest(site).expect("a readable site");
        let empty = digest();
        std::fs::write(site.join("site.toml"), "title = \"A\"").unwrap();
        let settings = digest();
        assert_ne!(empty, settings);
        std::fs::write(site.join("site.toml"), "title = \"B\"").unwrap();
        assert_ne!(settings, digest());
        std::fs::create_dir_all(site.join("content/world")).unwrap();
        let folder = digest();
        std::fs::write(site.join("content/world/a.md"), "x").unwrap();
        let file = digest();
        assert_ne!(folder, file);
        std::fs::rename(
            site.join("content/world/a.md"),
            site.join("content/world/b.md"),
        )
        .unwrap();
        assert_ne!(file, digest(), "a rename changes it");
        std::fs::create_dir_all(site.join("templates")).unwrap();
        std::fs::write(site.join("templates/tag.html"), "").unwrap();
        assert_ne!(file, digest());
    }

    #[cfg(unix)]
    #[test]
    fn a_loop_of_links_is_never_up_to_date() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::os::unix::fs::symlink("..", dir.path().join("content/up")).unwrap();
        assert_eq!(inputs_digest(dir.path()), None);
    }
}

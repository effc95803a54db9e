//! The build cache, in `.newsdesk/` beside site.toml: what the last build wrote, page by
//! page, so that the next build renders only the pages whose fingerprint changed and takes
//! the others from the previous output: the staging folder starts as the spare copy of the
//! output the previous build left (`output::Retired::keep_as_spare`), or, without one, the
//! unchanged files are hard-linked into an empty staging folder. The atomic swap stays as it is.
//!
//! Nothing in it is trusted on its word. A file of the previous output is taken only when
//! the cache was written by this very newsdesk (same version, same sources), for this output
//! folder, names the page's current fingerprint, and the file is still the one the build
//! wrote (same inode, size and modification time). The folders of the output and of the spare
//! are stamped too, so a file added, removed or renamed in them by hand is noticed. A cache
//! that is missing, unreadable, corrupt or from another newsdesk is ignored and written anew
//! after the build.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::site::ParsedFile;

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
        Stamp::of_kind(path, false)
    }

    /// The stamp of the folder at `path`: it changes when an entry is added to the folder,
    /// removed from it or renamed in it.
    pub fn of_folder(path: &Path) -> io::Result<Stamp> {
        Stamp::of_kind(path, true)
    }

    fn of_kind(path: &Path, folder: bool) -> io::Result<Stamp> {
        let meta = fs::symlink_metadata(path)?;
        if (folder && !meta.is_dir()) || (!folder && !meta.is_file()) {
            return Err(io::Error::other("not the kind of entry stamped"));
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
    /// Every folder of the output ("" for the output itself), stamped after the build: a
    /// file added anywhere in the output changes one of them.
    folders: Vec<(String, Stamp)>,
    /// The spare copy of the output that the build left beside it, its folders stamped;
    /// `None` when it left none.
    spare: Option<Vec<(String, Stamp)>>,
    finished: Finished,
}

/// The previous build of one output: its files and what it was made from.
pub struct PageCache {
    output: PathBuf,
    pages: HashMap<String, (u128, Stamp)>,
    folders: Vec<(String, Stamp)>,
    spare: Option<Vec<(String, Stamp)>>,
    finished: Finished,
}

/// The folders holding `files` (paths relative to an output), and the output itself ("").
pub fn folders_of<'a>(files: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut folders = std::collections::BTreeSet::from([String::new()]);
    for file in files {
        let mut at = file;
        while let Some((parent, _)) = at.rsplit_once('/') {
            if !folders.insert(parent.to_string()) {
                break;
            }
            at = parent;
        }
    }
    folders.into_iter().collect()
}

/// The stamps of `folders` under `root`, in parallel; `None` if one cannot be stamped.
pub fn stamp_folders(root: &Path, folders: &[String]) -> Option<Vec<(String, Stamp)>> {
    use rayon::prelude::*;
    folders
        .par_iter()
        .map(|f| Some((f.clone(), Stamp::of_folder(&root.join(f)).ok()?)))
        .collect()
}

/// Whether every folder of `stamped` under `root` is still as stamped.
fn folders_intact(root: &Path, stamped: &[(String, Stamp)]) -> bool {
    use rayon::prelude::*;
    stamped
        .par_iter()
        .all(|(f, stamp)| Stamp::of_folder(&root.join(f)).is_ok_and(|s| s == *stamp))
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
            folders: stored.folders,
            spare: stored.spare,
            finished: stored.finished,
        })
    }

    /// The stamp the page at `file` had when the previous build wrote it, if that build wrote
    /// it with this `fingerprint`: the caller checks that the file it means to take is still
    /// that file.
    pub fn unchanged(&self, file: &str, fingerprint: u128) -> Option<Stamp> {
        self.pages
            .get(file)
            .filter(|(was, _)| *was == fingerprint)
            .map(|(_, stamp)| *stamp)
    }

    /// The file of the previous output at `file` (relative to the output).
    pub fn old_file(&self, file: &str) -> PathBuf {
        self.output.join(file)
    }

    /// Every file the previous build wrote, relative to the output.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.pages.keys().map(String::as_str)
    }

    /// Whether the spare copy the previous build left beside the output is still as it left
    /// it: no file was added to it, removed from it or renamed in it since.
    pub fn spare_intact(&self) -> bool {
        let spare = crate::output::spare_of(&self.output);
        self.spare
            .as_ref()
            .is_some_and(|folders| folders_intact(&spare, folders))
    }

    /// Whether the folder `dir` (the previous output, out of the output's place after the
    /// swap) still holds only what the previous build put there: no file was added to it,
    /// removed or renamed since. Its files' contents are checked one by one as they are taken.
    pub fn retired_intact(&self, dir: &Path) -> bool {
        folders_intact(dir, &self.folders)
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
            && output_intact(&self.output, &self.pages, &self.folders))
        .then_some(&f.recap)
    }

    /// Writes the cache of the build that just put `pages` into `output` (its real path).
    /// The file is replaced in one rename, so a killed build never leaves half a cache.
    pub fn save(
        root: &Path,
        output: &Path,
        pages: Vec<Written>,
        spare: Option<Vec<(String, Stamp)>>,
        finished: Finished,
    ) -> io::Result<()> {
        let path = pages_file(root, output);
        let folder = path.parent().expect("the cache file is in a folder");
        fs::create_dir_all(folder)?;
        let folders = folders_of(pages.iter().map(|w| w.file.as_str()));
        let folders = stamp_folders(output, &folders)
            .ok_or_else(|| io::Error::other("a folder of the output cannot be stamped"))?;
        let stored = Stored {
            format: format(),
            output: output.to_path_buf(),
            pages,
            folders,
            spare,
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

/// What a build reads from the site folder, digested: site.toml, and the name, the link
/// target (for a symbolic link) and the bytes of every file under content/, templates/ and
/// static/.
pub struct Inputs {
    /// Of everything: any edit, addition, removal or rename changes it. `None` when a folder
    /// cannot be read through (a loop of links, a folder without permission): such a site is
    /// never taken for up to date.
    pub digest: Option<u128>,
    /// [`crate::digest::of_content`] of each file's bytes, by its path relative to the site.
    pub contents: HashMap<PathBuf, u128>,
}

/// A file of the site as the last build read it, and the digest of its bytes then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Seen {
    size: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
    content: u128,
}

impl Seen {
    /// The stamp of the file `meta` describes, with `content` its digest.
    fn of(meta: &fs::Metadata, content: u128) -> Seen {
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        Seen {
            size: meta.len(),
            modified_ns,
            changed_ns: changed_ns(meta),
            inode: inode(meta),
            content,
        }
    }
}

/// When the file's inode last changed: a write, a rename, a change of its times by hand.
#[cfg(unix)]
fn changed_ns(meta: &fs::Metadata) -> i128 {
    use std::os::unix::fs::MetadataExt;
    i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec())
}

#[cfg(not(unix))]
fn changed_ns(_: &fs::Metadata) -> i128 {
    0
}

/// The digests of the site's files as the last build read them, by path, with each file's
/// stamp then (`.newsdesk/build/contents`): a file whose size, times and inode are the same
/// is not read again. Git's rule for its index keeps it honest: a file changed less than
/// [`RACY_NS`] before the digests were taken may change again within the same tick of the
/// file system's clock, keeping its stamp, so it is read again.
#[derive(Serialize, Deserialize, Default)]
struct Contents {
    format: String,
    /// When the files were stamped.
    taken_ns: i128,
    files: HashMap<PathBuf, Seen>,
}

/// How long before the digests were taken a file's change must be for its stamp to be
/// trusted: coarser than any file system's clock (FAT's is 2 s).
const RACY_NS: i128 = 3_000_000_000;

fn contents_file(root: &Path) -> PathBuf {
    root.join(FOLDER).join("build").join("contents")
}

impl Contents {
    fn load(root: &Path) -> Contents {
        fs::read(contents_file(root))
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Contents>(&bytes).ok())
            .filter(|c| c.format == format())
            .unwrap_or_default()
    }

    /// Whether `seen` was stamped long enough before the digests were taken to be trusted.
    fn settled(&self, seen: &Seen) -> bool {
        seen.modified_ns < self.taken_ns - RACY_NS && seen.changed_ns < self.taken_ns - RACY_NS
    }

    /// The digest last taken of the file `name`, if the file is as it was then (`meta`).
    fn known(&self, name: &Path, meta: &fs::Metadata) -> Option<u128> {
        let seen = self.files.get(name)?;
        (Seen::of(meta, seen.content) == *seen && self.settled(seen)).then_some(seen.content)
    }

    fn save(&self, root: &Path) -> io::Result<()> {
        let path = contents_file(root);
        fs::create_dir_all(path.parent().expect("the file is in a folder"))?;
        let bytes = postcard::to_allocvec(self).map_err(io::Error::other)?;
        let partial = path.with_extension(format!("partial-{}", std::process::id()));
        fs::write(&partial, bytes)?;
        fs::rename(&partial, &path)
    }
}

/// The time now, in nanoseconds since 1970.
fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

/// Reads and digests every file a build reads from the site in `root` ([`Inputs`]). A file
/// whose stamp is the one the last build saw is not read again (its digest is the one kept
/// then), and the digests are kept for the next build.
pub fn inputs_digest(root: &Path) -> Inputs {
    inputs_digest_with(root, true)
}

/// [`inputs_digest`]; without `cached` (`--no-cache`), every file is read and nothing kept.
pub fn inputs_digest_with(root: &Path, cached: bool) -> Inputs {
    use rayon::prelude::*;
    let taken_ns = now_ns();
    let known = if cached {
        Contents::load(root)
    } else {
        Contents::default()
    };
    // Each entry, and whether it is a symbolic link (whose target is digested too).
    let mut entries: Vec<(PathBuf, bool)> = vec![(root.join("site.toml"), true)];
    let mut readable = true;
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
                Ok(e) => {
                    let link = e.path_is_symlink();
                    entries.push((e.into_path(), link));
                }
                Err(_) => readable = false,
            }
        }
    }
    type Found = (u128, Option<(PathBuf, u128)>, Option<Seen>);
    let digests: Vec<Found> = entries
        .par_iter()
        .map(|(path, link)| {
            let mut d = crate::digest::Digest::new();
            let name = path.strip_prefix(root).unwrap_or(path);
            d.bytes(name.as_os_str().as_encoded_bytes());
            if *link && let Ok(target) = fs::read_link(path) {
                d.bytes(target.as_os_str().as_encoded_bytes());
            }
            let mut content = None;
            let mut seen = None;
            let meta = fs::metadata(path);
            let earlier = meta
                .as_ref()
                .ok()
                .filter(|m| m.is_file())
                .and_then(|m| known.known(name, m));
            let read = match earlier {
                Some(c) => Ok(c),
                None => fs::read(path).map(|bytes| crate::digest::of_content(&bytes)),
            };
            match read {
                Ok(c) => {
                    d.u64(1).u128(c);
                    content = Some((name.to_path_buf(), c));
                    seen = meta.as_ref().ok().map(|m| Seen::of(m, c));
                }
                Err(_) if path.is_dir() => {
                    d.u64(2);
                }
                Err(e) => {
                    d.u64(3).str(&e.to_string());
                }
            };
            (d.finish(), content, seen)
        })
        .collect();
    let mut all = crate::digest::Digest::new();
    let mut contents = HashMap::with_capacity(digests.len());
    let mut now = Contents {
        format: format(),
        taken_ns,
        files: HashMap::with_capacity(digests.len()),
    };
    for (d, content, seen) in digests {
        all.u128(d);
        if let (Some((name, _)), Some(seen)) = (&content, seen) {
            now.files.insert(name.clone(), seen);
        }
        contents.extend(content);
    }
    // Kept again only when something differs, or when a file the last digests could not
    // trust yet may be trusted from now on.
    let changed = now.files.len() != known.files.len()
        || now
            .files
            .iter()
            .any(|(name, seen)| known.files.get(name) != Some(seen) || !known.settled(seen));
    if cached && changed {
        let _ = now.save(root);
    }
    Inputs {
        digest: readable.then(|| all.finish()),
        contents,
    }
}

/// What the headers of the site's photos said, by the digest of their bytes
/// (`.newsdesk/build/photos`), so that a build whose photos did not change opens none.
#[derive(Serialize, Deserialize, Default)]
struct PhotoHeaders {
    format: String,
    headers: HashMap<u128, crate::site::photos::Header>,
}

fn photo_headers_file(root: &Path) -> PathBuf {
    root.join(FOLDER).join("build").join("photos")
}

/// The photo headers the last build kept (none from another newsdesk, or unreadable).
pub fn photo_headers(root: &Path) -> HashMap<u128, crate::site::photos::Header> {
    fs::read(photo_headers_file(root))
        .ok()
        .and_then(|bytes| postcard::from_bytes::<PhotoHeaders>(&bytes).ok())
        .filter(|h| h.format == format())
        .map(|h| h.headers)
        .unwrap_or_default()
}

/// Keeps the headers of `photos` for the next build, when they are not those kept already.
pub fn keep_photo_headers(
    root: &Path,
    photos: &crate::site::photos::Photos,
    kept: &HashMap<u128, crate::site::photos::Header>,
) -> io::Result<()> {
    let headers: HashMap<u128, crate::site::photos::Header> = photos
        .by_path
        .values()
        .map(|p| {
            let header = crate::site::photos::Header {
                format: p.format,
                width: p.width,
                height: p.height,
            };
            (p.digest, header)
        })
        .collect();
    if headers == *kept {
        return Ok(());
    }
    let path = photo_headers_file(root);
    fs::create_dir_all(path.parent().expect("the file is in a folder"))?;
    let bytes = postcard::to_allocvec(&PhotoHeaders {
        format: format(),
        headers,
    })
    .map_err(io::Error::other)?;
    let partial = path.with_extension(format!("partial-{}", std::process::id()));
    fs::write(&partial, bytes)?;
    fs::rename(&partial, &path)
}

/// Article files as the last build read them, kept in [`SHARDS`] files under
/// `.newsdesk/build/articles/` (by a digest of the file's path), so that a build reads and
/// parses again only the files whose bytes changed, and writes again only the shards that
/// hold one of them. A shard written by another newsdesk, or for other settings, is empty.
pub struct ArticleCache {
    folder: PathBuf,
    /// Digest of what reading an article depends on besides its bytes (site.toml, --base-url).
    context: u128,
    shards: Vec<HashMap<PathBuf, ParsedFile>>,
}

/// How many files the article cache is split into.
pub const SHARDS: usize = 64;

#[derive(Deserialize)]
struct ArticleShard {
    format: String,
    context: u128,
    files: Vec<(PathBuf, ParsedFile)>,
}

/// What [`ArticleShard`] is read from.
#[derive(Serialize)]
struct ArticleShardRef<'a> {
    format: &'a str,
    context: u128,
    files: &'a [(&'a PathBuf, &'a ParsedFile)],
}

fn shard_of(path: &Path) -> usize {
    (crate::digest::of_bytes(path.as_os_str().as_encoded_bytes()) % SHARDS as u64) as usize
}

impl ArticleCache {
    /// The article cache of the site in `root`, for reading with the settings of `context`
    /// ([`ArticleCache::context`]).
    pub fn load(root: &Path, context: u128) -> ArticleCache {
        use rayon::prelude::*;
        let folder = root.join(FOLDER).join("build").join("articles");
        let format = format();
        let shards = (0..SHARDS)
            .into_par_iter()
            .map(|k| {
                let Ok(bytes) = fs::read(folder.join(format!("{k:02}"))) else {
                    return HashMap::new();
                };
                match postcard::from_bytes::<ArticleShard>(&bytes) {
                    Ok(shard) if shard.format == format && shard.context == context => {
                        shard.files.into_iter().collect()
                    }
                    _ => HashMap::new(),
                }
            })
            .collect();
        ArticleCache {
            folder,
            context,
            shards,
        }
    }

    /// What reading an article file depends on besides its bytes: site.toml (as `inputs`
    /// read it) and the base URL given on the command line.
    pub fn context(inputs: &Inputs, base_url: Option<&str>) -> u128 {
        let mut d = crate::digest::Digest::new();
        match inputs.contents.get(Path::new("site.toml")) {
            Some(c) => d.u64(1).u128(*c),
            None => d.u64(0),
        };
        d.str(base_url.unwrap_or("\u{0}"));
        d.finish()
    }

    /// The file `source` as the last build read it, if its bytes were `content`.
    pub fn get(&self, source: &Path, content: u128) -> Option<ParsedFile> {
        self.shards[shard_of(source)]
            .get(source)
            .filter(|p| p.content == Some(content))
            .cloned()
    }

    /// Keeps `files` (every article file as this build read it) for the next build: writes
    /// the shards whose files differ from those loaded, each replaced in one rename.
    pub fn save(&self, files: &BTreeMap<PathBuf, ParsedFile>) -> io::Result<()> {
        use rayon::prelude::*;
        let mut shards: Vec<Vec<(&PathBuf, &ParsedFile)>> = vec![Vec::new(); SHARDS];
        for (path, parsed) in files.iter().filter(|(_, p)| p.content.is_some()) {
            shards[shard_of(path)].push((path, parsed));
        }
        fs::create_dir_all(&self.folder)?;
        let format = format();
        shards
            .par_iter()
            .enumerate()
            .filter(|(k, files)| {
                let loaded = &self.shards[*k];
                files.len() != loaded.len()
                    || files.iter().any(|(path, parsed)| {
                        loaded.get(*path).map(|p| p.content) != Some(parsed.content)
                    })
            })
            .try_for_each(|(k, files)| {
                let shard = ArticleShardRef {
                    format: &format,
                    context: self.context,
                    files,
                };
                let bytes = postcard::to_allocvec(&shard).map_err(io::Error::other)?;
                let partial = self.folder.join(format!(".{k:02}.{}", std::process::id()));
                fs::write(&partial, bytes)?;
                fs::rename(&partial, self.folder.join(format!("{k:02}")))
            })
    }
}

/// Whether the output folder holds exactly the files a build wrote, each as it was written:
/// its folders as stamped (no entry added, removed or renamed) and every file as stamped.
fn output_intact(
    output: &Path,
    files: &HashMap<String, (u128, Stamp)>,
    folders: &[(String, Stamp)],
) -> bool {
    use rayon::prelude::*;
    folders_intact(output, folders)
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
        let digest = || inputs_digest(site).digest.expect("a readable site");
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
        // A link led elsewhere, to a file of the same bytes: its target is in the digest.
        #[cfg(unix)]
        {
            std::fs::create_dir_all(site.join("static")).unwrap();
            std::fs::write(site.join("static/one.txt"), "same").unwrap();
            std::fs::write(site.join("static/two.txt"), "same").unwrap();
            std::os::unix::fs::symlink("one.txt", site.join("static/link.txt")).unwrap();
            let before = digest();
            std::fs::remove_file(site.join("static/link.txt")).unwrap();
            std::os::unix::fs::symlink("two.txt", site.join("static/link.txt")).unwrap();
            assert_ne!(before, digest(), "a link's new target changes it");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_loop_of_links_is_never_up_to_date() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::os::unix::fs::symlink("..", dir.path().join("content/up")).unwrap();
        assert_eq!(inputs_digest(dir.path()).digest, None);
    }
}

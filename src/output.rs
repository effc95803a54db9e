//! Writing the site (SPEC 9.6). The output folder is checked before anything is built
//! ([`Output::resolve`]): a build only replaces a folder newsdesk wrote. Builds of one output
//! take turns ([`Output::lock`]). Everything is written to a staging folder beside the output,
//! which takes the output's place in one atomic swap once the whole site is written: at every
//! instant the output path holds the old complete site or the new one, and a failed build
//! leaves the previous output exactly as it was.

use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostics::Diagnostic;

/// The file newsdesk writes into every output: a folder holding it is a previous output, which
/// the next build may replace. Outputs of a newsdesk older than this file hold none.
pub const MARKER: &str = ".newsdesk-output";

const MARKER_TEXT: &str =
    "Written by `newsdesk build`: the next build replaces this folder and everything in it.\n";

/// The folder a build writes to, checked against the rules of SPEC 9.6.
#[derive(Debug, Clone)]
pub struct Output {
    /// The real folder, symbolic links followed: what the swap replaces.
    path: PathBuf,
    /// `--output` as given, when it is a symbolic link (which is never replaced).
    link: Option<PathBuf>,
}

impl Output {
    /// Checks `given` (`--output`) for the site in `site`. Refused, with what to do: the site
    /// folder or a folder holding it, anything inside content/, templates/ or static/, an
    /// existing file, and a non-empty folder without [`MARKER`] (unless `force`). A symbolic
    /// link is followed: the build goes to the folder it names.
    pub fn resolve(site: &Path, given: &Path, force: bool) -> Result<Output, Diagnostic> {
        let cannot = |e: io::Error| {
            Diagnostic::error(given, format!("cannot look at the output folder: {e}"))
                .help("check that the folder above it exists and can be read")
        };
        let link = fs::symlink_metadata(given)
            .is_ok_and(|m| m.file_type().is_symlink())
            .then(|| given.to_path_buf());
        let path = real_path(given).map_err(cannot)?;
        let what = match &link {
            Some(_) => format!("the output is a link to {}, which", path.display()),
            None => "the output".to_string(),
        };
        let refuse =
            |message: String, help: String| Err(Diagnostic::error(given, message).help(help));
        let elsewhere = "write the site to a folder of its own, e.g. --output public (the default)";
        let site = real_path(site).map_err(cannot)?;
        if path == site {
            return refuse(
                format!("{what} is the site folder itself"),
                format!("the build replaces its output with the site; {elsewhere}"),
            );
        }
        if site.starts_with(&path) {
            return refuse(
                format!("{what} holds the site folder"),
                format!("the build replaces its output with the site; {elsewhere}"),
            );
        }
        for source in ["content", "templates", "static"] {
            let dir = real_path(&site.join(source)).map_err(cannot)?;
            if path.starts_with(&dir) {
                let place = if path == dir { "is" } else { "is inside" };
                return refuse(
                    format!("{what} {place} the site's {source}/ folder"),
                    format!("the build replaces its output with the site; {elsewhere}"),
                );
            }
        }
        match fs::metadata(&path) {
            Ok(meta) if !meta.is_dir() => refuse(
                format!("{what} is a file, not a folder"),
                "move the file away or choose another --output; newsdesk never replaces a file"
                    .into(),
            ),
            Ok(_) if !force => match foreign_entry(&path).map_err(cannot)? {
                Some((first, others)) => refuse(
                    format!(
                        "{what} is a folder newsdesk did not write (it holds {first}{}) and has no {MARKER}",
                        match others {
                            0 => String::new(),
                            1 => " and 1 other entry".into(),
                            n => format!(" and {n} other entries"),
                        }
                    ),
                    "choose a new or empty folder, or pass --force to replace the folder and \
                     everything in it with the site (an output of an older newsdesk has no \
                     marker: --force once)"
                        .into(),
                ),
                None => Ok(Output { path, link }),
            },
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(cannot(e)),
            _ => Ok(Output { path, link }),
        }
    }

    /// The real folder the site is written to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `--output` as given, when it is a symbolic link to [`Output::path`].
    pub fn link(&self) -> Option<&Path> {
        self.link.as_deref()
    }

    /// Takes the lock beside the output (`.public.lock`, holding the builder's process id), so
    /// that two builds of one output never run at once: if another build holds it, calls
    /// `waiting` with that build's process id (when known) and waits for it. The lock is the
    /// operating system's (flock on Unix), so a killed build never leaves it held. The file is
    /// removed when the lock is released; a build that waited on a removed file locks anew.
    pub fn lock(&self, waiting: impl FnOnce(Option<u32>)) -> io::Result<Lock> {
        if let Some(parent) = self.path.parent() {
            fs::create_dir_all(parent)?;
        }
        let path = beside(&self.path, "lock");
        let mut waiting = Some(waiting);
        loop {
            let mut file = File::options()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    if let Some(waiting) = waiting.take() {
                        let mut holder = String::new();
                        let _ = file.read_to_string(&mut holder);
                        waiting(holder.trim().parse().ok());
                    }
                    file.lock()?;
                }
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
            if !same_file(&file, &path) {
                continue;
            }
            file.set_len(0)?;
            file.rewind()?;
            writeln!(file, "{}", std::process::id())?;
            return Ok(Lock { path, _file: file });
        }
    }

    /// Removes what killed builds left beside the output, under `lock` (a build with nothing
    /// to write still tidies up).
    pub fn tidy(&self, _lock: &Lock) -> io::Result<()> {
        self.remove_leftovers()
    }

    /// Removes what killed builds left beside the output (`.public.staging-<pid>`,
    /// `.public.old-<pid>`). Called under the lock, so none of them belongs to a running build.
    /// If a build died between the two renames of [`Staging::commit`]'s fallback, the output is
    /// missing and its old folder is the last complete site: that is put back first.
    fn remove_leftovers(&self) -> io::Result<()> {
        let Some(parent) = self.path.parent() else {
            return Ok(());
        };
        let staging = beside(&self.path, "staging-");
        let old = beside(&self.path, "old-");
        let is = |path: &Path, prefix: &Path| {
            let (path, prefix) = (path.to_string_lossy(), prefix.to_string_lossy());
            path.strip_prefix(&*prefix)
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        };
        let mut leftovers: Vec<PathBuf> = fs::read_dir(parent)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is(p, &staging) || is(p, &old))
            .collect();
        leftovers.sort();
        if fs::symlink_metadata(&self.path).is_err()
            && let Some(at) = leftovers.iter().position(|p| is(p, &old))
        {
            fs::rename(leftovers.remove(at), &self.path)?;
        }
        for path in leftovers {
            if fs::symlink_metadata(&path)?.is_dir() {
                fs::remove_dir_all(&path)?;
            } else {
                fs::remove_file(&path)?;
            }
        }
        Ok(())
    }
}

/// A build's hold on its output folder; released when dropped, or when the process ends.
pub struct Lock {
    #[cfg_attr(not(unix), allow(dead_code))]
    path: PathBuf,
    _file: File,
}

impl Drop for Lock {
    /// Removes the lock file while still holding it (the file closes after this); a build
    /// waiting on it then sees it was removed ([`same_file`]) and locks a new one. Only on
    /// Unix, where a file's identity can be checked; elsewhere the file stays.
    fn drop(&mut self) {
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether `path` still names the open `file` (the lock file was not removed meanwhile).
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere the lock file is never removed (see [`Lock`]'s `Drop`), so it is always the same.
#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    true
}

/// The first entry of a non-empty folder that is not a previous output, and how many others
/// it holds; `None` for an empty folder or one holding [`MARKER`].
fn foreign_entry(dir: &Path) -> io::Result<Option<(String, usize)>> {
    if dir.join(MARKER).is_file() {
        return Ok(None);
    }
    let mut names: Vec<String> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<io::Result<_>>()?;
    names.sort();
    let others = names.len().saturating_sub(1);
    Ok(names.into_iter().next().map(|first| (first, others)))
}

/// `path` made absolute with every symbolic link in it followed, the way the kernel follows
/// them; parts that do not exist yet are kept as they are.
fn real_path(path: &Path) -> io::Result<PathBuf> {
    real_path_at(path, 0)
}

fn real_path_at(path: &Path, depth: usize) -> io::Result<PathBuf> {
    if depth > 40 {
        return Err(io::Error::other("too many levels of symbolic links"));
    }
    let mut real = PathBuf::new();
    for component in std::path::absolute(path)?.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => {
                real.push(name);
                if fs::symlink_metadata(&real).is_ok_and(|m| m.file_type().is_symlink()) {
                    let target = fs::read_link(&real)?;
                    real.pop();
                    real = real_path_at(&real.join(target), depth + 1)?;
                }
            }
            other => real.push(other),
        }
    }
    Ok(real)
}

/// `public` -> `.public.<what>` beside it, on the same file system so renames are atomic.
fn beside(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.{what}"))
}

/// `public` -> `.public.<what>-<pid>`: this build's own folder beside the output.
fn sibling(output: &Path, what: &str) -> PathBuf {
    beside(output, &format!("{what}-{}", std::process::id()))
}

/// Files that could not be written, grouped by what went wrong (a full disk fails every file
/// the same way: that is one problem, not thousands).
#[derive(Default)]
struct WriteFailures(Mutex<Vec<WriteFailure>>);

struct WriteFailure {
    error: String,
    first: String,
    count: usize,
}

/// A staging folder for one build.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    /// The folder started as the spare copy of the previous output (see [`Staging::from_spare`]):
    /// its files share their inodes with the output's, so none may be written in place.
    from_spare: bool,
    committed: bool,
    files: AtomicUsize,
    failures: WriteFailures,
    _lock: Lock,
}

impl Staging {
    /// Creates an empty staging folder for `output` (holding only [`MARKER`]), under `lock`,
    /// after removing what killed builds left.
    pub fn create(output: &Output, lock: Lock) -> io::Result<Staging> {
        output.remove_leftovers()?;
        let dir = sibling(&output.path, "staging");
        fs::create_dir_all(&dir)?;
        fs::write(dir.join(MARKER), MARKER_TEXT)?;
        Ok(Staging {
            output: output.path.clone(),
            dir,
            from_spare: false,
            committed: false,
            files: AtomicUsize::new(0),
            failures: WriteFailures::default(),
            _lock: lock,
        })
    }

    /// A staging folder for `output` that starts as the spare copy of the previous output
    /// (`.public.spare`, left by [`Retired::keep_as_spare`]), under `lock`: the build then
    /// writes only the files that changed and removes those that went. The spare is taken
    /// with one rename, so a build killed meanwhile leaves a staging folder (removed as a
    /// leftover), never a half-updated spare. `None` when there is no spare.
    pub fn from_spare(output: &Output, lock: Lock) -> Result<Staging, Lock> {
        if output.remove_leftovers().is_err() {
            return Err(lock);
        }
        let dir = sibling(&output.path, "staging");
        if fs::rename(spare_of(&output.path), &dir).is_err() {
            return Err(lock);
        }
        Ok(Staging {
            output: output.path.clone(),
            dir,
            from_spare: true,
            committed: false,
            files: AtomicUsize::new(0),
            failures: WriteFailures::default(),
            _lock: lock,
        })
    }

    /// Whether the folder started as the spare copy of the previous output.
    pub fn reuses_spare(&self) -> bool {
        self.from_spare
    }

    /// Counts a file the spare already holds as it should be.
    pub fn keep(&self) {
        self.files.fetch_add(1, Ordering::Relaxed);
    }

    /// Removes the file at `relative` (a file of the previous output that this build does not
    /// write), and the folders it leaves empty.
    pub fn remove(&self, relative: &str) -> io::Result<()> {
        remove_file_and_empty_folders(&self.dir, relative)
    }

    /// A file of the spare shares its inode with the live output's: it is unlinked before
    /// anything is written at its path, so the output never changes under a reader.
    fn make_room(&self, path: &Path) {
        if self.from_spare {
            let _ = fs::remove_file(path);
        }
    }

    /// The staging folder (where files are written before the swap).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many files were written so far.
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Writes one file, `relative` to the output root (`tags/energy/index.html`). A failure is
    /// kept for [`Staging::write_failures`].
    pub fn write(&self, relative: &str, bytes: &[u8]) {
        let path = self.dir.join(relative);
        self.make_room(&path);
        // The folder is made only when the write finds it missing: most are there already,
        // or are made once for the first of their files.
        let written = match fs::write(&path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => match path.parent() {
                Some(parent) => fs::create_dir_all(parent).and_then(|()| fs::write(&path, bytes)),
                None => Err(e),
            },
            written => written,
        };
        match written {
            Ok(()) => {
                self.files.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => self.failures.add(relative, &e),
        }
    }

    /// What could not be written: one error per distinct cause, naming the first file and
    /// how many others failed the same way. Empty when every file was written.
    pub fn write_failures(&self) -> Vec<Diagnostic> {
        let mut failures = self.failures.0.lock().unwrap_or_else(|e| e.into_inner());
        failures.sort_by(|a, b| a.error.cmp(&b.error));
        let place = self.output.parent().unwrap_or(&self.output);
        failures
            .iter()
            .map(|f| {
                let others = match f.count - 1 {
                    0 => String::new(),
                    1 => " and 1 other file".into(),
                    n => format!(" and {n} other files"),
                };
                Diagnostic::error(
                    &self.output,
                    format!("cannot write {}{others}: {}", f.first, f.error),
                )
                .help(format!(
                    "make room on the disk holding {} (or let newsdesk write there), then build again",
                    place.display()
                ))
            })
            .collect()
    }

    /// Puts the file `from` (a file of the previous output, unchanged) at `relative` as a
    /// hard link: no byte is copied. An error means the file must be written instead.
    pub fn link(&self, relative: &str, from: &Path) -> io::Result<()> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::hard_link(from, &path)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Puts the file `from` (a photo's copy in the photo cache) at `relative` as a hard link,
    /// or a copy where no link can be made (another file system). A spare's file that is
    /// already that file is kept as it is.
    pub fn place(&self, relative: &str, from: &Path) -> io::Result<()> {
        let path = self.dir.join(relative);
        if self.reuses_spare()
            && let (Ok(there), Ok(wanted)) = (fs::metadata(&path), fs::metadata(from))
            && one_file(&there, &wanted)
        {
            self.files.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        self.make_room(&path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        if fs::hard_link(from, &path).is_err() {
            fs::copy(from, &path)?;
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// The path a file `relative` to the output root has in the staging folder.
    pub fn path_of(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }

    /// Copies the file `from` (one of the site's static files) to `relative`, as
    /// [`Staging::write`] writes, without reading it into memory.
    pub fn copy(&self, relative: &str, from: &Path) -> io::Result<()> {
        let path = self.dir.join(relative);
        self.make_room(&path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        match fs::copy(from, &path) {
            Ok(_) => {
                self.files.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
            Err(e) if fs::metadata(from).is_ok() => {
                // The source is there: writing failed (a full disk), as page writes can.
                self.failures.add(relative, &e);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Puts the staged site in the output's place. Where the system can, one atomic exchange
    /// of the two folders (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on
    /// macOS); a first build renames the staging folder into place. Elsewhere (Windows, or a
    /// file system without the exchange) two renames: output -> `.public.old-<pid>`, staging ->
    /// output, with a moment between them when the output path is missing; the next build puts
    /// the old folder back if a build died in that moment. Returns the previous site, which is
    /// removed when the [`Retired`] is dropped unless it is kept as the spare.
    pub fn commit(mut self) -> Result<Option<Retired>, CommitError> {
        let output = self.output.clone();
        if fs::symlink_metadata(&output).is_err() {
            fs::rename(&self.dir, &output).map_err(CommitError::Untouched)?;
            self.committed = true;
            return Ok(None);
        }
        if exchange(&self.dir, &output).map_err(CommitError::Untouched)? {
            self.committed = true;
            // The staging path now holds the previous site. Should removing it fail, the next
            // build removes it as a leftover.
            return Ok(Some(Retired {
                dir: self.dir.clone(),
                output,
                kept: false,
            }));
        }
        let old = sibling(&output, "old");
        fs::rename(&output, &old).map_err(CommitError::Untouched)?;
        if let Err(e) = fs::rename(&self.dir, &output) {
            // Put the previous site back: a failed build must not lose it.
            return Err(match fs::rename(&old, &output) {
                Ok(()) => CommitError::Untouched(e),
                Err(_) => CommitError::Moved { error: e, old },
            });
        }
        self.committed = true;
        Ok(Some(Retired {
            dir: old,
            output,
            kept: false,
        }))
    }
}

/// The previous site, out of the output's place after the swap, in a folder of this build's
/// (`.public.staging-<pid>` or `.public.old-<pid>`, so a killed build leaves a leftover that
/// the next build removes). Removed when dropped, unless kept as the spare.
pub struct Retired {
    dir: PathBuf,
    output: PathBuf,
    kept: bool,
}

impl Retired {
    /// Makes the previous site a copy of the new one and keeps it beside the output as
    /// `.public.spare`, for the next build to start from ([`Staging::from_spare`]) instead of
    /// an empty folder: the files in `fresh` (written by this build) are hard-linked from the
    /// output in place of the old ones, and those in `gone` (the previous build's files
    /// that this one did not write) are removed, with the folders they leave empty. Every
    /// file of the spare is then the same file as the output's: it costs no space.
    /// Returns the spare's path.
    pub fn keep_as_spare<'a>(
        mut self,
        fresh: impl Iterator<Item = &'a str>,
        gone: impl Iterator<Item = &'a str>,
    ) -> io::Result<PathBuf> {
        for relative in gone {
            remove_file_and_empty_folders(&self.dir, relative)?;
        }
        for relative in fresh {
            let path = self.dir.join(relative);
            remove_if_there(&path)?;
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::hard_link(self.output.join(relative), &path)?;
        }
        let spare = spare_of(&self.output);
        fs::rename(&self.dir, &spare)?;
        self.kept = true;
        Ok(spare)
    }

    /// The folder holding the previous site.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Retired {
    fn drop(&mut self) {
        if !self.kept {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Whether two files' metadata are of one file (the same inode of the same device).
fn one_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// The spare copy of the output `output` (`public` -> `.public.spare`).
pub fn spare_of(output: &Path) -> PathBuf {
    beside(output, "spare")
}

/// Removes the spare copy of `output`, if there is one: a build that cannot vouch for it
/// (no cache, or a previous site it could not check) leaves none.
pub fn remove_spare(output: &Path) {
    let _ = fs::remove_dir_all(spare_of(output));
}

/// Removes the file at `path`; one that is not there is no error.
fn remove_if_there(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Removes `root/relative` and then each folder above it that it leaves empty, up to `root`.
fn remove_file_and_empty_folders(root: &Path, relative: &str) -> io::Result<()> {
    let path = root.join(relative);
    remove_if_there(&path)?;
    let mut folder = path.parent();
    while let Some(dir) = folder.filter(|d| *d != root && d.starts_with(root)) {
        if fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
    Ok(())
}

/// Why the staged site did not take the output's place, and where the previous site is.
#[derive(Debug)]
pub enum CommitError {
    /// The output is as it was before the build.
    Untouched(io::Error),
    /// The previous site could not be put back: it is in `old`, and the output path is missing.
    Moved { error: io::Error, old: PathBuf },
}

/// Exchanges two folders atomically; `false` when this system or file system cannot.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Windows and the other systems have no atomic exchange of two folders.
#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

impl WriteFailures {
    fn add(&self, relative: &str, error: &io::Error) {
        let error = error.to_string();
        let mut failures = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match failures.iter_mut().find(|f| f.error == error) {
            Some(f) => {
                f.count += 1;
                // The smallest name, so the message is the same whatever order threads ran in.
                if *relative < *f.first {
                    f.first = relative.to_string();
                }
            }
            None => failures.push(WriteFailure {
                error,
                first: relative.to_string(),
                count: 1,
            }),
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

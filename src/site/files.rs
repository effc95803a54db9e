//! Which files the site is read from: the article files under content/ and the files of
//! static/, and the one rule for symbolic links in both. A link is followed when it leads to
//! a file or folder inside the site folder; a link that leads outside it (`static/env.txt ->
//! /proc/self/environ`), that leads nowhere, or that loops is an error naming the link and
//! its target, so that nothing outside the site is ever published. `build` copies the
//! static files listed here and `serve` looks a static file up through [`static_file`].

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::site::article::BodyFormat;

/// The text of the site's optional file `file` (`content/_authors.toml`, relative to `root`):
/// `None` when there is none; a file that cannot be read is an error in `diagnostics`.
pub fn optional_text(root: &Path, file: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    match std::fs::read_to_string(root.join(file)) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            diagnostics.push(Diagnostic::error(file, format!("cannot read: {e}")));
            None
        }
    }
}

/// A file of static/, copied to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// The file as named in the site (`static/css/site.css`).
    pub source: PathBuf,
    /// Its path in the output (`css/site.css`), with `/` between folders.
    pub output: String,
    /// The file to read: `source` with its links followed (always inside the site).
    pub real: PathBuf,
}

/// The files of static/, by name, skipping names that start with `.`. Problems with links
/// are pushed to `problems`, each naming the link and its target.
pub fn static_files(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<StaticFile> {
    walk(root, "static", &STATIC, problems)
        .into_iter()
        .map(|(source, real)| {
            let output = source
                .strip_prefix("static")
                .unwrap_or(&source)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            StaticFile {
                source,
                output,
                real,
            }
        })
        .collect()
}

/// What static/ holds: every file, skipping names that start with `.`.
const STATIC: Rules = Rules {
    hidden: |name| name.starts_with('.'),
    wanted: |_| true,
};

/// What content/ holds: article files, skipping names that start with `_` or `.`.
const CONTENT: Rules = Rules {
    hidden: |name| name.starts_with('_') || name.starts_with('.'),
    wanted: |path| BodyFormat::of(path).is_some(),
};

/// The article files under content/ (relative to the site: `content/world/x.md`), skipping
/// names that start with `_` or `.`. Problems with links are pushed to `problems`, each at
/// the path of the link.
pub fn article_files(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    walk(root, "content", &CONTENT, problems)
        .into_iter()
        .map(|(source, _)| source)
        .collect()
}

/// The file of static/ that `build` copies to `output` (`css/site.css`), with its links
/// followed, or `None` when there is none: what `serve` answers a request with. A folder is
/// returned as well, for the server to look for its `index.html`.
pub fn static_file(root: &Path, output: &str) -> Option<PathBuf> {
    let names: Vec<&str> = output.split('/').filter(|n| !n.is_empty()).collect();
    if names.iter().any(|n| (STATIC.hidden)(n) || n.contains('\\')) {
        return None;
    }
    let source: PathBuf = std::iter::once("static").chain(names).collect();
    resolve(root, &source).ok()
}

/// What the listing of content/ would say of the entry `source` now (`serve` looks at one
/// again when it changes): the article file (its real path), nothing (gone, or not an
/// article), or the error of a broken link.
pub fn article_file(root: &Path, source: &Path) -> Result<Option<PathBuf>, Diagnostic> {
    let wanted = (CONTENT.wanted)(source);
    match resolve(root, source) {
        Ok(real) => {
            // A link to a folder that holds it.
            let parent = source.parent().and_then(|p| resolve(root, p).ok());
            if real.is_dir() && parent.is_some_and(|p| p.starts_with(&real)) {
                let target = std::fs::read_link(root.join(source)).unwrap_or(real);
                return Err(Broken::Loop(target).diagnostic(source));
            }
            Ok((wanted && real.is_file()).then_some(real))
        }
        // Gone.
        Err(Some((_, Broken::Unreadable(e)))) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(None)
        }
        Err(Some((at, broken))) if at == source && (broken.is_reported() || wanted) => {
            Err(broken.diagnostic(source))
        }
        Err(_) => Ok(None),
    }
}

/// `source` (relative to the site) with every link on the way followed by the rule of
/// [`follow`]; on failure, where it broke and why (`None` when the site folder is gone).
fn resolve(root: &Path, source: &Path) -> Result<PathBuf, Option<(PathBuf, Broken)>> {
    let site = root.canonicalize().map_err(|_| None)?;
    let mut real = site.clone();
    let mut named = PathBuf::new();
    for name in source.iter() {
        named.push(name);
        real = follow(&site, &real, name).map_err(|b| Some((named.clone(), b)))?;
    }
    Ok(real)
}

/// What a walk keeps.
struct Rules {
    /// Names left out (and not looked into).
    hidden: fn(&str) -> bool,
    /// Files kept (folders are always looked into).
    wanted: fn(&Path) -> bool,
}

/// Why a link cannot be followed.
enum Broken {
    /// It leads outside the site folder (to a folder, or to a file).
    Outside { target: PathBuf, folder: bool },
    /// It leads to nothing.
    Dangling(PathBuf),
    /// It leads to itself, or to a folder that holds it.
    Loop(PathBuf),
    /// The file or link cannot be read.
    Unreadable(std::io::Error),
}

impl Broken {
    /// Whether a listing reports it whatever the link is named: a link out of the site to a
    /// folder, or a loop, hides files that would have been read.
    fn is_reported(&self) -> bool {
        match self {
            Broken::Outside { folder, .. } => *folder,
            Broken::Loop(_) => true,
            Broken::Dangling(_) | Broken::Unreadable(_) => false,
        }
    }

    fn diagnostic(self, source: &Path) -> Diagnostic {
        match self {
            Broken::Outside { target, .. } => Diagnostic::error(
                source,
                format!(
                    "this link leads outside the site folder, to {}",
                    target.display()
                ),
            )
            .help("nothing outside the site is published: copy the file into the site, or remove the link"),
            Broken::Dangling(target) => Diagnostic::error(
                source,
                format!("this link leads to {}, which does not exist", target.display()),
            )
            .help("fix the link's target, or remove the link"),
            Broken::Loop(target) => Diagnostic::error(
                source,
                format!(
                    "this link leads to {}, a loop: it leads back to itself or to a folder that holds it",
                    target.display()
                ),
            )
            .help("remove the link, or point it at the files themselves"),
            Broken::Unreadable(e) => Diagnostic::error(source, format!("cannot read: {e}")),
        }
    }
}

/// Where the entry `name` of the folder `dir` (already resolved) leads: itself, or for a
/// symbolic link the file or folder it names, which must lie inside the `site` folder
/// (resolved). The one rule for links, for listing and for looking up.
fn follow(site: &Path, dir: &Path, name: &OsStr) -> Result<PathBuf, Broken> {
    let path = dir.join(name);
    let meta = std::fs::symlink_metadata(&path).map_err(Broken::Unreadable)?;
    if !meta.is_symlink() {
        return Ok(path);
    }
    let target = std::fs::read_link(&path).map_err(Broken::Unreadable)?;
    let real = match path.canonicalize() {
        Ok(real) => real,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Broken::Dangling(target));
        }
        // ELOOP: too many levels of symbolic links.
        Err(e) if e.raw_os_error() == Some(40) || e.raw_os_error() == Some(62) => {
            return Err(Broken::Loop(target));
        }
        Err(e) => return Err(Broken::Unreadable(e)),
    };
    if real.starts_with(site) {
        Ok(real)
    } else {
        Err(Broken::Outside {
            target,
            folder: real.is_dir(),
        })
    }
}

/// Every wanted file under `root/top`, by name, as (path relative to the site, real path).
fn walk(
    root: &Path,
    top: &str,
    rules: &Rules,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, PathBuf)> {
    let site = match root.canonicalize() {
        Ok(site) => site,
        Err(_) => return Vec::new(),
    };
    if std::fs::symlink_metadata(root.join(top)).is_err() {
        return Vec::new();
    }
    let mut found = Vec::new();
    match follow(&site, &site, OsStr::new(top)) {
        Ok(real) if real.is_dir() => {
            let mut walk = Walk {
                site: &site,
                rules,
                found: &mut found,
                problems,
                open: vec![real.clone()],
            };
            walk.folder(Path::new(top), &real);
        }
        Ok(_) => {}
        Err(broken) => problems.push(broken.diagnostic(Path::new(top))),
    }
    found
}

/// A walk in progress.
struct Walk<'a> {
    site: &'a Path,
    rules: &'a Rules,
    found: &'a mut Vec<(PathBuf, PathBuf)>,
    problems: &'a mut Vec<Diagnostic>,
    /// The folders being walked (resolved), outermost first: a link back to one is a loop.
    open: Vec<PathBuf>,
}

impl Walk<'_> {
    /// Walks the folder named `source` (relative to the site), resolved to `real`.
    fn folder(&mut self, source: &Path, real: &Path) {
        let entries = match std::fs::read_dir(real) {
            Ok(entries) => entries,
            Err(e) => {
                self.problems
                    .push(Diagnostic::error(source, format!("cannot read: {e}")));
                return;
            }
        };
        // The entry's type as the folder listing gives it: only links cost a look more.
        let mut names: Vec<(std::ffi::OsString, Option<std::fs::FileType>)> = entries
            .filter_map(Result::ok)
            .map(|e| (e.file_name(), e.file_type().ok()))
            .filter(|(n, _)| !n.to_str().is_some_and(self.rules.hidden))
            .collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, kind) in names {
            let path = source.join(&name);
            match kind {
                Some(kind) if kind.is_file() => {
                    if (self.rules.wanted)(&path) {
                        self.found.push((path, real.join(&name)));
                    }
                    continue;
                }
                Some(kind) if kind.is_dir() => {
                    let entry = real.join(&name);
                    self.open.push(entry.clone());
                    self.folder(&path, &entry);
                    self.open.pop();
                    continue;
                }
                _ => {}
            }
            let entry = match follow(self.site, real, &name) {
                Ok(entry) => entry,
                // Only what would be read is reported: a broken link to something that is
                // not an article, beside the articles, is no concern of the build.
                Err(broken) => {
                    if broken.is_reported() || (self.rules.wanted)(&path) {
                        self.problems.push(broken.diagnostic(&path));
                    }
                    continue;
                }
            };
            if entry.is_dir() {
                if self.open.contains(&entry) {
                    let target =
                        std::fs::read_link(real.join(&name)).unwrap_or_else(|_| entry.clone());
                    self.problems.push(Broken::Loop(target).diagnostic(&path));
                    continue;
                }
                self.open.push(entry.clone());
                self.folder(&path, &entry);
                self.open.pop();
            } else if entry.is_file() && (self.rules.wanted)(&path) {
                self.found.push((path, entry));
            }
        }
    }
}

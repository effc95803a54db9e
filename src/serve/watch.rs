//! Watching the site's files: content/, templates/, static/ and site.toml. A burst of saves
//! (an editor writing a temporary file and renaming it, a `git checkout`) is one change.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

/// Quiet time that ends a burst of file events. Short, because it is added to every rebuild.
const QUIET: Duration = Duration::from_millis(20);

/// The folders of a site that are watched, relative to its root.
const FOLDERS: &[&str] = &["content", "templates", "static"];

/// Watches the site in `root` and sends each burst of changes as paths relative to `root`.
/// Says on `ready` when the watches are in place (or why they could not be). Runs until
/// the receiver of `changes` is dropped.
pub fn watch(
    root: &Path,
    changes: mpsc::Sender<Vec<PathBuf>>,
    ready: mpsc::Sender<notify::Result<()>>,
) {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let setup = || -> notify::Result<_> {
        let root = root.canonicalize()?;
        let mut debouncer = new_debouncer(QUIET, Some(Duration::from_millis(5)), tx)?;
        // The root itself, not recursively: site.toml, and the folders when they are created.
        debouncer.watch(&root, RecursiveMode::NonRecursive)?;
        for folder in FOLDERS {
            let dir = root.join(folder);
            if dir.is_dir() {
                debouncer.watch(&dir, RecursiveMode::Recursive)?;
            }
        }
        Ok((root, debouncer))
    };
    let (root, mut debouncer) = match setup() {
        Ok(watching) => {
            let _ = ready.send(Ok(()));
            watching
        }
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    for result in rx {
        let Ok(events) = result else { continue };
        let mut paths: Vec<PathBuf> = Vec::new();
        for event in events {
            // Reading a folder or a file (as the rebuild itself does) is not a change.
            let change = matches!(
                event.kind,
                EventKind::Create(_)
                    | EventKind::Remove(_)
                    | EventKind::Modify(
                        ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any
                    )
            );
            if !change {
                continue;
            }
            for path in &event.paths {
                let Ok(relative) = path.strip_prefix(&root) else {
                    continue;
                };
                if !is_watched(relative) {
                    continue;
                }
                // A watched folder created after the start (templates/, say) is watched too.
                if relative.components().count() == 1
                    && FOLDERS.iter().any(|f| relative == Path::new(f))
                    && path.is_dir()
                {
                    let _ = debouncer.watch(path, RecursiveMode::Recursive);
                }
                if !paths.iter().any(|p| p == relative) {
                    paths.push(relative.to_path_buf());
                }
            }
        }
        if !paths.is_empty() && changes.send(paths).is_err() {
            break;
        }
    }
}

/// Whether a path (relative to the site) is one a rebuild cares about: site.toml and what
/// lies in content/, templates/ and static/, but no editor's swap or backup file.
fn is_watched(relative: &Path) -> bool {
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let scratch = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || name == "4913";
    if scratch {
        return false;
    }
    relative == Path::new("site.toml") || FOLDERS.iter().any(|f| relative.starts_with(f))
}

#[cfg(test)]
mod tests {
    use super::is_watched;
    use std::path::Path;

    #[test]
    fn only_site_files_are_watched() {
        assert!(is_watched(Path::new("site.toml")));
        assert!(is_watched(Path::new("content/world/x.md")));
        assert!(is_watched(Path::new("templates")));
        assert!(!is_watched(Path::new("public/index.html")));
        assert!(!is_watched(Path::new("content/world/.x.md.swp")));
        assert!(!is_watched(Path::new("content/world/x.md~")));
        assert!(!is_watched(Path::new("target/debug/x")));
    }
}

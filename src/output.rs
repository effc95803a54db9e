//! Writing the site: everything goes to a staging folder beside the output, which replaces
//! the output only when the whole site is written. A failed build leaves the previous output
//! exactly as it was; a finished one holds no stale files.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A staging folder for one build.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    committed: bool,
    files: AtomicUsize,
}

/// `public` -> `.public.<what>-<pid>` beside it, on the same file system so renames are atomic.
fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

impl Staging {
    /// Creates an empty staging folder for `output`.
    pub fn create(output: &Path) -> io::Result<Staging> {
        let output = std::path::absolute(output)?;
        if let Some(parent) = output.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let dir = sibling(&output, "staging");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging {
            output,
            dir,
            committed: false,
            files: AtomicUsize::new(0),
        })
    }

    /// The staging folder (where files are written before the swap).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many files were written so far.
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Writes one file, `relative` to the output root (`tags/energy/index.html`).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Whether a file was already written at `relative`.
    pub fn contains(&self, relative: &str) -> bool {
        self.dir.join(relative).exists()
    }

    /// Copies the folder `from` (the site's static/) into the output root, skipping names
    /// that start with `.`.
    pub fn copy_tree(&self, from: &Path) -> io::Result<()> {
        if !from.is_dir() {
            return Ok(());
        }
        let walker = walkdir::WalkDir::new(from)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry = entry.map_err(io::Error::other)?;
            let target = self.dir.join(
                entry
                    .path()
                    .strip_prefix(from)
                    .expect("walk stays below its root"),
            );
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target)?;
            } else {
                std::fs::copy(entry.path(), &target)?;
                self.files.fetch_add(1, Ordering::Relaxed);
            }
        }
        Ok(())
    }

    /// Puts the staged site in the output's place.
    pub fn commit(mut self) -> io::Result<()> {
        let old = sibling(&self.output, "old");
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        let had_output = self.output.exists();
        if had_output {
            std::fs::rename(&self.output, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.output) {
            if had_output {
                // Put the previous site back: a failed build must not lose it.
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(e);
        }
        self.committed = true;
        if had_output {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

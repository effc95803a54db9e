//! The subcommands: one file each, each a thin layer over the library.

pub mod build;
pub mod check;
pub mod completions;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;
pub mod theme;

use std::path::{Path, PathBuf};

use newsdesk::diagnostics::{Diagnostic, relative};
use newsdesk::site::settings::Settings;

/// A path as the writer typed it: `content/news/x.md` rather than `./content/news/x.md`.
pub fn shown(path: &Path) -> PathBuf {
    relative(Path::new("."), path)
}

/// The settings of the site in `site`, for the commands that add to a site. Problems are
/// printed; `None` when the site has an error or no content/ folder.
pub fn site_settings(site: &Path) -> Option<Settings> {
    let mut diagnostics = Vec::new();
    let settings = Settings::load(site, &mut diagnostics);
    if !site.join("content").is_dir() {
        diagnostics.push(
            Diagnostic::error(
                shown(&site.join("content")),
                "the site has no content folder",
            )
            .help("make a site with `newsdesk init DIR`, or point --site at one"),
        );
    }
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    for d in diagnostics {
        eprintln!("{d}");
    }
    (!failed).then_some(settings)
}

//! The subcommands: one file each, each a thin layer over the library.

pub mod build;
pub mod check;
pub mod completions;
pub mod import;
pub mod init;
pub mod new;
pub mod progress;
pub mod serve;
pub mod theme;

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use newsdesk::diagnostics::{Diagnostic, relative};
use newsdesk::site::settings::Settings;
use newsdesk::site::{LoadOptions, dates};

/// Which site a command loads, and what of it as of when: the flags `build`, `serve` and
/// `check` share, defined once (a command may word their help its own way with `mut_arg`).
#[derive(clap::Args)]
pub struct LoadArgs {
    /// The site folder (with content/, and optionally site.toml, templates/, static/).
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// Include articles with `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated after the build clock.
    #[arg(long)]
    pub future: bool,
    /// Build the site as of this moment (`2025-06-01T09:00:00+04:00`, or a day: `2025-06-01`), e.g. to preview an embargo.
    #[arg(long, value_name = "TIME", value_parser = dates::parse_moment)]
    pub now: Option<Timestamp>,
}

impl LoadArgs {
    /// The loader's options these flags ask for; the base URL stays site.toml's.
    pub fn options(&self) -> LoadOptions {
        LoadOptions {
            drafts: self.drafts,
            future: self.future,
            now: self.now,
            base_url: None,
        }
    }
}

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

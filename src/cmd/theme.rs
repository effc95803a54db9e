//! `newsdesk theme`: the built-in templates, listed or copied into the site to edit.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use newsdesk::diagnostics::printable;
use newsdesk::editorial::theme::{EjectError, eject, listing};

use super::shown;

/// The built-in theme: list its templates, or copy them into templates/ to edit.
///
/// A file in the site's templates/ replaces the built-in template of the same name; the other
/// built-in templates stay in use, so a site's own article.html can still extend base.html.
#[derive(Args)]
#[command(after_help = "Examples:
  newsdesk theme list
  newsdesk theme eject article.html partials/card.html
  newsdesk theme eject --site ../desk               (every template)")]
pub struct ThemeArgs {
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with the theme.
#[derive(Subcommand)]
pub enum Action {
    /// List the built-in templates, and which ones the site replaces.
    #[command(after_help = "Examples:
  newsdesk theme list
  newsdesk theme list --site ../desk")]
    List {
        /// The site folder.
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
    /// Copy built-in templates into the site's templates/ to edit (all of them without names).
    #[command(after_help = "Examples:
  newsdesk theme eject article.html
  newsdesk theme eject base partials/card.html
  newsdesk theme eject --force article.html       (replace your copy with the built-in one)")]
    Eject {
        /// Templates to copy (`article.html`, `partials/card.html`); every one when none is
        /// named. `newsdesk theme list` names them.
        #[arg(value_name = "TEMPLATE")]
        templates: Vec<String>,
        /// The site folder.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Replace files that are already in templates/.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(args: ThemeArgs) -> ExitCode {
    match args.action {
        Action::List { site } => list(&site),
        Action::Eject {
            templates,
            site,
            force,
        } => eject_templates(&site, &templates, force),
    }
}

/// Whether `site` looks like a site; says so when it does not.
fn is_site(site: &Path) -> bool {
    let yes = site.join("content").is_dir() || site.join("site.toml").is_file();
    if !yes {
        let name = shown(site).display().to_string();
        let name = if name.is_empty() {
            "this folder".to_string()
        } else {
            name
        };
        eprintln!("error: {name} is not a site: it has no content/ folder and no site.toml");
        eprintln!("  help: run it in a site's folder, or point --site at one");
    }
    yes
}

fn list(site: &Path) -> ExitCode {
    if !is_site(site) {
        return ExitCode::from(1);
    }
    let theme = listing(site);
    println!("built-in templates (a file of the same name in templates/ replaces one):");
    let width = theme
        .built_in
        .iter()
        .map(|(n, _)| n.len())
        .max()
        .unwrap_or(0);
    for (name, replaced) in &theme.built_in {
        match replaced {
            Some(path) => println!(
                "  {name:width$}  replaced by {}",
                printable(&path.to_string_lossy())
            ),
            None => println!("  {name}"),
        }
    }
    if !theme.own.is_empty() {
        println!("the site's own templates (they replace no built-in one):");
        for (path, near) in &theme.own {
            match near {
                Some(near) => println!(
                    "  {}  (did you mean {near}?)",
                    printable(&path.to_string_lossy())
                ),
                None => println!("  {}", printable(&path.to_string_lossy())),
            }
        }
    }
    if theme.own_stylesheet {
        println!("stylesheet: static/style.css, the site's own");
    } else {
        println!("stylesheet: built in (a static/style.css replaces it)");
    }
    println!("to edit a template: newsdesk theme eject NAME copies it into templates/");
    ExitCode::SUCCESS
}

fn eject_templates(site: &Path, names: &[String], force: bool) -> ExitCode {
    if !is_site(site) {
        return ExitCode::from(1);
    }
    match eject(site, names, force) {
        Ok(written) => {
            println!("copied into {}:", shown(&site.join("templates")).display());
            for path in written {
                println!("  {}", shown(&site.join(path)).display());
            }
            println!(
                "each replaces the built-in template of its name; delete one to use the built-in again"
            );
            ExitCode::SUCCESS
        }
        Err(e @ EjectError::Unknown { .. }) => {
            eprintln!("error: {e}");
            if let EjectError::Unknown {
                closest: Some(near),
                ..
            } = &e
            {
                eprintln!("  help: did you mean {near}? `newsdesk theme list` names them all");
            } else {
                eprintln!("  help: `newsdesk theme list` names the built-in templates");
            }
            ExitCode::from(2)
        }
        Err(e @ EjectError::Exists(_)) => {
            eprintln!("error: {e}; nothing was copied");
            eprintln!(
                "  help: --force replaces what is there with the built-in templates (changes made there are lost); or name only the templates you want"
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

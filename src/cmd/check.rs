//! `newsdesk check`: everything the build checks and more, writing nothing.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use newsdesk::check::check;
use newsdesk::diagnostics::{Diagnostic, Report};

use super::LoadArgs;

/// Check the site without writing anything; exit with 1 on errors.
///
/// Checks what the build checks, and links and #anchors in article bodies, images and their
/// alt text, tags used once that look like typos, and placeholders left by `new` and `import`.
/// With --verbose, notes too: gazetteer places no article is about.
#[derive(Args)]
#[command(after_help = "Examples:
  newsdesk check
  newsdesk check --site ../desk --drafts
  newsdesk check --verbose                          (notes too: places nobody wrote about)
  newsdesk check --format json > problems.json      (for editors and CI)")]
// The shared flags in the words of a check.
#[command(
    mut_arg("site", |a| a.help("The site folder")),
    mut_arg("future", |a| a.help("Include articles dated after the clock")),
    mut_arg("now", |a| a.help("Check the site as of this moment (`2025-06-01T09:00:00+04:00`, or a day: `2025-06-01`)")),
)]
pub struct CheckArgs {
    #[command(flatten)]
    pub load: LoadArgs,
    /// How to print the problems: lines for people, or one JSON document (file, line, column,
    /// severity, message, help) for editors and CI.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Show notes too: things worth knowing that are not problems (gazetteer places that no
    /// article is about, and so have no page).
    #[arg(long, short)]
    pub verbose: bool,
}

/// How `check` prints.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: CheckArgs) -> ExitCode {
    let site = &args.load.site;
    let mut report = Report::default();
    let checked = check(site, &args.load.options(), &mut report);
    let diagnostics = report.sorted();
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let failed = errors > 0 || checked.is_none();
    let notes = checked.as_ref().map_or(&[][..], |c| c.notes.as_slice());
    match args.format {
        Format::Json => {
            let mut json = serde_json::json!({
                "site": site.to_string_lossy(),
                "ok": !failed,
                "errors": errors,
                "warnings": warnings,
                "articles": checked.as_ref().map(|c| c.articles),
                "pages": checked.as_ref().map(|c| c.pages),
                "diagnostics": diagnostics.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
            });
            if args.verbose {
                json["notes"] = notes.iter().map(note_json).collect();
            }
            println!("{json:#}");
        }
        Format::Text => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            if args.verbose {
                for n in notes {
                    eprintln!("{}", note(n));
                }
            }
            let mut counts = format!(
                "{errors} error{}, {warnings} warning{}",
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            );
            match (notes.len(), args.verbose) {
                (0, _) => {}
                (1, false) => counts.push_str(" (and 1 note: --verbose shows it)"),
                (n, false) => counts.push_str(&format!(" (and {n} notes: --verbose shows them)")),
                (1, true) => counts.push_str(", 1 note"),
                (n, true) => counts.push_str(&format!(", {n} notes")),
            }
            match &checked {
                Some(c) => println!(
                    "checked {} articles and {} pages: {counts}",
                    c.articles, c.pages
                ),
                None => println!("the site would not build: {counts}"),
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A note as printed: like a warning, labelled `note`.
fn note(d: &Diagnostic) -> String {
    d.to_string()
        .replacen(": warning: ", ": note: ", 1)
        .replacen(": error: ", ": note: ", 1)
}

/// A note for `--format json`: a diagnostic of severity `note`.
fn note_json(d: &Diagnostic) -> serde_json::Value {
    let mut json = d.to_json();
    json["severity"] = "note".into();
    json
}

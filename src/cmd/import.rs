//! `newsdesk import`: raw wire copy to `.txt` articles, front matter filled in from the copy.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use newsdesk::diagnostics::{Diagnostic, printable};
use newsdesk::editorial::article_file::{
    DEFAULT_SECTION, TITLE_PLACEHOLDER, as_built, create, existing, numbered, section_folder,
};
use newsdesk::editorial::import::{ImportOptions, import, imported};
use newsdesk::site::dates;
use newsdesk::site::gazetteer::Gazetteer;

use super::{shown, site_settings};

/// Turn raw wire copy into .txt articles with front matter.
///
/// Wire copy is a standfirst, a byline, a PLACE: lead and one paragraph a line, with a
/// headline line first when there is one. The story's text is kept word for word. Copy
/// without a headline line is imported as a draft under a placeholder headline. Copy that was
/// imported before (known by the digest kept in `source_digest`) is left out.
#[derive(Args)]
#[command(after_help = "Examples:
  newsdesk import ~/wire/000_ef0495e77473f4b7.txt --section world
  newsdesk import ~/wire/lachin.txt --title \"Sharif hails Pakistan-Azerbaijan bond in Lachin\"
  newsdesk import ~/wire/ --dry-run          (every file in the folder; writes nothing)")]
pub struct ImportArgs {
    /// Files of wire copy, or folders: every file in a folder is imported.
    #[arg(required = true, value_name = "WIRE")]
    pub wire: Vec<PathBuf>,
    /// The site folder.
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// The section: the folder under content/ the articles go in.
    #[arg(long, default_value = DEFAULT_SECTION)]
    pub section: String,
    /// The headline, when the copy has none (one file only).
    #[arg(long)]
    pub title: Option<String>,
    /// Print what would be written, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: ImportArgs) -> ExitCode {
    let Some(settings) = site_settings(&args.site) else {
        return ExitCode::from(1);
    };
    let dir = match section_folder(&args.site, &args.section) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("  help: choose another section: --section news, --section world ...");
            return ExitCode::from(2);
        }
    };
    let mut gazetteer_problems = Vec::new();
    let gazetteer = Gazetteer::load(&args.site, &mut gazetteer_problems);
    for d in gazetteer_problems {
        eprintln!("{d}");
    }
    let now = match dates::build_clock(None, &settings.timezone) {
        Ok(now) => now,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut failed = 0;
    let files = wire_files(&args.wire, &mut failed);
    if args.title.is_some() && files.len() > 1 {
        eprintln!("error: --title gives one headline, for one file; import the files one by one");
        return ExitCode::from(2);
    }
    let options = ImportOptions {
        title: args.title.as_deref(),
        now: &now,
        gazetteer: &gazetteer,
    };
    let mut already = imported(&args.site);
    let (mut written, mut kept) = (0, 0);
    for wire in &files {
        let source = shown(wire);
        let text = match std::fs::read(wire).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                report(&[Diagnostic::error(&source, "the file is not UTF-8 text")
                    .help("save it as UTF-8, or convert it: iconv -f WINDOWS-1252 -t UTF-8")]);
                failed += 1;
                continue;
            }
            Err(e) => {
                report(&[Diagnostic::error(&source, format!("cannot read: {e}"))]);
                failed += 1;
                continue;
            }
        };
        let article = match import(&source, &text, &options) {
            Ok(a) => a,
            Err(d) => {
                report(&[d]);
                failed += 1;
                continue;
            }
        };
        let file = article.file;
        let digest = file.source_digest.clone();
        if let Some(there) = digest.as_ref().and_then(|d| already.get(d)) {
            println!(
                "{}: already imported as {}; left as it is",
                printable(&source.to_string_lossy()),
                printable(&shown(&args.site.join(there)).to_string_lossy())
            );
            kept += 1;
            continue;
        }
        let stem = file.stem(&settings);
        // Two stories under one real headline on one day are one story; copy without a
        // headline gets a number, as its placeholder headline says nothing.
        let path = match existing(&dir, &stem) {
            Some(there) if file.title != TITLE_PLACEHOLDER => {
                println!(
                    "{}: {} is already there, with the same headline and day; left as it is",
                    printable(&source.to_string_lossy()),
                    printable(&shown(&there).to_string_lossy())
                );
                kept += 1;
                continue;
            }
            _ => numbered(&dir, &stem, file.extension()),
        };
        let text = file.text();
        let built = match as_built(&args.site, &path, &text, &settings) {
            Ok(a) => a,
            Err(errors) => {
                report(&errors);
                failed += 1;
                continue;
            }
        };
        report(&article.warnings);
        let address = format!("{}{}", settings.base_url, built.url);
        if args.dry_run {
            println!("would write {} ({address}):", shown(&path).display());
            print!("{text}");
            continue;
        }
        if let Err(e) = create(&path, &text) {
            report(&[Diagnostic::error(
                shown(&path),
                format!("cannot write: {e}"),
            )]);
            failed += 1;
            continue;
        }
        println!(
            "{} -> {}",
            printable(&source.to_string_lossy()),
            shown(&path).display()
        );
        let draft = if file.draft { " (a draft)" } else { "" };
        println!("  {address}{draft}");
        if let (Some(digest), Ok(there)) = (digest, path.strip_prefix(&args.site)) {
            already.insert(digest, there.to_path_buf());
        }
        written += 1;
    }
    if !args.dry_run {
        println!("imported {written}, already there {kept}, failed {failed}");
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn report(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

/// The files named, with each folder replaced by the files in it (A-Z, without hidden ones).
fn wire_files(paths: &[PathBuf], failed: &mut usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut inside: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_file() && !hidden(p))
                    .collect();
                inside.sort();
                out.extend(inside);
            }
            Err(e) => {
                eprintln!("{}: error: cannot read: {e}", shown(path).display());
                *failed += 1;
            }
        }
    }
    out
}

fn hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

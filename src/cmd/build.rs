//! `newsdesk build`: the site into the output folder.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use newsdesk::build::{BuildOptions, Failure, build};
use newsdesk::diagnostics::{Report, printable};
use newsdesk::output::Output;
use newsdesk::progress::{Progress, Unwatched};
use newsdesk::site::LoadOptions;

use super::LoadArgs;
use super::progress::Bar;

/// Build the site into the output folder (public/ by default).
#[derive(Args)]
#[command(after_help = "Examples:
  newsdesk build
  newsdesk build --site ../desk --output /var/www/news
  newsdesk build --output /var/www/news --force   # replace a folder newsdesk did not write
  newsdesk build --drafts --future --now 2025-06-01T09:00:00+04:00")]
pub struct BuildArgs {
    #[command(flatten)]
    pub load: LoadArgs,
    /// Where to write the site; default: public/ in the site folder.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Replace a non-empty --output folder that newsdesk did not write, and all it holds.
    #[arg(long)]
    pub force: bool,
    /// Use this base URL instead of site.toml's `base_url`.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Fail, publishing nothing, when there is any warning (broken links, missing images, ...).
    #[arg(long)]
    pub strict: bool,
    /// Render every page, taking none from the previous build (the build cache in .newsdesk/).
    #[arg(long)]
    pub no_cache: bool,
    /// Print only the problems: no progress bar, no summary, no next scheduled story.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: BuildArgs) -> ExitCode {
    let site = &args.load.site;
    let given = args.output.unwrap_or_else(|| site.join("public"));
    let output = match Output::resolve(site, &given, args.force) {
        Ok(output) => output,
        Err(refusal) => {
            eprintln!("{refusal}");
            eprintln!("nothing was built; {} was not touched", given.display());
            return ExitCode::from(2);
        }
    };
    if output.link().is_some() && !args.quiet {
        println!(
            "{} is a link: building into {}",
            given.display(),
            output.path().display()
        );
    }
    let options = BuildOptions {
        site: site.clone(),
        output,
        load: LoadOptions {
            base_url: args.base_url,
            ..args.load.options()
        },
        strict: args.strict,
        cache: !args.no_cache,
    };
    let mut report = Report::default();
    let bar = Bar::start(args.quiet);
    let progress: &dyn Progress = match &bar {
        Some(bar) => bar,
        None => &Unwatched,
    };
    let summary = build(&options, &mut report, progress);
    drop(bar);
    let errors = report.error_count();
    for d in report.sorted() {
        eprintln!("{d}");
    }
    match summary {
        Ok(_) if args.quiet => ExitCode::SUCCESS,
        Ok(summary) => {
            let s = &summary.recap;
            if let Some((title, at)) = &s.next_expiry {
                println!("next expiry: {} at {at}; rebuild then", printable(title));
            }
            if let Some((title, at)) = &s.next_scheduled {
                println!("next scheduled: {} at {at}; rebuild then", printable(title));
            }
            let drafts = match s.drafts_left_out {
                0 => String::new(),
                1 => " (1 draft left out)".to_string(),
                n => format!(" ({n} drafts left out)"),
            };
            let rendered = if summary.up_to_date {
                " (0 rendered, nothing changed since the last build)".to_string()
            } else if summary.rendered < s.pages {
                format!(
                    " ({} rendered, {} unchanged since the last build)",
                    summary.rendered,
                    s.pages - summary.rendered
                )
            } else {
                String::new()
            };
            let articles = match s.articles {
                1 => "1 article".to_string(),
                n => format!("{n} articles"),
            };
            println!(
                "built {articles} into {} pages{rendered} in {} ms{drafts}",
                s.pages, summary.millis
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let errors = format!("{errors} error{}", if errors == 1 { "" } else { "s" });
            match failure {
                Failure::OutputUntouched => eprintln!(
                    "build failed with {errors}; {} was left as it was",
                    given.display()
                ),
                Failure::OutputMoved(old) => eprintln!(
                    "build failed with {errors}; {} is missing: the previous site is in {}",
                    given.display(),
                    old.display()
                ),
            }
            ExitCode::from(1)
        }
    }
}

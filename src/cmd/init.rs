//! `newsdesk init`: a new site, ready to build.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use jiff::tz::TimeZone;

use newsdesk::editorial::init::{InitError, init};
use newsdesk::site::dates;

/// Make a new site: site.toml, a sample article, a gazetteer and the stylesheet.
#[derive(Args)]
#[command(after_help = "Examples:
  newsdesk init my-desk
  newsdesk init ../sites/evening-edition")]
pub struct InitArgs {
    /// The folder of the new site; made when missing, refused when not empty.
    pub dir: PathBuf,
}

pub fn run(args: InitArgs) -> ExitCode {
    let now = match dates::build_clock(None, &TimeZone::UTC) {
        Ok(now) => now,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match init(&args.dir, &now) {
        Ok(files) => {
            println!("created a new site in {}:", args.dir.display());
            for f in files {
                println!("  {}", f.display());
            }
            let site = args.dir.display();
            println!("next:");
            println!("  newsdesk new \"Your first headline\" --site {site}");
            println!("  newsdesk build --site {site}");
            ExitCode::SUCCESS
        }
        Err(e @ (InitError::NotEmpty(_) | InitError::IsFile(_))) => {
            eprintln!("error: {e}; newsdesk init makes a site in a new or empty folder");
            eprintln!("  help: name a new folder: newsdesk init my-desk");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

//! `newsdesk serve`: a live preview on localhost.

use std::net::IpAddr;
use std::process::ExitCode;

use clap::Args;

use newsdesk::progress::{Progress, Unwatched};
use newsdesk::serve::{ServeError, ServeOptions, serve};

use super::LoadArgs;
use super::progress::Bar;

/// Preview the site on localhost, rebuilding what changed and reloading the browser.
#[derive(Args)]
#[command(after_help = "Examples:
  newsdesk serve
  newsdesk serve --drafts --future --open
  newsdesk serve --site ../desk --port 8080")]
// The shared flags in the preview's words: drafts and scheduled stories are shown with a banner.
#[command(
    mut_arg("site", |a| a.help("The site folder")),
    mut_arg("drafts", |a| a.help("Show drafts, marked with a banner")),
    mut_arg("future", |a| a.help("Show scheduled articles, marked with a banner")),
    mut_arg("now", |a| a.help("Preview the site as of this moment (`2025-06-01T09:00:00+04:00`, or a day: `2025-06-01`), e.g. an embargo")),
)]
pub struct ServeArgs {
    #[command(flatten)]
    pub load: LoadArgs,
    /// The port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; anything but 127.0.0.1 or ::1 makes the preview reachable
    /// from other machines.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the preview in the browser.
    #[arg(long)]
    pub open: bool,
    /// Print only the problems: no progress bar, no line for each rebuild.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: ServeArgs) -> ExitCode {
    let options = ServeOptions {
        load: args.load.options(),
        site: args.load.site,
        bind: args.bind,
        port: args.port,
        open: args.open,
        quiet: args.quiet,
    };
    let first_build: Box<dyn Progress> = match Bar::start(args.quiet) {
        Some(bar) => Box::new(bar),
        None => Box::new(Unwatched),
    };
    match serve(options, first_build) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ ServeError::PortInUse { .. }) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

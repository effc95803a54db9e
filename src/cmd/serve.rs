//! `newsdesk serve`: a live preview on localhost.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use newsdesk::serve::{ServeError, ServeOptions, serve};

/// Preview the site on localhost, rebuilding what changed and reloading the browser.
#[derive(Args)]
#[command(after_help = "Examples:
  newsdesk serve
  newsdesk serve --drafts --future --open
  newsdesk serve --site ../desk --port 8080")]
pub struct ServeArgs {
    /// The site folder.
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// The port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; anything but 127.0.0.1 or ::1 makes the preview reachable
    /// from other machines.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Show drafts, marked with a banner.
    #[arg(long)]
    pub drafts: bool,
    /// Show scheduled articles, marked with a banner.
    #[arg(long)]
    pub future: bool,
    /// Open the preview in the browser.
    #[arg(long)]
    pub open: bool,
    /// Preview the site as of this moment (`2025-06-01T09:00:00+04:00`, or a day: `2025-06-01`), e.g. an embargo.
    #[arg(long, value_name = "TIME", value_parser = crate::cmd::build::parse_time)]
    pub now: Option<jiff::Timestamp>,
}

pub fn run(args: ServeArgs) -> ExitCode {
    let options = ServeOptions {
        site: args.site,
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        future: args.future,
        open: args.open,
        now: args.now,
    };
    match serve(options) {
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

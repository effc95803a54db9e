//! The `newsdesk` command line: parse the arguments, call one function in cmd/.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A static site generator for news desks.
#[derive(Parser)]
#[command(name = "newsdesk", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build(cmd::build::BuildArgs),
    Serve(cmd::serve::ServeArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => cmd::build::run(args),
        Command::Serve(args) => cmd::serve::run(args),
    }
}

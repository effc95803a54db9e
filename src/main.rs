//! The `newsdesk` command line: parse the arguments, call one function in cmd/.

mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

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
    Check(cmd::check::CheckArgs),
    New(cmd::new::NewArgs),
    Import(cmd::import::ImportArgs),
    Init(cmd::init::InitArgs),
    Theme(cmd::theme::ThemeArgs),
    Completions(cmd::completions::CompletionsArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => cmd::build::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Theme(args) => cmd::theme::run(args),
        Command::Completions(args) => cmd::completions::run(args, Cli::command()),
    }
}

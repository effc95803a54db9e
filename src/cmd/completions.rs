//! `newsdesk completions`: tab completion for the shells.

use std::process::ExitCode;

use clap::Args;
use clap_complete::Shell;

/// Print a shell's completion script for newsdesk.
#[derive(Args)]
#[command(after_help = "Examples:
  newsdesk completions bash > ~/.local/share/bash-completion/completions/newsdesk
  newsdesk completions zsh > ~/.zfunc/_newsdesk
  newsdesk completions fish > ~/.config/fish/completions/newsdesk.fish")]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    pub shell: Shell,
}

/// Writes the script for `command`, the whole command line, to standard output.
pub fn run(args: CompletionsArgs, mut command: clap::Command) -> ExitCode {
    clap_complete::generate(args.shell, &mut command, "newsdesk", &mut std::io::stdout());
    ExitCode::SUCCESS
}

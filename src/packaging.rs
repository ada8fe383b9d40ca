//! `etika completions SHELL` and `etika man`: what a package or an install
//! script needs, made from the argument definitions so they never drift.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Result, refuse};
use crate::{Outcome, StdoutKind};

/// The completion script for `shell`.
pub(crate) fn completions(shell: clap_complete::Shell) -> Outcome {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "etika", &mut script);
    generated(script)
}

/// The manual page of etika, or of the command named by `path` (`validate`,
/// `checklist lint`), as roff for `man -l -` or a package's `man1/`. etika's
/// own page lists the commands as `etika-validate(1)` and so on, the names
/// of these pages.
pub(crate) fn man(path: &[String]) -> Result<Outcome> {
    // As clap_mangen's own `generate_to` does: built once from the top, so
    // each command's page is titled with its full name (`etika-validate`).
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    for (depth, name) in path.iter().enumerate() {
        let names: Vec<&str> = command.get_subcommands().map(clap::Command::get_name).collect();
        let Some(sub) = command.find_subcommand(name).cloned() else {
            let parent = std::iter::once("etika")
                .chain(path[..depth].iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ");
            if names.is_empty() {
                refuse!("`{parent}` has no commands, so no page for `{name}`");
            }
            refuse!(
                "`{parent}` has no command `{}`; its commands: {}",
                crate::text::escape_controls(name),
                names.join(", ")
            );
        };
        command = sub;
    }
    let mut page = Vec::new();
    // Every page names the same source, the etika release it documents.
    clap_mangen::Man::new(command)
        .source(format!("etika {}", env!("CARGO_PKG_VERSION")))
        .render(&mut page)?;
    Ok(generated(page))
}

fn generated(bytes: Vec<u8>) -> Outcome {
    Outcome {
        // clap writes what it was given: etika's own UTF-8 strings.
        stdout: String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        stdout_kind: StdoutKind::Generated,
        ..Outcome::success("")
    }
}

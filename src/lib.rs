//! etika: record, validate and report AI-ethics assessments.
//!
//! Data flows one way: checklist → assessment → evaluation → output. The
//! binary parses arguments and calls [`run`]; nothing below it exits.

mod assess;
mod assessment;
mod checklist;
mod checklist_markdown;
pub mod cli;
mod commands;
mod confine;
mod date;
mod diagnostic;
mod error;
mod evaluate;
mod fsutil;
mod messages;
mod output;
mod record;
mod report;
mod source;
mod store;
mod text;
mod value;
mod yaml;

pub use checklist::CheckError;
pub use commands::run;
pub use error::Error;
pub use text::{no_workflow_commands, safe_for_stderr};
pub use yaml::YamlError;

/// What a command produced, for the binary to print; `code` is the exit code
/// (README "Exit codes").
#[derive(Debug, Default)]
pub struct Outcome {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
    /// stdout is GitHub workflow commands that etika wrote (`--format github`);
    /// any other stdout is kept from starting one.
    pub workflow_commands: bool,
}

impl Outcome {
    pub(crate) fn success(stdout: impl Into<String>) -> Outcome {
        Outcome {
            code: 0,
            stdout: stdout.into(),
            stderr: String::new(),
            workflow_commands: false,
        }
    }
}

/// Exit codes (README "Exit codes").
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const PROBLEMS: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const INTERRUPTED: u8 = 130;
}

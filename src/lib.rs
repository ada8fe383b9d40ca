//! etika: record, validate and report AI-ethics assessments.
//!
//! Data flows one way: checklist → assessment → evaluation → output. The
//! binary parses arguments and calls [`run`]; nothing below it exits.

mod actions;
mod assess;
mod assessment;
mod batch;
mod checklist;
mod checklist_markdown;
pub mod cli;
mod commands;
mod confine;
mod date;
mod diagnostic;
mod diff;
mod error;
mod evaluate;
mod fingerprint;
mod fsutil;
#[doc(hidden)]
pub mod fuzz;
mod lock;
mod merge;
mod messages;
mod output;
mod packaging;
mod record;
mod report;
mod say;
mod schema;
mod source;
mod store;
mod template;
mod text;
mod value;
mod watch;
mod who;
mod yaml;
mod yaml_events;

pub use checklist::CheckError;
pub use commands::run;
pub use error::Error;
pub use text::{no_workflow_commands, safe_for_log};
pub use yaml::YamlError;

/// What a command produced, for the binary to print; `code` is the exit code
/// (README "Exit codes").
#[derive(Debug, Default)]
pub struct Outcome {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
    /// What stdout holds, which decides how it is kept from starting
    /// GitHub workflow commands when it is printed in a CI log.
    pub stdout_kind: StdoutKind,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum StdoutKind {
    /// Text for people (messages, Markdown): control characters escaped,
    /// guarded line by line.
    #[default]
    Text,
    /// JSON: `##[` inside strings is written `#\u0023[`, which reads back the same.
    Json,
    /// The checklist's own YAML (`checklist show --format yaml`), meant for a
    /// file: written as it is, since any rewrite would change the data.
    Yaml,
    /// GitHub workflow commands that etika wrote (`--format github`).
    Annotations,
    /// CSV etika wrote (`actions --format csv`): control characters in its
    /// cells were escaped when it was made, so that its CRLF line ends stay
    /// as RFC 4180 has them; guarded against workflow commands.
    Csv,
    /// Text for a terminal with etika's own colours; everything taken from
    /// files was escaped when the text was made.
    Styled,
    /// A shell completion script or the roff manual page, which clap makes
    /// from etika's own argument definitions: written as it is. Roff's
    /// `.` lines and backslashes pass the `Text` guard, but that guard
    /// would rewrite a line starting with `::` or a `##[` (a bash
    /// `${x##[...]}` pattern), which here are script, not log. Nothing in
    /// it comes from a file or an argument, so nothing can bring a workflow
    /// command in; a test checks every script and page hold none.
    Generated,
}

impl StdoutKind {
    /// `stdout` ready to print.
    pub fn guard(self, stdout: String) -> String {
        match self {
            // etika's own text has no control character but line breaks and tabs.
            StdoutKind::Text => text::safe_for_log_owned(stdout),
            StdoutKind::Json => stdout.replace("##[", "#\\u0023["),
            StdoutKind::Styled | StdoutKind::Csv => text::no_workflow_commands(&stdout).into_owned(),
            StdoutKind::Yaml | StdoutKind::Annotations | StdoutKind::Generated => stdout,
        }
    }
}

impl Outcome {
    pub(crate) fn success(stdout: impl Into<String>) -> Outcome {
        Outcome {
            code: 0,
            stdout: stdout.into(),
            stderr: String::new(),
            stdout_kind: StdoutKind::Text,
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

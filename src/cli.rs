//! Command-line arguments (clap types only).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A language the built-in messages and checklist speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English
    En,
    /// Bahasa Indonesia
    Id,
}

/// How `validate` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per finding, `FILE:LINE:COLUMN: level[rule]: message`
    Text,
    /// A stable JSON document (see README)
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request)
    Github,
    /// SARIF 2.1.0 for GitHub code scanning
    Sarif,
}

const AFTER_HELP: &str = "\
Exit codes: 0 success; 1 `validate` or `checklist lint` found problems, `sign`
refused an assessment with errors, or `diff --exit-code` found differences; 2 usage
error or unusable input; 130 interrupted (answers so far are saved).

Quick start:
  etika init --system \"Loan approval model\"
  etika assess
  etika validate ethics-assessment.yaml
  etika sign --name \"Dewi\" --role \"Responsible AI lead\"
  etika report ethics-assessment.yaml -o assessment.md";

/// `etika --version`: the binary's version and the built-in checklist's,
/// which build.rs reads from `checklists/ai-ethics.yaml`.
pub const VERSION: &str = env!("ETIKA_VERSION");

#[derive(Debug, Parser)]
#[command(
    name = "etika",
    version = VERSION,
    about = "Record, validate and report AI-ethics assessments against a YAML checklist",
    long_about = "etika walks a team through an AI-ethics checklist (bias, explainability, privacy, job impact), \
records the answers in a YAML file that lives next to the code, validates it in CI and renders a Markdown report.",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an assessment file bound to a checklist
    Init(InitArgs),
    /// Answer the checklist interactively; resumes where you stopped
    Assess(AssessArgs),
    /// Record one answer without prompts (scripts, bulk edits)
    Answer(AnswerArgs),
    /// Check assessments: unanswered items, missing evidence, overdue actions, stale answers
    Validate(ValidateArgs),
    /// Render the Markdown assessment report
    Report(ReportArgs),
    /// Record a sign-off, with digests of the watched paths; refuses while errors remain
    Sign(SignArgs),
    /// The action plan: every action recorded on an answer, with owner, due date and status
    #[command(long_about = ACTIONS_ABOUT)]
    Actions(ActionsArgs),
    /// What changed between two assessments; either may be a git revision (REV:PATH)
    #[command(long_about = DIFF_ABOUT, after_help = DIFF_AFTER)]
    Diff(DiffArgs),
    /// List, show, lint and scaffold checklists
    #[command(subcommand)]
    Checklist(ChecklistCommand),
    /// Print the JSON Schema of a file kind, for editors (completion, checks as you type)
    Schema(SchemaArgs),
    /// Print a shell completion script, e.g. `etika completions bash > ~/.local/share/bash-completion/completions/etika`
    Completions {
        /// The shell the script is for
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `etika man | man -l -`; `etika man validate` for a command's own page
    Man {
        /// The command whose page to print, e.g. `validate` or `checklist lint` [default: etika's own page]
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The assessment file to create
    #[arg(short, long, value_name = "FILE", default_value = crate::assessment::DEFAULT_FILE)]
    pub output: PathBuf,
    /// A built-in checklist id or the path of a checklist file (etika's format or deon's)
    #[arg(long, value_name = "ID|PATH", default_value = "ai-ethics")]
    pub checklist: String,
    /// Name of the system being assessed [default: the current folder's name]
    #[arg(long, value_name = "NAME")]
    pub system: Option<String>,
    /// Team or person who owns the system
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// Replace the file if it exists (its answers are lost)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The assessment file; created when missing
    #[arg(value_name = "FILE", default_value = crate::assessment::DEFAULT_FILE)]
    pub file: PathBuf,
    /// Only this section (unanswered context questions are asked first)
    #[arg(long, value_name = "ID")]
    pub section: Option<String>,
    /// Only this item (and the context questions it depends on), asked even if answered
    #[arg(long, value_name = "ID", conflicts_with = "section")]
    pub item: Option<String>,
    /// Go through answered items too, each starting from its current answer (Enter keeps it)
    #[arg(long)]
    pub review: bool,
    #[arg(
        help = "Who gives the answers [default: $ETIKA_USER, then git's user.name, then the login name]",
        long,
        value_name = "NAME"
    )]
    pub by: Option<String>,
    /// Checklist for a new file: a built-in id or a path (etika's format or deon's) [default: ai-ethics]
    #[arg(long, value_name = "ID|PATH")]
    pub checklist: Option<String>,
    #[arg(
        help = "Language of questions and prompts [default: $ETIKA_LANG, then the locale, then en]",
        long,
        value_enum
    )]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// The assessment file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Item id, e.g. bias.training-data
    #[arg(value_name = "ITEM")]
    pub item: String,
    /// The answer: yes|partial|no, an option value, a list "a,b", a number 1-5, text; or unknown, n/a
    #[arg(value_name = "VALUE", allow_hyphen_values = true)]
    pub value: String,
    /// Why this answer
    #[arg(long, value_name = "TEXT")]
    pub rationale: Option<String>,
    /// A document path or URL backing the answer (repeatable; replaces earlier evidence; "" removes it)
    #[arg(long, value_name = "PATH|URL")]
    pub evidence: Vec<String>,
    /// What will be done about a gap (needed for adverse answers); "" removes it
    #[arg(long, value_name = "TEXT")]
    pub action: Option<String>,
    /// Who owns the action
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// When the action is due (YYYY-MM-DD); "" removes it
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    #[arg(
        help = "Who gives the answer [default: $ETIKA_USER, then git's user.name, then the login name]",
        long,
        value_name = "NAME"
    )]
    pub by: Option<String>,
    /// Date recorded with the answer [default: today]
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// Replace an answer to ITEM that someone else changed since this command read the file
    #[arg(long)]
    pub overwrite: bool,
    #[arg(
        help = "Language of the messages [default: $ETIKA_LANG, then the locale, then en]",
        long,
        value_enum
    )]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Assessment files, and folders to search for them [default: ethics-assessment.yaml]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Date to check due dates against (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Fail on warnings too (each is reported as an error)
    #[arg(long)]
    pub deny_warnings: bool,
    /// Fail when an assessment has no current sign-off, complete or not
    #[arg(long)]
    pub require_signoff: bool,
    #[arg(
        help = "Colour in text output [default: auto: on a terminal, unless $NO_COLOR is set]",
        long,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: ColorChoice,
    #[arg(
        help = "Do not append a summary table to $GITHUB_STEP_SUMMARY (appended whenever it is set)",
        long
    )]
    pub no_step_summary: bool,
    #[arg(
        help = "Language of the findings and summary lines; rule ids, levels and JSON fields stay English \
                [default: $ETIKA_LANG, then the locale, then en]",
        long,
        value_enum
    )]
    pub lang: Option<LangArg>,
}

/// When text output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct SignArgs {
    /// The assessment file
    #[arg(value_name = "FILE", default_value = crate::assessment::DEFAULT_FILE)]
    pub file: PathBuf,
    /// Who signs off (the accountable person)
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// Their role, e.g. "Responsible AI lead"
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// Date of the sign-off (YYYY-MM-DD) [default: today]; also the date errors are checked at
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Also set `review_by`: when the assessment must be reviewed again (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub review_by: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The assessment file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write the report here instead of standard output (`-` is standard output)
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// A minijinja template to use instead of the built-in one (the whole report)
    #[arg(long, value_name = "PATH")]
    pub template: Option<PathBuf>,
    /// A folder of templates that override the built-in ones of the same name:
    /// DIR/report.md.j2 can `{% extends "etika/report.md.j2" %}` and replace
    /// one block (see docs/templates.md)
    #[arg(long, value_name = "DIR", conflicts_with = "template")]
    pub template_dir: Option<PathBuf>,
    /// Markdown for people, or the evaluation as JSON for tools (no language)
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ReportFormat,
    #[arg(
        help = "Language of the report [default: $ETIKA_LANG, then the locale, then en]",
        long,
        value_enum
    )]
    pub lang: Option<LangArg>,
    /// Report date, also used for overdue actions (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

const ACTIONS_ABOUT: &str = "\
The action plan: one row per action recorded on an answer (item, question, action, owner, due date, status), \
sorted by due date (actions without a date last), then in checklist order.

Status: `open` (the answer still admits a gap and the due date has not passed), `overdue` (due before today), \
`closed` (the answer no longer needs an action), `not-applicable` (the item does not apply to the system, or the \
checklist no longer has it), `pending` (the item waits on an earlier answer, or its answer does not fit the item).

Markdown is one GitHub table, in the chosen language. CSV (RFC 4180, a header row) and JSON keep English headers \
and status values; a CSV cell starting with = + - @, a tab or a carriage return gets a leading ' so that a \
spreadsheet shows it as text instead of running it as a formula.";

const DIFF_ABOUT: &str = "\
What changed between two assessments of one system: the headline facts (impact level, legal classes, readiness, \
whether validate passes, counts), answers added, removed and changed (with who and when), actions opened, closed and changed, findings \
introduced and resolved (matched by rule and item, not by line), and the sign-off.

OLD and NEW are assessment files, or a file at a git revision: REV:PATH, e.g. `main:ethics-assessment.yaml` or \
`HEAD~1:ethics-assessment.yaml`, read with `git show` in the current folder's repository. PATH is relative to the \
current folder, as on the command line. A file that exists by the name given is always read as a file. Each side \
uses the checklist its own file names; for a revision, `checklist.path`, evidence and watched paths are resolved \
in the working tree, where the file is (or would be).";

const DIFF_AFTER: &str = "\
Exit codes: 0 whether or not the assessments differ (with --exit-code: 0 the same, 1 they differ); 2 a side that \
cannot be read.

Examples:
  etika diff HEAD:ethics-assessment.yaml ethics-assessment.yaml
  etika diff origin/main:ethics-assessment.yaml ethics-assessment.yaml --format markdown";

#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// The assessment file
    #[arg(value_name = "FILE", default_value = crate::assessment::DEFAULT_FILE)]
    pub file: PathBuf,
    /// Markdown (a GitHub table), CSV for spreadsheets, or JSON for tools
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ActionsFormat,
    /// Date to decide what is overdue (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    #[arg(
        help = "Language of the questions, and of the Markdown table's headers and statuses \
                [default: $ETIKA_LANG, then the locale, then en]",
        long,
        value_enum
    )]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActionsFormat {
    Markdown,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier assessment: a file, or REV:PATH (a file at a git revision)
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later assessment: a file, or REV:PATH
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Text for a terminal, Markdown for a pull-request comment, or JSON for tools
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Date both sides are evaluated at, for overdue actions and sign-offs (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Exit 1 when the assessments differ, 0 when they do not (as `git diff --exit-code`)
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ChecklistCommand {
    /// List the built-in checklists
    List,
    /// Print a checklist as Markdown, in its file format (YAML or JSON), or in deon's YAML
    Show(ShowArgs),
    /// Check a checklist file: every problem, each at its line and column, with its rule
    Lint(LintArgs),
    /// Write a commented checklist of your own that extends the built-in one, to edit
    New(NewArgs),
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The checklist file to write
    #[arg(value_name = "PATH", default_value = "checklist.yaml")]
    pub path: PathBuf,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Checkboxes for people, in a language
    Markdown,
    /// etika's checklist file format
    Yaml,
    /// etika's checklist file format as JSON
    Json,
    /// deon's checklist YAML (`deon -l FILE` renders it), in a language
    Deon,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A built-in checklist id or the path of a checklist file (etika's format or deon's)
    #[arg(value_name = "ID|PATH")]
    pub checklist: String,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ShowFormat,
    #[arg(
        help = "Language of the Markdown and deon output [default: $ETIKA_LANG, then the locale, then en]",
        long,
        value_enum
    )]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file the schema describes
    #[arg(value_enum, value_name = "KIND")]
    pub kind: SchemaKind,
    /// Write the schema here instead of standard output (`-` is standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A checklist file
    Checklist,
    /// An assessment file
    Assessment,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// The checklist file to check (etika's format, or deon's)
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Fail on warnings too (missing references and translations, stale translations)
    #[arg(long)]
    pub deny_warnings: bool,
}

//! One function per command: load, call the library, return what to print.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use crate::assess::{InquirePrompter, Prompter, Reply, WalkOptions, walk};
use crate::assessment::{Action, Assessment, DEFAULT_FILE, System, reference_path};
use crate::checklist::{self, Checklist, Origin};
use crate::cli::{
    AnswerArgs, AssessArgs, ChecklistCommand, Cli, Command, InitArgs, ReportArgs, ValidateArgs,
};
use crate::date::Date;
use crate::evaluate::{self, Level};
use crate::fsutil::Existing;
use crate::messages::messages;
use crate::output::{self, FileReport, Unreadable};
use crate::record::{NewAnswer, merge_field, record, unknown_item_message};
use crate::text::Lang;
use crate::text::escape_controls;
use crate::value::Value;
use crate::{Outcome, exit, fsutil, report};

/// Runs one command. `Err` means unusable input or a usage error (exit 2).
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Init(args) => init(args),
        Command::Assess(args) => assess(args),
        Command::Answer(args) => answer(args),
        Command::Validate(args) => validate(args),
        Command::Report(args) => report(args),
        Command::Checklist(ChecklistCommand::List) => Ok(Outcome::success(checklist::export::list()?)),
        Command::Checklist(ChecklistCommand::Show(args)) => {
            let checklist = checklist::resolve(&args.checklist)?;
            let lang = args.lang.unwrap_or_else(Lang::from_env);
            Ok(Outcome {
                stderr: language_warning(&checklist, lang),
                ..Outcome::success(checklist::export::show(&checklist, args.format, lang)?)
            })
        }
        Command::Checklist(ChecklistCommand::Lint(args)) => checklist::lint::lint_file(&args.path),
    }
}

/// One warning when a checklist does not speak the requested language (its
/// English text is used instead).
fn language_warning(checklist: &Checklist, lang: Lang) -> String {
    if checklist.languages.iter().any(|l| l == lang.code()) {
        return String::new();
    }
    format!(
        "warning: checklist {} {}\n",
        checklist.id,
        messages(lang).no_translation
    )
}

/// etika writes the file in one canonical form; comments added by hand do not
/// survive that, and the user should hear it before, not after.
fn comments_note(assessment: &Assessment, path: &Path) -> String {
    if assessment.has_comments {
        format!(
            "note: {} has comments of its own; etika rewrites the file and does not keep them\n",
            path.display()
        )
    } else {
        String::new()
    }
}

/// The checklist path a new assessment at `output` records, checked to be
/// one it may use, before anything is written.
fn checked_reference(checklist: &Checklist, output: &Path) -> Result<Option<String>> {
    let reference = reference_path(checklist, output);
    if let Some(relative) = &reference {
        crate::confine::checklist_path(output, relative).with_context(|| {
            format!(
                "{} cannot use the checklist {}; put the checklist inside the repository (or folder) of the assessment",
                output.display(),
                escape_controls(relative)
            )
        })?;
    }
    Ok(reference)
}

fn load(path: &Path) -> Result<(Assessment, Checklist)> {
    let assessment = Assessment::load(path)?;
    let checklist = assessment.load_checklist(path)?;
    Ok((assessment, checklist))
}

fn parse_date(text: Option<&str>, flag: &str) -> Result<Date> {
    match text {
        None => Ok(Date::today()),
        Some(text) => Date::parse(text).ok_or_else(|| anyhow!("{flag} `{text}` is not a date (YYYY-MM-DD)")),
    }
}

/// `etika assess` or `etika assess FILE`, whichever the user needs to type.
fn assess_command(path: &Path) -> String {
    if path == Path::new(DEFAULT_FILE) {
        "etika assess".to_string()
    } else {
        format!("etika assess {}", path.display())
    }
}

fn default_system_name() -> String {
    std::env::current_dir()
        .ok()
        .and_then(|dir| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Unnamed AI system".to_string())
}

fn init(args: InitArgs) -> Result<Outcome> {
    let checklist = checklist::resolve(&args.checklist)?;
    if args.output.exists() && !args.force {
        bail!(
            "{} already exists; use --force to replace it (its answers would be lost), or `{}` to continue it",
            args.output.display(),
            assess_command(&args.output)
        );
    }
    let system = System {
        name: args.system.unwrap_or_else(default_system_name),
        owner: args.owner,
        description: None,
    };
    let reference = checked_reference(&checklist, &args.output)?;
    let assessment = Assessment::new(&checklist, reference, system);
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    assessment.save(&args.output, &checklist, existing)?;
    Ok(Outcome::success(format!(
        "Created {} for checklist {} {} ({} questions).\nNext: {}\n",
        args.output.display(),
        checklist.id,
        checklist.version,
        checklist.items().count(),
        assess_command(&args.output)
    )))
}

fn assess(args: AssessArgs) -> Result<Outcome> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        bail!(
            "`etika assess` asks questions and needs a terminal; without one, record answers with \
             `etika answer {} ITEM VALUE` (see `etika answer --help`)",
            args.file.display()
        );
    }
    let lang = args.lang.unwrap_or_else(Lang::from_env);
    let m = messages(lang);
    let mut prompter = InquirePrompter::new();
    let (mut assessment, checklist) = if args.file.exists() {
        if args.checklist.is_some() {
            // The file already names its checklist; say so rather than ignore the flag silently.
            prompter.note(&format!(
                "note: --checklist only applies when a new file is created; {} keeps its checklist",
                args.file.display()
            ));
        }
        load(&args.file)?
    } else {
        let checklist = checklist::resolve(args.checklist.as_deref().unwrap_or("ai-ethics"))?;
        let reference = checked_reference(&checklist, &args.file)?;
        let suggested = default_system_name();
        let question = format!("{} [{suggested}]", m.system_name);
        let name = match prompter.text(&question, "", m.keys_text, &|_| None) {
            Reply::Answer(name) if !name.trim().is_empty() => name.trim().to_string(),
            Reply::Answer(_) | Reply::Skip => suggested,
            Reply::Quit => {
                return Ok(Outcome {
                    code: exit::INTERRUPTED,
                    stderr: format!("Interrupted; {} was not created.\n", args.file.display()),
                    ..Outcome::default()
                });
            }
        };
        let system = System {
            name,
            ..System::default()
        };
        let assessment = Assessment::new(&checklist, reference, system);
        assessment.save(&args.file, &checklist, Existing::Refuse)?;
        (assessment, checklist)
    };
    if let Some(section) = &args.section
        && checklist.section(section).is_none()
    {
        bail!(
            "checklist {} has no section `{section}`; its sections: {}",
            checklist.id,
            checklist
                .sections
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for warning in [
        language_warning(&checklist, lang),
        comments_note(&assessment, &args.file),
    ] {
        if !warning.is_empty() {
            prompter.note(warning.trim_end());
        }
    }
    let options = WalkOptions {
        section: args.section,
        review: args.review,
        lang,
        by: std::env::var("ETIKA_USER").ok().filter(|s| !s.trim().is_empty()),
        today: Date::today(),
    };
    let outcome = walk(&mut prompter, &checklist, &mut assessment, &args.file, &options)?;
    if let Some(failure) = prompter.failure {
        bail!(
            "the terminal prompt failed: {failure}; answers given so far are saved in {}",
            args.file.display()
        );
    }
    if outcome.interrupted {
        return Ok(Outcome {
            code: exit::INTERRUPTED,
            stderr: format!(
                "\nInterrupted: {} answer(s) saved this session in {}. {}\n",
                outcome.answered,
                args.file.display(),
                m.saved_and_quit
            ),
            ..Outcome::default()
        });
    }
    Ok(Outcome::success(format!(
        "{} answer(s) saved in {}.\n",
        outcome.answered,
        args.file.display()
    )))
}

fn answer(args: AnswerArgs) -> Result<Outcome> {
    let (mut assessment, checklist) = load(&args.file)?;
    let file = args.file.display().to_string();
    let item = checklist
        .item(&args.item)
        .ok_or_else(|| anyhow!("{file}: {}", unknown_item_message(&checklist, &args.item)))?;
    let value =
        Value::parse_cli(item, &args.value).map_err(|why| anyhow!("{file}: `{}`: {why}", args.item))?;
    let today = parse_date(args.at.as_deref(), "--at").map_err(|e| anyhow!("{file}: {e}"))?;
    if let Some(due) = args.due.as_deref().filter(|d| !d.trim().is_empty())
        && Date::parse(due).is_none()
    {
        bail!("{file}: --due `{due}` is not a date (YYYY-MM-DD)");
    }
    let action = if args.action.is_some() || args.owner.is_some() || args.due.is_some() {
        // Only the parts given change; `--due` alone moves a deadline.
        let previous = assessment
            .answers
            .get(&item.id)
            .and_then(|a| a.action.clone())
            .unwrap_or_default();
        // An empty value clears that part; an action with no part left is removed.
        let action = Action {
            text: merge_field(args.action, previous.text),
            owner: merge_field(args.owner, previous.owner),
            due: merge_field(args.due, previous.due),
        };
        Some((action != Action::default()).then_some(action))
    } else {
        None
    };
    let new = NewAnswer {
        rationale: args.rationale,
        evidence: (!args.evidence.is_empty()).then(|| {
            args.evidence
                .into_iter()
                .filter(|e| !e.trim().is_empty())
                .collect()
        }),
        action,
        by: args
            .by
            .or_else(|| std::env::var("ETIKA_USER").ok())
            .filter(|s| !s.trim().is_empty()),
    };
    let comments_note = comments_note(&assessment, &args.file);
    record(&checklist, &mut assessment, &args.item, value.clone(), new, today)
        .map_err(|e| anyhow!("{file}: {e}"))?;
    assessment.save(&args.file, &checklist, Existing::Replace)?;
    let remaining: Vec<String> = evaluate::validate(&checklist, &assessment, Date::today())
        .into_iter()
        .filter(|f| f.item.as_deref() == Some(args.item.as_str()))
        .map(|f| {
            let level = if f.level == Level::Error {
                "still needed"
            } else {
                "note"
            };
            format!("{level}: {}\n", f.message)
        })
        .collect();
    Ok(Outcome {
        code: exit::SUCCESS,
        stdout: format!("Recorded `{}` = {} in {file}.\n", args.item, value.to_raw()),
        stderr: comments_note + &remaining.concat(),
    })
}

fn validate(args: ValidateArgs) -> Result<Outcome> {
    let today = parse_date(args.today.as_deref(), "--today")?;
    let mut reports = Vec::new();
    let mut unreadable = Vec::new();
    for path in &args.files {
        match load(path) {
            Ok((assessment, checklist)) => {
                let findings = evaluate::validate(&checklist, &assessment, today);
                reports.push(FileReport::new(
                    path.display().to_string(),
                    assessment.checklist.clone(),
                    findings,
                ));
            }
            Err(error) => unreadable.push(Unreadable {
                file: path.display().to_string(),
                message: crate::text::escape_controls_keep_lines(&format!("{error:#}")).into_owned(),
            }),
        }
    }
    let code = if !unreadable.is_empty() {
        exit::USAGE
    } else if reports.iter().any(|r| !r.passed) {
        exit::PROBLEMS
    } else {
        exit::SUCCESS
    };
    Ok(Outcome {
        code,
        stdout: output::render(args.format, &reports, &unreadable),
        stderr: unreadable
            .iter()
            .map(|u| format!("error: {}\n", u.message))
            .collect(),
    })
}

fn report(args: ReportArgs) -> Result<Outcome> {
    let (assessment, checklist) = load(&args.file)?;
    let lang = args.lang.unwrap_or_else(Lang::from_env);
    let today = parse_date(args.today.as_deref(), "--today")?;
    let text = report::render(&checklist, &assessment, lang, today, args.template.as_deref())?;
    let warning = language_warning(&checklist, lang);
    if let Some(out) = &args.output {
        let mut inputs = vec![("the assessment", args.file.clone())];
        if let Origin::File(path) = &checklist.origin {
            inputs.push(("its checklist", path.clone()));
        }
        if let Some(template) = &args.template {
            inputs.push(("the template", template.clone()));
        }
        if let Some((what, _)) = inputs.iter().find(|(_, input)| fsutil::same_file(out, input)) {
            bail!("-o {} would overwrite {what}; choose another file", out.display());
        }
    }
    match args.output {
        Some(path) => {
            fsutil::write_output(&path, text.as_bytes()).context("cannot write the report")?;
            Ok(Outcome {
                stderr: format!("{warning}Wrote {}\n", path.display()),
                ..Outcome::default()
            })
        }
        None => Ok(Outcome {
            stderr: warning,
            ..Outcome::success(text)
        }),
    }
}

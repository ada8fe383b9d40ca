//! One function per command: load, call the library, return what to print.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::error::{Context, Error, Result, input_error, refuse};

use crate::assess::{InquirePrompter, Prompter, Reply, WalkOptions, walk};
use crate::assessment::{Assessment, ChecklistRef, DEFAULT_FILE, System, reference_path};
use crate::checklist::{self, Checklist, Origin};
use crate::cli::{
    ActionsArgs, ActionsFormat, AnswerArgs, AssessArgs, ChecklistCommand, Cli, ColorChoice, Command,
    DiffArgs, DiffFormat, InitArgs, LintArgs, NewArgs, ReportArgs, ReportFormat, SchemaArgs, ShowArgs,
    ShowFormat, SignArgs, ValidateArgs,
};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Level, Rule, Span};
use crate::evaluate::{self, Checks, Evaluation};
use crate::fsutil::Existing;
use crate::messages::messages;
use crate::output::{self, FileReport, Unreadable};
use crate::record::{ActionChange, NewAnswer, record_in, unknown_item_message};
use crate::say::{Say, say};
use crate::source;
use crate::store::{self, OnConflict, Saved, Stored};
use crate::template::Templates;
use crate::text::{Lang, code_span, escape_controls};
use crate::value::Value;
use crate::{Outcome, StdoutKind, batch, exit, fsutil, report};

/// Runs one command. `Err` means unusable input or a usage error (exit 2).
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Init(args) => init(args),
        Command::Assess(args) => assess(args),
        Command::Answer(args) => answer(args),
        Command::Validate(args) => validate(&args),
        Command::Report(args) => report(args),
        Command::Sign(args) => sign(args),
        Command::Actions(args) => actions(&args),
        Command::Diff(args) => diff(&args),
        Command::Checklist(ChecklistCommand::List) => {
            Ok(Outcome::success(crate::checklist_markdown::list()?))
        }
        Command::Checklist(ChecklistCommand::Show(args)) => show(&args),
        Command::Checklist(ChecklistCommand::Lint(args)) => lint(&args),
        Command::Checklist(ChecklistCommand::New(args)) => new_checklist(&args),
        Command::Schema(args) => schema(args),
        Command::Completions { shell } => Ok(crate::packaging::completions(shell)),
        Command::Man { command } => crate::packaging::man(&command),
    }
}

/// `etika checklist show`: Markdown in a language, deon's shape, or the
/// file format as written (read once, and printed only once it passes its
/// checks, with the checklists it extends).
fn show(args: &ShowArgs) -> Result<Outcome> {
    if matches!(args.format, ShowFormat::Markdown | ShowFormat::Deon) {
        let checklist = source::resolve(&args.checklist)?;
        let lang = args.lang.map_or_else(Lang::from_env, Lang::from);
        let stderr = language_warning(&checklist, lang);
        if args.format == ShowFormat::Deon {
            let deon = checklist::deon::export(&checklist, lang);
            let yaml = deon.to_yaml()?;
            // As for `--format yaml`: JSON where YAML cannot escape a workflow command.
            let (stdout, stdout_kind) = if crate::text::no_workflow_commands(&yaml) == yaml {
                (yaml, StdoutKind::Yaml)
            } else {
                (deon.to_json()?, StdoutKind::Json)
            };
            return Ok(Outcome {
                stdout,
                stderr,
                stdout_kind,
                ..Outcome::default()
            });
        }
        let markdown = crate::checklist_markdown::markdown(&checklist, lang);
        // The process ends right after: freeing the checklist's thousands
        // of allocations one by one cost a sixth of the command.
        std::mem::forget(checklist);
        return Ok(Outcome {
            stderr,
            ..Outcome::success(markdown)
        });
    }
    let (raw, _) = source::resolve_raw(&args.checklist)?;
    let json = || serde_json::to_string_pretty(&raw).map(|json| json + "\n");
    let mut stderr = String::new();
    let (stdout, stdout_kind) = if args.format == ShowFormat::Json {
        (json()?, StdoutKind::Json)
    } else {
        let yaml = crate::yaml::to_string(&raw)?;
        // A text line starting with `::` (or holding `##[`) would be a workflow
        // command in a CI log, and YAML cannot escape it in a block scalar.
        // JSON is YAML too, and escapes it: the same checklist, safely.
        if crate::text::no_workflow_commands(&yaml) == yaml {
            (yaml, StdoutKind::Yaml)
        } else {
            stderr = "note: the checklist's texts hold lines a CI log would run as workflow commands; \
                      printed as JSON, which is YAML too and escapes them\n"
                .to_string();
            (json()?, StdoutKind::Json)
        }
    };
    source::resolve(&args.checklist)?;
    Ok(Outcome {
        stdout,
        stderr,
        stdout_kind,
        ..Outcome::default()
    })
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
fn comments_note(t: &Say, assessment: &Assessment, path: &Path) -> String {
    if assessment.has_comments {
        format!("{}\n", (t.has_comments)(&path.display().to_string()))
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

fn load(path: &Path) -> Result<(Stored, Checklist)> {
    let stored = store::load(path)?;
    let checklist = source::for_assessment(&stored.assessment.checklist, path)?;
    Ok((stored, checklist))
}

fn parse_date(text: Option<&str>, flag: &str) -> Result<Date> {
    parse_date_in(&crate::say::EN, text, flag)
}

fn parse_date_in(t: &Say, text: Option<&str>, flag: &str) -> Result<Date> {
    match text {
        None => Ok(Date::today()),
        Some(text) => Date::parse(text)
            .ok_or_else(|| input_error!("{}", (t.flag_not_a_date)(flag, &format!("`{text}`")))),
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
    let checklist = source::resolve(&args.checklist)?;
    crate::confine::output_file(&args.output)?;
    if args.output.exists() && !args.force {
        refuse!(
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
    store::create(&args.output, &assessment, &checklist, existing)?;
    write_schema_beside(&args.output)?;
    Ok(Outcome::success(format!(
        "Created {} for checklist {} {} ({} questions).\nNext: {}\n",
        args.output.display(),
        checklist.id,
        checklist.version,
        checklist.items().count(),
        assess_command(&args.output)
    )))
}

/// Writes the schema a new assessment's modeline names. Only called once
/// the assessment is saved, so a failure says the file itself is there.
fn write_schema_beside(assessment: &Path) -> Result<()> {
    crate::schema::write_beside(assessment).with_context(|| {
        format!(
            "{} was created, but not the schema editors check it with (write it with `etika schema assessment -o {}`)",
            assessment.display(),
            crate::schema::beside(assessment).display()
        )
    })
}

fn check_section(checklist: &Checklist, section: Option<&str>) -> Result<()> {
    if let Some(section) = section
        && checklist.section(section).is_none()
    {
        refuse!(
            "checklist {} has no section {}; its sections: {}",
            checklist.id,
            code_span(section),
            checklist
                .sections
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}

fn assess(args: AssessArgs) -> Result<Outcome> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        refuse!(
            "`etika assess` asks questions and needs a terminal; without one, record answers with \
             `etika answer {} ITEM VALUE` (see `etika answer --help`)",
            args.file.display()
        );
    }
    let lang = args.lang.map_or_else(Lang::from_env, Lang::from);
    let (m, t) = (messages(lang), crate::assess::words(lang));
    let mut prompter = InquirePrompter::new(t);
    let file = args.file.display().to_string();
    let (mut stored, checklist) = if args.file.exists() {
        if args.checklist.is_some() {
            // The file already names its checklist; say so rather than ignore the flag silently.
            prompter.note(&(t.checklist_ignored)(&file));
        }
        let (stored, checklist) = load(&args.file)?;
        check_section(&checklist, args.section.as_deref())?;
        check_item(&checklist, &stored.assessment, args.item.as_deref(), &args.file)?;
        (stored, checklist)
    } else {
        let checklist = source::resolve(args.checklist.as_deref().unwrap_or("ai-ethics"))?;
        // Every check before the file is created.
        check_section(&checklist, args.section.as_deref())?;
        crate::confine::output_file(&args.file)?;
        let reference = checked_reference(&checklist, &args.file)?;
        let system = System {
            name: String::new(),
            ..System::default()
        };
        let assessment = Assessment::new(&checklist, reference, system);
        check_item(&checklist, &assessment, args.item.as_deref(), &args.file)?;
        let suggested = default_system_name();
        let question = format!("{} [{suggested}]", m.system_name);
        let name = match prompter.text(&question, "", t.keys_plain, &|_| None) {
            Reply::Answer(name) if !name.trim().is_empty() => name.trim().to_string(),
            Reply::Answer(_) | Reply::Skip => suggested,
            Reply::Quit => {
                return Ok(Outcome {
                    code: exit::INTERRUPTED,
                    stderr: format!("{}\n", (t.not_created)(&file)),
                    ..Outcome::default()
                });
            }
        };
        let assessment = Assessment {
            system: System {
                name,
                ..System::default()
            },
            ..assessment
        };
        let stored = store::create(&args.file, &assessment, &checklist, Existing::Refuse)?;
        write_schema_beside(&args.file)?;
        (stored, checklist)
    };
    let warning = language_warning(&checklist, lang);
    if !warning.is_empty() {
        prompter.note(warning.trim_end());
    }
    // Comments cannot survive a save: ask before the first one, not after.
    if stored.assessment.has_comments {
        let choices =
            [t.comments_go_on, t.comments_quit].map(|label| crate::assess::Choice { label: label.into() });
        match prompter.select(&(t.comments)(&file), &choices, 1, t.keys_select) {
            Reply::Answer(0) => {}
            Reply::Quit => {
                return Ok(Outcome {
                    code: exit::INTERRUPTED,
                    ..Outcome::default()
                });
            }
            _ => return Ok(Outcome::default()),
        }
    }
    let options = WalkOptions {
        section: args.section,
        item: args.item,
        review: args.review,
        lang,
        by: crate::who::answerer(args.by.as_deref(), &args.file),
        today: Date::today(),
    };
    // A closed terminal saves like Ctrl-C: the answer in progress is rescued.
    let rescue = crate::assess::Rescue::default();
    let outcome = crate::assess::watched(&checklist, &args.file, &rescue, || {
        walk(
            &mut prompter,
            &checklist,
            &mut stored,
            &args.file,
            &options,
            &rescue,
        )
    })?;
    if let Some(failure) = prompter.failure {
        refuse!(
            "the terminal prompt failed: {failure}; answers given so far are saved in {}",
            args.file.display()
        );
    }
    // Said through the prompter, so it is wrapped to the terminal like the rest.
    if outcome.interrupted {
        prompter.note(&format!(
            "\n{} {}",
            (t.interrupted)(outcome.answered, &file),
            (t.resume)(&assess_command(&args.file))
        ));
        return Ok(Outcome {
            code: exit::INTERRUPTED,
            ..Outcome::default()
        });
    }
    prompter.note(&(t.saved_this_session)(outcome.answered, &file));
    Ok(Outcome::default())
}

/// `--item`: an item of the checklist that can apply.
fn check_item(checklist: &Checklist, assessment: &Assessment, item: Option<&str>, path: &Path) -> Result<()> {
    let Some(item) = item else { return Ok(()) };
    let file = path.display().to_string();
    if checklist.item(item).is_none() {
        refuse!(
            "{file}: {}",
            unknown_item_message(&crate::say::EN, checklist, item)
        );
    }
    if evaluate::applicability_of(checklist, assessment, item) == Some(evaluate::Applicability::DoesNotApply)
    {
        refuse!(
            "{file}: {} does not apply to this system given the answers it depends on; `{} --review` goes \
             through them again",
            code_span(item),
            assess_command(path)
        );
    }
    Ok(())
}

fn answer(args: AnswerArgs) -> Result<Outcome> {
    let lang = args.lang.map_or_else(Lang::from_env, Lang::from);
    let t = say(lang);
    let (stored, checklist) = load(&args.file)?;
    let file = args.file.display().to_string();
    let item = checklist
        .item(&args.item)
        .ok_or_else(|| input_error!("{file}: {}", unknown_item_message(t, &checklist, &args.item)))?;
    let value = Value::parse_cli(item, &args.value)
        .map_err(|why| input_error!("{file}: `{}`: {}", args.item, (t.invalid)(&why)))?;
    let today = parse_date_in(t, args.at.as_deref(), "--at").map_err(|e| input_error!("{file}: {e}"))?;
    if let Some(due) = args.due.as_deref().filter(|d| !d.trim().is_empty())
        && Date::parse(due).is_none()
    {
        refuse!("{file}: {}", (t.flag_not_a_date)("--due", &code_span(due)));
    }
    // Only the parts given change; `--due` alone moves a deadline.
    let action = ActionChange {
        text: args.action,
        owner: args.owner,
        due: args.due,
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
        by: crate::who::answerer(args.by.as_deref(), &args.file),
    };
    let comments_note = comments_note(t, &stored.assessment, &args.file);
    let answer = record_in(t, &checklist, &stored.assessment, &args.item, &value, new, today)
        .map_err(|e| input_error!("{file}: {e}"))?;
    let on_conflict = if args.overwrite {
        OnConflict::Overwrite
    } else {
        OnConflict::Refuse
    };
    let saved = match store::save_answer(&args.file, &checklist, &stored, &item.id, answer, on_conflict)? {
        Saved::Written(saved) => saved,
        Saved::Conflict { theirs, .. } => {
            let now = theirs.map(|theirs| theirs.summary());
            return Err(Error::Conflict((t.conflict)(&file, &item.id, now.as_deref())));
        }
    };
    let moved = if saved.assessment.checklist.version == stored.assessment.checklist.version {
        String::new()
    } else {
        format!(
            "{}\n",
            (t.moved_to_version)(&file, &checklist.id, &checklist.version)
        )
    };
    let checks = Checks {
        lang,
        ..Checks::new(Date::today(), &args.file)
    };
    let remaining: Vec<String> = evaluate::validate(&checklist, &saved.assessment, &checks)
        .into_iter()
        .filter(|f| f.item.as_deref() == Some(args.item.as_str()))
        .map(|f| {
            let level = if f.level == Level::Error {
                t.still_needed
            } else {
                t.note
            };
            format!("{level}: {}\n", f.message)
        })
        .collect();
    Ok(Outcome {
        code: exit::SUCCESS,
        stdout: format!(
            "{}\n",
            (t.recorded)(&args.item, &value.to_raw().to_string(), &file)
        ),
        stderr: comments_note + &remaining.concat() + &moved,
        stdout_kind: StdoutKind::Text,
    })
}

fn validate(args: &ValidateArgs) -> Result<Outcome> {
    let lang = args.lang.map_or_else(Lang::from_env, Lang::from);
    let t = say(lang);
    let options = batch::Options {
        today: parse_date_in(t, args.today.as_deref(), "--today")?,
        require_signoff: args.require_signoff,
        deny_warnings: args.deny_warnings,
        lang,
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_FILE)]
    } else {
        args.paths.clone()
    };
    let mut reports = Vec::new();
    let mut unreadable = Vec::new();
    let mut files = Vec::new();
    if args.paths.is_empty() && !Path::new(DEFAULT_FILE).exists() {
        // Reported like any unreadable file, so annotations and JSON carry it too.
        let hint = input_error!("{}", (t.no_default_file)(DEFAULT_FILE));
        unreadable.push(Unreadable::new(DEFAULT_FILE.to_string(), &hint));
    } else {
        for found in batch::assessment_files(&paths, t) {
            match found {
                batch::Found::File(file) => files.push(file),
                // A folder that cannot be searched, or holds nothing to check:
                // the others are still checked, and the run fails.
                batch::Found::Unsearchable { folder, error } => {
                    unreadable.push(Unreadable::new(folder.display().to_string(), &error));
                }
            }
        }
    }
    let checked = batch::check_all(&files, options);
    for checked in checked {
        match checked {
            batch::Checked::Report(report) => reports.push(report),
            batch::Checked::Unreadable(file) => unreadable.push(file),
        }
    }
    let code = if !unreadable.is_empty() {
        exit::USAGE
    } else if reports.iter().any(|r| !r.passed) {
        exit::PROBLEMS
    } else {
        exit::SUCCESS
    };
    let style = output::Style {
        color: args.format == output::Format::Text && wants_color(args.color),
        lang,
    };
    let mut stderr = unreadable
        .iter()
        .fold(String::new(), |out, u| out + "error: " + &u.message + "\n");
    if !args.no_step_summary
        && let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
        && let Err(error) = output::append_step_summary(Path::new(&summary), &reports, &unreadable, t)
    {
        // The annotations and the exit code still tell the result.
        stderr.push_str(&format!(
            "warning: cannot append to $GITHUB_STEP_SUMMARY: {error}\n"
        ));
    }
    Ok(Outcome {
        code,
        stdout: output::render(args.format, &reports, &unreadable, style),
        stderr,
        stdout_kind: output::stdout_kind(args.format, style),
    })
}

/// `--color auto` is colour on a terminal unless `NO_COLOR` is set (no-color.org).
fn wants_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// `etika sign`: a sign-off with the digests of the watched paths, refused
/// while the assessment has errors other than the ones signing resolves.
fn sign(args: SignArgs) -> Result<Outcome> {
    let (stored, checklist) = load(&args.file)?;
    let file = args.file.display().to_string();
    let date = parse_date(args.date.as_deref(), "--date")?;
    if date > Date::today() {
        refuse!("--date {date} is after today: a sign-off signs what is there now");
    }
    if args.name.trim().is_empty() {
        refuse!("--name must name who signs off");
    }
    let mut assessment = stored.assessment.clone();
    if args.review_by.is_none()
        && let Some(due) = assessment.review_by.as_deref().and_then(Date::parse)
        && due <= date
    {
        refuse!("{file}: `review_by` {due} has passed; give the next one with --review-by DATE");
    }
    if let Some(review_by) = &args.review_by {
        match Date::parse(review_by) {
            Some(due) if due > date => assessment.review_by = Some(due.to_string()),
            Some(_) => refuse!(
                "--review-by {} must be after the sign-off date {date}",
                code_span(review_by)
            ),
            None => refuse!("--review-by {} is not a date (YYYY-MM-DD)", code_span(review_by)),
        }
    }
    if let Some(latest) = assessment.latest_answer_date().filter(|latest| *latest > date) {
        refuse!(
            "{file}: a sign-off dated {date} would predate answers recorded on {latest}; sign on or after {latest}"
        );
    }
    let mut digests = std::collections::BTreeMap::new();
    for entry in &assessment.watch {
        match crate::watch::digest(&args.file, entry) {
            Ok(digest) => {
                digests.insert(entry.clone(), digest);
            }
            Err(why) => refuse!(
                "{file}: watched {} {why}; fix `watch:` before signing",
                code_span(entry)
            ),
        }
    }
    // What signing itself resolves is no reason to refuse it.
    let resolved_by_signing = [Rule::MissingSignoff, Rule::SystemChanged, Rule::ReviewDue];
    let checks = Checks::new(date, &args.file);
    let blocking: Vec<_> = Evaluation::new(&checklist, &assessment, &checks)
        .diagnostics
        .into_iter()
        .filter(|d| d.level == Level::Error && !resolved_by_signing.contains(&d.rule))
        .collect();
    if !blocking.is_empty() {
        let report = FileReport::new(file.clone(), Some(assessment.checklist.clone()), blocking);
        return Ok(Outcome {
            code: exit::PROBLEMS,
            stdout: output::render(output::Format::Text, &[report], &[], output::Style::default()),
            stderr: format!(
                "Not signed: {file} has errors to fix first (above; `etika validate {file}` lists them too).\n"
            ),
            stdout_kind: StdoutKind::Text,
        });
    }
    assessment.signoff.push(crate::assessment::Signoff {
        name: args.name.trim().to_string(),
        role: args.role.map(|r| r.trim().to_string()).filter(|r| !r.is_empty()),
        date: Some(date.to_string()),
        commit: crate::watch::head_commit(&args.file),
        digests,
        answers_digest: Some(evaluate::answers_digest(&assessment)),
    });
    store::save_if_unchanged(&args.file, &checklist, &stored, &assessment)?;
    Ok(Outcome::success(format!(
        "Signed off {file} as {} on {date}{}.\n",
        args.name.trim(),
        match assessment.watch.len() {
            0 => String::new(),
            n => format!(
                ", with digests of {n} watched path{}",
                if n == 1 { "" } else { "s" }
            ),
        }
    )))
}

fn report(mut args: ReportArgs) -> Result<Outcome> {
    // `-o -` is standard output, as for most tools.
    args.output = args.output.filter(|out| out != Path::new("-"));
    let (Stored { assessment, .. }, checklist) = load(&args.file)?;
    let lang = args.lang.map_or_else(Lang::from_env, Lang::from);
    let today = parse_date(args.today.as_deref(), "--today")?;
    // The JSON evaluation is in no language: its messages stay English.
    let checks = Checks {
        lang: if args.format == ReportFormat::Json {
            Lang::En
        } else {
            lang
        },
        ..Checks::new(today, &args.file)
    };
    let evaluation = Evaluation::new(&checklist, &assessment, &checks);
    let kind = if args.format == ReportFormat::Json {
        StdoutKind::Json
    } else {
        StdoutKind::Text
    };
    let templates = match (&args.template, &args.template_dir) {
        (Some(path), _) => Templates::File(path),
        (None, Some(dir)) => Templates::Dir(dir),
        (None, None) => Templates::BuiltIn,
    };
    let checklist_file = match &checklist.origin {
        Origin::File(path) => Some(path.clone()),
        Origin::Builtin => None,
    };
    let (text, warning, templates_read) = match args.format {
        ReportFormat::Markdown => {
            let report_dir = match &args.output {
                Some(out) => out.parent().map(Path::to_path_buf).unwrap_or_default(),
                None => PathBuf::from("."),
            };
            let base = report::evidence_base(&report_dir, &args.file);
            let context = report::context(&checklist, &assessment, &evaluation, lang, today, &base);
            let warning = language_warning(&checklist, lang);
            // The template runs on the context alone. Freed now, the
            // checklist, the answers and their evaluation leave their
            // memory to minijinja's copy of the context: a 20,000-item
            // report peaked at 119 MiB with them kept.
            drop(evaluation);
            drop(checklist);
            drop(assessment);
            let rendered = report::render(context, templates)?;
            (rendered.text, warning, rendered.templates_read)
        }
        ReportFormat::Json => {
            let flag = match templates {
                Templates::File(_) => Some("--template"),
                Templates::Dir(_) => Some("--template-dir"),
                Templates::BuiltIn => None,
            };
            if let Some(flag) = flag {
                refuse!("{flag} applies to the Markdown report; --format json has no template");
            }
            let summary = evaluation.summary(&checklist, &assessment.checklist.version);
            let json = serde_json::to_string_pretty(&summary)? + "\n";
            // The process ends right after: freeing the checklist, the
            // answers and their evaluation piece by piece costs more than
            // writing the summary.
            std::mem::forget(evaluation);
            std::mem::forget(checklist);
            std::mem::forget(assessment);
            (json, String::new(), Vec::new())
        }
    };
    if let Some(out) = &args.output {
        crate::confine::output_file(out)?;
        let mut inputs = vec![("the assessment", args.file.clone())];
        if let Some(path) = checklist_file {
            inputs.push(("its checklist", path));
        }
        inputs.extend(templates_read.into_iter().map(|path| ("the template", path)));
        if let Some((what, _)) = inputs.iter().find(|(_, input)| fsutil::same_file(out, input)) {
            refuse!("-o {} would overwrite {what}; choose another file", out.display());
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
            stdout_kind: kind,
            ..Outcome::success(text)
        }),
    }
}

/// `etika checklist lint`: exit 1 with diagnostics for a checklist with
/// problems; a file that cannot be read as a checklist at all is an error.
/// Keys the format does not have are findings, so that one run names them all.
fn lint(args: &LintArgs) -> Result<Outcome> {
    let name = args.path.display().to_string();
    let input = match source::lint_input(&args.path, &name) {
        Ok(input) => input,
        // Tools reading JSON or annotations hear of an unreadable file too, as from validate.
        Err(error) if args.format != output::Format::Text => {
            return Ok(Outcome {
                code: exit::USAGE,
                stdout: output::render(
                    args.format,
                    &[],
                    &[Unreadable::new(name, &error)],
                    output::Style::default(),
                ),
                stderr: format!("error: {error}\n"),
                stdout_kind: output::stdout_kind(args.format, output::Style::default()),
            });
        }
        Err(error) => return Err(error),
    };
    let mut diagnostics: Vec<Diagnostic> = input.unknown_keys.iter().map(unknown_key).collect();
    let in_file = input.in_file;
    let base = match source::base_for_lint(&args.path, &input.raw, &name) {
        Ok(base) => Ok(base),
        Err(error) => {
            diagnostics.extend(base_findings(&error, &name, &input.raw));
            Err(())
        }
    };
    let mut lint = checklist::lint::lint_on(input.raw, base, &name, Origin::File(args.path.clone()));
    diagnostics.extend(lint.diagnostics.drain(..).map(|mut d| {
        if let Some(span) = d.span {
            let span = in_file(span);
            (d.span, d.line, d.column) = (Some(span), Some(span.line), Some(span.column));
        }
        d
    }));
    diagnostics.sort_by_key(|d| (d.span, d.rule));
    let lint = checklist::lint::Lint {
        diagnostics,
        checklist: lint.checklist,
    };
    let companion = input.companion.map(|(file, problems)| {
        let findings = problems
            .into_iter()
            .map(|p| Diagnostic::new(p.rule, None, Some(Span::at(p.line, p.column)), p.message))
            .collect();
        FileReport::new(file, None, findings)
    });
    let report = FileReport::new(
        name.clone(),
        lint.checklist.as_ref().map(|c| ChecklistRef {
            id: c.id.clone(),
            version: c.version.clone(),
            path: None,
            extends: crate::assessment::base_refs(c),
        }),
        lint.diagnostics,
    );
    let mut reports = vec![report];
    reports.extend(companion);
    let failed = reports
        .iter()
        .any(|r| !r.passed || (args.deny_warnings && r.warnings > 0));
    let code = if failed { exit::PROBLEMS } else { exit::SUCCESS };
    let stdout = match (&lint.checklist, args.format) {
        (Some(checklist), output::Format::Text) if reports.iter().all(|r| r.findings.is_empty()) => format!(
            "{}: ok: checklist {} {}, {} sections, {} items, languages: {}\n",
            escape_controls(&name),
            checklist.id,
            checklist.version,
            checklist.sections.len(),
            checklist.items().count(),
            checklist.languages.join(", ")
        ),
        _ => output::render(args.format, &reports, &[], output::Style::default()),
    };
    Ok(Outcome {
        code,
        stdout,
        stderr: String::new(),
        stdout_kind: output::stdout_kind(args.format, output::Style::default()),
    })
}

/// `etika checklist new [PATH]`: the scaffold of an organisation checklist.
fn new_checklist(args: &NewArgs) -> Result<Outcome> {
    crate::confine::output_file(&args.path)?;
    if args.path.exists() && !args.force {
        refuse!(
            "{} already exists; use --force to replace it, or choose another path",
            args.path.display()
        );
    }
    let shown = args.path.display().to_string();
    let text = checklist::scaffold::text(&shown);
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    fsutil::write_atomic(&args.path, text.as_bytes(), existing)?;
    Ok(Outcome::success(format!(
        "Created {shown}: a checklist that extends ai-ethics, with one new section, one changed item and one \
         left out.\nNext: edit it, then `etika checklist lint {shown}`\n"
    )))
}

/// A key the checklist format does not have, with the closest one it has.
fn unknown_key(key: &crate::yaml::UnknownKey) -> Diagnostic {
    let hint = match key.read_as {
        Some(known) => format!("; did you mean `{known}`? (read as that here)"),
        None => match crate::yaml::closest(&key.key, &key.expected) {
            Some(known) => format!("; did you mean `{known}`? (left out here: the mapping has it already)"),
            None => " (left out here)".to_string(),
        },
    };
    Diagnostic::new(
        Rule::UnknownKey,
        None,
        key.span,
        format!(
            "unknown key `{}`{hint}; this place takes: {}",
            key.key,
            key.expected.join(", ")
        ),
    )
}

/// Why the checklist a file `extends` cannot be used, as findings: its
/// own problems with `extends:`, or one at `extends:` naming the base's.
fn base_findings(
    error: &crate::error::Error,
    name: &str,
    raw: &checklist::raw::RawChecklist,
) -> Vec<Diagnostic> {
    if let Some(problems) = error.checklist()
        && problems.source_name == name
    {
        return problems
            .problems
            .iter()
            .map(|p| Diagnostic::new(p.rule, None, Some(Span::at(p.line, p.column)), p.message.clone()))
            .collect();
    }
    let span = raw.extends.as_ref().and_then(|e| Span::of(&e.referenced));
    // One line: a YAML error's first (its snippet is for terminals), or
    // every problem of a checklist that fails its checks.
    let text = error.to_string();
    let first = if error.yaml().is_some() {
        text.lines().next().unwrap_or_default().to_string()
    } else {
        text.lines().map(str::trim).collect::<Vec<_>>().join(" ")
    };
    vec![Diagnostic::new(
        Rule::InvalidExtension,
        None,
        span,
        format!("the checklist this one extends cannot be used: {first}"),
    )]
}

/// `etika schema checklist|assessment [-o FILE]`.
fn schema(args: SchemaArgs) -> Result<Outcome> {
    let json = crate::schema::render(args.kind)?;
    match args.output.filter(|out| out != Path::new("-")) {
        Some(path) => {
            crate::confine::output_file(&path)?;
            fsutil::write_output(&path, json.as_bytes()).context("cannot write the schema")?;
            Ok(Outcome {
                stderr: format!("Wrote {}\n", path.display()),
                ..Outcome::default()
            })
        }
        None => Ok(Outcome {
            stdout_kind: StdoutKind::Json,
            ..Outcome::success(json)
        }),
    }
}

/// `etika actions FILE`: the action plan as a Markdown table, CSV or JSON.
fn actions(args: &ActionsArgs) -> Result<Outcome> {
    let (Stored { assessment, .. }, checklist) = load(&args.file)?;
    let today = parse_date(args.today.as_deref(), "--today")?;
    let lang = args.lang.map_or_else(Lang::from_env, Lang::from);
    let evaluation = Evaluation::new(&checklist, &assessment, &Checks::new(today, &args.file));
    let rows = crate::actions::plan(&checklist, &assessment, &evaluation, today, lang);
    let (stdout, stdout_kind) = match args.format {
        ActionsFormat::Markdown => (crate::actions::markdown(&rows, lang), StdoutKind::Text),
        ActionsFormat::Csv => (crate::actions::csv(&rows)?, StdoutKind::Csv),
        ActionsFormat::Json => (
            crate::actions::json(&rows, &args.file.display().to_string(), today)?,
            StdoutKind::Json,
        ),
    };
    Ok(Outcome {
        stdout,
        stderr: if args.format == ActionsFormat::Markdown {
            language_warning(&checklist, lang)
        } else {
            String::new()
        },
        stdout_kind,
        ..Outcome::default()
    })
}

/// `etika diff OLD NEW`: each side loaded with its own checklist and
/// evaluated at the same date, then compared.
fn diff(args: &DiffArgs) -> Result<Outcome> {
    let today = parse_date(args.today.as_deref(), "--today")?;
    let old = crate::diff::load(&args.old)?;
    let new = crate::diff::load(&args.new)?;
    let old_checklist = diff_checklist(&old)?;
    let new_checklist = diff_checklist(&new)?;
    let old_evaluation = Evaluation::new(&old_checklist, &old.assessment, &Checks::new(today, &old.path));
    let new_evaluation = Evaluation::new(&new_checklist, &new.assessment, &Checks::new(today, &new.path));
    let diff = crate::diff::Diff::new(
        &crate::diff::Evaluated::new(&old, &old_checklist, &old_evaluation, today),
        &crate::diff::Evaluated::new(&new, &new_checklist, &new_evaluation, today),
        today,
    );
    let (stdout, stdout_kind) = match args.format {
        DiffFormat::Text => (crate::diff::text(&diff), StdoutKind::Text),
        DiffFormat::Markdown => (crate::diff::markdown(&diff), StdoutKind::Text),
        DiffFormat::Json => (crate::diff::json(&diff)?, StdoutKind::Json),
    };
    Ok(Outcome {
        code: if args.exit_code && diff.differs {
            exit::PROBLEMS
        } else {
            exit::SUCCESS
        },
        stdout,
        stderr: String::new(),
        stdout_kind,
    })
}

/// The checklist a side names; for a revision, its path is read in the working tree.
fn diff_checklist(side: &crate::diff::Side) -> Result<Checklist> {
    source::for_assessment(&side.assessment.checklist, &side.path).with_context(|| {
        format!(
            "cannot load the checklist of {} (a revision's `checklist.path` is read in the working tree)",
            code_span(&side.name)
        )
    })
}

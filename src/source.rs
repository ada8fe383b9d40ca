//! Where a checklist comes from, and the one way to load it: a built-in
//! id, a file named on the command line, or the checklist an assessment
//! names. Every file goes through the same confinement and size rules.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::assessment::ChecklistRef;
use crate::checklist::deon::{DeonCases, DeonChecklist};
use crate::checklist::raw::RawChecklist;
use crate::checklist::{
    self, CheckError, CheckProblem, Checklist, Origin, builtin_ids, find_builtin, parse_raw,
};
use crate::confine;
use crate::diagnostic::Rule;
use crate::error::{Context, Result, input_error, refuse};
use crate::fsutil;
use crate::text::{code_span, escape_controls};
use crate::yaml::Spanned;

/// A checklist to load.
enum Source {
    Builtin(&'static crate::checklist::Builtin),
    /// A file: where to read it, and how it is named (in messages and origin).
    File {
        read: PathBuf,
        shown: PathBuf,
    },
}

/// What a user typed after `--checklist` or `checklist show|lint`: a
/// built-in id, else the path of a checklist file.
fn named(spec: &str) -> Result<Source> {
    if let Some(builtin) = find_builtin(spec) {
        return Ok(Source::Builtin(builtin));
    }
    let path = Path::new(spec);
    // A link that leads nowhere (or in a loop) is a file that cannot be
    // read, not an unknown name: reading it says why.
    if !path.exists() && path.symlink_metadata().is_err() {
        refuse!(
            "unknown checklist `{}`: it is neither a built-in checklist ({}) nor a file",
            escape_controls(spec),
            builtin_ids().join(", ")
        );
    }
    Ok(Source::File {
        read: confine::named_file(path)?,
        shown: path.to_path_buf(),
    })
}

/// The text of a source, and the name its errors use.
fn text(source: &Source) -> Result<(String, String)> {
    match source {
        Source::Builtin(builtin) => Ok((builtin.source.to_string(), builtin.file_name.to_string())),
        Source::File { read, shown } => {
            let name = shown.display().to_string();
            Ok((fsutil::read_text_as(read, &format!("checklist {name}"))?, name))
        }
    }
}

fn load(source: &Source) -> Result<Checklist> {
    load_in_chain(source, &mut Vec::new())
}

/// Loads `source`, and the checklists it extends; `chain` names the files
/// that extend it, so that a cycle is found (and named) before it loops.
fn load_in_chain(source: &Source, chain: &mut Vec<(Key, String)>) -> Result<Checklist> {
    let (read, shown) = match source {
        // Parsed from the binary, which keeps it as static text.
        Source::Builtin(builtin) => return builtin.load(),
        Source::File { read, shown } => (read, shown),
    };
    let (raw, name) = read_raw(source)?;
    let origin = Origin::File(shown.clone());
    let Some(extends) = &raw.extends else {
        return Ok(checklist::check(raw, &name, origin)?);
    };
    chain.push((key(source), name.clone()));
    let base = load_base(read, shown, extends, &name, chain)?;
    Ok(checklist::check_on(raw, Some(base), &name, origin)?)
}

/// How many checklists deep `extends` may go: far beyond a real chain
/// (an organisation's on a team's on the built-in one), and a stop for a
/// repository of files that each extend the next.
const MAX_EXTENDS: usize = 16;

/// The checklist `extends` names in the file `read` (shown as `shown`,
/// named `name` in messages), which `chain` extends in turn.
fn load_base(
    read: &Path,
    shown: &Path,
    extends: &Spanned<String>,
    name: &str,
    chain: &mut Vec<(Key, String)>,
) -> Result<Checklist> {
    let base_source = base_source(read, shown, extends, name)?;
    if chain.len() >= MAX_EXTENDS {
        return Err(extension_error(
            name,
            extends,
            &format!("checklists extend each other more than {MAX_EXTENDS} deep, the most etika reads"),
        ));
    }
    if let Some(at) = chain.iter().position(|(k, _)| *k == key(&base_source)) {
        let mut names: Vec<&str> = chain[at..].iter().map(|(_, n)| n.as_str()).collect();
        names.push(&chain[at].1);
        return Err(extension_error(
            name,
            extends,
            &format!("checklists extend each other in a cycle: {}", names.join(" -> ")),
        ));
    }
    load_in_chain(&base_source, chain)
        .with_context(|| format!("{name} extends {}", escape_controls(&extends.value)))
}

/// A problem with `extends:`, at its line and column.
fn extension_error(name: &str, extends: &Spanned<String>, message: &str) -> crate::error::Error {
    CheckError {
        source_name: name.to_string(),
        problems: vec![CheckProblem {
            rule: Rule::InvalidExtension,
            line: extends.referenced.line(),
            column: extends.referenced.column(),
            message: escape_controls(message).into_owned(),
        }],
    }
    .into()
}

/// The checklist `extends` names in the file `source`: a built-in id, or a
/// path relative to that file under the rules of an assessment's
/// `checklist.path` (relative, inside the repository, outside `.git`).
fn base_source(read: &Path, shown: &Path, extends: &Spanned<String>, name: &str) -> Result<Source> {
    if let Some(builtin) = find_builtin(&extends.value) {
        return Ok(Source::Builtin(builtin));
    }
    let refused = |why: &str| extension_error(name, extends, &format!("`extends: {}` {why}", extends.value));
    match confine::recorded_path(read, &extends.value) {
        Ok(path) if path.is_file() => Ok(Source::File {
            read: path,
            shown: confine::normal(&crate::fsutil::folder_of(shown).join(&extends.value)),
        }),
        Ok(_) => Err(refused(&format!(
            "names neither a built-in checklist ({}) nor a file (paths are relative to this file)",
            builtin_ids().join(", ")
        ))),
        Err(confine::Refused::NotRelative) => {
            Err(refused("must be a built-in id or a path relative to this file"))
        }
        Err(confine::Refused::Outside { scope }) => Err(refused(&format!(
            "leads outside {scope}; a checklist may only extend one inside its repository"
        ))),
        Err(confine::Refused::InGit) => Err(refused("leads into the repository's `.git` folder")),
        Err(confine::Refused::Io(error)) => Err(error.into()),
    }
}

/// A file's checklist as written: an etika checklist, or a deon checklist
/// (detected by its shape) read as one, with the cases of the companion
/// file beside it.
fn read_raw(source: &Source) -> Result<(RawChecklist, String)> {
    let (text, name) = text(source)?;
    match parse_raw(&text, &name) {
        Ok(raw) => Ok((raw, name)),
        Err(error) if checklist::deon::is_deon_error(&error) => {
            let deon: DeonChecklist = crate::yaml::from_str(&text, &name)?;
            let cases = deon_cases(source, &deon)?;
            Ok((checklist::deon::to_raw(deon, &cases), name))
        }
        Err(error) => Err(error),
    }
}

/// deon's companion file of cases beside `source`, when there is one; a
/// case for a line the checklist does not have is an error in that file.
fn deon_cases(source: &Source, deon: &DeonChecklist) -> Result<Vec<DeonCases>> {
    let Some(companion) = companion(source)? else {
        return Ok(Vec::new());
    };
    let (text, name) = text(&companion)?;
    let cases: Vec<DeonCases> = crate::yaml::from_str(&text, &name)?;
    let unmatched = checklist::deon::unmatched_cases(deon, &cases);
    if !unmatched.is_empty() {
        return Err(CheckError {
            source_name: name,
            problems: unmatched
                .into_iter()
                .map(|id| CheckProblem {
                    rule: Rule::InvalidChecklist,
                    line: id.referenced.line(),
                    column: id.referenced.column(),
                    message: format!(
                        "cases for `line_id: {}`, which the checklist beside it does not have",
                        escape_controls(&id.value)
                    ),
                })
                .collect(),
        }
        .into());
    }
    Ok(cases)
}

/// `examples_of_ethical_issues.yml` beside a checklist file, confined as
/// the checklist is; `None` when there is none.
fn companion(source: &Source) -> Result<Option<Source>> {
    let Source::File { read, shown } = source else {
        return Ok(None);
    };
    let file = checklist::deon::EXAMPLES_FILE;
    let beside = crate::fsutil::folder_of(read).join(file);
    if std::fs::symlink_metadata(&beside).is_err() {
        return Ok(None);
    }
    let shown = confine::normal(&crate::fsutil::folder_of(shown).join(file));
    match confine::recorded_path(read, file) {
        Ok(read) => Ok(Some(Source::File { read, shown })),
        Err(_) => refuse!(
            "{} leads outside the checklist's repository or into `.git`; etika does not read it",
            escape_controls(&shown.display().to_string())
        ),
    }
}

/// Which checklist a source is, for cycles and the cache.
fn key(source: &Source) -> Key {
    match source {
        Source::Builtin(builtin) => Key::Builtin(builtin.id),
        Source::File { read, .. } => Key::File(std::fs::canonicalize(read).unwrap_or_else(|_| read.clone())),
    }
}

/// The checklist a user named.
pub(crate) fn resolve(spec: &str) -> Result<Checklist> {
    load(&named(spec)?)
}

/// The checklist a user named, as written in its file (for export), with
/// the name its errors use.
pub(crate) fn resolve_raw(spec: &str) -> Result<(RawChecklist, String)> {
    read_raw(&named(spec)?)
}

/// The checklist an assessment was made against: built in, or a file its
/// `checklist.path` names (confined to the assessment's repository).
pub(crate) fn for_assessment(reference: &ChecklistRef, assessment_path: &Path) -> Result<Checklist> {
    let source = assessment_source(reference, assessment_path)?;
    let checklist = load_for(&source, assessment_path)?;
    check_id(&checklist, reference, assessment_path)?;
    Ok(checklist)
}

fn assessment_source(reference: &ChecklistRef, assessment_path: &Path) -> Result<Source> {
    Ok(match &reference.path {
        Some(relative) => Source::File {
            read: confine::checklist_path(assessment_path, relative)?,
            // As short as the path allows, so annotations land on the file.
            shown: confine::normal(&confine::assessment_folder(assessment_path).join(relative)),
        },
        None => match find_builtin(&reference.id) {
            Some(builtin) => Source::Builtin(builtin),
            None => refuse!(
                "{}: unknown checklist {}; built-in checklists: {} (for a checklist file, set `checklist.path`)",
                assessment_path.display(),
                code_span(&reference.id),
                builtin_ids().join(", ")
            ),
        },
    })
}

fn load_for(source: &Source, assessment_path: &Path) -> Result<Checklist> {
    match source {
        Source::File { shown, .. } => load(source).with_context(|| {
            format!(
                "{} uses the checklist {}",
                assessment_path.display(),
                escape_controls(&shown.display().to_string())
            )
        }),
        Source::Builtin(_) => load(source),
    }
}

fn check_id(checklist: &Checklist, reference: &ChecklistRef, assessment_path: &Path) -> Result<()> {
    if checklist.id != reference.id {
        return Err(input_error!(
            "{}: the assessment is for checklist {} but {} is {}",
            assessment_path.display(),
            code_span(&reference.id),
            escape_controls(reference.path.as_deref().unwrap_or("the checklist")),
            code_span(&checklist.id)
        ));
    }
    Ok(())
}

/// Which checklist a source is, across the files of one run.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Builtin(&'static str),
    /// The file as resolved, whichever assessment names it and how.
    File(PathBuf),
}

/// Checklists loaded once per run, however many assessments use them
/// (`etika validate DIR` with a thousand files of the built-in checklist).
/// Only checklists that load are kept: an error is reported for each file,
/// naming that file.
#[derive(Default)]
pub(crate) struct Cache {
    loaded: Mutex<HashMap<Key, Arc<Checklist>>>,
}

impl Cache {
    /// [`for_assessment`], from the cache when this run loaded it already.
    /// A cached checklist keeps the name the first assessment gave its file.
    pub(crate) fn for_assessment(
        &self,
        reference: &ChecklistRef,
        assessment_path: &Path,
    ) -> Result<Arc<Checklist>> {
        let source = assessment_source(reference, assessment_path)?;
        let key = match &source {
            Source::Builtin(builtin) => Key::Builtin(builtin.id),
            Source::File { read, .. } => Key::File(read.clone()),
        };
        let cached = self.lock().get(&key).cloned();
        let checklist = if let Some(checklist) = cached {
            checklist
        } else {
            // Loaded outside the lock, so other checklists load in parallel;
            // two threads may load the same one once each, the first kept.
            let loaded = Arc::new(load_for(&source, assessment_path)?);
            Arc::clone(self.lock().entry(key).or_insert(loaded))
        };
        check_id(&checklist, reference, assessment_path)?;
        Ok(checklist)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Arc<Checklist>>> {
        // A panic elsewhere cannot leave a half-inserted map: keep using it.
        self.loaded
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A checklist file read for `etika checklist lint`: as lenient as the
/// file allows, so that one run names every problem.
pub(crate) struct LintInput {
    pub(crate) raw: RawChecklist,
    /// Keys the format does not have, left out of `raw`.
    pub(crate) unknown_keys: Vec<crate::yaml::UnknownKey>,
    /// Maps a place found in what was read to the place in the file.
    pub(crate) in_file: Box<dyn Fn(crate::diagnostic::Span) -> crate::diagnostic::Span>,
    /// For a deon file: its companion file of cases, and what is wrong there.
    pub(crate) companion: Option<(String, Vec<CheckProblem>)>,
}

/// Reads the checklist file at `path` (named `name`) for lint.
pub(crate) fn lint_input(path: &Path, name: &str) -> Result<LintInput> {
    let source = Source::File {
        read: confine::named_file(path)?,
        shown: path.to_path_buf(),
    };
    let (text, _) = text(&source)?;
    let is_deon = match parse_raw(&text, name) {
        Ok(raw) => {
            return Ok(LintInput {
                raw,
                unknown_keys: Vec::new(),
                in_file: Box::new(|span| span),
                companion: None,
            });
        }
        Err(error) => checklist::deon::is_deon_error(&error),
    };
    if !is_deon {
        let mut read = crate::yaml::from_str_lenient::<RawChecklist>(&text, name)?;
        let unknown_keys = std::mem::take(&mut read.unknown);
        let (raw, in_file) = read.split();
        return Ok(LintInput {
            raw,
            unknown_keys,
            in_file,
            companion: None,
        });
    }
    let mut read = crate::yaml::from_str_lenient::<DeonChecklist>(&text, name)?;
    let unknown_keys = std::mem::take(&mut read.unknown);
    let (deon, in_file) = read.split();
    let (cases, companion) = match deon_cases(&source, &deon) {
        Ok(cases) => (cases, None),
        Err(error) => match error.checklist() {
            Some(problems) => (
                Vec::new(),
                Some((problems.source_name.clone(), problems.problems.clone())),
            ),
            None => return Err(error),
        },
    };
    Ok(LintInput {
        raw: checklist::deon::to_raw(deon, &cases),
        unknown_keys,
        in_file,
        companion,
    })
}

/// The checklist that `raw`, read from the file at `path`, extends.
pub(crate) fn base_for_lint(path: &Path, raw: &RawChecklist, name: &str) -> Result<Option<Checklist>> {
    let Some(extends) = &raw.extends else {
        return Ok(None);
    };
    let read = confine::named_file(path)?;
    let source = Source::File {
        read: read.clone(),
        shown: path.to_path_buf(),
    };
    let mut chain = vec![(key(&source), name.to_string())];
    load_base(&read, path, extends, name, &mut chain).map(Some)
}

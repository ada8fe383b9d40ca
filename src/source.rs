//! Where a checklist comes from, and the one way to load it: a built-in
//! id, a file named on the command line, or the checklist an assessment
//! names. Every file goes through the same confinement and size rules.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::assessment::ChecklistRef;
use crate::checklist::raw::RawChecklist;
use crate::checklist::{Checklist, Origin, builtin_ids, find_builtin, parse, parse_raw};
use crate::confine;
use crate::error::{Context, Result, input_error, refuse};
use crate::fsutil;
use crate::text::{code_span, escape_controls};

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
    match source {
        // Parsed from the binary, which keeps it as static text.
        Source::Builtin(builtin) => builtin.load(),
        Source::File { shown, .. } => {
            let (text, name) = text(source)?;
            parse(&text, &name, Origin::File(shown.clone()))
        }
    }
}

/// The checklist a user named.
pub(crate) fn resolve(spec: &str) -> Result<Checklist> {
    load(&named(spec)?)
}

/// The checklist a user named, as written in its file (for export), with
/// the name its errors use.
pub(crate) fn resolve_raw(spec: &str) -> Result<(RawChecklist, String)> {
    let (text, name) = text(&named(spec)?)?;
    Ok((parse_raw(&text, &name)?, name))
}

/// The text of a checklist file a user named (for lint).
pub(crate) fn resolve_text(spec: &Path) -> Result<String> {
    let source = Source::File {
        read: confine::named_file(spec)?,
        shown: spec.to_path_buf(),
    };
    Ok(text(&source)?.0)
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

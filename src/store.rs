//! The assessment file on disk, shared by several writers at once (two
//! people, `assess` and `answer`, a `git pull`).
//!
//! A load records the file's revision. A save never writes back a stale
//! copy: under the lock (`lock`) it re-reads the file, and when someone else
//! changed it since, merges this save's edit into their version (`merge`).
//! An edit to an answer that the other writer changed too is handed back to
//! the caller as a conflict, never silently overwritten.

use std::path::Path;

use crate::error::{Error, Result, input_error};

use crate::assessment::{Answer, Assessment};
use crate::checklist::Checklist;
use crate::fsutil::{self, Existing};
use crate::merge::merge;

/// What a file held when it was read, to tell exactly whether it changed
/// (a hash could collide and lose an answer; files are at most 32 MiB).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Revision(String);

impl Revision {
    pub(crate) fn of(text: &str) -> Revision {
        Revision(text.to_string())
    }
}

/// An assessment as loaded, with the revision of the file it came from.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub(crate) assessment: Assessment,
    pub(crate) revision: Revision,
}

pub(crate) fn load(path: &Path) -> Result<Stored> {
    let real = crate::confine::named_file(path)?;
    let text = fsutil::read_text_as(&real, &path.display().to_string())?;
    Ok(Stored {
        assessment: Assessment::parse(&text, &path.display().to_string())?,
        revision: Revision::of(&text),
    })
}

/// Creates a new assessment file; `existing` says whether it may replace one.
pub(crate) fn create(
    path: &Path,
    assessment: &Assessment,
    checklist: &Checklist,
    existing: Existing,
) -> Result<Stored> {
    let text = assessment.to_yaml(checklist)?;
    fsutil::write_atomic(path, text.as_bytes(), existing)?;
    Ok(Stored {
        assessment: assessment.clone(),
        revision: Revision::of(&text),
    })
}

/// What to do when someone else changed the same answer meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnConflict {
    /// Keep theirs and report the conflict (`Saved::Conflict`).
    Refuse,
    /// Ours replaces theirs (`etika answer --overwrite`, or the user chose it).
    Overwrite,
}

/// The result of a save that may meet someone else's edit.
#[derive(Debug)]
pub(crate) enum Saved {
    Written(Stored),
    /// Nothing was written: the answer on disk (`None`: removed) was changed
    /// by someone else too. `current` is the file as it is now.
    Conflict {
        theirs: Option<Box<Answer>>,
        current: Stored,
    },
}

/// Saves `answer` as the answer to `item`: `stored` is the copy the edit was
/// made against. Under the lock, the file is read again and the edit merged
/// into whatever others saved meanwhile (see `merge`).
pub(crate) fn save_answer(
    path: &Path,
    checklist: &Checklist,
    stored: &Stored,
    item: &str,
    answer: Answer,
    on_conflict: OnConflict,
) -> Result<Saved> {
    let _lock = crate::lock::acquire(path)?;
    let text = fsutil::read_text(path)?;
    let revision = Revision::of(&text);
    let mut ours = stored.assessment.clone();
    ours.answers.insert(item.to_string(), answer);
    let mut current = if revision == stored.revision {
        ours
    } else {
        let theirs = Assessment::parse(&text, &path.display().to_string()).map_err(|error| {
            input_error!(
                "{} was changed by someone else while etika had it open, and can no longer be read, so \
                 etika did not save the answer to `{item}`: {error:#}",
                path.display()
            )
        })?;
        // Comments written by hand since this command read the file would be lost.
        if theirs.has_comments && !stored.assessment.has_comments {
            return Err(Error::Conflict(format!(
                "{} was changed by hand while etika had it open and now has comments, which etika \
                 cannot keep; nothing was written: move the comments into `rationale:` texts (or \
                 remove them), then save again",
                path.display()
            )));
        }
        let merged = merge(&stored.assessment, &ours, &theirs);
        let mut current = merged.assessment;
        if let Some(conflict) = merged.conflicts.into_iter().find(|c| c.item == item) {
            match on_conflict {
                OnConflict::Refuse => {
                    return Ok(Saved::Conflict {
                        theirs: conflict.theirs.map(Box::new),
                        current: Stored {
                            assessment: theirs,
                            revision,
                        },
                    });
                }
                OnConflict::Overwrite => {
                    if let Some(answer) = conflict.ours {
                        current.answers.insert(item.to_string(), answer);
                    }
                }
            }
        }
        current
    };
    // The last stale answer reviewed: the assessment is now one of this version.
    if crate::evaluate::can_move_to_current(checklist, &current) {
        current.checklist.move_to(checklist);
    }
    let written = current.to_yaml(checklist)?;
    fsutil::write_atomic(path, written.as_bytes(), Existing::Replace)?;
    Ok(Saved::Written(Stored {
        assessment: current,
        revision: Revision::of(&written),
    }))
}

/// Saves `assessment`, a whole-file edit of `stored` (a sign-off), only if
/// nobody changed the file since `stored` was read: the edit was checked
/// against that copy, so a merge could sign something nobody checked.
pub(crate) fn save_if_unchanged(
    path: &Path,
    checklist: &Checklist,
    stored: &Stored,
    assessment: &Assessment,
) -> Result<Stored> {
    let _lock = crate::lock::acquire(path)?;
    let text = fsutil::read_text(path)?;
    if Revision::of(&text) != stored.revision {
        return Err(Error::Conflict(format!(
            "{} was changed by someone else while etika checked it; nothing was written: run the command again",
            path.display()
        )));
    }
    let written = assessment.to_yaml(checklist)?;
    fsutil::write_atomic(path, written.as_bytes(), Existing::Replace)?;
    Ok(Stored {
        assessment: assessment.clone(),
        revision: Revision::of(&written),
    })
}

//! The assessment file on disk, shared by several writers at once (two
//! people, `assess` and `answer`, a `git pull`).
//!
//! A load records the file's revision. A save never writes back a stale
//! copy: under a lock on the folder it re-reads the file, and when someone
//! else changed it since, applies only this save's edit (one answer, keyed by
//! item id) on top of their version. An edit to an item that the other writer
//! changed too is refused, never silently overwritten.

use std::fs::File;
use std::path::Path;

use crate::error::{Error, Result, input_error};

use crate::assessment::{Answer, Assessment};
use crate::checklist::Checklist;
use crate::fsutil::{self, Existing, folder_of};

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

/// Saves `answer` as the answer to `item`: `stored` is the copy the edit was
/// made against. Returns the file as written, with everyone's answers.
pub(crate) fn save_answer(
    path: &Path,
    checklist: &Checklist,
    stored: &Stored,
    item: &str,
    answer: Answer,
) -> Result<Stored> {
    let _lock = lock_folder(path);
    let text = fsutil::read_text(path)?;
    let revision = Revision::of(&text);
    let mut current = if revision == stored.revision {
        stored.assessment.clone()
    } else {
        let theirs = Assessment::parse(&text, &path.display().to_string()).map_err(|error| {
            input_error!(
                "{} was changed by someone else while etika had it open, and can no longer be read, so \
                 etika did not save the answer to `{item}`: {error:#}",
                path.display()
            )
        })?;
        let before = stored.assessment.answers.get(item);
        let now = theirs.answers.get(item);
        let unchanged = match (before, now) {
            (Some(before), Some(now)) => before.same_content(now),
            (None, None) => true,
            _ => false,
        };
        // Both giving the same answer is agreement, not a conflict.
        let agreed = now.is_some_and(|now| now.same_answer(&answer));
        if !unchanged && !agreed {
            return Err(Error::Conflict(format!(
                "{} was changed by someone else while etika had it open, including the answer to `{item}`; \
                 etika did not overwrite it: look at their answer and answer again",
                path.display()
            )));
        }
        theirs
    };
    current.answers.insert(item.to_string(), answer);
    // The last stale answer reviewed: the assessment is now one of this version.
    if crate::evaluate::can_move_to_current(checklist, &current) {
        current.checklist.version.clone_from(&checklist.version);
    }
    let written = current.to_yaml(checklist)?;
    fsutil::write_atomic(path, written.as_bytes(), Existing::Replace)?;
    Ok(Stored {
        assessment: current,
        revision: Revision::of(&written),
    })
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
    let _lock = lock_folder(path);
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

/// Serialises saves of files in one folder, across processes. Only a lock on
/// the folder holds across the rename that replaces the file. Where the
/// platform cannot lock a folder, saves still merge, with a narrow race.
fn lock_folder(path: &Path) -> Option<File> {
    // The folder of the file itself: a link elsewhere must take the same lock.
    let real = std::fs::canonicalize(path).ok()?;
    let folder = File::open(folder_of(&real)).ok()?;
    folder.lock().ok()?;
    Some(folder)
}

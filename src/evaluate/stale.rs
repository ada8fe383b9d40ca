//! Answers given to a question that has changed since: found by the
//! fingerprint each answer records of what it was asked, or, for answers
//! from before etika recorded it, by the checklist's changelog.

use crate::assessment::Assessment;
use crate::checklist::{Checklist, parse_version};

/// Why an answer is stale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stale {
    /// The recorded fingerprint differs in these parts (`question`, `type`, …).
    Changed(Vec<&'static str>),
    /// No fingerprint; the changelog lists the item as changed in this release.
    InChangelog(String),
}

/// Every stale answer, by item id (answers to unknown items are not stale:
/// `unknown-item` reports them).
pub(crate) fn stale_answers<'a>(checklist: &Checklist, assessment: &'a Assessment) -> Vec<(&'a str, Stale)> {
    let made_with = &assessment.checklist.version;
    // The latest release since `version` that lists `id` as changed.
    let changed_since = |id: &str, version: &str| -> Option<String> {
        if version == checklist.version {
            return None;
        }
        checklist
            .releases_since(version)
            .into_iter()
            .rev()
            .find(|release| release.changed.iter().any(|c| c == id))
            .map(|release| release.version.clone())
    };
    let mut stale = Vec::new();
    for (id, answer) in &assessment.answers {
        let Some(item) = checklist.item(id) else {
            continue;
        };
        let why = match &answer.asked {
            Some(asked) => {
                let changed = asked.changes(item.asked());
                if changed.is_empty() {
                    // What a fingerprint cannot see, the changelog may say.
                    changed_since(id, asked.version.as_deref().unwrap_or(made_with)).map(Stale::InChangelog)
                } else {
                    Some(Stale::Changed(changed))
                }
            }
            None => changed_since(id, made_with).map(Stale::InChangelog),
        };
        if let Some(why) = why {
            stale.push((id.as_str(), why));
        }
    }
    stale
}

/// Whether the assessment can move to the checklist's version: made against
/// an older one, and no answer left to review.
pub(crate) fn can_move_to_current(checklist: &Checklist, assessment: &Assessment) -> bool {
    let older = match (
        parse_version(&assessment.checklist.version),
        parse_version(&checklist.version),
    ) {
        (Some(made), Some(now)) => made < now,
        // A version that is not one is reported, never silently replaced.
        _ => false,
    };
    older && stale_answers(checklist, assessment).is_empty()
}

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
    // Releases oldest first, so an item changed twice names the latest change.
    let mut in_changelog: Vec<(&str, &str)> = Vec::new();
    if made_with != &checklist.version {
        for release in checklist.releases_since(made_with) {
            for id in &release.changed {
                in_changelog.retain(|(seen, _)| seen != id);
                in_changelog.push((id.as_str(), release.version.as_str()));
            }
        }
    }
    let mut stale = Vec::new();
    for (id, answer) in &assessment.answers {
        let Some(item) = checklist.item(id) else {
            continue;
        };
        match &answer.asked {
            Some(asked) => {
                let changed = asked.changes(item.asked());
                if !changed.is_empty() {
                    stale.push((id.as_str(), Stale::Changed(changed)));
                }
            }
            None => {
                if let Some((_, version)) = in_changelog.iter().find(|(changed, _)| changed == id) {
                    stale.push((id.as_str(), Stale::InChangelog((*version).to_string())));
                }
            }
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
        _ => assessment.checklist.version != checklist.version,
    };
    older && stale_answers(checklist, assessment).is_empty()
}

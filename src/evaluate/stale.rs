//! Answers given to a question that has changed since: found by the
//! fingerprint each answer records of what it was asked, or, for answers
//! from before etika recorded it, by the checklist's changelog.

use crate::assessment::Assessment;
use crate::checklist::{Checklist, Item, parse_version, releases_since};

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
    // The latest release since `version` of the checklist `item` comes from
    // (this one, or one it extends) that lists the item as changed.
    let changed_since = |item: &Item, version: &str| -> Option<String> {
        let (_, current, changelog) = checklist.source_of(item);
        if version == current {
            return None;
        }
        releases_since(changelog, version)
            .into_iter()
            .rev()
            .find(|release| release.changed.contains(&item.id))
            .map(|release| release.version.clone())
    };
    let mut stale = Vec::new();
    for (id, answer) in &assessment.answers {
        let Some(item) = checklist.item(id) else {
            continue;
        };
        // The version answered of the checklist the item comes from; none
        // for a base the assessment did not record (made before it extended one).
        let recorded = assessment.checklist.version_of(checklist.source_of(item).0);
        let why = match &answer.asked {
            Some(asked) => {
                let changed = asked.changes(item.asked());
                if changed.is_empty() {
                    // What a fingerprint cannot see, the changelog may say.
                    asked
                        .version
                        .as_deref()
                        .or(recorded)
                        .and_then(|version| changed_since(item, version))
                        .map(Stale::InChangelog)
                } else {
                    Some(Stale::Changed(changed))
                }
            }
            None => recorded
                .and_then(|version| changed_since(item, version))
                .map(Stale::InChangelog),
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
    let is_older = |made: &str, now: &str| match (parse_version(made), parse_version(now)) {
        (Some(made), Some(now)) => made < now,
        // A version that is not one is reported, never silently replaced.
        _ => false,
    };
    let base_older = checklist.bases.iter().any(|base| {
        assessment
            .checklist
            .version_of(&base.id)
            .is_none_or(|made| is_older(made, &base.version))
    });
    let older = is_older(&assessment.checklist.version, &checklist.version)
        || (base_older && assessment.checklist.version == checklist.version);
    older && stale_answers(checklist, assessment).is_empty()
}

//! `etika diff OLD NEW`: what changed between two assessments of one
//! system, as data ([`Diff`]) that the renderers print as text, Markdown
//! or JSON.

mod headline;
mod render;
mod side;

pub(crate) use render::{json, markdown, text};
pub(crate) use side::{Side, load};

use std::collections::BTreeMap;

use serde::Serialize;

use crate::actions::{ActionRow, ActionStatus};
use crate::assessment::Answer;
use crate::checklist::Checklist;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Rule};
use crate::evaluate::{Evaluation, Summary};
use crate::value::RawValue;
use headline::Fact;

/// One side, evaluated: what the diff is computed from.
pub(crate) struct Evaluated<'a> {
    pub(crate) side: &'a Side,
    pub(crate) checklist: &'a Checklist,
    pub(crate) evaluation: &'a Evaluation<'a>,
    pub(crate) summary: Summary<'a>,
    pub(crate) plan: Vec<ActionRow>,
}

impl<'a> Evaluated<'a> {
    pub(crate) fn new(
        side: &'a Side,
        checklist: &'a Checklist,
        evaluation: &'a Evaluation<'a>,
        today: Date,
    ) -> Evaluated<'a> {
        let assessment = &side.assessment;
        Evaluated {
            side,
            checklist,
            evaluation,
            summary: evaluation.summary(checklist, &assessment.checklist.version),
            // English: the plan's questions are not shown in a diff, only compared.
            plan: crate::actions::plan(checklist, assessment, evaluation, today, crate::text::Lang::En),
        }
    }
}

/// Version 1 of `etika diff --format json`; fields are only ever added.
#[derive(Debug, Serialize)]
pub(crate) struct Diff {
    pub(crate) version: u32,
    pub(crate) today: String,
    pub(crate) old: SideInfo,
    pub(crate) new: SideInfo,
    /// Whether anything below changed (`--exit-code` exits 1 then).
    pub(crate) differs: bool,
    pub(crate) facts: Vec<Fact>,
    pub(crate) answers: Vec<AnswerChange>,
    pub(crate) actions: ActionChanges,
    pub(crate) findings: FindingChanges,
    pub(crate) signoff: SignoffChange,
}

#[derive(Debug, Serialize)]
pub(crate) struct SideInfo {
    /// The file or `REV:PATH` as named on the command line.
    pub(crate) name: String,
    pub(crate) system: String,
    pub(crate) owner: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// An answer given, withdrawn or changed (who gave it or when alone is no change).
#[derive(Debug, Serialize)]
pub(crate) struct AnswerChange {
    pub(crate) item: String,
    pub(crate) kind: ChangeKind,
    pub(crate) before: Option<RawValue>,
    pub(crate) after: Option<RawValue>,
    /// The parts that differ: `value`, `rationale`, `evidence`, `action`.
    pub(crate) parts: Vec<&'static str>,
    /// Who gave the new answer, and when (none for a removed one).
    pub(crate) by: Option<String>,
    pub(crate) at: Option<String>,
}

#[derive(Debug, Default, Serialize)]
pub(crate) struct ActionChanges {
    /// Open after, not before: each as the new side has it.
    pub(crate) opened: Vec<ActionRow>,
    /// Open before, not after: each as the old side had it, with `now`.
    pub(crate) closed: Vec<ClosedAction>,
    /// Open on both sides, with other text, owner or due date.
    pub(crate) changed: Vec<ChangedAction>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ClosedAction {
    #[serde(flatten)]
    pub(crate) action: ActionRow,
    /// Its status on the new side; `null` when the action or its answer was removed.
    pub(crate) now: Option<ActionStatus>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ChangedAction {
    pub(crate) item: String,
    pub(crate) before: ActionRow,
    pub(crate) after: ActionRow,
}

/// Findings matched by rule and item, not by line, since lines move.
#[derive(Debug, Default, Serialize)]
pub(crate) struct FindingChanges {
    pub(crate) introduced: Vec<Diagnostic>,
    pub(crate) resolved: Vec<Diagnostic>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SignoffChange {
    pub(crate) before: Option<SignoffState>,
    pub(crate) after: Option<SignoffState>,
    pub(crate) changed: bool,
}

/// The latest sign-off of a side and whether it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct SignoffState {
    pub(crate) name: String,
    pub(crate) role: Option<String>,
    pub(crate) date: String,
    pub(crate) holds: bool,
    /// Why it does not hold.
    pub(crate) because: Option<String>,
}

impl Diff {
    pub(crate) fn new(old: &Evaluated<'_>, new: &Evaluated<'_>, today: Date) -> Diff {
        let facts = headline::compare(&old.summary, &new.summary);
        let answers = answer_changes(old, new);
        let actions = action_changes(&old.plan, &new.plan);
        let findings = finding_changes(&old.evaluation.diagnostics, &new.evaluation.diagnostics);
        let (before, after) = (signoff_state(old, today), signoff_state(new, today));
        let signoff = SignoffChange {
            changed: before != after,
            before,
            after,
        };
        let (old_info, new_info) = (side_info(old.side), side_info(new.side));
        let differs = old_info.system != new_info.system
            || old_info.owner != new_info.owner
            || facts.iter().any(|f| f.changed)
            || !answers.is_empty()
            || !actions.opened.is_empty()
            || !actions.closed.is_empty()
            || !actions.changed.is_empty()
            || !findings.introduced.is_empty()
            || !findings.resolved.is_empty()
            || signoff.changed;
        Diff {
            version: 1,
            today: today.to_string(),
            old: old_info,
            new: new_info,
            differs,
            facts,
            answers,
            actions,
            findings,
            signoff,
        }
    }
}

fn side_info(side: &Side) -> SideInfo {
    SideInfo {
        name: side.name.clone(),
        system: side.assessment.system.name.clone(),
        owner: side.assessment.system.owner.clone(),
    }
}

/// Every item either side answered, in the new checklist's order (then
/// the old one's, then by id), with what differs.
fn answer_changes(old: &Evaluated<'_>, new: &Evaluated<'_>) -> Vec<AnswerChange> {
    let (before, after) = (&old.side.assessment.answers, &new.side.assessment.answers);
    let mut ids: Vec<&String> = before.keys().chain(after.keys()).collect();
    ids.sort_by_key(|id| {
        (
            new.checklist.position(id).unwrap_or(usize::MAX),
            old.checklist.position(id).unwrap_or(usize::MAX),
            (*id).clone(),
        )
    });
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| match (before.get(id), after.get(id)) {
            (None, None) => None,
            (Some(b), Some(a)) if b.same_answer(a) => None,
            (b, a) => Some(AnswerChange {
                item: id.clone(),
                kind: match (b, a) {
                    (None, _) => ChangeKind::Added,
                    (_, None) => ChangeKind::Removed,
                    _ => ChangeKind::Changed,
                },
                parts: parts(b, a),
                before: b.map(|b| b.value.clone()),
                after: a.map(|a| a.value.clone()),
                by: a.and_then(|a| a.by.clone()),
                at: a.and_then(|a| a.at.clone()),
            }),
        })
        .collect()
}

/// The parts of an answer that differ (all that either side has, for an
/// answer added or removed).
fn parts(before: Option<&Answer>, after: Option<&Answer>) -> Vec<&'static str> {
    let empty = Answer {
        value: RawValue::Other(String::new()),
        rationale: None,
        evidence: Vec::new(),
        action: None,
        by: None,
        at: None,
        asked: None,
        spans: crate::assessment::AnswerSpans::default(),
    };
    let (b, a) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
    [
        ("value", b.value != a.value),
        ("rationale", b.rationale != a.rationale),
        ("evidence", b.evidence != a.evidence),
        ("action", b.action != a.action),
    ]
    .into_iter()
    .filter(|(_, differs)| *differs)
    .map(|(part, _)| part)
    .collect()
}

/// Actions keyed by item: an answer holds at most one.
fn action_changes(old: &[ActionRow], new: &[ActionRow]) -> ActionChanges {
    let by_item = |rows: &[ActionRow]| -> BTreeMap<String, ActionRow> {
        rows.iter().map(|r| (r.item.clone(), r.clone())).collect()
    };
    let (before, after) = (by_item(old), by_item(new));
    let open = |row: Option<&ActionRow>| row.is_some_and(|r| r.status.is_open());
    let mut changes = ActionChanges::default();
    // In the new plan's order (by due date), then the old plan's.
    for row in new {
        let earlier = before.get(&row.item);
        if row.status.is_open() && !open(earlier) {
            changes.opened.push(row.clone());
        } else if let Some(earlier) = earlier.filter(|e| e.status.is_open() && row.status.is_open())
            && (earlier.action != row.action || earlier.owner != row.owner || earlier.due != row.due)
        {
            changes.changed.push(ChangedAction {
                item: row.item.clone(),
                before: earlier.clone(),
                after: row.clone(),
            });
        }
    }
    for row in old {
        let later = after.get(&row.item);
        if row.status.is_open() && !open(later) {
            changes.closed.push(ClosedAction {
                action: row.clone(),
                now: later.map(|l| l.status),
            });
        }
    }
    changes
}

/// Findings paired by rule and item: first those with the same message,
/// then the rest in order; what is left over was introduced or resolved.
fn finding_changes(old: &[Diagnostic], new: &[Diagnostic]) -> FindingChanges {
    fn key(finding: &Diagnostic) -> (Rule, Option<&str>) {
        (finding.rule, finding.item.as_deref())
    }
    let mut unmatched_old: Vec<bool> = vec![true; old.len()];
    let mut unmatched_new: Vec<bool> = vec![true; new.len()];
    let pair = |same_message: bool, unmatched_old: &mut Vec<bool>, unmatched_new: &mut Vec<bool>| {
        for (n, finding) in new.iter().enumerate() {
            if !unmatched_new[n] {
                continue;
            }
            let found = old.iter().enumerate().position(|(o, earlier)| {
                unmatched_old[o]
                    && key(earlier) == key(finding)
                    && (!same_message || earlier.message == finding.message)
            });
            if let Some(o) = found {
                unmatched_old[o] = false;
                unmatched_new[n] = false;
            }
        }
    };
    pair(true, &mut unmatched_old, &mut unmatched_new);
    pair(false, &mut unmatched_old, &mut unmatched_new);
    FindingChanges {
        introduced: new
            .iter()
            .zip(&unmatched_new)
            .filter(|(_, left)| **left)
            .map(|(d, _)| d.clone())
            .collect(),
        resolved: old
            .iter()
            .zip(&unmatched_old)
            .filter(|(_, left)| **left)
            .map(|(d, _)| d.clone())
            .collect(),
    }
}

fn signoff_state(side: &Evaluated<'_>, today: Date) -> Option<SignoffState> {
    let assessment = &side.side.assessment;
    let (signoff, date) = crate::evaluate::latest_signoff(assessment)?;
    let because = crate::evaluate::unsigned_because(assessment, today, &crate::say::EN);
    Some(SignoffState {
        name: signoff.name.clone(),
        role: signoff.role.clone(),
        date: date.to_string(),
        holds: because.is_none(),
        because,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn finding(rule: Rule, item: &str, message: &str, line: u64) -> Diagnostic {
        Diagnostic::new(rule, Some(item), Some(Span::at(line, 3)), message)
    }

    fn messages(findings: &[Diagnostic]) -> Vec<&str> {
        findings.iter().map(|f| f.message.as_str()).collect()
    }

    #[test]
    fn findings_are_matched_by_rule_and_item_not_by_line() {
        let old = [
            finding(Rule::MissingAnswer, "a", "a: no answer", 3),
            finding(Rule::OverdueAction, "b", "b: due 2026-01-01", 5),
            finding(Rule::MissingEvidence, "c", "c: no evidence", 7),
        ];
        let new = [
            // Moved down, and reworded: the same finding still.
            finding(Rule::MissingAnswer, "a", "a: no answer", 9),
            finding(Rule::OverdueAction, "b", "b: due 2026-02-01", 11),
            finding(Rule::MissingEvidence, "d", "d: no evidence", 12),
        ];
        let changes = finding_changes(&old, &new);
        assert_eq!(messages(&changes.introduced), ["d: no evidence"]);
        assert_eq!(messages(&changes.resolved), ["c: no evidence"]);
    }

    #[test]
    fn findings_of_one_rule_and_item_pair_by_message_first() {
        let old = [
            finding(Rule::EvidenceNotFound, "x", "x: a.md not found", 4),
            finding(Rule::EvidenceNotFound, "x", "x: b.md not found", 5),
        ];
        let new = [finding(Rule::EvidenceNotFound, "x", "x: b.md not found", 4)];
        let changes = finding_changes(&old, &new);
        assert!(changes.introduced.is_empty());
        assert_eq!(messages(&changes.resolved), ["x: a.md not found"]);
    }

    fn row(item: &str, due: &str, status: ActionStatus) -> ActionRow {
        ActionRow {
            item: item.to_string(),
            question: None,
            action: Some(format!("fix {item}")),
            owner: Some("team".to_string()),
            due: Some(due.to_string()),
            status,
            severity: None,
        }
    }

    #[test]
    fn actions_open_close_and_change() {
        use ActionStatus::{Closed, NotApplicable, Open, Overdue};
        let old = [
            row("closed", "2027-01-01", Open),
            row("moved", "2027-01-01", Overdue),
            row("removed", "2027-01-01", Open),
            row("same", "2027-01-01", Open),
            row("gone-away", "2027-01-01", Open),
        ];
        let new = [
            row("closed", "2027-01-01", Closed),
            row("moved", "2027-06-01", Open),
            row("new", "2027-01-01", Open),
            row("same", "2027-01-01", Open),
            row("gone-away", "2027-01-01", NotApplicable),
        ];
        let changes = action_changes(&old, &new);
        let items = |rows: Vec<&ActionRow>| rows.into_iter().map(|r| r.item.clone()).collect::<Vec<_>>();
        assert_eq!(items(changes.opened.iter().collect()), ["new"]);
        assert_eq!(
            items(changes.closed.iter().map(|c| &c.action).collect()),
            ["closed", "removed", "gone-away"]
        );
        let now: Vec<_> = changes.closed.iter().map(|c| c.now).collect();
        assert_eq!(now, [Some(Closed), None, Some(NotApplicable)]);
        assert_eq!(
            items(changes.changed.iter().map(|c| &c.after).collect()),
            ["moved"]
        );
    }
}

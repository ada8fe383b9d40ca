//! Recording one answer, with the checks shared by `etika answer` and
//! `etika assess`: the item exists, applies, and the value fits its type.

use crate::error::{Result, refuse};

use crate::assessment::{Action, Answer, AnswerSpans, Assessment};
use crate::checklist::Checklist;
use crate::date::Date;
use crate::evaluate::{Applicability, applicability_of};
use crate::say::Say;
use crate::value::Value;

/// An answer to store; `None` fields keep what the file already has.
#[derive(Debug, Clone, Default)]
pub(crate) struct NewAnswer {
    pub(crate) rationale: Option<String>,
    pub(crate) evidence: Option<Vec<String>>,
    pub(crate) action: ActionChange,
    pub(crate) by: Option<String>,
}

/// Changes to an answer's action, part by part: `None` keeps a part, an
/// empty text clears it, anything else replaces it. The one place where
/// `etika answer` and `etika assess` change actions.
#[derive(Debug, Clone, Default)]
pub(crate) struct ActionChange {
    pub(crate) text: Option<String>,
    pub(crate) owner: Option<String>,
    pub(crate) due: Option<String>,
}

impl ActionChange {
    /// `previous` with this change applied; an action with no part left is none.
    pub(crate) fn apply(&self, previous: Option<&Action>) -> Option<Action> {
        let previous = previous.cloned().unwrap_or_default();
        let action = Action {
            text: merge_field(self.text.as_deref(), previous.text),
            owner: merge_field(self.owner.as_deref(), previous.owner),
            due: merge_field(self.due.as_deref(), previous.due),
        };
        (action != Action::default()).then_some(action)
    }
}

/// The answer to store for `item_id`: `value` and `new` merged with any
/// earlier answer. Nothing is changed; the caller saves it.
pub(crate) fn record(
    checklist: &Checklist,
    assessment: &Assessment,
    item_id: &str,
    value: &Value,
    new: NewAnswer,
    today: Date,
) -> Result<Answer> {
    record_in(&crate::say::EN, checklist, assessment, item_id, value, new, today)
}

/// `record`, refusing in the words of `t`.
pub(crate) fn record_in(
    t: &Say,
    checklist: &Checklist,
    assessment: &Assessment,
    item_id: &str,
    value: &Value,
    new: NewAnswer,
    today: Date,
) -> Result<Answer> {
    let Some(item) = checklist.item(item_id) else {
        refuse!("{}", unknown_item_message(t, checklist, item_id));
    };
    match applicability_of(checklist, assessment, item_id) {
        Some(Applicability::DoesNotApply) => refuse!(
            "{}",
            (t.does_not_apply)(item_id, &condition_items(checklist, item_id))
        ),
        Some(Applicability::Pending) => refuse!(
            "{}",
            (t.depends_on)(item_id, &condition_items(checklist, item_id))
        ),
        _ => {}
    }
    let previous = assessment.answers.get(&item.id);
    Ok(Answer {
        value: value.to_raw(),
        rationale: merge_field(
            new.rationale.as_deref(),
            previous.and_then(|p| p.rationale.clone()),
        ),
        evidence: new
            .evidence
            .unwrap_or_else(|| previous.map(|p| p.evidence.clone()).unwrap_or_default()),
        action: new.action.apply(previous.and_then(|p| p.action.as_ref())),
        by: merge_field(new.by.as_deref(), previous.and_then(|p| p.by.clone())),
        at: Some(today.to_string()),
        // Confirming or changing an answer is answering the question as it is now.
        asked: Some(item.asked().against(checklist.source_of(item).1)),
        spans: AnswerSpans::default(),
    })
}

/// A field given replaces the old one, an empty one clears it, and one not
/// given keeps it.
fn merge_field(given: Option<&str>, old: Option<String>) -> Option<String> {
    match given {
        Some(text) if text.trim().is_empty() => None,
        Some(text) => Some(text.to_string()),
        None => old,
    }
}

pub(crate) fn unknown_item_message(t: &Say, checklist: &Checklist, item_id: &str) -> String {
    (t.no_such_item)(
        &checklist.id,
        &checklist.version,
        &crate::text::code_span(item_id),
        &match &checklist.origin {
            crate::checklist::Origin::Builtin => checklist.id.clone(),
            crate::checklist::Origin::File(path) => path.display().to_string(),
        },
    )
}

fn condition_items(checklist: &Checklist, item_id: &str) -> String {
    let ids = checklist
        .item(item_id)
        .and_then(|item| item.when.as_ref())
        .map(|when| when.items())
        .unwrap_or_default();
    let mut unique: Vec<&str> = Vec::new();
    for id in ids {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    unique
        .iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

//! Recording one answer, with the checks shared by `etika answer` and
//! `etika assess`: the item exists, applies, and the value fits its type.

use anyhow::{Result, bail};

use crate::assessment::{Action, Answer, AnswerLines, Assessment};
use crate::checklist::Checklist;
use crate::date::Date;
use crate::evaluate::{Applicability, applicability_of};
use crate::value::Value;

/// An answer to store; `None` fields keep what the file already has.
#[derive(Debug, Clone, Default)]
pub struct NewAnswer {
    pub rationale: Option<String>,
    pub evidence: Option<Vec<String>>,
    /// `None` keeps the earlier action, `Some(None)` removes it.
    pub action: Option<Option<Action>>,
    pub by: Option<String>,
}

/// Stores `value` for `item_id`, merging with any earlier answer. The caller
/// saves the file.
pub fn record(
    checklist: &Checklist,
    assessment: &mut Assessment,
    item_id: &str,
    value: Value,
    new: NewAnswer,
    today: Date,
) -> Result<()> {
    let Some(item) = checklist.item(item_id) else {
        bail!("{}", unknown_item_message(checklist, item_id));
    };
    match applicability_of(checklist, assessment, item_id) {
        Some(Applicability::DoesNotApply) => bail!(
            "`{item_id}` does not apply to this system given its answers to {}; change those answers first if it should",
            condition_items(checklist, item_id)
        ),
        Some(Applicability::Pending) => bail!(
            "`{item_id}` depends on {}, which must be answered first",
            condition_items(checklist, item_id)
        ),
        _ => {}
    }
    let previous = assessment.answers.get(&item.id).cloned();
    let answer = Answer {
        value: value.to_raw(),
        rationale: merge_field(new.rationale, previous.as_ref().and_then(|p| p.rationale.clone())),
        evidence: new
            .evidence
            .unwrap_or_else(|| previous.as_ref().map(|p| p.evidence.clone()).unwrap_or_default()),
        action: match new.action {
            Some(action) => action,
            None => previous.as_ref().and_then(|p| p.action.clone()),
        },
        by: merge_field(new.by, previous.as_ref().and_then(|p| p.by.clone())),
        at: Some(today.to_string()),
        lines: AnswerLines::default(),
    };
    assessment.answers.insert(item.id.clone(), answer);
    Ok(())
}

/// A field given on the command line replaces the old one, an empty one
/// clears it, and one not given keeps it.
pub fn merge_field(given: Option<String>, old: Option<String>) -> Option<String> {
    match given {
        Some(text) if text.trim().is_empty() => None,
        Some(text) => Some(text),
        None => old,
    }
}

pub fn unknown_item_message(checklist: &Checklist, item_id: &str) -> String {
    format!(
        "checklist {} {} has no item {}; `etika checklist show {}` lists the items",
        checklist.id,
        checklist.version,
        crate::text::code_span(item_id),
        match &checklist.origin {
            crate::checklist::Origin::Builtin => checklist.id.clone(),
            crate::checklist::Origin::File(path) => path.display().to_string(),
        }
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

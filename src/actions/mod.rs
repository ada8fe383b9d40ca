//! The action plan (`etika actions`): every action recorded on an answer,
//! with where it stands now. `diff` reads the same rows to tell which
//! actions a change opened and closed.

mod render;

pub(crate) use render::{csv, json, markdown};

use serde::Serialize;

use crate::assessment::{Action, Assessment};
use crate::checklist::{Checklist, Severity};
use crate::date::Date;
use crate::evaluate::{Applicability, Evaluation, ItemState};
use crate::text::Lang;

/// Where an action stands, from its answer and the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ActionStatus {
    /// The answer still admits a gap (or is `unknown`) and the due date has not passed.
    Open,
    /// The answer still admits a gap and the due date is before today.
    Overdue,
    /// The answer no longer needs an action: the gap it was for is closed.
    Closed,
    /// The item does not apply to the system (any more), or the checklist
    /// no longer has it.
    NotApplicable,
    /// Not settled yet: the item waits on an earlier answer to know whether
    /// it applies, or its answer does not fit the item.
    Pending,
}

impl ActionStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Overdue => "overdue",
            ActionStatus::Closed => "closed",
            ActionStatus::NotApplicable => "not-applicable",
            ActionStatus::Pending => "pending",
        }
    }

    /// Still to be done.
    pub(crate) fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::Overdue)
    }
}

/// One action of the plan. Texts are as written in the file; renderers
/// escape them for their format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct ActionRow {
    pub(crate) item: String,
    /// The item's question in the plan's language; `None` for an answer to
    /// an item the checklist does not have.
    pub(crate) question: Option<String>,
    pub(crate) action: Option<String>,
    pub(crate) owner: Option<String>,
    /// As written (YYYY-MM-DD, or whatever the file holds).
    pub(crate) due: Option<String>,
    pub(crate) status: ActionStatus,
    /// Only for items that apply.
    pub(crate) severity: Option<Severity>,
}

/// Every action recorded on an answer: by due date (actions without a valid
/// date last), then in checklist order; answers to items the checklist
/// lacks last of all, by id.
pub(crate) fn plan(
    checklist: &Checklist,
    assessment: &Assessment,
    evaluation: &Evaluation<'_>,
    today: Date,
    lang: Lang,
) -> Vec<ActionRow> {
    let mut rows: Vec<(usize, ActionRow)> = evaluation
        .states
        .iter()
        .enumerate()
        .filter_map(|(position, state)| {
            let action = state.answer?.action.as_ref()?;
            Some((position, row_of(state, action, today, lang)))
        })
        .collect();
    // An answer to an id the checklist lacks has no state; its action is
    // still recorded, and the plan should not hide it.
    rows.extend(
        assessment
            .answers
            .iter()
            .filter(|(id, _)| checklist.position(id).is_none())
            .filter_map(|(id, answer)| {
                let action = answer.action.as_ref()?;
                Some((usize::MAX, unplaced_row(id, action)))
            }),
    );
    rows.sort_by(|(a_position, a), (b_position, b)| {
        let due = |row: &ActionRow| row.due.as_deref().and_then(Date::parse);
        let key = |row: &ActionRow, position: usize| (due(row).is_none(), due(row), position);
        key(a, *a_position)
            .cmp(&key(b, *b_position))
            .then_with(|| a.item.cmp(&b.item))
    });
    rows.into_iter().map(|(_, row)| row).collect()
}

fn row_of(state: &ItemState<'_>, action: &Action, today: Date, lang: Lang) -> ActionRow {
    let applies = state.applicability == Applicability::Applies;
    ActionRow {
        item: state.item.id.clone(),
        question: Some(state.item.question.get(lang).to_string()),
        action: action.text.clone(),
        owner: action.owner.clone(),
        due: action.due.clone(),
        status: status(state, action, today),
        severity: state.item.severity.filter(|_| applies),
    }
}

fn unplaced_row(id: &str, action: &Action) -> ActionRow {
    ActionRow {
        item: id.to_string(),
        question: None,
        action: action.text.clone(),
        owner: action.owner.clone(),
        due: action.due.clone(),
        status: ActionStatus::NotApplicable,
        severity: None,
    }
}

/// The same reading as `validate`'s: an action is open while its answer is
/// a gap of an item that applies ([`ItemState::has_open_action`]), overdue
/// once its date has passed (`overdue-action`).
fn status(state: &ItemState<'_>, action: &Action, today: Date) -> ActionStatus {
    match state.applicability {
        Applicability::DoesNotApply => ActionStatus::NotApplicable,
        Applicability::Applies if state.has_open_action() => {
            if action.is_overdue(today) {
                ActionStatus::Overdue
            } else {
                ActionStatus::Open
            }
        }
        Applicability::Applies if state.valid_value().is_some() => ActionStatus::Closed,
        // Waiting on an earlier answer, or an answer that does not fit the
        // item (`invalid-value` until it is fixed).
        Applicability::Applies | Applicability::Pending => ActionStatus::Pending,
    }
}

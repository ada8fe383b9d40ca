//! The evaluation in numbers and states, in no language: what a report, a
//! JSON export or a diff of two assessments is built from.

use serde::Serialize;

use super::{Applicability, Combined, Evaluation, Impact, ItemState, Readiness, RegimeResult};
use crate::checklist::{Checklist, Severity};
use crate::diagnostic::Diagnostic;
use crate::value::{RawValue, Value};

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Status {
    Answered,
    Unanswered,
    /// Answered with a value that does not fit the item.
    Invalid,
    DoesNotApply,
    /// Waits on an earlier answer to know whether it applies.
    Pending,
}

#[derive(Debug, Serialize)]
pub(crate) struct ItemSummary {
    pub(crate) id: String,
    pub(crate) status: Status,
    /// The answer as written (an option value, a list, a number, text).
    pub(crate) value: Option<RawValue>,
    /// The answer admits a gap (only for items that apply).
    pub(crate) adverse: bool,
    /// Answered `unknown` (only for items that apply).
    pub(crate) unknown: bool,
    /// An adverse or `unknown` answer with an action still to do.
    pub(crate) open_action: bool,
    /// Only for items that apply.
    pub(crate) severity: Option<Severity>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SectionSummary {
    pub(crate) id: String,
    pub(crate) is_context: bool,
    pub(crate) applicable: usize,
    pub(crate) answered: usize,
    pub(crate) adverse: usize,
    pub(crate) unknown: usize,
    pub(crate) open_actions: usize,
    pub(crate) items: Vec<ItemSummary>,
}

/// Version 2 of `etika report --format json` (version 1 had `risk` where
/// this has `impact`, `legal`, `obligations`, `readiness`); within a
/// version, fields are only ever added.
#[derive(Debug, Serialize)]
pub(crate) struct Summary<'a> {
    pub(crate) version: u32,
    pub(crate) checklist: ChecklistSummary<'a>,
    /// Whether `etika validate` passes (no error-level diagnostic).
    pub(crate) passed: bool,
    pub(crate) impact: &'a Impact,
    pub(crate) legal: &'a [RegimeResult],
    /// What the impact level and the legal classes oblige, together.
    pub(crate) obligations: Combined,
    pub(crate) readiness: &'a Readiness,
    pub(crate) sections: Vec<SectionSummary>,
    pub(crate) diagnostics: &'a [Diagnostic],
}

#[derive(Debug, Serialize)]
pub(crate) struct ChecklistSummary<'a> {
    pub(crate) id: &'a str,
    pub(crate) version: &'a str,
    /// The version the assessment was made against.
    pub(crate) assessed_version: &'a str,
}

impl ItemState<'_> {
    pub(crate) fn status(&self) -> Status {
        match (self.applicability, &self.value) {
            (Applicability::DoesNotApply, _) => Status::DoesNotApply,
            (Applicability::Pending, _) => Status::Pending,
            (_, None) => Status::Unanswered,
            (_, Some(Err(_))) => Status::Invalid,
            (_, Some(Ok(_))) => Status::Answered,
        }
    }
}

impl Evaluation<'_> {
    pub(crate) fn summary<'a>(&'a self, checklist: &'a Checklist, assessed_version: &'a str) -> Summary<'a> {
        let sections = self
            .sections(checklist)
            .map(|(section, states)| {
                let items: Vec<ItemSummary> = states.iter().map(item_summary).collect();
                let applicable: Vec<&ItemSummary> = items
                    .iter()
                    .filter(|i| !matches!(i.status, Status::DoesNotApply | Status::Pending))
                    .collect();
                SectionSummary {
                    id: section.id.clone(),
                    is_context: section.is_context,
                    applicable: applicable.len(),
                    answered: applicable.iter().filter(|i| i.status == Status::Answered).count(),
                    adverse: applicable.iter().filter(|i| i.adverse).count(),
                    unknown: applicable.iter().filter(|i| i.unknown).count(),
                    open_actions: items.iter().filter(|i| i.open_action).count(),
                    items,
                }
            })
            .collect();
        Summary {
            version: 2,
            checklist: ChecklistSummary {
                id: &checklist.id,
                version: &checklist.version,
                assessed_version,
            },
            passed: !self
                .diagnostics
                .iter()
                .any(|d| d.level == crate::diagnostic::Level::Error),
            impact: &self.standing.impact,
            legal: &self.standing.legal,
            obligations: self.obligations(checklist),
            readiness: &self.readiness,
            sections,
            diagnostics: &self.diagnostics,
        }
    }
}

impl Evaluation<'_> {
    pub(crate) fn obligations(&self, checklist: &Checklist) -> Combined {
        let owed = super::owed(checklist, &self.standing.impact, &self.standing.legal);
        super::obligations::combine(checklist, &owed)
    }
}

fn item_summary(state: &ItemState<'_>) -> ItemSummary {
    let applies = state.applicability == Applicability::Applies;
    ItemSummary {
        id: state.item.id.clone(),
        status: state.status(),
        value: state.answer.map(|a| a.value.clone()),
        adverse: applies && state.is_adverse(),
        unknown: applies && state.valid_value() == Some(&Value::Unknown),
        open_action: state.has_open_action(),
        severity: state.item.severity.filter(|_| applies),
    }
}

//! Readiness: how much of what applies is in place, per section and
//! overall, weighted by severity; and the residual rating it gives with the
//! impact level.

use serde::Serialize;

use crate::checklist::{Checklist, ImpactLevel, ItemKind, Rating, ReadinessBand, Severity};
use crate::value::Value;

use super::{Applicability, ItemState};

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SectionReadiness {
    pub(crate) section: String,
    /// `None` when nothing in the section counts (all `n/a` or not applying).
    pub(crate) percent: Option<u32>,
    /// Items counted (applicable, not `n/a`).
    pub(crate) items: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Readiness {
    pub(crate) percent: Option<u32>,
    pub(crate) sections: Vec<SectionReadiness>,
    pub(crate) band: ReadinessBand,
    /// The residual rating: the impact level against the readiness band.
    pub(crate) residual: Rating,
}

/// An item's weight: its severity (low 1 … critical 4); 1 without one.
pub(crate) fn weight(severity: Option<Severity>) -> u64 {
    match severity {
        None | Some(Severity::Low) => 1,
        Some(Severity::Medium) => 2,
        Some(Severity::High) => 3,
        Some(Severity::Critical) => 4,
    }
}

/// What an item counts for, in halves: yes 2, partial 1, a gap, an
/// unanswered or invalid item 0; `None` when it does not count (`n/a`).
fn credit(state: &ItemState<'_>) -> Option<u64> {
    match state.valid_value() {
        Some(Value::NotApplicable) => None,
        None | Some(Value::Unknown) => Some(0),
        Some(Value::Choice(choice)) if matches!(state.item.kind, ItemKind::YesNo) && choice == "partial" => {
            Some(1)
        }
        Some(value) if value.is_adverse(state.item) => Some(0),
        Some(_) => Some(2),
    }
}

/// Weighted credit and weight of a run of item states.
fn tally<'s, 'a: 's>(states: impl Iterator<Item = &'s ItemState<'a>>) -> (u64, u64, usize) {
    let mut got = 0;
    let mut possible = 0;
    let mut items = 0;
    for state in states {
        if state.item.is_context || state.applicability != Applicability::Applies {
            continue;
        }
        let Some(credit) = credit(state) else { continue };
        let weight = weight(state.item.severity);
        got += weight * credit;
        possible += weight * 2;
        items += 1;
    }
    (got, possible, items)
}

/// Rounded down, so that readiness is never overstated.
fn percent(got: u64, possible: u64) -> Option<u32> {
    (possible > 0).then(|| u32::try_from(got * 100 / possible).unwrap_or(100))
}

/// `states` are every item's, in checklist order.
pub(crate) fn readiness(checklist: &Checklist, states: &[ItemState<'_>], level: ImpactLevel) -> Readiness {
    let mut got = 0;
    let mut possible = 0;
    let mut per_section = Vec::new();
    let mut start = 0;
    for section in &checklist.sections {
        let end = start + section.items.len();
        let section_states = &states[start..end.min(states.len())];
        start = end;
        if section.is_context {
            continue;
        }
        let (g, p, items) = tally(section_states.iter());
        got += g;
        possible += p;
        per_section.push(SectionReadiness {
            section: section.id.clone(),
            percent: percent(g, p),
            items,
        });
    }
    let overall = percent(got, possible);
    // Nothing to count is nothing shown ready.
    let band = checklist.residual.band(overall.unwrap_or(0));
    Readiness {
        percent: overall,
        sections: per_section,
        band,
        residual: checklist.residual.rating(level, band),
    }
}

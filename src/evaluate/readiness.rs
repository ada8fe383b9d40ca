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

#[cfg(test)]
mod tests {
    use crate::checklist::{Origin, Rating, ReadinessBand, parse};

    const CHECKLIST: &str = r#"
id: t
version: "1.0.0"
title: T
sections:
  - id: a
    title: A
    items:
      - {id: a.low, question: Low?, type: yes-no, severity: low}
      - {id: a.high, question: High?, type: yes-no, severity: high}
      - {id: a.critical, question: Critical?, type: yes-no, severity: critical}
  - id: b
    title: B
    items:
      - {id: b.one, question: One?, type: yes-no, severity: medium}
      - id: b.choice
        question: Which?
        type: single
        severity: medium
        options:
          - {value: good, label: Good}
          - {value: bad, label: Bad, adverse: true}
      - {id: b.notes, question: Notes?, type: text}
"#;

    fn readiness(answers: &str) -> super::Readiness {
        let checklist = parse(CHECKLIST, "t.yaml", Origin::Builtin).unwrap();
        crate::evaluate::evaluated(&checklist, answers, |e| e.readiness.clone())
    }

    #[test]
    fn yes_counts_in_full_partial_half_and_severity_weighs() {
        // a: low yes (1 of 1), high partial (1.5 of 3), critical no (0 of 4):
        // 2.5 of 8 = 31.25 %, rounded down.
        let r = readiness(
            "  a.low: {value: \"yes\"}\n  a.high: {value: partial}\n  a.critical: {value: \"no\"}\n",
        );
        assert_eq!(r.sections[0].percent, Some(31));
        assert_eq!(r.sections[0].items, 3);
        // b: nothing answered, all counted as none: 0 of 5 (medium 2 + 2, text 1).
        assert_eq!(r.sections[1].percent, Some(0));
        // Overall: 2.5 of 13.
        assert_eq!(r.percent, Some(19));
        assert_eq!(r.band, ReadinessBand::NotReady);
    }

    #[test]
    fn not_applicable_is_left_out_and_unknown_counts_as_none() {
        let r = readiness(
            "  a.low: {value: \"yes\"}\n  a.high: {value: n/a, rationale: R}\n  a.critical: {value: n/a, rationale: R}\n",
        );
        assert_eq!(r.sections[0].percent, Some(100));
        assert_eq!(r.sections[0].items, 1);
        let r = readiness(
            "  a.low: {value: n/a, rationale: R}\n  a.high: {value: n/a, rationale: R}\n  a.critical: {value: n/a, rationale: R}\n",
        );
        assert_eq!(r.sections[0].percent, None, "nothing counts");
        let r = readiness("  a.low: {value: unknown, rationale: R}\n");
        assert_eq!(r.sections[0].percent, Some(0));
    }

    #[test]
    fn an_adverse_option_counts_as_none_and_a_text_answer_in_full() {
        let r = readiness("  b.one: {value: \"yes\"}\n  b.choice: {value: bad}\n  b.notes: {value: Fine.}\n");
        // 2 + 0 + 1 of 5.
        assert_eq!(r.sections[1].percent, Some(60));
    }

    #[test]
    fn the_residual_rating_is_the_level_against_the_readiness_band() {
        use crate::checklist::ImpactLevel::{I, IV};
        let all = "  a.low: {value: \"yes\"}\n  a.high: {value: \"yes\"}\n  a.critical: {value: \"yes\"}\n  b.one: {value: \"yes\"}\n  b.choice: {value: good}\n  b.notes: {value: Fine.}\n";
        let r = readiness(all);
        assert_eq!((r.percent, r.band), (Some(100), ReadinessBand::Ready));
        // No context questions: level I, and ready is low.
        assert_eq!(r.residual, Rating::Low);
        let model = crate::checklist::ResidualModel::default();
        assert_eq!(model.band(90), ReadinessBand::Ready);
        assert_eq!(model.band(89), ReadinessBand::Partly);
        assert_eq!(model.band(60), ReadinessBand::Partly);
        assert_eq!(model.band(59), ReadinessBand::NotReady);
        assert_eq!(model.rating(IV, ReadinessBand::Ready), Rating::High);
        assert_eq!(model.rating(IV, ReadinessBand::Partly), Rating::Critical);
        assert_eq!(model.rating(I, ReadinessBand::NotReady), Rating::Medium);
    }
}

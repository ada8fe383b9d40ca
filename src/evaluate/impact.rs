//! The impact level, from context answers: points as a share of the
//! maximum, banded by the checklist's levels, raised by its floors.

use serde::Serialize;

use crate::checklist::{ImpactLevel, ImpactModel};
use crate::value::Value;

use super::condition::{Known, Truth, reasons, truth};
use super::{Applicability, ItemState};

/// One context item's share of the points.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Contribution {
    pub(crate) item: String,
    pub(crate) points: u32,
    /// The item's highest option: what it adds to the maximum.
    pub(crate) max: u32,
    /// Answered `unknown` (or `n/a`), so counted at its maximum.
    pub(crate) assumed: bool,
}

/// A floor whose condition holds, or may hold.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FloorHit {
    /// Its position among the checklist's floors.
    pub(crate) floor: usize,
    pub(crate) level: ImpactLevel,
    /// The context items whose answers make the condition hold.
    pub(crate) items: Vec<String>,
    /// It holds only because an answer it tests is `unknown`.
    pub(crate) assumed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Impact {
    /// The level after floors.
    pub(crate) level: ImpactLevel,
    /// The level from points alone.
    pub(crate) score_level: ImpactLevel,
    pub(crate) points: u32,
    pub(crate) max_points: u32,
    pub(crate) percent: u32,
    /// Every context item that can score, in checklist order.
    pub(crate) contributions: Vec<Contribution>,
    pub(crate) floors: Vec<FloorHit>,
    /// Context items answered `unknown`, counted at their highest points.
    pub(crate) assumed: Vec<String>,
    /// False while some applicable context item is unanswered: the level may rise.
    pub(crate) complete: bool,
}

pub(crate) fn impact<'a>(
    states: &'a [ItemState<'a>],
    model: &ImpactModel,
    known: &dyn Fn(&str) -> Known<'a>,
) -> Impact {
    let mut contributions = Vec::new();
    let mut assumed = Vec::new();
    let mut complete = true;
    for state in states.iter().filter(|s| s.item.is_context) {
        let item = state.item;
        if state.applicability == Applicability::DoesNotApply {
            continue;
        }
        let choices = item.kind.choices();
        let max = choices.iter().map(|c| c.risk).max().unwrap_or(0);
        let (points, unknown) = match state.effective_value() {
            Some(Value::Choice(value)) => (points_of(choices, &[value.as_str()]), false),
            Some(Value::Choices(values)) => {
                let chosen: Vec<&str> = values.iter().map(String::as_str).collect();
                (points_of(choices, &chosen), false)
            }
            // Not knowing is no reason to score lower: count the worst case.
            Some(Value::Unknown) => (max, true),
            Some(_) => (0, false),
            None => {
                complete = false;
                (0, false)
            }
        };
        if unknown {
            assumed.push(item.id.clone());
        }
        if max > 0 {
            contributions.push(Contribution {
                item: item.id.clone(),
                points,
                max,
                assumed: unknown,
            });
        }
    }
    let points: u32 = contributions.iter().map(|c| c.points).sum();
    let max_points: u32 = contributions.iter().map(|c| c.max).sum();
    // Options carry at most 100 points (checked on load); the product with
    // 100 is taken in u64.
    let percent = if max_points == 0 {
        0
    } else {
        // Points never exceed the maximum, so this is at most 100.
        u32::try_from((u64::from(points) * 100).div_ceil(u64::from(max_points))).unwrap_or(100)
    };
    let score_level = model.level(percent);
    let floors: Vec<FloorHit> = model
        .floors
        .iter()
        .enumerate()
        .filter_map(|(index, floor)| {
            let assumed = match truth(&floor.when, known) {
                Truth::True => false,
                // A floor that may hold is counted: the worst case again.
                Truth::Unknown => true,
                Truth::False | Truth::Pending => return None,
            };
            Some(FloorHit {
                floor: index,
                level: floor.level,
                items: reasons(&floor.when, known),
                assumed,
            })
        })
        .collect();
    let level = floors.iter().map(|f| f.level).fold(score_level, ImpactLevel::max);
    Impact {
        level,
        score_level,
        points,
        max_points,
        percent,
        contributions,
        floors,
        assumed,
        complete,
    }
}

/// The highest points among the chosen options.
fn points_of(choices: &[crate::checklist::Choice], chosen: &[&str]) -> u32 {
    choices
        .iter()
        .filter(|c| chosen.contains(&c.value.as_str()))
        .map(|c| c.risk)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use crate::checklist::{Origin, parse};

    /// Two scored questions of 0–50 points each (a maximum of 100, so
    /// points are percent), a floor on each, one needing both.
    const CHECKLIST: &str = r#"
id: t
version: "1.0.0"
title: T
impact:
  levels:
    - {level: I, up_to: 25}
    - {level: II, up_to: 50}
    - {level: III, up_to: 75}
    - {level: IV, up_to: 100}
  floors:
    - {level: III, when: {item: context.harm, equals: severe}, because: Severe}
    - {level: II, when: {item: context.who, includes: children}, because: Children}
    - level: IV
      when: {all: [{item: context.harm, equals: severe}, {item: context.who, includes: public}]}
      because: Both
sections:
  - id: context
    title: C
    context: true
    items:
      - id: context.harm
        question: Harm?
        type: single
        options:
          - {value: none, label: None, risk: 0}
          - {value: some, label: Some, risk: 25}
          - {value: more, label: More, risk: 26}
          - {value: severe, label: Severe, risk: 50}
      - id: context.who
        question: Who?
        type: multi
        options:
          - {value: staff, label: Staff, risk: 0}
          - {value: children, label: Children, risk: 1}
          - {value: public, label: Public, risk: 25}
          - {value: many, label: Many, risk: 50}
"#;

    fn impact(harm: &str, who: &str) -> super::Impact {
        let checklist = parse(CHECKLIST, "t.yaml", Origin::Builtin).unwrap();
        let mut answers = String::new();
        if !harm.is_empty() {
            answers.push_str(&format!("  context.harm: {{value: {harm}}}\n"));
        }
        if !who.is_empty() {
            answers.push_str(&format!("  context.who: {{value: {who}}}\n"));
        }
        crate::evaluate::evaluated(&checklist, &answers, |e| e.standing.impact.clone())
    }

    fn level(harm: &str, who: &str) -> &'static str {
        impact(harm, who).level.as_str()
    }

    #[test]
    fn each_band_ends_at_its_up_to_and_the_next_begins_one_point_later() {
        assert_eq!(level("none", "[staff]"), "I");
        assert_eq!(level("some", "[staff]"), "I", "25 %");
        assert_eq!(level("more", "[staff]"), "II", "26 %");
        assert_eq!(level("some", "[public]"), "II", "50 %");
        assert_eq!(level("more", "[public]"), "III", "51 %");
        assert_eq!(level("some", "[many]"), "III", "75 %");
        assert_eq!(level("more", "[many]"), "IV", "76 %");
        let full = impact("severe", "[many]");
        assert_eq!((full.points, full.max_points, full.percent), (100, 100, 100));
    }

    #[test]
    fn a_multiple_choice_answer_scores_its_highest_option() {
        let i = impact("none", "[staff, public, children]");
        assert_eq!(i.points, 25);
        assert_eq!(i.contributions[1].points, 25);
        assert_eq!(i.contributions[1].max, 50);
    }

    #[test]
    fn floors_lift_the_level_whatever_the_points() {
        let i = impact("severe", "[staff]");
        assert_eq!((i.score_level.as_str(), i.level.as_str()), ("II", "III"));
        assert_eq!(i.floors.len(), 1);
        assert_eq!(i.floors[0].items, ["context.harm"]);
        // 1 point, level I by points; children lift it to II.
        assert_eq!(level("none", "[children]"), "II");
        // Both conditions of the third floor, and each floor of its own.
        let i = impact("severe", "[public]");
        assert_eq!(i.level.as_str(), "IV");
        assert_eq!(i.floors.len(), 2);
        assert_eq!(i.floors[1].items, ["context.harm", "context.who"]);
        // A floor never lowers: IV by points stays IV.
        assert_eq!(level("severe", "[many, children]"), "IV");
    }

    #[test]
    fn unknown_scores_the_maximum_and_holds_every_floor_it_could() {
        let i = impact("unknown", "[staff]");
        assert_eq!(i.points, 50);
        assert_eq!(i.assumed, ["context.harm"]);
        assert!(i.contributions[0].assumed);
        // `severe` may be the answer: the floors that test it hold, assumed.
        assert_eq!(i.level.as_str(), "III");
        assert!(i.floors.iter().all(|f| f.assumed), "{:?}", i.floors);
        // A context `n/a` counts as `unknown`.
        assert_eq!(impact("n/a", "[staff]").points, 50);
        let i = impact("unknown", "unknown");
        assert_eq!((i.percent, i.level.as_str()), (100, "IV"));
    }

    #[test]
    fn an_unanswered_context_question_leaves_the_level_open() {
        let i = impact("some", "");
        assert!(!i.complete);
        assert_eq!(i.points, 25);
        assert_eq!(i.max_points, 100, "the maximum counts every question");
        assert!(impact("some", "[staff]").complete);
    }
}

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

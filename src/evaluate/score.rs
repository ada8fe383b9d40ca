//! The inherent risk tier, from context answers: points as a share of the
//! maximum, banded by the checklist's risk model, raised by floors.

use serde::Serialize;

use crate::checklist::{RiskModel, Tier};
use crate::value::Value;

use super::{Applicability, ItemState};

#[derive(Debug, Clone, Serialize)]
pub(crate) struct FloorReason {
    pub(crate) item: String,
    pub(crate) option: String,
    pub(crate) tier: Tier,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Risk {
    /// The tier after floors.
    pub(crate) tier: Tier,
    /// The tier from points alone.
    pub(crate) score_tier: Tier,
    pub(crate) points: u32,
    pub(crate) max_points: u32,
    pub(crate) percent: u32,
    pub(crate) floors: Vec<FloorReason>,
    /// Context items answered `unknown`, counted at their highest points.
    pub(crate) assumed: Vec<String>,
    /// False while some applicable context item is unanswered: the tier may rise.
    pub(crate) complete: bool,
}

pub(crate) fn risk(states: &[ItemState<'_>], model: &RiskModel) -> Risk {
    let mut points = 0;
    let mut max_points = 0;
    let mut floors = Vec::new();
    let mut assumed = Vec::new();
    let mut complete = true;
    for state in states.iter().filter(|s| s.item.is_context) {
        let item = state.item;
        if state.applicability == Applicability::DoesNotApply {
            continue;
        }
        let choices = item.kind.choices();
        let highest = choices.iter().map(|c| c.risk).max().unwrap_or(0);
        max_points += highest;
        let chosen: Vec<&str> = match state.effective_value() {
            Some(Value::Choice(value)) => vec![value.as_str()],
            Some(Value::Choices(values)) => values.iter().map(String::as_str).collect(),
            // Not knowing is no reason to score lower: count the worst case.
            Some(Value::Unknown) => {
                points += highest;
                assumed.push(item.id.clone());
                continue;
            }
            Some(_) => Vec::new(),
            None => {
                complete = false;
                Vec::new()
            }
        };
        let chosen: Vec<_> = choices
            .iter()
            .filter(|c| chosen.contains(&c.value.as_str()))
            .collect();
        points += chosen.iter().map(|c| c.risk).max().unwrap_or(0);
        for choice in chosen {
            if let Some(tier) = choice.floor {
                floors.push(FloorReason {
                    item: item.id.clone(),
                    option: choice.value.clone(),
                    tier,
                });
            }
        }
    }
    // Options carry at most 100 points (checked on load), so u32 sums of a
    // checklist's context items cannot overflow in practice; the product
    // with 100 is taken in u64.
    let percent = if max_points == 0 {
        0
    } else {
        // Points never exceed the maximum, so this is at most 100.
        u32::try_from((u64::from(points) * 100).div_ceil(u64::from(max_points))).unwrap_or(100)
    };
    let score_tier = model.tier(percent);
    let tier = floors.iter().map(|f| f.tier).fold(score_tier, Tier::max);
    Risk {
        tier,
        score_tier,
        points,
        max_points,
        percent,
        floors,
        assumed,
        complete,
    }
}

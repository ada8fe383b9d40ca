//! The inherent risk tier, from context answers (research: Canada's AIA
//! thresholds at 25/50/75 % of the maximum, plus floors for high-stakes uses).

use serde::Serialize;

use crate::checklist::{Checklist, ItemKind, Tier};
use crate::value::Value;

use super::ItemState;

#[derive(Debug, Clone, Serialize)]
pub struct FloorReason {
    pub item: String,
    pub option: String,
    pub tier: Tier,
}

#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    /// The tier after floors.
    pub tier: Tier,
    /// The tier from points alone.
    pub score_tier: Tier,
    pub points: u32,
    pub max_points: u32,
    pub percent: u32,
    pub floors: Vec<FloorReason>,
    /// False while some applicable context item is unanswered: the tier may rise.
    pub complete: bool,
}

pub fn risk(checklist: &Checklist, states: &[ItemState<'_>]) -> Risk {
    let mut points = 0;
    let mut max_points = 0;
    let mut floors = Vec::new();
    let mut complete = true;
    let context_items = checklist
        .sections
        .iter()
        .filter(|s| s.is_context)
        .flat_map(|s| &s.items);
    for item in context_items {
        let choices = item.kind.choices();
        max_points += choices.iter().map(|c| c.risk).max().unwrap_or(0);
        let Some(state) = states.iter().find(|s| s.item.id == item.id) else {
            continue;
        };
        let chosen: Vec<&str> = match (state.valid_value(), &item.kind) {
            (Some(Value::Choice(value)), ItemKind::Single(_)) => vec![value.as_str()],
            (Some(Value::Choices(values)), ItemKind::Multi(_)) => values.iter().map(String::as_str).collect(),
            (Some(_), _) => Vec::new(),
            (None, _) => {
                if state.applicability != super::Applicability::DoesNotApply {
                    complete = false;
                }
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
    let percent = if max_points == 0 {
        0
    } else {
        (points * 100).div_ceil(max_points)
    };
    let score_tier = match percent {
        0..=25 => Tier::Low,
        26..=50 => Tier::Medium,
        51..=75 => Tier::High,
        _ => Tier::VeryHigh,
    };
    let tier = floors.iter().map(|f| f.tier).fold(score_tier, Tier::max);
    Risk {
        tier,
        score_tier,
        points,
        max_points,
        percent,
        floors,
        complete,
    }
}

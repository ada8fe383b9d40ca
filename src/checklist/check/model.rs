//! Checks the risk model a checklist declares (`impact`, `legal`,
//! `residual`) into the domain model; a checklist that declares none gets
//! the defaults, one that extends another inherits the base's.

use foldhash::{HashMap, HashSet, HashSetExt};

use super::{Checker, ItemShape, check_condition, is_slug, parse_severity, references};
use crate::checklist::impact::{Floor, LevelBand};
use crate::checklist::raw::{RawImpact, RawObligations, RawRegime, RawResidual};
use crate::checklist::{
    Condition, ImpactLevel, ImpactModel, LegalClass, Obligations, Rating, Regime, ResidualModel, Section,
};
use crate::diagnostic::Rule;
use crate::yaml::Spanned;

pub(super) struct RawModel<'a> {
    pub(super) impact: Option<RawImpact>,
    pub(super) legal: Vec<RawRegime>,
    pub(super) residual: Option<RawResidual>,
    /// Where inherited parts are blamed when the extension removed an item they need.
    pub(super) extends: Option<&'a Spanned<String>>,
}

pub(super) struct Model {
    pub(super) impact: ImpactModel,
    pub(super) legal: Vec<Regime>,
    pub(super) residual: ResidualModel,
}

pub(super) fn check(c: &mut Checker, raw: RawModel<'_>, base: Option<Model>, sections: &[Section]) -> Model {
    let context: HashMap<String, ItemShape> = sections
        .iter()
        .filter(|s| s.is_context)
        .flat_map(|s| s.items.iter())
        .map(|item| (item.id.clone(), ItemShape::of(item)))
        .collect();
    let items: HashSet<&str> = sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.id.as_str()))
        .collect();
    let (base_impact, base_legal, base_residual) = match base {
        Some(base) => (Some(base.impact), Some(base.legal), Some(base.residual)),
        None => (None, None, None),
    };
    let impact = match (raw.impact, base_impact) {
        (Some(own), _) => impact(c, own, &context, &items),
        (None, Some(inherited)) => {
            if let Some(extends) = raw.extends {
                let conditions = inherited.floors.iter().map(|f| &f.when);
                let obligations = inherited.bands.iter().map(|b| &b.obligations);
                inherited_needs(c, extends, "impact", conditions, obligations, &items);
            }
            inherited
        }
        (None, None) => ImpactModel::default(),
    };
    let legal = match (raw.legal.is_empty(), base_legal) {
        (true, Some(inherited)) => {
            if let Some(extends) = raw.extends {
                let classes = inherited.iter().flat_map(|r| r.classes.iter());
                let conditions = classes.clone().filter_map(|class| class.when.as_ref());
                let obligations = classes.map(|class| &class.obligations);
                inherited_needs(c, extends, "legal", conditions, obligations, &items);
            }
            inherited
        }
        _ => legal(c, raw.legal, &context, &items),
    };
    let residual = match (raw.residual, base_residual) {
        (Some(own), _) => residual(c, &own),
        (None, Some(inherited)) => inherited,
        (None, None) => ResidualModel::default(),
    };
    Model {
        impact,
        legal,
        residual,
    }
}

fn level(c: &mut Checker, name: &Spanned<String>) -> Option<ImpactLevel> {
    let level = ImpactLevel::parse(&name.value);
    if level.is_none() {
        c.rule(
            Rule::UnknownTier,
            name,
            format!("unknown impact level `{}`; expected I, II, III or IV", name.value),
        );
    }
    level
}

fn impact(
    c: &mut Checker,
    mut raw: RawImpact,
    context: &HashMap<String, ItemShape>,
    items: &HashSet<&str>,
) -> ImpactModel {
    let mut bands: Vec<LevelBand> = Vec::new();
    for raw_band in std::mem::take(&mut raw.levels.value) {
        let Some(level) = level(c, &raw_band.level) else {
            continue;
        };
        let up_to = raw_band.up_to.value;
        if up_to > 100 || bands.last().is_some_and(|b| level <= b.level || up_to <= b.up_to) {
            c.at(
                &raw_band.up_to,
                "impact levels must rise: each a higher level with a higher `up_to`, at most 100",
            );
        }
        let obligations = obligations(c, raw_band.obligations, &format!("level {level:?}"), items);
        bands.push(LevelBand {
            level,
            up_to,
            title: raw_band.title.map(|t| t.value),
            obligations,
        });
    }
    if bands.last().is_none_or(|band| band.up_to != 100) {
        c.at(
            &raw.levels,
            "the last impact level must have `up_to: 100`, so every score has a level",
        );
    }
    let mut floors = Vec::new();
    for (index, raw_floor) in raw.floors.into_iter().enumerate() {
        let label = format!("impact floor {}", index + 1);
        let level = level(c, &raw_floor.level);
        let when = check_condition(c, &raw_floor.when, &label, context);
        if let (Some(level), Some(when)) = (level, when) {
            floors.push(Floor {
                level,
                when,
                because: raw_floor.because.value,
            });
        }
    }
    ImpactModel { bands, floors }
}

fn obligations(
    c: &mut Checker,
    raw: Option<RawObligations>,
    owner: &str,
    items: &HashSet<&str>,
) -> Obligations {
    let Some(raw) = raw else {
        return Obligations::default();
    };
    let blocking = raw.blocking.as_ref().and_then(|b| parse_severity(c, b));
    for id in &raw.items {
        if !items.contains(id.value.as_str()) {
            c.at(
                id,
                format!(
                    "the obligations of {owner} name item `{}`, which the checklist does not have",
                    id.value
                ),
            );
        }
    }
    Obligations {
        signoff: raw.signoff || !raw.signoff_roles.is_empty(),
        signoff_roles: raw
            .signoff_roles
            .iter()
            .map(|r| r.trim().to_lowercase())
            .collect(),
        blocking,
        items: raw.items.into_iter().map(|id| id.value).collect(),
    }
}

fn legal(
    c: &mut Checker,
    raw: Vec<RawRegime>,
    context: &HashMap<String, ItemShape>,
    items: &HashSet<&str>,
) -> Vec<Regime> {
    let mut regime_ids = HashSet::new();
    let mut regimes = Vec::new();
    for raw_regime in raw {
        let regime_id = raw_regime.regime.value.clone();
        slug(c, &raw_regime.regime, "regime");
        if !regime_ids.insert(regime_id.clone()) {
            c.rule(
                Rule::DuplicateId,
                &raw_regime.regime,
                format!("regime `{regime_id}` is declared twice"),
            );
        }
        let mut class_ids = HashSet::new();
        let mut classes = Vec::new();
        let mut fallbacks = 0;
        for raw_class in raw_regime.classes {
            let id = raw_class.class.value.clone();
            slug(c, &raw_class.class, "class");
            if !class_ids.insert(id.clone()) {
                c.rule(
                    Rule::DuplicateId,
                    &raw_class.class,
                    format!("class `{id}` appears twice in regime `{regime_id}`"),
                );
            }
            let label = format!("class `{regime_id}/{id}`");
            let when = if let Some(when) = &raw_class.when {
                check_condition(c, when, &label, context).map(Some)
            } else {
                fallbacks += 1;
                if fallbacks > 1 {
                    c.at(
                        &raw_class.class,
                        format!(
                            "regime `{regime_id}` has more than one class without `when`; only one can apply when no other does"
                        ),
                    );
                }
                Some(None)
            };
            let obligations = obligations(c, raw_class.obligations, &label, items);
            let Some(when) = when else { continue };
            classes.push(LegalClass {
                id,
                title: raw_class.title.value,
                when,
                exclusive: raw_class.exclusive,
                blocks: raw_class.blocks,
                explain: raw_class.explain.map(|e| e.value),
                references: references(raw_class.references),
                obligations,
            });
        }
        regimes.push(Regime {
            id: regime_id,
            title: raw_regime.title.value,
            classes,
        });
    }
    regimes
}

fn slug(c: &mut Checker, id: &Spanned<String>, what: &str) {
    if !is_slug(&id.value) {
        c.at(
            id,
            format!(
                "{what} id `{}` must use lowercase letters, digits and `-`",
                id.value
            ),
        );
    }
}

fn residual(c: &mut Checker, raw: &RawResidual) -> ResidualModel {
    let mut model = ResidualModel {
        ready_from: raw.ready_from.value,
        partly_from: raw.partly_from.value,
        ..ResidualModel::default()
    };
    if model.ready_from > 100 || model.partly_from >= model.ready_from {
        c.at(
            &raw.partly_from,
            "`partly_from` must be below `ready_from`, and both at most 100",
        );
    }
    let mut seen = HashSet::new();
    for row in &raw.ratings.value {
        let Some(level) = level(c, &row.level) else {
            continue;
        };
        if !seen.insert(level) {
            c.rule(
                Rule::DuplicateId,
                &row.level,
                format!("level {} has two residual rows", row.level.value),
            );
        }
        let mut rating = |name: &Spanned<String>| {
            Rating::parse(&name.value).unwrap_or_else(|| {
                c.at(
                    name,
                    format!(
                        "unknown rating `{}`; expected low, medium, high or critical",
                        name.value
                    ),
                );
                Rating::Critical
            })
        };
        model.ratings[level.index()] = [rating(&row.ready), rating(&row.partly), rating(&row.not_ready)];
    }
    if seen.len() != ImpactLevel::ALL.len() {
        c.at(&raw.ratings, "`ratings` needs one row for each level, I to IV");
    }
    model
}

/// An extension that removes an item the inherited model tests or requires
/// breaks that model: say so at `extends:`.
fn inherited_needs<'a>(
    c: &mut Checker,
    extends: &Spanned<String>,
    part: &str,
    conditions: impl Iterator<Item = &'a Condition>,
    obligations: impl Iterator<Item = &'a Obligations>,
    items: &HashSet<&str>,
) {
    let mut missing: Vec<&str> = conditions
        .flat_map(Condition::items)
        .chain(obligations.flat_map(|o| o.items.iter().map(String::as_str)))
        .filter(|id| !items.contains(id))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().map(|id| format!("`{id}`")).collect();
        c.rule(
            Rule::InvalidExtension,
            extends,
            format!(
                "the base checklist's `{part}` model needs {}, which this checklist removes; declare your own `{part}` or keep the item",
                shown.join(", ")
            ),
        );
    }
}

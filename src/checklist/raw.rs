//! The checklist file exactly as written: serde types that reject unknown
//! keys. They are the one description of the format: `check.rs` turns them
//! into the domain model, lint reads them for positions, `checklist show
//! --format yaml|json` writes them back out, and `etika schema checklist`
//! describes them for editors. Their doc comments are that schema's
//! descriptions, read by checklist authors in their editor.
//!
//! `Spanned<T>` is serde-saphyr's type, so it cannot carry a `JsonSchema`
//! impl of ours: each spanned field names its plain type with
//! `schemars(with)`, and the schema tests read every checklist we ship.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::Text;
use crate::yaml::Spanned;

/// A checklist for etika (see docs/checklist-format.md in etika's repository).
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Checklist", title = "etika checklist")]
pub(crate) struct RawChecklist {
    /// Lowercase letters, digits and `-`, e.g. `ai-ethics`.
    #[schemars(with = "String")]
    pub(crate) id: Spanned<String>,
    /// Semantic version `MAJOR.MINOR.PATCH`, as a string.
    #[schemars(with = "String")]
    pub(crate) version: Spanned<String>,
    #[schemars(with = "Text")]
    pub(crate) title: Spanned<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Text>")]
    pub(crate) description: Option<Spanned<Text>>,
    /// The checklist this one builds on: a built-in id (`ai-ethics`) or a
    /// path relative to this file, inside the same repository. Its sections
    /// and items come first; `sections`, `override` and `remove` change them.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub(crate) extends: Option<Spanned<String>>,
    /// Languages every text must carry (`etika checklist lint` checks); default `[en]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub(crate) languages: Vec<Spanned<String>>,
    /// Releases, newest first: `etika validate` uses them to find stale answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) changelog: Vec<RawRelease>,
    /// How much the system can harm people: levels I–IV from context points and floors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) impact: Option<RawImpact>,
    /// Legal regimes and the classes of each that context answers put the system in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) legal: Vec<RawRegime>,
    /// The residual rating (low to critical) from the impact level and readiness.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) residual: Option<RawResidual>,
    /// How long a sign-off holds when an assessment sets no `review_by`,
    /// e.g. `12 months`; past it, `etika validate` reports `review-due`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub(crate) review_every: Option<Spanned<String>>,
    /// At most one section has `context: true`, and it comes first. With
    /// `extends`: new sections, or (by the id of one of the base's
    /// sections) items added at the end of that section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) sections: Vec<RawSection>,
    /// With `extends`: changes to items of the base checklist.
    #[serde(rename = "override", default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) overrides: Vec<RawOverride>,
    /// With `extends`: ids of the base's items to leave out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub(crate) remove: Vec<Spanned<String>>,
}

/// A change to an item of the checklist this one extends: each field given
/// replaces the base's.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Override")]
pub(crate) struct RawOverride {
    /// The id of an item of the base checklist.
    #[schemars(with = "String")]
    pub(crate) item: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::schema::SeverityName>")]
    pub(crate) severity: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Text>")]
    pub(crate) help: Option<Spanned<Text>>,
    /// The item's condition instead of the base's.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<RawCondition>")]
    pub(crate) when: Option<Spanned<RawCondition>>,
    /// What an answer must carry instead of the base's (`[]` for nothing).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<crate::schema::Requirement>>")]
    pub(crate) requires: Option<Vec<Spanned<String>>>,
}

/// The impact level (I–IV, after Canada's Algorithmic Impact Assessment):
/// context points as a share of the maximum, banded by `levels`, raised by
/// `floors`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Impact")]
pub(crate) struct RawImpact {
    /// Each band takes scores up to its share of the maximum (in percent),
    /// in ascending order, the last at 100.
    #[schemars(with = "Vec<RawLevel>")]
    pub(crate) levels: Spanned<Vec<RawLevel>>,
    /// Answers that set a minimum level whatever the points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) floors: Vec<RawFloor>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Level")]
pub(crate) struct RawLevel {
    #[schemars(with = "crate::schema::LevelName")]
    pub(crate) level: Spanned<String>,
    /// Percent of the maximum context points, at most 100.
    #[schemars(with = "u32")]
    pub(crate) up_to: Spanned<u32>,
    /// What the level means, e.g. "High impact".
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Text>")]
    pub(crate) title: Option<Spanned<Text>>,
    /// What a system at this level must have before `etika validate` passes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) obligations: Option<RawObligations>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Floor")]
pub(crate) struct RawFloor {
    /// The lowest level the system can have when `when` holds.
    #[schemars(with = "crate::schema::LevelName")]
    pub(crate) level: Spanned<String>,
    /// A condition on context answers, as an item's `when`.
    #[schemars(with = "RawCondition")]
    pub(crate) when: Spanned<RawCondition>,
    /// Why, as the report says it.
    #[schemars(with = "Text")]
    pub(crate) because: Spanned<Text>,
}

/// What a level or a legal class demands of the assessment.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Obligations")]
pub(crate) struct RawObligations {
    /// A sign-off with a role is required: `missing-signoff` is an error.
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) signoff: bool,
    /// The roles that may sign (compared without case); empty: any named role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) signoff_roles: Vec<String>,
    /// Gaps (adverse or `unknown` answers) of this severity and above are
    /// `blocking-gap` errors, even with an action planned.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::schema::SeverityName>")]
    pub(crate) blocking: Option<Spanned<String>>,
    /// Items that must be answered, and not `n/a`, whatever their `when`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub(crate) items: Vec<Spanned<String>>,
}

/// A legal regime, e.g. the EU AI Act, and the classes it sorts systems into.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Regime")]
pub(crate) struct RawRegime {
    /// Lowercase letters, digits and `-`, e.g. `eu-ai-act`.
    #[schemars(with = "String")]
    pub(crate) regime: Spanned<String>,
    #[schemars(with = "Text")]
    pub(crate) title: Spanned<Text>,
    /// Tried in order; every class whose `when` holds applies, until an
    /// `exclusive` one does.
    pub(crate) classes: Vec<RawClass>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Class")]
pub(crate) struct RawClass {
    /// Lowercase letters, digits and `-`, unique in its regime, e.g. `high-risk`.
    #[schemars(with = "String")]
    pub(crate) class: Spanned<String>,
    #[schemars(with = "Text")]
    pub(crate) title: Spanned<Text>,
    /// A condition on context answers; without one, the class applies when
    /// no other class of the regime does.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<RawCondition>")]
    pub(crate) when: Option<Spanned<RawCondition>>,
    /// When it applies, the classes after it are not tried.
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) exclusive: bool,
    /// While it applies, `etika validate` fails (`prohibited-practice`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) blocks: bool,
    /// What the class means for the team, and its caveats.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Text>")]
    pub(crate) explain: Option<Spanned<Text>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) references: Vec<RawReference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) obligations: Option<RawObligations>,
}

/// The residual rating: how much risk is left, from the impact level and
/// readiness banded as ready (from `ready_from` %), partly ready (from
/// `partly_from` %) and not ready.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Residual")]
pub(crate) struct RawResidual {
    #[schemars(with = "u32")]
    pub(crate) ready_from: Spanned<u32>,
    #[schemars(with = "u32")]
    pub(crate) partly_from: Spanned<u32>,
    /// One row per level, I to IV.
    #[schemars(with = "Vec<RawResidualRow>")]
    pub(crate) ratings: Spanned<Vec<RawResidualRow>>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ResidualRow")]
pub(crate) struct RawResidualRow {
    #[schemars(with = "crate::schema::LevelName")]
    pub(crate) level: Spanned<String>,
    #[schemars(with = "crate::schema::RatingName")]
    pub(crate) ready: Spanned<String>,
    #[schemars(with = "crate::schema::RatingName")]
    pub(crate) partly: Spanned<String>,
    #[schemars(with = "crate::schema::RatingName")]
    pub(crate) not_ready: Spanned<String>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Release")]
pub(crate) struct RawRelease {
    #[schemars(with = "String")]
    pub(crate) version: Spanned<String>,
    /// YYYY-MM-DD.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub(crate) date: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) notes: Option<Text>,
    /// Items whose meaning changed: earlier answers to them must be reviewed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub(crate) changed: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub(crate) added: Vec<Spanned<String>>,
    /// An id is never reused for a different question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub(crate) removed: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Section")]
pub(crate) struct RawSection {
    /// Lowercase letters, digits and `-`.
    #[schemars(with = "String")]
    pub(crate) id: Spanned<String>,
    /// Required, but for a section of the base checklist that this one adds items to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Text>")]
    pub(crate) title: Option<Spanned<Text>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Text>")]
    pub(crate) description: Option<Spanned<Text>>,
    /// The context section: asked first; its answers decide which items apply, the impact level and the legal classes.
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) context: bool,
    pub(crate) items: Vec<RawItem>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Item")]
pub(crate) struct RawItem {
    /// `SECTION.slug`, e.g. `bias.training-data`; unique, never reused for another question.
    #[schemars(with = "String")]
    pub(crate) id: Spanned<String>,
    /// One to four words, for tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Text>")]
    pub(crate) summary: Option<Spanned<Text>>,
    #[schemars(with = "Text")]
    pub(crate) question: Spanned<Text>,
    /// Why it matters and what good evidence looks like.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Text>")]
    pub(crate) help: Option<Spanned<Text>>,
    #[serde(rename = "type")]
    #[schemars(with = "crate::schema::ItemType")]
    pub(crate) kind: Spanned<String>,
    /// For `single` and `multi` items: at least two.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) options: Option<Vec<RawOption>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) scale: Option<RawScale>,
    /// `scale` items: answers at or below this number (1 to 4) are adverse.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<u8>")]
    pub(crate) adverse_at_most: Option<Spanned<u8>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::schema::SeverityName>")]
    pub(crate) severity: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<crate::schema::Requirement>")]
    pub(crate) requires: Vec<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<RawCondition>")]
    pub(crate) when: Option<Spanned<RawCondition>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) references: Vec<RawReference>,
    /// Public cases of real harm or good practice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) examples: Vec<RawExample>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "AnswerOption")]
pub(crate) struct RawOption {
    /// Lowercase letters, digits and `-`; never `unknown` or `n/a`.
    #[schemars(with = "String")]
    pub(crate) value: Spanned<String>,
    #[schemars(with = "Text")]
    pub(crate) label: Spanned<Text>,
    /// Context items only: impact points (0 to 100) toward the impact level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) risk: Option<u32>,
    /// Non-context items: choosing it is an adverse answer, which needs an action.
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) adverse: bool,
    /// `multi` items: cannot be chosen together with other options.
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) exclusive: bool,
}

/// What 1 and 5 mean on a `scale` item.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Scale")]
pub(crate) struct RawScale {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Text>")]
    pub(crate) low: Option<Spanned<Text>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Text>")]
    pub(crate) high: Option<Spanned<Text>>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Reference")]
pub(crate) struct RawReference {
    pub(crate) framework: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) clause: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub(crate) url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Example")]
pub(crate) struct RawExample {
    #[schemars(with = "Text")]
    pub(crate) text: Spanned<Text>,
    #[schemars(with = "String")]
    pub(crate) url: Spanned<String>,
}

/// A condition on earlier answers: exactly one of `all`, `any`, `not`, or
/// `item` with one of `equals`, `in`, `not_in`, `includes`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Condition")]
pub(crate) struct RawCondition {
    /// True when every condition in the list is.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<RawCondition>>")]
    pub(crate) all: Option<Vec<Spanned<RawCondition>>>,
    /// True when any condition in the list is.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<RawCondition>>")]
    pub(crate) any: Option<Vec<Spanned<RawCondition>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<RawCondition>")]
    pub(crate) not: Option<Box<Spanned<RawCondition>>>,
    /// The id of an earlier item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) equals: Option<String>,
    #[serde(rename = "in")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) in_: Option<Vec<String>>,
    /// Answered with a value not in the list (not `unknown` or `n/a`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) not_in: Option<Vec<String>>,
    /// A `multi` item's answer contains this option.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) includes: Option<String>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(value: &bool) -> bool {
    !value
}

//! The checklist file exactly as written: serde types that reject unknown keys.
//! `check.rs` turns them into the domain model; nothing else reads them.

use serde::Deserialize;

use crate::text::Text;
use crate::yaml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChecklist {
    pub(crate) id: Spanned<String>,
    pub(crate) version: Spanned<String>,
    pub(crate) title: Spanned<Text>,
    pub(crate) description: Option<Spanned<Text>>,
    #[serde(default)]
    pub(crate) languages: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) changelog: Vec<RawRelease>,
    pub(crate) risk: Option<RawRisk>,
    pub(crate) sections: Vec<RawSection>,
}

/// How context points become a tier: each band takes scores up to its
/// share of the maximum (in percent), in ascending order, the last at 100.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRisk {
    pub(crate) tiers: Spanned<Vec<RawTierBand>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTierBand {
    pub(crate) tier: Spanned<String>,
    pub(crate) up_to: Spanned<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRelease {
    pub(crate) version: Spanned<String>,
    pub(crate) date: Option<Spanned<String>>,
    pub(crate) notes: Option<Text>,
    #[serde(default)]
    pub(crate) changed: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) added: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) removed: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSection {
    pub(crate) id: Spanned<String>,
    pub(crate) title: Spanned<Text>,
    pub(crate) description: Option<Spanned<Text>>,
    #[serde(default)]
    pub(crate) context: bool,
    pub(crate) items: Vec<RawItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawItem {
    pub(crate) id: Spanned<String>,
    pub(crate) summary: Option<Spanned<Text>>,
    pub(crate) question: Spanned<Text>,
    pub(crate) help: Option<Spanned<Text>>,
    #[serde(rename = "type")]
    pub(crate) kind: Spanned<String>,
    pub(crate) options: Option<Vec<RawOption>>,
    pub(crate) scale: Option<RawScale>,
    pub(crate) adverse_at_most: Option<Spanned<u8>>,
    pub(crate) severity: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) requires: Vec<Spanned<String>>,
    pub(crate) when: Option<Spanned<RawCondition>>,
    #[serde(default)]
    pub(crate) references: Vec<RawReference>,
    #[serde(default)]
    pub(crate) examples: Vec<RawExample>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOption {
    pub(crate) value: Spanned<String>,
    pub(crate) label: Spanned<Text>,
    pub(crate) risk: Option<u32>,
    pub(crate) floor: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) adverse: bool,
    #[serde(default)]
    pub(crate) exclusive: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScale {
    pub(crate) low: Option<Spanned<Text>>,
    pub(crate) high: Option<Spanned<Text>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReference {
    pub(crate) framework: String,
    pub(crate) clause: Option<String>,
    pub(crate) url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawExample {
    pub(crate) text: Spanned<Text>,
    pub(crate) url: Spanned<String>,
}

/// One node of a `when:` condition. Exactly one of the forms must be used;
/// `check.rs` says which combination is wrong.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCondition {
    pub(crate) all: Option<Vec<Spanned<RawCondition>>>,
    pub(crate) any: Option<Vec<Spanned<RawCondition>>>,
    pub(crate) not: Option<Box<Spanned<RawCondition>>>,
    pub(crate) item: Option<String>,
    pub(crate) equals: Option<String>,
    #[serde(rename = "in")]
    pub(crate) in_: Option<Vec<String>>,
    pub(crate) not_in: Option<Vec<String>>,
    pub(crate) includes: Option<String>,
}

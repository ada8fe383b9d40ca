//! The checklist file exactly as written: serde types that reject unknown
//! keys. They are the one description of the format: `check.rs` turns them
//! into the domain model, lint reads them for positions, and `checklist
//! show --format yaml|json` writes them back out.

use serde::{Deserialize, Serialize};

use crate::text::Text;
use crate::yaml::Spanned;

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChecklist {
    pub(crate) id: Spanned<String>,
    pub(crate) version: Spanned<String>,
    pub(crate) title: Spanned<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<Spanned<Text>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) languages: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) changelog: Vec<RawRelease>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) risk: Option<RawRisk>,
    pub(crate) sections: Vec<RawSection>,
}

/// How context points become a tier: each band takes scores up to its
/// share of the maximum (in percent), in ascending order, the last at 100.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRisk {
    pub(crate) tiers: Spanned<Vec<RawTierBand>>,
    /// From this tier up, `etika validate` fails until the assessment is signed off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) signoff_from: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTierBand {
    pub(crate) tier: Spanned<String>,
    pub(crate) up_to: Spanned<u32>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRelease {
    pub(crate) version: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) date: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) notes: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) changed: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) added: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) removed: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSection {
    pub(crate) id: Spanned<String>,
    pub(crate) title: Spanned<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<Spanned<Text>>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) context: bool,
    pub(crate) items: Vec<RawItem>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawItem {
    pub(crate) id: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) summary: Option<Spanned<Text>>,
    pub(crate) question: Spanned<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) help: Option<Spanned<Text>>,
    #[serde(rename = "type")]
    pub(crate) kind: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) options: Option<Vec<RawOption>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) scale: Option<RawScale>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) adverse_at_most: Option<Spanned<u8>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) severity: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) requires: Vec<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) when: Option<Spanned<RawCondition>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) references: Vec<RawReference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) examples: Vec<RawExample>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOption {
    pub(crate) value: Spanned<String>,
    pub(crate) label: Spanned<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) risk: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) floor: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) adverse: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) exclusive: bool,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScale {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) low: Option<Spanned<Text>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) high: Option<Spanned<Text>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReference {
    pub(crate) framework: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) clause: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawExample {
    pub(crate) text: Spanned<Text>,
    pub(crate) url: Spanned<String>,
}

/// One node of a `when:` condition. Exactly one of the forms must be used;
/// `check.rs` says which combination is wrong.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCondition {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) all: Option<Vec<Spanned<RawCondition>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) any: Option<Vec<Spanned<RawCondition>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) not: Option<Box<Spanned<RawCondition>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) equals: Option<String>,
    #[serde(rename = "in")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) in_: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) not_in: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) includes: Option<String>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(value: &bool) -> bool {
    !value
}

//! The checklist file exactly as written: serde types that reject unknown keys.
//! `check.rs` turns them into the domain model; nothing else reads them.

use serde::Deserialize;

use crate::text::Text;
use crate::yaml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChecklist {
    pub id: Spanned<String>,
    pub version: Spanned<String>,
    pub title: Text,
    pub description: Option<Text>,
    #[serde(default)]
    pub languages: Vec<Spanned<String>>,
    #[serde(default)]
    pub changelog: Vec<RawRelease>,
    pub sections: Vec<RawSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRelease {
    pub version: Spanned<String>,
    pub date: Option<Spanned<String>>,
    pub notes: Option<Text>,
    #[serde(default)]
    pub changed: Vec<Spanned<String>>,
    #[serde(default)]
    pub added: Vec<Spanned<String>>,
    #[serde(default)]
    pub removed: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: Spanned<String>,
    pub title: Text,
    pub description: Option<Text>,
    #[serde(default)]
    pub context: bool,
    pub items: Vec<RawItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub id: Spanned<String>,
    pub summary: Option<Text>,
    pub question: Text,
    pub help: Option<Text>,
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    pub options: Option<Vec<RawOption>>,
    pub scale: Option<RawScale>,
    pub adverse_at_most: Option<Spanned<u8>>,
    pub severity: Option<Spanned<String>>,
    #[serde(default)]
    pub requires: Vec<Spanned<String>>,
    pub when: Option<Spanned<RawCondition>>,
    #[serde(default)]
    pub references: Vec<RawReference>,
    #[serde(default)]
    pub examples: Vec<RawExample>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub value: Spanned<String>,
    pub label: Text,
    pub risk: Option<u32>,
    pub floor: Option<Spanned<String>>,
    #[serde(default)]
    pub adverse: bool,
    #[serde(default)]
    pub exclusive: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    pub low: Option<Text>,
    pub high: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReference {
    pub framework: String,
    pub clause: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    pub text: Text,
    pub url: String,
}

/// One node of a `when:` condition. Exactly one of the forms must be used;
/// `check.rs` says which combination is wrong.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    pub all: Option<Vec<Spanned<RawCondition>>>,
    pub any: Option<Vec<Spanned<RawCondition>>>,
    pub not: Option<Box<Spanned<RawCondition>>>,
    pub item: Option<String>,
    pub equals: Option<String>,
    #[serde(rename = "in")]
    pub in_: Option<Vec<String>>,
    pub not_in: Option<Vec<String>>,
    pub includes: Option<String>,
}

//! JSON Schemas of the checklist and assessment files, for editors (VS
//! Code's YAML extension and other yaml-language-server clients): generated
//! from the serde types that read the files, so the format has one
//! description. The derives stay on those types; this module holds the
//! hand-written schemas of the types serde reads by hand.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::assessment::{FORMAT_VERSION, Flow, KeyedAnswers, RawAnswer, RawAssessment, SCHEMA_FILE};
use crate::checklist::raw::RawChecklist;
use crate::checklist::{ImpactLevel, ItemKind, Rating, Severity};
use crate::cli::SchemaKind;
use crate::error::Result;
use crate::fsutil::{self, Existing};
use crate::text::Text;
use crate::value::RawValue;

/// The schema of one file kind, as pretty JSON ending in a newline.
pub(crate) fn render(kind: SchemaKind) -> Result<String> {
    // Draft 7: yaml-language-server reads "JSON Schema 7 and below".
    let generator = SchemaSettings::draft07()
        .with_transform(RecursiveTransform(no_null_default as fn(&mut Schema)))
        .into_generator();
    let schema = match kind {
        SchemaKind::Checklist => generator.into_root_schema_for::<RawChecklist>(),
        SchemaKind::Assessment => generator.into_root_schema_for::<RawAssessment>(),
    };
    Ok(serde_json::to_string_pretty(&schema)? + "\n")
}

/// `answers:` reads as no answers when empty, which schemars says as
/// `default: null`; an editor would offer to write that `null`.
fn no_null_default(schema: &mut Schema) {
    if schema.get("default").is_some_and(serde_json::Value::is_null) {
        schema.remove("default");
    }
}

/// Where the schema of the assessment at `assessment` goes: the path its
/// header's modeline names, resolved as editors do, from the file's folder.
pub(crate) fn beside(assessment: &Path) -> PathBuf {
    assessment.parent().unwrap_or(Path::new("")).join(SCHEMA_FILE)
}

/// Writes the assessment schema beside a new assessment, so the editor
/// finds what its modeline names; an up-to-date copy is left untouched.
pub(crate) fn write_beside(assessment: &Path) -> Result<()> {
    let path = beside(assessment);
    let json = render(SchemaKind::Assessment)?;
    if fsutil::read_text(&path).is_ok_and(|text| text == json) {
        return Ok(());
    }
    crate::confine::output_file(&path)?;
    fsutil::write_atomic(&path, json.as_bytes(), Existing::Replace)
}

/// `Flow` changes how a value is written, not what it is.
impl<T: JsonSchema> JsonSchema for Flow<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

impl JsonSchema for KeyedAnswers {
    fn schema_name() -> Cow<'static, str> {
        "Answers".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Item id (e.g. `bias.training-data`) → its answer.",
            "type": "object",
            "additionalProperties": generator.subschema_for::<RawAnswer>(),
        })
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A text: a string (English), or a map of language code to string, with `en` always present (e.g. {en: ..., id: ...}). `from` records, per translation, the fingerprint of the English text it was made from (e.g. from: {id: 1a2b3c4d}); `etika checklist lint` warns when English has changed since.",
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "propertyNames": {"pattern": "^([a-z]{2,3}|from)$"},
                    "properties": {
                        "from": {
                            "description": "Translated language → the fingerprint (8 hex digits) of the English text it was made from, as `etika checklist lint` reports it.",
                            "type": "object",
                            "propertyNames": {"pattern": "^[a-z]{2,3}$", "not": {"const": "en"}},
                            // etika reads `12345678` or `1234e567` as written; an editor reads a number.
                            "additionalProperties": {"type": ["string", "number"], "pattern": "^[0-9a-fA-F]{8}$"},
                        },
                    },
                    "additionalProperties": {"type": "string"},
                    "required": ["en"],
                },
            ],
        })
    }
}

/// Every value the file reads: which fits an item is `etika validate`'s
/// business (a boolean is text to a text item; an empty value is reported).
impl JsonSchema for RawValue {
    fn schema_name() -> Cow<'static, str> {
        "Value".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The answer: \"yes\", \"partial\" or \"no\"; an option value; a list of option values ([a, b]); a number from 1 to 5; or text. `unknown` or `n/a` answer any item, with a rationale.",
            "type": ["string", "number", "boolean", "array", "null"],
            "items": {"type": "string"},
        })
    }
}

/// `etika: 1`: the only file-format version this etika reads.
pub(crate) struct FormatVersion;

impl JsonSchema for FormatVersion {
    fn schema_name() -> Cow<'static, str> {
        "FormatVersion".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "integer", "const": FORMAT_VERSION})
    }
}

/// `evidence:` takes one path or URL, or a list of them.
pub(crate) struct OneOrMany;

impl JsonSchema for OneOrMany {
    fn schema_name() -> Cow<'static, str> {
        "OneOrMany".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}},
            ],
        })
    }
}

/// A string field with fixed words: the file holds a string (so a wrong word
/// gets a located message from the checks), the editor offers the words.
fn words(description: &str, words: &[&str]) -> Schema {
    json_schema!({
        "description": description,
        "type": "string",
        "enum": words,
    })
}

/// An item's `type:`.
pub(crate) struct ItemType;

impl JsonSchema for ItemType {
    fn schema_name() -> Cow<'static, str> {
        "ItemType".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let kinds = [
            ItemKind::YesNo,
            ItemKind::Single(Vec::new()),
            ItemKind::Multi(Vec::new()),
            ItemKind::Text,
            ItemKind::Scale {
                low: None,
                high: None,
                adverse_at_most: None,
            },
        ];
        let names: Vec<&str> = kinds.iter().map(ItemKind::name).collect();
        words(
            "What the answer is: yes/partial/no, one option, options, text, or a number from 1 to 5.",
            &names,
        )
    }
}

pub(crate) struct SeverityName;

impl JsonSchema for SeverityName {
    fn schema_name() -> Cow<'static, str> {
        "Severity".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = Severity::ALL.iter().map(|s| s.as_str()).collect();
        words(
            "How bad an adverse answer is; needed by non-context items that can be answered adversely.",
            &names,
        )
    }
}

pub(crate) struct LevelName;

impl JsonSchema for LevelName {
    fn schema_name() -> Cow<'static, str> {
        "ImpactLevel".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = ImpactLevel::ALL.iter().map(|l| l.as_str()).collect();
        words("An impact level, I (lowest) to IV.", &names)
    }
}

pub(crate) struct RatingName;

impl JsonSchema for RatingName {
    fn schema_name() -> Cow<'static, str> {
        "Rating".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = Rating::ALL.iter().map(|r| r.as_str()).collect();
        words("A residual rating.", &names)
    }
}

/// An entry of `requires:`.
pub(crate) struct Requirement;

impl JsonSchema for Requirement {
    fn schema_name() -> Cow<'static, str> {
        "Requirement".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        words(
            "What every answer needs: `rationale`, or `evidence` (for answers that are not adverse, unknown or n/a).",
            &["evidence", "rationale"],
        )
    }
}

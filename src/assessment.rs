//! The assessment file: a team's answers, bound to one checklist version.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Result;
use schemars::JsonSchema;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::checklist::{Checklist, Origin};
use crate::diagnostic::Span;
use crate::fingerprint::Asked;
use crate::fsutil::folder_of;
use crate::value::RawValue;
use crate::yaml::{self, FlowMap, Location, Spanned};

/// The file-format version this etika reads and writes (`etika: 1`).
pub(crate) const FORMAT_VERSION: u32 = 1;
/// The comment etika writes at the top of every assessment file, followed
/// by the modeline that points editors at [`SCHEMA_FILE`]: two lines, so
/// answers keep their line numbers.
const HEADER: &str = "# AI-ethics assessment, recorded with etika: edit with `etika assess` / `etika answer` or by hand; check with `etika validate`.\n";

/// Where `init` and `assess` write the assessment schema, relative to the
/// assessment's folder: yaml-language-server resolves a relative
/// `$schema=` path against the folder of the YAML file.
pub(crate) const SCHEMA_FILE: &str = ".etika/assessment.schema.json";

/// The file `init` and `assess` use when none is named.
pub(crate) const DEFAULT_FILE: &str = "ethics-assessment.yaml";

/// Which checklist an assessment answers (serialized in validate's JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct ChecklistRef {
    pub(crate) id: String,
    pub(crate) version: String,
    /// For a checklist file: its path, relative to the assessment file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) path: Option<String>,
    /// The checklists it extends and their versions, the nearest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) extends: Vec<BaseRef>,
}

/// A checklist another one extends, as an assessment records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "BaseRef")]
pub(crate) struct BaseRef {
    pub(crate) id: String,
    /// The version answered; a newer one makes the answers to its changed items stale.
    pub(crate) version: String,
}

impl ChecklistRef {
    /// The version recorded for `id`: the checklist's own, or one it extends.
    pub(crate) fn version_of(&self, id: &str) -> Option<&str> {
        if id == self.id {
            return Some(&self.version);
        }
        self.extends
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.version.as_str())
    }

    /// Records `checklist`'s version and those of the checklists it extends.
    pub(crate) fn move_to(&mut self, checklist: &Checklist) {
        self.version.clone_from(&checklist.version);
        self.extends = base_refs(checklist);
    }
}

/// What an assessment records of the checklists `checklist` extends.
pub(crate) fn base_refs(checklist: &Checklist) -> Vec<BaseRef> {
    checklist
        .bases
        .iter()
        .map(|b| BaseRef {
            id: b.id.clone(),
            version: b.version.clone(),
        })
        .collect()
}

/// The AI system under assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct System {
    pub(crate) name: String,
    /// The team or person who owns the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<String>,
}

/// A sign-off (serialized for report templates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Signoff {
    pub(crate) name: String,
    pub(crate) role: Option<String>,
    pub(crate) date: Option<String>,
    /// The git commit the repository was at when signed, if in one.
    pub(crate) commit: Option<String>,
    /// SHA-256 digest of each watched path, as signed.
    pub(crate) digests: BTreeMap<String, String>,
    /// SHA-256 of the answers signed (`etika sign`): a change since unsigns.
    pub(crate) answers_digest: Option<String>,
}

/// A follow-up for an adverse answer: what will be done, by whom, by when.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Action {
    pub(crate) text: Option<String>,
    pub(crate) owner: Option<String>,
    pub(crate) due: Option<String>,
}

impl Action {
    /// Due before `today` (an unreadable date is never overdue; validation reports it).
    pub(crate) fn is_overdue(&self, today: crate::date::Date) -> bool {
        self.due
            .as_deref()
            .and_then(crate::date::Date::parse)
            .is_some_and(|due| due < today)
    }
}

/// Where the parts of an answer stand in the file, for diagnostics; `None`
/// for an answer that was never read from a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AnswerSpans {
    /// The item id, as the key of the answer.
    pub(crate) key: Option<Span>,
    pub(crate) value: Option<Span>,
    pub(crate) action: Option<Span>,
    pub(crate) due: Option<Span>,
    pub(crate) at: Option<Span>,
    /// Each evidence entry, in order (a single `evidence: x` has the value's span).
    pub(crate) evidence: Vec<Option<Span>>,
}

/// Where file-level parts stand, for diagnostics.
#[derive(Debug, Clone, Default)]
pub(crate) struct FileSpans {
    /// The `answers:` key: where a missing answer belongs.
    pub(crate) answers: Option<Span>,
    /// `checklist.version`: what a version change asks to update.
    pub(crate) checklist_version: Option<Span>,
    /// The `date` of each sign-off entry.
    pub(crate) signoff_dates: Vec<Option<Span>>,
    /// The `signoff:` key: where a missing sign-off belongs.
    pub(crate) signoff: Option<Span>,
    /// Each entry of `watch:`.
    pub(crate) watch: Vec<Option<Span>>,
    /// The value of `review_by:`.
    pub(crate) review_by: Option<Span>,
}

/// One answer, as the rest of etika sees it; `RawAnswer` is how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer {
    pub(crate) value: RawValue,
    pub(crate) rationale: Option<String>,
    pub(crate) evidence: Vec<String>,
    pub(crate) action: Option<Action>,
    pub(crate) by: Option<String>,
    pub(crate) at: Option<String>,
    /// What the item asked when this answer was given; `None` in files
    /// written before etika recorded it.
    pub(crate) asked: Option<Asked>,
    pub(crate) spans: AnswerSpans,
}

impl Answer {
    /// The same answer, whoever gave it and when (and against which wording).
    pub(crate) fn same_answer(&self, other: &Answer) -> bool {
        Answer {
            by: other.by.clone(),
            at: other.at.clone(),
            asked: other.asked.clone(),
            spans: other.spans.clone(),
            ..self.clone()
        } == *other
    }

    /// One line for a person choosing between answers: the value, who and
    /// when, and the rationale's start.
    pub(crate) fn summary(&self) -> String {
        let mut line = format!("`{}`", self.value);
        match (&self.by, &self.at) {
            (Some(by), Some(at)) => line.push_str(&format!(" ({by}, {at})")),
            (Some(by), None) => line.push_str(&format!(" ({by})")),
            (None, Some(at)) => line.push_str(&format!(" ({at})")),
            (None, None) => {}
        }
        let short = |text: &str| {
            let cut: String = text.chars().take(80).collect();
            let more = if cut.len() < text.len() { "…" } else { "" };
            format!("{cut}{more}")
        };
        if let Some(rationale) = &self.rationale {
            line.push_str(&format!(": {}", short(rationale)));
        }
        // Two answers that differ only here must not look the same.
        if let Some(action) = self.action.as_ref().and_then(|a| a.text.as_deref()) {
            line.push_str(&format!(" · action: {}", short(action)));
        }
        if !self.evidence.is_empty() {
            line.push_str(&format!(" · evidence: {}", self.evidence.join(", ")));
        }
        crate::text::escape_controls(&line).into_owned()
    }

    /// The same answer, wherever it stands in the file.
    pub(crate) fn same_content(&self, other: &Answer) -> bool {
        Answer {
            spans: other.spans.clone(),
            ..self.clone()
        } == *other
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Assessment {
    pub(crate) checklist: ChecklistRef,
    pub(crate) system: System,
    pub(crate) answers: BTreeMap<String, Answer>,
    pub(crate) signoff: Vec<Signoff>,
    /// Paths and globs that make up the system, relative to the assessment.
    pub(crate) watch: Vec<String>,
    /// The date by which the assessment must be reviewed again.
    pub(crate) review_by: Option<String>,
    pub(crate) spans: FileSpans,
    /// The file has comments of its own, which a rewrite does not keep.
    pub(crate) has_comments: bool,
}

// The file format, read and written through the same types: etika reads
// them with their spans and writes them from the domain model, and
// `etika schema assessment` describes them for editors (doc comments are
// the descriptions a user sees; spanned fields name their plain type with
// `schemars(with)`, since `Spanned` is serde-saphyr's type).

/// An AI-ethics assessment recorded with etika: a team's answers to one checklist version.
#[derive(Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Assessment", title = "etika assessment")]
pub(crate) struct RawAssessment {
    /// The file-format version.
    #[schemars(with = "crate::schema::FormatVersion")]
    etika: Spanned<u32>,
    checklist: Flow<RawChecklistRef>,
    system: System,
    /// Files, folders and globs (relative to this file) that make up the
    /// system; `etika sign` records their digests, and `etika validate`
    /// reports `system-changed` when one differs since.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    watch: Vec<Spanned<String>>,
    /// Review the assessment again by this date (YYYY-MM-DD); past it,
    /// `etika validate` reports `review-due`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    review_by: Option<Spanned<String>>,
    /// The answers, keyed by item id (`etika checklist show ai-ethics` lists the items).
    #[serde(default)]
    answers: Option<KeyedAnswers>,
    /// Who signed the assessment off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<RawSignoff>")]
    signoff: Vec<SignoffEntry>,
}

/// The checklist, and the version of it, the answers are given against.
#[derive(Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ChecklistRef")]
struct RawChecklistRef {
    /// A built-in checklist id (e.g. `ai-ethics`) or the id of the checklist at `path`.
    id: String,
    /// The checklist version answered; `etika validate` reports answers made stale by a newer one.
    #[schemars(with = "String")]
    version: Spanned<String>,
    /// For a checklist file: its path, relative to the assessment file.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    /// For a checklist that extends others (`extends:`): their ids and the
    /// versions answered, so that their updates reach the assessment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    extends: Vec<BaseRef>,
}

#[derive(Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Signoff")]
struct RawSignoff {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    /// YYYY-MM-DD.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    date: Option<Spanned<String>>,
    /// The git commit signed (written by `etika sign`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    commit: Option<String>,
    /// SHA-256 of the answers as signed (written by `etika sign`): any
    /// change to an answer since makes the sign-off not hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answers_digest: Option<String>,
    /// SHA-256 of each watched path as signed (written by `etika sign`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    digests: BTreeMap<String, String>,
}

/// A sign-off: one line (`{name, role, date}`) while it is short; in block
/// style once `etika sign` adds a commit and digests, which no one reads on
/// one line.
pub(crate) struct SignoffEntry(RawSignoff);

impl<'de> Deserialize<'de> for SignoffEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<SignoffEntry, D::Error> {
        RawSignoff::deserialize(deserializer).map(SignoffEntry)
    }
}

impl Serialize for SignoffEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.commit.is_none() && self.0.digests.is_empty() && self.0.answers_digest.is_none() {
            FlowMap(&self.0).serialize(serializer)
        } else {
            self.0.serialize(serializer)
        }
    }
}

/// A value written in flow style (`{id: x, version: "1.0.0"}`) and read in
/// any style: short records stay one line in diffs.
pub(crate) struct Flow<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Flow<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Flow<T>, D::Error> {
        T::deserialize(deserializer).map(Flow)
    }
}

impl<T: Serialize> Serialize for Flow<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        FlowMap(&self.0).serialize(serializer)
    }
}

/// A value read from no file: it has no place to point at.
fn unplaced<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN)
}

/// The answers in file order, each with the span of its item id.
pub(crate) struct KeyedAnswers(Vec<(Spanned<String>, RawAnswer)>);

impl Serialize for KeyedAnswers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, answer) in &self.0 {
            map.serialize_entry(&id.value, answer)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for KeyedAnswers {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<KeyedAnswers, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = KeyedAnswers;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of item ids to answers")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<KeyedAnswers, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<Spanned<String>, RawAnswer>()? {
                    entries.push(entry);
                }
                Ok(KeyedAnswers(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// The answer to one item.
#[derive(Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Answer")]
pub(crate) struct RawAnswer {
    #[schemars(with = "RawValue")]
    value: Spanned<RawValue>,
    /// Why this answer; `unknown` and `n/a` always need one.
    #[serde(skip_serializing_if = "Option::is_none")]
    rationale: Option<String>,
    /// Documents (paths or URLs) that back the answer: one, or a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::schema::OneOrMany>")]
    evidence: Option<Spanned<Evidence>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<RawAction>")]
    action: Option<Spanned<RawAction>>,
    /// Who gave the answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    /// When the answer was given (YYYY-MM-DD).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    at: Option<Spanned<String>>,
    /// What the item asked when it was answered; etika writes it, so that
    /// `validate` finds an answer whose question has changed since.
    #[serde(skip_serializing_if = "Option::is_none")]
    asked: Option<Flow<RawAsked>>,
}

/// Fingerprints of what an item asked (see `etika validate`'s `stale-answer`).
#[derive(Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Asked")]
pub(crate) struct RawAsked {
    /// The checklist version the answer was given against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    /// The first 8 hex digits of the SHA-256 of the English question.
    question: String,
    /// The item's type.
    #[serde(rename = "type")]
    kind: String,
    /// The first 8 hex digits of the SHA-256 of the option values, sorted, one per line.
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    severity: Option<String>,
}

impl RawAnswer {
    fn of(answer: &Answer) -> RawAnswer {
        RawAnswer {
            value: unplaced(answer.value.clone()),
            rationale: answer.rationale.clone(),
            evidence: (!answer.evidence.is_empty())
                .then(|| unplaced(Evidence(answer.evidence.iter().cloned().map(unplaced).collect()))),
            action: answer.action.as_ref().map(|action| {
                unplaced(RawAction {
                    text: action.text.clone(),
                    owner: action.owner.clone(),
                    due: action.due.clone().map(unplaced),
                })
            }),
            by: answer.by.clone(),
            at: answer.at.clone().map(unplaced),
            asked: answer.asked.as_ref().map(RawAsked::of),
        }
    }
}

impl RawAsked {
    fn of(asked: &Asked) -> Flow<RawAsked> {
        Flow(RawAsked {
            version: asked.version.clone(),
            question: asked.question.clone(),
            kind: asked.kind.clone(),
            options: asked.options.clone(),
            severity: asked.severity.clone(),
        })
    }
}

/// What will be done about an adverse answer: an adverse answer needs all three parts.
#[derive(Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Action")]
struct RawAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
    /// YYYY-MM-DD; `etika validate` reports it once it has passed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    due: Option<Spanned<String>>,
}

/// `evidence: docs/x.md` is as clear as `evidence: [docs/x.md]`; both are
/// read, each entry with its place for `evidence-not-found`.
struct Evidence(Vec<Spanned<String>>);

impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|entry| &entry.value))
    }
}

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Evidence, D::Error> {
        struct OneOrMany;
        impl<'de> serde::de::Visitor<'de> for OneOrMany {
            type Value = Evidence;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a path or URL, or a list of them")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Evidence, E> {
                // Placed by the caller: the value's own span is this entry's.
                Ok(Evidence(vec![unplaced(text.to_string())]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Evidence, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<String>>()? {
                    items.push(item);
                }
                Ok(Evidence(items))
            }
        }
        deserializer.deserialize_any(OneOrMany)
    }
}

impl Assessment {
    /// The latest `at` date among the answers, if any is a date.
    pub(crate) fn latest_answer_date(&self) -> Option<crate::date::Date> {
        self.answers
            .values()
            .filter_map(|a| a.at.as_deref().and_then(crate::date::Date::parse))
            .max()
    }

    pub(crate) fn new(checklist: &Checklist, reference_path: Option<String>, system: System) -> Assessment {
        Assessment {
            checklist: ChecklistRef {
                id: checklist.id.clone(),
                version: checklist.version.clone(),
                path: reference_path,
                extends: base_refs(checklist),
            },
            system,
            answers: BTreeMap::new(),
            signoff: Vec::new(),
            watch: Vec::new(),
            review_by: None,
            spans: FileSpans::default(),
            has_comments: false,
        }
    }

    /// Parses assessment YAML; `source_name` names the file in errors.
    pub(crate) fn parse(text: &str, source_name: &str) -> Result<Assessment> {
        let raw: RawAssessment = yaml::from_str(text, source_name)?;
        if raw.etika.value != FORMAT_VERSION {
            // Located like a YAML error, so validate's JSON and annotations point at it.
            return Err(crate::error::Error::Yaml(yaml::YamlError::located(
                source_name,
                Span::of(&raw.etika.referenced),
                &format!(
                    "file format `etika: {}` is not supported; this etika reads `etika: {FORMAT_VERSION}` (upgrade etika?)",
                    raw.etika.value
                ),
            )));
        }
        let answers = raw
            .answers
            .map(|a| a.0)
            .unwrap_or_default()
            .into_iter()
            .map(|(id, raw)| {
                let mut spans = AnswerSpans {
                    key: Span::of(&id.referenced),
                    value: Span::of(&raw.value.referenced),
                    at: raw.at.as_ref().and_then(|at| Span::of(&at.referenced)),
                    ..AnswerSpans::default()
                };
                let mut evidence = Vec::new();
                if let Some(list) = raw.evidence {
                    let whole = Span::of(&list.referenced);
                    for entry in list.value.0 {
                        spans.evidence.push(Span::of(&entry.referenced).or(whole));
                        evidence.push(entry.value);
                    }
                }
                let action = raw.action.map(|action| {
                    spans.action = Span::of(&action.referenced);
                    let action = action.value;
                    spans.due = action.due.as_ref().and_then(|d| Span::of(&d.referenced));
                    Action {
                        text: action.text,
                        owner: action.owner,
                        due: action.due.map(|d| d.value),
                    }
                });
                let answer = Answer {
                    value: raw.value.value,
                    rationale: raw.rationale,
                    evidence,
                    action,
                    by: raw.by,
                    at: raw.at.map(|at| at.value),
                    asked: raw.asked.map(|Flow(asked)| Asked {
                        version: asked.version,
                        question: asked.question,
                        kind: asked.kind,
                        options: asked.options,
                        severity: asked.severity,
                    }),
                    spans,
                };
                (id.value, answer)
            })
            .collect();
        let spans = FileSpans {
            answers: top_level_key(text, "answers"),
            signoff: top_level_key(text, "signoff"),
            watch: raw.watch.iter().map(|w| Span::of(&w.referenced)).collect(),
            review_by: raw.review_by.as_ref().and_then(|r| Span::of(&r.referenced)),
            checklist_version: Span::of(&raw.checklist.0.version.referenced),
            signoff_dates: raw
                .signoff
                .iter()
                .map(|s| s.0.date.as_ref().and_then(|d| Span::of(&d.referenced)))
                .collect(),
        };
        Ok(Assessment {
            checklist: ChecklistRef {
                id: raw.checklist.0.id,
                version: raw.checklist.0.version.value,
                path: raw.checklist.0.path,
                extends: raw.checklist.0.extends,
            },
            system: raw.system,
            answers,
            signoff: raw
                .signoff
                .into_iter()
                .map(|SignoffEntry(s)| Signoff {
                    name: s.name,
                    role: s.role,
                    date: s.date.map(|d| d.value),
                    commit: s.commit,
                    digests: s.digests,
                    answers_digest: s.answers_digest,
                })
                .collect(),
            watch: raw.watch.into_iter().map(|w| w.value).collect(),
            review_by: raw.review_by.map(|r| r.value),
            spans,
            has_comments: has_own_comments(text),
        })
    }

    /// The YAML text of this assessment, answers in checklist order.
    pub(crate) fn to_yaml(&self, checklist: &Checklist) -> Result<String> {
        let mut ordered: Vec<(&String, &Answer)> = self.answers.iter().collect();
        // Unknown ids (answers to items the checklist lacks) go last, kept for the user to see.
        ordered.sort_by_key(|(id, _)| (checklist.position(id).unwrap_or(usize::MAX), (*id).clone()));
        let raw = RawAssessment {
            etika: unplaced(FORMAT_VERSION),
            checklist: Flow(RawChecklistRef {
                id: self.checklist.id.clone(),
                version: unplaced(self.checklist.version.clone()),
                path: self.checklist.path.clone(),
                extends: self.checklist.extends.clone(),
            }),
            system: self.system.clone(),
            watch: self.watch.iter().cloned().map(unplaced).collect(),
            review_by: self.review_by.clone().map(unplaced),
            answers: Some(KeyedAnswers(
                ordered
                    .into_iter()
                    .map(|(id, answer)| {
                        let mut raw = RawAnswer::of(answer);
                        // Answers from before etika recorded what was asked get it
                        // now, but only when they were made against this very
                        // version (of the checklist the item comes from, when it
                        // extends another): otherwise it would hide that they are stale.
                        if raw.asked.is_none()
                            && self.checklist.version == checklist.version
                            && let Some(item) = checklist.item(id)
                        {
                            let (source, version, _) = checklist.source_of(item);
                            if self.checklist.version_of(source) == Some(version) {
                                raw.asked = Some(RawAsked::of(&item.asked().against(version)));
                            }
                        }
                        (unplaced(id.clone()), raw)
                    })
                    .collect(),
            )),
            signoff: self
                .signoff
                .iter()
                .map(|s| {
                    SignoffEntry(RawSignoff {
                        name: s.name.clone(),
                        role: s.role.clone(),
                        date: s.date.clone().map(unplaced),
                        commit: s.commit.clone(),
                        answers_digest: s.answers_digest.clone(),
                        digests: s.digests.clone(),
                    })
                })
                .collect(),
        };
        let body = yaml::to_string(&raw)?;
        Ok(format!(
            "{HEADER}# yaml-language-server: $schema={SCHEMA_FILE}\n{body}"
        ))
    }
}

/// Where a key of the top-level mapping stands (`answers:` at column 1).
fn top_level_key(text: &str, key: &str) -> Option<Span> {
    // Found by a substring search for the key, not by a walk over every
    // line: a 10,000-item assessment has 100,000 lines, and this ran twice.
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, key.as_bytes())
        .filter_map(|at| {
            // Plain at the start of a line, or in quotes there.
            let (start, after) = match at.checked_sub(1).map(|before| bytes[before]) {
                None | Some(b'\n') => (at, at + key.len()),
                Some(quote @ (b'"' | b'\'')) if bytes.get(at + key.len()) == Some(&quote) => {
                    (at - 1, at + key.len() + 1)
                }
                Some(_) => return None,
            };
            (start == 0 || bytes[start - 1] == b'\n').then_some((start, after))
        })
        .find(|&(_, after)| {
            let line_end = memchr::memchr(b'\n', &bytes[after..]).map_or(bytes.len(), |end| after + end);
            let rest = &text[after..line_end];
            // As `str::lines` ends a line: `\r\n` too.
            let rest = if line_end < bytes.len() {
                rest.strip_suffix('\r').unwrap_or(rest)
            } else {
                rest
            };
            rest.trim_start().starts_with(':')
        })
        .map(|(start, _)| Span::at(memchr::memchr_iter(b'\n', &bytes[..start]).count() as u64 + 1, 1))
}

/// Whether the file has comments other than etika's header: full-line
/// comments outside block scalars (a `#` inside a multi-line answer is text).
fn has_own_comments(text: &str) -> bool {
    // A byte-order mark (from some Windows editors) would hide etika's header.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Without a `#` after etika's header there is no comment: most files,
    // answered as etika writes them, are passed over in one search.
    let mut header = 0;
    if text.starts_with("# AI-ethics assessment") {
        for line in text.split_inclusive('\n') {
            if !line.starts_with('#') {
                break;
            }
            header += line.len();
        }
    }
    if memchr::memchr(b'#', &text.as_bytes()[header..]).is_none() {
        return false;
    }
    let mut lines = text.lines().peekable();
    // The leading comment block is etika's own header (any etika version).
    if lines
        .peek()
        .is_some_and(|line| line.starts_with("# AI-ethics assessment"))
    {
        while lines.peek().is_some_and(|line| line.starts_with('#')) {
            lines.next();
        }
    }
    let mut block_indent: Option<usize> = None;
    for line in lines {
        let content = line.trim_start();
        let indent = line.len() - content.len();
        if let Some(owner) = block_indent {
            if content.is_empty() || indent > owner {
                continue;
            }
            block_indent = None;
        }
        if content.starts_with('#') || has_trailing_comment(content) {
            return true;
        }
        let end = content.trim_end();
        if ["|", "|-", "|+", ">", ">-", ">+"].iter().any(|marker| {
            end.strip_suffix(marker)
                .is_some_and(|rest| rest.is_empty() || rest.ends_with(": ") || rest.ends_with("- "))
        }) {
            block_indent = Some(indent);
        }
    }
    false
}

/// ` # ...` at the end of a line, outside quotes.
fn has_trailing_comment(line: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for ch in line.chars() {
        match (quote, ch) {
            (None, '"' | '\'') => quote = Some(ch),
            (Some(open), _) if ch == open && previous != '\\' => quote = None,
            (None, '#') if previous.is_whitespace() => return true,
            _ => {}
        }
        previous = ch;
    }
    false
}

/// What a `--checklist` argument becomes in the assessment: nothing for a
/// built-in checklist, else the path relative to the assessment's folder.
pub(crate) fn reference_path(checklist: &Checklist, assessment_path: &Path) -> Option<String> {
    match &checklist.origin {
        Origin::Builtin => None,
        Origin::File(path) => Some(relative_path(path, &folder_of(assessment_path))),
    }
}

/// `target` relative to `base`, with `/` separators so the file is portable.
fn relative_path(target: &Path, base: &Path) -> String {
    // `absolute` keeps `..` on Unix; resolve it by name (not through links) so
    // `-o ../out/a.yaml` is measured from the right folder.
    let absolute =
        |p: &Path| crate::confine::normal(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
    let (target, base) = (absolute(target), absolute(base));
    let target_parts: Vec<_> = target.components().collect();
    let base_parts: Vec<_> = base.components().collect();
    let common = target_parts
        .iter()
        .zip(&base_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return target.display().to_string();
    }
    let mut parts: Vec<String> = vec!["..".to_string(); base_parts.len() - common];
    parts.extend(
        target_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::has_own_comments;

    #[test]
    fn comments_are_found_outside_block_scalars_only() {
        assert!(!has_own_comments(
            "# AI-ethics assessment, recorded with etika.\n# Edit ...\netika: 1\n"
        ));
        assert!(!has_own_comments(
            "# AI-ethics assessment, recorded with etika: ...\n# yaml-language-server: $schema=x.json\netika: 1\n"
        ));
        assert!(has_own_comments("etika: 1\n# reviewed by legal\nanswers: {}\n"));
        assert!(has_own_comments(
            "etika: 1\nanswers:\n  # note\n  a: {value: x}\n"
        ));
        let block =
            "answers:\n  a:\n    value: |-\n      Two issues:\n      #1 drift\n\n      #2 bias\n    at: x\n";
        assert!(!has_own_comments(block));
        assert!(has_own_comments(&format!("{block}# after the block\n")));
        assert!(has_own_comments("a: {value: x}  # agreed with legal\n"));
        assert!(!has_own_comments(
            "\u{feff}# AI-ethics assessment, recorded with etika\netika: 1\n"
        ));
        assert!(!has_own_comments("a: {value: \"x # not a comment\"}\nb: c#d\n"));
    }

    #[test]
    fn a_top_level_key_is_found_at_the_start_of_its_line_in_any_quoting() {
        let line = |text: &str, key: &str| super::top_level_key(text, key).map(|span| span.line);
        let text = "etika: 1\n  answers: nested\nx: answers\nanswersx: 1\n\"answers\" : {}\n";
        assert_eq!(line(text, "answers"), Some(5));
        assert_eq!(line("a: 1\r\nsignoff:\r\n  - x\r\n", "signoff"), Some(2));
        assert_eq!(line("'signoff': []", "signoff"), Some(1));
        assert_eq!(line("signoff", "signoff"), None);
        assert_eq!(line("# signoff: no\n", "signoff"), None);
    }

    /// Read and written through the same raw types: what etika writes reads
    /// back as the same answers and writes out again byte for byte.
    #[test]
    fn the_file_format_round_trips_through_the_raw_types() {
        let text = include_str!("../examples/loan-approval/ethics-assessment.yaml");
        let checklist = crate::checklist::BUILTIN[0].load().unwrap();
        let original = super::Assessment::parse(text, "a.yaml").unwrap();
        let written = original.to_yaml(&checklist).unwrap();
        let again = super::Assessment::parse(&written, "a.yaml").unwrap();
        assert!(
            written == again.to_yaml(&checklist).unwrap(),
            "a second write differs"
        );
        assert_eq!(original.answers.len(), again.answers.len());
        for (id, answer) in &original.answers {
            let again = &again.answers[id];
            // Most of the example predates `asked:`; a save adds it where it
            // is missing, keeps it where it is, and changes nothing else.
            assert!(again.asked.is_some(), "{id}");
            if answer.asked.is_some() {
                assert_eq!(answer.asked, again.asked, "{id}");
            }
            let with_asked = super::Answer {
                asked: again.asked.clone(),
                ..answer.clone()
            };
            assert!(with_asked.same_content(again), "{id} changed");
        }
        assert_eq!(original.signoff.len(), again.signoff.len());
    }
}

//! The assessment file: a team's answers, bound to one checklist version.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::checklist::{self, Checklist, Origin};
use crate::confine;
use crate::fsutil::{self, Existing, folder_of};
use crate::text::{code_span, escape_controls};
use crate::value::RawValue;
use crate::yaml::{self, FlowMap, Spanned};

/// The file-format version this etika reads and writes (`etika: 1`).
pub const FORMAT_VERSION: u32 = 1;
/// The comment etika writes at the top of every assessment file.
const HEADER: &str = "# AI-ethics assessment, recorded with etika.\n\
# Edit with `etika assess` / `etika answer`, or by hand; check with `etika validate`.\n";

/// The file `init` and `assess` use when none is named.
pub const DEFAULT_FILE: &str = "ethics-assessment.yaml";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistRef {
    pub id: String,
    pub version: String,
    /// For a checklist file: its path, relative to the assessment file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct System {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signoff {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// A follow-up for an adverse answer: what will be done, by whom, by when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
}

impl Action {
    /// Due before `today` (an unreadable date is never overdue; validation reports it).
    pub fn is_overdue(&self, today: crate::date::Date) -> bool {
        self.due
            .as_deref()
            .and_then(crate::date::Date::parse)
            .is_some_and(|due| due < today)
    }
}

/// Where parts of an answer stand in the file, for findings (0 = unknown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnswerLines {
    pub value: u64,
    pub action: u64,
    pub due: u64,
    pub at: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub value: RawValue,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(skip)]
    pub lines: AnswerLines,
}

#[derive(Debug, Clone)]
pub struct Assessment {
    pub checklist: ChecklistRef,
    pub system: System,
    pub answers: BTreeMap<String, Answer>,
    pub signoff: Vec<Signoff>,
    /// Line of each sign-off entry, for findings.
    pub signoff_lines: Vec<u64>,
    /// The file has comments of its own, which a rewrite does not keep.
    pub has_comments: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssessment {
    etika: Spanned<u32>,
    checklist: ChecklistRef,
    system: System,
    #[serde(default)]
    answers: Option<BTreeMap<String, Spanned<RawAnswer>>>,
    #[serde(default)]
    signoff: Vec<Spanned<Signoff>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    value: Spanned<RawValue>,
    rationale: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    evidence: Vec<String>,
    action: Option<Spanned<RawAction>>,
    by: Option<String>,
    at: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    text: Option<String>,
    owner: Option<String>,
    due: Option<Spanned<String>>,
}

/// `evidence: docs/x.md` is as clear as `evidence: [docs/x.md]`; accept both.
fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    struct OneOrMany;
    impl<'de> serde::de::Visitor<'de> for OneOrMany {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a path or URL, or a list of them")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Vec<String>, E> {
            Ok(vec![text.to_string()])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element::<String>()? {
                items.push(item);
            }
            Ok(items)
        }
    }
    deserializer.deserialize_any(OneOrMany)
}

impl Assessment {
    pub fn new(checklist: &Checklist, reference_path: Option<String>, system: System) -> Assessment {
        Assessment {
            checklist: ChecklistRef {
                id: checklist.id.clone(),
                version: checklist.version.clone(),
                path: reference_path,
            },
            system,
            answers: BTreeMap::new(),
            signoff: Vec::new(),
            signoff_lines: Vec::new(),
            has_comments: false,
        }
    }

    /// Parses assessment YAML; `source_name` names the file in errors.
    pub fn parse(text: &str, source_name: &str) -> Result<Assessment> {
        let raw: RawAssessment = yaml::from_str(text, source_name)?;
        if raw.etika.value != FORMAT_VERSION {
            bail!(
                "{source_name}:{}:{}: file format `etika: {}` is not supported; this etika reads `etika: {FORMAT_VERSION}` (upgrade etika?)",
                raw.etika.referenced.line(),
                raw.etika.referenced.column(),
                raw.etika.value
            );
        }
        let answers = raw
            .answers
            .unwrap_or_default()
            .into_iter()
            .map(|(id, spanned)| {
                let raw = spanned.value;
                let mut lines = AnswerLines {
                    value: raw.value.referenced.line(),
                    at: raw.at.as_ref().map_or(0, |at| at.referenced.line()),
                    ..AnswerLines::default()
                };
                let action = raw.action.map(|action| {
                    lines.action = action.referenced.line();
                    let action = action.value;
                    lines.due = action.due.as_ref().map_or(0, |d| d.referenced.line());
                    Action {
                        text: action.text,
                        owner: action.owner,
                        due: action.due.map(|d| d.value),
                    }
                });
                let answer = Answer {
                    value: raw.value.value,
                    rationale: raw.rationale,
                    evidence: raw.evidence,
                    action,
                    by: raw.by,
                    at: raw.at.map(|at| at.value),
                    lines,
                };
                (id, answer)
            })
            .collect();
        Ok(Assessment {
            checklist: raw.checklist,
            system: raw.system,
            answers,
            signoff_lines: raw.signoff.iter().map(|s| s.referenced.line()).collect(),
            signoff: raw.signoff.into_iter().map(|s| s.value).collect(),
            has_comments: has_own_comments(text),
        })
    }

    pub fn load(path: &Path) -> Result<Assessment> {
        let text = fsutil::read_text(path)?;
        Assessment::parse(&text, &path.display().to_string())
    }

    /// The checklist this assessment was made against: built in, or a file
    /// beside the assessment.
    pub fn load_checklist(&self, assessment_path: &Path) -> Result<Checklist> {
        let checklist = match &self.checklist.path {
            Some(relative) => {
                let shown = folder_of(assessment_path).join(relative);
                let resolved = confine::checklist_path(assessment_path, relative)?;
                checklist::load_file_as(&resolved, &shown).with_context(|| {
                    format!(
                        "{} uses the checklist {}",
                        assessment_path.display(),
                        escape_controls(&shown.display().to_string())
                    )
                })?
            }
            None => match checklist::find_builtin(&self.checklist.id) {
                Some(builtin) => builtin.load()?,
                None => bail!(
                    "{}: unknown checklist {}; built-in checklists: {} (for a checklist file, set `checklist.path`)",
                    assessment_path.display(),
                    code_span(&self.checklist.id),
                    checklist::builtin_ids().join(", ")
                ),
            },
        };
        if checklist.id != self.checklist.id {
            bail!(
                "{}: the assessment is for checklist {} but {} is {}",
                assessment_path.display(),
                code_span(&self.checklist.id),
                escape_controls(self.checklist.path.as_deref().unwrap_or("the checklist")),
                code_span(&checklist.id)
            );
        }
        Ok(checklist)
    }

    /// The YAML text of this assessment, answers in checklist order.
    pub fn to_yaml(&self, checklist: &Checklist) -> Result<String> {
        let mut ordered: Vec<(&String, &Answer)> = self.answers.iter().collect();
        // Unknown ids (answers to items the checklist lacks) go last, kept for the user to see.
        ordered.sort_by_key(|(id, _)| (checklist.position(id).unwrap_or(usize::MAX), (*id).clone()));
        let document = Document {
            etika: FORMAT_VERSION,
            checklist: FlowMap(&self.checklist),
            system: &self.system,
            answers: OrderedAnswers(ordered),
            signoff: self.signoff.iter().map(FlowMap).collect(),
        };
        let body = yaml::to_string(&document)?;
        Ok(format!("{HEADER}{body}"))
    }

    /// Writes the file atomically; `existing` says whether it may replace one.
    pub fn save(&self, path: &Path, checklist: &Checklist, existing: Existing) -> Result<()> {
        fsutil::write_atomic(path, self.to_yaml(checklist)?.as_bytes(), existing)
    }
}

/// Whether the file has comments other than etika's header: full-line
/// comments outside block scalars (a `#` inside a multi-line answer is text).
fn has_own_comments(text: &str) -> bool {
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
            end.ends_with(&format!(": {marker}")) || end.ends_with(&format!("- {marker}")) || end == *marker
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
pub fn reference_path(checklist: &Checklist, assessment_path: &Path) -> Option<String> {
    match &checklist.origin {
        Origin::Builtin => None,
        Origin::File(path) => Some(relative_path(path, &folder_of(assessment_path))),
    }
}

/// `target` relative to `base`, with `/` separators so the file is portable.
fn relative_path(target: &Path, base: &Path) -> String {
    // `absolute` keeps `..` on Unix; resolve it by name (not through links) so
    // `-o ../out/a.yaml` is measured from the right folder.
    let absolute = |p: &Path| lexically_normal(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
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

fn lexically_normal(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other.as_os_str()),
        }
    }
    normal
}

#[derive(Serialize)]
struct Document<'a> {
    etika: u32,
    checklist: FlowMap<&'a ChecklistRef>,
    system: &'a System,
    answers: OrderedAnswers<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    signoff: Vec<FlowMap<&'a Signoff>>,
}

struct OrderedAnswers<'a>(Vec<(&'a String, &'a Answer)>);

impl Serialize for OrderedAnswers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, answer) in &self.0 {
            map.serialize_entry(id, answer)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::has_own_comments;

    #[test]
    fn comments_are_found_outside_block_scalars_only() {
        assert!(!has_own_comments(
            "# AI-ethics assessment, recorded with etika.\n# Edit ...\netika: 1\n"
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
        assert!(!has_own_comments("a: {value: \"x # not a comment\"}\nb: c#d\n"));
    }
}

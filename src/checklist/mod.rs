//! The checklist: sections of typed questions, checked once on load so the
//! rest of the program never meets an unknown id or an impossible condition.

mod builtin;
mod check;
mod compiled;
pub(crate) mod condition;
#[cfg(test)]
mod content_tests;
pub(crate) mod deon;
pub(crate) mod impact;
pub(crate) mod legal;
pub(crate) mod lint;
mod prebuilt;
pub(crate) mod raw;
pub(crate) mod scaffold;
mod texts;

use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

use crate::error::Result;
use serde::Serialize;

pub(crate) use builtin::{BUILTIN, Builtin, builtin_str, find as find_builtin, ids as builtin_ids};
pub use check::CheckError;
pub(crate) use check::{CheckProblem, check, check_on};
pub(crate) use condition::Condition;
pub(crate) use impact::{ImpactLevel, ImpactModel, Obligations, Rating, ReadinessBand, ResidualModel};
pub(crate) use legal::{LegalClass, Regime};

use crate::text::Text;

/// Where a checklist came from; assessments record it so they can find it again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    Builtin,
    File(PathBuf),
}

#[derive(Debug)]
pub(crate) struct Checklist {
    pub(crate) id: String,
    pub(crate) version: String,
    pub(crate) title: Text,
    pub(crate) description: Option<Text>,
    pub(crate) languages: Vec<String>,
    pub(crate) changelog: Vec<Release>,
    pub(crate) sections: Vec<Section>,
    pub(crate) impact: ImpactModel,
    pub(crate) legal: Vec<Regime>,
    pub(crate) residual: ResidualModel,
    /// How long a sign-off holds when the assessment names no `review_by`.
    pub(crate) review_every: Option<crate::date::Period>,
    pub(crate) origin: Origin,
    /// The checklists this one extends, the nearest first (`extends:`).
    pub(crate) bases: Vec<Base>,
    /// Item id → (section, item in section, position in the checklist).
    index: HashMap<String, (usize, usize, usize)>,
}

/// A checklist another one extends: what an assessment records of it, and
/// its changelog, for the answers to its items.
#[derive(Debug, Clone)]
pub(crate) struct Base {
    pub(crate) id: String,
    pub(crate) version: String,
    pub(crate) changelog: Vec<Release>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Release {
    pub(crate) version: String,
    pub(crate) date: Option<String>,
    pub(crate) notes: Option<Text>,
    pub(crate) changed: Vec<String>,
    pub(crate) added: Vec<String>,
    pub(crate) removed: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct Section {
    pub(crate) id: String,
    pub(crate) title: Text,
    pub(crate) description: Option<Text>,
    pub(crate) is_context: bool,
    pub(crate) items: Vec<Item>,
}

#[derive(Debug)]
pub(crate) struct Item {
    pub(crate) id: String,
    pub(crate) summary: Option<Text>,
    pub(crate) question: Text,
    pub(crate) help: Option<Text>,
    pub(crate) kind: ItemKind,
    pub(crate) severity: Option<Severity>,
    pub(crate) requires_evidence: bool,
    pub(crate) requires_rationale: bool,
    pub(crate) when: Option<Condition>,
    /// Context items describe the system; their answers are never adverse.
    pub(crate) is_context: bool,
    pub(crate) references: Vec<Reference>,
    pub(crate) examples: Vec<Example>,
    /// Line and column of the item's id in the checklist file, for messages.
    pub(crate) line: u64,
    pub(crate) column: u64,
    /// What the item asks, fingerprinted once (see [`Item::asked`]).
    pub(crate) asked: std::sync::OnceLock<crate::fingerprint::Asked>,
    /// The checklist the item comes from: `None` for this one, else an
    /// index into [`Checklist::bases`].
    pub(crate) source: Option<usize>,
}

#[derive(Debug)]
pub(crate) enum ItemKind {
    YesNo,
    Single(Vec<Choice>),
    Multi(Vec<Choice>),
    Text,
    Scale {
        low: Option<Text>,
        high: Option<Text>,
        adverse_at_most: Option<u8>,
    },
}

impl ItemKind {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            ItemKind::YesNo => "yes-no",
            ItemKind::Single(_) => "single",
            ItemKind::Multi(_) => "multi",
            ItemKind::Text => "text",
            ItemKind::Scale { .. } => "scale",
        }
    }

    pub(crate) fn choices(&self) -> &[Choice] {
        match self {
            ItemKind::Single(choices) | ItemKind::Multi(choices) => choices,
            _ => &[],
        }
    }
}

/// The values of a `yes-no` item, in the order they are offered.
pub(crate) const YES_NO: [&str; 3] = ["yes", "partial", "no"];
/// A context question describes the system: "partly" has no meaning there.
pub(crate) const CONTEXT_YES_NO: [&str; 2] = ["yes", "no"];

impl Item {
    /// What this item asks, as answers record it; computed once, since a
    /// run compares it with every answer of every file.
    pub(crate) fn asked(&self) -> &crate::fingerprint::Asked {
        self.asked.get_or_init(|| crate::fingerprint::Asked::of(self))
    }

    /// The item's references, as people read them: `deon C.5; GDPR Art. 22`.
    pub(crate) fn reference_list(&self) -> String {
        self.references
            .iter()
            .map(std::string::ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The values a `yes-no` item accepts.
    pub(crate) fn yes_no_values(&self) -> &'static [&'static str] {
        if self.is_context { &CONTEXT_YES_NO } else { &YES_NO }
    }
}
/// Accepted for every item type; never option values.
pub(crate) const UNKNOWN: &str = "unknown";
pub(crate) const NOT_APPLICABLE: &str = "n/a";

#[derive(Debug, Clone)]
pub(crate) struct Choice {
    pub(crate) value: String,
    pub(crate) label: Text,
    /// Impact points (context items only).
    pub(crate) risk: u32,
    pub(crate) adverse: bool,
    /// Cannot be chosen together with other options (e.g. "none").
    pub(crate) exclusive: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Reference {
    // Borrowed from the binary in the prebuilt checklist, which cites
    // hundreds: their `String`s were a third of its allocations.
    pub(crate) framework: Cow<'static, str>,
    pub(crate) clause: Option<Cow<'static, str>>,
    pub(crate) url: Option<Cow<'static, str>>,
}

impl Reference {
    /// The reference's name and clause (`EU AI Act Art. 10`) written onto
    /// `out`: what its `Display` shows.
    pub(crate) fn push_name(&self, out: &mut String) {
        out.push_str(&self.framework);
        if let Some(clause) = &self.clause {
            out.push(' ');
            out.push_str(clause);
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut name = String::new();
        self.push_name(&mut name);
        f.write_str(&name)
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Example {
    pub(crate) text: Text,
    pub(crate) url: String,
}

/// How bad an adverse answer to an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub(crate) const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    pub(crate) fn parse(text: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl Checklist {
    pub(crate) fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    pub(crate) fn item(&self, id: &str) -> Option<&Item> {
        self.index.get(id).map(|&(s, i, _)| &self.sections[s].items[i])
    }

    /// The section an item belongs to.
    pub(crate) fn section_of(&self, id: &str) -> Option<&Section> {
        self.index.get(id).map(|&(s, _, _)| &self.sections[s])
    }

    /// Position of an item in checklist order (answers are written in it).
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).map(|&(_, _, position)| position)
    }

    pub(crate) fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Releases after `version` up to this checklist's own, oldest first.
    pub(crate) fn releases_since(&self, version: &str) -> Vec<&Release> {
        releases_since(&self.changelog, version)
    }

    /// The id, version and changelog of the checklist `item` comes from.
    pub(crate) fn source_of(&self, item: &Item) -> (&str, &str, &[Release]) {
        match item.source.and_then(|index| self.bases.get(index)) {
            Some(base) => (&base.id, &base.version, &base.changelog),
            None => (&self.id, &self.version, &self.changelog),
        }
    }
}

/// Releases of `changelog` after `version`, oldest first.
pub(crate) fn releases_since<'a>(changelog: &'a [Release], version: &str) -> Vec<&'a Release> {
    {
        let Some(from) = parse_version(version) else {
            return Vec::new();
        };
        let mut releases: Vec<&Release> = changelog
            .iter()
            .filter(|r| parse_version(&r.version).is_some_and(|v| v > from))
            .collect();
        releases.sort_by_key(|r| parse_version(&r.version));
        releases
    }
}

impl Checklist {
    /// A checklist of checked parts, with its index: what the checks and
    /// the generated built-in code (`prebuilt`) both end with.
    #[allow(clippy::too_many_arguments)]
    fn assemble(
        id: String,
        version: String,
        title: Text,
        description: Option<Text>,
        languages: Vec<String>,
        changelog: Vec<Release>,
        sections: Vec<Section>,
        impact: ImpactModel,
        legal: Vec<Regime>,
        residual: ResidualModel,
        review_every: Option<crate::date::Period>,
        origin: Origin,
        bases: Vec<Base>,
    ) -> Checklist {
        let index = Checklist::build_index(&sections);
        Checklist {
            id,
            version,
            title,
            description,
            languages,
            changelog,
            sections,
            impact,
            legal,
            residual,
            review_every,
            origin,
            bases,
            index,
        }
    }

    fn build_index(sections: &[Section]) -> HashMap<String, (usize, usize, usize)> {
        let mut index = HashMap::with_capacity(sections.iter().map(|s| s.items.len()).sum());
        let mut position = 0;
        for (s, section) in sections.iter().enumerate() {
            for (i, item) in section.items.iter().enumerate() {
                index.insert(item.id.clone(), (s, i, position));
                position += 1;
            }
        }
        index
    }
}

/// `MAJOR.MINOR.PATCH` as numbers, so that 1.10.0 sorts after 1.9.0.
pub(crate) fn parse_version(text: &str) -> Option<(u64, u64, u64)> {
    let mut parts = text.trim().split('.');
    let mut next = || parts.next()?.parse::<u64>().ok();
    let version = (next()?, next()?, next()?);
    parts.next().is_none().then_some(version)
}

/// Parses and checks checklist YAML. Errors name `source_name`, line and column.
pub(crate) fn parse(text: &str, source_name: &str, origin: Origin) -> Result<Checklist> {
    check(parse_raw(text, source_name)?, source_name, origin).map_err(crate::error::Error::from)
}

/// Reads checklist YAML into its raw form, unchecked.
pub(crate) fn parse_raw(text: &str, source_name: &str) -> Result<raw::RawChecklist> {
    Ok(crate::yaml::from_str(text, source_name)?)
}

//! Findings are data: a diagnostic has a rule id, a level, where it is (a
//! span in a file), the item it concerns and a message. Validation,
//! checklist checks and lint all produce them; `output` renders them as
//! text, JSON or GitHub annotations.

use serde::Serialize;
use serde_saphyr::Location;

/// A place in a YAML file: 1-based line and column (in characters), and the
/// byte range where the parser knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) struct Span {
    pub(crate) line: u64,
    pub(crate) column: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) offset: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) length: Option<u64>,
}

impl Span {
    /// The span serde-saphyr recorded, if it recorded one.
    pub(crate) fn of(location: &Location) -> Option<Span> {
        (location.line() > 0).then(|| Span {
            line: location.line(),
            column: location.column(),
            offset: location.span().byte_offset(),
            length: location.span().byte_len(),
        })
    }

    /// A position without a byte range (found by scanning text).
    pub(crate) fn at(line: u64, column: u64) -> Span {
        Span {
            line,
            column,
            offset: None,
            length: None,
        }
    }
}

/// Errors fail `validate` and `checklist lint`; warnings are shown but do
/// not (unless `--deny-warnings`); notes record a fact nobody has to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    Error,
    Warning,
    Note,
}

impl Level {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

/// Every rule etika reports, with its stable id (part of the JSON output and
/// of `--format github` titles) and what the README's table says of it.
macro_rules! rules {
    ($($variant:ident = $id:literal, $level:ident, $when:literal, $fix:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub(crate) enum Rule {
            $($variant,)*
        }

        impl Rule {
            // Read by the test that keeps the README's table in step.
            #[cfg_attr(not(test), allow(dead_code))]
            pub(crate) const ALL: &[Rule] = &[$(Rule::$variant,)*];

            pub(crate) fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            pub(crate) fn default_level(self) -> Level {
                match self {
                    $(Rule::$variant => Level::$level,)*
                }
            }

            /// When the rule reports, in the README's words.
            #[cfg_attr(not(test), allow(dead_code))]
            pub(crate) fn when(self) -> &'static str {
                match self {
                    $(Rule::$variant => $when,)*
                }
            }

            /// How to fix what the rule reports.
            pub(crate) fn fix(self) -> &'static str {
                match self {
                    $(Rule::$variant => $fix,)*
                }
            }
        }
    };
}

rules! {
    // Assessments (`etika validate`).
    MissingAnswer = "missing-answer", Error, "an item that applies has no answer", "answer it: `etika assess` or `etika answer FILE ITEM VALUE`";
    ProhibitedPractice = "prohibited-practice", Error, "a legal class that `blocks` applies (in the built-in checklist: a practice EU AI Act Art. 5 prohibits), or may apply because a context answer it tests is `unknown` or `n/a`; no other answer offsets it", "do not deploy the system in this form: change it so it no longer does this, then change the answer";
    InvalidValue = "invalid-value", Error, "the value does not fit the item's type or options", "use one of the values the message lists (`etika checklist show` has them)";
    UnknownItem = "unknown-item", Error, "an answer to an id the checklist does not have (the closest id is suggested, for the first 100 unknown ids of a file in id order; ids removed in the changelog say so)", "fix the id (see the suggestion) or remove the answer";
    NotApplicableAnswered = "not-applicable-answered", Note, "an answer to an item that does not apply given the context answers (kept, so that it is there again if the context changes back)", "nothing to do; remove the answer if it is no longer wanted, or check the context answers that rule the item out";
    MissingRationale = "missing-rationale", Error, "`unknown` and `n/a` always need one; so does every answer to an item that `requires: [rationale]`", "add `rationale:` saying why (`--rationale` with `etika answer`)";
    MissingEvidence = "missing-evidence", Error, "an item that `requires: [evidence]` answered with a safeguard in place, without evidence", "add `evidence:` with a document path or URL (`--evidence`)";
    EvidenceNotFound = "evidence-not-found", Error, "an evidence entry that is not a URL (`scheme://…`, `mailto:`, `urn:`, `doi:`) names no file or folder relative to the assessment's folder, or one outside its repository", "fix the path (relative to the assessment file), commit the document, or link to it by URL";
    MissingAction = "missing-action", Error, "an adverse answer (`no`, `partial`, an option marked adverse, a low scale value) or an `unknown` (a gap too: who finds out, by when) without an action", "add `action: {text, owner, due}` (`--action`, `--owner`, `--due`)";
    IncompleteAction = "incomplete-action", Error, "the action lacks text, owner or due date", "add the missing `text`, `owner` or `due`";
    InvalidDate = "invalid-date", Error, "a due date, answer date or sign-off date that is not `YYYY-MM-DD`", "write the date as `YYYY-MM-DD`";
    OverdueAction = "overdue-action", Error, "an action's due date is before today (`--today` overrides the clock)", "do the action and change the answer, or agree a new `due` date";
    ChecklistVersion = "checklist-version", Warning, "the assessment was made against another version of its checklist (an error when that version is newer than the checklist etika has); the answers whose items changed are `stale-answer` errors", "review the stale answers: once none is left, the next save moves the assessment to the current version";
    StaleAnswer = "stale-answer", Error, "an answer whose item changed since it was given: its recorded fingerprint (`asked:`) differs in question, type, options or severity, or the changelog lists the item as changed in a release after the version the answer was given against (the assessment's version, for an answer without `asked:`)", "read the question as it is now and answer it again, or confirm the answer (`etika assess`, `etika answer`)";
    SystemChanged = "system-changed", Error, "a watched path (`watch:`) differs from its digest at the latest sign-off, matches nothing now, or was not watched when signed (in a git repository the message names the commits since)", "re-check the answers the change touches, then sign again (`etika sign`)";
    ReviewDue = "review-due", Error, "today is past `review_by`, or past the latest sign-off plus the checklist's `review_every`", "review the assessment, then sign again or set a new `review_by`";
    MissingSignoff = "missing-signoff", Warning, "nothing else is left to fix but no sign-off (name and date, dated no earlier than the latest answer) is recorded; an error with `--require-signoff`, or when the impact level or a legal class obliges a sign-off (`obligations: {signoff: true}`), which must then name a role (one of `signoff_roles`, if listed)", "have the accountable person review the assessment and add `signoff: [{name, role, date}]` (`etika sign --name N --role R`)";
    BlockingGap = "blocking-gap", Error, "a gap (an adverse or `unknown` answer) at or above the severity the impact level or a legal class blocks (`obligations: {blocking: high}`), even with an action planned", "close the gap and change the answer; if the system cannot close it, it is not ready to ship at this level";
    RequiredItem = "required-item", Error, "an item the impact level or a legal class requires (`obligations: {items: [...]}`) is answered `n/a`, or its condition rules it out", "answer the item with what is in place; the class needs it whatever the context says";
    // Checklists (`etika checklist lint`, and every command that loads one).
    InvalidChecklist = "invalid-checklist", Error, "the checklist parses but does not hold together in a way no rule below names (ids that are not slugs, a misplaced context section, option `risk` on other items, a bad version, impact level band, residual table or changelog entry; obligations naming items the checklist does not have)", "fix the checklist at the line shown";
    UnknownKey = "unknown-key", Error, "a key the checklist format does not have (a typo such as `qestion:`); every command but `checklist lint` refuses the file", "fix the key (the message names the closest one) or remove it";
    DuplicateId = "duplicate-id", Error, "a section, item or option id used twice, also across sections, or an item id the checklist it extends already has; an id named twice in `override` or `remove`; a regime declared twice, a class twice in its regime", "give each its own id; to change an item of the base checklist, use `override`";
    InvalidCondition = "invalid-condition", Error, "a `when` (of an item, an impact floor or a legal class) that tests an unknown item or one asked later (floors and classes: a non-context item), a value the item cannot take, a free-text item, or is not exactly one form", "test an earlier item for one of the values the message lists";
    MissingOptions = "missing-options", Error, "a `single` or `multi` item without `options`, or with fewer than two", "add at least two `options`";
    UnknownType = "unknown-type", Error, "an item `type` that is not yes-no, single, multi, text or scale", "use one of the types the message lists";
    UnknownSeverity = "unknown-severity", Error, "a `severity` that is not low, medium, high or critical", "use one of the severities the message lists";
    UnknownTier = "unknown-tier", Error, "an impact level (in `impact.levels`, a floor or a residual row) that is not I, II, III or IV", "use one of the levels the message lists";
    EmptyQuestion = "empty-question", Error, "an item whose question is empty", "write the question";
    InvalidExtension = "invalid-extension", Error, "`extends` names no checklist, or checklists that extend each other in a cycle; `override` or `remove` names an item the base does not have, or is used without `extends`; a removed item that another item's condition tests", "fix the name, or change the condition that needs the item";
    MissingReference = "missing-reference", Warning, "an item that is not a context question has no `references`", "name the framework (and clause) the item comes from, e.g. `references: [{framework: GDPR, clause: Art. 35}]`";
    MissingTranslation = "missing-translation", Warning, "a text lacks a language the checklist declares in `languages:`", "add the text in that language, or remove the language from `languages:`";
    UnsafeLink = "unsafe-link", Error, "a link in the checklist is not http(s), mailto or relative; reports show it as plain text", "link to an http(s) page, a mailto address or a relative path";
    StaleTranslation = "stale-translation", Warning, "a translation records the fingerprint of the English text it was made from (`from:`), and the English text has changed since", "update the translation, then set its `from` fingerprint to the new one (the finding gives it)";
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Diagnostic {
    pub(crate) rule: Rule,
    pub(crate) level: Level,
    /// The checklist item concerned; none for file-level diagnostics.
    pub(crate) item: Option<String>,
    pub(crate) message: String,
    /// How to fix it.
    pub(crate) help: &'static str,
    /// 1-based line, kept as its own field for readers of JSON version 1.
    pub(crate) line: Option<u64>,
    pub(crate) column: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) span: Option<Span>,
    /// `stale-translation`: the fingerprint of today's English text, for the
    /// translation's `from` once it is updated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) fingerprint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of `rule` at its default level.
    pub(crate) fn new(
        rule: Rule,
        item: Option<&str>,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            level: rule.default_level(),
            // Ids come from the file too (answers to unknown items).
            item: item.map(|id| crate::text::escape_controls(id).into_owned()),
            // A diagnostic is one line; ids and values quoted from the file may hold anything.
            message: crate::text::escape_controls(&message.into()).into_owned(),
            help: rule.fix(),
            line: span.map(|s| s.line),
            column: span.map(|s| s.column),
            span,
            fingerprint: None,
        }
    }

    pub(crate) fn with_fingerprint(mut self, fingerprint: String) -> Diagnostic {
        self.fingerprint = Some(fingerprint);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case() {
        let mut ids: Vec<_> = Rule::ALL.iter().map(|r| r.id()).collect();
        assert!(
            ids.iter()
                .all(|id| id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Rule::ALL.len());
    }

    /// The README's rule table is this definition, word for word.
    #[test]
    fn the_readme_table_follows_the_rules() {
        let mut table = String::from("| rule | level | when | how to fix |\n|---|---|---|---|\n");
        for rule in Rule::ALL {
            table.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                rule.id(),
                rule.default_level().as_str(),
                rule.when(),
                rule.fix()
            ));
        }
        let readme = include_str!("../README.md");
        assert!(
            readme.contains(&table),
            "README.md should hold this table:\n{table}"
        );
    }
}

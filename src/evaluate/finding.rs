//! Validation findings are data; `output` decides how they look.

use serde::Serialize;

/// Which rule a finding comes from. The kebab-case names are part of the JSON
/// output and stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    Unanswered,
    InvalidValue,
    UnknownItem,
    NotApplicable,
    MissingRationale,
    MissingEvidence,
    MissingAction,
    IncompleteAction,
    InvalidDate,
    Overdue,
    Stale,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Unanswered => "unanswered",
            Rule::InvalidValue => "invalid-value",
            Rule::UnknownItem => "unknown-item",
            Rule::NotApplicable => "not-applicable",
            Rule::MissingRationale => "missing-rationale",
            Rule::MissingEvidence => "missing-evidence",
            Rule::MissingAction => "missing-action",
            Rule::IncompleteAction => "incomplete-action",
            Rule::InvalidDate => "invalid-date",
            Rule::Overdue => "overdue",
            Rule::Stale => "stale",
        }
    }
}

/// Errors fail `validate`; warnings are shown but do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    pub level: Level,
    /// The checklist item concerned; none for file-level findings.
    pub item: Option<String>,
    pub message: String,
    /// 1-based line in the assessment file, where the finding has one.
    pub line: Option<u64>,
}

impl Finding {
    pub fn error(rule: Rule, item: Option<&str>, line: u64, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            level: Level::Error,
            item: item.map(String::from),
            // A finding is one line; ids and values quoted from the file may hold anything.
            message: crate::text::escape_controls(&message.into()).into_owned(),
            line: (line > 0).then_some(line),
        }
    }

    pub fn warning(rule: Rule, item: Option<&str>, line: u64, message: impl Into<String>) -> Finding {
        Finding {
            level: Level::Warning,
            ..Finding::error(rule, item, line, message)
        }
    }
}

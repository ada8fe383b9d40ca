//! Short fingerprints of what a checklist asks, so that an answer knows
//! when the question it answered has changed, without the old checklist.

use sha2::{Digest, Sha256};

use crate::checklist::Item;
use crate::text::Lang;

/// Hex digits kept of a SHA-256: 32 bits tell a changed text from an
/// unchanged one with a chance of one in four billion of missing it.
const SHORT: usize = 8;

/// The short fingerprint of `text`: the first hex digits of its SHA-256.
pub(crate) fn short(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    hex(&digest)[..SHORT].to_string()
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// What an item asked when it was answered, recorded with the answer:
/// fingerprints of its question (in English, the checklist's base
/// language) and option values, its type and severity as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Asked {
    /// The checklist version the answer was given against: the changelog's
    /// releases after it still name items whose fingerprint cannot show the
    /// change (a label, a help text, a condition).
    pub(crate) version: Option<String>,
    pub(crate) question: String,
    pub(crate) kind: String,
    pub(crate) options: Option<String>,
    pub(crate) severity: Option<String>,
}

impl Asked {
    pub(crate) fn of(item: &Item) -> Asked {
        let mut values: Vec<&str> = item.kind.choices().iter().map(|c| c.value.as_str()).collect();
        // The order options are offered in is presentation, not meaning.
        values.sort_unstable();
        Asked {
            version: None,
            question: short(item.question.get(Lang::En)),
            kind: item.kind.name().to_string(),
            options: (!values.is_empty()).then(|| short(&values.join("\n"))),
            severity: item.severity.map(|s| s.as_str().to_string()),
        }
    }

    /// This item's fingerprint as an answer against `version` records it.
    pub(crate) fn against(&self, version: &str) -> Asked {
        Asked {
            version: Some(version.to_string()),
            ..self.clone()
        }
    }

    /// What differs from `now`, in words: `question`, `type`, `options`, `severity`.
    pub(crate) fn changes(&self, now: &Asked) -> Vec<&'static str> {
        let mut changed = Vec::new();
        if self.question != now.question {
            changed.push("question");
        }
        if self.kind != now.kind {
            changed.push("type");
        }
        if self.options != now.options {
            changed.push("options");
        }
        if self.severity != now.severity {
            changed.push("severity");
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_short() {
        // Pinned: a change here would make every recorded answer look stale.
        assert_eq!(short("Is there a data card?"), short("Is there a data card?"));
        assert_eq!(short(""), "e3b0c442");
        assert_ne!(short("Is there a data card?"), short("Is there a data card ?"));
        assert_eq!(short("x").len(), 8);
    }
}

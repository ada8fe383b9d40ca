//! The only module that talks to the YAML library.
//!
//! serde-saphyr rather than `serde_yaml`: it rejects duplicate keys (a hand-edited
//! assessment with the same item twice would otherwise lose an answer without a
//! word), it reports line and column for values through `Spanned<T>`, and it
//! quotes `yes`/`no` when writing so YAML 1.1 tools do not read booleans.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub(crate) use serde_saphyr::{Location, Spanned};

/// A YAML document that could not be read, with where and why.
#[derive(Debug)]
pub struct YamlError {
    /// The document, as errors name it (usually its path).
    pub(crate) source_name: String,
    /// Where the problem is, when the parser knows.
    pub(crate) span: Option<crate::diagnostic::Span>,
    rendered: String,
}

impl YamlError {
    /// An error about a value the YAML reader accepted but etika does not,
    /// named and located like the reader's own.
    pub(crate) fn located(
        source_name: &str,
        span: Option<crate::diagnostic::Span>,
        message: &str,
    ) -> YamlError {
        let rendered = match span {
            Some(span) => format!("{source_name}:{}:{}: {message}", span.line, span.column),
            None => format!("{source_name}: {message}"),
        };
        YamlError {
            source_name: source_name.to_string(),
            span,
            rendered,
        }
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rendered)
    }
}

impl std::error::Error for YamlError {}

/// How much YAML etika reads: sized for a bilingual checklist of 20,000
/// items (about 60 nodes each, with help texts, options and references),
/// far beyond any real one, while an alias bomb or a nesting attack still
/// stops at once. Files are capped at 32 MiB before they get here.
const MAX_NODES: usize = 2_000_000;
const MAX_EVENTS: usize = 4_000_000;
const MAX_DEPTH: usize = 64;
const MAX_ALIASES: usize = 10_000;

fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    // YAML 1.2 booleans only: `value: yes` is the word "yes", never `true`.
    options.strict_booleans = true;
    // etika reads comments from the text itself (`has_own_comments`);
    // the parser's comment events only cost time.
    options.emit_comments = false;
    // A tag etika does not know (`!custom`) would otherwise be dropped without
    // a word; a reader of the file should see what etika reads.
    options.reject_unsupported_tags = true;
    // `!!binary` would turn base64 into other text: a reviewer reading the
    // file would not see what etika reads. Its text is read as it stands.
    options.ignore_binary_tag_for_string = true;
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MAX_NODES;
    budget.max_events = MAX_EVENTS;
    budget.max_depth = MAX_DEPTH;
    budget.max_aliases = MAX_ALIASES;
    // The parser's own limit on `[[[[`/`{{{{` (255) would stop such nesting
    // later, with words of its own; one depth for both kinds of nesting.
    budget.flow_nesting_limit = MAX_DEPTH;
    options.budget = Some(budget);
    options
}

/// The error under any snippet and alias wrapping.
fn original(mut error: &serde_saphyr::Error) -> &serde_saphyr::Error {
    while let serde_saphyr::Error::WithSnippet { error: inner, .. }
    | serde_saphyr::Error::AliasError { error: inner, .. } = error
    {
        error = inner;
    }
    error
}

/// A size limit, or a kind of YAML etika refuses, in words naming it; a
/// snippet of such a document would show nothing useful.
fn limit_words(error: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::budget::BudgetBreach;
    let too_deep =
        || format!("the document is nested more than {MAX_DEPTH} levels deep, the most etika reads");
    let breach = match original(error) {
        serde_saphyr::Error::Budget { breach, .. } => breach,
        serde_saphyr::Error::MultipleDocuments { .. } => {
            return Some(
                "the file holds more than one YAML document (a second `---`); etika reads one document per file"
                    .to_string(),
            );
        }
        // The parser's own nesting limit (flow collections).
        serde_saphyr::Error::ExternalMessage { msg, .. } if msg.contains("recursion limit exceeded") => {
            return Some(too_deep());
        }
        serde_saphyr::Error::UnsupportedTag { tag, .. } => {
            return Some(format!(
                "the YAML tag `{}` is not one etika reads; remove it (etika reads plain values only)",
                crate::text::escape_controls(tag)
            ));
        }
        serde_saphyr::Error::AliasReplayLimitExceeded { .. }
        | serde_saphyr::Error::AliasExpansionLimitExceeded { .. }
        | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. } => {
            return Some(aliases_words());
        }
        _ => return None,
    };
    Some(match breach {
        BudgetBreach::Nodes { .. } => {
            format!("the document has more than {MAX_NODES} YAML nodes, the most etika reads")
        }
        BudgetBreach::Events { .. } => {
            format!("the document has more than {MAX_EVENTS} YAML events, the most etika reads")
        }
        BudgetBreach::Depth { .. } => too_deep(),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => aliases_words(),
        BudgetBreach::ScalarBytes { .. } => {
            "the document's texts, with aliases (`*name`) expanded, are larger than etika reads".to_string()
        }
        BudgetBreach::MergeKeys { .. } => {
            "the document has more merge keys (`<<`) than etika reads".to_string()
        }
        BudgetBreach::Documents { .. } => {
            "the file holds more than one YAML document (a second `---`); etika reads one document per file"
                .to_string()
        }
        _ => "the document is larger or more complex than etika reads".to_string(),
    })
}

fn aliases_words() -> String {
    format!(
        "the document uses aliases (`*name`) more than etika reads (at most {MAX_ALIASES}, and not many times per anchor)"
    )
}

/// Parses `text` into `T`; `source_name` (usually the file path) names the
/// document in the error message.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str, source_name: &str) -> Result<T, YamlError> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|error| {
        let formatter = serde_saphyr::UserMessageFormatter;
        let location = error.location();
        let plain = error.render_with_options(serde_saphyr::render_options! {
            formatter: &formatter,
            snippets: serde_saphyr::SnippetMode::Off,
        });
        let message = strip_location(&plain).to_string();
        let (line, column) = match location {
            Some(location) if location.line() > 0 => (Some(location.line()), Some(location.column())),
            _ => (None, None),
        };
        let snippet = error.render_with_options(serde_saphyr::render_options! {
            formatter: &formatter,
            source_name: Some(source_name),
        });
        let header = match (line, column) {
            (Some(line), Some(column)) => format!("{source_name}:{line}:{column}: {message}"),
            _ => format!("{source_name}: {message}"),
        };
        let rendered = match snippet.split_once('\n') {
            Some((_, rest)) if line.is_some() => format!("{header}\n{rest}"),
            _ => header,
        };
        // Size-limit errors carry a debug dump of the limit; say it in words.
        let rendered = match (limit_words(&error), line, column) {
            (Some(words), Some(line), Some(column)) => format!("{source_name}:{line}:{column}: {words}"),
            (Some(words), _, _) => format!("{source_name}: {words}"),
            (None, _, _) => plain_words(&rendered),
        };
        YamlError {
            source_name: source_name.to_string(),
            span: location.as_ref().and_then(crate::diagnostic::Span::of),
            rendered,
        }
    })
}

/// serde-saphyr puts the location in the message ("line L column C: ..." or
/// "... at line L, column C"); we print it as `file:line:col` instead, so it
/// would be said twice.
fn strip_location(message: &str) -> &str {
    let message = message.trim();
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let message = match message
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((location, after)) if location.contains(" column ") => after,
        _ => message,
    };
    match message.rfind(" at line ") {
        Some(at) if is_line_column(&message[at + " at line ".len()..]) => &message[..at],
        _ => message,
    }
}

/// Says "a whole number" where serde speaks of Rust's integer types.
fn plain_words(text: &str) -> String {
    let mut text = text.to_string();
    for rust in ["u8", "u16", "u32", "u64", "i32", "i64"] {
        text = text
            .replace(&format!("invalid {rust}"), "expected a whole number")
            .replace(&format!("expected {rust}"), "expected a whole number");
    }
    text
}

/// "7, column 3"
fn is_line_column(text: &str) -> bool {
    text.split_once(", column ").is_some_and(|(line, column)| {
        !line.is_empty()
            && !column.is_empty()
            && (line.to_string() + column).bytes().all(|b| b.is_ascii_digit())
    })
}

/// Serialises `value` as a YAML document.
pub(crate) fn to_string<T: Serialize>(value: &T) -> crate::error::Result<String> {
    serde_saphyr::to_string(value)
        .map_err(|error| crate::error::Error::Input(format!("cannot write YAML: {error}")))
}

/// Wraps a value so it is written in flow style (`{a: 1, b: 2}` / `[a, b]`).
pub(crate) use serde_saphyr::{FlowMap, FlowSeq};

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)]
        name: String,
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let error = from_str::<Doc>("name: a\nname: b\n", "x.yaml").unwrap_err();
        let span = error.span.unwrap();
        assert_eq!((span.line, span.column), (2, 1));
        let text = error.to_string();
        assert!(
            text.starts_with("x.yaml:2:1: duplicate mapping key `name` is not allowed here\n"),
            "{text}"
        );
        assert!(!text.contains("DuplicateKeyPolicy"), "{text}");
    }

    #[test]
    fn yes_is_a_word_not_a_boolean() {
        #[derive(Deserialize)]
        struct V {
            v: String,
        }
        let v: V = from_str("v: yes\n", "x").unwrap();
        assert_eq!(v.v, "yes");
    }
}

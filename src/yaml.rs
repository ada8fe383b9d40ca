//! The only module that talks to the YAML library.
//!
//! serde-saphyr rather than serde_yaml: it rejects duplicate keys (a hand-edited
//! assessment with the same item twice would otherwise lose an answer without a
//! word), it reports line and column for values through `Spanned<T>`, and it
//! quotes `yes`/`no` when writing so YAML 1.1 tools do not read booleans.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use serde_saphyr::Spanned;

/// A YAML document that could not be read, with where and why.
#[derive(Debug)]
pub struct YamlError {
    pub source_name: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: String,
    rendered: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rendered)
    }
}

impl std::error::Error for YamlError {}

fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    // YAML 1.2 booleans only: `value: yes` is the word "yes", never `true`.
    options.strict_booleans = true;
    options
}

/// Parses `text` into `T`; `source_name` (usually the file path) names the
/// document in the error message.
pub fn from_str<T: DeserializeOwned>(text: &str, source_name: &str) -> Result<T, YamlError> {
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
        let (message, rendered) = (plain_words(&message), plain_words(&rendered));
        // Size-limit errors carry a debug dump of the limit; say it in words.
        let (message, rendered) = if message.contains("limits breached") {
            let words = "the document is larger or more deeply nested than etika reads".to_string();
            (words.clone(), format!("{source_name}: {words}"))
        } else {
            (message, rendered)
        };
        YamlError {
            source_name: source_name.to_string(),
            line,
            column,
            message,
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
pub fn to_string<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_saphyr::to_string(value)?)
}

/// Wraps a value so it is written in flow style (`{a: 1, b: 2}` / `[a, b]`).
pub use serde_saphyr::{FlowMap, FlowSeq};

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
        assert_eq!(error.line, Some(2));
        assert_eq!(error.column, Some(1));
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

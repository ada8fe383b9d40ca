//! The only module that talks to the YAML library (with `yaml_events`,
//! which reads plain documents faster and hands the rest back).
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
    /// For a key the type read does not have: that key.
    pub(crate) unknown_key: Option<String>,
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
            unknown_key: None,
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
    if let Ok(value) = crate::yaml_events::from_str(text, &limits()) {
        return Ok(value);
    }
    serde_saphyr::from_str_with_options(text, options()).map_err(|error| convert(&error, source_name))
}

/// The limits of [`options`], for the event reader that tries first.
fn limits() -> crate::yaml_events::Limits {
    crate::yaml_events::Limits {
        max_depth: MAX_DEPTH,
        max_nodes: MAX_NODES,
        max_events: MAX_EVENTS,
        simple_key_max_lookahead: serde_saphyr::Budget::default().simple_key_max_lookahead,
    }
}

/// A key the type read does not have, found by [`from_str_lenient`].
#[derive(Debug)]
pub(crate) struct UnknownKey {
    pub(crate) key: String,
    /// The keys the place takes.
    pub(crate) expected: Vec<&'static str>,
    /// The key it is most likely a typo of, which it was read as.
    pub(crate) read_as: Option<&'static str>,
    pub(crate) span: Option<crate::diagnostic::Span>,
}

/// What [`from_str_lenient`] read, and how to map positions back to the file.
#[derive(Debug)]
pub(crate) struct Lenient<T> {
    pub(crate) value: T,
    pub(crate) unknown: Vec<UnknownKey>,
    /// Keys renamed in the text read: (line, column after the key, byte
    /// offset after it, how much longer the key got).
    shifts: Vec<(u64, u64, u64, i64)>,
}

impl<T> Lenient<T> {
    /// The value, and [`Lenient::in_file`] on its own.
    pub(crate) fn split(self) -> (T, Box<dyn Fn(crate::diagnostic::Span) -> crate::diagnostic::Span>) {
        let shifts = Lenient {
            value: (),
            unknown: Vec::new(),
            shifts: self.shifts,
        };
        (self.value, Box::new(move |span| shifts.in_file(span)))
    }

    /// `span`, found in the text read, as a place in the file itself.
    pub(crate) fn in_file(&self, mut span: crate::diagnostic::Span) -> crate::diagnostic::Span {
        for &(line, column, offset, delta) in self.shifts.iter().rev() {
            if span.line == line && span.column >= column {
                span.column = span.column.saturating_add_signed(-delta);
            }
            if let Some(at) = span.offset.as_mut()
                && *at >= offset
            {
                *at = at.saturating_add_signed(-delta);
            }
        }
        span
    }
}

/// How many unknown keys one file may have before the rest is an error:
/// each costs a parse of the file.
const MAX_UNKNOWN_KEYS: usize = 200;

/// The key of `expected` that `key` is most likely a typo of.
pub(crate) fn closest(key: &str, expected: &[&'static str]) -> Option<&'static str> {
    expected
        .iter()
        .map(|known| (strsim::damerau_levenshtein(key, known), *known))
        .filter(|(distance, known)| *distance <= (known.len() / 3).max(1))
        .min()
        .map(|(_, known)| known)
}

/// [`from_str`], but a key the type does not have is reported and read as
/// the key it is a typo of (when there is one and the mapping lacks it), or
/// else as if it were not there, so that a linter names every one in one
/// run. Left-out entries are blanked (spaces for their bytes, line breaks
/// kept), so every other position stays where it was.
pub(crate) fn from_str_lenient<T: DeserializeOwned>(
    text: &str,
    source_name: &str,
) -> Result<Lenient<T>, YamlError> {
    // A file without unknown keys reads at once.
    if let Ok(value) = crate::yaml_events::from_str(text, &limits()) {
        return Ok(Lenient {
            value,
            unknown: Vec::new(),
            shifts: Vec::new(),
        });
    }
    let mut text = std::borrow::Cow::Borrowed(text);
    let mut unknown = Vec::new();
    let mut shifts = Vec::new();
    // When the file fails for another reason once its unknown keys are
    // out, that is not what its author sees first: the first error is.
    let mut first = None;
    loop {
        let error = match serde_saphyr::from_str_with_options::<T>(&text, options()) {
            Ok(value) => {
                return Ok(Lenient {
                    value,
                    unknown,
                    shifts,
                });
            }
            Err(error) => error,
        };
        let serde_saphyr::Error::SerdeUnknownField {
            field,
            expected,
            location,
        } = original(&error)
        else {
            return Err(first.unwrap_or_else(|| convert(&error, source_name)));
        };
        if unknown.len() >= MAX_UNKNOWN_KEYS {
            return Err(first.unwrap_or_else(|| convert(&error, source_name)));
        }
        let (line, column) = (location.line(), location.column());
        let renamed = closest(field, expected).and_then(|to| {
            let renamed = rename_key(&text, line, column, field, to)?;
            // A mapping that has the key already keeps it; the typo goes.
            let duplicate = matches!(
                serde_saphyr::from_str_with_options::<T>(&renamed.0, options()).as_ref().map_err(original),
                Err(serde_saphyr::Error::DuplicateMappingKey { key: Some(key), .. }) if key == to
            );
            (!duplicate).then_some((to, renamed))
        });
        let (read_as, next) = match renamed {
            Some((to, (renamed, offset))) => {
                let delta = i64::try_from(to.len()).unwrap_or(0) - i64::try_from(field.len()).unwrap_or(0);
                let after = column + u64::try_from(field.chars().count()).unwrap_or(0);
                shifts.push((line, after, offset, delta));
                (Some(to), renamed)
            }
            None => match blank_entry(&text, line, column) {
                Some(blanked) => (None, blanked),
                None => return Err(first.unwrap_or_else(|| convert(&error, source_name))),
            },
        };
        first.get_or_insert_with(|| convert(&error, source_name));
        unknown.push(UnknownKey {
            key: field.clone(),
            expected: expected.clone(),
            read_as,
            span: crate::diagnostic::Span::of(location),
        });
        text = std::borrow::Cow::Owned(next);
    }
}

/// The byte offset of `line`:`column` (1-based, the column in characters).
fn offset_of(text: &str, line: u64, column: u64) -> Option<(usize, usize)> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(usize::try_from(line).ok()? - 2)
            .map(|(at, _)| at + 1)?
    };
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |end| line_start + end);
    let at = line_start
        + text[line_start..line_end]
            .char_indices()
            .nth(usize::try_from(column).ok()?.checked_sub(1)?)?
            .0;
    Some((at, line_end))
}

/// `text` with the plain key `from` at `line`:`column` written `to`, and the
/// byte offset just after it in the original.
fn rename_key(text: &str, line: u64, column: u64, from: &str, to: &str) -> Option<(String, u64)> {
    let (at, _) = offset_of(text, line, column)?;
    let after = at + from.len();
    if !text[at..].starts_with(from) || !text[after..].trim_start_matches(' ').starts_with(':') {
        return None;
    }
    Some((
        format!("{}{to}{}", &text[..at], &text[after..]),
        u64::try_from(after).ok()?,
    ))
}

/// `text` with the mapping entry whose key starts at `line`:`column` (both
/// 1-based, the column in characters) replaced by spaces: in block style
/// the key's line and the lines indented under it, in flow style the entry
/// up to its comma. `None` when the place cannot be found.
fn blank_entry(text: &str, line: u64, column: u64) -> Option<String> {
    let (key_at, line_end) = offset_of(text, line, column)?;
    let line_start = text[..key_at].rfind('\n').map_or(0, |at| at + 1);
    let before = text[line_start..key_at].trim_end();
    let end = if before.ends_with('{') || before.ends_with(',') {
        flow_entry_end(text, key_at)?
    } else {
        block_entry_end(text, line_end, key_at - line_start)
    };
    let mut bytes = text.as_bytes().to_vec();
    for byte in &mut bytes[key_at..end] {
        if *byte != b'\n' && *byte != b'\r' {
            *byte = b' ';
        }
    }
    String::from_utf8(bytes).ok()
}

/// Where a block entry whose key is indented by `indent` bytes ends: at
/// the first line after its own that is indented no deeper and is not a
/// `- ` item of the same indent (a sequence value may sit at its key's indent).
fn block_entry_end(text: &str, line_end: usize, indent: usize) -> usize {
    let mut at = line_end;
    while at < text.len() {
        let next_start = at + 1;
        let next_end = text[next_start..]
            .find('\n')
            .map_or(text.len(), |end| next_start + end);
        let next = &text[next_start..next_end];
        let trimmed = next.trim_start_matches(' ');
        let depth = next.len() - trimmed.len();
        let belongs = trimmed.trim().is_empty()
            || depth > indent
            || (depth == indent && (trimmed.starts_with("- ") || trimmed.trim_end() == "-"));
        if !belongs {
            return next_start;
        }
        at = next_end;
    }
    text.len()
}

/// Where a flow entry starting at `from` ends: after its comma, or before
/// the bracket that closes its mapping.
fn flow_entry_end(text: &str, from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut chars = text[from..].char_indices().peekable();
    while let Some((offset, ch)) = chars.next() {
        let at = from + offset;
        match quote {
            Some('"') if ch == '\\' => {
                chars.next();
            }
            Some(q) if ch == q => {
                // `''` inside single quotes is one quote.
                if q == '\'' && chars.peek().is_some_and(|&(_, c)| c == '\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None => match ch {
                '"' | '\'' if matches!(previous, ' ' | ':' | ',' | '{' | '[') => quote = Some(ch),
                '{' | '[' => depth += 1,
                '}' | ']' if depth == 0 => return Some(at),
                '}' | ']' => depth -= 1,
                ',' if depth == 0 => return Some(at + 1),
                _ => {}
            },
        }
        previous = ch;
    }
    None
}

/// A YAML error as etika shows it: `file:line:column: message` and a snippet.
fn convert(error: &serde_saphyr::Error, source_name: &str) -> YamlError {
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
    let rendered = match (limit_words(error), line, column) {
        (Some(words), Some(line), Some(column)) => format!("{source_name}:{line}:{column}: {words}"),
        (Some(words), _, _) => format!("{source_name}: {words}"),
        (None, _, _) => plain_words(&rendered),
    };
    let unknown_key = match original(error) {
        serde_saphyr::Error::SerdeUnknownField { field, .. } => Some(field.clone()),
        _ => None,
    };
    YamlError {
        source_name: source_name.to_string(),
        span: location.as_ref().and_then(crate::diagnostic::Span::of),
        unknown_key,
        rendered,
    }
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

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: String,
        #[serde(default)]
        help: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct List {
        items: Vec<Item>,
    }

    #[test]
    fn lenient_reading_leaves_out_every_unknown_key_and_keeps_positions() {
        let text = "items:\n  - bogus:\n      - deep\n    id: a\n  - {id: b, extra: [1, {x: 2}], help: h}\n  - {id: c, last: 'it''s'}\n  - id: d\n    hlep: typo\n";
        let read = from_str_lenient::<List>(text, "x.yaml").unwrap();
        let ids: Vec<&str> = read.value.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "d"]);
        assert_eq!(read.value.items[1].help.as_deref(), Some("h"));
        // A typo of a key the place takes is read as that key.
        assert_eq!(read.value.items[3].help.as_deref(), Some("typo"));
        let found: Vec<(&str, u64, u64, Option<&str>)> = read
            .unknown
            .iter()
            .map(|k| {
                let span = k.span.unwrap();
                (k.key.as_str(), span.line, span.column, k.read_as)
            })
            .collect();
        assert_eq!(
            found,
            [
                ("bogus", 2, 5, None),
                ("extra", 5, 13, None),
                ("last", 6, 13, None),
                ("hlep", 8, 5, Some("help")),
            ]
        );
        // A renamed key moves what follows it on its line by the change in
        // length: positions found in the text read are mapped back.
        let text = "items:\n  - id: d\n    hlp: x\n";
        let read = from_str_lenient::<List>(text, "x.yaml").unwrap();
        assert_eq!(read.unknown[0].read_as, Some("help"));
        // `x` is at 3:10 in the file, 3:11 in the text read.
        assert_eq!(read.in_file(crate::diagnostic::Span::at(3, 11)).column, 10);
        let before = crate::diagnostic::Span::at(3, 5);
        assert_eq!(read.in_file(before), before);
    }

    #[test]
    fn lenient_reading_reports_the_first_error_when_the_rest_fails() {
        // Without its unknown key the item lacks `id`: the author sees the key first.
        let error = from_str_lenient::<List>("items:\n  - ident: a\n", "x.yaml").unwrap_err();
        assert!(
            error.to_string().starts_with("x.yaml:2:5: unknown field `ident`"),
            "{error}"
        );
    }
}

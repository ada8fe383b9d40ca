//! Translatable text: a plain string (English) or a map of language → string.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// A language the built-in messages and checklist speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Lang {
    En,
    Id,
}

impl From<crate::cli::LangArg> for Lang {
    fn from(arg: crate::cli::LangArg) -> Lang {
        match arg {
            crate::cli::LangArg::En => Lang::En,
            crate::cli::LangArg::Id => Lang::Id,
        }
    }
}

impl Lang {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "id" => Some(Lang::Id),
            _ => None,
        }
    }

    /// The language to use when `--lang` is not given: `ETIKA_LANG`, then the
    /// locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), then English.
    pub(crate) fn from_env() -> Lang {
        if let Some(lang) = std::env::var("ETIKA_LANG")
            .ok()
            .as_deref()
            .and_then(Lang::from_code)
        {
            return lang;
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(locale) = std::env::var(var) {
                if locale.is_empty() {
                    continue;
                }
                // "id_ID.UTF-8" → "id"; "C" and "POSIX" mean no preference.
                let code = locale.split(['_', '.', '@', '-']).next().unwrap_or("");
                return Lang::from_code(code).unwrap_or(Lang::En);
            }
        }
        Lang::En
    }
}

/// A user-facing string in one or more languages; English is always present.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Text {
    translations: BTreeMap<String, String>,
}

impl Text {
    pub(crate) fn en(text: impl Into<String>) -> Text {
        Text {
            translations: BTreeMap::from([("en".to_string(), text.into())]),
        }
    }

    /// The text in `lang`, or English when it has no translation.
    pub(crate) fn get(&self, lang: Lang) -> &str {
        self.translations
            .get(lang.code())
            .or_else(|| self.translations.get("en"))
            .map_or("", String::as_str)
    }

    pub(crate) fn has(&self, code: &str) -> bool {
        self.translations.get(code).is_some_and(|t| !t.trim().is_empty())
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.translations.len() == 1 && self.translations.contains_key("en") {
            serializer.serialize_str(self.get(Lang::En))
        } else {
            self.translations.serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a map of language code to string (e.g. {en: ..., id: ...})")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text, E> {
                Ok(Text::en(text))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut translations = BTreeMap::new();
                while let Some((code, text)) = map.next_entry::<String, String>()? {
                    if !is_language_code(&code) {
                        return Err(de::Error::custom(format!(
                            "`{code}` is not a language code (two lowercase letters, e.g. en, id)"
                        )));
                    }
                    translations.insert(code, text);
                }
                if !translations.contains_key("en") {
                    return Err(de::Error::custom("text needs an English (`en`) version"));
                }
                Ok(Text { translations })
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

pub(crate) fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// Characters that must never reach a terminal, a log or a report as they
/// are: C0 and C1 controls (ESC starts terminal escape sequences) and the
/// bidirectional overrides that make text read differently from its bytes.
pub(crate) fn is_hazard(ch: char) -> bool {
    ch.is_control()
        || matches!(
            ch,
            // Line and paragraph separators end lines in some terminals and viewers.
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` on one line with every hazardous character written as an escape
/// (`\n`, `\u{1b}`, `\u{202e}`), for messages that quote user or file text.
pub(crate) fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    escape_hazards(text, |_| false)
}

/// Like [`escape_controls`], keeping line breaks and tabs: for multi-line
/// text that etika itself lays out (help texts, error snippets).
pub(crate) fn escape_controls_keep_lines(text: &str) -> std::borrow::Cow<'_, str> {
    escape_hazards(text, |ch| ch == '\n' || ch == '\t')
}

fn escape_hazards(text: &str, keep: impl Fn(char) -> bool) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|ch| is_hazard(ch) && !keep(ch)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            _ if keep(ch) || !is_hazard(ch) => out.push(ch),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push_str(&format!("\\u{{{:x}}}", ch as u32)),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A Markdown code span holding `text` exactly, whatever backticks it
/// contains: the fence is one backtick longer than the longest run inside
/// (`CommonMark`), padded with spaces when the text starts or ends with one.
pub(crate) fn code_span(text: &str) -> String {
    let text = escape_controls(text);
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Text etika prints for people (stderr, and stdout that is not data), made
/// safe for terminals and CI logs: no control character but line breaks and
/// tabs, and no workflow command.
pub fn safe_for_log(text: &str) -> String {
    no_workflow_commands(&escape_controls_keep_lines(text)).into_owned()
}

/// `text` with nothing GitHub Actions would run as a workflow command: no
/// line that starts with `::` after leading whitespace (`::error`,
/// `::add-mask::`, `::stop-commands::`), and no legacy `##[command]`, which
/// the runner finds anywhere in a line. etika's own lines never need either;
/// only text from files and file names can carry them.
pub fn no_workflow_commands(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("::") && !text.contains("##[") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    // The runner ends a line at `\r` as well as at `\n`.
    for line in text.split_inclusive(['\n', '\r']) {
        let indent = line.len() - line.trim_start().len();
        let (start, rest) = line.split_at(indent);
        out.push_str(start);
        let rest = match rest.strip_prefix("::") {
            Some(after) => {
                out.push_str("%3A%3A");
                after
            }
            None => rest,
        };
        out.push_str(&rest.replace("##[", "##\\["));
    }
    std::borrow::Cow::Owned(out)
}

/// The link target for `url`, escaped for Markdown, when it is one a reader
/// may follow: http(s), mailto or a relative path. `javascript:`, `data:`,
/// `file:` and any other scheme give `None`.
pub(crate) fn link_target(url: &str) -> Option<String> {
    let target = escape_url(url);
    // `//host/x` is a link to another site with the page's own scheme.
    if target.starts_with("//") {
        return None;
    }
    // The part a scheme would be in; `&` and `\` could hide a colon behind
    // an entity (`&#58;`) or an escape, so they count as one.
    let head_end = target.find(['/', '?', '#']).unwrap_or(target.len());
    let head = &target[..head_end];
    match head.find([':', '&', '\\']) {
        None if !target.is_empty() => Some(target),
        None => None,
        Some(at) => {
            let scheme = head[..at].to_ascii_lowercase();
            let allowed =
                head.as_bytes()[at] == b':' && ["http", "https", "mailto"].contains(&scheme.as_str());
            allowed.then_some(target)
        }
    }
}

/// Makes a URL safe inside a Markdown link target.
pub(crate) fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for ch in url.trim().chars() {
        match ch {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            // A raw `|` would split a table row before the link is parsed.
            '|' => out.push_str("%7C"),
            '`' => out.push_str("%60"),
            '[' => out.push_str("%5B"),
            ']' => out.push_str("%5D"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            '\\' => out.push_str("%5C"),
            c if is_hazard(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hazards_are_escaped_and_plain_text_is_borrowed() {
        assert!(matches!(
            escape_controls("plain é"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(escape_controls("a\nb\u{1b}[31mc\u{7}"), "a\\nb\\u{1b}[31mc\\u{7}");
        assert_eq!(escape_controls("x\u{202e}y\u{85}"), "x\\u{202e}y\\u{85}");
        assert_eq!(escape_controls_keep_lines("a\n\tb\u{0}"), "a\n\tb\\u{0}");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code_span("bias.x"), "`bias.x`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a``"), "``` `a`` ```");
    }

    #[test]
    fn stderr_never_carries_a_workflow_command() {
        assert_eq!(
            safe_for_log("error: x\n  ::error file=a::b\n::add-mask::c\nok :: d ##[stop-commands]t\n"),
            "error: x\n  %3A%3Aerror file=a::b\n%3A%3Aadd-mask::c\nok :: d ##\\[stop-commands]t\n"
        );
        assert_eq!(safe_for_log("a\u{1b}[2J\tb\n"), "a\\u{1b}[2J\tb\n");
    }
}

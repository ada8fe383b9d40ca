//! Translatable text: a plain string (English) or a map of language → string.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::yaml::{Location, Spanned};

/// A language the built-in messages and checklist speak.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Lang {
    #[default]
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
/// A translation may record the fingerprint of the English text it was made
/// from (`from: {id: 1a2b3c4d}`), so that lint can tell when English moved on.
#[derive(Clone, Debug)]
pub(crate) struct Text {
    translations: ByLanguage<Translation>,
    /// Language → the short fingerprint of the English text its translation
    /// was made from; `en` is never a key, and every key has a translation.
    from: ByLanguage<Short>,
}

/// A language code (`en`) or a short fingerprint (`1a2b3c4d`): ASCII of at
/// most eight bytes, held in place. A checklist has thousands of texts with
/// two or three of these each: as `String`s they were thousands of small
/// allocations on every load of the built-in checklist.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Short {
    bytes: [u8; 8],
    len: u8,
}

impl Short {
    const EN: Short = Short {
        bytes: *b"en\0\0\0\0\0\0",
        len: 2,
    };

    // `const`, so that the prebuilt checklist's codes are made when it is
    // compiled (see `Text::prebuilt`).
    const fn new(text: &str) -> Option<Short> {
        let source = text.as_bytes();
        if source.len() > 8 || !text.is_ascii() {
            return None;
        }
        let mut bytes = [0; 8];
        let mut at = 0;
        while at < source.len() {
            bytes[at] = source[at];
            at += 1;
        }
        #[allow(clippy::cast_possible_truncation)] // at most 8, checked above
        Some(Short {
            bytes,
            len: source.len() as u8,
        })
    }

    /// [`Short::new`] of a code the generator wrote, which is checked:
    /// any other stops the build.
    const fn checked(text: &str) -> Short {
        match Short::new(text) {
            Some(short) => short,
            None => panic!("a prebuilt text holds a code that is not short ASCII"),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    fn as_str(&self) -> &str {
        // Always ASCII (see `new`), so never the empty fallback.
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }
}

impl fmt::Debug for Short {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Short {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Language code → value, in code order: a text has one to a few
/// languages, and a checklist thousands of texts, so a sorted `Vec` rather
/// than a `BTreeMap`, whose every map allocates room for eleven entries
/// (most of the built-in checklist's memory when it was one). The prebuilt
/// checklist's are borrowed from the binary: two allocations a text were a
/// third of its load.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ByLanguage<V: Clone + 'static>(Cow<'static, [(Short, V)]>);

impl<V: Clone + 'static> Default for ByLanguage<V> {
    fn default() -> Self {
        ByLanguage(Cow::Borrowed(&[]))
    }
}

impl<V: Clone + 'static> ByLanguage<V> {
    fn with_capacity(capacity: usize) -> Self {
        ByLanguage(Cow::Owned(Vec::with_capacity(capacity)))
    }

    fn get(&self, code: &str) -> Option<&V> {
        self.0
            .iter()
            .find(|(c, _)| c.as_bytes() == code.as_bytes())
            .map(|(_, v)| v)
    }

    fn contains_key(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    /// Adds or replaces the value for `code`, keeping code order.
    fn insert(&mut self, code: Short, value: V) {
        match self
            .0
            .binary_search_by(|(c, _)| c.as_bytes().cmp(code.as_bytes()))
        {
            Ok(at) => self.0.to_mut()[at].1 = value,
            Err(at) => self.0.to_mut().insert(at, (code, value)),
        }
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(c, v)| (c.as_str(), v))
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(c, _)| c.as_str())
    }
}

impl<V: Serialize + Clone> Serialize for ByLanguage<V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Translation {
    text: Words,
    /// Where the string is in the file, so that lint can point at a
    /// translation rather than at the whole text; unknown for English.
    at: Location,
}

/// The reserved key of a text map: it is not a language.
const FROM: &str = "from";

/// A translation whose English text has changed since it was made.
pub(crate) struct Stale<'a> {
    pub(crate) language: &'a str,
    /// What its `from` says.
    pub(crate) recorded: &'a str,
    /// The fingerprint of the English text as it is now.
    pub(crate) current: String,
    pub(crate) at: &'a Location,
}

impl Text {
    pub(crate) fn en(text: impl Into<String>) -> Text {
        Text {
            translations: ByLanguage(Cow::Owned(vec![(
                Short::EN,
                Translation {
                    text: Words(Cow::Owned(text.into())),
                    at: Location::UNKNOWN,
                },
            )])),
            from: ByLanguage::default(),
        }
    }

    /// A text of the prebuilt built-in checklist, borrowed from the binary
    /// whole: its translations and `from` fingerprints, each in code order,
    /// made by [`Text::translation`] and [`Text::source_fingerprint`] in a `const`
    /// block. The test that holds the prebuilt checklist equal to a load of
    /// the file would see a code out of order or lost.
    pub(crate) const fn prebuilt(
        translations: &'static [(Short, Translation)],
        from: &'static [(Short, Short)],
    ) -> Text {
        Text {
            translations: ByLanguage(Cow::Borrowed(translations)),
            from: ByLanguage(Cow::Borrowed(from)),
        }
    }

    /// One translation of a prebuilt text (see [`Text::prebuilt`]).
    pub(crate) const fn translation(code: &str, text: &'static str) -> (Short, Translation) {
        let translation = Translation {
            text: Words(Cow::Borrowed(text)),
            at: Location::UNKNOWN,
        };
        (Short::checked(code), translation)
    }

    /// One `from` fingerprint of a prebuilt text (see [`Text::prebuilt`]).
    pub(crate) const fn source_fingerprint(code: &str, fingerprint: &str) -> (Short, Short) {
        (Short::checked(code), Short::checked(fingerprint))
    }

    /// What [`Text::prebuilt`] takes to make this text again.
    #[cfg(test)]
    pub(crate) fn prebuilt_parts(&self) -> [Vec<(&str, &str)>; 2] {
        [
            self.translations
                .iter()
                .map(|(code, t)| (code, &*t.text.0))
                .collect(),
            self.from
                .iter()
                .map(|(code, made_from)| (code, made_from.as_str()))
                .collect(),
        ]
    }

    /// The text in `lang`, or English when it has no translation.
    pub(crate) fn get(&self, lang: Lang) -> &str {
        self.translations
            .get(lang.code())
            .or_else(|| self.translations.get("en"))
            .map_or("", |t| &t.text.0)
    }

    pub(crate) fn has(&self, code: &str) -> bool {
        self.translations
            .get(code)
            .is_some_and(|t| !t.text.0.trim().is_empty())
    }

    /// The fingerprint a translation made from today's English text records.
    pub(crate) fn fingerprint(&self) -> String {
        crate::fingerprint::short(self.get(Lang::En))
    }

    /// The fingerprint a translation records in `from`, if it records one.
    #[cfg(test)]
    pub(crate) fn made_from(&self, code: &str) -> Option<&str> {
        self.from.get(code).map(Short::as_str)
    }

    /// Translations whose `from` names another English text than today's.
    pub(crate) fn stale(&self) -> Vec<Stale<'_>> {
        if self.from.is_empty() {
            return Vec::new();
        }
        let current = self.fingerprint();
        self.from
            .iter()
            .filter(|(_, recorded)| !recorded.as_str().eq_ignore_ascii_case(&current))
            .filter_map(|(language, recorded)| {
                Some(Stale {
                    language,
                    recorded: recorded.as_str(),
                    current: current.clone(),
                    at: &self.translations.get(language)?.at,
                })
            })
            .collect()
    }
}

/// Two texts are equal when they say the same, wherever they were read.
impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.from == other.from
            && self.translations.len() == other.translations.len()
            && self
                .translations
                .iter()
                .zip(other.translations.iter())
                .all(|((a, x), (b, y))| a == b && x.text == y.text)
    }
}

impl Eq for Text {}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        if self.from.is_empty() && self.translations.len() == 1 && self.translations.contains_key("en") {
            return serializer.serialize_str(self.get(Lang::En));
        }
        let extra = usize::from(!self.from.is_empty());
        let mut map = serializer.serialize_map(Some(self.translations.len() + extra))?;
        for (code, translation) in self.translations.iter() {
            map.serialize_entry(code, &*translation.text.0)?;
        }
        if !self.from.is_empty() {
            map.serialize_entry(FROM, &self.from)?;
        }
        map.end()
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
                // Room for English and one translation, the usual text: a
                // `Vec` grown from empty holds four, and a checklist has
                // thousands of texts (a quarter of the built-in one's memory).
                let mut translations = ByLanguage::with_capacity(2);
                let mut from = None;
                while let Some(key) = map.next_key()? {
                    let code = match key {
                        LanguageKey::Code(code) => code,
                        LanguageKey::From => {
                            from = Some(map.next_value::<MadeFrom>()?.0);
                            continue;
                        }
                        LanguageKey::Other(other) => {
                            return Err(de::Error::custom(format!(
                                "`{other}` is not a language code (two lowercase letters, e.g. en, id)"
                            )));
                        }
                    };
                    // Only translations are pointed at; every text is read
                    // on every run, so English skips the cost of its place.
                    let translation = if code == Short::EN {
                        Translation {
                            text: map.next_value()?,
                            at: Location::UNKNOWN,
                        }
                    } else {
                        let text = map.next_value::<Spanned<Words>>()?;
                        Translation {
                            text: text.value,
                            at: text.referenced,
                        }
                    };
                    translations.insert(code, translation);
                }
                if !translations.contains_key("en") {
                    return Err(de::Error::custom("text needs an English (`en`) version"));
                }
                let from = from.unwrap_or_default();
                if let Some(code) = from.keys().find(|code| !translations.contains_key(code)) {
                    return Err(de::Error::custom(format!(
                        "`from` names `{code}`, but the text has no `{code}` translation"
                    )));
                }
                Ok(Text { translations, from })
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// A text's `from:`: each translated language and the fingerprint of the
/// English text it was made from.
struct MadeFrom(ByLanguage<Short>);

impl<'de> Deserialize<'de> for MadeFrom {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<MadeFrom, D::Error> {
        struct MadeFromVisitor;
        impl<'de> Visitor<'de> for MadeFromVisitor {
            type Value = MadeFrom;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "`from`: a map of translated language to the fingerprint of the English text \
                     it was made from (e.g. from: {id: 1a2b3c4d})",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MadeFrom, A::Error> {
                // Usually one translation (see `Text`'s visitor).
                let mut from = ByLanguage::with_capacity(1);
                while let Some(key) = map.next_key()? {
                    let code = match key {
                        LanguageKey::Code(Short::EN) => {
                            return Err(de::Error::custom(
                                "`from` names translations; `en` is the English text they are made from",
                            ));
                        }
                        LanguageKey::Code(code) => code,
                        other => {
                            return Err(de::Error::custom(format!(
                                "`from` names `{}`, which is not a language code (two lowercase letters, e.g. id)",
                                other.as_written()
                            )));
                        }
                    };
                    let fingerprint = map.next_value::<Fingerprint>()?.0;
                    from.insert(code, fingerprint);
                }
                Ok(MadeFrom(from))
            }
        }
        deserializer.deserialize_any(MadeFromVisitor)
    }
}

/// A short fingerprint as `from` records it: 8 hex digits.
struct Fingerprint(Short);

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fingerprint, D::Error> {
        struct FingerprintVisitor;
        impl Visitor<'_> for FingerprintVisitor {
            type Value = Fingerprint;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a fingerprint: 8 hex digits, as `etika checklist lint` reports them")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Fingerprint, E> {
                if let Some(short) = Short::new(text)
                    .filter(|_| text.len() == 8 && text.bytes().all(|b| b.is_ascii_hexdigit()))
                {
                    Ok(Fingerprint(short))
                } else {
                    Err(de::Error::custom(format!(
                        "`{}` is not a fingerprint: `from` takes 8 hex digits, as `etika checklist lint` reports them",
                        escape_controls(text)
                    )))
                }
            }
        }
        // As a string, so that a fingerprint of digits only stays as written.
        deserializer.deserialize_str(FingerprintVisitor)
    }
}

/// A key of a text map or of its `from`: a language code, read without
/// allocating; `from`; or any other key as written, for the message.
enum LanguageKey {
    Code(Short),
    From,
    Other(String),
}

impl LanguageKey {
    fn as_written(&self) -> &str {
        match self {
            LanguageKey::Code(code) => code.as_str(),
            LanguageKey::From => FROM,
            LanguageKey::Other(other) => other,
        }
    }
}

impl<'de> Deserialize<'de> for LanguageKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<LanguageKey, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = LanguageKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a language code (two lowercase letters, e.g. en, id)")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<LanguageKey, E> {
                Ok(match Short::new(key).filter(|_| is_language_code(key)) {
                    Some(code) => LanguageKey::Code(code),
                    None if key == FROM => LanguageKey::From,
                    None => LanguageKey::Other(key.to_owned()),
                })
            }
        }
        // As `String` reads a key, so that every key reads as before.
        deserializer.deserialize_string(KeyVisitor)
    }
}

/// The words of a translation. Read from a built-in checklist's compiled
/// tree they are borrowed from the binary, as they are never changed: that
/// saves a copy of every text on every run (see `checklist::builtin_str`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Words(Cow<'static, str>);

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Words, D::Error> {
        struct WordsVisitor;
        impl Visitor<'_> for WordsVisitor {
            type Value = Words;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Words, E> {
                Ok(Words(match crate::checklist::builtin_str(text) {
                    Some(text) => Cow::Borrowed(text),
                    None => Cow::Owned(text.to_owned()),
                }))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<Words, E> {
                Ok(Words(Cow::Owned(text)))
            }
            fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Words, E> {
                std::str::from_utf8(bytes)
                    .map_err(|_| de::Error::invalid_value(de::Unexpected::Bytes(bytes), &self))
                    .and_then(|text| self.visit_str(text))
            }
        }
        // As `String` reads itself, so that every text reads as before.
        deserializer.deserialize_string(WordsVisitor)
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
    if !has_hazard(text, &keep) {
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

/// Whether `text` holds a character [`is_hazard`] names and `keep` does
/// not. Every text etika prints passes here, and decoding every character
/// to ask cost a quarter of a `checklist show`: only the characters whose
/// first byte a hazard can start with are decoded (C0 controls and DEL are
/// one byte; C1 controls start `C2`, U+061C `D8`, the marks and overrides
/// at U+200E..U+2069 `E2`; a test holds this to `is_hazard`).
fn has_hazard(text: &str, keep: &impl Fn(char) -> bool) -> bool {
    // Line breaks and tabs are the only hazards most texts hold, and most
    // callers keep them: such text is passed over a block at a time with
    // comparisons the compiler turns into vector instructions, and only a
    // block with some other lead byte is looked at character by character.
    let keeps_lines = keep('\n') && keep('\t');
    let bytes = text.as_bytes();
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut start = 0;
    for block in blocks.by_ref() {
        let suspect = if keeps_lines {
            block
                .iter()
                .fold(false, |found, &b| found | is_other_hazard_lead(b))
        } else {
            block.iter().fold(false, |found, &b| found | is_hazard_lead(b))
        };
        if suspect && has_hazard_at(text, start, start + BLOCK, keep) {
            return true;
        }
        start += BLOCK;
    }
    has_hazard_at(text, start, bytes.len(), keep)
}

/// [`is_hazard_lead`] but for line breaks and tabs, without branches.
// Bitwise, not lazy, and always inlined: what lets the block scan above
// become vector instructions.
#[allow(clippy::inline_always, clippy::needless_bitwise_bool)]
#[inline(always)]
fn is_other_hazard_lead(b: u8) -> bool {
    (b < 0x20) & (b != b'\n') & (b != b'\t') | (b == 0x7f) | (b == 0xc2) | (b == 0xd8) | (b == 0xe2)
}

/// Bytes the scan above passes over at a time.
const BLOCK: usize = 64;

/// Whether a character starting in `start..end` of `text` is a hazard
/// `keep` does not keep.
fn has_hazard_at(text: &str, start: usize, end: usize, keep: &impl Fn(char) -> bool) -> bool {
    let bytes = text.as_bytes();
    let mut at = start;
    while let Some(offset) = bytes[at..end].iter().position(|&b| HAZARD_LEAD[usize::from(b)]) {
        at += offset;
        // A lead byte always starts a character: never inside one.
        if text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|ch| is_hazard(ch) && !keep(ch))
        {
            return true;
        }
        at += 1;
    }
    false
}

/// Which bytes start some hazard's UTF-8 encoding, as a table: one load a
/// byte in the scan above.
pub(crate) const HAZARD_LEAD: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte: u8 = 0;
    loop {
        table[byte as usize] = is_hazard_lead(byte);
        if byte == u8::MAX {
            break table;
        }
        byte += 1;
    }
};

/// A first byte of some hazard's UTF-8 encoding, without branches (as
/// [`is_other_hazard_lead`]).
#[allow(clippy::inline_always, clippy::needless_bitwise_bool)]
#[inline(always)]
const fn is_hazard_lead(byte: u8) -> bool {
    (byte < 0x20) | (byte == 0x7f) | (byte == 0xc2) | (byte == 0xd8) | (byte == 0xe2)
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

/// [`safe_for_log`] of an owned text, which comes back as it is when
/// nothing needed escaping: a command's whole output (117 KB for
/// `checklist show`) is not copied on its way out.
pub(crate) fn safe_for_log_owned(text: String) -> String {
    if let std::borrow::Cow::Owned(escaped) = escape_controls_keep_lines(&text) {
        return no_workflow_commands(&escaped).into_owned();
    }
    if let std::borrow::Cow::Owned(changed) = no_workflow_commands(&text) {
        return changed;
    }
    text
}

/// `text` with nothing GitHub Actions would run as a workflow command: no
/// line that starts with `::` after leading whitespace (`::error`,
/// `::add-mask::`, `::stop-commands::`), and no legacy `##[command]`, which
/// the runner finds anywhere in a line. etika's own lines never need either;
/// only text from files and file names can carry them.
pub fn no_workflow_commands(text: &str) -> std::borrow::Cow<'_, str> {
    // `::` inside a line (a Rust path, `a::b`) is no command: only text
    // that would change goes the copying way below.
    if !has_workflow_command(text) {
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

/// Whether some line of `text` (lines end at `\n` or `\r`) starts with
/// `::` after leading whitespace or holds `##[`. One search for each
/// pattern over the whole text, not a walk line by line: every output
/// passes here, and most hold neither.
fn has_workflow_command(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"##[").is_some()
        || memchr::memmem::find_iter(text.as_bytes(), b"::").any(|at| {
            let before = &text[..at];
            let line_start = before.rfind(['\n', '\r']).map_or(0, |end| end + 1);
            before[line_start..].chars().all(char::is_whitespace)
        })
}

/// The link target for `url`, escaped for Markdown, when it is one a reader
/// may follow: http(s), mailto or a relative path. `javascript:`, `data:`,
/// `file:` and any other scheme give `None`.
pub(crate) fn link_target(url: &str) -> Option<Cow<'_, str>> {
    let target = escape_url(url);
    // `//host/x` is a link to another site with the page's own scheme.
    if target.starts_with("//") {
        return None;
    }
    // The part a scheme would be in; `&` and `\` could hide a colon behind
    // an entity (`&#58;`) or an escape, so they count as one.
    let head_end = target
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(target.len());
    let head = &target[..head_end];
    match head.bytes().position(|b| matches!(b, b':' | b'&' | b'\\')) {
        None if !target.is_empty() => Some(target),
        None => None,
        Some(at) => {
            let scheme = &head[..at];
            let allowed = head.as_bytes()[at] == b':'
                && ["http", "https", "mailto"]
                    .iter()
                    .any(|allowed| scheme.eq_ignore_ascii_case(allowed));
            allowed.then_some(target)
        }
    }
}

/// Makes a URL safe inside a Markdown link target. Most addresses need
/// nothing, and come back borrowed: `checklist show` writes hundreds.
pub(crate) fn escape_url(url: &str) -> Cow<'_, str> {
    let url = url.trim();
    if !url.bytes().any(|b| URL_SUSPECT[usize::from(b)]) {
        return Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len() + 8);
    for ch in url.chars() {
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
    Cow::Owned(out)
}

/// Bytes after which [`escape_url`] looks closer: those it encodes, and
/// every byte a hazard can start with, one load a byte.
const URL_SUSPECT: [bool; 256] = {
    let mut table = HAZARD_LEAD;
    let encoded = b" ()|`[]<>\"\\";
    let mut at = 0;
    while at < encoded.len() {
        table[encoded[at] as usize] = true;
        at += 1;
    }
    table
};

/// The scheme of `entry` when it starts like a URI (`scheme:`), lower-cased.
pub(crate) fn url_scheme(entry: &str) -> Option<String> {
    let (scheme, _) = entry.split_once(':')?;
    let is_scheme = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then(|| scheme.to_ascii_lowercase())
}

/// Whether an evidence entry is an address with a scheme rather than a path.
pub(crate) fn has_scheme(entry: &str) -> bool {
    url_scheme(entry).is_some()
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    /// Every translation of every question, the borrowed ones counted.
    fn questions(checklist: &crate::checklist::Checklist) -> (usize, usize) {
        let translations = checklist
            .items()
            .flat_map(|item| item.question.translations.0.iter());
        translations.fold((0, 0), |(all, borrowed), (_, translation)| {
            let is_borrowed = matches!(translation.text.0, Cow::Borrowed(_));
            (all + 1, borrowed + usize::from(is_borrowed))
        })
    }

    #[test]
    fn the_built_in_checklists_texts_are_borrowed_from_the_binary() {
        let builtin = &crate::checklist::BUILTIN[0];
        let (all, borrowed) = questions(&builtin.load().unwrap());
        assert!(all > 200, "{all} translations");
        assert_eq!(borrowed, all);
        // The same texts parsed from the file are copies: nothing else is
        // mistaken for the compiled tree's memory.
        let (all, borrowed) = questions(&builtin.parse().unwrap());
        assert!(all > 200, "{all} translations");
        assert_eq!(borrowed, 0);
    }

    #[test]
    fn codes_and_fingerprints_longer_than_eight_bytes_or_not_ascii_are_not_short() {
        assert_eq!(super::Short::new("en"), Some(super::Short::EN));
        assert_eq!(super::Short::new("1a2b3c4d").unwrap().as_str(), "1a2b3c4d");
        assert_eq!(super::Short::new("1a2b3c4d5"), None);
        assert_eq!(super::Short::new("é"), None);
    }

    #[test]
    fn safe_for_log_of_an_owned_text_is_safe_for_log() {
        for text in [
            "plain\n",
            "esc \u{1b}[31m\n",
            "::error::x\n",
            "\u{1b} and\n::warning::y",
            "a ##[cmd]",
        ] {
            assert_eq!(
                super::safe_for_log_owned(text.to_string()),
                super::safe_for_log(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn every_hazard_starts_with_a_byte_the_scan_decodes() {
        let mut hazards = 0;
        for ch in (0..=0x10_ffff).filter_map(char::from_u32) {
            if super::is_hazard(ch) {
                hazards += 1;
                let mut buffer = [0; 4];
                let first = ch.encode_utf8(&mut buffer).as_bytes()[0];
                assert!(super::is_hazard_lead(first), "{:x}", ch as u32);
                assert!(
                    super::has_hazard(&format!("a–{ch}b"), &|_| false),
                    "{:x}",
                    ch as u32
                );
            }
        }
        assert!(hazards > 65, "{hazards}");
        assert!(!super::has_hazard("tab\tand\nline – “quoted”", &|ch| ch
            == '\n'
            || ch == '\t'));
    }

    use super::*;

    fn text(yaml: &str) -> Text {
        crate::yaml::from_str(yaml, "t.yaml").unwrap()
    }

    #[test]
    fn from_is_written_back_and_reads_the_same() {
        let original =
            text("{en: Is there a data card?, id: Apakah ada kartu data?, from: {id: \"00012345\"}}");
        assert_eq!(original.made_from("id"), Some("00012345"));
        let yaml = crate::yaml::to_string(&original).unwrap();
        // Quoted, or another YAML reader would take it for the number 12345.
        assert!(yaml.contains("from:\n  id: \"00012345\"\n"), "{yaml}");
        assert_eq!(text(&yaml), original);
        let json = serde_json::to_string(&original).unwrap();
        assert_eq!(
            json,
            r#"{"en":"Is there a data card?","id":"Apakah ada kartu data?","from":{"id":"00012345"}}"#
        );
        // A text in English only is still a plain string.
        assert_eq!(
            crate::yaml::to_string(&text("Only English")).unwrap().trim(),
            "Only English"
        );
    }

    #[test]
    fn a_translation_is_stale_when_english_changed_since_its_from() {
        let current = crate::fingerprint::short("Is there a data card?");
        let fresh = text(&format!(
            "{{en: Is there a data card?, id: Apakah ada kartu data?, from: {{id: {current}}}}}"
        ));
        assert!(fresh.stale().is_empty());
        let moved = text(&format!(
            "{{en: Is there an up-to-date data card?, id: Apakah ada kartu data?, from: {{id: {current}}}}}"
        ));
        let stale = moved.stale();
        assert_eq!(stale.len(), 1);
        assert_eq!(
            (stale[0].language, stale[0].recorded, stale[0].current.as_str()),
            (
                "id",
                current.as_str(),
                crate::fingerprint::short("Is there an up-to-date data card?").as_str()
            )
        );
        // At the translation itself, after `{en: Is there an up-to-date data card?, id: `.
        assert_eq!((stale[0].at.line(), stale[0].at.column()), (1, 45));
        // Without `from`, nothing is known, so nothing is reported.
        assert!(text("{en: Changed, id: Berubah}").stale().is_empty());
    }

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

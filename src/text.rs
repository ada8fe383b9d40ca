//! Translatable text: a plain string (English) or a map of language → string.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// A language the built-in messages and checklist speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English
    En,
    /// Bahasa Indonesia
    Id,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "id" => Some(Lang::Id),
            _ => None,
        }
    }

    /// The language to use when `--lang` is not given: `ETIKA_LANG`, then the
    /// locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), then English.
    pub fn from_env() -> Lang {
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
pub struct Text {
    translations: BTreeMap<String, String>,
}

impl Text {
    pub fn en(text: impl Into<String>) -> Text {
        Text {
            translations: BTreeMap::from([("en".to_string(), text.into())]),
        }
    }

    /// The text in `lang`, or English when it has no translation.
    pub fn get(&self, lang: Lang) -> &str {
        self.translations
            .get(lang.code())
            .or_else(|| self.translations.get("en"))
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn has(&self, code: &str) -> bool {
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

pub fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

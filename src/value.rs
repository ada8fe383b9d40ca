//! Answer values: what the assessment file holds (`RawValue`) and what it
//! means for a given item (`Value`).

use crate::text::code_span;
use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::checklist::{Item, ItemKind, NOT_APPLICABLE, UNKNOWN};

/// An answer value as written in the file, before it is checked against its item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawValue {
    Word(String),
    Number(i64),
    List(Vec<String>),
    /// A boolean, a fraction or nothing, written by hand: kept so `validate`
    /// can point at it rather than refusing the whole file.
    Other(String),
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawValue, D::Error> {
        struct RawValueVisitor;
        impl<'de> Visitor<'de> for RawValueVisitor {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answer: a word, a number from 1 to 5, or a list of words")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawValue, E> {
                Ok(RawValue::Word(text.to_string()))
            }
            fn visit_i64<E: de::Error>(self, number: i64) -> Result<RawValue, E> {
                Ok(RawValue::Number(number))
            }
            fn visit_u64<E: de::Error>(self, number: u64) -> Result<RawValue, E> {
                i64::try_from(number)
                    .map(RawValue::Number)
                    .map_err(|_| E::custom("number too large"))
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<RawValue, E> {
                Ok(RawValue::Other(value.to_string()))
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<RawValue, E> {
                Ok(RawValue::Other(value.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Other(String::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Other(String::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
                let mut words = Vec::new();
                while let Some(word) = seq.next_element::<String>()? {
                    words.push(word);
                }
                Ok(RawValue::List(words))
            }
        }
        deserializer.deserialize_any(RawValueVisitor)
    }
}

impl Serialize for RawValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RawValue::Word(word) => serializer.serialize_str(word),
            RawValue::Number(number) => serializer.serialize_i64(*number),
            RawValue::List(words) => crate::yaml::FlowSeq(words).serialize(serializer),
            RawValue::Other(text) => serializer.serialize_str(text),
        }
    }
}

impl fmt::Display for RawValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawValue::Word(word) => f.write_str(word),
            RawValue::Number(number) => write!(f, "{number}"),
            RawValue::List(words) => write!(f, "[{}]", words.join(", ")),
            RawValue::Other(text) => f.write_str(text),
        }
    }
}

/// A valid answer to a particular item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// A `yes-no` value or a `single` option.
    Choice(String),
    /// `multi` options, in checklist order.
    Choices(Vec<String>),
    Text(String),
    Scale(u8),
    Unknown,
    NotApplicable,
}

impl Value {
    pub(crate) fn is_choice(&self, value: &str) -> bool {
        match self {
            Value::Choice(choice) => choice == value,
            Value::Scale(n) => n.to_string() == value,
            _ => false,
        }
    }

    pub(crate) fn includes(&self, value: &str) -> bool {
        matches!(self, Value::Choices(choices) if choices.iter().any(|c| c == value))
    }

    /// Neither `unknown` nor `n/a`.
    pub(crate) fn is_definite(&self) -> bool {
        !matches!(self, Value::Unknown | Value::NotApplicable)
    }

    /// `unknown` and `n/a` always need a reason; other answers when the item asks for one.
    pub(crate) fn needs_rationale(&self, item: &Item) -> bool {
        item.requires_rationale || !self.is_definite()
    }

    /// A claim that a safeguard is in place needs evidence when the item asks for it.
    pub(crate) fn needs_evidence(&self, item: &Item) -> bool {
        item.requires_evidence && self.is_definite() && !self.is_adverse(item)
    }

    /// A gap (adverse) or a blind spot (`unknown`, and `n/a` on a context
    /// question, which counts as `unknown`): someone must act, by a date.
    pub(crate) fn needs_action(&self, item: &Item) -> bool {
        *self == Value::Unknown || (item.is_context && *self == Value::NotApplicable) || self.is_adverse(item)
    }

    /// An answer that admits a gap and so needs an action.
    pub(crate) fn is_adverse(&self, item: &Item) -> bool {
        if item.is_context {
            return false;
        }
        match (&item.kind, self) {
            (ItemKind::YesNo, Value::Choice(choice)) => choice == "no" || choice == "partial",
            (ItemKind::Single(choices), Value::Choice(choice)) => {
                choices.iter().any(|c| c.adverse && &c.value == choice)
            }
            (ItemKind::Multi(choices), Value::Choices(chosen)) => chosen
                .iter()
                .any(|value| choices.iter().any(|c| c.adverse && &c.value == value)),
            (
                ItemKind::Scale {
                    adverse_at_most: Some(limit),
                    ..
                },
                Value::Scale(n),
            ) => n <= limit,
            _ => false,
        }
    }

    pub(crate) fn to_raw(&self) -> RawValue {
        match self {
            Value::Choice(choice) => RawValue::Word(choice.clone()),
            Value::Choices(choices) => RawValue::List(choices.clone()),
            Value::Text(text) => RawValue::Word(text.clone()),
            Value::Scale(n) => RawValue::Number(i64::from(*n)),
            Value::Unknown => RawValue::Word(UNKNOWN.into()),
            Value::NotApplicable => RawValue::Word(NOT_APPLICABLE.into()),
        }
    }

    /// Checks a value from the file against its item.
    pub(crate) fn interpret(item: &Item, raw: &RawValue) -> Result<Value, Invalid> {
        if let RawValue::Word(word) = raw {
            match word.as_str() {
                UNKNOWN => return Ok(Value::Unknown),
                NOT_APPLICABLE => return Ok(Value::NotApplicable),
                _ => {}
            }
        }
        match (&item.kind, raw) {
            (ItemKind::YesNo, RawValue::Word(word)) if item.yes_no_values().contains(&word.as_str()) => {
                Ok(Value::Choice(word.clone()))
            }
            (ItemKind::Single(choices), RawValue::Word(word)) if choices.iter().any(|c| &c.value == word) => {
                Ok(Value::Choice(word.clone()))
            }
            (ItemKind::Multi(choices), RawValue::List(words)) => {
                if words.is_empty() {
                    return Err(Invalid::NoneChosen(
                        choices.iter().map(|c| c.value.clone()).collect(),
                    ));
                }
                for word in words {
                    if !choices.iter().any(|c| &c.value == word) {
                        return Err(Invalid::NotAnOption {
                            word: code_span(word),
                            expected: expected(item),
                        });
                    }
                }
                // Checklist order, no repeats: the file diffs the same however it was typed.
                let ordered: Vec<String> = choices
                    .iter()
                    .filter(|c| words.contains(&c.value))
                    .map(|c| c.value.clone())
                    .collect();
                if ordered.len() > 1
                    && let Some(exclusive) =
                        choices.iter().find(|c| c.exclusive && ordered.contains(&c.value))
                {
                    return Err(Invalid::Exclusive(exclusive.value.clone()));
                }
                Ok(Value::Choices(ordered))
            }
            (_, RawValue::Other(text)) if text.is_empty() => Err(Invalid::Empty(expected(item))),
            // Free text is text, even when YAML reads it as a number or boolean.
            (ItemKind::Text, RawValue::Word(text) | RawValue::Other(text)) if !text.trim().is_empty() => {
                Ok(Value::Text(text.clone()))
            }
            (ItemKind::Text, RawValue::Number(n)) => Ok(Value::Text(n.to_string())),
            (ItemKind::Scale { .. }, RawValue::Number(n)) if let Some(n) = scale_point(*n) => {
                Ok(Value::Scale(n))
            }
            // `"3"` quoted by hand (or by a YAML tool) still means 3.
            (ItemKind::Scale { .. }, RawValue::Word(word))
                if word.trim().parse::<u8>().is_ok_and(|n| (1..=5).contains(&n)) =>
            {
                Ok(Value::Scale(word.trim().parse().unwrap_or(1)))
            }
            _ => Err(Invalid::NotValid {
                value: code_span(&raw.to_string()),
                expected: expected(item),
            }),
        }
    }

    /// Parses a value typed on the command line (`etika answer`): multi-choice
    /// values are separated by commas.
    pub(crate) fn parse_cli(item: &Item, text: &str) -> Result<Value, Invalid> {
        let text = text.trim();
        let raw = match &item.kind {
            _ if text == UNKNOWN || text == NOT_APPLICABLE => RawValue::Word(text.to_string()),
            ItemKind::Multi(_) => RawValue::List(
                text.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
            ),
            ItemKind::Scale { .. } => match text.parse::<i64>() {
                Ok(n) => RawValue::Number(n),
                Err(_) => RawValue::Word(text.to_string()),
            },
            _ => RawValue::Word(text.to_string()),
        };
        Value::interpret(item, &raw)
    }
}

/// Why a value does not fit its item; `crate::say` words it. Values quoted
/// from the file are already in code spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Invalid {
    /// An empty list for a `multi` item: its options.
    NoneChosen(Vec<String>),
    NotAnOption {
        word: String,
        expected: Expected,
    },
    /// An exclusive option (its value) ticked together with others.
    Exclusive(String),
    Empty(Expected),
    NotValid {
        value: String,
        expected: Expected,
    },
}

/// What an item accepts (besides `unknown` and `n/a`), for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Expected {
    OneOf(Vec<String>),
    ListOf(Vec<String>),
    Text,
    Scale,
}

fn expected(item: &Item) -> Expected {
    let values = |choices: &[crate::checklist::Choice]| choices.iter().map(|c| c.value.clone()).collect();
    match &item.kind {
        ItemKind::YesNo => Expected::OneOf(item.yes_no_values().iter().map(ToString::to_string).collect()),
        ItemKind::Single(choices) => Expected::OneOf(values(choices)),
        ItemKind::Multi(choices) => Expected::ListOf(values(choices)),
        ItemKind::Text => Expected::Text,
        ItemKind::Scale { .. } => Expected::Scale,
    }
}

/// A scale answer: a whole number from 1 to 5.
fn scale_point(number: i64) -> Option<u8> {
    u8::try_from(number).ok().filter(|n| (1..=5).contains(n))
}

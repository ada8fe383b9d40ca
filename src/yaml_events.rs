//! A faster way into the same serde types: a `Deserializer` straight over
//! granit-parser's events (the parser under serde-saphyr), for the plain
//! YAML etika writes and people usually write.
//!
//! serde-saphyr spent four to five times as long as merely parsing the
//! events (most of a `validate`), for anchors, merge keys, tags, comments
//! and error reports that plain files do not need. This reader handles
//! plain block and flow YAML and, at anything else, gives up with
//! [`Fallback`]: an alias or anchor, a tag, a merge key, a key that is not
//! a string, the same key twice, a value it does not read exactly as
//! serde-saphyr does, a size limit, any error at all. Then `yaml.rs` reads
//! the text again with serde-saphyr, so every error, and every construct
//! this reader leaves out, is reported in serde-saphyr's words at its
//! place. What it does read, it reads as serde-saphyr: the same events,
//! scalars typed the same way (YAML 1.2 core, strict booleans), and
//! `Spanned<T>` at the same line, column and byte range.

use foldhash::HashSet;
use std::borrow::Cow;
use std::fmt;

use granit_parser::{Event, Parser, ScalarStyle, Span as EventSpan, StrInput};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

/// This reader does not read the document; serde-saphyr will.
#[derive(Debug)]
pub(crate) struct Fallback;

impl fmt::Display for Fallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("read by serde-saphyr instead")
    }
}

impl std::error::Error for Fallback {}

impl de::Error for Fallback {
    fn custom<T: fmt::Display>(_: T) -> Fallback {
        Fallback
    }
}

type Result<T> = std::result::Result<T, Fallback>;

/// The limits `yaml.rs` sets for serde-saphyr. This reader stops short of
/// each, so that serde-saphyr, reading again, reports the breach itself.
pub(crate) struct Limits {
    pub(crate) max_depth: usize,
    pub(crate) max_nodes: usize,
    pub(crate) max_events: usize,
    pub(crate) simple_key_max_lookahead: usize,
}

/// Reads `T` from `text`, or says to read it with serde-saphyr.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str, limits: &Limits) -> Result<T> {
    let options = granit_parser::options! {
        simple_key_max_lookahead: limits.simple_key_max_lookahead,
        flow_nesting_limit: limits.max_depth,
        emit_comments: false,
    };
    let mut reader = Reader {
        parser: Parser::new_from_str_with_options(text, options),
        peeked: None,
        events: 0,
        nodes: 0,
        depth: 0,
        limits,
    };
    // A stream of one document, and nothing else.
    if !matches!(reader.next()?, Head::StreamStart) || !matches!(reader.next()?, Head::DocumentStart) {
        return Err(Fallback);
    }
    let value = T::deserialize(&mut reader)?;
    if !matches!(reader.next()?, Head::DocumentEnd) || !matches!(reader.next()?, Head::StreamEnd) {
        return Err(Fallback);
    }
    Ok(value)
}

struct Reader<'a, 'l> {
    parser: Parser<'a, StrInput<'a>>,
    peeked: Option<(Event<'a>, EventSpan)>,
    events: usize,
    nodes: usize,
    depth: usize,
    limits: &'l Limits,
}

/// What an event says, its text taken out: the event itself (with its
/// tag, anchor and span, well over a hundred bytes) stays where the parser
/// put it, as moving it through each call cost a sixth of the reading.
enum Head<'a> {
    /// A scalar without anchor or tag: its text, and whether it is plain.
    Scalar(Cow<'a, str>, bool),
    SeqStart,
    MapStart,
    SeqEnd,
    MapEnd,
    StreamStart,
    DocumentStart,
    DocumentEnd,
    StreamEnd,
    /// An alias, an anchor, a tag or anything else this reader leaves out.
    Other,
}

impl<'a> Reader<'a, '_> {
    /// Makes the next event that is not a comment the peeked one.
    fn fill(&mut self) -> Result<()> {
        while self.peeked.is_none() {
            let event = self.parser.next().ok_or(Fallback)?.map_err(|_| Fallback)?;
            self.events += 1;
            if self.events >= self.limits.max_events {
                return Err(Fallback);
            }
            #[allow(unreachable_patterns)]
            if !matches!(event.0, Event::Comment(..)) {
                self.peeked = Some(event);
            }
        }
        Ok(())
    }

    fn peek(&mut self) -> Result<&Event<'a>> {
        self.fill()?;
        Ok(&self.peeked.as_ref().ok_or(Fallback)?.0)
    }

    /// Consumes the next event.
    fn next(&mut self) -> Result<Head<'a>> {
        self.fill()?;
        let (event, _) = self.peeked.as_mut().ok_or(Fallback)?;
        let head = match event {
            Event::Scalar(text, style, 0, None) => {
                Head::Scalar(std::mem::take(text), *style == ScalarStyle::Plain)
            }
            Event::SequenceStart(_, 0, None) => Head::SeqStart,
            Event::MappingStart(_, 0, None) => Head::MapStart,
            Event::SequenceEnd => Head::SeqEnd,
            Event::MappingEnd => Head::MapEnd,
            Event::StreamStart => Head::StreamStart,
            Event::DocumentStart(..) => Head::DocumentStart,
            Event::DocumentEnd => Head::DocumentEnd,
            Event::StreamEnd => Head::StreamEnd,
            _ => Head::Other,
        };
        self.peeked = None;
        Ok(head)
    }

    /// The next node's first event, counted against the limits; only
    /// plain nodes (no anchor, no tag) are read here.
    fn node(&mut self) -> Result<Head<'a>> {
        self.nodes += 1;
        if self.nodes >= self.limits.max_nodes {
            return Err(Fallback);
        }
        match self.next()? {
            head @ (Head::Scalar(..) | Head::SeqStart | Head::MapStart) => Ok(head),
            _ => Err(Fallback),
        }
    }

    /// The next node, which must be a scalar: its text and whether it was plain.
    fn scalar(&mut self) -> Result<(Cow<'a, str>, bool)> {
        match self.node()? {
            Head::Scalar(text, plain) => Ok((text, plain)),
            _ => Err(Fallback),
        }
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        // serde-saphyr counts depth its own way: stop a level early.
        if self.depth + 1 >= self.limits.max_depth {
            return Err(Fallback);
        }
        Ok(())
    }

    /// Whether the next event is a plain scalar that reads as null.
    fn null_next(&mut self) -> Result<bool> {
        Ok(matches!(self.peek()?, Event::Scalar(text, ScalarStyle::Plain, 0, None) if is_null(text)))
    }
}

/// YAML 1.2 core-schema null.
fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn strict_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// A plain scalar that is a whole number in the plainest form (`0`, `42`,
/// `-7`); any other form of number (`+1`, `007`, `0x1f`, `1_000`) is left
/// to serde-saphyr.
fn plain_integer(text: &str) -> Option<i128> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let plain = !digits.is_empty()
        && digits.len() <= 20
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if plain { text.parse().ok() } else { None }
}

/// Whether a plain scalar might be read as something other than a string
/// by some type (a number of another form, infinity, not-a-number).
fn maybe_not_text(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))
}

/// A plain scalar that starts with a digit but that no form of number
/// takes: a date (`2027-03-31`) or a version (`1.1.0`), digits with two
/// or more dashes or dots; or one with a letter no number has (`1f0c2a9e`:
/// numbers have only an exponent's `e`, or `x`, `o`, `b` after a `0`).
fn surely_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let dated = bytes
        .iter()
        .all(|&b| b.is_ascii_digit() || b == b'-' || b == b'.')
        && (memchr::memchr_iter(b'-', bytes).count() >= 2 || memchr::memchr_iter(b'.', bytes).count() >= 2);
    let radix = bytes[0] == b'0' && matches!(bytes.get(1), Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B'));
    let lettered = !radix
        && bytes
            .iter()
            .any(|&b| b.is_ascii_alphabetic() && b != b'e' && b != b'E');
    dated || lettered
}

/// A text of `'a`, handed to the visitor borrowed when the parser lent it.
fn visit_text<'de, V: Visitor<'de>>(text: Cow<'de, str>, visitor: V) -> Result<V::Value> {
    match text {
        Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
        Cow::Owned(text) => visitor.visit_string(text),
    }
}

fn visit_integer<'de, V: Visitor<'de>>(number: i128, visitor: V) -> Result<V::Value> {
    match u64::try_from(number) {
        Ok(number) => visitor.visit_u64(number),
        Err(_) => visitor.visit_i64(i64::try_from(number).map_err(|_| Fallback)?),
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de, '_> {
    type Error = Fallback;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.node()? {
            Head::Scalar(text, true) => {
                if let Some(value) = strict_bool(&text) {
                    return visitor.visit_bool(value);
                }
                if let Some(number) = plain_integer(&text) {
                    return visit_integer(number, visitor);
                }
                if is_null(&text) {
                    return visitor.visit_unit();
                }
                if maybe_not_text(&text) && !surely_text(&text) {
                    return Err(Fallback);
                }
                visit_text(text, visitor)
            }
            Head::Scalar(text, false) => visit_text(text, visitor),
            Head::SeqStart => {
                self.enter()?;
                let mut items = Items {
                    reader: self,
                    done: false,
                };
                let value = visitor.visit_seq(&mut items)?;
                if !items.done {
                    return Err(Fallback);
                }
                self.depth -= 1;
                Ok(value)
            }
            Head::MapStart => {
                self.enter()?;
                let mut entries = Entries {
                    reader: self,
                    keys: Keys::default(),
                    done: false,
                };
                let value = visitor.visit_map(&mut entries)?;
                if !entries.done {
                    return Err(Fallback);
                }
                self.depth -= 1;
                Ok(value)
            }
            _ => Err(Fallback),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.null_next()? {
            self.node()?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    // A string takes any scalar as written (`clause: 5` is "5"), but null.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if !matches!(self.peek()?, Event::Scalar(..)) {
            return self.deserialize_any(visitor);
        }
        match self.scalar()? {
            (text, true) if is_null(&text) => Err(Fallback),
            (text, _) => visit_text(text, visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.scalar()? {
            (text, true) => visitor.visit_bool(strict_bool(&text).ok_or(Fallback)?),
            _ => Err(Fallback),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.scalar()? {
            (text, true) => visit_integer(plain_integer(&text).ok_or(Fallback)?, visitor),
            _ => Err(Fallback),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value> {
        if name != SPANNED {
            return visitor.visit_newtype_struct(self);
        }
        // Where the value starts, as serde-saphyr places it: its first event.
        self.peek()?;
        let span = &self.peeked.as_ref().ok_or(Fallback)?.1;
        let location = Place::of(span)?;
        visitor.visit_newtype_struct(SpannedDe {
            reader: self,
            location,
        })
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            Event::SequenceStart(..) => self.deserialize_any(visitor),
            _ => Err(Fallback),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            Event::MappingStart(..) => self.deserialize_any(visitor),
            _ => Err(Fallback),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    // A unit variant written as a scalar; any other form is serde-saphyr's.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.scalar()? {
            (text, true) if is_null(&text) => Err(Fallback),
            (text, _) => visitor.visit_enum(text.as_ref().into_deserializer()),
        }
    }

    // What a type leaves out, serde-saphyr still checks (duplicate keys,
    // tags inside): left to it.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Fallback)
    }

    forward_to_deserialize_any! {
        i128 u128 f32 f64 char bytes byte_buf unit unit_struct
    }
}

/// serde-saphyr's name for the newtype through which `Spanned<T>` asks
/// for its value's position, and the key that marks the map it answers with.
const SPANNED: &str = "__yaml_spanned";
const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

/// The keys of one mapping so far, to find one given twice.
#[derive(Default)]
struct Keys<'a> {
    few: Vec<Cow<'a, str>>,
    many: HashSet<Cow<'a, str>>,
}

impl<'a> Keys<'a> {
    /// Adds `key`; false when it was there already.
    fn insert(&mut self, key: Cow<'a, str>) -> bool {
        const FEW: usize = 16;
        if self.many.is_empty() {
            if self.few.contains(&key) {
                return false;
            }
            if self.few.len() < FEW {
                self.few.push(key);
                return true;
            }
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(key)
    }
}

struct Items<'r, 'a, 'l> {
    reader: &'r mut Reader<'a, 'l>,
    done: bool,
}

impl<'de> SeqAccess<'de> for &mut Items<'_, 'de, '_> {
    type Error = Fallback;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.done {
            return Ok(None);
        }
        if matches!(self.reader.peek()?, Event::SequenceEnd) {
            self.reader.next()?;
            self.done = true;
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

struct Entries<'r, 'a, 'l> {
    reader: &'r mut Reader<'a, 'l>,
    keys: Keys<'a>,
    done: bool,
}

impl<'de> MapAccess<'de> for &mut Entries<'_, 'de, '_> {
    type Error = Fallback;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.done {
            return Ok(None);
        }
        match self.reader.peek()? {
            Event::MappingEnd => {
                self.reader.next()?;
                self.done = true;
                return Ok(None);
            }
            // A string key; `<<` (a merge key), keys that read as null,
            // booleans or numbers, and keys given twice are serde-saphyr's.
            Event::Scalar(text, style, 0, None) => {
                let plain = *style == ScalarStyle::Plain;
                if plain
                    && (text == "<<" || is_null(text) || strict_bool(text).is_some() || maybe_not_text(text))
                {
                    return Err(Fallback);
                }
                let key = text.clone();
                if !self.keys.insert(key) {
                    return Err(Fallback);
                }
            }
            _ => return Err(Fallback),
        }
        // The key is read as any node, with its place (`Spanned<String>` keys).
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.reader)
    }
}

/// A place as serde-saphyr records it: line, column (both from 1), and
/// the range in characters and in bytes.
#[derive(Clone, Copy)]
struct Place {
    line: u64,
    column: u64,
    offset: u64,
    len: u64,
    byte_offset: u64,
    byte_len: u64,
}

impl Place {
    fn of(span: &EventSpan) -> Result<Place> {
        let start = span.start.byte_offset().ok_or(Fallback)?;
        let end = span.end.byte_offset().ok_or(Fallback)?;
        let wide = |n: usize| u64::try_from(n).map_err(|_| Fallback);
        let byte_len = end.saturating_sub(start);
        if start > u32::MAX as usize || byte_len > u32::MAX as usize {
            return Err(Fallback);
        }
        Ok(Place {
            line: wide(span.start.line())?,
            column: wide(span.start.col())? + 1,
            offset: wide(span.start.index())?,
            len: wide(span.len())?,
            byte_offset: wide(start)?,
            byte_len: wide(byte_len)?,
        })
    }
}

/// What `Spanned<T>` is handed: the map serde-saphyr answers with, its
/// marker first, then the value and the place twice (where the value is
/// used and where it is defined: the same without aliases).
struct SpannedDe<'r, 'a, 'l> {
    reader: &'r mut Reader<'a, 'l>,
    location: Place,
}

impl<'de> de::Deserializer<'de> for SpannedDe<'_, 'de, '_> {
    type Error = Fallback;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_map(SpannedMap {
            reader: self.reader,
            location: self.location,
            state: 0,
        })
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct SpannedMap<'r, 'a, 'l> {
    reader: &'r mut Reader<'a, 'l>,
    location: Place,
    state: u8,
}

impl<'de> MapAccess<'de> for SpannedMap<'_, 'de, '_> {
    type Error = Fallback;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let key = match self.state {
            0 => SPANNED_MARKER,
            1 => "value",
            2 => "referenced",
            3 => "defined",
            _ => return Ok(None),
        };
        self.state += 1;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        match self.state {
            1 => seed.deserialize(true.into_deserializer()),
            2 => seed.deserialize(&mut *self.reader),
            3 | 4 => seed.deserialize(Synth::Location(self.location)),
            _ => Err(Fallback),
        }
    }
}

/// serde-saphyr's `Location` and `Span`, as their own `Deserialize` reads
/// them (their fields are private): maps of numbers.
#[derive(Clone, Copy)]
enum Synth {
    Number(u64),
    Pair(u64, u64),
    Span(Place),
    Location(Place),
}

impl<'de> de::Deserializer<'de> for Synth {
    type Error = Fallback;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            Synth::Number(n) => visitor.visit_u64(n),
            Synth::Pair(a, b) => visitor.visit_seq(de::value::SeqDeserializer::new(
                [Synth::Number(a), Synth::Number(b)].into_iter(),
            )),
            Synth::Span(place) => visitor.visit_map(de::value::MapDeserializer::new(
                [
                    ("offset", Synth::Number(place.offset)),
                    ("len", Synth::Number(place.len)),
                    ("byte_info", Synth::Pair(place.byte_offset, place.byte_len)),
                ]
                .into_iter(),
            )),
            Synth::Location(place) => visitor.visit_map(de::value::MapDeserializer::new(
                [
                    ("line", Synth::Number(place.line)),
                    ("column", Synth::Number(place.column)),
                    ("span", Synth::Span(place)),
                ]
                .into_iter(),
            )),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl IntoDeserializer<'_, Fallback> for Synth {
    type Deserializer = Synth;

    fn into_deserializer(self) -> Synth {
        self
    }
}

/// The reader is held to serde-saphyr itself: on every YAML file in the
/// repository, and on constructs picked to differ, a document it reads
/// gives the same values at the same places, and one it does not read is
/// left to serde-saphyr.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Spanned;
    use serde::Deserialize;

    /// Any YAML node, every value with its place.
    #[derive(Debug, PartialEq)]
    enum Node {
        Text(String),
        Number(i64),
        Bool(bool),
        Null,
        List(Vec<Spanned<Node>>),
        Map(Vec<(Spanned<String>, Spanned<Node>)>),
    }

    impl<'de> Deserialize<'de> for Node {
        fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> std::result::Result<Node, D::Error> {
            struct NodeVisitor;
            impl<'de> Visitor<'de> for NodeVisitor {
                type Value = Node;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("any YAML node")
                }
                fn visit_str<E: de::Error>(self, text: &str) -> std::result::Result<Node, E> {
                    Ok(Node::Text(text.to_string()))
                }
                fn visit_u64<E: de::Error>(self, n: u64) -> std::result::Result<Node, E> {
                    i64::try_from(n).map(Node::Number).map_err(E::custom)
                }
                fn visit_i64<E: de::Error>(self, n: i64) -> std::result::Result<Node, E> {
                    Ok(Node::Number(n))
                }
                fn visit_f64<E: de::Error>(self, n: f64) -> std::result::Result<Node, E> {
                    Ok(Node::Text(n.to_string()))
                }
                fn visit_bool<E: de::Error>(self, b: bool) -> std::result::Result<Node, E> {
                    Ok(Node::Bool(b))
                }
                fn visit_unit<E: de::Error>(self) -> std::result::Result<Node, E> {
                    Ok(Node::Null)
                }
                fn visit_none<E: de::Error>(self) -> std::result::Result<Node, E> {
                    Ok(Node::Null)
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Node, A::Error> {
                    let mut items = Vec::new();
                    while let Some(item) = seq.next_element()? {
                        items.push(item);
                    }
                    Ok(Node::List(items))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Node, A::Error> {
                    let mut entries = Vec::new();
                    while let Some(entry) = map.next_entry()? {
                        entries.push(entry);
                    }
                    Ok(Node::Map(entries))
                }
            }
            deserializer.deserialize_any(NodeVisitor)
        }
    }

    fn limits() -> Limits {
        Limits {
            max_depth: 64,
            max_nodes: 2_000_000,
            max_events: 4_000_000,
            simple_key_max_lookahead: serde_saphyr::Budget::default().simple_key_max_lookahead,
        }
    }

    /// Whether this reader read `text`; when it did, serde-saphyr reads the
    /// same nodes at the same places.
    fn agrees(text: &str, name: &str) -> bool {
        let Ok(fast) = from_str::<Spanned<Node>>(text, &limits()) else {
            return false;
        };
        let options = serde_saphyr::options! { strict_booleans: true };
        let saphyr = serde_saphyr::from_str_with_options::<Spanned<Node>>(text, options)
            .unwrap_or_else(|error| panic!("{name}: read here, but serde-saphyr says: {error}"));
        assert_eq!(fast, saphyr, "{name}");
        true
    }

    fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_file_it_reads_reads_as_serde_saphyr_reads_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["checklists", "examples", "tests/fixtures"] {
            yaml_files(&root.join(dir), &mut files);
        }
        let mut read = 0;
        for file in &files {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            read += usize::from(agrees(&text, &file.display().to_string()));
        }
        // Most files are plain YAML: this reader, not serde-saphyr, reads them.
        assert!(read * 2 > files.len(), "{read} of {} files read", files.len());
        // Typed, the example and the built-in checklist read here too
        // (untyped, a fingerprint such as `880ee701` might be a number, and
        // is left to serde-saphyr).
        let example =
            std::fs::read_to_string(root.join("examples/loan-approval/ethics-assessment.yaml")).unwrap();
        assert!(from_str::<crate::assessment::RawAssessment>(&example, &limits()).is_ok());
        let builtin = crate::checklist::BUILTIN[0].source;
        assert!(from_str::<crate::checklist::raw::RawChecklist>(builtin, &limits()).is_ok());
    }

    #[test]
    fn places_count_characters_and_bytes_as_serde_saphyr_does() {
        for text in [
            "a: b\n",
            "ä: \"ü\"\nb: [1, 'x y', {c: d}]\n",
            "text: |\n  two\n  lines\nnext: >-\n  folded\n  here\n",
            "- one\n- \"two\\tescaped\"\n-\n  - nested: véry\n",
            "{a: 1, b: -2, c: true, d: False, e: 'yes', f: no}\n",
            "\u{feff}bom: first\n",
            "crlf: a\r\nnext: b\r\n",
            "key with spaces: v\n\"quoted key\": w\n",
        ] {
            assert!(agrees(text, text), "{text:?} is plain YAML: read here");
        }
    }

    /// A string field takes any scalar as serde-saphyr gives it.
    #[test]
    fn a_string_field_takes_a_scalar_as_serde_saphyr_gives_it() {
        #[derive(Debug, PartialEq, Deserialize)]
        struct Doc {
            text: String,
            maybe: Option<String>,
        }
        let mut read = 0;
        for scalar in [
            "true",
            "5",
            "-3",
            "1.5",
            "0x1f",
            "yes",
            "1.1.0",
            "2027-03-31",
            "'quoted'",
            "a: b",
        ] {
            let text = format!("text: {scalar}\nmaybe: {scalar}\n");
            let fast = from_str::<Doc>(&text, &limits());
            let options = serde_saphyr::options! { strict_booleans: true };
            let saphyr = serde_saphyr::from_str_with_options::<Doc>(&text, options);
            match (fast, saphyr) {
                (Ok(fast), Ok(saphyr)) => {
                    assert_eq!(fast, saphyr, "{text:?}");
                    read += 1;
                }
                (Ok(fast), Err(error)) => panic!("{text:?}: read as {fast:?}, but serde-saphyr says {error}"),
                (Err(_), _) => {}
            }
        }
        // All but the mapping (`a: b` is no scalar) are read here.
        assert_eq!(read, 9);
    }

    #[test]
    fn what_it_does_not_read_exactly_is_left_to_serde_saphyr() {
        for text in [
            // Duplicate keys, however written.
            "a: 1\na: 2\n",
            "a: 1\n'a': 2\n",
            // Anchors, aliases, merge keys, tags.
            "a: &x 1\nb: *x\n",
            "base: &b {x: 1}\nc:\n  <<: *b\n",
            "a: !custom 1\n",
            "a: !!str 1\n",
            // Values typed otherwise by some schema.
            "a: 1.5\n",
            "a: 0x1f\n",
            "a: +1\n",
            "a: 007\n",
            "a: .inf\n",
            "a: 1e3\n",
            "a: 12e45678\n",
            "a: 12-3\n",
            // Keys that are not plain strings.
            "1: a\n",
            "true: a\n",
            "null: a\n",
            "[a, b]: c\n",
            // Not one document.
            "",
            "a: 1\n---\nb: 2\n",
            // Broken YAML.
            "a: [1, 2\n",
            "a: b: c\n",
        ] {
            assert!(
                from_str::<Spanned<Node>>(text, &limits()).is_err(),
                "{text:?} is left to serde-saphyr"
            );
        }
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        assert!(from_str::<Spanned<Node>>(&deep, &limits()).is_err());
    }
}

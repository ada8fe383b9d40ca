//! The built-in checklists as build.rs compiled them: static YAML node
//! trees, read through the same serde types and checks as any checklist
//! file, without parsing YAML at run time.
//!
//! The deserializer reads scalars as serde-saphyr does for the types
//! `raw.rs` uses. It gives `Spanned<T>` no position (line 0): a built-in
//! checklist passes its checks, so no message ever points into it, and
//! lint, which points at its texts, reads the file itself. Handing every
//! span over cost a quarter of a `checklist show`. `builtin.rs` tests that a
//! load of the tree and a parse of the file give the same checklist.

use serde::de::value::Error;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

/// A compiled YAML document: its nodes, the root first, and the text of
/// its scalars.
pub(crate) struct Tree {
    nodes: &'static [Node],
    strings: &'static str,
}

/// A YAML node.
pub(crate) struct Node {
    kind: u8,
    /// A scalar's text in `strings`; a collection's children in `nodes`
    /// (a map's as key, value, key, value, ...).
    first: u32,
    len: u32,
}

const PLAIN: u8 = 0;
const QUOTED: u8 = 1;
const SEQ: u8 = 2;
const MAP: u8 = 3;

const fn n(kind: u8, first: u32, len: u32) -> Node {
    Node { kind, first, len }
}

/// What build.rs wrote: offsets as it counted them, unformatted.
#[allow(clippy::unreadable_literal)]
mod generated {
    use super::{Node, Tree, n};
    include!(concat!(env!("OUT_DIR"), "/builtin_checklists.rs"));
}
pub(crate) use generated::AI_ETHICS;

impl Tree {
    /// `text` as a `'static` string, when it lies in this tree's scalars.
    /// Every scalar of a tree is handed to serde as a slice of `strings`, so
    /// a value type can keep such a slice instead of copying it; a text from
    /// anywhere else (a file, a message) is not in that memory.
    pub(crate) fn borrow(&'static self, text: &str) -> Option<&'static str> {
        let start = (text.as_ptr() as usize).checked_sub(self.strings.as_ptr() as usize)?;
        self.strings.get(start..start.checked_add(text.len())?)
    }
}

/// Reads `T` from a compiled tree.
pub(crate) fn read<T: de::Deserialize<'static>>(tree: &'static Tree) -> Result<T, Error> {
    let root = tree
        .nodes
        .first()
        .ok_or_else(|| de::Error::custom("an empty tree"))?;
    T::deserialize(NodeDe { tree, node: root })
}

/// What a node holds.
enum Value {
    /// A plain scalar: may be a number, a boolean or null.
    Plain(&'static str),
    /// A quoted or block scalar: always a string.
    Quoted(&'static str),
    Seq(&'static [Node]),
    Map(&'static [Node]),
}

/// serde-saphyr's name for the newtype through which `Spanned<T>` asks
/// for its value's position.
const SPANNED: &str = "__yaml_spanned";

/// YAML 1.2 core-schema null, as serde-saphyr reads it for an `Option`.
fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

#[derive(Clone, Copy)]
struct NodeDe {
    tree: &'static Tree,
    node: &'static Node,
}

impl NodeDe {
    fn value(self) -> Result<Value, Error> {
        let range = self.node.first as usize..(self.node.first as usize + self.node.len as usize);
        let broken = || de::Error::custom("a compiled node out of range");
        Ok(match self.node.kind {
            PLAIN => Value::Plain(self.tree.strings.get(range).ok_or_else(broken)?),
            QUOTED => Value::Quoted(self.tree.strings.get(range).ok_or_else(broken)?),
            SEQ => Value::Seq(self.tree.nodes.get(range).ok_or_else(broken)?),
            MAP => Value::Map(self.tree.nodes.get(range).ok_or_else(broken)?),
            _ => return Err(broken()),
        })
    }

    fn scalar(self) -> Result<Option<&'static str>, Error> {
        Ok(match self.value()? {
            Value::Plain(text) | Value::Quoted(text) => Some(text),
            _ => None,
        })
    }

    fn of(self, node: &'static Node) -> NodeDe {
        NodeDe {
            tree: self.tree,
            node,
        }
    }
}

impl<'de> de::Deserializer<'de> for NodeDe {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value()? {
            Value::Plain(text) => plain(text, visitor),
            Value::Quoted(text) => visitor.visit_str(text),
            Value::Seq(items) => visitor.visit_seq(Items {
                de: self,
                items: items.iter(),
            }),
            Value::Map(entries) => visitor.visit_map(Entries {
                de: self,
                pairs: entries.chunks_exact(2),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value()? {
            Value::Plain(text) if is_null(text) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    // A string field takes any scalar as written: `clause: 5` is "5".
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar()? {
            Some(text) => visitor.visit_str(text),
            None => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == SPANNED {
            visitor.visit_newtype_struct(Unplaced(self))
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct enum
    }
}

/// A plain scalar as the YAML 1.2 core schema types it, booleans strict.
fn plain<'de, V: Visitor<'de>>(text: &str, visitor: V) -> Result<V::Value, Error> {
    if is_null(text) {
        return visitor.visit_unit();
    }
    match text {
        "true" | "True" | "TRUE" => return visitor.visit_bool(true),
        "false" | "False" | "FALSE" => return visitor.visit_bool(false),
        _ => {}
    }
    if let Ok(number) = text.parse::<u64>() {
        return visitor.visit_u64(number);
    }
    if let Ok(number) = text.parse::<i64>() {
        return visitor.visit_i64(number);
    }
    if text.bytes().any(|b| b.is_ascii_digit())
        && let Ok(number) = text.parse::<f64>()
    {
        return visitor.visit_f64(number);
    }
    visitor.visit_str(text)
}

struct Items {
    de: NodeDe,
    items: std::slice::Iter<'static, Node>,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        self.items
            .next()
            .map(|item| seed.deserialize(self.de.of(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries {
    de: NodeDe,
    /// Key and value.
    pairs: std::slice::ChunksExact<'static, Node>,
    value: Option<&'static Node>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some([key, value]) = self.pairs.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(self.de.of(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a map value without its key"))?;
        seed.deserialize(self.de.of(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.pairs.len())
    }
}

/// The value of a `Spanned<T>`, without a position: `Spanned` reads a
/// plain value (not its marked map of value and positions) as placed at
/// line 0. It reads it with `deserialize_any`, so its type is not known
/// here: a plain scalar of digits is a number (for `up_to`,
/// `adverse_at_most`), any other a string. A text of digits where a
/// string is wanted fails to read, and the built-in tests say so.
struct Unplaced(NodeDe);

impl<'de> de::Deserializer<'de> for Unplaced {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.value()? {
            Value::Plain(text) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
                match text.parse::<u64>() {
                    Ok(number) => visitor.visit_u64(number),
                    Err(_) => visitor.visit_str(text),
                }
            }
            Value::Plain(text) | Value::Quoted(text) => visitor.visit_str(text),
            _ => self.0.deserialize_any(visitor),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
        struct enum identifier ignored_any
    }
}

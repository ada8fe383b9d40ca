//! Conditions on earlier answers that decide whether an item applies.
//! They are data (`all`/`any`/`not`/`equals`/`in`/`not_in`/`includes`),
//! never strings to evaluate; `evaluate::condition` decides them.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    Equals { item: String, value: String },
    In { item: String, values: Vec<String> },
    NotIn { item: String, values: Vec<String> },
    Includes { item: String, value: String },
}

impl Condition {
    /// Every item id the condition refers to.
    pub(crate) fn items(&self) -> Vec<&str> {
        let mut ids = Vec::new();
        self.collect_items(&mut ids);
        ids
    }

    fn collect_items<'a>(&'a self, ids: &mut Vec<&'a str>) {
        match self {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.collect_items(ids)),
            Condition::Not(c) => c.collect_items(ids),
            Condition::Equals { item, .. }
            | Condition::In { item, .. }
            | Condition::NotIn { item, .. }
            | Condition::Includes { item, .. } => ids.push(item),
        }
    }
}

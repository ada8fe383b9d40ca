//! Legal regimes and their classes, as the checklist declares them: which
//! context answers put a system in the EU AI Act's high-risk class, or make
//! a DPIA mandatory under Indonesia's UU PDP.

use super::impact::Obligations;
use super::{Condition, Reference};
use crate::text::Text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Regime {
    pub(crate) id: String,
    pub(crate) title: Text,
    pub(crate) classes: Vec<LegalClass>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LegalClass {
    pub(crate) id: String,
    pub(crate) title: Text,
    /// `None`: applies when no other class of the regime does.
    pub(crate) when: Option<Condition>,
    pub(crate) exclusive: bool,
    pub(crate) blocks: bool,
    pub(crate) explain: Option<Text>,
    pub(crate) references: Vec<Reference>,
    pub(crate) obligations: Obligations,
}

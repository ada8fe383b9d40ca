//! Which legal classes apply: each regime's classes tried in order against
//! the context answers, as the checklist declares them.

use serde::Serialize;

use crate::checklist::Regime;

use super::condition::{Known, Truth, reasons, truth};

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ClassHit {
    pub(crate) class: String,
    /// Its position in the regime's classes.
    #[serde(skip)]
    pub(crate) index: usize,
    /// The context items whose answers put the system in the class.
    pub(crate) items: Vec<String>,
    /// It applies only because an answer it tests is `unknown`: when unsure,
    /// the stricter class.
    pub(crate) assumed: bool,
    /// The class without `when`, taken because no other applies.
    pub(crate) fallback: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct RegimeResult {
    pub(crate) regime: String,
    #[serde(skip)]
    pub(crate) index: usize,
    pub(crate) classes: Vec<ClassHit>,
    /// Some class waits on an unanswered context question: this may change.
    pub(crate) complete: bool,
}

pub(crate) fn classify<'a>(regimes: &[Regime], known: &dyn Fn(&str) -> Known<'a>) -> Vec<RegimeResult> {
    regimes
        .iter()
        .enumerate()
        .map(|(index, regime)| classify_one(index, regime, known))
        .collect()
}

fn classify_one<'a>(index: usize, regime: &Regime, known: &dyn Fn(&str) -> Known<'a>) -> RegimeResult {
    let mut classes = Vec::new();
    let mut complete = true;
    for (position, class) in regime.classes.iter().enumerate() {
        let Some(when) = &class.when else { continue };
        let assumed = match truth(when, known) {
            Truth::True => false,
            Truth::Unknown => true,
            Truth::Pending => {
                complete = false;
                continue;
            }
            Truth::False => continue,
        };
        classes.push(ClassHit {
            class: class.id.clone(),
            index: position,
            items: reasons(when, known),
            assumed,
            fallback: false,
        });
        // Only a class that surely applies rules out the ones after it.
        if class.exclusive && !assumed {
            break;
        }
    }
    // "No other class applies" can only be said once every class is decided.
    if classes.is_empty()
        && complete
        && let Some(position) = regime.classes.iter().position(|c| c.when.is_none())
    {
        classes.push(ClassHit {
            class: regime.classes[position].id.clone(),
            index: position,
            items: Vec::new(),
            assumed: false,
            fallback: true,
        });
    }
    RegimeResult {
        regime: regime.id.clone(),
        index,
        classes,
        complete,
    }
}

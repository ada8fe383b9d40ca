//! "Did you mean": the checklist id nearest to a mistyped one.
//!
//! A file whose every answer id was renamed must not cost a comparison with
//! every item for every answer: candidates come from the same section first,
//! an edit distance above the limit cannot come from ids whose lengths differ
//! more, and only the first answers of a file get suggestions.

use std::collections::HashMap;

use crate::checklist::Checklist;

/// Edits beyond this are a different id, not a typo.
const MAX_DISTANCE: usize = 3;
/// Enough to fix a file by hand; a file with more unknown ids needs a look anyway.
const MAX_SUGGESTIONS: usize = 100;

pub(crate) struct Suggester<'a> {
    by_section: HashMap<&'a str, Vec<&'a str>>,
    all: Vec<&'a str>,
    given: usize,
}

impl<'a> Suggester<'a> {
    pub(crate) fn new(checklist: &'a Checklist) -> Suggester<'a> {
        let mut by_section: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut all = Vec::new();
        for item in checklist.items() {
            let section = item.id.split_once('.').map_or("", |(section, _)| section);
            by_section.entry(section).or_default().push(&item.id);
            all.push(item.id.as_str());
        }
        Suggester {
            by_section,
            all,
            given: 0,
        }
    }

    /// The closest id within a few edits, if any, while the cap allows.
    pub(crate) fn closest(&mut self, wrong: &str) -> Option<&'a str> {
        if self.given >= MAX_SUGGESTIONS {
            return None;
        }
        self.given += 1;
        let section = wrong.split_once('.').map_or("", |(section, _)| section);
        let nearest = |candidates: &[&'a str]| {
            candidates
                .iter()
                .filter(|id| id.len().abs_diff(wrong.len()) <= MAX_DISTANCE)
                .map(|id| (strsim::levenshtein(id, wrong), *id))
                .filter(|(distance, _)| *distance <= MAX_DISTANCE)
                .min()
                .map(|(_, id)| id)
        };
        self.by_section
            .get(section)
            .and_then(|ids| nearest(ids))
            .or_else(|| nearest(&self.all))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::{Origin, parse};

    fn checklist() -> Checklist {
        parse(
            include_str!("../../tests/fixtures/mini-checklist.yaml"),
            "mini.yaml",
            Origin::Builtin,
        )
        .unwrap()
    }

    #[test]
    fn the_nearest_id_within_three_edits_is_suggested() {
        let checklist = checklist();
        let mut suggester = Suggester::new(&checklist);
        assert_eq!(suggester.closest("data.crad"), Some("data.card"));
        // A typo in the section part is found among all items.
        assert_eq!(suggester.closest("dta.card"), Some("data.card"));
        assert_eq!(suggester.closest("people.something-else"), None);
    }

    #[test]
    fn suggestions_stop_after_the_cap() {
        let checklist = checklist();
        let mut suggester = Suggester::new(&checklist);
        for _ in 0..MAX_SUGGESTIONS {
            assert_eq!(suggester.closest("data.crad"), Some("data.card"));
        }
        assert_eq!(suggester.closest("data.crad"), None);
    }
}

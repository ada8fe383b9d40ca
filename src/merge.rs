//! Three-way merge of assessments, answer by answer: what this process
//! changed (`ours`, against the copy it read, `base`) goes on top of the
//! file as it is now (`theirs`: another etika, a hand edit, a `git pull`).
//! An answer that both sides changed, to different answers, is a conflict:
//! the merge keeps theirs and says so, so the caller decides, never a
//! silent overwrite.

use std::collections::BTreeSet;

use crate::assessment::{Answer, Assessment};

/// The same answer changed on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Conflict {
    pub(crate) item: String,
    /// `None`: that side removed the answer.
    pub(crate) ours: Option<Answer>,
    pub(crate) theirs: Option<Answer>,
}

#[derive(Debug, Clone)]
pub(crate) struct Merged {
    /// Theirs with every change of ours that does not conflict.
    pub(crate) assessment: Assessment,
    pub(crate) conflicts: Vec<Conflict>,
}

pub(crate) fn merge(base: &Assessment, ours: &Assessment, theirs: &Assessment) -> Merged {
    let mut merged = theirs.clone();
    let mut conflicts = Vec::new();
    let items: BTreeSet<&String> = base
        .answers
        .keys()
        .chain(ours.answers.keys())
        .chain(theirs.answers.keys())
        .collect();
    for item in items {
        let (b, o, t) = (
            base.answers.get(item),
            ours.answers.get(item),
            theirs.answers.get(item),
        );
        match pick(b, o, t) {
            Pick::Theirs => {}
            Pick::Ours => match o {
                Some(answer) => {
                    merged.answers.insert(item.clone(), answer.clone());
                }
                None => {
                    merged.answers.remove(item);
                }
            },
            Pick::Conflict => conflicts.push(Conflict {
                item: item.clone(),
                ours: o.cloned(),
                theirs: t.cloned(),
            }),
        }
    }
    // The parts around the answers: ours only where theirs kept the base.
    if ours.system != base.system && theirs.system == base.system {
        merged.system = ours.system.clone();
    }
    if ours.watch != base.watch && theirs.watch == base.watch {
        merged.watch.clone_from(&ours.watch);
    }
    if ours.review_by != base.review_by && theirs.review_by == base.review_by {
        merged.review_by.clone_from(&ours.review_by);
    }
    if ours.signoff != base.signoff && theirs.signoff == base.signoff {
        merged.signoff.clone_from(&ours.signoff);
    }
    if ours.checklist != base.checklist && theirs.checklist == base.checklist {
        merged.checklist = ours.checklist.clone();
    }
    Merged {
        assessment: merged,
        conflicts,
    }
}

enum Pick {
    Ours,
    Theirs,
    Conflict,
}

fn pick(base: Option<&Answer>, ours: Option<&Answer>, theirs: Option<&Answer>) -> Pick {
    let same = |a: Option<&Answer>, b: Option<&Answer>| match (a, b) {
        (Some(a), Some(b)) => a.same_content(b),
        (None, None) => true,
        _ => false,
    };
    if same(ours, base) {
        Pick::Theirs
    } else if same(theirs, base) {
        Pick::Ours
    } else if match (ours, theirs) {
        // Both giving the same answer is agreement, whoever wrote it first.
        (Some(ours), Some(theirs)) => ours.same_answer(theirs),
        (None, None) => true,
        _ => false,
    } {
        Pick::Theirs
    } else {
        Pick::Conflict
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::RawValue;

    fn answer(value: &str, by: &str) -> Answer {
        Answer {
            value: RawValue::Word(value.to_string()),
            rationale: None,
            evidence: Vec::new(),
            action: None,
            by: Some(by.to_string()),
            at: Some("2026-12-01".to_string()),
            asked: None,
            spans: crate::assessment::AnswerSpans::default(),
        }
    }

    fn with(answers: &[(&str, Answer)]) -> Assessment {
        let mut assessment = Assessment::parse(
            "etika: 1\nchecklist: {id: mini, version: '1'}\nsystem: {name: S}\n",
            "a.yaml",
        )
        .unwrap();
        for (item, answer) in answers {
            assessment.answers.insert((*item).to_string(), answer.clone());
        }
        assessment
    }

    fn values(merged: &Merged) -> Vec<(String, String)> {
        merged
            .assessment
            .answers
            .iter()
            .map(|(id, a)| (id.clone(), a.value.to_string()))
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
            .collect()
    }

    #[test]
    fn changes_to_different_items_are_both_kept() {
        let base = with(&[("a", answer("no", "x"))]);
        let ours = with(&[("a", answer("no", "x")), ("b", answer("yes", "me"))]);
        let theirs = with(&[("a", answer("yes", "them"))]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, Vec::new());
        assert_eq!(values(&merged), pairs(&[("a", "yes"), ("b", "yes")]));
    }

    #[test]
    fn an_item_only_we_changed_takes_ours_and_one_only_they_changed_takes_theirs() {
        let base = with(&[("a", answer("no", "x")), ("b", answer("no", "x"))]);
        let ours = with(&[("a", answer("yes", "me")), ("b", answer("no", "x"))]);
        let theirs = with(&[("a", answer("no", "x")), ("b", answer("partial", "them"))]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, Vec::new());
        assert_eq!(values(&merged), pairs(&[("a", "yes"), ("b", "partial")]));
    }

    #[test]
    fn the_same_item_changed_on_both_sides_is_a_conflict_that_keeps_theirs() {
        let base = with(&[("a", answer("no", "x"))]);
        let ours = with(&[("a", answer("yes", "me"))]);
        let theirs = with(&[("a", answer("partial", "them"))]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(values(&merged), pairs(&[("a", "partial")]));
        assert_eq!(
            merged.conflicts,
            vec![Conflict {
                item: "a".into(),
                ours: Some(answer("yes", "me")),
                theirs: Some(answer("partial", "them")),
            }]
        );
    }

    #[test]
    fn the_same_new_answer_on_both_sides_is_agreement() {
        let base = with(&[]);
        let ours = with(&[("a", answer("yes", "me"))]);
        let theirs = with(&[("a", answer("yes", "them"))]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, Vec::new());
        assert_eq!(merged.assessment.answers["a"].by.as_deref(), Some("them"));
    }

    #[test]
    fn an_answer_they_removed_that_we_changed_is_a_conflict_and_one_we_left_stays_removed() {
        let base = with(&[("a", answer("no", "x")), ("b", answer("no", "x"))]);
        let ours = with(&[("a", answer("yes", "me")), ("b", answer("no", "x"))]);
        let theirs = with(&[]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(values(&merged), Vec::new());
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].item, "a");
        assert_eq!(merged.conflicts[0].theirs, None);
    }

    #[test]
    fn an_answer_we_removed_is_removed_unless_they_changed_it() {
        let base = with(&[("a", answer("no", "x")), ("b", answer("no", "x"))]);
        let ours = with(&[]);
        let theirs = with(&[("a", answer("no", "x")), ("b", answer("yes", "them"))]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(values(&merged), pairs(&[("b", "yes")]));
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].item, "b");
        assert_eq!(merged.conflicts[0].ours, None);
    }

    #[test]
    fn a_system_name_we_changed_survives_their_answers() {
        let base = with(&[]);
        let mut ours = with(&[]);
        ours.system.name = "Renamed".into();
        let theirs = with(&[("a", answer("yes", "them"))]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.assessment.system.name, "Renamed");
        assert_eq!(values(&merged), pairs(&[("a", "yes")]));
    }
}

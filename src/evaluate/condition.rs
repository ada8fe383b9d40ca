//! Deciding a condition against what is known of earlier answers, in three
//! values plus `unknown`.

use crate::checklist::Condition;
use crate::value::Value;

/// What is known about a referenced item when a condition is evaluated.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Known<'a> {
    /// The item does not apply, so it has no answer and never will.
    Absent,
    /// The item applies (or may) but has no valid answer yet.
    Pending,
    Answered(&'a Value),
}

/// A condition on an unanswered item is neither true nor false until that
/// item is answered (`Pending`); one on an item answered `unknown` may be
/// either (`Unknown`), and the item is asked rather than silently skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Truth {
    True,
    False,
    Pending,
    Unknown,
}

impl Truth {
    /// Whether an item with this condition is asked.
    pub(crate) fn applies(self) -> bool {
        matches!(self, Truth::True | Truth::Unknown)
    }
}

pub(crate) fn truth<'a>(condition: &Condition, known: &dyn Fn(&str) -> Known<'a>) -> Truth {
    match condition {
        Condition::All(conditions) => combine(conditions, known, Truth::False, Truth::True),
        Condition::Any(conditions) => combine(conditions, known, Truth::True, Truth::False),
        Condition::Not(condition) => match truth(condition, known) {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            other => other,
        },
        Condition::Equals { item, value } => leaf(known(item), |v| v.is_choice(value)),
        Condition::In { item, values } => {
            leaf(known(item), |v| values.iter().any(|value| v.is_choice(value)))
        }
        Condition::NotIn { item, values } => leaf(known(item), |v| {
            v.is_definite() && !values.iter().any(|value| v.is_choice(value))
        }),
        Condition::Includes { item, value } => leaf(known(item), |v| v.includes(value)),
    }
}

/// `all` and `any`: one `decisive` result settles it; otherwise an open one
/// (pending before unknown) keeps it open; else it is `otherwise`.
fn combine<'a>(
    conditions: &[Condition],
    known: &dyn Fn(&str) -> Known<'a>,
    decisive: Truth,
    otherwise: Truth,
) -> Truth {
    let results: Vec<Truth> = conditions.iter().map(|c| truth(c, known)).collect();
    [decisive, Truth::Pending, Truth::Unknown]
        .into_iter()
        .find(|t| results.contains(t))
        .unwrap_or(otherwise)
}

/// `unknown` leaves every test open (see `Truth::Unknown`); `n/a` makes every
/// test false.
fn leaf(known: Known<'_>, test: impl Fn(&Value) -> bool) -> Truth {
    match known {
        Known::Pending => Truth::Pending,
        Known::Answered(Value::Unknown) => Truth::Unknown,
        Known::Answered(value) if !matches!(value, Value::NotApplicable) && test(value) => Truth::True,
        Known::Absent | Known::Answered(_) => Truth::False,
    }
}

/// The items whose answers make a condition hold (or leave it open), in the
/// order the condition names them: what a report shows as "because".
pub(crate) fn reasons<'a>(condition: &Condition, known: &dyn Fn(&str) -> Known<'a>) -> Vec<String> {
    let mut items = Vec::new();
    collect_reasons(condition, known, &mut items);
    let mut seen = std::collections::HashSet::new();
    items.retain(|id| seen.insert(id.clone()));
    items
}

fn collect_reasons<'a>(condition: &Condition, known: &dyn Fn(&str) -> Known<'a>, out: &mut Vec<String>) {
    if !truth(condition, known).applies() {
        return;
    }
    match condition {
        Condition::All(conditions) | Condition::Any(conditions) => {
            for c in conditions {
                collect_reasons(c, known, out);
            }
        }
        // What a negation rests on is every item it tests.
        Condition::Not(inner) => out.extend(inner.items().into_iter().map(String::from)),
        leaf => out.extend(leaf.items().into_iter().map(String::from)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn eq(item: &str, value: &str) -> Condition {
        Condition::Equals {
            item: item.into(),
            value: value.into(),
        }
    }

    fn eval(condition: &Condition, answers: &HashMap<&str, Value>) -> Truth {
        truth(condition, &|id| match answers.get(id) {
            Some(value) => Known::Answered(value),
            None if id.starts_with("absent") => Known::Absent,
            None => Known::Pending,
        })
    }

    #[test]
    fn leaves() {
        let answers = HashMap::from([
            ("a", Value::Choice("yes".into())),
            ("m", Value::Choices(vec!["x".into(), "y".into()])),
            ("u", Value::Unknown),
            ("na", Value::NotApplicable),
        ]);
        assert_eq!(eval(&eq("a", "yes"), &answers), Truth::True);
        assert_eq!(eval(&eq("a", "no"), &answers), Truth::False);
        assert_eq!(eval(&eq("missing", "no"), &answers), Truth::Pending);
        assert_eq!(eval(&eq("absent", "no"), &answers), Truth::False);
        let includes = |v: &str| Condition::Includes {
            item: "m".into(),
            value: v.into(),
        };
        assert_eq!(eval(&includes("y"), &answers), Truth::True);
        assert_eq!(eval(&includes("z"), &answers), Truth::False);
        let in_ = Condition::In {
            item: "a".into(),
            values: vec!["no".into(), "yes".into()],
        };
        assert_eq!(eval(&in_, &answers), Truth::True);
        // When unsure, items apply: `unknown` satisfies every test, `n/a` none.
        let not_in = |item: &str| Condition::NotIn {
            item: item.into(),
            values: vec!["no".into()],
        };
        assert_eq!(eval(&not_in("a"), &answers), Truth::True);
        assert_eq!(eval(&not_in("u"), &answers), Truth::Unknown);
        assert_eq!(eval(&eq("u", "no"), &answers), Truth::Unknown);
        assert_eq!(
            eval(&Condition::Not(Box::new(eq("u", "no"))), &answers),
            Truth::Unknown
        );
        assert!(Truth::Unknown.applies());
        assert_eq!(eval(&not_in("na"), &answers), Truth::False);
        assert_eq!(eval(&eq("na", "no"), &answers), Truth::False);
    }

    #[test]
    fn combinators_are_three_valued() {
        let answers = HashMap::from([("a", Value::Choice("yes".into()))]);
        let t = eq("a", "yes");
        let f = eq("a", "no");
        let p = eq("missing", "yes");
        let all = |cs: Vec<Condition>| Condition::All(cs);
        let any = |cs: Vec<Condition>| Condition::Any(cs);
        assert_eq!(eval(&all(vec![t.clone(), p.clone()]), &answers), Truth::Pending);
        assert_eq!(eval(&all(vec![f.clone(), p.clone()]), &answers), Truth::False);
        assert_eq!(eval(&all(vec![t.clone(), t.clone()]), &answers), Truth::True);
        assert_eq!(eval(&any(vec![t.clone(), p.clone()]), &answers), Truth::True);
        assert_eq!(eval(&any(vec![f.clone(), p.clone()]), &answers), Truth::Pending);
        assert_eq!(eval(&any(vec![f.clone(), f.clone()]), &answers), Truth::False);
        assert_eq!(eval(&Condition::Not(Box::new(f)), &answers), Truth::True);
        assert_eq!(eval(&Condition::Not(Box::new(p)), &answers), Truth::Pending);
        assert_eq!(eval(&Condition::Not(Box::new(t)), &answers), Truth::False);
    }

    #[test]
    fn reasons_name_the_items_that_make_it_hold() {
        let answers = HashMap::from([
            ("a", Value::Choice("yes".into())),
            ("b", Value::Choice("no".into())),
            ("u", Value::Unknown),
        ]);
        let known = |id: &str| match answers.get(id) {
            Some(value) => Known::Answered(value),
            None => Known::Pending,
        };
        let any = Condition::Any(vec![eq("a", "yes"), eq("b", "yes"), eq("u", "yes")]);
        assert_eq!(reasons(&any, &known), ["a", "u"]);
        let all = Condition::All(vec![eq("a", "yes"), Condition::Not(Box::new(eq("b", "yes")))]);
        assert_eq!(reasons(&all, &known), ["a", "b"]);
        assert!(reasons(&eq("b", "yes"), &known).is_empty());
    }
}

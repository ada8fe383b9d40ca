//! Writes a checked checklist as the Rust code that builds it again: the
//! generator of `prebuilt/*.rs`. Every struct is taken apart by a pattern
//! that names each field, so a field added to the model fails to compile
//! here until the generator writes it too.

use std::fmt::Write as _;

use crate::checklist::Reference;
use crate::checklist::impact::{Floor, LevelBand};
use crate::checklist::{
    Base, Checklist, Choice, Condition, Example, ImpactLevel, ImpactModel, Item, ItemKind, LegalClass,
    Obligations, Origin, Rating, Regime, Release, ResidualModel, Section, Severity,
};
use crate::date::{Period, PeriodUnit};
use crate::text::Text;

/// The generated file for `checklist`, read from the YAML whose hash is
/// `source_hash`.
pub(super) fn file(checklist: &Checklist, source_file: &str, source_hash: &str) -> String {
    let mut items = String::new();
    let mut count = 0;
    let mut sections = Vec::new();
    for section in &checklist.sections {
        let mut calls = Vec::new();
        for item in &section.items {
            let _ = writeln!(items, "\nfn item_{count}() -> Item {{\n    {}\n}}", rust(item));
            calls.push(format!("item_{count}()"));
            count += 1;
        }
        sections.push(section_rust(section, &calls));
    }
    let Checklist {
        id,
        version,
        title,
        description,
        languages,
        changelog,
        sections: _,
        impact,
        legal,
        residual,
        review_every,
        origin,
        bases,
        index: _,
    } = checklist;
    let mut out = format!(
        "// Generated from {source_file} by `ETIKA_REGENERATE=1 cargo test --locked prebuilt`: do not edit.\n\
         // The test `prebuilt::tests::the_prebuilt_checklist_is_the_file` fails when it is out of date.\n\n\
         pub(super) const SOURCE_HASH: &str = {source_hash:?};\n\n\
         pub(super) fn checklist() -> Checklist {{\n    Checklist::assemble(\n"
    );
    for field in [
        rust(id),
        rust(version),
        rust(title),
        rust(description),
        rust(languages),
        rust(changelog),
        format!("vec![{}]", sections.join(", ")),
        rust(impact),
        rust(legal),
        rust(residual),
        review_every.map_or_else(|| "None".to_owned(), period_rust),
        rust(origin),
        rust(bases),
    ] {
        let _ = writeln!(out, "        {field},");
    }
    out.push_str("    )\n}\n");
    out.push_str(&items);
    out
}

fn section_rust(section: &Section, items: &[String]) -> String {
    let Section {
        id,
        title,
        description,
        is_context,
        items: _,
    } = section;
    format!(
        "Section {{ id: {}, title: {}, description: {}, is_context: {}, items: vec![{}] }}",
        rust(id),
        rust(title),
        rust(description),
        rust(is_context),
        items.join(", ")
    )
}

fn period_rust(period: Period) -> String {
    let (amount, unit) = period.amount();
    let unit = match unit {
        PeriodUnit::Years => "years",
        PeriodUnit::Months => "months",
        PeriodUnit::Days => "days",
    };
    format!("Period::parse(\"{amount} {unit}\")")
}

fn rust(value: &impl Emit) -> String {
    let mut out = String::new();
    value.emit(&mut out);
    out
}

/// A value written as a Rust expression that builds it.
trait Emit {
    fn emit(&self, out: &mut String);
}

/// `Name { field: value, ... }`.
fn fields(out: &mut String, name: &str, fields: &[(&str, &dyn Emit)]) {
    out.push_str(name);
    out.push_str(" { ");
    for (i, (field, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(field);
        out.push_str(": ");
        value.emit(out);
    }
    out.push_str(" }");
}

impl Emit for String {
    fn emit(&self, out: &mut String) {
        // `{:?}` of a `str` is a Rust string literal of the same text.
        let _ = write!(out, "s({self:?})");
    }
}

impl Emit for std::borrow::Cow<'static, str> {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "Cow::Borrowed({:?})", &**self);
    }
}

impl Emit for bool {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl Emit for u8 {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl Emit for u32 {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl Emit for u64 {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl Emit for usize {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl<T: Emit> Emit for Option<T> {
    fn emit(&self, out: &mut String) {
        match self {
            None => out.push_str("None"),
            Some(value) => {
                out.push_str("Some(");
                value.emit(out);
                out.push(')');
            }
        }
    }
}

impl<T: Emit> Emit for Vec<T> {
    fn emit(&self, out: &mut String) {
        if self.is_empty() {
            out.push_str("Vec::new()");
            return;
        }
        out.push_str("vec![");
        for (i, value) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            value.emit(out);
        }
        out.push(']');
    }
}

impl<T: Emit> Emit for Box<T> {
    fn emit(&self, out: &mut String) {
        out.push_str("Box::new(");
        (**self).emit(out);
        out.push(')');
    }
}

impl<T: Emit, const N: usize> Emit for [T; N] {
    fn emit(&self, out: &mut String) {
        out.push('[');
        for (i, value) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            value.emit(out);
        }
        out.push(']');
    }
}

impl Emit for Text {
    fn emit(&self, out: &mut String) {
        let [translations, from] = self.prebuilt_parts();
        // In `const` blocks, so that the text is made when etika is compiled.
        out.push_str("Text::prebuilt(const { &[");
        for (at, (code, text)) in translations.iter().enumerate() {
            let comma = if at > 0 { ", " } else { "" };
            let _ = write!(out, "{comma}Text::translation({code:?}, {text:?})");
        }
        out.push_str("] }, const { &[");
        for (at, (code, fingerprint)) in from.iter().enumerate() {
            let comma = if at > 0 { ", " } else { "" };
            let _ = write!(out, "{comma}Text::source_fingerprint({code:?}, {fingerprint:?})");
        }
        out.push_str("] })");
    }
}

impl Emit for Severity {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "Severity::{self:?}");
    }
}

impl Emit for ImpactLevel {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "ImpactLevel::{self:?}");
    }
}

impl Emit for Rating {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "Rating::{self:?}");
    }
}

impl Emit for Origin {
    fn emit(&self, out: &mut String) {
        match self {
            Origin::Builtin => out.push_str("Origin::Builtin"),
            // A built-in checklist never comes from a file; written so
            // that a change to that is seen in the generated code.
            Origin::File(path) => {
                let _ = write!(
                    out,
                    "Origin::File(std::path::PathBuf::from({:?}))",
                    path.display().to_string()
                );
            }
        }
    }
}

impl Emit for Condition {
    fn emit(&self, out: &mut String) {
        match self {
            Condition::All(all) => {
                out.push_str("Condition::All(");
                all.emit(out);
                out.push(')');
            }
            Condition::Any(any) => {
                out.push_str("Condition::Any(");
                any.emit(out);
                out.push(')');
            }
            Condition::Not(not) => {
                out.push_str("Condition::Not(");
                not.emit(out);
                out.push(')');
            }
            Condition::Equals { item, value } => {
                fields(out, "Condition::Equals", &[("item", item), ("value", value)]);
            }
            Condition::In { item, values } => {
                fields(out, "Condition::In", &[("item", item), ("values", values)]);
            }
            Condition::NotIn { item, values } => {
                fields(out, "Condition::NotIn", &[("item", item), ("values", values)]);
            }
            Condition::Includes { item, value } => {
                fields(out, "Condition::Includes", &[("item", item), ("value", value)]);
            }
        }
    }
}

impl Emit for Release {
    fn emit(&self, out: &mut String) {
        let Release {
            version,
            date,
            notes,
            changed,
            added,
            removed,
        } = self;
        fields(
            out,
            "Release",
            &[
                ("version", version),
                ("date", date),
                ("notes", notes),
                ("changed", changed),
                ("added", added),
                ("removed", removed),
            ],
        );
    }
}

impl Emit for Base {
    fn emit(&self, out: &mut String) {
        let Base {
            id,
            version,
            changelog,
        } = self;
        fields(
            out,
            "Base",
            &[("id", id), ("version", version), ("changelog", changelog)],
        );
    }
}

impl Emit for Item {
    fn emit(&self, out: &mut String) {
        let Item {
            id,
            summary,
            question,
            help,
            kind,
            severity,
            requires_evidence,
            requires_rationale,
            when,
            is_context,
            references,
            examples,
            line,
            column,
            asked: _,
            source,
        } = self;
        fields(
            out,
            "Item",
            &[
                ("id", id),
                ("summary", summary),
                ("question", question),
                ("help", help),
                ("kind", kind),
                ("severity", severity),
                ("requires_evidence", requires_evidence),
                ("requires_rationale", requires_rationale),
                ("when", when),
                ("is_context", is_context),
                ("references", references),
                ("examples", examples),
                ("line", line),
                ("column", column),
                ("asked", &Verbatim("OnceLock::new()")),
                ("source", source),
            ],
        );
    }
}

/// Rust code written as it is.
struct Verbatim(&'static str);

impl Emit for Verbatim {
    fn emit(&self, out: &mut String) {
        out.push_str(self.0);
    }
}

impl Emit for ItemKind {
    fn emit(&self, out: &mut String) {
        match self {
            ItemKind::YesNo => out.push_str("ItemKind::YesNo"),
            ItemKind::Text => out.push_str("ItemKind::Text"),
            ItemKind::Single(choices) => {
                out.push_str("ItemKind::Single(");
                choices.emit(out);
                out.push(')');
            }
            ItemKind::Multi(choices) => {
                out.push_str("ItemKind::Multi(");
                choices.emit(out);
                out.push(')');
            }
            ItemKind::Scale {
                low,
                high,
                adverse_at_most,
            } => fields(
                out,
                "ItemKind::Scale",
                &[("low", low), ("high", high), ("adverse_at_most", adverse_at_most)],
            ),
        }
    }
}

impl Emit for Choice {
    fn emit(&self, out: &mut String) {
        let Choice {
            value,
            label,
            risk,
            adverse,
            exclusive,
        } = self;
        fields(
            out,
            "Choice",
            &[
                ("value", value),
                ("label", label),
                ("risk", risk),
                ("adverse", adverse),
                ("exclusive", exclusive),
            ],
        );
    }
}

impl Emit for Reference {
    fn emit(&self, out: &mut String) {
        let Reference {
            framework,
            clause,
            url,
        } = self;
        fields(
            out,
            "Reference",
            &[("framework", framework), ("clause", clause), ("url", url)],
        );
    }
}

impl Emit for Example {
    fn emit(&self, out: &mut String) {
        let Example { text, url } = self;
        fields(out, "Example", &[("text", text), ("url", url)]);
    }
}

impl Emit for ImpactModel {
    fn emit(&self, out: &mut String) {
        let ImpactModel { bands, floors } = self;
        fields(out, "ImpactModel", &[("bands", bands), ("floors", floors)]);
    }
}

impl Emit for LevelBand {
    fn emit(&self, out: &mut String) {
        let LevelBand {
            level,
            up_to,
            title,
            obligations,
        } = self;
        fields(
            out,
            "LevelBand",
            &[
                ("level", level),
                ("up_to", up_to),
                ("title", title),
                ("obligations", obligations),
            ],
        );
    }
}

impl Emit for Floor {
    fn emit(&self, out: &mut String) {
        let Floor { level, when, because } = self;
        fields(
            out,
            "Floor",
            &[("level", level), ("when", when), ("because", because)],
        );
    }
}

impl Emit for Obligations {
    fn emit(&self, out: &mut String) {
        let Obligations {
            signoff,
            signoff_roles,
            blocking,
            items,
        } = self;
        fields(
            out,
            "Obligations",
            &[
                ("signoff", signoff),
                ("signoff_roles", signoff_roles),
                ("blocking", blocking),
                ("items", items),
            ],
        );
    }
}

impl Emit for ResidualModel {
    fn emit(&self, out: &mut String) {
        let ResidualModel {
            ready_from,
            partly_from,
            ratings,
        } = self;
        fields(
            out,
            "ResidualModel",
            &[
                ("ready_from", ready_from),
                ("partly_from", partly_from),
                ("ratings", ratings),
            ],
        );
    }
}

impl Emit for Regime {
    fn emit(&self, out: &mut String) {
        let Regime { id, title, classes } = self;
        fields(
            out,
            "Regime",
            &[("id", id), ("title", title), ("classes", classes)],
        );
    }
}

impl Emit for LegalClass {
    fn emit(&self, out: &mut String) {
        let LegalClass {
            id,
            title,
            when,
            exclusive,
            blocks,
            explain,
            references,
            obligations,
        } = self;
        fields(
            out,
            "LegalClass",
            &[
                ("id", id),
                ("title", title),
                ("when", when),
                ("exclusive", exclusive),
                ("blocks", blocks),
                ("explain", explain),
                ("references", references),
                ("obligations", obligations),
            ],
        );
    }
}

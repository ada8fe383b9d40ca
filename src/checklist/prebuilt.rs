//! The built-in checklists as Rust code that builds their checked model
//! directly: no YAML, no serde, no checks at run time. Loading the compiled
//! tree through serde and the checks was more than half of a
//! `checklist show`.
//!
//! The YAML file stays the one source. The code in `prebuilt/` is written
//! by `emit.rs` from the checked checklist, and records a hash of the YAML
//! it came from; build.rs hashes the file being built. When they differ (the
//! YAML was edited and the code not yet written again) the checklist loads
//! from the compiled tree, as before, and a test fails until
//! `ETIKA_REGENERATE=1 cargo test --locked prebuilt` writes the code anew.

#[cfg(test)]
mod emit;

/// The generated code, unformatted as the generator writes it.
#[allow(clippy::all, clippy::pedantic)]
mod ai_ethics {
    // What any checklist's code may name; this one may not need them all.
    #[allow(unused_imports)]
    use {
        super::super::impact::{Floor, LevelBand},
        super::super::{
            Base, Checklist, Choice, Condition, Example, ImpactLevel, ImpactModel, Item, ItemKind,
            LegalClass, Obligations, Origin, Rating, Reference, Regime, Release, ResidualModel, Section,
            Severity,
        },
        super::s,
        crate::date::Period,
        crate::text::Text,
        std::borrow::Cow,
        std::sync::OnceLock,
    };

    include!("prebuilt/ai_ethics.rs");
}

/// The built-in `ai-ethics` checklist, when the code was generated from the
/// YAML this binary was built with.
pub(super) fn ai_ethics() -> Option<super::Checklist> {
    const FRESH: bool = same(ai_ethics::SOURCE_HASH, env!("ETIKA_AI_ETHICS_HASH"));
    FRESH.then(ai_ethics::checklist)
}

fn s(text: &'static str) -> String {
    text.to_owned()
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::BUILTIN;

    const GENERATED: &str = "src/checklist/prebuilt/ai_ethics.rs";

    /// The generated code is what the generator writes today from the
    /// checklist the YAML file gives; `builtin.rs` holds the checklist it
    /// builds equal to a parse of the file.
    #[test]
    fn the_prebuilt_checklist_is_the_file() {
        let builtin = &BUILTIN[0];
        let checklist = builtin.load_compiled().expect("the built-in checklist loads");
        let code = emit::file(&checklist, builtin.file_name, env!("ETIKA_AI_ETHICS_HASH"));
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(GENERATED);
        if std::env::var_os("ETIKA_REGENERATE").is_some() {
            std::fs::write(&path, &code).expect("the generated code is written");
        }
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            written == code,
            "{GENERATED} is out of date with {}: run `ETIKA_REGENERATE=1 cargo test --locked prebuilt`",
            builtin.file_name
        );
        assert!(
            ai_ethics().is_some(),
            "the generated code is not the one this binary has"
        );
    }

    #[test]
    fn a_hash_of_other_yaml_is_not_fresh() {
        assert!(same("1a2b", "1a2b"));
        assert!(!same("1a2b", "1a2c"));
        assert!(!same("1a2b", "1a2"));
    }
}

//! Puts the built-in checklist's id and version into `etika --version`,
//! read from the checklist file itself so the number is written only once.
//! The file's top-level `id:` and `version:` lines are plain scalars; a
//! YAML parser here would be a build dependency for two lines.

use std::{env, fs, path::Path};

const CHECKLIST: &str = "checklists/ai-ethics.yaml";

fn main() {
    println!("cargo::rerun-if-changed={CHECKLIST}");
    let text =
        fs::read_to_string(Path::new(CHECKLIST)).unwrap_or_else(|e| panic!("cannot read {CHECKLIST}: {e}"));
    let id = top_level(&text, "id");
    let version = top_level(&text, "version");
    let package = env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    println!("cargo::rustc-env=ETIKA_VERSION={package} (built-in checklist {id} {version})");
}

/// The value of the first unindented `key: value` line, without quotes.
fn top_level<'a>(text: &'a str, key: &str) -> &'a str {
    text.lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .map(|value| value.trim().trim_matches(['"', '\'']))
        .filter(|value| !value.is_empty())
        .unwrap_or_else(|| panic!("{CHECKLIST} has no top-level `{key}:` line"))
}

//! `stale-translation`: a translation's `from` records the English text it
//! was made from, and `etika checklist lint` warns once English moves on.

use serde_json::Value;

use crate::common::{Env, stderr, stdout};

/// A checklist whose question's Indonesian records the English it was made
/// from; `{FROM}` is that fingerprint.
const CHECKLIST: &str = "id: drift
version: \"1.0.0\"
title: {en: Drift, id: Pergeseran}
languages: [en, id]
sections:
  - id: data
    title: {en: Data, id: Data}
    items:
      - id: data.card
        question:
          en: Is there a data card?
          id: Apakah ada kartu data?
          from: {id: {FROM}}
        type: yes-no
        severity: medium
        references: [{framework: F}]
";

/// The fingerprint of `Is there a data card?`, as lint reports it.
const CARD: &str = "66074d28";

fn lint(env: &Env, file: &str, format: &str) -> (Option<i32>, String) {
    let output = env
        .etika()
        .args(["checklist", "lint", file, "--format", format])
        .output()
        .unwrap();
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    (output.status.code(), stdout(&output) + &err)
}

fn findings(env: &Env, file: &str) -> Vec<Value> {
    let (_, out) = lint(env, file, "json");
    let json: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    json["files"][0]["findings"].as_array().unwrap().clone()
}

#[test]
fn a_translation_of_todays_english_is_clean() {
    let env = Env::new();
    env.write("drift.yaml", &CHECKLIST.replace("{FROM}", CARD));
    let (code, out) = lint(&env, "drift.yaml", "text");
    assert_eq!(code, Some(0), "{out}");
    assert!(out.starts_with("drift.yaml: ok: checklist drift"), "{out}");
}

#[test]
fn a_changed_english_text_is_reported_at_its_translation() {
    let env = Env::new();
    let changed = CHECKLIST.replace("{FROM}", CARD).replace(
        "en: Is there a data card?",
        "en: Is there an up-to-date data card?",
    );
    env.write("drift.yaml", &changed);
    let (code, out) = lint(&env, "drift.yaml", "text");
    // A warning: the checklist is still usable.
    assert_eq!(code, Some(0), "{out}");
    let now = "babd5fd2";
    assert!(
        out.starts_with(&format!(
            "drift.yaml:12:15: warning[stale-translation]: `data.card` question: the `id` translation \
             was made from an earlier English text (from: {CARD}, now: {now})\n"
        )),
        "{out}"
    );

    let found = findings(&env, "drift.yaml");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "stale-translation");
    assert_eq!(found[0]["level"], "warning");
    assert_eq!(found[0]["item"], "data.card");
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(12), Some(15))
    );
    assert_eq!(found[0]["fingerprint"], now);

    // The fix: the translation updated, and the fingerprint the finding gives.
    let fixed = changed
        .replace(
            "id: Apakah ada kartu data?",
            "id: Apakah ada kartu data yang mutakhir?",
        )
        .replace(CARD, found[0]["fingerprint"].as_str().unwrap());
    env.write("drift.yaml", &fixed);
    assert_eq!(findings(&env, "drift.yaml"), Vec::<Value>::new());
}

#[test]
fn a_text_without_from_is_not_checked() {
    let env = Env::new();
    let source = CHECKLIST.replace("          from: {id: {FROM}}\n", "").replace(
        "en: Is there a data card?",
        "en: Is there an up-to-date data card?",
    );
    env.write("drift.yaml", &source);
    let (code, out) = lint(&env, "drift.yaml", "text");
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("stale-translation"), "{out}");
}

/// Fingerprints made only of digits read as numbers in YAML: etika takes
/// them as written, quoted or not.
#[test]
fn a_fingerprint_of_digits_is_read_as_written() {
    let env = Env::new();
    for from in ["00012345", "\"00012345\"", "1234e567"] {
        env.write("drift.yaml", &CHECKLIST.replace("{FROM}", from));
        let found = findings(&env, "drift.yaml");
        assert_eq!(found.len(), 1, "{from}: {found:#?}");
        let message = found[0]["message"].as_str().unwrap();
        assert!(
            message.ends_with(&format!("(from: {}, now: {CARD})", from.trim_matches('"'))),
            "{message}"
        );
    }
}

#[test]
fn a_malformed_from_is_an_error_at_its_place() {
    let cases = [
        (
            "{id: 66074d2}",
            "13:22: `66074d2` is not a fingerprint: `from` takes 8 hex digits",
        ),
        ("{id: 66074d28x}", "13:22: `66074d28x` is not a fingerprint"),
        (
            "66074d28",
            "13:11: invalid type: string \"66074d28\", expected `from`: a map of translated language",
        ),
        (
            "{en: 66074d28}",
            "13:17: `from` names translations; `en` is the English text they are made from",
        ),
        (
            "{Indonesian: 66074d28}",
            "13:17: `from` names `Indonesian`, which is not a language code",
        ),
        (
            "{fr: 66074d28}",
            "11:11: `from` names `fr`, but the text has no `fr` translation",
        ),
    ];
    let env = Env::new();
    for (from, expected) in cases {
        let source = CHECKLIST.replace("{id: {FROM}}", from);
        env.write("drift.yaml", &source);
        let (code, out) = lint(&env, "drift.yaml", "text");
        assert_eq!(code, Some(2), "{from}: {out}");
        assert!(
            out.starts_with(&format!("error: drift.yaml:{expected}")),
            "{from}: {out}"
        );
    }
}

/// `checklist show --format yaml|json` writes `from` back: the export lints
/// clean, and an English edit to it is still caught.
#[test]
fn an_export_keeps_from() {
    let env = Env::new();
    env.write("drift.yaml", &CHECKLIST.replace("{FROM}", CARD));
    for format in ["yaml", "json"] {
        let output = env
            .etika()
            .args(["checklist", "show", "drift.yaml", "--format", format])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        let exported = stdout(&output);
        assert!(exported.contains(CARD), "{format}: {exported}");
        let name = format!("exported.{format}");
        env.write(&name, &exported);
        assert_eq!(findings(&env, &name), Vec::<Value>::new(), "{format}: {exported}");

        let edited = exported.replace("Is there a data card?", "Is there a data sheet?");
        assert_ne!(edited, exported);
        env.write(&name, &edited);
        let found = findings(&env, &name);
        assert_eq!(found.len(), 1, "{format}: {found:#?}");
        assert_eq!(found[0]["rule"], "stale-translation", "{format}");
    }
}

//! `etika validate` and `etika answer` in Indonesian (`--lang id`,
//! `ETIKA_LANG`): every finding message and summary line, while rule ids,
//! levels and JSON fields stay English. Run over the position fixtures, which
//! between them produce every rule of `etika validate`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::{Env, MINI, stderr, stdout};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/positions");

/// The `--today` the position fixtures are written for.
const TODAY: &str = "2026-11-29";

/// Words of the English messages that no Indonesian one has, once quoted
/// values (code spans) and the checklist's own texts are taken out.
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "not",
    "and",
    "answer",
    "answered",
    "needs",
    "sign",
    "review",
    "evidence",
    "action",
    "due",
    "owner",
    "checklist",
    "watched",
    "changed",
    "since",
    "option",
    "expected",
    "date",
    "file",
    "passed",
    "failed",
    "checked",
    "error",
    "errors",
    "warning",
    "warnings",
    "unreadable",
    "recorded",
    "still",
    "needed",
    "note",
    "does",
    "apply",
    "which",
];

/// A folder holding every readable position fixture, next to the checklist
/// and the evidence they name; the fixtures' names, in order.
fn fixtures(env: &Env) -> Vec<String> {
    env.write("mini.yaml", MINI);
    env.write("strict.yaml", &crate::common::strict_mini());
    env.write("docs/data-card.md", "# Data card\n");
    let mut names = Vec::new();
    for entry in fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // `error-*` files cannot be read at all: their message is the parser's.
        if path.extension().is_some_and(|e| e == "yaml") && !name.starts_with("error-") {
            env.write(&name, &fs::read_to_string(&path).unwrap());
            names.push(name);
        }
    }
    names.sort();
    names
}

fn validate(env: &Env, names: &[String], extra: &[&str]) -> std::process::Output {
    env.etika()
        .arg("validate")
        .args(names)
        .args(["--today", TODAY])
        .args(extra)
        .output()
        .unwrap()
}

/// `text` without code spans and the checklist's English changelog note.
fn own_words(text: &str) -> String {
    let mut kept = String::new();
    for (index, part) in text.split('`').enumerate() {
        if index % 2 == 0 {
            kept.push_str(part);
        }
    }
    kept.replace("Reworded the data-card question.", "")
}

/// The English words of `ENGLISH` in `text`.
fn english_in(text: &str) -> Vec<&'static str> {
    let words: BTreeSet<String> = own_words(text)
        // `human-review`, an option value, is one word and not English prose.
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(str::to_lowercase)
        .collect();
    ENGLISH.iter().copied().filter(|w| words.contains(*w)).collect()
}

#[test]
fn validate_speaks_indonesian_in_every_finding() {
    let env = Env::new();
    let names = fixtures(&env);
    let output = validate(&env, &names, &["--lang", "id", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let mut rules = BTreeSet::new();
    let mut leaks = Vec::new();
    for file in json["files"].as_array().unwrap() {
        for finding in file["findings"].as_array().unwrap() {
            // Ids, levels and the help stay English: scripts read them.
            let rule = finding["rule"].as_str().unwrap();
            assert!(
                ["error", "warning", "note"].contains(&finding["level"].as_str().unwrap()),
                "{finding}"
            );
            rules.insert(rule.to_string());
            let message = finding["message"].as_str().unwrap();
            let english = english_in(message);
            if !english.is_empty() {
                leaks.push(format!("{rule}: {message} ({english:?})"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "English in Indonesian messages:\n{}",
        leaks.join("\n")
    );
    // Every rule of `etika validate` has a fixture; all of them were read.
    let validate_rules = [
        "missing-answer",
        "prohibited-practice",
        "invalid-value",
        "unknown-item",
        "not-applicable-answered",
        "missing-rationale",
        "missing-evidence",
        "evidence-not-found",
        "missing-action",
        "incomplete-action",
        "invalid-date",
        "overdue-action",
        "checklist-version",
        "stale-answer",
        "system-changed",
        "review-due",
        "missing-signoff",
    ];
    for rule in validate_rules {
        assert!(rules.contains(rule), "no {rule} finding: {rules:?}");
    }
}

/// One fixture or two per rule, for the snapshot: fixtures added to the
/// folder later do not change it.
const SNAPSHOT: &[&str] = &[
    "clean.yaml",
    "evidence-not-found-block.yaml",
    "evidence-not-found-scheme.yaml",
    "incomplete-action-block.yaml",
    "invalid-date-due-flow.yaml",
    "invalid-date-signoff-flow.yaml",
    "invalid-value-block-sequence.yaml",
    "invalid-value-empty.yaml",
    "missing-action-flow.yaml",
    "missing-answer.yaml",
    "missing-evidence-flow.yaml",
    "missing-rationale-required.yaml",
    "missing-rationale-unknown.yaml",
    "missing-signoff-none.yaml",
    "missing-signoff-stale.yaml",
    "not-applicable-answered-block.yaml",
    "overdue-action-block.yaml",
    "prohibited-practice.yaml",
    "review-due.yaml",
    "stale-answer-fingerprint.yaml",
    "stale-answer-flow.yaml",
    "system-changed.yaml",
    "unknown-item-block.yaml",
];

#[test]
fn validate_text_output_in_indonesian() {
    let env = Env::new();
    fixtures(&env);
    let names: Vec<String> = SNAPSHOT.iter().map(ToString::to_string).collect();
    let output = validate(&env, &names, &["--lang", "id"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("clean.yaml: lolos\n"), "{text}");
    assert!(
        text.contains("missing-signoff-none.yaml: lolos (1 peringatan)\n"),
        "{text}"
    );
    assert!(
        text.contains("missing-answer.yaml: gagal: 1 kesalahan, 0 peringatan\n"),
        "{text}"
    );
    assert!(text.contains(" berkas diperiksa: "), "{text}");
    // Each line's own words, past `FILE:LINE:COL: level[rule]: `, are Indonesian.
    for line in text.lines() {
        let words = line.split_once("]: ").map_or(line, |(_, message)| message);
        let words = match words.split_once(": ") {
            Some((file, rest)) if Path::new(file).extension().is_some_and(|e| e == "yaml") => rest,
            _ => words,
        };
        assert!(english_in(words).is_empty(), "{line}: {:?}", english_in(words));
    }
    insta::assert_snapshot!("validate_text_id", text);
}

#[test]
fn etika_lang_chooses_the_language_and_the_flag_wins() {
    let env = Env::new();
    let names = fixtures(&env);
    let one = [String::from("missing-answer.yaml")];
    let by_env = env
        .etika()
        .env("ETIKA_LANG", "id")
        .args(["validate", "--today", TODAY])
        .args(&one)
        .output()
        .unwrap();
    assert!(
        stdout(&by_env).contains("`people.notes` belum dijawab"),
        "{}",
        stdout(&by_env)
    );
    let by_flag = env
        .etika()
        .env("ETIKA_LANG", "id")
        .args(["validate", "--lang", "en", "--today", TODAY])
        .args(&one)
        .output()
        .unwrap();
    assert!(
        stdout(&by_flag).contains("`people.notes` is not answered"),
        "{}",
        stdout(&by_flag)
    );
    assert!(names.contains(&one[0]));
    // The locale counts too, after ETIKA_LANG.
    let by_locale = validate(&env, &one, &[]);
    assert!(
        stdout(&by_locale).contains("is not answered"),
        "LANG=C is English: {}",
        stdout(&by_locale)
    );
    let by_locale = env
        .etika()
        .env("LANG", "id_ID.UTF-8")
        .args(["validate", "--today", TODAY])
        .args(&one)
        .output()
        .unwrap();
    assert!(
        stdout(&by_locale).contains("belum dijawab"),
        "{}",
        stdout(&by_locale)
    );
}

#[test]
fn github_and_sarif_messages_follow_the_language_and_ids_do_not() {
    let env = Env::new();
    fixtures(&env);
    let one = [String::from("clean.yaml"), String::from("missing-answer.yaml")];
    let github = stdout(&validate(&env, &one, &["--lang", "id", "--format", "github"]));
    assert!(
        github.contains("title=etika missing-answer::`people.notes` belum dijawab"),
        "{github}"
    );
    let sarif = stdout(&validate(&env, &one, &["--lang", "id", "--format", "sarif"]));
    assert!(sarif.contains("`people.notes` belum dijawab"), "{sarif}");
    assert!(sarif.contains("\"ruleId\": \"missing-answer\""), "{sarif}");
    let clean = [String::from("clean.yaml")];
    let github = stdout(&validate(&env, &clean, &["--lang", "id", "--format", "github"]));
    assert!(
        github
            .contains("::1 berkas diperiksa: 1 lolos, 0 gagal, 0 tidak terbaca (0 kesalahan, 0 peringatan)"),
        "{github}"
    );
}

#[test]
fn validate_says_in_indonesian_what_it_cannot_check() {
    let env = Env::new();
    env.write("empty/notes.md", "nothing here\n");
    let output = env
        .etika()
        .args(["validate", "empty", "--lang", "id"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("empty tidak berisi berkas penilaian"),
        "{}",
        stderr(&output)
    );
    let output = env.etika().args(["validate", "--lang", "id"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("tidak ada ethics-assessment.yaml di sini"),
        "{}",
        stderr(&output)
    );
    let output = env
        .etika()
        .args(["validate", "--lang", "id", "--today", "tomorrow"])
        .output()
        .unwrap();
    assert!(
        stderr(&output).contains("--today `tomorrow` bukan tanggal (YYYY-MM-DD)"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn answer_speaks_indonesian() {
    let env = Env::mini();
    let answer = |args: &[&str]| {
        env.etika()
            .args(["answer", "a.yaml"])
            .args(args)
            .args(["--lang", "id"])
            .output()
            .unwrap()
    };
    let mut said = Vec::new();

    let output = answer(&["people.explanation", "2"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "Tercatat `people.explanation` = 2 di a.yaml.\n");
    assert!(
        stderr(&output).contains(
            "masih diperlukan: `people.explanation`: jawaban `2` memerlukan tindakan dengan teks, \
             penanggung jawab, dan tenggat"
        ),
        "{}",
        stderr(&output)
    );
    said.push(output);

    let output = answer(&["people.explanation", "2", "--action", "Write the explanation"]);
    assert!(
        stderr(&output).contains("tindakan ini tidak memiliki penanggung jawab dan tenggat"),
        "{}",
        stderr(&output)
    );
    said.push(output);

    let output = answer(&["people.channel", "none", "--rationale", "None yet."]);
    assert!(
        stderr(&output).contains("masih diperlukan: "),
        "{}",
        stderr(&output)
    );
    said.push(output);

    let output = answer(&["data.card", "unknown"]);
    assert!(
        stderr(&output).contains("jawaban `unknown` memerlukan alasan"),
        "{}",
        stderr(&output)
    );
    said.push(output);

    // Refusals: exit 2, nothing written, the reason in Indonesian.
    for (args, expected) in [
        (
            &["people.explanation", "9"][..],
            "`9` bukan jawaban yang valid; yang diharapkan: bilangan bulat dari 1 sampai 5",
        ),
        (
            &["data.crad", "yes"][..],
            "daftar periksa mini 1.1.0 tidak memiliki butir `data.crad`",
        ),
        (
            &["people.notes", "x", "--due", "soon"][..],
            "--due `soon` bukan tanggal (YYYY-MM-DD)",
        ),
        (
            &["people.notes", "x", "--at", "soon"][..],
            "--at `soon` bukan tanggal (YYYY-MM-DD)",
        ),
        (
            &["data.fairness", "yes"][..],
            "`data.fairness` bergantung pada `context.people`, yang harus dijawab lebih dulu",
        ),
        (
            &["context.data", "none,genetic"][..],
            "`context.data`: `genetic` bukan pilihan yang tersedia; yang diharapkan: daftar berisi: none, ordinary, health",
        ),
    ] {
        let output = answer(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
        said.push(output);
    }
    let output = answer(&["context.people", "no"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = answer(&["data.fairness", "yes"]);
    assert!(
        stderr(&output)
            .contains("`data.fairness` tidak berlaku untuk sistem ini menurut jawaban atas `context.people`"),
        "{}",
        stderr(&output)
    );
    said.push(output);

    for output in &said {
        for text in [stdout(output), stderr(output)] {
            let own = text.strip_prefix("error: ").unwrap_or(&text);
            // The file name and the action's own text are the user's.
            let own = own
                .replace("a.yaml", "")
                .replace("Write the explanation", "")
                .replace("--due", "")
                .replace("--at", "");
            assert!(english_in(&own).is_empty(), "{text}: {:?}", english_in(&own));
        }
    }
}

#[test]
fn help_documents_lang_for_validate_and_answer() {
    let env = Env::new();
    for command in ["validate", "answer"] {
        let output = env.etika().args([command, "--help"]).output().unwrap();
        let help = stdout(&output);
        assert!(help.contains("--lang <LANG>"), "{command}: {help}");
        assert!(help.contains("$ETIKA_LANG"), "{command}: {help}");
    }
}

#[test]
fn a_report_quotes_the_findings_in_its_language() {
    let env = Env::new();
    fixtures(&env);
    let report = |lang: &str| {
        let output = env
            .etika()
            .args([
                "report",
                "overdue-action-block.yaml",
                "--today",
                TODAY,
                "--lang",
                lang,
            ])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    };
    let id = report("id");
    assert!(
        id.contains("`data.fairness`: tenggat tindakan ini, 2026-11-28, sudah lewat"),
        "{id}"
    );
    assert!(!id.contains("action was due"), "{id}");
    let en = report("en");
    assert!(en.contains("`data.fairness`: action was due 2026-11-28"), "{en}");
    // The JSON evaluation is in no language.
    let output = env
        .etika()
        .args([
            "report",
            "missing-answer.yaml",
            "--today",
            TODAY,
            "--lang",
            "id",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(stdout(&output).contains("is not answered"), "{}", stdout(&output));
}

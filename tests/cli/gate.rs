//! `etika validate` as a CI gate: it fails what is not done, reads whole
//! folders, and reports to the job (summary line, notice, step summary).

use serde_json::Value as Json;

use crate::common::{Env, moved_down, stderr, stdout, validate_findings};

/// The built-in checklist's items: (id, is a context item).
fn builtin_items(env: &Env) -> Vec<(String, bool)> {
    let output = env
        .etika()
        .args(["checklist", "show", "ai-ethics", "--format", "json"])
        .output()
        .unwrap();
    let checklist: Json = serde_json::from_slice(&output.stdout).unwrap();
    let mut items = Vec::new();
    for section in checklist["sections"].as_array().unwrap() {
        let context = section["context"].as_bool().unwrap_or(false);
        for item in section["items"].as_array().unwrap() {
            items.push((item["id"].as_str().unwrap().to_string(), context));
        }
    }
    items
}

/// An assessment of the built-in checklist with these answer lines.
fn builtin_assessment(answers: &[String]) -> String {
    format!(
        "etika: 1\nchecklist: {{id: ai-ethics, version: \"1.0.0\"}}\nsystem: {{name: Chatbot}}\nanswers:\n{}",
        answers.concat()
    )
}

/// A finding as (rule, level, item).
type Rule = (String, String, Option<String>);

fn finding(rule: &str, level: &str, item: Option<&str>) -> Rule {
    (rule.to_string(), level.to_string(), item.map(str::to_string))
}

/// `etika validate FILE --format json --today 2026-11-29`: exit code and the findings' rules.
fn rules(env: &Env, file: &str, extra: &[&str]) -> (Option<i32>, Vec<Rule>) {
    let (code, findings) = validate_findings(env, file, extra);
    let found = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["level"].as_str().unwrap().to_string(),
                f["item"].as_str().map(str::to_string),
            )
        })
        .collect();
    (code, found)
}

fn report_json(env: &Env, file: &str) -> Json {
    let output = env
        .etika()
        .args(["report", file, "--format", "json", "--today", "2026-11-29"])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn a_prohibited_practice_fails_whatever_else_is_answered() {
    let env = Env::new();
    let mut answers = Vec::new();
    for (id, context) in builtin_items(&env) {
        let line = if id == "context.prohibited-practices" {
            format!("  {id}: {{value: [social-scoring]}}\n")
        } else if context {
            format!(
                "  {id}: {{value: unknown, rationale: Not checked yet., action: {{text: Find out, owner: pm, due: \"2027-01-01\"}}}}\n"
            )
        } else {
            format!("  {id}: {{value: n/a, rationale: Not built yet.}}\n")
        };
        answers.push(line);
    }
    env.write("a.yaml", &builtin_assessment(&answers));
    let (code, found) = rules(&env, "a.yaml", &[]);
    assert_eq!(code, Some(1), "{found:?}");
    assert!(
        found.contains(&finding(
            "prohibited-practice",
            "error",
            Some("context.prohibited-practices")
        )),
        "{found:?}"
    );
    let report = report_json(&env, "a.yaml");
    assert_eq!(report["passed"], false);
    let eu = &report["legal"][0];
    assert_eq!(eu["regime"], "eu-ai-act");
    assert_eq!(eu["classes"][0]["class"], "prohibited");
    assert_eq!(eu["classes"][0]["items"][0], "context.prohibited-practices");
    // Exclusive: no other EU class is tried once it surely applies.
    assert_eq!(eu["classes"].as_array().unwrap().len(), 1, "{eu}");
    let markdown = stdout(
        &env.etika()
            .args(["report", "a.yaml", "--today", "2026-11-29"])
            .output()
            .unwrap(),
    );
    assert!(!markdown.contains("passes `etika validate`"), "{markdown}");
}

#[test]
fn unknown_everywhere_is_a_gap_everywhere() {
    let env = Env::new();
    let items = builtin_items(&env);
    let answers: Vec<String> = items
        .iter()
        .map(|(id, _)| format!("  {id}: {{value: unknown, rationale: Nobody knows yet.}}\n"))
        .collect();
    env.write("a.yaml", &builtin_assessment(&answers));
    let (code, found) = rules(&env, "a.yaml", &[]);
    assert_eq!(code, Some(1));
    let missing_actions = found.iter().filter(|(rule, ..)| rule == "missing-action").count();
    assert_eq!(
        missing_actions,
        items.len(),
        "every `unknown` needs an action: {found:?}"
    );

    // With an action each, they are open actions, counted as such.
    let answers: Vec<String> = items
        .iter()
        .map(|(id, _)| {
            format!(
                "  {id}: {{value: unknown, rationale: Nobody knows yet., action: {{text: Find out, owner: pm, due: \"2027-01-01\"}}}}\n"
            )
        })
        .collect();
    env.write("a.yaml", &builtin_assessment(&answers));
    let report = report_json(&env, "a.yaml");
    let open: u64 = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["open_actions"].as_u64().unwrap())
        .sum();
    assert_eq!(open, items.len() as u64);
}

#[test]
fn a_context_answered_not_applicable_scores_and_asks_as_unknown() {
    let env = Env::new();
    let items = builtin_items(&env);
    let context = |value: &str| -> Vec<String> {
        items
            .iter()
            .filter(|(_, context)| *context)
            .map(|(id, _)| {
                format!(
                    "  {id}: {{value: {value}, rationale: Does not fit., action: {{text: Find out, owner: pm, due: \"2027-01-01\"}}}}\n"
                )
            })
            .collect()
    };
    let applicable = |env: &Env| -> u64 {
        report_json(env, "a.yaml")["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["applicable"].as_u64().unwrap())
            .sum()
    };
    env.write("a.yaml", &builtin_assessment(&context("unknown")));
    let unknown_level = report_json(&env, "a.yaml")["impact"]["level"].clone();
    let unknown_applicable = applicable(&env);
    env.write("a.yaml", &builtin_assessment(&context("n/a")));
    let report = report_json(&env, "a.yaml");
    assert_eq!(
        report["impact"]["level"], unknown_level,
        "n/a scores no lower than unknown"
    );
    assert_eq!(report["impact"]["level"], "IV");
    assert_eq!(report["impact"]["percent"], 100);
    assert_eq!(applicable(&env), unknown_applicable, "n/a rules out no item");
    assert!(unknown_applicable > 80, "{unknown_applicable}");
    // An `n/a` with no rationale is still reported.
    let answers: Vec<String> = context("n/a")
        .into_iter()
        .map(|line| line.replace(" rationale: Does not fit.,", ""))
        .collect();
    env.write("a.yaml", &builtin_assessment(&answers));
    let (_, found) = rules(&env, "a.yaml", &[]);
    assert!(
        found.iter().any(|(rule, ..)| rule == "missing-rationale"),
        "{found:?}"
    );
}

#[test]
fn signoff_is_the_last_step_and_a_high_tier_requires_it() {
    let env = Env::mini();
    env.complete_mini();
    // Everything else done: a warning, which passes unless asked to fail.
    let (code, found) = rules(&env, "a.yaml", &[]);
    assert_eq!(code, Some(0));
    assert_eq!(found, [("missing-signoff".into(), "warning".into(), None)]);
    let (code, found) = rules(&env, "a.yaml", &["--require-signoff"]);
    assert_eq!(code, Some(1));
    assert_eq!(found, [("missing-signoff".into(), "error".into(), None)]);
    let (code, found) = rules(&env, "a.yaml", &["--deny-warnings"]);
    assert_eq!(code, Some(1));
    assert_eq!(found, [("missing-signoff".into(), "error".into(), None)]);

    // A checklist whose level III obliges a sign-off: an error until signed.
    let strict = crate::common::MINI.replace(
        "    - {level: III, up_to: 75, title: {en: High, id: Tinggi}}\n",
        "    - {level: III, up_to: 75, title: {en: High, id: Tinggi}, obligations: {signoff: true}}\n",
    );
    assert_ne!(strict, crate::common::MINI);
    env.write("mini.yaml", &strict);
    let (code, found) = rules(&env, "a.yaml", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(found, [("missing-signoff".into(), "error".into(), None)]);
    let message = validate_message(&env, "missing-signoff");
    assert!(
        message.contains("impact level IV requires a sign-off"),
        "{message}"
    );
    env.sign();
    assert_eq!(rules(&env, "a.yaml", &[]), (Some(0), Vec::new()));
    // A later answer makes the sign-off out of date.
    env.etika()
        .args([
            "answer",
            "a.yaml",
            "people.notes",
            "Model v4.",
            "--at",
            "2026-12-02",
        ])
        .assert()
        .success();
    let (code, found) = rules(&env, "a.yaml", &[]);
    assert_eq!(code, Some(1), "{found:?}");
    assert_eq!(found, [("missing-signoff".into(), "error".into(), None)]);
}

#[test]
fn without_a_file_it_checks_the_default_one() {
    let env = Env::new();
    env.etika().args(["init", "--system", "X"]).assert().success();
    let output = env.etika().args(["validate"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("ethics-assessment.yaml: failed"),
        "{}",
        stdout(&output)
    );
    let empty = Env::new();
    let output = empty.etika().args(["validate"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("no ethics-assessment.yaml here, which `etika validate` checks when no PATH is given"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_folder_is_searched_for_assessments() {
    let env = Env::mini();
    env.make_repository();
    env.complete_mini();
    env.sign();
    let good = moved_down(&env, 2);
    env.write("teams/credit/one.yaml", &good);
    env.write(
        "teams/credit/two.yml",
        &good.replace("    value: 4\n", "    value: 9\n"),
    );
    env.write("teams/hr/notes.yaml", "title: not an assessment\n");
    env.write("teams/.hidden/three.yaml", &good);
    env.write("teams/README.md", "etika: 1\n");
    let output = env
        .etika()
        .args(["validate", "teams", "--today", "2026-11-29"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "teams/credit/one.yaml: passed\n\
         teams/credit/two.yml:42:12: error[invalid-value]: `people.explanation`: `9` is not a valid answer; expected a whole number from 1 to 5 (or unknown, n/a)\n\
         teams/credit/two.yml: failed: 1 error, 0 warnings\n\
         checked 2 files: 1 passed, 1 failed, 0 unreadable (1 error, 0 warnings)\n"
    );
    // Files and folders together; a folder without assessments is an error.
    let output = env
        .etika()
        .args(["validate", "a.yaml", "teams/hr"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("teams/hr holds no assessment file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn many_files_share_one_checklist_load_and_keep_their_order() {
    let env = Env::mini();
    env.make_repository();
    env.complete_mini();
    env.sign();
    let good = moved_down(&env, 1);
    for n in 0..40 {
        let text = if n % 7 == 3 {
            good.replace("    value: 4\n", "    value: 9\n")
        } else {
            good.clone()
        };
        env.write(&format!("many/{n:02}.yaml"), &text);
    }
    let output = env
        .etika()
        .args(["validate", "many", "--today", "2026-11-29", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: Json = serde_json::from_slice(&output.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 40);
    for (n, file) in files.iter().enumerate() {
        assert_eq!(file["file"], format!("many/{n:02}.yaml"));
        assert_eq!(file["passed"], n % 7 != 3, "{file}");
    }
}

#[test]
fn github_says_so_when_everything_passes_and_writes_the_step_summary() {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    let summary = env.path("summary.md");
    let output = env
        .etika()
        .args([
            "validate",
            "a.yaml",
            "--format",
            "github",
            "--today",
            "2026-11-29",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "::notice title=etika validate::checked 1 file: 1 passed, 0 failed, 0 unreadable (0 errors, 0 warnings)\n"
    );
    let first = std::fs::read_to_string(&summary).unwrap();
    assert!(first.contains("| a.yaml | ✅ passed | 0 | 0 |"), "{first}");

    // Appended, never replaced: other steps write to the same file.
    env.write(
        "b.yaml",
        &env.read("a.yaml").replace("    value: 4\n", "    value: 9\n"),
    );
    let output = env
        .etika()
        .args(["validate", "b.yaml", "--today", "2026-11-29"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let both = std::fs::read_to_string(&summary).unwrap();
    assert!(both.starts_with(&first), "{both}");
    assert!(both.contains("| b.yaml | ❌ failed | 1 | 0 |"), "{both}");
    assert!(
        both.contains(
            "| b.yaml:42:12 | error | `invalid-value` | `people.explanation`: `9` is not a valid answer"
        ),
        "{both}"
    );
    // And not at all when asked not to.
    let output = env
        .etika()
        .args(["validate", "b.yaml", "--no-step-summary"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), both);
}

#[test]
fn step_summary_escapes_what_comes_from_files() {
    let env = Env::mini();
    env.complete_mini();
    let text = env
        .read("a.yaml")
        .replace("    value: 4\n", "    value: \"<b>|x</b>\"\n");
    env.write("a|<i>.yaml", &text);
    let summary = env.path("summary.md");
    env.etika()
        .args(["validate", "a|<i>.yaml", "--today", "2026-11-29"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    let markdown = std::fs::read_to_string(&summary).unwrap();
    // Outside code spans no tag survives; inside them, text is shown as it is.
    assert!(!markdown.contains("<i>"), "{markdown}");
    assert!(markdown.contains("`<b>\\|x</b>`"), "{markdown}");
    assert!(markdown.contains("a\\|&lt;i&gt;.yaml"), "{markdown}");
    for row in markdown.lines().filter(|l| l.starts_with("| a")) {
        assert_eq!(row.matches(" | ").count(), 3, "four cells: {row}");
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let env = Env::mini();
    let run = |args: &[&str], no_color: bool| {
        let mut command = env.etika();
        command.args(["validate", "a.yaml"]).args(args);
        if no_color {
            command.env("NO_COLOR", "1");
        }
        stdout(&command.output().unwrap())
    };
    // Not a terminal: plain, also with --color auto.
    assert!(!run(&[], false).contains('\x1b'));
    let coloured = run(&["--color", "always"], true);
    assert!(
        coloured.contains("\x1b[1;31merror\x1b[0m[missing-answer]"),
        "{coloured:?}"
    );
    assert!(coloured.contains("\x1b[1;31mfailed\x1b[0m"), "{coloured:?}");
    assert!(!run(&["--color", "never"], false).contains('\x1b'));
    // JSON is never coloured.
    assert!(!run(&["--color", "always", "--format", "json"], false).contains('\x1b'));
}

#[test]
fn colour_keeps_file_text_escaped() {
    let env = Env::mini();
    env.write(
        "a.yaml",
        "etika: 1\nchecklist: {id: mini, version: \"1.1.0\", path: mini.yaml}\nsystem: {name: X}\nanswers:\n  \"bad\\e[2Jid\": {value: \"yes\"}\n",
    );
    let output = stdout(
        &env.etika()
            .args(["validate", "a.yaml", "--color", "always"])
            .output()
            .unwrap(),
    );
    assert!(!output.contains("\x1b[2J"), "{output:?}");
    assert!(output.contains("bad\\u{1b}[2Jid"), "{output:?}");
}

#[test]
fn user_text_stays_inside_its_annotation_on_stdout_and_stderr() {
    let env = Env::mini();
    let text = "etika: 1\nchecklist: {id: mini, version: \"1.1.0\", path: mini.yaml}\nsystem: {name: X}\nanswers:\n  \
                people.explanation: {value: \"4 100%\\r\\n::error::pwned\"}\n";
    env.write("a.yaml", text);
    // A file that cannot be read, whose name and message carry the same.
    let broken = "b\n::error file=a.yaml,line=1::forged%0A.yaml";
    env.write(broken, "etika: [\n");
    let output = env
        .etika()
        .args(["validate", "a.yaml", broken, "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    for line in stdout(&output).lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file="),
            "{line}"
        );
        assert!(!line.contains("forged%0A") && !line.contains('\r'), "{line}");
    }
    let invalid = stdout(&output)
        .lines()
        .find(|l| l.contains("invalid-value"))
        .map(str::to_string)
        .unwrap();
    assert!(invalid.contains("4 100%25\\r\\n::error::pwned"), "{invalid}");
    for line in stderr(&output).lines() {
        assert!(
            !line.starts_with("::"),
            "stderr starts a workflow command: {line}"
        );
    }
}

#[test]
fn a_context_question_left_open_is_a_gap_and_a_prohibited_practice_cannot_be() {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    // `n/a` on a context question counts as `unknown`: it needs an action.
    let text = env.read("a.yaml").replace(
        "  context.data:\n    value: [ordinary, health]\n",
        "  context.data:\n    value: n/a\n    rationale: Not our call.\n",
    );
    env.write("a.yaml", &text);
    let (code, found) = rules(&env, "a.yaml", &[]);
    assert_eq!(code, Some(1));
    assert!(
        found.contains(&finding("missing-action", "error", Some("context.data"))),
        "{found:?}"
    );

    // Whether it does a prohibited practice must be known, not open.
    for open in ["unknown", "n/a"] {
        let text = env.read("a.yaml").replace(
            "  context.people:\n    value: decides\n",
            &format!(
                "  context.people:\n    value: {open}\n    rationale: Ask legal.\n    action: {{text: Ask legal, owner: pm, due: \"2027-01-01\"}}\n"
            ),
        );
        let other = Env::mini();
        other.write("a.yaml", &text);
        other.write("docs/data-card.md", "# Card\n");
        let (code, found) = rules(&other, "a.yaml", &[]);
        assert_eq!(code, Some(1), "{open}");
        assert!(
            found.contains(&finding("prohibited-practice", "error", Some("context.people"))),
            "{open}: {found:?}"
        );
    }
}

#[test]
fn a_folder_search_finds_every_way_of_writing_the_format_key_and_checks_each_file_once() {
    let env = Env::mini();
    env.make_repository();
    env.complete_mini();
    env.sign();
    let good = moved_down(&env, 1);
    let broken = good.replace("    value: 4\n", "    value: 9\n");
    env.write("g/plain.yaml", &good);
    env.write("g/quoted.yaml", &broken.replacen("etika: 1", "\"etika\": 1", 1));
    env.write("g/spaced.yml", &broken.replacen("etika: 1", "etika : 1", 1));
    env.write(
        "g/bom.yaml",
        &format!(
            "\u{feff}{}",
            broken
                .replace("# AI-ethics", "etika: 1\n# AI-ethics")
                .replacen("\netika: 1\n", "\n", 1)
        ),
    );
    let output = env
        .etika()
        .args(["validate", "g", "g", "g/plain.yaml", "--today", "2026-11-29"])
        .output()
        .unwrap();
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{}", stderr(&output));
    for file in [
        "g/bom.yaml: failed",
        "g/plain.yaml: passed",
        "g/quoted.yaml: failed",
        "g/spaced.yml: failed",
    ] {
        assert!(out.contains(file), "{file}: {out}");
    }
    assert!(
        out.ends_with("checked 4 files: 1 passed, 3 failed, 0 unreadable (3 errors, 0 warnings)\n"),
        "{out}"
    );
}

/// The message of the first finding of `rule` in `a.yaml`.
fn validate_message(env: &Env, rule: &str) -> String {
    let (_, findings) = crate::common::validate_findings(env, "a.yaml", &[]);
    findings.iter().find(|f| f["rule"] == rule).map_or_else(
        || panic!("no {rule}: {findings:#?}"),
        |f| f["message"].as_str().unwrap().to_string(),
    )
}

/// The mini checklist with obligations from level III up (`complete_mini`
/// scores IV) and on its `health` class.
fn obliging_mini(level: &str, class: &str) -> String {
    let text = crate::common::MINI
        .replace(
            "    - {level: III, up_to: 75, title: {en: High, id: Tinggi}}\n",
            &format!(
                "    - {{level: III, up_to: 75, title: {{en: High, id: Tinggi}}, obligations: {level}}}\n"
            ),
        )
        .replacen(
            "        when: {item: context.data, includes: health}\n",
            &format!(
                "        when: {{item: context.data, includes: health}}\n        obligations: {class}\n"
            ),
            1,
        );
    assert_ne!(text, crate::common::MINI);
    text
}

#[test]
fn a_gap_at_the_blocking_severity_fails_even_with_an_action() {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    assert_eq!(rules(&env, "a.yaml", &[]), (Some(0), Vec::new()));
    // `data.fairness` (high) is answered `partial` with an action.
    env.write("mini.yaml", &obliging_mini("{blocking: high}", "{}"));
    let (code, found) = rules(&env, "a.yaml", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(found, [finding("blocking-gap", "error", Some("data.fairness"))]);
    let message = validate_message(&env, "blocking-gap");
    assert_eq!(
        message,
        "`data.fairness`: a high-severity gap blocks under impact level IV: close it and change the answer; \
         an action alone is not enough"
    );
    // Below the threshold, nothing blocks.
    env.write("mini.yaml", &obliging_mini("{blocking: critical}", "{}"));
    assert_eq!(rules(&env, "a.yaml", &[]), (Some(0), Vec::new()));
    // A class blocks too, and the level does not need to.
    env.write("mini.yaml", &obliging_mini("{}", "{blocking: medium}"));
    let (_, found) = rules(&env, "a.yaml", &[]);
    assert_eq!(found, [finding("blocking-gap", "error", Some("data.fairness"))]);
    assert!(validate_message(&env, "blocking-gap").contains("under Demo law: Health data duties"));
    // Closing the gap lifts it.
    env.answer(&["data.fairness", "yes"]);
    let (_, found) = rules(&env, "a.yaml", &[]);
    assert!(
        !found.iter().any(|(rule, ..)| rule == "blocking-gap"),
        "{found:?}"
    );
}

#[test]
fn an_item_a_class_requires_cannot_be_answered_not_applicable() {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    // `data.health-consent` is answered `n/a` with a rationale.
    env.write(
        "mini.yaml",
        &obliging_mini("{}", "{items: [data.health-consent]}"),
    );
    let (code, found) = rules(&env, "a.yaml", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        found,
        [finding("required-item", "error", Some("data.health-consent"))]
    );
    assert_eq!(
        validate_message(&env, "required-item"),
        "`data.health-consent`: Demo law: Health data duties requires this item, so `n/a` is not an answer: \
         answer what is in place"
    );
    // Required by the level, where its condition rules it out.
    env.write(
        "mini.yaml",
        &obliging_mini("{items: [data.health-consent]}", "{}"),
    );
    env.answer(&["context.data", "ordinary"]);
    let (_, found) = rules(&env, "a.yaml", &[]);
    assert!(
        found.contains(&finding("required-item", "error", Some("data.health-consent"))),
        "{found:?}"
    );
    assert!(
        validate_message(&env, "required-item")
            .contains("requires this item even though the context answers rule it out"),
    );
}

#[test]
fn an_obliged_signoff_must_name_a_role_the_checklist_accepts() {
    let env = Env::mini();
    env.complete_mini();
    env.write(
        "mini.yaml",
        &obliging_mini("{signoff_roles: [Chief Risk Officer, DPO]}", "{}"),
    );
    // `sign()` signs as "Responsible AI lead".
    env.sign();
    let (code, found) = rules(&env, "a.yaml", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(found, [("missing-signoff".into(), "error".into(), None)]);
    assert_eq!(
        validate_message(&env, "missing-signoff"),
        "the sign-off by `rai-lead` is not by a role that may sign under impact level IV (chief risk officer, dpo)"
    );
    // Roles compare without case.
    let text = env
        .read("a.yaml")
        .replace("role: Responsible AI lead", "role: chief risk officer");
    env.write("a.yaml", &text);
    assert_eq!(rules(&env, "a.yaml", &[]), (Some(0), Vec::new()));
    // Any named role where none is listed, but a role there must be.
    env.write("mini.yaml", &obliging_mini("{signoff: true}", "{}"));
    let text = env.read("a.yaml").replace(", role: chief risk officer", "");
    env.write("a.yaml", &text);
    assert!(validate_message(&env, "missing-signoff").contains("names no role"));
}

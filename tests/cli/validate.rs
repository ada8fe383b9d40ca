//! `etika validate`: every rule, its line, exit codes, and the three formats.

use serde::Deserialize;

use crate::common::{Env, stderr, stdout, without_fingerprints};

/// One line of the text format: `FILE[:LINE:COLUMN]: level[rule]: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    file: String,
    line: Option<u64>,
    column: Option<u64>,
    level: String,
    rule: String,
    message: String,
}

fn parse_text(out: &str) -> Vec<Found> {
    let mut found = Vec::new();
    for line in out.lines() {
        let Some(open) = line
            .find(": error[")
            .or_else(|| line.find(": warning["))
            .or_else(|| line.find(": note["))
        else {
            continue;
        };
        let (location, rest) = (&line[..open], &line[open + 2..]);
        let number =
            |n: &str| (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then(|| n.parse().unwrap());
        let (file, line_number, column) = match location.rsplitn(3, ':').collect::<Vec<_>>()[..] {
            [column, line, file] if number(line).is_some() && number(column).is_some() => {
                (file, number(line), number(column))
            }
            _ => (location, None, None),
        };
        let (level, rest) = rest.split_once('[').unwrap();
        let (rule, message) = rest.split_once("]: ").unwrap();
        found.push(Found {
            file: file.to_string(),
            line: line_number,
            column,
            level: level.to_string(),
            rule: rule.to_string(),
            message: message.to_string(),
        });
    }
    found
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn validate(env: &Env, args: &[&str]) -> Run {
    let output = env.etika().arg("validate").args(args).output().unwrap();
    let run = Run {
        code: output.status.code(),
        stdout: stdout(&output),
        stderr: stderr(&output),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// `etika validate a.yaml --today 2026-11-29`, expecting exit 1; its findings.
fn failing(env: &Env) -> Vec<Found> {
    let run = validate(env, &["a.yaml", "--today", "2026-11-29"]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("a.yaml: failed"), "{}", run.stdout);
    parse_text(&run.stdout)
}

/// The 1-based line of the first line starting with `prefix` inside the answer to `id`.
fn line_in(env: &Env, id: &str, prefix: &str) -> u64 {
    let text = env.read("a.yaml");
    let key = format!("  {id}:");
    let start = text
        .lines()
        .position(|l| l == key)
        .unwrap_or_else(|| panic!("no {key} in\n{text}"));
    let offset = text
        .lines()
        .skip(start + 1)
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} under {key} in\n{text}"));
    (start + 1 + offset + 1) as u64
}

/// The 1-based line of the answer to `id` (its key, at column 3).
fn key_line(env: &Env, id: &str) -> u64 {
    let text = env.read("a.yaml");
    let key = format!("  {id}:");
    (text
        .lines()
        .position(|l| l == key)
        .unwrap_or_else(|| panic!("no {key} in\n{text}"))
        + 1) as u64
}

/// The 1-based line of the top-level `answers:` key.
fn answers_line(env: &Env) -> u64 {
    (env.read("a.yaml")
        .lines()
        .position(|l| l.starts_with("answers:"))
        .unwrap()
        + 1) as u64
}

/// Replaces `from` (which must occur once) in a.yaml.
fn edit(env: &Env, from: &str, to: &str) {
    let text = env.read("a.yaml");
    assert_eq!(text.matches(from).count(), 1, "`{from}` in\n{text}");
    env.write("a.yaml", &text.replace(from, to));
}

/// Removes the answer to `id` from a.yaml.
fn remove_answer(env: &Env, id: &str) {
    let text = env.read("a.yaml");
    let key = format!("  {id}:");
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line == key {
            skipping = true;
            continue;
        }
        if skipping && line.starts_with("    ") {
            continue;
        }
        skipping = false;
        out.push_str(line);
        out.push('\n');
    }
    env.write("a.yaml", &out);
}

/// Asserts that exactly one finding has this rule, and returns it.
fn only(found: &[Found], rule: &str) -> Found {
    let matching: Vec<&Found> = found.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(matching.len(), 1, "one {rule} finding in {found:#?}");
    matching[0].clone()
}

#[test]
fn a_complete_file_passes() {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    let run = validate(&env, &["a.yaml", "--today", "2026-11-29"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert_eq!(run.stdout, "a.yaml: passed\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn an_empty_assessment_lists_every_applicable_item() {
    let env = Env::mini();
    let found = failing(&env);
    let mut unanswered: Vec<&str> = found
        .iter()
        .filter(|f| f.rule == "missing-answer")
        .map(|f| f.message.as_str())
        .collect();
    unanswered.sort_unstable();
    // Conditional items wait for their context answers.
    assert_eq!(
        unanswered,
        [
            "`context.data` is not answered",
            "`context.people` is not answered",
            "`data.card` is not answered",
            "`people.channel` is not answered",
            "`people.explanation` is not answered",
            "`people.notes` is not answered",
        ]
    );
    assert_eq!(found.len(), 6, "{found:#?}");
}

#[test]
fn unanswered() {
    let env = Env::mini();
    env.complete_mini();
    remove_answer(&env, "people.notes");
    let found = failing(&env);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = only(&found, "missing-answer");
    assert_eq!(finding.level, "error");
    // A missing answer belongs under `answers:`.
    assert_eq!(
        (finding.line, finding.column),
        (Some(answers_line(&env)), Some(1))
    );
    assert!(finding.message.contains("`people.notes`"), "{finding:?}");

    // A conditional item that applies is required too.
    let env = Env::mini();
    env.complete_mini();
    remove_answer(&env, "data.health-consent");
    let finding = only(&failing(&env), "missing-answer");
    assert!(finding.message.contains("`data.health-consent`"), "{finding:?}");
}

#[test]
fn invalid_value() {
    let env = Env::mini();
    env.complete_mini();
    edit(&env, "    value: 4\n", "    value: 9\n");
    let found = failing(&env);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = only(&found, "invalid-value");
    assert_eq!(
        finding.line,
        Some(line_in(&env, "people.explanation", "    value:"))
    );
    assert!(finding.message.contains("`people.explanation`"), "{finding:?}");
    assert!(finding.message.contains("1 to 5"), "{finding:?}");

    let env = Env::mini();
    env.complete_mini();
    edit(&env, "    value: decides\n", "    value: maybe\n");
    let finding = only(&failing(&env), "invalid-value");
    assert_eq!(finding.line, Some(line_in(&env, "context.people", "    value:")));
    assert!(finding.message.contains("`maybe`"), "{finding:?}");
    assert!(finding.message.contains("no, recommends, decides"), "{finding:?}");

    let env = Env::mini();
    env.complete_mini();
    edit(
        &env,
        "    value: [ordinary, health]\n",
        "    value: [ordinary, genetic]\n",
    );
    let finding = only(&failing(&env), "invalid-value");
    assert!(finding.message.contains("`genetic`"), "{finding:?}");
}

#[test]
fn unknown_item_suggests_the_closest_id() {
    let env = Env::mini();
    env.complete_mini();
    let mut text = env.read("a.yaml");
    text.push_str("  data.crad:\n    value: \"yes\"\n");
    env.write("a.yaml", &text);
    let found = failing(&env);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = only(&found, "unknown-item");
    // At the mistyped id itself.
    assert_eq!(
        (finding.line, finding.column),
        (Some(key_line(&env, "data.crad")), Some(3))
    );
    assert!(finding.message.contains("`data.crad`"), "{finding:?}");
    assert!(
        finding.message.contains("did you mean `data.card`?"),
        "{finding:?}"
    );

    // Nothing close: no suggestion.
    let env = Env::mini();
    env.complete_mini();
    let mut text = env.read("a.yaml");
    text.push_str("  governance.board:\n    value: \"yes\"\n");
    env.write("a.yaml", &text);
    let finding = only(&failing(&env), "unknown-item");
    assert!(!finding.message.contains("did you mean"), "{finding:?}");
}

#[test]
fn missing_rationale_for_unknown_na_and_required_rationale() {
    let env = Env::mini();
    env.complete_mini();
    edit(
        &env,
        "    rationale: Health data comes from the applicant's own form.\n",
        "",
    );
    let finding = only(&failing(&env), "missing-rationale");
    assert_eq!(
        finding.line,
        Some(line_in(&env, "data.health-consent", "    value:"))
    );
    assert!(finding.message.contains("`data.health-consent`"), "{finding:?}");
    assert!(finding.message.contains("n/a"), "{finding:?}");

    let env = Env::mini();
    env.complete_mini();
    edit(&env, "    value: 4\n", "    value: unknown\n");
    let found = failing(&env);
    assert_eq!(found.len(), 2, "{found:#?}");
    let finding = only(&found, "missing-rationale");
    assert_eq!(
        finding.line,
        Some(line_in(&env, "people.explanation", "    value:"))
    );
    assert!(finding.message.contains("unknown"), "{finding:?}");
    // Not knowing is a gap too: someone must find out, by a date.
    let finding = only(&found, "missing-action");
    assert_eq!(
        finding.line,
        Some(line_in(&env, "people.explanation", "    value:"))
    );
    assert!(finding.message.contains("who finds out"), "{finding:?}");

    let env = Env::mini();
    env.complete_mini();
    edit(&env, "    rationale: Appeals go to a credit officer.\n", "");
    let found = failing(&env);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = only(&found, "missing-rationale");
    assert_eq!(finding.line, Some(line_in(&env, "people.channel", "    value:")));
    assert!(finding.message.contains("`people.channel`"), "{finding:?}");

    // A blank rationale is no rationale.
    let env = Env::mini();
    env.complete_mini();
    edit(
        &env,
        "    rationale: Appeals go to a credit officer.\n",
        "    rationale: \"  \"\n",
    );
    only(&failing(&env), "missing-rationale");
}

#[test]
fn missing_evidence() {
    let env = Env::mini();
    env.complete_mini();
    edit(&env, "    evidence:\n    - docs/data-card.md\n", "");
    let found = failing(&env);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = only(&found, "missing-evidence");
    assert_eq!(finding.level, "error");
    assert_eq!(finding.line, Some(line_in(&env, "data.card", "    value:")));
    assert!(finding.message.contains("`data.card`"), "{finding:?}");
    assert!(finding.message.contains("evidence"), "{finding:?}");
}

#[test]
fn an_adverse_answer_needs_no_evidence() {
    let env = Env::mini();
    env.complete_mini();
    edit(
        &env,
        "    value: \"yes\"\n    evidence:\n    - docs/data-card.md\n",
        "    value: \"no\"\n",
    );
    env.answer(&[
        "data.card",
        "no",
        "--action",
        "Write it",
        "--owner",
        "data-team",
        "--due",
        "2027-01-01",
    ]);
    let run = validate(&env, &["a.yaml", "--today", "2026-11-29"]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, env.read("a.yaml"));
}

#[test]
fn missing_action() {
    let env = Env::mini();
    env.complete_mini();
    edit(&env, "    value: 4\n", "    value: 2\n");
    let found = failing(&env);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = only(&found, "missing-action");
    assert_eq!(
        finding.line,
        Some(line_in(&env, "people.explanation", "    value:"))
    );
    assert!(finding.message.contains("`people.explanation`"), "{finding:?}");
    assert!(finding.message.contains("owner"), "{finding:?}");
    assert!(finding.message.contains("due"), "{finding:?}");

    // An adverse option of a single-choice item.
    let env = Env::mini();
    env.complete_mini();
    edit(&env, "    value: human-review\n", "    value: none\n");
    let finding = only(&failing(&env), "missing-action");
    assert!(finding.message.contains("`people.channel`"), "{finding:?}");
}

#[test]
fn incomplete_action() {
    let env = Env::mini();
    env.complete_mini();
    edit(&env, "      owner: ml-team\n", "");
    let found = failing(&env);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = only(&found, "incomplete-action");
    // The action block, at its first key (the line after `action:`).
    let action = line_in(&env, "data.fairness", "    action:");
    assert_eq!((finding.line, finding.column), (Some(action + 1), Some(7)));
    assert!(finding.message.contains("`data.fairness`"), "{finding:?}");
    assert!(finding.message.contains("owner"), "{finding:?}");
    assert!(!finding.message.contains("due"), "{finding:?}");

    let env = Env::mini();
    env.complete_mini();
    edit(&env, "      text: Compare outcomes by sex and region\n", "");
    edit(&env, "      due: \"2027-02-01\"\n", "");
    let finding = only(&failing(&env), "incomplete-action");
    assert!(finding.message.contains("text"), "{finding:?}");
    assert!(finding.message.contains("due date"), "{finding:?}");
}

#[test]
fn invalid_dates() {
    let env = Env::mini();
    env.complete_mini();
    edit(&env, "      due: \"2027-02-01\"\n", "      due: \"2027-02-30\"\n");
    let found = failing(&env);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = only(&found, "invalid-date");
    assert_eq!(finding.line, Some(line_in(&env, "data.fairness", "      due:")));
    assert!(finding.message.contains("2027-02-30"), "{finding:?}");

    let env = Env::mini();
    env.complete_mini();
    let text = env.read("a.yaml");
    let at = "    value: 4\n    by: tester\n    at: \"2026-11-29\"\n";
    assert!(text.contains(at), "{text}");
    env.write(
        "a.yaml",
        &text.replace(at, "    value: 4\n    at: last tuesday\n"),
    );
    let finding = only(&failing(&env), "invalid-date");
    assert_eq!(finding.line, Some(line_in(&env, "people.explanation", "    at:")));
    assert!(finding.message.contains("last tuesday"), "{finding:?}");

    let env = Env::mini();
    env.complete_mini();
    let mut text = env.read("a.yaml");
    text.push_str("signoff:\n  - {name: rai-lead, date: 03/12/2026}\n");
    env.write("a.yaml", &text);
    let finding = only(&failing(&env), "invalid-date");
    assert!(finding.message.contains("03/12/2026"), "{finding:?}");
    assert_eq!(finding.line, Some(text.lines().count() as u64));
}

#[test]
fn overdue_depends_on_today() {
    let env = Env::mini();
    env.complete_mini();
    // data.fairness has an action due 2027-02-01.
    for today in ["2026-11-29", "2027-01-31", "2027-02-01"] {
        let run = validate(&env, &["a.yaml", "--today", today]);
        assert_eq!(run.code, Some(0), "{today}: {}", run.stdout);
    }
    let run = validate(&env, &["a.yaml", "--today", "2027-02-02"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let found = parse_text(&run.stdout);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = only(&found, "overdue-action");
    assert_eq!(finding.level, "error");
    assert_eq!(finding.line, Some(line_in(&env, "data.fairness", "      due:")));
    assert!(finding.message.contains("`data.fairness`"), "{finding:?}");
    assert!(finding.message.contains("2027-02-01"), "{finding:?}");
    assert!(finding.message.contains("ml-team"), "{finding:?}");
}

#[test]
fn the_old_action_of_a_closed_gap_is_not_overdue() {
    let env = Env::mini();
    env.complete_mini();
    // data.fairness was `partial` with an action due 2027-02-01; the gap is closed.
    env.answer(&["data.fairness", "yes"]);
    assert!(env.read("a.yaml").contains("      due: \"2027-02-01\"\n"));
    let run = validate(&env, &["a.yaml", "--today", "2027-06-01"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert!(!run.stdout.contains("overdue-action"), "{}", run.stdout);
}

#[test]
fn stale_answers_after_a_checklist_change() {
    let env = Env::mini();
    env.complete_mini();
    // A file from before answers recorded what they were asked: the
    // changelog tells which answers to review.
    let text = without_fingerprints(&env.read("a.yaml"));
    env.write("a.yaml", &text);
    edit(&env, "mini, version: \"1.1.0\"", "mini, version: \"1.0.0\"");
    let found = failing(&env);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(only(&found, "checklist-version").level, "warning");
    assert_eq!(only(&found, "stale-answer").level, "error");
    // The file-level finding points at the version to update: `checklist: {id: mini, version: "1.0.0", ...}`.
    let file_level = only(&found, "checklist-version");
    assert_eq!(
        (file_level.line, file_level.column),
        (Some(4), Some(32)),
        "{file_level:?}"
    );
    assert!(file_level.message.contains("1.0.0"), "{file_level:?}");
    assert!(file_level.message.contains("1.1.0"), "{file_level:?}");
    let item = only(&found, "stale-answer");
    assert_eq!(
        (item.line, item.column),
        (Some(key_line(&env, "data.card")), Some(3))
    );

    let json = validate(&env, &["a.yaml", "--today", "2026-11-29", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let items: Vec<&serde_json::Value> = json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["item"])
        .collect();
    assert_eq!(items, [&serde_json::Value::Null, &serde_json::json!("data.card")]);
}

#[test]
fn stale_without_a_changed_answer_is_one_file_level_finding() {
    let env = Env::mini();
    env.complete_mini();
    remove_answer(&env, "data.card");
    edit(&env, "mini, version: \"1.1.0\"", "mini, version: \"1.0.0\"");
    let found = failing(&env);
    assert!(!found.iter().any(|f| f.rule == "stale-answer"), "{found:#?}");
    assert_eq!(only(&found, "checklist-version").line, Some(4));
}

#[test]
fn an_assessment_newer_than_the_checklist_is_stale() {
    let env = Env::mini();
    env.complete_mini();
    edit(&env, "mini, version: \"1.1.0\"", "mini, version: \"2.0.0\"");
    let finding = only(&failing(&env), "checklist-version");
    assert!(finding.message.contains("2.0.0"), "{finding:?}");
}

#[test]
fn an_answer_that_does_not_apply_is_kept_and_noted_not_a_fault() {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    // data.fairness applies only when the system recommends or decides.
    edit(&env, "    value: decides\n", "    value: \"no\"\n");
    let run = validate(&env, &["a.yaml", "--today", "2026-11-29"]);
    assert_eq!(run.code, Some(0), "a note does not fail: {}", run.stdout);
    let found = parse_text(&run.stdout);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = only(&found, "not-applicable-answered");
    assert_eq!(finding.level, "note");
    assert_eq!(
        (finding.line, finding.column),
        (Some(key_line(&env, "data.fairness")), Some(3))
    );
    assert!(finding.message.contains("`data.fairness`"), "{finding:?}");
    assert!(run.stdout.contains("a.yaml: passed\n"), "{}", run.stdout);
    // Not even --deny-warnings fails it: nothing is wrong.
    let run = validate(&env, &["a.yaml", "--today", "2026-11-29", "--deny-warnings"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
}

#[test]
fn today_must_be_a_date() {
    let env = Env::mini();
    env.complete_mini();
    let run = validate(&env, &["a.yaml", "--today", "notadate"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains("notadate"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn several_files_one_bad_one_good() {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    let good = env.read("a.yaml");
    env.write("good.yaml", &good);
    env.write("bad.yaml", &good.replace("    value: 4\n", "    value: 9\n"));
    let run = validate(&env, &["good.yaml", "bad.yaml", "--today", "2026-11-29"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(run.stdout.contains("good.yaml: passed\n"), "{}", run.stdout);
    assert!(run.stdout.contains("bad.yaml: failed"), "{}", run.stdout);
    let found = parse_text(&run.stdout);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].file, "bad.yaml");
    assert_eq!(found[0].rule, "invalid-value");

    let run = validate(&env, &["good.yaml", "a.yaml", "--today", "2026-11-29"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "good.yaml: passed\na.yaml: passed\nchecked 2 files: 2 passed, 0 failed, 0 unreadable (0 errors, 0 warnings)\n"
    );
}

#[test]
fn a_malformed_file_among_several_exits_2() {
    let env = Env::mini();
    env.complete_mini();
    let good = env.read("a.yaml");
    env.write("good.yaml", &good);
    env.write("bad.yaml", &good.replace("    value: 4\n", "    value: 9\n"));
    env.write(
        "broken.yaml",
        "etika: 1\nchecklist: {id: mini, version: \"1.1.0\"\n",
    );
    let run = validate(
        &env,
        &["good.yaml", "broken.yaml", "bad.yaml", "--today", "2026-11-29"],
    );
    assert_eq!(run.code, Some(2), "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.starts_with("error: broken.yaml:"), "{}", run.stderr);
    // The readable files are still checked.
    assert!(run.stdout.contains("good.yaml: passed"), "{}", run.stdout);
    assert!(run.stdout.contains("bad.yaml: failed"), "{}", run.stdout);

    let run = validate(&env, &["good.yaml", "missing.yaml", "--today", "2026-11-29"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("missing.yaml"), "{}", run.stderr);
}

#[test]
fn json_does_not_say_passed_when_a_file_could_not_be_read() {
    let env = Env::mini();
    env.complete_mini();
    let run = validate(
        &env,
        &[
            "a.yaml",
            "missing.yaml",
            "--today",
            "2026-11-29",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, Some(2));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(
        json["passed"],
        serde_json::json!(false),
        "a script reading only the JSON must not see success: {}",
        run.stdout
    );
    assert!(
        run.stdout.contains("missing.yaml"),
        "names the file: {}",
        run.stdout
    );
}

/// A file with one finding of most rules, for the JSON and GitHub formats.
fn several_findings(env: &Env) {
    env.complete_mini();
    edit(env, "    value: 4\n", "    value: 2\n");
    edit(env, "    evidence:\n    - docs/data-card.md\n", "");
    edit(env, "      owner: ml-team\n", "");
    edit(env, "    value: [ordinary, health]\n", "    value: [ordinary]\n");
    edit(env, "    rationale: Appeals go to a credit officer.\n", "");
    remove_answer(env, "people.notes");
    let mut text = env.read("a.yaml");
    text.push_str("  data.crad:\n    value: \"yes\"\n");
    env.write("a.yaml", &text);
}

#[test]
fn json_output_snapshot() {
    let env = Env::mini();
    several_findings(&env);
    let run = validate(&env, &["a.yaml", "--today", "2026-11-29", "--format", "json"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!("validate_json", run.stdout);
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonOutput {
    version: u32,
    passed: bool,
    files: Vec<JsonFile>,
    /// Files that could not be validated at all (added to version 1).
    #[serde(default)]
    unreadable: Vec<JsonUnreadable>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonUnreadable {
    file: String,
    message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonFile {
    file: String,
    checklist: JsonChecklist,
    passed: bool,
    errors: usize,
    warnings: usize,
    findings: Vec<JsonFinding>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonChecklist {
    id: String,
    version: String,
    #[serde(default)]
    path: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonFinding {
    rule: String,
    level: String,
    item: Option<String>,
    message: String,
    help: String,
    line: Option<u64>,
    column: Option<u64>,
    span: Option<JsonSpan>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonSpan {
    line: u64,
    column: u64,
    offset: Option<u64>,
    length: Option<u64>,
}

const RULES: [&str; 12] = [
    "missing-answer",
    "invalid-value",
    "unknown-item",
    "not-applicable-answered",
    "missing-rationale",
    "missing-evidence",
    "missing-action",
    "incomplete-action",
    "invalid-date",
    "overdue-action",
    "checklist-version",
    "stale-answer",
];

#[test]
fn json_output_has_the_documented_shape() {
    let env = Env::mini();
    several_findings(&env);
    let good = Env::mini();
    good.complete_mini();
    good.sign();
    env.write("good.yaml", &good.read("a.yaml"));

    let run = validate(
        &env,
        &["a.yaml", "good.yaml", "--today", "2026-11-29", "--format", "json"],
    );
    assert_eq!(run.code, Some(1));
    let output: JsonOutput =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout));
    assert_eq!(output.version, 1);
    assert!(!output.passed);
    assert_eq!(output.files.len(), 2);

    let bad = &output.files[0];
    assert_eq!(bad.file, "a.yaml");
    assert_eq!(bad.checklist.id, "mini");
    assert_eq!(bad.checklist.version, "1.1.0");
    assert_eq!(bad.checklist.path.as_deref(), Some("mini.yaml"));
    assert!(!bad.passed);
    let errors = bad.findings.iter().filter(|f| f.level == "error").count();
    let warnings = bad.findings.iter().filter(|f| f.level == "warning").count();
    assert_eq!((bad.errors, bad.warnings), (errors, warnings));
    let notes = bad.findings.iter().filter(|f| f.level == "note").count();
    assert!(bad.errors >= 6 && bad.warnings == 0 && notes == 1, "{bad:#?}");
    for finding in &bad.findings {
        assert!(RULES.contains(&finding.rule.as_str()), "{finding:?}");
        assert!(
            ["error", "warning", "note"].contains(&finding.level.as_str()),
            "{finding:?}"
        );
        assert!(!finding.message.is_empty());
        assert!(!finding.help.is_empty(), "{finding:?}");
        if let Some(item) = &finding.item {
            assert!(finding.message.contains(item.as_str()), "{finding:?}");
        }
    }
    let rules: Vec<&str> = bad.findings.iter().map(|f| f.rule.as_str()).collect();
    for rule in [
        "missing-answer",
        "unknown-item",
        "not-applicable-answered",
        "missing-rationale",
        "missing-evidence",
        "missing-action",
        "incomplete-action",
    ] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }
    let unanswered = bad.findings.iter().find(|f| f.rule == "missing-answer").unwrap();
    assert_eq!(unanswered.item.as_deref(), Some("people.notes"));
    assert_eq!(
        (unanswered.line, unanswered.column),
        (Some(answers_line(&env)), Some(1))
    );
    // Where the parser knows it, the span has the byte range too.
    for finding in bad.findings.iter().filter(|f| f.rule != "missing-answer") {
        let span = finding.span.as_ref().unwrap_or_else(|| panic!("{finding:?}"));
        assert_eq!(
            (Some(span.line), Some(span.column)),
            (finding.line, finding.column)
        );
        assert!(span.offset.is_some() && span.length.is_some(), "{finding:?}");
    }

    let good = &output.files[1];
    assert_eq!(good.file, "good.yaml");
    assert!(good.passed);
    assert_eq!((good.errors, good.warnings), (0, 0));
    assert!(good.findings.is_empty());
    assert!(output.unreadable.is_empty());

    // The built-in checklist has no path.
    let env = Env::new();
    env.etika()
        .args(["init", "-o", "a.yaml", "--system", "S"])
        .assert()
        .success();
    let run = validate(&env, &["a.yaml", "--format", "json"]);
    let output: JsonOutput = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(output.files[0].checklist.id, "ai-ethics");
    assert_eq!(output.files[0].checklist.path, None);
    assert!(!run.stdout.contains("\"path\""), "{}", run.stdout);
}

#[test]
fn github_annotations() {
    let env = Env::mini();
    several_findings(&env);
    let run = validate(&env, &["a.yaml", "--today", "2026-11-29", "--format", "github"]);
    assert_eq!(run.code, Some(1));
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines.len() >= 7, "{}", run.stdout);
    for line in &lines {
        assert!(
            line.starts_with("::error file=a.yaml,")
                || line.starts_with("::warning file=a.yaml,")
                || line.starts_with("::notice file=a.yaml,"),
            "{line}"
        );
        let (properties, _message) = line[2..].split_once("::").expect("::message");
        let title = properties.rsplit_once(",title=etika ").expect("a title").1;
        assert!(RULES.contains(&title), "{line}");
    }
    let line = line_in(&env, "data.card", "    value:");
    assert!(
        lines.contains(&format!("::error file=a.yaml,line={line},col=12,title=etika missing-evidence::`data.card`: this answer needs evidence (a document path or URL)").as_str()),
        "{}",
        run.stdout
    );
    let line = key_line(&env, "data.health-consent");
    assert!(
        run.stdout.contains(&format!(
            "::notice file=a.yaml,line={line},col=3,title=etika not-applicable-answered::"
        )),
        "{}",
        run.stdout
    );
    let line = answers_line(&env);
    assert!(
        run.stdout.contains(&format!(
            "::error file=a.yaml,line={line},col=1,title=etika missing-answer::`people.notes` is not answered\n"
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn github_messages_and_properties_are_escaped() {
    let env = Env::mini();
    env.complete_mini();
    edit(&env, "    value: 4\n", "    value: 50%\n");
    let mut text = env.read("a.yaml");
    text.push_str("  \"data.100%\\ncard\":\n    value: \"yes\"\n");
    env.write("a,b:c.yaml", &text);

    let run = validate(
        &env,
        &["a,b:c.yaml", "--today", "2026-11-29", "--format", "github"],
    );
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "one line per finding: {}", run.stdout);
    for line in &lines {
        assert!(line.starts_with("::error file=a%2Cb%3Ac.yaml,line="), "{line}");
    }
    let invalid = lines.iter().find(|l| l.contains("invalid-value")).unwrap();
    assert!(
        invalid.contains("::`people.explanation`: `50%25` is not"),
        "{invalid}"
    );
    let unknown = lines.iter().find(|l| l.contains("unknown-item")).unwrap();
    // The line break in the id is shown, not obeyed.
    assert!(unknown.contains("`data.100%25\\ncard`"), "{unknown}");
    assert!(!run.stdout.contains("50% "), "{}", run.stdout);
}

#[test]
fn hand_edits_of_the_wrong_type_are_findings_not_fatal() {
    let env = Env::mini();
    env.complete_mini();
    let text = env
        .read("a.yaml")
        .replace("value: decides", "value: true")
        .replace("value: 4", "value: \"4\"")
        .replace(
            "evidence:\n    - docs/data-card.md",
            "evidence: docs/data-card.md",
        );
    assert!(
        text.contains("value: true")
            && text.contains("value: \"4\"")
            && text.contains("evidence: docs/data-card.md")
    );
    env.write("b.yaml", &text);
    let output = env
        .etika()
        .args(["validate", "b.yaml", "--today", "2026-11-29"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        crate::common::stderr(&output)
    );
    let stdout = crate::common::stdout(&output);
    assert!(
        stdout.contains("error[invalid-value]: `context.people`: `true` is not a valid answer"),
        "{stdout}"
    );
    // A quoted scale value and a single evidence string are understood.
    assert!(!stdout.contains("people.explanation"), "{stdout}");
    assert!(!stdout.contains("missing-evidence"), "{stdout}");
}

#[test]
fn a_checklist_problem_points_at_the_checklist_by_its_shortest_path() {
    let env = Env::new();
    env.make_repository();
    env.write("checklists/mini.yaml", crate::common::MINI);
    env.init("svc/a/a.yaml", "checklists/mini.yaml", "S");
    // A link elsewhere to the assessment finds the checklist from the file's own place.
    std::os::unix::fs::symlink("svc/a/a.yaml", env.path("link.yaml")).unwrap();
    let run = validate(&env, &["link.yaml", "--today", "2026-11-29"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    // A YAML error in the checklist is annotated on the checklist, not on `svc/a/../../…`.
    let broken = crate::common::MINI.replace("type: yes-no", "type: [yes-no");
    env.write("checklists/mini.yaml", &broken);
    let run = validate(&env, &["svc/a/a.yaml", "--format", "github"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stdout.starts_with("::error file=checklists/mini.yaml,line="),
        "{}",
        run.stdout
    );
}

#[test]
fn a_checklist_that_fails_its_checks_is_located_problem_by_problem() {
    let env = Env::mini();
    env.write("broken.yaml", include_str!("../fixtures/lint-broken.yaml"));
    edit(&env, "path: mini.yaml", "path: broken.yaml");
    let run = validate(&env, &["a.yaml", "--format", "github"]);
    assert_eq!(run.code, Some(2));
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 7, "{}", run.stdout);
    assert!(
        lines[0].starts_with("::error file=broken.yaml,line=23,col=13,title=etika unreadable::"),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "::error file=broken.yaml,line=23,col=13,title=etika duplicate-id::item id `data.card` is used twice"
    );
    let json = validate(&env, &["a.yaml", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let unreadable = &value["unreadable"][0];
    assert_eq!(unreadable["location"]["line"], 23);
    assert_eq!(unreadable["problems"].as_array().map(Vec::len), Some(6));
    assert_eq!(unreadable["problems"][5]["rule"], "invalid-checklist");
}

#[test]
fn json_output_stays_json_whatever_the_text_holds() {
    let env = Env::mini();
    env.complete_mini();
    edit(&env, "    value: 4\n", "    value: \"##[group] ::warning::x\"\n");
    let run = validate(&env, &["a.yaml", "--format", "json"]);
    let value: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout));
    assert!(value["files"][0]["findings"].to_string().contains("##[group]"));
    assert!(
        !run.stdout.contains("##["),
        "no legacy workflow command on stdout"
    );
    let report = env
        .etika()
        .args(["report", "a.yaml", "--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice::<serde_json::Value>(&report.stdout).unwrap();
}

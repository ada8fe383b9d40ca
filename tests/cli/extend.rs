//! Checklists that extend others (`extends:`): added sections and items,
//! overrides, removals, chains, cycles; base updates reaching assessments;
//! and `etika checklist new`, whose scaffold lints clean.

use crate::common::{Env, stderr, stdout, validate_findings};

fn run(env: &Env, args: &[&str]) -> (Option<i32>, String, String) {
    let output = env.etika().args(args).output().unwrap();
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    (output.status.code(), stdout(&output), err)
}

/// An organisation checklist on top of the built-in one.
const OURS: &str = r#"id: ours
version: "1.0.0"
title: Our checklist
extends: ai-ethics
sections:
  - id: bias
    items:
      - id: bias.board-review
        question: Has the ethics board reviewed the fairness tests?
        type: yes-no
        severity: high
        references: [{framework: Our policy, clause: "3.1"}]
  - id: procurement
    title: Procurement
    items:
      - id: procurement.questionnaire
        question: Has the supplier answered our questionnaire?
        type: yes-no
        severity: medium
        when: {item: context.generative-ai, equals: "yes"}
        references: [{framework: Our policy, clause: "4.2"}]
override:
  - item: bias.affected-groups
    severity: critical
    help: Our board reviews the list of affected groups.
    requires: [evidence, rationale]
  - item: jobs.alternatives
    when: {item: context.generative-ai, equals: "yes"}
remove:
  - jobs.benefit-sharing
"#;

/// Item ids of `checklist` in order, from its Markdown (`- [ ] **ID** ...`).
fn ids(env: &Env, checklist: &str) -> Vec<String> {
    let (code, out, err) = run(env, &["checklist", "show", checklist, "--lang", "en"]);
    assert_eq!(code, Some(0), "{err}");
    out.lines()
        .filter_map(|l| l.strip_prefix("- [ ] **"))
        .filter_map(|l| l.split_once("**"))
        .map(|(id, _)| id.to_string())
        .collect()
}

/// The Markdown block of one item.
fn item_block(env: &Env, checklist: &str, id: &str) -> String {
    let (_, out, _) = run(env, &["checklist", "show", checklist, "--lang", "en"]);
    let start = out
        .find(&format!("- [ ] **{id}**"))
        .unwrap_or_else(|| panic!("{id} in {out}"));
    let rest = &out[start..];
    let end = rest[1..].find("\n- [ ]").map_or(rest.len(), |e| e + 1);
    rest[..end].to_string()
}

#[test]
fn extend_adds_overrides_and_removes() {
    let env = Env::new();
    env.write("ours.yaml", OURS);
    let (code, out, err) = run(&env, &["checklist", "lint", "ours.yaml"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.starts_with("ours.yaml: ok: checklist ours 1.0.0, "), "{out}");

    let base = ids(&env, "ai-ethics");
    let ours = ids(&env, "ours.yaml");
    // Removed, and everything else of the base in its order.
    assert!(base.contains(&"jobs.benefit-sharing".to_string()));
    assert!(!ours.contains(&"jobs.benefit-sharing".to_string()));
    let kept: Vec<&String> = base.iter().filter(|id| *id != "jobs.benefit-sharing").collect();
    let ours_from_base: Vec<&String> = ours.iter().filter(|id| base.contains(id)).collect();
    assert_eq!(ours_from_base, kept);
    // Added at the end of the base's section, and a new section last.
    let last_bias = base.iter().rposition(|id| id.starts_with("bias.")).unwrap();
    assert_eq!(ours[last_bias + 1], "bias.board-review");
    assert_eq!(ours.last().unwrap(), "procurement.questionnaire");
    assert_eq!(ours.len(), base.len() + 1);

    // Overridden fields; the question stays.
    let block = item_block(&env, "ours.yaml", "bias.affected-groups");
    assert!(block.contains("Severity: critical"), "{block}");
    assert!(
        block.contains("Our board reviews the list of affected groups."),
        "{block}"
    );
    assert!(block.starts_with(&item_block(&env, "ai-ethics", "bias.affected-groups")[..60]));
    let block = item_block(&env, "ours.yaml", "jobs.alternatives");
    assert!(block.contains("`context.generative-ai`"), "{block}");

    // In an assessment: `requires` is the override's, the removed id unknown.
    env.init("a.yaml", "ours.yaml", "S");
    let text = env.read("a.yaml");
    assert!(
        text.contains(
            "checklist: {id: ours, version: \"1.0.0\", path: ours.yaml, extends: [{id: ai-ethics, version: "
        ),
        "{text}"
    );
    env.answer(&["context.decision-role", "recommends"]);
    env.answer(&["bias.affected-groups", "yes"]);
    let (_, findings) = validate_findings(&env, "a.yaml", &[]);
    let rules_of = |id: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["item"] == id)
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let rules = rules_of("bias.affected-groups");
    assert!(rules.contains(&"missing-evidence".to_string()), "{rules:?}");
    assert!(rules.contains(&"missing-rationale".to_string()), "{rules:?}");
    let (code, _, err) = run(&env, &["answer", "a.yaml", "jobs.benefit-sharing", "yes"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("has no item `jobs.benefit-sharing`"), "{err}");
}

#[test]
fn a_chain_of_two_extends() {
    let env = Env::new();
    env.make_repository();
    env.write("lists/base.yaml", OURS);
    env.write(
        "lists/team.yaml",
        r#"id: team
version: "2.0.0"
title: Our team's checklist
extends: base.yaml
sections:
  - id: procurement
    items:
      - id: procurement.licence
        question: Does the licence allow our use?
        type: yes-no
        severity: low
        references: [{framework: Team rules}]
override:
  - item: bias.board-review
    severity: low
  - item: bias.affected-groups
    severity: medium
remove:
  - jobs.alternatives
"#,
    );
    let (code, out, err) = run(&env, &["checklist", "lint", "lists/team.yaml"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let team = ids(&env, "lists/team.yaml");
    assert!(team.contains(&"bias.board-review".to_string()));
    assert!(!team.contains(&"jobs.alternatives".to_string()));
    assert!(!team.contains(&"jobs.benefit-sharing".to_string()));
    assert_eq!(team.last().unwrap(), "procurement.licence");
    assert!(item_block(&env, "lists/team.yaml", "bias.board-review").contains("Severity: low"));
    assert!(item_block(&env, "lists/team.yaml", "bias.affected-groups").contains("Severity: medium"));

    env.init("svc/a.yaml", "lists/team.yaml", "S");
    let text = env.read("svc/a.yaml");
    assert!(
        text.contains(
            "checklist: {id: team, version: \"2.0.0\", path: ../lists/team.yaml, extends: [{id: ours, version: \"1.0.0\"}, {id: ai-ethics, version: "
        ),
        "{text}"
    );
}

#[test]
fn a_cycle_is_an_error_naming_the_chain() {
    let env = Env::new();
    let list = |id: &str, extends: &str| {
        format!(
            "id: {id}\nversion: \"1.0.0\"\ntitle: {id}\nextends: {extends}\nremove: [jobs.alternatives]\n"
        )
    };
    env.write("a.yaml", &list("a", "b.yaml"));
    env.write("b.yaml", &list("b", "a.yaml"));
    let (code, _, err) = run(&env, &["init", "-o", "x.yaml", "--checklist", "a.yaml"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("b.yaml:4:10: checklists extend each other in a cycle: a.yaml -> b.yaml -> a.yaml"),
        "{err}"
    );
    assert!(!env.path("x.yaml").exists());
    let (code, out, _) = run(&env, &["checklist", "lint", "a.yaml"]);
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with(
            "a.yaml:4:10: error[invalid-extension]: the checklist this one extends cannot be used: "
        ),
        "{out}"
    );
    assert!(out.contains("a.yaml -> b.yaml -> a.yaml"), "{out}");

    // A chain too long to be a real one stops, at the file that goes too deep.
    for n in 0..20 {
        env.write(
            &format!("c{n}.yaml"),
            &list(&format!("c{n}"), &format!("c{}.yaml", n + 1)),
        );
    }
    let (code, _, err) = run(&env, &["checklist", "show", "c0.yaml"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("c15.yaml:4:10: checklists extend each other more than 16 deep, the most etika reads"),
        "{err}"
    );

    // A checklist that extends itself.
    env.write("self.yaml", &list("s", "self.yaml"));
    let (code, out, _) = run(&env, &["checklist", "lint", "self.yaml"]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains(
            "self.yaml:4:10: error[invalid-extension]: checklists extend each other in a cycle: self.yaml -> self.yaml"
        ),
        "{out}"
    );
}

#[test]
fn extends_names_a_builtin_or_a_file_inside_the_repository() {
    let env = Env::new();
    env.make_repository();
    env.write("repo/.git/HEAD", "ref: refs/heads/main\n");
    env.write("outside.yaml", OURS);
    let list = |extends: &str| {
        format!("id: x\nversion: \"1.0.0\"\ntitle: X\nextends: {extends}\nremove: [jobs.alternatives]\n")
    };
    env.write("repo/up.yaml", &list("../outside.yaml"));
    let (code, _, err) = run(&env, &["checklist", "show", "repo/up.yaml"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("repo/up.yaml:4:10: `extends: ../outside.yaml` leads outside its repository"),
        "{err}"
    );
    env.write("repo/abs.yaml", &list("/etc/passwd"));
    let (code, _, err) = run(&env, &["checklist", "show", "repo/abs.yaml"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("must be a built-in id or a path relative to this file"),
        "{err}"
    );
    env.write("repo/none.yaml", &list("nothing-here"));
    let (code, _, err) = run(&env, &["checklist", "show", "repo/none.yaml"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("`extends: nothing-here` names neither a built-in checklist (ai-ethics) nor a file"),
        "{err}"
    );
    // `override` and `remove` need `extends`.
    env.write("plain.yaml", "id: p\nversion: \"1.0.0\"\ntitle: P\nremove: [a.b]\nsections:\n  - id: a\n    title: A\n    items:\n      - {id: a.b, question: B?, type: text, references: [{framework: F}]}\n");
    let (code, out, _) = run(&env, &["checklist", "lint", "plain.yaml"]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("plain.yaml:4:10: error[invalid-extension]: `remove` leaves out items of the checklist this one extends; add `extends:`"),
        "{out}"
    );
}

const BASE: &str = r#"id: base
version: "1.0.0"
title: Base
changelog:
  - {version: 1.0.0}
sections:
  - id: data
    title: Data
    items:
      - id: data.card
        question: Is there a data card?
        help: Where the data comes from.
        type: yes-no
        severity: medium
        references: [{framework: F}]
      - id: data.owner
        question: Does the data have an owner?
        type: yes-no
        severity: low
        references: [{framework: F}]
"#;

const TOP: &str = r#"id: top
version: "3.0.0"
title: Top
extends: base.yaml
sections:
  - id: extra
    title: Extra
    items:
      - id: extra.review
        question: Was it reviewed?
        type: yes-no
        severity: low
        references: [{framework: G}]
"#;

#[test]
fn an_update_of_the_base_reaches_the_assessment() {
    let env = Env::new();
    env.write("base.yaml", BASE);
    env.write("top.yaml", TOP);
    env.init("a.yaml", "top.yaml", "S");
    for id in ["data.card", "data.owner", "extra.review"] {
        env.answer(&[id, "yes"]);
    }
    let (code, findings) = validate_findings(&env, "a.yaml", &[]);
    assert_eq!(code, Some(0), "{findings:#?}");
    // Each answer records the version of the checklist its item comes from.
    let asked = |text: &str, id: &str| -> String {
        let at = text.find(&format!("  {id}:\n")).unwrap();
        let line = text[at..]
            .lines()
            .find(|l| l.trim_start().starts_with("asked:"))
            .unwrap();
        line.trim().to_string()
    };
    let text = env.read("a.yaml");
    assert!(
        asked(&text, "data.card").starts_with("asked: {version: \"1.0.0\""),
        "{text}"
    );
    assert!(
        asked(&text, "extra.review").starts_with("asked: {version: \"3.0.0\""),
        "{text}"
    );

    // The base changes a question (found by fingerprint) and a help text
    // its changelog lists (found by the changelog), in 1.1.0.
    let updated = BASE
        .replace("version: \"1.0.0\"", "version: \"1.1.0\"")
        .replace(
            "  - {version: 1.0.0}",
            "  - {version: 1.1.0, changed: [data.owner]}\n  - {version: 1.0.0}",
        )
        .replace("Is there a data card?", "Is there an up-to-date data card?");
    env.write("base.yaml", &updated);
    let (code, findings) = validate_findings(&env, "a.yaml", &[]);
    assert_eq!(code, Some(1), "{findings:#?}");
    let found: Vec<(String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["item"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(
        found.contains(&("stale-answer".into(), "data.card".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("stale-answer".into(), "data.owner".into())),
        "{found:?}"
    );
    assert!(!found.iter().any(|(_, id)| id == "extra.review"), "{found:?}");
    let version = findings
        .iter()
        .find(|f| f["rule"] == "checklist-version")
        .expect("a checklist-version finding");
    assert!(
        version["message"]
            .as_str()
            .unwrap()
            .starts_with("the assessment records base 1.0.0, which top extends, but it is now 1.1.0"),
        "{version}"
    );
    let owner = findings
        .iter()
        .find(|f| f["rule"] == "stale-answer" && f["item"] == "data.owner")
        .unwrap();
    assert!(
        owner["message"]
            .as_str()
            .unwrap()
            .contains("the question changed in base 1.1.0"),
        "{owner}"
    );

    // Reviewing both moves the assessment to base 1.1.0, and it passes again.
    env.answer(&["data.card", "yes"]);
    assert!(
        env.read("a.yaml")
            .contains("extends: [{id: base, version: \"1.0.0\"}]")
    );
    env.answer(&["data.owner", "yes"]);
    let text = env.read("a.yaml");
    assert!(
        text.contains(
            "checklist: {id: top, version: \"3.0.0\", path: top.yaml, extends: [{id: base, version: \"1.1.0\"}]}"
        ),
        "{text}"
    );
    assert!(
        asked(&text, "data.owner").starts_with("asked: {version: \"1.1.0\""),
        "{text}"
    );
    let (code, findings) = validate_findings(&env, "a.yaml", &[]);
    assert_eq!(code, Some(0), "{findings:#?}");
}

#[test]
fn checklist_new_writes_a_scaffold_that_lints_clean() {
    let env = Env::new();
    let (code, out, err) = run(&env, &["checklist", "new"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.starts_with("Created checklist.yaml: a checklist that extends ai-ethics"),
        "{out}"
    );
    let text = env.read("checklist.yaml");
    for part in [
        "extends: ai-ethics",
        "\nsections:\n",
        "\noverride:\n",
        "\nremove:\n",
        "etika checklist lint checklist.yaml",
    ] {
        assert!(text.contains(part), "{part} in\n{text}");
    }
    let (code, out, err) = run(&env, &["checklist", "lint", "checklist.yaml", "--deny-warnings"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.starts_with("checklist.yaml: ok: checklist our-ai-ethics 1.0.0, "),
        "{out}"
    );
    // One added section, one override, one removal, as it says.
    let (_, base, _) = run(&env, &["checklist", "show", "ai-ethics", "--lang", "en"]);
    let (_, ours, _) = run(&env, &["checklist", "show", "checklist.yaml", "--lang", "en"]);
    assert!(base.contains("**jobs.benefit-sharing**") && !ours.contains("**jobs.benefit-sharing**"));
    assert!(
        ours.contains("## Buying AI systems and models (`procurement`)"),
        "{ours}"
    );

    // An assessment can be made from it.
    let (code, _, err) = run(&env, &["init", "--checklist", "checklist.yaml", "--system", "S"]);
    assert_eq!(code, Some(0), "{err}");

    // It never replaces a file without --force.
    env.write("mine.yaml", "id: mine\n");
    let (code, _, err) = run(&env, &["checklist", "new", "mine.yaml"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("mine.yaml already exists; use --force to replace it"),
        "{err}"
    );
    assert_eq!(env.read("mine.yaml"), "id: mine\n");
    let (code, _, err) = run(&env, &["checklist", "new", "mine.yaml", "--force"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(env.read("mine.yaml").contains("etika checklist lint mine.yaml"));
}

#[test]
fn a_section_whose_items_are_all_removed_is_left_out() {
    let env = Env::new();
    env.write("base.yaml", BASE);
    env.write(
        "s.yaml",
        &TOP.replace(
            "extends: base.yaml\n",
            "extends: base.yaml\nremove: [data.card, data.owner]\n",
        ),
    );
    let (code, out, err) = run(&env, &["checklist", "lint", "s.yaml"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(
        out,
        "s.yaml: ok: checklist top 3.0.0, 1 sections, 1 items, languages: en\n"
    );
    assert_eq!(ids(&env, "s.yaml"), ["extra.review"]);
}

//! `etika report --template-dir`: blocks overridden from a folder, names and
//! links confined to it, and strict undefined variables.

use std::process::Output;

use crate::common::{Env, stderr, stdout};

fn run(env: &Env, args: &[&str]) -> Output {
    let mut full = vec!["report", "a.yaml", "--today", "2026-11-29"];
    full.extend_from_slice(args);
    env.etika().args(&full).output().unwrap()
}

fn report(env: &Env, args: &[&str]) -> String {
    let output = run(env, args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

/// The error message of a run that must exit 2.
fn fails(env: &Env, args: &[&str]) -> String {
    let output = run(env, args);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
    stderr(&output)
}

fn complete() -> Env {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    env
}

#[test]
fn a_child_template_overrides_one_block_and_keeps_the_rest() {
    let env = complete();
    let built_in = report(&env, &[]);
    env.write(
        "tpl/report.md.j2",
        "{% extends \"etika/report.md.j2\" %}\n{% block footer %}Filed by the audit team.\n{% endblock %}\n",
    );
    let text = report(&env, &["--template-dir", "tpl"]);
    let (body, footer) = built_in.rsplit_once("---\n").unwrap();
    assert!(footer.contains("etika"), "{footer}");
    assert_eq!(text, format!("{body}Filed by the audit team.\n"));
}

#[test]
fn a_row_block_sees_its_loop_and_can_call_super() {
    let env = complete();
    env.write(
        "tpl/report.md.j2",
        "{% extends \"etika/report.md.j2\" %}\
         {% block item_row %}| `{{ item.id }}` ({{ section.id }} {{ loop.index }}) | | | | |\n{% endblock %}\
         {% block signoff_row %}{{ super() }}{% endblock %}",
    );
    let text = report(&env, &["--template-dir", "tpl"]);
    assert!(
        text.contains("\n| `data.card` (data 1) | | | | |\n| `data.fairness` (data 2) |"),
        "{text}"
    );
    assert!(
        text.contains("| rai-lead | Responsible AI lead | 2026-11-29 |"),
        "{text}"
    );
}

#[test]
fn a_folder_without_report_uses_the_built_in_one_and_includes_come_from_the_folder() {
    let env = complete();
    let built_in = report(&env, &[]);
    env.write("tpl/unused.j2", "never rendered");
    assert_eq!(report(&env, &["--template-dir", "tpl"]), built_in);

    env.write("tpl/parts/title.j2", "{{ system.name|md }}");
    env.write(
        "tpl/report.md.j2",
        "{% include \"parts/title.j2\" %}: {{ checklist.id }}\n",
    );
    assert_eq!(report(&env, &["--template-dir", "tpl"]), "Loan model: mini\n");
}

#[test]
fn the_built_in_base_cannot_be_shadowed_from_the_folder() {
    let env = complete();
    let built_in = report(&env, &[]);
    env.write("tpl/etika/report.md.j2", "shadowed\n");
    env.write("tpl/report.md.j2", "{% extends \"etika/report.md.j2\" %}");
    assert_eq!(report(&env, &["--template-dir", "tpl"]), built_in);
}

#[test]
fn template_names_cannot_leave_the_folder() {
    let env = complete();
    env.write("secret.j2", "TOP SECRET\n");
    for name in [
        "../secret.j2",
        "/etc/passwd",
        "parts/../../secret.j2",
        ".hidden.j2",
    ] {
        env.write("tpl/report.md.j2", &format!("x\n{{% include \"{name}\" %}}\n"));
        let message = fails(&env, &["--template-dir", "tpl"]);
        assert!(
            message.starts_with("error: tpl/report.md.j2:2: template error: "),
            "{name}: {message}"
        );
        assert!(
            message.contains("is not a path inside --template-dir"),
            "{name}: {message}"
        );
        assert!(!message.contains("TOP SECRET"), "{message}");
    }
}

#[cfg(unix)]
#[test]
fn links_out_of_the_folder_are_refused_and_links_inside_it_followed() {
    let env = complete();
    env.write("secret.j2", "TOP SECRET\n");
    env.write("tpl/parts/real.j2", "inside");
    std::os::unix::fs::symlink("parts/real.j2", env.path("tpl/inner.j2")).unwrap();
    env.write("tpl/report.md.j2", "{% include \"inner.j2\" %}\n");
    assert_eq!(report(&env, &["--template-dir", "tpl"]), "inside\n");

    std::os::unix::fs::symlink("../secret.j2", env.path("tpl/outer.j2")).unwrap();
    std::os::unix::fs::symlink("..", env.path("tpl/up")).unwrap();
    std::os::unix::fs::symlink("missing.j2", env.path("tpl/dangling.j2")).unwrap();
    for name in ["outer.j2", "up/secret.j2", "dangling.j2"] {
        env.write("tpl/report.md.j2", &format!("{{% include \"{name}\" %}}\n"));
        let message = fails(&env, &["--template-dir", "tpl"]);
        assert!(
            message.contains(&format!("template tpl/{name} is a symbolic link")),
            "{message}"
        );
        assert!(!message.contains("TOP SECRET"), "{message}");
    }
    // The entry template itself is held to the same rule.
    std::fs::remove_file(env.path("tpl/report.md.j2")).unwrap();
    std::os::unix::fs::symlink("../secret.j2", env.path("tpl/report.md.j2")).unwrap();
    let message = fails(&env, &["--template-dir", "tpl"]);
    assert!(
        message.contains("template tpl/report.md.j2 is a symbolic link"),
        "{message}"
    );
}

#[test]
fn the_folder_must_be_a_folder_and_conflicts_with_a_template_file() {
    let env = complete();
    env.write("t.j2", "x\n");
    let message = fails(&env, &["--template-dir", "t.j2"]);
    assert_eq!(message, "error: --template-dir t.j2 is not a folder\n");
    let message = fails(&env, &["--template-dir", "missing"]);
    assert!(
        message.starts_with("error: cannot read --template-dir missing"),
        "{message}"
    );

    std::fs::create_dir(env.path("tpl")).unwrap();
    let message = fails(&env, &["--template", "t.j2", "--template-dir", "tpl"]);
    assert!(message.contains("cannot be used with"), "{message}");
    let message = fails(&env, &["--template-dir", "tpl", "--format", "json"]);
    assert!(
        message.contains("--template-dir applies to the Markdown report"),
        "{message}"
    );
}

#[test]
fn the_report_never_overwrites_a_template_it_read() {
    let env = complete();
    env.write("tpl/report.md.j2", "{% include \"part.j2\" %}\n");
    env.write("tpl/part.j2", "part\n");
    for out in ["tpl/report.md.j2", "tpl/part.j2"] {
        let message = fails(&env, &["--template-dir", "tpl", "-o", out]);
        assert_eq!(
            message,
            format!("error: -o {out} would overwrite the template; choose another file\n")
        );
    }
    assert_eq!(env.read("tpl/part.j2"), "part\n");
}

#[test]
fn an_undefined_variable_names_the_template_the_line_and_the_variable() {
    let env = complete();
    env.write("tpl/report.md.j2", "# {{ system.name }}\n{{ sytem.name }}\n");
    let message = fails(&env, &["--template-dir", "tpl"]);
    insta::assert_snapshot!("undefined_variable_in_folder", message);
    assert!(
        message.starts_with("error: tpl/report.md.j2:2: template error: "),
        "{message}"
    );
    assert!(message.contains("`sytem` is undefined"), "{message}");

    // The same with --template, and in a block of a child template.
    env.write("t.j2", "{{ system.name }}\n\n{{ sytem.name|md }}\n");
    let message = fails(&env, &["--template", "t.j2"]);
    assert!(
        message.starts_with("error: t.j2:3: template error: "),
        "{message}"
    );
    assert!(message.contains("`sytem` is undefined"), "{message}");
    env.write(
        "tpl/report.md.j2",
        "{% extends \"etika/report.md.j2\" %}\n{% block footer %}\n{{ checklist.titel }}\n{% endblock %}\n",
    );
    let message = fails(&env, &["--template-dir", "tpl"]);
    assert!(
        message.starts_with("error: tpl/report.md.j2:3: template error: "),
        "{message}"
    );
    assert!(message.contains("`checklist.titel`"), "{message}");
}

#[test]
fn a_misspelt_optional_field_in_a_condition_is_an_error_and_a_missing_one_is_none() {
    // Env::mini has no owner and no description: both are none, not undefined.
    let env = complete();
    env.write(
        "tpl/report.md.j2",
        "{% if system.owner %}owner{% else %}no owner{% endif %}, {% if system.description is none %}none{% endif %}\n",
    );
    assert_eq!(report(&env, &["--template-dir", "tpl"]), "no owner, none\n");
    env.write("tpl/report.md.j2", "{% if system.ownr %}owner{% endif %}\n");
    let message = fails(&env, &["--template-dir", "tpl"]);
    assert!(
        message.starts_with("error: tpl/report.md.j2:1: template error: "),
        "{message}"
    );
    assert!(message.contains("`system.ownr`"), "{message}");
}

/// `sections` is a list to every filter and test a template may use on it:
/// what a change to how the context reaches minijinja must keep.
#[test]
fn the_sections_are_a_list_to_every_filter_and_test() {
    let env = complete();
    env.write(
        "t.md.j2",
        "{{ sections|length }} {{ sections is sequence }} {{ sections[0].id }} {{ sections[-1].id }}\n\
         {{ sections|map(attribute='id')|join(',') }} {{ sections|reverse|map(attribute='id')|join(',') }}\n\
         {{ (sections|first).id }} {{ (sections|last).id }} {{ sections[1:]|map(attribute='id')|join(',') }}\n\
         {{ sections|selectattr('is_context')|map(attribute='id')|join(',') }} {{ sections|rejectattr('is_context')|list|length }}\n\
         {% for s in sections %}{{ loop.index }}{{ s.id }}:{{ s.items|length }}{% if not loop.last %},{% endif %}{% endfor %}\n\
         {{ sections|sort(attribute='id')|map(attribute='id')|join(',') }} {{ sections[0] is mapping }}\n",
    );
    let text = report(&env, &["--template", "t.md.j2"]);
    assert_eq!(
        text,
        "3 True context people\n\
         context,data,people people,data,context\n\
         context people data,people\n\
         context 2\n\
         1context:2,2data:3,3people:3\n\
         context,data,people True\n"
    );
}

//! An assessment is untrusted input (CI validates what a pull request
//! changes, often as root): what etika reads, what it writes over, and what
//! it prints must not be steered by the file.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::process::Command;
use std::time::Duration;

use crate::common::{Env, MINI, stderr, stdout};

const CANARY: &str = "canary-7f3e9b2d-secret";

#[allow(unsafe_code)]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// `a.yaml` of the mini checklist, with its `checklist:` line replaced.
fn assessment_with_checklist(env: &Env, checklist_line: &str) {
    let text: String = env
        .read("a.yaml")
        .lines()
        .map(|line| {
            if line.starts_with("checklist: ") {
                checklist_line
            } else {
                line
            }
        })
        .flat_map(|line| [line, "\n"])
        .collect();
    assert!(text.contains(checklist_line));
    env.write("a.yaml", &text);
}

const GOOD_CHECKLIST: &str = "checklist: {id: mini, version: \"1.1.0\", path: mini.yaml}";

/// Every command that reads `a.yaml`, in every validate format.
fn every_reader() -> Vec<Vec<&'static str>> {
    vec![
        vec!["validate", "a.yaml"],
        vec!["validate", "a.yaml", "--format", "json"],
        vec!["validate", "a.yaml", "--format", "github"],
        vec!["report", "a.yaml"],
        vec!["answer", "a.yaml", "people.notes", "hello"],
    ]
}

#[test]
fn a_checklist_path_cannot_read_secrets_outside_the_assessment() {
    let env = Env::mini();
    fs::create_dir(env.path("inside")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", env.path("inside/linked.yaml")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", env.path("linked.yaml")).unwrap();
    for path in [
        "/proc/self/environ",
        "../../../../../../../../proc/self/environ",
        "linked.yaml",
        "inside/linked.yaml",
    ] {
        assessment_with_checklist(
            &env,
            &format!("checklist: {{id: mini, version: \"1.1.0\", path: \"{path}\"}}"),
        );
        for args in every_reader() {
            let output = env
                .etika()
                .env("ETIKA_TEST_SECRET", CANARY)
                .args(&args)
                .output()
                .unwrap();
            let (out, err) = (stdout(&output), stderr(&output));
            assert_eq!(output.status.code(), Some(2), "{path} {args:?}: {out}{err}");
            assert!(
                !out.contains(CANARY) && !err.contains(CANARY),
                "{path} {args:?}: {out}{err}"
            );
            assert!(!err.contains("ETIKA_TEST_SECRET"), "{path} {args:?}: {err}");
            assert!(err.contains("`checklist.path`"), "{path} {args:?}: {err}");
        }
        assessment_with_checklist(&env, GOOD_CHECKLIST);
    }
}

#[test]
fn the_refusal_says_why_without_content() {
    let env = Env::mini();
    assessment_with_checklist(
        &env,
        "checklist: {id: mini, version: \"1.1.0\", path: /etc/passwd}",
    );
    let output = run(&env, &["validate", "a.yaml"]);
    assert_eq!(
        stderr(&output),
        "error: a.yaml: `checklist.path` `/etc/passwd` must be a path relative to the assessment's folder\n"
    );
}

#[test]
fn inside_a_repository_a_checklist_may_be_in_any_of_its_folders() {
    let env = Env::new();
    env.make_repository();
    env.write("lists/mini.yaml", MINI);
    env.init("docs/a.yaml", "lists/mini.yaml", "S");
    assert!(env.read("docs/a.yaml").contains("path: ../lists/mini.yaml}"));
    env.etika()
        .args(["answer", "docs/a.yaml", "people.notes", "x"])
        .assert()
        .success();
}

#[test]
fn outside_a_repository_init_refuses_a_checklist_above_the_assessment() {
    let env = Env::new();
    env.write("mini.yaml", MINI);
    let output = run(
        &env,
        &[
            "init",
            "-o",
            "sub/a.yaml",
            "--checklist",
            "mini.yaml",
            "--system",
            "S",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message
            .starts_with("error: sub/a.yaml cannot use the checklist ../mini.yaml; put the checklist inside"),
        "{message}"
    );
    assert!(
        message.contains("leads outside its own folder (it is in no git repository)"),
        "{message}"
    );
    assert!(!env.path("sub").exists(), "nothing was written");
}

#[test]
fn devices_fifos_and_huge_files_are_refused_at_once() {
    let env = Env::mini();
    let status = Command::new("mkfifo")
        .arg(env.path("fifo.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    let huge = fs::File::create(env.path("huge.yaml")).unwrap();
    huge.set_len(33 * 1024 * 1024).unwrap();
    std::os::unix::fs::symlink("/dev/zero", env.path("zero.yaml")).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["checklist", "show", "/dev/zero"],
            "cannot read checklist /dev/zero: it is a device",
        ),
        (
            &["checklist", "lint", "/dev/zero"],
            "cannot read checklist /dev/zero: it is a device",
        ),
        (
            &["checklist", "show", "fifo.yaml"],
            "cannot read checklist fifo.yaml: it is a FIFO",
        ),
        (&["validate", "fifo.yaml"], "cannot read fifo.yaml: it is a FIFO"),
        (
            &["validate", "zero.yaml"],
            "cannot read zero.yaml: it is a device",
        ),
        (
            &["report", "a.yaml", "--template", "fifo.yaml"],
            "cannot read template fifo.yaml: it is a FIFO",
        ),
        (
            &["checklist", "lint", "huge.yaml"],
            "it is larger than 32 MiB, the most etika reads",
        ),
        (
            &["init", "-o", "b.yaml", "--checklist", "fifo.yaml"],
            "it is a FIFO",
        ),
    ];
    for (args, expected) in cases {
        let output = env
            .etika()
            .args(*args)
            .timeout(Duration::from_secs(10))
            .output()
            .unwrap();
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.contains(expected), "{args:?}: {message}");
    }
    // A folder search reads regular files only: the FIFO and the device are
    // passed over at once, the assessment beside them is checked.
    let output = env
        .etika()
        .args(["validate", "."])
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("./a.yaml: failed"), "{stdout}");
    assert!(!stdout.contains("fifo") && !stdout.contains("zero"), "{stdout}");
    // And as the checklist an assessment names, inside its own folder.
    for name in ["fifo.yaml", "huge.yaml"] {
        assessment_with_checklist(
            &env,
            &format!("checklist: {{id: mini, version: \"1.1.0\", path: {name}}}"),
        );
        let output = env
            .etika()
            .args(["validate", "a.yaml"])
            .timeout(Duration::from_secs(10))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}: {}", stderr(&output));
        assessment_with_checklist(&env, GOOD_CHECKLIST);
    }
}

#[test]
fn a_report_into_a_fifo_is_written_into_it() {
    let env = Env::mini();
    let fifo = env.path("out.md");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    env.etika()
        .args(["report", "a.yaml", "-o", "out.md", "--today", "2026-11-29"])
        .timeout(Duration::from_secs(20))
        .assert()
        .success();
    let report = reader.join().unwrap();
    assert!(report.starts_with("# "), "{report}");
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_report_into_a_device_leaves_the_device_a_device() {
    if !is_root() {
        eprintln!("skipped: only root can create a device node");
        return;
    }
    let env = Env::mini();
    let device = env.path("null");
    let status = Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .status()
        .unwrap();
    assert!(status.success());
    env.etika()
        .args(["report", "a.yaml", "-o", "null"])
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&device)
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // An assessment is only ever a regular file.
    let output = run(&env, &["answer", "null", "people.notes", "x"]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(
        &env,
        &["init", "-o", "null", "--force", "--checklist", "mini.yaml"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("it is a device; etika saves to regular files only"),
        "{}",
        stderr(&output)
    );
    assert!(
        fs::symlink_metadata(&device)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_save_keeps_mode_and_owner() {
    let env = Env::mini();
    let path = env.path("a.yaml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    if is_root() {
        std::os::unix::fs::chown(&path, Some(4321), Some(4321)).unwrap();
    }
    env.answer(&["people.notes", "kept"]);
    let metadata = fs::metadata(&path).unwrap();
    assert_eq!(metadata.permissions().mode() & 0o7777, 0o640);
    if is_root() {
        assert_eq!((metadata.uid(), metadata.gid()), (4321, 4321));
    }
    assert!(env.read("a.yaml").contains("kept"));
}

#[test]
fn a_read_only_assessment_is_refused_and_left_alone() {
    let env = Env::mini();
    let path = env.path("a.yaml");
    let before = env.read("a.yaml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let output = run(&env, &["answer", "a.yaml", "people.notes", "x"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: a.yaml is read-only, so etika left it unchanged; to let etika save it, make it writable (`chmod u+w a.yaml`)\n"
    );
    assert_eq!(env.read("a.yaml"), before);
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o444);
}

#[test]
fn a_symlinked_assessment_is_saved_through_its_link() {
    let env = Env::mini();
    fs::rename(env.path("a.yaml"), env.path("real.yaml")).unwrap();
    std::os::unix::fs::symlink("real.yaml", env.path("a.yaml")).unwrap();
    env.answer(&["people.notes", "through the link"]);
    assert!(
        fs::symlink_metadata(env.path("a.yaml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // The same link, to the same target, which now holds the answer.
    assert_eq!(
        fs::read_link(env.path("a.yaml")).unwrap(),
        std::path::Path::new("real.yaml")
    );
    assert!(env.read("real.yaml").contains("through the link"));
    assert_eq!(
        env.strays(&["a.yaml", "real.yaml", "mini.yaml", ".etika"]),
        Vec::<String>::new()
    );
}

#[test]
fn the_longest_file_names_can_be_saved() {
    let env = Env::new();
    env.write("mini.yaml", MINI);
    let name = format!("{}.yaml", "a".repeat(250));
    env.init(&name, "mini.yaml", "S");
    env.etika()
        .args(["answer", &name, "people.notes", "x"])
        .assert()
        .success();
    assert!(env.read(&name).contains("people.notes"));
}

/// Files a save may leave in the folder: the assessment, its checklist, the schema folder.
const KEPT: [&str; 4] = ["a.yaml", "mini.yaml", "docs", ".etika"];

#[test]
fn temporaries_of_killed_saves_are_removed_by_the_next_save() {
    let env = Env::mini();
    env.complete_mini();
    env.make_saves_slow(1_000_000);
    let rounds = 10;
    let mut left_behind = 0;
    for round in 1..=rounds {
        let mut child = env.spawn_answer("people.notes", &format!("round {round}"));
        // Kill the moment a temporary file appears: in the middle of the save.
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if !env.strays(&KEPT).is_empty() {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
        }
        left_behind += usize::from(!env.strays(&KEPT).is_empty());
        // Whatever the kill hit, the file is whole.
        env.etika()
            .args(["validate", "a.yaml", "--today", "2026-11-29"])
            .assert()
            .code(0);
    }
    assert!(
        left_behind > 0,
        "no kill landed inside a save; the test proves nothing"
    );
    env.answer(&["people.notes", "final"]);
    assert_eq!(env.strays(&KEPT), Vec::<String>::new());
    assert!(env.read("a.yaml").contains("final"));
}

#[test]
fn a_report_never_overwrites_its_inputs() {
    let env = Env::mini();
    env.write("t.j2", "{{ system.name }}\n");
    fs::hard_link(env.path("a.yaml"), env.path("hard.yaml")).unwrap();
    std::os::unix::fs::symlink("mini.yaml", env.path("soft.yaml")).unwrap();
    let before = (env.read("a.yaml"), env.read("mini.yaml"));
    for (out, what) in [
        ("a.yaml", "the assessment"),
        ("hard.yaml", "the assessment"),
        ("mini.yaml", "its checklist"),
        ("soft.yaml", "its checklist"),
        ("t.j2", "the template"),
    ] {
        let output = run(&env, &["report", "a.yaml", "--template", "t.j2", "-o", out]);
        assert_eq!(output.status.code(), Some(2), "{out}");
        assert_eq!(
            stderr(&output),
            format!("error: -o {out} would overwrite {what}; choose another file\n")
        );
    }
    assert_eq!((env.read("a.yaml"), env.read("mini.yaml")), before);
    assert_eq!(env.read("t.j2"), "{{ system.name }}\n");
}

/// `etika ARGS` in `env`, its output captured.
fn run(env: &Env, args: &[&str]) -> std::process::Output {
    env.etika().args(args).output().unwrap()
}

/// `etika` in `env` as a plain process, whose streams a test can point anywhere.
fn process(env: &Env) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_etika"));
    command
        .current_dir(env.root())
        .env("LANG", "C")
        .env_remove("ETIKA_LANG");
    command
}

#[test]
fn a_full_disk_on_stdout_is_an_error() {
    let env = Env::mini();
    let output = process(&env)
        .args(["report", "a.yaml"])
        .stdout(fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: cannot write to standard output: No space left on device (os error 28)\n"
    );
}

#[test]
fn an_unwritable_stderr_never_panics() {
    let env = Env::mini();
    for args in [
        &["validate", "nothere.yaml"][..],
        &["--no-such-flag"][..],
        &["answer", "a.yaml", "x", "y"][..],
    ] {
        let output = process(&env)
            .args(args)
            .stderr(fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

/// Lines a GitHub runner would take as workflow commands: starting with
/// `::` after leading whitespace.
fn workflow_commands(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.trim_start().starts_with("::"))
        .collect()
}

#[test]
fn no_workflow_command_can_be_injected_through_an_assessment() {
    let env = Env::mini();
    let injected = r"x\n::error file=src/main.rs,line=1::injected\n  ::add-mask::abc\n::stop-commands::t";
    for line in [
        format!("checklist: {{id: \"{injected}\", version: \"1.1.0\"}}"),
        format!("checklist: {{id: mini, version: \"1.1.0\", path: \"{injected}\"}}"),
        format!("checklist: {{id: \"{injected}\", version: \"1.1.0\", path: mini.yaml}}"),
    ] {
        assessment_with_checklist(&env, &line);
        let output = run(&env, &["validate", "a.yaml", "--format", "github"]);
        assert_eq!(output.status.code(), Some(2), "{line}");
        let (out, err) = (stdout(&output), stderr(&output));
        assert_eq!(workflow_commands(&err), Vec::<&str>::new(), "{line}: {err}");
        let commands = workflow_commands(&out);
        assert_eq!(commands.len(), 1, "{line}: {out}");
        assert!(
            commands[0].starts_with("::error file=a.yaml,title=etika unreadable::"),
            "{out}"
        );
        for args in [&["validate", "a.yaml"][..], &["report", "a.yaml"][..]] {
            let output = env.etika().args(args).output().unwrap();
            assert_eq!(
                workflow_commands(&stderr(&output)),
                Vec::<&str>::new(),
                "{args:?}"
            );
        }
        assessment_with_checklist(&env, GOOD_CHECKLIST);
    }
    // A file name can carry a line break too.
    let name = "b\n::error file=x::y.yaml";
    fs::copy(env.path("a.yaml"), env.path(name)).unwrap();
    fs::write(env.path("c.yaml\n::warning::z"), "not: [valid").unwrap();
    let output = run(
        &env,
        &["validate", "--format", "github", name, "c.yaml\n::warning::z"],
    );
    let (out, err) = (stdout(&output), stderr(&output));
    assert_eq!(workflow_commands(&err), Vec::<&str>::new(), "{err}");
    for command in workflow_commands(&out) {
        assert!(
            command.starts_with("::error file=b%0A%3A%3Aerror file=x%3A%3Ay.yaml,")
                || command.starts_with("::error file=c.yaml%0A"),
            "{command}"
        );
    }
}

#[test]
fn control_characters_are_shown_escaped_never_obeyed() {
    let env = Env::mini();
    env.answer(&["people.notes", "x"]);
    let text = env.read("a.yaml").replace(
        "  name: Loan model",
        "  name: \"Loan \\e[31mred\\a \\u202Egnp.exe\\0\"",
    );
    env.write(
        "a.yaml",
        &format!("{text}  \"bad\\e]0;title\\aid\":\n    value: \"yes\"\n"),
    );
    let output = run(&env, &["report", "a.yaml", "--today", "2026-11-29"]);
    let report = stdout(&output);
    for hazard in ['\u{1b}', '\u{7}', '\u{202e}', '\u{0}'] {
        assert!(!report.contains(hazard), "{hazard:?} in the report");
    }
    assert!(
        report.contains("# AI ethics assessment: Loan \\u{1b}\\[31mred\\u{7} \\u{202e}gnp.exe\\u{0}"),
        "{report}"
    );
    for format in ["text", "json", "github"] {
        let output = run(&env, &["validate", "a.yaml", "--format", format]);
        let all = stdout(&output) + &stderr(&output);
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{format}: {all}"
        );
        assert!(
            all.contains("bad\\\\u{1b}]0;title") || all.contains("bad\\u{1b}]0;title"),
            "{format}: {all}"
        );
    }
}

#[test]
fn checklist_show_writes_control_characters_in_checklist_text_escaped() {
    let env = Env::new();
    let checklist = MINI
        .replace(
            "question: {en: Is there a data card?",
            "question: {en: \"Is there a \\e[31mdata\\a card \\u202Egnp?\"",
        )
        .replace(
            "{framework: deon, clause: C.5}",
            "{framework: \"deon\\e]0;t\\a\", clause: C.5, url: \"https://deon.example/\\e[2J\"}",
        );
    assert_ne!(checklist, MINI);
    env.write("odd.yaml", &checklist);
    let output = run(&env, &["checklist", "show", "odd.yaml"]);
    let shown = stdout(&output);
    for hazard in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!shown.contains(hazard), "{hazard:?} in {shown}");
    }
    assert!(
        shown.contains("**data.card** Is there a \\u{1b}[31mdata\\u{7} card \\u{202e}gnp?"),
        "{shown}"
    );
    // A link's address loses its controls; its text shows them escaped.
    assert!(
        shown.contains("[deon\\u{1b}\\]0;t\\u{7} C.5](https://deon.example/%5B2J)"),
        "{shown}"
    );
}

#[test]
fn a_backtick_in_an_unknown_id_keeps_its_code_span() {
    let env = Env::mini();
    env.answer(&["people.notes", "x"]);
    let text = env.read("a.yaml");
    env.write("a.yaml", &format!("{text}  \"data.x`y\":\n    value: \"yes\"\n"));
    let output = run(&env, &["validate", "a.yaml"]);
    assert!(
        stdout(&output).contains("answer to ``data.x`y``, which checklist"),
        "{}",
        stdout(&output)
    );
    let output = run(&env, &["report", "a.yaml", "--today", "2026-11-29"]);
    assert!(
        stdout(&output).contains("answer to ``data.x`y``, which checklist"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn unsafe_link_targets_are_not_links_and_lint_warns() {
    let env = Env::new();
    let checklist = MINI.replace(
        "url: \"https://example.org/case\"",
        "url: \"javascript:alert(1)\"",
    );
    assert_ne!(checklist, MINI);
    env.write("mini.yaml", &checklist);
    env.init("a.yaml", "mini.yaml", "S");
    env.answer(&["context.people", "decides"]);
    let output = run(&env, &["report", "a.yaml", "--today", "2026-11-29"]);
    let report = stdout(&output);
    assert!(!report.contains("](javascript"), "{report}");
    assert!(
        report.contains("A hiring tool that penalised women (javascript:alert(1))"),
        "{report}"
    );
    let output = run(&env, &["checklist", "lint", "mini.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    // Pinned at the URL itself: `          - {text: ..., url: "javascript:alert(1)"}`.
    let (line, column) = checklist
        .lines()
        .enumerate()
        .find_map(|(n, l)| l.find("\"javascript:").map(|c| (n + 1, c + 1)))
        .unwrap();
    // The mini checklist's items without references are warnings beside it.
    let shown: String = stdout(&output)
        .lines()
        .filter(|l| !l.contains(": warning[missing-reference]: "))
        .fold(String::new(), |out, l| out + l + "\n");
    assert_eq!(
        shown,
        format!(
            "mini.yaml:{line}:{column}: error[unsafe-link]: a case of `data.fairness` links to `javascript:alert(1)`; \
             only http(s), mailto and relative links are allowed, and reports show this one as plain text\n\
             mini.yaml: failed: 1 error, 5 warnings\n"
        )
    );
}

#[test]
fn lint_of_malformed_yaml_exits_2() {
    let env = Env::new();
    env.write("bad.yaml", "id: x\nsections: [\n");
    let output = run(&env, &["checklist", "lint", "bad.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: bad.yaml:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn user_text_in_validation_messages_stays_text_in_the_report() {
    let env = Env::new();
    env.etika()
        .args(["init", "-o", "h.yaml", "--system", "S"])
        .assert()
        .success();
    let text = env.read("h.yaml").replace(
        "answers: {}",
        "answers:\n  context.lifecycle-stage:\n    value: 'x` \\`<img src=\"https://evil.example/p.png\" onerror=\"alert(1)\">` y'\n\
         signoff:\n  - {name: '\\[click me\\](javascript:alert(document.domain))', date: bad}",
    );
    env.write("h.yaml", &text);
    let output = run(&env, &["report", "h.yaml", "--today", "2026-11-29"]);
    let report = stdout(&output);
    // The value is one code span whose fence is longer than any backtick run in it.
    assert!(
        report.contains("`context.lifecycle-stage`: ``x` \\`<img src=\"https://evil.example/p.png\" onerror=\"alert(1)\">` y`` is not a valid answer"),
        "{report}"
    );
    // The name is a code span: its brackets and backslashes are text.
    assert!(
        report
            .contains("sign-off by `\\[click me\\](javascript:alert(document.domain))`: `bad` is not a date"),
        "{report}"
    );
    // Every `](` before the scheme is an escaped bracket, never a link.
    assert_eq!(
        report.matches("](javascript").count(),
        report.matches("\\](javascript").count(),
        "{report}"
    );
}

#[test]
fn inputs_named_on_the_command_line_are_not_followed_out_of_the_repository() {
    let env = Env::mini();
    env.make_repository();
    std::os::unix::fs::symlink("/proc/self/environ", env.path("linked.yaml")).unwrap();
    std::os::unix::fs::symlink("/etc", env.path("etc")).unwrap();
    std::os::unix::fs::symlink("a.yaml", env.path("inside.yaml")).unwrap();
    env.write(
        ".git/config",
        "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n",
    );
    std::os::unix::fs::symlink(".git/config", env.path("git-config.yaml")).unwrap();
    let cases: &[&[&str]] = &[
        &["validate", "linked.yaml", "--format", "github"],
        &["validate", "etc/passwd"],
        &["report", "linked.yaml"],
        &["report", "a.yaml", "--template", "linked.yaml"],
        &["checklist", "lint", "linked.yaml"],
        &["checklist", "show", "etc/passwd"],
        &["init", "-o", "b.yaml", "--checklist", "linked.yaml"],
    ];
    for args in cases {
        let output = env
            .etika()
            .env("ETIKA_TEST_SECRET", CANARY)
            .args(*args)
            .output()
            .unwrap();
        let (out, err) = (stdout(&output), stderr(&output));
        assert_eq!(output.status.code(), Some(2), "{args:?}: {out}{err}");
        assert!(
            !out.contains(CANARY) && !err.contains(CANARY),
            "{args:?}: {out}{err}"
        );
        assert!(!err.contains("root:"), "{args:?}: {err}");
        assert!(
            err.contains("goes through a symbolic link that leads outside its repository"),
            "{args:?}: {err}"
        );
    }
    // Nor into the repository's own files.
    let output = run(&env, &["validate", "git-config.yaml"]);
    assert_eq!(
        stderr(&output),
        "error: git-config.yaml leads into the repository's `.git` folder\n"
    );
    // A link that stays inside is followed.
    env.etika().args(["validate", "inside.yaml"]).assert().code(1);
    // Outside any repository, the user's own links are followed as they are.
    let elsewhere = Env::mini();
    let linked_folder = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.root(), linked_folder.path().join("work")).unwrap();
    Env::new()
        .etika()
        .arg("validate")
        .arg(linked_folder.path().join("work/a.yaml"))
        .assert()
        .code(1);
}

#[test]
fn a_checklist_path_never_tells_whether_a_file_outside_exists_nor_reads_git_files() {
    let env = Env::mini();
    env.make_repository();
    env.write(
        ".git/config",
        "[remote \"origin\"]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n",
    );
    std::os::unix::fs::symlink("/", env.path("root")).unwrap();
    let mut messages = Vec::new();
    for path in [
        "root/etc/passwd",
        "root/etc/no-such-file",
        "root/no-such-folder/x",
    ] {
        assessment_with_checklist(
            &env,
            &format!("checklist: {{id: mini, version: \"1.1.0\", path: {path}}}"),
        );
        let output = run(&env, &["validate", "a.yaml"]);
        assert_eq!(output.status.code(), Some(2));
        messages.push(stderr(&output).replace(path, "PATH"));
    }
    assert_eq!(messages[0], messages[1]);
    assert_eq!(messages[0], messages[2]);
    assessment_with_checklist(
        &env,
        "checklist: {id: mini, version: \"1.1.0\", path: .git/config}",
    );
    let output = run(&env, &["validate", "a.yaml"]);
    assert_eq!(
        stderr(&output),
        "error: a.yaml: `checklist.path` `.git/config` leads into the repository's `.git` folder\n"
    );
}

#[test]
fn no_legacy_workflow_command_or_line_start_command_gets_out() {
    let env = Env::mini();
    env.write("##[add-mask]error.yaml", "not: [valid");
    let checklist = MINI.replace(
        "question: {en: Is there a data card?",
        "question: {en: \"Is there\\n::add-mask::x\\n##[stop-commands]t a data card?\"",
    );
    assert_ne!(checklist, MINI);
    env.write("odd.yaml", &checklist);
    let text = env.read("a.yaml").replace(
        "  name: Loan model",
        "  name: Loan model\n  description: \"::add-mask::Risk\"",
    );
    env.write("a.yaml", &text);
    let runs: &[&[&str]] = &[
        &["validate", "--format", "github", "##[add-mask]error.yaml"],
        &["validate", "##[add-mask]error.yaml"],
        &["checklist", "show", "odd.yaml"],
        &["report", "a.yaml"],
        &["validate", "--format", "github", "a.yaml", "--x\n::error::pwn"],
        &["validate", "a.yaml", "--lang", "\n::error::pwn"],
    ];
    for args in runs {
        let output = env.etika().args(*args).output().unwrap();
        let (out, err) = (stdout(&output), stderr(&output));
        let etika_annotations =
            |line: &&str| line.starts_with("::error file=") || line.starts_with("::warning file=");
        let commands: Vec<&str> = workflow_commands(&out)
            .into_iter()
            .filter(|l| !(args.contains(&"github") && etika_annotations(l)))
            .chain(workflow_commands(&err))
            .collect();
        assert_eq!(commands, Vec::<&str>::new(), "{args:?}");
        for line in out.lines().chain(err.lines()) {
            assert!(!line.contains("##["), "{args:?}: {line}");
        }
    }
}

#[test]
fn file_names_in_annotations_show_control_characters_escaped() {
    let env = Env::mini();
    let name = "u\u{1b}]0;x\u{7}.yaml";
    fs::copy(env.path("a.yaml"), env.path(name)).unwrap();
    let output = run(&env, &["validate", "--format", "github", name]);
    let out = stdout(&output);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
    assert!(out.contains("::error file=u\\u{1b}]0;x\\u{7}.yaml,"), "{out}");
}

#[test]
fn links_that_cannot_be_followed_to_their_end_count_as_leading_outside() {
    let env = Env::mini();
    env.make_repository();
    // A resolution longer than the system allows (the kernel's open would still follow it).
    let deep: std::path::PathBuf = std::iter::repeat_n("a".repeat(255), 15)
        .chain(["b".repeat(250)])
        .collect();
    // Created step by step from inside: the whole path is longer than the system's limit.
    let script = format!(
        "for i in $(seq 15); do mkdir {a} && cd {a}; done; mkdir {b}",
        a = "a".repeat(255),
        b = "b".repeat(250)
    );
    assert!(
        Command::new("sh")
            .arg("-c")
            .arg(script)
            .current_dir(env.root())
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink(&deep, env.path("deep")).unwrap();
    let up = vec![".."; 30].join("/");
    std::os::unix::fs::symlink(format!("deep/{up}/etc/hostname"), env.path("leak.yaml")).unwrap();
    // A dangling link outside, and one to a file that exists outside: the same answer.
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("exists.yaml"), "secret: here\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("exists.yaml"), env.path("exists.yaml")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("missing.yaml"), env.path("missing.yaml")).unwrap();
    let mut messages = Vec::new();
    for name in ["leak.yaml", "exists.yaml", "missing.yaml"] {
        for args in [
            vec!["validate", name],
            vec!["report", "a.yaml", "--template", name],
            vec!["checklist", "lint", name],
        ] {
            let output = env.etika().args(&args).output().unwrap();
            assert_eq!(output.status.code(), Some(2), "{args:?}");
            let err = stderr(&output);
            let hostname = fs::read_to_string("/etc/hostname").unwrap_or_default();
            let leaked = !hostname.trim().is_empty() && err.contains(hostname.trim());
            assert!(!err.contains("secret") && !leaked, "{args:?}: {err}");
            messages.push(err.replace(name, "NAME"));
        }
        assessment_with_checklist(
            &env,
            &format!("checklist: {{id: mini, version: \"1.1.0\", path: {name}}}"),
        );
        let output = run(&env, &["validate", "a.yaml"]);
        assert_eq!(output.status.code(), Some(2));
        messages.push(stderr(&output).replace(name, "NAME"));
        assessment_with_checklist(&env, GOOD_CHECKLIST);
    }
    // Nothing tells the three apart.
    assert_eq!(messages[0..4], messages[4..8]);
    assert_eq!(messages[0..4], messages[8..12]);
}

#[test]
fn report_output_is_not_led_out_of_the_repository_by_a_link() {
    let env = Env::mini();
    env.make_repository();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    fs::write(&victim, "keep me\n").unwrap();
    std::os::unix::fs::symlink(&victim, env.path("report.md")).unwrap();
    std::os::unix::fs::symlink(".git/HEAD", env.path("head.md")).unwrap();
    std::os::unix::fs::symlink(outside.path(), env.path("docs")).unwrap();
    for out in ["report.md", "head.md", "docs/new.md"] {
        let output = run(&env, &["report", "a.yaml", "-o", out]);
        assert_eq!(output.status.code(), Some(2), "{out}: {}", stderr(&output));
    }
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me\n");
    assert_eq!(env.read(".git/HEAD"), "ref: refs/heads/main\n");
    assert!(!outside.path().join("new.md").exists());
    // Inside the repository, a new file in a new folder is fine.
    env.etika()
        .args(["report", "a.yaml", "-o", "out/report.md"])
        .assert()
        .success();
}

#[test]
fn a_carriage_return_does_not_start_a_line_for_the_runner() {
    let env = Env::mini();
    let name = "a\r::error::FN.yaml";
    fs::copy(env.path("a.yaml"), env.path(name)).unwrap();
    let output = run(&env, &["answer", name, "people.notes", "x"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(!out.contains('\r'), "{out:?}");
    env.write("t.j2", "T {{ system.name }}\n");
    let text = env
        .read("a.yaml")
        .replace("  name: Loan model", "  name: \"\\r::error::x\\e[31m\"");
    env.write("a.yaml", &text);
    let output = run(&env, &["report", "a.yaml", "--template", "t.j2"]);
    let out = stdout(&output);
    assert!(!out.contains('\r') && !out.contains('\u{1b}'), "{out:?}");
    let output = process(&env)
        .args(["validate", "--x\r::error::y"])
        .output()
        .unwrap();
    assert!(!stderr(&output).contains('\r'), "{:?}", stderr(&output));
}

#[test]
fn a_yaml_export_whose_texts_would_run_as_commands_is_printed_as_json() {
    let env = Env::new();
    let checklist = MINI.replace(
        "question: {en: Is there a data card?",
        "question: {en: \"Is there\\n  ::error::X\\n::add-mask::x\\n##[group] a data card?\"",
    );
    env.write("odd.yaml", &checklist);
    let output = run(&env, &["checklist", "show", "odd.yaml", "--format", "yaml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert_eq!(workflow_commands(&out), Vec::<&str>::new(), "{out}");
    assert!(!out.contains("##["), "{out}");
    assert!(
        stderr(&output).contains("printed as JSON, which is YAML too"),
        "{}",
        stderr(&output)
    );
    // And it is the same checklist.
    env.write("again.yaml", &out);
    env.etika()
        .args(["checklist", "lint", "again.yaml"])
        .assert()
        .code(0);
    let plain = Env::new();
    plain.write("mini.yaml", MINI);
    let output = plain
        .etika()
        .args(["checklist", "show", "mini.yaml", "--format", "yaml"])
        .output()
        .unwrap();
    assert_eq!(stderr(&output), "");
    assert!(stdout(&output).starts_with("id: mini\n"), "{}", stdout(&output));
}

#[test]
fn a_folder_link_into_another_repository_is_not_that_repository() {
    let env = Env::mini();
    env.make_repository();
    let other = tempfile::tempdir().unwrap();
    fs::create_dir(other.path().join(".git")).unwrap();
    fs::write(other.path().join("secret.yaml"), "TOKEN=supersecret\n").unwrap();
    std::os::unix::fs::symlink(other.path(), env.path("link")).unwrap();
    for args in [
        &["validate", "link/secret.yaml"][..],
        &["checklist", "show", "link/secret.yaml"][..],
        &["report", "a.yaml", "-o", "link/out.md"][..],
        &["init", "-o", "link/new.yaml", "--checklist", "mini.yaml"][..],
    ] {
        let output = env.etika().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            !stderr(&output).contains("supersecret"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert!(!other.path().join("out.md").exists());
    assert!(!other.path().join("new.yaml").exists());
}

#[test]
fn dash_is_standard_output_and_a_mid_line_double_colon_stays_yaml() {
    let env = Env::mini();
    let output = run(&env, &["report", "a.yaml", "-o", "-"]);
    assert!(stdout(&output).starts_with("# "), "{}", stdout(&output));
    assert!(!env.path("-").exists());
    let checklist = MINI.replace("Is there a data card?", "Is there a data card (see std::fs)?");
    env.write("c.yaml", &checklist);
    let output = run(&env, &["checklist", "show", "c.yaml", "--format", "yaml"]);
    assert_eq!(stderr(&output), "");
    assert!(stdout(&output).starts_with("id: mini\n"), "{}", stdout(&output));
}

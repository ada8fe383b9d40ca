//! Hostile files given to the three commands that read a YAML file named on
//! the command line: each is a one-line `error:` naming the file (exit 2),
//! or read as the fine file it is, at once, in little memory, never a panic.
//! FIFOs, devices and oversized files in other commands are in `security.rs`
//! (`devices_fifos_and_huge_files_are_refused_at_once`).

#![cfg(unix)]

use std::fs;
use std::process::Output;
use std::time::Duration;

use crate::common::{Env, MINI, stderr};

/// Peak memory of any one run, loose: a small run takes about 15 MB.
const MAX_RSS_KB: i64 = 200 * 1024;

/// The commands that read `file`: as an assessment, as a checklist to lint,
/// and as the checklist of a new assessment.
fn readers(file: &str) -> [Vec<String>; 3] {
    [
        vec!["validate".into(), file.into()],
        vec!["checklist".into(), "lint".into(), file.into()],
        vec![
            "init".into(),
            "--checklist".into(),
            file.into(),
            "-o".into(),
            "x.yaml".into(),
        ],
    ]
}

/// Runs etika in `env`, which must end within the loose time bound.
fn run(env: &Env, args: &[String]) -> Output {
    env.etika()
        .args(args)
        .timeout(Duration::from_secs(5))
        .output()
        .unwrap()
}

/// Asserts what every hostile run must: no panic, no backtrace, bounded memory.
fn assert_calm(args: &[String], output: &Output) {
    let message = stderr(output);
    assert!(!message.contains("panicked"), "{args:?}: {message}");
    assert!(!message.contains("RUST_BACKTRACE"), "{args:?}: {message}");
    assert!(output.status.code().is_some(), "{args:?} was killed: {message}");
}

/// Every reader of `file` exits 2 with an `error:` line that names the file
/// and contains `expected` (one per reader: validate, lint, init).
fn refused(env: &Env, file: &str, expected: [&str; 3]) {
    for (args, expected) in readers(file).iter().zip(expected) {
        let output = run(env, args);
        assert_calm(args, &output);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        let first = message.lines().next().unwrap_or_default();
        assert!(first.starts_with("error: "), "{args:?}: {message}");
        assert!(first.contains(file), "{args:?} names the file: {message}");
        assert!(first.contains(expected), "{args:?}: {message}");
        assert!(!env.path("x.yaml").exists(), "{args:?} wrote nothing");
    }
    assert_memory_bounded(env, file);
}

/// The peak RSS of a `validate` and a `checklist lint` of `file`, measured
/// by `getrusage` of a child shell that runs only that command.
fn assert_memory_bounded(env: &Env, file: &str) {
    for command in ["validate", "checklist lint"] {
        let script = format!("\"$ETIKA\" {command} \"$1\" >/dev/null 2>&1; true");
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .env("HOSTILE_RSS_CHILD", script)
            .env("HOSTILE_RSS_FILE", env.path(file))
            .env("ETIKA", env!("CARGO_BIN_EXE_etika"))
            .args([
                "--exact",
                "hostile::rss_probe",
                "--nocapture",
                "--include-ignored",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        let kilobytes: i64 = text
            .lines()
            .find_map(|line| line.strip_prefix("peak-rss-kb="))
            .unwrap_or_else(|| panic!("no measurement: {text}"))
            .trim()
            .parse()
            .unwrap();
        assert!(kilobytes > 0, "{text}");
        assert!(kilobytes < MAX_RSS_KB, "{command} {file} took {kilobytes} kB");
    }
}

/// Not a test of its own: run by [`assert_memory_bounded`] in a process of
/// its own, so `RUSAGE_CHILDREN` counts the one command it starts.
#[test]
#[ignore = "run by assert_memory_bounded in a process of its own"]
#[allow(unsafe_code)]
fn rss_probe() {
    let (Ok(script), Ok(file)) = (
        std::env::var("HOSTILE_RSS_CHILD"),
        std::env::var("HOSTILE_RSS_FILE"),
    ) else {
        return;
    };
    let status = std::process::Command::new("sh")
        .args(["-c", &script, "sh", &file])
        .current_dir(std::path::Path::new(&file).parent().unwrap())
        .status()
        .unwrap();
    assert!(status.success());
    // SAFETY: getrusage writes into the zeroed struct we own.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::getrusage(libc::RUSAGE_CHILDREN, &raw mut usage), 0);
        usage
    };
    // Linux reports kilobytes.
    println!("peak-rss-kb={}", usage.ru_maxrss);
}

/// `validate` errors name the file as given; the checklist readers say
/// "checklist FILE". Both are covered by `contains(file)`.
fn same(expected: &str) -> [&str; 3] {
    [expected; 3]
}

const HEADER: &str = "etika: 1\nchecklist: {id: mini, version: \"1.1.0\", path: mini.yaml}\n";

fn env_with(name: &str, contents: &str) -> Env {
    let env = Env::new();
    env.write("mini.yaml", MINI);
    env.write(name, contents);
    env
}

#[test]
fn a_billion_laughs_is_refused() {
    // Nine lists of nine aliases of the one before: 9^9 strings if expanded.
    let mut lines = vec!["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]".to_string()];
    for level in b'b'..=b'j' {
        let (name, before) = (char::from(level), char::from(level - 1));
        let aliases = vec![format!("*{before}"); 9].join(", ");
        lines.push(format!("{name}: &{name} [{aliases}]"));
    }
    // Where etika reads a list of words, so the expansion would be consumed.
    let bomb = format!(
        "{HEADER}system: {{name: x}}\nanswers:\n  people.notes:\n    value:\n{}",
        lines
            .iter()
            .fold(String::new(), |out, line| out + "      - " + line + "\n")
    );
    let env = env_with("bomb.yaml", &bomb);
    refused(&env, "bomb.yaml", ["bomb.yaml:", "bomb.yaml:", "bomb.yaml:"]);
    // And as the checklist's own top level.
    let env = env_with("bomb.yaml", &(lines.join("\n") + "\n"));
    refused(&env, "bomb.yaml", same("bomb.yaml:1:1:"));
}

#[test]
fn a_large_text_aliased_many_times_is_refused_by_the_text_budget() {
    // 1 MiB once in the file, 1,000 times once expanded.
    let text = "x".repeat(1 << 20);
    let aliases = vec!["*a"; 1000].join(", ");
    let assessment = format!("{HEADER}system:\n  name: &a {text}\nwatch: [{aliases}]\n");
    let env = env_with("wide.yaml", &assessment);
    let args = readers("wide.yaml")[0].clone();
    let output = run(&env, &args);
    assert_calm(&args, &output);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: wide.yaml:5:257: the document's texts, with aliases (`*name`) expanded, are larger than etika reads\n"
    );
    assert_memory_bounded(&env, "wide.yaml");
}

#[test]
fn nesting_ten_thousand_deep_is_refused() {
    // Flow nesting stops at the depth limit, whatever etika expects there.
    let flow = format!("{}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let env = env_with("flow.yaml", &flow);
    refused(
        &env,
        "flow.yaml",
        same("flow.yaml:1:65: the document is nested more than 64 levels deep, the most etika reads"),
    );
    let braces = format!("{}{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
    let env = env_with("flow.yaml", &braces);
    refused(&env, "flow.yaml", same("nested more than 64 levels deep"));
    // Block nesting is refused where the first list stands in for a mapping:
    // etika never descends further than the shape it expects.
    let block = format!("{}x\n", "- ".repeat(10_000));
    let env = env_with("block.yaml", &block);
    refused(&env, "block.yaml", same("block.yaml:1:1: expected mapping start"));
    let indented = (0..2_000).fold(String::new(), |out, depth| out + &" ".repeat(depth + 2) + "k:\n");
    let env = env_with("block.yaml", &format!("{HEADER}system:\n{indented}"));
    refused(
        &env,
        "block.yaml",
        [
            "unknown field `k`",
            "unknown field `etika`",
            "unknown field `etika`",
        ],
    );
}

#[test]
fn a_100_mb_file_is_refused_before_it_is_read() {
    let env = Env::new();
    // Sparse: the size says 100 MB, the disk holds nothing.
    let file = fs::File::create(env.path("huge.yaml")).unwrap();
    file.set_len(100 * 1000 * 1000).unwrap();
    refused(
        &env,
        "huge.yaml",
        same("huge.yaml: it is larger than 32 MiB, the most etika reads"),
    );
}

#[test]
fn binary_junk_and_invalid_utf8_are_refused() {
    let env = Env::new();
    let junk: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    fs::write(env.path("junk.yaml"), junk).unwrap();
    refused(
        &env,
        "junk.yaml",
        same("junk.yaml: it is not UTF-8 text (byte 129 is not valid)"),
    );
    fs::write(env.path("latin1.yaml"), b"etika: 1\nsystem: {name: caf\xe9}\n").unwrap();
    refused(
        &env,
        "latin1.yaml",
        same("latin1.yaml: it is not UTF-8 text (byte 28 is not valid)"),
    );
    // Valid UTF-8 but NUL and other controls: the YAML reader refuses them.
    let env = env_with("nul.yaml", "etika: 1\0\u{1}\u{2}\n");
    refused(&env, "nul.yaml", same("nul.yaml:"));
}

#[test]
fn an_empty_file_is_refused() {
    let env = env_with("empty.yaml", "");
    refused(&env, "empty.yaml", same("empty.yaml:1:1: unexpected end of file"));
    let env = env_with("blank.yaml", "\n\n   \n# only a comment\n");
    refused(&env, "blank.yaml", same("blank.yaml:"));
}

#[test]
fn a_second_document_is_refused_not_ignored() {
    // The answers of a second document would otherwise be silently lost.
    let env = Env::mini();
    let text = env.read("a.yaml");
    env.write("multi.yaml", &format!("{text}---\n{text}"));
    refused(
        &env,
        "multi.yaml",
        [
            "multi.yaml:11:1: the file holds more than one YAML document (a second `---`); etika reads one document per file",
            "multi.yaml:3:1: unknown field `etika`",
            "multi.yaml:3:1: unknown field `etika`",
        ],
    );
    let env = env_with("multi.yaml", &format!("---\n{MINI}---\n{MINI}"));
    refused(
        &env,
        "multi.yaml",
        [
            "unknown field `id`",
            "more than one YAML document",
            "more than one YAML document",
        ],
    );
    // A lone leading `---` and a closing `...` are one document: fine.
    let env = Env::mini();
    let text = env.read("a.yaml");
    env.write("one.yaml", &format!("---\n{text}...\n"));
    env.write("one-checklist.yaml", &format!("---\n{MINI}...\n"));
    assert_reads(&env, "one.yaml", "one-checklist.yaml");
}

/// `assessment` validates (exit 1: it has unanswered items, nothing worse),
/// `checklist` lints clean and a new assessment can be made from it.
fn assert_reads(env: &Env, assessment: &str, checklist: &str) {
    let output = run(env, &readers(assessment)[0]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.is_empty(), "{message}");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(text.contains("is not answered"), "{text}");
    for args in &readers(checklist)[1..] {
        let output = run(env, args);
        assert_calm(args, &output);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
    }
    assert!(env.read("x.yaml").contains("etika: 1"));
    fs::remove_file(env.path("x.yaml")).unwrap();
}

#[test]
fn a_byte_order_mark_is_read_and_answered_without_a_comment_note() {
    let env = Env::mini();
    let text = env.read("a.yaml");
    env.write("bom.yaml", &format!("\u{feff}{text}"));
    env.write("bom-checklist.yaml", &format!("\u{feff}{MINI}"));
    assert_reads(&env, "bom.yaml", "bom-checklist.yaml");
    let output = env
        .etika()
        .args([
            "answer",
            "bom.yaml",
            "people.notes",
            "hello",
            "--at",
            "2026-11-29",
        ])
        .timeout(Duration::from_secs(5))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The header is etika's own, not a comment of the user's.
    assert_eq!(stderr(&output), "");
    assert!(env.read("bom.yaml").contains("value: hello"));
}

#[test]
fn crlf_line_endings_are_fine() {
    // Windows editors write CRLF; YAML treats it as a line break.
    let env = Env::mini();
    let crlf = |text: &str| text.replace('\n', "\r\n");
    env.write("crlf.yaml", &crlf(&env.read("a.yaml")));
    env.write("crlf-checklist.yaml", &crlf(MINI));
    assert_reads(&env, "crlf.yaml", "crlf-checklist.yaml");
    env.etika()
        .args([
            "answer",
            "crlf.yaml",
            "people.notes",
            "hello",
            "--at",
            "2026-11-29",
        ])
        .timeout(Duration::from_secs(5))
        .assert()
        .success()
        .stderr("");
    assert!(env.read("crlf.yaml").contains("value: hello"));
}

#[test]
fn tabs_for_indentation_are_refused_where_they_indent() {
    // YAML forbids tabs as indentation; a tab inside a value is just text.
    let env = env_with("tabs.yaml", &format!("{HEADER}system:\n\tname: x\n"));
    refused(&env, "tabs.yaml", ["tabs.yaml:4:", "tabs.yaml:", "tabs.yaml:"]);
    let env = env_with("tabs.yaml", &MINI.replace("\n  ", "\n\t"));
    refused(&env, "tabs.yaml", same("tabs.yaml:"));
    let message = stderr(&run(&env, &readers("tabs.yaml")[1]));
    assert!(message.contains("tabs"), "{message}");
}

#[test]
fn unknown_tags_are_refused_and_binary_is_read_as_written() {
    let env = env_with("tag.yaml", &format!("{HEADER}system: {{name: !custom x}}\n"));
    refused(
        &env,
        "tag.yaml",
        [
            "tag.yaml:3:24: the YAML tag `!custom` is not one etika reads",
            "tag.yaml:1:1: unknown field `etika`",
            "tag.yaml:1:1: unknown field `etika`",
        ],
    );
    let env = env_with("tag.yaml", &MINI.replacen("id: mini", "id: !custom mini", 1));
    refused(
        &env,
        "tag.yaml",
        [
            "unknown field `id`",
            "tag.yaml:2:13: the YAML tag `!custom` is not one etika reads",
            "tag.yaml:2:13: the YAML tag `!custom` is not one etika reads",
        ],
    );
    // `!!binary` would make the text read differ from the text shown: the
    // base64 is the system's name, as a reviewer sees it.
    let env = Env::mini();
    let text = env
        .read("a.yaml")
        .replace("name: Loan model", "name: !!binary aGVsbG8=");
    env.write("a.yaml", &text);
    let output = run(&env, &["report".into(), "a.yaml".into()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("aGVsbG8="), "{report}");
    assert!(!report.contains("hello"), "{report}");
}

#[test]
fn merge_keys_are_merged_as_yaml_says() {
    // `<<: *anchor` is plain YAML 1.1; etika reads the merged answer (and
    // writes it out in full when it next saves the file).
    let env = Env::mini();
    let text = env.read("a.yaml").replace(
        "answers: {}",
        "answers:\n  people.notes: &base {value: hi, by: me}\n  people.explanation: {<<: *base, value: 4}\n",
    );
    env.write("a.yaml", &text);
    env.etika()
        .args(["answer", "a.yaml", "people.notes", "hey", "--at", "2026-11-29"])
        .timeout(Duration::from_secs(5))
        .assert()
        .success();
    let saved = env.read("a.yaml");
    assert!(
        saved.contains("  people.explanation:\n    value: 4\n    by: me\n"),
        "{saved}"
    );
    // A merge key at the top of a checklist that names no field is refused.
    let env = env_with("merge.yaml", &format!("base: &b {{id: x}}\n<<: *b\n{MINI}"));
    refused(&env, "merge.yaml", same("merge.yaml:1:1: unknown field `base`"));
}

#[test]
fn a_symlink_loop_a_folder_a_fifo_and_dev_zero_are_refused() {
    let env = Env::new();
    std::os::unix::fs::symlink("loop-b.yaml", env.path("loop-a.yaml")).unwrap();
    std::os::unix::fs::symlink("loop-a.yaml", env.path("loop-b.yaml")).unwrap();
    refused(
        &env,
        "loop-a.yaml",
        same("loop-a.yaml: Too many levels of symbolic links"),
    );
    fs::create_dir(env.path("folder.yaml")).unwrap();
    refused(
        &env,
        "folder.yaml",
        [
            // A folder is searched for assessments.
            "folder.yaml holds no assessment file",
            "folder.yaml: it is a folder; etika reads regular files only",
            "folder.yaml: it is a folder; etika reads regular files only",
        ],
    );
    let status = std::process::Command::new("mkfifo")
        .arg(env.path("fifo.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    refused(
        &env,
        "fifo.yaml",
        same("fifo.yaml: it is a FIFO (named pipe); etika reads regular files only"),
    );
    refused(
        &env,
        "/dev/zero",
        same("/dev/zero: it is a device; etika reads regular files only"),
    );
}

//! Exact positions: every rule of `etika validate` and `etika checklist lint`,
//! and every kind of load error, pinned to its line and column (no
//! tolerance) by one fixture per case: assessments of the mini checklist in
//! `tests/fixtures/positions/`, checklists in its `checklists/` folder. The
//! comment lines a fixture starts with say what it expects (the folder's
//! README.md describes them); a new fixture is picked up without code
//! changes. Each case runs the real binary in a scratch folder, in all four
//! output formats, which must agree.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{Env, MINI, stderr, stdout};

/// `--today` of every `validate` run, so that overdue cases stay overdue.
const TODAY: &str = "2026-11-29";

/// A line and a column, both 1-based; the column counts characters.
type Position = (u64, u64);

/// Where the JSON output puts a file it cannot read: `unreadable[].location`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Location {
    Absent,
    At(Position),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Absent => f.write_str("none"),
            Location::At((line, column)) => write!(f, "{line}:{column}"),
        }
    }
}

/// What a diagnostic is and where it points (`None`: it has no position).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    rule: String,
    at: Option<Position>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(f, "{} {line}:{column}", self.rule),
            None => write!(f, "{} none", self.rule),
        }
    }
}

/// An `expect:` or `actual:` line: a finding, and the byte offset its span
/// must have when the line gives one (`offset=N`).
#[derive(Debug, Clone)]
struct Pinned {
    finding: Finding,
    offset: Option<u64>,
}

/// Which command a fixture is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `etika validate FILE`, with the mini checklist beside it as `mini.yaml`.
    Assessment,
    /// `etika checklist lint FILE`.
    Checklist,
}

impl Kind {
    fn folder(self) -> PathBuf {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/positions");
        match self {
            Kind::Assessment => root,
            Kind::Checklist => root.join("checklists"),
        }
    }

    /// The command line for `file`, without `--format`.
    fn args(self, file: &str) -> Vec<&str> {
        match self {
            Kind::Assessment => vec!["validate", file, "--today", TODAY],
            Kind::Checklist => vec!["checklist", "lint", file],
        }
    }
}

/// A fixture file and what its leading comment lines say.
struct Fixture {
    name: String,
    text: String,
    /// `expect:` lines; `expect: nothing` is an empty list.
    expect: Option<Vec<Pinned>>,
    /// `expect-error: LINE:COLUMN`: the file cannot be read (exit 2).
    error: Option<Position>,
    /// `known-bug: WHY`: the binary disagrees with `expect`/`expect-error`;
    /// `actual`/`actual-location` pin what it does now.
    known_bug: Option<String>,
    actual: Option<Vec<Pinned>>,
    /// `actual-location:` the JSON `unreadable[0].location` now (`none`: absent).
    actual_location: Option<Location>,
}

/// `LINE:COLUMN`, or `none` for no position.
fn parse_position(text: &str, at: &str) -> Option<Position> {
    if text == "none" {
        return None;
    }
    let parsed = text
        .split_once(':')
        .and_then(|(line, column)| Some((line.parse().ok()?, column.parse().ok()?)));
    Some(parsed.unwrap_or_else(|| panic!("{at}: `{text}` is not LINE:COLUMN or none")))
}

/// The `expect:` (or `actual:`) lines of a fixture, each `RULE POSITION [offset=N]`.
fn parse_findings(lines: &[(String, String)]) -> Option<Vec<Pinned>> {
    if lines.is_empty() {
        return None;
    }
    if lines.iter().any(|(_, rest)| rest == "nothing") {
        assert!(
            lines.len() == 1,
            "{}: `nothing` must be the only line of its kind",
            lines[0].0
        );
        return Some(Vec::new());
    }
    let pinned = lines
        .iter()
        .map(|(at, rest)| {
            let words: Vec<&str> = rest.split_whitespace().collect();
            let (rule, position, offset) = match words[..] {
                [rule, position] => (rule, position, None),
                [rule, position, offset] => {
                    let offset = offset
                        .strip_prefix("offset=")
                        .and_then(|n| n.parse().ok())
                        .unwrap_or_else(|| panic!("{at}: `{offset}` is not offset=N"));
                    (rule, position, Some(offset))
                }
                _ => panic!("{at}: `{rest}` is not `RULE LINE:COLUMN [offset=N]`"),
            };
            let at_position = parse_position(position, at);
            assert!(
                offset.is_none() || at_position.is_some(),
                "{at}: an offset needs a position"
            );
            Pinned {
                finding: Finding {
                    rule: rule.to_string(),
                    at: at_position,
                },
                offset,
            }
        })
        .collect();
    Some(pinned)
}

impl Fixture {
    fn read(path: &Path) -> Fixture {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut expect = Vec::new();
        let mut actual = Vec::new();
        let mut error = None;
        let mut known_bug = None;
        let mut actual_location = None;
        let mut in_header = true;
        for (index, line) in text.lines().enumerate() {
            let at = format!("{name}:{}", index + 1);
            in_header &= line.starts_with('#');
            let Some(comment) = line.strip_prefix('#').map(str::trim) else {
                continue;
            };
            if !["expect", "actual", "known-bug"]
                .iter()
                .any(|word| comment.starts_with(word))
            {
                continue;
            }
            assert!(
                in_header,
                "{at}: `{comment}` must be among the comment lines the file starts with"
            );
            let (directive, rest) = comment.split_once(':').map_or_else(
                || panic!("{at}: `{comment}` is not `DIRECTIVE: ...`"),
                |(directive, rest)| (directive, rest.trim().to_string()),
            );
            match directive {
                "expect" => expect.push((at, rest)),
                "actual" => actual.push((at, rest)),
                "expect-error" => {
                    assert!(error.is_none(), "{at}: one `expect-error:` per file");
                    error = Some(
                        parse_position(&rest, &at)
                            .unwrap_or_else(|| panic!("{at}: `expect-error:` needs LINE:COLUMN")),
                    );
                }
                "actual-location" => {
                    actual_location = Some(parse_position(&rest, &at).map_or(Location::Absent, Location::At));
                }
                "known-bug" => known_bug = Some(rest),
                other => panic!(
                    "{at}: unknown directive `{other}`; expected expect, expect-error, known-bug, actual or actual-location"
                ),
            }
        }
        let fixture = Fixture {
            expect: parse_findings(&expect),
            actual: parse_findings(&actual),
            name,
            text,
            error,
            known_bug,
            actual_location,
        };
        let name = &fixture.name;
        assert!(
            fixture.expect.is_some() != fixture.error.is_some(),
            "{name}: needs `expect:` lines or one `expect-error:` line, not both"
        );
        assert!(
            fixture.actual.is_none() || fixture.expect.is_some(),
            "{name}: `actual:` goes with `expect:`"
        );
        assert!(
            fixture.actual_location.is_none() || fixture.error.is_some(),
            "{name}: `actual-location:` goes with `expect-error:`"
        );
        assert_eq!(
            fixture.known_bug.is_some(),
            fixture.actual.is_some() || fixture.actual_location.is_some(),
            "{name}: `known-bug:` needs `actual:` or `actual-location:` lines saying what etika does now, and they need it"
        );
        fixture
    }
}

/// The fixtures of `kind`, sorted by name.
fn fixtures(kind: Kind) -> Vec<Fixture> {
    let folder = kind.folder();
    let mut paths: Vec<PathBuf> = fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", folder.display());
    paths.iter().map(|path| Fixture::read(path)).collect()
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(env: &Env, args: &[&str]) -> Run {
    let output = env.etika().args(args).output().unwrap();
    Run {
        code: output.status.code(),
        stdout: stdout(&output),
        stderr: stderr(&output),
    }
}

/// The byte offset of a 1-based line and column (in characters) in `text`.
fn byte_offset(text: &str, (line, column): Position) -> Option<u64> {
    let skip = usize::try_from(line.checked_sub(1)?).ok()?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let start: usize = lines.iter().take(skip).map(|l| l.len()).sum();
    let this = lines.get(skip).copied().unwrap_or_default();
    let before = usize::try_from(column.checked_sub(1)?).ok()?;
    let within: usize = this.chars().take(before).map(char::len_utf8).sum();
    u64::try_from(start + within).ok()
}

/// Readable multiset differences, or `None` when `want` and `got` hold the same findings.
fn compare(what: &str, want: &[Finding], got: &[Finding]) -> Option<String> {
    let mut want = want.to_vec();
    let mut got = got.to_vec();
    want.sort();
    got.sort();
    if want == got {
        return None;
    }
    let minus = |a: &[Finding], b: &[Finding]| {
        let mut rest = b.to_vec();
        let mut only = Vec::new();
        for finding in a {
            match rest.iter().position(|f| f == finding) {
                Some(index) => {
                    rest.remove(index);
                }
                None => only.push(finding.clone()),
            }
        }
        only
    };
    let list = |findings: &[Finding]| {
        if findings.is_empty() {
            "(none)".to_string()
        } else {
            findings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    Some(format!(
        "{what}:\n      expected: {}\n      found:    {}\n      missing:  {}\n      extra:    {}",
        list(&want),
        list(&got),
        list(&minus(&want, &got)),
        list(&minus(&got, &want))
    ))
}

/// The findings of the JSON output of a file named `name` with `text`, each
/// with its span's byte offset; problems with their shape go to `problems`.
fn json_findings(
    json: &Value,
    name: &str,
    text: &str,
    problems: &mut Vec<String>,
) -> Vec<(Finding, Option<u64>)> {
    let files = json["files"].as_array().map_or(0, Vec::len);
    if files != 1 || json["files"][0]["file"] != name {
        problems.push(format!("JSON should report one file, {name}: {json}"));
        return Vec::new();
    }
    if json["unreadable"].as_array().is_none_or(|u| !u.is_empty()) {
        problems.push(format!(
            "JSON `unreadable` should be empty: {}",
            json["unreadable"]
        ));
    }
    let mut found = Vec::new();
    for finding in json["files"][0]["findings"].as_array().into_iter().flatten() {
        let rule = finding["rule"].as_str().unwrap_or_default().to_string();
        let at = match (finding["line"].as_u64(), finding["column"].as_u64()) {
            (Some(line), Some(column)) => Some((line, column)),
            _ if finding["line"].is_null() && finding["column"].is_null() => None,
            _ => {
                problems.push(format!(
                    "line and column should be numbers or both null: {finding}"
                ));
                None
            }
        };
        let span = &finding["span"];
        let span_at = span["line"].as_u64().zip(span["column"].as_u64());
        if span_at != at || (at.is_none() && !span.is_null()) {
            problems.push(format!("`span` should agree with `line` and `column`: {finding}"));
        }
        let offset = span["offset"].as_u64();
        if let (Some(offset), Some(at)) = (offset, at)
            && byte_offset(text, at) != Some(offset)
        {
            problems.push(format!(
                "span.offset {offset} is not the byte offset of {}:{} ({:?}): {finding}",
                at.0,
                at.1,
                byte_offset(text, at)
            ));
        }
        found.push((Finding { rule, at }, offset));
    }
    found
}

/// `FILE[:LINE:COLUMN]: level[rule]: message` lines; summary lines are skipped.
fn text_findings(out: &str, name: &str) -> Result<Vec<Finding>, String> {
    let mut found = Vec::new();
    for line in out.lines() {
        let rest = line
            .strip_prefix(name)
            .and_then(|rest| rest.strip_prefix(':'))
            .ok_or_else(|| format!("text line does not start with `{name}:`: {line}"))?;
        let (at, rest) = if let Some(rest) = rest.strip_prefix(' ') {
            (None, rest)
        } else {
            let mut parts = rest.splitn(3, ':');
            let mut number = || parts.next().and_then(|n| n.parse::<u64>().ok());
            let at = number().zip(number());
            let rest = parts.next().and_then(|r| r.strip_prefix(' '));
            match (at, rest) {
                (Some(at), Some(rest)) => (Some(at), rest),
                _ => return Err(format!("text line is not FILE:LINE:COLUMN: ...: {line}")),
            }
        };
        let Some((level, after)) = rest.split_once('[') else {
            continue;
        };
        if !["error", "warning", "note"].contains(&level) {
            continue;
        }
        let (rule, _message) = after
            .split_once("]: ")
            .ok_or_else(|| format!("text line has no `level[rule]: `: {line}"))?;
        found.push(Finding {
            rule: rule.to_string(),
            at,
        });
    }
    Ok(found)
}

/// `::error file=FILE,line=L,col=C,title=etika RULE::message` lines.
fn github_findings(out: &str) -> Result<Vec<Finding>, String> {
    out.lines()
        // The line that says a run passed is no finding.
        .filter(|line| !line.starts_with("::notice title=etika validate::"))
        .map(|line| {
            let bad = || format!("not a workflow command: {line}");
            let (_level, rest) = line
                .strip_prefix("::")
                .and_then(|rest| rest.split_once(' '))
                .ok_or_else(bad)?;
            let (properties, _message) = rest.split_once("::").ok_or_else(bad)?;
            let property = |key: &str| {
                properties
                    .split(',')
                    .find_map(|p| p.strip_prefix(key)?.strip_prefix('='))
            };
            let number = |key: &str| property(key).and_then(|n| n.parse::<u64>().ok());
            let rule = property("title")
                .and_then(|title| title.strip_prefix("etika "))
                .ok_or_else(bad)?;
            Ok(Finding {
                rule: rule.to_string(),
                at: number("line").zip(number("col")),
            })
        })
        .collect()
}

/// A fixture whose findings are pinned: its problems, empty when it holds.
fn check_findings(kind: Kind, fixture: &Fixture, env: &Env) -> Vec<String> {
    let name = fixture.name.as_str();
    let args = kind.args(name);
    let mut problems = Vec::new();

    let json_run = run(env, &[&args[..], &["--format", "json"]].concat());
    if !json_run.stderr.is_empty() {
        problems.push(format!("stderr should be empty: {}", json_run.stderr));
    }
    let json: Value = match serde_json::from_str(&json_run.stdout) {
        Ok(json) => json,
        Err(e) => {
            problems.push(format!("stdout is not JSON ({e}): {}", json_run.stdout));
            return problems;
        }
    };
    let found = json_findings(&json, name, &fixture.text, &mut problems);
    let findings: Vec<Finding> = found.iter().map(|(f, _)| f.clone()).collect();

    // Exit 1 exactly when an error-level finding fails the file.
    let has_errors = json["files"][0]["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|f| f["level"] == "error");
    if json["passed"] != !has_errors || json["files"][0]["passed"] != !has_errors {
        problems.push(format!("`passed` should be {}: {json}", !has_errors));
    }
    let code = Some(i32::from(has_errors));
    if json_run.code != code {
        problems.push(format!("exit code {:?}, expected {code:?}", json_run.code));
    }

    let expect = fixture.expect.as_deref().unwrap_or_default();
    let want = fixture.actual.as_deref().unwrap_or(expect);
    let want_findings: Vec<Finding> = want.iter().map(|p| p.finding.clone()).collect();
    let label = if fixture.known_bug.is_some() {
        "findings (`actual:`, what etika does now)"
    } else {
        "findings"
    };
    problems.extend(compare(label, &want_findings, &findings));
    if fixture.known_bug.is_some() {
        let documented: Vec<Finding> = expect.iter().map(|p| p.finding.clone()).collect();
        if compare("", &documented, &findings).is_none() {
            problems.push(
                "the known bug is fixed: etika now reports what `expect:` says; remove the `known-bug:` and `actual:` lines"
                    .to_string(),
            );
        }
    }
    for pinned in want {
        let Some(offset) = pinned.offset else {
            continue;
        };
        let offsets: Vec<Option<u64>> = found
            .iter()
            .filter(|(f, _)| *f == pinned.finding)
            .map(|(_, o)| *o)
            .collect();
        if !offsets.is_empty() && !offsets.contains(&Some(offset)) {
            problems.push(format!(
                "{}: span.offset should be {offset}, found {offsets:?}",
                pinned.finding
            ));
        }
    }

    // The text and GitHub formats say the same.
    let text_run = run(env, &args);
    if text_run.code != json_run.code {
        problems.push(format!(
            "text format: exit code {:?}, JSON {:?}",
            text_run.code, json_run.code
        ));
    }
    match text_findings(&text_run.stdout, name) {
        Ok(text) => problems.extend(compare("text format vs JSON", &findings, &text)),
        Err(e) => problems.push(e),
    }
    let github_run = run(env, &[&args[..], &["--format", "github"]].concat());
    match github_findings(&github_run.stdout) {
        Ok(github) => problems.extend(compare("github format vs JSON", &findings, &github)),
        Err(e) => problems.push(e),
    }
    let sarif_run = run(env, &[&args[..], &["--format", "sarif"]].concat());
    match sarif_results(&sarif_run.stdout) {
        // Results come in the order of the JSON findings, byte ranges included.
        Ok(sarif) if sarif != found => problems.push(format!(
            "sarif format vs JSON (rule, place, byte offset):\n      JSON:  {found:?}\n      SARIF: {sarif:?}"
        )),
        Ok(_) => {}
        Err(e) => problems.push(e),
    }
    problems
}

/// Each SARIF result's rule, start line and column, and byte offset.
fn sarif_results(stdout: &str) -> Result<Vec<(Finding, Option<u64>)>, String> {
    let log: Value =
        serde_json::from_str(stdout).map_err(|e| format!("--format sarif: not JSON ({e}): {stdout}"))?;
    let results = log["runs"][0]["results"]
        .as_array()
        .ok_or_else(|| format!("--format sarif: no results: {stdout}"))?;
    Ok(results
        .iter()
        .map(|result| {
            let region = &result["locations"][0]["physicalLocation"]["region"];
            let finding = Finding {
                rule: result["ruleId"].as_str().unwrap_or_default().to_string(),
                at: region["startLine"].as_u64().zip(region["startColumn"].as_u64()),
            };
            (finding, region["byteOffset"].as_u64())
        })
        .collect())
}

/// A fixture that cannot be read: exit 2, and every format says where.
fn check_error(kind: Kind, fixture: &Fixture, env: &Env, (line, column): Position) -> Vec<String> {
    let name = fixture.name.as_str();
    let args = kind.args(name);
    let mut problems = Vec::new();
    let prefix = format!("error: {name}:{line}:{column}: ");
    for format in ["text", "json", "github", "sarif"] {
        let run = run(env, &[&args[..], &["--format", format]].concat());
        if run.code != Some(2) {
            problems.push(format!("--format {format}: exit code {:?}, expected 2", run.code));
        }
        if !run.stderr.starts_with(&prefix) {
            let first = run.stderr.lines().next().unwrap_or_default();
            problems.push(format!(
                "--format {format}: stderr should start with `{prefix}`: {first}"
            ));
        }
        // `checklist lint` in text prints nothing on stdout for a file it cannot
        // read; its JSON and annotations say so as validate's do.
        if kind == Kind::Checklist && format == "text" {
            if !run.stdout.is_empty() {
                problems.push(format!(
                    "--format {format}: stdout should be empty: {}",
                    run.stdout
                ));
            }
            continue;
        }
        let want = fixture.actual_location.unwrap_or(Location::At((line, column)));
        match format {
            "json" => problems.extend(check_unreadable_json(
                &run.stdout,
                name,
                want,
                (line, column),
                fixture,
            )),
            "sarif" => {
                let want = match want {
                    Location::At(at) => Some(at),
                    Location::Absent => None,
                };
                match sarif_results(&run.stdout) {
                    Ok(results) if results.len() == 1 && results[0].0.rule == "unreadable" => {
                        if results[0].0.at != want {
                            problems.push(format!(
                                "--format sarif: the unreadable result should be at {want:?}: {:?}",
                                results[0].0.at
                            ));
                        }
                    }
                    Ok(results) => problems.push(format!(
                        "--format sarif: expected one unreadable result: {results:?}"
                    )),
                    Err(e) => problems.push(e),
                }
            }
            "github" => {
                let place = match want {
                    Location::At((l, c)) => format!("file={name},line={l},col={c}"),
                    Location::Absent => format!("file={name}"),
                };
                let command = format!("::error {place},title=etika unreadable::");
                if !run.stdout.starts_with(&command) || run.stdout.lines().count() != 1 {
                    problems.push(format!(
                        "--format github: stdout should be one line starting `{command}`: {}",
                        run.stdout
                    ));
                }
            }
            _ => {}
        }
    }
    problems
}

/// `unreadable[0].location` of `validate --format json` for an unreadable file.
fn check_unreadable_json(
    stdout: &str,
    name: &str,
    want: Location,
    documented: Position,
    fixture: &Fixture,
) -> Vec<String> {
    let mut problems = Vec::new();
    let json: Value = match serde_json::from_str(stdout) {
        Ok(json) => json,
        Err(e) => return vec![format!("--format json: stdout is not JSON ({e}): {stdout}")],
    };
    let unreadable = json["unreadable"].as_array().map_or(0, Vec::len);
    if json["passed"] != false || json["files"] != Value::Array(Vec::new()) || unreadable != 1 {
        problems.push(format!(
            "--format json: expected passed false, no files and one unreadable: {json}"
        ));
    }
    let entry = &json["unreadable"][0];
    if entry["file"] != name {
        problems.push(format!("unreadable[0].file should be {name}: {entry}"));
    }
    let location = &entry["location"];
    let found = if location.is_null() {
        Location::Absent
    } else {
        if location["file"] != name {
            problems.push(format!(
                "unreadable[0].location.file should be {name}: {location}"
            ));
        }
        if let Some(at) = location["line"].as_u64().zip(location["column"].as_u64()) {
            Location::At(at)
        } else {
            problems.push(format!(
                "unreadable[0].location has no line and column: {location}"
            ));
            Location::Absent
        }
    };
    if found != want {
        let now = if fixture.actual_location.is_some() {
            " (`actual-location:`, what etika does now)"
        } else {
            ""
        };
        problems.push(format!(
            "unreadable[0].location{now}: expected {want}, found {found}"
        ));
    }
    if fixture.known_bug.is_some() && found == Location::At(documented) {
        problems.push(
            "the known bug is fixed: the location is what `expect-error:` says; remove the `known-bug:` and `actual-location:` lines"
                .to_string(),
        );
    }
    problems
}

/// Runs every fixture of `kind`; fails with a report of each that does not hold.
fn check_folder(kind: Kind) {
    let fixtures = fixtures(kind);
    let mut report = Vec::new();
    for fixture in &fixtures {
        let env = Env::new();
        env.write(&fixture.name, &fixture.text);
        if kind == Kind::Assessment {
            env.write("mini.yaml", MINI);
            env.write("strict.yaml", &crate::common::strict_mini());
            // The evidence the fixtures name, so `evidence-not-found` only finds what a fixture plants.
            env.write("docs/data-card.md", "# Data card\n");
        }
        let problems = match fixture.error {
            Some(at) => check_error(kind, fixture, &env, at),
            None => check_findings(kind, fixture, &env),
        };
        if let Some(why) = &fixture.known_bug {
            eprintln!("{}: known bug: {why}", fixture.name);
        }
        if !problems.is_empty() {
            report.push(format!("{}:\n  - {}", fixture.name, problems.join("\n  - ")));
        }
    }
    assert!(
        report.is_empty(),
        "{} of {} fixtures in {} do not hold:\n\n{}\n",
        report.len(),
        fixtures.len(),
        kind.folder().display(),
        report.join("\n\n")
    );
}

#[test]
fn assessment_positions() {
    check_folder(Kind::Assessment);
}

#[test]
fn checklist_lint_positions() {
    check_folder(Kind::Checklist);
}

/// The rule ids of `src/diagnostic.rs`: those for assessments, and those for
/// checklists (after its `// Checklists` comment).
fn rule_ids() -> (Vec<String>, Vec<String>) {
    let source = include_str!("../../src/diagnostic.rs");
    let rules = source
        .split_once("rules! {")
        .expect("the `rules!` table in src/diagnostic.rs")
        .1;
    let (mut assessment, mut checklist) = (Vec::new(), Vec::new());
    let mut list = &mut assessment;
    for line in rules.lines() {
        let line = line.trim();
        if line == "}" {
            break;
        }
        if line.starts_with("// Checklists") {
            list = &mut checklist;
        }
        if let Some((_, rest)) = line.split_once(" = \"")
            && let Some((id, _)) = rest.split_once('"')
        {
            list.push(id.to_string());
        }
    }
    assert!(
        !assessment.is_empty() && !checklist.is_empty(),
        "no rule ids found in src/diagnostic.rs"
    );
    (assessment, checklist)
}

/// Each rule is pinned by a fixture that holds (not only by a known bug).
#[test]
fn every_rule_has_a_position_fixture() {
    let (assessment, checklist) = rule_ids();
    for (kind, rules) in [(Kind::Assessment, assessment), (Kind::Checklist, checklist)] {
        let covered: Vec<String> = fixtures(kind)
            .iter()
            .filter(|f| f.known_bug.is_none())
            .flat_map(|f| f.expect.iter().flatten().map(|p| p.finding.rule.clone()))
            .collect();
        let uncovered: Vec<&String> = rules.iter().filter(|r| !covered.contains(r)).collect();
        assert!(
            uncovered.is_empty(),
            "no fixture in {} expects {uncovered:?}",
            kind.folder().display()
        );
        let unknown: Vec<&String> = covered.iter().filter(|r| !rules.contains(r)).collect();
        assert!(
            unknown.is_empty(),
            "fixtures in {} expect rules that are not in src/diagnostic.rs (or not for this command): {unknown:?}",
            kind.folder().display()
        );
    }
}

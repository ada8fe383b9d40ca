//! Scale benchmark: runs the release `etika` binary on the example, the
//! built-in checklist and synthetic checklists of 100 to 20,000 items, and
//! prints wall time and peak memory as Markdown tables, each size beside
//! the floor no YAML reader can go under: the time the YAML parser that
//! serde-saphyr uses (granit-parser) takes merely to scan the events of the
//! same checklist and assessment files, measured here in this process.
//!
//! Run with `cargo bench --bench scale` (a few minutes on 2 cores). Every
//! etika case is a fresh process, timed from spawn to exit; its peak
//! resident set size is `ru_maxrss` from `wait4`. Set `ETIKA_BENCH_KEEP=1`
//! to keep the generated files (the folder is printed).

// It waits on and kills its own child processes (libc), and is a measuring
// tool rather than product code, so the crate's pedantic lints are off here.
#![allow(unsafe_code, clippy::pedantic)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const ETIKA: &str = env!("CARGO_BIN_EXE_etika");
const SIZES: [usize; 4] = [100, 1_000, 10_000, 20_000];
/// Runs per case; `RUNS_SLOW` when the first run takes longer than `SLOW`.
const RUNS: usize = 5;
const RUNS_SLOW: usize = 3;
const SLOW: Duration = Duration::from_secs(2);
/// No further run of a case starts once its runs so far plus one more would
/// exceed this, so a very slow case gets fewer runs (at least one).
const CASE_BUDGET: Duration = Duration::from_secs(100);
/// A run still going after this is killed and the case reported as "timeout".
const TIMEOUT: Duration = Duration::from_secs(120);

/// Short section names, so item ids average about 24 characters, as in the
/// built-in checklist (23): the cost of "did you mean" grows with their square.
const SECTIONS: [&str; 9] = [
    "bias",
    "explain",
    "privacy",
    "jobs",
    "safety",
    "security",
    "oversight",
    "redress",
    "ecology",
];
const WORDS: [&str; 12] = [
    "training-data",
    "group-metrics",
    "consent-record",
    "model-card",
    "human-review",
    "incident-log",
    "access-control",
    "retention-limit",
    "appeal-route",
    "drift-monitor",
    "impact-study",
    "audit-trail",
];
const FRAMEWORKS: [&str; 5] = [
    "EU AI Act",
    "ISO/IEC 42001",
    "NIST AI RMF",
    "GDPR",
    "UU PDP 27/2022",
];

/// Context items: slug, the three option values, and the option index answered.
const CONTEXT: [(&str, [&str; 3], usize); 4] = [
    ("decision-role", ["none", "informs", "decides"], 1),
    ("personal-data", ["none", "ordinary", "sensitive"], 2),
    ("scale", ["small", "medium", "large"], 0),
    ("lifecycle-stage", ["design", "pilot", "production"], 2),
];

/// How much each yes/no item carries besides its bilingual question, type,
/// severity, one reference and (for a third of them) a `when`.
#[derive(Clone, Copy)]
struct Shape {
    /// Every k-th item has a bilingual `help`.
    help_every: usize,
    /// Every k-th item has a second reference.
    second_reference_every: usize,
}

/// About 23 YAML nodes per item: help and a second reference on one item in ten.
const LEAN: Shape = Shape {
    help_every: 10,
    second_reference_every: 10,
};
/// Help on every item and a second reference on every other one: about 31
/// nodes per item, over serde-saphyr's default budget of 250,000 at 10,000 items.
const FULL: Shape = Shape {
    help_every: 1,
    second_reference_every: 2,
};

/// Deletes the benchmark's temporary folder, also when a check fails.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::env::var_os("ETIKA_BENCH_KEEP").is_some() {
            eprintln!("kept {}", self.0.display());
        } else {
            let _ = fs::remove_dir_all(&self.0);
        }
    }
}

/// When an item applies.
enum When {
    Always,
    /// `{item: context.X, in: [...]}`: context item index and two option indexes.
    Context(usize, [usize; 2]),
    /// `{item: ID, equals: "yes"}` on the (unconditional) item at this index.
    Yes(usize),
}

struct Item {
    id: String,
    section: usize,
    number: usize,
    word: &'static str,
    when: When,
}

/// What the complete assessment answers for an item.
#[derive(Clone, Copy, PartialEq)]
enum Answer {
    Yes,
    /// Adverse: comes with an action.
    Partial,
    /// The item does not apply, so it is left out.
    Skip,
}

/// The yes/no items of a checklist of `n` items (the context items come first).
fn items(n: usize) -> Vec<Item> {
    let count = n - CONTEXT.len();
    (0..count)
        .map(|i| {
            let section = i * SECTIONS.len() / count;
            let word = WORDS[i % WORDS.len()];
            let number = i + 1;
            let when = match i % 6 {
                // Half of these hold for the generated context answers, half do not.
                0 => When::Context(
                    (i / 6) % CONTEXT.len(),
                    if (i / 6).is_multiple_of(2) { [0, 1] } else { [1, 2] },
                ),
                3 => When::Yes(i - 1),
                _ => When::Always,
            };
            let id = format!("{}.{word}-{number}", SECTIONS[section]);
            Item {
                id,
                section,
                number,
                word,
                when,
            }
        })
        .collect()
}

fn answers(items: &[Item]) -> Vec<Answer> {
    let mut answers: Vec<Answer> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let applies = match item.when {
            When::Always => true,
            When::Context(c, options) => options.contains(&CONTEXT[c].2),
            When::Yes(earlier) => answers[earlier] == Answer::Yes,
        };
        answers.push(if !applies {
            Answer::Skip
        } else if i % 10 == 8 {
            Answer::Partial
        } else {
            Answer::Yes
        });
    }
    answers
}

fn checklist_yaml(id: &str, n: usize, items: &[Item], shape: Shape) -> String {
    let mut y = String::with_capacity(n * 600);
    let _ = writeln!(
        y,
        "# Synthetic checklist written by benches/scale.rs ({n} items)."
    );
    let _ = writeln!(y, "id: {id}\nversion: \"1.0.0\"");
    let _ = writeln!(
        y,
        "title: {{en: \"Synthetic checklist, {n} items\", id: \"Daftar periksa sintetis, {n} butir\"}}"
    );
    y.push_str("languages: [en, id]\nsections:\n");
    y.push_str("  - id: context\n    title: {en: Context, id: Konteks}\n    context: true\n    items:\n");
    for (slug, options, _) in CONTEXT {
        let words = slug.replace('-', " ");
        let _ = writeln!(y, "      - id: context.{slug}");
        let _ = writeln!(
            y,
            "        question: {{en: \"What best describes the {words} of the system?\", \
             id: \"Apa yang paling tepat menggambarkan {words} sistem ini?\"}}"
        );
        let _ = writeln!(
            y,
            "        help: {{en: \"The answer decides which items apply.\", \
             id: \"Jawabannya menentukan butir mana yang berlaku.\"}}"
        );
        y.push_str("        type: single\n        options:\n");
        for (k, value) in options.iter().enumerate() {
            let _ = writeln!(
                y,
                "          - {{value: {value}, label: {{en: \"{value}\", id: \"{value} (id)\"}}, risk: {}}}",
                k * 2
            );
        }
        y.push_str("        references:\n          - {framework: \"EU AI Act\", clause: \"Art. 6\"}\n");
    }
    for (s, section) in SECTIONS.iter().enumerate() {
        let _ = writeln!(y, "  - id: {section}");
        let _ = writeln!(
            y,
            "    title: {{en: \"Area {section}\", id: \"Bidang {section}\"}}"
        );
        y.push_str("    items:\n");
        for item in items.iter().filter(|item| item.section == s) {
            let words = item.word.replace('-', " ");
            let number = item.number;
            let _ = writeln!(y, "      - id: {}", item.id);
            let _ = writeln!(
                y,
                "        question: {{en: \"Is safeguard {number} on {words} in place and reviewed?\", \
                 id: \"Apakah pengaman {number} tentang {words} sudah diterapkan dan ditinjau?\"}}"
            );
            if number.is_multiple_of(shape.help_every) {
                let _ = writeln!(
                    y,
                    "        help: {{en: \"Good evidence is a dated document that shows the {words} \
                     safeguard working.\", id: \"Bukti yang baik adalah dokumen bertanggal yang \
                     menunjukkan pengaman {words} berjalan.\"}}"
                );
            }
            y.push_str("        type: yes-no\n        severity: medium\n");
            match item.when {
                When::Always => {}
                When::Context(c, [a, b]) => {
                    let (slug, options, _) = CONTEXT[c];
                    let _ = writeln!(
                        y,
                        "        when: {{item: context.{slug}, in: [{}, {}]}}",
                        options[a], options[b]
                    );
                }
                When::Yes(earlier) => {
                    let _ = writeln!(
                        y,
                        "        when: {{item: {}, equals: \"yes\"}}",
                        items[earlier].id
                    );
                }
            }
            y.push_str("        references:\n");
            let framework = FRAMEWORKS[number % FRAMEWORKS.len()];
            let _ = writeln!(
                y,
                "          - {{framework: \"{framework}\", clause: \"Art. {}\"}}",
                number % 99 + 1
            );
            if number.is_multiple_of(shape.second_reference_every) {
                let _ = writeln!(
                    y,
                    "          - {{framework: \"ISO/IEC 42001\", clause: \"A.{}.{}\"}}",
                    number % 10 + 1,
                    number % 7 + 1
                );
            }
        }
    }
    y
}

/// The complete assessment; with `typo`, every answer id is misspelt (the
/// first two letters of its slug swapped) and every item is answered, so
/// validate finds one unknown id, with a suggestion, per checklist item.
fn assessment_yaml(id: &str, n: usize, items: &[Item], answers: &[Answer], typo: bool) -> String {
    let mut y = String::with_capacity(n * 250);
    y.push_str("# Synthetic assessment written by benches/scale.rs.\netika: 1\n");
    let _ = writeln!(
        y,
        "checklist: {{id: {id}, version: \"1.0.0\", path: checklist.yaml}}"
    );
    let _ = writeln!(
        y,
        "system:\n  name: Synthetic system ({n} items)\n  owner: Benchmark Team"
    );
    y.push_str("answers:\n");
    let spell = |id: &str| -> String {
        let (section, slug) = id.split_once('.').unwrap();
        let mut slug = slug.as_bytes().to_vec();
        if typo {
            slug.swap(0, 1);
        }
        format!("{section}.{}", String::from_utf8(slug).unwrap())
    };
    for (slug, options, chosen) in CONTEXT {
        let _ = writeln!(y, "  {}:", spell(&format!("context.{slug}")));
        let _ = writeln!(y, "    value: {}", options[chosen]);
        y.push_str("    rationale: Described by the product owner.\n    by: owner\n    at: \"2026-11-10\"\n");
    }
    for (item, answer) in items.iter().zip(answers) {
        let value = match (answer, typo) {
            (Answer::Skip, false) => continue,
            (Answer::Partial, _) => "partial",
            _ => "\"yes\"",
        };
        let number = item.number;
        let _ = writeln!(y, "  {}:\n    value: {value}", spell(&item.id));
        let _ = writeln!(
            y,
            "    rationale: Checked during the review of safeguard {number}."
        );
        if value == "partial" {
            let _ = writeln!(
                y,
                "    action: {{text: \"Finish safeguard {number}\", owner: ml-team, due: \"2099-12-31\"}}"
            );
        } else {
            let _ = writeln!(y, "    evidence: [\"https://example.org/evidence/{number}\"]");
        }
        y.push_str("    by: reviewer\n    at: \"2026-11-12\"\n");
    }
    y
}

/// One finished run.
struct Run {
    wall: Duration,
    /// Peak resident set size in KiB (`ru_maxrss` on Linux).
    max_rss_kib: i64,
    /// User and system CPU time (`ru_utime` + `ru_stime`): on a busy
    /// machine it varies far less than wall time, which includes waiting.
    cpu: Duration,
    status: i32,
}

/// Runs etika with `args` to completion, or kills it after `TIMEOUT` (`None`).
fn run(args: &[&str], stdout: Stdio) -> Option<Run> {
    let start = Instant::now();
    let child = Command::new(ETIKA)
        .args(args)
        .env("ETIKA_LANG", "en")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::null())
        .spawn()
        .expect("cannot start etika");
    let pid = child.id() as libc::pid_t;
    // The watchdog kills only while the child is not reaped, so its pid cannot
    // have been reused: this thread waits for the exit without reaping
    // (WNOWAIT), marks it done under the lock, and only then reaps.
    let done = Arc::new((Mutex::new(false), Condvar::new()));
    let watchdog = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let (lock, signal) = &*done;
            let (finished, _) = signal
                .wait_timeout_while(lock.lock().unwrap(), TIMEOUT, |finished| !*finished)
                .unwrap();
            if *finished {
                return false;
            }
            // SAFETY: `pid` is our child and not yet reaped (see above).
            unsafe { libc::kill(pid, libc::SIGKILL) };
            true
        })
    };
    // SAFETY: system calls on our own child, with zeroed out-structs.
    unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        while libc::waitid(
            libc::P_PID,
            pid as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOWAIT,
        ) != 0
        {
            let error = std::io::Error::last_os_error();
            assert_eq!(error.kind(), std::io::ErrorKind::Interrupted, "waitid: {error}");
        }
    }
    let wall = start.elapsed();
    {
        let (lock, signal) = &*done;
        *lock.lock().unwrap() = true;
        signal.notify_one();
    }
    let killed = watchdog.join().unwrap();
    let mut status = 0;
    // SAFETY: as above; std never waits on `child`, which is only dropped.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::wait4(pid, &mut status, 0, &mut usage), pid, "wait4 failed");
        usage
    };
    drop(child);
    if killed {
        return None;
    }
    let status = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Some(Run {
        wall,
        max_rss_kib: usage.ru_maxrss,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
        status,
    })
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// CPU time this thread has used.
fn thread_cpu() -> Duration {
    // SAFETY: clock_gettime writes the zeroed struct we own.
    unsafe {
        let mut t: libc::timespec = std::mem::zeroed();
        libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t);
        Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    }
}

/// Runs etika with `args` once, output captured: exit code, stdout, stderr.
fn output(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(ETIKA)
        .args(args)
        .env("ETIKA_LANG", "en")
        .stdin(Stdio::null())
        .output()
        .expect("cannot start etika");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (output.status.code(), text(&output.stdout), text(&output.stderr))
}

/// Runs `args` once and checks the exit code (this also warms the page
/// cache); returns stdout.
fn check(args: &[&str], expected: i32) -> String {
    let (code, stdout, stderr) = output(args);
    assert_eq!(
        code,
        Some(expected),
        "`etika {}` exited with {code:?}, expected {expected}\nstdout (start):\n{}\nstderr (start):\n{}",
        args.join(" "),
        stdout.chars().take(2000).collect::<String>(),
        stderr.chars().take(2000).collect::<String>()
    );
    stdout
}

enum Outcome {
    Timed(Vec<Run>),
    Timeout,
}

struct Row {
    case: String,
    outcome: Outcome,
}

/// A slow case's first timed run is its check: stdout goes to the file, and
/// the function reads what was written there.
type Verify<'a> = (&'a Path, &'a dyn Fn(&str));

/// Times etika with `args`. A check run (untimed, exit code checked) comes
/// first unless `verify` is given.
fn measure(case: &str, args: &[&str], expected: i32, verify: Option<Verify>) -> Row {
    if verify.is_none() {
        check(args, expected);
    }
    let mut runs: Vec<Run> = Vec::new();
    loop {
        let stdout = match verify {
            Some((path, _)) if runs.is_empty() => Stdio::from(fs::File::create(path).unwrap()),
            _ => Stdio::null(),
        };
        let Some(one) = run(args, stdout) else {
            eprintln!("  {case}: timeout after {} s", TIMEOUT.as_secs());
            return Row {
                case: case.to_string(),
                outcome: Outcome::Timeout,
            };
        };
        assert_eq!(
            one.status,
            expected,
            "`etika {}`: unexpected exit code",
            args.join(" ")
        );
        if let Some((path, verify)) = verify
            && runs.is_empty()
        {
            verify(&fs::read_to_string(path).unwrap());
        }
        runs.push(one);
        let first = runs[0].wall;
        let spent: Duration = runs.iter().map(|r| r.wall).sum();
        let wanted = if first > SLOW { RUNS_SLOW } else { RUNS };
        if runs.len() >= wanted || spent + first > CASE_BUDGET {
            break;
        }
    }
    eprintln!(
        "  {case}: median {:.1} ms over {} runs",
        ms(median(&runs)),
        runs.len()
    );
    Row {
        case: case.to_string(),
        outcome: Outcome::Timed(runs),
    }
}

fn median(runs: &[Run]) -> Duration {
    let mut walls: Vec<Duration> = runs.iter().map(|r| r.wall).collect();
    walls.sort();
    let middle = walls.len() / 2;
    if walls.len().is_multiple_of(2) {
        (walls[middle - 1] + walls[middle]) / 2
    } else {
        walls[middle]
    }
}

fn median_cpu(runs: &[Run]) -> Duration {
    let mut cpu: Vec<Duration> = runs.iter().map(|r| r.cpu).collect();
    cpu.sort();
    cpu[cpu.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib_of(path: &Path) -> f64 {
    fs::metadata(path).map_or(0.0, |m| m.len() as f64 / (1024.0 * 1024.0))
}

/// One size of synthetic checklist, beside its YAML floor.
struct Scale {
    n: usize,
    mib: f64,
    events: usize,
    scan: Timing,
    /// etika's own loaders (serde-saphyr and checks), in this process.
    load: Timing,
    /// Rows of its `validate` and `report` cases.
    validate: usize,
    report: usize,
}

fn median_of(row: &Row) -> Option<Duration> {
    match &row.outcome {
        Outcome::Timed(runs) => Some(median(runs)),
        Outcome::Timeout => None,
    }
}

/// Timed runs of the event scan.
const SCANS: usize = 5;

/// Wall and CPU time of something done in this process.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Duration,
}

/// Medians of `SCANS` runs of `f` after one untimed, and what the untimed
/// run returned.
fn timed<T>(mut f: impl FnMut() -> T) -> (Timing, T) {
    let first = f();
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    for _ in 0..SCANS {
        let (start, cpu) = (Instant::now(), thread_cpu());
        std::hint::black_box(f());
        walls.push(start.elapsed());
        cpus.push(thread_cpu() - cpu);
    }
    walls.sort();
    cpus.sort();
    let timing = Timing {
        wall: walls[SCANS / 2],
        cpu: cpus[SCANS / 2],
    };
    (timing, first)
}

/// The YAML floor of reading `files`: the time to read them and scan every
/// parser event, and how many events they hold.
fn scan_floor(files: &[&Path]) -> (Timing, usize) {
    timed(|| {
        let mut events = 0;
        for file in files {
            let text = fs::read_to_string(file).unwrap();
            let mut options = granit_parser::Options::default();
            options.emit_comments = false;
            for event in granit_parser::Parser::new_from_str_with_options(&text, options) {
                let (event, _span) = event.expect("the generated YAML parses");
                std::hint::black_box(&event);
                events += 1;
            }
        }
        events
    })
}

/// The time etika's loaders take to read the checklist (parse and check)
/// and the assessment (parse), in this process: what a `validate` pays
/// before it evaluates anything.
fn load_time(checklist: &Path, assessment: &Path) -> Timing {
    timed(|| {
        let checklist = fs::read_to_string(checklist).unwrap();
        assert!(etika::fuzz::parse_checklist(&checklist), "the checklist loads");
        let assessment = fs::read_to_string(assessment).unwrap();
        assert!(etika::fuzz::parse_assessment(&assessment), "the assessment loads");
    })
    .0
}

/// Assessment files in the many-files case.
const MANY_FILES: usize = 1_000;

/// A complete, signed assessment of the built-in checklist.
fn builtin_assessment() -> String {
    let (_, json, _) = output(&["checklist", "show", "ai-ethics", "--format", "json"]);
    let checklist: serde_json::Value = serde_json::from_str(&json).unwrap();
    // Against the checklist's own version, so no answer is stale.
    let version = checklist["version"].as_str().unwrap();
    let mut text = format!(
        "etika: 1\nchecklist: {{id: ai-ethics, version: \"{version}\"}}\nsystem: {{name: Bench}}\nanswers:\n"
    );
    for section in checklist["sections"].as_array().unwrap() {
        for item in section["items"].as_array().unwrap() {
            // Context questions get their first (least risky) option: an
            // `unknown` there would make the system impact level IV, whose
            // obligations (blocking gaps, required items) fail every file.
            if section["context"] == true {
                let first = item["options"][0]["value"].as_str().unwrap_or("no");
                let value = match item["type"].as_str() {
                    Some("multi") => format!("[{first}]"),
                    Some("yes-no") => "\"no\"".to_string(),
                    _ => first.to_string(),
                };
                let _ = writeln!(
                    text,
                    "  {}: {{value: {value}, at: \"2026-11-01\"}}",
                    item["id"].as_str().unwrap()
                );
                continue;
            }
            let _ = writeln!(
                text,
                "  {}: {{value: unknown, rationale: To be checked., at: \"2026-11-01\", action: {{text: Find out, owner: bench, due: \"2099-01-01\"}}}}",
                item["id"].as_str().unwrap()
            );
        }
    }
    text.push_str("signoff:\n  - {name: bench, role: Bench lead, date: \"2026-11-02\"}\n");
    text
}

fn main() {
    let root = std::env::temp_dir().join(format!(
        "etika-bench-{}-{}",
        std::process::id(),
        SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos()
    ));
    fs::create_dir_all(&root).unwrap();
    let root = TempDir(root);
    let started = Instant::now();
    eprintln!("etika scale benchmark: {ETIKA}");

    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut scale: Vec<Scale> = Vec::new();
    rows.push(measure("`--version` (process floor)", &["--version"], 0, None));
    let version = rows.len() - 1;
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/loan-approval/ethics-assessment.yaml"
    );
    rows.push(measure(
        "`validate` of the example",
        &["validate", example],
        0,
        None,
    ));
    let example_validate = rows.len() - 1;
    rows.push(measure("`report` of the example", &["report", example], 0, None));
    let example_report = rows.len() - 1;
    // What no reader of the example can go under beyond start-up: the
    // parser's own scan of its assessment (the checklist is compiled in).
    let (example_scan, _) = scan_floor(&[Path::new(example)]);
    rows.push(measure(
        "`checklist show ai-ethics --format markdown` (built-in)",
        &["checklist", "show", "ai-ethics", "--format", "markdown"],
        0,
        None,
    ));

    // Many assessments of the built-in checklist in one call: each answers every
    // item (context questions with their first option, the rest `unknown`,
    // with rationale and action) and is signed off.
    let many = root.0.join("many");
    let builtin = builtin_assessment();
    for i in 0..MANY_FILES {
        let team = many.join(format!("team-{:02}", i % 20));
        fs::create_dir_all(&team).unwrap();
        fs::write(team.join(format!("assessment-{i:04}.yaml")), &builtin).unwrap();
    }
    let one = many.join("team-00").join("assessment-0000.yaml");
    // The same assessment as etika writes it (block style, `asked:` with
    // each answer): re-saved once by `etika answer`, then copied.
    let saved = root.0.join("saved");
    fs::create_dir_all(&saved).unwrap();
    let template_yaml = saved.join("template.yaml");
    fs::write(&template_yaml, &builtin).unwrap();
    check(
        &[
            "answer",
            template_yaml.to_str().unwrap(),
            "transparency.accountability",
            "unknown",
            "--at",
            "2026-11-01",
        ],
        0,
    );
    let written = fs::read_to_string(&template_yaml).unwrap();
    fs::remove_file(&template_yaml).unwrap();
    let _ = fs::remove_dir_all(saved.join(".etika"));
    for i in 0..MANY_FILES {
        let team = saved.join(format!("team-{:02}", i % 20));
        fs::create_dir_all(&team).unwrap();
        fs::write(team.join(format!("assessment-{i:04}.yaml")), &written).unwrap();
    }
    notes.push(format!(
        "{MANY_FILES} assessments of the built-in checklist: {} bytes each as written by hand in flow style, {} bytes as etika writes them",
        builtin.len(),
        written.len()
    ));
    let listing = check(&["validate", many.to_str().unwrap()], 0);
    assert!(
        listing.contains(&format!("checked {MANY_FILES} files: {MANY_FILES} passed")),
        "validate of the folder did not pass: {listing}"
    );
    rows.push(measure(
        "`validate` one assessment of the built-in checklist",
        &["validate", one.to_str().unwrap()],
        0,
        None,
    ));
    rows.push(measure(
        &format!("`validate DIR`, {MANY_FILES} assessments of the built-in checklist"),
        &["validate", many.to_str().unwrap()],
        0,
        None,
    ));
    rows.push(measure(
        &format!("`validate DIR`, {MANY_FILES} assessments as etika writes them"),
        &["validate", saved.to_str().unwrap()],
        0,
        None,
    ));

    for n in SIZES {
        let folder = root.0.join(format!("n{n}"));
        fs::create_dir_all(&folder).unwrap();
        let id = format!("bench-{n}");
        let items = items(n);
        let answers = answers(&items);
        let checklist = folder.join("checklist.yaml");
        let assessment = folder.join("assessment.yaml");
        fs::write(&checklist, checklist_yaml(&id, n, &items, LEAN)).unwrap();
        fs::write(&assessment, assessment_yaml(&id, n, &items, &answers, false)).unwrap();
        let (c, a) = (checklist.to_str().unwrap(), assessment.to_str().unwrap());
        let answered = CONTEXT.len() + answers.iter().filter(|a| **a != Answer::Skip).count();
        let conditional = items.iter().filter(|i| !matches!(i.when, When::Always)).count();
        let id_chars = items.iter().map(|i| i.id.len()).sum::<usize>() as f64 / items.len() as f64;
        notes.push(format!(
            "N={n}: checklist {:.2} MiB ({conditional} items with `when`, ids of {id_chars:.1} characters \
             on average), assessment {:.2} MiB ({answered} answers)",
            mib_of(&checklist),
            mib_of(&assessment)
        ));

        let lint = check(&["checklist", "lint", c], 0);
        assert!(
            lint.contains(&format!("{n} items")),
            "lint did not count {n} items: {lint}"
        );
        let validate = check(&["validate", a], 0);
        assert!(validate.contains("passed"), "validate did not pass: {validate}");
        rows.push(measure(
            &format!("`checklist lint` N={n}"),
            &["checklist", "lint", c],
            0,
            None,
        ));
        rows.push(measure(&format!("`validate` N={n}"), &["validate", a], 0, None));
        let validate = rows.len() - 1;
        rows.push(measure(
            &format!("`report` N={n} (stdout)"),
            &["report", a],
            0,
            None,
        ));
        let report = rows.len() - 1;
        let (scan, events) = scan_floor(&[&checklist, &assessment]);
        let load = load_time(&checklist, &assessment);
        eprintln!(
            "  N={n}: event scan median {:.1} ms ({events} events), load {:.1} ms",
            ms(scan.wall),
            ms(load.wall)
        );
        scale.push(Scale {
            n,
            mib: mib_of(&checklist) + mib_of(&assessment),
            events,
            scan,
            load,
            validate,
            report,
        });

        if n == 10_000 {
            // The same items with help on each and a second reference on every
            // other one (see `FULL`): over serde-saphyr's default node budget,
            // which etika raised for checklists this size.
            let full = folder.join("full.yaml");
            fs::write(&full, checklist_yaml(&id, n, &items, FULL)).unwrap();
            notes.push(format!(
                "N={n} with help on every item: checklist {:.2} MiB",
                mib_of(&full)
            ));
            let case = format!("`checklist lint` N={n}, help on every item");
            let args = ["checklist", "lint", full.to_str().unwrap()];
            rows.push(measure(&case, &args, 0, None));

            let renamed = folder.join("renamed.yaml");
            fs::write(&renamed, assessment_yaml(&id, n, &items, &answers, true)).unwrap();
            notes.push(format!(
                "N={n} renamed: every item answered under a misspelt id, {:.2} MiB",
                mib_of(&renamed)
            ));
            let out = folder.join("renamed.out");
            let verify = |text: &str| {
                let unknown = text.lines().filter(|l| l.contains("[unknown-item]")).count();
                let suggested = text.lines().filter(|l| l.contains("did you mean")).count();
                assert_eq!(unknown, n, "expected {n} unknown-item findings, got {unknown}");
                eprintln!("  renamed: {unknown} unknown-item findings, {suggested} with a suggestion");
            };
            rows.push(measure(
                &format!("`validate` N={n}, every id misspelt ({n} unknown ids)"),
                &["validate", renamed.to_str().unwrap()],
                1,
                Some((&out, &verify)),
            ));
        }
    }

    let mut table = String::from(
        "| case | median ms | min ms | CPU ms | peak RSS MiB | runs |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for row in &rows {
        let _ = match &row.outcome {
            Outcome::Timeout => writeln!(
                table,
                "| {} | timeout (>{} s) | – | – | – | 0 |",
                row.case,
                TIMEOUT.as_secs()
            ),
            Outcome::Timed(runs) => {
                let min = runs.iter().map(|r| r.wall).min().unwrap_or_default();
                let peak = runs.iter().map(|r| r.max_rss_kib).max().unwrap_or(0);
                writeln!(
                    table,
                    "| {} | {:.1} | {:.1} | {:.1} | {:.1} | {} |",
                    row.case,
                    ms(median(runs)),
                    ms(min),
                    ms(median_cpu(runs)),
                    peak as f64 / 1024.0,
                    runs.len()
                )
            }
        };
    }
    println!("\n## etika scale benchmark\n\n{table}");
    println!(
        "Wall time from spawn to exit of `{ETIKA}`, stdout and stderr to /dev/null; median and \
         minimum of {RUNS} runs ({RUNS_SLOW} when the first takes over {} s, fewer when more would pass \
         {} s). Peak RSS: the largest `ru_maxrss` of those runs. Every run's exit code is checked; \
         each command but the misspelt-id one also runs once untimed first.\n",
        SLOW.as_secs(),
        CASE_BUDGET.as_secs()
    );
    for note in &notes {
        println!("- {note}");
    }

    let cpu = |row: usize| {
        median_of(&rows[row]).map(|_| match &rows[row].outcome {
            Outcome::Timed(runs) => median_cpu(runs),
            Outcome::Timeout => Duration::ZERO,
        })
    };
    let times = |row: usize| match (median_of(&rows[row]), cpu(row)) {
        (Some(wall), Some(cpu)) => format!("{:.1} / {:.1}", ms(wall), ms(cpu)),
        _ => "timeout".to_string(),
    };
    let ratio = |row: usize, floor: Duration| {
        cpu(row).map_or("–".to_string(), |d| {
            format!("{:.2}", d.as_secs_f64() / floor.as_secs_f64())
        })
    };
    let peak = |row: usize| match &rows[row].outcome {
        Outcome::Timed(runs) => format!(
            "{:.1}",
            runs.iter().map(|r| r.max_rss_kib).max().unwrap_or(0) as f64 / 1024.0
        ),
        Outcome::Timeout => "–".to_string(),
    };
    println!(
        "\n## Against the YAML floor\n\n\
         | items | YAML MiB | events | event scan ms, wall / CPU | load CPU ms | × scan | validate ms, wall / CPU | × scan | report ms, wall / CPU | × scan | peak RSS MiB validate / report |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for s in &scale {
        println!(
            "| {} | {:.2} | {} | {:.1} / {:.1} | {:.1} | {:.2} | {} | {} | {} | {} | {} / {} |",
            s.n,
            s.mib,
            s.events,
            ms(s.scan.wall),
            ms(s.scan.cpu),
            ms(s.load.cpu),
            s.load.cpu.as_secs_f64() / s.scan.cpu.as_secs_f64(),
            times(s.validate),
            ratio(s.validate, s.scan.cpu),
            times(s.report),
            ratio(s.report, s.scan.cpu),
            peak(s.validate),
            peak(s.report)
        );
    }
    println!(
        "\nEvent scan: granit-parser (the parser under serde-saphyr) reading the checklist and the \
         assessment from disk and producing every event, comments off as etika reads, in this \
         process (no process start-up), median of {SCANS} runs after one untimed. Load: etika's \
         loaders on the same files in this process (`etika::fuzz::parse_checklist`, YAML to checked \
         checklist, and `parse_assessment`), timed alike: the part of `validate` that is YAML \
         reading (etika's event reader; serde-saphyr for what it leaves) and checking. Each × is CPU time over the event scan's CPU time: \
         on a busy machine CPU time varies far less than wall time."
    );
    if let Some(floor) = cpu(version) {
        println!(
            "\nThe example (`examples/loan-approval`) against process start-up (`etika --version`, {} ms wall / CPU): \
             validate {} ms = {}×, report {} ms = {}× (CPU over CPU).",
            times(version),
            times(example_validate),
            ratio(example_validate, floor),
            times(example_report),
            ratio(example_report, floor)
        );
        let start_and_scan = floor + example_scan.cpu;
        println!(
            "\nStart-up plus the event scan of the example's assessment ({:.1} ms CPU), before any \
             reading into etika's types or checking: {:.1} ms = {:.2}× start-up.",
            ms(example_scan.cpu),
            ms(start_and_scan),
            start_and_scan.as_secs_f64() / floor.as_secs_f64()
        );
    }
    println!("\nTotal: {:.0} s", started.elapsed().as_secs_f64());
}

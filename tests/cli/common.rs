//! A scratch folder with the test checklist, and `etika` run inside it.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub(crate) const MINI: &str = include_str!("../fixtures/mini-checklist.yaml");

/// The mini checklist with obligations, for the rules only they raise:
/// from level III, high-severity gaps block; the health class requires
/// `data.health-consent`. The position fixtures that use it name it `strict.yaml`.
pub(crate) fn strict_mini() -> String {
    let strict = MINI
        .replace(
            "    - {level: III, up_to: 75, title: {en: High, id: Tinggi}}\n",
            "    - {level: III, up_to: 75, title: {en: High, id: Tinggi}, obligations: {blocking: high}}\n",
        )
        .replacen(
            "        when: {item: context.data, includes: health}\n",
            "        when: {item: context.data, includes: health}\n        obligations: {items: [data.health-consent]}\n",
            1,
        );
    assert_eq!(strict.matches("obligations").count(), 2);
    strict
}

pub(crate) struct Env {
    dir: TempDir,
}

impl Env {
    /// An empty folder.
    pub(crate) fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// Marks the folder as the top of a git repository, inside which an
    /// assessment may use a checklist from any folder.
    pub(crate) fn make_repository(&self) {
        self.write(".git/HEAD", "ref: refs/heads/main\n");
    }

    /// A folder with `mini.yaml` (the test checklist) and `a.yaml`, an empty
    /// assessment of it.
    pub(crate) fn mini() -> Env {
        let env = Env::new();
        env.write("mini.yaml", MINI);
        env.init("a.yaml", "mini.yaml", "Loan model");
        env
    }

    /// `etika init -o OUTPUT --checklist CHECKLIST --system SYSTEM`, which must succeed.
    pub(crate) fn init(&self, output: &str, checklist: &str, system: &str) {
        self.etika()
            .args(["init", "-o", output, "--checklist", checklist, "--system", system])
            .assert()
            .success();
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, name: &str, contents: &str) {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, contents).unwrap();
    }

    pub(crate) fn read(&self, name: &str) -> String {
        fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    /// `etika` in this folder, with a fixed language and no user settings.
    pub(crate) fn etika(&self) -> Command {
        Command::from_std(self.process())
    }

    /// [`Env::etika`] as a plain process, to spawn, kill or set up before `exec`.
    pub(crate) fn process(&self) -> std::process::Command {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_etika"));
        hermetic(command.current_dir(self.dir.path()));
        command
    }

    /// Records answers with `etika answer a.yaml ...`, each must succeed.
    pub(crate) fn answer(&self, args: &[&str]) {
        let mut full = vec!["answer", "a.yaml"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["--at", "2026-11-29"]);
        self.etika().args(&full).assert().success();
    }

    /// Signs `a.yaml` off (appended: call it last).
    pub(crate) fn sign(&self) {
        let text = self.read("a.yaml");
        self.write(
            "a.yaml",
            &format!(
                "{text}signoff:\n- {{name: rai-lead, role: Responsible AI lead, date: \"2026-11-29\"}}\n"
            ),
        );
    }

    /// Answers every item of the mini checklist so that nothing is left but
    /// the sign-off (see [`Env::sign`]).
    pub(crate) fn complete_mini(&self) {
        // Evidence names a file that must be there.
        self.write("docs/data-card.md", "# Data card\n");
        self.answer(&["context.people", "decides"]);
        self.answer(&["context.data", "ordinary,health"]);
        self.answer(&["data.card", "yes", "--evidence", "docs/data-card.md"]);
        self.answer(&[
            "data.fairness",
            "partial",
            "--rationale",
            "Only age bands were compared.",
            "--action",
            "Compare outcomes by sex and region",
            "--owner",
            "ml-team",
            "--due",
            "2027-02-01",
        ]);
        self.answer(&[
            "data.health-consent",
            "n/a",
            "--rationale",
            "Health data comes from the applicant's own form.",
        ]);
        self.answer(&["people.explanation", "4"]);
        self.answer(&[
            "people.channel",
            "human-review",
            "--rationale",
            "Appeals go to a credit officer.",
        ]);
        self.answer(&["people.notes", "Model v3, retrained monthly."]);
    }
}

/// Kill tests: saves of `a.yaml` made slow, and what a killed save leaves.
impl Env {
    /// Gives `people.notes` a rationale of about `bytes` bytes, so that each
    /// save of `a.yaml` takes long enough for a kill to land inside it.
    pub(crate) fn make_saves_slow(&self, bytes: usize) {
        self.answer(&["people.notes", "slow", "--rationale", "x"]);
        let text = self.read("a.yaml");
        let slow = text.replace(
            "rationale: x\n",
            &format!("rationale: {}\n", "word ".repeat(bytes / 5).trim_end()),
        );
        assert_ne!(slow, text, "the rationale line was not found");
        self.write("a.yaml", &slow);
    }

    /// `etika answer a.yaml ITEM VALUE --at 2026-11-29`, started and not waited for.
    pub(crate) fn spawn_answer(&self, item: &str, value: &str) -> std::process::Child {
        self.process()
            .args(["answer", "a.yaml", item, value, "--at", "2026-11-29"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    }

    /// Files in the folder other than `expected`: what a save left behind.
    pub(crate) fn strays(&self, expected: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !expected.contains(&name.as_str()))
            .collect();
        names.sort();
        names
    }
}

/// The environment every etika a test runs sees, whatever the machine's:
/// English, no user of its own, no GitHub job to write to.
pub(crate) fn hermetic(command: &mut std::process::Command) -> &mut std::process::Command {
    command
        .env_remove("ETIKA_LANG")
        .env_remove("ETIKA_USER")
        // Who answers, when no --by is given: git's user.name, else the login name.
        // Neither may come from the machine the tests run on.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("USER", "tester")
        .env("LOGNAME", "tester")
        // Tests run in CI too: never append to the job's real summary.
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
}

/// `etika validate FILE --format json --today 2026-11-29 EXTRA...`: the exit
/// code and the first file's findings as JSON.
pub(crate) fn validate_findings(
    env: &Env,
    file: &str,
    extra: &[&str],
) -> (Option<i32>, Vec<serde_json::Value>) {
    let output = env
        .etika()
        .args(["validate", file, "--format", "json", "--today", "2026-11-29"])
        .args(extra)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&output), stderr(&output)));
    let findings = json["files"][0]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (output.status.code(), findings)
}

/// The text of `a.yaml` as it reads from a folder `up` levels below it
/// (`../` before the checklist and evidence paths).
pub(crate) fn moved_down(env: &Env, up: usize) -> String {
    let prefix = "../".repeat(up);
    env.read("a.yaml")
        .replace("path: mini.yaml", &format!("path: {prefix}mini.yaml"))
        .replace("- docs/data-card.md", &format!("- {prefix}docs/data-card.md"))
}

/// `text` as etika wrote it before answers recorded what they were asked.
pub(crate) fn without_fingerprints(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim_start().starts_with("asked:"))
        .fold(String::new(), |out, line| out + line + "\n")
}

/// Output as text, for assertions.
pub(crate) fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

//! `etika completions`, `etika man` and `--version`: what a package ships.

use std::process::Command as Process;

use crate::common::Env;

const COMMANDS: [&str; 10] = [
    "init",
    "assess",
    "answer",
    "validate",
    "report",
    "sign",
    "checklist",
    "schema",
    "completions",
    "man",
];

fn stdout(env: &Env, args: &[&str]) -> String {
    let output = env.etika().args(args).output().unwrap();
    assert!(output.status.success(), "etika {args:?}: {output:?}");
    assert!(output.stderr.is_empty(), "etika {args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Written as it is, so it must hold nothing a CI log would run.
fn assert_no_workflow_command(what: &str, text: &str) {
    assert_eq!(etika::no_workflow_commands(text), text, "{what}");
}

/// How each shell's script offers a command where a command is expected.
fn offers(shell: &str, command: &str) -> String {
    match shell {
        "bash" => format!("etika,{command})"),
        "zsh" => format!("({command})"),
        "fish" => format!("-a \"{command}\""),
        "powershell" => format!("[CompletionResult]::new('{command}', '{command}'"),
        "elvish" => format!("cand {command} "),
        _ => unreachable!(),
    }
}

#[test]
fn completions_for_every_shell_offer_every_command() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&env, &["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {script}");
        for command in COMMANDS {
            assert!(
                script.contains(&offers(shell, command)),
                "{shell} script does not offer `{command}`"
            );
        }
        // Options of a command, not only the command names.
        assert!(script.contains("require-signoff"), "{shell}");
        assert_no_workflow_command(shell, &script);
    }
}

#[test]
fn bash_completion_parses_and_completes() {
    let env = Env::new();
    env.write("etika.bash", &stdout(&env, &["completions", "bash"]));
    let status = Process::new("bash")
        .args(["-n", "etika.bash"])
        .current_dir(env.root())
        .status()
        .unwrap();
    assert!(status.success(), "bash -n etika.bash");
    // What bash passes a completion function: the words so far, the word
    // being completed and the one before it.
    let complete = |words: &str, cword: usize, prev: &str| {
        let script = format!(
            "source ./etika.bash; COMP_WORDS=({words}); COMP_CWORD={cword}; \
             _etika etika \"${{COMP_WORDS[COMP_CWORD]}}\" {prev}; echo \"${{COMPREPLY[*]}}\""
        );
        let output = Process::new("bash")
            .args(["--norc", "--noprofile", "-c", &script])
            .current_dir(env.root())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let commands = complete("etika ''", 1, "etika");
    for command in COMMANDS {
        assert!(
            commands.split_whitespace().any(|w| w == command),
            "{command} in {commands}"
        );
    }
    assert_eq!(
        complete("etika validate --format ''", 3, "--format").trim(),
        "text json github sarif"
    );
    assert!(complete("etika completions ''", 2, "completions").contains("powershell"));
}

#[test]
fn man_page_names_every_command_and_renders() {
    let env = Env::new();
    let page = stdout(&env, &["man"]);
    // clap_mangen puts two lines defining `\*(Aq` (a straight quote) first.
    let title = page
        .lines()
        .find(|line| !line.starts_with(".ie ") && !line.starts_with(".el "))
        .unwrap();
    assert!(title.starts_with(".TH etika 1 "), "{title}");
    assert!(page.contains(".SH SYNOPSIS"));
    for command in COMMANDS {
        // Each command has a page of its own, named here as `etika-init(1)`.
        assert!(
            page.contains(&format!("etika\\-{command}(1)")),
            "{command} in the man page"
        );
        let own = stdout(&env, &["man", command]);
        assert!(
            own.contains(&format!(".TH etika-{command} 1 ")),
            "{command}: {own}"
        );
        assert_no_workflow_command(command, &own);
    }
    // Roff as clap_mangen writes it, `\-` for a minus sign.
    assert!(page.contains("\\-\\-version"));
    assert_no_workflow_command("etika man", &page);
    let lint = stdout(&env, &["man", "checklist", "lint"]);
    assert!(lint.contains(".TH etika-checklist-lint 1 "));
    assert!(lint.contains("sarif"));

    env.write("etika.1", &page);
    let groff = Process::new("groff")
        .args(["-man", "-Tutf8", "-ww", "etika.1"])
        .current_dir(env.root())
        .output();
    match groff {
        Ok(output) => {
            assert!(output.status.success(), "groff: {output:?}");
            // `-ww`: every warning on, and none given.
            assert!(output.stderr.is_empty(), "groff: {output:?}");
            let text = String::from_utf8_lossy(&output.stdout);
            assert!(text.contains("etika-validate(1)"), "{text}");
        }
        // Not every machine has groff; the roff checks above still ran.
        Err(error) => eprintln!("note: groff not run ({error}); the page was only checked as text"),
    }
}

#[test]
fn man_for_an_unknown_command_lists_the_commands() {
    let env = Env::new();
    let output = env.etika().args(["man", "checklist", "nope"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "error: `etika checklist` has no command `nope`; its commands: list, show, lint, new\n"
    );
}

#[test]
fn version_names_the_built_in_checklist_as_its_file_says() {
    let env = Env::new();
    // The checklist as etika's own loader reads it, not as build.rs scans it.
    let checklist: serde_json::Value = serde_json::from_str(&stdout(
        &env,
        &["checklist", "show", "ai-ethics", "--format", "json"],
    ))
    .unwrap();
    let file =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/checklists/ai-ethics.yaml")).unwrap();
    assert!(file.contains(&format!(
        "\nversion: \"{}\"\n",
        checklist["version"].as_str().unwrap()
    )));
    let expected = format!(
        "etika {} (built-in checklist {} {})\n",
        env!("CARGO_PKG_VERSION"),
        checklist["id"].as_str().unwrap(),
        checklist["version"].as_str().unwrap()
    );
    assert_eq!(stdout(&env, &["--version"]), expected);
    assert_eq!(stdout(&env, &["-V"]), expected);
}

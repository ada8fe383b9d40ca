//! Faults a save must survive: a kill at any moment, a full disk, a file or
//! folder it may not write. Each case compares the file byte for byte.

#![cfg(unix)]

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::{Env, MINI, stderr};

/// What a save may leave in the folder of [`Env::mini`]: anything else is a leftover.
const KEPT: [&str; 3] = ["a.yaml", "mini.yaml", ".etika"];
/// The lock file a killed save leaves: never held (the kernel released it),
/// taken over and removed by the next save.
const LOCK: &str = ".a.yaml.lock";

#[allow(unsafe_code)]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// How the kills of the loop below fell.
#[derive(Debug, Default)]
struct Tally {
    /// Saves ended by SIGKILL.
    kills: u32,
    /// Killed before the rename: the file unchanged, the temporary left behind.
    before_rename: u32,
    /// Killed after the rename: the new file, nothing left behind.
    after_rename: u32,
    /// Saves that finished before the kill reached them.
    finished: u32,
}

/// What tells one version of a file from another without reading it.
fn identity(path: &Path) -> Option<(u64, u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    let metadata = fs::metadata(path).ok()?;
    Some((metadata.ino(), metadata.len(), metadata.modified().ok()?))
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_file_or_the_new_one() {
    let env = Env::mini();
    // About 100 kB: each save parses, writes and flushes for a few milliseconds.
    env.make_saves_slow(100_000);
    // The only two texts the file may ever hold: each save turns one into the other.
    let values = ["first", "second"];
    let texts = values.map(|value| {
        env.answer(&["people.notes", value]);
        env.read("a.yaml")
    });
    env.answer(&["people.notes", values[0]]);
    assert_eq!(env.read("a.yaml"), texts[0], "saves are not reproducible");
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut now = 0;
    let mut round: u64 = 0;
    while tally.kills < 200 {
        assert!(round < 800, "too few saves could be killed: {tally:?}");
        let next = 1 - now;
        // 0 to 3 ms after the save begins, in steps of 0.25 ms.
        let delay = Duration::from_micros(250 * (round % 13));
        round += 1;
        let file_before = identity(&env.path("a.yaml"));
        let mut child = env.spawn_answer("people.notes", values[next]);
        let own = format!("-{}-", child.id());
        while child.try_wait().unwrap().is_none() {
            // The save has begun: its temporary is there, or (were it to write
            // in place) the file itself changes.
            if env.strays(&KEPT).iter().any(|name| name.contains(&own))
                || identity(&env.path("a.yaml")) != file_before
            {
                std::thread::sleep(delay);
                let _ = child.kill();
                break;
            }
            // Leave the CPU to the save (CI machines may have two cores).
            std::thread::sleep(Duration::from_micros(20));
        }
        let status = child.wait().unwrap();
        let text = env.read("a.yaml");
        if let Ok(lock) = std::fs::File::open(env.path(LOCK)) {
            assert!(lock.try_lock().is_ok(), "a dead save's lock is still held");
        }
        let strays: Vec<String> = env.strays(&KEPT).into_iter().filter(|s| s != LOCK).collect();
        let what = format!("round {round}, {delay:?} after the save began, {status}");
        if status.signal() == Some(libc::SIGKILL) {
            tally.kills += 1;
            if text == texts[now] {
                tally.before_rename += 1;
                // Only this save's temporary: the one the previous kill left was removed.
                assert!(
                    strays.len() == 1 && strays[0].contains(&own) && strays[0].starts_with(".a.yaml~etika-"),
                    "{what}: {strays:?}"
                );
                continue;
            }
            tally.after_rename += 1;
        } else {
            assert!(status.success(), "{what}");
            tally.finished += 1;
        }
        assert!(
            text == texts[next],
            "{what}: the file is neither the old text nor the new one ({} bytes, expected {} or {})",
            text.len(),
            texts[now].len(),
            texts[next].len()
        );
        assert_eq!(strays, Vec::<String>::new(), "{what}");
        now = next;
    }
    eprintln!("kill loop: {round} saves in {:.1?}: {tally:?}", started.elapsed());
    assert!(
        tally.before_rename > 0,
        "no kill landed inside a save; the test proves nothing: {tally:?}"
    );
    // The next save cleans up after the last kill and writes the new text.
    env.answer(&["people.notes", values[1 - now]]);
    assert_eq!(env.read("a.yaml"), texts[1 - now]);
    assert_eq!(env.strays(&KEPT), Vec::<String>::new());
    // Both texts are whole assessments (findings, exit 1, not unreadable, exit 2).
    for text in texts {
        env.write("a.yaml", &text);
        env.etika()
            .args(["validate", "a.yaml", "--today", "2026-11-29"])
            .assert()
            .code(1);
    }
}

/// A tmpfs mounted on a folder, unmounted when dropped, also when the test fails.
struct Mounted(PathBuf);

impl Mounted {
    /// Mounts a tmpfs of `size` (as `mount -o size=` takes it) on `at`, or says why not.
    fn tmpfs(at: &Path, size: &str) -> Result<Mounted, String> {
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .map_err(|error| format!("cannot run mount: {error}"))?;
        if output.status.success() {
            Ok(Mounted(at.to_path_buf()))
        } else {
            Err(stderr(&output))
        }
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let unmounted = Command::new("umount")
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        if !unmounted {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

/// `etika answer a.yaml people.notes VALUE` with a value of `bytes` bytes,
/// `setup` applied to the process first.
fn answer_large(env: &Env, bytes: usize, setup: impl FnOnce(&mut Command)) -> Output {
    let mut command = env.process();
    command.args([
        "answer",
        "a.yaml",
        "people.notes",
        &"x".repeat(bytes),
        "--at",
        "2026-11-29",
    ]);
    setup(&mut command);
    command.output().unwrap()
}

/// A save that cannot write its bytes fails with `error` named, leaves
/// `a.yaml` as it was, and leaves no temporary file.
fn assert_failed_save(env: &Env, output: &Output, before: &[u8], error: &str, kept: &[&str]) {
    assert_eq!(output.status.code(), Some(2), "{}", stderr(output));
    assert_eq!(
        stderr(output),
        format!(
            "error: cannot write a.yaml: {error}; a.yaml was left unchanged: free some space (or raise the limit) and run the command again\n"
        )
    );
    assert!(fs::read(env.path("a.yaml")).unwrap() == before, "a.yaml changed");
    assert_eq!(env.strays(kept), Vec::<String>::new());
}

#[test]
fn a_save_that_runs_out_of_space_fails_and_leaves_the_file_alone() {
    a_full_disk();
    a_file_size_limit();
}

/// A real full disk: a 64 KiB tmpfs (root may mount one; CI runs as root).
fn a_full_disk() {
    let env = Env::new();
    let disk = match Mounted::tmpfs(env.root(), "64k") {
        Ok(disk) => disk,
        Err(why) => {
            // Not root, or a container without CAP_SYS_ADMIN: the file size
            // limit below fails the same writes, with EFBIG instead of ENOSPC.
            eprintln!(
                "SKIPPED the full-disk case (cannot mount a tmpfs: {})",
                why.trim()
            );
            return;
        }
    };
    env.write("mini.yaml", MINI);
    env.init("a.yaml", "mini.yaml", "Loan model");
    // Fill the disk, then free 8 KiB: enough to start a save, not to finish one.
    let mut filler = fs::File::create(env.path("filler")).unwrap();
    let mut written: u64 = 0;
    while filler.write_all(&[0; 4096]).is_ok() {
        written += 4096;
    }
    filler.set_len(written - 8192).unwrap();
    drop(filler);
    let before = fs::read(env.path("a.yaml")).unwrap();
    let kept = ["a.yaml", "mini.yaml", ".etika", "filler"];
    let output = answer_large(&env, 20_000, |_| ());
    assert_failed_save(
        &env,
        &output,
        &before,
        "No space left on device (os error 28)",
        &kept,
    );
    // With room again, the same save succeeds: the disk was the only reason.
    fs::remove_file(env.path("filler")).unwrap();
    assert!(answer_large(&env, 20_000, |_| ()).status.success());
    assert!(env.read("a.yaml").contains(&"x".repeat(20_000)));
    drop(disk);
}

/// Writes beyond a file size limit fail (EFBIG), as root or not, on any disk.
#[allow(unsafe_code)]
fn a_file_size_limit() {
    let env = Env::mini();
    let before = fs::read(env.path("a.yaml")).unwrap();
    let output = answer_large(&env, 20_000, |command| {
        // SAFETY: the closure runs in the child between fork and exec and calls
        // only signal and setrlimit, which are async-signal-safe.
        unsafe {
            command.pre_exec(|| {
                // Otherwise the write past the limit kills the process instead of failing.
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let limit = libc::rlimit {
                    rlim_cur: 16 * 1024,
                    rlim_max: 16 * 1024,
                };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &raw const limit) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
    });
    assert_failed_save(&env, &output, &before, "File too large (os error 27)", &KEPT);
}

/// The command runs as `nobody` when the tests run as root (root may write
/// anything, whatever the mode says); as anyone else, it runs as they are.
#[allow(unsafe_code)]
fn as_a_user(command: &mut Command) -> &mut Command {
    if is_root() {
        // SAFETY: the closure runs in the child between fork and exec and calls
        // only setgroups, setgid and setuid, which are async-signal-safe.
        unsafe {
            command.pre_exec(|| {
                if libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(65534) != 0
                    || libc::setuid(65534) != 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    command
}

/// `etika ARGS` as [`as_a_user`] runs it.
fn run_as_a_user(env: &Env, args: &[&str]) -> Output {
    let mut command = env.process();
    command.args(args);
    as_a_user(&mut command).output().unwrap_or_else(|error| {
        panic!(
            "cannot run {} as nobody (every folder above it must be open to others): {error}",
            env!("CARGO_BIN_EXE_etika")
        )
    })
}

/// Gives `path` to the user [`as_a_user`] runs as.
fn give_to_the_user(path: &Path) {
    if is_root() {
        std::os::unix::fs::chown(path, Some(65534), Some(65534)).unwrap();
    }
}

/// A folder made read-only (0555), writable again when dropped, also when
/// the test fails: else its temporary folder could not be removed.
struct ReadOnly(PathBuf);

impl ReadOnly {
    fn folder(path: &Path) -> ReadOnly {
        fs::set_permissions(path, fs::Permissions::from_mode(0o555)).unwrap();
        ReadOnly(path.to_path_buf())
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_read_only_folder_is_refused_and_left_alone() {
    let env = Env::mini();
    env.make_repository();
    give_to_the_user(&env.path("a.yaml"));
    let before = fs::read(env.path("a.yaml")).unwrap();
    let kept = ["a.yaml", "mini.yaml", ".etika", ".git"];
    let read_only = ReadOnly::folder(env.root());
    // The file itself is writable: only the folder, where the new file must go, is not.
    let output = run_as_a_user(&env, &["answer", "a.yaml", "people.notes", "x"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: cannot write a.yaml: cannot create a file in .: Permission denied (os error 13); \
         a.yaml was left unchanged: etika saves by writing a new file in the folder, so make the \
         folder . writable (`chmod u+w .`) and run the command again\n"
    );
    let output = run_as_a_user(&env, &["report", "a.yaml", "-o", "r.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(
            "error: cannot write the report: cannot write r.md: cannot create a file in .: Permission denied"
        ),
        "{}",
        stderr(&output)
    );
    // Missing folders are created, unless their parent cannot hold them.
    let cases: [&[&str]; 2] = [
        &["init", "-o", "missing/dir/b.yaml", "--checklist", "mini.yaml"],
        &["report", "a.yaml", "-o", "missing/x.md"],
    ];
    for args in cases {
        let output = run_as_a_user(&env, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.starts_with("error: "), "{args:?}: {message}");
        assert!(
            message.contains(&format!(
                "cannot write {}: cannot create the folder missing",
                args.iter().find(|a| a.starts_with("missing/")).unwrap()
            )) && message.ends_with(
                "Permission denied (os error 13); nothing was written: you may not create it there; \
                 create it yourself or write elsewhere\n"
            ),
            "{args:?}: {message}"
        );
    }
    assert!(fs::read(env.path("a.yaml")).unwrap() == before, "a.yaml changed");
    assert_eq!(env.strays(&kept), Vec::<String>::new());
    // Writable again, the same commands succeed: the folder was the only reason.
    drop(read_only);
    for args in cases {
        let output = env.etika().args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    }
    assert!(env.path("missing/dir/b.yaml").is_file() && env.path("missing/x.md").is_file());
}

#[test]
fn a_file_of_someone_else_is_refused_and_left_alone() {
    if !is_root() {
        // Only root can make a file that belongs to someone else.
        eprintln!("SKIPPED: needs root to give a file to another user");
        return;
    }
    let env = Env::mini();
    give_to_the_user(env.root());
    let before = fs::read(env.path("a.yaml")).unwrap();
    // root's file, readable by all: nobody may read it but not replace it,
    // though nobody owns the folder and so could rename a new file over it.
    let output = run_as_a_user(&env, &["answer", "a.yaml", "people.notes", "x"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: a.yaml belongs to another user and is not writable by you, so etika left it unchanged\n"
    );
    assert!(fs::read(env.path("a.yaml")).unwrap() == before, "a.yaml changed");
    assert_eq!(env.strays(&KEPT), Vec::<String>::new());
}

#[test]
fn a_file_in_the_way_of_a_folder_is_named() {
    let env = Env::mini();
    for args in [
        &["report", "a.yaml", "-o", "mini.yaml/x.md"][..],
        &["report", "a.yaml", "-o", "mini.yaml/deeper/x.md"][..],
    ] {
        let output = env.etika().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&output),
            format!(
                "error: cannot write the report: cannot write {}: mini.yaml is a file, not a folder\n",
                args[3]
            )
        );
    }
    assert_eq!(env.read("mini.yaml"), MINI);
}

/// A lock file another user left behind (mode 0644, so not writable here)
/// still locks: saves open it read-only rather than go on unlocked, and
/// four writers at once lose nothing.
#[test]
fn a_lock_file_of_another_user_still_locks() {
    if !is_root() {
        eprintln!("SKIPPED: needs root to leave a lock file of another user");
        return;
    }
    let env = Env::mini();
    for path in [env.root().to_path_buf(), env.path("a.yaml"), env.path(".etika")] {
        give_to_the_user(&path);
    }
    // root's leftover lock file: readable by nobody, not writable.
    fs::write(env.path(LOCK), "1 etika answer\n").unwrap();
    fs::set_permissions(env.path(LOCK), fs::Permissions::from_mode(0o644)).unwrap();
    let items = [
        "people.notes",
        "data.card",
        "people.explanation",
        "context.people",
    ];
    let values = ["notes", "yes", "4", "decides"];
    let mut lost = Vec::new();
    for round in 0..25 {
        let children: Vec<_> = items
            .iter()
            .zip(values)
            .map(|(item, value)| {
                let mut command = env.process();
                command
                    .args(["answer", "a.yaml", item, value, "--rationale"])
                    .arg(format!("{item} round {round}"))
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped());
                as_a_user(&mut command).spawn().unwrap()
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "round {round}: {}", stderr(&output));
        }
        let saved = env.read("a.yaml");
        for item in items {
            if !saved.contains(&format!("rationale: {item} round {round}\n")) {
                lost.push(format!("round {round}: {item}"));
            }
        }
    }
    assert_eq!(lost, Vec::<String>::new(), "answers lost");
}

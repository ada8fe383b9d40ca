//! The lock every save of an assessment takes: `.NAME.lock` beside the file.
//!
//! The lock itself is the operating system's lock on that file, so a process
//! that dies (killed, a closed terminal) never leaves it held: the kernel
//! releases it, and the next save takes it over. That is the stale-lock
//! rule, with no clock to guess by. The file names its holder (pid and
//! command) for the message others see while they wait, and is removed when
//! the save is done; a save that finds the file gone or replaced after
//! locking it tries again, so two savers never hold two different locks.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::fsutil::{folder_of, same_inode};

/// The longest file name kept whole in the lock's name (names reach 255 bytes).
const ROOM: usize = 200;

/// How long a save waits for another one before giving up; saves take
/// milliseconds, and nobody holds the lock while a person types.
const DEFAULT_WAIT: Duration = Duration::from_secs(10);

pub(crate) struct Lock {
    path: PathBuf,
    _file: File,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held: whoever locks it next sees it is gone and starts anew.
        let _ = fs::remove_file(&self.path);
    }
}

/// The lock file for the assessment at `assessment` (links resolved, so a
/// link and its target share one lock).
pub(crate) fn lock_path(assessment: &Path) -> PathBuf {
    let real = fs::canonicalize(assessment).unwrap_or_else(|_| assessment.to_path_buf());
    let name = real
        .file_name()
        .map_or_else(|| "assessment".into(), |n| n.to_string_lossy().into_owned());
    // A file name may be as long as the system allows; the lock's must fit too.
    let lock = if name.len() <= ROOM {
        format!(".{name}.lock")
    } else {
        let mut end = ROOM;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        format!(
            ".{}~{:016x}.lock",
            &name[..end],
            crate::fsutil::fnv1a(name.as_bytes())
        )
    };
    folder_of(&real).join(lock)
}

/// Takes the lock for saving `assessment`, waiting while another save holds
/// it. `Ok(None)`: the folder cannot hold a lock file (read-only); the
/// save itself will then fail with its own clear message.
pub(crate) fn acquire(assessment: &Path) -> Result<Option<Lock>> {
    let wait = std::env::var("ETIKA_LOCK_WAIT")
        .ok()
        .and_then(|s| Duration::try_from_secs_f64(s.trim().parse::<f64>().ok()?).ok())
        .unwrap_or(DEFAULT_WAIT);
    let command = std::env::args()
        .nth(1)
        .map_or_else(|| "etika".to_string(), |sub| format!("etika {sub}"));
    acquire_waiting(assessment, &command, wait)
}

fn acquire_waiting(assessment: &Path, command: &str, wait: Duration) -> Result<Option<Lock>> {
    let path = lock_path(assessment);
    let started = Instant::now();
    loop {
        let mut file = match open(&path) {
            Ok(file) => file,
            Err(error) if cannot_create_here(&error) && fs::symlink_metadata(&path).is_err() => {
                return Ok(None);
            }
            Err(error) if error.raw_os_error() == Some(libc::ELOOP) => {
                return Err(Error::File(format!(
                    "{} is a link, not etika's lock file; nothing was written: remove it and save again",
                    path.display()
                )));
            }
            Err(error) => {
                return Err(Error::File(format!(
                    "cannot open the lock file {}: {error}; nothing was written",
                    path.display()
                )));
            }
        };
        match file.try_lock() {
            // Removed or replaced between open and lock: whoever did holds the real one.
            Ok(()) if !same_inode(&path, &file) => {}
            Ok(()) => {
                // Best effort: a lock file of another user's is only readable.
                let _ = file.set_len(0);
                let _ = writeln!(file, "{} {command}", std::process::id());
                return Ok(Some(Lock { path, _file: file }));
            }
            Err(std::fs::TryLockError::WouldBlock) => {}
            // Saving unlocked could lose an answer to a writer at the same moment.
            Err(std::fs::TryLockError::Error(error)) => {
                return Err(Error::File(format!(
                    "cannot lock {} ({error}): this file system does not lock files, so saving could \
                     lose someone else's answer; nothing was written (keep the assessment on a local disk)",
                    path.display()
                )));
            }
        }
        if started.elapsed() >= wait {
            return Err(held(&path, &mut file, assessment, started.elapsed()));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Opens (creating) the lock file, never through a link. Another user's
/// lock file is opened read-only: the operating system's lock holds on a
/// read-only descriptor just as well.
fn open(path: &Path) -> std::io::Result<File> {
    let mut read_write = OpenOptions::new();
    read_write.read(true).write(true).create(true).truncate(false);
    let mut read_only = OpenOptions::new();
    read_only.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        read_write.custom_flags(libc::O_NOFOLLOW).mode(0o666);
        read_only.custom_flags(libc::O_NOFOLLOW);
    }
    match read_write.open(path) {
        Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => {
            read_only.open(path).map_err(|_| error)
        }
        other => other,
    }
}

fn cannot_create_here(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        error.kind(),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
    )
}

fn held(path: &Path, file: &mut File, assessment: &Path, waited: Duration) -> Error {
    let mut holder = String::new();
    let _ = file.take(200).read_to_string(&mut holder);
    let holder = holder.trim();
    let who = match holder.split_once(' ') {
        Some((pid, command)) if pid.parse::<u32>().is_ok() => {
            format!("pid {pid} (`{}`)", crate::text::escape_controls(command))
        }
        _ => "another process".to_string(),
    };
    Error::File(format!(
        "{} is being saved by {who}, which holds {}; etika waited {} s and wrote nothing: \
         run the command again once it has finished (a process that ends releases the lock by itself)",
        assessment.display(),
        path.display(),
        waited.as_secs()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_names_its_holder_and_a_released_one_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        fs::write(&file, "x").unwrap();
        let first = acquire_waiting(&file, "etika answer", DEFAULT_WAIT)
            .unwrap()
            .unwrap();
        assert_eq!(
            fs::read_to_string(lock_path(&file)).unwrap(),
            format!("{} etika answer\n", std::process::id())
        );
        // A second open file description: the lock is held per description.
        let error = acquire_waiting(&file, "etika assess", Duration::from_millis(50))
            .err()
            .expect("the lock is held");
        let message = error.to_string();
        assert!(
            message.contains(&format!("pid {} (`etika answer`)", std::process::id())),
            "{message}"
        );
        drop(first);
        assert!(
            !lock_path(&file).exists(),
            "the lock file is removed after the save"
        );
        assert!(
            acquire_waiting(&file, "etika assess", DEFAULT_WAIT)
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn a_lock_file_left_by_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        fs::write(&file, "x").unwrap();
        fs::write(lock_path(&file), "999999 etika answer\n").unwrap();
        let lock = acquire_waiting(&file, "etika answer", Duration::ZERO).unwrap();
        assert!(lock.is_some());
    }
    #[cfg(unix)]
    #[test]
    fn a_link_at_the_locks_path_is_no_endless_loop() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        fs::write(&file, "x").unwrap();
        fs::write(dir.path().join("other"), "precious").unwrap();
        std::os::unix::fs::symlink("other", lock_path(&file)).unwrap();
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let result = acquire_waiting(&file, "etika answer", Duration::from_millis(200));
            let _ = send.send(result.map(|lock| lock.is_some()).map_err(|e| e.to_string()));
        });
        let ended = receive.recv_timeout(Duration::from_secs(5));
        assert!(ended.is_ok(), "acquire still loops after 5 s with a 0.2 s wait");
    }

    #[test]
    fn a_link_at_the_locks_path_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        fs::write(&file, "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), lock_path(&file)).unwrap();
        let error = acquire_waiting(&file, "etika answer", DEFAULT_WAIT)
            .err()
            .expect("refused");
        assert!(error.to_string().contains("is a link"), "{error}");
        assert!(
            !dir.path().join("elsewhere").exists(),
            "nothing created through the link"
        );
    }

    #[test]
    fn another_users_read_only_lock_file_still_locks() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        fs::write(&file, "x").unwrap();
        let held = acquire_waiting(&file, "etika answer", DEFAULT_WAIT)
            .unwrap()
            .unwrap();
        // A read-only descriptor of the same file conflicts with the holder's lock.
        let other = OpenOptions::new().read(true).open(lock_path(&file)).unwrap();
        assert!(other.try_lock().is_err());
        drop(held);
    }
}

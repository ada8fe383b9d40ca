//! A closed terminal (SIGHUP) saves like Ctrl-C. The walk keeps the answer
//! being given, with the follow-ups typed so far, in a `Rescue`; on SIGHUP a
//! watcher thread saves it and ends the process. The prompt itself cannot be
//! relied on to return: after a hangup the terminal library sees end of
//! input on every read and would loop.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::assessment::Answer;
use crate::checklist::Checklist;
use crate::store::{self, OnConflict, Stored};

static HUNG_UP: AtomicBool = AtomicBool::new(false);

/// The answer in progress: saved as it stands if the terminal goes away.
#[derive(Default)]
pub(crate) struct Rescue {
    pending: Mutex<Option<(Stored, String, Answer)>>,
}

impl Rescue {
    pub(crate) fn keep(&self, stored: &Stored, item: &str, answer: Answer) {
        if let Ok(mut pending) = self.pending.lock() {
            *pending = Some((stored.clone(), item.to_string(), answer));
        }
    }

    pub(crate) fn clear(&self) {
        if let Ok(mut pending) = self.pending.lock() {
            *pending = None;
        }
    }

    fn take(&self) -> Option<(Stored, String, Answer)> {
        self.pending.lock().ok()?.take()
    }
}

extern "C" fn on_hangup(_: libc::c_int) {
    // Only an atomic store: nothing else is safe in a signal handler.
    HUNG_UP.store(true, Ordering::SeqCst);
}

/// Runs `walk` with the terminal watched: on SIGHUP the rescued answer is
/// saved and the process exits with 129 (128 + SIGHUP).
pub(crate) fn watched<T>(checklist: &Checklist, path: &Path, rescue: &Rescue, walk: impl FnOnce() -> T) -> T {
    install();
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::SeqCst) {
                if HUNG_UP.load(Ordering::SeqCst) {
                    if let Some((stored, item, answer)) = rescue.take() {
                        // Nobody is left to ask: a conflicting answer on disk stands.
                        let _ =
                            store::save_answer(path, checklist, &stored, &item, answer, OnConflict::Refuse);
                    }
                    std::process::exit(129);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let result = walk();
        done.store(true, Ordering::SeqCst);
        result
    })
}

#[allow(unsafe_code)]
fn install() {
    #[cfg(unix)]
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_hangup as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::sigemptyset(&raw mut action.sa_mask);
        libc::sigaction(libc::SIGHUP, &raw const action, std::ptr::null_mut());
    }
}

//! Who gives an answer: `--by`, else `$ETIKA_USER`, else git's `user.name`
//! for the assessment's repository, else the login name. An answer always
//! says who gave it, so a reviewer knows whom to ask.

use std::path::Path;

pub(crate) fn answerer(given: Option<&str>, assessment_file: &Path) -> Option<String> {
    let named = |name: Option<String>| name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    named(given.map(str::to_string))
        .or_else(|| named(std::env::var("ETIKA_USER").ok()))
        .or_else(|| named(git_user_name(assessment_file)))
        .or_else(|| named(login_name()))
}

fn git_user_name(assessment_file: &Path) -> Option<String> {
    let output = crate::watch::git(&crate::confine::assessment_folder(assessment_file))
        .args(["config", "--get", "user.name"])
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

fn login_name() -> Option<String> {
    for variable in ["USER", "LOGNAME", "USERNAME"] {
        if let Ok(name) = std::env::var(variable)
            && !name.trim().is_empty()
        {
            return Some(name);
        }
    }
    account_name()
}

/// The account's name from the password database, for a shell with no `$USER`.
#[cfg(unix)]
#[allow(unsafe_code)]
fn account_name() -> Option<String> {
    // SAFETY: getpwuid returns a pointer into static storage or null; the
    // name is copied out at once, and etika reads it from one thread.
    unsafe {
        let entry = libc::getpwuid(libc::getuid());
        if entry.is_null() || (*entry).pw_name.is_null() {
            return None;
        }
        Some(
            std::ffi::CStr::from_ptr((*entry).pw_name)
                .to_string_lossy()
                .into_owned(),
        )
    }
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

//! Reading and writing files without collateral damage.
//!
//! Reads take regular files only, up to [`MAX_FILE_BYTES`], so a path to
//! `/dev/zero`, a FIFO or a huge file fails at once instead of hanging or
//! filling memory. Saves are atomic: a reader (or a crash) sees the old file
//! or the new one, never half of one; the new file keeps the old one's mode
//! and owner from its first byte, a link stays a link, and a device or FIFO
//! is never replaced by a regular file.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Context, Error, Result, input_error, refuse};

/// The largest file etika reads: far above a 20,000-item bilingual checklist
/// (about 15 MiB of YAML), far below what would strain memory.
pub(crate) const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The folder a file is in; `.` for a bare file name.
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// What a path is, in the words of an error message.
fn kind_of(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Opens `path` for reading without waiting: opening a FIFO for reading
/// would otherwise block until some writer appears.
fn open_for_reading(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// Reads a regular UTF-8 file of at most [`MAX_FILE_BYTES`]. Errors name the
/// file and never quote its content.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    read_text_as(path, &path.display().to_string())
}

/// [`read_text`], naming the file `shown` in errors (e.g. "checklist x.yaml").
pub(crate) fn read_text_as(path: &Path, shown: &str) -> Result<String> {
    let shown = crate::text::escape_controls(shown);
    // Look before opening: opening some devices has effects of its own.
    if let Ok(metadata) = fs::metadata(path)
        && !metadata.is_file()
    {
        refuse!(
            "cannot read {shown}: it is {}; etika reads regular files only",
            kind_of(metadata.file_type())
        );
    }
    let file = open_for_reading(path).with_context(|| format!("cannot read {shown}"))?;
    let metadata = file.metadata().with_context(|| format!("cannot read {shown}"))?;
    if !metadata.is_file() {
        refuse!(
            "cannot read {shown}: it is {}; etika reads regular files only",
            kind_of(metadata.file_type())
        );
    }
    let too_large = || {
        input_error!(
            "cannot read {shown}: it is larger than {} MiB, the most etika reads",
            MAX_FILE_BYTES / (1024 * 1024)
        )
    };
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    // Files under /proc say they are empty and are not; the cap holds anyway.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {shown}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|error| {
        input_error!(
            "cannot read {shown}: it is not UTF-8 text (byte {} is not valid)",
            error.utf8_error().valid_up_to() + 1
        )
    })
}

/// Whether two paths name the same file (through links and hard links).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(a), Ok(b)) => {
            use std::os::unix::fs::MetadataExt;
            (a.dev(), a.ino()) == (b.dev(), b.ino())
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        },
        _ => false,
    }
}

/// How a save treats a file that is already there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Existing {
    /// Replace it (keeping its mode and owner).
    Replace,
    /// Refuse: the file must not exist yet, even if it appears while we write.
    Refuse,
}

/// Saves `contents` at `path` atomically. The path must be a regular file or
/// not exist; a link is followed and stays a link.
pub(crate) fn write_atomic(path: &Path, contents: &[u8], existing: Existing) -> Result<()> {
    let target = resolve_link(path)?;
    let current = match fs::metadata(&target) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) if error.kind() == std::io::ErrorKind::NotADirectory => {
            let file = target
                .ancestors()
                .skip(1)
                .find(|a| fs::metadata(a).is_ok_and(|m| !m.is_dir()))
                .unwrap_or(&target);
            refuse!(
                "cannot write {}: {} is a file, not a folder",
                path.display(),
                file.display()
            );
        }
        Err(error) => return Err(error).with_context(|| format!("cannot write {}", path.display())),
    };
    if let Some(metadata) = &current {
        if existing == Existing::Refuse {
            refuse!("{} already exists", path.display());
        }
        if !metadata.is_file() {
            refuse!(
                "cannot write {}: it is {}; etika saves to regular files only",
                path.display(),
                kind_of(metadata.file_type())
            );
        }
        if is_read_only(&target, metadata) {
            if owned_by_someone_else(metadata) {
                refuse!(
                    "{} belongs to another user and is not writable by you, so etika left it unchanged",
                    path.display()
                );
            }
            refuse!(
                "{} is read-only, so etika left it unchanged; to let etika save it, make it writable (`chmod u+w {}`)",
                path.display(),
                path.display()
            );
        }
    }
    let folder = folder_of(&target);
    let name = target
        .file_name()
        .ok_or_else(|| input_error!("{} is not a file path", path.display()))?
        .to_os_string();
    let unchanged = if current.is_some() {
        format!("{} was left unchanged", path.display())
    } else {
        "nothing was written".to_string()
    };
    fs::create_dir_all(&folder).map_err(|error| {
        Error::File(format!(
            "cannot write {}: cannot create the folder {}: {error}; nothing was written{}",
            path.display(),
            folder.display(),
            if error.kind() == std::io::ErrorKind::PermissionDenied {
                ": you may not create it there; create it yourself or write elsewhere".to_string()
            } else {
                advice(&error, &folder)
            }
        ))
    })?;
    let temp = TempName::new(&name);
    temp.remove_stale(&folder);
    // Private until it has the old file's mode; a new file gets the usual one.
    let mode = if current.is_some() { 0o600 } else { 0o666 };
    let (temp_path, mut file) = temp.create(&folder, mode).map_err(|error| {
        Error::File(format!(
            "cannot write {}: cannot create a file in {}: {error}; {unchanged}{}",
            path.display(),
            folder.display(),
            advice(&error, &folder)
        ))
    })?;
    let result = (|| -> std::io::Result<()> {
        if let Some(metadata) = &current {
            // Mode and owner first, so no byte is ever readable by more people than before.
            let group_kept = keep_owner(&file, metadata);
            file.set_permissions(permissions_for(metadata, group_kept))?;
        }
        file.write_all(contents)?;
        file.sync_all()?;
        match existing {
            Existing::Replace => fs::rename(&temp_path, &target)?,
            // A hard link fails when the name exists: create-if-absent, atomically.
            Existing::Refuse => match fs::hard_link(&temp_path, &target) {
                Ok(()) => fs::remove_file(&temp_path)?,
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => return Err(error),
                // File systems without hard links: check, then rename (a narrow race).
                Err(_) if target.exists() => return Err(std::io::ErrorKind::AlreadyExists.into()),
                Err(_) => fs::rename(&temp_path, &target)?,
            },
        }
        // The rename itself lives in the folder; flush it too where the OS allows.
        if let Ok(dir) = File::open(&folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    drop(file);
    if let Err(error) = result {
        let _ = fs::remove_file(&temp_path);
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            refuse!("{} already exists", path.display());
        }
        return Err(Error::File(format!(
            "cannot write {}: {error}; {unchanged}{}",
            path.display(),
            advice(&error, &folder)
        )));
    }
    Ok(())
}

/// What the user can do about a failed save, as the end of its message.
fn advice(error: &std::io::Error, folder: &Path) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            ": free some space (or raise the limit) and run the command again".to_string()
        }
        // A save writes a new file beside the old one and renames it over: it needs the folder.
        ErrorKind::PermissionDenied => format!(
            ": etika saves by writing a new file in the folder, so make the folder {} writable (`chmod u+w {}`) and run the command again",
            folder.display(),
            folder.display()
        ),
        ErrorKind::ReadOnlyFilesystem => format!(": {} is on a read-only file system", folder.display()),
        _ => String::new(),
    }
}

/// Writes an output file (a report): into a device, FIFO or terminal as
/// they are, like a shell redirection; a regular file is saved atomically.
pub(crate) fn write_output(path: &Path, contents: &[u8]) -> Result<()> {
    match fs::metadata(path) {
        Ok(metadata) if !metadata.is_file() && !metadata.is_dir() => {
            let mut file = OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            file.write_all(contents)
                .and_then(|()| file.flush())
                .with_context(|| format!("cannot write {}", path.display()))
        }
        _ => write_atomic(path, contents, Existing::Replace),
    }
}

/// The file a save must replace: `path` itself, or the file its link chain
/// ends at (so the link survives the save).
fn resolve_link(path: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => fs::canonicalize(path).with_context(|| {
            format!(
                "cannot write {}: it is a link to {}, which does not exist",
                path.display(),
                fs::read_link(path).map_or_else(|_| "?".to_string(), |t| t.display().to_string())
            )
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// A file nobody may write: replacing it would silently undo that choice.
#[allow(unsafe_code)]
fn is_read_only(path: &Path, metadata: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::PermissionsExt;
        // root may write anything; a file without any write bit is still read-only by intent.
        // SAFETY: geteuid has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } == 0 {
            return metadata.permissions().mode() & 0o222 == 0;
        }
        let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            return metadata.permissions().readonly();
        };
        // SAFETY: `c_path` is a valid NUL-terminated string for the duration of the call.
        unsafe { libc::access(c_path.as_ptr(), libc::W_OK) != 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        metadata.permissions().readonly()
    }
}

/// Whether the file belongs to a user other than the one running etika (root owns everything).
#[allow(unsafe_code)]
fn owned_by_someone_else(metadata: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        me != 0 && metadata.uid() != me
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        false
    }
}

/// Gives the new file the old one's owner and group. Only root may give a
/// file to another user; others keep at least the group where they can.
/// Returns whether the group is the old one.
fn keep_owner(file: &File, metadata: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (uid, gid) = (metadata.uid(), metadata.gid());
        std::os::unix::fs::fchown(file, Some(uid), Some(gid)).is_ok()
            || std::os::unix::fs::fchown(file, None, Some(gid)).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = (file, metadata);
        true
    }
}

/// The old file's mode, less the group's rights when the new file could not
/// keep the old group: they would go to another group.
fn permissions_for(metadata: &fs::Metadata, group_kept: bool) -> fs::Permissions {
    #[cfg(unix)]
    if !group_kept {
        use std::os::unix::fs::PermissionsExt;
        return fs::Permissions::from_mode(metadata.permissions().mode() & !0o070);
    }
    let _ = group_kept;
    metadata.permissions()
}

/// Names of etika's temporary files for one target: short enough for any
/// valid file name, and recognisable so a later save can remove those that a
/// killed process left behind.
struct TempName {
    /// `.{start of the name}~etika-{hash of the whole name}-`
    prefix: String,
}

/// Bytes of the target's name kept in the temporary name, for people who see
/// one; the hash tells targets apart.
const NAME_HINT_BYTES: usize = 64;

impl TempName {
    fn new(name: &std::ffi::OsStr) -> TempName {
        let name = name.to_string_lossy();
        let mut end = name.len().min(NAME_HINT_BYTES);
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        TempName {
            prefix: format!(".{}~etika-{:016x}-", &name[..end], fnv1a(name.as_bytes())),
        }
    }

    /// Creates a new temporary file, locked for as long as this process
    /// holds it open: the lock tells a live save from a dead one.
    fn create(&self, folder: &Path, mode: u32) -> std::io::Result<(PathBuf, File)> {
        let pid = std::process::id();
        let mut attempt = 0u32;
        loop {
            let path = folder.join(format!("{}{pid}-{attempt}.tmp", self.prefix));
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(mode);
            }
            #[cfg(not(unix))]
            let _ = mode;
            match options.open(&path) {
                Ok(file) => {
                    if let Err(error) = file.lock() {
                        let _ = fs::remove_file(&path);
                        return Err(error);
                    }
                    // A cleaner may have taken it between creation and lock; then try anew.
                    if same_inode(&path, &file) {
                        return Ok((path, file));
                    }
                    if attempt >= 100 {
                        return Err(std::io::Error::other("temporary files keep disappearing"));
                    }
                    attempt += 1;
                }
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(error) => return Err(error),
            }
        }
    }

    /// Removes temporary files of this target that no running save holds.
    fn remove_stale(&self, folder: &Path) {
        let Ok(entries) = fs::read_dir(folder) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !(name.starts_with(&self.prefix) && name.ends_with(".tmp")) {
                continue;
            }
            let path = entry.path();
            // Never follow a link someone planted under our name.
            if !entry.file_type().is_ok_and(|t| t.is_file()) {
                continue;
            }
            let mut options = OpenOptions::new();
            options.write(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                // Never follow or wait on something swapped in under our name.
                options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
            }
            if let Ok(file) = options.open(&path)
                && file.metadata().is_ok_and(|m| m.is_file())
                && file.try_lock().is_ok()
            {
                let _ = fs::remove_file(&path);
            }
        }
    }
}

/// Whether `path` still names the file `file` is open on.
pub(crate) fn same_inode(path: &Path, file: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::symlink_metadata(path), file.metadata()) {
            (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// FNV-1a, 64 bits: a stable hash (unlike std's, which is seeded per process).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new", Existing::Replace).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(dir.path()), ["a.yaml"]);
    }

    #[test]
    fn creates_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new").join("folder").join("a.yaml");
        write_atomic(&path, b"new", Existing::Refuse).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn refuse_never_replaces_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(&path, "old").unwrap();
        let error = write_atomic(&path, b"new", Existing::Refuse).unwrap_err();
        assert!(
            format!("{error:#}").ends_with("a.yaml already exists"),
            "{error:#}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(dir.path()), ["a.yaml"]);
    }

    #[test]
    fn a_failed_write_reports_the_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("plain-file"), "x").unwrap();
        let path = dir.path().join("plain-file").join("a.yaml");
        let error = write_atomic(&path, b"new", Existing::Replace).unwrap_err();
        assert!(format!("{error:#}").contains("plain-file"), "{error:#}");
    }

    #[test]
    fn temporary_names_fit_the_longest_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let name = "a".repeat(250) + ".yaml";
        let path = dir.path().join(&name);
        write_atomic(&path, b"one", Existing::Replace).unwrap();
        write_atomic(&path, b"two", Existing::Replace).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(names(dir.path()), [name]);
    }

    #[test]
    fn stale_temporaries_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        let temp = TempName::new(std::ffi::OsStr::new("a.yaml"));
        // A save that was killed: its file is there, nobody holds its lock.
        let (dead, file) = temp.create(dir.path(), 0o600).unwrap();
        drop(file);
        // A save still running elsewhere: it holds the lock.
        let (live, _held) = temp.create(dir.path(), 0o600).unwrap();
        // Another file's temporary and a user's own file are not ours to touch.
        let (other, other_file) = TempName::new(std::ffi::OsStr::new("b.yaml"))
            .create(dir.path(), 0o600)
            .unwrap();
        drop(other_file);
        fs::write(dir.path().join(".a.yaml.tmp"), "mine").unwrap();
        write_atomic(&path, b"new", Existing::Replace).unwrap();
        assert!(!dead.exists());
        assert!(live.exists());
        assert!(other.exists());
        assert!(dir.path().join(".a.yaml.tmp").exists());
    }

    #[test]
    fn reads_refuse_what_is_not_a_small_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_text(dir.path()).unwrap_err();
        assert!(format!("{error:#}").contains("it is a folder"), "{error:#}");
        let big = dir.path().join("big.yaml");
        let file = File::create(&big).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        let error = read_text(&big).unwrap_err();
        assert!(format!("{error:#}").contains("larger than 32 MiB"), "{error:#}");
        let binary = dir.path().join("binary");
        fs::write(&binary, b"ok\xff").unwrap();
        let error = read_text(&binary).unwrap_err();
        assert!(
            format!("{error:#}").contains("not UTF-8 text (byte 3"),
            "{error:#}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn content_is_never_readable_by_more_people_than_before() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (path, _file) = TempName::new(std::ffi::OsStr::new("a.yaml"))
            .create(dir.path(), 0o600)
            .unwrap();
        assert_eq!(fs::metadata(path).unwrap().permissions().mode() & 0o777, 0o600);
        // A new file gets the mode any new file gets (0666 less the umask).
        let new = dir.path().join("new.yaml");
        write_atomic(&new, b"x", Existing::Refuse).unwrap();
        let reference = dir.path().join("reference");
        File::create(&reference).unwrap();
        assert_eq!(
            fs::metadata(new).unwrap().permissions().mode(),
            fs::metadata(reference).unwrap().permissions().mode()
        );
    }

    #[cfg(unix)]
    #[test]
    fn saves_follow_links_and_keep_them() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.yaml");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink("real.yaml", &link).unwrap();
        write_atomic(&link, b"new", Existing::Replace).unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }
}

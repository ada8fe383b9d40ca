//! Atomic file writes: a reader (or a crash) sees the old file or the new one,
//! never half of one.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Writes `contents` to `path` through a temporary file in the same folder
/// (so the rename cannot cross file systems), flushed to disk before the
/// rename replaces the old file. Missing folders are created.
/// The folder a file is in; `.` for a bare file name.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let folder = folder_of(path);
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file path", path.display()))?
        .to_string_lossy()
        .into_owned();
    fs::create_dir_all(&folder).with_context(|| format!("cannot create the folder {}", folder.display()))?;
    let (temp_path, mut file) = create_temp(&folder, &name).with_context(|| {
        format!(
            "cannot write {}: cannot create a file in {}",
            path.display(),
            folder.display()
        )
    })?;
    let result = (|| -> std::io::Result<()> {
        file.write_all(contents)?;
        file.sync_all()?;
        if let Ok(metadata) = fs::metadata(path) {
            // Keep the permissions the user gave the file.
            fs::set_permissions(&temp_path, metadata.permissions())?;
        }
        fs::rename(&temp_path, path)?;
        // The rename itself lives in the folder; flush it too where the OS allows.
        if let Ok(dir) = File::open(&folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if let Err(error) = result {
        let _ = fs::remove_file(&temp_path);
        return Err(error).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

fn create_temp(folder: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut attempt = 0u32;
    loop {
        let temp = folder.join(format!(".{name}.{pid}.{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.yaml")]);
    }

    #[test]
    fn creates_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new").join("folder").join("a.yaml");
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn a_failed_write_reports_the_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("plain-file"), "x").unwrap();
        let path = dir.path().join("plain-file").join("a.yaml");
        let error = write_atomic(&path, b"new").unwrap_err();
        assert!(format!("{error:#}").contains("plain-file"), "{error:#}");
    }
}

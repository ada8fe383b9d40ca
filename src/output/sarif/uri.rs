//! Where a SARIF result's file is: code scanning matches results to files
//! by their path from the top of the repository, written as a URI reference.

use std::path::{Component, Path};

use crate::confine::normal;

/// The file as a uri relative to the git repository that holds it (the
/// nearest folder above it with a `.git`), else relative to the current
/// folder, else as given. The path is judged as written, without following
/// links: a link's target may be outside the repository the log is for.
pub(super) fn artifact_uri(file: &str) -> String {
    let given = Path::new(file);
    let Ok(absolute) = std::path::absolute(given) else {
        return relative_reference(&normal(given));
    };
    let absolute = normal(&absolute);
    let repository = absolute
        .parent()
        .into_iter()
        .flat_map(Path::ancestors)
        .find(|dir| std::fs::symlink_metadata(dir.join(".git")).is_ok());
    if let Some(inside) = repository.and_then(|root| absolute.strip_prefix(root).ok()) {
        return relative_reference(inside);
    }
    if let Ok(here) = std::env::current_dir()
        && let Ok(inside) = absolute.strip_prefix(normal(&here))
    {
        return relative_reference(inside);
    }
    if given.is_absolute() {
        file_uri(&absolute)
    } else {
        relative_reference(&normal(given))
    }
}

/// A relative path as a relative URI reference: `/` between segments.
fn relative_reference(path: &Path) -> String {
    let segments: Vec<String> = path
        .components()
        .filter_map(|component| match component {
            Component::Normal(name) => Some(encode(&name.to_string_lossy(), true)),
            Component::ParentDir => Some("..".to_string()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => None,
        })
        .collect();
    if segments.is_empty() {
        ".".to_string()
    } else {
        segments.join("/")
    }
}

/// An absolute path as a `file:` URI (`file:///tmp/a.yaml`, `file:///C:/a.yaml`).
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for component in path.components() {
        match component {
            Component::Prefix(prefix) => {
                uri.push('/');
                uri.push_str(&encode(&prefix.as_os_str().to_string_lossy(), false));
            }
            Component::Normal(name) => {
                uri.push('/');
                uri.push_str(&encode(&name.to_string_lossy(), false));
            }
            Component::RootDir | Component::CurDir | Component::ParentDir => {}
        }
    }
    if uri == "file://" {
        uri.push('/');
    }
    uri
}

/// One path segment, percent-encoded (RFC 3986 `pchar`): everything but
/// unreserved characters, sub-delimiters and `@` becomes `%XX` of its UTF-8
/// bytes. In a relative reference `:` is encoded too, since `a:b.yaml`
/// would read as a uri with scheme `a`.
fn encode(segment: &str, relative: bool) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=@".contains(&byte)
            || (byte == b':' && !relative);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(encode("my file.yaml", true), "my%20file.yaml");
        assert_eq!(encode("100%#1?.yaml", true), "100%25%231%3F.yaml");
        assert_eq!(encode("penilaian-é.yaml", true), "penilaian-%C3%A9.yaml");
        assert_eq!(encode("a\u{7}b\u{7f}", true), "a%07b%7F");
        assert_eq!(encode("a:b[1]\\c", true), "a%3Ab%5B1%5D%5Cc");
        assert_eq!(encode("C:", false), "C:");
    }

    #[test]
    fn relative_paths_become_relative_references() {
        assert_eq!(
            relative_reference(Path::new("sub/dir/a b.yaml")),
            "sub/dir/a%20b.yaml"
        );
        assert_eq!(relative_reference(Path::new("../x/./a.yaml")), "../x/a.yaml");
    }

    #[cfg(unix)]
    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(file_uri(Path::new("/tmp/a b.yaml")), "file:///tmp/a%20b.yaml");
        assert_eq!(file_uri(Path::new("/")), "file:///");
    }
}

//! The library's one error type. Every error is something the user can fix,
//! said in one message that names the file (and, for YAML, line and column);
//! `exit_code` maps it to the README's exit codes.

use std::fmt;

use crate::checklist::CheckError;
use crate::yaml::YamlError;

#[derive(Debug)]
pub enum Error {
    /// A file that is not YAML etika can read (syntax, duplicate key,
    /// unknown field, wrong type), with its location and a snippet.
    Yaml(YamlError),
    /// A checklist that parses but does not hold together.
    Checklist(CheckError),
    /// A file that cannot be read or written, or that etika refuses to use.
    File(String),
    /// Input that cannot be used as given: an unknown item, a value that does
    /// not fit, a bad flag value, a conflict with another writer.
    Input(String),
    /// Someone else changed the same answer while etika had the file open.
    Conflict(String),
    /// What the program was doing when `source` happened.
    Context { doing: String, source: Box<Error> },
}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The exit code for this error: every error is unusable input (2).
    pub fn exit_code(&self) -> u8 {
        crate::exit::USAGE
    }

    /// The checklist problems at the root of this one, if any (for locations).
    pub(crate) fn checklist(&self) -> Option<&CheckError> {
        match self {
            Error::Checklist(problems) => Some(problems),
            Error::Context { source, .. } => source.checklist(),
            _ => None,
        }
    }

    /// The YAML error at the root of this one, if any (for locations).
    pub(crate) fn yaml(&self) -> Option<&YamlError> {
        match self {
            Error::Yaml(yaml) => Some(yaml),
            Error::Context { source, .. } => source.yaml(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Yaml(error) => error.fmt(f),
            Error::Checklist(error) => error.fmt(f),
            Error::File(message) | Error::Input(message) | Error::Conflict(message) => f.write_str(message),
            Error::Context { doing, source } => write!(f, "{doing}: {source}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<YamlError> for Error {
    fn from(error: YamlError) -> Error {
        Error::Yaml(error)
    }
}

impl From<CheckError> for Error {
    fn from(error: CheckError) -> Error {
        Error::Checklist(error)
    }
}

/// `Err(Error::Input(format!(...)))`.
macro_rules! refuse {
    ($($arg:tt)*) => {
        return Err($crate::error::Error::Input(format!($($arg)*)))
    };
}
pub(crate) use refuse;

/// `Error::Input(format!(...))`, for `map_err` and `ok_or_else`.
macro_rules! input_error {
    ($($arg:tt)*) => {
        $crate::error::Error::Input(format!($($arg)*))
    };
}
pub(crate) use input_error;

/// Says what was being done when an error happened, as anyhow's `context`
/// did, but keeps the error typed.
pub(crate) trait Context<T> {
    fn context(self, doing: impl Into<String>) -> Result<T>;
    fn with_context<S: Into<String>>(self, doing: impl FnOnce() -> S) -> Result<T>;
}

impl<T, E: Into<Error>> Context<T> for std::result::Result<T, E> {
    fn context(self, doing: impl Into<String>) -> Result<T> {
        self.map_err(|source| Error::Context {
            doing: doing.into(),
            source: Box::new(source.into()),
        })
    }

    fn with_context<S: Into<String>>(self, doing: impl FnOnce() -> S) -> Result<T> {
        self.map_err(|source| Error::Context {
            doing: doing().into(),
            source: Box::new(source.into()),
        })
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Error {
        Error::File(error.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Error {
        Error::Input(error.to_string())
    }
}

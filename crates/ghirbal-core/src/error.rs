use std::path::PathBuf;

/// Errors of the core crate. Removals are not errors (see [`crate::Decision`]); these are failures
/// to read or understand input and configuration.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unknown role `{0}` (expected one of title, caption, body, byline, date, teaser, boilerplate, repeat, blank)")]
    UnknownRole(String),
    /// The I/O error is part of the message (not a `source`), so `{:#}` chains print it once.
    #[error("{path}: {err}")]
    Io { path: PathBuf, err: std::io::Error },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

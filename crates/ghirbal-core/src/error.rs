use std::path::PathBuf;

/// Errors of the core crate. Removals are not errors (see [`crate::Decision`]); these are failures
/// to read or understand input and configuration.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unknown role `{0}` (expected one of title, caption, body, byline, date, teaser, boilerplate, repeat, blank)")]
    UnknownRole(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

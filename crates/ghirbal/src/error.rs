use std::path::PathBuf;

/// Errors of the engine. Removals are not errors: they are [`ghirbal_core::Decision`]s.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] ghirbal_core::Error),
    /// The I/O error is part of the message (not a `source`), so `{:#}` chains print it once.
    #[error("{path}: {err}")]
    Io { path: PathBuf, err: std::io::Error },
    #[error("{source_name}: looks like binary data, not text ({detail})")]
    Binary { source_name: String, detail: String },
    #[error("{source_name}: cannot decode text: {detail}")]
    Decode { source_name: String, detail: String },
    #[error("{path}:{line}: {detail}")]
    Input {
        path: String,
        line: u64,
        detail: String,
    },
    #[error("invalid configuration: {0}")]
    Config(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            err: source,
        }
    }
}

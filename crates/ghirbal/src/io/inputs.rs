//! Turning command-line input specs into an ordered list of input sources.

use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// The record format of an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    Jsonl,
    /// Apache Parquet (`.parquet`), one record per row.
    Parquet,
    /// One page per file (`.txt`).
    Text,
    /// Common Crawl WET (`.warc.wet`, `.wet`): WARC `conversion` records.
    Wet,
    /// Unknown: decided from the first bytes (`{` → JSONL, `WARC/` → WET, else one text page).
    Sniff,
}

/// The compression of an input stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Plain.
    None,
    /// gzip (`.gz`), possibly several members.
    Gzip,
    /// Zstandard (`.zst`).
    Zstd,
    /// Unknown: decided from the magic bytes.
    Sniff,
}

/// Where an input is read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    Path(PathBuf),
}

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputSource {
    /// Where to read.
    pub location: Location,
    /// The record format.
    pub format: Format,
    /// The compression.
    pub compression: Compression,
}

impl InputSource {
    /// Standard input (format and compression sniffed).
    pub fn stdin() -> Self {
        InputSource {
            location: Location::Stdin,
            format: Format::Sniff,
            compression: Compression::Sniff,
        }
    }

    /// A file, its format and compression taken from its name (sniffed when the name says
    /// nothing).
    pub fn file(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let (format, compression) =
            classify_path(&path).unwrap_or((Format::Sniff, Compression::Sniff));
        InputSource {
            location: Location::Path(path),
            format,
            compression,
        }
    }

    /// The name used in messages and rejects: the path, or `<stdin>`.
    pub fn name(&self) -> String {
        match &self.location {
            Location::Stdin => "<stdin>".to_string(),
            Location::Path(p) => p.display().to_string(),
        }
    }
}

/// Format and compression from a file name, for the known extensions: `.jsonl`, `.ndjson`,
/// `.parquet`, `.txt`, `.warc.wet`, `.wet`, each optionally followed by `.gz` or `.zst`
/// (except `.parquet`). Case-insensitive. `None` for anything else.
pub fn classify_path(path: &Path) -> Option<(Format, Compression)> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (stem, compression) = if let Some(s) = name.strip_suffix(".gz") {
        (s, Compression::Gzip)
    } else if let Some(s) = name.strip_suffix(".zst") {
        (s, Compression::Zstd)
    } else {
        (name.as_str(), Compression::None)
    };
    let format = if stem.ends_with(".jsonl") || stem.ends_with(".ndjson") {
        Format::Jsonl
    } else if stem.ends_with(".wet") || stem.ends_with(".warc.wet") {
        Format::Wet
    } else if stem.ends_with(".txt") {
        Format::Text
    } else if stem.ends_with(".parquet") && compression == Compression::None {
        Format::Parquet
    } else {
        return None;
    };
    Some((format, compression))
}

fn has_glob_meta(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n.len() > 1 && n != "..")
}

/// The files of a directory, recursively, in sorted order, with known extensions only (hidden
/// files and directories are skipped).
fn walk_dir(dir: &Path, out: &mut Vec<InputSource>) -> Result<()> {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            let io = e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("file system loop"));
            Error::io(path, io)
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        if let Some((format, compression)) = classify_path(entry.path()) {
            out.push(InputSource {
                location: Location::Path(entry.into_path()),
                format,
                compression,
            });
        }
    }
    Ok(())
}

/// Expands input specs, in the order given: `-` is standard input; a directory is walked
/// recursively (sorted by name, known extensions only, hidden entries skipped); an existing file is
/// read whatever its name (an unknown extension is sniffed); anything else with `*`, `?` or `[` is
/// a glob (matches sorted; directories among them are walked; files need a known extension).
/// A missing path, a glob that matches nothing and `-` given twice are errors.
pub fn expand_inputs(specs: &[String]) -> Result<Vec<InputSource>> {
    let mut out = Vec::new();
    let mut stdin_seen = false;
    for spec in specs {
        if spec == "-" {
            if stdin_seen {
                return Err(Error::Config(
                    "`-` (standard input) given more than once".into(),
                ));
            }
            stdin_seen = true;
            out.push(InputSource::stdin());
            continue;
        }
        let path = Path::new(spec);
        if path.is_dir() {
            walk_dir(path, &mut out)?;
        } else if path.exists() {
            out.push(InputSource::file(path));
        } else if has_glob_meta(spec) {
            let paths = glob::glob(spec)
                .map_err(|e| Error::Config(format!("bad glob pattern `{spec}`: {e}")))?;
            let mut matched = Vec::new();
            for p in paths {
                match p {
                    Ok(p) => matched.push(p),
                    Err(e) => {
                        let path = e.path().to_path_buf();
                        return Err(Error::io(path, std::io::Error::from(e)));
                    }
                }
            }
            if matched.is_empty() {
                return Err(Error::Config(format!("no input matches `{spec}`")));
            }
            matched.sort();
            for p in matched {
                if p.is_dir() {
                    walk_dir(&p, &mut out)?;
                } else if let Some((format, compression)) = classify_path(&p) {
                    out.push(InputSource {
                        location: Location::Path(p),
                        format,
                        compression,
                    });
                }
            }
        } else {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn names(v: &[InputSource], root: &Path) -> Vec<String> {
        v.iter()
            .map(|s| match &s.location {
                Location::Stdin => "-".to_string(),
                Location::Path(p) => p.strip_prefix(root).unwrap_or(p).display().to_string(),
            })
            .collect()
    }

    #[test]
    fn classify_known_extensions() {
        let c = |n: &str| classify_path(Path::new(n));
        assert_eq!(c("a.jsonl"), Some((Format::Jsonl, Compression::None)));
        assert_eq!(c("a.JSONL.GZ"), Some((Format::Jsonl, Compression::Gzip)));
        assert_eq!(c("a.ndjson.zst"), Some((Format::Jsonl, Compression::Zstd)));
        assert_eq!(
            c("CC-MAIN-1.warc.wet.gz"),
            Some((Format::Wet, Compression::Gzip))
        );
        assert_eq!(c("x.wet"), Some((Format::Wet, Compression::None)));
        assert_eq!(c("p.lynx.txt"), Some((Format::Text, Compression::None)));
        assert_eq!(c("t.parquet"), Some((Format::Parquet, Compression::None)));
        assert_eq!(c("t.parquet.gz"), None);
        assert_eq!(c("x.labels.tsv"), None);
        assert_eq!(c("x.gz"), None);
    }

    #[test]
    fn expands_dirs_globs_files_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("d/sub")).unwrap();
        fs::create_dir_all(root.join("d/.hidden")).unwrap();
        for f in [
            "d/b.txt",
            "d/a.jsonl.gz",
            "d/sub/c.parquet",
            "d/notes.md",
            "d/.hidden/x.txt",
            "g1.jsonl",
            "g2.jsonl",
            "g3.tsv",
            "page",
        ] {
            fs::write(root.join(f), b"x").unwrap();
        }
        let specs = vec![
            root.join("page").display().to_string(),
            root.join("d").display().to_string(),
            "-".to_string(),
            root.join("g*").display().to_string(),
        ];
        let got = expand_inputs(&specs).unwrap();
        assert_eq!(
            names(&got, root),
            [
                "page",
                "d/a.jsonl.gz",
                "d/b.txt",
                "d/sub/c.parquet",
                "-",
                "g1.jsonl",
                "g2.jsonl"
            ]
        );
        assert_eq!(got[0].format, Format::Sniff);
        assert_eq!(got[1].compression, Compression::Gzip);
    }

    #[test]
    fn missing_path_and_empty_glob_are_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.jsonl").display().to_string();
        let e = expand_inputs(std::slice::from_ref(&missing))
            .unwrap_err()
            .to_string();
        assert!(e.contains(&missing) && e.contains("no such file"), "{e}");
        let pat = dir.path().join("*.jsonl").display().to_string();
        let e = expand_inputs(std::slice::from_ref(&pat))
            .unwrap_err()
            .to_string();
        assert!(e.contains(&pat), "{e}");
        assert!(expand_inputs(&["-".into(), "-".into()]).is_err());
    }
}

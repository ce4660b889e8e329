//! Atomic output files: written under a temporary name, renamed into place on commit.

use crate::{Error, Result};
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file written atomically: the data goes to `<name>.tmp-<pid>` in the same directory, and
/// [`commit`](AtomicFile::commit) flushes, fsyncs and renames it to its final name. Dropped
/// without a commit (an error, a panic), the temporary file is removed; a killed process leaves
/// only the temporary file. Either way no file appears under the final name unless complete.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `path` (its directory must exist).
    pub fn create(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let name = path.file_name().ok_or_else(|| {
            Error::io(
                &path,
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file path"),
            )
        })?;
        let mut tmp_name = name.to_os_string();
        tmp_name.push(format!(".tmp-{}", std::process::id()));
        let tmp = path.with_file_name(tmp_name);
        let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(AtomicFile {
            path,
            tmp,
            file: Some(BufWriter::with_capacity(256 * 1024, file)),
        })
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes, fsyncs and renames the file into place.
    pub fn commit(mut self) -> Result<()> {
        let Some(w) = self.file.take() else {
            return Ok(());
        };
        let file = w
            .into_inner()
            .map_err(|e| Error::io(&self.tmp, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&self.tmp, e))?;
        drop(file);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::io(&self.path, e))?;
        // Make the rename itself durable (best effort: not every platform can open a directory).
        if let Some(dir) = self.path.parent() {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("file already committed")),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => f.write_all(buf),
            None => Err(std::io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(f) = self.file.take() {
            drop(f);
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

enum Sink {
    Plain(AtomicFile),
    Zstd(zstd::stream::write::Encoder<'static, AtomicFile>),
    Gzip(flate2::write::GzEncoder<AtomicFile>),
}

/// Writes `parts` to `sink`, one after the other.
fn emit(sink: &mut Sink, parts: &[&[u8]]) -> std::io::Result<()> {
    for part in parts {
        match sink {
            Sink::Plain(w) => w.write_all(part)?,
            Sink::Zstd(w) => w.write_all(part)?,
            Sink::Gzip(w) => w.write_all(part)?,
        }
    }
    Ok(())
}

/// An atomic JSON Lines writer: one serialized value per line. The compression follows the file
/// name: `.zst` → zstd (level 3, single-threaded), `.gz` → gzip, anything else plain.
pub struct JsonlWriter {
    sink: Sink,
    path: PathBuf,
    line: Vec<u8>,
    records: u64,
}

/// The zstd JSON Lines writer ([`JsonlWriter`] on a `.zst` path).
pub type JsonlZstWriter = JsonlWriter;

/// The zstd level of `.zst` outputs.
pub const ZSTD_LEVEL: i32 = 3;

impl JsonlWriter {
    /// Starts writing `path` (compression from its extension).
    pub fn create(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let file = AtomicFile::create(&path)?;
        let lower = path.to_string_lossy().to_ascii_lowercase();
        let sink = if lower.ends_with(".zst") {
            Sink::Zstd(
                zstd::stream::write::Encoder::new(file, ZSTD_LEVEL)
                    .map_err(|e| Error::io(&path, e))?,
            )
        } else if lower.ends_with(".gz") {
            Sink::Gzip(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::default(),
            ))
        } else {
            Sink::Plain(file)
        };
        Ok(JsonlWriter {
            sink,
            path,
            line: Vec::new(),
            records: 0,
        })
    }

    /// Appends one value as a line.
    pub fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, value).map_err(|e| {
            Error::io(
                &self.path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            )
        })?;
        self.line.push(b'\n');
        emit(&mut self.sink, &[&self.line]).map_err(|e| Error::io(&self.path, e))?;
        self.records += 1;
        Ok(())
    }

    /// Appends one already serialized JSON value (without its newline) as a line.
    pub fn write_raw(&mut self, json: &[u8]) -> Result<()> {
        // Written as it is, then its newline: not copied into a line buffer first.
        emit(&mut self.sink, &[json, b"\n"]).map_err(|e| Error::io(&self.path, e))?;
        self.records += 1;
        Ok(())
    }

    /// Lines written so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Finishes the stream and renames the file into place; returns the number of lines.
    pub fn commit(self) -> Result<u64> {
        let path = self.path;
        let file = match self.sink {
            Sink::Plain(f) => f,
            Sink::Zstd(w) => w.finish().map_err(|e| Error::io(&path, e))?,
            Sink::Gzip(w) => w.finish().map_err(|e| Error::io(&path, e))?,
        };
        file.commit()?;
        Ok(self.records)
    }
}

/// Writes `value` as pretty JSON (with a final newline) to `path`, atomically.
pub fn write_json_atomic<T: Serialize + ?Sized>(path: impl AsRef<Path>, value: &T) -> Result<()> {
    let path = path.as_ref();
    let mut f = AtomicFile::create(path)?;
    serde_json::to_writer_pretty(&mut f, value).map_err(|e| {
        Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })?;
    f.write_all(b"\n").map_err(|e| Error::io(path, e))?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn dir_names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn atomic_writer_leaves_no_file_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stats.json");
        {
            let mut f = AtomicFile::create(&path).unwrap();
            f.write_all(b"{\"partial\":").unwrap();
            assert_eq!(
                dir_names(dir.path()).len(),
                1,
                "only the temp file exists while writing"
            );
            assert!(!path.exists());
        }
        assert!(
            dir_names(dir.path()).is_empty(),
            "{:?}",
            dir_names(dir.path())
        );
        let mut w = JsonlWriter::create(dir.path().join("a.jsonl.zst")).unwrap();
        w.write(&serde_json::json!({"x": 1})).unwrap();
        drop(w);
        assert!(dir_names(dir.path()).is_empty());
    }

    #[test]
    fn atomic_file_commit_renames() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        let mut f = AtomicFile::create(&path).unwrap();
        f.write_all(b"hello").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"hello");
        assert_eq!(dir_names(dir.path()), ["out.txt"]);
    }

    #[test]
    fn jsonl_writers_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.jsonl.zst", "a.jsonl.gz", "a.jsonl"] {
            let path = dir.path().join(name);
            let mut w = JsonlWriter::create(&path).unwrap();
            w.write(&serde_json::json!({"id": "1", "text": "نص"}))
                .unwrap();
            w.write(&serde_json::json!({"id": "2"})).unwrap();
            assert_eq!(w.commit().unwrap(), 2);
            let bytes = std::fs::read(&path).unwrap();
            let mut text = String::new();
            if name.ends_with(".zst") {
                zstd::stream::read::Decoder::new(&bytes[..])
                    .unwrap()
                    .read_to_string(&mut text)
                    .unwrap();
            } else if name.ends_with(".gz") {
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_string(&mut text)
                    .unwrap();
            } else {
                text = String::from_utf8(bytes).unwrap();
            }
            assert_eq!(
                text, "{\"id\":\"1\",\"text\":\"نص\"}\n{\"id\":\"2\"}\n",
                "{name}"
            );
        }
        write_json_atomic(
            dir.path().join("stats.json"),
            &serde_json::json!({"records": 2}),
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("stats.json")).unwrap(),
            "{\n  \"records\": 2\n}\n"
        );
    }
}

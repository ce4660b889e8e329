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
    Zstd(ZstdFrames),
    Gzip(flate2::write::GzEncoder<AtomicFile>),
}

/// The uncompressed size of one frame of a `.zst` output (see [`ZstdFrames`]).
const ZSTD_FRAME_BYTES: usize = 4 << 20;

/// A zstd output written as a sequence of whole frames, each compressed in one call from
/// [`ZSTD_FRAME_BYTES`] of contiguous input (the last frame holds the rest; an empty output is one
/// empty frame). A file of several frames decompresses to their concatenation, so the content is
/// the same as one streamed frame's.
///
/// Why not the streaming encoder: it copies every small write into a ring buffer, and once that
/// wraps around the match finder runs in its slower "external dictionary" mode for the rest of
/// the stream (a profile of `clean` spent 8.5% of its time there). One-shot compression of a
/// contiguous buffer searches a single prefix; with the level-1 window (512 KiB) a 4 MiB frame
/// loses only the matches that would reach across a frame boundary.
struct ZstdFrames {
    file: AtomicFile,
    compressor: zstd::bulk::Compressor<'static>,
    /// Input of the frame being filled.
    input: Vec<u8>,
    /// One compressed frame.
    frame: Vec<u8>,
    /// At least one frame was written.
    started: bool,
}

impl ZstdFrames {
    fn new(file: AtomicFile) -> std::io::Result<Self> {
        let mut compressor = zstd::bulk::Compressor::new(ZSTD_LEVEL)?;
        // No content size in the frame headers: a one-shot decoder that trusts the first
        // frame's size (python-zstandard's `decompress()`) would silently return only the first
        // 4 MiB; without it, such a decoder refuses the file and the user streams it instead.
        compressor.set_parameter(zstd::zstd_safe::CParameter::ContentSizeFlag(false))?;
        Ok(ZstdFrames {
            file,
            compressor,
            input: Vec::new(),
            frame: Vec::new(),
            started: false,
        })
    }

    /// The buffer lines are appended to (then [`write_full_frames`](Self::write_full_frames)).
    /// Its room for a frame and a line is reserved at the first line, not grown by copies.
    fn input(&mut self) -> &mut Vec<u8> {
        if self.input.capacity() == 0 {
            self.input.reserve(ZSTD_FRAME_BYTES + ZSTD_FRAME_BYTES / 4);
        }
        &mut self.input
    }

    /// Writes out every whole frame of the buffered input; the rest stays buffered.
    fn write_full_frames(&mut self) -> std::io::Result<()> {
        let mut done = 0;
        while self.input.len() - done >= ZSTD_FRAME_BYTES {
            let end = done + ZSTD_FRAME_BYTES;
            Self::write_frame(
                &mut self.compressor,
                &mut self.frame,
                &mut self.file,
                &self.input[done..end],
            )?;
            self.started = true;
            done = end;
        }
        if done > 0 {
            self.input.drain(..done);
        }
        Ok(())
    }

    /// Compresses `input` into one frame and writes it.
    fn write_frame(
        compressor: &mut zstd::bulk::Compressor<'static>,
        frame: &mut Vec<u8>,
        file: &mut AtomicFile,
        input: &[u8],
    ) -> std::io::Result<()> {
        frame.clear();
        frame.reserve(zstd::zstd_safe::compress_bound(input.len()));
        compressor.compress_to_buffer(input, frame)?;
        file.write_all(frame)
    }

    /// Writes the last frame and returns the file.
    fn finish(mut self) -> std::io::Result<AtomicFile> {
        if !self.input.is_empty() || !self.started {
            Self::write_frame(
                &mut self.compressor,
                &mut self.frame,
                &mut self.file,
                &self.input,
            )?;
        }
        Ok(self.file)
    }
}

/// An atomic JSON Lines writer: one serialized value per line. The compression follows the file
/// name: `.zst` → zstd (level 1, single-threaded, a frame per 4 MiB: see `ZstdFrames`), `.gz` →
/// gzip, anything else plain.
pub struct JsonlWriter {
    sink: Sink,
    path: PathBuf,
    line: Vec<u8>,
    records: u64,
}

/// The zstd JSON Lines writer ([`JsonlWriter`] on a `.zst` path).
pub type JsonlZstWriter = JsonlWriter;

/// The zstd level of `.zst` outputs. Level 1, not zstd's default 3: on the kept articles of
/// SaudiNewsNet dev (172 MB of JSON Lines, where `text` repeats `body`) level 3 took 1.14 s of
/// CPU and level 1 0.59 s (`zstd -1` / `-3`, one thread), for 27.9 MB instead of 25.7 MB. The
/// compression was 11% of a `clean` run's profile at level 3.
pub const ZSTD_LEVEL: i32 = 1;

impl JsonlWriter {
    /// Starts writing `path` (compression from its extension).
    pub fn create(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let file = AtomicFile::create(&path)?;
        let lower = path.to_string_lossy().to_ascii_lowercase();
        let sink = if lower.ends_with(".zst") {
            Sink::Zstd(ZstdFrames::new(file).map_err(|e| Error::io(&path, e))?)
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
        self.write_with(|out| serde_json::to_writer(out, value))?
            .map_err(|e| {
                Error::io(
                    &self.path,
                    std::io::Error::new(std::io::ErrorKind::InvalidData, e),
                )
            })
    }

    /// Appends one already serialized JSON value (without its newline) as a line.
    pub fn write_raw(&mut self, json: &[u8]) -> Result<()> {
        self.write_with(|out| {
            out.extend_from_slice(json);
            Ok::<(), std::convert::Infallible>(())
        })?
        .map_err(|e| match e {})
    }

    /// Appends one line that `make` writes (a JSON value, without its newline) at the end of
    /// the buffer it is given, and returns what `make` returned. A zstd output hands `make` its
    /// frame buffer itself, so the line is not copied once more. When `make` fails, what it
    /// wrote is dropped and no line is added.
    pub fn write_with<T, E>(
        &mut self,
        make: impl FnOnce(&mut Vec<u8>) -> std::result::Result<T, E>,
    ) -> Result<std::result::Result<T, E>> {
        let out = match &mut self.sink {
            Sink::Zstd(z) => z.input(),
            Sink::Plain(_) | Sink::Gzip(_) => {
                self.line.clear();
                &mut self.line
            }
        };
        let start = out.len();
        let made = make(out);
        if made.is_err() {
            out.truncate(start);
            return Ok(made);
        }
        out.push(b'\n');
        match &mut self.sink {
            Sink::Zstd(z) => z.write_full_frames(),
            Sink::Plain(w) => w.write_all(&self.line),
            Sink::Gzip(w) => w.write_all(&self.line),
        }
        .map_err(|e| Error::io(&self.path, e))?;
        self.records += 1;
        Ok(made)
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
    fn zstd_output_of_several_frames_decompresses_to_the_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.jsonl.zst");
        let mut w = JsonlWriter::create(&path).unwrap();
        let text = "نص عربي ".repeat(200);
        let mut expected = String::new();
        let mut k = 0;
        // Past one frame, with a line split across the boundary.
        while expected.len() <= ZSTD_FRAME_BYTES + text.len() {
            let l = format!("{{\"k\":{k},\"text\":\"{text}\"}}");
            w.write_raw(l.as_bytes()).unwrap();
            expected.push_str(&l);
            expected.push('\n');
            k += 1;
        }
        assert_eq!(w.commit().unwrap(), k);
        let bytes = std::fs::read(&path).unwrap();
        let magic = bytes.windows(4).filter(|m| *m == [0x28, 0xb5, 0x2f, 0xfd]);
        assert!(magic.count() >= 2, "two frames");
        let mut text = String::new();
        zstd::stream::read::Decoder::new(&bytes[..])
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert!(
            text == expected,
            "{} vs {} bytes",
            text.len(),
            expected.len()
        );
        // An output with no line is still a valid (empty) zstd file.
        let empty = dir.path().join("empty.jsonl.zst");
        assert_eq!(JsonlWriter::create(&empty).unwrap().commit().unwrap(), 0);
        let bytes = std::fs::read(&empty).unwrap();
        assert!(!bytes.is_empty());
        assert_eq!(zstd::stream::decode_all(&bytes[..]).unwrap(), b"");
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

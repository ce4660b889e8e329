//! Reading lines as bytes with a length limit, without ever buffering more than the limit.

use super::MAX_RAW_BYTES;
use std::io::{BufRead, ErrorKind};

/// What one call of [`read_line`] found.
#[derive(Debug)]
pub(crate) enum LineRead {
    /// A line is in the buffer (without its `\n`).
    Line,
    /// The line was longer than the limit: it was skipped up to its `\n`; the buffer holds its
    /// first [`MAX_RAW_BYTES`] bytes; `len` is its full length.
    TooLarge { len: u64 },
    /// The stream failed (a truncated or corrupt compressed stream, a read error). The buffer
    /// holds the partial line read before the error (cut to [`MAX_RAW_BYTES`] if it was too long).
    Error(std::io::Error),
    /// End of the stream.
    Eof,
}

/// Reads one line of at most `max` bytes (not counting `\n`) into `buf`.
pub(crate) fn read_line(r: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> LineRead {
    buf.clear();
    let mut total: u64 = 0;
    let mut over = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return LineRead::Error(e),
        };
        if avail.is_empty() {
            return if over {
                LineRead::TooLarge { len: total }
            } else if total == 0 {
                LineRead::Eof
            } else {
                LineRead::Line
            };
        }
        let (take, content, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, i, true),
            None => (avail.len(), avail.len(), false),
        };
        if !over {
            if buf.len() + content > max {
                over = true;
                let keep = MAX_RAW_BYTES.saturating_sub(buf.len()).min(content);
                buf.extend_from_slice(&avail[..keep]);
                buf.truncate(MAX_RAW_BYTES);
            } else {
                buf.extend_from_slice(&avail[..content]);
            }
        }
        total += content as u64;
        r.consume(take);
        if done {
            return if over {
                LineRead::TooLarge { len: total }
            } else {
                LineRead::Line
            };
        }
    }
}

/// The reject reason for a stream error: an early end is `input:truncated`, anything else (bad
/// compressed data, an I/O error) `input:corrupt`.
pub(crate) fn stream_error_reason(e: &std::io::Error) -> ghirbal_core::Reason {
    if e.kind() == ErrorKind::UnexpectedEof {
        super::reasons::TRUNCATED
    } else {
        super::reasons::CORRUPT
    }
}

/// Reads up to `n` bytes into `out`; returns how many were read (fewer than `n` at the end of the
/// stream). On a stream error the bytes read before it stay in `out`.
pub(crate) fn read_block(r: &mut dyn BufRead, n: u64, out: &mut Vec<u8>) -> std::io::Result<u64> {
    use std::io::Read;
    out.clear();
    out.reserve(n.min(1 << 20) as usize);
    let got = r.take(n).read_to_end(out)?;
    Ok(got as u64)
}

/// Skips up to `n` bytes; returns how many were skipped and how many `\n` they held.
pub(crate) fn skip_bytes(r: &mut dyn BufRead, n: u64) -> std::io::Result<(u64, u64)> {
    let (mut left, mut newlines) = (n, 0u64);
    while left > 0 {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            break;
        }
        let take = avail.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        newlines += memchr::memchr_iter(b'\n', &avail[..take]).count() as u64;
        r.consume(take);
        left -= take as u64;
    }
    Ok((n - left, newlines))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Cursor, Read};

    fn lines(input: &[u8], max: usize, cap: usize) -> Vec<String> {
        let mut r = BufReader::with_capacity(cap, Cursor::new(input.to_vec()));
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            match read_line(&mut r, &mut buf, max) {
                LineRead::Line => out.push(String::from_utf8_lossy(&buf).into_owned()),
                LineRead::TooLarge { len } => out.push(format!("TOO LARGE {len} {}", buf.len())),
                LineRead::Error(e) => out.push(format!("ERR {e}")),
                LineRead::Eof => return out,
            }
        }
    }

    #[test]
    fn splits_and_limits() {
        assert_eq!(lines(b"a\n\nbc\nlast", 10, 2), ["a", "", "bc", "last"]);
        assert_eq!(
            lines(b"0123456789\n01234567890\nok\n", 10, 3),
            ["0123456789", "TOO LARGE 11 11", "ok"]
        );
        assert_eq!(lines(b"", 10, 3), Vec::<String>::new());
    }

    #[test]
    fn error_keeps_partial_line() {
        struct Failing(Cursor<Vec<u8>>);
        impl Read for Failing {
            fn read(&mut self, b: &mut [u8]) -> std::io::Result<usize> {
                match self.0.read(b)? {
                    0 => Err(std::io::Error::new(ErrorKind::UnexpectedEof, "cut")),
                    n => Ok(n),
                }
            }
        }
        let mut r = BufReader::with_capacity(4, Failing(Cursor::new(b"ab\ncd".to_vec())));
        let mut buf = Vec::new();
        assert!(matches!(read_line(&mut r, &mut buf, 100), LineRead::Line));
        assert!(matches!(
            read_line(&mut r, &mut buf, 100),
            LineRead::Error(_)
        ));
        assert_eq!(buf, b"cd");
    }
}

//! The dedup state of everything already seen, and its file format (`--dedup-index PATH`).
//!
//! # In memory
//!
//! Document-major flat arrays (documents in the order they were deduplicated):
//! `bands` band keys (u32) per document, the compact 4-bit signature (`bands·rows/2` bytes), the
//! xxh3-128 hash of the matching-form body, the number of distinct shingles (u32, for
//! containment), and `canon`: the index of the kept article of the document's cluster (itself
//! for a kept article). The ids of kept articles are stored once each (they are what a later
//! duplicate names); ids of rejected copies are not kept.
//!
//! At the defaults (28 bands × 4 rows) that is 112 + 56 + 16 + 4 + 4 = 192 bytes per document,
//! plus the id length + 8 bytes per kept article. Band keys are kept document-major rather than as sorted per-band
//! tables: a per-band table needs a document reference beside every key (8 bytes per key
//! instead of 4), and sorting the keys again when the next crawl arrives costs milliseconds per
//! hundred thousand documents.
//!
//! # File format, version 2 (all integers little endian)
//!
//! ```text
//! magic      8 bytes  "GHRBLDX1"
//! version    u32      2
//! bands      u32
//! rows       u32
//! ngram      u32
//! window     u32
//! max_members u32
//! seed       u64
//! threshold  f32
//! containment f32
//! min_shingles u32
//! docs       u64      n
//! kept       u64      k
//! id_bytes   u64      total length of the kept ids
//! keys       n·bands × u32      band keys, document-major
//! sigs       n·ceil(bands·rows/2) bytes   compact signatures, document-major
//! exact      n × u128           matching-body hashes
//! shingles   n × u32            distinct shingles of each body
//! canon      n × u32            kept article of each document's cluster
//! kept_docs  k × u32            document index of each kept article, increasing
//! id_lens    k × u32            byte length of each kept article's id
//! ids        id_bytes bytes     the ids, UTF-8, concatenated in `kept_docs` order
//! checksum   u64      xxh3-64 of every byte before it
//! ```
//!
//! A reader rejects a wrong magic, an unknown version, inconsistent counts, a bad checksum or
//! trailing bytes. Version 1 (before containment: no shingle counts, no containment parameters)
//! is refused with an error that says so: its documents' shingle counts cannot be recovered
//! from the sketches, so the index has to be rebuilt by deduplicating the earlier crawls again. Parameters travel with the index: a crawl deduplicated against an index uses the
//! index's parameters.

use super::minhash::MinHasher;
use super::DedupParams;
use crate::{Error, Result};
use std::io::{Read, Write};
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

/// File magic of a dedup index.
pub const MAGIC: &[u8; 8] = b"GHRBLDX1";
/// Current file format version (2: shingle counts and containment parameters).
pub const VERSION: u32 = 2;

/// Dedup state: sketches and cluster assignment of every document deduplicated so far.
#[derive(Clone, Debug)]
pub struct DedupIndex {
    pub(crate) params: DedupParams,
    pub(crate) hasher: MinHasher,
    pub(crate) keys: Vec<u32>,
    pub(crate) sigs: Vec<u8>,
    pub(crate) exact: Vec<u128>,
    pub(crate) shingles: Vec<u32>,
    pub(crate) canon: Vec<u32>,
    pub(crate) kept_docs: Vec<u32>,
    pub(crate) id_ends: Vec<u32>,
    pub(crate) ids: String,
}

impl DedupIndex {
    /// An empty index (a fresh dedup run) with validated `params`.
    pub fn new(params: DedupParams) -> Result<Self> {
        params.validate()?;
        Ok(DedupIndex {
            hasher: MinHasher::new(&params),
            params,
            keys: Vec::new(),
            sigs: Vec::new(),
            exact: Vec::new(),
            shingles: Vec::new(),
            canon: Vec::new(),
            kept_docs: Vec::new(),
            id_ends: Vec::new(),
            ids: String::new(),
        })
    }

    /// The parameters every document of this index was processed with.
    pub fn params(&self) -> &DedupParams {
        &self.params
    }

    /// Number of documents seen.
    pub fn len(&self) -> usize {
        self.canon.len()
    }

    /// True when no document has been seen.
    pub fn is_empty(&self) -> bool {
        self.canon.is_empty()
    }

    /// Number of kept (canonical or unique) articles.
    pub fn kept(&self) -> usize {
        self.kept_docs.len()
    }

    /// Heap bytes of the dedup state (capacities, so what is really reserved).
    pub fn state_bytes(&self) -> usize {
        self.keys.capacity() * 4
            + self.sigs.capacity()
            + self.exact.capacity() * 16
            + self.shingles.capacity() * 4
            + self.canon.capacity() * 4
            + self.kept_docs.capacity() * 4
            + self.id_ends.capacity() * 4
            + self.ids.capacity()
    }

    /// The id of the kept article at document index `doc`, if `doc` is kept.
    pub(crate) fn kept_id(&self, doc: u32) -> Option<&str> {
        let k = self.kept_docs.binary_search(&doc).ok()?;
        let start = if k == 0 {
            0
        } else {
            self.id_ends[k - 1] as usize
        };
        self.ids.get(start..self.id_ends[k] as usize)
    }

    /// Records `doc` as a kept article with `id` (documents are added in increasing order).
    pub(crate) fn push_kept(&mut self, doc: u32, id: &str) {
        self.kept_docs.push(doc);
        self.ids.push_str(id);
        self.id_ends.push(self.ids.len() as u32);
    }

    pub(crate) fn sig(&self, doc: u32) -> &[u8] {
        let b = self.hasher.sig_bytes();
        &self.sigs[doc as usize * b..(doc as usize + 1) * b]
    }

    /// Writes the index to `path` atomically (temporary file in the same folder, then rename).
    pub fn save(&self, path: &Path) -> Result<()> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
        {
            let mut w = std::io::BufWriter::new(tmp.as_file_mut());
            self.write_to(&mut w).map_err(|e| Error::io(path, e))?;
            w.flush().map_err(|e| Error::io(path, e))?;
        }
        tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
        Ok(())
    }

    /// Reads an index written by [`DedupIndex::save`].
    pub fn load(path: &Path) -> Result<Self> {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Self::read_from(std::io::BufReader::new(f)).map_err(|e| match e {
            Error::Config(d) => Error::Input {
                path: path.display().to_string(),
                line: 0,
                detail: d,
            },
            other => other,
        })
    }

    /// Serialises the index (format in the module docs).
    pub fn write_to(&self, w: &mut impl Write) -> std::io::Result<()> {
        let mut w = HashingWriter {
            inner: w,
            hash: Xxh3::new(),
        };
        let p = &self.params;
        w.put(MAGIC)?;
        w.put(&VERSION.to_le_bytes())?;
        for v in [p.bands, p.rows, p.ngram, p.window, p.max_members] {
            w.put(&(v as u32).to_le_bytes())?;
        }
        w.put(&p.seed.to_le_bytes())?;
        w.put(&p.threshold.to_le_bytes())?;
        w.put(&p.containment.to_le_bytes())?;
        w.put(&(p.min_shingles as u32).to_le_bytes())?;
        w.put(&(self.len() as u64).to_le_bytes())?;
        w.put(&(self.kept() as u64).to_le_bytes())?;
        w.put(&(self.ids.len() as u64).to_le_bytes())?;
        let mut buf = Vec::with_capacity(1 << 16);
        put_all(&mut w, &mut buf, &self.keys, |b, v| {
            b.extend_from_slice(&v.to_le_bytes())
        })?;
        w.put(&self.sigs)?;
        put_all(&mut w, &mut buf, &self.exact, |b, v| {
            b.extend_from_slice(&v.to_le_bytes())
        })?;
        put_all(&mut w, &mut buf, &self.shingles, |b, v| {
            b.extend_from_slice(&v.to_le_bytes())
        })?;
        put_all(&mut w, &mut buf, &self.canon, |b, v| {
            b.extend_from_slice(&v.to_le_bytes())
        })?;
        put_all(&mut w, &mut buf, &self.kept_docs, |b, v| {
            b.extend_from_slice(&v.to_le_bytes())
        })?;
        let mut start = 0u32;
        let lens: Vec<u32> = self
            .id_ends
            .iter()
            .map(|&e| {
                let l = e - start;
                start = e;
                l
            })
            .collect();
        put_all(&mut w, &mut buf, &lens, |b, v| {
            b.extend_from_slice(&v.to_le_bytes())
        })?;
        w.put(self.ids.as_bytes())?;
        let sum = w.hash.digest();
        w.inner.write_all(&sum.to_le_bytes())
    }

    /// Deserialises an index; every inconsistency is an error, never a panic.
    pub fn read_from(r: impl Read) -> Result<Self> {
        let bad = |d: &str| Error::Config(format!("dedup index: {d}"));
        let mut r = HashingReader {
            inner: r,
            hash: Xxh3::new(),
        };
        let mut magic = [0u8; 8];
        r.get(&mut magic).map_err(|_| bad("truncated header"))?;
        if &magic != MAGIC {
            return Err(bad("not a ghirbal dedup index (bad magic)"));
        }
        let version = r.u32().map_err(|_| bad("truncated header"))?;
        if version == 1 {
            return Err(bad(
                "version 1, written before containment verification: it holds no shingle \
                 counts, so this build cannot extend it; rebuild the index by deduplicating the \
                 earlier crawls again",
            ));
        }
        if version != VERSION {
            return Err(bad(&format!(
                "unsupported version {version} (this build reads {VERSION})"
            )));
        }
        let mut h = [0u32; 5];
        for v in &mut h {
            *v = r.u32().map_err(|_| bad("truncated header"))?;
        }
        let seed = r.u64().map_err(|_| bad("truncated header"))?;
        let threshold = f32::from_bits(r.u32().map_err(|_| bad("truncated header"))?);
        let containment = f32::from_bits(r.u32().map_err(|_| bad("truncated header"))?);
        let min_shingles = r.u32().map_err(|_| bad("truncated header"))?;
        let params = DedupParams {
            bands: h[0] as usize,
            rows: h[1] as usize,
            ngram: h[2] as usize,
            window: h[3] as usize,
            max_members: h[4] as usize,
            seed,
            threshold,
            containment,
            min_shingles: min_shingles as usize,
        };
        params.validate().map_err(|e| bad(&e.to_string()))?;
        let n = r.u64().map_err(|_| bad("truncated header"))?;
        let k = r.u64().map_err(|_| bad("truncated header"))?;
        let id_bytes = r.u64().map_err(|_| bad("truncated header"))?;
        if n > u32::MAX as u64 || k > n || id_bytes > u32::MAX as u64 {
            return Err(bad("inconsistent counts"));
        }
        let (n, k) = (n as usize, k as usize);
        let mut idx = DedupIndex::new(params)?;
        let sig_bytes = idx.hasher.sig_bytes();
        let trunc = |_| bad("truncated data");
        idx.keys = r.vec(n * idx.params.bands, 4, u32_le).map_err(trunc)?;
        idx.sigs = r.vec(n * sig_bytes, 1, |b| b[0]).map_err(trunc)?;
        idx.exact = r.vec(n, 16, u128_le).map_err(trunc)?;
        idx.shingles = r.vec(n, 4, u32_le).map_err(trunc)?;
        idx.canon = r.vec(n, 4, u32_le).map_err(trunc)?;
        idx.kept_docs = r.vec(k, 4, u32_le).map_err(trunc)?;
        let lens: Vec<u32> = r.vec(k, 4, u32_le).map_err(trunc)?;
        let raw: Vec<u8> = r.vec(id_bytes as usize, 1, |b| b[0]).map_err(trunc)?;
        let sum = r.hash.digest();
        let mut stored = [0u8; 8];
        r.inner.read_exact(&mut stored).map_err(trunc)?;
        if u64::from_le_bytes(stored) != sum {
            return Err(bad("checksum mismatch"));
        }
        let mut extra = [0u8; 1];
        if matches!(r.inner.read(&mut extra), Ok(n) if n > 0) {
            return Err(bad("trailing bytes"));
        }
        idx.ids = String::from_utf8(raw).map_err(|_| bad("ids are not UTF-8"))?;
        let mut end = 0u64;
        for l in lens {
            end += l as u64;
            if end > idx.ids.len() as u64 || !idx.ids.is_char_boundary(end as usize) {
                return Err(bad("id lengths do not match the ids"));
            }
            idx.id_ends.push(end as u32);
        }
        if end != idx.ids.len() as u64 {
            return Err(bad("id lengths do not match the ids"));
        }
        if idx.kept_docs.windows(2).any(|w| w[0] >= w[1])
            || idx.kept_docs.iter().any(|&d| d as usize >= n)
        {
            return Err(bad("kept documents out of order or range"));
        }
        if idx.kept_docs.iter().any(|&k| idx.canon[k as usize] != k) {
            return Err(bad("a kept article does not point to itself"));
        }
        for (d, &c) in idx.canon.iter().enumerate() {
            if c as usize >= n || idx.kept_docs.binary_search(&c).is_err() {
                return Err(bad(&format!("document {d} points to a non-kept article")));
            }
        }
        Ok(idx)
    }
}

fn u32_le(b: &[u8]) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(b);
    u32::from_le_bytes(a)
}

fn u128_le(b: &[u8]) -> u128 {
    let mut a = [0u8; 16];
    a.copy_from_slice(b);
    u128::from_le_bytes(a)
}

fn put_all<W: Write, T: Copy>(
    w: &mut HashingWriter<W>,
    buf: &mut Vec<u8>,
    items: &[T],
    enc: impl Fn(&mut Vec<u8>, T),
) -> std::io::Result<()> {
    for chunk in items.chunks(4096) {
        buf.clear();
        for &v in chunk {
            enc(buf, v);
        }
        w.put(buf)?;
    }
    Ok(())
}

struct HashingWriter<W> {
    inner: W,
    hash: Xxh3,
}

impl<W: Write> HashingWriter<W> {
    fn put(&mut self, b: &[u8]) -> std::io::Result<()> {
        self.hash.update(b);
        self.inner.write_all(b)
    }
}

struct HashingReader<R> {
    inner: R,
    hash: Xxh3,
}

impl<R: Read> HashingReader<R> {
    fn get(&mut self, b: &mut [u8]) -> std::io::Result<()> {
        self.inner.read_exact(b)?;
        self.hash.update(b);
        Ok(())
    }

    fn u32(&mut self) -> std::io::Result<u32> {
        let mut b = [0u8; 4];
        self.get(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn u64(&mut self) -> std::io::Result<u64> {
        let mut b = [0u8; 8];
        self.get(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    /// Reads `count` items of `width` bytes, growing the vector chunk by chunk so a corrupted
    /// count cannot force a huge allocation before the data runs out.
    fn vec<T>(
        &mut self,
        count: usize,
        width: usize,
        dec: impl Fn(&[u8]) -> T,
    ) -> std::io::Result<Vec<T>> {
        const CHUNK: usize = 8192;
        let mut out = Vec::with_capacity(count.min(CHUNK));
        let mut buf = vec![0u8; CHUNK * width];
        let mut left = count;
        while left > 0 {
            let m = left.min(CHUNK);
            let b = &mut buf[..m * width];
            self.get(b)?;
            out.extend(b.chunks_exact(width).map(&dec));
            left -= m;
        }
        Ok(out)
    }
}

// Round-trip and corruption tests live in `mod.rs` (they need documents to deduplicate).
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_index_round_trips() {
        let idx = DedupIndex::new(DedupParams::default()).unwrap();
        let mut bytes = Vec::new();
        idx.write_to(&mut bytes).unwrap();
        let back = DedupIndex::read_from(&bytes[..]).unwrap();
        assert_eq!(back.params(), idx.params());
        assert!(back.is_empty());
    }

    #[test]
    fn rejects_bad_magic_version_and_truncation() {
        let idx = DedupIndex::new(DedupParams::default()).unwrap();
        let mut bytes = Vec::new();
        idx.write_to(&mut bytes).unwrap();
        let mut b = bytes.clone();
        b[0] = b'X';
        assert!(DedupIndex::read_from(&b[..]).is_err());
        let mut b = bytes.clone();
        b[8] = 9;
        assert!(DedupIndex::read_from(&b[..]).is_err());
        assert!(DedupIndex::read_from(&bytes[..bytes.len() - 1]).is_err());
        let mut b = bytes.clone();
        b.push(0);
        assert!(DedupIndex::read_from(&b[..]).is_err());
        // A huge document count with no data behind it fails cleanly.
        let mut b = bytes.clone();
        b[52..60].copy_from_slice(&(1u64 << 31).to_le_bytes());
        assert!(DedupIndex::read_from(&b[..]).is_err());
    }

    #[test]
    fn version_1_index_is_a_clear_error() {
        let idx = DedupIndex::new(DedupParams::default()).unwrap();
        let mut bytes = Vec::new();
        idx.write_to(&mut bytes).unwrap();
        bytes[8..12].copy_from_slice(&1u32.to_le_bytes());
        let err = DedupIndex::read_from(&bytes[..]).unwrap_err().to_string();
        assert!(err.contains("version 1"), "{err}");
        assert!(err.contains("rebuild"), "{err}");
    }
}

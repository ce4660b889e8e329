//! `articles.parquet`: the kept articles as a Parquet file (`--output-format parquet`).
//!
//! Flat columns for what training pipelines select on (`id`, `source_id`, `url`, `domain`, `title`,
//! `text`, `lang`, `lang_score`), plus `record`: the whole article record as JSON (body, captions,
//! byline, related, quality, dup, removed, cuts, metadata), so nothing in the JSONL output is lost.
//! zstd-compressed row groups of [`ROWS_PER_GROUP`] rows; written atomically.

use super::record::ArticleRecord;
use crate::io::AtomicFile;
use crate::{Error, Result};
use parquet::basic::{Compression, ZstdLevel};
use parquet::data_type::{ByteArray, ByteArrayType, FloatType};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::path::Path;
use std::sync::Arc;

/// Rows buffered per row group.
pub const ROWS_PER_GROUP: usize = 8192;

const SCHEMA: &str = "message article {
  required binary id (UTF8);
  required binary source_id (UTF8);
  optional binary url (UTF8);
  optional binary domain (UTF8);
  optional binary title (UTF8);
  required binary text (UTF8);
  required binary lang (UTF8);
  required float lang_score;
  required binary record (UTF8);
}";

/// Streams articles into a Parquet file.
pub struct ParquetArticleWriter {
    writer: SerializedFileWriter<AtomicFile>,
    rows: Vec<ArticleRecord>,
    written: u64,
}

fn perr(e: parquet::errors::ParquetError) -> Error {
    Error::Config(format!("parquet output: {e}"))
}

impl ParquetArticleWriter {
    /// Starts writing `path` (atomically: nothing appears under `path` before [`Self::commit`]).
    pub fn create(path: &Path) -> Result<Self> {
        let schema = Arc::new(parse_message_type(SCHEMA).map_err(perr)?);
        let level = ZstdLevel::try_new(3).map_err(perr)?;
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::ZSTD(level))
                .build(),
        );
        let file = AtomicFile::create(path)?;
        let writer = SerializedFileWriter::new(file, schema, props).map_err(perr)?;
        Ok(ParquetArticleWriter {
            writer,
            rows: Vec::with_capacity(ROWS_PER_GROUP),
            written: 0,
        })
    }

    /// Adds one article.
    pub fn write(&mut self, article: &ArticleRecord) -> Result<()> {
        self.rows.push(article.clone());
        if self.rows.len() >= ROWS_PER_GROUP {
            self.flush_group()?;
        }
        Ok(())
    }

    fn flush_group(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        let req = |f: &dyn Fn(&ArticleRecord) -> &str| -> Vec<ByteArray> {
            rows.iter()
                .map(|r| ByteArray::from(f(r).as_bytes().to_vec()))
                .collect()
        };
        let opt = |f: &dyn Fn(&ArticleRecord) -> Option<&str>| -> (Vec<ByteArray>, Vec<i16>) {
            let mut vals = Vec::new();
            let mut defs = Vec::with_capacity(rows.len());
            for r in &rows {
                match f(r) {
                    Some(v) => {
                        vals.push(ByteArray::from(v.as_bytes().to_vec()));
                        defs.push(1);
                    }
                    None => defs.push(0),
                }
            }
            (vals, defs)
        };
        let records: Vec<ByteArray> = rows
            .iter()
            .map(|r| serde_json::to_vec(r).map(ByteArray::from))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| Error::Config(format!("parquet output: {e}")))?;
        let mut group = self.writer.next_row_group().map_err(perr)?;
        let mut col = 0usize;
        while let Some(mut c) = group.next_column().map_err(perr)? {
            match col {
                0 => {
                    c.typed::<ByteArrayType>()
                        .write_batch(&req(&|r| &r.id), None, None)
                        .map_err(perr)?;
                }
                1 => {
                    c.typed::<ByteArrayType>()
                        .write_batch(&req(&|r| &r.source_id), None, None)
                        .map_err(perr)?;
                }
                2..=4 => {
                    let (vals, defs) = match col {
                        2 => opt(&|r| r.url.as_deref()),
                        3 => opt(&|r| r.domain.as_deref()),
                        _ => opt(&|r| r.title.as_deref()),
                    };
                    c.typed::<ByteArrayType>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(perr)?;
                }
                5 => {
                    c.typed::<ByteArrayType>()
                        .write_batch(&req(&|r| &r.text), None, None)
                        .map_err(perr)?;
                }
                6 => {
                    c.typed::<ByteArrayType>()
                        .write_batch(&req(&|r| &r.lang), None, None)
                        .map_err(perr)?;
                }
                7 => {
                    let scores: Vec<f32> = rows.iter().map(|r| r.lang_score).collect();
                    c.typed::<FloatType>()
                        .write_batch(&scores, None, None)
                        .map_err(perr)?;
                }
                _ => {
                    c.typed::<ByteArrayType>()
                        .write_batch(&records, None, None)
                        .map_err(perr)?;
                }
            }
            c.close().map_err(perr)?;
            col += 1;
        }
        group.close().map_err(perr)?;
        self.written += rows.len() as u64;
        Ok(())
    }

    /// Finishes the file and moves it to its final name; returns the number of rows.
    pub fn commit(mut self) -> Result<u64> {
        self.flush_group()?;
        let file = self.writer.into_inner().map_err(perr)?;
        file.commit()?;
        Ok(self.written)
    }
}

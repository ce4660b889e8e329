//! Corpus readers (JSONL[.gz|.zst], Parquet, WET, text files, stdin) and atomic writers.

//! Exact and near-duplicate detection (MinHash-LSH), clustering and provenance.

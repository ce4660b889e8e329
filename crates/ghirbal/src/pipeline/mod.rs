//! The `clean` pipeline: readers → survey → structure → filters → dedup → writers.

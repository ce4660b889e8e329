//! One page in, an [`ghirbal_core::Extraction`] out: the `ghirbal extract` path.

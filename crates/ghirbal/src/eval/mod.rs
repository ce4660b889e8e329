//! Scoring extraction against gold (`ghirbal eval`). See `LABELING.md` for the gold format.

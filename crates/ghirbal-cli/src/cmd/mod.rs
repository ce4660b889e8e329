//! One file per subcommand.

pub mod clean;
pub mod eval;
pub mod extract;
pub mod report;

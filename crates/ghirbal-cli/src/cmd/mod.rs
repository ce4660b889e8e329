//! One file per subcommand.

pub mod eval;
pub mod extract;

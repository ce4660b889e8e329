//! One file per subcommand.

pub mod extract;

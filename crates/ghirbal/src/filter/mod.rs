//! Document filters: language id and Arabic-correct quality signals.

pub mod lang;

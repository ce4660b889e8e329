//! The Arabic text model: decoding bytes to text, and the display and matching forms of a line.

pub mod decode;
pub mod normalize;

pub use decode::{decode, Decoded};
pub use normalize::{display_form, matching_form};

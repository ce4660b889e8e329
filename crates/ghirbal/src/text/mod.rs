//! The Arabic text model: decoding bytes to text, and the display and matching forms of a line.
//!
//! * [`decode`]: bytes → [`Decoded`] text (UTF-8 with or without BOM, UTF-16/32, windows-1256,
//!   ISO-8859-6 and other legacy encodings); binary input is an [`crate::Error::Binary`].
//! * [`display_form`] / [`matching_form`]: the two forms of a line, and
//!   [`display_with_offsets`] / [`matching_with_offsets`] for the same with byte offsets back
//!   into the input ([`Normalized`]).
//! * [`code`]: where a style sheet or script glued into a line of text starts.

pub mod chars;
pub mod code;
pub mod decode;
pub mod normalize;

pub use decode::{decode, Decoded};
pub use normalize::{
    display_form, display_form_into, display_with_offsets, matching_form, matching_form_into,
    matching_with_offsets, Normalized,
};

//! Fuzzes the display and matching forms: idempotence, agreement with the offset variants,
//! offsets monotonic, in bounds and on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

use ghirbal::text::{display_form, display_with_offsets, matching_form, matching_with_offsets};

fuzz_target!(|s: &str| {
    let display = display_form(s);
    assert_eq!(display_form(&display), display);
    let matching = matching_form(s);
    assert_eq!(matching_form(&matching), matching);
    assert_eq!(matching_form(&display), matching);
    for (text, n) in [
        (display, display_with_offsets(s)),
        (matching, matching_with_offsets(s)),
    ] {
        assert_eq!(n.text, text);
        assert_eq!(n.offsets.len(), n.text.len());
        let mut prev = 0;
        for &o in &n.offsets {
            assert!(o >= prev);
            assert!((o as usize) < s.len() && s.is_char_boundary(o as usize));
            prev = o;
        }
    }
});

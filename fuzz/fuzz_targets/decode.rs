//! Fuzzes `ghirbal::text::decode`: never panics; UTF-8 without replacements is a faithful copy.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = ghirbal::text::decode(data, "fuzz") {
        if d.encoding == "UTF-8" && d.replaced == 0 && !d.bom {
            assert_eq!(d.text.as_bytes(), data);
        }
        // Whatever was decoded must normalize without panicking.
        let _ = ghirbal::text::matching_form(&d.text);
    }
});

//! Property test: structure recovery never panics, whatever the text, and labels every line.

use proptest::prelude::*;

fn page_strategy() -> impl Strategy<Value = String> {
    // Lines drawn from Arabic letters, punctuation that the shapes parse (– — : « » ( ) [ ] |),
    // digits, Latin and spaces, joined by newlines.
    let ch = prop_oneof![
        proptest::char::range('\u{0621}', '\u{064A}'),
        proptest::char::range('\u{064B}', '\u{0652}'),
        Just(' '),
        Just(' '),
        Just('–'),
        Just('—'),
        Just('-'),
        Just(':'),
        Just('«'),
        Just('»'),
        Just('('),
        Just(')'),
        Just('['),
        Just(']'),
        Just('|'),
        Just('.'),
        Just('،'),
        Just('&'),
        proptest::char::range('0', '9'),
        proptest::char::range('a', 'z'),
        any::<char>(),
    ];
    let line =
        proptest::collection::vec(ch, 0..120).prop_map(|v| v.into_iter().collect::<String>());
    proptest::collection::vec(line, 0..40).prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn extract_never_panics_and_labels_every_line(page in page_strategy()) {
        let ex = ghirbal::extract::extract_text(&page, "prop");
        prop_assert_eq!(ex.lines.len(), page.split('\n').count());
    }
}

//! Style sheets and scripts glued into a line of text.
//!
//! A scraper that takes an element's `textContent` also takes the `<style>` and `<script>` inside
//! it: a poll widget's CSS and jQuery land at the end of the article's one line
//! (`… ما النوع الذي تفضله؟ #vote_area2 ul { padding: 0; margin: 0; } .box_vote { … }
//! jQuery(document).ready(function(){ … });`). The line is then mostly ASCII code, and the
//! article is rejected as not Arabic. [`code_start`] finds where such code starts, so the text
//! before it can be kept and the rest cut (reason [`REASON`]).

use regex::Regex;
use std::sync::OnceLock;

/// The reason of a cut made at [`code_start`].
pub const REASON: &str = "code:inline";

/// Fewest bytes of code after the start for a cut: a short `{…}` in prose is not a style sheet.
const MIN_CODE_BYTES: usize = 150;
/// Fewest braces and semicolons in that code.
const MIN_CODE_MARKS: usize = 6;

/// The start of a CSS rule (`#vote_area2 ul {`, `.box_vote h4 {`, `@media screen {` followed by
/// a property `padding:`) or of a script statement (`jQuery(`, `$(document)`, `function(`,
/// `document.`, `window.`, `var x =`).
fn anchor() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?: [\#.@]?[A-Za-z][A-Za-z0-9_-]* (?:\[[^\]\s]*\])?
                (?: [\ >+~,]+ [\#.]?[A-Za-z][A-Za-z0-9_-]* (?:\[[^\]\s]*\])? )*
                \ ?\{\ ?[a-z-]+\ ?: )
            | (?: (?-u:\b)(?:jQuery|document|window)[.(] | \$\( | (?-u:\b)function\ ?\( | (?-u:\b)var\ [A-Za-z_][A-Za-z0-9_]*\ ?= )",
        )
        .expect("a valid pattern")
    })
}

/// The byte offset in `line` where a glued style sheet or script starts, when the text before it
/// is not empty and what follows is code: at least [`MIN_CODE_BYTES`] bytes, nine in ten of its
/// non-space characters ASCII, with [`MIN_CODE_MARKS`] braces and semicolons. `None` otherwise
/// (prose that mentions `function(` or quotes a `{…}` stays whole).
pub fn code_start(line: &str) -> Option<usize> {
    // Nearly every line has fewer braces and semicolons than code has (a Quran quote has two
    // braces): no regex search for those.
    let marks = memchr::memchr3_iter(b'{', b'}', b';', line.as_bytes()).count();
    if marks < MIN_CODE_MARKS {
        return None;
    }
    let m = anchor().find(line)?;
    let start = m.start();
    if line[..start].trim().is_empty() {
        return None;
    }
    let code = &line[start..];
    if code.len() < MIN_CODE_BYTES {
        return None;
    }
    let marks = code
        .bytes()
        .filter(|c| matches!(c, b'{' | b'}' | b';'))
        .count();
    let (ascii, all) = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .fold((0usize, 0usize), |(a, n), c| {
            (a + usize::from(c.is_ascii()), n + 1)
        });
    (marks >= MIN_CODE_MARKS && ascii * 10 >= all * 9).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSS: &str = "#vote_area2 ul { padding: 0; margin: 0; } .box_vote { zbackground: #FFFFFF; padding:18px; margin-bottom:10px; overflow: hidden; } .box_vote h4 { font:bold 12px Tahoma; color: #7b7a7a; margin:0; }";
    const JS: &str = "jQuery.noConflict(); jQuery(document).ready(function(){ jQuery('#vote_form2').submit(function() { jQuery('#vote_area2').html('انتظر لحظات…'); return false; }); });";

    #[test]
    fn style_and_script_glued_to_a_line_are_found() {
        // Regression (SaudiNewsNet, alriyadh polls): the article and a poll widget's CSS and
        // jQuery on one line; the article was rejected as `lang:und`.
        let body = "ما النوع الذي تفضله وإلى أي جانب أنت؟ وهل ما تفضله عادة يكون هو ما يعمل به في المنزل؟.";
        let line = format!("{body} {CSS} {JS} كيف تتناول إفطارك في رمضان؟");
        assert_eq!(code_start(&line), Some(body.len() + 1));
        let line = format!("{body} {JS}");
        assert_eq!(code_start(&line), Some(body.len() + 1));
    }

    #[test]
    fn prose_with_braces_is_not_code() {
        // A Quran quote in braces, a short formula, a line that is code from its start.
        for line in [
            "قال تعالى: {وَلَقَدْ زَيَّنَّا السَّمَاءَ الدُّنْيَا بِمَصَابِيحَ}; صدق الله العظيم.",
            "وكتب المبرمج الدالة function(x) { return x; } في سطر واحد ثم شرحها للطلاب بالتفصيل.",
            CSS,
        ] {
            assert_eq!(code_start(line), None, "{line}");
        }
    }
}

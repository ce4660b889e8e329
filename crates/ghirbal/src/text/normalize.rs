//! Display and matching forms. (Provisional; the full text model replaces this.)

/// Display form: trimmed, whitespace runs collapsed to one space, invisible controls removed.
pub fn display_form(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| c.is_whitespace() || is_invisible(c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Matching form: Arabic letter variants folded, diacritics and tatweel removed, digits ASCII,
/// lowercased.
pub fn matching_form(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in display_form(s).chars() {
        match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            'ـ' | '\u{064B}'..='\u{065F}' | '\u{0670}' => {}
            '٠'..='٩' => out.push((b'0' + (c as u32 - '٠' as u32) as u8) as char),
            '۰'..='۹' => out.push((b'0' + (c as u32 - '۰' as u32) as u8) as char),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

//! Escaping for GitHub-flavoured Markdown table cells.

/// `text` as literal Markdown inline text: every ASCII punctuation character that
/// Markdown or HTML gives a meaning (`|` ends a cell) is escaped with a backslash, and
/// control characters are written as escapes, so a cell stays one line of plain text.
pub fn escape(text: &str) -> String {
    let text = crate::output::escape(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | ',' | ';' | ':' | '/' | '=' | '?' | '@' | '%') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_stay_cells() {
        assert_eq!(super::escape("a|b\n<x> *y* [z](u)"), "a\\|b\\\\n\\<x\\> \\*y\\* \\[z\\]\\(u\\)");
    }
}

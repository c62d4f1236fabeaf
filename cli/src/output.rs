//! Writing what the command line prints: escaping of what it quotes from the input, and
//! lines on stderr that report a failure to write instead of panicking.

use std::borrow::Cow;
use std::io::Write;

/// `text` with every character that could end a line, move the cursor or reorder what a
/// terminal shows written as an escape (`\n`, `\r`, `\t`, `\u{1b}`): control characters
/// (C0, DEL, C1), the Unicode line and paragraph separators and the bidirectional
/// overrides. No file name, value or member path quoted through it can start a line of
/// its own.
///
/// ```text
/// "a\n::error::x" → "a\\n::error::x"
/// ```
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Writes `line` and a newline to stderr. A failure (stderr on a full disk, closed) is
/// returned, never a panic.
pub fn stderr_line(line: &str) -> std::io::Result<()> {
    let mut stderr = std::io::stderr().lock();
    stderr.write_all(line.as_bytes()).and_then(|()| stderr.write_all(b"\n")).and_then(|()| stderr.flush())
}

/// Writes `error: message` to stderr, ignoring a failure to do so: the caller's exit status
/// already says that something went wrong.
pub fn error(message: &str) {
    let _ = stderr_line(&format!("error: {message}"));
}

/// Restores the default action of SIGPIPE, which Rust's runtime ignores: writing to a
/// closed pipe (`evovoice-contracts validate … | head`) then ends the process quietly, as
/// it ends other Unix tools.
pub fn default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default has no preconditions; no
    // handler runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn line_breaks_and_controls_are_escaped() {
        assert_eq!(escape("a\n::error file=x::y"), "a\\n::error file=x::y");
        assert_eq!(escape("\r\t\u{1b}[2J\u{85}\u{2028}\u{202E}"), "\\r\\t\\u{1b}[2J\\u{85}\\u{2028}\\u{202e}");
        assert!(matches!(escape("plain é"), std::borrow::Cow::Borrowed("plain é")));
    }
}

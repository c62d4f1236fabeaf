//! ServiceStack.Text's string escaping, as a `serde_json` formatter.
//!
//! serde_json escapes what JSON requires (quote, backslash, U+0000–U+001F) and writes
//! other control characters lowercase (`\u001f`). ServiceStack's `JsonUtils.WriteString`
//! differs in two ways, both handled here: the hex digits are uppercase, and every
//! character .NET's `char.IsControl` accepts is escaped, which adds U+007F–U+009F.
//! `/` and other non-ASCII characters are written as they are in both.

#[cfg(test)]
use serde_json::ser::CompactFormatter;
use serde_json::ser::{CharEscape, Formatter, PrettyFormatter};
use std::io::{self, Write};

/// A formatter that lays out like `F` and escapes strings like ServiceStack.Text.
pub(crate) struct ServiceStack<F>(pub(crate) F);

/// ServiceStack's layout: no whitespace at all (the direct writer's reference in tests).
#[cfg(test)]
pub(crate) fn compact() -> ServiceStack<CompactFormatter> {
    ServiceStack(CompactFormatter)
}

/// Two-space indentation (a convenience: ServiceStack writes no whitespace).
pub(crate) fn pretty() -> ServiceStack<PrettyFormatter<'static>> {
    ServiceStack(PrettyFormatter::new())
}

/// Writes `\uXXXX` with uppercase hex digits, as ServiceStack's `IntToHex`.
fn write_u_escape<W: ?Sized + Write>(writer: &mut W, code: u8) -> io::Result<()> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    writer.write_all(&[b'\\', b'u', b'0', b'0', HEX[usize::from(code >> 4)], HEX[usize::from(code & 0xF)]])
}

impl<F: Formatter> Formatter for ServiceStack<F> {
    fn write_char_escape<W: ?Sized + Write>(&mut self, writer: &mut W, escape: CharEscape) -> io::Result<()> {
        let short: &[u8] = match escape {
            CharEscape::Quote => b"\\\"",
            CharEscape::ReverseSolidus => b"\\\\",
            CharEscape::Solidus => b"/",
            CharEscape::Backspace => b"\\b",
            CharEscape::FormFeed => b"\\f",
            CharEscape::LineFeed => b"\\n",
            CharEscape::CarriageReturn => b"\\r",
            CharEscape::Tab => b"\\t",
            CharEscape::AsciiControl(code) => return write_u_escape(writer, code),
        };
        writer.write_all(short)
    }

    /// Writes a run that serde_json found nothing to escape in, escaping U+007F (one
    /// byte, `7F`) and U+0080–U+009F (two bytes, `C2 80`–`C2 9F`).
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let bytes = fragment.as_bytes();
        // Most text has no byte from 0x7F up. In UTF-8 (no byte above 0xF4) that is
        // exactly when no byte plus one has its high bit set; or-ing them all lets the
        // compiler check many bytes at once.
        if bytes.iter().fold(0u8, |seen, &b| seen | b.wrapping_add(1)) & 0x80 == 0 {
            return writer.write_all(bytes);
        }
        let mut start = 0;
        for at in memchr::memchr2_iter(0x7F, 0xC2, bytes) {
            let (code, width) = match (bytes[at], bytes.get(at + 1)) {
                (0x7F, _) => (0x7F, 1),
                (_, Some(&second)) if (0x80..=0x9F).contains(&second) => (second, 2),
                _ => continue,
            };
            writer.write_all(&bytes[start..at])?;
            write_u_escape(writer, code)?;
            start = at + width;
        }
        writer.write_all(&bytes[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    fn escape(text: &str) -> String {
        let mut out = Vec::new();
        text.serialize(&mut serde_json::Serializer::with_formatter(&mut out, super::compact())).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn as_servicestack_writes_strings() {
        assert_eq!(escape("a\"b\\c/d"), r#""a\"b\\c/d""#);
        assert_eq!(escape("\u{8}\u{c}\n\r\t"), r#""\b\f\n\r\t""#);
        assert_eq!(escape("\u{0}\u{1}\u{1f}"), r#""\u0000\u0001\u001F""#);
        assert_eq!(escape("x\u{7f}y\u{80}z\u{9f}\u{a0}é"), "\"x\\u007Fy\\u0080z\\u009F\u{a0}é\"");
        assert_eq!(escape("\u{7f}\u{7f}"), r#""\u007F\u007F""#);
        assert_eq!(escape("😀\u{2028}"), "\"😀\u{2028}\"");
    }
}

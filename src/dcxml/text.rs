//! Character-level rules of XML as .NET reads it: references, forbidden characters,
//! end-of-line normalization and `XmlConvert.ToBoolean`.

use std::borrow::Cow;

use super::rules::Malformed;

/// .NET's `XmlConvert.ToBoolean`: `true`, `false`, `1`, `0`, surrounding whitespace allowed.
pub fn parse_xml_bool(text: &str) -> Option<bool> {
    match text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// Whether `ch` is a C0 control character that XML 1.0 does not allow, even as a
/// reference (every one but tab, newline and carriage return).
pub(crate) fn is_restricted_control(ch: char) -> bool {
    ((ch as u32) < 0x20 && !matches!(ch, '\t' | '\n' | '\r')) || matches!(ch, '\u{FFFE}' | '\u{FFFF}')
}

/// Finds a character XML 1.0 forbids in raw text: C0 controls but tab, newline and
/// carriage return; U+FFFE and U+FFFF. Returns its byte index and the character. (The rule
/// is [`rules::check_chars`](super::rules::check_chars); this is its scan.)
pub(crate) fn find_forbidden(bytes: &[u8]) -> Option<(usize, char)> {
    // Text is checked on every read; skip eight bytes at a time while none is a control
    // character or 0xEF (the lead byte of U+FFFE and U+FFFF).
    let mut start = 0;
    while start + 8 <= bytes.len() {
        let word = crate::swar::load(bytes, start);
        if may_be_forbidden(word) {
            break;
        }
        start += 8;
    }
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') {
            return Some((i, b as char));
        }
        if b == 0xEF && bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) {
            return Some((i, if bytes[i + 2] == 0xBE { '\u{FFFE}' } else { '\u{FFFF}' }));
        }
    }
    None
}

/// The length of the plain text at the start of `bytes`: text the general path would take
/// as it is, with nothing to resolve (`&`), normalize (`\r`) or refuse (a forbidden
/// character, `]]>`), up to the first `<` (or the end). Eight bytes at a time while no
/// byte may be one of those. (.NET writes `>` as `&gt;`, so a raw `>` is rare enough to
/// be a stop: one whose text does not end in `]]` is passed.)
#[inline]
pub(crate) fn plain_text_len(bytes: &[u8]) -> usize {
    use crate::swar::{below, equal, load};
    let mut at = 0;
    while at < bytes.len() {
        let word = load(bytes, at);
        let flags = below(word, 0x20) | equal(word, 0xEF) | equal(word, b'<') | equal(word, b'&') | equal(word, b'>');
        if flags == 0 {
            at += 8;
            continue;
        }
        // The lowest flag is exact (only flags above a true one can be false).
        let hit = at + (flags.trailing_zeros() / 8) as usize;
        match bytes.get(hit) {
            // Zeros past the end of the input.
            None => return bytes.len(),
            Some(b'\t' | b'\n') => at = hit + 1,
            Some(b'>') if !(hit >= 2 && &bytes[hit - 2..hit] == b"]]") => at = hit + 1,
            Some(0xEF) if !(bytes.get(hit + 1) == Some(&0xBF) && matches!(bytes.get(hit + 2), Some(0xBE | 0xBF))) => {
                at = hit + 1
            }
            Some(_) => return hit,
        }
    }
    bytes.len()
}

/// Whether any byte of `word` is below 0x20 or is 0xEF.
#[inline]
fn may_be_forbidden(word: u64) -> bool {
    (crate::swar::below(word, 0x20) | crate::swar::equal(word, 0xEF)) != 0
}

/// What a reference names: a character, or one half of a surrogate pair (written as two
/// references, which .NET's reader joins).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A character.
    Char(char),
    /// A UTF-16 surrogate, U+D800 to U+DFFF.
    Surrogate(u16),
}

/// Joins references to the two halves of a surrogate pair (`&#xD83D;&#xDE00;`) into one
/// character, as .NET's reader does. A half without its other half reads as U+FFFD: .NET
/// reads it into a string it cannot write back, and its writer puts U+FFFD in its place.
#[derive(Debug, Default)]
pub(crate) struct Pairing {
    high: Option<u16>,
}

impl Pairing {
    /// Takes the next reference; appends what is complete to `out`.
    pub(crate) fn push(&mut self, resolved: Resolved, out: &mut String) {
        match (self.high.take(), resolved) {
            (Some(high), Resolved::Surrogate(low)) if (0xDC00..0xE000).contains(&low) => {
                let ch = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                out.push(char::from_u32(ch).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            (high, next) => {
                if high.is_some() {
                    out.push(char::REPLACEMENT_CHARACTER);
                }
                match next {
                    Resolved::Char(ch) => out.push(ch),
                    Resolved::Surrogate(unit) if unit < 0xDC00 => self.high = Some(unit),
                    Resolved::Surrogate(_) => out.push(char::REPLACEMENT_CHARACTER),
                }
            }
        }
    }

    /// Whether a high half waits for its low half.
    pub(crate) fn is_pending(&self) -> bool {
        self.high.is_some()
    }

    /// Something other than a reference follows: a waiting half is U+FFFD.
    pub(crate) fn flush(&mut self, out: &mut String) {
        if self.high.take().is_some() {
            out.push(char::REPLACEMENT_CHARACTER);
        }
    }
}

/// What a reference names (`amp`, `#x41`, `#65`), or why it names nothing.
///
/// XML 1.0 allows references to its Chars only; WCF's reader also takes U+0000, the other
/// C0 controls, U+FFFE and U+FFFF (WCF writes them so), and so does this function: any
/// Unicode scalar value, and the halves of surrogate pairs ([`Pairing`] joins them).
pub(crate) fn resolve_reference(name: &str) -> Result<Resolved, Malformed> {
    let ch = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return resolve_numeric(name),
    };
    Ok(Resolved::Char(ch))
}

fn resolve_numeric(name: &str) -> Result<Resolved, Malformed> {
    let Some(num) = name.strip_prefix('#') else {
        return Err(Malformed::UndeclaredEntity(name.to_owned()));
    };
    let value = match num.strip_prefix('x') {
        Some(hex) if !hex.is_empty() && hex.len() <= 8 => u32::from_str_radix(hex, 16).ok(),
        Some(_) => None,
        None if !num.is_empty() && num.len() <= 10 && num.bytes().all(|b| b.is_ascii_digit()) => num.parse().ok(),
        None => None,
    };
    match value {
        Some(unit @ 0xD800..=0xDFFF) => Ok(Resolved::Surrogate(unit as u16)),
        Some(value) => {
            char::from_u32(value).map(Resolved::Char).ok_or_else(|| Malformed::InvalidReference(name.to_owned()))
        }
        None => Err(Malformed::InvalidReference(name.to_owned())),
    }
}

/// An attribute value as the reader reads it: its references resolved (to any Unicode
/// scalar value, as WCF's reader takes them; each also given to `resolved`; surrogate
/// pairs joined). The error says why a reference cannot be read. What a raw value may hold
/// is [`rules::check_attribute_value`](super::rules::check_attribute_value)'s business.
pub(crate) fn unescape_attribute(raw: &str, mut resolved: impl FnMut(char)) -> Result<Cow<'_, str>, Malformed> {
    if memchr::memchr(b'&', raw.as_bytes()).is_none() {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut pairing = Pairing::default();
    while let Some(amp) = rest.find('&') {
        if amp > 0 {
            pairing.flush(&mut out);
        }
        out.push_str(&rest[..amp]);
        let Some(semi) = rest[amp..].find(';') else {
            return Err(Malformed::UnterminatedReference);
        };
        let reference = resolve_reference(&rest[amp + 1..amp + semi])?;
        if let Resolved::Char(ch) = reference {
            resolved(ch);
        }
        pairing.push(reference, &mut out);
        rest = &rest[amp + semi + 1..];
    }
    pairing.flush(&mut out);
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// XML 1.0 §2.11: `\r\n` and a lone `\r` read as `\n`.
pub(crate) fn normalize_line_ends(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\r') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Appends `more` to `text`, borrowing while there is only one piece.
pub(crate) fn append<'i>(text: &mut Cow<'i, str>, more: Cow<'i, str>) {
    if text.is_empty() {
        *text = more;
    } else {
        text.to_mut().push_str(&more);
    }
}

#[cfg(test)]
mod tests {
    use super::{find_forbidden, parse_xml_bool, plain_text_len, resolve_reference, Pairing, Resolved};

    #[test]
    fn plain_text_stops_where_a_bytewise_reading_would() {
        let stops = |b: &[u8]| {
            (0..b.len())
                .find(|&i| {
                    matches!(b[i], b'<' | b'&' | b'\r')
                        || (b[i] == b'>' && i >= 2 && &b[i - 2..i] == b"]]")
                        || find_forbidden(&b[i..]).is_some_and(|(at, _)| at == 0)
                })
                .unwrap_or(b.len())
        };
        let pieces: [&[u8]; 13] = [
            b"]]>",
            b"]",
            b">",
            b"abc",
            b"\t",
            b"\n",
            b"\r",
            b"<",
            b"&",
            b"\x01",
            "\u{FFFF}".as_bytes(),
            "\u{FEFF}".as_bytes(),
            "é".as_bytes(),
        ];
        for a in pieces {
            for b in pieces {
                for pad in 0..10 {
                    let text = [&b"x".repeat(pad)[..], a, b, b"yz"].concat();
                    assert_eq!(plain_text_len(&text), stops(&text), "{:?}", String::from_utf8_lossy(&text));
                }
            }
        }
    }

    #[test]
    fn surrogate_pairs_join_and_halves_read_as_replacement() {
        let read = |refs: &[&str]| {
            let mut out = String::new();
            let mut pairing = Pairing::default();
            for r in refs {
                pairing.push(resolve_reference(r).unwrap(), &mut out);
            }
            pairing.flush(&mut out);
            out
        };
        assert_eq!(resolve_reference("#xD83D"), Ok(Resolved::Surrogate(0xD83D)));
        assert_eq!(read(&["#xD83D", "#xDE00"]), "😀");
        assert_eq!(read(&["#55357", "#56832", "#x41"]), "😀A");
        assert_eq!(read(&["#xD83D"]), "\u{FFFD}");
        assert_eq!(read(&["#xDE00", "#xD83D"]), "\u{FFFD}\u{FFFD}");
        assert_eq!(read(&["#xD83D", "#x41"]), "\u{FFFD}A");
        assert!(resolve_reference("#x110000").is_err());
    }

    #[test]
    fn booleans_are_xml_converts() {
        assert_eq!(parse_xml_bool(" 1\n"), Some(true));
        assert_eq!(parse_xml_bool("False"), None);
    }
}

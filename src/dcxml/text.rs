//! Character-level rules of XML as .NET reads it: references, forbidden characters,
//! end-of-line normalization and `XmlConvert.ToBoolean`.

use std::borrow::Cow;

/// .NET's `XmlConvert.ToBoolean`: `true`, `false`, `1`, `0`, surrounding whitespace allowed.
pub fn parse_xml_bool(text: &str) -> Option<bool> {
    match text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// Whether `bytes` hold only XML whitespace (space, tab, newline, carriage return).
pub(crate) fn is_xml_whitespace(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// Whether `ch` is a C0 control character that XML 1.0 does not allow, even as a
/// reference (every one but tab, newline and carriage return).
pub(crate) fn is_restricted_control(ch: char) -> bool {
    ((ch as u32) < 0x20 && !matches!(ch, '\t' | '\n' | '\r')) || matches!(ch, '\u{FFFE}' | '\u{FFFF}')
}

/// Finds a character XML 1.0 forbids in raw text: C0 controls but tab, newline and
/// carriage return; U+FFFE and U+FFFF. Returns its byte index and the character.
pub(crate) fn check_chars(bytes: &[u8]) -> Result<(), (usize, char)> {
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
            return Err((i, b as char));
        }
        if b == 0xEF && bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) {
            return Err((i, if bytes[i + 2] == 0xBE { '\u{FFFE}' } else { '\u{FFFF}' }));
        }
    }
    Ok(())
}

/// The length of the plain text at the start of `bytes`: text the general path would take
/// as it is, with nothing to resolve (`&`), normalize (`\r`) or refuse (a forbidden
/// character), up to the first `<` (or the end). Eight bytes at a time while no byte may
/// be one of those.
#[inline]
pub(crate) fn plain_text_len(bytes: &[u8]) -> usize {
    use crate::swar::{below, equal, load};
    let mut at = 0;
    while at < bytes.len() {
        let word = load(bytes, at);
        let flags = below(word, 0x20) | equal(word, 0xEF) | equal(word, b'<') | equal(word, b'&');
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

/// The character a reference names (`amp`, `#x41`, `#65`), or why it names none.
///
/// XML 1.0 allows references to its Chars only; WCF's reader also takes U+0000, the other
/// C0 controls, U+FFFE and U+FFFF (WCF writes them so), and so does this function: any
/// Unicode scalar value.
pub(crate) fn resolve_reference(name: &str) -> Result<char, String> {
    match name {
        "amp" => return Ok('&'),
        "lt" => return Ok('<'),
        "gt" => return Ok('>'),
        "quot" => return Ok('"'),
        "apos" => return Ok('\''),
        _ => {}
    }
    let Some(num) = name.strip_prefix('#') else {
        return Err(format!("reference to undeclared entity '&{name};'"));
    };
    let value = match num.strip_prefix('x') {
        Some(hex) if !hex.is_empty() && hex.len() <= 8 => u32::from_str_radix(hex, 16).ok(),
        Some(_) => None,
        None if !num.is_empty() && num.len() <= 10 && num.bytes().all(|b| b.is_ascii_digit()) => num.parse().ok(),
        None => None,
    };
    match value.and_then(char::from_u32) {
        Some(ch) => Ok(ch),
        _ => Err(format!("invalid character reference '&{name};'")),
    }
}

/// An attribute value as the reader reads it: its references resolved (to any Unicode
/// scalar value, as WCF's reader takes them; each also given to `resolved`). The error says
/// why a reference cannot be read. Forbidden characters are [`check_chars`]' business.
pub(crate) fn unescape_attribute(raw: &str, mut resolved: impl FnMut(char)) -> Result<Cow<'_, str>, String> {
    if memchr::memchr(b'&', raw.as_bytes()).is_none() {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let Some(semi) = rest[amp..].find(';') else {
            return Err("unterminated reference in an attribute".into());
        };
        let ch = resolve_reference(&rest[amp + 1..amp + semi])?;
        resolved(ch);
        out.push(ch);
        rest = &rest[amp + semi + 1..];
    }
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
    use super::{check_chars, parse_xml_bool, plain_text_len};

    #[test]
    fn plain_text_stops_where_a_bytewise_reading_would() {
        let stops = |b: &[u8]| {
            (0..b.len())
                .find(|&i| matches!(b[i], b'<' | b'&' | b'\r') || check_chars(&b[i..]).is_err_and(|(at, _)| at == 0))
                .unwrap_or(b.len())
        };
        let pieces: [&[u8]; 10] = [
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
    fn booleans_are_xml_converts() {
        assert_eq!(parse_xml_bool(" 1\n"), Some(true));
        assert_eq!(parse_xml_bool("False"), None);
    }
}

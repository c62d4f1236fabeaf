//! Escaping text content as .NET's writers do.

use super::Dialect;

/// A character that XML 1.0 cannot carry in the given dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unencodable {
    /// The character.
    pub ch: char,
    /// Its byte offset in the text.
    pub offset: usize,
}

/// Bytes that need a closer look: markup characters, C0 controls (but tab and newline),
/// and 0xEF, the lead byte of U+FFFE and U+FFFF.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = !(b == 0x09 || b == 0x0A);
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[0xEF] = true;
    t
};

/// Appends `text` to `out` escaped as element content.
///
/// Both dialects escape `&`, `<` and `>` and write quotes, tabs and newlines as they are.
/// A carriage return becomes `&#xD;` in both (ServiceStack's own writer would turn it
/// into a newline and lose it). The characters XML 1.0 forbids (the other C0 controls,
/// U+FFFE and U+FFFF) become `&#x1;`-style references in the WCF dialect, as
/// `XmlDictionaryWriter` writes them (and its reader reads them back), and are an error in
/// the ServiceStack dialect, whose reader rejects such references.
#[inline]
pub fn escape_text(out: &mut Vec<u8>, text: &str, dialect: Dialect) -> Result<(), Unencodable> {
    let bytes = text.as_bytes();
    // Hand-tuned: most values are short and have nothing to escape. Checking and copying
    // the whole value at once with fixed-size words (see `swar::copy_if_clean`) costs fewer
    // instructions and mispredicted branches than checking and appending word by word,
    // each append with its own capacity check, as `swar::copy_clean` does.
    if crate::swar::copy_if_clean(out, bytes, b'a', special_flags) {
        return Ok(());
    }
    escape_marked(out, bytes, dialect)
}

/// [`escape_text`] for a value with something to look at (or a byte `special_flags`
/// folds in); kept out of line so that the common case stays small where it is inlined.
/// Hand-tuned: eight bytes are loaded and written at a time (a fixed-size copy, cut back to
/// the bytes before the first one flagged, which `special_flags` finds exactly), and only
/// that byte is looked at; copying the runs between replacements as slices called
/// `memcpy` twice per replacement.
#[inline(never)]
fn escape_marked(out: &mut Vec<u8>, bytes: &[u8], dialect: Dialect) -> Result<(), Unencodable> {
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let (word, available) = match n - i {
            8.. => (crate::swar::load(bytes, i), 8),
            rest => (crate::swar::load_tail(bytes, i, b'a'), rest),
        };
        let flags = special_flags(word);
        let clean = if flags == 0 { available } else { (flags.trailing_zeros() / 8) as usize };
        let clean = clean.min(available);
        let at = out.len();
        out.extend_from_slice(&word.to_le_bytes());
        out.truncate(at + clean);
        i += clean;
        if clean == available {
            continue;
        }
        let b = bytes[i];
        match b {
            b'&' => out.extend_from_slice(b"&amp;"),
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            b'\r' => out.extend_from_slice(b"&#xD;"),
            0xEF => {
                if bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) {
                    let ch = if bytes[i + 2] == 0xBE { '\u{FFFE}' } else { '\u{FFFF}' };
                    match dialect {
                        Dialect::ServiceStack => return Err(Unencodable { ch, offset: i }),
                        Dialect::Wcf => {
                            out.extend_from_slice(if ch == '\u{FFFE}' { b"&#xFFFE;" } else { b"&#xFFFF;" });
                            i += 3;
                            continue;
                        }
                    }
                }
                out.push(b);
            }
            control if SPECIAL[control as usize] => match dialect {
                Dialect::ServiceStack => return Err(Unencodable { ch: control as char, offset: i }),
                Dialect::Wcf => {
                    out.extend_from_slice(b"&#x");
                    push_upper_hex(out, control);
                    out.push(b';');
                }
            },
            // Flagged by the fold (`$`) or the control test (tab, newline): as it is.
            other => out.push(other),
        }
        i += 1;
    }
    Ok(())
}

/// Flags the bytes of `word` that may need escaping: below 0x20, `&`, `<`, `>` or 0xEF
/// (and, as `x | 2` folds `<` with `>`, `&` with `$`: a byte flagged for nothing is looked
/// at and copied). Escaping scans every byte of every string the encoder writes; a
/// byte-at-a-time loop was the encoder's hot spot.
#[inline]
fn special_flags(word: u64) -> u64 {
    use crate::swar::{below, equal};
    let folded = word | 0x0202_0202_0202_0202;
    below(word, 0x20) | equal(folded, b'&') | equal(folded, b'>') | equal(word, 0xEF)
}

fn push_upper_hex(out: &mut Vec<u8>, value: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    if value >= 0x10 {
        out.push(HEX[(value >> 4) as usize]);
    }
    out.push(HEX[(value & 0xF) as usize]);
}

/// Appends `value` escaped for a double-quoted attribute.
pub fn escape_attribute(out: &mut Vec<u8>, value: &str) {
    let bytes = value.as_bytes();
    // Namespace URIs, the only attribute values written, hardly ever need escaping.
    if memchr::memchr3(b'&', b'<', b'"', bytes).is_none() {
        out.extend_from_slice(bytes);
        return;
    }
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let replacement: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'"' => b"&quot;",
            _ => continue,
        };
        out.extend_from_slice(&bytes[copied..i]);
        out.extend_from_slice(replacement);
        copied = i + 1;
    }
    out.extend_from_slice(&bytes[copied..]);
}

#[cfg(test)]
mod tests {
    use super::{escape_text, Unencodable};
    use crate::dcxml::Dialect;

    #[test]
    fn escapes_as_each_dialect() {
        let mut out = Vec::new();
        escape_text(&mut out, "a<b>&\"c\"\r\n", Dialect::ServiceStack).unwrap();
        assert_eq!(out, b"a&lt;b&gt;&amp;\"c\"&#xD;\n");
        assert!(escape_text(&mut out, "\u{1}", Dialect::ServiceStack).is_err());
        out.clear();
        escape_text(&mut out, "\u{1}", Dialect::Wcf).unwrap();
        assert_eq!(out, b"&#x1;");
    }

    /// Character by character, as the rules in `escape_text`'s documentation say.
    fn reference(text: &str, dialect: Dialect) -> Result<String, Unencodable> {
        let mut out = String::new();
        for (offset, ch) in text.char_indices() {
            match ch {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\r' => out.push_str("&#xD;"),
                '\t' | '\n' => out.push(ch),
                c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => match dialect {
                    Dialect::ServiceStack => return Err(Unencodable { ch, offset }),
                    Dialect::Wcf => out.push_str(&format!("&#x{:X};", c as u32)),
                },
                c => out.push(c),
            }
        }
        Ok(out)
    }

    #[test]
    fn every_length_and_position_escapes_as_the_reference() {
        let plain: Vec<char> = "abcdefghijklmnopqrstuvwxyz0123456789".chars().collect();
        let specials =
            ['&', '<', '>', '\r', '\t', '\n', '\u{1}', '\u{1F}', '\u{FFFE}', '\u{FFFF}', '\u{FFFD}', 'é', '$', '='];
        for dialect in [Dialect::ServiceStack, Dialect::Wcf] {
            for len in 0..plain.len() {
                for at in 0..=len {
                    for &special in &specials {
                        let mut chars = plain[..len].to_vec();
                        chars.insert(at, special);
                        if at + 9 < chars.len() {
                            chars[at + 9] = '<';
                        }
                        let text: String = chars.into_iter().collect();
                        let mut out = b"x".to_vec();
                        let got = escape_text(&mut out, &text, dialect)
                            .map(|()| String::from_utf8(out[1..].to_vec()).unwrap());
                        assert_eq!(got, reference(&text, dialect), "{text:?} {dialect:?}");
                    }
                }
            }
        }
    }
}

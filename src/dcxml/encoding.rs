//! The encodings .NET's reader reads (UTF-8, UTF-16 in either byte order), how a
//! document's encoding is told from its first bytes (XML 1.0 appendix F), and the one way
//! every entry point turns a document into UTF-8 text: UTF-8 is borrowed as it is,
//! UTF-16 is transcoded once, in memory bounded by the document's size, and then read by
//! the same reader.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead, Read};

use super::rules::Malformed;

/// A document's encoding, as its first bytes tell it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// UTF-16, little endian.
    Utf16Le,
    /// UTF-16, big endian.
    Utf16Be,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 (little endian)",
            Encoding::Utf16Be => "UTF-16 (big endian)",
        })
    }
}

impl Encoding {
    /// The encoding of a document that starts with `bytes`, and the length of its byte
    /// order mark: a UTF-16 byte order mark, or `<?` in UTF-16 without one; UTF-8
    /// otherwise.
    pub fn sniff(bytes: &[u8]) -> (Encoding, usize) {
        match bytes {
            [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
            [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
            [b'<', 0, b'?', 0, ..] => (Encoding::Utf16Le, 0),
            [0, b'<', 0, b'?', ..] => (Encoding::Utf16Be, 0),
            _ => (Encoding::Utf8, crate::location::bom_len(bytes)),
        }
    }

    /// Whether .NET's reader requires a declaration naming the encoding.
    pub(crate) fn needs_declaration(self) -> bool {
        self != Encoding::Utf8
    }

    /// Whether the declaration's encoding `label` names this encoding as .NET's reader
    /// takes it: `utf-8` for UTF-8; `utf-16`, `utf-16le` or `utf-16be` for UTF-16 in
    /// either byte order (.NET does not hold the label's byte order against the bytes'); in
    /// any case. Every other label (`utf8`, `us-ascii`, `iso-8859-1`, `unicode`, …) is
    /// refused, whatever the bytes.
    pub(crate) fn check_label(self, label: &str) -> Result<(), Malformed> {
        let ok = match self {
            Encoding::Utf8 => label.eq_ignore_ascii_case("utf-8"),
            Encoding::Utf16Le | Encoding::Utf16Be => {
                ["utf-16", "utf-16le", "utf-16be"].iter().any(|l| l.eq_ignore_ascii_case(label))
            }
        };
        if ok {
            return Ok(());
        }
        let known = ["utf-8", "utf-16", "utf-16le", "utf-16be"].iter().any(|l| l.eq_ignore_ascii_case(label));
        if known {
            Err(Malformed::EncodingMismatch { label: label.to_owned(), actual: self })
        } else {
            Err(Malformed::UnsupportedEncoding(label.to_owned()))
        }
    }
}

/// A document as UTF-8 text.
#[derive(Debug)]
pub struct Text<'i> {
    /// The text after the byte order mark.
    pub text: Cow<'i, str>,
    /// The length in bytes of the byte order mark.
    pub skipped: usize,
    /// The encoding the document was in.
    pub encoding: Encoding,
}

impl Text<'_> {
    /// The byte offset in the original document of byte `offset` of the original document
    /// as read in UTF-8 (its byte order mark counted). The same for UTF-8; for UTF-16, two
    /// bytes for each UTF-16 unit before it.
    pub fn original_offset(&self, offset: usize) -> usize {
        if self.encoding == Encoding::Utf8 {
            return offset;
        }
        let at = offset.saturating_sub(self.skipped).min(self.text.len());
        let mut at = at;
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        self.skipped + 2 * self.text[..at].encode_utf16().count()
    }
}

/// Reads `bytes` as .NET's reader would: UTF-8 (one byte order mark skipped) or UTF-16
/// (transcoded). The error is the byte offset where the bytes stop being the encoding.
pub fn decode(bytes: &[u8]) -> Result<Text<'_>, (usize, Malformed)> {
    let (encoding, skipped) = Encoding::sniff(bytes);
    let body = &bytes[skipped..];
    let text = match encoding {
        Encoding::Utf8 => {
            // UTF-16 without a byte order mark or a declaration shows as a NUL byte next to
            // the first `<` (appendix F); NUL is never in an XML document.
            match body {
                [b'<', 0, ..] => return Err((0, Malformed::UndeclaredEncoding(Encoding::Utf16Le))),
                [0, b'<', ..] => return Err((0, Malformed::UndeclaredEncoding(Encoding::Utf16Be))),
                _ => {}
            }
            let text = crate::utf8::from_utf8(body)
                .map_err(|e| (skipped + e.valid_up_to(), Malformed::InvalidEncoding(Encoding::Utf8)))?;
            if text.starts_with('\u{FEFF}') {
                return Err((skipped, Malformed::SecondByteOrderMark));
            }
            Cow::Borrowed(text)
        }
        Encoding::Utf16Le | Encoding::Utf16Be => Cow::Owned(transcode(body, encoding, skipped)?),
    };
    Ok(Text { text, skipped, encoding })
}

/// UTF-16 `body` (after a byte order mark of `skipped` bytes) as UTF-8. The output is at
/// most one and a half times the input.
fn transcode(body: &[u8], encoding: Encoding, skipped: usize) -> Result<String, (usize, Malformed)> {
    let invalid = |at: usize| (skipped + at, Malformed::InvalidEncoding(encoding));
    if body.len() % 2 != 0 {
        return Err(invalid(body.len() - 1));
    }
    let units = body.chunks_exact(2).map(|pair| match encoding {
        Encoding::Utf16Be => u16::from_be_bytes([pair[0], pair[1]]),
        _ => u16::from_le_bytes([pair[0], pair[1]]),
    });
    let mut out = String::with_capacity(body.len() / 2 * 3 / 2 + 8);
    let mut at = 0;
    for ch in char::decode_utf16(units) {
        match ch {
            Ok(ch) => {
                at += 2 * ch.len_utf16();
                out.push(ch);
            }
            Err(_) => return Err(invalid(at)),
        }
    }
    if out.starts_with('\u{FEFF}') {
        return Err((skipped, Malformed::SecondByteOrderMark));
    }
    Ok(out)
}

/// A document read from a stream as UTF-8: as it is, or transcoded from UTF-16 a buffer
/// at a time (memory bounded by the inner reader's buffer), so that one reader of UTF-8
/// reads both.
#[derive(Debug)]
pub(crate) enum Decoded<R> {
    /// UTF-8 input, as it is.
    Utf8(R),
    /// UTF-16 input, transcoded.
    Utf16(Utf16Reader<R>),
}

impl<R: BufRead> Decoded<R> {
    /// `input` (positioned after its byte order mark, if any) read as `encoding`.
    pub(crate) fn new(input: R, encoding: Encoding) -> Self {
        match encoding {
            Encoding::Utf8 => Decoded::Utf8(input),
            _ => Decoded::Utf16(Utf16Reader {
                inner: input,
                big_endian: encoding == Encoding::Utf16Be,
                out: Vec::new(),
                at: 0,
                carry: None,
                high: None,
                done: false,
            }),
        }
    }
}

impl<R: BufRead> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Decoded<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Decoded::Utf8(r) => r.fill_buf(),
            Decoded::Utf16(r) => r.fill_buf(),
        }
    }
    fn consume(&mut self, amount: usize) {
        match self {
            Decoded::Utf8(r) => r.consume(amount),
            Decoded::Utf16(r) => r.at += amount,
        }
    }
}

/// UTF-16 from a `BufRead`, handed out as UTF-8 one inner buffer at a time.
#[derive(Debug)]
pub(crate) struct Utf16Reader<R> {
    inner: R,
    big_endian: bool,
    out: Vec<u8>,
    at: usize,
    /// A byte of a unit split between two buffers.
    carry: Option<u8>,
    /// A high surrogate whose low one is in the next buffer.
    high: Option<u16>,
    done: bool,
}

impl<R: BufRead> Utf16Reader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.at == self.out.len() && !self.done {
            self.out.clear();
            self.at = 0;
            let chunk = self.inner.fill_buf()?;
            let taken = chunk.len();
            if taken == 0 {
                self.done = true;
                if self.carry.is_some() || self.high.is_some() {
                    return Err(invalid_utf16());
                }
                break;
            }
            let mut bytes = self.carry.take().into_iter().chain(chunk.iter().copied());
            let mut ch = [0u8; 4];
            while let Some(a) = bytes.next() {
                let Some(b) = bytes.next() else {
                    self.carry = Some(a);
                    break;
                };
                let unit = if self.big_endian { u16::from_be_bytes([a, b]) } else { u16::from_le_bytes([a, b]) };
                let decoded = match (self.high.take(), unit) {
                    (Some(high), 0xDC00..=0xDFFF) => {
                        char::from_u32(0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00))
                    }
                    (Some(_), _) | (None, 0xDC00..=0xDFFF) => None,
                    (None, 0xD800..=0xDBFF) => {
                        self.high = Some(unit);
                        continue;
                    }
                    (None, _) => char::from_u32(u32::from(unit)),
                };
                let decoded = decoded.ok_or_else(invalid_utf16)?;
                self.out.extend_from_slice(decoded.encode_utf8(&mut ch).as_bytes());
            }
            self.inner.consume(taken);
        }
        Ok(&self.out[self.at..])
    }
}

fn invalid_utf16() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, Malformed::InvalidEncoding(Encoding::Utf16Le).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        s.encode_utf16().for_each(|u| out.extend_from_slice(&u.to_le_bytes()));
        out
    }

    #[test]
    fn utf16_is_transcoded_and_offsets_map_back() {
        let doc = "<?xml version=\"1.0\" encoding=\"utf-16\"?><a>é😀</a>";
        let bytes = utf16le(doc, true);
        let text = decode(&bytes).unwrap();
        assert_eq!((text.text.as_ref(), text.skipped, text.encoding), (doc, 2, Encoding::Utf16Le));
        let end = doc.find("</a>").unwrap();
        assert_eq!(text.original_offset(2 + end), 2 + 2 * doc[..end].encode_utf16().count());
        assert_eq!(decode(&utf16le("<?xml?>", false)).unwrap().encoding, Encoding::Utf16Le);
    }

    #[test]
    fn broken_utf16_and_second_marks_are_refused() {
        let mut bytes = utf16le("<a>", true);
        bytes.extend_from_slice(&0xD800u16.to_le_bytes());
        bytes.extend_from_slice(&utf16le("</a>", false));
        assert_eq!(decode(&bytes).unwrap_err(), (8, Malformed::InvalidEncoding(Encoding::Utf16Le)));
        assert_eq!(decode(b"\xEF\xBB\xBF\xEF\xBB\xBF<a/>").unwrap_err(), (3, Malformed::SecondByteOrderMark));
    }

    #[test]
    fn streams_transcode_a_buffer_at_a_time() {
        let doc = "<a>é😀 and more</a>";
        for encoding in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let bytes: Vec<u8> = doc
                .encode_utf16()
                .flat_map(|u| if encoding == Encoding::Utf16Be { u.to_be_bytes() } else { u.to_le_bytes() })
                .collect();
            // A tiny buffer splits units and surrogate pairs.
            let mut out = String::new();
            Decoded::new(io::BufReader::with_capacity(3, &bytes[..]), encoding).read_to_string(&mut out).unwrap();
            assert_eq!(out, doc);
        }
        let broken = [0x3C, 0x00, 0x00, 0xD8, 0x3E, 0x00];
        let mut out = String::new();
        assert!(Decoded::new(&broken[..], Encoding::Utf16Le).read_to_string(&mut out).is_err());
    }

    #[test]
    fn labels_as_dotnet_takes_them() {
        assert!(Encoding::Utf8.check_label("UTF-8").is_ok());
        assert!(Encoding::Utf8.check_label("utf8").is_err());
        assert!(Encoding::Utf16Le.check_label("UTF-16").is_ok());
        assert!(Encoding::Utf16Le.check_label("utf-16LE").is_ok());
        assert!(Encoding::Utf16Le.check_label("utf-16be").is_ok());
        assert!(Encoding::Utf16Be.check_label("utf-8").is_err());
        assert!(Encoding::Utf16Le.check_label("unicode").is_err());
    }
}

//! Checking that input is UTF-8, once per document.
//!
//! Both decoders check the whole input before reading it (XML's reader and serde_json then
//! work on `&str`). That check is a pass over every byte; `simdutf8` makes it several
//! times faster than the standard library's on the mostly-ASCII documents of this API,
//! and the standard library is asked again only for the position of an error.

/// `bytes` as text, or the standard library's error (with its `valid_up_to`).
#[inline]
pub(crate) fn from_utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn agrees_with_the_standard_library() {
        let samples: [&[u8]; 5] = [b"", b"plain", "é\u{FFFF}".as_bytes(), b"ab\xC3", b"a\xFFb\x80"];
        for bytes in samples {
            let ours = super::from_utf8(bytes).map_err(|e| e.valid_up_to());
            assert_eq!(ours, std::str::from_utf8(bytes).map_err(|e| e.valid_up_to()));
        }
    }
}

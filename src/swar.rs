//! Eight bytes at a time: "SWAR" tests used by the hot scanning loops (escaping text for XML
//! and JSON, checking text read from XML). A word whose test is false holds no byte of
//! interest and is skipped whole; only words that may hold one are looked at bytewise.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `at` as a little-endian word (zeros past the end of `bytes`).
#[inline]
pub(crate) fn load(bytes: &[u8], at: usize) -> u64 {
    if let Some(chunk) = bytes.get(at..at + 8) {
        return u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
    }
    let mut word = [0u8; 8];
    let end = bytes.len().min(at + 8);
    if at < end {
        word[..end - at].copy_from_slice(&bytes[at..end]);
    }
    u64::from_le_bytes(word)
}

/// The bytes of `bytes` from `at` (fewer than eight) as a little-endian word, the rest of
/// it filled with `pad`; assembled byte by byte so that no call to `memcpy` is made.
#[inline]
pub(crate) fn load_tail(bytes: &[u8], at: usize, pad: u8) -> u64 {
    let tail = &bytes[at.min(bytes.len())..];
    let n = tail.len().min(7);
    let mut word = (ONES * u64::from(pad)) << (8 * n);
    for (k, &b) in tail[..n].iter().enumerate() {
        word |= u64::from(b) << (8 * k);
    }
    word
}

/// Non-zero when some byte of `word` is below `limit` (at most 0x80).
#[inline]
pub(crate) fn below(word: u64, limit: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGHS
}

/// Non-zero when some byte of `word` equals `byte` (the classic "has a zero byte" trick).
#[inline]
pub(crate) fn equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// Appends the longest run of `bytes` from the start whose words `flags` finds nothing in,
/// copied eight bytes at a time as it is checked (each word written as it is: a fixed-size
/// store, no `memcpy` call). Returns `None` when that run is the whole of `bytes` (all
/// appended), else the offset of the first word with a flag, up to which `out` holds
/// `bytes`. Escaping starts here: most values have nothing to escape.
#[inline(always)]
pub(crate) fn copy_clean(out: &mut Vec<u8>, bytes: &[u8], flags: impl Fn(u64) -> u64) -> Option<usize> {
    let start = out.len();
    out.reserve(bytes.len() + 8);
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let word = load(bytes, i);
        if flags(word) != 0 {
            return Some(i);
        }
        out.extend_from_slice(&word.to_le_bytes());
        i += 8;
    }
    // The last word: with eight bytes or more, the last eight (overlapping bytes already
    // checked and written, which are written again the same), otherwise the few there
    // are, padded with a plain letter and the padding then cut off.
    let (word, at) = match bytes.len().checked_sub(8) {
        Some(at) => (load(bytes, at), at),
        None => (load_tail(bytes, 0, b'a'), 0),
    };
    if flags(word) != 0 {
        return Some(i);
    }
    out.truncate(start + at);
    out.extend_from_slice(&word.to_le_bytes());
    out.truncate(start + bytes.len());
    None
}

/// Appends `bytes` to `out` and returns `true` when `flags` finds nothing in them;
/// otherwise appends nothing and returns `false`. A flag may be raised for a byte `flags`
/// folds in: the caller's general path sorts those out.
///
/// Hand-tuned for the short values documents are made of (nine in ten under 40 bytes, of
/// varied lengths). Up to 32 bytes, the value is read and written as a few fixed-size
/// pieces, the first from its start and the last ending at its end (overlapping: the
/// overlap is written twice, the same), as `memcpy` does for small sizes; so the only
/// branch on the length picks one of five size classes, which is predicted far better
/// than the exit of a word loop followed by `memcpy`'s own branches on the same length.
/// Sixteen bytes go out as one array (one length update for two words); longer values
/// in sixteen-byte chunks too, rather than a check and then a call to `memcpy`.
#[inline(always)]
pub(crate) fn copy_if_clean(out: &mut Vec<u8>, bytes: &[u8], pad: u8, flags: impl Fn(u64) -> u64) -> bool {
    let n = bytes.len();
    let at = out.len();
    let sixteen = |at: usize| -> [u8; 16] { bytes[at..at + 16].try_into().unwrap_or([0; 16]) };
    let flags16 = |chunk: &[u8; 16]| flags(load(chunk, 0)) | flags(load(chunk, 8));
    if n > 32 {
        // Sixteen bytes at a time, written as they are checked (and taken back if a later
        // chunk is flagged), the last chunk ending where the value ends.
        let mut i = 0;
        while i + 16 < n {
            let chunk = sixteen(i);
            if flags16(&chunk) != 0 {
                out.truncate(at);
                return false;
            }
            out.extend_from_slice(&chunk);
            i += 16;
        }
        let chunk = sixteen(n - 16);
        if flags16(&chunk) != 0 {
            out.truncate(at);
            return false;
        }
        out.truncate(at + n - 16);
        out.extend_from_slice(&chunk);
    } else if n > 16 {
        let (first, last) = (sixteen(0), sixteen(n - 16));
        if flags16(&first) | flags16(&last) != 0 {
            return false;
        }
        out.extend_from_slice(&first);
        out.truncate(at + n - 16);
        out.extend_from_slice(&last);
    } else if n >= 8 {
        let (a, d) = (load(bytes, 0), load(bytes, n - 8));
        if flags(a) | flags(d) != 0 {
            return false;
        }
        out.extend_from_slice(&a.to_le_bytes());
        out.truncate(at + n - 8);
        out.extend_from_slice(&d.to_le_bytes());
    } else if n >= 4 {
        let half = |at: usize| [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
        let (a, d) = (half(0), half(n - 4));
        if flags(u64::from(u32::from_le_bytes(a)) | u64::from(u32::from_le_bytes(d)) << 32) != 0 {
            return false;
        }
        out.extend_from_slice(&a);
        out.truncate(at + n - 4);
        out.extend_from_slice(&d);
    } else if n > 0 {
        // The first, middle and last byte: all of one, two or three bytes.
        let three = [bytes[0], bytes[n / 2], bytes[n - 1]];
        let word = u64::from(three[0]) | u64::from(three[1]) << 8 | u64::from(three[2]) << 16;
        if flags(word | (ONES * u64::from(pad)) << 24) != 0 {
            return false;
        }
        out.extend_from_slice(&three);
        out.truncate(at + n);
    }
    true
}

/// Whether `hay` starts with `needle`, compared a word at a time in line: the needles are
/// tags, a few dozen bytes, for which a call to `memcmp` costs more than the comparison.
#[inline]
pub(crate) fn starts_with(hay: &[u8], needle: &[u8]) -> bool {
    let n = needle.len();
    if hay.len() < n {
        return false;
    }
    if n < 8 {
        return hay.iter().zip(needle).all(|(a, b)| a == b);
    }
    let mut i = 0;
    while i + 8 <= n {
        if load(hay, i) != load(needle, i) {
            return false;
        }
        i += 8;
    }
    i == n || load(hay, n - 8) == load(needle, n - 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_a_bytewise_check() {
        let samples: [[u8; 8]; 6] = [
            *b"abcdefgh",
            *b"abc<efgh",
            [0x1F; 8],
            [0x20; 8],
            [0xEF, 0, 0, 0, 0, 0, 0, 0],
            [0x7F, 0x80, 0xC2, 0xFF, 1, 2, 3, 4],
        ];
        for s in samples {
            let w = u64::from_le_bytes(s);
            for limit in [0x20u8, 0x21] {
                assert_eq!(below(w, limit) != 0, s.iter().any(|&b| b < limit), "{s:?} < {limit}");
            }
            for byte in [b'<', 0x1F, 0xEF, 0x7F, 0xC2, 0] {
                assert_eq!(equal(w, byte) != 0, s.contains(&byte), "{s:?} == {byte}");
            }
        }
        assert_eq!(load(b"ab", 0), u64::from_le_bytes(*b"ab\0\0\0\0\0\0"));
        assert_eq!(load_tail(b"xab", 1, b'z'), u64::from_le_bytes(*b"abzzzzzz"));
        assert_eq!(load_tail(b"xab", 3, b'z'), u64::from_le_bytes(*b"zzzzzzzz"));
        assert_eq!(load_tail(b"1234567", 0, b'z'), u64::from_le_bytes(*b"1234567z"));
    }

    #[test]
    fn copy_if_clean_copies_exactly_clean_bytes() {
        let flags = |w: u64| equal(w, b'<');
        for len in 0..80 {
            let plain: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            let mut out = b"x".to_vec();
            assert!(copy_if_clean(&mut out, &plain, b'a', flags), "{len}");
            assert_eq!(out, [b"x", &plain[..]].concat(), "{len}");
            for at in 0..len {
                let mut marked = plain.clone();
                marked[at] = b'<';
                let mut out = b"x".to_vec();
                assert!(!copy_if_clean(&mut out, &marked, b'a', flags), "{len} {at}");
                assert_eq!(out, b"x", "{len} {at}");
            }
        }
    }

    #[test]
    fn starts_with_is_the_slices() {
        let hay = b"<d2p1:AccountId>0123456789</d2p1:AccountId>";
        for end in 0..hay.len() {
            for cut in 0..=end {
                let mut needle = hay[cut..end].to_vec();
                assert!(starts_with(&hay[cut..], &needle));
                if let Some(last) = needle.last_mut() {
                    *last ^= 1;
                    assert!(!starts_with(&hay[cut..], &needle));
                }
                assert_eq!(starts_with(&hay[cut..end], &hay[cut..]), end == hay.len());
            }
        }
    }
}

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

/// The position of the first byte of `bytes` that `test` may flag, checked a word at a
/// time (the last few bytes as one word padded with `pad`, a byte `test` never flags);
/// `bytes.len()` when there is none. No byte before the position is flagged: the tests of
/// this module flag a byte falsely only above one they flag rightly.
#[inline]
pub(crate) fn first_flagged(bytes: &[u8], pad: u8, test: impl Fn(u64) -> u64) -> usize {
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let flags = test(load(bytes, i));
        if flags != 0 {
            return i + (flags.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    if i < bytes.len() {
        let mut tail = [pad; 8];
        tail[..bytes.len() - i].copy_from_slice(&bytes[i..]);
        let flags = test(u64::from_le_bytes(tail));
        if flags != 0 {
            return (i + (flags.trailing_zeros() / 8) as usize).min(bytes.len());
        }
    }
    bytes.len()
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
    }

    #[test]
    fn first_flagged_is_the_first_matching_byte() {
        let test = |w: u64| equal(w, b'<') | below(w, 0x20);
        let text = b"abcdefghijklmnopqrstu";
        assert_eq!(first_flagged(text, b'a', test), text.len());
        assert_eq!(first_flagged(b"", b'a', test), 0);
        for at in 0..text.len() {
            for byte in [b'<', 0x01] {
                let mut t = text.to_vec();
                t[at] = byte;
                // A second match further on must not move the answer.
                if at + 3 < t.len() {
                    t[at + 3] = b'<';
                }
                assert_eq!(first_flagged(&t, b'a', test), at, "{t:?}");
            }
        }
    }
}

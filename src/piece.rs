//! Short byte strings appended with one fixed-size copy.
//!
//! The encoders append many short, precomputed pieces (tags, JSON keys). Appending a slice
//! of unknown length calls `memcpy`, whose set-up costs more than copying a tag; a copy of
//! a length known at compile time is inlined as a few vector moves. So a [`Piece`] keeps
//! its first [`HEAD`] bytes in a zero-padded array: appending copies the whole array, then
//! truncates the vector to the piece's length.

/// How many bytes of a piece are copied at once.
pub(crate) const HEAD: usize = 64;

/// A byte string, its start padded to [`HEAD`] bytes.
#[derive(Clone, Debug)]
pub(crate) struct Piece {
    head: [u8; HEAD],
    bytes: Box<[u8]>,
}

impl Piece {
    /// The piece holding `bytes`.
    pub(crate) fn new(bytes: &[u8]) -> Self {
        let mut head = [0; HEAD];
        let n = bytes.len().min(HEAD);
        head[..n].copy_from_slice(&bytes[..n]);
        Piece { head, bytes: bytes.into() }
    }

    /// The bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Appends the piece to `out`.
    #[inline]
    pub(crate) fn append_to(&self, out: &mut Vec<u8>) {
        let len = self.bytes.len();
        let at = out.len();
        if len <= HEAD {
            out.extend_from_slice(&self.head);
            out.truncate(at + len);
        } else if len <= 2 * HEAD {
            // Hand-tuned: up to twice `HEAD` bytes (start tags declaring a namespace, about
            // 70 bytes, one in every thirteen tags) as two fixed-size copies, the second
            // ending where the piece ends, rather than a call to `memcpy`.
            let tail: &[u8; HEAD] = self.bytes[len - HEAD..].try_into().unwrap_or(&self.head);
            out.extend_from_slice(&self.head);
            out.truncate(at + len - HEAD);
            out.extend_from_slice(tail);
        } else {
            out.extend_from_slice(&self.bytes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Piece;

    #[test]
    fn appends_exactly_its_bytes() {
        for len in [0, 1, 31, 32, 33, 63, 64, 65, 127, 128, 129, 200] {
            let bytes: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            let mut out = b"<".to_vec();
            Piece::new(&bytes).append_to(&mut out);
            Piece::new(b">").append_to(&mut out);
            assert_eq!(out, [b"<", &bytes[..], b">"].concat(), "{len}");
        }
    }
}

//! Reading bytes from a `BufRead` one at a time, with their position, and cutting whole
//! JSON values out of them (strings and nesting followed; the values themselves are
//! checked by serde_json afterwards).

use crate::error::{Category, Error, Result};
use crate::location::Position;
use std::io::BufRead;

pub(super) struct Scanner<R> {
    pub(super) inner: R,
    /// Where the next byte is.
    pub(super) position: Position,
    /// Where the last byte read was: serde_json places an unexpected end there.
    last: Position,
    /// The most bytes one value may have (a session, or a property outside the sessions).
    limit: usize,
}

impl<R: BufRead> Scanner<R> {
    pub(super) fn new(inner: R, position: Position, limit: usize) -> Self {
        Scanner { inner, position, last: position, limit }
    }

    /// A syntax error at the next byte (the one that is not what JSON allows there).
    pub(super) fn error(&self, message: impl Into<String>) -> Error {
        Error::new(Category::Syntax, message).at(self.position)
    }

    /// A syntax error for a document that ends early, placed at its last byte.
    pub(super) fn eof(&self, inside: &str) -> Error {
        Error::new(Category::Syntax, format!("EOF while parsing {inside}")).at(self.last)
    }

    pub(super) fn peek(&mut self) -> Result<Option<u8>> {
        Ok(self.inner.fill_buf().map_err(Error::io)?.first().copied())
    }

    pub(super) fn bump(&mut self) -> Result<Option<u8>> {
        let Some(b) = self.peek()? else { return Ok(None) };
        self.inner.consume(1);
        self.last = self.position;
        self.position.step(b);
        Ok(Some(b))
    }

    pub(super) fn skip_whitespace(&mut self) -> Result<()> {
        while matches!(self.peek()?, Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump()?;
        }
        Ok(())
    }

    /// The next byte, which must be there (`inside` names what an end would cut short).
    pub(super) fn next_byte(&mut self, inside: &str) -> Result<u8> {
        self.peek()?.ok_or_else(|| self.eof(inside))
    }

    /// Copies one JSON value, as it is, into `out`, and says where it started. Strings and
    /// nesting are followed so that the value's end is found; whether it is valid JSON is
    /// for serde_json to say when it reads `out`. A value cut short by the end of the input
    /// is copied as far as it goes, for serde_json to report.
    pub(super) fn value(&mut self, out: &mut Vec<u8>) -> Result<Position> {
        out.clear();
        let start = self.position;
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        loop {
            if out.len() > self.limit {
                return Err(Error::new(
                    Category::Limit,
                    format!(
                        "a session (or a property outside the sessions) is larger than the limit of {} bytes \
                         (max_document_bytes)",
                        self.limit
                    ),
                )
                .at(start));
            }
            let Some(b) = self.peek()? else { return Ok(start) };
            if in_string {
                self.bump()?;
                out.push(b);
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                    if depth == 0 {
                        return Ok(start);
                    }
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth == 0 => return Ok(start),
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.bump()?;
                        out.push(b);
                        return Ok(start);
                    }
                }
                b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return Ok(start),
                _ => {}
            }
            self.bump()?;
            out.push(b);
        }
    }
}

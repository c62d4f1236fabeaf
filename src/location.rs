//! Where things are: positions in a document (line, column, byte offset), member paths in
//! a value, and the few rules every reader shares about them: how a byte offset becomes a
//! line and column, how a position in a fragment moves into the whole document, where a
//! byte order mark ends, and where serde_json's line and column point.
//!
//! This module is a leaf: it knows no contract, no format and no error type, so every
//! reader, stream and the validator can use it without pulling anything else in.

use std::cell::Cell;
use std::fmt;

/// The UTF-8 byte order mark.
pub(crate) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many bytes a UTF-8 byte order mark takes at the start of `bytes` (3 or 0).
///
/// Every reader skips it the same way and keeps offsets those of the whole input.
pub(crate) fn bom_len(bytes: &[u8]) -> usize {
    if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    }
}

/// `bytes` without a leading UTF-8 byte order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    &bytes[bom_len(bytes)..]
}

/// A position in a document: 1-based line and column (in characters), 0-based byte
/// offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column in Unicode characters, from 1.
    pub column: usize,
    /// The byte offset from the start of the input, from 0.
    pub offset: usize,
}

impl Position {
    /// The position of byte `offset` in `input`; an offset past the end (or inside a
    /// character) is clamped. A UTF-8 byte order mark at the start is no character: every
    /// reader reads past it, so columns count from after it (offsets still count it).
    ///
    /// ```
    /// use evovoice_contracts::error::Position;
    ///
    /// let p = Position::locate("\u{feff}{\n  \"é\": 1}".as_bytes(), 11);
    /// assert_eq!((p.line, p.column, p.offset), (2, 6, 11));
    /// assert_eq!(Position::locate(b"\xEF\xBB\xBF{}", 3).column, 1);
    /// ```
    pub fn locate(input: &[u8], offset: usize) -> Position {
        let skipped = bom_len(input).min(offset);
        let input = &input[skipped..];
        let offset = (offset - skipped).min(input.len());
        let before = &input[..offset];
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let line = 1 + memchr::memchr_iter(b'\n', before).count();
        let column = 1 + chars(&before[line_start..]);
        Position { line, column, offset: skipped + offset }
    }
}

/// Positions of many byte offsets in one input: the same answers as
/// [`Position::locate`], in time proportional to the distance from the previous offset
/// rather than from the start, so that locating every node of a large one-line document
/// stays linear when the offsets mostly increase.

#[derive(Debug)]
pub(crate) struct Locator<'a> {
    /// The input after a byte order mark, which is no character (as [`Position::locate`]).
    input: &'a [u8],
    skipped: usize,
    cursor: Cell<Position>,
}

impl<'a> Locator<'a> {
    /// A locator over `input`.
    pub(crate) fn new(input: &'a [u8]) -> Self {
        let skipped = bom_len(input);
        Locator { input: &input[skipped..], skipped, cursor: Cell::new(Position { line: 1, column: 1, offset: 0 }) }
    }

    /// The position of byte `offset` (clamped to the input, as [`Position::locate`]).
    pub(crate) fn locate(&self, offset: usize) -> Position {
        if offset < self.skipped {
            return Position { offset, ..Position::START };
        }
        let mut position = self.locate_after_bom(offset - self.skipped);
        position.offset += self.skipped;
        position
    }

    fn locate_after_bom(&self, offset: usize) -> Position {
        let offset = offset.min(self.input.len());
        let cursor = self.cursor.get();
        let position = if offset >= cursor.offset {
            let between = &self.input[cursor.offset..offset];
            match memchr::memrchr(b'\n', between) {
                None => Position { line: cursor.line, column: cursor.column + chars(between), offset },
                Some(last) => Position {
                    line: cursor.line + memchr::memchr_iter(b'\n', between).count(),
                    column: 1 + chars(&between[last + 1..]),
                    offset,
                },
            }
        } else {
            let between = &self.input[offset..cursor.offset];
            let line = cursor.line - memchr::memchr_iter(b'\n', between).count();
            let before = &self.input[..offset];
            let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
            Position { line, column: 1 + chars(&before[line_start..]), offset }
        };
        self.cursor.set(position);
        position
    }
}

/// The number of characters in UTF-8 `bytes`: continuation bytes (0b10xx_xxxx) start none.
/// The standard library counts the characters of valid UTF-8 fastest (a line can be
/// hundreds of megabytes long in hostile input); invalid bytes after it are counted one
/// by one.
fn chars(bytes: &[u8]) -> usize {
    let valid = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    };
    let rest = &bytes[valid.len()..];
    valid.chars().count() + rest.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// One step of a [`MemberPath`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A member, by wire name.
    Member(&'static str),
    /// A list item, by index from 0.
    Index(usize),
    /// A dictionary entry, by key.
    Key(String),
}

/// Where in a value something is: `Sessions[2].Members[0].Role`,
/// `Sessions[0].Members[1].ApplicationData["queue"]`. Empty for the root.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MemberPath {
    segments: Vec<Segment>,
}

impl MemberPath {
    /// The root.
    pub fn new() -> Self {
        MemberPath::default()
    }
    /// The steps from the root.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }
    /// Whether this is the root.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }
    /// Appends a step.
    pub fn push(&mut self, segment: Segment) {
        self.segments.push(segment);
    }
    /// Removes the last step.
    pub fn pop(&mut self) {
        self.segments.pop();
    }
    /// Puts `segment` in front (for paths built as an error travels up).
    pub(crate) fn prepend(&mut self, segment: Segment) {
        self.segments.insert(0, segment);
    }
}

impl fmt::Display for MemberPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Member(name) if i == 0 => f.write_str(name)?,
                Segment::Member(name) => write!(f, ".{name}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Key(key) => write!(f, "[{key:?}]")?,
            }
        }
        Ok(())
    }
}

impl Position {
    /// The start of a document: line 1, column 1, offset 0.
    pub(crate) const START: Position = Position { line: 1, column: 1, offset: 0 };

    /// Moves past one byte `b` that follows this position (see [`advance`](Self::advance)).
    #[inline]
    pub(crate) fn step(&mut self, b: u8) {
        self.offset += 1;
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if b & 0xC0 != 0x80 {
            self.column += 1;
        }
    }

    /// Moves past `bytes`, which follow this position in the input: a newline starts a new
    /// line, and every byte that starts a UTF-8 character moves one column.
    pub(crate) fn advance(&mut self, bytes: &[u8]) {
        self.offset += bytes.len();
        match memchr::memrchr(b'\n', bytes) {
            None => self.column += chars(bytes),
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', bytes).count();
                self.column = 1 + chars(&bytes[last + 1..]);
            }
        }
    }

    /// This position, taken in a fragment that starts at `base` of a larger document, as a
    /// position in that document.
    pub(crate) fn shifted(self, base: Position) -> Position {
        Position {
            line: base.line + self.line - 1,
            column: if self.line <= 1 { base.column + self.column.max(1) - 1 } else { self.column },
            offset: base.offset + self.offset,
        }
    }

    /// Where serde_json's error points: serde_json counts lines from 1 and columns in
    /// bytes from 1 (0 meaning the end of the previous line); this crate counts columns in
    /// characters. `body` is what serde_json read, which starts `skipped` bytes into the
    /// input (after a byte order mark). `None` when serde_json gives no position.
    pub(crate) fn of_json_error(error: &serde_json::Error, body: &[u8], skipped: usize) -> Option<Position> {
        let (line, column) = (error.line(), error.column());
        if line == 0 {
            return None;
        }
        let mut start = 0;
        for _ in 1..line {
            match memchr::memchr(b'\n', &body[start..]) {
                Some(at) => start += at + 1,
                None => break,
            }
        }
        let offset = (start + column.saturating_sub(1)).min(body.len());
        let mut position = Position::locate(body, offset);
        position.offset += skipped;
        Some(position)
    }
}

/// serde_json's message for `error`, without the " at line L column C" it appends: built
/// from the error's own line and column, not from the wording of any message.
pub(crate) fn json_error_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    if error.line() == 0 {
        return text;
    }
    let position = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&position) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locator_agrees_with_locate_in_any_order() {
        let input = "ab\ncdé\nf".as_bytes();
        let locator = Locator::new(input);
        for offset in [9, 0, 4, 8, 3, 9, 1] {
            assert_eq!(locator.locate(offset), Position::locate(input, offset));
        }
    }

    #[test]
    fn a_byte_order_mark_is_no_character_for_the_locator_either() {
        let input = "\u{feff}ab\ncd".as_bytes();
        let locator = Locator::new(input);
        for offset in [0, 3, 4, 6, 8, 9, 5] {
            assert_eq!(locator.locate(offset), Position::locate(input, offset), "{offset}");
        }
        assert_eq!(Position::locate(input, 4).column, 2);
    }

    #[test]
    fn advancing_agrees_with_locate() {
        let input = "ab\ncdé\nf\n\nxyzé".as_bytes();
        for split in 0..=input.len() {
            let mut p = Position::START;
            p.advance(&input[..split]);
            p.advance(&input[split..]);
            assert_eq!(p, Position::locate(input, input.len()), "split at {split}");
        }
    }

    #[test]
    fn shifting_moves_a_fragment_position_into_the_document() {
        let doc = "<a>\n  <b>x\ny</b>".as_bytes();
        let base = Position::locate(doc, 6);
        let fragment = &doc[6..];
        for offset in 0..=fragment.len() {
            assert_eq!(Position::locate(fragment, offset).shifted(base), Position::locate(doc, 6 + offset));
        }
    }

    #[test]
    fn json_errors_are_located_in_characters() {
        let body = "{\"é\":\n  tru}".as_bytes();
        let error = serde_json::from_slice::<serde_json::Value>(body).unwrap_err();
        let p = Position::of_json_error(&error, body, 3).unwrap();
        assert_eq!((p.line, p.column), (2, error.column()));
        assert_eq!(json_error_message(&error), "expected ident");
    }
}

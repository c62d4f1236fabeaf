//! The one error type of the crate: a category, a message, where in the document (line
//! and column) and where in the value (the member path).

use crate::diagnostic::Code;
use std::cell::Cell;
use std::fmt;

/// What kind of problem an [`Error`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// Reading or writing the underlying stream failed.
    Io,
    /// The input is not well-formed XML or JSON (or not UTF-8).
    Syntax,
    /// The input is well-formed but does not fit the contract: wrong root element, an
    /// invalid boolean or enum name, null where the type cannot be null, and the like.
    Data,
    /// The value cannot be written in the requested format (a character XML cannot carry).
    Unencodable,
    /// The input exceeds a configured limit (depth, size).
    Limit,
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
    /// character) is clamped.
    pub fn locate(input: &[u8], offset: usize) -> Position {
        let offset = offset.min(input.len());
        let before = &input[..offset];
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let line = 1 + memchr::memchr_iter(b'\n', before).count();
        let column = 1 + chars(&before[line_start..]);
        Position { line, column, offset }
    }
}

/// Positions of many byte offsets in one input: the same answers as
/// [`Position::locate`], in time proportional to the distance from the previous offset
/// rather than from the start, so that locating every node of a large one-line document
/// stays linear when the offsets mostly increase.
///
/// ```
/// use evovoice_contracts::error::{Locator, Position};
///
/// let input = "ab\ncdé\nf".as_bytes();
/// let locator = Locator::new(input);
/// for offset in [9, 0, 4, 8, 3] {
///     assert_eq!(locator.locate(offset), Position::locate(input, offset));
/// }
/// ```
#[derive(Debug)]
pub struct Locator<'a> {
    input: &'a [u8],
    cursor: Cell<Position>,
}

impl<'a> Locator<'a> {
    /// A locator over `input`.
    pub fn new(input: &'a [u8]) -> Self {
        Locator { input, cursor: Cell::new(Position { line: 1, column: 1, offset: 0 }) }
    }

    /// The position of byte `offset` (clamped to the input, as [`Position::locate`]).
    pub fn locate(&self, offset: usize) -> Position {
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

/// An error from decoding or encoding.
///
/// ```
/// use evovoice_contracts::{app::portal::AppGetActiveSessionsResult, error::Category, xml};
///
/// let doc = r#"<AppGetActiveSessionsResult xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal">
///   <Sessions xmlns:s="http://schemas.datacontract.org/2004/07/Voice.Api.Sessions">
///     <s:SessionInfo><s:Ended>maybe</s:Ended></s:SessionInfo>
///   </Sessions>
/// </AppGetActiveSessionsResult>"#;
/// let err = xml::from_str::<AppGetActiveSessionsResult>(doc).unwrap_err();
/// assert_eq!(err.category(), Category::Data);
/// assert_eq!((err.line(), err.column()), (3, 20));
/// assert_eq!(err.path().to_string(), "Sessions[0].Ended");
/// ```
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    category: Category,
    message: String,
    position: Option<Position>,
    path: MemberPath,
    code: Option<Code>,
}

impl Error {
    pub(crate) fn new(category: Category, message: impl Into<String>) -> Self {
        Error {
            inner: Box::new(Inner {
                category,
                message: message.into(),
                position: None,
                path: MemberPath::new(),
                code: None,
            }),
        }
    }

    pub(crate) fn io(err: std::io::Error) -> Self {
        Error::new(Category::Io, err.to_string())
    }

    pub(crate) fn at(mut self, position: Position) -> Self {
        self.inner.position = Some(position);
        self
    }

    /// Moves the position as if the input it refers to started at `base` of a larger
    /// document (for fragments cut out of a stream).
    pub(crate) fn shifted(mut self, base: Position) -> Self {
        if let Some(p) = self.inner.position {
            self.inner.position = Some(Position {
                line: base.line + p.line - 1,
                column: if p.line <= 1 { base.column + p.column.max(1) - 1 } else { p.column },
                offset: base.offset + p.offset,
            });
        }
        self
    }

    /// Puts `segment` in front of the path (for paths built as an error travels up).
    pub(crate) fn prepend(mut self, segment: Segment) -> Self {
        self.inner.path.segments.insert(0, segment);
        self
    }

    pub(crate) fn with_path(mut self, path: &MemberPath) -> Self {
        self.inner.path = path.clone();
        self
    }

    pub(crate) fn with_code(mut self, code: Code) -> Self {
        self.inner.code = Some(code);
        self
    }

    /// The kind of problem.
    pub fn category(&self) -> Category {
        self.inner.category
    }
    /// What went wrong, without the position and path.
    pub fn message(&self) -> &str {
        &self.inner.message
    }
    /// The line (from 1) where the problem is; 0 when the error has no position (encoding
    /// and I/O errors).
    pub fn line(&self) -> usize {
        self.inner.position.map_or(0, |p| p.line)
    }
    /// The column (from 1, in characters); 0 when the error has no position.
    pub fn column(&self) -> usize {
        self.inner.position.map_or(0, |p| p.column)
    }
    /// The full position, when there is one.
    pub fn position(&self) -> Option<Position> {
        self.inner.position
    }
    /// The member the problem is in (the root when empty).
    pub fn path(&self) -> &MemberPath {
        &self.inner.path
    }
    /// The finding code of the problem, when the decoder knows it precisely (an invalid
    /// boolean, a DTD, a wrong root…); `None` for other errors, whose
    /// [`category`](Self::category) says what they are.
    pub fn code(&self) -> Option<Code> {
        self.inner.code
    }
    /// Whether this is an I/O error.
    pub fn is_io(&self) -> bool {
        self.inner.category == Category::Io
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.message)?;
        if !self.inner.path.is_root() {
            write!(f, " at {}", self.inner.path)?;
        }
        if let Some(p) = self.inner.position {
            write!(f, " (line {}, column {})", p.line, p.column)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("category", &self.inner.category)
            .field("message", &self.inner.message)
            .field("position", &self.inner.position)
            .field("path", &self.inner.path.to_string())
            .finish()
    }
}

impl std::error::Error for Error {}

/// One step of an iterator that ends after its last item or its first error: turns what a
/// `next_…` method returned into what `Iterator::next` returns, setting `done` at the end.
pub(crate) fn fused_step<T>(done: &mut bool, step: Result<Option<T>>) -> Option<Result<T>> {
    match step {
        Ok(Some(item)) => Some(Ok(item)),
        Ok(None) => {
            *done = true;
            None
        }
        Err(e) => {
            *done = true;
            Some(Err(e))
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

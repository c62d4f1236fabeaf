//! The one error type of the crate: a category, a message, where in the document (line
//! and column) and where in the value (the member path).

pub use crate::location::{MemberPath, Position, Segment};
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

/// What a reader knows precisely about a data problem, in terms of the input alone (not of
/// any validation code): the validator maps each fact to its finding code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Fact {
    /// The root element is not the expected contract, or is nil.
    WrongRoot,
    /// A boolean that is not `true`, `false`, `1` or `0`.
    InvalidBoolean,
    /// An enum value that cannot be a member name.
    InvalidEnum,
    /// Nil or null on a value type.
    NullValueType,
    /// A document type declaration.
    Dtd,
    /// A reference to a control character.
    ControlCharacter,
    /// Text where members belong, a bad dictionary entry, a nil list item.
    InvalidContent,
    /// A JSON value of the wrong type for its member.
    WrongType,
    /// A limit was exceeded.
    TooLarge,
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
    fact: Option<Fact>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    pub(crate) fn new(category: Category, message: impl Into<String>) -> Self {
        Error {
            inner: Box::new(Inner {
                category,
                message: message.into(),
                position: None,
                path: MemberPath::new(),
                fact: None,
                source: None,
            }),
        }
    }

    pub(crate) fn io(err: std::io::Error) -> Self {
        let mut error = Error::new(Category::Io, err.to_string());
        error.inner.source = Some(Box::new(err));
        error
    }

    pub(crate) fn at(mut self, position: Position) -> Self {
        self.inner.position = Some(position);
        self
    }

    /// Moves the position as if the input it refers to started at `base` of a larger
    /// document (for fragments cut out of a stream).
    pub(crate) fn shifted(mut self, base: Position) -> Self {
        if let Some(p) = self.inner.position {
            self.inner.position = Some(p.shifted(base));
        }
        self
    }

    /// Puts `segment` in front of the path (for paths built as an error travels up).
    pub(crate) fn prepend(mut self, segment: Segment) -> Self {
        self.inner.path.prepend(segment);
        self
    }

    pub(crate) fn with_path(mut self, path: &MemberPath) -> Self {
        self.inner.path = path.clone();
        self
    }

    pub(crate) fn with_fact(mut self, fact: Fact) -> Self {
        self.inner.fact = Some(fact);
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
    /// What the reader knows precisely about the problem, when it does.
    pub(crate) fn fact(&self) -> Option<Fact> {
        self.inner.fact
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

impl std::error::Error for Error {
    /// The I/O error that an [`Io`](Category::Io) error wraps.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

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

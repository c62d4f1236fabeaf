//! Streaming: a response's sessions one at a time, from any `BufRead` and to any `Write`,
//! holding one session in memory, however large the document.
//!
//! serde_json cannot hand out the items of an array nested in an object one by one, so a
//! small structural scanner (strings, escapes and brackets only; no values are parsed
//! here) cuts each session's bytes out of the stream, and serde_json decodes them.

use super::{JsonOptions, ReadOptions};
use crate::app::portal::AppGetActiveSessionsResult;
use crate::error::{Category, Error, Position, Result, Segment};
use crate::location::bom_len;
use crate::sessions::SessionInfo;
use std::io::{BufRead, Write};

/// Reads bytes from a `BufRead`, keeping the position.
struct Scanner<R> {
    inner: R,
    position: Position,
    /// The most bytes one value may have (a session, or a property outside the sessions).
    limit: usize,
}

impl<R: BufRead> Scanner<R> {
    fn error(&self, message: impl Into<String>) -> Error {
        Error::new(Category::Syntax, message).at(self.position)
    }

    fn peek(&mut self) -> Result<Option<u8>> {
        Ok(self.inner.fill_buf().map_err(Error::io)?.first().copied())
    }

    fn bump(&mut self) -> Result<Option<u8>> {
        let Some(b) = self.peek()? else { return Ok(None) };
        self.inner.consume(1);
        self.position.step(b);
        Ok(Some(b))
    }

    fn skip_whitespace(&mut self) -> Result<()> {
        while matches!(self.peek()?, Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump()?;
        }
        Ok(())
    }

    fn expect(&mut self, wanted: u8) -> Result<()> {
        match self.bump()? {
            Some(b) if b == wanted => Ok(()),
            Some(b) => Err(self.error(format!("expected '{}', found '{}'", wanted as char, b as char))),
            None => Err(self.error(format!("expected '{}', found the end of the document", wanted as char))),
        }
    }

    /// Copies one JSON value, as it is, into `out`: strings and nesting are followed,
    /// everything else is left to the parser that reads `out`.
    fn value(&mut self, out: &mut Vec<u8>) -> Result<()> {
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
                .at(self.position));
            }
            let Some(b) = self.peek()? else {
                return if depth == 0 && !in_string && !out.is_empty() {
                    Ok(())
                } else {
                    Err(self.error("unexpected end of document inside a value"))
                };
            };
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
                        return Ok(());
                    }
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth == 0 => return Ok(()),
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.bump()?;
                        out.push(b);
                        return Ok(());
                    }
                }
                b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return Ok(()),
                _ => {}
            }
            self.bump()?;
            out.push(b);
        }
    }
}

/// The sessions of an `AppGetActiveSessionsResult` JSON document, decoded one at a time.
///
/// ```
/// use evovoice_contracts::json::stream::SessionReader;
///
/// let doc = br#"{"sessions":[{"id":"a","ended":true},{"ID":"b"}]}"#;
/// let ids: Vec<String> = SessionReader::new(&doc[..])
///     .unwrap()
///     .map(|s| s.unwrap().entity.id.unwrap())
///     .collect();
/// assert_eq!(ids, ["a", "b"]);
/// ```
pub struct SessionReader<R: BufRead> {
    scanner: Scanner<R>,
    buf: Vec<u8>,
    index: usize,
    done: bool,
    options: ReadOptions,
}

impl<R: BufRead> SessionReader<R> {
    /// Reads up to the first session: the `sessions` property (any case) of the top-level
    /// object. A missing or null `sessions` yields no session. Of a repeated `sessions`
    /// property, the stream reads the first (where [`from_slice`](super::from_slice), as
    /// ServiceStack, keeps the last): it does not read past the sessions.
    pub fn new(input: R) -> Result<Self> {
        SessionReader::with_options(input, ReadOptions::new())
    }

    /// As [`new`](Self::new), with limits for each session; `max_document_bytes` bounds
    /// the bytes of one session (and of one property outside the sessions).
    pub fn with_options(input: R, options: ReadOptions) -> Result<Self> {
        let limit = options.document_bytes_limit();
        let mut scanner = Scanner { inner: input, position: Position::START, limit };
        // A UTF-8 byte order mark is allowed, as serde_json readers of this crate allow it.
        let bom = bom_len(scanner.inner.fill_buf().map_err(Error::io)?);
        scanner.inner.consume(bom);
        scanner.position.offset = bom;
        let mut reader = SessionReader { scanner, buf: Vec::new(), index: 0, done: false, options };
        reader.open()?;
        Ok(reader)
    }

    fn open(&mut self) -> Result<()> {
        let s = &mut self.scanner;
        s.skip_whitespace()?;
        s.expect(b'{')?;
        loop {
            s.skip_whitespace()?;
            if s.peek()? == Some(b'}') {
                self.done = true;
                return Ok(());
            }
            self.buf.clear();
            s.value(&mut self.buf)?;
            let key: String = serde_json::from_slice(&self.buf).map_err(|_| s.error("expected a property name"))?;
            s.skip_whitespace()?;
            s.expect(b':')?;
            s.skip_whitespace()?;
            if key.eq_ignore_ascii_case(AppGetActiveSessionsResult::sessions_member().name()) {
                match s.peek()? {
                    Some(b'[') => {
                        s.bump()?;
                        return Ok(());
                    }
                    Some(b'n') => {
                        self.buf.clear();
                        s.value(&mut self.buf)?;
                        if self.buf != b"null" {
                            return Err(s.error("expected a list of sessions or null"));
                        }
                        self.done = true;
                        return Ok(());
                    }
                    _ => {
                        return Err(Error::new(Category::Data, "expected a list of sessions or null")
                            .at(s.position)
                            .prepend(Segment::Member(AppGetActiveSessionsResult::sessions_member().name())))
                    }
                }
            }
            self.buf.clear();
            s.value(&mut self.buf)?;
            s.skip_whitespace()?;
            match s.bump()? {
                Some(b',') => {}
                Some(b'}') => {
                    self.done = true;
                    return Ok(());
                }
                _ => return Err(s.error("expected ',' or '}' after a property")),
            }
        }
    }

    fn next_session(&mut self) -> Result<Option<SessionInfo>> {
        let s = &mut self.scanner;
        s.skip_whitespace()?;
        if self.index > 0 {
            match s.peek()? {
                Some(b',') => {
                    s.bump()?;
                    s.skip_whitespace()?;
                }
                Some(b']') => {}
                _ => return Err(s.error("expected ',' or ']' after a session")),
            }
        }
        if s.peek()? == Some(b']') {
            s.bump()?;
            return Ok(None);
        }
        let start = s.position;
        self.buf.clear();
        s.value(&mut self.buf)?;
        let session = super::from_slice_with::<SessionInfo>(&self.buf, &self.options).map_err(|e| {
            e.shifted(start)
                .prepend(Segment::Index(self.index))
                .prepend(Segment::Member(AppGetActiveSessionsResult::sessions_member().name()))
        })?;
        self.index += 1;
        Ok(Some(session))
    }
}

impl<R: BufRead> Iterator for SessionReader<R> {
    type Item = Result<SessionInfo>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let step = self.next_session();
        crate::error::fused_step(&mut self.done, step)
    }
}

/// Writes an `AppGetActiveSessionsResult` JSON document session by session: the bytes
/// are those [`to_vec`](super::to_vec) writes for the whole value (compact output; the
/// `pretty` option is not applied).
///
/// ```
/// use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
/// use evovoice_contracts::json::{self, stream::SessionWriter, JsonOptions};
/// use evovoice_contracts::sessions::SessionInfo;
///
/// let sessions = vec![SessionInfo::default(), SessionInfo::default()];
/// let mut writer = SessionWriter::new(Vec::new(), &JsonOptions::new()).unwrap();
/// for s in &sessions {
///     writer.write(s).unwrap();
/// }
/// let mut whole = AppGetActiveSessionsResult::default();
/// whole.sessions = Some(sessions);
/// assert_eq!(writer.finish().unwrap(), json::to_vec(&whole).unwrap());
/// ```
pub struct SessionWriter<W: Write> {
    out: W,
    options: JsonOptions,
    index: usize,
}

impl<W: Write> SessionWriter<W> {
    /// Writes everything up to the first session.
    pub fn new(mut out: W, options: &JsonOptions) -> Result<Self> {
        let member = AppGetActiveSessionsResult::sessions_member();
        let name = match options.selected_naming() {
            super::Naming::CamelCase => member.info().camel_name(),
            super::Naming::PascalCase => member.name(),
        };
        write!(out, "{{\"{name}\":[").map_err(Error::io)?;
        Ok(SessionWriter { out, options: options.clone().pretty(false), index: 0 })
    }

    /// Writes one session.
    pub fn write(&mut self, session: &SessionInfo) -> Result<()> {
        if self.index > 0 {
            self.out.write_all(b",").map_err(Error::io)?;
        }
        let bytes = super::to_vec_with(session, &self.options).map_err(|e| {
            e.prepend(Segment::Index(self.index))
                .prepend(Segment::Member(AppGetActiveSessionsResult::sessions_member().name()))
        })?;
        self.out.write_all(&bytes).map_err(Error::io)?;
        self.index += 1;
        Ok(())
    }

    /// Closes the document and flushes the writer.
    pub fn finish(mut self) -> Result<W> {
        self.out.write_all(b"]}").map_err(Error::io)?;
        self.out.flush().map_err(Error::io)?;
        Ok(self.out)
    }
}

//! Reading a response session by session.

use super::scanner::Scanner;
use crate::app::portal::AppGetActiveSessionsResult;
use crate::contract::{MemberRef, Object};
use crate::error::{Category, Error, Position, Result, Segment};
use crate::json::de::{Item, Member, Walk};
use crate::json::ReadOptions;
use crate::location::{bom_len, json_error_message};
use crate::sessions::SessionInfo;
use serde::de::DeserializeSeed;
use serde_json::value::RawValue;
use std::io::BufRead;

/// The sessions of an `AppGetActiveSessionsResult` JSON document, decoded one at a time.
///
/// The stream accepts what [`from_slice`](crate::json::from_slice) accepts, as far as it
/// has read, and reports a problem as it does: the same category, line, column and member
/// path (`Sessions[3].Members[0].Role`). After the last session it reads the rest of the
/// document, so that a truncated or corrupt response is an error, not a short success.
/// Two differences, both documented: the limits apply to each session rather than to the
/// whole document (a stream's point is a document of any size), and a second `sessions`
/// property is an error (decoding keeps the last list; a stream has handed out the first).
/// When a document holds several problems, the stream reports the first it reads, where
/// decoding may report a syntax error further on first.
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
///
/// let truncated = br#"{"sessions":[{"id":"a"}"#;
/// let read: Vec<_> = SessionReader::new(&truncated[..]).unwrap().collect();
/// assert!(read[0].is_ok() && read[1].is_err());
/// ```
pub struct SessionReader<R: BufRead> {
    scanner: Scanner<R>,
    buf: Vec<u8>,
    /// How many sessions were handed out.
    index: usize,
    /// Whether the sessions' list is open (else the document has been read to its end).
    in_list: bool,
    /// Whether the `sessions` property was read.
    seen_sessions: bool,
    done: bool,
    options: ReadOptions,
}

/// Where reading the top-level object's properties stopped.
enum Stop {
    /// At the first session of the `sessions` list.
    Sessions,
    /// At the end of the document.
    End,
}

fn sessions_member() -> &'static MemberRef {
    AppGetActiveSessionsResult::sessions_member()
}

impl<R: BufRead> SessionReader<R> {
    /// Reads up to the first session: the `sessions` property (any case) of the top-level
    /// object. A missing or null `sessions` yields no session.
    pub fn new(input: R) -> Result<Self> {
        SessionReader::with_options(input, ReadOptions::new())
    }

    /// As [`new`](Self::new), with limits for each session; `max_document_bytes` bounds
    /// the bytes of one session (and of one property outside the sessions).
    pub fn with_options(mut input: R, options: ReadOptions) -> Result<Self> {
        // A UTF-8 byte order mark is read past, as the decoder reads past it.
        let bom = bom_len(input.fill_buf().map_err(Error::io)?);
        input.consume(bom);
        let start = Position { offset: bom, ..Position::START };
        let scanner = Scanner::new(input, start, options.document_bytes_limit());
        let mut reader = SessionReader {
            scanner,
            buf: Vec::new(),
            index: 0,
            in_list: false,
            seen_sessions: false,
            done: false,
            options,
        };
        reader.open()?;
        Ok(reader)
    }

    fn open(&mut self) -> Result<()> {
        self.scanner.skip_whitespace()?;
        if self.scanner.peek()? != Some(b'{') {
            return Err(self.not_an_object());
        }
        self.scanner.bump()?;
        match self.properties(true)? {
            Stop::Sessions => self.in_list = true,
            Stop::End => self.done = true,
        }
        Ok(())
    }

    /// The error of a document that is not an object: the decoder's, for the value there.
    fn not_an_object(&mut self) -> Error {
        let start = match self.scanner.value(&mut self.buf) {
            Ok(start) => start,
            Err(error) => return error,
        };
        let mut scratch = AppGetActiveSessionsResult::default();
        match crate::json::read::decode_into(&self.buf, &mut scratch, &self.options) {
            Err(error) => error.shifted(start),
            Ok(()) => self.scanner.error("expected value"),
        }
    }

    /// Reads the top-level object's properties up to the sessions' list or the end.
    fn properties(&mut self, mut first: bool) -> Result<Stop> {
        loop {
            let s = &mut self.scanner;
            s.skip_whitespace()?;
            let mut b = s.next_byte("an object")?;
            if !first {
                match b {
                    b'}' => {
                        s.bump()?;
                        self.finish()?;
                        return Ok(Stop::End);
                    }
                    b',' => {
                        s.bump()?;
                        s.skip_whitespace()?;
                        b = s.next_byte("an object")?;
                        if b == b'}' {
                            return Err(s.error("trailing comma"));
                        }
                    }
                    _ => return Err(s.error("expected `,` or `}`")),
                }
            } else if b == b'}' {
                s.bump()?;
                self.finish()?;
                return Ok(Stop::End);
            }
            first = false;
            if b != b'"' {
                return Err(s.error("key must be a string"));
            }
            let key_start = s.value(&mut self.buf)?;
            let key: String = serde_json::from_slice(&self.buf).map_err(|e| syntax(&e, &self.buf, key_start))?;
            let s = &mut self.scanner;
            s.skip_whitespace()?;
            if s.next_byte("an object")? != b':' {
                return Err(s.error("expected `:`"));
            }
            s.bump()?;
            s.skip_whitespace()?;
            s.next_byte("a value")?;
            let member = sessions_member();
            if !key.eq_ignore_ascii_case(member.name()) {
                let start = s.value(&mut self.buf)?;
                check_syntax(&self.buf, start)?;
                continue;
            }
            if std::mem::replace(&mut self.seen_sessions, true) {
                let message = "the sessions property appears again: decoding keeps the last list, and this stream has \
                               handed out the first";
                return Err(Error::new(Category::Data, message).at(key_start).prepend(Segment::Member(member.name())));
            }
            if s.peek()? == Some(b'[') {
                s.bump()?;
                return Ok(Stop::Sessions);
            }
            let start = s.value(&mut self.buf)?;
            check_syntax(&self.buf, start)?;
            if self.buf != b"null" {
                return Err(self.list_error(start));
            }
            // A null list: no sessions; the object goes on.
        }
    }

    /// The decoder's error for a `sessions` value that is not a list.
    fn list_error(&self, start: Position) -> Error {
        let member = sessions_member();
        let mut scratch = AppGetActiveSessionsResult::default();
        let mut walk = Walk::new(&self.options);
        walk.push(Segment::Member(member.name()));
        let mut de = serde_json::Deserializer::from_slice(&self.buf);
        let read = Member { field: scratch.field_mut(member.slot()), path: &mut walk }.deserialize(&mut de);
        let message = match read {
            Err(error) => json_error_message(&error),
            Ok(()) => "expected a list of sessions or null".into(),
        };
        Error::new(Category::Data, message).at(start).prepend(Segment::Member(member.name()))
    }

    /// After the top-level object: nothing but whitespace.
    fn finish(&mut self) -> Result<()> {
        self.scanner.skip_whitespace()?;
        match self.scanner.peek()? {
            None => Ok(()),
            Some(_) => Err(self.scanner.error("trailing characters")),
        }
    }

    fn next_session(&mut self) -> Result<Option<SessionInfo>> {
        let index = self.index;
        let s = &mut self.scanner;
        s.skip_whitespace()?;
        let mut b = s.next_byte("a list").map_err(|e| in_list(e, index))?;
        if self.index > 0 {
            match b {
                b']' => {}
                b',' => {
                    s.bump()?;
                    s.skip_whitespace()?;
                    b = s.next_byte("a list").map_err(|e| in_list(e, index))?;
                    if b == b']' {
                        return Err(in_list(s.error("trailing comma"), index));
                    }
                }
                _ => return Err(in_list(s.error("expected `,` or `]`"), index)),
            }
        }
        if b == b']' {
            self.scanner.bump()?;
            self.in_list = false;
            return match self.properties(false)? {
                Stop::End => Ok(None),
                Stop::Sessions => Err(self.scanner.error("expected `,` or `}`")),
            };
        }
        let start = self.scanner.value(&mut self.buf)?;
        if self.buf.is_empty() {
            return Err(in_list(self.scanner.error("expected value"), index));
        }
        let session = self.item(start).map_err(|e| in_list(e, index))?;
        self.index += 1;
        Ok(Some(session))
    }

    /// One session, read by the decoder; anything else, refused by the decoder's item reader.
    fn item(&self, start: Position) -> Result<SessionInfo> {
        let mut session = SessionInfo::default();
        if self.buf.first() == Some(&b'{') {
            crate::json::read::decode_into(&self.buf, &mut session, &self.options).map_err(|e| e.shifted(start))?;
            return Ok(session);
        }
        check_syntax(&self.buf, start)?;
        let mut list: Option<Vec<SessionInfo>> = Some(Vec::new());
        let mut walk = Walk::new(&self.options);
        let mut de = serde_json::Deserializer::from_slice(&self.buf);
        let read = Item { slot: &mut list, index: usize::MAX, path: &mut walk }.deserialize(&mut de);
        let message = match read {
            Err(error) => json_error_message(&error),
            Ok(()) => "expected a JSON object for SessionInfo".into(),
        };
        Err(Error::new(Category::Data, message).at(start))
    }
}

/// An error inside the sessions' list, at the item `index` about to be read.
fn in_list(error: Error, index: usize) -> Error {
    error.prepend(Segment::Index(index)).prepend(Segment::Member(sessions_member().name()))
}

/// A syntax error serde_json found in a value cut out at `start`, placed in the document.
fn syntax(error: &serde_json::Error, value: &[u8], start: Position) -> Error {
    let mut converted = Error::new(Category::Syntax, json_error_message(error));
    if let Some(position) = Position::of_json_error(error, value, 0) {
        converted = converted.at(position.shifted(start));
    }
    converted
}

/// Checks that a value cut out at `start` is well-formed JSON, UTF-8 included (which
/// skipping a value does not check), as the decoder's check of the whole document does.
fn check_syntax(value: &[u8], start: Position) -> Result<()> {
    serde_json::from_slice::<&RawValue>(value).map(drop).map_err(|e| syntax(&e, value, start))
}

impl<R: BufRead> Iterator for SessionReader<R> {
    type Item = Result<SessionInfo>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if !self.in_list {
            self.done = true;
            return None;
        }
        let step = self.next_session();
        crate::error::fused_step(&mut self.done, step)
    }
}

//! Streaming: a response's sessions one at a time, from any `BufRead` and to any `Write`,
//! holding one session in memory, however large the document.

use super::decode::decode_from;
use super::encode::Encoder;
use super::{ReadOptions, XmlOptions};
use crate::app::portal::AppGetActiveSessionsResult;
use crate::contract::Contract;
use crate::dcxml::reader::{Scope, XmlReader};
use crate::dcxml::XSI_NAMESPACE;
use crate::error::{Category, Error, MemberPath, Position, Result, Segment};
use crate::sessions::SessionInfo;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::sync::Arc;

/// A `BufRead` that counts what it hands out, and copies it while asked to. It also
/// refuses to hand out more than `limit` bytes in one window (one session, or one node
/// outside the sessions), so that neither the recording nor quick-xml's buffer grows
/// without bound on hostile input.
struct Recorder<R> {
    inner: R,
    recording: Option<Vec<u8>>,
    position: Position,
    window: usize,
    limit: usize,
    over_limit: bool,
}

impl<R: BufRead> std::io::Read for Recorder<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Recorder<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.window > self.limit {
            self.over_limit = true;
            return Err(std::io::Error::other("over the size limit"));
        }
        self.inner.fill_buf()
    }
    fn consume(&mut self, amount: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let taken = &buf[..amount.min(buf.len())];
            if let Some(recording) = &mut self.recording {
                recording.extend_from_slice(taken);
            }
            self.position.advance(taken);
            self.window += taken.len();
        }
        self.inner.consume(amount);
    }
}

impl<R> Recorder<R> {
    fn position(&self) -> Position {
        self.position
    }
}

/// The sessions of an `AppGetActiveSessionsResult` document, decoded one at a time.
///
/// ```
/// use evovoice_contracts::xml::stream::SessionReader;
///
/// let file = std::fs::File::open("fixtures/xml/servicestack/0002.xml").unwrap();
/// let mut count = 0;
/// for session in SessionReader::new(std::io::BufReader::new(file)).unwrap() {
///     let session = session.unwrap();
///     assert!(session.members.is_none() || session.members.is_some());
///     count += 1;
/// }
/// assert!(count > 0);
/// ```
pub struct SessionReader<R: BufRead> {
    reader: quick_xml::Reader<Recorder<R>>,
    buf: Vec<u8>,
    /// Namespace declarations in scope inside `Sessions` (prefix to URI; an inner
    /// declaration replaces an outer one), and the same shared with the session readers.
    scope: HashMap<String, String>,
    shared: Option<Arc<Scope>>,
    /// The declarations of the element being looked at, over `scope`.
    own: Vec<(String, String)>,
    index: usize,
    done: bool,
    options: ReadOptions,
}

impl<R: BufRead> SessionReader<R> {
    /// Reads up to the first session. An empty or null `Sessions` yields no session.
    pub fn new(input: R) -> Result<Self> {
        SessionReader::with_options(input, ReadOptions::new())
    }

    /// As [`new`](Self::new), with limits for each session; `max_document_bytes` bounds
    /// the bytes of one session (and of one node outside the sessions).
    pub fn with_options(input: R, options: ReadOptions) -> Result<Self> {
        let recorder = Recorder {
            inner: input,
            recording: None,
            position: Position::START,
            window: 0,
            limit: options.document_bytes_limit(),
            over_limit: false,
        };
        let mut this = SessionReader {
            reader: quick_xml::Reader::from_reader(recorder),
            buf: Vec::new(),
            scope: HashMap::new(),
            shared: None,
            own: Vec::new(),
            index: 0,
            done: false,
            options,
        };
        this.open()?;
        Ok(this)
    }

    fn error(&self, category: Category, message: impl Into<String>) -> Error {
        Error::new(category, message).at(self.reader.get_ref().position())
    }

    fn next_event(&mut self) -> Result<Event<'static>> {
        self.buf.clear();
        let recorder = self.reader.get_mut();
        if recorder.recording.is_none() {
            recorder.window = 0;
        }
        match self.reader.read_event_into(&mut self.buf) {
            Ok(event) => Ok(event.into_owned()),
            Err(_) if self.reader.get_ref().over_limit => Err(self.error(
                Category::Limit,
                format!(
                    "a session (or a node outside the sessions) is larger than the limit of {} bytes \
                     (max_document_bytes)",
                    self.options.document_bytes_limit()
                ),
            )),
            Err(e) => Err(self.error(Category::Syntax, format!("malformed XML: {e}"))),
        }
    }

    /// Reads the root start tag and its children up to `Sessions`'s start tag.
    fn open(&mut self) -> Result<()> {
        let (root, empty) = loop {
            match self.next_event()? {
                Event::Start(e) => break (e, false),
                Event::Empty(e) => break (e, true),
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {}
                Event::DocType(_) => return Err(self.error(Category::Data, "a DTD is not allowed")),
                _ => return Err(self.error(Category::Syntax, "expected the root element")),
            }
        };
        self.declare(&root)?;
        self.keep_declarations();
        let info = AppGetActiveSessionsResult::info();
        if !self.is(&root, info.name(), info.namespace()) {
            return Err(self.error(
                Category::Data,
                format!("expecting element '{}' from namespace '{}'", info.name(), info.namespace()),
            ));
        }
        if empty {
            self.done = true;
            return Ok(());
        }
        let sessions = AppGetActiveSessionsResult::sessions_member();
        let mut depth = 0usize;
        loop {
            match self.next_event()? {
                // A child's own declarations count when resolving its name.
                Event::Start(e) if depth == 0 => {
                    self.declare(&e)?;
                    if self.is(&e, sessions.name(), sessions.namespace()) {
                        self.keep_declarations();
                        if self.nil(&e) {
                            self.done = true;
                        }
                        return Ok(());
                    }
                    self.own.clear();
                    depth += 1;
                }
                Event::Empty(e) if depth == 0 => {
                    self.declare(&e)?;
                    let found = self.is(&e, sessions.name(), sessions.namespace());
                    self.own.clear();
                    if found {
                        self.done = true;
                        return Ok(());
                    }
                }
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => {
                    self.done = true;
                    return Ok(());
                }
                Event::End(_) => depth -= 1,
                Event::Eof => return Err(self.error(Category::Syntax, "unexpected end of document")),
                _ => {}
            }
        }
    }

    /// Makes the declarations of the element just declared part of the scope.
    fn keep_declarations(&mut self) {
        self.scope.extend(self.own.drain(..));
    }

    /// Records the namespace declarations of a start tag (in `own`, until kept).
    fn declare(&mut self, e: &BytesStart<'_>) -> Result<()> {
        self.own.clear();
        // quick-xml's duplicate check compares each attribute with all before it; a set
        // keeps a start tag with thousands of attributes linear.
        let mut attributes = e.attributes();
        attributes.with_checks(false);
        let mut seen = std::collections::HashSet::new();
        for attribute in attributes {
            let attribute =
                attribute.map_err(|err| self.error(Category::Syntax, format!("malformed attribute: {err}")))?;
            if !seen.insert(attribute.key.as_ref().to_vec()) {
                let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
                return Err(self.error(Category::Syntax, format!("the attribute '{key}' appears twice on the element")));
            }
            let key = attribute.key.as_ref();
            let prefix = if key == b"xmlns" {
                ""
            } else if let Some(p) = key.strip_prefix(b"xmlns:") {
                std::str::from_utf8(p).map_err(|_| self.error(Category::Syntax, "invalid UTF-8"))?
            } else {
                continue;
            };
            let value = attribute.unescape_value().map_err(|err| self.error(Category::Syntax, err.to_string()))?;
            self.own.push((prefix.to_owned(), value.into_owned()));
        }
        Ok(())
    }

    fn resolve(&self, prefix: &str) -> Option<&str> {
        match self.own.iter().rev().find(|(p, _)| p == prefix) {
            Some((_, ns)) => Some(ns),
            None => self.scope.get(prefix).map(String::as_str),
        }
    }

    fn is(&self, e: &BytesStart<'_>, local: &str, namespace: &str) -> bool {
        let name = e.name();
        let prefix = name.prefix().map_or(&b""[..], |p| p.into_inner());
        e.local_name().as_ref() == local.as_bytes()
            && std::str::from_utf8(prefix).ok().and_then(|p| self.resolve(p)) == Some(namespace)
    }

    fn nil(&self, e: &BytesStart<'_>) -> bool {
        let mut attributes = e.attributes();
        attributes.with_checks(false);
        attributes.flatten().any(|a| {
            let key = a.key;
            key.local_name().as_ref() == b"nil"
                && key.prefix().and_then(|p| std::str::from_utf8(p.into_inner()).ok()).and_then(|p| self.resolve(p))
                    == Some(XSI_NAMESPACE)
                && matches!(a.value.as_ref(), b"true" | b"1")
        })
    }

    fn next_session(&mut self) -> Result<Option<SessionInfo>> {
        let item = SessionInfo::info();
        loop {
            self.reader.get_mut().recording = Some(Vec::new());
            self.reader.get_mut().window = 0;
            let start = self.reader.get_ref().position();
            let (e, empty) = match self.next_event()? {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) => {
                    self.reader.get_mut().recording = None;
                    return Ok(None);
                }
                Event::Eof => return Err(self.error(Category::Syntax, "unexpected end of document")),
                _ => continue,
            };
            if !empty {
                let mut depth = 0usize;
                loop {
                    match self.next_event()? {
                        Event::Start(_) => depth += 1,
                        Event::End(_) if depth == 0 => break,
                        Event::End(_) => depth -= 1,
                        Event::Eof => return Err(self.error(Category::Syntax, "unexpected end of document")),
                        _ => {}
                    }
                }
            }
            let mut fragment = self.reader.get_mut().recording.take().unwrap_or_default();
            let mut start = start;
            if fragment.first() != Some(&b'<') {
                // After text, quick-xml has already consumed the `<` of the next tag.
                fragment.insert(0, b'<');
                start = Position {
                    offset: start.offset.saturating_sub(1),
                    column: start.column.saturating_sub(1).max(1),
                    ..start
                };
            }
            // The item's own declarations count when resolving its name.
            self.declare(&e)?;
            let is_item = self.is(&e, item.name(), item.namespace());
            self.own.clear();
            if !is_item {
                continue; // Not an item: .NET skips it.
            }
            let text = std::str::from_utf8(&fragment).map_err(|err| {
                Error::new(Category::Syntax, "invalid UTF-8")
                    .at(Position { offset: start.offset + err.valid_up_to(), ..start })
            })?;
            let mut path = MemberPath::new();
            path.push(Segment::Member(AppGetActiveSessionsResult::sessions_member().name()));
            path.push(Segment::Index(self.index));
            let scope = match &self.shared {
                Some(scope) => Arc::clone(scope),
                None => {
                    let scope = Arc::new(Scope::new(self.scope.iter().map(|(p, ns)| (p.clone(), ns.clone()))));
                    self.shared = Some(Arc::clone(&scope));
                    scope
                }
            };
            let reader = XmlReader::fragment_in(text, start, scope);
            let session = decode_from::<SessionInfo>(reader, path, &self.options)?;
            self.index += 1;
            return Ok(Some(session));
        }
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

/// Writes an `AppGetActiveSessionsResult` document session by session: the bytes are those
/// [`to_vec`](super::to_vec) writes for the whole value, flushed to the writer after each
/// session.
///
/// ```
/// use evovoice_contracts::sessions::SessionInfo;
/// use evovoice_contracts::xml::{self, stream::SessionWriter, XmlOptions};
/// use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
///
/// let sessions = vec![SessionInfo::default(), SessionInfo::default()];
/// let mut out = Vec::new();
/// let mut writer = SessionWriter::new(&mut out, &XmlOptions::new()).unwrap();
/// for s in &sessions {
///     writer.write(s).unwrap();
/// }
/// writer.finish().unwrap();
/// let mut whole = AppGetActiveSessionsResult::default();
/// whole.sessions = Some(sessions);
/// assert_eq!(out, xml::to_vec(&whole).unwrap());
/// ```
pub struct SessionWriter<W: Write> {
    out: W,
    encoder: Encoder<'static>,
    index: usize,
}

impl<W: Write> SessionWriter<W> {
    /// Writes everything up to the first session.
    pub fn new(out: W, options: &XmlOptions) -> Result<Self> {
        let mut encoder = Encoder::new(options, Vec::with_capacity(64 * 1024));
        let info = AppGetActiveSessionsResult::info();
        encoder.open_root(info);
        encoder.open_member(AppGetActiveSessionsResult::sessions_member());
        let mut writer = SessionWriter { out, encoder, index: 0 };
        writer.flush()?;
        Ok(writer)
    }

    fn flush(&mut self) -> Result<()> {
        let bytes = self.encoder.take_buffer();
        self.out.write_all(&bytes).map_err(Error::io)?;
        self.encoder.give_buffer(bytes);
        Ok(())
    }

    /// Writes one session.
    pub fn write(&mut self, session: &SessionInfo) -> Result<()> {
        let sessions = AppGetActiveSessionsResult::sessions_member().name();
        self.encoder.item(session, self.index).map_err(|e| e.prepend(Segment::Member(sessions)))?;
        self.index += 1;
        self.flush()
    }

    /// Closes the document and flushes the writer.
    pub fn finish(mut self) -> Result<W> {
        self.encoder.close_member();
        self.encoder.close_root();
        self.flush()?;
        self.out.flush().map_err(Error::io)?;
        Ok(self.out)
    }
}

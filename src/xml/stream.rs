//! Streaming: a response's sessions one at a time, from any `BufRead` and to any `Write`,
//! holding one session in memory, however large the document.

use super::decode::{check_root, decode_list_child, Ids};
use super::encode::Encoder;
use super::plan::{self, ElementPlan, MemberPlan};
use super::{ReadOptions, XmlOptions};
use crate::app::portal::AppGetActiveSessionsResult;
use crate::contract::Contract;
use crate::dcxml::encoding::{Decoded, Encoding};
use crate::dcxml::reader::{doctype, malformed};
use crate::dcxml::reader::{Element, Scope, XmlReader, AFTER_ROOT, MISPLACED_TEXT, UNCLOSED};
use crate::dcxml::rules::{self, Prolog};
use crate::dcxml::text::{resolve_reference, Resolved};
use crate::dcxml::Dialect;
use crate::error::{Category, Error, MemberPath, Position, Result, Segment};
use crate::sessions::SessionInfo;
use quick_xml::events::Event;
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
    reader: quick_xml::Reader<Recorder<Decoded<R>>>,
    buf: Vec<u8>,
    /// Namespace declarations in scope inside `Sessions` (prefix to URI; an inner
    /// declaration replaces an outer one), and the same shared with the session readers.
    scope: HashMap<String, String>,
    shared: Option<Arc<Scope>>,
    /// The declarations of the element being looked at, over `scope`.
    own: Vec<(String, String)>,
    index: usize,
    /// Whether the next events are `Sessions`'s items.
    in_list: bool,
    /// Whether a `Sessions` element was met (a repeat is passed over).
    seen_sessions: bool,
    /// Whether the root element was met.
    seen_root: bool,
    done: bool,
    options: ReadOptions,
    /// The rules of the document's prolog, asked of every event read here.
    prolog: Prolog,
    /// The sessions (and elements in them) with a `z:Id`, for the `z:Ref`s after them.
    ids: Ids,
    /// Where the document starts (after a byte order mark).
    first_offset: usize,
}

impl<R: BufRead> SessionReader<R> {
    /// Reads up to the first session. An empty or null `Sessions` yields no session.
    pub fn new(input: R) -> Result<Self> {
        SessionReader::with_options(input, ReadOptions::new())
    }

    /// As [`new`](Self::new), with limits for each session; `max_document_bytes` bounds
    /// the bytes of one session (and of one node outside the sessions).
    pub fn with_options(mut input: R, options: ReadOptions) -> Result<Self> {
        // A byte order mark is read past, as the decoder reads past it: no column. UTF-16
        // is read transcoded (positions are then those of the UTF-8 text; lines and
        // columns are the same).
        let (encoding, bom) = Encoding::sniff(input.fill_buf().map_err(Error::io)?);
        input.consume(bom);
        let mut input = Decoded::new(input, encoding);
        if input.fill_buf().map_err(Error::io)?.starts_with(crate::location::UTF8_BOM) {
            return Err(malformed(
                crate::dcxml::rules::Malformed::SecondByteOrderMark,
                Position { offset: bom, ..Position::START },
            ));
        }
        let recorder = Recorder {
            inner: input,
            recording: None,
            position: Position { offset: bom, ..Position::START },
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
            in_list: false,
            seen_sessions: false,
            seen_root: false,
            done: false,
            options,
            prolog: Prolog::new(encoding),
            ids: Ids::default(),
            first_offset: bom,
        };
        this.open()?;
        Ok(this)
    }

    fn error(&self, category: Category, message: impl Into<String>) -> Error {
        Error::new(category, message).at(self.reader.get_ref().position())
    }

    /// The next event, and where it starts in the document.
    fn next_event(&mut self) -> Result<(Event<'static>, Position)> {
        self.buf.clear();
        let recorder = self.reader.get_mut();
        if recorder.recording.is_none() {
            recorder.window = 0;
        }
        let before = recorder.position();
        let event = match self.reader.read_event_into(&mut self.buf) {
            Ok(event) => event.into_owned(),
            Err(_) if self.reader.get_ref().over_limit => {
                return Err(self.error(
                    Category::Limit,
                    format!(
                        "a session (or a node outside the sessions) is larger than the limit of {} bytes \
                         (max_document_bytes)",
                        self.options.document_bytes_limit()
                    ),
                ))
            }
            Err(e) => return Err(self.error(Category::Syntax, format!("malformed XML: {e}"))),
        };
        let start = before;
        // The rulebook's event rules, as the decoder's reader asks them. Inside a session,
        // the session's own reader asks them again where it reads the same bytes.
        let opens_root = !self.seen_root && matches!(event, Event::Start(_) | Event::Empty(_));
        self.seen_root |= opens_root;
        self.prolog
            .check(&event, start.offset == self.first_offset, opens_root)
            .map_err(|(at, reason)| malformed(reason, Position { offset: start.offset + at, ..start }))?;
        Ok((event, start))
    }

    /// A data error where the event at `start` is, under `path`.
    fn data_error(start: Position, message: &str, path: &[Segment]) -> Error {
        let mut error = Error::new(Category::Data, message).at(start);
        for segment in path.iter().rev() {
            error = error.prepend(segment.clone());
        }
        error
    }

    /// What the decoder says of an event where an element (or the end) belongs; `None`
    /// for what it passes over.
    fn misplaced(event: &Event<'_>, start: Position, path: &[Segment], inside_root: bool) -> Option<Error> {
        match event {
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                let reference = match event {
                    Event::GeneralRef(r) => match resolve_reference(std::str::from_utf8(r).unwrap_or("")) {
                        Ok(Resolved::Char(ch)) => Some(ch),
                        Ok(Resolved::Surrogate(_)) => None,
                        Err(reason) => return Some(malformed(reason, start)),
                    },
                    _ => None,
                };
                if rules::is_blank(event, inside_root, reference) {
                    return None;
                }
                Some(SessionReader::<R>::data_error(start, MISPLACED_TEXT, path))
            }
            Event::DocType(_) => Some(doctype(inside_root, start)),
            Event::Eof => Some(Error::new(Category::Syntax, UNCLOSED).at(start)),
            _ => None,
        }
    }

    /// Reads the root start tag and its children up to `Sessions`'s start tag.
    fn open(&mut self) -> Result<()> {
        let (empty, start) = loop {
            self.record();
            match self.next_event()? {
                (Event::Start(_), start) => break (false, start),
                (Event::Empty(_), start) => break (true, start),
                (Event::Decl(_) | Event::Comment(_), _) => {}
                (Event::Text(t), _) if rules::is_whitespace(&t) => {}
                (Event::Text(_) | Event::CData(_) | Event::GeneralRef(_), start) => {
                    return Err(Error::new(Category::Syntax, "text outside the root element").at(start))
                }
                (Event::Eof, start) => {
                    return Err(Error::new(Category::Syntax, "the document has no root element").at(start))
                }
                (event, start) => {
                    return Err(Self::misplaced(&event, start, &[], false)
                        .unwrap_or_else(|| self.error(Category::Syntax, "expected the root element")))
                }
            }
        };
        let info = AppGetActiveSessionsResult::info();
        self.element(start, |r, root| check_root(r, root, info))?;
        self.keep_declarations();
        if empty {
            return self.after_root();
        }
        self.in_list = self.children()?;
        Ok(())
    }

    /// Starts recording the next event's bytes (a root-level tag, read again by the
    /// decoder's reader).
    fn record(&mut self) {
        let recorder = self.reader.get_mut();
        recorder.recording = Some(Vec::new());
        recorder.window = 0;
    }

    /// The start tag just read (recorded from `start`), read by the decoder's reader in
    /// the scope around it, and `check` run on it: names are resolved, `i:nil` read and
    /// the tag checked exactly as the decoder does it.
    fn element<T>(
        &mut self,
        start: Position,
        check: impl FnOnce(&mut XmlReader<'_>, &Element<'_>) -> Result<T>,
    ) -> Result<T> {
        let tag = self.reader.get_mut().recording.take().unwrap_or_default();
        let (result, declarations) = self.element_bytes(tag, start, check)?;
        self.own = declarations;
        Ok(result)
    }

    /// As [`element`](Self::element), for recorded bytes; also the element's namespace
    /// declarations, as the reader read them.
    fn element_bytes<T>(
        &self,
        mut tag: Vec<u8>,
        start: Position,
        check: impl FnOnce(&mut XmlReader<'_>, &Element<'_>) -> Result<T>,
    ) -> Result<(T, Vec<(String, String)>)> {
        if tag.first() != Some(&b'<') {
            tag.insert(0, b'<');
        }
        let text = std::str::from_utf8(&tag).map_err(|err| {
            Error::new(Category::Syntax, "invalid UTF-8")
                .at(Position { offset: start.offset + err.valid_up_to(), ..start })
        })?;
        let scope = Arc::new(Scope::new(self.scope.iter().map(|(p, ns)| (p.clone(), ns.clone()))));
        let mut reader = XmlReader::fragment_in(text, start, scope);
        let element = reader.root()?;
        let declarations = reader.declarations();
        Ok((check(&mut reader, &element)?, declarations))
    }

    /// Reads the root's children up to the start of `Sessions`'s items (true), or to the
    /// end of the document (false): other elements, a nil or empty `Sessions`, and a
    /// repeated one are passed over, as the decoder passes them over.
    fn children(&mut self) -> Result<bool> {
        let sessions = AppGetActiveSessionsResult::sessions_member();
        loop {
            self.record();
            let (event, start) = self.next_event()?;
            match event {
                Event::Start(_) => {
                    let tag = self.reader.get_ref().recording.clone();
                    let (is_sessions, nil) =
                        self.element(start, |_, el| Ok((el.is(sessions.name(), sessions.namespace()), el.nil)))?;
                    let found = !self.seen_sessions && is_sessions;
                    self.seen_sessions |= is_sessions;
                    if found && !nil {
                        self.keep_declarations();
                        self.reader.get_mut().recording = None;
                        return Ok(true);
                    }
                    self.own.clear();
                    self.skip_checked(tag, start)?;
                }
                Event::Empty(_) => {
                    let is_sessions = self.element(start, |_, el| Ok(el.is(sessions.name(), sessions.namespace())))?;
                    self.seen_sessions |= is_sessions;
                    self.own.clear();
                }
                Event::End(_) => {
                    self.after_root()?;
                    return Ok(false);
                }
                Event::Comment(_) | Event::Decl(_) => {}
                event => {
                    if let Some(error) = Self::misplaced(&event, start, &[], true) {
                        return Err(error);
                    }
                }
            }
        }
    }

    /// Passes over an element whose start tag (`tag`, recorded from `start`) was read, as
    /// the decoder passes over it: its content is read again by the decoder's reader, so
    /// that what the decoder checks while skipping (attributes, references, prefixes) is
    /// checked here too, and a problem it meets first is the one reported.
    fn skip_checked(&mut self, tag: Option<Vec<u8>>, start: Position) -> Result<()> {
        self.reader.get_mut().recording = tag;
        let cut = self.skip_element();
        let element = self.reader.get_mut().recording.take().unwrap_or_default();
        let read = self.element_bytes(element, start, |r, _| r.skip()).map(|(read, _)| read);
        match (read, cut) {
            (Err(error), _) if error.category() != Category::Syntax => Err(error),
            (_, Err(error)) => Err(error),
            (read, Ok(())) => read,
        }
    }

    /// Passes over the rest of an element whose start tag was read.
    fn skip_element(&mut self) -> Result<()> {
        let mut depth = 0usize;
        loop {
            match self.next_event()? {
                (Event::Start(_), _) => depth += 1,
                (Event::End(_), _) if depth == 0 => return Ok(()),
                (Event::End(_), _) => depth -= 1,
                (Event::Eof, start) => return Err(Error::new(Category::Syntax, UNCLOSED).at(start)),
                (Event::DocType(_), start) => return Err(doctype(true, start)),
                _ => {}
            }
        }
    }

    /// After the root element: nothing but whitespace, comments and processing
    /// instructions.
    fn after_root(&mut self) -> Result<()> {
        self.done = true;
        self.reader.get_mut().recording = None;
        loop {
            match self.next_event()? {
                (Event::Eof, _) => return Ok(()),
                (Event::Comment(_), _) => {}
                (Event::Text(t), _) if rules::is_whitespace(&t) => {}
                (_, start) => return Err(Error::new(Category::Syntax, AFTER_ROOT).at(start)),
            }
        }
    }

    /// Makes the declarations of the element just declared part of the scope.
    fn keep_declarations(&mut self) {
        self.scope.extend(self.own.drain(..));
    }

    fn next_session(&mut self) -> Result<Option<SessionInfo>> {
        let sessions = [Segment::Member(AppGetActiveSessionsResult::sessions_member().name())];
        loop {
            self.reader.get_mut().recording = Some(Vec::new());
            self.reader.get_mut().window = 0;
            let (event, start) = self.next_event()?;
            let empty = match &event {
                Event::Start(_) => false,
                Event::Empty(_) => true,
                Event::End(_) => {
                    self.reader.get_mut().recording = None;
                    self.in_list = false;
                    // The rest of the root: whatever follows is read as the decoder reads it.
                    self.children()?;
                    return Ok(None);
                }
                Event::Comment(_) | Event::Decl(_) => continue,
                event => match Self::misplaced(event, start, &sessions, true) {
                    Some(error) => return Err(error),
                    None => continue,
                },
            };
            // Inside an item, the decoder checks the end tags (and reports what comes
            // first); here only the item's end is looked for.
            let mut cut = Ok(());
            if !empty {
                self.reader.config_mut().check_end_names = false;
                cut = self.skip_element();
                self.reader.config_mut().check_end_names = true;
            }
            let mut fragment = self.reader.get_mut().recording.take().unwrap_or_default();
            if fragment.first() != Some(&b'<') {
                fragment.insert(0, b'<');
            }
            let text = crate::utf8::from_utf8(&fragment).map_err(|err| {
                Error::new(Category::Syntax, "invalid UTF-8")
                    .at(Position { offset: start.offset + err.valid_up_to(), ..start })
            })?;
            let mut path = MemberPath::new();
            path.push(sessions[0].clone());
            let scope = match &self.shared {
                Some(scope) => Arc::clone(scope),
                None => {
                    let scope = Arc::new(Scope::new(self.scope.iter().map(|(p, ns)| (p.clone(), ns.clone()))));
                    self.shared = Some(Arc::clone(&scope));
                    scope
                }
            };
            let reader = XmlReader::fragment_in(text, start, scope);
            // An item cut short (the input ends, or is malformed) is still read as far as it
            // goes: a data error before the break is what the decoder reports first.
            let read = decode_list_child::<SessionInfo>(
                reader,
                path,
                self.index,
                &self.options,
                &session_plans(),
                &mut self.ids,
            );
            match (read, cut) {
                (Err(error), _) if error.category() != Category::Syntax => return Err(error),
                (_, Err(error)) => return Err(error),
                (Err(error), Ok(())) => return Err(error),
                (Ok(Some(session)), Ok(())) => {
                    self.index += 1;
                    return Ok(Some(session));
                }
                (Ok(None), Ok(())) => {}
            }
        }
    }
}

/// The plans of a session in `Sessions`, in both dialects: the decoder expects the one
/// whose start tag a session's is.
fn session_plans() -> [&'static ElementPlan; 2] {
    let slot = AppGetActiveSessionsResult::sessions_member().slot();
    [Dialect::ServiceStack, Dialect::Wcf].map(|dialect| {
        let root = plan::root(AppGetActiveSessionsResult::info(), dialect);
        let sessions = root.members.iter().find(|m| m.slot == slot).unwrap_or(&root.members[0]);
        sessions.items().unwrap_or(root)
    })
}

impl<R: BufRead> Iterator for SessionReader<R> {
    type Item = Result<SessionInfo>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done || !self.in_list {
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
    encoder: Encoder,
    /// The root's `Sessions` member, whose start tag waits for the first session (a
    /// document without one has the member's empty form).
    sessions: &'static MemberPlan,
    root: &'static ElementPlan,
    index: usize,
}

impl<W: Write> SessionWriter<W> {
    /// Writes everything up to the first session.
    pub fn new(out: W, options: &XmlOptions) -> Result<Self> {
        let mut encoder = Encoder::new(options, Vec::with_capacity(64 * 1024));
        let root = plan::root(AppGetActiveSessionsResult::info(), options.dialect);
        let slot = AppGetActiveSessionsResult::sessions_member().slot();
        let sessions = root.members.iter().find(|m| m.slot == slot).unwrap_or(&root.members[0]);
        encoder.raw(&root.forms.open);
        let mut writer = SessionWriter { out, encoder, sessions, root, index: 0 };
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
        let sessions = self.sessions.name;
        let items = self.sessions.items().ok_or_else(|| Error::new(Category::Unencodable, "Sessions is not a list"))?;
        let before = self.encoder.len();
        if self.index == 0 {
            self.encoder.raw(&self.sessions.forms.open);
        }
        if let Err(e) = self.encoder.element(items, session) {
            // A session that cannot be written leaves nothing behind.
            self.encoder.truncate(before);
            return Err(e.prepend(Segment::Index(self.index)).prepend(Segment::Member(sessions)));
        }
        self.index += 1;
        self.flush()
    }

    /// Closes the document and flushes the writer.
    pub fn finish(mut self) -> Result<W> {
        let forms = &self.sessions.forms;
        self.encoder.raw(if self.index == 0 { &forms.empty } else { &forms.close });
        self.encoder.raw(&self.root.forms.close);
        self.flush()?;
        self.out.flush().map_err(Error::io)?;
        Ok(self.out)
    }
}

//! Reading XML the way .NET's reader sees it, on top of quick-xml's tokenizer.
//!
//! quick-xml tokenizes; this module adds what DataContractSerializer relies on and
//! quick-xml leaves to its users: namespace resolution that borrows from the input, XML
//! 1.0 end-of-line normalization, reference resolution (including the references to
//! control characters that WCF writes), rejection of DTDs and of characters XML forbids,
//! `i:nil` under any prefix, limits on depth and string length, and a byte offset for every
//! node.
//!
//! Hostile input costs time and memory linear in its size: skipping is iterative, namespace
//! lookups and duplicate-attribute checks switch to hashing when an element carries many
//! declarations or attributes, and a namespace URI that had to be unescaped is shared, not
//! copied, by the elements in its scope.
//!
//! On request it also records [`Notice`]s: what .NET reads without complaint but a
//! validator wants to point out (carriage returns, references to control characters).

use crate::error::{Category, Error, Fact, Position};
use crate::location::Locator;
use quick_xml::errors::IllFormedError;
use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Deref;
use std::sync::Arc;

use super::encoding::Encoding;
use super::expect::Expected;
use super::rules::{self, is_whitespace, Malformed, Prolog, XMLNS_NAMESPACE, XML_NAMESPACE};
use super::text::{
    append, is_restricted_control, normalize_line_ends, plain_text_len, resolve_reference, unescape_attribute, Pairing,
    Resolved,
};
use super::XSI_NAMESPACE;
use crate::swar::starts_with;

pub use super::text::parse_xml_bool;

use crate::limits::{DEFAULT_MAX_DEPTH, DEFAULT_MAX_STRING_BYTES};

/// What text (or CDATA, or a reference) where an element belongs is.
pub const MISPLACED_TEXT: &str = "unexpected text where an element was expected";

/// What content after the root element is.
pub const AFTER_ROOT: &str = "unexpected content after the root element";

/// What the end of the input inside an element is.
pub const UNCLOSED: &str = "unexpected end of document: an element is not closed";

/// A namespace URI: borrowed from the input, or, when it had to be unescaped (or came
/// from outside the input), shared by every element in the declaration's scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Namespace<'i> {
    /// As it is in the input.
    Borrowed(&'i str),
    /// Unescaped, or given.
    Shared(Arc<str>),
}

impl Deref for Namespace<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Namespace::Borrowed(s) => s,
            Namespace::Shared(s) => s,
        }
    }
}

impl<'i> From<Cow<'i, str>> for Namespace<'i> {
    fn from(value: Cow<'i, str>) -> Self {
        match value {
            Cow::Borrowed(s) => Namespace::Borrowed(s),
            Cow::Owned(s) => Namespace::Shared(s.into()),
        }
    }
}

/// The namespace bindings in scope where fragments of a larger document start (prefix,
/// URI; `""` for the default namespace), looked up by hashing and shared by every
/// fragment cut from the same place: the cost of a fragment does not grow with the
/// declarations around it.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    map: HashMap<String, Namespace<'static>>,
}

impl Scope {
    /// The scope of `bindings`, outermost first (an inner binding of a prefix hides an
    /// outer one).
    pub fn new(bindings: impl IntoIterator<Item = (String, String)>) -> Self {
        Scope { map: bindings.into_iter().map(|(prefix, ns)| (prefix, Namespace::Shared(ns.into()))).collect() }
    }
}

/// Bindings longer than this are looked up through a hash index rather than a scan.
const INDEX_BINDINGS_PAST: usize = 32;

/// The namespace bindings in scope (prefix, URI; `""` for the default namespace),
/// innermost last.
///
/// Documents bind a handful of prefixes, and a scan from the end finds one faster than
/// hashing would. A document that declares thousands would make every element's lookup
/// scan them all; past [`INDEX_BINDINGS_PAST`] bindings an index from prefix to binding
/// keeps each lookup constant-time.
#[derive(Debug, Default)]
struct Bindings<'i> {
    list: Vec<(Cow<'i, str>, Namespace<'i>)>,
    /// For each prefix, the positions in `list` that bind it, innermost last. Kept only
    /// while `indexed`.
    index: HashMap<Cow<'i, str>, Vec<usize>>,
    indexed: bool,
    /// The bindings around a fragment, under all of `list`.
    outer: Option<Arc<Scope>>,
    /// A number for each binding of `list`, never given twice: the last one names all the
    /// bindings in force (the ones under a binding do not change while it is in force).
    ids: Vec<u64>,
    last_id: u64,
}

impl<'i> Bindings<'i> {
    fn len(&self) -> usize {
        self.list.len()
    }

    fn push(&mut self, prefix: Cow<'i, str>, namespace: Namespace<'i>) {
        if self.indexed {
            self.index.entry(prefix.clone()).or_default().push(self.list.len());
        }
        self.list.push((prefix, namespace));
        self.last_id += 1;
        self.ids.push(self.last_id);
        if !self.indexed && self.list.len() > INDEX_BINDINGS_PAST {
            for (i, (p, _)) in self.list.iter().enumerate() {
                self.index.entry(p.clone()).or_default().push(i);
            }
            self.indexed = true;
        }
    }

    fn truncate(&mut self, len: usize) {
        self.ids.truncate(len);
        if !self.indexed {
            self.list.truncate(len);
            return;
        }
        for (prefix, _) in self.list.drain(len..).rev() {
            if let Some(positions) = self.index.get_mut(&prefix) {
                positions.pop();
                if positions.is_empty() {
                    self.index.remove(&prefix);
                }
            }
        }
        // Drop the index well below the threshold only, so that an element hovering
        // around it does not rebuild the index each time.
        if self.list.len() <= INDEX_BINDINGS_PAST / 2 {
            self.index.clear();
            self.indexed = false;
        }
    }

    fn get(&self, prefix: &str) -> Option<&Namespace<'i>> {
        let inner = if self.indexed {
            self.index.get(prefix).and_then(|positions| positions.last()).and_then(|&i| self.list.get(i))
        } else {
            self.list.iter().rev().find(|(p, _)| p == prefix)
        };
        match inner {
            Some((_, ns)) => Some(ns),
            None => self.outer.as_deref()?.map.get(prefix),
        }
    }
}

/// The attribute names seen on one element, to reject a repeated one as .NET does. The
/// first few are compared directly (no allocation); past them a hash set keeps an element
/// with thousands of attributes linear (quick-xml's own check compares each attribute
/// with all before it).
struct AttributeNames<'i> {
    first: [&'i str; 8],
    len: usize,
    more: Option<HashSet<&'i str>>,
}

impl<'i> AttributeNames<'i> {
    fn new() -> Self {
        AttributeNames { first: [""; 8], len: 0, more: None }
    }

    /// Adds `name`; `false` when it was there already.
    fn insert(&mut self, name: &'i str) -> bool {
        if let Some(more) = &mut self.more {
            return more.insert(name);
        }
        if self.first[..self.len].contains(&name) {
            return false;
        }
        if self.len < self.first.len() {
            self.first[self.len] = name;
            self.len += 1;
        } else {
            let mut more: HashSet<&'i str> = self.first.iter().copied().collect();
            more.insert(name);
            self.more = Some(more);
        }
        true
    }
}

/// An element start, with its resolved namespace.
#[derive(Clone, Debug)]
pub struct Element<'i> {
    /// The local name.
    pub local: &'i str,
    /// The namespace URI, `None` when the name is in no namespace.
    pub namespace: Option<Namespace<'i>>,
    /// Whether the element carries `xsi:nil="true"` (or `"1"`).
    pub nil: bool,
    /// The byte offset of its `<`.
    pub offset: usize,
    /// Its DataContract attributes other than `i:nil`, when it has any.
    pub annotations: Option<Box<Annotations<'i>>>,
}

/// The DataContract attributes of an element beyond `i:nil`: object references
/// (`z:Id`, `z:Ref`) and a type (`i:type`). Rare, so kept out of line.
#[derive(Clone, Debug, Default)]
pub struct Annotations<'i> {
    /// `z:Id`: the id other elements refer to this one's value by.
    pub id: Option<Cow<'i, str>>,
    /// `z:Ref`: the id of the value this element stands for.
    pub reference: Option<Cow<'i, str>>,
    /// `i:type`: the data contract the element says it holds.
    pub type_name: Option<TypeName>,
}

/// The value of an `i:type` attribute, resolved where it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeName {
    /// The local name.
    pub local: String,
    /// The namespace its prefix is bound to there; `None` when the prefix is not declared.
    pub namespace: Option<String>,
    /// The value as written.
    pub written: String,
}

/// The namespace of object references (`z:Id`, `z:Ref`).
pub const SERIALIZATION_NAMESPACE: &str = "http://schemas.microsoft.com/2003/10/Serialization/";

/// A qualified name's prefix (`""` when it has none) and local name.
fn split_qname(qname: &str) -> (&str, &str) {
    match memchr::memchr(b':', qname.as_bytes()) {
        Some(colon) => (&qname[..colon], &qname[colon + 1..]),
        None => ("", qname),
    }
}

impl Element<'_> {
    /// Whether the element is `local` in `namespace`.
    pub fn is(&self, local: &str, namespace: &str) -> bool {
        self.local == local && self.namespace.as_deref() == Some(namespace)
    }
}

/// An element holding text, found by [`XmlReader::peek_text`] and not read yet.
#[derive(Debug)]
pub struct Peeked<'i> {
    /// The text; `None` when the element is nil.
    pub text: Option<Cow<'i, str>>,
    /// Where it ends, in the reader's input.
    end: usize,
}

/// What [`XmlReader::next_child`] found.
#[derive(Debug)]
pub enum Child<'i> {
    /// A child element starts.
    Element(Element<'i>),
    /// The current element ends.
    End,
}

/// Something in the text that .NET reads without complaint but that loses or changes
/// data, or that only one of .NET's readers accepts. Recorded only after
/// [`XmlReader::record_notices`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A raw carriage return in text content, which end-of-line normalization reads as a
    /// newline.
    RawCarriageReturn {
        /// Its byte offset.
        offset: usize,
    },
    /// `&#xD;` (or `&#13;`): a carriage return that survives reading.
    CarriageReturnReference {
        /// The byte offset of the `&`.
        offset: usize,
    },
    /// A reference to a C0 control character, which WCF's reader accepts and
    /// `XmlReader.Create` (ServiceStack's) rejects.
    ControlReference {
        /// The byte offset of the `&`.
        offset: usize,
        /// The character.
        ch: char,
    },
}

/// A pull reader over a UTF-8 document held in memory.
///
/// Two ways of reading share one state. The general path is quick-xml's tokenizer, event
/// by event. The predictive lanes read the commonest shapes straight from the bytes: plain text
/// followed by the current element's end tag ([`read_text`](Self::read_text)), an end
/// tag where a child could start ([`next_child`](Self::next_child)), and an element whose
/// exact bytes the caller predicts ([`expect`](Self::expect)). A lane takes the bytes only
/// when the general path would read exactly the same thing from them, and otherwise leaves
/// them to it. quick-xml's reader is then rebuilt where the lanes stopped: it keeps no
/// state between events that matters here, because end tags are matched against the open
/// elements by this reader, not by quick-xml.
#[derive(Debug)]
pub struct XmlReader<'i> {
    input: &'i str,
    /// Bytes of the original input before `input` (a byte order mark).
    skipped: usize,
    locator: Locator<'i>,
    notices: Option<Vec<Notice>>,
    reader: quick_xml::Reader<&'i [u8]>,
    /// Where quick-xml's input starts in `input`.
    base_of_reader: usize,
    /// The predictive lanes have read past quick-xml's position: it starts again at `pos`.
    stale: bool,
    /// Where the next unread byte of `input` is, while `stale`.
    pos: usize,
    /// Whether the predictive lanes are on.
    predictive: bool,
    bindings: Bindings<'i>,
    /// The open elements: the length of `bindings` before each, and its qualified name.
    scopes: Vec<(usize, &'i str)>,
    /// An empty element was reported as a start; its end is reported next.
    pending_end: bool,
    max_depth: usize,
    max_string_bytes: usize,
    /// Where `input` starts in a larger document it was cut from (streaming).
    base: Option<Position>,
    /// The rules of the document's prolog (`None` for a fragment).
    prolog: Option<Prolog>,
}

/// Reads `bytes` as text the way .NET's reader takes a document: UTF-8 (a byte order mark
/// skipped) borrowed as it is, UTF-16 transcoded ([`super::encoding::decode`]).
pub fn decode_text(bytes: &[u8]) -> Result<super::encoding::Text<'_>, Error> {
    super::encoding::decode(bytes).map_err(|(offset, reason)| malformed(reason, Position::locate(bytes, offset)))
}

/// The error of a document type declaration at `position`: .NET's reader (with
/// ServiceStack's settings, `DtdProcessing.Prohibit`) refuses DTDs; inside an element it
/// is not even well-formed.
pub(crate) fn doctype(inside_element: bool, position: Position) -> Error {
    if inside_element {
        Error::new(Category::Syntax, "unexpected declaration inside an element").at(position)
    } else {
        Error::new(Category::Data, "a DTD is not allowed: ServiceStack's reader prohibits DTDs and fails")
            .at(position)
            .with_fact(Fact::Dtd)
    }
}

/// The error of `reason` at `position`.
pub(crate) fn malformed(reason: Malformed, position: Position) -> Error {
    Error::new(Category::Syntax, reason.to_string()).at(position)
}

impl<'i> XmlReader<'i> {
    /// A reader over `input`; `skipped` is the number of bytes that preceded it in the
    /// original input (for offsets).
    pub fn new(input: &'i str, skipped: usize) -> Self {
        XmlReader {
            input,
            skipped,
            locator: Locator::new(input.as_bytes()),
            notices: None,
            reader: tokenizer(input),
            base_of_reader: 0,
            stale: false,
            pos: 0,
            predictive: true,
            bindings: Bindings { list: Vec::with_capacity(16), ..Bindings::default() },
            scopes: Vec::with_capacity(16),
            pending_end: false,
            max_depth: DEFAULT_MAX_DEPTH,
            max_string_bytes: DEFAULT_MAX_STRING_BYTES,
            base: None,
            prolog: Some(Prolog::new(Encoding::Utf8)),
        }
    }

    /// A reader over a document read with [`decode_text`].
    pub fn over(text: &'i super::encoding::Text<'_>) -> Self {
        let mut reader = XmlReader::new(&text.text, text.skipped);
        reader.prolog = Some(Prolog::new(text.encoding));
        reader
    }

    /// A reader over a fragment cut from a larger document: `base` is where the fragment
    /// starts there (positions are reported in the larger document), and `scope` holds the
    /// namespace declarations in scope at that point, which many fragments share.
    pub fn fragment_in(input: &'i str, base: Position, scope: Arc<Scope>) -> Self {
        let mut reader = XmlReader::new(input, 0);
        reader.base = Some(base);
        reader.prolog = None;
        reader.bindings.outer = Some(scope);
        reader
    }

    /// Turns the predictive lanes off (or on again): every node is then read by quick-xml's
    /// tokenizer. The result is the same either way; tests compare the two.
    pub fn set_predictive(&mut self, predictive: bool) {
        self.predictive = predictive;
    }

    /// Whether the predictive lanes are on.
    pub fn is_predictive(&self) -> bool {
        self.predictive
    }

    /// Sets the limit on element nesting (default [`DEFAULT_MAX_DEPTH`]).
    pub fn set_max_depth(&mut self, max_depth: usize) {
        self.max_depth = max_depth;
    }

    /// Sets the limit on the length in bytes of the text content of an element, after
    /// references are resolved (default [`DEFAULT_MAX_STRING_BYTES`]). Attribute values
    /// (namespace URIs, `i:nil`) are not values of the contract, and cost no more than the
    /// bytes of the document.
    pub fn set_max_string_bytes(&mut self, max_string_bytes: usize) {
        self.max_string_bytes = max_string_bytes;
    }

    /// Starts recording [`Notice`]s, to be collected with [`take_notices`](Self::take_notices).
    pub fn record_notices(&mut self) {
        self.notices.get_or_insert_with(Vec::new);
    }

    /// The notices recorded since the last call (none unless recording).
    pub fn take_notices(&mut self) -> Vec<Notice> {
        self.notices.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// The line and column of byte `offset` of the original input. Cheap when offsets
    /// mostly increase from one call to the next.
    pub fn position(&self, offset: usize) -> Position {
        let mut p = self.locator.locate(offset.saturating_sub(self.skipped));
        p.offset = offset;
        match self.base {
            None => p,
            Some(base) => Position {
                line: base.line + p.line - 1,
                column: if p.line == 1 { base.column + p.column - 1 } else { p.column },
                offset: base.offset + p.offset,
            },
        }
    }

    /// An error of `category` at byte `offset`.
    pub fn error_at(&self, category: Category, offset: usize, message: impl Into<String>) -> Error {
        Error::new(category, message).at(self.position(offset))
    }

    /// The error of a broken rule at byte `offset`.
    fn broken(&self, offset: usize, reason: Malformed) -> Error {
        malformed(reason, self.position(offset))
    }

    /// Where the next unread byte is, in `input`.
    fn here(&self) -> usize {
        if self.stale {
            self.pos
        } else {
            self.base_of_reader + self.reader.buffer_position() as usize
        }
    }

    fn offset(&self) -> usize {
        self.skipped + self.here()
    }

    fn syntax(&self, err: quick_xml::Error) -> Error {
        let offset = self.skipped + self.base_of_reader + self.reader.error_position() as usize;
        self.syntax_at(offset, err)
    }

    fn syntax_at(&self, offset: usize, err: quick_xml::Error) -> Error {
        self.error_at(Category::Syntax, offset, format!("malformed XML: {err}"))
    }

    /// The next event of the general path, quick-xml's reader first rebuilt where the predictive
    /// lanes stopped.
    fn read_event(&mut self) -> Result<Event<'i>, quick_xml::Error> {
        if self.stale {
            self.stale = false;
            let at = self.pos;
            // quick-xml drops a byte order mark at the start of its input; here, in the
            // middle of the document, one is text. The text event quick-xml would give
            // (up to the next `<` or `&`) is given whole, as it would give it (its length
            // and its position are checked as one), and quick-xml starts after it.
            let rest = &self.input.as_bytes()[at..];
            let after = if rest.starts_with("\u{FEFF}".as_bytes()) {
                at + memchr::memchr2(b'<', b'&', rest).unwrap_or(rest.len())
            } else {
                at
            };
            self.reader = tokenizer(&self.input[after..]);
            self.base_of_reader = after;
            if after > at {
                return Ok(Event::Text(BytesText::from_escaped(&self.input[at..after])));
            }
        }
        self.reader.read_event()
    }

    /// Takes bytes up to `to` by a predictive lane.
    fn advance(&mut self, to: usize) {
        self.pos = to;
        self.stale = true;
    }

    /// An end tag read by the general path: it must close the innermost open element, as
    /// quick-xml would check (with the same error) if it saw every start tag.
    fn end_tag(&mut self, end: &BytesEnd<'_>, offset: usize) -> Result<(), Error> {
        let name = end.name();
        let found = String::from_utf8_lossy(name.as_ref());
        match self.scopes.last() {
            Some(&(_, expected)) if expected == found => {
                self.close_scope();
                Ok(())
            }
            Some(&(_, expected)) => Err(self.syntax_at(
                offset,
                quick_xml::Error::IllFormed(IllFormedError::MismatchedEndTag {
                    expected: expected.to_owned(),
                    found: found.into_owned(),
                }),
            )),
            None => Err(self
                .syntax_at(offset, quick_xml::Error::IllFormed(IllFormedError::UnmatchedEndTag(found.into_owned())))),
        }
    }

    /// The predictive lane for text content: plain text (nothing to normalize or refuse, and
    /// no reference but the five XML predefines) up to the current element's end tag,
    /// exactly `</name>`.
    fn plain_text(&mut self) -> Option<Cow<'i, str>> {
        let &(_, qname) = self.scopes.last()?;
        let (text, at) = self.plain_run(self.here())?;
        if text.len() > self.max_string_bytes {
            return None;
        }
        let end = end_tag_len(&self.input.as_bytes()[at..], qname)?;
        self.advance(at + end);
        self.close_scope();
        Some(text)
    }

    /// Plain text from `start`: the text, and where it stops (a `<`, or a byte that is
    /// not plain: then `None`).
    #[inline]
    fn plain_run(&self, start: usize) -> Option<(Cow<'i, str>, usize)> {
        let bytes = self.input.as_bytes();
        let len = plain_text_len(&bytes[start..]);
        let at = start + len;
        match bytes.get(at) {
            Some(b'<') => Some((Cow::Borrowed(&self.input[start..at]), at)),
            Some(b'&') => self.plain_run_resolving(start, at),
            _ => None,
        }
    }

    /// The rest of [`plain_run`](Self::plain_run) from the first reference, at `at`.
    fn plain_run_resolving(&self, start: usize, mut at: usize) -> Option<(Cow<'i, str>, usize)> {
        let bytes = self.input.as_bytes();
        let mut text = String::with_capacity(at - start + 16);
        text.push_str(&self.input[start..at]);
        loop {
            let (ch, skip) = match bytes.get(at + 1..at + 6)? {
                [b'a', b'm', b'p', b';', _] => ('&', 5),
                [b'l', b't', b';', _, _] => ('<', 4),
                [b'g', b't', b';', _, _] => ('>', 4),
                b"quot;" => ('"', 6),
                b"apos;" => ('\'', 6),
                _ => return None,
            };
            text.push(ch);
            at += skip;
            let len = plain_text_len(&bytes[at..]);
            text.push_str(&self.input[at..at + len]);
            at += len;
            match bytes.get(at) {
                Some(b'<') => return Some((Cow::Owned(text), at)),
                Some(b'&') => {}
                _ => return None,
            }
        }
    }

    /// The predictive lane for the end of the current element where a child could start:
    /// whitespace, then exactly `</name>`.
    fn plain_end(&mut self) -> bool {
        let Some(&(_, qname)) = self.scopes.last() else { return false };
        let start = self.here();
        let rest = &self.input.as_bytes()[start..];
        let ws = whitespace_len(rest);
        let Some(end) = end_tag_len(&rest[ws..], qname) else { return false };
        self.advance(start + ws + end);
        self.close_scope();
        true
    }

    /// The bytes from `offset` (of the original input) to where the reading is: after
    /// [`root`](Self::root), the root's start tag.
    pub fn read_since(&self, offset: usize) -> &'i [u8] {
        let start = offset.saturating_sub(self.skipped);
        self.input.as_bytes().get(start..self.here()).unwrap_or_default()
    }

    /// The namespace bindings in force where the next node is read, as a scope for a
    /// fragment cut from here.
    pub fn scope(&self) -> Scope {
        let mut map = self.bindings.outer.as_deref().map(|s| s.map.clone()).unwrap_or_default();
        for (prefix, namespace) in &self.bindings.list {
            map.insert(prefix.to_string(), Namespace::Shared(namespace.to_string().into()));
        }
        Scope { map }
    }

    /// The namespace declarations of the innermost open element (prefix, URI; `""` for
    /// the default namespace), as read.
    pub fn declarations(&self) -> Vec<(String, String)> {
        let from = self.scopes.last().map_or(0, |&(len, _)| len);
        self.bindings.list[from..].iter().map(|(p, ns)| (p.to_string(), ns.to_string())).collect()
    }

    /// A number that names the namespace bindings in force where the next node is read:
    /// the same number, the same bindings (within one reader).
    pub fn scope_id(&self) -> u64 {
        self.bindings.ids.last().copied().unwrap_or(0)
    }

    /// Whether `prefix` is bound to `namespace` where the next node is read (`""`: the
    /// default namespace).
    pub fn binds(&self, prefix: &str, namespace: &str) -> bool {
        self.resolve(prefix).is_some_and(|ns| *ns == *namespace)
    }

    /// The predictive lane for a whole element holding text: when the next child is
    /// `expected` with plain text (as [`read_text`](Self::read_text)'s lane takes it) and
    /// its end tag, or nil, or empty, all byte for byte, what it holds, without reading it:
    /// the caller takes it with [`take`](Self::take) once it has found the value good, and
    /// otherwise reads the element the ordinary way (which then reports what is wrong).
    /// The same conditions as [`expect`](Self::expect) apply.
    pub fn peek_text(&self, expected: &Expected) -> Option<Peeked<'i>> {
        if !self.predictive || self.pending_end || self.scopes.len() >= self.max_depth {
            return None;
        }
        let start = self.here();
        let bytes = self.input.as_bytes();
        let ws = whitespace_len(&bytes[start..]);
        let tag = start + ws;
        let rest = &bytes[tag..];
        if starts_with(rest, &expected.open) {
            let (text, at) = self.plain_run(tag + expected.open.len())?;
            if text.len() > self.max_string_bytes || !starts_with(&bytes[at..], &expected.close) {
                return None;
            }
            return Some(Peeked { text: Some(text), end: at + expected.close.len() });
        }
        if starts_with(rest, &expected.nil) {
            return Some(Peeked { text: None, end: tag + expected.nil.len() });
        }
        if starts_with(rest, &expected.empty) {
            return Some(Peeked { text: Some(Cow::Borrowed("")), end: tag + expected.empty.len() });
        }
        None
    }

    /// Takes the element [`peek_text`](Self::peek_text) found.
    pub fn take(&mut self, peeked: &Peeked<'i>) {
        self.advance(peeked.end);
    }

    /// The predictive lane: when the next child is one of the forms of `expected`
    /// (whitespace before it allowed), byte for byte, reads it and returns it as the
    /// general path would. The caller must have checked (with [`binds`](Self::binds))
    /// that the prefixes `expected` relies on mean here what they meant where it was made;
    /// then the same bytes cannot mean anything else. `None`, with nothing read, when the
    /// bytes differ or the lanes are off.
    pub fn expect(&mut self, expected: &'i Expected) -> Option<Element<'i>> {
        if !self.predictive || self.pending_end || self.scopes.len() >= self.max_depth {
            return None;
        }
        let start = self.here();
        let rest = &self.input.as_bytes()[start..];
        let ws = whitespace_len(rest);
        let tag = &rest[ws..];
        let (len, nil, empty) = if starts_with(tag, &expected.open) {
            (expected.open[..].len(), false, false)
        } else if starts_with(tag, &expected.nil) {
            (expected.nil[..].len(), true, true)
        } else if starts_with(tag, &expected.empty) {
            (expected.empty[..].len(), false, true)
        } else {
            return None;
        };
        self.scopes.push((self.bindings.len(), expected.qname()));
        for (prefix, namespace) in expected.declarations() {
            self.bindings.push(Cow::Borrowed(prefix), Namespace::Borrowed(namespace));
        }
        self.advance(start + ws + len);
        self.pending_end = empty;
        Some(Element {
            local: expected.local,
            namespace: Some(Namespace::Borrowed(expected.namespace)),
            nil,
            offset: self.skipped + start + ws,
            annotations: None,
        })
    }

    /// Reads up to the root element and returns it. Fails on anything but whitespace,
    /// comments, processing instructions and the declaration before it.
    pub fn root(&mut self) -> Result<Element<'i>, Error> {
        match self.next_child()? {
            Child::Element(e) => Ok(e),
            Child::End => Err(self.error_at(Category::Syntax, self.offset(), "the document has no root element")),
        }
    }

    /// After the root element has ended: checks that only whitespace and comments follow.
    pub fn finish(&mut self) -> Result<(), Error> {
        loop {
            let (offset, event) = self.event()?;
            match event {
                Event::Eof => return Ok(()),
                Event::Comment(_) => {}
                Event::Text(t) if is_whitespace(&t) => {}
                // No element is open: the end tag is unmatched.
                Event::End(end) => {
                    self.end_tag(&end, offset)?;
                    return Err(self.error_at(Category::Syntax, offset, AFTER_ROOT));
                }
                _ => return Err(self.error_at(Category::Syntax, offset, AFTER_ROOT)),
            }
        }
    }

    /// The next event of the general path, with where it starts, once every rule of
    /// [`rules`] that a single event can break is checked: this is where the general path
    /// asks the rulebook (names and attributes are checked where a start tag is opened).
    fn event(&mut self) -> Result<(usize, Event<'i>), Error> {
        let offset = self.offset();
        let event = self.read_event().map_err(|e| self.syntax(e))?;
        let checked = match &mut self.prolog {
            Some(prolog) => {
                let opens_root = self.scopes.is_empty();
                prolog.check(&event, offset == self.skipped, opens_root)
            }
            None => Prolog::check_in_fragment(&event),
        };
        checked.map_err(|(at, reason)| self.broken(offset + at, reason))?;
        match &event {
            Event::DocType(_) => Err(doctype(!self.scopes.is_empty(), self.position(offset))),
            _ => Ok((offset, event)),
        }
    }

    /// Reads the next child of the current element (or the root, at the start): skips
    /// whitespace (written as it is, as references or as CDATA) and comments; other text is
    /// an error.
    pub fn next_child(&mut self) -> Result<Child<'i>, Error> {
        self.next_node(false)
    }

    /// Reads the text content of the current element up to its end: text, CDATA and
    /// references, with comments skipped, line ends normalized. A child element is an
    /// error.
    pub fn read_text(&mut self) -> Result<Cow<'i, str>, Error> {
        if self.pending_end {
            self.pending_end = false;
            self.close_scope();
            return Ok(Cow::Borrowed(""));
        }
        // The lanes take over where the predictive lane left quick-xml behind: while quick-xml
        // is where the reading is, it goes on (taking a lane would cost rebuilding it).
        if self.predictive && self.stale {
            if let Some(text) = self.plain_text() {
                return Ok(text);
            }
        }
        let mut text: Cow<'i, str> = Cow::Borrowed("");
        let mut pairing = Pairing::default();
        loop {
            let (offset, event) = self.event()?;
            if pairing.is_pending() && !matches!(event, Event::GeneralRef(_)) {
                pairing.flush(text.to_mut());
            }
            match event {
                Event::Text(t) => {
                    let raw = self.slice(&t);
                    self.check_length(text.len(), raw, offset)?;
                    append(&mut text, self.normalize(raw));
                }
                Event::CData(c) => {
                    let raw = self.slice(&c);
                    self.check_length(text.len(), raw, offset)?;
                    append(&mut text, self.normalize(raw));
                }
                Event::GeneralRef(r) => {
                    let resolved = self.resolve_reference(&r, offset)?;
                    let before = text.len();
                    pairing.push(resolved, text.to_mut());
                    if text.len() > self.max_string_bytes
                        || (pairing.is_pending() && before + 4 > self.max_string_bytes)
                    {
                        return Err(self.too_long(offset));
                    }
                }
                Event::End(end) => {
                    self.end_tag(&end, offset)?;
                    return Ok(text);
                }
                Event::Comment(_) => {}
                Event::Start(_) | Event::Empty(_) => {
                    return Err(self.error_at(Category::Data, offset, "unexpected element inside text content"));
                }
                Event::Eof => {
                    return Err(self.error_at(Category::Syntax, offset, "unexpected end of document inside an element"))
                }
                // Refused by `event`.
                Event::Decl(_) | Event::PI(_) | Event::DocType(_) => return Err(doctype(true, self.position(offset))),
            }
        }
    }

    /// Skips the rest of the current element, children and all, without recursion.
    pub fn skip(&mut self) -> Result<(), Error> {
        if self.pending_end {
            self.pending_end = false;
            self.close_scope();
            return Ok(());
        }
        let target = self.scopes.len() - 1;
        loop {
            match self.next_any()? {
                Child::Element(_) => {}
                Child::End if self.scopes.len() == target => return Ok(()),
                Child::End => {}
            }
        }
    }

    /// Like `next_child`, but text of any kind is passed over (used when skipping).
    fn next_any(&mut self) -> Result<Child<'i>, Error> {
        self.next_node(true)
    }

    /// The next element start or end. Text of any kind is an error where an element belongs
    /// (`skipping` false), unless it is whitespace however written, and passed over, still
    /// checked, inside an element being skipped.
    fn next_node(&mut self, skipping: bool) -> Result<Child<'i>, Error> {
        if self.pending_end {
            self.pending_end = false;
            self.close_scope();
            return Ok(Child::End);
        }
        if self.predictive && self.stale && !skipping && self.plain_end() {
            return Ok(Child::End);
        }
        loop {
            let (offset, event) = self.event()?;
            // Outside the root element only whitespace written as it is may stand (XML 1.0
            // §2.1: references and CDATA are content).
            let inside = !self.scopes.is_empty();
            match event {
                Event::Start(start) => return self.open(start, offset, false).map(Child::Element),
                Event::Empty(start) => return self.open(start, offset, true).map(Child::Element),
                Event::End(end) => {
                    self.end_tag(&end, offset)?;
                    return Ok(Child::End);
                }
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    let reference = match &event {
                        Event::GeneralRef(r) => match self.resolve_reference(r, offset)? {
                            Resolved::Char(ch) => Some(ch),
                            Resolved::Surrogate(_) => None,
                        },
                        _ => None,
                    };
                    // Inside an element being skipped, text of any kind is passed over.
                    if !(skipping && inside || rules::is_blank(&event, inside, reference)) {
                        return Err(self.misplaced_text(offset));
                    }
                }
                Event::Comment(_) | Event::Decl(_) => {}
                // Refused by `event`.
                Event::PI(_) | Event::DocType(_) => return Err(doctype(true, self.position(offset))),
                Event::Eof => {
                    let message = if self.scopes.is_empty() { "the document has no root element" } else { UNCLOSED };
                    return Err(self.error_at(Category::Syntax, offset, message));
                }
            }
        }
    }

    /// End-of-line normalization of raw text, noting a carriage return when recording.
    fn normalize(&mut self, raw: &'i str) -> Cow<'i, str> {
        if let Some(notices) = self.notices.as_mut() {
            if let Some(at) = memchr::memchr(b'\r', raw.as_bytes()) {
                let offset = self.skipped + (raw.as_ptr() as usize).wrapping_sub(self.input.as_ptr() as usize) + at;
                notices.push(Notice::RawCarriageReturn { offset });
            }
        }
        normalize_line_ends(raw)
    }

    /// Text where an element belongs: outside the root, XML that is not well-formed; inside
    /// an element, content .NET does not read.
    fn misplaced_text(&self, offset: usize) -> Error {
        let category = if self.scopes.is_empty() { Category::Syntax } else { Category::Data };
        let message = if self.scopes.is_empty() { "text outside the root element" } else { MISPLACED_TEXT };
        self.error_at(category, offset, message)
    }

    /// Fails when `raw` text, line ends normalized, makes a string of `before` bytes longer
    /// than the limit. Costs one comparison unless the string comes near the limit.
    fn check_length(&self, before: usize, raw: &str, offset: usize) -> Result<(), Error> {
        if before + raw.len() <= self.max_string_bytes {
            return Ok(());
        }
        // `\r\n` reads as one character.
        let crlf = memchr::memmem::find_iter(raw.as_bytes(), b"\r\n").count();
        if before + raw.len() - crlf > self.max_string_bytes {
            return Err(self.too_long(offset));
        }
        Ok(())
    }

    fn too_long(&self, offset: usize) -> Error {
        self.error_at(
            Category::Limit,
            offset,
            format!("a string is longer than the limit of {} bytes (max_string_bytes)", self.max_string_bytes),
        )
    }

    fn close_scope(&mut self) {
        if let Some((len, _)) = self.scopes.pop() {
            self.bindings.truncate(len);
        }
    }

    /// The bytes of an event as a slice of the input with the input's lifetime. Events of
    /// a slice reader borrow the input, so the bytes lie inside it; the range check makes
    /// that a fact rather than an assumption (and yields "" otherwise).
    fn slice(&self, bytes: &[u8]) -> &'i str {
        let base = self.input.as_ptr() as usize;
        let start = (bytes.as_ptr() as usize).wrapping_sub(base);
        start.checked_add(bytes.len()).and_then(|end| self.input.get(start..end)).unwrap_or("")
    }

    fn resolve_reference(&mut self, r: &[u8], offset: usize) -> Result<Resolved, Error> {
        let name = std::str::from_utf8(r).unwrap_or("");
        let resolved = resolve_reference(name).map_err(|reason| self.broken(offset, reason))?;
        if let (Some(notices), Resolved::Char(ch)) = (self.notices.as_mut(), resolved) {
            if ch == '\r' {
                notices.push(Notice::CarriageReturnReference { offset });
            } else if is_restricted_control(ch) {
                notices.push(Notice::ControlReference { offset, ch });
            }
        }
        Ok(resolved)
    }

    fn open(&mut self, start: BytesStart<'i>, offset: usize, empty: bool) -> Result<Element<'i>, Error> {
        if self.scopes.len() >= self.max_depth {
            return Err(self.error_at(
                Category::Limit,
                offset,
                format!("elements are nested deeper than the limit of {} (max_depth)", self.max_depth),
            ));
        }
        let name_len = start.name().as_ref().len();
        let tag = self.slice(&start);
        let qname = &tag[..name_len];
        rules::check_qname(qname).map_err(|reason| self.broken(offset, reason))?;
        self.scopes.push((self.bindings.len(), qname));
        let (prefix, local) = split_qname(qname);
        if tag.len() == name_len {
            // No attributes (most elements): nothing to declare, not nil.
            let namespace = self.resolve_element(prefix, offset)?;
            self.pending_end = empty;
            return Ok(Element { local, namespace, nil: false, offset, annotations: None });
        }

        let mut attributes = Attributes::new(tag, name_len);
        attributes.with_checks(false);
        let mut names = AttributeNames::new();
        // Attributes with a prefix (other than `xmlns`): their namespaces are known once
        // every declaration of the tag is read.
        let mut qualified: Vec<(&'i str, Cow<'i, str>)> = Vec::new();
        for attribute in attributes {
            let attribute =
                attribute.map_err(|e| self.error_at(Category::Syntax, offset, format!("malformed attribute: {e}")))?;
            let key = self.slice(attribute.key.as_ref());
            rules::check_qname(key).map_err(|reason| self.broken(offset, reason))?;
            if !names.insert(key) {
                return Err(self.broken(offset, Malformed::DuplicateAttribute(key.to_owned())));
            }
            let value = match attribute.value {
                Cow::Borrowed(v) => self.attribute_value(self.slice(v), offset)?,
                Cow::Owned(_) => return Err(self.error_at(Category::Syntax, offset, "unsupported attribute form")),
            };
            let declared = match key.strip_prefix("xmlns") {
                Some("") => Some(""),
                Some(rest) => rest.strip_prefix(':'),
                None => None,
            };
            if let Some(declared) = declared {
                rules::check_binding(declared, &value).map_err(|reason| self.broken(offset, reason))?;
                self.bindings.push(Cow::Borrowed(declared), value.into());
            } else if key.contains(':') {
                qualified.push((key, value));
            }
        }

        let namespace = self.resolve_element(prefix, offset)?;
        let mut nil = false;
        let mut annotations: Option<Box<Annotations<'i>>> = None;
        let mut expanded: Option<HashSet<(String, &'i str)>> = None;
        for (i, (key, value)) in qualified.iter().enumerate() {
            let (prefix, local) = split_qname(key);
            let Some(ns) = self.resolve(prefix) else {
                return Err(self.broken(offset, Malformed::UndeclaredPrefix(prefix.to_owned())));
            };
            // Namespaces in XML §6.3: no two attributes with one local name and namespace.
            // A few are compared directly; many through a set, to stay linear.
            let duplicate = if qualified.len() <= 8 {
                qualified[..i].iter().find(|(other, _)| {
                    let (p, l) = split_qname(other);
                    l == local && self.resolve(p).is_some_and(|n| n == ns)
                })
            } else {
                let set = expanded.get_or_insert_with(HashSet::new);
                if set.insert((ns.to_string(), local)) {
                    None
                } else {
                    qualified[..i].iter().find(|(other, _)| split_qname(other).1 == local)
                }
            };
            if let Some((other, _)) = duplicate {
                return Err(
                    self.broken(offset, Malformed::DuplicateExpandedAttribute((*other).to_owned(), (*key).to_owned()))
                );
            }
            match (&*ns, local) {
                (XSI_NAMESPACE, "nil") => match parse_xml_bool(value) {
                    Some(v) => nil = v,
                    None => {
                        return Err(self
                            .error_at(
                                Category::Data,
                                offset,
                                format!("invalid value '{value}' for {key}: expected true, false, 1 or 0; .NET fails"),
                            )
                            .with_fact(Fact::InvalidBoolean))
                    }
                },
                (XSI_NAMESPACE, "type") => {
                    let (type_prefix, type_local) =
                        split_qname(value.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')));
                    let type_name = TypeName {
                        local: type_local.to_owned(),
                        namespace: self.resolve(type_prefix).map(|ns| ns.to_string()),
                        written: value.to_string(),
                    };
                    annotations.get_or_insert_with(Default::default).type_name = Some(type_name);
                }
                (SERIALIZATION_NAMESPACE, "Id") => {
                    annotations.get_or_insert_with(Default::default).id = Some(value.clone())
                }
                (SERIALIZATION_NAMESPACE, "Ref") => {
                    annotations.get_or_insert_with(Default::default).reference = Some(value.clone())
                }
                _ => {}
            }
        }
        if empty {
            self.pending_end = true;
        }
        Ok(Element { local, namespace, nil, offset, annotations })
    }

    /// The namespace of an element name with `prefix` (`""` for none).
    fn resolve_element(&self, prefix: &str, offset: usize) -> Result<Option<Namespace<'i>>, Error> {
        match self.resolve(prefix) {
            Some(ns) => Ok(Some(ns)),
            None if prefix.is_empty() => Ok(None),
            None => Err(self.broken(offset, Malformed::UndeclaredPrefix(prefix.to_owned()))),
        }
    }

    fn attribute_value(&mut self, raw: &'i str, offset: usize) -> Result<Cow<'i, str>, Error> {
        rules::check_attribute_value(raw.as_bytes())
            .map_err(|(at, reason)| self.broken(self.offset_of(raw) + at, reason))?;
        let notices = &mut self.notices;
        let value = unescape_attribute(raw, |ch| {
            if let Some(notices) = notices.as_mut() {
                if ch == '\r' {
                    notices.push(Notice::CarriageReturnReference { offset });
                } else if is_restricted_control(ch) {
                    notices.push(Notice::ControlReference { offset, ch });
                }
            }
        });
        value.map_err(|reason| self.broken(offset, reason))
    }

    fn resolve(&self, prefix: &str) -> Option<Namespace<'i>> {
        match prefix {
            "xml" => return Some(Namespace::Borrowed(XML_NAMESPACE)),
            "xmlns" => return Some(Namespace::Borrowed(XMLNS_NAMESPACE)),
            _ => {}
        }
        let found = self.bindings.get(prefix)?;
        // `xmlns=""` undeclares the default namespace.
        if prefix.is_empty() && found.is_empty() {
            return None;
        }
        Some(found.clone())
    }

    /// The offset in the original input of a slice of it.
    fn offset_of(&self, part: &str) -> usize {
        self.skipped + (part.as_ptr() as usize).saturating_sub(self.input.as_ptr() as usize)
    }
}

/// The length of the XML whitespace at the start of `bytes` (between elements, where the
/// general path reads it as a text event it passes over).
#[inline]
fn whitespace_len(bytes: &[u8]) -> usize {
    if bytes.first() == Some(&b'<') {
        return 0;
    }
    bytes.iter().take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')).count()
}

/// The length of `</qname>` when `bytes` start with exactly it (no whitespace before `>`).
#[inline]
fn end_tag_len(bytes: &[u8], qname: &str) -> Option<usize> {
    let name = qname.as_bytes();
    let matches = bytes.len() > name.len() + 2
        && bytes[0] == b'<'
        && bytes[1] == b'/'
        && starts_with(&bytes[2..], name)
        && bytes[2 + name.len()] == b'>';
    matches.then_some(name.len() + 3)
}

/// quick-xml's tokenizer over `input`, configured as this reader needs it. End tags are
/// not matched by quick-xml: the reader matches them against its own open elements, so
/// that quick-xml can be rebuilt at any point between events.
fn tokenizer(input: &str) -> quick_xml::Reader<&[u8]> {
    let mut reader = quick_xml::Reader::from_str(input);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.check_comments = true;
    config.expand_empty_elements = false;
    reader
}

//! The XML decoder's predictive path and its general path read alike: for every input,
//! reading with the default options and reading with `general_path_only(true)` give the
//! same value or the same error (category, line, column, position, member path and
//! message). Checked for whole-document decoding (as `AppGetActiveSessionsResult` and as
//! the document the root names), validation and the streaming session reader, with the
//! default limits and with small ones, on the fixtures, on generated documents of both
//! dialects, on every prefix of a small document, and on documents mutated the ways a
//! predictive reader could trip on: other prefixes, namespaces rebound or redeclared,
//! whitespace, comments, references and CDATA where .NET writes none, members unknown,
//! out of order, missing or repeated, nil under another prefix or where it cannot be, a
//! byte order mark, characters XML cannot carry, and random byte splices.

use crate::common;

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::arbitrary::{self, Chars};
use evovoice_contracts::document::Document;
use evovoice_contracts::error::{Category, Error, Position, Result};
use evovoice_contracts::generate;
use evovoice_contracts::sessions::SessionInfo;
use evovoice_contracts::validate::{validate_xml_with, ValidateOptions};
use evovoice_contracts::xml::stream::SessionReader;
use evovoice_contracts::xml::{self, Dialect, ReadOptions, XmlOptions};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;
use std::fmt::Debug;
use std::sync::OnceLock;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Small limits, so that limit errors are compared too: most generated documents go over
/// each of them, at some place inside (`max_document_bytes` bounds one session in a
/// stream, the whole input elsewhere).
fn small_limits() -> Vec<ReadOptions> {
    vec![
        ReadOptions::new().max_string_bytes(16),
        ReadOptions::new().max_string_bytes(0),
        ReadOptions::new().max_depth(4),
        ReadOptions::new().max_depth(7),
        ReadOptions::new().max_items(3),
        ReadOptions::new().max_items(0),
        ReadOptions::new().max_document_bytes(700),
        ReadOptions::new().max_string_bytes(16).max_depth(6).max_items(3),
    ]
}

/// Every fixture of the XML format.
fn fixtures() -> &'static [Vec<u8>] {
    static FIXTURES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FIXTURES.get_or_init(|| common::files("fixtures/xml", "xml").iter().map(|p| common::read(p)).collect())
}

/// An error as a comparable tuple: everything a caller can see of it.
type Seen = (Category, usize, usize, Option<Position>, String, String);

fn seen(error: &Error) -> Seen {
    (error.category(), error.line(), error.column(), error.position(), error.path().to_string(), error.message().into())
}

/// The two readings of `what` agree: the same value, or the same error.
fn same<T: PartialEq + Debug>(
    what: &str,
    predictive: Result<T>,
    general: Result<T>,
    doc: &[u8],
) -> Result<(), TestCaseError> {
    match (predictive, general) {
        (Ok(predictive), Ok(general)) => {
            prop_assert!(
                predictive == general,
                "{what}: the values differ\npredictive: {predictive:?}\ngeneral: {general:?}\n{}",
                shown(doc)
            )
        }
        (Err(predictive), Err(general)) => prop_assert_eq!(
            seen(&predictive),
            seen(&general),
            "{}: the errors differ (predictive, then general)\n{}",
            what,
            shown(doc)
        ),
        (predictive, general) => {
            prop_assert!(
                false,
                "{what}: one reading fails\npredictive: {predictive:?}\ngeneral: {general:?}\n{}",
                shown(doc)
            )
        }
    }
    Ok(())
}

fn shown(doc: &[u8]) -> String {
    const MOST: usize = 4000;
    let text = String::from_utf8_lossy(doc);
    if text.len() <= MOST {
        return format!("document: {text:?}");
    }
    let cut = (0..=MOST).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    format!("document ({} bytes): {:?}…", doc.len(), &text[..cut])
}

/// Every reader gives the same result on `doc` with `options` whichever path it takes.
fn read_alike_with(doc: &[u8], options: &ReadOptions) -> Result<(), TestCaseError> {
    let predictive = options.clone().general_path_only(false);
    let general = options.clone().general_path_only(true);
    let label = |what: &str| format!("{what} with {options:?}");

    same(
        &label("decoding"),
        xml::from_slice_with::<AppGetActiveSessionsResult>(doc, &predictive),
        xml::from_slice_with::<AppGetActiveSessionsResult>(doc, &general),
        doc,
    )?;
    same(
        &label("decoding the root's contract"),
        Document::from_xml_with(doc, &predictive),
        Document::from_xml_with(doc, &general),
        doc,
    )?;

    let found = validate_xml_with(doc, &ValidateOptions::new().read_options(predictive.clone()));
    let expected = validate_xml_with(doc, &ValidateOptions::new().read_options(general.clone()));
    prop_assert_eq!(
        found,
        expected,
        "{}: the findings differ (predictive, then general)\n{}",
        label("validation"),
        shown(doc)
    );

    let stream =
        |options: ReadOptions| SessionReader::with_options(doc, options).and_then(|r| r.collect::<Result<Vec<_>>>());
    same(&label("the stream"), stream(predictive), stream(general), doc)?;
    Ok(())
}

/// Every reader gives the same result on `doc` with the default options and with `limits`.
fn read_alike(doc: &[u8], limits: &ReadOptions) -> Result<(), TestCaseError> {
    read_alike_with(doc, &ReadOptions::new())?;
    read_alike_with(doc, limits)
}

#[track_caller]
fn check(name: &str, outcome: Result<(), TestCaseError>) {
    if let Err(e) = outcome {
        panic!("{name}: {e}");
    }
}

/// `value` in `dialect`, or in WCF's when the other cannot carry it.
fn written(value: &AppGetActiveSessionsResult, dialect: Dialect) -> Vec<u8> {
    xml::to_vec_with(value, &XmlOptions::new().dialect(dialect))
        .or_else(|_| xml::to_vec_with(value, &XmlOptions::new().dialect(Dialect::Wcf)))
        .expect("WCF's dialect writes every value")
}

fn dialect() -> impl Strategy<Value = Dialect> {
    prop_oneof![Just(Dialect::ServiceStack), Just(Dialect::Wcf)]
}

/// A document to start from: a fixture, a generated response, or a value of the crate's
/// strategies, written in either dialect.
fn source() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => any::<usize>().prop_map(|i| fixtures()[i % fixtures().len()].clone()),
        3 => (any::<u64>(), 0usize..4, dialect()).prop_map(|(seed, n, d)| written(&generate::result(seed, n), d)),
        2 => (any::<AppGetActiveSessionsResult>(), dialect()).prop_map(|(v, d)| written(&v, d)),
        2 => (arbitrary::result(Chars::Xml), dialect()).prop_map(|(v, d)| written(&v, d)),
        1 => arbitrary::result(Chars::Any).prop_map(|v| written(&v, Dialect::Wcf)),
        1 => arbitrary::result(Chars::Hostile).prop_map(|v| written(&v, Dialect::Wcf)),
    ]
}

fn limits() -> impl Strategy<Value = ReadOptions> {
    select(small_limits())
}

// ---------------------------------------------------------------------------------------
// A scan of a document's tags, enough to find elements in a document that may be broken.

/// An element the scan found: where its tags are, and its parent.
#[derive(Debug)]
struct Element {
    /// The `<` of the start tag.
    start: usize,
    /// Just after the element's qualified name in the start tag.
    name_end: usize,
    /// Just after the start tag.
    tag_end: usize,
    /// The `<` of the end tag, and just after it (both `tag_end` for an empty-element tag);
    /// `None` when the scan found no end.
    close: Option<(usize, usize)>,
    parent: Option<usize>,
    name: String,
}

impl Element {
    fn end(&self) -> Option<usize> {
        self.close.map(|(_, end)| end)
    }
    fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or("")
    }
    fn prefix(&self) -> Option<&str> {
        self.name.split_once(':').map(|(p, _)| p)
    }
}

fn find(doc: &[u8], from: usize, what: &[u8]) -> Option<usize> {
    doc.get(from..)?.windows(what.len()).position(|w| w == what).map(|i| from + i)
}

/// The elements of `doc`, in document order, as far as its tags can be matched.
fn elements(doc: &[u8]) -> Vec<Element> {
    let mut out: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(lt) = find(doc, i, b"<") {
        let rest = &doc[lt..];
        let skip_to = |end: &[u8]| find(doc, lt, end).map(|e| e + end.len());
        let next = if rest.starts_with(b"<!--") {
            skip_to(b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            skip_to(b"]]>")
        } else if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            skip_to(b">")
        } else if rest.starts_with(b"</") {
            let end = skip_to(b">");
            if let (Some(end), Some(e)) = (end, open.pop()) {
                out[e].close = Some((lt, end));
            }
            end
        } else {
            let Some(gt) = find(doc, lt, b">") else { break };
            let name_len = rest[1..].iter().position(|b| b" \t\r\n/>".contains(b)).unwrap_or(0);
            let empty = doc[gt - 1] == b'/';
            out.push(Element {
                start: lt,
                name_end: lt + 1 + name_len,
                tag_end: gt + 1,
                close: empty.then_some((gt + 1, gt + 1)),
                parent: open.last().copied(),
                name: String::from_utf8_lossy(&rest[1..1 + name_len]).into_owned(),
            });
            if !empty {
                open.push(out.len() - 1);
            }
            Some(gt + 1)
        };
        let Some(next) = next else { break };
        i = next;
    }
    out
}

/// The prefixes declared anywhere in `doc`, without repeats.
fn declared_prefixes(doc: &[u8]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(at) = find(doc, i, b"xmlns:") {
        let from = at + b"xmlns:".len();
        let len = doc[from..].iter().position(|&b| b == b'=' || b.is_ascii_whitespace()).unwrap_or(0);
        let prefix = String::from_utf8_lossy(&doc[from..from + len]).into_owned();
        if !prefix.is_empty() && !out.contains(&prefix) {
            out.push(prefix);
        }
        i = from;
    }
    out
}

/// The elements that are members or items (all but the root), closed.
fn inner(elements: &[Element]) -> Vec<&Element> {
    elements.iter().filter(|e| e.parent.is_some() && e.close.is_some()).collect()
}

/// Moves `at` back to the start of the UTF-8 character it is in.
fn char_start(doc: &[u8], mut at: usize) -> usize {
    while at > 0 && at < doc.len() && doc[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    at
}

/// A place in a value: in the text an element starts with (up to its first child tag or
/// its end), at a character boundary; `None` when the document has no element.
fn value_position(doc: &[u8], pick: usize, offset: usize) -> Option<usize> {
    let elements = elements(doc);
    let valued: Vec<&Element> = elements.iter().filter(|e| has_value(doc, e)).collect();
    let element = pick_of(&valued, pick)?;
    let run_end = find(doc, element.tag_end, b"<").unwrap_or(doc.len());
    Some(char_start(doc, element.tag_end + offset % (run_end - element.tag_end + 1)))
}

/// Whether `element` holds text, or nothing, rather than children.
fn has_value(doc: &[u8], element: &Element) -> bool {
    let rest = &doc[element.tag_end..];
    element.close != Some((element.tag_end, element.tag_end)) && (!rest.starts_with(b"<") || rest.starts_with(b"</"))
}

fn pick_of<T>(items: &[T], pick: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[pick % items.len()])
}

fn replace_all(doc: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(doc.len());
    let mut i = 0;
    while let Some(at) = find(doc, i, from) {
        out.extend_from_slice(&doc[i..at]);
        out.extend_from_slice(to);
        i = at + from.len();
    }
    out.extend_from_slice(&doc[i..]);
    out
}

fn splice(doc: &[u8], at: usize, remove: usize, insert: &[u8]) -> Vec<u8> {
    let at = at.min(doc.len());
    let end = (at + remove).min(doc.len());
    [&doc[..at], insert, &doc[end..]].concat()
}

// ---------------------------------------------------------------------------------------
// Mutations.

const NAMESPACES: &[&str] = &[
    "http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal",
    "http://schemas.datacontract.org/2004/07/Voice.Api.Sessions",
    "http://schemas.datacontract.org/2004/07/Voice.Api",
    "http://schemas.datacontract.org/2004/07/Voice.Api.Customers",
    "http://schemas.microsoft.com/2003/10/Serialization/Arrays",
    "http://schemas.servicestack.net/types",
    XSI,
    "urn:elsewhere",
    "",
];

/// New names for a prefix; some are taken already, which changes the meaning.
const PREFIXES: &[&str] = &["q", "x", "a", "i", "d2p1", "d4p1", "p.long-name_2"];

const WHITESPACE: &[&str] = &[" ", "\n", "\t", "\r\n", "  \n\t "];

/// Pieces put into a value.
const IN_VALUE: &[&str] = &[
    "<!--c-->",
    "<!---->",
    "<?pi x?>",
    "<![CDATA[x]]>",
    "<![CDATA[]]>",
    "<![CDATA[<&>]]>",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&#65;",
    "&#x41;",
    "&#xD;",
    "&#13;&#10;",
    "&#x1;",
    "&#xFFFF;",
    "&#0;",
    "&bogus;",
    "&",
    "\r",
    "\r\n",
    "\n",
    "\u{FEFF}",
    "\u{1}",
    "\u{0}",
    "\u{7F}",
    "\u{FFFF}",
    "\u{FFFE}",
    "\u{10FFFF}",
    "]]>",
];

/// Elements put among members.
const UNKNOWN_MEMBERS: &[&str] = &[
    "<Extra/>",
    "<Extra>x</Extra>",
    "<Extra i:nil=\"true\"/>",
    "<d2p1:Extra>1</d2p1:Extra>",
    "<a:Extra/>",
    "<Unknown xmlns=\"urn:x\"><a><b>deep</b></a></Unknown>",
    "<SessionInfo/>",
    "<Id>again</Id>",
];

/// Attributes that make an element nil, or try to.
const NILS: &[&str] = &[
    " i:nil=\"true\"",
    " xmlns:x=\"http://www.w3.org/2001/XMLSchema-instance\" x:nil=\"true\"",
    " x:nil=\"true\" xmlns:x=\"http://www.w3.org/2001/XMLSchema-instance\"",
    " i:nil=\"1\"",
    " i:nil=\"false\"",
    " i:nil=\" true \"",
    " nil=\"true\"",
    " i:type=\"x\"",
];

/// The list members: their children are items.
const LISTS: &[&str] = &["Sessions", "CustomerBreadcrumb", "Log", "Members", "ApplicationData", "Errors", "Meta"];

#[derive(Clone, Debug)]
enum Mutation {
    Truncate(usize),
    /// Renames a declared prefix everywhere: keeps the meaning unless the name is taken.
    RenamePrefix(usize, &'static str),
    /// Declares a prefix anew on an inner element, for another namespace.
    RebindPrefix(usize, usize, &'static str),
    /// Declares the default namespace on an inner element.
    DefaultNamespace(usize, &'static str),
    /// Whitespace inside a tag: `<a >`, `<a\n/>`, `</a >`, `<a  x="">`, `x = ""`.
    TagSpace(usize, u8, &'static str),
    /// Whitespace before or after an element.
    SpaceBetween(usize, bool, &'static str),
    /// A comment before or after an element.
    CommentBetween(usize, bool),
    /// A piece put into a value.
    IntoValue(usize, usize, &'static str),
    /// A character of a value replaced by a character reference.
    Reference(usize, usize, bool),
    /// A value's text put in a CDATA section.
    CdataAround(usize),
    UnknownMember(usize, bool, &'static str),
    Swap(usize),
    Delete(usize),
    Repeat(usize),
    /// An `i:nil` written with another prefix bound to the instance namespace.
    NilOtherPrefix(usize),
    /// A nil attribute (or one like it) added to any element.
    Nil(usize, &'static str),
    /// An item moved to another namespace.
    ItemNamespace(usize, bool, &'static str),
    Bom,
    Splice(usize, usize, Vec<u8>),
    /// A slice of the document copied to another place in it.
    Copy(usize, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    use Mutation::*;
    let i = any::<usize>;
    prop_oneof![
        2 => i().prop_map(Truncate),
        2 => (i(), select(PREFIXES)).prop_map(|(p, n)| RenamePrefix(p, n)),
        2 => (i(), i(), select(NAMESPACES)).prop_map(|(e, p, ns)| RebindPrefix(e, p, ns)),
        2 => (i(), select(NAMESPACES)).prop_map(|(e, ns)| DefaultNamespace(e, ns)),
        2 => (i(), 0u8..5, select(WHITESPACE)).prop_map(|(e, w, s)| TagSpace(e, w, s)),
        1 => (i(), any::<bool>(), select(WHITESPACE)).prop_map(|(e, b, s)| SpaceBetween(e, b, s)),
        1 => (i(), any::<bool>()).prop_map(|(e, b)| CommentBetween(e, b)),
        4 => (i(), any::<usize>(), select(IN_VALUE)).prop_map(|(e, o, s)| IntoValue(e, o, s)),
        2 => (i(), any::<usize>(), any::<bool>()).prop_map(|(e, o, h)| Reference(e, o, h)),
        1 => i().prop_map(CdataAround),
        2 => (i(), any::<bool>(), select(UNKNOWN_MEMBERS)).prop_map(|(e, b, s)| UnknownMember(e, b, s)),
        2 => i().prop_map(Swap),
        2 => i().prop_map(Delete),
        2 => i().prop_map(Repeat),
        1 => i().prop_map(NilOtherPrefix),
        2 => (i(), select(NILS)).prop_map(|(e, s)| Nil(e, s)),
        2 => (i(), any::<bool>(), select(NAMESPACES)).prop_map(|(e, b, ns)| ItemNamespace(e, b, ns)),
        1 => Just(Bom),
        2 => (i(), 0usize..8, proptest::collection::vec(any::<u8>(), 0..8)).prop_map(|(a, n, b)| Splice(a, n, b)),
        1 => (i(), 1usize..200, i()).prop_map(|(a, n, b)| Copy(a, n, b)),
    ]
}

fn apply(doc: &[u8], mutation: &Mutation) -> Vec<u8> {
    use Mutation::*;
    let all = elements(doc);
    let inner = inner(&all);
    let unchanged = || doc.to_vec();
    let at = |pick: &usize| pick % (doc.len() + 1);
    match mutation {
        Truncate(i) => doc[..at(i)].to_vec(),
        RenamePrefix(pick, to) => {
            let prefixes = declared_prefixes(doc);
            let Some(from) = pick_of(&prefixes, *pick) else { return unchanged() };
            let mut out = doc.to_vec();
            for (before, after) in [
                (format!("<{from}:"), format!("<{to}:")),
                (format!("</{from}:"), format!("</{to}:")),
                (format!("xmlns:{from}="), format!("xmlns:{to}=")),
                (format!(" {from}:nil="), format!(" {to}:nil=")),
            ] {
                out = replace_all(&out, before.as_bytes(), after.as_bytes());
            }
            out
        }
        RebindPrefix(e, p, ns) => {
            let Some(element) = pick_of(&inner, *e) else { return unchanged() };
            let mut prefixes = declared_prefixes(doc);
            prefixes.push("i".into());
            let prefix = pick_of(&prefixes, *p).unwrap();
            splice(doc, element.name_end, 0, format!(" xmlns:{prefix}=\"{ns}\"").as_bytes())
        }
        DefaultNamespace(e, ns) => {
            let Some(element) = pick_of(&inner, *e) else { return unchanged() };
            splice(doc, element.name_end, 0, format!(" xmlns=\"{ns}\"").as_bytes())
        }
        TagSpace(e, which, space) => {
            let Some(element) = pick_of(&all, *e) else { return unchanged() };
            let (close, end) = element.close.unwrap_or((doc.len(), doc.len()));
            let empty = close == element.tag_end;
            let place = match which {
                0 if empty => element.tag_end - 2,
                0 => element.tag_end - 1,
                1 => element.name_end,
                2 if !empty && end > close => end - 1,
                _ => match find(&doc[..element.tag_end], element.start, b"=") {
                    Some(eq) => return splice(doc, eq, 1, format!("{space}={space}").as_bytes()),
                    None => element.tag_end - 1,
                },
            };
            splice(doc, place, 0, space.as_bytes())
        }
        SpaceBetween(e, after, space) | UnknownMember(e, after, space) => {
            let Some(element) = pick_of(&inner, *e) else { return unchanged() };
            let place = if *after { element.end().unwrap() } else { element.start };
            splice(doc, place, 0, space.as_bytes())
        }
        CommentBetween(e, after) => apply(doc, &SpaceBetween(*e, *after, "<!-- between -->")),
        IntoValue(e, offset, piece) => match value_position(doc, *e, *offset) {
            Some(place) => splice(doc, place, 0, piece.as_bytes()),
            None => unchanged(),
        },
        Reference(e, offset, hex) => {
            let Some(place) = value_position(doc, *e, *offset) else { return unchanged() };
            let Some(c) = doc.get(place..).and_then(|rest| {
                let len = rest.len().min(4);
                (1..=len).find_map(|n| std::str::from_utf8(&rest[..n]).ok()).and_then(|s| s.chars().next())
            }) else {
                return unchanged();
            };
            if c == '<' {
                return splice(doc, place, 0, b"&amp;");
            }
            let reference = if *hex { format!("&#x{:X};", c as u32) } else { format!("&#{};", c as u32) };
            splice(doc, place, c.len_utf8(), reference.as_bytes())
        }
        CdataAround(e) => {
            let valued: Vec<&Element> = inner.iter().copied().filter(|e| has_value(doc, e)).collect();
            let Some(element) = pick_of(&valued, *e) else { return unchanged() };
            let run_end = find(doc, element.tag_end, b"<").unwrap_or(doc.len());
            let text = &doc[element.tag_end..run_end];
            let wrapped = [b"<![CDATA[".as_slice(), text, b"]]>"].concat();
            splice(doc, element.tag_end, text.len(), &wrapped)
        }
        Swap(e) => {
            let Some(first) = pick_of(&inner, *e) else { return unchanged() };
            let first_end = first.end().unwrap();
            let Some(second) = inner.iter().find(|other| other.parent == first.parent && other.start >= first_end)
            else {
                return unchanged();
            };
            let second_end = second.end().unwrap();
            [
                &doc[..first.start],
                &doc[second.start..second_end],
                &doc[first_end..second.start],
                &doc[first.start..first_end],
                &doc[second_end..],
            ]
            .concat()
        }
        Delete(e) => match pick_of(&inner, *e) {
            Some(element) => splice(doc, element.start, element.end().unwrap() - element.start, b""),
            None => unchanged(),
        },
        Repeat(e) => match pick_of(&inner, *e) {
            Some(element) => splice(doc, element.start, 0, &doc[element.start..element.end().unwrap()]),
            None => unchanged(),
        },
        NilOtherPrefix(n) => {
            let hits: Vec<usize> = (0..doc.len()).filter(|&i| doc[i..].starts_with(b"i:nil=")).collect();
            match pick_of(&hits, *n) {
                Some(&hit) => splice(doc, hit, 2, format!("xmlns:x=\"{XSI}\" x:").as_bytes()),
                None => unchanged(),
            }
        }
        Nil(e, attribute) => match pick_of(&all, *e) {
            Some(element) => splice(doc, element.name_end, 0, attribute.as_bytes()),
            None => unchanged(),
        },
        ItemNamespace(e, strip, ns) => {
            let items: Vec<&Element> = inner
                .iter()
                .copied()
                .filter(|item| item.parent.is_some_and(|p| LISTS.contains(&all[p].local())))
                .collect();
            let Some(item) = pick_of(&items, *e) else { return unchanged() };
            match item.prefix() {
                Some(prefix) if *strip => {
                    // `<p:Item …>…</p:Item>` becomes `<Item …>…</Item>`: the default namespace.
                    let (close, end) = item.close.unwrap();
                    let cut = prefix.len() + 1;
                    let mut out = doc.to_vec();
                    if end > close {
                        out.drain(close + 2..close + 2 + cut);
                    }
                    out.drain(item.start + 1..item.start + 1 + cut);
                    out
                }
                Some(prefix) => splice(doc, item.name_end, 0, format!(" xmlns:{prefix}=\"{ns}\"").as_bytes()),
                None => splice(doc, item.name_end, 0, format!(" xmlns=\"{ns}\"").as_bytes()),
            }
        }
        Bom => [b"\xEF\xBB\xBF".as_slice(), doc].concat(),
        Splice(i, remove, bytes) => splice(doc, at(i), *remove, bytes),
        Copy(from, len, to) => {
            let from = at(from);
            let piece = doc[from..(from + len).min(doc.len())].to_vec();
            splice(doc, at(to), 0, &piece)
        }
    }
}

// ---------------------------------------------------------------------------------------
// The checks.

#[test]
fn every_fixture_reads_alike() {
    for (n, doc) in fixtures().iter().enumerate() {
        check(&format!("fixture {n}"), read_alike_with(doc, &ReadOptions::new()));
        for limits in small_limits() {
            check(&format!("fixture {n}"), read_alike_with(doc, &limits));
        }
    }
}

/// A small response cut out of a generated one: one session with a few of its members
/// (text, an enum, a boolean, an entity member, one item of each list, a dictionary), the
/// others at their defaults.
fn small_generated_document() -> AppGetActiveSessionsResult {
    let full = generate::sessions(5).next().unwrap();
    let mut member = full.members.iter().flatten().next().cloned().unwrap_or_default();
    member.application_data = member.application_data.map(|d| d.into_iter().take(1).collect());
    let mut session = SessionInfo::default();
    session.entity.id = full.entity.id.clone();
    session.call_state = full.call_state.clone();
    session.account_name = full.account_name.clone();
    session.ended = true;
    session.customer_breadcrumb = full.customer_breadcrumb.map(|b| b.into_iter().take(1).collect());
    session.log = full.log.map(|l| l.into_iter().take(1).collect());
    session.members = Some(vec![member]);
    let mut result = AppGetActiveSessionsResult::default();
    result.sessions = Some(vec![session]);
    result
}

#[test]
fn every_prefix_of_a_small_document_reads_alike() {
    let value = small_generated_document();
    // Each prefix is read with the default options, and every fourth with small limits too,
    // in turn.
    let limits = small_limits();
    for dialect in [Dialect::ServiceStack, Dialect::Wcf] {
        let doc = written(&value, dialect);
        for len in 0..=doc.len() {
            let name = format!("{dialect:?}, the first {len} of {} bytes", doc.len());
            let cut = &doc[..len];
            check(&name, read_alike_with(cut, &ReadOptions::new()));
            if len % 4 == 0 {
                check(&name, read_alike_with(cut, &limits[len / 4 % limits.len()]));
            }
        }
    }
}

#[test]
fn the_mutations_change_documents() {
    // Each kind of mutation applies to a generated document (a check on the checks: a
    // mutation that never finds its place would test nothing).
    let doc = written(&generate::result(2, 2), Dialect::ServiceStack);
    let pick = 37;
    let kinds = [
        Mutation::Truncate(pick),
        Mutation::RenamePrefix(pick, "q"),
        Mutation::RebindPrefix(pick, pick, "urn:elsewhere"),
        Mutation::DefaultNamespace(pick, "urn:elsewhere"),
        Mutation::TagSpace(pick, 0, " "),
        Mutation::TagSpace(pick, 4, " "),
        Mutation::SpaceBetween(pick, true, "\n"),
        Mutation::CommentBetween(pick, false),
        Mutation::IntoValue(pick, 3, "\r\n"),
        Mutation::Reference(pick, 0, true),
        Mutation::CdataAround(pick),
        Mutation::UnknownMember(pick, false, "<Extra/>"),
        Mutation::Swap(pick),
        Mutation::Delete(pick),
        Mutation::Repeat(pick),
        Mutation::NilOtherPrefix(pick),
        Mutation::Nil(pick, " i:nil=\"true\""),
        Mutation::ItemNamespace(pick, true, ""),
        Mutation::ItemNamespace(pick, false, "urn:elsewhere"),
        Mutation::Bom,
        Mutation::Splice(pick, 3, vec![b'<']),
        Mutation::Copy(pick, 40, 90),
    ];
    for kind in &kinds {
        assert!(apply(&doc, kind) != doc, "{kind:?} left the document as it was");
    }
    // Renaming any prefix to one not in use keeps the meaning.
    let value = xml::from_slice::<AppGetActiveSessionsResult>(&doc).unwrap();
    let prefixes = declared_prefixes(&doc);
    assert!(prefixes.contains(&"d2p1".to_string()), "{prefixes:?}");
    for (n, prefix) in prefixes.iter().enumerate() {
        let renamed = apply(&doc, &Mutation::RenamePrefix(n, "q"));
        assert!(find(&renamed, 0, b"xmlns:q=").is_some(), "{prefix}");
        let used_as = if prefix == "i" { b" q:nil=".as_slice() } else { b"<q:".as_slice() };
        assert!(find(&renamed, 0, used_as).is_some(), "{prefix}");
        assert_eq!(xml::from_slice::<AppGetActiveSessionsResult>(&renamed).unwrap(), value, "{prefix}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn generated_documents_read_alike(doc in source(), limits in limits()) {
        read_alike(&doc, &limits)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn mutated_documents_read_alike(
        doc in source(),
        mutations in proptest::collection::vec(mutation(), 1..=3),
        limits in limits(),
    ) {
        let mut doc = doc;
        for m in &mutations {
            doc = apply(&doc, m);
        }
        read_alike(&doc, &limits)?;
    }
}

/// Found by the `xml_predictive_vs_general` fuzz target: a reference to a control character in a
/// namespace declaration is a notice the validator reports when the next value is read; the
/// predictive path read that value in one step and kept the notice back, so that a later
/// syntax error left it unreported.
#[test]
fn a_notice_before_a_value_read_in_one_step_is_reported() {
    let doc = r#"<AppGetActiveSessionsResult xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal"><Sessions xmlns:d2p1="http://schemas.datacontract.org/2004/07/Voice.Api.Sessions"><d2p1:SessionInfo><d2p1:CustomerBreadcrumb xmlns:d4p1="urn:x&#xFFFF;" /><d2p1:CustomerId>c</d2p1:CustomerId><d2p1:CustomerName>n</d2p1:DateCompleted></d2p1:SessionInfo></Sessions></AppGetActiveSessionsResult>"#;
    check("notice", read_alike(doc.as_bytes(), &ReadOptions::new()));
}

/// Found by the `xml_predictive_vs_general` fuzz target: where the predictive path hands a value
/// over, quick-xml starts again; at a byte order mark (which quick-xml drops at the start
/// of its input) the text up to the next `<` or `&` is given as one piece, as quick-xml
/// gives it, so that a string over the limit is found at the same place.
#[test]
fn text_handed_over_at_a_byte_order_mark_is_one_piece() {
    let doc = "<AppGetActiveSessionsResult xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal\"><Sessions xmlns:d2p1=\"http://schemas.datacontract.org/2004/07/Voice.Api.Sessions\"><d2p1:SessionInfo><CreatedBy xmlns=\"http://schemas.datacontract.org/2004/07/Voice.Api\">\u{FEFF}0123456789abcdef\r</CreatedBy></d2p1:SessionInfo></Sessions></AppGetActiveSessionsResult>";
    check("byte order mark", read_alike(doc.as_bytes(), &ReadOptions::new().max_string_bytes(16)));
}

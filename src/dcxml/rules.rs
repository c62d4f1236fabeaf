//! The rulebook: every well-formedness rule of XML 1.0 (fifth edition) and of Namespaces in
//! XML that .NET's reader (`DataContractSerializer.ReadObject(Stream)`) applies and quick-xml
//! leaves to its users, decided here once, each with one typed reason ([`Malformed`]) whose
//! `Display` is its one message.
//!
//! The reader's general path, its predictive lanes (which only take bytes no rule here can
//! refuse) and the session stream all ask these functions; none restates a rule. The table
//! of rules, with where each is enforced and the test that shows it, is `docs/xml-rules.md`.

use std::fmt;

use quick_xml::events::Event;

use super::encoding::Encoding;

/// The namespace the `xml` prefix is bound to, and that no other prefix may name.
pub const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// The namespace of namespace declarations, which no prefix may be bound to.
pub const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns/";

/// Why a document is not XML as .NET reads it. Each reason is one rule; its `Display` is
/// the rule's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// A character XML 1.0 forbids, raw (§2.2).
    ForbiddenCharacter(char),
    /// `]]>` raw in text (§2.4).
    CdataEndInText,
    /// A processing instruction other than the XML declaration.
    ProcessingInstruction,
    /// An XML declaration that is not the first thing in the document, or a second one
    /// (§2.8).
    MisplacedDeclaration,
    /// An XML declaration that does not follow its grammar (§2.8): `why` says where.
    BadDeclaration(&'static str),
    /// An XML declaration naming a version other than 1.0.
    UnsupportedVersion(String),
    /// An XML declaration naming an encoding that is not the document's (§4.3.3).
    EncodingMismatch {
        /// The label the declaration names.
        label: String,
        /// The encoding of the bytes.
        actual: Encoding,
    },
    /// An XML declaration naming an encoding .NET's reader does not read.
    UnsupportedEncoding(String),
    /// A document in UTF-16 without a declaration naming its encoding.
    UndeclaredEncoding(Encoding),
    /// A byte sequence that is not the encoding's (UTF-16 with an unpaired surrogate).
    InvalidEncoding(Encoding),
    /// A second byte order mark.
    SecondByteOrderMark,
    /// An element or attribute name that is not an XML qualified name (§2.3, Namespaces
    /// §4).
    InvalidName(String),
    /// `<` in an attribute value (§3.1).
    LessThanInAttribute,
    /// An attribute written twice on one element (§3.1).
    DuplicateAttribute(String),
    /// Two attributes whose prefixes name one namespace, with the same local name
    /// (Namespaces §6.3).
    DuplicateExpandedAttribute(String, String),
    /// A prefix bound where .NET's reader forbids it (Namespaces in XML §3): `xmlns`, `xml`
    /// to another namespace, or a prefix to the empty namespace.
    ReservedBinding {
        /// The prefix (`""` for the default namespace).
        prefix: String,
        /// The namespace it was bound to.
        namespace: String,
    },
    /// A prefix used without a declaration in scope.
    UndeclaredPrefix(String),
    /// A reference to an entity XML does not predefine (there is no DTD to declare one).
    UndeclaredEntity(String),
    /// A character reference that names no character.
    InvalidReference(String),
    /// A `&` in an attribute value without its `;`.
    UnterminatedReference,
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Malformed::ForbiddenCharacter(ch) => {
                write!(f, "the character U+{:04X} is not allowed in XML", *ch as u32)
            }
            Malformed::CdataEndInText => f.write_str("']]>' is not allowed in text"),
            Malformed::ProcessingInstruction => f.write_str(
                "a processing instruction is not allowed: .NET's reader refuses every one but the XML declaration",
            ),
            Malformed::MisplacedDeclaration => {
                f.write_str("the XML declaration is allowed only at the very start of the document")
            }
            Malformed::BadDeclaration(why) => write!(f, "malformed XML declaration: {why}"),
            Malformed::UnsupportedVersion(version) => {
                write!(f, "XML version '{version}' is not supported: .NET reads version 1.0 only")
            }
            Malformed::EncodingMismatch { label, actual } => {
                write!(f, "the XML declaration names the encoding '{label}', but the document is {actual}")
            }
            Malformed::UnsupportedEncoding(label) => {
                write!(f, "the encoding '{label}' is not supported: .NET's reader reads UTF-8 and UTF-16")
            }
            Malformed::UndeclaredEncoding(encoding) => write!(
                f,
                "a {encoding} document must name its encoding in an XML declaration (<?xml version=\"1.0\" \
                 encoding=\"utf-16\"?>), as .NET's reader requires"
            ),
            Malformed::InvalidEncoding(encoding) => write!(f, "invalid {encoding}"),
            Malformed::SecondByteOrderMark => f.write_str("a second byte order mark"),
            Malformed::InvalidName(name) => write!(f, "'{name}' is not a valid XML name"),
            Malformed::LessThanInAttribute => f.write_str("'<' is not allowed in an attribute value"),
            Malformed::DuplicateAttribute(name) => write!(f, "the attribute '{name}' appears twice on the element"),
            Malformed::DuplicateExpandedAttribute(first, second) => {
                write!(f, "the attributes '{first}' and '{second}' have the same name and namespace on the element")
            }
            Malformed::ReservedBinding { prefix, namespace } if prefix.is_empty() => {
                write!(f, "the default namespace cannot be '{namespace}'")
            }
            Malformed::ReservedBinding { prefix, namespace } if namespace.is_empty() => {
                write!(f, "the prefix '{prefix}' cannot be bound to an empty namespace")
            }
            Malformed::ReservedBinding { prefix, namespace } => {
                write!(f, "the prefix '{prefix}' cannot be bound to the namespace '{namespace}'")
            }
            Malformed::UndeclaredPrefix(prefix) => write!(f, "the prefix '{prefix}' is not declared"),
            Malformed::UndeclaredEntity(name) => write!(f, "reference to undeclared entity '&{name};'"),
            Malformed::InvalidReference(name) => write!(f, "invalid character reference '&{name};'"),
            Malformed::UnterminatedReference => f.write_str("unterminated reference in an attribute"),
        }
    }
}

impl std::error::Error for Malformed {}

/// What the rules of a single event depend on: the document's encoding, and whether its
/// declaration was read. Every reader of a whole document holds one and shows it each
/// event ([`Prolog::check`]); a reader of a fragment cut from a document holds none.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Prolog {
    encoding: Encoding,
    declared: bool,
}

impl Prolog {
    /// The prolog of a document in `encoding`, before anything is read.
    pub(crate) fn new(encoding: Encoding) -> Self {
        Prolog { encoding, declared: false }
    }

    /// The rules an event of a whole document can break, on its own: forbidden characters
    /// and `]]>` in text, forbidden characters in CDATA and comments, processing
    /// instructions, the declaration's place (`first`: nothing came before the event but a
    /// byte order mark) and content, and, where the root opens (`opens_root`), a UTF-16
    /// document without a declaration. The error is the offset in the event (from its `<`,
    /// or its first byte for text) and the reason. DTDs are the reader's business.
    pub(crate) fn check(&mut self, event: &Event<'_>, first: bool, opens_root: bool) -> Result<(), (usize, Malformed)> {
        match event {
            Event::Text(t) => check_text(t),
            // The content starts after `<![CDATA[` or `<!--`.
            Event::CData(c) => check_chars(c).map_err(|(at, reason)| (9 + at, reason)),
            Event::Comment(c) => check_chars(c).map_err(|(at, reason)| (4 + at, reason)),
            Event::Decl(decl) => {
                if self.declared || !first {
                    return Err((0, Malformed::MisplacedDeclaration));
                }
                self.declared = true;
                // The content starts after `<?xml`.
                check_declaration(decl.as_ref().get(3..).unwrap_or_default(), self.encoding).map_err(|r| (0, r))
            }
            Event::PI(_) => Err((0, Malformed::ProcessingInstruction)),
            Event::Start(_) | Event::Empty(_) if opens_root && !self.declared && self.encoding.needs_declaration() => {
                Err((0, Malformed::UndeclaredEncoding(self.encoding)))
            }
            _ => Ok(()),
        }
    }

    /// The rules of an event of a fragment: those of [`check`](Self::check) that do not
    /// depend on the place in the document (a declaration is misplaced in any fragment).
    pub(crate) fn check_in_fragment(event: &Event<'_>) -> Result<(), (usize, Malformed)> {
        let mut prolog = Prolog { encoding: Encoding::Utf8, declared: true };
        prolog.check(event, false, false)
    }
}

/// What may stand between elements, besides elements and comments, inside the root:
/// whitespace, written as it is (`text`), as a character reference, or as CDATA (which
/// .NET's reader passes over as it passes over whitespace). Outside the root only
/// whitespace written as it is (XML 1.0 §2.1: references and CDATA are content).
pub(crate) fn is_blank(event: &Event<'_>, inside_root: bool, reference: Option<char>) -> bool {
    match event {
        Event::Text(t) => is_whitespace(t),
        Event::CData(c) => inside_root && is_whitespace(c),
        Event::GeneralRef(_) => inside_root && matches!(reference, Some(' ' | '\t' | '\n' | '\r')),
        _ => false,
    }
}

/// Whether `bytes` hold only XML whitespace (space, tab, newline, carriage return): what
/// may stand between elements (§2.3 `S`). A form feed is not whitespace in XML.
pub(crate) fn is_whitespace(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| is_whitespace_byte(b))
}

/// Whether `b` is one of XML's four whitespace characters.
#[inline]
pub(crate) fn is_whitespace_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Raw character data (text between markup): no forbidden character (§2.2), no `]]>`
/// (§2.4). The error carries the byte index of the offending character in `raw`.
pub(crate) fn check_text(raw: &[u8]) -> Result<(), (usize, Malformed)> {
    check_chars(raw)?;
    match memchr::memmem::find(raw, b"]]>") {
        Some(at) => Err((at, Malformed::CdataEndInText)),
        None => Ok(()),
    }
}

/// The content of a CDATA section, a comment or any other run of characters: no forbidden
/// character (§2.2).
pub(crate) fn check_chars(raw: &[u8]) -> Result<(), (usize, Malformed)> {
    super::text::find_forbidden(raw).map_or(Ok(()), |(at, ch)| Err((at, Malformed::ForbiddenCharacter(ch))))
}

/// A raw attribute value (between its quotes): no forbidden character, no `<` (§3.1).
pub(crate) fn check_attribute_value(raw: &[u8]) -> Result<(), (usize, Malformed)> {
    check_chars(raw)?;
    match memchr::memchr(b'<', raw) {
        Some(at) => Err((at, Malformed::LessThanInAttribute)),
        None => Ok(()),
    }
}

/// An element or attribute name: an XML qualified name (`NCName` or `NCName:NCName`).
pub(crate) fn check_qname(name: &str) -> Result<(), Malformed> {
    let valid = match name.split_once(':') {
        Some((prefix, local)) => is_ncname(prefix) && is_ncname(local),
        None => is_ncname(name),
    };
    if valid {
        Ok(())
    } else {
        Err(Malformed::InvalidName(name.to_owned()))
    }
}

/// Whether `name` is an `NCName`: a `Name` (§2.3) without a colon.
fn is_ncname(name: &str) -> bool {
    // The common case, ASCII, without decoding characters.
    let bytes = name.as_bytes();
    match bytes.first() {
        None => return false,
        Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {
            if bytes[1..].iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')) {
                return true;
            }
        }
        Some(b) if b.is_ascii() => return false,
        Some(_) => {}
    }
    let mut chars = name.chars();
    chars.next().is_some_and(is_name_start_char) && chars.all(is_name_char)
}

/// `NameStartChar` of XML 1.0 (fifth edition), without the colon.
fn is_name_start_char(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// `NameChar` of XML 1.0 (fifth edition), without the colon.
fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// A namespace declaration: `prefix` (`""` for `xmlns=`; `xmlns=""` undeclares the default
/// namespace) bound to `namespace`, as .NET's reader takes it (Namespaces in XML §3):
/// `xml` only to its own namespace, never `xmlns`, no prefix to the empty namespace.
/// (Namespaces in XML also forbids binding another prefix to `xml`'s or `xmlns`'s
/// namespace; .NET's reader allows it, and so does this one.)
pub(crate) fn check_binding(prefix: &str, namespace: &str) -> Result<(), Malformed> {
    let reserved = || Malformed::ReservedBinding { prefix: prefix.to_owned(), namespace: namespace.to_owned() };
    match (prefix, namespace) {
        ("", _) | ("xml", XML_NAMESPACE) => Ok(()),
        ("xml" | "xmlns", _) | (_, "") => Err(reserved()),
        _ => Ok(()),
    }
}

/// The XML declaration's content (between `<?xml` and `?>`), for a document in `encoding`
/// (§2.8, §4.3.3): `version="1.0"` first, then an optional `encoding` naming the document's
/// encoding, then an optional `standalone` of `yes` or `no`, in that order, each once.
pub(crate) fn check_declaration(content: &[u8], encoding: Encoding) -> Result<(), Malformed> {
    let mut rest = content;
    let mut seen = 0;
    let mut named = None;
    const NAMES: [&[u8]; 3] = [b"version", b"encoding", b"standalone"];
    loop {
        let ws = rest.iter().take_while(|&&b| is_whitespace_byte(b)).count();
        rest = &rest[ws..];
        if rest.is_empty() {
            break;
        }
        if ws == 0 {
            return Err(Malformed::BadDeclaration("whitespace must separate its attributes"));
        }
        let name_len = rest.iter().take_while(|&&b| b.is_ascii_alphabetic()).count();
        let (name, after) = rest.split_at(name_len);
        let Some(index) = NAMES.iter().position(|n| *n == name) else {
            return Err(Malformed::BadDeclaration("only version, encoding and standalone may appear"));
        };
        if index < seen {
            return Err(Malformed::BadDeclaration("version, encoding and standalone come in that order, once each"));
        }
        if seen == 0 && index != 0 {
            return Err(Malformed::BadDeclaration("version must come first"));
        }
        seen = index + 1;
        let (value, after) = quoted_value(after)?;
        rest = after;
        match index {
            0 if value != b"1.0" => return Err(Malformed::UnsupportedVersion(String::from_utf8_lossy(value).into())),
            1 => named = Some(value),
            2 if value != b"yes" && value != b"no" => {
                return Err(Malformed::BadDeclaration("standalone must be 'yes' or 'no'"))
            }
            _ => {}
        }
    }
    if seen == 0 {
        return Err(Malformed::BadDeclaration("version is missing"));
    }
    match named {
        Some(label) => encoding.check_label(&String::from_utf8_lossy(label)),
        None if encoding.needs_declaration() => Err(Malformed::UndeclaredEncoding(encoding)),
        None => Ok(()),
    }
}

/// `= "value"` (whitespace allowed around `=`, either quote) at the start of `bytes`: the
/// value and what follows.
fn quoted_value(bytes: &[u8]) -> Result<(&[u8], &[u8]), Malformed> {
    let skip = |b: &[u8]| b.iter().take_while(|&&c| is_whitespace_byte(c)).count();
    let mut at = skip(bytes);
    if bytes.get(at) != Some(&b'=') {
        return Err(Malformed::BadDeclaration("'=' expected after an attribute name"));
    }
    at += 1;
    at += skip(&bytes[at..]);
    let quote = match bytes.get(at) {
        Some(&q @ (b'"' | b'\'')) => q,
        _ => return Err(Malformed::BadDeclaration("an attribute value must be quoted")),
    };
    let rest = &bytes[at + 1..];
    let Some(end) = memchr::memchr(quote, rest) else {
        return Err(Malformed::BadDeclaration("an attribute value is not closed"));
    };
    Ok((&rest[..end], &rest[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_qualified_names() {
        for good in ["a", "_x", "a.b-c9", "d2p1:SessionInfo", "é", "a\u{B7}b", "中文"] {
            assert_eq!(check_qname(good), Ok(()), "{good}");
        }
        for bad in ["", "9x", "a:b:c", ":x", "x:", "-a", "a b", "a\u{D7}", ".x", "a:9"] {
            assert!(check_qname(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn declarations_follow_their_grammar() {
        let ok = |s: &str| check_declaration(s.as_bytes(), Encoding::Utf8);
        assert_eq!(ok(r#" version="1.0" encoding="utf-8""#), Ok(()));
        assert_eq!(ok(r#" version='1.0' encoding = 'UTF-8' standalone="yes" "#), Ok(()));
        assert_eq!(ok(r#" version="1.1""#), Err(Malformed::UnsupportedVersion("1.1".into())));
        assert!(ok(r#" encoding="utf-8""#).is_err());
        assert!(ok(r#" encoding="utf-8" version="1.0""#).is_err());
        assert!(ok(r#" version="1.0" standalone="maybe""#).is_err());
        assert!(ok(r#" version="1.0"encoding="utf-8""#).is_err());
        assert!(ok(r#" version="1.0" encoding="utf-16""#).is_err());
        assert!(ok("").is_err());
        assert_eq!(
            check_declaration(b" version=\"1.0\"", Encoding::Utf16Le),
            Err(Malformed::UndeclaredEncoding(Encoding::Utf16Le))
        );
    }

    #[test]
    fn reserved_prefixes_and_namespaces() {
        assert_eq!(check_binding("xml", XML_NAMESPACE), Ok(()));
        assert!(check_binding("xml", "urn:x").is_err());
        assert!(check_binding("xmlns", "urn:x").is_err());
        assert_eq!(check_binding("p", XML_NAMESPACE), Ok(()));
        assert!(check_binding("p", "").is_err());
        assert_eq!(check_binding("", ""), Ok(()));
    }

    #[test]
    fn text_and_attribute_values() {
        assert_eq!(check_text(b"a]]b>"), Ok(()));
        assert_eq!(check_text(b"ab]]>"), Err((2, Malformed::CdataEndInText)));
        assert_eq!(check_text(b"a\x0Cb"), Err((1, Malformed::ForbiddenCharacter('\u{C}'))));
        assert_eq!(check_attribute_value(b"a<b"), Err((1, Malformed::LessThanInAttribute)));
        assert!(!is_whitespace(b" \x0C"));
    }
}

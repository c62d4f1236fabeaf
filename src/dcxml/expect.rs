//! What the reader can be told to expect: the exact bytes of one element at one position,
//! and what those bytes mean.
//!
//! A [`template`](super::template) knows every form an element takes where it sits (start
//! tag, empty, nil). Read back, the same bytes mean the same element only if the prefixes
//! they use are bound as they were where the template was made; [`Expected::requires`]
//! lists those bindings, so that a reader can check them once for all the elements of one
//! parent and then match each element with one comparison of bytes.

use super::XSI_NAMESPACE;
use quick_xml::events::{BytesStart, Event};

/// One element's forms at one position, and their meaning.
#[derive(Debug)]
pub struct Expected {
    /// The local name.
    pub local: &'static str,
    /// The namespace.
    pub namespace: &'static str,
    /// The start tag, content to follow.
    pub(super) open: Box<[u8]>,
    /// The end tag.
    pub(super) close: Box<[u8]>,
    /// The element with `i:nil="true"`, empty.
    pub(super) nil: Box<[u8]>,
    /// The element empty.
    pub(super) empty: Box<[u8]>,
    qname: Box<str>,
    /// The namespace declarations the start tag makes (prefix, URI; `""` for the default).
    declarations: Box<[(Box<str>, Box<str>)]>,
    /// The bindings in force around the element that its forms rely on.
    requires: Box<[(Box<str>, &'static str)]>,
}

impl Expected {
    /// The expectation of element `local` in `namespace` written with start tag `open`,
    /// end tag `close`, as `nil` and as `empty`; `None` when the forms are not what this
    /// module can read back (an attribute other than declarations and `nil`, a reference in
    /// a value, forms that declare different things, an end tag of another name).
    pub fn new(local: &'static str, namespace: &'static str, [open, close, nil, empty]: [&[u8]; 4]) -> Option<Self> {
        let (qname, declarations, nil_prefix) = parse(open)?;
        if nil_prefix.is_some() {
            return None;
        }
        let (nil_qname, nil_declarations, nil_prefix) = parse(nil)?;
        let (empty_qname, empty_declarations, empty_nil) = parse(empty)?;
        if nil_qname != qname || empty_qname != qname || nil_declarations != declarations {
            return None;
        }
        if empty_declarations != declarations || empty_nil.is_some() {
            return None;
        }
        if close != [b"</", qname.as_bytes(), b">"].concat() {
            return None;
        }
        let declared = |prefix: &str| declarations.iter().find(|(p, _)| &**p == prefix).map(|(_, ns)| &**ns);
        let mut requires: Vec<(Box<str>, &'static str)> = Vec::new();
        let prefix = qname.split_once(':').map_or("", |(p, _)| p);
        match declared(prefix) {
            Some(ns) if ns == namespace => {}
            Some(_) => return None,
            None => requires.push((prefix.into(), namespace)),
        }
        let nil_prefix = nil_prefix?;
        match declared(&nil_prefix) {
            Some(ns) if ns == XSI_NAMESPACE => {}
            Some(_) => return None,
            None => requires.push((nil_prefix, XSI_NAMESPACE)),
        }
        requires.dedup();
        Some(Expected {
            local,
            namespace,
            open: open.into(),
            close: close.into(),
            nil: nil.into(),
            empty: empty.into(),
            qname,
            declarations: declarations.into(),
            requires: requires.into(),
        })
    }

    /// The qualified name, as in the tags.
    pub fn qname(&self) -> &str {
        &self.qname
    }

    /// The declarations the start tag makes, in order.
    pub fn declarations(&self) -> impl Iterator<Item = (&str, &str)> {
        self.declarations.iter().map(|(p, ns)| (&**p, &**ns))
    }

    /// The bindings (prefix, namespace; `""` for the default) that must hold around the
    /// element for its bytes to mean what they meant where it was made.
    pub fn requires(&self) -> impl Iterator<Item = (&str, &'static str)> {
        self.requires.iter().map(|(p, ns)| (&**p, *ns))
    }
}

type Declarations = Vec<(Box<str>, Box<str>)>;

/// The qualified name, the declarations and the prefix of a `nil="true"` attribute of the
/// one tag in `bytes`.
fn parse(bytes: &[u8]) -> Option<(Box<str>, Declarations, Option<Box<str>>)> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let start: BytesStart<'_> = match reader.read_event().ok()? {
        Event::Start(start) | Event::Empty(start) => start,
        _ => return None,
    };
    let qname: Box<str> = std::str::from_utf8(start.name().as_ref()).ok()?.into();
    let mut declarations = Vec::new();
    let mut nil = None;
    for attribute in start.attributes() {
        let attribute = attribute.ok()?;
        let key = std::str::from_utf8(attribute.key.as_ref()).ok()?;
        let value = std::str::from_utf8(&attribute.value).ok()?;
        if value.contains('&') {
            return None;
        }
        if key == "xmlns" {
            declarations.push(("".into(), value.into()));
        } else if let Some(prefix) = key.strip_prefix("xmlns:") {
            declarations.push((prefix.into(), value.into()));
        } else if let (Some(prefix), "true") = (key.strip_suffix(":nil"), value) {
            nil = Some(prefix.into());
        } else {
            return None;
        }
    }
    Some((qname, declarations, nil))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_a_template_writes() {
        let e = Expected::new(
            "CreatedBy",
            "urn:b",
            [
                br#"<CreatedBy xmlns="urn:b">"#,
                b"</CreatedBy>",
                br#"<CreatedBy xmlns="urn:b" i:nil="true" />"#,
                br#"<CreatedBy xmlns="urn:b" />"#,
            ],
        )
        .unwrap();
        assert_eq!(e.qname(), "CreatedBy");
        assert_eq!(e.declarations().collect::<Vec<_>>(), [("", "urn:b")]);
        assert_eq!(e.requires().collect::<Vec<_>>(), [("i", XSI_NAMESPACE)]);
        let p =
            Expected::new("Id", "urn:c", [b"<d2p1:Id>", b"</d2p1:Id>", br#"<d2p1:Id i:nil="true"/>"#, b"<d2p1:Id/>"])
                .unwrap();
        assert_eq!(p.requires().collect::<Vec<_>>(), [("d2p1", "urn:c"), ("i", XSI_NAMESPACE)]);
        assert!(Expected::new("Id", "urn:c", [br#"<Id a="1">"#, b"</Id>", b"<Id/>", b"<Id/>"]).is_none());
        assert!(Expected::new("Id", "urn:c", [b"<Id>", b"</Ix>", b"<Id/>", b"<Id/>"]).is_none());
    }
}

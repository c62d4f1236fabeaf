//! Templates: the exact bytes .NET writes for an element at a fixed point of a document.
//!
//! DataContractSerializer writes a contract's members in one fixed order, and the
//! prefixes and namespace declarations of an element depend only on where it sits (the
//! elements around it), never on the values. So every tag can be worked out once per
//! position by running the [`XmlWriter`] itself on a frozen copy of its state, and a
//! document then written by copying those bytes: no prefix lookup, no declaration logic,
//! per element. Running the writer (rather than restating its rules) keeps the templates
//! byte-identical to it by construction.

use super::expect::Expected;
use super::writer::XmlWriter;
use super::{Dialect, XSI_NAMESPACE};
use crate::piece::Piece;

/// Every form one element takes at one position, start and end tags included.
#[derive(Debug)]
pub struct ElementForms {
    /// The start tag, declarations included, closed with `>`; content follows.
    pub open: Piece,
    /// The end tag.
    pub close: Piece,
    /// The element without content (`<X ... />` or `<X .../>`).
    pub empty: Piece,
    /// The element with `i:nil="true"`.
    pub nil: Piece,
    /// The element holding an empty string: `<X></X>` for ServiceStack, `<X/>` for WCF.
    pub empty_text: Piece,
    /// The same forms for the reader to expect, when it can read them back.
    pub expected: Option<Expected>,
}

/// How an element declares namespaces beyond its own, as DataContractSerializer asks.
#[derive(Clone, Copy, Debug)]
pub enum Declare {
    /// Nothing more.
    Nothing,
    /// A fixed prefix (the root's `xmlns:i`).
    Prefix(&'static str, &'static str),
    /// A namespace with a generated prefix, unless one in scope binds it already
    /// (a member whose type lives in another namespace).
    Namespace(&'static str),
}

/// A frozen point of a document, between elements: where the next element goes.
#[derive(Clone, Debug)]
pub struct Scope {
    writer: XmlWriter<'static>,
}

impl Scope {
    /// The start of a document, before its root element.
    pub fn document(dialect: Dialect) -> Self {
        Scope { writer: XmlWriter::with_buffer(dialect, Vec::new()) }
    }

    /// The forms of element `local` in `namespace` written here, and the scope inside it
    /// (where its children go).
    pub fn element(&self, local: &'static str, namespace: &'static str, declare: Declare) -> (ElementForms, Scope) {
        let start = |w: &mut XmlWriter<'static>| {
            w.start_element(local, namespace);
            match declare {
                Declare::Nothing => {}
                Declare::Prefix(prefix, ns) => w.declare_prefix(prefix, ns),
                Declare::Namespace(ns) => w.declare_namespace(ns),
            }
        };
        let run = |finish: &dyn Fn(&mut XmlWriter<'static>)| -> Piece {
            let mut w = self.writer.clone();
            w.set_buffer(Vec::new());
            start(&mut w);
            finish(&mut w);
            Piece::new(&w.take_buffer())
        };
        let empty = run(&|w| w.end_element());
        let nil = run(&|w| {
            w.nil();
            w.end_element();
        });
        // Writing the empty string fails for no dialect.
        let empty_text = run(&|w| {
            let _ = w.text("");
            w.end_element();
        });
        let mut inside = self.writer.clone();
        inside.set_buffer(Vec::new());
        start(&mut inside);
        inside.raw("");
        let open = Piece::new(&inside.take_buffer());
        let mut after = inside.clone();
        after.end_element();
        let close = Piece::new(&after.take_buffer());
        let expected =
            Expected::new(local, namespace, [open.as_bytes(), close.as_bytes(), nil.as_bytes(), empty.as_bytes()]);
        (ElementForms { open, close, empty, nil, empty_text, expected }, Scope { writer: inside })
    }
}

/// The root element's declaration of the `i` prefix, as DataContractSerializer writes it.
pub const ROOT_DECLARE: Declare = Declare::Prefix("i", XSI_NAMESPACE);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_what_the_writer_writes() {
        for dialect in [Dialect::ServiceStack, Dialect::Wcf] {
            let (root, inside) = Scope::document(dialect).element("Root", "urn:a", ROOT_DECLARE);
            let (list, _) = inside.element("List", "urn:a", Declare::Namespace("urn:b"));
            let mut w = XmlWriter::with_buffer(dialect, Vec::new());
            w.start_element("Root", "urn:a");
            w.declare_prefix("i", XSI_NAMESPACE);
            w.start_element("List", "urn:a");
            w.declare_namespace("urn:b");
            w.nil();
            w.end_element();
            w.start_element("List", "urn:a");
            w.declare_namespace("urn:b");
            w.text("").unwrap();
            w.end_element();
            w.end_element();
            let expected = w.into_inner();
            let got =
                [root.open.as_bytes(), list.nil.as_bytes(), list.empty_text.as_bytes(), root.close.as_bytes()].concat();
            assert_eq!(String::from_utf8(got).unwrap(), String::from_utf8(expected).unwrap());
        }
    }
}

//! Writing elements as .NET's `XmlWriter` (ServiceStack) and `XmlDictionaryWriter` (WCF)
//! do when `DataContractSerializer` drives them.

use super::escape::{escape_attribute, escape_text, Unencodable};
use super::{Dialect, XSI_NAMESPACE};
use std::fmt::Write as _;

/// A namespace prefix: the default namespace (none), or a short name.
#[derive(Clone, Copy, Debug)]
enum Prefix {
    Default,
    Named(ShortName),
}

/// A prefix name of at most 15 bytes, kept inline so that binding one never allocates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ShortName {
    len: u8,
    bytes: [u8; 15],
}

impl ShortName {
    fn new(name: &str) -> Self {
        let mut bytes = [0; 15];
        let len = name.len().min(15);
        bytes[..len].copy_from_slice(&name.as_bytes()[..len]);
        ShortName { len: len as u8, bytes }
    }
    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

/// String equality with a shortcut for the common case of the very same constant: the
/// namespaces the codecs pass are `&'static str`s of the contract declarations.
#[inline]
fn same_str(a: &str, b: &str) -> bool {
    (a.len() == b.len() && std::ptr::eq(a.as_ptr(), b.as_ptr())) || a == b
}

impl Prefix {
    fn same(&self, other: &Prefix) -> bool {
        match (self, other) {
            (Prefix::Default, Prefix::Default) => true,
            (Prefix::Named(a), Prefix::Named(b)) => a == b,
            _ => false,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Binding<'n> {
    prefix: Prefix,
    namespace: &'n str,
}

#[derive(Clone, Debug)]
struct Open<'n> {
    prefix: Prefix,
    local: &'n str,
    bindings: usize,
}

/// Writes one document into an in-memory buffer, element by element.
///
/// The calls mirror what `DataContractSerializer` asks of .NET's writer; the writer
/// decides, per [`Dialect`], the prefixes, the order of attributes and namespace
/// declarations, and the empty-element forms.
///
/// Cloning a writer freezes a point of a document (the open elements and the namespaces
/// in scope), from which [`template`](super::template) works out the bytes that follow.
#[derive(Clone, Debug)]
pub struct XmlWriter<'n> {
    out: Vec<u8>,
    dialect: Dialect,
    open: Vec<Open<'n>>,
    bindings: Vec<Binding<'n>>,
    /// Declarations still to be written when the start tag closes.
    deferred: Vec<Binding<'n>>,
    in_start_tag: bool,
    prefixes_on_element: u32,
}

impl<'n> XmlWriter<'n> {
    /// A writer that appends to `out` (reusing its allocation).
    pub fn with_buffer(dialect: Dialect, out: Vec<u8>) -> Self {
        XmlWriter {
            out,
            dialect,
            open: Vec::with_capacity(16),
            bindings: Vec::with_capacity(16),
            deferred: Vec::with_capacity(4),
            in_start_tag: false,
            prefixes_on_element: 1,
        }
    }

    /// Takes the bytes written so far, leaving the buffer empty. Safe at any point: what
    /// an open start tag still needs (its deferred declarations, its closing `>`) is kept
    /// by the writer, not in the buffer.
    pub fn take_buffer(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }

    /// Continues writing into `buffer` (after [`take_buffer`](Self::take_buffer)), reusing
    /// its allocation.
    pub fn set_buffer(&mut self, buffer: Vec<u8>) {
        self.out = buffer;
    }

    /// Ends writing and returns the buffer.
    #[cfg(test)]
    pub fn into_inner(self) -> Vec<u8> {
        self.out
    }

    /// Writes raw markup (the XML declaration, say) as it is.
    pub fn raw(&mut self, markup: &str) {
        self.close_start_tag();
        self.out.extend_from_slice(markup.as_bytes());
    }

    /// Opens element `local` in `namespace`. A namespace bound to a prefix in scope uses
    /// that prefix; otherwise the element declares it as its default namespace.
    pub fn start_element(&mut self, local: &'n str, namespace: &'n str) {
        self.close_start_tag();
        let bindings = self.bindings.len();
        let prefix = match self.lookup(namespace) {
            Some(prefix) => prefix,
            None => {
                let binding = Binding { prefix: Prefix::Default, namespace };
                self.bindings.push(binding);
                self.deferred.push(binding);
                Prefix::Default
            }
        };
        self.out.push(b'<');
        self.write_qualified(prefix, local);
        self.open.push(Open { prefix, local, bindings });
        self.in_start_tag = true;
        self.prefixes_on_element = 1;
    }

    /// Declares `namespace` on the open element unless a prefix in scope already binds it
    /// (DataContractSerializer's `WriteXmlnsAttribute`). The prefix is generated as the
    /// dialect does: `d{depth}p{n}` for ServiceStack, the first free letter for WCF.
    pub fn declare_namespace(&mut self, namespace: &'n str) {
        if self.lookup(namespace).is_some() {
            return;
        }
        let name = match self.dialect {
            Dialect::ServiceStack => {
                let mut name = String::with_capacity(8);
                let _ = write!(name, "d{}p{}", self.open.len(), self.prefixes_on_element);
                self.prefixes_on_element += 1;
                ShortName::new(&name)
            }
            Dialect::Wcf => self.free_letter(),
        };
        self.bind(Prefix::Named(name), namespace);
    }

    /// Declares `prefix` for `namespace` on the open element, as given.
    pub fn declare_prefix(&mut self, prefix: &str, namespace: &'n str) {
        self.bind(Prefix::Named(ShortName::new(prefix)), namespace);
    }

    /// Writes `i:nil="true"` on the open element.
    pub fn nil(&mut self) {
        debug_assert!(self.in_start_tag, "nil() needs an open start tag");
        if self.lookup(XSI_NAMESPACE).is_none() {
            self.declare_prefix("i", XSI_NAMESPACE);
        }
        let prefix = self.lookup(XSI_NAMESPACE).unwrap_or(Prefix::Default);
        self.out.push(b' ');
        self.write_qualified(prefix, "nil");
        self.out.extend_from_slice(b"=\"true\"");
    }

    /// Writes text content. An empty string still closes the start tag in the
    /// ServiceStack dialect (`<X></X>`) but not in WCF's (`<X/>`).
    pub fn text(&mut self, text: &str) -> Result<(), Unencodable> {
        if text.is_empty() && self.dialect == Dialect::Wcf {
            return Ok(());
        }
        self.close_start_tag();
        escape_text(&mut self.out, text, self.dialect)
    }

    /// Closes the innermost open element.
    pub fn end_element(&mut self) {
        let Some(open) = self.open.pop() else {
            debug_assert!(false, "end_element() without an open element");
            return;
        };
        if self.in_start_tag {
            self.write_deferred();
            self.out.extend_from_slice(match self.dialect {
                Dialect::ServiceStack => b" />",
                Dialect::Wcf => b"/>",
            });
            self.in_start_tag = false;
        } else {
            self.out.extend_from_slice(b"</");
            self.write_qualified(open.prefix, open.local);
            self.out.push(b'>');
        }
        self.bindings.truncate(open.bindings);
    }

    fn bind(&mut self, prefix: Prefix, namespace: &'n str) {
        let binding = Binding { prefix, namespace };
        self.bindings.push(binding);
        match self.dialect {
            // XmlWellFormedWriter writes explicit declarations where they are asked for.
            Dialect::ServiceStack => self.write_declaration(binding),
            // XmlDictionaryWriter writes every declaration after the attributes.
            Dialect::Wcf => self.deferred.push(binding),
        }
    }

    /// The prefix that binds `namespace` in scope, unless an inner binding of the same
    /// prefix hides it.
    fn lookup(&self, namespace: &str) -> Option<Prefix> {
        let bindings = &self.bindings;
        for i in (0..bindings.len()).rev() {
            let b = &bindings[i];
            if same_str(b.namespace, namespace) && !bindings[i + 1..].iter().any(|inner| inner.prefix.same(&b.prefix)) {
                return Some(b.prefix);
            }
        }
        None
    }

    fn free_letter(&self) -> ShortName {
        let taken = |name: &ShortName| self.bindings.iter().any(|b| matches!(b.prefix, Prefix::Named(n) if n == *name));
        for letter in b'a'..=b'z' {
            let name = ShortName::new(std::str::from_utf8(&[letter]).unwrap_or("a"));
            if !taken(&name) {
                return name;
            }
        }
        (0u32..)
            .map(|i| ShortName::new(&format!("p{i}")))
            .find(|name| !taken(name))
            .unwrap_or_else(|| ShortName::new("p"))
    }

    fn close_start_tag(&mut self) {
        if self.in_start_tag {
            self.write_deferred();
            self.out.push(b'>');
            self.in_start_tag = false;
        }
    }

    fn write_deferred(&mut self) {
        for i in 0..self.deferred.len() {
            let binding = self.deferred[i];
            self.write_declaration(binding);
        }
        self.deferred.clear();
    }

    fn write_declaration(&mut self, binding: Binding<'_>) {
        match binding.prefix {
            Prefix::Default => self.out.extend_from_slice(b" xmlns=\""),
            Prefix::Named(name) => {
                self.out.extend_from_slice(b" xmlns:");
                self.out.extend_from_slice(name.as_bytes());
                self.out.extend_from_slice(b"=\"");
            }
        }
        escape_attribute(&mut self.out, binding.namespace);
        self.out.push(b'"');
    }

    fn write_qualified(&mut self, prefix: Prefix, local: &str) {
        if let Prefix::Named(name) = prefix {
            self.out.extend_from_slice(name.as_bytes());
            self.out.push(b':');
        }
        self.out.extend_from_slice(local.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::XmlWriter;
    use crate::dcxml::{Dialect, XSI_NAMESPACE};

    #[test]
    fn writes_a_nil_list_as_dotnet_does() {
        let mut w = XmlWriter::with_buffer(Dialect::ServiceStack, Vec::new());
        w.start_element("Root", "urn:a");
        w.declare_prefix("i", XSI_NAMESPACE);
        w.start_element("List", "urn:a");
        w.declare_namespace("urn:b");
        w.nil();
        w.end_element();
        w.end_element();
        assert_eq!(
            String::from_utf8(w.into_inner()).unwrap(),
            concat!(
                r#"<Root xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:a">"#,
                r#"<List xmlns:d2p1="urn:b" i:nil="true" /></Root>"#,
            )
        );
    }
}

//! The DataContract rules of an element beyond its content: object references (`z:Id`,
//! `z:Ref`) and declared types (`i:type`), as .NET's reader takes them.
//!
//! - `z:Ref` stands for the value of the earlier element with that `z:Id`, whatever the
//!   `z:Ref` element holds. A Rust value is a tree, not a graph, so the value is built
//!   again: the element with the id is kept (its bytes, where it is, the namespace
//!   bindings around it) and read again as the member that refers to it. What is kept, and
//!   what is read again, counts against `max_document_bytes`: references cannot make the
//!   work grow past the limits. A reference to an id not read yet (later in the document,
//!   or the element still open around it) or to none, and an id given twice, are errors,
//!   as in .NET.
//! - `i:type` on a contract, a list or a dictionary must name that data contract: .NET
//!   knows no other type for these members. On a string, a bool or an enum, .NET ignores
//!   it, and so does this crate (and `z:Id`/`z:Ref` on a bool or an enum).

use super::Decoder;
use crate::contract::{ContractInfo, MemberKind, ARRAYS_NAMESPACE};
use crate::dcxml::reader::{Element, Scope, XmlReader};
use crate::diagnostic::Code;
use crate::error::{Category, Error, Position, Result};
use std::collections::HashMap;
use std::sync::Arc;

/// The elements with a `z:Id` read so far, and what reading them again has cost.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    targets: HashMap<String, Target>,
    /// Bytes kept, and bytes read again.
    kept: usize,
    reread: usize,
}

#[derive(Debug)]
struct Target {
    text: Arc<str>,
    position: Position,
    scope: Arc<Scope>,
}

/// What an element holds, as far as `i:type` and object references go.
#[derive(Clone, Copy, Debug)]
pub(super) enum Holds<'c> {
    /// A bool or an enum: a value type, `i:type` and references ignored.
    Value,
    /// A string: a reference type, `i:type` ignored.
    Text,
    /// A contract.
    Contract(&'c ContractInfo),
    /// A list of a contract.
    List(&'c ContractInfo),
    /// A dictionary of strings.
    Dictionary,
}

impl Holds<'static> {
    /// What a member of `kind` holds.
    pub(super) fn member(kind: MemberKind) -> Self {
        match kind {
            MemberKind::Bool | MemberKind::Enum(_) => Holds::Value,
            MemberKind::String => Holds::Text,
            MemberKind::List(item) => Holds::List(item()),
            MemberKind::Dictionary => Holds::Dictionary,
            MemberKind::Object(info) => Holds::Contract(info()),
        }
    }
}

impl Holds<'_> {
    /// The data contract the element must hold when it says which (`i:type`).
    fn contract(self) -> Option<(String, &'static str)> {
        match self {
            Holds::Value | Holds::Text => None,
            Holds::List(item) => Some((format!("ArrayOf{}", item.name()), item.namespace())),
            Holds::Dictionary => Some(("ArrayOfKeyValueOfstringstring".to_owned(), ARRAYS_NAMESPACE)),
            Holds::Contract(info) => Some((info.name().to_owned(), info.namespace())),
        }
    }
}

impl<'i> Decoder<'i, '_> {
    /// Reads `element`, which holds `holds` and has annotations, with `read` (which reads
    /// such an element, from this decoder or from one reading a kept element again).
    pub(super) fn annotated(
        &mut self,
        element: &Element<'i>,
        holds: Holds<'_>,
        read: impl for<'x, 'y> FnOnce(&mut Decoder<'x, 'y>, &Element<'x>) -> Result<()>,
    ) -> Result<()> {
        let annotations = element.annotations.as_deref().cloned().unwrap_or_default();
        let is_reference = !matches!(holds, Holds::Value);
        if let (Some(type_name), Some((name, namespace))) = (&annotations.type_name, holds.contract()) {
            if type_name.local != name || type_name.namespace.as_deref() != Some(namespace) {
                let message = format!(
                    "the element holds the data contract '{}' (i:type=\"{}\"), not '{namespace}:{name}': .NET knows \
                     no type that maps to it and fails",
                    match &type_name.namespace {
                        Some(ns) => format!("{ns}:{}", type_name.local),
                        None => type_name.written.clone(),
                    },
                    type_name.written,
                );
                self.reject(Code::InvalidContent, element.offset, message)?;
                return self.skip();
            }
        }
        if !is_reference {
            return read(self, element);
        }
        if let Some(id) = &annotations.reference {
            // .NET reads the value the id names and passes over what the element holds.
            self.skip()?;
            return self.reread(id, element.offset, read);
        }
        read(self, element)?;
        if let Some(id) = &annotations.id {
            self.keep(id, element.offset)?;
        }
        Ok(())
    }

    /// Keeps the element just read, from `offset`, under `id`.
    fn keep(&mut self, id: &str, offset: usize) -> Result<()> {
        if self.ids.targets.contains_key(id) {
            let message = format!(
                "the id '{id}' (z:Id) is given twice: .NET fails (multiple objects cannot be read with one id)"
            );
            return self.reject(Code::InvalidContent, offset, message);
        }
        let bytes = self.r.read_since(offset);
        self.ids.kept += bytes.len();
        if self.ids.kept > self.max_document_bytes {
            return Err(self.over_limit(offset, "kept for object references (z:Id)"));
        }
        let text: Arc<str> = String::from_utf8_lossy(bytes).into();
        let target = Target { text, position: self.r.position(offset), scope: Arc::new(self.r.scope()) };
        self.ids.targets.insert(id.to_owned(), target);
        Ok(())
    }

    /// Reads the element kept under `id` again with `read`, for the reference at `offset`.
    fn reread(
        &mut self,
        id: &str,
        offset: usize,
        read: impl for<'x, 'y> FnOnce(&mut Decoder<'x, 'y>, &Element<'x>) -> Result<()>,
    ) -> Result<()> {
        let Some(target) = self.ids.targets.get(id) else {
            let message = format!(
                "the reference '{id}' (z:Ref) names no element read before it: .NET fails (the object with that id \
                 is not found in the stream)"
            );
            return self.reject(Code::InvalidContent, offset, message);
        };
        let (text, position, scope) = (Arc::clone(&target.text), target.position, Arc::clone(&target.scope));
        self.ids.reread += text.len();
        if self.ids.reread > self.max_document_bytes {
            return Err(self.over_limit(offset, "read again for object references (z:Ref)"));
        }
        let mut reader = XmlReader::fragment_in(&text, position, scope);
        let element = reader.root()?;
        let mut decoder = Decoder::new(reader, self.path.clone(), &self.options, None);
        decoder.items = self.items;
        decoder.ids = std::mem::take(&mut self.ids);
        let result = read(&mut decoder, &element);
        self.ids = std::mem::take(&mut decoder.ids);
        self.items = decoder.items;
        result
    }

    fn over_limit(&self, offset: usize, what: &str) -> Error {
        self.r.error_at(
            Category::Limit,
            offset,
            format!("more bytes are {what} than the limit of {} bytes (max_document_bytes)", self.max_document_bytes),
        )
    }
}

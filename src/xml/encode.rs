//! Contracts to XML: walks a value's descriptor and drives the DataContract writer.

use super::XmlOptions;
use crate::contract::{Contract, FieldRef, Object, ARRAYS_NAMESPACE};
use crate::dcxml::writer::XmlWriter;
use crate::dcxml::{Dialect, DECLARATION, XSI_NAMESPACE};
use crate::error::{Category, Error, MemberPath, Result, Segment};

pub(super) fn encode<T: Contract>(value: &T, options: &XmlOptions, out: Vec<u8>) -> Result<Vec<u8>> {
    let mut encoder = Encoder { w: XmlWriter::with_buffer(options.dialect, out), path: MemberPath::new() };
    if options.declaration {
        encoder.w.raw(DECLARATION);
    }
    encoder.root(value)?;
    Ok(encoder.w.into_inner())
}

struct Encoder<'n> {
    w: XmlWriter<'n>,
    path: MemberPath,
}

impl Encoder<'static> {
    fn root(&mut self, value: &dyn Object) -> Result<()> {
        let info = value.contract();
        self.w.start_element(info.name(), info.namespace());
        self.w.declare_prefix("i", XSI_NAMESPACE);
        self.members(value)?;
        self.w.end_element();
        Ok(())
    }

    fn members(&mut self, value: &dyn Object) -> Result<()> {
        for member in value.contract().wire_members() {
            self.path.push(Segment::Member(member.name()));
            self.w.start_element(member.name(), member.namespace());
            // DataContractSerializer declares the namespace of a member's type on the
            // member's element when it differs from the declaring contract's.
            if let Some(ns) = member.kind().type_namespace() {
                if ns != member.namespace() {
                    self.w.declare_namespace(ns);
                }
            }
            match value.field(member.slot()) {
                FieldRef::String(None) | FieldRef::List(None) | FieldRef::Dictionary(None) | FieldRef::Object(None) => {
                    self.w.nil()
                }
                FieldRef::String(Some(s)) => self.text(s)?,
                FieldRef::Bool(b) => self.text(if b { "true" } else { "false" })?,
                FieldRef::Enum(e) => self.text(e.name())?,
                FieldRef::List(Some(list)) => {
                    for index in 0..list.len() {
                        let item = list.item(index);
                        let info = item.contract();
                        self.path.push(Segment::Index(index));
                        self.w.start_element(info.name(), info.namespace());
                        self.members(item)?;
                        self.w.end_element();
                        self.path.pop();
                    }
                }
                FieldRef::Dictionary(Some(dictionary)) => {
                    for (key, value) in dictionary.iter() {
                        self.path.push(Segment::Key(key.to_owned()));
                        self.w.start_element("KeyValueOfstringstring", ARRAYS_NAMESPACE);
                        self.w.start_element("Key", ARRAYS_NAMESPACE);
                        self.text(key)?;
                        self.w.end_element();
                        self.w.start_element("Value", ARRAYS_NAMESPACE);
                        match value {
                            Some(v) => self.text(v)?,
                            None => self.w.nil(),
                        }
                        self.w.end_element();
                        self.w.end_element();
                        self.path.pop();
                    }
                }
                FieldRef::Object(Some(object)) => self.members(object)?,
            }
            self.w.end_element();
            self.path.pop();
        }
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<()> {
        self.w.text(text).map_err(|u| {
            let why = match self.w.dialect() {
                Dialect::ServiceStack => "XML 1.0 cannot carry it and ServiceStack's reader rejects a reference to it",
                Dialect::Wcf => "XML cannot carry it",
            };
            Error::new(
                Category::Unencodable,
                format!("the character U+{:04X} at byte {} cannot be written: {why}", u.ch as u32, u.offset),
            )
            .with_path(&self.path)
        })
    }
}

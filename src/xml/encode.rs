//! Contracts to XML: walks a value's descriptor and drives the DataContract writer.

use super::XmlOptions;
use crate::contract::{Contract, ContractInfo, EnumInfo, FieldRef, MemberRef, Object, ARRAYS_NAMESPACE};
use crate::dcxml::writer::XmlWriter;
use crate::dcxml::{Dialect, DECLARATION, XSI_NAMESPACE};
use crate::error::{Category, Error, Result, Segment};

pub(super) fn encode<T: Contract>(value: &T, options: &XmlOptions, out: Vec<u8>) -> Result<Vec<u8>> {
    let mut encoder = Encoder::new(options, out);
    encoder.open_root(value.contract());
    encoder.members(value)?;
    encoder.close_root();
    Ok(encoder.w.into_inner())
}

/// Walks values and drives the writer; the pieces are public to the module so that the
/// streaming writer can write a document one list item at a time.
pub(super) struct Encoder<'n> {
    w: XmlWriter<'n>,
}

impl Encoder<'static> {
    pub(super) fn new(options: &XmlOptions, out: Vec<u8>) -> Self {
        let mut w = XmlWriter::with_buffer(options.dialect, out);
        if options.declaration {
            w.raw(DECLARATION);
        }
        Encoder { w }
    }

    pub(super) fn open_root(&mut self, info: &'static ContractInfo) {
        self.w.start_element(info.name(), info.namespace());
        self.w.declare_prefix("i", XSI_NAMESPACE);
    }

    pub(super) fn close_root(&mut self) {
        self.w.end_element();
    }

    /// Opens a member's element, with the namespace declaration .NET puts there.
    pub(super) fn open_member(&mut self, member: &MemberRef) {
        self.w.start_element(member.name(), member.namespace());
        // DataContractSerializer declares the namespace of a member's type on the member's
        // element when it differs from the declaring contract's.
        if let Some(ns) = member.kind().type_namespace() {
            if ns != member.namespace() {
                self.w.declare_namespace(ns);
            }
        }
    }

    pub(super) fn close_member(&mut self) {
        self.w.end_element();
    }

    /// Writes one list item, the `index`-th.
    pub(super) fn item(&mut self, item: &dyn Object, index: usize) -> Result<()> {
        let info = item.contract();
        self.w.start_element(info.name(), info.namespace());
        // The member path is built only for an error, on its way out.
        self.members(item).map_err(|e| e.prepend(Segment::Index(index)))?;
        self.w.end_element();
        Ok(())
    }

    pub(super) fn take_buffer(&mut self) -> Vec<u8> {
        self.w.take_buffer()
    }

    /// Hands back an emptied buffer for reuse.
    pub(super) fn give_buffer(&mut self, mut buffer: Vec<u8>) {
        buffer.clear();
        self.w.set_buffer(buffer);
    }

    fn members(&mut self, value: &dyn Object) -> Result<()> {
        for member in value.contract().wire_members() {
            self.open_member(member);
            self.member_value(value, member).map_err(|e| e.prepend(Segment::Member(member.name())))?;
            self.close_member();
        }
        Ok(())
    }

    fn member_value(&mut self, value: &dyn Object, member: &MemberRef) -> Result<()> {
        match value.field(member.slot()) {
            FieldRef::String(None) | FieldRef::List(None) | FieldRef::Dictionary(None) | FieldRef::Object(None) => {
                self.w.nil()
            }
            FieldRef::String(Some(s)) => self.text(s)?,
            FieldRef::Bool(b) => self.text(if b { "true" } else { "false" })?,
            FieldRef::Enum(e) if !e.is_known() && !EnumInfo::is_possible_name(e.name()) => {
                // .NET's DataContractSerializer refuses to write a value no member has.
                return Err(Error::new(
                    Category::Unencodable,
                    format!(
                        "the {} value '{}' is not a member name: DataContract XML writes enums by name",
                        e.enum_info().name(),
                        e.name()
                    ),
                ));
            }
            FieldRef::Enum(e) => self.text(e.name())?,
            FieldRef::List(Some(list)) => {
                for index in 0..list.len() {
                    self.item(list.item(index), index)?;
                }
            }
            FieldRef::Dictionary(Some(dictionary)) => {
                for (key, value) in dictionary.iter() {
                    self.entry(key, value).map_err(|e| e.prepend(Segment::Key(key.to_owned())))?;
                }
            }
            FieldRef::Object(Some(object)) => self.members(object)?,
        }
        Ok(())
    }

    fn entry(&mut self, key: &str, value: Option<&str>) -> Result<()> {
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
        })
    }
}

//! Contracts to XML: copies the tags of the contract's [plan](super::plan) and escapes the
//! values in between.
//!
//! The general writer ([`XmlWriter`](crate::dcxml::writer::XmlWriter)) looks up a prefix,
//! decides on declarations and tracks open elements for every element; profiles showed that
//! per-element work, not escaping, bounded encoding. Here each element is one or two copies
//! of bytes the writer itself worked out once per position.

use super::plan::{self, ElementPlan, MemberPlan};
use super::XmlOptions;
use crate::contract::{Contract, EnumInfo, FieldRef, Object};
use crate::dcxml::escape::escape_text;
use crate::dcxml::{Dialect, DECLARATION};
use crate::error::{Category, Error, Result, Segment};
use crate::Dictionary;

pub(super) fn encode<T: Contract>(value: &T, options: &XmlOptions, out: Vec<u8>) -> Result<Vec<u8>> {
    let plan = plan::root(value.contract(), options.dialect);
    let mut encoder = Encoder::new(options, out);
    encoder.element(plan, value)?;
    Ok(encoder.out)
}

/// Writes values by their plans; the pieces are public to the module so that the
/// streaming writer can write a document one list item at a time.
pub(super) struct Encoder {
    out: Vec<u8>,
    dialect: Dialect,
}

impl Encoder {
    /// An encoder appending to `out`, the XML declaration written if `options` ask for it.
    pub(super) fn new(options: &XmlOptions, mut out: Vec<u8>) -> Self {
        if options.declaration {
            out.extend_from_slice(DECLARATION.as_bytes());
        }
        Encoder { out, dialect: options.dialect }
    }

    /// Appends bytes of a plan as they are.
    pub(super) fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// Writes `value` as the element `plan` describes: a document's root or a list item.
    pub(super) fn element(&mut self, plan: &ElementPlan, value: &dyn Object) -> Result<()> {
        if plan.members.is_empty() {
            self.out.extend_from_slice(&plan.forms.empty);
            return Ok(());
        }
        self.out.extend_from_slice(&plan.forms.open);
        self.members(&plan.members, value)?;
        self.out.extend_from_slice(&plan.forms.close);
        Ok(())
    }

    pub(super) fn take_buffer(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }

    /// Hands back an emptied buffer for reuse.
    pub(super) fn give_buffer(&mut self, mut buffer: Vec<u8>) {
        buffer.clear();
        self.out = buffer;
    }

    fn members(&mut self, members: &[MemberPlan], value: &dyn Object) -> Result<()> {
        for member in members {
            // The member path is built only for an error, on its way out.
            self.member(member, value).map_err(|e| e.prepend(Segment::Member(member.name)))?;
        }
        Ok(())
    }

    fn member(&mut self, member: &MemberPlan, value: &dyn Object) -> Result<()> {
        let forms = &member.forms;
        match value.field(member.slot) {
            FieldRef::String(None) | FieldRef::List(None) | FieldRef::Dictionary(None) | FieldRef::Object(None) => {
                self.out.extend_from_slice(&forms.nil)
            }
            FieldRef::String(Some(s)) => self.text(member, s)?,
            FieldRef::Bool(b) => self.out.extend_from_slice(&member.bools[usize::from(b)]),
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
            FieldRef::Enum(e) => self.text(member, e.name())?,
            FieldRef::List(Some(list)) => match member.items() {
                Some(items) if !list.is_empty() => {
                    self.out.extend_from_slice(&forms.open);
                    for index in 0..list.len() {
                        self.element(items, list.item(index)).map_err(|e| e.prepend(Segment::Index(index)))?;
                    }
                    self.out.extend_from_slice(&forms.close);
                }
                _ => self.out.extend_from_slice(&forms.empty),
            },
            FieldRef::Dictionary(Some(dictionary)) => self.dictionary(member, dictionary)?,
            FieldRef::Object(Some(object)) => match member.object() {
                Some(members) if !members.is_empty() => {
                    self.out.extend_from_slice(&forms.open);
                    self.members(members, object)?;
                    self.out.extend_from_slice(&forms.close);
                }
                _ => self.out.extend_from_slice(&forms.empty),
            },
        }
        Ok(())
    }

    fn dictionary(&mut self, member: &MemberPlan, dictionary: &Dictionary) -> Result<()> {
        let (Some(plan), false) = (member.entries(), dictionary.is_empty()) else {
            self.out.extend_from_slice(&member.forms.empty);
            return Ok(());
        };
        self.out.extend_from_slice(&member.forms.open);
        for (key, value) in dictionary.iter() {
            let entry = |this: &mut Self| -> Result<()> {
                this.out.extend_from_slice(&plan.entry.open);
                this.text_in(&plan.key, key)?;
                match value {
                    Some(v) => this.text_in(&plan.value, v)?,
                    None => this.out.extend_from_slice(&plan.value.nil),
                }
                this.out.extend_from_slice(&plan.entry.close);
                Ok(())
            };
            entry(self).map_err(|e| e.prepend(Segment::Key(key.to_owned())))?;
        }
        self.out.extend_from_slice(&member.forms.close);
        Ok(())
    }

    fn text(&mut self, member: &MemberPlan, text: &str) -> Result<()> {
        self.text_in(&member.forms, text)
    }

    /// An element holding `text`, escaped in one pass (eight bytes at a time).
    fn text_in(&mut self, forms: &crate::dcxml::template::ElementForms, text: &str) -> Result<()> {
        if text.is_empty() {
            self.out.extend_from_slice(&forms.empty_text);
            return Ok(());
        }
        self.out.reserve(forms.open.len() + text.len() + forms.close.len());
        self.out.extend_from_slice(&forms.open);
        escape_text(&mut self.out, text, self.dialect).map_err(|u| {
            let why = match self.dialect {
                Dialect::ServiceStack => "XML 1.0 cannot carry it and ServiceStack's reader rejects a reference to it",
                Dialect::Wcf => "XML cannot carry it",
            };
            Error::new(
                Category::Unencodable,
                format!("the character U+{:04X} at byte {} cannot be written: {why}", u.ch as u32, u.offset),
            )
        })?;
        self.out.extend_from_slice(&forms.close);
        Ok(())
    }
}

//! Contracts to XML: copies the tags of the contract's [plan] and escapes the
//! values in between.
//!
//! The general writer ([`XmlWriter`](crate::dcxml::writer::XmlWriter)) looks up a prefix,
//! decides on declarations and tracks open elements for every element; profiles showed that
//! per-element work, not escaping, bounded encoding. Here each element is one or two copies
//! of bytes the writer itself worked out once per position.

use super::plan::{self, ElementPlan, EntryPlan, MemberPlan};
use super::XmlOptions;
use crate::contract::{Contract, EnumInfo, FieldRef, Object};
use crate::dcxml::escape::escape_text;
use crate::dcxml::template::ElementForms;
use crate::dcxml::{Dialect, DECLARATION};
use crate::error::{Category, Error, Result, Segment};
use crate::piece::Piece;
use crate::Dictionary;
use std::sync::atomic::Ordering;

pub(super) fn encode<T: Contract>(value: &T, options: &XmlOptions, mut out: Vec<u8>) -> Result<Vec<u8>> {
    let plan = plan::root(value.contract(), options.dialect);
    // Hand-tuned: reserving once, from the last document of the same root, with an eighth
    // more for a larger one, spares the buffer's doublings, each a `realloc` copying
    // everything written so far (8% of the instructions of a 5 MB document).
    let start = out.len();
    let hint = plan.last_size.load(Ordering::Relaxed);
    out.reserve(hint + hint / 8 + 256);
    let mut encoder = Encoder::new(options, out);
    encoder.element(plan, value)?;
    let mut out = encoder.out;
    plan.last_size.store(out.len() - start, Ordering::Relaxed);
    // A document much smaller than the last one does not keep the room reserved for that.
    if out.capacity() > 2 * out.len() + 4096 {
        out.shrink_to_fit();
    }
    Ok(out)
}

/// Writes values by their plans; the pieces are public to the module so that the
/// streaming writer can write a document one list item at a time.
pub(super) struct Encoder {
    out: Vec<u8>,
    dialect: Dialect,
    /// The allocation of the stack of member values (see [`Encoder::members`]), kept
    /// between documents and list items.
    spare: Vec<FieldRef<'static>>,
}

/// `fields`, emptied, as a vector of references of another lifetime. Collecting an emptied
/// vector's iterator into a vector of an element type of the same layout reuses its
/// allocation, so that the stack of member values is not allocated for every list item.
fn recycle<'b>(mut fields: Vec<FieldRef<'_>>) -> Vec<FieldRef<'b>> {
    fields.clear();
    fields.into_iter().map(|_| FieldRef::Bool(false)).collect()
}

impl Encoder {
    /// An encoder appending to `out`, the XML declaration written if `options` ask for it.
    pub(super) fn new(options: &XmlOptions, mut out: Vec<u8>) -> Self {
        if options.declaration {
            out.extend_from_slice(DECLARATION.as_bytes());
        }
        Encoder { out, dialect: options.dialect, spare: Vec::new() }
    }

    /// Appends a piece of a plan as it is.
    pub(super) fn raw(&mut self, piece: &Piece) {
        piece.append_to(&mut self.out);
    }

    /// Writes `value` as the element `plan` describes: a document's root or a list item.
    pub(super) fn element(&mut self, plan: &ElementPlan, value: &dyn Object) -> Result<()> {
        let mut stack = recycle(std::mem::take(&mut self.spare));
        let result = self.element_on(plan, value, &mut stack);
        self.spare = recycle(stack);
        result
    }

    fn element_on<'a>(
        &mut self,
        plan: &ElementPlan,
        value: &'a dyn Object,
        stack: &mut Vec<FieldRef<'a>>,
    ) -> Result<()> {
        if plan.members.is_empty() {
            plan.forms.empty.append_to(&mut self.out);
            return Ok(());
        }
        plan.forms.open.append_to(&mut self.out);
        self.members(&plan.members, value, stack)?;
        plan.forms.close.append_to(&mut self.out);
        Ok(())
    }

    /// How many bytes the buffer holds.
    pub(super) fn len(&self) -> usize {
        self.out.len()
    }

    /// Drops what was written after the buffer held `len` bytes.
    pub(super) fn truncate(&mut self, len: usize) {
        self.out.truncate(len);
    }

    /// Takes the bytes written so far, leaving the buffer empty.
    pub(super) fn take_buffer(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }

    /// Hands back an emptied buffer for reuse.
    pub(super) fn give_buffer(&mut self, mut buffer: Vec<u8>) {
        buffer.clear();
        self.out = buffer;
    }

    /// Writes the members of `value`. Hand-tuned: the values of all its members are read
    /// in one call ([`Object::fields`]) onto `stack`, above those of the values around it,
    /// rather than by one call through a table per member. And a member's end tag is owed
    /// rather than written, then written together with what follows it: the next member's
    /// first piece with the end tag in front ([`MemberPlan::joined`]), one copy for two.
    fn members<'a>(
        &mut self,
        members: &[MemberPlan],
        value: &'a dyn Object,
        stack: &mut Vec<FieldRef<'a>>,
    ) -> Result<()> {
        let base = stack.len();
        value.fields(stack);
        let mut owed = false;
        for member in members {
            let field = stack[base + member.slot];
            // The member path is built only for an error, on its way out.
            owed = self.member(member, field, owed, stack).map_err(|e| e.prepend(Segment::Member(member.name)))?;
        }
        if let (true, Some(last)) = (owed, members.last()) {
            last.forms.close.append_to(&mut self.out);
        }
        stack.truncate(base);
        Ok(())
    }

    /// Writes one member, the end tag of the member before it first if `owed`; returns
    /// whether this member's end tag is owed in turn.
    // Hand-tuned: inlined into the loop over members, so that a member costs no call.
    #[inline(always)]
    fn member<'a>(
        &mut self,
        member: &MemberPlan,
        field: FieldRef<'a>,
        owed: bool,
        stack: &mut Vec<FieldRef<'a>>,
    ) -> Result<bool> {
        let (forms, joined) = (&member.forms, &member.joined);
        // A choice between two pieces, not two paths.
        let out = |this: &mut Self, alone: &Piece, after: &Piece| {
            (if owed { after } else { alone }).append_to(&mut this.out);
        };
        match field {
            FieldRef::String(None) | FieldRef::List(None) | FieldRef::Dictionary(None) | FieldRef::Object(None) => {
                out(self, &forms.nil, &joined.nil);
                Ok(false)
            }
            FieldRef::String(Some(s)) => self.text(member, s, owed),
            FieldRef::Bool(b) => {
                out(self, &member.bools[usize::from(b)], &joined.bools[usize::from(b)]);
                Ok(false)
            }
            // Hand-tuned: a declared member's name is an identifier, which needs no escaping;
            // it is copied without being checked (one value in seven is an enum's).
            FieldRef::Enum(e) if e.is_known() => {
                let name = e.name();
                if name.is_empty() {
                    return self.text(member, name, owed);
                }
                (if owed { &joined.open } else { &forms.open }).append_to(&mut self.out);
                crate::swar::copy_if_clean(&mut self.out, name.as_bytes(), b'a', |_| 0);
                Ok(true)
            }
            FieldRef::Enum(e) if !EnumInfo::is_possible_name(e.name()) => {
                // .NET's DataContractSerializer refuses to write a value no member has.
                Err(Error::new(
                    Category::Unencodable,
                    format!(
                        "the {} value '{}' is not a member name: DataContract XML writes enums by name",
                        e.enum_info().name(),
                        e.name()
                    ),
                ))
            }
            FieldRef::Enum(e) => self.text(member, e.name(), owed),
            FieldRef::List(Some(list)) => match member.items() {
                Some(items) if !list.is_empty() => {
                    out(self, &forms.open, &joined.open);
                    for index in 0..list.len() {
                        self.element_on(items, list.item(index), stack)
                            .map_err(|e| e.prepend(Segment::Index(index)))?;
                    }
                    Ok(true)
                }
                _ => {
                    out(self, &forms.empty, &joined.empty);
                    Ok(false)
                }
            },
            FieldRef::Dictionary(Some(dictionary)) => match (member.entries(), dictionary.is_empty()) {
                (Some(plan), false) => {
                    out(self, &forms.open, &joined.open);
                    self.dictionary(plan, dictionary)?;
                    Ok(true)
                }
                _ => {
                    out(self, &forms.empty, &joined.empty);
                    Ok(false)
                }
            },
            FieldRef::Object(Some(object)) => match member.object() {
                Some(members) if !members.is_empty() => {
                    out(self, &forms.open, &joined.open);
                    self.members(members, object, stack)?;
                    Ok(true)
                }
                _ => {
                    out(self, &forms.empty, &joined.empty);
                    Ok(false)
                }
            },
        }
    }

    /// The entries of a dictionary, inside its member's element.
    fn dictionary(&mut self, plan: &EntryPlan, dictionary: &Dictionary) -> Result<()> {
        for (key, value) in dictionary.iter() {
            let entry = |this: &mut Self| -> Result<()> {
                plan.entry.open.append_to(&mut this.out);
                this.text_in(&plan.key, key)?;
                match value {
                    Some(v) => this.text_in(&plan.value, v)?,
                    None => plan.value.nil.append_to(&mut this.out),
                }
                plan.entry.close.append_to(&mut this.out);
                Ok(())
            };
            entry(self).map_err(|e| e.prepend(Segment::Key(key.to_owned())))?;
        }
        Ok(())
    }

    /// A member holding `text`, the end tag before it first if `owed`; its own end tag is
    /// then owed unless the text is empty.
    // Hand-tuned: inlined into `member`, a member holding text (seven in ten) costs no call,
    // and the value's size classes are told apart by branches of their own per call site.
    #[inline(always)]
    fn text(&mut self, member: &MemberPlan, text: &str, owed: bool) -> Result<bool> {
        let (forms, joined) = (&member.forms, &member.joined);
        if text.is_empty() {
            (if owed { &joined.empty_text } else { &forms.empty_text }).append_to(&mut self.out);
            return Ok(false);
        }
        (if owed { &joined.open } else { &forms.open }).append_to(&mut self.out);
        self.escape(text)?;
        Ok(true)
    }

    /// An element holding `text` (a dictionary's key or value), whole.
    fn text_in(&mut self, forms: &ElementForms, text: &str) -> Result<()> {
        if text.is_empty() {
            forms.empty_text.append_to(&mut self.out);
            return Ok(());
        }
        forms.open.append_to(&mut self.out);
        self.escape(text)?;
        forms.close.append_to(&mut self.out);
        Ok(())
    }

    /// Appends `text` escaped.
    #[inline(always)]
    fn escape(&mut self, text: &str) -> Result<()> {
        match escape_text(&mut self.out, text, self.dialect) {
            Ok(()) => Ok(()),
            Err(u) => Err(self.unencodable(u)),
        }
    }

    /// The error for a character the dialect cannot carry; out of line, as it is rare.
    #[cold]
    #[inline(never)]
    fn unencodable(&self, u: crate::dcxml::escape::Unencodable) -> Error {
        let why = match self.dialect {
            Dialect::ServiceStack => "XML 1.0 cannot carry it and ServiceStack's reader rejects a reference to it",
            Dialect::Wcf => "XML cannot carry it",
        };
        Error::new(
            Category::Unencodable,
            format!("the character U+{:04X} at byte {} cannot be written: {why}", u.ch as u32, u.offset),
        )
    }
}

//! XML to contracts: walks the descriptor of the value being filled in and pulls nodes
//! from the DataContract reader.

use super::ReadOptions;
use crate::contract::{Contract, EnumInfo, FieldMut, MemberKind, MemberRef, Object, ARRAYS_NAMESPACE};
use crate::dcxml::reader::{decode_utf8, parse_xml_bool, Child, Element, XmlReader};
use crate::error::{Category, Error, MemberPath, Result, Segment};
use crate::Dictionary;

pub(super) fn decode<T: Contract>(bytes: &[u8], options: &ReadOptions) -> Result<T> {
    let (text, skipped) = decode_utf8(bytes)?;
    let mut decoder = Decoder { r: XmlReader::new(text, skipped), path: MemberPath::new() };
    decoder.r.set_max_depth(options.max_depth);
    let root = decoder.r.root()?;
    let info = T::info();
    if !root.is(info.name(), info.namespace()) {
        return Err(decoder.r.error_at(
            Category::Data,
            root.offset,
            format!(
                "expecting element '{}' from namespace '{}', found element '{}' from namespace '{}'",
                info.name(),
                info.namespace(),
                root.local,
                root.namespace.as_deref().unwrap_or("")
            ),
        ));
    }
    if root.nil {
        return Err(decoder.r.error_at(Category::Data, root.offset, "the root element is nil"));
    }
    let mut value = T::default();
    decoder.object(&mut value)?;
    decoder.r.finish()?;
    Ok(value)
}

pub(super) fn root_name(bytes: &[u8]) -> Result<super::RootName> {
    let (text, skipped) = decode_utf8(bytes)?;
    let mut reader = XmlReader::new(text, skipped);
    let root = reader.root()?;
    Ok(super::RootName {
        local: root.local.to_owned(),
        namespace: root.namespace.map(|ns| ns.into_owned()),
        position: reader.position(root.offset),
    })
}

struct Decoder<'i> {
    r: XmlReader<'i>,
    path: MemberPath,
}

/// Which members an object has seen, to keep the first of a repeated member as .NET does.
/// Members past the 128th are not tracked (no contract comes near that).
#[derive(Default)]
struct Seen(u128);

impl Seen {
    fn insert(&mut self, index: usize) -> bool {
        if index >= 128 {
            return true;
        }
        let bit = 1u128 << index;
        let new = self.0 & bit == 0;
        self.0 |= bit;
        new
    }
}

impl<'i> Decoder<'i> {
    fn object(&mut self, value: &mut dyn Object) -> Result<()> {
        let wire = value.contract().wire_members();
        let mut seen = Seen::default();
        let mut next = 0;
        loop {
            let element = match self.r.next_child().map_err(|e| self.locate(e))? {
                Child::End => return Ok(()),
                Child::Element(element) => element,
            };
            let index = if next < wire.len() && is_member(&element, &wire[next]) {
                Some(next)
            } else {
                wire.iter().position(|m| is_member(&element, m))
            };
            match index {
                Some(index) if seen.insert(index) => {
                    let member = wire[index];
                    next = index + 1;
                    self.path.push(Segment::Member(member.name()));
                    self.member(value.field_mut(member.slot()), &element, member).map_err(|e| self.locate(e))?;
                    self.path.pop();
                }
                _ => self.r.skip().map_err(|e| self.locate(e))?,
            }
        }
    }

    fn member(&mut self, field: FieldMut<'_>, element: &Element<'i>, member: MemberRef) -> Result<()> {
        match field {
            FieldMut::String(slot) => {
                if element.nil {
                    *slot = None;
                    self.r.skip()?;
                } else {
                    *slot = Some(self.r.read_text()?.into_owned());
                }
            }
            FieldMut::Bool(slot) => {
                self.not_nil(element, "System.Boolean")?;
                let text = self.r.read_text()?;
                *slot = parse_xml_bool(&text).ok_or_else(|| {
                    self.r.error_at(
                        Category::Data,
                        element.offset,
                        format!("invalid boolean '{text}': expected true, false, 1 or 0"),
                    )
                })?;
            }
            FieldMut::Enum(slot) => {
                let info = slot.enum_info();
                self.not_nil(element, info.name())?;
                let text = self.r.read_text()?;
                if !EnumInfo::is_valid_name(&text) {
                    return Err(self.r.error_at(
                        Category::Data,
                        element.offset,
                        format!("invalid enum value '{text}' for {}: not a member name", info.name()),
                    ));
                }
                slot.set_name(&text);
            }
            FieldMut::List(slot) => {
                if element.nil {
                    slot.set_null();
                    return self.r.skip();
                }
                slot.set_empty();
                let MemberKind::List(item) = member.kind() else {
                    return Err(Error::new(Category::Data, "internal: list member without a list kind"));
                };
                let item = item();
                let mut index = 0;
                loop {
                    match self.r.next_child()? {
                        Child::End => return Ok(()),
                        Child::Element(child) if child.is(item.name(), item.namespace()) => {
                            self.path.push(Segment::Index(index));
                            if child.nil {
                                return Err(self.r.error_at(
                                    Category::Data,
                                    child.offset,
                                    "a null list item cannot be represented (lists hold values, not nulls)",
                                ));
                            }
                            self.object(slot.push_default())?;
                            self.path.pop();
                            index += 1;
                        }
                        Child::Element(_) => self.r.skip()?,
                    }
                }
            }
            FieldMut::Dictionary(slot) => {
                if element.nil {
                    *slot = None;
                    return self.r.skip();
                }
                let dictionary = slot.insert(Dictionary::new());
                loop {
                    match self.r.next_child()? {
                        Child::End => return Ok(()),
                        Child::Element(child) if child.is("KeyValueOfstringstring", ARRAYS_NAMESPACE) => {
                            self.entry(dictionary, &child)?;
                        }
                        Child::Element(_) => self.r.skip()?,
                    }
                }
            }
            FieldMut::Object(slot) => {
                if element.nil {
                    slot.set_null();
                    return self.r.skip();
                }
                self.object(slot.get_or_default())?;
            }
        }
        Ok(())
    }

    fn entry(&mut self, dictionary: &mut Dictionary, element: &Element<'i>) -> Result<()> {
        let mut key: Option<String> = None;
        let mut value: Option<Option<String>> = None;
        loop {
            match self.r.next_child()? {
                Child::End => break,
                Child::Element(child) if key.is_none() && child.is("Key", ARRAYS_NAMESPACE) => {
                    if child.nil {
                        return Err(self.r.error_at(Category::Data, child.offset, "a dictionary key cannot be null"));
                    }
                    key = Some(self.r.read_text()?.into_owned());
                }
                Child::Element(child) if value.is_none() && child.is("Value", ARRAYS_NAMESPACE) => {
                    if child.nil {
                        self.r.skip()?;
                        value = Some(None);
                    } else {
                        value = Some(Some(self.r.read_text()?.into_owned()));
                    }
                }
                Child::Element(_) => self.r.skip()?,
            }
        }
        let Some(key) = key else {
            return Err(self.r.error_at(Category::Data, element.offset, "a dictionary entry has no Key"));
        };
        if dictionary.contains_key(&key) {
            self.path.push(Segment::Key(key.clone()));
            return Err(self.r.error_at(
                Category::Data,
                element.offset,
                format!("the key '{key}' appears twice (.NET fails: an item with the same key has already been added)"),
            ));
        }
        dictionary.insert(key, value.flatten());
        Ok(())
    }

    fn not_nil(&self, element: &Element<'i>, type_name: &str) -> Result<()> {
        if element.nil {
            return Err(self.r.error_at(
                Category::Data,
                element.offset,
                format!("null is not a valid {type_name}: the value type cannot be null"),
            ));
        }
        Ok(())
    }

    /// Gives an error the path of the innermost member being read, unless it has one.
    fn locate(&self, error: Error) -> Error {
        if error.path().is_root() && !self.path.is_root() {
            error.with_path(&self.path)
        } else {
            error
        }
    }
}

fn is_member(element: &Element<'_>, member: &MemberRef) -> bool {
    element.is(member.name(), member.namespace())
}

//! Reading a JSON document as the decoder reads it, while reporting every problem in it:
//! what validation runs, and what places a decoding error at the value it is about.
//!
//! serde_json reads a document in one pass and cannot go on after a value it could not
//! read, nor say where a value starts. So the document is first checked whole (its
//! syntax, trailing characters) into serde_json's raw values, which borrow their bytes
//! from the document and so know their offsets; then each object is walked entry by
//! entry, and each member's value is read by the decoder's own member readers
//! ([`Member`]) on that value's bytes. A value the readers refuse is reported where it
//! starts, and reading goes on with the next member; only a syntax error or a limit stops
//! it. Every rule of what is accepted stays in `de.rs`: this module only walks and
//! reports.

use super::de::{find_member, Entries, Item, Member, Walk};
use crate::contract::{FieldMut, ListSlot, MemberKind, Object};
use crate::diagnostic::{Code, Finding};
use crate::error::{Category, Error, Fact, MemberPath, Position, Result, Segment};
use crate::limits::ReadOptions;
use crate::location::Locator;
use crate::Dictionary;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// What the walk needs to report: where the document is, and where findings go.
pub(super) struct Inspector<'d, 's> {
    /// The document after a byte order mark, which every raw value borrows from.
    body: &'d str,
    /// The bytes before `body` (a byte order mark).
    skipped: usize,
    locator: Locator<'d>,
    pub(super) walk: Walk,
    sink: &'s mut dyn FnMut(Finding),
    /// The error that stopped the walk, kept while serde unwinds.
    fatal: Option<Error>,
}

/// The first byte of a raw value, which says what it is.
fn lead(raw: &RawValue) -> u8 {
    raw.get().as_bytes().first().copied().unwrap_or(b'n')
}

impl<'d, 's> Inspector<'d, 's> {
    pub(super) fn new(input: &'d [u8], body: &'d str, options: &ReadOptions, sink: &'s mut dyn FnMut(Finding)) -> Self {
        Inspector {
            body,
            skipped: input.len() - body.len(),
            locator: Locator::new(input),
            walk: Walk::new(options),
            sink,
            fatal: None,
        }
    }

    /// Keeps `error` as the walk's end and gives serde an error to unwind with.
    fn stop<E: serde::de::Error>(&mut self, error: Error) -> E {
        let message = error.message().to_owned();
        self.fatal = Some(error);
        E::custom(message)
    }

    /// The offset in the input where `text`, a slice of the body, starts.
    fn offset_of(&self, text: &str) -> usize {
        self.skipped + (text.as_ptr() as usize - self.body.as_ptr() as usize)
    }

    fn position(&self, offset: usize) -> Position {
        self.locator.locate(offset)
    }

    fn report(&mut self, code: Code, offset: usize, message: String) {
        let finding = Finding::new(code, self.position(offset), MemberPath::clone(&self.walk), message);
        (self.sink)(finding);
    }

    /// A limit stopped reading at `offset`: the error that ends the walk.
    fn limit_error(&self, error: &serde_json::Error, offset: usize) -> Error {
        Error::new(Category::Limit, crate::location::json_error_message(error))
            .with_fact(Fact::TooLarge)
            .at(self.position(offset))
            .with_path(&self.walk)
    }

    /// Reads the document's root, which must be an object, into `value`.
    pub(super) fn root(&mut self, raw: &'d RawValue, value: &mut dyn Object) -> Result<()> {
        if lead(raw) != b'{' {
            let offset = self.offset_of(raw.get());
            let message = format!(
                "the document is {}, not an object: ServiceStack cannot read a {} from it",
                describe(raw),
                value.contract().name()
            );
            return Err(Error::new(Category::Data, message).with_fact(Fact::WrongRoot).at(self.position(offset)));
        }
        self.object(raw, value)
    }

    /// Reads a JSON object into `value`, member by member.
    pub(super) fn object(&mut self, raw: &'d RawValue, value: &mut dyn Object) -> Result<()> {
        let mut de = serde_json::Deserializer::from_str(raw.get());
        let walked = de.deserialize_map(ObjectWalk { inspector: &mut *self, value });
        self.finish(walked)
    }

    /// The outcome of a walk through serde: the fatal error it stopped on, if any.
    fn finish(&mut self, walked: serde_json::Result<()>) -> Result<()> {
        match (walked, self.fatal.take()) {
            (_, Some(error)) => Err(error),
            (Ok(()), None) => Ok(()),
            // The raw value passed serde_json's syntax check, so nothing else can fail.
            (Err(error), None) => Err(Error::new(Category::Syntax, crate::location::json_error_message(&error))),
        }
    }

    /// One property of an object being read into `value`.
    fn property(&mut self, key: &str, raw: &'d RawValue, value: &mut dyn Object, seen: &mut [bool]) -> Result<()> {
        let info = value.contract();
        let members = info.declaration_members();
        let key_offset = self.key_offset(raw);
        let Some(index) = find_member(members, 0, key) else {
            let message =
                format!("'{key}' is not a property of {}: ServiceStack ignores it and its data is lost", info.name());
            self.report(Code::UnknownMember, key_offset, message);
            return Ok(());
        };
        let member = members[index];
        self.walk.push(Segment::Member(member.name()));
        if std::mem::replace(&mut seen[index], true) {
            let message = format!(
                "'{key}' appears again (names match case-insensitively): the last value is kept, as ServiceStack keeps it"
            );
            self.report(Code::RepeatedMember, key_offset, message);
        }
        let read = self.member(raw, value, member.slot(), member.kind());
        self.walk.pop();
        read
    }

    /// Where the property name of the value `raw` starts: back from the value over the
    /// colon to the name's closing quote, then to its opening quote, the first quote not
    /// escaped (a string that passed the syntax check holds no other).
    fn key_offset(&self, raw: &RawValue) -> usize {
        let bytes = self.body.as_bytes();
        let mut at = raw.get().as_ptr() as usize - self.body.as_ptr() as usize;
        while at > 0 && bytes[at - 1] != b'"' {
            at -= 1;
        }
        // `at - 1` is the closing quote; find the opening one.
        let mut i = at.saturating_sub(1);
        while i > 0 {
            i -= 1;
            if bytes[i] == b'"' {
                let backslashes = bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count();
                if backslashes % 2 == 0 {
                    return self.skipped + i;
                }
            }
        }
        self.skipped
    }

    /// Reads one member's value.
    fn member(&mut self, raw: &'d RawValue, value: &mut dyn Object, slot: usize, kind: MemberKind) -> Result<()> {
        let offset = self.offset_of(raw.get());
        match (kind, lead(raw), value.field_mut(slot)) {
            (MemberKind::Object(_), b'{', FieldMut::Object(nested)) => {
                // A repeated member replaces the earlier value rather than merging into it.
                nested.set_null();
                self.object(raw, nested.get_or_default())
            }
            (MemberKind::List(_), b'[', FieldMut::List(list)) => {
                list.set_empty();
                let mut de = serde_json::Deserializer::from_str(raw.get());
                let walked = de.deserialize_seq(ListWalk { inspector: &mut *self, list });
                self.finish(walked)
            }
            (MemberKind::Dictionary, b'{', FieldMut::Dictionary(dictionary)) => {
                let mut de = serde_json::Deserializer::from_str(raw.get());
                let walked = de.deserialize_map(DictionaryWalk {
                    inspector: &mut *self,
                    dictionary: dictionary.insert(Dictionary::new()),
                    entries: Entries::default(),
                });
                self.finish(walked)
            }
            (_, _, field) => self.leaf(raw, field, offset),
        }
    }

    /// One list item: an object, appended to the list. Anything else is read by the
    /// decoder's item reader, for its error.
    fn item(&mut self, raw: &'d RawValue, list: &mut dyn ListSlot) -> Result<()> {
        let offset = self.offset_of(raw.get());
        if lead(raw) == b'{' {
            if let Err(error) = self.walk.count_item::<serde_json::Error>() {
                return Err(self.limit_error(&error, offset));
            }
            return self.object(raw, list.push_default());
        }
        let mut de = serde_json::Deserializer::from_str(raw.get());
        match (Item { slot: list, index: usize::MAX, path: &mut self.walk }).deserialize(&mut de) {
            Ok(()) => Ok(()),
            Err(error) => {
                let code = if lead(raw) == b'n' { Code::InvalidContent } else { Code::WrongType };
                self.refused(&error, raw, code)
            }
        }
    }

    /// A value a reader refused: reported where it starts (and reading goes on), unless a
    /// limit or the syntax stopped the reader (inside a string, for example a lone
    /// surrogate), which ends the walk where the reader stopped.
    fn refused(&mut self, error: &serde_json::Error, raw: &RawValue, code: Code) -> Result<()> {
        let offset = self.offset_of(raw.get());
        if self.walk.limit_hit {
            return Err(self.limit_error(error, offset));
        }
        if error.classify() != serde_json::error::Category::Data {
            let base = self.position(offset);
            let mut stopped =
                Error::new(Category::Syntax, crate::location::json_error_message(error)).with_path(&self.walk);
            if let Some(position) = Position::of_json_error(error, raw.get().as_bytes(), 0) {
                stopped = stopped.at(position.shifted(base));
            }
            return Err(stopped);
        }
        self.report(code, offset, crate::location::json_error_message(error));
        Ok(())
    }

    /// A value read whole by the decoder's member reader.
    fn leaf(&mut self, raw: &'d RawValue, field: FieldMut<'_>, offset: usize) -> Result<()> {
        let null = lead(raw) == b'n';
        let code = match &field {
            FieldMut::Bool(_) => Code::InvalidBoolean,
            FieldMut::Enum(_) if null => Code::NullValueType,
            FieldMut::Enum(_) => Code::InvalidEnum,
            _ => Code::WrongType,
        };
        let is_bool = matches!(field, FieldMut::Bool(_));
        let mut de = serde_json::Deserializer::from_str(raw.get());
        let mut field = field;
        let read = Member { field: reborrow(&mut field), path: &mut self.walk }.deserialize(&mut de);
        match read {
            Ok(()) => {
                if is_bool && null {
                    let message = "null on a bool, which cannot be null: ServiceStack reads it as false (Evo writes \
                                   true or false)";
                    self.report(Code::NullAsFalse, offset, message.into());
                } else if let FieldMut::Enum(e) = &field {
                    if !e.is_known() {
                        let (name, enum_name) = (e.name(), e.enum_info().name());
                        let message = if name.parse::<i64>().is_ok() {
                            format!(
                                "{name} is the number of no member of {enum_name} as these contracts know it: \
                                 ServiceStack keeps the number, DataContract XML cannot carry it (a warning, as Evo \
                                 may have added the member since)"
                            )
                        } else {
                            format!(
                                "'{name}' is not a member of {enum_name} as these contracts know it (a warning, as Evo \
                                 may have added the member since)"
                            )
                        };
                        self.report(Code::UnknownEnumName, offset, message);
                    }
                }
                Ok(())
            }
            Err(error) => self.refused(&error, raw, code),
        }
    }

    /// One dictionary entry, by the decoder's rules: a string or null per key, the last
    /// of a repeated key kept in its place.
    fn entry(&mut self, key: String, raw: &RawValue, dictionary: &mut Dictionary, entries: &mut Entries) -> Result<()> {
        let key_offset = self.key_offset(raw);
        let value_offset = self.offset_of(raw.get());
        let limits = self.walk.count_item::<serde_json::Error>().and_then(|()| self.walk.check_string(&key));
        if let Err(error) = limits {
            return Err(self.limit_error(&error, key_offset));
        }
        self.walk.push(Segment::Key(key.clone()));
        let result = match serde_json::from_str::<Option<String>>(raw.get()) {
            Ok(value) => match value.as_deref().map(|text| self.walk.check_string::<serde_json::Error>(text)) {
                Some(Err(error)) => Err(self.limit_error(&error, value_offset)),
                _ => {
                    if entries.insert(dictionary, key.clone(), value) {
                        let message =
                            format!("the key '{key}' appears again: the last value is kept, in the first one's place");
                        self.report(Code::RepeatedMember, key_offset, message);
                    }
                    Ok(())
                }
            },
            Err(error) => {
                self.report(Code::WrongType, value_offset, crate::location::json_error_message(&error));
                Ok(())
            }
        };
        self.walk.pop();
        result
    }
}

/// Walks an object's properties as serde_json hands them out.
struct ObjectWalk<'i, 'd, 's, 'v> {
    inspector: &'i mut Inspector<'d, 's>,
    value: &'v mut dyn Object,
}

impl<'d> Visitor<'d> for ObjectWalk<'_, 'd, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'d>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let mut seen = vec![false; self.value.contract().declaration_members().len()];
        while let Some(key) = map.next_key::<String>()? {
            let raw: &'d RawValue = map.next_value()?;
            if let Err(error) = self.inspector.property(&key, raw, &mut *self.value, &mut seen) {
                return Err(self.inspector.stop(error));
            }
        }
        Ok(())
    }
}

/// Walks a list's items.
struct ListWalk<'i, 'd, 's, 'v> {
    inspector: &'i mut Inspector<'d, 's>,
    list: &'v mut dyn ListSlot,
}

impl<'d> Visitor<'d> for ListWalk<'_, 'd, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array")
    }
    fn visit_seq<A: SeqAccess<'d>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut index = 0;
        while let Some(raw) = seq.next_element::<&'d RawValue>()? {
            self.inspector.walk.push(Segment::Index(index));
            let read = self.inspector.item(raw, &mut *self.list);
            self.inspector.walk.pop();
            if let Err(error) = read {
                return Err(self.inspector.stop(error));
            }
            index += 1;
        }
        Ok(())
    }
}

/// Walks a dictionary's entries.
struct DictionaryWalk<'i, 'd, 's, 'v> {
    inspector: &'i mut Inspector<'d, 's>,
    dictionary: &'v mut Dictionary,
    entries: Entries,
}

impl<'d> Visitor<'d> for DictionaryWalk<'_, 'd, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'d>>(mut self, mut map: A) -> std::result::Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let raw: &'d RawValue = map.next_value()?;
            if let Err(error) = self.inspector.entry(key, raw, self.dictionary, &mut self.entries) {
                return Err(self.inspector.stop(error));
            }
        }
        Ok(())
    }
}

/// A field borrowed again, for a reader that takes it by value.
fn reborrow<'a>(field: &'a mut FieldMut<'_>) -> FieldMut<'a> {
    match field {
        FieldMut::String(s) => FieldMut::String(s),
        FieldMut::Bool(b) => FieldMut::Bool(b),
        FieldMut::Enum(e) => FieldMut::Enum(&mut **e),
        FieldMut::List(l) => FieldMut::List(&mut **l),
        FieldMut::Dictionary(d) => FieldMut::Dictionary(d),
        FieldMut::Object(o) => FieldMut::Object(&mut **o),
    }
}

/// What a raw value is, for messages.
fn describe(raw: &RawValue) -> String {
    match lead(raw) {
        b'{' => "an object".into(),
        b'[' => "an array".into(),
        b'n' => "null".into(),
        b't' | b'f' => format!("the boolean {}", raw.get()),
        b'"' => format!("the string {}", raw.get()),
        _ => format!("the number {}", raw.get()),
    }
}

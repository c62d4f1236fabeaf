//! The serde data model to contracts: walks the descriptor of the value being filled in,
//! reading what ServiceStack.Text reads.
//!
//! - Member names match in any case (`accountId`, `AccountId`, `ACCOUNTID`); the first
//!   guess is the member declared after the previous one, so a document in declaration
//!   order is matched without a search.
//! - Unknown members are skipped; a repeated member keeps its last value.
//! - `null` is accepted wherever a value may be null; on a `bool` it is `false` (as
//!   ServiceStack reads it), on an enum an error.
//! - Reading a member sets it whole or fails, so decoding into a value that held another
//!   one only has to reset the members the document lacks (see [`MemberSet`]).
//! - Enums: a member name in any case, a number, or a number in a string (as .NET's
//!   `Enum.Parse`); an unknown name that could be a member name is kept.
//!
//! The walkers keep the member path of the value being read; when a visitor fails, the
//! path is left as it was at that point, for the error to report. With the path go the
//! counts the reading limits need (see [`Walk`]).

use crate::contract::{
    reset_all, set_string, Contract, EnumInfo, EnumValue, FieldMut, ListSlot, MemberRef, MemberSet, Object, ObjectSlot,
};
use crate::dictionary::reuse_string;
use crate::error::{MemberPath, Segment};
use crate::limits::ReadOptions;
use crate::Dictionary;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::collections::HashMap;
use std::fmt;
use std::ops::{Deref, DerefMut};

/// Dictionaries longer than this find repeated keys through a hash index.
const INDEX_KEYS_PAST: usize = 16;

/// The member path of the value being read, and what the reading limits count: list
/// items and dictionary entries so far, against [`ReadOptions::max_items`], and each
/// string's length, against [`ReadOptions::max_string_bytes`].
#[derive(Debug)]
pub(crate) struct Walk {
    path: MemberPath,
    items: usize,
    max_items: usize,
    max_string_bytes: usize,
    /// Set when a limit stopped reading (the error serde returns then is a limit error).
    pub(crate) limit_hit: bool,
    /// The strings of the dictionary entries a value held, for the entries read into it.
    spare: Vec<String>,
}

impl Walk {
    /// A walk with `options`' limits.
    pub(crate) fn new(options: &ReadOptions) -> Self {
        Walk {
            path: MemberPath::new(),
            items: 0,
            max_items: options.items_limit(),
            max_string_bytes: options.string_bytes_limit(),
            limit_hit: false,
            spare: Vec::new(),
        }
    }

    /// A walk without limits: serde's own entry points, where the caller's deserializer
    /// decides what to accept.
    fn unlimited() -> Self {
        Walk {
            path: MemberPath::new(),
            items: 0,
            max_items: usize::MAX,
            max_string_bytes: usize::MAX,
            limit_hit: false,
            spare: Vec::new(),
        }
    }

    /// Counts a list item or dictionary entry.
    pub(super) fn count_item<E: de::Error>(&mut self) -> Result<(), E> {
        self.items += 1;
        if self.items > self.max_items {
            self.limit_hit = true;
            return Err(E::custom(format_args!(
                "the document has more list items and dictionary entries than the limit of {} (max_items)",
                self.max_items
            )));
        }
        Ok(())
    }

    /// Checks a string's length.
    pub(super) fn check_string<E: de::Error>(&mut self, text: &str) -> Result<(), E> {
        if text.len() > self.max_string_bytes {
            self.limit_hit = true;
            return Err(E::custom(format_args!(
                "a string is longer than the limit of {} bytes (max_string_bytes)",
                self.max_string_bytes
            )));
        }
        Ok(())
    }
}

impl Deref for Walk {
    type Target = MemberPath;
    fn deref(&self) -> &MemberPath {
        &self.path
    }
}

impl DerefMut for Walk {
    fn deref_mut(&mut self) -> &mut MemberPath {
        &mut self.path
    }
}

/// Deserializes a contract value: what the generated `impl Deserialize` of every contract
/// calls.
pub(crate) fn deserialize<'de, T: Contract, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let mut value = T::default();
    ObjectSeed { value: &mut value, path: &mut Walk::unlimited() }.deserialize(deserializer)?;
    Ok(value)
}

/// Deserializes into an enum value: what the generated `impl Deserialize` of every enum
/// calls.
pub(crate) fn deserialize_enum<'de, D: Deserializer<'de>>(
    slot: &mut dyn EnumValue,
    deserializer: D,
) -> Result<(), D::Error> {
    deserializer.deserialize_any(EnumVisitor { slot })
}

/// Fills in a contract value from a JSON object.
pub(crate) struct ObjectSeed<'a, 'p> {
    pub(crate) value: &'a mut dyn Object,
    pub(crate) path: &'p mut Walk,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object for {}", self.value.contract().name())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let info = self.value.contract();
        let members = info.declaration_members();
        // The members filled in, by slot: the others are reset at the end, for a value
        // that held another one to come out as a default value filled in would.
        let mut filled = MemberSet::default();
        if MemberSet::untracked(info) {
            reset_all(self.value);
        }
        let mut next = 0;
        while let Some(found) = map.next_key_seed(Key { members, next })? {
            match found {
                Some(index) => {
                    next = index + 1;
                    let member = members[index];
                    // Reading a member sets it whole (a `null` bool is `false`) or fails.
                    filled.insert(member.slot());
                    read_member(&mut map, self.value, member, self.path)?;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        filled.reset_others(self.value);
        Ok(())
    }
}

/// Reads the value of `member` into `value`, with the member on the path meanwhile.
pub(super) fn read_member<'de, A: MapAccess<'de>>(
    map: &mut A,
    value: &mut dyn Object,
    member: MemberRef,
    path: &mut Walk,
) -> Result<(), A::Error> {
    path.push(Segment::Member(member.name()));
    map.next_value_seed(Member { field: value.field_mut(member.slot()), path })?;
    path.pop();
    Ok(())
}

/// The index in `members` of the member named `name` in any case, trying `next` first.
pub(crate) fn find_member(members: &[MemberRef], next: usize, name: &str) -> Option<usize> {
    let is_it = |m: &MemberRef| m.name().eq_ignore_ascii_case(name);
    if members.get(next).is_some_and(is_it) {
        return Some(next);
    }
    members.iter().position(is_it)
}

/// A property name, looked up among `members` without being copied.
pub(super) struct Key<'m> {
    pub(super) members: &'m [MemberRef],
    pub(super) next: usize,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<usize>, E> {
        Ok(find_member(self.members, self.next, name))
    }
}

/// One member's value, by the member's kind.
pub(super) struct Member<'a, 'p> {
    pub(super) field: FieldMut<'a>,
    pub(super) path: &'p mut Walk,
}

impl<'de> DeserializeSeed<'de> for Member<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let path = self.path;
        match self.field {
            FieldMut::String(slot) => d.deserialize_option(StringVisitor(slot, path)),
            FieldMut::Bool(slot) => d.deserialize_option(BoolVisitor(slot)),
            FieldMut::Enum(slot) => d.deserialize_any(EnumVisitor { slot }),
            FieldMut::List(slot) => d.deserialize_option(ListVisitor { slot, path }),
            FieldMut::Dictionary(slot) => d.deserialize_option(DictionaryVisitor { slot, path }),
            FieldMut::Object(slot) => d.deserialize_option(NestedVisitor { slot, path }),
        }
    }
}

struct StringVisitor<'a, 'p>(&'a mut Option<String>, &'p mut Walk);

impl<'de> Visitor<'de> for StringVisitor<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        *self.0 = None;
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_string(self)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.1.check_string::<E>(text)?;
        set_string(self.0, std::borrow::Cow::Borrowed(text));
        Ok(())
    }
    fn visit_string<E: de::Error>(self, text: String) -> Result<(), E> {
        self.1.check_string::<E>(&text)?;
        *self.0 = Some(text);
        Ok(())
    }
}

struct BoolVisitor<'a>(&'a mut bool);

/// A boolean as ServiceStack.Text reads one (`StringSpanExtensions.ParseBoolean`, then
/// .NET's `bool.Parse`): quoted or not, `true`/`false` in any case and with surrounding
/// whitespace, and the one-letter and numeric forms.
fn servicestack_bool(text: &str) -> Option<bool> {
    match text {
        "1" | "t" | "T" | "y" | "Y" | "on" => Some(true),
        "0" | "f" | "F" | "n" | "N" | "off" => Some(false),
        _ => {
            let trimmed = text.trim();
            if trimmed.eq_ignore_ascii_case("true") {
                Some(true)
            } else if trimmed.eq_ignore_ascii_case("false") {
                Some(false)
            } else {
                None
            }
        }
    }
}

impl<'de> Visitor<'de> for BoolVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("true, false or null")
    }
    /// ServiceStack reads a null bool as `false`, whatever came before.
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        *self.0 = false;
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, flag: bool) -> Result<(), E> {
        *self.0 = flag;
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, number: u64) -> Result<(), E> {
        match number {
            0 | 1 => self.visit_bool(number == 1),
            _ => Err(E::custom(format_args!("invalid boolean {number}: ServiceStack reads 1 and 0 only"))),
        }
    }
    fn visit_i64<E: de::Error>(self, number: i64) -> Result<(), E> {
        Err(E::custom(format_args!("invalid boolean {number}: ServiceStack reads 1 and 0 only")))
    }
    fn visit_f64<E: de::Error>(self, number: f64) -> Result<(), E> {
        Err(E::custom(format_args!("invalid boolean {number}: ServiceStack reads 1 and 0 only")))
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        match servicestack_bool(text) {
            Some(flag) => self.visit_bool(flag),
            None => Err(E::custom(format_args!(
                "invalid boolean '{text}': ServiceStack reads true, false, 1, 0, t, f, y, n, on and off"
            ))),
        }
    }
}

struct EnumVisitor<'a> {
    slot: &'a mut dyn EnumValue,
}

impl EnumVisitor<'_> {
    /// A number, as .NET's `Enum.Parse` takes one for an `int` enum: a member's value, or a
    /// value no member has, which .NET keeps (and this crate keeps as the number's text,
    /// an unknown member); past the `int` range, .NET fails.
    fn number<E: de::Error>(self, number: Option<i64>, shown: &dyn fmt::Display) -> Result<(), E> {
        match number {
            Some(number) if self.slot.set_value(number) => Ok(()),
            Some(number) if i32::try_from(number).is_ok() => {
                self.slot.set_name(&number.to_string());
                Ok(())
            }
            _ => Err(E::custom(format_args!(
                "{shown} is out of the range of {} (a 32-bit integer)",
                self.slot.enum_info().name()
            ))),
        }
    }

    fn null<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(format_args!(
            "null on a {}, which cannot be null: ServiceStack fails to set it",
            self.slot.enum_info().name()
        )))
    }
}

impl<'de> Visitor<'de> for EnumVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} member name or number", self.slot.enum_info().name())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.null()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.null()
    }
    /// `-0` is the only number serde_json hands over as a float that .NET reads as an
    /// integer.
    fn visit_f64<E: de::Error>(self, number: f64) -> Result<(), E> {
        if number == 0.0 {
            return self.number(Some(0), &number);
        }
        Err(E::custom(format_args!(
            "invalid enum value {number} for {}: not a member name or an integer",
            self.slot.enum_info().name()
        )))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_u64<E: de::Error>(self, number: u64) -> Result<(), E> {
        self.number(i64::try_from(number).ok(), &number)
    }
    fn visit_i64<E: de::Error>(self, number: i64) -> Result<(), E> {
        self.number(Some(number), &number)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        let info = self.slot.enum_info();
        // .NET's Enum.Parse(type, text, ignoreCase: true): surrounding whitespace ignored,
        // names in any case, or a number.
        let name = text.trim();
        if let Some((declared, _)) = info.members().iter().find(|(m, _)| m.eq_ignore_ascii_case(name)) {
            self.slot.set_name(declared);
            return Ok(());
        }
        if let Ok(number) = name.parse::<i64>() {
            return self.number(Some(number), &name);
        }
        if EnumInfo::is_possible_name(name) {
            self.slot.set_name(name);
            return Ok(());
        }
        Err(E::custom(format_args!("invalid enum value '{text}' for {}: not a member name or number", info.name())))
    }
}

struct ListVisitor<'a, 'p> {
    slot: &'a mut dyn ListSlot,
    path: &'p mut Walk,
}

impl<'de> Visitor<'de> for ListVisitor<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.slot.set_null();
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // The items the list holds are filled in again, and those left over dropped.
        self.slot.begin_reuse();
        for index in 0.. {
            self.path.push(Segment::Index(index));
            let more = seq.next_element_seed(Item { slot: &mut *self.slot, index, path: &mut *self.path })?;
            self.path.pop();
            if more.is_none() {
                self.slot.truncate(index);
                break;
            }
        }
        Ok(())
    }
}

/// One list item: an object, appended to the list.
pub(super) struct Item<'a, 'p> {
    pub(super) slot: &'a mut dyn ListSlot,
    /// The item's index, at which the list may hold an item to fill in again (past the
    /// end, `usize::MAX` say: appended).
    pub(super) index: usize,
    pub(super) path: &'p mut Walk,
}

impl<'de> DeserializeSeed<'de> for Item<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for Item<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom("a null list item cannot be represented (lists hold values, not nulls)"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.path.count_item::<D::Error>()?;
        ObjectSeed { value: self.slot.reuse_item(self.index), path: self.path }.deserialize(d)
    }
}

struct DictionaryVisitor<'a, 'p> {
    slot: &'a mut Option<Dictionary>,
    path: &'p mut Walk,
}

impl<'de> Visitor<'de> for DictionaryVisitor<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object of strings or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        *self.slot = None;
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let dictionary = self.slot.get_or_insert_with(Dictionary::new);
        dictionary.clear_into(&mut self.path.spare);
        let mut entries = Entries::default();
        while let Some(key) = map.next_key_seed(Spare(&mut self.path.spare))? {
            self.path.count_item::<A::Error>()?;
            self.path.check_string::<A::Error>(&key)?;
            // The key goes on the path only when its value fails: no copy otherwise.
            let value = match map.next_value_seed(SpareOption(&mut self.path.spare)) {
                Ok(value) => value,
                Err(error) => {
                    self.path.push(Segment::Key(key));
                    return Err(error);
                }
            };
            if let Some(value) = &value {
                if let Err(error) = self.path.check_string::<A::Error>(value) {
                    self.path.push(Segment::Key(key));
                    return Err(error);
                }
            }
            entries.insert(dictionary, key, value);
        }
        Ok(())
    }
}

/// A string, read into a buffer from a [`Walk`]'s spare strings when it has one.
struct Spare<'a>(&'a mut Vec<String>);

impl<'de> DeserializeSeed<'de> for Spare<'_> {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_string(self)
    }
}

impl<'de> Visitor<'de> for Spare<'_> {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
        Ok(reuse_string(self.0, std::borrow::Cow::Borrowed(text)))
    }
    fn visit_string<E: de::Error>(self, text: String) -> Result<String, E> {
        Ok(text)
    }
}

/// A string or null, as [`Spare`] reads a string.
struct SpareOption<'a>(&'a mut Vec<String>);

impl<'de> DeserializeSeed<'de> for SpareOption<'_> {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for SpareOption<'_> {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        Spare(self.0).deserialize(d).map(Some)
    }
}

/// Filling a dictionary entry by entry, as .NET's indexer does: a repeated key keeps its
/// place and takes the last value. `Dictionary` finds keys by scanning; past a few entries
/// an index from key to position keeps a large dictionary linear.
#[derive(Default)]
pub(super) struct Entries {
    index: Option<HashMap<String, usize>>,
}

impl Entries {
    /// Adds an entry; says whether the key was there already.
    pub(super) fn insert(&mut self, dictionary: &mut Dictionary, key: String, value: Option<String>) -> bool {
        if dictionary.len() < INDEX_KEYS_PAST && self.index.is_none() {
            return dictionary.insert(key, value).is_some();
        }
        let index =
            self.index.get_or_insert_with(|| dictionary.keys().enumerate().map(|(i, k)| (k.to_owned(), i)).collect());
        match index.get(&key) {
            Some(&at) => {
                dictionary.set_value_at(at, value);
                true
            }
            None => {
                index.insert(key.clone(), dictionary.len());
                dictionary.push_new(key, value);
                false
            }
        }
    }
}

struct NestedVisitor<'a, 'p> {
    slot: &'a mut dyn ObjectSlot,
    path: &'p mut Walk,
}

impl<'de> Visitor<'de> for NestedVisitor<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.slot.set_null();
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        // A repeated member replaces the earlier value rather than merging into it: the
        // members the new one lacks are reset.
        ObjectSeed { value: self.slot.get_or_default(), path: self.path }.deserialize(d)
    }
}

//! Typed access to member values, independent of any format.

use super::{Contract, EnumInfo, MemberKind, Object};
use crate::Dictionary;

/// Read access to one member's value.
#[derive(Clone, Copy, Debug)]
pub enum FieldRef<'a> {
    /// A string member; `None` is null.
    String(Option<&'a str>),
    /// A `bool` member.
    Bool(bool),
    /// An enum member.
    Enum(&'a dyn EnumValue),
    /// A list member; `None` is null.
    List(Option<&'a dyn ListValue>),
    /// A dictionary member; `None` is null.
    Dictionary(Option<&'a Dictionary>),
    /// A nested contract; `None` is null.
    Object(Option<&'a dyn Object>),
}

/// Write access to one member's value.
#[derive(Debug)]
pub enum FieldMut<'a> {
    /// A string member.
    String(&'a mut Option<String>),
    /// A `bool` member.
    Bool(&'a mut bool),
    /// An enum member.
    Enum(&'a mut dyn EnumValue),
    /// A list member.
    List(&'a mut dyn ListSlot),
    /// A dictionary member.
    Dictionary(&'a mut Option<Dictionary>),
    /// A nested contract.
    Object(&'a mut dyn ObjectSlot),
}

/// An enum value of some contract enum, by name.
pub trait EnumValue: std::fmt::Debug {
    /// The descriptor of the enum.
    fn enum_info(&self) -> &'static EnumInfo;
    /// The member name, or the unknown name that was read.
    fn name(&self) -> &str;
    /// Whether the value is one of the declared members.
    fn is_known(&self) -> bool;
    /// Sets the value from a member name; an unknown name is kept as it is.
    fn set_name(&mut self, name: &str);
    /// Sets the value from a number; returns `false` (and changes nothing) when no member
    /// has that value.
    fn set_value(&mut self, value: i64) -> bool;
    /// Sets the value to the enum's default member.
    fn set_default(&mut self);
}

/// A non-null list of contract values.
pub trait ListValue: std::fmt::Debug {
    /// The number of items.
    fn len(&self) -> usize;
    /// Whether the list is empty.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The item at `index`.
    ///
    /// # Panics
    /// When `index >= len()`.
    fn item(&self, index: usize) -> &dyn Object;
}

/// A nullable list member being filled in.
pub trait ListSlot: std::fmt::Debug {
    /// Sets the member to null.
    fn set_null(&mut self);
    /// Sets the member to an empty list (keeping its allocation).
    fn set_empty(&mut self);
    /// Appends a default item and returns it for filling in.
    fn push_default(&mut self) -> &mut dyn Object;
    /// The item at `index`, if the list is not null and has one.
    fn item_mut(&mut self, index: usize) -> Option<&mut dyn Object>;
    /// Makes the member a non-null list, keeping the items it holds for
    /// [`reuse_item`](Self::reuse_item) to fill in again; [`truncate`](Self::truncate)
    /// ends the list.
    fn begin_reuse(&mut self) {
        self.set_empty();
    }
    /// The item at `index` for filling in: the one the list holds there (still holding
    /// what it held, which the caller overwrites in full), or a default item appended.
    /// Items are asked for in order, from 0.
    fn reuse_item(&mut self, index: usize) -> &mut dyn Object {
        let _ = index;
        self.push_default()
    }
    /// Keeps the first `len` items, dropping the rest.
    fn truncate(&mut self, len: usize) {
        let _ = len;
    }
}

/// A nullable nested-contract member being filled in.
pub trait ObjectSlot: std::fmt::Debug {
    /// Sets the member to null.
    fn set_null(&mut self);
    /// Makes the member non-null (a default value if it was null) and returns it.
    fn get_or_default(&mut self) -> &mut dyn Object;
    /// The value, if the member is not null.
    fn get_mut(&mut self) -> Option<&mut dyn Object>;
}

/// A Rust type that can be a contract member. Its implementation picks the
/// [`MemberKind`], so declarations never state it.
pub trait Field {
    /// The shape of the value.
    const KIND: MemberKind;
    /// Read access.
    fn as_field(&self) -> FieldRef<'_>;
    /// Write access.
    fn as_field_mut(&mut self) -> FieldMut<'_>;
}

impl Field for Option<String> {
    const KIND: MemberKind = MemberKind::String;
    fn as_field(&self) -> FieldRef<'_> {
        FieldRef::String(self.as_deref())
    }
    fn as_field_mut(&mut self) -> FieldMut<'_> {
        FieldMut::String(self)
    }
}

impl Field for bool {
    const KIND: MemberKind = MemberKind::Bool;
    fn as_field(&self) -> FieldRef<'_> {
        FieldRef::Bool(*self)
    }
    fn as_field_mut(&mut self) -> FieldMut<'_> {
        FieldMut::Bool(self)
    }
}

impl Field for Option<Dictionary> {
    const KIND: MemberKind = MemberKind::Dictionary;
    fn as_field(&self) -> FieldRef<'_> {
        FieldRef::Dictionary(self.as_ref())
    }
    fn as_field_mut(&mut self) -> FieldMut<'_> {
        FieldMut::Dictionary(self)
    }
}

impl<T: Contract> ListValue for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn item(&self, index: usize) -> &dyn Object {
        &self[index]
    }
}

impl<T: Contract> ListSlot for Option<Vec<T>> {
    fn set_null(&mut self) {
        *self = None;
    }
    fn set_empty(&mut self) {
        match self {
            Some(list) => list.clear(),
            None => *self = Some(Vec::new()),
        }
    }
    fn push_default(&mut self) -> &mut dyn Object {
        let list = self.get_or_insert_with(Vec::new);
        list.push(T::default());
        list.last_mut().expect("an item was just pushed")
    }
    fn item_mut(&mut self, index: usize) -> Option<&mut dyn Object> {
        self.as_mut()?.get_mut(index).map(|item| item as &mut dyn Object)
    }
    fn begin_reuse(&mut self) {
        self.get_or_insert_with(Vec::new);
    }
    fn reuse_item(&mut self, index: usize) -> &mut dyn Object {
        let list = self.get_or_insert_with(Vec::new);
        if index >= list.len() {
            list.push(T::default());
            return list.last_mut().expect("an item was just pushed");
        }
        &mut list[index]
    }
    fn truncate(&mut self, len: usize) {
        if let Some(list) = self {
            list.truncate(len);
        }
    }
}

impl<T: Contract> Field for Option<Vec<T>> {
    const KIND: MemberKind = MemberKind::List(T::info);
    fn as_field(&self) -> FieldRef<'_> {
        FieldRef::List(self.as_ref().map(|l| l as &dyn ListValue))
    }
    fn as_field_mut(&mut self) -> FieldMut<'_> {
        FieldMut::List(self)
    }
}

impl<T: Contract> ObjectSlot for Option<T> {
    fn set_null(&mut self) {
        *self = None;
    }
    fn get_or_default(&mut self) -> &mut dyn Object {
        self.get_or_insert_with(T::default)
    }
    fn get_mut(&mut self) -> Option<&mut dyn Object> {
        self.as_mut().map(|value| value as &mut dyn Object)
    }
}

impl<T: Contract> Field for Option<T> {
    const KIND: MemberKind = MemberKind::Object(T::info);
    fn as_field(&self) -> FieldRef<'_> {
        FieldRef::Object(self.as_ref().map(|o| o as &dyn Object))
    }
    fn as_field_mut(&mut self) -> FieldMut<'_> {
        FieldMut::Object(self)
    }
}

/// Stores `text` in a string member, reusing the member's buffer when it holds one.
pub(crate) fn set_string(slot: &mut Option<String>, text: std::borrow::Cow<'_, str>) {
    match (slot.as_mut(), text) {
        (Some(buffer), std::borrow::Cow::Borrowed(text)) => {
            buffer.clear();
            buffer.push_str(text);
        }
        (_, text) => *slot = Some(text.into_owned()),
    }
}

/// Sets a member to its default (every member's default is null, `false` or the enum's
/// default member, as the contracts derive `Default`).
pub(crate) fn reset(field: FieldMut<'_>) {
    match field {
        FieldMut::String(slot) => *slot = None,
        FieldMut::Bool(slot) => *slot = false,
        FieldMut::Enum(slot) => slot.set_default(),
        FieldMut::List(slot) => slot.set_null(),
        FieldMut::Dictionary(slot) => *slot = None,
        FieldMut::Object(slot) => slot.set_null(),
    }
}

/// A set of one object's members, by slot or by wire index: the ones a decoder has read,
/// or filled in (so that it can reset the others when it fills in a value that held
/// another one). Members past the 128th are not tracked and count as present: no contract
/// comes near that (an object that large is reset whole first, see [`untracked`]).
///
/// [`untracked`]: MemberSet::untracked
#[derive(Default)]
pub(crate) struct MemberSet(u128);

impl MemberSet {
    /// Whether an object of `info` is too large to track: its value is reset whole first.
    pub(crate) fn untracked(info: &super::ContractInfo) -> bool {
        info.member_count() > 128
    }
    /// Adds `member`; whether it was new (always, past the 128th).
    #[inline]
    pub(crate) fn insert(&mut self, member: usize) -> bool {
        if member >= 128 {
            return true;
        }
        let bit = 1u128 << member;
        let new = self.0 & bit == 0;
        self.0 |= bit;
        new
    }
    /// Whether `member` is in the set (always, past the 128th).
    #[inline]
    pub(crate) fn contains(&self, member: usize) -> bool {
        member >= 128 || self.0 & (1u128 << member) != 0
    }
    /// Resets every member of `value` not filled in.
    pub(crate) fn reset_others(&self, value: &mut dyn Object) {
        let count = value.contract().member_count().min(128);
        let all = if count == 128 { u128::MAX } else { (1u128 << count) - 1 };
        let mut left = all & !self.0;
        while left != 0 {
            let slot = left.trailing_zeros() as usize;
            reset(value.field_mut(slot));
            left &= left - 1;
        }
    }
}

/// Resets every member of `value`.
pub(crate) fn reset_all(value: &mut dyn Object) {
    for slot in 0..value.contract().member_count() {
        reset(value.field_mut(slot));
    }
}

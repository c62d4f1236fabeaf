//! The reflection layer: what a DataContract *is*, independent of any wire format.
//!
//! Every contract type declares, once, its wire name, its namespace and its members in
//! .NET declaration order (see [`ContractInfo`]). The XML, JSON and schema layers never
//! name a contract type: they walk these descriptors and reach the values through
//! [`Object::field`] and [`Object::field_mut`]. Adding a member to a contract is one line
//! in its declaration; every format picks it up from there.
//!
//! The declarations themselves are written with the crate-internal `contract!` and
//! `wire_enum!` macros (see `macros.rs`), which also generate the plain Rust structs and
//! enums of the model.

mod field;
mod info;
pub(crate) mod macros;
mod naming;

pub use field::{EnumValue, Field, FieldMut, FieldRef, ListSlot, ListValue, ObjectSlot};
pub use info::{ContractInfo, EnumInfo, MemberInfo, MemberKind, MemberRef, Slot, ARRAYS_NAMESPACE};
pub use naming::{camel_case, camel_case_bytes};

use std::fmt::Debug;

/// A value of some contract type, seen through its descriptor.
///
/// This is the object-safe half of [`Contract`]: the codecs hold `&dyn Object` for nested
/// values (list items, class members) so that one generic routine serves every type.
pub trait Object: Debug {
    /// The descriptor of this value's contract.
    fn contract(&self) -> &'static ContractInfo;
    /// Read access to the member in `slot` (see [`ContractInfo::members`]).
    ///
    /// # Panics
    /// When `slot` is not below [`ContractInfo::member_count`]; the codecs only pass slots
    /// taken from the descriptor.
    fn field(&self, slot: Slot) -> FieldRef<'_>;
    /// Write access to the member in `slot`.
    ///
    /// # Panics
    /// As [`Object::field`].
    fn field_mut(&mut self, slot: Slot) -> FieldMut<'_>;
}

/// A DataContract type of the model: a plain Rust struct with a static descriptor.
///
/// ```
/// use evovoice_contracts::contract::Contract;
/// use evovoice_contracts::sessions::SessionLogInfo;
///
/// let info = SessionLogInfo::info();
/// assert_eq!(info.name(), "SessionLogInfo");
/// assert_eq!(info.namespace(), "http://schemas.datacontract.org/2004/07/Voice.Api.Sessions");
/// let names: Vec<&str> = info.wire_members().iter().map(|m| m.info().name()).collect();
/// assert_eq!(names, ["Date", "Message"]);
/// ```
pub trait Contract: Object + Default + Clone + PartialEq + 'static {
    /// The static descriptor of the contract.
    fn info() -> &'static ContractInfo;
}

//! The reflection layer: what a DataContract *is*, independent of any wire format.
//!
//! Every contract type declares, once, its wire name, its namespace and its members in
//! .NET declaration order (see [`ContractInfo`]). The XML, JSON and schema layers never
//! name a contract type: they walk these descriptors and reach the values through
//! [`Object::field`] and [`Object::field_mut`]. Adding a member to a contract is one line
//! in its declaration; every format picks it up from there.
//!
//! This layer sits just above the model's plain data and knows no format: it does not
//! import the codecs, and they import it.
//!
//! The declarations themselves are written with the crate-internal `contract!` and
//! `wire_enum!` macros (see `macros.rs`), which also generate the plain Rust structs and
//! enums of the model.

mod field;
mod info;
pub(crate) mod macros;
mod naming;

pub(crate) use field::{reset_all, set_string, MemberSet};
pub use field::{EnumValue, Field, FieldMut, FieldRef, ListSlot, ListValue, ObjectSlot};
pub use info::{ContractInfo, EnumInfo, MemberInfo, MemberKind, MemberRef, Slot, ARRAYS_NAMESPACE};
#[cfg(test)]
pub(crate) use naming::camel_case;
pub use naming::camel_case_bytes;

use std::fmt::Debug;

/// A value of some contract type, seen through its descriptor.
///
/// This is the object-safe half of [`Contract`]: the codecs hold `&dyn Object` for nested
/// values (list items, class members) so that one generic routine serves every type.
pub trait Object: Debug {
    /// The descriptor of this value's contract.
    #[doc(hidden)]
    fn contract(&self) -> &'static ContractInfo;
    /// Read access to the member in `slot` (see [`ContractInfo::members`]).
    ///
    /// # Panics
    /// When `slot` is not below [`ContractInfo::member_count`]; the codecs only pass slots
    /// taken from the descriptor.
    #[doc(hidden)]
    fn field(&self, slot: Slot) -> FieldRef<'_>;
    /// Appends read access to every member to `out`, in slot order: what
    /// [`Object::field`] gives for each slot, in one call rather than one per member.
    #[doc(hidden)]
    fn fields<'a>(&'a self, out: &mut Vec<FieldRef<'a>>) {
        out.extend((0..self.contract().member_count()).map(|slot| self.field(slot)));
    }
    /// Write access to the member in `slot`.
    ///
    /// # Panics
    /// As [`Object::field`].
    #[doc(hidden)]
    fn field_mut(&mut self, slot: Slot) -> FieldMut<'_>;
}

/// A DataContract type of the model: one of this crate's contract structs
/// ([`SessionInfo`](crate::sessions::SessionInfo),
/// [`AppGetActiveSessionsResult`](crate::app::portal::AppGetActiveSessionsResult), …),
/// which the codecs in [`xml`](crate::xml) and [`json`](crate::json) read and write.
///
/// The trait is sealed: only the crate's own contracts implement it, each from its one
/// declaration (wire name, namespace and members in order).
///
/// ```
/// use evovoice_contracts::sessions::SessionLogInfo;
/// use evovoice_contracts::{json, Contract};
///
/// fn round_trip<T: Contract>(value: &T) -> T {
///     json::from_str(&json::to_string(value).unwrap()).unwrap()
/// }
/// let mut log = SessionLogInfo::default();
/// log.message = Some("ringing".into());
/// assert_eq!(round_trip(&log), log);
/// ```
pub trait Contract: Object + Default + Clone + PartialEq + 'static {
    /// The static descriptor of the contract.
    #[doc(hidden)]
    fn info() -> &'static ContractInfo;
}

/// The cache behind [`made_once`]: per contract (by address) and variant, the value made.
pub(crate) type MadeOnce<K, V> = std::sync::Mutex<Vec<(usize, K, &'static V)>>;

/// The value `make` gives for `info` and `variant` (a dialect, a naming), made on first use
/// and kept for the life of the process in `cache`: the codecs' plans, a handful of
/// contracts times two variants.
pub(crate) fn made_once<K: Copy + PartialEq, V>(
    cache: &MadeOnce<K, V>,
    info: &'static ContractInfo,
    variant: K,
    make: impl FnOnce() -> V,
) -> &'static V {
    let key = info as *const ContractInfo as usize;
    let mut made = cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&(_, _, value)) = made.iter().find(|(k, v, _)| *k == key && *v == variant) {
        return value;
    }
    let value: &'static V = Box::leak(Box::new(make()));
    made.push((key, variant, value));
    value
}

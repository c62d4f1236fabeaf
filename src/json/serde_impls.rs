//! serde's `Serialize` and `Deserialize` for every contract and enum of the model
//! (`crate::catalog`), as ServiceStack.Text writes and reads JSON: contracts through the
//! generic walkers of this module, enums by member name.

use super::de::{deserialize, deserialize_enum};
use super::ser::serialize;
use crate::catalog::{with_contracts, with_enums};

macro_rules! contract_serde {
    ($($variant:ident => $ty:path),* $(,)?) => {$(
        /// ServiceStack.Text's JSON object, camelCase (see [`json`](crate::json)).
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serialize(self, serializer)
            }
        }

        /// Read as ServiceStack.Text reads JSON (see [`json`](crate::json)).
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserialize(deserializer)
            }
        }
    )*};
}

macro_rules! enum_serde {
    ($($variant:ident => $ty:path),* $(,)?) => {$(
        /// The member name, as a string.
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }

        /// A member name in any case, or a number (see [`json`](crate::json)); `null` is
        /// the default member.
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut value = <$ty>::default();
                deserialize_enum(&mut value, deserializer)?;
                Ok(value)
            }
        }
    )*};
}

with_contracts!(contract_serde);
with_enums!(enum_serde);

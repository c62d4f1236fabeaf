//! Contracts to the serde data model: walks a value's descriptor in .NET declaration
//! order (ServiceStack.Text's order) and writes what ServiceStack writes.

use super::{JsonOptions, Naming};
use crate::contract::{FieldRef, ListValue, Object};
use crate::Dictionary;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// Serializes a contract value with the default options: what the generated
/// `impl Serialize` of every contract calls.
pub(crate) fn serialize<S: Serializer>(value: &dyn Object, serializer: S) -> Result<S::Ok, S::Error> {
    Contract { value, options: &JsonOptions::new() }.serialize(serializer)
}

/// A contract value, as a JSON object of its non-null members.
pub(crate) struct Contract<'a> {
    pub(crate) value: &'a dyn Object,
    pub(crate) options: &'a JsonOptions,
}

impl Serialize for Contract<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let options = self.options;
        let mut map = serializer.serialize_map(None)?;
        for member in self.value.contract().declaration_members() {
            let field = self.value.field(member.slot());
            // ServiceStack leaves null members out; `false` and zero enums are written.
            if matches!(
                field,
                FieldRef::String(None) | FieldRef::List(None) | FieldRef::Dictionary(None) | FieldRef::Object(None)
            ) {
                continue;
            }
            map.serialize_key(match options.naming {
                Naming::CamelCase => member.info().camel_name(),
                Naming::PascalCase => member.name(),
            })?;
            match field {
                FieldRef::String(Some(text)) => map.serialize_value(text)?,
                FieldRef::Bool(flag) => map.serialize_value(&flag)?,
                FieldRef::Enum(value) => map.serialize_value(value.name())?,
                FieldRef::List(Some(list)) => map.serialize_value(&List { list, options })?,
                FieldRef::Dictionary(Some(dictionary)) => map.serialize_value(&Map { dictionary, options })?,
                FieldRef::Object(Some(value)) => map.serialize_value(&Contract { value, options })?,
                FieldRef::String(None) | FieldRef::List(None) | FieldRef::Dictionary(None) | FieldRef::Object(None) => {
                }
            }
        }
        map.end()
    }
}

struct List<'a> {
    list: &'a dyn ListValue,
    options: &'a JsonOptions,
}

impl Serialize for List<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.list.len()))?;
        for index in 0..self.list.len() {
            seq.serialize_element(&Contract { value: self.list.item(index), options: self.options })?;
        }
        seq.end()
    }
}

/// A dictionary as a JSON object; entries with a null value are left out unless the
/// options keep them (ServiceStack's `IncludeNullValuesInDictionaries`).
struct Map<'a> {
    dictionary: &'a Dictionary,
    options: &'a JsonOptions,
}

impl Serialize for Map<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let keep_nulls = self.options.keep_null_dictionary_values;
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in self.dictionary.iter() {
            if value.is_some() || keep_nulls {
                map.serialize_entry(key, &value)?;
            }
        }
        map.end()
    }
}

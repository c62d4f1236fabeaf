//! Helpers for the JSON tests, driven by the contract descriptors.

use evovoice_contracts::contract::{ContractInfo, FieldMut, MemberKind, Object};
use evovoice_contracts::Dictionary;
use serde_json::Value;

/// Removes every dictionary entry whose value is null: what going through JSON with
/// ServiceStack's defaults does to a value.
pub fn drop_null_dictionary_values(value: &mut dyn Object) {
    each_dictionary(value, &mut |d| *d = d.iter().filter(|(_, v)| v.is_some()).collect());
}

/// Sorts the entries of every dictionary by key (as `serde_json::Value` holds them).
pub fn sort_dictionaries(value: &mut dyn Object) {
    each_dictionary(value, &mut |d| {
        let mut entries: Vec<(String, Option<String>)> = std::mem::take(d).into_iter().collect();
        entries.sort();
        *d = entries.into_iter().collect();
    });
}

/// Calls `f` on every non-null dictionary in `value`, however deep.
pub fn each_dictionary(value: &mut dyn Object, f: &mut dyn FnMut(&mut Dictionary)) {
    let slots: Vec<usize> = value.contract().members().iter().map(|m| m.slot()).collect();
    for slot in slots {
        match value.field_mut(slot) {
            FieldMut::Dictionary(Some(d)) => f(d),
            FieldMut::Object(o) => {
                if let Some(inner) = o.get_mut() {
                    each_dictionary(inner, f);
                }
            }
            FieldMut::List(list) => {
                let mut index = 0;
                while let Some(item) = list.item_mut(index) {
                    each_dictionary(item, f);
                    index += 1;
                }
            }
            _ => {}
        }
    }
}

/// Renames the member names of a JSON document of contract `info` with `rename`,
/// leaving dictionary keys and unknown properties alone.
pub fn rename_members(json: &mut Value, info: &ContractInfo, rename: &dyn Fn(&str) -> String) {
    let Value::Object(map) = json else { return };
    let entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
    for (key, mut value) in entries {
        let member = info.members().iter().find(|m| m.name().eq_ignore_ascii_case(&key));
        let key = match member {
            Some(member) => {
                match member.kind() {
                    MemberKind::Object(item) => rename_members(&mut value, item(), rename),
                    MemberKind::List(item) => {
                        if let Value::Array(items) = &mut value {
                            for item_value in items {
                                rename_members(item_value, item(), rename);
                            }
                        }
                    }
                    _ => {}
                }
                rename(&key)
            }
            None => key,
        };
        map.insert(key, value);
    }
}

//! Helpers for the JSON tests.

use super::tree::Tree;
use evovoice_contracts::Dictionary;
use serde_json::Value;

/// Removes every dictionary entry whose value is null: what going through JSON with
/// ServiceStack's defaults does to a value.
pub fn drop_null_dictionary_values(value: &mut dyn Tree) {
    value.dictionaries(&mut |d| *d = d.iter().filter(|(_, v)| v.is_some()).collect());
}

/// Sorts the entries of every dictionary by key (as `serde_json::Value` holds them).
pub fn sort_dictionaries(value: &mut dyn Tree) {
    value.dictionaries(&mut |d: &mut Dictionary| {
        let mut entries: Vec<(String, Option<String>)> = std::mem::take(d).into_iter().collect();
        entries.sort();
        *d = entries.into_iter().collect();
    });
}

/// The members of the model whose value is a dictionary: their keys are data, not names.
const DICTIONARY_MEMBERS: &[&str] = &["ApplicationData", "Meta"];

/// Renames the member names of a JSON document of the model with `rename`, leaving
/// dictionary keys alone.
pub fn rename_members(json: &mut Value, rename: &dyn Fn(&str) -> String) {
    match json {
        Value::Object(map) => {
            let entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
            for (key, mut value) in entries {
                if !DICTIONARY_MEMBERS.iter().any(|d| d.eq_ignore_ascii_case(&key)) {
                    rename_members(&mut value, rename);
                }
                map.insert(rename(&key), value);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| rename_members(item, rename)),
        _ => {}
    }
}

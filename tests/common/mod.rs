//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod json;
pub mod rewrite;
pub mod strategies;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `.xml` files directly in `fixtures/xml/<dir>`, sorted.
pub fn xml_fixtures(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/xml").join(dir))
        .unwrap_or_else(|e| panic!("fixtures/xml/{dir}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in fixtures/xml/{dir}");
    files
}

/// Reads a file, panicking with its name.
pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Replaces every enum name the crate does not know with the enum's zero member, through
/// the reflection layer: .NET cannot read unknown names, so values sent to it must not hold
/// any.
pub fn known_enums_only(value: &mut dyn evovoice_contracts::contract::Object) {
    use evovoice_contracts::contract::FieldMut;
    let slots: Vec<usize> = value.contract().members().iter().map(|m| m.slot()).collect();
    for slot in slots {
        match value.field_mut(slot) {
            FieldMut::Enum(e) if !e.is_known() => {
                e.set_value(0);
            }
            FieldMut::Object(o) => {
                if let Some(inner) = o.get_mut() {
                    known_enums_only(inner);
                }
            }
            FieldMut::List(list) => {
                let mut index = 0;
                while let Some(item) = list.item_mut(index) {
                    known_enums_only(item);
                    index += 1;
                }
            }
            _ => {}
        }
    }
}

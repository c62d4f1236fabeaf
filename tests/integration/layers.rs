//! The layers written in the README are the layers the code has: every `crate::` path in a
//! module of `src/` names a module of a row below its own, or one after it in its row.

use crate::common;
use std::collections::HashMap;

/// The module a name of the README's table stands for.
fn module_of(name: &str) -> String {
    match name {
        "EntityInfo" => "entity".into(),
        "Dictionary" => "dictionary".into(),
        other => other.split("::").next().unwrap_or(other).to_owned(),
    }
}

/// Module → (row from the bottom, place in its row), from the README's "How it is built".
fn layers() -> HashMap<String, (usize, usize)> {
    let readme = common::fixture("README.md");
    let table = readme.split("## How it is built").nth(1).expect("the section");
    let rows: Vec<&str> =
        table.lines().skip_while(|l| !l.starts_with("| layer")).skip(2).take_while(|l| l.starts_with('|')).collect();
    let mut layers = HashMap::new();
    for (row, line) in rows.iter().rev().enumerate() {
        let modules = line.split('|').nth(2).unwrap_or("");
        for (place, name) in modules.split('`').skip(1).step_by(2).enumerate() {
            layers.insert(module_of(name), (row, place));
        }
    }
    layers
}

#[test]
fn every_import_points_down() {
    let layers = layers();
    let mut checked = 0;
    for path in common::files("src", "rs") {
        let relative = path.strip_prefix(common::root().join("src")).unwrap();
        let module =
            relative.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_owned();
        if module == "lib" {
            continue;
        }
        let &(row, place) =
            layers.get(&module).unwrap_or_else(|| panic!("{module} is in no row of the README's table"));
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (at, _) in line.match_indices("crate::") {
                let rest = &line[at + "crate::".len()..];
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                let target = module_of(&name);
                if target == module || target.is_empty() {
                    continue;
                }
                let Some(&(target_row, target_place)) = layers.get(&target) else { continue };
                let down = target_row < row || (target_row == row && target_place > place);
                assert!(down, "{} uses crate::{name}, which is not below {module}: {line}", relative.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} imports seen");
}

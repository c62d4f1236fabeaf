//! JSON Schema (draft 2020-12) of the JSON form of the contracts, as Evo's server writes
//! and reads it with ServiceStack.Text.
//!
//! - Property names are the camelCase Evo writes (`callState`), and the schema also takes
//!   them in any other case, as the server reads them: each property is listed under its
//!   camelCase name (for editors and documentation) and again as a case-insensitive
//!   pattern. JSON Schema has no case-insensitive names, so the pattern spells each
//!   letter as a class (`^[cC][aA][lL][lL]…$`).
//! - Enums are their member names in any case, or the members' numbers.
//! - Strings, lists, dictionaries and nested objects may be null or left out; booleans and
//!   enums may be left out but not null.
//! - Other properties are refused (`additionalProperties: false`), though the server
//!   ignores them: like the XML Schema, this schema describes what Evo writes, and the
//!   validator ([`crate::validate`]) tells what the server would do with the rest.
//!
//! ```
//! use evovoice_contracts::schema::{json_schema, response_contracts};
//!
//! let schema = json_schema::schema(&response_contracts());
//! let session = &schema["$defs"]["SessionInfo"];
//! assert_eq!(session["properties"]["callState"]["$ref"], "#/$defs/SessionCallState");
//! assert_eq!(session["properties"]["id"]["type"], serde_json::json!(["string", "null"]));
//! assert!(session["patternProperties"]["^[cC][aA][lL][lL][sS][tT][aA][tT][eE]$"].is_object());
//! ```

use crate::contract::{ContractInfo, EnumInfo, MemberKind, MemberRef};
use crate::document::DocumentKind;
use serde_json::{json, Map, Value};

/// The URI of the dialect.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The schema of a document that is any one of `roots`, with a definition for every
/// contract and enum they refer to.
pub fn schema(roots: &[DocumentKind]) -> Value {
    let mut defs = Map::new();
    for root in roots {
        define(root.info(), &mut defs);
    }
    let names: Vec<&str> = roots.iter().map(|r| r.name()).collect();
    json!({
        "$schema": DRAFT,
        "title": names.join(" or "),
        "description": "The JSON form of the contracts as Evo Voice writes it (ServiceStack.Text, camelCase names, \
                        null members left out). Names and enum names are also taken in any case, as the server reads them.",
        "anyOf": roots.iter().map(|r| reference(r.name())).collect::<Vec<_>>(),
        "$defs": defs,
    })
}

/// [`schema`] as pretty-printed text with a final newline.
pub fn to_string(roots: &[DocumentKind]) -> String {
    let mut text = serde_json::to_string_pretty(&schema(roots)).unwrap_or_default();
    text.push('\n');
    text
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}") })
}

/// Adds the definition of `info` and of everything its members refer to.
fn define(info: &'static ContractInfo, defs: &mut Map<String, Value>) {
    if defs.contains_key(info.name()) {
        return;
    }
    // Claim the name first, so that a contract that refers to itself ends.
    defs.insert(info.name().into(), Value::Null);
    let mut properties = Map::new();
    let mut patterns = Map::new();
    for member in info.declaration_members() {
        let schema = member_schema(member, defs);
        patterns.insert(case_insensitive_pattern(member.name()), schema.clone());
        properties.insert(member.info().camel_name().to_owned(), schema);
    }
    defs.insert(
        info.name().into(),
        json!({
            "type": "object",
            "properties": properties,
            "patternProperties": patterns,
            "additionalProperties": false,
        }),
    );
}

fn member_schema(member: &MemberRef, defs: &mut Map<String, Value>) -> Value {
    let mut schema = match member.kind() {
        MemberKind::String => json!({ "type": ["string", "null"] }),
        MemberKind::Bool => json!({ "type": "boolean" }),
        MemberKind::Enum(info) => {
            let info = info();
            defs.entry(info.name()).or_insert_with(|| enum_schema(info));
            reference(info.name())
        }
        MemberKind::List(item) => {
            define(item(), defs);
            json!({ "type": ["array", "null"], "items": reference(item().name()) })
        }
        MemberKind::Dictionary => json!({
            "type": ["object", "null"],
            "additionalProperties": { "type": ["string", "null"] },
        }),
        MemberKind::Object(info) => {
            define(info(), defs);
            json!({ "anyOf": [reference(info().name()), { "type": "null" }] })
        }
    };
    let description = member.info().description();
    if !description.is_empty() {
        schema["description"] = Value::from(description);
    }
    schema
}

fn enum_schema(info: &EnumInfo) -> Value {
    let names: Vec<&str> = info.members().iter().map(|(name, _)| *name).collect();
    let values: Vec<i64> = info.members().iter().map(|(_, value)| *value).collect();
    let any_case: Vec<String> = names.iter().map(|name| letters_in_any_case(name)).collect();
    json!({
        "description": format!("{}: a member name (in any case) or its number", info.name()),
        "anyOf": [
            { "enum": names },
            { "type": "string", "pattern": format!("^(?:{})$", any_case.join("|")) },
            { "enum": values },
        ],
    })
}

/// `^[cC][aA]…$`: the name in any case.
fn case_insensitive_pattern(name: &str) -> String {
    format!("^{}$", letters_in_any_case(name))
}

fn letters_in_any_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 4);
    for c in name.chars() {
        if c.is_ascii_alphabetic() {
            out.push('[');
            out.push(c.to_ascii_lowercase());
            out.push(c.to_ascii_uppercase());
            out.push(']');
        } else if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else {
            out.push('\\');
            out.push(c);
        }
    }
    out
}

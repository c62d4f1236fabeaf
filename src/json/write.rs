//! The compact JSON writer: what `json::to_vec` uses.
//!
//! The same output as the serde path (`ser.rs` through serde_json with the ServiceStack
//! formatter), written directly. Hand-rolled because it is about twice as fast: member
//! names are known not to need escaping and go out as they are, and one pass escapes each
//! string the ServiceStack way, where serde_json's escaper plus a second pass for
//! U+007F–U+009F cost a scan and a call per fragment each. Member keys come from a
//! per-contract [plan]. `tests/json_roundtrip.rs`
//! checks the two paths agree byte for byte.

use super::plan::{self, ObjectPlan};
use super::JsonOptions;
use crate::contract::{FieldRef, Object};

/// Appends `value` as a JSON object.
pub(crate) fn object(out: &mut Vec<u8>, value: &dyn Object, options: &JsonOptions) {
    let plan = plan::root(value.contract(), options.naming);
    planned(out, plan, value, options.keep_null_dictionary_values);
}

/// Appends `value` as its plan says: each member's key is one copy of precomputed bytes.
fn planned(out: &mut Vec<u8>, plan: &ObjectPlan, value: &dyn Object, keep_null_values: bool) {
    out.push(b'{');
    let mut first = true;
    for member in plan.members.iter() {
        let field = value.field(member.slot);
        // ServiceStack leaves null members out; `false` and zero enums are written.
        if matches!(
            field,
            FieldRef::String(None) | FieldRef::List(None) | FieldRef::Dictionary(None) | FieldRef::Object(None)
        ) {
            continue;
        }
        if first {
            member.first_key.append_to(out);
        } else {
            member.key.append_to(out);
        }
        first = false;
        match field {
            FieldRef::String(Some(text)) => string(out, text),
            FieldRef::Bool(flag) => out.extend_from_slice(if flag { b"true" } else { b"false" }),
            FieldRef::Enum(value) => string(out, value.name()),
            FieldRef::List(Some(list)) => {
                out.push(b'[');
                if let Some(items) = member.inner() {
                    for index in 0..list.len() {
                        if index > 0 {
                            out.push(b',');
                        }
                        planned(out, items, list.item(index), keep_null_values);
                    }
                }
                out.push(b']');
            }
            FieldRef::Dictionary(Some(dictionary)) => {
                out.push(b'{');
                let mut first = true;
                for (key, value) in dictionary.iter() {
                    if value.is_none() && !keep_null_values {
                        continue;
                    }
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    string(out, key);
                    out.push(b':');
                    match value {
                        Some(v) => string(out, v),
                        None => out.extend_from_slice(b"null"),
                    }
                }
                out.push(b'}');
            }
            FieldRef::Object(Some(inner)) => match member.inner() {
                Some(members) => planned(out, members, inner, keep_null_values),
                None => out.extend_from_slice(b"{}"),
            },
            FieldRef::String(None) | FieldRef::List(None) | FieldRef::Dictionary(None) | FieldRef::Object(None) => {}
        }
    }
    out.push(b'}');
}

/// Appends `text` as a JSON string escaped as ServiceStack.Text escapes it.
pub(crate) fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    // Room for the quotes and a whole last word.
    out.reserve(bytes.len() + 10);
    out.push(b'"');
    let Some(mut i) = crate::swar::copy_clean(out, bytes, escape_flags) else {
        out.push(b'"');
        return;
    };
    // Something to escape from word `i` on: the general loop below takes over.
    let mut copied = i;
    while i < bytes.len() {
        while i + 8 <= bytes.len() && escape_flags(crate::swar::load(bytes, i)) == 0 {
            i += 8;
        }
        if i + 8 > bytes.len() && i < bytes.len() {
            // The last few bytes: check them as one word, padded with a plain letter.
            let mut tail = [b'a'; 8];
            tail[..bytes.len() - i].copy_from_slice(&bytes[i..]);
            if escape_flags(u64::from_le_bytes(tail)) == 0 {
                i = bytes.len();
            }
        }
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        let (code, width) = match b {
            b'"' | b'\\' | 0x00..=0x1F | 0x7F => (b, 1),
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => (bytes[i + 1], 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[copied..i]);
        match code {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(code >> 4)],
                    HEX[usize::from(code & 0xF)],
                ]);
            }
        }
        i += width;
        copied = i;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// Flags the bytes of `word` that may need escaping: below 0x20, `"`, `\`, 0x7F or 0xC2
/// (the lead byte of U+0080–U+00BF).
#[inline]
fn escape_flags(word: u64) -> u64 {
    use crate::swar::{below, equal};
    below(word, 0x20) | equal(word, b'"') | equal(word, b'\\') | equal(word, 0x7F) | equal(word, 0xC2)
}

#[cfg(test)]
mod tests {
    use super::super::Naming;
    use super::*;
    use serde::Serialize;

    /// The serde path: serde_json with the ServiceStack formatter.
    fn through_serde(value: &dyn Object, options: &JsonOptions) -> Vec<u8> {
        let mut out = Vec::new();
        let contract = super::super::ser::Contract { value, options };
        contract
            .serialize(&mut serde_json::Serializer::with_formatter(&mut out, super::super::escape::compact()))
            .unwrap();
        out
    }

    #[test]
    fn strings_escape_as_the_serde_path_does_for_every_scalar() {
        let mut text = String::new();
        for code in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(code) else { continue };
            text.push(c);
            if text.len() > 200 || code < 0x200 {
                let mut fast = Vec::new();
                string(&mut fast, &text);
                let mut slow = Vec::new();
                text.serialize(&mut serde_json::Serializer::with_formatter(&mut slow, super::super::escape::compact()))
                    .unwrap();
                assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(slow).unwrap(), "{text:?}");
                text.clear();
            }
        }
    }

    #[test]
    fn every_length_and_position_escapes_as_the_serde_path() {
        let plain: Vec<char> = "abcdefghijklmnopqrstuvwxyz0123456789".chars().collect();
        let specials =
            ['"', '\\', '/', '\n', '\u{1}', '\u{1F}', '\u{7F}', '\u{80}', '\u{9F}', '\u{A0}', 'é', '\u{FFFF}'];
        for len in 0..plain.len() {
            for at in 0..=len {
                for &special in &specials {
                    let mut chars = plain[..len].to_vec();
                    chars.insert(at, special);
                    if at + 9 < chars.len() {
                        chars[at + 9] = '"';
                    }
                    let text: String = chars.into_iter().collect();
                    let mut fast = b"x".to_vec();
                    string(&mut fast, &text);
                    let mut slow = b"x".to_vec();
                    text.serialize(&mut serde_json::Serializer::with_formatter(
                        &mut slow,
                        super::super::escape::compact(),
                    ))
                    .unwrap();
                    assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(slow).unwrap(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn documents_write_as_the_serde_path_writes_them() {
        use crate::document::Document;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/xml");
        let mut checked = 0;
        for dir in ["servicestack", "wcf", "edges"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let bytes = std::fs::read(entry.unwrap().path()).unwrap();
                let doc = Document::from_xml(&bytes).unwrap();
                for options in [
                    JsonOptions::new(),
                    JsonOptions::new().naming(Naming::PascalCase),
                    JsonOptions::new().keep_null_dictionary_values(true),
                ] {
                    let mut fast = Vec::new();
                    object(&mut fast, doc.as_object(), &options);
                    assert_eq!(fast, through_serde(doc.as_object(), &options));
                    checked += 1;
                }
            }
        }
        assert!(checked > 100);
    }
}

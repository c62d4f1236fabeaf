//! Validating JSON against the contracts, as ServiceStack.Text reads it: property names
//! and enum names in any case, enums also as numbers, unknown properties ignored.

use super::json_tree::{self, Node, Property, Value};
use super::ValidateOptions;
use crate::contract::{ContractInfo, EnumInfo, MemberKind, MemberRef};
use crate::diagnostic::{Code, Finding};
use crate::document::{Document, DocumentKind};
use crate::error::{MemberPath, Position, Segment};
use crate::location::Locator;

pub(super) fn validate(bytes: &[u8], options: &ValidateOptions) -> Vec<Finding> {
    // A byte order mark is taken as a text editor leaves it; offsets stay those of `bytes`.
    let skipped = crate::location::bom_len(bytes);
    let mut walker = Walker { locator: Locator::new(bytes), skipped, path: MemberPath::new(), findings: Vec::new() };
    let text = match std::str::from_utf8(&bytes[skipped..]) {
        Ok(text) => text,
        Err(e) => {
            walker.report(Code::MalformedJson, skipped + e.valid_up_to(), "invalid UTF-8: ServiceStack fails".into());
            return walker.findings;
        }
    };
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let offset = skipped + offset_of(text, e.line(), e.column());
        let message = format!("malformed JSON: {}; ServiceStack fails", strip_position(&e.to_string()));
        walker.report(Code::MalformedJson, offset, message);
        return walker.findings;
    }
    let Some(root) = json_tree::parse(text) else {
        walker.report(Code::MalformedJson, skipped, "malformed JSON".into());
        return walker.findings;
    };
    let info = options.root.map(DocumentKind::info).unwrap_or_else(|| best_contract(&root));
    if let Value::Object(_) = root.value {
        walker.object(&root, info);
    } else {
        let message = format!(
            "the document is {}, not an object: ServiceStack cannot read a {} from it",
            root.value.kind(),
            info.name()
        );
        walker.report(Code::WrongRoot, skipped + root.offset, message);
    }
    walker.findings
}

/// The contract whose members match most of the root's property names (the first
/// contract, the result, when none match).
fn best_contract(root: &Node) -> &'static ContractInfo {
    let contracts = Document::contracts();
    let Value::Object(properties) = &root.value else {
        return contracts[0];
    };
    let score = |c: &ContractInfo| properties.iter().filter(|p| find_member(c, &p.name).is_some()).count();
    let mut best = contracts[0];
    for &contract in contracts {
        if score(contract) > score(best) {
            best = contract;
        }
    }
    best
}

/// The member a property name stands for: names match case-insensitively.
fn find_member<'c>(info: &'c ContractInfo, name: &str) -> Option<(usize, &'c MemberRef)> {
    info.members().iter().enumerate().find(|(_, m)| m.name().eq_ignore_ascii_case(name))
}

struct Walker<'a> {
    locator: Locator<'a>,
    skipped: usize,
    path: MemberPath,
    findings: Vec<Finding>,
}

impl Walker<'_> {
    fn report(&mut self, code: Code, offset: usize, message: String) {
        let position: Position = self.locator.locate(offset);
        self.findings.push(Finding::new(code, position, self.path.clone(), message));
    }

    fn at(&mut self, code: Code, node: &Node, message: String) {
        self.report(code, self.skipped + node.offset, message);
    }

    fn object(&mut self, node: &Node, info: &ContractInfo) {
        let Value::Object(properties) = &node.value else {
            let message = format!("expected a {} object or null, found {}", info.name(), node.value.kind());
            return self.at(Code::WrongType, node, message);
        };
        let mut seen = vec![false; info.members().len()];
        for Property { offset, name, value } in properties {
            let offset = self.skipped + offset;
            let Some((index, member)) = find_member(info, name) else {
                let message = format!(
                    "'{name}' is not a property of {}: ServiceStack ignores it and its data is lost",
                    info.name()
                );
                self.report(Code::UnknownMember, offset, message);
                continue;
            };
            self.path.push(Segment::Member(member.name()));
            if std::mem::replace(&mut seen[index], true) {
                let message =
                    format!("'{name}' appears again (names match case-insensitively): only one of the values is kept");
                self.report(Code::RepeatedMember, offset, message);
            } else {
                self.member(value, member);
            }
            self.path.pop();
        }
    }

    fn member(&mut self, node: &Node, member: &MemberRef) {
        let name = member.name();
        match (member.kind(), &node.value) {
            (MemberKind::String, Value::String(_) | Value::Null) => {}
            (MemberKind::String, other) => {
                let message = format!("'{name}' should be a string or null, found {}", other.kind());
                self.at(Code::WrongType, node, message);
            }
            (MemberKind::Bool, Value::Bool(_)) => {}
            (MemberKind::Bool, Value::Null) => {
                let message = format!("'{name}' is null, but a bool cannot be null (Evo writes true or false)");
                self.at(Code::NullValueType, node, message);
            }
            (MemberKind::Bool, other) => {
                let message = format!("'{name}' should be true or false, found {}", describe(other));
                self.at(Code::InvalidBoolean, node, message);
            }
            (MemberKind::Enum(info), value) => self.enumeration(node, value, info()),
            (MemberKind::List(item), Value::Array(items)) => {
                let item = item();
                for (index, entry) in items.iter().enumerate() {
                    self.path.push(Segment::Index(index));
                    if let Value::Null = entry.value {
                        let message = "a null item, which Evo never writes and this crate cannot represent";
                        self.at(Code::InvalidContent, entry, message.into());
                    } else {
                        self.object(entry, item);
                    }
                    self.path.pop();
                }
            }
            (MemberKind::Dictionary, Value::Object(entries)) => self.dictionary(entries),
            (MemberKind::Object(info), Value::Object(_)) => self.object(node, info()),
            (MemberKind::List(_) | MemberKind::Dictionary | MemberKind::Object(_), Value::Null) => {}
            (MemberKind::List(_), other) => {
                let message = format!("'{name}' should be an array or null, found {}", other.kind());
                self.at(Code::WrongType, node, message);
            }
            (MemberKind::Dictionary | MemberKind::Object(_), other) => {
                let message = format!("'{name}' should be an object or null, found {}", other.kind());
                self.at(Code::WrongType, node, message);
            }
        }
    }

    fn enumeration(&mut self, node: &Node, value: &Value, info: &EnumInfo) {
        let enum_name = info.name();
        match value {
            Value::String(text) if info.members().iter().any(|(name, _)| name.eq_ignore_ascii_case(text)) => {}
            Value::String(text) if EnumInfo::is_possible_name(text) => {
                let message = format!(
                    "'{text}' is not a member of {enum_name} as these contracts know it: ServiceStack's reader does \
                     not know it either (a warning, as Evo may have added the member since)"
                );
                self.at(Code::UnknownEnumName, node, message);
            }
            Value::Number(number) => match number.parse::<i64>() {
                Ok(n) if info.members().iter().any(|(_, value)| *value == n) => {}
                Ok(n) => {
                    let message = format!(
                        "{n} is not the number of any member of {enum_name} as these contracts know it (Evo writes \
                         enums by name)"
                    );
                    self.at(Code::UnknownEnumName, node, message);
                }
                Err(_) => {
                    let message = format!("{number} is not a member name or an integer value of {enum_name}");
                    self.at(Code::InvalidEnum, node, message);
                }
            },
            Value::Null => {
                let message = format!("null on a {enum_name}, which cannot be null (Evo writes the member's name)");
                self.at(Code::NullValueType, node, message);
            }
            other => {
                let message = format!("{} is not a member name of {enum_name}", describe(other));
                self.at(Code::InvalidEnum, node, message);
            }
        }
    }

    fn dictionary(&mut self, entries: &[Property]) {
        for (index, Property { offset, name, value }) in entries.iter().enumerate() {
            self.path.push(Segment::Key(name.clone()));
            if entries[..index].iter().any(|earlier| earlier.name == *name) {
                let message = format!("the key '{name}' appears again: only one of the values is kept");
                self.report(Code::RepeatedMember, self.skipped + offset, message);
            } else if !matches!(value.value, Value::String(_) | Value::Null) {
                let message = format!("a dictionary value should be a string or null, found {}", value.value.kind());
                self.at(Code::WrongType, value, message);
            }
            self.path.pop();
        }
    }
}

/// A value for a message: strings quoted, numbers as written, containers by kind.
fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{s:?}"),
        Value::Number(n) => n.clone(),
        Value::Bool(b) => b.to_string(),
        other => other.kind().to_owned(),
    }
}

/// The byte offset of serde_json's 1-based line and column (a column of 0 means the end
/// of the previous line).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = match line {
        0 | 1 => 0,
        n => memchr::memchr_iter(b'\n', text.as_bytes()).nth(n - 2).map_or(text.len(), |i| i + 1),
    };
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// serde_json's message without its " at line L column C" tail.
fn strip_position(message: &str) -> &str {
    message.rfind(" at line ").map_or(message, |i| &message[..i])
}

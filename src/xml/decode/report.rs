//! The decoder's reports: findings on what .NET would do differently, sent to the sink
//! only when there is one (the cold half of the decoder).

use super::Decoder;
use crate::contract::{EnumInfo, MemberKind, MemberRef};
use crate::dcxml::reader::{Element, Notice};
use crate::diagnostic::{Code, Finding};
use crate::error::{Category, Position, Result, Segment};

impl<'i> Decoder<'i, '_> {
    /// Reports the members an object lacks: one finding for the object, or for the member
    /// when only one is missing.
    #[cold]
    pub(super) fn missing(&mut self, contract: &str, missing: &[&MemberRef], position: Position) {
        match missing {
            [] => {}
            [member] => {
                self.path.push(Segment::Member(member.name()));
                let message = format!(
                    "'{}' is missing from {contract}: .NET leaves it at its default ({})",
                    member.name(),
                    default_description(member.kind())
                );
                self.report(Code::MissingMember, position, message);
                self.path.pop();
            }
            _ => {
                let names: Vec<&str> = missing.iter().map(|m| m.name()).collect();
                let message = format!(
                    "{} members are missing from {contract}: {}; .NET leaves each at its default (null, false or \
                     the enum's zero member)",
                    names.len(),
                    names.join(", ")
                );
                self.report(Code::MissingMember, position, message);
            }
        }
    }

    /// An enum name the contract does not declare: a known name in the wrong case, which
    /// .NET rejects and so does this crate (it is no member Evo added), or a name Evo may
    /// have added since, which is kept (a warning when validating).
    #[cold]
    pub(super) fn unknown_enum_name(&mut self, text: &str, info: &EnumInfo, offset: usize) -> Result<()> {
        match info.members().iter().find(|(name, _)| name.eq_ignore_ascii_case(text)) {
            Some((known, _)) => {
                let message = format!(
                    "'{text}' is not a member of {}: enum names are case-sensitive (did you mean '{known}'?); .NET fails",
                    info.name()
                );
                self.reject(Code::InvalidEnum, offset, message)
            }
            None => {
                self.note(Code::UnknownEnumName, offset, || {
                    format!(
                        "'{text}' is not a member of {} as these contracts know it: .NET fails on a name its enum \
                         does not declare (a warning, as Evo may have added the member since)",
                        info.name()
                    )
                });
                Ok(())
            }
        }
    }

    /// A child element that `container` does not hold: reported as in the wrong namespace
    /// when `meant` (the namespace its name belongs in) is known.
    #[cold]
    pub(super) fn unexpected(&mut self, element: &Element<'i>, container: &str, meant: Option<&str>) {
        let found = element.namespace.as_deref().unwrap_or("");
        match meant {
            Some(meant) => self.note(Code::WrongNamespace, element.offset, || {
                format!(
                    "'{}' is in namespace '{found}', but {container} expects it in '{meant}': .NET skips it and \
                     its data is lost",
                    element.local
                )
            }),
            None => self.note(Code::UnknownMember, element.offset, || {
                format!("'{}' is not expected in {container}: .NET skips it and its data is lost", element.local)
            }),
        }
    }

    /// A data error .NET fails on: with a sink, reported and passed over; without, returned.
    pub(super) fn reject(&mut self, code: Code, offset: usize, message: String) -> Result<()> {
        if self.sink.is_some() {
            let position = self.r.position(offset);
            self.report(code, position, message);
            Ok(())
        } else {
            let error = self.r.error_at(Category::Data, offset, message);
            Err(match code.fact() {
                Some(fact) => error.with_fact(fact),
                None => error,
            })
        }
    }

    /// A finding this crate does not fail on; the message is built only with a sink.
    pub(super) fn note(&mut self, code: Code, offset: usize, message: impl FnOnce() -> String) {
        if self.sink.is_some() {
            let position = self.r.position(offset);
            self.report(code, position, message());
        }
    }

    #[cold]
    fn report(&mut self, code: Code, position: Position, message: String) {
        if let Some(sink) = self.sink.as_mut() {
            sink(Finding::new(code, position, self.path.clone(), message));
        }
    }

    /// Reports what the reader noticed since the last call: control-character references
    /// always, the first carriage return when `in_string` (a string value was just read).
    pub(super) fn flush_notices(&mut self, in_string: bool) {
        if self.sink.is_some() {
            self.report_notices(in_string);
        }
    }

    #[cold]
    fn report_notices(&mut self, in_string: bool) {
        let mut carriage_return = false;
        for notice in self.r.take_notices() {
            match notice {
                Notice::ControlReference { offset, ch } => self.note(Code::ControlCharacter, offset, || {
                    format!(
                        "a reference to the control character U+{:04X}: ServiceStack's reader (XmlReader.Create) \
                         fails on it; only WCF's reader accepts it",
                        ch as u32
                    )
                }),
                Notice::RawCarriageReturn { offset } if in_string && !carriage_return => {
                    carriage_return = true;
                    self.note(Code::CarriageReturn, offset, || {
                        "a raw carriage return: XML end-of-line normalization reads it as a newline, so .NET never \
                         sees it (write &#xD; to keep it)"
                            .into()
                    });
                }
                Notice::CarriageReturnReference { offset } if in_string && !carriage_return => {
                    carriage_return = true;
                    self.note(Code::CarriageReturn, offset, || {
                        "a carriage return (&#xD;): .NET reads it, but ServiceStack writes a carriage return as a \
                         newline, so a response from Evo never holds one"
                            .into()
                    });
                }
                Notice::RawCarriageReturn { .. } | Notice::CarriageReturnReference { .. } => {}
            }
        }
    }
}

/// What .NET leaves in a member of this kind when the document does not have it.
fn default_description(kind: MemberKind) -> String {
    match kind {
        MemberKind::Bool => "false".into(),
        MemberKind::Enum(info) => {
            let members = info().members();
            let zero = members.iter().find(|(_, value)| *value == 0).or(members.first());
            zero.map_or_else(|| "0".into(), |(name, _)| (*name).into())
        }
        _ => "null".into(),
    }
}

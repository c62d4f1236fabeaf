//! Findings: what a document would mean to .NET, reported with a stable code.
//!
//! Errors are what .NET's reader (or this crate's) would reject; warnings are what .NET
//! would accept but silently drop, default or change. The validator
//! ([`crate::validate`]) produces findings; the XML decoder reports them as it reads when
//! asked to.
//!
//! | code | name | severity | what |
//! | --- | --- | --- | --- |
//! | `E001` | `malformed-xml` | error | not well-formed XML, not UTF-8, a character XML forbids |
//! | `E002` | `malformed-json` | error | not well-formed JSON |
//! | `E003` | `wrong-root` | error | the root is not the expected contract (or is nil) |
//! | `E004` | `invalid-boolean` | error | a `bool` that is not `true`, `false`, `1` or `0` |
//! | `E005` | `invalid-enum` | error | an enum value that cannot be a member name, or a known name in the wrong case |
//! | `E006` | `null-value-type` | error | `i:nil` on a `bool` or an enum (JSON: `null` on an enum) |
//! | `E007` | `dtd` | error | a document type declaration |
//! | `E008` | `control-character` | error | a reference to a control character (`&#x1;`) |
//! | `E009` | `invalid-content` | error | text where members belong, a bad dictionary entry, a null list item |
//! | `E010` | `wrong-type` | error | a JSON value of the wrong type for its member |
//! | `E011` | `too-large` | error | beyond ServiceStack's 1 MiB of characters, or past a reading limit |
//! | `E012` | `more-errors` | error | more errors than `max_findings`, counted but not listed |
//! | `W001` | `unknown-member` | warning | an element or property the contract does not have |
//! | `W002` | `wrong-namespace` | warning | a member's name in another namespace |
//! | `W003` | `out-of-order` | warning | a member after one that comes later in the contract |
//! | `W004` | `repeated-member` | warning | a member that appears again |
//! | `W005` | `missing-member` | warning | a member that is not there |
//! | `W006` | `unknown-enum-name` | warning | an enum name the contracts do not have (yet) |
//! | `W007` | `carriage-return` | warning | a carriage return in XML text, which .NET or ServiceStack loses |
//! | `W008` | `null-as-false` | warning | a JSON `null` on a bool, which ServiceStack reads as false |
//! | `W009` | `more-warnings` | warning | more warnings than `max_findings`, counted but not listed |

use crate::error::{Category, Error, Fact, MemberPath, Position};
use std::fmt;

/// How serious a [`Finding`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// .NET would accept the document but drop, default or change some of its data.
    Warning,
    /// .NET would reject the document (or this crate cannot read it).
    Error,
}

impl Severity {
    /// `"error"` or `"warning"`.
    ///
    /// ```
    /// use evovoice_contracts::diagnostic::Severity;
    /// assert_eq!(Severity::Error.as_str(), "error");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($($variant:ident = $id:literal, $name:literal, $severity:ident, $summary:literal;)*) => {
        /// A stable identifier of one kind of finding (see the table in the
        /// [module docs](self)). The ids (`E004`) and names (`invalid-boolean`) never
        /// change meaning; new kinds get new ids.
        ///
        /// ```
        /// use evovoice_contracts::diagnostic::{Code, Severity};
        ///
        /// assert_eq!(Code::InvalidBoolean.id(), "E004");
        /// assert_eq!(Code::InvalidBoolean.name(), "invalid-boolean");
        /// assert_eq!(Code::OutOfOrder.severity(), Severity::Warning);
        /// assert_eq!(Code::from_id("W003"), Some(Code::OutOfOrder));
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = concat!("`", $id, "` `", $name, "`: ", $summary)]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in id order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The short id: `E` for errors, `W` for warnings, then three digits.
            pub fn id(self) -> &'static str {
                match self {
                    $(Code::$variant => $id,)*
                }
            }

            /// The kebab-case name.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// Whether findings of this kind are errors or warnings.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// One line on what the code is about.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }
        }
    };
}

codes! {
    MalformedXml = "E001", "malformed-xml", Error, "not well-formed XML, not UTF-8, or a character XML forbids";
    MalformedJson = "E002", "malformed-json", Error, "not well-formed JSON";
    WrongRoot = "E003", "wrong-root", Error, "the root is not the expected contract, or is nil";
    InvalidBoolean = "E004", "invalid-boolean", Error, "a bool that is not true, false, 1 or 0";
    InvalidEnum = "E005", "invalid-enum", Error, "an enum value that cannot be a member name, or a known name in the wrong case";
    NullValueType = "E006", "null-value-type", Error, "nil on a bool or an enum, or null on an enum";
    Dtd = "E007", "dtd", Error, "a document type declaration";
    ControlCharacter = "E008", "control-character", Error, "a reference to a control character";
    InvalidContent = "E009", "invalid-content", Error, "text where members belong, a bad dictionary entry, a null list item";
    WrongType = "E010", "wrong-type", Error, "a JSON value of the wrong type for its member";
    TooLarge = "E011", "too-large", Error, "beyond ServiceStack's 1 MiB of characters, or past a reading limit";
    MoreErrors = "E012", "more-errors", Error, "more errors than max_findings, counted but not listed";
    UnknownMember = "W001", "unknown-member", Warning, "an element or property the contract does not have";
    WrongNamespace = "W002", "wrong-namespace", Warning, "a member's name in another namespace";
    OutOfOrder = "W003", "out-of-order", Warning, "a member after one that comes later in the contract";
    RepeatedMember = "W004", "repeated-member", Warning, "a member that appears again";
    MissingMember = "W005", "missing-member", Warning, "a member that is not there";
    UnknownEnumName = "W006", "unknown-enum-name", Warning, "an enum name the contracts do not have (yet)";
    CarriageReturn = "W007", "carriage-return", Warning, "a carriage return in XML text, which .NET or ServiceStack loses";
    NullAsFalse = "W008", "null-as-false", Warning, "a JSON null on a bool, which ServiceStack reads as false";
    MoreWarnings = "W009", "more-warnings", Warning, "more warnings than max_findings, counted but not listed";
}

impl Code {
    /// The code of the finding that `error`, which stopped a reader, becomes; `syntax` is
    /// the code of a syntax error in the reader's format.
    pub(crate) fn of_error(error: &Error, syntax: Code) -> Code {
        match error.fact() {
            Some(Fact::WrongRoot) => Code::WrongRoot,
            Some(Fact::InvalidBoolean) => Code::InvalidBoolean,
            Some(Fact::InvalidEnum) => Code::InvalidEnum,
            Some(Fact::NullValueType) => Code::NullValueType,
            Some(Fact::Dtd) => Code::Dtd,
            Some(Fact::ControlCharacter) => Code::ControlCharacter,
            Some(Fact::InvalidContent) => Code::InvalidContent,
            Some(Fact::WrongType) => Code::WrongType,
            Some(Fact::TooLarge) => Code::TooLarge,
            None => match error.category() {
                Category::Syntax => syntax,
                Category::Limit => Code::TooLarge,
                _ => Code::InvalidContent,
            },
        }
    }

    /// The fact an error of this code carries, for the errors a reader returns.
    pub(crate) fn fact(self) -> Option<Fact> {
        Some(match self {
            Code::WrongRoot => Fact::WrongRoot,
            Code::InvalidBoolean => Fact::InvalidBoolean,
            Code::InvalidEnum => Fact::InvalidEnum,
            Code::NullValueType => Fact::NullValueType,
            Code::Dtd => Fact::Dtd,
            Code::ControlCharacter => Fact::ControlCharacter,
            Code::InvalidContent => Fact::InvalidContent,
            Code::WrongType => Fact::WrongType,
            Code::TooLarge => Fact::TooLarge,
            _ => return None,
        })
    }

    /// The code with this id (`"E004"`) or name (`"invalid-boolean"`).
    pub fn from_id(id: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.id() == id || c.name() == id)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One problem in one document: what, where in the text, where in the value, and why.
///
/// ```
/// use evovoice_contracts::diagnostic::{Code, Severity};
/// use evovoice_contracts::validate::validate_xml;
///
/// let doc = br#"<AppGetActiveSessionsResult xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal"><Sessions i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"/><Extra/></AppGetActiveSessionsResult>"#;
/// let findings = validate_xml(doc);
/// assert_eq!(findings.len(), 1);
/// let f = &findings[0];
/// assert_eq!(f.code(), Code::UnknownMember);
/// assert_eq!(f.severity(), Severity::Warning);
/// assert_eq!((f.line(), f.column()), (1, 174));
/// assert!(f.message().contains(".NET skips it"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    code: Code,
    position: Position,
    path: MemberPath,
    message: String,
}

impl Finding {
    /// A finding of `code` at `position`, in the member at `path`.
    pub fn new(code: Code, position: Position, path: MemberPath, message: impl Into<String>) -> Self {
        Finding { code, position, path, message: message.into() }
    }
    /// The kind of finding.
    pub fn code(&self) -> Code {
        self.code
    }
    /// Error or warning (from the code).
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
    /// Where in the document: line, column and byte offset.
    pub fn position(&self) -> Position {
        self.position
    }
    /// The line, from 1.
    pub fn line(&self) -> usize {
        self.position.line
    }
    /// The column in characters, from 1.
    pub fn column(&self) -> usize {
        self.position.column
    }
    /// The member the finding is about (the root when empty).
    pub fn path(&self) -> &MemberPath {
        &self.path
    }
    /// What is wrong and what .NET does with it.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The error a reader that stops at this finding returns: the same message, place,
    /// member path and kind.
    pub(crate) fn into_error(self) -> Error {
        let category = if self.code == Code::TooLarge { Category::Limit } else { Category::Data };
        let error = Error::new(category, self.message).at(self.position).with_path(&self.path);
        match self.code.fact() {
            Some(fact) => error.with_fact(fact),
            None => error,
        }
    }
}

impl fmt::Display for Finding {
    /// `line:column: severity[code]: path: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}[{}]: ", self.position.line, self.position.column, self.severity(), self.code)?;
        if !self.path.is_root() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_in_the_module_docs_lists_every_code() {
        let source = include_str!("diagnostic.rs");
        for code in Code::ALL {
            let row = format!("//! | `{}` | `{}` | {} |", code.id(), code.name(), code.severity());
            assert!(source.contains(&row), "{row}");
        }
    }

    #[test]
    fn ids_are_unique_and_say_the_severity() {
        for (i, code) in Code::ALL.iter().enumerate() {
            let prefix = if code.severity() == Severity::Error { 'E' } else { 'W' };
            assert!(code.id().starts_with(prefix) && code.id().len() == 4, "{code:?}");
            assert!(Code::ALL[..i].iter().all(|c| c.id() != code.id() && c.name() != code.name()));
            assert_eq!(Code::from_id(code.name()), Some(*code));
        }
    }
}

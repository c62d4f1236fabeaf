//! Fixture validation: every problem in a document, each with what .NET would do about it.
//!
//! A fixture (a saved response of `GET /portal/active-sessions`) can be well-formed and
//! still not mean what its author thinks once .NET reads it: an element in the wrong
//! namespace is skipped, a member out of order is dropped, `True` is not a boolean. The
//! validator reads a document the way .NET does and reports each such problem as a
//! [`Finding`], with a stable [`Code`], a [`Severity`], the line and column, the member
//! path and a message that says what .NET would do. It does not stop at the first problem.
//!
//! - XML is read by the crate's own decoder, which observes what .NET would drop or
//!   default, and goes on after data errors.
//! - JSON is checked against the conventions of ServiceStack.Text as Evo uses them (see
//!   `CONTRACTS.md`): names match case-insensitively, enums are names in any case or
//!   numbers, null members may be left out (so a missing member is no finding in JSON),
//!   unknown properties are ignored by the server (a warning here).
//!
//! The codes are listed in [`crate::diagnostic`].
//!
//! ```
//! use evovoice_contracts::format::Format;
//! use evovoice_contracts::validate::{validate, Code};
//!
//! let doc = std::fs::read("fixtures/xml/seed-sample.xml").unwrap();
//! assert!(validate(&doc, Format::Xml).is_empty());
//!
//! let bad = String::from_utf8(doc).unwrap().replace("<d2p1:Ended>false", "<d2p1:Ended>False");
//! let findings = validate(bad.as_bytes(), Format::Xml);
//! assert_eq!(findings[0].code(), Code::InvalidBoolean);
//! assert_eq!(findings[0].path().to_string(), "Sessions[0].Ended");
//! ```

mod json;
mod json_tree;
mod xml;

pub use crate::diagnostic::{Code, Finding, Severity};

use crate::document::DocumentKind;
use crate::format::Format;

/// How to validate.
#[derive(Clone, Debug, Default)]
pub struct ValidateOptions {
    root: Option<DocumentKind>,
}

impl ValidateOptions {
    /// The defaults: the contract is the one the document's root names (XML), or the one
    /// whose members match most of the top-level properties (JSON; the result when none
    /// match).
    pub fn new() -> Self {
        ValidateOptions::default()
    }

    /// Expects the document to be a `root`; another root element is then an error.
    ///
    /// ```
    /// use evovoice_contracts::document::DocumentKind;
    /// use evovoice_contracts::validate::{validate_xml_with, Code, ValidateOptions};
    ///
    /// let error = std::fs::read("fixtures/xml/edges/error-response.servicestack.xml").unwrap();
    /// let options = ValidateOptions::new().root(DocumentKind::AppGetActiveSessionsResult);
    /// assert_eq!(validate_xml_with(&error, &options)[0].code(), Code::WrongRoot);
    /// ```
    pub fn root(mut self, root: DocumentKind) -> Self {
        self.root = Some(root);
        self
    }
}

/// Validates a document in `format` with the default options.
pub fn validate(bytes: &[u8], format: Format) -> Vec<Finding> {
    validate_with(bytes, format, &ValidateOptions::new())
}

/// Validates a document in `format`.
pub fn validate_with(bytes: &[u8], format: Format, options: &ValidateOptions) -> Vec<Finding> {
    match format {
        Format::Xml => validate_xml_with(bytes, options),
        Format::Json => validate_json_with(bytes, options),
    }
}

/// Validates an XML document with the default options: every finding, in document order.
pub fn validate_xml(bytes: &[u8]) -> Vec<Finding> {
    validate_xml_with(bytes, &ValidateOptions::new())
}

/// Validates an XML document: every finding, in document order.
pub fn validate_xml_with(bytes: &[u8], options: &ValidateOptions) -> Vec<Finding> {
    sorted(xml::validate(bytes, options))
}

/// Validates a JSON document with the default options: every finding, in document order.
///
/// ```
/// use evovoice_contracts::validate::{validate_json, Code};
///
/// let findings = validate_json(br#"{"sessions":[{"callState":"ringing","ended":"yes","colour":1}]}"#);
/// let codes: Vec<Code> = findings.iter().map(|f| f.code()).collect();
/// assert_eq!(codes, [Code::InvalidBoolean, Code::UnknownMember]);
/// ```
pub fn validate_json(bytes: &[u8]) -> Vec<Finding> {
    validate_json_with(bytes, &ValidateOptions::new())
}

/// Validates a JSON document: every finding, in document order.
pub fn validate_json_with(bytes: &[u8], options: &ValidateOptions) -> Vec<Finding> {
    sorted(json::validate(bytes, options))
}

fn sorted(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by_key(|f| f.position().offset);
    findings
}

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
mod xml;

pub use crate::diagnostic::{Code, Finding, Severity};

use crate::document::DocumentKind;
use crate::error::{Category, Error, MemberPath, Position};
use crate::format::Format;
use crate::limits::ReadOptions;

/// The default of [`ValidateOptions::max_findings`].
pub const DEFAULT_MAX_FINDINGS: usize = 1000;

/// How to validate.
#[derive(Clone, Debug)]
pub struct ValidateOptions {
    root: Option<DocumentKind>,
    read: ReadOptions,
    max_findings: usize,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions { root: None, read: ReadOptions::new(), max_findings: DEFAULT_MAX_FINDINGS }
    }
}

impl ValidateOptions {
    /// The defaults: the contract is the one the document's root names (XML), or the one
    /// the first known property decides, as [`Document::from_json`](crate::document::Document::from_json)
    /// chooses (JSON); the decoder's default limits; at most
    /// [`DEFAULT_MAX_FINDINGS`] findings of each severity kept.
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

    /// Reads with these limits (the decoder's, [`ReadOptions::new`], by default): a document
    /// over one is an [`E011`](Code::TooLarge) error, as decoding it fails.
    pub fn read_options(mut self, read: ReadOptions) -> Self {
        self.read = read;
        self
    }

    /// Keeps at most `max` findings of each severity; the others are counted, and one
    /// last finding, placed where the list was cut, says how many there were ([`E012`](Code::MoreErrors),
    /// [`W009`](Code::MoreWarnings)). Memory then stays bounded however many problems a
    /// document has.
    ///
    /// ```
    /// use evovoice_contracts::validate::{validate_xml_with, Code, ValidateOptions};
    ///
    /// let mut doc = String::from(r#"<AppGetActiveSessionsResult xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal">"#);
    /// doc.push_str(&"<Extra/>".repeat(50));
    /// doc.push_str("</AppGetActiveSessionsResult>");
    /// let findings = validate_xml_with(doc.as_bytes(), &ValidateOptions::new().max_findings(10));
    /// assert_eq!(findings.len(), 11);
    /// assert_eq!(findings[10].code(), Code::MoreWarnings);
    /// // 50 unknown members and the missing `Sessions`: 51 warnings, 10 listed.
    /// assert!(findings[10].message().starts_with("41 more warnings"));
    /// ```
    pub fn max_findings(mut self, max: usize) -> Self {
        self.max_findings = max;
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
    collect(options, |sink| xml::validate(bytes, options, sink))
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
    collect(options, |sink| json::validate(bytes, options, sink))
}

/// Runs `validate` with a sink that keeps at most `max_findings` findings of each
/// severity, and returns them in document order, followed by what was left out.
fn collect(options: &ValidateOptions, validate: impl FnOnce(&mut dyn FnMut(Finding))) -> Vec<Finding> {
    let mut kept = Vec::new();
    let (mut errors, mut warnings) = (0usize, 0usize);
    // Where each severity's list was cut: the first finding left out.
    let (mut cut_errors, mut cut_warnings) = (None, None);
    validate(&mut |finding: Finding| {
        let (count, cut) = match finding.severity() {
            Severity::Error => (&mut errors, &mut cut_errors),
            Severity::Warning => (&mut warnings, &mut cut_warnings),
        };
        *count += 1;
        if *count <= options.max_findings {
            kept.push(finding);
        } else if cut.is_none() {
            *cut = Some(finding.position());
        }
    });
    kept.sort_by_key(|f| f.position().offset);
    let omitted =
        [(errors, cut_errors, Code::MoreErrors, "errors"), (warnings, cut_warnings, Code::MoreWarnings, "warnings")];
    for (count, cut, code, what) in omitted {
        if let Some(position) = cut {
            let more = count - options.max_findings;
            let message = format!("{more} more {what}, not listed (max_findings is {})", options.max_findings);
            kept.push(Finding::new(code, position, MemberPath::new(), message));
        }
    }
    kept
}

/// The finding an error that stopped a reader becomes; `syntax` is the code of a syntax
/// error in its format, `reader` who fails on it (".NET", "ServiceStack").
fn stopped_at(error: &Error, syntax: Code, reader: &str) -> Finding {
    let code = Code::of_error(error, syntax);
    let position = error.position().unwrap_or(Position::START);
    let message = error.message();
    let message = if message.contains(".NET") || message.contains("ServiceStack") {
        message.to_owned()
    } else if error.category() == Category::Limit {
        format!("{message}; this crate stops reading there")
    } else {
        format!("{message}; {reader} fails")
    };
    Finding::new(code, position, error.path().clone(), message)
}

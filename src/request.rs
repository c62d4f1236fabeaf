//! The request of `GET /portal/active-sessions` as it travels over HTTP: method, path,
//! query string and `Accept` header.
//!
//! ServiceStack's C# client puts the request's non-null properties in the query string
//! under their declared names, in declaration order, each value escaped like .NET's
//! `Uri.EscapeDataString`; it asks for a format with `Accept` ([`Format::accept`](crate::format::Format::accept)). The
//! server matches parameter names in any case.
//!
//! ```
//! use evovoice_contracts::app::portal::AppGetActiveSessions;
//! use evovoice_contracts::format::Format;
//!
//! let mut request = AppGetActiveSessions::default();
//! request.account_id = Some("AC 1/2".into());
//! request.start_date = Some("2024-05-01T00:00:00Z".into());
//! assert_eq!((AppGetActiveSessions::METHOD, AppGetActiveSessions::PATH), ("GET", "/portal/active-sessions"));
//! assert_eq!(request.query_string(), "AccountId=AC%201%2F2&StartDate=2024-05-01T00%3A00%3A00Z");
//! assert_eq!(
//!     request.path_and_query(),
//!     "/portal/active-sessions?AccountId=AC%201%2F2&StartDate=2024-05-01T00%3A00%3A00Z"
//! );
//! assert_eq!(Format::Json.accept(), "application/json");
//!
//! // A server (or a mock) reads it back, names in any case.
//! let parsed = AppGetActiveSessions::from_query_string("?accountid=AC+1%2F2&STARTDATE=2024-05-01T00:00:00Z");
//! assert_eq!(parsed, request);
//! ```
//!
//! The request also travels as a body: ServiceStack accepts the request DTO as XML or
//! JSON, which [`xml`](crate::xml) and [`json`](crate::json) write like any contract.

use crate::app::portal::AppGetActiveSessions;
use crate::contract::{Contract, FieldMut, FieldRef, Object};

impl AppGetActiveSessions {
    /// The HTTP method.
    pub const METHOD: &'static str = "GET";
    /// The path, relative to the API's base URL.
    pub const PATH: &'static str = "/portal/active-sessions";

    /// The query string (without `?`): the non-null members, `Name=value` joined with
    /// `&`; empty when every member is null.
    pub fn query_string(&self) -> String {
        query_string(self)
    }

    /// [`PATH`](Self::PATH), then `?` and the query string when it is not empty.
    pub fn path_and_query(&self) -> String {
        let query = self.query_string();
        if query.is_empty() {
            Self::PATH.to_owned()
        } else {
            format!("{}?{query}", Self::PATH)
        }
    }

    /// Reads a query string (with or without its leading `?`) as ServiceStack's server
    /// does: names in any case, `+` and `%XX` decoded (a malformed `%` kept as it is,
    /// bytes that are not UTF-8 replaced with U+FFFD), unknown names ignored, and a
    /// repeated name giving its values joined with `,` (as ASP.NET's query collection).
    ///
    /// ```
    /// use evovoice_contracts::app::portal::AppGetActiveSessions;
    ///
    /// let r = AppGetActiveSessions::from_query_string("CustomerId=a&format=json&customerId=b&StartDate=");
    /// assert_eq!(r.customer_id.as_deref(), Some("a,b"));
    /// assert_eq!(r.start_date.as_deref(), Some(""));
    /// assert_eq!(r.account_id, None);
    /// ```
    pub fn from_query_string(query: &str) -> Self {
        from_query_string(query)
    }
}

/// Escapes `text` like .NET's `Uri.EscapeDataString`: `A`–`Z`, `a`–`z`, `0`–`9`, `-`,
/// `.`, `_` and `~` as they are, every other byte of the UTF-8 encoding as `%XX`
/// (uppercase hex).
///
/// ```
/// use evovoice_contracts::request::escape_data_string;
///
/// assert_eq!(escape_data_string("a b+c/é~"), "a%20b%2Bc%2F%C3%A9~");
/// ```
pub fn escape_data_string(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    out
}

/// The query string of a request whose members are strings (all of
/// [`AppGetActiveSessions`]'s are; ServiceStack would write other kinds in its JSV
/// format, which this crate does not speak).
fn query_string(value: &dyn Object) -> String {
    let mut out = String::new();
    for member in value.contract().declaration_members() {
        if let FieldRef::String(Some(text)) = value.field(member.slot()) {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(member.name());
            out.push('=');
            out.push_str(&escape_data_string(text));
        }
    }
    out
}

fn from_query_string<T: Contract>(query: &str) -> T {
    let mut value = T::default();
    let members = T::info().declaration_members();
    let query = query.strip_prefix('?').unwrap_or(query);
    for pair in query.split('&') {
        // A piece without `=` has no name in ASP.NET's collection: nothing to set.
        let Some((name, text)) = pair.split_once('=') else { continue };
        let name = unescape(name);
        let Some(member) = members.iter().find(|m| m.name().eq_ignore_ascii_case(&name)) else { continue };
        if let FieldMut::String(slot) = value.field_mut(member.slot()) {
            let text = unescape(text);
            match slot {
                Some(earlier) => {
                    earlier.push(',');
                    earlier.push_str(&text);
                }
                None => *slot = Some(text),
            }
        }
    }
    value
}

/// Decodes one query-string component: `+` is a space, `%XX` a byte.
fn unescape(component: &str) -> String {
    let bytes = component.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (bytes.get(i + 1).and_then(hex), bytes.get(i + 2).and_then(hex)) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn hex(digit: &u8) -> Option<u8> {
    char::from(*digit).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

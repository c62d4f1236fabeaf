//! Property tests: decoding into a value that held another one (`from_slice_into`) gives
//! what a fresh decode gives, in both XML dialects and in JSON, whatever the value held;
//! a document that fails gives a fresh decode's error.

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::arbitrary::{self as strategies, Chars};
use evovoice_contracts::json::{self, JsonOptions, Naming};
use evovoice_contracts::servicestack::ErrorResponse;
use evovoice_contracts::sessions::SessionInfo;
use evovoice_contracts::xml::{self, Dialect, XmlOptions};
use evovoice_contracts::{Contract, Error};
use proptest::prelude::*;

/// What an error says, for comparing two.
fn facts(error: &Error) -> (String, String, usize, usize, String) {
    (
        format!("{:?}", error.category()),
        error.message().to_owned(),
        error.line(),
        error.column(),
        error.path().to_string(),
    )
}

/// Decodes `bytes` into a clone of `old` and into a default value; both must agree.
fn agree<T: Contract>(
    old: &T,
    bytes: &[u8],
    into: fn(&[u8], &mut T) -> evovoice_contracts::Result<()>,
    fresh: fn(&[u8]) -> evovoice_contracts::Result<T>,
) -> Result<(), TestCaseError> {
    let mut reused = old.clone();
    match (into(bytes, &mut reused), fresh(bytes)) {
        (Ok(()), Ok(expected)) => prop_assert_eq!(reused, expected),
        (Err(got), Err(expected)) => prop_assert_eq!(facts(&got), facts(&expected)),
        (got, expected) => prop_assert!(false, "reused: {:?}, fresh: {:?}", got.err(), expected.err()),
    }
    Ok(())
}

fn xml_agree<T: Contract>(old: &T, bytes: &[u8]) -> Result<(), TestCaseError> {
    agree(old, bytes, xml::from_slice_into::<T>, xml::from_slice::<T>)
}

fn json_agree<T: Contract>(old: &T, bytes: &[u8]) -> Result<(), TestCaseError> {
    agree(old, bytes, json::from_slice_into::<T>, json::from_slice::<T>)
}

/// Every XML and JSON form of `new`, each decoded into what held `old`, whole and cut short.
fn all_forms<T: Contract>(old: &T, new: &T) -> Result<(), TestCaseError> {
    let servicestack = xml::to_vec_with(new, &XmlOptions::new());
    let wcf = xml::to_vec_with(new, &XmlOptions::new().dialect(Dialect::Wcf));
    for bytes in [servicestack, wcf].into_iter().flatten() {
        xml_agree(old, &bytes)?;
        xml_agree(old, &bytes[..bytes.len() / 2])?;
    }
    for naming in [Naming::CamelCase, Naming::PascalCase] {
        let bytes = json::to_vec_with(new, &JsonOptions::new().naming(naming)).unwrap();
        json_agree(old, &bytes)?;
        json_agree(old, &bytes[..bytes.len() / 2])?;
    }
    Ok(())
}

/// `doc` without one element whose local name is `name` (the `nth` of them, wrapping) and
/// what it holds; `None` when it has none.
fn without(doc: &str, name: &str, nth: usize) -> Option<String> {
    // Each tag: where it starts and ends, whether it is an end tag, whether it closes itself,
    // and its local name.
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(lt) = doc[at..].find('<').map(|i| at + i) {
        let gt = lt + doc[lt..].find('>')?;
        let inner = &doc[lt + 1..gt];
        let end = inner.starts_with('/');
        let qname = inner.trim_start_matches('/').split([' ', '/']).next().unwrap_or("");
        let local = qname.rsplit(':').next().unwrap_or("");
        tags.push((lt, gt + 1, end, inner.ends_with('/'), local == name));
        at = gt + 1;
    }
    let starts: Vec<usize> = (0..tags.len()).filter(|&i| tags[i].4 && !tags[i].2).collect();
    let first = *starts.get(nth % starts.len().max(1))?;
    let mut depth = 0usize;
    for &(_, end_offset, is_end, empty, named) in &tags[first..] {
        if !named {
            continue;
        }
        match (is_end, empty) {
            (false, true) => {}
            (false, false) => depth += 1,
            (true, _) => depth -= 1,
        }
        if depth == 0 {
            return Some(format!("{}{}", &doc[..tags[first].0], &doc[end_offset..]));
        }
    }
    None
}

/// Member and item elements the edits below leave out.
const ELEMENTS: &[&str] = &[
    "Ended",
    "CallState",
    "AccountId",
    "Id",
    "Members",
    "Log",
    "CustomerBreadcrumb",
    "ConsoleData",
    "ApplicationData",
    "Muted",
    "Sessions",
    "SessionInfo",
    "SessionMemberInfo",
    "ResponseStatus",
    "Errors",
    "Meta",
    "ErrorCode",
    "Message",
    "KeyValueOfstringstring",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn result_into_another_equals_a_fresh_decode(
        old in strategies::result(Chars::Any),
        new in strategies::result(Chars::Any),
    ) {
        all_forms(&old, &new)?;
        // Into the value itself, and into a default one.
        all_forms(&new, &new)?;
        all_forms(&AppGetActiveSessionsResult::default(), &new)?;
    }

    #[test]
    fn session_into_another_equals_a_fresh_decode(
        old in strategies::session(Chars::Xml),
        new in strategies::session(Chars::Xml),
    ) {
        all_forms::<SessionInfo>(&old, &new)?;
    }

    #[test]
    fn error_response_into_another_equals_a_fresh_decode(
        old in strategies::error_response(Chars::Xml),
        new in strategies::error_response(Chars::Xml),
    ) {
        all_forms::<ErrorResponse>(&old, &new)?;
    }

    /// XML without some of its members and items: still what a fresh decode gives (the
    /// members left out are at their defaults).
    #[test]
    fn xml_missing_members_into_another_equals_a_fresh_decode(
        old in strategies::result(Chars::Xml),
        new in strategies::result(Chars::Xml),
        edits in proptest::collection::vec((0..ELEMENTS.len(), 0usize..8), 1..4),
        wcf in any::<bool>(),
    ) {
        let options = XmlOptions::new().dialect(if wcf { Dialect::Wcf } else { Dialect::ServiceStack });
        let mut doc = xml::to_string_with(&new, &options).unwrap();
        for (name, nth) in edits {
            doc = without(&doc, ELEMENTS[name], nth).unwrap_or(doc);
        }
        xml_agree(&old, doc.as_bytes())?;
        xml_agree(&new, doc.as_bytes())?;
    }

    #[test]
    fn error_response_missing_members_into_another_equals_a_fresh_decode(
        old in strategies::error_response(Chars::Xml),
        new in strategies::error_response(Chars::Xml),
        edits in proptest::collection::vec((0..ELEMENTS.len(), 0usize..8), 1..4),
    ) {
        let mut doc = xml::to_string(&new).unwrap();
        for (name, nth) in edits {
            doc = without(&doc, ELEMENTS[name], nth).unwrap_or(doc);
        }
        xml_agree(&old, doc.as_bytes())?;
    }

    /// JSON that repeats members, has nulls for bools and enums, and members in another
    /// order: still what a fresh decode gives.
    #[test]
    fn edited_json_into_another_equals_a_fresh_decode(
        old in strategies::session(Chars::Any),
        new in strategies::session(Chars::Any),
        edit in 0usize..5,
    ) {
        let text = json::to_string(&new).unwrap();
        let body = &text[1..text.len() - 1];
        let edited = match edit {
            0 => format!("{{{body},\"ended\":null,\"callState\":null}}"),
            1 => format!("{{\"callState\":null,\"members\":null,{body},\"members\":[]}}"),
            2 => format!("{{{body},{body}}}"),
            3 => "{\"ended\":null,\"callState\":null,\"members\":[{\"muted\":null,\"role\":null}]}".to_owned(),
            _ => format!("{{\"consoleData\":\"x\",\"log\":null,{body},\"members\":[{{}}],\"customerBreadcrumb\":null}}"),
        };
        json_agree(&old, edited.replace("{,", "{").replace(",}", "}").as_bytes())?;
    }
}

#[test]
fn large_documents_into_each_other() {
    let a = evovoice_contracts::generate::result(1, 300);
    let b = evovoice_contracts::generate::result(2, 200);
    for (old, new) in [(&a, &b), (&b, &a)] {
        let bytes = xml::to_vec(new).unwrap();
        let mut value = old.clone();
        xml::from_slice_into(&bytes, &mut value).unwrap();
        assert_eq!(&value, new);
        let bytes = json::to_vec(new).unwrap();
        let mut value = old.clone();
        json::from_slice_into(&bytes, &mut value).unwrap();
        assert_eq!(&value, new);
    }
}

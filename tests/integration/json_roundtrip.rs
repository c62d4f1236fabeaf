//! Property tests: any value → JSON → the equal value (with ServiceStack's defaults,
//! apart from dictionary entries whose value is null, which are left out and so come back
//! missing), in both namings, with names in any case; and any value → XML → JSON → XML →
//! the same bytes as the first XML.

use crate::common;

use crate::common::tree::Tree;
use common::json::{drop_null_dictionary_values, rename_members, sort_dictionaries};
use evovoice_contracts::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use evovoice_contracts::arbitrary::{self as strategies, Chars};
use evovoice_contracts::json::{self, JsonOptions, Naming};
use evovoice_contracts::servicestack::ErrorResponse;
use evovoice_contracts::sessions::{SessionInfo, SessionMemberInfo};
use evovoice_contracts::xml::{self, Dialect, XmlOptions};
use evovoice_contracts::Contract;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

fn keep_nulls() -> JsonOptions {
    JsonOptions::new().keep_null_dictionary_values(true)
}

/// `value` → JSON → value, with every option.
fn roundtrips<T: Contract + Tree + Debug + Serialize + DeserializeOwned>(value: &T) -> Result<(), TestCaseError> {
    let mut dropped = value.clone();
    drop_null_dictionary_values(&mut dropped);
    for naming in [Naming::CamelCase, Naming::PascalCase] {
        for pretty in [false, true] {
            let options = JsonOptions::new().naming(naming).pretty(pretty);
            let text = json::to_string_with(value, &options).unwrap();
            let back: T = json::from_str(&text).unwrap();
            prop_assert_eq!(&back, &dropped, "{}", text);
            // What is written is canonical: writing what was read gives the same text.
            prop_assert_eq!(json::to_string_with(&back, &options).unwrap(), text);

            let text = json::to_string_with(value, &options.keep_null_dictionary_values(true)).unwrap();
            prop_assert_eq!(&json::from_str::<T>(&text).unwrap(), value, "{}", text);
        }
    }
    // The serde implementations work through plain serde_json too (with its own
    // escaping, which reads back the same).
    let text = serde_json::to_string(value).unwrap();
    prop_assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), &dropped);
    Ok(())
}

fn recased<T: Contract + Debug>(value: &T, rename: &dyn Fn(&str) -> String) -> T {
    let text = json::to_string_with(value, &keep_nulls()).unwrap();
    let mut tree: serde_json::Value = serde_json::from_str(&text).unwrap();
    rename_members(&mut tree, rename);
    json::from_str(&tree.to_string()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn result_roundtrips(value in strategies::result(Chars::Any)) {
        roundtrips(&value)?;
    }

    #[test]
    fn other_contracts_roundtrip(
        session in strategies::session(Chars::Any),
        member in strategies::member(Chars::Any),
        error in strategies::error_response(Chars::Any),
        request in strategies::request(Chars::Any),
    ) {
        roundtrips::<SessionInfo>(&session)?;
        roundtrips::<SessionMemberInfo>(&member)?;
        roundtrips::<ErrorResponse>(&error)?;
        roundtrips::<AppGetActiveSessions>(&request)?;
    }

    /// Names in any case, members in any order (serde_json's `Value` sorts them, and the
    /// entries of dictionaries too).
    #[test]
    fn names_are_read_in_any_case(mut value in strategies::result(Chars::Any)) {
        sort_dictionaries(&mut value);
        prop_assert_eq!(&recased(&value, &|n| n.to_ascii_uppercase()), &value);
        prop_assert_eq!(&recased(&value, &|n| n.to_ascii_lowercase()), &value);
        let alternating = |n: &str| {
            n.chars().enumerate().map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect()
        };
        prop_assert_eq!(&recased(&value, &alternating), &value);
    }

    /// XML → JSON → XML gives the first XML's bytes: exactly when null dictionary values
    /// are kept, and the XML of the value without them otherwise.
    #[test]
    fn xml_to_json_to_xml_in_servicestack_dialect(value in strategies::result(Chars::Xml)) {
        through_json(&value, &XmlOptions::new())?;
    }

    /// The WCF dialect carries every character, so this covers control characters too.
    #[test]
    fn xml_to_json_to_xml_in_wcf_dialect(value in strategies::result(Chars::Any)) {
        through_json(&value, &XmlOptions::new().dialect(Dialect::Wcf))?;
    }

    #[test]
    fn error_response_xml_to_json_to_xml(value in strategies::error_response(Chars::Xml)) {
        let first = xml::to_vec_with(&value, &XmlOptions::new()).unwrap();
        let read: ErrorResponse = xml::from_slice(&first).unwrap();
        let back: ErrorResponse = json::from_slice(&json::to_vec_with(&read, &keep_nulls()).unwrap()).unwrap();
        prop_assert_eq!(xml::to_vec_with(&back, &XmlOptions::new()).unwrap(), first);
    }
}

fn through_json(value: &AppGetActiveSessionsResult, options: &XmlOptions) -> Result<(), TestCaseError> {
    let first = xml::to_vec_with(value, options).unwrap();
    let read: AppGetActiveSessionsResult = xml::from_slice(&first).unwrap();
    let back: AppGetActiveSessionsResult = json::from_slice(&json::to_vec_with(&read, &keep_nulls()).unwrap()).unwrap();
    prop_assert_eq!(xml::to_vec_with(&back, options).unwrap(), first);

    let back: AppGetActiveSessionsResult =
        json::from_slice(&json::to_vec_with(&read, &JsonOptions::new()).unwrap()).unwrap();
    let mut without_nulls = read.clone();
    drop_null_dictionary_values(&mut without_nulls);
    prop_assert_eq!(xml::to_vec_with(&back, options).unwrap(), xml::to_vec_with(&without_nulls, options).unwrap());
    Ok(())
}

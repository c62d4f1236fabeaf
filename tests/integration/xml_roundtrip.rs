//! Property tests: any value → XML → the equal value, in both dialects; values XML cannot
//! carry are an error naming the member, never a panic or invalid XML.

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::arbitrary::{self as strategies, Chars};
use evovoice_contracts::error::Category;
use evovoice_contracts::servicestack::ErrorResponse;
use evovoice_contracts::sessions::SessionInfo;
use evovoice_contracts::xml::{self, Dialect, XmlOptions};
use proptest::prelude::*;

fn wcf() -> XmlOptions {
    XmlOptions::new().dialect(Dialect::Wcf)
}

fn has_xml_forbidden(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}'))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn result_roundtrips_in_servicestack_dialect(value in strategies::result(Chars::Xml)) {
        let bytes = xml::to_vec_with(&value, &XmlOptions::new()).unwrap();
        let back: AppGetActiveSessionsResult = xml::from_slice(&bytes).unwrap();
        prop_assert_eq!(&back, &value);
        // Encoding is deterministic, so the bytes are canonical.
        prop_assert_eq!(xml::to_vec_with(&back, &XmlOptions::new()).unwrap(), bytes);
    }

    #[test]
    fn result_roundtrips_in_wcf_dialect_with_any_character(value in strategies::result(Chars::Any)) {
        let bytes = xml::to_vec_with(&value, &wcf()).unwrap();
        let back: AppGetActiveSessionsResult = xml::from_slice(&bytes).unwrap();
        prop_assert_eq!(back, value);
    }

    #[test]
    fn lone_session_roundtrips(value in strategies::session(Chars::Xml)) {
        let bytes = xml::to_vec_with(&value, &XmlOptions::new()).unwrap();
        prop_assert_eq!(xml::from_slice::<SessionInfo>(&bytes).unwrap(), value.clone());
        let bytes = xml::to_vec_with(&value, &wcf()).unwrap();
        prop_assert_eq!(xml::from_slice::<SessionInfo>(&bytes).unwrap(), value);
    }

    #[test]
    fn error_response_roundtrips(value in strategies::error_response(Chars::Xml)) {
        for options in [XmlOptions::new(), wcf()] {
            let bytes = xml::to_vec_with(&value, &options).unwrap();
            prop_assert_eq!(xml::from_slice::<ErrorResponse>(&bytes).unwrap(), value.clone());
        }
    }

    #[test]
    fn servicestack_dialect_refuses_what_xml_cannot_carry(value in strategies::result(Chars::Any)) {
        match xml::to_vec_with(&value, &XmlOptions::new()) {
            Ok(bytes) => {
                let back: AppGetActiveSessionsResult = xml::from_slice(&bytes).unwrap();
                prop_assert_eq!(back, value);
            }
            Err(e) => {
                prop_assert_eq!(e.category(), Category::Unencodable);
                prop_assert!(!e.path().is_root(), "no member path in {}", e);
                let text = format!("{value:?}");
                prop_assert!(has_xml_forbidden(&text) || text.contains("\\u{"), "{}", e);
            }
        }
    }
}

#[test]
fn an_unencodable_character_names_its_member() {
    let mut value = AppGetActiveSessionsResult::default();
    let mut session = SessionInfo::default();
    let mut member = evovoice_contracts::sessions::SessionMemberInfo::default();
    let mut data = evovoice_contracts::Dictionary::new();
    data.insert("ok", Some("fine"));
    data.insert("bell", Some("ding\u{7}"));
    member.application_data = Some(data);
    session.members = Some(vec![Default::default(), member]);
    value.sessions = Some(vec![Default::default(), session]);
    let err = xml::to_vec_with(&value, &XmlOptions::new()).unwrap_err();
    assert_eq!(err.category(), Category::Unencodable);
    assert_eq!(err.path().to_string(), r#"Sessions[1].Members[1].ApplicationData["bell"]"#);
    assert!(err.message().contains("U+0007"), "{err}");
    // The WCF dialect carries it as a character reference.
    let bytes = xml::to_vec_with(&value, &wcf()).unwrap();
    assert!(String::from_utf8(bytes.clone()).unwrap().contains("ding&#x7;"));
    assert_eq!(xml::from_slice::<AppGetActiveSessionsResult>(&bytes).unwrap(), value);
}

#[test]
fn carriage_returns_survive_where_dotnet_loses_them() {
    let session = {
        let mut value = SessionInfo::default();
        value.console_data = Some("a\r\nb\rc".into());
        value
    };
    let value = {
        let mut value = AppGetActiveSessionsResult::default();
        value.sessions = Some(vec![session]);
        value
    };
    let text = xml::to_string(&value).unwrap();
    assert!(text.contains("<d2p1:ConsoleData>a&#xD;\nb&#xD;c</d2p1:ConsoleData>"), "{text}");
    assert_eq!(xml::from_str::<AppGetActiveSessionsResult>(&text).unwrap(), value);
}

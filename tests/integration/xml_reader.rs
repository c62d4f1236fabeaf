//! What the decoder accepts (everything .NET's reader does) and how it fails.

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::error::Category;
use evovoice_contracts::sessions::{SessionCallState, SessionInfo};
use evovoice_contracts::xml::{self, ReadOptions};

const PORTAL: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal";
const SESSIONS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Sessions";
const API: &str = "http://schemas.datacontract.org/2004/07/Voice.Api";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A result document holding one session whose content is `inner`.
fn one_session(inner: &str) -> String {
    format!(
        r#"<AppGetActiveSessionsResult xmlns="{PORTAL}" xmlns:i="{XSI}"><Sessions xmlns:s="{SESSIONS}"><s:SessionInfo>{inner}</s:SessionInfo></Sessions></AppGetActiveSessionsResult>"#
    )
}

fn session(inner: &str) -> SessionInfo {
    let result: AppGetActiveSessionsResult =
        xml::from_str(&one_session(inner)).unwrap_or_else(|e| panic!("{e}\n{}", one_session(inner)));
    result.sessions.unwrap().remove(0)
}

fn error(doc: &str) -> evovoice_contracts::Error {
    xml::from_str::<AppGetActiveSessionsResult>(doc).unwrap_err()
}

#[test]
fn any_prefixes_and_default_namespaces() {
    let doc = format!(
        r#"<p:AppGetActiveSessionsResult xmlns:p="{PORTAL}"><p:Sessions><SessionInfo xmlns="{SESSIONS}"><e:Id xmlns:e="{API}">x</e:Id><AccountId>a</AccountId></SessionInfo></p:Sessions></p:AppGetActiveSessionsResult>"#
    );
    let s = xml::from_str::<AppGetActiveSessionsResult>(&doc).unwrap().sessions.unwrap().remove(0);
    assert_eq!((s.entity.id.as_deref(), s.account_id.as_deref()), (Some("x"), Some("a")));
}

#[test]
fn whitespace_comments_bom_and_declaration() {
    let doc = format!(
        "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c -->\n{}\n<!-- after -->\n",
        one_session("\n  <!-- x -->&#32;<![CDATA[\t]]><s:AccountId><!--y-->a<!--z-->b</s:AccountId>&#xA;  ")
    );
    let s = xml::from_slice::<AppGetActiveSessionsResult>(doc.as_bytes()).unwrap().sessions.unwrap().remove(0);
    assert_eq!(s.account_id.as_deref(), Some("ab"));
}

#[test]
fn processing_instructions_are_refused_everywhere_as_by_dotnet() {
    for doc in [
        format!("<?pi?>{}", one_session("")),
        format!("{}<?pi?>", one_session("")),
        one_session("<?pi x?>"),
        one_session("<s:AccountId>a<?z?>b</s:AccountId>"),
        format!("<?xml-stylesheet href=\"a\"?>{}", one_session("")),
    ] {
        let e = error(&doc);
        assert_eq!(e.category(), Category::Syntax, "{doc}");
        assert!(e.message().contains("processing instruction"), "{e}");
    }
}

#[test]
fn cdata_references_and_entities() {
    let s = session("<s:AccountId>&lt;&#x41;&#66;&amp;&quot;&apos;&gt;<![CDATA[<&>]]></s:AccountId>");
    assert_eq!(s.account_id.as_deref(), Some("<AB&\"'><&>"));
}

#[test]
fn line_ends_are_normalized_but_a_referenced_carriage_return_is_kept() {
    let s = session("<s:AccountId>a\r\nb\rc&#xD;d<![CDATA[e\r\nf]]></s:AccountId>");
    assert_eq!(s.account_id.as_deref(), Some("a\nb\nc\rde\nf"));
}

#[test]
fn nil_under_any_prefix_and_as_1() {
    let doc = format!(
        r#"<AppGetActiveSessionsResult xmlns="{PORTAL}"><Sessions xmlns:x="{XSI}" x:nil="1"/></AppGetActiveSessionsResult>"#
    );
    assert_eq!(xml::from_str::<AppGetActiveSessionsResult>(&doc).unwrap().sessions, None);
    let s =
        session("<s:AccountId i:nil=\"false\">v</s:AccountId><s:AccountName i:nil=\"true\">ignored</s:AccountName>");
    assert_eq!((s.account_id.as_deref(), s.account_name), (Some("v"), None));
}

#[test]
fn booleans_as_dotnet_reads_them() {
    assert!(session("<s:Ended>1</s:Ended>").ended);
    assert!(session("<s:Ended> true\n</s:Ended>").ended);
    assert!(!session("<s:Ended>0</s:Ended>").ended);
    for bad in ["True", "yes", "", "t"] {
        let e = error(&one_session(&format!("<s:Ended>{bad}</s:Ended>")));
        assert_eq!(e.category(), Category::Data, "{bad}");
        assert_eq!(e.path().to_string(), "Sessions[0].Ended");
    }
}

#[test]
fn nil_on_a_value_type_is_an_error() {
    for member in ["Ended", "CallState"] {
        let e = error(&one_session(&format!("<s:{member} i:nil=\"true\"/>")));
        assert_eq!(e.category(), Category::Data);
        assert!(e.message().contains("cannot be null"), "{e}");
        assert_eq!(e.path().to_string(), format!("Sessions[0].{member}"));
    }
}

#[test]
fn unknown_enum_names_are_kept_and_written_back() {
    let s = session("<s:CallState>Parked</s:CallState>");
    assert_eq!(s.call_state, SessionCallState::Unknown("Parked".into()));
    let again = xml::to_string(&{
        let mut value = AppGetActiveSessionsResult::default();
        value.sessions = Some(vec![s]);
        value
    })
    .unwrap();
    assert!(again.contains("<d2p1:CallState>Parked</d2p1:CallState>"));
    for bad in ["", "ringing now", " Ringing", "3"] {
        let e = error(&one_session(&format!("<s:CallState>{bad}</s:CallState>")));
        assert_eq!(e.category(), Category::Data, "{bad:?}");
    }
}

#[test]
fn unknown_elements_are_skipped_however_deep() {
    let deep = "<u>".repeat(100) + &"</u>".repeat(100);
    let s = session(&format!("<s:Nope>{deep}</s:Nope><Id>wrong namespace</Id><s:AccountId>a</s:AccountId><s:Zzz/>"));
    assert_eq!((s.account_id.as_deref(), s.entity.id), (Some("a"), None));
}

#[test]
fn members_out_of_order_are_read_and_a_repeat_keeps_the_first() {
    let s = session("<s:WasMissed>true</s:WasMissed><s:AccountId>a</s:AccountId><s:AccountId>b</s:AccountId>");
    assert!(s.was_missed);
    assert_eq!(s.account_id.as_deref(), Some("a"));
}

#[test]
fn a_wrong_root_is_an_error() {
    let e = xml::from_str::<SessionInfo>(&one_session("")).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert!(e.message().starts_with("expecting element 'SessionInfo' from namespace"), "{e}");
    assert_eq!((e.line(), e.column()), (1, 1));
}

#[test]
fn malformed_documents_are_syntax_errors_with_positions() {
    let doc = one_session("<s:AccountId>a</s:AccountName>");
    let e = error(&doc);
    assert_eq!(e.category(), Category::Syntax);
    assert_eq!(e.line(), 1);
    assert!(e.column() > 100, "{e}");
    for bad in ["", "   ", "<AppGetActiveSessionsResult", "text", "<a></a><b/>"] {
        assert!(xml::from_str::<AppGetActiveSessionsResult>(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn every_truncation_of_a_document_is_an_error() {
    let doc =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/xml/edges/dictionary.servicestack.xml")).unwrap();
    for end in 0..doc.len() {
        let cut = &doc[..end];
        assert!(xml::from_slice::<AppGetActiveSessionsResult>(cut).is_err(), "prefix of {end} bytes decoded");
    }
    assert!(xml::from_slice::<AppGetActiveSessionsResult>(&doc).is_ok());
}

#[test]
fn dtds_undeclared_entities_and_forbidden_characters_are_rejected() {
    let dtd = format!("<!DOCTYPE r [<!ENTITY a \"aaaa\">]>{}", one_session("<s:AccountId>&a;</s:AccountId>"));
    assert!(error(&dtd).message().contains("DTD"), "{}", error(&dtd));
    assert!(error(&one_session("<s:AccountId>&a;</s:AccountId>")).message().contains("undeclared entity"));
    assert_eq!(error(&one_session("<s:AccountId>a\u{1}</s:AccountId>")).category(), Category::Syntax);
    assert_eq!(error(&one_session("<s:AccountId>a]]>b</s:AccountId>")).category(), Category::Syntax);
    assert_eq!(error(&one_session("<s:AccountId>a</s:AccountId>]]>")).category(), Category::Syntax);
}

#[test]
fn surrogate_pairs_written_as_two_references_read_as_one_character() {
    let s = session("<s:AccountId>a&#xD83D;&#xDE00;b&#55357;&#56832;</s:AccountId>");
    assert_eq!(s.account_id.as_deref(), Some("a😀b😀"));
    // .NET reads a lone half into its string, and writes U+FFFD for it.
    let s = session("<s:AccountId>&#xD800;x&#xDE00;&#xD83D;</s:AccountId>");
    assert_eq!(s.account_id.as_deref(), Some("\u{FFFD}x\u{FFFD}\u{FFFD}"));
}

#[test]
fn invalid_utf8_and_utf16_without_a_declaration_are_errors() {
    let mut bad = one_session("<s:AccountId>é</s:AccountId>").into_bytes();
    let at = bad.iter().position(|&b| b == 0xC3).unwrap();
    bad[at] = 0xFF;
    let e = xml::from_slice::<AppGetActiveSessionsResult>(&bad).unwrap_err();
    assert_eq!((e.category(), e.position().unwrap().offset), (Category::Syntax, at));
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("<a/>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert!(xml::from_slice::<AppGetActiveSessionsResult>(&utf16).unwrap_err().message().contains("UTF-16"));
}

#[test]
fn dictionaries_and_lists_fail_where_dotnet_fails() {
    let arrays = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
    let entry = |k: &str| {
        format!("<a:KeyValueOfstringstring><a:Key>{k}</a:Key><a:Value>v</a:Value></a:KeyValueOfstringstring>")
    };
    let doc = one_session(&format!(
        "<s:Members><s:SessionMemberInfo><s:ApplicationData xmlns:a=\"{arrays}\">{}{}</s:ApplicationData></s:SessionMemberInfo></s:Members>",
        entry("k"),
        entry("k")
    ));
    let e = error(&doc);
    assert!(e.message().contains("appears twice"), "{e}");
    assert_eq!(e.path().to_string(), r#"Sessions[0].Members[0].ApplicationData["k"]"#);
    let nil_item = one_session("<s:Log><s:SessionLogInfo i:nil=\"true\"/></s:Log>");
    assert_eq!(error(&nil_item).path().to_string(), "Sessions[0].Log[0]");
}

#[test]
fn depth_is_limited() {
    let deep = "<u>".repeat(50) + &"</u>".repeat(50);
    let doc = one_session(&format!("<s:Nope>{deep}</s:Nope>"));
    let e = xml::from_slice_with::<AppGetActiveSessionsResult>(doc.as_bytes(), &ReadOptions::new().max_depth(20))
        .unwrap_err();
    assert_eq!(e.category(), Category::Limit);
    assert!(e.message().contains("20"), "{e}");
    assert!(xml::from_slice::<AppGetActiveSessionsResult>(doc.as_bytes()).is_ok());
}

#[test]
fn names_prefixes_and_attributes_are_refused_where_dotnet_refuses_them() {
    for (inner, needle) in [
        ("<9x/>", "not a valid XML name"),
        ("<a:b:c xmlns:a=\"u\"/>", "not a valid XML name"),
        ("<s:AccountId 9x=\"1\">a</s:AccountId>", "not a valid XML name"),
        ("<q:AccountId>a</q:AccountId>", "prefix 'q' is not declared"),
        ("<s:AccountId q:x=\"1\">a</s:AccountId>", "prefix 'q' is not declared"),
        ("<s:AccountId x=\"1\" x=\"2\">a</s:AccountId>", "appears twice"),
        ("<s:AccountId xmlns:p=\"u\" xmlns:q=\"u\" p:x=\"1\" q:x=\"2\">a</s:AccountId>", "same name and namespace"),
        ("<s:AccountId x=\"a<b\">a</s:AccountId>", "'<' is not allowed"),
        ("<s:AccountId xmlns:xml=\"urn:x\">a</s:AccountId>", "cannot be bound"),
        ("<s:AccountId xmlns:xmlns=\"urn:x\">a</s:AccountId>", "cannot be bound"),
        ("<s:AccountId xmlns:p=\"\">a</s:AccountId>", "empty namespace"),
        ("<!-- a -- b -->", "malformed XML"),
    ] {
        let e = error(&one_session(inner));
        assert_eq!(e.category(), Category::Syntax, "{inner}: {e}");
        assert!(e.message().contains(needle), "{inner}: {e}");
        assert!(e.line() > 0 && e.column() > 0);
    }
    // What .NET allows: `xml` bound to its own namespace, another prefix to xml's.
    let s = session(
        "<s:AccountId xmlns:xml=\"http://www.w3.org/XML/1998/namespace\" \
         xmlns:p=\"http://www.w3.org/XML/1998/namespace\">a</s:AccountId>",
    );
    assert_eq!(s.account_id.as_deref(), Some("a"));
}

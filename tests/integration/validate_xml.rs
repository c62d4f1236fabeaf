//! The XML validator: clean on everything .NET wrote; each kind of problem found at the
//! right place, with the right code and severity; every problem reported, not the first.

use crate::common;

use common::{files, fixture, replace_once};
use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::document::DocumentKind;
use evovoice_contracts::validate::{validate_xml, validate_xml_with, Code, Finding, Severity, ValidateOptions};
use evovoice_contracts::xml;
use proptest::prelude::*;

const SEED: &str = "fixtures/xml/seed-sample.xml";

fn seed() -> String {
    fixture(SEED)
}

/// Asserts that `doc` has exactly one finding: `code`, at the first `marker`, in `path`.
#[track_caller]
fn single(doc: &str, code: Code, marker: &str, path: &str) -> Finding {
    common::single_finding(validate_xml(doc.as_bytes()), doc, code, marker, path)
}

#[test]
fn every_document_dotnet_wrote_is_clean() {
    let fixtures = files("fixtures/xml", "xml");
    assert!(fixtures.len() >= 60);
    for path in fixtures {
        let findings = validate_xml(&std::fs::read(&path).unwrap());
        assert!(findings.is_empty(), "{}: {findings:#?}", path.display());
    }
}

#[test]
fn malformed_xml_is_an_error() {
    let doc = replace_once(&seed(), "</d2p1:Ended>", "</d2p1:Endd>");
    let finding = single(&doc, Code::MalformedXml, "</d2p1:Endd>", "Sessions[0].Ended");
    assert_eq!(finding.severity(), Severity::Error);
    assert!(finding.message().contains(".NET fails"), "{}", finding.message());

    for bad in ["", "<", "not xml", "\u{feff}<a", "<?xml version=\"1.0\"?>\n<!-- -->x"] {
        let findings = validate_xml(bad.as_bytes());
        assert_eq!(findings.iter().map(Finding::code).collect::<Vec<_>>(), [Code::MalformedXml], "{bad:?}");
    }
}

#[test]
fn a_wrong_root_is_an_error() {
    let doc = seed().replacen("AppGetActiveSessionsResult", "AppGetActiveSession", 2);
    let finding = single(&doc, Code::WrongRoot, "<AppGetActiveSession ", "");
    assert!(finding.message().contains("expecting element 'AppGetActiveSessionsResult'"));

    let error = fixture("fixtures/xml/edges/error-response.servicestack.xml");
    let options = ValidateOptions::new().root(DocumentKind::AppGetActiveSessionsResult);
    let findings = validate_xml_with(error.as_bytes(), &options);
    assert_eq!(findings.iter().map(Finding::code).collect::<Vec<_>>(), [Code::WrongRoot]);

    let nil = r#"<AppGetActiveSessionsResult i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal" />"#;
    single(nil, Code::WrongRoot, "<App", "");
}

#[test]
fn invalid_booleans_are_errors() {
    let doc = replace_once(&seed(), "<d2p1:Ended>false<", "<d2p1:Ended>False<");
    let finding = single(&doc, Code::InvalidBoolean, "<d2p1:Ended>", "Sessions[0].Ended");
    assert!(finding.message().contains("'False'") && finding.message().contains(".NET fails"));
    // What XmlConvert.ToBoolean takes is fine.
    assert!(validate_xml(replace_once(&seed(), "<d2p1:Ended>false<", "<d2p1:Ended> 1\n<").as_bytes()).is_empty());
    // So is the nil attribute's value.
    let doc = replace_once(&seed(), "<d2p1:Log>", r#"<d2p1:Log i:nil="yes">"#);
    let finding = validate_xml(doc.as_bytes()).remove(0);
    assert_eq!(finding.code(), Code::InvalidBoolean);
}

#[test]
fn invalid_enum_values_are_errors() {
    let doc = replace_once(&seed(), "<d2p1:CallState>Disconnected<", "<d2p1:CallState>1<");
    single(&doc, Code::InvalidEnum, "<d2p1:CallState>", "Sessions[0].CallState");
    let doc = replace_once(&seed(), "<d2p1:CallState>Disconnected<", "<d2p1:CallState> Ringing<");
    single(&doc, Code::InvalidEnum, "<d2p1:CallState>", "Sessions[0].CallState");
    let doc = replace_once(&seed(), "<d2p1:Role>None<", "<d2p1:Role>agent<");
    let finding = single(&doc, Code::InvalidEnum, "<d2p1:Role>", "Sessions[0].Members[0].Role");
    assert!(finding.message().contains("did you mean 'Agent'?"), "{}", finding.message());
}

#[test]
fn an_enum_name_evo_does_not_have_yet_is_a_warning() {
    let doc = replace_once(&seed(), "<d2p1:Channel>Voice<", "<d2p1:Channel>Sms<");
    let finding = single(&doc, Code::UnknownEnumName, "<d2p1:Channel>", "Sessions[0].Channel");
    assert_eq!(finding.severity(), Severity::Warning);
    assert!(finding.message().contains("FlowChannels"));
}

#[test]
fn nil_on_a_bool_or_an_enum_is_an_error() {
    let doc = replace_once(&seed(), "<d2p1:Ended>false</d2p1:Ended>", r#"<d2p1:Ended i:nil="true" />"#);
    single(&doc, Code::NullValueType, "<d2p1:Ended", "Sessions[0].Ended");
    let doc = replace_once(
        &seed(),
        "<d2p1:HoldReason>None</d2p1:HoldReason>",
        r#"<d2p1:HoldReason i:nil="1"></d2p1:HoldReason>"#,
    );
    single(&doc, Code::NullValueType, "<d2p1:HoldReason", "Sessions[0].HoldReason");
}

#[test]
fn a_dtd_is_an_error() {
    let doc = format!("<!DOCTYPE AppGetActiveSessionsResult>\n{}", seed());
    let finding = single(&doc, Code::Dtd, "<!DOCTYPE", "");
    assert!(finding.message().contains("ServiceStack"));
}

#[test]
fn references_to_control_characters_are_errors() {
    let doc = replace_once(&seed(), "<d2p1:AccountId>String<", "<d2p1:AccountId>Str&#x1;ing<");
    let finding = single(&doc, Code::ControlCharacter, "&#x1;", "Sessions[0].AccountId");
    assert!(finding.message().contains("U+0001"));
}

#[test]
fn content_dotnet_cannot_read_is_an_error() {
    let doc = replace_once(&seed(), "<d2p1:SessionInfo>", "<d2p1:SessionInfo>oops");
    single(&doc, Code::InvalidContent, "oops", "Sessions[0]");

    let entry = "<d6p1:KeyValueOfstringstring><d6p1:Key>String</d6p1:Key><d6p1:Value>String</d6p1:Value></d6p1:KeyValueOfstringstring>";
    let members = |data: &str| replace_once(&seed(), entry, data);
    let first = |doc: &str| validate_xml(doc.as_bytes()).remove(0);
    let no_key = members("<d6p1:KeyValueOfstringstring><d6p1:Value>v</d6p1:Value></d6p1:KeyValueOfstringstring>");
    let finding = first(&no_key);
    assert_eq!(finding.code(), Code::InvalidContent);
    assert!(finding.message().contains("no Key"));
    let twice = members(
        "<d6p1:KeyValueOfstringstring><d6p1:Key>k</d6p1:Key><d6p1:Value>1</d6p1:Value></d6p1:KeyValueOfstringstring>\
         <d6p1:KeyValueOfstringstring><d6p1:Key>k</d6p1:Key><d6p1:Value>2</d6p1:Value></d6p1:KeyValueOfstringstring>",
    );
    let finding = first(&twice);
    assert_eq!(
        (finding.code(), finding.path().to_string()),
        (Code::InvalidContent, r#"Sessions[0].Members[0].ApplicationData["k"]"#.into())
    );
    let value_first = members(
        "<d6p1:KeyValueOfstringstring><d6p1:Value>v</d6p1:Value><d6p1:Key>k</d6p1:Key></d6p1:KeyValueOfstringstring>",
    );
    assert!(first(&value_first).message().contains("Value comes before the Key"));

    let null_item = replace_once(
        &seed(),
        "<d2p1:Log><d2p1:SessionLogInfo>",
        r#"<d2p1:Log><d2p1:SessionLogInfo i:nil="true" /><d2p1:SessionLogInfo>"#,
    );
    single(&null_item, Code::InvalidContent, r#"<d2p1:SessionLogInfo i:nil"#, "Sessions[0].Log[0]");
}

#[test]
fn documents_past_servicestacks_limit_are_errors() {
    let big = "x".repeat(1024 * 1024);
    let doc = replace_once(&seed(), "<d2p1:AccountId>String<", &format!("<d2p1:AccountId>{big}<"));
    let findings = validate_xml(doc.as_bytes());
    assert_eq!(findings.iter().map(Finding::code).collect::<Vec<_>>(), [Code::TooLarge]);
    assert_eq!(findings[0].position().offset, 1024 * 1024);

    let deep = format!("{}{}", "<Unknown>".repeat(300), "</Unknown>".repeat(300));
    let doc = replace_once(&seed(), "<d2p1:SessionInfo>", &format!("<d2p1:SessionInfo>{deep}"));
    let codes: Vec<Code> = validate_xml(doc.as_bytes()).iter().map(Finding::code).collect();
    assert_eq!(codes, [Code::UnknownMember, Code::TooLarge]);
}

#[test]
fn unknown_elements_are_warnings() {
    let doc = replace_once(&seed(), "<d2p1:Ended>", "<d2p1:Colour>red</d2p1:Colour><d2p1:Ended>");
    let finding = single(&doc, Code::UnknownMember, "<d2p1:Colour>", "Sessions[0]");
    assert_eq!(finding.severity(), Severity::Warning);
    assert!(finding.message().contains(".NET skips it"));
    let doc = replace_once(&seed(), "<d2p1:SessionInfo>", "<d2p1:Other /><d2p1:SessionInfo>");
    single(&doc, Code::UnknownMember, "<d2p1:Other", "Sessions");
}

#[test]
fn members_in_the_wrong_namespace_are_warnings() {
    let doc = replace_once(&seed(), "<d2p1:Ended>false</d2p1:Ended>", r#"<Ended xmlns="urn:elsewhere">false</Ended>"#);
    let finding = single(&doc, Code::WrongNamespace, "<Ended xmlns", "Sessions[0].Ended");
    assert!(finding.message().contains("urn:elsewhere"));
    // The base class's members are in its own namespace, not the derived class's.
    let doc = replace_once(
        &seed(),
        r#"<Id xmlns="http://schemas.datacontract.org/2004/07/Voice.Api">String</Id>"#,
        "<d2p1:Id>String</d2p1:Id>",
    );
    single(&doc, Code::WrongNamespace, "<d2p1:Id>", "Sessions[0].Id");
}

#[test]
fn members_out_of_order_are_warnings_with_what_dotnet_does() {
    let doc = replace_once(&seed(), "<d2p1:Ended>false</d2p1:Ended>", "");
    let doc = replace_once(
        &doc,
        "<d2p1:WasMissed>false</d2p1:WasMissed>",
        "<d2p1:WasMissed>false</d2p1:WasMissed><d2p1:Ended>true</d2p1:Ended>",
    );
    let finding = single(&doc, Code::OutOfOrder, "<d2p1:Ended>", "Sessions[0].Ended");
    assert!(
        finding.message().contains("after 'WasMissed'") && finding.message().contains(".NET"),
        "{}",
        finding.message()
    );
    // This crate reads it anyway.
    let value: AppGetActiveSessionsResult = xml::from_str(&doc).unwrap();
    assert!(value.sessions.unwrap()[0].ended);
}

#[test]
fn repeated_members_are_warnings() {
    let doc = replace_once(
        &seed(),
        "<d2p1:Ended>false</d2p1:Ended>",
        "<d2p1:Ended>false</d2p1:Ended><d2p1:Ended>true</d2p1:Ended>",
    );
    single(&doc, Code::RepeatedMember, "<d2p1:Ended>true", "Sessions[0].Ended");
}

#[test]
fn missing_members_are_warnings() {
    let doc = replace_once(&seed(), "<d2p1:Ended>false</d2p1:Ended>", "");
    let finding = single(&doc, Code::MissingMember, "<d2p1:SessionInfo>", "Sessions[0].Ended");
    assert!(finding.message().contains("default (false)"));
    let doc = replace_once(&doc, "<d2p1:HoldReason>None</d2p1:HoldReason>", "");
    let finding = single(&doc, Code::MissingMember, "<d2p1:SessionInfo>", "Sessions[0]");
    assert!(finding.message().starts_with("2 members are missing from SessionInfo: Ended, HoldReason"));
}

#[test]
fn carriage_returns_are_warnings() {
    let doc = replace_once(&seed(), "<d2p1:AccountId>String<", "<d2p1:AccountId>a\r\nb<");
    let finding = single(&doc, Code::CarriageReturn, "\r", "Sessions[0].AccountId");
    assert!(finding.message().contains("newline"));
    let doc = replace_once(&seed(), "<d2p1:AccountId>String<", "<d2p1:AccountId>a&#xD;b<");
    let finding = single(&doc, Code::CarriageReturn, "&#xD;", "Sessions[0].AccountId");
    assert!(finding.message().contains("ServiceStack writes"));
    // Line ends between elements mean nothing.
    let doc = seed().replace("><", ">\r\n<");
    assert!(validate_xml(doc.as_bytes()).is_empty());
}

#[test]
fn every_problem_is_reported_in_document_order_with_lines() {
    let doc = r#"<?xml version="1.0" encoding="utf-8"?>
<AppGetActiveSessionsResult xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal">
  <Sessions xmlns:s="http://schemas.datacontract.org/2004/07/Voice.Api.Sessions">
    <s:SessionInfo>
      <s:CallState>Ringing</s:CallState>
      <s:DialState>Dialing</s:DialState>
      <s:Ended>yes</s:Ended>
      <s:Channel>Chat</s:Channel>
    </s:SessionInfo>
  </Sessions>
  <Total>1</Total>
</AppGetActiveSessionsResult>
"#;
    let findings = validate_xml(doc.as_bytes());
    let summary: Vec<(Code, usize, usize, String)> =
        findings.iter().map(|f| (f.code(), f.line(), f.column(), f.path().to_string())).collect();
    assert_eq!(
        summary,
        [
            (Code::MissingMember, 4, 5, "Sessions[0]".to_owned()),
            (Code::UnknownEnumName, 6, 7, "Sessions[0].DialState".to_owned()),
            (Code::InvalidBoolean, 7, 7, "Sessions[0].Ended".to_owned()),
            (Code::OutOfOrder, 8, 7, "Sessions[0].Channel".to_owned()),
            (Code::UnknownMember, 11, 3, String::new()),
        ]
    );
    assert!(findings[0].message().starts_with("37 members are missing"), "{}", findings[0].message());
}

/// Whatever this crate's decoder refuses, the validator reports as an error.
#[test]
fn every_document_the_decoder_refuses_has_an_error() {
    let docs =
        [seed(), fixture("fixtures/xml/edges/dictionary.wcf.xml"), fixture("fixtures/xml/servicestack/0003.xml")];
    let mut refused = 0;
    for doc in &docs {
        let bytes = doc.as_bytes();
        for at in (0..bytes.len()).step_by(11) {
            for mutation in [b"<".as_slice(), b"&#x1;", b"\"", b"x", b""] {
                let mut mutated = bytes[..at].to_vec();
                mutated.extend_from_slice(mutation);
                mutated.extend_from_slice(&bytes[(at + 1).min(bytes.len())..]);
                let decoded = xml::from_slice::<AppGetActiveSessionsResult>(&mutated);
                let findings = validate_xml(&mutated);
                if let Err(error) = decoded {
                    refused += 1;
                    assert!(
                        findings.iter().any(|f| f.severity() == Severity::Error),
                        "{error:?}\n{}",
                        String::from_utf8_lossy(&mutated)
                    );
                }
            }
        }
    }
    assert!(refused > 1000, "{refused}");
}

proptest! {
    #[test]
    fn never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = validate_xml(&bytes);
    }

    #[test]
    fn never_panics_on_spliced_documents(at in 0usize..4000, len in 0usize..64, insert in "[<>&/\"a-z:= \r\n#;]{0,16}") {
        let doc = seed();
        let start = at.min(doc.len());
        let end = (start + len).min(doc.len());
        let mut mutated = doc.as_bytes()[..start].to_vec();
        mutated.extend_from_slice(insert.as_bytes());
        mutated.extend_from_slice(&doc.as_bytes()[end..]);
        let findings = validate_xml(&mutated);
        for f in &findings {
            prop_assert!(f.line() >= 1 && f.column() >= 1);
        }
    }
}

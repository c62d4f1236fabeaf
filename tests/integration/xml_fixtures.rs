//! Documents written by .NET re-encode to the identical bytes, in both dialects, and
//! decode to the values they hold.

use crate::common;

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::document::Document;
use evovoice_contracts::flows::FlowChannels;
use evovoice_contracts::servicestack::ErrorResponse;
use evovoice_contracts::sessions::*;
use evovoice_contracts::xml::{self, Dialect, XmlOptions};

fn reencode(bytes: &[u8], options: &XmlOptions) -> Vec<u8> {
    Document::from_xml(bytes).and_then(|d| d.to_xml(options)).unwrap()
}

fn assert_same(path: &std::path::Path, expected: &[u8], actual: &[u8]) {
    if expected != actual {
        let at = expected.iter().zip(actual).position(|(a, b)| a != b).unwrap_or(expected.len().min(actual.len()));
        let lo = at.saturating_sub(80);
        panic!(
            "{}: differs at byte {at}\nexpected: {}\nactual:   {}",
            path.display(),
            String::from_utf8_lossy(&expected[lo..(at + 80).min(expected.len())]),
            String::from_utf8_lossy(&actual[lo..(at + 80).min(actual.len())]),
        );
    }
}

#[test]
fn servicestack_documents_reencode_identically() {
    let mut files = common::xml_fixtures("servicestack");
    files.extend(
        common::xml_fixtures("edges").into_iter().filter(|p| p.to_string_lossy().ends_with(".servicestack.xml")),
    );
    for path in &files {
        let original = common::read(path);
        assert_same(path, &original, &reencode(&original, &XmlOptions::new()));
    }
    assert!(files.len() >= 35);
}

#[test]
fn wcf_documents_reencode_identically() {
    let mut files = common::xml_fixtures("wcf");
    files.extend(common::xml_fixtures("edges").into_iter().filter(|p| p.to_string_lossy().ends_with(".wcf.xml")));
    let wcf = XmlOptions::new().dialect(Dialect::Wcf);
    for path in &files {
        let original = common::read(path);
        assert_same(path, &original, &reencode(&original, &wcf));
    }
    assert!(files.len() >= 22);
}

#[test]
fn each_dialect_converts_to_the_other_as_dotnet_writes_it() {
    // The edge documents hold the same object in both dialects.
    for wcf_path in common::xml_fixtures("edges").into_iter().filter(|p| p.to_string_lossy().ends_with(".wcf.xml")) {
        let ss_path = std::path::PathBuf::from(wcf_path.to_string_lossy().replace(".wcf.xml", ".servicestack.xml"));
        let (wcf, ss) = (common::read(&wcf_path), common::read(&ss_path));
        assert_same(&ss_path, &ss, &reencode(&wcf, &XmlOptions::new()));
        assert_same(&wcf_path, &wcf, &reencode(&ss, &XmlOptions::new().dialect(Dialect::Wcf)));
    }
}

#[test]
fn seed_sample_reencodes_without_declaration() {
    let path = common::root().join("fixtures/xml/seed-sample.xml");
    let original = common::read(&path);
    assert_same(&path, &original, &reencode(&original, &XmlOptions::new().declaration(false)));
    let with = reencode(&original, &XmlOptions::new());
    assert_eq!(&with[..38], br#"<?xml version="1.0" encoding="utf-8"?>"#);
    assert_eq!(&with[38..], &original[..]);
}

#[test]
fn seed_sample_decodes_field_by_field() {
    let result: AppGetActiveSessionsResult =
        xml::from_slice(&common::read(&common::root().join("fixtures/xml/seed-sample.xml"))).unwrap();
    let sessions = result.sessions.unwrap();
    assert_eq!(sessions.len(), 1);
    let s = &sessions[0];
    let string = Some("String".to_owned());
    for (name, value) in [
        ("Id", &s.entity.id),
        ("DateCreated", &s.entity.date_created),
        ("DateLastModified", &s.entity.date_last_modified),
        ("CreatedBy", &s.entity.created_by),
        ("LastModifiedBy", &s.entity.last_modified_by),
        ("AccountId", &s.account_id),
        ("AccountName", &s.account_name),
        ("CustomerId", &s.customer_id),
        ("CustomerName", &s.customer_name),
        ("EndpointId", &s.endpoint_id),
        ("EndpointName", &s.endpoint_name),
        ("DateCompleted", &s.date_completed),
        ("Destination", &s.destination),
        ("ToAddress", &s.to_address),
        ("FromAddress", &s.from_address),
        ("FromName", &s.from_name),
        ("AnsweredByName", &s.answered_by_name),
        ("QueueMemberId", &s.queue_member_id),
        ("Outcome", &s.outcome),
        ("CallSid", &s.call_sid),
        ("ConsoleData", &s.console_data),
        ("HoldQueueName", &s.hold_queue_name),
        ("HeldByUserId", &s.held_by_user_id),
        ("ConferenceSid", &s.conference_sid),
        ("DisplayName", &s.display_name),
        ("CallbackNumber", &s.callback_number),
        ("AnsweredById", &s.answered_by_id),
        ("FromPhoneNumber", &s.from_phone_number),
        ("MostRecentParticipantCallSid", &s.most_recent_participant_call_sid),
        ("RingQueueId", &s.ring_queue_id),
    ] {
        assert_eq!(value, &string, "{name}");
    }
    assert_eq!(s.dial_state, SessionDialState::None);
    assert_eq!(s.call_state, SessionCallState::Disconnected);
    assert_eq!(s.queue_state, SessionQueueStates::None);
    assert_eq!(s.hold_reason, SessionHoldReasons::None);
    assert_eq!(s.direction, SessionDirections::Incoming);
    assert_eq!(s.channel, FlowChannels::Voice);
    assert!(!s.ended && !s.was_missed);

    let crumbs = s.customer_breadcrumb.as_ref().unwrap();
    assert_eq!(crumbs.len(), 1);
    assert_eq!((crumbs[0].id.as_deref(), crumbs[0].name.as_deref()), (Some("String"), Some("String")));
    let log = s.log.as_ref().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].date.as_deref(), log[0].message.as_deref()), (Some("String"), Some("String")));

    let members = s.members.as_ref().unwrap();
    assert_eq!(members.len(), 1);
    let m = &members[0];
    for value in [&m.identity, &m.endpoint_id, &m.display_name, &m.avatar_url, &m.call_sid] {
        assert_eq!(value, &string);
    }
    assert!(!m.is_original_member && !m.muted);
    assert_eq!(m.call_state, SessionMemberCallState::None);
    assert_eq!(m.role, SessionMemberRoles::None);
    let data = m.application_data.as_ref().unwrap();
    assert_eq!(data.iter().collect::<Vec<_>>(), [("String", Some("String"))]);
}

#[test]
fn edge_documents_decode_to_what_they_hold() {
    let edges = common::root().join("fixtures/xml/edges");
    let nil: AppGetActiveSessionsResult = xml::from_slice(&common::read(&edges.join("sessions-nil.wcf.xml"))).unwrap();
    assert_eq!(nil.sessions, None);
    let empty: AppGetActiveSessionsResult =
        xml::from_slice(&common::read(&edges.join("sessions-empty.servicestack.xml"))).unwrap();
    assert_eq!(empty.sessions, Some(vec![]));

    let dict: AppGetActiveSessionsResult =
        xml::from_slice(&common::read(&edges.join("dictionary.servicestack.xml"))).unwrap();
    let members = dict.sessions.unwrap().remove(0).members.unwrap();
    let data = members[0].application_data.as_ref().unwrap();
    assert_eq!(data.iter().collect::<Vec<_>>(), [("k", None), ("", Some("v")), ("a b", Some("<&>"))]);
    assert_eq!(members[1].application_data.as_ref().map(|d| d.len()), Some(0));

    let last: AppGetActiveSessionsResult =
        xml::from_slice(&common::read(&edges.join("all-enums-last.servicestack.xml"))).unwrap();
    let s = &last.sessions.unwrap()[0];
    assert_eq!(
        (&s.dial_state, &s.call_state, &s.queue_state, &s.hold_reason, &s.direction, &s.channel),
        (
            &SessionDialState::Active,
            &SessionCallState::Passive,
            &SessionQueueStates::Disconnected,
            &SessionHoldReasons::Transferring,
            &SessionDirections::Outgoing,
            &FlowChannels::Fax
        )
    );

    let error: ErrorResponse = xml::from_slice(&common::read(&edges.join("error-response.servicestack.xml"))).unwrap();
    let status = error.response_status.unwrap();
    assert_eq!(status.error_code.as_deref(), Some("ArgumentException"));
    assert_eq!(status.stack_trace, None);
    assert_eq!(status.meta, None);
    let errors = status.errors.unwrap();
    assert_eq!(errors[0].field_name.as_deref(), Some("AccountId"));
    assert_eq!(errors[0].message.as_deref(), Some("'Account Id' must not be empty."));
}

//! The generator: deterministic per seed, realistic, and coherent (states, members and
//! log that go together).

use evovoice_contracts::flows::FlowChannels;
use evovoice_contracts::generate::{self, Corpus, SplitMix64};
use evovoice_contracts::sessions::{
    SessionCallState as Call, SessionDirections, SessionHoldReasons, SessionInfo, SessionMemberCallState as MemberCall,
    SessionMemberRoles as Role, SessionQueueStates as Queue,
};
use evovoice_contracts::xml;

fn many(seed: u64) -> Vec<SessionInfo> {
    generate::sessions(seed).take(2000).collect()
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_others() {
    let bytes = |seed| xml::to_vec_with(&generate::result(seed, 200), &xml::XmlOptions::new()).unwrap();
    assert_eq!(bytes(7), bytes(7));
    assert_ne!(bytes(7), bytes(8));
}

#[test]
fn splitmix64_gives_the_reference_stream() {
    // The first outputs for seed 1234567 of the reference implementation (Vigna's splitmix64.c).
    let mut rng = SplitMix64::new(1234567);
    let got: Vec<u64> = (0..5).map(|_| rng.next_u64()).collect();
    assert_eq!(
        got,
        [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821]
    );
    let mut rng = SplitMix64::new(3);
    assert!((0..10_000).all(|_| rng.below(7) < 7));
    assert!((0..10_000).all(|_| (3..=5).contains(&rng.between(3, 5))));
}

#[test]
fn documents_hold_the_requested_number_of_sessions() {
    let counts: Vec<usize> =
        Corpus::new(1).sessions(2..=4).documents().take(200).map(|d| d.sessions.unwrap().len()).collect();
    assert!(counts.iter().all(|n| (2..=4).contains(n)));
    assert!((2..=4).all(|n| counts.contains(&n)), "{counts:?}");
    assert!(Corpus::new(1).sessions(0..=0).documents().take(3).all(|d| d.sessions == Some(Vec::new())));
    // The first documents do not depend on how many are taken.
    let three: Vec<_> = Corpus::new(5).documents().take(3).collect();
    assert_eq!(three[..], Corpus::new(5).documents().take(10).collect::<Vec<_>>()[..3]);
}

fn is_e164(text: &str) -> bool {
    text.strip_prefix('+').is_some_and(|d| (8..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

fn is_dotnet_timestamp(text: &str) -> bool {
    // yyyy-MM-ddTHH:mm:ss.fffffffZ
    let b = text.as_bytes();
    b.len() == 28
        && text.starts_with("2026-11-")
        && b[10] == b'T'
        && b[27] == b'Z'
        && [4, 7, 13, 16, 19].iter().zip(b"--::.").all(|(i, c)| b[*i] == *c)
        && text.chars().filter(char::is_ascii_digit).count() == 21
}

#[test]
fn values_look_like_evo_voice_s() {
    let sessions = many(11);
    for s in &sessions {
        let id = s.entity.id.as_deref().unwrap();
        assert!(id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        assert!(is_e164(s.from_phone_number.as_deref().unwrap()), "{:?}", s.from_phone_number);
        assert!(is_e164(s.destination.as_deref().unwrap()));
        assert!(is_dotnet_timestamp(s.entity.date_created.as_deref().unwrap()), "{:?}", s.entity.date_created);
        let log = s.log.as_deref().unwrap();
        assert!(!log.is_empty());
        assert!(log.iter().all(|l| is_dotnet_timestamp(l.date.as_deref().unwrap())));
        // Log dates never go back, and the session was last modified at its last entry.
        assert!(log.windows(2).all(|w| w[0].date <= w[1].date));
        assert_eq!(s.entity.date_last_modified, log.last().unwrap().date);
        let crumbs = s.customer_breadcrumb.as_deref().unwrap();
        assert_eq!(crumbs.last().unwrap().id, s.customer_id);
        assert_eq!(crumbs[0].name, s.account_name);
        if let Some(sid) = &s.call_sid {
            assert!(sid.starts_with("CA") && sid.len() == 34);
        }
        for m in s.members.as_deref().unwrap() {
            assert!(m.application_data.as_ref().is_some_and(|d| !d.is_empty() && d.iter().all(|(_, v)| v.is_some())));
        }
    }
    let addresses = sessions
        .iter()
        .filter_map(|s| s.from_address.as_deref())
        .chain(sessions.iter().filter_map(|s| s.to_address.as_deref()));
    assert!(addresses.filter(|a| a.starts_with("sip:") && a.contains('@')).count() > 500);
    // Names in several scripts: Latin, Cyrillic, Greek, Arabic, Hebrew, CJK, Hangul, Devanagari.
    let names: String = sessions.iter().filter_map(|s| s.from_name.as_deref()).collect();
    for (script, range) in [
        ("Latin-1", '\u{C0}'..='\u{FF}'),
        ("Cyrillic", '\u{400}'..='\u{4FF}'),
        ("Greek", '\u{370}'..='\u{3FF}'),
        ("Arabic", '\u{600}'..='\u{6FF}'),
        ("Hebrew", '\u{590}'..='\u{5FF}'),
        ("CJK", '\u{4E00}'..='\u{9FFF}'),
        ("Hangul", '\u{AC00}'..='\u{D7AF}'),
        ("Devanagari", '\u{900}'..='\u{97F}'),
    ] {
        assert!(names.chars().any(|c| range.contains(&c)), "no {script} name");
    }
}

#[test]
fn states_go_together() {
    let sessions = many(12);
    let mut seen = std::collections::BTreeSet::new();
    for s in &sessions {
        let members = s.members.as_deref().unwrap();
        seen.insert(format!("{}/{}/{}", s.call_state.name(), s.queue_state.name(), s.hold_reason.name()));
        assert_eq!(s.ended, s.call_state == Call::Disconnected, "{s:?}");
        assert_eq!(s.ended, s.date_completed.is_some());
        assert_eq!(s.ended, s.outcome.is_some());
        if s.ended {
            assert!(members.iter().all(|m| m.call_state == MemberCall::None));
        }
        if s.was_missed {
            assert!(s.ended && s.answered_by_id.is_none() && s.outcome.as_deref() == Some("Abandoned"));
        }
        match s.queue_state {
            Queue::Queued => assert!(members.iter().all(|m| m.role == Role::Caller), "a queued call has no agent yet"),
            Queue::Ringing => {
                assert!(members.iter().any(|m| m.role == Role::Agent && m.call_state == MemberCall::Ringing))
            }
            Queue::Connected => assert!(s.answered_by_id.is_some()),
            _ => {}
        }
        assert_eq!(s.call_state == Call::Hold, s.hold_queue_name.is_some());
        assert_eq!(s.call_state == Call::Hold, s.queue_state == Queue::Hold);
        if s.hold_reason == SessionHoldReasons::Transferring {
            assert!(members.iter().any(|m| m.role == Role::Transfer && m.call_state == MemberCall::Ringing));
        }
        if s.call_state == Call::Passive {
            assert_eq!(s.channel, FlowChannels::Chat);
        }
        if s.direction == SessionDirections::Outgoing {
            assert!(members[0].role == Role::Agent && members[0].is_original_member);
        } else {
            assert!(members[0].role == Role::Caller && members[0].is_original_member);
        }
        assert_eq!(members.iter().filter(|m| m.is_original_member).count(), 1);
    }
    // Every call state, queue state and hold reason occurs.
    for state in [
        "Disconnected/",
        "Ringing/",
        "Connected/",
        "Hold/",
        "Passive/",
        "/Queued/",
        "/Ringing/",
        "/Connected/",
        "/Hold/",
        "/Disconnected/",
        "/Transferring",
    ] {
        assert!(seen.iter().any(|s| s.contains(state) || s.starts_with(state)), "{state} never occurs in {seen:?}");
    }
}

//! A deterministic, realistic `AppGetActiveSessionsResult` of any size, for benchmarks and
//! the throughput scripts: ids, phone numbers, SIP addresses, timestamps, log messages
//! (some with characters to escape), members with application data.
#![allow(dead_code)]

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::customers::CustomerBreadcrumb;
use evovoice_contracts::flows::FlowChannels;
use evovoice_contracts::sessions::*;
use evovoice_contracts::{Dictionary, EntityInfo};

/// xorshift64*: small, fast and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    fn hex(&mut self, len: usize) -> String {
        (0..len).map(|_| char::from_digit(self.below(16) as u32, 16).unwrap()).collect()
    }
    fn timestamp(&mut self) -> String {
        format!(
            "2026-11-{:02}T{:02}:{:02}:{:02}.{:07}Z",
            1 + self.below(28),
            self.below(24),
            self.below(60),
            self.below(60),
            self.below(10_000_000)
        )
    }
    fn phone(&mut self) -> String {
        format!("+1555{:07}", self.below(10_000_000))
    }
}

const FIRST: &[&str] = &["Ana", "Bo", "Chloé", "Dmitri", "Eve", "Farah", "Günter", "Hiro", "Ines", "José"];
const LAST: &[&str] = &["Smith", "O'Neil", "Müller", "Nakamura", "García", "Kowalski", "Ng", "Dubois"];
const EVENTS: &[&str] = &[
    "Call started",
    "Entered queue Sales & Support",
    "Ringing agent",
    "Answered by agent",
    "Placed on hold: <transfer>",
    "Transferred to \"Billing\"",
    "Voicemail left (duration > 30s)",
    "Call ended",
];

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

fn maybe(rng: &mut Rng, percent: u64, value: impl FnOnce(&mut Rng) -> String) -> Option<String> {
    if rng.chance(percent) {
        Some(value(rng))
    } else {
        None
    }
}

fn member(rng: &mut Rng, index: usize) -> SessionMemberInfo {
    let mut data = Dictionary::new();
    if rng.chance(60) {
        let queue = rng.pick(&["Sales", "Support", "Billing & Accounts"]);
        data.insert("queue", Some(queue));
        let priority = rng.below(10).to_string();
        data.insert("priority", Some(priority));
        let note = if rng.chance(30) { None } else { Some(format!("VIP <{}>", person(rng))) };
        data.insert("note", note);
    }
    {
        let mut value = SessionMemberInfo::default();
        value.identity = Some(format!("user_{}", rng.hex(12)));
        value.endpoint_id = Some(rng.hex(24));
        value.display_name = Some(person(rng));
        value.is_original_member = index == 0;
        value.avatar_url =
            maybe(rng, 50, |rng| format!("https://cdn.evovoice.io/avatars/{}.png?size=64&v=2", rng.hex(16)));
        value.application_data = Some(data);
        value.call_state = SessionMemberCallState::ALL[rng.below(4) as usize].clone();
        value.role = SessionMemberRoles::ALL[rng.below(4) as usize].clone();
        value.call_sid = Some(format!("CA{}", rng.hex(32)));
        value.muted = rng.chance(20);
        value
    }
}

fn session(rng: &mut Rng) -> SessionInfo {
    let agent = format!("sip:agent{}@evovoice.sip.twilio.com", rng.below(500));
    let created = rng.timestamp();
    {
        let mut value = SessionInfo::default();
        value.entity = {
            let mut value = EntityInfo::default();
            value.id = Some(rng.hex(24));
            value.date_created = Some(created.clone());
            value.date_last_modified = Some(rng.timestamp());
            value.created_by = Some(format!("user_{}", rng.hex(12)));
            value.last_modified_by = maybe(rng, 70, |rng| format!("user_{}", rng.hex(12)));
            value
        };
        value.dial_state = SessionDialState::ALL[rng.below(2) as usize].clone();
        value.call_state = SessionCallState::ALL[rng.below(5) as usize].clone();
        value.queue_state = SessionQueueStates::ALL[rng.below(6) as usize].clone();
        value.account_id = Some(rng.hex(24));
        value.account_name = Some(format!("{} & Co.", rng.pick(LAST)));
        value.customer_id = Some(rng.hex(24));
        value.customer_breadcrumb = Some(
            (0..1 + rng.below(3))
                .map(|_| {
                    let mut value = CustomerBreadcrumb::default();
                    value.id = Some(rng.hex(24));
                    value.name = Some(person(rng));
                    value
                })
                .collect(),
        );
        value.customer_name = Some(person(rng));
        value.endpoint_id = Some(rng.hex(24));
        value.endpoint_name = Some(format!("Front desk {}", rng.below(40)));
        value.date_completed = maybe(rng, 40, |rng| rng.timestamp());
        value.destination = Some(rng.phone());
        value.to_address = Some(rng.phone());
        value.from_address = Some(agent.clone());
        value.from_name = Some(person(rng));
        value.answered_by_name = maybe(rng, 60, person);
        value.queue_member_id = maybe(rng, 50, |rng| rng.hex(24));
        value.channel = FlowChannels::ALL[rng.below(3) as usize].clone();
        value.ended = rng.chance(30);
        value.outcome = maybe(rng, 40, |rng| rng.pick(&["Answered", "Voicemail", "Abandoned", "Busy"]).to_owned());
        value.call_sid = Some(format!("CA{}", rng.hex(32)));
        value.console_data =
            maybe(rng, 20, |rng| format!("{{\"crm\":\"https://crm.example.com/c?id={}&tab=calls\"}}", rng.hex(8)));
        value.hold_queue_name = maybe(rng, 10, |_| "Hold <music>".to_owned());
        value.held_by_user_id = maybe(rng, 10, |rng| rng.hex(24));
        value.hold_reason = SessionHoldReasons::ALL[rng.below(2) as usize].clone();
        value.conference_sid = maybe(rng, 30, |rng| format!("CF{}", rng.hex(32)));
        value.display_name = Some(format!("{} → {}", person(rng), rng.phone()));
        value.log = Some(
            (0..2 + rng.below(5))
                .map(|i| {
                    let mut value = SessionLogInfo::default();
                    value.date = Some(created.clone());
                    value.message = Some(format!("{} ({})", EVENTS[(i as usize) % EVENTS.len()], agent));
                    value
                })
                .collect(),
        );
        value.members = Some((0..1 + rng.below(3) as usize).map(|i| member(rng, i)).collect());
        value.callback_number = maybe(rng, 30, |rng| rng.phone());
        value.answered_by_id = maybe(rng, 60, |rng| rng.hex(24));
        value.direction = SessionDirections::ALL[rng.below(2) as usize].clone();
        value.from_phone_number = Some(rng.phone());
        value.most_recent_participant_call_sid = maybe(rng, 40, |rng| format!("CA{}", rng.hex(32)));
        value.was_missed = rng.chance(15);
        value.ring_queue_id = maybe(rng, 30, |rng| rng.hex(24));
        value
    }
}

/// One session, the `index`-th of the stream seeded with `seed`.
pub fn sessions(seed: u64) -> impl Iterator<Item = SessionInfo> {
    let mut rng = Rng::new(seed);
    std::iter::repeat_with(move || session(&mut rng))
}

/// A response of `count` sessions.
pub fn response(count: usize, seed: u64) -> AppGetActiveSessionsResult {
    {
        let mut value = AppGetActiveSessionsResult::default();
        value.sessions = Some(sessions(seed).take(count).collect());
        value
    }
}

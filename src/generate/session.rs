//! One session: a scenario (ringing, queued, connected, on hold, transferring, dialing
//! out, a chat, ended) whose call state, queue state, members and log go together.

use super::rng::SplitMix64;
use super::words;
use super::world::{self, Account, Agent, World};
use crate::flows::FlowChannels;
use crate::sessions::{
    SessionCallState as Call, SessionDialState, SessionDirections, SessionHoldReasons, SessionInfo, SessionLogInfo,
    SessionMemberCallState as MemberCall, SessionMemberInfo, SessionMemberRoles as Role, SessionQueueStates as Queue,
};
use crate::{Dictionary, EntityInfo};

/// A moment, in ticks of 100 ns since 2026-11-01T00:00:00Z (.NET's tick), kept within
/// November 2026.
#[derive(Clone, Copy)]
struct Stamp(u64);

const TICKS_PER_SECOND: u64 = 10_000_000;

impl Stamp {
    fn random(rng: &mut SplitMix64) -> Stamp {
        Stamp(rng.below(27 * 86_400 * TICKS_PER_SECOND))
    }
    fn later(self, rng: &mut SplitMix64, max_seconds: u64) -> Stamp {
        Stamp(self.0 + rng.between(TICKS_PER_SECOND, max_seconds * TICKS_PER_SECOND))
    }
    /// As .NET's round-trip format (`"o"`) writes a UTC `DateTime`.
    fn text(self) -> String {
        let (seconds, ticks) = (self.0 / TICKS_PER_SECOND, self.0 % TICKS_PER_SECOND);
        let (day, rest) = (1 + seconds / 86_400, seconds % 86_400);
        format!("2026-11-{day:02}T{:02}:{:02}:{:02}.{ticks:07}Z", rest / 3600, rest / 60 % 60, rest % 60)
    }
}

/// What is happening in the session.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Ringing,
    Queued,
    QueueRinging,
    Connected,
    Hold,
    Transferring,
    DialingOut,
    Chat,
    Ended,
}

const SCENARIOS: &[Scenario] = &[
    Scenario::Ringing,
    Scenario::Queued,
    Scenario::QueueRinging,
    Scenario::Connected,
    Scenario::Connected,
    Scenario::Hold,
    Scenario::Transferring,
    Scenario::DialingOut,
    Scenario::Chat,
    Scenario::Ended,
    Scenario::Ended,
];

struct Log {
    at: Stamp,
    entries: Vec<SessionLogInfo>,
}

impl Log {
    fn add(&mut self, rng: &mut SplitMix64, message: String) {
        self.at = self.at.later(rng, 40);
        self.entries.push(SessionLogInfo { date: Some(self.at.text()), message: Some(message) });
    }
}

fn twilio_sid(rng: &mut SplitMix64, prefix: &str) -> String {
    format!("{prefix}{}", rng.hex(32))
}

fn caller(rng: &mut SplitMix64, number: &str, name: Option<&str>, state: MemberCall) -> SessionMemberInfo {
    let mut data = Dictionary::new();
    data.insert("language", Some(*rng.pick(words::LANGUAGES)));
    if rng.chance(50) {
        data.insert("crmContactId", Some(format!("C-{}", rng.digits(6))));
    }
    if rng.chance(30) {
        data.insert("note", Some(*rng.pick(words::NOTES)));
    }
    SessionMemberInfo {
        identity: Some(number.to_owned()),
        endpoint_id: None,
        display_name: Some(name.unwrap_or(number).to_owned()),
        is_original_member: true,
        avatar_url: None,
        application_data: Some(data),
        call_state: state,
        role: Role::Caller,
        call_sid: Some(twilio_sid(rng, "CA")),
        muted: false,
    }
}

fn agent_member(rng: &mut SplitMix64, agent: &Agent, role: Role, state: MemberCall, queue: &str) -> SessionMemberInfo {
    let mut data = Dictionary::new();
    data.insert("queue", Some(queue));
    data.insert("priority", Some(rng.between(1, 9).to_string()));
    data.insert("sip", Some(agent.sip.as_str()));
    SessionMemberInfo {
        identity: Some(format!("client:{}", agent.user_id)),
        endpoint_id: Some(agent.endpoint_id.clone()),
        display_name: Some(agent.name.clone()),
        is_original_member: false,
        avatar_url: agent.avatar.clone(),
        application_data: Some(data),
        muted: state == MemberCall::Connected && rng.chance(15),
        call_state: state,
        role,
        call_sid: Some(twilio_sid(rng, "CA")),
    }
}

/// One session of an account of `world`.
pub(crate) fn session(rng: &mut SplitMix64, world: &World) -> SessionInfo {
    let account: &Account = rng.pick(&world.accounts);
    let customer = rng.pick(&account.customers);
    let scenario = *rng.pick(SCENARIOS);
    let agent = rng.pick(&account.agents);
    let other = rng.pick(&account.agents);
    let queue = *rng.pick(words::QUEUES);
    let outgoing = scenario == Scenario::DialingOut || (scenario == Scenario::Ended && rng.chance(30));
    let chat = scenario == Scenario::Chat || (scenario == Scenario::Ended && rng.chance(15));
    let external = world::phone(rng);
    let our_number = rng.pick(&account.numbers).clone();
    let external_name = rng.chance(60).then(|| world::person(rng));
    let created = Stamp::random(rng);
    let mut log = Log { at: created, entries: Vec::new() };
    let mut members = Vec::new();
    let (mut call, mut queue_state, mut hold) = (Call::Connected, Queue::None, SessionHoldReasons::None);
    let mut answered = false;

    if outgoing {
        log.add(rng, format!("Outbound call from {} to {external}", agent.name));
        let mut starter = agent_member(rng, agent, Role::Agent, MemberCall::Connected, queue);
        starter.is_original_member = true;
        members.push(starter);
        let state = if scenario == Scenario::DialingOut { MemberCall::Ringing } else { MemberCall::None };
        let mut callee = caller(rng, &external, external_name.as_deref(), state);
        (callee.is_original_member, callee.role) = (false, Role::None);
        members.push(callee);
        call = Call::Ringing;
    } else if chat {
        log.add(rng, format!("Chat started by {external}"));
        let note = rng.pick(words::NOTES);
        log.add(rng, format!("Message: {note}"));
        members.push(caller(rng, &external, external_name.as_deref(), MemberCall::None));
        members.push(agent_member(rng, agent, Role::Agent, MemberCall::None, queue));
        (call, answered) = (Call::Passive, true);
    } else {
        log.add(rng, format!("Incoming call from {external} to {our_number}"));
        let caller_state = if scenario == Scenario::Ringing { MemberCall::Ringing } else { MemberCall::Connected };
        members.push(caller(rng, &external, external_name.as_deref(), caller_state));
        match scenario {
            Scenario::Ringing => {
                call = Call::Ringing;
                members.push(agent_member(rng, agent, Role::Agent, MemberCall::Ringing, queue));
                log.add(rng, format!("Ringing {}", agent.sip));
            }
            Scenario::Queued => {
                queue_state = Queue::Queued;
                log.add(rng, format!("Entered queue {queue}"));
            }
            _ => {
                queue_state = Queue::Connected;
                log.add(rng, format!("Entered queue {queue}"));
                log.add(rng, format!("Ringing {}", agent.sip));
                let agent_state =
                    if scenario == Scenario::QueueRinging { MemberCall::Ringing } else { MemberCall::Connected };
                members.push(agent_member(rng, agent, Role::Agent, agent_state, queue));
                if scenario == Scenario::QueueRinging {
                    queue_state = Queue::Ringing;
                } else {
                    answered = true;
                    log.add(rng, format!("Answered by {}", agent.name));
                }
            }
        }
        match scenario {
            Scenario::Hold => {
                (call, queue_state) = (Call::Hold, Queue::Hold);
                members[0].call_state = MemberCall::Hold;
                log.add(rng, format!("Placed on hold by {}", agent.name));
            }
            Scenario::Transferring => {
                (call, queue_state, hold) = (Call::Hold, Queue::Hold, SessionHoldReasons::Transferring);
                members[0].call_state = MemberCall::Hold;
                members.push(agent_member(rng, other, Role::Transfer, MemberCall::Ringing, queue));
                log.add(rng, format!("Transferring to \"{}\"", other.name));
            }
            _ => {}
        }
    }
    let ended = scenario == Scenario::Ended;
    let missed = ended && !outgoing && !chat && rng.chance(40);
    if ended {
        (call, queue_state) = (Call::Disconnected, if chat || outgoing { Queue::None } else { Queue::Disconnected });
        answered = !missed;
        for member in &mut members {
            member.call_state = MemberCall::None;
        }
        log.add(rng, if missed { "Caller hung up in queue".to_owned() } else { "Call ended".to_owned() });
    }
    let on_hold = call == Call::Hold;
    let queue_member_id = (queue_state != Queue::None && answered).then(|| agent.endpoint_id.clone());
    let ring_queue_id = matches!(queue_state, Queue::Queued | Queue::Ringing).then(|| world::id(rng));
    let (from, to) =
        if outgoing { (our_number.clone(), external.clone()) } else { (external.clone(), our_number.clone()) };
    let last = log.at;
    SessionInfo {
        entity: EntityInfo {
            id: Some(world::id(rng)),
            date_created: Some(created.text()),
            date_last_modified: Some(last.text()),
            created_by: Some(if outgoing { agent.user_id.clone() } else { "system".to_owned() }),
            last_modified_by: rng.chance(70).then(|| agent.user_id.clone()),
        },
        dial_state: if scenario == Scenario::DialingOut { SessionDialState::Active } else { SessionDialState::None },
        call_state: call,
        queue_state,
        account_id: Some(account.id.clone()),
        account_name: Some(account.name.clone()),
        customer_id: customer.id().map(str::to_owned),
        customer_breadcrumb: Some(customer.breadcrumb.clone()),
        customer_name: customer.name().map(str::to_owned),
        endpoint_id: Some(agent.endpoint_id.clone()),
        endpoint_name: Some(if rng.chance(70) { agent.name.clone() } else { rng.pick(words::DEVICES).to_string() }),
        date_completed: ended.then(|| last.text()),
        destination: Some(if outgoing { external.clone() } else { our_number.clone() }),
        to_address: Some(if outgoing { to.clone() } else { format!("sip:{to}@{}", account.sip_domain) }),
        from_address: Some(if outgoing { agent.sip.clone() } else { from.clone() }),
        from_name: if outgoing { Some(agent.name.clone()) } else { external_name.clone() },
        answered_by_name: answered.then(|| agent.name.clone()),
        queue_member_id,
        channel: if chat { FlowChannels::Chat } else { FlowChannels::Voice },
        ended,
        outcome: ended.then(|| if missed { "Abandoned".to_owned() } else { rng.pick(words::OUTCOMES).to_string() }),
        call_sid: (!chat).then(|| twilio_sid(rng, "CA")),
        console_data: rng
            .chance(25)
            .then(|| format!("{{\"crmUrl\":\"https://crm.example.com/contacts?id={}&tab=calls\"}}", rng.digits(6))),
        hold_queue_name: on_hold.then(|| format!("{queue} hold")),
        held_by_user_id: on_hold.then(|| agent.user_id.clone()),
        hold_reason: hold,
        conference_sid: (!chat && members.len() > 1 && answered).then(|| twilio_sid(rng, "CF")),
        display_name: Some(match &external_name {
            Some(name) => format!("{name} → {queue}"),
            None => format!("{external} → {queue}"),
        }),
        log: Some(log.entries),
        callback_number: (!outgoing && rng.chance(30)).then(|| external.clone()),
        answered_by_id: answered.then(|| agent.endpoint_id.clone()),
        direction: if outgoing { SessionDirections::Outgoing } else { SessionDirections::Incoming },
        from_phone_number: Some(from),
        most_recent_participant_call_sid: members.last().and_then(|m| m.call_sid.clone()),
        was_missed: missed,
        ring_queue_id,
        members: Some(members),
    }
}

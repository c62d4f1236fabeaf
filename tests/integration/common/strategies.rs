//! proptest strategies for every contract, covering the hard cases: every Unicode scalar
//! (markup characters, carriage returns, tabs, astral characters, controls), empty and
//! whitespace-only strings, null versus empty lists and dictionaries, null dictionary
//! values, and enum names this crate does not know.

use evovoice_contracts::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use evovoice_contracts::customers::CustomerBreadcrumb;
use evovoice_contracts::flows::FlowChannels;
use evovoice_contracts::servicestack::{ErrorResponse, ResponseError, ResponseStatus};
use evovoice_contracts::sessions::*;
use evovoice_contracts::{Dictionary, EntityInfo};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::Union;

/// Which characters strings may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chars {
    /// Every character XML 1.0 can carry (what the ServiceStack dialect can write).
    Xml,
    /// Every Unicode scalar value (what the WCF dialect and JSON can write).
    Any,
    /// Every Unicode scalar value, in strings built to trip a writer or a reader up (see
    /// [`hostile_text`]).
    Hostile,
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// One character, biased towards the ones that need care.
pub fn character(chars: Chars) -> BoxedStrategy<char> {
    let special = prop::sample::select(vec![
        '<',
        '>',
        '&',
        '"',
        '\'',
        ']',
        '\t',
        '\n',
        '\r',
        ' ',
        '\u{A0}',
        '\u{85}',
        '\u{2028}',
        'é',
        'ß',
        '中',
        '😀',
        '\u{FFFD}',
        '\u{10FFFF}',
        '\u{E000}',
        '\u{D7FF}',
        '/',
        '\\',
    ]);
    let controls = prop::sample::select(
        (0u32..0x20).chain([0x7F, 0x80, 0x9F, 0xFFFE, 0xFFFF]).filter_map(char::from_u32).collect::<Vec<_>>(),
    );
    match chars {
        Chars::Xml => prop_oneof![
            6 => special,
            3 => prop::char::range(' ', '~'),
            2 => any::<char>().prop_filter("XML cannot carry it", |c| is_xml_char(*c)),
        ]
        .boxed(),
        Chars::Any | Chars::Hostile => prop_oneof![
            6 => special,
            3 => prop::char::range(' ', '~'),
            2 => any::<char>(),
            2 => controls,
        ]
        .boxed(),
    }
}

/// Pieces of text that have broken XML writers and readers: markup that must be escaped or
/// must not be (`]]>` in text, a half reference), every character XML allows that is not a
/// plain letter (tab, newline, carriage return, NEL, line and paragraph separators, no-break
/// and zero-width spaces, a byte order mark, bidirectional controls), noncharacters that
/// XML 1.0 still allows (U+FDD0, U+FDEF, U+1FFFE, U+10FFFF), the edges of the surrogate
/// range, and characters XML forbids (C0 controls, U+FFFE, U+FFFF), which only WCF's
/// dialect can write.
pub const HOSTILE_PIECES: &[&str] = &[
    "]]>",
    "]]",
    "]>",
    "<![CDATA[",
    "&#",
    "&#x",
    "&#xD;",
    "&amp;",
    "&lt;",
    "&;",
    "&x;",
    "<!--",
    "-->",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE x>",
    "<i:nil/>",
    "xmlns=\"\"",
    "\"'",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\n\r",
    " ",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{A0}",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{202E}",
    "\u{FDD0}",
    "\u{FDEF}",
    "\u{FFFD}",
    "\u{1FFFE}",
    "\u{10FFFF}",
    "\u{D7FF}",
    "\u{E000}",
    "\u{10000}",
    "e\u{301}",
    "\u{1F600}",
    "\u{7F}",
    "\u{80}",
    "\u{9F}",
    "\u{0}",
    "\u{1}",
    "\u{B}",
    "\u{C}",
    "\u{1F}",
    "\u{FFFE}",
    "\u{FFFF}",
];

/// A hostile string: pieces of [`HOSTILE_PIECES`] run together, a string of one piece
/// alone or at an end, or a long one (up to 64 KiB).
pub fn hostile_text() -> BoxedStrategy<String> {
    let piece = prop::sample::select(HOSTILE_PIECES.to_vec());
    prop_oneof![
        6 => vec(piece.clone(), 1..12).prop_map(|p| p.concat()),
        2 => (piece.clone(), "[a-z ]{0,4}").prop_map(|(p, t)| format!("{t}{p}")),
        2 => (piece.clone(), "[a-z ]{0,4}").prop_map(|(p, t)| format!("{p}{t}")),
        1 => (vec(piece, 1..4), 1usize..5000).prop_map(|(p, n)| p.concat().repeat(n)),
        1 => (1usize..65536).prop_map(|n| "x".repeat(n)),
    ]
    .boxed()
}

/// A string: empty, whitespace-only, or a mix of characters.
pub fn text(chars: Chars) -> BoxedStrategy<String> {
    if chars == Chars::Hostile {
        return prop_oneof![1 => text(Chars::Any), 3 => hostile_text()].boxed();
    }
    prop_oneof![
        1 => Just(String::new()),
        1 => prop::sample::select(vec![" ", "  ", "\t", "\n", " \r\n ", "\r"]).prop_map(str::to_owned),
        6 => vec(character(chars), 1..16).prop_map(|cs| cs.into_iter().collect()),
    ]
    .boxed()
}

/// A nullable string.
pub fn opt_text(chars: Chars) -> BoxedStrategy<Option<String>> {
    prop_oneof![1 => Just(None), 4 => text(chars).prop_map(Some)].boxed()
}

/// A nullable list: null, empty, or a few items.
pub fn opt_list<T: std::fmt::Debug + Clone + 'static>(
    item: BoxedStrategy<T>,
    max: usize,
) -> BoxedStrategy<Option<Vec<T>>> {
    prop_oneof![1 => Just(None), 1 => Just(Some(Vec::new())), 3 => vec(item, 1..=max).prop_map(Some)].boxed()
}

/// A nullable dictionary with unique keys (the empty key included) and some null values.
pub fn opt_dictionary(chars: Chars) -> BoxedStrategy<Option<Dictionary>> {
    let entries = vec((text(chars), opt_text(chars)), 0..5).prop_map(|entries| {
        let mut d = Dictionary::new();
        for (k, v) in entries {
            if !d.contains_key(&k) {
                d.insert(k, v);
            }
        }
        d
    });
    prop_oneof![1 => Just(None), 4 => entries.prop_map(Some)].boxed()
}

macro_rules! enum_strategy {
    ($name:ident, $ty:ty) => {
        /// Every declared member, and names the crate does not know.
        pub fn $name() -> BoxedStrategy<$ty> {
            Union::new_weighted(vec![
                (5, prop::sample::select(<$ty>::ALL.to_vec()).boxed()),
                (1, "[A-Z][A-Za-z0-9_]{0,10}".prop_map(|n| <$ty>::from_name(&n)).boxed()),
            ])
            .boxed()
        }
    };
}

enum_strategy!(dial_state, SessionDialState);
enum_strategy!(call_state, SessionCallState);
enum_strategy!(queue_state, SessionQueueStates);
enum_strategy!(hold_reason, SessionHoldReasons);
enum_strategy!(member_call_state, SessionMemberCallState);
enum_strategy!(member_role, SessionMemberRoles);
enum_strategy!(direction, SessionDirections);
enum_strategy!(channel, FlowChannels);

/// An `EntityInfo`.
pub fn entity(c: Chars) -> BoxedStrategy<EntityInfo> {
    (opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c))
        .prop_map(|(id, date_created, date_last_modified, created_by, last_modified_by)| {
            let mut value = EntityInfo::default();
            value.id = id;
            value.date_created = date_created;
            value.date_last_modified = date_last_modified;
            value.created_by = created_by;
            value.last_modified_by = last_modified_by;
            value
        })
        .boxed()
}

/// A `CustomerBreadcrumb`.
pub fn breadcrumb(c: Chars) -> BoxedStrategy<CustomerBreadcrumb> {
    (opt_text(c), opt_text(c))
        .prop_map(|(id, name)| {
            let mut value = CustomerBreadcrumb::default();
            value.id = id;
            value.name = name;
            value
        })
        .boxed()
}

/// A `SessionLogInfo`.
pub fn log(c: Chars) -> BoxedStrategy<SessionLogInfo> {
    (opt_text(c), opt_text(c))
        .prop_map(|(date, message)| {
            let mut value = SessionLogInfo::default();
            value.date = date;
            value.message = message;
            value
        })
        .boxed()
}

/// A `SessionMemberInfo`.
pub fn member(c: Chars) -> BoxedStrategy<SessionMemberInfo> {
    (
        (opt_text(c), opt_text(c), opt_text(c), any::<bool>(), opt_text(c)),
        (opt_dictionary(c), member_call_state(), member_role(), opt_text(c), any::<bool>()),
    )
        .prop_map(
            |(
                (identity, endpoint_id, display_name, is_original_member, avatar_url),
                (application_data, call_state, role, call_sid, muted),
            )| {
                let mut value = SessionMemberInfo::default();
                value.identity = identity;
                value.endpoint_id = endpoint_id;
                value.display_name = display_name;
                value.is_original_member = is_original_member;
                value.avatar_url = avatar_url;
                value.application_data = application_data;
                value.call_state = call_state;
                value.role = role;
                value.call_sid = call_sid;
                value.muted = muted;
                value
            },
        )
        .boxed()
}

/// A `SessionInfo`.
pub fn session(c: Chars) -> BoxedStrategy<SessionInfo> {
    let states = (dial_state(), call_state(), queue_state(), hold_reason(), direction(), channel());
    let flags = (any::<bool>(), any::<bool>());
    let lists = (opt_list(breadcrumb(c), 3), opt_list(log(c), 3), opt_list(member(c), 3));
    let strings_a =
        (opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c));
    let strings_b =
        (opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c));
    let strings_c =
        (opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c));
    (entity(c), states, flags, lists, strings_a, strings_b, strings_c)
        .prop_map(|(entity, states, flags, lists, a, b, s)| {
            let mut value = SessionInfo::default();
            value.entity = entity;
            value.dial_state = states.0;
            value.call_state = states.1;
            value.queue_state = states.2;
            value.hold_reason = states.3;
            value.direction = states.4;
            value.channel = states.5;
            value.ended = flags.0;
            value.was_missed = flags.1;
            value.customer_breadcrumb = lists.0;
            value.log = lists.1;
            value.members = lists.2;
            value.account_id = a.0;
            value.account_name = a.1;
            value.customer_id = a.2;
            value.customer_name = a.3;
            value.endpoint_id = a.4;
            value.endpoint_name = a.5;
            value.date_completed = a.6;
            value.destination = a.7;
            value.to_address = b.0;
            value.from_address = b.1;
            value.from_name = b.2;
            value.answered_by_name = b.3;
            value.queue_member_id = b.4;
            value.outcome = b.5;
            value.call_sid = b.6;
            value.console_data = b.7;
            value.hold_queue_name = s.0;
            value.held_by_user_id = s.1;
            value.conference_sid = s.2;
            value.display_name = s.3;
            value.callback_number = s.4;
            value.answered_by_id = s.5;
            value.from_phone_number = s.6;
            value.most_recent_participant_call_sid = s.7;
            value.ring_queue_id = None;
            value
        })
        .prop_flat_map(move |s| {
            opt_text(c).prop_map(move |ring| {
                let mut value = s.clone();
                value.ring_queue_id = ring;
                value
            })
        })
        .boxed()
}

/// An `AppGetActiveSessionsResult`.
pub fn result(c: Chars) -> BoxedStrategy<AppGetActiveSessionsResult> {
    opt_list(session(c), 3)
        .prop_map(|sessions| {
            let mut value = AppGetActiveSessionsResult::default();
            value.sessions = sessions;
            value
        })
        .boxed()
}

/// An `AppGetActiveSessions` request.
pub fn request(c: Chars) -> BoxedStrategy<AppGetActiveSessions> {
    (opt_text(c), opt_text(c), opt_text(c))
        .prop_map(|(account_id, customer_id, start_date)| {
            let mut value = AppGetActiveSessions::default();
            value.account_id = account_id;
            value.customer_id = customer_id;
            value.start_date = start_date;
            value
        })
        .boxed()
}

/// A `ResponseError`.
pub fn response_error(c: Chars) -> BoxedStrategy<ResponseError> {
    (opt_text(c), opt_text(c), opt_text(c), opt_dictionary(c))
        .prop_map(|(error_code, field_name, message, meta)| {
            let mut value = ResponseError::default();
            value.error_code = error_code;
            value.field_name = field_name;
            value.message = message;
            value.meta = meta;
            value
        })
        .boxed()
}

/// An `ErrorResponse`.
pub fn error_response(c: Chars) -> BoxedStrategy<ErrorResponse> {
    let status = (opt_text(c), opt_text(c), opt_text(c), opt_list(response_error(c), 3), opt_dictionary(c)).prop_map(
        |(error_code, message, stack_trace, errors, meta)| {
            let mut value = ResponseStatus::default();
            value.error_code = error_code;
            value.message = message;
            value.stack_trace = stack_trace;
            value.errors = errors;
            value.meta = meta;
            value
        },
    );
    prop_oneof![1 => Just(None), 4 => status.prop_map(Some)]
        .prop_map(|response_status| {
            let mut value = ErrorResponse::default();
            value.response_status = response_status;
            value
        })
        .boxed()
}

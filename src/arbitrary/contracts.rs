//! Strategies for the lists, the dictionary, the enums and the contracts.

use super::text::{opt_text, text};
use super::Chars;
use crate::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use crate::customers::CustomerBreadcrumb;
use crate::flows::FlowChannels;
use crate::servicestack::{ErrorResponse, ResponseError, ResponseStatus};
use crate::sessions::*;
use crate::{Dictionary, EntityInfo};
use proptest::collection::{vec, SizeRange};
use proptest::prelude::*;

/// A nullable list: null, empty, or `1..=max` items.
///
/// ```
/// use evovoice_contracts::arbitrary::{opt_list, text, Chars};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(32), |(list in opt_list(text(Chars::Xml), 3))| {
///     prop_assert!(list.map_or(0, |l| l.len()) <= 3);
/// });
/// ```
pub fn opt_list<T: std::fmt::Debug + Clone + 'static>(
    item: BoxedStrategy<T>,
    max: usize,
) -> BoxedStrategy<Option<Vec<T>>> {
    prop_oneof![1 => Just(None), 1 => Just(Some(Vec::new())), 3 => vec(item, 1..=max.max(1)).prop_map(Some)].boxed()
}

/// A nullable dictionary with unique keys (the empty key included). Its values are null
/// some of the time, except for [`Chars::Portable`]: ServiceStack's JSON leaves such
/// entries out.
///
/// ```
/// use evovoice_contracts::arbitrary::{opt_dictionary, Chars};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(32), |(d in opt_dictionary(Chars::Portable))| {
///     prop_assert!(d.unwrap_or_default().iter().all(|(_, v)| v.is_some()));
/// });
/// ```
pub fn opt_dictionary(chars: Chars) -> BoxedStrategy<Option<Dictionary>> {
    let value = if chars == Chars::Portable { text(chars).prop_map(Some).boxed() } else { opt_text(chars) };
    let entries = vec((text(chars), value), 0..5).prop_map(|entries| {
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
        #[doc = concat!("A `", stringify!($ty), "`: every declared member, and (except for")]
        /// [`Chars::Portable`]: .NET cannot read them) names this crate does not know.
        ///
        /// ```
        /// use evovoice_contracts::arbitrary::{self, Chars};
        /// use proptest::prelude::*;
        ///
        #[doc = concat!("proptest!(ProptestConfig::with_cases(16), |(e in arbitrary::", stringify!($name), "(Chars::Portable))| {")]
        ///     prop_assert!(e.is_known());
        /// });
        /// ```
        pub fn $name(chars: Chars) -> BoxedStrategy<$ty> {
            let known = prop::sample::select(<$ty>::ALL.to_vec());
            if chars == Chars::Portable {
                return known.boxed();
            }
            prop_oneof![5 => known, 1 => "[A-Z][A-Za-z0-9_]{0,10}".prop_map(|n| <$ty>::from_name(&n))].boxed()
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
///
/// ```
/// use evovoice_contracts::arbitrary::{entity, Chars};
/// use evovoice_contracts::{json, xml};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(8), |(value in entity(Chars::Portable))| {
///     let text = json::to_string(&value).unwrap();
///     prop_assert_eq!(&json::from_str::<evovoice_contracts::EntityInfo>(&text).unwrap(), &value);
///     prop_assert_eq!(xml::from_str::<evovoice_contracts::EntityInfo>(&xml::to_string(&value).unwrap()).unwrap(), value);
/// });
/// ```
pub fn entity(c: Chars) -> BoxedStrategy<EntityInfo> {
    (opt_text(c), opt_text(c), opt_text(c), opt_text(c), opt_text(c))
        .prop_map(|(id, date_created, date_last_modified, created_by, last_modified_by)| EntityInfo {
            id,
            date_created,
            date_last_modified,
            created_by,
            last_modified_by,
        })
        .boxed()
}

/// A `CustomerBreadcrumb`.
///
/// ```
/// use evovoice_contracts::arbitrary::{breadcrumb, Chars};
/// use evovoice_contracts::{json, xml};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(8), |(value in breadcrumb(Chars::Portable))| {
///     let text = json::to_string(&value).unwrap();
///     prop_assert_eq!(&json::from_str::<evovoice_contracts::customers::CustomerBreadcrumb>(&text).unwrap(), &value);
///     prop_assert_eq!(xml::from_str::<evovoice_contracts::customers::CustomerBreadcrumb>(&xml::to_string(&value).unwrap()).unwrap(), value);
/// });
/// ```
pub fn breadcrumb(c: Chars) -> BoxedStrategy<CustomerBreadcrumb> {
    (opt_text(c), opt_text(c)).prop_map(|(id, name)| CustomerBreadcrumb { id, name }).boxed()
}

/// A `SessionLogInfo`.
///
/// ```
/// use evovoice_contracts::arbitrary::{log, Chars};
/// use evovoice_contracts::{json, xml};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(8), |(value in log(Chars::Portable))| {
///     let text = json::to_string(&value).unwrap();
///     prop_assert_eq!(&json::from_str::<evovoice_contracts::sessions::SessionLogInfo>(&text).unwrap(), &value);
///     prop_assert_eq!(xml::from_str::<evovoice_contracts::sessions::SessionLogInfo>(&xml::to_string(&value).unwrap()).unwrap(), value);
/// });
/// ```
pub fn log(c: Chars) -> BoxedStrategy<SessionLogInfo> {
    (opt_text(c), opt_text(c)).prop_map(|(date, message)| SessionLogInfo { date, message }).boxed()
}

/// A `SessionMemberInfo`.
///
/// ```
/// use evovoice_contracts::arbitrary::{member, Chars};
/// use evovoice_contracts::{json, xml};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(8), |(value in member(Chars::Portable))| {
///     let text = json::to_string(&value).unwrap();
///     prop_assert_eq!(&json::from_str::<evovoice_contracts::sessions::SessionMemberInfo>(&text).unwrap(), &value);
///     prop_assert_eq!(xml::from_str::<evovoice_contracts::sessions::SessionMemberInfo>(&xml::to_string(&value).unwrap()).unwrap(), value);
/// });
/// ```
pub fn member(c: Chars) -> BoxedStrategy<SessionMemberInfo> {
    (
        (opt_text(c), opt_text(c), opt_text(c), any::<bool>(), opt_text(c)),
        (opt_dictionary(c), member_call_state(c), member_role(c), opt_text(c), any::<bool>()),
    )
        .prop_map(
            |(
                (identity, endpoint_id, display_name, is_original_member, avatar_url),
                (application_data, call_state, role, call_sid, muted),
            )| SessionMemberInfo {
                identity,
                endpoint_id,
                display_name,
                is_original_member,
                avatar_url,
                application_data,
                call_state,
                role,
                call_sid,
                muted,
            },
        )
        .boxed()
}

/// A `SessionInfo`, with up to three breadcrumbs, log entries and members.
///
/// ```
/// use evovoice_contracts::arbitrary::{session, Chars};
/// use evovoice_contracts::{json, xml};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(8), |(value in session(Chars::Portable))| {
///     let text = json::to_string(&value).unwrap();
///     prop_assert_eq!(&json::from_str::<evovoice_contracts::sessions::SessionInfo>(&text).unwrap(), &value);
///     prop_assert_eq!(xml::from_str::<evovoice_contracts::sessions::SessionInfo>(&xml::to_string(&value).unwrap()).unwrap(), value);
/// });
/// ```
pub fn session(c: Chars) -> BoxedStrategy<SessionInfo> {
    let states = (dial_state(c), call_state(c), queue_state(c), hold_reason(c), direction(c), channel(c));
    let flags = (any::<bool>(), any::<bool>());
    let lists = (opt_list(breadcrumb(c), 3), opt_list(log(c), 3), opt_list(member(c), 3));
    let t = || opt_text(c);
    let strings_a = (t(), t(), t(), t(), t(), t(), t(), t());
    let strings_b = (t(), t(), t(), t(), t(), t(), t(), t());
    let strings_c = (t(), t(), t(), t(), t(), t(), t(), t(), t());
    (entity(c), states, flags, lists, strings_a, strings_b, strings_c)
        .prop_map(|(entity, states, flags, lists, a, b, s)| SessionInfo {
            entity,
            dial_state: states.0,
            call_state: states.1,
            queue_state: states.2,
            hold_reason: states.3,
            direction: states.4,
            channel: states.5,
            ended: flags.0,
            was_missed: flags.1,
            customer_breadcrumb: lists.0,
            log: lists.1,
            members: lists.2,
            account_id: a.0,
            account_name: a.1,
            customer_id: a.2,
            customer_name: a.3,
            endpoint_id: a.4,
            endpoint_name: a.5,
            date_completed: a.6,
            destination: a.7,
            to_address: b.0,
            from_address: b.1,
            from_name: b.2,
            answered_by_name: b.3,
            queue_member_id: b.4,
            outcome: b.5,
            call_sid: b.6,
            console_data: b.7,
            hold_queue_name: s.0,
            held_by_user_id: s.1,
            conference_sid: s.2,
            display_name: s.3,
            callback_number: s.4,
            answered_by_id: s.5,
            from_phone_number: s.6,
            most_recent_participant_call_sid: s.7,
            ring_queue_id: s.8,
        })
        .boxed()
}

/// An `AppGetActiveSessionsResult` of up to three sessions (or null, or empty).
///
/// ```
/// use evovoice_contracts::arbitrary::{result, Chars};
/// use evovoice_contracts::{json, xml};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(8), |(value in result(Chars::Portable))| {
///     let text = json::to_string(&value).unwrap();
///     prop_assert_eq!(&json::from_str::<evovoice_contracts::app::portal::AppGetActiveSessionsResult>(&text).unwrap(), &value);
///     prop_assert_eq!(xml::from_str::<evovoice_contracts::app::portal::AppGetActiveSessionsResult>(&xml::to_string(&value).unwrap()).unwrap(), value);
/// });
/// ```
pub fn result(c: Chars) -> BoxedStrategy<AppGetActiveSessionsResult> {
    opt_list(session(c), 3).prop_map(|sessions| AppGetActiveSessionsResult { sessions }).boxed()
}

/// An `AppGetActiveSessionsResult` whose session list has a length in `sessions` (which
/// may be large: `1000..=5000`), each session from [`session`].
///
/// ```
/// use evovoice_contracts::arbitrary::{result_of, Chars};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(2), |(value in result_of(Chars::Portable, 200..=300))| {
///     prop_assert!(value.sessions.unwrap().len() >= 200);
/// });
/// ```
pub fn result_of(c: Chars, sessions: impl Into<SizeRange>) -> BoxedStrategy<AppGetActiveSessionsResult> {
    vec(session(c), sessions).prop_map(|s| AppGetActiveSessionsResult { sessions: Some(s) }).boxed()
}

/// An `AppGetActiveSessions` request.
///
/// ```
/// use evovoice_contracts::arbitrary::{request, Chars};
/// use evovoice_contracts::{json, xml};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(8), |(value in request(Chars::Portable))| {
///     let text = json::to_string(&value).unwrap();
///     prop_assert_eq!(&json::from_str::<evovoice_contracts::app::portal::AppGetActiveSessions>(&text).unwrap(), &value);
///     prop_assert_eq!(xml::from_str::<evovoice_contracts::app::portal::AppGetActiveSessions>(&xml::to_string(&value).unwrap()).unwrap(), value);
/// });
/// ```
pub fn request(c: Chars) -> BoxedStrategy<AppGetActiveSessions> {
    (opt_text(c), opt_text(c), opt_text(c))
        .prop_map(|(account_id, customer_id, start_date)| AppGetActiveSessions { account_id, customer_id, start_date })
        .boxed()
}

/// A `ResponseError`.
///
/// ```
/// use evovoice_contracts::arbitrary::{response_error, Chars};
/// use evovoice_contracts::{json, xml};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(8), |(value in response_error(Chars::Portable))| {
///     let text = json::to_string(&value).unwrap();
///     prop_assert_eq!(&json::from_str::<evovoice_contracts::servicestack::ResponseError>(&text).unwrap(), &value);
///     prop_assert_eq!(xml::from_str::<evovoice_contracts::servicestack::ResponseError>(&xml::to_string(&value).unwrap()).unwrap(), value);
/// });
/// ```
pub fn response_error(c: Chars) -> BoxedStrategy<ResponseError> {
    (opt_text(c), opt_text(c), opt_text(c), opt_dictionary(c))
        .prop_map(|(error_code, field_name, message, meta)| ResponseError { error_code, field_name, message, meta })
        .boxed()
}

/// A `ResponseStatus`.
///
/// ```
/// use evovoice_contracts::arbitrary::{response_status, Chars};
/// use evovoice_contracts::{json, xml};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(8), |(value in response_status(Chars::Portable))| {
///     let text = json::to_string(&value).unwrap();
///     prop_assert_eq!(&json::from_str::<evovoice_contracts::servicestack::ResponseStatus>(&text).unwrap(), &value);
///     prop_assert_eq!(xml::from_str::<evovoice_contracts::servicestack::ResponseStatus>(&xml::to_string(&value).unwrap()).unwrap(), value);
/// });
/// ```
pub fn response_status(c: Chars) -> BoxedStrategy<ResponseStatus> {
    (opt_text(c), opt_text(c), opt_text(c), opt_list(response_error(c), 3), opt_dictionary(c))
        .prop_map(|(error_code, message, stack_trace, errors, meta)| ResponseStatus {
            error_code,
            message,
            stack_trace,
            errors,
            meta,
        })
        .boxed()
}

/// An `ErrorResponse`.
///
/// ```
/// use evovoice_contracts::arbitrary::{error_response, Chars};
/// use evovoice_contracts::{json, xml};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(8), |(value in error_response(Chars::Portable))| {
///     let text = json::to_string(&value).unwrap();
///     prop_assert_eq!(&json::from_str::<evovoice_contracts::servicestack::ErrorResponse>(&text).unwrap(), &value);
///     prop_assert_eq!(xml::from_str::<evovoice_contracts::servicestack::ErrorResponse>(&xml::to_string(&value).unwrap()).unwrap(), value);
/// });
/// ```
pub fn error_response(c: Chars) -> BoxedStrategy<ErrorResponse> {
    prop_oneof![1 => Just(None), 4 => response_status(c).prop_map(Some)]
        .prop_map(|response_status| ErrorResponse { response_status })
        .boxed()
}

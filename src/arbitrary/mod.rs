//! proptest support (feature `proptest`): [`Arbitrary`] for every contract, enum and
//! [`Dictionary`], and named strategies for the hostile cases.
//!
//! `any::<T>()` gives values that every format and dialect carries alike, so they
//! round-trip through this crate's XML (both dialects) and JSON, and through .NET:
//! strings of characters XML can carry, without carriage returns (.NET's ServiceStack
//! writer turns them into newlines); enums of declared members only (.NET cannot read
//! other names); dictionaries without null values (ServiceStack's JSON leaves them out).
//! Strings, lists and dictionaries are null, empty or not.
//!
//! ```
//! use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
//! use evovoice_contracts::{json, xml};
//! use proptest::prelude::*;
//!
//! proptest!(ProptestConfig::with_cases(16), |(value in any::<AppGetActiveSessionsResult>())| {
//!     let text = xml::to_string(&value).unwrap();
//!     prop_assert_eq!(&xml::from_str::<AppGetActiveSessionsResult>(&text).unwrap(), &value);
//!     let text = json::to_string(&value).unwrap();
//!     prop_assert_eq!(json::from_str::<AppGetActiveSessionsResult>(&text).unwrap(), value);
//! });
//! ```
//!
//! For the hostile cases, the parameter of [`any_with`]
//! (a [`Chars`]) widens the values, or use the strategies of this module directly: any
//! Unicode text ([`Chars::Any`], [`hostile_text`]), unknown enum names, null dictionary
//! values, and huge lists ([`result_of`], [`realistic_result`]).
//!
//! ```
//! use evovoice_contracts::arbitrary::Chars;
//! use evovoice_contracts::sessions::SessionInfo;
//! use evovoice_contracts::xml::{self, Dialect, XmlOptions};
//! use proptest::prelude::*;
//!
//! // Only WCF's dialect writes every Unicode scalar value.
//! let wcf = XmlOptions::new().dialect(Dialect::Wcf);
//! proptest!(ProptestConfig::with_cases(16), |(value in any_with::<SessionInfo>(Chars::Any))| {
//!     let bytes = xml::to_vec_with(&value, &wcf).unwrap();
//!     prop_assert_eq!(xml::from_slice::<SessionInfo>(&bytes).unwrap(), value);
//! });
//! ```

mod contracts;
mod text;

pub use contracts::*;
pub use text::{character, hostile_text, opt_text, text, HOSTILE_PIECES};

use crate::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use crate::customers::CustomerBreadcrumb;
use crate::flows::FlowChannels;
use crate::servicestack::{ErrorResponse, ResponseError, ResponseStatus};
use crate::sessions::*;
use crate::{Dictionary, EntityInfo};
use proptest::arbitrary::Arbitrary;
use proptest::collection::SizeRange;
use proptest::prelude::*;

/// Which values strategies produce: which characters strings hold and, for
/// [`Portable`](Chars::Portable), also which enum names and dictionary values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Chars {
    /// What every format and dialect carries alike, .NET included (the default, and what
    /// `any::<T>()` gives): characters XML can carry other than the carriage return,
    /// declared enum members only, no null dictionary values.
    #[default]
    Portable,
    /// Every character XML 1.0 can carry (what the ServiceStack dialect can write), enum
    /// names this crate does not know, null dictionary values.
    Xml,
    /// Every Unicode scalar value (what the WCF dialect and JSON can write), and the rest
    /// as for [`Xml`](Chars::Xml).
    Any,
    /// Every Unicode scalar value, in strings built to trip a writer or a reader up (see
    /// [`hostile_text`]), and the rest as for [`Xml`](Chars::Xml).
    Hostile,
}

/// A response with a number of realistic sessions in `sessions` (which may be large:
/// `10_000..=20_000` is quick), from [`generate`](crate::generate) with a seed the
/// strategy picks. It shrinks towards fewer sessions.
///
/// ```
/// use evovoice_contracts::arbitrary::realistic_result;
/// use evovoice_contracts::json;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(2), |(value in realistic_result(5000..=6000))| {
///     let text = json::to_string(&value).unwrap();
///     prop_assert_eq!(json::from_str::<evovoice_contracts::app::portal::AppGetActiveSessionsResult>(&text).unwrap(), value);
/// });
/// ```
pub fn realistic_result(sessions: impl Into<SizeRange>) -> BoxedStrategy<AppGetActiveSessionsResult> {
    let range: SizeRange = sessions.into();
    (any::<u64>(), range.start()..range.end_excl())
        .prop_map(|(seed, count)| crate::generate::result(seed, count))
        .boxed()
}

macro_rules! arbitrary {
    ($($ty:ty => $strategy:ident),* $(,)?) => {$(
        impl Arbitrary for $ty {
            /// Which values: [`Chars::Portable`] by default.
            type Parameters = Chars;
            type Strategy = BoxedStrategy<$ty>;
            fn arbitrary_with(chars: Chars) -> Self::Strategy {
                $strategy(chars)
            }
        }
    )*};
}

arbitrary! {
    AppGetActiveSessions => request,
    AppGetActiveSessionsResult => result,
    EntityInfo => entity,
    SessionInfo => session,
    SessionLogInfo => log,
    SessionMemberInfo => member,
    CustomerBreadcrumb => breadcrumb,
    ErrorResponse => error_response,
    ResponseStatus => response_status,
    ResponseError => response_error,
    SessionDialState => dial_state,
    SessionCallState => call_state,
    SessionQueueStates => queue_state,
    SessionHoldReasons => hold_reason,
    SessionMemberCallState => member_call_state,
    SessionMemberRoles => member_role,
    SessionDirections => direction,
    FlowChannels => channel,
}

fn dictionary(chars: Chars) -> BoxedStrategy<Dictionary> {
    opt_dictionary(chars).prop_map(Option::unwrap_or_default).boxed()
}

arbitrary! { Dictionary => dictionary }

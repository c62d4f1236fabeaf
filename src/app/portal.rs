//! `Voice.Api.App.Portal`: the operation `GET /portal/active-sessions`.

use crate::contract::macros::contract;
use crate::namespaces as ns;
use crate::sessions::SessionInfo;

contract! {
    #[contract(name = "AppGetActiveSessions", namespace = ns::APP_PORTAL)]
    /// `Voice.Api.App.Portal.AppGetActiveSessions`: the request of
    /// `GET /portal/active-sessions` (requires authentication). Its members travel as
    /// query parameters.
    pub struct AppGetActiveSessions {
        /// The account whose sessions to list
        pub account_id: Option<String> => "AccountId",
        /// The customer whose sessions to list
        pub customer_id: Option<String> => "CustomerId",
        /// The date to list sessions from
        pub start_date: Option<String> => "StartDate",
    }
}

contract! {
    #[contract(name = "AppGetActiveSessionsResult", namespace = ns::APP_PORTAL)]
    /// `Voice.Api.App.Portal.AppGetActiveSessionsResult`: the response of
    /// `GET /portal/active-sessions`.
    pub struct AppGetActiveSessionsResult {
        /// The active sessions
        pub sessions: Option<Vec<SessionInfo>> => "Sessions",
    }
}

impl AppGetActiveSessionsResult {
    /// The descriptor of the `Sessions` member, which the streaming readers and writers
    /// work through.
    pub(crate) fn sessions_member() -> &'static crate::contract::MemberRef {
        use crate::contract::Contract;
        let members = Self::info().members();
        members.iter().find(|m| m.slot() == 0).unwrap_or(&members[0])
    }
}

//! Every contract and enum of the model, listed once, for the layers above the model that
//! implement something for each of them (serde's traits in [`json`](crate::json), the
//! [`Document`](crate::document::Document) variants). Adding a contract to the model means
//! adding it here too; the compiler then asks every such layer for its part.

/// Calls `$callback!` with every contract class, as `Variant => path::to::Type`, the
/// operation's documents first.
macro_rules! with_contracts {
    ($callback:ident) => {
        $callback! {
            AppGetActiveSessionsResult => $crate::app::portal::AppGetActiveSessionsResult,
            AppGetActiveSessions => $crate::app::portal::AppGetActiveSessions,
            ErrorResponse => $crate::servicestack::ErrorResponse,
            SessionInfo => $crate::sessions::SessionInfo,
            SessionLogInfo => $crate::sessions::SessionLogInfo,
            SessionMemberInfo => $crate::sessions::SessionMemberInfo,
            CustomerBreadcrumb => $crate::customers::CustomerBreadcrumb,
            EntityInfo => $crate::EntityInfo,
            ResponseStatus => $crate::servicestack::ResponseStatus,
            ResponseError => $crate::servicestack::ResponseError,
        }
    };
}

/// Calls `$callback!` with every enum, as `Name => path::to::Type`.
macro_rules! with_enums {
    ($callback:ident) => {
        $callback! {
            SessionDialState => $crate::sessions::SessionDialState,
            SessionCallState => $crate::sessions::SessionCallState,
            SessionQueueStates => $crate::sessions::SessionQueueStates,
            SessionHoldReasons => $crate::sessions::SessionHoldReasons,
            SessionDirections => $crate::sessions::SessionDirections,
            SessionMemberCallState => $crate::sessions::SessionMemberCallState,
            SessionMemberRoles => $crate::sessions::SessionMemberRoles,
            FlowChannels => $crate::flows::FlowChannels,
        }
    };
}

pub(crate) use {with_contracts, with_enums};

//! The XML namespaces of the contracts.

/// `Voice.Api`: [`EntityInfo`](crate::EntityInfo).
pub const VOICE_API: &str = "http://schemas.datacontract.org/2004/07/Voice.Api";
/// `Voice.Api.Sessions`.
pub const SESSIONS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Sessions";
/// `Voice.Api.Customers`.
pub const CUSTOMERS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Customers";
/// `Voice.Api.Flows`.
pub const FLOWS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Flows";
/// `Voice.Api.App.Portal`: the operation's request and result.
pub const APP_PORTAL: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal";
/// ServiceStack's own types ([`ErrorResponse`](crate::servicestack::ErrorResponse)).
pub const SERVICESTACK: &str = "http://schemas.servicestack.net/types";

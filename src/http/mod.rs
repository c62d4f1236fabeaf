//! Conversions to and from the `http` crate's types (feature `http`), without
//! I/O, so that any HTTP client or server works with the operation.
//!
//! - [`to_request`]: the `http::Request` of an [`AppGetActiveSessions`](crate::app::portal::AppGetActiveSessions) against a base
//!   URL (which may carry a path prefix), asking for a [`Format`](crate::format::Format) with `Accept`.
//! - [`read_response`]: an `http::Response` read into the typed result, or the
//!   ServiceStack [`ErrorResponse`](crate::servicestack::ErrorResponse) with its status,
//!   or a clear error for a body that is neither ([`ApiError`]).
//! - [`Mock`]: the endpoint itself, answering an `http::Request` from fixed sessions with
//!   ServiceStack's content negotiation and errors; the command line's `serve` runs it.
//!
//! ```
//! use evovoice_contracts::app::portal::AppGetActiveSessions;
//! use evovoice_contracts::format::Format;
//! use evovoice_contracts::http::{read_response, to_request, Mock};
//!
//! let sessions: Vec<_> = evovoice_contracts::generate::sessions(1).take(20).collect();
//! let account = sessions[0].account_id.clone();
//!
//! let mut query = AppGetActiveSessions::default();
//! query.account_id = account.clone();
//! let request = to_request(&query, "https://api.example.com/v2/", Format::Xml).unwrap();
//! let expected_uri = format!("https://api.example.com/v2/portal/active-sessions?AccountId={}", account.as_deref().unwrap());
//! assert_eq!(request.uri(), expected_uri.as_str());
//! assert_eq!(request.headers()["accept"], "application/xml");
//!
//! // Any client sends it; here, the mock answers it in process.
//! let mock = Mock::new(sessions.clone()).prefix("/v2");
//! let response = mock.respond(&request);
//! assert_eq!(response.headers()["content-type"], "application/xml; charset=utf-8");
//! let result = read_response(&response).unwrap().sessions.unwrap();
//! assert_eq!(result, sessions.into_iter().filter(|s| s.account_id == account).collect::<Vec<_>>());
//! ```

mod client;
mod mock;
mod negotiate;

pub use client::{read_response, to_request, ApiError, InvalidBaseUrl};
pub use mock::Mock;
pub use negotiate::{check_query, negotiate, QueryError};

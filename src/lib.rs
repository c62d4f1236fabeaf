//! Typed contracts and wire formats of the Evo Voice API operation
//! `GET /portal/active-sessions`, byte-exact with the .NET service that speaks them.
//!
//! - The model: [`EntityInfo`] (the crate root mirrors the .NET namespace `Voice.Api`),
//!   [`sessions`], [`customers`], [`flows`], [`app::portal`] (the request and the result)
//!   and [`servicestack`] (the error body). Strings, lists and the dictionary are
//!   `Option`s: null and empty are different values on the wire.
//! - [`xml`]: DataContract XML exactly as .NET's `DataContractSerializer` writes it, in
//!   ServiceStack's dialect or WCF's, and everything .NET's reader accepts.
//! - [`json`]: JSON exactly as ServiceStack.Text writes it (camelCase, as Evo Voice's
//!   server does, or PascalCase), and everything it reads. Every contract also implements
//!   serde's `Serialize` and `Deserialize`.
//! - [`request`]: the request's method, path and query string; [`format`](mod@format): the two
//!   formats as HTTP names them; [`response`]: a response body decoded as the result or
//!   the error response; [`document`]: a document of any contract.
//! - [`Contract`]: the trait of every contract type, each declared once (wire name,
//!   namespace, members in order), which drives every format.
//! - [`validate`]: checks fixtures (saved responses) for everything .NET would reject,
//!   drop or default, reporting [`diagnostic`] findings with stable codes.
//! - [`generate`]: realistic test data; `arbitrary` and `http` (features `proptest`, `http`): proptest strategies, and the `http` crate's types with a mock of the endpoint.
//! - [`schema`]: the XML Schema (as .NET's `XsdDataContractExporter` gives it) and a JSON
//!   Schema of the contracts, from the same declarations.
//!
//! ```
//! use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
//! use evovoice_contracts::xml;
//!
//! let doc = std::fs::read("fixtures/xml/seed-sample.xml").unwrap();
//! let result: AppGetActiveSessionsResult = xml::from_slice(&doc).unwrap();
//! let sessions = result.sessions.as_deref().unwrap();
//! assert_eq!(sessions[0].call_state.name(), "Disconnected");
//!
//! let again = xml::to_vec_with(&result, &xml::XmlOptions::new().declaration(false)).unwrap();
//! assert_eq!(again, doc);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod app;
#[cfg(feature = "proptest")]
pub mod arbitrary;
mod contract;
pub mod customers;
mod dcxml;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod flows;
pub mod format;
pub mod generate;
#[cfg(feature = "http")]
pub mod http;
pub mod json;
mod namespaces;
pub mod request;
pub mod response;
pub mod schema;
pub mod servicestack;
pub mod sessions;
pub mod validate;
pub mod xml;

mod catalog;
mod dictionary;
mod entity;
mod limits;
mod location;
mod piece;
mod swar;
mod utf8;

pub use contract::Contract;
pub use dictionary::Dictionary;
pub use entity::EntityInfo;
pub use error::{Error, Result};

/// What a dependent cannot do, checked as doc tests (each compiles as a crate outside this
/// one): the contracts and enums are `#[non_exhaustive]`, and the internals are private,
/// so that Evo adding a member, or the engine changing, is not a breaking release.
///
/// A struct expression of a contract does not compile; `Default` and field assignment do:
///
/// ```compile_fail,E0639
/// use evovoice_contracts::sessions::SessionInfo;
///
/// let session = SessionInfo { ended: true, ..SessionInfo::default() };
/// ```
///
/// ```
/// use evovoice_contracts::sessions::SessionInfo;
///
/// let mut session = SessionInfo::default();
/// session.ended = true;
/// ```
///
/// A `match` on a wire enum needs a wildcard arm:
///
/// ```compile_fail,E0004
/// use evovoice_contracts::sessions::SessionCallState;
///
/// fn ringing(state: &SessionCallState) -> bool {
///     match state {
///         SessionCallState::Ringing => true,
///         SessionCallState::Disconnected
///         | SessionCallState::Connected
///         | SessionCallState::Hold
///         | SessionCallState::Passive
///         | SessionCallState::Unknown(_) => false,
///     }
/// }
/// ```
///
/// The DataContract XML engine and the descriptor machinery are not part of the API:
///
/// ```compile_fail,E0603
/// use evovoice_contracts::dcxml;
/// ```
///
/// ```compile_fail,E0603
/// use evovoice_contracts::contract::ContractInfo;
/// ```
///
/// There is one `Format`, in [`format`]:
///
/// ```compile_fail,E0432
/// use evovoice_contracts::validate::Format;
/// ```
#[cfg(doctest)]
struct ApiBoundaries;

/// The README's examples, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The examples of the JSON, request and error-response guide, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../docs/json.md")]
struct JsonGuideDoctests;

/// The examples of the validation guide, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../docs/validate.md")]
struct ValidateGuideDoctests;

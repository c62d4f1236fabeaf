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
//! - [`contract`]: the single declaration of each contract (wire name, namespace, members
//!   in order) that every format is driven by.
//! - [`dcxml`]: the generic DataContract XML engine underneath, which knows no contract.
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
//! let again = xml::to_vec(&result, &xml::XmlOptions::new().declaration(false)).unwrap();
//! assert_eq!(again, doc);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod app;
#[cfg(feature = "proptest")]
pub mod arbitrary;
pub mod contract;
pub mod customers;
pub mod dcxml;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod flows;
pub mod format;
pub mod generate;
#[cfg(feature = "http")]
pub mod http;
pub mod json;
pub mod namespaces;
pub mod request;
pub mod response;
pub mod schema;
pub mod servicestack;
pub mod sessions;
pub mod validate;
pub mod xml;

mod dictionary;
mod entity;
mod swar;

pub use dictionary::Dictionary;
pub use entity::EntityInfo;
pub use error::{Error, Result};

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

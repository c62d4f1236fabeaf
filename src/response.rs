//! The body of a response: the result, or ServiceStack's error response.
//!
//! The result type has no `ResponseStatus`, so a failed call answers with an
//! [`ErrorResponse`] instead. [`Response::decode`] tells them apart by the body itself
//! (the root element in XML, the first known property in JSON), so a client never has to
//! guess from the status code which one came back.
//!
//! ```
//! use evovoice_contracts::format::Format;
//! use evovoice_contracts::response::Response;
//!
//! let ok = Response::decode(br#"{"sessions":[]}"#, Format::Json).unwrap();
//! assert_eq!(ok.into_result().unwrap().sessions, Some(vec![]));
//!
//! let body = br#"{"responseStatus":{"errorCode":"Forbidden","message":"Access denied","errors":[]}}"#;
//! let Response::Err(error) = Response::decode_with_content_type(body, "application/json; charset=utf-8").unwrap()
//! else { panic!("an error response") };
//! assert_eq!(error.to_string(), "Forbidden: Access denied");
//! ```

use crate::app::portal::AppGetActiveSessionsResult;
use crate::contract::{Contract, Object};
use crate::error::{Category, Error, Result};
use crate::format::Format;
use crate::servicestack::ErrorResponse;
use crate::{json, xml};

/// What a call of `GET /portal/active-sessions` answered.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)]
pub enum Response {
    /// The call succeeded.
    Ok(AppGetActiveSessionsResult),
    /// The call failed; the server said why.
    Err(ErrorResponse),
}

impl Response {
    /// Decodes a body of the given format as whichever of the two it is.
    ///
    /// XML is chosen by its root element (any other root is an error). JSON has no root
    /// name: the first property that is a member of either type decides, and a body with
    /// none (`{}`) is an empty result.
    pub fn decode(body: &[u8], format: Format) -> Result<Response> {
        match format {
            Format::Xml => {
                let root = xml::root_name(body)?;
                let info = ErrorResponse::info();
                if root.local == info.name() && root.namespace.as_deref() == Some(info.namespace()) {
                    xml::from_slice(body).map(Response::Err)
                } else {
                    xml::from_slice(body).map(Response::Ok)
                }
            }
            Format::Json => {
                let mut result = AppGetActiveSessionsResult::default();
                let mut error = ErrorResponse::default();
                let candidates: &mut [&mut dyn Object] = &mut [&mut result, &mut error];
                match json::decode_either(body, candidates, &json::ReadOptions::new())? {
                    0 => Ok(Response::Ok(result)),
                    _ => Ok(Response::Err(error)),
                }
            }
        }
    }

    /// Decodes a body by its `Content-Type` (see [`Format::from_content_type`]); a type
    /// that names neither format is an error.
    pub fn decode_with_content_type(body: &[u8], content_type: &str) -> Result<Response> {
        let format = Format::from_content_type(content_type).ok_or_else(|| {
            Error::new(Category::Data, format!("the content type '{content_type}' is neither XML nor JSON"))
        })?;
        Response::decode(body, format)
    }

    /// The result, or the error response as an error.
    pub fn into_result(self) -> std::result::Result<AppGetActiveSessionsResult, ErrorResponse> {
        match self {
            Response::Ok(result) => Ok(result),
            Response::Err(error) => Err(error),
        }
    }
}

//! ServiceStack's error body (namespace `http://schemas.servicestack.net/types`), which a
//! failed call returns instead of the result. Its members carry explicit `DataMember`
//! orders, so they are written in that order, not alphabetically.

use crate::contract::macros::contract;
use crate::namespaces as ns;
use crate::Dictionary;

contract! {
    #[contract(name = "ErrorResponse", namespace = ns::SERVICESTACK)]
    /// `ServiceStack.ErrorResponse`: the body of a failed call.
    pub struct ErrorResponse {
        /// What went wrong
        #[order(1)]
        pub response_status: Option<ResponseStatus> => "ResponseStatus",
    }
}

contract! {
    #[contract(name = "ResponseStatus", namespace = ns::SERVICESTACK)]
    /// `ServiceStack.ResponseStatus`: an error code, message and per-field errors.
    pub struct ResponseStatus {
        /// The error code (usually the exception's type name)
        #[order(1)]
        pub error_code: Option<String> => "ErrorCode",
        /// The error message
        #[order(2)]
        pub message: Option<String> => "Message",
        /// The server's stack trace, when it shares it
        #[order(3)]
        pub stack_trace: Option<String> => "StackTrace",
        /// Per-field validation errors
        #[order(4)]
        pub errors: Option<Vec<ResponseError>> => "Errors",
        /// Additional data
        #[order(5)]
        pub meta: Option<Dictionary> => "Meta",
    }
}

contract! {
    #[contract(name = "ResponseError", namespace = ns::SERVICESTACK)]
    /// `ServiceStack.ResponseError`: one field's validation error.
    pub struct ResponseError {
        /// The error code
        #[order(1)]
        pub error_code: Option<String> => "ErrorCode",
        /// The field in error
        #[order(2)]
        pub field_name: Option<String> => "FieldName",
        /// The error message
        #[order(3)]
        pub message: Option<String> => "Message",
        /// Additional data
        #[order(4)]
        pub meta: Option<Dictionary> => "Meta",
    }
}

impl ErrorResponse {
    /// The error code, when the server gave one.
    pub fn error_code(&self) -> Option<&str> {
        self.response_status.as_ref()?.error_code.as_deref()
    }

    /// The error message, when the server gave one.
    pub fn message(&self) -> Option<&str> {
        self.response_status.as_ref()?.message.as_deref()
    }
}

/// `ErrorCode: Message`, or whichever of the two there is.
///
/// ```
/// use evovoice_contracts::servicestack::{ErrorResponse, ResponseStatus};
///
/// let mut status = ResponseStatus::default();
/// status.error_code = Some("NotFound".into());
/// let mut error = ErrorResponse::default();
/// error.response_status = Some(status);
/// assert_eq!(error.to_string(), "NotFound");
/// assert_eq!(ErrorResponse::default().to_string(), "the server answered with an error and no status");
/// ```
impl std::fmt::Display for ErrorResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.error_code(), self.message()) {
            (Some(code), Some(message)) => write!(f, "{code}: {message}"),
            (Some(text), None) | (None, Some(text)) => f.write_str(text),
            (None, None) => f.write_str("the server answered with an error and no status"),
        }
    }
}

impl std::error::Error for ErrorResponse {}

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

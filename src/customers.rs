//! `Voice.Api.Customers`.

use crate::contract::macros::contract;
use crate::namespaces as ns;

contract! {
    #[contract(name = "CustomerBreadcrumb", namespace = ns::CUSTOMERS)]
    /// `Voice.Api.Customers.CustomerBreadcrumb`: one step of the path from the top-level
    /// customer down to the session's customer.
    pub struct CustomerBreadcrumb {
        /// The customer's ID
        pub id: Option<String> => "Id",
        /// The customer's name
        pub name: Option<String> => "Name",
    }
}

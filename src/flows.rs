//! `Voice.Api.Flows`.

use crate::contract::macros::wire_enum;
use crate::namespaces as ns;

wire_enum! {
    #[contract(name = "FlowChannels", namespace = ns::FLOWS)]
    /// `Voice.Api.Flows.FlowChannels`: the channel a flow (and so a session) runs on.
    pub enum FlowChannels {
        /// A phone call.
        #[default]
        Voice = 0,
        /// A chat conversation.
        Chat = 1,
        /// A fax.
        Fax = 2,
    }
}

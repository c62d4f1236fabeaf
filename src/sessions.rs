//! `Voice.Api.Sessions`: sessions, their members and log, and their states.

use crate::contract::macros::{contract, wire_enum};
use crate::customers::CustomerBreadcrumb;
use crate::entity::EntityInfo;
use crate::flows::FlowChannels;
use crate::namespaces as ns;
use crate::Dictionary;

contract! {
    #[contract(name = "SessionInfo", namespace = ns::SESSIONS, base = entity: EntityInfo)]
    /// `Voice.Api.Sessions.SessionInfo : EntityInfo`: one call or chat session.
    pub struct SessionInfo {
        /// The state of the session
        pub dial_state: SessionDialState => "DialState",
        /// The call state of the session
        pub call_state: SessionCallState => "CallState",
        /// The queue state of the session
        pub queue_state: SessionQueueStates => "QueueState",
        /// The ID of the account associated with the flow
        pub account_id: Option<String> => "AccountId",
        /// The name of the account associated with the session
        pub account_name: Option<String> => "AccountName",
        /// The ID of the customer this session is associated with
        pub customer_id: Option<String> => "CustomerId",
        /// The customer breadcrumb this session is associated with
        pub customer_breadcrumb: Option<Vec<CustomerBreadcrumb>> => "CustomerBreadcrumb",
        /// The name of the customer this session is associated with
        pub customer_name: Option<String> => "CustomerName",
        /// The ID of the endpoint associated with this session
        pub endpoint_id: Option<String> => "EndpointId",
        /// The name of the endpoint associated with this session
        pub endpoint_name: Option<String> => "EndpointName",
        /// The date the call completed
        pub date_completed: Option<String> => "DateCompleted",
        /// The destination of the session (e.g. what was entered into the Dial box)
        pub destination: Option<String> => "Destination",
        /// The to address if any
        pub to_address: Option<String> => "ToAddress",
        /// The from address if any
        pub from_address: Option<String> => "FromAddress",
        /// The from name if any
        pub from_name: Option<String> => "FromName",
        /// Answered by name (if any)
        pub answered_by_name: Option<String> => "AnsweredByName",
        /// The ID of the queue member assigned to this call
        pub queue_member_id: Option<String> => "QueueMemberId",
        /// The flow channel
        pub channel: FlowChannels => "Channel",
        /// Has the session ended
        pub ended: bool => "Ended",
        /// The outcome of the call
        pub outcome: Option<String> => "Outcome",
        /// The twilio Call SID of this session
        pub call_sid: Option<String> => "CallSid",
        /// Any console data for this session
        pub console_data: Option<String> => "ConsoleData",
        /// The name of the hold queue for this call
        pub hold_queue_name: Option<String> => "HoldQueueName",
        /// The user ID who put this call on hold
        pub held_by_user_id: Option<String> => "HeldByUserId",
        /// The reason for the hold
        pub hold_reason: SessionHoldReasons => "HoldReason",
        /// The SID of the conference if in a conference call
        pub conference_sid: Option<String> => "ConferenceSid",
        /// The display name for this session
        pub display_name: Option<String> => "DisplayName",
        /// The log entries for this session
        pub log: Option<Vec<SessionLogInfo>> => "Log",
        /// The members of this session
        pub members: Option<Vec<SessionMemberInfo>> => "Members",
        /// The callback number (typically used for SIP to User calls)
        pub callback_number: Option<String> => "CallbackNumber",
        /// The ID of the endpoint that answered
        pub answered_by_id: Option<String> => "AnsweredById",
        /// Is this session incoming or outgoing?
        pub direction: SessionDirections => "Direction",
        /// The phone number that this session is coming from (used with SMS chats)
        pub from_phone_number: Option<String> => "FromPhoneNumber",
        /// The Call SID of the most recently added conference participant
        pub most_recent_participant_call_sid: Option<String> => "MostRecentParticipantCallSid",
        /// Was this session missed?
        pub was_missed: bool => "WasMissed",
        /// The ring queue that the call is currently in
        pub ring_queue_id: Option<String> => "RingQueueId",
    }
}

contract! {
    #[contract(name = "SessionLogInfo", namespace = ns::SESSIONS)]
    /// `Voice.Api.Sessions.SessionLogInfo`: one entry of a session's log.
    pub struct SessionLogInfo {
        /// When the entry was logged
        pub date: Option<String> => "Date",
        /// What happened
        pub message: Option<String> => "Message",
    }
}

contract! {
    #[contract(name = "SessionMemberInfo", namespace = ns::SESSIONS)]
    /// `Voice.Api.Sessions.SessionMemberInfo`: one participant of a session.
    pub struct SessionMemberInfo {
        /// The member's identity
        pub identity: Option<String> => "Identity",
        /// The member's endpoint
        pub endpoint_id: Option<String> => "EndpointId",
        /// The member's display name
        pub display_name: Option<String> => "DisplayName",
        /// Whether the member started the session
        pub is_original_member: bool => "IsOriginalMember",
        /// The member's avatar
        pub avatar_url: Option<String> => "AvatarUrl",
        /// Application-defined data
        pub application_data: Option<Dictionary> => "ApplicationData",
        /// The member's call state
        pub call_state: SessionMemberCallState => "CallState",
        /// The member's role
        pub role: SessionMemberRoles => "Role",
        /// The member's call SID
        pub call_sid: Option<String> => "CallSid",
        /// Whether the member is muted
        pub muted: bool => "Muted",
    }
}

wire_enum! {
    #[contract(name = "SessionDialState", namespace = ns::SESSIONS)]
    /// `SessionDialState`: whether the session is dialing.
    pub enum SessionDialState {
        /// Not dialing.
        #[default]
        None = 0,
        /// Dialing.
        Active = 1,
    }
}

wire_enum! {
    #[contract(name = "SessionCallState", namespace = ns::SESSIONS)]
    /// `SessionCallState`: the call state of a session. Its zero value, and so its
    /// default, is `Disconnected`.
    pub enum SessionCallState {
        /// No call (the zero value).
        #[default]
        Disconnected = 0,
        /// Ringing.
        Ringing = 1,
        /// Connected.
        Connected = 2,
        /// On hold.
        Hold = 3,
        /// Passive.
        Passive = 4,
    }
}

wire_enum! {
    #[contract(name = "SessionQueueStates", namespace = ns::SESSIONS)]
    /// `SessionQueueStates`: where the session stands in a queue.
    pub enum SessionQueueStates {
        /// Not queued.
        #[default]
        None = 0,
        /// Waiting in a queue.
        Queued = 1,
        /// Ringing a queue member.
        Ringing = 2,
        /// Connected to a queue member.
        Connected = 3,
        /// On hold.
        Hold = 4,
        /// Left the queue.
        Disconnected = 5,
    }
}

wire_enum! {
    #[contract(name = "SessionHoldReasons", namespace = ns::SESSIONS)]
    /// `SessionHoldReasons`: why a session is on hold.
    pub enum SessionHoldReasons {
        /// No reason.
        #[default]
        None = 0,
        /// Being transferred.
        Transferring = 1,
    }
}

wire_enum! {
    #[contract(name = "SessionMemberCallState", namespace = ns::SESSIONS)]
    /// `SessionMemberCallState`: the call state of one member.
    pub enum SessionMemberCallState {
        /// No call.
        #[default]
        None = 0,
        /// Ringing.
        Ringing = 1,
        /// Connected.
        Connected = 2,
        /// On hold.
        Hold = 3,
    }
}

wire_enum! {
    #[contract(name = "SessionMemberRoles", namespace = ns::SESSIONS)]
    /// `SessionMemberRoles`: a member's role in the session.
    pub enum SessionMemberRoles {
        /// No role.
        #[default]
        None = 0,
        /// The caller.
        Caller = 1,
        /// An agent.
        Agent = 2,
        /// A transfer target.
        Transfer = 3,
    }
}

wire_enum! {
    #[contract(name = "SessionDirections", namespace = ns::SESSIONS)]
    /// `SessionDirections`: whether a session came in or went out.
    pub enum SessionDirections {
        /// Incoming.
        #[default]
        Incoming = 0,
        /// Outgoing.
        Outgoing = 1,
    }
}

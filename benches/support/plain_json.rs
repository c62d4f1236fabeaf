//! What a Rust user would write for the JSON without this crate: plain derived structs with
//! the same fields and serde's defaults (none of ServiceStack's conventions).
#![allow(dead_code)]

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Result {
    pub sessions: Option<Vec<Session>>,
}

#[derive(Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub dial_state: String,
    pub call_state: String,
    pub queue_state: String,
    pub account_id: Option<String>,
    pub account_name: Option<String>,
    pub customer_id: Option<String>,
    pub customer_breadcrumb: Option<Vec<Breadcrumb>>,
    pub customer_name: Option<String>,
    pub endpoint_id: Option<String>,
    pub endpoint_name: Option<String>,
    pub date_completed: Option<String>,
    pub destination: Option<String>,
    pub to_address: Option<String>,
    pub from_address: Option<String>,
    pub from_name: Option<String>,
    pub answered_by_name: Option<String>,
    pub queue_member_id: Option<String>,
    pub channel: String,
    pub ended: bool,
    pub outcome: Option<String>,
    pub call_sid: Option<String>,
    pub console_data: Option<String>,
    pub hold_queue_name: Option<String>,
    pub held_by_user_id: Option<String>,
    pub hold_reason: String,
    pub conference_sid: Option<String>,
    pub display_name: Option<String>,
    pub log: Option<Vec<Log>>,
    pub members: Option<Vec<Member>>,
    pub callback_number: Option<String>,
    pub answered_by_id: Option<String>,
    pub direction: String,
    pub from_phone_number: Option<String>,
    pub most_recent_participant_call_sid: Option<String>,
    pub was_missed: bool,
    pub ring_queue_id: Option<String>,
    pub id: Option<String>,
    pub date_created: Option<String>,
    pub date_last_modified: Option<String>,
    pub created_by: Option<String>,
    pub last_modified_by: Option<String>,
}

#[derive(Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Breadcrumb {
    pub id: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Log {
    pub date: Option<String>,
    pub message: Option<String>,
}

#[derive(Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub identity: Option<String>,
    pub endpoint_id: Option<String>,
    pub display_name: Option<String>,
    pub is_original_member: bool,
    pub avatar_url: Option<String>,
    pub application_data: Option<HashMap<String, String>>,
    pub call_state: String,
    pub role: String,
    pub call_sid: Option<String>,
    pub muted: bool,
}

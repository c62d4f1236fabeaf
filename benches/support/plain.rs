//! What a Rust user would write without this crate: plain derived structs with the same
//! fields, for quick-xml's serde deserializer and for serde_json.
#![allow(dead_code)]

use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Result {
    #[serde(default)]
    pub sessions: Option<Sessions>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Sessions {
    #[serde(rename = "SessionInfo", default)]
    pub items: Vec<Session>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Session {
    pub created_by: Option<String>,
    pub date_created: Option<String>,
    pub date_last_modified: Option<String>,
    pub id: Option<String>,
    pub last_modified_by: Option<String>,
    pub account_id: Option<String>,
    pub account_name: Option<String>,
    pub answered_by_id: Option<String>,
    pub answered_by_name: Option<String>,
    pub call_sid: Option<String>,
    pub call_state: Option<String>,
    pub callback_number: Option<String>,
    pub channel: Option<String>,
    pub conference_sid: Option<String>,
    pub console_data: Option<String>,
    pub customer_breadcrumb: Option<Breadcrumbs>,
    pub customer_id: Option<String>,
    pub customer_name: Option<String>,
    pub date_completed: Option<String>,
    pub destination: Option<String>,
    pub dial_state: Option<String>,
    pub direction: Option<String>,
    pub display_name: Option<String>,
    pub ended: Option<String>,
    pub endpoint_id: Option<String>,
    pub endpoint_name: Option<String>,
    pub from_address: Option<String>,
    pub from_name: Option<String>,
    pub from_phone_number: Option<String>,
    pub held_by_user_id: Option<String>,
    pub hold_queue_name: Option<String>,
    pub hold_reason: Option<String>,
    pub log: Option<Logs>,
    pub members: Option<Members>,
    pub most_recent_participant_call_sid: Option<String>,
    pub outcome: Option<String>,
    pub queue_member_id: Option<String>,
    pub queue_state: Option<String>,
    pub ring_queue_id: Option<String>,
    pub to_address: Option<String>,
    pub was_missed: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Breadcrumbs {
    #[serde(rename = "CustomerBreadcrumb", default)]
    pub items: Vec<Breadcrumb>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Breadcrumb {
    pub id: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Logs {
    #[serde(rename = "SessionLogInfo", default)]
    pub items: Vec<Log>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Log {
    pub date: Option<String>,
    pub message: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Members {
    #[serde(rename = "SessionMemberInfo", default)]
    pub items: Vec<Member>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Member {
    pub application_data: Option<AppData>,
    pub avatar_url: Option<String>,
    pub call_sid: Option<String>,
    pub call_state: Option<String>,
    pub display_name: Option<String>,
    pub endpoint_id: Option<String>,
    pub identity: Option<String>,
    pub is_original_member: Option<String>,
    pub muted: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct AppData {
    #[serde(rename = "KeyValueOfstringstring", default)]
    pub items: Vec<KeyValue>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyValue {
    pub key: Option<String>,
    pub value: Option<String>,
}

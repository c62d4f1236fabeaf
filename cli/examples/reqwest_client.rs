//! Calls `GET /portal/active-sessions` with reqwest's blocking client, through the
//! library's `http` conversions:
//! `cargo run -p evovoice-contracts-cli --example reqwest_client -- BASE_URL [xml|json] [ACCOUNT_ID]`.

use evovoice_contracts::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use evovoice_contracts::format::Format;
use evovoice_contracts::http::{read_response, to_request};
use std::error::Error;
use std::time::Duration;

/// The sessions of `query` from the API at `base_url`, in `format`, giving up after
/// `timeout`. A ServiceStack error response comes back as `ApiError::Service`.
pub fn fetch(
    base_url: &str,
    query: &AppGetActiveSessions,
    format: Format,
    timeout: Duration,
) -> Result<AppGetActiveSessionsResult, Box<dyn Error + Send + Sync>> {
    let request = reqwest::blocking::Request::try_from(to_request(query, base_url, format)?)?;
    let client = reqwest::blocking::Client::builder().timeout(timeout).build()?;
    let response = client.execute(request)?;
    let mut answer = http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        answer = answer.header(name, value);
    }
    let response = answer.body(response.bytes()?)?;
    Ok(read_response(&response)?)
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(base_url) = args.first() else {
        return Err("usage: reqwest_client BASE_URL [xml|json] [ACCOUNT_ID]".into());
    };
    let format: Format = args.get(1).map_or(Ok(Format::Json), |f| f.parse())?;
    let mut query = AppGetActiveSessions::default();
    if let Some(account) = args.get(2) {
        query.account_id = Some(account.clone());
    }
    let result = fetch(base_url, &query, format, Duration::from_secs(30))?;
    for session in result.sessions.unwrap_or_default() {
        println!(
            "{}\t{}\t{}",
            session.entity.id.unwrap_or_default(),
            session.call_state.name(),
            session.display_name.unwrap_or_default()
        );
    }
    Ok(())
}

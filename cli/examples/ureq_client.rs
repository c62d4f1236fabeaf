//! Calls `GET /portal/active-sessions` with ureq, through the library's `http`
//! conversions: `cargo run -p evovoice-contracts-cli --example ureq_client -- BASE_URL [xml|json] [ACCOUNT_ID]`.
//!
//! Try it against the mock: `evovoice-contracts serve --addr 127.0.0.1:8080 fixtures/xml/servicestack`
//! and `cargo run -p evovoice-contracts-cli --example ureq_client -- http://127.0.0.1:8080 xml`.

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
    let request = to_request(query, base_url, format)?;
    // Error statuses are answers too: the body says what went wrong.
    let config = ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(timeout)).build();
    let agent = ureq::Agent::new_with_config(config);
    let (parts, body) = agent.run(request)?.into_parts();
    let response = http::Response::from_parts(parts, body.into_with_config().limit(64 << 20).read_to_vec()?);
    Ok(read_response(&response)?)
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(base_url) = args.first() else {
        return Err("usage: ureq_client BASE_URL [xml|json] [ACCOUNT_ID]".into());
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

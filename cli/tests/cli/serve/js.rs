//! ServiceStack's own TypeScript client (`@servicestack/client`, `JsonServiceClient`)
//! against `serve`, called as its users call it: a typed request DTO on the predefined
//! route, a path and an object of arguments on the custom route, and an operation the
//! service does not have, read as the `ErrorResponse` the client throws.
//!
//! The client is installed from npm into `cli/tests/js/node_modules` by `.ci/run` (or by
//! this test, with `npm ci`, when it is missing). Under CI (`CI=true`) a missing `node`
//! fails the test; elsewhere the test says so and passes.

use crate::common;
use crate::generate::generate;
use crate::server::Server;
use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::{json, xml};
use std::path::Path;
use std::process::Command;

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Whether node runs and the client is installed (installing it when npm can).
fn have_client(dir: &Path) -> bool {
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    if !node {
        assert!(!under_ci(), "node is needed by this test; CI must install it (.ci/run)");
        eprintln!("skipping: node does not run here");
        return false;
    }
    if !dir.join("node_modules/@servicestack/client").is_dir() {
        let installed = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir)
            .status()
            .is_ok_and(|s| s.success());
        if !installed {
            assert!(!under_ci(), "@servicestack/client is not installed; CI must run `npm ci` in {}", dir.display());
            eprintln!("skipping: @servicestack/client could not be installed (npm ci in {})", dir.display());
            return false;
        }
    }
    true
}

#[test]
fn servicestack_s_own_client_calls_every_route() {
    let js = common::root().join("cli/tests/js");
    if !have_client(&js) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixtures = generate(dir.path(), "xml", &["--count", "3", "--seed", "11"]);
    let mut all = Vec::new();
    for name in ["0000.xml", "0001.xml", "0002.xml"] {
        let doc: AppGetActiveSessionsResult = xml::from_slice(&common::read(&fixtures.join(name))).unwrap();
        all.extend(doc.sessions.unwrap());
    }
    let account = all[0].account_id.clone().unwrap();
    let mine: Vec<_> = all.iter().filter(|s| s.account_id.as_deref() == Some(account.as_str())).cloned().collect();
    assert!(!mine.is_empty() && mine.len() < all.len());

    let server = Server::start(&[fixtures.to_str().unwrap()]);
    let out = Command::new("node").arg(js.join("client.mjs")).args([&server.url, &account]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}\n{}", String::from_utf8_lossy(&out.stderr), server.log());
    // Each line is `NAME<TAB>JSON`; the responses are read from the client's own JSON
    // text, whose member order is the server's.
    let line = |name: &str| {
        let prefix = format!("{name}\t");
        stdout.lines().find_map(|l| l.strip_prefix(prefix.as_str())).unwrap_or_else(|| panic!("no {name}: {stdout}"))
    };
    let sessions = |name: &str| {
        let text = line(name);
        json::from_str::<AppGetActiveSessionsResult>(text).unwrap_or_else(|e| panic!("{name}: {e}: {text}")).sessions
    };
    let value = |name: &str| serde_json::from_str::<serde_json::Value>(line(name)).unwrap();
    let got =
        serde_json::json!({ "unknown": value("unknown"), "unknownApi": value("unknownApi"), "urls": value("urls") });
    assert_eq!(sessions("predefined").as_ref(), Some(&mine));
    assert_eq!(sessions("predefinedAll").as_ref(), Some(&all));
    assert_eq!(sessions("olderRoute").as_ref(), Some(&mine));
    assert_eq!(sessions("custom").as_ref(), Some(&mine));
    assert_eq!(got["unknown"]["isErrorResponse"], true, "{got}");
    assert_eq!(got["unknown"]["errorCode"], "NotFound", "{got}");
    assert_eq!(got["unknown"]["message"], "The operation 'AppGetNothing' does not exist for this service");
    assert_eq!(got["unknownApi"]["succeeded"], false, "{got}");
    assert_eq!(got["unknownApi"]["errorCode"], "NotFound", "{got}");
    // The routes the client asked for, as it built them.
    let urls: Vec<String> = got["urls"].as_array().unwrap().iter().map(|u| u.as_str().unwrap().to_owned()).collect();
    let base = &server.url;
    assert_eq!(urls[0], format!("{base}/api/AppGetActiveSessions?accountId={account}"));
    assert_eq!(urls[1], format!("{base}/api/AppGetActiveSessions"));
    assert_eq!(urls[2], format!("{base}/json/reply/AppGetActiveSessions?accountId={account}"));
    assert_eq!(urls[3], format!("{base}/portal/active-sessions?accountId={account}"));
    assert_eq!(urls[4], format!("{base}/api/AppGetNothing"));
}

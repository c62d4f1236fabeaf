//! `any::<T>()` (feature `proptest`) gives values every format and dialect carries: each
//! contract round-trips through XML in both dialects and through JSON, and .NET reads the
//! XML and writes the same bytes back.

use crate::dotnet_differential::{harness, run};
use evovoice_contracts::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use evovoice_contracts::customers::CustomerBreadcrumb;
use evovoice_contracts::json;
use evovoice_contracts::servicestack::{ErrorResponse, ResponseError, ResponseStatus};
use evovoice_contracts::sessions::{SessionInfo, SessionLogInfo, SessionMemberInfo};
use evovoice_contracts::xml::{self, Dialect, XmlOptions};
use evovoice_contracts::EntityInfo;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// `$value` (of type `$ty`) → XML in both dialects, and JSON → an equal value. (A macro,
/// not a generic function: the contracts' trait is the library's own.)
macro_rules! roundtrips {
    ($value:expr, $ty:ty) => {{
        let value: &$ty = $value;
        for options in [XmlOptions::new(), XmlOptions::new().dialect(Dialect::Wcf)] {
            let bytes = xml::to_vec_with(value, &options).unwrap();
            prop_assert_eq!(&xml::from_slice::<$ty>(&bytes).unwrap(), value);
        }
        let text = json::to_string(value).unwrap();
        prop_assert_eq!(&json::from_str::<$ty>(&text).unwrap(), value, "{}", text);
    }};
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_result_roundtrips_in_every_format(value in any::<AppGetActiveSessionsResult>()) {
        roundtrips!(&value, AppGetActiveSessionsResult);
    }

    #[test]
    fn any_contract_roundtrips_in_every_format(
        request in any::<AppGetActiveSessions>(),
        entity in any::<EntityInfo>(),
        session in any::<SessionInfo>(),
        log in any::<SessionLogInfo>(),
        member in any::<SessionMemberInfo>(),
        breadcrumb in any::<CustomerBreadcrumb>(),
        error in any::<ErrorResponse>(),
        status in any::<ResponseStatus>(),
        response_error in any::<ResponseError>(),
    ) {
        roundtrips!(&request, AppGetActiveSessions);
        roundtrips!(&entity, EntityInfo);
        roundtrips!(&session, SessionInfo);
        roundtrips!(&log, SessionLogInfo);
        roundtrips!(&member, SessionMemberInfo);
        roundtrips!(&breadcrumb, CustomerBreadcrumb);
        roundtrips!(&error, ErrorResponse);
        roundtrips!(&status, ResponseStatus);
        roundtrips!(&response_error, ResponseError);
    }

    #[test]
    fn portable_values_hold_only_declared_enum_names(session in any::<SessionInfo>()) {
        prop_assert!(session.call_state.is_known() && session.queue_state.is_known() && session.channel.is_known());
        for member in session.members.unwrap_or_default() {
            prop_assert!(member.role.is_known() && member.call_state.is_known());
            let data = member.application_data.unwrap_or_default();
            prop_assert!(data.iter().all(|(_, v)| v.is_some()));
        }
    }
}

/// The values the wider parameters give are not all portable: the strategies really
/// reach what only some formats carry.
#[test]
fn wider_parameters_reach_what_only_some_formats_carry() {
    use evovoice_contracts::arbitrary::Chars;
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[9; 32]));
    let strategy = any_with::<SessionInfo>(Chars::Any);
    let values: Vec<SessionInfo> = (0..200).map(|_| strategy.new_tree(&mut runner).unwrap().current()).collect();
    let unencodable = values.iter().filter(|v| xml::to_vec_with(*v, &XmlOptions::new()).is_err()).count();
    let unknown = values.iter().filter(|v| !v.call_state.is_known() || !v.direction.is_known()).count();
    assert!(unencodable > 20 && unknown > 5, "{unencodable} unencodable, {unknown} with unknown enum names");
}

/// .NET reads what the crate writes for `any::<AppGetActiveSessionsResult>()` and
/// `any::<ErrorResponse>()`, in either dialect, and writes the same bytes back in both.
#[test]
fn dotnet_writes_back_the_bytes_of_any_value() {
    let Some(exe) = harness() else { return };
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("dotnet/arbitrary");
    let _ = std::fs::remove_dir_all(&dir);
    let (input, output) = (dir.join("in"), dir.join("out"));
    std::fs::create_dir_all(&input).unwrap();
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[5; 32]));
    let ss = XmlOptions::new();
    let wcf = XmlOptions::new().dialect(Dialect::Wcf);
    let mut expected = Vec::new();
    for i in 0..300 {
        let (ss_bytes, wcf_bytes) = if i % 4 == 3 {
            let value = any::<ErrorResponse>().new_tree(&mut runner).unwrap().current();
            (xml::to_vec_with(&value, &ss).unwrap(), xml::to_vec_with(&value, &wcf).unwrap())
        } else {
            let value = any::<AppGetActiveSessionsResult>().new_tree(&mut runner).unwrap().current();
            (xml::to_vec_with(&value, &ss).unwrap(), xml::to_vec_with(&value, &wcf).unwrap())
        };
        let name = format!("{i:04}.xml");
        // Half written in each dialect: .NET reads both.
        std::fs::write(input.join(&name), if i % 2 == 0 { &ss_bytes } else { &wcf_bytes }).unwrap();
        expected.push((name, ss_bytes, wcf_bytes));
    }
    run(&exe, &["roundtrip", input.to_str().unwrap(), output.to_str().unwrap()]);
    let mut mismatches = Vec::new();
    for (name, ss_bytes, wcf_bytes) in &expected {
        for (dialect, bytes) in [("servicestack", ss_bytes), ("wcf", wcf_bytes)] {
            if std::fs::read(output.join(dialect).join(name)).ok().as_ref() != Some(bytes) {
                mismatches.push(format!("{name} ({dialect})"));
            }
        }
    }
    eprintln!("any values via .NET: {} documents, {} mismatches", expected.len() * 2, mismatches.len());
    assert!(mismatches.is_empty(), "{mismatches:?}");
}

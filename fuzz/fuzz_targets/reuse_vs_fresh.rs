//! Decoding into a reused value is decoding afresh, on any bytes: the first byte picks the
//! format, the rest holds two documents split at the second byte's position. The first is
//! decoded (into a default value when it does not decode), then the second into the same
//! value: the value is the second's fresh decoding, or the error is the same.
//!
//! ```sh
//! RUSTC_BOOTSTRAP=1 cargo fuzz run -a reuse_vs_fresh
//! ```

#![no_main]

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::{json, xml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [pick, split, rest @ ..] = data else { return };
    let at = usize::from(*split).min(rest.len());
    let (first, second) = rest.split_at(at);
    let xml_format = pick % 2 == 0;
    let decode = |bytes: &[u8]| {
        if xml_format {
            xml::from_slice::<AppGetActiveSessionsResult>(bytes)
        } else {
            json::from_slice::<AppGetActiveSessionsResult>(bytes)
        }
    };
    let mut value = decode(first).unwrap_or_default();
    let reused =
        if xml_format { xml::from_slice_into(second, &mut value) } else { json::from_slice_into(second, &mut value) };
    match (reused, decode(second)) {
        (Ok(()), Ok(fresh)) => assert_eq!(value, fresh),
        (Err(r), Err(f)) => assert_eq!(
            (r.category(), r.line(), r.column(), r.path(), r.message()),
            (f.category(), f.line(), f.column(), f.path(), f.message())
        ),
        (r, f) => panic!("reused and fresh decoding disagree: {r:?} / {f:?}"),
    }
});

//! Throughput of the codecs against their peers, in one run: `cargo bench --bench codec`.
//!
//! Ids are `group/function/input`: groups `xml_decode`, `xml_decode_shapes` (the predictive
//! path on and off, on documents it does and does not predict), `xml_encode`, `json_decode`,
//! `json_encode`; functions `crate`, `crate_reuse` (decoding into one value again and
//! again, with `from_slice_into`) and the baselines (`quick_xml_events`, `quick_xml_serde`,
//! `memcpy`, `serde_json_plain` (`from_slice`, `to_vec`), `serde_json_str` (a UTF-8 check,
//! then `from_str`), `sonic_rs`; the serde baselines on the same plain derived structs);
//! inputs `seed_sample` (the seed's sample) and `large` (a generated response of 1,000
//! realistic sessions).

#[path = "support/plain.rs"]
mod plain;
#[path = "support/plain_json.rs"]
mod plain_json;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::json::{self, JsonOptions};
use evovoice_contracts::xml::{self, XmlOptions};
use quick_xml::events::Event;
use std::hint::black_box;

fn xml_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/xml/seed-sample.xml")).unwrap();
    let large = xml::to_vec_with(&evovoice_contracts::generate::result(1, 1000), &XmlOptions::new()).unwrap();
    vec![("seed_sample", seed), ("large", large)]
}

fn xml_decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("xml_decode");
    for (name, bytes) in xml_inputs() {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("crate", name), &bytes, |b, bytes| {
            b.iter(|| xml::from_slice::<AppGetActiveSessionsResult>(black_box(bytes)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("crate_reuse", name), &bytes, |b, bytes| {
            let mut value = AppGetActiveSessionsResult::default();
            b.iter(|| xml::from_slice_into(black_box(bytes), &mut value).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("quick_xml_events", name), &bytes, |b, bytes| {
            b.iter(|| {
                let mut reader = quick_xml::Reader::from_reader(black_box(&bytes[..]));
                let mut count = 0usize;
                loop {
                    match reader.read_event().unwrap() {
                        Event::Eof => break,
                        event => count += black_box(&event).len(),
                    }
                }
                count
            })
        });
        group.bench_with_input(BenchmarkId::new("quick_xml_serde", name), &bytes, |b, bytes| {
            let text = std::str::from_utf8(bytes).unwrap();
            b.iter(|| quick_xml::de::from_str::<plain::Result>(black_box(text)).unwrap())
        });
    }
    group.finish();
}

/// The `large` document in the shapes a reader meets: as ServiceStack writes it, as WCF
/// writes it, indented, and with other prefixes (which the predictive path does not
/// expect, so that the general path reads every node). `crate` reads each with the
/// predictive path on, `general_path` with it off.
fn xml_decode_shapes(c: &mut Criterion) {
    let value = evovoice_contracts::generate::result(1, 1000);
    let servicestack = xml::to_vec_with(&value, &XmlOptions::new()).unwrap();
    let wcf = xml::to_vec_with(&value, &XmlOptions::new().dialect(xml::Dialect::Wcf)).unwrap();
    let text = String::from_utf8(servicestack.clone()).unwrap();
    let indented = text.replace("><", ">\n  <").into_bytes();
    let prefixed = text.replace("d2p1:", "q:").replace("xmlns:d2p1=", "xmlns:q=").into_bytes();
    let mut group = c.benchmark_group("xml_decode_shapes");
    for (name, bytes) in [("servicestack", servicestack), ("wcf", wcf), ("indented", indented), ("prefixed", prefixed)]
    {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        for (function, general) in [("crate", false), ("general_path", true)] {
            let options = xml::ReadOptions::new().general_path_only(general);
            group.bench_with_input(BenchmarkId::new(function, name), &bytes, |b, bytes| {
                b.iter(|| xml::from_slice_with::<AppGetActiveSessionsResult>(black_box(bytes), &options).unwrap())
            });
        }
    }
    group.finish();
}

fn xml_encode(c: &mut Criterion) {
    let mut group = c.benchmark_group("xml_encode");
    let options = XmlOptions::new();
    for (name, bytes) in xml_inputs() {
        let value: AppGetActiveSessionsResult = xml::from_slice(&bytes).unwrap();
        let size = xml::to_vec_with(&value, &options).unwrap().len();
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::new("crate", name), &value, |b, value| {
            b.iter(|| xml::to_vec_with(black_box(value), &options).unwrap())
        });
        let source = vec![b'x'; size];
        group.bench_with_input(BenchmarkId::new("memcpy", name), &source, |b, source| {
            b.iter(|| black_box(source.as_slice()).to_vec())
        });
    }
    group.finish();
}

fn json_inputs() -> Vec<(&'static str, Vec<u8>)> {
    xml_inputs()
        .into_iter()
        .map(|(name, bytes)| {
            let value: AppGetActiveSessionsResult = xml::from_slice(&bytes).unwrap();
            (name, json::to_vec_with(&value, &JsonOptions::new()).unwrap())
        })
        .collect()
}

fn json_decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("json_decode");
    for (name, bytes) in json_inputs() {
        // The baselines read the same document into the same structs.
        let plain: plain_json::Result = serde_json::from_slice(&bytes).unwrap();
        let sonic: plain_json::Result = sonic_rs::from_slice(&bytes).unwrap();
        assert_eq!(sonic, plain, "sonic-rs and serde_json read {name} alike");
        let value: AppGetActiveSessionsResult = json::from_slice(&bytes).unwrap();
        assert_eq!(value.sessions.as_ref().map(Vec::len), plain.sessions.as_ref().map(Vec::len));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("crate", name), &bytes, |b, bytes| {
            b.iter(|| json::from_slice::<AppGetActiveSessionsResult>(black_box(bytes)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("crate_reuse", name), &bytes, |b, bytes| {
            let mut value = AppGetActiveSessionsResult::default();
            b.iter(|| json::from_slice_into(black_box(bytes), &mut value).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("serde_json_plain", name), &bytes, |b, bytes| {
            b.iter(|| serde_json::from_slice::<plain_json::Result>(black_box(bytes)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("serde_json_str", name), &bytes, |b, bytes| {
            b.iter(|| {
                let text = std::str::from_utf8(black_box(bytes)).unwrap();
                serde_json::from_str::<plain_json::Result>(text).unwrap()
            })
        });
        group.bench_with_input(BenchmarkId::new("sonic_rs", name), &bytes, |b, bytes| {
            b.iter(|| sonic_rs::from_slice::<plain_json::Result>(black_box(bytes)).unwrap())
        });
    }
    group.finish();
}

fn json_encode(c: &mut Criterion) {
    let mut group = c.benchmark_group("json_encode");
    let options = JsonOptions::new();
    for (name, bytes) in json_inputs() {
        let value: AppGetActiveSessionsResult = json::from_slice(&bytes).unwrap();
        let plain: plain_json::Result = serde_json::from_slice(&bytes).unwrap();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("crate", name), &value, |b, value| {
            b.iter(|| json::to_vec_with(black_box(value), &options).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("serde_json_plain", name), &plain, |b, plain| {
            b.iter(|| serde_json::to_vec(black_box(plain)).unwrap())
        });
        let sonic = sonic_rs::to_vec(&plain).unwrap();
        assert_eq!(
            serde_json::from_slice::<plain_json::Result>(&sonic).unwrap(),
            plain,
            "sonic-rs writes {name} whole"
        );
        group.bench_with_input(BenchmarkId::new("sonic_rs", name), &plain, |b, plain| {
            b.iter(|| sonic_rs::to_vec(black_box(plain)).unwrap())
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = xml_decode, xml_decode_shapes, xml_encode, json_decode, json_encode
}
criterion_main!(benches);

//! Throughput of the codecs: `cargo bench --bench codec`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::xml::{self, XmlOptions};
use std::hint::black_box;

fn inputs() -> Vec<(&'static str, Vec<u8>)> {
    vec![("seed_sample", std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/xml/seed-sample.xml")).unwrap())]
}

fn xml_decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("xml_decode");
    for (name, bytes) in inputs() {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("crate", name), &bytes, |b, bytes| {
            b.iter(|| xml::from_slice::<AppGetActiveSessionsResult>(black_box(bytes)).unwrap())
        });
    }
    group.finish();
}

fn xml_encode(c: &mut Criterion) {
    let mut group = c.benchmark_group("xml_encode");
    let options = XmlOptions::new();
    for (name, bytes) in inputs() {
        let value: AppGetActiveSessionsResult = xml::from_slice(&bytes).unwrap();
        let size = xml::to_vec(&value, &options).unwrap().len();
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::new("crate", name), &value, |b, value| {
            b.iter(|| xml::to_vec(black_box(value), &options).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, xml_decode, xml_encode);
criterion_main!(benches);

//! Decodes and re-encodes one XML document repeatedly for about SECONDS each and prints
//! the throughputs, in the same format as the .NET harness's `bench` command:
//! `cargo run --release --example throughput -- FILE [SECONDS] [read|write|json-read|json-write]`
//! (the `json-` modes convert the document to JSON first and time the JSON codec).

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::xml::{self, XmlOptions};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn measure(seconds: f64, bytes: usize, mut f: impl FnMut()) -> (f64, u64) {
    for _ in 0..3 {
        f();
    }
    let budget = Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let mut iterations = 0u64;
    while start.elapsed() < budget {
        f();
        iterations += 1;
    }
    let elapsed = start.elapsed().as_secs_f64();
    (bytes as f64 * iterations as f64 / elapsed / 1e6, iterations)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: throughput FILE [SECONDS]");
    let seconds: f64 = args.next().map_or(3.0, |s| s.parse().expect("SECONDS"));
    let only = args.next();
    let bytes = std::fs::read(&file).expect("reading FILE");
    let value: AppGetActiveSessionsResult = xml::from_slice(&bytes).expect("decoding FILE");
    let options = XmlOptions::new();
    let out_len = xml::to_vec_with(&value, &options).unwrap().len();

    if let Some(mode) = only.as_deref().and_then(|m| m.strip_prefix("json-")) {
        let json_options = evovoice_contracts::json::JsonOptions::new();
        let text = evovoice_contracts::json::to_vec_with(&value, &json_options).unwrap();
        let (rate, n) = if mode == "read" {
            measure(seconds, text.len(), || {
                black_box(
                    evovoice_contracts::json::from_slice::<AppGetActiveSessionsResult>(black_box(&text)).unwrap(),
                );
            })
        } else {
            measure(seconds, text.len(), || {
                black_box(evovoice_contracts::json::to_vec_with(black_box(&value), &json_options).unwrap());
            })
        };
        println!("crate json {mode}: {rate:.2} MB/s ({n} iterations, {} bytes)", text.len());
        return;
    }
    if only.as_deref() != Some("write") {
        let (read, n) = measure(seconds, bytes.len(), || {
            black_box(xml::from_slice::<AppGetActiveSessionsResult>(black_box(&bytes)).unwrap());
        });
        println!("crate read: {read:.2} MB/s ({n} iterations, {} bytes)", bytes.len());
    }
    if only.as_deref() != Some("read") {
        let (write, n) = measure(seconds, out_len, || {
            black_box(xml::to_vec_with(black_box(&value), &options).unwrap());
        });
        println!("crate write: {write:.2} MB/s ({n} iterations, {out_len} bytes)");
    }
}

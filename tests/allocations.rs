//! Whole-document decoding allocates what the result holds, and little besides: counted
//! with a global allocator that tallies fresh allocations (a buffer that grows, a list
//! filling up, is reallocated, which is counted apart and not held against the decoder).

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::{json, xml};
use serde_json::Value;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static REALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        REALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The members whose values are enums: held inline (a known name owns no heap block).
const ENUM_MEMBERS: &[&str] = &["dialState", "callState", "queueState", "channel", "holdReason", "direction", "role"];
/// The members whose values are dictionaries.
const DICTIONARY_MEMBERS: &[&str] = &["applicationData", "meta"];

/// How many heap blocks a value owns: one per non-empty string, list and dictionary entry
/// table, and per key and value in a dictionary. Counted on the value's JSON with null
/// dictionary values kept, where every member of the value appears under its camelCase
/// name.
fn owned_blocks(value: &AppGetActiveSessionsResult) -> usize {
    let text = json::to_vec_with(value, &json::JsonOptions::new().keep_null_dictionary_values(true)).unwrap();
    object_blocks(&serde_json::from_slice(&text).unwrap())
}

fn string_blocks(s: &str) -> usize {
    usize::from(!s.is_empty())
}

fn object_blocks(value: &Value) -> usize {
    let Value::Object(members) = value else { return 0 };
    let mut blocks = 0;
    for (name, value) in members {
        blocks += match value {
            Value::String(s) if !ENUM_MEMBERS.contains(&name.as_str()) => string_blocks(s),
            Value::Array(items) => usize::from(!items.is_empty()) + items.iter().map(object_blocks).sum::<usize>(),
            Value::Object(entries) if DICTIONARY_MEMBERS.contains(&name.as_str()) => {
                usize::from(!entries.is_empty())
                    + entries.iter().map(|(k, v)| string_blocks(k) + v.as_str().map_or(0, string_blocks)).sum::<usize>()
            }
            Value::Object(_) => object_blocks(value),
            _ => 0,
        };
    }
    blocks
}

fn allocations_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let value = f();
    (value, ALLOCATIONS.load(Ordering::Relaxed) - before)
}

/// Allocations beyond what the result holds, for XML and for JSON.
fn extra_allocations(bytes: &[u8]) -> (usize, usize) {
    let (value, xml_count) = allocations_of(|| xml::from_slice::<AppGetActiveSessionsResult>(bytes).unwrap());
    let held = owned_blocks(&value);
    let text = json::to_vec_with(&value, &json::JsonOptions::new().keep_null_dictionary_values(true)).unwrap();
    let (again, json_count) = allocations_of(|| json::from_slice::<AppGetActiveSessionsResult>(&text).unwrap());
    assert_eq!(again, value);
    (xml_count - held, json_count - held)
}

#[test]
fn decoding_allocates_what_the_result_holds() {
    // The reader's and the parser's own buffers (open elements, namespace bindings, the
    // member path, serde_json's scratch space) are a handful, whatever the document's size.
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/xml/seed-sample.xml")).unwrap();
    // The first document of a contract makes its plan (the tags .NET writes at each
    // position), kept for the life of the process: made once, not per document.
    xml::from_slice::<AppGetActiveSessionsResult>(&seed).unwrap();
    let (xml_small, json_small) = extra_allocations(&seed);
    assert!(xml_small <= 32 && json_small <= 32, "{xml_small} and {json_small} allocations besides the result");

    let mut value: AppGetActiveSessionsResult = xml::from_slice(&seed).unwrap();
    let session = value.sessions.as_ref().unwrap()[0].clone();
    value.sessions = Some(vec![session; 500]);
    let large = xml::to_vec_with(&value, &xml::XmlOptions::new()).unwrap();
    let (xml_large, json_large) = extra_allocations(&large);
    assert!(xml_large <= xml_small + 4, "XML: {xml_large} extra allocations for 500 sessions, {xml_small} for one");
    assert!(
        json_large <= json_small + 4,
        "JSON: {json_large} extra allocations for 500 sessions, {json_small} for one"
    );

    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/xml/servicestack");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let (xml_extra, json_extra) = extra_allocations(&std::fs::read(&path).unwrap());
        assert!(xml_extra <= 64 && json_extra <= 64, "{}: {xml_extra} and {json_extra}", path.display());
    }

    decoding_into_a_value_of_the_same_shape_allocates_little();
}

/// Decoding into a value that holds a document of the same shape allocates little: its
/// strings and lists are filled in again. (Called from the one test above: the counts are
/// process-wide.)
fn decoding_into_a_value_of_the_same_shape_allocates_little() {
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/xml/seed-sample.xml")).unwrap();
    let mut value: AppGetActiveSessionsResult = xml::from_slice(&seed).unwrap();
    let session = value.sessions.as_ref().unwrap()[0].clone();
    value.sessions = Some(vec![session; 500]);
    let large = xml::to_vec_with(&value, &xml::XmlOptions::new()).unwrap();
    let text = json::to_vec(&value).unwrap();
    let held = owned_blocks(&value);

    let mut reused = AppGetActiveSessionsResult::default();
    xml::from_slice_into(&large, &mut reused).unwrap();
    let ((), xml_count) = allocations_of(|| xml::from_slice_into(&large, &mut reused).unwrap());
    assert_eq!(reused, value);
    let ((), json_count) = allocations_of(|| json::from_slice_into(&text, &mut reused).unwrap());
    assert_eq!(reused, value);
    assert!(
        xml_count <= 32 && json_count <= 32,
        "XML {xml_count}, JSON {json_count} allocations; the value holds {held}"
    );
}

//! decode → encode → decode gives the same value in JSON (with null dictionary values kept;
//! without them, the same bytes again), and the value survives WCF's XML dialect, which
//! writes every string.

#![no_main]

use evovoice_contracts::document::Document;
use evovoice_contracts::json::{JsonOptions, Naming};
use evovoice_contracts::xml::{Dialect, XmlOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = Document::from_json(data) else { return };
    let kind = doc.kind();
    for naming in [Naming::CamelCase, Naming::PascalCase] {
        for pretty in [false, true] {
            let keep = JsonOptions::new().naming(naming).pretty(pretty).keep_null_dictionary_values(true);
            let bytes = doc.to_json(&keep).expect("JSON writes every value");
            let back = Document::from_json_as(&bytes, kind)
                .unwrap_or_else(|e| panic!("{e:?} reading what was written:\n{}", String::from_utf8_lossy(&bytes)));
            assert_eq!(back, doc, "{}", String::from_utf8_lossy(&bytes));

            // ServiceStack's default leaves null dictionary values out: a second round
            // gives the same bytes.
            let lossy = JsonOptions::new().naming(naming).pretty(pretty);
            let bytes = doc.to_json(&lossy).unwrap();
            let again = Document::from_json_as(&bytes, kind).unwrap().to_json(&lossy).unwrap();
            assert_eq!(again, bytes);
        }
    }
    let wcf = doc.to_xml(&XmlOptions::new().dialect(Dialect::Wcf)).expect("WCF's dialect writes every value");
    let back = Document::from_xml(&wcf)
        .unwrap_or_else(|e| panic!("{e:?} reading what was written:\n{}", String::from_utf8_lossy(&wcf)));
    assert_eq!(back, doc, "{}", String::from_utf8_lossy(&wcf));
});

//! decode → encode → decode gives the same value, in both dialects. WCF's dialect writes
//! every value; ServiceStack's refuses characters XML forbids, with an `Unencodable` error
//! naming a member. Encoding is canonical: the re-decoded value encodes to the same bytes.

#![no_main]

use evovoice_contracts::document::Document;
use evovoice_contracts::error::Category;
use evovoice_contracts::xml::{Dialect, XmlOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = Document::from_xml(data) else { return };
    for options in [XmlOptions::new().dialect(Dialect::Wcf), XmlOptions::new()] {
        let bytes = match doc.to_xml(&options) {
            Ok(bytes) => bytes,
            Err(e) => {
                assert_eq!(options.selected_dialect(), Dialect::ServiceStack, "WCF's dialect failed: {e:?}");
                assert_eq!(e.category(), Category::Unencodable, "{e:?}");
                assert!(!e.path().is_root(), "{e:?}");
                continue;
            }
        };
        let back = Document::from_xml(&bytes)
            .unwrap_or_else(|e| panic!("{e:?} reading what was written:\n{}", String::from_utf8_lossy(&bytes)));
        assert_eq!(back, doc, "{}", String::from_utf8_lossy(&bytes));
        assert_eq!(back.to_xml(&options).unwrap(), bytes);
    }
});

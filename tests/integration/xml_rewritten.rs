//! Documents .NET wrote, rewritten with other prefixes, indentation, comments, CDATA and a
//! declaration of their own, re-encode to the compact form .NET writes.

use crate::common;

use evovoice_contracts::document::Document;
use evovoice_contracts::xml::{Dialect, XmlOptions};

#[test]
fn rewritten_documents_reencode_to_the_compact_form() {
    let mut checked = 0;
    let mut with_cdata = 0;
    for (dir, options) in [("servicestack", XmlOptions::new()), ("wcf", XmlOptions::new().dialect(Dialect::Wcf))] {
        for path in common::xml_fixtures(dir) {
            let original = common::read(&path);
            let rewritten = common::rewrite::rewrite(&original);
            assert_ne!(rewritten, original);
            with_cdata += usize::from(rewritten.windows(9).any(|w| w == b"<![CDATA["));
            let again = Document::from_xml(&rewritten)
                .and_then(|d| d.to_xml(&options))
                .unwrap_or_else(|e| panic!("{}: {e}\n{}", path.display(), String::from_utf8_lossy(&rewritten)));
            assert!(again == original, "{}: rewritten form re-encodes differently", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 36);
    assert!(with_cdata >= 10, "only {with_cdata} rewritten documents hold CDATA");
}

#[test]
fn the_rewriter_really_rewrites() {
    let original = common::read(&common::root().join("fixtures/xml/servicestack/0001.xml"));
    let rewritten = String::from_utf8(common::rewrite::rewrite(&original)).unwrap();
    for needle in
        ["standalone=\"yes\"", "<!-- rewritten -->", "xmlns:xsi=", "xsi:nil=\"true\"", "\r\n\t\t<ns", "<!-- done -->"]
    {
        assert!(rewritten.contains(needle), "missing {needle:?}");
    }
    assert!(!rewritten.contains("d2p1:"));
}

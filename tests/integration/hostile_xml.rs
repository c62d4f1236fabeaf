//! Hostile XML: input written to hurt the reader. Every case ends in a value or a clear
//! error (category, message, position, member path) in bounded time and memory; nothing
//! panics, overflows the stack, expands an entity or fetches anything.
//!
//! The inputs are sized to show the bound (a million levels, a 100 MB text node, 100,000
//! attributes, a million sessions) while the tests stay fast in a debug build: the limits
//! fire early, and large inputs are built once.

use crate::common;

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::document::Document;
use evovoice_contracts::error::Category;
use evovoice_contracts::sessions::{SessionInfo, SessionMemberInfo};
use evovoice_contracts::xml::{self, Dialect, ReadOptions, XmlOptions};
use evovoice_contracts::{Dictionary, Error};
use std::time::{Duration, Instant};

const PORTAL: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal";
const SESSIONS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Sessions";
const ARRAYS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The start of a result document, up to the content of its one session.
fn session_start() -> String {
    format!(
        r#"<AppGetActiveSessionsResult xmlns="{PORTAL}" xmlns:i="{XSI}"><Sessions xmlns:s="{SESSIONS}"><s:SessionInfo>"#
    )
}

const SESSION_END: &str = "</s:SessionInfo></Sessions></AppGetActiveSessionsResult>";

/// A result document holding one session whose content is `inner`.
fn one_session(inner: &str) -> String {
    format!("{}{inner}{SESSION_END}", session_start())
}

fn decode(doc: impl AsRef<[u8]>) -> Result<AppGetActiveSessionsResult, Error> {
    xml::from_slice(doc.as_ref())
}

fn decode_with(doc: impl AsRef<[u8]>, options: &ReadOptions) -> Result<AppGetActiveSessionsResult, Error> {
    xml::from_slice_with(doc.as_ref(), options)
}

/// Runs `f`, failing if it takes longer than 30 seconds. Each case takes a second or two
/// in a debug build; the bound is generous for busy machines and still catches quadratic
/// behaviour, which takes minutes on these inputs (100,000 attributes took about a minute
/// when duplicates were checked pairwise).
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let limit = Duration::from_secs(30);
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < limit, "{what} took {took:?}, over {limit:?}");
    out
}

fn assert_limit(e: &Error, limit: &str) {
    assert_eq!(e.category(), Category::Limit, "{e}");
    assert!(e.message().contains(limit), "the message should name {limit}: {e}");
    assert!(e.line() >= 1 && e.column() >= 1, "{e:?}");
}

// --- Nesting -----------------------------------------------------------------------------

#[test]
fn a_million_levels_inside_an_unknown_element_hit_the_depth_limit() {
    let levels = 1_000_000;
    let doc = one_session(&format!("<s:Nope>{}{}</s:Nope>", "<u>".repeat(levels), "</u>".repeat(levels)));
    let e = timed("depth limit", || decode(&doc).unwrap_err());
    assert_limit(&e, "max_depth");
    assert!(e.message().contains("256"), "{e}");
    assert_eq!(e.path().to_string(), "Sessions[0]");
    // The element that goes one level too deep: root, Sessions, SessionInfo and Nope are
    // levels 1 to 4, so the 253rd <u> is level 257.
    let expected = session_start().len() + "<s:Nope>".len() + 252 * "<u>".len();
    assert_eq!((e.line(), e.position().unwrap().offset), (1, expected));
}

#[test]
fn without_a_depth_limit_a_million_levels_are_skipped_without_recursion() {
    let levels = 1_000_000;
    let doc = one_session(&format!(
        "<s:Nope>{}{}</s:Nope><s:AccountId>a</s:AccountId>",
        "<u>".repeat(levels),
        "</u>".repeat(levels)
    ));
    let options = ReadOptions::new().max_depth(usize::MAX);
    let value = timed("skipping a million levels", || decode_with(&doc, &options).unwrap());
    assert_eq!(value.sessions.unwrap()[0].account_id.as_deref(), Some("a"));
}

#[test]
fn deep_nesting_anywhere_is_bounded() {
    let deep = "<u>".repeat(100_000);
    // Unclosed, at the top level, inside a string member, inside a list.
    for doc in [
        one_session(&format!("<s:Nope>{deep}")),
        format!("<AppGetActiveSessionsResult xmlns=\"{PORTAL}\">{deep}"),
        deep.clone(),
        one_session(&format!("<s:AccountId>{deep}")),
        one_session(&format!("<s:Log>{deep}")),
        one_session(&format!("<s:Log><s:SessionLogInfo>{deep}")),
    ] {
        let e = timed("deep nesting", || decode(&doc).unwrap_err());
        assert!(matches!(e.category(), Category::Limit | Category::Data), "{e}");
        assert!(e.line() >= 1, "{e:?}");
    }
}

// --- DTDs and entities -------------------------------------------------------------------

const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"#;

#[test]
fn the_billion_laughs_are_a_dtd_error_and_nothing_is_expanded() {
    let doc = format!("{BILLION_LAUGHS}{}", one_session("<s:AccountId>&lol9;</s:AccountId>"));
    let e = timed("billion laughs", || decode(&doc).unwrap_err());
    assert_eq!(e.category(), Category::Data);
    assert!(e.message().contains("DTD is not allowed"), "{e}");
    assert!(!e.to_string().contains("lollol"), "{e}");
    // At the <!DOCTYPE, line 2, column 1.
    assert_eq!((e.line(), e.column()), (2, 1));
    // Document::from_xml stops there as well.
    assert!(Document::from_xml(doc.as_bytes()).unwrap_err().message().contains("DTD"));
}

#[test]
fn entities_without_a_dtd_are_undeclared_wherever_they_are() {
    for (inner, what) in [
        ("<s:AccountId>&lol9;</s:AccountId>", "text"),
        ("<s:AccountId a=\"&lol9;\">x</s:AccountId>", "an attribute"),
        ("<s:Nope>&lol9;</s:Nope>", "skipped content"),
        ("<s:Nope a=\"x&lol9;\"/>", "a skipped attribute"),
        ("<s:AccountId>&#x0;&lol9;</s:AccountId>", "after a character reference"),
    ] {
        let e = decode(one_session(inner)).unwrap_err();
        assert_eq!(e.category(), Category::Syntax, "{what}: {e}");
        assert!(e.message().contains("undeclared entity '&lol9;'"), "{what}: {e}");
    }
    let e = decode(format!("<AppGetActiveSessionsResult xmlns=\"{PORTAL}&ns;\"/>")).unwrap_err();
    assert!(e.message().contains("undeclared entity '&ns;'"), "{e}");
}

#[test]
fn external_entities_and_dtds_are_rejected_and_nothing_is_fetched() {
    // A server that would see any attempt to fetch the DTD or the entities.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}/evil", listener.local_addr().unwrap());
    let secret = std::env::temp_dir().join("evovoice-hostile-secret.txt");
    std::fs::write(&secret, "SECRET-CONTENT").unwrap();
    let file = format!("file://{}", secret.display());
    let prologs = [
        format!(r#"<!DOCTYPE AppGetActiveSessionsResult SYSTEM "{url}.dtd">"#),
        format!(r#"<!DOCTYPE AppGetActiveSessionsResult PUBLIC "-//EVIL//DTD//EN" "{url}.dtd">"#),
        format!(r#"<!DOCTYPE r [<!ENTITY xxe SYSTEM "{file}">]>"#),
        format!(r#"<!DOCTYPE r [<!ENTITY xxe SYSTEM "{url}.xml">]>"#),
        format!(r#"<!DOCTYPE r [<!ENTITY % p SYSTEM "{url}.ent"> %p;]>"#),
        r#"<!DOCTYPE r [<!ENTITY xxe "<s:AccountId>injected</s:AccountId>">]>"#.to_owned(),
    ];
    for prolog in &prologs {
        let doc = format!("<?xml version=\"1.0\"?>{prolog}{}", one_session("<s:AccountId>&xxe;</s:AccountId>"));
        for result in [decode(&doc).map(|_| ()), Document::from_xml(doc.as_bytes()).map(|_| ())] {
            let e = result.unwrap_err();
            assert!(e.message().contains("DTD is not allowed"), "{prolog}: {e}");
            assert!(!e.to_string().contains("SECRET") && !e.to_string().contains("injected"), "{e}");
            assert_eq!((e.line(), e.column()), (1, 22), "{prolog}");
        }
    }
    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("the decoder connected to the server: {other:?}"),
    }
}

#[test]
fn a_dtd_anywhere_else_is_an_error() {
    let dtd = "<!DOCTYPE r [<!ENTITY a \"b\">]>";
    for doc in [
        one_session(&format!("<s:AccountId>x{dtd}</s:AccountId>")),
        one_session(&format!("<s:Nope>{dtd}</s:Nope>")),
        one_session(dtd),
        format!("{}{dtd}", one_session("")),
    ] {
        let e = decode(&doc).unwrap_err();
        assert!(matches!(e.category(), Category::Syntax | Category::Data), "{e}");
        assert!(e.line() >= 1, "{e:?}");
    }
}

// --- Encodings, invalid UTF-8, truncation -------------------------------------------------

fn seed() -> Vec<u8> {
    common::read(&common::root().join("fixtures/xml/seed-sample.xml"))
}

#[test]
fn invalid_utf8_at_any_offset_is_an_error_at_that_offset() {
    let doc = seed();
    assert!(decode(&doc).is_ok());
    // A byte that is never UTF-8, a lone continuation byte, a truncated sequence, an
    // overlong encoding and an encoded surrogate, each put at every offset.
    for bad in [&[0xFF][..], &[0x80], &[0xE2, 0x82], &[0xC0, 0xAF], &[0xED, 0xA0, 0x80]] {
        for at in 0..=doc.len() {
            let mut broken = doc[..at].to_vec();
            broken.extend_from_slice(bad);
            broken.extend_from_slice(&doc[at..]);
            let e = Document::from_xml(&broken).unwrap_err();
            assert_eq!(e.category(), Category::Syntax, "{bad:?} at {at}: {e}");
            assert_eq!(e.message(), "invalid UTF-8");
            assert_eq!(e.position().unwrap().offset, at, "{bad:?} at {at}");
        }
    }
}

#[test]
fn utf16_and_utf32_are_errors_with_or_without_a_byte_order_mark() {
    let text = String::from_utf8(seed()).unwrap();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let utf32: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
    for (what, bytes) in [
        ("UTF-16LE with BOM", [&[0xFF, 0xFE][..], &le].concat()),
        ("UTF-16BE with BOM", [&[0xFE, 0xFF][..], &be].concat()),
        ("UTF-16LE", le.clone()),
        ("UTF-16BE", be.clone()),
        ("UTF-32LE with BOM", [&[0xFF, 0xFE, 0, 0][..], &utf32].concat()),
        ("UTF-32LE", utf32.clone()),
    ] {
        let e = Document::from_xml(&bytes).unwrap_err();
        assert_eq!(e.category(), Category::Syntax, "{what}: {e}");
        assert!(e.line() >= 1, "{what}: {e:?}");
    }
    let e = decode([&[0xFF, 0xFE][..], &le].concat()).unwrap_err();
    assert!(e.message().contains("UTF-16"), "{e}");
}

#[test]
fn every_truncation_of_every_fixture_is_an_error() {
    // Each form once: both dialects, a dictionary, markup and line ends in text, nil and
    // empty lists, an error response.
    let files = [
        "seed-sample.xml",
        "edges/dictionary.servicestack.xml",
        "edges/dictionary.wcf.xml",
        "edges/text-markup.servicestack.xml",
        "edges/text-newline.wcf.xml",
        "edges/sessions-nil.servicestack.xml",
        "edges/sessions-empty.wcf.xml",
        "edges/error-response.servicestack.xml",
    ];
    for path in files.map(|f| common::root().join("fixtures/xml").join(f)) {
        let doc = common::read(&path);
        assert!(Document::from_xml(&doc).is_ok(), "{}", path.display());
        let whole = doc.trim_ascii_end().len();
        for end in 0..whole {
            if let Ok(value) = Document::from_xml(&doc[..end]) {
                panic!("{}: the first {end} bytes decoded to {value:?}", path.display());
            }
        }
    }
}

// --- Huge inputs ---------------------------------------------------------------------------

#[test]
fn a_100_mb_text_node_is_a_string_limit_error_naming_the_member() {
    let start = session_start() + "<s:AccountId>";
    let mut doc = Vec::with_capacity(100_000_200 + start.len());
    doc.extend_from_slice(start.as_bytes());
    doc.resize(doc.len() + 100_000_000, b'a');
    doc.extend_from_slice(b"</s:AccountId>");
    doc.extend_from_slice(SESSION_END.as_bytes());
    let e = timed("a 100 MB text node", || decode(&doc).unwrap_err());
    assert_limit(&e, "max_string_bytes");
    assert!(e.message().contains(&(16 << 20).to_string()), "{e}");
    assert_eq!(e.path().to_string(), "Sessions[0].AccountId");
    // Where the text starts.
    let p = e.position().unwrap();
    assert_eq!((p.line, p.column, p.offset), (1, start.len() + 1, start.len()));
}

#[test]
fn the_string_limit_counts_decoded_bytes_exactly() {
    let limit = ReadOptions::new().max_string_bytes(10);
    let account = |doc: &str| decode_with(one_session(doc), &limit).map(|v| v.sessions.unwrap()[0].account_id.clone());
    assert_eq!(account("<s:AccountId>0123456789</s:AccountId>").unwrap().as_deref(), Some("0123456789"));
    assert_limit(&account("<s:AccountId>0123456789a</s:AccountId>").unwrap_err(), "max_string_bytes");
    // `\r\n` reads as one byte, `&amp;` as one, CDATA and text add up.
    assert_eq!(account("<s:AccountId>01234567\r\n9</s:AccountId>").unwrap().as_deref(), Some("01234567\n9"));
    assert_eq!(
        account("<s:AccountId>&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;</s:AccountId>")
            .unwrap()
            .unwrap()
            .len(),
        10
    );
    for over in [
        "<s:AccountId>&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;</s:AccountId>",
        "<s:AccountId>01234<![CDATA[56789a]]></s:AccountId>",
        "<s:AccountId>012345678&#x10000;</s:AccountId>",
    ] {
        assert_limit(&account(over).unwrap_err(), "max_string_bytes");
    }
    // Dictionary keys and values are strings too.
    let entry = format!(
        "<s:Members><s:SessionMemberInfo><s:ApplicationData xmlns:a=\"{ARRAYS}\"><a:KeyValueOfstringstring>\
         <a:Key>k</a:Key><a:Value>0123456789a</a:Value></a:KeyValueOfstringstring></s:ApplicationData>\
         </s:SessionMemberInfo></s:Members>"
    );
    let e = decode_with(one_session(&entry), &limit).unwrap_err();
    assert_limit(&e, "max_string_bytes");
    assert_eq!(e.path().to_string(), "Sessions[0].Members[0].ApplicationData");
}

#[test]
fn text_in_skipped_elements_is_not_kept_so_not_limited() {
    let doc = one_session(&format!("<s:Nope>{}</s:Nope><s:AccountId>a</s:AccountId>", "x".repeat(1 << 20)));
    let options = ReadOptions::new().max_string_bytes(1024);
    assert_eq!(decode_with(&doc, &options).unwrap().sessions.unwrap()[0].account_id.as_deref(), Some("a"));
}

#[test]
fn a_hundred_thousand_attributes_on_one_element_take_linear_time() {
    let attributes: String = (0..100_000).map(|i| format!(" a{i}=\"v{i}\"")).collect();
    let doc = one_session(&format!("<s:AccountId{attributes}>x</s:AccountId>"));
    let value = timed("100,000 attributes", || decode(&doc).unwrap());
    assert_eq!(value.sessions.unwrap()[0].account_id.as_deref(), Some("x"));
    // A repeated attribute is still found, however many come before it.
    let doc = one_session(&format!("<s:AccountId{attributes} a5=\"again\">x</s:AccountId>"));
    let e = timed("a repeated attribute", || decode(&doc).unwrap_err());
    assert_eq!(e.category(), Category::Syntax);
    assert!(e.message().contains("'a5' appears twice"), "{e}");
    assert_eq!(e.path().to_string(), "Sessions[0]");
}

#[test]
fn a_hundred_thousand_namespace_declarations_do_not_slow_every_element() {
    // The prefix in use is declared first; a scan from the innermost binding would pass
    // all 100,000 declarations for each of the 100,000 elements after them.
    let declarations: String = (0..100_000).map(|i| format!(" xmlns:p{i}=\"urn:p{i}\"")).collect();
    let elements = "<s:Nope/>".repeat(100_000);
    let doc = format!(
        r#"<AppGetActiveSessionsResult xmlns="{PORTAL}"><Sessions xmlns:s="{SESSIONS}"{declarations}><s:SessionInfo>{elements}<s:AccountId>a</s:AccountId><p99999:AccountId xmlns:p99999="{SESSIONS}">b</p99999:AccountId></s:SessionInfo></Sessions></AppGetActiveSessionsResult>"#
    );
    let value = timed("100,000 declarations", || decode(&doc).unwrap());
    assert_eq!(value.sessions.unwrap()[0].account_id.as_deref(), Some("a"));
    // Declarations that redeclare one prefix over and over, each on its own element, and
    // 100,000 `p:nil` attributes on one element.
    let nested = format!("{}{}", "<s:Nope xmlns:s=\"urn:x\" xmlns:t=\"urn:y\">".repeat(200), "</s:Nope>".repeat(200));
    let nils: String = (0..100_000).map(|i| format!(" p{i}:nil=\"false\"")).collect();
    let doc = format!(
        r#"<AppGetActiveSessionsResult xmlns="{PORTAL}"><Sessions xmlns:s="{SESSIONS}"{declarations}><s:SessionInfo>{nested}<s:AccountId{nils}>a</s:AccountId></s:SessionInfo></Sessions></AppGetActiveSessionsResult>"#
    );
    let value = timed("100,000 nil attributes", || decode(&doc).unwrap());
    assert_eq!(value.sessions.unwrap()[0].account_id.as_deref(), Some("a"));
}

#[test]
fn a_million_sessions_hit_the_item_limit() {
    let mut doc = format!(r#"<AppGetActiveSessionsResult xmlns="{PORTAL}"><Sessions xmlns:s="{SESSIONS}">"#);
    let before = doc.len();
    doc.push_str(&"<s:SessionInfo/>".repeat(1_000_000));
    doc.push_str("</Sessions></AppGetActiveSessionsResult>");
    let e = timed("a million sessions", || decode(&doc).unwrap_err());
    assert_limit(&e, "max_items");
    assert!(e.message().contains("100000"), "{e}");
    assert_eq!(e.path().to_string(), "Sessions[100000]");
    assert_eq!(e.position().unwrap().offset, before + 100_000 * "<s:SessionInfo/>".len());
    // Under the limit, they are read.
    let options = ReadOptions::new().max_items(1000);
    let doc = format!(
        r#"<AppGetActiveSessionsResult xmlns="{PORTAL}"><Sessions xmlns:s="{SESSIONS}">{}</Sessions></AppGetActiveSessionsResult>"#,
        "<s:SessionInfo/>".repeat(1000)
    );
    assert_eq!(decode_with(&doc, &options).unwrap().sessions.unwrap().len(), 1000);
}

#[test]
fn the_item_limit_counts_every_list_and_dictionary_together() {
    let entries: String = (0..600)
        .map(|i| format!("<a:KeyValueOfstringstring><a:Key>k{i}</a:Key><a:Value/></a:KeyValueOfstringstring>"))
        .collect();
    let member = format!(
        "<s:SessionMemberInfo><s:ApplicationData xmlns:a=\"{ARRAYS}\">{entries}</s:ApplicationData></s:SessionMemberInfo>"
    );
    let doc =
        one_session(&format!("<s:Log>{}</s:Log><s:Members>{member}</s:Members>", "<s:SessionLogInfo/>".repeat(400)));
    // One session, 400 log entries, one member, 600 entries: 1002 items.
    assert!(decode_with(&doc, &ReadOptions::new().max_items(1002)).is_ok());
    let e = decode_with(&doc, &ReadOptions::new().max_items(1001)).unwrap_err();
    assert_limit(&e, "max_items");
    assert_eq!(e.path().to_string(), "Sessions[0].Members[0].ApplicationData");
}

#[test]
fn a_million_skipped_elements_cost_no_memory_and_linear_time() {
    let doc = one_session(&format!("{}<s:AccountId>a</s:AccountId>", "<s:Nope/>".repeat(1_000_000)));
    let value = timed("a million unknown elements", || decode(&doc).unwrap());
    assert_eq!(value.sessions.unwrap()[0].account_id.as_deref(), Some("a"));
}

#[test]
fn a_dictionary_with_many_entries_checks_for_repeats_in_linear_time() {
    let n = 50_000;
    let entries: String = (0..n)
        .map(|i| {
            format!("<a:KeyValueOfstringstring><a:Key>k{i}</a:Key><a:Value>v</a:Value></a:KeyValueOfstringstring>")
        })
        .collect();
    let doc = |extra: &str| {
        one_session(&format!(
            "<s:Members><s:SessionMemberInfo><s:ApplicationData xmlns:a=\"{ARRAYS}\">{entries}{extra}</s:ApplicationData></s:SessionMemberInfo></s:Members>"
        ))
    };
    let value = timed("50,000 entries", || decode(doc("")).unwrap());
    let members = value.sessions.unwrap().remove(0).members.unwrap();
    assert_eq!(members[0].application_data.as_ref().map(Dictionary::len), Some(n));
    let repeat = "<a:KeyValueOfstringstring><a:Key>k7</a:Key><a:Value/></a:KeyValueOfstringstring>";
    let e = timed("a repeated key", || decode(doc(repeat)).unwrap_err());
    assert!(e.message().contains("'k7' appears twice"), "{e}");
    assert_eq!(e.path().to_string(), r#"Sessions[0].Members[0].ApplicationData["k7"]"#);
}

#[test]
fn the_document_size_limit_is_checked_first_and_bounds_readers() {
    let doc = seed();
    let options = ReadOptions::new().max_document_bytes(100);
    let e = decode_with(&doc, &options).unwrap_err();
    assert_limit(&e, "max_document_bytes");
    assert_eq!(e.position().unwrap().offset, 100);
    let e = Document::from_xml_with(&doc, &options).unwrap_err();
    assert_limit(&e, "max_document_bytes");
    // Exactly at the limit is fine.
    assert!(decode_with(&doc, &ReadOptions::new().max_document_bytes(doc.len())).is_ok());
    // An endless stream stops one byte past the limit.
    let endless = std::io::BufReader::new(std::io::repeat(b' '));
    let options = ReadOptions::new().max_document_bytes(1 << 20);
    let e = timed("an endless reader", || {
        xml::from_reader_with::<_, AppGetActiveSessionsResult>(endless, &options).unwrap_err()
    });
    assert_limit(&e, "max_document_bytes");
}

#[test]
fn the_limits_have_documented_defaults() {
    let options = ReadOptions::new();
    assert_eq!(options.depth_limit(), 256);
    assert_eq!(options.document_bytes_limit(), 256 * 1024 * 1024);
    assert_eq!(options.string_bytes_limit(), 16 * 1024 * 1024);
    assert_eq!(options.items_limit(), 100_000);
    assert_eq!(options, ReadOptions::default());
    assert_eq!(xml::DEFAULT_MAX_DOCUMENT_BYTES, options.document_bytes_limit());
}

// --- Encoding never writes what .NET cannot read ---------------------------------------------

#[test]
fn characters_xml_forbids_are_an_error_naming_the_member_in_every_position() {
    let mut member = SessionMemberInfo::default();
    let mut data = Dictionary::new();
    data.insert("ok", Some("fine"));
    data.insert("key\u{1}", Some("v"));
    member.application_data = Some(data);
    let mut session = {
        let mut value = SessionInfo::default();
        value.members = Some(vec![SessionMemberInfo::default(), member]);
        value
    };
    let value = |s: &SessionInfo| {
        let mut value = AppGetActiveSessionsResult::default();
        value.sessions = Some(vec![SessionInfo::default(), s.clone()]);
        value
    };
    let check = |v: &AppGetActiveSessionsResult, path: &str, ch: &str| {
        let e = xml::to_vec_with(v, &XmlOptions::new()).unwrap_err();
        assert_eq!(e.category(), Category::Unencodable);
        assert_eq!(e.path().to_string(), path);
        assert!(e.message().contains(ch), "{e}");
        // WCF's dialect writes a reference, and reads it back.
        let wcf = xml::to_vec_with(v, &XmlOptions::new().dialect(Dialect::Wcf)).unwrap();
        assert_eq!(&decode(&wcf).unwrap(), v);
    };
    check(&value(&session), "Sessions[1].Members[1].ApplicationData[\"key\\u{1}\"]", "U+0001");
    session.members.as_mut().unwrap()[1].application_data = Some([("k", Some("\u{FFFE}"))].into_iter().collect());
    check(&value(&session), "Sessions[1].Members[1].ApplicationData[\"k\"]", "U+FFFE");
    session.members = None;
    session.account_name = Some("a\u{0}b".into());
    check(&value(&session), "Sessions[1].AccountName", "U+0000");
}

// --- Streaming ------------------------------------------------------------------------------

#[test]
fn a_stream_stops_a_session_or_node_that_never_ends() {
    use evovoice_contracts::xml::stream::SessionReader;
    use std::io::{BufReader, Read};
    let options = ReadOptions::new().max_document_bytes(1 << 20);
    let prefix = format!(
        r#"<AppGetActiveSessionsResult xmlns="{PORTAL}"><Sessions xmlns:s="{SESSIONS}"><s:SessionInfo/><s:SessionInfo><s:AccountId>"#
    );
    let endless = BufReader::new(prefix.as_bytes().chain(std::io::repeat(b'a')));
    let mut sessions = SessionReader::with_options(endless, options.clone()).unwrap();
    assert!(sessions.next().unwrap().is_ok());
    let e = timed("an endless session", || sessions.next().unwrap().unwrap_err());
    assert_limit(&e, "max_document_bytes");
    assert!(sessions.next().is_none());
    // Before the sessions: an endless unknown element's text.
    let prefix = format!(r#"<AppGetActiveSessionsResult xmlns="{PORTAL}"><Zzz>"#);
    let endless = BufReader::new(prefix.as_bytes().chain(std::io::repeat(b'a')));
    let e = timed("an endless node", || SessionReader::with_options(endless, options.clone()).err().unwrap());
    assert_limit(&e, "max_document_bytes");
}

#[test]
fn a_stream_applies_the_limits_to_each_session() {
    use evovoice_contracts::xml::stream::SessionReader;
    let log = format!("<s:Log>{}</s:Log>", "<s:SessionLogInfo/>".repeat(200_000));
    let deep = format!("<s:Nope>{}{}</s:Nope>", "<u>".repeat(100_000), "</u>".repeat(100_000));
    let attributes: String = (0..100_000).map(|i| format!(" a{i}=\"v\"")).collect();
    let doc = format!(
        r#"<AppGetActiveSessionsResult xmlns="{PORTAL}"{attributes}><Sessions xmlns:s="{SESSIONS}"><s:SessionInfo>{log}</s:SessionInfo><s:SessionInfo>{deep}</s:SessionInfo><s:SessionInfo/></Sessions></AppGetActiveSessionsResult>"#
    );
    let mut sessions = timed("100,000 attributes on the root", || SessionReader::new(doc.as_bytes()).unwrap());
    let e = timed("200,000 log entries", || sessions.next().unwrap().unwrap_err());
    assert_limit(&e, "max_items");
    assert_eq!(e.path().to_string(), "Sessions[0].Log[100000]");
    // A limit ends the stream, as any error does; a fresh reader shows the next session's.
    let doc = doc.replacen(&log, "", 1);
    let mut sessions = SessionReader::new(doc.as_bytes()).unwrap();
    assert!(sessions.next().unwrap().is_ok());
    let e = timed("a deep session", || sessions.next().unwrap().unwrap_err());
    assert_limit(&e, "max_depth");
    assert_eq!(e.path().to_string(), "Sessions[1]");
}

#[test]
fn a_stream_under_100000_namespace_declarations_reads_each_session_in_constant_time() {
    use evovoice_contracts::xml::stream::SessionReader;
    // The prefix in use is declared first, under all the others.
    let declarations: String = (0..100_000).map(|i| format!(" xmlns:p{i}=\"urn:p{i}\"")).collect();
    let doc = format!(
        r#"<AppGetActiveSessionsResult xmlns="{PORTAL}" xmlns:s="{SESSIONS}"{declarations}><Zzz/><Sessions>{}</Sessions></AppGetActiveSessionsResult>"#,
        "<s:SessionInfo><s:AccountId>a</s:AccountId></s:SessionInfo><s:Nope/>".repeat(20_000)
    );
    let count = timed("20,000 sessions under 100,000 declarations", || {
        SessionReader::new(doc.as_bytes()).unwrap().map(|s| s.unwrap().account_id.unwrap()).filter(|a| a == "a").count()
    });
    assert_eq!(count, 20_000);
}

#[test]
fn a_stream_reads_what_the_decoder_reads_when_sessions_declares_its_own_prefix() {
    use evovoice_contracts::xml::stream::SessionReader;
    let doc = format!(
        r#"<AppGetActiveSessionsResult xmlns="{PORTAL}"><p:Zzz xmlns:p="{PORTAL}"/><p:Sessions xmlns:p="{PORTAL}" xmlns:s="{SESSIONS}"><s:SessionInfo><s:AccountId>a</s:AccountId></s:SessionInfo></p:Sessions></AppGetActiveSessionsResult>"#
    );
    let whole = decode(&doc).unwrap().sessions.unwrap();
    let streamed: Vec<SessionInfo> = SessionReader::new(doc.as_bytes()).unwrap().map(Result::unwrap).collect();
    assert_eq!((streamed.len(), &streamed), (1, &whole));
}

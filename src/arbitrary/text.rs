//! Strategies for characters and strings.

use super::Chars;
use proptest::collection::vec;
use proptest::prelude::*;

/// Whether XML 1.0 can carry `c` at all.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Whether `c` is in the set `chars` allows.
fn allowed(chars: Chars, c: char) -> bool {
    match chars {
        // .NET's ServiceStack writer turns a carriage return into a newline.
        Chars::Portable => is_xml_char(c) && c != '\r',
        Chars::Xml => is_xml_char(c),
        Chars::Any | Chars::Hostile => true,
    }
}

/// One character of the set `chars` allows, biased towards the ones that need care:
/// markup (`<`, `&`, `]`), quotes, whitespace of every kind, letters outside ASCII,
/// astral characters, the edges of the ranges XML allows and, where allowed, controls.
///
/// ```
/// use evovoice_contracts::arbitrary::{character, Chars};
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let mut runner = TestRunner::deterministic();
/// for _ in 0..200 {
///     let c = character(Chars::Portable).new_tree(&mut runner).unwrap().current();
///     assert!(c != '\r' && c != '\u{0}' && c != '\u{FFFE}');
/// }
/// ```
pub fn character(chars: Chars) -> BoxedStrategy<char> {
    let special: Vec<char> = [
        '<',
        '>',
        '&',
        '"',
        '\'',
        ']',
        '\t',
        '\n',
        '\r',
        ' ',
        '\u{A0}',
        '\u{85}',
        '\u{2028}',
        'é',
        'ß',
        '中',
        '😀',
        '\u{FFFD}',
        '\u{10FFFF}',
        '\u{E000}',
        '\u{D7FF}',
        '/',
        '\\',
    ]
    .into_iter()
    .filter(|c| allowed(chars, *c))
    .collect();
    let special = prop::sample::select(special);
    match chars {
        Chars::Portable | Chars::Xml => prop_oneof![
            6 => special,
            3 => prop::char::range(' ', '~'),
            2 => any::<char>().prop_filter("the format cannot carry it", move |c| allowed(chars, *c)),
        ]
        .boxed(),
        Chars::Any | Chars::Hostile => {
            let controls = (0u32..0x20).chain([0x7F, 0x80, 0x9F, 0xFFFE, 0xFFFF]).filter_map(char::from_u32);
            prop_oneof![
                6 => special,
                3 => prop::char::range(' ', '~'),
                2 => any::<char>(),
                2 => prop::sample::select(controls.collect::<Vec<_>>()),
            ]
            .boxed()
        }
    }
}

/// Pieces of text that have broken XML writers and readers: markup that must be escaped or
/// must not be (`]]>` in text, a half reference), every character XML allows that is not a
/// plain letter (tab, newline, carriage return, NEL, line and paragraph separators, no-break
/// and zero-width spaces, a byte order mark, bidirectional controls), noncharacters that
/// XML 1.0 still allows (U+FDD0, U+FDEF, U+1FFFE, U+10FFFF), the edges of the surrogate
/// range, and characters XML forbids (C0 controls, U+FFFE, U+FFFF), which only WCF's
/// dialect can write.
///
/// ```
/// use evovoice_contracts::arbitrary::HOSTILE_PIECES;
///
/// assert!(HOSTILE_PIECES.contains(&"]]>") && HOSTILE_PIECES.contains(&"\u{FFFE}"));
/// ```
pub const HOSTILE_PIECES: &[&str] = &[
    "]]>",
    "]]",
    "]>",
    "<![CDATA[",
    "&#",
    "&#x",
    "&#xD;",
    "&amp;",
    "&lt;",
    "&;",
    "&x;",
    "<!--",
    "-->",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE x>",
    "<i:nil/>",
    "xmlns=\"\"",
    "\"'",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\n\r",
    " ",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{A0}",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{202E}",
    "\u{FDD0}",
    "\u{FDEF}",
    "\u{FFFD}",
    "\u{1FFFE}",
    "\u{10FFFF}",
    "\u{D7FF}",
    "\u{E000}",
    "\u{10000}",
    "e\u{301}",
    "\u{1F600}",
    "\u{7F}",
    "\u{80}",
    "\u{9F}",
    "\u{0}",
    "\u{1}",
    "\u{B}",
    "\u{C}",
    "\u{1F}",
    "\u{FFFE}",
    "\u{FFFF}",
];

/// A hostile string: pieces of [`HOSTILE_PIECES`] run together, a string of one piece
/// alone or at an end, or a long one (up to 64 KiB). Only WCF's dialect and JSON carry
/// every such string.
///
/// ```
/// use evovoice_contracts::arbitrary::hostile_text;
/// use evovoice_contracts::servicestack::ResponseError;
/// use evovoice_contracts::{json, xml};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(message in hostile_text())| {
///     let mut value = ResponseError::default();
///     value.message = Some(message);
///     let wcf = xml::XmlOptions::new().dialect(xml::Dialect::Wcf);
///     let bytes = xml::to_vec_with(&value, &wcf).unwrap();
///     prop_assert_eq!(&xml::from_slice::<ResponseError>(&bytes).unwrap(), &value);
///     prop_assert_eq!(json::from_str::<ResponseError>(&json::to_string(&value).unwrap()).unwrap(), value);
/// });
/// ```
pub fn hostile_text() -> BoxedStrategy<String> {
    let piece = prop::sample::select(HOSTILE_PIECES.to_vec());
    prop_oneof![
        6 => vec(piece.clone(), 1..12).prop_map(|p| p.concat()),
        2 => (piece.clone(), "[a-z ]{0,4}").prop_map(|(p, t)| format!("{t}{p}")),
        2 => (piece.clone(), "[a-z ]{0,4}").prop_map(|(p, t)| format!("{p}{t}")),
        1 => (vec(piece, 1..4), 1usize..5000).prop_map(|(p, n)| p.concat().repeat(n)),
        1 => (1usize..65536).prop_map(|n| "x".repeat(n)),
    ]
    .boxed()
}

/// A string of the set `chars` allows: empty, whitespace-only, or a mix of characters
/// ([`character`]); for [`Chars::Hostile`], mostly [`hostile_text`].
///
/// ```
/// use evovoice_contracts::arbitrary::{text, Chars};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(64), |(s in text(Chars::Any))| {
///     prop_assert!(s.chars().count() < 16);
/// });
/// ```
pub fn text(chars: Chars) -> BoxedStrategy<String> {
    if chars == Chars::Hostile {
        return prop_oneof![1 => text(Chars::Any), 3 => hostile_text()].boxed();
    }
    let blanks: Vec<&str> =
        [" ", "  ", "\t", "\n", " \r\n ", "\r"].into_iter().filter(|s| s.chars().all(|c| allowed(chars, c))).collect();
    prop_oneof![
        1 => Just(String::new()),
        1 => prop::sample::select(blanks).prop_map(str::to_owned),
        6 => vec(character(chars), 1..16).prop_map(|cs| cs.into_iter().collect()),
    ]
    .boxed()
}

/// A nullable string: null a fifth of the time, else [`text`].
///
/// ```
/// use evovoice_contracts::arbitrary::{opt_text, Chars};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(32), |(s in opt_text(Chars::Portable))| {
///     prop_assert!(s.is_none_or(|s| !s.contains('\r')));
/// });
/// ```
pub fn opt_text(chars: Chars) -> BoxedStrategy<Option<String>> {
    prop_oneof![1 => Just(None), 4 => text(chars).prop_map(Some)].boxed()
}

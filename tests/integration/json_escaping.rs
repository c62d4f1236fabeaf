//! String escaping, against a plain transcription of ServiceStack.Text's
//! `JsonUtils.WriteString`: every control character, U+007F–U+009F, quotes, backslashes,
//! astral characters, in values and dictionary keys.

use evovoice_contracts::arbitrary::{self as strategies, Chars};
use evovoice_contracts::customers::CustomerBreadcrumb;
use evovoice_contracts::json;
use evovoice_contracts::servicestack::ResponseError;
use evovoice_contracts::Dictionary;
use proptest::prelude::*;

/// What ServiceStack writes for a string, character by character: the short escapes;
/// printable ASCII as it is; `\uXXXX` (uppercase) for what .NET's `char.IsControl`
/// accepts (the Cc category, as Rust's `char::is_control`); anything else as it is.
fn servicestack_string(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{C}' => out.push_str("\\f"),
            '\u{8}' => out.push_str("\\b"),
            ' '..='~' => out.push(c),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn name_only(text: &str) -> CustomerBreadcrumb {
    {
        let mut value = CustomerBreadcrumb::default();
        value.id = None;
        value.name = Some(text.to_owned());
        value
    }
}

fn encoded_name(text: &str) -> String {
    let json = json::to_string(&name_only(text)).unwrap();
    json.strip_prefix(r#"{"name":"#).and_then(|s| s.strip_suffix('}')).unwrap().to_owned()
}

#[test]
fn every_control_character() {
    for code in (0u32..0x20).chain(0x7F..0xA0) {
        let c = char::from_u32(code).unwrap();
        let expected = match c {
            '\u{8}' => r#""\b""#.to_owned(),
            '\t' => r#""\t""#.to_owned(),
            '\n' => r#""\n""#.to_owned(),
            '\u{C}' => r#""\f""#.to_owned(),
            '\r' => r#""\r""#.to_owned(),
            _ => format!("\"\\u{code:04X}\""),
        };
        assert_eq!(encoded_name(&c.to_string()), expected, "U+{code:04X}");
    }
    assert_eq!(encoded_name("\u{1f}\u{7f}\u{9f}"), r#""\u001F\u007F\u009F""#);
}

#[test]
fn quotes_backslashes_slashes_and_non_ascii() {
    assert_eq!(encoded_name(r#"say "hi" \ back/slash"#), r#""say \"hi\" \\ back/slash""#);
    assert_eq!(encoded_name("'<&>'"), r#""'<&>'""#);
    assert_eq!(
        encoded_name("\u{A0}é\u{2028}\u{2029}\u{FEFF}\u{FFFD}\u{FFFE}\u{FFFF}"),
        "\"\u{A0}é\u{2028}\u{2029}\u{FEFF}\u{FFFD}\u{FFFE}\u{FFFF}\""
    );
    assert_eq!(encoded_name("😀\u{10FFFF}𝄞"), "\"😀\u{10FFFF}𝄞\"");
    assert_eq!(encoded_name(""), r#""""#);
}

/// Every Unicode scalar value, in one string.
#[test]
fn every_scalar_value() {
    let all: String = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
    assert_eq!(encoded_name(&all), servicestack_string(&all));
    let back: CustomerBreadcrumb = json::from_str(&json::to_string(&name_only(&all)).unwrap()).unwrap();
    assert_eq!(back.name.as_deref(), Some(all.as_str()));
}

#[test]
fn dictionary_keys_and_values_are_escaped_alike() {
    let meta: Dictionary = [("\u{1}\"k\u{85}", Some("\\v\u{7f}"))].into_iter().collect();
    let error = {
        let mut value = ResponseError::default();
        value.meta = Some(meta);
        value
    };
    assert_eq!(json::to_string(&error).unwrap(), r#"{"meta":{"\u0001\"k\u0085":"\\v\u007F"}}"#);
    assert_eq!(json::from_str::<ResponseError>(&json::to_string(&error).unwrap()).unwrap(), error);
}

#[test]
fn pretty_output_escapes_the_same() {
    let pretty = json::to_string_with(&name_only("\u{1}\u{80}"), &json::JsonOptions::new().pretty(true)).unwrap();
    assert_eq!(pretty, "{\n  \"name\": \"\\u0001\\u0080\"\n}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_string_is_written_as_servicestack_writes_it(text in strategies::text(Chars::Any), tail in any::<String>()) {
        for text in [text.clone(), tail.clone(), text + &tail] {
            prop_assert_eq!(encoded_name(&text), servicestack_string(&text));
            let back: CustomerBreadcrumb = json::from_str(&json::to_string(&name_only(&text)).unwrap()).unwrap();
            prop_assert_eq!(back.name, Some(text));
        }
    }
}

//! Member names as ServiceStack.Text writes them.

use std::borrow::Cow;

/// How member names are written.
///
/// ```
/// use evovoice_contracts::json::{self, JsonOptions, Naming};
/// use evovoice_contracts::sessions::SessionLogInfo;
///
/// let log = SessionLogInfo { date: Some("today".into()), message: None };
/// assert_eq!(json::to_string(&log).unwrap(), r#"{"date":"today"}"#);
/// let pascal = JsonOptions::new().naming(Naming::PascalCase);
/// assert_eq!(json::to_string_with(&log, &pascal).unwrap(), r#"{"Date":"today"}"#);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Naming {
    /// camelCase, as Evo Voice's server is configured (`dialState`, `id`).
    #[default]
    CamelCase,
    /// The declared names (`DialState`, `Id`): ServiceStack.Text's own default.
    PascalCase,
}

/// A member name in ServiceStack.Text's camelCase: the leading run of ASCII capitals is
/// lowered, except the last capital of a run that a lowercase letter follows (it starts
/// the next word). Only `A`–`Z` change, as in ServiceStack's `ToCamelCase`.
///
/// ```
/// use evovoice_contracts::json::camel_case;
///
/// assert_eq!(camel_case("DialState"), "dialState");
/// assert_eq!(camel_case("Id"), "id");
/// assert_eq!(camel_case("URLX"), "urlx");
/// assert_eq!(camel_case("URLValue"), "urlValue");
/// assert_eq!(camel_case("already"), "already");
/// ```
pub fn camel_case(name: &str) -> Cow<'_, str> {
    let lowered = lowered_prefix(name.as_bytes());
    if lowered == 0 {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len());
    // The prefix is ASCII capitals, so splitting there is on a character boundary.
    out.extend(name[..lowered].chars().map(|c| c.to_ascii_lowercase()));
    out.push_str(&name[lowered..]);
    Cow::Owned(out)
}

/// How many leading bytes of `name` camelCase lowers. ServiceStack's rule, per character:
/// lower it while it is a capital and either the first character or followed by a capital
/// (the end of the name counts as a capital); stop at the first character that is not.
fn lowered_prefix(name: &[u8]) -> usize {
    let mut i = 0;
    while i < name.len() {
        let next_is_upper = name.get(i + 1).is_none_or(u8::is_ascii_uppercase);
        if name[i].is_ascii_uppercase() && (i == 0 || next_is_upper) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Calls `f` with `name` as `naming` writes it, without allocating for names up to 64
/// bytes (every declared name).
pub(crate) fn with_name<R>(name: &str, naming: Naming, f: impl FnOnce(&str) -> R) -> R {
    let lowered = match naming {
        Naming::PascalCase => 0,
        Naming::CamelCase => lowered_prefix(name.as_bytes()),
    };
    if lowered == 0 {
        return f(name);
    }
    let mut buffer = [0u8; 64];
    match buffer.get_mut(..name.len()) {
        Some(out) => {
            out.copy_from_slice(name.as_bytes());
            out[..lowered].make_ascii_lowercase();
            // Lowering ASCII capitals keeps the bytes valid UTF-8.
            match std::str::from_utf8(out) {
                Ok(text) => f(text),
                Err(_) => f(&camel_case(name)),
            }
        }
        None => f(&camel_case(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servicestack_camel_case() {
        for (name, camel) in [
            ("", ""),
            ("A", "a"),
            ("Id", "id"),
            ("ID", "id"),
            ("URLValue", "urlValue"),
            ("AValue", "aValue"),
            ("ABc", "aBc"),
            ("X1", "x1"),
            ("X1Y", "x1Y"),
            ("already", "already"),
            ("ÉtatX", "ÉtatX"),
            ("MostRecentParticipantCallSid", "mostRecentParticipantCallSid"),
        ] {
            assert_eq!(camel_case(name), camel, "{name}");
            assert_eq!(with_name(name, Naming::CamelCase, str::to_owned), camel, "{name}");
            assert_eq!(with_name(name, Naming::PascalCase, str::to_owned), name, "{name}");
        }
        let long = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ";
        assert_eq!(with_name(long, Naming::CamelCase, str::to_owned), long.to_ascii_lowercase());
    }
}

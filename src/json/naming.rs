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
const fn lowered_prefix(name: &[u8]) -> usize {
    let mut i = 0;
    while i < name.len() {
        let next_is_upper = i + 1 >= name.len() || name[i + 1].is_ascii_uppercase();
        if name[i].is_ascii_uppercase() && (i == 0 || next_is_upper) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// [`camel_case`] at compile time, as bytes: `N` must be `name.len()` (longer arrays are
/// padded with zeros, shorter ones cut the name). The `contract!` macro stores each
/// member's camelCase name with this, so encoding never converts a name.
///
/// ```
/// use evovoice_contracts::json::camel_case_bytes;
///
/// const CAMEL: [u8; 8] = camel_case_bytes::<8>("URLValue");
/// assert_eq!(&CAMEL, b"urlValue");
/// ```
pub const fn camel_case_bytes<const N: usize>(name: &str) -> [u8; N] {
    let bytes = name.as_bytes();
    let lowered = lowered_prefix(bytes);
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N && i < bytes.len() {
        out[i] = if i < lowered { bytes[i].to_ascii_lowercase() } else { bytes[i] };
        i += 1;
    }
    out
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
            assert_eq!(camel_case_bytes::<64>(name)[..name.len()], *camel.as_bytes(), "{name}");
        }
    }

    #[test]
    fn every_declared_member_has_its_camel_name() {
        use crate::contract::Contract;
        use crate::document::DocumentKind;
        for kind in DocumentKind::ALL {
            for member in kind.info().members() {
                assert_eq!(member.info().camel_name(), camel_case(member.name()), "{}.{}", kind, member.name());
            }
        }
        assert_eq!(crate::sessions::SessionInfo::info().member("DialState").unwrap().info().camel_name(), "dialState");
    }
}

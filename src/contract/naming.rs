//! Member names in the other casings the wire formats use.

/// A member name in ServiceStack.Text's camelCase: the leading run of ASCII capitals is
/// lowered, except the last capital of a run that a lowercase letter follows (it starts
/// the next word). Only `A`–`Z` change, as in ServiceStack's `ToCamelCase`. The
/// declarations use the compile-time [`camel_case_bytes`]; this is its check.
#[cfg(test)]
pub(crate) fn camel_case(name: &str) -> std::borrow::Cow<'_, str> {
    let lowered = lowered_prefix(name.as_bytes());
    if lowered == 0 {
        return std::borrow::Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len());
    // The prefix is ASCII capitals, so splitting there is on a character boundary.
    out.extend(name[..lowered].chars().map(|c| c.to_ascii_lowercase()));
    out.push_str(&name[lowered..]);
    std::borrow::Cow::Owned(out)
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

/// `camel_case` at compile time, as bytes: `N` must be `name.len()` (longer arrays are
/// padded with zeros, shorter ones cut the name). The `contract!` macro stores each
/// member's camelCase name with this, so encoding never converts a name.
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
    use super::camel_case;

    #[test]
    fn camel_case_is_servicestacks() {
        assert_eq!(camel_case("DialState"), "dialState");
        assert_eq!(camel_case("Id"), "id");
        assert_eq!(camel_case("URLX"), "urlx");
        assert_eq!(camel_case("URLValue"), "urlValue");
        assert_eq!(camel_case("already"), "already");
        const CAMEL: [u8; 8] = super::camel_case_bytes::<8>("URLValue");
        assert_eq!(&CAMEL, b"urlValue");
    }
}

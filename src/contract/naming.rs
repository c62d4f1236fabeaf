//! Member names in the other casings the wire formats use.

/// ServiceStack.Text's camelCase of a declared name: the leading run of capitals is
/// lowered, all but its last letter when a lowercase letter follows the run.
///
/// ```
/// use evovoice_contracts::contract::camel_case;
///
/// assert_eq!(camel_case("CallSid"), "callSid");
/// assert_eq!(camel_case("Id"), "id");
/// assert_eq!(camel_case("URLX"), "urlx");
/// assert_eq!(camel_case("URLValue"), "urlValue");
/// ```
pub fn camel_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut leading = true;
    for (i, &c) in chars.iter().enumerate() {
        let next_upper = chars.get(i + 1).is_none_or(char::is_ascii_uppercase);
        if leading && c.is_ascii_uppercase() && (next_upper || i == 0) {
            out.push(c.to_ascii_lowercase());
        } else {
            leading = false;
            out.push(c);
        }
    }
    out
}

//! Member names as ServiceStack.Text writes them.

/// How member names are written.
///
/// ```
/// use evovoice_contracts::json::{self, JsonOptions, Naming};
/// use evovoice_contracts::sessions::SessionLogInfo;
///
/// let mut log = SessionLogInfo::default();
/// log.date = Some("today".into());
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

#[cfg(test)]
mod tests {
    use crate::contract::{camel_case, camel_case_bytes};

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

//! XML Schema of the contracts, as .NET's `XsdDataContractExporter` gives it: one schema
//! per namespace, the same types, elements, `minOccurs`, `nillable`, enumerations,
//! `ArrayOf…` types and dictionary, written the way .NET writes them. Two differences:
//! each `xs:import` has a `schemaLocation` (the file written for that namespace), so that
//! the set resolves from disk; and an index schema, [`INDEX_FILE`], imports them all, so
//! that one file validates a document of any of the contracts.
//!
//! ```
//! use evovoice_contracts::schema::{operation_contracts, xsd};
//!
//! let files = xsd::files(&operation_contracts());
//! let portal = files.iter().find(|f| f.file_name == "schemas.datacontract.org.2004.07.Voice.Api.App.Portal.xsd").unwrap();
//! assert!(portal.text.contains(r#"<xs:element minOccurs="0" name="StartDate" nillable="true" type="xs:string" />"#));
//! assert_eq!(files.last().unwrap().file_name, xsd::INDEX_FILE);
//! ```

use super::own_wire_members;
use crate::contract::{ContractInfo, EnumInfo, MemberKind, ARRAYS_NAMESPACE};
use crate::document::DocumentKind;
use std::fmt::Write as _;

/// The name of the index schema that imports every other one.
pub const INDEX_FILE: &str = "all.xsd";

/// The namespace of .NET's serialization primitives, whose schema every export includes.
pub const SERIALIZATION_NAMESPACE: &str = "http://schemas.microsoft.com/2003/10/Serialization/";

/// The schema .NET's exporter adds to every export: its primitives and attributes.
const SERIALIZATION_SCHEMA: &str = include_str!("serialization.xsd");

const DICTIONARY_NAME: &str = "ArrayOfKeyValueOfstringstring";

/// One schema file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaFile {
    /// The target namespace (empty for the index).
    pub namespace: String,
    /// The file name: the namespace with `/` as `.`, as `svcutil` names them.
    pub file_name: String,
    /// The schema document.
    pub text: String,
}

/// The schemas for `roots` and every type they refer to: .NET's serialization schema, one
/// schema per namespace in the order .NET's exporter gives them, then the index.
pub fn files(roots: &[DocumentKind]) -> Vec<SchemaFile> {
    let mut schemas = Vec::new();
    for root in roots {
        visit(Type::Class(root.info()), &mut schemas);
    }
    let mut files = vec![SchemaFile {
        namespace: SERIALIZATION_NAMESPACE.into(),
        file_name: file_name(SERIALIZATION_NAMESPACE),
        text: SERIALIZATION_SCHEMA.into(),
    }];
    files.extend(schemas.iter().map(|schema| SchemaFile {
        namespace: schema.namespace.into(),
        file_name: file_name(schema.namespace),
        text: schema_text(schema),
    }));
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    index.push_str("<xs:schema elementFormDefault=\"qualified\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n");
    for file in &files {
        import(&mut index, &file.namespace);
    }
    index.push_str("</xs:schema>\n");
    files.push(SchemaFile { namespace: String::new(), file_name: INDEX_FILE.into(), text: index });
    files
}

/// The file name of a namespace's schema: `http://schemas.datacontract.org/2004/07/Voice.Api`
/// is `schemas.datacontract.org.2004.07.Voice.Api.xsd`.
pub fn file_name(namespace: &str) -> String {
    let bare = namespace.split_once("://").map_or(namespace, |(_, rest)| rest);
    let mut name: String = bare
        .trim_end_matches('/')
        .chars()
        .map(|c| match c {
            '/' => '.',
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') => c,
            _ => '_',
        })
        .collect();
    name.push_str(".xsd");
    name
}

/// A type that gets a definition in a schema.
#[derive(Clone, Copy)]
enum Type {
    Class(&'static ContractInfo),
    /// `ArrayOf{item}`, in the item's namespace.
    List(&'static ContractInfo),
    Enum(&'static EnumInfo),
    /// `Dictionary<string,string>`.
    Dictionary,
}

impl Type {
    fn of(kind: MemberKind) -> Option<Type> {
        match kind {
            MemberKind::String | MemberKind::Bool => None,
            MemberKind::Enum(info) => Some(Type::Enum(info())),
            MemberKind::List(item) => Some(Type::List(item())),
            MemberKind::Dictionary => Some(Type::Dictionary),
            MemberKind::Object(info) => Some(Type::Class(info())),
        }
    }

    fn namespace(self) -> &'static str {
        match self {
            Type::Class(info) | Type::List(info) => info.namespace(),
            Type::Enum(info) => info.namespace(),
            Type::Dictionary => ARRAYS_NAMESPACE,
        }
    }

    fn name(self) -> String {
        match self {
            Type::Class(info) => info.name().into(),
            Type::List(item) => format!("ArrayOf{}", item.name()),
            Type::Enum(info) => info.name().into(),
            Type::Dictionary => DICTIONARY_NAME.into(),
        }
    }
}

struct Schema {
    namespace: &'static str,
    types: Vec<Type>,
}

/// Adds `ty` to its namespace's schema, then what it refers to, depth first: the order in
/// which .NET's exporter lists schemas and types.
fn visit(ty: Type, schemas: &mut Vec<Schema>) {
    let namespace = ty.namespace();
    let index = match schemas.iter().position(|s| s.namespace == namespace) {
        Some(index) => index,
        None => {
            schemas.push(Schema { namespace, types: Vec::new() });
            schemas.len() - 1
        }
    };
    let name = ty.name();
    if schemas[index].types.iter().any(|t| t.name() == name) {
        return;
    }
    schemas[index].types.push(ty);
    match ty {
        Type::Class(info) => {
            if let Some(base) = info.base() {
                visit(Type::Class(base), schemas);
            }
            for member in own_wire_members(info) {
                if let Some(ty) = Type::of(member.kind()) {
                    visit(ty, schemas);
                }
            }
        }
        Type::List(item) => visit(Type::Class(item), schemas),
        Type::Enum(_) | Type::Dictionary => {}
    }
}

fn schema_text(schema: &Schema) -> String {
    let ns = schema.namespace;
    let mut w = Writer { out: String::new(), namespace: ns, prefixes: 0 };
    w.out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        w.out,
        "<xs:schema xmlns:tns=\"{ns}\" elementFormDefault=\"qualified\" targetNamespace=\"{ns}\" \
         xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">",
        ns = escape(ns)
    );
    for imported in imports(schema) {
        import(&mut w.out, imported);
    }
    for ty in &schema.types {
        match *ty {
            Type::Class(info) => w.class(info),
            Type::List(item) => w.list(item),
            Type::Enum(info) => w.enumeration(info),
            Type::Dictionary => w.dictionary(),
        }
        let name = ty.name();
        let _ = writeln!(w.out, "  <xs:element name=\"{name}\" nillable=\"true\" type=\"tns:{name}\" />");
    }
    w.out.push_str("</xs:schema>\n");
    w.out
}

/// The namespaces a schema refers to: for each class, its members' types, then its base.
fn imports(schema: &Schema) -> Vec<&'static str> {
    let mut imports = Vec::new();
    let mut add = |ns: &'static str| {
        if ns != schema.namespace && !imports.contains(&ns) {
            imports.push(ns);
        }
    };
    for ty in &schema.types {
        if let Type::Class(info) = ty {
            own_wire_members(info).filter_map(|m| Type::of(m.kind())).for_each(|t| add(t.namespace()));
            if let Some(base) = info.base() {
                add(base.namespace());
            }
        }
    }
    imports
}

fn import(out: &mut String, namespace: &str) {
    if namespace.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "  <xs:import namespace=\"{}\" schemaLocation=\"{}\" />",
        escape(namespace),
        escape(&file_name(namespace))
    );
}

struct Writer {
    out: String,
    namespace: &'static str,
    /// The prefixes `q1`, `q2`… declared so far: .NET declares a fresh one on each
    /// element that names a type of another namespace.
    prefixes: usize,
}

impl Writer {
    /// ` xmlns:qN="…"` (or nothing) and the qualified name of type `local` in `namespace`.
    fn qualified(&mut self, namespace: &str, local: &str) -> (String, String) {
        if namespace == self.namespace {
            return (String::new(), format!("tns:{local}"));
        }
        self.prefixes += 1;
        let n = self.prefixes;
        (format!(" xmlns:q{n}=\"{}\"", escape(namespace)), format!("q{n}:{local}"))
    }

    fn class(&mut self, info: &ContractInfo) {
        let _ = writeln!(self.out, "  <xs:complexType name=\"{}\">", info.name());
        let mut indent = "    ";
        if let Some(base) = info.base() {
            let (declaration, qname) = self.qualified(base.namespace(), base.name());
            self.out.push_str("    <xs:complexContent mixed=\"false\">\n");
            let _ = writeln!(self.out, "      <xs:extension{declaration} base=\"{qname}\">");
            indent = "        ";
        }
        let mut members = own_wire_members(info).peekable();
        if members.peek().is_none() {
            let _ = writeln!(self.out, "{indent}<xs:sequence />");
        } else {
            let _ = writeln!(self.out, "{indent}<xs:sequence>");
            for member in members {
                let nillable = if member.kind().is_nullable() { " nillable=\"true\"" } else { "" };
                let (declaration, qname) = match Type::of(member.kind()) {
                    None if matches!(member.kind(), MemberKind::Bool) => (String::new(), "xs:boolean".into()),
                    None => (String::new(), "xs:string".into()),
                    Some(ty) => self.qualified(ty.namespace(), &ty.name()),
                };
                let _ = writeln!(
                    self.out,
                    "{indent}  <xs:element minOccurs=\"0\" name=\"{}\"{nillable}{declaration} type=\"{qname}\" />",
                    member.name()
                );
            }
            let _ = writeln!(self.out, "{indent}</xs:sequence>");
        }
        if info.base().is_some() {
            self.out.push_str("      </xs:extension>\n    </xs:complexContent>\n");
        }
        self.out.push_str("  </xs:complexType>\n");
    }

    fn list(&mut self, item: &ContractInfo) {
        let name = item.name();
        let _ = writeln!(self.out, "  <xs:complexType name=\"ArrayOf{name}\">\n    <xs:sequence>");
        let _ = writeln!(
            self.out,
            "      <xs:element minOccurs=\"0\" maxOccurs=\"unbounded\" name=\"{name}\" nillable=\"true\" type=\"tns:{name}\" />"
        );
        self.out.push_str("    </xs:sequence>\n  </xs:complexType>\n");
    }

    fn enumeration(&mut self, info: &EnumInfo) {
        let _ =
            writeln!(self.out, "  <xs:simpleType name=\"{}\">\n    <xs:restriction base=\"xs:string\">", info.name());
        for (index, (name, value)) in info.members().iter().enumerate() {
            if i64::try_from(index).ok() == Some(*value) {
                let _ = writeln!(self.out, "      <xs:enumeration value=\"{name}\" />");
            } else {
                // .NET notes a value that is not the member's position.
                let _ = writeln!(self.out, "      <xs:enumeration value=\"{name}\">");
                self.out.push_str("        <xs:annotation>\n          <xs:appinfo>\n");
                let _ = writeln!(
                    self.out,
                    "            <EnumerationValue xmlns=\"{SERIALIZATION_NAMESPACE}\">{value}</EnumerationValue>"
                );
                self.out.push_str("          </xs:appinfo>\n        </xs:annotation>\n      </xs:enumeration>\n");
            }
        }
        self.out.push_str("    </xs:restriction>\n  </xs:simpleType>\n");
    }

    fn dictionary(&mut self) {
        let _ = writeln!(self.out, "  <xs:complexType name=\"{DICTIONARY_NAME}\">");
        self.out.push_str("    <xs:annotation>\n      <xs:appinfo>\n");
        let _ = writeln!(self.out, "        <IsDictionary xmlns=\"{SERIALIZATION_NAMESPACE}\">true</IsDictionary>");
        self.out.push_str(concat!(
            "      </xs:appinfo>\n",
            "    </xs:annotation>\n",
            "    <xs:sequence>\n",
            "      <xs:element minOccurs=\"0\" maxOccurs=\"unbounded\" name=\"KeyValueOfstringstring\">\n",
            "        <xs:complexType>\n",
            "          <xs:sequence>\n",
            "            <xs:element name=\"Key\" nillable=\"true\" type=\"xs:string\" />\n",
            "            <xs:element name=\"Value\" nillable=\"true\" type=\"xs:string\" />\n",
            "          </xs:sequence>\n",
            "        </xs:complexType>\n",
            "      </xs:element>\n",
            "    </xs:sequence>\n",
            "  </xs:complexType>\n",
        ));
    }
}

/// Escapes an attribute value.
fn escape(value: &str) -> String {
    value.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_values_off_their_position_are_annotated() {
        static INFO: EnumInfo = EnumInfo::new("Odd", "urn:x", &[("A", 0), ("B", 5)]);
        let mut w = Writer { out: String::new(), namespace: "urn:x", prefixes: 0 };
        w.enumeration(&INFO);
        assert!(w.out.contains("<xs:enumeration value=\"A\" />"));
        assert!(w.out.contains(
            "<EnumerationValue xmlns=\"http://schemas.microsoft.com/2003/10/Serialization/\">5</EnumerationValue>"
        ));
    }

    #[test]
    fn file_names_follow_the_namespace() {
        assert_eq!(file_name(ARRAYS_NAMESPACE), "schemas.microsoft.com.2003.10.Serialization.Arrays.xsd");
        assert_eq!(file_name(SERIALIZATION_NAMESPACE), "schemas.microsoft.com.2003.10.Serialization.xsd");
        assert_eq!(file_name("urn:a b"), "urn_a_b.xsd");
    }
}

//! The integration tests of the library, in one binary, a module per concern.

mod common;

mod dotnet_differential;
mod dotnet_edits;
mod dotnet_validate;
mod hostile_json;
mod hostile_xml;
mod json_dotnet;
mod json_escaping;
mod json_fixtures;
mod json_http;
mod json_reading;
mod json_roundtrip;
mod json_schema;
mod json_stream;
mod layers;
mod one_reading;
mod predictive_vs_general;
mod reuse;
mod testkit_arbitrary;
mod testkit_generate;
mod testkit_http;
mod validate_json;
mod validate_xml;
mod xml_encodings;
mod xml_fixtures;
mod xml_reader;
mod xml_rewritten;
mod xml_roundtrip;
mod xml_stream;
mod xsd;

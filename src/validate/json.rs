//! Validating JSON: the JSON decoder, run with a sink, does the work (as the XML decoder
//! does for XML), so that a document validates clean exactly when it decodes.

use super::ValidateOptions;
use crate::diagnostic::{Code, Finding};
use crate::document::{Document, DocumentKind};
use crate::json;

pub(super) fn validate(bytes: &[u8], options: &ValidateOptions, sink: &mut dyn FnMut(Finding)) {
    // The contract: the one named, or the one `Document::from_json` would choose.
    let kinds = match &options.root {
        Some(kind) => std::slice::from_ref(kind),
        None => DocumentKind::DETECTED_IN_JSON,
    };
    let mut documents: Vec<Document> = kinds.iter().map(|kind| kind.default_document()).collect();
    let chosen = {
        let candidates: Vec<&mut dyn crate::contract::Object> =
            documents.iter_mut().map(Document::as_object_mut).collect();
        json::choose(bytes, &candidates)
    };
    let value = documents[chosen].as_object_mut();
    if let Err(error) = json::decode_reporting(bytes, value, &options.read, sink) {
        sink(super::stopped_at(&error, Code::MalformedJson, "ServiceStack"));
    }
}

//! Walking a value of the model by hand, for the helpers that rewrite values: what every
//! dictionary holds, which enum names are known.

use evovoice_contracts::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use evovoice_contracts::customers::CustomerBreadcrumb;
use evovoice_contracts::document::Document;
use evovoice_contracts::servicestack::{ErrorResponse, ResponseError, ResponseStatus};
use evovoice_contracts::sessions::{SessionInfo, SessionLogInfo, SessionMemberInfo};
use evovoice_contracts::{Dictionary, EntityInfo};

/// A value whose dictionaries and enums can be reached.
pub trait Tree {
    /// Calls `f` on every non-null dictionary, however deep.
    fn dictionaries(&mut self, f: &mut dyn FnMut(&mut Dictionary));
    /// Replaces every enum name the crate does not know with the enum's zero member.
    fn known_enums_only(&mut self);
}

fn each<T: Tree>(list: &mut Option<Vec<T>>, f: &mut dyn FnMut(&mut T)) {
    list.iter_mut().flatten().for_each(f);
}

macro_rules! leaf {
    ($($ty:ty),*) => {$(
        impl Tree for $ty {
            fn dictionaries(&mut self, _: &mut dyn FnMut(&mut Dictionary)) {}
            fn known_enums_only(&mut self) {}
        }
    )*};
}
leaf!(EntityInfo, SessionLogInfo, CustomerBreadcrumb, AppGetActiveSessions);

macro_rules! known {
    ($($field:expr),*) => {$(
        if !$field.is_known() {
            $field = Default::default();
        }
    )*};
}

impl Tree for SessionMemberInfo {
    fn dictionaries(&mut self, f: &mut dyn FnMut(&mut Dictionary)) {
        self.application_data.iter_mut().for_each(f);
    }
    fn known_enums_only(&mut self) {
        known!(self.call_state, self.role);
    }
}

impl Tree for SessionInfo {
    fn dictionaries(&mut self, f: &mut dyn FnMut(&mut Dictionary)) {
        each(&mut self.members, &mut |m| m.dictionaries(f));
    }
    fn known_enums_only(&mut self) {
        known!(self.dial_state, self.call_state, self.queue_state, self.channel, self.hold_reason, self.direction);
        each(&mut self.members, &mut |m| m.known_enums_only());
    }
}

impl Tree for AppGetActiveSessionsResult {
    fn dictionaries(&mut self, f: &mut dyn FnMut(&mut Dictionary)) {
        each(&mut self.sessions, &mut |s| s.dictionaries(f));
    }
    fn known_enums_only(&mut self) {
        each(&mut self.sessions, &mut |s| s.known_enums_only());
    }
}

impl Tree for ResponseError {
    fn dictionaries(&mut self, f: &mut dyn FnMut(&mut Dictionary)) {
        self.meta.iter_mut().for_each(f);
    }
    fn known_enums_only(&mut self) {}
}

impl Tree for ResponseStatus {
    fn dictionaries(&mut self, f: &mut dyn FnMut(&mut Dictionary)) {
        self.meta.iter_mut().for_each(&mut *f);
        each(&mut self.errors, &mut |e| e.dictionaries(f));
    }
    fn known_enums_only(&mut self) {}
}

impl Tree for ErrorResponse {
    fn dictionaries(&mut self, f: &mut dyn FnMut(&mut Dictionary)) {
        self.response_status.iter_mut().for_each(|s| s.dictionaries(f));
    }
    fn known_enums_only(&mut self) {}
}

impl Tree for Document {
    fn dictionaries(&mut self, f: &mut dyn FnMut(&mut Dictionary)) {
        self.as_tree().dictionaries(f)
    }
    fn known_enums_only(&mut self) {
        self.as_tree().known_enums_only()
    }
}

/// The document's value as a [`Tree`].
trait AsTree {
    fn as_tree(&mut self) -> &mut dyn Tree;
}

impl AsTree for Document {
    fn as_tree(&mut self) -> &mut dyn Tree {
        match self {
            Document::AppGetActiveSessionsResult(v) => v,
            Document::AppGetActiveSessions(v) => v,
            Document::ErrorResponse(v) => v,
            Document::SessionInfo(v) => v,
            Document::SessionLogInfo(v) => v,
            Document::SessionMemberInfo(v) => v,
            Document::CustomerBreadcrumb(v) => v,
            Document::EntityInfo(v) => v,
            Document::ResponseStatus(v) => v,
            Document::ResponseError(v) => v,
            other => panic!("no tree for {:?}", other.kind()),
        }
    }
}

//! Per-contract plans for the JSON writer: each member's `,"name":` worked out once.
//!
//! ServiceStack.Text writes members in declaration order under fixed names, so the bytes
//! before each value are known per contract and naming. The writer copies them instead of
//! choosing the name and writing the quotes, colon and comma piece by piece. Nested
//! contracts are planned on first use (contract trees could nest without end), then kept.

use super::Naming;
use crate::contract::{made_once, ContractInfo, MadeOnce, MemberKind, Slot};
use crate::piece::Piece;
use std::sync::OnceLock;

/// One contract's members, in the order ServiceStack writes them.
#[derive(Debug)]
pub(super) struct ObjectPlan {
    /// The members, in .NET declaration order.
    pub(super) members: Box<[MemberPlan]>,
}

/// One member: its slot, its key, and the plan of the contract inside it, if any.
#[derive(Debug)]
pub(super) struct MemberPlan {
    /// Where [`Object::field`](crate::contract::Object::field) finds the value.
    pub(super) slot: Slot,
    /// `,"name":`.
    pub(super) key: Piece,
    /// `"name":`, for the first member written.
    pub(super) first_key: Piece,
    inner: Option<(&'static ContractInfo, Naming, OnceLock<Box<ObjectPlan>>)>,
}

impl MemberPlan {
    /// The plan of the list items' or nested contract's members.
    pub(super) fn inner(&self) -> Option<&ObjectPlan> {
        let (info, naming, plan) = self.inner.as_ref()?;
        Some(plan.get_or_init(|| Box::new(ObjectPlan::new(info, *naming))))
    }
}

impl ObjectPlan {
    fn new(info: &'static ContractInfo, naming: Naming) -> Self {
        let members = info
            .declaration_members()
            .iter()
            .map(|member| {
                let name = match naming {
                    Naming::CamelCase => member.info().camel_name(),
                    Naming::PascalCase => member.name(),
                };
                // Member names are .NET identifiers: nothing in them needs escaping.
                let key = [b",\"", name.as_bytes(), b"\":"].concat();
                let first_key = Piece::new(&key[1..]);
                let key = Piece::new(&key);
                let inner = match member.kind() {
                    MemberKind::List(item) | MemberKind::Object(item) => Some((item(), naming, OnceLock::new())),
                    _ => None,
                };
                MemberPlan { slot: member.slot(), key, first_key, inner }
            })
            .collect();
        ObjectPlan { members }
    }
}

/// The plan of `info` under `naming`: made on first use, then kept (a handful of
/// contracts, two namings).
pub(super) fn root(info: &'static ContractInfo, naming: Naming) -> &'static ObjectPlan {
    static PLANS: MadeOnce<Naming, ObjectPlan> = MadeOnce::new(Vec::new());
    made_once(&PLANS, info, naming, || ObjectPlan::new(info, naming))
}

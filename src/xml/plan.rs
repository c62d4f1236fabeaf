//! Per-contract plans for the XML encoder: every tag of a document, worked out once.
//!
//! A plan follows the contract tree from the root: for each member at each position, the
//! [`ElementForms`] (start and end tags with their prefixes and declarations, the empty and
//! `i:nil` forms) and, for lists, dictionaries and nested contracts, the plan of what goes
//! inside. Positions below a member are planned on first use (contract trees could nest
//! without end), then kept for every later document, per dialect.

use crate::contract::{made_once, ContractInfo, MadeOnce, MemberKind, Slot, ARRAYS_NAMESPACE};
use crate::dcxml::template::{Declare, ElementForms, Scope, ROOT_DECLARE};
use crate::dcxml::Dialect;
use crate::piece::Piece;
use std::sync::atomic::AtomicUsize;
use std::sync::OnceLock;

/// One contract's element at one position, with the plan of its members.
#[derive(Debug)]
pub(super) struct ElementPlan {
    /// The contract's own element.
    pub(super) forms: ElementForms,
    /// Its members, in the order DataContractSerializer writes them.
    pub(super) members: Members,
    /// The size of the last document written with this plan as its root, which the
    /// encoder reserves (with some room) before the next one.
    pub(super) last_size: AtomicUsize,
}

/// The members of one contract at one position, in the order DataContractSerializer
/// writes them, and the namespace bindings their expected forms rely on.
#[derive(Debug)]
pub(super) struct Members {
    list: Box<[MemberPlan]>,
    requires: Box<[(Box<str>, &'static str)]>,
}

impl std::ops::Deref for Members {
    type Target = [MemberPlan];
    fn deref(&self) -> &[MemberPlan] {
        &self.list
    }
}

impl Members {
    /// The bindings (prefix, namespace) that must hold inside the contract's element for
    /// its members' expected forms to mean what they meant where the plan was made.
    pub(super) fn requires(&self) -> impl Iterator<Item = (&str, &'static str)> {
        self.requires.iter().map(|(p, ns)| (&**p, *ns))
    }
}

/// One member at one position.
#[derive(Debug)]
pub(super) struct MemberPlan {
    /// Where [`Object::field`](crate::contract::Object::field) finds the value.
    pub(super) slot: Slot,
    /// The wire name, for the member path of an error.
    pub(super) name: &'static str,
    /// The member's element.
    pub(super) forms: ElementForms,
    /// For `bool` members: the whole element holding `false`, then `true`.
    pub(super) bools: [Piece; 2],
    /// The forms again, the end tag of the member before this one in front.
    pub(super) joined: Joined,
    inside: Inside,
}

/// A member's forms with the end tag of the member before it in front, for the encoder to
/// write when that end tag is still owed. Hand-tuned: the two tags go out as one piece, one
/// copy where there were two.
#[derive(Debug)]
pub(super) struct Joined {
    /// End tag and start tag.
    pub(super) open: Piece,
    /// End tag and the empty form.
    pub(super) empty: Piece,
    /// End tag and the `i:nil` form.
    pub(super) nil: Piece,
    /// End tag and the empty-string form.
    pub(super) empty_text: Piece,
    /// End tag and the whole element holding `false`, then `true`.
    pub(super) bools: [Piece; 2],
}

impl Joined {
    fn new(before: &[u8], forms: &ElementForms, bools: &[Piece; 2]) -> Self {
        let join = |piece: &Piece| Piece::new(&[before, piece.as_bytes()].concat());
        Joined {
            open: join(&forms.open),
            empty: join(&forms.empty),
            nil: join(&forms.nil),
            empty_text: join(&forms.empty_text),
            bools: [join(&bools[0]), join(&bools[1])],
        }
    }
}

/// What a member's element may hold besides text.
#[derive(Debug)]
enum Inside {
    Text,
    /// List items: the item contract, the scope inside the member's element, and the
    /// items' plan once made.
    List(&'static ContractInfo, Scope, OnceLock<Box<ElementPlan>>),
    /// A nested contract, whose members go straight into the member's element.
    Object(&'static ContractInfo, Scope, OnceLock<Members>),
    Dictionary(Scope, OnceLock<Box<EntryPlan>>),
}

/// A dictionary entry: `KeyValueOfstringstring` with its `Key` and `Value`.
#[derive(Debug)]
pub(super) struct EntryPlan {
    /// `KeyValueOfstringstring`.
    pub(super) entry: ElementForms,
    /// `Key`, inside it.
    pub(super) key: ElementForms,
    /// `Value`, inside it.
    pub(super) value: ElementForms,
}

impl MemberPlan {
    /// The plan of a list's items.
    pub(super) fn items(&self) -> Option<&ElementPlan> {
        match &self.inside {
            Inside::List(info, scope, plan) => Some(plan.get_or_init(|| Box::new(ElementPlan::new(info, scope)))),
            _ => None,
        }
    }

    /// The plan of a nested contract's members.
    pub(super) fn object(&self) -> Option<&Members> {
        match &self.inside {
            Inside::Object(info, scope, plan) => Some(plan.get_or_init(|| members(info, scope))),
            _ => None,
        }
    }

    /// The plan of a dictionary's entries.
    pub(super) fn entries(&self) -> Option<&EntryPlan> {
        match &self.inside {
            Inside::Dictionary(scope, plan) => Some(plan.get_or_init(|| {
                let (entry, inside) = scope.element("KeyValueOfstringstring", ARRAYS_NAMESPACE, Declare::Nothing);
                let (key, _) = inside.element("Key", ARRAYS_NAMESPACE, Declare::Nothing);
                let (value, _) = inside.element("Value", ARRAYS_NAMESPACE, Declare::Nothing);
                Box::new(EntryPlan { entry, key, value })
            })),
            _ => None,
        }
    }
}

impl ElementPlan {
    /// The plan of `info`'s element written in `scope`, its members planned inside it.
    fn new(info: &'static ContractInfo, scope: &Scope) -> Self {
        let (forms, inside) = scope.element(info.name(), info.namespace(), Declare::Nothing);
        ElementPlan { forms, members: members(info, &inside), last_size: AtomicUsize::new(0) }
    }
}

fn members(info: &'static ContractInfo, scope: &Scope) -> Members {
    let mut close_before: Box<[u8]> = Box::default();
    let list: Box<[MemberPlan]> = info
        .wire_members()
        .iter()
        .map(|member| {
            let kind = member.kind();
            // DataContractSerializer declares the namespace of a member's type on the
            // member's element when it differs from the declaring contract's.
            let declare = match kind.type_namespace() {
                Some(ns) if ns != member.namespace() => Declare::Namespace(ns),
                _ => Declare::Nothing,
            };
            let (forms, inner) = scope.element(member.name(), member.namespace(), declare);
            let inside = match kind {
                MemberKind::Object(item) => Inside::Object(item(), inner, OnceLock::new()),
                MemberKind::List(item) => Inside::List(item(), inner, OnceLock::new()),
                MemberKind::Dictionary => Inside::Dictionary(inner, OnceLock::new()),
                _ => Inside::Text,
            };
            let whole = |text: &[u8]| Piece::new(&[forms.open.as_bytes(), text, forms.close.as_bytes()].concat());
            let bools = [whole(b"false"), whole(b"true")];
            let joined = Joined::new(&close_before, &forms, &bools);
            close_before = forms.close.as_bytes().into();
            MemberPlan { slot: member.slot(), name: member.name(), forms, bools, joined, inside }
        })
        .collect();
    let mut requires: Vec<(Box<str>, &'static str)> = Vec::new();
    for expected in list.iter().filter_map(|m| m.forms.expected.as_ref()) {
        for (prefix, namespace) in expected.requires() {
            if !requires.iter().any(|(p, ns)| **p == *prefix && *ns == namespace) {
                requires.push((prefix.into(), namespace));
            }
        }
    }
    Members { list, requires: requires.into() }
}

/// The plan of a document whose root is `info`, in `dialect`: made on first use, then
/// kept (a handful of contracts, two dialects).
pub(super) fn root(info: &'static ContractInfo, dialect: Dialect) -> &'static ElementPlan {
    static PLANS: MadeOnce<Dialect, ElementPlan> = MadeOnce::new(Vec::new());
    made_once(&PLANS, info, dialect, || {
        let (forms, inside) = Scope::document(dialect).element(info.name(), info.namespace(), ROOT_DECLARE);
        ElementPlan { forms, members: members(info, &inside), last_size: AtomicUsize::new(0) }
    })
}

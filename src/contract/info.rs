//! Static descriptors: contracts, members and enums.

use std::sync::OnceLock;

/// The index of a member within its contract, counting the base contract's members first
/// (in their declaration order), then the contract's own.
pub type Slot = usize;

/// The DataContract namespace .NET gives to `Dictionary<string,string>` and other
/// collections of primitives.
pub const ARRAYS_NAMESPACE: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";

/// The shape of a member's value, which decides how each format carries it.
#[derive(Clone, Copy, Debug)]
pub enum MemberKind {
    /// `string`: may be null.
    String,
    /// `bool`: never null.
    Bool,
    /// An enum: never null, written by member name.
    Enum(fn() -> &'static EnumInfo),
    /// `List<T>` of a contract type: may be null.
    List(fn() -> &'static ContractInfo),
    /// `Dictionary<string,string>`: may be null; values may be null, keys may not.
    Dictionary,
    /// A member whose type is another contract: may be null.
    Object(fn() -> &'static ContractInfo),
}

impl MemberKind {
    /// Whether a value of this kind can be null.
    pub fn is_nullable(&self) -> bool {
        !matches!(self, MemberKind::Bool | MemberKind::Enum(_))
    }

    /// The contract namespace of the member's type, for kinds that have one of their own
    /// (lists, dictionaries and nested contracts).
    pub fn type_namespace(&self) -> Option<&'static str> {
        match self {
            MemberKind::List(item) | MemberKind::Object(item) => Some(item().namespace()),
            MemberKind::Dictionary => Some(ARRAYS_NAMESPACE),
            _ => None,
        }
    }
}

/// One member as declared on its contract.
#[derive(Debug)]
pub struct MemberInfo {
    name: &'static str,
    camel_name: &'static str,
    kind: MemberKind,
    order: i32,
    description: &'static str,
}

impl MemberInfo {
    /// Declares a member. `camel_name` is `name` as ServiceStack.Text's camelCase writes
    /// it ([`camel_case_bytes`](super::camel_case_bytes); the `contract!` macro works it
    /// out at compile time); `order` is .NET's `DataMember.Order`, `-1` when unset.
    pub const fn new(
        name: &'static str,
        camel_name: &'static str,
        kind: MemberKind,
        order: i32,
        description: &'static str,
    ) -> Self {
        MemberInfo { name, camel_name, kind, order, description }
    }
    /// The wire name (.NET's property name).
    pub fn name(&self) -> &'static str {
        self.name
    }
    /// The wire name in camelCase, as ServiceStack.Text writes it when configured so
    /// (`DialState` → `dialState`).
    pub fn camel_name(&self) -> &'static str {
        self.camel_name
    }
    /// The shape of the value.
    pub fn kind(&self) -> MemberKind {
        self.kind
    }
    /// .NET's `DataMember.Order`, `-1` when unset.
    pub fn order(&self) -> i32 {
        self.order
    }
    /// The member's description as Evo's metadata gives it (may be empty).
    pub fn description(&self) -> &'static str {
        self.description
    }
}

/// A member together with where it sits: its slot and the namespace of the contract that
/// declares it (a base-class member keeps the base class's namespace).
#[derive(Clone, Copy, Debug)]
pub struct MemberRef {
    slot: Slot,
    level: usize,
    namespace: &'static str,
    info: &'static MemberInfo,
}

impl MemberRef {
    /// The slot to pass to [`Object::field`](super::Object::field).
    pub fn slot(&self) -> Slot {
        self.slot
    }
    /// The member's declaration.
    pub fn info(&self) -> &'static MemberInfo {
        self.info
    }
    /// The wire name.
    pub fn name(&self) -> &'static str {
        self.info.name
    }
    /// The shape of the value.
    pub fn kind(&self) -> MemberKind {
        self.info.kind
    }
    /// The namespace of the contract that declares the member.
    pub fn namespace(&self) -> &'static str {
        self.namespace
    }
    /// How many base classes up the declaring contract is counted from the root of the
    /// hierarchy (0 for the topmost base).
    pub fn level(&self) -> usize {
        self.level
    }
}

/// The descriptor of one contract: its wire name, namespace, base contract and members.
#[derive(Debug)]
pub struct ContractInfo {
    name: &'static str,
    namespace: &'static str,
    base: Option<fn() -> &'static ContractInfo>,
    own: &'static [MemberInfo],
    layout: OnceLock<Layout>,
}

#[derive(Debug)]
struct Layout {
    members: Vec<MemberRef>,
    wire: Vec<MemberRef>,
    declaration: Vec<MemberRef>,
}

impl ContractInfo {
    /// Declares a contract; `own` lists its own members in .NET declaration order.
    pub const fn new(
        name: &'static str,
        namespace: &'static str,
        base: Option<fn() -> &'static ContractInfo>,
        own: &'static [MemberInfo],
    ) -> Self {
        ContractInfo { name, namespace, base, own, layout: OnceLock::new() }
    }

    /// The wire name (.NET's class name).
    pub fn name(&self) -> &'static str {
        self.name
    }
    /// The XML namespace: `http://schemas.datacontract.org/2004/07/` + the .NET namespace,
    /// unless the contract names its own.
    pub fn namespace(&self) -> &'static str {
        self.namespace
    }
    /// The base contract, if the .NET class derives from one.
    pub fn base(&self) -> Option<&'static ContractInfo> {
        self.base.map(|b| b())
    }
    /// The contract's own members, in declaration order.
    pub fn own_members(&self) -> &'static [MemberInfo] {
        self.own
    }
    /// All members, base members included, by slot.
    pub fn members(&self) -> &[MemberRef] {
        &self.layout().members
    }
    /// The number of members, base members included.
    pub fn member_count(&self) -> usize {
        self.own.len() + self.base().map_or(0, ContractInfo::member_count)
    }
    /// All members in the order DataContractSerializer writes them: the base class's
    /// first; within a class, members without an explicit order sorted by ordinal name
    /// comparison, then those with one by order and name.
    pub fn wire_members(&self) -> &[MemberRef] {
        &self.layout().wire
    }
    /// All members in .NET declaration order as reflection lists them: the class's own
    /// first, then each base class's. ServiceStack.Text writes JSON in this order.
    pub fn declaration_members(&self) -> &[MemberRef] {
        &self.layout().declaration
    }
    /// Finds a member by its exact wire name.
    pub fn member(&self, name: &str) -> Option<&MemberRef> {
        self.members().iter().find(|m| m.name() == name)
    }

    fn layout(&self) -> &Layout {
        self.layout.get_or_init(|| {
            let mut chain = vec![self];
            while let Some(base) = chain.last().and_then(|c| c.base()) {
                chain.push(base);
            }
            chain.reverse();
            let mut members = Vec::new();
            for (level, contract) in chain.iter().enumerate() {
                for info in contract.own {
                    let slot = members.len();
                    members.push(MemberRef { slot, level, namespace: contract.namespace, info });
                }
            }
            let mut wire = members.clone();
            wire.sort_by(|a, b| {
                // DataContractSerializer's rule: base class first; then Order (-1, unset,
                // first); then string.CompareOrdinal of the names.
                (a.level, a.info.order, a.info.name.as_bytes()).cmp(&(b.level, b.info.order, b.info.name.as_bytes()))
            });
            let mut declaration = members.clone();
            declaration.sort_by_key(|m| std::cmp::Reverse(m.level));
            Layout { members, wire, declaration }
        })
    }
}

/// The descriptor of an enum contract: its wire name, namespace and members with their
/// numeric values.
#[derive(Debug)]
pub struct EnumInfo {
    name: &'static str,
    namespace: &'static str,
    members: &'static [(&'static str, i64)],
}

impl EnumInfo {
    /// Declares an enum contract.
    pub const fn new(name: &'static str, namespace: &'static str, members: &'static [(&'static str, i64)]) -> Self {
        EnumInfo { name, namespace, members }
    }
    /// The wire name.
    pub fn name(&self) -> &'static str {
        self.name
    }
    /// The XML namespace.
    pub fn namespace(&self) -> &'static str {
        self.namespace
    }
    /// The members with their values, in declaration order.
    pub fn members(&self) -> &'static [(&'static str, i64)] {
        self.members
    }

    /// Whether `text` could name a member of a .NET enum at all (an identifier), known to
    /// this one or not.
    pub fn is_possible_name(text: &str) -> bool {
        let mut chars = text.chars();
        matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
            && chars.all(|c| c.is_alphanumeric() || c == '_')
    }
}

#[cfg(test)]
mod tests {
    use super::EnumInfo;

    #[test]
    fn possible_names_are_identifiers() {
        assert!(EnumInfo::is_possible_name("Paused"));
        assert!(!EnumInfo::is_possible_name(" Ringing"));
        assert!(!EnumInfo::is_possible_name("1"));
    }
}

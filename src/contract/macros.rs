//! The declaration macros: one declaration per contract drives the Rust type, its
//! descriptor and, through the descriptor, every format.

/// Declares a contract class: the plain struct and its [`Contract`](crate::contract::Contract)
/// and [`Object`](crate::contract::Object) implementations. (serde's `Serialize` and
/// `Deserialize` are the JSON layer's, for every type of `crate::catalog`.)
///
/// ```text
/// contract! {
///     #[contract(name = "SessionLogInfo", namespace = ns::SESSIONS)]
///     /// Rust docs of the type.
///     pub struct SessionLogInfo {
///         /// Docs of the member (also its description in the schemas).
///         pub date: Option<String> => "Date",
///         #[order(1)]   // .NET's DataMember(Order = 1), where the contract sets one
///         pub message: Option<String> => "Message",
///     }
/// }
/// ```
///
/// Members are listed in .NET declaration order; the member's Rust type decides its
/// [`MemberKind`](crate::contract::MemberKind). A base class is named with
/// `base = field_name: BaseType` in the `#[contract]` line and becomes the struct's first
/// field.
macro_rules! contract {
    (
        #[contract(name = $wire:literal, namespace = $ns:expr $(, base = $base_field:ident : $base:ty)?)]
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[order($order:literal)])?
                pub $field:ident : $ty:ty => $member:literal
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        ///
        /// Marked `#[non_exhaustive]`, so that a member Evo adds is not a breaking change:
        /// build a value with `Default` and set its fields.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct $name {
            $(
                #[doc = concat!("The members inherited from `", stringify!($base), "`.")]
                pub $base_field: $base,
            )?
            $(
                $(#[doc = $doc])*
                pub $field: $ty,
            )*
        }

        impl $crate::contract::Contract for $name {
            fn info() -> &'static $crate::contract::ContractInfo {
                const MEMBERS: &[$crate::contract::MemberInfo] = &[$(
                    $crate::contract::MemberInfo::new(
                        $member,
                        $crate::contract::macros::camel_name!($member),
                        <$ty as $crate::contract::Field>::KIND,
                        $crate::contract::macros::order_or_unset!($($order)?),
                        concat!("" $(, $doc)*),
                    ),
                )*];
                static INFO: $crate::contract::ContractInfo = $crate::contract::ContractInfo::new(
                    $wire,
                    $ns,
                    $crate::contract::macros::base_info!($($base)?),
                    MEMBERS,
                );
                &INFO
            }
        }

        impl $crate::contract::Object for $name {
            fn contract(&self) -> &'static $crate::contract::ContractInfo {
                <Self as $crate::contract::Contract>::info()
            }

            fn field(&self, slot: $crate::contract::Slot) -> $crate::contract::FieldRef<'_> {
                $(
                    let inherited = <$base as $crate::contract::Contract>::info().member_count();
                    if slot < inherited {
                        return $crate::contract::Object::field(&self.$base_field, slot);
                    }
                    let slot = slot - inherited;
                )?
                // A table of accessors, indexed by slot: one bounds-checked load, not a
                // chain of comparisons.
                const GET: &[for<'a> fn(&'a $name) -> $crate::contract::FieldRef<'a>] =
                    &[$(|v| $crate::contract::Field::as_field(&v.$field)),*];
                GET[slot](self)
            }

            // Hand-tuned: the XML encoder reads every member of a value; one call filling
            // them all in costs less than a call through the table above per member.
            fn fields<'a>(&'a self, out: &mut ::std::vec::Vec<$crate::contract::FieldRef<'a>>) {
                $( $crate::contract::Object::fields(&self.$base_field, out); )?
                out.extend([$($crate::contract::Field::as_field(&self.$field)),*]);
            }

            fn field_mut(&mut self, slot: $crate::contract::Slot) -> $crate::contract::FieldMut<'_> {
                $(
                    let inherited = <$base as $crate::contract::Contract>::info().member_count();
                    if slot < inherited {
                        return $crate::contract::Object::field_mut(&mut self.$base_field, slot);
                    }
                    let slot = slot - inherited;
                )?
                const GET: &[for<'a> fn(&'a mut $name) -> $crate::contract::FieldMut<'a>] =
                    &[$(|v| $crate::contract::Field::as_field_mut(&mut v.$field)),*];
                GET[slot](self)
            }
        }
    };
}

/// Declares a contract enum: the Rust enum (with an `Unknown(String)` variant that keeps
/// member names this crate does not know yet), its descriptor, its
/// [`Field`](crate::contract::Field) implementation. Mark the zero member `#[default]`.
macro_rules! wire_enum {
    (
        #[contract(name = $wire:literal, namespace = $ns:expr)]
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $value:literal
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        ///
        /// Marked `#[non_exhaustive]`, so that a member Evo adds is not a breaking change:
        /// a `match` needs a wildcard arm.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )*
            /// A member name this version of the crate does not know, kept as it was read
            /// and written back unchanged.
            Unknown(String),
        }

        impl $name {
            /// Every declared member, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The descriptor of the enum.
            pub(crate) fn info() -> &'static $crate::contract::EnumInfo {
                static INFO: $crate::contract::EnumInfo = $crate::contract::EnumInfo::new(
                    $wire,
                    $ns,
                    &[$((stringify!($variant), $value)),*],
                );
                &INFO
            }

            /// The member name as it goes on the wire.
            pub fn name(&self) -> &str {
                match self {
                    $($name::$variant => stringify!($variant),)*
                    $name::Unknown(name) => name,
                }
            }

            /// The member with this exact (case-sensitive) name; any other name is kept as
            /// [`Unknown`](Self::Unknown).
            pub fn from_name(name: &str) -> Self {
                match name {
                    $(stringify!($variant) => $name::$variant,)*
                    other => $name::Unknown(other.to_owned()),
                }
            }

            /// The member's numeric value; `None` for an unknown member.
            pub fn value(&self) -> Option<i64> {
                match self {
                    $($name::$variant => Some($value),)*
                    $name::Unknown(_) => None,
                }
            }

            /// The member with this numeric value, if any.
            pub fn from_value(value: i64) -> Option<Self> {
                match value {
                    $($value => Some($name::$variant),)*
                    _ => None,
                }
            }

            /// Whether this is a declared member (not [`Unknown`](Self::Unknown)).
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl $crate::contract::EnumValue for $name {
            fn enum_info(&self) -> &'static $crate::contract::EnumInfo {
                $name::info()
            }
            fn name(&self) -> &str {
                $name::name(self)
            }
            fn is_known(&self) -> bool {
                $name::is_known(self)
            }
            fn set_name(&mut self, name: &str) {
                *self = $name::from_name(name);
            }
            fn set_value(&mut self, value: i64) -> bool {
                match $name::from_value(value) {
                    Some(v) => {
                        *self = v;
                        true
                    }
                    None => false,
                }
            }
            fn set_default(&mut self) {
                *self = $name::default();
            }
        }

        impl $crate::contract::Field for $name {
            const KIND: $crate::contract::MemberKind = $crate::contract::MemberKind::Enum($name::info);
            fn as_field(&self) -> $crate::contract::FieldRef<'_> {
                $crate::contract::FieldRef::Enum(self)
            }
            fn as_field_mut(&mut self) -> $crate::contract::FieldMut<'_> {
                $crate::contract::FieldMut::Enum(self)
            }
        }
    };
}

macro_rules! base_info {
    () => {
        None
    };
    ($base:ty) => {
        Some(<$base as $crate::contract::Contract>::info)
    };
}

/// A member name in ServiceStack's camelCase, as a `&'static str` worked out at compile
/// time.
macro_rules! camel_name {
    ($name:literal) => {{
        const CAMEL: [u8; $name.len()] = $crate::contract::camel_case_bytes::<{ $name.len() }>($name);
        match ::core::str::from_utf8(&CAMEL) {
            Ok(camel) => camel,
            // Lowering ASCII capitals keeps UTF-8 valid; this arm is never taken.
            Err(_) => $name,
        }
    }};
}

macro_rules! order_or_unset {
    () => {
        -1
    };
    ($order:literal) => {
        $order
    };
}

pub(crate) use {base_info, camel_name, contract, order_or_unset, wire_enum};

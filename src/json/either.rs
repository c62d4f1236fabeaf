//! Reading a document that may be one of several contracts, in one pass.

use super::de::{find_member, read_member, Key, Walk};
use crate::contract::Object;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::fmt;

/// Fills in whichever of several contract values the document is: the first property
/// that is a member of one of them decides (the earliest candidate when several have
/// it); from then on the document is read as that contract, so the result is exactly
/// what decoding it as that contract gives. A document with no such property is the
/// first candidate. The value is the chosen candidate's index.
pub(crate) struct Either<'a, 'b, 'p> {
    pub(crate) candidates: &'a mut [&'b mut dyn Object],
    pub(crate) path: &'p mut Walk,
}

impl<'de> DeserializeSeed<'de> for Either<'_, '_, '_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Either<'_, '_, '_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.candidates.iter().map(|c| c.contract().name()).collect();
        write!(f, "a JSON object for one of {}", names.join(", "))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
        let mut chosen: Option<usize> = None;
        let mut next = 0;
        loop {
            let key = match chosen {
                Some(c) => map
                    .next_key_seed(Key { members: self.candidates[c].contract().declaration_members(), next })?
                    .map(|found| found.map(|index| (c, index))),
                None => map.next_key_seed(AnyKey { candidates: &*self.candidates })?,
            };
            match key {
                None => return Ok(chosen.unwrap_or(0)),
                Some(Some((c, index))) => {
                    chosen = Some(c);
                    next = index + 1;
                    let value = &mut *self.candidates[c];
                    let member = value.contract().declaration_members()[index];
                    read_member(&mut map, value, member, self.path)?;
                }
                Some(None) => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
    }
}

/// A property name, looked up among the members of every candidate.
struct AnyKey<'a, 'b> {
    candidates: &'a [&'b mut dyn Object],
}

impl<'de> DeserializeSeed<'de> for AnyKey<'_, '_> {
    type Value = Option<(usize, usize)>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for AnyKey<'_, '_> {
    type Value = Option<(usize, usize)>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self.candidates.iter().enumerate().find_map(|(c, candidate)| {
            find_member(candidate.contract().declaration_members(), 0, name).map(|index| (c, index))
        }))
    }
}

/// Which of `candidates` the JSON object in `body` is, by [`Either`]'s rule (the first
/// property that is a member of a candidate decides); `None` when no property does or
/// the document is not an object.
pub(crate) fn choose(body: &[u8], candidates: &[&mut dyn Object]) -> usize {
    let chosen = std::cell::Cell::new(None);
    let mut de = serde_json::Deserializer::from_slice(body);
    // Reading stops with an error as soon as a property decides: the answer is kept aside.
    let _ = de.deserialize_map(Choose { candidates, chosen: &chosen });
    chosen.get().unwrap_or(0)
}

struct Choose<'a, 'b, 'c> {
    candidates: &'a [&'b mut dyn Object],
    chosen: &'c std::cell::Cell<Option<usize>>,
}

impl<'de> Visitor<'de> for Choose<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(AnyKey { candidates: self.candidates })? {
            if let Some((candidate, _)) = key {
                self.chosen.set(Some(candidate));
                return Err(de::Error::custom("chosen"));
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

//! XML to contracts: walks the descriptor of the value being filled in and pulls nodes
//! from the DataContract reader.
//!
//! Given a sink, the decoder also reports, as [`Finding`]s, everything .NET would do
//! differently: elements it would skip (unknown, in the wrong namespace, out of order,
//! repeated), members it would leave at their default, carriage returns it would lose, and
//! the data errors it would fail on. With a sink it goes on after a data error, so that one
//! pass reports every problem; without one it stops at the first, and
//! reports nothing else.

mod references;
mod report;

use references::Holds;
pub(crate) use references::Ids;

use super::plan::{self, ElementPlan, EntryPlan, MemberPlan, Members};
use super::ReadOptions;
use crate::contract::{
    reset_all, set_string, Contract, ContractInfo, EnumInfo, FieldMut, ListSlot, MemberKind, MemberRef, MemberSet,
    Object, ARRAYS_NAMESPACE,
};
use crate::dcxml::encoding::Text;
use crate::dcxml::reader::{decode_text, parse_xml_bool, Child, Element, XmlReader};
use crate::dcxml::Dialect;
use crate::diagnostic::{Code, Finding};
use crate::dictionary::reuse_string;
use crate::error::{Category, Error, Fact, MemberPath, Position, Result, Segment};
use crate::Dictionary;
use std::collections::HashSet;

/// Dictionaries longer than this check for repeated keys through a hash set.
const HASH_KEYS_PAST: usize = 16;

/// Checks the document size limit and reads the text (UTF-8 borrowed, a byte order mark
/// skipped; UTF-16 transcoded, in memory bounded by the limit).
fn document<'i>(bytes: &'i [u8], options: &ReadOptions) -> Result<Text<'i>> {
    if bytes.len() > options.max_document_bytes {
        return Err(Error::new(
            Category::Limit,
            format!(
                "the document is larger than the limit of {} bytes (max_document_bytes)",
                options.max_document_bytes
            ),
        )
        .at(Position::locate(bytes, options.max_document_bytes)));
    }
    decode_text(bytes)
}

/// An error of reading `text`, with its offset that of the original bytes (they differ
/// for UTF-16; line and column are the same in either).
fn in_original(text: &Text<'_>, error: Error) -> Error {
    match error.position() {
        Some(p) if text.encoding.needs_declaration() => {
            error.at(Position { offset: text.original_offset(p.offset), ..p })
        }
        _ => error,
    }
}

/// Where findings go.
pub(crate) type Sink<'s> = &'s mut dyn FnMut(Finding);

/// Decodes a whole document into `value`, whose contract is the expected root.
pub(crate) fn decode_into(
    bytes: &[u8],
    value: &mut dyn Object,
    options: &ReadOptions,
    sink: Option<Sink<'_>>,
) -> Result<()> {
    let text = document(bytes, options)?;
    decode_at(Decoder::new(XmlReader::over(&text), MemberPath::new(), options, sink), value)
        .map_err(|e| in_original(&text, e))
}

/// Where the element of the member at `path` starts, found by decoding the document as a
/// `T` (with the default limits).
pub(super) fn member_position<T: Contract>(bytes: &[u8], path: &MemberPath) -> Option<Position> {
    let options = ReadOptions::new();
    let text = document(bytes, &options).ok()?;
    let mut decoder = Decoder::new(XmlReader::over(&text), MemberPath::new(), &options, None);
    decoder.target = Some(path.clone());
    let mut value = T::default();
    let _ = decode_root(&mut decoder, &mut value);
    let position = decoder.found.map(|offset| decoder.r.position(offset))?;
    Some(Position { offset: text.original_offset(position.offset), ..position })
}

/// Reads a fragment that is one child of a list of `T`s (under `path`, the list's), as the
/// decoder reads each child of a list: the item, or `None` for an element that is not one
/// (passed over, as .NET passes it over).
///
/// `plans` are the item's plans in the dialects it may be written in: the item is
/// expected as the one whose bindings hold and whose start tag it has.
pub(super) fn decode_list_child<T: Contract>(
    reader: XmlReader<'_>,
    path: MemberPath,
    index: usize,
    options: &ReadOptions,
    plans: &[&'static ElementPlan],
    ids: &mut Ids,
) -> Result<Option<T>> {
    let mut decoder = Decoder::new(reader, path, options, None);
    decoder.ids = std::mem::take(ids);
    let read = list_child_of::<T>(&mut decoder, index, plans);
    *ids = std::mem::take(&mut decoder.ids);
    read
}

fn list_child_of<T: Contract>(
    decoder: &mut Decoder<'_, '_>,
    index: usize,
    plans: &[&'static ElementPlan],
) -> Result<Option<T>> {
    // A stream applies the limits to each item: the item itself is not counted.
    decoder.max_items = decoder.max_items.saturating_add(1);
    if decoder.r.is_predictive() {
        for &plan in plans {
            let Some(expected) = plan.forms.expected.as_ref() else { continue };
            if decoder.binds(expected, expected.requires()) {
                if let Some(child) = decoder.r.expect(expected) {
                    return decoder.finish_list_child::<T>(child, index, Some(plan));
                }
            }
        }
    }
    let child = decoder.r.root().map_err(|e| decoder.locate(e))?;
    // The item's members are still expected where their own bindings hold.
    let plan = plans.first().copied().filter(|_| decoder.r.is_predictive());
    decoder.finish_list_child::<T>(child, index, plan)
}

impl<'i> Decoder<'i, '_> {
    /// Reads the rest of [`decode_list_child`]'s item, `child` read.
    fn finish_list_child<T: Contract>(
        &mut self,
        child: Element<'i>,
        index: usize,
        plan: Option<&'static ElementPlan>,
    ) -> Result<Option<T>> {
        let decoder = self;
        let mut items: Option<Vec<T>> = Some(Vec::new());
        let members = plan.map(|plan| &plan.members);
        let read =
            decoder.list_child(&child, T::info(), index, &mut items, &mut 0, members).map_err(|e| decoder.locate(e))?;
        decoder.r.finish().map_err(|e| decoder.locate(e))?;
        Ok(if read { items.and_then(|mut items| items.pop()) } else { None })
    }
}

fn decode_at(mut decoder: Decoder<'_, '_>, value: &mut dyn Object) -> Result<()> {
    decode_root(&mut decoder, value)
}

fn decode_root(decoder: &mut Decoder<'_, '_>, value: &mut dyn Object) -> Result<()> {
    if decoder.sink.is_some() {
        decoder.r.record_notices();
    }
    let root = decoder.r.root()?;
    check_root(&decoder.r, &root, value.contract())?;
    let plan = decoder.root_plan(value.contract(), &root);
    // An error in the root's own children has the path the decoding started at (a
    // fragment's, when streaming).
    decoder.object(value, &root, plan).map_err(|e| decoder.locate(e))?;
    decoder.r.finish().map_err(|e| decoder.locate(e))?;
    decoder.flush_notices(false);
    Ok(())
}

/// The root element must be the contract's, and not nil.
pub(super) fn check_root(r: &XmlReader<'_>, root: &Element<'_>, info: &ContractInfo) -> Result<()> {
    if !root.is(info.name(), info.namespace()) {
        let message = format!(
            "expecting element '{}' from namespace '{}', found element '{}' from namespace '{}': .NET fails",
            info.name(),
            info.namespace(),
            root.local,
            root.namespace.as_deref().unwrap_or("")
        );
        return Err(r.error_at(Category::Data, root.offset, message).with_fact(Fact::WrongRoot));
    }
    if root.nil {
        let message =
            "the root element is nil: .NET reads the whole document as null, which this crate cannot represent";
        return Err(r.error_at(Category::Data, root.offset, message).with_fact(Fact::WrongRoot));
    }
    Ok(())
}

pub(super) fn root_name(bytes: &[u8], options: &ReadOptions) -> Result<super::RootName> {
    let text = document(bytes, options)?;
    let mut reader = XmlReader::over(&text);
    reader.set_max_depth(options.max_depth);
    reader.set_max_string_bytes(options.max_string_bytes);
    let root = reader.root().map_err(|e| in_original(&text, e))?;
    let position = reader.position(root.offset);
    Ok(super::RootName {
        local: root.local.to_owned(),
        namespace: root.namespace.as_deref().map(str::to_owned),
        position: Position { offset: text.original_offset(position.offset), ..position },
    })
}

struct Decoder<'i, 's> {
    r: XmlReader<'i>,
    path: MemberPath,
    sink: Option<Sink<'s>>,
    /// List items and dictionary entries read so far, and the limit.
    items: usize,
    max_items: usize,
    /// Plans (by address) whose bindings were found to hold, with the bindings then in
    /// force (see [`XmlReader::scope_id`]).
    bound: [(usize, u64); 8],
    /// A member to find, and the offset of its element once found.
    target: Option<MemberPath>,
    found: Option<usize>,
    /// The elements with a `z:Id`, for the `z:Ref`s after them.
    ids: Ids,
    max_document_bytes: usize,
    options: ReadOptions,
    /// The strings of the dictionary entries a value held, for the entries read into it.
    spare: Vec<String>,
}

impl<'i, 's> Decoder<'i, 's> {
    fn new(mut r: XmlReader<'i>, path: MemberPath, options: &ReadOptions, sink: Option<Sink<'s>>) -> Self {
        r.set_max_depth(options.max_depth);
        r.set_max_string_bytes(options.max_string_bytes);
        r.set_predictive(!options.general_only);
        Decoder {
            r,
            path,
            sink,
            items: 0,
            max_items: options.max_items,
            bound: [(0, 0); 8],
            target: None,
            found: None,
            ids: Ids::default(),
            max_document_bytes: options.max_document_bytes,
            options: options.clone(),
            spare: Vec::new(),
        }
    }
}

impl<'i> Decoder<'i, '_> {
    /// The plan of the members of the root `info` read from `root`: the one of the dialect
    /// whose start tag the root's is (ServiceStack's when neither), if the predictive lane
    /// is on.
    fn root_plan(&self, info: &'static ContractInfo, root: &Element<'i>) -> Option<&'static Members> {
        if !self.r.is_predictive() {
            return None;
        }
        let tag = self.r.read_since(root.offset);
        let wcf = plan::root(info, Dialect::Wcf);
        let plan = if tag == wcf.forms.open.as_bytes() { wcf } else { plan::root(info, Dialect::ServiceStack) };
        Some(&plan.members)
    }

    /// Whether every binding in `requires` (of the plan at `key`) holds where the next node
    /// is read. Remembered for the bindings in force: every item of a list, and every
    /// object at one position, meets the same ones.
    fn binds<'a, K>(&mut self, key: &K, requires: impl IntoIterator<Item = (&'a str, &'static str)>) -> bool {
        let key = key as *const K as usize;
        let scope = self.r.scope_id();
        let slot = &mut self.bound[(key >> 4) % self.bound.len()];
        if *slot == (key, scope) {
            return true;
        }
        let holds = requires.into_iter().all(|(prefix, namespace)| self.r.binds(prefix, namespace));
        if holds {
            self.bound[(key >> 4) % self.bound.len()] = (key, scope);
        }
        holds
    }

    /// Notes the element at `offset` if it is the one being looked for.
    fn mark(&mut self, offset: usize) {
        if let Some(target) = &self.target {
            if self.found.is_none() && self.path == *target {
                self.found = Some(offset);
            }
        }
    }

    /// Counts a list item or dictionary entry against the limit.
    fn count_item(&mut self, element: &Element<'i>) -> Result<()> {
        self.items += 1;
        if self.items > self.max_items {
            return Err(self.r.error_at(
                Category::Limit,
                element.offset,
                format!(
                    "the document has more list items and dictionary entries than the limit of {} (max_items)",
                    self.max_items
                ),
            ));
        }
        Ok(())
    }

    /// Reads the members of `value` inside `start`. With a `plan` whose bindings hold
    /// here, each member is first expected as .NET writes it (the predictive lane); where
    /// the bytes differ, the general path reads the element, and the next member is
    /// expected again.
    fn object(&mut self, value: &mut dyn Object, start: &Element<'i>, plan: Option<&'static Members>) -> Result<()> {
        let info = value.contract();
        let wire = info.wire_members();
        let plan = plan.filter(|plan| plan.len() == wire.len() && self.binds(*plan, plan.requires()));
        // Computed now, while offsets still increase, for the missing members at the end.
        let start_position = self.sink.is_some().then(|| self.r.position(start.offset));
        let mut seen = MemberSet::default();
        let mut misplaced = MemberSet::default();
        // The members filled in, by slot: the others are reset at the end, for a value
        // that held another one to come out as a default value filled in would.
        let mut filled = MemberSet::default();
        if MemberSet::untracked(info) {
            reset_all(value);
        }
        // This crate looks for the next member first, then anywhere; .NET matches moving
        // forward only, from just after the furthest member it has read.
        let mut next = 0;
        let mut dotnet_next = 0;
        loop {
            let expected = plan.and_then(|plan| plan.get(next)).and_then(|member| member.forms.expected.as_ref());
            // The commonest case in one step: the next member holds text, is where .NET
            // puts it, and its value is good. Anything else (an error to report, a note
            // to make, a member to find) is read the ordinary way.
            if let Some(expected) = expected.filter(|_| self.target.is_none() && next == dotnet_next) {
                let member = wire[next];
                let scalar = matches!(member.kind(), MemberKind::String | MemberKind::Bool | MemberKind::Enum(_));
                if scalar && !seen.contains(next) {
                    if let Some(mut peeked) = self.r.peek_text(expected) {
                        // What the general path reports after the value: notices from
                        // before it (a reference in an earlier declaration, say).
                        let in_string = matches!(member.kind(), MemberKind::String) && peeked.text.is_some();
                        if take_scalar(value.field_mut(member.slot()), &mut peeked.text) {
                            filled.insert(member.slot());
                            self.r.take(&peeked);
                            if self.sink.is_some() {
                                self.path.push(Segment::Member(member.name()));
                                self.flush_notices(in_string);
                                self.path.pop();
                            }
                            seen.insert(next);
                            next += 1;
                            dotnet_next = next;
                            continue;
                        }
                    }
                }
            }
            let (element, predicted) = match expected.and_then(|expected| self.r.expect(expected)) {
                Some(element) => (element, true),
                None => match self.r.next_child().map_err(|e| self.locate(e))? {
                    Child::End => break,
                    Child::Element(element) => (element, false),
                },
            };
            // A predicted element is the next member, by construction.
            let index = if predicted || next < wire.len() && is_member(&element, &wire[next]) {
                Some(next)
            } else {
                wire.iter().position(|m| is_member(&element, m))
            };
            let Some(index) = index else {
                match wire.iter().position(|m| m.name() == element.local) {
                    Some(meant) => {
                        misplaced.insert(meant);
                        self.path.push(Segment::Member(wire[meant].name()));
                        self.unexpected(&element, info.name(), Some(wire[meant].namespace()));
                        self.path.pop();
                    }
                    None => self.unexpected(&element, info.name(), None),
                }
                self.skip()?;
                continue;
            };
            let member = wire[index];
            self.path.push(Segment::Member(member.name()));
            self.mark(element.offset);
            if !seen.insert(index) {
                self.note(Code::RepeatedMember, element.offset, || {
                    format!("'{}' appears again: .NET skips the repeat (and so does this crate)", member.name())
                });
                self.skip()?;
            } else {
                if index < dotnet_next {
                    let later = wire[dotnet_next - 1].name();
                    self.note(Code::OutOfOrder, element.offset, || {
                        format!(
                            "'{}' comes after '{later}', which the contract puts later: .NET reads members in \
                             order only, skips this one and leaves the member at its default (this crate reads it)",
                            member.name()
                        )
                    });
                }
                dotnet_next = dotnet_next.max(index + 1);
                next = index + 1;
                let member_plan = plan.and_then(|plan| plan.get(index));
                filled.insert(member.slot());
                let field = value.field_mut(member.slot());
                let read = if element.annotations.is_some() {
                    self.annotated(&element, Holds::member(member.kind()), |d, e| d.member(field, e, member, None))
                } else {
                    self.member(field, &element, member, member_plan)
                };
                read.map_err(|e| self.locate(e))?;
            }
            self.path.pop();
        }
        if let Some(position) = start_position {
            let missing: Vec<&MemberRef> = wire
                .iter()
                .enumerate()
                .filter(|(i, _)| !seen.contains(*i) && !misplaced.contains(*i))
                .map(|(_, m)| m)
                .collect();
            self.missing(info.name(), &missing, position);
        }
        filled.reset_others(value);
        Ok(())
    }

    fn member(
        &mut self,
        field: FieldMut<'_>,
        element: &Element<'i>,
        member: MemberRef,
        plan: Option<&'static MemberPlan>,
    ) -> Result<()> {
        match field {
            FieldMut::String(slot) => {
                if element.nil {
                    *slot = None;
                    self.skip()?;
                } else {
                    set_string(slot, self.r.read_text()?);
                    self.flush_notices(true);
                }
            }
            FieldMut::Bool(slot) => {
                if element.nil {
                    return self.nil_value_type(element, "bool");
                }
                let text = self.r.read_text()?;
                self.flush_notices(false);
                match parse_xml_bool(&text) {
                    Some(value) => *slot = value,
                    None => {
                        let message = format!("invalid boolean '{text}': expected true, false, 1 or 0; .NET fails");
                        self.reject(Code::InvalidBoolean, element.offset, message)?;
                    }
                }
            }
            FieldMut::Enum(slot) => {
                let info = slot.enum_info();
                if element.nil {
                    return self.nil_value_type(element, info.name());
                }
                let text = self.r.read_text()?;
                self.flush_notices(false);
                if !EnumInfo::is_possible_name(&text) {
                    let message =
                        format!("invalid enum value '{text}' for {}: not a member name; .NET fails", info.name());
                    return self.reject(Code::InvalidEnum, element.offset, message);
                }
                slot.set_name(&text);
                if !slot.is_known() {
                    self.unknown_enum_name(&text, info, element.offset)?;
                }
            }
            FieldMut::List(slot) => {
                if element.nil {
                    slot.set_null();
                    return self.skip();
                }
                // The items the list holds are filled in again, and those left over dropped.
                slot.begin_reuse();
                let MemberKind::List(item) = member.kind() else {
                    return Err(Error::new(Category::Data, "internal: list member without a list kind"));
                };
                let item = item();
                // The items' element, expected once its bindings are checked here: they
                // hold for every item, as nothing between items declares anything.
                let items = plan
                    .and_then(MemberPlan::items)
                    .filter(|items| items.forms.expected.as_ref().is_some_and(|e| self.binds(e, e.requires())));
                let expected = items.and_then(|items| items.forms.expected.as_ref());
                let mut index = 0;
                let mut filled = 0;
                loop {
                    let child = match expected.and_then(|expected| self.r.expect(expected)) {
                        Some(child) => child,
                        None => match self.r.next_child()? {
                            Child::End => {
                                slot.truncate(filled);
                                return Ok(());
                            }
                            Child::Element(child) => child,
                        },
                    };
                    if self.list_child(&child, item, index, slot, &mut filled, items.map(|items| &items.members))? {
                        index += 1;
                    }
                }
            }
            FieldMut::Dictionary(slot) => {
                if element.nil {
                    *slot = None;
                    return self.skip();
                }
                let dictionary = slot.get_or_insert_with(Dictionary::new);
                dictionary.clear_into(&mut self.spare);
                // `Dictionary` looks keys up by scanning; past a few entries a set of the
                // keys keeps the check for repeated keys linear.
                let mut keys = HashSet::new();
                let entries = plan.and_then(MemberPlan::entries);
                let expected = entries
                    .and_then(|entries| entries.entry.expected.as_ref())
                    .filter(|expected| self.binds(*expected, expected.requires()));
                loop {
                    let child = match expected.and_then(|expected| self.r.expect(expected)) {
                        Some(child) => Child::Element(child),
                        None => self.r.next_child()?,
                    };
                    match child {
                        Child::End => return Ok(()),
                        Child::Element(child) if child.is("KeyValueOfstringstring", ARRAYS_NAMESPACE) => {
                            self.count_item(&child)?;
                            self.entry(dictionary, &mut keys, &child, entries)?;
                        }
                        Child::Element(child) => {
                            let meant = (child.local == "KeyValueOfstringstring").then_some(ARRAYS_NAMESPACE);
                            self.unexpected(&child, "a dictionary", meant);
                            self.skip()?;
                        }
                    }
                }
            }
            FieldMut::Object(slot) => {
                if element.nil {
                    slot.set_null();
                    return self.skip();
                }
                self.object(slot.get_or_default(), element, plan.and_then(MemberPlan::object))?;
            }
        }
        Ok(())
    }

    /// One `KeyValueOfstringstring`. .NET reads it as a class whose members `Key` and
    /// `Value` are both required, in that order: a `Value` first, or none, is an error here
    /// too (when validating, reported, and the entry read on with a null value).
    fn entry(
        &mut self,
        dictionary: &mut Dictionary,
        keys: &mut HashSet<String>,
        element: &Element<'i>,
        plan: Option<&'static EntryPlan>,
    ) -> Result<()> {
        let mut key: Option<Option<String>> = None;
        let mut value: Option<Option<String>> = None;
        // `Key`, then `Value`, expected as .NET writes them where their bindings hold.
        let expected = plan
            .and_then(|plan| Some((plan.key.expected.as_ref()?, plan.value.expected.as_ref()?)))
            .filter(|(k, v)| self.binds(*k, k.requires()) && self.binds(*v, v.requires()));
        loop {
            let next = expected.map(|(k, v)| if key.is_none() { k } else { v });
            let child = match next.and_then(|next| self.r.expect(next)) {
                Some(child) => child,
                None => match self.r.next_child()? {
                    Child::End => break,
                    Child::Element(child) => child,
                },
            };
            let is_key = child.is("Key", ARRAYS_NAMESPACE);
            if !is_key && !child.is("Value", ARRAYS_NAMESPACE) {
                let meant = matches!(child.local, "Key" | "Value").then_some(ARRAYS_NAMESPACE);
                self.unexpected(&child, "a dictionary entry", meant);
                self.skip()?;
                continue;
            }
            let slot = if is_key { &mut key } else { &mut value };
            if slot.is_some() {
                self.note(Code::RepeatedMember, child.offset, || {
                    format!("'{}' appears again in a dictionary entry: .NET skips the repeat", child.local)
                });
                self.skip()?;
                continue;
            }
            if is_key && value.is_some() {
                let message = "the Value comes before the Key: .NET expects the Key first and fails";
                self.reject(Code::InvalidContent, child.offset, message.into())?;
            }
            if child.nil {
                if is_key {
                    self.reject(
                        Code::InvalidContent,
                        child.offset,
                        "a dictionary key cannot be null; .NET fails".into(),
                    )?;
                }
                self.skip()?;
                *(if is_key { &mut key } else { &mut value }) = Some(None);
            } else {
                let mut text = String::new();
                let mut read = |d: &mut Decoder<'_, '_>| -> Result<()> {
                    let read = d.r.read_text()?;
                    text = reuse_string(&mut d.spare, read);
                    d.flush_notices(true);
                    Ok(())
                };
                if child.annotations.is_some() {
                    self.annotated(&child, Holds::Text, |d, _| read(d))?;
                } else {
                    read(self)?;
                }
                *(if is_key { &mut key } else { &mut value }) = Some(Some(text));
            }
        }
        let key = match key {
            Some(Some(key)) => key,
            Some(None) => return Ok(()),
            None => {
                let message = "a dictionary entry has no Key: .NET fails (it expects the element 'Key')";
                return self.reject(Code::InvalidContent, element.offset, message.into());
            }
        };
        if value.is_none() {
            let message = "a dictionary entry has no Value: .NET fails (it expects the element 'Value')";
            self.reject(Code::InvalidContent, element.offset, message.into())?;
        }
        if self.target.is_some() {
            self.path.push(Segment::Key(key.clone()));
            self.mark(element.offset);
            self.path.pop();
        }
        if dictionary.len() == HASH_KEYS_PAST {
            keys.extend(dictionary.keys().map(str::to_owned));
        }
        let repeated =
            if dictionary.len() < HASH_KEYS_PAST { dictionary.contains_key(&key) } else { !keys.insert(key.clone()) };
        if repeated {
            self.path.push(Segment::Key(key.clone()));
            let message =
                format!("the key '{key}' appears twice: .NET fails (an item with the same key has already been added)");
            self.reject(Code::InvalidContent, element.offset, message)?;
            self.path.pop();
            return Ok(());
        }
        dictionary.push_new(key, value.flatten());
        Ok(())
    }

    /// `i:nil` on a bool or an enum, which .NET rejects.
    /// One child element of a list of `item`s, the `index`th item if it is one (appended
    /// to `slot`, or rejected when nil); any other element is passed over, as .NET passes
    /// it over. Says whether it was an item.
    fn list_child(
        &mut self,
        child: &Element<'i>,
        item: &ContractInfo,
        index: usize,
        slot: &mut dyn ListSlot,
        filled: &mut usize,
        plan: Option<&'static Members>,
    ) -> Result<bool> {
        if !child.is(item.name(), item.namespace()) {
            let container = format!("a list of {}", item.name());
            self.unexpected(child, &container, (child.local == item.name()).then(|| item.namespace()));
            self.skip()?;
            return Ok(false);
        }
        self.path.push(Segment::Index(index));
        self.mark(child.offset);
        self.count_item(child)?;
        if child.nil {
            let message = "a null item: .NET reads it as a null entry in the list, which Evo never writes and this \
                           crate cannot represent";
            self.reject(Code::InvalidContent, child.offset, message.into())?;
            self.skip()?;
        } else if child.annotations.is_some() {
            let value = slot.reuse_item(*filled);
            *filled += 1;
            // Not every path through the annotations fills the item in.
            reset_all(value);
            self.annotated(child, Holds::Contract(item), |d, e| d.object(value, e, None))?;
        } else {
            let value = slot.reuse_item(*filled);
            *filled += 1;
            self.object(value, child, plan)?;
        }
        self.path.pop();
        Ok(true)
    }

    fn nil_value_type(&mut self, element: &Element<'i>, type_name: &str) -> Result<()> {
        let message = format!("nil on a {type_name}, which cannot be null: .NET fails (a value type cannot be null)");
        self.reject(Code::NullValueType, element.offset, message)?;
        self.skip()
    }

    /// Skips the rest of the current element.
    fn skip(&mut self) -> Result<()> {
        self.r.skip()?;
        self.flush_notices(false);
        Ok(())
    }

    /// Gives an error the path of the innermost member being read, unless it has one.
    fn locate(&self, error: Error) -> Error {
        if error.path().is_root() && !self.path.is_root() {
            error.with_path(&self.path)
        } else {
            error
        }
    }
}

fn is_member(element: &Element<'_>, member: &MemberRef) -> bool {
    element.is(member.name(), member.namespace())
}

/// Stores `text` (`None`: nil) in a string, bool or enum member if the general path would
/// store it without a word; otherwise leaves the member as it was (an enum member may
/// have been set to the same name the general path then sets) and says so.
fn take_scalar(field: FieldMut<'_>, text: &mut Option<std::borrow::Cow<'_, str>>) -> bool {
    match (field, text.as_deref()) {
        (FieldMut::String(slot), _) => {
            match text.take() {
                Some(text) => set_string(slot, text),
                None => *slot = None,
            }
            true
        }
        (FieldMut::Bool(slot), Some(text)) => match parse_xml_bool(text) {
            Some(value) => {
                *slot = value;
                true
            }
            None => false,
        },
        (FieldMut::Enum(slot), Some(text)) if EnumInfo::is_possible_name(text) => {
            slot.set_name(text);
            slot.is_known()
        }
        _ => false,
    }
}

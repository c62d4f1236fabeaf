//! Edits of .NET-written documents at the edges of what .NET's reader accepts: processing
//! instructions, `]]>`, XML declarations of every shape, bad names, `<` in attribute
//! values, reserved prefixes, duplicate attributes, whitespace written as references or
//! CDATA between elements, surrogates as references, UTF-16 and byte order marks, object
//! references (`z:Id`/`z:Ref`) and `i:type`. Each edit kind is applied at a position drawn
//! from the document (between members, between list items, inside a string's text, on a
//! member, on a session item, around the root); the same position in both dialects, since
//! .NET writes the same elements in the same order in both.
//!
//! Everything is deterministic: the documents come from the harness's `generate` with a
//! fixed seed and the positions from [`SplitMix64`] seeded by the kind and the document.

use evovoice_contracts::generate::SplitMix64;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XSD: &str = "http://www.w3.org/2001/XMLSchema";
const SER: &str = "http://schemas.microsoft.com/2003/10/Serialization/";
const SESSIONS_NS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Sessions";
const API_NS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api";
const DECL: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
const DECL16: &str = "<?xml version=\"1.0\" encoding=\"utf-16\"?>";

/// Members whose text is a `bool` or an enum: text edits go into strings only.
const NOT_STRINGS: &[&str] = &[
    "Ended",
    "WasMissed",
    "IsOriginalMember",
    "Muted",
    "DialState",
    "CallState",
    "QueueState",
    "Channel",
    "HoldReason",
    "Direction",
    "Role",
];

/// Elements whose children are list (or dictionary) items.
const LISTS: &[&str] = &["Sessions", "Log", "Members", "ApplicationData", "Errors", "Meta"];

/// Whitespace and near-whitespace put between elements: (name, text).
const BETWEEN: &[(&str, &str)] = &[
    ("sp", "&#32;"),
    ("tab", "&#x9;"),
    ("lf", "&#10;"),
    ("cr", "&#xD;"),
    ("cdata-sp", "<![CDATA[ ]]>"),
    ("cdata-empty", "<![CDATA[]]>"),
    ("cdata-x", "<![CDATA[x]]>"),
    ("ff-ref", "&#xC;"),
    ("ff-raw", "\u{c}"),
    ("bom", "\u{feff}"),
];

/// Surrogates written as references: (name, references).
const SURROGATES: &[(&str, &str)] = &[
    ("pair", "&#xD83D;&#xDE00;"),
    ("pair-dec", "&#55357;&#56832;"),
    ("lone-hi", "&#xD83D;"),
    ("lone-lo", "&#xDE00;"),
    ("reversed", "&#xDE00;&#xD83D;"),
];

/// Declarations that replace the document's own (or are added to a WCF document).
const DECLS: &[(&str, &str)] = &[
    ("decl-1.1", "<?xml version=\"1.1\" encoding=\"utf-8\"?>"),
    ("decl-2.0", "<?xml version=\"2.0\" encoding=\"utf-8\"?>"),
    ("decl-noversion", "<?xml encoding=\"utf-8\"?>"),
    ("decl-utf16-on-utf8", DECL16),
    ("decl-UTF-8", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
    ("decl-utf8", "<?xml version=\"1.0\" encoding=\"utf8\"?>"),
    ("decl-standalone-yes", "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>"),
    ("decl-standalone-maybe", "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"maybe\"?>"),
    ("decl-order", "<?xml encoding=\"utf-8\" version=\"1.0\"?>"),
    ("decl-second", "<?xml version=\"1.0\" encoding=\"utf-8\"?><?xml version=\"1.0\" encoding=\"utf-8\"?>"),
    ("decl-after-comment", "<!--c--><?xml version=\"1.0\" encoding=\"utf-8\"?>"),
    ("decl-XML", "<?XML version=\"1.0\"?>"),
    ("decl-version-only", "<?xml version=\"1.0\"?>"),
];

/// Encodings named on single-byte documents: ASCII-only bytes, and bytes with UTF-8 in them.
const SINGLE_BYTE: &[&str] = &["iso-8859-1", "us-ascii", "windows-1252"];

/// Encoding labels on a UTF-16 document with a byte order mark: (label, big-endian).
const UTF16_LABELS: &[(&str, bool)] = &[("utf-16le", false), ("unicode", false), ("UTF-16BE", true), ("UTF-16", false)];

/// Every edit kind, in a fixed order.
pub fn kinds() -> Vec<String> {
    let mut kinds: Vec<String> = [
        "cdata-end-text",
        "cdata-end-between",
        "pi-between",
        "pi-before-root",
        "pi-after-root",
        "stylesheet-before-root",
        "decl-after-ws",
        "decl-plain",
        "name-9x",
        "name-multi-colon",
        "name-empty-prefix",
        "attr-9x",
        "lt-attr",
        "lt-xmlns",
        "xmlns-xml-other",
        "xmlns-xml-right",
        "xmlns-xmlns",
        "xmlns-p-xmlns-ns",
        "xmlns-p-xml-ns",
        "dup-attr-expanded",
        "dup-attr-same",
        "u16le-bom-decl16",
        "u16be-bom-decl16",
        "u16le-bom-nodecl",
        "u16be-bom-nodecl",
        "u16le-bom-decl8",
        "u16le-nobom-decl16",
        "u16be-nobom-decl16",
        "u16le-bom-ws-decl16",
        "bom-twice",
        "bom-lead",
        "bom-in-text",
        "ref-backward",
        "ref-forward",
        "ref-missing",
        "ref-id-only",
        "ref-string",
        "ref-list",
        "ref-with-content",
        "ref-dup-id",
        "ref-root-id",
        "itype-declared",
        "itype-other",
        "itype-base",
        "itype-string",
        "itype-int",
        "itype-undeclared",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    kinds.extend(DECLS.iter().map(|(k, _)| k.to_string()));
    for enc in SINGLE_BYTE {
        kinds.push(format!("decl-{enc}-ascii"));
        kinds.push(format!("decl-{enc}-utf8"));
    }
    for (label, _) in UTF16_LABELS {
        kinds.push(format!("u16-label-{label}"));
    }
    for (name, _) in BETWEEN {
        kinds.push(format!("ws-members-{name}"));
        kinds.push(format!("ws-items-{name}"));
    }
    for (name, _) in SURROGATES {
        kinds.push(format!("sur-text-{name}"));
        kinds.push(format!("sur-attr-{name}"));
    }
    kinds
}

/// An edited document.
pub struct Edited {
    /// `KIND-NNNN-DIALECT.xml`.
    pub name: String,
    pub kind: String,
    pub bytes: Vec<u8>,
    /// Whether the document is an `AppGetActiveSessionsResult` (the session stream applies).
    pub sessions_document: bool,
}

/// A .NET-written document: its number and its bytes in each dialect.
pub struct Source {
    pub index: usize,
    pub servicestack: Vec<u8>,
    pub wcf: Vec<u8>,
}

/// For every kind, up to `per_kind` documents (drawn among those where the edit applies),
/// each edited in both dialects.
pub fn edit_all(sources: &[Source], per_kind: usize, seed: u64) -> Vec<Edited> {
    let mut out = Vec::new();
    for kind in kinds() {
        let kind_seed = seed ^ fnv(kind.as_bytes());
        let mut order: Vec<usize> = (0..sources.len()).collect();
        let mut rng = SplitMix64::new(kind_seed);
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        let mut taken = 0;
        for &s in &order {
            if taken == per_kind {
                break;
            }
            let source = &sources[s];
            let mut any = false;
            for (dialect, bytes) in [("ss", &source.servicestack), ("wcf", &source.wcf)] {
                let doc = Doc::parse(std::str::from_utf8(bytes).expect(".NET writes UTF-8"));
                // The same stream in both dialects: the same position in the same value.
                let mut rng = SplitMix64::new(kind_seed.wrapping_add((source.index as u64 + 1) * 0x9E37_79B9));
                if let Some(edited) = apply(&kind, &doc, dialect, &mut rng) {
                    any = true;
                    out.push(Edited {
                        name: format!("{kind}-{:04}-{dialect}.xml", source.index),
                        kind: kind.clone(),
                        bytes: edited,
                        sessions_document: doc.local(0) == "AppGetActiveSessionsResult",
                    });
                }
            }
            taken += usize::from(any);
        }
    }
    out
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// An element of a .NET-written document, by byte offsets.
struct Node {
    name: String,
    /// `<` of the start tag.
    start: usize,
    /// Where attributes can be added: at `/>` or `>` of the start tag.
    attrs_end: usize,
    /// Just after the start tag.
    tag_end: usize,
    /// Just after the element.
    end: usize,
    empty: bool,
    parent: Option<usize>,
    has_children: bool,
}

/// A document as .NET writes it (well-formed, no comments or PIs past the declaration).
struct Doc {
    text: String,
    nodes: Vec<Node>,
    /// End of the XML declaration (0 when there is none).
    decl_end: usize,
}

impl Doc {
    fn parse(text: &str) -> Doc {
        let b = text.as_bytes();
        let mut nodes: Vec<Node> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut i = 0;
        while let Some(off) = text[i..].find('<') {
            let s = i + off;
            let rest = &text[s..];
            if rest.starts_with("<?") {
                i = s + rest.find("?>").unwrap() + 2;
            } else if rest.starts_with("<!--") {
                i = s + rest.find("-->").unwrap() + 3;
            } else if rest.starts_with("<![CDATA[") {
                i = s + rest.find("]]>").unwrap() + 3;
            } else if rest.starts_with("</") {
                let e = s + rest.find('>').unwrap() + 1;
                let n = stack.pop().unwrap();
                nodes[n].end = e;
                i = e;
            } else {
                let mut j = s + 1;
                let mut quote = None;
                loop {
                    let c = b[j];
                    match quote {
                        Some(q) if c == q => quote = None,
                        Some(_) => {}
                        None if c == b'"' || c == b'\'' => quote = Some(c),
                        None if c == b'>' => break,
                        None => {}
                    }
                    j += 1;
                }
                let empty = b[j - 1] == b'/';
                let name_len = rest[1..].find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').unwrap();
                let parent = stack.last().copied();
                if let Some(p) = parent {
                    nodes[p].has_children = true;
                }
                nodes.push(Node {
                    name: rest[1..1 + name_len].to_string(),
                    start: s,
                    attrs_end: if empty { j - 1 } else { j },
                    tag_end: j + 1,
                    end: j + 1,
                    empty,
                    parent,
                    has_children: false,
                });
                if !empty {
                    stack.push(nodes.len() - 1);
                }
                i = j + 1;
            }
        }
        let decl_end = if text.starts_with("<?xml ") { text.find("?>").unwrap() + 2 } else { 0 };
        Doc { text: text.to_string(), nodes, decl_end }
    }

    fn local(&self, n: usize) -> &str {
        let name = &self.nodes[n].name;
        name.rsplit(':').next().unwrap()
    }

    fn prefix(&self, n: usize) -> Option<&str> {
        self.nodes[n].name.split_once(':').map(|(p, _)| p)
    }

    fn parent_local(&self, n: usize) -> &str {
        self.nodes[n].parent.map_or("", |p| self.local(p))
    }

    fn is_list(&self, n: usize) -> bool {
        LISTS.contains(&self.local(n))
            || (self.local(n) == "CustomerBreadcrumb" && self.parent_local(n) == "SessionInfo")
    }

    fn select(&self, f: impl Fn(usize) -> bool) -> Vec<usize> {
        (0..self.nodes.len()).filter(|&n| f(n)).collect()
    }

    /// Members of classes (not list items), the root excluded.
    fn members(&self) -> Vec<usize> {
        self.select(|n| self.nodes[n].parent.is_some_and(|p| !self.is_list(p)))
    }

    /// Items of lists and dictionaries.
    fn items(&self) -> Vec<usize> {
        self.select(|n| self.nodes[n].parent.is_some_and(|p| self.is_list(p)))
    }

    /// String members with text.
    fn strings(&self) -> Vec<usize> {
        self.select(|n| {
            let node = &self.nodes[n];
            node.parent.is_some() && !node.empty && !node.has_children && !NOT_STRINGS.contains(&self.local(n))
        })
    }

    fn sessions(&self) -> Vec<usize> {
        self.select(|n| self.parent_local(n) == "Sessions")
    }

    /// `CustomerBreadcrumb` members of sessions.
    fn breadcrumbs(&self) -> Vec<usize> {
        self.select(|n| self.local(n) == "CustomerBreadcrumb" && self.parent_local(n) == "SessionInfo")
    }

    /// Where the text of a string member starts and ends.
    fn content(&self, n: usize) -> (usize, usize) {
        let node = &self.nodes[n];
        (node.tag_end, node.end - node.name.len() - 3)
    }

    /// A place inside the text of a string member, not inside a reference.
    fn text_point(&self, rng: &mut SplitMix64) -> Option<usize> {
        let n = pick(rng, &self.strings())?;
        let (from, to) = self.content(n);
        let mut points = vec![from];
        let mut in_ref = false;
        for (i, c) in self.text[from..to].char_indices() {
            if c == '&' {
                in_ref = true;
            } else if in_ref && c == ';' {
                in_ref = false;
            }
            if !in_ref {
                points.push(from + i + c.len_utf8());
            }
        }
        pick(rng, &points)
    }

    /// Just before a member (between members, or first in its class).
    fn member_point(&self, rng: &mut SplitMix64) -> Option<usize> {
        pick(rng, &self.members()).map(|n| self.nodes[n].start)
    }

    /// Just before or just after a list item.
    fn item_point(&self, rng: &mut SplitMix64) -> Option<usize> {
        let n = pick(rng, &self.items())?;
        Some(if rng.chance(50) { self.nodes[n].start } else { self.nodes[n].end })
    }

    /// Where an attribute can go on a member's start tag.
    fn member_attrs(&self, rng: &mut SplitMix64) -> Option<usize> {
        pick(rng, &self.members()).map(|n| self.nodes[n].attrs_end)
    }

    fn root_start(&self) -> usize {
        self.nodes[0].start
    }

    fn body(&self) -> &str {
        &self.text[self.decl_end..]
    }

    fn insert(&self, at: usize, what: &str) -> String {
        splice(&self.text, vec![(at, at, what.to_string())])
    }

    fn add_attrs(&self, at: usize, attrs: &str) -> String {
        self.insert(at, &format!(" {attrs}"))
    }

    /// The document with the declaration `decl` in place of its own (if any).
    fn with_decl(&self, decl: &str) -> String {
        format!("{decl}{}", self.body())
    }
}

fn pick(rng: &mut SplitMix64, from: &[usize]) -> Option<usize> {
    (!from.is_empty()).then(|| from[rng.below(from.len() as u64) as usize])
}

/// Replaces `text[from..to]` by the string, for each (from, to, string); ranges must not overlap.
fn splice(text: &str, mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (from, to, with) in edits {
        out.replace_range(from..to, &with);
    }
    out
}

/// Every non-ASCII character as a character reference (.NET writes non-ASCII in text only).
fn ascii_only(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii() { c.to_string() } else { format!("&#x{:X};", u32::from(c)) }).collect()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
}

const BOM16LE: &[u8] = &[0xFF, 0xFE];
const BOM16BE: &[u8] = &[0xFE, 0xFF];
const BOM8: &[u8] = &[0xEF, 0xBB, 0xBF];

fn cat(a: &[u8], b: &[u8]) -> Vec<u8> {
    [a, b].concat()
}

/// The edited document, or `None` when the document has no place for the edit.
fn apply(kind: &str, doc: &Doc, dialect: &str, rng: &mut SplitMix64) -> Option<Vec<u8>> {
    let text = |s: String| Some(s.into_bytes());
    let z = format!("xmlns:z=\"{SER}\"");
    if let Some((_, decl)) = DECLS.iter().find(|(k, _)| *k == kind) {
        return text(doc.with_decl(decl));
    }
    for enc in SINGLE_BYTE {
        let decl = format!("<?xml version=\"1.0\" encoding=\"{enc}\"?>");
        if kind == format!("decl-{enc}-ascii") {
            return text(ascii_only(&doc.with_decl(&decl)));
        }
        if kind == format!("decl-{enc}-utf8") {
            // With UTF-8 bytes in it for sure.
            let at = doc.text_point(rng)?;
            return text(Doc::parse(&doc.insert(at, "\u{e9}")).with_decl(&decl));
        }
    }
    for (label, big_endian) in UTF16_LABELS {
        if kind == format!("u16-label-{label}") {
            let bom = if *big_endian { BOM16BE } else { BOM16LE };
            let decl = format!("<?xml version=\"1.0\" encoding=\"{label}\"?>");
            return Some(cat(bom, &utf16(&doc.with_decl(&decl), *big_endian)));
        }
    }
    for (name, between) in BETWEEN {
        if kind == format!("ws-members-{name}") {
            return text(doc.insert(doc.member_point(rng)?, between));
        }
        if kind == format!("ws-items-{name}") {
            return text(doc.insert(doc.item_point(rng)?, between));
        }
    }
    for (name, refs) in SURROGATES {
        if kind == format!("sur-text-{name}") {
            return text(doc.insert(doc.text_point(rng)?, refs));
        }
        if kind == format!("sur-attr-{name}") {
            return text(doc.add_attrs(doc.member_attrs(rng)?, &format!("xmlns:q=\"u{refs}\"")));
        }
    }
    let edited = match kind {
        "cdata-end-text" => doc.insert(doc.text_point(rng)?, "]]>"),
        "cdata-end-between" => doc.insert(doc.member_point(rng)?, "]]>"),
        "pi-between" => {
            let at = if rng.chance(50) { doc.member_point(rng) } else { doc.item_point(rng) };
            doc.insert(at?, "<?pi data?>")
        }
        "pi-before-root" => doc.insert(doc.root_start(), "<?pi data?>"),
        "pi-after-root" => format!("{}<?pi data?>", doc.text),
        "stylesheet-before-root" => doc.insert(doc.root_start(), "<?xml-stylesheet href=\"a\"?>"),
        "decl-after-ws" => {
            let ws = [" ", "\n", "\t", "\r\n"][rng.below(4) as usize];
            doc.with_decl(&format!("{ws}{DECL}"))
        }
        "decl-plain" if doc.decl_end == 0 => doc.with_decl(DECL),
        "name-9x" => doc.insert(doc.member_point(rng)?, "<9x/>"),
        "name-multi-colon" => doc.insert(doc.member_point(rng)?, "<q:b:c xmlns:q=\"u\"/>"),
        "name-empty-prefix" => doc.insert(doc.member_point(rng)?, "<:x/>"),
        "attr-9x" => doc.add_attrs(doc.member_attrs(rng)?, "9x=\"1\""),
        "lt-attr" => doc.add_attrs(doc.member_attrs(rng)?, "foo=\"a<b\""),
        "lt-xmlns" => doc.add_attrs(doc.member_attrs(rng)?, "xmlns:q=\"a<b\""),
        "xmlns-xml-other" => doc.add_attrs(doc.member_attrs(rng)?, "xmlns:xml=\"http://other\""),
        "xmlns-xml-right" => {
            doc.add_attrs(doc.member_attrs(rng)?, "xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"")
        }
        "xmlns-xmlns" => doc.add_attrs(doc.member_attrs(rng)?, "xmlns:xmlns=\"u\""),
        "xmlns-p-xmlns-ns" => doc.add_attrs(doc.member_attrs(rng)?, "xmlns:q=\"http://www.w3.org/2000/xmlns/\""),
        "xmlns-p-xml-ns" => doc.add_attrs(doc.member_attrs(rng)?, "xmlns:q=\"http://www.w3.org/XML/1998/namespace\""),
        "dup-attr-expanded" => {
            doc.add_attrs(doc.member_attrs(rng)?, "xmlns:q1=\"u\" xmlns:q2=\"u\" q1:x=\"1\" q2:x=\"2\"")
        }
        "dup-attr-same" => doc.add_attrs(doc.member_attrs(rng)?, "foo=\"1\" foo=\"2\""),
        "u16le-bom-decl16" => return Some(cat(BOM16LE, &utf16(&doc.with_decl(DECL16), false))),
        "u16be-bom-decl16" => return Some(cat(BOM16BE, &utf16(&doc.with_decl(DECL16), true))),
        "u16le-bom-nodecl" => return Some(cat(BOM16LE, &utf16(doc.body(), false))),
        "u16be-bom-nodecl" => return Some(cat(BOM16BE, &utf16(doc.body(), true))),
        "u16le-bom-decl8" => return Some(cat(BOM16LE, &utf16(&doc.with_decl(DECL), false))),
        "u16le-nobom-decl16" => return Some(utf16(&doc.with_decl(DECL16), false)),
        "u16be-nobom-decl16" => return Some(utf16(&doc.with_decl(DECL16), true)),
        "u16le-bom-ws-decl16" => return Some(cat(BOM16LE, &utf16(&doc.with_decl(&format!(" {DECL16}")), false))),
        "bom-twice" => return Some(cat(&cat(BOM8, BOM8), doc.text.as_bytes())),
        "bom-lead" => return Some(cat(BOM8, doc.text.as_bytes())),
        "bom-in-text" => doc.insert(doc.text_point(rng)?, "\u{feff}"),
        "ref-backward" | "ref-forward" | "ref-missing" | "ref-with-content" | "ref-dup-id" => {
            let sessions = doc.sessions();
            if sessions.len() < 2 {
                return None;
            }
            let i = rng.below(sessions.len() as u64 - 1) as usize;
            let j = i + 1 + rng.below((sessions.len() - i - 1) as u64) as usize;
            let (a, b) = (&doc.nodes[sessions[i]], &doc.nodes[sessions[j]]);
            let root = doc.nodes[0].attrs_end;
            let id = |n: &Node| (n.attrs_end, n.attrs_end, " z:Id=\"i1\"".to_string());
            let refer = |n: &Node, to: &str| (n.start, n.end, format!("<{} z:Ref=\"{to}\"/>", n.name));
            let edits = match kind {
                "ref-backward" => vec![id(a), refer(b, "i1")],
                "ref-forward" => vec![refer(a, "i1"), id(b)],
                "ref-missing" => vec![refer(b, "i9")],
                "ref-dup-id" => vec![id(a), id(b)],
                _ => {
                    let member = match doc.prefix(sessions[j]) {
                        Some(p) => format!("{p}:AccountId"),
                        None => "AccountId".to_string(),
                    };
                    let content = format!("<{0} z:Ref=\"i1\"><{member}>zz</{member}></{0}>", b.name);
                    vec![id(a), (b.start, b.end, content)]
                }
            };
            splice(&doc.text, [vec![(root, root, format!(" {z}"))], edits].concat())
        }
        "ref-id-only" => {
            let s = pick(rng, &doc.sessions())?;
            let root = doc.nodes[0].attrs_end;
            splice(
                &doc.text,
                vec![
                    (root, root, format!(" {z}")),
                    (doc.nodes[s].attrs_end, doc.nodes[s].attrs_end, " z:Id=\"i1\"".into()),
                ],
            )
        }
        "ref-string" | "ref-list" => {
            let (targets, sources) = if kind == "ref-string" {
                (doc.strings(), doc.strings())
            } else {
                let all = doc.breadcrumbs();
                (all.iter().copied().filter(|&n| doc.nodes[n].has_children).collect(), all)
            };
            let a = pick(rng, &targets)?;
            let later: Vec<usize> = sources.into_iter().filter(|&n| doc.nodes[n].start >= doc.nodes[a].end).collect();
            let b = &doc.nodes[pick(rng, &later)?];
            let root = doc.nodes[0].attrs_end;
            let at = doc.nodes[a].attrs_end;
            splice(
                &doc.text,
                vec![
                    (root, root, format!(" {z}")),
                    (at, at, " z:Id=\"i1\"".into()),
                    (b.start, b.end, format!("<{} z:Ref=\"i1\"/>", b.name)),
                ],
            )
        }
        "ref-root-id" => doc.add_attrs(doc.nodes[0].attrs_end, &format!("{z} z:Id=\"i1\"")),
        "itype-declared" | "itype-other" | "itype-base" => {
            let s = pick(rng, &doc.sessions())?;
            let attrs = match kind {
                "itype-declared" => format!("xmlns:xi=\"{XSI}\" xmlns:qs=\"{SESSIONS_NS}\" xi:type=\"qs:SessionInfo\""),
                "itype-other" => format!("xmlns:xi=\"{XSI}\" xmlns:qs=\"{SESSIONS_NS}\" xi:type=\"qs:SessionLogInfo\""),
                _ => format!("xmlns:xi=\"{XSI}\" xmlns:qv=\"{API_NS}\" xi:type=\"qv:EntityInfo\""),
            };
            doc.add_attrs(doc.nodes[s].attrs_end, &attrs)
        }
        "itype-string" | "itype-int" | "itype-undeclared" => {
            let n = pick(rng, &doc.strings())?;
            let attrs = match kind {
                "itype-string" => format!("xmlns:xi=\"{XSI}\" xmlns:xs=\"{XSD}\" xi:type=\"xs:string\""),
                "itype-int" => format!("xmlns:xi=\"{XSI}\" xmlns:xs=\"{XSD}\" xi:type=\"xs:int\""),
                _ => format!("xmlns:xi=\"{XSI}\" xi:type=\"undeclared:Foo\""),
            };
            doc.add_attrs(doc.nodes[n].attrs_end, &attrs)
        }
        "decl-plain" => return None,
        _ => panic!("unknown edit kind {kind} ({dialect})"),
    };
    text(edited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_edits_a_small_document() {
        let doc = Doc::parse(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><AppGetActiveSessionsResult xmlns:i=\"x\"><Sessions><a:SessionInfo><a:AccountId>&amp;b</a:AccountId><a:Ended>false</a:Ended></a:SessionInfo><a:SessionInfo /></Sessions></AppGetActiveSessionsResult>",
        );
        assert_eq!(doc.nodes.len(), 6);
        assert_eq!(doc.sessions().len(), 2);
        assert_eq!(doc.strings().len(), 1);
        assert_eq!(doc.local(3), "AccountId");
        let mut rng = SplitMix64::new(1);
        for _ in 0..20 {
            let at = doc.text_point(&mut rng).unwrap();
            assert!(!doc.text[..at].ends_with('&') && !doc.text[..at].ends_with("&amp"));
        }
        let edited = apply("ref-backward", &doc, "ss", &mut rng).unwrap();
        assert!(String::from_utf8(edited).unwrap().contains("<a:SessionInfo z:Id=\"i1\"><a:AccountId>"));
    }
}

//! The limits on reading, in one place for every reader: the decoders of both formats, the
//! streaming readers and the validator all take a [`ReadOptions`].

/// The default of [`ReadOptions::max_depth`]: 256 nested elements.
pub const DEFAULT_MAX_DEPTH: usize = 256;
/// The default of [`ReadOptions::max_document_bytes`]: 256 MiB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 256 << 20;
/// The default of [`ReadOptions::max_string_bytes`]: 16 MiB.
pub const DEFAULT_MAX_STRING_BYTES: usize = 16 << 20;
/// The default of [`ReadOptions::max_items`]: 100,000.
pub const DEFAULT_MAX_ITEMS: usize = 100_000;

/// How to read a document: the limits that keep hostile input from costing unbounded time
/// or memory. The same options serve JSON ([`json::ReadOptions`](crate::json::ReadOptions)
/// is this type), where `max_depth` has no use: the value of an unknown property is
/// skipped without recursion, and anything deeper than a contract where a value is read is
/// a type error.
///
/// Input over a limit is a [`Limit`](crate::error::Category::Limit) error whose message
/// names the limit (`max_depth`, `max_document_bytes`, `max_string_bytes`, `max_items`),
/// with the line, column and member path where it was exceeded.
///
/// | limit | default | bounds |
/// | --- | --- | --- |
/// | [`max_depth`](Self::max_depth) | 256 | nesting of XML elements, known or not |
/// | [`max_document_bytes`](Self::max_document_bytes) | 256 MiB | the whole input |
/// | [`max_string_bytes`](Self::max_string_bytes) | 16 MiB | one string of the value |
/// | [`max_items`](Self::max_items) | 100,000 | list items and dictionary entries in the document |
///
/// For comparison, ServiceStack reads XML through `XmlReader.Create` with its default
/// settings, which stop at 1 MiB of characters in the whole document
/// (`XmlReaderSettings.MaxCharactersInDocument`); a document ServiceStack accepts is far
/// inside every default here. Within the limits, decoding takes time linear in the input
/// and memory at most a small multiple of it, plus about 1 KiB per item (a `SessionInfo`
/// is the largest). Elements and properties this crate skips (unknown members) cost no
/// memory, however many there are. The streaming readers apply the limits to each
/// session, `max_document_bytes` to one session's bytes.
///
/// ```
/// use evovoice_contracts::{app::portal::AppGetActiveSessionsResult, error::Category, xml};
///
/// let doc = r#"<AppGetActiveSessionsResult xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal"><Sessions xmlns:s="http://schemas.datacontract.org/2004/07/Voice.Api.Sessions"><s:SessionInfo><s:AccountId>0123456789</s:AccountId></s:SessionInfo></Sessions></AppGetActiveSessionsResult>"#;
/// let options = xml::ReadOptions::new().max_string_bytes(8);
/// let err = xml::from_slice_with::<AppGetActiveSessionsResult>(doc.as_bytes(), &options).unwrap_err();
/// assert_eq!(err.category(), Category::Limit);
/// assert!(err.message().contains("max_string_bytes"));
/// assert_eq!(err.path().to_string(), "Sessions[0].AccountId");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    pub(crate) max_depth: usize,
    pub(crate) max_document_bytes: usize,
    pub(crate) max_string_bytes: usize,
    pub(crate) max_items: usize,
    /// Reads XML through the general path only, never the predictive one: for tests that
    /// show the two give the same result.
    pub(crate) general_only: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_depth: DEFAULT_MAX_DEPTH,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            max_string_bytes: DEFAULT_MAX_STRING_BYTES,
            max_items: DEFAULT_MAX_ITEMS,
            general_only: false,
        }
    }
}

impl ReadOptions {
    /// The defaults (see the table above).
    pub fn new() -> Self {
        ReadOptions::default()
    }

    /// Sets the limit on element nesting, counting the root as 1; unknown elements, which
    /// are skipped, count too. Default 256: the contracts nest 7 deep.
    pub fn max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Sets the limit on the size of the input in bytes, checked before anything is read.
    /// Default 256 MiB.
    pub fn max_document_bytes(mut self, max_document_bytes: usize) -> Self {
        self.max_document_bytes = max_document_bytes;
        self
    }

    /// Sets the limit on the length of one string in bytes of UTF-8, after references are
    /// resolved: a member's text, a dictionary key or value. Default 16
    /// MiB: sixteen times a whole document that ServiceStack's default settings accept,
    /// ample for the largest member (`ConsoleData`, free-form data), and small enough that
    /// one member cannot take most of the memory a document is allowed.
    pub fn max_string_bytes(mut self, max_string_bytes: usize) -> Self {
        self.max_string_bytes = max_string_bytes;
        self
    }

    /// Sets the limit on the number of list items and dictionary entries in the document,
    /// all lists together. Default 100,000: each item holds about 1 KiB before its strings
    /// even in a minimal document (`<SessionInfo/>` is 14 bytes), so this bounds what a
    /// small document can make the decoder allocate to about 100 MB.
    pub fn max_items(mut self, max_items: usize) -> Self {
        self.max_items = max_items;
        self
    }

    /// Turns off the XML decoder's predictive path (which walks the bytes .NET would write
    /// and hands over to the general path at the first byte that differs), so that every
    /// node is read by the general path. Both give the same value or the same error for
    /// every input; this switch exists so that tests and fuzz targets can show it, and is
    /// not part of the stable API.
    #[doc(hidden)]
    pub fn general_path_only(mut self, general_only: bool) -> Self {
        self.general_only = general_only;
        self
    }

    /// The limit on nesting.
    pub fn depth_limit(&self) -> usize {
        self.max_depth
    }

    /// The limit on the input's size.
    pub fn document_bytes_limit(&self) -> usize {
        self.max_document_bytes
    }

    /// The limit on one string's length.
    pub fn string_bytes_limit(&self) -> usize {
        self.max_string_bytes
    }

    /// The limit on list items and dictionary entries.
    pub fn items_limit(&self) -> usize {
        self.max_items
    }
}

/// Reads `reader` to its end, or to one byte past the document size limit.
pub(crate) fn read_bounded<R: std::io::Read>(reader: R, options: &ReadOptions) -> crate::error::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let most = (options.max_document_bytes as u64).saturating_add(1);
    std::io::Read::read_to_end(&mut reader.take(most), &mut bytes).map_err(crate::error::Error::io)?;
    Ok(bytes)
}

//! The two wire formats, as HTTP names them.

use std::fmt;
use std::str::FromStr;

/// A wire format of the operation.
///
/// ```
/// use evovoice_contracts::format::Format;
///
/// assert_eq!(Format::Json.accept(), "application/json");
/// assert_eq!(Format::from_content_type("application/json; charset=utf-8"), Some(Format::Json));
/// assert_eq!(Format::from_content_type("text/xml"), Some(Format::Xml));
/// assert_eq!(Format::detect(b"\xEF\xBB\xBF  <?xml version=\"1.0\"?><a/>"), Some(Format::Xml));
/// assert_eq!(Format::detect(b"\n{\"sessions\":[]}"), Some(Format::Json));
/// assert_eq!("JSON".parse::<Format>(), Ok(Format::Json));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// DataContract XML ([`xml`](crate::xml)).
    Xml,
    /// ServiceStack.Text JSON ([`json`](crate::json)).
    Json,
}

impl Format {
    /// The media type: `application/xml` or `application/json`.
    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Xml => "application/xml",
            Format::Json => "application/json",
        }
    }

    /// The `Accept` header that asks ServiceStack for this format.
    pub fn accept(self) -> &'static str {
        self.mime_type()
    }

    /// The `Content-Type` ServiceStack sends a body of this format with.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xml => "application/xml; charset=utf-8",
            Format::Json => "application/json; charset=utf-8",
        }
    }

    /// The name ServiceStack uses in `?format=` and as a path suffix (`.json`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Xml => "xml",
            Format::Json => "json",
        }
    }

    /// The format of a `Content-Type` header: `application/xml`, `text/xml`,
    /// `application/json`, `text/json` or a `+xml`/`+json` type, in any case, with any
    /// parameters; `None` for anything else.
    pub fn from_content_type(content_type: &str) -> Option<Format> {
        let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match media.as_str() {
            "application/xml" | "text/xml" => Some(Format::Xml),
            "application/json" | "text/json" => Some(Format::Json),
            m if m.ends_with("+xml") => Some(Format::Xml),
            m if m.ends_with("+json") => Some(Format::Json),
            _ => None,
        }
    }

    /// The format a file name's extension names (`.xml`, `.json`, in any case).
    ///
    /// ```
    /// use evovoice_contracts::format::Format;
    /// use std::path::Path;
    ///
    /// assert_eq!(Format::from_path(Path::new("a/b.XML")), Some(Format::Xml));
    /// assert_eq!(Format::from_path(Path::new("b.txt")), None);
    /// ```
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?;
        [Format::Xml, Format::Json].into_iter().find(|f| f.name().eq_ignore_ascii_case(extension))
    }

    /// The format of `bytes` for a reader that must pick one: [`detect`](Self::detect)'s
    /// answer, and JSON otherwise (whose reader then says what is wrong).
    ///
    /// ```
    /// use evovoice_contracts::format::Format;
    ///
    /// assert_eq!(Format::sniff(b"\n <?xml version=\"1.0\"?><a/>"), Format::Xml);
    /// assert_eq!(Format::sniff(b"{\"sessions\":[]}"), Format::Json);
    /// assert_eq!(Format::sniff(b"nonsense"), Format::Json);
    /// ```
    pub fn sniff(bytes: &[u8]) -> Format {
        Format::detect(bytes).unwrap_or(Format::Json)
    }

    /// The format of a document, from its first character that is not whitespace, after
    /// byte order marks: `<` is XML, `{` or `[` is JSON. UTF-16 (with a byte order mark,
    /// or XML's `<?` without one) is read as UTF-16.
    ///
    /// ```
    /// use evovoice_contracts::format::Format;
    ///
    /// let utf16: Vec<u8> = "\u{FEFF}\r\n<?xml version=\"1.0\" encoding=\"utf-16\"?><a/>"
    ///     .encode_utf16()
    ///     .flat_map(u16::to_le_bytes)
    ///     .collect();
    /// assert_eq!(Format::detect(&utf16), Some(Format::Xml));
    /// assert_eq!(Format::detect(b"\xEF\xBB\xBF\xEF\xBB\xBF<a/>"), Some(Format::Xml));
    /// ```
    pub fn detect(bytes: &[u8]) -> Option<Format> {
        let utf16 = match bytes {
            [0xFF, 0xFE, ..] | [b'<', 0, ..] => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
            [0xFE, 0xFF, ..] | [0, b'<', ..] => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
            _ => None,
        };
        let first = match utf16 {
            Some(unit) => bytes
                .chunks_exact(2)
                .map(|pair| unit([pair[0], pair[1]]))
                .find(|&u| !matches!(u, 0xFEFF | 0x20 | 0x09 | 0x0A | 0x0D))
                .and_then(|u| u8::try_from(u).ok())?,
            None => {
                let mut body = bytes;
                // Every byte order mark: a second one is the reader's to refuse.
                while let Some(rest) = body.strip_prefix(crate::location::UTF8_BOM) {
                    body = rest;
                }
                *body.iter().find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))?
            }
        };
        match first {
            b'<' => Some(Format::Xml),
            b'{' | b'[' => Some(Format::Json),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing a [`Format`] name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown format '{}' (expected xml or json)", self.0)
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;
    /// `xml` or `json`, in any case.
    fn from_str(name: &str) -> Result<Format, UnknownFormat> {
        [Format::Xml, Format::Json]
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| UnknownFormat(name.to_owned()))
    }
}

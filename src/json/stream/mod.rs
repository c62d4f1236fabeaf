//! Streaming: a response's sessions one at a time, from any `BufRead` and to any `Write`,
//! holding one session in memory, however large the document.
//!
//! serde_json cannot hand out the items of an array nested in an object one by one, so the
//! reader follows the top-level object itself (its braces, names, colons and commas, as
//! strictly as JSON has them), cuts each value out of the stream, and hands it to the
//! decoder's own readers: a session to the decoder, any other property's value to
//! serde_json's syntax check. So a stream accepts what whole-document decoding accepts,
//! and reports a problem where and as decoding does (see [`SessionReader`]).

mod reader;
mod scanner;
mod writer;

pub use reader::SessionReader;
pub use writer::SessionWriter;

//! The verdict the session streams share with whole-document decoding, for the fuzz
//! targets that compare them.

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::error::{Category, Result};
use evovoice_contracts::sessions::SessionInfo;

/// The same sessions, or both errors (at the same line, column and path unless the document
/// is not well-formed, where each reports the syntax error it meets first).
pub fn assert_one_verdict(whole: Result<AppGetActiveSessionsResult>, streamed: Result<Vec<SessionInfo>>) {
    match (whole, streamed) {
        (Ok(whole), Ok(sessions)) => assert_eq!(whole.sessions.unwrap_or_default(), sessions),
        (Err(w), Err(s)) if w.category() != Category::Syntax => {
            assert_eq!((w.line(), w.column(), w.path()), (s.line(), s.column(), s.path()), "{w:?} / {s:?}")
        }
        (Err(_), Err(_)) => {}
        (w, s) => panic!("decoding and the stream disagree: {w:?} / {s:?}"),
    }
}

//! Writing a response session by session.

use crate::app::portal::AppGetActiveSessionsResult;
use crate::error::{Error, Result, Segment};
use crate::json::JsonOptions;
use crate::sessions::SessionInfo;
use std::io::Write;

/// Writes an `AppGetActiveSessionsResult` JSON document session by session: the bytes
/// are those [`to_vec`](crate::json::to_vec) writes for the whole value (compact output; the
/// `pretty` option is not applied).
///
/// ```
/// use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
/// use evovoice_contracts::json::{self, stream::SessionWriter, JsonOptions};
/// use evovoice_contracts::sessions::SessionInfo;
///
/// let sessions = vec![SessionInfo::default(), SessionInfo::default()];
/// let mut writer = SessionWriter::new(Vec::new(), &JsonOptions::new()).unwrap();
/// for s in &sessions {
///     writer.write(s).unwrap();
/// }
/// let mut whole = AppGetActiveSessionsResult::default();
/// whole.sessions = Some(sessions);
/// assert_eq!(writer.finish().unwrap(), json::to_vec(&whole).unwrap());
/// ```
pub struct SessionWriter<W: Write> {
    out: W,
    options: JsonOptions,
    index: usize,
}

impl<W: Write> SessionWriter<W> {
    /// Writes everything up to the first session.
    pub fn new(mut out: W, options: &JsonOptions) -> Result<Self> {
        let member = AppGetActiveSessionsResult::sessions_member();
        let name = match options.selected_naming() {
            crate::json::Naming::CamelCase => member.info().camel_name(),
            crate::json::Naming::PascalCase => member.name(),
        };
        write!(out, "{{\"{name}\":[").map_err(Error::io)?;
        Ok(SessionWriter { out, options: options.clone().pretty(false), index: 0 })
    }

    /// Writes one session.
    pub fn write(&mut self, session: &SessionInfo) -> Result<()> {
        if self.index > 0 {
            self.out.write_all(b",").map_err(Error::io)?;
        }
        let bytes = crate::json::to_vec_with(session, &self.options).map_err(|e| {
            e.prepend(Segment::Index(self.index))
                .prepend(Segment::Member(AppGetActiveSessionsResult::sessions_member().name()))
        })?;
        self.out.write_all(&bytes).map_err(Error::io)?;
        self.index += 1;
        Ok(())
    }

    /// Closes the document and flushes the writer.
    pub fn finish(mut self) -> Result<W> {
        self.out.write_all(b"]}").map_err(Error::io)?;
        self.out.flush().map_err(Error::io)?;
        Ok(self.out)
    }
}

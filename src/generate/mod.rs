//! Realistic test data: sessions as Evo Voice's server reports them, deterministic per
//! seed.
//!
//! Identifiers in Evo's style (24 hexadecimal digits), Twilio call and conference SIDs,
//! E.164 phone numbers, SIP URIs, timestamps as .NET's round-trip format writes them
//! (`2026-11-14T09:26:53.1234567Z`), names in several scripts (Latin with diacritics,
//! Cyrillic, Greek, Arabic, Hebrew, Japanese, Chinese, Korean, Devanagari), and text that
//! needs escaping (`&`, `<`, quotes). Call state, queue state, hold reason, members and
//! log of a session go together: a queued call has a caller and no agent yet, a call on
//! hold for a transfer has a transfer target ringing, an ended one has a completion date
//! and an outcome. The sessions of one seed share two to four accounts with their
//! customers (and customer breadcrumbs) and agents.
//!
//! Every value is one that both formats carry alike and that .NET writes back unchanged:
//! no characters XML cannot carry, no carriage returns, only declared enum members, no
//! null dictionary values. The same seed gives the same values, and so the same bytes, on
//! every platform ([`SplitMix64`] is written out in this crate for that reason).
//!
//! ```
//! use evovoice_contracts::generate::{self, Corpus};
//! use evovoice_contracts::{json, xml};
//!
//! let documents: Vec<_> = Corpus::new(7).sessions(1..=4).documents().take(3).collect();
//! assert_eq!(documents, Corpus::new(7).sessions(1..=4).documents().take(3).collect::<Vec<_>>());
//! assert_ne!(documents, Corpus::new(8).sessions(1..=4).documents().take(3).collect::<Vec<_>>());
//!
//! let first = &documents[0];
//! let sessions = first.sessions.as_deref().unwrap();
//! assert!((1..=4).contains(&sessions.len()));
//! assert!(sessions[0].from_phone_number.as_deref().unwrap().starts_with('+'));
//! assert_eq!(sessions[0].entity.id.as_deref().unwrap().len(), 24);
//!
//! // Both formats carry every value.
//! let back: evovoice_contracts::app::portal::AppGetActiveSessionsResult =
//!     json::from_str(&json::to_string(first).unwrap()).unwrap();
//! assert_eq!(&back, first);
//! assert_eq!(&xml::from_str::<evovoice_contracts::app::portal::AppGetActiveSessionsResult>(&xml::to_string(first).unwrap()).unwrap(), first);
//!
//! // A single large response.
//! assert_eq!(generate::result(1, 1000).sessions.unwrap().len(), 1000);
//! ```

mod rng;
mod session;
mod words;
mod world;

pub use rng::SplitMix64;

use crate::app::portal::AppGetActiveSessionsResult;
use crate::sessions::SessionInfo;
use std::ops::RangeInclusive;

/// A seed and the number of sessions per document: the description of a set of
/// generated documents.
///
/// ```
/// use evovoice_contracts::generate::Corpus;
///
/// let corpus = Corpus::new(42).sessions(3..=3);
/// let documents: Vec<_> = corpus.documents().take(5).collect();
/// assert!(documents.iter().all(|d| d.sessions.as_ref().unwrap().len() == 3));
/// // The sessions of one seed share a few accounts.
/// let accounts: std::collections::BTreeSet<_> =
///     documents.iter().flat_map(|d| d.sessions.as_deref().unwrap()).map(|s| s.account_id.clone()).collect();
/// assert!((2..=4).contains(&accounts.len()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corpus {
    seed: u64,
    sessions: RangeInclusive<usize>,
}

impl Corpus {
    /// The documents of `seed`, with one to five sessions each.
    pub fn new(seed: u64) -> Self {
        Corpus { seed, sessions: 1..=5 }
    }

    /// How many sessions each document has: a number in `range`, drawn for each document
    /// (an empty range gives documents with an empty session list).
    pub fn sessions(mut self, range: RangeInclusive<usize>) -> Self {
        self.sessions = range;
        self
    }

    /// The documents, without end; take as many as needed. The first `n` are the same
    /// whatever is taken after them.
    pub fn documents(&self) -> Documents {
        let mut rng = SplitMix64::new(self.seed);
        let world = world::World::new(&mut rng);
        Documents { rng, world, sessions: self.sessions.clone() }
    }
}

/// The documents of a [`Corpus`], without end.
pub struct Documents {
    rng: SplitMix64,
    world: world::World,
    sessions: RangeInclusive<usize>,
}

impl Iterator for Documents {
    type Item = AppGetActiveSessionsResult;

    fn next(&mut self) -> Option<AppGetActiveSessionsResult> {
        let (low, high) = (*self.sessions.start() as u64, *self.sessions.end() as u64);
        let count = if high < low { 0 } else { self.rng.between(low, high) };
        let sessions = (0..count).map(|_| session::session(&mut self.rng, &self.world)).collect();
        Some(AppGetActiveSessionsResult { sessions: Some(sessions) })
    }
}

/// The sessions of `seed`, without end: the same as a [`Corpus`]'s documents hold, in a
/// stream, for responses of any size.
///
/// ```
/// let ids: Vec<_> = evovoice_contracts::generate::sessions(3).take(2).map(|s| s.entity.id.unwrap()).collect();
/// assert_ne!(ids[0], ids[1]);
/// ```
pub fn sessions(seed: u64) -> impl Iterator<Item = SessionInfo> {
    let mut rng = SplitMix64::new(seed);
    let world = world::World::new(&mut rng);
    std::iter::repeat_with(move || session::session(&mut rng, &world))
}

/// One response of `count` sessions of `seed` (the first `count` of [`sessions`]).
///
/// ```
/// let result = evovoice_contracts::generate::result(9, 3);
/// assert_eq!(result.sessions.as_ref().map(Vec::len), Some(3));
/// assert_eq!(result, evovoice_contracts::generate::result(9, 3));
/// ```
pub fn result(seed: u64, count: usize) -> AppGetActiveSessionsResult {
    AppGetActiveSessionsResult { sessions: Some(sessions(seed).take(count).collect()) }
}

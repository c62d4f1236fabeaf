//! `Dictionary<string,string>`: insertion-ordered, with nullable values.

/// .NET's `Dictionary<string,string>` as it travels on the wire: entries keep the order
/// they were inserted in (which is the order .NET writes them), keys are unique and never
/// null, values may be null.
///
/// ```
/// use evovoice_contracts::Dictionary;
///
/// let mut d = Dictionary::new();
/// d.insert("queue", Some("Sales"));
/// d.insert("note", None::<String>);
/// assert_eq!(d.get("queue"), Some(Some("Sales")));
/// assert_eq!(d.get("note"), Some(None));
/// assert_eq!(d.get("other"), None);
/// assert_eq!(d.keys().collect::<Vec<_>>(), ["queue", "note"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dictionary {
    // A vector, not a map: application data holds a handful of entries, and a linear
    // scan over them is faster than hashing while keeping insertion order for free.
    entries: Vec<(String, Option<String>)>,
}

impl Dictionary {
    /// An empty dictionary.
    pub fn new() -> Self {
        Dictionary::default()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value for `key`: `None` when the key is absent, `Some(None)` when its value is
    /// null.
    pub fn get(&self, key: &str) -> Option<Option<&str>> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_deref())
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k == key)
    }

    /// Sets the value for `key`. An existing key keeps its position and its old value is
    /// returned; a new key goes last.
    pub fn insert<K, V>(&mut self, key: K, value: Option<V>) -> Option<Option<String>>
    where
        K: Into<String>,
        V: Into<String>,
    {
        let key = key.into();
        let value = value.map(Into::into);
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => Some(std::mem::replace(v, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    /// Removes every entry, keeping the storage, and hands the keys' and values' strings
    /// to `spare`, for the entries read next (see [`reuse_string`]).
    pub(crate) fn clear_into(&mut self, spare: &mut Vec<String>) {
        for (key, value) in self.entries.drain(..) {
            spare.push(key);
            spare.extend(value);
        }
    }

    /// Appends an entry whose key the caller knows is not present (no scan: decoders check
    /// for repeated keys in their own way, in linear time over large dictionaries).
    pub(crate) fn push_new(&mut self, key: String, value: Option<String>) {
        self.entries.push((key, value));
    }

    /// Replaces the value of the entry at `index` (nothing when there is none).
    pub(crate) fn set_value_at(&mut self, index: usize, value: Option<String>) {
        if let Some(entry) = self.entries.get_mut(index) {
            entry.1 = value;
        }
    }

    /// Removes `key`, returning its value if it was present.
    pub fn remove(&mut self, key: &str) -> Option<Option<String>> {
        let index = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(index).1)
    }

    /// The entries in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, Option<&str>)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v.as_deref()))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_str())
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, Option<V>)> for Dictionary {
    /// Collects entries; a repeated key keeps its first position and its last value.
    fn from_iter<I: IntoIterator<Item = (K, Option<V>)>>(iter: I) -> Self {
        let mut d = Dictionary::new();
        for (k, v) in iter {
            d.insert(k, v);
        }
        d
    }
}

impl IntoIterator for Dictionary {
    type Item = (String, Option<String>);
    type IntoIter = std::vec::IntoIter<(String, Option<String>)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// `text` as an owned string, in a buffer from `spare` when it holds one.
pub(crate) fn reuse_string(spare: &mut Vec<String>, text: std::borrow::Cow<'_, str>) -> String {
    match (spare.pop(), text) {
        (Some(mut buffer), std::borrow::Cow::Borrowed(text)) => {
            buffer.clear();
            buffer.push_str(text);
            buffer
        }
        (buffer, text) => {
            spare.extend(buffer);
            text.into_owned()
        }
    }
}

//! Small, dense stand-ins for what the report joins and counts: keyed pseudonyms as
//! `u128` and then as `u32` ids, names (modalities, institutions...) as `u32` ids, and
//! (cell, member) pairs counted by sorting.
//!
//! A 1,000,000-file scan has up to a million distinct patient, person, study and series
//! keys. As text each costs a 32-byte string plus its allocation; as a `u128` in a hash
//! table about 24 bytes, and every later structure refers to it by a 4-byte id.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keyed pseudonyms. The keys are HMAC-SHA256 outputs under a secret the
/// files' authors do not know, so their bits are already uniform and cannot be chosen to
/// collide: folding them is enough, and much cheaper than SipHash. Integers that are not
/// pseudonyms (ids, years) are mixed with a multiplication (Fibonacci hashing).
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u128(&mut self, k: u128) {
        self.0 ^= (k as u64) ^ ((k >> 64) as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
}

/// Hash tables keyed by pseudonyms or small integers.
pub(crate) type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// "No id": a record without this key.
pub(crate) const NONE: u32 = u32::MAX;

/// A keyed pseudonym (32 hex digits) as a number; `None` for anything else.
pub(crate) fn parse_key(text: &str) -> Option<u128> {
    let b = text.as_bytes();
    if b.len() != 32 {
        return None;
    }
    let mut k: u128 = 0;
    for &c in b {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => return None,
        };
        k = (k << 4) | u128::from(d);
    }
    Some(k)
}

/// A key as two words: a `u128` is 16-byte aligned, which would pad every hash table
/// entry holding one with a `u32` to 32 bytes; as `(u64, u64)` it takes 24.
pub(crate) fn words(key: u128) -> (u64, u64) {
    ((key >> 64) as u64, key as u64)
}

/// Distinct keyed pseudonyms, numbered 0, 1, 2... in order of first sight.
#[derive(Default)]
pub(crate) struct KeyIds {
    ids: KeyMap<(u64, u64), u32>,
}

impl KeyIds {
    /// The id of `key`, numbering it if new.
    pub fn id(&mut self, key: u128) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(words(key)).or_insert(next)
    }

    /// How many distinct keys were seen.
    pub fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Names a linear scan looks through before a hash table is used: statuses, tiers,
/// categories, letters, sexes are a handful, and comparing a few short strings is faster
/// than hashing one.
const SCANNED_NAMES: usize = 24;

/// Distinct names, numbered in order of first sight.
///
/// Names come from files, so a hostile scan may hold many crafted to collide: the table
/// keeps the standard library's keyed SipHash.
#[derive(Default)]
pub(crate) struct Names {
    ids: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    last: u32,
}

impl Names {
    /// The id of `name`, numbering it if new.
    pub fn id(&mut self, name: &str) -> u32 {
        // Files of one study come one after the other: the same institution, modality...
        if let Some(last) = self.names.get(self.last as usize)
            && **last == *name
        {
            return self.last;
        }
        let id = self.find(name).unwrap_or_else(|| {
            let id = self.names.len() as u32;
            self.names.push(name.into());
            if self.names.len() > SCANNED_NAMES {
                if self.ids.is_empty() {
                    let all = self.names.iter().enumerate();
                    self.ids = all.map(|(i, n)| (n.clone(), i as u32)).collect();
                } else {
                    self.ids.insert(name.into(), id);
                }
            }
            id
        });
        self.last = id;
        id
    }

    fn find(&self, name: &str) -> Option<u32> {
        if self.names.len() <= SCANNED_NAMES {
            let i = self.names.iter().position(|n| **n == *name)?;
            return Some(i as u32);
        }
        self.ids.get(name).copied()
    }

    /// The name of an id.
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// How many names.
    pub fn len(&self) -> usize {
        self.names.len()
    }
}

/// A count per name, with "no value" counted apart.
#[derive(Default)]
pub(crate) struct Tally {
    names: Names,
    counts: Vec<u64>,
    missing: u64,
}

impl Tally {
    /// Counts one file under `name` (`None`: the attribute was absent).
    pub fn add(&mut self, name: Option<&str>) {
        let Some(name) = name else {
            self.missing += 1;
            return;
        };
        let id = self.names.id(name) as usize;
        if id == self.counts.len() {
            self.counts.push(0);
        }
        self.counts[id] += 1;
    }

    /// Makes sure `name` is listed, with 0 if never counted.
    pub fn ensure(&mut self, name: &str) {
        let id = self.names.id(name) as usize;
        if id == self.counts.len() {
            self.counts.push(0);
        }
    }

    /// The count of `name`.
    pub fn get(&self, name: &str) -> u64 {
        self.names
            .find(name)
            .map_or(0, |id| self.counts[id as usize])
    }

    /// Every name with its count, then `None` with the files that had no value (when any),
    /// by count descending, then name.
    pub fn ranked(&self) -> Vec<(Option<String>, u64)> {
        let mut rows: Vec<(Option<String>, u64)> = (0..self.names.len())
            .map(|i| (Some(self.names.name(i as u32).to_owned()), self.counts[i]))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        if self.missing > 0 {
            rows.push((None, self.missing));
        }
        rows
    }
}

/// (cell, member) pairs, counted as distinct members per cell: patients per institution,
/// studies per year. Pairs are packed in a `u64` and counted by sorting, which needs 8
/// bytes a pair and no hash table.
#[derive(Default)]
pub(crate) struct DistinctPairs {
    pairs: Vec<u64>,
    last: Option<u64>,
}

impl DistinctPairs {
    /// Notes that `member` is in `cell`. Repeats in a row (the files of one study, one
    /// after the other) are dropped at once.
    pub fn add(&mut self, cell: u32, member: u32) {
        let p = (u64::from(cell) << 32) | u64::from(member);
        if self.last != Some(p) {
            self.pairs.push(p);
            self.last = Some(p);
        }
    }

    /// Distinct members per cell.
    pub fn counts(mut self) -> KeyMap<u32, u64> {
        self.pairs.sort_unstable();
        self.pairs.dedup();
        let mut out = KeyMap::default();
        for p in self.pairs {
            *out.entry((p >> 32) as u32).or_insert(0) += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_as_32_hex_digits_and_nothing_else() {
        assert_eq!(parse_key("00000000000000000000000000000001"), Some(1));
        assert_eq!(
            parse_key("ffffffffffffffffffffffffffffffff"),
            Some(u128::MAX)
        );
        assert_eq!(
            parse_key("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE"),
            Some(u128::MAX - 1)
        );
        assert_eq!(
            parse_key("0000000000000000000000000000001"),
            None,
            "31 digits"
        );
        assert_eq!(parse_key("+0000000000000000000000000000001"), None);
        assert_eq!(parse_key("g0000000000000000000000000000000"), None);
    }

    #[test]
    fn names_are_numbered_once_whether_scanned_or_hashed() {
        let mut names = Names::default();
        let all: Vec<String> = (0..100).map(|i| format!("name {i}")).collect();
        for round in 0..2 {
            for (i, n) in all.iter().enumerate() {
                assert_eq!(names.id(n), i as u32, "round {round}");
            }
        }
        assert_eq!(names.id("name 7"), 7);
        assert_eq!(names.find("name 99"), Some(99));
        assert_eq!(names.find("nobody"), None);
        assert_eq!(names.name(42), "name 42");
        assert_eq!(names.len(), 100);
    }

    #[test]
    fn key_ids_number_keys_in_order_of_first_sight() {
        let mut ids = KeyIds::default();
        assert_eq!(ids.id(7), 0);
        assert_eq!(ids.id(3), 1);
        assert_eq!(ids.id(7), 0);
        assert_eq!(ids.len(), 2);
    }

    #[test]
    fn tally_ranks_by_count_then_name_and_puts_missing_last() {
        let mut t = Tally::default();
        for n in [
            Some("MR"),
            Some("CT"),
            None,
            Some("CT"),
            Some("US"),
            Some("MR"),
        ] {
            t.add(n);
        }
        t.ensure("PT");
        let ranked = t.ranked();
        let names: Vec<_> = ranked.iter().map(|(n, c)| (n.as_deref(), *c)).collect();
        assert_eq!(
            names,
            [
                (Some("CT"), 2),
                (Some("MR"), 2),
                (Some("US"), 1),
                (Some("PT"), 0),
                (None, 1)
            ]
        );
        assert_eq!(t.get("MR"), 2);
        assert_eq!(t.get("XA"), 0);
    }

    #[test]
    fn distinct_pairs_count_each_member_once_per_cell() {
        let mut p = DistinctPairs::default();
        for (c, m) in [(1, 10), (1, 10), (1, 11), (2, 10), (1, 10)] {
            p.add(c, m);
        }
        let counts = p.counts();
        assert_eq!(counts[&1], 2);
        assert_eq!(counts[&2], 1);
    }
}

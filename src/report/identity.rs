//! Records -> people: which files belong to one person, as two partitions that bracket the
//! truth.
//!
//! A *record* is a file with patient data (identifiability above 0). Records are joined
//! with a union-find over their indices (`u32` parents, union by size, path halving), one
//! rule after the other, in this order:
//!
//! 1. `patient_key`: the same issuer + Patient ID (PS3.3 C.7.1.1: an ID is unique within
//!    its issuer).
//! 2. `other_patient_id`: the same Other Patient ID value (the keyed `value_key` of
//!    `patient_other_id` findings).
//! 3. `person_key`: the same normalized name and birth date, only when the file has a
//!    plausible birth year (a name alone is too common to join people).
//! 4. `study`: a record with no usable patient key, other ID nor person key belongs to the
//!    patient of its study: it is joined to the first record of the study that has one (or,
//!    when none has, to the first record of the study).
//!
//! The *upper* partition is the state after rules 1 and 2 (strong keys only: every record
//! without one stands alone); the *lower* partition is the state after all four. Each rule's
//! link count is the number of unions that merged two different sets, so the number of sets
//! falls by exactly that much.
//!
//! Placeholder identities never link, since one of them would merge strangers: a patient key
//! seen with [`PATIENT_KEY_PLACEHOLDER_PERSONS`] or more distinct person keys (an ID such as
//! `000000` typed for every walk-in), an other ID seen with as many, a person key seen with
//! [`PERSON_KEY_PLACEHOLDER_PATIENTS`] or more distinct patient keys, and any key of a file
//! whose Patient ID or Patient's Name value the scan classified as a placeholder.
//!
//! A record with no usable key and no study is *unresolved*: it is counted as a record, not
//! as a person, in neither partition.

use super::intern::{KeyIds, NONE};

/// A patient key seen with this many distinct person keys or more is a placeholder. Two are
/// common for one person (a name typo, a married name); three distinct people under one ID
/// are not one patient.
pub const PATIENT_KEY_PLACEHOLDER_PERSONS: usize = 3;

/// An Other Patient ID seen with this many distinct person keys or more is a placeholder.
pub const OTHER_ID_PLACEHOLDER_PERSONS: usize = 3;

/// A person key seen with this many distinct patient keys or more is a placeholder (a test
/// patient's name and birth date, copied into every site). One person has a few record
/// numbers (one per site, merged records); ten is a pattern, not a person.
pub const PERSON_KEY_PLACEHOLDER_PATIENTS: usize = 10;

/// How many sets each rule merged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Links {
    /// Unions made by the same patient key.
    pub patient_key: u64,
    /// Unions made by the same Other Patient ID.
    pub other_patient_id: u64,
    /// Unions made by the same person key.
    pub person_key: u64,
    /// Records without keys joined to their study's patient.
    pub study: u64,
}

/// Keys that were not used because they look like placeholders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Placeholders {
    /// Distinct patient keys seen with too many person keys.
    pub patient_keys: u64,
    /// Distinct person keys seen with too many patient keys.
    pub person_keys: u64,
    /// Distinct other IDs seen with too many person keys.
    pub other_patient_ids: u64,
    /// Records whose Patient ID or Patient's Name value is a placeholder (`ANONYMOUS`,
    /// `000000`), so that its key was not used.
    pub placeholder_values: u64,
    /// Records with a person key but no plausible birth year, so that it was not used.
    pub person_keys_without_birth_year: u64,
}

/// The identity keys of one record, as ids.
#[derive(Debug, Clone, Copy)]
struct RecordKeys {
    patient: u32,
    person: u32,
    study: u32,
    has_birth_year: bool,
    patient_value_placeholder: bool,
    person_value_placeholder: bool,
}

/// The identity keys of every record, gathered while the inputs are read.
#[derive(Default)]
pub(crate) struct Identities {
    records: Vec<RecordKeys>,
    other_ids: Vec<(u32, u32)>,
    /// (record, person id) of alternate person keys.
    alternate_persons: Vec<(u32, u32)>,
    patients: KeyIds,
    persons: KeyIds,
    others: KeyIds,
}

/// Two partitions of the records into people.
#[derive(Debug, Clone)]
pub(crate) struct Resolution {
    /// Each record's set in the lower-bound partition (all rules); [`NONE`] when the record
    /// is unresolved.
    pub lower: Vec<u32>,
    /// Each record's set in the upper-bound partition (strong keys only); [`NONE`] when the
    /// record is unresolved.
    pub upper: Vec<u32>,
    /// Unions per rule.
    pub links: Links,
    /// Keys not used.
    pub placeholders: Placeholders,
}

impl Identities {
    /// Adds a record and returns its index. `study` is an id shared with the file tallies.
    pub fn add_record(
        &mut self,
        patient_key: Option<u128>,
        person_key: Option<u128>,
        study: u32,
        has_birth_year: bool,
    ) -> u32 {
        let index = self.records.len() as u32;
        self.records.push(RecordKeys {
            patient: patient_key.map_or(NONE, |k| self.patients.id(k)),
            person: person_key.map_or(NONE, |k| self.persons.id(k)),
            study,
            has_birth_year,
            patient_value_placeholder: false,
            person_value_placeholder: false,
        });
        index
    }

    /// Notes an alternate person key of a record (its name's ideographic or phonetic group
    /// keyed alone): it links like the record's own person key.
    pub fn add_person_alternate(&mut self, record: u32, key: u128) {
        let id = self.persons.id(key);
        self.alternate_persons.push((record, id));
    }

    /// Notes an Other Patient ID of a record.
    pub fn add_other_id(&mut self, record: u32, key: u128) {
        let id = self.others.id(key);
        self.other_ids.push((record, id));
    }

    /// The record's Patient ID value is a placeholder: its patient key must not link.
    pub fn patient_value_is_placeholder(&mut self, record: u32) {
        self.records[record as usize].patient_value_placeholder = true;
    }

    /// The record's Patient's Name value is a placeholder: its person key must not link.
    pub fn person_value_is_placeholder(&mut self, record: u32) {
        self.records[record as usize].person_value_placeholder = true;
    }

    /// Resolves the records into the two partitions.
    pub fn resolve(mut self) -> Resolution {
        let n = self.records.len();
        let bad_patient = crowded(
            self.patients.len(),
            self.records.iter().map(|r| (r.patient, r.person)),
            PATIENT_KEY_PLACEHOLDER_PERSONS,
        );
        let bad_person = crowded(
            self.persons.len(),
            self.records.iter().map(|r| (r.person, r.patient)),
            PERSON_KEY_PLACEHOLDER_PATIENTS,
        );
        let records = &self.records;
        let bad_other = crowded(
            self.others.len(),
            self.other_ids
                .iter()
                .map(|&(r, o)| (o, records[r as usize].person)),
            OTHER_ID_PLACEHOLDER_PERSONS,
        );
        self.other_ids.retain(|&(_, o)| !bad_other[o as usize]);
        self.other_ids.sort_unstable();
        self.other_ids.dedup();

        let mut placeholders = Placeholders {
            patient_keys: count_true(&bad_patient),
            person_keys: count_true(&bad_person),
            other_patient_ids: count_true(&bad_other),
            ..Placeholders::default()
        };
        let mut has_other = vec![false; n];
        for &(r, _) in &self.other_ids {
            has_other[r as usize] = true;
        }
        let patient_ok = |r: &RecordKeys| {
            r.patient != NONE && !r.patient_value_placeholder && !bad_patient[r.patient as usize]
        };
        let person_ok = |r: &RecordKeys| {
            r.person != NONE
                && r.has_birth_year
                && !r.person_value_placeholder
                && !bad_person[r.person as usize]
        };
        for r in &self.records {
            let placeholder_value = (r.patient != NONE && r.patient_value_placeholder)
                || (r.person != NONE && r.person_value_placeholder);
            placeholders.placeholder_values += u64::from(placeholder_value);
            placeholders.person_keys_without_birth_year +=
                u64::from(r.person != NONE && !r.has_birth_year);
        }
        let keyed: Vec<bool> = self
            .records
            .iter()
            .zip(&has_other)
            .map(|(r, &other)| patient_ok(r) || other || person_ok(r))
            .collect();
        let unresolved = |i: usize| -> bool { !keyed[i] && self.records[i].study == NONE };

        let mut sets = UnionFind::new(n);
        let mut links = Links::default();
        let patient_members = self
            .records
            .iter()
            .enumerate()
            .filter(|(_, r)| patient_ok(r))
            .map(|(i, r)| (r.patient, i as u32));
        links.patient_key = sets.join_by(self.patients.len(), patient_members);
        let other_members = self.other_ids.iter().map(|&(r, o)| (o, r));
        links.other_patient_id = sets.join_by(self.others.len(), other_members);

        // Each record's person under the links made so far (NONE: an unresolved record).
        let people = |sets: &mut UnionFind| -> Vec<u32> {
            (0..n)
                .map(|i| {
                    if unresolved(i) {
                        NONE
                    } else {
                        sets.find(i as u32)
                    }
                })
                .collect()
        };
        let upper = people(&mut sets);

        let alternates = self
            .alternate_persons
            .iter()
            .filter(|&&(r, p)| {
                let rec = &self.records[r as usize];
                person_ok(rec) && !bad_person[p as usize]
            })
            .map(|&(r, p)| (p, r));
        let person_members = self
            .records
            .iter()
            .enumerate()
            .filter(|(_, r)| person_ok(r))
            .map(|(i, r)| (r.person, i as u32))
            .chain(alternates);
        links.person_key = sets.join_by(self.persons.len(), person_members);
        links.study = join_studies(&mut sets, &self.records, &keyed);

        let lower = people(&mut sets);
        Resolution {
            lower,
            upper,
            links,
            placeholders,
        }
    }
}

/// Rule 4: each record without a usable key joins its study's anchor: the study's first
/// record with a key, else its first record. Returns the unions made.
fn join_studies(sets: &mut UnionFind, records: &[RecordKeys], keyed: &[bool]) -> u64 {
    let studies = records
        .iter()
        .filter(|r| r.study != NONE)
        .map(|r| r.study as usize + 1)
        .max()
        .unwrap_or(0);
    let mut keyed_anchor = vec![NONE; studies];
    let mut any_anchor = vec![NONE; studies];
    for (i, r) in records.iter().enumerate() {
        if r.study == NONE {
            continue;
        }
        let s = r.study as usize;
        if keyed[i] && keyed_anchor[s] == NONE {
            keyed_anchor[s] = i as u32;
        }
        if any_anchor[s] == NONE {
            any_anchor[s] = i as u32;
        }
    }
    let mut links = 0;
    for (i, r) in records.iter().enumerate() {
        if keyed[i] || r.study == NONE {
            continue;
        }
        let s = r.study as usize;
        let anchor = if keyed_anchor[s] != NONE {
            keyed_anchor[s]
        } else {
            any_anchor[s]
        };
        links += u64::from(sets.union(i as u32, anchor));
    }
    links
}

/// Which keys (ids `0..keys`) are seen with `limit` or more distinct partners; pairs with
/// [`NONE`] on either side are ignored.
fn crowded(keys: usize, pairs: impl Iterator<Item = (u32, u32)>, limit: usize) -> Vec<bool> {
    let mut packed: Vec<u64> = pairs
        .filter(|&(k, p)| k != NONE && p != NONE)
        .map(|(k, p)| (u64::from(k) << 32) | u64::from(p))
        .collect();
    packed.sort_unstable();
    packed.dedup();
    let mut partners = vec![0usize; keys];
    for p in packed {
        partners[(p >> 32) as usize] += 1;
    }
    partners.into_iter().map(|c| c >= limit).collect()
}

fn count_true(flags: &[bool]) -> u64 {
    flags.iter().filter(|&&b| b).count() as u64
}

/// Disjoint sets over `0..n`, with union by size and path halving: near-constant time per
/// operation, 8 bytes per element.
pub(crate) struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    /// The representative of `x`'s set.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grandparent = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grandparent;
            x = grandparent;
        }
        x
    }

    /// Merges the sets of `a` and `b`; `true` when they were different sets.
    pub fn union(&mut self, a: u32, b: u32) -> bool {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return false;
        }
        if self.size[a as usize] < self.size[b as usize] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b as usize] = a;
        self.size[a as usize] += self.size[b as usize];
        true
    }

    /// Joins every member to the first member seen with the same key (ids `0..keys`);
    /// returns the unions made.
    fn join_by(&mut self, keys: usize, members: impl Iterator<Item = (u32, u32)>) -> u64 {
        let mut first = vec![NONE; keys];
        let mut links = 0;
        for (key, member) in members {
            let f = &mut first[key as usize];
            if *f == NONE {
                *f = member;
            } else {
                links += u64::from(self.union(member, *f));
            }
        }
        links
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distinct sets among resolved records.
    fn sets(partition: &[u32]) -> usize {
        let mut roots: Vec<u32> = partition.iter().copied().filter(|&r| r != NONE).collect();
        roots.sort_unstable();
        roots.dedup();
        roots.len()
    }

    #[test]
    fn union_find_counts_only_merges_of_different_sets() {
        let mut uf = UnionFind::new(4);
        assert!(uf.union(0, 1));
        assert!(!uf.union(1, 0));
        assert!(uf.union(2, 3));
        assert!(uf.union(0, 3));
        assert_eq!(uf.find(2), uf.find(1));
    }

    #[test]
    fn one_person_under_two_record_numbers_is_two_upper_and_one_lower() {
        let mut ids = Identities::default();
        ids.add_record(Some(1), Some(100), 0, true);
        ids.add_record(Some(1), Some(100), 0, true);
        ids.add_record(Some(2), Some(100), 1, true);
        let r = ids.resolve();
        assert_eq!(sets(&r.upper), 2);
        assert_eq!(sets(&r.lower), 1);
        assert_eq!(
            r.links,
            Links {
                patient_key: 1,
                person_key: 1,
                ..Links::default()
            }
        );
    }

    #[test]
    fn an_ideographic_alternate_links_to_a_file_that_wrote_only_that_group() {
        // File 0: alphabetic name (key 100) with the ideographic group as alternate (200);
        // file 1 at another site wrote only the ideographic group: its key is 200.
        let mut ids = Identities::default();
        let a = ids.add_record(Some(1), Some(100), NONE, true);
        ids.add_person_alternate(a, 200);
        ids.add_record(Some(2), Some(200), NONE, true);
        let r = ids.resolve();
        assert_eq!(sets(&r.upper), 2);
        assert_eq!(sets(&r.lower), 1);
        assert_eq!(r.links.person_key, 1);
    }

    #[test]
    fn a_patient_key_with_three_names_is_a_placeholder_and_never_links() {
        let mut ids = Identities::default();
        for person in [100, 101, 102] {
            ids.add_record(Some(9), Some(person), NONE, true);
        }
        let r = ids.resolve();
        assert_eq!(r.placeholders.patient_keys, 1);
        assert_eq!(r.links, Links::default());
        assert_eq!(sets(&r.upper), 3);
        assert_eq!(sets(&r.lower), 3);
        assert!(r.lower.iter().all(|&s| s != NONE), "keyed by person");
    }

    #[test]
    fn a_person_key_with_ten_patient_keys_is_a_placeholder() {
        let mut ids = Identities::default();
        for patient in 0..10 {
            ids.add_record(Some(patient), Some(7), NONE, true);
        }
        let r = ids.resolve();
        assert_eq!(r.placeholders.person_keys, 1);
        assert_eq!(sets(&r.lower), 10);
    }

    #[test]
    fn keyless_records_join_the_keyed_record_of_their_study_in_the_lower_bound_only() {
        let mut ids = Identities::default();
        ids.add_record(None, None, 5, false);
        ids.add_record(Some(1), None, 5, false);
        ids.add_record(None, None, 5, false);
        ids.add_record(None, None, 6, false);
        ids.add_record(None, None, 6, false);
        let r = ids.resolve();
        assert_eq!(r.links.study, 3);
        assert_eq!(sets(&r.lower), 2);
        assert_eq!(sets(&r.upper), 5);
        assert_eq!(r.lower[0], r.lower[1]);
    }

    #[test]
    fn a_record_without_keys_nor_study_is_unresolved() {
        let mut ids = Identities::default();
        ids.add_record(None, None, NONE, true);
        ids.add_record(Some(3), None, NONE, true);
        let r = ids.resolve();
        assert_eq!(r.lower[0], NONE);
        assert_eq!(r.upper[0], NONE);
        assert_ne!(r.lower[1], NONE);
    }

    #[test]
    fn person_keys_without_a_birth_year_and_placeholder_values_do_not_link() {
        let mut ids = Identities::default();
        ids.add_record(Some(1), Some(50), NONE, false);
        ids.add_record(Some(2), Some(50), NONE, false);
        let a = ids.add_record(Some(3), Some(60), NONE, true);
        ids.add_record(Some(3), Some(61), NONE, true);
        ids.patient_value_is_placeholder(a);
        let r = ids.resolve();
        assert_eq!(r.links, Links::default());
        assert_eq!(r.placeholders.person_keys_without_birth_year, 2);
        assert_eq!(r.placeholders.placeholder_values, 1);
    }

    #[test]
    fn other_ids_link_in_both_bounds() {
        let mut ids = Identities::default();
        let a = ids.add_record(Some(1), Some(10), NONE, true);
        let b = ids.add_record(Some(2), Some(11), NONE, true);
        ids.add_other_id(a, 77);
        ids.add_other_id(b, 77);
        ids.add_other_id(b, 77);
        let r = ids.resolve();
        assert_eq!(r.links.other_patient_id, 1);
        assert_eq!(sets(&r.upper), 1);
    }
}

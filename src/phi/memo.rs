//! Each thread's memory of the verdicts that depend on a value alone: whether it is a
//! placeholder or a pseudonym ([`placeholder::classify`]) and what patterns its text holds
//! ([`detect::scan_text`]).
//!
//! The files of an archive come in series: a CT series is hundreds of files whose headers
//! differ in a few UIDs and numbers, and share the patient, the institution, the
//! descriptions and the comments. Those verdicts were a third of the scoring's work, and
//! nearly all of it was done again on a value seen a file before. A verdict remembered is
//! a hash and a comparison of the value's bytes.
//!
//! The memory is a direct-mapped table of a fixed number of slots per thread: a new value
//! takes its slot from whatever held it, so it never grows, and a value that shares a slot
//! with another (by chance or by design of a hostile file) costs a fresh verdict, never a
//! wrong one, since the whole value is compared. Values longer than a bound are never kept.
//! Nothing here leaves the thread or the process, and a key never reaches an output.

use std::cell::RefCell;

use super::category::{Category, ValueState};
use super::detect::{self, TextHit};
use super::placeholder;
use crate::keys::Keyer;
use crate::reader::Vr;

/// Slots of each table: enough for the distinct values of a few series at once.
const SLOTS: usize = 2048;

/// Longest value kept, in bytes. Longer ones (free-text reports) are rarely repeated and
/// would make the tables large: at most `SLOTS * MAX_KEPT` bytes of keys a table.
const MAX_KEPT: usize = 512;

/// A direct-mapped table from byte strings to verdicts.
pub(crate) struct Memo<V> {
    slots: Vec<Option<Slot<V>>>,
}

struct Slot<V> {
    key: Box<[u8]>,
    value: V,
}

impl<V> Memo<V> {
    /// An empty table of `slots` slots (a power of two).
    pub(crate) fn new(slots: usize) -> Memo<V> {
        debug_assert!(slots.is_power_of_two());
        Memo {
            slots: std::iter::repeat_with(|| None).take(slots).collect(),
        }
    }

    /// Calls `then` with the verdict on `key`: the one remembered, or the one `make`
    /// returns, which is remembered when the key is short enough.
    pub(crate) fn with<R>(
        &mut self,
        key: &[u8],
        make: impl FnOnce() -> V,
        then: impl FnOnce(&V) -> R,
    ) -> R {
        if key.len() > MAX_KEPT || self.slots.is_empty() {
            return then(&make());
        }
        let index = (hash(key) as usize) & (self.slots.len() - 1);
        let slot = &mut self.slots[index];
        match slot {
            Some(s) if *s.key == *key => then(&s.value),
            _ => {
                let value = make();
                let kept = slot.insert(Slot {
                    key: key.into(),
                    value,
                });
                then(&kept.value)
            }
        }
    }
}

/// FxHash-style multiply-rotate over 8-byte words: a table index, not a defence (the
/// whole key is compared on every hit).
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes(c.try_into().unwrap_or_default());
        h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    // The high bits are the best mixed; fold them down for the mask.
    h ^ (h >> 29)
}

thread_local! {
    static STATES: RefCell<Memo<ValueState>> = RefCell::new(Memo::new(SLOTS));
    static TEXT_HITS: RefCell<Memo<Vec<TextHit>>> = RefCell::new(Memo::new(SLOTS));
    static TEXT_WORDS: RefCell<Memo<Vec<TextWord>>> = RefCell::new(Memo::new(SLOTS));
}

/// One word of a free text (a run of letters), and its keyed token when the word could be
/// part of a name: capitalized (or in a script without case), two letters or more, not a
/// word of imaging descriptions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct TextWord {
    /// Byte offset of the word in the text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// [`super::token_key`] of the word, when it could be part of a name.
    pub token: Option<u64>,
}

/// Calls `then` with the words of `text` in order, remembered by keyer and text.
pub(crate) fn text_words<R>(text: &str, keyer: &Keyer, then: impl FnOnce(&[TextWord]) -> R) -> R {
    let make = || words_of(text, keyer);
    if text.len() + 8 > MAX_KEPT {
        return then(&make());
    }
    let mut key = [0u8; MAX_KEPT];
    key[..8].copy_from_slice(&keyer.cache_id().to_le_bytes());
    key[8..8 + text.len()].copy_from_slice(text.as_bytes());
    TEXT_WORDS.with(|memo| {
        memo.borrow_mut()
            .with(&key[..8 + text.len()], make, |w| then(w))
    })
}

/// Words of imaging descriptions and reports that are never taken for names.
fn is_common_word(word: &str) -> bool {
    const COMMON: &[&str] = &[
        "THE",
        "AND",
        "FOR",
        "WITH",
        "WITHOUT",
        "PATIENT",
        "STUDY",
        "SERIES",
        "IMAGE",
        "IMAGES",
        "AXIAL",
        "SAGITTAL",
        "CORONAL",
        "CHEST",
        "HEAD",
        "BRAIN",
        "ABDOMEN",
        "PELVIS",
        "SPINE",
        "KNEE",
        "CONTRAST",
        "SCOUT",
        "LOCALIZER",
        "ROUTINE",
        "PROTOCOL",
        "REPORT",
        "FINDINGS",
        "IMPRESSION",
        "NORMAL",
        "LEFT",
        "RIGHT",
        "ANONYMOUS",
        "UNKNOWN",
        "DERIVED",
        "PRIMARY",
        "SECONDARY",
        "ORIGINAL",
        "OTHER",
        "HOSPITAL",
        "CLINIC",
        "CENTER",
        "CENTRE",
        "MEDICAL",
        "RADIOLOGY",
        "DEPARTMENT",
        "DOCTOR",
        "PHYSICIAN",
    ];
    COMMON.iter().any(|c| c.eq_ignore_ascii_case(word))
}

fn words_of(text: &str, keyer: &Keyer) -> Vec<TextWord> {
    let mut words = Vec::new();
    let mut start = None;
    let mut push = |start: usize, end: usize| {
        let word = &text[start..end];
        let first = word.chars().next().unwrap_or(' ');
        let capitalized = first.is_uppercase() || !first.is_ascii();
        let candidate = capitalized && word.chars().nth(1).is_some() && !is_common_word(word);
        words.push(TextWord {
            start,
            end,
            token: candidate.then(|| super::token_key(keyer, word)),
        });
    };
    for (i, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len());
    }
    words
}

/// [`placeholder::classify`], remembered.
pub(crate) fn classify(value: &str, category: Category, vr: Vr) -> ValueState {
    // UIDs are decided by a glance at their first bytes and are unique to a file or a
    // series: remembering them would only push out the values that repeat.
    if vr == Vr::UI || value.len() + 3 > MAX_KEPT {
        return placeholder::classify(value, category, vr);
    }
    let mut key = [0u8; MAX_KEPT];
    let vr_bytes = vr.as_str().as_bytes();
    key[0] = category as u8;
    key[1..3].copy_from_slice(&vr_bytes[..2]);
    key[3..3 + value.len()].copy_from_slice(value.as_bytes());
    let key = &key[..3 + value.len()];
    STATES.with(|memo| {
        memo.borrow_mut().with(
            key,
            || placeholder::classify(value, category, vr),
            |state| *state,
        )
    })
}

/// [`detect::scan_text`], remembered: appends the hits of `text` to `out`.
pub(crate) fn scan_text(text: &str, out: &mut Vec<TextHit>) {
    if text.len() > MAX_KEPT {
        detect::scan_text(text, out);
        return;
    }
    TEXT_HITS.with(|memo| {
        memo.borrow_mut().with(
            text.as_bytes(),
            || {
                let mut hits = Vec::new();
                detect::scan_text(text, &mut hits);
                hits
            },
            |hits| out.extend_from_slice(hits),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_verdict_is_made_once() {
        let mut memo: Memo<usize> = Memo::new(8);
        let mut made = 0;
        for _ in 0..3 {
            let v = memo.with(
                b"DOE^JANE",
                || {
                    made += 1;
                    7
                },
                |v| *v,
            );
            assert_eq!(v, 7);
        }
        assert_eq!(made, 1);
    }

    #[test]
    fn values_sharing_a_slot_each_get_their_own_verdict() {
        // One slot: every key collides, and each must still get its own value.
        let mut memo: Memo<Vec<u8>> = Memo::new(1);
        for round in 0..2 {
            for key in [&b"A"[..], b"B", b"AB", b""] {
                let got = memo.with(key, || key.to_vec(), |v| v.clone());
                assert_eq!(got, key, "round {round}");
            }
        }
    }

    #[test]
    fn long_values_are_decided_but_not_kept() {
        let mut memo: Memo<usize> = Memo::new(4);
        let long = vec![b'x'; MAX_KEPT + 1];
        let mut made = 0;
        for _ in 0..2 {
            memo.with(
                &long,
                || {
                    made += 1;
                    made
                },
                |_| (),
            );
        }
        assert_eq!(made, 2);
        assert!(memo.slots.iter().all(Option::is_none));
    }

    #[test]
    fn remembered_verdicts_equal_fresh_ones() {
        use Category::*;
        let cases = [
            ("ANONYMOUS", PatientName, Vr::PN),
            ("ANONYMOUS", PatientId, Vr::LO),
            ("DOE^JANE", PatientName, Vr::PN),
            ("19000101", BirthDate, Vr::DA),
            ("19000101", Dates, Vr::DA),
            ("1.2.3", Uid, Vr::UI),
            ("LIDC-IDRI-0001", PatientId, Vr::LO),
        ];
        for _ in 0..2 {
            for (value, category, vr) in cases {
                assert_eq!(
                    classify(value, category, vr),
                    placeholder::classify(value, category, vr),
                    "{value} as {category:?} {vr:?}"
                );
            }
        }
        let text = "Call 555-867-5309 or mail zz.test@example.org; SSN 078-05-1120";
        let mut fresh = Vec::new();
        detect::scan_text(text, &mut fresh);
        assert!(!fresh.is_empty());
        for _ in 0..2 {
            let mut got = vec![];
            scan_text(text, &mut got);
            assert_eq!(got, fresh);
        }
    }
}

//! Specific Character Set (0008,0005): which bytes mean which characters in
//! SH, LO, UC, ST, LT, UT and PN values (PS3.5 6.1, PS3.3 C.12.1.1.2).
//!
//! [`SpecificCharacterSet::from_value`] reads the attribute once per data set
//! (or sequence item, PS3.5 7.5.3), never failing: unknown terms are kept and
//! reported. [`SpecificCharacterSet::decode`] then turns one value's bytes
//! into text and says in [`DecodeIssues`] what it had to guess or replace.
//!
//! Most values are plain ASCII, so that case is a scan and a borrow. The rest
//! goes one of three ways:
//! - a set without code extensions (ISO_IR 192, GB18030, GBK) decodes the
//!   whole value with encoding_rs;
//! - a value without ESC and without a G1 set (no (0008,0005), or ISO_IR 6)
//!   is guessed: UTF-8 if it is valid UTF-8, else Latin-1;
//! - everything else walks the ISO 2022 state machine in [`iso2022`], which
//!   follows escape sequences (PS3.5 6.1.2.5) and resets at the points
//!   PS3.5 6.1.2.5.3 names for the value's [`TextKind`].
//!
//! Nothing is trimmed and values are not split here; splitting on `\` must
//! happen after decoding, because a 0x5C byte can be half of a JIS X 0208
//! character.

mod code_elements;
mod iso2022;
mod terms;

use std::borrow::Cow;
use std::fmt;
use std::ops::{BitOr, BitOrAssign};

use code_elements::{Designation, G0Set, G1Set};
use iso2022::{CodeState, ESC};
use terms::{Recognition, StandAlone, Term};

/// Parsed value of Specific Character Set (0008,0005).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpecificCharacterSet {
    /// G0 and G1 as value 1 sets them: the state at the start of every value
    /// and after every reset point.
    initial: CodeState,
    /// Every designation a recognised value declares; escape sequences to
    /// other sets are flagged.
    declared: Vec<Designation>,
    /// Set when value 1 is a set that allows no code extensions.
    stand_alone: Option<StandAlone>,
    /// True when value 1 is ISO_IR 13 or ISO 2022 IR 13, whose values
    /// without escapes are read as Shift_JIS (see [`Self::decode`]).
    japanese_single_byte: bool,
    /// Values we did not recognise, as written.
    unknown: Vec<String>,
    /// Values recognised only after fixing their spelling, as written.
    corrected: Vec<String>,
}

impl SpecificCharacterSet {
    /// From the raw value bytes of (0008,0005): backslash-separated defined
    /// terms, space/NUL padded; the first value may be empty (meaning default
    /// repertoire ISO-IR 6 in G0). Never fails: unknown terms are remembered
    /// and reported.
    pub fn from_value(raw: &[u8]) -> Self {
        let mut charset = Self::default();
        for (index, value) in raw.split(|&byte| byte == b'\\').enumerate() {
            let written = String::from_utf8_lossy(trim_padding(value));
            if index == 0 {
                charset.set_first_value(&written);
            } else if charset.stand_alone.is_none() && !written.is_empty() {
                // PS3.5 6.1.2.5.4 d: after a stand-alone set, pydicom ignores
                // the other values; so do we.
                charset.add_extension(&written);
            }
        }
        charset
    }

    /// True when no (0008,0005) or only ISO_IR 6 / empty.
    pub fn is_default(&self) -> bool {
        self.initial == CodeState::default()
            && self.stand_alone.is_none()
            && self.declared.is_empty()
            && self.unknown.is_empty()
    }

    /// Terms that were not recognised (as written, trimmed).
    pub fn unknown_terms(&self) -> &[String] {
        &self.unknown
    }

    /// Terms that were recognised only after repairing their spelling, such
    /// as `ISO_IR_100` or `ISO IR 100` (as written, trimmed). They are used as
    /// the term they stand for; this is for reporting.
    pub fn corrected_terms(&self) -> &[String] {
        &self.corrected
    }

    /// Decode a value's bytes. `kind` decides where ISO 2022 state resets
    /// (PS3.5 6.1.2.5.3).
    pub fn decode<'a>(&self, bytes: &'a [u8], kind: TextKind) -> DecodedText<'a> {
        // ASCII means the same in every DICOM character set, and needs no
        // allocation: the hot path.
        if !bytes.iter().any(|&byte| byte >= 0x80 || byte == ESC) {
            return DecodedText::clean(Cow::Borrowed(decode_ascii(bytes)));
        }
        let mut decoded = self.decode_non_ascii(bytes, kind);
        if !self.unknown.is_empty() {
            decoded.issues |= DecodeIssues::UNKNOWN_TERM;
        }
        decoded
    }

    /// [`Self::decode`] for values with a high byte or an ESC.
    fn decode_non_ascii<'a>(&self, bytes: &'a [u8], kind: TextKind) -> DecodedText<'a> {
        if let Some(set) = self.stand_alone {
            return decode_stand_alone(set, bytes);
        }
        let has_escape = bytes.contains(&ESC);
        if !has_escape && self.initial.g1 == G1Set::None {
            return guess_undeclared(bytes);
        }
        if !has_escape && self.japanese_single_byte {
            // pydicom reads ISO_IR 13 as Python's shift_jis; we do the same,
            // because writers put Shift_JIS kanji under that term, and
            // Shift_JIS decodes JIS X 0201 bytes exactly as we would.
            return decode_whole(encoding_rs::SHIFT_JIS, bytes);
        }
        let (text, issues) = iso2022::decode(bytes, self.initial, &self.declared, kind);
        DecodedText {
            text: Cow::Owned(text),
            issues,
        }
    }

    /// Value 1: the initial G0 and G1 (PS3.5 6.1.2.5.2).
    fn set_first_value(&mut self, written: &str) {
        if written.is_empty() {
            return;
        }
        let Some(term) = self.recognise(written) else {
            return;
        };
        if let Term::StandAlone(set) = term {
            self.stand_alone = Some(set);
            return;
        }
        self.declare(term);
        // A two-byte G0 set cannot be in force at the start of a value: the
        // writer designates it with an escape (pydicom's iso2022_jp codec
        // starts in ASCII too). A G1 set can, as with ISO 2022 IR 149, whose
        // bytes pydicom decodes as EUC-KR without any escape.
        if let Some(g0) = term.g0().filter(|set| !set.is_two_byte()) {
            self.initial.g0 = g0;
        }
        if let Some(g1) = term.g1() {
            self.initial.g1 = g1;
        }
        self.japanese_single_byte = term == Term::JisX0201;
    }

    /// Values 2 and on: sets that escape sequences may invoke.
    fn add_extension(&mut self, written: &str) {
        match self.recognise(written) {
            // PS3.5 6.1.2.5.4 d: these cannot be code extensions; pydicom
            // drops them with a warning.
            Some(Term::StandAlone(_)) | None => {}
            Some(term) => self.declare(term),
        }
    }

    /// Records the designations of a recognised term.
    fn declare(&mut self, term: Term) {
        let designations = [
            term.g0().map(Designation::G0),
            term.g1().map(Designation::G1),
        ];
        for designation in designations.into_iter().flatten() {
            // ESC ( B is always allowed, so ASCII need not be listed; leaving
            // it out keeps `ISO_IR 6` equal to no value at all.
            let is_ascii = designation == Designation::G0(G0Set::Ascii);
            if !is_ascii && !self.declared.contains(&designation) {
                self.declared.push(designation);
            }
        }
    }

    /// Recognises a term, remembering it when unknown or misspelled.
    fn recognise(&mut self, written: &str) -> Option<Term> {
        match terms::recognise(written) {
            Recognition::Exact(term) => Some(term),
            Recognition::Corrected(term) => {
                self.corrected.push(written.to_owned());
                Some(term)
            }
            Recognition::Unknown => {
                self.unknown.push(written.to_owned());
                None
            }
        }
    }
}

/// Strips the space and NUL padding around one value of (0008,0005); its VR
/// is CS, where leading and trailing spaces are insignificant (PS3.5 6.2).
fn trim_padding(value: &[u8]) -> &[u8] {
    let is_padding = |byte: &u8| *byte == b' ' || *byte == 0;
    let start = value.iter().position(|b| !is_padding(b)).unwrap_or(value.len());
    let end = value.iter().rposition(|b| !is_padding(b)).map_or(start, |last| last + 1);
    value.get(start..end).unwrap_or_default()
}

/// Bytes already known to be ASCII as a str; an empty str if they are not,
/// which the caller rules out.
fn decode_ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// A whole value in a set that allows no code extensions. ESC bytes have no
/// meaning there, so they are kept (as U+001B) and flagged.
fn decode_stand_alone(set: StandAlone, bytes: &[u8]) -> DecodedText<'_> {
    let mut decoded = match set {
        StandAlone::Utf8 => decode_utf8(bytes),
        StandAlone::Gb18030 => decode_whole(encoding_rs::GB18030, bytes),
        StandAlone::Gbk => decode_whole(encoding_rs::GBK, bytes),
    };
    if bytes.contains(&ESC) {
        decoded.issues |= DecodeIssues::UNKNOWN_ESCAPE;
    }
    decoded
}

/// ISO_IR 192: borrowed when valid, U+FFFD for each bad sequence otherwise.
fn decode_utf8(bytes: &[u8]) -> DecodedText<'_> {
    match String::from_utf8_lossy(bytes) {
        Cow::Borrowed(text) => DecodedText::clean(Cow::Borrowed(text)),
        Cow::Owned(text) => DecodedText {
            text: Cow::Owned(text),
            issues: DecodeIssues::INVALID_BYTES,
        },
    }
}

/// A whole value through one encoding_rs decoder.
fn decode_whole(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> DecodedText<'_> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let issues = if had_errors {
        DecodeIssues::INVALID_BYTES
    } else {
        DecodeIssues::default()
    };
    DecodedText { text, issues }
}

/// Non-ASCII bytes with no character set that covers them (PS3.5 6.1.2.1
/// allows only ISO-IR 6 then): UTF-8 when the whole value is valid UTF-8,
/// which is what modern writers that forget (0008,0005) produce; Latin-1
/// otherwise, because every byte is a Latin-1 character and nothing is lost.
fn guess_undeclared(bytes: &[u8]) -> DecodedText<'_> {
    match std::str::from_utf8(bytes) {
        Ok(text) => DecodedText {
            text: Cow::Borrowed(text),
            issues: DecodeIssues::UNDECLARED_UTF8,
        },
        Err(_) => DecodedText {
            text: Cow::Owned(bytes.iter().map(|&byte| char::from(byte)).collect()),
            issues: DecodeIssues::UNDECLARED_LATIN1,
        },
    }
}

/// How a value's text is delimited, which decides where ISO 2022 escape
/// state is reset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    /// PN: resets at `^` and `=` as well as `\` and control characters.
    PersonName,
    /// SH, LO, UC and other multi-valued strings: resets at `\` and control
    /// characters.
    MultiValued,
    /// ST, LT, UT: resets at control characters (CR, LF, FF, TAB) only.
    Text,
}

impl TextKind {
    /// True when `byte`, read in a single-byte G0 set, returns the state to
    /// value 1's sets (PS3.5 6.1.2.5.3). Control characters are handled by
    /// the decoder for every kind.
    fn resets_at(self, byte: u8) -> bool {
        match self {
            Self::PersonName => matches!(byte, b'^' | b'=' | b'\\'),
            Self::MultiValued => byte == b'\\',
            Self::Text => false,
        }
    }
}

/// One decoded value and what happened while decoding it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedText<'a> {
    /// The text; borrowed from the input when it could be used as it is.
    pub text: Cow<'a, str>,
    /// What was guessed or replaced; empty for a clean decode.
    pub issues: DecodeIssues,
}

impl<'a> DecodedText<'a> {
    /// Text decoded without any issue.
    fn clean(text: Cow<'a, str>) -> Self {
        Self {
            text,
            issues: DecodeIssues::default(),
        }
    }
}

/// What went wrong or was guessed while decoding (a bit set).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DecodeIssues(u8);

impl DecodeIssues {
    /// Non-ASCII bytes with no charset declared, decoded as UTF-8.
    pub const UNDECLARED_UTF8: Self = Self(1);
    /// Non-ASCII bytes with no charset declared, not valid UTF-8, decoded as
    /// Latin-1.
    pub const UNDECLARED_LATIN1: Self = Self(1 << 1);
    /// The charset had an unknown defined term; decoded with what was known.
    /// Only set for values with non-ASCII bytes or escapes, the only ones an
    /// unknown term could change.
    pub const UNKNOWN_TERM: Self = Self(1 << 2);
    /// An ESC sequence not among the declared/known ones (or a broken one).
    pub const UNKNOWN_ESCAPE: Self = Self(1 << 3);
    /// Bytes that are not valid in the active set (shown as U+FFFD, never
    /// dropped).
    pub const INVALID_BYTES: Self = Self(1 << 4);

    /// Every flag with its name, for `Debug`.
    const NAMED: [(Self, &'static str); 5] = [
        (Self::UNDECLARED_UTF8, "UNDECLARED_UTF8"),
        (Self::UNDECLARED_LATIN1, "UNDECLARED_LATIN1"),
        (Self::UNKNOWN_TERM, "UNKNOWN_TERM"),
        (Self::UNKNOWN_ESCAPE, "UNKNOWN_ESCAPE"),
        (Self::INVALID_BYTES, "INVALID_BYTES"),
    ];

    /// True when nothing went wrong.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True when every flag of `other` is set here.
    pub fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// The flags of both.
    #[must_use]
    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// The raw bits, for storing in a column.
    pub fn bits(self) -> u8 {
        self.0
    }
}

impl BitOr for DecodeIssues {
    type Output = Self;

    fn bitor(self, other: Self) -> Self {
        self.union(other)
    }
}

impl BitOrAssign for DecodeIssues {
    fn bitor_assign(&mut self, other: Self) {
        *self = self.union(other);
    }
}

impl fmt::Debug for DecodeIssues {
    /// Lists the flag names, e.g. `DecodeIssues(UNKNOWN_ESCAPE | INVALID_BYTES)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Self::NAMED
            .iter()
            .filter(|(flag, _)| self.contains(*flag))
            .map(|&(_, name)| name)
            .collect();
        write!(f, "DecodeIssues({})", names.join(" | "))
    }
}

#[cfg(test)]
mod tests;

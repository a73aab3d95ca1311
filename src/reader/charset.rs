//! Specific Character Set (0008,0005): which bytes mean which characters in
//! SH, LO, UC, ST, LT, UT and PN values (PS3.5 6.1, PS3.3 C.12.1.1.2).
//!
//! [`SpecificCharacterSet::from_value`] reads the attribute once per data set
//! (or sequence item, PS3.5 7.5.3), never failing: unknown terms are kept and
//! reported. [`SpecificCharacterSet::decode`] then turns one value's bytes
//! into text and says in [`DecodeIssues`] what it had to guess or replace.
//!
//! Most values are plain ASCII, so that case is a scan and a borrow. The rest
//! goes one of four ways:
//! - a set without code extensions (ISO_IR 192, GB18030, GBK) decodes the
//!   whole value with encoding_rs;
//! - a value without ESC and without a G1 set (no (0008,0005), or ISO_IR 6)
//!   is guessed: UTF-8 if it is valid UTF-8, else Latin-1;
//! - a value without ESC under ISO_IR 13 is read as Shift_JIS, as pydicom
//!   reads it;
//! - everything else walks the ISO 2022 state machine (module `iso2022`), which
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

use code_elements::{Designation, DesignationSet, G0Set, G1Set};
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
    declared: DeclaredSets,
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
            let value = trim_padding(value);
            // An empty value 1 is the default repertoire. PS3.5 6.1.2.5.4 d:
            // after a stand-alone set, pydicom ignores the other values; so
            // do we.
            if value.is_empty() || index > 0 && charset.stand_alone.is_some() {
                continue;
            }
            // Nearly every file spells its terms as the standard does.
            let term = terms::exact(value).or_else(|| {
                // Terms are ASCII: the lossy copy is for broken values only.
                let written = match std::str::from_utf8(value) {
                    Ok(text) => Cow::Borrowed(text),
                    Err(_) => String::from_utf8_lossy(value),
                };
                charset.recognise(&written)
            });
            let Some(term) = term else {
                continue;
            };
            if index == 0 {
                charset.set_first_value(term);
            } else {
                charset.add_extension(term);
            }
        }
        charset
    }

    /// True when no (0008,0005) or only ISO_IR 6 / empty.
    pub fn is_default(&self) -> bool {
        self.initial == CodeState::default()
            && self.stand_alone.is_none()
            && self.declared.as_slice().is_empty()
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
        if let Some(text) = plain_ascii(bytes) {
            return DecodedText::clean(Cow::Borrowed(text));
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
        let (text, issues) = iso2022::decode(bytes, self.initial, self.declared.set, kind);
        DecodedText {
            text: Cow::Owned(text),
            issues,
        }
    }

    /// Value 1: the initial G0 and G1 (PS3.5 6.1.2.5.2).
    fn set_first_value(&mut self, term: Term) {
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
    fn add_extension(&mut self, term: Term) {
        match term {
            // PS3.5 6.1.2.5.4 d: these cannot be code extensions; pydicom
            // drops them with a warning.
            Term::StandAlone(_) => {}
            term => self.declare(term),
        }
    }

    /// Records the designations of a recognised term, G0 before G1.
    fn declare(&mut self, term: Term) {
        // ESC ( B is always allowed, so ASCII need not be listed; leaving it
        // out keeps `ISO_IR 6` equal to no value at all.
        if let Some(g0) = term.g0().filter(|&set| set != G0Set::Ascii) {
            self.declared.push(Designation::G0(g0));
        }
        if let Some(g1) = term.g1() {
            self.declared.push(Designation::G1(g1));
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

/// How many distinct designations (0008,0005) can declare, ASCII left out: the
/// three other G0 sets and the fourteen G1 sets of PS3.3 Tables C.12-2 to
/// C.12-4.
const MAX_DECLARED: usize = 17;

/// The designations of a Specific Character Set in the order declared, held
/// inline so that reading (0008,0005) allocates nothing for them. Unused
/// slots always hold ASCII, which is never declared, so that the derived
/// equality compares only what was declared.
#[derive(Clone, Copy, PartialEq, Eq)]
struct DeclaredSets {
    len: u8,
    sets: [Designation; MAX_DECLARED],
    /// The same designations as a bit set: what the decoder checks escape
    /// sequences against, and what keeps `sets` free of repeats.
    set: DesignationSet,
}

impl Default for DeclaredSets {
    fn default() -> Self {
        Self {
            len: 0,
            sets: [Designation::G0(G0Set::Ascii); MAX_DECLARED],
            set: DesignationSet::default(),
        }
    }
}

impl DeclaredSets {
    fn as_slice(&self) -> &[Designation] {
        self.sets.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// Appends a designation unless it is already there. There is always
    /// room: only distinct non-ASCII designations are kept, and there are
    /// [`MAX_DECLARED`] of those.
    fn push(&mut self, designation: Designation) {
        if !self.set.insert(designation) {
            return;
        }
        if let Some(slot) = self.sets.get_mut(usize::from(self.len)) {
            *slot = designation;
            self.len += 1;
        }
    }
}

impl fmt::Debug for DeclaredSets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

/// Strips the space and NUL padding around one value of (0008,0005); its VR
/// is CS, where leading and trailing spaces are insignificant (PS3.5 6.2).
fn trim_padding(value: &[u8]) -> &[u8] {
    let is_padding = |byte: &u8| *byte == b' ' || *byte == 0;
    let start = value
        .iter()
        .position(|b| !is_padding(b))
        .unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|b| !is_padding(b))
        .map_or(start, |last| last + 1);
    value.get(start..end).unwrap_or_default()
}

/// The bytes as a str when they are ASCII without ESC, so that no character
/// set and no escape can change their meaning.
fn plain_ascii(bytes: &[u8]) -> Option<&str> {
    // Most values are short (codes, names, dates): one pass over the bytes
    // costs less there than the word-at-a-time ASCII check plus a memchr
    // call, which pay off only on longer values.
    const SHORT: usize = 32;
    let plain = if bytes.len() <= SHORT {
        !bytes.iter().any(|&byte| byte >= 0x80 || byte == ESC)
    } else {
        bytes.is_ascii() && !bytes.contains(&ESC)
    };
    if !plain {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}

/// A whole value in a set that allows no code extensions. ESC bytes have no
/// meaning there, so they are kept (as U+001B) and flagged.
fn decode_stand_alone(set: StandAlone, bytes: &[u8]) -> DecodedText<'_> {
    let mut decoded = match set {
        StandAlone::Utf8 => decode_utf8(bytes),
        StandAlone::Gb18030 => decode_gb18030(bytes),
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

/// GB18030 as GB 18030-2005 defines it, which PS3.5 6.1.2.5.3 names and pydicom (through
/// Python's codec) and iconv follow. encoding_rs follows the WHATWG Encoding Standard,
/// which differs in two places: it takes the single byte 0x80 for U+20AC, where the
/// standard has no character (so U+FFFD and [`DecodeIssues::INVALID_BYTES`]), and the
/// pair A3 A0 for U+3000, where the standard has the user-defined U+E5E5. The value is
/// decoded by encoding_rs between those two, which split it at character boundaries.
fn decode_gb18030(bytes: &[u8]) -> DecodedText<'_> {
    let Some(first) = next_whatwg_difference(bytes, 0) else {
        return decode_whole(encoding_rs::GB18030, bytes);
    };
    let mut text = String::with_capacity(bytes.len() * 2);
    let mut issues = DecodeIssues::default();
    let mut from = 0;
    let mut next = Some(first);
    while let Some(at) = next {
        let part = decode_whole(encoding_rs::GB18030, &bytes[from..at]);
        text.push_str(&part.text);
        issues |= part.issues;
        if bytes[at] == 0x80 {
            text.push(char::REPLACEMENT_CHARACTER);
            issues |= DecodeIssues::INVALID_BYTES;
            from = at + 1;
        } else {
            text.push('\u{E5E5}');
            from = at + 2;
        }
        next = next_whatwg_difference(bytes, from);
    }
    let rest = decode_whole(encoding_rs::GB18030, &bytes[from..]);
    text.push_str(&rest.text);
    issues |= rest.issues;
    DecodedText {
        text: Cow::Owned(text),
        issues,
    }
}

/// Where, at or after `from`, the next 0x80 or A3 A0 character starts, stepping over
/// whole GB18030 characters: one byte below 0x80, four when the second is a digit
/// (0x30..=0x39), two when the second is a trail byte (0x40..=0xFE but 0x7F), and one
/// otherwise, where a decoder reports the lead byte alone.
fn next_whatwg_difference(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(&lead) = bytes.get(i) {
        i += match (lead, bytes.get(i + 1)) {
            (0x80, _) => return Some(i),
            (0xA3, Some(0xA0)) => return Some(i),
            (0x81..=0xFE, Some(0x30..=0x39)) => 4,
            (0x81..=0xFE, Some(0x40..=0x7E | 0x80..=0xFE)) => 2,
            _ => 1,
        };
    }
    None
}

/// A whole value through one encoding_rs decoder.
fn decode_whole<'a>(encoding: &'static encoding_rs::Encoding, bytes: &'a [u8]) -> DecodedText<'a> {
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
    /// An ESC sequence not among the declared/known ones (or a broken one), or
    /// a two-byte G1 set used again after a reset point without its escape.
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
mod tests {
    use super::*;
    use crate::test_support::XorShift;

    /// Decodes `bytes` under the (0008,0005) value `charset`.
    fn decode(charset: &[u8], bytes: &[u8], kind: TextKind) -> (String, DecodeIssues) {
        let decoded = SpecificCharacterSet::from_value(charset).decode(bytes, kind);
        (decoded.text.into_owned(), decoded.issues)
    }

    /// Decodes a person name and asserts that it decoded cleanly.
    fn clean_person_name(charset: &[u8], bytes: &[u8]) -> String {
        let (text, issues) = decode(charset, bytes, TextKind::PersonName);
        assert!(issues.is_empty(), "{issues:?} for {text:?}");
        text
    }

    // ---- (0008,0005) itself ----

    #[test]
    fn absent_empty_and_iso_ir_6_are_all_the_default() {
        assert!(SpecificCharacterSet::default().is_default());
        assert!(SpecificCharacterSet::from_value(b"").is_default());
        // Padded with a space to even length.
        assert!(SpecificCharacterSet::from_value(b"ISO_IR 6").is_default());
        assert!(SpecificCharacterSet::from_value(b"ISO 2022 IR 6 ").is_default());
        assert!(!SpecificCharacterSet::from_value(b"ISO_IR 100").is_default());
        // Empty value 1 but an extension declared.
        assert!(!SpecificCharacterSet::from_value(b"\\ISO 2022 IR 87").is_default());
    }

    #[test]
    fn value_padding_of_spaces_and_nuls_is_ignored() {
        let padded = SpecificCharacterSet::from_value(b" ISO_IR 100\0");
        assert_eq!(padded, SpecificCharacterSet::from_value(b"ISO_IR 100"));
        assert!(padded.unknown_terms().is_empty());
    }

    #[test]
    fn unknown_terms_are_remembered_as_written_and_trimmed() {
        let charset = SpecificCharacterSet::from_value(b"ISO 2022 IR 100\\ISO_IR 999 ");
        assert_eq!(charset.unknown_terms(), ["ISO_IR 999"]);
        assert!(!charset.is_default());
    }

    #[test]
    fn misspelled_terms_are_used_and_reported_as_corrected() {
        let charset = SpecificCharacterSet::from_value(b"ISO_IR_100");
        assert_eq!(charset.corrected_terms(), ["ISO_IR_100"]);
        assert!(charset.unknown_terms().is_empty());
        // 0xE9 is e with acute in Latin-1.
        let decoded = charset.decode(b"Ren\xE9", TextKind::PersonName);
        assert_eq!(decoded.text, "René");
        assert!(decoded.issues.is_empty());
    }

    #[test]
    fn values_after_a_stand_alone_set_are_ignored() {
        let charset = SpecificCharacterSet::from_value(b"ISO_IR 192\\ISO 2022 IR 87\\FOO");
        assert!(charset.unknown_terms().is_empty());
        // Bytes that would be JIS X 0208 after ESC $ B stay UTF-8.
        let (text, _) = decode(
            b"ISO_IR 192\\ISO 2022 IR 87",
            "王".as_bytes(),
            TextKind::Text,
        );
        assert_eq!(text, "王");
    }

    // ---- the ASCII fast path ----

    #[test]
    fn ascii_value_is_borrowed_without_issues_under_any_charset() {
        let bytes = b"Doe^John\r\n";
        for charset in [
            &b""[..],
            b"ISO_IR 100",
            b"\\ISO 2022 IR 87",
            b"GB18030",
            b"FOO",
        ] {
            let decoded = SpecificCharacterSet::from_value(charset).decode(bytes, TextKind::Text);
            assert!(matches!(decoded.text, Cow::Borrowed("Doe^John\r\n")));
            assert!(decoded.issues.is_empty());
        }
    }

    // ---- single-byte sets, PS3.3 Table C.12-2 ----

    #[test]
    fn iso_ir_100_decodes_french_from_chr_fren() {
        // Patient's Name of pydicom's chrFren.dcm: "Buc^Jérôme".
        let bytes = b"Buc^J\xE9r\xF4me";
        assert_eq!(clean_person_name(b"ISO_IR 100", bytes), "Buc^Jérôme");
    }

    #[test]
    fn iso_ir_100_decodes_german_and_keeps_the_padding() {
        // chrGerm.dcm: 0xC4 Ä, 0xFC ü, then the even-length padding space.
        let bytes = b"\xC4neas^R\xFCdiger ";
        assert_eq!(clean_person_name(b"ISO_IR 100", bytes), "Äneas^Rüdiger ");
    }

    #[test]
    fn iso_ir_100_maps_0x80_to_0x9f_to_c1_controls_not_windows_1252() {
        let bytes = [
            0x80, // U+0080, not EURO SIGN
            0x92, // U+0092, not RIGHT SINGLE QUOTATION MARK
            0x9F, // U+009F, not Y WITH DIAERESIS
        ];
        let (text, issues) = decode(b"ISO_IR 100", &bytes, TextKind::Text);
        assert_eq!(text, "\u{80}\u{92}\u{9F}");
        assert!(issues.is_empty());
    }

    #[test]
    fn iso_ir_101_decodes_czech() {
        let bytes = [
            b'D', b'v', b'o', //
            0xF8, // r with caron
            0xE1, // a with acute
            b'k', b'^', b'A', b'n', b't', b'o', b'n', //
            0xED, // i with acute
            b'n',
        ];
        assert_eq!(clean_person_name(b"ISO_IR 101", &bytes), "Dvořák^Antonín");
    }

    #[test]
    fn iso_ir_109_decodes_maltese() {
        let bytes = [
            0xD5, // G with dot above
            b'u', //
            0xBF, // z with dot above
            b'e', b'p', b'p', b'i', b'^', b'B', b'o', b'r', b'g',
        ];
        assert_eq!(clean_person_name(b"ISO_IR 109", &bytes), "Ġużeppi^Borg");
    }

    #[test]
    fn iso_ir_109_hole_becomes_replacement_character() {
        // 0xA5 is unassigned in ISO 8859-3.
        let (text, issues) = decode(b"ISO_IR 109", &[b'A', 0xA5], TextKind::Text);
        assert_eq!(text, "A\u{FFFD}");
        assert_eq!(issues, DecodeIssues::INVALID_BYTES);
    }

    #[test]
    fn iso_ir_110_decodes_latvian() {
        let bytes = [
            b'K', //
            0xE0, // a with macron
            b'r', b'l', b'i', b's', b'^', //
            0xD3, // K with cedilla
            0xBA, // e with macron
            b'n', b'i', //
            0xF1, // n with cedilla
            0xB9, // s with caron
        ];
        assert_eq!(clean_person_name(b"ISO_IR 110", &bytes), "Kārlis^Ķēniņš");
    }

    #[test]
    fn iso_ir_144_decodes_russian_from_chr_russ() {
        // chrRuss.dcm mixes Cyrillic with Latin c, e, y, p.
        let bytes = b"\xBB\xEE\xDAce\xDC\xD1yp\xD3";
        assert_eq!(clean_person_name(b"ISO_IR 144", bytes), "Люкceмбypг");
    }

    #[test]
    fn iso_ir_127_decodes_arabic_from_chr_arab() {
        let bytes = b"\xE2\xC8\xC7\xE6\xEA^\xE4\xE6\xD2\xC7\xD1 ";
        assert_eq!(clean_person_name(b"ISO_IR 127", bytes), "قباني^لنزار ");
    }

    #[test]
    fn iso_ir_126_decodes_greek_from_chr_greek() {
        let bytes = b"\xC4\xE9\xEF\xED\xF5\xF3\xE9\xEF\xF2 ";
        assert_eq!(clean_person_name(b"ISO_IR 126", bytes), "Διονυσιος ");
    }

    #[test]
    fn iso_ir_138_decodes_hebrew_from_chr_hbrw() {
        let bytes = b"\xF9\xF8\xE5\xEF^\xE3\xE1\xE5\xF8\xE4";
        assert_eq!(clean_person_name(b"ISO_IR 138", bytes), "שרון^דבורה");
    }

    #[test]
    fn iso_ir_148_decodes_turkish_letters_that_latin1_lacks() {
        let bytes = [
            0xDE, // S with cedilla
            0xFC, // u with diaeresis (as in Latin-1)
            b'k', b'r', //
            0xFC, // u with diaeresis
            b'^', b'I', //
            0xFE, // s with cedilla
            0xFD, // dotless i
            b'k',
        ];
        assert_eq!(clean_person_name(b"ISO_IR 148", &bytes), "Şükrü^Işık");
    }

    #[test]
    fn iso_ir_166_decodes_thai() {
        let bytes = [
            0xCA, 0xC1, 0xAA, 0xD2, 0xC2, // สมชาย
            b'^', //
            0xE3, 0xA8, 0xB4, 0xD5, // ใจดี
        ];
        assert_eq!(clean_person_name(b"ISO_IR 166", &bytes), "สมชาย^ใจดี");
    }

    #[test]
    fn iso_ir_203_decodes_latin9_euro_and_oe() {
        let bytes = [
            0xBC, // OE ligature (1/2 in Latin-1)
            b'u', b'v', b'r', b'e', b'^', //
            0xA4, // EURO SIGN (currency sign in Latin-1)
        ];
        assert_eq!(clean_person_name(b"ISO_IR 203", &bytes), "Œuvre^€");
    }

    // ---- sets without code extensions, PS3.3 Table C.12-5 ----

    #[test]
    fn iso_ir_192_decodes_annex_j_utf8_example_from_chr_x1() {
        // PS3.5 J.1 / chrX1.dcm: the ideographic name in UTF-8.
        let bytes = b"Wang^XiaoDong=\xE7\x8E\x8B^\xE5\xB0\x8F\xE6\x9D\xB1= ";
        let decoded =
            SpecificCharacterSet::from_value(b"ISO_IR 192").decode(bytes, TextKind::PersonName);
        assert_eq!(decoded.text, "Wang^XiaoDong=王^小東= ");
        // Valid UTF-8 is used in place.
        assert!(matches!(decoded.text, Cow::Borrowed(_)));
        assert!(decoded.issues.is_empty());
    }

    #[test]
    fn iso_ir_192_invalid_sequence_becomes_replacement_character() {
        let bytes = [
            b'A', //
            0xE7, 0x8E, // first two bytes of 王, the third is missing
        ];
        let (text, issues) = decode(b"ISO_IR 192", &bytes, TextKind::Text);
        assert_eq!(text, "A\u{FFFD}");
        assert_eq!(issues, DecodeIssues::INVALID_BYTES);
    }

    #[test]
    fn gb18030_decodes_annex_j_example_from_chr_x2() {
        // PS3.5 J.2 / chrX2.dcm: 王 CD F5, 小 D0 A1, 东 B6 AB.
        let bytes = b"Wang^XiaoDong=\xCD\xF5^\xD0\xA1\xB6\xAB=";
        assert_eq!(
            clean_person_name(b"GB18030", bytes),
            "Wang^XiaoDong=王^小东="
        );
    }

    #[test]
    fn gb18030_follows_the_standard_where_whatwg_differs() {
        // GB 18030-2005 (PS3.5 6.1.2.5.3): A3 A0 is U+E5E5, and 0x80 alone is no
        // character. WHATWG, and so encoding_rs, give U+3000 and U+20AC. pydicom decodes
        // through Python's codec, which follows the standard (and warns at 0x80).
        let bytes = [
            b'A', //
            0xA3, 0xA0, // U+E5E5
            b'B', //
            0x80, // no character
            b'C', //
            0xCD, 0xF5, // 王
        ];
        let (text, issues) = decode(b"GB18030", &bytes, TextKind::Text);
        assert_eq!(text, "A\u{E5E5}B\u{FFFD}C王");
        assert_eq!(issues, DecodeIssues::INVALID_BYTES);
    }

    #[test]
    fn gb18030_a3_a0_across_two_characters_is_left_to_them() {
        // B0 A3 is 埃 and A0 A1 is 牎: the A3 A0 that straddles them is no character.
        let bytes = [0xB0, 0xA3, 0xA0, 0xA1];
        let expected = encoding_rs::GB18030.decode_without_bom_handling(&bytes).0;
        assert!(!expected.contains('\u{3000}'));
        assert_eq!(clean_person_name(b"GB18030", &bytes), expected);
    }

    #[test]
    fn gb18030_decodes_four_byte_sequences() {
        // U+00E9 (e with acute) is the four-byte sequence 81 30 86 30 in GB18030.
        let bytes = [0x81, 0x30, 0x86, 0x30];
        let expected = encoding_rs::GB18030.decode_without_bom_handling(&bytes).0;
        assert_eq!(clean_person_name(b"GB18030", &bytes), expected);
    }

    #[test]
    fn gbk_decodes_traditional_character_outside_gb2312() {
        let bytes = [
            0xCD, 0xF5, // 王
            b'^', //
            0xD0, 0xA1, // 小
            0x96, 0x7C, // 東, a GBK pair whose second byte is ASCII '|'
        ];
        assert_eq!(clean_person_name(b"GBK", &bytes), "王^小東");
    }

    #[test]
    fn esc_in_a_stand_alone_set_is_kept_and_flagged() {
        let bytes = [0xC3, 0xA9, ESC, b'(', b'B'];
        let (text, issues) = decode(b"ISO_IR 192", &bytes, TextKind::Text);
        assert_eq!(text, "é\u{1B}(B");
        assert_eq!(issues, DecodeIssues::UNKNOWN_ESCAPE);
    }

    // ---- Japanese, PS3.5 Annex H ----

    #[test]
    fn iso_ir_13_decodes_half_width_katakana() {
        let bytes = [
            0xD4, 0xCF, 0xC0, 0xDE, // ﾔﾏﾀﾞ
            b'^', //
            0xC0, 0xDB, 0xB3, // ﾀﾛｳ
        ];
        assert_eq!(clean_person_name(b"ISO_IR 13", &bytes), "ﾔﾏﾀﾞ^ﾀﾛｳ");
    }

    #[test]
    fn iso_ir_13_without_escapes_reads_shift_jis_kanji_as_pydicom_does() {
        let bytes = [
            0x8E, 0x52, // 山 in Shift_JIS
            0x93, 0x63, // 田
        ];
        assert_eq!(clean_person_name(b"ISO_IR 13", &bytes), "山田");
    }

    #[test]
    fn annex_h_3_1_jis_x0208_example_from_chr_h31() {
        // PS3.5 H.3.1, value of (0008,0005) "\ISO 2022 IR 87".
        let bytes = [
            b'Y', b'a', b'm', b'a', b'd', b'a', b'^', b'T', b'a', b'r', b'o', b'u', b'=', //
            ESC, b'$', b'B', // JIS X 0208 into G0
            0x3B, 0x33, 0x45, 0x44, // 山田
            ESC, b'(', b'B', // ASCII back into G0
            b'^', //
            ESC, b'$', b'B', //
            0x42, 0x40, 0x4F, 0x3A, // 太郎
            ESC, b'(', b'B', //
            b'=', //
            ESC, b'$', b'B', //
            0x24, 0x64, 0x24, 0x5E, 0x24, 0x40, // やまだ; ま is 0x24 0x5E, a '^' byte
            ESC, b'(', b'B', //
            b'^', //
            ESC, b'$', b'B', //
            0x24, 0x3F, 0x24, 0x6D, 0x24, 0x26, // たろう
            ESC, b'(', b'B',
        ];
        assert_eq!(
            clean_person_name(b"\\ISO 2022 IR 87", &bytes),
            "Yamada^Tarou=山田^太郎=やまだ^たろう"
        );
    }

    #[test]
    fn annex_h_3_2_katakana_and_jis_x0208_example_from_chr_h32() {
        // PS3.5 H.3.2, value of (0008,0005) "ISO 2022 IR 13\ISO 2022 IR 87":
        // katakana in G1 from the start, romaji (ESC ( J) as the G0 to return to.
        let bytes = [
            0xD4, 0xCF, 0xC0, 0xDE, // ﾔﾏﾀﾞ
            b'^', //
            0xC0, 0xDB, 0xB3, // ﾀﾛｳ
            b'=', //
            ESC, b'$', b'B', // JIS X 0208 into G0
            0x3B, 0x33, 0x45, 0x44, // 山田
            ESC, b'(', b'J', // JIS X 0201 romaji into G0
            b'^', //
            ESC, b'$', b'B', //
            0x42, 0x40, 0x4F, 0x3A, // 太郎
            ESC, b'(', b'J', //
            b'=', //
            ESC, b'$', b'B', //
            0x24, 0x64, 0x24, 0x5E, 0x24, 0x40, // やまだ
            ESC, b'(', b'J', //
            b'^', //
            ESC, b'$', b'B', //
            0x24, 0x3F, 0x24, 0x6D, 0x24, 0x26, // たろう
            ESC, b'(', b'J',
        ];
        assert_eq!(
            clean_person_name(b"ISO 2022 IR 13\\ISO 2022 IR 87", &bytes),
            "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"
        );
    }

    #[test]
    fn explicit_iso_2022_ir_6_first_value_from_chr_jap_multi_explicit_ir6() {
        let bytes = [
            ESC, b'$', b'B', // JIS X 0208 into G0
            0x24, 0x64, 0x24, 0x5E, 0x24, 0x40, // やまだ
            ESC, b'(', b'B', // ASCII
            b'^', //
            ESC, b'$', b'B', //
            0x24, 0x3F, 0x24, 0x6D, 0x24, 0x26, // たろう
            ESC, b'(', b'B', //
            b' ', // padding
        ];
        let charset = b"ISO 2022 IR 6\\ISO 2022 IR 87";
        assert_eq!(clean_person_name(charset, &bytes), "やまだ^たろう ");
    }

    #[test]
    fn caret_byte_inside_jis_x0208_run_is_half_a_character_not_a_delimiter() {
        let bytes = [
            ESC, b'$', b'B', // JIS X 0208 into G0
            0x24, 0x5E, // ま: its second byte is '^'
            0x24, 0x3D, // そ: its second byte is '='
            0x21, 0x40, // ＼ (FULLWIDTH REVERSE SOLIDUS); its second byte is '\'
            ESC, b'(', b'B',
        ];
        assert_eq!(clean_person_name(b"\\ISO 2022 IR 87", &bytes), "まそ＼");
    }

    #[test]
    fn katakana_designation_after_kanji_ends_the_two_byte_run_as_pydicom_writes_it() {
        // pydicom's encoder designates katakana after kanji without ESC ( J
        // and then writes the '^'; pydicom and DCMTK read the G0 bytes after
        // ESC ) I as JIS X 0201, so we do too.
        let bytes = [
            ESC, b'$', b'B', // JIS X 0208 into G0
            0x42, 0x40, // 太
            ESC, b')', b'I', // katakana into G1; G0 back to romaji
            0xDB, // ﾛ
            b'^', // a delimiter, not the first half of a kanji
            b'a',
        ];
        let charset = b"ISO 2022 IR 13\\ISO 2022 IR 87";
        assert_eq!(clean_person_name(charset, &bytes), "太ﾛ^a");
    }

    #[test]
    fn iso_2022_ir_159_decodes_jis_x0212_like_euc_jp_single_shift_3() {
        let bytes = [
            ESC, b'$', b'(', b'D', // JIS X 0212 into G0
            0x30, 0x21, // row 16 cell 1: U+4E02
            0x30, 0x22, // row 16 cell 2: U+4E04
            ESC, b'(', b'B', // ASCII
        ];
        let text = clean_person_name(b"\\ISO 2022 IR 87\\ISO 2022 IR 159", &bytes);
        // The same characters through encoding_rs's EUC-JP, which reaches
        // JIS X 0212 with the single shift 0x8F.
        let euc = [0x8F, 0xB0, 0xA1, 0x8F, 0xB0, 0xA2];
        let (expected, had_errors) = encoding_rs::EUC_JP.decode_without_bom_handling(&euc);
        assert!(!had_errors);
        assert_eq!(text, expected);
        assert_eq!(text, "\u{4E02}\u{4E04}");
    }

    // ---- Korean, PS3.5 Annex I ----

    #[test]
    fn annex_i_korean_example_from_chr_i2() {
        // PS3.5 I.2, value of (0008,0005) "\ISO 2022 IR 149". G1 returns to
        // nothing at each '^' and '=', so every component designates again.
        let bytes = [
            b'H', b'o', b'n', b'g', b'^', b'G', b'i', b'l', b'd', b'o', b'n', b'g', b'=', //
            ESC, b'$', b')', b'C', // KS X 1001 into G1
            0xFB, 0xF3, // 洪
            b'^', //
            ESC, b'$', b')', b'C', //
            0xD1, 0xCE, 0xD4, 0xD7, // 吉洞
            b'=', //
            ESC, b'$', b')', b'C', //
            0xC8, 0xAB, // 홍
            b'^', //
            ESC, b'$', b')', b'C', //
            0xB1, 0xE6, 0xB5, 0xBF, // 길동
        ];
        assert_eq!(
            clean_person_name(b"\\ISO 2022 IR 149", &bytes),
            "Hong^Gildong=洪^吉洞=홍^길동"
        );
    }

    #[test]
    fn korean_value_with_trailing_return_to_ascii_from_chr_korean_multi() {
        let bytes = [
            ESC, b'$', b')', b'C', // KS X 1001 into G1
            0xB1, 0xE8, 0xC8, 0xF1, 0xC1, 0xDF, // 김희중
            ESC, b'(', b'B', // ASCII into G0 (G1 untouched)
            b' ', // padding
        ];
        assert_eq!(clean_person_name(b"\\ISO 2022 IR 149", &bytes), "김희중 ");
    }

    #[test]
    fn iso_2022_ir_149_as_value_1_is_in_g1_without_an_escape() {
        let bytes = [
            0xB1, 0xE8, // 김, no escape needed: value 1 puts KS X 1001 in G1
        ];
        assert_eq!(clean_person_name(b"ISO 2022 IR 149", &bytes), "김");
    }

    // ---- Simplified Chinese, PS3.5 Annex K ----

    #[test]
    fn annex_k_gb2312_example() {
        // PS3.5 K.2, value of (0008,0005) "\ISO 2022 IR 58".
        let bytes = [
            b'Z', b'h', b'a', b'n', b'g', b'^', b'X', b'i', b'a', b'o', b'D', b'o', b'n', b'g',
            b'=', //
            ESC, b'$', b')', b'A', // GB 2312 into G1
            0xD5, 0xC5, // 张
            b'^', //
            ESC, b'$', b')', b'A', //
            0xD0, 0xA1, 0xB6, 0xAB, // 小东
            b'=', //
            b' ', // padding
        ];
        assert_eq!(
            clean_person_name(b"\\ISO 2022 IR 58", &bytes),
            "Zhang^XiaoDong=张^小东= "
        );
    }

    // ---- single-byte sets with code extensions ----

    #[test]
    fn escape_switches_g1_between_declared_single_byte_sets() {
        let bytes = [
            0xE9, // Latin-1 é (value 1)
            ESC, b'-', b'L', // Cyrillic into G1
            0xBB, // Л
            ESC, b'-', b'A', // Latin-1 into G1
            0xE9, // é
        ];
        let charset = b"ISO 2022 IR 100\\ISO 2022 IR 144";
        assert_eq!(clean_person_name(charset, &bytes), "éЛé");
    }

    #[test]
    fn backslash_resets_g1_for_multi_valued_strings_but_not_for_text() {
        let bytes = [
            ESC, b'-', b'L',  // Cyrillic into G1
            0xBB,  // Л
            b'\\', // value delimiter in LO, an ordinary character in LT
            0xBB,  // Л in LT; » (Latin-1, value 1) in LO
        ];
        let charset = b"ISO 2022 IR 100\\ISO 2022 IR 144";
        assert_eq!(decode(charset, &bytes, TextKind::MultiValued).0, "Л\\»");
        assert_eq!(decode(charset, &bytes, TextKind::Text).0, "Л\\Л");
    }

    #[test]
    fn equals_and_caret_reset_only_person_names() {
        let bytes = [
            ESC, b'-', b'L', // Cyrillic into G1
            0xBB, // Л
            b'=', // component delimiter in PN only
            0xBB, // » after a reset, Л otherwise
            b'^', //
            0xBB,
        ];
        let charset = b"ISO 2022 IR 100\\ISO 2022 IR 144";
        assert_eq!(decode(charset, &bytes, TextKind::PersonName).0, "Л=»^»");
        assert_eq!(decode(charset, &bytes, TextKind::MultiValued).0, "Л=Л^Л");
    }

    #[test]
    fn line_feed_resets_text_values() {
        let bytes = [
            ESC, b'-', b'L', // Cyrillic into G1
            0xBB, // Л
            b'\r', b'\n', // PS3.5 6.1.2.5.3: back to value 1 at end of line
            0xBB,  // »
        ];
        let charset = b"ISO 2022 IR 100\\ISO 2022 IR 144";
        assert_eq!(decode(charset, &bytes, TextKind::Text).0, "Л\r\n»");
    }

    // ---- what is guessed or flagged ----

    #[test]
    fn undeclared_utf8_is_decoded_in_place_and_flagged() {
        let bytes = "Müller^Zoë".as_bytes();
        let decoded = SpecificCharacterSet::default().decode(bytes, TextKind::PersonName);
        assert_eq!(decoded.text, "Müller^Zoë");
        assert!(matches!(decoded.text, Cow::Borrowed(_)));
        assert_eq!(decoded.issues, DecodeIssues::UNDECLARED_UTF8);
    }

    #[test]
    fn undeclared_invalid_utf8_is_decoded_as_latin1_and_flagged() {
        let bytes = [
            b'M', //
            0xFC, // u with diaeresis in Latin-1; a lone lead byte in UTF-8
            b'l', b'l', b'e', b'r',
        ];
        let (text, issues) = decode(b"", &bytes, TextKind::PersonName);
        assert_eq!(text, "Müller");
        assert_eq!(issues, DecodeIssues::UNDECLARED_LATIN1);
    }

    #[test]
    fn unknown_term_is_flagged_on_non_ascii_values_only() {
        // 0xE9 is é under the known ISO_IR 100; the unknown second term is unused.
        let (text, issues) = decode(b"ISO_IR 100\\FOO", b"Ren\xE9", TextKind::Text);
        assert_eq!(text, "René");
        assert_eq!(issues, DecodeIssues::UNKNOWN_TERM);
        // Plain ASCII means the same whatever the term was.
        assert!(
            decode(b"ISO_IR 100\\FOO", b"Rene", TextKind::Text)
                .1
                .is_empty()
        );
    }

    #[test]
    fn unknown_first_term_falls_back_to_the_undeclared_guess() {
        let (text, issues) = decode(b"ISO_IR 999", b"Ren\xE9", TextKind::Text);
        assert_eq!(text, "René");
        assert_eq!(
            issues,
            DecodeIssues::UNKNOWN_TERM | DecodeIssues::UNDECLARED_LATIN1
        );
    }

    #[test]
    fn unknown_escape_is_kept_and_flagged() {
        let bytes = [
            b'A', //
            ESC, b'(', b'Z', // no such G0 set: kept as written
            b'B',
        ];
        let (text, issues) = decode(b"\\ISO 2022 IR 87", &bytes, TextKind::Text);
        assert_eq!(text, "A\u{1B}(ZB");
        assert_eq!(issues, DecodeIssues::UNKNOWN_ESCAPE);
    }

    #[test]
    fn unknown_escape_after_a_code_extension_charset_keeps_its_bytes() {
        // cs_unknown_escape.dcm: (0008,0005) `ISO 2022 IR 6\ISO 2022 IR 100`,
        // (0008,1030) holding an escape to no known set (PS3.5 6.1.2.5).
        let bytes = [
            b'a', b'b', // ASCII
            ESC, b'-', b'Z', // unknown G1 designation: kept as written
            b'x', b'y', // ASCII
            0xE9, // a high byte before any ESC - A
        ];
        let (text, issues) = decode(b"ISO 2022 IR 6\\ISO 2022 IR 100", &bytes, TextKind::Text);
        assert_eq!(text, "ab\u{1B}-Zxyé");
        assert!(issues.contains(DecodeIssues::UNKNOWN_ESCAPE), "{issues:?}");
    }

    #[test]
    fn known_but_undeclared_escape_is_followed_and_flagged() {
        let bytes = [
            ESC, b'$', b'B', // JIS X 0208, not declared by ISO_IR 100
            0x3B, 0x33, // 山
            ESC, b'(', b'B',
        ];
        let (text, issues) = decode(b"ISO_IR 100", &bytes, TextKind::PersonName);
        assert_eq!(text, "山");
        assert_eq!(issues, DecodeIssues::UNKNOWN_ESCAPE);
    }

    #[test]
    fn decode_issues_debug_lists_flag_names() {
        let issues = DecodeIssues::UNKNOWN_ESCAPE | DecodeIssues::INVALID_BYTES;
        assert_eq!(
            format!("{issues:?}"),
            "DecodeIssues(UNKNOWN_ESCAPE | INVALID_BYTES)"
        );
        assert!(issues.contains(DecodeIssues::INVALID_BYTES));
        assert!(!issues.contains(DecodeIssues::UNKNOWN_TERM));
        assert!(DecodeIssues::default().is_empty());
    }

    // ---- no panics on any input ----

    /// A byte, half the time one that matters to ISO 2022 decoding.
    fn interesting_byte(rng: &mut XorShift) -> u8 {
        const INTERESTING: &[u8] = b"\x1B\x1B$()-BJICADLb^=\\\r\n\x21\x3B\x7E\xA1\xFE\x80\xC3\x8F";
        let roll = rng.next();
        let [low, ..] = roll.to_le_bytes();
        if roll & 0x100 == 0 {
            INTERESTING[usize::from(low) % INTERESTING.len()]
        } else {
            low
        }
    }

    /// True when `bytes` is nothing but complete escape sequences, the only
    /// input that may decode to nothing.
    fn only_escape_sequences(mut bytes: &[u8]) -> bool {
        while let Some((&ESC, rest)) = bytes.split_first() {
            let intermediates = rest
                .iter()
                .take_while(|b| (0x20..=0x2F).contains(*b))
                .count();
            match rest.get(intermediates) {
                Some(0x30..=0x7E) => bytes = &rest[intermediates + 1..],
                _ => return false,
            }
        }
        bytes.is_empty()
    }

    #[test]
    fn random_bytes_never_panic_and_never_vanish_under_any_charset() {
        let charsets: &[&[u8]] = &[
            b"",
            b"ISO_IR 100",
            b"ISO_IR 101",
            b"ISO_IR 109",
            b"ISO_IR 110",
            b"ISO_IR 126",
            b"ISO_IR 127",
            b"ISO_IR 138",
            b"ISO_IR 144",
            b"ISO_IR 148",
            b"ISO_IR 166",
            b"ISO_IR 203",
            b"ISO_IR 13",
            b"ISO_IR 192",
            b"GB18030",
            b"GBK",
            b"\\ISO 2022 IR 87",
            b"ISO 2022 IR 13\\ISO 2022 IR 87\\ISO 2022 IR 159",
            b"\\ISO 2022 IR 149",
            b"ISO 2022 IR 149",
            b"\\ISO 2022 IR 58",
            b"ISO 2022 IR 100\\ISO 2022 IR 144\\ISO 2022 IR 166",
            b"FOO\\ISO 2022 IR 87",
        ];
        let kinds = [TextKind::PersonName, TextKind::MultiValued, TextKind::Text];
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let len = usize::try_from(rng.next() % 24).unwrap_or(0);
            let bytes: Vec<u8> = (0..len).map(|_| interesting_byte(&mut rng)).collect();
            for charset in charsets {
                let charset = SpecificCharacterSet::from_value(charset);
                for kind in kinds {
                    let decoded = charset.decode(&bytes, kind);
                    let vanished = decoded.text.is_empty() && !bytes.is_empty();
                    assert!(!vanished || only_escape_sequences(&bytes), "{bytes:02X?}");
                }
            }
        }
    }
}

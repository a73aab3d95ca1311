//! Defined terms of Specific Character Set (0008,0005) and what each one
//! designates, PS3.3 C.12.1.1.2 Tables C.12-2 to C.12-5.
//!
//! Files in the wild misspell the terms (`ISO_IR_100`, `ISO-IR 100`,
//! `ISO IR 100`, `iso_ir 100`, `ISO_2022_IR_87`). pydicom
//! (`_python_encoding_for_corrected_encoding`) repairs the separators and
//! warns; we do the same by comparing terms with case and the separators
//! space, `_` and `-` ignored, and remember which terms needed it.

use super::code_elements::{G0Set, G1Set, SingleByteSet};

/// The character sets that cannot be combined with code extensions
/// (PS3.3 Table C.12-5, PS3.5 6.1.2.5.4 d): a value is one of these from
/// start to end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum StandAlone {
    /// ISO_IR 192: Unicode in UTF-8.
    Utf8,
    /// GB18030.
    Gb18030,
    /// GBK.
    Gbk,
}

/// What one recognised defined term declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Term {
    /// ISO_IR 6 or ISO 2022 IR 6: ASCII in G0, nothing in G1.
    Default,
    /// ASCII in G0 and the set's upper half in G1 (ISO_IR 100 etc., with or
    /// without `ISO 2022`: the bytes decode the same either way).
    SingleByte(SingleByteSet),
    /// ISO_IR 13 or ISO 2022 IR 13: JIS X 0201 romaji in G0, katakana in G1.
    JisX0201,
    /// ISO 2022 IR 87: JIS X 0208 for G0.
    JisX0208,
    /// ISO 2022 IR 159: JIS X 0212 for G0.
    JisX0212,
    /// ISO 2022 IR 149: KS X 1001 for G1.
    KsX1001,
    /// ISO 2022 IR 58: GB 2312 for G1.
    Gb2312,
    /// A set used without code extensions.
    StandAlone(StandAlone),
}

impl Term {
    /// The G0 set this term designates, if any.
    pub(super) fn g0(self) -> Option<G0Set> {
        match self {
            Self::Default | Self::SingleByte(_) => Some(G0Set::Ascii),
            Self::JisX0201 => Some(G0Set::JisRoman),
            Self::JisX0208 => Some(G0Set::JisX0208),
            Self::JisX0212 => Some(G0Set::JisX0212),
            Self::KsX1001 | Self::Gb2312 | Self::StandAlone(_) => None,
        }
    }

    /// The G1 set this term designates, if any.
    pub(super) fn g1(self) -> Option<G1Set> {
        match self {
            Self::SingleByte(set) => Some(G1Set::SingleByte(set)),
            Self::JisX0201 => Some(G1Set::JisKatakana),
            Self::KsX1001 => Some(G1Set::KsX1001),
            Self::Gb2312 => Some(G1Set::Gb2312),
            Self::Default | Self::JisX0208 | Self::JisX0212 | Self::StandAlone(_) => None,
        }
    }
}

/// How a written term was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Recognition {
    /// Spelled as the standard spells it.
    Exact(Term),
    /// Recognised after repairing case or separators, or through an alias
    /// pydicom also accepts.
    Corrected(Term),
    /// Not a term we know.
    Unknown,
}

/// The defined terms as PS3.3 Tables C.12-2 to C.12-5 spell them.
const STANDARD_TERMS: &[(&str, Term)] = &[
    ("ISO_IR 6", Term::Default),
    ("ISO_IR 100", Term::SingleByte(SingleByteSet::Latin1)),
    ("ISO_IR 101", Term::SingleByte(SingleByteSet::Latin2)),
    ("ISO_IR 109", Term::SingleByte(SingleByteSet::Latin3)),
    ("ISO_IR 110", Term::SingleByte(SingleByteSet::Latin4)),
    ("ISO_IR 144", Term::SingleByte(SingleByteSet::Cyrillic)),
    ("ISO_IR 127", Term::SingleByte(SingleByteSet::Arabic)),
    ("ISO_IR 126", Term::SingleByte(SingleByteSet::Greek)),
    ("ISO_IR 138", Term::SingleByte(SingleByteSet::Hebrew)),
    ("ISO_IR 148", Term::SingleByte(SingleByteSet::Latin5)),
    ("ISO_IR 166", Term::SingleByte(SingleByteSet::Thai)),
    ("ISO_IR 203", Term::SingleByte(SingleByteSet::Latin9)),
    ("ISO_IR 13", Term::JisX0201),
    ("ISO 2022 IR 6", Term::Default),
    ("ISO 2022 IR 100", Term::SingleByte(SingleByteSet::Latin1)),
    ("ISO 2022 IR 101", Term::SingleByte(SingleByteSet::Latin2)),
    ("ISO 2022 IR 109", Term::SingleByte(SingleByteSet::Latin3)),
    ("ISO 2022 IR 110", Term::SingleByte(SingleByteSet::Latin4)),
    ("ISO 2022 IR 144", Term::SingleByte(SingleByteSet::Cyrillic)),
    ("ISO 2022 IR 127", Term::SingleByte(SingleByteSet::Arabic)),
    ("ISO 2022 IR 126", Term::SingleByte(SingleByteSet::Greek)),
    ("ISO 2022 IR 138", Term::SingleByte(SingleByteSet::Hebrew)),
    ("ISO 2022 IR 148", Term::SingleByte(SingleByteSet::Latin5)),
    ("ISO 2022 IR 166", Term::SingleByte(SingleByteSet::Thai)),
    ("ISO 2022 IR 203", Term::SingleByte(SingleByteSet::Latin9)),
    ("ISO 2022 IR 13", Term::JisX0201),
    ("ISO 2022 IR 87", Term::JisX0208),
    ("ISO 2022 IR 159", Term::JisX0212),
    ("ISO 2022 IR 149", Term::KsX1001),
    ("ISO 2022 IR 58", Term::Gb2312),
    ("ISO_IR 192", Term::StandAlone(StandAlone::Utf8)),
    ("GB18030", Term::StandAlone(StandAlone::Gb18030)),
    ("GBK", Term::StandAlone(StandAlone::Gbk)),
];

/// Spellings that are not in the standard but that pydicom's table accepts
/// (`ISO 2022 GBK` and `ISO 2022 58` from the discussion of CP 1234), and the
/// plain name of UTF-8, which some writers put in place of ISO_IR 192.
const ALIASES: &[(&str, Term)] = &[
    ("ISO 2022 GBK", Term::StandAlone(StandAlone::Gbk)),
    ("ISO 2022 58", Term::Gb2312),
    ("UTF-8", Term::StandAlone(StandAlone::Utf8)),
];

/// Recognises one value of (0008,0005), already trimmed of padding.
pub(super) fn recognise(written: &str) -> Recognition {
    if let Some(term) = exact(written.as_bytes()) {
        return Recognition::Exact(term);
    }
    let loose = loose_form(written);
    let matches_loosely = |spelling: &str| loose_form(spelling) == loose;
    lookup(STANDARD_TERMS, matches_loosely)
        .or_else(|| lookup(ALIASES, matches_loosely))
        .map_or(Recognition::Unknown, Recognition::Corrected)
}

/// The term `written` spells exactly as the standard does: what
/// [`STANDARD_TERMS`] lists, found by prefix and number rather than by a
/// search of the list, because (0008,0005) is read in every data set.
pub(super) fn exact(written: &[u8]) -> Option<Term> {
    if let Some(number) = written.strip_prefix(b"ISO 2022 IR ") {
        return match *number {
            [b'8', b'7'] => Some(Term::JisX0208),
            [b'1', b'5', b'9'] => Some(Term::JisX0212),
            [b'1', b'4', b'9'] => Some(Term::KsX1001),
            [b'5', b'8'] => Some(Term::Gb2312),
            _ => code_extension_number(number),
        };
    }
    if let Some(number) = written.strip_prefix(b"ISO_IR ") {
        return match *number {
            [b'1', b'9', b'2'] => Some(Term::StandAlone(StandAlone::Utf8)),
            _ => code_extension_number(number),
        };
    }
    // Array patterns: a decision on the length and the bytes, not a string
    // comparison per arm.
    match *written {
        [b'G', b'B', b'1', b'8', b'0', b'3', b'0'] => Some(Term::StandAlone(StandAlone::Gb18030)),
        [b'G', b'B', b'K'] => Some(Term::StandAlone(StandAlone::Gbk)),
        _ => None,
    }
}

/// The term of an ISO-IR number that both `ISO_IR n` and `ISO 2022 IR n`
/// name: ISO-IR 6, 13 and the single-byte sets.
fn code_extension_number(number: &[u8]) -> Option<Term> {
    use SingleByteSet as S;
    let term = match *number {
        [b'6'] => Term::Default,
        [b'1', b'3'] => Term::JisX0201,
        [b'1', b'0', b'0'] => Term::SingleByte(S::Latin1),
        [b'1', b'0', b'1'] => Term::SingleByte(S::Latin2),
        [b'1', b'0', b'9'] => Term::SingleByte(S::Latin3),
        [b'1', b'1', b'0'] => Term::SingleByte(S::Latin4),
        [b'1', b'4', b'4'] => Term::SingleByte(S::Cyrillic),
        [b'1', b'2', b'7'] => Term::SingleByte(S::Arabic),
        [b'1', b'2', b'6'] => Term::SingleByte(S::Greek),
        [b'1', b'3', b'8'] => Term::SingleByte(S::Hebrew),
        [b'1', b'4', b'8'] => Term::SingleByte(S::Latin5),
        [b'1', b'6', b'6'] => Term::SingleByte(S::Thai),
        [b'2', b'0', b'3'] => Term::SingleByte(S::Latin9),
        _ => return None,
    };
    Some(term)
}

/// The term of the first spelling in `table` that `matches`.
fn lookup(table: &[(&str, Term)], matches: impl Fn(&str) -> bool) -> Option<Term> {
    table
        .iter()
        .find(|(spelling, _)| matches(spelling))
        .map(|&(_, term)| term)
}

/// Upper case with the separators space, `_` and `-` removed, so that
/// `iso-ir_100` and `ISO_IR 100` compare equal.
fn loose_form(term: &str) -> String {
    term.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::XorShift;

    #[test]
    fn standard_spellings_are_recognised_exactly() {
        assert_eq!(
            recognise("ISO_IR 100"),
            Recognition::Exact(Term::SingleByte(SingleByteSet::Latin1))
        );
        assert_eq!(
            recognise("ISO 2022 IR 87"),
            Recognition::Exact(Term::JisX0208)
        );
        assert_eq!(
            recognise("GB18030"),
            Recognition::Exact(Term::StandAlone(StandAlone::Gb18030))
        );
    }

    #[test]
    fn misspelled_separators_and_case_are_corrected() {
        let latin1 = Recognition::Corrected(Term::SingleByte(SingleByteSet::Latin1));
        for written in [
            "ISO_IR_100",
            "ISO-IR 100",
            "ISO IR 100",
            "iso_ir 100",
            "ISO_IR100",
        ] {
            assert_eq!(recognise(written), latin1, "{written}");
        }
        assert_eq!(
            recognise("ISO_2022_IR_87"),
            Recognition::Corrected(Term::JisX0208)
        );
        assert_eq!(
            recognise("ISO-2022-IR-149"),
            Recognition::Corrected(Term::KsX1001)
        );
    }

    #[test]
    fn pydicom_aliases_are_corrected() {
        assert_eq!(
            recognise("ISO 2022 58"),
            Recognition::Corrected(Term::Gb2312)
        );
        assert_eq!(
            recognise("ISO 2022 GBK"),
            Recognition::Corrected(Term::StandAlone(StandAlone::Gbk))
        );
        assert_eq!(
            recognise("utf8"),
            Recognition::Corrected(Term::StandAlone(StandAlone::Utf8))
        );
    }

    #[test]
    fn unknown_terms_are_reported_as_unknown() {
        assert_eq!(recognise("ISO_IR 999"), Recognition::Unknown);
        assert_eq!(recognise("latin1"), Recognition::Unknown);
    }

    /// What [`exact`] must find: the first entry of [`STANDARD_TERMS`]
    /// spelled exactly as `written`.
    fn exact_by_search(written: &[u8]) -> Option<Term> {
        STANDARD_TERMS
            .iter()
            .find(|(standard, _)| standard.as_bytes() == written)
            .map(|&(_, term)| term)
    }

    #[test]
    fn exact_finds_what_a_search_of_the_standard_terms_finds() {
        for (standard, term) in STANDARD_TERMS {
            assert_eq!(exact(standard.as_bytes()), Some(*term), "{standard}");
        }
        // Near misses: each standard spelling cut, extended, or with one byte
        // changed, and the aliases, which are not exact.
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        let alphabet = b"ISO_IR 2022GBK0123456789-_ \0\x80";
        for (standard, _) in STANDARD_TERMS.iter().chain(ALIASES) {
            let bytes = standard.as_bytes();
            for cut in 0..=bytes.len() {
                let short = &bytes[..cut];
                assert_eq!(exact(short), exact_by_search(short), "{short:?}");
                let mut long = short.to_vec();
                long.push(*rng.pick(alphabet));
                assert_eq!(exact(&long), exact_by_search(&long), "{long:?}");
            }
            for _ in 0..200 {
                let mut changed = bytes.to_vec();
                let at = usize::try_from(rng.next()).unwrap_or(0) % changed.len();
                changed[at] = *rng.pick(alphabet);
                assert_eq!(exact(&changed), exact_by_search(&changed), "{changed:?}");
            }
        }
        // Other ISO-IR numbers under either prefix.
        for number in 0..1000 {
            for prefix in ["ISO_IR ", "ISO 2022 IR "] {
                for written in [format!("{prefix}{number}"), format!("{prefix}{number:03}")] {
                    let written = written.as_bytes();
                    assert_eq!(exact(written), exact_by_search(written), "{written:?}");
                }
            }
        }
    }

    #[test]
    fn two_byte_g0_terms_do_not_designate_g1() {
        assert_eq!(Term::JisX0208.g0(), Some(G0Set::JisX0208));
        assert_eq!(Term::JisX0208.g1(), None);
        assert_eq!(Term::KsX1001.g0(), None);
        assert_eq!(Term::KsX1001.g1(), Some(G1Set::KsX1001));
    }
}

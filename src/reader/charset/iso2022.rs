//! The ISO 2022 code-extension state machine of PS3.5 6.1.2.5: escape
//! sequences switch G0 or G1 to another set, and the state falls back to the
//! initial one (value 1 of (0008,0005)) at the points PS3.5 6.1.2.5.3 lists.
//!
//! Unlike pydicom, which cuts the value at each ESC and hands the pieces to
//! Python codecs, this walks the bytes once and decides per byte: below 0x80
//! is G0, above is G1 (DICOM uses no shifts, PS3.5 6.1.2.5.1). That makes the
//! delimiter rule exact: a `^`, `=` or `\` byte is a delimiter only while G0
//! holds a single-byte set; inside JIS X 0208 or JIS X 0212 it is half of a
//! character, as in pydicom's iso2022_jp codec and DCMTK's dcspchrs.cc.

use super::code_elements::{self, Designation, DesignationSet, G0Set, G1Set, PairSet};
use super::{DecodeIssues, TextKind};

/// The escape character that starts every designation (ISO/IEC 2022).
pub(super) const ESC: u8 = 0x1B;

/// The sets in G0 and G1 at one point of a value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct CodeState {
    /// The set for bytes 0x21..=0x7E.
    pub(super) g0: G0Set,
    /// The set for bytes 0xA0..=0xFF.
    pub(super) g1: G1Set,
}

/// Decodes `bytes` starting from `initial`, accepting silently the escape
/// sequences for the sets in `declared` (and ESC ( B, which always means the
/// default repertoire).
///
/// One loop with the position and the state in locals, so that they stay in
/// registers: every step below returns how many bytes it consumed (at least
/// one) rather than updating a decoder held in memory.
pub(super) fn decode(
    bytes: &[u8],
    initial: CodeState,
    declared: DesignationSet,
    kind: TextKind,
) -> (String, DecodeIssues) {
    // Most characters take at least as many UTF-8 bytes as input bytes.
    let mut out = String::with_capacity(bytes.len());
    let mut issues = DecodeIssues::default();
    let mut state = initial;
    // The last G1 set an escape designated; see `g1_after_reset`.
    let mut designated_g1 = G1Set::None;
    let mut pos = 0;
    while let Some(&byte) = bytes.get(pos) {
        let rest = bytes.get(pos..).unwrap_or_default();
        pos += match byte {
            ESC => {
                let len = escape(rest, &mut state, initial, declared, &mut out, &mut issues);
                if state.g1 != G1Set::None {
                    designated_g1 = state.g1;
                }
                len
            }
            // PS3.5 6.1.2.5.3: every control character other than ESC (CR,
            // LF, FF, TAB and the rest) returns G0 and G1 to the initial sets.
            0x00..=0x1F => {
                state = initial;
                out.push(char::from(byte));
                1
            }
            0x20..=0x7F => match state.g0.pair_set() {
                Some(set) => g0_pairs(rest, set, &mut out, &mut issues),
                None => {
                    if kind.resets_at(byte) {
                        state = initial;
                    }
                    // ASCII and JIS X 0201 romaji: see G0Set::JisRoman for
                    // 0x5C and 0x7E.
                    out.push(char::from(byte));
                    1
                }
            },
            0x80..=0xFF => {
                let set = g1_after_reset(state.g1, designated_g1, &mut issues);
                g1(byte, rest, set, &mut out, &mut issues)
            }
        };
    }
    (out, issues)
}

/// The G1 set for a high byte. PS3.5 6.1.2.5.3 returns G1 to the initial set at `^`,
/// `=` and controls, so a writer must designate KS X 1001 or GB 2312 again in each
/// component (`ESC $ ) C 洪 ^ ESC $ ) C 吉洞`); some do it once per value. When the initial
/// state has no G1 set and an escape designated one earlier in the value, the high bytes
/// are read in that set, as pydicom reads them, and flagged, rather than guessed as
/// undeclared text.
fn g1_after_reset(current: G1Set, designated: G1Set, issues: &mut DecodeIssues) -> G1Set {
    if current == G1Set::None && designated != G1Set::None {
        *issues |= DecodeIssues::UNKNOWN_ESCAPE;
        designated
    } else {
        current
    }
}

/// An ESC at the start of `rest`: applies the designation it starts, flagging
/// sequences that are unknown or not declared. Returns the bytes consumed.
fn escape(
    rest: &[u8],
    state: &mut CodeState,
    initial: CodeState,
    declared: DesignationSet,
    out: &mut String,
    issues: &mut DecodeIssues,
) -> usize {
    let after_esc = rest.get(1..).unwrap_or_default();
    let Some((len, designation)) = code_elements::escape_sequence(after_esc) else {
        // A broken sequence (cut off, or interrupted by a byte that cannot
        // be part of one): keep the ESC visible and go on after it.
        *issues |= DecodeIssues::UNKNOWN_ESCAPE;
        return invalid_byte(out, issues);
    };
    match designation {
        Some(designation) => {
            // A known set that (0008,0005) did not declare is still used,
            // because the writer evidently meant it, but flagged.
            let always_allowed = designation == Designation::G0(G0Set::Ascii);
            if !always_allowed && !declared.contains(designation) {
                *issues |= DecodeIssues::UNKNOWN_ESCAPE;
            }
            designate(state, initial, designation);
        }
        // Unknown set: the sequence itself is kept as written (ESC as
        // U+001B, then its printable bytes, as pydicom and our stand-alone
        // sets keep it) so that no byte vanishes, and the bytes after it are
        // decoded with the sets in force.
        None => {
            *issues |= DecodeIssues::UNKNOWN_ESCAPE;
            let sequence = rest.get(..1 + len).unwrap_or_default();
            out.extend(sequence.iter().map(|&byte| char::from(byte)));
        }
    }
    1 + len
}

/// Switches G0 or G1.
fn designate(state: &mut CodeState, initial: CodeState, designation: Designation) {
    match designation {
        Designation::G0(set) => state.g0 = set,
        Designation::G1(set) => {
            state.g1 = set;
            // Strict ISO 2022 would leave a two-byte G0 set in place, but
            // pydicom and DCMTK treat every escape as a switch of the whole
            // encoding (G0 bytes after ESC ) I are JIS X 0201), and pydicom's
            // own writer relies on it: it writes ESC ) I after kanji, without
            // ESC ( J, and then a `^`.
            if state.g0.is_two_byte() {
                state.g0 = initial.g0;
            }
        }
    }
}

/// A byte 0x20..=0x7F at the start of `rest` while G0 holds a 94x94 set: the
/// run of pairs it starts, up to the first byte that is not half of one (an
/// ESC, a control, SPACE, DELETE, a high byte), which is decoded next.
/// Returns the bytes consumed.
fn g0_pairs(rest: &[u8], set: PairSet, out: &mut String, issues: &mut DecodeIssues) -> usize {
    let is_g0_half = |byte: u8| (0x21..=0x7E).contains(&byte);
    match *rest {
        // SPACE and DELETE are not part of a 94x94 set (ISO/IEC 2022 8.2).
        [first @ (0x20 | 0x7F), ..] => {
            out.push(char::from(first));
            1
        }
        [first, second, ..] if is_g0_half(first) && is_g0_half(second) => {
            // Fetched once for the run: a name is a few characters between
            // escapes, and each look-up of the lazily built table costs a
            // check.
            let table = set.table();
            let mut len = 0;
            while let Some(&[first, second]) = rest.get(len..len + 2) {
                if !is_g0_half(first) || !is_g0_half(second) {
                    break;
                }
                if !table.push(first, second, out) {
                    *issues |= DecodeIssues::INVALID_BYTES;
                }
                len += 2;
            }
            len
        }
        // A lone half (at the end, or before a control or high byte).
        _ => invalid_byte(out, issues),
    }
}

/// A byte 0x80..=0xFF, the first of `rest`, in G1. Returns the bytes
/// consumed.
fn g1(byte: u8, rest: &[u8], g1: G1Set, out: &mut String, issues: &mut DecodeIssues) -> usize {
    match g1 {
        G1Set::None => undeclared_run(rest, out, issues),
        G1Set::SingleByte(set) => {
            let decoded = set.upper_half(byte);
            if decoded == char::REPLACEMENT_CHARACTER {
                *issues |= DecodeIssues::INVALID_BYTES;
            }
            out.push(decoded);
            1
        }
        G1Set::JisKatakana => match code_elements::jis_katakana(byte) {
            Some(katakana) => {
                out.push(katakana);
                1
            }
            None => invalid_byte(out, issues),
        },
        G1Set::KsX1001 | G1Set::Gb2312 => g1_pair(rest, g1, out, issues),
    }
}

/// A byte 0x80..=0xFF at the start of `rest` while G1 holds a 94x94 set:
/// both bytes of a character are 0xA1..=0xFE. Returns the bytes consumed.
fn g1_pair(rest: &[u8], g1: G1Set, out: &mut String, issues: &mut DecodeIssues) -> usize {
    let is_gr = |byte: u8| (0xA1..=0xFE).contains(&byte);
    let (Some(set), &[first, second, ..]) = (g1.pair_set(), rest) else {
        return invalid_byte(out, issues);
    };
    if !is_gr(first) || !is_gr(second) {
        return invalid_byte(out, issues);
    }
    if !set.table().push(first, second, out) {
        *issues |= DecodeIssues::INVALID_BYTES;
    }
    2
}

/// High bytes while no G1 set is designated: outside the declared
/// repertoire, so guess as for a value with no (0008,0005) at all, UTF-8
/// first and Latin-1 otherwise, over the whole run of high bytes (a UTF-8
/// sequence never contains a byte below 0x80). Returns the bytes consumed.
fn undeclared_run(rest: &[u8], out: &mut String, issues: &mut DecodeIssues) -> usize {
    let len = rest.iter().take_while(|&&byte| byte >= 0x80).count();
    let run = rest.get(..len).unwrap_or_default();
    match std::str::from_utf8(run) {
        Ok(text) => {
            out.push_str(text);
            *issues |= DecodeIssues::UNDECLARED_UTF8;
        }
        Err(_) => {
            out.extend(run.iter().map(|&byte| char::from(byte)));
            *issues |= DecodeIssues::UNDECLARED_LATIN1;
        }
    }
    len
}

/// One byte that the active set cannot decode: shown as U+FFFD. Returns the
/// bytes consumed: that one.
fn invalid_byte(out: &mut String, issues: &mut DecodeIssues) -> usize {
    out.push(char::REPLACEMENT_CHARACTER);
    *issues |= DecodeIssues::INVALID_BYTES;
    1
}

/// A reference decoder, written for plainness rather than speed: one byte or
/// pair per step, every escape sequence measured and then looked up, the
/// declared sets searched as a list. The tests hold the decoder to it on
/// random values.
#[cfg(test)]
mod reference {
    use super::super::code_elements::{self, Designation, G0Set, G1Set};
    use super::super::{DecodeIssues, TextKind};
    use super::{CodeState, ESC};

    /// Decodes `bytes` starting from `initial`, accepting silently the escape
    /// sequences for the sets in `declared` (and ESC ( B, which always means the
    /// default repertoire).
    pub(super) fn decode(
        bytes: &[u8],
        initial: CodeState,
        declared: &[Designation],
        kind: TextKind,
    ) -> (String, DecodeIssues) {
        let mut decoder = Decoder {
            bytes,
            pos: 0,
            initial,
            state: initial,
            declared,
            kind,
            // Most characters take at least as many UTF-8 bytes as input bytes.
            out: String::with_capacity(bytes.len()),
            issues: DecodeIssues::default(),
            designated_g1: G1Set::None,
        };
        decoder.run();
        (decoder.out, decoder.issues)
    }

    /// The walk over one value.
    struct Decoder<'a> {
        /// The value's bytes.
        bytes: &'a [u8],
        /// Index of the next byte to decode.
        pos: usize,
        /// The state at the start and after every reset point.
        initial: CodeState,
        /// The state now.
        state: CodeState,
        /// Designations (0008,0005) allows.
        declared: &'a [Designation],
        /// Which delimiters reset the state.
        kind: TextKind,
        /// The last G1 set an escape designated.
        designated_g1: G1Set,
        /// Text so far.
        out: String,
        /// Problems so far.
        issues: DecodeIssues,
    }

    impl Decoder<'_> {
        /// Decodes every byte; each step consumes at least one byte.
        fn run(&mut self) {
            while let Some(&byte) = self.bytes.get(self.pos) {
                match byte {
                    ESC => self.escape(),
                    0x00..=0x1F => self.control(byte),
                    0x20..=0x7F => self.g0(byte),
                    0x80..=0xFF => self.g1(byte),
                }
            }
        }

        /// PS3.5 6.1.2.5.3: every control character other than ESC (CR, LF, FF,
        /// TAB and the rest) returns G0 and G1 to the initial sets.
        fn control(&mut self, byte: u8) {
            self.state = self.initial;
            self.out.push(char::from(byte));
            self.pos += 1;
        }

        /// An ESC: apply the designation it starts, flagging sequences that are
        /// unknown or not declared.
        fn escape(&mut self) {
            let after_esc = self.bytes.get(self.pos + 1..).unwrap_or_default();
            let Some(len) = code_elements::escape_sequence_len(after_esc) else {
                // A broken sequence (cut off, or interrupted by a byte that cannot
                // be part of one): keep the ESC visible and go on after it.
                self.issues |= DecodeIssues::UNKNOWN_ESCAPE;
                self.invalid_byte();
                return;
            };
            let sequence = &after_esc[..len];
            self.pos += 1 + len;
            match code_elements::designation(sequence) {
                Some(designation) => self.designate(designation),
                // Unknown set: kept as written, ESC and all; the bytes after
                // it are decoded with the sets in force.
                None => {
                    self.issues |= DecodeIssues::UNKNOWN_ESCAPE;
                    self.out.push(char::from(ESC));
                    self.out
                        .extend(sequence.iter().map(|&byte| char::from(byte)));
                }
            }
        }

        /// Switches G0 or G1. A known set that (0008,0005) did not declare is
        /// still used, because the writer evidently meant it, but flagged.
        fn designate(&mut self, designation: Designation) {
            let always_allowed = designation == Designation::G0(G0Set::Ascii);
            if !always_allowed && !self.declared.contains(&designation) {
                self.issues |= DecodeIssues::UNKNOWN_ESCAPE;
            }
            match designation {
                Designation::G0(set) => self.state.g0 = set,
                Designation::G1(set) => {
                    self.state.g1 = set;
                    if set != G1Set::None {
                        self.designated_g1 = set;
                    }
                    // Strict ISO 2022 would leave a two-byte G0 set in place, but
                    // pydicom and DCMTK treat every escape as a switch of the
                    // whole encoding (G0 bytes after ESC ) I are JIS X 0201), and
                    // pydicom's own writer relies on it: it writes ESC ) I after
                    // kanji, without ESC ( J, and then a `^`.
                    if self.state.g0.is_two_byte() {
                        self.state.g0 = self.initial.g0;
                    }
                }
            }
        }

        /// A byte 0x20..=0x7F, in G0.
        fn g0(&mut self, byte: u8) {
            if self.state.g0.is_two_byte() {
                self.g0_pair(byte);
                return;
            }
            if self.kind.resets_at(byte) {
                self.state = self.initial;
            }
            // ASCII and JIS X 0201 romaji: see G0Set::JisRoman for 0x5C and 0x7E.
            self.out.push(char::from(byte));
            self.pos += 1;
        }

        /// A byte 0x20..=0x7F while G0 holds a 94x94 set.
        fn g0_pair(&mut self, first: u8) {
            // SPACE and DELETE are not part of a 94x94 set (ISO/IEC 2022 8.2).
            if first == 0x20 || first == 0x7F {
                self.out.push(char::from(first));
                self.pos += 1;
                return;
            }
            match self.bytes.get(self.pos + 1) {
                Some(&second) if (0x21..=0x7E).contains(&second) => {
                    if !self.state.g0.push_pair(first, second, &mut self.out) {
                        self.issues |= DecodeIssues::INVALID_BYTES;
                    }
                    self.pos += 2;
                }
                // A lone half (at the end, or before a control or high byte).
                _ => self.invalid_byte(),
            }
        }

        /// A byte 0x80..=0xFF, in G1.
        fn g1(&mut self, byte: u8) {
            // A G1 set designated earlier in the value, lost at a reset point: used
            // again, and flagged.
            if self.state.g1 == G1Set::None && self.designated_g1 != G1Set::None {
                self.issues |= DecodeIssues::UNKNOWN_ESCAPE;
                self.state.g1 = self.designated_g1;
                self.g1(byte);
                self.state.g1 = G1Set::None;
                return;
            }
            match self.state.g1 {
                G1Set::None => self.undeclared_run(),
                G1Set::SingleByte(set) => {
                    let decoded = set.upper_half(byte);
                    if decoded == char::REPLACEMENT_CHARACTER {
                        self.issues |= DecodeIssues::INVALID_BYTES;
                    }
                    self.out.push(decoded);
                    self.pos += 1;
                }
                G1Set::JisKatakana => match code_elements::jis_katakana(byte) {
                    Some(katakana) => {
                        self.out.push(katakana);
                        self.pos += 1;
                    }
                    None => self.invalid_byte(),
                },
                G1Set::KsX1001 | G1Set::Gb2312 => self.g1_pair(byte),
            }
        }

        /// A byte 0x80..=0xFF while G1 holds a 94x94 set: both bytes of a
        /// character are 0xA1..=0xFE.
        fn g1_pair(&mut self, first: u8) {
            let second = self.bytes.get(self.pos + 1).copied();
            let is_gr = |byte: u8| (0xA1..=0xFE).contains(&byte);
            let (Some(set), Some(second)) = (self.state.g1.pair_set(), second) else {
                self.invalid_byte();
                return;
            };
            if !is_gr(first) || !is_gr(second) {
                self.invalid_byte();
                return;
            }
            if !code_elements::push_table_pair(set, first, second, &mut self.out) {
                self.issues |= DecodeIssues::INVALID_BYTES;
            }
            self.pos += 2;
        }

        /// High bytes while no G1 set is designated: outside the declared
        /// repertoire, so guess as for a value with no (0008,0005) at all,
        /// UTF-8 first and Latin-1 otherwise, over the whole run of high bytes
        /// (a UTF-8 sequence never contains a byte below 0x80).
        fn undeclared_run(&mut self) {
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            let len = rest.iter().take_while(|&&byte| byte >= 0x80).count();
            let run = &rest[..len];
            match std::str::from_utf8(run) {
                Ok(text) => {
                    self.out.push_str(text);
                    self.issues |= DecodeIssues::UNDECLARED_UTF8;
                }
                Err(_) => {
                    self.out.extend(run.iter().map(|&byte| char::from(byte)));
                    self.issues |= DecodeIssues::UNDECLARED_LATIN1;
                }
            }
            self.pos += len;
        }

        /// One byte that the active set cannot decode: shown as U+FFFD.
        fn invalid_byte(&mut self) {
            self.out.push(char::REPLACEMENT_CHARACTER);
            self.issues |= DecodeIssues::INVALID_BYTES;
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::charset::code_elements::SingleByteSet;
    use crate::test_support::XorShift;

    /// ASCII in G0, Latin-1 in G1: the state of `ISO 2022 IR 100`.
    const LATIN1: CodeState = CodeState {
        g0: G0Set::Ascii,
        g1: G1Set::SingleByte(SingleByteSet::Latin1),
    };

    /// The default state with JIS X 0208 declared, as `\ISO 2022 IR 87`.
    fn decode_with_jis_x0208(bytes: &[u8], kind: TextKind) -> (String, DecodeIssues) {
        decode(
            bytes,
            CodeState::default(),
            [Designation::G0(G0Set::JisX0208)].into_iter().collect(),
            kind,
        )
    }

    #[test]
    fn lone_esc_at_end_is_shown_and_flagged() {
        let bytes = [
            b'A', // ASCII
            ESC,  // nothing follows
        ];
        let (text, issues) = decode(&bytes, LATIN1, DesignationSet::default(), TextKind::Text);
        assert_eq!(text, "A\u{FFFD}");
        assert!(issues.contains(DecodeIssues::UNKNOWN_ESCAPE));
        assert!(issues.contains(DecodeIssues::INVALID_BYTES));
    }

    #[test]
    fn truncated_two_byte_character_becomes_one_replacement_character() {
        let bytes = [
            ESC, b'$', b'B', // JIS X 0208 into G0
            0x3B, 0x33, // 山
            0x45, // first half of 田, the second is missing
        ];
        let (text, issues) = decode_with_jis_x0208(&bytes, TextKind::PersonName);
        assert_eq!(text, "山\u{FFFD}");
        assert_eq!(issues, DecodeIssues::INVALID_BYTES);
    }

    #[test]
    fn control_character_inside_two_byte_run_resets_to_ascii() {
        let bytes = [
            ESC, b'$', b'B', // JIS X 0208 into G0
            0x3B, 0x33, // 山
            b'\r', b'\n', // end of line: back to ASCII without ESC ( B
            b'A', b'B', // read as ASCII, not as one two-byte character
        ];
        let (text, issues) = decode_with_jis_x0208(&bytes, TextKind::Text);
        assert_eq!(text, "山\r\nAB");
        assert!(issues.is_empty());
    }

    #[test]
    fn space_inside_two_byte_run_is_a_space() {
        let bytes = [
            ESC, b'$', b'B', // JIS X 0208 into G0
            0x3B, 0x33, // 山
            b' ', // SPACE is outside the 94x94 set
            0x45, 0x44, // 田
        ];
        let (text, _) = decode_with_jis_x0208(&bytes, TextKind::Text);
        assert_eq!(text, "山 田");
    }

    #[test]
    fn high_bytes_with_no_g1_set_are_guessed_per_run() {
        let bytes = [
            0xC3, 0xA9, // é in UTF-8
            b'^', // delimiter
        ];
        let initial = CodeState::default();
        let (text, issues) = decode(
            &bytes,
            initial,
            DesignationSet::default(),
            TextKind::PersonName,
        );
        assert_eq!(text, "é^");
        assert_eq!(issues, DecodeIssues::UNDECLARED_UTF8);
    }

    #[test]
    fn unknown_escape_keeps_the_current_sets() {
        let bytes = [
            ESC, b'-', b'Z', // no such set
            0xE9, // still Latin-1: é
        ];
        let (text, issues) = decode(&bytes, LATIN1, DesignationSet::default(), TextKind::Text);
        assert_eq!(text, "\u{1B}-Zé");
        assert_eq!(issues, DecodeIssues::UNKNOWN_ESCAPE);
    }

    #[test]
    fn unknown_escape_is_kept_as_written_between_the_text_around_it() {
        // PS3.5 6.1.2.5: ESC, intermediate 0x2D (a 96-set into G1), final
        // 'Z', which names no set; the bytes are the (0008,1030) value of
        // cs_unknown_escape.dcm, here under `ISO 2022 IR 100`.
        let bytes = [
            b'a', b'b', // ASCII
            ESC, b'-', b'Z', // unknown designation: kept, not dropped
            b'x', b'y', // ASCII
            0xE9, // Latin-1 é: G1 was not changed by the unknown escape
        ];
        let declared = [Designation::G1(G1Set::SingleByte(SingleByteSet::Latin1))]
            .into_iter()
            .collect();
        let (text, issues) = decode(&bytes, LATIN1, declared, TextKind::Text);
        assert_eq!(text, "ab\u{1B}-Zxy\u{E9}");
        assert_eq!(issues, DecodeIssues::UNKNOWN_ESCAPE);
    }

    #[test]
    fn known_escape_to_an_undeclared_set_is_followed_and_flagged() {
        // PS3.5 6.1.2.5.4: ESC - F designates ISO-IR 126 (Greek) into G1,
        // but (0008,0005) declared only ISO 2022 IR 100.
        let bytes = [
            b'a', b'b', // ASCII
            ESC, b'-', b'F', // Greek into G1, not declared
            0xE1, 0xE2, // αβ
        ];
        let declared = [Designation::G1(G1Set::SingleByte(SingleByteSet::Latin1))]
            .into_iter()
            .collect();
        let (text, issues) = decode(&bytes, LATIN1, declared, TextKind::Text);
        assert_eq!(text, "abαβ");
        assert_eq!(issues, DecodeIssues::UNKNOWN_ESCAPE);
    }

    #[test]
    fn g1_set_designated_once_per_value_is_used_after_a_delimiter_and_flagged() {
        // `\ISO 2022 IR 149`: no G1 set at first. The writer designates KS X 1001 before
        // the family name only; PS3.5 6.1.2.5.3 resets G1 at `^`, so the given name's
        // bytes come with no set. They are read in the one designated, as pydicom does.
        let bytes = [
            ESC, b'$', b')', b'C', // KS X 1001 into G1
            0xC8, 0xAB, // 홍
            b'^', // delimiter: back to the initial state (no G1 set)
            0xB1, 0xE6, 0xB5, 0xBF, // 길동, without its escape
        ];
        let declared = [Designation::G1(G1Set::KsX1001)].into_iter().collect();
        let (text, issues) = decode(&bytes, CodeState::default(), declared, TextKind::PersonName);
        assert_eq!(text, "홍^길동");
        assert_eq!(issues, DecodeIssues::UNKNOWN_ESCAPE);
        // With the escape repeated, nothing is flagged.
        let bytes = [
            ESC, b'$', b')', b'C', 0xC8, 0xAB, b'^', ESC, b'$', b')', b'C', 0xB1, 0xE6, 0xB5, 0xBF,
        ];
        let (text, issues) = decode(&bytes, CodeState::default(), declared, TextKind::PersonName);
        assert_eq!(text, "홍^길동");
        assert!(issues.is_empty(), "{issues:?}");
    }

    #[test]
    fn odd_byte_in_two_byte_g1_set_becomes_replacement_character() {
        let bytes = [
            ESC, b'$', b')', b'C', // KS X 1001 into G1
            0xB1, 0xE8, // 김
            0xC8, // first half only
        ];
        let declared = [Designation::G1(G1Set::KsX1001)].into_iter().collect();
        let (text, issues) = decode(&bytes, CodeState::default(), declared, TextKind::Text);
        assert_eq!(text, "김\u{FFFD}");
        assert_eq!(issues, DecodeIssues::INVALID_BYTES);
    }

    /// A random value made of the pieces that steer the decoder: escape
    /// sequences (known, unknown and cut off), ASCII, delimiters, controls,
    /// G0 pairs, high bytes and stray bytes.
    fn random_value(rng: &mut XorShift) -> Vec<u8> {
        const PIECES: &[&[u8]] = &[
            b"\x1B$B",
            b"\x1B(B",
            b"\x1B(J",
            b"\x1B)I",
            b"\x1B$(D",
            b"\x1B$)C",
            b"\x1B$)A",
            b"\x1B-A",
            b"\x1B-L",
            b"\x1B-T",
            b"\x1B$@",
            b"\x1B(Z",
            b"\x1B$",
            b"\x1B",
            b"\x1B\x80",
            b"Yamada",
            b"a",
            b" ",
            b"\x7F",
            b"^",
            b"=",
            b"\\",
            b"\r\n",
            b"\t",
            b"\x00",
            b";3ED",
            b"$^",
            b"!@",
            b")!",
            b"~~",
            b"\xD4\xCF",
            b"\xB1\xE8",
            b"\xA1",
            b"\xFE\xFE",
            b"\xE9",
            b"\xC3\xA9",
            b"\x80",
            b"\xFF",
        ];
        let pieces = usize::try_from(rng.next() % 12).unwrap_or(0);
        let mut value = Vec::new();
        for _ in 0..pieces {
            if rng.next().is_multiple_of(4) {
                // Any byte at all, now and then.
                value.push(rng.next().to_le_bytes()[0]);
            } else {
                let piece: &&[u8] = rng.pick(PIECES);
                value.extend_from_slice(piece);
            }
        }
        value
    }

    #[test]
    fn decoder_matches_the_byte_at_a_time_reference_on_random_values() {
        use crate::reader::charset::code_elements::SingleByteSet as S;
        let states = [
            CodeState::default(),
            LATIN1,
            CodeState {
                g0: G0Set::JisRoman,
                g1: G1Set::JisKatakana,
            },
            CodeState {
                g0: G0Set::Ascii,
                g1: G1Set::KsX1001,
            },
            CodeState {
                g0: G0Set::Ascii,
                g1: G1Set::SingleByte(S::Thai),
            },
        ];
        let declarations: [&[Designation]; 4] = [
            &[],
            &[Designation::G0(G0Set::JisX0208)],
            &[
                Designation::G0(G0Set::JisRoman),
                Designation::G1(G1Set::JisKatakana),
                Designation::G0(G0Set::JisX0208),
                Designation::G0(G0Set::JisX0212),
            ],
            &[
                Designation::G1(G1Set::SingleByte(S::Latin1)),
                Designation::G1(G1Set::SingleByte(S::Cyrillic)),
                Designation::G1(G1Set::KsX1001),
                Designation::G1(G1Set::Gb2312),
            ],
        ];
        let kinds = [TextKind::PersonName, TextKind::MultiValued, TextKind::Text];
        let mut rng = XorShift(0xD1B5_4A32_D192_ED03);
        for _ in 0..20_000 {
            let value = random_value(&mut rng);
            let initial = *rng.pick(&states);
            let declared = *rng.pick(&declarations);
            let kind = *rng.pick(&kinds);
            let set = declared.iter().copied().collect();
            assert_eq!(
                decode(&value, initial, set, kind),
                reference::decode(&value, initial, declared, kind),
                "{value:02X?} {initial:?} {declared:?} {kind:?}"
            );
        }
    }
}

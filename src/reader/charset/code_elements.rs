//! The graphic character sets DICOM can designate to the G0 and G1 code
//! elements, their escape sequences, and how one character of each is turned
//! into Unicode.
//!
//! PS3.3 Tables C.12-2 to C.12-4 list the sets; PS3.5 6.1.2.5 says how they
//! are invoked. G0 holds the bytes 0x21..=0x7E (GL), G1 the bytes
//! 0xA1..=0xFE (GR); DICOM never uses locking shifts, so a byte's high bit
//! alone says which element it belongs to.
//!
//! The two-byte sets are decoded through encoding_rs's EUC tables rather than
//! tables of our own: a JIS X 0208 pair `b1 b2` is the EUC-JP pair
//! `b1|0x80 b2|0x80`, a JIS X 0212 pair is EUC-JP `0x8F b1|0x80 b2|0x80`, and
//! KS X 1001 and GB 2312 in G1 already are EUC-KR and EUC-CN (a subset of
//! GBK) bytes. encoding_rs's own ISO-2022 decoders cannot be used: its
//! ISO-2022-KR/CN labels map to the replacement decoder, and its ISO-2022-JP
//! has no JIS X 0212.

use std::sync::OnceLock;

use encoding_rs::Encoding;

/// A set designated to G0 (bytes 0x21..=0x7E), PS3.3 Tables C.12-3 and C.12-4.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum G0Set {
    /// ISO-IR 6, ASCII: the default repertoire.
    #[default]
    Ascii,
    /// ISO-IR 14, JIS X 0201 romaji. It differs from ASCII only at 0x5C
    /// (YEN SIGN) and 0x7E (OVERLINE); we decode those as `\` and `~`, as
    /// pydicom does (Python's shift_jis), because 0x5C is also DICOM's value
    /// delimiter and callers split on `\` after decoding.
    JisRoman,
    /// ISO-IR 87, JIS X 0208 kanji and kana: two bytes per character.
    JisX0208,
    /// ISO-IR 159, JIS X 0212 supplementary kanji: two bytes per character.
    JisX0212,
}

impl G0Set {
    /// True for the 94x94 sets, whose characters are pairs of G0 bytes, so
    /// that `^`, `=` and `\` bytes inside them are halves of characters and
    /// not delimiters (PS3.5 6.1.2.5.3 makes the writer switch back to the
    /// initial set before any delimiter, so a reader never needs to look for
    /// one inside a two-byte run).
    pub(super) fn is_two_byte(self) -> bool {
        matches!(self, Self::JisX0208 | Self::JisX0212)
    }

    /// The table of a two-byte set, or None for a single-byte set.
    pub(super) fn pair_set(self) -> Option<PairSet> {
        match self {
            Self::JisX0208 => Some(PairSet::JisX0208),
            Self::JisX0212 => Some(PairSet::JisX0212),
            Self::Ascii | Self::JisRoman => None,
        }
    }

    /// Appends the character of the G0 pair `b1 b2` (each 0x21..=0x7E) of a
    /// two-byte set; returns false, having appended U+FFFD, when the pair is
    /// not a character of the set or the set is single-byte.
    #[cfg(test)]
    pub(super) fn push_pair(self, b1: u8, b2: u8, out: &mut String) -> bool {
        match self.pair_set() {
            Some(set) => push_table_pair(set, b1, b2, out),
            None => {
                out.push(char::REPLACEMENT_CHARACTER);
                false
            }
        }
    }
}

/// The 94x94 sets, each decoded once into a table on first use: a decoder made for every
/// character cost about 600 instructions a character, a table look-up costs a few.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PairSet {
    /// ISO-IR 87 in G0.
    JisX0208,
    /// ISO-IR 159 in G0.
    JisX0212,
    /// ISO-IR 149 in G1.
    KsX1001,
    /// ISO-IR 58 in G1.
    Gb2312,
}

/// Cells of a 94x94 set.
const CELLS: usize = 94 * 94;

/// A table entry whose bytes did not decode to exactly one character: decoded the slow
/// way, so the output is always what encoding_rs gives.
const SLOW: u32 = u32::MAX;

/// Set in a table entry whose character is U+FFFD put in for an invalid pair.
const INVALID: u32 = 1 << 31;

impl PairSet {
    /// The encoding_rs decoder whose EUC form of the set the tables are made of.
    fn encoding(self) -> &'static Encoding {
        match self {
            Self::JisX0208 | Self::JisX0212 => encoding_rs::EUC_JP,
            Self::KsX1001 => encoding_rs::EUC_KR,
            Self::Gb2312 => encoding_rs::GBK,
        }
    }

    /// Appends the EUC bytes of the pair at row and cell (each 0..94).
    fn push_euc_bytes(self, row: u8, cell: u8, bytes: &mut Vec<u8>) {
        // 0x8F is EUC-JP's single shift 3, which selects JIS X 0212.
        if self == Self::JisX0212 {
            bytes.push(0x8F);
        }
        bytes.extend_from_slice(&[0xA1 + row, 0xA1 + cell]);
    }

    /// Decodes the pair at row and cell (each 0..94) with encoding_rs, as EUC bytes: what
    /// the tables are made of.
    fn decode_slow(self, row: u8, cell: u8, out: &mut String) -> bool {
        let (b1, b2) = (0xA1 + row, 0xA1 + cell);
        let bytes: &[u8] = match self {
            Self::JisX0212 => &[0x8F, b1, b2],
            Self::JisX0208 | Self::KsX1001 | Self::Gb2312 => &[b1, b2],
        };
        push_decoded(self.encoding(), bytes, out)
    }

    /// The set's table, built on first use.
    pub(super) fn table(self) -> PairTable {
        static TABLES: [OnceLock<Box<[u32]>>; 4] = [
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
        ];
        let entries = TABLES[self as usize].get_or_init(|| self.build_table());
        PairTable { set: self, entries }
    }

    /// Decodes every pair: a row at a time, because one decoder call per row costs far
    /// less than one per pair (the table is built in every process that meets the set).
    fn build_table(self) -> Box<[u32]> {
        let mut table = vec![SLOW; CELLS].into_boxed_slice();
        let mut row_bytes = Vec::with_capacity(3 * 94);
        for row in 0..94u8 {
            row_bytes.clear();
            for cell in 0..94u8 {
                self.push_euc_bytes(row, cell, &mut row_bytes);
            }
            let (text, _) = self.encoding().decode_without_bom_handling(&row_bytes);
            // Each EUC pair of these sets decodes to one character or one U+FFFD (the
            // trail byte is never ASCII, so an error swallows both bytes). Should a row
            // ever decode otherwise, its entries stay SLOW and are decoded pair by pair.
            if text.chars().count() != 94 {
                continue;
            }
            let start = usize::from(row) * 94;
            let Some(entries) = table.get_mut(start..start + 94) else {
                continue;
            };
            for (entry, c) in entries.iter_mut().zip(text.chars()) {
                // No pair of these sets maps to U+FFFD itself, so U+FFFD is an error.
                *entry = if c == char::REPLACEMENT_CHARACTER {
                    u32::from(c) | INVALID
                } else {
                    u32::from(c)
                };
            }
        }
        table
    }
}

/// The decoded table of one [`PairSet`], fetched once per run of pairs so that each
/// character costs a look-up and no check of the [`OnceLock`].
#[derive(Clone, Copy)]
pub(super) struct PairTable {
    /// Whose table it is, for the entries that are decoded the slow way.
    set: PairSet,
    /// One entry per cell, row by row.
    entries: &'static [u32],
}

impl PairTable {
    /// Appends the character of the pair `b1 b2`, each byte in 0x21..=0x7E or in
    /// 0xA1..=0xFE (the high bit is ignored); returns false when it is not a character of
    /// the set (U+FFFD appended).
    #[inline(always)]
    pub(super) fn push(self, b1: u8, b2: u8, out: &mut String) -> bool {
        let (row, cell) = (
            (b1 & 0x7F).wrapping_sub(0x21),
            (b2 & 0x7F).wrapping_sub(0x21),
        );
        if row >= 94 || cell >= 94 {
            out.push(char::REPLACEMENT_CHARACTER);
            return false;
        }
        let entry = self
            .entries
            .get(usize::from(row) * 94 + usize::from(cell))
            .copied()
            .unwrap_or(SLOW);
        match char::from_u32(entry & !INVALID) {
            Some(c) if entry != SLOW => {
                out.push(c);
                entry & INVALID == 0
            }
            _ => self.set.decode_slow(row, cell, out),
        }
    }
}

/// Appends the character of the pair `b1 b2` of `set`, each byte in 0x21..=0x7E or in
/// 0xA1..=0xFE (the high bit is ignored); returns false when it is not a character of the
/// set (U+FFFD appended).
#[cfg(test)]
pub(super) fn push_table_pair(set: PairSet, b1: u8, b2: u8, out: &mut String) -> bool {
    set.table().push(b1, b2, out)
}

/// A set designated to G1 (bytes 0xA0..=0xFF), PS3.3 Tables C.12-2 to C.12-4.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum G1Set {
    /// Nothing designated: the default repertoire has no G1, so any byte
    /// above 0x7F is outside the declared character set.
    #[default]
    None,
    /// The upper half of an ISO 8859 part (or TIS 620).
    SingleByte(SingleByteSet),
    /// ISO-IR 13, JIS X 0201 half-width katakana.
    JisKatakana,
    /// ISO-IR 149, KS X 1001 Korean: two bytes per character.
    KsX1001,
    /// ISO-IR 58, GB 2312 simplified Chinese: two bytes per character.
    Gb2312,
}

impl G1Set {
    /// The table of a two-byte set, or None for a single-byte set.
    pub(super) fn pair_set(self) -> Option<PairSet> {
        match self {
            Self::KsX1001 => Some(PairSet::KsX1001),
            Self::Gb2312 => Some(PairSet::Gb2312),
            Self::None | Self::SingleByte(_) | Self::JisKatakana => None,
        }
    }
}

/// JIS X 0201 katakana (ISO-IR 13) for a G1 byte: 0xA1..=0xDF are the
/// half-width katakana U+FF61..=U+FF9F, in the same order.
pub(super) fn jis_katakana(byte: u8) -> Option<char> {
    if !(0xA1..=0xDF).contains(&byte) {
        return None;
    }
    char::from_u32(0xFF61 + u32::from(byte - 0xA1))
}

/// The single-byte sets of PS3.3 Table C.12-2, each an ASCII G0 plus one of
/// these upper halves in G1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SingleByteSet {
    /// ISO-IR 100, ISO 8859-1 Latin alphabet No. 1.
    Latin1,
    /// ISO-IR 101, ISO 8859-2 Latin alphabet No. 2.
    Latin2,
    /// ISO-IR 109, ISO 8859-3 Latin alphabet No. 3.
    Latin3,
    /// ISO-IR 110, ISO 8859-4 Latin alphabet No. 4.
    Latin4,
    /// ISO-IR 144, ISO 8859-5 Cyrillic.
    Cyrillic,
    /// ISO-IR 127, ISO 8859-6 Arabic.
    Arabic,
    /// ISO-IR 126, ISO 8859-7 Greek.
    Greek,
    /// ISO-IR 138, ISO 8859-8 Hebrew.
    Hebrew,
    /// ISO-IR 148, ISO 8859-9 Latin alphabet No. 5 (Turkish).
    Latin5,
    /// ISO-IR 166, TIS 620-2533 Thai (ISO 8859-11).
    Thai,
    /// ISO-IR 203, ISO 8859-15 Latin alphabet No. 9.
    Latin9,
}

/// How many [`SingleByteSet`]s there are: the length of the table cache.
const SINGLE_BYTE_SET_COUNT: usize = 11;

/// One lazily built 128-entry table per set, for the bytes 0x80..=0xFF.
static UPPER_HALVES: [OnceLock<[char; 128]>; SINGLE_BYTE_SET_COUNT] =
    [const { OnceLock::new() }; SINGLE_BYTE_SET_COUNT];

impl SingleByteSet {
    /// The character for a byte 0x80..=0xFF, U+FFFD where the set has none.
    /// 0x80..=0x9F are the C1 controls U+0080..=U+009F in every ISO 8859 part.
    pub(super) fn upper_half(self, byte: u8) -> char {
        let table = UPPER_HALVES[self.index() as usize].get_or_init(|| self.build_upper_half());
        table[usize::from(byte & 0x7F)]
    }

    /// Position of this set in [`UPPER_HALVES`] (and in a [`DesignationSet`]).
    fn index(self) -> u32 {
        match self {
            Self::Latin1 => 0,
            Self::Latin2 => 1,
            Self::Latin3 => 2,
            Self::Latin4 => 3,
            Self::Cyrillic => 4,
            Self::Arabic => 5,
            Self::Greek => 6,
            Self::Hebrew => 7,
            Self::Latin5 => 8,
            Self::Thai => 9,
            Self::Latin9 => 10,
        }
    }

    /// Builds the table for 0x80..=0xFF. Latin-1, Latin-5 and Thai are done
    /// by hand because the WHATWG labels encoding_rs follows map them to
    /// windows-1252, windows-1254 and windows-874, which put printable
    /// characters where ISO 8859 has C1 controls.
    fn build_upper_half(self) -> [char; 128] {
        let encoding = match self {
            Self::Latin1 => return std::array::from_fn(|i| latin1(0x80 + i)),
            Self::Latin5 => return std::array::from_fn(|i| latin5(0x80 + i)),
            Self::Thai => return std::array::from_fn(|i| thai(0x80 + i)),
            Self::Latin2 => encoding_rs::ISO_8859_2,
            Self::Latin3 => encoding_rs::ISO_8859_3,
            Self::Latin4 => encoding_rs::ISO_8859_4,
            Self::Cyrillic => encoding_rs::ISO_8859_5,
            Self::Arabic => encoding_rs::ISO_8859_6,
            Self::Greek => encoding_rs::ISO_8859_7,
            Self::Hebrew => encoding_rs::ISO_8859_8,
            Self::Latin9 => encoding_rs::ISO_8859_15,
        };
        std::array::from_fn(|i| single_byte_via(encoding, 0x80 + i))
    }
}

/// ISO 8859-1: every byte is the code point of the same value.
fn latin1(byte: usize) -> char {
    u8::try_from(byte).map_or(char::REPLACEMENT_CHARACTER, char::from)
}

/// ISO 8859-9 is ISO 8859-1 with six Turkish letters in place of six
/// Icelandic ones (ISO 8859-9 section 6).
fn latin5(byte: usize) -> char {
    match byte {
        0xD0 => '\u{011E}', // G WITH BREVE
        0xDD => '\u{0130}', // I WITH DOT ABOVE
        0xDE => '\u{015E}', // S WITH CEDILLA
        0xF0 => '\u{011F}', // g with breve
        0xFD => '\u{0131}', // dotless i
        0xFE => '\u{015F}', // s with cedilla
        _ => latin1(byte),
    }
}

/// ISO 8859-11 (TIS 620 plus NBSP): the Thai block U+0E01..=U+0E5B laid out
/// in order from 0xA1, with 0xDB..=0xDE and 0xFC..=0xFF unassigned.
fn thai(byte: usize) -> char {
    let code_point = match byte {
        0x80..=0xA0 => byte,
        0xA1..=0xDA | 0xDF..=0xFB => byte - 0xA0 + 0x0E00,
        _ => return char::REPLACEMENT_CHARACTER,
    };
    u32::try_from(code_point)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// One byte through an encoding_rs single-byte decoder.
fn single_byte_via(encoding: &'static Encoding, byte: usize) -> char {
    let Ok(byte) = u8::try_from(byte) else {
        return char::REPLACEMENT_CHARACTER;
    };
    let input = [byte];
    let (text, _) = encoding.decode_without_bom_handling(&input);
    text.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// Appends `bytes` decoded with `encoding`; returns false when the decoder
/// met an error (it then appended U+FFFD in place of the bad bytes).
pub(super) fn push_decoded(encoding: &'static Encoding, bytes: &[u8], out: &mut String) -> bool {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // decode_to_string only writes into spare capacity; the worst case is
    // three bytes of UTF-8 per input byte, which the fallback covers if
    // encoding_rs cannot say.
    let needed = decoder
        .max_utf8_buffer_length(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3).saturating_add(16));
    out.reserve(needed);
    let (result, read, had_errors) = decoder.decode_to_string(bytes, out, true);
    let complete = result == encoding_rs::CoderResult::InputEmpty && read == bytes.len();
    if !complete {
        // Cannot happen with the capacity reserved above; show the loss
        // rather than hide it.
        out.push(char::REPLACEMENT_CHARACTER);
    }
    complete && !had_errors
}

/// What an escape sequence designates (PS3.3 Tables C.12-3 and C.12-4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Designation {
    /// A set invoked into G0.
    G0(G0Set),
    /// A set invoked into G1.
    G1(G1Set),
}

impl Designation {
    /// This designation's bit in a [`DesignationSet`]: one of 19, as there are four G0
    /// sets and fifteen G1 values.
    fn bit(self) -> u32 {
        let index = match self {
            Self::G0(G0Set::Ascii) => 0,
            Self::G0(G0Set::JisRoman) => 1,
            Self::G0(G0Set::JisX0208) => 2,
            Self::G0(G0Set::JisX0212) => 3,
            Self::G1(G1Set::None) => 4,
            Self::G1(G1Set::JisKatakana) => 5,
            Self::G1(G1Set::KsX1001) => 6,
            Self::G1(G1Set::Gb2312) => 7,
            Self::G1(G1Set::SingleByte(set)) => 8 + set.index(),
        };
        1 << index
    }
}

/// Designations as a bit set, so that checking an escape sequence against what
/// (0008,0005) declared is one AND rather than a search of a list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct DesignationSet(u32);

impl DesignationSet {
    /// True when `designation` is in the set.
    pub(super) fn contains(self, designation: Designation) -> bool {
        self.0 & designation.bit() != 0
    }

    /// Adds `designation`; returns false when it was already there.
    pub(super) fn insert(&mut self, designation: Designation) -> bool {
        let bit = designation.bit();
        let added = self.0 & bit == 0;
        self.0 |= bit;
        added
    }
}

impl FromIterator<Designation> for DesignationSet {
    fn from_iter<I: IntoIterator<Item = Designation>>(designations: I) -> Self {
        let mut set = Self::default();
        for designation in designations {
            set.insert(designation);
        }
        set
    }
}

/// The designation named by the bytes after ESC (intermediates and final
/// byte), or None for a sequence DICOM does not use.
pub(super) fn designation(sequence: &[u8]) -> Option<Designation> {
    use Designation::{G0, G1};
    match *sequence {
        [intermediate, final_byte] => two_byte_designation(intermediate, final_byte),
        [b'$', b'(', b'D'] => Some(G0(G0Set::JisX0212)),
        [b'$', b')', b'C'] => Some(G1(G1Set::KsX1001)),
        [b'$', b')', b'A'] => Some(G1(G1Set::Gb2312)),
        _ => None,
    }
}

/// [`designation`] of a sequence of one intermediate and a final byte.
#[inline]
fn two_byte_designation(intermediate: u8, final_byte: u8) -> Option<Designation> {
    use Designation::{G0, G1};
    use G1Set::SingleByte as Sb;
    // A match on the two bytes compiles to a decision on each, not to one
    // comparison of the whole sequence per arm.
    let designation = match (intermediate, final_byte) {
        (b'(', b'B') => G0(G0Set::Ascii),
        (b'(', b'J') => G0(G0Set::JisRoman),
        (b'$', b'B') => G0(G0Set::JisX0208),
        (b')', b'I') => G1(G1Set::JisKatakana),
        (b'-', b'A') => G1(Sb(SingleByteSet::Latin1)),
        (b'-', b'B') => G1(Sb(SingleByteSet::Latin2)),
        (b'-', b'C') => G1(Sb(SingleByteSet::Latin3)),
        (b'-', b'D') => G1(Sb(SingleByteSet::Latin4)),
        (b'-', b'F') => G1(Sb(SingleByteSet::Greek)),
        (b'-', b'G') => G1(Sb(SingleByteSet::Arabic)),
        (b'-', b'H') => G1(Sb(SingleByteSet::Hebrew)),
        (b'-', b'L') => G1(Sb(SingleByteSet::Cyrillic)),
        (b'-', b'M') => G1(Sb(SingleByteSet::Latin5)),
        (b'-', b'T') => G1(Sb(SingleByteSet::Thai)),
        (b'-', b'b') => G1(Sb(SingleByteSet::Latin9)),
        _ => return None,
    };
    Some(designation)
}

/// The escape sequence after an ESC at the start of `after_esc`: its length
/// (as [`escape_sequence_len`]) and what it designates (as [`designation`]).
/// None when it is cut off or broken by another byte.
#[inline]
pub(super) fn escape_sequence(after_esc: &[u8]) -> Option<(usize, Option<Designation>)> {
    // One intermediate and a final byte: every Japanese escape but JIS X 0212's
    // and every single-byte one, so the count of intermediates is skipped.
    if let [intermediate @ 0x20..=0x2F, final_byte @ 0x30..=0x7E, ..] = *after_esc {
        return Some((2, two_byte_designation(intermediate, final_byte)));
    }
    let len = escape_sequence_len(after_esc)?;
    let sequence = after_esc.get(..len)?;
    Some((len, designation(sequence)))
}

/// Length of the escape sequence after an ESC at the start of `after_esc`:
/// any number of intermediate bytes 0x20..=0x2F and one final byte
/// 0x30..=0x7E (ISO/IEC 2022 section 13.1). None when it is cut off or
/// broken by another byte.
pub(super) fn escape_sequence_len(after_esc: &[u8]) -> Option<usize> {
    let intermediates = after_esc
        .iter()
        .take_while(|byte| (0x20..=0x2F).contains(*byte))
        .count();
    let final_byte = after_esc.get(intermediates)?;
    (0x30..=0x7E)
        .contains(final_byte)
        .then_some(intermediates + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_upper_half_maps_c1_bytes_to_c1_controls_not_windows_1252() {
        // 0x80 is EURO SIGN in windows-1252 but PADDING CHARACTER in 8859-1.
        assert_eq!(SingleByteSet::Latin1.upper_half(0x80), '\u{0080}');
        // 0x9F is Y WITH DIAERESIS in windows-1252, APC in 8859-1.
        assert_eq!(SingleByteSet::Latin1.upper_half(0x9F), '\u{009F}');
        // 0xE9 is e with acute.
        assert_eq!(SingleByteSet::Latin1.upper_half(0xE9), 'é');
    }

    #[test]
    fn every_encoding_rs_backed_set_keeps_c1_controls() {
        let sets = [
            SingleByteSet::Latin2,
            SingleByteSet::Latin3,
            SingleByteSet::Latin4,
            SingleByteSet::Cyrillic,
            SingleByteSet::Arabic,
            SingleByteSet::Greek,
            SingleByteSet::Hebrew,
            SingleByteSet::Latin9,
        ];
        for set in sets {
            for byte in 0x80..=0x9F_u8 {
                assert_eq!(set.upper_half(byte), char::from(byte), "{set:?} {byte:#x}");
            }
        }
    }

    #[test]
    fn latin5_differs_from_latin1_only_in_six_turkish_letters() {
        let differing: Vec<u8> = (0x80..=0xFF_u8)
            .filter(|&b| SingleByteSet::Latin5.upper_half(b) != char::from(b))
            .collect();
        assert_eq!(differing, [0xD0, 0xDD, 0xDE, 0xF0, 0xFD, 0xFE]);
        // 0x80 stays a C1 control (windows-1254 would give EURO SIGN).
        assert_eq!(SingleByteSet::Latin5.upper_half(0x80), '\u{0080}');
    }

    #[test]
    fn thai_maps_its_block_and_leaves_the_gaps_unassigned() {
        // 0xA1 is THAI CHARACTER KO KAI, the first of the block.
        assert_eq!(SingleByteSet::Thai.upper_half(0xA1), '\u{0E01}');
        // 0xDF is THAI CURRENCY SYMBOL BAHT.
        assert_eq!(SingleByteSet::Thai.upper_half(0xDF), '\u{0E3F}');
        // 0xFB is THAI CHARACTER KHOMUT, the last.
        assert_eq!(SingleByteSet::Thai.upper_half(0xFB), '\u{0E5B}');
        // 0xDB and 0xFC are holes in TIS 620.
        assert_eq!(
            SingleByteSet::Thai.upper_half(0xDB),
            char::REPLACEMENT_CHARACTER
        );
        assert_eq!(
            SingleByteSet::Thai.upper_half(0xFC),
            char::REPLACEMENT_CHARACTER
        );
        // 0x85 is a C1 control (windows-874 would give HORIZONTAL ELLIPSIS).
        assert_eq!(SingleByteSet::Thai.upper_half(0x85), '\u{0085}');
    }

    #[test]
    fn jis_x0212_pair_decodes_like_euc_jp_with_single_shift_3() {
        // JIS X 0212 row 16 cell 1 (bytes 0x30 0x21) is U+4E02.
        let mut out = String::new();
        assert!(G0Set::JisX0212.push_pair(0x30, 0x21, &mut out));
        // The same character as EUC-JP: SS3, then both bytes with the high bit set.
        let (euc, had_errors) =
            encoding_rs::EUC_JP.decode_without_bom_handling(&[0x8F, 0xB0, 0xA1]);
        assert!(!had_errors);
        assert_eq!(out, euc);
        assert_eq!(out, "\u{4E02}");
    }

    #[test]
    fn every_pair_of_every_table_decodes_as_encoding_rs_does() {
        let sets = [
            PairSet::JisX0208,
            PairSet::JisX0212,
            PairSet::KsX1001,
            PairSet::Gb2312,
        ];
        let mut valid = [0usize; 4];
        for (i, set) in sets.into_iter().enumerate() {
            for b1 in 0x21..=0x7Eu8 {
                for b2 in 0x21..=0x7Eu8 {
                    let (mut fast, mut slow) = (String::new(), String::new());
                    let ok_fast = push_table_pair(set, b1, b2, &mut fast);
                    let ok_slow = set.decode_slow(b1 - 0x21, b2 - 0x21, &mut slow);
                    assert_eq!(
                        (ok_fast, &fast),
                        (ok_slow, &slow),
                        "{set:?} {b1:02X} {b2:02X}"
                    );
                    // G1 bytes carry the high bit; the table ignores it.
                    let mut high = String::new();
                    assert_eq!(
                        push_table_pair(set, b1 | 0x80, b2 | 0x80, &mut high),
                        ok_slow
                    );
                    assert_eq!(high, slow);
                    valid[i] += usize::from(ok_slow);
                }
            }
        }
        // Thousands of characters in each (JIS X 0208 6,879; KS X 1001 8,224; GB 2312
        // 7,445; JIS X 0212 6,067, as encoding_rs maps them): the tables are not empty.
        assert!(valid.iter().all(|&n| n > 5_000), "{valid:?}");
        let mut out = String::new();
        assert!(!push_table_pair(PairSet::JisX0208, 0x20, 0x21, &mut out));
        assert!(!push_table_pair(PairSet::KsX1001, 0xFF, 0xA1, &mut out));
        assert_eq!(out, "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn jis_x0208_pair_decodes_like_euc_jp() {
        // JIS X 0208 0x3B 0x33 is 山 (the first character of Yamada).
        let mut out = String::new();
        assert!(G0Set::JisX0208.push_pair(0x3B, 0x33, &mut out));
        assert_eq!(out, "山");
    }

    #[test]
    fn unassigned_two_byte_pair_becomes_one_replacement_character() {
        // Row 0x29 of JIS X 0208 is empty.
        let mut out = String::new();
        assert!(!G0Set::JisX0208.push_pair(0x29, 0x21, &mut out));
        assert_eq!(out, "\u{FFFD}");
    }

    #[test]
    fn katakana_covers_a1_to_df_only() {
        // 0xA1 is HALFWIDTH IDEOGRAPHIC FULL STOP.
        assert_eq!(jis_katakana(0xA1), Some('\u{FF61}'));
        // 0xDF is HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK.
        assert_eq!(jis_katakana(0xDF), Some('\u{FF9F}'));
        // 0xE0 is outside JIS X 0201.
        assert_eq!(jis_katakana(0xE0), None);
    }

    #[test]
    fn escape_sequence_length_counts_intermediates_and_final() {
        // "$)C": two intermediates and the final byte.
        assert_eq!(escape_sequence_len(b"$)C rest"), Some(3));
        // "(B": one intermediate and the final byte.
        assert_eq!(escape_sequence_len(b"(B"), Some(2));
        // Cut off after the intermediates.
        assert_eq!(escape_sequence_len(b"$("), None);
        // Nothing after the ESC at all.
        assert_eq!(escape_sequence_len(b""), None);
        // A byte that is neither intermediate nor final (0x80).
        assert_eq!(escape_sequence_len(&[0x24, 0x80]), None);
    }

    #[test]
    fn escape_sequence_matches_length_then_designation_on_random_bytes() {
        let mut rng = crate::test_support::XorShift(0x9E6C_63D0_676A_9A99);
        // Intermediates, finals and others, so that most draws are sequences.
        let alphabet = b"$()-$()-ABCDFGHIJLMTb@Z\x7E\x7F\x1B\x80 /0";
        for _ in 0..20_000 {
            let len = usize::try_from(rng.next() % 5).unwrap_or(0);
            let bytes: Vec<u8> = (0..len).map(|_| *rng.pick(alphabet)).collect();
            let general = escape_sequence_len(&bytes).map(|len| (len, designation(&bytes[..len])));
            assert_eq!(escape_sequence(&bytes), general, "{bytes:02X?}");
        }
        // Every pair of bytes, so that the two-byte table is checked whole.
        for first in 0..=255u8 {
            for second in 0..=255u8 {
                let bytes = [first, second];
                let general =
                    escape_sequence_len(&bytes).map(|len| (len, designation(&bytes[..len])));
                assert_eq!(escape_sequence(&bytes), general, "{bytes:02X?}");
            }
        }
    }

    #[test]
    fn designation_set_holds_each_designation_apart() {
        let all: Vec<Designation> = [
            G0Set::Ascii,
            G0Set::JisRoman,
            G0Set::JisX0208,
            G0Set::JisX0212,
        ]
        .into_iter()
        .map(Designation::G0)
        .chain(
            [
                G1Set::None,
                G1Set::JisKatakana,
                G1Set::KsX1001,
                G1Set::Gb2312,
                G1Set::SingleByte(SingleByteSet::Latin1),
                G1Set::SingleByte(SingleByteSet::Latin2),
                G1Set::SingleByte(SingleByteSet::Latin3),
                G1Set::SingleByte(SingleByteSet::Latin4),
                G1Set::SingleByte(SingleByteSet::Cyrillic),
                G1Set::SingleByte(SingleByteSet::Arabic),
                G1Set::SingleByte(SingleByteSet::Greek),
                G1Set::SingleByte(SingleByteSet::Hebrew),
                G1Set::SingleByte(SingleByteSet::Latin5),
                G1Set::SingleByte(SingleByteSet::Thai),
                G1Set::SingleByte(SingleByteSet::Latin9),
            ]
            .into_iter()
            .map(Designation::G1),
        )
        .collect();
        for (i, &designation) in all.iter().enumerate() {
            let mut set = DesignationSet::default();
            assert!(set.insert(designation));
            assert!(!set.insert(designation));
            for (j, &other) in all.iter().enumerate() {
                assert_eq!(set.contains(other), i == j, "{designation:?} {other:?}");
            }
        }
    }

    #[test]
    fn designation_knows_the_dicom_escape_sequences() {
        assert_eq!(designation(b"$B"), Some(Designation::G0(G0Set::JisX0208)));
        assert_eq!(designation(b"$)C"), Some(Designation::G1(G1Set::KsX1001)));
        assert_eq!(
            designation(b"-b"),
            Some(Designation::G1(G1Set::SingleByte(SingleByteSet::Latin9)))
        );
        // ESC $ @ (JIS C 6226-1978) is ISO-2022-JP but not DICOM.
        assert_eq!(designation(b"$@"), None);
    }
}

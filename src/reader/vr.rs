//! Value Representations (PS3.5 6.2): how a value is encoded, and how its header is laid out.

use std::fmt;

use super::tag::Tag;

/// A Value Representation. `Unknown` keeps the two bytes of a code we do not know, so that
/// nothing read from a file is lost.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[allow(missing_docs)]
pub enum Vr {
    AE,
    AS,
    AT,
    CS,
    DA,
    DS,
    DT,
    FD,
    FL,
    IS,
    LO,
    LT,
    OB,
    OD,
    OF,
    OL,
    OV,
    OW,
    PN,
    SH,
    SL,
    SQ,
    SS,
    ST,
    SV,
    TM,
    UC,
    UI,
    UL,
    #[default]
    UN,
    UR,
    US,
    UT,
    UV,
    /// A code that is two upper-case letters but not in PS3.5 Table 6.2-1.
    Unknown([u8; 2]),
}

impl Vr {
    /// Parses the two VR bytes of an explicit VR element header. Returns `None` when the bytes
    /// are not two upper-case ASCII letters, which means the data is not explicit VR here.
    #[inline]
    pub fn from_bytes(b: [u8; 2]) -> Option<Vr> {
        // One load from a table of every pair of upper-case letters (this runs for every
        // element of every explicit VR file).
        let first = b[0].wrapping_sub(b'A');
        let second = b[1].wrapping_sub(b'A');
        if first >= 26 || second >= 26 {
            return None;
        }
        LETTER_PAIRS
            .get(usize::from(first) * 26 + usize::from(second))
            .copied()
    }

    /// True for VRs known to PS3.5 Table 6.2-1.
    pub fn is_known(self) -> bool {
        !matches!(self, Vr::Unknown(_))
    }

    /// The two-letter code.
    pub fn code(self) -> [u8; 2] {
        use Vr::*;
        let s: &[u8; 2] = match self {
            AE => b"AE",
            AS => b"AS",
            AT => b"AT",
            CS => b"CS",
            DA => b"DA",
            DS => b"DS",
            DT => b"DT",
            FD => b"FD",
            FL => b"FL",
            IS => b"IS",
            LO => b"LO",
            LT => b"LT",
            OB => b"OB",
            OD => b"OD",
            OF => b"OF",
            OL => b"OL",
            OV => b"OV",
            OW => b"OW",
            PN => b"PN",
            SH => b"SH",
            SL => b"SL",
            SQ => b"SQ",
            SS => b"SS",
            ST => b"ST",
            SV => b"SV",
            TM => b"TM",
            UC => b"UC",
            UI => b"UI",
            UL => b"UL",
            UN => b"UN",
            UR => b"UR",
            US => b"US",
            UT => b"UT",
            UV => b"UV",
            Unknown(b) => return b,
        };
        *s
    }

    /// The code as text (`"??"` never happens: unknown codes are upper-case letters).
    pub fn as_str(self) -> &'static str {
        use Vr::*;
        match self {
            AE => "AE",
            AS => "AS",
            AT => "AT",
            CS => "CS",
            DA => "DA",
            DS => "DS",
            DT => "DT",
            FD => "FD",
            FL => "FL",
            IS => "IS",
            LO => "LO",
            LT => "LT",
            OB => "OB",
            OD => "OD",
            OF => "OF",
            OL => "OL",
            OV => "OV",
            OW => "OW",
            PN => "PN",
            SH => "SH",
            SL => "SL",
            SQ => "SQ",
            SS => "SS",
            ST => "ST",
            SV => "SV",
            TM => "TM",
            UC => "UC",
            UI => "UI",
            UL => "UL",
            UN => "UN",
            UR => "UR",
            US => "US",
            UT => "UT",
            UV => "UV",
            Unknown(_) => "UN",
        }
    }

    /// Explicit VR headers have a 2-byte length for most VRs and, for these, two reserved
    /// bytes and a 4-byte length (PS3.5 Table 7.1-1 and 7.1-2). VRs unknown to us take the
    /// long form, as PS3.5 6.2 requires of VRs added in the future.
    pub fn has_long_length(self) -> bool {
        use Vr::*;
        matches!(
            self,
            OB | OD | OF | OL | OV | OW | SQ | UC | UN | UR | UT | SV | UV | Unknown(_)
        )
    }

    /// Character string VRs whose value is text in the Specific Character Set or ASCII.
    pub fn is_string(self) -> bool {
        use Vr::*;
        matches!(
            self,
            AE | AS | CS | DA | DS | DT | IS | LO | LT | PN | SH | ST | TM | UC | UI | UR | UT
        )
    }

    /// String VRs whose value may use the Specific Character Set; the others are restricted
    /// to the default repertoire (PS3.5 6.1.2.3, Table 6.2-1).
    pub fn uses_specific_charset(self) -> bool {
        use Vr::*;
        matches!(self, LO | LT | PN | SH | ST | UC | UT)
    }

    /// Text VRs with a single value: `\` is an ordinary character in them (PS3.5 6.2).
    pub fn is_single_valued_text(self) -> bool {
        matches!(self, Vr::LT | Vr::ST | Vr::UT | Vr::UR)
    }

    /// Binary VRs with bulk data, left out of the DICOM JSON model's `Value`.
    pub fn is_bulk(self) -> bool {
        use Vr::*;
        matches!(self, OB | OD | OF | OL | OV | OW | UN | Unknown(_))
    }

    /// The VR a data dictionary gives for a tag, for implicit VR data sets and for
    /// UN elements whose real VR is known (PS3.5 6.2.2, A.1). `None` when the tag is not in
    /// the standard dictionary (private elements, for one). "US or SS" attributes give US;
    /// see [`Vr::is_us_or_ss`].
    pub fn from_dictionary(tag: Tag) -> Option<Vr> {
        dictionary::lookup(tag).map(|e| e.vr)
    }

    /// The dictionary gives this tag "US or SS" (PS3.6): which one depends on Pixel
    /// Representation (PS3.3 C.7.6.3), 1 meaning signed.
    pub fn is_us_or_ss(tag: Tag) -> bool {
        dictionary::lookup(tag).is_some_and(|e| e.us_or_ss)
    }
}

/// The VR of every pair of upper-case letters, `AA` to `ZZ`, in row-major order.
static LETTER_PAIRS: [Vr; 26 * 26] = {
    let mut table = [Vr::UN; 26 * 26];
    let mut i = 0;
    while i < table.len() {
        let code = [b'A' + (i / 26) as u8, b'A' + (i % 26) as u8];
        table[i] = vr_of_code(code);
        i += 1;
    }
    table
};

/// The VR two upper-case letters name: one of PS3.5 Table 6.2-1, or `Unknown`.
const fn vr_of_code(b: [u8; 2]) -> Vr {
    match u16::from_be_bytes(b) {
        0x4145 => Vr::AE,
        0x4153 => Vr::AS,
        0x4154 => Vr::AT,
        0x4353 => Vr::CS,
        0x4441 => Vr::DA,
        0x4453 => Vr::DS,
        0x4454 => Vr::DT,
        0x4644 => Vr::FD,
        0x464C => Vr::FL,
        0x4953 => Vr::IS,
        0x4C4F => Vr::LO,
        0x4C54 => Vr::LT,
        0x4F42 => Vr::OB,
        0x4F44 => Vr::OD,
        0x4F46 => Vr::OF,
        0x4F4C => Vr::OL,
        0x4F56 => Vr::OV,
        0x4F57 => Vr::OW,
        0x504E => Vr::PN,
        0x5348 => Vr::SH,
        0x534C => Vr::SL,
        0x5351 => Vr::SQ,
        0x5353 => Vr::SS,
        0x5354 => Vr::ST,
        0x5356 => Vr::SV,
        0x544D => Vr::TM,
        0x5543 => Vr::UC,
        0x5549 => Vr::UI,
        0x554C => Vr::UL,
        0x554E => Vr::UN,
        0x5552 => Vr::UR,
        0x5553 => Vr::US,
        0x5554 => Vr::UT,
        0x5556 => Vr::UV,
        _ => Vr::Unknown(b),
    }
}

/// The standard data dictionary behind a small per-thread cache: the dictionary's own map
/// hashes with SipHash, and implicit VR files look the same few hundred tags up again and
/// again.
mod dictionary {
    use std::cell::RefCell;

    use super::{Tag, Vr};

    /// What the dictionary says of a tag.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Entry {
        /// The VR (US for "US or SS", OW for "OB or OW").
        pub vr: Vr,
        /// "US or SS".
        pub us_or_ss: bool,
    }

    const SLOTS: usize = 1024;

    #[derive(Clone, Copy)]
    struct Slot {
        tag: u32,
        filled: bool,
        entry: Option<Entry>,
    }

    thread_local! {
        static CACHE: RefCell<Vec<Slot>> = RefCell::new(vec![
            Slot { tag: 0, filled: false, entry: None };
            SLOTS
        ]);
    }

    /// The dictionary entry of a tag, cached.
    pub fn lookup(tag: Tag) -> Option<Entry> {
        let slot = (tag.0.wrapping_mul(0x9E37_79B1) >> 22) as usize % SLOTS;
        CACHE.with(|c| {
            let mut cache = c.borrow_mut();
            let s = cache[slot];
            if s.filled && s.tag == tag.0 {
                return s.entry;
            }
            let entry = uncached(tag);
            cache[slot] = Slot {
                tag: tag.0,
                filled: true,
                entry,
            };
            entry
        })
    }

    fn uncached(tag: Tag) -> Option<Entry> {
        use dicom_core::dictionary::{DataDictionary, VirtualVr};
        use dicom_dictionary_std::StandardDataDictionary;
        let exact = |vr| {
            Some(Entry {
                vr,
                us_or_ss: false,
            })
        };
        if tag.is_private_creator() {
            return exact(Vr::LO);
        }
        if tag.is_group_length() {
            return exact(Vr::UL);
        }
        let entry = StandardDataDictionary.by_tag(dicom_core::Tag(tag.group(), tag.element()))?;
        match entry.vr {
            VirtualVr::Exact(vr) => exact(Vr::from_bytes(vr.to_bytes())?),
            // Context-dependent VRs: the ones PS3.5 Annex A gives for implicit VR little
            // endian (OW for pixel and overlay data, US for LUT data).
            VirtualVr::Px | VirtualVr::Ox => exact(Vr::OW),
            VirtualVr::Lt => exact(Vr::US),
            VirtualVr::Xs => Some(Entry {
                vr: Vr::US,
                us_or_ss: true,
            }),
            _ => None,
        }
    }
}

impl fmt::Display for Vr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.code();
        write!(f, "{}{}", c[0] as char, c[1] as char)
    }
}

impl fmt::Debug for Vr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vr_bytes_round_trip_for_every_known_code() {
        for code in [
            "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD",
            "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI",
            "UL", "UN", "UR", "US", "UT", "UV",
        ] {
            let b = code.as_bytes();
            let vr = Vr::from_bytes([b[0], b[1]]).expect("known code");
            assert!(vr.is_known());
            assert_eq!(vr.as_str(), code);
        }
    }

    #[test]
    fn non_letter_bytes_are_not_a_vr() {
        // Implicit VR data has length bytes where explicit VR has its code.
        assert_eq!(Vr::from_bytes([0x0A, 0x00]), None);
        assert_eq!(Vr::from_bytes(*b"Ab"), None);
        assert_eq!(Vr::from_bytes(*b"XX"), Some(Vr::Unknown(*b"XX")));
    }

    #[test]
    fn dictionary_gives_vr_for_standard_tags_only() {
        assert_eq!(Vr::from_dictionary(Tag::new(0x0010, 0x0010)), Some(Vr::PN));
        assert_eq!(Vr::from_dictionary(Tag::new(0x0008, 0x1115)), Some(Vr::SQ));
        assert_eq!(Vr::from_dictionary(Tag::new(0x0029, 0x0010)), Some(Vr::LO));
        assert_eq!(Vr::from_dictionary(Tag::new(0x0029, 0x1010)), None);
    }
}

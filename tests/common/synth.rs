//! Synthetic DICOM files with planted identifiers, and the truth about each, so that a
//! scorer's recall and false-positive rate can be measured on files whose answers are known.
//!
//! Every file but one is a carrier from `sample_data/` (explicit VR little endian) rewritten
//! at the top level of its data set:
//! - the preamble, the file meta group and everything from Pixel Data on are kept as they
//!   are, except that (0002,0003) follows the new SOP Instance UID and, for the `meta`
//!   files, (0002,0016) Source AE Title is set (the group length is recomputed);
//! - every top-level element of the carrier is copied whole (header through value end,
//!   sequences with all their items), except the identifying ones, which are stripped so
//!   that controls start clean: the patient module, staff, institution, device serial,
//!   accession and study ID, free text, the SR content tree, references, private groups
//!   ([`carrier_element_is_stripped`]);
//! - the SOP Instance, Study, Series and Frame of Reference UIDs get one more component, so
//!   no two synthetic files share an instance, study or series;
//! - the planted elements are inserted in ascending tag order (PS3.5 7.1), encoded in the
//!   Specific Character Set (0008,0005) the file declares (PS3.5 6.1), with the escape
//!   sequences of PS3.5 Annexes H and I for ISO 2022 Japanese and Korean.
//!
//! The one other file is `sample_data/DICOMDIR` as it is: its PATIENT records hold names.
//!
//! Planted values are synthetic but shaped like the real thing: surnames nobody has (Zyxwer,
//! Qorvath, Vexlund...) with ordinary given names, record numbers with a `ZX-` or `ZQ-`
//! prefix, phone numbers from the ranges kept for fiction (US 555-01xx, UK 020 7946 0xxx)
//! where there is one, national IDs with valid check digits computed here, and a birth date
//! of 1971-05-17. Staff names (Qwexor, Plomqvist, Jaxtrom, Nebbelstadt) never appear as
//! patients, so a staff finding cannot be mistaken for a patient one.
//!
//! What the truth means, per file ([`Truth`]):
//! - `has_direct_identifier`: a direct identifier of the patient is in the header (a name,
//!   a record number, a national ID, a phone number, an e-mail or street address), as
//!   `direct_identifier` is set in `../shared/phi/categories.csv`. A birth date is a
//!   quasi-identifier there, so a file whose only leak is a birth date (or dates, a URL, an
//!   IP address) is neither a positive nor a control.
//! - `control`: nothing about the patient was planted: placeholders, pseudonyms, phantoms,
//!   staff and institution names, numbers in descriptions, national IDs with a wrong check
//!   digit. A detector must find no direct identifier here (staff and institution findings
//!   are fine; they are not the patient's).
//! - `burned_in`: what the header says about text in the pixels, by the header rules:
//!   Burned In Annotation YES is `likely`, NO is `none`; otherwise Modality US/SC/OT (and
//!   XA, ES, XC, DOC), Image Type SECONDARY or a screen value, or Conversion Type
//!   WSD/SD/SI/DRW/SYN make it `possible`. The chrX1/chrH32/chrRuss carriers are OT with
//!   Conversion Type WSD, so every file made from them is `possible`; ctbrain1 files get
//!   Image Type DERIVED\SECONDARY, since their SOP class is Secondary Capture.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dicomleak::reader::{self, Header, Status};
use encoding_rs::Encoding;

use super::dicom::{el, seq};

/// One synthetic file: its name (no extension), its bytes and what was planted in it.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthFile {
    /// File name, unique in the set, without extension; says what the file tests, never
    /// what it holds.
    pub name: String,
    /// The whole file.
    pub bytes: Vec<u8>,
    /// What the scorer should find.
    pub truth: Truth,
}

/// What was planted in a synthetic file: the answer a scorer is graded against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Truth {
    /// A direct identifier of the patient is in the header.
    pub has_direct_identifier: bool,
    /// Leak categories planted, in the project's names (`patient_name`, `patient_id`,
    /// `patient_other_id`, `national_id`, `phone`, `email`, `address`, `birth_date`,
    /// `dates`, `url`, `ip_address`, `sex`, `staff_name`, `institution`), and flags for
    /// what a file tests: `cross_file_name` (a name that is another file's patient name,
    /// here only in free text), `name_in_free_text` (the file's own patient name again in
    /// free text), `national_id_bad_checksum`, `placeholder`, `pseudonym`, `phantom`,
    /// `numbers_in_text`, `acquisition_dates`.
    pub planted_categories: Vec<&'static str>,
    /// Where the main planted value is: `top`, `nested`, `audit`, `private`, `free_text`,
    /// `dicomdir`, `meta`.
    pub placement: &'static str,
    /// The character set the planted values are written in: `ascii`, `latin1`, `utf8`,
    /// `arabic`, `cyrillic`, `greek`, `jis`, `korean`, `gb18030`.
    pub charset: &'static str,
    /// A negative control: nothing about the patient was planted.
    pub control: bool,
    /// Patient Identity Removed (0012,0062) is YES with a De-identification Method.
    pub deid_claimed: bool,
    /// The file claims de-identification and still holds a direct identifier.
    pub leaks_despite_claim: bool,
    /// Risk of text burned into the pixels from the header: `none`, `possible`, `likely`.
    pub burned_in: &'static str,
    /// Every clear value planted that no output may show (names, IDs, phones, staff and
    /// institution names too); placeholders are not listed. Never written to disk by
    /// [`write_set`].
    pub planted_values: Vec<String>,
}

/// The whole synthetic set, the same bytes on every call: 228 files, about half of
/// them with a direct identifier.
pub fn synthetic_set() -> Vec<SynthFile> {
    let carriers = Carriers::load();
    let drafts = [
        top_level(),
        nested(),
        audit(),
        private(),
        free_text(),
        charsets(),
        meta(),
        deid_markers(),
        burned_in_markers(),
        controls(),
    ];
    let mut files: Vec<SynthFile> = drafts
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(n, draft)| draft.build(n, &carriers))
        .collect();
    files.push(dicomdir());
    files
}

/// Writes the set: every file under `dir/files/` (names without extension) and
/// `dir/truth.csv`, one row per file with every [`Truth`] field but the planted values
/// (lists joined with `|`; the values are replaced by their count, so the truth table is not
/// itself a leak). Refuses to mix with a different set: a file in `dir/files/` that is not
/// in this one is an error.
pub fn write_set(dir: &Path) -> std::io::Result<()> {
    let set = synthetic_set();
    let files_dir = dir.join("files");
    std::fs::create_dir_all(&files_dir)?;
    refuse_foreign_files(&files_dir, &set)?;
    for file in &set {
        std::fs::write(files_dir.join(&file.name), &file.bytes)?;
    }
    let mut csv = csv::Writer::from_path(dir.join("truth.csv")).map_err(std::io::Error::other)?;
    csv.write_record(TRUTH_COLUMNS)
        .map_err(std::io::Error::other)?;
    for file in &set {
        csv.write_record(truth_row(file))
            .map_err(std::io::Error::other)?;
    }
    csv.flush()
}

/// Columns of `truth.csv`.
pub const TRUTH_COLUMNS: [&str; 10] = [
    "name",
    "has_direct_identifier",
    "planted_categories",
    "placement",
    "charset",
    "control",
    "deid_claimed",
    "leaks_despite_claim",
    "burned_in",
    "planted_value_count",
];

fn truth_row(file: &SynthFile) -> [String; 10] {
    let t = &file.truth;
    [
        file.name.clone(),
        t.has_direct_identifier.to_string(),
        t.planted_categories.join("|"),
        t.placement.to_owned(),
        t.charset.to_owned(),
        t.control.to_string(),
        t.deid_claimed.to_string(),
        t.leaks_despite_claim.to_string(),
        t.burned_in.to_owned(),
        t.planted_values.len().to_string(),
    ]
}

fn refuse_foreign_files(files_dir: &Path, set: &[SynthFile]) -> std::io::Result<()> {
    for entry in std::fs::read_dir(files_dir)? {
        let name = entry?.file_name();
        let known = set.iter().any(|f| name.to_str() == Some(f.name.as_str()));
        if !known {
            return Err(std::io::Error::other(format!(
                "{} holds {:?}, which is not in this synthetic set; remove the folder first",
                files_dir.display(),
                name
            )));
        }
    }
    Ok(())
}

/// The Luhn check digit (ISO/IEC 7812-1 Annex B) of a string of digits: the last digit of a
/// Saudi national ID or Iqama number.
pub fn luhn_check_digit(payload: &str) -> u32 {
    let sum: u32 = payload
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            // Every second digit from the right of the payload is doubled.
            let d = if i % 2 == 0 { d * 2 } else { d };
            if d > 9 { d - 9 } else { d }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// The NHS number check digit (modulus 11, weights 10 down to 2) of nine digits; `None` when
/// the remainder gives 10, which makes every NHS number with that payload invalid.
pub fn nhs_check_digit(payload: &str) -> Option<u32> {
    let sum: u32 = payload
        .bytes()
        .zip((2..=10).rev())
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        d => Some(d),
    }
}

/// A Saudi-style national ID: the payload and its Luhn digit.
fn saudi_id(payload: &str) -> String {
    format!("{payload}{}", luhn_check_digit(payload))
}

/// The same payload with a wrong Luhn digit.
fn saudi_id_bad(payload: &str) -> String {
    format!("{payload}{}", (luhn_check_digit(payload) + 1) % 10)
}

/// An NHS number written `ddd ddd dddd`, with its check digit (or a wrong one).
fn nhs_number(payload: &str, valid: bool) -> String {
    let check = nhs_check_digit(payload).expect("payload chosen with a valid check digit");
    let check = if valid { check } else { (check + 1) % 10 };
    format!(
        "{} {} {}{check}",
        &payload[..3],
        &payload[3..6],
        &payload[6..]
    )
}

// ---------------------------------------------------------------------------------------
// Carriers

/// A sample file used as a carrier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Carrier {
    /// CT Image Storage, ISO_IR 100, GE private groups, trailing padding after pixel data.
    CtSmall,
    /// Secondary Capture, OT, Conversion Type WSD.
    ChrX1,
    /// Secondary Capture, OT, Conversion Type WSD.
    ChrH32,
    /// Secondary Capture, OT, Conversion Type WSD.
    ChrRuss,
    /// Comprehensive SR, no pixel data.
    TestSr,
    /// Secondary Capture of a CT (JPEG baseline), Siemens private groups, realistic PHI.
    CtBrain,
}

impl Carrier {
    const ALL: [Carrier; 6] = [
        Carrier::CtSmall,
        Carrier::ChrX1,
        Carrier::ChrH32,
        Carrier::ChrRuss,
        Carrier::TestSr,
        Carrier::CtBrain,
    ];

    fn file_name(self) -> &'static str {
        match self {
            Carrier::CtSmall => "CT_small.dcm",
            Carrier::ChrX1 => "chrX1.dcm",
            Carrier::ChrH32 => "chrH32.dcm",
            Carrier::ChrRuss => "chrRuss.dcm",
            Carrier::TestSr => "test-SR.dcm",
            Carrier::CtBrain => "ctbrain1.dcm",
        }
    }

    /// Modality as the carrier has it.
    fn modality(self) -> &'static str {
        match self {
            Carrier::CtSmall | Carrier::CtBrain => "CT",
            Carrier::ChrX1 | Carrier::ChrH32 | Carrier::ChrRuss => "OT",
            Carrier::TestSr => "SR",
        }
    }

    /// Image Type after the rewrite, unless a file sets its own.
    fn image_type(self) -> &'static str {
        match self {
            Carrier::CtSmall => "ORIGINAL\\PRIMARY\\AXIAL",
            Carrier::CtBrain => "DERIVED\\SECONDARY\\AXIAL",
            _ => "",
        }
    }

    /// Conversion Type (0008,0064) as the carrier has it.
    fn conversion_type(self) -> &'static str {
        match self {
            Carrier::ChrX1 | Carrier::ChrH32 | Carrier::ChrRuss => "WSD",
            _ => "",
        }
    }

    /// A neutral Study Description, for files that plant none.
    fn study_description(self) -> &'static str {
        match self {
            Carrier::CtSmall => "CT ABDOMEN W CONTRAST",
            Carrier::ChrX1 | Carrier::ChrH32 | Carrier::ChrRuss => "SECONDARY CAPTURE",
            Carrier::TestSr => "CT CHEST REPORT",
            Carrier::CtBrain => "CT BRAIN WO IVCON",
        }
    }
}

/// The carriers' bytes, read once per set.
struct Carriers(Vec<Vec<u8>>);

impl Carriers {
    fn load() -> Carriers {
        Carriers(
            Carrier::ALL
                .iter()
                .map(|c| std::fs::read(sample_path(c.file_name())).expect("carrier in sample_data"))
                .collect(),
        )
    }

    fn bytes(&self, carrier: Carrier) -> &[u8] {
        let i = Carrier::ALL
            .iter()
            .position(|&c| c == carrier)
            .expect("every carrier is in ALL");
        &self.0[i]
    }
}

fn sample_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample_data")
        .join(name)
}

/// Top-level elements of a carrier that are dropped before anything is planted, so that a
/// control holds nothing identifying from its carrier: the patient module and every group
/// about the visit (0010, 0032, 0038, 0400), private groups (PS3.5 7.8), staff, institution,
/// station, device serial, accession and study ID, free text, references to other instances
/// (they would join synthetic files through the carrier's UIDs) and the SR tree but its
/// root concept.
fn carrier_element_is_stripped(tag: u32) -> bool {
    let group = tag >> 16;
    if group % 2 == 1 {
        return true;
    }
    if matches!(group, 0x0010 | 0x0032 | 0x0038 | 0x0400) {
        return true;
    }
    if group == 0x0040 {
        return !SR_ROOT_KEPT.contains(&tag);
    }
    STRIPPED.contains(&tag)
}

const STRIPPED: &[u32] = &[
    0x0008_0005, // Specific Character Set: set per file
    0x0008_0050, // Accession Number
    0x0008_0080, // Institution Name
    0x0008_0081, // Institution Address
    0x0008_0090, // Referring Physician's Name
    0x0008_0092, // Referring Physician's Address
    0x0008_0094, // Referring Physician's Telephone Numbers
    0x0008_1000, // Network ID
    0x0008_1010, // Station Name
    0x0008_1030, // Study Description
    0x0008_103E, // Series Description
    0x0008_1040, // Institutional Department Name
    0x0008_1048, // Physician(s) of Record
    0x0008_1050, // Performing Physician's Name
    0x0008_1060, // Name of Physician(s) Reading Study
    0x0008_1070, // Operators' Name
    0x0008_1110, // Referenced Study Sequence
    0x0008_1111, // Referenced Performed Procedure Step Sequence
    0x0008_1120, // Referenced Patient Sequence
    0x0008_1140, // Referenced Image Sequence
    0x0008_2112, // Source Image Sequence
    0x0008_3010, // Irradiation Event UID
    0x0018_1000, // Device Serial Number
    0x0020_0010, // Study ID
    0x0020_4000, // Image Comments
];

/// SR document root attributes kept from test-SR (PS3.3 C.17.3): the root is a CONTAINER
/// with a concept name; the content tree, observers and predecessors are stripped.
const SR_ROOT_KEPT: &[u32] = &[
    0x0040_A032, // Observation DateTime
    0x0040_A040, // Value Type
    0x0040_A043, // Concept Name Code Sequence
    0x0040_A050, // Continuity Of Content
    0x0040_A372, // Performed Procedure Code Sequence
    0x0040_A491, // Completion Flag
    0x0040_A492, // Completion Flag Description
];

/// UIDs given one more component per file.
const DERIVED_UIDS: [u32; 4] = [
    0x0008_0018, // SOP Instance UID
    0x0020_000D, // Study Instance UID
    0x0020_000E, // Series Instance UID
    0x0020_0052, // Frame of Reference UID
];

/// A UID unique to synthetic file `n`: the carrier's UID with one more component, cutting
/// components off the end when it would pass 64 characters (PS3.5 9.1).
fn derive_uid(original: &str, n: usize) -> String {
    let suffix = format!(".{}", 9000 + n);
    let mut base = original;
    while base.len() + suffix.len() > 64 {
        base = base.rsplit_once('.').map_or("2.25", |(head, _)| head);
    }
    format!("{base}{suffix}")
}

// ---------------------------------------------------------------------------------------
// Character sets

/// The character set planted values are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Charset {
    /// No (0008,0005): the default repertoire.
    Ascii,
    /// ISO_IR 100.
    Latin1,
    /// ISO_IR 192.
    Utf8,
    /// ISO_IR 127.
    Arabic,
    /// ISO_IR 144.
    Cyrillic,
    /// ISO_IR 126.
    Greek,
    /// ISO 2022 IR 6 \ ISO 2022 IR 87: ASCII, kanji and kana by escape (PS3.5 H.3.1).
    Jis,
    /// ISO 2022 IR 13 \ ISO 2022 IR 87: JIS X 0201 romaji and half-width katakana, kanji by
    /// escape (PS3.5 H.3.2).
    JisKatakana,
    /// \ISO 2022 IR 149: ASCII, KS X 1001 in G1 by escape (PS3.5 I.2).
    Korean,
    /// GB18030, a stand-alone multi-byte set.
    Gb18030,
}

impl Charset {
    /// The value of (0008,0005), when one is written.
    fn term(self) -> Option<&'static str> {
        match self {
            Charset::Ascii => None,
            Charset::Latin1 => Some("ISO_IR 100"),
            Charset::Utf8 => Some("ISO_IR 192"),
            Charset::Arabic => Some("ISO_IR 127"),
            Charset::Cyrillic => Some("ISO_IR 144"),
            Charset::Greek => Some("ISO_IR 126"),
            Charset::Jis => Some("ISO 2022 IR 6\\ISO 2022 IR 87"),
            Charset::JisKatakana => Some("ISO 2022 IR 13\\ISO 2022 IR 87"),
            Charset::Korean => Some("\\ISO 2022 IR 149"),
            Charset::Gb18030 => Some("GB18030"),
        }
    }

    /// The name in [`Truth::charset`].
    fn label(self) -> &'static str {
        match self {
            Charset::Ascii => "ascii",
            Charset::Latin1 => "latin1",
            Charset::Utf8 => "utf8",
            Charset::Arabic => "arabic",
            Charset::Cyrillic => "cyrillic",
            Charset::Greek => "greek",
            Charset::Jis | Charset::JisKatakana => "jis",
            Charset::Korean => "korean",
            Charset::Gb18030 => "gb18030",
        }
    }

    /// The bytes of `text` as this character set writes them. Panics on a character the set
    /// cannot hold: the values are fixed, so that is a mistake in this file.
    fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Charset::Ascii => {
                assert!(text.is_ascii(), "non-ASCII text in an ASCII file: {text}");
                text.as_bytes().to_vec()
            }
            Charset::Latin1 => text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 character"))
                .collect(),
            Charset::Utf8 => text.as_bytes().to_vec(),
            Charset::Arabic => encode_whole(encoding_rs::ISO_8859_6, text),
            Charset::Cyrillic => encode_whole(encoding_rs::ISO_8859_5, text),
            Charset::Greek => encode_whole(encoding_rs::ISO_8859_7, text),
            Charset::Gb18030 => encode_whole(encoding_rs::GB18030, text),
            Charset::Jis => iso2022_japanese(text, false),
            Charset::JisKatakana => iso2022_japanese(text, true),
            Charset::Korean => iso2022_korean(text),
        }
    }
}

fn encode_whole(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{} cannot hold {text}", encoding.name());
    bytes.into_owned()
}

const ESC: u8 = 0x1B;

/// ISO 2022 Japanese as PS3.5 H.3 writes it: each run of kanji or kana is opened with
/// ESC $ B (JIS X 0208 into G0) and closed with the escape back to the set value 1 puts in
/// G0, before any other character and at the end of the value, so that the delimiters `^`
/// and `=` are always read in the initial set (PS3.5 6.1.2.5.3). With `katakana`, value 1
/// is ISO 2022 IR 13: G0 returns to JIS X 0201 romaji (ESC ( J) and half-width katakana
/// are single bytes 0xA1-0xDF in G1.
fn iso2022_japanese(text: &str, katakana: bool) -> Vec<u8> {
    let back: &[u8] = if katakana { b"\x1b(J" } else { b"\x1b(B" };
    let mut out = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        let half_width = ('\u{FF61}'..='\u{FF9F}').contains(&c);
        if c.is_ascii() || (katakana && half_width) {
            flush_jis_run(&mut run, &mut out, back);
            if c.is_ascii() {
                out.push(c as u8);
            } else {
                let byte = u32::from(c) - 0xFF61 + 0xA1;
                out.push(u8::try_from(byte).expect("half-width katakana is one byte"));
            }
        } else {
            run.push(c);
        }
    }
    flush_jis_run(&mut run, &mut out, back);
    out
}

/// Writes a run of JIS X 0208 characters: EUC-JP holds them as two bytes with the high bit
/// set; the ISO 2022 form is the same bytes without it.
fn flush_jis_run(run: &mut String, out: &mut Vec<u8>, back: &[u8]) {
    if run.is_empty() {
        return;
    }
    let euc = encode_whole(encoding_rs::EUC_JP, run);
    assert!(
        euc.iter().all(|&b| (0xA1..=0xFE).contains(&b)),
        "not JIS X 0208: {run}"
    );
    out.extend_from_slice(b"\x1b$B");
    out.extend(euc.iter().map(|b| b & 0x7F));
    out.extend_from_slice(back);
    run.clear();
}

/// ISO 2022 Korean as PS3.5 I.2 writes it: ESC $ ) C designates KS X 1001 into G1 before
/// the first Korean character after each point where the designation resets (the PN
/// delimiters `^` and `=`, `\`, and control characters, PS3.5 6.1.2.5.3); the characters
/// are then their EUC-KR bytes (G1, high bit set).
fn iso2022_korean(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut designated = false;
    for c in text.chars() {
        if matches!(c, '^' | '=' | '\\' | '\r' | '\n' | '\t' | '\x0C') {
            designated = false;
        }
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        if !designated {
            out.extend_from_slice(&[ESC, b'$', b')', b'C']);
            designated = true;
        }
        let bytes = encode_whole(encoding_rs::EUC_KR, c.encode_utf8(&mut [0; 4]));
        assert!(
            bytes.len() == 2 && bytes.iter().all(|&b| b >= 0xA1),
            "not KS X 1001: {c}"
        );
        out.extend(bytes);
    }
    out
}

/// VRs whose values are written in the Specific Character Set (PS3.5 6.1.2.3).
fn vr_uses_charset(vr: &str) -> bool {
    matches!(vr, "SH" | "LO" | "UC" | "ST" | "LT" | "UT" | "PN")
}

// ---------------------------------------------------------------------------------------
// Element helpers

/// An element from a `0xGGGGEEEE` tag.
fn element(tag: u32, vr: &str, value: &[u8]) -> Vec<u8> {
    el((tag >> 16) as u16, tag as u16, vr, value)
}

/// A sequence of defined length.
fn sequence(tag: u32, items: &[Vec<u8>]) -> Vec<u8> {
    seq((tag >> 16) as u16, tag as u16, items)
}

/// A sequence of undefined length whose items are of undefined length too, closed by item
/// and sequence delimiters (PS3.5 7.5.2).
fn sequence_undefined(tag: u32, items: &[Vec<u8>]) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&((tag >> 16) as u16).to_le_bytes());
    b.extend_from_slice(&(tag as u16).to_le_bytes());
    b.extend_from_slice(b"SQ\0\0");
    b.extend_from_slice(&u32::MAX.to_le_bytes());
    for item in items {
        b.extend_from_slice(&[0xFE, 0xFF, 0x00, 0xE0]);
        b.extend_from_slice(&u32::MAX.to_le_bytes());
        b.extend_from_slice(item);
        b.extend_from_slice(&[0xFE, 0xFF, 0x0D, 0xE0, 0, 0, 0, 0]);
    }
    b.extend_from_slice(&[0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]);
    b
}

/// The tag of an element's bytes (explicit VR LE).
fn tag_of(element: &[u8]) -> u32 {
    let group = u16::from_le_bytes([element[0], element[1]]);
    let number = u16::from_le_bytes([element[2], element[3]]);
    (u32::from(group) << 16) | u32::from(number)
}

/// An item's data set: the elements in ascending tag order (PS3.5 7.1).
fn item(mut elements: Vec<Vec<u8>>) -> Vec<u8> {
    elements.sort_by_key(|e| tag_of(e));
    elements.concat()
}

/// A code sequence item (PS3.3 Table 8.8-1).
fn code(value: &str, scheme: &str, meaning: &str) -> Vec<u8> {
    item(vec![
        element(0x0008_0100, "SH", value.as_bytes()),
        element(0x0008_0102, "SH", scheme.as_bytes()),
        element(0x0008_0104, "LO", meaning.as_bytes()),
    ])
}

// ---------------------------------------------------------------------------------------
// Drafts: what one file plants, before the carrier is rewritten

/// Categories that make a file a positive (direct identifiers of the patient).
const DIRECT: &[&str] = &[
    "patient_name",
    "patient_id",
    "patient_other_id",
    "national_id",
    "phone",
    "email",
    "address",
];

/// Categories about the patient that are not direct identifiers: a file with one of them is
/// not a control.
const PATIENT_QUASI: &[&str] = &["birth_date", "dates", "url", "ip_address", "sex"];

struct Draft {
    name: &'static str,
    carrier: Carrier,
    charset: Charset,
    placement: &'static str,
    /// Elements to insert, by tag; a carrier element with the same tag is dropped.
    planted: BTreeMap<u32, Vec<u8>>,
    categories: Vec<&'static str>,
    values: Vec<String>,
    modality: Option<&'static str>,
    image_type: Option<&'static str>,
    burned_in_annotation: Option<&'static str>,
    source_ae: Option<&'static str>,
    deid_claimed: bool,
    dummy_dates: bool,
}

impl Draft {
    /// A clean file: Type 2 attributes of the patient module and the others stripped from
    /// the carrier are present and empty (PS3.15 E.1 option Z), the Study Description is
    /// neutral.
    fn new(name: &'static str, carrier: Carrier, charset: Charset) -> Draft {
        let mut d = Draft {
            name,
            carrier,
            charset,
            placement: "top",
            planted: BTreeMap::new(),
            categories: Vec::new(),
            values: Vec::new(),
            modality: None,
            image_type: None,
            burned_in_annotation: None,
            source_ae: None,
            deid_claimed: false,
            dummy_dates: false,
        };
        if let Some(term) = charset.term() {
            d = d.put(0x0008_0005, "CS", term);
        }
        d = d
            .put(0x0008_0050, "SH", "")
            .put(0x0008_0090, "PN", "")
            .put(0x0008_1030, "LO", carrier.study_description())
            .put(0x0010_0010, "PN", "")
            .put(0x0010_0020, "LO", "")
            .put(0x0010_0030, "DA", "")
            .put(0x0010_0040, "CS", "")
            .put(0x0020_0010, "SH", "");
        match carrier {
            // The root of an SR that lost its Verifying Observer Sequence is not VERIFIED.
            Carrier::TestSr => d.put(0x0040_A493, "CS", "UNVERIFIED"),
            Carrier::CtBrain => d.image_type(Carrier::CtBrain.image_type()),
            _ => d,
        }
    }

    /// Where the main planted value is.
    fn at(mut self, placement: &'static str) -> Draft {
        self.placement = placement;
        self
    }

    /// The bytes of an element whose string value is written in this file's character set.
    fn el(&self, tag: u32, vr: &str, value: &str) -> Vec<u8> {
        let bytes = if vr_uses_charset(vr) {
            self.charset.encode(value)
        } else {
            Charset::Ascii.encode(value)
        };
        element(tag, vr, &bytes)
    }

    /// Plants a string element at the top level.
    fn put(self, tag: u32, vr: &str, value: &str) -> Draft {
        let bytes = self.el(tag, vr, value);
        self.put_el(bytes)
    }

    /// Plants an element already encoded (a sequence, a binary value).
    fn put_el(mut self, bytes: Vec<u8>) -> Draft {
        self.planted.insert(tag_of(&bytes), bytes);
        self
    }

    /// Records a planted value and its category.
    fn leak(mut self, category: &'static str, value: &str) -> Draft {
        self = self.note(category);
        self.values.push(value.to_owned());
        self
    }

    /// Records a category or flag with no value of its own.
    fn note(mut self, category: &'static str) -> Draft {
        if !self.categories.contains(&category) {
            self.categories.push(category);
        }
        self
    }

    /// Patient's Name (0010,0010).
    fn patient_name(self, name: &str) -> Draft {
        self.put(0x0010_0010, "PN", name).leak("patient_name", name)
    }

    /// Patient ID (0010,0020).
    fn patient_id(self, id: &str) -> Draft {
        self.put(0x0010_0020, "LO", id).leak("patient_id", id)
    }

    /// Patient's Name and ID set to placeholders or pseudonyms, which are not leaks.
    fn placeholders(self, name: &str, id: &str) -> Draft {
        self.put(0x0010_0010, "PN", name).put(0x0010_0020, "LO", id)
    }

    /// Patient's Birth Date (0010,0030) and Sex (0010,0040).
    fn birth(self, date: &str, sex: &str) -> Draft {
        self.put(0x0010_0030, "DA", date)
            .put(0x0010_0040, "CS", sex)
            .leak("birth_date", date)
            .note("sex")
    }

    /// A free-text element holding `text`, with what it plants.
    fn text(self, tag: u32, text: &str) -> Draft {
        let vr = if tag == 0x0008_1030 { "LO" } else { "LT" };
        self.put(tag, vr, text).at("free_text")
    }

    fn modality(mut self, modality: &'static str) -> Draft {
        self.modality = Some(modality);
        self.put(0x0008_0060, "CS", modality)
    }

    fn image_type(mut self, image_type: &'static str) -> Draft {
        self.image_type = Some(image_type);
        self.put(0x0008_0008, "CS", image_type)
    }

    /// Burned In Annotation (0028,0301).
    fn burned_in_annotation(mut self, value: &'static str) -> Draft {
        self.burned_in_annotation = Some(value);
        self.put(0x0028_0301, "CS", value)
    }

    /// Source Application Entity Title (0002,0016) in the file meta group.
    fn source_ae(mut self, ae: &'static str) -> Draft {
        self.source_ae = Some(ae);
        self.at("meta").leak("institution", ae)
    }

    /// Patient Identity Removed YES, De-identification Method and its code (PS3.3 C.7.1.1,
    /// PS3.15 E.1 and Table CID 7050).
    fn claim_deid(mut self) -> Draft {
        self.deid_claimed = true;
        let method = code("113100", "DCM", "Basic Application Confidentiality Profile");
        self.put(0x0012_0062, "CS", "YES")
            .put(
                0x0012_0063,
                "LO",
                "Basic Application Confidentiality Profile",
            )
            .put_el(sequence(0x0012_0064, &[method]))
    }

    /// Every DA and DT value of the carrier replaced by 1900-01-01 (PS3.15 E.1 option D).
    fn dummy_dates(mut self) -> Draft {
        self.dummy_dates = true;
        self
    }

    fn truth(&self) -> Truth {
        let has = |set: &[&str]| self.categories.iter().any(|c| set.contains(c));
        let has_direct_identifier = has(DIRECT);
        Truth {
            has_direct_identifier,
            planted_categories: self.categories.clone(),
            placement: self.placement,
            charset: self.charset.label(),
            control: !has_direct_identifier && !has(PATIENT_QUASI),
            deid_claimed: self.deid_claimed,
            leaks_despite_claim: self.deid_claimed && has_direct_identifier,
            burned_in: self.burned_in(),
            planted_values: self.values.clone(),
        }
    }

    /// The header rules for burned-in text, applied to what this file says.
    fn burned_in(&self) -> &'static str {
        match self.burned_in_annotation {
            Some("YES") => return "likely",
            Some("NO") => return "none",
            _ => {}
        }
        let modality = self.modality.unwrap_or(self.carrier.modality());
        let image_type = self.image_type.unwrap_or(self.carrier.image_type());
        let capture = image_type
            .split('\\')
            .any(|v| matches!(v, "SECONDARY" | "SCREEN SAVE" | "SCREENSHOT" | "CAPTURE"));
        let converted = matches!(
            self.carrier.conversion_type(),
            "WSD" | "SD" | "SI" | "DRW" | "SYN"
        );
        let risky_modality = matches!(modality, "US" | "SC" | "OT" | "XA" | "ES" | "XC" | "DOC");
        if capture || converted || risky_modality {
            "possible"
        } else {
            "none"
        }
    }

    fn build(self, n: usize, carriers: &Carriers) -> SynthFile {
        let bytes = self.rewrite(carriers.bytes(self.carrier), n);
        SynthFile {
            name: self.name.to_owned(),
            bytes,
            truth: self.truth(),
        }
    }

    /// The carrier with its top level rewritten (see the module doc).
    fn rewrite(&self, carrier: &[u8], n: usize) -> Vec<u8> {
        let header = reader::read(carrier);
        assert!(
            header.status == Status::Ok && header.has_preamble && header.meta_len > 0,
            "carrier {} reads ok with a preamble and meta",
            self.carrier.file_name()
        );
        let dataset_start = header.elements[header.meta_len].header_offset;
        let tail_start = header.pixel_data.map_or(carrier.len(), |p| p.header_offset);
        let mut elements: Vec<(u32, Vec<u8>)> = self
            .planted
            .iter()
            .map(|(&tag, bytes)| (tag, bytes.clone()))
            .collect();
        let mut sop_instance = String::new();
        let spans = top_level_spans(&header, tail_start);
        for (i, start, end) in spans {
            let e = &header.elements[i];
            let tag = e.tag.0;
            if self.planted.contains_key(&tag) || carrier_element_is_stripped(tag) {
                continue;
            }
            let replaced = if DERIVED_UIDS.contains(&tag) {
                let uid = derive_uid(&header.first_string(e).expect("carrier UID"), n);
                if tag == 0x0008_0018 {
                    sop_instance.clone_from(&uid);
                }
                Some(element(tag, "UI", uid.as_bytes()))
            } else if self.dummy_dates && e.value_len > 0 && matches!(e.vr.as_str(), "DA" | "DT") {
                let dummy = if e.vr.as_str() == "DA" {
                    "19000101"
                } else {
                    "19000101000000"
                };
                Some(element(tag, e.vr.as_str(), dummy.as_bytes()))
            } else {
                None
            };
            elements.push((
                tag,
                replaced.unwrap_or_else(|| carrier[start..end].to_vec()),
            ));
        }
        elements.sort_by_key(|(tag, _)| *tag);
        assert!(
            elements.windows(2).all(|w| w[0].0 < w[1].0),
            "{}: one tag planted twice",
            self.name
        );
        let mut out = carrier[..132].to_vec();
        out.extend(self.meta_group(&header, carrier, dataset_start, &sop_instance));
        for (_, bytes) in elements {
            out.extend(bytes);
        }
        out.extend_from_slice(&carrier[tail_start..]);
        out
    }

    /// The carrier's file meta group with (0002,0003) following the new SOP Instance UID and
    /// the Source AE Title when one is planted; the group length is recomputed.
    fn meta_group(
        &self,
        header: &Header<'_>,
        carrier: &[u8],
        dataset_start: usize,
        sop_instance: &str,
    ) -> Vec<u8> {
        let meta = header.meta();
        let mut elements: Vec<(u32, Vec<u8>)> = Vec::new();
        for (k, e) in meta.iter().enumerate() {
            let end = meta
                .get(k + 1)
                .map_or(dataset_start, |next| next.header_offset);
            match e.tag.0 {
                0x0002_0000 => {}
                0x0002_0003 => {
                    elements.push((e.tag.0, element(e.tag.0, "UI", sop_instance.as_bytes())))
                }
                0x0002_0016 if self.source_ae.is_some() => {}
                tag => elements.push((tag, carrier[e.header_offset..end].to_vec())),
            }
        }
        if let Some(ae) = self.source_ae {
            elements.push((0x0002_0016, element(0x0002_0016, "AE", ae.as_bytes())));
        }
        elements.sort_by_key(|(tag, _)| *tag);
        let body: Vec<u8> = elements.into_iter().flat_map(|(_, b)| b).collect();
        let len = u32::try_from(body.len()).expect("meta group under 4 GiB");
        let mut out = element(0x0002_0000, "UL", &len.to_le_bytes());
        out.extend(body);
        out
    }
}

/// Each top-level data set element before `tail_start` with the byte span it covers in the
/// file: from its header to the next element's header (sequences whole).
fn top_level_spans(header: &Header<'_>, tail_start: usize) -> Vec<(usize, usize, usize)> {
    let top: Vec<usize> = header
        .top_level()
        .filter(|&i| header.elements[i].header_offset < tail_start)
        .collect();
    top.iter()
        .enumerate()
        .map(|(k, &i)| {
            let start = header.elements[i].header_offset;
            let end = top
                .get(k + 1)
                .map_or(tail_start, |&j| header.elements[j].header_offset);
            (i, start, end)
        })
        .collect()
}

/// `sample_data/DICOMDIR` as it is: its PATIENT records name two patients.
fn dicomdir() -> SynthFile {
    let bytes = std::fs::read(sample_path("DICOMDIR")).expect("sample_data/DICOMDIR");
    SynthFile {
        name: "dicomdir_patient_records".to_owned(),
        bytes,
        truth: Truth {
            has_direct_identifier: true,
            planted_categories: vec!["patient_name", "patient_id"],
            placement: "dicomdir",
            charset: "ascii",
            control: false,
            deid_claimed: false,
            leaks_despite_claim: false,
            burned_in: "none",
            planted_values: ["Doe^Archibald", "Doe^Peter", "77654033", "98890234"]
                .map(str::to_owned)
                .to_vec(),
        },
    }
}

// ---------------------------------------------------------------------------------------
// The set, by placement

use Carrier::{ChrH32, ChrRuss, ChrX1, CtBrain, CtSmall, TestSr};
use Charset::{Arabic, Ascii, Cyrillic, Gb18030, Greek, Jis, JisKatakana, Korean, Latin1, Utf8};

const STUDY_DESCRIPTION: u32 = 0x0008_1030;
const IMAGE_COMMENTS: u32 = 0x0020_4000;
const ADDITIONAL_HISTORY: u32 = 0x0010_21B0;
const PATIENT_COMMENTS: u32 = 0x0010_4000;

/// Direct identifiers in the patient module at the top level, and birth dates alone.
fn top_level() -> Vec<Draft> {
    vec![
        Draft::new("top_name_only", CtSmall, Ascii)
            .patient_name("Zyxwer^John")
            .put(0x0010_0040, "CS", "M"),
        Draft::new("top_id_only", CtSmall, Ascii).patient_id("ZX-4471203"),
        Draft::new("top_name_id_birth", CtBrain, Ascii)
            .patient_name("Qorvath^Elena^M")
            .patient_id("ZX-2209187")
            .birth("19710517", "F"),
        Draft::new("top_other_patient_ids", CtSmall, Ascii)
            .put(0x0010_1000, "LO", "ZX-0098123\\ZQ-551204")
            .leak("patient_other_id", "ZX-0098123")
            .leak("patient_other_id", "ZQ-551204"),
        Draft::new("top_other_patient_names", TestSr, Ascii)
            .put(0x0010_1001, "PN", "Zyxwer^Mary")
            .leak("patient_name", "Zyxwer^Mary"),
        Draft::new("top_address_us", CtSmall, Ascii)
            .put(0x0010_1040, "LO", "17 Qwertz Lane, Zyxton, MA 02139")
            .leak("address", "17 Qwertz Lane, Zyxton, MA 02139"),
        Draft::new("top_address_uk", ChrX1, Ascii)
            .put(
                0x0010_1040,
                "LO",
                "Flat 4, 22 Vexlund Road, London SW1A 9ZZ",
            )
            .leak("address", "Flat 4, 22 Vexlund Road, London SW1A 9ZZ"),
        Draft::new("top_phone_us", CtSmall, Ascii)
            .put(0x0010_2154, "SH", "(617) 555-0142")
            .leak("phone", "(617) 555-0142"),
        Draft::new("top_phones_two", TestSr, Ascii)
            .put(0x0010_2154, "SH", "+966 50 123 4567\\020 7946 0321")
            .leak("phone", "+966 50 123 4567")
            .leak("phone", "020 7946 0321"),
        Draft::new("top_name_five_components", CtSmall, Ascii).patient_name("Zyxwer^John^Q^Mr^Jr"),
        Draft::new("top_name_lower_case", TestSr, Ascii).patient_name("zyxwer^maria"),
        Draft::new("top_name_comma_written", CtSmall, Ascii).patient_name("ZYXWER, JOHN"),
        Draft::new("top_mrn_digits_with_issuer", CtBrain, Ascii)
            .patient_id("004471203")
            .put(0x0010_0021, "LO", "ZXGH")
            .leak("institution", "ZXGH"),
        Draft::new("top_full_record", CtSmall, Ascii)
            .patient_name("Brazzik^Tomas")
            .patient_id("ZX-3318820")
            .birth("19650803", "M")
            .put(0x0010_1040, "LO", "8 Drexel Close, Zyxton ZX4 2PL")
            .leak("address", "8 Drexel Close, Zyxton ZX4 2PL")
            .put(0x0010_2154, "SH", "020 7946 0112")
            .leak("phone", "020 7946 0112"),
        Draft::new("top_name_only_sr", TestSr, Ascii).patient_name("Vexlund^Ingrid"),
        Draft::new("top_id_only_sc", ChrRuss, Ascii).patient_id("ZQ-000417"),
        // A subject-code prefix before a record number's seven digits.
        Draft::new("top_id_prefixed_seven_digits", CtBrain, Ascii).patient_id("PAT0048213"),
        Draft::new("top_id_with_empty_name", CtSmall, Ascii)
            .put(0x0010_0010, "PN", "")
            .patient_id("ZX-8830114"),
        // Quasi-identifiers only: not positives, not controls.
        Draft::new("top_birth_date_and_sex", CtSmall, Ascii).birth("19710517", "F"),
        Draft::new("top_birth_date_and_age", TestSr, Ascii)
            .birth("19830412", "M")
            .put(0x0010_1010, "AS", "041Y"),
    ]
}

/// Identifiers inside sequences.
fn nested() -> Vec<Draft> {
    let mut out = Vec::new();

    let d = Draft::new("nested_other_ids_sequence", CtSmall, Ascii).at("nested");
    let it = item(vec![
        d.el(0x0010_0020, "LO", "ZX-5530217"),
        d.el(0x0010_0021, "LO", "ZXGH"),
        d.el(0x0010_0022, "CS", "TEXT"),
    ]);
    out.push(
        d.put_el(sequence(0x0010_1002, &[it]))
            .leak("patient_other_id", "ZX-5530217")
            .leak("institution", "ZXGH"),
    );

    let d = Draft::new("nested_other_ids_sequence_names", CtBrain, Ascii).at("nested");
    let items = [
        item(vec![
            d.el(0x0010_0010, "PN", "Zyxwer^Ilse"),
            d.el(0x0010_0020, "LO", "ZX-5530218"),
        ]),
        item(vec![
            d.el(0x0010_0010, "PN", "Zyxwer-Brandt^Ilse"),
            d.el(0x0010_0020, "LO", "ZQ-118204"),
        ]),
    ];
    out.push(
        d.put_el(sequence_undefined(0x0010_1002, &items))
            .leak("patient_name", "Zyxwer^Ilse")
            .leak("patient_other_id", "ZX-5530218")
            .leak("patient_name", "Zyxwer-Brandt^Ilse")
            .leak("patient_other_id", "ZQ-118204"),
    );

    let d = Draft::new("nested_referenced_patient_named", CtSmall, Ascii).at("nested");
    let it = item(vec![
        d.el(0x0008_1150, "UI", "1.2.840.10008.3.1.2.1.1"),
        d.el(0x0008_1155, "UI", "1.3.6.1.4.1.5962.99.1.7781402"),
        d.el(0x0010_0010, "PN", "Drexlow^Simone"),
        d.el(0x0010_0020, "LO", "ZX-7781402"),
    ]);
    out.push(
        d.put_el(sequence(0x0008_1120, &[it]))
            .leak("patient_name", "Drexlow^Simone")
            .leak("patient_id", "ZX-7781402"),
    );

    let d = Draft::new("nested_referenced_patient_two_deep", CtBrain, Ascii).at("nested");
    let inner = item(vec![d.el(0x0010_0020, "LO", "ZX-6604418")]);
    let outer = item(vec![
        d.el(0x0008_1150, "UI", "1.2.840.10008.3.1.2.1.1"),
        d.el(0x0008_1155, "UI", "1.3.6.1.4.1.5962.99.1.6604418"),
        sequence(0x0010_1002, &[inner]),
    ]);
    out.push(
        d.put_el(sequence(0x0008_1120, &[outer]))
            .leak("patient_other_id", "ZX-6604418"),
    );

    // A name written where the Requested Procedure ID belongs (SH, 16 characters).
    let d = Draft::new("nested_request_attributes_name", CtBrain, Ascii).at("nested");
    let it = item(vec![
        d.el(0x0040_0009, "SH", "SPS-1182"),
        d.el(0x0040_1002, "LO", "Requested for patient FENWIXX KARL"),
    ]);
    out.push(
        d.put_el(sequence(0x0040_0275, &[it]))
            .leak("patient_name", "FENWIXX KARL"),
    );

    let d = Draft::new("nested_request_attributes_reason", CtSmall, Ascii).at("nested");
    let it = item(vec![
        d.el(0x0040_1001, "SH", "RP-20417"),
        d.el(0x0040_1002, "LO", "pt Ulmqvar fell at home"),
    ]);
    out.push(
        d.put_el(sequence(0x0040_0275, &[it]))
            .leak("patient_name", "Ulmqvar"),
    );

    let text = "Pt John Zyxwer seen 03/04/2019, tel +966 50 123 4567";
    out.push(
        sr_text("nested_sr_text", Ascii, text)
            .leak("patient_name", "John Zyxwer")
            .leak("dates", "03/04/2019")
            .leak("phone", "+966 50 123 4567"),
    );

    let d = Draft::new("nested_sr_person_name", TestSr, Ascii).at("nested");
    let it = item(vec![
        d.el(0x0040_A010, "CS", "CONTAINS"),
        d.el(0x0040_A040, "CS", "PNAME"),
        sequence(0x0040_A043, &[code("121029", "DCM", "Subject Name")]),
        d.el(0x0040_A123, "PN", "Zorbanek^Lisa"),
    ]);
    out.push(
        d.put_el(sequence(0x0040_A730, &[it]))
            .leak("patient_name", "Zorbanek^Lisa"),
    );

    let d = Draft::new("nested_sr_text_two_deep", TestSr, Ascii).at("nested");
    let text = d.el(0x0040_A160, "UT", "Patient Vexlund, Marta; DOB 17 May 1971");
    let leaf = item(vec![
        d.el(0x0040_A010, "CS", "CONTAINS"),
        d.el(0x0040_A040, "CS", "TEXT"),
        sequence(0x0040_A043, &[code("121071", "DCM", "Finding")]),
        text,
    ]);
    let container = item(vec![
        d.el(0x0040_A010, "CS", "CONTAINS"),
        d.el(0x0040_A040, "CS", "CONTAINER"),
        sequence(0x0040_A043, &[code("121070", "DCM", "Findings")]),
        d.el(0x0040_A050, "CS", "SEPARATE"),
        sequence_undefined(0x0040_A730, &[leaf]),
    ]);
    out.push(
        d.put_el(sequence_undefined(0x0040_A730, &[container]))
            .leak("patient_name", "Vexlund, Marta")
            .leak("birth_date", "17 May 1971"),
    );

    out.push(
        sr_text(
            "nested_sr_text_latin1",
            Latin1,
            "Patient Jörg Zyxwür, Tel. 030 1234567",
        )
        .leak("patient_name", "Jörg Zyxwür")
        .leak("phone", "030 1234567"),
    );
    out.push(
        sr_text(
            "nested_sr_text_email",
            Ascii,
            "Report sent to patient at kwazimor.j@example.net",
        )
        .leak("email", "kwazimor.j@example.net"),
    );

    // PS3.5 7.5.3: an item may declare its own Specific Character Set; this name needs it.
    let d = Draft::new("nested_item_own_charset", CtSmall, Latin1)
        .at("nested")
        .put(STUDY_DESCRIPTION, "LO", "Épaule droite");
    let name = "Tixwell^Zoë=赵^伟";
    let it = item(vec![
        element(0x0008_0005, "CS", b"ISO_IR 192"),
        d.el(0x0008_1150, "UI", "1.2.840.10008.3.1.2.1.1"),
        d.el(0x0008_1155, "UI", "1.3.6.1.4.1.5962.99.1.1120"),
        element(0x0010_0010, "PN", &Utf8.encode(name)),
    ]);
    let mut d = d
        .put_el(sequence(0x0008_1120, &[it]))
        .leak("patient_name", name);
    d.charset = Utf8;
    out.push(d);

    // Controls.
    let d = Draft::new("nested_referenced_patient_uids_only", CtSmall, Ascii).at("nested");
    let it = item(vec![
        d.el(0x0008_1150, "UI", "1.2.840.10008.3.1.2.1.1"),
        d.el(0x0008_1155, "UI", "1.3.6.1.4.1.5962.99.1.4242"),
    ]);
    out.push(d.put_el(sequence(0x0008_1120, &[it])));

    out.push(
        sr_text(
            "nested_sr_clinical_text",
            Ascii,
            "No acute intracranial abnormality. Slice thickness 5 mm, 3 of 12 series reviewed.",
        )
        .note("numbers_in_text"),
    );

    let d = Draft::new("nested_sr_observer_staff", TestSr, Ascii).at("nested");
    let it = item(vec![
        d.el(0x0040_A010, "CS", "HAS OBS CONTEXT"),
        d.el(0x0040_A040, "CS", "PNAME"),
        sequence(
            0x0040_A043,
            &[code("121008", "DCM", "Person Observer Name")],
        ),
        d.el(0x0040_A123, "PN", "Jaxtrom^Eva^^Dr."),
    ]);
    out.push(
        d.put_el(sequence(0x0040_A730, &[it]))
            .leak("staff_name", "Jaxtrom^Eva^^Dr."),
    );

    let d = Draft::new("nested_request_attributes_codes", CtBrain, Ascii).at("nested");
    let it = item(vec![
        d.el(0x0040_0007, "LO", "CT BRAIN WO IVCON"),
        d.el(0x0040_0009, "SH", "SPS0007"),
        d.el(0x0040_1001, "SH", "RP0007"),
    ]);
    out.push(d.put_el(sequence(0x0040_0275, &[it])));

    let d = Draft::new("nested_other_ids_placeholders", CtSmall, Ascii).at("nested");
    let it = item(vec![
        d.el(0x0010_0010, "PN", "ANON"),
        d.el(0x0010_0020, "LO", "000000"),
    ]);
    out.push(d.put_el(sequence(0x0010_1002, &[it])).note("placeholder"));

    let d = Draft::new("nested_other_ids_pseudonyms", CtBrain, Ascii).at("nested");
    let it = item(vec![
        d.el(0x0010_0020, "LO", "SUBJ-0040"),
        d.el(0x0010_0021, "LO", "ZYX TRIAL 7"),
        d.el(0x0010_0022, "CS", "TEXT"),
    ]);
    out.push(d.put_el(sequence(0x0010_1002, &[it])).note("pseudonym"));

    let d = Draft::new("nested_sr_measurements", TestSr, Ascii).at("nested");
    let it = item(vec![
        d.el(0x0040_A010, "CS", "CONTAINS"),
        d.el(0x0040_A040, "CS", "TEXT"),
        sequence(0x0040_A043, &[code("121071", "DCM", "Finding")]),
        d.el(
            0x0040_A160,
            "UT",
            "Nodule 4 mm in segment 6, stable since series 2; Lung-RADS 2",
        ),
    ]);
    out.push(
        d.put_el(sequence_undefined(0x0040_A730, &[it]))
            .note("numbers_in_text"),
    );
    out
}

/// An SR whose content tree holds one TEXT item.
fn sr_text(name: &'static str, charset: Charset, text: &str) -> Draft {
    let d = Draft::new(name, TestSr, charset).at("nested");
    let it = item(vec![
        d.el(0x0040_A010, "CS", "CONTAINS"),
        d.el(0x0040_A040, "CS", "TEXT"),
        sequence(0x0040_A043, &[code("121071", "DCM", "Finding")]),
        d.el(0x0040_A160, "UT", text),
    ]);
    d.put_el(sequence(0x0040_A730, &[it]))
}

/// An Original Attributes Sequence item (PS3.3 C.12.1.1.9) whose Modified Attributes
/// Sequence holds `old`.
fn original_attributes_item(d: &Draft, old: Vec<Vec<u8>>, undefined: bool) -> Vec<u8> {
    let modified = if undefined {
        sequence_undefined(0x0400_0550, &[item(old)])
    } else {
        sequence(0x0400_0550, &[item(old)])
    };
    item(vec![
        modified,
        d.el(0x0400_0562, "DT", "20190304101500"),
        d.el(0x0400_0563, "LO", "ZXDEID 2.1"),
        d.el(0x0400_0564, "LO", ""),
        d.el(0x0400_0565, "CS", "COERCE"),
    ])
}

/// Audit copies of the old values: Original Attributes Sequence > Modified Attributes
/// Sequence.
fn audit() -> Vec<Draft> {
    let mut out = Vec::new();
    let cases: [(&'static str, Carrier, Charset, &str, &str); 4] = [
        (
            "audit_old_name_and_id",
            CtSmall,
            Ascii,
            "Zyxwer^Petra",
            "ZX-6610457",
        ),
        (
            "audit_old_name_latin1",
            TestSr,
            Latin1,
            "Brazzík^Agnès",
            "ZX-6610459",
        ),
        (
            "audit_old_name_arabic",
            ChrRuss,
            Arabic,
            "زيكسور^فاطمة",
            "ZX-6610460",
        ),
        (
            "audit_old_name_utf8",
            ChrX1,
            Utf8,
            "Qorvath^Dmitri=Корват^Дмитрий",
            "ZX-6610462",
        ),
    ];
    for (name, carrier, charset, old_name, old_id) in cases {
        let d = Draft::new(name, carrier, charset)
            .at("audit")
            .placeholders("ANONYMOUS", "SUBJ-0031")
            .note("placeholder");
        let old = vec![
            d.el(0x0010_0010, "PN", old_name),
            d.el(0x0010_0020, "LO", old_id),
        ];
        let it = original_attributes_item(&d, old, false);
        out.push(
            d.put_el(sequence(0x0400_0561, &[it]))
                .leak("patient_name", old_name)
                .leak("patient_id", old_id),
        );
    }

    // An old ID shaped like a project code (LIDC-IDRI-0001): in an audit copy it is what
    // the file held before, not a pseudonym.
    let d = Draft::new("audit_old_id_code_shaped", CtSmall, Ascii)
        .at("audit")
        .placeholders("", "9f86d081884c7d659a2feaa0c55ad015")
        .note("pseudonym");
    let old = vec![d.el(0x0010_0020, "LO", "ZQ-OLD-9133")];
    let it = original_attributes_item(&d, old, false);
    out.push(
        d.put_el(sequence(0x0400_0561, &[it]))
            .leak("patient_id", "ZQ-OLD-9133"),
    );

    let d = Draft::new("audit_old_values_despite_claim", CtBrain, Ascii)
        .at("audit")
        .claim_deid()
        .placeholders("", "SUBJ-0032")
        .note("pseudonym");
    let old = vec![
        d.el(0x0010_0010, "PN", "Qorvath^Dmitri"),
        d.el(0x0010_0020, "LO", "ZX-6610458"),
    ];
    let it = original_attributes_item(&d, old, false);
    out.push(
        d.put_el(sequence(0x0400_0561, &[it]))
            .leak("patient_name", "Qorvath^Dmitri")
            .leak("patient_id", "ZX-6610458"),
    );

    let d = Draft::new("audit_two_modifications", CtSmall, Ascii)
        .at("audit")
        .placeholders("ANON", "ANON")
        .note("placeholder");
    let first = original_attributes_item(&d, vec![d.el(0x0010_0010, "PN", "Tixwell^Norma")], false);
    let second = original_attributes_item(
        &d,
        vec![
            d.el(0x0010_0030, "DA", "19590221"),
            d.el(0x0010_1040, "LO", "8 Drexel Close, Zyxton"),
        ],
        false,
    );
    out.push(
        d.put_el(sequence(0x0400_0561, &[first, second]))
            .leak("patient_name", "Tixwell^Norma")
            .leak("birth_date", "19590221")
            .leak("address", "8 Drexel Close, Zyxton"),
    );

    let d = Draft::new("audit_old_id_only_sr", TestSr, Ascii)
        .at("audit")
        .placeholders("", "SUBJ-0033")
        .note("pseudonym");
    let it = original_attributes_item(&d, vec![d.el(0x0010_0020, "LO", "ZX-6610461")], false);
    out.push(
        d.put_el(sequence(0x0400_0561, &[it]))
            .leak("patient_id", "ZX-6610461"),
    );

    let d = Draft::new("audit_undefined_lengths", CtSmall, Ascii)
        .at("audit")
        .placeholders("ANONYMOUS", "")
        .note("placeholder");
    let it = original_attributes_item(&d, vec![d.el(0x0010_0010, "PN", "Ulmqvar^Henrik")], true);
    out.push(
        d.put_el(sequence_undefined(0x0400_0561, &[it]))
            .leak("patient_name", "Ulmqvar^Henrik"),
    );

    // Controls: audit copies of values that identify nobody.
    let d = Draft::new("audit_old_description_only", CtSmall, Ascii).at("audit");
    let it = original_attributes_item(&d, vec![d.el(0x0008_1030, "LO", "CT ABD PEL W")], false);
    out.push(d.put_el(sequence(0x0400_0561, &[it])));

    let d = Draft::new("audit_old_placeholders", CtBrain, Ascii)
        .at("audit")
        .placeholders("ANONYMOUS", "000000")
        .note("placeholder");
    let old = vec![
        d.el(0x0010_0010, "PN", "ANONYMOUS"),
        d.el(0x0010_0020, "LO", "000000"),
    ];
    let it = original_attributes_item(&d, old, false);
    out.push(d.put_el(sequence(0x0400_0561, &[it])));

    let d = Draft::new("audit_old_window_values", ChrX1, Ascii).at("audit");
    let old = vec![
        d.el(0x0028_1050, "DS", "40"),
        d.el(0x0028_1051, "DS", "400"),
    ];
    let it = original_attributes_item(&d, old, true);
    out.push(d.put_el(sequence_undefined(0x0400_0561, &[it])));

    let d = Draft::new("audit_claim_dummy_date", TestSr, Ascii)
        .at("audit")
        .claim_deid()
        .placeholders("", "SUBJ-0034")
        .note("pseudonym");
    let it = original_attributes_item(&d, vec![d.el(0x0010_0030, "DA", "19000101")], false);
    out.push(d.put_el(sequence(0x0400_0561, &[it])));
    out
}

/// Private blocks (PS3.5 7.8.1): a creator in (gggg,0010-00FF) and its elements.
fn private() -> Vec<Draft> {
    const ACME: &str = "ACME PRIVATE 1.0";
    vec![
        Draft::new("private_name_id_date", CtSmall, Ascii)
            .at("private")
            .put(0x0009_0010, "LO", ACME)
            .put(0x0009_1001, "PN", "Zyxwer^Helga")
            .put(0x0009_1002, "LO", "ZX-7730021")
            .put(0x0009_1003, "DA", "19710517")
            .leak("patient_name", "Zyxwer^Helga")
            .leak("patient_id", "ZX-7730021")
            .leak("birth_date", "19710517"),
        // A national ID with no cue, in a block its creator names after the hospital's
        // information system.
        Draft::new("private_his_national_id", CtBrain, Ascii)
            .at("private")
            .put(0x0031_0010, "LO", "ZZHOSP_HIS 1.0")
            .put(0x0031_1010, "LO", &saudi_id("111902478"))
            .leak("national_id", &saudi_id("111902478")),
        Draft::new("private_lo_name", CtBrain, Ascii)
            .at("private")
            .put(0x0019_0010, "LO", "ZYX MEDICAL 2")
            .put(0x0019_1020, "LO", "DREXLOW, OSKAR")
            .leak("patient_name", "DREXLOW, OSKAR"),
        // Explicit VR UN (PS3.5 6.2.2): the value is the bytes of a PN nobody declared.
        Draft::new("private_un_name", CtSmall, Ascii)
            .at("private")
            .put(0x0009_0010, "LO", ACME)
            .put_el(element(0x0009_1010, "UN", b"Fenwixx^Greta"))
            .leak("patient_name", "Fenwixx^Greta"),
        // A Latin-1 name sent as UN in a file that declares ISO_IR 100: its bytes are not
        // UTF-8, and read in the file's character set.
        Draft::new("private_un_latin1_name", CtSmall, Latin1)
            .at("private")
            .put(0x0009_0010, "LO", ACME)
            .put_el(element(0x0009_1010, "UN", b"Zzlindqvist^G\xf6ran"))
            .leak("patient_name", "Zzlindqvist^Göran"),
        Draft::new("private_lt_text", TestSr, Ascii)
            .at("private")
            .put(0x0029_0010, "LO", "ZYX NOTES")
            .put(
                0x0029_1001,
                "LT",
                "pt Kwazimor seen 2019-03-04, tel 020 7946 0321",
            )
            .leak("patient_name", "Kwazimor")
            .leak("dates", "2019-03-04")
            .leak("phone", "020 7946 0321"),
        Draft::new("private_name_latin1", CtSmall, Latin1)
            .at("private")
            .put(0x0009_0010, "LO", ACME)
            .put(0x0009_1001, "PN", "Müllerzyx^Jörg")
            .leak("patient_name", "Müllerzyx^Jörg"),
        Draft::new("private_leak_despite_claim", CtBrain, Ascii)
            .at("private")
            .claim_deid()
            .placeholders("", "SUBJ-0035")
            .note("pseudonym")
            .put(0x0009_0010, "LO", ACME)
            .put(0x0009_1001, "PN", "Zorbanek^Udo")
            .put(0x0009_1002, "LO", "ZX-7730022")
            .leak("patient_name", "Zorbanek^Udo")
            .leak("patient_id", "ZX-7730022"),
        Draft::new("private_second_block", CtSmall, Ascii)
            .at("private")
            .put(0x0009_0010, "LO", ACME)
            .put(0x0009_0011, "LO", "ACME PRIVATE 2.0")
            .put(0x0009_1001, "DS", "2.5")
            .put(0x0009_1101, "LO", "ZX-7730023")
            .leak("patient_id", "ZX-7730023"),
        // A birth-like date alone: a quasi-identifier.
        Draft::new("private_date_only", CtSmall, Ascii)
            .at("private")
            .put(0x0009_0010, "LO", ACME)
            .put(0x0009_1003, "DA", "19710517")
            .leak("dates", "19710517"),
        // Controls: private values that are numbers, codes and versions.
        Draft::new("private_numbers_only", CtSmall, Ascii)
            .at("private")
            .put(0x0009_0010, "LO", ACME)
            .put(0x0009_1001, "DS", "12.5\\0.625")
            .put(0x0009_1002, "IS", "3")
            .put_el(element(0x0009_1003, "US", &4u16.to_le_bytes()))
            .put_el(element(0x0009_1004, "FL", &1.5f32.to_le_bytes()))
            .note("numbers_in_text"),
        Draft::new("private_numeric_strings", CtBrain, Ascii)
            .at("private")
            .put(0x0019_0010, "LO", "ZYX MEDICAL 2")
            .put(0x0019_1001, "LO", "0042")
            .put(0x0019_1002, "SH", "120")
            .put(0x0019_1003, "LO", "1.0.3")
            .note("numbers_in_text"),
        Draft::new("private_codes", TestSr, Ascii)
            .at("private")
            .put(0x0029_0010, "LO", "ZYX NOTES")
            .put(0x0029_1001, "LO", "AXIAL")
            .put(0x0029_1002, "CS", "PRIMARY")
            .put(0x0029_1003, "LO", "v2.3.1")
            .put(0x0029_1004, "SH", "HELICAL"),
        Draft::new("private_placeholder_name", CtSmall, Ascii)
            .at("private")
            .put(0x0009_0010, "LO", ACME)
            .put(0x0009_1001, "PN", "ANONYMOUS")
            .put(0x0009_1002, "LO", "000000")
            .note("placeholder"),
        // Free text in UN, as an implicit VR file sends every private element.
        Draft::new("private_un_text_national_id", CtSmall, Ascii)
            .at("private")
            .put(0x0029_0010, "LO", "ZYX NOTES")
            .put_el(element(
                0x0029_1001,
                "UN",
                format!("Iqama {}", saudi_id("250199204")).as_bytes(),
            ))
            .leak("national_id", &saudi_id("250199204")),
        Draft::new("private_un_text_email", TestSr, Ascii)
            .at("private")
            .put(0x0029_0010, "LO", "ZYX NOTES")
            .put_el(element(
                0x0029_1002,
                "UN",
                b"reply to kwazimor.b@example.net\r\nthanks",
            ))
            .leak("email", "kwazimor.b@example.net"),
        // Agfa's Global Patient ID, a vendor's own copy of the patient ID.
        Draft::new("private_vendor_patient_id", CtSmall, Ascii)
            .at("private")
            .put(0x0031_0010, "LO", "MITRA LINKED ATTRIBUTES 1.0")
            .put(0x0031_1020, "LO", "0048817")
            .leak("patient_id", "0048817"),
        Draft::new("private_un_numbers", CtBrain, Ascii)
            .at("private")
            .put(0x0019_0010, "LO", "ZYX MEDICAL 2")
            .put_el(element(0x0019_1010, "UN", b"0.625\\1.25 "))
            .note("numbers_in_text"),
    ]
}

/// Identifiers in Study Description, Image Comments, Additional Patient History and
/// Patient Comments, and the look-alikes that must not count.
fn free_text() -> Vec<Draft> {
    let saudi_1 = saudi_id("107429635");
    let saudi_2 = saudi_id("208816342");
    let nhs = nhs_number("721458309", true);
    let nhs_2 = nhs_number("612093845", true).replace(' ', "");
    let mut out = vec![
        // A medical record number after its cue, and a patient ID inside a viewer link.
        // National IDs of other countries, by their own cue or grouping and their check
        // (the schemes' published example numbers).
        Draft::new("text_cpf_cue", CtSmall, Ascii)
            .text(PATIENT_COMMENTS, "CPF 123.456.789-09 conferido")
            .leak("national_id", "123.456.789-09"),
        Draft::new("text_pesel_cue", TestSr, Ascii)
            .text(IMAGE_COMMENTS, "PESEL: 44051401359")
            .leak("national_id", "44051401359"),
        Draft::new("text_ahv_grouped", CtBrain, Latin1)
            .text(ADDITIONAL_HISTORY, "Versicherung 756.1234.5678.97")
            .leak("national_id", "756.1234.5678.97"),
        Draft::new("text_chinese_resident_id", CtSmall, Gb18030)
            .text(PATIENT_COMMENTS, "身份证号 11010519491231002X")
            .leak("national_id", "11010519491231002X"),
        // Names after a Vietnamese and a Hindi cue.
        Draft::new("text_vietnamese_bn_cue", CtSmall, Utf8)
            .text(IMAGE_COMMENTS, "BN Zyxwé Văn Khoa, tái khám")
            .leak("patient_name", "Zyxwé Văn Khoa"),
        Draft::new("text_devanagari_cue", CtBrain, Utf8)
            .text(IMAGE_COMMENTS, "रोगी: ज़ीक्सवर यादव")
            .leak("patient_name", "ज़ीक्सवर यादव"),
        Draft::new("text_mrn_cue_in_comments", CtBrain, Ascii)
            .text(IMAGE_COMMENTS, "Hosp. No. 58830231 - repeat views")
            .leak("patient_id", "58830231"),
        Draft::new("text_chart_number_in_history", TestSr, Ascii)
            .text(ADDITIONAL_HISTORY, "chart #58830233 reviewed, MR# 58830234")
            .leak("patient_id", "58830233")
            .leak("patient_id", "58830234"),
        Draft::new("url_with_patient_id", CtSmall, Ascii)
            .put(
                0x0008_1190,
                "UR",
                "https://pacs.zyx.test/wado?requestType=WADO&patientID=40917265",
            )
            .leak(
                "url",
                "https://pacs.zyx.test/wado?requestType=WADO&patientID=40917265",
            )
            .leak("patient_id", "40917265"),
        // A name in PN form pasted into a comment, and names after cues in other languages.
        Draft::new("text_caret_name_in_comments", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, "ZZFENWICKE^ODILE^M")
            .leak("patient_name", "ZZFENWICKE^ODILE^M"),
        Draft::new("text_caps_label_and_particle", CtSmall, Latin1)
            .text(
                PATIENT_COMMENTS,
                "PT: GALLAGHER, NOREEN  ROOM 4B; Patient name: de Souza, João",
            )
            .leak("patient_name", "GALLAGHER")
            .leak("patient_name", "de Souza"),
        Draft::new("text_german_cue", CtBrain, Latin1)
            .text(ADDITIONAL_HISTORY, "Patientin Frau Zzmüller, Gehhilfe")
            .leak("patient_name", "Zzmüller"),
        Draft::new("text_russian_cue", ChrRuss, Cyrillic)
            .text(IMAGE_COMMENTS, "Пациент Тестеров Глеб, контроль")
            .leak("patient_name", "Тестеров Глеб"),
        // A name after a cue.
        Draft::new("text_mr_in_study_description", CtSmall, Ascii)
            .text(STUDY_DESCRIPTION, "CT HEAD - Mr. Zyxwer")
            .leak("patient_name", "Zyxwer"),
        Draft::new("text_mrs_in_image_comments", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, "Mrs. Anna Qwyxel, left knee")
            .leak("patient_name", "Anna Qwyxel"),
        Draft::new("text_pt_in_history", CtBrain, Ascii)
            .text(ADDITIONAL_HISTORY, "pt Drexlow fell at home, hx HTN")
            .leak("patient_name", "Drexlow"),
        Draft::new("text_patient_in_comments", TestSr, Ascii)
            .text(
                PATIENT_COMMENTS,
                "patient Jon Vexlund prefers evening appointments",
            )
            .leak("patient_name", "Jon Vexlund"),
        Draft::new("text_mr_lower_case", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, "seen with mr qorvath today")
            .leak("patient_name", "qorvath"),
        Draft::new("text_arabic_patient_cue", ChrRuss, Arabic)
            .text(IMAGE_COMMENTS, "المريض أحمد زيكسور")
            .leak("patient_name", "أحمد زيكسور"),
        Draft::new("text_arabic_mr_cue_utf8", ChrX1, Utf8)
            .text(ADDITIONAL_HISTORY, "السيد خالد برازيك - متابعة")
            .leak("patient_name", "خالد برازيك"),
        // Phones, e-mails, national IDs.
        Draft::new("text_phone_us", CtSmall, Ascii)
            .text(PATIENT_COMMENTS, "call back on (617) 555-0199")
            .leak("phone", "(617) 555-0199"),
        Draft::new("text_phone_saudi", CtBrain, Ascii)
            .text(IMAGE_COMMENTS, "mobile +966 55 987 6543")
            .leak("phone", "+966 55 987 6543"),
        Draft::new("text_phone_uk", TestSr, Ascii)
            .text(ADDITIONAL_HISTORY, "Tel: 020 7946 0958")
            .leak("phone", "020 7946 0958"),
        Draft::new("text_email", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, "results emailed to zyxwer.anna@example.com")
            .leak("email", "zyxwer.anna@example.com"),
        Draft::new("text_email_in_study_description", CtBrain, Ascii)
            .text(STUDY_DESCRIPTION, "FU per q.tixwell@mail.example.org")
            .leak("email", "q.tixwell@mail.example.org"),
        Draft::new("text_saudi_id", CtSmall, Ascii)
            .text(PATIENT_COMMENTS, &format!("National ID {saudi_1}"))
            .leak("national_id", &saudi_1),
        Draft::new("text_saudi_id_arabic_cue", ChrRuss, Arabic)
            .text(PATIENT_COMMENTS, &format!("رقم الهوية {saudi_2}"))
            .leak("national_id", &saudi_2),
        Draft::new("text_ssn", CtBrain, Ascii)
            .text(ADDITIONAL_HISTORY, "SSN 452-71-3308")
            .leak("national_id", "452-71-3308"),
        Draft::new("text_ssn_without_dashes", TestSr, Ascii)
            .text(PATIENT_COMMENTS, "ssn: 231580947")
            .leak("national_id", "231580947"),
        Draft::new("text_ssn_short_cue", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, "SS# 272-80-2213")
            .leak("national_id", "272-80-2213"),
        Draft::new("text_ssn_dashed_alone", TestSr, Ascii)
            .text(IMAGE_COMMENTS, "295-29-2590")
            .leak("national_id", "295-29-2590"),
        Draft::new("text_ssn_spoken_cue", CtBrain, Ascii)
            .text(ADDITIONAL_HISTORY, "soc sec no 089 31 5151")
            .leak("national_id", "089 31 5151"),
        Draft::new("text_street_address", TestSr, Ascii)
            .text(
                PATIENT_COMMENTS,
                "Patient lives at 42 Quorvane Street, Zyxton",
            )
            .leak("address", "42 Quorvane Street"),
        Draft::new("text_street_address_upper", CtSmall, Ascii)
            .text(ADDITIONAL_HISTORY, "HOME ADDR: 7 ZYXWER ROAD")
            .leak("address", "7 ZYXWER ROAD"),
        Draft::new("text_nhs_number", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, &format!("NHS No {nhs}"))
            .leak("national_id", &nhs),
        Draft::new("text_nhs_number_compact", TestSr, Ascii)
            .text(PATIENT_COMMENTS, &format!("NHS number: {nhs_2}"))
            .leak("national_id", &nhs_2),
        Draft::new("text_name_and_written_birth_date", CtSmall, Ascii)
            .text(ADDITIONAL_HISTORY, "Mr. Zorbanek DOB May 17, 1971")
            .leak("patient_name", "Zorbanek")
            .leak("birth_date", "May 17, 1971"),
        // The file's own patient name again in free text.
        Draft::new("text_own_name_in_comments", CtSmall, Ascii)
            .patient_name("Zyxwer^Anna")
            .text(IMAGE_COMMENTS, "Anna Zyxwer, follow-up")
            .leak("patient_name", "Anna Zyxwer")
            .note("name_in_free_text"),
        Draft::new("text_own_name_in_history", CtBrain, Ascii)
            .patient_name("Qorvath^Elias")
            .text(ADDITIONAL_HISTORY, "QORVATH ELIAS - prior CT 2018")
            .leak("patient_name", "QORVATH ELIAS")
            .note("name_in_free_text"),
        // Quasi-identifiers in text: not positives, not controls.
        Draft::new("text_url", CtSmall, Ascii)
            .text(
                IMAGE_COMMENTS,
                "see https://portal.zyxton-clinic.example/r/8812",
            )
            .leak("url", "https://portal.zyxton-clinic.example/r/8812"),
        Draft::new("text_ipv4", CtBrain, Ascii)
            .text(PATIENT_COMMENTS, "sent from 192.168.14.201")
            .leak("ip_address", "192.168.14.201"),
        Draft::new("text_url_with_ip", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, "viewer http://10.23.41.7/wado")
            .leak("url", "http://10.23.41.7/wado")
            .leak("ip_address", "10.23.41.7"),
        Draft::new("text_written_dates", TestSr, Ascii)
            .text(
                ADDITIONAL_HISTORY,
                "seen 4 March 2019; prior 2018-11-02; next 04.09.2019",
            )
            .leak("dates", "4 March 2019")
            .leak("dates", "2018-11-02")
            .leak("dates", "04.09.2019"),
        Draft::new("text_birth_date_only", CtSmall, Ascii)
            .text(ADDITIONAL_HISTORY, "DOB 17/05/1971")
            .leak("birth_date", "17/05/1971"),
        // Names written alone, known by a given name and a surname.
        Draft::new("text_bare_name_given_first", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, "Images pushed for Noreen Zzgallagher today")
            .leak("patient_name", "Noreen Zzgallagher"),
        Draft::new("text_bare_name_surname_comma_caps", CtBrain, Ascii)
            .text(STUDY_DESCRIPTION, "CT HEAD - ZZGREENHALGH, BARRY")
            .leak("patient_name", "ZZGREENHALGH, BARRY"),
        // Cue words and record cues of other languages and systems.
        Draft::new("text_dutch_cue", CtSmall, Latin1)
            .text(PATIENT_COMMENTS, "Dhr. Zzbroek - contrastallergie")
            .leak("patient_name", "Zzbroek"),
        Draft::new("text_polish_cue_utf8", ChrX1, Utf8)
            .text(PATIENT_COMMENTS, "Pacjentka: Zofia Zzwąsowska, na czczo")
            .leak("patient_name", "Zofia Zzwąsowska"),
        Draft::new("text_german_record_cue", CtBrain, Latin1)
            .text(ADDITIONAL_HISTORY, "Pat.-Nr. 58830237, nüchtern")
            .leak("patient_id", "58830237"),
        Draft::new("text_korean_record_cue", CtSmall, Korean)
            .text(PATIENT_COMMENTS, "등록번호 58830238")
            .leak("patient_id", "58830238"),
        Draft::new("text_escaped_url_patient_id", TestSr, Ascii)
            .text(
                IMAGE_COMMENTS,
                "weasis://?%24dicom%3Ars+-r+%22patientID%3D58830239%22",
            )
            .leak("patient_id", "58830239"),
        // Addresses written as continental Europe writes them.
        Draft::new("text_spanish_address", CtSmall, Latin1)
            .text(
                PATIENT_COMMENTS,
                "Domicilio: Avda. de la Zzconstitución 18, Sevilla",
            )
            .leak("address", "Avda. de la Zzconstitución 18"),
        Draft::new("text_german_address", CtBrain, Latin1)
            .text(ADDITIONAL_HISTORY, "wohnhaft Zzhauptstraße 12a, Köln")
            .leak("address", "Zzhauptstraße 12a"),
        // Full names without a cue in other scripts, and cues of other languages.
        Draft::new("text_russian_full_name", ChrRuss, Cyrillic)
            .text(PATIENT_COMMENTS, "Зызыков Иван Петрович, контроль")
            .leak("patient_name", "Зызыков Иван Петрович"),
        Draft::new("text_russian_surname_initials", CtSmall, Cyrillic)
            .text(IMAGE_COMMENTS, "Зызыкова А.В. КТ головы")
            .leak("patient_name", "Зызыкова А.В."),
        Draft::new("text_arabic_nasab", CtBrain, Arabic)
            .text(PATIENT_COMMENTS, "نورة بنت سعد الززي")
            .leak("patient_name", "نورة بنت سعد الززي"),
        Draft::new("text_greek_given_and_family", CtSmall, Greek)
            .text(IMAGE_COMMENTS, "Έλεγχος Γιώργος Ζζζόπουλος")
            .leak("patient_name", "Γιώργος Ζζζόπουλος"),
        Draft::new("text_chinese_honorific", CtSmall, Gb18030)
            .text(PATIENT_COMMENTS, "王小明先生复查")
            .leak("patient_name", "王小明"),
        Draft::new("text_italian_pz_cue", CtBrain, Latin1)
            .text(IMAGE_COMMENTS, "RITMO SINUSALE - pz. Bruno Zzcastellazzi")
            .leak("patient_name", "Bruno Zzcastellazzi"),
        Draft::new("text_underscore_name", CtSmall, Ascii)
            .text(STUDY_DESCRIPTION, "AX T2 FS Zzlindeberg_Oskar")
            .leak("patient_name", "Zzlindeberg_Oskar"),
        Draft::new("text_arabic_address_cue", CtSmall, Arabic)
            .text(
                PATIENT_COMMENTS,
                "العنوان: شارع الززي 4512، حي المعذر، الرياض",
            )
            .leak("address", "شارع الززي 4512، حي المعذر، الرياض"),
        Draft::new("text_dutch_accented_cue", CtBrain, Latin1)
            .text(PATIENT_COMMENTS, "Patiënt dhr. Pieter-Jan van den Zzbroeck")
            .leak("patient_name", "Pieter-Jan van den Zzbroeck"),
        Draft::new("text_german_fr_cue", CtSmall, Latin1)
            .text(IMAGE_COMMENTS, "CT Kopf nativ - Fr. Renate Zzwölfer")
            .leak("patient_name", "Renate Zzwölfer"),
        Draft::new("text_caps_family_first", CtBrain, Ascii)
            .text(STUDY_DESCRIPTION, "CT ABDOMEN ZZDZIEDZIC ANNA")
            .leak("patient_name", "ZZDZIEDZIC ANNA"),
        // A name typed where an identifier belongs.
        Draft::new("name_in_trial_subject_id", CtBrain, Ascii)
            .put(0x0012_0040, "LO", "Zzhutchins, Greta")
            .leak("patient_name", "Zzhutchins, Greta"),
    ];
    out.extend(cross_file_names());
    out.extend(free_text_controls());
    out
}

/// Names that are one file's patient name and appear only in another file's free text: the
/// second file has nothing else, so only a detector that knows the first can find it.
fn cross_file_names() -> Vec<Draft> {
    let pairs: [(&str, &str, Carrier, Carrier, u32, &str); 3] = [
        (
            "Xylandr^Beatrix",
            "Beatrix Xylandr",
            CtSmall,
            CtBrain,
            IMAGE_COMMENTS,
            "Compare with Beatrix Xylandr prior study",
        ),
        (
            "Yzerbo^Camille",
            "Yzerbo, Camille",
            TestSr,
            CtSmall,
            PATIENT_COMMENTS,
            "Yzerbo, Camille to bring prior films",
        ),
        (
            "Skarnholt^Rune",
            "RUNE SKARNHOLT",
            ChrX1,
            CtSmall,
            STUDY_DESCRIPTION,
            "RUNE SKARNHOLT REVIEW",
        ),
    ];
    let names = [
        ("cross_file_source_1", "cross_file_mention_1"),
        ("cross_file_source_2", "cross_file_mention_2"),
        ("cross_file_source_3", "cross_file_mention_3"),
    ];
    let mut out = Vec::new();
    for ((pn, written, source, mention, tag, text), (source_name, mention_name)) in
        pairs.into_iter().zip(names)
    {
        out.push(Draft::new(source_name, source, Ascii).patient_name(pn));
        out.push(
            Draft::new(mention_name, mention, Ascii)
                .text(tag, text)
                .leak("patient_name", written)
                .note("cross_file_name"),
        );
    }
    // Chinese and Korean write the name without a space or a capital, and with a family
    // name of one character.
    for (n, (pn, written, charset, text)) in [
        ("禤^晓蕾", "禤晓蕾", Gb18030, "与禤晓蕾的旧片比较"),
        ("탁^서윤", "탁서윤", Korean, "탁서윤 이전 검사와 비교"),
    ]
    .into_iter()
    .enumerate()
    {
        let (source, mention) = [
            ("cross_file_source_cjk_1", "cross_file_mention_cjk_1"),
            ("cross_file_source_cjk_2", "cross_file_mention_cjk_2"),
        ][n];
        out.push(Draft::new(source, CtSmall, charset).patient_name(pn));
        out.push(
            Draft::new(mention, CtBrain, charset)
                .text(IMAGE_COMMENTS, text)
                .leak("patient_name", written)
                .note("cross_file_name"),
        );
    }
    out
}

/// Free text that must not count: numbers, staff, clinical words, national IDs whose check
/// digit is wrong.
fn free_text_controls() -> Vec<Draft> {
    let saudi_bad_1 = saudi_id_bad("107429635");
    let saudi_bad_2 = saudi_id_bad("208816342");
    let nhs_bad = nhs_number("721458309", false);
    // 485120776 gives remainder 10: no check digit makes it valid.
    let nhs_no_check = "4851207760";
    vec![
        // A Hindi note after the word for patient (the patient is well), a failed CPF check
        // and a date and time in the personnummer's shape.
        Draft::new("text_devanagari_note", CtSmall, Utf8)
            .text(IMAGE_COMMENTS, "रोगी ठीक है")
            .note("clinical_text"),
        Draft::new("text_id_lookalikes", CtBrain, Ascii)
            .text(PATIENT_COMMENTS, "CPF 123.456.789-08; export 20231122-1530")
            .note("numbers_in_text"),
        // Eponyms, German nouns after `Pat.`, a Japanese note after 患者, vendors' products.
        Draft::new("text_eponyms", CtSmall, Ascii)
            .text(
                ADDITIONAL_HISTORY,
                "Pt For Fontan Assessment, Glenn Shunt Patency; old Hill Sachs Lesion",
            )
            .note("eponyms"),
        Draft::new("text_german_nouns_after_pat", CtBrain, Latin1)
            .text(IMAGE_COMMENTS, "Pat. Klaustrophobie, Sedierung erfolgt")
            .note("clinical_note"),
        Draft::new("text_japanese_note_after_patient", CtSmall, Jis)
            .text(IMAGE_COMMENTS, "患者 体動あり")
            .note("clinical_note"),
        // A vendor's service line and a form's filler number are nobody's phone; a staff
        // name after a credential; a town alone as the address.
        Draft::new("text_vendor_hotline", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, "Philips CS hotline 0800 037 9412")
            .put(0x0010_2154, "SH", "000-000-0000")
            .note("organisation_phone"),
        Draft::new("text_staff_title_in_context", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, "Tech: M. Zzokafor RT(R)")
            .note("staff_name"),
        Draft::new("text_staff_credential", CtBrain, Ascii)
            .text(IMAGE_COMMENTS, "Performed by RT(R) Jenna Zzwalsh")
            .note("staff_name"),
        Draft::new("text_russian_doctor", ChrRuss, Cyrillic)
            .text(IMAGE_COMMENTS, "Врач Зыбина Мария Ивановна")
            .note("staff_name"),
        Draft::new("address_town_only", CtSmall, Latin1)
            .put(0x0010_1040, "LO", "80331 München")
            .note("quasi_identifier"),
        Draft::new("text_vendor_products", TestSr, Ascii)
            .text(
                STUDY_DESCRIPTION,
                "Signa Premier, Vida Fit, Aurora Dedicated Breast",
            )
            .note("device_text"),
        Draft::new("text_numbers_ct_description", CtSmall, Ascii)
            .text(
                STUDY_DESCRIPTION,
                "Slice thickness 2.5 mm, 120 kVp, series 3 of 12",
            )
            .note("numbers_in_text"),
        Draft::new("text_numbers_mr", CtSmall, Ascii)
            .text(STUDY_DESCRIPTION, "T2 FLAIR 5mm")
            .text(IMAGE_COMMENTS, "Ax T1 3D 1.2mm 256x256, TR 2300 TE 2.98")
            .note("numbers_in_text"),
        Draft::new("text_numbers_dose", CtBrain, Ascii)
            .text(
                IMAGE_COMMENTS,
                "CTDIvol 12.4 mGy, DLP 540 mGy*cm, 64x0.625, pitch 0.984",
            )
            .note("numbers_in_text"),
        Draft::new("text_numbers_roi", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, "ROI 1: 45.2 HU; ROI 2: 38.1 HU; W 400 L 40")
            .note("numbers_in_text"),
        Draft::new("text_numbers_series", CtSmall, Ascii)
            .text(STUDY_DESCRIPTION, "Series 1001, 2002, 3003; 512x512")
            .note("numbers_in_text"),
        Draft::new("text_numbers_protocol_version", CtBrain, Ascii)
            .text(STUDY_DESCRIPTION, "Protocol v2.3.1 rev 7, 0.5 s rotation")
            .note("numbers_in_text"),
        Draft::new("text_clinical_history", CtBrain, Ascii)
            .text(
                ADDITIONAL_HISTORY,
                "Headache x3 days, no trauma. Follow up in 6 months.",
            )
            .note("numbers_in_text"),
        Draft::new("text_arabic_clinical", ChrRuss, Arabic)
            .text(ADDITIONAL_HISTORY, "لا توجد نتائج حادة"),
        Draft::new("text_numbers_and_saint", CtBrain, Ascii)
            .text(
                STUDY_DESCRIPTION,
                "CT 3 Phase Liver, see St Mary's protocol, Drive 2",
            )
            .note("numbers_in_text"),
        // The institution's street address: its own, not the patient's.
        Draft::new("text_institution_address", CtSmall, Ascii)
            .put(0x0008_0081, "ST", "12 Harbour Road, Zyxton ZX1 4AB")
            .leak("institution", "12 Harbour Road, Zyxton ZX1 4AB"),
        Draft::new("text_dr_staff_name", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, "Reported by Dr. Jaxtrom")
            .leak("staff_name", "Jaxtrom"),
        Draft::new("text_saudi_id_bad_checksum", CtSmall, Ascii)
            .text(PATIENT_COMMENTS, &format!("National ID {saudi_bad_1}"))
            .leak("national_id_bad_checksum", &saudi_bad_1),
        Draft::new("text_saudi_id_bad_checksum_arabic", ChrRuss, Arabic)
            .text(PATIENT_COMMENTS, &format!("رقم الهوية {saudi_bad_2}"))
            .leak("national_id_bad_checksum", &saudi_bad_2),
        Draft::new("text_ssn_area_000", CtBrain, Ascii)
            .text(ADDITIONAL_HISTORY, "SSN 000-12-3456")
            .leak("national_id_bad_checksum", "000-12-3456"),
        Draft::new("text_ssn_area_666", TestSr, Ascii)
            .text(PATIENT_COMMENTS, "SSN 666-45-1234")
            .leak("national_id_bad_checksum", "666-45-1234"),
        Draft::new("text_ssn_area_9xx_group_00", CtSmall, Ascii)
            .text(PATIENT_COMMENTS, "SSN 912-34-5678 / SSN 452-00-3308")
            .leak("national_id_bad_checksum", "912-34-5678")
            .leak("national_id_bad_checksum", "452-00-3308"),
        Draft::new("text_ssn_serial_0000", CtBrain, Ascii)
            .text(PATIENT_COMMENTS, "SSN 452-71-0000")
            .leak("national_id_bad_checksum", "452-71-0000"),
        Draft::new("text_nhs_number_bad_checksum", CtSmall, Ascii)
            .text(IMAGE_COMMENTS, &format!("NHS No {nhs_bad}"))
            .leak("national_id_bad_checksum", &nhs_bad),
        Draft::new("text_nhs_number_remainder_ten", TestSr, Ascii)
            .text(PATIENT_COMMENTS, &format!("NHS number: {nhs_no_check}"))
            .leak("national_id_bad_checksum", nhs_no_check),
        // Acquisition dates in DA attributes are dates of the study, kept from the carrier.
        Draft::new("text_acquisition_dates_kept", CtSmall, Ascii)
            .text(STUDY_DESCRIPTION, "CT CHEST 1.25 mm")
            .put(0x0008_0022, "DA", "20190304")
            .note("acquisition_dates"),
    ]
}

/// Patient names in each character set, and a control per set whose only non-ASCII text is
/// clinical.
fn charsets() -> Vec<Draft> {
    let named: [(&'static str, Carrier, Charset, &str); 20] = [
        ("charset_latin1_name", CtSmall, Latin1, "Müllerzyx^Jörg"),
        (
            "charset_latin1_accents",
            TestSr,
            Latin1,
            "Zyxwür^Agnès^Hélène",
        ),
        ("charset_latin1_spanish", CtBrain, Latin1, "Ñúñezyx^José"),
        ("charset_utf8_name", ChrX1, Utf8, "Zyxwer^Zoë"),
        ("charset_utf8_chinese", ChrX1, Utf8, "Zyxwer^Wei=赵^伟"),
        ("charset_utf8_arabic", ChrX1, Utf8, "قورفاث^ليلى"),
        ("charset_arabic_name", ChrRuss, Arabic, "زيكسور^أحمد"),
        ("charset_arabic_name_ct", CtSmall, Arabic, "برازيك^فاطمة"),
        (
            "charset_cyrillic_name",
            ChrRuss,
            Cyrillic,
            "Зыхвер^Иван^Петрович",
        ),
        (
            "charset_cyrillic_name_ct",
            CtSmall,
            Cyrillic,
            "Квазимова^Ольга",
        ),
        ("charset_greek_name", ChrRuss, Greek, "Ζυξβερ^Γιώργος"),
        ("charset_greek_name_sr", TestSr, Greek, "Βεξλουντ^Ελένη"),
        (
            "charset_jis_name",
            ChrH32,
            Jis,
            "Zyxwer^Taro=山田^太郎=やまだ^たろう",
        ),
        (
            "charset_jis_katakana_name",
            ChrH32,
            JisKatakana,
            "ｷﾘｼﾏ^ﾕｳｺ=霧島^優子=きりしま^ゆうこ",
        ),
        (
            "charset_korean_name",
            ChrH32,
            Korean,
            "Zyxwer^Minsu=金^敏秀=김^민수",
        ),
        (
            "charset_korean_name_ct",
            CtSmall,
            Korean,
            "Qorvath^Jiyeon=崔^智淵=최^지연",
        ),
        ("charset_gb18030_name", ChrX1, Gb18030, "Zyxwer^Lei=赵^磊"),
        // 誠 is 0xD5 0x5C in GB18030: its second byte is a backslash.
        (
            "charset_gb18030_backslash_byte",
            ChrX1,
            Gb18030,
            "Zyxwer^Cheng=赵^誠",
        ),
        ("charset_cyrillic_sr", TestSr, Cyrillic, "Дрекслова^Анна"),
        // 䶮 (U+4DAE) is outside GBK: four bytes in GB18030.
        (
            "charset_gb18030_four_byte",
            ChrX1,
            Gb18030,
            "Zyxwer^Yan=刘^䶮",
        ),
    ];
    let mut out: Vec<Draft> = named
        .into_iter()
        .enumerate()
        .map(|(k, (name, carrier, charset, pn))| {
            Draft::new(name, carrier, charset)
                .patient_name(pn)
                .patient_id(&format!("ZX-11002{k:02}"))
        })
        .collect();
    out.push(
        Draft::new("charset_jis_text", CtSmall, Jis)
            .text(IMAGE_COMMENTS, "患者 山田太郎 様 再検査")
            .leak("patient_name", "山田太郎"),
    );
    // Two lines: KS X 1001 is designated again after CR LF (PS3.5 6.1.2.5.3).
    out.push(
        Draft::new("charset_korean_two_lines", CtBrain, Korean)
            .text(
                ADDITIONAL_HISTORY,
                "환자 박서준\r\n주소 서울시 가상구 즈익스로 17",
            )
            .leak("patient_name", "박서준")
            .leak("address", "서울시 가상구 즈익스로 17"),
    );
    // Two values: `\` is split after decoding, each value returns to ASCII before it.
    out.push(
        Draft::new("charset_jis_other_names_two_values", ChrH32, Jis)
            .put(
                0x0010_1001,
                "PN",
                "Zyxwer^Hanae=霧島^花江\\Qorvath^Hanae=鈴木^花江",
            )
            .leak("patient_name", "Zyxwer^Hanae=霧島^花江")
            .leak("patient_name", "Qorvath^Hanae=鈴木^花江"),
    );
    out.push(
        Draft::new("charset_korean_text", CtSmall, Korean)
            .text(IMAGE_COMMENTS, "환자 김민수, 전화 010-4412-7788")
            .leak("patient_name", "김민수")
            .leak("phone", "010-4412-7788"),
    );
    let controls: [(&'static str, Carrier, Charset, &str); 8] = [
        (
            "charset_latin1_control",
            CtSmall,
            Latin1,
            "Épaule droite, coupes 2,5 mm",
        ),
        (
            "charset_utf8_control",
            ChrX1,
            Utf8,
            "Kopf-CT ohne Kontrastmittel – 5 mm",
        ),
        (
            "charset_arabic_control",
            ChrRuss,
            Arabic,
            "أشعة مقطعية للرأس",
        ),
        (
            "charset_cyrillic_control",
            ChrRuss,
            Cyrillic,
            "КТ головного мозга",
        ),
        (
            "charset_greek_control",
            ChrRuss,
            Greek,
            "ΑΞΟΝΙΚΗ ΤΟΜΟΓΡΑΦΙΑ ΕΓΚΕΦΑΛΟΥ",
        ),
        ("charset_jis_control", ChrH32, Jis, "頭部CT 単純"),
        (
            "charset_korean_control",
            ChrH32,
            Korean,
            "두부 CT 조영제 없음",
        ),
        ("charset_gb18030_control", ChrX1, Gb18030, "头部CT平扫"),
    ];
    out.extend(controls.into_iter().map(|(name, carrier, charset, text)| {
        Draft::new(name, carrier, charset).put(STUDY_DESCRIPTION, "LO", text)
    }));
    // Clinical free text with numbers in each set: no name, no ID, nothing to count.
    let text_controls: [(&'static str, Carrier, Charset, &str); 8] = [
        (
            "charset_latin1_text_control",
            TestSr,
            Latin1,
            "Hüfte links, Schichtdicke 3 mm, keine Fraktur",
        ),
        (
            "charset_utf8_text_control",
            CtBrain,
            Utf8,
            "لا توجد نتائج حادة، سماكة المقطع 5 مم",
        ),
        (
            "charset_arabic_text_control",
            CtSmall,
            Arabic,
            "صورة مقطعية للصدر بدون صبغة",
        ),
        (
            "charset_cyrillic_text_control",
            CtBrain,
            Cyrillic,
            "Без патологии, срезы 5 мм, 120 кВ",
        ),
        (
            "charset_greek_text_control",
            CtSmall,
            Greek,
            "Χωρίς ευρήματα, τομές 5 mm",
        ),
        (
            "charset_jis_text_control",
            CtBrain,
            Jis,
            "異常なし スライス厚 5mm",
        ),
        (
            "charset_korean_text_control",
            TestSr,
            Korean,
            "이상 소견 없음\r\n절편 두께 5 mm",
        ),
        (
            "charset_gb18030_text_control",
            CtSmall,
            Gb18030,
            "未见异常，层厚5mm",
        ),
    ];
    out.extend(
        text_controls
            .into_iter()
            .map(|(name, carrier, charset, text)| {
                Draft::new(name, carrier, charset)
                    .text(ADDITIONAL_HISTORY, text)
                    .note("numbers_in_text")
            }),
    );
    out
}

/// A hospital-like Source AE Title in the file meta group: an institution, not the patient.
fn meta() -> Vec<Draft> {
    vec![
        Draft::new("meta_source_ae_ct", CtSmall, Ascii).source_ae("STMARYS_CT01"),
        Draft::new("meta_source_ae_secondary", CtBrain, Ascii).source_ae("KFSH_RAD_PACS"),
        Draft::new("meta_source_ae_sc", ChrX1, Ascii).source_ae("ZYXTON_GEN_MR2"),
    ]
}

/// De-identification markers: claims that hold, and claims that do not.
fn deid_markers() -> Vec<Draft> {
    vec![
        // PS3.15 Basic Profile: names empty, IDs replaced, dates dummy.
        Draft::new("deid_basic_profile", CtSmall, Ascii)
            .claim_deid()
            .placeholders("", "SUBJ-0012")
            .dummy_dates()
            .note("pseudonym"),
        Draft::new("deid_basic_profile_dates_modified", CtBrain, Ascii)
            .claim_deid()
            .placeholders("", "SUBJ-0013")
            .put(0x0028_0303, "CS", "MODIFIED")
            .dummy_dates()
            .note("pseudonym"),
        // The option names of PS3.15 Table E.1-1 as de-identifiers write them, in the
        // method text and as codes: "Patient" there is no cue for a name.
        Draft::new("deid_with_retain_options", CtBrain, Ascii)
            .claim_deid()
            .placeholders("ANONYMOUS", "ef797c8118f02dfb")
            .put(
                0x0012_0063,
                "LO",
                "Basic Profile\\Retain Patient Characteristics\\Retain Device Identity",
            )
            .put_el(sequence(
                0x0012_0064,
                &[code(
                    "113108",
                    "DCM",
                    "Retain Patient Characteristics Option",
                )],
            ))
            .note("placeholder"),
        Draft::new("deid_subject_code_name", TestSr, Ascii)
            .claim_deid()
            .placeholders("SUBJ-0014", "SUBJ-0014")
            .note("pseudonym"),
        Draft::new("deid_claim_leaks_name", CtSmall, Ascii)
            .claim_deid()
            .patient_name("Zyxwer^Otto")
            .put(0x0010_0020, "LO", "SUBJ-0015"),
        Draft::new("deid_claim_leaks_id", TestSr, Ascii)
            .claim_deid()
            .put(0x0010_0010, "PN", "ANONYMOUS")
            .patient_id("ZX-9900112"),
        Draft::new("deid_claim_leaks_text", CtBrain, Ascii)
            .claim_deid()
            .placeholders("", "SUBJ-0016")
            .text(IMAGE_COMMENTS, "pt Fenwixx, ward 4")
            .leak("patient_name", "Fenwixx"),
    ]
}

/// Burned In Annotation and the kinds of images that often carry text.
fn burned_in_markers() -> Vec<Draft> {
    vec![
        Draft::new("burned_in_yes_clean", CtSmall, Ascii).burned_in_annotation("YES"),
        Draft::new("burned_in_yes_named", CtSmall, Ascii)
            .burned_in_annotation("YES")
            .patient_name("Drexlow^Anke"),
        Draft::new("burned_in_yes_secondary", CtBrain, Ascii).burned_in_annotation("YES"),
        Draft::new("burned_in_no_capture", ChrX1, Ascii).burned_in_annotation("NO"),
        Draft::new("burned_in_modality_us", ChrX1, Ascii).modality("US"),
        Draft::new("burned_in_screen_save", CtSmall, Ascii)
            .image_type("DERIVED\\SECONDARY\\SCREEN SAVE"),
        Draft::new("burned_in_modality_sc_with_id", CtSmall, Ascii)
            .modality("SC")
            .patient_id("ZX-5120334"),
    ]
}

/// Controls at the top level: placeholders, pseudonyms, phantoms, staff and institution.
fn controls() -> Vec<Draft> {
    vec![
        Draft::new("placeholder_anonymous", CtSmall, Ascii)
            .placeholders("ANONYMOUS", "ANON")
            .note("placeholder"),
        Draft::new("placeholder_trauma_alias", CtBrain, Ascii)
            .placeholders("Trauma^Alpha", "")
            .note("placeholder"),
        Draft::new("placeholder_cjk_subject_code", CtSmall, Gb18030)
            .placeholders("受试者S-012", "S-012")
            .note("pseudonym"),
        Draft::new("placeholder_caret_zeros", TestSr, Ascii)
            .placeholders("^", "000000")
            .note("placeholder"),
        Draft::new("placeholder_subject_code", ChrRuss, Ascii)
            .placeholders("SUBJ-0012", "SUBJ-0012")
            .note("pseudonym"),
        Draft::new("placeholder_hex_hash_id", CtSmall, Ascii)
            .placeholders("", "3f9a2c7d41e0b8a6d2c45e17")
            .note("pseudonym"),
        Draft::new("placeholder_uid_as_id", CtBrain, Ascii)
            .placeholders("ANON", "2.25.314159265358979323846264338327950288")
            .note("pseudonym"),
        Draft::new("placeholder_dummy_birth_1900", CtSmall, Ascii)
            .placeholders("ANON", "ANON")
            .put(0x0010_0030, "DA", "19000101")
            .note("placeholder"),
        Draft::new("placeholder_dummy_birth_0001", TestSr, Ascii)
            .placeholders("ANONYMOUS", "SUBJ-0099")
            .put(0x0010_0030, "DA", "00010101")
            .note("placeholder"),
        Draft::new("placeholder_removed", ChrX1, Ascii)
            .placeholders("REMOVED", "XXXXXXXX")
            .note("placeholder"),
        Draft::new("placeholder_anonymized_word", CtBrain, Ascii)
            .placeholders("Anonymized", "ANON-0001")
            .note("placeholder"),
        Draft::new("placeholder_numbered_dummy", CtSmall, Ascii)
            .placeholders("DeID^Patient001", "SIN-ID")
            .note("pseudonym"),
        Draft::new("placeholder_not_available", CtBrain, Ascii)
            .placeholders("Participant^P-114", "NON DISPONIBILE")
            .note("pseudonym"),
        Draft::new("pseudonym_trial_subject_id", CtSmall, Ascii)
            .placeholders("ANONYMOUS", "017-0042")
            .put(0x0012_0040, "LO", "017-0042")
            .note("pseudonym"),
        Draft::new("phantom_flood_source", TestSr, Ascii)
            .placeholders("Flood^Tc99m", "FLOODTC")
            .note("phantom"),
        Draft::new("pseudonym_coded_name", CtSmall, Ascii)
            .placeholders("PSEUDO^0042", "PSN-7F3E9A")
            .note("pseudonym"),
        Draft::new("pseudonym_project_and_subject_codes", TestSr, Ascii)
            .placeholders("STUDY01^SUBJ017", "STUDY01-017")
            .note("pseudonym"),
        // A QA phantom named without Quality Control Subject.
        Draft::new("phantom_named_without_flag", CtBrain, Ascii)
            .placeholders("MAGPHAN^SMR170", "MAGPHAN")
            .note("phantom"),
        // Clinical Trial Subject module (PS3.3 C.7.1.3).
        Draft::new("pseudonym_clinical_trial", CtBrain, Ascii)
            .placeholders("STUDY7-017", "STUDY7-017")
            .put(0x0012_0010, "LO", "ZYX PHARMA")
            .put(0x0012_0020, "LO", "ZYX-ONC-07")
            .put(0x0012_0040, "LO", "017")
            .note("pseudonym"),
        Draft::new("pseudonym_hash_name", TestSr, Ascii)
            .placeholders("a41f09c2^", "a41f09c2")
            .note("pseudonym"),
        // Phantoms: Quality Control Subject YES (PS3.3 C.7.1.1) says no person is imaged.
        Draft::new("phantom_water", CtSmall, Ascii)
            .placeholders("PHANTOM^WATER", "QA-WATER-01")
            .put(0x0010_0200, "CS", "YES")
            .note("phantom"),
        Draft::new("phantom_catphan", CtBrain, Ascii)
            .placeholders("CATPHAN^600", "CATPHAN600")
            .put(0x0010_0200, "CS", "YES")
            .note("phantom"),
        Draft::new("phantom_without_flag", CtSmall, Ascii)
            .placeholders("ACR^PHANTOM", "ACRPHANTOM")
            .note("phantom"),
        // Staff and institution: findings, but not the patient's.
        Draft::new("staff_and_institution", CtSmall, Ascii)
            .put(0x0008_0080, "LO", "Zyxton General Hospital")
            .put(0x0008_0081, "ST", "1 Hospital Way, Zyxton")
            .put(0x0008_0090, "PN", "Qwexor^Bernd^^Dr.")
            .put(0x0008_1050, "PN", "Plomqvist^Eva")
            .put(0x0008_1070, "PN", "Jaxtrom^Tom")
            .leak("institution", "Zyxton General Hospital")
            .leak("institution", "1 Hospital Way, Zyxton")
            .leak("staff_name", "Qwexor^Bernd^^Dr.")
            .leak("staff_name", "Plomqvist^Eva")
            .leak("staff_name", "Jaxtrom^Tom"),
        Draft::new("staff_reading_and_requesting", CtBrain, Ascii)
            .put(0x0008_1048, "PN", "Nebbelstadt^Ruth")
            .put(0x0008_1060, "PN", "Qwexor^Bernd")
            .put(0x0032_1032, "PN", "Plomqvist^Eva")
            .leak("staff_name", "Nebbelstadt^Ruth")
            .leak("staff_name", "Qwexor^Bernd")
            .leak("staff_name", "Plomqvist^Eva"),
        Draft::new("institution_only", TestSr, Ascii)
            .put(0x0008_0080, "LO", "King Zyx Specialist Hospital")
            .put(0x0008_1010, "SH", "ZXCT01")
            .put(0x0008_1040, "LO", "RADIOLOGY")
            .leak("institution", "King Zyx Specialist Hospital")
            .leak("institution", "ZXCT01"),
        Draft::new("empty_patient_module", CtSmall, Ascii),
        Draft::new("empty_patient_module_sc", ChrH32, Ascii),
        // Subject codes of public research collections: each collection's own form.
        Draft::new("pseudonym_tcga_barcode", CtSmall, Ascii)
            .placeholders("TCGA-ZZ-A1B2", "TCGA-ZZ-A1B2")
            .note("pseudonym"),
        Draft::new("pseudonym_adni_subject", CtBrain, Ascii)
            .placeholders("941_S_1311", "941_S_1311")
            .note("pseudonym"),
        Draft::new("pseudonym_brats_case", TestSr, Ascii)
            .placeholders("BraTS2021_00495", "BraTS2021_00495")
            .note("pseudonym"),
        Draft::new("pseudonym_numbered_subject_name", CtSmall, Ascii)
            .placeholders("Subject 12", "SUBJ-0012")
            .note("pseudonym"),
        Draft::new("pseudonym_hex_name_component", ChrX1, Ascii)
            .placeholders("Pseudo^7F3A9C", "PSN-7F3A9C")
            .note("pseudonym"),
        // Orthanc's anonymized name and grouped SHA-1 ID, and a BIDS subject label.
        Draft::new("pseudonym_orthanc_style", CtSmall, Ascii)
            .placeholders(
                "Anonymized1",
                "f0a7c3b1-8e2d4c55-a9b06e13-27d4f8c0-b5e1932a",
            )
            .note("pseudonym"),
        Draft::new("pseudonym_bids_label", CtBrain, Ascii)
            .placeholders("sub-ZH07^ses-02", "sub-ZH07")
            .note("pseudonym"),
        // A department's mailbox in a comment is the institution's, not the patient's.
        Draft::new("department_mailbox_in_comments", TestSr, Ascii)
            .placeholders("ANONYMOUS", "ANON")
            .put(
                0x0020_4000,
                "LT",
                "Questions: radiology.reading@zyx-hospital.test. Pt Complains Of Pain.",
            )
            .leak("institution", "radiology.reading@zyx-hospital.test"),
        // Placeholders with a sex beside them, or in another language.
        Draft::new("placeholder_with_sex", CtBrain, Ascii)
            .placeholders("Anonymous Male", "ANON-M")
            .note("placeholder"),
        Draft::new("placeholder_no_id", CtSmall, Ascii)
            .placeholders("NO NAME", "NOID")
            .note("placeholder"),
        Draft::new("placeholder_french", CtSmall, Latin1)
            .placeholders("ANONYMISÉ", "ANONYMISÉ")
            .note("placeholder"),
        Draft::new("placeholder_russian", ChrRuss, Cyrillic)
            .placeholders("Аноним", "АНОНИМ")
            .note("placeholder"),
        // A phantom named as one, without Quality Control Subject: its ID is the object's.
        Draft::new("phantom_named_short_id", CtSmall, Ascii)
            .placeholders("WATER PHANTOM 20CM", "PH20")
            .note("phantom"),
        Draft::new("phantom_maker_name", CtBrain, Ascii)
            .placeholders("Gammex^467", "GAMMEX467")
            .note("phantom"),
        // Cue words before ordinary words of a technologist's note are not names.
        Draft::new("cue_words_before_ordinary_words", CtSmall, Ascii)
            .placeholders("ANONYMOUS", "ANON")
            .put(
                0x0020_4000,
                "LT",
                "Patient cooperative. Pt stable, Ms Gradient Echo 3D repeated. \
                 Patient Positioning: Head First-Supine.",
            )
            .note("placeholder"),
        Draft::new("chinese_patient_cue_before_verb", ChrH32, Gb18030)
            .placeholders("ANONYMOUS", "ANON")
            .put(0x0020_4000, "LT", "患者配合良好，无运动伪影")
            .note("placeholder"),
    ]
}

/// One line per file, for a human reading test output: name and truth without the values.
pub fn describe(file: &SynthFile) -> String {
    let mut s = String::new();
    let row = truth_row(file);
    for (column, value) in TRUTH_COLUMNS.iter().zip(row) {
        let _ = write!(s, "{column}={value} ");
    }
    s.trim_end().to_owned()
}

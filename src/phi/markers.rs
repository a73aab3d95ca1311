//! De-identification and burned-in-text markers of a header (PS3.3 C.7.1.1, C.7.6.1,
//! C.8.6.2; PS3.15 E.1): what a file claims about itself, read before grading it. A phantom
//! is told by Quality Control Subject, or by a Patient's Name that names a test object
//! ([`is_phantom_name`]).

use crate::reader::{Header, Tag};

/// Patient Identity Removed (PS3.3 C.7.1.1).
pub const PATIENT_IDENTITY_REMOVED: Tag = Tag::new(0x0012, 0x0062);
/// De-identification Method.
pub const DEIDENTIFICATION_METHOD: Tag = Tag::new(0x0012, 0x0063);
/// De-identification Method Code Sequence.
pub const DEIDENTIFICATION_METHOD_CODES: Tag = Tag::new(0x0012, 0x0064);
/// Longitudinal Temporal Information Modified (PS3.3 C.7.1.1).
pub const LONGITUDINAL_TEMPORAL_MODIFIED: Tag = Tag::new(0x0028, 0x0303);
/// Quality Control Subject (PS3.3 C.7.1.1): a phantom, not a patient.
pub const QUALITY_CONTROL_SUBJECT: Tag = Tag::new(0x0010, 0x0200);
/// Patient Species Description (0010,2201), of the Patient module's non-human organism
/// attributes (PS3.3 C.7.1.1).
pub const PATIENT_SPECIES_DESCRIPTION: Tag = Tag::new(0x0010, 0x2201);
/// Burned In Annotation (PS3.3 C.7.6.1.1.7 / C.8.6.2).
pub const BURNED_IN_ANNOTATION: Tag = Tag::new(0x0028, 0x0301);
/// Recognizable Visual Features.
pub const RECOGNIZABLE_VISUAL_FEATURES: Tag = Tag::new(0x0028, 0x0302);
/// Image Type.
pub const IMAGE_TYPE: Tag = Tag::new(0x0008, 0x0008);
/// Conversion Type (SC Equipment Module).
pub const CONVERSION_TYPE: Tag = Tag::new(0x0008, 0x0064);
/// Modality.
pub const MODALITY: Tag = Tag::new(0x0008, 0x0060);
/// Manufacturer's Model Name.
pub const MODEL_NAME: Tag = Tag::new(0x0008, 0x1090);

/// How likely the pixels carry text (names, dates) the header reading cannot see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BurnedInRisk {
    /// Nothing suggests burned-in text.
    None,
    /// The kind of image often has it (ultrasound, screen captures, secondary captures).
    Possible,
    /// The file says it has it (Burned In Annotation YES).
    Likely,
}

impl BurnedInRisk {
    /// Output name.
    pub fn as_str(self) -> &'static str {
        match self {
            BurnedInRisk::None => "none",
            BurnedInRisk::Possible => "possible",
            BurnedInRisk::Likely => "likely",
        }
    }
}

/// What a header says about its own de-identification and pixels.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Markers {
    /// Patient Identity Removed is YES, or a de-identification method is given.
    pub deid_claimed: bool,
    /// The De-identification Method names a tool that replaces IDs with decimal hashes
    /// (RSNA's Clinical Trial Processor, `CTP Default: based on DICOM PS3.15 AnnexE`,
    /// whose `@hash` writes a number).
    pub deid_hashes_ids: bool,
    /// Longitudinal Temporal Information Modified is MODIFIED or REMOVED.
    pub dates_modified: bool,
    /// Quality Control Subject is YES, or the name names a test object, or the species is
    /// an animal's: no person.
    pub phantom: bool,
    /// Burned-in text risk from header rules.
    pub burned_in: Option<BurnedInRisk>,
}

/// Models known to burn patient data into their images (ultrasound and capture devices),
/// after the header rules of CTP's DicomPixelAnonymizer and pydicom/deid's `deid.dicom`
/// filters. Matched as upper-case prefixes of Manufacturer's Model Name.
const BURNING_MODELS: &[&str] = &[
    "LOGIQ", "VIVID", "VOLUSON", "ACUSON", "IU22", "EPIQ", "AFFINITI", "HD11", "SONOSITE",
    "M-TURBO", "S-NERVE", "APLIO", "XARIO", "ARIETTA", "SSD-", "PROSOUND", "LOGIQE",
];

/// Test objects, their makers and the QA words that name one alone: a Patient's Name with
/// any of these words (`GE QA^PHANTOM`, `Gammex^467`, `Dummy^Patient`) is about an object.
/// None is a name people bear.
const TEST_OBJECT_WORDS: &[&str] = &[
    // An anthropomorphic phantom (`Anthropomorphic^Head`).
    "ANTHROPOMORPHIC",
    "CALIB",
    "CALIBRATION",
    "CATPHAN",
    // Contrast-detail test objects of mammography and radiography (CDMAM, Leeds TOR CDR).
    "CDMAM",
    "CDR",
    "CIRS",
    // The CT dose index phantoms (IEC 60601-2-44): `CTDI^HEAD^16CM`.
    "CTDI",
    "DAILYQA",
    "DAILYQC",
    // Daily QA (a scanner's daily check).
    "DQA",
    "DUMMY",
    "EUROSPIN",
    "GAMMEX",
    "JASZCZAK",
    "KAGAKU",
    "MAGPHAN",
    "QA",
    "QC",
    "QUASAR",
    // The SMPTE test pattern (RP 133) of display checks.
    "SMPTE",
    "TESTPATTERN",
    "UNIFORMITY",
    // German: constancy and acceptance tests, test object (ASCII spellings).
    "KONSTANZPRUEFUNG",
    "KONSTANZPRUFUNG",
    "ABNAHMEPRUEFUNG",
    "PRUEFKOERPER",
    "QS",
];

/// Words of quality control that could be a surname (`FLOOD`, `SERVICE`, `TEST`): an object
/// only beside another word of these lists (`FLOOD^UNIFORMITY`, `SERVICE^GE`,
/// `TEST, DO NOT USE`), never alone or beside a given name (`Flood^Mary`).
const QA_WORDS: &[&str] = &[
    "ACCEPTANCE",
    "ACR",
    "AIR",
    // The Alderson Rando anthropomorphic phantom (`ALDERSON^RANDO`): both are surnames
    // too, so only together.
    "ALDERSON",
    "BODY",
    "COIL",
    "CONSTANCY",
    "CONTROL",
    "DAILY",
    "DEMO",
    "ENGINEER",
    "ENGINEERING",
    "FLOOD",
    "IEC",
    "MONTHLY",
    "NEMA",
    "PATTERN",
    "QUALITY",
    "RANDO",
    // The Shepp-Logan head phantom of reconstruction tests: surnames too, so only
    // together.
    "SHEPP",
    "LOGAN",
    "SERVICE",
    "SPHERE",
    "TEST",
    "TESTING",
    "TESTPATIENT",
    "TRAINING",
    "UNIFORM",
    "UPGRADE",
    "WATER",
    "WEEKLY",
    // The cylinder a PET or SPECT uniformity test fills (`Ge-68 Zylinder`), and water in
    // German, French, Spanish and Italian.
    "CYLINDER",
    "ZYLINDER",
    "CYLINDRE",
    "CILINDRO",
    "WASSER",
    "EAU",
    "AGUA",
    "ACQUA",
];

/// Makers and model lines of test objects whose names are also places or names (Leeds Test
/// Objects' TOR series, Kyoto Kagaku's PBU): an object when a model number follows
/// (`Leeds TOR 18FG`, `PBU-60`).
/// Hoffman's 3-D brain phantom is named after its designer (`Hoffman 3D Brain`).
const TEST_OBJECT_MAKERS: &[&str] = &["HOFFMAN", "KYOTO", "LEEDS", "PBU", "PTW", "RMI", "TOR"];

/// Words that complete a QA name without naming anything (`TEST^PATIENT`, `DO NOT USE`,
/// `SERVICE^GE`, `ZZQA^ULTRASOUND`, `Hoffman 3D Brain`): scanner makers, modalities,
/// the parts a phantom stands for, and the words around a test patient.
const QA_FILLERS: &[&str] = &[
    "AGFA",
    "BRAIN",
    "CANON",
    "CARESTREAM",
    "CHECK",
    "DO",
    // A field service engineer's test patient (`SERVICE^FIELDENG`, `TEST^FSE`).
    "FE",
    "FIELD",
    "FIELDENG",
    "FOR",
    "FSE",
    "FUJIFILM",
    "GE",
    "GEHC",
    "HEAD",
    "HITACHI",
    "HOLOGIC",
    // The mammography accreditation phantom (`ACR Mammo 156`).
    "MAMMO",
    "NOT",
    "OBJECT",
    "ONLY",
    "PACS",
    "PATIENT",
    "PHILIPS",
    "READ",
    "REPORT",
    "SHIMADZU",
    "SIEMENS",
    "TECH",
    "TOSHIBA",
    "ULTRASOUND",
    "USE",
];

/// Whether a Patient Species Description (upper-cased) names an animal: any species but
/// ours, in Latin or in the languages of the text detectors.
fn is_non_human_species(upper: &str) -> bool {
    const HUMAN: &[&str] = &["HOMO", "HUMAN", "HUMAIN", "HUMANO", "UMANO", "MENSCH"];
    let species = upper.trim();
    !species.is_empty()
        && species.chars().any(char::is_alphabetic)
        && !HUMAN.iter().any(|h| species.contains(h))
}

/// Whether `word` is one of the quality-control words that could also be a surname.
pub fn is_qa_word(word: &str) -> bool {
    QA_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether a patient name names a phantom or test object, not a person: `ACR^PHANTOM`,
/// `WATER PHANTOM 20CM`, `Magphan SMR170`, `Leeds TOR 18FG`, `FLOOD^UNIFORMITY`,
/// `SERVICE^GE`, `TEST, DO NOT USE`. The file is then about that object, as with Quality
/// Control Subject YES (which these files often lack), and its Patient ID is the object's
/// label. A name with any word outside the lists (`Flood^Mary`, `Test^Mary`) is a person's.
///
/// PACS sort test patients last with a `ZZ` prefix: a listed word behind one (`ZZQA`,
/// `ZZTEST`) counts as that word. Other `ZZ` words (`ZZFENWICKE`) are surnames kept apart
/// the same way, and stay unlisted.
pub fn is_phantom_name(value: &str) -> bool {
    if value
        .as_bytes()
        .windows(7)
        .any(|w| w.eq_ignore_ascii_case(b"PHANTOM"))
    {
        return true;
    }
    // Phantom in other languages: Dutch, Polish, Czech, Scandinavian `fantom`, French
    // `fantôme`, Russian `фантом`, Greek `ομοίωμα`, Chinese 模体 / 体模, Japanese ファントム,
    // Korean 팬텀.
    // Every value is classified: ASCII ones (the most) are searched in place, the others
    // upper-cased once.
    if value
        .as_bytes()
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"FANTOM"))
    {
        return true;
    }
    if !value.is_ascii() {
        let upper = value.to_uppercase();
        const WORDS: &[&str] = &[
            "FANTÔME",
            "ФАНТОМ",
            "ΟΜΟΊΩΜΑ",
            "ΟΜΟΙΩΜΑ",
            "模体",
            "体模",
            "ファントム",
            "팬텀",
            // German constancy and acceptance tests and test objects.
            "KONSTANZPRÜFUNG",
            "ABNAHMEPRÜFUNG",
            "PRÜFKÖRPER",
        ];
        if WORDS.iter().any(|w| upper.contains(w)) {
            return true;
        }
    }
    let listed = |list: &[&str], word: &str| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    let (mut qa, mut fillers, mut makers, mut models) = (0, 0, 0, 0);
    let mut unlisted = false;
    let separator = |c: char| matches!(c, '^' | '=' | ',' | ';' | '-' | '_') || c.is_whitespace();
    // A radionuclide's hyphen stays in it (`Ge-68`, `Co-57`), as the isotope test reads it.
    let joined = join_isotope_hyphens(value);
    for word in joined.split(separator).filter(|w| !w.is_empty()) {
        let word = without_sort_prefix(word);
        if listed(TEST_OBJECT_WORDS, word) {
            return true;
        } else if is_qa_word(word) {
            qa += 1;
        } else if listed(TEST_OBJECT_MAKERS, word) {
            makers += 1;
        } else if listed(QA_FILLERS, word)
            || is_isotope(word)
            || is_size(word)
            || is_sorting_letters(word)
        {
            fillers += 1;
        } else if is_model_number(word) {
            models += 1;
        } else {
            unlisted = true;
        }
    }
    // A model number beside a QA word is not enough: research codes are made of such
    // words (`BraTS20_Training_001`).
    !unlisted && ((qa > 0 && qa + fillers >= 2) || (makers > 0 && models > 0))
}

/// `value` with each hyphen between a letter and a digit taken out (`Ge-68` to `Ge68`).
fn join_isotope_hyphens(value: &str) -> std::borrow::Cow<'_, str> {
    let b = value.as_bytes();
    // An element's symbol is one or two letters (`Ge-68`, not a model's `PBU-50`).
    let joins = |i: usize| {
        let letters = b[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        b[i] == b'-' && (1..=2).contains(&letters) && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    };
    if !(0..b.len()).any(joins) {
        return std::borrow::Cow::Borrowed(value);
    }
    let kept: Vec<u8> = (0..b.len()).filter(|&i| !joins(i)).map(|i| b[i]).collect();
    // Only ASCII hyphens were taken out: the rest is still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(kept).unwrap_or_else(|_| value.to_owned()))
}

/// A radionuclide of nuclear medicine QA (`Tc99m`, `Co-57`, `99mTc`, `I131`): a flood
/// source or a uniformity phantom is named after the one it holds.
fn is_isotope(word: &str) -> bool {
    const ELEMENTS: &[&str] = &[
        "am", "ba", "co", "cs", "f", "ga", "ge", "i", "in", "lu", "na", "tc", "tl", "xe", "y",
    ];
    let w = word.to_ascii_lowercase().replace('-', "");
    let w = w.as_str();
    fn split(s: &str) -> (&str, &str) {
        let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
        s.split_at(letters)
    }
    let mass = |s: &str| {
        let s = s.strip_suffix('m').unwrap_or(s);
        (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    // Element first (`tc99m`), or mass first (`99mtc`).
    let (element, rest) = split(w);
    if ELEMENTS.contains(&element) && mass(rest) {
        return true;
    }
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = w.split_at(digits);
    let (number, element) = match rest.strip_prefix('m') {
        Some(element) => (number, element),
        None => (number, rest),
    };
    !number.is_empty() && number.len() <= 3 && ELEMENTS.contains(&element)
}

/// The word behind a `ZZ` prefix (`ZZQA` -> `QA`), or the word itself.
fn without_sort_prefix(word: &str) -> &str {
    let rest = word.trim_start_matches(['Z', 'z']);
    if word.len() - rest.len() >= 2 && !rest.is_empty() {
        rest
    } else {
        word
    }
}

/// A model number or size of a test object: ASCII letters and digits with a digit (`18FG`,
/// `SMR170`, `467`, `20CM`).
/// A phantom's size (`20cm`, `16CM`, `200mm`, `5L`): a number and a unit of length or
/// volume.
fn is_size(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let unit = word[digits..].to_ascii_lowercase();
    digits > 0 && matches!(unit.as_str(), "cm" | "mm" | "l" | "ml" | "in")
}

/// A run of one letter that sorts a name first or last in a worklist (`AAA^TEST`, `ZZZ`).
fn is_sorting_letters(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3 && b.iter().all(|c| c.eq_ignore_ascii_case(&b[0])) && b[0].is_ascii_alphabetic()
}

fn is_model_number(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
        && word.bytes().any(|b| b.is_ascii_digit())
}

/// Reads the markers from the top level of the data set.
pub fn read_markers(header: &Header<'_>) -> Markers {
    let mut m = Markers::default();
    let mut modality = String::new();
    let mut burned: Option<String> = None;
    let mut image_type = String::new();
    let mut conversion = String::new();
    let mut model = String::new();
    let mut visual = String::new();
    for i in header.top_level() {
        let e = &header.elements[i];
        let text = || header.strings(e).join("\\").to_ascii_uppercase();
        match e.tag {
            PATIENT_IDENTITY_REMOVED => m.deid_claimed |= text() == "YES",
            DEIDENTIFICATION_METHOD | DEIDENTIFICATION_METHOD_CODES => {
                m.deid_claimed |= e.value_len > 0;
                if e.tag == DEIDENTIFICATION_METHOD {
                    let method = text();
                    m.deid_hashes_ids |= method
                        .split(|c: char| !c.is_ascii_alphanumeric())
                        .any(|w| w == "CTP")
                        || method.contains("CLINICAL TRIAL PROCESSOR");
                }
            }
            LONGITUDINAL_TEMPORAL_MODIFIED => {
                m.dates_modified = matches!(text().as_str(), "MODIFIED" | "REMOVED");
            }
            QUALITY_CONTROL_SUBJECT => m.phantom |= text() == "YES",
            // An animal (`Rattus norvegicus`, `Mus musculus`): no person to identify.
            PATIENT_SPECIES_DESCRIPTION => m.phantom |= is_non_human_species(&text()),
            BURNED_IN_ANNOTATION => burned = Some(text()),
            RECOGNIZABLE_VISUAL_FEATURES => visual = text(),
            IMAGE_TYPE => image_type = text(),
            CONVERSION_TYPE => conversion = text(),
            MODALITY => modality = text(),
            MODEL_NAME => model = text(),
            _ => {}
        }
    }
    m.burned_in = Some(burned_in_risk(
        burned.as_deref(),
        &modality,
        &image_type,
        &conversion,
        &model,
        &visual,
    ));
    m
}

/// The header rules for burned-in text: an explicit YES is likely; an explicit NO is
/// trusted; otherwise the kinds of images that often carry text are possible.
fn burned_in_risk(
    burned: Option<&str>,
    modality: &str,
    image_type: &str,
    conversion: &str,
    model: &str,
    visual: &str,
) -> BurnedInRisk {
    match burned {
        Some("YES") => return BurnedInRisk::Likely,
        Some("NO") => return BurnedInRisk::None,
        _ => {}
    }
    let capture_type = image_type.split('\\').any(|v| {
        matches!(
            v,
            "SECONDARY" | "SCREEN SAVE" | "SCREENSHOT" | "CAPTURE" | "SCREEN"
        )
    });
    // Conversion Type (PS3.3 C.8.6.1): WSD workstation, SD scanned document, SI scanned
    // image, DRW drawing: all made from something a person could read.
    let captured = matches!(conversion, "WSD" | "SD" | "SI" | "DRW" | "SYN");
    let modality_risky = matches!(modality, "US" | "SC" | "OT" | "XA" | "ES" | "XC" | "DOC");
    let known_model = BURNING_MODELS.iter().any(|p| model.starts_with(p));
    if capture_type || captured || modality_risky || known_model || visual == "YES" {
        BurnedInRisk::Possible
    } else {
        BurnedInRisk::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_objects_and_their_makers_models_name_a_phantom() {
        for value in [
            "ACR^PHANTOM",
            "Magphan SMR170",
            "Catphan^604",
            "CIRS 062M",
            "Jaszczak^Deluxe",
            "NEMA IEC BODY",
            "Kyoto Kagaku PBU-60",
            "PBU-50",
            "Leeds TOR 18FG",
            "TOR 18FG",
            "Dummy^Patient",
            "FLOOD^UNIFORMITY",
            "Flood^Service^Co57",
            "Flood^Tc99m",
            "Фантом^Вода",
            "Fantom wodny",
            "FLOOD 99mTc",
            "FLOOD^I131",
            "SERVICE^GE",
            "Siemens^Service",
            "TEST, DO NOT USE",
            "TEST^PATIENT",
            "Daily-QA",
            "QUALITY CONTROL",
            "daily water^20cm",
            "Hoffman 3D Brain",
            "HOFFMAN^PHANTOM",
            "CTDI^HEAD^16CM",
            "CTDI 32",
            "TEST^TECH^TRAINING",
            "TESTPATIENT^PACS^UPGRADE",
            "Test Patient, Do Not Read",
            "ZZQA^ULTRASOUND",
            "ZZQA",
            "ZZTEST^PATIENT",
            "Ge-68 Zylinder",
            "Konstanzprüfung^CT",
            "KONSTANZPRUEFUNG",
        ] {
            assert!(is_phantom_name(value), "{value:?}");
        }
    }

    #[test]
    fn people_whose_names_are_qa_words_are_not_phantoms() {
        for value in [
            "Flood^Mary",
            "Service^Alan^J",
            "Leeds^Tor",
            "Test^Mary",
            "TEST",
            "FLOOD",
            "Philips^Tor",
            "Water^Anne",
            "Body^Emma",
            "Torres^Ana",
            "Siemens 3T",
            "Flood^7",
            "Flood^Tina",
            "Coco^Flood",
            "BraTS20_Training_001",
            "TEST_0042",
            "Hoffman^Anna",
            "HOFFMAN^BRAIN",
            "Training^Ruth",
            "Read^Tom",
            "ZZFENWICKE^ODILE^M",
            "ZZTESTSON^ANNA",
            "ZZTEST^ALIAS1",
            "",
        ] {
            assert!(!is_phantom_name(value), "{value:?}");
        }
    }

    #[test]
    fn explicit_burned_in_annotation_decides() {
        assert_eq!(
            burned_in_risk(Some("YES"), "CT", "", "", "", ""),
            BurnedInRisk::Likely
        );
        assert_eq!(
            burned_in_risk(Some("NO"), "US", "", "", "", ""),
            BurnedInRisk::None
        );
    }

    #[test]
    fn captures_and_ultrasound_are_possible() {
        assert_eq!(
            burned_in_risk(None, "US", "", "", "", ""),
            BurnedInRisk::Possible
        );
        assert_eq!(
            burned_in_risk(None, "CT", "DERIVED\\SECONDARY", "", "", ""),
            BurnedInRisk::Possible
        );
        assert_eq!(
            burned_in_risk(None, "OT", "", "WSD", "", ""),
            BurnedInRisk::Possible
        );
        assert_eq!(
            burned_in_risk(None, "MR", "", "", "LOGIQ E9", ""),
            BurnedInRisk::Possible
        );
        assert_eq!(
            burned_in_risk(None, "CT", "ORIGINAL\\PRIMARY\\AXIAL", "", "", ""),
            BurnedInRisk::None
        );
    }
}

//! Elements -> findings: every identifier a header leaks, at any depth, in any character
//! set, and a grade for the file. Values never leave this module in clear: a finding holds
//! the attribute path, what kind of identifier it is, the state and shape of the value, and
//! a keyed pseudonym of it.
//!
//! Where it looks: every element of the file meta group and the data set, nested sequences
//! (Original/Modified Attributes audit copies, Request Attributes, SR content trees,
//! DICOMDIR records) and private blocks. How it classifies: by the PS3.15 Table E.1-1
//! attribute table and our category mapping ([`attributes`], generated), by VR (any PN is
//! a person name, DA/DT a date), and by content for text values ([`detect`]).
//! [`placeholder`] decides whether a value is real-looking before anything counts.

pub mod attributes;
pub mod category;
pub mod detect;
pub mod grade;
pub mod markers;
mod memo;
mod name_lexicon;
pub mod placeholder;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::OnceLock;

use crate::keys::{KeyDomain, Keyer};
use crate::reader::charset::DecodedText;
use crate::reader::{ElementKind, Header, Tag, Vr};
use attributes::{ATTRIBUTES, AttributeRule, SAFE_PRIVATE};
use category::{Category, Detector, Subject, ValueState};
use detect::TextHit;
use grade::Grade;

/// One identifier found in a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Attribute path, e.g. `(0400,0561)[0]/(0400,0550)[0]/(0010,0010)`.
    pub path: String,
    /// The element's tag.
    pub tag: Tag,
    /// Its keyword, when the standard names it.
    pub keyword: &'static str,
    /// Its VR.
    pub vr: Vr,
    /// Leak category.
    pub category: Category,
    /// How it was found.
    pub detector: Detector,
    /// What the detector matched (`attribute`, `date`, `phone`, `saudi_id`, ...).
    pub kind: &'static str,
    /// State of the value.
    pub state: ValueState,
    /// Confidence that this is what the category says, 0-1.
    pub confidence: f32,
    /// Value-free shape (`digits:10`, `PN:2:arabic`).
    pub shape: String,
    /// Keyed pseudonym of the value, for identifying categories.
    pub value_key: Option<String>,
    /// HIPAA Safe Harbor letter, when about the patient.
    pub hipaa: Option<char>,
    /// Whose information it is.
    pub subject: Subject,
    /// Counts as a direct identifier of the patient when it leaks.
    pub direct: bool,
    /// Private creator of a private element.
    pub private_creator: Option<String>,
    /// The private element is in the standard's safe private list (E.3.10-1).
    pub safe_private: bool,
    /// The value in clear: only when the scan was asked to reveal values.
    pub value: Option<String>,
}

/// What scoring found in one file.
#[derive(Clone, Debug)]
pub struct Assessment {
    /// Every finding.
    pub findings: Vec<Finding>,
    /// The file's grade.
    pub grade: Grade,
    /// Keyed pairs of tokens of this file's patient names (family with given name, in
    /// either order), for the run-wide look.
    pub name_pairs: Vec<u64>,
    /// Keyed pairs of neighbouring capitalized words in this file's free text (not its own
    /// patient's names), with the index in [`Assessment::text_elements`] of the element
    /// that holds them: a run-wide look matches them against other files' name pairs.
    /// Pairs, not single words, so that a patient called White does not turn every "White
    /// matter" into a name.
    pub text_pairs: Vec<TextPair>,
    /// The elements [`Assessment::text_pairs`] came from.
    pub text_elements: Vec<TextElement>,
}

/// A keyed pair of neighbouring words of free text, for the run-wide look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextPair {
    /// The keyed pair ([`name_pair`] of the two words' tokens).
    pub key: u64,
    /// Index of the element in [`Assessment::text_elements`].
    pub element: u16,
    /// Byte range of the two words in the element's text.
    pub span: (u32, u32),
}

/// An element of free text that gave [`TextPair`]s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextElement {
    /// The element's tag.
    pub tag: Tag,
    /// Its value representation.
    pub vr: Vr,
    /// Its attribute path.
    pub path: String,
    /// Its decoded text, kept only when the scan reveals values.
    pub text: Option<String>,
}

/// Modified Attributes Sequence (0400,0550): the old values of attributes a later step
/// changed, inside Original Attributes Sequence (0400,0561) (PS3.3 C.12.1.1.9).
const MODIFIED_ATTRIBUTES_SEQUENCE: Tag = Tag::new(0x0400, 0x0550);

/// Clinical Trial Subject ID (0012,0040).
const CLINICAL_TRIAL_SUBJECT_ID: Tag = Tag::new(0x0012, 0x0040);

/// Concept Name Code Sequence (0040,A043) of an SR content item, and Code Value
/// (0008,0100) inside it.
const CONCEPT_NAME_CODE_SEQUENCE: Tag = Tag::new(0x0040, 0xA043);
const CODE_VALUE: Tag = Tag::new(0x0008, 0x0100);
/// Text Value (0040,A160) of an SR TEXT content item.
const TEXT_VALUE: Tag = Tag::new(0x0040, 0xA160);

/// What an SR TEXT item holds when its concept name is one of the DICOM codes for the
/// subject of a report (PS3.16 CID 271 and TID 1007: Subject Name, Subject ID, Subject
/// Birth Date): the patient's identifier, whatever the text looks like.
fn subject_concept(code: &str) -> Option<Category> {
    match code {
        "121029" => Some(Category::PatientName),
        "121030" => Some(Category::PatientId),
        "121031" => Some(Category::BirthDate),
        _ => None,
    }
}

/// Most free-text words keyed per file for the run-wide name look.
const MAX_TEXT_TOKENS: usize = 64;

/// Most candidate pairs the CJK text of one file adds to the run-wide look, beside
/// [`MAX_TEXT_TOKENS`].
const MAX_CJK_PAIRS: usize = 192;
/// Most distinct tokens of the file's own patient names, and most patient IDs, that free
/// text and private values are searched for. A file holds one patient's few names; a
/// DICOMDIR or a hostile file can hold thousands, and searching every text for every one
/// would cost their product. Past the cap, names and IDs are still findings where they
/// stand; only the search for them elsewhere in the file stops growing.
const MAX_OWN_VALUES: usize = 64;

/// Finds the identifiers of one file and grades it.
pub fn assess(header: &Header<'_>, keyer: &Keyer, reveal: bool) -> Assessment {
    assess_at(header, keyer, reveal, 0)
}

/// Deepest re-read of private UN values that hold a sequence (see
/// [`Analyzer::private_un_sequence`]); each is a smaller buffer than the one around it.
const MAX_UN_SEQUENCE_DEPTH: u8 = 4;

fn assess_at(header: &Header<'_>, keyer: &Keyer, reveal: bool, un_depth: u8) -> Assessment {
    let mut markers = markers::read_markers(header);
    let top = TopPatient::read(header);
    markers.phantom |= top.names_a_phantom();
    let mut a = Analyzer {
        header,
        keyer,
        reveal,
        findings: Vec::new(),
        names: Vec::new(),
        rule: None,
        known_names: detect::KnownNames::default(),
        name_groups: Vec::new(),
        patient_ids: Vec::new(),
        coded_names: Vec::new(),
        staff_names: Vec::new(),
        place_words: Vec::new(),
        text_pairs: Vec::new(),
        text_elements: Vec::new(),
        cjk_pairs: 0,
        deid_claimed: markers.deid_claimed,
        hits: Vec::new(),
        concept: None,
        un_depth,
    };
    a.collect_patient_names();
    a.known_names = detect::KnownNames::new(&a.names);
    a.walk();
    // IDs that the file's other values show to be pseudonyms, whatever their shape: a
    // top-level Patient ID that extends a coded name (`CA_0887` and `CA_0887_MR2`, the
    // de-identifier's code for the subject and a session of it) or is a hash beside a
    // removed name, and Other Patient IDs of a study's or de-identifier's issuer.
    let top_id_pseudonym = top.id_extends_coded_name()
        || top.id_is_hash_beside_removed_name()
        || top.id_repeats_removed_names_number()
        || top.id_beside_case_label()
        || top.id_is_underscored_code_beside_removed_name()
        || (markers.deid_claimed && top.id_is_site_subject_code_beside_removed_name())
        || (markers.deid_hashes_ids && top.id_is_decimal_hash());
    let issuer_paths = ids_of_pseudonymous_issuers(header);
    if top_id_pseudonym || !issuer_paths.is_empty() {
        // The same ID written again elsewhere in the file (an HL7 segment's PID-3, a
        // private copy) is the same pseudonym.
        let top_id_key = top_id_pseudonym
            .then(|| {
                a.findings
                    .iter()
                    .find(|f| f.path == "(0010,0020)")
                    .and_then(|f| f.value_key.clone())
            })
            .flatten();
        for f in &mut a.findings {
            let repeated = top_id_key.is_some()
                && f.category == Category::PatientId
                && f.value_key == top_id_key;
            let pseudonymous = (top_id_pseudonym && f.path == "(0010,0020)")
                || repeated
                || issuer_paths.contains(&f.path);
            if pseudonymous && f.state == ValueState::RealLooking {
                f.state = ValueState::Pseudonym;
            }
        }
    }
    // A Patient's Name that holds the Patient ID, itself a pseudonym, as one of its
    // components (`TFS^MIRC-4592` beside `MIRC-4592`): the same code, written as a name.
    if top.name_holds_id() {
        let id_coded = a.findings.iter().any(|f| {
            f.path == "(0010,0020)"
                && matches!(f.state, ValueState::Pseudonym | ValueState::Placeholder)
        });
        if id_coded {
            for f in &mut a.findings {
                if f.path == "(0010,0010)" && f.state == ValueState::RealLooking {
                    f.state = ValueState::Pseudonym;
                }
            }
        }
    }
    let grade = grade::grade(&a.findings, &markers);
    // A phantom has no patient: none of its values identifies one (the grade says so for
    // the file; the findings must agree for whoever counts them).
    if markers.phantom {
        for f in &mut a.findings {
            f.direct = false;
        }
    }
    let name_pairs = a.own_name_pairs();
    Assessment {
        findings: a.findings,
        grade,
        name_pairs,
        text_pairs: a.text_pairs,
        text_elements: a.text_elements,
    }
}

/// The top-level Patient's Name and Patient ID as text, read once for the tests below.
struct TopPatient<'h> {
    name: Option<DecodedText<'h>>,
    id: Option<DecodedText<'h>>,
    /// The name is a placeholder, a pseudonym or empty (classified once, remembered).
    name_removed: bool,
    /// An Issuer of Patient ID (0010,0021) with a value.
    has_issuer: bool,
}

impl<'h> TopPatient<'h> {
    fn read(header: &'h Header<'_>) -> TopPatient<'h> {
        let text = |tag: Tag| header.find(tag).and_then(|e| header.text(e));
        let name = text(Tag::new(0x0010, 0x0010));
        let name_removed = name.as_ref().is_some_and(|n| {
            matches!(
                memo::classify(&n.text, Category::PatientName, Vr::PN),
                ValueState::Placeholder | ValueState::Pseudonym | ValueState::Empty
            )
        });
        let has_issuer = text(Tag::new(0x0010, 0x0021)).is_some_and(|t| !t.text.trim().is_empty());
        TopPatient {
            name,
            id: text(Tag::new(0x0010, 0x0020)),
            name_removed,
            has_issuer,
        }
    }

    /// Whether the Patient ID is the Patient's Name, a subject's code (letters and digits,
    /// no word of a name), or that code with a suffix (`PROJ01-S480` and `PROJ01-S480`,
    /// `CA_0887` and `CA_0887_MR2`): a research platform names a subject and its sessions
    /// so. A person's name is not also their record number.
    fn id_extends_coded_name(&self) -> bool {
        let (Some(name), Some(id)) = (&self.name, &self.id) else {
            return false;
        };
        let name = name
            .text
            .trim_matches(|c: char| c == '^' || c == '=' || c.is_whitespace());
        let id = id.text.trim();
        // The ID's parts as the name's components (`P34-V4` and `P34^V4`): one code.
        let parts: Vec<&str> = name.split(['^', ' ']).filter(|w| !w.is_empty()).collect();
        if parts.len() >= 2
            && id.bytes().any(|b| b.is_ascii_digit())
            && id.split(['-', '_']).eq(parts.iter().copied())
        {
            return true;
        }
        // The same bare number in both (`5489098` and `5489098`, `638-7403`): a
        // de-identifier's number for the subject, written into both.
        let digits = name.bytes().filter(u8::is_ascii_digit).count();
        if digits >= 4
            && name == id
            && name
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'/' | b' '))
        {
            return true;
        }
        // Otherwise letters and digits: a bare number in the name beside another in the
        // ID may leave the ID an MRN.
        let coded = name.bytes().any(|b| b.is_ascii_digit())
            && name.bytes().any(|b| b.is_ascii_alphabetic())
            && placeholder::classify(name, Category::PatientName, Vr::PN) == ValueState::Pseudonym;
        coded
            && id.len() >= name.len()
            && id.as_bytes()[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && id[name.len()..]
                .chars()
                .next()
                .is_none_or(|c| matches!(c, '_' | '-' | '.' | ' '))
    }

    /// Whether the Patient ID is ten or more hex digits with a letter among them
    /// (`49493997665B`, `708C07475219`) while the Patient's Name is a placeholder or a
    /// pseudonym: a de-identifier's hash cut short, whatever its letters. Alone, such an
    /// ID could be a site's number with a check letter; beside a removed name it is the
    /// hash.
    fn id_is_hash_beside_removed_name(&self) -> bool {
        let (Some(name), Some(id)) = (&self.name, &self.id) else {
            return false;
        };
        let removed = self.name_removed;
        // Eight will do beside a name that is itself a hex code (`05BA3ACC` and
        // `794426C6`).
        let hex_name = {
            let n = name.text.trim().as_bytes();
            n.len() >= 8 && n.iter().all(u8::is_ascii_hexdigit)
        };
        let id = id.text.trim().as_bytes();
        removed
            && (id.len() >= 10 || (hex_name && id.len() >= 8))
            && id.iter().all(u8::is_ascii_hexdigit)
            && id.iter().any(u8::is_ascii_alphabetic)
            && !(id.iter().any(u8::is_ascii_uppercase) && id.iter().any(u8::is_ascii_lowercase))
    }

    /// Whether the Patient's Name is a placeholder or pseudonym with a number of three
    /// digits or more that the Patient ID repeats (`ANON^1811` and `583480241811`,
    /// `REDCAP^1081-13` and `1081-13`): the de-identifier's numbering of the subject.
    fn id_repeats_removed_names_number(&self) -> bool {
        let (Some(name), Some(id)) = (&self.name, &self.id) else {
            return false;
        };
        let removed = self.name_removed && !name.text.trim().is_empty();
        let id = id.text.trim();
        // A word beside the number (`ANON`, `REDCAP`): a bare number in both is an MRN
        // copied into the name.
        removed
            && name.text.chars().any(char::is_alphabetic)
            && name
                .text
                .split(|c: char| !c.is_ascii_digit())
                .filter(|run| run.len() >= 3)
                .any(|run| id.contains(run))
    }

    /// Whether the Patient ID is a software's code joined by an underscore (`SS_C484`,
    /// site and subject) while the Patient's Name is a placeholder or a pseudonym: issued
    /// record numbers are not written with underscores.
    fn id_is_underscored_code_beside_removed_name(&self) -> bool {
        let Some(id) = &self.id else {
            return false;
        };
        let removed = self.name_removed;
        let id = id.text.trim().as_bytes();
        removed
            && (4..=16).contains(&id.len())
            && id.contains(&b'_')
            && id.iter().any(u8::is_ascii_digit)
            && id.iter().any(u8::is_ascii_alphabetic)
            && id.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
    }

    /// Whether the Patient ID is a trial's site and subject numbers (`027-0187`: three
    /// digits, a hyphen, four) while the Patient's Name is removed: in a file that says it
    /// was de-identified, the code its de-identifier gave. (Alone, or in a file that does
    /// not say so, it could be a hospital's number.)
    fn id_is_site_subject_code_beside_removed_name(&self) -> bool {
        let Some(id) = &self.id else {
            return false;
        };
        let id = id.text.trim().as_bytes();
        self.name_removed
            && id.len() == 8
            && id[3] == b'-'
            && id[..3].iter().chain(&id[4..]).all(u8::is_ascii_digit)
    }

    /// Whether a component of the Patient's Name is the Patient ID (four characters or
    /// more, with a digit).
    fn name_holds_id(&self) -> bool {
        let (Some(name), Some(id)) = (&self.name, &self.id) else {
            return false;
        };
        let id = id.text.trim();
        id.len() >= 4
            && id.bytes().any(|b| b.is_ascii_digit())
            && name
                .text
                .split(['^', ' ', '='])
                .any(|w| w.eq_ignore_ascii_case(id))
    }

    /// Whether the Patient ID is a decimal number of ten digits, as CTP's `@hash(this,10)`
    /// writes one (`6932013905`: an MD5 in base 10, cut to ten), with no Issuer of Patient
    /// ID beside it (the Basic Profile removes it): asked only of a file whose
    /// De-identification Method names that tool. A hospital's number left behind, with
    /// its issuer (`5896082` of `Ain Shams University Hospital`) or of another length
    /// (`22265523`), is the hospital's, whatever the file claims.
    fn id_is_decimal_hash(&self) -> bool {
        !self.has_issuer
            && self.id.as_ref().is_some_and(|id| {
                let id = id.text.trim().as_bytes();
                id.len() == 10 && id.iter().all(u8::is_ascii_digit)
            })
    }

    /// Whether the Patient's Name labels a teaching file's case (`CASE^214`, `TF^0783`):
    /// the Patient ID beside it is the file's key in the teaching collection.
    fn id_beside_case_label(&self) -> bool {
        const CASE_WORDS: &[&str] = &["CASE", "MIRC", "QUIZ", "TEACHING", "TEACHINGFILE", "TF"];
        let Some(name) = &self.name else {
            return false;
        };
        let mut words = name
            .text
            .split(['^', ' ', '_', '-', '#'])
            .filter(|w| !w.is_empty());
        let (Some(word), Some(number)) = (words.next(), words.next()) else {
            return false;
        };
        let two_words = words.next().is_none()
            && CASE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
            && number.bytes().all(|b| b.is_ascii_digit());
        // Or a longer label, removed, with the word teaching or case in it
        // (`Teaching^Case 12`, `Case of the Week 17`).
        let label = self.name_removed
            && name
                .text
                .split(['^', ' ', '_', '-', '#'])
                .any(|w| w.eq_ignore_ascii_case("TEACHING") || w.eq_ignore_ascii_case("CASE"));
        two_words || label
    }

    /// Whether the Patient's Name names a phantom or test object, or the Patient ID does
    /// (`ArcCHECK` with `PHANTOM`: a QA device named by its product, labelled in the ID).
    fn names_a_phantom(&self) -> bool {
        let Some(name) = &self.name else {
            return false;
        };
        if placeholder::is_phantom_name(&name.text)
            || self
                .id
                .as_ref()
                .is_some_and(|id| placeholder::is_phantom_name(&id.text))
        {
            return true;
        }
        // A quality-control word that is both the name and the ID (`SERVICE`, `SERVICE`):
        // a vendor's service patient. A person's surname is not also their record number.
        let name = name
            .text
            .trim_matches(|c: char| c == '^' || c.is_whitespace());
        // Or labelled so in its ID (`SERVICE` with `CAL-DETECTOR` or `SRV0001`).
        const SERVICE_LABELS: &[&str] = &[
            "AIR", "CAL", "DARK", "DETECTOR", "GAIN", "OFFSET", "QA", "QC", "SRV", "SVC", "TST",
            "TUBE",
        ];
        self.id.as_ref().is_some_and(|id| {
            let id = id.text.trim();
            let labelled = || {
                let mut runs = id
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|r| !r.is_empty())
                    .peekable();
                runs.peek().is_some()
                    && runs.all(|r| {
                        markers::is_qa_word(r)
                            || SERVICE_LABELS.iter().any(|l| l.eq_ignore_ascii_case(r))
                    })
            };
            markers::is_qa_word(name) && (id.eq_ignore_ascii_case(name) || labelled())
        })
    }
}

/// The paths of the IDs in Other Patient IDs Sequence (0010,1002) whose Issuer of Patient
/// ID says they are a study's or a de-identifier's (`RESEARCH_PSEUDO`, `DEID_HASH`,
/// `TRIAL_SUBJ`): pseudonyms, whatever their shape (`05-0286`).
fn ids_of_pseudonymous_issuers(header: &Header<'_>) -> Vec<String> {
    const WORDS: &[&str] = &["ANON", "DEID", "HASH", "PSEUD", "RESEARCH", "SUBJ", "TRIAL"];
    let Some(seq) = header
        .top_level()
        .find(|&i| header.elements[i].tag == Tag::new(0x0010, 0x1002))
    else {
        return Vec::new();
    };
    let mut paths = Vec::new();
    for (n, item) in header.children(seq).enumerate() {
        let issuer = header
            .children(item)
            .find(|&i| header.elements[i].tag == Tag::new(0x0010, 0x0021))
            .and_then(|i| header.first_string(&header.elements[i]))
            .map(|v| v.to_ascii_uppercase());
        if issuer.is_some_and(|v| WORDS.iter().any(|w| v.contains(w))) {
            paths.push(format!("(0010,1002)[{n}]/(0010,0020)"));
        }
    }
    paths
}

/// The keyed token of a name word, 8 bytes: enough to join across files, never the word.
pub fn token_key(keyer: &Keyer, token: &str) -> u64 {
    let mut buf = [0u8; 64];
    if token.len() <= buf.len() && token.is_ascii() {
        // Most words are ASCII and short: upper-cased in place, no allocation.
        let b = &mut buf[..token.len()];
        b.copy_from_slice(token.as_bytes());
        b.make_ascii_uppercase();
        return keyer.token(b);
    }
    keyer.token(token.to_uppercase().as_bytes())
}

/// An order-free combination of two keyed tokens: "John Zyxwer" and "Zyxwer, John" meet.
pub fn name_pair(a: u64, b: u64) -> u64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    lo.rotate_left(29) ^ hi.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// A byte range as two `u32`s (a value's text is far shorter than 4 GiB).
fn span32(start: usize, end: usize) -> (u32, u32) {
    let cut = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (cut(start), cut(end))
}

/// The attribute rule of a standard tag.
pub fn rule_of(tag: Tag) -> Option<&'static AttributeRule> {
    ATTRIBUTES
        .binary_search_by_key(&tag.0, |r| r.tag)
        .ok()
        .map(|i| &ATTRIBUTES[i])
        .or_else(|| repeating_group_rule(tag))
}

/// Overlay comments (60xx,4000) are free text in every overlay group (PS3.15 E.1-1).
fn repeating_group_rule(tag: Tag) -> Option<&'static AttributeRule> {
    if tag.group() & 0xFF01 == 0x6000 && tag.element() == 0x4000 {
        static OVERLAY_COMMENTS: AttributeRule = AttributeRule {
            tag: 0x6000_4000,
            category: Category::ClinicalText,
            hipaa: ' ',
            subject: Subject::Other,
            direct: false,
            quasi: false,
            keyword: "OverlayComments",
            basic_profile: "X",
        };
        return Some(&OVERLAY_COMMENTS);
    }
    None
}

/// Whether a private element is in the safe private list (E.3.10-1).
fn is_safe_private(creator: &str, tag: Tag) -> bool {
    // The table is in creator order; an index by group and element, made once, finds the
    // few entries of a tag without reading all 475 for every private element.
    static BY_TAG: OnceLock<Vec<(u16, u8, &'static str)>> = OnceLock::new();
    let index = BY_TAG.get_or_init(|| {
        let mut v: Vec<_> = SAFE_PRIVATE
            .iter()
            .map(|(c, g, e, _)| (*g, *e, *c))
            .collect();
        v.sort_unstable();
        v
    });
    let key = (tag.group(), tag.element() as u8);
    let first = index.partition_point(|(g, e, _)| (*g, *e) < key);
    index[first..]
        .iter()
        .take_while(|(g, e, _)| (*g, *e) == key)
        .any(|(_, _, c)| *c == creator)
}

/// Categories whose values get a keyed pseudonym in findings (to count distinct values
/// across files without keeping them).
fn keyed_category(c: Category) -> bool {
    use Category::*;
    matches!(
        c,
        PatientName
            | PatientId
            | PatientOtherId
            | NationalId
            | BirthDate
            | Address
            | Phone
            | Email
            | StaffName
            | Insurance
            | Accession
    )
}

/// Categories whose values are identifiers themselves, not text to search.
fn skip_content_scan(c: Category) -> bool {
    use Category::*;
    matches!(
        c,
        PatientName | PatientId | PatientOtherId | Uid | Dates | BirthDate | Sex | Age | Device
    )
}

/// Particles of family names, passed over when words of text are paired (see
/// [`Analyzer::collect_text_pairs`]).
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "bint", "da", "de", "del", "den", "der", "di", "du", "el", "ibn", "la", "le",
    "ten", "ter", "van", "von",
];

/// A frame of the path stack: a sequence and the item being read in it.
struct Frame {
    end: usize,
    tag: Tag,
    next_item: u32,
    item: u32,
}

struct Analyzer<'h, 'a> {
    header: &'h Header<'a>,
    keyer: &'h Keyer,
    reveal: bool,
    findings: Vec<Finding>,
    /// Tokens of the file's own patient names (upper-cased).
    names: Vec<String>,
    /// The same, ready for searching free text.
    known_names: detect::KnownNames,
    /// The table's rule for the element being read, if any.
    rule: Option<&'static AttributeRule>,
    /// The file's own patient IDs, to recognise copies in private elements.
    patient_ids: Vec<String>,
    /// The file's patient names that are subject codes (`P-0193`, `C3N-00247`): a Patient ID
    /// that repeats one is the same pseudonym.
    coded_names: Vec<String>,
    /// Tokens of the file's staff names (physicians, operators; upper-cased): a name in
    /// free text made of them is the staff member's (`reviewed by Mikko Virtanen` beside
    /// Name of Physicians Reading Study `Virtanen^Mikko`).
    staff_names: Vec<String>,
    /// Words of the file's institution and department names (upper-cased): in text, a
    /// staff member's signature runs into them (`BS. Minh Khôi Lê, Khoa Chẩn đoán hình
    /// ảnh`: Khoa is the department).
    place_words: Vec<String>,
    /// Patient name groups as token lists, for name pairs.
    name_groups: Vec<Vec<String>>,
    text_pairs: Vec<TextPair>,
    /// See [`Assessment::text_elements`].
    text_elements: Vec<TextElement>,
    /// Pairs of [`Analyzer::text_pairs`] made from CJK text.
    cjk_pairs: usize,
    /// The file says it was de-identified (Patient Identity Removed, a method).
    deid_claimed: bool,
    hits: Vec<TextHit>,
    /// The concept name code of the SR content item being read: the item (as the
    /// depth, end and number of its sequence frame) and the code value.
    concept: Option<(ItemId, String)>,
    /// How many private UN sequences deep this walk is.
    un_depth: u8,
}

/// One item of the walk: its depth, and its sequence frame's end and item number.
type ItemId = (usize, usize, u32);

/// The item the elements under `stack` belong to.
fn item_id(stack: &[Frame]) -> ItemId {
    stack
        .last()
        .map_or((0, usize::MAX, 0), |f| (stack.len(), f.end, f.item))
}

impl Analyzer<'_, '_> {
    /// First pass: the patient's own names and IDs, wherever they are, so that free text
    /// before them in the stream can be searched for them.
    fn collect_patient_names(&mut self) {
        let h = self.header;
        for (index, e) in h.elements.iter().enumerate() {
            if e.kind != ElementKind::Value || e.tag.is_private() {
                continue;
            }
            let Some(rule) = rule_of(e.tag) else {
                continue;
            };
            // An SR person name (0040,A123) is the person its concept names: an observer's,
            // a physician's or an operator's is staff (`Person Observer Name`).
            let category = if e.tag == Tag::new(0x0040, 0xA123)
                && rule.category == Category::PatientName
                && self.concept_is_staff(index)
            {
                Category::StaffName
            } else {
                rule.category
            };
            match (category, e.vr) {
                (Category::PatientName, Vr::PN) => {
                    for pn in h.person_names(e) {
                        for group in pn.groups() {
                            // Placeholders (ANONYMOUS, SUBJ-0012) are nobody's name.
                            let state = memo::classify(group, Category::PatientName, Vr::PN);
                            // A bare number (`000923`) may be a record number copied
                            // into the name, unless the file says it was de-identified.
                            let has_letter =
                                group.bytes().any(|b| b.is_ascii_alphabetic()) || !group.is_ascii();
                            if state == ValueState::Pseudonym
                                && group.bytes().any(|b| b.is_ascii_digit())
                                && (has_letter || self.deid_claimed)
                            {
                                remember(&mut self.coded_names, trim_name(group));
                            }
                            if !state.leaks() {
                                continue;
                            }
                            let tokens: Vec<String> = detect::name_tokens(group)
                                .take(4)
                                .map(str::to_uppercase)
                                .collect();
                            for t in &tokens {
                                remember(&mut self.names, t);
                            }
                            if tokens.len() >= 2 && self.name_groups.len() < 8 {
                                self.name_groups.push(tokens);
                            } else if let Some(pair) = cjk_family_and_given(group)
                                && self.name_groups.len() < 8
                            {
                                // `王^小明`, `김^민준`: a one-character family name is
                                // too short to search for alone, not to pair.
                                self.name_groups.push(pair);
                            }
                        }
                    }
                }
                (Category::StaffName, Vr::PN) => {
                    for pn in h.person_names(e) {
                        for group in pn.groups() {
                            for t in staff_words(group).take(4) {
                                remember(&mut self.staff_names, &t.to_uppercase());
                            }
                        }
                    }
                }
                (Category::Institution, _) if e.vr.is_string() => {
                    for v in h.strings(e) {
                        for t in detect::name_tokens(&v).take(8) {
                            remember(&mut self.place_words, &t.to_uppercase());
                        }
                    }
                }
                (Category::PatientId, _) => {
                    for v in h.strings(e) {
                        if v.len() >= 4 {
                            remember(&mut self.patient_ids, &v);
                        }
                    }
                }
                // A trial's subject ID is the sponsor's pseudonym (PS3.3 C.7.1.3): a
                // Patient ID that repeats it is that pseudonym.
                _ if e.tag == CLINICAL_TRIAL_SUBJECT_ID => {
                    for v in h.strings(e) {
                        let v = v.trim();
                        if v.bytes().any(|b| b.is_ascii_digit()) {
                            remember(&mut self.coded_names, v);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn walk(&mut self) {
        let h = self.header;
        let mut stack: Vec<Frame> = Vec::new();
        for (i, e) in h.elements.iter().enumerate() {
            while stack.last().is_some_and(|f| i >= f.end) {
                stack.pop();
            }
            match e.kind {
                ElementKind::Sequence => {
                    stack.push(Frame {
                        end: e.end as usize,
                        tag: e.tag,
                        next_item: 0,
                        item: 0,
                    });
                }
                ElementKind::Item => {
                    if let Some(f) = stack.last_mut() {
                        f.item = f.next_item;
                        f.next_item += 1;
                    }
                }
                ElementKind::Value => self.element(i, &stack),
                ElementKind::Skipped => {}
            }
        }
    }

    fn element(&mut self, index: usize, stack: &[Frame]) {
        let h = self.header;
        let e = &h.elements[index];
        // File Meta's Private Information (0002,0102) is OB by its VR, and whatever its
        // creator (0002,0100) wrote: text there is read as text.
        if e.tag == PRIVATE_INFORMATION {
            if let Some(t) = un_as_text(h, e) {
                self.scan_text(index, stack, &t);
            }
            return;
        }
        let private_un = read_as_un(e);
        // A CSA header written as OB in an explicit VR file (as UN, the private path
        // below reads it).
        if e.vr == Vr::OB && e.tag.is_private() && !private_un && e.value_len > 0 {
            self.rule = None;
            let creator = h.private_creator(e);
            self.csa_protocols(index, stack, creator.as_deref());
            return;
        }
        if e.value_len == 0 || !(e.vr.is_string() || private_un) || e.tag.is_group_length() {
            return;
        }
        if e.tag.is_private() {
            self.rule = None;
            if !e.tag.is_private_creator() {
                self.private_element(index, stack);
            }
            return;
        }
        if e.tag == CODE_VALUE
            && stack
                .last()
                .is_some_and(|f| f.tag == CONCEPT_NAME_CODE_SEQUENCE)
        {
            // The concept name of the content item that holds this code sequence.
            let owner = &stack[..stack.len() - 1];
            self.concept = h
                .first_string(e)
                .map(|code| (item_id(owner), code.into_owned()));
        }
        let rule = rule_of(e.tag);
        self.rule = rule;
        if e.tag == TEXT_VALUE {
            self.coded_subject_text(index, stack);
        }
        match rule {
            Some(r) => self.ruled_element(index, r, stack),
            None => self.unruled_element(index, stack),
        }
    }

    /// An SR TEXT item whose concept name says it is the subject's name, ID or birth
    /// date (`Subject ID: 40917263`): a finding of that category, as the attribute would be.
    fn coded_subject_text(&mut self, index: usize, stack: &[Frame]) {
        let Some(category) = self
            .concept
            .as_ref()
            .filter(|(item, _)| *item == item_id(stack))
            .and_then(|(_, code)| subject_concept(code))
        else {
            return;
        };
        let h = self.header;
        let values = h.strings(&h.elements[index]);
        let Some((state, value)) = worst_value(&values, category, Vr::LO) else {
            return;
        };
        let mut f = self.attribute_finding(index, stack, category, state, value);
        f.subject = Subject::Patient;
        f.hipaa = category.value_hipaa_letter();
        f.direct = matches!(category, Category::PatientName | Category::PatientId);
        self.findings.push(f);
    }

    /// An attribute of the table: one finding for its value, then its text searched.
    fn ruled_element(&mut self, index: usize, rule: &'static AttributeRule, stack: &[Frame]) {
        let h = self.header;
        let e = &h.elements[index];
        let values = h.strings(e);
        let category = rule.category;
        if !matches!(category, Category::ClinicalText | Category::Other) {
            let Some((mut state, value)) = worst_value(&values, category, e.vr) else {
                return;
            };
            // A de-identifier that gives the subject code as the name gives it, or its
            // code part, as the ID too: the ID is that pseudonym, though alone it could be a
            // hospital's number.
            if category == Category::PatientId
                && state.leaks()
                && self
                    .coded_names
                    .iter()
                    .any(|n| is_code_of(n, trim_name(value)))
            {
                state = ValueState::Pseudonym;
            }
            // The ID beside a phantom's name in a sequence item (a DICOMDIR's patient
            // record `QA^PHANTOM` with `QA-20220506`) is the object's label, as at the top
            // level.
            if category == Category::PatientId
                && state.leaks()
                && e.depth > 0
                && sibling_name(h, index).is_some_and(|n| placeholder::is_phantom_name(&n))
            {
                state = ValueState::Placeholder;
            }
            // A number of 16 digits or more as the ID of a file that says it was
            // de-identified is a de-identifier's hash written in decimal (CTP's hashed
            // UIDs and IDs): record numbers are shorter. A national ID that long (a
            // Chinese resident ID) is still found by its own check below.
            if matches!(category, Category::PatientId | Category::PatientOtherId)
                && self.deid_claimed
                && state == ValueState::RealLooking
                && is_long_decimal_hash(trim_name(value))
            {
                state = ValueState::Pseudonym;
            }
            // An old value in Modified Attributes (PS3.3 C.12.1.1.9) is what the file held
            // before it was changed: shaped like a code of our own guessing (`ZZ-OLD-9133`),
            // it is taken for the original. A study's subject code (`SUBJ-0007`) or a hash
            // there is an earlier pseudonym of a pipeline that ran twice.
            if state == ValueState::Pseudonym
                && stack.iter().any(|f| f.tag == MODIFIED_ATTRIBUTES_SEQUENCE)
                && !placeholder::is_study_pseudonym(trim_name(value))
            {
                state = ValueState::RealLooking;
            }
            let mut f = self.attribute_finding(index, stack, category, state, value);
            f.keyword = rule.keyword;
            f.subject = rule.subject;
            f.hipaa = (rule.hipaa != ' ').then_some(rule.hipaa);
            // A postal code or a town alone (`021**`, `80331 München`) is where, not who: a
            // quasi-identifier.
            f.direct = rule.direct
                && rule.subject == Subject::Patient
                && !(category == Category::Address
                    && (placeholder::is_postal_code_alone(value)
                        || detect::is_locality_only(value)));
            // A person name whose role the table leaves open (SR Person Name (0040,A123),
            // Selector PN Value): the patient's unless its concept says staff.
            if category == Category::PatientName
                && rule.subject == Subject::Other
                && e.vr == Vr::PN
                && !self.concept_is_staff(index)
            {
                f.direct = true;
                f.subject = Subject::Patient;
                f.hipaa = Some('A');
            }
            self.findings.push(f);
            if matches!(category, Category::PatientId | Category::PatientOtherId) {
                for v in &values {
                    self.national_id(index, stack, v, true);
                    self.name_in_id(index, stack, v);
                }
            }
        }
        if !skip_content_scan(category) && e.vr != Vr::PN {
            for v in &values {
                self.scan_text(index, stack, v);
            }
        } else if matches!(category, Category::PatientId | Category::PatientOtherId) {
            // An identifier written as a phrase (`Hospital No. HOSP2247239` as Clinical
            // Trial Subject ID): its cue says what the number is.
            for v in values.iter().filter(|v| v.trim().contains(' ')) {
                self.scan_text(index, stack, v);
            }
        } else if e.vr == Vr::AE {
            self.scan_ae_titles(index, stack, &values);
        }
    }

    /// An AE title names a device, but it is free text of 16 characters, and a writer can
    /// put anything there (`MRN00773129`, `OKEKE_NNAMDI` as Source AE Title): searched as
    /// text with `_` read as a space, and with no owner, so that a person's full name or a
    /// record number there is the patient's. Words of one name alone (`SIEMENS`, `KARL`) do
    /// not make a name: the name detectors need two.
    fn scan_ae_titles(&mut self, index: usize, stack: &[Frame], values: &[Cow<'_, str>]) {
        let rule = self.rule.take();
        for v in values {
            let v = v.trim();
            let text: Cow<'_, str> = if v.contains('_') {
                Cow::Owned(v.replace('_', " "))
            } else {
                Cow::Borrowed(v)
            };
            if text.chars().any(char::is_alphanumeric) {
                self.scan_text(index, stack, &text);
            }
        }
        self.rule = rule;
    }

    /// A standard attribute not in the table: by VR (PN, DA, DT), then by content.
    fn unruled_element(&mut self, index: usize, stack: &[Frame]) {
        let h = self.header;
        let e = &h.elements[index];
        let category = match e.vr {
            Vr::PN => Category::PatientName,
            Vr::DA | Vr::DT => Category::Dates,
            Vr::UR => Category::Url,
            _ => {
                // Decoded only when searched: most such elements are CS, DS, IS codes.
                if text_worth_scanning(e.vr) {
                    for v in &h.strings(e) {
                        self.scan_text(index, stack, v);
                    }
                }
                return;
            }
        };
        let values = h.strings(e);
        let Some((state, value)) = worst_value(&values, category, e.vr) else {
            return;
        };
        // A URL names its host, and may name the patient in its query (`?PatientID=`).
        if e.vr == Vr::UR {
            for v in &values {
                self.scan_text(index, stack, v);
            }
        }
        let mut f = self.finding(index, stack, category, Detector::Vr, "vr", state, value);
        f.confidence = 0.5;
        // A name whose role the standard does not give: a person, maybe the patient; it
        // is a direct identifier when it is the patient's own name.
        f.direct = e.vr == Vr::PN && self.is_own_name(value);
        if f.direct {
            f.subject = Subject::Patient;
            f.hipaa = Some('A');
        }
        self.findings.push(f);
    }

    /// A private element: values that look like names, IDs or dates are findings; the safe
    /// private list lowers their weight.
    fn private_element(&mut self, index: usize, stack: &[Frame]) {
        let h = self.header;
        let e = &h.elements[index];
        let creator = h.private_creator(e).map(|c| c.into_owned());
        let safe = creator
            .as_deref()
            .is_some_and(|c| is_safe_private(c, e.tag));
        let as_un = read_as_un(e);
        if as_un && self.private_un_sequence(index, stack, creator.as_deref()) {
            return;
        }
        let values = if as_un {
            // A private value sent as UN: look at it as text when it is text.
            un_as_text(h, e).map_or_else(Vec::new, |t| vec![t])
        } else {
            h.strings(e)
        };
        // A block its creator names after a hospital's patient systems: the numbers in it
        // are patients' numbers.
        let records_block = creator.as_deref().is_some_and(is_records_creator);
        // A block no vendor's dictionary lists (a site's, a PACS's, or none named): a plain
        // number of seven digits or more written there as text is a record number too.
        // Vendors' blocks are full of serials and counters, and are left to their cues.
        // RSNA's Clinical Trial Processor writes its project, trial and site names and
        // site ID (`CTP`, (0013,xx10-13)) into the files it de-identifies. Looked up only
        // for a value that is such a number.
        let text_vr = matches!(
            e.vr,
            Vr::LO | Vr::SH | Vr::LT | Vr::ST | Vr::UT | Vr::UC | Vr::UN
        );
        let site_block = || {
            text_vr
                && !creator.as_deref().is_some_and(|c| {
                    crate::reader::private_vr::is_known_creator(c) || c.trim() == "CTP"
                })
        };
        if records_block && !safe {
            for v in &values {
                self.national_id(index, stack, v, true);
            }
        }
        // A national number that holds the patient's birth date, in any vendor's block.
        let long_number = |v: &str| {
            let v = v.trim();
            (9..=18).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit())
        };
        if !safe && values.iter().any(|v| long_number(v)) {
            let birth = h
                .find(Tag::new(0x0010, 0x0030))
                .and_then(|e| h.first_string(e))
                .map(|b| b.trim().to_owned());
            for v in values.iter().filter(|v| long_number(v)) {
                let Some(kind) = birth
                    .as_deref()
                    .and_then(|b| detect::national_id_holding_birth_date(v, b))
                else {
                    continue;
                };
                let state = ValueState::Validated;
                let category = Category::NationalId;
                let mut f = self.finding(index, stack, category, Detector::Private, kind, state, v);
                f.private_creator.clone_from(&creator);
                f.confidence = 0.8;
                f.subject = Subject::Patient;
                f.hipaa = Some('G');
                f.direct = true;
                self.findings.push(f);
            }
        }
        // Vendors' own copies of the patient's name and ID, known by creator and element.
        let listed = creator
            .as_deref()
            .and_then(|c| private_patient_attribute(c, e.tag));
        for v in &values {
            let kind_of = match listed {
                Some(category) if !v.trim().is_empty() => {
                    Some((category, "vendor_patient_attribute"))
                }
                _ => self.private_value_kind(e.vr, v, records_block, site_block),
            };
            let Some((category, kind)) = kind_of else {
                continue;
            };
            let state = memo::classify(v, category, e.vr);
            if state == ValueState::Empty {
                continue;
            }
            let mut f = self.finding(index, stack, category, Detector::Private, kind, state, v);
            f.private_creator.clone_from(&creator);
            f.safe_private = safe;
            f.confidence = if safe { 0.3 } else { 0.7 };
            // An attribute on the safe list is safe for what it is meant to hold; a
            // person's name written into it (`Vermeulen^Pieter`, a known name in PN form)
            // leaks all the same.
            let name_in_safe_slot = safe
                && category == Category::PatientName
                && state.leaks()
                && looks_like_person_name(v)
                && detect::caret_name_has_strong_word(v);
            if name_in_safe_slot {
                f.confidence = 0.6;
            }
            f.direct = matches!(category, Category::PatientName | Category::PatientId)
                && (!safe || name_in_safe_slot)
                && (listed.is_none() || state.leaks());
            if listed.is_some() {
                f.confidence = 0.9;
            }
            if f.direct {
                f.subject = Subject::Patient;
                f.hipaa = category.value_hipaa_letter();
            }
            self.findings.push(f);
            break;
        }
        // A UN value gets here only when it reads as text (implicit VR files send every
        // private element as UN).
        if text_worth_scanning(e.vr) || as_un {
            for v in &values {
                self.scan_text(index, stack, v);
            }
        }
        self.csa_protocols(index, stack, creator.as_deref());
    }

    /// Siemens' CSA headers (OB, or UN in an implicit VR file) hold the MR protocol as text
    /// (ASCCONV), whose protocol name the technologist types: sometimes the patient's name
    /// or number.
    fn csa_protocols(&mut self, index: usize, stack: &[Frame], creator: Option<&str>) {
        let h = self.header;
        let e = &h.elements[index];
        if !matches!(e.vr, Vr::OB | Vr::UN)
            || !creator.is_some_and(|c| c.trim().eq_ignore_ascii_case("SIEMENS CSA HEADER"))
        {
            return;
        }
        let creator = creator.map(str::to_owned);
        for name in csa_protocol_names(h.value_bytes(e)) {
            self.scan_text(index, stack, &name);
            // Protocols are named by sequence, plane and part of the body; a long
            // number among those words is a patient's (`497-148-690 head MRA`).
            for token in name.split(' ').filter(|t| is_number_in_protocol_name(t)) {
                let category = Category::PatientId;
                let state = memo::classify(token, category, Vr::LO);
                let kind = detect::kind::RECORD_NUMBER;
                let mut f = self.finding(
                    index,
                    stack,
                    category,
                    Detector::Pattern,
                    kind,
                    state,
                    token,
                );
                f.private_creator.clone_from(&creator);
                f.confidence = 0.6;
                f.direct = state.leaks();
                f.subject = Subject::Patient;
                f.hipaa = category.value_hipaa_letter();
                self.findings.push(f);
            }
        }
    }

    /// What a private value looks like: the patient's own name or ID, a person name, a
    /// date.
    fn private_value_kind(
        &self,
        vr: Vr,
        v: &str,
        records_block: bool,
        site_block: impl Fn() -> bool,
    ) -> Option<(Category, &'static str)> {
        if self.is_own_name(v) {
            return Some((Category::PatientName, "own_name"));
        }
        if self.patient_ids.iter().any(|id| id == v.trim()) {
            return Some((Category::PatientId, "own_patient_id"));
        }
        if vr == Vr::PN || looks_like_a_name(v) {
            // A doctor's or a nurse's title in the name's prefix or suffix
            // (`STAUDIGL^Ruprecht^^Prof. Dr.`): a member of staff's.
            // So is a name whose every word is one of the file's staff names (the
            // operator's, the reading physician's).
            let staff_words = || {
                let mut words = detect::name_tokens(v).peekable();
                words.peek().is_some()
                    && words.all(|w| self.staff_names.iter().any(|s| s.eq_ignore_ascii_case(w)))
            };
            if detect::person_name_has_staff_title(v) || staff_words() {
                return Some((Category::StaffName, "name_like"));
            }
            return Some((Category::PatientName, "name_like"));
        }
        if vr == Vr::DA || vr == Vr::DT || looks_like_date(v) {
            return Some((Category::Dates, "date_like"));
        }
        let plain = is_plain_record_number(v);
        if looks_like_record_number(v)
            || (records_block && (plain || is_grouped_record_number(v)))
            || (plain && v.trim().len() >= 7 && site_block())
        {
            return Some((Category::PatientId, "id_like"));
        }
        None
    }

    /// Whether the SR content item holding element `index` names a staff role in its
    /// Concept Name Code Sequence (0040,A043): observer, physician, operator, author...
    fn concept_is_staff(&self, index: usize) -> bool {
        const STAFF: &[&str] = &[
            "OBSERVER",
            "PHYSICIAN",
            "OPERATOR",
            "AUTHOR",
            "RECORDER",
            "VERIF",
            "STAFF",
            "RADIOLOGIST",
            "TECHNOLOGIST",
            "REFERRING",
            "READING",
            "PERFORMING",
            "DOCTOR",
            "NURSE",
            "SURGEON",
            "REPORTER",
            "ATTEST",
            // The participants of a procedure (TID 1020: `Person Name` with its role,
            // Irradiation Administering or Authorizing, in a dose report).
            "PERSON NAME",
            "IRRADIATION",
        ];
        let h = self.header;
        let Some(item) = h.elements[..index]
            .iter()
            .rposition(|x| x.kind == ElementKind::Item && x.end as usize > index)
        else {
            return false;
        };
        let concept = h
            .children(item)
            .find(|&i| h.elements[i].tag == Tag::new(0x0040, 0xA043));
        let Some(concept) = concept else {
            return false;
        };
        let end = h.elements[concept].end as usize;
        h.elements[concept..end]
            .iter()
            .filter(|x| x.tag == Tag::new(0x0008, 0x0104))
            .filter_map(|x| h.first_string(x))
            .any(|meaning| {
                let upper = meaning.to_uppercase();
                STAFF.iter().any(|s| upper.contains(s))
            })
    }

    /// Whether a value is (made of) the file's own patient name tokens.
    /// Whether every word of a name found in text (two at least) is a word of the file's
    /// staff names, or of its institution's names beside one of them, and none of its
    /// patient names.
    fn is_staff_name(&self, v: &str) -> bool {
        if self.staff_names.is_empty() {
            return false;
        }
        let (mut words, mut staff) = (0, 0);
        for t in staff_words(v) {
            let t = t.to_uppercase();
            if self.names.contains(&t) {
                return false;
            }
            if self.staff_names.contains(&t) {
                staff += 1;
            } else if !self.place_words.contains(&t) {
                return false;
            }
            words += 1;
        }
        words >= 2 && staff >= 1
    }

    fn is_own_name(&self, v: &str) -> bool {
        let mut tokens = detect::name_tokens(v).peekable();
        tokens.peek().is_some()
            && tokens.all(|t| {
                self.names.iter().any(|n| n.eq_ignore_ascii_case(t))
                    || (!t.is_ascii() && {
                        let upper = t.to_uppercase();
                        self.names.contains(&upper)
                    })
            })
    }

    /// A private sequence an implicit VR file sends as UN with a defined length (the
    /// reader cannot know its VR, PS3.5 6.2.2 and A.1): its value starts with an item
    /// tag. Its items are read as the implicit VR LE data sets they are, in the file's
    /// character set, and walked like any sequence; their findings get this element's
    /// path and private creator. False when the value is not a sequence.
    fn private_un_sequence(
        &mut self,
        index: usize,
        stack: &[Frame],
        creator: Option<&str>,
    ) -> bool {
        const ITEM: [u8; 4] = [0xFE, 0xFF, 0x00, 0xE0];
        const SEQUENCE_END: [u8; 8] = [0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0];
        let h = self.header;
        let e = &h.elements[index];
        let value = h.value_bytes(e);
        if self.un_depth >= MAX_UN_SEQUENCE_DEPTH || value.len() < 8 || value[..4] != ITEM {
            return false;
        }
        // A raw implicit VR LE data set: the file's Specific Character Set, then this
        // element with an undefined length, its items, and a sequence delimiter.
        let mut bytes = Vec::with_capacity(value.len() + 64);
        let charset = h.find(Tag::new(0x0008, 0x0005)).map(|c| h.value_bytes(c));
        if let Some(cs) = charset.filter(|cs| cs.len() <= 1024) {
            let padded = cs.len() + cs.len() % 2;
            bytes.extend_from_slice(&[0x08, 0x00, 0x05, 0x00]);
            bytes.extend_from_slice(&(padded as u32).to_le_bytes());
            bytes.extend_from_slice(cs);
            bytes.resize(bytes.len() + cs.len() % 2, b' ');
        }
        bytes.extend_from_slice(&e.tag.group().to_le_bytes());
        bytes.extend_from_slice(&e.tag.element().to_le_bytes());
        bytes.extend_from_slice(&[0xFF; 4]);
        bytes.extend_from_slice(value);
        bytes.extend_from_slice(&SEQUENCE_END);
        let inner = crate::reader::read(&bytes);
        let is_sequence = inner
            .find(e.tag)
            .is_some_and(|s| s.kind == ElementKind::Sequence);
        if !is_sequence {
            return false;
        }
        let nested = assess_at(&inner, self.keyer, self.reveal, self.un_depth + 1);
        let prefix = frames_path(stack);
        for mut f in nested.findings {
            f.path.insert_str(0, &prefix);
            if f.private_creator.is_none() {
                f.private_creator = creator.map(str::to_owned);
            }
            self.findings.push(f);
        }
        true
    }

    /// Whether the element is the Code Meaning of an SR item's coded value (Concept Code
    /// Sequence) in a site's own coding scheme (`99LOCAL`, PS3.16 8.2, or one a site
    /// names itself): the text of its order, where a request's patient can be written (`CT
    /// TORAX - ZAUNSCHIRM^Irmtraud`), not a term of a published vocabulary.
    fn is_local_concept_meaning(&self, index: usize, stack: &[Frame]) -> bool {
        const PUBLISHED: &[&str] = &[
            "ACR", "C4", "C5", "DCM", "FMA", "I10", "I10P", "I9", "I9C", "ICD10", "LN", "MDC",
            "NCIt", "RADLEX", "RXNORM", "SCT", "SNM3", "SRT", "UCUM", "UMLS",
        ];
        let h = self.header;
        if h.elements[index].tag != Tag::new(0x0008, 0x0104)
            || stack
                .last()
                .is_none_or(|f| f.tag != Tag::new(0x0040, 0xA168))
        {
            return false;
        }
        let Some(item) = h.elements[..index]
            .iter()
            .rposition(|x| x.kind == ElementKind::Item && x.end as usize > index)
        else {
            return false;
        };
        h.children(item)
            .find(|&i| h.elements[i].tag == Tag::new(0x0008, 0x0102))
            .and_then(|i| h.first_string(&h.elements[i]))
            .is_some_and(|scheme| {
                let scheme = scheme.trim();
                !scheme.is_empty() && !PUBLISHED.iter().any(|p| p.eq_ignore_ascii_case(scheme))
            })
    }

    /// Searches free text for patterns, national IDs and the file's own names.
    fn scan_text(&mut self, index: usize, stack: &[Frame], text: &str) {
        if text.is_empty()
            || (describes_codes_or_deidentification(self.header.elements[index].tag, stack)
                && !self.is_local_concept_meaning(index, stack))
        {
            return;
        }
        self.hits.clear();
        // Whose the attribute is, when the table says (the rule the walk looked up for it).
        let owner = self.rule.map(|r| r.subject);
        memo::scan_text(text, &mut self.hits);
        detect::find_prepared_names(text, &self.known_names, &mut self.hits);
        let hits = std::mem::take(&mut self.hits);
        // Whether a name known by its words overlaps a name the file itself holds, which
        // says more (and is found by the file's own names).
        let known_name_at = |bare: &detect::TextHit| {
            hits.iter().any(|h| {
                h.kind == detect::kind::KNOWN_NAME && h.start < bare.end && bare.start < h.end
            })
        };
        for hit in &hits {
            let Some(value) = text.get(hit.start..hit.end) else {
                continue;
            };
            // A name alone in an institution's, a device's or a staff member's attribute is
            // theirs (`Mary Bird Perkins Cancer Center`), and not the patient's.
            let mut hit = *hit;
            if matches!(hit.kind, detect::kind::BARE_NAME | detect::kind::NAME_CUE)
                && hit.category == Category::PatientName
                && self.is_staff_name(value)
            {
                hit.category = Category::StaffName;
            }
            // A name or street written in a sentence that names a hospital is the
            // hospital's (an institution named after a person, its address).
            if matches!(
                hit.kind,
                detect::kind::BARE_NAME | detect::kind::STREET_ADDRESS
            ) && detect::in_a_hospitals_sentence(text, hit.start)
            {
                continue;
            }
            if hit.kind == detect::kind::BARE_NAME {
                match owner {
                    Some(Subject::Institution | Subject::Device) => continue,
                    Some(Subject::Staff) => hit.category = Category::StaffName,
                    _ => {}
                }
                if known_name_at(&hit) {
                    continue;
                }
            }
            let hit = &hit;
            let mut f = self.finding(
                index,
                stack,
                hit.category,
                hit.detector,
                hit.kind,
                hit.state,
                value,
            );
            f.confidence = hit.confidence;
            // Contact details in free text count as the patient's: the header cannot say
            // whose they are, and a notification must err on the side of the patient;
            // except in an attribute that is someone else's (Institution Address, a
            // physician's phone), where they are that party's.
            use detect::kind;
            let contact = matches!(hit.kind, kind::PHONE | kind::EMAIL | kind::STREET_ADDRESS);
            // An address of a role or a department (`radiology.reading@`, `pacs-support@`)
            // is the institution's, wherever it is written.
            let role_email = hit.kind == kind::EMAIL && is_role_mailbox(value);
            // So is a toll-free number or a vendor's service line (`Siemens service 0800
            // 123 4567`).
            let service_phone =
                hit.kind == kind::PHONE && detect::is_service_phone(text, hit.start, value);
            let other_party = owner
                .filter(|s| matches!(s, Subject::Staff | Subject::Institution | Subject::Device))
                .or((role_email || service_phone).then_some(Subject::Institution));
            let e = &self.header.elements[index];
            // A contact attribute's text is HL7-shaped (`^PRN^PH^`), not a pasted name.
            let contact_attribute = self.rule.is_some_and(|r| {
                matches!(
                    r.category,
                    Category::Phone | Category::Email | Category::Address
                )
            });
            // In a description (LO, SH), `Head^Routine` is a protocol; a caret name there
            // counts when a word of it is a known name (`Halvorsen^Ingrid^MR BRAIN`) or it
            // is written as registries write names (`CT TORAX - ZAUNSCHIRM^Irmtraud`).
            let caret_person = caret_names_are_people(e)
                || detect::caret_name_has_strong_word(&text[hit.start..hit.end])
                || detect::caret_name_has_registry_shape(&text[hit.start..hit.end]);
            if (hit.kind == kind::CARET_NAME && (contact_attribute || !caret_person))
                || (matches!(hit.kind, kind::IP | kind::DATE) && holds_versions(e.tag))
            {
                continue;
            }
            let about_patient = matches!(
                hit.kind,
                kind::KNOWN_NAME
                    | kind::SAUDI_ID
                    | kind::US_SSN
                    | kind::UK_NHS
                    | kind::IT_FISCAL_CODE
                    | kind::RECORD_NUMBER
                    | kind::URL_NAME
            ) || hit.category == Category::NationalId
                || (contact && other_party.is_none())
                || (hit.kind == kind::CARET_NAME
                    && other_party.is_none()
                    && hit.category == Category::PatientName)
                || (matches!(hit.kind, kind::NAME_CUE | kind::BARE_NAME)
                    && hit.category == Category::PatientName);
            if about_patient {
                f.subject = Subject::Patient;
                f.hipaa = hit.category.value_hipaa_letter();
                f.direct = true;
            } else if hit.kind == kind::DATE && follows_birth_cue(text, hit.start) {
                // `DOB 14/03/1958`: the patient's birth date, not a date of care.
                f.category = Category::BirthDate;
                f.subject = Subject::Patient;
                f.hipaa = Some('C');
            } else {
                f.subject = other_party.filter(|_| contact).unwrap_or(Subject::Other);
            }
            self.findings.push(f);
        }
        self.hits = hits;
        // The element is listed (its path made) only when its text gave a pair.
        let before = self.text_pairs.len();
        let element = u16::try_from(self.text_elements.len()).unwrap_or(u16::MAX);
        self.collect_text_pairs(text, element);
        if self.text_pairs.len() > before {
            let e = &self.header.elements[index];
            self.text_elements.push(TextElement {
                tag: e.tag,
                vr: e.vr,
                path: attribute_path(stack, e.tag),
                text: self.reveal.then(|| text.to_owned()),
            });
        }
    }

    /// A person's name typed where an identifier belongs (`Hutchinson, Greta` as Clinical
    /// Trial Subject ID, `SMITH^JOHN` as Other Patient ID): the patient's name, whatever the
    /// attribute is for. Placeholders and coded names stay what they are.
    fn name_in_id(&mut self, index: usize, stack: &[Frame], value: &str) {
        let value = value.trim();
        if !looks_like_a_name(value) {
            return;
        }
        let state = memo::classify(value, Category::PatientName, Vr::PN);
        if !state.leaks() {
            return;
        }
        let mut f = self.finding(
            index,
            stack,
            Category::PatientName,
            Detector::Pattern,
            detect::kind::NAME_IN_ID,
            state,
            value,
        );
        f.confidence = 0.8;
        f.subject = Subject::Patient;
        f.hipaa = Some('A');
        f.direct = true;
        self.findings.push(f);
    }

    fn national_id(&mut self, index: usize, stack: &[Frame], value: &str, id_attribute: bool) {
        let Some(hit) = detect::national_id_in_value(value, id_attribute) else {
            return;
        };
        let mut f = self.finding(
            index,
            stack,
            Category::NationalId,
            hit.detector,
            hit.kind,
            hit.state,
            value,
        );
        f.confidence = hit.confidence;
        f.subject = Subject::Patient;
        f.hipaa = Some('G');
        f.direct = true;
        self.findings.push(f);
    }

    /// Neighbouring capitalized words of free text, keyed as pairs, for the run-wide look
    /// for other files' patient names.
    fn collect_text_pairs(&mut self, text: &str, element: u16) {
        let (names, pairs) = (&self.names, &mut self.text_pairs);
        let limit = MAX_TEXT_TOKENS + self.cjk_pairs;
        memo::text_words(text, self.keyer, |words| {
            // The previous word's token and where it starts.
            let mut previous: Option<(u64, usize)> = None;
            for w in words {
                if pairs.len() >= limit {
                    return;
                }
                // The file's own name is found by name, not paired as a stranger's.
                let own = || {
                    names
                        .iter()
                        .any(|n| n.eq_ignore_ascii_case(&text[w.start..w.end]))
                };
                // A family name's particle (`Al-Mutairi`, `van Dijk`, `bin Said`) stands
                // between the words a name pairs, as the name's own tokens leave it out.
                let word = &text[w.start..w.end];
                if NAME_PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(word)) {
                    continue;
                }
                let current = w.token.filter(|_| !own());
                if let (Some((a, start)), Some(b)) = (previous, current) {
                    let key = name_pair(a, b);
                    if !pairs.iter().any(|p| p.key == key) {
                        pairs.push(TextPair {
                            key,
                            element,
                            span: span32(start, w.end),
                        });
                    }
                }
                previous = current.map(|t| (t, w.start));
            }
        });
        if !text.is_ascii() {
            self.collect_cjk_text_pairs(text, element);
        }
    }

    /// Chinese, Japanese and Korean write a name without a space or a capital (`山田太郎`,
    /// `김민준`, `王小明`): every split of a run of kanji, katakana or Hangul into a family
    /// name and a given name of one to three characters each is a candidate pair, to meet
    /// another file's `山田^太郎`. A single space may stand between the two; hiragana ends
    /// a run (`山田太郎の画像`).
    fn collect_cjk_text_pairs(&mut self, text: &str, element: u16) {
        // The run's characters, whether a space stood before each, and where each starts.
        let mut run: Vec<(char, bool, usize)> = Vec::new();
        let mut spaced = false;
        for (at, c) in text.char_indices() {
            let hiragana = matches!(u32::from(c), 0x3040..=0x309F);
            if detect::is_cjk_name_char(c) && !hiragana {
                run.push((c, spaced && !run.is_empty(), at));
                spaced = false;
            } else if matches!(c, ' ' | '\u{3000}') && !spaced && !run.is_empty() {
                spaced = true;
            } else {
                self.cjk_run_pairs(&run, element);
                run.clear();
                spaced = false;
            }
        }
        self.cjk_run_pairs(&run, element);
    }

    /// The candidate pairs of one run of CJK name characters (see
    /// [`Analyzer::collect_cjk_text_pairs`]), at most [`MAX_CJK_PAIRS`] a file.
    fn cjk_run_pairs(&mut self, run: &[(char, bool, usize)], element: u16) {
        let n = run.len().min(32);
        if n < 2 {
            return;
        }
        // The keyed token of each piece of one to three characters without a space inside,
        // by start and length.
        let keys: Vec<[Option<u64>; 3]> = (0..n)
            .map(|from| {
                std::array::from_fn(|l| {
                    let len = l + 1;
                    let inside = run.get(from + 1..from + len)?;
                    if from + len > n || inside.iter().any(|&(_, s, _)| s) {
                        return None;
                    }
                    let piece: String = run[from..from + len].iter().map(|&(c, ..)| c).collect();
                    // The file's own name is found by name, not paired as a stranger's.
                    if self.names.contains(&piece) {
                        return None;
                    }
                    Some(token_key(self.keyer, &piece))
                })
            })
            .collect();
        for i in 0..n {
            for f in 1..=3 {
                for g in 1..=3 {
                    if i + f + g > n {
                        break;
                    }
                    let (Some(a), Some(b)) = (keys[i][f - 1], keys[i + f][g - 1]) else {
                        continue;
                    };
                    if self.cjk_pairs >= MAX_CJK_PAIRS {
                        return;
                    }
                    let key = name_pair(a, b);
                    if !self.text_pairs.iter().any(|p| p.key == key) {
                        let (_, _, start) = run[i];
                        let (last, _, at) = run[i + f + g - 1];
                        self.text_pairs.push(TextPair {
                            key,
                            element,
                            span: span32(start, at + last.len_utf8()),
                        });
                        self.cjk_pairs += 1;
                    }
                }
            }
        }
    }

    /// Keyed pairs of the tokens of each of the file's patient name groups.
    fn own_name_pairs(&self) -> Vec<u64> {
        let mut pairs = Vec::new();
        for group in &self.name_groups {
            let keys: Vec<u64> = group.iter().map(|t| token_key(self.keyer, t)).collect();
            for (i, a) in keys.iter().enumerate() {
                for b in &keys[i + 1..] {
                    pairs.push(name_pair(*a, *b));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// A finding made by the attribute's own meaning (detector `tag`).
    fn attribute_finding(
        &self,
        index: usize,
        stack: &[Frame],
        category: Category,
        state: ValueState,
        value: &str,
    ) -> Finding {
        self.finding(
            index,
            stack,
            category,
            Detector::Tag,
            "attribute",
            state,
            value,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn finding(
        &self,
        index: usize,
        stack: &[Frame],
        category: Category,
        detector: Detector,
        kind: &'static str,
        state: ValueState,
        value: &str,
    ) -> Finding {
        let e = &self.header.elements[index];
        let value_key = (keyed_category(category) && state.leaks()).then(|| {
            let label = category.as_str().as_bytes();
            let v = value.trim();
            let mut buf = [0u8; 128];
            let n = label.len() + 1 + v.len();
            if v.is_ascii() && n <= buf.len() {
                // The usual short ASCII value: label, NUL, upper-cased value, on the stack.
                buf[..label.len()].copy_from_slice(label);
                buf[label.len() + 1..n].copy_from_slice(v.as_bytes());
                buf[label.len() + 1..n].make_ascii_uppercase();
                return self.keyer.key(KeyDomain::Value, &buf[..n]);
            }
            let mut owned = label.to_vec();
            owned.push(0);
            owned.extend_from_slice(v.to_uppercase().as_bytes());
            self.keyer.key(KeyDomain::Value, &owned)
        });
        Finding {
            path: attribute_path(stack, e.tag),
            tag: e.tag,
            keyword: self
                .rule
                .map_or_else(|| dictionary_keyword(e.tag), |r| r.keyword),
            vr: e.vr,
            category,
            detector,
            kind,
            state,
            confidence: if state.leaks() { 0.9 } else { 0.5 },
            shape: placeholder::shape(value, e.vr),
            value_key,
            hipaa: None,
            subject: Subject::Other,
            direct: false,
            private_creator: None,
            safe_private: false,
            value: self.reveal.then(|| value.to_owned()),
        }
    }
}

/// The value of a multi-valued element that leaks most, with its state. `None` when every
/// value is empty.
fn worst_value<'v>(
    values: &'v [std::borrow::Cow<'_, str>],
    category: Category,
    vr: Vr,
) -> Option<(ValueState, &'v str)> {
    values
        .iter()
        .map(|v| (memo::classify(v, category, vr), v.as_ref()))
        .filter(|(s, _)| *s != ValueState::Empty)
        .max_by_key(|(s, _)| *s)
}

/// File Meta's Private Information (PS3.10 7.1).
const PRIVATE_INFORMATION: Tag = Tag::new(0x0002, 0x0102);

/// Whether a private element is looked at as the bytes it holds rather than as its VR
/// says: sent as UN, or given a VR by the private dictionary (implicit VR files) other
/// than a text VR or PN. Such a slot holds what its writer put in, whatever a vendor's
/// dictionary says it should hold (an SSN in a slot the dictionary calls DS or OB).
fn read_as_un(e: &crate::reader::Element) -> bool {
    e.tag.is_private()
        && (e.vr == Vr::UN
            || e.vr_from_dictionary && !(text_worth_scanning(e.vr) || e.vr == Vr::PN))
}

/// Text VRs whose content may hold identifiers (PS3.15 E.1: the text VRs; CS values are
/// defined terms and are not searched).
fn text_worth_scanning(vr: Vr) -> bool {
    matches!(vr, Vr::LO | Vr::LT | Vr::SH | Vr::ST | Vr::UT | Vr::UC)
}

/// A value without padding and empty trailing or leading name components (`P-0193^^^^`).
fn trim_name(value: &str) -> &str {
    value.trim_matches(|c: char| c == '^' || c == '=' || c == '\0' || c.is_whitespace())
}

/// Whether a Patient ID is the code of a coded Patient's Name: the name itself (`Q-0417`),
/// one of its words (`4E71B9` of `Anon^4E71B9`, `CC110033` of `sub-CC110033`), or its
/// number under other letters or zeros (`RS0031` of `RESEARCH^SUBJ^0031`, `DLN012` of
/// `Deelnemer^12`). The number must have two digits beyond its leading zeros, and the ID
/// only one number, so that an ID that shares a stray digit with the code stays apart.
/// The Patient's Name in the sequence item that holds element `index`, as text.
fn sibling_name(h: &Header<'_>, index: usize) -> Option<String> {
    let depth = h.elements[index].depth;
    let item = (0..index).rev().find(|&i| {
        let e = &h.elements[i];
        e.kind == ElementKind::Item && e.depth == depth && e.end as usize > index
    })?;
    h.children(item)
        .find(|&i| h.elements[i].tag == Tag::new(0x0010, 0x0010))
        .and_then(|i| h.text(&h.elements[i]))
        .map(|t| t.text.into_owned())
}

fn is_code_of(name: &str, id: &str) -> bool {
    if name == id {
        return true;
    }
    // The code at the end of the ID behind the study's prefix (`038-0010` in
    // `NNC-PD-07-038-0010`): the sponsor's site and subject numbers.
    if name.len() >= 5
        && name.bytes().filter(u8::is_ascii_digit).count() >= 4
        && id.len() > name.len() + 1
        && id.ends_with(name)
        && matches!(id.as_bytes()[id.len() - name.len() - 1], b'-' | b'_')
    {
        return true;
    }
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return false;
    }
    let is_word_separator = |c: char| matches!(c, '^' | '=' | '-' | '_') || c.is_whitespace();
    if name
        .split(is_word_separator)
        .any(|w| w.eq_ignore_ascii_case(id) && w.bytes().any(|b| b.is_ascii_digit()))
    {
        return true;
    }
    let mut id_numbers = significant_numbers(id);
    let (Some(number), None) = (id_numbers.next(), id_numbers.next()) else {
        return false;
    };
    // `7` alone is too common a number; `07` written the same in both (`피험자07`, `K07`) is
    // the same code.
    let written = |v: &str| -> Vec<String> {
        v.split(|c: char| !c.is_ascii_digit())
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let same_digits = || {
        let ids = written(id);
        ids.len() == 1 && ids[0].len() >= 2 && written(name).contains(&ids[0])
    };
    (number.len() >= 2 && significant_numbers(name).any(|n| n == number)) || same_digits()
}

/// The runs of ASCII digits of `value`, each without its leading zeros (all-zero runs
/// dropped).
fn significant_numbers(value: &str) -> impl Iterator<Item = &[u8]> {
    value
        .as_bytes()
        .split(|b| !b.is_ascii_digit())
        .map(|run| &run[run.iter().take_while(|b| **b == b'0').count()..])
        .filter(|run| !run.is_empty())
}

/// The family and given names of a person name group written in CJK characters
/// (`王^小明`, `김^민준`, `山田^太郎`), one to three characters each.
fn cjk_family_and_given(group: &str) -> Option<Vec<String>> {
    let mut parts = group.split('^').map(str::trim);
    let (family, given) = (parts.next()?, parts.next()?);
    let fits =
        |p: &str| (1..=3).contains(&p.chars().count()) && p.chars().all(detect::is_cjk_name_char);
    (fits(family) && fits(given)).then(|| vec![family.to_owned(), given.to_owned()])
}

/// Adds `value` to `list` unless it is there already or the list holds
/// [`MAX_OWN_VALUES`].
/// The words of a staff member's name: those of [`detect::name_tokens`] and the short ones
/// it leaves out (`Lê`, `Wu`, `Ng`), which a signature in text repeats.
fn staff_words(name: &str) -> impl Iterator<Item = &str> {
    detect::name_words(name).filter(|token| {
        token.chars().nth(1).is_some() && token.chars().all(char::is_alphabetic)
            || detect::is_usable_name_token(token)
    })
}

fn remember(list: &mut Vec<String>, value: &str) {
    if list.len() < MAX_OWN_VALUES && !list.iter().any(|v| v == value) {
        list.push(value.to_owned());
    }
}

/// A UN value that is printable text (ASCII or UTF-8, line breaks and tabs allowed, up to
/// the 10,240 characters of an LT), trimmed.
/// The protocol names of the ASCCONV text in a Siemens CSA header (`tProtocolName\t=
/// \t""t1_mprage""`), with `_` and Siemens' `+AF8-` (UTF-7 for `_`) read as spaces, so
/// that the words of a name written there are words. At most eight, each of at most 256
/// bytes, and Latin-1 bytes read as such.
fn csa_protocol_names(bytes: &[u8]) -> Vec<String> {
    const KEY: &[u8] = b"tProtocolName";
    let mut names = Vec::new();
    let mut from = 0;
    while names.len() < 8 {
        let Some(at) = bytes
            .get(from..)
            .and_then(|b| b.windows(KEY.len()).position(|w| w == KEY))
        else {
            break;
        };
        let mut i = from + at + KEY.len();
        from = i;
        while matches!(bytes.get(i), Some(b' ' | b'\t' | b'=')) {
            i += 1;
        }
        while bytes.get(i) == Some(&b'"') {
            i += 1;
        }
        let Some(len) = bytes
            .get(i..)
            .and_then(|b| b.iter().take(256).position(|&c| c == b'"' || c < b' '))
        else {
            continue;
        };
        let raw: String = bytes[i..i + len].iter().map(|&c| char::from(c)).collect();
        let name = raw.replace("+AF8-", " ").replace('_', " ");
        if name.chars().any(char::is_alphanumeric) {
            names.push(name);
        }
    }
    names
}

/// Six digits or more, with dashes or a slash between groups and nothing else
/// (`497-148-690`, `2014/674897`): no sequence's or coil's name is so written.
fn is_number_in_protocol_name(token: &str) -> bool {
    let digits = token.bytes().filter(u8::is_ascii_digit).count();
    digits >= 6
        && token
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'/')
        && token.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

fn un_as_text<'h>(
    h: &'h Header<'_>,
    e: &crate::reader::Element,
) -> Option<std::borrow::Cow<'h, str>> {
    use std::borrow::Cow;
    let b = crate::reader::header::trim_padding(h.value_bytes(e));
    if b.is_empty() || b.len() > 10_240 {
        return None;
    }
    // UTF-8 (ASCII included) as it is; other bytes in the character set in force there,
    // as the writer would have encoded the LO or PN this value was before it became UN
    // (`ZZLINDQVIST^Göran` in ISO_IR 100, a Cyrillic name in ISO_IR 144).
    // ISO 2022 escape sequences are ASCII, so valid UTF-8, but only the character set
    // decodes the bytes between them (`Kohiruimaki^Ryoko=ESC $ B ...`).
    let escaped = b.contains(&0x1B);
    let t: Cow<'h, str> = match std::str::from_utf8(b) {
        Ok(t) if !escaped => Cow::Borrowed(t),
        _ => {
            let decoded = h
                .charset_of(e)
                .decode(b, crate::reader::charset::TextKind::Text);
            // Bytes no character set maps are binary, not text.
            if decoded.text.contains('\u{FFFD}') {
                return None;
            }
            decoded.text
        }
    };
    let printable = t
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\r' | '\n' | '\t'));
    if !(printable && t.chars().any(char::is_alphanumeric)) {
        return None;
    }
    Some(match t {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
    })
}

/// A record-number-shaped value: one to four letters, an optional separator, then five to
/// twelve digits (`MRN-0041723`, `ZX7730023`). Plain numbers are not enough: private blocks
/// are full of them.
fn looks_like_record_number(v: &str) -> bool {
    let v = v.trim();
    let letters = v.chars().take_while(char::is_ascii_alphabetic).count();
    if !(1..=4).contains(&letters) {
        return false;
    }
    // A word that says whose number it is, when it is a device's, a product's or a
    // department's: `SN 48211`, `LOT 2291047`, `Dept tel 020 7946 0123`.
    let not_a_patient = v
        .split(['-', '_', '/', ' ', '.', ':', '#'])
        .take_while(|g| g.bytes().all(|b| b.is_ascii_alphabetic()))
        .any(|g| {
            NON_PATIENT_NUMBER_WORDS
                .iter()
                .any(|w| w.eq_ignore_ascii_case(g))
        });
    let serial = v.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("S/N"));
    if not_a_patient || serial {
        return false;
    }
    let rest = v[letters..].trim_start_matches(['-', '_', ' ', '/']);
    if (5..=12).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    // Hospital and site codes before the number, and a number in groups: `HK-QMH-2291047`,
    // `KH/2024/118832`. Up to three short letter groups, then only digit groups.
    let mut groups = v.split(['-', '_', '/', ' ']).filter(|g| !g.is_empty());
    let mut letter_groups = 0;
    let mut digits = 0;
    for g in groups.by_ref() {
        if g.bytes().all(|b| b.is_ascii_alphabetic()) && g.len() <= 4 && digits == 0 {
            letter_groups += 1;
        } else if g.bytes().all(|b| b.is_ascii_digit()) {
            digits += g.len();
        } else {
            return false;
        }
    }
    (1..=3).contains(&letter_groups) && (7..=12).contains(&digits)
}

/// Words before a number that make it a device's, a product's, a department's or a
/// telephone's rather than a record number.
const NON_PATIENT_NUMBER_WORDS: &[&str] = &[
    "SN", "SER", "SERIAL", "SNR", "LOT", "REF", "CAT", "TEL", "TELE", "FAX", "PH", "PHONE", "EXT",
    "REV", "VER", "SW", "FW", "HW", "DEPT", "DEP", "ROOM", "RM", "BAY", "INV", "PO", "QA", "QC",
];

/// Sixteen to forty digits and nothing else, and not shaped as a Chinese resident ID (18
/// digits with a birth date YYYYMMDD from the seventh).
fn is_long_decimal_hash(v: &str) -> bool {
    let b = v.as_bytes();
    if !(16..=40).contains(&b.len()) || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let birth_date = b.len() == 18 && looks_like_date(&v[6..14]);
    !birth_date
}

/// A plain number of 6 to 12 digits: a record number only where the block says so.
fn is_plain_record_number(v: &str) -> bool {
    let v = v.trim();
    (6..=12).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit())
}

/// Six to sixteen digits in groups joined by `/` or `-` (`2023/27034`, a register's year
/// and entry; `12-345678`): how a records system writes its numbers. Dates are told
/// apart before.
fn is_grouped_record_number(v: &str) -> bool {
    let b = v.trim().as_bytes();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    (6..=16).contains(&digits)
        && b.len() <= 20
        && b.first().is_some_and(u8::is_ascii_digit)
        && b.last().is_some_and(u8::is_ascii_digit)
        && b.iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'/' | b'-'))
}

/// Private attributes that vendors define to hold the patient's name or ID (from the
/// private dictionaries DCMTK, GDCM and pydicom share): creator, group, element within the
/// block, and what it holds.
const PRIVATE_PATIENT_ATTRIBUTES: &[(&str, u16, u8, Category)] = &[
    ("BRIT Systems, Inc.", 0x0021, 0x11, Category::PatientId),
    (
        "MITRA LINKED ATTRIBUTES 1.0",
        0x0031,
        0x20,
        Category::PatientId,
    ),
    (
        "MITRA OBJECT UTF8 ATTRIBUTES 1.0",
        0x0033,
        0x02,
        Category::PatientName,
    ),
    (
        "MITRA OBJECT UTF8 ATTRIBUTES 1.0",
        0x0033,
        0x13,
        Category::PatientName,
    ),
    (
        "MITRA OBJECT UTF8 ATTRIBUTES 1.0",
        0x0033,
        0x14,
        Category::PatientName,
    ),
    (
        "MITRA OBJECT UTF8 ATTRIBUTES 1.0",
        0x0033,
        0x15,
        Category::PatientName,
    ),
    ("SIEMENS CM VA0  CMS", 0x0013, 0x20, Category::PatientName),
    ("SIEMENS CM VA0  CMS", 0x0013, 0x22, Category::PatientId),
    ("SIEMENS CM VA0  CMS", 0x0013, 0x32, Category::PatientName),
    ("SIEMENS ISI", 0x0011, 0x04, Category::PatientId),
    ("SIEMENS ISI", 0x0011, 0xB0, Category::PatientName),
    ("SIEMENS ISI", 0x0011, 0xB2, Category::PatientName),
    ("SIEMENS RIS", 0x0011, 0x11, Category::PatientId),
    ("SIENET", 0x0091, 0x20, Category::PatientName),
    ("TOSHIBA_MEC_OT3", 0x7019, 0x85, Category::PatientId),
];

/// What a vendor's private attribute holds, when it is one of
/// [`PRIVATE_PATIENT_ATTRIBUTES`].
fn private_patient_attribute(creator: &str, tag: Tag) -> Option<Category> {
    let creator = creator.trim_matches([' ', '\0']);
    let element = (tag.element() & 0xFF) as u8;
    PRIVATE_PATIENT_ATTRIBUTES
        .iter()
        .find(|(c, g, e, _)| *g == tag.group() && *e == element && *c == creator)
        .map(|&(.., category)| category)
}

/// Whether a private creator names a hospital's patient systems: a word of it is HIS, RIS,
/// PAS, ADT, EMR, EHR, EPR, MPI (the information, registration and record systems), or
/// PATIENT, DEMOGRAPHICS (`KFSHRC_HIS 1.0`, `ACME PATIENT DATA`).
fn is_records_creator(creator: &str) -> bool {
    const WORDS: &[&str] = &[
        "ADT",
        "DEMOGRAPHIC",
        "DEMOGRAPHICS",
        "EHR",
        "EMR",
        "EPR",
        "HIS",
        // Vendors' blocks of the patient's identity: GE's `GEMS_PATI_01`, Sectra's
        // `SECTRA_Ident_01`.
        "IDENT",
        "MPI",
        "PAS",
        "PATI",
        "PATIENT",
        "RIS",
    ];
    creator
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| WORDS.iter().any(|x| x.eq_ignore_ascii_case(w)))
}

/// The standard's keyword of a tag our table does not list (`SoftwareVersions`), or `""`
/// for a private or unknown tag.
fn dictionary_keyword(tag: Tag) -> &'static str {
    use dicom_core::dictionary::DataDictionary;
    if tag.is_private() {
        return "";
    }
    dicom_dictionary_std::StandardDataDictionary
        .by_tag(dicom_core::Tag(tag.group(), tag.element()))
        .map_or("", |entry| entry.alias)
}

/// Attributes that hold version numbers and release dates of software and hardware:
/// `2.6.3.6` there is a version, not an IP address, and `2023.1.4` not a date.
fn holds_versions(tag: Tag) -> bool {
    matches!(
        tag.0,
        0x0018_1019 // Secondary Capture Device Software Versions
            | 0x0018_101A // Hardware Version
            | 0x0018_1020 // Software Versions
            | 0x0002_0013 // Implementation Version Name
    )
}

/// Whether a birth cue (`DOB`, `D.O.B.`, `born`, `birth`, `geb.`, `né(e)`, `تاريخ الميلاد`)
/// stands in the 24 bytes before `start` with no digit between it and the date.
fn follows_birth_cue(text: &str, start: usize) -> bool {
    const CUES: &[&str] = &[
        "dob",
        "d.o.b",
        "born",
        "birth",
        "geb",
        "né",
        "nacimiento",
        "الميلاد",
    ];
    let mut from = start.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..start].to_lowercase();
    CUES.iter().any(|c| {
        before
            .rfind(c)
            .is_some_and(|at| !before[at..].bytes().any(|b| b.is_ascii_digit()))
    })
}

/// Whether an e-mail address is a role's or a department's: its local part holds a word
/// of a service, not of a person.
fn is_role_mailbox(address: &str) -> bool {
    const ROLES: &[&str] = &[
        "admin",
        "appointments",
        "contact",
        "dept",
        "department",
        "desk",
        "enquiries",
        "help",
        "helpdesk",
        "imaging",
        "info",
        "it",
        "mail",
        "noreply",
        "office",
        "pacs",
        "radiology",
        "reading",
        "reception",
        "referrals",
        "results",
        "service",
        "support",
        "team",
        // The same in German, French, Spanish, Italian, Dutch, Portuguese.
        "radiologie",
        "radiologia",
        "sekretariat",
        "anmeldung",
        "kontakt",
        "termine",
        "praxis",
        "secretariat",
        "accueil",
        "rendezvous",
        "secretaria",
        "citas",
        "contacto",
        "segreteria",
        "prenotazioni",
        "afspraken",
        "receptie",
        "marcacoes",
        "imagerie",
        "bildgebung",
    ];
    let local = address.split('@').next().unwrap_or("").to_ascii_lowercase();
    local
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| ROLES.contains(&w))
}

/// Text that names codes or how the file was de-identified, never a person: De-
/// identification Method (0012,0063) and everything in its code sequence (0012,0064), and
/// the parts of any code (Code Value, Coding Scheme: PS3.3 8.8), and the description of a
/// coding scheme (0008,0110). Searched as free text, the standard's own option names read
/// as names after a cue ("Retain Patient Characteristics Option"). A Code Meaning outside
/// those is searched: sites write their own procedure codes, and a request's text ends up
/// there (`CT abdomen pt ID K88412093`).
fn describes_codes_or_deidentification(tag: Tag, stack: &[Frame]) -> bool {
    const DEIDENTIFICATION_METHOD: u32 = 0x0012_0063;
    const DEIDENTIFICATION_METHOD_CODES: Tag = Tag::new(0x0012, 0x0064);
    let code_part = matches!(
        tag.0,
        0x0008_0100 // Code Value
            | 0x0008_0102 // Coding Scheme Designator
            | 0x0008_0103 // Coding Scheme Version
            | 0x0008_0119 // Long Code Value
            | 0x0008_0120 // URN Code Value
    );
    // The items of Coding Scheme Identification Sequence describe a coding scheme: its
    // name, version and the organization responsible for it (`OFFIS, Escherweg 2`).
    const CODING_SCHEME_IDENTIFICATION: Tag = Tag::new(0x0008, 0x0110);
    // An SR item's concept name, coded value or unit is a term of a vocabulary (`Text`,
    // `Finding`, `mm`), which a patient's name token can match by chance.
    let vocabulary_term = tag.0 == 0x0008_0104
        && stack.last().is_some_and(|f| {
            matches!(
                f.tag.0,
                0x0040_A043 // Concept Name Code Sequence
                    | 0x0040_A168 // Concept Code Sequence
                    | 0x0040_08EA // Measurement Units Code Sequence
            )
        });
    code_part
        || vocabulary_term
        || tag.0 == DEIDENTIFICATION_METHOD
        || stack.iter().any(|f| {
            f.tag == DEIDENTIFICATION_METHOD_CODES || f.tag == CODING_SCHEME_IDENTIFICATION
        })
}

/// Whether a name in PN form (`DOE^JANE`) in this element's text is a person: only in
/// the long text VRs of comments and histories (LT, ST, UT). Shorter strings use `^` for
/// other things: HL7 components of a location or service (`SGH^ER`), and the protocol
/// trees vendors write into descriptions (`Head^Advanced`).
fn caret_names_are_people(e: &crate::reader::Element) -> bool {
    matches!(e.vr, Vr::LT | Vr::ST | Vr::UT)
}

/// `FAMILY, GIVEN`-shaped text: two words of letters around one comma.
fn looks_like_comma_name(v: &str) -> bool {
    let Some((family, given)) = v.split_once(',') else {
        return false;
    };
    let word = |w: &str| {
        let w = w.trim();
        w.chars().count() >= 2 && w.chars().all(|c| c.is_alphabetic() || " -'.".contains(c))
    };
    !given.contains(',')
        && word(family)
        && word(given)
        && family.trim().chars().any(char::is_uppercase)
}

/// A whole value written as a person's name: `FAMILY^GIVEN`, `Family, Given`, or a given
/// name and a surname with spaces (`Tanaka Hiroshi`, `田中 宏`).
fn looks_like_a_name(v: &str) -> bool {
    looks_like_person_name(v) || detect::looks_like_spaced_name(v)
}

/// `FAMILY^GIVEN`-shaped text with letters in at least two components, or a whole person
/// name value with its ideographic and phonetic groups (`Hwangbo^Seok=皇甫^碩=황보^석`),
/// one group of which is so shaped and the others empty or so shaped.
fn looks_like_person_name(v: &str) -> bool {
    if !v.contains('^') {
        return looks_like_comma_name(v);
    }
    if v.contains('=') {
        let mut groups = v.split('=');
        let count = groups.clone().count();
        return count <= 3
            && groups
                .clone()
                .any(|g| g.contains('^') && caret_name_group(g))
            && groups.all(|g| g.trim().is_empty() || !g.contains('^') || caret_name_group(g));
    }
    caret_name_group(v)
}

/// One group of a person name, `FAMILY^GIVEN^...`, with letters in two components.
fn caret_name_group(v: &str) -> bool {
    // Letters, and the vowel signs and viramas of Indic and Thai script (not alphabetic in
    // Unicode's sense, and inside every name written in them: `चतुर्वेदी^हरिप्रसाद`).
    let letter = |c: char| {
        c.is_alphabetic()
            || matches!(u32::from(c), 0x0300..=0x036F | 0x0900..=0x0DFF | 0x0E00..=0x0E7F)
    };
    let parts: Vec<&str> = v.split('^').collect();
    parts.len() >= 2
        && parts.len() <= 5
        && parts
            .iter()
            .filter(|p| {
                // One kanji, hanzi or Hangul syllable is a whole family or given name
                // (`井上^誠`, `백^소라`).
                let letters = p.chars().filter(|&c| letter(c)).count();
                letters >= 2 || (letters == 1 && p.trim().chars().all(detect::is_cjk_name_char))
            })
            .count()
            >= 2
        && v.chars().all(|c| letter(c) || " ^-'.,".contains(c))
}

/// An 8-digit value that is a valid YYYYMMDD date between 1880 and 2100.
fn looks_like_date(v: &str) -> bool {
    let v = v.trim();
    if v.len() != 8 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let n = |r: std::ops::Range<usize>| v[r].parse::<u32>().unwrap_or(0);
    let (y, m, d) = (n(0..4), n(4..6), n(6..8));
    (1880..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// `(gggg,eeee)[i]/(gggg,eeee)` from the sequence stack down to the element.
/// The path of the sequences and items around an element: `(0400,0561)[0]/`, with room
/// for the element's own tag after it.
fn frames_path(stack: &[Frame]) -> String {
    let mut s = String::with_capacity(12 * (stack.len() + 1) + 4 * stack.len());
    for f in stack {
        f.tag.push_to(&mut s);
        let _ = write!(s, "[{}]/", f.item);
    }
    s
}

fn attribute_path(stack: &[Frame], tag: Tag) -> String {
    let mut s = frames_path(stack);
    tag.push_to(&mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Secret;

    /// An implicit VR little endian element (PS3.5 7.1.3): tag, 4-byte length, value
    /// padded to even length with a space.
    fn implicit(group: u16, element: u16, value: &[u8]) -> Vec<u8> {
        let mut v = value.to_vec();
        if v.len() % 2 == 1 {
            v.push(b' ');
        }
        let mut out = Vec::new();
        out.extend_from_slice(&group.to_le_bytes());
        out.extend_from_slice(&element.to_le_bytes());
        out.extend_from_slice(&(v.len() as u32).to_le_bytes());
        out.extend_from_slice(&v);
        out
    }

    /// An item of defined length (PS3.5 7.5.1): (FFFE,E000), length, the elements.
    fn item(elements: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = elements.concat();
        let mut out = vec![0xFE, 0xFF, 0x00, 0xE0];
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// An item of a code sequence: Code Value, Coding Scheme Designator, Code Meaning
    /// (PS3.3 8.8).
    fn code_item(value: &[u8], scheme: &[u8], meaning: &[u8]) -> Vec<u8> {
        item(&[
            implicit(0x0008, 0x0100, value),
            implicit(0x0008, 0x0102, scheme),
            implicit(0x0008, 0x0104, meaning),
        ])
    }

    fn findings_of(bytes: &[u8]) -> Vec<Finding> {
        let h = crate::reader::read(bytes);
        let keyer = Keyer::new(&Secret::from_bytes(vec![7; 32]).expect("32 bytes"));
        assess(&h, &keyer, true).findings
    }

    #[test]
    fn a_private_sequence_sent_as_un_in_an_implicit_file_is_walked() {
        // Raw implicit VR LE data set: a placeholder name, then a private block whose
        // (0035,1001) the reader cannot know is a sequence: a defined length holding one
        // item with the patient's name and ID.
        let nested = item(&[
            implicit(0x0010, 0x0010, b"ZZSTROUD^Eleanor"),
            implicit(0x0010, 0x0020, b"72014455"),
        ]);
        let bytes = [
            implicit(0x0010, 0x0010, b"ANONYMOUS"),
            implicit(0x0035, 0x0010, b"ZZ ORDERS"),
            implicit(0x0035, 0x1001, &nested),
        ]
        .concat();
        let findings = findings_of(&bytes);
        let name = findings
            .iter()
            .find(|f| f.path == "(0035,1001)[0]/(0010,0010)")
            .expect("the nested name");
        assert!(name.direct && name.state.leaks());
        assert_eq!(name.private_creator.as_deref(), Some("ZZ ORDERS"));
        assert!(
            findings
                .iter()
                .any(|f| f.path == "(0035,1001)[0]/(0010,0020)" && f.direct)
        );
    }

    #[test]
    fn vendor_patient_attributes_cjk_names_and_names_in_safe_slots_are_direct() {
        // (0031,xx20) of MITRA LINKED ATTRIBUTES 1.0 is Agfa's Global Patient ID: a plain
        // number there is the patient's.
        let mitra = [
            implicit(0x0031, 0x0010, b"MITRA LINKED ATTRIBUTES 1.0"),
            implicit(0x0031, 0x1020, b"0048817"),
        ]
        .concat();
        let found = findings_of(&mitra);
        assert!(
            found
                .iter()
                .any(|f| f.tag == Tag::new(0x0031, 0x1020) && f.direct),
            "{found:?}"
        );
        // The same number under a vendor's creator is one of its many numbers.
        let other = [
            implicit(0x0031, 0x0010, b"GEMS_ACQU_01"),
            implicit(0x0031, 0x1020, b"0048817"),
        ]
        .concat();
        assert!(findings_of(&other).iter().all(|f| !f.direct));
        // A one-character given name in CJK: still a name in PN form.
        let mut cjk = implicit(0x0008, 0x0005, b"ISO_IR 192");
        cjk.extend(implicit(0x0019, 0x0010, b"AGFA"));
        cjk.extend(implicit(0x0019, 0x1010, "井上^誠".as_bytes()));
        assert!(findings_of(&cjk).iter().any(|f| f.direct));
        // ELSCINT1 (00E1,xx21) is on the safe private list; a known name in it leaks.
        let safe = |value: &[u8]| {
            [
                implicit(0x00E1, 0x0010, b"ELSCINT1"),
                implicit(0x00E1, 0x1021, value),
            ]
            .concat()
        };
        assert!(
            findings_of(&safe(b"Vermeulen^Pieter"))
                .iter()
                .any(|f| f.direct)
        );
        assert!(
            findings_of(&safe(b"Head^Routine"))
                .iter()
                .all(|f| !f.direct)
        );
    }

    #[test]
    fn plain_numbers_count_in_patient_system_and_unlisted_blocks_not_in_vendors() {
        // (0031,0010) private creator, then (0031,1010) and (0031,1011): a Saudi national
        // ID (Luhn-valid, starting with 1) and a plain 8-digit number.
        let block = |creator: &[u8]| {
            [
                implicit(0x0031, 0x0010, creator),
                implicit(0x0031, 0x1010, b"1119024782"),
                implicit(0x0031, 0x1011, b"40917263"),
            ]
            .concat()
        };
        let his = findings_of(&block(b"KFSHRC_HIS 1.0"));
        assert!(
            his.iter()
                .any(|f| f.tag == Tag::new(0x0031, 0x1010) && f.kind == detect::kind::SAUDI_ID)
        );
        assert!(
            his.iter()
                .any(|f| f.tag == Tag::new(0x0031, 0x1011) && f.direct && f.kind == "id_like")
        );
        // A vendor's block (one its dictionary lists) is full of serials and counters.
        let vendor = findings_of(&block(b"GEMS_ACQU_01"));
        assert!(vendor.iter().all(|f| !f.direct), "{vendor:?}");
        // A block no dictionary lists: a number of seven digits or more is a record number.
        let site = findings_of(&block(b"ACME MR RECON 2"));
        assert!(
            site.iter().any(|f| f.direct && f.kind == "id_like"),
            "{site:?}"
        );
    }

    #[test]
    fn a_ctp_hash_as_the_id_is_a_pseudonym_and_a_hospitals_number_is_not() {
        let file = |id: &[u8], issuer: &[u8]| {
            [
                implicit(0x0010, 0x0010, b""),
                implicit(0x0010, 0x0020, id),
                implicit(0x0010, 0x0021, issuer),
                implicit(0x0012, 0x0062, b"YES"),
                implicit(
                    0x0012,
                    0x0063,
                    b"CTP Default: based on DICOM PS3.15 AnnexE. Details in 0012,0064",
                ),
            ]
            .concat()
        };
        let a = assessment_of(&file(b"6932013905", b""));
        assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        // With its issuer, or of another length than the hash's, it is the hospital's.
        assert!(
            assessment_of(&file(b"6932013905", b"Ain Shams University Hospital"))
                .grade
                .has_direct_identifier
        );
        assert!(
            assessment_of(&file(b"22265523", b""))
                .grade
                .has_direct_identifier
        );
    }

    #[test]
    fn names_and_ids_that_are_fillers_labels_or_objects_are_no_patient() {
        for (name, id) in [
            // A form's field labels, the John Does of Norway and Korea.
            ("Nom^Prénom".as_bytes(), &b"NONE"[..]),
            ("Efternamn^Förnamn".as_bytes(), b"ID"),
            (b"Nordmann^Kari", b"N/A"),
            // A one-letter name.
            (b"X^X", b"SUBJ-0001"),
            // A QA device named by its product, labelled in the ID; a phantom's kind.
            (b"ArcCHECK", b"PHANTOM"),
            (b"Anthropomorphic^Head", b"QA-20120202"),
            // A teaching file's code in the name beside it as the ID; a numbered no-ID.
            (b"TFS^MIRC-4592", b"MIRC-4592"),
            (b"NOID767", b"NOID767"),
            // A teaching file's label and its key; a code written as the name's parts.
            (b"Case of the Week 17", b"TF5817"),
            (b"Teaching^Case 12", b"TF4612"),
            (b"P34^V4", b"P34-V4"),
        ] {
            let a = assessment_of_name_and_id(name, id);
            assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        }
    }

    #[test]
    fn a_site_and_subject_code_as_the_id_of_a_deidentified_file_is_its_pseudonym() {
        let file = |removed: &[u8]| {
            [
                implicit(0x0010, 0x0010, b"^"),
                implicit(0x0010, 0x0020, b"027-0187"),
                implicit(0x0012, 0x0062, removed), // Patient Identity Removed
            ]
            .concat()
        };
        let a = assessment_of(&file(b"YES"));
        assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        // Without the claim, it could be a hospital's number.
        assert!(assessment_of(&file(b"NO")).grade.has_direct_identifier);
    }

    #[test]
    fn a_phantoms_id_in_a_directory_record_is_its_label() {
        // A DICOMDIR's Directory Record Sequence (0004,1220): a phantom's record and a
        // patient's.
        let record = |name: &[u8], id: &[u8]| {
            item(&[
                implicit(0x0004, 0x1430, b"PATIENT"),
                implicit(0x0010, 0x0010, name),
                implicit(0x0010, 0x0020, id),
            ])
        };
        let records = |second: Vec<u8>| {
            let body = [record(b"QA^PHANTOM", b"QA-20220506"), second].concat();
            [
                0x04, 0x00, 0x20, 0x12, // (0004,1220)
            ]
            .into_iter()
            .chain((body.len() as u32).to_le_bytes())
            .chain(body)
            .collect::<Vec<u8>>()
        };
        let a = assessment_of(&records(record(b"ANON^002", b"SUBJ-0002")));
        assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        let a = assessment_of(&records(record(b"ANON^002", b"40917733")));
        assert!(a.grade.has_direct_identifier, "{:#?}", a.findings);
    }

    #[test]
    fn a_patient_id_that_repeats_the_trial_subject_id_is_a_pseudonym() {
        use ValueState::{Pseudonym, RealLooking};
        // Patient's Name, Patient ID, Clinical Trial Subject ID, and the ID's state.
        for (name, id, subject, state) in [
            (
                &b"ANONYMOUS"[..],
                &b"017-0042"[..],
                &b"017-0042"[..],
                Pseudonym,
            ),
            (b"100307", b"100307", b"100307", Pseudonym),
            (b"ANONYMOUS", b"017-0042", b"017-0043", RealLooking),
            // The subject code behind the study's prefix.
            (b"038-0010", b"NNC-PD-07-038-0010", b"038-0010", Pseudonym),
            (
                b"ANONYMOUS",
                b"NNC-PD-07-038-0011",
                b"038-0010",
                RealLooking,
            ),
        ] {
            let bytes = [
                implicit(0x0010, 0x0010, name),
                implicit(0x0010, 0x0020, id),
                implicit(0x0012, 0x0040, subject),
            ]
            .concat();
            let found = findings_of(&bytes)
                .into_iter()
                .find(|f| f.tag == Tag::new(0x0010, 0x0020))
                .map(|f| f.state);
            assert_eq!(found, Some(state), "{:?}", String::from_utf8_lossy(id));
        }
    }

    #[test]
    fn a_un_value_that_only_starts_like_an_item_stays_a_value() {
        let bytes = [
            implicit(0x0035, 0x0010, b"ZZ ORDERS"),
            implicit(0x0035, 0x1001, &[0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0x00]),
        ]
        .concat();
        assert!(findings_of(&bytes).iter().all(|f| !f.path.contains("[0]")));
    }

    #[test]
    fn an_sr_text_item_coded_as_the_subject_id_is_the_patient_id() {
        // (0040,A730) Content Sequence, one TEXT item whose concept name is
        // (121030, DCM, "Subject ID") and whose Text Value is a bare number.
        let concept = code_item(b"121030", b"DCM", b"Subject ID");
        let content = item(&[
            implicit(0x0040, 0xA040, b"TEXT"),
            implicit(0x0040, 0xA043, &concept),
            implicit(0x0040, 0xA160, b"40917263"),
        ]);
        let other = item(&[
            implicit(0x0040, 0xA040, b"TEXT"),
            implicit(0x0040, 0xA160, b"40917264"),
        ]);
        let bytes = [
            implicit(0x0010, 0x0010, b"ANONYMOUS"),
            implicit(0x0040, 0xA730, &[content, other].concat()),
        ]
        .concat();
        let findings = findings_of(&bytes);
        let id: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.category == Category::PatientId)
            .collect();
        assert_eq!(id.len(), 1, "{findings:#?}");
        assert_eq!(id[0].path, "(0040,A730)[0]/(0040,A160)");
        assert!(id[0].direct);
    }

    fn assessment_of(bytes: &[u8]) -> Assessment {
        let h = crate::reader::read(bytes);
        let keyer = Keyer::new(&Secret::from_bytes(vec![7; 32]).expect("32 bytes"));
        assess(&h, &keyer, true)
    }

    /// The assessment of a data set of a Patient's Name and a Patient ID alone.
    fn assessment_of_name_and_id(name: &[u8], id: &[u8]) -> Assessment {
        assessment_of(&[implicit(0x0010, 0x0010, name), implicit(0x0010, 0x0020, id)].concat())
    }

    fn state_of(findings: &[Finding], category: Category) -> Option<ValueState> {
        findings
            .iter()
            .find(|f| f.category == category && f.detector == Detector::Tag)
            .map(|f| f.state)
    }

    #[test]
    fn a_patient_id_repeating_a_coded_patient_name_is_that_pseudonym() {
        // Patient's Name a code with empty trailing components, Patient ID the same code.
        let bytes = [
            implicit(0x0010, 0x0010, b"Q-0417^^^^"),
            implicit(0x0010, 0x0020, b"Q-0417"),
        ]
        .concat();
        let a = assessment_of(&bytes);
        assert_eq!(
            state_of(&a.findings, Category::PatientName),
            Some(ValueState::Pseudonym)
        );
        assert_eq!(
            state_of(&a.findings, Category::PatientId),
            Some(ValueState::Pseudonym)
        );
        assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
    }

    #[test]
    fn a_patient_id_that_is_the_code_part_or_number_of_a_coded_name_is_that_pseudonym() {
        for (name, id) in [
            (&b"Anon^7C2F0A"[..], &b"7C2F0A"[..]),
            (b"NLST-204417", b"204417"),
            (b"ABIDE^0051234", b"0051234"),
            (b"PPMI^4410", b"4410"),
            (b"sub-QZ220417", b"QZ220417"),
            (b"RESEARCH^SUBJ^0047", b"RS0047"),
            (b"Deelnemer^27", b"DLN027"),
            // A subject's code after the word for subject in Chinese, Japanese, Korean.
            ("受试者S-012".as_bytes(), b"S-012"),
            ("被験者031".as_bytes(), b"J-031"),
            ("피험자07".as_bytes(), b"K07"),
        ] {
            let a = assessment_of_name_and_id(name, id);
            assert_eq!(
                state_of(&a.findings, Category::PatientName),
                Some(ValueState::Pseudonym),
                "{:#?}",
                a.findings
            );
            assert_eq!(
                state_of(&a.findings, Category::PatientId),
                Some(ValueState::Pseudonym),
                "{:#?}",
                a.findings
            );
            assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        }
    }

    #[test]
    fn a_patient_id_sharing_little_with_a_coded_name_or_beside_a_real_name_stays_real() {
        // Another number, a single shared digit, two numbers in the ID, or a real name
        // beside a numeric MRN: the hospital's identifier.
        for (name, id) in [
            (&b"PPMI^4410"[..], &b"4411"[..]),
            (b"Deelnemer^7", b"DLN007"),
            (b"RESEARCH^SUBJ^0047", b"47-2290471"),
            (b"Zyxwer^Anna", b"0047"),
        ] {
            let a = assessment_of_name_and_id(name, id);
            assert_eq!(
                state_of(&a.findings, Category::PatientId),
                Some(ValueState::RealLooking),
                "{:?}",
                std::str::from_utf8(id)
            );
            assert!(a.grade.has_direct_identifier);
        }
    }

    #[test]
    fn a_patient_id_that_extends_a_coded_name_is_its_pseudonym() {
        // XNAT names a subject and its sessions so; a research pipeline writes one code
        // in both.
        for (name, id) in [
            (&b"CA_0887"[..], &b"CA_0887_MR2"[..]),
            (b"PROJ01-S480", b"PROJ01-S480"),
        ] {
            let a = assessment_of_name_and_id(name, id);
            assert_eq!(
                state_of(&a.findings, Category::PatientId),
                Some(ValueState::Pseudonym)
            );
            assert!(!a.grade.has_direct_identifier);
        }
    }

    #[test]
    fn a_short_hex_id_beside_a_removed_name_is_a_hash() {
        for (name, id, pseudonym) in [
            (&b"SUBJECT^0107"[..], &b"49493997665B"[..], true),
            (b"DEIDENTIFIED", b"708C07475219", true),
            // Beside a real name, a site's number with a check letter.
            (b"Zyxwer^Anna", b"708C07475219", false),
        ] {
            let a = assessment_of_name_and_id(name, id);
            let want = if pseudonym {
                ValueState::Pseudonym
            } else {
                ValueState::RealLooking
            };
            assert_eq!(state_of(&a.findings, Category::PatientId), Some(want));
        }
    }

    #[test]
    fn service_patients_teaching_files_and_pseudonymous_issuers_are_no_leak() {
        let cases: [&[Vec<u8>]; 3] = [
            &[
                implicit(0x0010, 0x0010, b"SERVICE"),
                implicit(0x0010, 0x0020, b"CAL-DETECTOR"),
            ],
            &[
                implicit(0x0010, 0x0010, b"ANONYMOUS^TEACHING"),
                implicit(0x0010, 0x0020, b"TF-5518"),
            ],
            &[
                implicit(0x0010, 0x0010, b"5591B924"),
                implicit(0x0010, 0x0020, b"0EFBF9C9"),
                implicit(
                    0x0010,
                    0x1002,
                    &item(&[
                        implicit(0x0010, 0x0020, b"05-0286"),
                        implicit(0x0010, 0x0021, b"TRIAL_SUBJ"),
                    ]),
                ),
            ],
        ];
        for elements in cases {
            let a = assessment_of(&elements.concat());
            assert!(!a.grade.has_direct_identifier, "{:?}", a.findings);
        }
        // The same ID from a hospital's issuer is one.
        let bytes = [
            implicit(0x0010, 0x0010, b"5591B924"),
            implicit(
                0x0010,
                0x1002,
                &item(&[
                    implicit(0x0010, 0x0020, b"05-0286"),
                    implicit(0x0010, 0x0021, b"ST_MARYS"),
                ]),
            ),
        ]
        .concat();
        assert!(assessment_of(&bytes).grade.has_direct_identifier);
    }

    #[test]
    fn a_dose_report_participant_is_staff() {
        let concept = code_item(b"113870", b"DCM", b"Person Name");
        let content = item(&[
            implicit(0x0040, 0xA040, b"PNAME"),
            implicit(0x0040, 0xA043, &concept),
            implicit(0x0040, 0xA123, b"Ramanathan^Priya"),
        ]);
        let bytes = [
            implicit(0x0010, 0x0010, b"Anonymized"),
            implicit(0x0040, 0xA730, &content),
        ]
        .concat();
        assert!(!assessment_of(&bytes).grade.has_direct_identifier);
    }

    #[test]
    fn a_name_in_a_siemens_protocol_name_is_found() {
        let mut csa = b"SV10\x04\x03\x02\x01".to_vec();
        csa.extend_from_slice(b"### ASCCONV BEGIN ###\ntProtocolName\t = \t\"\"HOLLOWAY+AF8-Margaret+AF8-head\"\"\nsKSpace.lBaseResolution = 256\n### ASCCONV END ###\0\0");
        let bytes = [
            implicit(0x0010, 0x0010, b"ANONYMOUS"),
            implicit(0x0029, 0x0010, b"SIEMENS CSA HEADER"),
            implicit(0x0029, 0x1020, &csa),
        ]
        .concat();
        let a = assessment_of(&bytes);
        assert!(a.grade.has_direct_identifier, "{:?}", a.findings);
        assert_eq!(
            csa_protocol_names(&csa),
            vec!["HOLLOWAY Margaret head".to_string()]
        );
        // In an explicit VR file the CSA header is OB; a number among the protocol's words.
        let mut csa = b"SV10\x04\x03\x02\x01".to_vec();
        csa.extend_from_slice(b"tProtocolName\t = \"\"497-148-690_head_MRA\"\"\n\0");
        if csa.len() % 2 == 1 {
            csa.push(0);
        }
        let bytes = [
            crate::test_support::ex_le(0x0010, 0x0010, b"PN", b"ANONYMOUS "),
            crate::test_support::ex_le(0x0029, 0x0010, b"LO", b"SIEMENS CSA HEADER"),
            crate::test_support::ex_le(0x0029, 0x1020, b"OB", &csa),
        ]
        .concat();
        let a = assessment_of(&bytes);
        assert!(
            a.findings
                .iter()
                .any(|f| f.direct && f.value.as_deref() == Some("497-148-690")),
            "{:?}",
            a.findings
        );
        // A protocol of sequence names only.
        assert_eq!(
            csa_protocol_names(b"tProtocolName = \"\"t1+AF8-mprage\"\""),
            vec!["t1 mprage".to_string()]
        );
        assert!(is_number_in_protocol_name("497-148-690"));
        assert!(is_number_in_protocol_name("2014/674897"));
        for token in ["t1", "ep2d", "3scan", "20ch", "1.5T", "256x256"] {
            assert!(!is_number_in_protocol_name(token), "{token}");
        }
    }

    #[test]
    fn a_test_pattern_is_no_patient() {
        let bytes = [
            implicit(0x0010, 0x0010, b"SMPTE^PATTERN"),
            implicit(0x0010, 0x0020, b"SMPTE"),
            implicit(0x0020, 0x4000, b"Test pattern for display QA"),
        ]
        .concat();
        assert!(!assessment_of(&bytes).grade.has_direct_identifier);
    }

    #[test]
    fn an_identifier_written_as_a_phrase_is_searched() {
        let bytes = [
            implicit(0x0010, 0x0010, b"ANONYMOUS"),
            implicit(0x0012, 0x0040, b"Hospital No. HOSP2247239"), // Clinical Trial Subject ID
        ]
        .concat();
        assert!(assessment_of(&bytes).grade.has_direct_identifier);
    }

    #[test]
    fn a_patient_id_beside_a_coded_name_or_a_number_name_stays_an_identifier() {
        // Another value than the coded name, or another number than the name's, is the
        // hospital's identifier (the same number in both is a pseudonym, tested in
        // `codes_of_research_platforms_and_their_ids_are_pseudonyms`).
        for (name, id) in [(&b"Q-0417"[..], &b"Q-0418"[..]), (b"70412233", b"70412234")] {
            let a = assessment_of_name_and_id(name, id);
            assert_eq!(
                state_of(&a.findings, Category::PatientId),
                Some(ValueState::RealLooking)
            );
            assert!(a.grade.has_direct_identifier);
        }
    }

    #[test]
    fn a_number_name_repeated_as_the_id_of_a_file_that_says_it_was_deidentified_is_a_pseudonym() {
        // Patient Identity Removed (0012,0062) YES: the anonymizer's number in both.
        let bytes = [
            implicit(0x0010, 0x0010, b"000923"),
            implicit(0x0010, 0x0020, b"000923"),
            implicit(0x0012, 0x0062, b"YES"),
        ]
        .concat();
        let a = assessment_of(&bytes);
        assert_eq!(
            state_of(&a.findings, Category::PatientId),
            Some(ValueState::Pseudonym)
        );
        assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
    }

    #[test]
    fn a_postal_code_alone_in_the_patient_address_is_not_a_direct_identifier() {
        for (address, direct) in [
            (&b"947**"[..], false),
            (b"94703", false),
            (b"12 Zyxwer Road, Berkeley CA 94703", true),
        ] {
            let bytes = [
                implicit(0x0010, 0x0010, b"ANONYMOUS"),
                implicit(0x0010, 0x1040, address),
            ]
            .concat();
            let a = assessment_of(&bytes);
            assert_eq!(
                state_of(&a.findings, Category::Address),
                Some(ValueState::RealLooking)
            );
            assert_eq!(a.grade.has_direct_identifier, direct, "{:#?}", a.findings);
        }
    }

    #[test]
    fn a_test_object_named_in_the_patient_name_is_a_phantom_without_its_flag() {
        // No Quality Control Subject (0010,0200); the name and ID are the object's.
        let bytes = [
            implicit(0x0010, 0x0010, b"Leeds TOR 18FG"),
            implicit(0x0010, 0x0020, b"TOR18"),
        ]
        .concat();
        let a = assessment_of(&bytes);
        assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        assert_eq!(a.grade.identifiability, 0.0);
    }

    #[test]
    fn a_service_patient_whose_name_is_its_id_is_a_test_object() {
        // GE's service patient: a quality-control word as both name and ID. The findings
        // agree with the grade: nothing in a phantom's file identifies a patient.
        let bytes = [
            implicit(0x0010, 0x0010, b"SERVICE"),
            implicit(0x0010, 0x0020, b"SERVICE"),
        ]
        .concat();
        let a = assessment_of(&bytes);
        assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        assert!(a.findings.iter().all(|f| !f.direct), "{:#?}", a.findings);
        // The same word beside another ID is a surname.
        let bytes = [
            implicit(0x0010, 0x0010, b"SERVICE^Ann"),
            implicit(0x0010, 0x0020, b"58830210"),
        ]
        .concat();
        assert!(assessment_of(&bytes).grade.has_direct_identifier);
    }

    #[test]
    fn record_numbers_in_private_values_may_carry_site_codes_and_groups() {
        for v in [
            "MRN0048291",
            "H 2291004",
            "HK-QMH-2291047",
            "KH/2024/118832",
        ] {
            assert!(looks_like_record_number(v), "{v:?}");
        }
        // Too few digits, a long word, or letters after the digits: no record number.
        for v in [
            "SN-2019",
            "SOFTWARE-1234567",
            "AB-1234567-X",
            "V1.2.3",
            "1234567",
        ] {
            assert!(!looks_like_record_number(v), "{v:?}");
        }
        // A device's serial, a product's lot, a department's telephone.
        for v in [
            "SN 48211",
            "S/N 4821177",
            "LOT 2291047",
            "Dept tel 020 7946 0123",
            "Rm 4471203",
        ] {
            assert!(!looks_like_record_number(v), "{v:?}");
        }
    }

    #[test]
    fn a_name_or_record_number_in_an_ae_title_is_the_patients() {
        // AE titles are device names, but 16 free characters: `_` stands for a space.
        use crate::test_support::{ex_le, part10_file};
        for (title, found) in [
            (&b"OKEKE_NNAMDI"[..], Some("OKEKE NNAMDI")),
            (b"MRN00773129 ", Some("00773129")),
            (b"CT_ROOM1", None),
            (b"STORESCP", None),
        ] {
            let meta = [
                ex_le(0x0002, 0x0010, b"UI", b"1.2.840.10008.1.2\0"),
                ex_le(0x0002, 0x0016, b"AE", title), // Source Application Entity Title
            ]
            .concat();
            let file = part10_file(&meta, &implicit(0x0010, 0x0010, b"ANONYMOUS"));
            let a = assessment_of(&file);
            let direct = a.findings.iter().find(|f| f.direct && f.state.leaks());
            assert_eq!(
                direct.and_then(|f| f.value.as_deref()),
                found,
                "{:#?}",
                a.findings
            );
        }
    }

    #[test]
    fn a_staff_member_named_in_free_text_is_staff_not_the_patient() {
        let text = b"Lausunnon antoi LL Mikko Virtanen. Potilas yhteistyokykyinen.";
        let bytes = [
            implicit(0x0008, 0x1060, b"Virtanen^Mikko"), // Name of Physicians Reading Study
            implicit(0x0010, 0x0010, b"DEIDENTIFIED"),
            implicit(0x0020, 0x4000, text), // Image Comments
        ]
        .concat();
        let a = assessment_of(&bytes);
        assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        assert!(
            a.findings
                .iter()
                .any(|f| f.category == Category::StaffName && f.tag == Tag::new(0x0020, 0x4000))
        );
        // A name the staff do not share still counts.
        let bytes = [
            implicit(0x0008, 0x1060, b"Virtanen^Mikko"),
            implicit(0x0020, 0x4000, b"Potilas Aino Korhonen, kontrolli"),
        ]
        .concat();
        assert!(assessment_of(&bytes).grade.has_direct_identifier);
    }

    #[test]
    fn codes_of_research_platforms_and_their_ids_are_pseudonyms() {
        for (name, id) in [
            // XNAT-style subject and session labels.
            (&b"CARDIO7T_S420"[..], &b"CARDIO7T_S420_MR3"[..]),
            // A TCIA-style collection code in both.
            (b"RENAL-CECT-2-0327", b"RENAL-CECT-2-0327"),
            // REDCap's data access group and record.
            (b"REDCAP^1081-13", b"1081-13"),
            // A de-identifier's numbering repeated in a numeric ID.
            (b"ANON^1811", b"583480241811"),
            // A teaching file's case and its key, a congress's case.
            (b"CASE^214", b"TF2020-0783"),
            (b"RSNA", b"ANON862219"),
            // A software's site and subject code beside a BIDS label.
            (b"sub-pt75_ses-03", b"SS_B206"),
            // The same number written into both.
            (b"5489098", b"5489098"),
            (b"638-7403", b"638-7403"),
        ] {
            let a = assessment_of_name_and_id(name, id);
            assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        }
        // A record number beside a removed name that does not repeat its number still
        // leaks, as does a national ID beside a platform label.
        for (name, id) in [
            (&b"ANON^4021"[..], &b"22265523"[..]),
            (b"REDCAP^1032-60", b"610004"),
            (b"NO^NAME", b"05508342"),
            (b"Hallworth^Agnes", b"SS_B206"),
            // Two different numbers: the name's may be the code, the ID the MRN.
            (b"5489098", b"7310455"),
        ] {
            let a = assessment_of_name_and_id(name, id);
            assert!(a.grade.has_direct_identifier, "{:#?}", a.findings);
        }
        // The pseudonym written again in an HL7 segment is the same pseudonym; another
        // number there is still a record number.
        let hl7 = |pid3: &[u8]| {
            let text = [
                &b"MSH|^~\\&|RIS|LSP|PACS|RAD|20230905083012||ORU^R01|97885870|P|2.4\rPID|1||"[..],
                pid3,
                b"^^^LSP^MR||ANONYMOUS^ANONYMOUS||19700101|F\r",
            ]
            .concat();
            [
                implicit(0x0010, 0x0010, b"832-7809"),
                implicit(0x0010, 0x0020, b"832-7809"),
                implicit(0x0029, 0x0010, b"ACME_HIS_BRIDGE"),
                implicit(0x0029, 0x1013, &text),
            ]
            .concat()
        };
        let a = assessment_of(&hl7(b"832-7809"));
        assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        assert!(assessment_of(&hl7(b"4471982")).grade.has_direct_identifier);
    }

    #[test]
    fn a_national_number_holding_the_birth_date_in_a_private_block_is_found() {
        let file = |birth: &[u8]| {
            [
                implicit(0x0010, 0x0010, b"Subject^017"),
                implicit(0x0010, 0x0030, birth),
                implicit(0x00E1, 0x0010, b"ELSCINT1"),
                implicit(0x00E1, 0x1070, b"1630728129199"), // a Romanian CNP
            ]
            .concat()
        };
        let a = assessment_of(&file(b"19630728"));
        assert!(
            a.findings
                .iter()
                .any(|f| f.direct && f.category == Category::NationalId),
            "{:#?}",
            a.findings
        );
        // Another birth date: a vendor's long number, nobody's.
        assert!(
            !assessment_of(&file(b"19710304"))
                .grade
                .has_direct_identifier
        );
    }

    #[test]
    fn names_and_streets_in_a_hospitals_sentence_are_the_hospitals() {
        for text in [
            &b"Klinikum Albert Schweitzer Nordheim, Institut fur Radiologie"[..],
            b"Radiology Dept, Northgate General Hospital, Castle Way, Carlisle CA1 3SX.",
            b"Afdeling Radiologie, Maasoever Ziekenhuis, Rivierweg 40, Venlo.",
        ] {
            let bytes = [
                implicit(0x0010, 0x0010, b"ANONYMOUS"),
                implicit(0x0020, 0x4000, text),
            ]
            .concat();
            let a = assessment_of(&bytes);
            assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        }
        // In a sentence of its own, an address counts.
        let bytes = [
            implicit(0x0010, 0x0010, b"ANONYMOUS"),
            implicit(
                0x0020,
                0x4000,
                b"Seen at Northgate General Hospital. Home: 14 Castle Street, Carlisle",
            ),
        ]
        .concat();
        assert!(assessment_of(&bytes).grade.has_direct_identifier);
    }

    #[test]
    fn test_objects_and_animals_are_no_patient() {
        for name in [
            &b"ALDERSON^RANDO"[..],
            b"CALIB^AIR",
            b"DQA^SPHERE^24CM",
            b"Water^20cm",
            b"ACR Mammo 156",
            b"AAA^TEST^DO NOT REPORT",
        ] {
            let bytes = [
                implicit(0x0010, 0x0010, name),
                implicit(0x0010, 0x0020, b"RANDO-F"),
            ]
            .concat();
            let a = assessment_of(&bytes);
            assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        }
        // `Alderson` or `Rando` alone is a surname.
        let bytes = [implicit(0x0010, 0x0010, b"ALDERSON^JOHN")].concat();
        assert!(assessment_of(&bytes).grade.has_direct_identifier);
        // A rat of a preclinical study (Patient Species Description), not a person.
        let rat = |species: &[u8]| {
            [
                implicit(0x0010, 0x0010, b"RATTE^SD-014"),
                implicit(0x0010, 0x0020, b"TV-G-2022-014"),
                implicit(0x0010, 0x2201, species),
            ]
            .concat()
        };
        assert!(
            !assessment_of(&rat(b"Rattus norvegicus"))
                .grade
                .has_direct_identifier
        );
        assert!(
            assessment_of(&rat(b"Homo sapiens"))
                .grade
                .has_direct_identifier
        );
    }

    #[test]
    fn a_signature_running_into_the_department_is_staff() {
        // `Lê` (too short a word to search for alone) is the reader's family name, `Khoa`
        // (a given name too) the first word of the department.
        let text = "Ký điện tử bởi BS. Minh Khôi Lê, Khoa Chẩn đoán hình ảnh.";
        let bytes = |text: &str| {
            [
                implicit(0x0008, 0x0005, b"ISO_IR 192"),
                implicit(0x0008, 0x1040, "Khoa Chẩn đoán hình ảnh".as_bytes()),
                implicit(0x0008, 0x1060, "Lê^Minh Khôi".as_bytes()), // Physicians Reading
                implicit(0x0010, 0x0010, b"27-0155"),
                implicit(0x0020, 0x4000, text.as_bytes()), // Image Comments
            ]
            .concat()
        };
        let a = assessment_of(&bytes(text));
        assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        // A patient who shares the reader's family name still counts.
        let a = assessment_of(&bytes("Bệnh nhân Lê Thị Hoa, Khoa Chẩn đoán hình ảnh."));
        assert!(a.grade.has_direct_identifier, "{:#?}", a.findings);
    }

    #[test]
    fn trial_codes_and_service_patients_in_the_name_are_no_person() {
        for (name, id) in [
            (&b"MOC-14-0031"[..], &b"MOC-14-0031"[..]),
            (b"P2-KEY-0456", b"P2-KEY-0456"),
            (b"SERVICE^FIELDENG", b"SVC-0001"),
        ] {
            let bytes = [
                implicit(0x0008, 0x1030, b"Service calibration"), // Study Description
                implicit(0x0010, 0x0010, name),
                implicit(0x0010, 0x0020, id),
            ]
            .concat();
            let a = assessment_of(&bytes);
            assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        }
    }

    #[test]
    fn an_earlier_pseudonym_in_an_audit_copy_stays_one_and_a_patient_id_in_a_url_leaks() {
        // Original Attributes > Modified Attributes holding the previous subject code of a
        // pipeline that ran twice: a pseudonym. A code of no study's shape there is taken
        // for the original value.
        for (old, leaks) in [(&b"SUBJ-0007"[..], false), (b"ZZ-OLD-9133", true)] {
            let modified = item(&[implicit(0x0010, 0x0020, old)]);
            let original = item(&[implicit(0x0400, 0x0550, &modified)]);
            let bytes = [
                implicit(0x0010, 0x0010, b"ANONYMOUS"),
                implicit(0x0010, 0x0020, b"000000"),
                implicit(0x0400, 0x0561, &original),
            ]
            .concat();
            let a = assessment_of(&bytes);
            assert_eq!(a.grade.has_direct_identifier, leaks, "{:#?}", a.findings);
        }
        // Retrieve URL (0008,1190), UR: the query names the patient.
        let bytes = implicit(0x0008, 0x1190, b"http://10.1.4.22/wado?PatientID=7712093");
        assert!(assessment_of(&bytes).grade.has_direct_identifier);
    }

    #[test]
    fn a_plain_number_in_a_block_no_vendor_lists_is_a_record_number() {
        // (0011,0010) creator of a site's own block, (0011,1012) LO holding a number.
        let block = |creator: &[u8], number: &[u8]| {
            [
                implicit(0x0010, 0x0010, b"ANONYMOUS"),
                implicit(0x0011, 0x0010, creator),
                implicit(0x0011, 0x1012, number),
            ]
            .concat()
        };
        assert!(
            assessment_of(&block(b"HOSP_PACS 2", b"7730211"))
                .grade
                .has_direct_identifier
        );
        // Six digits are too few without a cue; CTP's block holds its site ID.
        assert!(
            !assessment_of(&block(b"HOSP_PACS 2", b"773021"))
                .grade
                .has_direct_identifier
        );
        assert!(
            !assessment_of(&block(b"CTP", b"93781505"))
                .grade
                .has_direct_identifier
        );
        // A vendor's block of the patient's identity: a number there is the patient's,
        // short or not, in groups or not.
        for (creator, number) in [
            (&b"GEMS_PATI_01"[..], &b"773021"[..]),
            (b"SECTRA_Ident_01", b"773021"),
            (b"GEMS_PATI_01", b"2023/27034"),
        ] {
            assert!(
                assessment_of(&block(creator, number))
                    .grade
                    .has_direct_identifier,
                "{}",
                String::from_utf8_lossy(creator)
            );
        }
    }

    #[test]
    fn names_with_a_particle_in_text_pair_as_the_patient_name_does() {
        // `Al-Mutairi^Abdulrahman` as one file's patient name and `Abdulrahman Al-Mutairi`
        // in another's comments: the particle is passed over on both sides.
        for (name, text) in [
            (
                &b"Al-Mutairi^Abdulrahman"[..],
                &b"Abdulrahman Al-Mutairi"[..],
            ),
            (b"van Dijk^Jan", b"Seen: Jan van Dijk, follow-up"),
        ] {
            let anchor = assessment_of(&implicit(0x0010, 0x0010, name));
            let other = assessment_of(
                &[
                    implicit(0x0010, 0x0010, b"ANONYMOUS"),
                    implicit(0x0032, 0x4000, text),
                ]
                .concat(),
            );
            assert!(
                other
                    .text_pairs
                    .iter()
                    .any(|p| anchor.name_pairs.contains(&p.key)),
                "{:?}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn a_long_decimal_hash_as_the_id_of_a_de_identified_file_is_a_pseudonym() {
        let file = |id: &[u8], removed: bool| {
            let mut b = vec![
                implicit(0x0010, 0x0010, b"ANONYMOUS"),
                implicit(0x0010, 0x0020, id),
            ];
            if removed {
                b.push(implicit(0x0012, 0x0062, b"YES")); // Patient Identity Removed
            }
            b.concat()
        };
        // CTP writes hashes in decimal.
        let hash = b"631045621239253104";
        assert!(!assessment_of(&file(hash, true)).grade.has_direct_identifier);
        // Without the claim, or shaped as a Chinese resident ID, it may be a real number.
        assert!(
            assessment_of(&file(hash, false))
                .grade
                .has_direct_identifier
        );
        let resident = b"440305198706234519";
        assert!(
            assessment_of(&file(resident, true))
                .grade
                .has_direct_identifier
        );
    }

    #[test]
    fn a_local_concept_code_meaning_is_searched_and_a_published_one_is_not() {
        // An SR CODE item whose coded value is a site's own order code, its meaning the
        // order's text with the patient in it; then the same under SNOMED CT.
        let concept = |scheme: &[u8], meaning: &[u8]| {
            let code = code_item(b"L658", scheme, meaning);
            let content = item(&[
                implicit(0x0040, 0xA040, b"CODE"),
                implicit(0x0040, 0xA168, &code), // Concept Code Sequence
            ]);
            [
                implicit(0x0010, 0x0010, b"ANONYMOUS"),
                implicit(0x0040, 0xA730, &content), // Content Sequence
            ]
            .concat()
        };
        let local = assessment_of(&concept(b"99LOCAL", b"CT TORAX - ZAUNSCHIRM^Irmtraud"));
        assert!(local.grade.has_direct_identifier);
        let published = assessment_of(&concept(b"SCT", b"CT TORAX - ZAUNSCHIRM^Irmtraud"));
        assert!(!published.grade.has_direct_identifier);
    }

    #[test]
    fn a_procedure_code_meaning_is_searched() {
        // A site's own code, whose meaning carries the request's text.
        let code = code_item(b"CTABD", b"99LOCAL", b"CT abdomen pt ID K88412093");
        let bytes = [
            implicit(0x0008, 0x1032, &code), // Procedure Code Sequence
            implicit(0x0010, 0x0010, b"ANONYMOUS"),
        ]
        .concat();
        let a = assessment_of(&bytes);
        let f = a
            .findings
            .iter()
            .find(|f| f.direct && f.state.leaks())
            .expect("the ID");
        assert_eq!(f.value.as_deref(), Some("K88412093"));
        assert_eq!(f.path, "(0008,1032)[0]/(0008,0104)");
    }

    #[test]
    fn text_in_the_file_meta_private_information_is_scanned() {
        // (0002,0102) Private Information is OB, written by its creator (0002,0100): a
        // copy of the patient's name there leaks as anywhere else (PS3.10 7.1).
        use crate::test_support::{ex_le, part10_file};
        let meta = [
            ex_le(0x0002, 0x0010, b"UI", b"1.2.840.10008.1.2\0"),
            ex_le(0x0002, 0x0100, b"UI", b"1.2.3.4\0"),
            ex_le(0x0002, 0x0102, b"OB", b"patient: Ibrahima Sow"),
        ]
        .concat();
        let file = part10_file(&meta, &implicit(0x0010, 0x0010, b"ANONYMOUS"));
        let a = assessment_of(&file);
        assert!(a.grade.has_direct_identifier, "{:#?}", a.findings);
        let f = a.findings.iter().find(|f| f.direct).expect("a finding");
        assert_eq!(f.tag, Tag::new(0x0002, 0x0102));
        assert_eq!(f.value.as_deref(), Some("Ibrahima Sow"));
    }

    #[test]
    fn the_patient_id_of_a_test_patient_or_dose_phantom_is_the_object_label() {
        for (name, id) in [
            (&b"Hoffman 3D Brain"[..], &b"HOFF3D"[..]),
            (b"CTDI^HEAD^16CM", b"CTDI16"),
            (b"ZZQA^ULTRASOUND", b"ZZQA"),
            (b"Test Patient, Do Not Read", b"TEST999"),
        ] {
            let a = assessment_of_name_and_id(name, id);
            assert!(!a.grade.has_direct_identifier, "{:#?}", a.findings);
        }
        // A surname kept last with the same prefix is a person's, and so is the ID.
        let bytes = [
            implicit(0x0010, 0x0010, b"ZZFENWICKE^ODILE"),
            implicit(0x0010, 0x0020, b"70412233"),
        ]
        .concat();
        assert!(assessment_of(&bytes).grade.has_direct_identifier);
    }

    #[test]
    fn de_identification_method_texts_and_code_meanings_are_not_searched_for_names() {
        // The options of PS3.15 E.1-1 as a de-identifier writes them: text and codes.
        let code = code_item(b"113108", b"DCM", b"Retain Patient Characteristics Option");
        let bytes = [
            implicit(0x0010, 0x0010, b"ANONYMOUS"),
            implicit(0x0012, 0x0062, b"YES"),
            implicit(
                0x0012,
                0x0063,
                b"PS3.15 Basic Profile\\Retain Patient Characteristics\\Patient Identity Removed",
            ),
            implicit(0x0012, 0x0064, &code),
        ]
        .concat();
        let findings = findings_of(&bytes);
        assert!(
            findings.iter().all(|f| !f.state.leaks() || !f.direct),
            "{findings:#?}"
        );
        let h = crate::reader::read(&bytes);
        let keyer = Keyer::new(&Secret::from_bytes(vec![7; 32]).expect("32 bytes"));
        assert!(!assess(&h, &keyer, false).grade.has_direct_identifier);
    }

    #[test]
    fn a_coding_scheme_description_is_not_searched() {
        // (0008,0110) Coding Scheme Identification Sequence: the scheme's designator and
        // (0008,0116) Coding Scheme Responsible Organization, an address of a company.
        let scheme = item(&[
            implicit(0x0008, 0x0102, b"99OFFIS"),
            implicit(0x0008, 0x0116, b"OFFIS e.V., Escherweg 2, 26121 Oldenburg"),
        ]);
        let bytes = [
            implicit(0x0010, 0x0010, b"ANONYMOUS"),
            implicit(0x0008, 0x0110, &scheme),
        ]
        .concat();
        let findings = findings_of(&bytes);
        assert!(
            findings.iter().all(|f| f.category != Category::Address),
            "{findings:#?}"
        );
    }

    #[test]
    fn dates_after_a_birth_cue_are_birth_dates_and_role_mailboxes_are_the_institutions() {
        let bytes = [
            implicit(0x0010, 0x0010, b"ANONYMOUS"),
            implicit(0x0010, 0x4000, b"DOB 14/03/1958; seen 02/05/2019"),
            implicit(
                0x0020,
                0x4000,
                b"Questions: radiology.reading@zz-hospital.test",
            ),
        ]
        .concat();
        let findings = findings_of(&bytes);
        let dates: Vec<(Category, Subject)> = findings
            .iter()
            .filter(|f| f.kind == detect::kind::DATE)
            .map(|f| (f.category, f.subject))
            .collect();
        assert_eq!(
            dates,
            [
                (Category::BirthDate, Subject::Patient),
                (Category::Dates, Subject::Other)
            ]
        );
        let email = findings
            .iter()
            .find(|f| f.kind == detect::kind::EMAIL)
            .expect("the e-mail");
        assert_eq!(email.subject, Subject::Institution);
        assert!(!email.direct);
    }

    #[test]
    fn a_name_in_pn_form_counts_in_a_comment_but_not_in_a_location_code() {
        let bytes = [
            implicit(0x0010, 0x0010, b"ANONYMOUS"),
            implicit(0x0020, 0x4000, b"ZZFENWICKE^ODILE^M"),
            implicit(0x0038, 0x0300, b"SGH^ER"),
        ]
        .concat();
        let findings = findings_of(&bytes);
        let names: Vec<&str> = findings
            .iter()
            .filter(|f| f.category == Category::PatientName && f.state.leaks())
            .map(|f| f.keyword)
            .collect();
        assert_eq!(names, ["ImageComments"]);
    }

    #[test]
    fn version_numbers_are_not_ip_addresses_and_unlisted_tags_get_their_keyword() {
        let bytes = [
            implicit(0x0008, 0x1090, b"see http://zz.test/a"),
            implicit(0x0010, 0x0010, b"ANONYMOUS"),
            implicit(0x0018, 0x1020, b"2.6.3.6"),
            implicit(0x0020, 0x4000, b"console 10.20.30.40"),
        ]
        .concat();
        let findings = findings_of(&bytes);
        assert!(findings.iter().all(|f| f.tag != Tag::new(0x0018, 0x1020)));
        assert!(findings.iter().any(|f| f.tag == Tag::new(0x0020, 0x4000)));
        // Manufacturer's Model Name is in no table of ours: the keyword is the standard's.
        let url = findings
            .iter()
            .find(|f| f.tag == Tag::new(0x0008, 0x1090))
            .expect("the URL in the model name");
        assert_eq!(url.keyword, "ManufacturerModelName");
    }

    #[test]
    fn own_names_and_ids_are_remembered_once_each_up_to_the_cap() {
        let mut list = Vec::new();
        for round in 0..2 {
            for n in 0..MAX_OWN_VALUES * 3 {
                remember(&mut list, &format!("TOKEN{n}"));
                let expected = if round == 0 { n + 1 } else { MAX_OWN_VALUES };
                assert_eq!(
                    list.len(),
                    expected.min(MAX_OWN_VALUES),
                    "round {round}, {n}"
                );
            }
        }
        let distinct: std::collections::HashSet<&String> = list.iter().collect();
        assert_eq!(distinct.len(), list.len());
        assert_eq!(list[0], "TOKEN0");
    }

    #[test]
    fn every_safe_private_entry_is_found_by_tag_and_creator_and_nothing_else() {
        for (creator, group, element, _) in SAFE_PRIVATE {
            // Any block: (gggg,xxee) with the creator's block byte xx.
            for block in [0x10u16, 0x11, 0xFF] {
                let tag = Tag::new(*group, (block << 8) | u16::from(*element));
                assert!(is_safe_private(creator, tag), "{creator} {tag:?}");
            }
            let other_element = Tag::new(*group, 0x1000 | u16::from(element.wrapping_add(0x80)));
            let listed_too = SAFE_PRIVATE.iter().any(|(c, g, e, _)| {
                c == creator && *g == *group && *e == element.wrapping_add(0x80)
            });
            assert_eq!(is_safe_private(creator, other_element), listed_too);
            assert!(!is_safe_private(
                "NOT A CREATOR",
                Tag::new(*group, 0x1000 | u16::from(*element))
            ));
        }
    }
}

//! The vocabulary of findings: leak categories (`../shared/phi/categories.csv`), whose
//! information a value is, how it was found, and what state the value is in.

/// A leak category. The first nineteen come from `categories.csv`; `NationalId`, `Email`
/// and `Url` have no attribute of their own and are found in values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum Category {
    PatientName,
    PatientId,
    PatientOtherId,
    NationalId,
    BirthDate,
    Address,
    Phone,
    Email,
    Url,
    Dates,
    Uid,
    Device,
    StaffName,
    Institution,
    Location,
    Accession,
    PatientCharacteristics,
    Sex,
    Age,
    Insurance,
    ClinicalText,
    Other,
}

impl Category {
    /// The name used in outputs (as in `categories.csv`).
    pub fn as_str(self) -> &'static str {
        use Category::*;
        match self {
            PatientName => "patient_name",
            PatientId => "patient_id",
            PatientOtherId => "patient_other_id",
            NationalId => "national_id",
            BirthDate => "birth_date",
            Address => "address",
            Phone => "phone",
            Email => "email",
            Url => "url",
            Dates => "dates",
            Uid => "uid",
            Device => "device",
            StaffName => "staff_name",
            Institution => "institution",
            Location => "location",
            Accession => "accession",
            PatientCharacteristics => "patient_characteristics",
            Sex => "sex",
            Age => "age",
            Insurance => "insurance",
            ClinicalText => "clinical_text",
            Other => "other",
        }
    }

    /// The HIPAA Safe Harbor letter (45 CFR 164.514(b)(2)(i)) a value of this category is
    /// when it is about the patient, for categories found in values.
    pub fn value_hipaa_letter(self) -> Option<char> {
        match self {
            Category::PatientName => Some('A'),
            Category::Address => Some('B'),
            Category::BirthDate | Category::Dates => Some('C'),
            Category::Phone => Some('D'),
            Category::Email => Some('F'),
            Category::NationalId => Some('G'),
            Category::PatientId => Some('H'),
            Category::Insurance => Some('I'),
            Category::PatientOtherId => Some('J'),
            Category::Url => Some('N'),
            _ => None,
        }
    }
}

/// Whose information a value is (`categories.csv` column `subject`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Subject {
    Patient,
    Staff,
    Institution,
    Device,
    Study,
    Other,
}

/// How a finding was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Detector {
    /// The attribute is in the PS3.15 table or our mapping.
    Tag,
    /// The VR says what it is (any PN is a name, DA/DT a date).
    Vr,
    /// A pattern in the text (date, phone, e-mail, URL, IP, national ID).
    Pattern,
    /// A name known from elsewhere (this file's names, a cue, another file's patient).
    NameMatch,
    /// A private element whose value looks identifying.
    Private,
}

impl Detector {
    /// Output name.
    pub fn as_str(self) -> &'static str {
        match self {
            Detector::Tag => "tag",
            Detector::Vr => "vr",
            Detector::Pattern => "pattern",
            Detector::NameMatch => "name_match",
            Detector::Private => "private",
        }
    }
}

/// What state a value is in: only `RealLooking` and `Validated` count as a leak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ValueState {
    /// No value.
    Empty,
    /// A placeholder: ANONYMOUS, `^`, 000000, XXX...
    Placeholder,
    /// A pseudonym: subject code, hex hash, `2.25.` UID.
    Pseudonym,
    /// A dummy or shifted date (19000101, 00010101...).
    ShiftedOrDummyDate,
    /// Looks like a real value.
    RealLooking,
    /// Passed a checksum and a context check (national IDs).
    Validated,
}

impl ValueState {
    /// Output name.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueState::Empty => "empty",
            ValueState::Placeholder => "placeholder",
            ValueState::Pseudonym => "pseudonym",
            ValueState::ShiftedOrDummyDate => "shifted_or_dummy_date",
            ValueState::RealLooking => "real_looking",
            ValueState::Validated => "validated",
        }
    }

    /// Whether the value counts as leaked.
    pub fn leaks(self) -> bool {
        matches!(self, ValueState::RealLooking | ValueState::Validated)
    }
}

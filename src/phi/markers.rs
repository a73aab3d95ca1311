//! De-identification and burned-in-text markers of a header (PS3.3 C.7.1.1, C.7.6.1,
//! C.8.6.2; PS3.15 E.1): what a file claims about itself, read before grading it.

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
    /// Longitudinal Temporal Information Modified is MODIFIED or REMOVED.
    pub dates_modified: bool,
    /// Quality Control Subject is YES: a phantom.
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
            }
            LONGITUDINAL_TEMPORAL_MODIFIED => {
                m.dates_modified = matches!(text().as_str(), "MODIFIED" | "REMOVED");
            }
            QUALITY_CONTROL_SUBJECT => m.phantom = text() == "YES",
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

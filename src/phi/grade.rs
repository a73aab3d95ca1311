//! Grading one file from its findings: which categories and HIPAA identifiers leaked,
//! whether a patient is directly identified, how identifiable (ENISA's ease of
//! identification), a score, a tier, and whether a de-identification claim holds.
//! `docs/scoring.md` explains the method for a data protection officer.

use super::Finding;
use super::category::{Category, Subject, ValueState};
use super::markers::{BurnedInRisk, Markers};

/// The grade of one file (columns added to `files.parquet`).
#[derive(Clone, Debug, PartialEq)]
pub struct Grade {
    /// Categories with a real-looking or validated value, sorted.
    pub phi_categories: Vec<Category>,
    /// HIPAA Safe Harbor letters (A-R) of leaked patient identifiers, sorted.
    pub hipaa_identifiers: Vec<char>,
    /// A real-looking patient name, patient ID/MRN, national ID or patient contact detail
    /// anywhere in the file.
    pub has_direct_identifier: bool,
    /// Ease of identification (ENISA): 0, 0.25, 0.5, 0.75 or 1.0.
    pub identifiability: f32,
    /// 0-100.
    pub score: u8,
    /// Tier from the score.
    pub tier: Tier,
    /// The file claims de-identification.
    pub deid_claimed: bool,
    /// False when it claims de-identification and still leaks a patient identifier.
    pub deid_consistent: bool,
    /// Burned-in text risk.
    pub burned_in_risk: BurnedInRisk,
    /// Number of findings.
    pub findings_count: u32,
}

/// Severity tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)]
pub enum Tier {
    None,
    Low,
    Medium,
    High,
    Critical,
}

impl Tier {
    /// Output name.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::None => "none",
            Tier::Low => "low",
            Tier::Medium => "medium",
            Tier::High => "high",
            Tier::Critical => "critical",
        }
    }

    /// Tier of a score: 0 none, 1-24 low, 25-49 medium, 50-74 high, 75-100 critical.
    pub fn of(score: u8) -> Tier {
        match score {
            0 => Tier::None,
            1..=24 => Tier::Low,
            25..=49 => Tier::Medium,
            50..=74 => Tier::High,
            _ => Tier::Critical,
        }
    }
}

/// Grades a file.
pub fn grade(findings: &[Finding], markers: &Markers) -> Grade {
    let leaking = || findings.iter().filter(|f| f.state.leaks());
    let mut phi_categories: Vec<Category> = leaking().map(|f| f.category).collect();
    phi_categories.sort();
    phi_categories.dedup();
    let mut hipaa_identifiers: Vec<char> = leaking()
        .filter(|f| f.subject == Subject::Patient)
        .filter_map(|f| f.hipaa)
        .collect();
    hipaa_identifiers.sort();
    hipaa_identifiers.dedup();
    let has_direct_identifier = !markers.phantom && leaking().any(|f| f.direct);
    let identifiability = identifiability(findings, markers, has_direct_identifier);
    let deid_consistent = !(markers.deid_claimed && has_direct_identifier);
    let score = score(findings, identifiability, deid_consistent);
    Grade {
        phi_categories,
        hipaa_identifiers,
        has_direct_identifier,
        identifiability,
        score,
        tier: Tier::of(score),
        deid_claimed: markers.deid_claimed,
        deid_consistent,
        burned_in_risk: markers.burned_in.unwrap_or(BurnedInRisk::None),
        findings_count: findings.len().min(u32::MAX as usize) as u32,
    }
}

/// ENISA ease of identification, from the findings:
/// - 1.0: a direct identifier (name, ID/MRN, national ID, contact detail).
/// - 0.75: identifiable by linkage: full birth date with sex, institution or residence;
///   an accession or other record number with its institution.
/// - 0.5: needs access to the source systems: record numbers (accession, other IDs) or
///   exact dates of care alone, real (not `2.25.`) UIDs that a PACS can resolve.
/// - 0.25: only coarse quasi-identifiers (sex, age, institution) or pseudonyms.
/// - 0: nothing about a patient (a phantom, or no patient data at all).
fn identifiability(findings: &[Finding], markers: &Markers, direct: bool) -> f32 {
    if markers.phantom {
        return 0.0;
    }
    if direct {
        return 1.0;
    }
    let leaks = |c: Category| findings.iter().any(|f| f.category == c && f.state.leaks());
    let full_birth_date = findings.iter().any(|f| {
        f.category == Category::BirthDate && f.state.leaks() && f.shape.starts_with("date:DA:8")
    });
    let place =
        leaks(Category::Institution) || leaks(Category::Address) || leaks(Category::Location);
    let record_number = leaks(Category::Accession) || leaks(Category::PatientOtherId);
    if full_birth_date && (leaks(Category::Sex) || place) || record_number && place {
        return 0.75;
    }
    let care_dates = findings
        .iter()
        .any(|f| f.category == Category::Dates && f.state.leaks() && f.subject != Subject::Device);
    if record_number || care_dates || leaks(Category::Uid) || full_birth_date {
        return 0.5;
    }
    let coarse = [
        Category::Sex,
        Category::Age,
        Category::PatientCharacteristics,
        Category::Institution,
        Category::Location,
        Category::BirthDate,
    ];
    let pseudonyms = findings.iter().any(|f| {
        matches!(
            f.state,
            ValueState::Pseudonym | ValueState::ShiftedOrDummyDate
        ) && f.subject == Subject::Patient
    });
    if coarse.iter().any(|c| leaks(*c)) || pseudonyms {
        return 0.25;
    }
    0.0
}

/// 0-100: identifiability carries most of it (70); the breadth of what leaked about the
/// patient adds up to 20; a false de-identification claim adds 10.
fn score(findings: &[Finding], identifiability: f32, deid_consistent: bool) -> u8 {
    let mut patient_categories: Vec<Category> = findings
        .iter()
        .filter(|f| f.state.leaks() && f.subject == Subject::Patient)
        .map(|f| f.category)
        .collect();
    patient_categories.sort();
    patient_categories.dedup();
    score_of(identifiability, patient_categories.len(), deid_consistent)
}

/// The number of patient categories a score counted, read back from the score and the
/// identifiability it was made with (the inverse of [`score_of`] for a claim that held;
/// 0 when identifiability was 0, which hides the breadth).
pub fn patient_categories_of(score: u8, identifiability: f32) -> usize {
    if identifiability <= 0.0 {
        return 0;
    }
    let breadth = (f32::from(score) - identifiability * 70.0).clamp(0.0, 20.0);
    // Each category adds 4; the base may have rounded by half a point either way.
    ((breadth + 0.5) / 4.0).floor() as usize
}

/// The score formula of `docs/scoring.md`, from its three inputs: identifiability, the
/// number of patient categories leaked, and whether a de-identification claim holds.
pub fn score_of(identifiability: f32, patient_categories: usize, deid_consistent: bool) -> u8 {
    let breadth = (patient_categories as f32 * 4.0).min(20.0);
    let base = identifiability * 70.0;
    let penalty = if deid_consistent { 0.0 } else { 10.0 };
    let s = if identifiability == 0.0 {
        0.0
    } else {
        base + breadth + penalty
    };
    s.round().clamp(0.0, 100.0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_of_patient_categories_is_read_back_from_a_score() {
        for ident in [0.25f32, 0.5, 0.75, 1.0] {
            for n in 0..=5 {
                let s = score_of(ident, n, true);
                assert_eq!(patient_categories_of(s, ident), n, "{ident} {n}");
            }
        }
        assert_eq!(patient_categories_of(0, 0.0), 0);
    }
}

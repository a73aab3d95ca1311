//! Scan outputs -> breach sizing: what `dicomleak report` answers first. How many files,
//! studies and instances; about how many people, as lower and upper bounds (GDPR Art. 33
//! asks for an approximate number of data subjects, HIPAA 45 CFR 164.404 for the
//! individuals to notify); what leaked, where, and which de-identification claims failed.
//!
//! The stages, in the order data flows:
//! - `read`: reads only the needed columns of `files.parquet` and `findings.parquet`,
//!   batch by batch.
//! - `collect`: counts per file as rows stream by, and keeps per file with patient data
//!   (a *record*) only its keys as small ids and a few bytes of facts.
//! - [`identity`]: joins records into people with a union-find, twice: the upper bound
//!   trusts strong keys only, the lower bound every link.
//! - [`privacy`]: small-cell suppression, built into the type of every patient count
//!   shown in a table.
//! - [`text`], [`json`], [`html`]: the three renderings of one [`Report`].
//!
//! Several inputs (shards of one scan, or scans of several sites) are joined through their
//! keyed pseudonyms, which match only if every scan used the same key. That cannot be
//! checked from the outputs (keys made with two secrets simply never match); the report
//! warns when the inputs' `run.json` name different key files. Nothing in a report
//! identifies a person: no names, IDs, exact dates, keys or paths; institution names,
//! modalities, manufacturers and years are shown.
//!
//! `docs/report-schema.md` documents the JSON schema and the method for its readers.

mod collect;
pub mod html;
pub mod identity;
mod intern;
pub mod json;
pub mod privacy;
mod read;
pub mod text;

use std::path::{Path, PathBuf};

pub use identity::{Links, Placeholders};
pub use privacy::{PatientCell, Shown};

/// What went wrong reading the inputs (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// No input was given.
    #[error("nothing to report: give one or more scan output directories")]
    NoInput,
    /// The directory holds no `files.parquet`.
    #[error(
        "{0} holds no files.parquet: run `dicomleak scan PATH... -o {0}` first, then report on its output"
    )]
    NotAScan(PathBuf),
    /// A file could not be opened.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The Parquet file is unreadable.
    #[error("cannot read {path}: {source}")]
    Parquet {
        /// The file.
        path: PathBuf,
        /// The reader's error.
        #[source]
        source: ::parquet::errors::ParquetError,
    },
    /// A batch could not be decoded.
    #[error("cannot decode {path}: {source}")]
    Arrow {
        /// The file.
        path: PathBuf,
        /// Arrow's error.
        #[source]
        source: arrow_schema::ArrowError,
    },
    /// A column is missing or has a type the report does not know.
    #[error("{path}: column {column} {problem}; is it a dicomleak scan output?")]
    Column {
        /// The file.
        path: PathBuf,
        /// The column.
        column: String,
        /// What is wrong with it.
        problem: String,
    },
    /// More rows than the report can number (4,294,967,294).
    #[error("too many files: the report handles up to 4,294,967,294 rows")]
    TooManyRows,
    /// An output could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The output file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// How to build a report.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Rows kept in the ranked tables (institutions, modalities, manufacturers, character
    /// sets, private creators); the rest are summed in one line.
    pub top: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions { top: 10 }
    }
}

/// Reads the scan outputs in `dirs` and sizes the breach.
pub fn build(dirs: &[PathBuf], options: &ReportOptions) -> Result<Report, ReportError> {
    if dirs.is_empty() {
        return Err(ReportError::NoInput);
    }
    // Check every input before reading any: a typo in the tenth should not cost the time
    // of reading nine.
    for dir in dirs {
        if !dir.join("files.parquet").is_file() {
            return Err(ReportError::NotAScan(dir.clone()));
        }
    }
    let mut collector = collect::Collector::default();
    for (index, dir) in dirs.iter().enumerate() {
        collector.read_input(index, dir)?;
    }
    Ok(collector.finish(options))
}

/// Writes `text` to `path`, naming the file in the error.
pub fn write_file(path: &Path, text: &str) -> Result<(), ReportError> {
    std::fs::write(path, text).map_err(|source| ReportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// A lower and an upper bound on a number of people. Headline totals only: table cells
/// are [`PatientCell`]s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bounds {
    /// Fewest people the records can be (every link trusted).
    pub lower: u64,
    /// Most people the records can be (strong keys only).
    pub upper: u64,
}

/// The breach, sized. Every count is over all inputs together.
#[derive(Debug, Clone)]
pub struct Report {
    /// One entry per input, in the order given.
    pub inputs: Vec<InputSummary>,
    /// Things the reader must know (different key files, missing findings).
    pub warnings: Vec<String>,
    /// Files.
    pub files: FileCounts,
    /// Distinct SOP instances (instance keys).
    pub instances: u64,
    /// Distinct studies (study keys).
    pub studies: u64,
    /// Distinct series (series keys).
    pub series: u64,
    /// People, as bounds.
    pub patients: Patients,
    /// How identities were resolved.
    pub identity: IdentityCounts,
    /// Files per modality.
    pub modalities: Ranked<NameCount>,
    /// Files, studies and patients per institution.
    pub institutions: Ranked<InstitutionRow>,
    /// Files, studies and patients per study year, oldest first, unknown last.
    pub study_years: Vec<YearRow>,
    /// Files per Specific Character Set.
    pub character_sets: Ranked<NameCount>,
    /// Files per manufacturer.
    pub manufacturers: Ranked<NameCount>,
    /// What leaked.
    pub leaks: Leaks,
    /// Sex × birth year × institution, cells of at least five patients only.
    pub quasi_identifiers: QuasiIdentifiers,
}

/// What one input was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSummary {
    /// Rows of its `files.parquet`.
    pub files: u64,
    /// It has a `findings.parquet`.
    pub findings: bool,
    /// The dicomleak version that made it, from `run.json`.
    pub tool_version: Option<String>,
}

/// Counts of files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileCounts {
    /// Rows, over all inputs.
    pub total: u64,
    /// Rows per status, in the scan's order (`ok`, `truncated`, `malformed`, `not_dicom`,
    /// `io_error`), every status listed.
    pub by_status: Vec<(String, u64)>,
    /// Files with a DICOM header (every status but `not_dicom` and `io_error`).
    pub dicom: u64,
    /// Files the scan graded.
    pub graded: u64,
    /// Sum of file sizes.
    pub bytes: u64,
    /// Rows whose instance key was seen before, in any input.
    pub duplicate_instances: u64,
    /// Of those, rows whose instance was first seen in another input.
    pub duplicate_instances_across_inputs: u64,
}

/// People, as bounds: each a count of distinct persons (sets of records) that hold at
/// least one file with that identifiability.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Patients {
    /// At least one file with identifiability 1.0.
    pub directly_identified: Bounds,
    /// At least one file with identifiability 0.5 or more.
    pub identifiable: Bounds,
    /// Any patient data (identifiability above 0).
    pub with_patient_data: Bounds,
    /// Files with patient data and no key nor study to resolve them: counted as records,
    /// not people.
    pub unresolved_records: u64,
    /// Of those, files with identifiability 0.5 or more.
    pub unresolved_records_identifiable: u64,
    /// Files with patient data (resolved or not).
    pub records: u64,
}

/// How identities were resolved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IdentityCounts {
    /// Unions per rule.
    pub links: Links,
    /// Keys set aside as placeholders.
    pub placeholders: Placeholders,
    /// Keys that are not 32 hex digits, ignored.
    pub malformed_keys: u64,
}

/// A ranked table: the top rows, then the rest summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked<T> {
    /// The top rows.
    pub rows: Vec<T>,
    /// The rows left out, summed; `None` when none were.
    pub more: Option<More>,
}

/// What a ranked table left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct More {
    /// Rows left out.
    pub entries: u64,
    /// Their files (or findings, for private creators).
    pub files: u64,
}

/// A name (`None`: the attribute was absent) and a count of files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameCount {
    /// The value, as written in the files.
    pub name: Option<String>,
    /// Files (or findings, for private creators).
    pub files: u64,
}

/// One institution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstitutionRow {
    /// Institution Name (0008,0080); `None` when absent.
    pub name: Option<String>,
    /// Files.
    pub files: u64,
    /// Distinct studies.
    pub studies: u64,
    /// Patients with at least one file here.
    pub patients: PatientCell,
}

/// One study year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRow {
    /// The year of the study date; `None` when no plausible date.
    pub year: Option<i32>,
    /// Files.
    pub files: u64,
    /// Distinct studies.
    pub studies: u64,
    /// Patients with at least one file of that year.
    pub patients: PatientCell,
}

/// Files and patients for one category or HIPAA letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeakRow {
    /// Category name or HIPAA letter.
    pub name: String,
    /// Files that leak it.
    pub files: u64,
    /// Patients with at least one file that leaks it.
    pub patients: PatientCell,
}

/// What leaked.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaks {
    /// Per category (`phi_categories`), most files first.
    pub categories: Vec<LeakRow>,
    /// Per HIPAA Safe Harbor letter (`hipaa_identifiers`), A to R.
    pub hipaa: Vec<LeakRow>,
    /// Files per tier, `critical` first, then `ungraded` (files the scan did not grade).
    pub tiers: Vec<NameCount>,
    /// De-identification claims.
    pub deidentification: Deidentification,
    /// Files per burned-in text risk (`likely`, `possible`, `none`).
    pub burned_in_risk: Vec<NameCount>,
    /// Findings in private elements; `None` when no input has `findings.parquet`.
    pub private_tags: Option<PrivateTags>,
    /// Files per preamble kind.
    pub preambles: Vec<NameCount>,
    /// Files whose preamble is an executable or script header (PE, ELF, `#!`).
    pub polyglot_files: u64,
}

/// Files that claim de-identification, and those whose claim fails.
#[derive(Debug, Clone, PartialEq)]
pub struct Deidentification {
    /// Files that claim it.
    pub claimed: u64,
    /// Files that claim it and still leak a direct identifier.
    pub failed: u64,
    /// `failed / claimed`; `None` when nothing claims it.
    pub failed_share: Option<f64>,
    /// Patients with at least one failed file.
    pub failed_patients: PatientCell,
    /// Per institution with at least one claim, most failures first (`more` sums the
    /// claims of those left out).
    pub by_institution: Ranked<DeidRow>,
}

/// De-identification claims of one institution.
#[derive(Debug, Clone, PartialEq)]
pub struct DeidRow {
    /// Institution Name; `None` when absent.
    pub name: Option<String>,
    /// Files that claim de-identification.
    pub claimed: u64,
    /// Of those, files that leak a direct identifier.
    pub failed: u64,
    /// `failed / claimed`.
    pub failed_share: f64,
}

/// Findings in private elements (odd groups, PS3.5 7.8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateTags {
    /// Findings.
    pub findings: u64,
    /// Findings whose value is real-looking or validated.
    pub leaking_findings: u64,
    /// Files with at least one.
    pub files: u64,
    /// Findings per private creator (a vendor's block name, such as `GEMS_IDEN_01`).
    pub by_creator: Ranked<NameCount>,
}

/// The quasi-identifier cross table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuasiIdentifiers {
    /// Cells whose lower bound is at least [`privacy::MIN_PATIENTS_SHOWN`], most patients
    /// first.
    pub cells: Vec<QiCell>,
    /// Combinations seen.
    pub combinations: u64,
    /// Combinations left out because they count fewer than five patients.
    pub combinations_suppressed: u64,
}

/// One combination of sex, birth year and institution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QiCell {
    /// Patient's Sex; `None` when absent.
    pub sex: Option<String>,
    /// Birth year; `None` when absent.
    pub birth_year: Option<i32>,
    /// Institution Name; `None` when absent.
    pub institution: Option<String>,
    /// Patients.
    pub patients: PatientCell,
}

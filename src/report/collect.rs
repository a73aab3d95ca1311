//! Rows -> counts: everything the report says, gathered in one pass over each input's
//! `files.parquet` and one over its `findings.parquet`, then resolved into a [`Report`].
//!
//! Per file, only counters change, plus three sets of keys that must be joined across
//! inputs (instances, series, studies, as 128-bit numbers). Per *record* (a file with patient data)
//! the collector keeps its identity keys as `u32` ids (in `Identities`) and 32 bytes of
//! facts (`RecordFacts`) for the per-patient tables. Nothing else about a file is kept:
//! no path, no text.

use std::collections::hash_map::Entry;
use std::path::Path;

use super::identity::{Identities, Resolution};
use super::intern::{DistinctPairs, KeyIds, KeyMap, NONE, Names, Tally, parse_key, words};
use super::privacy::{MIN_PATIENTS_SHOWN, PatientCell};
use super::read::{self, FileView, FindingView, RunInfo};
use super::{
    Bounds, DeidRow, Deidentification, FileCounts, IdentityCounts, InputSummary, InstitutionRow,
    LeakRow, Leaks, More, NameCount, Patients, PrivateTags, QiCell, QuasiIdentifiers, Ranked,
    Report, ReportError, ReportOptions, YearRow,
};
use crate::reader::Status;

/// Preamble kinds that make a file a DICOM/executable polyglot (CVE-2019-11687).
const POLYGLOT_PREAMBLES: [&str; 3] = ["pe", "elf", "script"];

/// Tiers in the order shown, worst first.
const TIERS: [&str; 5] = ["critical", "high", "medium", "low", "none"];

/// Burned-in risks in the order shown.
const BURNED_IN: [&str; 3] = ["likely", "possible", "none"];

/// Preamble kinds in the order shown.
const PREAMBLES: [&str; 6] = ["zero", "tiff", "pe", "elf", "script", "other"];

/// Identifiability levels in quarters: 4 is 1.0 (directly identified), 2 is 0.5.
const DIRECT: u8 = 4;
const IDENTIFIABLE: u8 = 2;

/// What the per-patient tables need of a record.
#[derive(Debug, Clone, Copy)]
struct RecordFacts {
    /// Bits of the categories leaked (ids in `Collector::categories`, the first 64).
    categories: u64,
    /// Bits of the HIPAA letters (ids in `Collector::letters`, the first 32).
    letters: u32,
    /// Institution id in `Collector::institutions` (0: absent).
    institution: u32,
    /// Sex id in `Collector::sexes` (0: absent).
    sex: u32,
    /// Birth year, or `i32::MIN`.
    birth_year: i32,
    /// Study year, or 0.
    year: u32,
    /// Identifiability in quarters, 1 to 4.
    level: u8,
    /// Claims de-identification and leaks a direct identifier.
    deid_failed: bool,
}

/// Names numbered from 1, with 0 for "absent": a dimension of a table.
#[derive(Default)]
struct Dimension {
    names: Names,
}

impl Dimension {
    fn id(&mut self, name: Option<&str>) -> u32 {
        name.map_or(0, |n| self.names.id(n) + 1)
    }

    fn name(&self, id: u32) -> Option<String> {
        (id != 0).then(|| self.names.name(id - 1).to_owned())
    }

    fn len(&self) -> usize {
        self.names.len() + 1
    }
}

/// Counts per dimension id (0: absent), growing as ids appear.
#[derive(Default)]
struct Counts(Vec<u64>);

impl Counts {
    fn add(&mut self, id: u32, n: u64) {
        let i = id as usize;
        if i >= self.0.len() {
            self.0.resize(i + 1, 0);
        }
        self.0[i] += n;
    }

    fn get(&self, id: u32) -> u64 {
        self.0.get(id as usize).copied().unwrap_or(0)
    }
}

/// Each file of one input mapped to its record, for the findings join.
enum FileIndex {
    /// The `file_id`s are 0, 1, 2... in row order, as a scan writes them: the record of
    /// each, by `file_id` (4 bytes a row).
    Dense(Vec<u32>),
    /// Any other numbering: sorted `(file_id, record)` pairs of the records only.
    Sparse(Vec<(u64, u32)>),
}

impl Default for FileIndex {
    fn default() -> Self {
        FileIndex::Dense(Vec::new())
    }
}

impl FileIndex {
    /// Adds the next row (`record`: [`NONE`] when the file is not a record).
    fn push(&mut self, file_id: u64, record: u32) {
        match self {
            FileIndex::Dense(t) if file_id == t.len() as u64 => t.push(record),
            FileIndex::Dense(t) => {
                let mut pairs: Vec<(u64, u32)> = t
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| **r != NONE)
                    .map(|(i, &r)| (i as u64, r))
                    .collect();
                if record != NONE {
                    pairs.push((file_id, record));
                }
                *self = FileIndex::Sparse(pairs);
            }
            FileIndex::Sparse(p) if record != NONE => p.push((file_id, record)),
            FileIndex::Sparse(_) => {}
        }
    }

    /// Ready for lookups.
    fn finish(mut self) -> FileIndex {
        if let FileIndex::Sparse(p) = &mut self {
            p.sort_unstable();
        }
        self
    }

    fn record(&self, file_id: u64) -> Option<u32> {
        let r = match self {
            FileIndex::Dense(t) => usize::try_from(file_id)
                .ok()
                .and_then(|i| t.get(i).copied())?,
            FileIndex::Sparse(p) => {
                let i = p.binary_search_by_key(&file_id, |x| x.0).ok()?;
                p[i].1
            }
        };
        (r != NONE).then_some(r)
    }
}

/// An instance key with the number of the input that first held it in its top 16 bits,
/// which equality and hashing ignore: one 16-byte entry per instance answers both "seen
/// before?" and "in which input?". The 112 bits left of an HMAC output still make a
/// collision among a billion instances less likely than one in 10^15.
#[derive(Clone, Copy, Debug)]
struct Instance {
    hi: u64,
    lo: u64,
}

impl Instance {
    const INPUT_SHIFT: u32 = 48;
    const KEY_MASK: u64 = (1 << Self::INPUT_SHIFT) - 1;

    fn new(key: u128, input: u32) -> Instance {
        let (hi, lo) = words(key);
        let input = u64::from(input.min(0xFFFF)) << Self::INPUT_SHIFT;
        Instance {
            hi: (hi & Self::KEY_MASK) | input,
            lo,
        }
    }

    fn input(self) -> u32 {
        (self.hi >> Self::INPUT_SHIFT) as u32
    }
}

impl PartialEq for Instance {
    fn eq(&self, other: &Self) -> bool {
        self.lo == other.lo && (self.hi & Self::KEY_MASK) == (other.hi & Self::KEY_MASK)
    }
}

impl Eq for Instance {}

impl std::hash::Hash for Instance {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.lo);
    }
}

/// Everything gathered from the inputs so far.
#[derive(Default)]
pub(crate) struct Collector {
    inputs: Vec<InputSummary>,
    runs: Vec<Option<RunInfo>>,
    files: FileCounts,
    statuses: Tally,
    instances: KeyMap<Instance, ()>,
    series: KeyMap<(u64, u64), ()>,
    studies: KeyIds,
    malformed_keys: u64,
    modalities: Tally,
    manufacturers: Tally,
    character_sets: Tally,
    preambles: Tally,
    burned_in: Tally,
    tiers: Tally,
    polyglot: u64,
    institutions: Dimension,
    institution_files: Counts,
    institution_claimed: Counts,
    institution_failed: Counts,
    institution_studies: DistinctPairs,
    year_files: Counts,
    year_studies: DistinctPairs,
    categories: Names,
    category_files: Counts,
    letters: Names,
    letter_files: Counts,
    deid_claimed: u64,
    deid_failed: u64,
    sexes: Dimension,
    identities: Identities,
    records: Vec<RecordFacts>,
    private_findings: u64,
    private_leaking: u64,
    private_files: u64,
    private_creators: Tally,
    any_findings: bool,
}

impl Collector {
    /// Reads one input (its index numbers it in the report).
    pub(crate) fn read_input(&mut self, index: usize, dir: &Path) -> Result<(), ReportError> {
        let input = index as u32;
        let mut rows = 0u64;
        let mut index_of = FileIndex::default();
        read::files(dir, |row| {
            rows += 1;
            let record = self.add_file(input, row)?;
            index_of.push(row.file_id, record.unwrap_or(NONE));
            Ok(())
        })?;
        let index_of = index_of.finish();
        let mut private_files: KeyMap<u64, ()> = KeyMap::default();
        let findings = read::findings(dir, |f| {
            self.add_finding(f, &index_of, &mut private_files);
        })?;
        self.private_files += private_files.len() as u64;
        self.any_findings |= findings;
        let run = read::run_info(dir);
        self.inputs.push(InputSummary {
            files: rows,
            findings,
            tool_version: run.as_ref().and_then(|r| r.version.clone()),
        });
        self.runs.push(run);
        Ok(())
    }

    /// A key column's value as a number; counts malformed ones.
    fn key(&mut self, text: Option<&str>) -> Option<u128> {
        let text = text?;
        let key = parse_key(text);
        self.malformed_keys += u64::from(key.is_none());
        key
    }

    /// Counts one file; returns its record index when it holds patient data.
    fn add_file(&mut self, input: u32, row: &FileView<'_>) -> Result<Option<u32>, ReportError> {
        self.files.total += 1;
        self.statuses.add(Some(row.status));
        self.files.bytes += row.file_size.unwrap_or(0);
        let dicom = !matches!(row.status, "not_dicom" | "io_error");
        self.files.dicom += u64::from(dicom);

        if let Some(k) = self.key(row.instance_key) {
            let instance = Instance::new(k, input);
            // One probe: the entry holds the first sighting's input.
            match self.instances.entry(instance) {
                Entry::Occupied(first) => {
                    self.files.duplicate_instances += 1;
                    self.files.duplicate_instances_across_inputs +=
                        u64::from(first.key().input() != instance.input());
                }
                Entry::Vacant(slot) => {
                    slot.insert(());
                }
            }
        }
        if let Some(k) = self.key(row.series_key) {
            self.series.insert(words(k), ());
        }
        let study = self.key(row.study_key).map_or(NONE, |k| self.studies.id(k));

        if let Some(kind) = row.preamble_kind {
            self.preambles.add(Some(kind));
            self.polyglot += u64::from(POLYGLOT_PREAMBLES.contains(&kind));
        }
        if let Some(risk) = row.burned_in_risk {
            self.burned_in.add(Some(risk));
        }
        self.tiers.add(Some(row.tier.unwrap_or("ungraded")));

        let institution = self.institutions.id(row.institution);
        let year = row
            .study_year_month
            .and_then(|ym| ym.get(..4))
            .and_then(|y| y.parse::<u32>().ok())
            .unwrap_or(0);
        if dicom {
            self.modalities.add(row.modality);
            self.manufacturers.add(row.manufacturer);
            self.character_sets.add(row.character_set);
            self.institution_files.add(institution, 1);
            self.year_files.add(year, 1);
            if study != NONE {
                self.institution_studies.add(institution, study);
                self.year_studies.add(year, study);
            }
        }

        let claimed = row.deid_claimed == Some(true);
        let failed = claimed && row.deid_consistent == Some(false);
        self.deid_claimed += u64::from(claimed);
        self.deid_failed += u64::from(failed);
        self.institution_claimed
            .add(institution, u64::from(claimed));
        self.institution_failed.add(institution, u64::from(failed));

        let mut category_bits = 0u64;
        for c in row.categories.iter() {
            let id = self.categories.id(c);
            self.category_files.add(id, 1);
            if id < 64 {
                category_bits |= 1 << id;
            }
        }
        let mut letter_bits = 0u32;
        for l in row.hipaa_letters.iter() {
            let id = self.letters.id(l);
            self.letter_files.add(id, 1);
            if id < 32 {
                letter_bits |= 1 << id;
            }
        }

        let Some(identifiability) = row.identifiability else {
            return Ok(None);
        };
        self.files.graded += 1;
        // Quarters: 0.25 steps (docs/scoring.md); anything above 0 is patient data.
        let level = (identifiability * 4.0).round().clamp(0.0, 4.0) as u8;
        let level = if identifiability > 0.0 {
            level.max(1)
        } else {
            0
        };
        if level == 0 {
            return Ok(None);
        }
        if self.records.len() >= (NONE - 1) as usize {
            return Err(ReportError::TooManyRows);
        }
        let patient = self.key(row.patient_key);
        let person = self.key(row.person_key);
        let record = self
            .identities
            .add_record(patient, person, study, row.birth_year.is_some());
        for alternate in row.person_key_alternates.iter() {
            if let Some(k) = self.key(Some(alternate)) {
                self.identities.add_person_alternate(record, k);
            }
        }
        let sex = self.sexes.id(row.sex);
        self.records.push(RecordFacts {
            categories: category_bits,
            letters: letter_bits,
            institution,
            sex,
            birth_year: row.birth_year.unwrap_or(i32::MIN),
            year,
            level,
            deid_failed: failed,
        });
        Ok(Some(record))
    }

    /// Notes one finding: Other Patient IDs and placeholder values for identity
    /// resolution, private-element findings for their table.
    fn add_finding(
        &mut self,
        f: &FindingView<'_>,
        index_of: &FileIndex,
        private_files: &mut KeyMap<u64, ()>,
    ) {
        if let Some(record) = index_of.record(f.file_id) {
            if f.category == "patient_other_id"
                && let Some(key) = self.key(f.value_key)
            {
                self.identities.add_other_id(record, key);
            }
            if f.value_state == Some("placeholder") {
                match f.path {
                    Some("(0010,0020)") => self.identities.patient_value_is_placeholder(record),
                    Some("(0010,0010)") => self.identities.person_value_is_placeholder(record),
                    _ => {}
                }
            }
        }
        if f.tag.is_some_and(is_private_tag) {
            self.private_findings += 1;
            self.private_leaking +=
                u64::from(matches!(f.value_state, Some("real_looking" | "validated")));
            self.private_creators.add(f.private_creator);
            private_files.insert(f.file_id, ());
        }
    }

    /// Resolves identities and builds the report.
    pub(crate) fn finish(mut self, options: &ReportOptions) -> Report {
        for s in Status::ALL {
            self.statuses.ensure(s.as_str());
        }
        // Only their sizes are left to tell: free the largest tables before resolving.
        let instances = std::mem::take(&mut self.instances).len() as u64;
        let series = std::mem::take(&mut self.series).len() as u64;
        let studies = self.studies.len() as u64;
        self.studies = KeyIds::default();
        let identities = std::mem::take(&mut self.identities);
        let resolution = identities.resolve();
        let cells =
            PatientCells::count(&self.records, &resolution, &self.sexes, &self.institutions);
        let patients = self.patients(&resolution);
        let top = options.top;

        let files = FileCounts {
            by_status: Status::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), self.statuses.get(s.as_str())))
                .chain(
                    // Statuses a later scan may add, after the known ones.
                    self.statuses
                        .ranked()
                        .into_iter()
                        .filter_map(|(n, c)| n.map(|n| (n, c)))
                        .filter(|(n, _)| Status::ALL.iter().all(|s| s.as_str() != n)),
                )
                .collect(),
            ..self.files.clone()
        };
        let institutions = self.institution_rows(&cells, top);
        let study_years = self.year_rows(&cells);
        let leaks = self.leaks(&cells, top);
        let warnings = self.warnings();
        Report {
            inputs: self.inputs,
            warnings,
            files,
            instances,
            studies,
            series,
            patients,
            identity: IdentityCounts {
                links: resolution.links,
                placeholders: resolution.placeholders,
                malformed_keys: self.malformed_keys,
            },
            modalities: ranked(self.modalities.ranked(), top),
            institutions,
            study_years,
            character_sets: ranked(self.character_sets.ranked(), top),
            manufacturers: ranked(self.manufacturers.ranked(), top),
            leaks,
            quasi_identifiers: cells.quasi_identifiers,
        }
    }

    fn patients(&self, r: &Resolution) -> Patients {
        let levels: Vec<u8> = self.records.iter().map(|f| f.level).collect();
        let (lower_direct, lower_identifiable, lower_any) = people(&r.lower, &levels);
        let (upper_direct, upper_identifiable, upper_any) = people(&r.upper, &levels);
        let unresolved = || r.lower.iter().zip(&levels).filter(|(set, _)| **set == NONE);
        Patients {
            directly_identified: Bounds {
                lower: lower_direct,
                upper: upper_direct,
            },
            identifiable: Bounds {
                lower: lower_identifiable,
                upper: upper_identifiable,
            },
            with_patient_data: Bounds {
                lower: lower_any,
                upper: upper_any,
            },
            unresolved_records: unresolved().count() as u64,
            unresolved_records_identifiable: unresolved()
                .filter(|(_, l)| **l >= IDENTIFIABLE)
                .count() as u64,
            records: self.records.len() as u64,
        }
    }

    fn institution_rows(&mut self, cells: &PatientCells, top: usize) -> Ranked<InstitutionRow> {
        let studies = std::mem::take(&mut self.institution_studies).counts();
        let mut rows: Vec<InstitutionRow> = (0..self.institutions.len() as u32)
            .filter(|&id| self.institution_files.get(id) > 0)
            .map(|id| InstitutionRow {
                name: self.institutions.name(id),
                files: self.institution_files.get(id),
                studies: studies.get(&id).copied().unwrap_or(0),
                patients: cells.institution(id),
            })
            .collect();
        rows.sort_by(|a, b| {
            b.files
                .cmp(&a.files)
                .then_with(|| absent_last(&a.name, &b.name))
        });
        let mut named: Vec<InstitutionRow> = Vec::new();
        let mut absent = None;
        for row in rows {
            if row.name.is_none() {
                absent = Some(row);
            } else {
                named.push(row);
            }
        }
        let more = (named.len() > top).then(|| More {
            entries: (named.len() - top) as u64,
            files: named[top..].iter().map(|r| r.files).sum(),
        });
        named.truncate(top);
        named.extend(absent);
        Ranked { rows: named, more }
    }

    fn year_rows(&mut self, cells: &PatientCells) -> Vec<YearRow> {
        let studies = std::mem::take(&mut self.year_studies).counts();
        let mut rows: Vec<YearRow> = (0..self.year_files.0.len() as u32)
            .filter(|&y| self.year_files.get(y) > 0)
            .map(|y| YearRow {
                year: (y != 0).then_some(y as i32),
                files: self.year_files.get(y),
                studies: studies.get(&y).copied().unwrap_or(0),
                patients: cells.year(y),
            })
            .collect();
        // Oldest first, unknown last.
        rows.sort_by_key(|r| r.year.map_or(i32::MAX, |y| y));
        rows
    }

    fn leaks(&mut self, cells: &PatientCells, top: usize) -> Leaks {
        let mut categories: Vec<LeakRow> = (0..self.categories.len() as u32)
            .map(|id| LeakRow {
                name: self.categories.name(id).to_owned(),
                files: self.category_files.get(id),
                patients: cells.category(id),
            })
            .collect();
        categories.sort_by(|a, b| b.files.cmp(&a.files).then_with(|| a.name.cmp(&b.name)));
        let mut hipaa: Vec<LeakRow> = (0..self.letters.len() as u32)
            .map(|id| LeakRow {
                name: self.letters.name(id).to_owned(),
                files: self.letter_files.get(id),
                patients: cells.letter(id),
            })
            .collect();
        hipaa.sort_by(|a, b| a.name.cmp(&b.name));

        let mut tiers = fixed_order(&self.tiers, &TIERS);
        // `ungraded` last, after any tier a later scan may add.
        if let Some(i) = tiers
            .iter()
            .position(|t| t.name.as_deref() == Some("ungraded"))
        {
            let ungraded = tiers.remove(i);
            tiers.push(ungraded);
        }
        let mut deid_rows: Vec<DeidRow> = (0..self.institutions.len() as u32)
            .filter(|&id| self.institution_claimed.get(id) > 0)
            .map(|id| {
                let claimed = self.institution_claimed.get(id);
                let failed = self.institution_failed.get(id);
                DeidRow {
                    name: self.institutions.name(id),
                    claimed,
                    failed,
                    failed_share: failed as f64 / claimed as f64,
                }
            })
            .collect();
        deid_rows.sort_by(|a, b| {
            b.failed
                .cmp(&a.failed)
                .then(b.claimed.cmp(&a.claimed))
                .then_with(|| absent_last(&a.name, &b.name))
        });
        let deid_more = (deid_rows.len() > top).then(|| More {
            entries: (deid_rows.len() - top) as u64,
            files: deid_rows[top..].iter().map(|r| r.claimed).sum(),
        });
        deid_rows.truncate(top);
        let deidentification = Deidentification {
            claimed: self.deid_claimed,
            failed: self.deid_failed,
            failed_share: (self.deid_claimed > 0)
                .then(|| self.deid_failed as f64 / self.deid_claimed as f64),
            failed_patients: cells.deid_failed(),
            by_institution: Ranked {
                rows: deid_rows,
                more: deid_more,
            },
        };
        let private_tags = self.any_findings.then(|| PrivateTags {
            findings: self.private_findings,
            leaking_findings: self.private_leaking,
            files: self.private_files,
            by_creator: ranked(self.private_creators.ranked(), top),
        });
        Leaks {
            categories,
            hipaa,
            tiers,
            deidentification,
            burned_in_risk: fixed_order(&self.burned_in, &BURNED_IN),
            private_tags,
            preambles: fixed_order(&self.preambles, &PREAMBLES),
            polyglot_files: self.polyglot,
        }
    }

    fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        let n = self.inputs.len();
        let keys: Vec<&str> = self
            .runs
            .iter()
            .filter_map(|r| r.as_ref().and_then(|r| r.key_file.as_deref()))
            .collect();
        if keys.windows(2).any(|w| w[0] != w[1]) {
            out.push(
                "the inputs were scanned with different key files (run.json key_file differs): \
                 pseudonyms made with different keys never match, so a patient seen in two \
                 inputs is counted twice and duplicates across inputs are missed; scan every \
                 shard with the same --key-file"
                    .to_owned(),
            );
        }
        if n > 1 {
            for (i, r) in self.runs.iter().enumerate() {
                if r.as_ref().and_then(|r| r.key_file.as_ref()).is_none() {
                    out.push(format!(
                        "input {} of {n} has no readable run.json: cannot check that it was \
                         scanned with the same key",
                        i + 1
                    ));
                }
            }
        }
        for (i, input) in self.inputs.iter().enumerate() {
            let unscored = self.runs[i].as_ref().is_some_and(|r| !r.scored);
            if unscored {
                out.push(format!(
                    "input {} of {n} was scanned with --no-score: it has no findings and no \
                     grades, so what leaked and how identifiable its patients are is not \
                     counted; scan it again without --no-score",
                    i + 1
                ));
            } else if !input.findings {
                out.push(format!(
                    "input {} of {n} has no findings.parquet: its Other Patient IDs and \
                     private-tag findings are not counted",
                    i + 1
                ));
            }
        }
        if self.malformed_keys > 0 {
            out.push(format!(
                "{} key values are not 32 hex digits and were ignored",
                self.malformed_keys
            ));
        }
        out
    }
}

/// People in a partition: sets holding a directly identified file, an identifiable file,
/// any record.
fn people(partition: &[u32], levels: &[u8]) -> (u64, u64, u64) {
    let mut best = vec![0u8; partition.len()];
    for (&set, &level) in partition.iter().zip(levels) {
        if set != NONE {
            let b = &mut best[set as usize];
            *b = (*b).max(level);
        }
    }
    let at_least = |min: u8| best.iter().filter(|&&b| b >= min).count() as u64;
    (at_least(DIRECT), at_least(IDENTIFIABLE), at_least(1))
}

/// Distinct people per cell of every per-patient table, in one partition.
#[derive(Default)]
struct CellCounts {
    institutions: KeyMap<u32, u64>,
    years: KeyMap<u32, u64>,
    categories: KeyMap<u32, u64>,
    letters: KeyMap<u32, u64>,
    combos: KeyMap<u32, u64>,
    deid_failed: u64,
}

impl CellCounts {
    /// Counts each person (set of records) once per cell it touches. The records are
    /// sorted by set once (8 bytes each), and each set's few cells deduplicated in small
    /// buffers: no table of (cell, person) pairs is ever built.
    fn of(records: &[RecordFacts], partition: &[u32], combo_of: &[u32]) -> CellCounts {
        let mut order: Vec<u64> = partition
            .iter()
            .enumerate()
            .filter(|(_, set)| **set != NONE)
            .map(|(i, &set)| (u64::from(set) << 32) | i as u64)
            .collect();
        order.sort_unstable();
        let mut c = CellCounts::default();
        let (mut inst, mut year, mut combo) = (Vec::new(), Vec::new(), Vec::new());
        for person in order.chunk_by(|a, b| a >> 32 == b >> 32) {
            let (mut cats, mut letters, mut failed) = (0u64, 0u32, false);
            inst.clear();
            year.clear();
            combo.clear();
            for &entry in person {
                let r = (entry & 0xFFFF_FFFF) as usize;
                let f = &records[r];
                cats |= f.categories;
                letters |= f.letters;
                failed |= f.deid_failed;
                inst.push(f.institution);
                year.push(f.year);
                combo.push(combo_of[r]);
            }
            count_distinct(&mut c.institutions, &mut inst);
            count_distinct(&mut c.years, &mut year);
            count_distinct(&mut c.combos, &mut combo);
            for bit in bits(cats) {
                *c.categories.entry(bit).or_insert(0) += 1;
            }
            for bit in bits(u64::from(letters)) {
                *c.letters.entry(bit).or_insert(0) += 1;
            }
            c.deid_failed += u64::from(failed);
        }
        c
    }
}

/// Adds one to the count of each distinct value in `values` (which it sorts).
fn count_distinct(counts: &mut KeyMap<u32, u64>, values: &mut Vec<u32>) {
    values.sort_unstable();
    values.dedup();
    for v in values.iter() {
        *counts.entry(*v).or_insert(0) += 1;
    }
}

/// Patient cells of every per-patient table, for both partitions.
struct PatientCells {
    lower: CellCounts,
    upper: CellCounts,
    quasi_identifiers: QuasiIdentifiers,
}

impl PatientCells {
    fn count(
        records: &[RecordFacts],
        r: &Resolution,
        sexes: &Dimension,
        institutions: &Dimension,
    ) -> PatientCells {
        // Quasi-identifier combinations, numbered.
        let mut combos: KeyMap<(u32, i32, u32), u32> = KeyMap::default();
        let combo_of: Vec<u32> = records
            .iter()
            .map(|f| {
                let next = combos.len() as u32;
                *combos
                    .entry((f.sex, f.birth_year, f.institution))
                    .or_insert(next)
            })
            .collect();
        let lower = CellCounts::of(records, &r.lower, &combo_of);
        let upper = CellCounts::of(records, &r.upper, &combo_of);

        let mut cells = Vec::new();
        let mut suppressed = 0;
        for (&(sex, birth_year, institution), id) in &combos {
            let count = |c: &CellCounts| c.combos.get(id).copied().unwrap_or(0);
            let (low, high) = (count(&lower), count(&upper));
            if low + high == 0 {
                continue;
            }
            // The lower bound is the fewest people the cell can hold: it must reach k.
            if low < MIN_PATIENTS_SHOWN {
                suppressed += 1;
                continue;
            }
            let cell = QiCell {
                sex: sexes.name(sex),
                birth_year: (birth_year != i32::MIN).then_some(birth_year),
                institution: institutions.name(institution),
                patients: PatientCell::new(low, high),
            };
            cells.push((low, cell));
        }
        cells.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| absent_last(&a.1.sex, &b.1.sex))
                .then(a.1.birth_year.cmp(&b.1.birth_year))
                .then_with(|| absent_last(&a.1.institution, &b.1.institution))
        });
        let quasi_identifiers = QuasiIdentifiers {
            combinations: cells.len() as u64 + suppressed,
            cells: cells.into_iter().map(|(_, c)| c).collect(),
            combinations_suppressed: suppressed,
        };
        PatientCells {
            lower,
            upper,
            quasi_identifiers,
        }
    }

    fn cell(&self, get: impl Fn(&CellCounts) -> u64) -> PatientCell {
        PatientCell::new(get(&self.lower), get(&self.upper))
    }

    fn institution(&self, id: u32) -> PatientCell {
        self.cell(|c| c.institutions.get(&id).copied().unwrap_or(0))
    }

    fn year(&self, year: u32) -> PatientCell {
        self.cell(|c| c.years.get(&year).copied().unwrap_or(0))
    }

    fn category(&self, id: u32) -> PatientCell {
        self.cell(|c| c.categories.get(&id).copied().unwrap_or(0))
    }

    fn letter(&self, id: u32) -> PatientCell {
        self.cell(|c| c.letters.get(&id).copied().unwrap_or(0))
    }

    fn deid_failed(&self) -> PatientCell {
        self.cell(|c| c.deid_failed)
    }
}

/// The set bits of a mask, lowest first.
fn bits(mut mask: u64) -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || {
        if mask == 0 {
            return None;
        }
        let bit = mask.trailing_zeros();
        mask &= mask - 1;
        Some(bit)
    })
}

/// Named rows before the absent one.
fn absent_last(a: &Option<String>, b: &Option<String>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// The top `top` named rows of a tally (already by count, then name), the absent row
/// after them, and what was left out.
fn ranked(rows: Vec<(Option<String>, u64)>, top: usize) -> Ranked<NameCount> {
    let (named, absent): (Vec<_>, Vec<_>) = rows.into_iter().partition(|(n, _)| n.is_some());
    let more = (named.len() > top).then(|| More {
        entries: (named.len() - top) as u64,
        files: named[top..].iter().map(|r| r.1).sum(),
    });
    let rows = named
        .into_iter()
        .take(top)
        .chain(absent)
        .map(|(name, files)| NameCount { name, files })
        .collect();
    Ranked { rows, more }
}

/// A tally in a fixed order (every listed name, 0 if never seen), then names not listed.
fn fixed_order(tally: &Tally, order: &[&str]) -> Vec<NameCount> {
    let mut rows: Vec<NameCount> = order
        .iter()
        .map(|n| NameCount {
            name: Some((*n).to_owned()),
            files: tally.get(n),
        })
        .collect();
    for (name, files) in tally.ranked() {
        let listed = name.as_deref().is_some_and(|n| order.contains(&n));
        if !listed {
            rows.push(NameCount { name, files });
        }
    }
    rows
}

/// Whether a findings `tag` (`(GGGG,EEEE)`) is in a private group (odd, PS3.5 7.8.1).
fn is_private_tag(tag: &str) -> bool {
    tag.get(1..5)
        .and_then(|g| u16::from_str_radix(g, 16).ok())
        .is_some_and(|g| g % 2 == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_tags_are_the_odd_groups() {
        assert!(is_private_tag("(0009,1010)"));
        assert!(is_private_tag("(7FE1,0010)"));
        assert!(!is_private_tag("(0010,0010)"));
        assert!(!is_private_tag("bogus"));
    }

    #[test]
    fn bits_lists_set_bits_lowest_first() {
        assert_eq!(bits(0b1010_0001).collect::<Vec<_>>(), [0, 5, 7]);
        assert_eq!(bits(0).count(), 0);
        assert_eq!(bits(1 << 63).collect::<Vec<_>>(), [63]);
    }

    #[test]
    fn ranked_keeps_the_top_rows_then_the_absent_row_and_sums_the_rest() {
        let rows = vec![
            (Some("A".to_owned()), 5),
            (Some("B".to_owned()), 3),
            (Some("C".to_owned()), 2),
            (None, 9),
        ];
        let r = ranked(rows, 2);
        let names: Vec<_> = r.rows.iter().map(|r| r.name.as_deref()).collect();
        assert_eq!(names, [Some("A"), Some("B"), None]);
        assert_eq!(
            r.more,
            Some(More {
                entries: 1,
                files: 2
            })
        );
    }

    #[test]
    fn people_counts_sets_by_their_best_file() {
        // Sets 0 (levels 1, 4), 2 (level 2), and an unresolved record.
        let partition = [0, 0, 2, NONE];
        let levels = [1, 4, 2, 4];
        assert_eq!(people(&partition, &levels), (1, 2, 2));
    }

    #[test]
    fn file_index_finds_records_in_dense_and_sparse_numberings() {
        let mut dense = FileIndex::default();
        for (id, record) in [(0, 5), (1, NONE), (2, 6)] {
            dense.push(id, record);
        }
        let dense = dense.finish();
        assert!(matches!(dense, FileIndex::Dense(_)));
        assert_eq!(dense.record(2), Some(6));
        assert_eq!(dense.record(1), None);
        assert_eq!(dense.record(99), None);
        let mut sparse = FileIndex::default();
        for (id, record) in [(0, 3), (1 << 40, 1), (7, 2), (9, NONE)] {
            sparse.push(id, record);
        }
        let sparse = sparse.finish();
        assert!(matches!(sparse, FileIndex::Sparse(_)));
        assert_eq!(sparse.record(0), Some(3));
        assert_eq!(sparse.record(1 << 40), Some(1));
        assert_eq!(sparse.record(7), Some(2));
        assert_eq!(sparse.record(9), None);
    }

    #[test]
    fn instances_match_whatever_input_holds_them_and_remember_the_first() {
        let a = Instance::new(u128::MAX - 5, 0);
        let b = Instance::new(u128::MAX - 5, 3);
        assert_eq!(a, b);
        assert_eq!(b.input(), 3);
        assert_ne!(a, Instance::new(u128::MAX - 6, 0));
    }
}

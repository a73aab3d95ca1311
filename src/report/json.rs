//! [`Report`] -> the JSON document of `docs/report-schema.md` (`schema`:
//! [`SCHEMA`]). Keys keep the order written here (serde_json `preserve_order`), so two
//! reports diff line by line.
//!
//! Patient counts in tables are objects `{"lower": n, "upper": n}`; a bound below five is
//! `null` and the object then carries `"suppressed": true`.

use serde_json::{Map, Value, json};

use super::privacy::MIN_PATIENTS_SHOWN;
use super::{Bounds, IdentityCounts, Leaks, NameCount, PatientCell, Ranked, Report, identity};

/// The schema name and major version. A new major version is made only when a key is
/// removed or changes meaning; keys may be added within a version.
pub const SCHEMA: &str = "dicomleak-report/1";

/// The report as JSON. `generated_at` is the only value that differs between two runs
/// over the same inputs.
pub fn to_json(report: &Report, generated_at: &str) -> Value {
    json!({
        "schema": SCHEMA,
        "tool": { "name": "dicomleak", "version": env!("CARGO_PKG_VERSION") },
        "generated_at": generated_at,
        "inputs": report.inputs.iter().enumerate().map(|(i, input)| json!({
            "index": i + 1,
            "files": input.files,
            "findings": input.findings,
            "tool_version": input.tool_version,
        })).collect::<Vec<_>>(),
        "warnings": report.warnings,
        "suppression": {
            "min_patients": MIN_PATIENTS_SHOWN,
            "applies_to": "patient counts in tables; headline totals under `patients` are exact",
        },
        "files": {
            "total": report.files.total,
            "by_status": report.files.by_status.iter()
                .map(|(s, n)| (s.clone(), json!(n)))
                .collect::<Map<String, Value>>(),
            "dicom": report.files.dicom,
            "graded": report.files.graded,
            "bytes": report.files.bytes,
            "duplicate_instances": report.files.duplicate_instances,
            "duplicate_instances_across_inputs": report.files.duplicate_instances_across_inputs,
        },
        "instances": report.instances,
        "studies": report.studies,
        "series": report.series,
        "patients": {
            "directly_identified": bounds(report.patients.directly_identified),
            "identifiable": bounds(report.patients.identifiable),
            "with_patient_data": bounds(report.patients.with_patient_data),
            "unresolved_records": report.patients.unresolved_records,
            "unresolved_records_identifiable": report.patients.unresolved_records_identifiable,
            "records": report.patients.records,
        },
        "identity": identity_json(&report.identity),
        "modalities": ranked(&report.modalities, "files"),
        "institutions": {
            "rows": report.institutions.rows.iter().map(|r| json!({
                "name": r.name,
                "files": r.files,
                "studies": r.studies,
                "patients": cell(r.patients),
            })).collect::<Vec<_>>(),
            "more": more(report.institutions.more, "files"),
        },
        "study_years": report.study_years.iter().map(|r| json!({
            "year": r.year,
            "files": r.files,
            "studies": r.studies,
            "patients": cell(r.patients),
        })).collect::<Vec<_>>(),
        "character_sets": ranked(&report.character_sets, "files"),
        "manufacturers": ranked(&report.manufacturers, "files"),
        "leaks": leaks(&report.leaks),
        "quasi_identifiers": {
            "dimensions": ["sex", "birth_year", "institution"],
            "min_patients": MIN_PATIENTS_SHOWN,
            "cells": report.quasi_identifiers.cells.iter().map(|c| json!({
                "sex": c.sex,
                "birth_year": c.birth_year,
                "institution": c.institution,
                "patients": cell(c.patients),
            })).collect::<Vec<_>>(),
            "combinations": report.quasi_identifiers.combinations,
            "combinations_suppressed": report.quasi_identifiers.combinations_suppressed,
        },
    })
}

fn bounds(b: Bounds) -> Value {
    json!({ "lower": b.lower, "upper": b.upper })
}

/// `{"lower", "upper"}`, each `null` when suppressed, plus `"suppressed": true` then.
fn cell(c: PatientCell) -> Value {
    let mut m = Map::new();
    m.insert("lower".into(), json!(c.lower().count()));
    m.insert("upper".into(), json!(c.upper().count()));
    if c.is_suppressed() {
        m.insert("suppressed".into(), json!(true));
    }
    Value::Object(m)
}

fn identity_json(i: &IdentityCounts) -> Value {
    let l = &i.links;
    let p = &i.placeholders;
    json!({
        "links": {
            "patient_key": l.patient_key,
            "other_patient_id": l.other_patient_id,
            "person_key": l.person_key,
            "study": l.study,
        },
        "not_linked": {
            "placeholder_patient_keys": p.patient_keys,
            "placeholder_person_keys": p.person_keys,
            "placeholder_other_patient_ids": p.other_patient_ids,
            "placeholder_values": p.placeholder_values,
            "person_keys_without_birth_year": p.person_keys_without_birth_year,
        },
        "thresholds": {
            "patient_key_placeholder_persons": identity::PATIENT_KEY_PLACEHOLDER_PERSONS,
            "other_patient_id_placeholder_persons": identity::OTHER_ID_PLACEHOLDER_PERSONS,
            "person_key_placeholder_patients": identity::PERSON_KEY_PLACEHOLDER_PATIENTS,
        },
        "malformed_keys": i.malformed_keys,
    })
}

fn ranked(r: &Ranked<NameCount>, counted: &str) -> Value {
    json!({
        "rows": r.rows.iter().map(|n| name_count(n, counted)).collect::<Vec<_>>(),
        "more": more(r.more, counted),
    })
}

fn name_count(n: &NameCount, counted: &str) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(n.name));
    m.insert(counted.into(), json!(n.files));
    Value::Object(m)
}

fn more(m: Option<super::More>, counted: &str) -> Value {
    match m {
        None => Value::Null,
        Some(m) => {
            let mut o = Map::new();
            o.insert("entries".into(), json!(m.entries));
            o.insert(counted.into(), json!(m.files));
            Value::Object(o)
        }
    }
}

/// A fixed list as an object `{name: files}` (names are never absent in these lists).
fn counts(rows: &[NameCount]) -> Value {
    Value::Object(
        rows.iter()
            .map(|r| (r.name.clone().unwrap_or_default(), json!(r.files)))
            .collect(),
    )
}

fn leaks(l: &Leaks) -> Value {
    let d = &l.deidentification;
    json!({
        "categories": l.categories.iter().map(|r| json!({
            "name": r.name,
            "files": r.files,
            "patients": cell(r.patients),
        })).collect::<Vec<_>>(),
        "hipaa": l.hipaa.iter().map(|r| json!({
            "letter": r.name,
            "name": super::text::hipaa_name(&r.name),
            "files": r.files,
            "patients": cell(r.patients),
        })).collect::<Vec<_>>(),
        "tiers": counts(&l.tiers),
        "deidentification": {
            "claimed": d.claimed,
            "failed": d.failed,
            "failed_share": d.failed_share.map(round4),
            "failed_patients": cell(d.failed_patients),
            "by_institution": {
                "rows": d.by_institution.rows.iter().map(|r| json!({
                    "name": r.name,
                    "claimed": r.claimed,
                    "failed": r.failed,
                    "failed_share": round4(r.failed_share),
                })).collect::<Vec<_>>(),
                "more": more(d.by_institution.more, "claimed"),
            },
        },
        "burned_in_risk": counts(&l.burned_in_risk),
        "private_tags": l.private_tags.as_ref().map(|p| json!({
            "findings": p.findings,
            "leaking_findings": p.leaking_findings,
            "files": p.files,
            "by_creator": ranked(&p.by_creator, "findings"),
        })),
        "preambles": counts(&l.preambles),
        "polyglot_files": l.polyglot_files,
    })
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppressed_bounds_are_null_and_flagged() {
        let v = cell(PatientCell::new(3, 12));
        assert_eq!(v, json!({"lower": null, "upper": 12, "suppressed": true}));
        let v = cell(PatientCell::new(0, 6));
        assert_eq!(v, json!({"lower": 0, "upper": 6}));
    }
}

//! The reader over every file of the shared corpus (`../shared/corpus`), checked against
//! the catalog that a reference reader (pydicom) and a structure walk produced.
//!
//! Runs when the corpus is present (CI has it) and says it was skipped when it is not.

mod common;

use common::{catalog, corpus_dir};
use dicomleak::reader::{self, Header, Status, tags};

/// What we read of one file, in the catalog's terms.
fn observed(h: &Header<'_>) -> Vec<(&'static str, String)> {
    let text = |tag| {
        h.find(tag)
            .map(|e| h.strings(e).join("\\"))
            .unwrap_or_default()
    };
    let sop_class = match h.find(tags::SOP_CLASS_UID) {
        Some(e) => h.strings(e).join("\\"),
        None => h
            .find_meta(tags::MEDIA_STORAGE_SOP_CLASS_UID)
            .map(|e| h.strings(e).join("\\"))
            .unwrap_or_default(),
    };
    // pydicom's str() of a PersonName drops trailing empty groups.
    let names: Vec<String> = h
        .find(tags::PATIENT_NAME)
        .map(|e| {
            h.strings(e)
                .iter()
                .map(|s| s.trim_end_matches('=').to_string())
                .collect()
        })
        .unwrap_or_default();
    // The catalog counts distinct top-level tags (a duplicate is kept once), pixel data
    // included.
    let mut distinct: Vec<_> = h.top_level().map(|i| h.elements[i].tag).collect();
    distinct.sort();
    distinct.dedup();
    let top_level = distinct.len() + usize::from(h.pixel_data.is_some());
    // pydicom reads a value of spaces as empty.
    let has_name = !names.iter().all(String::is_empty);
    vec![
        ("expected_status", h.status.as_str().to_owned()),
        ("transfer_syntax_uid", transfer_syntax(h)),
        ("has_preamble", u8::from(h.has_preamble).to_string()),
        ("specific_character_set", text(tags::SPECIFIC_CHARACTER_SET)),
        ("sop_class_uid", sop_class),
        ("modality", text(tags::MODALITY)),
        ("has_patient_name", u8::from(has_name).to_string()),
        ("patient_name_repr", names.join("\\")),
        ("element_count_top_level", top_level.to_string()),
    ]
}

/// The Transfer Syntax UID, or for a file without one, the UID of the encoding read.
fn transfer_syntax(h: &Header<'_>) -> String {
    if let Some(uid) = &h.transfer_syntax_uid {
        return uid.to_string();
    }
    match h.encoding {
        Some(e) if !e.explicit_vr => "1.2.840.10008.1.2".into(),
        Some(e) if e.big_endian => "1.2.840.10008.1.2.2".into(),
        Some(_) => "1.2.840.10008.1.2.1".into(),
        None => String::new(),
    }
}

/// Cases where the catalog's reference reader and ours disagree and we are right; each is
/// pinned by its own test in `tests/reference_disagreements.rs`.
const KNOWN: &[(&str, &str)] = &[
    // One stray byte before an explicit VR LE data set: pydicom reads garbage, we skip the
    // byte and read the CT data set (status malformed either way).
    (
        "files/pydicom/test_files/no_meta.dcm",
        "transfer_syntax_uid",
    ),
    (
        "files/pydicom/test_files/no_meta.dcm",
        "specific_character_set",
    ),
    ("files/pydicom/test_files/no_meta.dcm", "sop_class_uid"),
    ("files/pydicom/test_files/no_meta.dcm", "modality"),
    ("files/pydicom/test_files/no_meta.dcm", "has_patient_name"),
    ("files/pydicom/test_files/no_meta.dcm", "patient_name_repr"),
    (
        "files/pydicom/test_files/no_meta.dcm",
        "element_count_top_level",
    ),
];

#[test]
fn every_corpus_file_reads_as_the_catalog_says() {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let rows = catalog(&dir);
    assert!(rows.len() > 200, "catalog has {} rows", rows.len());
    let mut mismatches = Vec::new();
    for row in &rows {
        let bytes = std::fs::read(dir.join(&row.path)).expect("corpus file readable");
        let h = reader::read(&bytes);
        for (column, ours) in observed(&h) {
            let mut expected = row.get(column).to_owned();
            if row.get("expected_status") == "not_dicom" && column != "expected_status" {
                continue;
            }
            if column == "element_count_top_level" {
                if h.status == Status::Truncated || expected.is_empty() {
                    continue;
                }
                // We stop at pixel data: the trailing padding after it is not read.
                if row.get("notes").contains("trailing padding") {
                    let n: usize = expected.parse().expect("count");
                    expected = (n - 1).to_string();
                }
            }
            if ours != expected && !KNOWN.contains(&(row.path.as_str(), column)) {
                mismatches.push(format!(
                    "{} {column}: ours {ours:?}, catalog {expected:?} ({})",
                    row.path,
                    h.error.as_ref().map(|e| e.to_string()).unwrap_or_default()
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

//! The bundled `sample_data/` files read as `sample_data/manifest.csv` says. Runs on a
//! fresh clone: it needs nothing outside the repository.

use std::path::PathBuf;

use dicomleak::reader::{self, Header, tags};

fn sample_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data")
}

fn first(h: &Header<'_>, tag: dicomleak::reader::Tag) -> String {
    h.find(tag)
        .map(|e| h.strings(e).join("\\"))
        .unwrap_or_default()
}

#[test]
fn every_sample_file_reads_as_its_manifest_says() {
    let mut manifest = csv::Reader::from_path(sample_dir().join("manifest.csv")).expect("manifest");
    let headers = manifest.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let mut files = 0;
    for row in manifest.records() {
        let row = row.expect("row");
        let name = &row[col("file")];
        let bytes = std::fs::read(sample_dir().join(name)).expect("sample file");
        let h = reader::read(&bytes);
        assert_eq!(h.status.as_str(), &row[col("expected_status")], "{name}");
        assert_eq!(
            u8::from(h.has_preamble).to_string(),
            row[col("has_preamble")],
            "{name}"
        );
        if let Some(ts) = &h.transfer_syntax_uid {
            assert_eq!(ts, &row[col("transfer_syntax_uid")], "{name}");
        }
        assert_eq!(
            first(&h, tags::SPECIFIC_CHARACTER_SET),
            row[col("specific_character_set")],
            "{name}"
        );
        assert_eq!(first(&h, tags::MODALITY), row[col("modality")], "{name}");
        // The manifest keeps pydicom's text of the name; trailing empty groups and
        // components carry no meaning (PS3.5 6.2.1).
        let name_ours = first(&h, tags::PATIENT_NAME);
        let name_ref = &row[col("patient_name")];
        assert_eq!(
            name_ours.trim_end_matches(['=', '^']),
            name_ref.trim_end_matches(['=', '^']),
            "{name}"
        );
        files += 1;
    }
    assert!((10..=16).contains(&files), "{files} sample files");
}

#[test]
fn dicomdir_patient_names_are_inside_its_records() {
    let bytes = std::fs::read(sample_dir().join("DICOMDIR")).expect("DICOMDIR");
    let h = reader::read(&bytes);
    assert!(h.find(tags::PATIENT_NAME).is_none());
    let nested: Vec<String> = h
        .elements
        .iter()
        .filter(|e| e.tag == tags::PATIENT_NAME)
        .map(|e| h.strings(e).join("\\"))
        .collect();
    assert!(nested.contains(&"Doe^Archibald".to_owned()), "{nested:?}");
    assert!(nested.contains(&"Doe^Peter".to_owned()), "{nested:?}");
}

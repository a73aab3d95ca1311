//! One test per real file that once read wrong, named for what was wrong with it. Each
//! runs when the shared corpus is present.

mod common;

use dicomleak::reader::{self, Problem, Status, tags};

fn corpus_file(rel: &str) -> Option<Vec<u8>> {
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipped: ../shared/corpus not found");
        return None;
    };
    Some(std::fs::read(dir.join("files").join(rel)).expect("corpus file"))
}

#[test]
fn stray_leading_byte_is_skipped_and_the_data_set_read() {
    // pydicom reads this as one bogus element (0820,0500); the real explicit VR LE data set
    // starts at offset 1, and we read it, so a responder sees the patient name it holds.
    let Some(bytes) = corpus_file("pydicom/test_files/no_meta.dcm") else {
        return;
    };
    let h = reader::read(&bytes);
    assert_eq!(h.status, Status::Malformed);
    assert!(matches!(
        h.error.as_ref().map(|e| &e.problem),
        Some(Problem::StrayLeadingBytes { count: 1 })
    ));
    let name = h.find(tags::PATIENT_NAME).expect("patient name");
    assert_eq!(h.strings(name), vec!["CompressedSamples^CT1"]);
    assert_eq!(h.top_level().count(), 256);
}

#[test]
fn un_sequence_with_defined_length_is_read_as_implicit_little_endian() {
    // (300C,0002) Referenced RT Plan Sequence written as UN with a defined length: its
    // items are implicit VR LE (PS3.5 6.2.2), not the explicit VR of the data set.
    let Some(bytes) = corpus_file("pydicom/test_files/rtdose_rle.dcm") else {
        return;
    };
    let h = reader::read(&bytes);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    let seq = h
        .find(reader::Tag::new(0x300C, 0x0002))
        .expect("referenced RT plan sequence");
    assert_eq!(seq.kind, reader::ElementKind::Sequence);
}

#[test]
fn cut_deflate_stream_inside_pixel_data_is_truncated() {
    let Some(bytes) = corpus_file("derived/trunc_deflated_image_dfl.dcm") else {
        return;
    };
    assert_eq!(reader::read(&bytes).status, Status::Truncated);
}

#[test]
fn data_set_starting_in_group_one_is_inferred_as_implicit() {
    // No transfer syntax in the meta group, and the data set starts with (0001,0001) of
    // undefined length: still a data set (implicit VR LE), as pydicom infers.
    let Some(bytes) = corpus_file("pydicom/test_files/meta_missing_tsyntax.dcm") else {
        return;
    };
    let h = reader::read(&bytes);
    assert_eq!(h.status, Status::Malformed);
    assert_eq!(h.encoding, Some(reader::Encoding::IMPLICIT_LE));
    // The sequence (0001,0001), then pixel data.
    assert_eq!(h.top_level().count(), 1);
    assert!(h.pixel_data.is_some());
}

//! Hand-made byte arrays for every case the reader must handle. Each builder below writes
//! one element header field by field; the comments cite where PS3.5 defines the layout.

use super::*;
use crate::reader::charset::DecodeIssues;
use crate::reader::header::ElementKind;
use crate::test_support::{XorShift, delim, ex_le, part10_file};

// ---- builders: one element, field by field ----

/// Explicit VR big endian element (PS3.5 A.3: same layout, big endian numbers).
fn ex_be(group: u16, element: u16, vr: &[u8; 2], value: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&group.to_be_bytes()); // tag group, BE
    b.extend_from_slice(&element.to_be_bytes()); // tag element, BE
    b.extend_from_slice(vr); // VR
    b.extend_from_slice(&(value.len() as u16).to_be_bytes()); // 16-bit length, BE
    b.extend_from_slice(value);
    b
}

/// Implicit VR little endian element (PS3.5 7.1.3, Table 7.1-3).
fn im_le(group: u16, element: u16, value: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&group.to_le_bytes()); // tag group
    b.extend_from_slice(&element.to_le_bytes()); // tag element
    b.extend_from_slice(&(value.len() as u32).to_le_bytes()); // 32-bit length
    b.extend_from_slice(value);
    b
}

/// Explicit VR LE header of an element with undefined length (PS3.5 7.1.2: only SQ, UN,
/// OB/OW pixel data may have it).
fn ex_le_undefined(group: u16, element: u16, vr: &[u8; 2]) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&group.to_le_bytes());
    b.extend_from_slice(&element.to_le_bytes());
    b.extend_from_slice(vr);
    b.extend_from_slice(&[0, 0]); // reserved
    b.extend_from_slice(&[0xFF; 4]); // FFFFFFFFH: undefined length
    b
}

/// A Part 10 file: 128-byte preamble, `DICM`, meta group with group length (PS3.10 7.1).
fn part10(transfer_syntax: &str, dataset: &[u8]) -> Vec<u8> {
    let mut meta = Vec::new();
    meta.extend(ex_le(0x0002, 0x0001, b"OB", &[0, 1])); // File Meta Information Version
    meta.extend(ex_le(0x0002, 0x0002, b"UI", b"1.2.840.10008.5.1.4.1.1.7\0")); // SOP class
    meta.extend(ex_le(0x0002, 0x0010, b"UI", &uid(transfer_syntax))); // Transfer Syntax
    part10_file(&meta, dataset)
}

/// A UID value padded to even length with NUL (PS3.5 9.1).
fn uid(s: &str) -> Vec<u8> {
    let mut v = s.as_bytes().to_vec();
    if v.len() % 2 == 1 {
        v.push(0);
    }
    v
}

const EXPLICIT_LE: &str = "1.2.840.10008.1.2.1";
const IMPLICIT_LE: &str = "1.2.840.10008.1.2";

/// A small explicit VR LE data set: Modality, Patient's Name, Patient ID.
fn small_explicit_dataset() -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(ex_le(0x0008, 0x0060, b"CS", b"MR")); // Modality
    d.extend(ex_le(0x0010, 0x0010, b"PN", b"Doe^Jane")); // Patient's Name
    d.extend(ex_le(0x0010, 0x0020, b"LO", b"ID0001")); // Patient ID
    d
}

fn value_of(h: &Header<'_>, tag: Tag) -> String {
    let e = h.find(tag).expect("element present");
    h.strings(e).join("\\")
}

// ---- Part 10 framing ----

#[test]
fn part10_file_with_preamble_reads_meta_and_data_set() {
    let file = part10(EXPLICIT_LE, &small_explicit_dataset());
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert!(h.has_preamble && h.has_meta);
    assert_eq!(h.transfer_syntax_uid.as_deref(), Some(EXPLICIT_LE));
    assert_eq!(h.meta().len(), 4);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
    assert_eq!(h.top_level().count(), 3);
}

#[test]
fn meta_group_without_preamble_is_read_from_offset_zero() {
    let file = part10(EXPLICIT_LE, &small_explicit_dataset());
    let h = read(&file[132..]); // no preamble, no DICM: the meta group starts the file
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert!(!h.has_preamble && h.has_meta);
    assert_eq!(value_of(&h, tags::PATIENT_ID), "ID0001");
}

#[test]
fn raw_implicit_little_endian_data_set_is_inferred() {
    // No preamble, no meta: a bare implicit VR LE data set (PS3.5 A.1), as legacy writers
    // stored them. The VRs come from the dictionary.
    let mut d = Vec::new();
    d.extend(im_le(0x0008, 0x0016, &uid("1.2.840.10008.5.1.4.1.1.4"))); // SOP Class UID
    d.extend(im_le(0x0008, 0x0060, b"MR")); // Modality
    d.extend(im_le(0x0010, 0x0010, b"Doe^Jane")); // Patient's Name
    let h = read(&d);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert_eq!(h.encoding, Some(Encoding::IMPLICIT_LE));
    let name = h.find(tags::PATIENT_NAME).expect("name");
    assert_eq!(name.vr, Vr::PN);
    assert!(name.vr_from_dictionary);
}

#[test]
fn raw_explicit_little_endian_data_set_is_inferred() {
    let d = small_explicit_dataset();
    let h = read(&d);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert_eq!(h.encoding, Some(Encoding::EXPLICIT_LE));
    assert_eq!(value_of(&h, tags::MODALITY), "MR");
}

#[test]
fn raw_explicit_big_endian_data_set_is_inferred() {
    // PS3.5 A.3: the tag (0008,0060) reads 0800 6000 in big endian.
    let mut d = Vec::new();
    d.extend(ex_be(0x0008, 0x0060, b"CS", b"CT")); // Modality
    d.extend(ex_be(0x0028, 0x0010, b"US", &512u16.to_be_bytes())); // Rows
    d.extend(ex_be(0x0028, 0x0011, b"US", &256u16.to_be_bytes())); // Columns
    let h = read(&d);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert_eq!(h.encoding, Some(Encoding::EXPLICIT_BE));
    let rows = h.find(Tag::new(0x0028, 0x0010)).expect("rows");
    assert_eq!(h.uints(rows), vec![512]);
}

#[test]
fn meta_group_without_group_length_is_malformed_but_read() {
    // PS3.10 7.1: (0002,0000) is Type 1. Without it, read the group until it changes.
    let mut b = vec![0u8; 128];
    b.extend_from_slice(b"DICM");
    b.extend(ex_le(0x0002, 0x0010, b"UI", &uid(EXPLICIT_LE))); // Transfer Syntax only
    b.extend(small_explicit_dataset());
    let h = read(&b);
    assert_eq!(h.status, Status::Malformed);
    assert!(matches!(
        h.error.as_ref().map(|e| &e.problem),
        Some(Problem::MissingGroupLength)
    ));
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
}

#[test]
fn meta_group_without_transfer_syntax_infers_the_encoding() {
    let mut d = Vec::new();
    d.extend(im_le(0x0008, 0x0060, b"CT")); // Modality, implicit VR
    d.extend(im_le(0x0010, 0x0010, b"Roe^Ann ")); // Patient's Name, space padded
    d.extend(im_le(0x0010, 0x0020, b"42")); // Patient ID
    let mut b = vec![0u8; 128];
    b.extend_from_slice(b"DICM");
    let version = ex_le(0x0002, 0x0001, b"OB", &[0, 1]); // the only meta element
    b.extend(ex_le(
        0x0002,
        0x0000,
        b"UL",
        &(version.len() as u32).to_le_bytes(),
    ));
    b.extend(version);
    b.extend(d);
    let h = read(&b);
    assert_eq!(h.status, Status::Malformed);
    assert_eq!(h.encoding, Some(Encoding::IMPLICIT_LE));
    assert!(
        h.anomalies
            .iter()
            .any(|a| matches!(a.problem, Problem::MissingTransferSyntax { .. }))
    );
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Roe^Ann");
}

#[test]
fn transfer_syntax_that_disagrees_with_the_data_set_is_detected_and_overridden() {
    // The meta says explicit VR LE; the data set is implicit VR LE (pydicom's
    // SC_rgb_jpeg.dcm is such a file).
    let mut d = Vec::new();
    d.extend(im_le(0x0008, 0x0060, b"OT"));
    d.extend(im_le(0x0010, 0x0010, b"Doe^John"));
    d.extend(im_le(0x0010, 0x0020, b"77"));
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Malformed);
    assert_eq!(h.encoding, Some(Encoding::IMPLICIT_LE));
    assert!(h.anomalies.iter().any(|a| matches!(
        a.problem,
        Problem::TransferSyntaxMismatch {
            declared: Encoding::EXPLICIT_LE,
            actual: Encoding::IMPLICIT_LE
        }
    )));
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^John");
}

#[test]
fn not_dicom_bytes_get_not_dicom() {
    assert_eq!(read(b"").status, Status::NotDicom);
    assert_eq!(
        read(b"Hello, this is a plain text file.\n").status,
        Status::NotDicom
    );
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\0\0\0\0";
    assert_eq!(read(png).status, Status::NotDicom);
}

#[test]
fn file_cut_inside_its_first_meta_element_header_is_truncated() {
    // trunc_ele_00136.dcm: PS3.10 7.1 preamble and prefix, then 4 of the 8 bytes of the
    // (0002,0000) explicit VR header (PS3.5 7.1.2): a cut file, not garbage.
    let mut b = vec![0u8; 128]; // preamble
    b.extend_from_slice(b"DICM"); // prefix
    b.extend_from_slice(&[0x02, 0x00, 0x00, 0x00]); // tag (0002,0000); VR and length cut off
    let h = read(&b);
    assert_eq!(h.status, Status::Truncated, "{:?}", h.error);
    assert!(matches!(
        h.error.as_ref().map(|e| &e.problem),
        Some(Problem::Truncated {
            needed: 8,
            available: 4,
            ..
        })
    ));
}

#[test]
fn file_cut_inside_a_later_meta_element_header_keeps_the_elements_before_it() {
    // trunc_ele_00150.dcm: the file ends 6 bytes into the header of (0002,0001).
    let whole = part10(EXPLICIT_LE, &small_explicit_dataset());
    // 128 preamble + 4 prefix + 12 bytes of (0002,0000) UL 4 + 6 bytes of the next header.
    let cut = &whole[..128 + 4 + 12 + 6];
    let h = read(cut);
    assert_eq!(h.status, Status::Truncated, "{:?}", h.error);
    assert_eq!(h.meta().len(), 1, "(0002,0000) is kept");
    assert_eq!(h.meta()[0].tag, tags::FILE_META_GROUP_LENGTH);
}

#[test]
fn meta_group_shorter_than_its_group_length_at_the_end_of_file_is_truncated() {
    // The file ends right after a whole element, but (0002,0000) says the group goes on.
    let whole = part10(EXPLICIT_LE, &small_explicit_dataset());
    // Preamble, prefix, (0002,0000) and (0002,0001) OB: 12 + 6 header bytes + 2 value.
    let cut = &whole[..128 + 4 + 12 + 12 + 2];
    let h = read(cut);
    assert_eq!(h.status, Status::Truncated, "{:?}", h.error);
    assert_eq!(h.meta().len(), 2);
}

#[test]
fn deflated_file_cut_inside_its_meta_group_is_truncated_not_a_corrupt_stream() {
    // trunc_deflate_00250.dcm: the meta group names Deflated Explicit VR Little Endian
    // (PS3.5 A.5), then the file ends 6 bytes into the header of (0002,0012). Nothing of
    // the deflate stream is there, so there is nothing to inflate.
    let mut meta = Vec::new();
    meta.extend(ex_le(0x0002, 0x0010, b"UI", &uid("1.2.840.10008.1.2.1.99"))); // TS
    meta.extend(ex_le(0x0002, 0x0012, b"UI", &uid("1.2.3.4"))); // Implementation Class UID
    let mut b = vec![0u8; 128]; // preamble
    b.extend_from_slice(b"DICM"); // prefix
    b.extend(ex_le(
        0x0002,
        0x0000,
        b"UL",
        &(meta.len() as u32).to_le_bytes(),
    )); // group length: both elements
    b.extend(meta);
    let cut = b.len() - (8 + 8) + 6; // 6 bytes into (0002,0012)'s 8-byte header
    let h = read(&b[..cut]);
    assert_eq!(h.status, Status::Truncated, "{:?}", h.error);
    assert!(
        !h.anomalies
            .iter()
            .any(|a| matches!(a.problem, Problem::BadDeflate(_)))
    );
}

#[test]
fn dicm_prefix_followed_by_text_is_malformed() {
    let mut b = vec![0u8; 128];
    b.extend_from_slice(b"DICM");
    b.extend_from_slice(b"This is not a data set at all, just some words.");
    let h = read(&b);
    assert_eq!(h.status, Status::Malformed);
    assert!(matches!(
        h.error.as_ref().map(|e| &e.problem),
        Some(Problem::GarbageAfterPrefix)
    ));
}

#[test]
fn wrong_meta_group_length_is_malformed_and_the_data_set_still_read() {
    // (0002,0000) is Type 1 and counts the bytes of the meta group after it (PS3.10 7.1).
    // Here it says 40 bytes more than the group holds: a reader trusting it would take the
    // first data set elements for meta elements. The group ends where group 0002 does.
    let mut file = part10(EXPLICIT_LE, &small_explicit_dataset());
    let length_at = 128 + 4 + 8; // preamble, DICM, (0002,0000) tag + VR + 16-bit length
    let declared = u32::from_le_bytes(file[length_at..length_at + 4].try_into().unwrap());
    file[length_at..length_at + 4].copy_from_slice(&(declared + 40).to_le_bytes());
    let h = read(&file);
    assert_eq!(h.status, Status::Malformed, "{:?}", h.error);
    assert!(matches!(
        h.anomalies[0].problem,
        Problem::GroupLengthMismatch { found, .. } if found == declared as usize
    ));
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
}

#[test]
fn file_that_ends_with_its_meta_group_is_truncated() {
    // A Part 10 file is a meta group followed by a data set (PS3.10 7.1): with no byte
    // after the group, the copy was cut there.
    let file = part10(EXPLICIT_LE, &[]);
    let h = read(&file);
    assert_eq!(h.status, Status::Truncated, "{:?}", h.error);
    assert_eq!(h.meta().len(), 4, "the meta group is kept");
}

#[test]
fn transfer_syntax_with_bytes_after_a_nul_uses_the_uid_before_them() {
    // A UI value is digits and dots padded with one NUL (PS3.5 9.1, Table 6.2-1). Here
    // eight NULs and "xyz" follow the UID: the UID is read, the rest is flagged.
    let mut ts = b"1.2.840.10008.1.2.1".to_vec();
    ts.extend_from_slice(&[0; 8]); // NUL padding, too much of it
    ts.extend_from_slice(b"xyz"); // then bytes that are not padding
    let mut meta = Vec::new();
    meta.extend(ex_le(0x0002, 0x0010, b"UI", &ts)); // Transfer Syntax UID, 30 bytes
    let file = part10_file(&meta, &small_explicit_dataset());
    let h = read(&file);
    assert_eq!(h.status, Status::Malformed, "{:?}", h.error);
    assert_eq!(h.transfer_syntax_uid.as_deref(), Some(EXPLICIT_LE));
    assert!(matches!(
        h.anomalies[0].problem,
        Problem::TransferSyntaxGarbage { bytes: 11 }
    ));
    assert_eq!(value_of(&h, tags::PATIENT_ID), "ID0001");
}

#[test]
fn private_transfer_syntax_is_noted_not_malformed() {
    // PS3.5 10: a private Transfer Syntax has a private UID. The data set is read as its
    // bytes are (explicit VR LE here) and the unknown UID is a note, not damage.
    let file = part10("1.2.3.4.5.6.7", &small_explicit_dataset());
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert!(matches!(
        h.anomalies[0].problem,
        Problem::UnknownTransferSyntax
    ));
    assert_eq!(h.encoding, Some(Encoding::EXPLICIT_LE));
    // An empty Transfer Syntax UID is a missing one (Type 1): malformed.
    let mut meta = Vec::new();
    meta.extend(ex_le(0x0002, 0x0010, b"UI", b"")); // Transfer Syntax UID, empty
    let file = part10_file(&meta, &small_explicit_dataset());
    let h = read(&file);
    assert_eq!(h.status, Status::Malformed, "{:?}", h.error);
    assert!(matches!(
        h.anomalies[0].problem,
        Problem::MissingTransferSyntax { .. }
    ));
}

#[test]
fn ge_private_implicit_big_endian_syntax_reads_an_implicit_little_endian_data_set() {
    // 1.2.840.113619.5.2 ("Implicit VR Big Endian", GE): the data set is implicit VR LE,
    // only the pixel data is big endian (GDCM's ImplicitVRBigEndianPrivateGE).
    let mut d = Vec::new();
    d.extend(im_le(0x0008, 0x0060, b"CT")); // Modality
    d.extend(im_le(0x0010, 0x0010, b"Doe^Jane")); // Patient's Name
    let file = part10("1.2.840.113619.5.2", &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert!(h.anomalies.is_empty(), "{:?}", h.anomalies);
    assert_eq!(h.encoding, Some(Encoding::IMPLICIT_LE));
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
}

// ---- transfer syntaxes ----

#[test]
fn implicit_vr_little_endian_file_reads_with_dictionary_vrs() {
    let mut d = Vec::new();
    d.extend(im_le(0x0010, 0x0010, b"Doe^Jane"));
    d.extend(im_le(0x0028, 0x0010, &64u16.to_le_bytes())); // Rows, US from the dictionary
    let file = part10(IMPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    let rows = h.find(Tag::new(0x0028, 0x0010)).expect("rows");
    assert_eq!(rows.vr, Vr::US);
    assert_eq!(h.uints(rows), vec![64]);
}

#[test]
fn explicit_vr_big_endian_file_reads_numbers_big_endian() {
    let mut d = Vec::new();
    d.extend(ex_be(0x0008, 0x0060, b"CS", b"MR"));
    d.extend(ex_be(0x0028, 0x0010, b"US", &300u16.to_be_bytes()));
    d.extend(ex_be(0x0028, 0x0011, b"US", &200u16.to_be_bytes()));
    let file = part10("1.2.840.10008.1.2.2", &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    let rows = h.find(Tag::new(0x0028, 0x0010)).expect("rows");
    assert!(rows.big_endian);
    assert_eq!(h.uints(rows), vec![300]);
}

fn deflate_raw(data: &[u8]) -> Vec<u8> {
    use flate2::Compression;
    use flate2::write::DeflateEncoder;
    use std::io::Write;
    let mut enc = DeflateEncoder::new(Vec::new(), Compression::default());
    enc.write_all(data).expect("in memory");
    enc.finish().expect("in memory")
}

#[test]
fn deflated_data_set_is_inflated_and_read() {
    // PS3.5 A.5: after the meta group, the explicit VR LE data set is a raw deflate stream.
    let file = part10(
        "1.2.840.10008.1.2.1.99",
        &deflate_raw(&small_explicit_dataset()),
    );
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert!(h.deflated);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
}

#[test]
fn corrupt_deflate_stream_is_malformed_not_truncated() {
    // A deflated data set whose compressed bytes are damaged in the middle (not cut): the
    // inflater stops with an error, and the data set with it.
    let mut d = small_explicit_dataset();
    d.extend(ex_le(0x0011, 0x0010, b"LO", b"ACME"));
    for i in 0..200u16 {
        let text = format!("text value number {i:03}");
        d.extend(ex_le(0x0011, 0x1000 + i, b"LO", text.as_bytes()));
    }
    let mut z = deflate_raw(&d);
    for b in &mut z[96..116] {
        *b ^= 0xA5;
    }
    // The damage is one the inflater reports (checked here, so the test means what it says).
    let mut out = Vec::new();
    let inflated = std::io::Read::read_to_end(
        &mut flate2::read::DeflateDecoder::new(z.as_slice()),
        &mut out,
    );
    assert!(inflated.is_err(), "the damage must break the stream");
    let file = part10("1.2.840.10008.1.2.1.99", &z);
    let h = read(&file);
    assert_eq!(h.status, Status::Malformed, "{:?}", h.error);
}

#[test]
fn data_set_declared_deflated_but_stored_plain_is_read_as_it_is() {
    // The meta group says Deflated Explicit VR Little Endian, but the data set after it
    // is plain explicit VR LE: (0008,xxxx) with a VR, which no deflate stream can start
    // with (a stored block whose length and its complement disagree, RFC 1951 3.2.4).
    let file = part10("1.2.840.10008.1.2.1.99", &small_explicit_dataset());
    let h = read(&file);
    assert_eq!(h.status, Status::Malformed);
    assert!(!h.deflated);
    assert!(h.anomalies.iter().any(|a| matches!(
        a.problem,
        Problem::NotDeflated {
            actual: Encoding::EXPLICIT_LE
        }
    )));
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
}

#[test]
fn deflated_data_set_with_a_zlib_header_is_read_past_it() {
    // A zlib stream (RFC 1950: CMF 0x78, FLG, deflate data, Adler-32) where PS3.5 A.5
    // wants raw deflate.
    use flate2::Compression;
    use flate2::write::ZlibEncoder;
    use std::io::Write;
    let mut enc = ZlibEncoder::new(Vec::new(), Compression::default());
    enc.write_all(&small_explicit_dataset()).expect("in memory");
    let zlib = enc.finish().expect("in memory");
    assert_eq!(zlib[0], 0x78);
    let file = part10("1.2.840.10008.1.2.1.99", &zlib);
    let h = read(&file);
    assert!(h.deflated);
    assert!(
        h.anomalies
            .iter()
            .any(|a| a.problem == Problem::ZlibWrapped)
    );
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
}

#[test]
fn raw_deflate_streams_are_told_from_plain_data_sets_and_zlib_headers() {
    for level in [0, 1, 6, 9] {
        let raw = {
            use flate2::Compression;
            use flate2::write::DeflateEncoder;
            use std::io::Write;
            let mut enc = DeflateEncoder::new(Vec::new(), Compression::new(level));
            enc.write_all(&small_explicit_dataset()).expect("in memory");
            enc.finish().expect("in memory")
        };
        assert!(super::can_start_raw_deflate(&raw), "level {level}");
        assert!(!super::is_zlib_wrapped(&raw), "level {level}");
    }
    assert!(!super::can_start_raw_deflate(&small_explicit_dataset()));
}

#[test]
fn deflated_data_set_past_the_inflate_cap_stops_with_an_error() {
    // A deflate bomb: 32 MiB of one long OB value compresses to a few KiB.
    let mut d = small_explicit_dataset();
    d.extend(ex_le(0x0011, 0x0010, b"LO", b"BOMB")); // a private creator
    d.extend(ex_le(0x0011, 0x1000, b"OB", &vec![0u8; 32 << 20])); // its huge value
    let file = part10("1.2.840.10008.1.2.1.99", &deflate_raw(&d));
    assert!(file.len() < 128 << 10);
    let options = ReadOptions {
        max_inflated_bytes: 1 << 20,
        ..ReadOptions::default()
    };
    let h = read_with(&file, &options);
    assert_eq!(h.status, Status::Malformed);
    assert!(matches!(
        h.error.as_ref().map(|e| &e.problem),
        Some(Problem::InflateCap { .. })
    ));
    assert!(
        h.inflated.capacity() <= 2 << 20,
        "inflated {} bytes",
        h.inflated.capacity()
    );
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
}

#[test]
fn encapsulated_syntaxes_read_their_header_as_explicit_little_endian() {
    for ts in [
        "1.2.840.10008.1.2.4.50",  // JPEG baseline
        "1.2.840.10008.1.2.4.80",  // JPEG-LS
        "1.2.840.10008.1.2.4.90",  // JPEG 2000
        "1.2.840.10008.1.2.5",     // RLE
        "1.2.840.10008.1.2.4.201", // HTJ2K
        "1.2.840.10008.1.2.4.102", // MPEG-4
        "1.2.840.10008.1.2.4.107", // HEVC
    ] {
        let mut d = small_explicit_dataset();
        d.extend(ex_le_undefined(0x7FE0, 0x0010, b"OB")); // Pixel Data, encapsulated
        d.extend(delim(0xE000, 0)); // empty basic offset table item
        d.extend(delim(0xE000, 4)); // one fragment of 4 bytes
        d.extend_from_slice(&[1, 2, 3, 4]);
        d.extend(delim(0xE0DD, 0)); // sequence delimiter
        let file = part10(ts, &d);
        let h = read(&file);
        assert_eq!(h.status, Status::Ok, "{ts}: {:?}", h.error);
        assert_eq!(h.encoding, Some(Encoding::EXPLICIT_LE), "{ts}");
        assert_eq!(value_of(&h, tags::MODALITY), "MR", "{ts}");
        assert!(h.pixel_data.is_some());
    }
}

// ---- pixel data ----

#[test]
fn read_stops_before_pixel_data_without_touching_its_value() {
    let mut d = small_explicit_dataset();
    let at = d.len();
    d.extend(ex_le(0x7FE0, 0x0010, b"OW", &[0xAB; 64])); // native Pixel Data
    // After the value, bytes that are no element at all: never read.
    d.extend_from_slice(b"garbage after pixel data");
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    let px = h.pixel_data.expect("pixel data found");
    assert_eq!(px.tag, tags::PIXEL_DATA);
    assert_eq!(h.header_bytes, file.len() - d.len() + at);
    assert!(h.elements.iter().all(|e| e.tag != tags::PIXEL_DATA));
}

#[test]
fn float_pixel_data_also_stops_the_read() {
    for element in [0x0008u16, 0x0009] {
        let mut d = small_explicit_dataset();
        let vr = if element == 8 { b"OF" } else { b"OD" };
        d.extend(ex_le(0x7FE0, element, vr, &[0; 16]));
        let file = part10(EXPLICIT_LE, &d);
        let h = read(&file);
        assert_eq!(h.pixel_data.map(|p| p.tag), Some(Tag::new(0x7FE0, element)));
    }
}

#[test]
fn native_pixel_data_longer_than_the_file_is_truncated() {
    let mut d = small_explicit_dataset();
    let mut px = ex_le(0x7FE0, 0x0010, b"OW", &[0; 64]);
    px.truncate(px.len() - 10); // the file is cut inside the pixel value
    d.extend(px);
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Truncated);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
}

#[test]
fn encapsulated_pixel_data_without_its_delimiter_is_truncated() {
    let mut d = small_explicit_dataset();
    d.extend(ex_le_undefined(0x7FE0, 0x0010, b"OB"));
    d.extend(delim(0xE000, 0)); // offset table
    d.extend(delim(0xE000, 4)); // fragment
    d.extend_from_slice(&[1, 2, 3, 4]); // ... and the file ends: no (FFFE,E0DD)
    let file = part10("1.2.840.10008.1.2.4.50", &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Truncated);
    // The header alone is whole: a header-only read looks at nothing past pixel data.
    let h = read_with(&file, &ReadOptions::header_only());
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert!(h.pixel_data.is_some());
}

#[test]
fn deflate_stream_cut_inside_pixel_data_is_truncated_unless_header_only() {
    // The header, then 64 KiB of pixel data that compresses poorly, all in one deflate
    // stream (PS3.5 A.5); the file is cut half-way through the pixel data.
    let mut d = small_explicit_dataset();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let noise: Vec<u8> = (0..64 << 10).map(|_| rng.next() as u8).collect();
    d.extend(ex_le(0x7FE0, 0x0010, b"OB", &noise)); // Pixel Data of defined length
    let stream = deflate_raw(&d);
    let mut file = part10("1.2.840.10008.1.2.1.99", &stream);
    file.truncate(file.len() - (32 << 10));
    let h = read(&file);
    assert_eq!(h.status, Status::Truncated);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
    // The error counts the compressed bytes present, not how far the read inflated.
    let present = (stream.len() - (32 << 10)) as u64;
    assert!(
        matches!(
            h.error.as_ref().map(|e| &e.problem),
            Some(Problem::Truncated { needed, available, .. })
                if *available == present && *needed == present + 1
        ),
        "{:?}",
        h.error
    );
    let h = read_with(&file, &ReadOptions::header_only());
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
    assert!(h.pixel_data.is_some());
}

#[test]
fn deflated_pixel_data_is_checked_up_to_a_cap() {
    // A deflate bomb behind a real header: 8 MiB of zero pixel data is about 8 KiB of
    // stream. The check inflates up to the cap, then notes that it stopped.
    let mut d = small_explicit_dataset();
    d.extend(ex_le(0x7FE0, 0x0010, b"OB", &vec![0u8; 8 << 20])); // Pixel Data
    let file = part10("1.2.840.10008.1.2.1.99", &deflate_raw(&d));
    assert!(file.len() < 64 << 10);
    let capped = ReadOptions {
        max_checked_inflate: 1 << 20,
        ..ReadOptions::default()
    };
    let h = read_with(&file, &capped);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
    let notes: Vec<_> = h.anomalies.iter().map(|a| &a.problem).collect();
    assert_eq!(notes, [&Problem::CheckCapped { cap: 1 << 20 }]);
    // Under the default cap the whole stream is checked, and nothing is noted.
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert!(h.anomalies.is_empty(), "{:?}", h.anomalies);
    // The header's compressed bytes, not the stream the check ran through.
    assert!(
        h.header_bytes < file.len(),
        "{} of {}",
        h.header_bytes,
        file.len()
    );
}

#[test]
fn deflated_pixel_data_longer_than_its_whole_stream_is_truncated() {
    // A stream that ends properly, but 100 bytes into pixel data that declares 4,096.
    let mut d = small_explicit_dataset();
    let at = d.len();
    d.extend(ex_le(0x7FE0, 0x0010, b"OB", &[7u8; 100])); // Pixel Data, 100 bytes
    d[at + 8..at + 12].copy_from_slice(&4096u32.to_le_bytes()); // declared: 4,096
    let file = part10("1.2.840.10008.1.2.1.99", &deflate_raw(&d));
    let h = read(&file);
    assert_eq!(h.status, Status::Truncated);
    assert_eq!(
        h.error.as_ref().map(|e| &e.problem),
        Some(&Problem::Truncated {
            what: "the pixel data value",
            needed: 4096,
            available: 100,
        })
    );
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
    // Header-only reads look at nothing past the pixel data element's header.
    assert_eq!(
        read_with(&file, &ReadOptions::header_only()).status,
        Status::Ok
    );
}

// ---- sequences ----

/// (0008,1115) Referenced Series Sequence holding one item with a Series Instance UID.
fn sequence(defined_seq: bool, defined_item: bool) -> Vec<u8> {
    let inner = ex_le(0x0020, 0x000E, b"UI", &uid("1.2.3.4"));
    let mut item = Vec::new();
    if defined_item {
        item.extend(delim(0xE000, inner.len() as u32)); // item of defined length
        item.extend(&inner);
    } else {
        item.extend(delim(0xE000, u32::MAX)); // item of undefined length
        item.extend(&inner);
        item.extend(delim(0xE00D, 0)); // item delimitation item
    }
    let mut s = Vec::new();
    if defined_seq {
        s.extend(ex_le(0x0008, 0x1115, b"SQ", &item)); // SQ of defined length
    } else {
        s.extend(ex_le_undefined(0x0008, 0x1115, b"SQ"));
        s.extend(item);
        s.extend(delim(0xE0DD, 0)); // sequence delimitation item
    }
    s
}

#[test]
fn sequences_and_items_of_defined_and_undefined_length_are_read() {
    for (defined_seq, defined_item) in [(true, true), (true, false), (false, true), (false, false)]
    {
        let mut d = sequence(defined_seq, defined_item);
        d.extend(ex_le(0x0010, 0x0010, b"PN", b"After^Seq ")); // element after the sequence
        let file = part10(EXPLICIT_LE, &d);
        let h = read(&file);
        let case = format!("seq defined {defined_seq}, item defined {defined_item}");
        assert_eq!(h.status, Status::Ok, "{case}: {:?}", h.error);
        let seq_index = h.top_level().next().expect("sequence");
        assert_eq!(h.elements[seq_index].kind, ElementKind::Sequence, "{case}");
        let items: Vec<usize> = h.children(seq_index).collect();
        assert_eq!(items.len(), 1, "{case}");
        let inner: Vec<usize> = h.children(items[0]).collect();
        assert_eq!(
            h.elements[inner[0]].tag,
            tags::SERIES_INSTANCE_UID,
            "{case}"
        );
        assert_eq!(h.elements[inner[0]].depth, 1, "{case}");
        assert_eq!(value_of(&h, tags::PATIENT_NAME), "After^Seq", "{case}");
        assert_eq!(h.max_depth, 1);
    }
}

#[test]
fn sequence_of_defined_length_without_items_is_skipped_and_the_data_set_goes_on() {
    // (0008,1115) SQ whose defined length holds an element where an item belongs (PS3.5
    // 7.5.1: a sequence's value is items): its length still marks where it ends.
    let inner = ex_le(0x0020, 0x000E, b"UI", &uid("1.2.3.4"));
    let mut d = ex_le(0x0008, 0x0060, b"CS", b"CT"); // Modality
    d.extend(ex_le(0x0008, 0x1115, b"SQ", &inner)); // SQ of defined length, no item
    d.extend(ex_le(0x0010, 0x0010, b"PN", b"After^Seq ")); // element after the sequence
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(
        h.status,
        Status::Malformed,
        "the file is damaged and says so"
    );
    let error = h.error.as_ref().expect("error");
    assert_eq!(error.at.tag, Some(tags::SERIES_INSTANCE_UID));
    assert_eq!(
        value_of(&h, tags::PATIENT_NAME),
        "After^Seq",
        "read past the sequence"
    );
}

#[test]
fn un_sequence_whose_items_are_explicit_vr_is_read_as_written() {
    // (0008,1140) UN of undefined length (PS3.5 6.2.2 asks for implicit VR inside) whose
    // item holds an explicit VR element: `UI` read as part of an implicit length would be
    // 674,133 bytes and swallow the rest of the file.
    let mut d = ex_le(0x0008, 0x0016, b"UI", &uid("1.2.3"));
    d.extend(ex_le_undefined(0x0008, 0x1140, b"UN"));
    d.extend(delim(0xE000, u32::MAX)); // item of undefined length
    d.extend(ex_le(0x0008, 0x1155, b"UI", &uid("1.2.3.4.5"))); // explicit VR inside
    d.extend(delim(0xE00D, 0)); // item delimitation
    d.extend(delim(0xE0DD, 0)); // sequence delimitation
    d.extend(ex_le(0x0010, 0x0010, b"PN", b"Doe^John")); // after the sequence
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(
        value_of(&h, tags::PATIENT_NAME),
        "Doe^John",
        "{:?}",
        h.error
    );
    assert_ne!(h.status, Status::Truncated);
    assert!(
        h.anomalies
            .iter()
            .any(|a| a.problem == Problem::ExplicitVrInUn)
    );
    let nested = h
        .elements
        .iter()
        .find(|e| e.tag == Tag::new(0x0008, 0x1155))
        .expect("the item's element");
    assert_eq!(nested.vr, Vr::UI);
    assert_eq!(nested.depth, 1);
}

#[test]
fn zero_padding_after_the_data_set_ends_it_with_one_note() {
    // An implicit VR data set, then a megabyte of zero bytes: each 8 of them would read
    // as a (0000,0000) element of length 0.
    let mut d = im_le(0x0008, 0x0016, &uid("1.2.3"));
    d.extend(im_le(0x0010, 0x0010, b"Doe^John"));
    d.extend(vec![0u8; 1 << 20]);
    let file = part10(IMPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^John");
    assert_eq!(
        h.anomalies.len(),
        1,
        "{:?}",
        &h.anomalies[..h.anomalies.len().min(3)]
    );
    assert!(matches!(
        h.anomalies[0].problem,
        Problem::TrailingZeros { count } if count == 1 << 20
    ));
    // Zeros with something after them are damage, not padding: noted element by element,
    // up to a bound, then the read stops.
    let mut d = im_le(0x0010, 0x0010, b"Doe^John");
    d.extend(vec![0u8; 1 << 20]);
    d.extend(im_le(0x0010, 0x0020, b"ID0001"));
    let file = part10(IMPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Malformed);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^John");
    assert!(h.anomalies.len() <= 10_000);
}

#[test]
fn implicit_vr_item_in_an_explicit_file_is_read_as_written() {
    // Explicit VR LE file; (0029,1010) SQ of undefined length whose item's element is
    // implicit VR (tag, 4-byte length): the name inside is still read.
    let mut d = ex_le(0x0008, 0x0016, b"UI", &uid("1.2.3"));
    d.extend(ex_le(0x0029, 0x0010, b"LO", b"ACME"));
    d.extend(ex_le_undefined(0x0029, 0x1010, b"SQ"));
    d.extend(delim(0xE000, u32::MAX));
    d.extend(im_le(0x0010, 0x0010, b"Hidden^Name ")); // implicit VR inside
    d.extend(delim(0xE00D, 0));
    d.extend(delim(0xE0DD, 0));
    d.extend(ex_le(0x0010, 0x0020, b"LO", b"ID0001")); // after the sequence
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    let names: Vec<String> = h
        .elements
        .iter()
        .filter(|e| e.tag == tags::PATIENT_NAME)
        .filter_map(|e| h.text(e).map(|t| t.text.trim().to_owned()))
        .collect();
    assert_eq!(names, ["Hidden^Name"], "{:?}", h.error);
    assert_eq!(value_of(&h, tags::PATIENT_ID), "ID0001");
    assert!(
        h.anomalies
            .iter()
            .any(|a| a.problem == Problem::ImplicitVrItem)
    );
}

#[test]
fn unknown_vr_takes_the_length_form_its_reserved_bytes_say() {
    // A writer's own VR `ZZ` with a 16-bit length of 6 (PS3.5 7.1.2: the short form has no
    // reserved bytes, so bytes 6-7 are the length and not zero).
    let mut d = ex_le(0x0008, 0x0016, b"UI", &uid("1.2.3"));
    d.extend(ex_le(0x0009, 0x0010, b"LO", b"ACME"));
    let mut odd = ex_le(0x0009, 0x1001, b"LO", b"zzdata");
    odd[4..6].copy_from_slice(b"ZZ");
    d.extend(odd);
    d.extend(ex_le(0x0010, 0x0010, b"PN", b"Doe^John"));
    // The Patient's Name after the element, read when its length was.
    let name_after = |d: &[u8]| {
        let file = part10(EXPLICIT_LE, d);
        let h = read(&file);
        (value_of(&h, tags::PATIENT_NAME), h.status)
    };
    assert_eq!(name_after(&d), ("Doe^John".to_owned(), Status::Ok));
    // A VR newer than the reader, in the 32-bit form: two zero bytes, then the length.
    let mut d = ex_le(0x0008, 0x0016, b"UI", &uid("1.2.3"));
    d.extend_from_slice(&[0x09, 0x00, 0x02, 0x10]); // (0009,1002)
    d.extend_from_slice(b"QQ"); // unknown VR
    d.extend_from_slice(&[0, 0]); // reserved
    d.extend_from_slice(&4u32.to_le_bytes()); // 32-bit length
    d.extend_from_slice(&[1, 2, 3, 4]);
    d.extend(ex_le(0x0010, 0x0010, b"PN", b"Doe^Jane"));
    assert_eq!(name_after(&d), ("Doe^Jane".to_owned(), Status::Ok));
}

#[test]
fn undefined_length_sequence_in_implicit_vr_is_read_to_its_delimiter() {
    let mut d = Vec::new();
    d.extend(im_le(0x0008, 0x0060, b"CT"));
    // (0008,1115) SQ, undefined length, implicit VR (PS3.5 7.5.1)
    d.extend_from_slice(&0x0008u16.to_le_bytes());
    d.extend_from_slice(&0x1115u16.to_le_bytes());
    d.extend_from_slice(&[0xFF; 4]);
    d.extend(delim(0xE000, u32::MAX));
    d.extend(im_le(0x0020, 0x000E, &uid("1.2.3")));
    d.extend(delim(0xE00D, 0));
    d.extend(delim(0xE0DD, 0));
    d.extend(im_le(0x0010, 0x0010, b"Doe^Jim "));
    let file = part10(IMPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jim");
    assert_eq!(h.max_depth, 1);
}

/// `levels` sequences nested inside each other, all of undefined length.
fn nested(levels: usize) -> Vec<u8> {
    let mut d = Vec::new();
    for _ in 0..levels {
        d.extend(ex_le_undefined(0x0040, 0xA730, b"SQ")); // Content Sequence
        d.extend(delim(0xE000, u32::MAX));
    }
    d.extend(ex_le(0x0040, 0xA160, b"UT", b"deep")); // Text Value
    for _ in 0..levels {
        d.extend(delim(0xE00D, 0));
        d.extend(delim(0xE0DD, 0));
    }
    d
}

#[test]
fn sequences_nested_to_the_limit_are_read() {
    let file = part10(EXPLICIT_LE, &nested(64));
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert_eq!(h.max_depth, 64);
}

#[test]
fn sequences_nested_past_the_limit_give_a_clear_error_not_a_stack_overflow() {
    // 100,000 levels: a recursive reader without a limit would overflow its stack.
    let file = part10(EXPLICIT_LE, &nested(100_000));
    let h = read(&file);
    assert_eq!(h.status, Status::Malformed);
    assert!(matches!(
        h.error.as_ref().map(|e| &e.problem),
        Some(Problem::TooDeep { limit: 64 })
    ));
}

#[test]
fn a_sequence_past_the_limit_is_stepped_over_and_what_follows_is_read() {
    // 70 levels of Content Sequence, the deepest holding a UN of undefined length with an
    // implicit VR item inside (PS3.5 6.2.2), then Patient's Name at the top level.
    let mut d = Vec::new();
    for _ in 0..70 {
        d.extend(ex_le_undefined(0x0040, 0xA730, b"SQ"));
        d.extend(delim(0xE000, u32::MAX));
    }
    d.extend(ex_le_undefined(0x0009, 0x1001, b"UN"));
    d.extend(delim(0xE000, u32::MAX));
    d.extend([0x10, 0x00, 0x10, 0x00, 4, 0, 0, 0]); // (0010,0010), implicit VR, 4 bytes
    d.extend(b"X^Y ");
    d.extend(delim(0xE00D, 0));
    d.extend(delim(0xE0DD, 0));
    d.extend(ex_le(0x0040, 0xA160, b"UT", b"deep")); // Text Value, defined length
    for _ in 0..70 {
        d.extend(delim(0xE00D, 0));
        d.extend(delim(0xE0DD, 0));
    }
    d.extend(ex_le(0x0010, 0x0010, b"PN", b"AFTER^DEEP"));
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Malformed, "{:?}", h.error);
    assert!(matches!(
        h.error.as_ref().map(|e| &e.problem),
        Some(Problem::TooDeep { limit: 64 })
    ));
    let name = h
        .find(tags::PATIENT_NAME)
        .expect("the name after the deep sequence");
    assert_eq!(
        h.text(name).map(|t| t.text.trim().to_owned()).as_deref(),
        Some("AFTER^DEEP")
    );
}

#[test]
fn elements_past_the_limit_give_a_clear_error_and_keep_what_came_before() {
    // 30 private elements (one creator, 29 values) after the small data set, nested ones
    // counting too: a sequence of one item with one element.
    let mut d = small_explicit_dataset();
    let before = read(&part10("1.2.840.10008.1.2.1", &d)).elements.len();
    d.extend(sequence(true, true));
    d.extend(ex_le(0x0009, 0x0010, b"LO", b"MANY")); // private creator
    for element in 0x1000..0x101D {
        d.extend(ex_le(0x0009, element, b"LO", b"X ")); // its values
    }
    let file = part10("1.2.840.10008.1.2.1", &d);
    let all = read(&file);
    assert_eq!(all.status, Status::Ok, "{:?}", all.error);
    let limit = before + 3 + 10;
    for plain_path in [true, false] {
        let options = ReadOptions {
            max_elements: limit,
            ..ReadOptions::default()
        };
        let h = read_prefix_by(&file, file.len() as u64, &options, plain_path)
            .expect("the whole file is given");
        assert_eq!(h.status, Status::Malformed, "plain path {plain_path}");
        assert_eq!(
            h.error.as_ref().map(|e| &e.problem),
            Some(&Problem::TooManyElements { limit })
        );
        assert_eq!(h.elements.len(), limit, "plain path {plain_path}");
        assert_eq!(h.elements[..], all.elements[..limit]);
        assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
    }
}

#[test]
fn un_of_undefined_length_is_read_as_implicit_little_endian_sequence() {
    // PS3.5 6.2.2: a UN element of undefined length holds a sequence encoded implicit VR
    // LE, whatever the transfer syntax, and whether or not the dictionary knows the tag:
    // a private one, and (0008,1140) Referenced Image Sequence, SQ in the dictionary.
    for (group, element) in [(0x0011, 0x1001), (0x0008, 0x1140)] {
        let mut d = Vec::new();
        if group == 0x0011 {
            d.extend(ex_le(0x0011, 0x0010, b"LO", b"ACME 1.0")); // private creator
        }
        d.extend(ex_le_undefined(group, element, b"UN")); // UN, undefined length
        d.extend(delim(0xE000, u32::MAX));
        d.extend(im_le(0x0010, 0x0010, b"Nested^Name ")); // implicit VR inside
        d.extend(delim(0xE00D, 0));
        d.extend(delim(0xE0DD, 0));
        d.extend(ex_le(0x0020, 0x000D, b"UI", &uid("1.2.3.4.5"))); // explicit again after
        let file = part10(EXPLICIT_LE, &d);
        let h = read(&file);
        let what = format!("({group:04X},{element:04X})");
        assert_eq!(h.status, Status::Ok, "{what}: {:?}", h.error);
        let name = h
            .elements
            .iter()
            .find(|e| e.tag == tags::PATIENT_NAME)
            .expect("nested name");
        assert_eq!(name.depth, 1, "{what}");
        assert_eq!(h.strings(name), vec!["Nested^Name"], "{what}");
        assert_eq!(
            value_of(&h, tags::STUDY_INSTANCE_UID),
            "1.2.3.4.5",
            "{what}"
        );
    }
}

#[test]
fn item_longer_than_its_sequence_is_cut_and_flagged() {
    let inner = ex_le(0x0020, 0x000E, b"UI", &uid("1.2.3.4"));
    let mut item = delim(0xE000, inner.len() as u32 + 24); // claims 24 bytes too many
    item.extend(&inner);
    let mut d = ex_le(0x0008, 0x1115, b"SQ", &item);
    d.extend(ex_le(0x0010, 0x0010, b"PN", b"Doe^Jane"));
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Malformed);
    assert!(
        h.anomalies
            .iter()
            .any(|a| matches!(a.problem, Problem::ContainerOverrun { excess: 24 }))
    );
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
}

/// An item (FFFE,E000) holding (0008,1150) Referenced SOP Class UID and (0010,0010)
/// Patient's Name `name`, its length declared `short` bytes less than its elements take
/// (PS3.5 7.5.1: an item's length counts the bytes of its elements).
fn item_short_by(short: u32, name: &[u8]) -> Vec<u8> {
    let inner = [
        ex_le(0x0008, 0x1150, b"UI", &uid("1.2.3")), // 8-byte header + 6 bytes
        ex_le(0x0010, 0x0010, b"PN", name),          // 8-byte header + the name
    ]
    .concat();
    let mut item = delim(0xE000, inner.len() as u32 - short); // item, length too short
    item.extend(inner);
    item
}

/// (0008,1115) Referenced Series Sequence holding `items`: of defined length (the right
/// one, PS3.5 7.5.2 Table 7.5-1) or of undefined length with its Sequence Delimitation
/// Item; then (0010,0020) Patient ID after it at the top level.
fn sequence_of(items: &[u8], defined: bool) -> Vec<u8> {
    let mut d = ex_le(0x0008, 0x0060, b"CS", b"MR"); // Modality
    if defined {
        d.extend(ex_le(0x0008, 0x1115, b"SQ", items)); // SQ, defined length
    } else {
        d.extend(ex_le_undefined(0x0008, 0x1115, b"SQ")); // SQ, undefined length
        d.extend(items);
        d.extend(delim(0xE0DD, 0)); // sequence delimitation item
    }
    d.extend(ex_le(0x0010, 0x0020, b"LO", b"ID0001")); // Patient ID, top level
    d
}

/// The values of the elements of each item of the first top-level (0008,1115).
fn item_values(h: &Header<'_>) -> Vec<Vec<String>> {
    let Some(seq) = h
        .top_level()
        .find(|&i| h.elements[i].tag == Tag::new(0x0008, 0x1115))
    else {
        return Vec::new();
    };
    h.children(seq)
        .map(|item| {
            h.children(item)
                .map(|i| h.strings(&h.elements[i]).join("\\"))
                .collect()
        })
        .collect()
}

#[test]
fn item_too_short_for_its_last_element_is_read_on_to_its_delimiter() {
    // The item says 6 bytes less than its elements take: its declared end falls inside
    // the value of Patient's Name, where no item or delimiter starts. pydicom reads the
    // name whole and ends the item after it; so do we, and note the short item.
    for defined in [true, false] {
        let file = part10(
            EXPLICIT_LE,
            &sequence_of(&item_short_by(6, b"Inner^Name"), defined),
        );
        let h = read(&file);
        let case = format!("sequence of defined length {defined}");
        assert_eq!(h.status, Status::Malformed, "{case}");
        assert_eq!(
            h.error.as_ref().map(|e| &e.problem),
            Some(&Problem::ItemTooShort { declared: 26 }),
            "{case}"
        );
        assert_eq!(h.anomalies.len(), 1, "{case}: {:?}", h.anomalies);
        assert_eq!(item_values(&h), [["1.2.3", "Inner^Name"]], "{case}");
        assert_eq!(value_of(&h, tags::PATIENT_ID), "ID0001", "{case}");
    }
}

#[test]
fn item_too_short_by_whole_elements_keeps_them_in_the_item() {
    // The item ends right after its first element; its second follows where the sequence
    // expects an item or delimiter. In a sequence of defined length the bytes left before
    // its end belong to the item; in one of undefined length the element headers after it
    // lead to the next item (FFFE,E000), so they do too. pydicom reads the name's header
    // as an item's header (a defined sequence gets an item of garbage; an undefined one
    // swallows the rest of the file and fails).
    for defined in [true, false] {
        let items = [
            item_short_by(18, b"Inner^Name"), // 18: the whole Patient's Name element
            item_short_by(0, b"Second^Item "), // a well-formed item after it
        ]
        .concat();
        let file = part10(EXPLICIT_LE, &sequence_of(&items, defined));
        let h = read(&file);
        let case = format!("sequence of defined length {defined}");
        assert_eq!(h.status, Status::Malformed, "{case}");
        assert_eq!(
            h.anomalies.iter().map(|a| &a.problem).collect::<Vec<_>>(),
            [&Problem::ItemTooShort { declared: 14 }],
            "{case}"
        );
        assert_eq!(
            item_values(&h),
            [["1.2.3", "Inner^Name"], ["1.2.3", "Second^Item"]],
            "{case}"
        );
        let inner_name = h
            .elements
            .iter()
            .find(|e| e.tag == tags::PATIENT_NAME)
            .expect("name");
        assert_eq!(inner_name.depth, 1, "{case}");
        assert_eq!(value_of(&h, tags::PATIENT_ID), "ID0001", "{case}");
    }
}

#[test]
fn value_longer_than_its_item_is_cut_when_an_item_starts_at_the_item_end() {
    // The item length is right (the next item starts at its end) and Patient's Name
    // claims 4 bytes more than it has: the name is what is wrong, cut to its item.
    let mut first = delim(0xE000, 18); // item: 18 bytes
    first.extend_from_slice(&0x0010u16.to_le_bytes()); // (0010,0010)
    first.extend_from_slice(&0x0010u16.to_le_bytes());
    first.extend_from_slice(b"PN"); // VR
    first.extend_from_slice(&14u16.to_le_bytes()); // length 14: 4 more than there are
    first.extend_from_slice(b"Inner^Name"); // 10 bytes
    let items = [first, item_short_by(0, b"Second^Item ")].concat();
    let file = part10(EXPLICIT_LE, &sequence_of(&items, false));
    let h = read(&file);
    assert_eq!(h.status, Status::Malformed);
    assert_eq!(
        h.error.as_ref().map(|e| &e.problem),
        Some(&Problem::ContainerOverrun { excess: 4 })
    );
    assert_eq!(
        item_values(&h),
        [vec!["Inner^Name"], vec!["1.2.3", "Second^Item"]]
    );
    assert_eq!(value_of(&h, tags::PATIENT_ID), "ID0001");
}

#[test]
fn sequence_without_its_delimiter_ends_where_the_data_set_goes_on() {
    // A sequence of undefined length whose Sequence Delimitation Item (PS3.5 7.5.2) is
    // missing: after its item comes Patient's Name of the top-level data set. The walk
    // over the headers after the item meets no item or delimiter, so the item was not
    // short: the sequence ends there. pydicom takes the name's header for an item's and
    // fails at the end of the file.
    for defined_item in [true, false] {
        let inner = ex_le(0x0008, 0x1150, b"UI", &uid("1.2.3"));
        let mut d = ex_le_undefined(0x0008, 0x1115, b"SQ"); // SQ, undefined length
        if defined_item {
            d.extend(delim(0xE000, inner.len() as u32)); // item, defined length
            d.extend(&inner);
        } else {
            d.extend(delim(0xE000, u32::MAX)); // item, undefined length
            d.extend(&inner);
            d.extend(delim(0xE00D, 0)); // item delimitation item
        }
        // No (FFFE,E0DD) here.
        d.extend(ex_le(0x0010, 0x0010, b"PN", b"Doe^Jane")); // Patient's Name
        d.extend(ex_le(0x0010, 0x0020, b"LO", b"ID0001")); // Patient ID
        let file = part10(EXPLICIT_LE, &d);
        let h = read(&file);
        let case = format!("item of defined length {defined_item}");
        assert_eq!(h.status, Status::Malformed, "{case}");
        assert_eq!(
            h.anomalies.iter().map(|a| &a.problem).collect::<Vec<_>>(),
            [&Problem::MissingSequenceDelimiter],
            "{case}"
        );
        assert_eq!(item_values(&h), [["1.2.3"]], "{case}");
        assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane", "{case}");
        assert_eq!(value_of(&h, tags::PATIENT_ID), "ID0001", "{case}");
        assert_eq!(h.find(tags::PATIENT_NAME).map(|e| e.depth), Some(0));
    }
}

/// Bytes of a private blob that are neither items nor a sequence: 20 bytes of binary
/// data and 12 of text.
fn private_blob() -> Vec<u8> {
    let mut blob = [1u8, 2, 3, 4].repeat(5); // no FE FF in them
    blob.extend_from_slice(b"Secret^Text "); // text a scanner must still see
    blob
}

/// Modality, a private creator, then (0009,1001) of VR `vr` and undefined length holding
/// `value`, its Sequence Delimitation Item if `delimited`, and Patient's Name after it.
fn blob_data_set(vr: &[u8; 2], value: &[u8], delimited: bool) -> Vec<u8> {
    let mut d = ex_le(0x0008, 0x0060, b"CS", b"MR"); // Modality
    d.extend(ex_le(0x0009, 0x0010, b"LO", b"ACME 1.0")); // private creator, block 10
    d.extend(ex_le_undefined(0x0009, 0x1001, vr)); // length FFFFFFFFH (PS3.5 7.1.2)
    d.extend_from_slice(value);
    if delimited {
        d.extend(delim(0xE0DD, 0)); // sequence delimitation item
    }
    d.extend(ex_le(0x0010, 0x0010, b"PN", b"Doe^Jane")); // Patient's Name
    d
}

#[test]
fn value_of_undefined_length_that_holds_no_items_is_read_to_its_delimiter() {
    // PS3.5 7.1.2 allows undefined length on SQ, UN and encapsulated OB/OW pixel data
    // only; some writers give it to private blobs. Neither items nor fragments open
    // them: their bytes up to (FFFE,E0DD) are the value, as pydicom reads them. An OB
    // value that opens with one fragment item and goes on with other bytes is one too.
    let mut fragment_then_bytes = delim(0xE000, 4); // a fragment item of 4 bytes
    fragment_then_bytes.extend_from_slice(&[9, 9, 9, 9]); // its bytes
    fragment_then_bytes.extend(private_blob()); // then no item header
    let cases: [(&[u8; 2], Vec<u8>); 5] = [
        (b"OB", private_blob()),
        (b"OW", private_blob()),
        (b"UN", private_blob()),
        (b"OF", private_blob()),
        (b"OB", fragment_then_bytes),
    ];
    for (vr, value) in cases {
        let file = part10(EXPLICIT_LE, &blob_data_set(vr, &value, true));
        let h = read(&file);
        let case = String::from_utf8_lossy(vr).into_owned();
        assert_eq!(h.status, Status::Malformed, "{case}: {:?}", h.error);
        assert_eq!(
            h.anomalies.iter().map(|a| &a.problem).collect::<Vec<_>>(),
            [&Problem::ValueReadToDelimiter],
            "{case}"
        );
        let blob = h.find(Tag::new(0x0009, 0x1001)).expect("blob");
        assert_eq!(blob.kind, ElementKind::Value, "{case}");
        assert!(blob.has_undefined_length(), "{case}");
        assert_eq!(h.value_bytes(blob), &value[..], "{case}");
        assert_eq!(
            h.private_creator(blob).as_deref(),
            Some("ACME 1.0"),
            "{case}"
        );
        assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane", "{case}");
    }
}

#[test]
fn value_of_undefined_length_without_its_delimiter_is_truncated_and_keeps_what_came_before() {
    // No (FFFE,E0DD) anywhere after the blob: its value runs to the end of the file.
    // pydicom warns and returns an empty data set.
    let value = private_blob();
    let file = part10(EXPLICIT_LE, &blob_data_set(b"OB", &value, false));
    let h = read(&file);
    assert_eq!(h.status, Status::Truncated);
    assert!(matches!(
        h.error.as_ref().map(|e| &e.problem),
        Some(Problem::Truncated {
            what: "a value of undefined length without its sequence delimiter",
            ..
        })
    ));
    assert_eq!(value_of(&h, tags::MODALITY), "MR");
    let blob = h.find(Tag::new(0x0009, 0x1001)).expect("blob");
    assert!(h.value_bytes(blob).starts_with(&value));
    // Patient's Name is inside the bytes that were taken for the blob's.
    assert!(h.find(tags::PATIENT_NAME).is_none());
}

#[test]
fn text_value_of_undefined_length_without_a_delimiter_is_malformed_not_truncated() {
    // Only SQ, UN and OB/OW may have an undefined length (PS3.5 7.1.1); on a UC or UT the
    // length is the writer's error, and a file with no (FFFE,E0DD) after it was not cut:
    // malformed, with what came before kept. (An OB blob without its delimiter above may
    // be a cut file: truncated.)
    for vr in [b"UC", b"UT"] {
        let file = part10(EXPLICIT_LE, &blob_data_set(vr, b"Some words ", false));
        let h = read(&file);
        let case = String::from_utf8_lossy(vr).into_owned();
        assert_eq!(h.status, Status::Malformed, "{case}: {:?}", h.error);
        assert!(
            matches!(
                h.error.as_ref().map(|e| &e.problem),
                Some(Problem::UndefinedLengthValue)
            ),
            "{case}"
        );
        assert_eq!(value_of(&h, tags::MODALITY), "MR", "{case}");
    }
}

#[test]
fn un_of_undefined_length_that_opens_with_an_item_is_still_a_sequence() {
    // PS3.5 6.2.2: the item after the header makes it an implicit VR LE sequence, read
    // as one (not searched for its delimiter).
    let mut value = delim(0xE000, u32::MAX); // item, undefined length
    value.extend(im_le(0x0010, 0x0010, b"Nested^Name ")); // implicit VR inside
    value.extend(delim(0xE00D, 0)); // item delimitation item
    let file = part10(EXPLICIT_LE, &blob_data_set(b"UN", &value, true));
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    let blob = h.find(Tag::new(0x0009, 0x1001)).expect("sequence");
    assert_eq!(blob.kind, ElementKind::Sequence);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jane");
}

// ---- private elements, lengths ----

#[test]
fn private_elements_are_linked_to_their_creators() {
    let mut d = Vec::new();
    d.extend(ex_le(0x0029, 0x0010, b"LO", b"SIEMENS CSA HEADER")); // creator of block 10
    d.extend(ex_le(0x0029, 0x0011, b"LO", b"SIEMENS MEDCOM HEADER ")); // creator of 11
    d.extend(ex_le(0x0029, 0x1008, b"CS", b"IMAGE NUM 4 ")); // block 10
    d.extend(ex_le(0x0029, 0x1131, b"LO", b"4.0.0.0 ")); // block 11
    d.extend(ex_le(0x0029, 0x1231, b"LO", b"orphan")); // block 12: no creator
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    let creator = |tag| {
        let e = h.find(tag).expect("element");
        h.private_creator(e).map(|c| c.into_owned())
    };
    assert_eq!(
        creator(Tag::new(0x0029, 0x1008)).as_deref(),
        Some("SIEMENS CSA HEADER")
    );
    assert_eq!(
        creator(Tag::new(0x0029, 0x1131)).as_deref(),
        Some("SIEMENS MEDCOM HEADER")
    );
    assert_eq!(creator(Tag::new(0x0029, 0x1231)), None);
}

#[test]
fn odd_length_is_read_as_written_and_noted() {
    let mut d = ex_le(0x0008, 0x0060, b"CS", b"CT");
    d.extend(ex_le(0x0010, 0x0010, b"PN", b"Odd^Len")); // 7 bytes: PS3.5 7.1.1 wants even
    d.extend(ex_le(0x0010, 0x0020, b"LO", b"12"));
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Ok);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Odd^Len");
    assert_eq!(value_of(&h, tags::PATIENT_ID), "12");
    assert!(h.anomalies.iter().any(|a| a.problem == Problem::OddLength));
}

#[test]
fn length_past_the_end_is_truncated_and_keeps_what_came_before() {
    let mut d = ex_le(0x0008, 0x0060, b"CS", b"CT");
    let mut name = ex_le(0x0010, 0x0010, b"PN", b"Doe^Jonathan");
    name.truncate(name.len() - 6); // the file ends half-way through the name
    d.extend(name);
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Truncated);
    assert_eq!(value_of(&h, tags::MODALITY), "CT");
    // What is there of the name is kept: a partial name is still a name.
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^Jo");
    assert!(h.find(tags::PATIENT_NAME).expect("name").is_truncated());
    let error = h.error.expect("error").to_string();
    assert!(
        error.contains("(0010,0010)") && error.contains("offset"),
        "{error}"
    );
}

#[test]
fn gigabyte_length_in_a_small_file_allocates_nothing_for_it() {
    // (0010,0010) UT... with a 4 GiB - 2 length in a 200-byte file.
    let mut d = ex_le(0x0008, 0x0060, b"CS", b"CT");
    d.extend_from_slice(&0x0010u16.to_le_bytes());
    d.extend_from_slice(&0x4000u16.to_le_bytes());
    d.extend_from_slice(b"UT");
    d.extend_from_slice(&[0, 0]);
    d.extend_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    d.extend_from_slice(b"short");
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Truncated);
    assert!(h.elements.capacity() < 64);
    let e = h.elements.last().expect("partial element");
    assert_eq!(e.value_len, 5);
}

// ---- character sets per item ----

#[test]
fn item_with_its_own_character_set_decodes_its_text_with_it() {
    // PS3.3 C.12.1.1.2: an item may carry its own (0008,0005), which applies inside it.
    let inner = [
        ex_le(0x0008, 0x0005, b"CS", b"ISO_IR 192"), // UTF-8 inside the item
        ex_le(0x0010, 0x0010, b"PN", "Müller^Jörg".as_bytes()),
    ]
    .concat();
    let mut item = delim(0xE000, inner.len() as u32);
    item.extend(inner);
    let mut d = ex_le(0x0008, 0x0005, b"CS", b"ISO_IR 100"); // Latin-1 at the top
    d.extend(ex_le(0x0010, 0x0010, b"PN", b"M\xfcller^J\xf6rg ")); // Latin-1 bytes
    d.extend(ex_le(0x0010, 0x1002, b"SQ", &item)); // Other Patient IDs Sequence
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    let names: Vec<String> = h
        .elements
        .iter()
        .filter(|e| e.tag == tags::PATIENT_NAME)
        .map(|e| h.strings(e).join("\\"))
        .collect();
    assert_eq!(names, vec!["Müller^Jörg", "Müller^Jörg"]);
}

#[test]
fn character_set_after_text_of_its_data_set_decodes_that_text_too() {
    // A writer put (0008,0005) after the text it governs, at the top level and inside an
    // item (PS3.5 7.1: tags ascend, so it belongs first). It applies to its whole data
    // set (PS3.3 C.12.1.1.2): the Latin-1 name before it is decoded as Latin-1, and so is
    // the second item's, which has no (0008,0005) of its own; the first item declares
    // UTF-8 after its UTF-8 name. pydicom decodes text when it is accessed, with its
    // data set's (0008,0005) wherever it was, and gives the same.
    let own_set = [
        ex_le(0x0010, 0x0010, b"PN", "Jörg^Ann ".as_bytes()), // UTF-8, before its set
        ex_le(0x0008, 0x0005, b"CS", b"ISO_IR 192"),          // the item's set, late
        ex_le(0x0010, 0x0020, b"LO", "Zoë".as_bytes()),       // UTF-8, after it
    ]
    .concat();
    let inherited = ex_le(0x0010, 0x0010, b"PN", b"J\xf6rg^Bo "); // Latin-1, no own set
    let mut items = delim(0xE000, own_set.len() as u32); // item 1
    items.extend(own_set);
    items.extend(delim(0xE000, inherited.len() as u32)); // item 2
    items.extend(inherited);
    let mut d = ex_le(0x0010, 0x0010, b"PN", b"M\xfcller^Ute "); // Latin-1 bytes
    d.extend(ex_le(0x0010, 0x1002, b"SQ", &items)); // Other Patient IDs Sequence
    d.extend(ex_le(0x0008, 0x0005, b"CS", b"ISO_IR 100")); // Latin-1, late
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Müller^Ute");
    let nested: Vec<String> = h
        .elements
        .iter()
        .filter(|e| e.depth == 1 && e.kind == ElementKind::Value)
        .map(|e| h.strings(e).join("\\"))
        .collect();
    assert_eq!(nested, ["Jörg^Ann", "ISO_IR 192", "Zoë", "Jörg^Bo"]);
    assert!(h.text_issues().is_empty(), "{:?}", h.text_issues());
    let late = h
        .anomalies
        .iter()
        .filter(|a| a.problem == Problem::CharacterSetAfterText)
        .count();
    assert_eq!(late, 2);
}

#[test]
fn undeclared_utf8_name_is_reported_as_a_text_issue() {
    // cs_undeclared_utf8.dcm: no (0008,0005), so only ISO-IR 6 is allowed (PS3.5 6.1.2.1),
    // yet Patient's Name holds UTF-8 bytes. Issue #2: decode as UTF-8 and flag it.
    let mut d = ex_le(0x0008, 0x0060, b"CS", b"MR"); // Modality, ASCII: no issue
    d.extend(ex_le(0x0010, 0x0010, b"PN", "Müller^José".as_bytes())); // 13 bytes of UTF-8
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Müller^José");
    let issues = h.text_issues();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(
        issues[0].problem,
        Problem::TextEncoding(DecodeIssues::UNDECLARED_UTF8)
    );
    assert_eq!(issues[0].at.tag, Some(tags::PATIENT_NAME));
    // A value issue, not a broken file.
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
}

#[test]
fn escapes_unknown_or_undeclared_are_reported_as_text_issues() {
    // (0008,0005) ISO 2022 IR 100: ASCII in G0, Latin-1 in G1 (PS3.5 6.1.2.5.2).
    let mut d = ex_le(0x0008, 0x0005, b"CS", b"ISO 2022 IR 100 "); // padded to even
    // Study Description: ESC - Z designates no known set (cs_unknown_escape.dcm).
    d.extend(ex_le(0x0008, 0x1030, b"LO", b"ab\x1b-Zxy"));
    // Series Description: ESC - F is Greek, which (0008,0005) did not declare
    // (cs_escape_not_declared.dcm); decoded, but flagged.
    d.extend(ex_le(0x0008, 0x103E, b"LO", b"ab\x1b-F\xe1\xe2"));
    // Patient's Name: a lone ESC at the end (cs_lone_esc.dcm).
    d.extend(ex_le(0x0010, 0x0010, b"PN", b"abc\x1b"));
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    let flagged: Vec<(Option<Tag>, bool)> = h
        .text_issues()
        .iter()
        .map(|issue| match issue.problem {
            Problem::TextEncoding(flags) => {
                (issue.at.tag, flags.contains(DecodeIssues::UNKNOWN_ESCAPE))
            }
            _ => (issue.at.tag, false),
        })
        .collect();
    assert_eq!(
        flagged,
        vec![
            (Some(Tag::new(0x0008, 0x1030)), true),
            (Some(Tag::new(0x0008, 0x103E)), true),
            (Some(tags::PATIENT_NAME), true),
        ]
    );
}

#[test]
fn ascii_header_has_no_text_issues() {
    let file = part10(EXPLICIT_LE, &small_explicit_dataset());
    assert!(read(&file).text_issues().is_empty());
}

// ---- partial reads ----

#[test]
fn prefix_read_asks_for_more_until_the_header_is_complete() {
    let mut d = small_explicit_dataset();
    d.extend(ex_le(0x0010, 0x4000, b"LT", &[b'x'; 3000])); // a long comment
    d.extend(ex_le(0x7FE0, 0x0010, b"OW", &[0; 4096]));
    let file = part10(EXPLICIT_LE, &d);
    let options = ReadOptions::default();
    let mut have = 64;
    let h = loop {
        match read_prefix(&file[..have], file.len() as u64, &options) {
            Ok(h) => break h,
            Err(NeedMore { bytes }) => {
                assert!(bytes > have, "asks for more than it has");
                have = bytes.min(file.len());
            }
        }
    };
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    assert!(have < file.len() - 4000, "read {have} of {}", file.len());
    assert_eq!(value_of(&h, tags::PATIENT_ID), "ID0001");
}

/// Every file under `dir`, recursively.
fn files_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path.is_file() {
            out.push(path);
        }
    }
}

/// Reads `bytes` with and without the plain-element shortcut and checks that both give the
/// same header.
fn assert_plain_path_changes_nothing(bytes: &[u8], file_len: u64, what: &str) {
    let options = ReadOptions::default();
    let fast = read_prefix_by(bytes, file_len, &options, true);
    let general = read_prefix_by(bytes, file_len, &options, false);
    match (fast, general) {
        (Ok(f), Ok(g)) => {
            assert_eq!(f.status, g.status, "{what}");
            assert_eq!(f.error, g.error, "{what}");
            assert_eq!(f.anomalies, g.anomalies, "{what}");
            assert_eq!(f.elements, g.elements, "{what}");
            assert_eq!(f.charsets, g.charsets, "{what}");
            assert_eq!(f.header_bytes, g.header_bytes, "{what}");
            assert_eq!(f.max_depth, g.max_depth, "{what}");
        }
        (Err(f), Err(g)) => assert_eq!(f, g, "{what}"),
        (f, g) => panic!("{what}: {:?} vs {:?}", f.err(), g.err()),
    }
}

#[test]
fn plain_run_shortcut_reads_as_the_general_path() {
    // The sample files and, when present, the whole shared corpus, whole and cut short;
    // then the samples with random bytes changed.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files_under(&root.join("sample_data"), &mut paths);
    files_under(&root.join("../shared/corpus/files"), &mut paths);
    let mut rng = XorShift(0x51_7CC1_B727_220A);
    let mut files = 0;
    for path in &paths {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        files += 1;
        let what = path.display().to_string();
        let len = bytes.len() as u64;
        assert_plain_path_changes_nothing(&bytes, len, &what);
        for cut in [bytes.len() / 3, bytes.len() / 2, bytes.len().min(4096)] {
            assert_plain_path_changes_nothing(&bytes[..cut], cut as u64, &what);
            assert_plain_path_changes_nothing(&bytes[..cut], len, &what);
        }
        if path.starts_with(root.join("sample_data")) && !bytes.is_empty() {
            for _ in 0..200 {
                let mut b = bytes[..bytes.len().min(16 << 10)].to_vec();
                for _ in 0..(rng.next() % 6 + 1) {
                    let i = (rng.next() as usize) % b.len();
                    b[i] = rng.next() as u8;
                }
                let n = b.len() as u64;
                assert_plain_path_changes_nothing(&b, n, &what);
            }
        }
    }
    assert!(files >= 12, "read {files} files");
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut next = move || rng.next();
    let base = part10(
        EXPLICIT_LE,
        &[sequence(false, false), small_explicit_dataset()].concat(),
    );
    for _ in 0..3000 {
        let mut b = base.clone();
        for _ in 0..(next() % 8 + 1) {
            let i = (next() as usize) % b.len();
            b[i] = next() as u8;
        }
        let cut = (next() as usize) % (b.len() + 1);
        let h = read(&b[..cut]);
        for e in &h.elements {
            let _ = h.strings(e);
        }
    }
}

#[test]
fn known_private_attributes_get_their_creators_vr_in_implicit_vr_and_as_un() {
    // Implicit VR LE (PS3.5 7.1.3) says nothing of a private element's VR; PS3.5 6.2.2
    // leaves it to the creator, whose dictionary entry gives it: (0009,xx40) under
    // GEMS_GENIE_1 is a PN, in block 0x10 here.
    let mut d = Vec::new();
    d.extend(im_le(0x0008, 0x0016, &uid("1.2.840.10008.5.1.4.1.1.7"))); // SOP Class UID
    d.extend(im_le(0x0009, 0x0010, b"GEMS_GENIE_1")); // private creator, block 10
    d.extend(im_le(0x0009, 0x1040, b"Genie^Name")); // (0009,1040) PN for that creator
    d.extend(im_le(0x0009, 0x1099, b"opaque")); // not in the creator's dictionary
    d.extend(im_le(0x0011, 0x0010, b"NOBODY KNOWS")); // an unknown creator
    d.extend(im_le(0x0011, 0x1040, b"Other^Name")); // stays UN
    d.extend(im_le(0x0010, 0x0010, b"Doe^John")); // Patient's Name
    let file = part10(IMPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    let genie = h.find(Tag::new(0x0009, 0x1040)).expect("present");
    assert_eq!((genie.vr, genie.vr_from_dictionary), (Vr::PN, true));
    assert_eq!(h.person_names(genie)[0].alphabetic, "Genie^Name");
    assert_eq!(
        h.find(Tag::new(0x0009, 0x1099)).expect("present").vr,
        Vr::UN
    );
    assert_eq!(
        h.find(Tag::new(0x0011, 0x1040)).expect("present").vr,
        Vr::UN
    );
    assert_eq!(value_of(&h, tags::PATIENT_NAME), "Doe^John");

    // Explicit VR: a known private attribute sent as UN is read the same way, as pydicom
    // does; one sent with its own VR keeps it.
    let mut d = small_explicit_dataset();
    d.extend(ex_le(
        0x0033,
        0x0010,
        b"LO",
        b"MITRA OBJECT UTF8 ATTRIBUTES 1.0 ",
    )); // creator
    let mut un = ex_le_undefined(0x0033, 0x1002, b"UN"); // (0033,1002) UN, 32-bit length
    un.truncate(8);
    un.extend_from_slice(&20u32.to_le_bytes());
    un.extend_from_slice(b"Private^Copy^Of^Name");
    d.extend(un);
    d.extend(ex_le(0x0033, 0x1004, b"LT", b"as sent")); // the dictionary says otherwise
    let file = part10(EXPLICIT_LE, &d);
    let h = read(&file);
    assert_eq!(h.status, Status::Ok, "{:?}", h.error);
    let copy = h.find(Tag::new(0x0033, 0x1002)).expect("present");
    assert_eq!(copy.vr, Vr::PN);
    assert_eq!(
        value_of(&h, Tag::new(0x0033, 0x1002)),
        "Private^Copy^Of^Name"
    );
    assert_eq!(
        h.find(Tag::new(0x0033, 0x1004)).expect("present").vr,
        Vr::LT
    );
}

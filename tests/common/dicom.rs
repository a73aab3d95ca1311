//! Builds small DICOM files for tests: explicit VR little endian elements, sequences and
//! Part 10 framing (PS3.5 7.1.2, 7.5; PS3.10 7.1).

/// One explicit VR LE element: tag, VR, length (2 or 4 bytes by VR), value padded to even.
pub fn el(group: u16, element: u16, vr: &str, value: &[u8]) -> Vec<u8> {
    let mut v = value.to_vec();
    if v.len() % 2 == 1 {
        // PS3.5 6.2: UI pads with NUL, the other strings with a space.
        v.push(if vr == "UI" { 0 } else { b' ' });
    }
    let mut b = Vec::new();
    b.extend_from_slice(&group.to_le_bytes());
    b.extend_from_slice(&element.to_le_bytes());
    b.extend_from_slice(vr.as_bytes());
    if matches!(
        vr,
        "OB" | "OW" | "SQ" | "UN" | "UT" | "UC" | "UR" | "OF" | "OD" | "OL"
    ) {
        b.extend_from_slice(&[0, 0]);
        b.extend_from_slice(&(v.len() as u32).to_le_bytes());
    } else {
        b.extend_from_slice(&(v.len() as u16).to_le_bytes());
    }
    b.extend_from_slice(&v);
    b
}

/// A sequence of defined length holding the given items (each a data set's bytes).
pub fn seq(group: u16, element: u16, items: &[Vec<u8>]) -> Vec<u8> {
    let mut body = Vec::new();
    for item in items {
        body.extend_from_slice(&0xFFFEu16.to_le_bytes());
        body.extend_from_slice(&0xE000u16.to_le_bytes());
        body.extend_from_slice(&(item.len() as u32).to_le_bytes());
        body.extend_from_slice(item);
    }
    el(group, element, "SQ", &body)
}

/// A Part 10 file: preamble, DICM, meta group (with group length), then `dataset`.
pub fn part10(
    transfer_syntax: &str,
    sop_class: &str,
    sop_instance: &str,
    dataset: &[u8],
) -> Vec<u8> {
    let mut meta = Vec::new();
    meta.extend(el(0x0002, 0x0001, "OB", &[0, 1]));
    meta.extend(el(0x0002, 0x0002, "UI", sop_class.as_bytes()));
    meta.extend(el(0x0002, 0x0003, "UI", sop_instance.as_bytes()));
    meta.extend(el(0x0002, 0x0010, "UI", transfer_syntax.as_bytes()));
    let mut b = vec![0u8; 128];
    b.extend_from_slice(b"DICM");
    b.extend(el(0x0002, 0x0000, "UL", &(meta.len() as u32).to_le_bytes()));
    b.extend(meta);
    b.extend_from_slice(dataset);
    b
}

/// Explicit VR little endian.
pub const EXPLICIT_LE: &str = "1.2.840.10008.1.2.1";
/// Secondary Capture Image Storage.
pub const SC_STORAGE: &str = "1.2.840.10008.5.1.4.1.1.7";

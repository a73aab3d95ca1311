//! The DICOM JSON model (PS3.18 F.2) of a parsed header, for `dicomleak dump`.
//!
//! Keys are `GGGGEEEE`, each element an object with `vr` and, when it has one, `Value`.
//! Bulk binary values (OB, OW, UN, ...) are left out: the dump is about the header. Values
//! are shown in clear: the dump is a responder's tool for one file, like `dcmdump`.

use serde_json::{Map, Number, Value, json};

use crate::reader::header::{ElementKind, read_u16, read_u32, read_u64};
use crate::reader::{Element, Header, Vr};

/// The whole dump object for one file: `path`, `status`, `error`, `has_preamble`,
/// `transfer_syntax`, `meta`, `dataset`, then what else the read found.
pub fn dump_object(path: &str, header: &Header<'_>) -> Value {
    let mut o = Map::new();
    o.insert("path".into(), json!(path));
    o.insert("status".into(), json!(header.status.as_str()));
    o.insert(
        "error".into(),
        header
            .error
            .as_ref()
            .map_or(Value::Null, |e| json!(e.to_string())),
    );
    o.insert("has_preamble".into(), json!(header.has_preamble));
    o.insert(
        "transfer_syntax".into(),
        header
            .transfer_syntax_uid
            .as_ref()
            .map_or(Value::Null, |t| json!(t)),
    );
    o.insert(
        "encoding".into(),
        header.encoding.map_or(Value::Null, |e| json!(e.describe())),
    );
    o.insert("deflated".into(), json!(header.deflated));
    o.insert("header_bytes".into(), json!(header.header_bytes));
    // The reader's anomalies, then the text decoding ones (found only now, as values are
    // decoded on demand): issue #2 wants undeclared text and odd escapes flagged.
    let text_issues = header.text_issues();
    o.insert(
        "anomalies".into(),
        Value::Array(
            header
                .anomalies
                .iter()
                .chain(&text_issues)
                .map(|a| json!(a.to_string()))
                .collect(),
        ),
    );
    o.insert("meta".into(), Value::Object(meta_object(header)));
    o.insert("dataset".into(), Value::Object(dataset_object(header)));
    Value::Object(o)
}

/// An error object for a file that could not be read at all.
pub fn io_error_object(path: &str, error: &std::io::Error) -> Value {
    json!({
        "path": path,
        "status": "io_error",
        "error": error.to_string(),
        "has_preamble": null,
        "transfer_syntax": null,
        "meta": {},
        "dataset": {},
    })
}

/// The file meta group as a DICOM JSON object.
pub fn meta_object(header: &Header<'_>) -> Map<String, Value> {
    json_object(header, 0..header.meta_len)
}

/// The data set as a DICOM JSON object.
pub fn dataset_object(header: &Header<'_>) -> Map<String, Value> {
    json_object(header, header.top_level())
}

/// The elements `indices` (of one data set or item) as a DICOM JSON object: keys in
/// ascending tag order and no group lengths (gggg,0000), as PS3.18 F.2.2 wants, whatever
/// order the file had. A duplicate tag keeps the first occurrence, as JSON keys must be
/// unique (the anomaly list says there was a duplicate).
fn json_object(header: &Header<'_>, indices: impl Iterator<Item = usize>) -> Map<String, Value> {
    let mut order: Vec<usize> = indices
        .filter(|&i| header.elements[i].tag.0 & 0xFFFF != 0)
        .collect();
    // Stable, so that of two equal tags the first in the file comes first.
    order.sort_by_key(|&i| header.elements[i].tag);
    order.dedup_by_key(|&mut i| header.elements[i].tag);
    order
        .into_iter()
        .map(|i| (header.elements[i].tag.json_key(), element_value(header, i)))
        .collect()
}

fn element_value(header: &Header<'_>, index: usize) -> Value {
    let e = &header.elements[index];
    let mut o = Map::new();
    // A UN of undefined length read as a sequence (PS3.5 6.2.2) is a sequence: PS3.18 F.2
    // gives UN only inline binary, never items. pydicom relabels it SQ too.
    let vr = match e.kind {
        ElementKind::Sequence => Vr::SQ,
        _ => e.vr,
    };
    o.insert("vr".into(), json!(vr.as_str()));
    let value = match e.kind {
        ElementKind::Sequence => sequence_items(header, index),
        ElementKind::Item | ElementKind::Skipped => None,
        ElementKind::Value => scalar_values(header, e),
    };
    if let Some(v) = value {
        o.insert("Value".into(), v);
    }
    Value::Object(o)
}

/// The items of a sequence, or `None` for one without items: PS3.18 F.2.5 leaves the
/// `Value` out of an empty attribute, a sequence included.
fn sequence_items(header: &Header<'_>, index: usize) -> Option<Value> {
    let items: Vec<Value> = header
        .children(index)
        .map(|item| Value::Object(json_object(header, header.children(item))))
        .collect();
    (!items.is_empty()).then_some(Value::Array(items))
}

/// The `Value` array of a non-sequence element, or `None` when it has none (empty, bulk).
fn scalar_values(header: &Header<'_>, e: &Element) -> Option<Value> {
    if e.value_len == 0 || e.vr.is_bulk() {
        return None;
    }
    let values: Vec<Value> = match e.vr {
        Vr::PN => header
            .person_names(e)
            .into_iter()
            .map(|pn| {
                // An empty value among others is null (PS3.18 F.2.5), as for strings.
                if pn.groups().iter().all(|g| g.is_empty()) {
                    return Value::Null;
                }
                let mut m = Map::new();
                for (name, group) in ["Alphabetic", "Ideographic", "Phonetic"]
                    .iter()
                    .zip(pn.groups())
                {
                    if !group.is_empty() {
                        m.insert((*name).into(), json!(group));
                    }
                }
                Value::Object(m)
            })
            .collect(),
        Vr::DS => number_strings(header, e, |s| {
            s.parse::<f64>().ok().and_then(Number::from_f64)
        }),
        Vr::IS => number_strings(header, e, |s| s.parse::<i64>().ok().map(Number::from)),
        Vr::AT => header
            .value_bytes(e)
            .chunks_exact(4)
            .map(|c| {
                let g = read_u16(&c[0..], e.big_endian);
                let el = read_u16(&c[2..], e.big_endian);
                json!(format!("{g:04X}{el:04X}"))
            })
            .collect(),
        Vr::US | Vr::UL | Vr::UV => header.uints(e).into_iter().map(safe_integer).collect(),
        Vr::SS | Vr::SL | Vr::SV => header.ints(e).into_iter().map(safe_integer).collect(),
        Vr::FL | Vr::FD => floats(header.value_bytes(e), e),
        _ if e.vr.is_string() => header
            .strings(e)
            .into_iter()
            .map(|s| if s.is_empty() { Value::Null } else { json!(s) })
            .collect(),
        _ => return None,
    };
    if values.is_empty() {
        None
    } else {
        Some(Value::Array(values))
    }
}

/// An integer as a JSON number while a double holds it exactly (|v| < 2^53), else as a
/// string (PS3.18 F.2.3, CP-1861): a 64-bit SV or UV beyond that would lose digits in the
/// many JSON parsers that read numbers as doubles.
fn safe_integer<T: Into<i128>>(v: T) -> Value {
    const SAFE: i128 = (1 << 53) - 1;
    let v: i128 = v.into();
    match (i64::try_from(v), v.abs() <= SAFE) {
        (Ok(small), true) => json!(small),
        _ => json!(v.to_string()),
    }
}

/// DS and IS are JSON numbers (PS3.18 F.2.3); a value that does not parse is kept as its
/// string so nothing is hidden.
fn number_strings(
    header: &Header<'_>,
    e: &Element,
    parse: impl Fn(&str) -> Option<Number>,
) -> Vec<Value> {
    header
        .strings(e)
        .into_iter()
        .map(|s| {
            if s.is_empty() {
                return Value::Null;
            }
            match parse(s.trim()) {
                Some(n) => Value::Number(n),
                None => json!(s),
            }
        })
        .collect()
}

/// FL and FD values; NaN and infinities, which JSON numbers cannot hold, as strings.
fn floats(b: &[u8], e: &Element) -> Vec<Value> {
    let be = e.big_endian;
    let float = |f: f64| Number::from_f64(f).map_or_else(|| json!(f.to_string()), Value::Number);
    match e.vr {
        Vr::FL => b
            .chunks_exact(4)
            .map(|c| float(f64::from(f32::from_bits(read_u32(c, be)))))
            .collect(),
        Vr::FD => b
            .chunks_exact(8)
            .map(|c| float(f64::from_bits(read_u64(c, be))))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::read;

    #[test]
    fn undeclared_non_ascii_text_is_listed_among_the_anomalies() {
        // A raw explicit VR LE data set (PS3.5 7.1.2) with no (0008,0005): only ISO-IR 6 is
        // declared (PS3.5 6.1.2.1), but the name is UTF-8.
        let mut file = vec![0x08, 0x00, 0x60, 0x00, b'C', b'S', 2, 0]; // (0008,0060) CS 2
        file.extend(b"MR");
        file.extend([0x10, 0x00, 0x10, 0x00, b'P', b'N', 6, 0]); // (0010,0010) PN 6
        file.extend("Zoë^A".as_bytes()); // 6 bytes: ë is two in UTF-8
        let header = read(&file);
        let dump = dump_object("x.dcm", &header);
        let anomalies = dump["anomalies"].as_array().expect("an array");
        assert!(
            anomalies.iter().any(|a| {
                let a = a.as_str().unwrap_or_default();
                a.contains("UNDECLARED_UTF8") && a.contains("(0010,0010)")
            }),
            "{anomalies:?}"
        );
        assert_eq!(
            dump["dataset"]["00100010"]["Value"][0]["Alphabetic"],
            "Zoë^A"
        );
    }

    #[test]
    fn un_of_undefined_length_is_shown_as_the_sequence_it_is() {
        // Part 10 framing: preamble, DICM, meta group with explicit VR LE as its syntax.
        let ts = b"1.2.840.10008.1.2.1\0";
        let mut meta = vec![0x02, 0x00, 0x10, 0x00, b'U', b'I'];
        meta.extend((ts.len() as u16).to_le_bytes());
        meta.extend(ts);
        let mut file = vec![0u8; 128];
        file.extend(b"DICM");
        file.extend([0x02, 0x00, 0x00, 0x00, b'U', b'L', 4, 0]); // (0002,0000) UL 4
        file.extend((meta.len() as u32).to_le_bytes());
        file.extend(meta);
        // (0008,1140) UN, undefined length: a sequence in implicit VR LE (PS3.5 6.2.2).
        file.extend([
            0x08, 0x00, 0x40, 0x11, b'U', b'N', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF,
        ]);
        file.extend([0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF]); // item, undefined length
        file.extend([0x08, 0x00, 0x50, 0x11, 4, 0, 0, 0]); // (0008,1150), implicit VR, 4 bytes
        file.extend(b"1.2\0");
        file.extend([0xFE, 0xFF, 0x0D, 0xE0, 0, 0, 0, 0]); // item delimiter
        file.extend([0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]); // sequence delimiter
        let header = read(&file);
        let dataset = dataset_object(&header);
        let element = &dataset["00081140"];
        assert_eq!(element["vr"], "SQ", "{element}");
        assert_eq!(element["Value"][0]["00081150"]["vr"], "UI", "{element}");
        assert_eq!(
            element["Value"][0]["00081150"]["Value"][0], "1.2",
            "{element}"
        );
    }

    /// A raw explicit VR LE data set (PS3.5 7.1.2) from (tag, VR, value) triples with
    /// short (16-bit) lengths.
    fn explicit_le(elements: &[(u16, u16, &[u8; 2], &[u8])]) -> Vec<u8> {
        let mut file = Vec::new();
        for (group, element, vr, value) in elements {
            file.extend(group.to_le_bytes());
            file.extend(element.to_le_bytes());
            file.extend(*vr);
            file.extend((value.len() as u16).to_le_bytes());
            file.extend(*value);
        }
        file
    }

    #[test]
    fn keys_ascend_and_group_lengths_are_left_out() {
        // PS3.18 F.2.2: keys in ascending order, no group length attributes. The file has
        // (0008,0000) UL, then its tags out of order.
        let file = explicit_le(&[
            (0x0008, 0x0000, b"UL", &[10, 0, 0, 0]),
            (0x0008, 0x0060, b"CS", b"MR"),
            (0x0010, 0x0020, b"LO", b"ID42"),
            (0x0010, 0x0010, b"PN", b"A^B "),
        ]);
        let header = read(&file);
        let dataset = dataset_object(&header);
        let keys: Vec<&str> = dataset.keys().map(String::as_str).collect();
        assert_eq!(keys, ["00080060", "00100010", "00100020"], "{dataset:?}");
    }

    #[test]
    fn an_empty_sequence_and_an_empty_name_among_others_have_no_value() {
        // (0008,1140) SQ of undefined length closed at once by its delimiter (PS3.5 7.5),
        // then (0010,0010) PN "X\\Y": three values, the middle one empty.
        let mut file = vec![0x08, 0x00, 0x40, 0x11, b'S', b'Q', 0, 0];
        file.extend([0xFF; 4]); // undefined length
        file.extend([0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]); // sequence delimitation item
        file.extend(explicit_le(&[(0x0010, 0x0010, b"PN", b"X\\\\Y ")]));
        let header = read(&file);
        let dataset = dataset_object(&header);
        assert_eq!(dataset["00081140"], json!({"vr": "SQ"}));
        assert_eq!(
            dataset["00100010"]["Value"],
            json!([{"Alphabetic": "X"}, null, {"Alphabetic": "Y"}])
        );
    }

    #[test]
    fn sixty_four_bit_integers_beyond_a_double_are_strings() {
        // (0018,9219) SV with a 32-bit length after two reserved bytes (PS3.5 7.1.2), two
        // values: i64::MIN, far beyond 2^53, and 7.
        let mut file = vec![0x18, 0x00, 0x19, 0x92, b'S', b'V', 0, 0];
        file.extend(16u32.to_le_bytes());
        file.extend(i64::MIN.to_le_bytes());
        file.extend(7i64.to_le_bytes());
        let header = read(&file);
        let dataset = dataset_object(&header);
        assert_eq!(
            dataset["00189219"]["Value"],
            json!([i64::MIN.to_string(), 7]),
            "{dataset:?}"
        );
    }
}

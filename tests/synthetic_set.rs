//! The synthetic set (`tests/common/synth.rs`): every file reads, every planted value can be
//! decoded back out of it, the set is the same on every call, and it covers each placement
//! and character set with positives and controls. None of this needs a scorer; the scorer's
//! own tests grade it against the truth these files carry.
//!
//! `export_synthetic_set` (ignored) writes the set to disk for benchmarks:
//! `scripts/make_synthetic.sh [OUT]`.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use common::synth::{self, SynthFile};
use dicomleak::reader::{self, ElementKind, Header, Status, Vr, tags};

/// Every decoded text of a header, at any depth: string values decoded in their character
/// set, and UN values as UTF-8, as a scorer would try them.
fn all_texts(h: &Header<'_>) -> Vec<String> {
    h.elements
        .iter()
        .filter(|e| e.kind == ElementKind::Value)
        .filter_map(|e| {
            if e.vr == Vr::UN {
                // A UN value's bytes in the character set in force there, as the scorer
                // reads one that is not UTF-8.
                let bytes = h.value_bytes(e);
                return Some(match std::str::from_utf8(bytes) {
                    Ok(t) => t.to_owned(),
                    Err(_) => h
                        .charset_of(e)
                        .decode(bytes, dicomleak::reader::charset::TextKind::Text)
                        .text
                        .into_owned(),
                });
            }
            h.text(e).map(|t| t.text.into_owned())
        })
        .collect()
}

fn set() -> Vec<SynthFile> {
    synth::synthetic_set()
}

#[test]
fn every_synthetic_file_reads_ok_and_every_text_decodes_cleanly() {
    let mut failures = Vec::new();
    for f in set() {
        let h = reader::read(&f.bytes);
        if h.status != Status::Ok || !h.anomalies.is_empty() {
            let anomalies: Vec<String> = h.anomalies.iter().map(ToString::to_string).collect();
            failures.push(format!("{}: {} {:?}", f.name, h.status, anomalies));
        }
        for e in &h.elements {
            let Some(decoded) = h.text(e) else { continue };
            if !decoded.issues.is_empty() || decoded.text.contains('\u{FFFD}') {
                failures.push(format!("{} {}: {:?}", f.name, e.tag, decoded.issues));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn string_values_keep_within_their_vr_limits() {
    // PS3.5 Table 6.2-1, in characters; PN per component group.
    let limit = |vr: Vr| match vr {
        Vr::AE | Vr::CS | Vr::SH => Some(16),
        Vr::LO | Vr::UI | Vr::PN => Some(64),
        Vr::DA => Some(8),
        _ => None,
    };
    let mut over = Vec::new();
    for f in set() {
        let h = reader::read(&f.bytes);
        for e in &h.elements {
            let Some(max) = limit(e.vr) else { continue };
            for value in h.strings(e) {
                let longest = if e.vr == Vr::PN {
                    value
                        .split('=')
                        .map(|g| g.chars().count())
                        .max()
                        .unwrap_or(0)
                } else {
                    value.chars().count()
                };
                if longest > max {
                    over.push(format!("{} {} {}: {value}", f.name, e.tag, e.vr.as_str()));
                }
            }
        }
    }
    assert!(over.is_empty(), "{over:#?}");
}

#[test]
fn every_planted_value_decodes_back_out_of_its_file() {
    let mut missing = Vec::new();
    for f in set() {
        let h = reader::read(&f.bytes);
        let texts = all_texts(&h);
        for value in &f.truth.planted_values {
            if !texts.iter().any(|t| t.contains(value.as_str())) {
                missing.push(format!("{}: {value:?}", f.name));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "planted values not decoded: {missing:#?}"
    );
}

#[test]
fn decoded_patient_name_is_the_planted_unicode_name_in_every_charset() {
    let mut checked = BTreeMap::<&str, usize>::new();
    let mut wrong = Vec::new();
    for f in set() {
        // Controls plant no name (their placeholders are not planted values).
        if f.truth.charset == "ascii" || f.truth.placement != "top" || f.truth.control {
            continue;
        }
        let h = reader::read(&f.bytes);
        let Some(e) = h.find(tags::PATIENT_NAME) else {
            continue;
        };
        let Some(decoded) = h.text(e) else { continue };
        if decoded.text.is_empty() {
            continue;
        }
        *checked.entry(f.truth.charset).or_default() += 1;
        let text = decoded.text.trim_end().to_owned();
        if !f.truth.planted_values.contains(&text) || !decoded.issues.is_empty() {
            wrong.push(format!(
                "{} ({}): decoded {text:?} with {:?}, planted {:?}",
                f.name, f.truth.charset, decoded.issues, f.truth.planted_values
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    for charset in [
        "latin1", "utf8", "arabic", "cyrillic", "greek", "jis", "korean", "gb18030",
    ] {
        assert!(
            checked.get(charset).copied().unwrap_or(0) >= 2,
            "{charset}: {checked:?}"
        );
    }
}

#[test]
fn person_name_groups_split_after_decoding_in_iso2022_and_gb18030() {
    // PS3.5 6.2: `=` separates the alphabetic, ideographic and phonetic groups; the bytes of
    // a two-byte character may hold 0x5C or 0x3D, so splitting must follow decoding.
    let expected = [
        (
            "charset_jis_name",
            ["Zyxwer^Taro", "山田^太郎", "やまだ^たろう"],
        ),
        (
            "charset_korean_name",
            ["Zyxwer^Minsu", "金^敏秀", "김^민수"],
        ),
    ];
    let files = set();
    for (name, groups) in expected {
        let f = files.iter().find(|f| f.name == name).expect("file in set");
        let h = reader::read(&f.bytes);
        let e = h.find(tags::PATIENT_NAME).expect("patient name");
        let pn = &h.person_names(e)[0];
        let got = format!("{pn:?}");
        for group in groups {
            assert!(got.contains(group), "{name}: {group} not in {got}");
        }
    }
    let f = files
        .iter()
        .find(|f| f.name == "charset_gb18030_backslash_byte")
        .expect("file in set");
    let h = reader::read(&f.bytes);
    let e = h.find(tags::PATIENT_NAME).expect("patient name");
    assert_eq!(h.strings(e), vec!["Zyxwer^Cheng=赵^誠"]);
}

#[test]
fn planted_bytes_follow_the_standard_escapes() {
    // PS3.5 H.3.1 and I.2: kanji runs between ESC $ B and ESC ( B; KS X 1001 designated to
    // G1 by ESC $ ) C after each delimiter.
    let files = set();
    let raw = |name: &str| {
        let f = files.iter().find(|f| f.name == name).expect("file in set");
        let h = reader::read(&f.bytes);
        let e = *h.find(tags::PATIENT_NAME).expect("patient name");
        reader::header::trim_padding(h.value_bytes(&e)).to_vec()
    };
    assert_eq!(
        raw("charset_jis_name"),
        b"Zyxwer^Taro=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B"
    );
    let korean = raw("charset_korean_name");
    assert!(korean.starts_with(b"Zyxwer^Minsu=\x1b$)C"), "{korean:02X?}");
    assert_eq!(korean.windows(4).filter(|w| w == b"\x1b$)C").count(), 4);
    assert!(raw("charset_gb18030_backslash_byte").contains(&0x5C));
}

#[test]
fn the_set_is_deterministic() {
    assert_eq!(set(), set());
}

#[test]
fn names_are_unique_and_say_nothing_planted() {
    let files = set();
    let names: HashSet<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names.len(), files.len());
    for f in &files {
        assert!(
            f.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{}",
            f.name
        );
        for other in &files {
            for v in &other.truth.planted_values {
                assert!(!f.name.contains(v.as_str()), "{} names {v}", f.name);
            }
        }
    }
}

#[test]
fn sop_instance_uids_are_unique_and_match_the_meta_group() {
    let files = set();
    let mut seen = HashSet::new();
    for f in files.iter().filter(|f| f.truth.placement != "dicomdir") {
        let h = reader::read(&f.bytes);
        let sop = h.find(tags::SOP_INSTANCE_UID).expect("SOP Instance UID");
        let sop = h.first_string(sop).expect("uid").into_owned();
        let meta = h
            .find_meta(tags::MEDIA_STORAGE_SOP_INSTANCE_UID)
            .expect("meta uid");
        assert_eq!(h.first_string(meta).expect("uid"), sop, "{}", f.name);
        assert!(sop.len() <= 64, "{}", f.name);
        assert!(seen.insert(sop), "{} repeats a SOP Instance UID", f.name);
    }
}

#[test]
fn truth_flags_are_consistent() {
    for f in set() {
        let t = &f.truth;
        assert!(!(t.control && t.has_direct_identifier), "{}", f.name);
        assert_eq!(
            t.leaks_despite_claim,
            t.deid_claimed && t.has_direct_identifier,
            "{}",
            f.name
        );
        if t.has_direct_identifier {
            assert!(!t.planted_values.is_empty(), "{}", f.name);
        }
    }
}

/// Carrier identifiers that must not survive the rewrite, and planted patient values: a
/// control holds none of them.
#[test]
fn controls_hold_no_carrier_identifier_and_no_patient_value() {
    const CARRIER_PHI: [&str; 16] = [
        "CompressedSamples",
        "SIMPSON",
        "HOMER",
        "HIBBARD",
        "RIVERIA",
        "Evergreen",
        "SPRINGFIELD",
        "Riesmeier",
        "Wang^XiaoDong",
        "山田",
        "Люкceмбypг",
        "X1EXAMPLE",
        "H32EXAMPLE",
        "SCSRUSS",
        "00007041776",
        "JFK IMAGING",
    ];
    let files = set();
    let patient_values: Vec<&str> = files
        .iter()
        .filter(|f| f.truth.has_direct_identifier)
        .flat_map(|f| f.truth.planted_values.iter().map(String::as_str))
        .filter(|v| v.len() >= 6)
        .collect();
    let mut leaks = Vec::new();
    for f in files.iter().filter(|f| f.truth.control) {
        let h = reader::read(&f.bytes);
        let texts = all_texts(&h).join("\n").to_lowercase();
        for needle in CARRIER_PHI.iter().chain(&patient_values) {
            if texts.contains(&needle.to_lowercase()) {
                leaks.push(format!("{}: {needle}", f.name));
            }
        }
        let private = h.elements.iter().filter(|e| e.tag.is_private()).count();
        let planted_private = f.truth.placement == "private";
        assert!(
            private == 0 || planted_private,
            "{} keeps private tags",
            f.name
        );
    }
    assert!(leaks.is_empty(), "{leaks:#?}");
}

#[test]
fn check_digits_follow_luhn_and_nhs_rules() {
    // Published examples: 79927398713 is the Luhn example of ISO/IEC 7812; 943 476 5919 is
    // the NHS number of NHS Digital's documentation.
    assert_eq!(synth::luhn_check_digit("7992739871"), 3);
    assert_eq!(synth::nhs_check_digit("943476591"), Some(9));
    assert_eq!(synth::nhs_check_digit("485120776"), None);
}

#[test]
fn counts_cover_every_placement_and_charset_with_positives_and_controls() {
    let files = set();
    let mut by_placement = BTreeMap::<&str, (usize, usize, usize)>::new();
    let mut by_charset = BTreeMap::<&str, (usize, usize, usize)>::new();
    for f in &files {
        let t = &f.truth;
        let slot = |m: &mut BTreeMap<&'static str, (usize, usize, usize)>, k| {
            let c = m.entry(k).or_default();
            if t.has_direct_identifier {
                c.0 += 1;
            } else if t.control {
                c.1 += 1;
            } else {
                c.2 += 1;
            }
        };
        slot(&mut by_placement, t.placement);
        slot(&mut by_charset, t.charset);
    }
    eprintln!("(positives, controls, other) by placement: {by_placement:#?}");
    eprintln!("(positives, controls, other) by charset: {by_charset:#?}");
    assert!(files.len() >= 150, "{} files", files.len());
    let positives = files
        .iter()
        .filter(|f| f.truth.has_direct_identifier)
        .count();
    let controls = files.iter().filter(|f| f.truth.control).count();
    assert!(
        positives >= 70 && controls >= 60,
        "{positives} / {controls}"
    );
    for placement in ["top", "nested", "audit", "private", "free_text"] {
        let (p, c, _) = by_placement[placement];
        assert!(p >= 5 && c >= 2, "{placement}: {p} positives, {c} controls");
    }
    assert!(by_placement["dicomdir"].0 >= 1);
    assert!(by_placement["meta"].1 >= 3);
    for charset in [
        "latin1", "utf8", "arabic", "cyrillic", "greek", "jis", "korean", "gb18030",
    ] {
        let (p, c, _) = by_charset[charset];
        assert!(p >= 2 && c >= 2, "{charset}: {p} positives, {c} controls");
    }
    let count = |pred: &dyn Fn(&SynthFile) -> bool| files.iter().filter(|f| pred(f)).count();
    assert!(count(&|f| f.truth.leaks_despite_claim) >= 4);
    assert!(count(&|f| f.truth.deid_claimed && f.truth.control) >= 3);
    assert!(count(&|f| f.truth.burned_in == "likely") >= 3);
    assert!(count(&|f| f.truth.burned_in == "possible") >= 10);
    assert!(count(&|f| f.truth.burned_in == "none") >= 10);
    for flag in [
        "cross_file_name",
        "name_in_free_text",
        "national_id_bad_checksum",
        "placeholder",
        "pseudonym",
        "phantom",
        "staff_name",
        "numbers_in_text",
    ] {
        assert!(
            count(&|f| f.truth.planted_categories.contains(&flag)) >= 2,
            "{flag}"
        );
    }
}

#[test]
fn truth_csv_holds_every_file_and_no_planted_value() {
    let dir = std::env::temp_dir().join(format!("dicomleak-synth-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    synth::write_set(&dir).expect("write the set");
    let truth = std::fs::read_to_string(dir.join("truth.csv")).expect("truth.csv");
    let files = set();
    assert_eq!(truth.lines().count(), files.len() + 1);
    for f in &files {
        assert!(dir.join("files").join(&f.name).is_file(), "{}", f.name);
        for v in &f.truth.planted_values {
            assert!(!truth.contains(v.as_str()), "truth.csv holds {v}");
        }
    }
    // Writing again over the same set works; a foreign file is refused.
    synth::write_set(&dir).expect("rewrite the set");
    std::fs::write(dir.join("files").join("stray"), b"x").expect("stray file");
    assert!(synth::write_set(&dir).is_err());
    std::fs::remove_dir_all(&dir).expect("clean up");
}

/// Writes the set to `$DICOMLEAK_SYNTH_OUT` (default `bench-data/synthetic`):
/// `scripts/make_synthetic.sh [OUT]`.
#[test]
#[ignore = "writes files; run through scripts/make_synthetic.sh"]
fn export_synthetic_set() {
    let out = std::env::var_os("DICOMLEAK_SYNTH_OUT").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench-data/synthetic"),
        PathBuf::from,
    );
    synth::write_set(&out).expect("write the synthetic set");
    let files = set();
    for f in &files {
        eprintln!("{}", synth::describe(f));
    }
    eprintln!("{} files in {}", files.len(), out.display());
}

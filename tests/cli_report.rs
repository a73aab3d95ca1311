//! `dicomleak report` end to end: two sites scanned with one key, people whose truth is
//! known, the bounds and link counts that truth implies, the terminal snapshot, the JSON
//! schema, small-cell suppression, nothing identifying in any output, the HTML page
//! (self-contained, renders in Chromium without console errors), and the errors.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::dicom::{EXPLICIT_LE, el, part10};
use serde_json::Value;

/// CT Image Storage.
const CT_STORAGE: &str = "1.2.840.10008.5.1.4.1.1.2";

/// A root for UIDs that look like a real vendor's (pseudonymous `2.25.` UIDs would not
/// count as identifying).
const UID_ROOT: &str = "1.2.840.113619.2.55.3.604688";

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("report-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn dicomleak(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dicomleak"))
        .args(args)
        .output()
        .expect("run dicomleak")
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// Who a file is about, as written in its patient module.
#[derive(Clone, Copy)]
struct Patient {
    name: &'static str,
    id: &'static str,
    issuer: Option<&'static str>,
    birth_date: &'static str,
    sex: &'static str,
    other_id: Option<&'static str>,
}

/// One synthetic file: a CT header with the attributes given, in tag order (PS3.5 7.1).
struct Spec {
    instance: u32,
    study: Option<u32>,
    institution: &'static str,
    patient: Option<Patient>,
    /// For a record with patient data but nothing to resolve it by.
    sex_and_birth_only: bool,
}

fn uid(kind: u32, n: u32) -> String {
    format!("{UID_ROOT}.{kind}.{n}")
}

fn dicom(spec: &Spec) -> Vec<u8> {
    let sop = uid(3, spec.instance);
    let mut ds = Vec::new();
    ds.extend(el(0x0008, 0x0016, "UI", CT_STORAGE.as_bytes()));
    ds.extend(el(0x0008, 0x0018, "UI", sop.as_bytes()));
    ds.extend(el(0x0008, 0x0020, "DA", b"20190314"));
    ds.extend(el(0x0008, 0x0060, "CS", b"CT"));
    ds.extend(el(0x0008, 0x0070, "LO", b"ACME Medical"));
    ds.extend(el(0x0008, 0x0080, "LO", spec.institution.as_bytes()));
    if let Some(p) = spec.patient {
        ds.extend(el(0x0010, 0x0010, "PN", p.name.as_bytes()));
        ds.extend(el(0x0010, 0x0020, "LO", p.id.as_bytes()));
        if let Some(issuer) = p.issuer {
            ds.extend(el(0x0010, 0x0021, "LO", issuer.as_bytes()));
        }
        ds.extend(el(0x0010, 0x0030, "DA", p.birth_date.as_bytes()));
        ds.extend(el(0x0010, 0x0040, "CS", p.sex.as_bytes()));
        if let Some(other) = p.other_id {
            ds.extend(el(0x0010, 0x1000, "LO", other.as_bytes()));
        }
    } else if spec.sex_and_birth_only {
        ds.extend(el(0x0010, 0x0030, "DA", b"19550505"));
        ds.extend(el(0x0010, 0x0040, "CS", b"F"));
    }
    if let Some(study) = spec.study {
        ds.extend(el(0x0020, 0x000D, "UI", uid(1, study).as_bytes()));
        ds.extend(el(0x0020, 0x000E, "UI", uid(2, study).as_bytes()));
    }
    part10(EXPLICIT_LE, CT_STORAGE, &sop, &ds)
}

const ALPHA: Patient = Patient {
    name: "Alphaway^Annika",
    id: "S1-001",
    issuer: Some("SITE1"),
    birth_date: "19700101",
    sex: "F",
    other_id: None,
};
const BRAVO_SITE1: Patient = Patient {
    name: "Bravostone^Bernd",
    id: "S1-002",
    issuer: Some("SITE1"),
    birth_date: "19800202",
    sex: "M",
    other_id: None,
};
/// The same person as [`BRAVO_SITE1`] under the second site's record number.
const BRAVO_SITE2: Patient = Patient {
    id: "S2-900",
    issuer: Some("SITE2"),
    ..BRAVO_SITE1
};
const CHARLIE_SITE1: Patient = Patient {
    name: "Charlton^Cyrille",
    id: "S1-003",
    issuer: Some("SITE1"),
    birth_date: "19900303",
    sex: "M",
    other_id: Some("770031459"),
};
/// The same person at the second site, joined by the Other Patient ID they share.
const CHARLIE_SITE2: Patient = Patient {
    id: "S2-003",
    issuer: Some("SITE2"),
    ..CHARLIE_SITE1
};
/// Three different people registered under one walk-in ID.
const WALK_IN: [Patient; 3] = [
    Patient {
        name: "Deltour^Dana",
        id: "A12345",
        issuer: None,
        birth_date: "19600404",
        sex: "F",
        other_id: None,
    },
    Patient {
        name: "Echeverri^Emil",
        id: "A12345",
        issuer: None,
        birth_date: "19610505",
        sex: "M",
        other_id: None,
    },
    Patient {
        name: "Foxley^Fenna",
        id: "A12345",
        issuer: None,
        birth_date: "19620606",
        sex: "F",
        other_id: None,
    },
];

const SITE1: &str = "Site One Hospital";
const SITE2: &str = "Site Two Clinic";

/// The two sites' files. Truth: six people (Alpha, Bravo, Charlie and the three walk-ins),
/// all directly identified by name, in eight studies; one file copied to both sites.
fn sites(work: &Path) -> (PathBuf, PathBuf) {
    let site1 = work.join("site1");
    let site2 = work.join("site2");
    std::fs::create_dir_all(&site1).expect("site1");
    std::fs::create_dir_all(&site2).expect("site2");
    let p = |patient| Some(patient);
    let files1 = [
        ("a1.dcm", 1, Some(1), p(ALPHA)),
        ("a2.dcm", 2, Some(1), p(ALPHA)),
        // No patient module: Alpha's by study membership only.
        ("a3.dcm", 3, Some(1), None),
        ("b1.dcm", 4, Some(2), p(BRAVO_SITE1)),
        ("b2.dcm", 5, Some(2), p(BRAVO_SITE1)),
        ("c1.dcm", 6, Some(9), p(CHARLIE_SITE1)),
    ];
    for (name, instance, study, patient) in files1 {
        let spec = Spec {
            instance,
            study,
            institution: SITE1,
            patient,
            sex_and_birth_only: false,
        };
        std::fs::write(site1.join(name), dicom(&spec)).expect("write");
    }
    // Patient data, but no key nor study to resolve it by.
    let loose = Spec {
        instance: 7,
        study: None,
        institution: SITE1,
        patient: None,
        sex_and_birth_only: true,
    };
    std::fs::write(site1.join("loose.dcm"), dicom(&loose)).expect("write");
    std::fs::write(site1.join("notes.txt"), b"not a DICOM file\n").expect("write");

    let files2 = [
        ("b3.dcm", 11, Some(3), p(BRAVO_SITE2)),
        ("c2.dcm", 12, Some(4), p(CHARLIE_SITE2)),
        ("c3.dcm", 13, Some(4), None),
        ("d.dcm", 14, Some(5), p(WALK_IN[0])),
        ("e.dcm", 15, Some(6), p(WALK_IN[1])),
        ("f.dcm", 16, Some(7), p(WALK_IN[2])),
    ];
    for (name, instance, study, patient) in files2 {
        let spec = Spec {
            instance,
            study,
            institution: SITE2,
            patient,
            sex_and_birth_only: false,
        };
        std::fs::write(site2.join(name), dicom(&spec)).expect("write");
    }
    // The same instance at both sites.
    std::fs::copy(site1.join("a1.dcm"), site2.join("a1-copy.dcm")).expect("copy");
    (site1, site2)
}

/// Scans both sites with one key; returns the two output directories.
fn scan_sites(work: &Path) -> (PathBuf, PathBuf) {
    let (site1, site2) = sites(work);
    let key = work.join("investigation.key");
    std::fs::write(&key, b"0123456789abcdef0123456789abcdef").expect("key");
    let mut outs = Vec::new();
    for (site, out) in [(&site1, "out1"), (&site2, "out2")] {
        let out = work.join(out);
        let o = dicomleak(&[
            os("scan"),
            site.as_os_str(),
            os("-o"),
            out.as_os_str(),
            os("--key-file"),
            key.as_os_str(),
            os("--quiet"),
            os("--threads"),
            os("2"),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        outs.push(out);
    }
    (outs[0].clone(), outs[1].clone())
}

/// Runs `dicomleak report OUTS... FLAG PATH --quiet` and checks that it succeeded.
fn report_to(outs: &[&Path], flag: &str, path: &Path) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec![os("report")];
    args.extend(outs.iter().map(|p| p.as_os_str()));
    args.extend([os(flag), path.as_os_str(), os("--quiet")]);
    let o = dicomleak(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn report_json(outs: &[&Path], work: &Path) -> Value {
    let json = work.join("report.json");
    report_to(outs, "--json", &json);
    serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("valid json")
}

/// Writes the HTML report of `outs` to `work/r.html` with `--quiet`; the page's path and
/// the run's output.
fn report_html(outs: &[&Path], work: &Path) -> (PathBuf, Output) {
    let html = work.join("r.html");
    let o = report_to(outs, "--html", &html);
    (html, o)
}

fn report_text(outs: &[&Path]) -> String {
    let mut args: Vec<&std::ffi::OsStr> = vec![os("report")];
    args.extend(outs.iter().map(|p| p.as_os_str()));
    let o = dicomleak(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8 table")
}

fn at<'v>(v: &'v Value, path: &str) -> &'v Value {
    path.split('.').fold(v, |v, k| match v.get(k) {
        Some(x) => x,
        None => panic!("no {path} (stopped at {k}) in {v}"),
    })
}

fn int(v: &Value, path: &str) -> u64 {
    at(v, path)
        .as_u64()
        .unwrap_or_else(|| panic!("{path} is not a count"))
}

#[test]
fn two_sites_bounds_bracket_the_six_people_and_each_rule_links_what_the_set_implies() {
    let work = scratch("truth");
    let (out1, out2) = scan_sites(&work);
    let r = report_json(&[&out1, &out2], &work);

    // The truth, by hand: six people, all named in some file.
    let people = 6;
    for measure in ["directly_identified", "identifiable", "with_patient_data"] {
        let lower = int(&r, &format!("patients.{measure}.lower"));
        let upper = int(&r, &format!("patients.{measure}.upper"));
        assert!(
            lower <= people && people <= upper,
            "{measure}: {lower} <= {people} <= {upper}"
        );
    }
    // Lower bound: every link holds, so exactly the six. Upper bound: Bravo's two record
    // numbers stay apart (+1); for the identifiable count, the two files without a patient
    // module stand alone too (+2).
    assert_eq!(int(&r, "patients.directly_identified.lower"), 6);
    assert_eq!(int(&r, "patients.directly_identified.upper"), 7);
    assert_eq!(int(&r, "patients.identifiable.lower"), 6);
    assert_eq!(int(&r, "patients.identifiable.upper"), 9);
    assert_eq!(int(&r, "patients.unresolved_records"), 1);
    assert_eq!(int(&r, "patients.records"), 14);

    // patient_key: Alpha's three files (two, and the copy at site 2) make 2 links,
    // Bravo's two at site 1 make 1; the walk-in ID links nobody.
    assert_eq!(int(&r, "identity.links.patient_key"), 3);
    // Charlie's two record numbers share an Other Patient ID.
    assert_eq!(int(&r, "identity.links.other_patient_id"), 1);
    // Bravo at site 2 by name and birth date; Alpha's and Charlie's are already joined.
    assert_eq!(int(&r, "identity.links.person_key"), 1);
    // a3 to Alpha's study, c3 to Charlie's.
    assert_eq!(int(&r, "identity.links.study"), 2);
    assert_eq!(int(&r, "identity.not_linked.placeholder_patient_keys"), 1);

    assert_eq!(int(&r, "files.total"), 15);
    assert_eq!(int(&r, "files.by_status.ok"), 14);
    assert_eq!(int(&r, "files.by_status.not_dicom"), 1);
    assert_eq!(int(&r, "files.duplicate_instances"), 1);
    assert_eq!(int(&r, "files.duplicate_instances_across_inputs"), 1);
    assert_eq!(int(&r, "instances"), 13);
    assert_eq!(int(&r, "studies"), 8);
    assert_eq!(int(&r, "series"), 8);
    assert_eq!(r["warnings"], serde_json::json!([]), "same key file");
}

#[test]
fn terminal_table_matches_the_snapshot() {
    let work = scratch("snapshot");
    let (out1, out2) = scan_sites(&work);
    let text = report_text(&[&out1, &out2]);
    let expected = "\
dicomleak report: 2 inputs, 15 files

FILES
  15 files, 7621 bytes
  status: ok 14, truncated 0, malformed 0, not_dicom 1, io_error 0
  DICOM 14, graded 14, duplicate instances 1 (1 across inputs)
  studies 8, series 8, instances 13

PATIENTS
                         lower  upper
  directly identified        6      7
  identifiable (>= 0.5)      6      9
  with patient data          6      9
  unresolved records (not people): 1 (1 identifiable)
  links: patient_key 3, other_patient_id 1, person_key 1, study 2
  not linked: placeholder patient keys 1, person keys 0, other IDs 0; placeholder values 0; person keys without birth year 0

WHAT LEAKED
  category          files  patients
  dates                14       6-9
  institution          14       6-9
  uid                  14       6-9
  birth_date           12       6-7
  sex                  12       6-7
  patient_id           11       6-7
  patient_name         11       6-7
  patient_other_id      2        <5
  HIPAA identifier          files  patients
  A names                      11       6-7
  C dates (except year)        12       6-7
  H medical record numbers     11       6-7
  tiers: critical 11, high 1, medium 2, low 0, none 0, ungraded 1
  de-identification: claimed by no file
  burned-in risk: likely 0, possible 0, none 14
  private-tag findings: 0 in 0 files (0 leaking)
  preambles: zero 14, tiff 0, pe 0, elf 0, script 0, other 0; polyglot files 0

INSTITUTIONS
  institution        files  studies  patients
  Site One Hospital      8        3        <5
  Site Two Clinic        6        5       5-6

STUDY YEARS
  year  files  studies  patients
  2019     14        8       6-9

modalities: CT 14
character sets: (absent) 14
manufacturers: ACME Medical 14

QUASI-IDENTIFIERS (sex x birth year x institution, cells of 5+ patients): 0 shown, 10 suppressed
";
    assert_eq!(text, expected, "got:\n{text}");
}

#[test]
fn no_output_holds_a_name_id_birth_date_key_nor_path() {
    let work = scratch("no-identifiers");
    let (out1, out2) = scan_sites(&work);
    let json = work.join("r.json");
    let html = work.join("r.html");
    let o = dicomleak(&[
        os("report"),
        out1.as_os_str(),
        out2.as_os_str(),
        os("--json"),
        json.as_os_str(),
        os("--html"),
        html.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let outputs = [
        ("terminal", String::from_utf8_lossy(&o.stdout).into_owned()),
        ("stderr", String::from_utf8_lossy(&o.stderr).into_owned()),
        ("json", std::fs::read_to_string(&json).expect("json")),
        ("html", std::fs::read_to_string(&html).expect("html")),
    ];
    let patients = [
        ALPHA,
        BRAVO_SITE1,
        BRAVO_SITE2,
        CHARLIE_SITE1,
        CHARLIE_SITE2,
    ];
    let mut planted: Vec<String> = Vec::new();
    for p in patients.iter().chain(WALK_IN.iter()) {
        let family = p.name.split('^').next().expect("family name");
        planted.extend([
            family.to_owned(),
            family.to_uppercase(),
            p.id.to_owned(),
            p.birth_date.to_owned(),
        ]);
        planted.extend(p.other_id.map(str::to_owned));
    }
    planted.extend([
        "19550505".to_owned(),
        "20190314".to_owned(),
        UID_ROOT.to_owned(),
        work.display().to_string(),
        "site1".to_owned(),
        ".dcm".to_owned(),
    ]);
    for (what, text) in &outputs {
        for p in &planted {
            assert!(!text.contains(p.as_str()), "{what} holds {p}");
        }
        assert!(
            !has_hex_run(text, 32),
            "{what} holds something shaped like a key"
        );
    }
}

/// Whether `text` has `n` hex digits in a row (a keyed pseudonym is 32).
fn has_hex_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_ascii_hexdigit() { run + 1 } else { 0 };
        if run >= n {
            return true;
        }
    }
    false
}

/// Every object with `lower` and `upper` in the JSON's tables, with where it is.
fn patient_cells<'v>(v: &'v Value, path: String, out: &mut Vec<(String, &'v Value)>) {
    match v {
        Value::Object(m) => {
            if m.contains_key("lower") && m.contains_key("upper") && path.contains("patients") {
                out.push((path.clone(), v));
            }
            for (k, x) in m {
                patient_cells(x, format!("{path}.{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                patient_cells(x, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn patient_counts_of_one_to_four_are_suppressed_in_every_table() {
    let work = scratch("suppression");
    let (out1, out2) = scan_sites(&work);
    let r = report_json(&[&out1, &out2], &work);
    let mut cells = Vec::new();
    for key in ["institutions", "study_years", "leaks", "quasi_identifiers"] {
        patient_cells(&r[key], key.to_owned(), &mut cells);
    }
    assert!(cells.len() > 10, "found {} cells", cells.len());
    let mut suppressed = 0;
    for (path, cell) in &cells {
        for bound in ["lower", "upper"] {
            match cell[bound].as_u64() {
                Some(n) => assert!(n == 0 || n >= 5, "{path}.{bound} = {n}"),
                None => {
                    assert_eq!(cell["suppressed"], true, "{path}: null without the flag");
                    suppressed += 1;
                }
            }
        }
    }
    assert!(suppressed > 0, "the set has small cells");
    // Site One holds three to four people: suppressed, but its files are shown.
    let site1 = &r["institutions"]["rows"][0];
    assert_eq!(site1["name"], SITE1);
    assert_eq!(site1["files"], 8);
    assert_eq!(
        site1["patients"],
        serde_json::json!({"lower": null, "upper": null, "suppressed": true})
    );
    assert_eq!(r["quasi_identifiers"]["cells"], serde_json::json!([]));
    assert_eq!(r["quasi_identifiers"]["combinations_suppressed"], 10);
    // The headline totals are exact, small or not.
    assert_eq!(r["patients"]["unresolved_records"], 1);
}

#[test]
fn json_has_the_documented_schema() {
    let work = scratch("schema");
    let (out1, out2) = scan_sites(&work);
    let r = report_json(&[&out1, &out2], &work);
    assert_eq!(r["schema"], "dicomleak-report/1");
    let counts = [
        "files.total",
        "files.dicom",
        "files.graded",
        "files.bytes",
        "files.duplicate_instances",
        "files.duplicate_instances_across_inputs",
        "instances",
        "studies",
        "series",
        "patients.directly_identified.lower",
        "patients.directly_identified.upper",
        "patients.identifiable.lower",
        "patients.identifiable.upper",
        "patients.with_patient_data.lower",
        "patients.with_patient_data.upper",
        "patients.unresolved_records",
        "patients.unresolved_records_identifiable",
        "patients.records",
        "identity.links.patient_key",
        "identity.links.other_patient_id",
        "identity.links.person_key",
        "identity.links.study",
        "identity.not_linked.placeholder_patient_keys",
        "identity.not_linked.placeholder_person_keys",
        "identity.not_linked.placeholder_other_patient_ids",
        "identity.not_linked.placeholder_values",
        "identity.not_linked.person_keys_without_birth_year",
        "identity.thresholds.patient_key_placeholder_persons",
        "identity.thresholds.person_key_placeholder_patients",
        "identity.malformed_keys",
        "leaks.deidentification.claimed",
        "leaks.deidentification.failed",
        "leaks.polyglot_files",
        "leaks.private_tags.findings",
        "leaks.private_tags.leaking_findings",
        "leaks.private_tags.files",
        "quasi_identifiers.combinations",
        "quasi_identifiers.combinations_suppressed",
        "suppression.min_patients",
    ];
    for path in counts {
        int(&r, path);
    }
    for status in ["ok", "truncated", "malformed", "not_dicom", "io_error"] {
        int(&r, &format!("files.by_status.{status}"));
    }
    for tier in ["critical", "high", "medium", "low", "none", "ungraded"] {
        int(&r, &format!("leaks.tiers.{tier}"));
    }
    for risk in ["likely", "possible", "none"] {
        int(&r, &format!("leaks.burned_in_risk.{risk}"));
    }
    for kind in ["zero", "tiff", "pe", "elf", "script", "other"] {
        int(&r, &format!("leaks.preambles.{kind}"));
    }
    let arrays = [
        "inputs",
        "warnings",
        "modalities.rows",
        "institutions.rows",
        "study_years",
        "character_sets.rows",
        "manufacturers.rows",
        "leaks.categories",
        "leaks.hipaa",
        "leaks.deidentification.by_institution.rows",
        "leaks.private_tags.by_creator.rows",
        "quasi_identifiers.cells",
    ];
    for path in arrays {
        assert!(at(&r, path).is_array(), "{path} is an array");
    }
    let letter = &r["leaks"]["hipaa"][0];
    assert_eq!(letter["letter"], "A");
    assert_eq!(letter["name"], "names");
    assert_eq!(r["inputs"][1]["index"], 2);
    assert_eq!(r["study_years"][0]["year"], 2019);
}

/// Builds `files.parquet` (and an empty `findings.parquet`) directly with the library's
/// writers: rows whose keys and grades are chosen by the test.
mod written {
    use std::path::{Path, PathBuf};

    use dicomleak::facts::FileFacts;
    use dicomleak::output::findings::{FindingRow, FindingsWriter};
    use dicomleak::output::parquet::{FileRow, FilesWriter};
    use dicomleak::phi::Finding;
    use dicomleak::phi::category::{Category, Detector, Subject, ValueState};
    use dicomleak::phi::grade::{Grade, Tier};
    use dicomleak::phi::markers::BurnedInRisk;
    use dicomleak::reader::Status;
    use dicomleak::reader::tag::Tag;
    use dicomleak::reader::vr::Vr;

    /// A pseudonym-shaped key for `n` in a domain (`domain` in the top bits).
    pub fn key(domain: u8, n: u64) -> String {
        // splitmix64, twice, so that keys look like HMAC output.
        let mix = |mut z: u64| {
            z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let hi = mix(n ^ (u64::from(domain) << 56));
        let lo = mix(hi ^ n);
        format!("{hi:016x}{lo:016x}")
    }

    /// One file's facts and grade, as the test wants them.
    pub struct Planned {
        pub patient: Option<u64>,
        pub person: Option<u64>,
        pub study: Option<u64>,
        pub instance: u64,
        pub sex: Option<&'static str>,
        pub birth_year: Option<i32>,
        pub institution: Option<String>,
        pub year_month: Option<String>,
        pub identifiability: f32,
        pub deid_claimed: bool,
    }

    pub fn row(file_id: u64, p: &Planned) -> FileRow {
        let error = std::io::Error::other("unused");
        let mut f = FileFacts::io_error(
            &PathBuf::from(format!("/archive/{file_id}.dcm")),
            Some(1000),
            &error,
        );
        f.status = Status::Ok;
        f.error = None;
        f.has_preamble = Some(true);
        f.preamble_kind = Some(dicomleak::facts::PreambleKind::Zero);
        f.modality = Some("CT".into());
        f.institution_name = p.institution.clone();
        f.study_year_month = p.year_month.clone();
        f.patient_sex = p.sex.map(str::to_owned);
        f.patient_birth_year = p.birth_year;
        f.study_key = p.study.map(|s| key(1, s));
        f.series_key = p.study.map(|s| key(2, s));
        f.instance_key = Some(key(3, p.instance));
        f.patient_key = p.patient.map(|x| key(4, x));
        f.person_key = p.person.map(|x| key(5, x));
        let direct = p.identifiability >= 1.0;
        let mut categories = vec![Category::Uid];
        if direct {
            categories.extend([Category::PatientName, Category::PatientId]);
        }
        let score = (70.0 * p.identifiability) as u8 + 8;
        let grade = Grade {
            phi_categories: categories,
            hipaa_identifiers: if direct { vec!['A', 'H'] } else { vec![] },
            has_direct_identifier: direct,
            identifiability: p.identifiability,
            score,
            tier: Tier::of(score),
            deid_claimed: p.deid_claimed,
            deid_consistent: !(p.deid_claimed && direct),
            burned_in_risk: BurnedInRisk::None,
            findings_count: 3,
        };
        FileRow {
            file_id,
            facts: f,
            grade: Some(grade),
        }
    }

    /// One finding of `file_id` at a top-level tag, with a value key when given.
    pub fn finding(
        file_id: u64,
        tag: Tag,
        vr: Vr,
        category: Category,
        value_key: Option<String>,
        private_creator: Option<&str>,
    ) -> FindingRow {
        let private = tag.group() % 2 == 1;
        FindingRow {
            file_id,
            finding: Finding {
                path: tag.to_string(),
                tag,
                keyword: "",
                vr,
                category,
                detector: if private {
                    Detector::Private
                } else {
                    Detector::Tag
                },
                kind: "attribute",
                state: ValueState::RealLooking,
                confidence: 0.9,
                shape: "text:8:latin".into(),
                value_key,
                hipaa: None,
                subject: Subject::Patient,
                direct: category == Category::PatientName,
                private_creator: private_creator.map(str::to_owned),
                safe_private: false,
                value: None,
            },
        }
    }

    /// Writes a scan output of `rows` and `findings` into `dir`, with a `run.json` naming
    /// `key_file`.
    pub fn scan_output(
        dir: &Path,
        rows: impl Iterator<Item = FileRow>,
        findings: impl Iterator<Item = FindingRow>,
        key_file: &str,
    ) {
        std::fs::create_dir_all(dir).expect("out dir");
        let mut w = FilesWriter::create(&dir.join("files.parquet"), false).expect("files");
        let mut batch = Vec::with_capacity(8192);
        for r in rows {
            batch.push(r);
            if batch.len() == 8192 {
                w.write_batch(&batch).expect("batch");
                batch.clear();
            }
        }
        w.write_batch(&batch).expect("batch");
        w.finish().expect("finish");
        let mut f = FindingsWriter::create(&dir.join("findings.parquet"), false).expect("findings");
        let mut batch = Vec::with_capacity(65536);
        for r in findings {
            batch.push(r);
            if batch.len() == 65536 {
                f.write_batch(&batch).expect("batch");
                batch.clear();
            }
        }
        f.write_batch(&batch).expect("batch");
        f.finish().expect("finish");
        let run = serde_json::json!({"version": "0.1.0", "key_file": key_file});
        std::fs::write(dir.join("run.json"), run.to_string()).expect("run.json");
    }
}

#[test]
fn quasi_identifier_cells_are_shown_only_from_five_patients() {
    let work = scratch("quasi");
    let out = work.join("out");
    // Six women born in 1970 at one hospital, and two men born in 1980 there.
    let plan = (0..8u64).map(|i| {
        let (sex, year) = if i < 6 { ("F", 1970) } else { ("M", 1980) };
        written::Planned {
            patient: Some(i),
            person: Some(i),
            study: Some(i),
            instance: i,
            sex: Some(sex),
            birth_year: Some(year),
            institution: Some("Big Hospital".into()),
            year_month: Some("2021-06".into()),
            identifiability: 1.0,
            deid_claimed: i == 0,
        }
    });
    written::scan_output(
        &out,
        plan.enumerate().map(|(id, p)| written::row(id as u64, &p)),
        std::iter::empty(),
        "k",
    );
    let r = report_json(&[&out], &work);
    let cells = r["quasi_identifiers"]["cells"].as_array().expect("cells");
    assert_eq!(cells.len(), 1, "{cells:?}");
    assert_eq!(
        cells[0],
        serde_json::json!({
            "sex": "F", "birth_year": 1970, "institution": "Big Hospital",
            "patients": {"lower": 6, "upper": 6}
        })
    );
    assert_eq!(r["quasi_identifiers"]["combinations_suppressed"], 1);
    assert_eq!(r["leaks"]["deidentification"]["failed"], 1);
    assert_eq!(r["leaks"]["deidentification"]["failed_share"], 1.0);
    assert_eq!(
        r["leaks"]["deidentification"]["by_institution"]["rows"][0]["name"],
        "Big Hospital"
    );
    assert_eq!(r["patients"]["directly_identified"]["lower"], 8);
}

#[test]
fn html_page_has_no_external_reference() {
    let work = scratch("html-offline");
    let (out1, out2) = scan_sites(&work);
    let (html, o) = report_html(&[&out1, &out2], &work);
    assert!(o.stdout.is_empty(), "--quiet prints no table");
    let page = std::fs::read_to_string(&html).expect("html");
    let lower = page.to_lowercase();
    for forbidden in [
        "http://", "https://", "=\"//", "='//", "<script", "<link", "@import", "url(", "<img",
        "<iframe", "<object", "<embed", "src=", "href=",
    ] {
        assert!(!lower.contains(forbidden), "the page holds {forbidden}");
    }
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<svg"), "charts are inline SVG");
    assert!(page.contains("@media print"));
    // Headline numbers come before the first chart.
    let headline = page.find("Patients directly identified").expect("headline");
    let first_chart = page.find("<svg").expect("chart");
    assert!(headline < first_chart);
    for chart in [
        "Files by tier",
        "Categories leaked",
        "Patients by institution",
        "Patients by study year",
        "De-identification claims that failed",
    ] {
        assert!(page.contains(chart), "chart {chart}");
    }
}

#[test]
fn html_page_renders_in_chromium_without_console_errors() {
    let Some(chromium) = ["chromium", "chromium-browser"].into_iter().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("skipped: chromium not installed");
        return;
    };
    let work = scratch("html-chromium");
    let (out1, out2) = scan_sites(&work);
    let (html, _) = report_html(&[&out1, &out2], &work);
    let profile = work.join("profile");
    let o = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("run chromium");
    let log = String::from_utf8_lossy(&o.stderr);
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "chromium failed:\n{log}");
    assert!(
        dom.contains("DICOM exposure report"),
        "rendered DOM:\n{dom}"
    );
    assert!(dom.contains("<svg"), "charts in the DOM");
    // Chromium logs every console message (`INFO:CONSOLE`, uncaught errors, failed
    // loads) with `:CONSOLE`; the page has no script, so there must be none.
    for line in log.lines() {
        assert!(
            !line.contains(":CONSOLE") && !line.contains("Uncaught"),
            "console message: {line}"
        );
    }

    // The render script makes a screenshot.
    let png = work.join("r.png");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/render_report.sh");
    let o = Command::new("bash")
        .arg(script)
        .arg(&html)
        .arg(&png)
        .output()
        .expect("run render_report.sh");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&png).expect("screenshot");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
}

#[test]
fn an_output_without_files_parquet_exits_2_and_says_to_scan_first() {
    let work = scratch("not-a-scan");
    let o = dicomleak(&[os("report"), work.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("files.parquet"), "{err}");
    assert!(err.contains("dicomleak scan"), "{err}");
    assert!(o.stdout.is_empty());

    let o = dicomleak(&[os("report")]);
    assert_eq!(o.status.code(), Some(2), "no input is a usage error");
}

#[test]
fn inputs_scanned_with_different_key_files_are_warned_about() {
    let work = scratch("two-keys");
    let row = |i: u64| {
        written::row(
            i,
            &written::Planned {
                patient: Some(i),
                person: Some(i),
                study: Some(i),
                instance: i,
                sex: None,
                birth_year: None,
                institution: None,
                year_month: None,
                identifiability: 1.0,
                deid_claimed: false,
            },
        )
    };
    let none = std::iter::empty;
    written::scan_output(&work.join("a"), (0..2).map(row), none(), "/keys/a.key");
    written::scan_output(&work.join("b"), (0..2).map(row), none(), "/keys/b.key");
    let o = dicomleak(&[
        os("report"),
        work.join("a").as_os_str(),
        work.join("b").as_os_str(),
        os("--json"),
        os("-"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("different key files"), "{err}");
    let r: Value = serde_json::from_slice(&o.stdout).expect("--json - prints JSON only");
    let warning = r["warnings"][0].as_str().expect("a warning");
    assert!(warning.contains("different key files"));
    assert!(!warning.contains("/keys/"), "key file paths are not shown");
}

#[test]
fn sample_data_report_counts_every_row() {
    let work = scratch("sample");
    let out = work.join("out");
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let o = dicomleak(&[
        os("scan"),
        sample.as_os_str(),
        os("-o"),
        out.as_os_str(),
        os("--quiet"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = common::read_parquet_as_text(&out.join("files.parquet")).len() as u64;
    let r = report_json(&[&out], &work);
    assert_eq!(int(&r, "files.total"), rows);
    let by_status: u64 = at(&r, "files.by_status")
        .as_object()
        .expect("object")
        .values()
        .filter_map(Value::as_u64)
        .sum();
    assert_eq!(by_status, rows);
    assert!(int(&r, "patients.directly_identified.lower") > 0);
}

/// Writes a 1,000,000-row scan output for `scripts/bench_report.sh` into
/// `$DICOMLEAK_BENCH_DIR` (default: `target/tmp/report-bench/out`).
///
/// 200,000 patients with 5 files each in one study of their own; every 10th file has no
/// patient attributes (joined by study), every 1,000th has patient data and nothing to
/// resolve it by, and every 100th patient's files after the first two are under a second
/// record number with the same name and birth date (joined by person key). About
/// 8,000,000 findings: eight per file with a patient module (name, ID, birth date, sex,
/// institution, three UIDs), an Other Patient ID in every 50th patient's files, and a
/// private-element name in every 20th file.
#[test]
#[ignore = "writes a 1,000,000-row scan for the report benchmark"]
fn generate_million_row_scan() {
    const FILES: u64 = 1_000_000;
    let out = std::env::var_os("DICOMLEAK_BENCH_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-bench/out"),
        PathBuf::from,
    );
    let _ = std::fs::remove_dir_all(&out);
    let institutions: Vec<String> = (0..50).map(|i| format!("Hospital {i:02}")).collect();
    let rows = (0..FILES).map(|i| {
        let p = i / 5;
        let keyless = i % 10 == 9;
        let loose = i % 1000 == 999;
        let second_mrn = p % 100 == 0 && i % 5 >= 2;
        let patient = (!keyless && !loose).then_some(if second_mrn { p + 10_000_000 } else { p });
        written::row(
            i,
            &written::Planned {
                patient,
                person: patient.map(|_| p),
                study: (!loose).then_some(p),
                instance: i,
                sex: Some(if p % 2 == 0 { "F" } else { "M" }),
                birth_year: Some(1930 + (p % 80) as i32),
                institution: Some(institutions[(p % 50) as usize].clone()),
                year_month: Some(format!("{}-{:02}", 2010 + p % 15, 1 + p % 12)),
                identifiability: if loose {
                    0.75
                } else if keyless {
                    0.5
                } else {
                    1.0
                },
                deid_claimed: p % 40 == 0,
            },
        )
    });
    let findings = (0..FILES).flat_map(|i| {
        use dicomleak::phi::category::Category;
        use dicomleak::reader::tag::Tag;
        use dicomleak::reader::vr::Vr;
        let p = i / 5;
        let with_patient = i % 10 != 9;
        let mut f = vec![
            written::finding(
                i,
                Tag::new(0x0008, 0x0018),
                Vr::UI,
                Category::Uid,
                None,
                None,
            ),
            written::finding(
                i,
                Tag::new(0x0008, 0x0080),
                Vr::LO,
                Category::Institution,
                None,
                None,
            ),
            written::finding(
                i,
                Tag::new(0x0020, 0x000D),
                Vr::UI,
                Category::Uid,
                None,
                None,
            ),
            written::finding(
                i,
                Tag::new(0x0020, 0x000E),
                Vr::UI,
                Category::Uid,
                None,
                None,
            ),
        ];
        if with_patient {
            let v = |domain| Some(written::key(domain, p));
            f.extend([
                written::finding(
                    i,
                    Tag::new(0x0010, 0x0010),
                    Vr::PN,
                    Category::PatientName,
                    v(6),
                    None,
                ),
                written::finding(
                    i,
                    Tag::new(0x0010, 0x0020),
                    Vr::LO,
                    Category::PatientId,
                    v(7),
                    None,
                ),
                written::finding(
                    i,
                    Tag::new(0x0010, 0x0030),
                    Vr::DA,
                    Category::BirthDate,
                    v(8),
                    None,
                ),
                written::finding(
                    i,
                    Tag::new(0x0010, 0x0040),
                    Vr::CS,
                    Category::Sex,
                    None,
                    None,
                ),
            ]);
        }
        if with_patient && p % 50 == 0 {
            f.push(written::finding(
                i,
                Tag::new(0x0010, 0x1000),
                Vr::LO,
                Category::PatientOtherId,
                Some(written::key(9, p)),
                None,
            ));
        }
        if i % 20 == 0 {
            f.push(written::finding(
                i,
                Tag::new(0x0009, 0x1010),
                Vr::LO,
                Category::PatientName,
                None,
                Some("ACME_PRIVATE_01"),
            ));
        }
        f
    });
    written::scan_output(&out, rows, findings, "bench.key");
    eprintln!("wrote {}", out.display());
}

//! `dicomleak scan` end to end: one row per input file, statuses, the Parquet file read
//! back, planted identifiers absent without `--reveal` and present with it, and the odd
//! inputs real archives hold (non-UTF-8 names, unreadable paths, symlink loops).

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::dicom::{EXPLICIT_LE, SC_STORAGE, el, part10, seq};

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("scan-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn scan(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dicomleak"))
        .arg("scan")
        .args(args)
        .output()
        .expect("run dicomleak")
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn rows(out: &Path) -> Vec<HashMap<String, Option<String>>> {
    common::read_parquet_as_text(&out.join("files.parquet"))
}

fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count()
}

#[test]
fn sample_data_scan_gives_one_row_per_file_with_the_manifest_statuses() {
    let work = scratch("sample");
    let out = work.join("out");
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let o = scan(&[sample.as_os_str(), os("-o"), out.as_os_str(), os("--quiet")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = rows(&out);
    assert_eq!(rows.len(), count_files(&sample));
    let mut manifest = csv::Reader::from_path(sample.join("manifest.csv")).expect("manifest");
    for rec in manifest.records() {
        let rec = rec.expect("row");
        let row = rows
            .iter()
            .find(|r| {
                r["path"]
                    .as_deref()
                    .is_some_and(|p| p.ends_with(&format!("/{}", &rec[0])))
            })
            .unwrap_or_else(|| panic!("row for {}", &rec[0]));
        assert_eq!(row["status"].as_deref(), Some(&rec[1]), "{}", &rec[0]);
    }
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).expect("run.json"))
            .expect("json");
    assert_eq!(run["files"], rows.len());
    assert!(
        work.join("out.key").is_file(),
        "key beside the output, not inside"
    );
}

#[test]
fn corpus_scan_statuses_agree_with_the_catalog() {
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let out = scratch("corpus").join("out");
    let files = dir.join("files");
    let o = scan(&[files.as_os_str(), os("-o"), out.as_os_str(), os("-q")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = rows(&out);
    let catalog = common::catalog(&dir);
    assert_eq!(rows.len(), catalog.len());
    let by_path: HashMap<String, String> = rows
        .iter()
        .map(|r| {
            (
                r["path"].clone().unwrap_or_default(),
                r["status"].clone().unwrap_or_default(),
            )
        })
        .collect();
    for row in &catalog {
        let path = dir.join(&row.path).display().to_string();
        assert_eq!(
            by_path.get(&path).map(String::as_str),
            Some(row.get("expected_status")),
            "{}",
            row.path
        );
    }
}

/// A Secondary Capture file carrying planted identifiers at the top level and nested.
fn planted_file() -> Vec<u8> {
    let nested = [el(0x0010, 0x0010, "PN", b"NESTEDPLANT^ALICE")].concat();
    let ds = [
        el(0x0008, 0x0005, "CS", b"ISO_IR 100"),
        el(0x0008, 0x0016, "UI", SC_STORAGE.as_bytes()),
        el(0x0008, 0x0018, "UI", b"1.2.826.0.1.3680043.99.424242"),
        el(0x0008, 0x0020, "DA", b"20190304"),
        el(0x0008, 0x0060, "CS", b"OT"),
        el(0x0008, 0x0080, "LO", b"Plantville General"),
        el(0x0010, 0x0010, "PN", b"PLANTEDNAME^ZEBEDEE"),
        el(0x0010, 0x0020, "LO", b"PLANTID987654"),
        el(0x0010, 0x0030, "DA", b"19471103"),
        el(0x0010, 0x0040, "CS", b"M"),
        seq(0x0010, 0x1002, &[nested]),
        el(0x0020, 0x000D, "UI", b"1.2.826.0.1.3680043.99.777001"),
        el(0x0020, 0x000E, "UI", b"1.2.826.0.1.3680043.99.777002"),
    ]
    .concat();
    part10(
        EXPLICIT_LE,
        SC_STORAGE,
        "1.2.826.0.1.3680043.99.424242",
        &ds,
    )
}

const PLANTED: &[&str] = &[
    "PLANTEDNAME",
    "ZEBEDEE",
    "NESTEDPLANT",
    "PLANTID987654",
    "19471103",
    "1.2.826.0.1.3680043.99.777001",
    "1.2.826.0.1.3680043.99.777002",
    "1.2.826.0.1.3680043.99.424242",
];

/// Everything a run leaves a user: every cell of files.parquet and findings.parquet,
/// run.json, stdout, stderr.
fn everything(out: &Path, o: &Output) -> String {
    let mut all = String::new();
    let findings = common::read_parquet_as_text(&out.join("findings.parquet"));
    for row in rows(out).into_iter().chain(findings) {
        for v in row.values().flatten() {
            all.push_str(v);
            all.push('\n');
        }
    }
    all.push_str(&std::fs::read_to_string(out.join("run.json")).expect("run.json"));
    all.push_str(&String::from_utf8_lossy(&o.stdout));
    all.push_str(&String::from_utf8_lossy(&o.stderr));
    all
}

#[test]
fn planted_identifiers_never_appear_without_reveal_and_do_with_it() {
    let work = scratch("planted");
    let input = work.join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::write(input.join("IMG0001"), planted_file()).expect("write");

    let out = work.join("safe");
    let o = scan(&[input.as_os_str(), os("-o"), out.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let all = everything(&out, &o);
    for planted in PLANTED {
        assert!(!all.contains(planted), "{planted} leaked without --reveal");
    }
    let row = &rows(&out)[0];
    assert_eq!(row["status"].as_deref(), Some("ok"));
    assert_eq!(row["patient_birth_year"].as_deref(), Some("1947"));
    assert_eq!(row["study_year_month"].as_deref(), Some("2019-03"));
    assert_eq!(
        row["institution_name"].as_deref(),
        Some("Plantville General")
    );
    assert!(row["patient_key"].as_deref().is_some_and(|k| k.len() == 32));
    assert!(!row.contains_key("patient_name"));
    assert_eq!(row["has_direct_identifier"].as_deref(), Some("true"));
    let findings = common::read_parquet_as_text(&out.join("findings.parquet"));
    assert!(
        findings
            .iter()
            .any(|f| f["path"].as_deref() == Some("(0010,1002)[0]/(0010,0010)"))
    );
    assert!(!findings[0].contains_key("value"));

    let revealed = work.join("revealed");
    let o = scan(&[
        input.as_os_str(),
        os("-o"),
        revealed.as_os_str(),
        os("--reveal"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let row = &rows(&revealed)[0];
    assert_eq!(row["patient_name"].as_deref(), Some("PLANTEDNAME^ZEBEDEE"));
    assert_eq!(row["patient_id"].as_deref(), Some("PLANTID987654"));
    assert_eq!(row["patient_birth_date"].as_deref(), Some("19471103"));
    assert_eq!(
        row["study_instance_uid"].as_deref(),
        Some("1.2.826.0.1.3680043.99.777001")
    );
    let findings = common::read_parquet_as_text(&revealed.join("findings.parquet"));
    assert!(
        findings
            .iter()
            .any(|f| f["value"].as_deref() == Some("NESTEDPLANT^ALICE"))
    );
}

#[test]
fn the_same_key_gives_the_same_pseudonyms_across_runs() {
    let work = scratch("samekey");
    let input = work.join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::write(input.join("a"), planted_file()).expect("write");
    let key = work.join("case.key");
    std::fs::write(&key, b"0123456789abcdef0123456789abcdef").expect("key");
    let keys = |out: &Path| {
        let o = scan(&[
            input.as_os_str(),
            os("-o"),
            out.as_os_str(),
            os("--key-file"),
            key.as_os_str(),
            os("-q"),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let row = rows(out).remove(0);
        (
            row["patient_key"].clone(),
            row["study_key"].clone(),
            row["person_key"].clone(),
        )
    };
    let first = keys(&work.join("o1"));
    assert!(first.0.is_some() && first.1.is_some() && first.2.is_some());
    assert_eq!(first, keys(&work.join("o2")));
    assert!(
        !work.join("o1.key").exists(),
        "no new key when one is given"
    );
}

#[cfg(unix)]
#[test]
fn odd_inputs_each_get_their_row() {
    use std::os::unix::ffi::OsStrExt;
    let work = scratch("odd");
    let input = work.join("in");
    std::fs::create_dir_all(input.join("sub")).expect("mkdir");
    // A file name that is not UTF-8.
    let latin1 = std::ffi::OsStr::from_bytes(b"M\xfcller.dcm");
    std::fs::write(input.join(latin1), planted_file()).expect("write");
    // A symlink loop and a dangling link (followed with --follow-symlinks).
    std::os::unix::fs::symlink(&input, input.join("sub/loop")).expect("symlink");
    std::os::unix::fs::symlink(work.join("nowhere"), input.join("dangling")).expect("symlink");
    let missing = work.join("does-not-exist");
    let out = work.join("out");
    let o = scan(&[
        input.as_os_str(),
        missing.as_os_str(),
        os("--follow-symlinks"),
        os("-o"),
        out.as_os_str(),
        os("-q"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = rows(&out);
    let status_of = |needle: &str| {
        rows.iter()
            .filter(|r| r["path"].as_deref().is_some_and(|p| p.contains(needle)))
            .map(|r| r["status"].clone().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(status_of("ller.dcm"), vec!["ok"]);
    assert_eq!(status_of("loop"), vec!["io_error"]);
    assert_eq!(status_of("dangling"), vec!["io_error"]);
    assert_eq!(status_of("does-not-exist"), vec!["io_error"]);
    // The non-UTF-8 name is stored exactly.
    let raw = rows
        .iter()
        .find_map(|r| r.get("path_bytes").cloned().flatten())
        .expect("path_bytes for the non-UTF-8 name");
    assert!(raw.contains("ller.dcm"));
    assert_eq!(rows.len(), 4);
}

#[test]
fn files_from_reads_a_nul_separated_list_from_stdin() {
    use std::io::Write;
    let work = scratch("filesfrom");
    std::fs::write(work.join("one"), planted_file()).expect("write");
    std::fs::write(work.join("two"), b"not dicom at all").expect("write");
    let out = work.join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dicomleak"))
        .args(["scan", "--files-from", "-", "-0", "-q", "-o"])
        .arg(&out)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut list = Vec::new();
    for name in ["one", "two"] {
        list.extend_from_slice(work.join(name).to_string_lossy().as_bytes());
        list.push(0);
    }
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&list)
        .expect("write list");
    assert!(child.wait().expect("wait").success());
    let mut statuses: Vec<String> = rows(&out)
        .iter()
        .filter_map(|r| r["status"].clone())
        .collect();
    statuses.sort();
    assert_eq!(statuses, vec!["not_dicom", "ok"]);
}

#[test]
fn fatal_errors_exit_2_with_a_message_that_says_what_to_do() {
    let o = scan(&[os("-q")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("PATH"));

    let work = scratch("fatal");
    let out = work.join("out");
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data/chrH32.dcm");
    assert!(
        scan(&[sample.as_os_str(), os("-o"), out.as_os_str(), os("-q")])
            .status
            .success()
    );
    let again = scan(&[sample.as_os_str(), os("-o"), out.as_os_str(), os("-q")]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--overwrite"));
    let o = scan(&[
        sample.as_os_str(),
        os("-o"),
        os("/proc/dicomleak-cannot-write"),
        os("-q"),
    ]);
    assert_eq!(o.status.code(), Some(2));

    // A missing key file: the message names the file and its cause, once each.
    let missing = work.join("no-such-key");
    let o = scan(&[
        sample.as_os_str(),
        os("-o"),
        work.join("out2").as_os_str(),
        os("--key-file"),
        missing.as_os_str(),
        os("-q"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        stderr.matches("cannot read key file").count(),
        1,
        "{stderr}"
    );
    assert_eq!(stderr.matches("No such file").count(), 1, "{stderr}");
}

/// A Secondary Capture file with no patient module, only the given text elements.
fn text_only_file(uid_suffix: &str, comments: &str) -> Vec<u8> {
    let uid = format!("1.2.826.0.1.3680043.99.5{uid_suffix}");
    let ds = [
        el(0x0008, 0x0016, "UI", SC_STORAGE.as_bytes()),
        el(0x0008, 0x0018, "UI", uid.as_bytes()),
        el(0x0008, 0x0060, "CS", b"OT"),
        el(0x0020, 0x4000, "LT", comments.as_bytes()),
    ]
    .concat();
    part10(EXPLICIT_LE, SC_STORAGE, &uid, &ds)
}

#[test]
fn a_patient_name_from_one_file_is_found_in_another_files_free_text() {
    let work = scratch("crossfile");
    let input = work.join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    let patient = [
        el(0x0008, 0x0016, "UI", SC_STORAGE.as_bytes()),
        el(0x0008, 0x0018, "UI", b"1.2.826.0.1.3680043.99.51"),
        el(0x0010, 0x0010, "PN", b"Quorvath^Elspeth"),
    ]
    .concat();
    std::fs::write(
        input.join("a"),
        part10(
            EXPLICIT_LE,
            SC_STORAGE,
            "1.2.826.0.1.3680043.99.51",
            &patient,
        ),
    )
    .expect("write");
    std::fs::write(
        input.join("b"),
        text_only_file("2", "Follow-up for Elspeth Quorvath in May"),
    )
    .expect("write");
    std::fs::write(
        input.join("c"),
        text_only_file("3", "Seen by Elspeth only, white matter normal"),
    )
    .expect("write");
    let out = work.join("out");
    let key = work.join("k.key");
    std::fs::write(&key, [9u8; 32]).expect("key");
    let o = scan(&[
        input.as_os_str(),
        os("-o"),
        out.as_os_str(),
        os("-q"),
        os("--key-file"),
        key.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = rows(&out);
    let row = |name: &str| {
        rows.iter()
            .find(|r| r["path"].as_deref().is_some_and(|p| p.ends_with(name)))
            .expect("row")
            .clone()
    };
    assert_eq!(row("/b")["has_direct_identifier"].as_deref(), Some("true"));
    assert_eq!(row("/b")["identifiability"].as_deref(), Some("1"));
    assert_eq!(row("/c")["has_direct_identifier"].as_deref(), Some("false"));
    let findings = common::read_parquet_as_text(&out.join("findings.parquet"));
    let b_id = row("/b")["file_id"].clone();
    assert!(
        findings
            .iter()
            .any(|f| f["file_id"] == b_id && f["kind"].as_deref() == Some("cross_file_name"))
    );
    assert!(
        !out.join(".name-pairs.tmp").exists(),
        "scratch file removed"
    );
    let cross = findings
        .iter()
        .find(|f| f["kind"].as_deref() == Some("cross_file_name"))
        .expect("cross-file finding");
    assert_eq!(cross["vr"].as_deref(), Some("LT"), "the element's own VR");
    assert!(cross["value_key"].as_ref().is_some_and(|k| k.len() == 32));
    assert!(
        !cross.contains_key("value"),
        "no value column without --reveal"
    );

    // With --reveal the finding holds the two words it matched, and the key is the same.
    let revealed = work.join("revealed");
    let o = scan(&[
        input.as_os_str(),
        os("-o"),
        revealed.as_os_str(),
        os("-q"),
        os("--reveal"),
        os("--key-file"),
        key.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let findings = common::read_parquet_as_text(&revealed.join("findings.parquet"));
    let shown = findings
        .iter()
        .find(|f| f["kind"].as_deref() == Some("cross_file_name"))
        .expect("cross-file finding");
    assert_eq!(shown["value"].as_deref(), Some("Elspeth Quorvath"));
    assert_eq!(shown["value_key"], cross["value_key"]);
}

#[test]
fn no_score_makes_the_same_inventory_without_findings_or_grades() {
    let work = scratch("no-score");
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let key = work.join("k.key");
    std::fs::write(&key, [7u8; 32]).expect("key");
    let scored = work.join("scored");
    let inventory = work.join("inventory");
    for (out, extra) in [(&scored, None), (&inventory, Some("--no-score"))] {
        let mut args = vec![
            sample.as_os_str(),
            os("-o"),
            out.as_os_str(),
            os("--key-file"),
            key.as_os_str(),
            os("--quiet"),
        ];
        args.extend(extra.map(os));
        let o = scan(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert!(scored.join("findings.parquet").is_file());
    assert!(!inventory.join("findings.parquet").exists());
    let by_path = |out: &Path| {
        let mut r = rows(out);
        r.sort_by(|a, b| a["path"].cmp(&b["path"]));
        r
    };
    let (a, b) = (by_path(&scored), by_path(&inventory));
    assert_eq!(a.len(), b.len());
    let mut graded = 0;
    for (x, y) in a.iter().zip(&b) {
        for column in ["path", "status", "patient_key", "study_key", "instance_key"] {
            assert_eq!(x[column], y[column], "{column} of {:?}", x["path"]);
        }
        graded += usize::from(x["tier"].is_some());
        assert_eq!(y["tier"], None, "{:?} graded without scoring", y["path"]);
        assert_eq!(y["score"], None);
    }
    assert!(graded > 0, "the scored run graded files");
    let run: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(inventory.join("run.json")).expect("run.json"),
    )
    .expect("json");
    assert_eq!(run["scored"], false);
    assert!(run["outputs"].get("findings").is_none());

    let report = Command::new(env!("CARGO_BIN_EXE_dicomleak"))
        .args([os("report"), inventory.as_os_str()])
        .output()
        .expect("run report");
    assert!(report.status.success());
    let text = String::from_utf8_lossy(&report.stdout).into_owned()
        + &String::from_utf8_lossy(&report.stderr);
    assert!(text.contains("--no-score"), "report warns: {text}");
}

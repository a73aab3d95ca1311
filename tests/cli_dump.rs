//! `dicomleak dump` end to end: one JSON object per call, exit code 0 whenever it printed.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample_data")
        .join(name)
}

fn dump(path: &std::path::Path) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_dicomleak"))
        .arg("dump")
        .arg(path)
        .output()
        .expect("run dicomleak");
    let text = String::from_utf8(out.stdout).expect("utf-8 JSON");
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (out.status.code().unwrap_or(-1), value)
}

#[test]
fn dump_prints_the_dicom_json_model_with_the_required_keys_in_order() {
    let (code, v) = dump(&sample("CT_small.dcm"));
    assert_eq!(code, 0);
    let keys: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(|k| k.as_str())
        .collect();
    let required = [
        "path",
        "status",
        "error",
        "has_preamble",
        "transfer_syntax",
        "meta",
        "dataset",
    ];
    let positions: Vec<usize> = required
        .iter()
        .map(|k| {
            keys.iter()
                .position(|x| x == k)
                .unwrap_or_else(|| panic!("missing {k}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    assert_eq!(v["status"], "ok");
    assert_eq!(v["transfer_syntax"], "1.2.840.10008.1.2.1");
    // PS3.18 F.2.2: PN as an object of groups; keys GGGGEEEE; vr on every element.
    assert_eq!(v["dataset"]["00100010"]["vr"], "PN");
    assert_eq!(
        v["dataset"]["00100010"]["Value"][0]["Alphabetic"],
        "CompressedSamples^CT1"
    );
    assert_eq!(v["dataset"]["00080060"]["Value"][0], "CT");
    // IS and DS are JSON numbers (F.2.3).
    assert!(v["dataset"]["00280010"]["Value"][0].is_number());
    // Bulk data is left out, and the read stopped before pixel data.
    assert!(v["dataset"].get("7FE00010").is_none());
    assert!(v["meta"]["00020001"].get("Value").is_none());
}

#[test]
fn dump_shows_sequences_as_arrays_of_items() {
    let (_, v) = dump(&sample("test-SR.dcm"));
    let content = &v["dataset"]["0040A730"];
    assert_eq!(content["vr"], "SQ");
    let items = content["Value"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(items[0].as_object().expect("item").contains_key("0040A010"));
}

#[test]
fn dump_decodes_iso_2022_japanese_names_into_three_groups() {
    let (_, v) = dump(&sample("chrH32.dcm"));
    let pn = &v["dataset"]["00100010"]["Value"][0];
    assert_eq!(pn["Alphabetic"], "ﾔﾏﾀﾞ^ﾀﾛｳ");
    assert_eq!(pn["Ideographic"], "山田^太郎");
    assert_eq!(pn["Phonetic"], "やまだ^たろう");
}

#[test]
fn dump_of_a_truncated_file_prints_the_status_and_where_it_ends() {
    let (code, v) = dump(&sample("trunc_mid_patient_name_MR_small.dcm"));
    assert_eq!(code, 0);
    assert_eq!(v["status"], "truncated");
    let error = v["error"].as_str().expect("error text");
    assert!(
        error.contains("offset") && error.contains("(0010,0010)"),
        "{error}"
    );
}

#[test]
fn dump_of_a_missing_file_prints_an_io_error_object() {
    let (code, v) = dump(&sample("no such file"));
    assert_eq!(code, 0);
    assert_eq!(v["status"], "io_error");
    assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()));
}

#[test]
fn dump_of_a_file_that_is_not_dicom_says_so() {
    let (code, v) = dump(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
    assert_eq!(code, 0);
    assert_eq!(v["status"], "not_dicom");
}

#[test]
fn dump_of_a_named_pipe_says_it_is_no_file_instead_of_waiting_for_a_writer() {
    let dir = std::env::temp_dir().join(format!("dicomleak-dump-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let fifo = dir.join("pipe");
    let _ = std::fs::remove_file(&fifo);
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dicomleak"))
        .arg("dump")
        .arg(&fifo)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run dicomleak");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("dump blocked on a named pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["status"], "io_error");
    let _ = std::fs::remove_dir_all(&dir);
}

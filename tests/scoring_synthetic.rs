//! Scoring measured on the synthetic set (tests/common/synth.rs): recall of files with a
//! direct identifier, false positives on controls, markers, burned-in risk, and that no
//! planted value leaves the process without `--reveal`.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

use common::synth::{SynthFile, synthetic_set, write_set};

struct Scanned {
    set: Vec<SynthFile>,
    rows: HashMap<String, HashMap<String, Option<String>>>,
    everything: String,
}

fn scan_synthetic(name: &str) -> Scanned {
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("scoring-{name}"));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("scratch");
    write_set(&work).expect("write set");
    let out = work.join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_dicomleak"))
        .arg("scan")
        .arg(work.join("files"))
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run dicomleak");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = common::read_parquet_as_text(&out.join("files.parquet"));
    let findings = common::read_parquet_as_text(&out.join("findings.parquet"));
    let mut everything = String::new();
    for row in files.iter().chain(&findings) {
        for v in row.values().flatten() {
            everything.push_str(v);
            everything.push('\n');
        }
    }
    everything.push_str(&std::fs::read_to_string(out.join("run.json")).expect("run.json"));
    everything.push_str(&String::from_utf8_lossy(&o.stdout));
    everything.push_str(&String::from_utf8_lossy(&o.stderr));
    let rows = files
        .into_iter()
        .map(|r| {
            let path = r["path"].clone().unwrap_or_default();
            let name = path.rsplit('/').next().unwrap_or_default().to_owned();
            (name, r)
        })
        .collect();
    Scanned {
        set: synthetic_set(),
        rows,
        everything,
    }
}

fn flag(row: &HashMap<String, Option<String>>, column: &str) -> bool {
    row[column].as_deref() == Some("true")
}

#[test]
fn direct_identifiers_are_found_with_high_recall_and_few_false_positives() {
    let s = scan_synthetic("recall");
    let (mut positives, mut found, mut controls, mut false_positives) = (0, 0, 0, 0);
    let (mut missed, mut wrong) = (Vec::new(), Vec::new());
    for f in &s.set {
        let row = &s.rows[&f.name];
        let flagged = flag(row, "has_direct_identifier");
        if f.truth.has_direct_identifier {
            positives += 1;
            if flagged {
                found += 1;
            } else {
                missed.push(common::synth::describe(f));
            }
        }
        if f.truth.control {
            controls += 1;
            if flagged {
                false_positives += 1;
                wrong.push(common::synth::describe(f));
            }
        }
    }
    let recall = f64::from(found) / f64::from(positives);
    let fp_rate = f64::from(false_positives) / f64::from(controls);
    eprintln!(
        "recall {found}/{positives} = {recall:.3}; false positives {false_positives}/{controls} = {fp_rate:.3}"
    );
    assert!(
        recall >= 0.98,
        "recall {recall:.3}; missed:\n{}\nflagged controls:\n{}",
        missed.join("\n"),
        wrong.join("\n")
    );
    assert!(
        fp_rate <= 0.02,
        "false positive rate {fp_rate:.3}; flagged controls:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn a_street_address_is_the_patients_in_free_text_and_the_institutions_in_its_address() {
    let s = scan_synthetic("addresses");
    let direct = |name: &str| {
        let f = s
            .set
            .iter()
            .find(|f| f.name.ends_with(name))
            .unwrap_or_else(|| panic!("{name} is in the set"));
        flag(&s.rows[&f.name], "has_direct_identifier")
    };
    assert!(direct("text_street_address"));
    assert!(!direct("text_institution_address"));
}

#[test]
fn de_identification_claims_and_burned_in_risk_match_the_truth() {
    let s = scan_synthetic("markers");
    let mut mismatches = Vec::new();
    for f in &s.set {
        let row = &s.rows[&f.name];
        if flag(row, "deid_claimed") != f.truth.deid_claimed {
            mismatches.push(format!("deid_claimed: {}", common::synth::describe(f)));
        }
        if f.truth.leaks_despite_claim && flag(row, "deid_consistent") {
            mismatches.push(format!("deid_consistent: {}", common::synth::describe(f)));
        }
        if row["burned_in_risk"].as_deref() != Some(f.truth.burned_in) {
            mismatches.push(format!(
                "burned_in_risk {:?}: {}",
                row["burned_in_risk"],
                common::synth::describe(f)
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn no_planted_value_appears_in_any_output_without_reveal() {
    let s = scan_synthetic("privacy");
    // Institution and station names are columns of files.parquet by design: not persons.
    let institutions: Vec<String> = s
        .rows
        .values()
        .flat_map(|r| [r["institution_name"].clone(), r["station_name"].clone()])
        .flatten()
        .collect();
    let mut leaked = Vec::new();
    for f in &s.set {
        for v in &f.truth.planted_values {
            if v.chars().count() < 4 || institutions.iter().any(|i| i.contains(v.as_str())) {
                continue;
            }
            if s.everything.contains(v.as_str()) {
                leaked.push(format!("{} ({} chars)", f.name, v.chars().count()));
            }
        }
    }
    assert!(
        leaked.is_empty(),
        "planted values in the output: {leaked:?}"
    );
}

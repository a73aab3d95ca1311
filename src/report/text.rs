//! [`Report`] -> the compact table printed on the terminal.
//!
//! Deterministic: the same inputs give the same bytes (no times, no paths), rows in the
//! report's order (counts descending, then name), so the output can be diffed and
//! snapshot-tested. Values read from files (institution, manufacturer names) are printed
//! with control characters replaced, so a hostile name cannot move the cursor or recolour
//! the terminal, and cut to `NAME_WIDTH` characters.

use std::fmt::Write as _;

use super::{NameCount, PatientCell, Ranked, Report, privacy::MIN_PATIENTS_SHOWN};

/// Widest name shown in a table column.
const NAME_WIDTH: usize = 36;

/// The terminal rendering of `report`.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    header(&mut out, report);
    files(&mut out, report);
    patients(&mut out, report);
    leaks(&mut out, report);
    context(&mut out, report);
    if !report.warnings.is_empty() {
        out.push_str("\nWARNINGS\n");
        for w in &report.warnings {
            let _ = writeln!(out, "  ! {w}");
        }
    }
    out
}

fn header(out: &mut String, r: &Report) {
    let inputs = r.inputs.len();
    let _ = writeln!(
        out,
        "dicomleak report: {} input{}, {} files",
        inputs,
        if inputs == 1 { "" } else { "s" },
        r.files.total
    );
}

fn files(out: &mut String, r: &Report) {
    let f = &r.files;
    out.push_str("\nFILES\n");
    let statuses: Vec<String> = f
        .by_status
        .iter()
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    let _ = writeln!(out, "  {} files, {} bytes", f.total, f.bytes);
    let _ = writeln!(out, "  status: {}", statuses.join(", "));
    let _ = writeln!(
        out,
        "  DICOM {}, graded {}, duplicate instances {} ({} across inputs)",
        f.dicom, f.graded, f.duplicate_instances, f.duplicate_instances_across_inputs
    );
    let _ = writeln!(
        out,
        "  studies {}, series {}, instances {}",
        r.studies, r.series, r.instances
    );
}

fn patients(out: &mut String, r: &Report) {
    let p = &r.patients;
    out.push_str("\nPATIENTS\n");
    let mut t = Table::new(&["", "lower", "upper"]);
    let bound = |name: &str, b: super::Bounds| {
        vec![name.to_owned(), b.lower.to_string(), b.upper.to_string()]
    };
    t.row(bound("directly identified", p.directly_identified));
    t.row(bound("identifiable (>= 0.5)", p.identifiable));
    t.row(bound("with patient data", p.with_patient_data));
    t.write(out);
    let _ = writeln!(
        out,
        "  unresolved records (not people): {} ({} identifiable)",
        p.unresolved_records, p.unresolved_records_identifiable
    );
    let l = &r.identity.links;
    let _ = writeln!(
        out,
        "  links: patient_key {}, other_patient_id {}, person_key {}, study {}",
        l.patient_key, l.other_patient_id, l.person_key, l.study
    );
    let ph = &r.identity.placeholders;
    let _ = writeln!(
        out,
        "  not linked: placeholder patient keys {}, person keys {}, other IDs {}; \
         placeholder values {}; person keys without birth year {}",
        ph.patient_keys,
        ph.person_keys,
        ph.other_patient_ids,
        ph.placeholder_values,
        ph.person_keys_without_birth_year
    );
}

fn leaks(out: &mut String, r: &Report) {
    let l = &r.leaks;
    out.push_str("\nWHAT LEAKED\n");
    let mut t = Table::new(&["category", "files", "patients"]);
    for row in &l.categories {
        t.row(vec![
            row.name.clone(),
            row.files.to_string(),
            cell(row.patients),
        ]);
    }
    t.write(out);
    let mut t = Table::new(&["HIPAA identifier", "files", "patients"]);
    for row in &l.hipaa {
        let name = format!("{} {}", row.name, hipaa_name(&row.name));
        t.row(vec![name, row.files.to_string(), cell(row.patients)]);
    }
    t.write(out);
    let _ = writeln!(out, "  tiers: {}", inline(&l.tiers));
    let d = &l.deidentification;
    match d.failed_share {
        None => out.push_str("  de-identification: claimed by no file\n"),
        Some(share) => {
            let _ = writeln!(
                out,
                "  de-identification claimed by {} files, failed in {} ({}), patients {}",
                d.claimed,
                d.failed,
                percent(share),
                cell(d.failed_patients)
            );
            let mut t = Table::new(&["  institution", "claimed", "failed", "share"]);
            for row in &d.by_institution.rows {
                t.row(vec![
                    format!("  {}", name(row.name.as_deref())),
                    row.claimed.to_string(),
                    row.failed.to_string(),
                    percent(row.failed_share),
                ]);
            }
            t.write(out);
            more(
                out,
                d.by_institution.more.as_ref(),
                "institutions",
                "claims",
            );
        }
    }
    let _ = writeln!(out, "  burned-in risk: {}", inline(&l.burned_in_risk));
    match &l.private_tags {
        None => out.push_str("  private-tag findings: not known (no findings.parquet)\n"),
        Some(p) => {
            let _ = writeln!(
                out,
                "  private-tag findings: {} in {} files ({} leaking){}",
                p.findings,
                p.files,
                p.leaking_findings,
                if p.by_creator.rows.is_empty() {
                    String::new()
                } else {
                    format!("; by creator: {}", inline_ranked(&p.by_creator))
                }
            );
        }
    }
    let _ = writeln!(
        out,
        "  preambles: {}; polyglot files {}",
        inline(&l.preambles),
        l.polyglot_files
    );
}

fn context(out: &mut String, r: &Report) {
    out.push_str("\nINSTITUTIONS\n");
    let mut t = Table::new(&["institution", "files", "studies", "patients"]);
    for row in &r.institutions.rows {
        t.row(vec![
            name(row.name.as_deref()),
            row.files.to_string(),
            row.studies.to_string(),
            cell(row.patients),
        ]);
    }
    t.write(out);
    more(out, r.institutions.more.as_ref(), "institutions", "files");

    out.push_str("\nSTUDY YEARS\n");
    let mut t = Table::new(&["year", "files", "studies", "patients"]);
    for row in &r.study_years {
        let year = row
            .year
            .map_or_else(|| "(absent)".to_owned(), |y| y.to_string());
        t.row(vec![
            year,
            row.files.to_string(),
            row.studies.to_string(),
            cell(row.patients),
        ]);
    }
    t.write(out);

    out.push('\n');
    let _ = writeln!(out, "modalities: {}", inline_ranked(&r.modalities));
    let _ = writeln!(out, "character sets: {}", inline_ranked(&r.character_sets));
    let _ = writeln!(out, "manufacturers: {}", inline_ranked(&r.manufacturers));

    let q = &r.quasi_identifiers;
    let _ = writeln!(
        out,
        "\nQUASI-IDENTIFIERS (sex x birth year x institution, cells of {MIN_PATIENTS_SHOWN}+ patients): \
         {} shown, {} suppressed",
        q.cells.len(),
        q.combinations_suppressed
    );
    if !q.cells.is_empty() {
        let mut t = Table::new(&["sex", "birth year", "institution", "patients"]);
        for c in &q.cells {
            t.row(vec![
                name(c.sex.as_deref()),
                c.birth_year
                    .map_or_else(|| "(absent)".to_owned(), |y| y.to_string()),
                name(c.institution.as_deref()),
                cell(c.patients),
            ]);
        }
        t.write(out);
    }
}

/// A patient cell as `lower-upper`, `<5` where suppressed.
fn cell(c: PatientCell) -> String {
    c.text()
}

/// A share as a percentage with one decimal.
pub(crate) fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A value read from a file, safe to print: control characters replaced, cut to
/// `NAME_WIDTH` characters; `(absent)` for `None`.
pub(crate) fn name(value: Option<&str>) -> String {
    let Some(v) = value else {
        return "(absent)".to_owned();
    };
    let mut s: String = v
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .take(NAME_WIDTH + 1)
        .collect();
    if s.chars().count() > NAME_WIDTH {
        s = s.chars().take(NAME_WIDTH - 1).collect();
        s.push('…');
    }
    if s.is_empty() {
        s.push_str("(empty)");
    }
    s
}

/// `name count, name count` for a short fixed list.
fn inline(rows: &[NameCount]) -> String {
    rows.iter()
        .map(|r| format!("{} {}", name(r.name.as_deref()), r.files))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `name count, ...` for a ranked list, with what it left out.
fn inline_ranked(r: &Ranked<NameCount>) -> String {
    let mut s = inline(&r.rows);
    if let Some(m) = r.more {
        let _ = write!(s, ", {} more {}", m.entries, m.files);
    }
    if s.is_empty() {
        s.push_str("none");
    }
    s
}

fn more(out: &mut String, m: Option<&super::More>, what: &str, counted: &str) {
    if let Some(m) = m {
        let _ = writeln!(
            out,
            "  ... {} more {what} ({} {counted})",
            m.entries, m.files
        );
    }
}

/// The short name of a HIPAA Safe Harbor identifier, 45 CFR 164.514(b)(2)(i)(A)-(R).
pub(crate) fn hipaa_name(letter: &str) -> &'static str {
    match letter {
        "A" => "names",
        "B" => "geographic subdivisions smaller than a state",
        "C" => "dates (except year)",
        "D" => "telephone numbers",
        "E" => "fax numbers",
        "F" => "e-mail addresses",
        "G" => "social security numbers",
        "H" => "medical record numbers",
        "I" => "health plan beneficiary numbers",
        "J" => "account numbers",
        "K" => "certificate/license numbers",
        "L" => "vehicle identifiers",
        "M" => "device identifiers",
        "N" => "web URLs",
        "O" => "IP addresses",
        "P" => "biometric identifiers",
        "Q" => "full-face photographs",
        "R" => "other unique identifying numbers",
        _ => "",
    }
}

/// A table with a left-aligned first column and right-aligned others, indented two
/// spaces.
struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(headers: &[&str]) -> Table {
        Table {
            rows: vec![headers.iter().map(|h| (*h).to_owned()).collect()],
        }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn write(&self, out: &mut String) {
        if self.rows.len() < 2 {
            return;
        }
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let width = |c: usize| {
            self.rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..columns).map(width).collect();
        for row in &self.rows {
            let mut line = String::from("  ");
            for (c, cell) in row.iter().enumerate() {
                let pad = widths[c] - cell.chars().count();
                if c == 0 {
                    line.push_str(cell);
                    line.extend(std::iter::repeat_n(' ', pad));
                } else {
                    line.push_str("  ");
                    line.extend(std::iter::repeat_n(' ', pad));
                    line.push_str(cell);
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_files_lose_control_characters_and_are_cut() {
        assert_eq!(name(Some("St\x1b[31mJude")), "St\u{FFFD}[31mJude");
        assert_eq!(name(None), "(absent)");
        let long = "x".repeat(50);
        assert_eq!(name(Some(&long)).chars().count(), NAME_WIDTH);
    }

    #[test]
    fn tables_align_the_first_column_left_and_the_rest_right() {
        let mut t = Table::new(&["name", "n"]);
        t.row(vec!["a".into(), "10".into()]);
        t.row(vec!["longer".into(), "2".into()]);
        let mut out = String::new();
        t.write(&mut out);
        assert_eq!(out, "  name     n\n  a       10\n  longer   2\n");
    }
}

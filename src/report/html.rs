//! [`Report`] -> one self-contained HTML page: inline CSS and inline SVG bar charts, no
//! script, no font, no image, no link, nothing fetched. It opens from a USB stick on an
//! offline machine, can be mailed as one file, and prints on A4 (`@media print`).
//!
//! Order: the headline numbers first (people, as bounds; files; failed de-identification
//! claims), then the charts (files by tier, categories leaked, patients by institution and
//! by study year, failed de-identification claims), then the detail tables and a short
//! note on the method. Every value read from a file (institution and manufacturer names)
//! is HTML-escaped.

use std::fmt::Write as _;

use super::privacy::MIN_PATIENTS_SHOWN;
use super::text::{hipaa_name, percent};
use super::{Bounds, NameCount, PatientCell, Ranked, Report, Shown};

/// Width of a chart, in CSS pixels (fits A4 portrait at the print scale).
const CHART_WIDTH: u32 = 720;
/// Width of the label column of a chart.
const LABEL_WIDTH: u32 = 270;
/// Width of the value column after the bars.
const VALUE_WIDTH: u32 = 90;
/// Height of one bar row.
const ROW_HEIGHT: u32 = 22;

const STYLE: &str = r#"
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bar: #2f5f8a; --bar-light: #a9c4de; --bad: #b42318; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.4; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.15em; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
p.meta, .note, figcaption { color: var(--muted); font-size: 0.9em; }
.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 12px; margin-top: 16px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card .label { display: block; font-size: 0.85em; color: var(--muted); }
.card .value { display: block; font-size: 1.9em; font-weight: 650; font-variant-numeric: tabular-nums; }
.card.key { border-color: var(--bar); border-width: 2px; }
.card.bad .value { color: var(--bad); }
figure { margin: 0; }
svg { display: block; max-width: 100%; height: auto; font-size: 12px; }
svg text { fill: var(--ink); }
svg .muted { fill: var(--muted); }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 0.92em; }
th, td { padding: 3px 10px 3px 0; text-align: right; font-variant-numeric: tabular-nums; border-bottom: 1px solid var(--line); }
th:first-child, td:first-child { text-align: left; }
th { color: var(--muted); font-weight: 600; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 0 28px; }
.warnings { border-left: 4px solid var(--bad); padding: 6px 12px; background: #fff5f5; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .headline { grid-template-columns: repeat(3, 1fr); }
  section, figure, table, .card { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"#;

/// The page for `report`, stamped with `generated_at`.
pub fn render(report: &Report, generated_at: &str) -> String {
    let mut out = String::with_capacity(32 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>dicomleak report</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    let _ = writeln!(
        out,
        "<header><h1>DICOM exposure report</h1><p class=\"meta\">dicomleak {} &middot; \
         generated {} &middot; {} input{} &middot; {} files</p></header>",
        env!("CARGO_PKG_VERSION"),
        esc(generated_at),
        report.inputs.len(),
        if report.inputs.len() == 1 { "" } else { "s" },
        thousands(report.files.total)
    );
    warnings(&mut out, report);
    headline(&mut out, report);
    charts(&mut out, report);
    details(&mut out, report);
    method(&mut out);
    out.push_str("</body>\n</html>\n");
    out
}

fn warnings(out: &mut String, r: &Report) {
    if r.warnings.is_empty() {
        return;
    }
    out.push_str("<section class=\"warnings\"><strong>Warnings</strong><ul>");
    for w in &r.warnings {
        let _ = write!(out, "<li>{}</li>", esc(w));
    }
    out.push_str("</ul></section>\n");
}

fn card(out: &mut String, class: &str, label: &str, value: &str, note: &str) {
    let _ = writeln!(
        out,
        "<div class=\"card {class}\"><span class=\"label\">{}</span><span class=\"value\">{}</span>\
         <span class=\"note\">{}</span></div>",
        esc(label),
        esc(value),
        esc(note)
    );
}

fn range(b: Bounds) -> String {
    if b.lower == b.upper {
        thousands(b.lower)
    } else {
        format!("{} \u{2013} {}", thousands(b.lower), thousands(b.upper))
    }
}

fn headline(out: &mut String, r: &Report) {
    let p = &r.patients;
    out.push_str("<section class=\"headline\">\n");
    card(
        out,
        "key",
        "Patients directly identified",
        &range(p.directly_identified),
        "lower \u{2013} upper bound; a file names them",
    );
    card(
        out,
        "key",
        "Patients identifiable",
        &range(p.identifiable),
        "identifiability 0.5 or more",
    );
    card(
        out,
        "",
        "Unresolved records",
        &thousands(p.unresolved_records),
        "patient data without any key: records, not people",
    );
    card(
        out,
        "",
        "Files scanned",
        &thousands(r.files.total),
        &format!(
            "{} DICOM, {}",
            thousands(r.files.dicom),
            bytes(r.files.bytes)
        ),
    );
    card(
        out,
        "",
        "Studies",
        &thousands(r.studies),
        &format!(
            "{} series, {} instances; {} duplicate instances ({} across inputs)",
            thousands(r.series),
            thousands(r.instances),
            thousands(r.files.duplicate_instances),
            thousands(r.files.duplicate_instances_across_inputs)
        ),
    );
    let d = &r.leaks.deidentification;
    let (class, value, note) = match d.failed_share {
        None => (
            "",
            "0".to_owned(),
            "no file claims de-identification".to_owned(),
        ),
        Some(share) => (
            if d.failed > 0 { "bad" } else { "" },
            thousands(d.failed),
            format!(
                "of {} files claiming it ({})",
                thousands(d.claimed),
                percent(share)
            ),
        ),
    };
    card(out, class, "Failed de-identification claims", &value, &note);
    out.push_str("</section>\n");
}

fn charts(out: &mut String, r: &Report) {
    let l = &r.leaks;
    section(out, "Files by tier");
    let tiers: Vec<Bar> = l
        .tiers
        .iter()
        .map(|t| Bar::files(label(t.name.as_deref()), t.files))
        .collect();
    chart(out, "Files by tier", &tiers, tier_colour);

    section(out, "Categories leaked");
    let cats: Vec<Bar> = l
        .categories
        .iter()
        .map(|c| Bar::files(c.name.clone(), c.files))
        .collect();
    chart(out, "Files leaking each category", &cats, |_| "var(--bar)");
    caption(
        out,
        "Files with at least one real-looking value of the category.",
    );

    section(out, "Patients by institution");
    let inst: Vec<Bar> = r
        .institutions
        .rows
        .iter()
        .map(|i| Bar::patients(label(i.name.as_deref()), i.patients))
        .collect();
    chart(out, "Patients by institution", &inst, |_| "var(--bar)");
    caption(out, &patients_caption());

    section(out, "Patients by study year");
    let years: Vec<Bar> = r
        .study_years
        .iter()
        .map(|y| {
            let name = y
                .year
                .map_or_else(|| "(absent)".to_owned(), |y| y.to_string());
            Bar::patients(name, y.patients)
        })
        .collect();
    chart(out, "Patients by study year", &years, |_| "var(--bar)");
    caption(out, &patients_caption());

    section(out, "De-identification claims that failed");
    let d = &l.deidentification;
    if d.claimed == 0 {
        out.push_str("<p class=\"note\">No file claims de-identification.</p>\n");
    } else {
        let rows: Vec<Bar> = d
            .by_institution
            .rows
            .iter()
            .map(|row| Bar {
                label: label(row.name.as_deref()),
                dark: row.failed,
                light: row.claimed,
                text: format!("{} / {}", row.failed, row.claimed),
            })
            .collect();
        chart(
            out,
            "Failed of claimed, per institution",
            &rows,
            |_| "var(--bad)",
        );
        caption(
            out,
            &format!(
                "Dark: files that claim de-identification (Patient Identity Removed YES or a \
                 method given) and still leak a direct identifier; light: all files claiming it. \
                 Patients in failed files: {}.",
                esc(&d.failed_patients.text())
            ),
        );
    }
}

fn patients_caption() -> String {
    format!(
        "Dark bar: lower bound (every link trusted); light bar: upper bound (strong keys \
         only). Counts of 1 to {} patients are shown as &lt;{} and not drawn.",
        MIN_PATIENTS_SHOWN - 1,
        MIN_PATIENTS_SHOWN
    )
}

fn section(out: &mut String, title: &str) {
    let _ = writeln!(out, "<h2>{}</h2>", esc(title));
}

fn caption(out: &mut String, html: &str) {
    let _ = writeln!(out, "<p class=\"note\">{html}</p>");
}

/// One bar of a chart: a dark length over a light one, and the text after them.
struct Bar {
    label: String,
    dark: u64,
    light: u64,
    text: String,
}

impl Bar {
    fn files(label: String, files: u64) -> Bar {
        Bar {
            label,
            dark: files,
            light: 0,
            text: thousands(files),
        }
    }

    /// Bounds as a dark lower bar over a light upper bar; a suppressed bound is not drawn.
    fn patients(label: String, cell: PatientCell) -> Bar {
        let drawn = |s: Shown| s.count().unwrap_or(0);
        Bar {
            label,
            dark: drawn(cell.lower()),
            light: drawn(cell.upper()),
            text: cell.text(),
        }
    }
}

/// A horizontal bar chart as inline SVG.
fn chart(out: &mut String, title: &str, bars: &[Bar], colour: impl Fn(&str) -> &'static str) {
    if bars.is_empty() {
        out.push_str("<p class=\"note\">Nothing to show.</p>\n");
        return;
    }
    let height = ROW_HEIGHT * bars.len() as u32 + 8;
    let span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let max = bars
        .iter()
        .map(|b| b.dark.max(b.light))
        .max()
        .unwrap_or(0)
        .max(1);
    let len = |n: u64| -> u64 {
        if n == 0 {
            return 0;
        }
        (n * u64::from(span)).div_ceil(max).max(1)
    };
    let _ = writeln!(
        out,
        "<figure><svg viewBox=\"0 0 {CHART_WIDTH} {height}\" width=\"{CHART_WIDTH}\" \
         height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        esc(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 4 + ROW_HEIGHT * i as u32;
        let text_y = y + ROW_HEIGHT / 2 + 4;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{text_y}\" text-anchor=\"end\">{}</text>",
            LABEL_WIDTH - 8,
            esc(&short(&b.label))
        );
        if b.light > 0 {
            let _ = write!(
                out,
                "<rect x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"var(--bar-light)\"/>",
                y + 3,
                len(b.light),
                ROW_HEIGHT - 6
            );
        }
        if b.dark > 0 {
            let _ = write!(
                out,
                "<rect x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                y + 3,
                len(b.dark),
                ROW_HEIGHT - 6,
                colour(&b.label)
            );
        }
        let end = LABEL_WIDTH as u64 + len(b.dark.max(b.light)) + 6;
        let _ = writeln!(
            out,
            "<text x=\"{end}\" y=\"{text_y}\" class=\"muted\">{}</text>",
            esc(&b.text)
        );
    }
    out.push_str("</svg></figure>\n");
}

fn tier_colour(tier: &str) -> &'static str {
    match tier {
        "critical" => "#8a1c1c",
        "high" => "#d9480f",
        "medium" => "#e8a317",
        "low" => "#74a03a",
        "none" => "#9aa5b1",
        _ => "#cbd2d9",
    }
}

fn details(out: &mut String, r: &Report) {
    section(out, "Details");
    out.push_str("<div class=\"grid\">\n");

    let mut rows: Vec<Vec<String>> = r
        .files
        .by_status
        .iter()
        .map(|(s, n)| vec![s.clone(), n.to_string()])
        .collect();
    rows.push(vec!["DICOM".into(), r.files.dicom.to_string()]);
    rows.push(vec!["graded".into(), r.files.graded.to_string()]);
    table(out, "Files by status", &["status", "files"], &rows);

    let p = &r.patients;
    let l = &r.identity.links;
    let ph = &r.identity.placeholders;
    let rows = vec![
        vec!["patient_key".into(), l.patient_key.to_string()],
        vec!["other_patient_id".into(), l.other_patient_id.to_string()],
        vec!["person_key".into(), l.person_key.to_string()],
        vec!["study".into(), l.study.to_string()],
        vec![
            "placeholder keys not linked".into(),
            (ph.patient_keys + ph.person_keys + ph.other_patient_ids).to_string(),
        ],
        vec![
            "placeholder values not linked".into(),
            ph.placeholder_values.to_string(),
        ],
        vec![
            "person keys without birth year".into(),
            ph.person_keys_without_birth_year.to_string(),
        ],
        vec!["records with patient data".into(), p.records.to_string()],
        vec![
            "with patient data (people)".into(),
            range(p.with_patient_data),
        ],
    ];
    table(out, "Identity links", &["rule", "links"], &rows);

    let rows: Vec<Vec<String>> = r
        .leaks
        .hipaa
        .iter()
        .map(|h| {
            vec![
                format!("{} {}", h.name, hipaa_name(&h.name)),
                h.files.to_string(),
                h.patients.text(),
            ]
        })
        .collect();
    table(
        out,
        "HIPAA Safe Harbor identifiers",
        &["identifier", "files", "patients"],
        &rows,
    );

    let rows: Vec<Vec<String>> = r
        .leaks
        .categories
        .iter()
        .map(|c| vec![c.name.clone(), c.files.to_string(), c.patients.text()])
        .collect();
    table(out, "Categories", &["category", "files", "patients"], &rows);

    let rows: Vec<Vec<String>> = r
        .institutions
        .rows
        .iter()
        .map(|i| {
            vec![
                label(i.name.as_deref()),
                i.files.to_string(),
                i.studies.to_string(),
                i.patients.text(),
            ]
        })
        .collect();
    table(
        out,
        "Institutions",
        &["institution", "files", "studies", "patients"],
        &with_more(rows, r.institutions.more, 4),
    );

    let rows: Vec<Vec<String>> = r
        .study_years
        .iter()
        .map(|y| {
            vec![
                y.year
                    .map_or_else(|| "(absent)".to_owned(), |y| y.to_string()),
                y.files.to_string(),
                y.studies.to_string(),
                y.patients.text(),
            ]
        })
        .collect();
    table(
        out,
        "Study years",
        &["year", "files", "studies", "patients"],
        &rows,
    );

    name_counts(out, "Burned-in text risk", &r.leaks.burned_in_risk);
    let mut pre: Vec<Vec<String>> = r
        .leaks
        .preambles
        .iter()
        .map(|n| vec![label(n.name.as_deref()), n.files.to_string()])
        .collect();
    pre.push(vec![
        "polyglot (executable header)".into(),
        r.leaks.polyglot_files.to_string(),
    ]);
    table(out, "Preambles", &["kind", "files"], &pre);
    if let Some(pt) = &r.leaks.private_tags {
        let mut rows = vec![
            vec!["findings".into(), pt.findings.to_string()],
            vec!["leaking findings".into(), pt.leaking_findings.to_string()],
            vec!["files".into(), pt.files.to_string()],
        ];
        rows.extend(ranked_rows(&pt.by_creator).into_iter().map(|mut r| {
            r[0] = format!("creator: {}", r[0]);
            r
        }));
        table(out, "Private-tag findings", &["", "count"], &rows);
    }
    table(
        out,
        "Modalities",
        &["modality", "files"],
        &ranked_rows(&r.modalities),
    );
    table(
        out,
        "Character sets",
        &["specific character set", "files"],
        &ranked_rows(&r.character_sets),
    );
    table(
        out,
        "Manufacturers",
        &["manufacturer", "files"],
        &ranked_rows(&r.manufacturers),
    );
    out.push_str("</div>\n");

    let q = &r.quasi_identifiers;
    section(out, "Quasi-identifiers");
    let _ = writeln!(
        out,
        "<p class=\"note\">Sex &times; birth year &times; institution, only combinations of at \
         least {MIN_PATIENTS_SHOWN} patients (lower bound): {} shown, {} suppressed.</p>",
        q.cells.len(),
        q.combinations_suppressed
    );
    let rows: Vec<Vec<String>> = q
        .cells
        .iter()
        .map(|c| {
            vec![
                label(c.sex.as_deref()),
                c.birth_year
                    .map_or_else(|| "(absent)".to_owned(), |y| y.to_string()),
                label(c.institution.as_deref()),
                c.patients.text(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        table(
            out,
            "",
            &["sex", "birth year", "institution", "patients"],
            &rows,
        );
    }
}

fn method(out: &mut String) {
    section(out, "How to read these numbers");
    let _ = writeln!(
        out,
        "<p class=\"note\">People are counted as sets of files joined by keyed pseudonyms. \
         The upper bound trusts only strong keys (issuer + Patient ID, Other Patient IDs); the \
         lower bound also joins files with the same name and birth date, and files without \
         patient attributes to the patient of their study. Identifiers that look like \
         placeholders never join. Files with patient data but nothing to join them by are \
         counted as records, not people. No name, ID, exact date, key or path appears in this \
         report; table cells of 1 to {} patients are suppressed. The method is described in \
         docs/report-schema.md and docs/scoring.md of dicomleak.</p>",
        MIN_PATIENTS_SHOWN - 1
    );
}

fn name_counts(out: &mut String, title: &str, rows: &[NameCount]) {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|n| vec![label(n.name.as_deref()), n.files.to_string()])
        .collect();
    table(out, title, &["", "files"], &rows);
}

fn ranked_rows(r: &Ranked<NameCount>) -> Vec<Vec<String>> {
    let rows = r
        .rows
        .iter()
        .map(|n| vec![label(n.name.as_deref()), n.files.to_string()])
        .collect();
    with_more(rows, r.more, 2)
}

fn with_more(
    mut rows: Vec<Vec<String>>,
    more: Option<super::More>,
    columns: usize,
) -> Vec<Vec<String>> {
    if let Some(m) = more {
        let mut row = vec![format!("{} more", m.entries), m.files.to_string()];
        row.resize(columns, String::new());
        rows.push(row);
    }
    rows
}

fn table(out: &mut String, title: &str, headers: &[&str], rows: &[Vec<String>]) {
    out.push_str("<div>");
    if !title.is_empty() {
        let _ = write!(out, "<h3 class=\"note\">{}</h3>", esc(title));
    }
    out.push_str("<table><thead><tr>");
    for h in headers {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    if rows.is_empty() {
        let _ = write!(out, "<tr><td colspan=\"{}\">none</td></tr>", headers.len());
    }
    for row in rows {
        out.push_str("<tr>");
        for c in row {
            let _ = write!(out, "<td>{}</td>", esc(c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>\n");
}

/// A byte count for people: `117,486 bytes (115 KiB)`.
fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    let exact = format!("{} bytes", thousands(n));
    if n < 1024 {
        return exact;
    }
    let mut v = n as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    format!("{exact} ({v:.0} {})", UNITS[unit])
}

/// `1234567` as `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A name read from a file, or `(absent)`.
fn label(name: Option<&str>) -> String {
    super::text::name(name)
}

/// A chart label cut to fit its column.
fn short(s: &str) -> String {
    const MAX: usize = 30;
    if s.chars().count() <= MAX {
        return s.to_owned();
    }
    let mut t: String = s.chars().take(MAX - 1).collect();
    t.push('…');
    t
}

/// HTML-escapes text for element content and double-quoted attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralizes_markup_from_file_values() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn byte_counts_are_exact_and_rounded() {
        assert_eq!(bytes(999), "999 bytes");
        assert_eq!(bytes(117_486), "117,486 bytes (115 KiB)");
        assert_eq!(bytes(3 << 30), "3,221,225,472 bytes (3 GiB)");
    }

    #[test]
    fn a_suppressed_patient_bar_is_not_drawn() {
        let b = Bar::patients("x".into(), PatientCell::new(2, 3));
        assert_eq!((b.dark, b.light), (0, 0));
        assert_eq!(b.text, "<5");
        let b = Bar::patients("x".into(), PatientCell::new(2, 9));
        assert_eq!((b.dark, b.light), (0, 9));
    }
}

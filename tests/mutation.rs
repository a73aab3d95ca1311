//! Mutated input: every stage a scan runs on a file (the reader, the file's facts, scoring,
//! the DICOM JSON of `dump`) survives headers with bytes changed, lengths rewritten and
//! cuts anywhere, and text values of any script, bytes and punctuation. Each case is made
//! from a fixed seed, so a failure names the case that reproduces it.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use common::dicom::{el, part10};
use dicomleak::facts::FileFacts;
use dicomleak::keys::{Keyer, Secret};
use dicomleak::output::dicom_json;
use dicomleak::reader;

/// xorshift64*: a small generator whose sequence a seed fixes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// How many times the default number of cases to run: `DICOMLEAK_MUTATION_SCALE=100 cargo
/// test --release --test mutation` searches longer than the suite should.
fn scale() -> u64 {
    std::env::var("DICOMLEAK_MUTATION_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

fn keyer() -> Keyer {
    Keyer::new(&Secret::from_bytes(vec![9; 32]).expect("32 bytes"))
}

/// Runs every stage on `bytes`; returns the panic message if one panicked.
fn run_all_stages(bytes: &[u8], keyer: &Keyer) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| {
        let header = reader::read(bytes);
        let size = bytes.len() as u64;
        for reveal in [false, true] {
            let _ = FileFacts::from_header(Path::new("mutant"), size, &header, keyer, reveal);
            let _ = dicomleak::phi::assess(&header, keyer, reveal);
        }
        let _ = dicom_json::dump_object("mutant", &header);
    }))
    .map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default()
    })
}

fn sample_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("sample_data")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_none_or(|e| e != "md" && e != "csv"))
        .collect();
    files.sort();
    files
}

/// One edit of a header: a byte changed, a 16- or 32-bit length rewritten to a value a
/// parser must not trust, bytes cut out or repeated, or the file cut short.
fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng) {
    if bytes.is_empty() {
        return;
    }
    let at = rng.below(bytes.len());
    match rng.below(6) {
        0 => bytes[at] = rng.next() as u8,
        1 => bytes[at] ^= 1 << rng.below(8),
        2 => {
            const LENGTHS: [u32; 8] = [
                0,
                1,
                3,
                0xFFFF,
                0xFFFE,
                0x7FFF_FFFF,
                0xFFFF_FFFF,
                0xFFFF_FFF0,
            ];
            let value = LENGTHS[rng.below(LENGTHS.len())].to_le_bytes();
            let n = if rng.below(2) == 0 { 2 } else { 4 };
            for (i, b) in value.iter().take(n).enumerate() {
                if let Some(slot) = bytes.get_mut(at + i) {
                    *slot = *b;
                }
            }
        }
        3 => {
            let end = (at + 1 + rng.below(64)).min(bytes.len());
            bytes.drain(at..end);
        }
        4 => {
            let end = (at + 1 + rng.below(64)).min(bytes.len());
            let chunk = bytes[at..end].to_vec();
            let to = rng.below(bytes.len());
            bytes.splice(to..to, chunk);
        }
        _ => bytes.truncate(at),
    }
}

#[test]
fn mutated_sample_headers_never_panic_any_stage() {
    let keyer = keyer();
    let mut failures = Vec::new();
    let mut cases = 0;
    for (f, path) in sample_files().iter().enumerate() {
        let original = std::fs::read(path).expect("read sample");
        // The header and a little after: mutations of pixel data teach nothing.
        let original = &original[..original.len().min(24 * 1024)];
        for case in 0..300 * scale() {
            let seed = (f as u64 + 1) * 1_000_003 + case;
            let mut rng = Rng(seed | 1);
            let mut bytes = original.to_vec();
            for _ in 0..1 + rng.below(8) {
                mutate(&mut bytes, &mut rng);
            }
            cases += 1;
            if let Err(message) = run_all_stages(&bytes, &keyer) {
                failures.push(format!("{} seed {seed}: {message}", path.display()));
            }
        }
    }
    assert!(cases >= 3000, "{cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} panicked:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn mutated_corpus_headers_never_panic_any_stage() {
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let keyer = keyer();
    let mut failures = Vec::new();
    let mut files = 0;
    for row in common::catalog(&dir) {
        let path = dir.join(&row.path);
        let Ok(original) = std::fs::read(&path) else {
            continue;
        };
        files += 1;
        let original = &original[..original.len().min(24 * 1024)];
        for case in 0..20 * scale() {
            let seed = (files as u64) * 7_919 + case;
            let mut rng = Rng(seed | 1);
            let mut bytes = original.to_vec();
            for _ in 0..1 + rng.below(4) {
                mutate(&mut bytes, &mut rng);
            }
            if let Err(message) = run_all_stages(&bytes, &keyer) {
                failures.push(format!("{} seed {seed}: {message}", path.display()));
            }
        }
    }
    assert!(files > 0, "no corpus file read");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_cut_of_a_sample_header_never_panics_any_stage() {
    let keyer = keyer();
    let mut failures = Vec::new();
    for path in sample_files() {
        let bytes = std::fs::read(&path).expect("read sample");
        let header_end = reader::read(&bytes).header_bytes.min(bytes.len());
        // Every cut inside the header, one byte apart for the first 1 KiB, then 7 apart.
        let cuts = (0..header_end.min(1024)).chain((1024..header_end).step_by(7));
        for cut in cuts {
            if let Err(message) = run_all_stages(&bytes[..cut], &keyer) {
                failures.push(format!("{} cut at {cut}: {message}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Pieces text values are made of: cue words of several languages, names, digits in
/// groups, scripts of several widths, marks that combine, separators the detectors split
/// on, and bytes that are not UTF-8.
const PIECES: &[&[u8]] = &[
    b"Patient ",
    b"pt ",
    b"Dr. ",
    b"MRN ",
    b"Tel ",
    b"HC ",
    b"Nr. ",
    b"Name: ",
    b"Signed: ",
    b"^",
    b"^^",
    b"=",
    b"\\",
    b"-",
    b" - ",
    b"_",
    b"/",
    b"(",
    b")",
    b"[",
    b".",
    b",",
    b":",
    b" ",
    b"  ",
    b"\t",
    b"\r\n",
    b"\0",
    b"@",
    b"#",
    b"+",
    b"*",
    b"'",
    b"Smith",
    b"SMITH",
    b"maria",
    b"O'Brien",
    b"van der",
    b"Weber C",
    b"Hodgkin",
    b"0",
    b"1",
    b"12",
    b"555",
    b"1234",
    b"19700101",
    b"08.03.1970",
    b"1.2.840.10008",
    b"+966 50 123 4567",
    b"123-45-6789",
    b"943 476 5919",
    b"1000000008",
    b"K958615(6)",
    "Müller".as_bytes(),
    "Ærøskøbing".as_bytes(),
    "İstanbul".as_bytes(),
    "ß".as_bytes(),
    "ﬁ".as_bytes(),
    "İ".as_bytes(),
    "ẞ".as_bytes(),
    "Ⅻ".as_bytes(),
    "محمد".as_bytes(),
    "المريض".as_bytes(),
    "٠١٢٣٤٥٦٧٨٩".as_bytes(),
    "Иванов".as_bytes(),
    "пациент".as_bytes(),
    "Ελένη".as_bytes(),
    "ασθενής".as_bytes(),
    "山田^太郎".as_bytes(),
    "患者".as_bytes(),
    "ﾔﾏﾀﾞ".as_bytes(),
    "김".as_bytes(),
    "환자".as_bytes(),
    "王晓燕".as_bytes(),
    "สมชาย".as_bytes(),
    "נוי".as_bytes(),
    "Nguyễn Văn".as_bytes(),
    "\u{301}".as_bytes(),
    "\u{200B}".as_bytes(),
    "\u{FEFF}".as_bytes(),
    "\u{1F600}".as_bytes(),
    "１２３４".as_bytes(),
    "№".as_bytes(),
    b"\xff",
    b"\xc3",
    b"\xe2\x82",
    b"\x1b$B",
    b"\x1b(B",
    b"\x1b$)C",
    b"\x1b-F",
    b"\x8e\xa1",
];

const CHARSETS: &[&[u8]] = &[
    b"",
    b"ISO_IR 192",
    b"ISO_IR 100",
    b"ISO_IR 127",
    b"ISO_IR 144",
    b"\\ISO 2022 IR 87",
    b"ISO 2022 IR 13\\ISO 2022 IR 87",
    b"\\ISO 2022 IR 149",
    b"GB18030",
    b"ISO_IR 166",
    b"NOT_A_CHARSET",
];

/// (tag, VR) of the places text is searched: names, IDs, free text, a private value.
const PLACES: &[(u16, u16, &str)] = &[
    (0x0010, 0x0010, "PN"),
    (0x0010, 0x0020, "LO"),
    (0x0010, 0x1040, "LO"),
    (0x0008, 0x1030, "LO"),
    (0x0020, 0x4000, "LT"),
    (0x0010, 0x4000, "LT"),
    (0x0018, 0x1030, "LO"),
    (0x0040, 0xA160, "UT"),
    (0x0029, 0x1010, "LO"),
    (0x0029, 0x1020, "UN"),
];

#[test]
fn text_values_of_any_script_and_bytes_never_panic_scoring() {
    let keyer = keyer();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut failures = Vec::new();
    let cases = 6000 * scale();
    for case in 0..cases {
        let mut value = Vec::new();
        for _ in 0..1 + rng.below(24) {
            value.extend_from_slice(PIECES[rng.below(PIECES.len())]);
        }
        if value.len() % 2 == 1 {
            value.push(b' ');
        }
        let charset = CHARSETS[rng.below(CHARSETS.len())];
        let (group, element, vr) = PLACES[rng.below(PLACES.len())];
        let mut data_set = el(0x0008, 0x0005, "CS", charset);
        data_set.extend(el(0x0008, 0x0060, "CS", b"CT"));
        data_set.extend(el(0x0010, 0x0010, "PN", b"Zyxwv^Qoph"));
        if group == 0x0029 {
            data_set.extend(el(0x0029, 0x0010, "LO", b"SIEMENS CSA HEADER"));
        }
        data_set.extend(el(group, element, vr, &value));
        let file = part10(
            "1.2.840.10008.1.2.1",
            "1.2.840.10008.5.1.4.1.1.2",
            "1.2.3.4",
            &data_set,
        );
        if let Err(message) = run_all_stages(&file, &keyer) {
            failures.push(format!(
                "case {case} ({group:04X},{element:04X}) {vr} {:?}: {message}",
                String::from_utf8_lossy(&value)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} panicked:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

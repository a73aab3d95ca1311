//! The header reader against dicom-object on the real headers of `sample_data/`.
//!
//! For each file, one group measures in the same run (a) our reader up to pixel data
//! (`ReadOptions::header_only`) plus the few values every scan looks at (patient name,
//! modality) and (b) dicom-object parsing the same in-memory bytes up to pixel data and
//! reading the same values. Throughput is the header: the bytes before pixel data, which is
//! all either reader looks at. A last group reads every sample header in turn with each
//! reader.
//!
//! A scan and `dump` also check that the file holds everything after pixel data
//! (`ReadOptions::default`). That check is free except for a deflated data set, whose
//! stream must be inflated to its end to tell a cut file; for those files a third
//! benchmark, `dicomleak-checked`, measures our reader with it, which dicom-object does not
//! do.
//!
//! Files are read into memory once, so no I/O is measured. dicom-object cannot read a file
//! without a file meta group (`rtstruct.dcm`) or one cut inside its header; those files are
//! measured for our reader only and left out of the aggregate, so that both readers do the
//! same work there.
//!
//! `scripts/bench-reader.sh` runs this bench, saves and compares baselines, and prints the
//! table of both times and their ratio. Benchmark names are `reader/<file>/dicomleak` and
//! `reader/<file>/dicom-object`; the script relies on them.

use std::hint::black_box;
use std::io::Cursor;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dicom_object::{DefaultDicomObject, OpenFileOptions};
use dicomleak::reader::{self, ReadOptions, tags};

/// One sample file, in memory.
struct Sample {
    name: String,
    bytes: Vec<u8>,
    /// Bytes of the file before pixel data.
    header_bytes: usize,
    /// dicom-object reads it.
    reference_reads: bool,
    /// The data set is deflated, so checking the file to its end costs an inflate.
    deflated: bool,
}

/// Every file of `sample_data/` except its documentation, sorted by name.
fn samples() -> Vec<Sample> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("sample_data/ is in the repository")
        .map(|entry| entry.expect("sample_data/ is listable").path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !matches!(name, "README.md" | "manifest.csv")
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).expect("sample file is readable");
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // `header_bytes` counts file bytes, also for a deflated data set, where the
            // pixel data offset counts inflated bytes.
            let header = reader::read(&bytes);
            let header_bytes = header.header_bytes.max(1);
            let deflated = header.deflated;
            drop(header);
            let reference_reads = read_reference(&bytes).is_some();
            Sample {
                name,
                bytes,
                header_bytes,
                reference_reads,
                deflated,
            }
        })
        .collect()
}

/// Our reader, and the values a scan reads first.
#[inline(never)]
fn read_ours(bytes: &[u8], options: &ReadOptions) -> usize {
    let h = reader::read_with(bytes, options);
    let name = h
        .find(tags::PATIENT_NAME)
        .and_then(|e| h.text(e))
        .map_or(0, |t| t.text.len());
    let modality = h.find(tags::MODALITY).and_then(|e| h.first_string(e));
    black_box(&modality);
    h.elements.len() + name
}

/// dicom-object up to pixel data, and the same values. `from_reader` finds the preamble
/// itself (`ReadPreamble::Auto` looks for `DICM` at offset 128, then at 0), so the bytes are
/// given as they are in the file.
fn read_reference(bytes: &[u8]) -> Option<DefaultDicomObject> {
    OpenFileOptions::new()
        .read_until(dicom_dictionary_std::tags::PIXEL_DATA)
        .from_reader(Cursor::new(bytes))
        .ok()
}

#[inline(never)]
fn read_theirs(bytes: &[u8]) -> usize {
    let Some(obj) = read_reference(bytes) else {
        return 0;
    };
    let text = |tag| {
        obj.element(tag)
            .ok()
            .and_then(|e| e.to_str().ok().map(|s| s.into_owned()))
    };
    let name = text(dicom_dictionary_std::tags::PATIENT_NAME).map_or(0, |s| s.len());
    let modality = text(dicom_dictionary_std::tags::MODALITY);
    black_box(&modality);
    obj.iter().count() + name
}

fn bench_reader(c: &mut Criterion) {
    let samples = samples();
    for sample in &samples {
        let mut group = c.benchmark_group(format!("reader/{}", sample.name));
        group.throughput(Throughput::Bytes(sample.header_bytes as u64));
        let header_only = ReadOptions::header_only();
        group.bench_function("dicomleak", |b| {
            b.iter(|| read_ours(black_box(&sample.bytes), &header_only))
        });
        if sample.deflated {
            let checked = ReadOptions::default();
            group.bench_function("dicomleak-checked", |b| {
                b.iter(|| read_ours(black_box(&sample.bytes), &checked))
            });
        }
        if sample.reference_reads {
            group.bench_function("dicom-object", |b| {
                b.iter(|| read_theirs(black_box(&sample.bytes)))
            });
        } else {
            eprintln!("{}: dicom-object cannot read it; ours only", sample.name);
        }
        group.finish();
    }

    let both: Vec<&Sample> = samples.iter().filter(|s| s.reference_reads).collect();
    let total: usize = both.iter().map(|s| s.header_bytes).sum();
    let mut group = c.benchmark_group("reader/all-samples");
    group.throughput(Throughput::Bytes(total as u64));
    let header_only = ReadOptions::header_only();
    group.bench_function("dicomleak", |b| {
        b.iter(|| {
            both.iter()
                .map(|s| read_ours(black_box(&s.bytes), &header_only))
                .sum::<usize>()
        })
    });
    group.bench_function("dicom-object", |b| {
        b.iter(|| {
            both.iter()
                .map(|s| read_theirs(black_box(&s.bytes)))
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Short runs: 28 benchmarks in about a minute. A header takes micro- to milliseconds,
    // so 30 samples over 1.5 s still give tight intervals. Plots and 100k-resample
    // bootstraps would take longer than the measuring; a 5% noise threshold keeps
    // `--baseline` comparisons on a busy machine from crying wolf (all three can be
    // overridden on the command line).
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_millis(1500))
        .nresamples(10_000)
        .noise_threshold(0.05)
        .without_plots();
    targets = bench_reader
}
criterion_main!(benches);

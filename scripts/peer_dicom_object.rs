//! A peer for `scripts/bench.sh`: reads every file's header with dicom-object (the dicom-rs
//! in-memory model) on T threads, stopping before Pixel Data, and counts what it got.
//!
//! Built as a `harness = false` bench target (declared at the end of Cargo.toml) so it can
//! use the project's dev-dependencies without a crate of its own:
//!
//!     cargo bench --bench peer_dicom_object -- DIR... [--threads T]
//!
//! (cargo adds `--bench`, which is ignored). `bench.sh` builds it with `--no-run` and runs
//! the executable directly, so that cargo is not part of the time measured.
//!
//! Same shape as `dicomleak scan`: one walker thread (walkdir) hands batches of paths over a
//! bounded channel to T reader threads. A panic inside dicom-object (it has some on
//! malformed input) is caught and counted, so one bad file does not end the run.
//!
//! Prints one line: `files=N ok=K errors=E panics=P seconds=S files_per_s=R threads=T`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use dicom_dictionary_std::tags;
use dicom_object::OpenFileOptions;

#[derive(Default)]
struct Counts {
    files: AtomicU64,
    ok: AtomicU64,
    errors: AtomicU64,
    panics: AtomicU64,
}

fn read_one(path: &std::path::Path, counts: &Counts) {
    counts.files.fetch_add(1, Ordering::Relaxed);
    let got = catch_unwind(AssertUnwindSafe(|| {
        OpenFileOptions::new()
            .read_until(tags::PIXEL_DATA)
            .open_file(path)
            .is_ok()
    }));
    let counter = match got {
        Ok(true) => &counts.ok,
        Ok(false) => &counts.errors,
        Err(_) => &counts.panics,
    };
    counter.fetch_add(1, Ordering::Relaxed);
}

fn main() {
    let mut threads = 8usize;
    let mut roots = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bench" => {}
            "--threads" => match args.next().and_then(|v| v.parse().ok()) {
                Some(t) if t > 0 => threads = t,
                _ => {
                    eprintln!("--threads needs a positive number");
                    std::process::exit(2);
                }
            },
            _ => roots.push(PathBuf::from(a)),
        }
    }
    if roots.is_empty() {
        eprintln!("usage: peer_dicom_object DIR... [--threads T]");
        std::process::exit(2);
    }
    // Quiet the default panic message: panics are counted, not printed per file.
    std::panic::set_hook(Box::new(|_| {}));

    let counts = Counts::default();
    let start = Instant::now();
    let (tx, rx) = crossbeam_channel::bounded::<Vec<PathBuf>>(threads * 2);
    std::thread::scope(|s| {
        s.spawn(move || {
            let mut batch = Vec::with_capacity(256);
            for root in &roots {
                for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
                    if !entry.file_type().is_file() {
                        continue;
                    }
                    batch.push(entry.into_path());
                    if batch.len() == 256 {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(256));
                        if tx.send(full).is_err() {
                            return;
                        }
                    }
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
        });
        for _ in 0..threads {
            let rx = rx.clone();
            let counts = &counts;
            s.spawn(move || {
                for batch in rx {
                    for path in batch {
                        read_one(&path, counts);
                    }
                }
            });
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let files = counts.files.load(Ordering::Relaxed);
    println!(
        "files={} ok={} errors={} panics={} seconds={:.3} files_per_s={:.0} threads={}",
        files,
        counts.ok.load(Ordering::Relaxed),
        counts.errors.load(Ordering::Relaxed),
        counts.panics.load(Ordering::Relaxed),
        secs,
        files as f64 / secs.max(1e-9),
        threads
    );
}

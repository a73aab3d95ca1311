//! The floor for `dicomleak scan`: the least work any header scanner must do per file.
//!
//! Walks the trees given (recursive `read_dir`, file types from `readdir`, no `stat` per
//! file) with T threads sharing a queue of directories; each thread lists a directory,
//! queues its subdirectories and, for each file in it, does
//!
//! - `read` mode (default): open + one `read` of the first 16 KiB + close;
//! - `--mmap`: open + fstat + mmap(first 16 KiB) + touch the first page + munmap + close;
//! - `--mmap-all`: the same, touching every page of the mapped 16 KiB (what a parser that
//!   looks at all of them would do).
//!
//! No parsing, no output per file: what it costs is what the kernel and the disk cost.
//! `mmap`/`munmap` come from libc through `extern "C"` (std has none), so this file builds
//! with plain `rustc`, no crates:
//!
//!     rustc -O --edition 2021 scripts/floor.rs -o target/floor
//!     target/floor [--threads T] [--bytes N] [--mmap | --mmap-all] DIR...
//!
//! Prints one line: `files=N errors=E bytes=B seconds=S files_per_s=R threads=T mode=M`.

use std::collections::VecDeque;
use std::ffi::c_void;
use std::fs::{self, File};
use std::io::Read;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Instant;

extern "C" {
    fn mmap(addr: *mut c_void, len: usize, prot: i32, flags: i32, fd: i32, off: i64)
        -> *mut c_void;
    fn munmap(addr: *mut c_void, len: usize) -> i32;
}

const PROT_READ: i32 = 1;
const MAP_PRIVATE: i32 = 2;
const PAGE: usize = 4096;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Read,
    MmapFirstPage,
    MmapAllPages,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Read => "read",
            Mode::MmapFirstPage => "mmap",
            Mode::MmapAllPages => "mmap-all",
        }
    }
}

/// Directories still to list, and how many threads are listing one now (the walk is over
/// when both are zero).
struct Queue {
    state: Mutex<(VecDeque<PathBuf>, usize)>,
    changed: Condvar,
}

impl Queue {
    fn next(&self) -> Option<PathBuf> {
        let mut s = self.state.lock().expect("queue lock");
        loop {
            if let Some(dir) = s.0.pop_front() {
                s.1 += 1;
                return Some(dir);
            }
            if s.1 == 0 {
                return None;
            }
            s = self.changed.wait(s).expect("queue lock");
        }
    }

    fn push(&self, dir: PathBuf) {
        self.state.lock().expect("queue lock").0.push_back(dir);
        self.changed.notify_one();
    }

    fn done_with_one(&self) {
        let mut s = self.state.lock().expect("queue lock");
        s.1 -= 1;
        if s.1 == 0 && s.0.is_empty() {
            self.changed.notify_all();
        }
    }
}

#[derive(Default)]
struct Counts {
    files: AtomicU64,
    errors: AtomicU64,
    bytes: AtomicU64,
}

fn read_first(path: &Path, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut f = File::open(path)?;
    f.read(buf)
}

fn map_first(path: &Path, want: usize, all_pages: bool) -> std::io::Result<usize> {
    let f = File::open(path)?;
    let len = f.metadata()?.len() as usize;
    let n = want.min(len);
    if n == 0 {
        return Ok(0);
    }
    // SAFETY: a read-only private mapping of `n` bytes of an open file; only bytes below
    // `n` (inside the file) are touched, and it is unmapped before `f` is closed.
    unsafe {
        let p = mmap(std::ptr::null_mut(), n, PROT_READ, MAP_PRIVATE, f.as_raw_fd(), 0);
        if p as isize == -1 {
            return Err(std::io::Error::last_os_error());
        }
        let base = p as *const u8;
        let mut sum = std::ptr::read_volatile(base);
        if all_pages {
            let mut off = PAGE;
            while off < n {
                sum = sum.wrapping_add(std::ptr::read_volatile(base.add(off)));
                off += PAGE;
            }
        }
        std::hint::black_box(sum);
        munmap(p, n);
    }
    Ok(n)
}

fn worker(queue: &Queue, counts: &Counts, mode: Mode, want: usize) {
    let mut buf = vec![0u8; want];
    while let Some(dir) = queue.next() {
        match fs::read_dir(&dir) {
            Ok(entries) => {
                for entry in entries {
                    let Ok(entry) = entry else {
                        counts.errors.fetch_add(1, Ordering::Relaxed);
                        continue;
                    };
                    let Ok(ft) = entry.file_type() else {
                        counts.errors.fetch_add(1, Ordering::Relaxed);
                        continue;
                    };
                    if ft.is_dir() {
                        queue.push(entry.path());
                        continue;
                    }
                    if !ft.is_file() {
                        continue;
                    }
                    let path = entry.path();
                    let got = match mode {
                        Mode::Read => read_first(&path, &mut buf),
                        Mode::MmapFirstPage => map_first(&path, want, false),
                        Mode::MmapAllPages => map_first(&path, want, true),
                    };
                    counts.files.fetch_add(1, Ordering::Relaxed);
                    match got {
                        Ok(n) => {
                            counts.bytes.fetch_add(n as u64, Ordering::Relaxed);
                        }
                        Err(_) => {
                            counts.errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            }
            Err(_) => {
                counts.errors.fetch_add(1, Ordering::Relaxed);
            }
        }
        queue.done_with_one();
    }
}

fn usage() -> ! {
    eprintln!("usage: floor [--threads T] [--bytes N] [--mmap | --mmap-all] DIR...");
    std::process::exit(2);
}

fn main() {
    let mut threads = 8usize;
    let mut want = 16 << 10;
    let mut mode = Mode::Read;
    let mut roots = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => {
                threads = args.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| usage())
            }
            "--bytes" => want = args.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| usage()),
            "--mmap" => mode = Mode::MmapFirstPage,
            "--mmap-all" => mode = Mode::MmapAllPages,
            "-h" | "--help" => usage(),
            _ => roots.push(PathBuf::from(a)),
        }
    }
    if roots.is_empty() || threads == 0 || want == 0 {
        usage();
    }
    let queue = Queue {
        state: Mutex::new((roots.into_iter().collect(), 0)),
        changed: Condvar::new(),
    };
    let counts = Counts::default();
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| worker(&queue, &counts, mode, want));
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let files = counts.files.load(Ordering::Relaxed);
    println!(
        "files={} errors={} bytes={} seconds={:.3} files_per_s={:.0} threads={} mode={}",
        files,
        counts.errors.load(Ordering::Relaxed),
        counts.bytes.load(Ordering::Relaxed),
        secs,
        files as f64 / secs.max(1e-9),
        threads,
        mode.name()
    );
}

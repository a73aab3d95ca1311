//! `dicomleak scan PATH...`: walk, read headers in parallel, write `files.parquet` (one row
//! per file, whatever happened to it) and `run.json`.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use super::name_look::NameLook;
use crate::facts::FileFacts;
use crate::keys::{Keyer, Secret};
use crate::output::findings::{FindingRow, FindingsWriter};
use crate::output::parquet::{FileRow, FilesWriter};
use crate::output::run::RunRecord;
use crate::phi::{self, Finding};
use crate::reader::Status;
use crate::scan::pipeline::{self, Input, PipelineConfig};
use crate::scan::progress::{self, Progress};
use crate::scan::walk::{self, WalkCounts, WalkOptions};

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct ScanArgs {
    /// Files and directories to scan.
    pub paths: Vec<PathBuf>,
    /// A list of paths (`-` for stdin).
    pub files_from: Option<PathBuf>,
    /// The list is NUL-separated.
    pub null_separated: bool,
    /// Output directory.
    pub out: PathBuf,
    /// Follow symbolic links.
    pub follow_symlinks: bool,
    /// Reader threads (None: the default).
    pub threads: Option<usize>,
    /// The pseudonym secret (None: use or create one beside the output directory).
    pub key_file: Option<PathBuf>,
    /// Add clear-text identifier columns.
    pub reveal: bool,
    /// Score each file (findings and grade); false makes an inventory only.
    pub score: bool,
    /// No progress line, no summary.
    pub quiet: bool,
    /// Replace an existing `files.parquet`.
    pub overwrite: bool,
    /// The command line, for `run.json`.
    pub command_line: Vec<String>,
}

/// A problem that stops a scan before or while it writes its output (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// Nothing to scan.
    #[error("nothing to scan: give one or more PATHs, or --files-from FILE")]
    NoInput,
    /// The output already holds a scan.
    #[error("{0} already exists: choose another output with -o, or pass --overwrite")]
    OutputExists(PathBuf),
    /// The output directory cannot be made or written.
    #[error("cannot write the output directory {path}: {source}")]
    Output {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The key file cannot be read or made.
    #[error("{0}")]
    Key(#[from] crate::keys::KeyError),
    /// The list of paths cannot be read.
    #[error("cannot read the list of paths {path}: {source}")]
    List {
        /// The list.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Writing `files.parquet` failed.
    #[error("cannot write files.parquet: {0}")]
    Parquet(#[from] crate::output::parquet::OutputError),
}

/// The outcome of a scan, for the summary.
#[derive(Debug)]
pub struct ScanSummary {
    /// What `run.json` says.
    pub record: RunRecord,
    /// The output directory.
    pub out: PathBuf,
}

/// Rows buffered before they become one Arrow record batch.
const WRITE_BATCH_ROWS: usize = 8192;

/// Runs a scan.
pub fn run(args: &ScanArgs) -> Result<ScanSummary, ScanError> {
    if args.paths.is_empty() && args.files_from.is_none() {
        return Err(ScanError::NoInput);
    }
    let files_path = prepare_output(&args.out, args.overwrite)?;
    let (key_file, key_created) = key_file_for(args)?;
    let secret = if key_created {
        let s = Secret::try_generate()?;
        s.write_new(&key_file)?;
        s
    } else {
        Secret::from_file(&key_file)?
    };
    if key_created && !args.quiet {
        eprintln!(
            "dicomleak: new pseudonym key written to {} (keep it: the same key gives the same pseudonyms in later runs)",
            key_file.display()
        );
    }
    let keyer = Keyer::new(&secret);
    let mut writer = FilesWriter::create(&files_path, args.reveal)?;
    let findings_path = args.out.join("findings.parquet");
    let mut findings_writer = if args.score {
        Some(FindingsWriter::create(&findings_path, args.reveal)?)
    } else {
        // A findings file left by an earlier scored run would not describe this one.
        remove_if_present(&findings_path).map_err(|source| ScanError::Output {
            path: findings_path.clone(),
            source,
        })?;
        None
    };

    let config = PipelineConfig {
        threads: args
            .threads
            .unwrap_or_else(pipeline::default_threads)
            .max(1),
        ..PipelineConfig::default()
    };
    let started = SystemTime::now();
    let progress = Progress::default();
    let counts = WalkCounts::default();
    let mut tally = Tally::default();
    let mut pending: Vec<FileRow> = Vec::with_capacity(WRITE_BATCH_ROWS);
    let mut pending_findings: Vec<FindingRow> = Vec::new();
    let mut next_file_id: u64 = 0;
    let mut name_look = NameLook::new(args.out.join(".name-pairs.tmp"));
    let list_error: std::sync::Mutex<Option<io::Error>> = std::sync::Mutex::new(None);
    let stop_drawing = AtomicBool::new(false);
    let walk_options = WalkOptions {
        follow_symlinks: args.follow_symlinks,
    };

    let result = std::thread::scope(|scope| {
        if progress::should_draw(args.quiet) {
            scope.spawn(|| progress::draw_until(&progress, &stop_drawing));
        }
        let result = pipeline::run(
            &config,
            &progress,
            |emit| {
                if !walk::walk_roots(&args.paths, walk_options, &counts, emit) {
                    return;
                }
                if let Some(list) = &args.files_from
                    && let Err(e) =
                        walk_list_file(list, args.null_separated, walk_options, &counts, emit)
                {
                    *list_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
                }
            },
            |input| make_row(input, &keyer, args.reveal, args.score, &progress),
            |rows| {
                for scanned in rows {
                    let file_id = next_file_id;
                    next_file_id += 1;
                    tally.add(&scanned);
                    name_look
                        .add(
                            file_id,
                            &scanned.name_pairs,
                            &scanned.text_pairs,
                            &scanned.text_elements,
                        )
                        .map_err(|source| ScanError::Output {
                            path: name_look.spill_path().to_path_buf(),
                            source,
                        })?;
                    pending_findings.extend(
                        scanned
                            .findings
                            .into_iter()
                            .map(|finding| FindingRow { file_id, finding }),
                    );
                    pending.push(FileRow {
                        file_id,
                        facts: scanned.facts,
                        grade: scanned.grade,
                    });
                }
                if pending.len() >= WRITE_BATCH_ROWS {
                    writer.write_batch(&pending)?;
                    pending.clear();
                }
                if pending_findings.len() >= WRITE_BATCH_ROWS
                    && let Some(w) = findings_writer.as_mut()
                {
                    w.write_batch(&pending_findings)?;
                    pending_findings.clear();
                }
                Ok::<(), ScanError>(())
            },
        );
        stop_drawing.store(true, Ordering::Relaxed);
        result
    });
    result?;
    if let Some(e) = list_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        let path = args.files_from.clone().unwrap_or_default();
        return Err(ScanError::List { path, source: e });
    }
    writer.write_batch(&pending)?;
    writer.finish()?;
    let cross_file = name_look
        .finish(&keyer)
        .map_err(|source| ScanError::Output {
            path: args.out.clone(),
            source,
        })?;
    for (file_id, findings) in &cross_file {
        pending_findings.extend(findings.iter().cloned().map(|finding| FindingRow {
            file_id: *file_id,
            finding,
        }));
    }
    if let Some(mut w) = findings_writer {
        w.write_batch(&pending_findings)?;
        w.finish()?;
    }
    if !cross_file.is_empty() {
        let extra = cross_file
            .iter()
            .map(|(id, f)| (*id, f.len() as u32))
            .collect();
        crate::output::parquet::mark_direct(&files_path, &extra)?;
    }

    let record = RunRecord {
        arguments: args.command_line.clone(),
        started,
        finished: SystemTime::now(),
        by_status: tally.by_status,
        duplicate_instances: tally.duplicates,
        threads: config.threads,
        reveal: args.reveal,
        scored: args.score,
        key_file: key_file.display().to_string(),
        key_created,
        walk: (
            counts.directories.load(Ordering::Relaxed),
            counts.symlinks_skipped.load(Ordering::Relaxed),
            counts.special_skipped.load(Ordering::Relaxed),
        ),
    };
    record
        .write(&args.out)
        .map_err(|source| ScanError::Output {
            path: args.out.clone(),
            source,
        })?;
    Ok(ScanSummary {
        record,
        out: args.out.clone(),
    })
}

fn walk_list_file(
    list: &Path,
    null_separated: bool,
    options: WalkOptions,
    counts: &WalkCounts,
    emit: &mut dyn FnMut(walk::Found) -> bool,
) -> io::Result<()> {
    if list == Path::new("-") {
        let stdin = io::stdin();
        let mut lock = stdin.lock();
        walk::walk_list(&mut lock, null_separated, options, counts, emit)?;
    } else {
        let mut reader = BufReader::new(File::open(list)?);
        walk::walk_list(&mut reader, null_separated, options, counts, emit)?;
    }
    Ok(())
}

/// What a reader thread makes of one file: its facts, findings and grade.
struct Scanned {
    facts: FileFacts,
    grade: Option<phi::grade::Grade>,
    findings: Vec<Finding>,
    name_pairs: Vec<u64>,
    text_pairs: Vec<phi::TextPair>,
    text_elements: Vec<phi::TextElement>,
}

fn make_row(
    input: Input<'_>,
    keyer: &Keyer,
    reveal: bool,
    score: bool,
    progress: &Progress,
) -> Scanned {
    let scanned = match input {
        Input::Read {
            path,
            header,
            file_len,
        } => {
            let facts = FileFacts::from_header(path, file_len, header, keyer, reveal);
            // A file that is not DICOM has no header to grade.
            let assessment =
                (score && !header.elements.is_empty()).then(|| phi::assess(header, keyer, reveal));
            match assessment {
                Some(a) => Scanned {
                    facts,
                    grade: Some(a.grade),
                    findings: a.findings,
                    name_pairs: a.name_pairs,
                    text_pairs: a.text_pairs,
                    text_elements: a.text_elements,
                },
                None => Scanned {
                    facts,
                    grade: None,
                    findings: Vec::new(),
                    name_pairs: Vec::new(),
                    text_pairs: Vec::new(),
                    text_elements: Vec::new(),
                },
            }
        }
        Input::Failed {
            path,
            file_size,
            error,
        } => Scanned {
            facts: FileFacts::io_error(path, file_size, error),
            grade: None,
            findings: Vec::new(),
            name_pairs: Vec::new(),
            text_pairs: Vec::new(),
            text_elements: Vec::new(),
        },
    };
    if scanned.facts.status != Status::Ok {
        progress.problems.fetch_add(1, Ordering::Relaxed);
    }
    scanned
}

/// Counts the writer thread keeps: rows per status, and instance keys seen (16 bytes each,
/// the only per-file state a run keeps: 1,000,000 files cost about 32 MB).
#[derive(Default)]
struct Tally {
    by_status: BTreeMap<Status, u64>,
    instances: HashSet<u128>,
    duplicates: u64,
}

impl Tally {
    fn add(&mut self, scanned: &Scanned) {
        let row = &scanned.facts;
        *self.by_status.entry(row.status).or_default() += 1;
        let Some(key) = row.instance_key.as_deref() else {
            return;
        };
        if let Ok(k) = u128::from_str_radix(key, 16)
            && !self.instances.insert(k)
        {
            self.duplicates += 1;
        }
    }
}

/// Makes the output directory; refuses to replace an earlier scan unless asked.
fn prepare_output(out: &Path, overwrite: bool) -> Result<PathBuf, ScanError> {
    let files = out.join("files.parquet");
    if files.exists() && !overwrite {
        return Err(ScanError::OutputExists(files));
    }
    std::fs::create_dir_all(out).map_err(|source| ScanError::Output {
        path: out.to_path_buf(),
        source,
    })?;
    // Check that it is writable now, not after an hour of scanning.
    let probe = out.join(".dicomleak-write-test");
    File::create(&probe)
        .and_then(|mut f| f.write_all(b"ok"))
        .map_err(|source| ScanError::Output {
            path: out.to_path_buf(),
            source,
        })?;
    let _ = std::fs::remove_file(probe);
    Ok(files)
}

/// Removes a file, when there is one.
fn remove_if_present(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The key file to use, and whether this run must create it. Without `--key-file`, the
/// key lives beside the output directory (`OUT.key`), never inside it, so the output can be
/// handed to an analyst without the secret; an existing one is reused so that runs into
/// the same output share pseudonyms.
fn key_file_for(args: &ScanArgs) -> Result<(PathBuf, bool), ScanError> {
    if let Some(k) = &args.key_file {
        return Ok((k.clone(), false));
    }
    let out = args.out.canonicalize().unwrap_or_else(|_| args.out.clone());
    let name = out
        .file_name()
        .map_or_else(|| "dicomleak-out".into(), |n| n.to_os_string());
    let mut key_name = name;
    key_name.push(".key");
    let key = out.with_file_name(key_name);
    let exists = key.exists();
    Ok((key, !exists))
}

/// The closing summary: counts per status, duplicates, throughput, where the output is.
pub fn summary_text(s: &ScanSummary) -> String {
    let r = &s.record;
    let statuses: Vec<String> = Status::ALL
        .iter()
        .map(|st| {
            format!(
                "{} {}",
                st.as_str(),
                r.by_status.get(st).copied().unwrap_or(0)
            )
        })
        .collect();
    format!(
        "dicomleak: scanned {} files in {} ({:.0} files/s): {}; {} duplicate instances\n\
         dicomleak: wrote {}",
        r.files(),
        progress::clock(std::time::Duration::from_secs_f64(r.elapsed_seconds())),
        r.files_per_second(),
        statuses.join(", "),
        r.duplicate_instances,
        s.out.join("files.parquet").display(),
    )
}

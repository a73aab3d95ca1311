//! Command-line definitions (clap). Only definitions: `main.rs` runs them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Find and size the patient data that exposed DICOM archives leak.
#[derive(Debug, Parser)]
#[command(name = "dicomleak", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one file's header as DICOM JSON (PS3.18 F.2), values in clear, like dcmdump.
    ///
    /// Exit code 0 whenever the JSON object was printed: a broken file is a status in it
    /// (`ok`, `truncated`, `malformed`, `not_dicom`, `io_error`), not a failure.
    Dump {
        /// The file to read.
        file: PathBuf,
        /// Print on one line instead of indented.
        #[arg(long)]
        compact: bool,
    },
    /// Read the header of every file under PATHs and write OUT/files.parquet (one row per
    /// file, whatever happened to it) and OUT/run.json.
    ///
    /// Identifiers (names, IDs, birth dates, UIDs) appear only as keyed pseudonyms unless
    /// --reveal is given. Exit code 0 when the run completed (broken files are rows), 2 on a
    /// fatal error.
    Scan {
        /// Files and directories to scan (every file, whatever its name).
        paths: Vec<PathBuf>,
        /// Output directory.
        #[arg(short, long, default_value = "dicomleak-out")]
        out: PathBuf,
        /// Read more paths from FILE, one a line (`-` for standard input).
        #[arg(long, value_name = "FILE")]
        files_from: Option<PathBuf>,
        /// The --files-from list is NUL-separated (as `find -print0` writes).
        #[arg(short = '0', long = "null")]
        null: bool,
        /// Follow symbolic links (loops are detected and reported as rows).
        #[arg(long)]
        follow_symlinks: bool,
        /// Reader threads [default: 8, or 2 per core if more].
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
        threads: Option<u32>,
        /// The pseudonym secret (a file of at least 16 bytes). Without it, OUT.key beside the
        /// output directory is used, or created with mode 0600.
        #[arg(long, value_name = "PATH")]
        key_file: Option<PathBuf>,
        /// Add clear-text columns (patient name, ID, birth date, UIDs) for a responder who
        /// must contact patients. The output is then no longer safe to hand to an analyst.
        #[arg(long)]
        reveal: bool,
        /// Skip the leak scoring: an inventory of files, studies and patients only (no
        /// findings.parquet, empty grade columns), for a first count of a very large archive.
        #[arg(long)]
        no_score: bool,
        /// No progress line and no summary.
        #[arg(short, long)]
        quiet: bool,
        /// Replace an existing OUT/files.parquet.
        #[arg(long)]
        overwrite: bool,
    },
    /// Size a breach from scan outputs: files, studies, patients as lower and upper bounds,
    /// what leaked; a terminal table, and JSON or a self-contained HTML page on request.
    ///
    /// Several OUT directories (shards or sites of one investigation) are joined through
    /// their keyed pseudonyms, so they must have been scanned with the same --key-file.
    /// Nothing in the report identifies a person; table cells of 1 to 4 patients are
    /// suppressed. Exit code 0 when the report was made, 2 on a fatal error.
    Report {
        /// Scan output directories (each holding files.parquet).
        #[arg(required = true, value_name = "OUT")]
        inputs: Vec<PathBuf>,
        /// Write the report as JSON (schema: docs/report-schema.md); `-` for standard
        /// output, instead of the table.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        /// Write a self-contained HTML page (inline CSS and SVG, nothing fetched).
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Rows kept in ranked tables (institutions, modalities, manufacturers...).
        #[arg(long, value_name = "N", default_value_t = 10)]
        top: usize,
        /// No terminal table.
        #[arg(short, long)]
        quiet: bool,
    },
}

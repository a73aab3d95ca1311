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
}

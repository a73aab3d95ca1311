//! The `dicomleak` binary: parses arguments, calls the library, maps errors to exit codes.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use dicomleak::cli::{Cli, Command};
use dicomleak::output::dicom_json;
use dicomleak::scan::read::{ReadPlan, read_header_bytes};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Dump { file, compact } => dump(&file, compact),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dicomleak: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn dump(path: &std::path::Path, compact: bool) -> anyhow::Result<()> {
    let shown = path.to_string_lossy();
    let plan = ReadPlan::default();
    let object = match read_header_bytes(path, &plan) {
        Ok(bytes) => dicom_json::dump_object(&shown, &bytes.parse(&plan.options)),
        Err(e) => dicom_json::io_error_object(&shown, &e),
    };
    let text = if compact {
        serde_json::to_string(&object)?
    } else {
        serde_json::to_string_pretty(&object)?
    };
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        // A closed pipe (`dicomleak dump f | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

//! `dicomleak dump FILE`: one file's header as DICOM JSON, values in clear.

use std::io::Write;
use std::path::Path;

use crate::output::dicom_json;
use crate::scan::read::{ReadPlan, read_header_bytes};

/// Prints the dump object of `path` to stdout. A file that cannot be read or parsed is a
/// status in the object; only failing to write stdout is an error.
pub fn run(path: &Path, compact: bool) -> std::io::Result<()> {
    let shown = path.to_string_lossy();
    let plan = ReadPlan::default();
    let object = match read_header_bytes(path, &plan) {
        Ok(bytes) => dicom_json::dump_object(&shown, &bytes.parse(&plan.options)),
        Err(e) => dicom_json::io_error_object(&shown, &e),
    };
    let text = if compact {
        serde_json::to_string(&object)
    } else {
        serde_json::to_string_pretty(&object)
    }
    .map_err(std::io::Error::other)?;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        // A closed pipe (`dicomleak dump f | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

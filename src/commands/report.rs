//! `dicomleak report OUT...`: reads scan outputs, sizes the breach, prints the terminal
//! table and writes the JSON and HTML renderings asked for.

use std::io::Write;
use std::path::PathBuf;
use std::time::SystemTime;

use crate::output::run::rfc3339;
use crate::report::{self, ReportError, ReportOptions};

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct ReportArgs {
    /// Scan output directories.
    pub inputs: Vec<PathBuf>,
    /// Where to write the JSON document (`-`: standard output, instead of the table).
    pub json: Option<PathBuf>,
    /// Where to write the HTML page.
    pub html: Option<PathBuf>,
    /// Rows of the ranked tables.
    pub top: usize,
    /// No terminal table.
    pub quiet: bool,
}

/// Builds the report and writes what was asked. Warnings go to standard error as well as
/// into every rendering.
pub fn run(args: &ReportArgs) -> Result<(), ReportError> {
    let report = report::build(&args.inputs, &ReportOptions { top: args.top })?;
    for w in &report.warnings {
        eprintln!("dicomleak: warning: {w}");
    }
    let generated_at = rfc3339(SystemTime::now());
    let json_to_stdout = args.json.as_deref() == Some(std::path::Path::new("-"));
    if let Some(path) = &args.json {
        let value = report::json::to_json(&report, &generated_at);
        let text = serde_json::to_string_pretty(&value).map_err(|e| ReportError::Write {
            path: path.clone(),
            source: std::io::Error::other(e),
        })? + "\n";
        if json_to_stdout {
            print_stdout(&text, path)?;
        } else {
            report::write_file(path, &text)?;
        }
    }
    if let Some(path) = &args.html {
        report::write_file(path, &report::html::render(&report, &generated_at))?;
    }
    if !args.quiet && !json_to_stdout {
        print_stdout(&report::text::render(&report), &PathBuf::from("-"))?;
    }
    Ok(())
}

fn print_stdout(text: &str, path: &std::path::Path) -> Result<(), ReportError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()) {
        // A closed pipe (`dicomleak report OUT | head`) is the reader's choice.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(source) => Err(ReportError::Write {
            path: path.to_path_buf(),
            source,
        }),
        Ok(()) => Ok(()),
    }
}

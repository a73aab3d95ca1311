//! dicomleak: find and size the patient data that exposed DICOM archives leak.
//!
//! Module map, in the order data flows:
//! - [`reader`]: bytes -> elements. Part 10 preamble and meta, transfer syntaxes, sequences,
//!   character sets, person names. Pure, no I/O.
//! - [`scan`]: paths -> bytes: walking, reading only the header bytes of each file, the
//!   parallel pipeline, progress.
//! - [`facts`]: elements -> one file's facts (the columns of `files.parquet`).
//! - [`phi`]: elements -> findings and a grade: attribute tables (generated), detectors,
//!   placeholders, markers, grading.
//! - [`keys`]: keyed pseudonyms (HMAC-SHA256) of identifiers, and the secret they use.
//! - [`output`]: DICOM JSON for `dicomleak dump`; `files.parquet`; `run.json`.
//! - [`report`]: scan outputs -> breach sizing: identity resolution into patient bounds,
//!   tables with small-cell suppression, terminal, JSON and HTML renderings.
//! - [`commands`]: each subcommand, wiring the stages together.
#![deny(missing_docs)]

pub mod cli;
pub mod commands;
pub mod facts;
pub mod keys;
pub mod output;
pub mod phi;
pub mod reader;
pub mod report;
pub mod scan;
#[cfg(test)]
mod test_support;

//! dicomleak: find and size the patient data that exposed DICOM archives leak.
//!
//! Module map, in the order data flows:
//! - [`reader`]: bytes -> elements. Part 10 preamble and meta, transfer syntaxes, sequences,
//!   character sets, person names. Pure, no I/O.
//! - [`scan`]: paths -> bytes: reading only the header bytes of a file.
//! - [`output`]: DICOM JSON for `dicomleak dump`.
#![deny(missing_docs)]

pub mod cli;
pub mod output;
pub mod reader;
pub mod scan;

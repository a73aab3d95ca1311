//! Output: the DICOM JSON model for `dump`, and the Parquet tables of a scan.

pub mod dicom_json;
pub mod findings;
pub mod parquet;
pub mod run;

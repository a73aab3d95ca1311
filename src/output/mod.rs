//! Output: the DICOM JSON model for `dump`.

pub mod dicom_json;

//! `findings.parquet`: one row per finding, joined to `files.parquet` by `file_id`.
//!
//! A finding holds where the identifier is (attribute path, tag), what it is (category,
//! HIPAA letter, detector), the state and shape of the value and a keyed pseudonym of it:
//! never the value, unless the scan was asked to `--reveal` (then a `value` column is
//! added to the schema).

use std::path::Path;
use std::sync::Arc;

use ::parquet::basic::{Compression, ZstdLevel};
use ::parquet::file::properties::{EnabledStatistics, WriterProperties};
use ::parquet::schema::types::ColumnPath;
use arrow_array::builder::{BooleanBuilder, Float32Builder, StringBuilder, UInt64Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};

use super::parquet::{OutputError, TableWriter};
use crate::phi::Finding;

/// One finding with the file it belongs to and, with `--reveal`, its value.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingRow {
    /// The file's `file_id` in `files.parquet`.
    pub file_id: u64,
    /// The finding.
    pub finding: Finding,
}

/// The schema of `findings.parquet`.
pub fn findings_schema(reveal: bool) -> SchemaRef {
    use DataType::{Boolean, Float32, UInt64, Utf8};
    let text = |name: &str| Field::new(name, Utf8, true);
    let mut fields = vec![
        Field::new("file_id", UInt64, false),
        Field::new("path", Utf8, false),
        Field::new("tag", Utf8, false),
        text("keyword"),
        Field::new("vr", Utf8, false),
        Field::new("category", Utf8, false),
        text("hipaa_letter"),
        Field::new("subject", Utf8, false),
        Field::new("detector", Utf8, false),
        Field::new("kind", Utf8, false),
        Field::new("value_state", Utf8, false),
        Field::new("confidence", Float32, false),
        Field::new("value_shape", Utf8, false),
        text("value_key"),
        Field::new("direct_identifier", Boolean, false),
        text("private_creator"),
        Field::new("safe_private", Boolean, false),
    ];
    if reveal {
        fields.push(text("value"));
    }
    Arc::new(Schema::new(fields))
}

/// Writes `findings.parquet`; call [`FindingsWriter::finish`] to write the footer.
pub struct FindingsWriter {
    table: TableWriter,
    reveal: bool,
}

impl FindingsWriter {
    /// Creates (or truncates) the file.
    pub fn create(path: &Path, reveal: bool) -> Result<FindingsWriter, OutputError> {
        let zstd = ZstdLevel::try_new(3).expect("3 is a valid zstd level");
        // Min/max statistics cost a comparison per value and help a reader only where a
        // column is sorted: file_id is (rows come in file order), the strings are not. A
        // value key is nearly unique, so a dictionary only costs time.
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(zstd))
            .set_max_row_group_row_count(Some(256 * 1024))
            .set_statistics_enabled(EnabledStatistics::None)
            .set_column_statistics_enabled(ColumnPath::from("file_id"), EnabledStatistics::Chunk)
            .set_column_dictionary_enabled(ColumnPath::from("value_key"), false)
            .set_column_dictionary_enabled(ColumnPath::from("value"), false)
            .build();
        let table = TableWriter::create(path, findings_schema(reveal), props)?;
        Ok(FindingsWriter { table, reveal })
    }

    /// Appends rows as one record batch.
    pub fn write_batch(&mut self, rows: &[FindingRow]) -> Result<(), OutputError> {
        if rows.is_empty() {
            return Ok(());
        }
        let reveal = self.reveal;
        self.table
            .write_with(|schema| RecordBatch::try_new(schema.clone(), arrays(rows, reveal)))
    }

    /// Flushes and writes the footer.
    pub fn finish(self) -> Result<(), OutputError> {
        self.table.finish()
    }
}

fn arrays(rows: &[FindingRow], reveal: bool) -> Vec<ArrayRef> {
    let n = rows.len();
    let text = |get: &dyn Fn(&FindingRow) -> Option<&str>| -> ArrayRef {
        let mut b = StringBuilder::with_capacity(n, 0);
        for r in rows {
            b.append_option(get(r));
        }
        Arc::new(b.finish())
    };
    let static_text = |get: &dyn Fn(&FindingRow) -> &str| -> ArrayRef {
        let mut b = StringBuilder::with_capacity(n, 0);
        for r in rows {
            b.append_value(get(r));
        }
        Arc::new(b.finish())
    };
    let bools = |get: &dyn Fn(&FindingRow) -> bool| -> ArrayRef {
        let mut b = BooleanBuilder::with_capacity(n);
        for r in rows {
            b.append_value(get(r));
        }
        Arc::new(b.finish())
    };
    let mut ids = UInt64Builder::with_capacity(n);
    let mut confidence = Float32Builder::with_capacity(n);
    for r in rows {
        ids.append_value(r.file_id);
        confidence.append_value(r.finding.confidence);
    }
    let mut out: Vec<ArrayRef> = vec![
        Arc::new(ids.finish()),
        static_text(&|r| &r.finding.path),
        tags(rows),
        text(&|r| (!r.finding.keyword.is_empty()).then_some(r.finding.keyword)),
        static_text(&|r| r.finding.vr.as_str()),
        static_text(&|r| r.finding.category.as_str()),
        hipaa_letters(rows),
        static_text(&|r| subject_name(r.finding.subject)),
        static_text(&|r| r.finding.detector.as_str()),
        static_text(&|r| r.finding.kind),
        static_text(&|r| r.finding.state.as_str()),
        Arc::new(confidence.finish()),
        static_text(&|r| &r.finding.shape),
        text(&|r| r.finding.value_key.as_deref()),
        bools(&|r| r.finding.direct),
        text(&|r| r.finding.private_creator.as_deref()),
        bools(&|r| r.finding.safe_private),
    ];
    if reveal {
        out.push(text(&|r| r.finding.value.as_deref()));
    }
    out
}

/// The `tag` column, `(gggg,eeee)`, formatted into one reused buffer.
fn tags(rows: &[FindingRow]) -> ArrayRef {
    let mut b = StringBuilder::with_capacity(rows.len(), rows.len() * 11);
    let mut s = String::with_capacity(11);
    for r in rows {
        s.clear();
        r.finding.tag.push_to(&mut s);
        b.append_value(&s);
    }
    Arc::new(b.finish())
}

/// The `hipaa_letter` column: one letter or null.
fn hipaa_letters(rows: &[FindingRow]) -> ArrayRef {
    let mut b = StringBuilder::with_capacity(rows.len(), rows.len());
    let mut buf = [0u8; 4];
    for r in rows {
        b.append_option(r.finding.hipaa.map(|c| &*c.encode_utf8(&mut buf)));
    }
    Arc::new(b.finish())
}

fn subject_name(s: crate::phi::category::Subject) -> &'static str {
    use crate::phi::category::Subject::*;
    match s {
        Patient => "patient",
        Staff => "staff",
        Institution => "institution",
        Device => "device",
        Study => "study",
        Other => "other",
    }
}

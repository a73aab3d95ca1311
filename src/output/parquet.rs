//! `files.parquet`: one row per file scanned, the columns of [`FileFacts`].
//!
//! One [`FilesWriter`] owns the file. Callers hand it rows in batches; each batch becomes one
//! Arrow `RecordBatch`, and the Parquet writer closes a row group every
//! [`ROW_GROUP_ROWS`] rows, so memory stays bounded however many files a scan reads.
//! Columns are zstd-compressed and dictionary-encoded where values repeat (status,
//! modality, manufacturer, keys shared by the files of a study), which is most of them;
//! the columns unique per row (paths, instance keys and UIDs) skip the dictionary, which
//! would only grow and be thrown away.
//!
//! Paths are stored twice over: `path` is always text (lossy for names that are not
//! UTF-8, so every tool can show it), and `path_bytes` holds the exact bytes of exactly
//! those names, so that no file is lost or confused with another.
//!
//! Without `reveal`, the clear-text identifier columns are not in the schema at all: a
//! reader of the file cannot find an empty column and wonder whether it was filtered.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ::parquet::arrow::ArrowWriter;
use ::parquet::basic::{Compression, ZstdLevel};
use ::parquet::errors::ParquetError;
use ::parquet::file::properties::WriterProperties;
use ::parquet::schema::types::ColumnPath;
use arrow_array::builder::{
    BinaryBuilder, BooleanBuilder, Float32Builder, Int32Builder, ListBuilder, StringBuilder,
    UInt8Builder, UInt32Builder, UInt64Builder,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};

use crate::facts::{FileFacts, Revealed};
use crate::phi::grade::Grade;

/// One row of `files.parquet`: a file's facts and, when it was scored, its grade.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRow {
    /// The file's number in this run; `findings.parquet` rows refer to it.
    pub file_id: u64,
    /// What was read of the file.
    pub facts: FileFacts,
    /// The scorer's grade (null columns when the file was not scored).
    pub grade: Option<Grade>,
}

impl From<FileFacts> for FileRow {
    fn from(facts: FileFacts) -> Self {
        FileRow {
            file_id: 0,
            facts,
            grade: None,
        }
    }
}

/// Rows per row group: large enough for good compression and fast scans, small enough
/// that the writer's buffer stays in the tens of megabytes.
pub const ROW_GROUP_ROWS: usize = 64 * 1024;

/// Zstd level: 3 is zstd's default, most of the ratio at a fraction of the time of higher
/// levels.
const ZSTD_LEVEL: i32 = 3;

/// Column names of `files.parquet`, for writers and readers of the file alike.
pub mod columns {
    #![allow(missing_docs)]
    pub const FILE_ID: &str = "file_id";
    pub const PATH: &str = "path";
    pub const PATH_BYTES: &str = "path_bytes";
    pub const FILE_SIZE: &str = "file_size";
    pub const STATUS: &str = "status";
    pub const ERROR: &str = "error";
    pub const HAS_PREAMBLE: &str = "has_preamble";
    pub const PREAMBLE_KIND: &str = "preamble_kind";
    pub const HEADER_BYTES: &str = "header_bytes";
    pub const TRANSFER_SYNTAX_UID: &str = "transfer_syntax_uid";
    pub const SOP_CLASS_UID: &str = "sop_class_uid";
    pub const MODALITY: &str = "modality";
    pub const SPECIFIC_CHARACTER_SET: &str = "specific_character_set";
    pub const MANUFACTURER: &str = "manufacturer";
    pub const MANUFACTURER_MODEL_NAME: &str = "manufacturer_model_name";
    pub const INSTITUTION_NAME: &str = "institution_name";
    pub const STATION_NAME: &str = "station_name";
    pub const BODY_PART_EXAMINED: &str = "body_part_examined";
    pub const STUDY_YEAR_MONTH: &str = "study_year_month";
    pub const PATIENT_SEX: &str = "patient_sex";
    pub const PATIENT_BIRTH_YEAR: &str = "patient_birth_year";
    pub const NUMBER_OF_FRAMES: &str = "number_of_frames";
    pub const ELEMENT_COUNT: &str = "element_count";
    pub const PRIVATE_TAG_COUNT: &str = "private_tag_count";
    pub const PRIVATE_CREATORS: &str = "private_creators";
    pub const MAX_SEQUENCE_DEPTH: &str = "max_sequence_depth";
    pub const STUDY_KEY: &str = "study_key";
    pub const SERIES_KEY: &str = "series_key";
    pub const INSTANCE_KEY: &str = "instance_key";
    pub const PATIENT_KEY: &str = "patient_key";
    pub const PERSON_KEY: &str = "person_key";
    pub const PERSON_KEY_ALTERNATES: &str = "person_key_alternates";
    pub const PHI_CATEGORIES: &str = "phi_categories";
    pub const HIPAA_IDENTIFIERS: &str = "hipaa_identifiers";
    pub const HAS_DIRECT_IDENTIFIER: &str = "has_direct_identifier";
    pub const IDENTIFIABILITY: &str = "identifiability";
    pub const SCORE: &str = "score";
    pub const TIER: &str = "tier";
    pub const DEID_CLAIMED: &str = "deid_claimed";
    pub const DEID_CONSISTENT: &str = "deid_consistent";
    pub const BURNED_IN_RISK: &str = "burned_in_risk";
    pub const FINDINGS_COUNT: &str = "findings_count";
    pub const PATIENT_NAME: &str = "patient_name";
    pub const PATIENT_ID: &str = "patient_id";
    pub const PATIENT_BIRTH_DATE: &str = "patient_birth_date";
    pub const STUDY_INSTANCE_UID: &str = "study_instance_uid";
    pub const SERIES_INSTANCE_UID: &str = "series_instance_uid";
    pub const SOP_INSTANCE_UID: &str = "sop_instance_uid";

    /// The clear-text columns that exist only with `reveal`.
    pub const REVEALED: [&str; 6] = [
        PATIENT_NAME,
        PATIENT_ID,
        PATIENT_BIRTH_DATE,
        STUDY_INSTANCE_UID,
        SERIES_INSTANCE_UID,
        SOP_INSTANCE_UID,
    ];
}

/// Writing a Parquet output failed.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output file could not be created.
    #[error("cannot create {path}: {source}")]
    Create {
        /// The output file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The Parquet writer failed (I/O while flushing a row group, or an encoding error).
    #[error("cannot write {path}: {source}")]
    Parquet {
        /// The output file.
        path: PathBuf,
        /// The writer's error.
        #[source]
        source: ParquetError,
    },
    /// Building a record batch failed: the arrays do not match the schema (a bug).
    #[error("cannot build a record batch for {path}: {source}")]
    Arrow {
        /// The output file.
        path: PathBuf,
        /// Arrow's error.
        #[source]
        source: ArrowError,
    },
}

/// The schema of `files.parquet`; the six clear-text identifier columns only with
/// `reveal`.
pub fn files_schema(reveal: bool) -> SchemaRef {
    use DataType::{Binary, Boolean, Int32, UInt32, UInt64, Utf8};
    let field = |name: &str, data_type, nullable| Field::new(name, data_type, nullable);
    let text = |name: &str| Field::new(name, Utf8, true);
    let list = |name: &str| Field::new(name, DataType::List(Arc::new(creator_item_field())), false);
    let mut fields = vec![
        field(columns::FILE_ID, UInt64, false),
        field(columns::PATH, Utf8, false),
        field(columns::PATH_BYTES, Binary, true),
        field(columns::FILE_SIZE, UInt64, true),
        field(columns::STATUS, Utf8, false),
        text(columns::ERROR),
        field(columns::HAS_PREAMBLE, Boolean, true),
        text(columns::PREAMBLE_KIND),
        field(columns::HEADER_BYTES, UInt64, true),
        text(columns::TRANSFER_SYNTAX_UID),
        text(columns::SOP_CLASS_UID),
        text(columns::MODALITY),
        text(columns::SPECIFIC_CHARACTER_SET),
        text(columns::MANUFACTURER),
        text(columns::MANUFACTURER_MODEL_NAME),
        text(columns::INSTITUTION_NAME),
        text(columns::STATION_NAME),
        text(columns::BODY_PART_EXAMINED),
        text(columns::STUDY_YEAR_MONTH),
        text(columns::PATIENT_SEX),
        field(columns::PATIENT_BIRTH_YEAR, Int32, true),
        field(columns::NUMBER_OF_FRAMES, UInt32, true),
        field(columns::ELEMENT_COUNT, UInt32, true),
        field(columns::PRIVATE_TAG_COUNT, UInt32, true),
        field(
            columns::PRIVATE_CREATORS,
            DataType::List(Arc::new(creator_item_field())),
            false,
        ),
        field(columns::MAX_SEQUENCE_DEPTH, UInt32, true),
        text(columns::STUDY_KEY),
        text(columns::SERIES_KEY),
        text(columns::INSTANCE_KEY),
        text(columns::PATIENT_KEY),
        text(columns::PERSON_KEY),
        list(columns::PERSON_KEY_ALTERNATES),
        list(columns::PHI_CATEGORIES),
        list(columns::HIPAA_IDENTIFIERS),
        field(columns::HAS_DIRECT_IDENTIFIER, Boolean, true),
        field(columns::IDENTIFIABILITY, DataType::Float32, true),
        field(columns::SCORE, DataType::UInt8, true),
        text(columns::TIER),
        field(columns::DEID_CLAIMED, Boolean, true),
        field(columns::DEID_CONSISTENT, Boolean, true),
        text(columns::BURNED_IN_RISK),
        field(columns::FINDINGS_COUNT, UInt32, true),
    ];
    if reveal {
        fields.extend(columns::REVEALED.iter().map(|name| text(name)));
    }
    Arc::new(Schema::new(fields))
}

/// The list items of `private_creators`: names, never null.
fn creator_item_field() -> Field {
    Field::new_list_field(DataType::Utf8, false)
}

/// Writes `files.parquet`. Owns the file; call [`FilesWriter::finish`] to write the footer,
/// without which the file is unreadable.
pub struct FilesWriter {
    table: TableWriter,
    reveal: bool,
}

impl FilesWriter {
    /// Creates (or truncates) the file at `path`.
    pub fn create(path: &Path, reveal: bool) -> Result<FilesWriter, OutputError> {
        let table = TableWriter::create(path, files_schema(reveal), writer_properties())?;
        Ok(FilesWriter { table, reveal })
    }

    /// Appends rows, as one record batch. An empty slice writes nothing.
    pub fn write_batch(&mut self, rows: &[FileRow]) -> Result<(), OutputError> {
        if rows.is_empty() {
            return Ok(());
        }
        let reveal = self.reveal;
        self.table
            .write_with(|schema| files_batch(schema, rows, reveal))
    }

    /// Flushes the last row group and writes the footer.
    pub fn finish(self) -> Result<(), OutputError> {
        self.table.finish()
    }
}

/// One Parquet file that one writer owns: the schema, the path for error messages, and the
/// Arrow writer. `files.parquet` and `findings.parquet` are both written through it.
pub(crate) struct TableWriter {
    writer: ArrowWriter<File>,
    schema: SchemaRef,
    path: PathBuf,
}

impl TableWriter {
    /// Creates (or truncates) the file.
    pub(crate) fn create(
        path: &Path,
        schema: SchemaRef,
        properties: WriterProperties,
    ) -> Result<TableWriter, OutputError> {
        let file = File::create(path).map_err(|source| OutputError::Create {
            path: path.to_owned(),
            source,
        })?;
        let writer =
            ArrowWriter::try_new(file, schema.clone(), Some(properties)).map_err(|source| {
                OutputError::Parquet {
                    path: path.to_owned(),
                    source,
                }
            })?;
        Ok(TableWriter {
            writer,
            schema,
            path: path.to_owned(),
        })
    }

    /// Builds one record batch with `build` and appends it.
    pub(crate) fn write_with(
        &mut self,
        build: impl FnOnce(&SchemaRef) -> Result<RecordBatch, ArrowError>,
    ) -> Result<(), OutputError> {
        let batch = build(&self.schema).map_err(|source| OutputError::Arrow {
            path: self.path.clone(),
            source,
        })?;
        self.writer
            .write(&batch)
            .map_err(|source| OutputError::Parquet {
                path: self.path.clone(),
                source,
            })
    }

    /// Flushes the last row group and writes the footer, without which the file is
    /// unreadable.
    pub(crate) fn finish(self) -> Result<(), OutputError> {
        let path = self.path;
        self.writer
            .close()
            .map(drop)
            .map_err(|source| OutputError::Parquet { path, source })
    }
}

fn writer_properties() -> WriterProperties {
    let zstd = ZstdLevel::try_new(ZSTD_LEVEL).expect("3 is a valid zstd level");
    let mut builder = WriterProperties::builder()
        .set_compression(Compression::ZSTD(zstd))
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_dictionary_enabled(true);
    let unique_per_row = [
        columns::PATH,
        columns::PATH_BYTES,
        columns::INSTANCE_KEY,
        columns::SOP_INSTANCE_UID,
    ];
    for name in unique_per_row {
        builder = builder.set_column_dictionary_enabled(ColumnPath::from(name), false);
    }
    builder.build()
}

/// One record batch of `files.parquet` rows, in the column order of [`files_schema`].
fn files_batch(
    schema: &SchemaRef,
    rows: &[FileRow],
    reveal: bool,
) -> Result<RecordBatch, ArrowError> {
    let n = rows.len();
    let text = |get: &dyn Fn(&FileFacts) -> Option<&str>| -> ArrayRef {
        let mut b = StringBuilder::with_capacity(n, 0);
        for r in rows {
            b.append_option(get(&r.facts));
        }
        Arc::new(b.finish())
    };
    let u32s = |get: &dyn Fn(&FileFacts) -> Option<u32>| -> ArrayRef {
        let mut b = UInt32Builder::with_capacity(n);
        for r in rows {
            b.append_option(get(&r.facts));
        }
        Arc::new(b.finish())
    };
    let u64s = |get: &dyn Fn(&FileFacts) -> Option<u64>| -> ArrayRef {
        let mut b = UInt64Builder::with_capacity(n);
        for r in rows {
            b.append_option(get(&r.facts));
        }
        Arc::new(b.finish())
    };

    let mut path = StringBuilder::with_capacity(n, 0);
    let mut path_bytes = BinaryBuilder::with_capacity(n, 0);
    for r in rows {
        let shown = r.facts.path.to_string_lossy();
        path.append_value(&shown);
        // Lossy text differs from the name only when the name is not UTF-8.
        match shown {
            std::borrow::Cow::Borrowed(_) => path_bytes.append_null(),
            std::borrow::Cow::Owned(_) => path_bytes.append_value(os_bytes(&r.facts.path)),
        }
    }
    let mut has_preamble = BooleanBuilder::with_capacity(n);
    let mut birth_year = Int32Builder::with_capacity(n);
    let mut creators = ListBuilder::new(StringBuilder::new()).with_field(creator_item_field());
    let mut alternates = ListBuilder::new(StringBuilder::new()).with_field(creator_item_field());
    for r in rows {
        for k in &r.facts.person_key_alternates {
            alternates.values().append_value(k);
        }
        alternates.append(true);
        has_preamble.append_option(r.facts.has_preamble);
        birth_year.append_option(r.facts.patient_birth_year);
        for c in &r.facts.private_creators {
            creators.values().append_value(c);
        }
        creators.append(true);
    }

    let mut ids = UInt64Builder::with_capacity(n);
    for r in rows {
        ids.append_value(r.file_id);
    }
    let mut arrays: Vec<ArrayRef> = vec![
        Arc::new(ids.finish()),
        Arc::new(path.finish()),
        Arc::new(path_bytes.finish()),
        u64s(&|r| r.file_size),
        text(&|r| Some(r.status.as_str())),
        text(&|r| r.error.as_deref()),
        Arc::new(has_preamble.finish()),
        text(&|r| r.preamble_kind.map(|k| k.as_str())),
        u64s(&|r| r.header_bytes),
        text(&|r| r.transfer_syntax_uid.as_deref()),
        text(&|r| r.sop_class_uid.as_deref()),
        text(&|r| r.modality.as_deref()),
        text(&|r| r.specific_character_set.as_deref()),
        text(&|r| r.manufacturer.as_deref()),
        text(&|r| r.manufacturer_model_name.as_deref()),
        text(&|r| r.institution_name.as_deref()),
        text(&|r| r.station_name.as_deref()),
        text(&|r| r.body_part_examined.as_deref()),
        text(&|r| r.study_year_month.as_deref()),
        text(&|r| r.patient_sex.as_deref()),
        Arc::new(birth_year.finish()),
        u32s(&|r| r.number_of_frames),
        u32s(&|r| r.element_count),
        u32s(&|r| r.private_tag_count),
        Arc::new(creators.finish()),
        u32s(&|r| r.max_sequence_depth),
        text(&|r| r.study_key.as_deref()),
        text(&|r| r.series_key.as_deref()),
        text(&|r| r.instance_key.as_deref()),
        text(&|r| r.patient_key.as_deref()),
        text(&|r| r.person_key.as_deref()),
        Arc::new(alternates.finish()),
    ];
    arrays.extend(grade_arrays(rows));
    if reveal {
        let revealed = |get: fn(&Revealed) -> &Option<String>| {
            text(&move |r: &FileFacts| r.revealed.as_ref().and_then(|v| get(v).as_deref()))
        };
        arrays.extend([
            revealed(|v| &v.patient_name),
            revealed(|v| &v.patient_id),
            revealed(|v| &v.patient_birth_date),
            revealed(|v| &v.study_instance_uid),
            revealed(|v| &v.series_instance_uid),
            revealed(|v| &v.sop_instance_uid),
        ]);
    }
    RecordBatch::try_new(schema.clone(), arrays)
}

/// The grade columns; nulls (and empty lists) for rows that were not scored.
fn grade_arrays(rows: &[FileRow]) -> Vec<ArrayRef> {
    let n = rows.len();
    let mut categories = ListBuilder::new(StringBuilder::new()).with_field(creator_item_field());
    let mut letters = ListBuilder::new(StringBuilder::new()).with_field(creator_item_field());
    let mut direct = BooleanBuilder::with_capacity(n);
    let mut identifiability = Float32Builder::with_capacity(n);
    let mut score = UInt8Builder::with_capacity(n);
    let mut tier = StringBuilder::with_capacity(n, 0);
    let mut claimed = BooleanBuilder::with_capacity(n);
    let mut consistent = BooleanBuilder::with_capacity(n);
    let mut burned = StringBuilder::with_capacity(n, 0);
    let mut count = UInt32Builder::with_capacity(n);
    for r in rows {
        let g = r.grade.as_ref();
        for c in g.map(|g| g.phi_categories.as_slice()).unwrap_or(&[]) {
            categories.values().append_value(c.as_str());
        }
        categories.append(true);
        for l in g.map(|g| g.hipaa_identifiers.as_slice()).unwrap_or(&[]) {
            letters.values().append_value(l.to_string());
        }
        letters.append(true);
        direct.append_option(g.map(|g| g.has_direct_identifier));
        identifiability.append_option(g.map(|g| g.identifiability));
        score.append_option(g.map(|g| g.score));
        tier.append_option(g.map(|g| g.tier.as_str()));
        claimed.append_option(g.map(|g| g.deid_claimed));
        consistent.append_option(g.map(|g| g.deid_consistent));
        burned.append_option(g.map(|g| g.burned_in_risk.as_str()));
        count.append_option(g.map(|g| g.findings_count));
    }
    vec![
        Arc::new(categories.finish()),
        Arc::new(letters.finish()),
        Arc::new(direct.finish()),
        Arc::new(identifiability.finish()),
        Arc::new(score.finish()),
        Arc::new(tier.finish()),
        Arc::new(claimed.finish()),
        Arc::new(consistent.finish()),
        Arc::new(burned.finish()),
        Arc::new(count.finish()),
    ]
}

/// Marks files found, after the walk, to hold a direct identifier (another file's patient
/// name in their free text): rewrites `files.parquet` with their grade raised to a direct
/// identification (identifiability 1.0, `patient_name` and letter A added, score and tier
/// raised, de-identification consistency re-checked, `extra` findings counted). The rest
/// of every row is copied as is. Returns the number of rows changed.
pub fn mark_direct(
    path: &Path,
    extra: &std::collections::HashMap<u64, u32>,
) -> Result<usize, OutputError> {
    use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let parquet_err = |source| OutputError::Parquet {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(|source| OutputError::Create {
        path: path.to_owned(),
        source,
    })?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(parquet_err)?
        .build()
        .map_err(parquet_err)?;
    let tmp = path.with_extension("parquet.tmp");
    let out = File::create(&tmp).map_err(|source| OutputError::Create {
        path: tmp.clone(),
        source,
    })?;
    let mut schema: Option<SchemaRef> = None;
    let mut writer: Option<ArrowWriter<File>> = None;
    let mut out = Some(out);
    let mut changed = 0;
    for batch in reader {
        let batch = batch.map_err(|source| OutputError::Arrow {
            path: path.to_owned(),
            source,
        })?;
        let s = schema.get_or_insert_with(|| batch.schema()).clone();
        if writer.is_none() {
            let file = out.take().expect("the output file is taken once");
            writer = Some(
                ArrowWriter::try_new(file, s.clone(), Some(writer_properties()))
                    .map_err(parquet_err)?,
            );
        }
        let (batch, n) = raise_grades(&batch, extra).map_err(|source| OutputError::Arrow {
            path: path.to_owned(),
            source,
        })?;
        changed += n;
        if let Some(w) = writer.as_mut() {
            w.write(&batch).map_err(parquet_err)?;
        }
    }
    let Some(w) = writer else {
        let _ = std::fs::remove_file(&tmp);
        return Ok(0);
    };
    w.close().map_err(parquet_err)?;
    std::fs::rename(&tmp, path).map_err(|source| OutputError::Create {
        path: path.to_owned(),
        source,
    })?;
    Ok(changed)
}

/// One batch with the grade columns of the marked rows raised.
fn raise_grades(
    batch: &RecordBatch,
    extra: &std::collections::HashMap<u64, u32>,
) -> Result<(RecordBatch, usize), ArrowError> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float32Type, UInt8Type, UInt32Type, UInt64Type};
    let col = |name: &str| {
        batch
            .column_by_name(name)
            .ok_or_else(|| ArrowError::SchemaError(format!("no column {name}")))
    };
    let ids = col(columns::FILE_ID)?.as_primitive::<UInt64Type>().clone();
    let marked: Vec<Option<u32>> = ids
        .values()
        .iter()
        .map(|id| extra.get(id).copied())
        .collect();
    let changed = marked.iter().filter(|m| m.is_some()).count();
    if changed == 0 {
        return Ok((batch.clone(), 0));
    }
    let n = batch.num_rows();
    let claimed = col(columns::DEID_CLAIMED)?.as_boolean().clone();
    let old_score = col(columns::SCORE)?.as_primitive::<UInt8Type>().clone();
    let old_ident = col(columns::IDENTIFIABILITY)?
        .as_primitive::<Float32Type>()
        .clone();
    let old_direct = col(columns::HAS_DIRECT_IDENTIFIER)?.as_boolean().clone();
    let old_consistent = col(columns::DEID_CONSISTENT)?.as_boolean().clone();
    let old_tier = col(columns::TIER)?.as_string::<i32>().clone();
    let old_count = col(columns::FINDINGS_COUNT)?
        .as_primitive::<UInt32Type>()
        .clone();
    let old_categories = col(columns::PHI_CATEGORIES)?.as_list::<i32>().clone();
    let old_letters = col(columns::HIPAA_IDENTIFIERS)?.as_list::<i32>().clone();

    let mut direct = BooleanBuilder::with_capacity(n);
    let mut ident = Float32Builder::with_capacity(n);
    let mut score = UInt8Builder::with_capacity(n);
    let mut tier = StringBuilder::with_capacity(n, 0);
    let mut consistent = BooleanBuilder::with_capacity(n);
    let mut count = UInt32Builder::with_capacity(n);
    let mut categories = ListBuilder::new(StringBuilder::new()).with_field(creator_item_field());
    let mut letters = ListBuilder::new(StringBuilder::new()).with_field(creator_item_field());
    let opt_bool = |a: &arrow_array::BooleanArray, i: usize| (!a.is_null(i)).then(|| a.value(i));
    for (i, mark) in marked.iter().enumerate() {
        let list = |l: &arrow_array::ListArray| -> Vec<String> {
            if l.is_null(i) {
                return Vec::new();
            }
            let v = l.value(i);
            let v = v.as_string::<i32>();
            (0..v.len()).map(|j| v.value(j).to_owned()).collect()
        };
        let mut cats = list(&old_categories);
        let mut lets = list(&old_letters);
        let Some(extra_findings) = mark else {
            direct.append_option(opt_bool(&old_direct, i));
            ident.append_option((!old_ident.is_null(i)).then(|| old_ident.value(i)));
            score.append_option((!old_score.is_null(i)).then(|| old_score.value(i)));
            tier.append_option((!old_tier.is_null(i)).then(|| old_tier.value(i)));
            consistent.append_option(opt_bool(&old_consistent, i));
            count.append_option((!old_count.is_null(i)).then(|| old_count.value(i)));
            append_list(&mut categories, &cats);
            append_list(&mut letters, &lets);
            continue;
        };
        let was_claimed = opt_bool(&claimed, i).unwrap_or(false);
        let name_was_counted = cats.iter().any(|c| c == "patient_name");
        if !name_was_counted {
            // Categories are listed in the order of `Category`, where the patient's name
            // comes first.
            cats.insert(0, "patient_name".into());
        }
        if !lets.iter().any(|l| l == "A") {
            lets.push("A".into());
            lets.sort();
        }
        let old = if old_score.is_null(i) {
            0
        } else {
            old_score.value(i)
        };
        // A direct identification, with the patient categories the old score counted
        // and the name if it is new, as the file's own walk would have scored it.
        let old_identifiability = if old_ident.is_null(i) {
            0.0
        } else {
            old_ident.value(i)
        };
        let counted = crate::phi::grade::patient_categories_of(old, old_identifiability);
        let breadth = (counted + usize::from(!name_was_counted)).max(1);
        let raised = crate::phi::grade::score_of(1.0, breadth, !was_claimed).max(old);
        direct.append_value(true);
        ident.append_value(1.0);
        score.append_value(raised);
        tier.append_value(crate::phi::grade::Tier::of(raised).as_str());
        consistent.append_option(Some(!was_claimed));
        let old_n = if old_count.is_null(i) {
            0
        } else {
            old_count.value(i)
        };
        count.append_value(old_n + extra_findings);
        append_list(&mut categories, &cats);
        append_list(&mut letters, &lets);
    }
    let schema = batch.schema();
    let replaced: Vec<(&str, ArrayRef)> = vec![
        (columns::HAS_DIRECT_IDENTIFIER, Arc::new(direct.finish())),
        (columns::IDENTIFIABILITY, Arc::new(ident.finish())),
        (columns::SCORE, Arc::new(score.finish())),
        (columns::TIER, Arc::new(tier.finish())),
        (columns::DEID_CONSISTENT, Arc::new(consistent.finish())),
        (columns::FINDINGS_COUNT, Arc::new(count.finish())),
        (columns::PHI_CATEGORIES, Arc::new(categories.finish())),
        (columns::HIPAA_IDENTIFIERS, Arc::new(letters.finish())),
    ];
    let mut arrays: Vec<ArrayRef> = batch.columns().to_vec();
    for (name, array) in replaced {
        let idx = schema.index_of(name)?;
        arrays[idx] = array;
    }
    Ok((RecordBatch::try_new(schema, arrays)?, changed))
}

/// Appends one list row of strings.
fn append_list(list: &mut ListBuilder<StringBuilder>, items: &[String]) {
    for item in items {
        list.values().append_value(item);
    }
    list.append(true);
}

/// The exact bytes of a path as the OS gives them.
#[cfg(unix)]
fn os_bytes(path: &Path) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes()
}

/// The exact bytes of a path: on systems whose paths are not bytes, the platform's own
/// encoding of it (WTF-8 on Windows), which round-trips within that platform.
#[cfg(not(unix))]
fn os_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::PreambleKind;
    use crate::reader::Status;
    use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Int32Type, UInt32Type, UInt64Type};
    use arrow_array::{Array, BinaryArray, ListArray, StringArray};

    fn temp_file(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dicomleak-parquet-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir.join(name)
    }

    fn full_row(path: PathBuf) -> FileFacts {
        let error = std::io::Error::other("unused");
        let mut r = FileFacts::io_error(&path, Some(1234), &error);
        r.status = Status::Ok;
        r.error = None;
        r.has_preamble = Some(true);
        r.preamble_kind = Some(PreambleKind::Pe);
        r.header_bytes = Some(900);
        r.transfer_syntax_uid = Some("1.2.840.10008.1.2.1".into());
        r.modality = Some("CT".into());
        r.patient_birth_year = Some(1965);
        r.number_of_frames = Some(3);
        r.element_count = Some(120);
        r.private_tag_count = Some(7);
        r.private_creators = vec!["GEMS_IDEN_01".into(), "SIEMENS CSA HEADER".into()];
        r.max_sequence_depth = Some(2);
        r.study_key = Some("00112233445566778899aabbccddeeff".into());
        r
    }

    #[cfg(unix)]
    fn non_utf8_path() -> PathBuf {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(b"/tmp/\xff\xfename"))
    }

    #[cfg(not(unix))]
    fn non_utf8_path() -> PathBuf {
        PathBuf::from("/tmp/name")
    }

    fn rows() -> Vec<FileFacts> {
        let denied = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        vec![
            full_row(PathBuf::from("/archive/a.dcm")),
            full_row(non_utf8_path()),
            FileFacts::io_error(Path::new("/archive/locked"), None, &denied),
        ]
    }

    fn write_and_read(name: &str, rows: &[FileFacts], reveal: bool) -> RecordBatch {
        let path = temp_file(name);
        let mut w = FilesWriter::create(&path, reveal).expect("create");
        let rows: Vec<FileRow> = rows.iter().cloned().map(FileRow::from).collect();
        w.write_batch(&rows).expect("write");
        w.write_batch(&[]).expect("empty batch is a no-op");
        w.finish().expect("finish");
        let file = File::open(&path).expect("open");
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .expect("parquet file")
            .build()
            .expect("reader");
        let batches: Vec<RecordBatch> = reader.collect::<Result<_, _>>().expect("batches");
        let _ = std::fs::remove_file(&path);
        assert_eq!(batches.len(), 1);
        batches.into_iter().next().expect("one batch")
    }

    fn strings<'b>(batch: &'b RecordBatch, name: &str) -> &'b StringArray {
        batch
            .column_by_name(name)
            .expect("column present")
            .as_string::<i32>()
    }

    #[test]
    fn rows_round_trip_with_nulls_lists_and_types() {
        let batch = write_and_read("round_trip.parquet", &rows(), false);
        assert_eq!(batch.num_rows(), 3);
        assert_eq!(batch.schema(), files_schema(false));

        let status = strings(&batch, columns::STATUS);
        assert_eq!(status.value(0), "ok");
        assert_eq!(status.value(2), "io_error");
        let error = strings(&batch, columns::ERROR);
        assert!(error.is_null(0));
        assert_eq!(error.value(2), "denied");
        assert_eq!(strings(&batch, columns::PREAMBLE_KIND).value(0), "pe");

        let size = batch.column_by_name(columns::FILE_SIZE).expect("size");
        let size = size.as_primitive::<UInt64Type>();
        assert_eq!(size.value(0), 1234);
        assert!(size.is_null(2));
        let year = batch
            .column_by_name(columns::PATIENT_BIRTH_YEAR)
            .expect("year");
        assert_eq!(year.as_primitive::<Int32Type>().value(0), 1965);
        let count = batch.column_by_name(columns::ELEMENT_COUNT).expect("count");
        assert_eq!(count.as_primitive::<UInt32Type>().value(1), 120);
        assert!(count.is_null(2));

        // The io_error row is null everywhere but path, status, error and the list.
        let nullable_but_set = [columns::PATH_BYTES, columns::ERROR];
        for (i, field) in batch.schema().fields().iter().enumerate() {
            let name = field.name().as_str();
            let column = batch.column(i);
            if field.is_nullable() && !nullable_but_set.contains(&name) {
                assert!(
                    column.is_null(2),
                    "{name} should be null for an io_error row"
                );
            }
        }

        let creators = batch
            .column_by_name(columns::PRIVATE_CREATORS)
            .expect("creators");
        let creators: &ListArray = creators.as_list::<i32>();
        let first = creators.value(0);
        let first = first.as_string::<i32>();
        assert_eq!(first.len(), 2);
        assert_eq!(first.value(1), "SIEMENS CSA HEADER");
        assert!(!creators.is_null(2));
        assert_eq!(creators.value(2).len(), 0);
        assert_eq!(
            strings(&batch, columns::STUDY_KEY).value(0),
            "00112233445566778899aabbccddeeff"
        );
    }

    #[test]
    #[cfg(unix)]
    fn non_utf8_path_is_kept_byte_for_byte() {
        let batch = write_and_read("paths.parquet", &rows(), false);
        let path = strings(&batch, columns::PATH);
        assert_eq!(path.value(0), "/archive/a.dcm");
        assert_eq!(path.value(1), "/tmp/\u{FFFD}\u{FFFD}name");
        let bytes = batch.column_by_name(columns::PATH_BYTES).expect("bytes");
        let bytes: &BinaryArray = bytes.as_binary::<i32>();
        assert!(bytes.is_null(0), "UTF-8 paths need no bytes");
        assert_eq!(bytes.value(1), b"/tmp/\xff\xfename");
        assert!(bytes.is_null(2));
    }

    #[test]
    fn clear_text_columns_exist_only_with_reveal() {
        let hidden = files_schema(false);
        for name in columns::REVEALED {
            assert!(
                hidden.field_with_name(name).is_err(),
                "{name} without reveal"
            );
        }

        let mut rows = rows();
        rows[0].revealed = Some(Revealed {
            patient_name: Some("Doe^Jane".into()),
            patient_id: Some("ID0001".into()),
            sop_instance_uid: Some("1.2.3".into()),
            ..Revealed::default()
        });
        let batch = write_and_read("reveal.parquet", &rows, true);
        assert_eq!(batch.schema(), files_schema(true));
        assert_eq!(strings(&batch, columns::PATIENT_NAME).value(0), "Doe^Jane");
        assert_eq!(strings(&batch, columns::PATIENT_ID).value(0), "ID0001");
        assert_eq!(strings(&batch, columns::SOP_INSTANCE_UID).value(0), "1.2.3");
        assert!(strings(&batch, columns::PATIENT_BIRTH_DATE).is_null(0));
        assert!(strings(&batch, columns::PATIENT_NAME).is_null(1));
    }

    #[test]
    fn many_rows_are_split_into_bounded_row_groups() {
        let path = temp_file("groups.parquet");
        let mut w = FilesWriter::create(&path, false).expect("create");
        let row = FileRow::from(full_row(PathBuf::from("/a")));
        let rows = vec![row; 10_000];
        for _ in 0..7 {
            w.write_batch(&rows).expect("write");
        }
        w.finish().expect("finish");
        let file = File::open(&path).expect("open");
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).expect("parquet");
        let meta = builder.metadata().clone();
        let _ = std::fs::remove_file(&path);
        assert_eq!(meta.file_metadata().num_rows(), 70_000);
        assert_eq!(meta.num_row_groups(), 2);
        assert_eq!(meta.row_group(0).num_rows(), ROW_GROUP_ROWS as i64);
    }

    #[test]
    fn create_in_a_missing_directory_names_the_file() {
        let err = FilesWriter::create(Path::new("/nonexistent/dir/files.parquet"), false)
            .err()
            .expect("no such directory");
        assert!(matches!(err, OutputError::Create { .. }));
        assert!(err.to_string().contains("/nonexistent/dir/files.parquet"));
    }
}

//! Scan outputs -> rows: reads only the columns the report needs from `files.parquet` and
//! `findings.parquet`, batch by batch, and hands each row to the caller as a borrowed view.
//!
//! Nothing is collected here: a 1,000,000-row scan is read in batches of
//! [`BATCH_ROWS`] and each row is looked at once. Columns are chosen with a Parquet
//! projection, so the paths, errors and private creator lists of `files.parquet` are never
//! decoded. A column an older scan did not write reads as null everywhere; only `file_id`
//! and `status` (and `file_id`, `category` in findings) must be present.

use std::fs::File;
use std::path::Path;

use ::parquet::arrow::ProjectionMask;
use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use arrow_array::cast::AsArray;
use arrow_array::types::{Float32Type, Int32Type, UInt64Type};
use arrow_array::{
    Array, BooleanArray, Float32Array, GenericListArray, Int32Array, RecordBatch, StringArray,
    UInt64Array,
};
use arrow_schema::DataType;

use super::ReportError;
use crate::output::parquet::columns;

/// Rows decoded at a time: big enough that per-batch costs vanish, small enough that a
/// batch of the needed columns stays in the low tens of megabytes.
const BATCH_ROWS: usize = 64 * 1024;

/// The columns of `files.parquet` the report reads.
const FILE_COLUMNS: [&str; 24] = [
    columns::FILE_ID,
    columns::STATUS,
    columns::FILE_SIZE,
    columns::MODALITY,
    columns::INSTITUTION_NAME,
    columns::MANUFACTURER,
    columns::SPECIFIC_CHARACTER_SET,
    columns::STUDY_YEAR_MONTH,
    columns::PATIENT_SEX,
    columns::PATIENT_BIRTH_YEAR,
    columns::PREAMBLE_KIND,
    columns::STUDY_KEY,
    columns::SERIES_KEY,
    columns::INSTANCE_KEY,
    columns::PATIENT_KEY,
    columns::PERSON_KEY,
    columns::PERSON_KEY_ALTERNATES,
    columns::PHI_CATEGORIES,
    columns::HIPAA_IDENTIFIERS,
    columns::IDENTIFIABILITY,
    columns::TIER,
    columns::DEID_CLAIMED,
    columns::DEID_CONSISTENT,
    columns::BURNED_IN_RISK,
];

/// The columns of `findings.parquet` the report reads (`path` is the attribute path, such
/// as `(0010,1002)[0]/(0010,0020)`, never a file path).
const FINDING_COLUMNS: [&str; 7] = [
    "file_id",
    "path",
    "tag",
    "category",
    "value_state",
    "value_key",
    "private_creator",
];

/// One row of `files.parquet`, borrowed from its batch.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileView<'a> {
    pub file_id: u64,
    pub status: &'a str,
    pub file_size: Option<u64>,
    pub modality: Option<&'a str>,
    pub institution: Option<&'a str>,
    pub manufacturer: Option<&'a str>,
    pub character_set: Option<&'a str>,
    pub study_year_month: Option<&'a str>,
    pub sex: Option<&'a str>,
    pub birth_year: Option<i32>,
    pub preamble_kind: Option<&'a str>,
    pub study_key: Option<&'a str>,
    pub series_key: Option<&'a str>,
    pub instance_key: Option<&'a str>,
    pub patient_key: Option<&'a str>,
    pub person_key: Option<&'a str>,
    pub person_key_alternates: TextList<'a>,
    pub categories: TextList<'a>,
    pub hipaa_letters: TextList<'a>,
    pub identifiability: Option<f32>,
    pub tier: Option<&'a str>,
    pub deid_claimed: Option<bool>,
    pub deid_consistent: Option<bool>,
    pub burned_in_risk: Option<&'a str>,
}

/// One row of `findings.parquet`, borrowed from its batch.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FindingView<'a> {
    pub file_id: u64,
    pub path: Option<&'a str>,
    pub tag: Option<&'a str>,
    pub category: &'a str,
    pub value_state: Option<&'a str>,
    pub value_key: Option<&'a str>,
    pub private_creator: Option<&'a str>,
}

/// The text items of one row of a list column, without copying them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextList<'a> {
    items: Option<&'a StringArray>,
    start: usize,
    end: usize,
}

impl<'a> TextList<'a> {
    const EMPTY: TextList<'static> = TextList {
        items: None,
        start: 0,
        end: 0,
    };

    /// The items in order.
    pub fn iter(self) -> impl Iterator<Item = &'a str> {
        let items = self.items;
        (self.start..self.end)
            .filter_map(move |j| items.filter(|a| !a.is_null(j)).map(|a| a.value(j)))
    }
}

/// Reads `dir/files.parquet`, calling `each` for every row in file order.
pub(crate) fn files(
    dir: &Path,
    mut each: impl FnMut(&FileView<'_>) -> Result<(), ReportError>,
) -> Result<(), ReportError> {
    let path = dir.join("files.parquet");
    if !path.is_file() {
        return Err(ReportError::NotAScan(dir.to_path_buf()));
    }
    for batch in batches(&path, &FILE_COLUMNS)? {
        let batch = batch?;
        let c = FileColumns::of(&batch, &path)?;
        for i in 0..batch.num_rows() {
            each(&c.row(i))?;
        }
    }
    Ok(())
}

/// Reads `dir/findings.parquet`, calling `each` for every row. Returns `false` (and calls
/// nothing) when the scan wrote no findings file.
pub(crate) fn findings(
    dir: &Path,
    mut each: impl FnMut(&FindingView<'_>),
) -> Result<bool, ReportError> {
    let path = dir.join("findings.parquet");
    if !path.is_file() {
        return Ok(false);
    }
    for batch in batches(&path, &FINDING_COLUMNS)? {
        let batch = batch?;
        let c = FindingColumns::of(&batch, &path)?;
        for i in 0..batch.num_rows() {
            each(&c.row(i));
        }
    }
    Ok(true)
}

/// An iterator of record batches holding the wanted columns that the file has.
fn batches(
    path: &Path,
    wanted: &[&str],
) -> Result<impl Iterator<Item = Result<RecordBatch, ReportError>>, ReportError> {
    let parquet_err = |source| ReportError::Parquet {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(|source| ReportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(parquet_err)?;
    let present: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|name| builder.schema().field_with_name(name).is_ok())
        .collect();
    let mask = ProjectionMask::columns(builder.parquet_schema(), present);
    let reader = builder
        .with_projection(mask)
        .with_batch_size(BATCH_ROWS)
        .build()
        .map_err(parquet_err)?;
    let path = path.to_path_buf();
    Ok(reader.map(move |b| {
        b.map_err(|source| ReportError::Arrow {
            path: path.clone(),
            source,
        })
    }))
}

/// Typed access to the columns of one batch, checked once per batch.
struct Batch<'b> {
    batch: &'b RecordBatch,
    path: &'b Path,
}

impl<'b> Batch<'b> {
    fn column(&self, name: &str) -> Option<&'b dyn Array> {
        self.batch.column_by_name(name).map(|c| c.as_ref())
    }

    fn wrong_type(&self, name: &str, found: &DataType) -> ReportError {
        ReportError::Column {
            path: self.path.to_path_buf(),
            column: name.to_owned(),
            problem: format!("has type {found}"),
        }
    }

    fn required<T>(&self, name: &str, got: Option<T>) -> Result<T, ReportError> {
        got.ok_or_else(|| ReportError::Column {
            path: self.path.to_path_buf(),
            column: name.to_owned(),
            problem: "is missing".to_owned(),
        })
    }

    fn text(&self, name: &str) -> Result<Option<&'b StringArray>, ReportError> {
        match self.column(name) {
            None => Ok(None),
            Some(c) if *c.data_type() == DataType::Utf8 => Ok(Some(c.as_string::<i32>())),
            Some(c) => Err(self.wrong_type(name, c.data_type())),
        }
    }

    fn u64s(&self, name: &str) -> Result<Option<&'b UInt64Array>, ReportError> {
        match self.column(name) {
            None => Ok(None),
            Some(c) if *c.data_type() == DataType::UInt64 => {
                Ok(Some(c.as_primitive::<UInt64Type>()))
            }
            Some(c) => Err(self.wrong_type(name, c.data_type())),
        }
    }

    fn i32s(&self, name: &str) -> Result<Option<&'b Int32Array>, ReportError> {
        match self.column(name) {
            None => Ok(None),
            Some(c) if *c.data_type() == DataType::Int32 => Ok(Some(c.as_primitive::<Int32Type>())),
            Some(c) => Err(self.wrong_type(name, c.data_type())),
        }
    }

    fn f32s(&self, name: &str) -> Result<Option<&'b Float32Array>, ReportError> {
        match self.column(name) {
            None => Ok(None),
            Some(c) if *c.data_type() == DataType::Float32 => {
                Ok(Some(c.as_primitive::<Float32Type>()))
            }
            Some(c) => Err(self.wrong_type(name, c.data_type())),
        }
    }

    fn bools(&self, name: &str) -> Result<Option<&'b BooleanArray>, ReportError> {
        match self.column(name) {
            None => Ok(None),
            Some(c) if *c.data_type() == DataType::Boolean => Ok(Some(c.as_boolean())),
            Some(c) => Err(self.wrong_type(name, c.data_type())),
        }
    }

    fn text_list(&self, name: &str) -> Result<Option<TextListColumn<'b>>, ReportError> {
        let Some(c) = self.column(name) else {
            return Ok(None);
        };
        let DataType::List(item) = c.data_type() else {
            return Err(self.wrong_type(name, c.data_type()));
        };
        if *item.data_type() != DataType::Utf8 {
            return Err(self.wrong_type(name, c.data_type()));
        }
        let list = c.as_list::<i32>();
        Ok(Some(TextListColumn {
            list,
            items: list.values().as_string::<i32>(),
        }))
    }
}

/// A list-of-text column and its flattened items.
struct TextListColumn<'b> {
    list: &'b GenericListArray<i32>,
    items: &'b StringArray,
}

impl<'b> TextListColumn<'b> {
    fn row(&self, i: usize) -> TextList<'b> {
        if self.list.is_null(i) {
            return TextList::EMPTY;
        }
        let offsets = self.list.value_offsets();
        // Offsets are non-negative and within the items (Arrow's list invariant).
        let (start, end) = (offsets[i] as usize, offsets[i + 1] as usize);
        TextList {
            items: Some(self.items),
            start,
            end,
        }
    }
}

fn opt_text(a: Option<&StringArray>, i: usize) -> Option<&str> {
    a.filter(|a| !a.is_null(i)).map(|a| a.value(i))
}

fn opt_u64(a: Option<&UInt64Array>, i: usize) -> Option<u64> {
    a.filter(|a| !a.is_null(i)).map(|a| a.value(i))
}

fn opt_bool(a: Option<&BooleanArray>, i: usize) -> Option<bool> {
    a.filter(|a| !a.is_null(i)).map(|a| a.value(i))
}

/// The columns of one `files.parquet` batch.
struct FileColumns<'b> {
    file_id: &'b UInt64Array,
    status: &'b StringArray,
    file_size: Option<&'b UInt64Array>,
    modality: Option<&'b StringArray>,
    institution: Option<&'b StringArray>,
    manufacturer: Option<&'b StringArray>,
    character_set: Option<&'b StringArray>,
    study_year_month: Option<&'b StringArray>,
    sex: Option<&'b StringArray>,
    birth_year: Option<&'b Int32Array>,
    preamble_kind: Option<&'b StringArray>,
    study_key: Option<&'b StringArray>,
    series_key: Option<&'b StringArray>,
    instance_key: Option<&'b StringArray>,
    patient_key: Option<&'b StringArray>,
    person_key: Option<&'b StringArray>,
    person_key_alternates: Option<TextListColumn<'b>>,
    categories: Option<TextListColumn<'b>>,
    hipaa_letters: Option<TextListColumn<'b>>,
    identifiability: Option<&'b Float32Array>,
    tier: Option<&'b StringArray>,
    deid_claimed: Option<&'b BooleanArray>,
    deid_consistent: Option<&'b BooleanArray>,
    burned_in_risk: Option<&'b StringArray>,
}

impl<'b> FileColumns<'b> {
    fn of(batch: &'b RecordBatch, path: &'b Path) -> Result<FileColumns<'b>, ReportError> {
        let b = Batch { batch, path };
        Ok(FileColumns {
            file_id: b.required(columns::FILE_ID, b.u64s(columns::FILE_ID)?)?,
            status: b.required(columns::STATUS, b.text(columns::STATUS)?)?,
            file_size: b.u64s(columns::FILE_SIZE)?,
            modality: b.text(columns::MODALITY)?,
            institution: b.text(columns::INSTITUTION_NAME)?,
            manufacturer: b.text(columns::MANUFACTURER)?,
            character_set: b.text(columns::SPECIFIC_CHARACTER_SET)?,
            study_year_month: b.text(columns::STUDY_YEAR_MONTH)?,
            sex: b.text(columns::PATIENT_SEX)?,
            birth_year: b.i32s(columns::PATIENT_BIRTH_YEAR)?,
            preamble_kind: b.text(columns::PREAMBLE_KIND)?,
            study_key: b.text(columns::STUDY_KEY)?,
            series_key: b.text(columns::SERIES_KEY)?,
            instance_key: b.text(columns::INSTANCE_KEY)?,
            patient_key: b.text(columns::PATIENT_KEY)?,
            person_key: b.text(columns::PERSON_KEY)?,
            person_key_alternates: b.text_list(columns::PERSON_KEY_ALTERNATES)?,
            categories: b.text_list(columns::PHI_CATEGORIES)?,
            hipaa_letters: b.text_list(columns::HIPAA_IDENTIFIERS)?,
            identifiability: b.f32s(columns::IDENTIFIABILITY)?,
            tier: b.text(columns::TIER)?,
            deid_claimed: b.bools(columns::DEID_CLAIMED)?,
            deid_consistent: b.bools(columns::DEID_CONSISTENT)?,
            burned_in_risk: b.text(columns::BURNED_IN_RISK)?,
        })
    }

    fn row(&self, i: usize) -> FileView<'b> {
        let list =
            |c: &Option<TextListColumn<'b>>| c.as_ref().map_or(TextList::EMPTY, |c| c.row(i));
        FileView {
            file_id: self.file_id.value(i),
            status: self.status.value(i),
            file_size: opt_u64(self.file_size, i),
            modality: opt_text(self.modality, i),
            institution: opt_text(self.institution, i),
            manufacturer: opt_text(self.manufacturer, i),
            character_set: opt_text(self.character_set, i),
            study_year_month: opt_text(self.study_year_month, i),
            sex: opt_text(self.sex, i),
            birth_year: self
                .birth_year
                .filter(|a| !a.is_null(i))
                .map(|a| a.value(i)),
            preamble_kind: opt_text(self.preamble_kind, i),
            study_key: opt_text(self.study_key, i),
            series_key: opt_text(self.series_key, i),
            instance_key: opt_text(self.instance_key, i),
            patient_key: opt_text(self.patient_key, i),
            person_key: opt_text(self.person_key, i),
            person_key_alternates: list(&self.person_key_alternates),
            categories: list(&self.categories),
            hipaa_letters: list(&self.hipaa_letters),
            identifiability: self
                .identifiability
                .filter(|a| !a.is_null(i))
                .map(|a| a.value(i)),
            tier: opt_text(self.tier, i),
            deid_claimed: opt_bool(self.deid_claimed, i),
            deid_consistent: opt_bool(self.deid_consistent, i),
            burned_in_risk: opt_text(self.burned_in_risk, i),
        }
    }
}

/// The columns of one `findings.parquet` batch.
struct FindingColumns<'b> {
    file_id: &'b UInt64Array,
    path: Option<&'b StringArray>,
    tag: Option<&'b StringArray>,
    category: &'b StringArray,
    value_state: Option<&'b StringArray>,
    value_key: Option<&'b StringArray>,
    private_creator: Option<&'b StringArray>,
}

impl<'b> FindingColumns<'b> {
    fn of(batch: &'b RecordBatch, path: &'b Path) -> Result<FindingColumns<'b>, ReportError> {
        let b = Batch { batch, path };
        Ok(FindingColumns {
            file_id: b.required("file_id", b.u64s("file_id")?)?,
            path: b.text("path")?,
            tag: b.text("tag")?,
            category: b.required("category", b.text("category")?)?,
            value_state: b.text("value_state")?,
            value_key: b.text("value_key")?,
            private_creator: b.text("private_creator")?,
        })
    }

    fn row(&self, i: usize) -> FindingView<'b> {
        FindingView {
            file_id: self.file_id.value(i),
            path: opt_text(self.path, i),
            tag: opt_text(self.tag, i),
            category: self.category.value(i),
            value_state: opt_text(self.value_state, i),
            value_key: opt_text(self.value_key, i),
            private_creator: opt_text(self.private_creator, i),
        }
    }
}

/// What `run.json` says that the report uses: the tool version and where the key was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RunInfo {
    /// `version`.
    pub version: Option<String>,
    /// `key_file`: compared between inputs, never shown (it is a path).
    pub key_file: Option<String>,
    /// `scored`: false for a `--no-score` inventory (absent before the flag existed: true).
    pub scored: bool,
}

/// Reads `dir/run.json`; `None` when it is missing or not the JSON a scan writes.
pub(crate) fn run_info(dir: &Path) -> Option<RunInfo> {
    let text = std::fs::read_to_string(dir.join("run.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
    Some(RunInfo {
        version: s("version"),
        key_file: s("key_file"),
        scored: v.get("scored").and_then(|x| x.as_bool()).unwrap_or(true),
    })
}

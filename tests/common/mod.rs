//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

/// The shared corpus folder, when present beside the project.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.join("catalog.csv").is_file().then_some(dir)
}

/// One row of `catalog.csv`.
pub struct CatalogRow {
    /// Path relative to the corpus folder.
    pub path: String,
    fields: HashMap<String, String>,
}

impl CatalogRow {
    /// A column's value ("" when absent).
    pub fn get(&self, column: &str) -> &str {
        self.fields.get(column).map_or("", String::as_str)
    }
}

/// The corpus catalog.
pub fn catalog(dir: &std::path::Path) -> Vec<CatalogRow> {
    let mut reader = csv::Reader::from_path(dir.join("catalog.csv")).expect("catalog.csv");
    let headers = reader.headers().expect("header row").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("catalog row");
            let fields: HashMap<String, String> = headers
                .iter()
                .zip(r.iter())
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            CatalogRow {
                path: fields["path"].clone(),
                fields,
            }
        })
        .collect()
}

pub mod dicom;
pub mod synth;

/// Every cell of a Parquet file as text (`None` for null), one map per row, for checks
/// that do not care about types. Lists are joined with `|`, binary shown as lossy text.
pub fn read_parquet_as_text(path: &std::path::Path) -> Vec<HashMap<String, Option<String>>> {
    use arrow_array::{Array, cast::AsArray, types};
    use arrow_schema::DataType;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    fn cell(col: &dyn Array, i: usize) -> Option<String> {
        if col.is_null(i) {
            return None;
        }
        Some(match col.data_type() {
            DataType::Utf8 => col.as_string::<i32>().value(i).to_owned(),
            DataType::LargeUtf8 => col.as_string::<i64>().value(i).to_owned(),
            DataType::Binary => {
                String::from_utf8_lossy(col.as_binary::<i32>().value(i)).into_owned()
            }
            DataType::Boolean => col.as_boolean().value(i).to_string(),
            DataType::UInt64 => col.as_primitive::<types::UInt64Type>().value(i).to_string(),
            DataType::UInt32 => col.as_primitive::<types::UInt32Type>().value(i).to_string(),
            DataType::Int32 => col.as_primitive::<types::Int32Type>().value(i).to_string(),
            DataType::Int64 => col.as_primitive::<types::Int64Type>().value(i).to_string(),
            DataType::Float64 => col
                .as_primitive::<types::Float64Type>()
                .value(i)
                .to_string(),
            DataType::Float32 => col
                .as_primitive::<types::Float32Type>()
                .value(i)
                .to_string(),
            DataType::UInt8 => col.as_primitive::<types::UInt8Type>().value(i).to_string(),
            DataType::List(_) => {
                let list = col.as_list::<i32>().value(i);
                (0..list.len())
                    .filter_map(|j| cell(list.as_ref(), j))
                    .collect::<Vec<_>>()
                    .join("|")
            }
            DataType::Dictionary(_, _) => {
                let dict = col.as_any_dictionary();
                let key = dict.normalized_keys()[i];
                cell(dict.values().as_ref(), key)?
            }
            other => panic!("test reader: add a case for {other:?}"),
        })
    }

    let file = std::fs::File::open(path).expect("parquet file");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("parquet metadata")
        .build()
        .expect("parquet reader");
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.expect("record batch");
        let schema = batch.schema();
        for i in 0..batch.num_rows() {
            let mut row = HashMap::new();
            for (f, col) in schema.fields().iter().zip(batch.columns()) {
                row.insert(f.name().clone(), cell(col.as_ref(), i));
            }
            rows.push(row);
        }
    }
    rows
}

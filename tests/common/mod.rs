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

//! `run.json`: what a scan did, for the record and for the report: tool version,
//! arguments, times, counts per status, throughput. It never holds a value read from a file
//! nor the pseudonym secret.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::reader::Status;

/// The record of one scan.
#[derive(Debug, Clone)]
pub struct RunRecord {
    /// The command line as given.
    pub arguments: Vec<String>,
    /// When the run started.
    pub started: SystemTime,
    /// When it finished.
    pub finished: SystemTime,
    /// Rows per status.
    pub by_status: BTreeMap<Status, u64>,
    /// Files whose instance key was already seen in this run.
    pub duplicate_instances: u64,
    /// Reader threads.
    pub threads: usize,
    /// Whether clear-text columns were written.
    pub reveal: bool,
    /// Whether files were scored (findings and grades), not `--no-score`.
    pub scored: bool,
    /// Where the pseudonym secret is, and whether this run created it.
    pub key_file: String,
    /// The key file was created by this run.
    pub key_created: bool,
    /// Directories listed, links not followed, special files not opened.
    pub walk: (u64, u64, u64),
}

impl RunRecord {
    /// Total rows.
    pub fn files(&self) -> u64 {
        self.by_status.values().sum()
    }

    /// Seconds the run took.
    pub fn elapsed_seconds(&self) -> f64 {
        self.finished
            .duration_since(self.started)
            .map_or(0.0, |d| d.as_secs_f64())
    }

    /// Rows per second.
    pub fn files_per_second(&self) -> f64 {
        let s = self.elapsed_seconds();
        if s > 0.0 {
            self.files() as f64 / s
        } else {
            0.0
        }
    }

    /// The JSON object written to `run.json`.
    pub fn to_json(&self) -> Value {
        let by_status: serde_json::Map<String, Value> = Status::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    json!(self.by_status.get(s).copied().unwrap_or(0)),
                )
            })
            .collect();
        json!({
            "tool": "dicomleak",
            "version": env!("CARGO_PKG_VERSION"),
            "arguments": self.arguments,
            "started_at": rfc3339(self.started),
            "finished_at": rfc3339(self.finished),
            "elapsed_seconds": round3(self.elapsed_seconds()),
            "files": self.files(),
            "by_status": by_status,
            "files_per_second": round3(self.files_per_second()),
            "duplicate_instances": self.duplicate_instances,
            "threads": self.threads,
            "reveal": self.reveal,
            "scored": self.scored,
            "key_file": self.key_file,
            "key_created": self.key_created,
            "walk": {
                "directories": self.walk.0,
                "symlinks_not_followed": self.walk.1,
                "special_files_not_opened": self.walk.2,
            },
            "outputs": if self.scored {
                json!({ "files": "files.parquet", "findings": "findings.parquet" })
            } else {
                json!({ "files": "files.parquet" })
            },
        })
    }

    /// Writes `run.json` into `dir`.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(&self.to_json()).map_err(std::io::Error::other)?;
        std::fs::write(dir.join("run.json"), text + "\n")
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// UTC time as RFC 3339 with seconds (`2026-11-22T11:36:19Z`).
pub fn rfc3339(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn rfc3339_formats_known_instants() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_795_347_379);
        assert_eq!(rfc3339(t), "2026-11-22T11:36:19Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(rfc3339(leap), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn counts_cover_every_status() {
        let mut by_status = BTreeMap::new();
        by_status.insert(Status::Ok, 3);
        by_status.insert(Status::IoError, 1);
        let r = RunRecord {
            arguments: vec!["dicomleak".into(), "scan".into()],
            started: UNIX_EPOCH,
            finished: UNIX_EPOCH + Duration::from_secs(2),
            by_status,
            duplicate_instances: 0,
            threads: 8,
            reveal: false,
            scored: true,
            key_file: "k".into(),
            key_created: true,
            walk: (1, 0, 0),
        };
        let v = r.to_json();
        assert_eq!(v["files"], 4);
        assert_eq!(v["by_status"]["truncated"], 0);
        assert_eq!(v["files_per_second"], 2.0);
    }
}

//! The parallel pipeline: one walker thread -> bounded channel of path batches -> N reader
//! threads (read header bytes, turn them into a row) -> bounded channel of row batches ->
//! the calling thread, which owns the sink (the Parquet writer).
//!
//! Memory stays bounded whatever the number of files: the channels hold a few batches
//! each, and every reader reuses one buffer for all its files. Readers are plain threads,
//! not a work-stealing pool: they spend their time blocked in `open`/`read`, and a cold
//! disk needs about eight reads in flight to reach its rate, whatever the number of cores.
//! The pipeline knows nothing of what a row holds: the caller's `make_row` decides.

use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crossbeam_channel::bounded;

use super::progress::Progress;
use super::read::{Outcome, ReadBuffer, ReadPlan, with_header};
use super::walk::Found;
use crate::reader::Header;

/// Pipeline sizes.
#[derive(Clone, Copy, Debug)]
pub struct PipelineConfig {
    /// Reader threads.
    pub threads: usize,
    /// Paths (and rows) per batch sent over a channel.
    pub batch: usize,
    /// How much each reader reads of a file.
    pub plan: ReadPlan,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            threads: default_threads(),
            batch: 128,
            plan: ReadPlan::default(),
        }
    }
}

/// Eight reads in flight reach a cold disk's rate (measured on this project's benchmark
/// machine: 2 threads 19k files/s, 8 threads 46k); more cores get two threads each.
pub fn default_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    (2 * cores).max(8)
}

/// What a reader hands to `make_row` for one path.
pub enum Input<'a> {
    /// The header was read and parsed.
    Read {
        /// The path.
        path: &'a Path,
        /// The parsed header.
        header: &'a Header<'a>,
        /// The file's length.
        file_len: u64,
    },
    /// The path could not be listed, opened or read.
    Failed {
        /// The path.
        path: &'a Path,
        /// The file's size, when it was known before the failure.
        file_size: Option<u64>,
        /// What went wrong.
        error: &'a io::Error,
    },
}

/// Runs the pipeline. `walk` runs on its own thread and hands over what it finds through
/// the function it is given (which returns false when the run is stopping); `make_row` runs
/// on the reader threads; `sink` runs on the calling thread with each batch of rows, and
/// may return an error to stop the run. Returns the first sink error, if any.
pub fn run<R, E>(
    config: &PipelineConfig,
    progress: &Progress,
    walk: impl FnOnce(&mut dyn FnMut(Found) -> bool) + Send,
    make_row: impl Fn(Input<'_>) -> R + Sync,
    mut sink: impl FnMut(Vec<R>) -> Result<(), E>,
) -> Result<(), E>
where
    R: Send,
{
    let threads = config.threads.max(1);
    let batch = config.batch.max(1);
    let (path_tx, path_rx) = bounded::<Vec<Found>>(threads * 2);
    // Rows carry findings and are much larger than paths: a fixed number of batches in
    // flight keeps memory flat however many reader threads there are.
    let (row_tx, row_rx) = bounded::<Vec<R>>(4);
    let stopping = AtomicBool::new(false);
    let make_row = &make_row;
    let stopping_ref = &stopping;

    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut pending = Vec::with_capacity(batch);
            let mut emit = |found: Found| {
                if stopping_ref.load(Ordering::Relaxed) {
                    return false;
                }
                progress.found.fetch_add(1, Ordering::Relaxed);
                pending.push(found);
                if pending.len() >= batch {
                    let full = std::mem::replace(&mut pending, Vec::with_capacity(batch));
                    return path_tx.send(full).is_ok();
                }
                true
            };
            walk(&mut emit);
            if !pending.is_empty() {
                let _ = path_tx.send(pending);
            }
            progress.walk_finished.store(true, Ordering::Relaxed);
        });
        for _ in 0..threads {
            let path_rx = path_rx.clone();
            let row_tx = row_tx.clone();
            scope.spawn(move || {
                let mut buffer = ReadBuffer::default();
                for paths in path_rx {
                    let rows: Vec<R> = paths
                        .into_iter()
                        .map(|found| read_one(found, &config.plan, &mut buffer, make_row))
                        .collect();
                    progress
                        .done
                        .fetch_add(rows.len() as u64, Ordering::Relaxed);
                    if row_tx.send(rows).is_err() {
                        return;
                    }
                }
            });
        }
        drop(row_tx);
        drop(path_rx);
        let mut result = Ok(());
        for rows in &row_rx {
            if result.is_ok() {
                result = sink(rows);
                if result.is_err() {
                    stopping.store(true, Ordering::Relaxed);
                }
            }
            // After an error keep draining, so the readers and the walker can finish.
        }
        result
    })
}

fn read_one<R>(
    found: Found,
    plan: &ReadPlan,
    buffer: &mut ReadBuffer,
    make_row: &(impl Fn(Input<'_>) -> R + Sync),
) -> R {
    match found {
        Found::File(path) => with_header(&path, plan, buffer, |outcome| match outcome {
            Outcome::Parsed { header, file_len } => make_row(Input::Read {
                path: &path,
                header: &header,
                file_len,
            }),
            Outcome::Failed { error, file_len } => make_row(Input::Failed {
                path: &path,
                file_size: file_len,
                error: &error,
            }),
        }),
        Found::Error { path, error } => make_row(Input::Failed {
            path: &path,
            file_size: None,
            error: &error,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn every_found_path_becomes_exactly_one_row() {
        let progress = Progress::default();
        let config = PipelineConfig {
            threads: 3,
            batch: 7,
            ..PipelineConfig::default()
        };
        let mut rows = Vec::new();
        let result: Result<(), ()> = run(
            &config,
            &progress,
            |emit| {
                for i in 0..1000 {
                    let path = PathBuf::from(format!("/nonexistent/dicomleak/{i}"));
                    if !emit(Found::File(path)) {
                        return;
                    }
                }
            },
            |input| match input {
                Input::Read { path, .. } | Input::Failed { path, .. } => path.to_path_buf(),
            },
            |batch| {
                rows.extend(batch);
                Ok(())
            },
        );
        assert!(result.is_ok());
        rows.sort();
        rows.dedup();
        assert_eq!(rows.len(), 1000);
        assert_eq!(progress.done.load(Ordering::Relaxed), 1000);
        assert!(progress.walk_finished.load(Ordering::Relaxed));
    }

    #[test]
    fn sink_error_stops_the_run_without_hanging() {
        let progress = Progress::default();
        let config = PipelineConfig {
            threads: 2,
            batch: 1,
            ..PipelineConfig::default()
        };
        let result = run(
            &config,
            &progress,
            |emit| {
                for i in 0.. {
                    if !emit(Found::File(PathBuf::from(format!("/nonexistent/{i}")))) {
                        return;
                    }
                }
            },
            |_| (),
            |_| Err("disk full"),
        );
        assert_eq!(result, Err("disk full"));
    }
}

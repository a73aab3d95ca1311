//! Finding the files to read: directory trees, single files, and lists of paths.
//!
//! One walker thread lists directories (walkdir: `readdir` gives each entry's type, so no
//! `stat` per file) and hands paths on in batches; listing is far cheaper than opening and
//! reading, so one thread keeps many readers busy. Nothing holds the list of all paths.
//!
//! Every file found is read, whatever its name: exposed PACS stores often have no
//! extensions. Symbolic links are not followed unless asked (then loops are detected and
//! reported); FIFOs, sockets and devices are never opened (opening a FIFO blocks).

use std::ffi::OsString;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What the walk hands to the readers.
#[derive(Debug)]
pub enum Found {
    /// A regular file to read (or a path from a list, checked when opened).
    File(PathBuf),
    /// A path that could not be listed or reached: it gets an `io_error` row.
    Error {
        /// The path, as far as it is known.
        path: PathBuf,
        /// What went wrong.
        error: io::Error,
    },
}

/// How to walk.
#[derive(Clone, Copy, Debug, Default)]
pub struct WalkOptions {
    /// Follow symbolic links (loops are detected).
    pub follow_symlinks: bool,
}

/// What the walk passed over, for the run summary.
#[derive(Debug, Default)]
pub struct WalkCounts {
    /// Directories listed.
    pub directories: AtomicU64,
    /// Symbolic links not followed.
    pub symlinks_skipped: AtomicU64,
    /// FIFOs, sockets and devices not opened.
    pub special_skipped: AtomicU64,
}

/// Walks `roots` (directories or files), calling `emit` for each file and each failure.
/// `emit` returns false to stop early.
pub fn walk_roots(
    roots: &[PathBuf],
    options: WalkOptions,
    counts: &WalkCounts,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    for root in roots {
        if !walk_one(root, options, counts, emit) {
            return false;
        }
    }
    true
}

/// Walks one root; returns false when `emit` asked to stop.
pub fn walk_one(
    root: &Path,
    options: WalkOptions,
    counts: &WalkCounts,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    // A root named on the command line is followed even when it is a link, as `find -H`.
    let walker = walkdir::WalkDir::new(root)
        .follow_links(options.follow_symlinks)
        .follow_root_links(true);
    for entry in walker {
        let found = match entry {
            Ok(e) => {
                let ft = e.file_type();
                if ft.is_dir() {
                    counts.directories.fetch_add(1, Ordering::Relaxed);
                    continue;
                }
                if ft.is_symlink() {
                    counts.symlinks_skipped.fetch_add(1, Ordering::Relaxed);
                    continue;
                }
                if !ft.is_file() {
                    counts.special_skipped.fetch_add(1, Ordering::Relaxed);
                    continue;
                }
                Found::File(e.into_path())
            }
            Err(e) => walk_error(root, e),
        };
        if !emit(found) {
            return false;
        }
    }
    true
}

fn walk_error(root: &Path, e: walkdir::Error) -> Found {
    let path = e
        .path()
        .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
    let error = match e.loop_ancestor() {
        Some(ancestor) => io::Error::other(format!(
            "symbolic link loop: leads back to {}",
            ancestor.display()
        )),
        None => e
            .into_io_error()
            .unwrap_or_else(|| io::Error::other("walk error")),
    };
    Found::Error { path, error }
}

/// Reads paths from a list (one a line, or NUL-separated) and walks each, so a list may
/// name directories too. Returns false when `emit` asked to stop.
pub fn walk_list(
    list: &mut dyn BufRead,
    nul_separated: bool,
    options: WalkOptions,
    counts: &WalkCounts,
    emit: &mut dyn FnMut(Found) -> bool,
) -> io::Result<bool> {
    let sep = if nul_separated { 0 } else { b'\n' };
    let mut line = Vec::new();
    loop {
        line.clear();
        if list.read_until(sep, &mut line)? == 0 {
            return Ok(true);
        }
        if line.last() == Some(&sep) {
            line.pop();
        }
        if !nul_separated && line.last() == Some(&b'\r') {
            line.pop();
        }
        if line.is_empty() {
            continue;
        }
        let path = path_from_bytes(std::mem::take(&mut line));
        if !walk_one(&path, options, counts, emit) {
            return Ok(false);
        }
    }
}

/// A path from raw bytes, kept exactly (file names need not be UTF-8).
#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(OsString::from(String::from_utf8_lossy(&bytes).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(root: &Path, options: WalkOptions) -> (Vec<PathBuf>, Vec<PathBuf>, WalkCounts) {
        let counts = WalkCounts::default();
        let (mut files, mut errors) = (Vec::new(), Vec::new());
        walk_one(root, options, &counts, &mut |f| {
            match f {
                Found::File(p) => files.push(p),
                Found::Error { path, .. } => errors.push(path),
            }
            true
        });
        files.sort();
        (files, errors, counts)
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("dicomleak-walk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    #[test]
    fn files_without_extension_in_nested_directories_are_all_found() {
        let dir = scratch("nested");
        std::fs::create_dir_all(dir.join("a/b")).expect("mkdir");
        for f in ["x", "a/y.dcm", "a/b/1.2.840.99"] {
            std::fs::write(dir.join(f), b"data").expect("write");
        }
        let (files, errors, _) = collect(&dir, WalkOptions::default());
        assert_eq!(files.len(), 3);
        assert!(errors.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_when_following_and_skipped_otherwise() {
        let dir = scratch("loop");
        std::fs::create_dir_all(dir.join("d")).expect("mkdir");
        std::fs::write(dir.join("d/f"), b"data").expect("write");
        std::os::unix::fs::symlink(&dir, dir.join("d/back")).expect("symlink");
        let (files, errors, counts) = collect(&dir, WalkOptions::default());
        assert_eq!(files.len(), 1);
        assert!(errors.is_empty());
        assert_eq!(counts.symlinks_skipped.load(Ordering::Relaxed), 1);
        let (files, errors, _) = collect(
            &dir,
            WalkOptions {
                follow_symlinks: true,
            },
        );
        assert_eq!(files.len(), 1);
        assert_eq!(errors.len(), 1, "the loop is reported");
    }

    #[cfg(unix)]
    #[test]
    fn list_of_paths_keeps_non_utf8_names_exactly() {
        use std::os::unix::ffi::OsStrExt;
        let dir = scratch("list");
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9");
        std::fs::write(dir.join(name), b"data").expect("write");
        let mut list: Vec<u8> = dir.join(name).as_os_str().as_bytes().to_vec();
        list.push(0);
        let counts = WalkCounts::default();
        let mut got = Vec::new();
        walk_list(
            &mut &list[..],
            true,
            WalkOptions::default(),
            &counts,
            &mut |f| {
                got.push(f);
                true
            },
        )
        .expect("list");
        assert!(
            matches!(&got[..], [Found::File(p)] if p.as_os_str().as_bytes().ends_with(b"caf\xe9"))
        );
    }
}

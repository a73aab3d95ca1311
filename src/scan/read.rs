//! Paths -> header bytes: reads only as much of a file as its header takes.
//!
//! A file is read with plain reads of its first bytes, growing only while the parser asks
//! for more ([`NeedMore`]). Plain reads, not a memory map: a file that shrinks under a map
//! kills the process with SIGBUS, and on many small files open+read+close is faster than
//! open+mmap+munmap+close. Encapsulated pixel data is checked for its sequence delimiter by
//! reading the file's last 8 bytes; only when they are not the delimiter is the rest of
//! the file read to walk the fragment headers.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use crate::reader::{Header, NeedMore, ReadOptions, read_prefix};

/// How much to read first, and how far to grow.
#[derive(Clone, Copy, Debug)]
pub struct ReadPlan {
    /// Bytes read first.
    pub initial: usize,
    /// Most bytes read for one header before giving up on growing (the parse then reports
    /// what it has).
    pub max: usize,
    /// Parser limits.
    pub options: ReadOptions,
}

impl Default for ReadPlan {
    fn default() -> Self {
        ReadPlan {
            initial: 16 << 10,
            max: 256 << 20,
            options: ReadOptions::default(),
        }
    }
}

/// The bytes read of one file.
#[derive(Debug, Default)]
pub struct HeaderBytes {
    /// The first bytes of the file (all of it when small).
    pub bytes: Vec<u8>,
    /// The file's length when opened.
    pub file_len: u64,
}

impl HeaderBytes {
    /// Parses what was read.
    pub fn parse(&self, options: &ReadOptions) -> Header<'_> {
        match read_prefix(&self.bytes, self.file_len, options) {
            Ok(h) => h,
            // Only when growing stopped at `max` or the file shrank: parse the bytes we have
            // as if they were the whole file, so the result says where it stopped.
            Err(NeedMore { .. }) => crate::reader::read_with(&self.bytes, options),
        }
    }
}

/// Reads the header bytes of the file at `path`.
pub fn read_header_bytes(path: &Path, plan: &ReadPlan) -> io::Result<HeaderBytes> {
    let mut out = HeaderBytes::default();
    read_header_bytes_into(path, plan, &mut out)?;
    Ok(out)
}

/// Reads the header bytes of the file at `path` into `out`, reusing its buffer (a worker
/// keeps one for all its files). On error, `out.file_len` holds the size when it was known.
pub fn read_header_bytes_into(
    path: &Path,
    plan: &ReadPlan,
    out: &mut HeaderBytes,
) -> io::Result<()> {
    out.bytes.clear();
    out.file_len = 0;
    let mut file = File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    let file_len = meta.len();
    out.file_len = file_len;
    let mut want = plan.initial.min(file_len as usize).max(1);
    loop {
        fill_to(&mut file, &mut out.bytes, want)?;
        if out.bytes.len() < want {
            // The file shrank after it was opened: what is there is all there is.
            out.file_len = out.bytes.len() as u64;
        }
        let file_len = out.file_len;
        let complete = out.bytes.len() as u64 >= file_len;
        let next = match read_prefix(&out.bytes, file_len, &plan.options) {
            Ok(h) => {
                if complete || !needs_tail_walk(&h, &mut file, file_len)? {
                    return Ok(());
                }
                file_len as usize
            }
            Err(NeedMore { bytes }) => bytes.max(want.saturating_mul(2)),
        };
        let next = next.min(file_len as usize).min(plan.max.max(plan.initial));
        if next <= out.bytes.len() {
            // Either the file shrank while we read it, or the header is larger than
            // `max`: stop growing and let the parse say where it ends.
            out.file_len = out.bytes.len() as u64;
            return Ok(());
        }
        want = next;
    }
}

/// Encapsulated pixel data whose file does not end with a sequence delimiter needs its
/// fragment headers walked to tell whether it was cut.
fn needs_tail_walk(h: &Header<'_>, file: &mut File, file_len: u64) -> io::Result<bool> {
    let Some(px) = h.pixel_data else {
        return Ok(false);
    };
    if px.declared_len != u32::MAX || h.deflated || file_len < 8 {
        return Ok(false);
    }
    let mut tail = [0u8; 8];
    file.seek(SeekFrom::Start(file_len - 8))?;
    file.read_exact(&mut tail)?;
    Ok(tail != crate::reader::parse::SEQUENCE_DELIMITER_LE)
}

/// Reads from the current end of `buf` until it holds `want` bytes or the file ends.
fn fill_to(file: &mut File, buf: &mut Vec<u8>, want: usize) -> io::Result<()> {
    if buf.len() >= want {
        return Ok(());
    }
    file.seek(SeekFrom::Start(buf.len() as u64))?;
    let need = want - buf.len();
    buf.reserve_exact(need);
    file.take(need as u64).read_to_end(buf)?;
    Ok(())
}

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
    // Opening a named pipe or a device waits for a writer or reads forever: look first.
    // (A scan's walk has looked already.)
    if !std::fs::metadata(path)?.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    let mut buffer = ReadBuffer::default();
    let file_len = with_header(path, plan, &mut buffer, |outcome| match outcome {
        Outcome::Parsed { file_len, .. } => Ok(file_len),
        Outcome::Failed { error, .. } => Err(error),
    })?;
    let mut bytes = buffer.bytes;
    bytes.truncate(buffer.filled);
    Ok(HeaderBytes { bytes, file_len })
}

/// What reading one file gave.
// The header is moved once into the caller's function; boxing it would cost an
// allocation per file on the hot path.
#[allow(clippy::large_enum_variant)]
pub enum Outcome<'a> {
    /// The header, parsed from the bytes read.
    Parsed {
        /// The parsed header (borrowing the buffer).
        header: Header<'a>,
        /// The file's length (as read, if it shrank while being read).
        file_len: u64,
    },
    /// The file could not be opened or read.
    Failed {
        /// What went wrong.
        error: io::Error,
        /// The file's length, when known before the failure.
        file_len: Option<u64>,
    },
}

/// A reader thread's buffer, reused for all its files. Its bytes are zeroed once, when it
/// grows, not for every file: only the first [`ReadBuffer::filled`] are the current file's.
#[derive(Debug, Default)]
pub struct ReadBuffer {
    bytes: Vec<u8>,
    filled: usize,
}

impl ReadBuffer {
    /// The bytes read of the current file.
    pub fn filled(&self) -> &[u8] {
        &self.bytes[..self.filled]
    }

    fn len(&self) -> usize {
        self.filled
    }
}

/// Reads the header of the file at `path` into `buffer` (reused across files: a reader
/// thread keeps one), parses it once, and hands the outcome to `f`. Per file this costs
/// open, fstat, one read (more only when the header is longer than `plan.initial`), close.
pub fn with_header<R>(
    path: &Path,
    plan: &ReadPlan,
    buffer: &mut ReadBuffer,
    f: impl FnOnce(Outcome<'_>) -> R,
) -> R {
    buffer.filled = 0;
    // A buffer grown for one long header is not kept for the thread's next files.
    if buffer.bytes.len() > RETAINED_BUFFER {
        buffer.bytes = Vec::new();
    }
    // Held while this file's buffer is past LARGE_READ (see there).
    let mut _large_read: Option<std::sync::MutexGuard<'static, ()>> = None;
    let (mut file, mut file_len) = match open_regular(path) {
        Ok(opened) => opened,
        Err(error) => {
            return f(Outcome::Failed {
                error,
                file_len: None,
            });
        }
    };
    let failed = |error, n| Outcome::Failed {
        error,
        file_len: Some(n),
    };
    let mut want = plan.initial.min(file_len as usize).max(1);
    // Reads are sequential from offset 0 until the tail check moves the file position.
    let mut position_at_end_of_buffer = true;
    let mut growths = 0;
    loop {
        if let Err(e) = fill_to(&mut file, buffer, want, position_at_end_of_buffer) {
            return f(failed(e, file_len));
        }
        position_at_end_of_buffer = true;
        if buffer.len() < want {
            // The file shrank after it was opened: what is there is all there is.
            file_len = buffer.len() as u64;
        }
        let complete = buffer.len() as u64 >= file_len;
        let next = match read_prefix(buffer.filled(), file_len, &plan.options) {
            Ok(header) => {
                if complete {
                    return f(Outcome::Parsed { header, file_len });
                }
                match needs_tail_walk(&header, &mut file, file_len) {
                    Ok(false) => return f(Outcome::Parsed { header, file_len }),
                    Ok(true) => position_at_end_of_buffer = false,
                    Err(e) => return f(failed(e, file_len)),
                }
                file_len as usize
            }
            Err(NeedMore { bytes }) => {
                growths += 1;
                grow_to(bytes, want, plan.initial, growths)
            }
        };
        let next = next.min(file_len as usize).min(plan.max.max(plan.initial));
        if next <= buffer.len() {
            // The header is larger than `max`: stop growing and parse what we have as if
            // it were the whole file, so the result says where it stops.
            let header = crate::reader::read_with(buffer.filled(), &plan.options);
            return f(Outcome::Parsed {
                header,
                file_len: buffer.len() as u64,
            });
        }
        if next > LARGE_READ && _large_read.is_none() {
            _large_read = Some(LARGE_READS.lock().unwrap_or_else(|e| e.into_inner()));
        }
        want = next;
    }
}

/// Most bytes a reader thread keeps in its buffer from one file to the next: enough for
/// every ordinary header (a few KiB to a few hundred).
const RETAINED_BUFFER: usize = 4 << 20;

/// Buffers past this many bytes (headers with a bulk private value of many megabytes, or
/// hostile lengths in large files) are read one file at a time across all reader threads,
/// so that a scan's memory stays near one [`ReadPlan::max`] plus a few MiB a thread,
/// whatever the number of threads.
const LARGE_READ: usize = 16 << 20;

/// Taken by the reader thread whose file needs more than [`LARGE_READ`] bytes.
static LARGE_READS: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Growths that read only what the parser asked for, rounded up to the read size: a long
/// header costs no more bytes than it has, rounded up. After them, a header still growing
/// (thousands of elements past the first block) doubles the buffer, so that re-parsing from
/// the start each time stays linear in the header's length.
const EXACT_GROWTHS: u32 = 4;

/// The buffer length to read next: `needed` rounded up to a multiple of `step`, or, after
/// [`EXACT_GROWTHS`], at least twice `current`.
fn grow_to(needed: usize, current: usize, step: usize, growths: u32) -> usize {
    let step = step.max(1);
    let rounded = needed.div_ceil(step).saturating_mul(step);
    if growths > EXACT_GROWTHS {
        rounded.max(current.saturating_mul(2))
    } else {
        rounded.max(current.saturating_add(1))
    }
}

/// Opens a regular file and returns it with its length. Anything else (a directory, a
/// FIFO named in a list) is an error rather than a read that could block.
fn open_regular(path: &Path) -> io::Result<(File, u64)> {
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    Ok((file, meta.len()))
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
/// `positioned` says the file offset already equals `buf.len()` (saves a seek per file).
fn fill_to(file: &mut File, buf: &mut ReadBuffer, want: usize, positioned: bool) -> io::Result<()> {
    if buf.filled >= want {
        return Ok(());
    }
    if !positioned {
        file.seek(SeekFrom::Start(buf.filled as u64))?;
    }
    if buf.bytes.len() < want {
        buf.bytes.resize(want, 0);
    }
    // One read call for the whole want when the file has it (`read_to_end` would split it
    // into probing reads, and the kernel reads ahead more for each).
    while buf.filled < want {
        match file.read(&mut buf.bytes[buf.filled..want]) {
            Ok(0) => break,
            Ok(n) => buf.filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::Status;
    use crate::test_support::ex_le;

    /// A raw explicit VR LE data set (PS3.5 7.1.2; no meta group, the reader infers the
    /// encoding): Modality, a private block, `private_len` bytes of private OB, then Pixel
    /// Data of `pixel_len` bytes. Returns the file and the length of its header (up to the
    /// end of the Pixel Data element's tag, VR and length).
    fn long_header_file(private_len: usize, pixel_len: usize) -> (Vec<u8>, usize) {
        let mut b = ex_le(0x0008, 0x0060, b"CS", b"CT"); // Modality
        b.extend(ex_le(0x0009, 0x0010, b"LO", b"ACME 1.0")); // private creator, block 10
        b.extend(ex_le(0x0009, 0x1000, b"OB", &vec![0x55; private_len])); // private bytes
        b.extend_from_slice(&0x7FE0u16.to_le_bytes()); // Pixel Data group
        b.extend_from_slice(&0x0010u16.to_le_bytes()); // Pixel Data element
        b.extend_from_slice(b"OW"); // VR
        b.extend_from_slice(&[0, 0]); // reserved
        b.extend_from_slice(&(pixel_len as u32).to_le_bytes()); // value length
        let header = b.len();
        b.resize(header + pixel_len, 0x11); // pixel data
        (b, header)
    }

    fn scratch(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("dicomleak-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write file");
        path
    }

    #[test]
    fn a_buffer_grown_past_the_large_read_size_is_released_and_so_is_the_lock() {
        let plan = ReadPlan::default();
        // A 17 MiB private OB before the pixel data: past LARGE_READ and RETAINED_BUFFER.
        let (file, header) = long_header_file(17 << 20, 16);
        let big = scratch("large-private", &file);
        let (small_file, _) = long_header_file(100, 16);
        let small = scratch("small-after-large", &small_file);
        let mut buffer = ReadBuffer::default();
        let status = with_header(&big, &plan, &mut buffer, |o| match o {
            Outcome::Parsed { header, .. } => header.status,
            Outcome::Failed { error, .. } => panic!("{error}"),
        });
        assert_eq!(status, Status::Ok);
        assert!(buffer.bytes.len() >= header);
        // Released once the file is done: another thread may read a large header now.
        assert!(LARGE_READS.try_lock().is_ok());
        with_header(&small, &plan, &mut buffer, |_| ());
        assert!(buffer.bytes.len() <= plan.initial, "{}", buffer.bytes.len());
        for path in [big, small] {
            std::fs::remove_file(path).expect("remove scratch file");
        }
    }

    #[test]
    fn a_header_longer_than_the_first_read_costs_its_length_rounded_up() {
        let plan = ReadPlan::default();
        let (file, header) = long_header_file(40_000, 1 << 20);
        let path = scratch("long-header", &file);
        let mut buffer = ReadBuffer::default();
        let status = with_header(&path, &plan, &mut buffer, |o| match o {
            Outcome::Parsed { header, .. } => header.status,
            Outcome::Failed { error, .. } => panic!("{error}"),
        });
        assert_eq!(status, Status::Ok);
        assert!(header > plan.initial);
        assert_eq!(buffer.len(), header.div_ceil(plan.initial) * plan.initial);
    }

    #[test]
    fn a_header_of_many_elements_past_the_exact_growths_is_read_whole() {
        let plan = ReadPlan::default();
        let mut file = Vec::new();
        for i in 0..20_000u32 {
            // Private LO elements, 8-byte values: about 320 KB of header.
            let element = 0x1000 + (i % 0x100) as u16;
            let group = 0x0011 + 2 * (i / 0x100) as u16;
            if i % 0x100 == 0 {
                file.extend(ex_le(group, 0x0010, b"LO", b"ACME 1.0"));
            }
            file.extend(ex_le(group, element, b"LO", b"VALUE123"));
        }
        let header = file.len();
        let path = scratch("many-elements", &file);
        let mut buffer = ReadBuffer::default();
        let (status, count) = with_header(&path, &plan, &mut buffer, |o| match o {
            Outcome::Parsed { header, .. } => (header.status, header.elements.len()),
            Outcome::Failed { error, .. } => panic!("{error}"),
        });
        assert_eq!(status, Status::Ok);
        assert_eq!(count, 20_000 + 20_000 / 0x100 + 1);
        assert_eq!(buffer.len(), header, "the whole file, and not more");
    }

    #[test]
    fn growth_is_exact_then_doubles() {
        assert_eq!(grow_to(20_000, 16_384, 16_384, 1), 32_768);
        assert_eq!(grow_to(16_385, 16_384, 16_384, 1), 32_768);
        assert_eq!(grow_to(32_768, 16_384, 16_384, 1), 32_768);
        // Never stands still, even if asked for no more than it has.
        assert_eq!(grow_to(100, 16_384, 16_384, 1), 16_385);
        assert_eq!(grow_to(40_000, 32_768, 16_384, EXACT_GROWTHS + 1), 65_536);
        assert_eq!(grow_to(usize::MAX, 1, 16_384, 1), usize::MAX);
    }
}

//! The parser: bytes in, [`Header`] out. Pure, no I/O, never panics, allocates only for the
//! elements it finds (and for the inflated bytes of a deflated data set, under a cap).
//!
//! The read goes preamble -> file meta group (PS3.10 7.1) -> data set (PS3.5 7) and stops
//! at top-level Pixel Data, Float Pixel Data or Double Float Pixel Data, whose values it
//! never reads. Where the bytes break the rules, it recovers the way DCMTK and pydicom do
//! and records what it did, so that a broken file is a status and a list of problems, not a
//! failure.

use std::borrow::Cow;

use flate2::{Decompress, FlushDecompress};

use super::charset::SpecificCharacterSet;
use super::header::{
    Element, ElementKind, Header, Issue, PixelDataInfo, Position, Problem, Source, Status,
    read_u16, read_u32,
};
use super::private_vr;
use super::syntax::{Encoding, SyntaxInfo};
use super::tag::{Tag, tags};
use super::vr::Vr;

/// Limits that keep hostile input cheap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// Deepest sequence nesting read before the file gets a `TooDeep` error.
    pub max_depth: usize,
    /// Most elements kept from one header (at every depth) before the file gets a
    /// `TooManyElements` error. An element costs a few dozen bytes of memory, and a header
    /// can be hundreds of megabytes of 8-byte elements; real headers, DICOMDIRs of large
    /// media included, stay far below the default of two million.
    pub max_elements: usize,
    /// Most bytes a deflated data set may inflate to before pixel data.
    pub max_inflated_bytes: usize,
    /// Also check that the file holds everything after pixel data: run a deflate stream to
    /// its end, and walk the fragment headers of encapsulated pixel data when the file does
    /// not end with a sequence delimiter. A cut there gives `truncated`. This is a check of
    /// the file, not of its header: with it off, no byte past the pixel data element's own
    /// header is looked at (a defined pixel data length is still checked against the file
    /// size, which costs nothing).
    pub check_pixel_data_end: bool,
    /// Most bytes the check of a deflated data set inflates (header and pixel data
    /// together). Deflate packs up to about 1,000 bytes in one, so a few megabytes of file
    /// can stand for gigabytes of zeros; past the cap the rest of the stream is left
    /// unchecked and the header notes it ([`Problem::CheckCapped`]).
    pub max_checked_inflate: u64,
}

impl ReadOptions {
    /// The header alone, up to pixel data, as a reader that stops there sees it: what
    /// `dicom-object` does with `read_until(PixelData)`.
    pub fn header_only() -> Self {
        ReadOptions {
            check_pixel_data_end: false,
            ..ReadOptions::default()
        }
    }
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_depth: 64,
            max_elements: 2 << 20,
            max_inflated_bytes: 64 << 20,
            check_pixel_data_end: true,
            max_checked_inflate: 256 << 20,
        }
    }
}

/// The header runs past the bytes given: read at least this many bytes of the file and
/// call [`read_prefix`] again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NeedMore {
    /// Bytes of the file that must be present, at the least.
    pub bytes: usize,
}

/// Reads the header of a whole file held in memory.
pub fn read(bytes: &[u8]) -> Header<'_> {
    read_with(bytes, &ReadOptions::default())
}

/// Reads the header of a whole file held in memory, with explicit limits.
pub fn read_with<'a>(bytes: &'a [u8], options: &ReadOptions) -> Header<'a> {
    match read_prefix(bytes, bytes.len() as u64, options) {
        Ok(header) => header,
        // Cannot happen: with the whole file present nothing more can be asked for; treat
        // it as a truncation rather than trusting that.
        Err(_) => {
            let mut h = Header::empty(bytes);
            h.status = Status::Truncated;
            h
        }
    }
}

/// Reads the header from the first bytes of a file of `file_len` bytes. When the header runs
/// past them, returns how many bytes are needed; the caller reads more and calls again.
pub fn read_prefix<'a>(
    bytes: &'a [u8],
    file_len: u64,
    options: &ReadOptions,
) -> Result<Header<'a>, NeedMore> {
    read_prefix_by(bytes, file_len, options, true)
}

/// [`read_prefix`], with the plain-element shortcut on or off (off only to test that it
/// changes nothing).
fn read_prefix_by<'a>(
    bytes: &'a [u8],
    file_len: u64,
    options: &ReadOptions,
    plain_path: bool,
) -> Result<Header<'a>, NeedMore> {
    let complete = bytes.len() as u64 >= file_len;
    let mut header = Header::empty(bytes);
    // A guess that saves regrowths, each a copy of all elements so far: headers hold one
    // element per 20-40 bytes, structured reports one per 16 to 18 (test-SR.dcm: 6,796
    // bytes, about 400 elements and items). Unused room costs nothing, as the allocator hands out pages untouched.
    header.elements = Vec::with_capacity((bytes.len() / 16).clamp(16, 1024));
    let mut r = Reader {
        header,
        options: *options,
        complete,
        file_len,
        inflate: None,
        signed_pixels: false,
        plain_path,
    };
    match r.run() {
        Ok(()) => {}
        Err(Stop::NeedMore(n)) => return Err(NeedMore { bytes: n }),
        Err(Stop::Problem(issue)) => r.fail(issue),
    }
    r.resolve_private_vrs();
    r.finish();
    Ok(r.header)
}

impl<'a> Header<'a> {
    pub(crate) fn empty(file: &'a [u8]) -> Header<'a> {
        Header {
            file,
            inflated: Vec::new(),
            status: Status::Ok,
            error: None,
            anomalies: Vec::new(),
            has_preamble: false,
            has_meta: false,
            transfer_syntax_uid: None,
            encoding: None,
            deflated: false,
            meta_len: 0,
            elements: Vec::new(),
            charsets: default_charsets(),
            pixel_data: None,
            header_bytes: 0,
            max_depth: 0,
        }
    }
}

/// The character set list before any (0008,0005) is read: the default repertoire, with
/// room for the one set most files declare.
fn default_charsets() -> Vec<SpecificCharacterSet> {
    let mut charsets = Vec::with_capacity(2);
    charsets.push(SpecificCharacterSet::default());
    charsets
}

/// Why a read stopped early.
enum Stop {
    NeedMore(usize),
    Problem(Issue),
}

type Step<T> = Result<T, Stop>;

/// Where the elements of a data set or item end.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Until {
    /// The end of the bytes (top-level data set).
    End,
    /// A defined length: a sequence's items end there.
    Offset(usize),
    /// The defined length of an item, whose sequence ends at `seq_end` (`None`: undefined
    /// length).
    Item { end: usize, seq_end: Option<usize> },
    /// An item whose defined length turned out too short: its elements go on to the next
    /// item or delimiter tag, or to `limit` (its sequence's end, when defined).
    ItemResync { limit: Option<usize> },
    /// An Item Delimitation Item (PS3.5 7.5.2).
    ItemDelimiter,
}

/// Element headers the look-ahead after a short item walks (see
/// [`Reader::item_goes_on`]) before it concludes that the data set goes on instead.
const ITEM_LOOKAHEAD_ELEMENTS: usize = 64;

/// A decoded element header.
#[derive(Clone, Copy)]
struct RawHeader {
    tag: Tag,
    vr: Option<Vr>,
    len: u32,
    header_len: usize,
}

/// State of an incremental inflate of a deflated data set (PS3.5 A.5).
struct Inflate {
    decoder: Decompress,
    /// Offset in the file where the deflate stream starts.
    start: usize,
    /// The stream reached its end, or cannot give more (corrupt or cut).
    done: bool,
    /// The stream was corrupt: the problem, if any.
    broken: Option<String>,
    /// The input ended before the stream's end marker: the file was cut.
    cut: bool,
}

/// What stays the same over a [`Reader::plain_run`].
#[derive(Clone, Copy)]
struct Run<'c> {
    source: Source,
    until: Until,
    depth: u8,
    charset: u16,
    creators: &'c [(u16, u8, usize)],
}

struct Reader<'a> {
    header: Header<'a>,
    options: ReadOptions,
    /// All of the file is in `header.file`.
    complete: bool,
    file_len: u64,
    inflate: Option<Inflate>,
    /// Pixel Representation (0028,0103) is 1: "US or SS" attributes read in implicit VR
    /// are SS (PS3.3 C.7.6.3).
    signed_pixels: bool,
    /// Plain elements take [`Reader::plain_run`].
    plain_path: bool,
}

const U32_UNDEFINED: u32 = u32::MAX;
/// A Sequence Delimitation Item (FFFE,E0DD) with length 0, little endian: how a file with
/// encapsulated pixel data ends (PS3.5 A.4).
pub const SEQUENCE_DELIMITER_LE: [u8; 8] = [0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0];
/// Bytes of stray data we look past at the start of a file with no preamble (no_meta.dcm in
/// pydicom's test files has one).
const MAX_STRAY_BYTES: usize = 8;
/// Elements the plausibility probe reads.
const PROBE_ELEMENTS: usize = 6;
/// Elements that, read cleanly, make an encoding fit whatever follows them.
const FIT_ELEMENTS: usize = 3;

impl<'a> Reader<'a> {
    fn run(&mut self) -> Step<()> {
        let file = self.header.file;
        if file.is_empty() {
            return Err(self.problem(Problem::NotDicom("empty file"), 0, None, Source::File));
        }
        let mut pos = 0;
        if file.len() >= 132 && &file[128..132] == b"DICM" {
            self.header.has_preamble = true;
            pos = 132;
        } else if file.len() < 132 && !self.complete {
            return Err(Stop::NeedMore(132));
        } else if file.starts_with(b"DICM") {
            // Some writers drop the preamble but keep the prefix.
            pos = 4;
        }
        if self.header.has_preamble && pos == file.len() {
            if !self.complete {
                return Err(Stop::NeedMore(pos + 8));
            }
            let p = Problem::Truncated {
                what: "the file meta group",
                needed: 8,
                available: 0,
            };
            return Err(self.problem(p, pos, None, Source::File));
        }
        pos = self.read_meta(pos)?;
        self.header.meta_len = self.header.elements.len();
        self.header.header_bytes = pos;
        let Some(encoding) = self.choose_encoding(pos)? else {
            return Ok(());
        };
        self.header.encoding = Some(encoding);
        if self.header.deflated {
            return self.read_deflated(pos, encoding);
        }
        pos = self.header.header_bytes;
        self.read_top_level(Source::File, pos, encoding)
    }

    // ---- file meta group (PS3.10 7.1) ----

    /// Reads the file meta group, if the bytes at `pos` start one; returns where the data
    /// set starts.
    fn read_meta(&mut self, mut pos: usize) -> Step<usize> {
        let file = self.header.file;
        if !self.starts_group_2(pos)? {
            // Right after the DICM prefix, a cut group 2 tag is a file cut inside its meta
            // group, not garbage.
            self.check_meta_cut(pos, None, pos > 0)?;
            return Ok(pos);
        }
        self.header.has_meta = true;
        let mut enc = Encoding::EXPLICIT_LE;
        if Vr::from_bytes([file[pos + 4], file[pos + 5]]).is_none() {
            enc = Encoding::IMPLICIT_LE;
            self.note(Problem::ImplicitVrMeta, pos, None, Source::File);
        }
        let start = pos;
        let mut group_length = None;
        loop {
            let group_end = group_length.map(|(declared, from)| from + declared as usize);
            if pos >= file.len() && self.complete {
                self.check_meta_cut(pos, group_end, true)?;
                break;
            }
            if !self.starts_group_2(pos)? {
                self.check_meta_cut(pos, group_end, true)?;
                break;
            }
            let h = self.element_header(Source::File, pos, enc)?;
            if h.len == U32_UNDEFINED {
                let p = Problem::UndefinedLengthValue;
                return Err(self.problem(p, pos, Some(h.tag), Source::File));
            }
            let value_offset = pos + h.header_len;
            let mut e = Element::new(h.tag, vr_or_dictionary(h), ElementKind::Value, 0);
            e.vr_from_dictionary = h.vr.is_none();
            e.header_offset = pos;
            e.value_offset = value_offset;
            e.declared_len = h.len;
            let end = value_offset as u64 + u64::from(h.len);
            e.value_len = (end.min(file.len() as u64) as usize).saturating_sub(value_offset);
            e.end = self.header.elements.len() as u32 + 1;
            self.header.elements.push(e);
            self.header.meta_len = self.header.elements.len();
            if end > file.len() as u64 {
                if !self.complete {
                    return Err(Stop::NeedMore(end.min(usize::MAX as u64) as usize));
                }
                return Err(self.truncated_value(value_offset, h, "a file meta element"));
            }
            if h.tag == tags::FILE_META_GROUP_LENGTH && h.len == 4 {
                group_length = Some((read_u32(&file[value_offset..], false), end as usize));
            }
            pos = end as usize;
        }
        match group_length {
            None => self.note(Problem::MissingGroupLength, start, None, Source::File),
            Some((declared, from)) if from + declared as usize != pos => {
                let found = pos - from;
                self.note(
                    Problem::GroupLengthMismatch { declared, found },
                    start,
                    Some(tags::FILE_META_GROUP_LENGTH),
                    Source::File,
                );
            }
            Some(_) => {}
        }
        Ok(pos)
    }

    /// Where the meta group stops at `pos` with no full element header after it: when the
    /// file ends there, or within 8 bytes (an element header's size, PS3.5 7.1.2) holding
    /// the start of a group 0002 tag, and the meta group was expected to go on (`in_meta`:
    /// after the DICM prefix or a meta element) or its group length says it does
    /// (`group_end`), the file was cut inside its meta group: status truncated, with the
    /// elements before the cut kept. A complete element header that is not group 0002 is
    /// the data set starting, and a wrong group length is then only noted.
    fn check_meta_cut(&mut self, pos: usize, group_end: Option<usize>, in_meta: bool) -> Step<()> {
        let left = self.header.file.get(pos..).unwrap_or_default();
        if left.len() >= 8 {
            return Ok(());
        }
        let declared_more = group_end.is_some_and(|end| end > pos);
        // The group number 0002 little endian, as far as the bytes go.
        let cut_group_2 = !left.is_empty() && [2u8, 0].starts_with(&left[..left.len().min(2)]);
        if !(declared_more || in_meta && cut_group_2) {
            return Ok(());
        }
        let p = if left.is_empty() {
            Problem::Truncated {
                what: "the file meta group",
                needed: group_end.map_or(8, |end| (end - pos) as u64),
                available: 0,
            }
        } else {
            Problem::Truncated {
                what: "a file meta element header",
                needed: 8,
                available: left.len() as u64,
            }
        };
        Err(self.problem(p, pos, None, Source::File))
    }

    /// True when an element of group 0002 (little endian, PS3.10 7.1) starts at `pos`.
    fn starts_group_2(&self, pos: usize) -> Step<bool> {
        let file = self.header.file;
        if file.len() < pos + 8 {
            if !self.complete {
                return Err(Stop::NeedMore(pos + 8));
            }
            return Ok(false);
        }
        Ok(file[pos] == 2 && file[pos + 1] == 0)
    }

    // ---- choosing the data set encoding ----

    /// Decides how the data set is encoded: from the Transfer Syntax when there is one and
    /// the bytes agree, otherwise from the bytes (as DCMTK and pydicom do). Returns `None`
    /// when there is no data set.
    fn choose_encoding(&mut self, pos: usize) -> Step<Option<Encoding>> {
        let file = self.header.file;
        if pos >= file.len() && !self.complete {
            return Err(Stop::NeedMore(pos + 256));
        }
        let declared = self.declared_syntax();
        if pos >= file.len() && self.header.has_meta {
            // A Part 10 file holds a data set after its meta group (PS3.10 7.1): a file
            // that ends with the group was cut there.
            let p = Problem::Truncated {
                what: "the data set (none after the file meta group)",
                needed: 8,
                available: 0,
            };
            return Err(self.problem(p, pos, None, Source::File));
        }
        if let Some(info) = declared {
            self.header.deflated = info.deflated;
            let plain = (info.deflated && pos < file.len())
                .then(|| self.plain_despite_deflate(pos))
                .flatten();
            if let Some(actual) = plain {
                self.header.deflated = false;
                self.note(Problem::NotDeflated { actual }, pos, None, Source::File);
                return Ok(Some(actual));
            }
            if info.deflated || pos >= file.len() {
                return Ok(Some(info.encoding));
            }
            return self.check_declared(pos, info.encoding).map(Some);
        }
        if pos >= file.len() {
            if self.header.has_meta {
                if self.header.transfer_syntax_uid.is_none() {
                    let p = Problem::MissingTransferSyntax {
                        inferred: Encoding::EXPLICIT_LE,
                    };
                    self.note(p, pos, Some(tags::TRANSFER_SYNTAX_UID), Source::File);
                }
                return Ok(None);
            }
            let p = Problem::NotDicom("no data set");
            return Err(self.problem(p, pos, None, Source::File));
        }
        let Some((offset, encoding)) = self.infer(pos)? else {
            let p = if self.header.has_preamble || self.header.has_meta {
                Problem::GarbageAfterPrefix
            } else {
                Problem::NotDicom("no preamble, no file meta group, no plausible data set")
            };
            return Err(self.problem(p, pos, None, Source::File));
        };
        if offset > pos {
            let p = Problem::StrayLeadingBytes {
                count: offset - pos,
            };
            self.note(p, pos, None, Source::File);
        }
        if self.header.has_meta {
            // An empty value is as good as none: the Transfer Syntax is Type 1.
            let p = match self.header.transfer_syntax_uid.as_deref() {
                None | Some("") => Problem::MissingTransferSyntax { inferred: encoding },
                Some(_) => Problem::UnknownTransferSyntax,
            };
            self.note(p, pos, Some(tags::TRANSFER_SYNTAX_UID), Source::File);
        } else if self.header.has_preamble {
            let p = Problem::BadElementHeader("no file meta group after the DICM prefix");
            self.note(p, pos, None, Source::File);
        }
        self.header.header_bytes = offset;
        Ok(Some(encoding))
    }

    /// The Transfer Syntax of the meta group, remembered in the header (borrowed from the
    /// file unless it is not UTF-8).
    fn declared_syntax(&mut self) -> Option<SyntaxInfo> {
        let e = *self.header.find_meta(tags::TRANSFER_SYNTAX_UID)?;
        // Meta elements are read from the file itself, never from inflated bytes.
        let file = self.header.file;
        let raw = file
            .get(e.value_offset..e.value_offset + e.value_len)
            .unwrap_or_default();
        // NUL and space are single bytes in UTF-8 and never part of a longer sequence, so
        // trimming them from the bytes trims the same characters as trimming the text.
        let padded = trim_uid_padding(raw);
        // A UID is digits and dots (PS3.5 9.1); what follows a NUL inside the value is not
        // part of it. The UID before it is used, and the rest noted.
        let uid = match padded.iter().position(|&b| b == 0) {
            Some(nul) => {
                let p = Problem::TransferSyntaxGarbage {
                    bytes: padded.len() - nul,
                };
                let at = e.value_offset + nul;
                self.note(p, at, Some(tags::TRANSFER_SYNTAX_UID), Source::File);
                trim_uid_padding(&padded[..nul])
            }
            None => padded,
        };
        let uid = match std::str::from_utf8(uid) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(uid),
        };
        let info = SyntaxInfo::from_uid(&uid);
        self.header.transfer_syntax_uid = Some(uid);
        info
    }

    /// Checks the declared encoding against the first elements; switches when another
    /// encoding fits the bytes clearly better (SC_rgb_jpeg.dcm says JPEG but is implicit).
    fn check_declared(&mut self, pos: usize, declared: Encoding) -> Step<Encoding> {
        let file = self.header.file;
        // The usual file fits its declared syntax: a short probe says so without the
        // dictionary look-ups that only ranking needs.
        if probe(file, pos, declared, self.complete, ProbeFor::Fit).fits() {
            return Ok(declared);
        }
        let declared_score = probe(file, pos, declared, self.complete, ProbeFor::Rank);
        let best = [
            Encoding::EXPLICIT_LE,
            Encoding::IMPLICIT_LE,
            Encoding::EXPLICIT_BE,
        ]
        .into_iter()
        .filter(|e| *e != declared)
        .map(|e| (probe(file, pos, e, self.complete, ProbeFor::Rank), e))
        .max_by_key(|(s, _)| s.rank());
        match best {
            Some((score, actual)) if score.fits() && score.rank() > declared_score.rank() => {
                let p = Problem::TransferSyntaxMismatch { declared, actual };
                self.note(p, pos, None, Source::File);
                Ok(actual)
            }
            _ => {
                if !self.complete && declared_score.needs_more {
                    return Err(Stop::NeedMore(file.len().saturating_mul(2).max(pos + 4096)));
                }
                Ok(declared)
            }
        }
    }

    /// The encoding of a data set declared deflated that is plain after all: it cannot
    /// start a deflate stream (see [`can_start_raw_deflate`]), starts in group 0008 as data
    /// sets do, and its first elements fit explicit or implicit VR little endian.
    fn plain_despite_deflate(&self, pos: usize) -> Option<Encoding> {
        let file = self.header.file;
        let rest = file.get(pos..)?;
        if rest.len() < 8 || rest[..2] != [0x08, 0x00] || can_start_raw_deflate(rest) {
            return None;
        }
        [Encoding::EXPLICIT_LE, Encoding::IMPLICIT_LE]
            .into_iter()
            .find(|e| probe(file, pos, *e, self.complete, ProbeFor::Fit).fits())
    }

    /// Guesses where a raw data set starts and how it is encoded.
    fn infer(&self, pos: usize) -> Step<Option<(usize, Encoding)>> {
        let file = self.header.file;
        let mut best: Option<(Score, usize, Encoding)> = None;
        let last = (pos + MAX_STRAY_BYTES).min(file.len().saturating_sub(1));
        for offset in pos..=last {
            for enc in [
                Encoding::EXPLICIT_LE,
                Encoding::IMPLICIT_LE,
                Encoding::EXPLICIT_BE,
            ] {
                let score = probe(file, offset, enc, self.complete, ProbeFor::Rank);
                if !score.fits() {
                    continue;
                }
                // Prefer no skipped bytes, then the better fit.
                let better = match &best {
                    None => true,
                    Some((s, o, _)) => *o == offset && score.rank() > s.rank(),
                };
                if better {
                    best = Some((score, offset, enc));
                }
            }
            if best.is_some() {
                break;
            }
        }
        if best.is_none() && !self.complete && file.len() < 4096 {
            return Err(Stop::NeedMore(4096));
        }
        Ok(best.map(|(_, o, e)| (o, e)))
    }

    // ---- deflated data sets (PS3.5 A.5) ----

    fn read_deflated(&mut self, pos: usize, encoding: Encoding) -> Step<()> {
        if !self.complete {
            // The deflate stream must be read from the file as a whole.
            return Err(Stop::NeedMore(self.file_len.min(usize::MAX as u64) as usize));
        }
        let zlib = is_zlib_wrapped(self.header.file.get(pos..).unwrap_or(&[]));
        if zlib {
            self.note(Problem::ZlibWrapped, pos, None, Source::File);
        }
        self.inflate = Some(Inflate {
            decoder: Decompress::new(zlib),
            start: pos,
            done: false,
            broken: None,
            cut: false,
        });
        // Start small: most deflated headers are a few KiB once inflated (image_dfl.dcm
        // reaches pixel data after 526 bytes), and the data set behind them can be
        // megabytes. Grow by four while the parse asks: parsing 2 KiB again costs about
        // what inflating it does.
        let mut want = 2 << 10;
        loop {
            self.inflate_to(want);
            let elements_before = self.header.elements.len();
            let anomalies_before = self.header.anomalies.len();
            match self.read_top_level(Source::Inflated, 0, encoding) {
                Err(Stop::NeedMore(_)) => {
                    let Some(inf) = &self.inflate else {
                        return Ok(());
                    };
                    if inf.done {
                        let available = self.header.inflated.len() as u64;
                        let p = match &inf.broken {
                            Some(why) => Problem::BadDeflate(why.clone()),
                            None => Problem::Truncated {
                                what: "the deflated data set",
                                needed: available + 1,
                                available,
                            },
                        };
                        let at = self.header.inflated.len();
                        return Err(self.problem(p, at, None, Source::Inflated));
                    }
                    if want >= self.options.max_inflated_bytes {
                        let p = Problem::InflateCap {
                            cap: self.options.max_inflated_bytes,
                        };
                        let at = self.header.inflated.len();
                        return Err(self.problem(p, at, None, Source::Inflated));
                    }
                    // Read again from the start with more bytes: cheap next to inflating.
                    self.header.elements.truncate(elements_before);
                    self.header.anomalies.truncate(anomalies_before);
                    self.header.charsets.truncate(1);
                    self.header.max_depth = 0;
                    want = want.saturating_mul(4).min(self.options.max_inflated_bytes);
                }
                other => {
                    // With pixel data found, the bytes before it were counted there, before
                    // the check of the rest of the stream.
                    if self.header.pixel_data.is_none() {
                        self.header.header_bytes = self.inflated_consumed();
                    }
                    return other;
                }
            }
        }
    }

    /// Inflates until `want` bytes are out or the stream ends.
    fn inflate_to(&mut self, want: usize) {
        let file = self.header.file;
        let Some(inf) = self.inflate.as_mut() else {
            return;
        };
        let out = &mut self.header.inflated;
        while !inf.done && out.len() < want {
            let consumed = inf.decoder.total_in() as usize;
            let input = file.get(inf.start + consumed..).unwrap_or(&[]);
            out.reserve((want - out.len()).min(1 << 20));
            let before_out = inf.decoder.total_out();
            let before_in = inf.decoder.total_in();
            match inf
                .decoder
                .decompress_vec(input, out, FlushDecompress::None)
            {
                Ok(flate2::Status::StreamEnd) => inf.done = true,
                Ok(_) => {
                    let progressed = inf.decoder.total_out() != before_out
                        || inf.decoder.total_in() != before_in;
                    if !progressed && out.len() < out.capacity() {
                        // No input left before the end of the stream: the file was cut.
                        inf.done = true;
                        inf.cut = true;
                    }
                }
                Err(e) => {
                    inf.done = true;
                    // The first error says what is wrong; a later call only that the
                    // decoder stopped.
                    inf.broken.get_or_insert_with(|| e.to_string());
                }
            }
        }
    }

    /// When the inflated data set ended because its stream did, not because the data set
    /// did: the problem to report. A cut stream counts the compressed bytes the file holds
    /// (at least one more was needed), which do not depend on how far the read inflated.
    fn inflate_cut_problem(&self) -> Option<Problem> {
        let inf = self.inflate.as_ref()?;
        if let Some(why) = &inf.broken {
            return Some(Problem::BadDeflate(why.clone()));
        }
        let present = self.header.file.len().saturating_sub(inf.start) as u64;
        inf.cut.then_some(Problem::Truncated {
            what: "the deflate stream",
            needed: present + 1,
            available: present,
        })
    }

    /// Runs the deflate stream to its end (or to [`ReadOptions::max_checked_inflate`] bytes
    /// out) without keeping the output; returns the problem if it is cut or corrupt.
    fn drain_inflate(&mut self) -> Option<Problem> {
        let file = self.header.file;
        let inf = self.inflate.as_mut()?;
        let mut scratch = vec![0u8; 64 << 10];
        let cap = self.options.max_checked_inflate;
        while !inf.done && inf.decoder.total_out() < cap {
            let consumed = inf.decoder.total_in() as usize;
            let input = file.get(inf.start + consumed..).unwrap_or(&[]);
            let (before_in, before_out) = (inf.decoder.total_in(), inf.decoder.total_out());
            match inf
                .decoder
                .decompress(input, &mut scratch, FlushDecompress::None)
            {
                Ok(flate2::Status::StreamEnd) => inf.done = true,
                Ok(_) => {
                    if inf.decoder.total_in() == before_in && inf.decoder.total_out() == before_out
                    {
                        inf.done = true;
                        inf.cut = true;
                    }
                }
                Err(e) => {
                    inf.done = true;
                    // The first error says what is wrong; a later call only that the
                    // decoder stopped.
                    inf.broken.get_or_insert_with(|| e.to_string());
                }
            }
        }
        self.inflate_cut_problem()
    }

    fn inflated_consumed(&self) -> usize {
        self.inflate
            .as_ref()
            .map_or(0, |i| i.start + i.decoder.total_in() as usize)
    }

    // ---- the data set ----

    fn read_top_level(&mut self, source: Source, pos: usize, enc: Encoding) -> Step<()> {
        let end = self.read_items_elements(source, pos, Until::End, enc, 0, 0)?;
        if source == Source::File {
            self.header.header_bytes = end;
        }
        Ok(())
    }

    fn buf(&self, source: Source) -> &[u8] {
        match source {
            Source::File => self.header.file,
            Source::Inflated => &self.header.inflated,
        }
    }

    /// True when the bytes of `source` are all there are.
    fn source_complete(&self, source: Source) -> bool {
        match source {
            Source::File => self.complete,
            Source::Inflated => self.inflate.as_ref().is_none_or(|i| i.done),
        }
    }

    /// Reads the elements of one data set (top level or an item) until `until`.
    /// Returns the offset after the last element (and after the item delimiter, if any).
    fn read_items_elements(
        &mut self,
        source: Source,
        mut pos: usize,
        until: Until,
        enc: Encoding,
        depth: usize,
        mut charset: u16,
    ) -> Step<usize> {
        let start = pos;
        let first_element = self.header.elements.len();
        let mut until = until;
        let mut last_tag: Option<Tag> = None;
        // Private creators of this data set: (group, block) -> element index.
        let mut creators: Vec<(u16, u8, usize)> = Vec::new();
        // Where the first non-zero byte after a run of zero elements is, once looked for.
        let mut nonzero_at = 0;
        loop {
            let len = self.buf(source).len();
            match until {
                Until::Offset(end) if pos >= end => return Ok(pos),
                Until::Item { end, seq_end } if pos >= end => {
                    // An element read past the item's end was trusted over the item
                    // length (see `value_end`); otherwise look at what follows the item.
                    if pos == end && !self.item_goes_on(source, end, seq_end, enc)? {
                        return Ok(pos);
                    }
                    let declared = (end - start).min(U32_UNDEFINED as usize - 1) as u32;
                    let p = Problem::ItemTooShort { declared };
                    self.note(p, start.saturating_sub(8), Some(tags::ITEM), source);
                    until = Until::ItemResync { limit: seq_end };
                    continue;
                }
                Until::ItemResync { limit: Some(limit) } if pos >= limit => return Ok(pos),
                Until::End | Until::ItemResync { .. } if pos >= len => {
                    if !self.source_complete(source) {
                        return Err(Stop::NeedMore(pos + 8));
                    }
                    if let Some(p) = self.inflate_cut_problem() {
                        return Err(self.problem(p, pos, None, source));
                    }
                    return Ok(pos);
                }
                _ => {}
            }
            if self.header.elements.len() >= self.options.max_elements {
                let p = Problem::TooManyElements {
                    limit: self.options.max_elements,
                };
                return Err(self.problem(p, pos, None, source));
            }
            // Each damaged element gets a note: a file made of them (megabytes of zeros read
            // as elements) would otherwise cost a note every 8 bytes.
            if self.header.anomalies.len() >= MAX_ANOMALIES {
                let p = Problem::TooManyAnomalies {
                    limit: MAX_ANOMALIES,
                };
                return Err(self.problem(p, pos, None, source));
            }
            if self.plain_path {
                let run = Run {
                    source,
                    until,
                    depth: depth as u8,
                    charset,
                    creators: &creators,
                };
                let (next, last) = self.plain_run(run, enc, pos, last_tag);
                if next != pos {
                    pos = next;
                    last_tag = last;
                    continue;
                }
            }
            let h = self.element_header(source, pos, enc)?;
            // Zero bytes where the next element belongs, to the end of what there is:
            // padding a writer left after the data set ((0000,0000) is no element of one).
            if depth == 0 && h.tag.0 == 0 && h.len == 0 && pos >= nonzero_at {
                let rest = self.buf(source).get(pos..).unwrap_or_default();
                match rest.iter().position(|&b| b != 0) {
                    None => {
                        let count = rest.len();
                        self.note(Problem::TrailingZeros { count }, pos, None, source);
                        return Ok(pos + count);
                    }
                    // Not padding: the zeros before that byte need no second look.
                    Some(at) => nonzero_at = pos + at,
                }
            }
            let resync = matches!(until, Until::ItemResync { .. });
            match h.tag {
                tags::ITEM_DELIMITATION => {
                    if until == Until::ItemDelimiter || resync {
                        return Ok(pos + 8);
                    }
                    self.note(Problem::StrayDelimiter, pos, Some(h.tag), source);
                    pos += 8;
                    continue;
                }
                // A short item's elements end where its sequence goes on.
                tags::SEQUENCE_DELIMITATION | tags::ITEM if resync => return Ok(pos),
                tags::SEQUENCE_DELIMITATION if until == Until::ItemDelimiter => {
                    // The item delimiter is missing; leave the sequence delimiter to the
                    // sequence.
                    self.note(Problem::MissingItemDelimiter, pos, Some(h.tag), source);
                    return Ok(pos);
                }
                tags::SEQUENCE_DELIMITATION | tags::ITEM => {
                    self.note(Problem::StrayDelimiter, pos, Some(h.tag), source);
                    if h.tag == tags::ITEM && h.len == U32_UNDEFINED {
                        let p = Problem::StrayDelimiter;
                        return Err(self.problem(p, pos, Some(h.tag), source));
                    }
                    pos = pos
                        + 8
                        + if h.tag == tags::ITEM {
                            h.len as usize
                        } else {
                            0
                        };
                    continue;
                }
                _ => {}
            }
            if depth == 0 && is_pixel_data(h.tag) {
                return self.stop_at_pixel_data(source, pos, h);
            }
            if let Some(prev) = last_tag {
                if h.tag == prev {
                    self.note(Problem::DuplicateTag, pos, Some(h.tag), source);
                } else if h.tag < prev {
                    self.note(Problem::TagsOutOfOrder, pos, Some(h.tag), source);
                }
            }
            last_tag = Some(h.tag);
            let index = self.header.elements.len();
            pos = self.read_element(source, pos, h, until, enc, depth, charset)?;
            if h.tag == PIXEL_REPRESENTATION {
                self.note_pixel_representation(index);
            }
            self.link_private(index, h.tag, &mut creators);
            if h.tag == tags::SPECIFIC_CHARACTER_SET {
                let before = charset;
                charset = self.push_charset(index, source);
                self.apply_late_charset(first_element..index, before, charset, source);
            }
        }
    }

    /// Pushes the elements from `pos` on while they are the plain case most of a header is
    /// made of, without the general path's branches: a tag after the previous one that is
    /// standard or a private data element (not an item or delimiter, not a private creator,
    /// not group 7FE0, not Pixel Representation or Specific Character Set), a VR with a
    /// 16-bit length (explicit VR) or a dictionary VR that is not SQ or "US or SS" (implicit
    /// VR), an even defined length, and a value inside both the bytes and the enclosing
    /// item. A private element is linked to its creator among `run.creators`. Returns the offset
    /// after the last element pushed (`pos` when none was) and its tag. The element it stops
    /// at is left to the general path, which reads plain elements the same way.
    fn plain_run(
        &mut self,
        run: Run<'_>,
        enc: Encoding,
        pos: usize,
        last_tag: Option<Tag>,
    ) -> (usize, Option<Tag>) {
        // One copy of the loop per encoding, so that byte order and VR source are constants.
        match (enc.explicit_vr, enc.big_endian) {
            (true, false) => self.plain_run_in::<true, false>(run, pos, last_tag),
            (true, true) => self.plain_run_in::<true, true>(run, pos, last_tag),
            (false, false) => self.plain_run_in::<false, false>(run, pos, last_tag),
            (false, true) => self.plain_run_in::<false, true>(run, pos, last_tag),
        }
    }

    /// [`Reader::plain_run`] for one encoding. Kept out of line: inlined into the general
    /// loop, its locals spill to the stack.
    #[inline(never)]
    fn plain_run_in<const EXPLICIT_VR: bool, const BIG_ENDIAN: bool>(
        &mut self,
        run: Run<'_>,
        mut pos: usize,
        mut last_tag: Option<Tag>,
    ) -> (usize, Option<Tag>) {
        let signed_pixels = self.signed_pixels;
        let max_elements = self.options.max_elements;
        let Header {
            file,
            inflated,
            elements,
            ..
        } = &mut self.header;
        let buf: &[u8] = match run.source {
            Source::File => file,
            Source::Inflated => inflated,
        };
        let limit = match run.until {
            Until::Offset(limit)
            | Until::Item { end: limit, .. }
            | Until::ItemResync { limit: Some(limit) } => limit.min(buf.len()),
            Until::End | Until::ItemDelimiter | Until::ItemResync { limit: None } => buf.len(),
        };
        // An element takes at least 8 bytes: when the bytes left could hold more elements
        // than the cap allows, the general path reads them, counting each.
        if elements.len() + limit.saturating_sub(pos) / 8 >= max_elements {
            return (pos, last_tag);
        }
        let u16_at = |b: [u8; 2]| {
            if BIG_ENDIAN {
                u16::from_be_bytes(b)
            } else {
                u16::from_le_bytes(b)
            }
        };
        while let Some(b) = pos
            .checked_add(8)
            .and_then(|end| buf.get(pos..end))
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
        {
            let tag = Tag::new(u16_at([b[0], b[1]]), u16_at([b[2], b[3]]));
            let group = tag.group();
            let private = group & 1 == 1;
            if private && tag.element() < 0x1000
                || group == 0xFFFE
                || group == 0x7FE0
                || last_tag.is_some_and(|last| tag <= last)
                || tag == PIXEL_REPRESENTATION
                || tag == tags::SPECIFIC_CHARACTER_SET
            {
                break;
            }
            let (vr, len) = if EXPLICIT_VR {
                let Some(vr) = Vr::from_bytes([b[4], b[5]]) else {
                    break;
                };
                if vr.has_long_length() {
                    break;
                }
                (vr, u32::from(u16_at([b[6], b[7]])))
            } else {
                let vr = Vr::from_dictionary(tag).unwrap_or(Vr::UN);
                if vr == Vr::SQ || vr == Vr::US && signed_pixels && Vr::is_us_or_ss(tag) {
                    break;
                }
                let len = [b[4], b[5], b[6], b[7]];
                let len = if BIG_ENDIAN {
                    u32::from_be_bytes(len)
                } else {
                    u32::from_le_bytes(len)
                };
                (vr, len)
            };
            if len % 2 == 1 || len == U32_UNDEFINED {
                break;
            }
            let value_offset = pos + 8;
            let end = value_offset + len as usize;
            if end > limit {
                break;
            }
            let mut e = Element::new(tag, vr, ElementKind::Value, run.depth);
            e.big_endian = BIG_ENDIAN;
            e.vr_from_dictionary = !EXPLICIT_VR;
            e.source = run.source;
            e.header_offset = pos;
            e.value_offset = value_offset;
            e.declared_len = len;
            e.value_len = len as usize;
            e.charset = run.charset;
            e.end = elements.len() as u32 + 1;
            if private {
                let block = (tag.element() >> 8) as u8;
                let creator = run.creators.iter().find(|c| c.0 == group && c.1 == block);
                e.set_creator(creator.map(|c| c.2));
            }
            elements.push(e);
            pos = end;
            last_tag = Some(tag);
        }
        (pos, last_tag)
    }

    /// Reads one element whose header is `h`; returns the offset after it.
    #[allow(clippy::too_many_arguments)]
    fn read_element(
        &mut self,
        source: Source,
        pos: usize,
        h: RawHeader,
        until: Until,
        enc: Encoding,
        depth: usize,
        charset: u16,
    ) -> Step<usize> {
        let mut vr = vr_or_dictionary(h);
        let mut from_dictionary = h.vr.is_none();
        if from_dictionary && vr == Vr::US && self.signed_pixels && Vr::is_us_or_ss(h.tag) {
            vr = Vr::SS;
        }
        // A UN element whose tag the dictionary knows is read with the real VR (PS3.5 6.2.2
        // note; pydicom and DCMTK do the same).
        if vr == Vr::UN
            && h.vr.is_some()
            && let Some(known) = Vr::from_dictionary(h.tag).filter(|v| *v != Vr::UN)
        {
            vr = known;
            from_dictionary = true;
        }
        let value_offset = pos + h.header_len;
        let mut e = Element::new(h.tag, vr, ElementKind::Value, depth as u8);
        e.big_endian = enc.big_endian;
        e.vr_from_dictionary = from_dictionary;
        e.source = source;
        e.header_offset = pos;
        e.value_offset = value_offset;
        e.declared_len = h.len;
        e.charset = charset;
        if h.len == U32_UNDEFINED {
            return self.read_undefined_length(source, e, h, enc, depth);
        }
        let end = self.value_end(source, pos, h, until, enc)?;
        if h.len % 2 == 1 {
            self.note(Problem::OddLength, pos, Some(h.tag), source);
        }
        let end_usize = end.min(usize::MAX as u64) as usize;
        if vr == Vr::SQ && (h.vr == Some(Vr::SQ) || h.vr.is_none()) {
            return self.read_sequence(source, e, Until::Offset(end_usize), enc, depth);
        }
        if vr == Vr::SQ
            && let Some(after) = self.try_un_sequence(source, e, end_usize, depth)?
        {
            return Ok(after);
        }
        self.push_value(source, e, end)
    }

    /// Where the value of the element at `pos` (header `h`, of defined length) ends inside
    /// its container. A value running past its item's end is cut there, and noted, unless
    /// the item is what is wrong: nothing that can follow an item starts at its end, and
    /// the value ends within the bytes and the sequence. Then the value is kept whole and
    /// the item is read on past its declared end (see [`Problem::ItemTooShort`]).
    fn value_end(
        &mut self,
        source: Source,
        pos: usize,
        h: RawHeader,
        until: Until,
        enc: Encoding,
    ) -> Step<u64> {
        let end = (pos + h.header_len) as u64 + u64::from(h.len);
        let limit = match until {
            Until::Offset(limit) | Until::ItemResync { limit: Some(limit) } => limit,
            Until::Item { end: item_end, .. } if end <= item_end as u64 => return Ok(end),
            Until::Item {
                end: item_end,
                seq_end,
            } => {
                let len = self.buf(source).len() as u64;
                let inside_seq = seq_end.is_none_or(|s| end <= s as u64);
                if end > len && inside_seq && !self.source_complete(source) {
                    return Err(Stop::NeedMore(
                        end.saturating_add(8).min(usize::MAX as u64) as usize
                    ));
                }
                let item_wrong = item_end as u64 <= len
                    && end <= len
                    && inside_seq
                    && !self.item_end_is_boundary(source, item_end, seq_end, enc)?;
                if item_wrong {
                    return Ok(end);
                }
                item_end
            }
            Until::End | Until::ItemDelimiter | Until::ItemResync { limit: None } => {
                return Ok(end);
            }
        };
        if end > limit as u64 && (limit as u64) <= self.buf(source).len() as u64 {
            let excess = end - limit as u64;
            self.note(
                Problem::ContainerOverrun { excess },
                pos,
                Some(h.tag),
                source,
            );
            return Ok(limit as u64);
        }
        Ok(end)
    }

    /// Whether an item of defined length may end at `end`: its sequence ends there, the
    /// bytes do, or an item or delimiter tag (group FFFE, PS3.5 7.5) starts there.
    fn item_end_is_boundary(
        &self,
        source: Source,
        end: usize,
        seq_end: Option<usize>,
        enc: Encoding,
    ) -> Step<bool> {
        if seq_end.is_some_and(|s| end >= s) {
            return Ok(true);
        }
        let buf = self.buf(source);
        let Some(b) = end.checked_add(2).and_then(|e| buf.get(end..e)) else {
            if !self.source_complete(source) {
                return Err(Stop::NeedMore(end.saturating_add(8)));
            }
            return Ok(true);
        };
        Ok(read_u16(b, enc.big_endian) == 0xFFFE)
    }

    /// At the declared end of an item, `end`, whether the item's elements go on: no item or
    /// delimiter starts there (see [`Reader::item_end_is_boundary`]), and either the
    /// sequence has a defined length that leaves bytes for them, or (undefined length) a
    /// walk over the element headers that follow meets an item or delimiter tag within
    /// [`ITEM_LOOKAHEAD_ELEMENTS`] elements. When the walk meets none, the elements are the
    /// data set going on after a sequence without its delimiter, which the sequence notes.
    fn item_goes_on(
        &self,
        source: Source,
        end: usize,
        seq_end: Option<usize>,
        enc: Encoding,
    ) -> Step<bool> {
        if self.item_end_is_boundary(source, end, seq_end, enc)? {
            return Ok(false);
        }
        if seq_end.is_some() {
            return Ok(true);
        }
        let mut pos = end;
        for _ in 0..ITEM_LOOKAHEAD_ELEMENTS {
            let Some(b) = self.peek(source, pos, 8)? else {
                return Ok(false);
            };
            let tag = Tag::new(
                read_u16(&b[0..], enc.big_endian),
                read_u16(&b[2..], enc.big_endian),
            );
            if tag.group() == 0xFFFE {
                return Ok(true);
            }
            let (len, header_len) = if !enc.explicit_vr {
                (read_u32(&b[4..], enc.big_endian), 8)
            } else {
                match Vr::from_bytes([b[4], b[5]]) {
                    None => return Ok(false),
                    Some(vr) if long_length(vr, [b[6], b[7]]) => {
                        let Some(b) = self.peek(source, pos, 12)? else {
                            return Ok(false);
                        };
                        (read_u32(&b[8..], enc.big_endian), 12)
                    }
                    Some(_) => (u32::from(read_u16(&b[6..], enc.big_endian)), 8),
                }
            };
            // A nested sequence or blob of undefined length, or pixel data, says nothing
            // that the walk can trust.
            if len == U32_UNDEFINED || is_pixel_data(tag) {
                return Ok(false);
            }
            pos = pos.saturating_add(header_len).saturating_add(len as usize);
        }
        Ok(false)
    }

    /// The `n` bytes at `pos` for a look-ahead; `NeedMore` when the source may still hold
    /// them, `None` when it cannot.
    fn peek(&self, source: Source, pos: usize, n: usize) -> Step<Option<&[u8]>> {
        let buf = self.buf(source);
        if let Some(b) = pos.checked_add(n).and_then(|e| buf.get(pos..e)) {
            return Ok(Some(b));
        }
        if !self.source_complete(source) {
            return Err(Stop::NeedMore(pos.saturating_add(n)));
        }
        Ok(None)
    }

    /// Reads an element of undefined length (PS3.5 7.1.3) whose header is `h` and element
    /// `e` (not yet pushed): encapsulated fragments (PS3.5 A.4) are skipped, a sequence is
    /// read, and a value that is neither, such as a private blob written with undefined
    /// length, is read as bytes up to its Sequence Delimitation Item.
    fn read_undefined_length(
        &mut self,
        source: Source,
        e: Element,
        h: RawHeader,
        enc: Encoding,
        depth: usize,
    ) -> Step<usize> {
        let vr = e.vr;
        if h.tag == tags::PIXEL_DATA || matches!(vr, Vr::OB | Vr::OW) && h.vr.is_some() {
            return self.skip_encapsulated(source, e, enc);
        }
        // PS3.5 6.2.2: UN of undefined length holds an implicit VR little endian
        // sequence, also when the dictionary knows the tag as SQ; implicit VR elements
        // of undefined length are sequences too.
        let mut inner = if vr == Vr::SQ && h.vr != Some(Vr::UN) {
            enc
        } else {
            Encoding::IMPLICIT_LE
        };
        // Some writers keep a sequence they sent as UN in explicit VR: read it as written
        // (pydicom does too) rather than take its VR bytes for a length.
        if h.vr == Some(Vr::UN) && self.items_look_explicit(source, e.value_offset)? {
            self.note(
                Problem::ExplicitVrInUn,
                e.header_offset,
                Some(h.tag),
                source,
            );
            inner = Encoding::EXPLICIT_LE;
        }
        if vr == Vr::SQ && h.vr != Some(Vr::UN) {
            return self.read_sequence(source, e, Until::ItemDelimiter, inner, depth);
        }
        // Anything else is a sequence only when an item or the delimiter opens its value.
        if !self.opens_sequence(source, e.value_offset, inner)? {
            // Only SQ, UN, OB and OW may have an undefined length (PS3.5 7.1.1); an explicit
            // VR that cannot is the writer's error, not a cut file.
            let invalid = h.vr.is_some_and(|vr| !matches!(vr, Vr::SQ | Vr::UN));
            return self.read_to_delimiter(source, e, inner, invalid);
        }
        if vr != Vr::SQ && vr != Vr::UN && h.vr.is_some() {
            self.note(
                Problem::UndefinedLengthValue,
                e.header_offset,
                Some(h.tag),
                source,
            );
        }
        let saved = self.save();
        match self.read_sequence(source, e, Until::ItemDelimiter, inner, depth) {
            Err(Stop::Problem(issue)) if is_not_a_sequence(&issue.problem) => {
                self.restore(saved);
                let invalid = h.vr.is_some_and(|vr| !matches!(vr, Vr::SQ | Vr::UN));
                self.read_to_delimiter(source, e, inner, invalid)
            }
            other => other,
        }
    }

    /// Whether the first element of an item's value at `pos`, in an explicit VR data set,
    /// has no VR but reads as an implicit VR header: a tag, and a 4-byte length that ends
    /// inside the bytes there are.
    fn item_looks_implicit(&self, source: Source, pos: usize) -> Step<bool> {
        let Some(b) = self.peek(source, pos, 8)? else {
            return Ok(false);
        };
        let tag = Tag::new(read_u16(&b[0..], false), read_u16(&b[2..], false));
        if tag.group() == 0xFFFE || tag.group() < 0x0008 {
            return Ok(false);
        }
        if Vr::from_bytes([b[4], b[5]]).is_some_and(Vr::is_known) {
            return Ok(false);
        }
        let len = read_u32(&b[4..], false);
        Ok(
            len != U32_UNDEFINED
                && pos as u64 + 8 + u64::from(len) <= self.buf(source).len() as u64,
        )
    }

    /// Whether the first element of the item at `pos` has an explicit VR header: two
    /// letters of a VR we know where an implicit header has the low bytes of its length
    /// (which would then be at least 16,705, `AA`, in a header's small elements).
    fn items_look_explicit(&self, source: Source, pos: usize) -> Step<bool> {
        let Some(b) = self.peek(source, pos, 14)? else {
            return Ok(false);
        };
        let item = Tag::new(read_u16(&b[0..], false), read_u16(&b[2..], false));
        let inner = Tag::new(read_u16(&b[8..], false), read_u16(&b[10..], false));
        Ok(item == tags::ITEM
            && inner.group() != 0xFFFE
            && Vr::from_bytes([b[12], b[13]]).is_some_and(Vr::is_known))
    }

    /// Whether an item or a Sequence Delimitation Item starts at `pos` (a value that starts
    /// a sequence, PS3.5 7.5); true also where the bytes end, so that a sequence read
    /// reports the cut.
    fn opens_sequence(&self, source: Source, pos: usize, enc: Encoding) -> Step<bool> {
        let Some(b) = self.peek(source, pos, 4)? else {
            return Ok(true);
        };
        let tag = Tag::new(
            read_u16(&b[0..], enc.big_endian),
            read_u16(&b[2..], enc.big_endian),
        );
        Ok(tag == tags::ITEM || tag == tags::SEQUENCE_DELIMITATION)
    }

    /// Reads the value of an element of undefined length that holds no items as its bytes
    /// up to the first Sequence Delimitation Item tag (FFFE,E0DD) in `enc`'s byte order,
    /// as pydicom does; the search looks at each byte of the value once and allocates
    /// nothing. Without the tag, the value runs to the end of the file: truncated, with
    /// the bytes there are kept, or malformed when its VR cannot have an undefined length
    /// (`invalid`): the length was never a promise of a delimiter.
    fn read_to_delimiter(
        &mut self,
        source: Source,
        mut e: Element,
        enc: Encoding,
        invalid: bool,
    ) -> Step<usize> {
        let buf = self.buf(source);
        let from = e.value_offset;
        let rest = buf.get(from..).unwrap_or_default();
        let found = find_sequence_delimiter(rest, enc.big_endian);
        let (len, rest_len) = (buf.len(), rest.len());
        if found.is_none() && !self.source_complete(source) {
            return Err(Stop::NeedMore(len.saturating_mul(2).max(from + 8)));
        }
        e.kind = ElementKind::Value;
        e.value_len = found.unwrap_or(rest_len);
        e.end = self.header.elements.len() as u32 + 1;
        self.header.elements.push(e);
        let Some(at) = found else {
            if invalid {
                let p = Problem::UndefinedLengthValue;
                return Err(self.problem(p, e.header_offset, Some(e.tag), source));
            }
            let p = Problem::Truncated {
                what: "a value of undefined length without its sequence delimiter",
                needed: rest_len as u64 + 8,
                available: rest_len as u64,
            };
            return Err(self.problem(p, e.header_offset, Some(e.tag), source));
        };
        self.note(
            Problem::ValueReadToDelimiter,
            e.header_offset,
            Some(e.tag),
            source,
        );
        let delimiter = from + at;
        self.need(source, delimiter, 8, "a sequence delimitation item")?;
        Ok(delimiter + 8)
    }

    /// What [`Reader::restore`] needs to undo an attempt.
    fn save(&self) -> Saved {
        Saved {
            elements: self.header.elements.len(),
            anomalies: self.header.anomalies.len(),
            charsets: self.header.charsets.len(),
            max_depth: self.header.max_depth,
        }
    }

    /// Forgets everything an attempt read since [`Reader::save`].
    fn restore(&mut self, saved: Saved) {
        self.header.elements.truncate(saved.elements);
        self.header.anomalies.truncate(saved.anomalies);
        self.header.charsets.truncate(saved.charsets);
        self.header.max_depth = saved.max_depth;
    }

    /// Pushes a value element, or the part of it that is present and a truncation.
    fn push_value(&mut self, source: Source, mut e: Element, end: u64) -> Step<usize> {
        let len = self.buf(source).len();
        e.value_len = (end.min(len as u64) as usize).saturating_sub(e.value_offset);
        e.end = self.header.elements.len() as u32 + 1;
        if end > len as u64 {
            if !self.source_complete(source) {
                return Err(Stop::NeedMore(end.min(usize::MAX as u64) as usize));
            }
            self.header.elements.push(e);
            let p = Problem::Truncated {
                what: "a value",
                needed: u64::from(e.declared_len),
                available: e.value_len as u64,
            };
            return Err(self.problem(p, e.header_offset, Some(e.tag), source));
        }
        self.header.elements.push(e);
        Ok(end as usize)
    }

    /// A UN element whose tag the dictionary says is a sequence: read its value as an
    /// implicit VR little endian sequence (PS3.5 6.2.2), or keep it as bytes if that fails.
    fn try_un_sequence(
        &mut self,
        source: Source,
        mut e: Element,
        end: usize,
        depth: usize,
    ) -> Step<Option<usize>> {
        if end > self.buf(source).len() {
            return Ok(None);
        }
        let saved = self.save();
        e.vr = Vr::SQ;
        match self.read_sequence(source, e, Until::Offset(end), Encoding::IMPLICIT_LE, depth) {
            Ok(after) if self.header.anomalies.len() == saved.anomalies => Ok(Some(after)),
            Err(Stop::NeedMore(n)) => Err(Stop::NeedMore(n)),
            _ => {
                self.restore(saved);
                Ok(None)
            }
        }
    }

    /// Reads the items of a sequence whose element is `e` (not yet pushed).
    fn read_sequence(
        &mut self,
        source: Source,
        mut e: Element,
        until: Until,
        enc: Encoding,
        depth: usize,
    ) -> Step<usize> {
        if depth + 1 > self.options.max_depth {
            // The file is malformed for a reader with a limit, but what follows the
            // sequence (a patient's name after 65 levels of padding) is still read: the
            // sequence is stepped over without recursion and kept as a skipped element.
            let p = Problem::TooDeep {
                limit: self.options.max_depth,
            };
            self.note(p, e.header_offset, Some(e.tag), source);
            let after = self.step_over_sequence(source, e.value_offset, until, enc, e.tag)?;
            e.kind = ElementKind::Skipped;
            e.value_len = after.saturating_sub(e.value_offset);
            e.end = self.header.elements.len() as u32 + 1;
            self.header.elements.push(e);
            return Ok(after);
        }
        self.header.max_depth = self.header.max_depth.max(depth + 1);
        e.kind = ElementKind::Sequence;
        e.charset = e.charset.min(self.header.charsets.len() as u16 - 1);
        let index = self.header.elements.len();
        self.header.elements.push(e);
        let result =
            self.read_sequence_items(source, e.value_offset, until, enc, depth + 1, e.charset);
        let end = self.header.elements.len() as u32;
        let seq = &mut self.header.elements[index];
        seq.end = end;
        if let Ok(after) = result {
            seq.value_len = after.saturating_sub(seq.value_offset);
        }
        result
    }

    fn read_sequence_items(
        &mut self,
        source: Source,
        mut pos: usize,
        until: Until,
        enc: Encoding,
        depth: usize,
        charset: u16,
    ) -> Step<usize> {
        loop {
            if let Until::Offset(end) = until
                && pos >= end
            {
                return Ok(pos);
            }
            let h = self.item_header(source, pos, enc)?;
            match h.tag {
                tags::SEQUENCE_DELIMITATION => {
                    if until == Until::ItemDelimiter {
                        return Ok(pos + 8);
                    }
                    self.note(Problem::StrayDelimiter, pos, Some(h.tag), source);
                    pos += 8;
                }
                tags::ITEM => pos = self.read_item(source, pos, h, until, enc, depth, charset)?,
                _ if until == Until::ItemDelimiter => {
                    // No sequence delimiter: the sequence ended before this element, and
                    // the data set goes on with it. (pydicom reads the element's header as
                    // an item's and loses the rest of the data set.)
                    self.note(Problem::MissingSequenceDelimiter, pos, Some(h.tag), source);
                    return Ok(pos);
                }
                _ => {
                    let p = Problem::BadElementHeader("expected an item in a sequence");
                    // A sequence of defined length that holds something else: its length
                    // still says where the data set goes on, so skip the rest of it and say
                    // so, rather than lose every element after it.
                    if let Until::Offset(end) = until
                        && end <= self.buf(source).len()
                    {
                        self.note(p, pos, Some(h.tag), source);
                        return Ok(end);
                    }
                    return Err(self.problem(p, pos, Some(h.tag), source));
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn read_item(
        &mut self,
        source: Source,
        pos: usize,
        h: RawHeader,
        seq_until: Until,
        enc: Encoding,
        depth: usize,
        charset: u16,
    ) -> Step<usize> {
        let value_offset = pos + 8;
        let mut item = Element::new(tags::ITEM, Vr::UN, ElementKind::Item, depth as u8);
        item.big_endian = enc.big_endian;
        item.source = source;
        item.header_offset = pos;
        item.value_offset = value_offset;
        item.declared_len = h.len;
        item.charset = charset;
        let until = if h.len == U32_UNDEFINED {
            Until::ItemDelimiter
        } else {
            let seq_end = match seq_until {
                Until::Offset(limit) => Some(limit),
                _ => None,
            };
            let mut end = value_offset as u64 + u64::from(h.len);
            if let Until::Offset(limit) = seq_until {
                let limit_in_buffer = limit <= self.buf(source).len();
                if end > limit as u64 && limit_in_buffer {
                    let excess = end - limit as u64;
                    self.note(
                        Problem::ContainerOverrun { excess },
                        pos,
                        Some(h.tag),
                        source,
                    );
                    end = limit as u64;
                }
            }
            Until::Item {
                end: end.min(usize::MAX as u64) as usize,
                seq_end,
            }
        };
        let index = self.header.elements.len();
        self.header.elements.push(item);
        let mut result = self.read_items_elements(source, value_offset, until, enc, depth, charset);
        // An item written implicit VR in an explicit VR file (private sequences copied
        // from an implicit file) fails on its first header, before anything of it was
        // kept: read it again as written. (Looked at only then, at no cost to the rest.)
        if let Err(Stop::Problem(issue)) = &result
            && issue.at.offset == value_offset
            && matches!(issue.problem, Problem::BadElementHeader(_))
            && enc.explicit_vr
            && !enc.big_endian
            && self.header.elements.len() == index + 1
            && self.item_looks_implicit(source, value_offset)?
        {
            self.note(Problem::ImplicitVrItem, pos, Some(h.tag), source);
            let implicit = Encoding::IMPLICIT_LE;
            result =
                self.read_items_elements(source, value_offset, until, implicit, depth, charset);
        }
        let end = self.header.elements.len() as u32;
        let item = &mut self.header.elements[index];
        item.end = end;
        if let Ok(after) = result {
            item.value_len = after.saturating_sub(value_offset);
        }
        result
    }

    /// Skips encapsulated pixel data fragments (PS3.5 A.4) inside a nested data set, such as
    /// an icon image, reading only the item headers.
    /// When the value holds something other than fragment items, it is read as bytes to its
    /// delimiter instead (see [`Reader::read_to_delimiter`]).
    fn skip_encapsulated(&mut self, source: Source, mut e: Element, enc: Encoding) -> Step<usize> {
        let value = e;
        e.kind = ElementKind::Skipped;
        e.end = self.header.elements.len() as u32 + 1;
        let saved = self.save();
        self.header.elements.push(e);
        match self.walk_fragments(source, e.value_offset, e.tag) {
            Ok(after) => {
                self.header.elements[saved.elements].value_len = after - e.value_offset;
                Ok(after)
            }
            Err(Stop::Problem(issue)) if is_not_a_sequence(&issue.problem) => {
                self.restore(saved);
                self.read_to_delimiter(source, value, enc, false)
            }
            Err(stop) => Err(stop),
        }
    }

    /// Steps over the value of a sequence from `pos` without recursion, reading only element
    /// and item headers: to `end` for a defined length, else to the Sequence Delimitation
    /// Item that closes it, counting the undefined-length items and values opened and
    /// closed inside (PS3.5 7.5). A UN of undefined length inside is implicit VR little
    /// endian (PS3.5 6.2.2). Returns the offset after the sequence.
    fn step_over_sequence(
        &self,
        source: Source,
        mut pos: usize,
        until: Until,
        enc: Encoding,
        tag: Tag,
    ) -> Step<usize> {
        if let Until::Offset(end) = until {
            return Ok(end);
        }
        // The encoding outside each container opened since the sequence's start.
        let mut open: Vec<Encoding> = Vec::new();
        let mut now = enc;
        loop {
            let h = self.element_header(source, pos, now)?;
            let undefined = h.len == U32_UNDEFINED;
            match h.tag {
                tags::SEQUENCE_DELIMITATION | tags::ITEM_DELIMITATION => {
                    pos += 8;
                    match open.pop() {
                        Some(outside) => now = outside,
                        None if h.tag == tags::SEQUENCE_DELIMITATION => return Ok(pos),
                        // A stray item delimiter at the sequence's own level.
                        None => {}
                    }
                    continue;
                }
                _ if undefined => {
                    open.push(now);
                    pos += h.header_len;
                    if h.vr == Some(Vr::UN) {
                        now = Encoding::IMPLICIT_LE;
                    }
                    if open.len() > MAX_ANOMALIES * 100 {
                        let limit = self.options.max_depth;
                        return Err(self.problem(
                            Problem::TooDeep { limit },
                            pos,
                            Some(tag),
                            source,
                        ));
                    }
                    continue;
                }
                _ => {}
            }
            let what = "a sequence nested too deep to read";
            pos = self.value_end_within(source, pos, h.header_len, h.len, what, h.tag)?;
        }
    }

    /// The end of a value of `len` bytes after a header of `header_len` bytes at `pos`,
    /// when the bytes there are hold it; else more bytes are asked for, or the file is cut
    /// inside `what` (of element `tag`).
    fn value_end_within(
        &self,
        source: Source,
        pos: usize,
        header_len: usize,
        len: u32,
        what: &'static str,
        tag: Tag,
    ) -> Step<usize> {
        let start = pos as u64 + header_len as u64;
        let end = start + u64::from(len);
        let available = self.buf(source).len() as u64;
        if end <= available {
            return Ok(end as usize);
        }
        if !self.source_complete(source) {
            return Err(Stop::NeedMore(end.min(usize::MAX as u64) as usize));
        }
        let p = Problem::Truncated {
            what,
            needed: u64::from(len),
            available: available.saturating_sub(start),
        };
        Err(self.problem(p, pos, Some(tag), source))
    }

    /// Walks fragment item headers from `pos` to the sequence delimiter; returns the offset
    /// after it.
    fn walk_fragments(&self, source: Source, mut pos: usize, tag: Tag) -> Step<usize> {
        loop {
            let h = self.item_header(source, pos, Encoding::EXPLICIT_LE)?;
            match h.tag {
                tags::SEQUENCE_DELIMITATION => return Ok(pos + 8),
                tags::ITEM if h.len != U32_UNDEFINED => {
                    let what = "an encapsulated pixel data fragment";
                    pos = self.value_end_within(source, pos, 8, h.len, what, tag)?;
                }
                _ => {
                    let p = Problem::BadElementHeader("expected a fragment item");
                    return Err(self.problem(p, pos, Some(tag), source));
                }
            }
        }
    }

    /// Records top-level pixel data and checks, without reading the value, that the file
    /// holds all of it.
    fn stop_at_pixel_data(&mut self, source: Source, pos: usize, h: RawHeader) -> Step<usize> {
        self.header.pixel_data = Some(PixelDataInfo {
            tag: h.tag,
            header_offset: pos,
            declared_len: h.len,
        });
        if source == Source::Inflated {
            // The compressed bytes the header took (as far as the decoder has read ahead).
            self.header.header_bytes = self.inflated_consumed();
            if !self.options.check_pixel_data_end {
                return Ok(pos);
            }
            return self.check_deflated_pixel_data(pos, h);
        }
        self.header.header_bytes = pos;
        let value_offset = pos + h.header_len;
        if h.len != U32_UNDEFINED {
            let end = value_offset as u64 + u64::from(h.len);
            if end > self.file_len {
                let p = Problem::Truncated {
                    what: "the pixel data value",
                    needed: u64::from(h.len),
                    available: self.file_len.saturating_sub(value_offset as u64),
                };
                return Err(self.problem(p, pos, Some(h.tag), source));
            }
            return Ok(pos);
        }
        // Encapsulated: the usual file ends with the sequence delimiter; only when it does
        // not are the fragment headers walked.
        if !self.complete || !self.options.check_pixel_data_end {
            return Ok(pos);
        }
        let file = self.header.file;
        let tail_is_delimiter =
            file.len() >= value_offset + 8 && file[file.len() - 8..] == SEQUENCE_DELIMITER_LE;
        if !tail_is_delimiter {
            self.walk_fragments(source, value_offset, h.tag)?;
        }
        Ok(pos)
    }

    /// Runs a deflate stream past its pixel data (see [`Reader::drain_inflate`]) and checks
    /// that it holds all of a defined-length value.
    fn check_deflated_pixel_data(&mut self, pos: usize, h: RawHeader) -> Step<usize> {
        let source = Source::Inflated;
        let value_offset = pos + h.header_len;
        // Whether the pixel data is all there is only known at the end of the stream:
        // run the decoder to it, keeping nothing.
        if let Some(p) = self.drain_inflate() {
            return Err(self.problem(p, pos, Some(h.tag), source));
        }
        let Some(inf) = &self.inflate else {
            return Ok(pos);
        };
        let total = inf.decoder.total_out();
        if !inf.done {
            let p = Problem::CheckCapped {
                cap: self.options.max_checked_inflate,
            };
            self.note(p, pos, Some(h.tag), source);
            return Ok(pos);
        }
        // The stream ended whole: it must hold all of a defined-length value.
        let available = total.saturating_sub(value_offset as u64);
        if h.len != U32_UNDEFINED && u64::from(h.len) > available {
            let p = Problem::Truncated {
                what: "the pixel data value",
                needed: u64::from(h.len),
                available,
            };
            return Err(self.problem(p, pos, Some(h.tag), source));
        }
        Ok(pos)
    }

    // ---- element headers (PS3.5 7.1) ----

    // Called for every element off the plain path: kept inline, as it was before it grew.
    #[inline]
    fn element_header(&self, source: Source, pos: usize, enc: Encoding) -> Step<RawHeader> {
        let buf = self.buf(source);
        let b = self.need(source, pos, 8, "an element header")?;
        let tag = Tag::new(
            read_u16(&b[0..], enc.big_endian),
            read_u16(&b[2..], enc.big_endian),
        );
        // Items and delimiters have no VR in any transfer syntax (PS3.5 7.5).
        if tag.group() == 0xFFFE || !enc.explicit_vr {
            return Ok(RawHeader {
                tag,
                vr: None,
                len: read_u32(&b[4..], enc.big_endian),
                header_len: 8,
            });
        }
        let Some(vr) = Vr::from_bytes([b[4], b[5]]) else {
            let p = Problem::BadElementHeader("no VR where explicit VR needs one");
            return Err(self.problem(p, pos, Some(tag), source));
        };
        if !long_length(vr, [b[6], b[7]]) {
            return Ok(RawHeader {
                tag,
                vr: Some(vr),
                len: u32::from(read_u16(&b[6..], enc.big_endian)),
                header_len: 8,
            });
        }
        let _ = buf;
        let b = self.need(source, pos, 12, "an element header")?;
        Ok(RawHeader {
            tag,
            vr: Some(vr),
            len: read_u32(&b[8..], enc.big_endian),
            header_len: 12,
        })
    }

    /// Item and delimiter headers: tag and 4-byte length in any syntax (PS3.5 7.5).
    fn item_header(&self, source: Source, pos: usize, enc: Encoding) -> Step<RawHeader> {
        let b = self.need(source, pos, 8, "an item header")?;
        Ok(RawHeader {
            tag: Tag::new(
                read_u16(&b[0..], enc.big_endian),
                read_u16(&b[2..], enc.big_endian),
            ),
            vr: None,
            len: read_u32(&b[4..], enc.big_endian),
            header_len: 8,
        })
    }

    /// The `n` bytes at `pos`, or a truncation (or a request for more bytes).
    fn need(&self, source: Source, pos: usize, n: usize, what: &'static str) -> Step<&[u8]> {
        let buf = self.buf(source);
        if let Some(b) = buf.get(pos..pos + n) {
            return Ok(b);
        }
        if !self.source_complete(source) {
            return Err(Stop::NeedMore(pos + n));
        }
        let p = Problem::Truncated {
            what,
            needed: n as u64,
            available: buf.len().saturating_sub(pos) as u64,
        };
        Err(self.problem(p, pos, None, source))
    }

    // ---- bookkeeping ----

    /// Links the private element at `index`, whose tag is `tag`, to its creator, or records
    /// a creator (PS3.5 7.8.1).
    fn link_private(&mut self, index: usize, tag: Tag, creators: &mut Vec<(u16, u8, usize)>) {
        // Standard elements, nearly all of a header, need nothing here.
        if !tag.is_private() || index >= self.header.elements.len() {
            return;
        }
        if tag.is_private_creator() {
            let block = tag.element() as u8;
            creators.retain(|c| !(c.0 == tag.group() && c.1 == block));
            creators.push((tag.group(), block, index));
        } else if let Some(creator) = tag.private_creator_tag() {
            let block = creator.element() as u8;
            let found = creators
                .iter()
                .find(|c| c.0 == tag.group() && c.1 == block)
                .map(|c| c.2);
            self.header.elements[index].set_creator(found);
        }
    }

    /// Remembers whether pixel values are signed, for the "US or SS" attributes after it.
    fn note_pixel_representation(&mut self, index: usize) {
        let Some(e) = self.header.elements.get(index).copied() else {
            return;
        };
        // The first value, read in place for the binary VRs (what `Header::uints` would
        // give first, without its Vec).
        let b = self.header.value_bytes(&e);
        let first = match e.vr {
            Vr::US => b.get(..2).map(|v| u64::from(read_u16(v, e.big_endian))),
            Vr::UL => b.get(..4).map(|v| u64::from(read_u32(v, e.big_endian))),
            _ => self.header.uints(&e).first().copied(),
        };
        self.signed_pixels = first == Some(1);
    }

    /// Records the Specific Character Set just read; returns its index.
    fn push_charset(&mut self, index: usize, source: Source) -> u16 {
        let e = self.header.elements[index];
        let cs = SpecificCharacterSet::from_value(self.header.value_bytes(&e));
        if !cs.unknown_terms().is_empty() {
            self.note(
                Problem::UnknownCharacterSet,
                e.header_offset,
                Some(e.tag),
                source,
            );
        }
        if self.header.charsets.len() >= u16::MAX as usize {
            return (self.header.charsets.len() - 1) as u16;
        }
        self.header.charsets.push(cs);
        (self.header.charsets.len() - 1) as u16
    }

    /// Gives the character set `now` to the elements in `range`, read before it in the same
    /// data set, that had the one in force before it (`before`): their own and those of
    /// items without a character set of their own. (0008,0005) applies to its whole data
    /// set (PS3.3 C.12.1.1.2), wherever a writer put it. In order it comes first, and the
    /// range holds at most a group length. A late one is noted when it changes text read
    /// before it.
    fn apply_late_charset(
        &mut self,
        range: std::ops::Range<usize>,
        before: u16,
        now: u16,
        source: Source,
    ) {
        let mut late_text = None;
        for e in self.header.elements.get_mut(range).unwrap_or_default() {
            if e.charset != before {
                continue;
            }
            e.charset = now;
            if late_text.is_none() && e.kind == ElementKind::Value && e.vr.uses_specific_charset() {
                late_text = Some(e.header_offset);
            }
        }
        if let Some(offset) = late_text {
            let p = Problem::CharacterSetAfterText;
            self.note(p, offset, Some(tags::SPECIFIC_CHARACTER_SET), source);
        }
    }

    fn truncated_value(&self, value_offset: usize, h: RawHeader, what: &'static str) -> Stop {
        let len = self.header.file.len();
        let p = Problem::Truncated {
            what,
            needed: u64::from(h.len),
            available: len.saturating_sub(value_offset) as u64,
        };
        self.problem(p, value_offset - h.header_len, Some(h.tag), Source::File)
    }

    fn problem(&self, problem: Problem, offset: usize, tag: Option<Tag>, source: Source) -> Stop {
        Stop::Problem(Issue {
            problem,
            at: Position {
                offset,
                tag,
                source,
            },
        })
    }

    /// Records a problem recovered from.
    fn note(&mut self, problem: Problem, offset: usize, tag: Option<Tag>, source: Source) {
        self.header.anomalies.push(Issue {
            problem,
            at: Position {
                offset,
                tag,
                source,
            },
        });
    }

    /// Records the problem that ended the read.
    fn fail(&mut self, mut issue: Issue) {
        // Inflated bytes that end early because the stream is corrupt: the stream is the
        // problem, not a cut file.
        if matches!(issue.problem, Problem::Truncated { .. })
            && issue.at.source == Source::Inflated
            && let Some(why) = self.inflate.as_ref().and_then(|i| i.broken.clone())
        {
            issue.problem = Problem::BadDeflate(why);
        }
        self.header.status = match issue.problem {
            Problem::Truncated { .. } => Status::Truncated,
            Problem::NotDicom(_) => Status::NotDicom,
            _ => Status::Malformed,
        };
        if self.header.status == Status::Truncated && self.header.encoding.is_none() {
            self.header.header_bytes = self.header.file.len();
        }
        if issue.at.source == Source::File && self.header.pixel_data.is_none() {
            self.header.header_bytes = self.header.header_bytes.max(issue.at.offset);
        }
        self.header.error = Some(issue);
    }

    /// Gives private data elements read as UN (every one in implicit VR, and those an
    /// explicit VR writer sent as UN) the VR their creator's dictionary entry has, as
    /// pydicom does (PS3.5 6.2.2 leaves the VR of private attributes to the creator's
    /// conformance statement). The value bytes are unchanged: only how they are read.
    fn resolve_private_vrs(&mut self) {
        let header = &mut self.header;
        // Consecutive elements mostly share a creator: look each one up once.
        let mut last: Option<(usize, Option<private_vr::Groups>)> = None;
        for i in 0..header.elements.len() {
            let e = &header.elements[i];
            if e.vr != Vr::UN
                || e.kind != ElementKind::Value
                || !e.tag.is_private()
                || e.tag.is_private_creator()
            {
                continue;
            }
            let Some(creator) = e.creator_index() else {
                continue;
            };
            let groups = match last {
                Some((index, groups)) if index == creator => groups,
                _ => {
                    let groups = header
                        .elements
                        .get(creator)
                        .and_then(|c| header.first_string(c))
                        .and_then(|name| private_vr::creator_entries(&name));
                    last = Some((creator, groups));
                    groups
                }
            };
            let tag = e.tag;
            if let Some(vr) = groups.and_then(|g| private_vr::vr_in(g, tag)) {
                let e = &mut header.elements[i];
                e.vr = vr;
                e.vr_from_dictionary = true;
            }
        }
    }

    /// Sets the status from the recovered problems when the read itself went through.
    fn finish(&mut self) {
        if self.header.error.is_some() {
            return;
        }
        if let Some(first) = self
            .header
            .anomalies
            .iter()
            .find(|a| a.problem.is_structural())
        {
            self.header.status = Status::Malformed;
            self.header.error = Some(first.clone());
        }
    }
}

/// Recovered problems noted in one file before the read stops.
const MAX_ANOMALIES: usize = 10_000;

/// Whether an explicit VR element header with `vr` has the 32-bit length form (PS3.5
/// 7.1.2). A VR we do not know takes the form its bytes say: VRs added to the standard
/// since have the 32-bit form, whose two reserved bytes are zero, while a writer's own
/// two-letter code is mostly written with a 16-bit length, rarely zero.
fn long_length(vr: Vr, reserved: [u8; 2]) -> bool {
    match vr {
        Vr::Unknown(_) => reserved == [0, 0],
        known => known.has_long_length(),
    }
}

/// A UID value without the NUL or space padding at either end.
fn trim_uid_padding(raw: &[u8]) -> &[u8] {
    let is_padding = |b: &u8| *b == 0 || *b == b' ';
    let start = raw.iter().position(|b| !is_padding(b)).unwrap_or(raw.len());
    let end = raw
        .iter()
        .rposition(|b| !is_padding(b))
        .map_or(start, |last| last + 1);
    raw.get(start..end).unwrap_or_default()
}

fn is_pixel_data(tag: Tag) -> bool {
    matches!(
        tag,
        tags::PIXEL_DATA | tags::FLOAT_PIXEL_DATA | tags::DOUBLE_FLOAT_PIXEL_DATA
    )
}

/// Pixel Representation.
const PIXEL_REPRESENTATION: Tag = Tag::new(0x0028, 0x0103);

/// The counts an attempt to read a value one way grows, to undo it and read another way.
#[derive(Clone, Copy)]
struct Saved {
    elements: usize,
    anomalies: usize,
    charsets: usize,
    max_depth: usize,
}

/// A problem that says the bytes read as items or fragments are not that: the value of
/// undefined length is then read as bytes to its delimiter. A cut file or a limit is not
/// such a problem.
fn is_not_a_sequence(problem: &Problem) -> bool {
    matches!(
        problem,
        Problem::BadElementHeader(_) | Problem::StrayDelimiter
    )
}

/// Offset of the first Sequence Delimitation Item tag (FFFE,E0DD, PS3.5 7.5.2) in
/// `bytes`, in either byte order.
fn find_sequence_delimiter(bytes: &[u8], big_endian: bool) -> Option<usize> {
    let tag: [u8; 4] = if big_endian {
        [0xFF, 0xFE, 0xE0, 0xDD]
    } else {
        [0xFE, 0xFF, 0xDD, 0xE0]
    };
    let mut from = 0;
    // Jump from one candidate first byte to the next: most bytes of a blob are not one.
    while let Some(skip) = bytes.get(from..)?.iter().position(|&b| b == tag[0]) {
        let at = from + skip;
        if bytes.get(at..at + 4)? == tag {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn vr_or_dictionary(h: RawHeader) -> Vr {
    h.vr.or_else(|| Vr::from_dictionary(h.tag))
        .unwrap_or(Vr::UN)
}

// ---- plausibility probe ----

/// How well the first elements at an offset fit an encoding.
#[derive(Clone, Copy, Debug, Default)]
struct Score {
    /// Elements that read cleanly.
    elements: usize,
    /// The probe reached the end of the bytes cleanly.
    reached_end: bool,
    /// The probe ran out of bytes inside an element.
    needs_more: bool,
    /// An element's VR agreed with the dictionary (explicit VR only).
    dictionary_agrees: usize,
    /// The last element read has undefined length and is followed by an item.
    opens_sequence: bool,
}

impl Score {
    fn fits(&self) -> bool {
        self.elements >= FIT_ELEMENTS
            || (self.elements >= 1 && (self.reached_end || self.needs_more || self.opens_sequence))
    }

    fn rank(&self) -> (usize, usize) {
        (self.elements, self.dictionary_agrees)
    }
}

/// Whether `b` can start a raw deflate stream (RFC 1951 3.2.3): a block type other than
/// 3, and for a stored block (type 0), a length whose one's complement follows it.
fn can_start_raw_deflate(b: &[u8]) -> bool {
    let Some(&first) = b.first() else {
        return false;
    };
    match (first >> 1) & 3 {
        0 => b.get(1..5).is_some_and(|l| l[0] == !l[2] && l[1] == !l[3]),
        3 => false,
        _ => true,
    }
}

/// Whether `b` starts with a zlib header (RFC 1950 2.2: deflate with a window of at most
/// 32 KiB, no preset dictionary, a check that divides by 31) and cannot be raw deflate.
fn is_zlib_wrapped(b: &[u8]) -> bool {
    let [cmf, flg, ..] = *b else {
        return false;
    };
    let header_ok = cmf & 0x0F == 8
        && cmf >> 4 <= 7
        && flg & 0x20 == 0
        && (u16::from(cmf) << 8 | u16::from(flg)) % 31 == 0;
    header_ok && !can_start_raw_deflate(b)
}

/// What a probe is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ProbeFor {
    /// Only whether the encoding [fits](Score::fits): the probe stops at [`FIT_ELEMENTS`]
    /// and leaves `dictionary_agrees` at 0. It fits exactly when a `Rank` probe would,
    /// because the first elements are read the same way.
    Fit,
    /// A full score, to rank encodings against each other.
    Rank,
}

/// Reads up to [`PROBE_ELEMENTS`] top-level elements without recursing, and scores how well
/// they fit: even groups in order, lengths that fit, VRs that exist.
fn probe(buf: &[u8], mut pos: usize, enc: Encoding, complete: bool, want: ProbeFor) -> Score {
    let mut score = Score::default();
    let mut last = Tag(0);
    let limit = match want {
        ProbeFor::Fit => FIT_ELEMENTS,
        ProbeFor::Rank => PROBE_ELEMENTS,
    };
    while score.elements < limit {
        if pos == buf.len() {
            score.reached_end = score.elements > 0;
            return score;
        }
        let Some(b) = buf.get(pos..pos + 8) else {
            score.needs_more = true;
            return score;
        };
        let tag = Tag::new(
            read_u16(&b[0..], enc.big_endian),
            read_u16(&b[2..], enc.big_endian),
        );
        // Any group up to pixel data, and the trailing padding tag (PS3.10 7.2); the first
        // element may be in an odd group (meta_missing_tsyntax.dcm starts at (0001,0001)).
        let plausible_group = tag.group() <= 0x7FE0 || tag == Tag(0xFFFC_FFFC);
        if !plausible_group || tag <= last || tag.0 == 0 {
            return score;
        }
        last = tag;
        let (len, header_len, vr) = if enc.explicit_vr {
            let Some(vr) = Vr::from_bytes([b[4], b[5]]).filter(|v| v.is_known()) else {
                return score;
            };
            if want == ProbeFor::Rank && Vr::from_dictionary(tag) == Some(vr) {
                score.dictionary_agrees += 1;
            }
            if vr.has_long_length() {
                let Some(l) = buf.get(pos + 8..pos + 12) else {
                    score.needs_more = true;
                    return score;
                };
                (read_u32(l, enc.big_endian), 12, Some(vr))
            } else {
                (u32::from(read_u16(&b[6..], enc.big_endian)), 8, Some(vr))
            }
        } else {
            (read_u32(&b[4..], enc.big_endian), 8, None)
        };
        if len == U32_UNDEFINED {
            // Undefined length must open a sequence (or encapsulated pixel data): the next
            // header must be an item or a sequence delimiter (PS3.5 7.5).
            let ok = vr.is_none_or(|v| matches!(v, Vr::SQ | Vr::UN | Vr::OB | Vr::OW));
            let at = pos + header_len as usize;
            let opens = buf.get(at..at + 4).is_some_and(|n| {
                let t = Tag::new(
                    read_u16(n, enc.big_endian),
                    read_u16(&n[2..], enc.big_endian),
                );
                t == tags::ITEM || t == tags::SEQUENCE_DELIMITATION
            });
            if ok && opens {
                score.elements += 1;
                score.opens_sequence = true;
            }
            return score;
        }
        let end = pos as u64 + header_len + u64::from(len);
        if end > buf.len() as u64 {
            // A value running past the bytes: a partial read may need more; in a whole
            // file it counts only after elements that fit (a cut file).
            if !complete {
                score.elements += 1;
                score.needs_more = true;
            } else if score.elements >= 2 {
                score.reached_end = true;
            }
            return score;
        }
        score.elements += 1;
        pos = end as usize;
    }
    score
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;

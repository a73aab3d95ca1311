//! What the reader produces: a flat list of elements in stream order, with the status of the
//! read and every recovered anomaly.
//!
//! The list is flat (sequences and items are entries whose `end` says where their
//! descendants stop) so that a whole header costs one growing `Vec` of small plain records
//! and values stay borrowed from the input bytes until somebody asks for text.

use std::borrow::Cow;
use std::fmt;

use super::charset::{DecodeIssues, DecodedText, SpecificCharacterSet, TextKind};
use super::person_name::PersonName;
use super::syntax::Encoding;
use super::tag::Tag;
use super::vr::Vr;

/// The outcome of reading one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// The header was read to its end (pixel data or end of file) without a problem that
    /// needed a fallback.
    Ok,
    /// The file ends inside the header, a value, or the pixel data: everything before the cut
    /// is kept.
    Truncated,
    /// The file breaks the encoding rules; the reader recovered what it could and says how.
    Malformed,
    /// Not a DICOM file at all.
    NotDicom,
    /// The file could not be read (set by callers that do I/O; the reader never sets it).
    IoError,
}

impl Status {
    /// The name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Truncated => "truncated",
            Status::Malformed => "malformed",
            Status::NotDicom => "not_dicom",
            Status::IoError => "io_error",
        }
    }

    /// All statuses, in the order outputs list them.
    pub const ALL: [Status; 5] = [
        Status::Ok,
        Status::Truncated,
        Status::Malformed,
        Status::NotDicom,
        Status::IoError,
    ];
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an element's value bytes live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// In the input bytes.
    File,
    /// In the inflated data set of a deflated transfer syntax.
    Inflated,
}

/// What an entry of the element list is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElementKind {
    /// An element with a value (possibly empty).
    Value,
    /// A sequence (VR SQ, or UN / implicit VR of undefined length read as one); its items
    /// follow it in the list up to `end`.
    Sequence,
    /// An item (FFFE,E000) of the sequence before it; its elements follow it up to `end`.
    Item,
    /// Pixel data (or another bulk element) whose value was skipped without being read:
    /// nested pixel data, such as an icon image's, or encapsulated fragments.
    Skipped,
}

/// Sentinel for "no private creator".
const NO_CREATOR: u32 = u32::MAX;

/// One entry of the flat element list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Element {
    /// The tag.
    pub tag: Tag,
    /// The VR, from the header (explicit VR) or the dictionary (implicit VR, or UN that the
    /// dictionary knows).
    pub vr: Vr,
    /// Entry kind.
    pub kind: ElementKind,
    /// Sequence nesting depth: 0 for top-level elements, 1 inside the items of a top-level
    /// sequence, and so on. Items have the depth of the elements they contain.
    pub depth: u8,
    /// Byte order of binary values.
    pub big_endian: bool,
    /// The VR was taken from the data dictionary, not from the element header.
    pub vr_from_dictionary: bool,
    /// Where the value bytes live.
    pub source: Source,
    /// Offset of the element header in its source.
    pub header_offset: usize,
    /// Offset of the value in its source.
    pub value_offset: usize,
    /// Number of value bytes present (less than the declared length when truncated).
    pub value_len: usize,
    /// The length the header declares (0xFFFFFFFF: undefined).
    pub declared_len: u32,
    /// Index one past the last descendant (for `Sequence` and `Item`); own index + 1 otherwise.
    pub end: u32,
    /// Index of the Specific Character Set in force, in [`Header::charsets`].
    pub charset: u16,
    creator: u32,
}

impl Element {
    /// The declared length was undefined (0xFFFFFFFF, PS3.5 7.1.3).
    pub fn has_undefined_length(&self) -> bool {
        self.declared_len == u32::MAX
    }

    /// The value was cut by the end of the file.
    pub fn is_truncated(&self) -> bool {
        !self.has_undefined_length()
            && self.kind == ElementKind::Value
            && self.value_len < self.declared_len as usize
    }

    /// Index of the private creator element of this private element, if one was found.
    pub fn creator_index(&self) -> Option<usize> {
        (self.creator != NO_CREATOR).then_some(self.creator as usize)
    }

    pub(crate) fn set_creator(&mut self, index: Option<usize>) {
        self.creator = index.map_or(NO_CREATOR, |i| i as u32);
    }

    pub(crate) fn new(tag: Tag, vr: Vr, kind: ElementKind, depth: u8) -> Element {
        Element {
            tag,
            vr,
            kind,
            depth,
            big_endian: false,
            vr_from_dictionary: false,
            source: Source::File,
            header_offset: 0,
            value_offset: 0,
            value_len: 0,
            declared_len: 0,
            end: 0,
            charset: 0,
            creator: NO_CREATOR,
        }
    }
}

/// Where a problem was found: byte offset in its source and the element being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Byte offset (in the inflated data set when `source` is `Inflated`).
    pub offset: usize,
    /// The element being read, when known.
    pub tag: Option<Tag>,
    /// Which bytes the offset counts in.
    pub source: Source,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source {
            Source::File => write!(f, "at offset {}", self.offset)?,
            Source::Inflated => write!(f, "at offset {} of the inflated data set", self.offset)?,
        }
        if let Some(tag) = self.tag {
            write!(f, " in {tag}")?;
        }
        Ok(())
    }
}

/// A problem the reader found. Some end the read (`Truncated`, `NotDicom`, the fatal
/// `Malformed` ones); the others were recovered from and are kept in [`Header::anomalies`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file ends `needed` bytes into something that has only `available`.
    Truncated {
        /// What was being read.
        what: &'static str,
        /// Bytes it needed.
        needed: u64,
        /// Bytes that were left.
        available: u64,
    },
    /// Nothing in the bytes looks like DICOM.
    NotDicom(&'static str),
    /// The `DICM` prefix is there but no meta group or data set follows.
    GarbageAfterPrefix,
    /// Bytes that are not a valid element header where one was expected.
    BadElementHeader(&'static str),
    /// Sequences nested deeper than the limit.
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// The header holds more elements than the limit; the rest was not read.
    TooManyElements {
        /// The limit.
        limit: usize,
    },
    /// The deflate stream is corrupt.
    BadDeflate(String),
    /// The inflated data set grows past the cap before reaching pixel data.
    InflateCap {
        /// The cap in bytes.
        cap: usize,
    },
    /// The check that a deflated file holds all its pixel data stopped at the cap on bytes
    /// inflated ([`ReadOptions::max_checked_inflate`](super::ReadOptions)); the rest of the
    /// stream was not looked at.
    CheckCapped {
        /// The cap in bytes.
        cap: u64,
    },
    /// The file meta group has no (0002,0000) group length (Type 1, PS3.10 7.1).
    MissingGroupLength,
    /// The file meta group has no (0002,0010) Transfer Syntax UID; the encoding was inferred.
    MissingTransferSyntax {
        /// The encoding we used.
        inferred: Encoding,
    },
    /// The Transfer Syntax UID is not one we know and is not under the DICOM root (a
    /// private syntax, PS3.5 10): the encoding was inferred from the bytes.
    UnknownTransferSyntax,
    /// The Transfer Syntax UID value goes on after a NUL with bytes that are not padding;
    /// the UID before them was used.
    TransferSyntaxGarbage {
        /// Bytes from the NUL to the end of the value.
        bytes: usize,
    },
    /// The Transfer Syntax says deflated (PS3.5 A.5), but the data set is not compressed;
    /// we read it as the bytes are.
    NotDeflated {
        /// What the data set is.
        actual: Encoding,
    },
    /// The deflated data set starts with a zlib header (RFC 1950) where PS3.5 A.5 asks for
    /// raw deflate (RFC 1951); we read past the header.
    ZlibWrapped,
    /// The data set is not encoded as the Transfer Syntax says; we used what the bytes are.
    TransferSyntaxMismatch {
        /// What the meta group declares.
        declared: Encoding,
        /// What the data set is.
        actual: Encoding,
    },
    /// The meta group's group length disagrees with where the group ends (recovered).
    GroupLengthMismatch {
        /// The declared length.
        declared: u32,
        /// The length found.
        found: usize,
    },
    /// The file meta group was written implicit VR (PS3.10 7.1 requires explicit VR LE).
    ImplicitVrMeta,
    /// Bytes before the data set that belong to no element; they were skipped.
    StrayLeadingBytes {
        /// How many.
        count: usize,
    },
    /// An item or sequence declares a length that runs past its enclosing container; it was
    /// cut to the container.
    ContainerOverrun {
        /// Bytes past the container's end.
        excess: u64,
    },
    /// An item of defined length ends inside or before the elements that belong to it: the
    /// element at its end runs past it, or its sequence goes on with elements rather than an
    /// item or delimiter. Its elements were read on to the next item or delimiter tag (or
    /// the end of its sequence).
    ItemTooShort {
        /// The item length the header declares.
        declared: u32,
    },
    /// A sequence of undefined length meets an element where an item or its Sequence
    /// Delimitation Item (PS3.5 7.5.2) belongs: the delimiter is missing, and the data set
    /// goes on at that element.
    MissingSequenceDelimiter,
    /// An item of undefined length meets its sequence's delimiter without an Item
    /// Delimitation Item (PS3.5 7.5.2) before it; the item ends there.
    MissingItemDelimiter,
    /// A value of undefined length that holds no items (not a sequence, not encapsulated
    /// fragments), such as a private blob: read as its bytes up to the Sequence
    /// Delimitation Item after it.
    ValueReadToDelimiter,
    /// The same tag twice in one data set.
    DuplicateTag,
    /// Tags not in ascending order (PS3.5 7.1); kept as found.
    TagsOutOfOrder,
    /// Undefined length on a VR that cannot have it.
    UndefinedLengthValue,
    /// Zero bytes from where an element belongs to the end of the file: padding after the
    /// data set, skipped.
    TrailingZeros {
        /// How many.
        count: usize,
    },
    /// So many recovered problems that the read stopped there.
    TooManyAnomalies {
        /// The limit.
        limit: usize,
    },
    /// An item of an explicit VR data set written in implicit VR; read as written.
    ImplicitVrItem,
    /// A sequence sent as UN of undefined length whose items are explicit VR, where PS3.5
    /// 6.2.2 asks for implicit VR little endian; read as written.
    ExplicitVrInUn,
    /// An odd value length (PS3.5 7.1.1 requires even); kept as found.
    OddLength,
    /// A delimiter outside of the container it closes, or an item outside a sequence.
    StrayDelimiter,
    /// Text that is not valid in its character set, undeclared non-ASCII text, or an escape
    /// sequence that is unknown or to a set (0008,0005) did not declare. Values are decoded
    /// only when asked for, so these are not in [`Header::anomalies`]: see
    /// [`Header::text_issues`].
    TextEncoding(DecodeIssues),
    /// A Specific Character Set term we do not know.
    UnknownCharacterSet,
    /// (0008,0005) comes after text of its data set (tags out of order); that text is
    /// decoded with it, as the rest of the data set is.
    CharacterSetAfterText,
}

impl Problem {
    /// Whether a recovered problem makes the file `malformed` (a reader needed a fallback),
    /// as opposed to a note about a value that readers handle anyway.
    pub fn is_structural(&self) -> bool {
        !matches!(
            self,
            Problem::TagsOutOfOrder
                | Problem::OddLength
                | Problem::TextEncoding(_)
                | Problem::UnknownCharacterSet
                | Problem::CharacterSetAfterText
                | Problem::UnknownTransferSyntax
                | Problem::CheckCapped { .. }
                | Problem::TrailingZeros { .. }
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Truncated {
                what,
                needed,
                available,
            } => write!(
                f,
                "file ends inside {what}: needs {needed} bytes, {available} left"
            ),
            Problem::NotDicom(why) => write!(f, "not DICOM: {why}"),
            Problem::GarbageAfterPrefix => {
                f.write_str("DICM prefix followed by no file meta group and no data set")
            }
            Problem::BadElementHeader(why) => write!(f, "bad element header: {why}"),
            Problem::TooDeep { limit } => {
                write!(f, "sequences nested deeper than {limit} levels")
            }
            Problem::TooManyElements { limit } => write!(
                f,
                "header holds more than {limit} elements; the rest was not read"
            ),
            Problem::BadDeflate(why) => write!(f, "corrupt deflate stream: {why}"),
            Problem::InflateCap { cap } => write!(
                f,
                "inflated data set exceeds {cap} bytes before pixel data; raise the cap to read further"
            ),
            Problem::CheckCapped { cap } => write!(
                f,
                "deflate stream not checked past {cap} inflated bytes: the pixel data may be cut"
            ),
            Problem::MissingGroupLength => {
                f.write_str("file meta group has no (0002,0000) group length")
            }
            Problem::MissingTransferSyntax { inferred } => write!(
                f,
                "file meta group has no (0002,0010) transfer syntax; data set read as {}",
                inferred.describe()
            ),
            Problem::UnknownTransferSyntax => {
                f.write_str("unknown transfer syntax UID; data set encoding inferred")
            }
            Problem::TransferSyntaxGarbage { bytes } => write!(
                f,
                "transfer syntax UID value goes on for {bytes} bytes after a NUL, not all of them padding; the UID before the NUL was used"
            ),
            Problem::NotDeflated { actual } => write!(
                f,
                "transfer syntax says deflated but the data set is not compressed; read as {}",
                actual.describe()
            ),
            Problem::ZlibWrapped => f.write_str(
                "deflated data set has a zlib header where raw deflate belongs; read past it",
            ),
            Problem::TransferSyntaxMismatch { declared, actual } => write!(
                f,
                "transfer syntax says {} but the data set is {}",
                declared.describe(),
                actual.describe()
            ),
            Problem::GroupLengthMismatch { declared, found } => write!(
                f,
                "file meta group length says {declared} bytes, group holds {found}"
            ),
            Problem::ImplicitVrMeta => f.write_str("file meta group written in implicit VR"),
            Problem::StrayLeadingBytes { count } => {
                write!(f, "{count} stray bytes before the data set skipped")
            }
            Problem::ContainerOverrun { excess } => write!(
                f,
                "length runs {excess} bytes past its enclosing sequence or item; cut to fit"
            ),
            Problem::ItemTooShort { declared } => write!(
                f,
                "item length {declared} ends before its elements do; read on to the next item or delimiter"
            ),
            Problem::MissingSequenceDelimiter => f.write_str(
                "sequence of undefined length without its delimiter; the data set goes on after it",
            ),
            Problem::MissingItemDelimiter => f.write_str(
                "item of undefined length without its delimiter; ended at its sequence's",
            ),
            Problem::ValueReadToDelimiter => f.write_str(
                "value of undefined length holds no items; read as bytes to its sequence delimiter",
            ),
            Problem::DuplicateTag => f.write_str("duplicate tag"),
            Problem::TagsOutOfOrder => f.write_str("tags out of ascending order"),
            Problem::UndefinedLengthValue => {
                f.write_str("undefined length on a VR that cannot have it")
            }
            Problem::TrailingZeros { count } => {
                write!(f, "{count} zero bytes after the data set (padding), skipped")
            }
            Problem::TooManyAnomalies { limit } => {
                write!(f, "more than {limit} damaged elements; the rest was not read")
            }
            Problem::ImplicitVrItem => {
                f.write_str("an item written in implicit VR inside an explicit VR data set; read as written")
            }
            Problem::ExplicitVrInUn => f.write_str(
                "a UN sequence of undefined length written in explicit VR (PS3.5 6.2.2 asks for implicit); read as written",
            ),
            Problem::OddLength => f.write_str("odd value length"),
            Problem::StrayDelimiter => f.write_str("delimiter or item outside its container"),
            Problem::TextEncoding(issues) => write!(f, "text encoding: {issues:?}"),
            Problem::UnknownCharacterSet => f.write_str("unknown Specific Character Set term"),
            Problem::CharacterSetAfterText => f.write_str(
                "Specific Character Set after text of its data set; applied to that text too",
            ),
        }
    }
}

/// A problem and where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// What.
    pub problem: Problem,
    /// Where.
    pub at: Position,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.problem, self.at)
    }
}

/// Where pixel data starts, for callers that want to know what they did not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PixelDataInfo {
    /// The pixel data tag found at the top level.
    pub tag: Tag,
    /// Offset of its element header in its source.
    pub header_offset: usize,
    /// Its declared length (0xFFFFFFFF for encapsulated pixel data).
    pub declared_len: u32,
}

/// The parsed header of one file. Values borrow from the input; only a deflated data set
/// is owned.
#[derive(Debug)]
pub struct Header<'a> {
    pub(crate) file: &'a [u8],
    pub(crate) inflated: Vec<u8>,
    /// Outcome of the read.
    pub status: Status,
    /// The problem that ended the read, or the first structural problem recovered from.
    pub error: Option<Issue>,
    /// Every problem recovered from, in the order found.
    pub anomalies: Vec<Issue>,
    /// The 128-byte preamble and `DICM` prefix are present (PS3.10 7.1).
    pub has_preamble: bool,
    /// A file meta group was found.
    pub has_meta: bool,
    /// The Transfer Syntax UID as written in the meta group (trimmed); borrowed from the
    /// file unless it had to be repaired into UTF-8.
    pub transfer_syntax_uid: Option<Cow<'a, str>>,
    /// The encoding the data set was read with (declared, corrected or inferred).
    pub encoding: Option<Encoding>,
    /// The data set is deflated.
    pub deflated: bool,
    /// Number of file meta elements at the start of `elements`.
    pub meta_len: usize,
    /// Every element read: the meta group first, then the data set, in stream order.
    pub elements: Vec<Element>,
    /// The character sets in force; elements point into this list. Index 0 is the default
    /// repertoire.
    pub charsets: Vec<SpecificCharacterSet>,
    /// Top-level pixel data, where the read stopped.
    pub pixel_data: Option<PixelDataInfo>,
    /// Bytes of the file the header takes, up to pixel data or the end of what was read
    /// (counted in the file, so for a deflated file the compressed bytes consumed).
    pub header_bytes: usize,
    /// Deepest sequence nesting seen (0: no sequence).
    pub max_depth: usize,
}

impl<'a> Header<'a> {
    /// The input bytes.
    pub fn file_bytes(&self) -> &'a [u8] {
        self.file
    }

    /// The preamble, when present.
    pub fn preamble(&self) -> Option<&'a [u8]> {
        if self.has_preamble {
            self.file.get(..128)
        } else {
            None
        }
    }

    /// File meta elements.
    pub fn meta(&self) -> &[Element] {
        &self.elements[..self.meta_len]
    }

    /// Data set elements, all depths, in stream order.
    pub fn dataset(&self) -> &[Element] {
        &self.elements[self.meta_len..]
    }

    /// The value bytes of an element (what is present of them).
    pub fn value_bytes(&self, e: &Element) -> &[u8] {
        let src: &[u8] = match e.source {
            Source::File => self.file,
            Source::Inflated => &self.inflated,
        };
        src.get(e.value_offset..e.value_offset + e.value_len)
            .unwrap_or(&[])
    }

    /// The Specific Character Set in force for an element.
    pub fn charset_of(&self, e: &Element) -> &SpecificCharacterSet {
        &self.charsets[e.charset as usize]
    }

    /// The value as text, decoded with the element's character set when its VR allows one,
    /// padding removed. `None` for VRs that are not strings.
    pub fn text(&self, e: &Element) -> Option<DecodedText<'_>> {
        if !e.vr.is_string() {
            return None;
        }
        let raw = trim_padding(self.value_bytes(e));
        let kind = text_kind(e.vr);
        if e.vr.uses_specific_charset() {
            Some(self.charset_of(e).decode(raw, kind))
        } else {
            // The default repertoire: the first of `charsets`, which every header has.
            match self.charsets.first() {
                Some(default) => Some(default.decode(raw, kind)),
                None => Some(SpecificCharacterSet::default().decode(raw, kind)),
            }
        }
    }

    /// Every string value, meta group included, whose decoding had to guess, replace or keep
    /// something (undeclared non-ASCII text, unknown or undeclared escapes, invalid bytes),
    /// as a [`Problem::TextEncoding`] at the value's offset. This decodes every string
    /// value, so the parser leaves it to callers that show or count them.
    pub fn text_issues(&self) -> Vec<Issue> {
        self.elements
            .iter()
            .filter(|e| e.kind == ElementKind::Value)
            .filter_map(|e| {
                let issues = self.text(e)?.issues;
                (!issues.is_empty()).then_some(Issue {
                    problem: Problem::TextEncoding(issues),
                    at: Position {
                        offset: e.value_offset,
                        tag: Some(e.tag),
                        source: e.source,
                    },
                })
            })
            .collect()
    }

    /// The values of a string element, split at `\` (except for single-valued text VRs),
    /// each trimmed. Empty when the value is empty.
    pub fn strings(&self, e: &Element) -> Vec<Cow<'_, str>> {
        let Some(decoded) = self.text(e) else {
            return Vec::new();
        };
        split_values(decoded.text, e.vr)
    }

    /// The first value of a string element, trimmed; `None` when absent or empty.
    pub fn first_string(&self, e: &Element) -> Option<Cow<'_, str>> {
        let value = first_value(self.text(e)?.text, e.vr);
        (!value.is_empty()).then_some(value)
    }

    /// The person names of a PN element.
    pub fn person_names(&self, e: &Element) -> Vec<PersonName> {
        if e.vr != Vr::PN {
            return Vec::new();
        }
        self.strings(e)
            .iter()
            .map(|s| PersonName::parse(s))
            .collect()
    }

    /// The private creator of a private element, decoded, when its creator element exists.
    pub fn private_creator(&self, e: &Element) -> Option<Cow<'_, str>> {
        let creator = self.elements.get(e.creator_index()?)?;
        self.first_string(creator)
    }

    /// The children of a sequence (its items) or of an item (its elements), one level down.
    pub fn children(&self, index: usize) -> Children<'_, 'a> {
        let end = self.elements.get(index).map_or(index, |e| e.end as usize);
        Children {
            header: self,
            next: index + 1,
            end,
        }
    }

    /// Indices of the top-level data set elements.
    pub fn top_level(&self) -> Children<'_, 'a> {
        Children {
            header: self,
            next: self.meta_len,
            end: self.elements.len(),
        }
    }

    /// The first top-level data set element with this tag.
    pub fn find(&self, tag: Tag) -> Option<&Element> {
        self.top_level()
            .map(|i| &self.elements[i])
            .find(|e| e.tag == tag)
    }

    /// The first file meta element with this tag.
    pub fn find_meta(&self, tag: Tag) -> Option<&Element> {
        self.meta().iter().find(|e| e.tag == tag)
    }

    /// Signed integers of an SS/SL/SV value (or of an IS value), in the element's byte
    /// order.
    pub fn ints(&self, e: &Element) -> Vec<i64> {
        let b = self.value_bytes(e);
        let be = e.big_endian;
        match e.vr {
            Vr::SS => b
                .chunks_exact(2)
                .map(|c| i64::from(read_u16(c, be) as i16))
                .collect(),
            Vr::SL => b
                .chunks_exact(4)
                .map(|c| i64::from(read_u32(c, be) as i32))
                .collect(),
            Vr::SV => b.chunks_exact(8).map(|c| read_u64(c, be) as i64).collect(),
            Vr::IS => self
                .strings(e)
                .iter()
                .filter_map(|s| s.trim().parse().ok())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Unsigned integers of a US/UL/UV value (or of an IS value), in the element's byte order.
    pub fn uints(&self, e: &Element) -> Vec<u64> {
        let b = self.value_bytes(e);
        let be = e.big_endian;
        match e.vr {
            Vr::US => b
                .chunks_exact(2)
                .map(|c| u64::from(read_u16(c, be)))
                .collect(),
            Vr::UL => b
                .chunks_exact(4)
                .map(|c| u64::from(read_u32(c, be)))
                .collect(),
            Vr::UV => b.chunks_exact(8).map(|c| read_u64(c, be)).collect(),
            Vr::IS => self
                .strings(e)
                .iter()
                .filter_map(|s| s.trim().parse().ok())
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Iterator over the direct children of a sequence or item, as element indices.
pub struct Children<'h, 'a> {
    header: &'h Header<'a>,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_, '_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let i = self.next;
        let e = self.header.elements.get(i)?;
        self.next = (e.end as usize).max(i + 1);
        Some(i)
    }
}

/// How delimiters work in a VR's text.
pub fn text_kind(vr: Vr) -> TextKind {
    match vr {
        Vr::PN => TextKind::PersonName,
        Vr::LT | Vr::ST | Vr::UT | Vr::UR => TextKind::Text,
        _ => TextKind::MultiValued,
    }
}

/// Removes the padding PS3.5 6.2 allows: trailing spaces for string VRs, trailing NUL for
/// UI (and, as many writers do, for the others). Leading spaces are handled per value.
pub fn trim_padding(b: &[u8]) -> &[u8] {
    let mut end = b.len();
    while end > 0 && (b[end - 1] == b' ' || b[end - 1] == 0) {
        end -= 1;
    }
    &b[..end]
}

/// Splits decoded text into values at `\` (not for single-valued VRs), trimming each value
/// of the spaces PS3.5 6.2 calls insignificant.
pub fn split_values(text: Cow<'_, str>, vr: Vr) -> Vec<Cow<'_, str>> {
    if text.is_empty() {
        return Vec::new();
    }
    if vr.is_single_valued_text() {
        return vec![trim_cow(text, vr)];
    }
    if !text.contains('\\') {
        return vec![trim_cow(text, vr)];
    }
    match text {
        Cow::Borrowed(s) => s
            .split('\\')
            .map(|v| Cow::Borrowed(trim_value(v, vr)))
            .collect(),
        Cow::Owned(s) => s
            .split('\\')
            .map(|v| Cow::Owned(trim_value(v, vr).to_owned()))
            .collect(),
    }
}

/// The first of the values [`split_values`] gives (empty when it gives none), without
/// making the list.
pub fn first_value(text: Cow<'_, str>, vr: Vr) -> Cow<'_, str> {
    if vr.is_single_valued_text() || !text.contains('\\') {
        return trim_cow(text, vr);
    }
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(trim_value(s.split('\\').next().unwrap_or(""), vr)),
        Cow::Owned(s) => Cow::Owned(trim_value(s.split('\\').next().unwrap_or(""), vr).to_owned()),
    }
}

fn trim_cow(text: Cow<'_, str>, vr: Vr) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(trim_value(s, vr)),
        Cow::Owned(s) => {
            let t = trim_value(&s, vr);
            if t.len() == s.len() {
                Cow::Owned(s)
            } else {
                Cow::Owned(t.to_owned())
            }
        }
    }
}

/// Trailing spaces (and NULs) go from every string value. Leading spaces go too, except
/// from the VRs whose leading spaces PS3.5 Table 6.2-1 makes part of the value: LT, ST, UT
/// and UC allow only trailing padding, and UR forbids leading spaces rather than ignoring
/// them, so one there is shown as written.
fn trim_value(v: &str, vr: Vr) -> &str {
    let v = v.trim_end_matches([' ', '\0']);
    match vr {
        Vr::LT | Vr::ST | Vr::UT | Vr::UC | Vr::UR => v,
        _ => v.trim_start_matches(' '),
    }
}

pub(crate) fn read_u16(b: &[u8], big_endian: bool) -> u16 {
    let a = [b[0], b[1]];
    if big_endian {
        u16::from_be_bytes(a)
    } else {
        u16::from_le_bytes(a)
    }
}

pub(crate) fn read_u32(b: &[u8], big_endian: bool) -> u32 {
    let a = [b[0], b[1], b[2], b[3]];
    if big_endian {
        u32::from_be_bytes(a)
    } else {
        u32::from_le_bytes(a)
    }
}

pub(crate) fn read_u64(b: &[u8], big_endian: bool) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[..8]);
    if big_endian {
        u64::from_be_bytes(a)
    } else {
        u64::from_le_bytes(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_spaces_are_kept_where_only_trailing_padding_is_allowed() {
        // PS3.5 Table 6.2-1: UC, UT, LT, ST and UR are padded at the end only; SH, LO and CS
        // ignore leading spaces as well (str_padding_odd*.dcm holds (0008,0119) UC ' uc ').
        for vr in [Vr::UC, Vr::UT, Vr::LT, Vr::ST, Vr::UR] {
            assert_eq!(split_values(Cow::Borrowed(" uc "), vr), [" uc"], "{vr:?}");
            assert_eq!(first_value(Cow::Borrowed(" uc "), vr), " uc", "{vr:?}");
        }
        // UC is multi-valued: each value keeps its leading space.
        assert_eq!(
            split_values(Cow::Borrowed(" a \\ b "), Vr::UC),
            [" a", " b"]
        );
        for vr in [Vr::SH, Vr::LO, Vr::CS] {
            assert_eq!(split_values(Cow::Borrowed(" uc "), vr), ["uc"], "{vr:?}");
        }
    }

    #[test]
    fn first_value_is_the_first_of_split_values() {
        let texts = [
            "",
            " ",
            "CT",
            "CT ",
            " CT\\MR ",
            "\\MR",
            "A\\",
            "Doe^Jane\\Roe^Rick",
            "  x  \\y",
        ];
        for vr in [
            Vr::CS,
            Vr::LO,
            Vr::PN,
            Vr::LT,
            Vr::UT,
            Vr::ST,
            Vr::UC,
            Vr::UR,
            Vr::UI,
            Vr::DS,
        ] {
            for text in texts {
                for owned in [false, true] {
                    let cow = |t: &'static str| {
                        if owned {
                            Cow::Owned(t.to_owned())
                        } else {
                            Cow::Borrowed(t)
                        }
                    };
                    let all = split_values(cow(text), vr);
                    let first = all.first().map_or("", |v| v.as_ref());
                    assert_eq!(first_value(cow(text), vr), first, "{vr:?} {text:?}");
                }
            }
        }
    }
}

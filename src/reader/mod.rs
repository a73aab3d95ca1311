//! The reader: bytes -> elements. A pure, tolerant parser of DICOM file headers over a byte
//! slice, stopping before pixel data.
//!
//! - [`parse`]: preamble, file meta group, transfer syntax detection and recovery, the data
//!   set with its sequences, items, private creators and character sets.
//! - [`header`]: what a read produces ([`Header`], [`Element`], [`Status`], problems).
//! - [`charset`]: Specific Character Set decoding, ISO 2022 code extensions included.
//! - [`person_name`], [`tag`], [`vr`], [`syntax`]: the value types.
//! - [`private_vr`]: the VRs of known private attributes (GDCM's private dictionary).

pub mod charset;
pub mod header;
pub mod parse;
pub mod person_name;
mod private_dict;
pub mod private_vr;
pub mod syntax;
pub mod tag;
pub mod vr;

pub use header::{Element, ElementKind, Header, Issue, Problem, Status};
pub use parse::{NeedMore, ReadOptions, read, read_prefix, read_with};
pub use person_name::PersonName;
pub use syntax::{Encoding, SyntaxInfo};
pub use tag::{Tag, tags};
pub use vr::Vr;

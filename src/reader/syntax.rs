//! Transfer syntaxes: how the data set after the file meta group is encoded (PS3.5 10, A).

/// How element headers and numbers are laid out in a data set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Encoding {
    /// Explicit VR (the two VR bytes are in each element header) or implicit (the VR comes
    /// from the data dictionary).
    pub explicit_vr: bool,
    /// Byte order of tags, lengths and binary values.
    pub big_endian: bool,
}

impl Encoding {
    /// Implicit VR little endian, the default transfer syntax (PS3.5 A.1).
    pub const IMPLICIT_LE: Encoding = Encoding {
        explicit_vr: false,
        big_endian: false,
    };
    /// Explicit VR little endian (PS3.5 A.2), also used by the file meta group (PS3.10 7.1)
    /// and by every encapsulated transfer syntax (PS3.5 A.4).
    pub const EXPLICIT_LE: Encoding = Encoding {
        explicit_vr: true,
        big_endian: false,
    };
    /// Explicit VR big endian (PS3.5 A.3, retired).
    pub const EXPLICIT_BE: Encoding = Encoding {
        explicit_vr: true,
        big_endian: true,
    };

    /// The name we give this encoding in messages.
    pub fn describe(self) -> &'static str {
        match (self.explicit_vr, self.big_endian) {
            (false, false) => "implicit VR little endian",
            (true, false) => "explicit VR little endian",
            (true, true) => "explicit VR big endian",
            (false, true) => "implicit VR big endian",
        }
    }
}

/// What a Transfer Syntax UID means for reading the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxInfo {
    /// The data set encoding.
    pub encoding: Encoding,
    /// The data set is a raw deflate stream after the file meta group (PS3.5 A.5).
    pub deflated: bool,
    /// Pixel data is encapsulated in fragments (PS3.5 A.4).
    pub encapsulated: bool,
    /// A short name for the syntax, when we know it.
    pub name: &'static str,
}

impl SyntaxInfo {
    /// Looks a Transfer Syntax UID up (trailing NUL or space padding already trimmed).
    /// Unknown UIDs under the DICOM root are assumed to be encapsulated syntaxes, whose
    /// headers are explicit VR little endian (PS3.5 A.4); `None` for anything else.
    pub fn from_uid(uid: &str) -> Option<SyntaxInfo> {
        let plain = |encoding, name| SyntaxInfo {
            encoding,
            deflated: false,
            encapsulated: false,
            name,
        };
        let info = match uid {
            "1.2.840.10008.1.2" => plain(Encoding::IMPLICIT_LE, "Implicit VR Little Endian"),
            "1.2.840.10008.1.2.1" => plain(Encoding::EXPLICIT_LE, "Explicit VR Little Endian"),
            "1.2.840.10008.1.2.2" => plain(Encoding::EXPLICIT_BE, "Explicit VR Big Endian"),
            "1.2.840.10008.1.2.1.99" => SyntaxInfo {
                deflated: true,
                ..plain(Encoding::EXPLICIT_LE, "Deflated Explicit VR Little Endian")
            },
            // JPIP Referenced: pixel data is a URL, the data set explicit VR LE (PS3.5
            // A.6); the Deflate variants deflate the data set as A.5 does (PS3.5 A.7).
            "1.2.840.10008.1.2.4.94" => plain(Encoding::EXPLICIT_LE, "JPIP Referenced"),
            "1.2.840.10008.1.2.4.204" => plain(Encoding::EXPLICIT_LE, "JPIP HTJ2K Referenced"),
            "1.2.840.10008.1.2.4.95" => SyntaxInfo {
                deflated: true,
                ..plain(Encoding::EXPLICIT_LE, "JPIP Referenced Deflate")
            },
            "1.2.840.10008.1.2.4.205" => SyntaxInfo {
                deflated: true,
                ..plain(Encoding::EXPLICIT_LE, "JPIP HTJ2K Referenced Deflate")
            },
            // GE's private "Implicit VR Big Endian": the data set is implicit VR little
            // endian and only the pixel data is big endian (as GDCM reads it).
            "1.2.840.113619.5.2" => {
                plain(Encoding::IMPLICIT_LE, "Implicit VR Big Endian (GE private)")
            }
            // Deflated Image Frame Compression (PS3.5 A.4.11): only the frames are deflated.
            _ if uid.starts_with("1.2.840.10008.1.2.")
                && uid.bytes().all(|b| b.is_ascii_digit() || b == b'.') =>
            {
                SyntaxInfo {
                    encapsulated: true,
                    ..plain(Encoding::EXPLICIT_LE, encapsulated_name(uid))
                }
            }
            _ => return None,
        };
        Some(info)
    }
}

/// Names of the encapsulated syntaxes (PS3.6 Table A-1), for messages and the dump.
fn encapsulated_name(uid: &str) -> &'static str {
    match uid {
        "1.2.840.10008.1.2.4.50" => "JPEG Baseline (Process 1)",
        "1.2.840.10008.1.2.4.51" => "JPEG Extended (Process 2 & 4)",
        "1.2.840.10008.1.2.4.57" => "JPEG Lossless, Non-Hierarchical (Process 14)",
        "1.2.840.10008.1.2.4.70" => "JPEG Lossless, Non-Hierarchical, First-Order Prediction",
        "1.2.840.10008.1.2.4.80" => "JPEG-LS Lossless",
        "1.2.840.10008.1.2.4.81" => "JPEG-LS Lossy (Near-Lossless)",
        "1.2.840.10008.1.2.4.90" => "JPEG 2000 (Lossless Only)",
        "1.2.840.10008.1.2.4.91" => "JPEG 2000",
        "1.2.840.10008.1.2.4.92" | "1.2.840.10008.1.2.4.93" => "JPEG 2000 Part 2 Multi-component",
        "1.2.840.10008.1.2.4.201" => "High-Throughput JPEG 2000 (Lossless Only)",
        "1.2.840.10008.1.2.4.202" => "High-Throughput JPEG 2000 with RPCL (Lossless Only)",
        "1.2.840.10008.1.2.4.203" => "High-Throughput JPEG 2000",
        "1.2.840.10008.1.2.4.100" | "1.2.840.10008.1.2.4.100.1" => "MPEG2 Main Profile",
        "1.2.840.10008.1.2.4.101" | "1.2.840.10008.1.2.4.101.1" => "MPEG2 High Profile",
        "1.2.840.10008.1.2.4.102"
        | "1.2.840.10008.1.2.4.102.1"
        | "1.2.840.10008.1.2.4.103"
        | "1.2.840.10008.1.2.4.103.1"
        | "1.2.840.10008.1.2.4.104"
        | "1.2.840.10008.1.2.4.104.1"
        | "1.2.840.10008.1.2.4.105"
        | "1.2.840.10008.1.2.4.105.1"
        | "1.2.840.10008.1.2.4.106"
        | "1.2.840.10008.1.2.4.106.1" => "MPEG-4 AVC/H.264",
        "1.2.840.10008.1.2.4.107" | "1.2.840.10008.1.2.4.108" => "HEVC/H.265",
        "1.2.840.10008.1.2.4.110" | "1.2.840.10008.1.2.4.111" | "1.2.840.10008.1.2.4.112" => {
            "JPEG XL"
        }
        "1.2.840.10008.1.2.5" => "RLE Lossless",
        "1.2.840.10008.1.2.8.1" => "Deflated Image Frame Compression",
        "1.2.840.10008.1.2.1.98" => "Encapsulated Uncompressed Explicit VR Little Endian",
        _ => "encapsulated (unrecognised)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_syntaxes_have_their_own_encoding() {
        let implicit = SyntaxInfo::from_uid("1.2.840.10008.1.2").expect("known");
        assert_eq!(implicit.encoding, Encoding::IMPLICIT_LE);
        let be = SyntaxInfo::from_uid("1.2.840.10008.1.2.2").expect("known");
        assert!(be.encoding.big_endian && be.encoding.explicit_vr);
        let deflated = SyntaxInfo::from_uid("1.2.840.10008.1.2.1.99").expect("known");
        assert!(deflated.deflated && !deflated.encapsulated);
        for uid in ["1.2.840.10008.1.2.4.95", "1.2.840.10008.1.2.4.205"] {
            let jpip = SyntaxInfo::from_uid(uid).expect("known");
            assert!(jpip.deflated && !jpip.encapsulated, "{uid}");
        }
        let jpip = SyntaxInfo::from_uid("1.2.840.10008.1.2.4.94").expect("known");
        assert!(!jpip.deflated && !jpip.encapsulated);
    }

    #[test]
    fn every_encapsulated_syntax_reads_its_header_as_explicit_little_endian() {
        // PS3.5 A.4: encapsulated transfer syntaxes encode the data set explicit VR LE.
        for uid in [
            "1.2.840.10008.1.2.4.50",
            "1.2.840.10008.1.2.4.80",
            "1.2.840.10008.1.2.4.90",
            "1.2.840.10008.1.2.4.201",
            "1.2.840.10008.1.2.4.100",
            "1.2.840.10008.1.2.4.107",
            "1.2.840.10008.1.2.5",
            "1.2.840.10008.1.2.4.999",
        ] {
            let info = SyntaxInfo::from_uid(uid).expect("under the DICOM root");
            assert!(info.encapsulated, "{uid}");
            assert_eq!(info.encoding, Encoding::EXPLICIT_LE, "{uid}");
        }
        assert_eq!(SyntaxInfo::from_uid("1.2.3.4"), None);
    }
}

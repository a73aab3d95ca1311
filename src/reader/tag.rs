//! Attribute tags: the (group, element) pair that names every data element (PS3.5 7.1).

use std::fmt;

/// A data element tag, group in the high 16 bits and element number in the low 16.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Tag(pub u32);

impl Tag {
    /// Builds a tag from its group and element numbers.
    pub const fn new(group: u16, element: u16) -> Self {
        Tag(((group as u32) << 16) | element as u32)
    }

    /// The group number.
    pub const fn group(self) -> u16 {
        (self.0 >> 16) as u16
    }

    /// The element number.
    pub const fn element(self) -> u16 {
        self.0 as u16
    }

    /// Private data elements live in odd groups (PS3.5 7.8.1); groups 1, 3, 5 and 7 are not
    /// allowed for private use, but we treat any odd group as private, like DCMTK.
    pub const fn is_private(self) -> bool {
        self.group() % 2 == 1
    }

    /// A Private Creator element (gggg,0010-00FF) reserves the block `xx` of its group for
    /// the elements (gggg,xx00-xxFF) (PS3.5 7.8.1).
    pub const fn is_private_creator(self) -> bool {
        self.is_private() && self.element() >= 0x0010 && self.element() <= 0x00FF
    }

    /// For a private element (gggg,xxee) with xx >= 0x10, the creator's element (gggg,00xx).
    pub const fn private_creator_tag(self) -> Option<Tag> {
        if self.is_private() && self.element() >= 0x1000 {
            Some(Tag::new(self.group(), self.element() >> 8))
        } else {
            None
        }
    }

    /// Group length elements (gggg,0000) are retired except in group 0002 (PS3.5 7.2).
    pub const fn is_group_length(self) -> bool {
        self.element() == 0
    }

    /// Appends `(GGGG,EEEE)` to `out` without the formatting machinery (this runs for every
    /// finding of every file).
    pub fn push_to(self, out: &mut String) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut b = *b"(0000,0000)";
        for (i, shift) in [28u32, 24, 20, 16].iter().enumerate() {
            b[1 + i] = HEX[((self.0 >> shift) & 0xF) as usize];
        }
        for (i, shift) in [12u32, 8, 4, 0].iter().enumerate() {
            b[6 + i] = HEX[((self.0 >> shift) & 0xF) as usize];
        }
        // Only ASCII bytes were written.
        out.push_str(std::str::from_utf8(&b).unwrap_or("(????,????)"));
    }

    /// Tag formatted as the DICOM JSON model writes it: eight upper-case hex digits.
    pub fn json_key(self) -> String {
        format!("{:08X}", self.0)
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({:04X},{:04X})", self.group(), self.element())
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Tags the reader itself needs to know.
#[allow(missing_docs)]
pub mod tags {
    use super::Tag;
    pub const FILE_META_GROUP_LENGTH: Tag = Tag::new(0x0002, 0x0000);
    pub const MEDIA_STORAGE_SOP_CLASS_UID: Tag = Tag::new(0x0002, 0x0002);
    pub const MEDIA_STORAGE_SOP_INSTANCE_UID: Tag = Tag::new(0x0002, 0x0003);
    pub const TRANSFER_SYNTAX_UID: Tag = Tag::new(0x0002, 0x0010);
    pub const SPECIFIC_CHARACTER_SET: Tag = Tag::new(0x0008, 0x0005);
    pub const SOP_CLASS_UID: Tag = Tag::new(0x0008, 0x0016);
    pub const SOP_INSTANCE_UID: Tag = Tag::new(0x0008, 0x0018);
    pub const MODALITY: Tag = Tag::new(0x0008, 0x0060);
    pub const PATIENT_NAME: Tag = Tag::new(0x0010, 0x0010);
    pub const PATIENT_ID: Tag = Tag::new(0x0010, 0x0020);
    pub const STUDY_INSTANCE_UID: Tag = Tag::new(0x0020, 0x000D);
    pub const SERIES_INSTANCE_UID: Tag = Tag::new(0x0020, 0x000E);
    pub const NUMBER_OF_FRAMES: Tag = Tag::new(0x0028, 0x0008);
    pub const FLOAT_PIXEL_DATA: Tag = Tag::new(0x7FE0, 0x0008);
    pub const DOUBLE_FLOAT_PIXEL_DATA: Tag = Tag::new(0x7FE0, 0x0009);
    pub const PIXEL_DATA: Tag = Tag::new(0x7FE0, 0x0010);
    pub const ITEM: Tag = Tag::new(0xFFFE, 0xE000);
    pub const ITEM_DELIMITATION: Tag = Tag::new(0xFFFE, 0xE00D);
    pub const SEQUENCE_DELIMITATION: Tag = Tag::new(0xFFFE, 0xE0DD);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_element_names_its_creator_slot() {
        // (0029,1010) belongs to the block reserved by (0029,0010).
        assert_eq!(
            Tag::new(0x0029, 0x1010).private_creator_tag(),
            Some(Tag::new(0x0029, 0x0010))
        );
        assert!(Tag::new(0x0029, 0x0010).is_private_creator());
        assert_eq!(Tag::new(0x0010, 0x1010).private_creator_tag(), None);
    }

    #[test]
    fn pushed_tag_text_equals_its_display() {
        for t in [
            Tag::new(0x7FE0, 0x0010),
            Tag::new(0x0010, 0x0010),
            Tag::new(0xFFFE, 0xE0DD),
        ] {
            let mut s = String::new();
            t.push_to(&mut s);
            assert_eq!(s, t.to_string());
        }
    }

    #[test]
    fn tag_displays_as_group_and_element() {
        assert_eq!(Tag::new(0x7FE0, 0x0010).to_string(), "(7FE0,0010)");
        assert_eq!(Tag::new(0x0010, 0x0010).json_key(), "00100010");
    }
}

//! Pieces the unit tests of several stages share: a deterministic random source and the
//! byte builders for hand-made elements (PS3.5 7.1.2, 7.5).

use crate::reader::Vr;

/// xorshift64 (Marsaglia 2003): reproducible pseudo-random numbers without a crate, for
/// the no-panic tests.
pub struct XorShift(pub u64);

impl XorShift {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// Explicit VR little endian element (PS3.5 7.1.2, Tables 7.1-1 and 7.1-2).
pub fn ex_le(group: u16, element: u16, vr: &[u8; 2], value: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&group.to_le_bytes()); // tag group, LE
    b.extend_from_slice(&element.to_le_bytes()); // tag element, LE
    b.extend_from_slice(vr); // VR, two ASCII letters
    let v = Vr::from_bytes(*vr).expect("test VR");
    if v.has_long_length() {
        b.extend_from_slice(&[0, 0]); // reserved, 0000H
        b.extend_from_slice(&(value.len() as u32).to_le_bytes()); // 32-bit length
    } else {
        b.extend_from_slice(&(value.len() as u16).to_le_bytes()); // 16-bit length
    }
    b.extend_from_slice(value); // value, even length
    b
}

/// A Part 10 file (PS3.10 7.1): 128-byte zero preamble, `DICM`, File Meta Information
/// Group Length (0002,0000) over `meta` (explicit VR LE meta elements), then `data_set`.
pub fn part10_file(meta: &[u8], data_set: &[u8]) -> Vec<u8> {
    let mut b = vec![0u8; 128]; // preamble
    b.extend_from_slice(b"DICM"); // prefix
    b.extend(ex_le(
        0x0002,
        0x0000,
        b"UL",
        &(meta.len() as u32).to_le_bytes(),
    )); // length
    b.extend_from_slice(meta);
    b.extend_from_slice(data_set);
    b
}

/// Item, item delimiter or sequence delimiter (PS3.5 7.5, Table 7.5-1): tag and a 32-bit
/// length, never a VR.
pub fn delim(element: u16, len: u32) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&0xFFFEu16.to_le_bytes()); // group FFFE
    b.extend_from_slice(&element.to_le_bytes()); // E000 item, E00D item end, E0DD seq end
    b.extend_from_slice(&len.to_le_bytes()); // length (FFFFFFFF: undefined)
    b
}

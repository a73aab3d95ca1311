//! Italian fiscal codes (codice fiscale): sixteen letters and digits in a fixed pattern
//! (surname, given name, birth year, month letter, birth day and sex, place, check letter:
//! `RSSMRA85T10A562S`) whose last letter is a checksum of the first fifteen. The pattern and
//! the check together are specific enough to need no cue word.

use super::{Category, TextHit, alphanumeric_at, alphanumeric_before, kind, push_new};
use crate::phi::category::ValueState;

/// Letters that stand for digits when two people would get the same code (omocodia):
/// L M N P Q R S T U V for 0 to 9.
const OMOCODE_LETTERS: &[u8] = b"LMNPQRSTUV";

/// The month letters, January to December.
const MONTH_LETTERS: &[u8] = b"ABCDEHLMPRST";

/// The value of a character in an odd position (first, third, ...) for the check letter,
/// by its digit or letter value (`0`/`A` = 0 ... `9`/`J` = 9, `K` = 10 ... `Z` = 25).
const ODD_VALUES: [u8; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// Appends every valid fiscal code in `text` that no earlier hit covers.
pub(super) fn scan_fiscal_codes(text: &str, first: usize, out: &mut Vec<TextHit>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 16 <= b.len() {
        if !b[i].is_ascii_uppercase() || alphanumeric_before(text, i) {
            i += 1;
            continue;
        }
        let candidate = &b[i..i + 16];
        if is_fiscal_code(candidate) && !alphanumeric_at(text, i + 16) {
            push_new(
                out,
                first,
                TextHit {
                    category: Category::NationalId,
                    detector: crate::phi::category::Detector::Pattern,
                    start: i,
                    end: i + 16,
                    state: ValueState::Validated,
                    confidence: 0.95,
                    kind: kind::IT_FISCAL_CODE,
                },
            );
            i += 16;
        } else {
            i += 1;
        }
    }
}

/// Whether sixteen bytes follow the pattern and their check letter.
fn is_fiscal_code(c: &[u8]) -> bool {
    let letter = |x: u8| x.is_ascii_uppercase();
    let digit = |x: u8| x.is_ascii_digit() || OMOCODE_LETTERS.contains(&x);
    let shape = c[..6].iter().all(|&x| letter(x))
        && digit(c[6])
        && digit(c[7])
        && MONTH_LETTERS.contains(&c[8])
        && digit(c[9])
        && digit(c[10])
        && letter(c[11])
        && c[12..15].iter().all(|&x| digit(x))
        && letter(c[15]);
    if !shape {
        return false;
    }
    let value = |x: u8| {
        if x.is_ascii_digit() {
            x - b'0'
        } else {
            x - b'A'
        }
    };
    let sum: u32 = c[..15]
        .iter()
        .enumerate()
        .map(|(n, &x)| {
            let v = value(x);
            // Positions count from one: index 0 is the first, an odd position.
            u32::from(if n % 2 == 0 {
                ODD_VALUES[usize::from(v)]
            } else {
                v
            })
        })
        .sum();
    c[15] == b'A' + (sum % 26) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        scan_fiscal_codes(text, 0, &mut out);
        out.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn finds_valid_codes_and_their_omocode_forms() {
        // The usual example (Mario Rossi, born 10 December 1985 in A562).
        assert_eq!(
            codes("Codice fiscale RSSMRA85T10A562S"),
            ["RSSMRA85T10A562S"]
        );
        assert_eq!(codes("CF:RSSMRA85T10A562S."), ["RSSMRA85T10A562S"]);
        // Omocodia: the last digit of the place code written as a letter (2 -> N), with
        // the check letter of the new code.
        let omocode = "RSSMRA85T10A56NH";
        assert!(is_fiscal_code(omocode.as_bytes()), "{omocode}");
    }

    #[test]
    fn a_wrong_check_letter_or_shape_is_not_a_code() {
        for text in [
            "RSSMRA85T10A562T",
            "RSSMRA85Z10A562S",
            "XRSSMRA85T10A562S",
            "RSSMRA85T10A562SX",
            "rssmra85t10a562s",
            "ABCDEFGHIJKLMNOP",
            "RSSMRA85T10A562",
        ] {
            assert!(codes(text).is_empty(), "{text}");
        }
    }
}

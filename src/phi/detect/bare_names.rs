//! Names written alone in free text, with no cue word before them: `seen with Marguerite
//! Lefebvre`, `GALLAGHER, NOREEN`, `Thibodeaux, Anaïs`.
//!
//! A pair of capitalised words counts when one is a known given name and the other a known
//! surname (from [`crate::phi::name_lexicon`]), in the orders people write them: given name
//! first, surname first with a comma, or surname first in capitals as HL7 and PACS lists
//! do. A name that is also a common word (`Mark`, `Grace`, `Smith`) is weak: it counts only
//! beside a name of the other kind, never beside an unknown word; a name that is not a
//! common word (`Marguerite`, `Noreen`) may stand beside an unknown surname. Single words are
//! never names here: that is what cue words and the run-wide look are for.

use std::sync::OnceLock;

use super::romanized_names;
use super::{
    NameWord, TextHit, alphanumeric_at, alphanumeric_before, is_imaging_word, kind,
    latin_name_word, letter_runs, name_hit, push_new, starts_with_ignore_ascii_case,
};
use crate::phi::category::Category;
use crate::phi::name_lexicon::{GIVEN_NAMES, HEBREW_NAMES, SURNAMES};

/// How much a word in the lexicon says about being a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// Also a common word (`mark`, `grace`, `white`).
    Weak,
    /// Not a common word (`marguerite`, `thibodeaux`).
    Strong,
}

/// One list of the lexicon, sorted, looked up by binary search.
struct Lexicon {
    names: Vec<(&'static str, Strength)>,
}

/// Two lists sorted by name, merged in one pass (sorting their concatenation costs four
/// times as much at start-up).
fn merge_sorted(
    a: Vec<(&'static str, Strength)>,
    b: Vec<(&'static str, Strength)>,
) -> Vec<(&'static str, Strength)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.0 <= y.0 => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(n) => out.push(n),
            None => return out,
        }
    }
}

/// The longest name looked up, in bytes; longer words are not in the lists.
const LONGEST_NAME: usize = 32;

impl Lexicon {
    /// The names of `lists`, one a line, each with a trailing `*` when weak.
    fn parse(lists: &[&'static str]) -> Lexicon {
        let mut names: Vec<(&'static str, Strength)> = Vec::new();
        for list in lists {
            let mut part: Vec<_> = list
                .lines()
                .filter(|l| !l.is_empty())
                .map(|l| match l.strip_suffix('*') {
                    Some(name) => (name, Strength::Weak),
                    None => (l, Strength::Strong),
                })
                .collect();
            // Each list comes sorted; sorting a sorted list again costs a pass, and keeps
            // the binary search right if a list is ever edited out of order by hand.
            if !part.is_sorted_by(|a, b| a.0 <= b.0) {
                part.sort_unstable_by(|a, b| a.0.cmp(b.0));
            }
            names = if names.is_empty() {
                part
            } else {
                merge_sorted(names, part)
            };
        }
        // A name in two lists is kept once.
        names.dedup_by(|a, b| a.0 == b.0);
        Lexicon { names }
    }

    /// The strength of `word` (any case) in this list, if it is there; a double-barrelled
    /// name (`Whitaker-Boyd`) by its strongest known part.
    fn get(&self, word: &str) -> Option<Strength> {
        self.get_whole(word).or_else(|| {
            word.contains('-')
                .then(|| {
                    word.split('-')
                        .filter_map(|part| self.get_whole(part))
                        .max()
                })
                .flatten()
        })
    }

    fn get_whole(&self, word: &str) -> Option<Strength> {
        if word.len() > LONGEST_NAME {
            return None;
        }
        let find = |key: &str| {
            self.names
                .binary_search_by(|(name, _)| (*name).cmp(key))
                .ok()
                .map(|i| self.names[i].1)
        };
        if word.is_ascii() {
            let mut lower = [0u8; LONGEST_NAME];
            let lower = &mut lower[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).ok().and_then(find)
        } else {
            // As written, then without its marks (`Ştefan` with a cedilla, where the list
            // has `ștefan` and `stefan`; `Ewelína`).
            find(&word.to_lowercase()).or_else(|| without_marks(word).and_then(|w| find(&w)))
        }
    }
}

/// The base letters of U+00C0..=U+017F (Latin-1 Supplement and Latin Extended-A), lower
/// case; `_` where a letter has none (`Æ`, `Ð`, `Ø`, `ß`, `Ħ`, `ı`, `Ł`, `Œ`, and the two
/// signs in the range).
const LATIN_BASES: &[u8; 192] = b"aaaaaa_ceeeeiiii_nooooo__uuuuy__aaaaaa_ceeeeiiii_nooooo__uuuuy_y\
aaaaaaccccccccdd__eeeeeeeeeegggggggghh__iiiiiiiii___jjkk_llllll_\
___nnnnnn___oooooo__rrrrrrsssssssstttt__uuuuuuuuuuuuwwyyyzzzzzz_";

/// A Latin word lower-cased without its diacritics (`Ştefan` to `stefan`, `Łukasz` to
/// `lukasz`); `None` when a letter is not Latin.
fn without_marks(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let base = match c {
            _ if c.is_ascii() => c.to_ascii_lowercase(),
            'ß' => {
                out.push_str("ss");
                continue;
            }
            'Æ' | 'æ' => {
                out.push_str("ae");
                continue;
            }
            'Ø' | 'ø' => 'o',
            'Ð' | 'ð' | 'Đ' | 'đ' => 'd',
            'ı' => 'i',
            'Ł' | 'ł' => 'l',
            // Romanian S and T with a comma below.
            'Ș' | 'ș' => 's',
            'Ț' | 'ț' => 't',
            '\u{C0}'..='\u{17F}' => match LATIN_BASES[c as usize - 0xC0] {
                b'_' => return None,
                b => char::from(b),
            },
            _ => return None,
        };
        out.push(base);
    }
    Some(out)
}

fn given_names() -> &'static Lexicon {
    static LIST: OnceLock<Lexicon> = OnceLock::new();
    LIST.get_or_init(|| Lexicon::parse(&[GIVEN_NAMES, romanized_names::GIVEN_NAMES]))
}

fn surnames() -> &'static Lexicon {
    static LIST: OnceLock<Lexicon> = OnceLock::new();
    LIST.get_or_init(|| Lexicon::parse(&[SURNAMES, romanized_names::SURNAMES]))
}

/// The strongest lexicon name among the words of `name` (split at spaces, commas, `^`).
fn strongest_name_word(name: &str) -> Option<Strength> {
    name.split([' ', ',', '^'])
        .filter(|w| !w.is_empty())
        .filter_map(|w| given_names().get(w).max(surnames().get(w)))
        .max()
}

/// Whether `word` is a given name, and whether it is one that is no common word (`JOSE`;
/// `MARIA` is a word too).
pub(super) fn given_name_strength(word: &str) -> (bool, bool) {
    let strength = given_names().get_whole(word);
    (strength.is_some(), strength == Some(Strength::Strong))
}

/// Whether a word of `name` is a given name or surname that is no common word.
pub(super) fn has_strong_name_word(name: &str) -> bool {
    strongest_name_word(name) == Some(Strength::Strong)
}

/// Whether a word of `name` is a known given name or surname.
pub(super) fn has_known_name_word(name: &str) -> bool {
    strongest_name_word(name).is_some()
}

/// Whether a whole value is a name written with spaces only (`Tanaka Hiroshi`, `PALLISTER
/// GWENDOLYN`): two or three capitalised Latin words, none a word of [`super::NOT_NAMES`]
/// or of imaging protocols, with a known given name or surname that is not a common word
/// among them (or two known names).
pub(super) fn is_spaced_latin_name(value: &str) -> bool {
    let words: Vec<&str> = value.split(' ').collect();
    if !(2..=3).contains(&words.len()) {
        return false;
    }
    let mut strong = 0;
    let mut known = 0;
    for w in &words {
        let Some(word) = latin_name_word(w, 0).filter(|n| n.end == w.len() && !n.initial) else {
            return false;
        };
        if word.end < 2 || is_imaging_word(&w.to_ascii_uppercase()) {
            return false;
        }
        let strength = given_names().get(w).max(surnames().get(w));
        known += usize::from(strength.is_some());
        strong += usize::from(strength == Some(Strength::Strong));
    }
    strong >= 1 || known >= 2
}

/// Whether `word` is a Hebrew given name or surname.
pub(super) fn is_hebrew_name(word: &str) -> bool {
    static LIST: OnceLock<Lexicon> = OnceLock::new();
    LIST.get_or_init(|| Lexicon::parse(&[HEBREW_NAMES]))
        .get_whole(word)
        .is_some()
}

/// Words right before a name that make it a member of staff's: `read by`, `Tech:`,
/// `cc`, `Radiologist`.
const STAFF_CUES: &[&str] = &[
    "anaesthetist",
    "anesthetist",
    "arrt",
    "attending",
    "by",
    "cc",
    "consultant",
    "dictated",
    "fellow",
    "med",
    "midwife",
    "nurse",
    "observer",
    "operator",
    "physician",
    "radiographer",
    "radiologist",
    "referring",
    "resident",
    "rdms",
    "rn",
    "rt",
    "rvt",
    "signed",
    "sonographer",
    "surgeon",
    "tech",
    "technician",
    "technologist",
    // Staff in French, German, Spanish, Italian and Dutch notes (ASCII spellings):
    // `manipulatrice Mme Roussel`, `MTRA Frau Kunz`.
    "manipulatrice",
    "manipulateur",
    "manip",
    "radiologue",
    "infirmier",
    "interne",
    "technicien",
    "technicienne",
    "mta",
    "mtra",
    "arzt",
    "oberarzt",
    "assistenzarzt",
    "radiologe",
    "radiologin",
    "pfleger",
    "schwester",
    "tecnico",
    "enfermera",
    "enfermero",
    "radiologo",
    "medico",
    "infermiere",
    "infermiera",
    "tsrm",
    "laborant",
    "radioloog",
    "verpleegkundige",
    // Physicists and planners, and reporting doctors in Italian (`Dott.ssa`, `refertato
    // dal Dott.`), Polish (`lek.`, `technik`), Portuguese, Turkish, Indonesian, Swahili.
    "dosimetrist",
    "physicist",
    "planner",
    "dott",
    "ssa",
    "dottoressa",
    "lek",
    "lekarz",
    "technik",
    "tecnica",
    "tecnologo",
    "tekniker",
    "doktor",
    "dokter",
    "radiografer",
    "perawat",
    "daktari",
    // Doctors and nurses in Norwegian (`overlege`), Czech and Slovak (`MUDr.`), Polish
    // (`mgr`, a master's title technicians carry), German (`Pflege Sr.`, nursing).
    "lege",
    "overlege",
    "mudr",
    "mgr",
    "pflege",
    "lakare",
    "overlakare",
    // Nurse in Spanish and Portuguese notes (`Enf. Luzia Teixeira`).
    "enf",
];

/// Titles after a name that make it a member of staff's: `Jane Smith, MD`.
const STAFF_TITLES: &[&str] = &["dds", "do", "frcr", "mbbs", "md", "oa", "phd", "rn", "rt"];

/// Where a staff title written in capitals starts among the words of `name` (`Okafor RT`,
/// `SMITH MD`), past its first word.
pub(super) fn staff_title_in(name: &str) -> Option<usize> {
    let mut at: usize = 0;
    for (n, word) in name.split(' ').enumerate() {
        let upper = word.bytes().all(|b| b.is_ascii_uppercase());
        if n > 0 && upper && STAFF_TITLES.iter().any(|t| t.eq_ignore_ascii_case(word)) {
            return Some(at.saturating_sub(1));
        }
        at += word.len() + 1;
    }
    None
}

/// Appends every pair of lexicon names in `text` that no earlier hit covers.
pub(super) fn scan_bare_names(text: &str, first: usize, out: &mut Vec<TextHit>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // A name starts with a capital: an ASCII one or the lead byte of a Latin letter
        // with a diacritic (`Émilie`, `Łukasz`).
        if !(b[i].is_ascii_uppercase() || (0xC3..=0xC9).contains(&b[i]))
            || alphanumeric_before(text, i)
        {
            i += 1;
            continue;
        }
        let Some(word) = latin_name_word(text, i) else {
            i = next_word_start(b, i);
            continue;
        };
        let hit = if word.initial {
            initial_and_surname_at(text, i, &word)
        } else {
            pair_at(text, i, &word)
        };
        match hit {
            Some(hit) => {
                i = hit.end;
                push_new(out, first, hit);
            }
            None => i = word.end,
        }
    }
}

/// Names written in lower case, as series and protocol descriptions often are (`ax t1
/// post - kelleher siobhan`): two neighbouring lower-case words, a given name and a surname
/// in either order, both in the lexicon as no common word. Only text with no capital letter
/// is looked at: where capitals are used, a name has them.
pub(super) fn scan_lowercase_names(text: &str, first: usize, out: &mut Vec<TextHit>) {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        return;
    }
    use Strength::Strong;
    let words = lowercase_words(text);
    for pair in words.windows(2) {
        let [(s1, e1), (s2, e2)] = [pair[0], pair[1]];
        // `given family`, `family given`, or `family, given` as lists write names.
        let comma = match text.get(e1..s2) {
            Some(" ") => false,
            Some(", ") => true,
            _ => continue,
        };
        let (w1, w2) = (&text[s1..e1], &text[s2..e2]);
        let strong = |list: &Lexicon, w: &str| list.get_whole(w) == Some(Strong);
        let (g, s) = (given_names(), surnames());
        let name = (!comma && strong(g, w1) && strong(s, w2) && s.get_whole(w1).is_none())
            || (strong(s, w1) && strong(g, w2) && g.get_whole(w1).is_none());
        if !name
            || is_imaging_word(&w1.to_ascii_uppercase())
            || is_imaging_word(&w2.to_ascii_uppercase())
        {
            continue;
        }
        let category = bare_name_category(text, s1, e2);
        let mut hit = name_hit(text, category, (s1, e2), 0.5);
        hit.kind = kind::BARE_NAME;
        push_new(out, first, hit);
    }
}

/// A full name typed in lower case in text that has capitals elsewhere (`Urgencias: juan
/// carlos hernández cruz - dolor torácico`): three or four neighbouring lower-case words,
/// each a known given name or surname, starting with a given name, ending with a surname,
/// two of three or one of four no common word. Two such words alone are too often a phrase
/// where capitals are used.
pub(super) fn scan_lowercase_full_names(text: &str, first: usize, out: &mut Vec<TextHit>) {
    use Strength::Strong;
    let words = lowercase_words(text);
    if words.len() < 3 {
        return;
    }
    let (g, s) = (given_names(), surnames());
    let mut i = 0;
    while i + 3 <= words.len() {
        // The longest run from `i` of words parted by one space, up to four.
        let mut n = 1;
        while n < 4
            && i + n < words.len()
            && text.get(words[i + n - 1].1..words[i + n].0) == Some(" ")
        {
            n += 1;
        }
        let run = &words[i..i + n];
        let word = |k: usize| &text[run[k].0..run[k].1];
        let known = |k: usize| g.get_whole(word(k)).max(s.get_whole(word(k)));
        let shaped = n >= 3
            && g.get_whole(word(0)).is_some()
            && s.get_whole(word(n - 1)).is_some()
            && (0..n).all(|k| known(k).is_some() && !is_imaging_word(&word(k).to_uppercase()))
            && (0..n).filter(|&k| known(k) == Some(Strong)).count() >= if n >= 4 { 1 } else { 2 };
        if shaped {
            let (start, end) = (run[0].0, run[n - 1].1);
            let category = bare_name_category(text, start, end);
            let mut hit = name_hit(text, category, (start, end), 0.5);
            hit.kind = kind::BARE_NAME;
            push_new(out, first, hit);
            i += n;
        } else {
            i += 1;
        }
    }
}

/// The runs of three or more lower-case letters (ASCII or Latin with diacritics) in
/// `text`, as byte ranges.
fn lowercase_words(text: &str) -> Vec<(usize, usize)> {
    let lower = |c: char| {
        c.is_lowercase() && (c.is_ascii_lowercase() || ('\u{e0}'..='\u{24f}').contains(&c))
    };
    let mut words = letter_runs(text, lower);
    // Whole words only: not glued to a digit or another letter (`t1`, `Ax`).
    words.retain(|&(s, e)| {
        text[s..e].chars().count() >= 3
            && !alphanumeric_before(text, s)
            && !alphanumeric_at(text, e)
    });
    words
}

/// Particles that stand before a family name: Irish (`Ní`, `Nic`, `Ó`, `Uí`, `Mac`), Dutch,
/// German, Romance and Arabic ones, in either case.
const SURNAME_PARTICLES: &[&str] = &[
    "ní", "nic", "ó", "uí", "mac", "van", "von", "der", "den", "de", "da", "di", "del", "della",
    "dos", "das", "du", "ter", "ten", "bin", "ibn", "al",
];

/// Where the family name starts after one or two particles at `at` (see
/// [`SURNAME_PARTICLES`]), each followed by a space; `at` when none stands there.
fn after_surname_particles(text: &str, start: usize) -> usize {
    let mut at = start;
    for _ in 0..2 {
        let rest = &text[at..];
        let Some(space) = rest.find(' ').filter(|&n| n <= 5) else {
            break;
        };
        if !SURNAME_PARTICLES.contains(&rest[..space].to_lowercase().as_str()) {
            break;
        }
        at += space + 1;
    }
    // The particles count only before a capitalised family name.
    if text[at..].chars().next().is_some_and(char::is_uppercase) {
        at
    } else {
        start
    }
}

/// Where the next word may start after the one at `i`.
fn next_word_start(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] >= 0x80) {
        i += 1;
    }
    i
}

/// The name that starts with `first`, the word at `start`, if the words there make one.
fn pair_at(text: &str, start: usize, first: &NameWord) -> Option<TextHit> {
    if let Some(hit) = patronymic_at(text, start, first) {
        return Some(hit);
    }
    let b = text.as_bytes();
    // `Surname_Given`, as file and series names join a name, reads either way.
    let underscore = b.get(first.end) == Some(&b'_');
    let (comma, mut at) = match (b.get(first.end), b.get(first.end + 1)) {
        (Some(b' '), _) => (false, first.end + 1),
        (Some(b','), Some(b' ')) => (true, first.end + 2),
        (Some(b'_'), _) => (true, first.end + 1),
        _ => return None,
    };
    // Particles of a family name between the given name and it (`Aoife Ní Bhriain`, `Jan
    // van der Berg`): the family name is the word after them.
    if !comma {
        at = after_surname_particles(text, at);
    }
    // A middle name that is a common word of the calendar or the garden (`Winifred May
    // Oakhurst`), after a given name that is none: the surname is the word after it.
    if !comma
        && given_names().get(&text[start..first.end]) == Some(Strength::Strong)
        && let Some(after) = after_common_middle_name(text, at)
    {
        at = after;
    }
    let mut second = latin_name_word(text, at)?;
    // A middle initial between a given name and a surname: `John A. Smith`.
    if second.initial && !comma && b.get(second.end) == Some(&b' ') {
        at = second.end + 1;
        second = latin_name_word(text, at)?;
    }
    if second.initial {
        return family_in_capitals_and_initial(text, start, first, &second);
    }
    let (w1, w2) = (&text[start..first.end], &text[at..second.end]);
    // A street named after a person (`Ashby Road`) is a street; a series named after a
    // technique or an eponym of anatomy (`Liver_Dixon`, `CTA_Willis`) is a series.
    if is_imaging_word(&w1.to_uppercase()) || is_imaging_word(&w2.to_uppercase()) {
        return None;
    }
    if w1.eq_ignore_ascii_case(w2)
        || super::STREET_WORDS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(w2))
    {
        return None;
    }
    let (given, family) = (given_names(), surnames());
    let (g1, s1, g2, s2) = (given.get(w1), family.get(w1), given.get(w2), family.get(w2));
    use Strength::{Strong, Weak};
    let both_known_and_one_strong = |a: Option<Strength>, b: Option<Strength>| match (a, b) {
        (Some(Weak), Some(Weak)) => both_proper(w1, w2),
        (Some(_), Some(_)) => true,
        _ => false,
    };
    let mut end = second.end;
    let given_first = || {
        both_known_and_one_strong(g1, s2)
            || (g1 == Some(Strong) && s2.is_none() && g2.is_none() && unknown_word_may_be_name(w2))
    };
    let accepted = if comma {
        // `Surname, Given`.
        both_known_and_one_strong(s1, g2)
            || (s1.is_none() && g1.is_none() && g2 == Some(Strong) && unknown_word_may_be_name(w1))
            || (underscore && given_first())
    } else if g1.is_some() && s2.is_none() && g2.is_some() {
        // Two given names: a name if a surname follows (`Anna Maria Rossi`), or if neither
        // is a common word (a surname that is also a given name: `Noreen Ashby`).
        match third_surname(text, second.end) {
            Some(third_end) => {
                end = third_end;
                true
            }
            None => g1 == Some(Strong) && g2 == Some(Strong),
        }
    } else {
        // `Given Surname`, or `Surname Given` as lists in capitals and Hungarian write it
        // when neither word could be the other kind.
        given_first()
            || (g1.is_none() && s2.is_none() && both_known_and_one_strong(s1, g2))
            // A double given name whose first half is also a surname (`Dubois
            // Marie-Claire`): the whole is a strong given name, and at most a weak surname.
            || (g1.is_none() && s1.is_some() && g2 == Some(Strong) && s2 == Some(Weak) && w2.contains('-'))
            // Lists in capitals write the family name first (`DZIEDZIC ANNA`): an unknown
            // word of five letters or more before a strong given name.
            || (first.all_caps
                && second.all_caps
                && s1.is_none()
                && g1.is_none()
                && g2 == Some(Strong)
                && w1.len() >= 5
                && unknown_word_may_be_name(w1))
            // Or a known family name there before a strong given name that may be a
            // family name too (`HERNANDEZ ASHLEY`, `MALLEY MICHAEL`).
            || (first.all_caps
                && second.all_caps
                && s1.is_some()
                && g1.is_none()
                && g2 == Some(Strong))
            // Registries write the family name in capitals before the given name
            // (`WHITFIELD George`): a known family name, or an unknown word of five
            // letters or more that may be one, before a capitalized given name that is no
            // common word.
            || (first.all_caps
                && !second.all_caps
                && g1.is_none()
                && g2 == Some(Strong)
                && (s1.is_some() || (w1.chars().count() >= 5 && unknown_word_may_be_name(w1))))
    };
    if !accepted || eponym_noun_after(text, end) {
        return None;
    }
    let category = bare_name_category(text, start, end);
    let mut confidence: f32 = 0.6;
    if first.all_caps && second.all_caps {
        confidence -= 0.1;
    }
    let mut hit = name_hit(text, category, (start, end), confidence);
    hit.kind = kind::BARE_NAME;
    Some(hit)
}

/// A family name in capitals and an initial closing a clause, as lists and wristbands
/// write a patient (`Pacemaker / OKAFOR-BRIGHT C.`): the family name (or a part of a
/// double one) in the lists as no given name nor common word, four letters or more, and
/// the initial with its period before the end, a space or punctuation.
fn family_in_capitals_and_initial(
    text: &str,
    start: usize,
    first: &NameWord,
    initial: &NameWord,
) -> Option<TextHit> {
    let b = text.as_bytes();
    let w = &text[start..first.end];
    let closes = b.get(initial.end - 1) == Some(&b'.')
        && b.get(initial.end)
            .is_none_or(|c| matches!(c, b' ' | b',' | b';' | b')' | b'/'));
    let family = first.all_caps
        && w.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && surnames().get(w) == Some(Strength::Strong)
        && given_names().get(w).is_none()
        && !is_imaging_word(w);
    if !(closes && family) {
        return None;
    }
    let category = bare_name_category(text, start, initial.end);
    let mut hit = name_hit(text, category, (start, initial.end), 0.5);
    hit.kind = kind::BARE_NAME;
    Some(hit)
}

/// An initial and a family name that is no given name nor common word, as notes and
/// orders write a patient (`A. Garrido Peñalosa refiere alergia`, `US ABD D. Quillfeather`
/// aside, whose family name is in no list): `A.` with its period, then the family name,
/// and a second family name after it when the lists know it.
fn initial_and_surname_at(text: &str, start: usize, initial: &NameWord) -> Option<TextHit> {
    let b = text.as_bytes();
    if b.get(initial.end - 1) != Some(&b'.') || b.get(initial.end) != Some(&b' ') {
        return None;
    }
    // Not an initial after another period (`J. R. Tolkien`, `fig. B.`): the pair rules
    // read given names, and an abbreviation's letter is no initial.
    if start >= 2 && b[start - 1] == b' ' && b[start - 2] == b'.' {
        return None;
    }
    let at = initial.end + 1;
    let word = latin_name_word(text, at)?;
    let w = &text[at..word.end];
    let family = surnames().get(w) == Some(Strength::Strong)
        && given_names().get(w).is_none()
        && !is_imaging_word(&w.to_uppercase());
    if word.initial || !family {
        return None;
    }
    let mut end = word.end;
    if b.get(end) == Some(&b' ')
        && let Some(second) = latin_name_word(text, end + 1)
        && !second.initial
        && surnames().get(&text[end + 1..second.end]).is_some()
        && given_names().get(&text[end + 1..second.end]).is_none()
    {
        end = second.end;
    }
    if eponym_noun_after(text, end) {
        return None;
    }
    let category = bare_name_category(text, start, end);
    let mut hit = name_hit(text, category, (start, end), 0.5);
    hit.kind = kind::BARE_NAME;
    Some(hit)
}

/// An Arabic or Malay name built on a patronymic, without a cue: `Yusuf ibn Khalid`,
/// `Ahmad bin Ismail`, `Siti binti Yusof`, with a family name after it (`al-Rashidi`).
/// The lower-case link word between two capitalised words is the sign; one of the two
/// must be a known name or a family name must follow, so that `Data bin Size` is none.
fn patronymic_at(text: &str, start: usize, first: &NameWord) -> Option<TextHit> {
    const LINKS: &[&str] = &[" ibn ", " bin ", " bint ", " binti "];
    let rest = text.get(first.end..)?;
    let link = LINKS.iter().find(|l| rest.starts_with(**l))?;
    let at = first.end + link.len();
    let second = latin_name_word(text, at)?;
    let (w1, w2) = (&text[start..first.end], &text[at..second.end]);
    if first.initial
        || second.initial
        || !unknown_word_may_be_name(w1)
        || !unknown_word_may_be_name(w2)
    {
        return None;
    }
    // A family name after it: `al-Rashidi`, `Al Rashidi`, `el-Masri`.
    let family = text
        .get(second.end..)
        .and_then(|t| t.strip_prefix(' '))
        .and_then(|t| {
            ["al-", "Al-", "el-", "El-", "al ", "Al ", "el "]
                .iter()
                .find(|p| t.starts_with(**p))
        })
        .and_then(|p| latin_name_word(text, second.end + 1 + p.len()).map(|w| w.end));
    let known = given_names().get(w1).is_some() || given_names().get(w2).is_some();
    if family.is_none() && !known {
        return None;
    }
    let end = family.unwrap_or(second.end);
    let category = bare_name_category(text, start, end);
    let mut hit = name_hit(text, category, (start, end), 0.6);
    hit.kind = kind::BARE_NAME;
    Some(hit)
}

/// Whose a name found without a cue at `text[start..end]` is: staff's with a staff word
/// before it or a credential after it (`Dr`, `RT(R)`), the patient's otherwise.
fn bare_name_category(text: &str, start: usize, end: usize) -> Category {
    if staff_cue_before(text, start) || staff_title_after(text, end) {
        Category::StaffName
    } else {
        Category::PatientName
    }
}

/// Two weak names count only when both are written as names (capitalised, not a word of
/// a protocol or procedure): `Mark Hill`, not `FIELD Echo`.
fn both_proper(w1: &str, w2: &str) -> bool {
    !is_imaging_word(&w1.to_ascii_uppercase()) && !is_imaging_word(&w2.to_ascii_uppercase())
}

/// A word in neither list that may still be a surname beside a strong given name: at
/// least three letters, not a word of imaging protocols.
fn unknown_word_may_be_name(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !is_imaging_word(&word.to_ascii_uppercase())
}

/// Given names that are also common words and so in no list (`May`, `June`, `Rose`):
/// after a given name, a capitalized one of them followed by a space and a capital is a
/// middle name. Where the next word starts, if one is at `at`.
fn after_common_middle_name(text: &str, at: usize) -> Option<usize> {
    const MIDDLE: &[&str] = &[
        "April", "Dawn", "Faith", "Grace", "Hope", "Iris", "Ivy", "Joy", "June", "Lily", "May",
        "Pearl", "Rose", "Ruby",
    ];
    let rest = text.get(at..)?;
    let word = MIDDLE.iter().find(|m| rest.starts_with(**m))?;
    let next = at + word.len();
    let b = text.as_bytes();
    (b.get(next) == Some(&b' ') && b.get(next + 1).is_some_and(u8::is_ascii_uppercase))
        .then_some(next + 1)
}

/// The end of a known surname right after `end` (one space between).
fn third_surname(text: &str, end: usize) -> Option<usize> {
    if text.as_bytes().get(end) != Some(&b' ') {
        return None;
    }
    let word = latin_name_word(text, end + 1)?;
    let known = surnames().get(&text[end + 1..word.end]).is_some();
    (known && !word.initial).then_some(word.end)
}

/// Nouns that make the names before them an eponym: `Hill Sachs Lesion`, `Blalock Taussig
/// shunt`, `Dandy Walker malformation`.
const EPONYM_NOUNS: &[&str] = &[
    "anastomosis",
    "anomaly",
    "classification",
    "criteria",
    "cyst",
    "deformity",
    "disease",
    "fracture",
    "lesion",
    "malformation",
    "maneuver",
    "manoeuvre",
    "operation",
    "procedure",
    "repair",
    "score",
    "shunt",
    "sign",
    "syndrome",
    "test",
    "tumor",
    "tumour",
    "view",
];

/// Whether the word after `end` (past one space) is one of [`EPONYM_NOUNS`].
fn eponym_noun_after(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    if b.get(end) != Some(&b' ') {
        return false;
    }
    let rest = &b[end + 1..];
    let len = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let word = &rest[..len];
    EPONYM_NOUNS
        .iter()
        .any(|n| n.as_bytes().eq_ignore_ascii_case(word))
}

/// Whether the word before `start` (past spaces, a colon or a comma) is a staff cue.
pub(super) fn staff_cue_before(text: &str, start: usize) -> bool {
    let b = &text.as_bytes()[..start];
    let mut end = b.len();
    while end > 0 && matches!(b[end - 1], b' ' | b':' | b',' | b'.' | b'-') {
        end -= 1;
    }
    // Initials before the name or its title (`Técnico: J.M. Aizpurua`) stand between the
    // staff word and the name.
    for _ in 0..3 {
        let initial = end >= 1
            && b[end - 1].is_ascii_uppercase()
            && b.get(end) == Some(&b'.')
            && (end == 1 || !b[end - 2].is_ascii_alphanumeric());
        if !initial {
            break;
        }
        end -= 1;
        while end > 0 && matches!(b[end - 1], b' ' | b':' | b',' | b'.' | b'-') {
            end -= 1;
        }
    }
    // A degree or title between the staff word and the name (`operator MSc Miriam Thorne`,
    // `Contributed by RN Fenella Marsh`).
    for _ in 0..2 {
        let word_start = b[..end]
            .iter()
            .rposition(|c| !c.is_ascii_alphabetic())
            .map_or(0, |i| i + 1);
        let word = &b[word_start..end];
        let credential = CREDENTIALS
            .iter()
            .any(|c| c.as_bytes().eq_ignore_ascii_case(word));
        // A credential that is a staff word itself (`Dr. med.`) is the cue.
        let cue = STAFF_CUES
            .iter()
            .any(|c| c.as_bytes().eq_ignore_ascii_case(word));
        if word.is_empty() || !credential || cue || word_start == 0 {
            break;
        }
        end = word_start;
        while end > 0 && matches!(b[end - 1], b' ' | b':' | b',' | b'.' | b'-') {
            end -= 1;
        }
    }
    // A credential's parentheses (`RT(R)(CT) Jenna Walsh`) belong to the word before them.
    for _ in 0..4 {
        if end == 0 || b[end - 1] != b')' {
            break;
        }
        match b[..end - 1].iter().rposition(|&c| c == b'(') {
            Some(open) if end - open <= 8 => end = open,
            _ => break,
        }
    }
    // `end` is at a character boundary: only ASCII bytes were stepped over.
    let before = text.get(..end).unwrap_or_default();
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(end, |(i, _)| i);
    let word = &before[word_start..];
    if word.is_ascii() {
        STAFF_CUES
            .iter()
            .any(|c| c.as_bytes().eq_ignore_ascii_case(word.as_bytes()))
    } else {
        STAFF_CUES_MARKED
            .iter()
            .any(|c| c.chars().eq(word.chars().flat_map(char::to_lowercase)))
    }
}

/// Degrees and titles written before a member of staff's name, after the word that says
/// their role.
/// Finnish `LL` (licentiate of medicine) and `EL` (specialist) too.
const CREDENTIALS: &[&str] = &[
    "bsc", "dipl", "dr", "el", "ing", "ll", "mag", "md", "med", "msc", "phd", "prof", "rn", "rt",
    "rtr",
];

/// [`STAFF_CUES`] written with letters outside ASCII, in lower case: technician in
/// Spanish, Portuguese, Hebrew, Russian, Greek; doctor and radiologist in Hebrew, Russian,
/// Arabic, Greek, Turkish, Polish.
const STAFF_CUES_MARKED: &[&str] = &[
    "técnico",
    "técnica",
    "médico",
    "médica",
    "radiólogo",
    "radióloga",
    "enfermeira",
    "ärztin",
    "röntgenassistentin",
    "teknisyen",
    "טכנאי",
    "טכנאית",
    "רופא",
    "רופאה",
    "רנטגנאי",
    "רנטגנאית",
    "лаборант",
    "рентгенлаборант",
    "врач",
    "рентгенолог",
    "техник",
    "فني",
    "الفني",
    "فنية",
    "طبيب",
    "الطبيب",
    "τεχνολόγος",
    "ιατρός",
    "ακτινολόγος",
    "opisał",
    "opisała",
    "overlæge",
    "læge",
    "överläkare",
    "läkare",
    "erikoislääkäri",
    "lääkäri",
    "röntgenhoitaja",
    "sjuksköterska",
];

/// Whether a staff title follows the name at `end`: `, MD`, ` RN`.
pub(super) fn staff_title_after(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    let mut at = end;
    while matches!(b.get(at), Some(b' ' | b',')) {
        at += 1;
    }
    if at == end {
        return false;
    }
    // A role in parentheses (`Ferreira-Hunt^Oisin (registrar)`) counts as after a comma.
    let parenthesis = b.get(at) == Some(&b'(');
    if parenthesis {
        at += 1;
    }
    let rest = &b[at..];
    let comma = parenthesis || b[end..at].contains(&b',');
    // A title right after the name is written in capitals (`SMITH JOHN MD`): in lower
    // case it is a word of the sentence (Polish and Portuguese `do`, `KOWALCZYK ŁUKASZ do
    // porównania`).
    let title = STAFF_TITLES.iter().any(|t| {
        starts_with_ignore_ascii_case(rest, t.as_bytes())
            && !rest.get(t.len()).is_some_and(u8::is_ascii_alphanumeric)
            && (comma || rest[..t.len()].iter().all(u8::is_ascii_uppercase))
    });
    title
        || (comma
            && STAFF_ROLES.iter().any(|t| {
                starts_with_ignore_ascii_case(rest, t.as_bytes())
                    && !rest.get(t.len()).is_some_and(u8::is_ascii_alphanumeric)
            }))
}

/// Roles written after a name and a comma or in parentheses (`Niamh Gallagher, radiologist`,
/// `Mr McIlwraith (neurosurg)`): the name is that member of staff's.
const STAFF_ROLES: &[&str] = &[
    "anaesthetics",
    "anaesthetist",
    "anesthesiologist",
    "attending",
    "cardiology",
    "consultant",
    "ent",
    "fellow",
    "icu",
    "nephrology",
    "neurology",
    "neurosurg",
    "neurosurgery",
    "nurse",
    "oncology",
    "ortho",
    "orthopaedics",
    "physician",
    "physicist",
    "radiographer",
    "radiologist",
    "reg",
    "registrar",
    "resident",
    "sho",
    "sonographer",
    "spr",
    "surg",
    "surgery",
    "technician",
    "technologist",
    "urology",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(&str, Category)> {
        let mut out = Vec::new();
        scan_bare_names(text, 0, &mut out);
        out.iter()
            .map(|h| (&text[h.start..h.end], h.category))
            .collect()
    }

    fn patient(text: &str) -> Vec<&str> {
        names(text)
            .into_iter()
            .filter(|(_, c)| *c == Category::PatientName)
            .map(|(n, _)| n)
            .collect()
    }

    #[test]
    fn names_are_looked_up_without_their_marks_when_written_with_others() {
        // Romanian S with a cedilla where the list has the comma below and plain ASCII.
        assert!(given_names().get("Ştefan").is_some());
        assert!(given_names().get("ŞTEFAN").is_some());
        assert_eq!(without_marks("Łukasz"), Some("lukasz".to_owned()));
        assert_eq!(without_marks("Straße"), Some("strasse".to_owned()));
        assert_eq!(without_marks("Иван"), None);
        assert_eq!(
            patient("Radiografie toracică - Ştefan Popescu"),
            ["Ştefan Popescu"]
        );
    }

    #[test]
    fn a_street_named_after_a_person_is_no_name() {
        assert!(patient("Contrast given at the clinic on Ashby Road").is_empty());
        assert_eq!(patient("seen with Noreen Ashby today"), ["Noreen Ashby"]);
    }

    #[test]
    fn a_middle_name_that_is_a_common_word_is_passed_over() {
        assert_eq!(
            patient("Winifred May Oakhurst MRI LUMBAR SPINE WITHOUT CONTRAST"),
            ["Winifred May Oakhurst"]
        );
        // Not after a given name that is a common word too, nor before an imaging word.
        assert!(patient("Grace May Oakhurst").is_empty());
        assert!(patient("Winifred May MRI").is_empty());
    }

    #[test]
    fn a_family_name_in_capitals_and_an_initial_make_a_name() {
        assert_eq!(
            patient("Pacemaker / OKAFOR-BRIGHT C."),
            ["OKAFOR-BRIGHT C."]
        );
        // Not a word of imaging, nor an initial that goes on (`CT HEAD C. SPINE`).
        assert!(patient("ACQUISITION CONTRAST C.").is_empty());
        assert!(patient("OKAFOR C.SPINE").is_empty());
    }

    #[test]
    fn an_initial_before_a_family_name_makes_a_name() {
        assert_eq!(
            patient("E. Cifuentes Vallejera refiere alergia a contraste yodado"),
            ["E. Cifuentes"]
        );
        // A family name that is also a given name or a common word is not enough.
        assert!(patient("E. Grace refiere").is_empty());
        assert!(patient("S. Aureus infection").is_empty());
        // Nor an initial after another word's period (`fig. B.`, `J. R.`).
        assert!(patient("see fig. B. Cifuentes").is_empty());
        // No period, no initial: `A Cifuentes` may be an article before a word.
        assert!(patient("A Cifuentes").is_empty());
    }

    #[test]
    fn lower_case_names_in_family_comma_given_order_are_found() {
        assert_eq!(
            lowercase("name: lefèvre, hélène - contrôle annuel"),
            ["lefèvre, hélène"]
        );
        // Given first with a comma is a list, not a name.
        assert!(lowercase("hélène, lefèvre").is_empty());
    }

    fn lowercase(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        scan_lowercase_names(text, 0, &mut out);
        out.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn lower_case_names_need_two_strong_names_of_both_kinds_and_no_capital_in_the_text() {
        assert_eq!(
            lowercase("ax t1 post - kelleher siobhan"),
            ["kelleher siobhan"]
        );
        assert_eq!(
            lowercase("siobhan kelleher follow up"),
            ["siobhan kelleher"]
        );
        assert_eq!(
            lowercase("torres villanueva ramon control 6m"),
            ["villanueva ramon"]
        );
        // Common words, one name alone, imaging words, or text that uses capitals.
        for text in [
            "mark white matter",
            "siobhan follow up",
            "t2 flair brain routine",
            "Ax T1 post - kelleher siobhan",
        ] {
            assert!(lowercase(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn staff_words_of_other_languages_before_a_name_make_it_staffs() {
        assert!(staff_cue_before("Dr Lemaire, manipulatrice ", 26));
        assert!(staff_cue_before("MTRA ", 5));
        assert!(!staff_cue_before("Patientin ", 10));
    }

    #[test]
    fn a_patronymic_name_is_a_name_without_a_cue() {
        assert_eq!(
            patient("History from Yusuf ibn Khalid al-Rashidi regarding surgery."),
            ["Yusuf ibn Khalid al-Rashidi"]
        );
        assert_eq!(
            patient("Seen with Ahmad bin Ismail today"),
            ["Ahmad bin Ismail"]
        );
        assert!(patient("Data bin Size 512, Histogram bin Width 4").is_empty());
    }

    #[test]
    fn a_double_given_name_after_a_surname_is_a_name() {
        assert_eq!(
            patient("XR CHEST - DUBOIS MARIE-CLAIRE"),
            ["DUBOIS MARIE-CLAIRE"]
        );
        assert_eq!(patient("Dubois Marie-Claire"), ["Dubois Marie-Claire"]);
        assert!(
            patient("DUBOIS MARIE").is_empty(),
            "a weak given name that is also a surname"
        );
    }

    #[test]
    fn lexicon_lists_parse_sorted_with_strengths() {
        assert!(given_names().names.len() > 10_000);
        assert!(surnames().names.len() > 10_000);
        assert_eq!(given_names().get("Noreen"), Some(Strength::Strong));
        assert_eq!(given_names().get("MARK"), Some(Strength::Weak));
        assert_eq!(surnames().get("gallagher"), Some(Strength::Strong));
        // Dropped by the generator: a word of radiology, a vendor's product, a placeholder.
        assert_eq!(given_names().get("Brain"), None);
        assert_eq!(given_names().get("Signa"), None);
        assert_eq!(given_names().get("Anonymous"), None);
    }

    #[test]
    fn finds_names_in_the_orders_people_write_them() {
        assert_eq!(
            patient("seen with Noreen Gallagher today"),
            ["Noreen Gallagher"]
        );
        assert_eq!(
            patient("Gallagher, Noreen - fasting"),
            ["Gallagher, Noreen"]
        );
        assert_eq!(patient("LIST: GALLAGHER NOREEN 4B"), ["GALLAGHER NOREEN"]);
        assert_eq!(patient("John A. Smith called"), ["John A. Smith"]);
        // Given name and SURNAME, as French and German lists write them.
        assert_eq!(patient("vu avec Noreen GALLAGHER"), ["Noreen GALLAGHER"]);
        assert_eq!(patient("GALLAGHER Noreen, 2e visite"), ["GALLAGHER Noreen"]);
        assert_eq!(patient("Anna Maria Rossi, 3rd visit"), ["Anna Maria Rossi"]);
        // Two weak names, both written as names.
        assert_eq!(patient("John Smith called back"), ["John Smith"]);
        // A strong given name beside a surname the lists do not know.
        assert_eq!(
            patient("Noreen Wrenfield-Ashby"),
            ["Noreen Wrenfield-Ashby"]
        );
        assert_eq!(patient("Darnell Whitaker-Boyd"), ["Darnell Whitaker-Boyd"]);
        assert_eq!(patient("GREENHALGH, BARRY"), ["GREENHALGH, BARRY"]);
        assert_eq!(patient("Szabó Réka"), ["Szabó Réka"]);
    }

    #[test]
    fn particles_between_a_given_name_and_a_family_name_are_part_of_the_name() {
        assert_eq!(
            patient("Report for Aoife Ní Bhriain: no acute abnormality."),
            ["Aoife Ní Bhriain"]
        );
        assert_eq!(
            patient("seen with Noreen van der Berg today"),
            ["Noreen van der Berg"]
        );
    }

    #[test]
    fn reporting_doctors_planners_and_technicians_of_more_languages_are_staff() {
        for (text, name) in [
            ("Refertato dalla Dott.ssa Chiara Rossi", "Chiara Rossi"),
            ("Contouring by dosimetrist Pieter Jansen", "Pieter Jansen"),
            ("Técnico: Diego Castellanos", "Diego Castellanos"),
            ("Opis: lek. Tomasz Kowalczyk", "Tomasz Kowalczyk"),
        ] {
            assert_eq!(names(text), [(name, Category::StaffName)], "{text:?}");
        }
        // The same names without the staff word are the patient's.
        assert_eq!(
            names("kontrola Tomasz Kowalczyk"),
            [("Tomasz Kowalczyk", Category::PatientName)]
        );
    }

    #[test]
    fn staff_context_makes_a_staff_name() {
        assert_eq!(
            names("Read by Noreen Gallagher"),
            [("Noreen Gallagher", Category::StaffName)]
        );
        assert_eq!(
            names("Noreen Gallagher, MD"),
            [("Noreen Gallagher", Category::StaffName)]
        );
        assert_eq!(
            names("Tech: Noreen Gallagher"),
            [("Noreen Gallagher", Category::StaffName)]
        );
        // A credential with its parentheses, as registries write them.
        assert_eq!(
            names("CT ABDOMEN DZIEDZIC ANNA"),
            [("DZIEDZIC ANNA", Category::PatientName)]
        );
        assert!(names("Dziedzic Anna").is_empty());
        assert_eq!(
            names("AX T2 FS Lindeberg_Oskar"),
            [("Lindeberg_Oskar", Category::PatientName)]
        );
        assert_eq!(
            names("Noreen_Gallagher_t1"),
            [("Noreen_Gallagher", Category::PatientName)]
        );
        assert_eq!(
            names("Performed by RT(R)(CT) Noreen Gallagher"),
            [("Noreen Gallagher", Category::StaffName)]
        );
        assert_eq!(
            names("scan: Noreen Gallagher"),
            [("Noreen Gallagher", Category::PatientName)]
        );
    }

    #[test]
    fn common_words_and_protocol_text_are_not_names() {
        for text in [
            "Max Intensity Projection",
            "Grace Period",
            "Mark Position",
            "Will Repeat Scan",
            "Gray White Matter",
            "Brain Routine Contrast",
            "Head Neck Angio",
            "Signa Premier",
            "Repeat due to motion",
            "Contrast: Omnipaque 350, 80 ml",
            "Chest Pain Protocol",
            "Noreen",
            "Gallagher",
            "MARK LEFT SIDE",
            "Pt For Fontan Assessment, Glenn Shunt Patency",
            "Hill Sachs Lesion",
            "Dandy Walker malformation",
            "Patient Post Whipple Procedure",
        ] {
            assert_eq!(names(text), [], "{text}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "A",
            "A ",
            "Ab, ",
            "Émilie",
            "Ł",
            "ÉÉ ÉÉ",
            "Noreen \u{0}",
            "x Ç",
        ] {
            let _ = names(text);
        }
        let long = "Noreen ".repeat(10_000);
        assert!(names(&long).is_empty());
    }
}

//! The run-wide look for names: a name that is a patient's name in one file, found in
//! another file's free text. The scan keeps only keyed pairs of name tokens (never a
//! name): the pairs of every patient name in memory (8 bytes each), and the pairs of
//! neighbouring capitalized words of free text spilled to a scratch file beside the
//! output, matched after the walk. The scratch file holds the words themselves only when
//! the scan reveals values, and is removed when done.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::keys::{KeyDomain, Keyer};
use crate::phi::category::{Category, Detector, Subject, ValueState};
use crate::phi::{Finding, TextElement, TextPair};
use crate::reader::{Tag, Vr};

/// Bytes of the fixed part of one spilled record: file id, pair key, tag, VR, length of
/// the attribute path and length of the words (zero unless values are revealed) that
/// follow.
const RECORD: usize = 8 + 8 + 4 + 2 + 2 + 2;

/// State kept by the writer thread during a scan.
pub struct NameLook {
    names: HashSet<u64>,
    spill: Option<BufWriter<File>>,
    spill_path: PathBuf,
    spilled: u64,
}

impl NameLook {
    /// A look whose scratch file lives at `spill_path` (removed when done).
    pub fn new(spill_path: PathBuf) -> NameLook {
        NameLook {
            names: HashSet::new(),
            spill: None,
            spill_path,
            spilled: 0,
        }
    }

    /// Records one file's name pairs and free-text pairs, each with the element (tag, VR,
    /// attribute path and, when values are revealed, text) it came from.
    pub fn add(
        &mut self,
        file_id: u64,
        name_pairs: &[u64],
        text_pairs: &[TextPair],
        text_elements: &[TextElement],
    ) -> io::Result<()> {
        self.names.extend(name_pairs.iter().copied());
        if text_pairs.is_empty() {
            return Ok(());
        }
        if self.spill.is_none() {
            self.spill = Some(BufWriter::new(File::create(&self.spill_path)?));
        }
        let Some(w) = self.spill.as_mut() else {
            return Ok(());
        };
        let cut = |b: &[u8]| b.len().min(usize::from(u16::MAX));
        for pair in text_pairs {
            let Some(e) = text_elements.get(usize::from(pair.element)) else {
                continue;
            };
            // Paths are a few sequence levels deep, two words of text are short: one beyond
            // u16 is cut, not lost.
            let path = &e.path.as_bytes()[..cut(e.path.as_bytes())];
            let (start, end) = (pair.span.0 as usize, pair.span.1 as usize);
            let words = e
                .text
                .as_deref()
                .and_then(|t| t.get(start..end))
                .unwrap_or("")
                .as_bytes();
            let words = &words[..cut(words)];
            w.write_all(&file_id.to_le_bytes())?;
            w.write_all(&pair.key.to_le_bytes())?;
            w.write_all(&e.tag.0.to_le_bytes())?;
            w.write_all(&e.vr.code())?;
            w.write_all(&(path.len() as u16).to_le_bytes())?;
            w.write_all(&(words.len() as u16).to_le_bytes())?;
            w.write_all(path)?;
            w.write_all(words)?;
            self.spilled += 1;
        }
        Ok(())
    }

    /// After the walk: the files whose free text holds another file's patient name, with
    /// one finding per element. Its value key is the keyed pair of words (the same words
    /// give the same key in every file); its value, with `--reveal`, the two words.
    pub fn finish(mut self, keyer: &Keyer) -> io::Result<HashMap<u64, Vec<Finding>>> {
        let mut found: HashMap<u64, Vec<Finding>> = HashMap::new();
        let Some(w) = self.spill.take() else {
            return Ok(found);
        };
        drop(w.into_inner().map_err(|e| e.into_error())?);
        let result = self.match_spill(keyer, &mut found);
        let _ = std::fs::remove_file(&self.spill_path);
        result.map(|()| found)
    }

    fn match_spill(&self, keyer: &Keyer, found: &mut HashMap<u64, Vec<Finding>>) -> io::Result<()> {
        if self.names.is_empty() {
            return Ok(());
        }
        let mut r = BufReader::new(File::open(&self.spill_path)?);
        let mut rec = [0u8; RECORD];
        let (mut path, mut words) = (Vec::new(), Vec::new());
        for _ in 0..self.spilled {
            r.read_exact(&mut rec)?;
            let u16_at = |at: usize| u16::from_le_bytes([rec[at], rec[at + 1]]);
            let file_id = u64::from_le_bytes(rec[0..8].try_into().expect("8 bytes"));
            let pair = u64::from_le_bytes(rec[8..16].try_into().expect("8 bytes"));
            let tag = Tag(u32::from_le_bytes(rec[16..20].try_into().expect("4 bytes")));
            let vr = Vr::from_bytes([rec[20], rec[21]]).unwrap_or(Vr::UN);
            path.resize(usize::from(u16_at(22)), 0);
            words.resize(usize::from(u16_at(24)), 0);
            r.read_exact(&mut path)?;
            r.read_exact(&mut words)?;
            if !self.names.contains(&pair) {
                continue;
            }
            let path = String::from_utf8_lossy(&path);
            let list = found.entry(file_id).or_default();
            if list.iter().any(|f| f.path == path) {
                continue;
            }
            let mut f = cross_file_finding(tag, vr, path.into_owned());
            let mut label = Category::PatientName.as_str().as_bytes().to_vec();
            label.extend_from_slice(b"\0pair\0");
            label.extend_from_slice(&pair.to_le_bytes());
            f.value_key = Some(keyer.key(KeyDomain::Value, &label));
            if !words.is_empty() {
                f.value = Some(String::from_utf8_lossy(&words).into_owned());
            }
            list.push(f);
        }
        Ok(())
    }

    /// Where the scratch file is.
    pub fn spill_path(&self) -> &Path {
        &self.spill_path
    }
}

fn cross_file_finding(tag: Tag, vr: Vr, path: String) -> Finding {
    Finding {
        path,
        tag,
        keyword: crate::phi::rule_of(tag).map_or("", |r| r.keyword),
        vr,
        category: Category::PatientName,
        detector: Detector::NameMatch,
        kind: "cross_file_name",
        state: ValueState::RealLooking,
        confidence: 0.7,
        shape: "name_pair".into(),
        value_key: None,
        hipaa: Some('A'),
        subject: Subject::Patient,
        direct: true,
        private_creator: None,
        safe_private: false,
        value: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_known_as_a_name_is_found_in_other_files_text_only() {
        let dir = std::env::temp_dir().join(format!("dicomleak-namelook-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let mut look = NameLook::new(dir.join("pairs.tmp"));
        let element = |tag: Tag, vr: Vr, path: &str, text: Option<&str>| TextElement {
            tag,
            vr,
            path: path.to_owned(),
            text: text.map(str::to_owned),
        };
        let pair = |key: u64, element: u16, span: (u32, u32)| TextPair { key, element, span };
        let elements = [
            element(Tag::new(0x0020, 0x4000), Vr::LT, "(0020,4000)", None),
            element(
                Tag::new(0x0040, 0xA160),
                Vr::UT,
                "(0040,A730)[0]/(0040,A160)",
                Some("seen by Hallgrim Osterdal today"),
            ),
        ];
        look.add(0, &[42], &[], &[]).expect("add");
        look.add(
            1,
            &[],
            &[
                pair(42, 0, (0, 4)),
                pair(7, 0, (0, 4)),
                pair(42, 1, (8, 25)),
            ],
            &elements,
        )
        .expect("add");
        look.add(2, &[], &[pair(8, 0, (0, 4))], &elements)
            .expect("add");
        let keyer = Keyer::new(&crate::keys::Secret::from_bytes(vec![5; 32]).expect("32 bytes"));
        let found = look.finish(&keyer).expect("finish");
        assert_eq!(found.len(), 1);
        let f = &found[&1];
        assert!(f.iter().all(|f| f.kind == "cross_file_name"));
        // One finding per element, at its full path, with the element's VR.
        let paths: Vec<&str> = f.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["(0020,4000)", "(0040,A730)[0]/(0040,A160)"]);
        assert_eq!((f[0].vr, f[1].vr), (Vr::LT, Vr::UT));
        // The words only where the text was kept (a revealing scan), a key always: the
        // same pair of words, the same key.
        assert_eq!(f[0].value, None);
        assert_eq!(f[1].value.as_deref(), Some("Hallgrim Osterdal"));
        assert!(f[0].value_key.as_ref().is_some_and(|k| k.len() == 32));
        assert_eq!(f[0].value_key, f[1].value_key);
        assert!(!dir.join("pairs.tmp").exists());
    }
}

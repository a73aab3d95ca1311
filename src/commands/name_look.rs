//! The run-wide look for names: a name that is a patient's name in one file, found in
//! another file's free text. The scan keeps only keyed pairs of name tokens (never a
//! name): the pairs of every patient name in memory (8 bytes each), and the pairs of
//! neighbouring capitalized words of free text spilled to a scratch file beside the
//! output, matched after the walk.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::phi::Finding;
use crate::phi::category::{Category, Detector, Subject, ValueState};
use crate::reader::{Tag, Vr};

/// Bytes of the fixed part of one spilled record: file id, pair key, tag, length of the
/// attribute path that follows.
const RECORD: usize = 8 + 8 + 4 + 2;

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

    /// Records one file's name pairs and free-text pairs, each with the index in
    /// `text_elements` of the element (tag and attribute path) it came from.
    pub fn add(
        &mut self,
        file_id: u64,
        name_pairs: &[u64],
        text_pairs: &[(u64, u16)],
        text_elements: &[(Tag, String)],
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
        for (pair, element) in text_pairs {
            let Some((tag, path)) = text_elements.get(usize::from(*element)) else {
                continue;
            };
            // Paths are a few sequence levels deep; one beyond u16 is cut, not lost.
            let path = &path.as_bytes()[..path.len().min(usize::from(u16::MAX))];
            w.write_all(&file_id.to_le_bytes())?;
            w.write_all(&pair.to_le_bytes())?;
            w.write_all(&tag.0.to_le_bytes())?;
            w.write_all(&(path.len() as u16).to_le_bytes())?;
            w.write_all(path)?;
            self.spilled += 1;
        }
        Ok(())
    }

    /// After the walk: the files whose free text holds another file's patient name, with
    /// one finding per element.
    pub fn finish(mut self) -> io::Result<HashMap<u64, Vec<Finding>>> {
        let mut found: HashMap<u64, Vec<Finding>> = HashMap::new();
        let Some(w) = self.spill.take() else {
            return Ok(found);
        };
        drop(w.into_inner().map_err(|e| e.into_error())?);
        let result = self.match_spill(&mut found);
        let _ = std::fs::remove_file(&self.spill_path);
        result.map(|()| found)
    }

    fn match_spill(&self, found: &mut HashMap<u64, Vec<Finding>>) -> io::Result<()> {
        if self.names.is_empty() {
            return Ok(());
        }
        let mut r = BufReader::new(File::open(&self.spill_path)?);
        let mut rec = [0u8; RECORD];
        let mut path = Vec::new();
        for _ in 0..self.spilled {
            r.read_exact(&mut rec)?;
            let file_id = u64::from_le_bytes(rec[0..8].try_into().expect("8 bytes"));
            let pair = u64::from_le_bytes(rec[8..16].try_into().expect("8 bytes"));
            let tag = Tag(u32::from_le_bytes(rec[16..20].try_into().expect("4 bytes")));
            let path_len = u16::from_le_bytes(rec[20..22].try_into().expect("2 bytes"));
            path.resize(usize::from(path_len), 0);
            r.read_exact(&mut path)?;
            if !self.names.contains(&pair) {
                continue;
            }
            let path = String::from_utf8_lossy(&path);
            let list = found.entry(file_id).or_default();
            if !list.iter().any(|f| f.path == path) {
                list.push(cross_file_finding(tag, path.into_owned()));
            }
        }
        Ok(())
    }

    /// Where the scratch file is.
    pub fn spill_path(&self) -> &Path {
        &self.spill_path
    }
}

fn cross_file_finding(tag: Tag, path: String) -> Finding {
    Finding {
        path,
        tag,
        keyword: crate::phi::rule_of(tag).map_or("", |r| r.keyword),
        vr: Vr::UN,
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
        let text = Tag::new(0x0020, 0x4000);
        let nested = (
            Tag::new(0x0040, 0xA160),
            "(0040,A730)[0]/(0040,A160)".to_owned(),
        );
        let elements = [(text, "(0020,4000)".to_owned()), nested];
        look.add(0, &[42], &[], &[]).expect("add");
        look.add(1, &[], &[(42, 0), (7, 0), (42, 1)], &elements)
            .expect("add");
        look.add(2, &[], &[(8, 0)], &elements).expect("add");
        let found = look.finish().expect("finish");
        assert_eq!(found.len(), 1);
        assert_eq!(found[&1][0].kind, "cross_file_name");
        // One finding per element, at its full path.
        let paths: Vec<&str> = found[&1].iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["(0020,4000)", "(0040,A730)[0]/(0040,A160)"]);
        assert!(!dir.join("pairs.tmp").exists());
    }
}

//! Keyed pseudonyms: stable, secret-keyed stand-ins for identifiers, so that outputs can
//! count distinct studies, patients and people, and join files of one patient across scans,
//! without holding a single identifier in clear.
//!
//! A pseudonym is HMAC-SHA256 (RFC 2104) of a normalized value under a secret the operator
//! keeps, cut to 128 bits and written as 32 lower-case hex digits. A plain hash would not
//! do: identifiers such as Patient IDs or birth dates come from small spaces, and anyone
//! could hash every candidate and reverse the outputs. With a key, only its holder can.
//!
//! Every value is keyed together with its [`KeyDomain`] (`label || 0x00 || value`), so the
//! same string used as a Study Instance UID and as a Patient ID gets two unrelated keys and
//! no output column can be joined with another by accident.
//!
//! The normalizers ([`normalize_uid`], [`normalize_patient_id`], [`normalize_person`]) decide
//! which spellings count as the same identifier; they drop the padding and spacing that
//! differ between writers (PS3.5 6.2) and nothing else.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use siphasher::sip::SipHasher24;

use crate::reader::PersonName;

/// Fewest secret bytes accepted: 128 bits, the strength of the truncated output.
pub const MIN_SECRET_LEN: usize = 16;

/// Bytes of a generated secret: 256 bits, SHA-256's block strength.
pub const GENERATED_SECRET_LEN: usize = 32;

/// Most bytes read from a key file. HMAC hashes longer keys down anyway (RFC 2104 2); the
/// cap keeps a wrong path such as `/dev/zero` from being read forever.
pub const MAX_SECRET_LEN: usize = 64 << 10;

/// Bytes of HMAC output kept in a pseudonym (128 bits: collisions need about 2^64 values).
const KEY_BYTES: usize = 16;

/// What went wrong with a secret.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The key file could not be opened or read.
    #[error("cannot read key file {path}: {source}")]
    Read {
        /// The key file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: io::Error,
    },
    /// The key file holds fewer than [`MIN_SECRET_LEN`] bytes.
    #[error(
        "key file {path} holds {len} bytes; a key needs at least {MIN_SECRET_LEN} bytes \
         (generate one with 32 random bytes)"
    )]
    FileTooShort {
        /// The key file.
        path: PathBuf,
        /// Bytes it holds.
        len: usize,
    },
    /// The key file holds more than [`MAX_SECRET_LEN`] bytes.
    #[error("key file {path} holds more than {MAX_SECRET_LEN} bytes; is it the right file?")]
    FileTooLong {
        /// The key file.
        path: PathBuf,
    },
    /// Secret bytes given in memory are fewer than [`MIN_SECRET_LEN`].
    #[error("a key of {len} bytes is too short; a key needs at least {MIN_SECRET_LEN} bytes")]
    TooShort {
        /// Bytes given.
        len: usize,
    },
    /// A new key file would replace an existing one.
    #[error("key file {path} already exists; refusing to overwrite a key")]
    Exists {
        /// The key file.
        path: PathBuf,
    },
    /// A new key file could not be created or written.
    #[error("cannot write key file {path}: {source}")]
    Write {
        /// The key file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: io::Error,
    },
    /// The operating system's random source failed.
    #[error("cannot get random bytes from the operating system: {0}")]
    Random(getrandom::Error),
}

/// The secret key of the pseudonyms. At least [`MIN_SECRET_LEN`] bytes; its `Debug` shows
/// only the length, so it never reaches a log.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret {
    bytes: Box<[u8]>,
}

impl Secret {
    /// Takes secret bytes held in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Secret, KeyError> {
        if bytes.len() < MIN_SECRET_LEN {
            return Err(KeyError::TooShort { len: bytes.len() });
        }
        Ok(Secret {
            bytes: bytes.into_boxed_slice(),
        })
    }

    /// Reads a key file. Every byte of the file is the key, a trailing newline included:
    /// a key file written by an editor or `echo` keys differently from the same text
    /// without the newline, so keep key files as written and never retype them.
    pub fn from_file(path: &Path) -> Result<Secret, KeyError> {
        let read_error = |source| KeyError::Read {
            path: path.to_owned(),
            source,
        };
        let file = File::open(path).map_err(read_error)?;
        let mut bytes = Vec::new();
        file.take(MAX_SECRET_LEN as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
        if bytes.len() > MAX_SECRET_LEN {
            return Err(KeyError::FileTooLong {
                path: path.to_owned(),
            });
        }
        if bytes.len() < MIN_SECRET_LEN {
            return Err(KeyError::FileTooShort {
                path: path.to_owned(),
                len: bytes.len(),
            });
        }
        Secret::from_bytes(bytes)
    }

    /// A new secret of [`GENERATED_SECRET_LEN`] bytes from the operating system's random
    /// source, or the error of that source.
    pub fn try_generate() -> Result<Secret, KeyError> {
        let mut bytes = vec![0u8; GENERATED_SECRET_LEN];
        getrandom::fill(&mut bytes).map_err(KeyError::Random)?;
        Secret::from_bytes(bytes)
    }

    /// A new secret of [`GENERATED_SECRET_LEN`] bytes from the operating system's random
    /// source.
    ///
    /// # Panics
    /// When the operating system has no working random source, which no supported system
    /// lacks; use [`Secret::try_generate`] to get the error instead.
    pub fn generate() -> Secret {
        Secret::try_generate().expect("the operating system's random source works")
    }

    /// Writes the raw secret bytes to a new file readable by its owner only (mode 0600 on
    /// Unix). An existing file is never overwritten: replacing a key would silently make
    /// every earlier pseudonym unmatchable.
    pub fn write_new(&self, path: &Path) -> Result<(), KeyError> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // Set at creation, so the key is never readable by others, not even briefly.
            options.mode(0o600);
        }
        let write_error = |source| KeyError::Write {
            path: path.to_owned(),
            source,
        };
        let mut file = options.open(path).map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                KeyError::Exists {
                    path: path.to_owned(),
                }
            } else {
                write_error(e)
            }
        })?;
        file.write_all(&self.bytes).map_err(write_error)?;
        file.sync_all().map_err(write_error)
    }

    /// Number of secret bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Always false: a secret has at least [`MIN_SECRET_LEN`] bytes.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({} bytes, hidden)", self.bytes.len())
    }
}

/// What kind of identifier a pseudonym stands for. Each kind is keyed under its own label,
/// so equal values of different kinds never get the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyDomain {
    /// Study Instance UID (0020,000D).
    Study,
    /// Series Instance UID (0020,000E).
    Series,
    /// SOP Instance UID (0008,0018).
    Instance,
    /// Issuer of Patient ID (0010,0021) with Patient ID (0010,0020).
    Patient,
    /// A person: normalized name with birth date.
    Person,
    /// Any other value (for findings).
    Value,
    /// One token of a patient's name (upper-cased), for finding a name known from one
    /// file in another file's free text without keeping the name.
    NameToken,
}

impl KeyDomain {
    /// The label keyed before the value. Part of the key derivation: changing one changes
    /// every pseudonym of that kind.
    pub fn label(self) -> &'static str {
        match self {
            KeyDomain::Study => "study",
            KeyDomain::Series => "series",
            KeyDomain::Instance => "instance",
            KeyDomain::Patient => "patient",
            KeyDomain::Person => "person",
            KeyDomain::Value => "value",
            KeyDomain::NameToken => "name-token",
        }
    }
}

/// Makes pseudonyms under one secret. Cheap to share across threads by reference; each
/// call clones a precomputed HMAC state instead of hashing the key again.
#[derive(Clone)]
pub struct Keyer {
    /// Tells this keyer's entries apart in the per-thread cache (clones share it: same
    /// secret, same pseudonyms).
    id: u64,
    /// HMAC state with the key already absorbed (RFC 2104: the inner and outer pads).
    keyed: Hmac<Sha256>,
    /// SipHash-2-4 keys for [`Keyer::token`], derived from the secret.
    token_keys: (u64, u64),
}

impl Keyer {
    /// A keyer for this secret.
    pub fn new(secret: &Secret) -> Keyer {
        let keyed = <Hmac<Sha256> as KeyInit>::new_from_slice(&secret.bytes)
            .expect("HMAC accepts keys of any length");
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        let mut keyer = Keyer {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            keyed,
            token_keys: (0, 0),
        };
        // The token subkey is a pseudonym of a fixed label: only the secret's holder can
        // make it, and it is unrelated to every pseudonym written out.
        let sub = keyer.key_bytes(KeyDomain::NameToken, b"siphash-2-4 subkey");
        let (k0, k1) = sub.split_at(8);
        keyer.token_keys = (
            u64::from_le_bytes(k0.try_into().unwrap_or_default()),
            u64::from_le_bytes(k1.try_into().unwrap_or_default()),
        );
        keyer
    }

    /// What tells this keyer's pseudonyms apart from another secret's in a per-thread
    /// cache (clones share it).
    pub(crate) fn cache_id(&self) -> u64 {
        self.id
    }

    /// A 64-bit keyed token of a short value (SipHash-2-4 under a 128-bit subkey of the
    /// secret), for values that never leave the run: the name tokens of the run-wide name
    /// look, held in memory and in a scratch file deleted at the end. SipHash is a keyed
    /// pseudorandom function made for short inputs, about 20 times cheaper here than
    /// HMAC-SHA256, which matters at dozens of words a file; pseudonyms written to outputs
    /// stay HMAC-SHA256 ([`Keyer::key`]).
    pub fn token(&self, value: &[u8]) -> u64 {
        use std::hash::Hasher as _;
        let mut h = SipHasher24::new_with_keys(self.token_keys.0, self.token_keys.1);
        h.write(value);
        h.finish()
    }

    /// The pseudonym of a value: lower-case hex of the first 16 bytes of
    /// HMAC-SHA256(secret, label || 0x00 || value).
    pub fn key(&self, domain: KeyDomain, value: &[u8]) -> String {
        hex(&self.key_bytes(domain, value))
    }

    /// The pseudonym of a value as raw bytes (what [`Keyer::key`] writes in hex).
    ///
    /// Files of one study repeat its UIDs, the patient's name, ID and birth date, the
    /// institution: each thread keeps the pseudonyms it made lately ([`CACHE_ENTRIES`] at
    /// most) and makes each only once. Instance UIDs are unique to a file and skip it.
    pub fn key_bytes(&self, domain: KeyDomain, value: &[u8]) -> [u8; KEY_BYTES] {
        if domain == KeyDomain::Instance || value.len() > CACHE_MAX_VALUE {
            return self.hmac(domain, value);
        }
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            let KeyCache { lookup, entries } = &mut *cache;
            lookup.clear();
            lookup.extend_from_slice(&self.id.to_le_bytes());
            lookup.push(domain as u8);
            lookup.extend_from_slice(value);
            if let Some(k) = entries.get(lookup.as_slice()) {
                return *k;
            }
            let k = self.hmac(domain, value);
            if entries.len() >= CACHE_ENTRIES {
                entries.clear();
            }
            entries.insert(lookup.clone(), k);
            k
        })
    }

    /// HMAC-SHA256(secret, label || 0x00 || value), cut to [`KEY_BYTES`].
    fn hmac(&self, domain: KeyDomain, value: &[u8]) -> [u8; KEY_BYTES] {
        let mut mac = self.keyed.clone();
        mac.update(domain.label().as_bytes());
        // The separator keeps label and value apart: no label is a prefix of another plus
        // a NUL, so ("study", "x") and ("studyx", "") cannot meet.
        mac.update(&[0]);
        mac.update(value);
        let full = mac.finalize().into_bytes();
        let mut out = [0u8; KEY_BYTES];
        out.copy_from_slice(&full[..KEY_BYTES]);
        out
    }
}

/// Pseudonyms a thread keeps: enough for the distinct values of a few studies.
const CACHE_ENTRIES: usize = 4096;

/// Longer values (free text) are keyed without the cache.
const CACHE_MAX_VALUE: usize = 256;

/// A thread's recent pseudonyms, by keyer, domain and value.
#[derive(Default)]
struct KeyCache {
    /// The entry looked up, built in place to spare an allocation.
    lookup: Vec<u8>,
    entries: HashMap<Vec<u8>, [u8; KEY_BYTES]>,
}

thread_local! {
    static CACHE: RefCell<KeyCache> = RefCell::new(KeyCache::default());
}

impl fmt::Debug for Keyer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Keyer { .. }")
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0F)]));
    }
    s
}

/// Padding and spacing that writers add and readers ignore: spaces (PS3.5 6.2), the NUL
/// that pads UIDs (PS3.5 9.1), and other whitespace some writers leave.
fn is_padding(c: char) -> bool {
    c == '\0' || c.is_whitespace()
}

/// A UID without the spaces and NULs around it; `None` when nothing is left.
pub fn normalize_uid(uid: &str) -> Option<&str> {
    let t = uid.trim_matches(is_padding);
    (!t.is_empty()).then_some(t)
}

/// The bytes keyed for a patient: `issuer 0x00 id`, both trimmed, the issuer empty when
/// absent. A Patient ID is unique only within its issuer (PS3.3 C.7.1.1), so the issuer is
/// part of the identity. `None` when the ID is empty.
pub fn normalize_patient_id(issuer: Option<&str>, id: &str) -> Option<Vec<u8>> {
    let id = id.trim_matches(is_padding);
    if id.is_empty() {
        return None;
    }
    let issuer = issuer.map_or("", |i| i.trim_matches(is_padding));
    let mut out = Vec::with_capacity(issuer.len() + 1 + id.len());
    out.extend_from_slice(issuer.as_bytes());
    out.push(0);
    out.extend_from_slice(id.as_bytes());
    Some(out)
}

/// The bytes keyed for a person: the name, then `0x00`, then the birth date as 8 digits
/// (empty when absent or not a date).
///
/// The name is its alphabetic group (PS3.5 6.2.1.1), or the first non-empty of the
/// ideographic and phonetic groups when the alphabetic one is empty, upper-cased, each
/// component's inner whitespace collapsed to one space, components joined with `^`, and
/// trailing empty components dropped: `Doe^Jane`, `DOE^JANE^^^` and `doe ^ jane` are one
/// person. `None` when the name holds nothing but separators and spaces.
pub fn normalize_person(name: &PersonName, birth_date: Option<&str>) -> Option<Vec<u8>> {
    let mut out = name
        .groups()
        .iter()
        .map(|g| normalize_name_group(g))
        .find(|g| !g.is_empty())?
        .into_bytes();
    out.push(0);
    if let Some(date) = birth_date.and_then(normalize_date) {
        out.extend_from_slice(&date);
    }
    Some(out)
}

/// The other groups of a name, each normalized alone with the birth date, in the form
/// [`normalize_person`] gives a name that has only that group: so a file that wrote only
/// the ideographic group (`=山田^太郎`) meets a file that wrote all three.
pub fn normalize_person_alternates(name: &PersonName, birth_date: Option<&str>) -> Vec<Vec<u8>> {
    let groups: Vec<String> = name
        .groups()
        .iter()
        .map(|g| normalize_name_group(g))
        .collect();
    let Some(primary) = groups.iter().position(|g| !g.is_empty()) else {
        return Vec::new();
    };
    let date = birth_date.and_then(normalize_date);
    let mut out: Vec<Vec<u8>> = Vec::new();
    for g in groups.iter().skip(primary + 1).filter(|g| !g.is_empty()) {
        let mut v = g.clone().into_bytes();
        v.push(0);
        if let Some(d) = &date {
            v.extend_from_slice(d);
        }
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// One PN group, normalized as [`normalize_person`] describes; empty when it names nobody.
fn normalize_name_group(group: &str) -> String {
    let mut out = String::with_capacity(group.len());
    for (i, component) in group.split('^').enumerate() {
        if i > 0 {
            out.push('^');
        }
        let words = component.split(is_padding).filter(|w| !w.is_empty());
        for (j, word) in words.enumerate() {
            if j > 0 {
                out.push(' ');
            }
            push_upper(&mut out, word);
        }
    }
    // Components hold no `^`, so only trailing empty components end in `^`.
    let kept = out.trim_end_matches('^').len();
    out.truncate(kept);
    out
}

fn push_upper(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.extend(s.chars().map(|c| c.to_ascii_uppercase()));
    } else {
        out.extend(s.chars().flat_map(char::to_uppercase));
    }
}

/// A DA value (PS3.5 6.2) as its 8 digits: `YYYYMMDD`, or the `YYYY.MM.DD` of ACR-NEMA
/// that PS3.5 6.2 still asks readers to accept. `None` for anything else.
fn normalize_date(date: &str) -> Option<[u8; 8]> {
    let b = date.trim_matches(is_padding).as_bytes();
    let mut out = [0u8; 8];
    match b.len() {
        8 => out.copy_from_slice(b),
        10 if b[4] == b'.' && b[7] == b'.' => {
            out[..4].copy_from_slice(&b[..4]);
            out[4..6].copy_from_slice(&b[5..7]);
            out[6..].copy_from_slice(&b[8..]);
        }
        _ => return None,
    }
    out.iter().all(u8::is_ascii_digit).then_some(out)
}

#[cfg(test)]
mod tests {

    #[test]
    fn each_other_name_group_is_an_alternate_in_the_form_of_a_name_of_only_that_group() {
        let full = PersonName::parse("Yamada^Tarou=山田^太郎=やまだ^たろう");
        let alternates = normalize_person_alternates(&full, Some("19700101"));
        assert_eq!(alternates.len(), 2);
        let ideographic_only = PersonName::parse("=山田^太郎");
        assert_eq!(
            Some(alternates[0].clone()),
            normalize_person(&ideographic_only, Some("19700101"))
        );
        assert!(normalize_person_alternates(&PersonName::parse("Doe^Jane"), None).is_empty());
    }

    use super::*;

    fn test_keyer() -> Keyer {
        Keyer::new(&Secret::from_bytes(b"0123456789abcdef".to_vec()).expect("16 bytes"))
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("dicomleak-keys-{}-{}", name, std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        dir
    }

    #[test]
    fn key_matches_an_independent_hmac_sha256() {
        // python3: hmac.new(b'0123456789abcdef', b'study\x00' + b'1.2.3',
        //                   hashlib.sha256).hexdigest()[:32]
        let k = test_keyer();
        assert_eq!(
            k.key(KeyDomain::Study, b"1.2.3"),
            "c72d7970b09ef29d3773e52db4fc06ff"
        );
        // Same tool, label "series".
        assert_eq!(
            k.key(KeyDomain::Series, b"1.2.3"),
            "ad56fba1af23b286de2826ba89310e25"
        );
    }

    #[test]
    fn cached_pseudonyms_are_the_hmac_of_their_own_keyer() {
        let a = test_keyer();
        let b = Keyer::new(&Secret::from_bytes(b"fedcba9876543210".to_vec()).expect("16"));
        for _ in 0..3 {
            // Made, then found in the cache: the same bytes as the HMAC itself, and never
            // another keyer's.
            for (k, domain) in [
                (&a, KeyDomain::Study),
                (&b, KeyDomain::Study),
                (&a, KeyDomain::Series),
            ] {
                assert_eq!(k.key_bytes(domain, b"1.2.3"), k.hmac(domain, b"1.2.3"));
            }
        }
        assert_ne!(
            a.key_bytes(KeyDomain::Study, b"1.2.3"),
            b.key_bytes(KeyDomain::Study, b"1.2.3")
        );
        // A full cache starts again rather than growing.
        for i in 0..(CACHE_ENTRIES + 10) {
            let v = i.to_string();
            assert_eq!(
                a.key_bytes(KeyDomain::Value, v.as_bytes()),
                a.hmac(KeyDomain::Value, v.as_bytes())
            );
        }
        CACHE.with(|c| assert!(c.borrow().entries.len() <= CACHE_ENTRIES));
    }

    #[test]
    fn token_is_siphash_2_4_under_a_subkey_of_the_secret() {
        // python3: sub = hmac.new(key, b'name-token\x00siphash-2-4 subkey', sha256)
        // .digest()[:16]; k0, k1 = struct.unpack('<QQ', sub); then SipHash-2-4 (Aumasson and
        // Bernstein's reference, checked against its vector for key 00..0f and the empty
        // message, 0x726fdb47dd0e0e31) of b'ZYXWER'.
        let k = test_keyer();
        assert_eq!(k.token(b"ZYXWER"), 0x56c9_6650_7d88_dd70);
        let other = Keyer::new(&Secret::from_bytes(b"fedcba9876543210".to_vec()).expect("16"));
        assert_ne!(other.token(b"ZYXWER"), k.token(b"ZYXWER"));
        assert_eq!(crate::phi::token_key(&k, "Zyxwer"), k.token(b"ZYXWER"));
        assert_eq!(
            crate::phi::token_key(&k, "Ärzt"),
            k.token("ÄRZT".as_bytes()),
            "non-ASCII words are upper-cased too"
        );
    }

    #[test]
    fn normalized_patient_and_person_match_independent_hmacs() {
        // python3: hmac.new(key, b'patient\x00ISSUER\x00ID0001', sha256) and
        //          hmac.new(key, b'person\x00DOE^JANE\x0019700101', sha256), first 32 hex.
        let k = test_keyer();
        let patient = normalize_patient_id(Some(" ISSUER "), "ID0001 \0").expect("id");
        assert_eq!(
            k.key(KeyDomain::Patient, &patient),
            "85895f61b9723c7061d91e85d6f48828"
        );
        let person =
            normalize_person(&PersonName::parse("doe^jane^^^"), Some("19700101")).expect("pn");
        assert_eq!(
            k.key(KeyDomain::Person, &person),
            "75630c532f72456fce4809fd5b12c00d"
        );
    }

    #[test]
    fn same_value_in_different_domains_gets_different_keys() {
        let k = test_keyer();
        let domains = [
            KeyDomain::Study,
            KeyDomain::Series,
            KeyDomain::Instance,
            KeyDomain::Patient,
            KeyDomain::Person,
            KeyDomain::Value,
        ];
        let keys: std::collections::HashSet<String> =
            domains.iter().map(|&d| k.key(d, b"1.2.3")).collect();
        assert_eq!(keys.len(), domains.len());
    }

    #[test]
    fn key_is_32_lower_case_hex_digits_and_depends_on_the_secret() {
        let k = test_keyer();
        let key = k.key(KeyDomain::Value, b"x");
        assert_eq!(key.len(), 32);
        assert!(
            key.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
        let other = Keyer::new(&Secret::from_bytes(b"0123456789abcdeF".to_vec()).expect("16"));
        assert_ne!(other.key(KeyDomain::Value, b"x"), key);
    }

    #[test]
    fn from_file_rejects_a_15_byte_key_and_says_the_minimum() {
        let dir = temp_dir("short");
        let path = dir.join("key");
        std::fs::write(&path, b"0123456789abcde").expect("write");
        let err = Secret::from_file(&path).expect_err("15 bytes is too short");
        assert!(matches!(err, KeyError::FileTooShort { len: 15, .. }));
        assert!(err.to_string().contains("at least 16 bytes"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn from_file_keeps_every_byte_including_a_trailing_newline() {
        let dir = temp_dir("newline");
        let path = dir.join("key");
        std::fs::write(&path, b"0123456789abcdef\n").expect("write");
        let secret = Secret::from_file(&path).expect("17 bytes");
        assert_eq!(secret.len(), 17);
        assert_ne!(
            Keyer::new(&secret).key(KeyDomain::Study, b"1.2.3"),
            test_keyer().key(KeyDomain::Study, b"1.2.3")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn from_file_of_a_missing_file_names_the_file() {
        let err = Secret::from_file(Path::new("/nonexistent/dicomleak/key")).expect_err("none");
        assert!(matches!(err, KeyError::Read { .. }));
        assert!(err.to_string().contains("/nonexistent/dicomleak/key"));
    }

    #[test]
    fn write_new_creates_an_owner_only_file_and_never_overwrites() {
        let dir = temp_dir("write");
        let path = dir.join("key");
        let secret = Secret::generate();
        assert_eq!(secret.len(), GENERATED_SECRET_LEN);
        secret.write_new(&path).expect("new file");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(Secret::from_file(&path).expect("read back"), secret);

        let other = Secret::generate();
        assert_ne!(other, secret);
        let err = other.write_new(&path).expect_err("exists");
        assert!(matches!(err, KeyError::Exists { .. }));
        assert_eq!(Secret::from_file(&path).expect("unchanged"), secret);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn debug_shows_neither_secret_nor_hmac_state() {
        let secret = Secret::from_bytes(b"SUPERSECRETVALUE".to_vec()).expect("16 bytes");
        let shown = format!("{secret:?} {:?}", Keyer::new(&secret));
        assert!(!shown.contains("SUPERSECRET"), "{shown}");
        assert!(!shown.contains("83, 85"), "{shown}"); // 'S', 'U' as numbers
        assert!(shown.contains("16 bytes"));
    }

    #[test]
    fn uid_loses_its_padding_and_empty_uid_is_none() {
        assert_eq!(normalize_uid(" 1.2.840.10008\0"), Some("1.2.840.10008"));
        assert_eq!(normalize_uid(" \0 "), None);
    }

    #[test]
    fn patient_id_needs_an_id_and_keeps_the_issuer_apart() {
        assert_eq!(normalize_patient_id(Some("HOSP"), "  "), None);
        assert_eq!(
            normalize_patient_id(None, "123").expect("id"),
            b"\x00123".to_vec()
        );
        // "A" + "B1" and "AB" + "1" must differ.
        assert_ne!(
            normalize_patient_id(Some("A"), "B1"),
            normalize_patient_id(Some("AB"), "1")
        );
    }

    #[test]
    fn person_spellings_that_differ_only_in_case_and_spacing_are_one_person() {
        let a = normalize_person(&PersonName::parse("Doe^Jane"), Some("19700101"));
        let b = normalize_person(&PersonName::parse("DOE ^  jane^^^ "), Some("19700101 "));
        let c = normalize_person(&PersonName::parse("DOE^JANE"), Some("1970.01.01"));
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a.as_deref(), Some(&b"DOE^JANE\x0019700101"[..]));
    }

    #[test]
    fn inner_empty_components_are_kept_and_trailing_ones_dropped() {
        let pn = PersonName::parse("Adams^^Quincy  Robert^^");
        assert_eq!(
            normalize_person(&pn, None).as_deref(),
            Some(&b"ADAMS^^QUINCY ROBERT\x00"[..])
        );
        let leading = PersonName::parse("^John");
        assert_eq!(
            normalize_person(&leading, None).as_deref(),
            Some(&b"^JOHN\x00"[..])
        );
    }

    #[test]
    fn person_without_a_name_is_none_and_a_bad_birth_date_is_left_out() {
        assert_eq!(
            normalize_person(&PersonName::parse("^^^^"), Some("19700101")),
            None
        );
        assert_eq!(normalize_person(&PersonName::parse(""), None), None);
        assert_eq!(
            normalize_person(&PersonName::parse("Doe"), Some("1970")).as_deref(),
            Some(&b"DOE\x00"[..])
        );
    }

    #[test]
    fn name_only_in_ideographic_group_still_names_a_person() {
        let pn = PersonName::parse("=王^小東");
        assert_eq!(
            normalize_person(&pn, None).as_deref(),
            Some("王^小東\0".as_bytes())
        );
    }
}

//! National identity numbers of many countries in free text (`CPF 207.318.644-09`,
//! `PESEL: 91072345612`, `身份证号 110105197603154426`), beyond the Saudi, US and UK ones of
//! the parent module.
//!
//! A number is found by its digits and the way they are grouped, then checked: by its check
//! digit or letter where the scheme has one, by the birth date many schemes hold. Where the
//! grouping is the scheme's own (`756.1209.3847.19`, `ddd-ddd-ddd dd`) and a check passes,
//! that is enough. Otherwise a cue word must stand before the number: the scheme's own name
//! (`PESEL`, `BSN`, `СНИЛС`, `ת.ז.`) or, for schemes whose checks turn away all but a few
//! numbers in a hundred, a general one (`ID`, `national ID`). Schemes with no check at all
//! (Pakistan's CNIC in plain digits, Argentina's DNI) need their own name.

use super::{
    Category, ID_CUES, ID_CUES_ARABIC, TextHit, alphanumeric_at, alphanumeric_before, digit_at,
    floor_boundary, has_cue, is_plausible_date, luhn_valid, push_new,
};
use crate::phi::category::ValueState;

/// The `kind` of each scheme's hits.
pub mod kinds {
    #![allow(missing_docs)]
    pub const BR_CPF: &str = "br_cpf";
    pub const IL_ID: &str = "il_id";
    pub const CH_AHV: &str = "ch_ahv";
    pub const TH_ID: &str = "th_id";
    pub const SE_PERSONNUMMER: &str = "se_personnummer";
    pub const NO_FODSELSNUMMER: &str = "no_fodselsnummer";
    pub const DK_CPR: &str = "dk_cpr";
    pub const FI_HETU: &str = "fi_hetu";
    pub const GR_AMKA: &str = "gr_amka";
    pub const CZ_RODNE_CISLO: &str = "cz_rodne_cislo";
    pub const RO_CNP: &str = "ro_cnp";
    pub const EE_LT_PERSONAL_CODE: &str = "ee_lt_personal_code";
    pub const UA_RNOKPP: &str = "ua_rnokpp";
    pub const VN_CCCD: &str = "vn_cccd";
    pub const RU_SNILS: &str = "ru_snils";
    pub const ES_DNI: &str = "es_dni";
    pub const NL_BSN: &str = "nl_bsn";
    pub const CN_RESIDENT_ID: &str = "cn_resident_id";
    pub const PL_PESEL: &str = "pl_pesel";
    pub const TR_KIMLIK: &str = "tr_kimlik";
    pub const FR_NIR: &str = "fr_nir";
    pub const KR_RRN: &str = "kr_rrn";
    pub const IN_AADHAAR: &str = "in_aadhaar";
    pub const JP_MY_NUMBER: &str = "jp_my_number";
    pub const CA_SIN: &str = "ca_sin";
    pub const BE_NATIONAL_NUMBER: &str = "be_national_number";
    pub const AE_EMIRATES_ID: &str = "ae_emirates_id";
    pub const PK_CNIC: &str = "pk_cnic";
    pub const EG_NATIONAL_ID: &str = "eg_national_id";
    pub const ZA_ID: &str = "za_id";
    pub const CL_RUT: &str = "cl_rut";
    pub const AR_DNI: &str = "ar_dni";
    pub const NG_NIN: &str = "ng_nin";
    pub const ID_NIK: &str = "id_nik";
    pub const PT_NIF: &str = "pt_nif";
    pub const AU_MEDICARE: &str = "au_medicare";
    pub const IR_NATIONAL_CODE: &str = "ir_national_code";
    pub const UK_NINO: &str = "uk_nino";
    pub const HK_ID: &str = "hk_id";
}

/// Which cue a scheme needs when its grouping alone does not do.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Its own name or a general ID cue.
    OwnOrGeneral,
    /// Its own name only.
    Own,
}

/// One national numbering scheme.
struct Scheme {
    kind: &'static str,
    /// The shapes it is written in, `d` a digit and `L` a check letter (`ddd.ddd.ddd-dd`).
    shapes: &'static [&'static str],
    /// The shapes that are the scheme's own: with a passing check, no cue is needed.
    own_shapes: &'static [&'static str],
    /// Cue words in Latin letters (lower case) and in other scripts.
    cues: &'static [&'static str],
    script_cues: &'static [&'static str],
    cue: Cue,
    /// The check of the digits (and the check letter, `0` when none).
    check: fn(&[u8], u8) -> bool,
    /// Whether a cue word may stand in for a failed check (a scheme whose check digit was
    /// dropped in later years: Korea since 2020).
    cue_without_check: bool,
}

const SCHEMES: &[Scheme] = &[
    Scheme {
        kind: kinds::BR_CPF,
        shapes: &["ddddddddddd", "ddd.ddd.ddd-dd", "ddddddddd-dd"],
        own_shapes: &["ddd.ddd.ddd-dd"],
        cues: &["cpf"],
        script_cues: &[],
        cue: Cue::OwnOrGeneral,
        check: cpf_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::CH_AHV,
        shapes: &["ddddddddddddd", "ddd.dddd.dddd.dd"],
        own_shapes: &["ddd.dddd.dddd.dd"],
        cues: &["ahv", "avs", "oasi", "sozialversicherungsnummer"],
        script_cues: &[],
        cue: Cue::OwnOrGeneral,
        check: ahv_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::TH_ID,
        shapes: &["ddddddddddddd", "d-dddd-ddddd-dd-d", "d dddd ddddd dd d"],
        own_shapes: &["d-dddd-ddddd-dd-d", "d dddd ddddd dd d"],
        cues: &["thai id"],
        script_cues: &["เลขประจำตัวประชาชน", "บัตรประชาชน", "เลขบัตร", "เลขที่บัตร"],
        cue: Cue::OwnOrGeneral,
        check: thai_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::SE_PERSONNUMMER,
        shapes: &["dddddddd-dddd", "dddddddddddd", "dddddd-dddd", "dddddddddd"],
        own_shapes: &["dddddddd-dddd", "dddddd-dddd"],
        cues: &["personnummer", "pnr", "personnr", "samordningsnummer"],
        script_cues: &[],
        cue: Cue::Own,
        check: personnummer_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::NO_FODSELSNUMMER,
        shapes: &["ddddddddddd", "dddddd ddddd"],
        own_shapes: &[],
        cues: &["fodselsnummer", "fnr", "personnummer", "d-nummer"],
        script_cues: &["fødselsnummer", "fødselsnr"],
        cue: Cue::OwnOrGeneral,
        check: fodselsnummer_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::DK_CPR,
        shapes: &["dddddd-dddd", "dddddddddd"],
        own_shapes: &[],
        cues: &["cpr", "cpr-nr", "cprnr", "personnummer"],
        script_cues: &[],
        cue: Cue::Own,
        check: cpr_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::FI_HETU,
        shapes: &["dddddd-dddL", "dddddd-dddd"],
        own_shapes: &["dddddd-dddL"],
        cues: &["hetu", "sotu", "henkilotunnus", "personbeteckning"],
        script_cues: &["henkilötunnus"],
        cue: Cue::OwnOrGeneral,
        check: hetu_valid,
        cue_without_check: false,
    },
    // The Czech and Slovak birth number (rodné číslo): the birth date as YYMMDD, the month
    // plus 50 for women (plus 20 or 70 when a day's numbers ran out, since 2004), a slash
    // and four digits, the whole divisible by 11. The slash is the scheme's own; before
    // 1954 the number had three digits after it and no check, so it needs its cue.
    Scheme {
        kind: kinds::CZ_RODNE_CISLO,
        shapes: &["dddddd/dddd", "dddddddddd", "dddddd/ddd"],
        own_shapes: &["dddddd/dddd"],
        cues: &["rc", "r.c.", "rodne cislo", "rod. c."],
        script_cues: &[
            "rodné číslo",
            "rodné č",
            "r.č.",
            "rč:",
            "rč ",
            "rod. č",
            "rodného čísla",
        ],
        cue: Cue::Own,
        check: rodne_cislo_valid,
        cue_without_check: false,
    },
    // Romania's personal numeric code (CNP): sex and century, the birth date as YYMMDD,
    // the county (01-52), three digits and a check digit.
    Scheme {
        kind: kinds::RO_CNP,
        shapes: &["ddddddddddddd"],
        own_shapes: &[],
        cues: &["cnp", "cod numeric personal"],
        script_cues: &[],
        cue: Cue::OwnOrGeneral,
        check: cnp_valid,
        cue_without_check: false,
    },
    // Estonia's isikukood and Lithuania's asmens kodas: sex and century, the birth date as
    // YYMMDD, three digits and a check digit of two rounds of weights.
    Scheme {
        kind: kinds::EE_LT_PERSONAL_CODE,
        shapes: &["ddddddddddd"],
        own_shapes: &[],
        cues: &["isikukood", "asmens kodas"],
        script_cues: &[],
        cue: Cue::OwnOrGeneral,
        check: baltic_code_valid,
        cue_without_check: false,
    },
    // Ukraine's taxpayer number (РНОКПП, formerly ІПН): the birth date as days since
    // 31 December 1899, four digits and a check digit.
    Scheme {
        kind: kinds::UA_RNOKPP,
        shapes: &["dddddddddd"],
        own_shapes: &[],
        cues: &["rnokpp", "ipn"],
        script_cues: &[
            "рнокпп",
            "іпн",
            "ідентифікаційний код",
            "ідентифікаційний номер",
        ],
        cue: Cue::Own,
        check: rnokpp_valid,
        cue_without_check: false,
    },
    // Viet Nam's citizen identity card number (CCCD): the province of birth (001-096),
    // a digit for sex and century, the year of birth and six digits. No check digit: only
    // after its own name.
    Scheme {
        kind: kinds::VN_CCCD,
        shapes: &["dddddddddddd"],
        own_shapes: &[],
        cues: &["cccd", "cmnd", "can cuoc"],
        script_cues: &["căn cước", "số định danh"],
        cue: Cue::Own,
        check: cccd_valid,
        cue_without_check: false,
    },
    // Greece's social security number (ΑΜΚΑ): the birth date as DDMMYY, four digits and a
    // Luhn check digit. Eleven digits are common, so only after its own name.
    Scheme {
        kind: kinds::GR_AMKA,
        shapes: &["ddddddddddd"],
        own_shapes: &[],
        cues: &["amka"],
        script_cues: &["ΑΜΚΑ", "Α.Μ.Κ.Α.", "αμκα"],
        cue: Cue::Own,
        check: amka_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::RU_SNILS,
        shapes: &[
            "ddddddddddd",
            "ddd-ddd-ddd dd",
            "ddd-ddd-ddd-dd",
            "ddd ddd ddd dd",
        ],
        own_shapes: &["ddd-ddd-ddd dd"],
        cues: &["snils"],
        script_cues: &["снилс"],
        cue: Cue::Own,
        check: snils_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::ES_DNI,
        shapes: &[
            "ddddddddL",
            "dddddddd-L",
            "dddddddd L",
            "XdddddddL",
            "Xddddddd-L",
        ],
        own_shapes: &[],
        cues: &["dni", "nif", "nie", "documento", "dni/nie"],
        script_cues: &[],
        cue: Cue::OwnOrGeneral,
        check: dni_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::NL_BSN,
        shapes: &["ddddddddd", "dddd.dd.ddd", "ddd.ddd.ddd"],
        own_shapes: &[],
        cues: &["bsn", "burgerservicenummer", "sofinummer", "sofi"],
        script_cues: &[],
        cue: Cue::Own,
        check: bsn_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::CN_RESIDENT_ID,
        shapes: &["dddddddddddddddddd", "dddddddddddddddddL"],
        own_shapes: &["dddddddddddddddddd", "dddddddddddddddddL"],
        cues: &["resident id"],
        script_cues: &["身份证", "身份號", "身份号", "公民身份", "居民身份"],
        cue: Cue::OwnOrGeneral,
        check: china_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::PL_PESEL,
        shapes: &["ddddddddddd"],
        own_shapes: &[],
        cues: &["pesel"],
        script_cues: &[],
        cue: Cue::OwnOrGeneral,
        check: pesel_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::TR_KIMLIK,
        shapes: &["ddddddddddd"],
        own_shapes: &[],
        cues: &["tc", "tckn", "tcno", "kimlik", "tckimlik"],
        script_cues: &[],
        cue: Cue::OwnOrGeneral,
        check: kimlik_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::FR_NIR,
        shapes: &[
            "ddddddddddddddd",
            "d dd dd dd ddd ddd dd",
            "d dd dd dd ddd ddd",
        ],
        own_shapes: &["d dd dd dd ddd ddd dd", "ddddddddddddddd"],
        cues: &[
            "nir",
            "insee",
            "secu",
            "nss",
            "carte vitale",
            "securite sociale",
        ],
        script_cues: &["sécu", "sécurité sociale", "n° ss"],
        cue: Cue::OwnOrGeneral,
        check: nir_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::KR_RRN,
        shapes: &["dddddd-ddddddd", "ddddddddddddd"],
        own_shapes: &["dddddd-ddddddd"],
        cues: &["rrn", "resident registration"],
        script_cues: &["주민등록번호", "주민번호"],
        cue: Cue::Own,
        check: rrn_valid,
        cue_without_check: true,
    },
    Scheme {
        kind: kinds::IN_AADHAAR,
        shapes: &["dddddddddddd", "dddd dddd dddd", "dddd-dddd-dddd"],
        own_shapes: &[],
        cues: &["aadhaar", "aadhar", "uidai", "uid"],
        script_cues: &["आधार"],
        cue: Cue::Own,
        check: aadhaar_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::JP_MY_NUMBER,
        shapes: &["dddddddddddd", "dddd dddd dddd", "dddd-dddd-dddd"],
        own_shapes: &[],
        cues: &["my number", "mynumber"],
        script_cues: &["マイナンバー", "個人番号"],
        cue: Cue::Own,
        check: my_number_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::CA_SIN,
        shapes: &["ddddddddd", "ddd ddd ddd", "ddd-ddd-ddd"],
        own_shapes: &[],
        cues: &["sin", "nas", "social insurance", "assurance sociale"],
        script_cues: &[],
        cue: Cue::Own,
        check: sin_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::BE_NATIONAL_NUMBER,
        shapes: &[
            "ddddddddddd",
            "dd.dd.dd-ddd.dd",
            "dddddd-ddd-dd",
            "dddddd ddd dd",
        ],
        own_shapes: &["dd.dd.dd-ddd.dd"],
        cues: &[
            "rijksregisternummer",
            "rijksregister",
            "insz",
            "niss",
            "numero national",
            "national number",
        ],
        script_cues: &["numéro national", "n° national"],
        cue: Cue::Own,
        check: belgian_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::AE_EMIRATES_ID,
        shapes: &["ddddddddddddddd", "ddd-dddd-ddddddd-d"],
        own_shapes: &["ddd-dddd-ddddddd-d"],
        cues: &["emirates id", "eid"],
        script_cues: &["الهوية الإماراتية"],
        cue: Cue::OwnOrGeneral,
        check: emirates_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::PK_CNIC,
        shapes: &["ddddd-ddddddd-d", "ddddddddddddd"],
        own_shapes: &["ddddd-ddddddd-d"],
        cues: &["cnic", "nic", "b-form"],
        script_cues: &["شناختی"],
        cue: Cue::Own,
        check: cnic_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::EG_NATIONAL_ID,
        shapes: &["dddddddddddddd"],
        own_shapes: &[],
        cues: &["national id", "national number"],
        script_cues: &["الرقم القومي", "الرقم القومى", "رقم قومي", "الرقم القومي"],
        cue: Cue::OwnOrGeneral,
        check: egypt_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::ZA_ID,
        shapes: &["ddddddddddddd", "dddddd dddd ddd"],
        own_shapes: &[],
        cues: &["identity number", "id number", "sa id", "rsa id"],
        script_cues: &[],
        cue: Cue::OwnOrGeneral,
        check: south_africa_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::CL_RUT,
        shapes: &[
            "dd.ddd.ddd-d",
            "d.ddd.ddd-d",
            "dd.ddd.ddd-L",
            "d.ddd.ddd-L",
            "dddddddd-d",
        ],
        own_shapes: &["dd.ddd.ddd-d", "d.ddd.ddd-d", "dd.ddd.ddd-L", "d.ddd.ddd-L"],
        cues: &["rut", "run"],
        script_cues: &[],
        cue: Cue::Own,
        check: rut_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::AR_DNI,
        shapes: &["dd.ddd.ddd", "d.ddd.ddd", "dddddddd", "ddddddd"],
        own_shapes: &[],
        cues: &["dni"],
        script_cues: &[],
        cue: Cue::Own,
        check: any_number,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::NG_NIN,
        shapes: &["ddddddddddd"],
        own_shapes: &[],
        cues: &["nin", "national identification number"],
        script_cues: &[],
        cue: Cue::Own,
        check: any_number,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::ID_NIK,
        shapes: &["dddddddddddddddd"],
        own_shapes: &[],
        cues: &["nik", "ktp"],
        script_cues: &[],
        cue: Cue::Own,
        check: nik_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::PT_NIF,
        shapes: &["ddddddddd", "ddd ddd ddd"],
        own_shapes: &[],
        cues: &["nif", "contribuinte"],
        script_cues: &[],
        cue: Cue::Own,
        check: nif_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::AU_MEDICARE,
        shapes: &[
            "dddd ddddd d",
            "dddddddddd",
            "dddd ddddd d d",
            "ddddddddddd",
            "dddd-ddddd-d",
        ],
        own_shapes: &[],
        cues: &["medicare"],
        script_cues: &[],
        cue: Cue::Own,
        check: medicare_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::IR_NATIONAL_CODE,
        shapes: &["dddddddddd", "ddd-dddddd-d"],
        own_shapes: &[],
        cues: &["national code", "melli", "code melli", "melli code"],
        script_cues: &["کد ملی", "کدملی", "شماره ملی", "كد ملي"],
        cue: Cue::Own,
        check: iran_valid,
        cue_without_check: false,
    },
    Scheme {
        kind: kinds::IL_ID,
        shapes: &["ddddddddd"],
        own_shapes: &[],
        // `TZ`, `T.Z.`: the abbreviation of teudat zehut in Latin letters.
        cues: &["teudat zehut", "israeli id", "tz", "t.z"],
        script_cues: &["ת.ז", "ת\"ז", "ת״ז", "תעודת זהות", "מספר זהות"],
        cue: Cue::Own,
        check: israel_valid,
        cue_without_check: false,
    },
];

/// More general cues than the parent module's [`ID_CUES`], in Latin letters.
const GENERAL_CUES: &[&str] = &[
    "identity",
    "identification",
    "id no",
    "id nr",
    "id number",
    "id-nr",
    "ausweis",
    "personalausweis",
    "cedula",
    "identite",
    "documento",
    "personal number",
    "personal id",
];
/// General cues in other scripts.
const GENERAL_SCRIPT_CUES: &[&str] = &[
    "cédula",
    "identité",
    "личности",
    "удостоверение",
    "ταυτότητας",
    "身分",
    "신분증",
];

/// The most digits a number of any scheme has.
const MAX_DIGITS: usize = 18;
/// The most groups a number is written in.
const MAX_GROUPS: usize = 8;

/// A number as written: its digits, its shape (`d` for a digit, the separators as they are,
/// `L` for a trailing letter, `X` for a leading one), where it starts and ends.
struct Written {
    start: usize,
    digits: [u8; MAX_DIGITS],
    count: usize,
    shape: [u8; 32],
    shape_len: usize,
    /// The trailing letter (upper case), or 0.
    letter: u8,
    /// The leading letter (upper case), or 0.
    prefix: u8,
    /// Where each group of digits ends (byte offset), and the shape length there.
    group_ends: [(usize, usize, usize); MAX_GROUPS],
    groups: usize,
    /// Byte offset after the trailing letter, when there is one.
    letter_end: usize,
}

/// Appends every national ID of the schemes above found in `text` that no earlier hit
/// covers.
pub(super) fn scan_national_ids(text: &str, first: usize, out: &mut Vec<TextHit>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if digit_at(b, i).is_none() {
            i += 1;
            continue;
        }
        let Some(w) = read_written(text, i) else {
            // Skip the rest of this run of digits.
            while let Some((_, len)) = digit_at(b, i) {
                i += len;
            }
            continue;
        };
        // Without a hit, the next number may start after the first space of this one
        // (`2023-04-11 670921-4172`).
        let next = (0..w.groups - 1)
            .find(|&g| w.shape[w.group_ends[g].1] == b' ')
            .map_or(w.group_ends[w.groups - 1].0.max(w.letter_end), |g| {
                w.group_ends[g].0
            });
        if let Some(hit) = best_hit(text, &w) {
            push_new(out, first, hit);
            i = hit.end.max(i + 1);
        } else {
            i = next.max(i + 1);
        }
    }
}

/// The scheme of a number written as plain digits that holds `birth` (the patient's birth
/// date, `YYYYMMDD`) as `YYMMDD`, `DDMMYY` or `YYYYMMDD` and passes the scheme's check: a
/// person's number, with no cue needed, as the date ties it to the patient
/// (`1630728129199`, a CNP, beside Patient's Birth Date `19630728`).
pub(super) fn scheme_holding_birth_date(digits: &str, birth: &str) -> Option<&'static str> {
    let b = birth.as_bytes();
    if b.len() != 8
        || !b.iter().all(u8::is_ascii_digit)
        || !digits.bytes().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let yymmdd = &birth[2..];
    let ddmmyy: String = [&birth[6..8], &birth[4..6], &birth[2..4]].concat();
    if !(digits.contains(yymmdd) || digits.contains(&ddmmyy) || digits.contains(birth)) {
        return None;
    }
    let shape = "d".repeat(digits.len());
    let d: Vec<u8> = digits.bytes().map(|c| c - b'0').collect();
    SCHEMES
        .iter()
        // Schemes without a check (Argentina's DNI, Nigeria's NIN) say nothing here.
        .filter(|s| ![kinds::AR_DNI, kinds::NG_NIN].contains(&s.kind))
        .find(|s| s.shapes.contains(&shape.as_str()) && (s.check)(&d, 0))
        .map(|s| s.kind)
}

/// The number written from `start`: groups of digits joined by one `.`, `-`, `/` or space,
/// and a letter glued to the end. `None` when it continues something before it (a word, a
/// decimal, a UID) or holds too many digits.
fn read_written(text: &str, start: usize) -> Option<Written> {
    let b = text.as_bytes();
    let mut w = Written {
        start,
        digits: [0; MAX_DIGITS],
        count: 0,
        shape: [0; 32],
        shape_len: 0,
        letter: 0,
        prefix: 0,
        group_ends: [(0, 0, 0); MAX_GROUPS],
        groups: 0,
        letter_end: 0,
    };
    // A NIE's leading X, Y or Z (`X1234567L`).
    if let Some(&p) = start.checked_sub(1).and_then(|j| b.get(j))
        && matches!(p.to_ascii_uppercase(), b'X' | b'Y' | b'Z')
        && !alphanumeric_before(text, start - 1)
    {
        w.prefix = p.to_ascii_uppercase();
        w.start = start - 1;
        w.shape[0] = b'X';
        w.shape_len = 1;
    } else if alphanumeric_before(text, start) || joined_before(b, start) {
        return None;
    }
    let mut i = start;
    loop {
        // One group of digits.
        let mut any = false;
        while let Some((d, len)) = digit_at(b, i) {
            if w.count == MAX_DIGITS || w.shape_len == w.shape.len() {
                return None;
            }
            w.digits[w.count] = d;
            w.count += 1;
            w.shape[w.shape_len] = b'd';
            w.shape_len += 1;
            i += len;
            any = true;
        }
        if !any {
            return None;
        }
        if w.groups == MAX_GROUPS {
            return None;
        }
        w.group_ends[w.groups] = (i, w.shape_len, w.count);
        w.groups += 1;
        // A separator and another group, or the end.
        let sep = b.get(i).copied();
        match sep {
            Some(s @ (b'.' | b'-' | b' ' | b'/')) if digit_at(b, i + 1).is_some() => {
                if w.shape_len == w.shape.len() {
                    return None;
                }
                w.shape[w.shape_len] = s;
                w.shape_len += 1;
                i += 1;
            }
            // The century sign of a Finnish HETU after its six-digit birth date: `+` for
            // the 1800s, `A` to `F` for the 2000s, `U` to `Y` for the 1900s (`090715A872E`),
            // read as its hyphen.
            Some(b'+' | b'A'..=b'F' | b'U'..=b'Y')
                if w.groups == 1 && w.count == 6 && digit_at(b, i + 1).is_some() =>
            {
                w.shape[w.shape_len] = b'-';
                w.shape_len += 1;
                i += 1;
            }
            _ => break,
        }
    }
    // A check letter glued to the last group, or after one hyphen or space (`30571824-V`).
    let end = w.group_ends[w.groups - 1].0;
    let letter_at = |at: usize| {
        b.get(at)
            .filter(|c| c.is_ascii_alphabetic())
            .filter(|_| !alphanumeric_at(text, at + 1))
            .map(|c| c.to_ascii_uppercase())
    };
    if let Some(l) = letter_at(end) {
        (w.letter, w.letter_end) = (l, end + 1);
    } else if matches!(b.get(end), Some(b'-' | b' '))
        && let Some(l) = letter_at(end + 1)
    {
        (w.letter, w.letter_end) = (l, end + 2);
    } else if alphanumeric_at(text, end) {
        return None;
    }
    // A number that goes on with a joiner and more (`1.5`, `12-3a`) is not one of these.
    if w.letter == 0 && joined_after(b, end) {
        return None;
    }
    Some(w)
}

/// A `.` or `-` (or `/`, `,`) with a digit before it: the number continues something.
fn joined_before(b: &[u8], start: usize) -> bool {
    start >= 2 && matches!(b[start - 1], b'.' | b'-' | b'/' | b',') && b[start - 2].is_ascii_digit()
}

/// A `.`, `,`, `-` or `/` followed by a letter or digit: the number continues.
fn joined_after(b: &[u8], end: usize) -> bool {
    matches!(b.get(end), Some(b'.' | b',' | b'-' | b'/'))
        && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
}

/// The hit of the first scheme the written number (or its first groups, cut at a space)
/// passes.
fn best_hit(text: &str, w: &Written) -> Option<TextHit> {
    // Cue words are looked for once, and only when some shape fits.
    let mut cues: Option<Cues> = None;
    for g in (0..w.groups).rev() {
        let (group_end, shape_len, count) = w.group_ends[g];
        let last = g + 1 == w.groups;
        if !last && w.shape[shape_len] != b' ' {
            // Only a space ends a number early; `.` and `-` join one number.
            continue;
        }
        let with_letter = last && w.letter != 0;
        let mut shape = [0u8; 34];
        shape[..shape_len].copy_from_slice(&w.shape[..shape_len]);
        let mut len = shape_len;
        let mut end = group_end;
        if with_letter {
            if w.letter_end == group_end + 2 {
                shape[len] = text.as_bytes()[group_end];
                len += 1;
            }
            shape[len] = b'L';
            len += 1;
            end = w.letter_end;
        }
        let shape = &shape[..len];
        let digits = &w.digits[..count];
        let digits_for_check = prefixed(w.prefix, digits);
        for scheme in SCHEMES {
            if !scheme.shapes.iter().any(|s| s.as_bytes() == shape) {
                continue;
            }
            let letter = if with_letter { w.letter } else { 0 };
            let checked = (scheme.check)(digits_for_check.as_slice(), letter);
            let own_shape = scheme.own_shapes.iter().any(|s| s.as_bytes() == shape);
            if checked && own_shape {
                return Some(hit(scheme, w.start, end, 0.85));
            }
            let cues = cues.get_or_insert_with(|| Cues::around(text, w.start));
            let own_cue = cues.own(scheme);
            let cued = own_cue || (scheme.cue == Cue::OwnOrGeneral && cues.general);
            if cued && checked {
                return Some(hit(scheme, w.start, end, 0.95));
            }
            if own_cue && scheme.cue_without_check && birth_date_plausible(scheme, digits) {
                return Some(hit(scheme, w.start, end, 0.8));
            }
        }
        // Cut at the space before this group and try the shorter number.
    }
    None
}

/// The digits with a NIE's leading letter as its digit (X 0, Y 1, Z 2) in front.
fn prefixed(prefix: u8, digits: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(digits.len() + 1);
    if prefix != 0 {
        v.push(prefix - b'X');
    }
    v.extend_from_slice(digits);
    v
}

fn hit(scheme: &Scheme, start: usize, end: usize, confidence: f32) -> TextHit {
    let mut h = TextHit::pattern(Category::NationalId, scheme.kind, (start, end), confidence);
    h.state = ValueState::Validated;
    h
}

/// The cue words before a number, looked up once for all schemes.
struct Cues {
    /// The 48 bytes before the number, and the same lower-cased (for other scripts).
    before: String,
    lower: String,
    general: bool,
}

impl Cues {
    fn around(text: &str, start: usize) -> Cues {
        // Other scripts take two to three bytes a letter: Thai cues are long.
        let from = floor_boundary(text, start.saturating_sub(64));
        let wide = text.get(from..start).unwrap_or("");
        let ascii_from = floor_boundary(text, start.saturating_sub(40));
        let near = text.get(ascii_from..start).unwrap_or("");
        let lower = wide.to_lowercase();
        let general = has_cue(near, ID_CUES, ID_CUES_ARABIC)
            || has_cue(near, GENERAL_CUES, &[])
            || GENERAL_SCRIPT_CUES.iter().any(|c| lower.contains(c));
        Cues {
            before: near.to_owned(),
            lower,
            general,
        }
    }

    fn own(&self, scheme: &Scheme) -> bool {
        has_cue(&self.before, scheme.cues, &[])
            || scheme.script_cues.iter().any(|c| self.lower.contains(c))
    }
}

/// For a scheme that a cue alone may carry: the birth date in it is a real date.
fn birth_date_plausible(scheme: &Scheme, d: &[u8]) -> bool {
    match scheme.kind {
        kinds::KR_RRN => d.len() == 13 && yymmdd_valid(&d[..6]) && (1..=8).contains(&d[6]),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------
// Checks. Each takes the digits (and the check letter, 0 when there is none).

fn number(d: &[u8]) -> u64 {
    d.iter().fold(0u64, |n, &x| {
        n.saturating_mul(10).saturating_add(u64::from(x))
    })
}

fn all_same(d: &[u8]) -> bool {
    d.iter().all(|&x| x == d[0])
}

fn weighted(d: &[u8], weights: &[u32]) -> u32 {
    d.iter().zip(weights).map(|(&x, &w)| u32::from(x) * w).sum()
}

fn two(d: &[u8]) -> u32 {
    u32::from(d[0]) * 10 + u32::from(d[1])
}

/// `YYMMDD`, the century unknown (a leap day is taken as possible).
fn yymmdd_valid(d: &[u8]) -> bool {
    is_plausible_date(2000 + two(&d[0..]), two(&d[2..]), two(&d[4..]))
}

/// `DDMMYY`, with `day_offset` allowed on the day (Norway's and Indonesia's +40).
fn ddmmyy_valid(d: &[u8], day_offset: u32) -> bool {
    let day = two(d);
    let day = if day > day_offset && day_offset > 0 {
        day - day_offset
    } else {
        day
    };
    is_plausible_date(2000 + two(&d[4..]), two(&d[2..]), day)
}

fn cpf_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 11 || all_same(d) {
        return false;
    }
    let digit = |n: usize| {
        let w: Vec<u32> = (2..=(n as u32 + 1)).rev().collect();
        (weighted(&d[..n], &w) * 10 % 11 % 10) as u8
    };
    digit(9) == d[9] && digit(10) == d[10]
}

fn ahv_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 13 || d[..3] != [7, 5, 6] {
        return false;
    }
    let sum: u32 = d[..12]
        .iter()
        .enumerate()
        .map(|(i, &x)| u32::from(x) * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    (10 - sum % 10) % 10 == u32::from(d[12])
}

fn thai_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 13 || d[0] == 0 || d[0] == 9 || all_same(d) {
        return false;
    }
    let sum: u32 = (0..12).map(|i| u32::from(d[i]) * (13 - i as u32)).sum();
    (11 - sum % 11) % 10 == u32::from(d[12])
}

fn personnummer_valid(d: &[u8], _: u8) -> bool {
    let (date, ten) = match d.len() {
        12 => {
            let year = two(d) * 100 + two(&d[2..]);
            if !(1880..=2030).contains(&year) {
                return false;
            }
            // A date and time (`20231122-1530`) is not a person's number.
            let time = two(&d[8..]) < 24 && two(&d[10..]) < 60;
            let day = two(&d[6..]);
            let day = if day > 60 { day - 60 } else { day };
            (is_plausible_date(year, two(&d[4..]), day) && !time, &d[2..])
        }
        10 => {
            let day = two(&d[4..]);
            let day = if day > 60 { day - 60 } else { day };
            // A date and time (`231122-1530`) is not a person's number either.
            let time = two(&d[6..]) < 24 && two(&d[8..]) < 60;
            (
                is_plausible_date(2000 + two(d), two(&d[2..]), day) && !time,
                d,
            )
        }
        _ => return false,
    };
    date && luhn_valid(ten)
}

fn fodselsnummer_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 11 || !ddmmyy_valid(d, 40) {
        return false;
    }
    let check = |n: usize, weights: &[u32]| {
        let r = 11 - weighted(&d[..n], weights) % 11;
        match r {
            11 => Some(0),
            10 => None,
            r => Some(r as u8),
        }
    };
    check(9, &[3, 7, 6, 1, 8, 9, 4, 5, 2]) == Some(d[9])
        && check(10, &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) == Some(d[10])
}

fn hetu_valid(d: &[u8], letter: u8) -> bool {
    const CHECKS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    let (body, check) = match (d.len(), letter) {
        (9, l) if l != 0 => (d, l),
        (10, 0) => (&d[..9], b'0' + d[9]),
        _ => return false,
    };
    ddmmyy_valid(body, 0) && CHECKS[(number(body) % 31) as usize] == check
}

fn amka_valid(d: &[u8], _: u8) -> bool {
    d.len() == 11 && ddmmyy_valid(d, 0) && luhn_valid(d)
}

fn rodne_cislo_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 9 && d.len() != 10 {
        return false;
    }
    let month = match two(&d[2..]) {
        m @ 71..=82 => m - 70,
        m @ 51..=62 => m - 50,
        m @ 21..=32 => m - 20,
        m => m,
    };
    if !is_plausible_date(2000 + two(d), month, two(&d[4..])) {
        return false;
    }
    if d.len() == 9 {
        // Numbers without a check digit were given until the end of 1953.
        return two(d) <= 53;
    }
    // Divisible by 11; until 1985 a remainder of 10 on the first nine digits gave a check
    // digit of 0.
    number(d).is_multiple_of(11) || (number(&d[..9]) % 11 == 10 && d[9] == 0)
}

fn cnp_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 13 || d[0] == 0 {
        return false;
    }
    let county = two(&d[7..]);
    if !(yymmdd_valid(&d[1..7]) && ((1..=52).contains(&county) || county == 70)) {
        return false;
    }
    let r = weighted(&d[..12], &[2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
    u32::from(d[12]) == if r == 10 { 1 } else { r }
}

fn baltic_code_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 11 || !(1..=6).contains(&d[0]) || !yymmdd_valid(&d[1..7]) {
        return false;
    }
    let round = |start: u32| {
        d[..10]
            .iter()
            .enumerate()
            .map(|(i, &x)| u32::from(x) * ((start + i as u32 - 1) % 9 + 1))
            .sum::<u32>()
            % 11
    };
    let check = match round(1) {
        10 => match round(3) {
            10 => 0,
            r => r,
        },
        r => r,
    };
    u32::from(d[10]) == check
}

fn rnokpp_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 10 || all_same(d) {
        return false;
    }
    let sum: i32 = d[..9]
        .iter()
        .zip([-1, 5, 7, 9, 4, 6, 10, 5, 7])
        .map(|(&x, w)| i32::from(x) * w)
        .sum();
    i32::from(d[9]) == sum.rem_euclid(11) % 10
}

fn cccd_valid(d: &[u8], _: u8) -> bool {
    let province = u32::from(d[0]) * 100 + two(&d[1..]);
    d.len() == 12 && (1..=96).contains(&province) && d[3] <= 5
}

fn cpr_valid(d: &[u8], _: u8) -> bool {
    d.len() == 10 && ddmmyy_valid(d, 0)
}

fn snils_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 11 || all_same(&d[..9]) {
        return false;
    }
    let sum: u32 = (0..9).map(|i| u32::from(d[i]) * (9 - i as u32)).sum();
    let check = match sum {
        0..=99 => sum,
        100 | 101 => 0,
        _ => match sum % 101 {
            100 => 0,
            r => r,
        },
    };
    check == two(&d[9..])
}

fn dni_valid(d: &[u8], letter: u8) -> bool {
    const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    d.len() == 8 && letter != 0 && LETTERS[(number(d) % 23) as usize] == letter
}

fn bsn_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 9 || all_same(d) {
        return false;
    }
    let sum = weighted(&d[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) as i64 - i64::from(d[8]);
    sum > 0 && sum % 11 == 0
}

fn china_valid(d: &[u8], letter: u8) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECKS: &[u8; 11] = b"10X98765432";
    let (body, last) = match (d.len(), letter) {
        (18, 0) => (&d[..17], b'0' + d[17]),
        (17, b'X') => (d, b'X'),
        _ => return false,
    };
    let year = two(&body[6..]) * 100 + two(&body[8..]);
    if !(1900..=2030).contains(&year)
        || !is_plausible_date(year, two(&body[10..]), two(&body[12..]))
    {
        return false;
    }
    CHECKS[(weighted(body, &WEIGHTS) % 11) as usize] == last
}

fn pesel_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 11 || all_same(d) {
        return false;
    }
    let month = two(&d[2..]) % 20;
    let century = match two(&d[2..]) / 20 {
        0 => 1900,
        1 => 2000,
        2 => 2100,
        3 => 2200,
        _ => 1800,
    };
    if !is_plausible_date(century + two(d), month, two(&d[4..])) {
        return false;
    }
    let sum = weighted(&d[..10], &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
    (10 - sum % 10) % 10 == u32::from(d[10])
}

fn kimlik_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 11 || d[0] == 0 || all_same(d) {
        return false;
    }
    let v = |i: usize| i32::from(d[i]);
    let odd = v(0) + v(2) + v(4) + v(6) + v(8);
    let even = v(1) + v(3) + v(5) + v(7);
    (odd * 7 - even).rem_euclid(10) == v(9) && (0..10).map(v).sum::<i32>() % 10 == v(10)
}

fn nir_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 15 || !matches!(d[0], 1 | 2 | 7 | 8) {
        return false;
    }
    let month = two(&d[3..]);
    if !(matches!(month, 1..=12 | 20..=42 | 50..=99)) {
        return false;
    }
    97 - number(&d[..13]) % 97 == u64::from(two(&d[13..]))
}

fn rrn_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 13 || !yymmdd_valid(&d[..6]) || !(1..=8).contains(&d[6]) {
        return false;
    }
    let sum = weighted(&d[..12], &[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]);
    (11 - sum % 11) % 10 == u32::from(d[12])
}

fn aadhaar_valid(d: &[u8], _: u8) -> bool {
    d.len() == 12 && d[0] >= 2 && !all_same(d) && verhoeff(d)
}

/// The Verhoeff check (dihedral group D5), which Aadhaar numbers carry.
fn verhoeff(d: &[u8]) -> bool {
    const MUL: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const PERM: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    let c = d.iter().rev().enumerate().fold(0u8, |c, (i, &x)| {
        MUL[usize::from(c)][usize::from(PERM[i % 8][usize::from(x)])]
    });
    c == 0
}

fn my_number_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 12 || all_same(d) {
        return false;
    }
    let sum: u32 = (1..=11)
        .map(|n| {
            let q = if n <= 6 { n + 1 } else { n - 5 };
            u32::from(d[11 - n]) * q as u32
        })
        .sum();
    let r = sum % 11;
    let check = if r <= 1 { 0 } else { 11 - r };
    check == u32::from(d[11])
}

fn sin_valid(d: &[u8], _: u8) -> bool {
    d.len() == 9 && !matches!(d[0], 0 | 8) && !all_same(d) && luhn_valid(d)
}

fn belgian_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 11 {
        return false;
    }
    // Unknown birth months and days are written 00.
    let (month, day) = (two(&d[2..]), two(&d[4..]));
    if month > 12 || day > 31 {
        return false;
    }
    let body = number(&d[..9]);
    let check = u64::from(two(&d[9..]));
    97 - body % 97 == check || 97 - (2_000_000_000 + body) % 97 == check
}

fn emirates_valid(d: &[u8], _: u8) -> bool {
    d.len() == 15 && d[..3] == [7, 8, 4] && luhn_valid(d)
}

fn cnic_valid(d: &[u8], _: u8) -> bool {
    // No check digit: the first digit is a province (1 to 7), the last the sex.
    d.len() == 13 && (1..=7).contains(&d[0]) && !all_same(d)
}

fn egypt_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 14 || !matches!(d[0], 2 | 3) {
        return false;
    }
    let year = if d[0] == 2 { 1900 } else { 2000 } + two(&d[1..]);
    let governorate = two(&d[7..]);
    is_plausible_date(year, two(&d[3..]), two(&d[5..]))
        && (matches!(governorate, 1..=4 | 11..=35 | 88))
}

fn south_africa_valid(d: &[u8], _: u8) -> bool {
    d.len() == 13 && yymmdd_valid(&d[..6]) && d[10] <= 1 && luhn_valid(d)
}

fn rut_valid(d: &[u8], letter: u8) -> bool {
    let (body, check) = match letter {
        b'K' => (d, 10),
        0 if d.len() >= 2 => (&d[..d.len() - 1], u32::from(d[d.len() - 1])),
        _ => return false,
    };
    if !(7..=8).contains(&body.len()) {
        return false;
    }
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| u32::from(x) * (2 + (i as u32 % 6)))
        .sum();
    let expected = match 11 - sum % 11 {
        11 => 0,
        r => r,
    };
    expected == check
}

fn any_number(d: &[u8], _: u8) -> bool {
    !all_same(d)
}

fn nik_valid(d: &[u8], _: u8) -> bool {
    d.len() == 16 && ddmmyy_valid(&d[6..12], 40)
}

fn nif_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 9 || !matches!(d[0], 1 | 2 | 3 | 5 | 6 | 8 | 9) {
        return false;
    }
    let sum = weighted(&d[..8], &[9, 8, 7, 6, 5, 4, 3, 2]);
    let check = match 11 - sum % 11 {
        10 | 11 => 0,
        r => r,
    };
    check == u32::from(d[8])
}

fn medicare_valid(d: &[u8], _: u8) -> bool {
    if !(10..=11).contains(&d.len()) || !(2..=6).contains(&d[0]) {
        return false;
    }
    weighted(&d[..8], &[1, 3, 7, 9, 1, 3, 7, 9]) % 10 == u32::from(d[8])
}

fn iran_valid(d: &[u8], _: u8) -> bool {
    if d.len() != 10 || all_same(d) {
        return false;
    }
    let r = weighted(&d[..9], &[10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    let check = u32::from(d[9]);
    if r < 2 { check == r } else { check == 11 - r }
}

/// Hong Kong identity card numbers (`K958615(6)`): one or two letters, six digits and the
/// check digit (or A) in parentheses, the whole weighted 9 down to 1 summing to a multiple
/// of 11 (letters count from 10, a missing first letter as 36). The parentheses are the
/// card's own way of writing it: with the check, no cue is needed.
pub(super) fn scan_hkids(text: &str, first: usize, out: &mut Vec<TextHit>) {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(pos) = b
        .get(from..)
        .and_then(|r| r.iter().position(|&c| c == b'('))
    {
        let open = from + pos;
        from = open + 1;
        let (Some(&check), Some(&b')')) = (b.get(open + 1), b.get(open + 2)) else {
            continue;
        };
        if open < 7 || !(check.is_ascii_digit() || check == b'A') {
            continue;
        }
        let digits = &b[open - 6..open];
        if !digits.iter().all(u8::is_ascii_digit) {
            continue;
        }
        let letters = b[..open - 6]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        if !(1..=2).contains(&letters) {
            continue;
        }
        let start = open - 6 - letters;
        if alphanumeric_before(text, start) {
            continue;
        }
        let value = |c: u8| u32::from(c - b'A') + 10;
        let (l1, l2) = if letters == 2 {
            (value(b[start]), value(b[start + 1]))
        } else {
            (36, value(b[start]))
        };
        let sum = l1 * 9
            + l2 * 8
            + digits
                .iter()
                .zip((2..=7).rev())
                .map(|(&d, w)| u32::from(d - b'0') * w)
                .sum::<u32>()
            + if check == b'A' {
                10
            } else {
                u32::from(check - b'0')
            };
        if sum % 11 == 0 {
            let mut h =
                TextHit::pattern(Category::NationalId, kinds::HK_ID, (start, open + 3), 0.9);
            h.state = ValueState::Validated;
            push_new(out, first, h);
        }
    }
}

/// UK National Insurance numbers after their cue (`NI No. JG 10 37 85 B`): two prefix
/// letters (not D, F, I, Q, U, V; the second not O; not the unused BG, GB, KN, NK, NT, TN,
/// ZZ), six digits (in pairs or not), a suffix A to D. No check digit: the cue is needed.
pub(super) fn scan_ninos(text: &str, first: usize, out: &mut Vec<TextHit>) {
    const CUES: &[&str] = &["ni", "nino", "national insurance", "insurance", "nin"];
    let b = text.as_bytes();
    let mut i = 0;
    while i + 9 <= b.len() {
        let end = (b[i].is_ascii_uppercase() && !alphanumeric_before(text, i))
            .then(|| nino_end(b, i))
            .flatten();
        let Some(end) = end.filter(|&e| !alphanumeric_at(text, e)) else {
            i += 1;
            continue;
        };
        let from = floor_boundary(text, i.saturating_sub(40));
        if has_cue(text.get(from..i).unwrap_or(""), CUES, &[]) {
            let mut h = TextHit::pattern(Category::NationalId, kinds::UK_NINO, (i, end), 0.9);
            h.state = ValueState::Validated;
            push_new(out, first, h);
        }
        i = end;
    }
}

/// The end of a National Insurance number starting at `i`, if one does.
fn nino_end(b: &[u8], i: usize) -> Option<usize> {
    let (p1, p2) = (*b.get(i)?, *b.get(i + 1)?);
    if !p2.is_ascii_uppercase()
        || b"DFIQUV".contains(&p1)
        || b"DFIQUVO".contains(&p2)
        || [*b"BG", *b"GB", *b"KN", *b"NK", *b"NT", *b"TN", *b"ZZ"].contains(&[p1, p2])
    {
        return None;
    }
    let mut j = i + 2;
    for pair in 0..3 {
        // Pairs of digits, each after an optional space (`JG 10 37 85 B`, `JG103785B`).
        if b.get(j) == Some(&b' ') && (pair == 0 || b.get(j + 1).is_some_and(u8::is_ascii_digit)) {
            j += 1;
        }
        if !(b.get(j)?.is_ascii_digit() && b.get(j + 1)?.is_ascii_digit()) {
            return None;
        }
        j += 2;
    }
    if b.get(j) == Some(&b' ') {
        j += 1;
    }
    matches!(b.get(j)?, b'A'..=b'D').then_some(j + 1)
}

fn israel_valid(d: &[u8], _: u8) -> bool {
    d.len() == 9 && !all_same(d) && luhn_valid(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_in(text: &str) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        scan_national_ids(text, 0, &mut out);
        out.iter()
            .map(|h| (h.kind, text[h.start..h.end].to_owned()))
            .collect()
    }

    fn one(text: &str) -> Option<&'static str> {
        let found = kinds_in(text);
        assert!(found.len() <= 1, "{text}: {found:?}");
        found.first().map(|(k, _)| *k)
    }

    #[test]
    fn each_scheme_is_found_with_its_cue_and_checked() {
        // Numbers made with each scheme's published check (none belongs to anyone).
        let cases = [
            ("CPF 207.318.644-09", kinds::BR_CPF, "207.318.644-09"),
            ("cpf: 20731864409", kinds::BR_CPF, "20731864409"),
            (
                "AHV-Nr. 756.1209.3847.19",
                kinds::CH_AHV,
                "756.1209.3847.19",
            ),
            ("PESEL: 91072345612", kinds::PL_PESEL, "91072345612"),
            ("BSN 618392749", kinds::NL_BSN, "618392749"),
            (
                "身份证号 110105197603154426",
                kinds::CN_RESIDENT_ID,
                "110105197603154426",
            ),
            ("СНИЛС 205-611-348 22", kinds::RU_SNILS, "205-611-348 22"),
            ("DNI 30571824V", kinds::ES_DNI, "30571824V"),
            ("NIE X1234567L", kinds::ES_DNI, "X1234567L"),
            (
                "personnummer 19720418-4472",
                kinds::SE_PERSONNUMMER,
                "19720418-4472",
            ),
            ("TC Kimlik No: 10000000146", kinds::TR_KIMLIK, "10000000146"),
            (
                "Aadhaar 2345 6789 0124",
                kinds::IN_AADHAAR,
                "2345 6789 0124",
            ),
            ("ת.ז. 058372640", kinds::IL_ID, "058372640"),
            ("TZ 371595638", kinds::IL_ID, "371595638"),
            (
                "주민등록번호 850412-1234561",
                kinds::KR_RRN,
                "850412-1234561",
            ),
            (
                "Emirates ID 784-1985-1234567-3",
                kinds::AE_EMIRATES_ID,
                "784-1985-1234567-3",
            ),
            ("CNIC 35202-1234567-1", kinds::PK_CNIC, "35202-1234567-1"),
            ("RUT 12.345.678-5", kinds::CL_RUT, "12.345.678-5"),
            ("SIN 130 123 458", kinds::CA_SIN, "130 123 458"),
            ("HETU 131052-308T", kinds::FI_HETU, "131052-308T"),
            // Born in the 2000s: the century sign A.
            ("hetu=090715A872E", kinds::FI_HETU, "090715A872E"),
            ("ΑΜΚΑ 31018566922", kinds::GR_AMKA, "31018566922"),
            ("AMKA 07019984686", kinds::GR_AMKA, "07019984686"),
            ("RČ 855315/1002", kinds::CZ_RODNE_CISLO, "855315/1002"),
            ("CNP 1850315400010", kinds::RO_CNP, "1850315400010"),
            (
                "isikukood 35507236350",
                kinds::EE_LT_PERSONAL_CODE,
                "35507236350",
            ),
            ("РНОКПП 3414052790", kinds::UA_RNOKPP, "3414052790"),
            ("CCCD 048081400104", kinds::VN_CCCD, "048081400104"),
            (
                "rodné číslo 8503151008",
                kinds::CZ_RODNE_CISLO,
                "8503151008",
            ),
            ("r.č. 480612/123", kinds::CZ_RODNE_CISLO, "480612/123"),
            ("Medicare 2953 51230 1", kinds::AU_MEDICARE, "2953 51230 1"),
            ("کد ملی 0048273910", kinds::IR_NATIONAL_CODE, "0048273910"),
            (
                "NIR 1 85 05 78 006 084 91",
                kinds::FR_NIR,
                "1 85 05 78 006 084 91",
            ),
        ];
        for (text, kind, number) in cases {
            assert_eq!(
                kinds_in(text),
                [(kind, number.to_owned())],
                "{text}: expected {kind}"
            );
        }
    }

    #[test]
    fn romanian_ukrainian_and_vietnamese_numbers_are_checked() {
        assert_eq!(one("CNP 1850315400011"), None, "check digit");
        assert_eq!(one("CNP 1851315400010"), None, "month 13");
        assert_eq!(one("РНОКПП 3414052791"), None, "check digit");
        assert_eq!(one("CCCD 997081400104"), None, "no province 997");
        // Twelve digits are common: the Vietnamese number needs its own name.
        assert_eq!(one("ID 048081400104"), None);
    }

    #[test]
    fn hong_kong_identity_card_numbers_are_checked() {
        let hkids = |text: &str| {
            let mut out = Vec::new();
            scan_hkids(text, 0, &mut out);
            out.iter()
                .map(|h| text[h.start..h.end].to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            hkids("病人：李 美玲，身份證 K958615(6)，由急症室轉介"),
            ["K958615(6)"]
        );
        assert!(hkids("K958615(7)").is_empty(), "check digit");
        assert!(hkids("ref AXK958615(6)").is_empty(), "three letters");
        assert!(hkids("dose 958615(6)").is_empty(), "no letter");
    }

    #[test]
    fn national_insurance_numbers_need_their_cue() {
        let ninos = |text: &str| {
            let mut out = Vec::new();
            scan_ninos(text, 0, &mut out);
            out.iter()
                .map(|h| text[h.start..h.end].to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(ninos("NI No. JG 10 37 85 B"), ["JG 10 37 85 B"]);
        assert_eq!(ninos("National Insurance: JG103785B"), ["JG103785B"]);
        assert!(ninos("ref JG 10 37 85 B").is_empty(), "no cue");
        assert!(
            ninos("NI No. DG 10 37 85 B").is_empty(),
            "D is no prefix letter"
        );
        assert!(ninos("NI No. JG 10 37 85 E").is_empty(), "E is no suffix");
    }

    #[test]
    fn own_groupings_need_no_cue_and_plain_digits_do() {
        // The scheme's own way of writing, with a passing check: no cue needed.
        assert_eq!(one("ref 207.318.644-09"), Some(kinds::BR_CPF));
        assert_eq!(one("756.1209.3847.19 on file"), Some(kinds::CH_AHV));
        assert_eq!(one("205-611-348 22"), Some(kinds::RU_SNILS));
        assert_eq!(one("19720418-4472"), Some(kinds::SE_PERSONNUMMER));
        assert_eq!(one("010594-123W"), Some(kinds::FI_HETU));
        assert_eq!(one("670921-4172"), Some(kinds::SE_PERSONNUMMER));
        assert_eq!(one("162036912304592"), Some(kinds::FR_NIR));
        assert_eq!(one("231122-1530"), None, "a date and time");
        assert_eq!(one("pac. 736112/1009"), Some(kinds::CZ_RODNE_CISLO));
        assert_eq!(one("pac. 736112/1008"), None, "not divisible by 11");
        assert_eq!(one("ref 8503151008"), None, "plain digits need the cue");
        assert_eq!(
            one("ref 480612/123"),
            None,
            "no check digit: the cue is needed"
        );
        assert_eq!(one("RČ 580612/123"), None, "three digits only before 1954");
        assert_eq!(
            one("Remiss 2023-04-11 670921-4172"),
            Some(kinds::SE_PERSONNUMMER),
            "after a date"
        );
        assert_eq!(one("110105197603154426"), Some(kinds::CN_RESIDENT_ID));
        // The same digits plain, without a cue: any 11-digit number could be anything.
        assert_eq!(one("ref 20731864409"), None);
        assert_eq!(one("91072345612"), None);
        assert_eq!(one("618392749"), None);
        assert_eq!(one("30571824V"), None);
    }

    #[test]
    fn a_failed_check_or_a_wrong_date_is_not_an_id() {
        assert_eq!(one("CPF 207.318.644-08"), None);
        assert_eq!(one("PESEL: 91072345613"), None);
        assert_eq!(one("BSN 618392748"), None);
        assert_eq!(one("DNI 30571824A"), None);
        assert_eq!(one("010594-123X"), None);
        assert_eq!(one("身份证号 110105197613154426"), None, "month 13");
        assert_eq!(one("СНИЛС 205-611-348 23"), None);
        assert_eq!(one("CPF 111.111.111-11"), None, "all one digit");
    }

    #[test]
    fn dates_times_decimals_and_uids_are_not_ids() {
        // A date and time in the personnummer's shape.
        assert_eq!(one("export 20231122-1530"), None);
        // Part of a UID, a decimal, a longer number.
        assert_eq!(one("1.2.840.113619.2.55.3.604688119"), None);
        assert_eq!(one("ID 1.91072345612"), None);
        assert_eq!(one("PESEL 910723456120"), None);
        assert_eq!(one("PESEL A91072345612"), None);
        // A phone number after a general cue.
        assert_eq!(one("ID tel 0612 489 327"), None);
    }

    #[test]
    fn a_number_cut_at_a_space_is_tried_shorter() {
        assert_eq!(
            kinds_in("PESEL 91072345612 2019"),
            [(kinds::PL_PESEL, "91072345612".to_owned())]
        );
    }

    #[test]
    fn general_cues_serve_only_schemes_with_strong_checks() {
        // Turkey's two check digits: a general cue will do.
        assert_eq!(one("ID: 10000000146"), Some(kinds::TR_KIMLIK));
        // A Dutch BSN has one mod-11 check: its own cue only.
        assert_eq!(one("ID: 618392749"), None);
    }
}

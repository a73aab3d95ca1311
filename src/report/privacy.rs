//! Small-cell suppression: a table cell that counts patients and holds 1 to 4 of them is
//! not shown, so that no cell of the report (an institution, a study year, a category)
//! singles out a handful of people.
//!
//! The rule lives in the types: a [`PatientCell`] can only be made from raw counts by
//! [`PatientCell::new`], which suppresses them, and holds no raw count after that. Every
//! output (terminal, JSON, HTML) prints cells, so none can forget the rule.
//!
//! The report's headline totals (`patients.directly_identified` and the like) are not
//! cells: they are the numbers a notification must state, over the whole data set, and are
//! shown as they are.

/// Fewest patients a cell must count to be shown (k-anonymity with k = 5, the threshold of
/// the HIPAA Expert Determination literature and of most statistical disclosure rules).
pub const MIN_PATIENTS_SHOWN: u64 = 5;

/// A patient count as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shown {
    /// Between 1 and [`MIN_PATIENTS_SHOWN`] - 1: not shown.
    Suppressed,
    /// The count: 0, or [`MIN_PATIENTS_SHOWN`] or more.
    Count(u64),
}

impl Shown {
    /// Suppresses `n` if it is small and not zero.
    pub fn of(n: u64) -> Shown {
        if n == 0 || n >= MIN_PATIENTS_SHOWN {
            Shown::Count(n)
        } else {
            Shown::Suppressed
        }
    }

    /// The count, `None` when suppressed.
    pub fn count(self) -> Option<u64> {
        match self {
            Shown::Count(n) => Some(n),
            Shown::Suppressed => None,
        }
    }

    /// As text: the count, or `<5`.
    pub fn text(self) -> String {
        match self {
            Shown::Count(n) => n.to_string(),
            Shown::Suppressed => format!("<{MIN_PATIENTS_SHOWN}"),
        }
    }
}

/// A table cell counting patients: a lower and an upper bound, each suppressed alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatientCell {
    lower: Shown,
    upper: Shown,
}

impl PatientCell {
    /// The cell for these bounds, suppressed as the rule says.
    pub fn new(lower: u64, upper: u64) -> PatientCell {
        PatientCell {
            lower: Shown::of(lower),
            upper: Shown::of(upper),
        }
    }

    /// The lower bound.
    pub fn lower(self) -> Shown {
        self.lower
    }

    /// The upper bound.
    pub fn upper(self) -> Shown {
        self.upper
    }

    /// Either bound is suppressed.
    pub fn is_suppressed(self) -> bool {
        self.lower == Shown::Suppressed || self.upper == Shown::Suppressed
    }

    /// `lower-upper` (or one number when equal), `<5` for suppressed bounds.
    pub fn text(self) -> String {
        if self.lower == self.upper {
            self.lower.text()
        } else {
            format!("{}-{}", self.lower.text(), self.upper.text())
        }
    }

    /// A number to sort and draw by: the upper bound, suppressed as 0.
    pub fn sort_value(self) -> u64 {
        self.upper.count().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_four_patients_are_suppressed_and_zero_and_five_are_not() {
        assert_eq!(Shown::of(0), Shown::Count(0));
        for n in 1..5 {
            assert_eq!(Shown::of(n), Shown::Suppressed, "{n}");
        }
        assert_eq!(Shown::of(5), Shown::Count(5));
    }

    #[test]
    fn cell_text_shows_each_bound_or_its_suppression() {
        assert_eq!(PatientCell::new(3, 9).text(), "<5-9");
        assert_eq!(PatientCell::new(7, 7).text(), "7");
        assert_eq!(PatientCell::new(2, 4).text(), "<5");
        assert!(PatientCell::new(2, 9).is_suppressed());
        assert!(!PatientCell::new(0, 9).is_suppressed());
    }
}

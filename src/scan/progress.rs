//! Progress of a long run: counters the pipeline bumps, and a line on stderr redrawn a few
//! times a second when stderr is a terminal. The line holds counts and rates only, never a
//! path or a value read from a file.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Counters shared by the walker, the readers and the writer.
#[derive(Debug)]
pub struct Progress {
    /// Files (and failed paths) the walk has handed on.
    pub found: AtomicU64,
    /// Rows made.
    pub done: AtomicU64,
    /// Rows whose status is not `ok`.
    pub problems: AtomicU64,
    /// The walk has finished: `found` is the total.
    pub walk_finished: AtomicBool,
    started: Instant,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            found: AtomicU64::new(0),
            done: AtomicU64::new(0),
            problems: AtomicU64::new(0),
            walk_finished: AtomicBool::new(false),
            started: Instant::now(),
        }
    }
}

impl Progress {
    /// Time since the run started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The progress line: files done, rate, problems, elapsed, and a percentage once the
    /// walk has counted everything.
    pub fn line(&self) -> String {
        let done = self.done.load(Ordering::Relaxed);
        let problems = self.problems.load(Ordering::Relaxed);
        let secs = self.elapsed().as_secs_f64();
        let rate = if secs > 0.0 { done as f64 / secs } else { 0.0 };
        let mut line = format!(
            "{done} files, {rate:.0} files/s, {problems} not ok, {}",
            clock(self.elapsed())
        );
        if self.walk_finished.load(Ordering::Relaxed) {
            let found = self.found.load(Ordering::Relaxed).max(1);
            line.push_str(&format!(", {:.1}%", 100.0 * done as f64 / found as f64));
        } else {
            let found = self.found.load(Ordering::Relaxed);
            line.push_str(&format!(", {found} found so far"));
        }
        line
    }
}

/// `h:mm:ss`.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Whether a progress line should be drawn: stderr is a terminal and not `--quiet`.
pub fn should_draw(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal()
}

/// Redraws the progress line until `stop` is set, then clears it.
pub fn draw_until(progress: &Progress, stop: &AtomicBool) {
    let mut err = std::io::stderr();
    while !stop.load(Ordering::Relaxed) {
        let _ = write!(err, "\r\x1b[2K{}", progress.line());
        let _ = err.flush();
        // Short sleeps so the line disappears promptly at the end.
        for _ in 0..5 {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let _ = write!(err, "\r\x1b[2K");
    let _ = err.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_shows_a_percentage_once_the_walk_has_finished() {
        let p = Progress::default();
        p.found.store(200, Ordering::Relaxed);
        p.done.store(50, Ordering::Relaxed);
        assert!(p.line().contains("found so far"));
        p.walk_finished.store(true, Ordering::Relaxed);
        assert!(p.line().contains("25.0%"), "{}", p.line());
    }

    #[test]
    fn clock_formats_hours_minutes_seconds() {
        assert_eq!(clock(Duration::from_secs(3725)), "1:02:05");
    }
}

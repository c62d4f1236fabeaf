//! A progress bar on stderr for long runs at a terminal; never in CI logs or when stderr
//! is not a terminal.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// How many files a run checks before the bar shows.
pub const SHOW_AFTER: usize = 300;

/// The bar, shown once a run has checked [`SHOW_AFTER`] files.
pub struct Progress {
    enabled: bool,
    count: usize,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar that shows only if stderr is a terminal and no CI variable is set.
    pub fn new() -> Progress {
        let ci = ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILD_NUMBER", "TF_BUILD"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|v| !v.is_empty()));
        Progress { enabled: !ci && std::io::stderr().is_terminal(), count: 0, bar: None }
    }

    /// Counts `files` more checked.
    pub fn advance(&mut self, files: usize) {
        self.count += files;
        if self.enabled && self.bar.is_none() && self.count > SHOW_AFTER {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {pos} files checked ({per_sec})") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.count as u64);
        }
    }

    /// Runs `write` with the bar cleared, so that output to the terminal is not mixed with
    /// it.
    pub fn suspend<T>(&self, write: impl FnOnce() -> T) -> T {
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    /// Clears the bar.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

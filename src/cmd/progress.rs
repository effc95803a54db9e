//! The progress bar of a long build on the terminal: its phases, and the pages rendered of
//! all. Drawn on stderr only when stderr is a terminal, and only once the build has run for
//! [`SHOWN_AFTER`], so that a quick build prints nothing but its summary.

use std::io::IsTerminal;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use newsdesk::progress::{Phase, Progress};

/// How long a build runs before its bar is drawn.
pub const SHOWN_AFTER: Duration = Duration::from_secs(1);

/// A phase without a count: a spinner, what is being done and for how long.
const PHASE: &str = "{spinner} {msg} ({elapsed})";
/// Rendering: the pages done of all.
const PAGES: &str = "{spinner} {msg} {wide_bar} {pos}/{len} pages ({elapsed})";

/// The bar of one build; cleared when dropped (before the summary line is printed).
pub struct Bar {
    bar: ProgressBar,
    /// Dropping the sender stops the thread that draws the bar once [`SHOWN_AFTER`] has
    /// passed, if it has not yet.
    reveal: Option<(mpsc::Sender<()>, JoinHandle<()>)>,
}

impl Bar {
    /// The bar of a build starting now, or `None` when nothing is to be drawn: `quiet`, or
    /// stderr is not a terminal (a pipe, a file, CI).
    pub fn start(quiet: bool) -> Option<Bar> {
        if quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
            .with_style(style(PHASE));
        let (stop, stopped) = mpsc::channel::<()>();
        let shown = bar.clone();
        let reveal = std::thread::spawn(move || {
            if stopped.recv_timeout(SHOWN_AFTER) == Err(mpsc::RecvTimeoutError::Timeout) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(100));
            }
        });
        Some(Bar {
            bar,
            reveal: Some((stop, reveal)),
        })
    }
}

impl Progress for Bar {
    fn phase(&self, phase: Phase) {
        match phase {
            Phase::Rendering(pages) => {
                self.bar.set_style(style(PAGES));
                self.bar.set_length(pages as u64);
                self.bar.set_position(0);
            }
            _ => self.bar.set_style(style(PHASE)),
        }
        self.bar.set_message(name(phase));
    }

    fn page_done(&self) {
        self.bar.inc(1);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        // The drawing thread stops first, so that nothing is drawn after the bar is cleared.
        if let Some((stop, reveal)) = self.reveal.take() {
            drop(stop);
            let _ = reveal.join();
        }
        self.bar.finish_and_clear();
    }
}

/// A phase as the bar names it.
fn name(phase: Phase) -> &'static str {
    match phase {
        Phase::Reading => "reading",
        Phase::Assembling => "assembling",
        Phase::Developing => "resizing photos",
        Phase::Copying => "copying static/",
        Phase::Rendering(_) => "rendering",
        Phase::Checking => "checking links",
        Phase::Writing => "writing",
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).expect("the bar's templates are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_templates_are_valid() {
        style(PHASE);
        style(PAGES);
    }
}

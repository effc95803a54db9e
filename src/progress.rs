//! What a build is doing while it works. The build says which phase it is in and counts the
//! pages it renders; whoever started it shows that or not (`newsdesk build` draws a bar on a
//! terminal). The library itself draws nothing.

/// The phases of a build, in the order they come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading the site: its templates, site.toml, the gazetteer and every article file.
    Reading,
    /// Assembling the model (what is published, the indexes, the related lists) and
    /// planning its pages.
    Assembling,
    /// Making the copies of the photos the photo cache does not hold yet.
    Developing,
    /// Copying static/ and the photos' copies into the new output.
    Copying,
    /// Rendering this many pages, each counted by [`Progress::page_done`] when it is
    /// written (or taken unchanged from the previous build).
    Rendering(usize),
    /// Checking the bodies' links and images against the pages.
    Checking,
    /// Putting the new site in the output's place and keeping the build cache.
    Writing,
}

/// Told what a build is doing. Pages are rendered on several threads at once, and each of
/// them calls [`Progress::page_done`].
pub trait Progress: Sync {
    /// A phase begins (the previous one, if any, is over).
    fn phase(&self, phase: Phase);
    /// One more page of [`Phase::Rendering`] is done.
    fn page_done(&self);
}

/// A build nobody watches: tests, and a build whose stderr is not a terminal or that is
/// `--quiet`.
pub struct Unwatched;

impl Progress for Unwatched {
    fn phase(&self, _: Phase) {}
    fn page_done(&self) {}
}

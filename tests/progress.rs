//! A build tells whoever watches it what it is doing: each phase in order, and every page it
//! renders, so that `newsdesk build` can show a progress bar on a terminal.

mod common;

use std::sync::Mutex;

use common::{TestSite, article};
use newsdesk::build::{BuildOptions, build};
use newsdesk::diagnostics::Report;
use newsdesk::output::Output;
use newsdesk::progress::{Phase, Progress};
use newsdesk::site::LoadOptions;

/// What a build told its watcher, in order: each phase, and the pages done since the last.
#[derive(Default)]
struct Watcher(Mutex<Vec<(Phase, usize)>>);

impl Progress for Watcher {
    fn phase(&self, phase: Phase) {
        self.0.lock().unwrap().push((phase, 0));
    }

    fn page_done(&self) {
        let mut told = self.0.lock().unwrap();
        told.last_mut().expect("a page is done within a phase").1 += 1;
    }
}

fn watched_build(site: &TestSite) -> (Vec<(Phase, usize)>, usize) {
    let output = Output::resolve(site.path(), &site.public(), false).expect("the output is ours");
    let options = BuildOptions {
        site: site.path().to_path_buf(),
        output,
        load: LoadOptions {
            now: Some("2025-06-01T00:00:00Z".parse().unwrap()),
            ..LoadOptions::default()
        },
        strict: false,
        cache: true,
    };
    let watcher = Watcher::default();
    let summary = build(&options, &mut Report::default(), &watcher).expect("the site builds");
    (watcher.0.into_inner().unwrap(), summary.recap.pages)
}

#[test]
fn a_build_tells_each_phase_in_order_and_counts_every_page_it_renders() {
    let site = TestSite::new();
    for day in 1..=3 {
        site.write(
            &format!("content/world/story-{day}.md"),
            article(
                &format!("Story {day}"),
                &format!("2025-05-0{day}T09:00:00Z"),
                "tags = [\"Energy\"]",
                "Text.",
            ),
        );
    }
    let (told, pages) = watched_build(&site);
    assert!(pages > 10, "{pages}");
    assert_eq!(
        told,
        vec![
            (Phase::Reading, 0),
            (Phase::Assembling, 0),
            (Phase::Developing, 0),
            (Phase::Copying, 0),
            (Phase::Rendering(pages), pages),
            (Phase::Checking, 0),
            (Phase::Writing, 0),
        ]
    );

    // Pages taken unchanged from the previous build are counted too.
    site.write(
        "content/world/story-1.md",
        article(
            "Story 1, updated",
            "2025-05-01T09:00:00Z",
            "tags = [\"Energy\"]",
            "Text.",
        ),
    );
    let (told, pages) = watched_build(&site);
    assert!(told.contains(&(Phase::Rendering(pages), pages)), "{told:?}");

    // A build with nothing to do only reads.
    let (told, _) = watched_build(&site);
    assert_eq!(told, vec![(Phase::Reading, 0)]);
}

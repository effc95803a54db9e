//! A desk that moved its archive: every story links to an address the site no longer has.
//! Each broken link is reported with its file and line, and a mistyped address still gets
//! its "did you mean".

mod common;

use common::{TestSite, article};

const STORIES: usize = 400;

/// The day of May 2025 story `i` is dated, and so its address.
fn day(i: usize) -> usize {
    1 + i % 28
}

/// A site of `STORIES` stories, each linking to its old address under /archive/, and one
/// story linking to another with a typo in the slug and with the wrong day.
fn moved_archive() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.toml",
        "title = \"The Desk\"\nbase_url = \"https://news.example.com\"\n",
    );
    for i in 0..STORIES {
        site.write(
            &format!("content/news/story-{i}.md"),
            article(
                &format!("Story {i}"),
                &format!("2025-05-{:02}T09:00:00Z", day(i)),
                "",
                &format!("See [the archive](/archive/story-{i}) for more."),
            ),
        );
    }
    site.write(
        "content/news/corrections.md",
        article(
            "Corrections",
            "2025-05-30T09:00:00Z",
            "",
            "We misspelled [a story](/2025/05/02/stroy-1/).\n\nAnd misdated [another](/2025/05/09/story-2/).",
        ),
    );
    site
}

#[test]
fn every_broken_link_of_a_moved_archive_is_reported_and_a_typo_gets_its_suggestion() {
    let site = moved_archive();
    let checked = site.run(&["check", "--now", "2025-06-01T00:00:00Z"]);
    assert_eq!(checked.code, 1, "{}", checked.stderr);
    for i in 0..STORIES {
        let problem = format!(
            "content/news/story-{i}.md:6:5: error: broken link to /archive/story-{i}: the site has no page /archive/story-{i}"
        );
        assert!(
            checked.stderr.contains(&problem),
            "no `{problem}` in:\n{}",
            checked.stderr
        );
    }
    for (place, link, near) in [
        ("6:15", "/2025/05/02/stroy-1/", "/2025/05/02/story-1/"),
        ("8:14", "/2025/05/09/story-2/", "/2025/05/03/story-2/"),
    ] {
        let problem = format!(
            "content/news/corrections.md:{place}: error: broken link to {link}: the site has no page {link}\n  help: did you mean {near}?"
        );
        assert!(
            checked.stderr.contains(&problem),
            "no `{problem}` in:\n{}",
            checked.stderr
        );
    }
    assert!(
        checked.stdout.contains(&format!("{} errors", STORIES + 2)),
        "{}",
        checked.stdout
    );

    let built = site.run(&["build", "--now", "2025-06-01T00:00:00Z"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert_eq!(
        built.stderr.matches("warning: broken link to").count(),
        STORIES + 2,
        "{}",
        built.stderr
    );
    assert!(
        built.stderr.contains(
            "content/news/corrections.md:6:15: warning: broken link to /2025/05/02/stroy-1/"
        ),
        "{}",
        built.stderr
    );
}

//! Fronts (`content/_fronts.toml`): what editors put on top of the home page and of the
//! section fronts, and the breaking-news strip, as a reader sees them.

mod common;

use std::collections::HashMap;

use common::{Page, TestSite, article};

/// A desk of ten stories, one a day from 1 June 2025 (story 9 the newest), in three sections:
/// world (0, 3, 6, 9), business (1, 4, 7), sport (2, 5, 8).
fn desk() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.toml",
        "title = \"Lachin Ledger\"\nbase_url = \"https://news.example.com\"\ntimezone = \"Asia/Baku\"\nper_page = 4\n",
    );
    for i in 0..10 {
        let section = ["world", "business", "sport"][i % 3];
        site.write(
            &format!("content/{section}/story-{i}.md"),
            article(
                &format!("Story {i}"),
                &format!("2025-06-{:02}T09:00:00+04:00", i + 1),
                "byline = \"News Desk\"",
                &format!("BAKU: The text of story {i}."),
            ),
        );
    }
    site
}

/// The address of story `i` of the desk.
fn url(i: usize) -> String {
    format!("/2025/06/{:02}/story-{i}/", i + 1)
}

/// How many times each story is linked from the page's main content.
fn story_links(page: &Page) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for link in page.main_links() {
        if link.starts_with("/2025/") {
            *counts.entry(link).or_default() += 1;
        }
    }
    counts
}

#[test]
fn the_lead_and_top_stories_editors_choose_come_first_on_the_home_page_and_a_section_front() {
    let site = desk();
    site.write(
        "content/_fronts.toml",
        "[home]\nlead = \"world/story-3.md\"\ntop = [\"sport/story-2.md\", \"business/story-7.md\"]\n\n[world]\nlead = \"world/story-0.md\"\ntop = [\"world/story-6.md\"]\n",
    );
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("_fronts.toml"), "{}", run.stderr);

    let home = site.page("/");
    let links = home.article_links();
    assert_eq!(links[..3], [url(3), url(2), url(7)], "{links:?}");
    // The lead is the front's lead, then the top stories, then the newest of the others.
    assert_eq!(home.attrs(".lead-title a", "href"), vec![url(3)]);
    assert_eq!(
        home.attrs(".top-stories .card-title a", "href"),
        vec![url(2), url(7), url(9)]
    );

    let world = site.page("/world/");
    assert_eq!(world.attrs(".lead-title a", "href"), vec![url(0)]);
    assert_eq!(
        world.article_links()[..3],
        [url(0), url(6), url(9)],
        "then the newest of the section"
    );
    // Another section's front, with no table of its own, is newest first.
    assert_eq!(
        site.page("/sport/").attrs(".lead-title a", "href"),
        vec![url(8)]
    );
}

#[test]
fn the_home_page_has_a_latest_river_with_times_and_a_block_for_each_section() {
    let site = desk();
    site.build_ok(&[]);
    let home = site.page("/");
    // per_page = 4: the lead and three top stories; the sections' blocks show the newest
    // of each section not above, under the section's name, linking to the section.
    assert_eq!(home.attrs(".lead-title a", "href"), vec![url(9)]);
    assert_eq!(
        home.attrs(".block-heading a", "href"),
        vec!["/world/", "/business/", "/sport/"]
    );
    assert_eq!(
        home.texts(".block-heading"),
        vec!["World ›", "Business ›", "Sport ›"]
    );
    assert_eq!(
        home.attrs("#block-world ~ .block-stories .card-title a", "href"),
        vec![url(3), url(0)]
    );

    let wide = TestSite::new();
    wide.write("site.toml", "timezone = \"Asia/Baku\"\nper_page = 8\n");
    for i in 0..10 {
        let section = ["world", "business"][i % 2];
        wide.write(
            &format!("content/{section}/story-{i}.md"),
            article(
                &format!("Story {i}"),
                &format!("2025-06-{:02}T{:02}:30:00+04:00", i + 1, 8 + i),
                "",
                "x",
            ),
        );
    }
    wide.build_ok(&[]);
    let home = wide.page("/");
    // The lead, four top stories, and the latest three with their time and day.
    assert_eq!(
        home.attrs(".latest-title a", "href"),
        vec![url(4), url(3), url(2)]
    );
    assert_eq!(
        home.texts(".latest-when"),
        vec![
            "12:30 5 June 2025",
            "11:30 4 June 2025",
            "10:30 3 June 2025"
        ]
    );
    assert_eq!(
        home.attrs(".latest-when", "datetime")[0],
        "2025-06-05T12:30:00+04:00"
    );
}

#[test]
fn a_listed_story_that_cannot_be_shown_is_left_out_with_a_warning_at_its_line() {
    let site = desk();
    site.write(
        "content/world/draft.md",
        article("A draft", "2025-06-05T10:00:00+04:00", "draft = true", "x"),
    )
    .write(
        "content/world/later.md",
        article("Later", "2030-01-01T10:00:00+04:00", "", "x"),
    )
    .write(
        "content/world/pulled.md",
        article(
            "Pulled",
            "2025-06-05T10:00:00+04:00",
            "expires = 2025-06-06T00:00:00+04:00",
            "x",
        ),
    );
    site.write(
        "content/_fronts.toml",
        "[home]\nlead = \"world/draft.md\"\ntop = [\n  \"world/later.md\",\n  \"world/pulled.md\",\n  \"world/story-99.md\",\n  \"world/story-3.md\",\n  \"world/story-3.md\",\n]\n\n[world]\nlead = \"business/story-1.md\"\n",
    );
    let run = site.build_ok(&["--now", "2025-07-01T00:00:00+04:00"]);
    for (line, says) in [
        (
            2,
            "[home] lead: content/world/draft.md is a draft, so it is left out",
        ),
        (
            4,
            "[home] top: content/world/later.md is scheduled for 1 January 2030",
        ),
        (
            5,
            "[home] top: content/world/pulled.md has expired, so it is left out",
        ),
        (6, "[home] top: there is no story content/world/story-99.md"),
        (
            8,
            "[home] top: content/world/story-3.md is already on this front (line 7)",
        ),
        (
            12,
            "[world] lead: content/business/story-1.md is in the section `business`, not `world`",
        ),
    ] {
        let expected = format!("content/_fronts.toml:{line}:1: warning: {says}");
        assert!(
            run.stderr.contains(&expected),
            "no `{expected}` in:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("help: did you mean \"world/story-9.md\"?"),
        "{}",
        run.stderr
    );
    // The lead's place goes to the newest story; story 3 is a top story, once.
    let home = site.page("/");
    assert_eq!(home.attrs(".lead-title a", "href"), vec![url(9)]);
    assert_eq!(home.attrs(".top-stories .card-title a", "href")[0], url(3));
    assert!(!home.html.contains("A draft") && !home.html.contains("Pulled"));
    assert_eq!(
        site.page("/world/").attrs(".lead-title a", "href"),
        vec![url(9)]
    );
}

#[test]
fn no_story_is_shown_twice_on_a_front_and_none_is_lost_across_its_pages() {
    let site = desk();
    site.write(
        "content/_fronts.toml",
        "[home]\nlead = \"world/story-0.md\"\ntop = [\"sport/story-5.md\", \"world/story-0.md\"]\n[sport]\nlead = \"sport/story-2.md\"\n",
    );
    for i in 10..30 {
        site.write(
            &format!("content/world/old-{i}.md"),
            article(
                &format!("Old {i}"),
                &format!("2025-05-{:02}T09:00:00+04:00", i - 9),
                "",
                "x",
            ),
        );
    }
    site.build_ok(&[]);
    for (front, total) in [("/", 30), ("/world/", 24), ("/sport/", 3)] {
        let first = site.page(front);
        let mut seen: Vec<String> = Vec::new();
        for (link, times) in story_links(&first) {
            assert_eq!(times, 1, "{link} is shown {times} times on {front}");
            seen.push(link);
        }
        let mut n = 2;
        while site.has_page(&format!("{front}page/{n}/")) {
            let page = site.page(&format!("{front}page/{n}/"));
            for link in page.article_links() {
                assert!(
                    !seen.contains(&link),
                    "{link} is on {front} twice (page {n})"
                );
                seen.push(link);
            }
            n += 1;
        }
        assert_eq!(seen.len(), total, "{front}: {seen:?}");
    }
    // Page 2 of the home page lists what the front does not show, newest first.
    let second = site.page("/page/2/").article_links();
    let mut sorted = second.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(second, sorted);
}

#[test]
fn the_breaking_strip_shows_on_every_page_until_it_ends() {
    let site = desk();
    site.write(
        "content/_fronts.toml",
        "[breaking]\ntext = \"Polls close in Baku\"\nurl = \"/2025/06/10/story-9/\"\nuntil = 2025-06-13T02:00:00+04:00\n",
    );
    site.build_ok(&["--now", "2025-06-12T20:00:00+04:00"]);
    let pages: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.ends_with("index.html") || f == "404.html")
        .collect();
    assert!(pages.len() > 10, "{pages:?}");
    for file in &pages {
        let page = site.page(&format!("/{}", file.trim_end_matches("index.html")));
        assert_eq!(
            page.texts("section.breaking[aria-label=\"Breaking news\"]"),
            vec!["Breaking Polls close in Baku"],
            "{file}"
        );
        assert_eq!(page.attrs(".breaking a", "href"), vec![url(9)], "{file}");
    }
    // The next build after the strip's end takes it off every page, by itself.
    let run = site.build_ok(&["--now", "2025-06-13T02:00:00+04:00"]);
    assert!(!run.stdout.contains("nothing changed"), "{}", run.stdout);
    for file in &pages {
        let page = site.page(&format!("/{}", file.trim_end_matches("index.html")));
        assert!(
            page.texts(".breaking").is_empty(),
            "{file} still has the strip"
        );
    }
}

#[test]
fn after_its_until_the_home_page_is_newest_first_again() {
    let site = desk();
    site.write(
        "content/_fronts.toml",
        "[home]\nlead = \"world/story-0.md\"\nuntil = 2025-06-20T06:00:00+04:00\n",
    );
    site.build_ok(&["--now", "2025-06-20T05:59:00+04:00"]);
    assert_eq!(site.page("/").attrs(".lead-title a", "href"), vec![url(0)]);
    let run = site.build_ok(&["--now", "2025-06-20T06:00:00+04:00"]);
    assert!(!run.stdout.contains("nothing changed"), "{}", run.stdout);
    assert_eq!(site.page("/").attrs(".lead-title a", "href"), vec![url(9)]);
}

#[test]
fn a_malformed_fronts_file_is_an_error_at_its_line_saying_what_to_write() {
    let site = desk();
    site.write(
        "content/_fronts.toml",
        "[home]\nleed = \"world/story-0.md\"\ntop = \"sport/story-2.md\"\nuntil = \"tomorrow\"\n\n[breaking]\ntext = \"Polls close\"\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    for (place, says, help) in [
        (
            "2:1",
            "[home] has no setting `leed`",
            "did you mean `lead`?",
        ),
        (
            "3:7",
            "[home] top is a list of story files",
            "write top = [\"",
        ),
        (
            "4:9",
            "[home] until: \"tomorrow\" is not written as a date",
            "write until = 2025-06-13T02:00:00+04:00",
        ),
        (
            "6:2",
            "[breaking] has no until",
            "add under [breaking] the moment it ends: until = ",
        ),
    ] {
        let expected = format!("content/_fronts.toml:{place}: error: {says}");
        assert!(
            run.stderr.contains(&expected),
            "no `{expected}` in:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(help),
            "no help `{help}` in:\n{}",
            run.stderr
        );
    }

    site.write(
        "content/_fronts.toml",
        "[home]\nlead = \"world/story-0.md\"\ntop = [\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/_fronts.toml:") && run.stderr.contains("error: invalid TOML"),
        "{}",
        run.stderr
    );
}

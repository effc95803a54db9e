//! `build` runs the same checks as `check` (SPEC 9.7): what `check` counts as an error, the
//! build prints as a warning; `--strict` makes warnings fail the build, publishing nothing.

mod common;

use common::{TestSite, article};

const SETTINGS: &str = "title = \"The Desk\"\nbase_url = \"https://news.example.com\"\n";

/// A site whose one article has a broken internal link, a link to a missing #anchor and an
/// HTML image that is not in static/ (a Markdown photo that is missing is an error of the
/// build: tests/photos.rs).
fn site_with_broken_body() -> TestSite {
    let site = TestSite::new();
    site.write("site.toml", SETTINGS);
    site.write(
        "content/news/budget.md",
        article(
            "Council approves budget",
            "2025-05-28T18:30:00+04:00",
            "",
            "The vote ([earlier](/tags/no-such-tag/)) followed [the plan](/news/#nowhere).\n\n<img src=\"/images/chamber.jpg\" alt=\"The council chamber\">",
        ),
    );
    site
}

#[test]
fn a_broken_link_or_missing_image_is_a_warning_of_the_build_and_an_error_of_check() {
    let site = site_with_broken_body();
    let built = site.run(&["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    for problem in [
        "content/news/budget.md:6:11: warning: broken link to /tags/no-such-tag/",
        "warning: broken link to /news/#nowhere: the page /news/ has no anchor #nowhere",
        "content/news/budget.md:8:1: warning: the image /images/chamber.jpg is not in static/",
    ] {
        assert!(
            built.stderr.contains(problem),
            "build should warn `{problem}`:\n{}",
            built.stderr
        );
    }
    assert!(site.has_page("/news/"), "the site is published");

    let checked = site.run(&["check"]);
    assert_eq!(checked.code, 1);
    assert!(
        checked
            .stderr
            .contains("content/news/budget.md:6:11: error: broken link to /tags/no-such-tag/"),
        "{}",
        checked.stderr
    );
    assert!(
        checked
            .stderr
            .contains("error: the image /images/chamber.jpg is not in static/"),
        "{}",
        checked.stderr
    );
}

#[test]
fn strict_fails_on_warnings_and_leaves_the_previous_site() {
    let site = TestSite::new();
    site.write("site.toml", SETTINGS);
    site.write(
        "content/news/budget.md",
        article(
            "Council approves budget",
            "2025-05-28T18:30:00+04:00",
            "",
            "The vote was close.",
        ),
    );
    let first = site.run(&["build", "--strict"]);
    assert_eq!(
        first.code, 0,
        "a clean site builds with --strict: {}",
        first.stderr
    );
    let before = site.all_output();

    site.write(
        "content/news/budget.md",
        article(
            "Council approves budget, again",
            "2025-05-28T18:30:00+04:00",
            "",
            "See [the plan](/no-such-page/).",
        ),
    );
    let strict = site.run(&["build", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict
            .stderr
            .contains("warning: broken link to /no-such-page/"),
        "{}",
        strict.stderr
    );
    assert!(
        strict.stderr.contains("--strict"),
        "the failure says why: {}",
        strict.stderr
    );
    assert_eq!(site.all_output(), before, "nothing was published");

    let lenient = site.run(&["build"]);
    assert_eq!(lenient.code, 0, "{}", lenient.stderr);
    assert!(site.all_output().contains("Council approves budget, again"));
}

#[test]
fn a_localhost_base_url_is_a_warning_unless_given_on_the_command_line() {
    let site = TestSite::new();
    site.write("site.toml", "title = \"The Desk\"\n");
    site.write(
        "content/news/budget.md",
        article(
            "Council approves budget",
            "2025-05-28T18:30:00+04:00",
            "",
            "The vote was close.",
        ),
    );
    let built = site.run(&["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(
        built.stderr.contains(
            "site.toml: warning: the base URL http://localhost:1111 is an address of this computer"
        ),
        "{}",
        built.stderr
    );
    assert!(built.stderr.contains("--base-url"), "{}", built.stderr);

    site.write(
        "site.toml",
        "title = \"The Desk\"\nbase_url = \"http://127.0.0.1:8080\"\n",
    );
    let numeric = site.run(&["build"]);
    assert!(
        numeric
            .stderr
            .contains("site.toml:2:1: warning: the base URL"),
        "{}",
        numeric.stderr
    );

    let given = site.run(&["build", "--base-url", "http://localhost:8000"]);
    assert_eq!(given.code, 0);
    assert!(
        !given.stderr.contains("base URL"),
        "asked for on purpose: {}",
        given.stderr
    );

    site.write("site.toml", SETTINGS);
    let real = site.run(&["build"]);
    assert!(!real.stderr.contains("warning"), "{}", real.stderr);
}

#[test]
fn a_published_story_still_holding_the_placeholder_body_is_a_warning_of_the_build() {
    let site = TestSite::new();
    site.write("site.toml", SETTINGS);
    let new = site.run(&["new", "Council approves budget", "--publish"]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    let built = site.run(&["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(
        built
            .stderr
            .contains("warning: the body is still the placeholder written by `newsdesk new`"),
        "{}",
        built.stderr
    );
    let strict = site.run(&["build", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

//! Bad input: every problem reported at once, with its file, line and what to do, exit code 1,
//! and the previous site left exactly as it was.

mod common;

use common::{Run, TestSite, article};

/// A site that built once, so that a failing build has something to leave alone.
fn built_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/world/2025-01-01-good.md",
        article(
            "Good story",
            "2025-01-01T09:00:00Z",
            "tags = [\"Ok\"]",
            "Fine.",
        ),
    );
    site.build_ok(&[]);
    site
}

/// Runs a build that must fail, and checks the previous output is byte for byte the same.
fn failing_build(site: &TestSite) -> Run {
    let before: Vec<(String, Vec<u8>)> = site
        .files()
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(site.public().join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    let run = site.run(&["build"]);
    assert_eq!(
        run.code, 1,
        "expected a content error:\n{}\n{}",
        run.stdout, run.stderr
    );
    let after: Vec<(String, Vec<u8>)> = site
        .files()
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(site.public().join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    assert!(before == after, "the previous output changed");
    assert!(run.stderr.contains("was left as it was"), "{}", run.stderr);
    let leftovers = std::fs::read_dir(site.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".public")
        })
        .count();
    assert_eq!(leftovers, 0, "no staging folder is left behind");
    run
}

#[test]
fn bad_toml_names_the_file_and_line() {
    let site = built_site();
    site.write(
        "content/world/bad.md",
        "+++\ntitle = \"Unclosed\ndate = 2025-01-01\n+++\nx\n",
    );
    let run = failing_build(&site);
    assert!(
        run.stderr.contains("content/world/bad.md:2:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("invalid TOML"), "{}", run.stderr);
}

#[test]
fn a_missing_title_and_a_missing_date_are_both_reported_in_one_run() {
    let site = built_site();
    site.write(
        "content/world/no-title.md",
        "+++\ndate = 2025-01-01\n+++\nx\n",
    )
    .write(
        "content/world/no-date.md",
        "+++\ntitle = \"Undated\"\n+++\nx\n",
    );
    let run = failing_build(&site);
    assert!(
        run.stderr
            .contains("content/world/no-title.md:2:1: error: the article has no title"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: add the headline"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/world/no-date.md:2:1: error: the article has no date"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("build failed with 2 errors"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_date_points_at_the_date() {
    let site = built_site();
    site.write(
        "content/world/bad-date.md",
        "+++\ntitle = \"X\"\ndate = 2025-02-30T09:00:00Z\n+++\nx\n",
    )
    .write(
        "content/world/quoted.md",
        "+++\ntitle = \"Y\"\ndate = \"yesterday\"\n+++\nx\n",
    );
    let run = failing_build(&site);
    assert!(
        run.stderr.contains("content/world/bad-date.md:3:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/world/quoted.md:3:8"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("write date = 2025-05-28T18:30:00+04:00, or date = 2025-05-28"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_that_is_not_utf8_is_named_with_its_line() {
    let site = built_site();
    site.write(
        "content/world/latin1.md",
        b"+++\ntitle = \"Caf\xe9\"\ndate = 2025-01-01\n+++\nx\n",
    );
    let run = failing_build(&site);
    assert!(
        run.stderr.contains("content/world/latin1.md:2:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not UTF-8"), "{}", run.stderr);
}

#[test]
fn front_matter_that_is_never_closed_says_what_to_add() {
    let site = built_site();
    site.write(
        "content/world/open.md",
        "+++\ntitle = \"Open\"\ndate = 2025-01-01\n\nThe story.\n",
    );
    let run = failing_build(&site);
    assert!(
        run.stderr.contains(
            "content/world/open.md:1:1: error: the front matter opened on line 1 is never closed"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("add a line `+++`"), "{}", run.stderr);
}

#[test]
fn two_articles_with_one_url_name_both_files() {
    let site = built_site();
    site.write(
        "content/world/2025-03-01-same.md",
        article("One", "2025-03-01T09:00:00Z", "", "x"),
    )
    .write(
        "content/sport/2025-03-01-same.txt",
        article("Two", "2025-03-01T10:00:00Z", "", "x"),
    );
    let run = failing_build(&site);
    assert!(
        run.stderr.contains("content/world/2025-03-01-same.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/sport/2025-03-01-same.txt"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("/2025/03/01/same/"), "{}", run.stderr);
}

#[test]
fn an_empty_tag_or_location_is_an_error_at_its_place() {
    let site = built_site();
    site.write("content/world/empty.md", "+++\ntitle = \"E\"\ndate = 2025-01-01\ntags = [\"Fine\", \"  \"]\nlocations = [\"--\"]\n+++\nx\n");
    let run = failing_build(&site);
    assert!(
        run.stderr.contains("content/world/empty.md:4:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/world/empty.md:5:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("is empty"), "{}", run.stderr);
}

#[test]
fn a_template_syntax_error_names_the_template_and_line() {
    let site = built_site();
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% if %}\n{% endblock main %}\n",
    );
    let run = failing_build(&site);
    assert!(
        run.stderr.contains("templates/article.html:3:"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_template_variable_names_the_template_and_line() {
    let site = built_site();
    site.write("templates/tag.html", "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ term.nam }}</p>\n<p>{{ artcles }}</p>{% endblock main %}\n");
    let run = failing_build(&site);
    assert!(
        run.stderr.contains("templates/tag.html:3:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("rendering /tags/ok/"), "{}", run.stderr);
}

#[test]
fn unknown_front_matter_keys_are_warnings_naming_the_closest_key() {
    let site = built_site();
    site.write(
        "content/world/typo.md",
        "+++\ntitle = \"Typo\"\ndate = 2025-01-02\ntagz = [\"x\"]\n+++\nx\n",
    );
    let run = site.build_ok(&[]);
    assert!(
        run.stderr
            .contains("content/world/typo.md:4:1: warning: unknown front-matter key `tagz`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `tags`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_cycle_in_the_gazetteer_names_the_places() {
    let site = built_site();
    site.write(
        "content/_locations.toml",
        "[Baku]\nin = \"Azerbaijan\"\n[Azerbaijan]\nin = \"Baku\"\n",
    );
    let run = failing_build(&site);
    assert!(
        run.stderr.contains("content/_locations.toml:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Azerbaijan -> Baku -> Azerbaijan"),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let site = built_site();
    assert_eq!(site.run(&["build", "--no-such-flag"]).code, 2);
    let run = site.run(&["build", "--now", "next tuesday"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--now"), "{}", run.stderr);
}

//! What a build publishes and where: nothing from outside the site folder, one owner for
//! every address of the output, and output that grows in step with the input.

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use common::{TestSite, article};

/// A site with one article in world/.
fn one_story() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/world/2025-01-01-lachin.md",
        article("Lachin talks", "2025-01-01T09:00:00Z", "", "BAKU: Talks."),
    );
    site
}

fn link(site: &TestSite, target: impl AsRef<Path>, at: &str) {
    let at = site.path().join(at);
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    symlink(target, at).unwrap();
}

/// The total size of every file of the built site.
fn output_bytes(site: &TestSite) -> u64 {
    walkdir::WalkDir::new(site.public())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().unwrap().len())
        .sum()
}

// Finding 1: nothing outside the site is published.

#[test]
fn links_in_static_to_secrets_outside_the_site_fail_the_build_and_publish_nothing() {
    let site = one_story();
    link(&site, "/proc/self/environ", "static/env.txt");
    link(&site, "/etc/passwd", "static/passwd");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.public().exists(), "nothing is published");
    for (file, target) in [
        ("static/env.txt", "/proc/self/environ"),
        ("static/passwd", "/etc/passwd"),
    ] {
        assert!(
            run.stderr.contains(&format!(
                "{file}: error: this link leads outside the site folder, to {target}"
            )),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_bad_link_in_static_is_reported_in_the_same_run_as_errors_in_articles() {
    let site = one_story();
    site.write(
        "content/world/broken.md",
        "+++\ndate = 2025-01-01\n+++\nx\n",
    );
    link(&site, "/etc/passwd", "static/passwd");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/world/broken.md"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("static/passwd"), "{}", run.stderr);
    let check = site.run(&["check"]);
    assert_ne!(check.code, 0);
    assert!(check.stderr.contains("static/passwd"), "{}", check.stderr);
}

#[test]
fn links_inside_the_site_are_followed_in_static_and_content() {
    let site = one_story();
    site.write("assets/logo.svg", "<svg/>")
        .write("assets/icons/a.svg", "<svg id=\"a\"/>")
        .write(
            "shared/2025-01-02-shared-story.md",
            article(
                "Shared story",
                "2025-01-02T09:00:00Z",
                "",
                "Text with the [logo](/logo.svg) and ![an icon](/icons/a.svg).",
            ),
        );
    link(&site, "../assets/logo.svg", "static/logo.svg");
    link(&site, "../assets/icons", "static/icons");
    link(
        &site,
        "../../shared/2025-01-02-shared-story.md",
        "content/world/2025-01-02-shared-story.md",
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    site.build_ok(&[]);
    assert_eq!(site.file("logo.svg"), "<svg/>");
    assert_eq!(site.file("icons/a.svg"), "<svg id=\"a\"/>");
    assert!(
        site.page("/2025/01/02/shared-story/")
            .texts("h1")
            .contains(&"Shared story".to_string())
    );
}

#[test]
fn an_article_linked_from_outside_the_site_is_an_error_naming_the_link() {
    let site = one_story();
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("story.md");
    std::fs::write(
        &outside,
        article("Outside", "2025-01-02T09:00:00Z", "", "Text."),
    )
    .unwrap();
    link(&site, &outside, "content/world/outside.md");
    link(&site, elsewhere.path(), "content/archive");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!(
            "content/world/outside.md: error: this link leads outside the site folder, to {}",
            outside.display()
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/archive: error"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists());
}

#[test]
fn dangling_and_looping_links_are_clear_errors() {
    let site = one_story();
    link(&site, "missing.css", "static/gone.css");
    link(&site, "loop", "static/loop");
    link(&site, "..", "content/world/again");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "static/gone.css: error: this link leads to missing.css, which does not exist"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("static/loop: error: this link leads to loop, a loop"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/world/again: error: this link leads to .., a loop"),
        "{}",
        run.stderr
    );
}

// Finding 6: one owner for every address.

#[test]
fn an_article_at_the_address_of_the_tag_list_is_an_error_naming_both() {
    let site = TestSite::new();
    site.write("site.toml", "permalink = \"/:slug/\"\n").write(
        "content/world/a.md",
        article(
            "A",
            "2025-01-01T09:00:00Z",
            "tags = [\"Energy\"]\nslug = \"tags\"",
            "x",
        ),
    );
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains(
                "content/world/a.md:5:1: error: this article and the site's list of tags both have the address /tags/"
            ),
            "{command}: {}",
            run.stderr
        );
    }
    assert!(!site.public().exists());
}

#[test]
fn an_article_with_the_slug_of_a_section_is_an_error_naming_both() {
    let site = TestSite::new();
    site.write("site.toml", "permalink = \"/:slug/\"\n")
        .write(
            "content/world/a.md",
            article("A", "2025-01-01T09:00:00Z", "", "x"),
        )
        .write(
            "content/sport/b.md",
            article("B", "2025-01-02T09:00:00Z", "slug = \"world\"", "x"),
        );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/sport/b.md:4:1: error: this article and the pages of the section `World` (named in content/world/a.md) both have the address /world/"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_section_named_like_a_page_of_the_site_is_an_error() {
    let site = TestSite::new();
    site.write(
        "content/archive/a.md",
        article("A", "2025-01-01T09:00:00Z", "", "x"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/archive/a.md: error: the section `Archive` of this article and the site's archive both have the address /archive/"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn two_articles_with_one_slug_are_an_error_at_the_slug_line_naming_the_other() {
    let site = TestSite::new();
    site.write(
        "content/world/2025-01-01-a.md",
        article("A", "2025-01-01T09:00:00Z", "slug = \"same\"", "x"),
    )
    .write(
        "content/world/2025-01-01-b.md",
        article("B", "2025-01-01T10:00:00Z", "\nslug = \"same\"", "x"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/world/2025-01-01-b.md:5:1: error: this article and the article content/world/2025-01-01-a.md (line 4) both have the address /2025/01/01/same/"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_static_file_over_a_page_is_an_error_and_static_robots_txt_replaces_the_built_in_one() {
    let site = one_story();
    site.write("static/robots.txt", "User-agent: *\nDisallow: /private/\n")
        .write("static/style.css", "body{}");
    site.build_ok(&[]);
    assert_eq!(
        site.file("robots.txt"),
        "User-agent: *\nDisallow: /private/\n"
    );
    assert_eq!(site.file("style.css"), "body{}");

    site.write("static/tags/index.html", "<p>mine</p>");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "static/tags/index.html: error: this static file and the site's list of tags both have the address /tags/index.html"
        ),
        "{}",
        run.stderr
    );
    // The previous site is left as it was.
    assert!(!site.page("/tags/").html.contains("mine"));
}

#[test]
fn a_static_file_where_pages_need_a_folder_is_an_error() {
    let site = one_story();
    site.write("static/tags", "not a folder");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("static/tags: error: the static file static/tags is a file at /tags"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_articles_claiming_one_alias_is_an_error_naming_both_lines() {
    let site = TestSite::new();
    site.write(
        "content/world/a.md",
        article("A", "2025-01-01T09:00:00Z", "aliases = [\"/old/\"]", "x"),
    )
    .write(
        "content/world/b.md",
        article("B", "2025-01-02T09:00:00Z", "\naliases = [\"/old\"]", "x"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/world/b.md:5:1: error: alias /old/ is also an alias of content/world/a.md (line 4)"
        ) || run.stderr.contains(
            "content/world/a.md:4:1: error: alias /old/ is also an alias of content/world/b.md (line 5)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_alias_over_a_static_file_is_an_error() {
    let site = TestSite::new();
    site.write(
        "content/world/a.md",
        article(
            "A",
            "2025-01-01T09:00:00Z",
            "aliases = [\"/logo.svg\"]",
            "x",
        ),
    )
    .write("static/logo.svg", "<svg/>");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/world/a.md:4:1: error: alias /logo.svg is the address of a page of the site: the static file static/logo.svg"
        ),
        "{}",
        run.stderr
    );
}

// Finding 7: output grows in step with the input.

fn with_tags(n: usize) -> TestSite {
    let site = TestSite::new();
    let tags: Vec<String> = (0..n).map(|i| format!("\"Topic {i}\"")).collect();
    site.write(
        "content/world/a.md",
        article(
            "Many tags",
            "2025-01-01T09:00:00Z",
            &format!("tags = [{}]", tags.join(", ")),
            "x",
        ),
    );
    site
}

#[test]
fn an_article_with_more_than_100_tags_is_an_error_at_the_tags_line() {
    let site = with_tags(101);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/world/a.md:4:1: error: `tags` names 101 entries; at most 100 are allowed"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help:"), "{}", run.stderr);
    assert!(!site.public().exists());
}

#[test]
fn the_output_of_an_article_with_100_tags_grows_in_step_with_its_tags() {
    let fifty = with_tags(50);
    fifty.build_ok(&[]);
    let hundred = with_tags(100);
    hundred.build_ok(&[]);
    let (small, large) = (output_bytes(&fifty), output_bytes(&hundred));
    let ratio = large as f64 / small as f64;
    // Twice the tags: about twice the pages. A square would make it four times.
    assert!(ratio < 2.5, "{small} -> {large} bytes: ratio {ratio:.2}");
}

/// A site with one article about the innermost of `depth` places, each inside the last.
fn chain_of_places(depth: usize) -> TestSite {
    let site = TestSite::new();
    let gazetteer: String = (1..depth)
        .map(|i| format!("[\"Place {i}\"]\nin = \"Place {}\"\n\n", i - 1))
        .collect();
    site.write("content/_locations.toml", gazetteer).write(
        "content/world/a.md",
        article(
            "Deep",
            "2025-01-01T09:00:00Z",
            &format!("locations = [\"Place {}\"]", depth - 1),
            "x",
        ),
    );
    site
}

#[test]
fn a_gazetteer_deeper_than_20_places_is_an_error_naming_the_place() {
    chain_of_places(20).build_ok(&[]);
    let site = chain_of_places(25);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/_locations.toml:58:1: error: `Place 20` lies more than 20 places deep in the gazetteer"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("places deep").count(),
        1,
        "{}",
        run.stderr
    );
}

//! Kinds of work (SPEC 9.2): news, analysis, opinion, review and sponsored stories, labelled
//! for readers, typed for machines, and sponsored content kept out of the news sitemap.

mod common;

use common::{TestSite, article};

/// One story of each kind, all in the news sitemap's two days before the clock.
fn desk() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.toml",
        "title = \"Ledger\"\nbase_url = \"https://news.example.com\"\n",
    );
    for (i, kind) in ["news", "analysis", "opinion", "review", "sponsored"]
        .iter()
        .enumerate()
    {
        site.write(
            &format!("content/world/{kind}.md"),
            article(
                &format!("A {kind} story"),
                &format!("2025-06-03T0{i}:00:00Z"),
                &format!("kind = \"{kind}\""),
                "BAKU: The text.",
            ),
        );
    }
    site
}

const NOW: &str = "2025-06-03T12:00:00Z";

#[test]
fn every_kind_but_news_is_labelled_on_its_page_and_its_cards() {
    let site = desk();
    site.build_ok(&["--now", NOW]);
    for (kind, label) in [
        ("analysis", Some("Analysis")),
        ("opinion", Some("Opinion")),
        ("review", Some("Review")),
        ("sponsored", Some("Sponsored")),
        ("news", None),
    ] {
        let page = site.page(&format!("/2025/06/03/{kind}/"));
        let labels = page.texts(".story-header .kind-label");
        assert_eq!(
            labels,
            label.map(String::from).into_iter().collect::<Vec<_>>(),
            "the label on the {kind} story"
        );
        // On the home page and the section front, the story's card carries it too.
        for front in ["/", "/world/"] {
            let front = site.page(front);
            let cards = front.texts(".card, .lead");
            let card = cards
                .iter()
                .find(|c| c.contains(&format!("A {kind} story")))
                .unwrap_or_else(|| panic!("no card for the {kind} story"));
            assert_eq!(
                label.is_some_and(|l| card.contains(l)),
                label.is_some(),
                "the {kind} story's card: {card}"
            );
        }
    }
}

#[test]
fn each_kind_has_its_schema_org_type() {
    let site = desk();
    site.build_ok(&["--now", NOW]);
    // The kind's own type, after the common type it is a kind of.
    for (kind, ty) in [
        ("news", serde_json::json!("NewsArticle")),
        (
            "analysis",
            serde_json::json!(["NewsArticle", "AnalysisNewsArticle"]),
        ),
        (
            "opinion",
            serde_json::json!(["NewsArticle", "OpinionNewsArticle"]),
        ),
        (
            "review",
            serde_json::json!(["NewsArticle", "ReviewNewsArticle"]),
        ),
        (
            "sponsored",
            serde_json::json!(["Article", "AdvertiserContentArticle"]),
        ),
    ] {
        let page = site.page(&format!("/2025/06/03/{kind}/"));
        let ld: serde_json::Value =
            serde_json::from_str(&page.inner("script[type='application/ld+json']")[0]).unwrap();
        assert_eq!(ld["@type"], ty, "{kind}");
    }
}

#[test]
fn sponsored_stories_are_never_in_the_news_sitemap() {
    let site = desk();
    site.build_ok(&["--now", NOW]);
    let news = site.file("news-sitemap.xml");
    for kind in ["news", "analysis", "opinion", "review"] {
        assert!(
            news.contains(&format!("/2025/06/03/{kind}/")),
            "{kind}: {news}"
        );
    }
    assert!(!news.contains("sponsored"), "{news}");
    // It is a page of the site like any other, in the sitemap.
    assert!(site.file("sitemap.xml").contains("/2025/06/03/sponsored/"));
}

#[test]
fn an_unknown_kind_is_an_error_at_its_line_that_lists_the_kinds() {
    let site = desk();
    site.write(
        "content/world/column.md",
        article(
            "A column",
            "2025-06-02T09:00:00Z",
            "tags = [\"Trade\"]\nkind = \"column\"",
            "x",
        ),
    );
    let run = site.run(&["build", "--now", NOW]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/world/column.md:5")
            && run.stderr.contains("unknown kind `column`")
            && run.stderr.contains("\"opinion\""),
        "{}",
        run.stderr
    );
}

#[test]
fn an_opinion_piece_in_a_section_called_opinion_is_labelled_once() {
    let site = desk();
    site.write(
        "content/opinion/column.md",
        article(
            "A column",
            "2025-06-03T06:00:00Z",
            "kind = \"opinion\"",
            "x",
        ),
    );
    site.build_ok(&["--now", NOW]);
    let page = site.page("/2025/06/03/column/");
    assert!(page.texts(".story-header .kind-label").is_empty());
    assert_eq!(page.texts(".story-header .kicker"), vec!["Opinion"]);
    // Elsewhere in World, the label is still there.
    let other = site.page("/2025/06/03/opinion/");
    assert_eq!(other.texts(".story-header .kind-label"), vec!["Opinion"]);
}

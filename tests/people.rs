//! People and pages (SPEC 9.3): author profiles on author pages and in JSON-LD, standing
//! pages in the menus, and the newsroom's policies in the organization's JSON-LD.

mod common;

use common::{TestSite, article};
use serde_json::Value;

const PROFILES: &str = r#"
["Amina Khan"]
role = "Lahore correspondent"
bio = "Amina Khan covers *Punjab* politics and culture."
photo = "/images/authors/amina-khan.jpg"
email = "amina.khan@example.com"
links = ["https://example.social/@aminakhan"]
aliases = ["A. Khan"]
"#;

/// A desk with a profiled author, one story bylined with her alias, one without a profile.
fn desk() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.toml",
        "title = \"Ledger\"\nbase_url = \"https://news.example.com\"\nlogo = \"/logo.png\"\nsame_as = [\"https://example.social/@ledger\"]\n\n[policies]\nethics = \"/ethics/\"\ncorrections = \"/corrections-policy/\"\nmasthead = \"/about/\"\ncontact = \"/about/\"\n",
    );
    site.write("content/_authors.toml", PROFILES);
    site.write(
        "static/images/authors/amina-khan.jpg",
        common::jpeg(300, 300),
    )
    .write("static/logo.png", common::png(60, 60));
    site.write(
        "content/world/metro.md",
        article(
            "Lahore metro line opens",
            "2025-06-10T09:00:00+05:00",
            "byline = \"Amina Khan\"",
            "The line runs north.",
        ),
    );
    site.write(
        "content/world/cricket.md",
        article(
            "Schools cricket final",
            "2025-06-08T09:00:00+05:00",
            "byline = \"A. Khan\"",
            "The final was close.",
        ),
    );
    site.write(
        "content/world/rail.md",
        article(
            "Caspian rail freight",
            "2025-06-01T09:00:00+04:00",
            "byline = \"Omar Rahman\"",
            "Trains run weekly.",
        ),
    );
    site
}

fn json_ld(page: &common::Page) -> Value {
    serde_json::from_str(&page.inner("script[type='application/ld+json']")[0]).unwrap()
}

#[test]
fn an_author_page_shows_the_profile_above_the_stories() {
    let site = desk();
    site.build_ok(&[]);
    let page = site.page("/authors/amina-khan/");
    assert_eq!(page.texts(".profile-name"), ["Amina Khan"]);
    assert_eq!(page.texts(".profile-role"), ["Lahore correspondent"]);
    assert!(page.html.contains("covers <em>Punjab</em> politics"));
    assert_eq!(page.attrs(".profile-photo", "alt"), ["Amina Khan"]);
    let src = page.attrs(".profile-photo", "src");
    assert!(
        src.len() == 1
            && src[0].starts_with("/images/authors/amina-khan.")
            && src[0].ends_with(".jpg"),
        "a copy of the photo: {src:?}"
    );
    assert_eq!(
        page.attrs(".profile-links a", "href"),
        [
            "mailto:amina.khan@example.com",
            "https://example.social/@aminakhan"
        ]
    );
    let main = page.html.find("<main").unwrap();
    let profile = page.html.find("class=\"profile\"").unwrap();
    let first_story = page.html.find("Lahore metro line opens").unwrap();
    assert!(main < profile && profile < first_story);
    // A byline without a profile works as before.
    let omar = site.page("/authors/omar-rahman/");
    assert!(omar.texts(".profile").is_empty());
    assert!(omar.main_text().contains("Caspian rail freight"));
}

#[test]
fn a_story_bylined_with_an_alias_is_on_the_profiles_author_page_under_its_name() {
    let site = desk();
    site.build_ok(&[]);
    assert!(!site.has_page("/authors/a-khan/"));
    let author = site.page("/authors/amina-khan/");
    assert!(author.main_text().contains("Schools cricket final"));
    let story = site.page("/2025/06/08/cricket/");
    assert_eq!(story.texts(".byline"), ["By Amina Khan"]);
    assert_eq!(story.texts(".byline-role"), ["Lahore correspondent"]);
    assert!(!story.html.contains("A. Khan"));
    let authors = site.page("/authors/");
    assert_eq!(authors.main_text().matches("Amina Khan").count(), 1);
}

#[test]
fn the_json_ld_author_is_a_person_with_the_profile() {
    let site = desk();
    site.build_ok(&[]);
    let ld = json_ld(&site.page("/2025/06/10/metro/"));
    let person = &ld["author"][0];
    assert_eq!(person["@type"], "Person");
    assert_eq!(person["name"], "Amina Khan");
    assert_eq!(
        person["url"],
        "https://news.example.com/authors/amina-khan/"
    );
    assert_eq!(person["jobTitle"], "Lahore correspondent");
    let image = person["image"].as_str().unwrap();
    assert!(
        image.starts_with("https://news.example.com/images/authors/amina-khan.")
            && image.ends_with(".jpg"),
        "{image}"
    );
    assert_eq!(person["sameAs"][0], "https://example.social/@aminakhan");
    // With two authors, the role line names whose role it is.
    site.write(
        "content/world/joint.md",
        article(
            "A joint report",
            "2025-06-02T09:00:00+04:00",
            "authors = [\"Omar Rahman\", \"A. Khan\"]",
            "Both wrote it.",
        ),
    );
    site.build_ok(&[]);
    let joint = site.page("/2025/06/02/joint/");
    assert_eq!(joint.texts(".byline"), ["By Omar Rahman and Amina Khan"]);
    assert_eq!(
        joint.texts(".byline-role"),
        ["Amina Khan, Lahore correspondent"]
    );
    let plain = json_ld(&site.page("/2025/06/01/rail/"));
    assert_eq!(plain["author"][0]["name"], "Omar Rahman");
    assert!(plain["author"][0].get("jobTitle").is_none());
}

#[test]
fn the_policies_are_in_the_home_pages_organization_and_every_articles_publisher() {
    let site = desk();
    site.build_ok(&[]);
    let org = json_ld(&site.page("/"));
    assert_eq!(org["@type"], "NewsMediaOrganization");
    assert_eq!(org["url"], "https://news.example.com/");
    assert_eq!(org["logo"]["url"], "https://news.example.com/logo.png");
    assert_eq!(org["sameAs"][0], "https://example.social/@ledger");
    assert_eq!(org["ethicsPolicy"], "https://news.example.com/ethics/");
    assert_eq!(
        org["publishingPrinciples"],
        "https://news.example.com/ethics/"
    );
    assert_eq!(
        org["correctionsPolicy"],
        "https://news.example.com/corrections-policy/"
    );
    assert_eq!(org["masthead"], "https://news.example.com/about/");
    assert_eq!(
        org["contactPoint"]["url"],
        "https://news.example.com/about/"
    );
    let story = json_ld(&site.page("/2025/06/10/metro/"));
    let publisher = &story["publisher"];
    assert_eq!(publisher["@type"], "NewsMediaOrganization");
    assert_eq!(publisher["ethicsPolicy"], org["ethicsPolicy"]);
    assert_eq!(publisher["correctionsPolicy"], org["correctionsPolicy"]);
}

#[test]
fn standing_pages_are_at_their_names_and_in_their_menus_in_weight_order() {
    let site = desk();
    site.write(
        "content/_pages/about.md",
        "+++\ntitle = \"About us\"\nsummary = \"Who we are.\"\nmenu = \"header\"\n+++\nAn independent desk in *Baku*.\n",
    );
    site.write(
        "content/_pages/ethics.md",
        "+++\ntitle = \"Ethics policy\"\nmenu = \"footer\"\nweight = 2\n+++\nWe check.\n",
    );
    site.write(
        "content/_pages/corrections-policy.md",
        "+++\ntitle = \"Corrections policy\"\nmenu = \"footer\"\nweight = 1\n+++\nWe correct.\n",
    );
    site.write(
        "content/_pages/jobs.md",
        "+++\ntitle = \"Jobs\"\n+++\nNone today.\n",
    );
    site.build_ok(&[]);
    let about = site.page("/about/");
    assert_eq!(about.texts("main h1"), ["About us"]);
    assert_eq!(about.texts("main .standfirst"), ["Who we are."]);
    assert!(about.html.contains("An independent desk in <em>Baku</em>."));
    assert!(site.has_page("/jobs/"));
    for url in ["/", "/about/", "/2025/06/10/metro/", "/authors/amina-khan/"] {
        let page = site.page(url);
        assert_eq!(page.texts(".section-nav .menu-page"), ["About us"], "{url}");
        assert_eq!(
            page.texts(".footer-menu a"),
            ["Corrections policy", "Ethics policy"],
            "{url}"
        );
    }
    let sitemap = site.file("sitemap.xml");
    for url in ["/about/", "/ethics/", "/corrections-policy/", "/jobs/"] {
        assert!(
            sitemap.contains(&format!("https://news.example.com{url}<")),
            "{url} in the sitemap"
        );
    }
}

#[test]
fn a_standing_page_at_an_address_another_page_has_is_an_error_naming_both() {
    let site = desk();
    site.write(
        "content/_pages/world.md",
        "+++\ntitle = \"Our world\"\n+++\nText.\n",
    );
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("content/_pages/world.md")
            && run.stderr.contains("this standing page")
            && run.stderr.contains("section `World`")
            && run.stderr.contains("/world/"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_malformed_profile_file_and_a_page_without_a_title_are_errors_at_their_lines() {
    let site = desk();
    site.write(
        "content/_authors.toml",
        "[\"Amina Khan\"]\nrole = \"Correspondent\"\nlinks = \"https://x.example\"\n",
    );
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("content/_authors.toml:3"),
        "{}",
        run.stderr
    );
    // A photo that static/ does not hold.
    site.write("content/_authors.toml", PROFILES);
    site.remove("static/images/authors/amina-khan.jpg");
    let run = site.run(&["build"]);
    assert!(
        run.stderr.contains("content/_authors.toml:5")
            && run.stderr.contains("/images/authors/amina-khan.jpg"),
        "{}",
        run.stderr
    );
    site.write(
        "static/images/authors/amina-khan.jpg",
        common::jpeg(300, 300),
    )
    .write("static/logo.png", common::png(60, 60));
    site.write(
        "content/_pages/about.md",
        "+++\nmenu = \"header\"\n+++\nWho we are.\n",
    );
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("content/_pages/about.md:1")
            && run.stderr.contains("the page has no title"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_profile_setting_or_policy_is_a_warning_naming_the_closest() {
    let site = desk();
    site.write(
        "content/_authors.toml",
        format!("{PROFILES}\n[\"Omar Rahman\"]\nrol = \"Business\"\n"),
    );
    site.write(
        "site.toml",
        "title = \"Ledger\"\n[policies]\nethic = \"/ethics/\"\n",
    );
    let run = site.build_ok(&[]);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("did you mean `role`?"), "{out}");
    assert!(out.contains("did you mean `ethics`?"), "{out}");
}

#[test]
fn a_policy_that_is_not_a_page_of_the_site_is_a_warning_at_its_line() {
    let site = desk();
    site.write(
        "content/_pages/ethics.md",
        "+++\ntitle = \"Ethics policy\"\n+++\nWe check.\n",
    );
    let run = site.build_ok(&[]);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(
        out.contains("site.toml:8") && out.contains("the corrections policy /corrections-policy/"),
        "{out}"
    );
    assert!(!out.contains("the ethics policy"), "{out}");
}

#[test]
fn a_broken_link_on_a_standing_page_is_found_at_its_line() {
    let site = desk();
    site.write(
        "content/_pages/about.md",
        "+++\ntitle = \"About us\"\n+++\nWho we are.\n\nSee [our authors](/authers/).\n",
    );
    let run = site.run(&["check"]);
    assert_ne!(run.code, 0);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(
        out.contains("content/_pages/about.md:6") && out.contains("broken link to /authers/"),
        "{out}"
    );
}

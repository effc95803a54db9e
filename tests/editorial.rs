//! The desk's everyday commands besides build: init, new, import, check and completions, each
//! run with the real binary on a site in a temporary folder.

mod common;

use common::{TestSite, article};

/// The wire copy of the example site's seed story, as it came in.
const SEED: &str = include_str!("fixtures/wire/000_ef0495e77473f4b7.txt");

/// 2025-05-28T14:30:00Z: 18:30 in Baku.
const MAY_28: i64 = 1_748_442_600;

const SITE_TOML: &str =
    "title = \"Ledger\"\nbase_url = \"https://news.example.com\"\ntimezone = \"Asia/Baku\"\n";

const GAZETTEER: &str = "[Lachin]\nin = \"Azerbaijan\"\naliases = [\"Laçın\"]\n[Baku]\nin = \"Azerbaijan\"\n[Azerbaijan]\nin = \"South Caucasus\"\n[Islamabad]\nin = \"Pakistan\"\n[\"New Delhi\"]\nin = \"India\"\n";

fn desk() -> TestSite {
    let site = TestSite::new();
    site.write("site.toml", SITE_TOML)
        .write("content/_locations.toml", GAZETTEER);
    site
}

#[test]
fn init_makes_a_site_that_builds_and_checks_clean_at_once() {
    let site = TestSite::new();
    let run = site.run(&["init", "desk"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("newsdesk new \"Your first headline\" --site desk")
    );
    assert!(run.stdout.contains("newsdesk build --site desk"));
    let toml = std::fs::read_to_string(site.path().join("desk/site.toml")).unwrap();
    for key in newsdesk::site::settings::KNOWN_KEYS {
        assert!(
            toml.lines()
                .any(|l| l.trim_start_matches("# ").starts_with(key)),
            "site.toml sets or shows {key}"
        );
    }
    assert!(!site.path().join("desk/templates").exists());

    let build = site.run(&["build", "--site", "desk"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build
            .stderr
            .contains("warning: the base URL http://localhost:1111"),
        "until base_url is set, the build says its addresses lead nowhere: {}",
        build.stderr
    );
    let build = site.run(&[
        "build",
        "--site",
        "desk",
        "--base-url",
        "https://news.example.com",
    ]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert_eq!(build.stderr, "", "the new site builds without a warning");
    assert!(
        build.stdout.contains("built 1 articles"),
        "{}",
        build.stdout
    );
    let check = site.run(&["check", "--site", "desk"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stdout.contains("0 errors, 0 warnings"),
        "{}",
        check.stdout
    );
    let public = site.path().join("desk/public");
    assert!(public.join("style.css").is_file());
    assert!(public.join("locations/azerbaijan/index.html").is_file());

    // A second init in the same folder is refused and changes nothing.
    let again = site.run(&["init", "desk"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("not empty"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(site.path().join("desk/site.toml")).unwrap(),
        toml
    );
}

#[test]
fn the_imported_seed_shows_every_paragraph_word_for_word_from_baku_by_the_news_desk() {
    let site = desk();
    site.write("wire/seed.txt", SEED);
    let run = site.run_at(MAY_28, &["import", "wire/seed.txt", "--section", "world"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // The seed has no headline line: the title is its standfirst, with a warning.
    assert!(run.stderr.contains("warning") && run.stderr.contains("standfirst"));
    let lines: Vec<&str> = SEED.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 7);
    let stem = "2025-05-28-it-went-beyond-mere-symbolism-a-powerful-reaffirmation-of-a";
    let file = format!("content/world/{stem}.txt");
    assert!(run.stdout.contains(&file), "{}", run.stdout);
    let url = "/2025/05/28/it-went-beyond-mere-symbolism-a-powerful-reaffirmation-of-a/";
    assert!(
        run.stdout
            .contains(&format!("https://news.example.com{url}")),
        "{}",
        run.stdout
    );
    let text = site.read(&file);
    assert!(text.contains("locations = [\"Baku\", \"Lachin\", \"Islamabad\", \"New Delhi\"]"));
    assert!(text.contains("date = 2025-05-28T18:30:00+04:00"), "{text}");

    site.build_ok(&["--now", "2025-06-01T00:00:00Z"]);
    let page = site.page(url);
    assert_eq!(page.texts(".standfirst"), vec![lines[0]]);
    assert_eq!(page.texts(".byline"), vec!["By News Desk"]);
    assert_eq!(page.texts(".story-dateline"), vec!["Baku"]);
    assert_eq!(page.texts(".story-body p"), lines[2..]);
    assert_eq!(page.texts(".story-body .dateline"), vec!["BAKU:"]);
    assert!(
        site.page("/locations/south-caucasus/")
            .article_links()
            .contains(&url.to_string())
    );

    // The same copy again is not imported twice, and the article is left as it is.
    let again = site.run(&["import", "wire/seed.txt", "--section", "world"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("already there"), "{}", again.stdout);
    assert_eq!(site.read(&file), text);
}

#[test]
fn windows_line_ends_a_byte_order_mark_and_stray_spaces_import_the_same() {
    let site = desk();
    let mangled = format!(
        "\u{feff}{}",
        SEED.lines()
            .map(|l| format!("{l}  "))
            .collect::<Vec<_>>()
            .join("\r\n")
    );
    site.write("wire/clean.txt", SEED)
        .write("wire/mangled.txt", mangled);
    let clean = site.run_at(MAY_28, &["import", "wire/clean.txt", "--dry-run"]);
    let mangled = site.run_at(MAY_28, &["import", "wire/mangled.txt", "--dry-run"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert_eq!(mangled.code, 0, "{}", mangled.stderr);
    assert_eq!(clean.stdout, mangled.stdout);
    assert!(
        clean
            .stdout
            .starts_with("would write content/news/2025-05-28-")
    );
    assert!(
        !site.path().join("content/news").exists(),
        "a dry run writes nothing"
    );
}

#[test]
fn a_folder_of_wire_copy_imports_every_file_with_headlines_and_dates_from_the_copy() {
    let site = desk();
    site.write("wire/a.txt", SEED).write(
        "wire/b.txt",
        "Islamabad and Baku sign rail deal\nThe line will carry freight by 2027.\n2025-05-20\nBy Amina Khan and Omar Rahman\nISLAMABAD: The deal was signed on Tuesday.\nIt follows talks in Laçın.",
    );
    site.write("wire/.hidden", "not wire copy");
    let run = site.run_at(MAY_28, &["import", "wire", "--section", "Business News"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("imported 2, already there 0, failed 0"));
    let b = site.read("content/business-news/2025-05-20-islamabad-and-baku-sign-rail-deal.txt");
    assert!(
        b.contains("title = \"Islamabad and Baku sign rail deal\""),
        "{b}"
    );
    assert!(b.contains("summary = \"The line will carry freight by 2027.\""));
    assert!(b.contains("date = 2025-05-20\n"));
    assert!(b.contains("authors = [\"Amina Khan\", \"Omar Rahman\"]"));
    assert!(b.contains("dateline = \"Islamabad\""));
    // The headline names Baku too; Azerbaijan is left out, as Baku and Lachin lie in it.
    assert!(
        b.contains("locations = [\"Islamabad\", \"Baku\", \"Lachin\"]"),
        "{b}"
    );
    assert!(b.ends_with(
        "+++\nISLAMABAD: The deal was signed on Tuesday.\nIt follows talks in Laçın.\n"
    ));
    site.build_ok(&["--now", "2025-06-01T00:00:00Z"]);
    assert!(site.has_page("/business-news/"));

    let title_for_two = site.run(&["import", "wire", "--title", "One headline"]);
    assert_eq!(title_for_two.code, 2, "{}", title_for_two.stderr);
}

#[test]
fn new_twice_with_one_headline_makes_two_articles_with_two_addresses() {
    let site = desk();
    let args = [
        "new",
        "Ganja council passes budget",
        "--section",
        "politics",
        "--tags",
        "Budget, Local government",
        "--locations",
        "Ganja",
        "--byline",
        "Amina Khan",
    ];
    let first = site.run_at(MAY_28, &args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(
        first.stdout,
        "content/politics/2025-05-28-ganja-council-passes-budget.md\n\
         https://news.example.com/2025/05/28/ganja-council-passes-budget/\n"
    );
    let second = site.run_at(MAY_28, &args);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(
        second.stdout,
        "content/politics/2025-05-28-ganja-council-passes-budget-2.md\n\
         https://news.example.com/2025/05/28/ganja-council-passes-budget-2/\n"
    );
    let text = site.read("content/politics/2025-05-28-ganja-council-passes-budget.md");
    assert_eq!(
        text,
        "+++\ntitle = \"Ganja council passes budget\"\ndate = 2025-05-28T18:30:00+04:00\nbyline = \"Amina Khan\"\ntags = [\"Budget\", \"Local government\"]\nlocations = [\"Ganja\"]\n+++\n"
    );

    let wire = site.run_at(
        MAY_28,
        &[
            "new",
            "Ganja council passes budget",
            "--section",
            "politics",
            "--wire",
            "--draft",
        ],
    );
    assert_eq!(wire.code, 0, "{}", wire.stderr);
    assert!(
        wire.stdout
            .starts_with("content/politics/2025-05-28-ganja-council-passes-budget-3.txt\n")
    );
    assert!(wire.stdout.contains("draft"));

    site.build_ok(&["--now", "2025-05-29T00:00:00Z"]);
    assert!(site.has_page("/2025/05/28/ganja-council-passes-budget/"));
    assert!(site.has_page("/2025/05/28/ganja-council-passes-budget-2/"));
    assert!(!site.has_page("/2025/05/28/ganja-council-passes-budget-3/"));
}

#[test]
fn new_and_import_need_a_site() {
    let site = TestSite::new();
    std::fs::remove_dir(site.path().join("content")).unwrap();
    let run = site.run(&["new", "Headline"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no content folder"), "{}", run.stderr);
    assert!(!site.path().join("content").exists());
}

/// A site with one problem of each kind `check` looks for.
fn site_with_problems() -> TestSite {
    let site = desk();
    site.write("static/images/map.png", b"png")
        .write(
            "content/world/2025-01-02-other.md",
            article(
                "Other story",
                "2025-01-02T09:00:00Z",
                "tags = [\"Diplomacy\"]\nlocations = [\"Lachin\"]",
                "Text.",
            ),
        )
        .write(
            "content/world/2025-01-03-third.md",
            article(
                "Third story",
                "2025-01-03T09:00:00Z",
                "tags = [\"Diplomacy\"]\nlocations = [\"Baku\", \"Islamabad\"]",
                "Text.",
            ),
        )
        .write(
            "content/world/2025-01-04-links.md",
            "+++\ntitle = \"Links\"\ndate = 2025-01-04T09:00:00Z\ntags = [\"Diplomcy\"]\nsubtitle = \"x\"\n+++\n\
             See [the other story](/2025/01/02/other/) and [the top](#main).\n\
             \n\
             A [broken link](/2025/01/05/nowhere/) and [a bad anchor](/2025/01/02/other/#nowhere).\n\
             \n\
             ![](/images/map.png)\n\
             \n\
             ![A map of the region](/images/missing.png)\n\
             \n\
             <img src=\"/images/map.png\">\n",
        );
    site
}

#[test]
fn check_finds_broken_links_missing_images_and_alt_text_with_file_and_line() {
    let site = site_with_problems();
    let run = site.run(&["check", "--now", "2025-02-01T00:00:00Z"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let file = "content/world/2025-01-04-links.md";
    for (place, what) in [
        (
            format!("{file}:9:3:"),
            "broken link to /2025/01/05/nowhere/",
        ),
        (format!("{file}:9:43:"), "has no anchor #nowhere"),
        (
            format!("{file}:11:1:"),
            "the image /images/map.png has no alt text",
        ),
        (
            format!("{file}:13:1:"),
            "the image /images/missing.png is not in static/",
        ),
        (
            format!("{file}:15:1:"),
            "the image /images/map.png has no alt text",
        ),
        (
            format!("{file}:5:1:"),
            "unknown front-matter key `subtitle`",
        ),
        (
            format!("{file}:4:10:"),
            "did you mean `Diplomacy` (2 articles)?",
        ),
        (
            "content/_locations.toml:10:1:".to_string(),
            "no article is about `New Delhi`",
        ),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with(&place) && l.contains(what)),
            "no `{place} ... {what}` in:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("help: did you mean /2025/01/02/other/?")
            || run
                .stderr
                .contains("help: did you mean /2025/01/03/third/?"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("the top"), "#main is on every page");
    assert!(!run.stderr.contains("the other story"));
    assert!(
        run.stdout.contains("5 errors, 3 warnings"),
        "{}",
        run.stdout
    );
    assert!(!site.public().exists(), "check writes nothing");
}

#[test]
fn check_speaks_json_for_editors_and_ci() {
    let site = site_with_problems();
    let run = site.run(&["check", "--format", "json", "--now", "2025-02-01T00:00:00Z"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("check prints JSON");
    assert_eq!(json["ok"], false);
    assert_eq!(json["errors"], 5);
    assert_eq!(json["warnings"], 3);
    let broken = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("/2025/01/05/nowhere/")
        })
        .expect("the broken link is reported");
    assert_eq!(broken["file"], "content/world/2025-01-04-links.md");
    assert_eq!(broken["line"], 9);
    assert_eq!(broken["column"], 3);
    assert_eq!(broken["severity"], "error");
    assert!(broken["help"].is_string());

    // A site that would not build is reported the same way, with the build's own errors.
    site.write("content/world/bad.md", "+++\ntitle = \"No date\"\n+++\nx\n");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["file"] == "content/world/bad.md"
                && d["message"] == "the article has no date")
    );
}

#[test]
fn every_command_has_examples_and_the_shells_get_completions() {
    let site = TestSite::new();
    for command in ["build", "check", "new", "import", "init", "completions"] {
        let run = site.run(&[command, "--help"]);
        assert_eq!(run.code, 0, "{command}");
        assert!(
            run.stdout.contains("Examples:"),
            "{command} --help:\n{}",
            run.stdout
        );
    }
    for shell in ["bash", "zsh", "fish"] {
        let run = site.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}");
        assert!(
            run.stdout.contains("import") && run.stdout.contains("dry-run"),
            "{shell}"
        );
    }
    assert_eq!(site.run(&["completions", "tcsh"]).code, 2);
}

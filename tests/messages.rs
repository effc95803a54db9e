//! What newsdesk tells the desk: errors a reporter can act on, at paths they can open, that no
//! file can forge; addresses that could run code never published; drafts that never stop a build.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Run, TestSite, article};

const NOW: &str = "2025-06-01T00:00:00Z";

fn story(extra: &str, body: &str) -> String {
    article("Council passes budget", "2025-05-28T10:00:00Z", extra, body)
}

/// `newsdesk ARGS...` run in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("newsdesk runs")
        .into()
}

/// Builds and checks the site; both must fail, and `check` must say every one of `said`.
fn fails_saying(site: &TestSite, said: &[&str]) -> Run {
    let build = site.run(&["build", "--now", NOW]);
    assert_eq!(build.code, 1, "build passed:\n{}", build.stderr);
    let check = site.run(&["check", "--now", NOW]);
    assert_eq!(check.code, 1, "check passed:\n{}", check.stderr);
    for s in said {
        assert!(check.stderr.contains(s), "no {s:?} in:\n{}", check.stderr);
        assert!(build.stderr.contains(s), "no {s:?} in:\n{}", build.stderr);
    }
    check
}

#[test]
fn a_lead_photo_that_would_run_code_is_an_error_naming_the_file_and_what_to_write() {
    for bad in [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "JavaScript:alert(1)",
        "file:///etc/passwd",
    ] {
        let site = TestSite::new();
        site.write(
            "content/news/budget.md",
            story(
                &format!("image = {bad:?}\nimage_alt = \"The council\""),
                "Text.",
            ),
        );
        fails_saying(
            &site,
            &[
                "content/news/budget.md:4:9: error",
                "https://",
                "/images/photo.jpg",
            ],
        );
        assert!(!site.public().exists(), "{bad} was published");
    }
}

#[test]
fn a_lead_photo_without_a_leading_slash_is_a_file_beside_the_article() {
    let site = TestSite::new();
    site.write(
        "content/news/budget.md",
        story(
            "image = \"images/hall.png\"\nimage_alt = \"The hall\"",
            "Text.",
        ),
    );
    site.write("static/images/hall.png", common::png(40, 30));
    fails_saying(
        &site,
        &[
            "content/news/budget.md:4:9: error: the lead image images/hall.png is not beside the article (read as content/news/images/hall.png)",
            "write /images/hall.png for static/images/hall.png",
        ],
    );

    // Beside the article file, the photo is published in the article's folder, and every
    // place that shows it gets the same addresses.
    site.write("content/news/images/hall.png", common::png(40, 30));
    site.build_ok(&["--now", NOW]);
    let page = site.page("/2025/05/28/budget/");
    let copies = "/2025/05/28/budget/images/hall.";
    let srcs = page.attrs("img", "src");
    assert!(srcs.iter().any(|s| s.starts_with(copies)), "{srcs:?}");
    assert!(
        page.attrs("meta[property='og:image']", "content")
            .iter()
            .all(|s| s.contains(copies)),
        "{}",
        page.html
    );
    assert!(!page.html.contains("\"images/hall.png\""));
    assert!(site.has_file("2025/05/28/budget/images/hall.png"));
}

#[test]
fn an_alias_is_a_path_of_this_site() {
    for bad in ["/old\n/evil/", "//evil.example/x/", "https://evil.example/"] {
        let site = TestSite::new();
        site.write(
            "content/news/budget.md",
            story(&format!("aliases = [{bad:?}]"), "Text."),
        );
        fails_saying(
            &site,
            &["content/news/budget.md:4:12: error", "aliases = [\"/"],
        );
    }
}

#[test]
fn a_body_link_that_would_run_code_is_an_error_at_its_line() {
    let site = TestSite::new();
    site.write(
        "content/news/budget.md",
        story(
            "",
            "First paragraph.\n\nSee [the vote](javascript:alert(document.cookie)).\n\n<a href=\"&#106;avascript:alert(1)\">raw</a>\n\n![chart](data:image/svg+xml;base64,PHN2Zz4=)\n\n[fine](https://example.com/) and [also fine](/news/).",
        ),
    );
    let check = fails_saying(
        &site,
        &[
            "content/news/budget.md:8:5: error: a link to a `javascript:` address",
            "content/news/budget.md:10:10: error: a link to a `javascript:` address",
            "content/news/budget.md:12:1: error: a photo cannot be a `data:` address",
        ],
    );
    assert_eq!(
        check.stderr.matches(": error:").count(),
        3,
        "{}",
        check.stderr
    );
}

#[test]
fn a_file_name_cannot_forge_a_line_of_output() {
    let site = TestSite::new();
    site.write(
        "content/news/x\nbuilt 99 articles into 99 pages in 1 ms\u{1b}[2K.md",
        "+++\ntitle = \"No date\"\n+++\nText.\n",
    );
    let run = site.run(&["build", "--now", NOW]);
    assert_eq!(run.code, 1);
    assert!(
        !run.stderr.lines().any(|l| l.starts_with("built ")),
        "a forged line:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/news/x\\nbuilt 99 articles into 99 pages in 1 ms\\u{1b}[2K.md:2:1: error"
        ),
        "{}",
        run.stderr
    );
}

/// A headline holding a line break and a terminal escape, as TOML writes them.
const FORGING_TITLE: &str = "Embargo\\nbuilt 99 articles into 99 pages in 1 ms\\u001b[2K";

/// What a forged headline or file name must never do to what newsdesk prints.
fn assert_unforged(printed: &str, first_line: &str) {
    assert!(!printed.contains('\u{1b}'), "recoloured:\n{printed}");
    assert!(
        !printed
            .lines()
            .any(|l| l.starts_with("built 99") || l.starts_with("imported 9")),
        "a forged line:\n{printed}"
    );
    assert!(printed.contains(first_line), "{printed}");
}

#[test]
fn a_headline_cannot_forge_a_line_of_the_build_summary() {
    let site = TestSite::new();
    site.write(
        "content/news/later.md",
        format!("+++\ntitle = \"{FORGING_TITLE}\"\ndate = 2099-01-01\n+++\nText.\n"),
    );
    site.write(
        "content/news/gone.md",
        format!(
            "+++\ntitle = \"{FORGING_TITLE}\"\ndate = 2025-05-28\nexpires = 2098-01-01\n+++\nText.\n"
        ),
    );
    let run = site.build_ok(&["--now", NOW]);
    assert_unforged(
        &run.stdout,
        "next scheduled: Embargo\\nbuilt 99 articles into 99 pages in 1 ms\\u{1b}[2K at ",
    );
    assert_unforged(
        &run.stdout,
        "next expiry: Embargo\\nbuilt 99 articles into 99 pages in 1 ms\\u{1b}[2K at ",
    );
}

#[test]
fn a_wire_file_name_cannot_forge_a_line_of_import() {
    let site = TestSite::new();
    let name = "wire/x\nimported 9, already there 0, failed 0\u{1b}[2K.txt";
    site.write(
        name,
        "Council passes budget\nBAKU: The council passed it.\n",
    );
    let run = site.run_at(1_748_400_000, &["import", "wire"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_unforged(
        &run.stdout,
        "wire/x\\nimported 9, already there 0, failed 0\\u{1b}[2K.txt -> content/news/",
    );
    let again = site.run_at(1_748_400_000, &["import", "wire"]);
    assert_unforged(
        &again.stdout,
        "wire/x\\nimported 9, already there 0, failed 0\\u{1b}[2K.txt: already imported as",
    );
}

#[test]
fn a_template_file_name_cannot_forge_a_line_of_theme_list() {
    let site = TestSite::new();
    site.write(
        "templates/x\nbuilt 99 articles into 99 pages in 1 ms\u{1b}[2K.html",
        "<p>mine</p>",
    );
    let run = site.run(&["theme", "list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_unforged(
        &run.stdout,
        "templates/x\\nbuilt 99 articles into 99 pages in 1 ms\\u{1b}[2K.html",
    );
}

#[test]
fn an_unfinished_draft_never_stops_the_build() {
    let site = TestSite::new();
    site.write("content/news/budget.md", story("", "Text."));
    site.write(
        "content/news/tomorrow.md",
        "+++\ntitle = \"Someone's draft\"\ndate = \"tomorrow\"\ndraft = true\n+++\nText.\n",
    );
    // Broken TOML: `draft` is still read.
    site.write(
        "content/news/broken.md",
        "+++\ndraft = true\ntitle = \"Unclosed\ntags = Budget\n+++\nText.\n",
    );
    let run = site.build_ok(&["--now", NOW]);
    assert!(run.stdout.contains("built 1 article "), "{}", run.stdout);
    assert!(run.stdout.contains("2 drafts left out"), "{}", run.stdout);
    assert!(
        run.stderr.contains("content/news/tomorrow.md:3:8: warning"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/news/broken.md:3"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(": error"), "{}", run.stderr);
    assert_eq!(site.run(&["check", "--now", NOW]).code, 0);

    // With --drafts the draft is meant to be published: its errors are errors.
    let run = site.run(&["build", "--now", NOW, "--drafts"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/news/tomorrow.md:3:8: error"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_value_of_the_wrong_type_says_what_to_write() {
    let site = TestSite::new();
    site.write(
        "content/news/budget.md",
        story("tags = \"Budget\"", "Text."),
    );
    fails_saying(
        &site,
        &[
            "content/news/budget.md:4:8: error: tags is a list, not text",
            "help: write tags = [\"Budget\"]",
        ],
    );
    site.write(
        "content/news/budget.md",
        story("tags = [\"Budget\"]\ndraft = \"no\"", "Text."),
    );
    fails_saying(
        &site,
        &[
            "content/news/budget.md:5:9: error: draft is true or false, not text",
            "help: write draft = false",
        ],
    );
    site.write("content/news/budget.md", story("", "Text."));
    site.write("site.toml", "title = \"Desk\"\nper_page = \"20\"\n");
    fails_saying(
        &site,
        &[
            "site.toml:2:12: error: per_page is a number, not text",
            "help: write per_page = 20",
        ],
    );
}

#[test]
fn quoted_dates_and_bare_days_are_dates_in_front_matter_and_on_the_command_line() {
    let site = TestSite::new();
    site.write(
        "content/news/budget.md",
        "+++\ntitle = \"Budget\"\ndate = \"2025-05-28T18:30:00+04:00\"\nupdated = \"2025-05-29\"\n+++\nText.\n",
    );
    site.build_ok(&["--now", "2025-06-01"]);
    let page = site.page("/2025/05/28/budget/");
    assert!(
        page.attrs("time", "datetime")
            .iter()
            .any(|d| d == "2025-05-28T14:30:00+00:00"),
        "{}",
        page.html
    );
    // A bare --now is midnight UTC: a story of that day at 09:00 is not out yet.
    site.write(
        "content/news/later.md",
        article("Later", "2025-06-01T09:00:00Z", "", "Text."),
    );
    let run = site.build_ok(&["--now", "2025-06-01"]);
    assert!(
        run.stdout.contains("next scheduled: Later"),
        "{}",
        run.stdout
    );
    assert_eq!(site.run(&["check", "--now", "2025-06-01"]).code, 0);
    let bad = site.run(&["build", "--now", "June"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("write it as 2025-06-01"),
        "{}",
        bad.stderr
    );
}

#[test]
fn yaml_front_matter_and_bare_wire_copy_are_told_the_fix() {
    let site = TestSite::new();
    site.write(
        "content/news/yaml.md",
        "---\ntitle: Budget passes\ndate: 2025-05-28\n---\nText.\n",
    );
    site.write(
        "content/news/wire.txt",
        "BAKU (AP) - The council passed the budget.\n",
    );
    let check = fails_saying(
        &site,
        &[
            "content/news/yaml.md:1:1: error: the front matter is YAML",
            "`+++`",
            "`title = \"Budget passes\"`",
            "content/news/wire.txt:1:1: error",
            "newsdesk import",
        ],
    );
    assert!(
        !check
            .stderr
            .contains("yaml.md:1:1: error: the file does not start")
    );
}

#[test]
fn paths_are_named_from_where_the_command_ran() {
    let site = TestSite::new();
    site.write(
        "desk/content/news/budget.md",
        story("tagz = [\"Budget\"]", "Text."),
    );
    site.write(
        "desk/content/news/broken.md",
        "+++\ntitle = \"x\"\n+++\nText.\n",
    );
    for command in ["build", "check"] {
        let run = run_in(site.path(), &[command, "--site", "desk", "--now", NOW]);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr
                .contains("desk/content/news/broken.md:2:1: error")
                && run
                    .stderr
                    .contains("desk/content/news/budget.md:4:1: warning"),
            "{command}:\n{}",
            run.stderr
        );
    }

    site.remove("desk/content/news/broken.md");
    let log = site.path().join("serve.log");
    let mut serve = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args([
            "serve",
            "--site",
            "desk",
            "--port",
            "0",
            "--now",
            "2025-06-01",
        ])
        .current_dir(site.path())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let stdout = serve.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if line.starts_with("serving ") {
                let _ = tx.send(());
            }
        }
    });
    let started = rx.recv_timeout(Duration::from_secs(30));
    let _ = serve.kill();
    let _ = serve.wait();
    let printed = std::fs::read_to_string(&log).unwrap();
    assert!(started.is_ok(), "serve did not start:\n{printed}");
    assert!(
        printed.contains("desk/content/news/budget.md:4:1: warning"),
        "{printed}"
    );
}

#[test]
fn the_command_that_names_a_file_after_its_headline_runs_where_check_ran() {
    let site = TestSite::new();
    site.write("desk/content/.keep", "");
    site.write(
        "wire/seed.txt",
        "It went beyond mere symbolism\nNews Desk\nBAKU: In the serene surroundings of Lachin.\n",
    );
    let import = site.run_at(
        1_748_400_000,
        &[
            "import",
            "wire/seed.txt",
            "--site",
            "desk",
            "--section",
            "world",
        ],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    let file = "desk/content/world/2025-05-28-headline-needed.txt";
    site.write(
        file,
        site.read(file)
            .replace("Headline needed", "Sharif hails bond"),
    );
    let check = run_in(site.path(), &["check", "--site", "desk", "--now", NOW]);
    let mv = format!("mv {file} desk/content/world/2025-05-28-sharif-hails-bond.txt");
    assert!(check.stderr.contains(&mv), "{}", check.stderr);
    // Run as printed, from where check ran, it works: check is then clean of it.
    let parts: Vec<&str> = mv.split(' ').collect();
    let moved = Command::new(parts[0])
        .args(&parts[1..])
        .current_dir(site.path())
        .status()
        .unwrap();
    assert!(moved.success());
    let again = run_in(site.path(), &["check", "--site", "desk", "--now", NOW]);
    assert!(!again.stderr.contains("placeholder"), "{}", again.stderr);
}

#[test]
fn a_markdown_file_with_the_long_extension_is_an_article() {
    let site = TestSite::new();
    site.write("content/news/budget.markdown", story("", "Text *here*."));
    site.build_ok(&["--now", NOW]);
    let page = site.page("/2025/05/28/budget/");
    assert!(page.html.contains("<em>here</em>"), "{}", page.html);
}

#[test]
fn a_quiet_build_prints_its_problems_and_nothing_else() {
    let site = TestSite::new();
    site.write(
        "content/news/budget.md",
        story("", "See [the map](/maps/budget/)."),
    )
    .write(
        "content/news/later.md",
        article("Embargoed", "2099-01-01T00:00:00Z", "", "Text."),
    );
    let run = site.build_ok(&["--now", NOW, "--quiet"]);
    assert_eq!(
        run.stdout, "",
        "a quiet build has no summary and no next story"
    );
    assert!(
        run.stderr
            .contains("content/news/budget.md:6:5: warning: broken link to /maps/budget/"),
        "the warning is still printed:\n{}",
        run.stderr
    );
    assert!(site.page("/2025/05/28/budget/").html.contains("the map"));
    // Errors are always printed.
    site.write(
        "content/news/broken.md",
        "+++\ntitle = \"Broken\"\n+++\nText.\n",
    );
    let run = site.run(&["build", "--now", NOW, "-q"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("content/news/broken.md:2:1: error: the article has no date"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("build failed with 1 error"),
        "{}",
        run.stderr
    );
}

//! The repository's own example site builds, and shows the wire story as it was filed.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Page, Run};

fn build_example(out: &Path) -> Run {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(["build", "--site", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1780000000")
        .output()
        .expect("newsdesk runs")
        .into()
}

fn page(out: &Path, url: &str) -> Page {
    let path = out.join(url.trim_start_matches('/')).join("index.html");
    Page {
        html: std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    }
}

#[test]
fn the_example_site_builds_and_shows_the_seed_story_word_for_word() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let run = build_example(&out);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("built "), "{}", run.stdout);
    assert!(
        !run.stderr.contains("warning"),
        "the example site builds without warnings:\n{}",
        run.stderr
    );

    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content/world/2025-05-28-sharif-aliyev-lachin.txt"),
    )
    .unwrap();
    let body = seed.splitn(3, "+++\n").nth(2).unwrap();
    let story = page(&out, "/2025/05/28/sharif-aliyev-lachin/");
    let paragraphs = story.texts("main p");
    let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() >= 5);
    for line in lines {
        assert!(
            paragraphs.iter().any(|p| p == line.trim()),
            "paragraph missing or changed: {line}"
        );
    }
    assert_eq!(story.texts(".dateline"), vec!["BAKU:"]);
    assert!(story.main_text().contains("News Desk"));

    let url = "/2025/05/28/sharif-aliyev-lachin/".to_string();
    for place in [
        "/locations/lachin/",
        "/locations/azerbaijan/",
        "/locations/south-caucasus/",
    ] {
        assert!(
            page(&out, place).article_links().contains(&url),
            "{place} lists the Lachin story"
        );
    }
}

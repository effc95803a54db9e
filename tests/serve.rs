//! `newsdesk serve`: a live preview over HTTP that follows the files as they are saved.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{TestSite, article};

/// A running `newsdesk serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &TestSite, extra: &[&str]) -> Server {
    // Port 0: the system picks a free port, which the server names once its files are
    // watched and it is ready.
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .current_dir(site.path())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(site.path().join("serve.log")).unwrap())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if line.starts_with("serving ") {
                let port = line
                    .split("http://127.0.0.1:")
                    .nth(1)
                    .and_then(|rest| rest.split('/').next())
                    .and_then(|p| p.parse::<u16>().ok());
                let _ = tx.send(port);
            }
        }
    });
    let port = rx
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| {
            panic!(
                "the server did not start: {}",
                std::fs::read_to_string(site.path().join("serve.log")).unwrap_or_default()
            )
        })
        .expect("the server names its address");
    Server { child, port }
}

/// A response: status, headers (lower-case names) and body.
struct Response {
    status: u16,
    headers: String,
    body: String,
    /// The body's bytes, for photos.
    raw: Vec<u8>,
}

fn request(port: u16, method: &str, path: &str) -> Response {
    request_for(port, method, path, "localhost")
}

fn request_for(port: u16, method: &str, path: &str, host: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(raw.len(), |at| at + 4);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    Response {
        status,
        headers: head.to_lowercase(),
        body: body.to_string(),
        raw: raw[split..].to_vec(),
    }
}

fn get(port: u16, path: &str) -> Response {
    request(port, "GET", path)
}

/// The reload channel as a browser tab on `path` sees it: each message's JSON.
fn listen(port: u16, path: &str) -> mpsc::Receiver<serde_json::Value> {
    use std::io::BufRead;
    let (tx, rx) = mpsc::channel();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__newsdesk/events?path={path} HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    std::thread::spawn(move || {
        let mut reader = std::io::BufReader::new(stream);
        let mut line = String::new();
        // The head, up to the blank line.
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
            line.clear();
        }
        // The body is chunked: a hexadecimal size line, the bytes, CRLF.
        let mut text = String::new();
        loop {
            line.clear();
            if !reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                return;
            }
            let Ok(size) = usize::from_str_radix(line.trim(), 16) else {
                return;
            };
            let mut chunk = vec![0u8; size + 2];
            if reader.read_exact(&mut chunk).is_err() {
                return;
            }
            text.push_str(&String::from_utf8_lossy(&chunk[..size]));
            while let Some(end) = text.find('\n') {
                let event_line: String = text.drain(..=end).collect();
                if let Some(json) = event_line.trim_end().strip_prefix("data: ")
                    && let Ok(value) = serde_json::from_str(json)
                    && tx.send(value).is_err()
                {
                    return;
                }
            }
        }
    });
    // The server says hello once it has subscribed this tab to its changes.
    let hello: serde_json::Value = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the reload channel answers");
    assert_eq!(hello["type"], "hello");
    rx
}

/// The next message of a kind, waiting a few seconds at most.
fn next(rx: &mpsc::Receiver<serde_json::Value>, kind: &str) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(m) if m["type"] == kind => return m,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    panic!("no `{kind}` message");
}

fn urls(message: &serde_json::Value) -> Vec<String> {
    message["urls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap().to_string())
        .collect()
}

fn renders(port: u16, url: &str) -> u64 {
    let stats: serde_json::Value =
        serde_json::from_str(&get(port, "/__newsdesk/stats").body).unwrap();
    stats["renders"][url].as_u64().unwrap_or(0)
}

fn two_stories() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/world/2025-01-01-lachin.md",
        article(
            "Lachin talks",
            "2025-01-01T09:00:00Z",
            "tags = [\"Diplomacy\"]",
            "BAKU: The first version.",
        ),
    )
    .write(
        "content/sport/2025-01-02-match.md",
        article(
            "Match report",
            "2025-01-02T09:00:00Z",
            "tags = [\"Football\"]",
            "A game.",
        ),
    );
    site
}

#[test]
fn saving_an_article_reloads_its_page_and_leaves_unrelated_pages_alone() {
    let site = two_stories();
    let server = start(&site, &[]);
    let page = get(server.port, "/2025/01/01/lachin/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("The first version."));
    assert!(
        page.body.contains("/__newsdesk/reload.js"),
        "the served page has the reload script"
    );
    assert!(!site.public().exists(), "serve writes nothing to public/");
    get(server.port, "/2025/01/02/match/");
    get(server.port, "/tags/football/");
    let events = listen(server.port, "/2025/01/01/lachin/");

    site.write(
        "content/world/2025-01-01-lachin.md",
        article(
            "Lachin talks",
            "2025-01-01T09:00:00Z",
            "tags = [\"Diplomacy\"]",
            "BAKU: The second version.",
        ),
    );
    let message = next(&events, "reload");
    let changed = urls(&message);
    assert!(
        changed.contains(&"/2025/01/01/lachin/".to_string()),
        "{changed:?}"
    );
    assert!(
        changed.contains(&"/tags/diplomacy/".to_string()),
        "{changed:?}"
    );
    assert!(
        !changed.contains(&"/tags/football/".to_string()),
        "{changed:?}"
    );
    assert!(
        get(server.port, "/2025/01/01/lachin/")
            .body
            .contains("The second version.")
    );
    // The unrelated pages were not rendered again.
    get(server.port, "/tags/football/");
    assert_eq!(renders(server.port, "/tags/football/"), 1);
    assert_eq!(renders(server.port, "/2025/01/01/lachin/"), 2);
}

#[test]
fn a_new_tag_gets_its_page_and_a_deleted_article_is_gone() {
    let site = two_stories();
    let server = start(&site, &[]);
    assert_eq!(get(server.port, "/tags/elections/").status, 404);
    let events = listen(server.port, "/");
    site.write(
        "content/world/2025-01-03-vote.md",
        article(
            "Vote called",
            "2025-01-03T09:00:00Z",
            "tags = [\"Elections\"]",
            "x",
        ),
    );
    let message = next(&events, "reload");
    assert!(urls(&message).contains(&"/tags/elections/".to_string()));
    assert!(urls(&message).contains(&"/".to_string()));
    let tag = get(server.port, "/tags/elections/");
    assert_eq!(tag.status, 200);
    assert!(tag.body.contains("/2025/01/03/vote/"));
    assert!(get(server.port, "/").body.contains("Vote called"));
    assert!(get(server.port, "/tags/").body.contains("Elections"));

    site.remove("content/sport/2025-01-02-match.md");
    let message = next(&events, "reload");
    assert!(urls(&message).contains(&"/2025/01/02/match/".to_string()));
    assert_eq!(get(server.port, "/2025/01/02/match/").status, 404);
    assert_eq!(get(server.port, "/tags/football/").status, 404);
    assert!(!get(server.port, "/").body.contains("Match report"));
}

#[test]
fn a_broken_file_shows_an_error_and_the_last_good_site_until_it_is_fixed() {
    let site = two_stories();
    let server = start(&site, &[]);
    let events = listen(server.port, "/2025/01/01/lachin/");
    site.write(
        "content/world/2025-01-01-lachin.md",
        "+++\ntitle = \"Lachin talks\ndate = 2025-01-01T09:00:00Z\n+++\nBroken.\n",
    );
    let error = next(&events, "error");
    let text = error["message"].as_str().unwrap();
    assert!(
        text.contains("content/world/2025-01-01-lachin.md:2:"),
        "{text}"
    );
    let page = get(server.port, "/2025/01/01/lachin/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("The first version."),
        "the last good page is still served"
    );
    // A tab that connects now is told about the error at once.
    let late = listen(server.port, "/");
    assert!(
        next(&late, "error")["message"]
            .as_str()
            .unwrap()
            .contains("2025-01-01-lachin.md")
    );

    site.write(
        "content/world/2025-01-01-lachin.md",
        article(
            "Lachin talks",
            "2025-01-01T09:00:00Z",
            "tags = [\"Diplomacy\"]",
            "BAKU: Fixed.",
        ),
    );
    let reload = next(&events, "reload");
    assert!(urls(&reload).contains(&"/2025/01/01/lachin/".to_string()));
    assert!(
        get(server.port, "/2025/01/01/lachin/")
            .body
            .contains("Fixed.")
    );
}

#[test]
fn a_template_change_re_renders_the_pages_that_use_it() {
    let site = two_stories();
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ term.name }}</h1>{% endblock main %}",
    );
    let server = start(&site, &[]);
    get(server.port, "/2025/01/02/match/");
    let events = listen(server.port, "/tags/football/");
    site.write("templates/tag.html", "{% extends \"base.html\" %}{% block main %}<h1>Topic: {{ term.name }}</h1>{% endblock main %}");
    let message = next(&events, "reload");
    let changed = urls(&message);
    assert!(
        changed.contains(&"/tags/football/".to_string())
            && changed.contains(&"/tags/diplomacy/".to_string()),
        "{changed:?}"
    );
    assert!(
        !changed.iter().any(|u| u.starts_with("/2025/")),
        "article pages do not use tag.html: {changed:?}"
    );
    assert!(
        get(server.port, "/tags/football/")
            .body
            .contains("Topic: Football")
    );
    assert_eq!(renders(server.port, "/2025/01/02/match/"), 1);

    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ term.nope }}</h1>{% endblock main %}",
    );
    let error = next(&events, "error");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("templates/tag.html:1:"),
        "{error}"
    );
}

#[test]
fn drafts_and_scheduled_stories_carry_a_banner_only_in_the_preview() {
    let site = two_stories();
    site.write(
        "content/world/2025-01-05-draft.md",
        article("Draft story", "2025-01-05T09:00:00Z", "draft = true", "x"),
    )
    .write(
        "content/world/2099-01-01-later.md",
        article("Later story", "2099-01-01T09:00:00Z", "", "x"),
    );
    let plain = start(&site, &[]);
    assert_eq!(get(plain.port, "/2025/01/05/draft/").status, 404);
    drop(plain);
    let server = start(&site, &["--drafts", "--future"]);
    let draft = get(server.port, "/2025/01/05/draft/");
    assert!(draft.body.contains("class=\"newsdesk-banner\"") && draft.body.contains("Draft"));
    let later = get(server.port, "/2099/01/01/later/");
    assert!(
        later.body.contains("Scheduled for 1 January 2099"),
        "{}",
        later.body
    );
    assert!(
        !get(server.port, "/2025/01/01/lachin/")
            .body
            .contains("newsdesk-banner")
    );
    site.build_ok(&["--drafts", "--future"]);
    assert!(
        !site.all_output().contains("newsdesk-banner") && !site.all_output().contains("__newsdesk")
    );
}

#[test]
#[cfg(unix)]
fn serve_follows_the_links_in_static_that_build_copies_and_refuses_the_others() {
    let site = two_stories();
    site.write("notes/inside.txt", "inside");
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("secret.txt"), "TOKEN=8842").unwrap();
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::os::unix::fs::symlink("../notes/inside.txt", site.path().join("static/inside.txt"))
        .unwrap();
    std::os::unix::fs::symlink(
        elsewhere.path().join("secret.txt"),
        site.path().join("static/leak.txt"),
    )
    .unwrap();
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(build.stderr.contains("static/leak.txt"), "{}", build.stderr);
    {
        let server = start(&site, &[]);
        let leak = get(server.port, "/leak.txt");
        assert_eq!(leak.status, 404);
        assert!(!leak.body.contains("TOKEN=8842"));
        let stats = get(server.port, "/__newsdesk/stats");
        assert!(stats.body.contains("static/leak.txt"), "{}", stats.body);
        let inside = get(server.port, "/inside.txt");
        assert_eq!((inside.status, inside.body.as_str()), (200, "inside"));
    }
    std::fs::remove_file(site.path().join("static/leak.txt")).unwrap();
    site.build_ok(&[]);
    assert_eq!(site.file("inside.txt"), "inside");
    assert!(!site.has_file("leak.txt"));
}

#[test]
#[cfg(unix)]
fn an_article_linked_from_outside_the_site_is_an_error_until_the_link_is_gone() {
    let site = two_stories();
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("story.md");
    std::fs::write(
        &outside,
        article("Outside", "2025-01-03T09:00:00Z", "", "TOKEN=8842"),
    )
    .unwrap();
    let server = start(&site, &[]);
    let events = listen(server.port, "/");
    let link = site.path().join("content/world/2025-01-03-outside.md");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    let error = next(&events, "error");
    let text = error["message"].as_str().unwrap();
    assert!(
        text.contains("content/world/2025-01-03-outside.md: error: this link leads outside"),
        "{text}"
    );
    assert_eq!(get(server.port, "/2025/01/03/outside/").status, 404);
    std::fs::remove_file(&link).unwrap();
    let started = Instant::now();
    loop {
        let stats = get(server.port, "/__newsdesk/stats");
        if stats.body.contains("\"errors\":[]") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the error stays: {}",
            stats.body
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn nothing_outside_the_site_can_be_read_and_only_get_and_head_are_answered() {
    let site = two_stories();
    site.write("static/css/extra.css", "body{}")
        .write("secret.txt", "secret");
    let server = start(&site, &[]);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/css/%2E%2E/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/site.toml",
        "/content/world/2025-01-01-lachin.md",
    ] {
        let r = get(server.port, path);
        assert!(r.status == 404 || r.status == 400, "{path}: {}", r.status);
        assert!(!r.body.contains("secret"), "{path}");
    }
    let css = get(server.port, "/css/extra.css");
    assert_eq!(css.status, 200);
    assert!(css.headers.contains("content-type: text/css"));
    assert!(
        get(server.port, "/feed.xml")
            .headers
            .contains("content-type: application/atom+xml")
    );
    let missing = get(server.port, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));
    assert_eq!(request(server.port, "POST", "/").status, 405);
    assert_eq!(request(server.port, "DELETE", "/").status, 405);
    let head = request(server.port, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = two_stories();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is in use") && run.stderr.contains("--port"),
        "{}",
        run.stderr
    );
}

/// Builds the site as serve shows it (same clock, serve's address) and asks serve for every
/// page the build wrote: each must be the built page plus serve's reload script. Returns how
/// many pages were compared. A build that fails (a broken file is being served) compares
/// nothing.
fn compare_with_a_build(site: &TestSite, port: u16, now: &str) -> usize {
    let base = format!("http://127.0.0.1:{port}");
    let run = site.run(&["build", "--now", now, "--base-url", &base]);
    if run.code != 0 {
        return 0;
    }
    let mut compared = 0;
    for file in site.files() {
        if [".jpg", ".png", ".webp"]
            .iter()
            .any(|ext| file.ends_with(ext))
        {
            let served = get(port, &format!("/{file}"));
            assert_eq!(served.status, 200, "/{file}");
            let built = std::fs::read(site.public().join(&file)).unwrap();
            assert!(
                served.raw == built,
                "the photo /{file} differs from the build"
            );
            compared += 1;
            continue;
        }
        if file.starts_with("search/") && !file.ends_with(".html") {
            let served = get(port, &format!("/{file}"));
            assert_eq!(served.status, 200, "/{file}");
            let built = std::fs::read(site.public().join(&file)).unwrap();
            assert!(
                served.raw == built,
                "the search index's /{file} differs from the build"
            );
            compared += 1;
            continue;
        }
        if !(file.ends_with(".html") || file.ends_with(".xml")) {
            continue;
        }
        let url = format!("/{}", file.trim_end_matches("index.html"));
        let served = get(port, &url);
        assert_eq!(served.status, 200, "{url}");
        // What serve adds: the reload script.
        let served = match served.body.find("<script src=\"/__newsdesk/reload.js") {
            Some(at) => {
                let end = at + served.body[at..].find("</script>").unwrap() + "</script>".len();
                format!("{}{}", &served.body[..at], &served.body[end..])
            }
            None => served.body.clone(),
        };
        let built = std::fs::read_to_string(site.public().join(&file)).unwrap();
        assert!(served == built, "{url} differs from the build");
        compared += 1;
    }
    compared
}

#[test]
fn after_any_series_of_edits_serve_shows_exactly_what_a_fresh_build_writes() {
    let site = TestSite::new();
    site.write(
        "content/_locations.toml",
        "[Lachin]\nin = \"Azerbaijan\"\n[Baku]\nin = \"Azerbaijan\"\n[Tbilisi]\nin = \"Georgia\"\n",
    );
    let tags = ["Energy", "Diplomacy", "Trade", "Football"];
    let places = ["Lachin", "Baku", "Tbilisi", "Ganja"];
    for i in 0..12 {
        let extra = format!(
            "tags = [\"{}\", \"{}\"]\nlocations = [\"{}\"]\nbyline = \"Writer {}\"",
            tags[i % 4],
            tags[(i + 1) % 4],
            places[i % 4],
            i % 3
        );
        site.write(
            &format!("content/s{}/2025-03-{:02}-story-{i}.md", i % 3, i + 1),
            article(
                &format!("Story {i}"),
                &format!("2025-03-{:02}T09:00:00Z", i + 1),
                &extra,
                &format!("BAKU: Text {i}."),
            ),
        );
    }
    let now = "2025-04-01T00:00:00Z";
    let server = start(&site, &["--now", now]);
    let events = listen(server.port, "/");
    let edits: Vec<Box<dyn Fn()>> = vec![
        // The text of one article.
        Box::new(|| {
            site.write("content/s0/2025-03-01-story-0.md", article("Story 0", "2025-03-01T09:00:00Z", "tags = [\"Energy\", \"Diplomacy\"]\nlocations = [\"Lachin\"]\nbyline = \"Writer 0\"", "BAKU: Rewritten."));
        }),
        // A new tag on another.
        Box::new(|| {
            site.write("content/s1/2025-03-02-story-1.md", article("Story 1 updated", "2025-03-02T09:00:00Z", "tags = [\"Diplomacy\", \"Sanctions\"]\nlocations = [\"Baku\"]\nbyline = \"Writer 1\"", "x"));
        }),
        // A new article, and one deleted.
        Box::new(|| {
            site.write(
                "content/s2/2025-03-20-new.md",
                article(
                    "A new story",
                    "2025-03-20T09:00:00Z",
                    "tags = [\"Trade\"]\nlocations = [\"Tbilisi\"]",
                    "x",
                ),
            );
        }),
        Box::new(|| site.remove("content/s0/2025-03-04-story-3.md")),
        // A date that moves an article to the top.
        Box::new(|| {
            site.write("content/s2/2025-03-06-story-5.md", article("Story 5", "2025-03-25T09:00:00Z", "tags = [\"Diplomacy\", \"Trade\"]\nlocations = [\"Baku\"]\nbyline = \"Writer 2\"", "x"));
        }),
        // The gazetteer.
        Box::new(|| {
            site.write("content/_locations.toml", "[Lachin]\nin = \"Azerbaijan\"\n[Baku]\nin = \"Azerbaijan\"\n[Azerbaijan]\nin = \"South Caucasus\"\n[Tbilisi]\nin = \"Georgia\"\n[Georgia]\nin = \"South Caucasus\"\n");
        }),
        // What the desk puts on top: a lead, then a lead, top stories, a section's lead and
        // a breaking strip on every page.
        Box::new(|| {
            site.write(
                "content/_fronts.toml",
                "[home]\nlead = \"s0/2025-03-10-story-9.md\"\n",
            );
        }),
        Box::new(|| {
            site.write("content/_fronts.toml", "[home]\nlead = \"s1/2025-03-02-story-1.md\"\ntop = [\"s0/2025-03-07-story-6.md\", \"s2/2025-03-03-story-2.md\"]\n\n[s0]\nlead = \"s0/2025-03-01-story-0.md\"\n\n[breaking]\ntext = \"Polls close\"\nuntil = 2025-04-02T00:00:00Z\n");
        }),
        // A profile, then an alias that makes Writer 1's stories Writer 0's.
        Box::new(|| {
            site.write(
                "content/_authors.toml",
                "[\"Writer 0\"]\nrole = \"Correspondent\"\nbio = \"Writes from *Baku*.\"\n",
            );
        }),
        Box::new(|| {
            site.write(
                "content/_authors.toml",
                "[\"Writer 0\"]\nrole = \"Editor\"\naliases = [\"Writer 1\"]\n",
            );
        }),
        // A standing page, then its title and menu.
        Box::new(|| {
            site.write(
                "content/_pages/about.md",
                "+++\ntitle = \"About us\"\nmenu = \"header\"\n+++\nWho we are.\n",
            );
        }),
        Box::new(|| {
            site.write(
                "content/_pages/about.md",
                "+++\ntitle = \"Who we are\"\nmenu = \"footer\"\n+++\nWho we are.\n",
            );
        }),
        // A lead photo, the same photo made anew, and a graphic in a body.
        Box::new(|| {
            site.write("static/images/lachin.jpg", common::jpeg(120, 80));
            site.write("content/s0/2025-03-01-story-0.md", article("Story 0", "2025-03-01T09:00:00Z", "tags = [\"Energy\", \"Diplomacy\"]\nlocations = [\"Lachin\"]\nbyline = \"Writer 0\"\nimage = \"/images/lachin.jpg\"\nimage_alt = \"The valley\"", "BAKU: Rewritten."));
        }),
        Box::new(|| {
            site.write("static/images/lachin.jpg", common::jpeg(90, 120));
        }),
        Box::new(|| {
            site.write("content/s1/chart.png", common::png(60, 40));
            site.write("content/s1/2025-03-02-story-1.md", article("Story 1 updated", "2025-03-02T09:00:00Z", "tags = [\"Diplomacy\", \"Sanctions\"]\nlocations = [\"Baku\"]\nbyline = \"Writer 1\"", "x\n\n![A chart](chart.png \"The figures\")\n"));
        }),
        // A draft, then a broken file, then its fix.
        Box::new(|| {
            site.write(
                "content/s1/2025-03-08-story-7.md",
                article(
                    "Story 7",
                    "2025-03-08T09:00:00Z",
                    "draft = true\ntags = [\"Football\"]",
                    "x",
                ),
            );
        }),
        Box::new(|| {
            site.write(
                "content/s1/2025-03-11-story-10.md",
                "+++\ntitle = \"Broken\n+++\n",
            );
        }),
        Box::new(|| {
            site.write(
                "content/s1/2025-03-11-story-10.md",
                article(
                    "Story 10 back",
                    "2025-03-11T09:00:00Z",
                    "tags = [\"Energy\"]\nlocations = [\"Ganja\"]",
                    "x",
                ),
            );
        }),
    ];
    compare_with_a_build(&site, server.port, now);
    for edit in &edits {
        edit();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let m = events
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| {
                    panic!(
                        "no message after an edit; the server said:\n{}",
                        std::fs::read_to_string(site.path().join("serve.log")).unwrap_or_default()
                    )
                });
            if m["type"] == "reload" || m["type"] == "error" {
                break;
            }
        }
        // Every page is asked for after every edit, so that serve keeps each one and must
        // know, at the next edit, which of them changed.
        compare_with_a_build(&site, server.port, now);
    }
    let compared = compare_with_a_build(&site, server.port, now);
    assert!(compared > 50, "{compared}");
    // And nothing the build does not have.
    assert_eq!(get(server.port, "/2025/03/04/story-3/").status, 404);
    assert_eq!(get(server.port, "/2025/03/08/story-7/").status, 404);
}

#[test]
fn pages_made_from_an_article_follow_it_and_static_files_are_seen_as_they_come() {
    let site = two_stories();
    site.write(
        "content/world/2025-01-03-fixed.md",
        article(
            "First title",
            "2025-01-03T09:00:00Z",
            "[[corrections]]\ndate = 2025-01-04T09:00:00Z\ntext = \"A name was wrong.\"",
            "x",
        ),
    )
    .write(
        "content/world/2025-01-05-pic.md",
        article(
            "With a picture",
            "2025-01-05T09:00:00Z",
            "image = \"/img/map.png\"\nimage_alt = \"A map\"",
            "x",
        ),
    );
    let server = start(&site, &[]);
    let events = listen(server.port, "/corrections/");
    let error = next(&events, "error");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("/img/map.png is not in static/"),
        "{error}"
    );
    // Putting the picture in static/ is the fix the error names.
    site.write("static/img/map.png", common::png(40, 30));
    next(&events, "reload");
    assert_eq!(
        get(server.port, "/img/map.png").status,
        200,
        "static/ made after the start is served"
    );
    assert!(
        get(server.port, "/corrections/")
            .body
            .contains("First title")
    );
    // A new headline on a corrected article shows on the corrections page.
    site.write(
        "content/world/2025-01-03-fixed.md",
        article(
            "Second title",
            "2025-01-03T09:00:00Z",
            "[[corrections]]\ndate = 2025-01-04T09:00:00Z\ntext = \"A name was wrong.\"",
            "x",
        ),
    );
    assert!(urls(&next(&events, "reload")).contains(&"/corrections/".to_string()));
    assert!(
        get(server.port, "/corrections/")
            .body
            .contains("Second title")
    );
    // A robots.txt of the site's own replaces the built-in one.
    site.write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    next(&events, "reload");
    assert!(
        get(server.port, "/robots.txt")
            .body
            .contains("Disallow: /drafts/")
    );
}

#[test]
fn the_preview_answers_only_to_its_own_names() {
    let site = two_stories();
    let server = start(&site, &[]);
    assert_eq!(
        request_for(
            server.port,
            "GET",
            "/",
            &format!("127.0.0.1:{}", server.port)
        )
        .status,
        200
    );
    assert_eq!(
        request_for(
            server.port,
            "GET",
            "/",
            &format!("localhost:{}", server.port)
        )
        .status,
        200
    );
    let foreign = request_for(server.port, "GET", "/", "attacker.example");
    assert_eq!(foreign.status, 403);
    assert!(!foreign.body.contains("Lachin"));
}

/// What `serve` printed to the terminal's error stream so far.
fn terminal(site: &TestSite) -> String {
    std::fs::read_to_string(site.path().join("serve.log")).unwrap_or_default()
}

#[test]
fn a_template_error_shows_over_the_last_good_page_and_in_the_terminal_until_fixed() {
    let site = two_stories();
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>Topic: {{ term.name }}</h1>\n{% endblock main %}\n",
    );
    let server = start(&site, &[]);
    assert!(
        get(server.port, "/tags/diplomacy/")
            .body
            .contains("Topic: Diplomacy")
    );
    let events = listen(server.port, "/tags/diplomacy/");

    // A mistake that only shows when a page renders.
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>Topic: {{ term.nope }}</h1>\n{% endblock main %}\n",
    );
    let error = next(&events, "error");
    let text = error["message"].as_str().unwrap();
    assert!(text.contains("templates/tag.html:3:"), "{text}");
    assert!(
        text.contains("<h1>Topic: {{ term.nope }}</h1>"),
        "the line is quoted: {text}"
    );
    // The browser gets the last good pages, with the reload script that shows the error
    // over them; a tag page no tab had open too.
    for url in ["/tags/diplomacy/", "/tags/football/"] {
        let page = get(server.port, url);
        assert_eq!(page.status, 200, "{url}: {}", page.body);
        assert!(page.body.contains("<h1>Topic: "), "{url}: {}", page.body);
        assert!(page.body.contains("/__newsdesk/reload.js"), "{url}");
    }
    let late = listen(server.port, "/tags/football/");
    assert!(
        next(&late, "error")["message"]
            .as_str()
            .unwrap()
            .contains("templates/tag.html:3:")
    );
    let log = terminal(&site);
    assert!(log.contains("templates/tag.html:3:"), "{log}");
    assert!(log.contains("rebuild failed"), "{log}");

    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>Subject: {{ term.name }}</h1>\n{% endblock main %}\n",
    );
    let reload = next(&events, "reload");
    assert!(urls(&reload).contains(&"/tags/diplomacy/".to_string()));
    assert!(
        get(server.port, "/tags/diplomacy/")
            .body
            .contains("Subject: Diplomacy")
    );
    let stats: serde_json::Value =
        serde_json::from_str(&get(server.port, "/__newsdesk/stats").body).unwrap();
    assert_eq!(stats["errors"], serde_json::json!([]));
}

#[test]
fn a_site_whose_templates_are_broken_at_start_is_served_with_its_errors() {
    let site = two_stories();
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% if term %}\n<h1>{{ term.name }}</h1>\n{% endblock main %}\n",
    );
    let server = start(&site, &[]);
    let page = get(server.port, "/");
    assert!(
        page.body.contains("templates/tag.html:3:1") && page.body.contains("is never closed"),
        "{}",
        page.body
    );
    assert!(page.body.contains("/__newsdesk/reload.js"));
    let events = listen(server.port, "/");
    assert!(
        next(&events, "error")["message"]
            .as_str()
            .unwrap()
            .contains("templates/tag.html:3:1")
    );
    assert!(terminal(&site).contains("templates/tag.html:3:1"));

    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% if term %}\n<h1>{{ term.name }}</h1>\n{% endif %}\n{% endblock main %}\n",
    );
    let reload = next(&events, "reload");
    assert!(urls(&reload).contains(&"/".to_string()));
    let page = get(server.port, "/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Lachin talks"));
}

/// The search index serve answers with, read as the search page reads it.
fn served_index(port: u16) -> Option<common::SearchIndex<impl Fn(&str) -> Option<Vec<u8>>>> {
    common::SearchIndex::open(move |name| {
        let r = get(port, &format!("/search/{name}"));
        (r.status == 200).then_some(r.raw)
    })
}

#[test]
fn a_saved_story_is_found_by_search_at_once_and_a_draft_or_an_expired_one_never() {
    let site = two_stories();
    // A story taken down a few seconds from now: found until then.
    let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(4);
    site.write(
        "content/world/2025-01-03-takedown.md",
        article(
            "A story to take down",
            "2025-01-03T09:00:00Z",
            &format!("expires = {}", soon.strftime("%Y-%m-%dT%H:%M:%SZ")),
            "The defamatory allegation.",
        ),
    );
    let server = start(&site, &["--drafts"]);
    let index = served_index(server.port).expect("serve answers the search index");
    assert_eq!(
        index.find("defamatory"),
        vec!["/2025/01/03/takedown/".to_string()]
    );
    assert!(index.find("zeppelin").is_empty());

    site.write(
        "content/world/2025-01-04-zeppelin.md",
        article(
            "Zeppelin lands",
            "2025-01-04T09:00:00Z",
            "",
            "The zeppelin landed in Baku.",
        ),
    )
    .write(
        "content/world/2025-01-05-draft.md",
        article(
            "A draft",
            "2025-01-05T09:00:00Z",
            "draft = true",
            "The potholed road.",
        ),
    );
    let saved = Instant::now();
    let found = loop {
        let found = served_index(server.port)
            .map(|i| i.find("zeppelin"))
            .unwrap_or_default();
        if !found.is_empty() || saved.elapsed() > Duration::from_secs(2) {
            break found;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(
        found,
        vec!["/2025/01/04/zeppelin/".to_string()],
        "findable within 2 s of the save"
    );
    assert!(!site.public().exists(), "serve writes nothing to public/");
    let index = served_index(server.port).unwrap();
    assert!(
        index.find("potholed").is_empty(),
        "a draft is shown in the preview, never found"
    );
    assert_eq!(get(server.port, "/2025/01/05/draft/").status, 200);

    // Once the takedown's time has passed, the preview drops the story and its words.
    while jiff::Timestamp::now() < soon + jiff::SignedDuration::from_millis(1500) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let gone = loop {
        let found = served_index(server.port).unwrap().find("defamatory");
        if found.is_empty() || jiff::Timestamp::now() > soon + jiff::SignedDuration::from_secs(5) {
            break found;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(gone.is_empty(), "an expired story is still found: {gone:?}");
}

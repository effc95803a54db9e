//! The README's "A first day at the desk", run command by command as the README writes it:
//! each `newsdesk ...` line with the built binary, `cd` as a shell would, and each
//! `$EDITOR FILE   # what to do` line done as its comment says. If the README changes, this
//! test runs the new text.

mod common;

use std::io::{BufRead, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::Run;
use newsdesk::editorial::article_file::BODY_PLACEHOLDER;

/// The heading of the walk-through in README.md.
const HEADING: &str = "### A first day at the desk";

/// What the reporter writes in place of the placeholder.
const STORY: &str = "BAKU: The city council approved the budget on Monday.";

/// One line of a shell block of the walk-through: the words, and the comment after `#`.
#[derive(Debug)]
struct Line {
    words: Vec<String>,
    comment: String,
}

/// The lines of the ```sh blocks under the walk-through's heading, up to the next heading.
fn walk_through() -> Vec<Line> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let start = readme
        .lines()
        .position(|l| l.trim_end() == HEADING)
        .unwrap_or_else(|| panic!("README.md has no `{HEADING}`"));
    let mut lines = Vec::new();
    let mut fence: Option<bool> = None;
    for line in readme.lines().skip(start + 1) {
        if fence.is_none() && (line.starts_with("## ") || line.starts_with("### ")) {
            break;
        }
        match (fence, line.trim_start().strip_prefix("```")) {
            (None, Some(lang)) => fence = Some(lang.trim() == "sh"),
            (Some(_), Some(_)) => fence = None,
            (Some(true), None) if !line.trim().is_empty() => lines.push(parse(line)),
            _ => {}
        }
    }
    assert!(!lines.is_empty(), "no ```sh block under {HEADING}");
    lines
}

/// A shell line as words (double quotes group, as in a shell) and its `# comment`.
fn parse(line: &str) -> Line {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut in_word = false;
    let mut comment = String::new();
    for (i, c) in line.char_indices() {
        match c {
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            '#' if !quoted && !in_word => {
                comment = line[i + 1..].trim().to_string();
                break;
            }
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Line { words, comment }
}

/// The one file a pattern like `content/politics/*-budget.md` names (a `*` in the file name).
fn glob(cwd: &Path, pattern: &str) -> PathBuf {
    let path = cwd.join(pattern);
    let dir = path.parent().unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let (before, after) = name.split_once('*').unwrap_or((&name, ""));
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{pattern}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.len() >= before.len() + after.len() && n.starts_with(before) && n.ends_with(after)
        })
        .collect();
    assert_eq!(found.len(), 1, "{pattern} names one file: {found:?}");
    found.into_iter().next().unwrap()
}

fn newsdesk(cwd: &Path, args: &[String]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("newsdesk runs")
        .into()
}

/// Runs `newsdesk serve ARGS` on a free port for as long as it takes to fetch `paths`; the
/// status and body of each.
fn serve_briefly(cwd: &Path, args: &[String], paths: &[&str]) -> Vec<(u16, String)> {
    let log = cwd.join("serve.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(args)
        .args(["--port", "0"])
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("newsdesk serve runs");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let _ = tx.send(rest.split('/').next().and_then(|p| p.parse::<u16>().ok()));
            }
        }
    });
    let port = rx.recv_timeout(Duration::from_secs(30)).ok().flatten();
    let responses = port.map(|port| {
        paths
            .iter()
            .map(|path| {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                write!(
                    stream,
                    "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                )
                .unwrap();
                let mut raw = Vec::new();
                stream.read_to_end(&mut raw).unwrap();
                let text = String::from_utf8_lossy(&raw).into_owned();
                let status = text.split_whitespace().nth(1).unwrap().parse().unwrap();
                (status, text)
            })
            .collect()
    });
    let _ = child.kill();
    let _ = child.wait();
    responses.unwrap_or_else(|| {
        panic!(
            "serve did not start: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        )
    })
}

/// The story being written: its file, headline and address (a path).
struct Story {
    file: PathBuf,
    headline: String,
    url: String,
    draft: bool,
}

#[test]
fn the_first_day_at_the_desk_runs_as_the_readme_writes_it() {
    let home = tempfile::tempdir().unwrap();
    let mut cwd = home.path().to_path_buf();
    let mut story: Option<Story> = None;
    let mut done: Vec<&str> = Vec::new();
    for line in walk_through() {
        let shown = format!("{} # {}", line.words.join(" "), line.comment);
        let (program, args) = line.words.split_first().expect("a command");
        match program.as_str() {
            "cd" => {
                cwd = cwd.join(&args[0]);
                assert!(cwd.is_dir(), "{shown}: no folder {}", cwd.display());
            }
            "$EDITOR" => {
                let s = story
                    .as_mut()
                    .expect("a story is edited after `newsdesk new`");
                let file = glob(&cwd, &args[0]);
                assert_eq!(file, s.file, "{shown}: the file `new` wrote");
                let text = std::fs::read_to_string(&file).unwrap();
                if line.comment.contains("placeholder") {
                    assert!(text.contains(BODY_PLACEHOLDER), "{shown}:\n{text}");
                    std::fs::write(&file, text.replace(BODY_PLACEHOLDER, STORY)).unwrap();
                    done.push("edit");
                } else if line.comment.contains("draft = true") {
                    assert!(text.contains("\ndraft = true\n"), "{shown}:\n{text}");
                    std::fs::write(&file, text.replace("\ndraft = true\n", "\n")).unwrap();
                    s.draft = false;
                    done.push("publish");
                } else {
                    panic!(
                        "{shown}: an edit this test does not know; say what to do in the comment"
                    );
                }
            }
            "newsdesk" => {
                let command = args[0].as_str();
                if command == "serve" {
                    let s = story.as_ref().expect("serve previews the story");
                    let responses = serve_briefly(&cwd, args, &["/", &s.url]);
                    assert_eq!(responses[0].0, 200, "{shown}: the front page");
                    if args.iter().any(|a| a == "--drafts") {
                        assert_eq!(responses[1].0, 200, "{shown}: the draft's page");
                        assert!(responses[1].1.contains(&s.headline), "{shown}");
                    }
                    done.push("serve");
                    continue;
                }
                let run = newsdesk(&cwd, args);
                assert_eq!(run.code, 0, "{shown}\n{}\n{}", run.stdout, run.stderr);
                match command {
                    "init" => {
                        assert!(cwd.join(&args[1]).join("site.toml").is_file(), "{shown}");
                        done.push("init");
                    }
                    "new" => {
                        let mut out = run.stdout.lines();
                        let file = cwd.join(out.next().expect("new prints the file"));
                        let address = out.next().expect("new prints the address");
                        let url = address
                            .strip_prefix("http://localhost:1111")
                            .unwrap_or_else(|| panic!("{shown}: {address}"));
                        let text = std::fs::read_to_string(&file).unwrap();
                        let draft = !args.iter().any(|a| a == "--publish");
                        assert_eq!(text.contains("\ndraft = true\n"), draft, "{shown}:\n{text}");
                        story = Some(Story {
                            file,
                            headline: args[1].clone(),
                            url: url.to_string(),
                            draft,
                        });
                        done.push("new");
                    }
                    "check" => {
                        assert!(
                            run.stdout.contains(": 0 errors, "),
                            "{shown}: {}",
                            run.stdout
                        );
                        if let Some(s) = &story {
                            let name = s.file.file_name().unwrap().to_string_lossy();
                            assert!(
                                !run.stderr.contains(name.as_ref()),
                                "{shown}: {}",
                                run.stderr
                            );
                        }
                        done.push("check");
                    }
                    "build" => {
                        let s = story.as_ref().expect("the build publishes the story");
                        let public = cwd.join("public");
                        let page = public
                            .join(s.url.trim_start_matches('/'))
                            .join("index.html");
                        if s.draft {
                            assert!(
                                run.stdout.contains("(1 draft left out)"),
                                "{shown}: {}",
                                run.stdout
                            );
                            assert!(!page.exists(), "{shown}: the draft is not published");
                        } else {
                            let html = std::fs::read_to_string(&page)
                                .unwrap_or_else(|e| panic!("{shown}: no {}: {e}", s.url));
                            assert!(
                                html.contains(&s.headline)
                                    && html.contains("The city council approved")
                            );
                            let front = std::fs::read_to_string(public.join("index.html")).unwrap();
                            assert!(
                                front.contains(&format!("href=\"{}\"", s.url)),
                                "{shown}: on the front page"
                            );
                            let news =
                                std::fs::read_to_string(public.join("news-sitemap.xml")).unwrap();
                            assert!(news.contains(&s.url), "{shown}: in the news sitemap");
                            let feed = std::fs::read_to_string(public.join("feed.xml")).unwrap();
                            assert!(feed.contains(&s.url), "{shown}: in the feed");
                        }
                        done.push("build");
                    }
                    _ => {}
                }
            }
            other => panic!("{shown}: `{other}` is not a step this test knows"),
        }
    }
    for step in ["init", "new", "edit", "serve", "check", "build", "publish"] {
        assert!(
            done.contains(&step),
            "the walk-through has no `{step}` step: {done:?}"
        );
    }
    let last = done.iter().rposition(|s| *s == "build").unwrap();
    let published = done.iter().position(|s| *s == "publish").unwrap();
    assert!(published < last, "a build after publishing: {done:?}");
}

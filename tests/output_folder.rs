//! The output folder (SPEC 9.6): a build replaces only a folder newsdesk wrote, follows a
//! symlinked output to the folder it names, takes turns with other builds of the same output,
//! cleans up after killed builds, and swaps the new site in so that the output path always
//! holds a complete site.

mod common;

use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{TestSite, article};

/// A small site that builds.
fn small_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/world/talks.md",
        article(
            "Talks resume in Baku",
            "2025-05-01T09:00:00Z",
            "tags = [\"Diplomacy\"]",
            "Delegations met again.",
        ),
    );
    site
}

/// Every file under `dir` with its bytes, sorted by path: what "untouched" is compared with.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = walk(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if std::fs::symlink_metadata(&p).unwrap().is_dir() {
                stack.push(p)
            } else {
                out.push(p)
            }
        }
    }
    out
}

/// Names in the site folder left by builds: `.public.staging-<pid>`, `.public.old-<pid>`.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".staging-") || n.contains(".old-"))
        .collect()
}

#[test]
fn an_output_that_names_the_sites_own_folders_is_refused_and_nothing_is_touched() {
    let site = small_site();
    site.write("static/robots.txt", "User-agent: *\n");
    site.write("templates/.keep", "");
    let before = snapshot(site.path());
    for output in [
        "content",
        ".",
        "static",
        "templates/out",
        "content/world",
        "..",
    ] {
        let run = site.run(&["build", "--output", output]);
        assert_eq!(
            run.code, 2,
            "--output {output} must be refused:\n{}\n{}",
            run.stdout, run.stderr
        );
        assert!(
            run.stderr.contains("help: ") && run.stderr.contains("--output public"),
            "the refusal says what to do instead: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("left as it was") && run.stderr.contains("was not touched"),
            "{}",
            run.stderr
        );
        assert_eq!(
            snapshot(site.path()),
            before,
            "--output {output}: the site folder was changed"
        );
    }
}

#[test]
fn an_output_that_is_a_file_is_refused_and_the_file_is_kept() {
    let site = small_site();
    site.write("out", "precious\n");
    let run = site.run(&["build", "--output", "out"]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("out: error: the output is a file"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("left as it was"),
        "only a true message: {}",
        run.stderr
    );
    assert_eq!(site.read("out"), "precious\n");
    assert!(
        leftovers(site.path()).is_empty(),
        "{:?}",
        leftovers(site.path())
    );
    let forced = site.run(&["build", "--output", "out", "--force"]);
    assert_eq!(
        forced.code, 2,
        "--force never replaces a file: {}",
        forced.stderr
    );
    assert_eq!(site.read("out"), "precious\n");
}

#[test]
fn a_folder_newsdesk_did_not_write_is_replaced_only_with_force() {
    let site = small_site();
    site.write("www/index.php", "<?php phpinfo();");
    site.write("www/uploads/photo.jpg", "jpeg");
    let run = site.run(&["build", "--output", "www"]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("did not write (it holds index.php and 1 other entry)")
            && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("www/index.php"), "<?php phpinfo();");

    site.build_ok(&["--output", "www", "--force"]);
    assert!(!site.path().join("www/index.php").exists());
    assert!(site.path().join("www/index.html").is_file());
    // What newsdesk wrote it may replace again, without --force.
    site.build_ok(&["--output", "www"]);
    // An empty folder is fine too.
    std::fs::create_dir(site.path().join("empty")).unwrap();
    site.build_ok(&["--output", "empty"]);
    assert!(site.path().join("empty/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_built_where_it_points_and_the_link_stays() {
    let site = small_site();
    let srv = tempfile::tempdir().unwrap();
    let news = srv.path().join("news");
    std::fs::create_dir(&news).unwrap();
    std::os::unix::fs::symlink(&news, site.public()).unwrap();

    let first = site.build_ok(&[]);
    assert_eq!(
        first.stdout.matches("is a link").count(),
        1,
        "said once: {}",
        first.stdout
    );
    assert!(
        first.stdout.contains(&news.display().to_string()),
        "{}",
        first.stdout
    );
    site.write(
        "content/world/later.md",
        article(
            "Ceasefire holds",
            "2025-05-02T09:00:00Z",
            "",
            "Quiet night.",
        ),
    );
    site.build_ok(&[]);

    let meta = std::fs::symlink_metadata(site.public()).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert_eq!(std::fs::read_link(site.public()).unwrap(), news);
    let home = std::fs::read_to_string(news.join("index.html")).unwrap();
    assert!(
        home.contains("Ceasefire holds"),
        "the target was not updated"
    );
    assert!(
        leftovers(srv.path()).is_empty(),
        "{:?}",
        leftovers(srv.path())
    );
    assert!(
        leftovers(site.path()).is_empty(),
        "{:?}",
        leftovers(site.path())
    );
}

#[test]
fn the_next_build_removes_what_killed_builds_left() {
    let site = small_site();
    site.build_ok(&[]);
    site.write(".public.staging-4194301/index.html", "half a site");
    site.write(".public.old-4194302/index.html", "an old site");
    site.build_ok(&[]);
    assert!(
        leftovers(site.path()).is_empty(),
        "{:?}",
        leftovers(site.path())
    );
    assert!(site.page("/").html.contains("Talks resume in Baku"));
}

#[test]
fn a_second_build_of_one_output_waits_for_the_first_and_names_it() {
    let site = small_site();
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    site.write(
        "content/world/later.md",
        article(
            "Ceasefire holds",
            "2025-05-02T09:00:00Z",
            "",
            "Quiet night.",
        ),
    );
    // This test plays the first build: it holds the lock beside public/.
    let lock = std::fs::File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(site.path().join(".public.lock"))
        .unwrap();
    lock.lock().unwrap();
    std::fs::write(
        site.path().join(".public.lock"),
        format!("{}\n", std::process::id()),
    )
    .unwrap();

    let mut second = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .arg("build")
        .current_dir(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = second.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let _ = tx.send(line.unwrap_or_default());
        }
    });
    let waiting = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the second build says it waits");
    assert!(
        waiting.contains("waiting for another build")
            && waiting.contains(&format!("(process {})", std::process::id())),
        "{waiting}"
    );
    std::thread::sleep(Duration::from_millis(300));
    assert!(second.try_wait().unwrap().is_none(), "it waits");
    assert_eq!(
        snapshot(&site.public()),
        before,
        "nothing replaced meanwhile"
    );

    drop(lock);
    assert!(second.wait().unwrap().success());
    assert!(site.page("/").html.contains("Ceasefire holds"));
}

/// A full disk fails every file the same way; a file size limit (with SIGXFSZ ignored, so
/// that a write past it fails with "File too large") does the same without filling a disk.
#[cfg(unix)]
#[test]
fn a_full_disk_is_one_error_with_a_count_and_the_previous_site_stays() {
    use std::os::unix::process::CommandExt;

    let site = small_site();
    // A tiny stylesheet of the site's own, so that the pages are the first large files.
    site.write("static/style.css", "body{}\n");
    for i in 0..30 {
        site.write(
            &format!("content/world/story-{i}.md"),
            article(
                &format!("Story {i}"),
                "2025-05-01T09:00:00Z",
                "tags = [\"Energy\"]",
                "Text.",
            ),
        );
    }
    site.build_ok(&[]);
    let before = snapshot(&site.public());

    let mut command = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    // From nothing: every page is written (none is taken from the previous build).
    command
        .args(["build", "--no-cache"])
        .current_dir(site.path());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 400,
                rlim_max: 400,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let run: common::Run = command.output().unwrap().into();
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "one line for one cause:\n{}", run.stderr);
    assert!(
        errors[0].contains("cannot write ") && errors[0].contains(" other files: File too large"),
        "it names a file and counts the others: {}",
        errors[0]
    );
    assert!(
        run.stderr.contains("help: make room on the disk"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("public was left as it was"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&site.public()), before);
    assert!(
        leftovers(site.path()).is_empty(),
        "{:?}",
        leftovers(site.path())
    );
}

/// A site of `articles` articles in five sections with a few tags each.
fn generated_site(articles: usize) -> TestSite {
    let site = TestSite::new();
    let sections = ["world", "politics", "business", "sport", "culture"];
    let tags = [
        "Energy",
        "Elections",
        "Trade",
        "Climate",
        "Health",
        "Football",
        "Film",
    ];
    for i in 0..articles {
        let section = sections[i % sections.len()];
        let picked = [tags[i % 7], tags[(i * 3 + 1) % 7], tags[(i * 5 + 2) % 7]];
        let mut unique: Vec<&str> = Vec::new();
        for t in picked {
            if !unique.contains(&t) {
                unique.push(t);
            }
        }
        let tag_list = unique
            .iter()
            .map(|t| format!("{t:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        site.write(
            &format!("content/{section}/story-{i}.md"),
            article(
                &format!("Story number {i}"),
                &format!(
                    "2025-{:02}-{:02}T{:02}:{:02}:00Z",
                    1 + i % 12,
                    1 + i % 28,
                    i % 24,
                    i % 60
                ),
                &format!("tags = [{tag_list}]"),
                &format!("The first paragraph of story {i}.\n\nA second one, with *emphasis*."),
            ),
        );
    }
    site
}

/// One checksum of a whole folder tree: every path and its bytes.
fn tree_checksum(dir: &Path) -> Option<u64> {
    if !dir.is_dir() {
        return None;
    }
    let mut hasher = DefaultHasher::new();
    for (path, bytes) in snapshot(dir) {
        hasher.write(path.to_string_lossy().as_bytes());
        hasher.write(&[0]);
        hasher.write(&bytes);
    }
    Some(hasher.finish())
}

/// Builds a site of `articles` articles, then starts `kills` builds, each of the other
/// version of the site, and kills each with SIGKILL at a random moment: after each kill the
/// output is one of the two complete sites, and after a last build no leftover remains.
fn killed_builds_never_lose_the_site(articles: usize, kills: usize) {
    let site = generated_site(articles);
    let now = ["--now", "2026-01-01T00:00:00Z"];
    let version = |v: usize| {
        site.write(
            "content/world/story-0.md",
            article(
                &format!("The lead story, version {v}"),
                "2025-12-31T09:00:00Z",
                "tags = [\"Energy\"]",
                "Updated.",
            ),
        );
    };
    version(0);
    site.build_ok(&now);
    // Builds from nothing and builds that take unchanged pages from the last one (the build
    // cache) are killed in turn, each at a moment within its own length.
    version(1);
    let started = Instant::now();
    site.build_ok(&[now[0], now[1], "--no-cache"]);
    let full = started.elapsed();
    version(0);
    let started = Instant::now();
    site.build_ok(&now);
    let cached = started.elapsed();
    version(1);
    site.build_ok(&now);
    let mut sums = [None, None];
    sums[1] = tree_checksum(&site.public());
    version(0);
    site.build_ok(&now);
    sums[0] = tree_checksum(&site.public());
    assert_ne!(sums[0], sums[1]);

    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut current = 0;
    for kill in 0..kills {
        // xorshift: no dependency for a random moment.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let from_nothing = kill % 2 == 0;
        let length = if from_nothing { full } else { cached };
        let at = length.mul_f64((seed % 1000) as f64 / 1000.0 * 1.1);
        let next = 1 - current;
        version(next);
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
            .arg("build")
            .args(now)
            .args(from_nothing.then_some("--no-cache"))
            .current_dir(site.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let _ = child.kill();
        child.wait().unwrap();
        let sum = tree_checksum(&site.public());
        assert!(
            sum.is_some(),
            "kill {kill} at {at:?} (seed {seed}): public/ is missing"
        );
        current = if sum == sums[next] {
            next
        } else {
            assert_eq!(
                sum, sums[current],
                "kill {kill} at {at:?} (seed {seed}): public/ is neither the old nor the new site"
            );
            current
        };
    }
    site.build_ok(&now);
    assert!(
        leftovers(site.path()).is_empty(),
        "left over: {:?}",
        leftovers(site.path())
    );
}

#[cfg(unix)]
#[test]
fn killed_builds_of_a_small_site_never_lose_it() {
    killed_builds_never_lose_the_site(150, 8);
}

/// The full kill test; too slow for a debug `cargo test` on two cores. Run it with
/// `cargo test --release --test output_folder -- --ignored`.
#[cfg(unix)]
#[test]
#[ignore]
fn killed_builds_of_a_5000_article_site_never_lose_it() {
    killed_builds_never_lose_the_site(5000, 20);
}

//! The build: load -> plan -> render -> write, reported as one summary line.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::cache::{self, ArticleCache, Finished, Inputs, PageCache, Recap, Stamp, Written};
use crate::check::{BodyLinks, placeholders};
use crate::darkroom::Darkroom;
use crate::diagnostics::{Diagnostic, Report, Severity};
use crate::digest::Digest;
use crate::output::{CommitError, Output, Staging, remove_spare};
use crate::plan::{self, Extra, Page};
use crate::progress::{Phase, Progress};
use crate::render::context::{Record, Shared};
use crate::render::files;
use crate::render::theme::{STYLESHEET, Theme};
use crate::search;
use crate::site::dates;
use crate::site::settings::key_offset;
use crate::site::{LoadOptions, Site, Sources};

/// What `newsdesk build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site: PathBuf,
    /// Where the site goes, already checked against the output folder's rules.
    pub output: Output,
    pub load: LoadOptions,
    /// Warnings fail the build (`--strict`): nothing is published.
    pub strict: bool,
    /// Take the pages that did not change from the previous output (the build cache in
    /// `.newsdesk/`); `false` renders every page (`--no-cache`).
    pub cache: bool,
}

/// What a finished build did.
#[derive(Debug)]
pub struct Summary {
    /// Its figures and what it found, as the build cache keeps them.
    pub recap: Recap,
    /// The pages rendered; the others were taken unchanged from the previous output.
    pub rendered: usize,
    /// Nothing changed since the last build: the output was left as it was.
    pub up_to_date: bool,
    pub millis: u128,
}

/// How a failed build left the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Exactly as it was before the build.
    OutputUntouched,
    /// Missing: the previous site could not be put back and is in this folder beside it.
    OutputMoved(PathBuf),
}

/// At most this many render errors are reported for one template problem.
const MAX_RENDER_ERRORS: usize = 20;

/// Builds the site, telling `progress` what it is doing. Every problem found is in `report`; a
/// failure says how it left the output.
pub fn build(
    options: &BuildOptions,
    report: &mut Report,
    progress: &dyn Progress,
) -> Result<Summary, Failure> {
    let started = Instant::now();
    let root = &options.site;
    let output = &options.output;
    let lock = output.lock(|pid| {
        let holder = pid.map_or(String::new(), |pid| format!(" (process {pid})"));
        eprintln!(
            "waiting for another build of {}{holder} to finish",
            output.path().display()
        );
    });
    let lock = match lock {
        Ok(lock) => lock,
        Err(e) => {
            report.push(
                Diagnostic::error(output.path(), format!("cannot lock the output: {e}"))
                    .help("newsdesk writes a lock file beside the output: let it write in the folder above"),
            );
            return Err(Failure::OutputUntouched);
        }
    };
    progress.phase(Phase::Reading);
    // What killed builds left is removed first, even when there turns out to be nothing
    // to write (the staging folder's creation removes it too).
    let _ = output.tidy(&lock);
    let cache = options
        .cache
        .then(|| PageCache::load(root, output.path()))
        .flatten();
    // Read before the sources are: a file saved during the build makes the next build's
    // digest differ from this one's, never the other way round.
    let inputs = cache::inputs_digest_with(root, options.cache);
    let clock = dates::build_clock(options.load.now, &jiff::tz::TimeZone::UTC).ok();
    let now = clock.map(|z| z.timestamp().as_nanosecond());
    if let (Some(cache), Some(now)) = (&cache, now)
        && let Some(recap) = cache.up_to_date(inputs.digest, options_digest(options), now)
        && (!options.strict || recap.warnings.is_empty())
    {
        report.extend(recap.warnings.iter().cloned());
        return Ok(Summary {
            recap: recap.clone(),
            rendered: 0,
            up_to_date: true,
            millis: started.elapsed().as_millis(),
        });
    }
    let sources = read_sources(
        root,
        options.load.base_url.as_deref(),
        &inputs,
        options.cache,
    );
    progress.phase(Phase::Assembling);
    let site_photo_headers = sources.photo_headers.clone();
    let (site, theme, pages) =
        prepare_from(sources, &options.load, report).ok_or(Failure::OutputUntouched)?;
    if options.cache {
        let _ = cache::keep_photo_headers(root, &site.photos, &site_photo_headers);
    }
    // The photos' copies first: a photo that cannot be decoded stops the build before the
    // output is touched.
    progress.phase(Phase::Developing);
    let darkroom = if options.cache {
        Darkroom::of(root)
    } else {
        Darkroom::scratch(root)
    };
    let undeveloped = darkroom.develop(&site.photos, &site.settings.images);
    if !undeveloped.is_empty() {
        report.extend(undeveloped);
        return Err(Failure::OutputUntouched);
    }
    // With a spare copy of the previous output that is as the previous build left it, the
    // build starts from it and writes only what changed; otherwise from an empty folder,
    // taking unchanged pages from the previous output as hard links.
    let staging = match cache.as_ref().filter(|c| c.spare_intact()) {
        Some(_) => Staging::from_spare(output, lock),
        None => {
            remove_spare(output.path());
            Err(lock)
        }
    };
    let staging = match staging.or_else(|lock| Staging::create(output, lock)) {
        Ok(s) => s,
        Err(e) => {
            report.push(
                Diagnostic::error(
                    output.path(),
                    format!("cannot create the staging folder beside the output: {e}"),
                )
                .help("newsdesk writes the new site beside the output before the swap: let it write in the folder above"),
            );
            return Err(Failure::OutputUntouched);
        }
    };
    let builtin_stylesheet = !site.static_files.iter().any(|f| f.output == "style.css");
    let index = if site.settings.search {
        search::index(&site)
    } else {
        Vec::new()
    };
    let page_files: Vec<String> = pages.iter().map(Page::file).collect();
    let new_files: HashSet<&str> = page_files
        .iter()
        .map(String::as_str)
        .chain(site.static_files.iter().map(|f| f.output.as_str()))
        .chain(site.photos.copies.keys().map(String::as_str))
        .chain(index.iter().map(|f| f.file.as_str()))
        .chain(std::iter::once("style.css"))
        .collect();
    let gone: Vec<&str> = cache
        .as_ref()
        .map(|c| c.files().filter(|f| !new_files.contains(f)).collect())
        .unwrap_or_default();
    if staging.reuses_spare() {
        for file in &gone {
            if let Err(e) = staging.remove(file) {
                report.push(Diagnostic::error(
                    output.path(),
                    format!("cannot remove {file} from the staging folder: {e}"),
                ));
                return Err(Failure::OutputUntouched);
            }
        }
    }
    progress.phase(Phase::Copying);
    for file in &site.static_files {
        // A photo of static/ is published as its copies, its own path among them.
        if site.photos.copies.contains_key(&file.output) {
            continue;
        }
        if let Err(e) = staging.copy(&file.output, &file.real) {
            report.push(Diagnostic::error(&file.source, format!("cannot copy: {e}")));
            return Err(Failure::OutputUntouched);
        }
    }
    // The photos' copies: each is the file its photo's key and name say, so one the
    // previous build put there, untouched since, stays.
    let mut photo_files: Vec<Written> = Vec::with_capacity(site.photos.copies.len());
    let mut fresh_photos: Vec<&str> = Vec::new();
    for (file, (path, copy)) in &site.photos.copies {
        let photo = site
            .photos
            .get(path)
            .expect("every copy's photo is the site's");
        let fingerprint = copy_fingerprint(photo.key, &copy.name);
        if let Some(cache) = &cache
            && let Some(stamp) = cache.unchanged(file, fingerprint)
            && take_unchanged(&staging, cache, file, stamp)
        {
            photo_files.push(Written {
                file: file.clone(),
                fingerprint,
                stamp,
            });
            continue;
        }
        let from = darkroom.file(photo, copy);
        let mut placed = staging.place(file, &from);
        if placed
            .as_ref()
            .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
            && !from.exists()
        {
            // Taken out of the photo cache by hand since it was made: made again.
            let problems = darkroom.develop_again(photo, &site.settings.images);
            if !problems.is_empty() {
                report.extend(problems);
                return Err(Failure::OutputUntouched);
            }
            placed = staging.place(file, &from);
        }
        if let Err(e) = placed {
            report.push(Diagnostic::error(
                &photo.file,
                format!("cannot put its copy {file} in the output: {e}"),
            ));
            return Err(Failure::OutputUntouched);
        }
        fresh_photos.push(file);
        if let Ok(stamp) = Stamp::of(&staging.path_of(file)) {
            photo_files.push(Written {
                file: file.clone(),
                fingerprint,
                stamp,
            });
        }
    }
    if builtin_stylesheet {
        staging.write("style.css", STYLESHEET.as_bytes());
    }
    // The search index: each file is its bytes, so one the previous build wrote with the same
    // bytes, untouched since, stays.
    let mut index_files: Vec<Written> = Vec::with_capacity(index.len());
    let mut fresh_index: Vec<&str> = Vec::new();
    for f in &index {
        let fingerprint = Digest::new().bytes(&f.bytes).finish();
        let stamp = match &cache {
            Some(cache) => cache
                .unchanged(&f.file, fingerprint)
                .filter(|&stamp| take_unchanged(&staging, cache, &f.file, stamp)),
            None => None,
        };
        let stamp = stamp.or_else(|| {
            staging.write(&f.file, &f.bytes);
            fresh_index.push(&f.file);
            Stamp::of(&staging.path_of(&f.file)).ok()
        });
        if let Some(stamp) = stamp {
            index_files.push(Written {
                file: f.file.clone(),
                fingerprint,
                stamp,
            });
        }
    }
    if options.load.base_url.is_none() {
        report.extend(local_address(&site));
    }
    progress.phase(Phase::Rendering(pages.len()));
    let links = BodyLinks::read(&site);
    let shared = Shared::new(&site);
    let make = |page: &Page| {
        let file = page.file();
        // With a previous output to take pages from, the fingerprint first: most pages
        // did not change, and their context need not be made.
        if let Some(cache) = cache.as_ref().filter(|_| !links.looks_into(page)) {
            let fingerprint = fingerprint_page(&site, &theme, &shared, page).fingerprint;
            if let Some(stamp) = cache.unchanged(&file, fingerprint)
                && take_unchanged(&staging, cache, &file, stamp)
            {
                let written = Written {
                    file,
                    fingerprint,
                    stamp,
                };
                return Ok((None, Some(written), false));
            }
        }
        let prepared = prepare_page(&site, &theme, &shared, page);
        let fingerprint = prepared.fingerprint;
        let text = prepared.render(&theme)?;
        staging.write(&file, text.as_bytes());
        let written = Stamp::of(&staging.path_of(&file))
            .ok()
            .map(|stamp| Written {
                file,
                fingerprint,
                stamp,
            });
        Ok((links.anchors_on(page, &text), written, true))
    };
    let made = each_page(&pages, report, |page| {
        let made = make(page);
        progress.page_done();
        made
    })
    .ok_or(Failure::OutputUntouched)?;
    let rendered = made.iter().filter(|(_, _, rendered)| *rendered).count();
    let fresh: Vec<bool> = made.iter().map(|(_, _, rendered)| *rendered).collect();
    let (anchors, written): (Vec<_>, Vec<_>) = made.into_iter().map(|(a, w, _)| (a, w)).unzip();
    let failures = staging.write_failures();
    if !failures.is_empty() {
        report.extend(failures);
        return Err(Failure::OutputUntouched);
    }
    progress.phase(Phase::Checking);
    // What `check` counts as errors, the build prints as warnings (SPEC 9.7).
    report.extend(
        links
            .problems(&site, &pages, anchors)
            .into_iter()
            .chain(placeholders(&site))
            .map(|d| Diagnostic {
                severity: Severity::Warning,
                ..d
            }),
    );
    let warnings = report.diagnostics.len() - report.error_count();
    if options.strict && warnings > 0 {
        report.push(
            Diagnostic::error(
                output.path(),
                format!(
                    "not published: --strict fails the build on warnings, and there {}",
                    if warnings == 1 {
                        "is 1".to_string()
                    } else {
                        format!("are {warnings}")
                    }
                ),
            )
            .help("fix what the warnings say, or build without --strict"),
        );
        return Err(Failure::OutputUntouched);
    }
    progress.phase(Phase::Writing);
    let files = staging.files();
    let upcoming =
        |s: Option<&crate::site::Scheduled>| s.map(|s| (s.title.clone(), dates::rfc3339(&s.date)));
    let recap = Recap {
        articles: site.articles.len(),
        pages: pages.len(),
        files,
        drafts_left_out: site.drafts_left_out,
        next_expiry: upcoming(site.expiring.first()),
        next_scheduled: upcoming(site.scheduled.first()),
        warnings: report.diagnostics.clone(),
    };
    // Only the same inputs at the same moment give the same site, when a template shows
    // the build clock.
    let shows_clock = theme.closures.values().any(|c| c.reads_clock);
    let from = site.now.timestamp().as_nanosecond();
    let until = if shows_clock {
        from + 1
    } else {
        site.next_change(&options.load).as_nanosecond()
    };
    // The files this build wrote (the others are the previous build's, taken as they were).
    let fresh: Vec<&str> = fresh
        .iter()
        .zip(&page_files)
        .filter(|(rendered, _)| **rendered)
        .map(|(_, f)| f.as_str())
        .collect();
    let written: Vec<Written> = written
        .into_iter()
        .flatten()
        .chain(staged_files(&staging, &site))
        .chain(photo_files)
        .chain(index_files)
        .collect();
    match staging.commit() {
        Ok(retired) => {
            // The previous site becomes the spare copy the next build starts from, when it
            // is as the previous build left it (its files are checked as they are taken).
            let spare = match (retired, &cache) {
                (Some(retired), Some(cache)) if cache.retired_intact(retired.dir()) => {
                    let fresh = fresh
                        .iter()
                        .copied()
                        .chain(site.static_files.iter().map(|f| f.output.as_str()))
                        .chain(fresh_photos.iter().copied())
                        .chain(fresh_index.iter().copied())
                        .chain(builtin_stylesheet.then_some("style.css"));
                    retired
                        .keep_as_spare(fresh, gone.iter().copied())
                        .ok()
                        .and_then(|spare| {
                            cache::stamp_folders(
                                &spare,
                                &cache::folders_of(written.iter().map(|w| w.file.as_str())),
                            )
                        })
                }
                _ => None,
            };
            if spare.is_none() {
                remove_spare(output.path());
            }
            // Only the files that could be stamped are remembered; the others are written
            // again next time.
            let finished = Finished {
                inputs: inputs.digest,
                options: options_digest(options),
                from,
                until,
                recap: recap.clone(),
            };
            if let Err(e) = PageCache::save(root, output.path(), written, spare, finished) {
                eprintln!(
                    "note: the build cache in {} could not be written ({e}): the next build renders every page",
                    root.join(crate::cache::FOLDER).display()
                );
            }
        }
        Err(CommitError::Untouched(e)) => {
            report.push(Diagnostic::error(
                output.path(),
                format!("cannot replace the output with the new site: {e}"),
            ));
            return Err(Failure::OutputUntouched);
        }
        Err(CommitError::Moved { error, old }) => {
            report.push(
                Diagnostic::error(
                    output.path(),
                    format!("cannot replace the output with the new site: {error}"),
                )
                .help(format!(
                    "the previous site is in {}: the next build puts it back, or move it back yourself",
                    old.display()
                )),
            );
            return Err(Failure::OutputMoved(old));
        }
    }
    drop(links);
    drop_later((site, shared, pages, theme));
    Ok(Summary {
        recap,
        rendered,
        up_to_date: false,
        millis: started.elapsed().as_millis(),
    })
}

/// Puts the previous build's file for the page at `file` into `staging`, if it is still the
/// file that build wrote (`stamp`): it is already there when the staging folder started as
/// the spare copy of the output, and hard-linked from the output otherwise.
fn take_unchanged(staging: &Staging, cache: &PageCache, file: &str, stamp: Stamp) -> bool {
    if staging.reuses_spare() {
        let kept = Stamp::of(&staging.path_of(file)).is_ok_and(|s| s == stamp);
        if kept {
            staging.keep();
        }
        kept
    } else {
        let old = cache.old_file(file);
        Stamp::of(&old).is_ok_and(|s| s == stamp) && staging.link(file, &old).is_ok()
    }
}

/// Reads the site's sources, taking each article file whose bytes did not change (`inputs`)
/// as the build cache kept it, when `cached`, and keeps what was read for the next build.
/// `base_url` replaces site.toml's (`--base-url`).
pub fn read_sources(root: &Path, base_url: Option<&str>, inputs: &Inputs, cached: bool) -> Sources {
    let articles =
        cached.then(|| ArticleCache::load(root, ArticleCache::context(inputs, base_url)));
    let earlier = |source: &Path| {
        let content = inputs.contents.get(source)?;
        articles.as_ref()?.get(source, *content)
    };
    let mut sources = Sources::read_reusing(root, base_url, &earlier);
    sources.photo_digests = inputs
        .contents
        .iter()
        .filter(|(path, _)| crate::site::photos::Format::of_name(&path.to_string_lossy()).is_some())
        .map(|(path, digest)| (path.clone(), *digest))
        .collect();
    if cached {
        sources.photo_headers = cache::photo_headers(root);
    }
    if let Some(articles) = &articles
        && let Err(e) = articles.save(&sources.files)
    {
        eprintln!(
            "note: the build cache in {} could not be written ({e}): the next build reads every article again",
            root.join(crate::cache::FOLDER).display()
        );
    }
    sources
}

/// Frees `values` on a thread of their own: the model of a large site takes a tenth of a
/// second to free, which `newsdesk build` need not wait for (the process ends first), nor
/// `serve`'s reload.
pub(crate) fn drop_later<T: Send + 'static>(values: T) {
    std::thread::spawn(move || drop(values));
}

/// What a photo's copy is made from: the photo's key and the copy's name in its cache
/// folder (which say its size, format and crop).
fn copy_fingerprint(key: u128, name: &str) -> u128 {
    let mut d = Digest::new();
    d.str("photo copy").u128(key).str(name);
    d.finish()
}

/// A digest of the options that change what a build writes.
fn options_digest(options: &BuildOptions) -> u128 {
    let load = &options.load;
    let mut d = crate::digest::Digest::new();
    d.u64(u64::from(load.drafts))
        .u64(u64::from(load.future))
        .str(load.base_url.as_deref().unwrap_or("\u{0}"));
    d.finish()
}

/// The files of static/ (and the built-in stylesheet) as staged, stamped, so that the next
/// build can tell the output is as this one left it.
fn staged_files<'a>(staging: &'a Staging, site: &'a Site) -> impl Iterator<Item = Written> + 'a {
    site.static_files
        .iter()
        .map(|f| f.output.as_str())
        .filter(|f| !site.photos.copies.contains_key(*f))
        .chain(std::iter::once("style.css"))
        .filter_map(move |file| {
            let stamp = Stamp::of(&staging.path_of(file)).ok()?;
            Some(Written {
                file: file.to_string(),
                fingerprint: 0,
                stamp,
            })
        })
}

/// A warning when the site's base URL is an address of this computer: feeds, sitemaps,
/// robots.txt and canonical links would send readers and crawlers nowhere.
fn local_address(site: &Site) -> Option<Diagnostic> {
    let url = &site.settings.base_url;
    let host = url
        .split_once("://")
        .map_or(url.as_str(), |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    };
    let local = host.eq_ignore_ascii_case("localhost")
        || host.to_ascii_lowercase().ends_with(".localhost")
        || host.starts_with("127.")
        || host == "[::1]"
        || host == "0.0.0.0";
    if !local {
        return None;
    }
    let settings = site.root.join("site.toml");
    let line = std::fs::read_to_string(&settings).ok().and_then(|text| {
        key_offset(&text, "base_url").map(|at| crate::diagnostics::line_column(&text, at))
    });
    let mut d = Diagnostic::warning(
        "site.toml",
        format!("the base URL {url} is an address of this computer: the feeds, sitemaps and robots.txt built now point there"),
    )
    .help("set base_url = \"https://your.newsroom.example\" in site.toml, or build with --base-url URL");
    if let Some((line, column)) = line {
        d = d.at(line, column);
    }
    Some(d)
}

/// A site rendered in memory: what `newsdesk check` inspects.
pub struct Rendered<T> {
    pub site: Site,
    pub pages: Vec<Page>,
    /// What `each` made of every page, in the order of `pages`.
    pub outputs: Vec<T>,
}

/// Everything the build does but write: loads the site in `root`, plans its pages and renders
/// every one of them, handing each page's text to `each`. Every problem is in `report`; `None`
/// means the site would not build.
pub fn render_in_memory<T: Send>(
    root: &Path,
    load: &LoadOptions,
    report: &mut Report,
    each: impl Fn(&Page, &str) -> T + Sync,
) -> Option<Rendered<T>> {
    let (site, theme, pages) = prepare(root, load, report)?;
    let outputs = render_pages(&site, &theme, &pages, report, |page, text| {
        Ok(each(page, text))
    })?;
    Some(Rendered {
        site,
        pages,
        outputs,
    })
}

/// Load and plan: the theme, the model and the list of pages. Every problem is in `report`;
/// `None` means the site would not build.
pub fn prepare(
    root: &Path,
    load: &LoadOptions,
    report: &mut Report,
) -> Option<(Site, Theme, Vec<Page>)> {
    prepare_from(Sources::read(root, load.base_url.as_deref()), load, report)
}

/// [`prepare`], from the sources as read.
fn prepare_from(
    sources: Sources,
    load: &LoadOptions,
    report: &mut Report,
) -> Option<(Site, Theme, Vec<Page>)> {
    let theme = match Theme::load(&sources.root) {
        Ok(theme) => {
            report.extend(theme.warnings.iter().cloned());
            Some(theme)
        }
        Err(errors) => {
            report.extend(errors);
            None
        }
    };
    let site = Site::assemble(&sources, load, report)?;
    let theme = theme?;
    match plan::plan(&site) {
        Ok(pages) => Some((site, theme, pages)),
        Err(errors) => {
            report.extend(errors);
            None
        }
    }
}

/// Renders every page (in parallel) and hands its text to `sink`. A template mistake that
/// fails many pages is reported once, with the first page it broke.
pub fn render_pages<T: Send>(
    site: &Site,
    theme: &Theme,
    pages: &[Page],
    report: &mut Report,
    sink: impl Fn(&Page, &str) -> Result<T, Diagnostic> + Sync,
) -> Option<Vec<T>> {
    let shared = Shared::new(site);
    each_page(pages, report, |page| {
        sink(page, &render_page(site, theme, &shared, page)?)
    })
}

/// Hands every page (in parallel) to `make`, which renders it or not. A template mistake
/// that fails many pages is reported once, with the first page it broke.
fn each_page<T: Send>(
    pages: &[Page],
    report: &mut Report,
    make: impl Fn(&Page) -> Result<T, Diagnostic> + Sync,
) -> Option<Vec<T>> {
    let results: Vec<Result<T, Diagnostic>> = pages.par_iter().map(&make).collect();
    let mut outputs = Vec::with_capacity(pages.len());
    let mut failures: Vec<(Diagnostic, &str)> = Vec::new();
    for (result, page) in results.into_iter().zip(pages) {
        match result {
            Ok(t) => outputs.push(t),
            Err(d) => failures.push((d, page.url.as_str())),
        }
    }
    if failures.is_empty() {
        return Some(outputs);
    }
    let mut seen: Vec<(Diagnostic, &str, usize)> = Vec::new();
    for (d, url) in failures {
        match seen
            .iter_mut()
            .find(|(s, _, _)| s.path == d.path && s.line == d.line && s.message == d.message)
        {
            Some(entry) => {
                entry.2 += 1;
                entry.1 = entry.1.min(url);
            }
            None => seen.push((d, url, 1)),
        }
    }
    seen.sort_by(|a, b| {
        (&a.0.path, a.0.line, &a.0.message).cmp(&(&b.0.path, b.0.line, &b.0.message))
    });
    for (mut d, url, count) in seen.into_iter().take(MAX_RENDER_ERRORS) {
        let others = if count > 1 {
            format!(" and {} other pages", count - 1)
        } else {
            String::new()
        };
        d.message = format!("{} (rendering {url}{others})", d.message);
        report.push(d);
    }
    None
}

/// One page's text: through its template, or written by newsdesk itself. `build`,
/// `check` and `serve` all render through here.
pub fn render_page(
    site: &Site,
    theme: &Theme,
    shared: &Shared,
    page: &Page,
) -> Result<String, Diagnostic> {
    prepare_page(site, theme, shared, page).render(theme)
}

/// A page ready to render: its fingerprint, the articles it shows, and what its text is
/// made with.
pub struct Prepared {
    /// A digest of the page's address, its template (with every template that one uses)
    /// and everything its template receives: two pages with one fingerprint are the same
    /// bytes.
    pub fingerprint: u128,
    /// The articles whose values the page shows (see [`Record`]).
    pub articles: Vec<u32>,
    /// `None` when only the fingerprint was asked for ([`fingerprint_page`]).
    making: Option<Making>,
}

enum Making {
    Template(&'static str, tera::Context),
    Text(String),
}

/// The page's context (or its text, for the files newsdesk writes itself) and its
/// fingerprint, without rendering it.
pub fn prepare_page(site: &Site, theme: &Theme, shared: &Shared, page: &Page) -> Prepared {
    made(site, theme, shared, page, true)
}

/// The page's fingerprint and the articles it shows: what [`prepare_page`] gives, without
/// making the page's context, to tell whether the page changed.
pub fn fingerprint_page(site: &Site, theme: &Theme, shared: &Shared, page: &Page) -> Prepared {
    made(site, theme, shared, page, false)
}

fn made(site: &Site, theme: &Theme, shared: &Shared, page: &Page, making: bool) -> Prepared {
    let mut digest = Digest::new();
    digest.str(&page.url).str(page.kind.name());
    let text = match &page.extra {
        Extra::Robots(sitemaps) => Some(files::robots(&site.settings.base_url, sitemaps)),
        Extra::Redirects(aliases) => Some(files::redirects(aliases)),
        _ => None,
    };
    if let Some(text) = text {
        return Prepared {
            fingerprint: digest.str(&text).finish(),
            articles: Vec::new(),
            making: Some(Making::Text(text)),
        };
    }
    let template = page.kind.template();
    let closure = theme.closures.get(template).copied();
    let reads_clock = closure.is_none_or(|c| c.reads_clock);
    let (context, record) = if making {
        let (context, record) = shared.context(site, page, reads_clock);
        (Some(context), record)
    } else {
        (None, shared.record(site, page, reads_clock))
    };
    let Record {
        digest: made_of,
        articles,
    } = record;
    digest.u64(closure.map_or(0, |c| c.digest)).u128(made_of);
    Prepared {
        fingerprint: digest.finish(),
        articles,
        making: context.map(|c| Making::Template(template, c)),
    }
}

impl Prepared {
    /// The page's text.
    ///
    /// # Panics
    /// When the page was prepared by [`fingerprint_page`], which makes no context.
    pub fn render(self, theme: &Theme) -> Result<String, Diagnostic> {
        match self.making.expect("a page prepared to render") {
            Making::Text(text) => Ok(text),
            Making::Template(template, context) => theme
                .tera
                .render(template, &context)
                .map_err(|e| theme.diagnostic(&e)),
        }
    }
}

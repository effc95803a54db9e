//! The live site of `serve`: the same model, plan and templates as `build`, kept in memory.
//!
//! Every page has a fingerprint, the build's own (`build::prepare_page`): a digest of its
//! template, the templates that one uses, and the record of everything its context holds.
//! A change re-reads only the files that changed, updates the model, and compares
//! fingerprints: the pages whose fingerprint moved are the pages that changed. Pages are
//! rendered when a browser asks for them and kept until their fingerprint moves, so a page
//! that did not change is never rendered again.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::build::{fingerprint_page, read_sources, render_page};
use crate::diagnostics::{Diagnostic, Report};
use crate::plan::{self, Page, PageKind};
use crate::progress::{Phase, Progress};
use crate::render::context::Shared;
use crate::render::theme::{STYLESHEET, Theme};
use crate::site::fronts::{self, FrontsFile};
use crate::site::gazetteer::{self, Gazetteer};
use crate::site::index::same_place;
use crate::site::{LoadOptions, Site, Sources, authors, pages};

/// A site made into pages: the last good build.
struct Model {
    site: Site,
    /// The templates the pages render with: the last ones that rendered.
    theme: Arc<Theme>,
    shared: Shared,
    pages: Vec<Page>,
    by_url: ahash::AHashMap<String, usize>,
    fingerprints: Vec<u128>,
    /// For each article, the pages whose records name it (its own, the lists it is on,
    /// the article pages that show it as a neighbour or as related).
    used_by: Vec<Vec<usize>>,
    /// Each published article's index by its file.
    by_source: ahash::AHashMap<PathBuf, usize>,
    /// The search index's files by URL path, made when a browser first asks for one of
    /// them after a rebuild (a preview without a search tab open never makes it).
    index: std::sync::OnceLock<HashMap<String, Arc<Vec<u8>>>>,
}

/// What a change did, for the terminal and the browsers.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    /// The URLs whose pages changed, appeared or went away.
    pub changed: Vec<String>,
    /// Changed files of static/, as URL paths (`/style.css`).
    pub assets: Vec<String>,
    pub millis: u128,
    /// The files the change was about, for the terminal.
    pub files: Vec<PathBuf>,
}

/// A page that could not be rendered: the error, and the page as it last rendered, if it
/// did, to show under the error.
pub struct Failed {
    pub error: Diagnostic,
    pub last_good: Option<Served>,
    /// Whether this error is new since the last good rebuild (the terminal hears of it once).
    pub first_time: bool,
}

/// A response body and its content type.
#[derive(Clone)]
pub struct Served {
    pub body: Arc<Vec<u8>>,
    pub content_type: String,
    pub status: u16,
}

/// The live site.
pub struct LiveSite {
    root: PathBuf,
    options: LoadOptions,
    sources: Sources,
    /// The templates as last loaded without a syntax error (`None` until they are): the
    /// next good rebuild renders with them once they render a page of each kind.
    theme: Option<Arc<Theme>>,
    model: Option<Model>,
    /// The problems of the last rebuild; empty when it succeeded.
    errors: Vec<Diagnostic>,
    /// Warnings of the last rebuild, for the terminal.
    warnings: Vec<Diagnostic>,
    /// Template errors (a syntax error, or a page of some kind that does not render): while
    /// there are any, the previous templates stay in use and no rebuild counts as good.
    theme_errors: Vec<Diagnostic>,
    /// Article files changed since the last good build (while rebuilds fail, they add up).
    pending: Vec<PathBuf>,
    /// Set when the settings or the gazetteer changed since the last good build.
    pending_all: bool,
    /// Rendered pages by URL, with the fingerprint they were rendered at.
    cache: HashMap<String, (u128, Served)>,
    /// How many times each URL was rendered (served at `/__newsdesk/stats`).
    renders: HashMap<String, u64>,
    /// Counts the good rebuilds that changed something: a page tells its tab which one it
    /// was rendered after, so that a tab that loaded during a rebuild reloads.
    pub generation: u64,
}

impl LiveSite {
    /// Reads and assembles the site, and renders a page of each kind to find template
    /// errors. A site with errors is served anyway: they show until the files are fixed.
    pub fn open(root: &Path, options: LoadOptions, progress: &dyn Progress) -> LiveSite {
        progress.phase(Phase::Reading);
        // The article files as the last build or serve start read them, where they did not
        // change since.
        let inputs = crate::cache::inputs_digest(root);
        let sources = read_sources(root, options.base_url.as_deref(), &inputs, true);
        let (theme, theme_errors) = match Theme::load(root) {
            Ok(theme) => (Some(Arc::new(theme)), Vec::new()),
            Err(errors) => (None, errors),
        };
        let mut live = LiveSite {
            root: root.to_path_buf(),
            options,
            sources,
            theme,
            model: None,
            errors: Vec::new(),
            warnings: Vec::new(),
            theme_errors,
            pending: Vec::new(),
            pending_all: false,
            cache: HashMap::new(),
            renders: HashMap::new(),
            generation: 0,
        };
        progress.phase(Phase::Assembling);
        live.reassemble(None);
        live
    }

    /// The problems of the last rebuild (empty when it succeeded).
    pub fn errors(&self) -> &[Diagnostic] {
        &self.errors
    }

    /// The warnings of the last rebuild.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Articles and pages of the site being served.
    pub fn counts(&self) -> (usize, usize) {
        self.model
            .as_ref()
            .map_or((0, 0), |m| (m.site.articles.len(), m.pages.len()))
    }

    /// How many times each URL was rendered.
    pub fn render_counts(&self) -> &HashMap<String, u64> {
        &self.renders
    }

    /// The moment the site changes by itself next ([`Site::next_change`]), so that the
    /// server can rebuild then.
    pub fn next_moment(&self) -> Option<jiff::Timestamp> {
        Some(self.model.as_ref()?.site.next_change(&self.options))
    }

    /// Moves the build clock (`serve` keeps it still between rebuilds, so that pages do not
    /// all change every second) and rebuilds.
    pub fn set_clock(&mut self, now: jiff::Timestamp) -> Outcome {
        self.options.now = Some(now);
        let started = Instant::now();
        let mut outcome = self.reassemble(Some(&[]));
        outcome.millis = started.elapsed().as_millis();
        outcome
    }

    /// Applies changed files (paths relative to the site folder) and says what changed.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Outcome {
        let started = Instant::now();
        let mut settings = false;
        let mut templates = false;
        let mut rescan = false;
        let mut articles: Vec<PathBuf> = Vec::new();
        let mut assets: Vec<String> = Vec::new();
        let mut gazetteer = false;
        let mut fronts = false;
        let mut profiles = false;
        let mut standing = false;
        // A photo changed: its copies get new addresses, on every page that shows it.
        let mut photos = false;
        for path in changed {
            if crate::site::photos::Format::of_name(&path.to_string_lossy()).is_some() {
                photos = true;
                self.sources.photo_digests.remove(path);
            }
            if path == Path::new("site.toml") {
                settings = true;
            } else if path == Path::new(gazetteer::PATH) {
                gazetteer = true;
            } else if path == Path::new(fronts::PATH) {
                fronts = true;
            } else if path == Path::new(authors::PATH) {
                profiles = true;
            } else if path.starts_with(pages::FOLDER) {
                standing = true;
            } else if path.starts_with("templates") {
                templates = true;
            } else if let Ok(rest) = path.strip_prefix("static") {
                assets.push(format!("/{}", rest.to_string_lossy().replace('\\', "/")));
            } else if path.starts_with("content") {
                let known_folder = self
                    .sources
                    .files
                    .keys()
                    .any(|f| f.starts_with(path) && f != path);
                if self.root.join(path).is_dir() || path.extension().is_none() || known_folder {
                    rescan = true;
                } else if self.sources.refresh(path) {
                    articles.push(path.clone());
                }
            }
        }
        // A lead image added to or removed from static/ changes whether the articles that
        // show it are right: read them again. robots.txt in static/ replaces the built-in one.
        // static/ listed again: its files own output paths (robots.txt among them).
        let replan = !assets.is_empty() && self.sources.reread_static();
        for asset in &assets {
            let shows: Vec<PathBuf> = self
                .sources
                .files
                .iter()
                .filter(|(_, f)| match &f.result {
                    Ok(a) => a.image.as_deref() == Some(asset.as_str()),
                    Err(errors) => errors.iter().any(|d| d.message.contains(asset.as_str())),
                })
                .map(|(p, _)| p.clone())
                .collect();
            for source in shows {
                self.sources.refresh(&source);
                articles.push(source);
            }
        }
        let mut outcome = if settings {
            self.sources = Sources::read(&self.root, self.options.base_url.as_deref());
            self.reload_theme();
            self.reassemble(None)
        } else {
            if gazetteer {
                let mut diagnostics = Vec::new();
                self.sources.gazetteer = Gazetteer::load(&self.root, &mut diagnostics);
                self.sources
                    .diagnostics
                    .retain(|d| d.path != Path::new(gazetteer::PATH));
                self.sources.diagnostics.extend(diagnostics);
            }
            if fronts {
                let mut diagnostics = Vec::new();
                let tz = &self.sources.settings.timezone;
                self.sources.fronts = FrontsFile::load(&self.root, tz, &mut diagnostics);
                self.sources
                    .diagnostics
                    .retain(|d| d.path != Path::new(fronts::PATH));
                self.sources.diagnostics.extend(diagnostics);
            }
            // Profiles and standing pages are read anew, whole: they are small, and every page
            // shows the menus and every byline may name a profile.
            if profiles {
                self.sources.reread_profiles();
            }
            if standing {
                self.sources.reread_pages();
            }
            if rescan {
                articles.extend(self.rescan());
            }
            if templates {
                self.reload_theme();
            }
            if gazetteer || profiles || standing {
                self.reassemble(None)
            } else if rescan || templates || replan || fronts || photos || !self.errors.is_empty() {
                self.reassemble(Some(&articles))
            } else if !articles.is_empty() {
                self.update_articles(&articles)
            } else {
                Outcome::default()
            }
        };
        if assets.iter().any(|a| a == "/style.css") && !self.root.join("static/style.css").exists()
        {
            // The built-in stylesheet stands in when the site's own is removed.
            outcome.changed.push("/style.css".to_string());
        }
        if !outcome.changed.is_empty() || !assets.is_empty() {
            self.generation += 1;
        }
        outcome.assets = assets;
        outcome.files = changed.to_vec();
        outcome.millis = started.elapsed().as_millis();
        outcome
    }

    /// Reloads the templates; on a syntax error the previous ones stay and the error shows.
    fn reload_theme(&mut self) {
        match Theme::load(&self.root) {
            Ok(theme) => {
                self.theme = Some(Arc::new(theme));
                self.theme_errors.clear();
            }
            Err(errors) => self.theme_errors = errors,
        }
    }

    /// Finds article files added or removed under content/ (a folder was created, renamed
    /// or deleted), parsing only the new ones.
    /// Returns the files that came or went.
    fn rescan(&mut self) -> Vec<PathBuf> {
        let fresh = Sources::file_list(&self.root);
        let known: HashSet<PathBuf> = self.sources.files.keys().cloned().collect();
        let mut changed = Vec::new();
        for gone in known.difference(&fresh) {
            self.sources.files.remove(gone);
            changed.push(gone.clone());
        }
        for new in fresh.difference(&known) {
            self.sources.refresh(new);
            changed.push(new.clone());
        }
        changed
    }

    /// A change to article files. When every changed article keeps its place in the
    /// indexes (same address, date, tags, places, authors, section...), only the pages made
    /// from it are looked at; otherwise the site is assembled anew.
    fn update_articles(&mut self, paths: &[PathBuf]) -> Outcome {
        let Some(model) = self.model.as_mut() else {
            return self.reassemble(Some(paths));
        };
        let mut in_place = Vec::new();
        for path in paths {
            let new = self
                .sources
                .files
                .get(path)
                .and_then(|f| f.result.as_ref().ok());
            let old = model.by_source.get(path).map(|&i| &model.site.articles[i]);
            // Bylines under the profiles' names, as the site is assembled.
            let new = new.map(|a| model.site.profiles.resolve(a));
            match (old, new) {
                (Some(old), Some(new))
                    if same_place(old, &new)
                        && same_photos(old, &new)
                        && self.options.publishes(&new, &model.site.now) =>
                {
                    in_place.push((model.by_source[path], new))
                }
                _ => return self.reassemble(Some(paths)),
            }
        }
        let warnings: Vec<Diagnostic> = self
            .sources
            .files
            .values()
            .flat_map(|f| f.warnings.iter().cloned())
            .collect();
        self.warnings = warnings;
        let mut touched: HashSet<usize> = HashSet::new();
        // The search index holds every story's words: it is made again when next asked for.
        model.index.take();
        for (i, article) in in_place {
            model.site.articles[i] = article;
            model.shared.update_article(&model.site, i);
            touched.extend(model.used_by[i].iter().copied());
        }
        let mut changed = Vec::new();
        for p in touched {
            let page = &model.pages[p];
            let fingerprint =
                fingerprint_page(&model.site, &model.theme, &model.shared, page).fingerprint;
            if fingerprint != model.fingerprints[p] {
                model.fingerprints[p] = fingerprint;
                changed.push(model.pages[p].url.clone());
            }
        }
        changed.sort();
        Outcome {
            changed,
            ..Outcome::default()
        }
    }

    /// Assembles the whole model from the sources and compares every page's fingerprint
    /// with the last good build's. On errors the last good build stays. `changed` names
    /// the article files changed since the last good build, so that what they cannot have
    /// touched is kept; `None` computes everything anew (settings or gazetteer changed).
    fn reassemble(&mut self, changed: Option<&[PathBuf]>) -> Outcome {
        let mut report = Report::default();
        report.extend(self.theme_errors.iter().cloned());
        if let Some(theme) = &self.theme {
            report.extend(theme.warnings.iter().cloned());
        }
        match changed {
            Some(changed) => self.pending.extend(changed.iter().cloned()),
            None => self.pending_all = true,
        }
        let changed: Option<Vec<PathBuf>> = (!self.pending_all).then(|| self.pending.clone());
        let changed = changed.as_deref();
        let previous = match (changed, &self.model) {
            (Some(changed), Some(model)) => Some(crate::site::related::Previous {
                site: &model.site,
                changed,
            }),
            _ => None,
        };
        let site = Site::assemble_after(&self.sources, &self.options, &mut report, previous);
        let pages = site.as_ref().map(plan::plan);
        let (site, pages, theme) = match (site, pages, self.theme.clone()) {
            (Some(site), Some(Ok(pages)), Some(theme)) if !report.has_errors() => {
                (site, pages, theme)
            }
            (_, Some(Err(errors)), _) => {
                report.extend(errors);
                self.fail(report);
                return Outcome::default();
            }
            _ => {
                self.fail(report);
                return Outcome::default();
            }
        };
        let reuse = match (changed, &self.model) {
            (Some(_), Some(model)) => Some((&model.site, &model.shared)),
            _ => None,
        };
        let shared = Shared::new_after(&site, reuse);
        let (fingerprints, records): (Vec<u128>, Vec<Vec<u32>>) = pages
            .par_iter()
            .map(|p| {
                let prepared = fingerprint_page(&site, &theme, &shared, p);
                (prepared.fingerprint, prepared.articles)
            })
            .unzip();
        let by_url: ahash::AHashMap<String, usize> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.url.clone(), i))
            .collect();
        let mut used_by: Vec<Vec<usize>> = vec![Vec::new(); site.articles.len()];
        for (p, articles) in records.iter().enumerate() {
            for &i in articles {
                used_by[i as usize].push(p);
            }
        }
        let by_source = site
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.source.clone(), i))
            .collect();

        let mut changed: Vec<String> = Vec::new();
        match &self.model {
            Some(old) => {
                for (p, page) in pages.iter().enumerate() {
                    let before = old.by_url.get(&page.url).map(|&q| old.fingerprints[q]);
                    if before != Some(fingerprints[p]) {
                        changed.push(page.url.clone());
                    }
                }
                for url in old.by_url.keys() {
                    if !by_url.contains_key(url) {
                        changed.push(url.clone());
                    }
                }
            }
            None => changed.extend(pages.iter().map(|p| p.url.clone())),
        }
        changed.sort();
        // New templates are tried on a page of each kind they changed before they are used:
        // one that does not render keeps the last good site, and its error shows.
        let new_theme = self
            .model
            .as_ref()
            .is_none_or(|old| !Arc::ptr_eq(&old.theme, &theme));
        if new_theme {
            let mut tried: HashSet<&str> = HashSet::new();
            let mut failures = Vec::new();
            for url in &changed {
                let Some(&p) = by_url.get(url) else { continue };
                let page = &pages[p];
                if !tried.insert(page.kind.template()) {
                    continue;
                }
                // Not kept: a tab's page is compared with what it showed before.
                if let Err(e) = render_page(&site, &theme, &shared, page) {
                    failures.push(e);
                }
            }
            if !failures.is_empty() {
                self.theme_errors = failures.clone();
                report.extend(failures);
                self.fail(report);
                return Outcome::default();
            }
        }
        self.errors.clear();
        self.pending.clear();
        self.pending_all = false;
        self.warnings = report.sorted();
        let gone: Vec<String> = self
            .cache
            .keys()
            .filter(|u| !by_url.contains_key(*u))
            .cloned()
            .collect();
        for url in gone {
            self.cache.remove(&url);
        }
        // The model replaced is freed on a thread of its own: the reload need not wait.
        let old = self.model.take();
        crate::build::drop_later(old);
        self.model = Some(Model {
            site,
            theme,
            shared,
            pages,
            by_url,
            fingerprints,
            used_by,
            by_source,
            index: std::sync::OnceLock::new(),
        });
        Outcome {
            changed,
            ..Outcome::default()
        }
    }

    fn fail(&mut self, report: Report) {
        let all = report.sorted();
        self.errors = all.iter().filter(|d| d.is_error()).cloned().collect();
        self.warnings = all.into_iter().filter(|d| !d.is_error()).collect();
    }

    /// The page, feed or file at a URL path (already decoded and checked), rendered now if
    /// it changed since it was last rendered. `Err` holds a render error, which shows (in
    /// `errors`) until the next good rebuild.
    pub fn page(&mut self, url: &str) -> Option<Result<Served, Failed>> {
        let model = self.model.as_ref()?;
        let key = if url.ends_with("/index.html") {
            url.trim_end_matches("index.html")
        } else {
            url
        };
        let &p = model.by_url.get(key)?;
        let page = &model.pages[p];
        let fingerprint = model.fingerprints[p];
        if let Some((_, served)) = self
            .cache
            .get(&page.url)
            .filter(|(at, _)| *at == fingerprint)
        {
            return Some(Ok(served.clone()));
        }
        let body = match render_page(&model.site, &model.theme, &model.shared, page) {
            Ok(body) => body,
            Err(error) => {
                let first_time = !self.errors.contains(&error);
                if first_time {
                    self.errors.push(error.clone());
                }
                let last_good = self.cache.get(&page.url).map(|(_, s)| s.clone());
                return Some(Err(Failed {
                    error,
                    last_good,
                    first_time,
                }));
            }
        };
        let served = Served {
            body: Arc::new(body.into_bytes()),
            content_type: content_type(page).to_string(),
            status: 200,
        };
        let url = page.url.clone();
        *self.renders.entry(url.clone()).or_default() += 1;
        self.cache.insert(url, (fingerprint, served.clone()));
        Some(Ok(served))
    }

    /// The article a page shows when it is a draft or not yet published: the banner `serve`
    /// puts on it (never written by `build`).
    pub fn banner(&self, url: &str) -> Option<String> {
        let model = self.model.as_ref()?;
        let key = if url.ends_with("/index.html") {
            url.trim_end_matches("index.html")
        } else {
            url
        };
        let page = &model.pages[*model.by_url.get(key)?];
        if page.kind != PageKind::Article {
            return None;
        }
        let a = &model.site.articles[page.articles[0]];
        let now = model.site.now.timestamp();
        if a.draft {
            Some("Draft: not published".to_string())
        } else if a.date.timestamp() > now {
            Some(format!(
                "Scheduled for {}",
                crate::site::dates::display(&a.date, model.site.settings.timezone_label.as_deref())
            ))
        } else {
            None
        }
    }

    /// The 404 page.
    pub fn not_found(&mut self) -> Served {
        match self.page("/404.html") {
            Some(Ok(mut served)) => {
                served.status = 404;
                served
            }
            _ => {
                // No good build yet: a page that says so, with the errors (the overlay shows
                // them too, and goes when they are fixed).
                let mut list = String::new();
                for d in &self.errors {
                    pulldown_cmark_escape::escape_html(&mut list, &d.to_string())
                        .expect("writing to a String");
                    list.push('\n');
                }
                let html = format!(
                    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>The site has errors</title></head><body><main><h1>The site cannot be built yet</h1><pre>{list}</pre></main></body></html>"
                );
                Served {
                    body: Arc::new(html.into_bytes()),
                    content_type: "text/html; charset=utf-8".into(),
                    status: 404,
                }
            }
        }
    }

    /// A copy of one of the site's photos (its own path among them), made into the photo
    /// cache the first time it is asked for: the same bytes `build` publishes. A photo that
    /// cannot be made is an error shown over the open pages.
    pub fn photo(&mut self, url: &str) -> Option<Served> {
        let model = self.model.as_ref()?;
        let (path, copy) = model.site.photos.copies.get(url.trim_start_matches('/'))?;
        let photo = model.site.photos.get(path)?;
        let darkroom = crate::darkroom::Darkroom::of(&self.root);
        let file = darkroom.file(photo, copy);
        if !file.is_file() {
            let problems = darkroom.develop_again(photo, &model.site.settings.images);
            if !problems.is_empty() {
                for problem in problems {
                    if !self.errors.contains(&problem) {
                        self.errors.push(problem);
                    }
                }
                return None;
            }
        }
        let body = std::fs::read(&file).ok()?;
        Some(Served {
            body: Arc::new(body),
            content_type: copy.format.mime().into(),
            status: 200,
        })
    }

    /// A file of the search index (`/search/meta.json`, its shards and cards, its script):
    /// the bytes `build` writes, for the site as it is now.
    pub fn index_file(&self, url: &str) -> Option<Served> {
        let model = self.model.as_ref()?;
        let name = url.strip_prefix('/')?;
        if !model.site.settings.search || !name.starts_with(crate::search::FOLDER) {
            return None;
        }
        let files = model.index.get_or_init(|| {
            crate::search::index(&model.site)
                .into_iter()
                .map(|f| (f.file, Arc::new(f.bytes)))
                .collect()
        });
        let body = files.get(name)?.clone();
        let content_type = match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("json") => "application/json",
            Some("js") => "text/javascript; charset=utf-8",
            _ => "application/octet-stream",
        };
        Some(Served {
            body,
            content_type: content_type.into(),
            status: 200,
        })
    }

    /// The built-in stylesheet, served when static/ has none.
    pub fn builtin_asset(&self, url: &str) -> Option<Served> {
        (url == "/style.css" && !self.root.join("static/style.css").exists()).then(|| Served {
            body: Arc::new(STYLESHEET.as_bytes().to_vec()),
            content_type: "text/css; charset=utf-8".into(),
            status: 200,
        })
    }

    /// Pages open in browsers are rendered at once after a change, so that a template error
    /// shows in the overlay right away. Returns the pages whose bytes did not change after
    /// all (their tabs need no reload) and the pages that failed, with their errors.
    pub fn render_now(&mut self, urls: &[String]) -> (Vec<String>, Vec<(String, Diagnostic)>) {
        let mut same = Vec::new();
        let mut failed = Vec::new();
        for url in urls {
            let before = self.cache.get(url).map(|(_, s)| s.body.clone());
            match self.page(url) {
                Some(Ok(after)) if before.as_deref() == Some(after.body.as_ref()) => {
                    same.push(url.clone())
                }
                Some(Err(f)) => failed.push((url.clone(), f.error)),
                _ => {}
            }
        }
        (same, failed)
    }
}

/// The content type a page is served with.
fn content_type(page: &Page) -> &'static str {
    match page.kind {
        PageKind::Feed => "application/atom+xml; charset=utf-8",
        PageKind::Sitemap | PageKind::SitemapIndex | PageKind::NewsSitemap => {
            "application/xml; charset=utf-8"
        }
        PageKind::Robots | PageKind::Redirects => "text/plain; charset=utf-8",
        _ => "text/html; charset=utf-8",
    }
}

/// Whether an article changed in place still shows the same photos, around the same focus:
/// otherwise the site's photos are read again (`Site::assemble`).
fn same_photos(old: &crate::site::article::Article, new: &crate::site::article::Article) -> bool {
    let paths = |a: &crate::site::article::Article| -> Vec<Option<String>> {
        a.body.photos.iter().map(|p| p.path.clone()).collect()
    };
    old.image == new.image && old.image_focus == new.image_focus && paths(old) == paths(new)
}

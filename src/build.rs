//! The build: load -> plan -> render -> write, reported as one summary line.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Report};
use crate::output::Staging;
use crate::plan::{self, Extra, Page};
use crate::render::context::Shared;
use crate::render::files;
use crate::render::theme::{STYLESHEET, Theme};
use crate::site::{LoadOptions, Site};

/// What `newsdesk build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site: PathBuf,
    pub output: PathBuf,
    pub load: LoadOptions,
}

/// What a finished build did.
#[derive(Debug)]
pub struct Summary {
    pub articles: usize,
    pub pages: usize,
    pub files: usize,
    pub millis: u128,
    pub site: Site,
}

/// At most this many render errors are reported for one template problem.
const MAX_RENDER_ERRORS: usize = 20;

/// Builds the site. Every problem found is in `report`; `None` means the build failed and the
/// previous output was left untouched.
pub fn build(options: &BuildOptions, report: &mut Report) -> Option<Summary> {
    let started = Instant::now();
    let root = &options.site;
    let (site, theme, pages) = prepare(root, &options.load, report)?;
    let staging = match Staging::create(&options.output) {
        Ok(s) => s,
        Err(e) => {
            report.push(Diagnostic::error(
                &options.output,
                format!("cannot create the staging folder beside the output: {e}"),
            ));
            return None;
        }
    };
    if let Err(e) = staging.copy_tree(&root.join("static")) {
        report.push(Diagnostic::error("static", format!("cannot copy: {e}")));
        return None;
    }
    if !staging.contains("style.css")
        && let Err(e) = staging.write("style.css", STYLESHEET.as_bytes())
    {
        report.push(Diagnostic::error(
            &options.output,
            format!("cannot write: {e}"),
        ));
        return None;
    }
    render_pages(&site, &theme, &pages, report, |page, bytes| {
        staging
            .write(&page.file(), bytes.as_bytes())
            .map_err(|e| Diagnostic::error(Path::new(&page.file()), format!("cannot write: {e}")))
    })?;
    let files = staging.files();
    if let Err(e) = staging.commit() {
        report.push(Diagnostic::error(
            &options.output,
            format!("cannot replace the output with the new site: {e}"),
        ));
        return None;
    }
    Some(Summary {
        articles: site.articles.len(),
        pages: pages.len(),
        files,
        millis: started.elapsed().as_millis(),
        site,
    })
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

/// Load and plan: the theme, the model and the list of pages.
fn prepare(
    root: &Path,
    load: &LoadOptions,
    report: &mut Report,
) -> Option<(Site, Theme, Vec<Page>)> {
    let theme = match Theme::load(root) {
        Ok(theme) => {
            report.extend(theme.warnings.iter().cloned());
            Some(theme)
        }
        Err(errors) => {
            report.extend(errors);
            None
        }
    };
    let site = Site::load(root, load, report)?;
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
fn render_pages<T: Send>(
    site: &Site,
    theme: &Theme,
    pages: &[Page],
    report: &mut Report,
    sink: impl Fn(&Page, &str) -> Result<T, Diagnostic> + Sync,
) -> Option<Vec<T>> {
    let shared = Shared::new(site);
    let results: Vec<Result<T, Diagnostic>> = pages
        .par_iter()
        .map(|page| sink(page, &render_page(site, theme, &shared, page)?))
        .collect();
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
        // On the message's first line: a template error quotes its line below it.
        let first_line = d.message.find('\n').unwrap_or(d.message.len());
        d.message
            .insert_str(first_line, &format!(" (rendering {url}{others})"));
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
    Ok(match &page.extra {
        Extra::Robots(sitemaps) => files::robots(&site.settings.base_url, sitemaps),
        Extra::Redirects(aliases) => files::redirects(aliases),
        _ => {
            let ctx = shared.context(site, page);
            theme
                .tera
                .render(page.kind.template(), &ctx)
                .map_err(|e| theme.diagnostic(&e))?
        }
    })
}

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
    let theme = match Theme::load(root) {
        Ok(theme) => Some(theme),
        Err(errors) => {
            report.extend(errors);
            None
        }
    };
    let site = Site::load(root, &options.load, report)?;
    let theme = theme?;
    let pages = match plan::plan(&site) {
        Ok(pages) => pages,
        Err(errors) => {
            report.extend(errors);
            return None;
        }
    };
    let shared = Shared::new(&site);

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
    let failures: Vec<(Diagnostic, &str)> = pages
        .par_iter()
        .filter_map(|page| {
            render_and_write(&site, &theme, &shared, &staging, page)
                .err()
                .map(|d| (d, page.url.as_str()))
        })
        .collect();
    if !failures.is_empty() {
        // One template mistake fails many pages: report it once, with the first page it broke.
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
        return None;
    }
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

fn render_and_write(
    site: &Site,
    theme: &Theme,
    shared: &Shared,
    staging: &Staging,
    page: &Page,
) -> Result<(), Diagnostic> {
    let bytes = match &page.extra {
        Extra::Robots(sitemaps) => files::robots(&site.settings.base_url, sitemaps),
        Extra::Redirects(aliases) => files::redirects(aliases),
        _ => {
            let ctx = shared.context(site, page);
            theme
                .tera
                .render(page.kind.template(), &ctx)
                .map_err(|e| theme.diagnostic(&e))?
        }
    };
    staging
        .write(&page.file(), bytes.as_bytes())
        .map_err(|e| Diagnostic::error(Path::new(&page.file()), format!("cannot write: {e}")))
}

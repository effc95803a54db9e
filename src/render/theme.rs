//! The templates: the built-in theme embedded in the binary, and a site's own overrides.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};
use tera::Tera;

use crate::diagnostics::{Diagnostic, relative};

/// The built-in theme: the files of this repository's templates/ folder.
static BUILT_IN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The built-in templates by name (`article.html`, `partials/card.html`), A-Z, with their
/// text: what `newsdesk theme list` shows and `newsdesk theme eject` copies.
pub fn built_in_templates() -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    let mut stack = vec![&BUILT_IN];
    while let Some(dir) = stack.pop() {
        for file in dir.files() {
            if let Some(text) = file.contents_utf8() {
                out.push((file.path().to_string_lossy().replace('\\', "/"), text));
            }
        }
        stack.extend(dir.dirs());
    }
    out.sort();
    out
}

/// The built-in stylesheet, written as `/style.css` unless the site's static/ has one.
pub const STYLESHEET: &str = include_str!("../../static/style.css");

/// Where a template came from, for error messages.
#[derive(Debug, Clone)]
pub enum Origin {
    BuiltIn,
    /// A file of the site's templates/ folder (relative to the site).
    Site(std::path::PathBuf),
}

/// The loaded templates and where each came from.
pub struct Theme {
    pub tera: Tera,
    pub origins: BTreeMap<String, Origin>,
    /// For each template, a digest of its text and of every template it uses (through
    /// extends, include and components): what `serve` compares to know which pages a
    /// template change touches.
    pub digests: BTreeMap<String, u64>,
}

impl Theme {
    /// The built-in templates, each replaced by the site's file of the same name if it has one.
    pub fn load(root: &Path) -> Result<Theme, Vec<Diagnostic>> {
        let mut sources: BTreeMap<String, (String, Origin)> = BTreeMap::new();
        let mut errors = Vec::new();
        let mut stack = vec![&BUILT_IN];
        while let Some(dir) = stack.pop() {
            for file in dir.files() {
                let name = file.path().to_string_lossy().replace('\\', "/");
                match file.contents_utf8() {
                    Some(text) => {
                        sources.insert(name, (text.to_string(), Origin::BuiltIn));
                    }
                    None => {
                        errors.push(Diagnostic::error(format!("(built-in) {name}"), "not UTF-8"))
                    }
                }
            }
            stack.extend(dir.dirs());
        }
        let own = root.join("templates");
        if own.is_dir() {
            for entry in walkdir::WalkDir::new(&own).sort_by_file_name() {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        errors.push(Diagnostic::error("templates", format!("cannot read: {e}")));
                        continue;
                    }
                };
                if !entry.file_type().is_file()
                    || entry.file_name().to_string_lossy().starts_with('.')
                {
                    continue;
                }
                let name = relative(&own, entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                let source = relative(root, entry.path());
                match std::fs::read(entry.path()).map(String::from_utf8) {
                    Ok(Ok(text)) => {
                        sources.insert(name, (text, Origin::Site(source)));
                    }
                    Ok(Err(_)) => errors.push(
                        Diagnostic::error(source, "the template is not UTF-8 text")
                            .help("save it as UTF-8"),
                    ),
                    Err(e) => errors.push(Diagnostic::error(source, format!("cannot read: {e}"))),
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let origins: BTreeMap<String, Origin> = sources
            .iter()
            .map(|(n, (_, o))| (n.clone(), o.clone()))
            .collect();
        let mut tera = Tera::default();
        tera.autoescape_on([".html", ".xml"]);
        // Each template alone first, so that every syntax error is reported, not just the first.
        for (name, (text, _)) in &sources {
            let mut alone = Tera::default();
            if let Err(e) = alone.add_raw_template(name, text)
                && matches!(e.kind(), tera::ErrorKind::SyntaxError(_))
            {
                errors.push(template_error(&e, &origins));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())))
        {
            return Err(vec![template_error(&e, &origins)]);
        }
        let digests = digests(
            &sources
                .iter()
                .map(|(n, (t, _))| (n.clone(), t.clone()))
                .collect(),
        );
        Ok(Theme {
            tera,
            origins,
            digests,
        })
    }

    /// A template error as a diagnostic naming the template's file and line.
    pub fn diagnostic(&self, e: &tera::Error) -> Diagnostic {
        template_error(e, &self.origins)
    }
}

/// Each template's digest over itself and the templates it uses, at any depth.
fn digests(sources: &BTreeMap<String, String>) -> BTreeMap<String, u64> {
    use std::hash::{Hash, Hasher};
    static USES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"\{%-?\s*(?:extends|include)\s+["'`]([^"'`]+)["'`]"#)
            .expect("pattern compiles")
    });
    // A component call: `{{ <name .../> }}`, `{{- <name/> }}`, `{% <name> %}...{% </name> %}`.
    static CALLS: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\{[{%]-?\s*<").expect("pattern compiles"));
    let components: Vec<&String> = sources
        .iter()
        .filter(|(_, t)| t.contains("{% component"))
        .map(|(n, _)| n)
        .collect();
    let direct: BTreeMap<&String, Vec<String>> = sources
        .iter()
        .map(|(name, text)| {
            let mut uses: Vec<String> =
                USES.captures_iter(text).map(|c| c[1].to_string()).collect();
            if CALLS.is_match(text) {
                uses.extend(components.iter().map(|c| c.to_string()));
            }
            (name, uses)
        })
        .collect();
    sources
        .keys()
        .map(|name| {
            let mut seen: Vec<&str> = vec![name];
            let mut i = 0;
            while i < seen.len() {
                for used in direct.get(&seen[i].to_string()).into_iter().flatten() {
                    if !seen.contains(&used.as_str()) {
                        seen.push(used);
                    }
                }
                i += 1;
            }
            seen.sort_unstable();
            let mut hasher = ahash::AHasher::default();
            for used in seen {
                used.hash(&mut hasher);
                sources.get(used).hash(&mut hasher);
            }
            (name.clone(), hasher.finish())
        })
        .collect()
}

fn path_of(name: &str, origins: &BTreeMap<String, Origin>) -> String {
    match origins.get(name) {
        Some(Origin::Site(path)) => path.display().to_string(),
        _ => format!("(built-in theme) templates/{name}"),
    }
}

fn template_error(e: &tera::Error, origins: &BTreeMap<String, Origin>) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let mut d = Diagnostic::error(path_of(r.filename(), origins), r.message().to_string());
            if span.start_line > 0 {
                d = d.at(span.start_line, span.start_col + 1);
            }
            if r.message().contains("is not defined") {
                d = d.help("test optional values with {% if x %}; the built-in templates show what each page receives (`newsdesk theme list` names them, `newsdesk theme eject NAME` copies one into templates/)");
            }
            d
        }
        _ => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            Diagnostic::error("templates", message)
        }
    }
}

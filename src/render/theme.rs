//! The templates: the built-in theme embedded in the binary, and a site's own overrides.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};
use tera::Tera;

use crate::diagnostics::{Diagnostic, relative};
use crate::render::template_errors::{self, Templates};

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

/// A template and every template it uses, at any depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closure {
    pub digest: u64,
    /// Whether any of them may read the build clock ([`may_read_clock`]).
    pub reads_clock: bool,
}

/// The loaded templates and where each came from.
pub struct Theme {
    pub tera: Tera,
    pub origins: BTreeMap<String, Origin>,
    /// For each template, a digest of its text and of every template it uses (through
    /// extends, include and components), and whether they may read the build clock.
    pub closures: BTreeMap<String, Closure>,
    /// Files of the site's templates/ that replace no built-in template and that no
    /// template uses (a misspelt override): warnings for build, check and serve.
    pub warnings: Vec<Diagnostic>,
    /// Each template's text, to quote the line an error is on.
    texts: BTreeMap<String, String>,
    /// Each template's path as shown in messages.
    paths: BTreeMap<String, std::path::PathBuf>,
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
        let texts: BTreeMap<String, String> = sources
            .iter()
            .map(|(n, (t, _))| (n.clone(), t.clone()))
            .collect();
        let paths: BTreeMap<String, std::path::PathBuf> = origins
            .keys()
            .map(|n| (n.clone(), path_of(n, &origins).into()))
            .collect();
        let templates = Templates {
            texts: &texts,
            paths: &paths,
        };
        let warnings = unused(&sources, &texts);
        let mut tera = Tera::default();
        tera.autoescape_on([".html", ".xml"]);
        // Each template alone first, so that every syntax error is reported, not just the first.
        for (name, (text, _)) in &sources {
            let mut alone = Tera::default();
            if let Err(e) = alone.add_raw_template(name, text)
                && matches!(e.kind(), tera::ErrorKind::SyntaxError(_))
            {
                errors.extend(template_errors::diagnostics(&e, &templates));
            }
        }
        if errors.is_empty()
            && let Err(e) =
                tera.add_raw_templates(sources.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())))
        {
            errors.extend(template_errors::diagnostics(&e, &templates));
        }
        if !errors.is_empty() {
            errors.extend(warnings);
            return Err(errors);
        }
        let closures = digests(&texts);
        Ok(Theme {
            tera,
            origins,
            closures,
            warnings,
            texts,
            paths,
        })
    }

    /// A template error as a diagnostic naming the template's file and line.
    pub fn diagnostic(&self, e: &tera::Error) -> Diagnostic {
        let templates = Templates {
            texts: &self.texts,
            paths: &self.paths,
        };
        let mut all = template_errors::diagnostics(e, &templates);
        let mut first = all.remove(0);
        for other in all {
            first.message.push('\n');
            first.message.push_str(&other.to_string());
        }
        first
    }
}

/// The names of the built-in templates (`article.html`, `partials/card.html`...).
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    let mut names = Vec::new();
    let mut stack = vec![&BUILT_IN];
    while let Some(dir) = stack.pop() {
        names.extend(dir.files().filter_map(|f| f.path().to_str()));
        stack.extend(dir.dirs());
    }
    names.sort_unstable();
    names.into_iter()
}

/// What each template uses by name: the templates it extends and includes, and every
/// template that defines components when it calls one.
fn uses(texts: &BTreeMap<String, String>) -> BTreeMap<&String, Vec<String>> {
    static USES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"\{%-?\s*(?:extends|include|import)\s+["'`]([^"'`]+)["'`]"#)
            .expect("pattern compiles")
    });
    // A component call: `{{ <name .../> }}`, `{{- <name/> }}`, `{% <name> %}...{% </name> %}`.
    static CALLS: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\{[{%]-?\s*<").expect("pattern compiles"));
    let components: Vec<&String> = texts
        .iter()
        .filter(|(_, t)| t.contains("{% component"))
        .map(|(n, _)| n)
        .collect();
    texts
        .iter()
        .map(|(name, text)| {
            let mut uses: Vec<String> =
                USES.captures_iter(text).map(|c| c[1].to_string()).collect();
            if CALLS.is_match(text) {
                uses.extend(components.iter().map(|c| c.to_string()));
            }
            (name, uses)
        })
        .collect()
}

/// A warning for each file of the site's templates/ that replaces no built-in template and
/// that no other template uses: most likely a misspelt override, which would be ignored.
fn unused(
    sources: &BTreeMap<String, (String, Origin)>,
    texts: &BTreeMap<String, String>,
) -> Vec<Diagnostic> {
    let builtin: Vec<&str> = builtin_names().collect();
    let used: Vec<String> = uses(texts)
        .into_iter()
        .flat_map(|(user, used)| used.into_iter().filter(move |u| u != user))
        .collect();
    sources
        .iter()
        .filter_map(|(name, (_, origin))| match origin {
            Origin::Site(path) if !builtin.contains(&name.as_str()) && !used.contains(name) => {
                let d = Diagnostic::warning(
                    path,
                    "this template replaces no built-in template and no template uses it, so it is ignored",
                );
                // Compared by file name without folder and extension: `articel` is
                // `article`, while `partials/mine` is near no built-in one.
                let stem = |n: &str| {
                    let file = n.rsplit('/').next().unwrap_or(n);
                    file.split('.').next().unwrap_or(file).to_string()
                };
                let stems: Vec<String> = builtin.iter().map(|b| stem(b)).collect();
                let stems: Vec<&str> = stems.iter().map(String::as_str).collect();
                let near = crate::site::closest(&stem(name), &stems)
                    .and_then(|s| stems.iter().position(|t| *t == s))
                    .map(|i| builtin[i]);
                Some(match near {
                    Some(near) => d.help(format!(
                        "did you mean templates/{near}? A file in templates/ replaces the built-in template of the same name"
                    )),
                    None => d.help(
                        "name it after the built-in template it should replace, or use it from another one ({% include \"...\" %})",
                    ),
                })
            }
            _ => None,
        })
        .collect()
}

/// Each template's digest over itself and the templates it uses, at any depth, and whether
/// any of them may read the build clock.
fn digests(sources: &BTreeMap<String, String>) -> BTreeMap<String, Closure> {
    let direct = uses(sources);
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
            let mut digest = crate::digest::Digest::new();
            let mut reads_clock = false;
            for used in seen {
                let text = sources.get(used).map_or("", String::as_str);
                digest.str(used);
                digest.str(text);
                reads_clock |= may_read_clock(text);
            }
            let closure = Closure {
                digest: digest.finish64(),
                reads_clock,
            };
            (name.clone(), closure)
        })
        .collect()
}

/// Whether a template may read the build clock (`site.now`, `site.now_display`): its code
/// (inside `{{ }}` and `{% %}`) names `now`, or takes `site` whole (`{% set s = site %}`,
/// `site | json_encode`, `site[key]`) or the whole context. A page whose templates cannot
/// read the clock does not change when only the clock moved, so the build cache keeps it.
/// When in doubt, the answer is yes.
pub fn may_read_clock(text: &str) -> bool {
    static CODE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}").expect("pattern compiles")
    });
    static NAMES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"[A-Za-z_][A-Za-z0-9_]*").expect("pattern compiles")
    });
    CODE.find_iter(text).any(|code| {
        let code = code.as_str();
        NAMES.find_iter(code).any(|name| match name.as_str() {
            "now" | "now_display" | "__tera_context" => true,
            "site" => {
                let after = code[name.end()..].trim_start();
                !after.starts_with('.')
            }
            _ => false,
        })
    })
}

fn path_of(name: &str, origins: &BTreeMap<String, Origin>) -> String {
    match origins.get(name) {
        Some(Origin::Site(path)) => path.display().to_string(),
        _ => format!("(built-in theme) templates/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::may_read_clock;

    #[test]
    fn a_template_reads_the_clock_only_where_its_code_can() {
        for reads in [
            "{{ site.now }}",
            "<p>{{ site.now_display }}</p>",
            "{% set s = site %}{{ s.title }}",
            "{{ site | json_encode }}",
            "{{ site[\"now\"] }}",
            "{{ __tera_context }}",
            "{%- if site.now > \"2025\" %}x{% endif %}",
        ] {
            assert!(may_read_clock(reads), "{reads}");
        }
        for reads_not in [
            "<p>Read it now</p>",
            "{# now #}{{ site.title }}",
            "{{ site.edition_display }} {{ site.year }}",
            "{% for s in site.sections %}{{ s.name }}{% endfor %}",
            "{{ known }}",
        ] {
            assert!(!may_read_clock(reads_not), "{reads_not}");
        }
    }

    #[test]
    fn the_built_in_theme_never_reads_the_clock() {
        for name in super::builtin_names() {
            let text = super::BUILT_IN
                .get_file(name)
                .and_then(|f| f.contents_utf8())
                .unwrap_or_default();
            assert!(!text.is_empty(), "{name}");
            assert!(!may_read_clock(text), "{name} reads the build clock");
        }
    }
}

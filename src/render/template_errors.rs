//! Tera's errors as diagnostics a template writer can act on: the file and line, the text
//! of that line, the tag that was left open and where, and the nearest known name to a
//! misspelt filter, test, function, template or block.
//!
//! Tera reports some problems well (a span and a message), some as text only (the checks it
//! runs over all templates together) and some at the wrong place (an `{% if %}` left open is
//! an "Unknown tag" where the enclosing `{% endblock %}` is met). This module reads what tera
//! gives and, where that is not enough, the template's own text.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::render::template_blocks::{Imbalance, TAGS, Tag, balance};
use crate::site::closest;

/// Tera 2's built-in filters (newsdesk registers none of its own).
const FILTERS: &[&str] = &[
    "safe",
    "default",
    "upper",
    "lower",
    "wordcount",
    "escape",
    "escape_html",
    "escape_xml",
    "newlines_to_br",
    "pluralize",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "indent",
    "str",
    "int",
    "float",
    "length",
    "reverse",
    "split",
    "abs",
    "round",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "get",
    "values",
    "keys",
    "pairs",
    "group_by",
];

/// Names from other template languages (and tera 1) for what a tera 2 filter does.
const FILTER_SYNONYMS: &[(&str, &str)] = &[
    ("shout", "upper"),
    ("uppercase", "upper"),
    ("caps", "upper"),
    ("lowercase", "lower"),
    ("len", "length"),
    ("count", "length"),
    ("size", "length"),
    ("strip", "trim"),
    ("linebreaksbr", "newlines_to_br"),
    ("e", "escape"),
    ("raw", "safe"),
];

/// Tera 2's built-in tests (`{% if x is odd %}`).
const TESTS: &[&str] = &[
    "string",
    "number",
    "map",
    "bool",
    "array",
    "integer",
    "float",
    "none",
    "iterable",
    "defined",
    "undefined",
    "odd",
    "even",
    "divisible_by",
    "starting_with",
    "ending_with",
    "containing",
];

/// Tera 2's built-in functions (`{{ range(end=3) }}`).
const FUNCTIONS: &[&str] = &["range", "throw", "super"];

/// The templates an error can be about: each one's text and the file it came from.
pub struct Templates<'a> {
    pub texts: &'a BTreeMap<String, String>,
    /// The path shown for each template (`templates/tag.html`, or the built-in one's name).
    pub paths: &'a BTreeMap<String, PathBuf>,
}

impl Templates<'_> {
    fn path(&self, name: &str) -> PathBuf {
        self.paths
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")))
    }

    fn text(&self, name: &str) -> &str {
        self.texts.get(name).map_or("", String::as_str)
    }

    /// A diagnostic at a 1-based line and column of a template, quoting that line.
    fn at(&self, name: &str, line: usize, column: usize, message: String) -> Diagnostic {
        let d = Diagnostic::error(self.path(name), message);
        match self.text(name).lines().nth(line.saturating_sub(1)) {
            Some(text) if line > 0 => d.at(line, column).quote(text),
            _ if line > 0 => d.at(line, column),
            _ => d,
        }
    }
}

/// Every problem a tera error holds, one diagnostic each.
pub fn diagnostics(e: &tera::Error, templates: &Templates) -> Vec<Diagnostic> {
    use tera::ErrorKind;
    match e.kind() {
        ErrorKind::SyntaxError(r) => {
            let text = templates.text(r.filename());
            let found = (r.message() == "Unknown tag" || r.message() == "Unexpected end of input")
                .then(|| balance(text))
                .flatten();
            match found {
                Some(problem) => vec![imbalance(problem, r.filename(), templates)],
                None => {
                    let span = r.span();
                    let message = match r.message() {
                        "Unknown tag" => unknown_tag(tag_name_at(text, span.range.start)),
                        m => m.to_string(),
                    };
                    vec![templates.at(r.filename(), span.start_line, span.start_col + 1, message)]
                }
            }
        }
        ErrorKind::RenderingError(r) => {
            let span = r.span();
            let mut d = templates.at(
                r.filename(),
                span.start_line,
                span.start_col + 1,
                r.message().to_string(),
            );
            if r.message().contains("is not defined") {
                d = d.help("test optional values with {% if x %}; the built-in templates show what each page receives (`newsdesk theme list` names them, `newsdesk theme eject NAME` copies one into templates/)");
            }
            vec![d]
        }
        ErrorKind::MissingParent { current, parent } => {
            let text = templates.text(current);
            let offset = text.find("extends").unwrap_or(0);
            let (line, column) = crate::diagnostics::line_column(text, offset);
            let mut d = templates.at(
                current,
                line,
                column,
                format!("extends `{parent}`, which is not a template"),
            );
            let names: Vec<&str> = templates.texts.keys().map(String::as_str).collect();
            if let Some(near) = closest(parent, &names) {
                d = d.help(format!("did you mean `{near}`?"));
            }
            vec![d]
        }
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            vec![Diagnostic::error(templates.path(tpl), e.to_string())]
        }
        ErrorKind::Msg(text) if text.starts_with("error: ") => reports(text, templates),
        _ => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            vec![Diagnostic::error("templates", message)]
        }
    }
}

/// Tera's reports as text (what it finds checking all templates together: unknown
/// filters, tests, functions, templates, blocks), each `error: MESSAGE` then
/// ` --> NAME:LINE:COLUMN` and the line.
fn reports(text: &str, templates: &Templates) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m);
        } else if let (Some(m), Some(place)) = (message, line.trim_start().strip_prefix("--> ")) {
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            let line = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
            let name = parts.next().unwrap_or("");
            out.push(reference(m, name, line, column, templates));
            message = None;
        }
    }
    if out.is_empty() {
        out.push(Diagnostic::error(
            "templates",
            text.trim_start_matches("error: ").to_string(),
        ));
    }
    out
}

/// An unknown name tera reported, with the nearest known one.
fn reference(
    message: &str,
    name: &str,
    line: usize,
    column: usize,
    templates: &Templates,
) -> Diagnostic {
    let quoted = message.split('`').nth(1).unwrap_or("");
    let blocks: Vec<String>;
    let (what, known): (&str, Vec<&str>) = if message.starts_with("Unknown filter") {
        ("filter", FILTERS.to_vec())
    } else if message.starts_with("Unknown test") {
        ("test", TESTS.to_vec())
    } else if message.starts_with("Unknown function") {
        ("function", FUNCTIONS.to_vec())
    } else if message.starts_with("Unknown template") {
        (
            "template",
            templates.texts.keys().map(String::as_str).collect(),
        )
    } else if message.starts_with("Block") {
        blocks = block_names(templates);
        ("block", blocks.iter().map(String::as_str).collect())
    } else {
        ("", Vec::new())
    };
    let text = match what {
        "" => lower_first(message),
        "block" => format!("no template this one extends has a block `{quoted}`"),
        _ => format!("unknown {what} `{quoted}`"),
    };
    let d = templates.at(name, line, column, text);
    let known: Vec<&str> = known.into_iter().filter(|k| *k != quoted).collect();
    let synonym = FILTER_SYNONYMS
        .iter()
        .find(|(other, _)| what == "filter" && *other == quoted)
        .map(|(_, ours)| *ours);
    match synonym.or_else(|| closest(quoted, &known)) {
        Some(near) => d.help(format!("did you mean `{near}`?")),
        None if matches!(what, "filter" | "test" | "function") => d.help(format!(
            "the {what}s are: {}",
            known
                .iter()
                .filter(|k| **k != "super")
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => d,
    }
}

/// Every `{% block NAME %}` of every template.
fn block_names(templates: &Templates) -> Vec<String> {
    static BLOCK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\{%-?\s*block\s+(\w+)").expect("pattern compiles")
    });
    let mut names: Vec<String> = templates
        .texts
        .values()
        .flat_map(|t| BLOCK.captures_iter(t).map(|c| c[1].to_string()))
        .collect();
    names.sort();
    names.dedup();
    names
}

fn lower_first(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn unknown_tag(name: &str) -> String {
    match closest(name, TAGS) {
        Some(near) => format!("unknown tag `{name}`: did you mean `{{% {near} %}}`?"),
        None => format!("unknown tag `{name}`"),
    }
}

/// The tag name at a byte offset of the text (where tera says an unknown tag is).
fn tag_name_at(text: &str, offset: usize) -> &str {
    let rest = text.get(offset..).unwrap_or("");
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The block scan's finding as a diagnostic at the tag it is about.
fn imbalance(found: Imbalance, template: &str, templates: &Templates) -> Diagnostic {
    let at = |tag: &Tag, message: String| templates.at(template, tag.line, tag.column, message);
    match found {
        Imbalance::Unclosed {
            open,
            found: Some(found),
        } => at(
            &open,
            format!(
                "`{}` is never closed: `{}` on line {} comes first",
                open.written, found.written, found.line
            ),
        )
        .help(format!(
            "add `{}` where it should end, before line {}",
            open.written_closer(),
            found.line
        )),
        Imbalance::Unclosed { open, found: None } => {
            at(&open, format!("`{}` is never closed", open.written)).help(format!(
                "add `{}` where it should end",
                open.written_closer()
            ))
        }
        Imbalance::Mismatch { open, found } => at(
            &found,
            format!(
                "`{}` does not close the `{}` opened on line {}, which ends with `{}`",
                found.written,
                open.written,
                open.line,
                open.written_closer()
            ),
        )
        .help(format!("write `{}`", open.written_closer())),
        Imbalance::Stray { found } => at(
            &found,
            format!("`{}` closes nothing: no block is open here", found.written),
        )
        .help("remove it, or add the tag that opens the block it should close"),
        Imbalance::Misplaced { found } => at(
            &found,
            format!(
                "`{}` is outside any `{{% if %}}` or `{{% for %}}`",
                found.written
            ),
        ),
        Imbalance::Unknown {
            found,
            open: Some(open),
        } if found.name.starts_with("end") => at(
            &found,
            format!(
                "unknown tag `{}`: the `{}` opened on line {} ends with `{}`",
                found.written,
                open.written,
                open.line,
                open.written_closer()
            ),
        )
        .help(format!("write `{}`", open.written_closer())),
        Imbalance::Unknown { found, .. } => at(&found, unknown_tag(&found.name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_names_are_the_ones_tera_knows() {
        for filter in FILTERS {
            tera::Tera::default()
                .add_raw_template("t", &format!("{{{{ x | {filter} }}}}"))
                .unwrap_or_else(|e| panic!("filter {filter}: {e}"));
        }
        for test in TESTS {
            tera::Tera::default()
                .add_raw_template("t", &format!("{{% if x is {test} %}}{{% endif %}}"))
                .unwrap_or_else(|e| panic!("test {test}: {e}"));
        }
        for function in FUNCTIONS.iter().filter(|f| **f != "super") {
            tera::Tera::default()
                .add_raw_template("t", &format!("{{{{ {function}() }}}}"))
                .unwrap_or_else(|e| panic!("function {function}: {e}"));
        }
    }
}

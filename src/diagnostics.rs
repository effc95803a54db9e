//! Problems found in a site, reported all at once with the file, line and column they are
//! about and what to do about them.

use std::borrow::Cow;
use std::fmt;
use std::path::{Component, Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings are printed and the build goes on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    /// `error` or `warning`, as printed.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file the problem is in. The site's own files (`site.toml`, `content/...`,
    /// `templates/...`, `static/...`) are named relative to the site folder, and
    /// [`Report::sorted`] names them from the current folder; other paths are kept as given.
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place in the file.
    pub line: Option<usize>,
    pub column: Option<u32>,
    pub message: String,
    /// What the writer can do about it.
    pub help: Option<String>,
    /// The text of the line the problem is at, shown under the message with a `^` at the
    /// column (template errors quote their line).
    pub quote: Option<Box<str>>,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
            quote: None,
        }
    }

    /// A warning about a whole file.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Places the problem at a line (and column) of its file.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(u32::try_from(column).unwrap_or(u32::MAX));
        self
    }

    /// Places the problem at a byte offset of the file's text.
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        let (line, column) = line_column(text, offset);
        self.at(line, column)
    }

    /// Quotes the text of the problem's line under the message.
    pub fn quote(mut self, line_text: impl Into<String>) -> Self {
        self.quote = Some(line_text.into().into_boxed_str());
        self
    }

    /// Adds what to do about it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic for editors and CI (`newsdesk check --format json`): file, line, column,
    /// severity, message and help (`null` when unknown).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "file": self.path.to_string_lossy(),
            "line": self.line,
            "column": self.column,
            "severity": self.severity.label(),
            "message": self.message,
            "help": self.help,
            "quote": self.quote,
        })
    }
}

/// Text for the terminal: control characters (a newline, an ANSI escape) and the invisible
/// marks that reorder a line are shown escaped (`\n`, `\u{1b}`), so that a file's name or text
/// can never forge a line of newsdesk's output or recolour it. Everything else prints as is.
pub fn printable(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Diagnostics are printed in the one form people read; every part that comes from a file
/// goes through [`printable`].
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", printable(&self.path.to_string_lossy()))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(
            f,
            ": {}: {}",
            self.severity.label(),
            printable(&self.message)
        )?;
        if let (Some(quote), Some(line)) = (&self.quote, self.line) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            let quote: String = quote.chars().take(160).collect();
            let mark: String = quote
                .chars()
                .take((self.column.unwrap_or(1) as usize).saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n  {number} | {}\n  {pad} | {mark}^", printable(&quote))?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", printable(help))?;
        }
        Ok(())
    }
}

/// The 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// A path shown relative to the site folder, as writers see it in their editor.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Every problem found by one run: the build prints them all and fails if any is an error.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// The site folder as the user named it (`--site desk`), once known.
    site: Option<PathBuf>,
}

/// The top-level names of a site's own files: a diagnostic path that starts with one of these
/// is relative to the site folder.
const SITE_FILES: &[&str] = &["site.toml", "content", "templates", "static"];

impl Report {
    /// Says which site folder the diagnostics' paths are relative to, so that [`Report::sorted`]
    /// can name each file from the current folder (`desk/content/news/x.md` with `--site desk`),
    /// as a terminal or an editor opens it.
    pub fn about_site(&mut self, root: &Path) {
        self.site = Some(root.to_path_buf());
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Sorted by file and place, so that output is stable whatever order threads finished in,
    /// with the site's files named from the current folder (see [`Report::about_site`]).
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        self.diagnostics.dedup();
        if let Some(site) = &self.site {
            for d in &mut self.diagnostics {
                d.path = from_current_folder(site, &d.path);
            }
        }
        self.diagnostics
    }
}

/// A path relative to the site folder `site` (`content/x.md`) as seen from the current folder
/// (`desk/content/x.md`); other paths (absolute ones, pages of the output) are kept.
fn from_current_folder(site: &Path, path: &Path) -> PathBuf {
    let of_site = match path.components().next() {
        Some(Component::Normal(first)) => SITE_FILES.iter().any(|f| first == *f),
        _ => false,
    };
    if of_site {
        relative(Path::new("."), &site.join(path))
    } else {
        path.to_path_buf()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 9), (2, 3));
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let d = Diagnostic::error("content/a\nbuilt 99 articles\u{1b}[2K.md", "bad \u{202e}x");
        assert_eq!(
            d.to_string(),
            "content/a\\nbuilt 99 articles\\u{1b}[2K.md: error: bad \\u{202e}x"
        );
        assert_eq!(printable("Baku é"), "Baku é");
    }

    #[test]
    fn site_files_are_named_from_the_current_folder() {
        let mut report = Report::default();
        report.about_site(Path::new("desk"));
        report.push(Diagnostic::error("content/news/x.md", "e"));
        report.push(Diagnostic::error("2025/05/x/index.html", "e"));
        let paths: Vec<PathBuf> = report.sorted().into_iter().map(|d| d.path).collect();
        assert_eq!(
            paths,
            [
                PathBuf::from("2025/05/x/index.html"),
                PathBuf::from("desk/content/news/x.md")
            ]
        );
        let mut here = Report::default();
        here.about_site(Path::new("."));
        here.push(Diagnostic::error("site.toml", "e"));
        assert_eq!(here.sorted()[0].path, PathBuf::from("site.toml"));
    }

    #[test]
    fn display_names_file_line_and_help() {
        let d = Diagnostic::error("content/x.md", "missing title")
            .at(2, 1)
            .help("add title = \"...\"");
        assert_eq!(
            d.to_string(),
            "content/x.md:2:1: error: missing title\n  help: add title = \"...\""
        );
    }
}

//! `newsdesk new`: a new article file with its front matter filled in, dated now.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use newsdesk::editorial::article_file::{
    ArticleFile, BODY_PLACEHOLDER, DEFAULT_SECTION, as_built, create, minute, numbered,
    section_folder,
};
use newsdesk::site::article::BodyFormat;
use newsdesk::site::dates;

use super::{shown, site_settings};

/// Start a new article: content/<section>/<date>-<slug>.md, dated now in the site's time zone.
///
/// The article is a draft (`draft = true`) with a placeholder line where the story goes:
/// write the story in its place, then delete the `draft = true` line to publish it.
#[derive(Args)]
#[command(after_help = "Examples:
  newsdesk new \"Sharif hails Pakistan-Azerbaijan bond in Lachin\"
  newsdesk new \"Council passes Ganja budget\" --section politics --tags Budget,Ganja --locations Ganja
  newsdesk new \"Heatwave grips Delhi\" --byline \"Amina Khan\" --wire --site ../desk
  newsdesk new \"Polls close in Baku\" --publish      (live at the next build)")]
pub struct NewArgs {
    /// The headline.
    pub title: String,
    /// The site folder.
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// The section: the folder under content/ the article goes in.
    #[arg(long, default_value = DEFAULT_SECTION)]
    pub section: String,
    /// Tags, separated by commas.
    #[arg(long, value_delimiter = ',', value_name = "TAG,...")]
    pub tags: Vec<String>,
    /// Places the story is about, separated by commas.
    #[arg(long, value_delimiter = ',', value_name = "PLACE,...")]
    pub locations: Vec<String>,
    /// Who wrote it.
    #[arg(long)]
    pub byline: Option<String>,
    /// Write it live, without `draft = true` (without this, the article is a draft: left out
    /// of the site until the `draft = true` line is deleted).
    #[arg(long)]
    pub publish: bool,
    /// A draft, as without --publish (kept for scripts that say so).
    #[arg(long, hide = true, conflicts_with = "publish")]
    pub draft: bool,
    /// Write plain wire copy (.txt, one paragraph a line) instead of Markdown (.md).
    #[arg(long)]
    pub wire: bool,
}

pub fn run(args: NewArgs) -> ExitCode {
    let Some(settings) = site_settings(&args.site) else {
        return ExitCode::from(1);
    };
    let title = args.title.trim();
    if title.is_empty() {
        eprintln!("error: the headline is empty");
        eprintln!("  help: give it in quotes: newsdesk new \"Council approves budget\"");
        return ExitCode::from(2);
    }
    let dir = match section_folder(&args.site, &args.section) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("  help: choose another section: --section news, --section world ...");
            return ExitCode::from(2);
        }
    };
    let now = match dates::build_clock(None, &settings.timezone) {
        Ok(now) => now,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let list = |items: Vec<String>| -> Vec<String> {
        items
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let file = ArticleFile {
        title: title.to_string(),
        date: minute(&now),
        authors: args
            .byline
            .into_iter()
            .filter(|b| !b.trim().is_empty())
            .collect(),
        dateline: None,
        summary: None,
        tags: list(args.tags),
        locations: list(args.locations),
        draft: !args.publish,
        body: format!("{BODY_PLACEHOLDER}\n"),
        format: if args.wire {
            BodyFormat::Wire
        } else {
            BodyFormat::Markdown
        },
        source_digest: None,
    };
    let path = numbered(&dir, &file.stem(&settings), file.extension());
    let text = file.text();
    // Read back as the build will read it: its address, and nothing the build would refuse.
    let article = match as_built(&args.site, &path, &text, &settings) {
        Ok(article) => article,
        Err(errors) => {
            for d in errors {
                eprintln!("{d}");
            }
            return ExitCode::from(2);
        }
    };
    if let Err(e) = create(&path, &text) {
        eprintln!("{}: error: cannot write: {e}", shown(&path).display());
        return ExitCode::from(1);
    }
    println!("{}", shown(&path).display());
    println!("{}{}", settings.base_url, article.url);
    if file.draft {
        println!(
            "a draft: write the story in place of the placeholder line, then delete `draft = true` to publish it"
        );
    } else {
        println!(
            "live at the next build: write the story in place of the placeholder line before then"
        );
    }
    ExitCode::SUCCESS
}

//! Raw wire copy as it comes in: a headline line (sometimes), a standfirst, a byline
//! ("News Desk", "By Amina Khan"), a `PLACE:` lead and one paragraph a line. Reading it tells
//! `newsdesk import` what goes in the front matter; the story's text is kept word for word.

use jiff::Timestamp;
use jiff::civil;

use crate::site::dateline::{self, LeadDateline};
use crate::site::slug::slugify;

/// How many lines may stand before the lead: headline, standfirst, byline and a date, with one
/// to spare.
const MAX_HEAD_LINES: usize = 5;

/// A piece of wire copy, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WireCopy {
    /// The headline line, when the copy has one (two lines before the byline: the first).
    pub headline: Option<String>,
    /// The standfirst: the line (or lines, joined) between the headline and the byline.
    pub standfirst: Option<String>,
    /// The byline line as written ("News Desk", "By Amina Khan").
    pub byline: Option<String>,
    /// A date found on a line of its own before the lead.
    pub date: Option<toml::value::Datetime>,
    /// The dateline the lead opens with (`BAKU:`).
    pub dateline: Option<LeadDateline>,
    /// The story from the lead on, one paragraph a line, trimmed, otherwise as written.
    pub paragraphs: Vec<String>,
}

impl WireCopy {
    /// Reads wire copy. Any line ending (LF, CRLF, CR), a byte-order mark, spaces around
    /// lines and a last line without a newline are all fine; blank lines are dropped.
    ///
    /// The story starts at the lead: the first of the opening lines that begins with a dateline
    /// (`BAKU:`). Without one it starts after a `By ...` line among the opening lines, and
    /// without that either, the whole copy is the story. The lines before the story are the
    /// head: a line that is only a date gives the date, a byline-like last line is the byline,
    /// and of the rest the first is the headline when there are two or more, and the others
    /// are the standfirst.
    pub fn parse(text: &str) -> WireCopy {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let opening = &lines[..lines.len().min(MAX_HEAD_LINES + 1)];
        let lead = opening.iter().position(|l| dateline::detect(l).is_some());
        let story_start = match lead {
            Some(i) => i,
            None => opening
                .iter()
                .take(MAX_HEAD_LINES)
                .position(|l| by_line(l).is_some())
                .map_or(0, |i| i + 1),
        };
        let mut copy = WireCopy {
            dateline: lead.and_then(|i| dateline::detect(lines[i])),
            paragraphs: lines[story_start..].iter().map(|l| l.to_string()).collect(),
            ..WireCopy::default()
        };

        let mut head: Vec<&str> = Vec::new();
        for line in &lines[..story_start] {
            match read_date(line) {
                Some(date) if copy.date.is_none() => copy.date = Some(date),
                _ => head.push(line),
            }
        }
        if head.last().is_some_and(|l| is_byline(l)) {
            copy.byline = head.pop().map(str::to_string);
        }
        match head.as_slice() {
            [] => {}
            [standfirst] => copy.standfirst = Some(standfirst.to_string()),
            [headline, rest @ ..] => {
                copy.headline = Some(headline.to_string());
                copy.standfirst = Some(rest.join(" "));
            }
        }
        copy
    }

    /// The names in the byline: `By Amina Khan and Omar Rahman` -> `Amina Khan`, `Omar Rahman`.
    /// A piece without a letter or digit (`By A & —`) is no name.
    pub fn authors(&self) -> Vec<String> {
        let Some(line) = &self.byline else {
            return Vec::new();
        };
        let names = by_line(line).unwrap_or(line);
        names
            .split(',')
            .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" & ")))
            .map(str::trim)
            .filter(|n| !slugify(n).is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// The names after `By ` on a line that starts with it, when the line reads like a byline
/// rather than a sentence ("By noon, crowds had gathered." is not one).
fn by_line(line: &str) -> Option<&str> {
    let rest = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| line.strip_prefix(p))?
        .trim();
    let words = rest.split_whitespace().count();
    let capital = rest.chars().next().is_some_and(char::is_uppercase);
    let sentence = rest.ends_with(['.', '!', '?', ':']) || rest.contains([',', ';']) && words > 8;
    (capital && words <= 10 && !sentence).then_some(rest)
}

/// Whether a line just before the lead is a byline: `By ...`, or a few capitalised words with
/// no sentence punctuation ("News Desk", "Amina Khan", "AFP").
fn is_byline(line: &str) -> bool {
    if by_line(line).is_some() {
        return true;
    }
    const JOINING: &[&str] = &["and", "&", "of", "in", "de", "for", "the"];
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() <= 5
        && line.chars().count() <= 40
        && !line.contains(|c: char| c.is_ascii_digit() || ".!?:;\"“”()[]".contains(c))
        && words
            .iter()
            .all(|w| JOINING.contains(w) || w.chars().next().is_some_and(char::is_uppercase))
}

/// The date on a line that holds nothing else (a `Published:` or `Date:` label may come first):
/// `2025-05-28`, `2025-05-28T18:30:00+04:00`, `2025-05-28 18:30`, `28 May 2025`,
/// `May 28, 2025`, `Wednesday, 28 May 2025`.
pub fn read_date(line: &str) -> Option<toml::value::Datetime> {
    let mut text = line.trim();
    for label in ["Published", "Updated", "Dated", "Date", "Filed"] {
        if let Some(rest) = text.strip_prefix(label) {
            text = rest.trim_start_matches(':').trim();
            break;
        }
    }
    if !text.starts_with(|c: char| c.is_ascii_alphanumeric()) || text.len() > 40 {
        return None;
    }
    let written = if let Ok(ts) = text.parse::<Timestamp>() {
        // A moment with an offset: kept as that moment, written in UTC.
        ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else if let Some(local) = text
        .contains(['T', ' '])
        .then(|| text.parse::<civil::DateTime>().ok())
        .flatten()
    {
        local.strftime("%Y-%m-%dT%H:%M:%S").to_string()
    } else if let Ok(day) = text.parse::<civil::Date>() {
        day.to_string()
    } else {
        const DAYS: &[&str] = &[
            "%d %B %Y",
            "%B %d, %Y",
            "%B %d %Y",
            "%A, %d %B %Y",
            "%A %d %B %Y",
            "%A, %B %d, %Y",
        ];
        let day = DAYS
            .iter()
            .find_map(|f| civil::Date::strptime(f, text).ok())?;
        day.to_string()
    };
    written.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_SHAPE: &str = "\u{feff}It went beyond mere symbolism \r\n\r\nNews Desk\r\nBAKU: In the serene surroundings of Lachin.\r\nSecond paragraph.  \r\nThird, without a newline";

    #[test]
    fn the_seed_reads_as_standfirst_byline_and_story() {
        let copy = WireCopy::parse(SEED_SHAPE);
        assert_eq!(copy.headline, None);
        assert_eq!(
            copy.standfirst.as_deref(),
            Some("It went beyond mere symbolism")
        );
        assert_eq!(copy.byline.as_deref(), Some("News Desk"));
        assert_eq!(copy.authors(), vec!["News Desk"]);
        assert_eq!(copy.dateline.as_ref().unwrap().place, "Baku");
        assert_eq!(
            copy.paragraphs,
            vec![
                "BAKU: In the serene surroundings of Lachin.",
                "Second paragraph.",
                "Third, without a newline"
            ]
        );
    }

    #[test]
    fn a_headline_comes_first_and_a_date_line_gives_the_date() {
        let copy = WireCopy::parse(
            "Sharif hails bond in Lachin\nA standfirst.\n28 May 2025\nBy Amina Khan and Omar Rahman\nBAKU: Lead.\n",
        );
        assert_eq!(
            copy.headline.as_deref(),
            Some("Sharif hails bond in Lachin")
        );
        assert_eq!(copy.standfirst.as_deref(), Some("A standfirst."));
        assert_eq!(copy.authors(), vec!["Amina Khan", "Omar Rahman"]);
        // Found by the wire import property: a dash is not an author.
        let dash = WireCopy::parse("BY Ä & —\nThe story.");
        assert_eq!(dash.authors(), vec!["Ä"]);
        assert_eq!(copy.date.unwrap().to_string(), "2025-05-28");
        assert_eq!(copy.paragraphs, vec!["BAKU: Lead."]);
    }

    #[test]
    fn without_a_dateline_a_by_line_ends_the_head() {
        let copy = WireCopy::parse("Headline\nStandfirst here.\nBy Amina Khan\nThe story.\n");
        assert_eq!(copy.headline.as_deref(), Some("Headline"));
        assert_eq!(copy.byline.as_deref(), Some("By Amina Khan"));
        assert_eq!(copy.paragraphs, vec!["The story."]);
        let plain = WireCopy::parse("Just a story.\nBy noon, crowds had gathered.\n");
        assert_eq!(plain.paragraphs.len(), 2);
        assert_eq!(plain.byline, None);
    }

    #[test]
    fn dates_are_read_in_the_usual_forms() {
        let read = |s: &str| read_date(s).map(|d| d.to_string());
        assert_eq!(read("2025-05-28").as_deref(), Some("2025-05-28"));
        assert_eq!(
            read("Published: 2025-05-28T18:30:00+04:00").as_deref(),
            Some("2025-05-28T14:30:00Z")
        );
        assert_eq!(
            read("2025-05-28 18:30").as_deref(),
            Some("2025-05-28T18:30:00")
        );
        assert_eq!(read("May 28, 2025").as_deref(), Some("2025-05-28"));
        assert_eq!(
            read("Wednesday, 28 May 2025").as_deref(),
            Some("2025-05-28")
        );
        assert_eq!(read("28 Mayday 2025"), None);
        assert_eq!(read("2025-02-30"), None);
        assert_eq!(read("News Desk"), None);
    }
}

//! The words a story is found by (SPEC 9.5): its text cut into words, folded and stemmed in
//! the site's language, as search's index keeps them.
//!
//! Three rules, which the search script (`src/search/search.js`) applies to a reader's query
//! in the same way, so that what a reader types meets what the index holds:
//!
//! - **A word** is a run of letters, digits and combining marks; an apostrophe between two
//!   of them joins them and is dropped (`don't` is `dont`).
//! - **Folding**: canonical decomposition, combining marks dropped, lower case, and the
//!   letters that do not decompose written as their base (`Laçın` is `lacin`, `ø` is `o`).
//! - **Stemming** (Snowball, in the site's `language`) is the index's alone: each word of the
//!   stories is kept with its stem, so the script needs no stemmer of its own.

use std::cell::RefCell;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words longer than this (in bytes, as written) are not kept: nobody searches for them.
pub const LONGEST: usize = 40;

/// The headline holds the word.
pub const IN_HEADLINE: u8 = 0x80;
/// The standfirst holds it.
pub const IN_STANDFIRST: u8 = 0x40;
/// A tag, a place or a byline holds it.
pub const IN_NAMES: u8 = 0x20;
/// The low bits: how many times the text holds it, at most this.
pub const MOST_TIMES: u8 = 0x1f;

/// Calls `each` with every word of `text`, as written.
pub fn each_word(text: &str, mut each: impl FnMut(&str)) {
    let mut joined = String::new();
    let mut start: Option<usize> = None;
    // Set while a word holds an apostrophe: the word is then `joined`, without it.
    let mut apostrophes = false;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(at);
            }
            if apostrophes {
                joined.push(c);
            }
            continue;
        }
        if let Some(from) = start {
            let joins = matches!(c, '\'' | '\u{2019}')
                && chars.peek().is_some_and(|&(_, next)| is_word_char(next));
            if joins {
                if !apostrophes {
                    joined.clear();
                    joined.push_str(&text[from..at]);
                    apostrophes = true;
                }
                continue;
            }
            if apostrophes {
                each(&joined);
            } else {
                each(&text[from..at]);
            }
            start = None;
            apostrophes = false;
        }
    }
    if let Some(from) = start {
        if apostrophes {
            each(&joined);
        } else {
            each(&text[from..]);
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && is_combining_mark(c))
}

/// A word as the index keeps it and a query looks it up: without accents, in lower case.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let bare: String = word.nfd().filter(|&c| !is_combining_mark(c)).collect();
    let mut out = String::with_capacity(bare.len());
    for c in bare.to_lowercase().chars() {
        match c {
            'ı' => out.push('i'),
            'ł' => out.push('l'),
            'ø' => out.push('o'),
            'đ' | 'ð' => out.push('d'),
            'ħ' => out.push('h'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            'ς' => out.push('σ'),
            c => out.push(c),
        }
    }
    out
}

/// The Snowball stemmer for a site's `language` (`en`, `de-AT`), if there is one.
pub fn algorithm(language: &str) -> Option<Algorithm> {
    let code = language.split(['-', '_']).next().unwrap_or("");
    Some(match code.to_ascii_lowercase().as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

/// A word folded, and its stem folded: what the index files it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub form: String,
    pub stem: String,
}

thread_local! {
    /// Each word's form and stem, by the word in lower case, for the language last asked:
    /// a site's stories use the same few thousand words again and again.
    static MEMO: RefCell<(String, HashMap<String, Folded>)> = RefCell::default();
}

/// `word` (in lower case) folded, and its stem in `language`, folded.
pub fn folded(word: &str, language: &str) -> Folded {
    MEMO.with(|memo| {
        let (memo_language, memo) = &mut *memo.borrow_mut();
        if memo_language != language {
            language.clone_into(memo_language);
            memo.clear();
        }
        if let Some(found) = memo.get(word) {
            return found.clone();
        }
        let form = fold(word);
        let stem = match algorithm(language) {
            Some(algorithm) => fold(&Stemmer::create(algorithm).stem(word)),
            None => form.clone(),
        };
        let found = Folded { form, stem };
        memo.insert(word.to_string(), found.clone());
        found
    })
}

/// How often a text uses each word (in lower case, as written otherwise).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counter {
    counts: HashMap<String, u32>,
}

impl Counter {
    pub fn add(&mut self, text: &str) {
        let mut lower = String::new();
        each_word(text, |word| {
            if word.len() > LONGEST {
                return;
            }
            lower.clear();
            if word.is_ascii() {
                lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                lower.push_str(&word.to_lowercase());
            }
            match self.counts.get_mut(lower.as_str()) {
                Some(n) => *n += 1,
                None => {
                    self.counts.insert(lower.clone(), 1);
                }
            }
        });
    }
}

/// The words an article is found by: each stem with where the article holds it, and each
/// word whose stem is another word (`elections` under `elect`), so that a query finds every
/// form of a word it names.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Words {
    /// Each stem, sorted, with [`IN_HEADLINE`], [`IN_STANDFIRST`], [`IN_NAMES`] and how many
    /// times the text holds it.
    pub stems: Vec<(String, u8)>,
    /// Each form that is not its own stem, sorted, with its stem's place in `stems`.
    pub forms: Vec<(String, u32)>,
}

/// The parts of an article that search reads, as written.
pub struct Parts<'a> {
    pub headline: &'a str,
    pub standfirst: &'a str,
    /// Tags, places and bylines.
    pub names: Vec<&'a str>,
    /// The body's words, counted as it was read.
    pub text: Counter,
}

impl Words {
    pub fn of(parts: Parts<'_>, language: &str) -> Words {
        let mut stems: HashMap<String, u8> = HashMap::new();
        let mut forms: HashMap<String, String> = HashMap::new();
        let mut see = |word: &str, mark: u8, times: u32| {
            let Folded { form, stem } = folded(word, language);
            let weight = stems.entry(stem.clone()).or_default();
            let count = (*weight & MOST_TIMES) as u32 + times;
            *weight = (*weight & !MOST_TIMES) | mark | count.min(MOST_TIMES as u32) as u8;
            if form != stem {
                forms.insert(form, stem);
            }
        };
        for (word, times) in &parts.text.counts {
            see(word, 0, *times);
        }
        let mut field = |text: &str, mark: u8| {
            let mut words = Counter::default();
            words.add(text);
            for word in words.counts.keys() {
                see(word, mark, 0);
            }
        };
        field(parts.headline, IN_HEADLINE);
        field(parts.standfirst, IN_STANDFIRST);
        for name in parts.names {
            field(name, IN_NAMES);
        }
        let mut stems: Vec<(String, u8)> = stems.into_iter().collect();
        stems.sort_unstable();
        let place = |stem: &str| {
            stems
                .binary_search_by(|(s, _)| s.as_str().cmp(stem))
                .expect("every form's stem is kept") as u32
        };
        let mut forms: Vec<(String, u32)> = forms
            .into_iter()
            .map(|(form, stem)| {
                let at = place(&stem);
                (form, at)
            })
            .collect();
        forms.sort_unstable();
        Words { stems, forms }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_joined_by_apostrophes() {
        assert_eq!(
            words("Don't stop: the 2,000-strong crowd’s cheers (Laçın)."),
            [
                "Dont", "stop", "the", "2", "000", "strong", "crowds", "cheers", "Laçın"
            ]
        );
        assert_eq!(words("'quoted' rock'n'roll"), ["quoted", "rocknroll"]);
    }

    #[test]
    fn folding_drops_accents_and_case() {
        assert_eq!(fold("Laçın"), "lacin");
        assert_eq!(fold("Şuşa"), "susa");
        assert_eq!(fold("Gəncə"), "gəncə");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Øresund"), "oresund");
        assert_eq!(fold("BAKU"), "baku");
    }

    #[test]
    fn stems_gather_the_forms_of_a_word() {
        let mut text = Counter::default();
        text.add("Elections were held. The election results came late.");
        let w = Words::of(
            Parts {
                headline: "Voters elect a new parliament",
                standfirst: "",
                names: vec!["Elections"],
                text,
            },
            "en",
        );
        let (_, weight) = w.stems.iter().find(|(s, _)| s == "elect").unwrap();
        assert_eq!(weight & IN_HEADLINE, IN_HEADLINE);
        assert_eq!(weight & IN_NAMES, IN_NAMES);
        assert_eq!(weight & MOST_TIMES, 2);
        let forms: Vec<&str> = w.forms.iter().map(|(f, _)| f.as_str()).collect();
        assert!(forms.contains(&"elections") && forms.contains(&"election"));
        for (_, at) in &w.forms {
            assert!((*at as usize) < w.stems.len());
        }
    }
}

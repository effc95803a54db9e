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
use std::rc::Rc;

use ahash::AHashMap;

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
pub fn each_word(text: &str, each: impl FnMut(&str)) {
    if text.is_ascii() {
        each_ascii_word(text, each)
    } else {
        each_unicode_word(text, each)
    }
}

fn each_unicode_word(text: &str, mut each: impl FnMut(&str)) {
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

/// [`each_word`] for a text of ASCII only (most of a story in English), a byte at a time.
fn each_ascii_word(written: &str, mut each: impl FnMut(&str)) {
    let text = written.as_bytes();
    let word = |from: usize, to: usize| &written[from..to];
    let mut joined = String::new();
    let mut start: Option<usize> = None;
    let mut apostrophes = false;
    let mut at = 0;
    while at < text.len() {
        let b = text[at];
        if b.is_ascii_alphanumeric() {
            if start.is_none() {
                start = Some(at);
            }
            if apostrophes {
                joined.push(char::from(b));
            }
            at += 1;
            continue;
        }
        if let Some(from) = start {
            let joins = b == b'\'' && text.get(at + 1).is_some_and(u8::is_ascii_alphanumeric);
            if joins {
                if !apostrophes {
                    joined.clear();
                    joined.push_str(word(from, at));
                    apostrophes = true;
                }
                at += 1;
                continue;
            }
            if apostrophes {
                each(&joined);
            } else {
                each(word(from, at));
            }
            start = None;
            apostrophes = false;
        }
        at += 1;
    }
    if let Some(from) = start {
        if apostrophes {
            each(&joined);
        } else {
            each(word(from, text.len()));
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
    pub form: Rc<str>,
    pub stem: Rc<str>,
}

thread_local! {
    /// Each word's form and stem, by the word in lower case, for the language last asked:
    /// a site's stories use the same few thousand words again and again.
    static MEMO: RefCell<(String, AHashMap<String, Folded>)> = RefCell::default();
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
        let form: Rc<str> = fold(word).into();
        let stem = match algorithm(language) {
            Some(algorithm) => {
                let stem = fold(&Stemmer::create(algorithm).stem(word));
                if *stem == *form {
                    form.clone()
                } else {
                    stem.into()
                }
            }
            None => form.clone(),
        };
        let found = Folded { form, stem };
        memo.insert(word.to_string(), found.clone());
        found
    })
}

/// How often a text uses each word (in lower case, as written otherwise).
#[derive(Debug, Clone, Default)]
pub struct Counter {
    counts: AHashMap<String, u32>,
}

impl Counter {
    /// A counter for a story's text: room for the few hundred words a story uses.
    pub fn for_story() -> Counter {
        Counter {
            counts: AHashMap::with_capacity(512),
        }
    }

    pub fn add(&mut self, text: &str) {
        let mut lower = String::new();
        each_word(text, |word| {
            if word.len() > LONGEST {
                return;
            }
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
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
///
/// Kept for every story of the site, so kept small: the words of each list are one string,
/// each followed by a space (no word holds one), rather than a string apiece.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Words {
    /// The stems, sorted.
    stems: String,
    /// Each stem's [`IN_HEADLINE`], [`IN_STANDFIRST`], [`IN_NAMES`] and how many times the
    /// text holds it.
    weights: Vec<u8>,
    /// The forms that are not their own stem, sorted.
    forms: String,
    /// Each form's stem, by its place among the stems.
    form_stems: Vec<u32>,
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
        let mut stems: AHashMap<Rc<str>, u8> = AHashMap::new();
        let mut forms: AHashMap<Rc<str>, Rc<str>> = AHashMap::new();
        let mut see = |word: &str, mark: u8, times: u32| {
            let Folded { form, stem } = folded(word, language);
            if form != stem {
                forms.insert(form, stem.clone());
            }
            let weight = stems.entry(stem).or_default();
            let count = (*weight & MOST_TIMES) as u32 + times;
            *weight = (*weight & !MOST_TIMES) | mark | count.min(MOST_TIMES as u32) as u8;
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
        let mut stems: Vec<(Rc<str>, u8)> = stems.into_iter().collect();
        stems.sort_unstable();
        let place = |stem: &str| {
            stems
                .binary_search_by(|(s, _)| (**s).cmp(stem))
                .expect("every form's stem is kept") as u32
        };
        let mut forms: Vec<(Rc<str>, u32)> = forms
            .into_iter()
            .map(|(form, stem)| {
                let at = place(&stem);
                (form, at)
            })
            .collect();
        forms.sort_unstable();
        let joined = |words: &mut dyn Iterator<Item = &str>| {
            let mut out = String::new();
            for w in words {
                out.push_str(w);
                out.push(' ');
            }
            out.shrink_to_fit();
            out
        };
        Words {
            stems: joined(&mut stems.iter().map(|(s, _)| &**s)),
            weights: stems.iter().map(|&(_, w)| w).collect(),
            forms: joined(&mut forms.iter().map(|(f, _)| &**f)),
            form_stems: forms.iter().map(|&(_, at)| at).collect(),
        }
    }

    /// Each stem, sorted, with its byte.
    pub fn stems(&self) -> impl Iterator<Item = (&str, u8)> {
        self.stems
            .split_terminator(' ')
            .zip(self.weights.iter().copied())
    }

    /// Each form that is not its own stem, sorted, with its stem's place among
    /// [`Words::stems`].
    pub fn forms(&self) -> impl Iterator<Item = (&str, usize)> {
        self.forms
            .split_terminator(' ')
            .zip(self.form_stems.iter().map(|&at| at as usize))
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
    fn ascii_text_is_cut_as_any_text_is() {
        let texts = [
            "Don't stop: the 2,000-strong crowd's cheers.",
            "'quoted' rock'n'roll ends'",
            "a''b x' 'y __z__ 3.5 e-mail",
            "",
            "word",
        ];
        for text in texts {
            let (mut ascii, mut unicode) = (Vec::new(), Vec::new());
            each_ascii_word(text, |w| ascii.push(w.to_string()));
            each_unicode_word(text, |w| unicode.push(w.to_string()));
            assert_eq!(ascii, unicode, "{text:?}");
        }
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
        let stems: Vec<(&str, u8)> = w.stems().collect();
        let (_, weight) = stems.iter().find(|(s, _)| *s == "elect").unwrap();
        assert_eq!(weight & IN_HEADLINE, IN_HEADLINE);
        assert_eq!(weight & IN_NAMES, IN_NAMES);
        assert_eq!(weight & MOST_TIMES, 2);
        let forms: Vec<(&str, usize)> = w.forms().collect();
        for form in ["elections", "election"] {
            let (_, at) = forms.iter().find(|(f, _)| *f == form).unwrap();
            assert_eq!(stems[*at].0, "elect", "{form}");
        }
        let (_, at) = forms.iter().find(|(f, _)| *f == "results").unwrap();
        assert_eq!(stems[*at].0, "result");
    }
}

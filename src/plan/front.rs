//! The first page of a front (the home page, a section front): which stories it shows, and
//! where (the lead, the top stories, the rest and, on the home page, a block for each
//! section), and which stories the later pages list.
//!
//! Page 1 is the front; the later pages list every story of the front's list that page 1
//! does not show, newest first, `per_page` a page. So across pages 1..N every story is shown
//! exactly once, whatever editors put on top.

use crate::site::Site;
use crate::site::fronts::Picks;

/// The top stories a front shows beside or under its lead (more when editors name more).
pub const TOP_STORIES: usize = 4;

/// The stories of each section's block on the home page: its newest not already on the front.
pub const SECTION_BLOCK: usize = 3;

/// What page 1 of a front shows, by article index; no story is in two places.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub lead: usize,
    pub top: Vec<usize>,
    /// The rest of the front's own list, newest first: page 1 holds `per_page` stories in
    /// all (or the lead and every top story named, when they are more).
    pub rest: Vec<usize>,
    /// On the home page of a site of two sections or more: each section (by slug, in
    /// navigation order) with its newest stories not shown above; sections with none left
    /// out.
    pub sections: Vec<(String, Vec<usize>)>,
}

impl Layout {
    /// Every story on the page, in the order the page shows them.
    pub fn stories(&self) -> Vec<usize> {
        std::iter::once(self.lead)
            .chain(self.top.iter().copied())
            .chain(self.rest.iter().copied())
            .chain(self.sections.iter().flat_map(|(_, s)| s.iter().copied()))
            .collect()
    }
}

/// The front of `list` (a newest-first list of the site's stories) with the editors' `picks`:
/// its first page and, newest first, the stories the later pages list. `None` for an empty
/// list. `blocks`: whether the front has section blocks (the home page).
pub fn front(
    site: &Site,
    picks: &Picks,
    list: &[usize],
    blocks: bool,
) -> Option<(Layout, Vec<usize>)> {
    let mut shown = vec![false; site.articles.len()];
    for &i in picks.lead.iter().chain(&picks.top) {
        shown[i] = true;
    }
    let mut newest = list.iter().copied();
    let mut next = |shown: &mut Vec<bool>| {
        let i = newest.find(|&i| !shown[i])?;
        shown[i] = true;
        Some(i)
    };
    let mut top = picks.top.clone();
    // An empty lead slot takes the newest story not chosen, or when every story is a top
    // story, the first of them.
    let lead = match picks.lead.or_else(|| next(&mut shown)) {
        Some(lead) => lead,
        None if !top.is_empty() => top.remove(0),
        None => return None,
    };
    let page_len = site.settings.per_page.max(1 + top.len());
    while top.len() < TOP_STORIES.min(page_len - 1)
        && let Some(i) = next(&mut shown)
    {
        top.push(i);
    }
    let mut rest = Vec::new();
    while 1 + top.len() + rest.len() < page_len
        && let Some(i) = next(&mut shown)
    {
        rest.push(i);
    }
    let mut sections = Vec::new();
    if blocks && site.sections.terms.len() > 1 {
        for term in site.section_order() {
            let stories: Vec<usize> = term
                .articles
                .iter()
                .copied()
                .filter(|&i| !shown[i])
                .take(SECTION_BLOCK)
                .collect();
            for &i in &stories {
                shown[i] = true;
            }
            if !stories.is_empty() {
                sections.push((term.slug.clone(), stories));
            }
        }
    }
    let later = list.iter().copied().filter(|&i| !shown[i]).collect();
    Some((
        Layout {
            lead,
            top,
            rest,
            sections,
        },
        later,
    ))
}

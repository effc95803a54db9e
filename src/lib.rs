//! newsdesk: a static site generator for news desks.
//!
//! A build is one line: `site` loads content/ and site.toml into a model, `plan` lists the
//! pages the model makes, `render` turns each page into bytes through the templates, and
//! `output` writes them to a staging folder swapped in at the end.

pub mod build;
pub mod cache;
pub mod check;
pub mod darkroom;
pub mod diagnostics;
pub mod digest;
pub mod editorial;
pub mod output;
pub mod plan;
pub mod progress;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;

//! Rendering: bodies to HTML, pages through the templates.

pub mod body;
pub mod context;
pub mod files;
pub mod metadata;
pub mod theme;

//! Rendering: bodies to HTML, pages through the templates.

pub mod body;
pub mod context;
pub mod files;
pub mod metadata;
pub mod template_blocks;
pub mod template_errors;
pub mod theme;
pub mod views;

//! Rendering: pages through the templates, and the files newsdesk writes itself.

pub mod context;
pub mod files;
pub mod metadata;
pub mod template_blocks;
pub mod template_errors;
pub mod theme;
pub mod views;

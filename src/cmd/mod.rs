//! The subcommands: one file each, each a thin layer over the library.

pub mod build;
pub mod serve;

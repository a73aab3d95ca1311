//! The commands: each wires the stages together for one subcommand. `main.rs` parses the
//! arguments and maps the errors these return to exit codes.

pub mod dump;
pub mod name_look;
pub mod report;
pub mod scan;

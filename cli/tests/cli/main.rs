//! The command line's tests, in one binary, a module per command.

mod common;

mod convert;
mod hostile;
mod json;
mod validate;
mod write_errors;

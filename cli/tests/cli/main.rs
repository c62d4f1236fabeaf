//! The command line's tests, in one binary, a module per command.

mod common;
mod server;

mod convert;
mod files;
mod generate;
mod hostile;
mod http_clients;
mod json;
mod readme;
mod serve;
mod validate;
mod write_errors;

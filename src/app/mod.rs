//! `Voice.Api.App`.

pub mod portal;

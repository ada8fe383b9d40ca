//! One integration-test binary that drives the real `etika` executable.

mod common;
mod tables;

mod actions;
mod answer;
mod assess;
mod builtin;
mod checklist;
mod concurrent;
mod deon;
mod diff;
mod errors;
mod example;
mod extend;
mod faults;
mod gate;
mod hostile;
mod indonesian;
mod init;
mod integration;
mod packaging;
mod positions;
mod quickstart;
mod report;
mod report_examples;
mod report_markdown;
mod sarif;
mod schema;
mod security;
mod sign;
mod stale;
mod templates;
mod translations;
mod validate;

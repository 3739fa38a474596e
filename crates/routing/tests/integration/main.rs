//! Integration tests of silkroute-routing.
mod concurrency;
mod golden;
mod large;
mod limits;
mod matrix;
mod oracle;
mod props;

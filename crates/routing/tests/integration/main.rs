//! Integration tests of silkroute-routing.
mod concurrency;
mod golden;
mod limits;
mod matrix;
mod oracle;
mod props;

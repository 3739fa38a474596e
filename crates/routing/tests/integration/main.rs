//! Integration tests of silkroute-routing.
mod concurrency;
mod golden;
mod limits;
mod matrix;
mod netgen;
mod oracle;
mod props;

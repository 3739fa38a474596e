//! Integration tests of silkroute-routing.
mod netgen;
mod golden;
mod concurrency;
mod large;
mod limits;
mod matrix;
mod oracle;
mod props;

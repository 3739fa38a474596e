//! Integration tests of silkroute-netgraph.
mod common;
mod differential;
mod loaders;
mod marnet;
mod railways;

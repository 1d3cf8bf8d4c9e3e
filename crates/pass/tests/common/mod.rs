//! Shared helpers of the rewrite tests.

pub mod toy;

//! Strata's pass infrastructure, MLIR's design in Rust:
//!
//! * [`Pass`] and self-registration in the [`PASSES`] slice (no central list);
//! * [`OpPassManager`] pipelines and their textual form ([`parse_pipeline`]);
//! * [`PassManager`]: nested pipelines run on isolated children in parallel with
//!   deterministic output, verification after each pass, timing, statistics, IR printing,
//!   panic containment and [`reproducer`]s;
//! * [`AnalysisManager`] with caching and preservation;
//! * [`rewrite`]: pattern rewrite drivers (greedy, walk) and the dialect conversion framework.

mod analysis;
mod instrument;
mod manager;
mod pass;
mod pipeline;
pub mod reproducer;
pub mod rewrite;
mod unit;

pub use analysis::{Analysis, AnalysisManager};
pub use instrument::IrPrintConfig;
pub use linkme;
pub use manager::{PassManager, RunReport};
pub use pass::{
    lookup, passes_markdown, registered, OptionKind, Pass, PassFailed, PassInfo, PassOptionInfo,
    PassOptions, PASSES,
};
pub use pipeline::{parse_pipeline, Element, OpPassManager, PipelineError};
pub use unit::IrUnit;

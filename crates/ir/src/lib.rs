//! Strata's IR core.
//!
//! * [`Context`]: interned [`Type`]s, [`Attribute`]s and strings, resource blobs, the dialect
//!   registry ([`DialectDef`], [`OpDef`]) and attached interfaces. Shared by all threads.
//! * [`Body`]: the arenas of ops, blocks, regions and values of one isolated-from-above scope,
//!   with use-lists. Isolated ops (modules, functions) own a nested `Body`.
//! * [`text`]: the MLIR text format (generic and custom forms), parser and printer.
//! * [`verify`](mod@verify): structural and per-op verification producing located [`Diagnostic`]s.
//!
//! This crate knows no dialect except the builtin types and attributes, and depends on no other
//! Strata crate.

pub mod affine;
pub mod attrs;
pub mod body;
pub mod context;
pub mod diag;
pub mod entity;
mod intern;
pub mod minifloat;
mod module;
pub mod numeric;
pub mod registry;
pub mod rewrite;
mod symbol;
pub mod text;
pub mod types;

pub use attrs::{AttrKind, Attribute, Blob, LocKind, Location, NamedAttr};
pub use body::{Body, InsertPoint, IrMapping, OpData, OperationState, Use, ValueDef};
pub use context::{Context, OpName, OpNameInfo};
pub use diag::{Diagnostic, Severity, SourceMap};
pub use entity::{Block, Op, Region, Value};
pub use module::Module;
pub use registry::{
    Arity, AttrConstraint, CustomFormat, DialectDef, FoldFn, FoldResult, InferFn,
    MaterializeConstantFn, OpDef, OpRef, Traits, TypeConstraint, VerifyFn,
};
pub use symbol::Symbol;
pub use types::{FloatKind, NonFinite, Signedness, Type, TypeKind};
pub mod builder;
pub mod declare;
pub mod dominance;
pub mod symbol_table;
pub mod verify;
pub mod walk;
pub use builder::OpBuilder;
pub mod constraints;

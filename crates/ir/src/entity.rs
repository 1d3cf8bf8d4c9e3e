//! Typed `u32` entity ids for the IR arenas, in the style of Cranelift's `entity` crate.
//!
//! Every IR entity (operation, block, region, value) is a `u32` index into an arena owned by a
//! [`Body`](crate::Body). Handles are `Copy`, compare by index and are meaningless outside the
//! body that created them. Interned context handles ([`Type`](crate::Type),
//! [`Attribute`](crate::Attribute), [`Symbol`](crate::Symbol), [`OpName`](crate::OpName)) are
//! also `u32` indices, but into the shared [`Context`](crate::Context).

use cranelift_entity::entity_impl;

/// An operation in a [`Body`](crate::Body).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Op(u32);
entity_impl!(Op, "op");

/// A basic block in a [`Body`](crate::Body).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Block(u32);
entity_impl!(Block, "bb");

/// A region (a list of blocks) in a [`Body`](crate::Body).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region(u32);
entity_impl!(Region, "region");

/// An SSA value (an operation result or a block argument) in a [`Body`](crate::Body).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Value(u32);
entity_impl!(Value, "v");

pub use cranelift_entity::{EntityRef, PrimaryMap, SecondaryMap};

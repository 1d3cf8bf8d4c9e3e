//! Dialect and operation definitions: the single declaration site of every op.
//!
//! An [`OpDef`] gives an op's name, documentation (summary, description with an example),
//! [`Traits`], structural constraints (operand/result/region/successor counts and type
//! constraints checked by the verifier), an optional custom verifier, folder, and custom
//! assembly format. Dialects collect their ops in a [`DialectDef`] and are registered into a
//! [`Context`](crate::Context) before IR is built or parsed.
//!
//! Interfaces are plain Rust traits. Any crate can attach an implementation of an interface to
//! any op by name with [`Context::attach_interface`](crate::Context::attach_interface), so an
//! interface defined downstream can be implemented for an upstream dialect's op.

use crate::{Attribute, Body, Context, Diagnostic, Op, Type};

/// Structural properties of an op, checked by the verifier and used by transforms.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Debug)]
pub struct Traits(pub u32);

impl Traits {
    /// No side effects; removable when unused, CSE-able, speculatable.
    pub const PURE: Traits = Traits(1 << 0);
    /// Binary op whose two operands may be swapped.
    pub const COMMUTATIVE: Traits = Traits(1 << 1);
    /// Must be the last op of its block.
    pub const TERMINATOR: Traits = Traits(1 << 2);
    /// Regions cannot use values defined outside the op; gets its own [`Body`] arena.
    pub const ISOLATED_FROM_ABOVE: Traits = Traits(1 << 3);
    /// Defines a symbol via its `sym_name` attribute.
    pub const SYMBOL: Traits = Traits(1 << 4);
    /// Its region holds a symbol table.
    pub const SYMBOL_TABLE: Traits = Traits(1 << 5);
    /// All operands and results have the same type.
    pub const SAME_OPERANDS_AND_RESULT_TYPE: Traits = Traits(1 << 6);
    /// All operands have the same type.
    pub const SAME_OPERANDS_TYPE: Traits = Traits(1 << 7);
    /// Region blocks need no terminator (graph-like bodies such as `builtin.module`).
    pub const NO_TERMINATOR: Traits = Traits(1 << 8);
    /// Regions are graph regions: no dominance requirement between ops.
    pub const GRAPH_REGION: Traits = Traits(1 << 9);
    /// Regions hold exactly one block.
    pub const SINGLE_BLOCK: Traits = Traits(1 << 10);
    /// Returns control to the parent op (`func.return`, `scf.yield`).
    pub const RETURN_LIKE: Traits = Traits(1 << 11);
    /// Produces a constant via its `value` attribute (foldable to that attribute).
    pub const CONSTANT_LIKE: Traits = Traits(1 << 12);
    /// Elementwise: applies the same scalar op to every element of shaped operands.
    pub const ELEMENTWISE: Traits = Traits(1 << 13);
    /// A loop whose region body may have invariant code hoisted out of it.
    pub const LOOP_LIKE: Traits = Traits(1 << 14);
    /// Has memory effects that are not modelled (blocks reordering and removal).
    pub const HAS_SIDE_EFFECTS: Traits = Traits(1 << 15);
    /// `a op a == a`.
    pub const IDEMPOTENT: Traits = Traits(1 << 16);
    /// `op(op(a)) == a`.
    pub const INVOLUTION: Traits = Traits(1 << 17);

    /// The union of two trait sets.
    pub const fn with(self, other: Traits) -> Traits {
        Traits(self.0 | other.0)
    }
    /// Whether all traits of `other` are in `self`.
    pub const fn contains(self, other: Traits) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for Traits {
    type Output = Traits;
    fn bitor(self, rhs: Traits) -> Traits {
        self.with(rhs)
    }
}

/// How many of something an op takes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Arity {
    /// Exactly this many.
    Exactly(u32),
    /// At least this many.
    AtLeast(u32),
    /// Between `min` and `max` inclusive.
    Range(u32, u32),
}

impl Arity {
    /// Whether `n` is allowed.
    pub fn allows(self, n: usize) -> bool {
        match self {
            Arity::Exactly(k) => n == k as usize,
            Arity::AtLeast(k) => n >= k as usize,
            Arity::Range(lo, hi) => n >= lo as usize && n <= hi as usize,
        }
    }
    /// Human-readable phrase for diagnostics ("2", "at least 1", "between 1 and 3").
    pub fn describe(self) -> String {
        match self {
            Arity::Exactly(k) => format!("{k}"),
            Arity::AtLeast(k) => format!("at least {k}"),
            Arity::Range(lo, hi) => format!("between {lo} and {hi}"),
        }
    }
}

/// A type constraint on an operand or result, checked by the generic verifier.
#[derive(Clone, Copy, Debug)]
pub struct TypeConstraint {
    /// Description used in diagnostics, e.g. "signless integer or index".
    pub description: &'static str,
    /// The predicate.
    pub check: fn(&Context, Type) -> bool,
}

/// A named attribute constraint (inherent attribute / property).
#[derive(Clone, Copy, Debug)]
pub struct AttrConstraint {
    /// Attribute name.
    pub name: &'static str,
    /// Whether the attribute must be present.
    pub required: bool,
    /// Description used in diagnostics, e.g. "64-bit signless integer attribute".
    pub description: &'static str,
    /// The predicate.
    pub check: fn(&Context, Attribute) -> bool,
}

/// A read-only view of one op, handed to verifiers, folders and printers.
#[derive(Clone, Copy)]
pub struct OpRef<'a> {
    /// The context.
    pub ctx: &'a Context,
    /// The body holding the op.
    pub body: &'a Body,
    /// The op.
    pub op: Op,
    /// The isolated-from-above op whose nested body holds `op` (e.g. the `func.func` around a
    /// `func.call`), with its own parent chain; `None` at the top level. Lets verifiers reach
    /// enclosing symbol tables.
    pub parent: Option<&'a OpRef<'a>>,
    /// The body holding `op`'s regions when it is not reachable through `body` (the pass
    /// manager takes an isolated op's nested body out of its holder while passes run on it).
    /// `None`: use `body.region_body(op)`.
    pub region_override: Option<&'a Body>,
}

impl<'a> OpRef<'a> {
    #[inline]
    /// A view of a top-level op (no parent chain).
    pub fn new(ctx: &'a Context, body: &'a Body, op: Op) -> Self {
        OpRef {
            ctx,
            body,
            op,
            parent: None,
            region_override: None,
        }
    }
    #[inline]
    /// The body holding this op's regions (its nested body for isolated ops).
    pub fn region_body(&self) -> &'a Body {
        self.region_override
            .unwrap_or_else(|| self.body.region_body(self.op))
    }
    #[inline]
    /// The op's definition, if registered.
    pub fn def(&self) -> Option<&'static OpDef> {
        self.ctx.op_def(self.body.name(self.op))
    }
    #[inline]
    /// The op name text.
    pub fn name(&self) -> &'a str {
        self.ctx.op_name_str(self.body.name(self.op))
    }
    #[inline]
    /// The op's location.
    pub fn loc(&self) -> crate::Location {
        self.body.op(self.op).loc
    }
    #[inline]
    /// An inherent attribute (property) by name, falling back to the discardable attributes
    /// (the generic form allows inherent attributes in either dictionary).
    pub fn attr(&self, name: &str) -> Option<Attribute> {
        let d = self.body.op(self.op);
        self.ctx
            .dict_get(d.props, name)
            .or_else(|| self.ctx.dict_get(d.attrs, name))
    }
    #[inline]
    /// Operand `i`.
    pub fn operand(&self, i: usize) -> crate::Value {
        self.body.operand(self.op, i)
    }
    #[inline]
    /// Result `i`.
    pub fn result(&self, i: usize) -> crate::Value {
        self.body.result(self.op, i)
    }
    #[inline]
    /// Type of a value of this op's body.
    pub fn ty(&self, v: crate::Value) -> Type {
        self.body.value_type(v)
    }
    /// An error diagnostic at this op, prefixed with the op name as MLIR does
    /// (`'arith.addi' op requires the same type for all operands and results`).
    pub fn error(&self, msg: impl std::fmt::Display) -> Diagnostic {
        Diagnostic::error(self.loc(), format!("'{}' op {msg}", self.name()))
    }
}

/// The result of folding an op: each result is either an existing value or a constant
/// attribute to be materialised.
#[derive(Clone, Debug, PartialEq)]
pub enum FoldResult {
    /// Replace the result by this existing value.
    Value(crate::Value),
    /// Replace the result by a constant with this attribute value.
    Attr(Attribute),
}

/// Signature of result type inference (MLIR's `InferTypeOpInterface`): given the operand
/// types and the op's inherent attributes (a dictionary), return the result types or a
/// message explaining why the operands are invalid.
pub type InferFn = fn(&Context, &[Type], Attribute) -> Result<Vec<Type>, String>;

/// Signature of a constant materialiser (MLIR's `Dialect::materializeConstant`): build a
/// constant of type `ty` holding `value` at the builder's insertion point and location, or
/// return `None` when this dialect cannot represent it. Set it on a dialect's constant op
/// ([`OpDef::materialize_constant`]); rewrite drivers use it to turn attribute fold results of
/// any op of that dialect into IR.
pub type MaterializeConstantFn =
    fn(&mut crate::OpBuilder<'_>, Attribute, Type) -> Option<crate::Value>;

/// Signature of a custom verifier.
pub type VerifyFn = fn(OpRef<'_>) -> Result<(), Diagnostic>;
/// Signature of a folder: given the op and the constant values of its operands (if known),
/// return one fold result per op result, or `None` when it does not fold.
pub type FoldFn = fn(OpRef<'_>, &[Option<Attribute>]) -> Option<Vec<FoldResult>>;

/// A custom assembly format, implemented by dialects (see [`crate::text`]).
pub trait CustomFormat: Sync {
    /// Parse the op after its name. The parser is positioned right after the op name and
    /// `state` already holds the name, location and result count; fill in the rest.
    fn parse(
        &self,
        p: &mut crate::text::OpAsmParser<'_, '_>,
        state: &mut crate::OperationState,
    ) -> Result<(), Diagnostic>;
    /// Print the op after its name (the printer has already printed results and the name).
    fn print(&self, p: &mut crate::text::OpAsmPrinter<'_, '_>, op: OpRef<'_>);
    /// Whether [`CustomFormat::print`] prints no types or attributes other than the op's
    /// operand and result types, the values of its attribute dictionaries and dictionaries
    /// made of those values (no types or attributes built from elsewhere, no regions). The
    /// printer's alias pre-pass then skips running the format over an op none of whose
    /// types and attributes can have an alias. The default, `false`, is always correct.
    fn prints_only_own_types_and_attrs(&self) -> bool {
        false
    }
}

/// The one declaration of an op.
pub struct OpDef {
    /// Full name `dialect.op`.
    pub name: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Markdown description including an `mlir` example block.
    pub description: &'static str,
    /// Traits.
    pub traits: Traits,
    /// Allowed operand count.
    pub operands: Arity,
    /// Allowed result count.
    pub results: Arity,
    /// Allowed region count.
    pub regions: Arity,
    /// Allowed successor count.
    pub successors: Arity,
    /// Type constraint applied to every operand (if any).
    pub operand_type: Option<TypeConstraint>,
    /// Type constraint applied to every result (if any).
    pub result_type: Option<TypeConstraint>,
    /// Inherent attributes (properties).
    pub attrs: &'static [AttrConstraint],
    /// Custom verifier run after the generic checks pass.
    pub verify: Option<VerifyFn>,
    /// Folder.
    pub fold: Option<FoldFn>,
    /// Result type (shape and dtype) inference.
    pub infer: Option<InferFn>,
    /// Custom assembly format.
    pub format: Option<&'static dyn CustomFormat>,
    /// Canonicalization patterns rooted at this op (MLIR's `getCanonicalizationPatterns`),
    /// applied with the folder by the `canonicalize` pass.
    pub canonicalize: &'static [&'static dyn crate::rewrite::RewritePattern],
    /// Set on the dialect's constant op: builds a constant from an attribute (see
    /// [`MaterializeConstantFn`]). The first op of a dialect (in [`DialectDef::ops`] order)
    /// that has one materialises the attribute fold results of all the dialect's ops.
    pub materialize_constant: Option<MaterializeConstantFn>,
}

impl OpDef {
    /// A definition with no constraints beyond the name (fill fields with struct update syntax).
    pub const fn new(name: &'static str) -> OpDef {
        OpDef {
            name,
            summary: "",
            description: "",
            traits: Traits(0),
            operands: Arity::AtLeast(0),
            results: Arity::AtLeast(0),
            regions: Arity::Exactly(0),
            successors: Arity::Exactly(0),
            operand_type: None,
            result_type: None,
            attrs: &[],
            verify: None,
            fold: None,
            infer: None,
            format: None,
            canonicalize: &[],
            materialize_constant: None,
        }
    }
    #[inline]
    /// Whether the op has all of the given traits.
    pub fn has(&self, t: Traits) -> bool {
        self.traits.contains(t)
    }
}

impl std::fmt::Debug for OpDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpDef")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// A dialect: a namespace and its ops.
pub struct DialectDef {
    /// Namespace (`arith`).
    pub name: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Markdown description.
    pub description: &'static str,
    /// The dialect's ops.
    pub ops: &'static [&'static OpDef],
}

impl std::fmt::Debug for DialectDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DialectDef")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

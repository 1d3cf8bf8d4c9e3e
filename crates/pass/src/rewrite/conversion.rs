//! The dialect conversion framework (MLIR's `DialectConversion`), rollback-free.
//!
//! * [`ConversionTarget`]: which ops are legal — by op or dialect, legal, illegal or
//!   dynamically legal (a predicate), recursively legal ops whose nested ops are not looked
//!   at, and a policy for ops it says nothing about ([`UnknownOpPolicy`]);
//! * [`TypeConverter`]: type conversion functions (the most recently added is tried first)
//!   and source/target materialisations (by default `builtin.unrealized_conversion_cast`);
//! * [`ConversionPattern`]: a pattern that receives the op's operands already remapped to
//!   converted values, and rewrites through a [`ConversionRewriter`];
//! * [`apply_partial_conversion`] / [`apply_full_conversion`].
//!
//! # The algorithm
//!
//! The ops of the given regions are collected in pre-order and legalised one by one (then,
//! body by body, the contents of nested isolated ops). An op that the target says is legal is
//! left alone. Otherwise the patterns rooted at it (and those for any op) are tried by
//! decreasing benefit: the op's operands are remapped (looking through the materialisations
//! the conversion inserted, and inserting target materialisations for values whose type the
//! converter changes) and the pattern is called. The first pattern that succeeds wins; the
//! ops it created are legalised in turn (a pattern is never applied to ops that it produced,
//! directly or not), and an op it updated in place is legalised again.
//!
//! When a pattern replaces a value by one of another type, the remaining users get a
//! *source materialisation* (converted type back to the original type); users converted
//! later see the converted value instead. At the end, back-to-back materialisations that
//! cancel out are folded and unused ones erased. In a full conversion, a materialisation
//! that is still used is an error unless the cast op is legal.
//!
//! An op that cannot be legalised is an error in a full conversion, and in a partial
//! conversion when the target marks it illegal: `failed to legalize operation 'x.y'`, at the
//! op, with a note per pattern tried (and the reason it gave through
//! [`PatternRewriter::notify_match_failure`]). The conversion stops at the first such op.
//!
//! # No rollback
//!
//! Unlike MLIR, nothing is undone: a pattern must only change the IR when it succeeds
//! (returning `false` after changing the IR is reported as an error), and the first pattern
//! that succeeds is committed even if the ops it creates cannot be legalised. When a
//! conversion fails, the IR is left partially converted — callers treat it as lost (passes
//! fail, and the pass manager keeps the IR of the last successful pass).

use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;
use std::ops::{Deref, DerefMut};
use strata_ir::rewrite::{Change, PatternRewriter};
use strata_ir::{
    Block, Body, Context, Diagnostic, InsertPoint, Location, Op, OpName, OpRef, OperationState,
    Region, Type, Value,
};

/// The name of the op used for default materialisations.
pub const CAST_OP: &str = "builtin.unrealized_conversion_cast";

/// A legality predicate for dynamically legal ops and dialects.
pub type LegalityFn<'a> = Box<dyn Fn(OpRef<'_>) -> bool + Send + Sync + 'a>;

enum Action<'a> {
    Legal,
    Illegal,
    Dynamic(LegalityFn<'a>),
}

/// What a [`ConversionTarget`] says of an op.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Legality {
    /// Leave it alone.
    Legal,
    /// It must be converted.
    Illegal,
    /// The target says nothing: convert if possible (a partial conversion keeps it
    /// otherwise; a full conversion fails).
    Unknown,
}

/// What to do with ops the target says nothing about (by op or by dialect).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnknownOpPolicy {
    /// Try to convert them ([`Legality::Unknown`]); the default.
    Convert,
    /// Treat them as legal.
    Legal,
    /// Treat them as illegal.
    Illegal,
}

/// Which ops are legal after a conversion (MLIR's `ConversionTarget`). An op-level entry
/// overrides a dialect-level one.
pub struct ConversionTarget<'a> {
    ops: FxHashMap<String, Action<'a>>,
    dialects: FxHashMap<String, Action<'a>>,
    recursively_legal: FxHashSet<String>,
    unknown: UnknownOpPolicy,
    unknown_dynamic: Option<LegalityFn<'a>>,
}

impl Default for ConversionTarget<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> ConversionTarget<'a> {
    /// A target that says nothing about any op.
    pub fn new() -> Self {
        ConversionTarget {
            ops: FxHashMap::default(),
            dialects: FxHashMap::default(),
            recursively_legal: FxHashSet::default(),
            unknown: UnknownOpPolicy::Convert,
            unknown_dynamic: None,
        }
    }
    /// Op `name` is legal.
    pub fn add_legal_op(&mut self, name: &str) -> &mut Self {
        self.ops.insert(name.to_string(), Action::Legal);
        self
    }
    /// Op `name` is illegal.
    pub fn add_illegal_op(&mut self, name: &str) -> &mut Self {
        self.ops.insert(name.to_string(), Action::Illegal);
        self
    }
    /// Op `name` is legal when `f` says so.
    pub fn add_dynamically_legal_op(
        &mut self,
        name: &str,
        f: impl Fn(OpRef<'_>) -> bool + Send + Sync + 'a,
    ) -> &mut Self {
        self.ops
            .insert(name.to_string(), Action::Dynamic(Box::new(f)));
        self
    }
    /// Every op of dialect `name` is legal.
    pub fn add_legal_dialect(&mut self, name: &str) -> &mut Self {
        self.dialects.insert(name.to_string(), Action::Legal);
        self
    }
    /// Every op of dialect `name` is illegal.
    pub fn add_illegal_dialect(&mut self, name: &str) -> &mut Self {
        self.dialects.insert(name.to_string(), Action::Illegal);
        self
    }
    /// Ops of dialect `name` are legal when `f` says so.
    pub fn add_dynamically_legal_dialect(
        &mut self,
        name: &str,
        f: impl Fn(OpRef<'_>) -> bool + Send + Sync + 'a,
    ) -> &mut Self {
        self.dialects
            .insert(name.to_string(), Action::Dynamic(Box::new(f)));
        self
    }
    /// When op `name` is legal, the ops nested in it are not looked at.
    pub fn mark_op_recursively_legal(&mut self, name: &str) -> &mut Self {
        self.recursively_legal.insert(name.to_string());
        self
    }
    /// What to do with ops the target says nothing about.
    pub fn set_unknown_op_policy(&mut self, policy: UnknownOpPolicy) -> &mut Self {
        self.unknown = policy;
        self.unknown_dynamic = None;
        self
    }
    /// Ops the target says nothing about are legal when `f` says so.
    pub fn mark_unknown_op_dynamically_legal(
        &mut self,
        f: impl Fn(OpRef<'_>) -> bool + Send + Sync + 'a,
    ) -> &mut Self {
        self.unknown_dynamic = Some(Box::new(f));
        self
    }

    /// The legality of `op` of `body`.
    pub fn legality(&self, ctx: &Context, body: &Body, op: Op) -> Legality {
        let name = body.name(op);
        let eval = |a: &Action<'a>| match a {
            Action::Legal => Legality::Legal,
            Action::Illegal => Legality::Illegal,
            Action::Dynamic(f) => {
                if f(OpRef::new(ctx, body, op)) {
                    Legality::Legal
                } else {
                    Legality::Illegal
                }
            }
        };
        if let Some(a) = self.ops.get(ctx.op_name_str(name)) {
            return eval(a);
        }
        let dialect = ctx.str(ctx.op_info(name).dialect);
        if let Some(a) = self.dialects.get(dialect) {
            return eval(a);
        }
        if let Some(f) = &self.unknown_dynamic {
            return if f(OpRef::new(ctx, body, op)) {
                Legality::Legal
            } else {
                Legality::Illegal
            };
        }
        match self.unknown {
            UnknownOpPolicy::Convert => Legality::Unknown,
            UnknownOpPolicy::Legal => Legality::Legal,
            UnknownOpPolicy::Illegal => Legality::Illegal,
        }
    }
    /// Whether `op` is legal and its nested ops are not to be looked at.
    pub fn is_recursively_legal(&self, ctx: &Context, body: &Body, op: Op) -> bool {
        self.recursively_legal
            .contains(ctx.op_name_str(body.name(op)))
            && self.legality(ctx, body, op) == Legality::Legal
    }
}

/// The answer of one type conversion function.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TypeConversion {
    /// The type converts to this one (itself when it is legal as is).
    Converted(Type),
    /// The type cannot be converted (later functions are not tried).
    Failed,
    /// This function does not handle the type; try the next one.
    NotHandled,
}

/// A type conversion function.
pub type ConversionFn<'a> = Box<dyn Fn(&Context, Type) -> TypeConversion + Send + Sync + 'a>;
/// A materialisation: build a value of the given type from `value` at the rewriter's
/// insertion point, or `None` to defer to the next one (the default is a cast).
pub type MaterializationFn<'a> = Box<
    dyn Fn(&mut PatternRewriter<'_>, Value, Type, Location) -> Option<Value> + Send + Sync + 'a,
>;

/// Converts types, and bridges converted and unconverted values (MLIR's `TypeConverter`).
pub struct TypeConverter<'a> {
    conversions: Vec<ConversionFn<'a>>,
    source: Vec<MaterializationFn<'a>>,
    target: Vec<MaterializationFn<'a>>,
}

impl Default for TypeConverter<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> TypeConverter<'a> {
    /// A converter with no conversion: no type converts until one is added.
    pub fn new() -> Self {
        TypeConverter {
            conversions: Vec::new(),
            source: Vec::new(),
            target: Vec::new(),
        }
    }
    /// Add a conversion function; the most recently added is tried first.
    pub fn add_conversion(
        &mut self,
        f: impl Fn(&Context, Type) -> TypeConversion + Send + Sync + 'a,
    ) -> &mut Self {
        self.conversions.push(Box::new(f));
        self
    }
    /// Add a source materialisation (converted type back to the original type); the most
    /// recently added is tried first, `builtin.unrealized_conversion_cast` last.
    pub fn add_source_materialization(
        &mut self,
        f: impl Fn(&mut PatternRewriter<'_>, Value, Type, Location) -> Option<Value> + Send + Sync + 'a,
    ) -> &mut Self {
        self.source.push(Box::new(f));
        self
    }
    /// Add a target materialisation (original type to the converted type).
    pub fn add_target_materialization(
        &mut self,
        f: impl Fn(&mut PatternRewriter<'_>, Value, Type, Location) -> Option<Value> + Send + Sync + 'a,
    ) -> &mut Self {
        self.target.push(Box::new(f));
        self
    }
    /// The converted type of `ty`, `None` when it cannot be converted.
    pub fn convert_type(&self, ctx: &Context, ty: Type) -> Option<Type> {
        for f in self.conversions.iter().rev() {
            match f(ctx, ty) {
                TypeConversion::Converted(t) => return Some(t),
                TypeConversion::Failed => return None,
                TypeConversion::NotHandled => {}
            }
        }
        None
    }
    /// Convert every type of `tys`, `None` when one cannot be converted.
    pub fn convert_types(&self, ctx: &Context, tys: &[Type]) -> Option<Vec<Type>> {
        tys.iter().map(|&t| self.convert_type(ctx, t)).collect()
    }
    /// Whether `ty` is legal: it converts to itself.
    pub fn is_legal_type(&self, ctx: &Context, ty: Type) -> bool {
        self.convert_type(ctx, ty) == Some(ty)
    }
    /// Whether all operand and result types of `op` are legal.
    pub fn is_legal_op(&self, op: OpRef<'_>) -> bool {
        let b = op.body;
        b.operands(op.op)
            .chain(b.results(op.op).iter().copied())
            .all(|v| self.is_legal_type(op.ctx, b.value_type(v)))
    }
    fn materialize(
        &self,
        source: bool,
        rw: &mut PatternRewriter<'_>,
        value: Value,
        ty: Type,
        loc: Location,
    ) -> Value {
        let hooks = if source { &self.source } else { &self.target };
        for f in hooks.iter().rev() {
            if let Some(v) = f(rw, value, ty, loc) {
                if rw.body().value_type(v) == ty {
                    return v;
                }
            }
        }
        build_cast(rw, value, ty, loc)
    }
}

/// Build `builtin.unrealized_conversion_cast value : T to ty` at the insertion point.
fn build_cast(rw: &mut PatternRewriter<'_>, value: Value, ty: Type, loc: Location) -> Value {
    let mut st = OperationState::new(rw.ctx, rw.ctx.op_name(CAST_OP), loc);
    st.operands = vec![value];
    st.result_types = vec![ty];
    let op = rw.create(st);
    rw.body().result(op, 0)
}

/// A pattern of a dialect conversion (MLIR's `ConversionPattern`).
pub trait ConversionPattern: Send + Sync {
    /// A name for diagnostics.
    fn name(&self) -> &str;
    /// The op name this pattern converts, or `None` for any op.
    fn root(&self) -> Option<&str> {
        None
    }
    /// Patterns with a higher benefit are tried first; ties keep the given order.
    fn benefit(&self) -> u16 {
        1
    }
    /// Convert `op`, whose operands remapped to converted values are `operands`. Return
    /// `true` exactly when the IR was changed; change nothing when returning `false`.
    fn match_and_rewrite(
        &self,
        op: Op,
        operands: &[Value],
        rw: &mut ConversionRewriter<'_>,
    ) -> bool;
}

/// The rewriter handed to [`ConversionPattern`]s: a [`PatternRewriter`] (through `Deref`)
/// whose replacements insert materialisations where types differ, plus block signature
/// conversion.
pub struct ConversionRewriter<'a> {
    rw: PatternRewriter<'a>,
    converter: Option<&'a TypeConverter<'a>>,
    casts: Vec<Op>,
    cast_set: FxHashSet<Op>,
    target_cache: FxHashMap<(Value, Type), Value>,
    nested_casts: FxHashMap<Op, Vec<Op>>,
}

impl<'a> Deref for ConversionRewriter<'a> {
    type Target = PatternRewriter<'a>;
    fn deref(&self) -> &PatternRewriter<'a> {
        &self.rw
    }
}

impl<'a> DerefMut for ConversionRewriter<'a> {
    fn deref_mut(&mut self) -> &mut PatternRewriter<'a> {
        &mut self.rw
    }
}

impl<'a> ConversionRewriter<'a> {
    fn new(ctx: &'a Context, body: &'a mut Body, converter: Option<&'a TypeConverter<'a>>) -> Self {
        let mut rw = PatternRewriter::new(ctx, body);
        rw.set_record_failures(true);
        ConversionRewriter {
            rw,
            converter,
            casts: Vec::new(),
            cast_set: FxHashSet::default(),
            target_cache: FxHashMap::default(),
            nested_casts: FxHashMap::default(),
        }
    }
    /// The type converter of this conversion, if any.
    pub fn type_converter(&self) -> Option<&'a TypeConverter<'a>> {
        self.converter
    }
    /// The converted type of `ty` (`ty` itself without a type converter).
    pub fn convert_type(&self, ty: Type) -> Option<Type> {
        match self.converter {
            Some(c) => c.convert_type(self.rw.ctx, ty),
            None => Some(ty),
        }
    }
    fn record_cast(&mut self, v: Value) {
        if let Some(op) = self.rw.body().defining_op(v) {
            if self.cast_set.insert(op) {
                self.casts.push(op);
            }
        }
    }
    /// A materialisation of `value` as type `ty` at the insertion point.
    fn materialize(&mut self, source: bool, value: Value, ty: Type, loc: Location) -> Value {
        let v = match self.converter {
            Some(c) => c.materialize(source, &mut self.rw, value, ty, loc),
            None => build_cast(&mut self.rw, value, ty, loc),
        };
        self.record_cast(v);
        v
    }
    /// Replace `op`'s results by `values` and erase it. Where a value's type differs from
    /// the result's, the remaining users get a source materialisation (they are converted
    /// later, or keep it in a partial conversion).
    pub fn replace_op(&mut self, op: Op, values: &[Value]) {
        let results: SmallVec<[Value; 2]> = self.rw.body().results(op).iter().copied().collect();
        assert_eq!(
            results.len(),
            values.len(),
            "replace_op: {} replacement values for {} results",
            values.len(),
            results.len()
        );
        let loc = self.rw.body().op(op).loc;
        let bridged: SmallVec<[Value; 2]> = results
            .iter()
            .zip(values)
            .map(|(&r, &v)| {
                let (rt, vt) = (self.rw.body().value_type(r), self.rw.body().value_type(v));
                if rt == vt || !self.rw.body().has_uses(r) {
                    v
                } else {
                    self.materialize(true, v, rt, loc)
                }
            })
            .collect();
        self.rw.replace_op(op, &bridged);
    }
    /// Create the op described by `state` at the insertion point and replace `op` by its
    /// results (see [`ConversionRewriter::replace_op`]). Returns the new op.
    pub fn replace_op_with_new(&mut self, op: Op, state: OperationState) -> Op {
        let new = self.rw.create(state);
        let vals: SmallVec<[Value; 2]> = self.rw.body().results(new).iter().copied().collect();
        self.replace_op(op, &vals);
        new
    }
    /// Convert the argument types of every block of region `index` of `op` with the type
    /// converter (MLIR's `convertRegionTypes`). Uses of a converted argument get a source
    /// materialisation at the start of its block. Works on nested bodies of isolated ops
    /// too. Returns `false` (changing nothing) when a type cannot be converted or there is
    /// no type converter.
    pub fn convert_region_types(&mut self, op: Op, index: usize) -> bool {
        let Some(conv) = self.converter else {
            return false;
        };
        let ctx = self.rw.ctx;
        let Some(&region) = self.rw.body().regions(op).get(index) else {
            return false;
        };
        let rb = self.rw.body().region_body(op);
        let mut plan: Vec<(Block, Vec<Type>)> = Vec::new();
        for &b in rb.region_blocks(region) {
            let old: Vec<Type> = rb.block_args(b).iter().map(|&a| rb.value_type(a)).collect();
            let Some(new) = conv.convert_types(ctx, &old) else {
                return false;
            };
            if new != old {
                plan.push((b, new));
            }
        }
        for (b, tys) in plan {
            self.set_block_arg_types(op, b, &tys);
        }
        true
    }
    /// Give the arguments of `block` (in a region of `op`, possibly in its nested body) the
    /// types `types`, one per argument; uses of a changed argument get a source
    /// materialisation (new type back to the old one) at the start of the block.
    ///
    /// # Panics
    /// If `types` does not have one type per argument.
    pub fn set_block_arg_types(&mut self, op: Op, block: Block, types: &[Type]) {
        let nested = self.rw.body().nested(op).is_some();
        if !nested {
            self.convert_block_args(block, types);
            self.rw.notify_modified(op);
            return;
        }
        let ctx = self.rw.ctx;
        let converter = self.converter;
        let loc = self.rw.body().op(op).loc;
        let Some(nb) = self.rw.body_mut_untracked().nested_mut(op) else {
            return;
        };
        // The nested body gets its own rewriter; its casts are handed to the nested run.
        let mut sub = ConversionRewriter::new(ctx, nb, converter);
        sub.rw.loc = loc;
        sub.convert_block_args(block, types);
        let casts = std::mem::take(&mut sub.casts);
        drop(sub);
        self.nested_casts.entry(op).or_default().extend(casts);
        self.rw.notify_modified(op);
    }
    fn convert_block_args(&mut self, block: Block, types: &[Type]) {
        let args: Vec<Value> = self.rw.body().block_args(block).to_vec();
        assert_eq!(
            args.len(),
            types.len(),
            "set_block_arg_types: {} types for {} arguments",
            types.len(),
            args.len()
        );
        let saved = self.rw.insertion_point();
        let loc = self.rw.loc;
        let mut ip = InsertPoint::Start(block);
        for (&a, &t) in args.iter().zip(types) {
            let old = self.rw.body().value_type(a);
            if old == t {
                continue;
            }
            self.rw.set_value_type(a, t);
            if !self.rw.body().has_uses(a) {
                continue;
            }
            self.rw.set_insertion_point(ip);
            let cast = self.materialize(true, a, old, loc);
            if let Some(c) = self.rw.body().defining_op(cast) {
                ip = InsertPoint::After(c);
                self.rw.replace_uses_with_if(a, cast, |u| u.op != c);
            }
        }
        match saved {
            Some(ip) => self.rw.set_insertion_point(ip),
            None => self.rw.clear_insertion_point(),
        }
    }

    /// The value to hand a pattern for operand `v`: the converted value behind a source
    /// materialisation of this conversion, or a target materialisation of `v` when the type
    /// converter changes its type. `None` when its type cannot be converted.
    fn remap(&mut self, v: Value, loc: Location) -> Option<Value> {
        let body = self.rw.body();
        let ty = body.value_type(v);
        let want = match self.converter {
            Some(c) => c.convert_type(self.rw.ctx, ty),
            None => Some(ty),
        };
        if let Some(d) = body.defining_op(v) {
            if self.cast_set.contains(&d) && body.num_operands(d) == 1 {
                let inner = body.operand(d, 0);
                let it = body.value_type(inner);
                if self.converter.is_none() || want == Some(it) {
                    return Some(inner);
                }
            }
        }
        let want = want?;
        if want == ty {
            return Some(v);
        }
        if let Some(&c) = self.target_cache.get(&(v, want)) {
            if self
                .rw
                .body()
                .defining_op(c)
                .is_some_and(|d| !self.rw.body().is_erased(d))
            {
                return Some(c);
            }
        }
        let c = self.materialize(false, v, want, loc);
        self.target_cache.insert((v, want), c);
        Some(c)
    }
}

/// What a conversion did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConversionOutcome {
    /// Successful pattern applications.
    pub num_rewrites: u64,
    /// Materialisations left in the IR (partial conversions only).
    pub num_live_materializations: u64,
}

/// Whether a conversion must legalise every op.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Partial,
    Full,
}

/// Convert the ops of `regions` of `body` (and of the nested bodies of isolated ops in them)
/// so that as many as possible become legal; ops that are not explicitly illegal may stay
/// when no pattern converts them. Fails at the first explicitly illegal op that cannot be
/// converted.
pub fn apply_partial_conversion(
    ctx: &Context,
    body: &mut Body,
    regions: &[Region],
    target: &ConversionTarget<'_>,
    patterns: &[&dyn ConversionPattern],
    converter: Option<&TypeConverter<'_>>,
) -> Result<ConversionOutcome, Diagnostic> {
    run(
        ctx,
        body,
        regions,
        target,
        patterns,
        converter,
        Mode::Partial,
    )
}

/// Convert every op of `regions` of `body` (and nested bodies) to a legal one; fails at the
/// first op that cannot be legalised, and on materialisations left live (unless the cast
/// op is legal).
pub fn apply_full_conversion(
    ctx: &Context,
    body: &mut Body,
    regions: &[Region],
    target: &ConversionTarget<'_>,
    patterns: &[&dyn ConversionPattern],
    converter: Option<&TypeConverter<'_>>,
) -> Result<ConversionOutcome, Diagnostic> {
    run(ctx, body, regions, target, patterns, converter, Mode::Full)
}

fn run(
    ctx: &Context,
    body: &mut Body,
    regions: &[Region],
    target: &ConversionTarget<'_>,
    patterns: &[&dyn ConversionPattern],
    converter: Option<&TypeConverter<'_>>,
    mode: Mode,
) -> Result<ConversionOutcome, Diagnostic> {
    let index = PatternIndex::new(ctx, patterns);
    let mut out = ConversionOutcome::default();
    let conv = Converter {
        ctx,
        target,
        patterns,
        index: &index,
        mode,
    };
    conv.convert_body(body, regions, Vec::new(), converter, &mut out, 0)?;
    Ok(out)
}

/// Patterns by root op name, best first.
struct PatternIndex {
    by_root: FxHashMap<OpName, Vec<usize>>,
    any: Vec<usize>,
}

impl PatternIndex {
    fn new(ctx: &Context, patterns: &[&dyn ConversionPattern]) -> Self {
        let key = |i: &usize| (std::cmp::Reverse(patterns[*i].benefit()), *i);
        let mut any: Vec<usize> = (0..patterns.len())
            .filter(|&i| patterns[i].root().is_none())
            .collect();
        any.sort_by_key(key);
        let mut by_root: FxHashMap<OpName, Vec<usize>> = FxHashMap::default();
        for (i, p) in patterns.iter().enumerate() {
            if let Some(r) = p.root() {
                by_root
                    .entry(ctx.op_name(r))
                    .or_insert_with(|| any.clone())
                    .push(i);
            }
        }
        for l in by_root.values_mut() {
            l.sort_by_key(key);
        }
        PatternIndex { by_root, any }
    }
    fn for_op(&self, name: OpName) -> &[usize] {
        self.by_root.get(&name).map_or(&self.any, Vec::as_slice)
    }
}

/// Maximum depth of "ops created by a pattern applied to ops created by a pattern ...".
const MAX_DEPTH: usize = 64;

struct Converter<'c, 'p> {
    ctx: &'c Context,
    target: &'c ConversionTarget<'c>,
    patterns: &'c [&'p dyn ConversionPattern],
    index: &'c PatternIndex,
    mode: Mode,
}

impl Converter<'_, '_> {
    /// Legalise the ops of `regions` of `body`, then the nested bodies of isolated ops.
    fn convert_body(
        &self,
        body: &mut Body,
        regions: &[Region],
        seeds: Vec<Op>,
        converter: Option<&TypeConverter<'_>>,
        out: &mut ConversionOutcome,
        depth: usize,
    ) -> Result<(), Diagnostic> {
        let ops = self.collect(body, regions);
        let mut nested_seeds: FxHashMap<Op, Vec<Op>>;
        {
            let mut crw = ConversionRewriter::new(self.ctx, body, converter);
            for s in seeds {
                if crw.cast_set.insert(s) {
                    crw.casts.push(s);
                }
            }
            for &op in &ops {
                let b = crw.body();
                if b.is_erased(op) || b.parent_block(op).is_none() || crw.cast_set.contains(&op) {
                    continue;
                }
                self.legalize(&mut crw, op, &mut SmallVec::new(), out)?;
            }
            self.finish(&mut crw, out)?;
            nested_seeds = std::mem::take(&mut crw.nested_casts);
        }
        // Nested bodies of the isolated ops now in the regions.
        if depth >= 4096 {
            return Ok(());
        }
        let isolated: Vec<Op> = self
            .collect(body, regions)
            .into_iter()
            .filter(|&o| body.nested(o).is_some())
            .collect();
        for op in isolated {
            if self.target.is_recursively_legal(self.ctx, body, op) {
                continue;
            }
            let regs = body.regions(op).to_vec();
            let seeds = nested_seeds.remove(&op).unwrap_or_default();
            if let Some(nb) = body.nested_mut(op) {
                self.convert_body(nb, &regs, seeds, converter, out, depth + 1)?;
            }
        }
        Ok(())
    }

    /// The ops of `regions` in pre-order, not looking inside recursively legal ops.
    fn collect(&self, body: &Body, regions: &[Region]) -> Vec<Op> {
        let mut out = Vec::new();
        let mut stack: Vec<Op> = Vec::new();
        let push = |stack: &mut Vec<Op>, r: Region| {
            for &b in body.region_blocks(r).iter().rev() {
                let start = stack.len();
                stack.extend(body.block_ops(b));
                stack[start..].reverse();
            }
        };
        for &r in regions.iter().rev() {
            push(&mut stack, r);
        }
        while let Some(o) = stack.pop() {
            out.push(o);
            if body.nested(o).is_some() || self.target.is_recursively_legal(self.ctx, body, o) {
                continue;
            }
            for &r in body.regions(o).iter().rev() {
                push(&mut stack, r);
            }
        }
        out
    }

    fn legalize(
        &self,
        crw: &mut ConversionRewriter<'_>,
        op: Op,
        lineage: &mut SmallVec<[usize; 4]>,
        out: &mut ConversionOutcome,
    ) -> Result<(), Diagnostic> {
        let legality = self.target.legality(self.ctx, crw.body(), op);
        if legality == Legality::Legal {
            return Ok(());
        }
        let name = crw.body().name(op);
        let loc = crw.body().op(op).loc;
        let mut tried: Vec<(usize, Option<String>)> = Vec::new();
        if lineage.len() > MAX_DEPTH {
            return Err(Diagnostic::error(
                loc,
                format!(
                    "failed to legalize operation '{}': patterns nest more than {MAX_DEPTH} deep",
                    self.ctx.op_name_str(name)
                ),
            ));
        }
        for &pi in self.index.for_op(name) {
            if lineage.contains(&pi) {
                continue;
            }
            let pat = self.patterns[pi];
            crw.set_insertion_point(InsertPoint::Before(op));
            crw.loc = loc;
            let operands: Option<SmallVec<[Value; 4]>> = crw
                .body()
                .operand_vec(op)
                .into_iter()
                .map(|v| crw.remap(v, loc))
                .collect();
            // Materialisations made while remapping are not the pattern's doing.
            let pre = crw.take_changes();
            let Some(operands) = operands else {
                tried.push((pi, Some("an operand type could not be converted".into())));
                continue;
            };
            crw.set_insertion_point(InsertPoint::Before(op));
            crw.loc = loc;
            let ok = pat.match_and_rewrite(op, &operands, crw);
            let changes = crw.take_changes();
            let reason = crw.take_failures().into_iter().map(|(_, r)| r).next_back();
            if !ok {
                if !changes.is_empty() {
                    return Err(Diagnostic::error(
                        loc,
                        format!(
                            "conversion pattern '{}' returned failure after changing the IR \
                             (conversion patterns must only change the IR when they succeed)",
                            pat.name()
                        ),
                    ));
                }
                tried.push((pi, reason));
                continue;
            }
            drop(pre);
            out.num_rewrites += 1;
            lineage.push(pi);
            let mut root_modified = false;
            for c in &changes {
                match *c {
                    Change::Created(n) => {
                        let b = crw.body();
                        if n == op
                            || b.is_erased(n)
                            || b.parent_block(n).is_none()
                            || crw.cast_set.contains(&n)
                        {
                            continue;
                        }
                        self.legalize(crw, n, lineage, out)?;
                    }
                    Change::Modified(n) if n == op => root_modified = true,
                    _ => {}
                }
            }
            if root_modified && !crw.body().is_erased(op) {
                self.legalize(crw, op, lineage, out)?;
            }
            lineage.pop();
            return Ok(());
        }
        if legality == Legality::Illegal || self.mode == Mode::Full {
            let what = if legality == Legality::Illegal && self.mode == Mode::Partial {
                " that was explicitly marked illegal"
            } else {
                ""
            };
            let mut d = Diagnostic::error(
                loc,
                format!(
                    "failed to legalize operation '{}'{what}",
                    self.ctx.op_name_str(name)
                ),
            );
            if tried.is_empty() {
                d = d.with_note(loc, "no conversion pattern applies to this operation");
            }
            for (pi, reason) in tried {
                let p = self.patterns[pi].name();
                d = d.with_note(
                    loc,
                    match reason {
                        Some(r) => format!("tried pattern '{p}': {r}"),
                        None => format!("tried pattern '{p}': did not match"),
                    },
                );
            }
            return Err(d);
        }
        Ok(())
    }

    /// Fold cancelling materialisations, erase unused ones, and in a full conversion reject
    /// live ones.
    fn finish(
        &self,
        crw: &mut ConversionRewriter<'_>,
        out: &mut ConversionOutcome,
    ) -> Result<(), Diagnostic> {
        let mut stack: Vec<Op> = crw.casts.clone();
        while let Some(c) = stack.pop() {
            let b = crw.body();
            if b.is_erased(c) {
                continue;
            }
            let r = b.result(c, 0);
            if !b.has_uses(r) {
                let input = b.defining_op(b.operand(c, 0));
                crw.erase_op(c);
                if let Some(i) = input.filter(|i| crw.cast_set.contains(i)) {
                    stack.push(i);
                }
                continue;
            }
            // cast(cast(x : A -> B) : B -> A) == x
            let input = b.operand(c, 0);
            if let Some(inner) = b.defining_op(input).filter(|i| crw.cast_set.contains(i)) {
                if b.num_operands(inner) == 1 {
                    let x = b.operand(inner, 0);
                    if b.value_type(x) == b.value_type(r) {
                        crw.replace_op(c, &[x]);
                        stack.push(inner);
                    }
                }
            }
        }
        crw.take_changes();
        let live: Vec<Op> = crw
            .casts
            .iter()
            .copied()
            .filter(|&c| !crw.body().is_erased(c))
            .collect();
        out.num_live_materializations += live.len() as u64;
        if self.mode == Mode::Full {
            if let Some(&c) = live.first() {
                let b = crw.body();
                if self.target.legality(self.ctx, b, c) != Legality::Legal {
                    let from = strata_ir::text::print_type(self.ctx, b.value_type(b.operand(c, 0)));
                    let to = strata_ir::text::print_type(self.ctx, b.value_type(b.result(c, 0)));
                    return Err(Diagnostic::error(
                        b.op(c).loc,
                        format!(
                            "failed to legalize unresolved materialization from ({from}) to \
                             ({to}) that remained live after conversion"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

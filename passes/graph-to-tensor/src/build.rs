//! Building blocks of the conversion: a [`Cv`] inserts tensor-level ops before the graph op
//! being converted (`tensor.empty`, `tensor.fill`, `tensor.generic` with a scalar body built
//! through an [`Sb`]), and helpers for shapes, element types and broadcasting maps.

use strata_dialect_tensor::structured::iterator_types_to_attr;
use strata_dialect_tensor::util::{affine_maps_attr, i32_array_attr};
use strata_dialect_tensor::IteratorType;
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{
    Attribute, Block, Body, Context, FloatKind, InsertPoint, Location, Op, OperationState,
    Signedness, Type, TypeKind, Value,
};

/// Inserts ops before one op of a body.
pub struct Cv<'a> {
    /// The context.
    pub ctx: &'a Context,
    /// The body being rewritten.
    pub body: &'a mut Body,
    /// New ops go before this op.
    pub before: Op,
    /// Location of the new ops (the converted op's).
    pub loc: Location,
}

/// Builds the scalar body of a structured op, appending to one block.
pub struct Sb<'a> {
    /// The context.
    pub ctx: &'a Context,
    /// The body holding the block.
    pub body: &'a mut Body,
    /// The block built.
    pub block: Block,
    /// Location of the new ops.
    pub loc: Location,
}

fn state(
    ctx: &Context,
    loc: Location,
    name: &str,
    operands: &[Value],
    results: &[Type],
    props: &[(&str, Attribute)],
) -> OperationState {
    let mut st = OperationState::new(ctx, ctx.op_name(name), loc);
    st.operands = operands.to_vec();
    st.result_types = results.to_vec();
    if !props.is_empty() {
        st.props = Some(ctx.dict_attr(props));
    }
    st
}

impl Sb<'_> {
    /// Append a single-result op; returns its result.
    pub fn op(
        &mut self,
        name: &str,
        operands: &[Value],
        ty: Type,
        props: &[(&str, Attribute)],
    ) -> Value {
        let st = state(self.ctx, self.loc, name, operands, &[ty], props);
        let op = self.body.create_op(st);
        self.body.insert_op(op, InsertPoint::End(self.block));
        self.body.result(op, 0)
    }
    /// `arith.constant` of a float or integer scalar type.
    pub fn cst(&mut self, v: f64, ty: Type) -> Value {
        let attr = if is_float(self.ctx, ty) {
            self.ctx.float_attr(v, ty)
        } else {
            self.ctx.int_attr(v as i128, ty)
        };
        self.op("arith.constant", &[], ty, &[("value", attr)])
    }
    /// `arith.cmpf`/`arith.cmpi` with predicate `p`.
    pub fn cmp(&mut self, name: &str, p: i64, a: Value, b: Value) -> Value {
        let i1 = self.ctx.int_type(1);
        let pa = self.ctx.int_attr(p as i128, self.ctx.int_type(64));
        self.op(name, &[a, b], i1, &[("predicate", pa)])
    }
    /// A binary op whose result has the type of `a`.
    pub fn bin(&mut self, name: &str, a: Value, b: Value) -> Value {
        let ty = self.body.value_type(a);
        self.op(name, &[a, b], ty, &[])
    }
    /// A unary op whose result has the type of `a`.
    pub fn un(&mut self, name: &str, a: Value) -> Value {
        let ty = self.body.value_type(a);
        self.op(name, &[a], ty, &[])
    }
    /// An `f64` constant.
    pub fn c64(&mut self, v: f64) -> Value {
        let t = self.ctx.float_type(FloatKind::F64);
        self.cst(v, t)
    }
    /// An `i64` constant (exact for every `i64`, unlike [`Sb::cst`]).
    pub fn ci64(&mut self, v: i64) -> Value {
        let t = self.ctx.int_type(64);
        let a = self.ctx.int_attr(i128::from(v), t);
        self.op("arith.constant", &[], t, &[("value", a)])
    }
    /// `arith.select`: `a` where `c`, else `b` (the type of `a`).
    pub fn pick(&mut self, c: Value, a: Value, b: Value) -> Value {
        let ty = self.body.value_type(a);
        self.op("arith.select", &[c, a, b], ty, &[])
    }
    /// `arith.andi` of two `i1` values.
    pub fn and(&mut self, a: Value, b: Value) -> Value {
        let i1 = self.ctx.int_type(1);
        self.op("arith.andi", &[a, b], i1, &[])
    }
    /// `arith.ori` of two `i1` values.
    pub fn or(&mut self, a: Value, b: Value) -> Value {
        let i1 = self.ctx.int_type(1);
        self.op("arith.ori", &[a, b], i1, &[])
    }
}

impl Cv<'_> {
    /// Insert a new op before the converted one; returns it.
    pub fn build(
        &mut self,
        name: &str,
        operands: &[Value],
        results: &[Type],
        props: &[(&str, Attribute)],
    ) -> Op {
        let st = state(self.ctx, self.loc, name, operands, results, props);
        let op = self.body.create_op(st);
        self.body.insert_op(op, InsertPoint::Before(self.before));
        op
    }
    /// Like [`Cv::build`] for one result.
    pub fn v(
        &mut self,
        name: &str,
        operands: &[Value],
        ty: Type,
        props: &[(&str, Attribute)],
    ) -> Value {
        let op = self.build(name, operands, &[ty], props);
        self.body.result(op, 0)
    }
    /// `tensor.empty` of a static shape.
    pub fn empty(&mut self, shape: &[i64], elem: Type) -> Value {
        let ty = self.ctx.tensor_type(shape, elem);
        self.v("tensor.empty", &[], ty, &[])
    }
    /// A tensor of `shape` filled with `v` (`arith.constant` + `tensor.empty` + `tensor.fill`).
    pub fn filled(&mut self, v: f64, shape: &[i64], elem: Type) -> Value {
        let attr = if is_float(self.ctx, elem) {
            self.ctx.float_attr(v, elem)
        } else {
            self.ctx.int_attr(v as i128, elem)
        };
        let c = self.v("arith.constant", &[], elem, &[("value", attr)]);
        let e = self.empty(shape, elem);
        let ty = self.ctx.tensor_type(shape, elem);
        self.v("tensor.fill", &[c, e], ty, &[])
    }
    /// A tensor of `shape` filled with the integer `v` (exact, for the extremes of `i64`).
    pub fn filled_int(&mut self, v: i128, shape: &[i64], elem: Type) -> Value {
        let attr = self.ctx.int_attr(v, elem);
        let c = self.v("arith.constant", &[], elem, &[("value", attr)]);
        let e = self.empty(shape, elem);
        let ty = self.ctx.tensor_type(shape, elem);
        self.v("tensor.fill", &[c, e], ty, &[])
    }
    /// A `tensor.generic` over `inputs` into `init` (one output, whose type is the
    /// result's); `f` builds the body from the block arguments (inputs then the init
    /// element) and returns the yielded value.
    pub fn generic(
        &mut self,
        inputs: &[Value],
        init: Value,
        maps: Vec<AffineMap>,
        iters: &[IteratorType],
        f: impl FnOnce(&mut Sb<'_>, &[Value]) -> Value,
    ) -> Value {
        let ctx = self.ctx;
        let mut operands = inputs.to_vec();
        operands.push(init);
        let init_ty = self.body.value_type(init);
        let elems: Vec<Type> = operands
            .iter()
            .map(|&v| elem_of(ctx, self.body.value_type(v)))
            .collect();
        let mut st = state(
            ctx,
            self.loc,
            "tensor.generic",
            &operands,
            &[init_ty],
            &[
                ("indexing_maps", affine_maps_attr(ctx, &maps)),
                ("iterator_types", iterator_types_to_attr(ctx, iters)),
                (
                    "operandSegmentSizes",
                    i32_array_attr(ctx, &[inputs.len() as i32, 1]),
                ),
            ],
        );
        let region = st.add_region(self.body);
        let block = self.body.create_block();
        self.body.append_block(region, block);
        let args: Vec<Value> = elems
            .iter()
            .map(|&e| self.body.add_block_arg(block, e))
            .collect();
        let mut sb = Sb {
            ctx,
            body: self.body,
            block,
            loc: self.loc,
        };
        let y = f(&mut sb, &args);
        let yst = state(ctx, self.loc, "tensor.yield", &[y], &[], &[]);
        let yop = self.body.create_op(yst);
        self.body.insert_op(yop, InsertPoint::End(block));
        let op = self.body.create_op(st);
        self.body.insert_op(op, InsertPoint::Before(self.before));
        self.body.result(op, 0)
    }
    /// An all-parallel generic over `inputs` (broadcast into `out`) into a fresh
    /// `tensor.empty` of `out` and element `elem`; `f` sees the input elements only.
    pub fn elementwise(
        &mut self,
        inputs: &[Value],
        out: &[i64],
        elem: Type,
        f: impl FnOnce(&mut Sb<'_>, &[Value]) -> Value,
    ) -> Value {
        let mut maps: Vec<AffineMap> = inputs
            .iter()
            .map(|&v| {
                let s = shape_of(self.ctx, self.body.value_type(v)).unwrap_or_default();
                broadcast_map(&s, out)
            })
            .collect();
        maps.push(AffineMap::identity(out.len() as u32));
        let init = self.empty(out, elem);
        let iters = vec![IteratorType::Parallel; out.len()];
        let n = inputs.len();
        self.generic(inputs, init, maps, &iters, |sb, a| f(sb, &a[..n]))
    }
}

/// The map reading an operand of shape `s` broadcast (numpy-style, aligned right) to
/// `out`: size-1 dimensions that are broadcast read index 0.
pub fn broadcast_map(s: &[i64], out: &[i64]) -> AffineMap {
    let r = out.len();
    let off = r - s.len().min(r);
    let results = s
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let j = off + i;
            if d == 1 && out.get(j).copied() != Some(1) {
                AffineExpr::Const(0)
            } else {
                AffineExpr::Dim(j as u32)
            }
        })
        .collect();
    AffineMap {
        num_dims: r as u32,
        num_symbols: 0,
        results,
    }
}

/// A map on `n` dims with the given results.
pub fn map(n: usize, results: Vec<AffineExpr>) -> AffineMap {
    AffineMap {
        num_dims: n as u32,
        num_symbols: 0,
        results,
    }
}

/// The static shape of a ranked tensor type (`None` if unranked, not a tensor, or any
/// dimension is dynamic or zero).
pub fn shape_of(ctx: &Context, t: Type) -> Option<Vec<i64>> {
    match ctx.type_kind(t) {
        TypeKind::RankedTensor { shape, .. } if shape.iter().all(|&d| d > 0) => {
            Some(shape.to_vec())
        }
        _ => None,
    }
}

/// The element type of a tensor type, or the type itself.
pub fn elem_of(ctx: &Context, t: Type) -> Type {
    match ctx.type_kind(t) {
        TypeKind::RankedTensor { elem, .. } => *elem,
        TypeKind::UnrankedTensor(e) => *e,
        _ => t,
    }
}

/// Whether `t` is a float type.
pub fn is_float(ctx: &Context, t: Type) -> bool {
    matches!(ctx.type_kind(t), TypeKind::Float(_))
}

/// The float kind of `t`.
pub fn float_kind(ctx: &Context, t: Type) -> Option<FloatKind> {
    match ctx.type_kind(t) {
        TypeKind::Float(k) => Some(*k),
        _ => None,
    }
}

/// The width of a signless integer type (`None` for other types).
pub fn signless_width(ctx: &Context, t: Type) -> Option<u32> {
    match ctx.type_kind(t) {
        TypeKind::Integer {
            width,
            signedness: Signedness::Signless,
        } => Some(*width),
        _ => None,
    }
}

/// `arith.cmpi` predicate values, as the `predicate` property takes them (MLIR's
/// `arith::CmpIPredicate`), for [`Sb::cmp`].
pub mod cmpi {
    use strata_dialect_arith::CmpIPredicate as P;
    /// Equal.
    pub const EQ: i64 = P::Eq as i64;
    /// Not equal.
    pub const NE: i64 = P::Ne as i64;
    /// Signed less than.
    pub const SLT: i64 = P::Slt as i64;
    /// Signed greater than.
    pub const SGT: i64 = P::Sgt as i64;
    /// Signed greater than or equal.
    pub const SGE: i64 = P::Sge as i64;
    /// Unsigned less than.
    pub const ULT: i64 = P::Ult as i64;
    /// Unsigned less than or equal.
    pub const ULE: i64 = P::Ule as i64;
    /// Unsigned greater than.
    pub const UGT: i64 = P::Ugt as i64;
    /// Unsigned greater than or equal.
    pub const UGE: i64 = P::Uge as i64;
}

/// `arith.cmpf` predicate values (MLIR's `arith::CmpFPredicate`), for [`Sb::cmp`].
pub mod cmpf {
    use strata_dialect_arith::CmpFPredicate as P;
    /// Ordered and equal.
    pub const OEQ: i64 = P::Oeq as i64;
    /// Ordered and greater than.
    pub const OGT: i64 = P::Ogt as i64;
    /// Ordered and greater than or equal.
    pub const OGE: i64 = P::Oge as i64;
    /// Ordered and less than.
    pub const OLT: i64 = P::Olt as i64;
    /// Ordered and less than or equal.
    pub const OLE: i64 = P::Ole as i64;
    /// Ordered (neither is NaN).
    pub const ORD: i64 = P::Ord as i64;
    /// Unordered or greater than.
    pub const UGT: i64 = P::Ugt as i64;
    /// Unordered or not equal.
    pub const UNE: i64 = P::Une as i64;
    /// Unordered (either is NaN).
    pub const UNO: i64 = P::Uno as i64;
}

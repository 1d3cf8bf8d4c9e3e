//! A toy dialect for the rewrite driver tests and benchmark: integer constants, folding
//! `toy.add`/`toy.neg`, a forwarding `toy.id` with a canonicalization pattern, a side-effecting
//! `toy.sink`, branches, and patterns that misbehave on purpose.

#![allow(dead_code)]

use strata_ir::rewrite::{PatternRewriter, RewritePattern};
use strata_ir::{
    Arity, AttrKind, Attribute, Block, Body, Context, DialectDef, FoldResult, Op, OpBuilder, OpDef,
    OpRef, OperationState, Region, Traits, Type, Value,
};

/// The toy dialect.
pub static TOY: DialectDef = DialectDef {
    name: "toy",
    summary: "toy ops for rewrite tests",
    description: "",
    ops: &[
        &CONST,
        &ADD,
        &NEG,
        &ID,
        &SINK,
        &PING,
        &PONG,
        &LIAR,
        &BR,
        &RET,
        &NOMAT,
        &PURE_REGION,
    ],
};

static CONST: OpDef = OpDef {
    traits: Traits::PURE.with(Traits::CONSTANT_LIKE),
    operands: Arity::Exactly(0),
    results: Arity::Exactly(1),
    fold: Some(fold_const),
    materialize_constant: Some(materialize),
    ..OpDef::new("toy.const")
};
static ADD: OpDef = OpDef {
    traits: Traits::PURE.with(Traits::COMMUTATIVE),
    operands: Arity::Exactly(2),
    results: Arity::Exactly(1),
    fold: Some(fold_add),
    ..OpDef::new("toy.add")
};
static NEG: OpDef = OpDef {
    traits: Traits::PURE.with(Traits::INVOLUTION),
    operands: Arity::Exactly(1),
    results: Arity::Exactly(1),
    fold: Some(fold_neg),
    ..OpDef::new("toy.neg")
};
static ID: OpDef = OpDef {
    traits: Traits::PURE,
    operands: Arity::Exactly(1),
    results: Arity::Exactly(1),
    canonicalize: &[&IdForward],
    ..OpDef::new("toy.id")
};
static SINK: OpDef = OpDef {
    traits: Traits::HAS_SIDE_EFFECTS,
    ..OpDef::new("toy.sink")
};
static PING: OpDef = OpDef {
    traits: Traits::PURE,
    results: Arity::Exactly(1),
    ..OpDef::new("toy.ping")
};
static PONG: OpDef = OpDef {
    traits: Traits::PURE,
    results: Arity::Exactly(1),
    ..OpDef::new("toy.pong")
};
static LIAR: OpDef = OpDef {
    traits: Traits::HAS_SIDE_EFFECTS,
    ..OpDef::new("toy.liar")
};
static BR: OpDef = OpDef {
    traits: Traits::TERMINATOR,
    successors: Arity::AtLeast(0),
    ..OpDef::new("toy.br")
};
static RET: OpDef = OpDef {
    traits: Traits::TERMINATOR,
    ..OpDef::new("toy.ret")
};
/// A pure op with one region: dead only when what it holds is pure too.
static PURE_REGION: OpDef = OpDef {
    traits: Traits::PURE,
    regions: Arity::Exactly(1),
    ..OpDef::new("toy.pure_region")
};
/// Folds to a constant, but its dialect has a materialiser only for `toy.const`'s types: a
/// `toy.nomat` folds to a string attribute, which the materialiser refuses.
static NOMAT: OpDef = OpDef {
    traits: Traits::PURE,
    results: Arity::Exactly(1),
    fold: Some(|op, _| Some(vec![FoldResult::Attr(op.ctx.string_attr("x"))])),
    ..OpDef::new("toy.nomat")
};

fn int_of(ctx: &Context, a: Attribute) -> Option<i128> {
    match ctx.attr_kind(a) {
        AttrKind::Integer { value, .. } => Some(*value),
        _ => None,
    }
}

fn fold_const(op: OpRef<'_>, _: &[Option<Attribute>]) -> Option<Vec<FoldResult>> {
    Some(vec![FoldResult::Attr(op.attr("value")?)])
}

fn fold_add(op: OpRef<'_>, c: &[Option<Attribute>]) -> Option<Vec<FoldResult>> {
    let ty = op.ty(op.result(0));
    match (
        c[0].and_then(|a| int_of(op.ctx, a)),
        c[1].and_then(|a| int_of(op.ctx, a)),
    ) {
        (Some(a), Some(b)) => Some(vec![FoldResult::Attr(op.ctx.int_attr(a + b, ty))]),
        (_, Some(0)) => Some(vec![FoldResult::Value(op.operand(0))]),
        _ => None,
    }
}

fn fold_neg(op: OpRef<'_>, c: &[Option<Attribute>]) -> Option<Vec<FoldResult>> {
    let a = int_of(op.ctx, c[0]?)?;
    Some(vec![FoldResult::Attr(
        op.ctx.int_attr(-a, op.ty(op.result(0))),
    )])
}

fn materialize(b: &mut OpBuilder<'_>, value: Attribute, ty: Type) -> Option<Value> {
    match b.ctx.attr_kind(value) {
        AttrKind::Integer { ty: t, .. } if *t == ty => {
            Some(b.build_value("toy.const", &[], ty, &[("value", value)]))
        }
        _ => None,
    }
}

/// `toy.id(x) -> x`.
pub struct IdForward;
impl RewritePattern for IdForward {
    fn name(&self) -> &str {
        "toy-id-forward"
    }
    fn root(&self) -> Option<&str> {
        Some("toy.id")
    }
    fn match_and_rewrite(&self, op: Op, rw: &mut PatternRewriter<'_>) -> bool {
        let x = rw.body().operand(op, 0);
        rw.replace_op(op, &[x]);
        true
    }
}

/// `toy.ping -> toy.pong`.
pub struct PingToPong;
impl RewritePattern for PingToPong {
    fn name(&self) -> &str {
        "ping-to-pong"
    }
    fn root(&self) -> Option<&str> {
        Some("toy.ping")
    }
    fn match_and_rewrite(&self, op: Op, rw: &mut PatternRewriter<'_>) -> bool {
        let ty = rw.body().value_type(rw.body().result(op, 0));
        let v = rw.build_value("toy.pong", &[], ty, &[]);
        rw.replace_op(op, &[v]);
        true
    }
}

/// `toy.pong -> toy.ping`.
pub struct PongToPing;
impl RewritePattern for PongToPing {
    fn name(&self) -> &str {
        "pong-to-ping"
    }
    fn root(&self) -> Option<&str> {
        Some("toy.pong")
    }
    fn match_and_rewrite(&self, op: Op, rw: &mut PatternRewriter<'_>) -> bool {
        let ty = rw.body().value_type(rw.body().result(op, 0));
        let v = rw.build_value("toy.ping", &[], ty, &[]);
        rw.replace_op(op, &[v]);
        true
    }
}

/// Claims to rewrite `toy.liar` but changes nothing.
pub struct Liar;
impl RewritePattern for Liar {
    fn name(&self) -> &str {
        "liar"
    }
    fn root(&self) -> Option<&str> {
        Some("toy.liar")
    }
    fn match_and_rewrite(&self, _op: Op, _rw: &mut PatternRewriter<'_>) -> bool {
        true
    }
}

/// Changes `toy.liar` (sets an attribute) but reports failure.
pub struct SilentChanger;
impl RewritePattern for SilentChanger {
    fn name(&self) -> &str {
        "silent-changer"
    }
    fn root(&self) -> Option<&str> {
        Some("toy.liar")
    }
    fn match_and_rewrite(&self, op: Op, rw: &mut PatternRewriter<'_>) -> bool {
        if rw.op_ref(op).attr("touched").is_none() {
            let u = rw.ctx.unit_attr();
            rw.set_attr(op, "touched", Some(u));
        }
        false
    }
}

/// A context with the toy dialect.
pub fn toy_ctx() -> Context {
    let mut c = Context::new();
    c.register_dialect(&TOY);
    c
}

/// A body with one root region holding one empty block.
pub fn region_body() -> (Body, Region, Block) {
    let mut body = Body::new();
    let r = body.new_region();
    let b = body.create_block();
    body.append_block(r, b);
    (body, r, b)
}

/// Append `toy.const value : i64`.
pub fn konst(ctx: &Context, body: &mut Body, b: Block, value: i128) -> Value {
    let ty = ctx.i64();
    let a = ctx.int_attr(value, ty);
    OpBuilder::at_end(ctx, body, b).build_value("toy.const", &[], ty, &[("value", a)])
}

/// Append a single-result op `name(operands) : i64`.
pub fn op1(ctx: &Context, body: &mut Body, b: Block, name: &str, operands: &[Value]) -> Value {
    OpBuilder::at_end(ctx, body, b).build_value(name, operands, ctx.i64(), &[])
}

/// Append `toy.sink(operands)`.
pub fn sink(ctx: &Context, body: &mut Body, b: Block, operands: &[Value]) -> Op {
    let mut st = OperationState::new(ctx, ctx.op_name("toy.sink"), ctx.unknown_loc());
    st.operands = operands.to_vec();
    let op = body.create_op(st);
    body.append_op(b, op);
    op
}

/// The names of the ops of block `b`, in order.
pub fn names(ctx: &Context, body: &Body, b: Block) -> Vec<String> {
    body.block_ops(b)
        .map(|o| ctx.op_name_str(body.name(o)).to_string())
        .collect()
}

/// The integer value of the `toy.const` defining `v`.
pub fn const_of(ctx: &Context, body: &Body, v: Value) -> Option<i128> {
    let d = body.defining_op(v)?;
    int_of(ctx, OpRef::new(ctx, body, d).attr("value")?)
}

//! Helpers shared by the arith and math integration tests: build ops over block arguments
//! and run the verifier and folders on them.
#![allow(dead_code)]

use strata_ir::verify::verify_op;
use strata_ir::{
    Attribute, Block, Body, Context, FoldResult, Op, OpBuilder, OpRef, Type, TypeKind, Value,
};

/// A context with the arith (and math) dialects registered.
pub fn context() -> Context {
    let mut ctx = Context::new();
    ctx.register_dialect(&strata_dialect_arith::DIALECT);
    ctx
}

/// A body with one block whose arguments have the given types.
pub struct Scratch {
    pub body: Body,
    pub block: Block,
    pub args: Vec<Value>,
}

impl Scratch {
    pub fn new(arg_types: &[Type]) -> Scratch {
        let mut body = Body::new();
        let block = body.create_block();
        let args = arg_types
            .iter()
            .map(|&t| body.add_block_arg(block, t))
            .collect();
        Scratch { body, block, args }
    }

    /// Build `name(operands) -> results` with properties at the end of the block.
    pub fn op(
        &mut self,
        ctx: &Context,
        name: &str,
        operands: &[Value],
        results: &[Type],
        props: &[(&str, Attribute)],
    ) -> Op {
        let mut b = OpBuilder::at_end(ctx, &mut self.body, self.block);
        b.build(name, operands, results, props)
    }

    /// Build an `arith.constant`.
    pub fn constant(&mut self, ctx: &Context, value: Attribute, ty: Type) -> Value {
        let op = self.op(ctx, "arith.constant", &[], &[ty], &[("value", value)]);
        self.body.result(op, 0)
    }

    /// Verify one op: the messages of all errors.
    pub fn verify(&self, ctx: &Context, op: Op) -> Result<(), Vec<String>> {
        verify_op(ctx, &self.body, op, None)
            .map_err(|ds| ds.into_iter().map(|d| d.message).collect())
    }

    /// Run the op's folder with the given constant operands.
    pub fn fold(
        &self,
        ctx: &Context,
        op: Op,
        consts: &[Option<Attribute>],
    ) -> Option<Vec<FoldResult>> {
        let r = OpRef::new(ctx, &self.body, op);
        let f = r.def()?.fold?;
        f(r, consts)
    }

    /// Run the op's folder taking constant operands from defining `arith.constant`s.
    pub fn fold_auto(&self, ctx: &Context, op: Op) -> Option<Vec<FoldResult>> {
        let consts: Vec<Option<Attribute>> = self
            .body
            .operands(op)
            .map(|v| {
                let d = self.body.defining_op(v)?;
                (ctx.op_name_str(self.body.name(d)) == "arith.constant")
                    .then(|| OpRef::new(ctx, &self.body, d).attr("value"))
                    .flatten()
            })
            .collect();
        self.fold(ctx, op, &consts)
    }
}

/// Assert that verification fails with an error containing `needle`.
#[track_caller]
pub fn assert_err(r: Result<(), Vec<String>>, needle: &str) {
    match r {
        Ok(()) => panic!("expected an error containing {needle:?}, verification passed"),
        Err(msgs) => assert!(
            msgs.iter().any(|m| m.contains(needle)),
            "expected an error containing {needle:?}, got {msgs:?}"
        ),
    }
}

pub fn vector(ctx: &Context, shape: &[i64], elem: Type) -> Type {
    ctx.ty(TypeKind::Vector {
        shape: shape.into(),
        scalable: vec![false; shape.len()].into(),
        elem,
    })
}

pub fn scalable_vector(ctx: &Context, shape: &[i64], elem: Type) -> Type {
    ctx.ty(TypeKind::Vector {
        shape: shape.into(),
        scalable: vec![true; shape.len()].into(),
        elem,
    })
}

pub fn f16(ctx: &Context) -> Type {
    ctx.float_type(strata_ir::FloatKind::F16)
}

pub fn bf16(ctx: &Context) -> Type {
    ctx.float_type(strata_ir::FloatKind::BF16)
}

pub fn memref(ctx: &Context, shape: &[i64], elem: Type) -> Type {
    ctx.ty(TypeKind::MemRef {
        shape: shape.into(),
        elem,
        layout: None,
        space: None,
    })
}

/// The single constant attribute of a fold result.
#[track_caller]
pub fn folded_attr(r: Option<Vec<FoldResult>>) -> Attribute {
    match r.as_deref() {
        Some([FoldResult::Attr(a)]) => *a,
        other => panic!("expected one constant fold result, got {other:?}"),
    }
}

/// The single value of a fold result.
#[track_caller]
pub fn folded_value(r: Option<Vec<FoldResult>>) -> Value {
    match r.as_deref() {
        Some([FoldResult::Value(v)]) => *v,
        other => panic!("expected one value fold result, got {other:?}"),
    }
}

//! Emission of the vector loop for a [`Plan`]: the main loop runs `W` iterations at a time
//! with vector ops, the original loop runs what is left (peeling, not masking).
//!
//! For `lb..ub` with `W` lanes, the main loop covers `lb..m` with `m = lb + (ub - lb) / W *
//! W` in steps of `W`; the original loop, kept as it is, starts at `m` (it is erased when
//! `m == ub`). Peeling keeps every computed lane a real iteration, so no lane divides by a
//! padding value or reads outside a buffer, and the remainder is plain scalar code.
//! Reductions start the main loop from a vector of the operation's identity, combine the
//! lanes with `hw.reduction` (accumulator: the loop's initial value) and hand the result to
//! the remainder loop as its initial value.

use crate::plan::{Class, LoopKind, Plan};
use strata_dialect_arith::consts::dense_attr;
use strata_dialect_hw::ReductionKind;
use strata_dialect_tensor::util::i32_array_attr;
use strata_ir::{
    Body, Context, InsertPoint, IrMapping, Op, OpBuilder, OperationState, Type, TypeKind, Value,
};

/// The vector type of `w` lanes of `elem`.
pub(crate) fn vector_type(ctx: &Context, elem: Type, w: i64) -> Type {
    ctx.ty(TypeKind::Vector {
        shape: vec![w].into(),
        scalable: vec![false].into(),
        elem,
    })
}

/// The bit pattern of the identity of an integer reduction of `width` bits.
fn identity(kind: ReductionKind, width: u32) -> u128 {
    let all = if width >= 128 {
        u128::MAX
    } else {
        (1u128 << width) - 1
    };
    let sign = 1u128 << (width.clamp(1, 128) - 1);
    match kind {
        ReductionKind::Mul => 1,
        ReductionKind::And | ReductionKind::MinUI => all,
        ReductionKind::MinSI => all ^ sign,
        ReductionKind::MaxSI => sign,
        _ => 0,
    }
}

/// An `index` constant.
fn const_index(b: &mut OpBuilder<'_>, v: i64) -> Value {
    let idx = b.ctx.index_type();
    let a = b.ctx.int_attr(i128::from(v), idx);
    b.build_value("arith.constant", &[], idx, &[("value", a)])
}

/// Builds the body of the vector loop.
struct Emitter<'p> {
    plan: &'p Plan,
    block: strata_ir::Block,
    /// Scalar values of the vector loop (uniform values, lane-0 indices).
    scalars: IrMapping,
    /// Vector values of the vector loop, by the original value (broadcasts included).
    vectors: rustc_hash::FxHashMap<Value, Value>,
}

impl Emitter<'_> {
    fn class(&self, v: Value) -> Class {
        self.plan.classes.get(&v).copied().unwrap_or(Class::Uniform)
    }

    /// The vector standing for `v` in the vector loop, built on first use.
    fn vector_of(&mut self, ctx: &Context, body: &mut Body, v: Value) -> Value {
        if let Some(&x) = self.vectors.get(&v) {
            return x;
        }
        let w = self.plan.width;
        let ty = body.value_type(v);
        let vty = vector_type(ctx, ty, w);
        let scalar = self.scalars.value(v);
        let mut b = OpBuilder::at_end(ctx, body, self.block);
        let splat = b.build_value("hw.broadcast", &[scalar], vty, &[]);
        let x = if let Class::Index(_) = self.class(v) {
            // Lane l of `iv + offset` is `j + offset + l`.
            let lanes: Vec<u128> = (0..w as u128).collect();
            let steps = dense_attr(ctx, vty, &lanes)
                .expect("a static vector of index has a dense attribute");
            let c = b.build_value("arith.constant", &[], vty, &[("value", steps)]);
            b.build_value("arith.addi", &[splat, c], vty, &[])
        } else {
            splat
        };
        self.vectors.insert(v, x);
        x
    }

    /// Emit the vector form of body op `o`.
    fn emit(&mut self, ctx: &Context, body: &mut Body, o: Op) {
        let name = ctx.op_name_str(body.name(o));
        let results = body.results(o).to_vec();
        let operands = body.operand_vec(o);
        let uniform_op = results
            .first()
            .is_some_and(|&r| matches!(self.class(r), Class::Uniform | Class::Index(_)));
        if uniform_op {
            let c = body.clone_op(ctx, o, &mut self.scalars);
            body.insert_op(c, InsertPoint::End(self.block));
            return;
        }
        let w = self.plan.width;
        match name {
            "loop.load" => {
                let idx: Vec<Value> = operands.iter().map(|&v| self.scalars.value(v)).collect();
                let vty = vector_type(ctx, body.value_type(results[0]), w);
                let mut b = OpBuilder::at_end(ctx, body, self.block);
                let x = b.build_value("hw.load", &idx, vty, &[]);
                self.vectors.insert(results[0], x);
            }
            "loop.store" => {
                let v = self.vector_of(ctx, body, operands[0]);
                let mut ops = vec![v];
                ops.extend(operands[1..].iter().map(|&x| self.scalars.value(x)));
                OpBuilder::at_end(ctx, body, self.block).build("hw.store", &ops, &[], &[]);
            }
            _ => {
                // An element-wise arith/math op, or a reduction's combiner.
                let ops: Vec<Value> = operands
                    .iter()
                    .map(|&v| self.vector_of(ctx, body, v))
                    .collect();
                let types: Vec<Type> = results
                    .iter()
                    .map(|&r| vector_type(ctx, body.value_type(r), w))
                    .collect();
                let d = body.op(o);
                let mut st = OperationState::new(ctx, d.name(), d.loc);
                st.props = Some(d.props);
                st.attrs = Some(d.attrs);
                st.operands = ops;
                st.result_types = types;
                let n = OpBuilder::at_end(ctx, body, self.block).create(st);
                for (i, &r) in results.iter().enumerate() {
                    let x = body.result(n, i);
                    self.vectors.insert(r, x);
                }
            }
        }
    }
}

/// Replace `lp` by its vector loop followed by the scalar remainder, as `plan` says.
pub(crate) fn vectorize(ctx: &Context, body: &mut Body, lp: Op, plan: &Plan) {
    let loc = body.op(lp).loc;
    let idx = ctx.index_type();
    let w = plan.width;
    let main_end = plan.lb + (plan.ub - plan.lb) / w * w;
    let region = body.regions(lp)[0];
    let block = body.region_blocks(region)[0];
    let ops = body.block_op_vec(block);
    let (&term, rest) = ops
        .split_last()
        .expect("the plan checked that the body ends in loop.yield");
    let args = body.block_args(block).to_vec();
    let yielded = body.operand_vec(term);
    let inits: Vec<Value> = body.operands(lp).skip(3).collect();

    let mut b = OpBuilder::new(ctx, body);
    b.loc = loc;
    b.set_insertion_point(InsertPoint::Before(lp));
    let mid = const_index(&mut b, main_end);
    let step = const_index(&mut b, w);
    let lb = b.body.operand(lp, 0);
    let mut vinits = Vec::with_capacity(plan.reductions.len());
    for r in &plan.reductions {
        let vty = vector_type(ctx, r.elem, w);
        let bits = ctx.type_kind(r.elem).int_width().unwrap_or(64);
        let a = dense_attr(ctx, vty, &[identity(r.kind, bits)])
            .expect("a static integer vector has a dense attribute");
        vinits.push(b.build_value("arith.constant", &[], vty, &[("value", a)]));
    }
    let name = match plan.kind {
        LoopKind::For => "loop.for",
        LoopKind::Parallel => "loop.parallel",
    };
    let mut st = OperationState::new(ctx, ctx.op_name(name), loc);
    st.operands = vec![lb, mid, step];
    st.operands.extend(&vinits);
    st.result_types = vinits.iter().map(|&v| b.body.value_type(v)).collect();
    if plan.kind == LoopKind::Parallel {
        let seg = i32_array_attr(ctx, &[1, 1, 1, 0]);
        st.props = Some(ctx.dict_attr(&[("operandSegmentSizes", seg)]));
    }
    let vregion = st.add_region(b.body);
    let vblock = b.body.create_block();
    b.body.append_block(vregion, vblock);
    let j = b.body.add_block_arg(vblock, idx);
    let mut em = Emitter {
        plan,
        block: vblock,
        scalars: IrMapping::default(),
        vectors: Default::default(),
    };
    em.scalars.values.insert(args[0], j);
    for (k, &a) in args[1..].iter().enumerate() {
        let ty = b.body.value_type(vinits[k]);
        let va = b.body.add_block_arg(vblock, ty);
        em.vectors.insert(a, va);
    }
    let main = b.create(st);
    for &o in rest {
        em.emit(ctx, body, o);
    }
    let vy: Vec<Value> = yielded.iter().map(|&y| em.vectors[&y]).collect();
    OpBuilder::at_end(ctx, body, vblock).build("loop.yield", &vy, &[], &[]);

    let mut b = OpBuilder::new(ctx, body);
    b.loc = loc;
    b.set_insertion_point(InsertPoint::After(main));
    let mut combined = Vec::with_capacity(plan.reductions.len());
    for (k, r) in plan.reductions.iter().enumerate() {
        let v = b.body.result(main, k);
        let kind = ctx.string_attr(r.kind.name());
        combined.push(b.build_value("hw.reduction", &[v, inits[k]], r.elem, &[("kind", kind)]));
    }
    if main_end < plan.ub {
        body.set_operand(lp, 0, mid);
        for (k, &c) in combined.iter().enumerate() {
            body.set_operand(lp, 3 + k, c);
        }
    } else {
        let results = body.results(lp).to_vec();
        for (r, c) in results.into_iter().zip(combined) {
            body.replace_all_uses(r, c);
        }
        body.erase_op(lp);
    }
}

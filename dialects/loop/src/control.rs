//! Structured control flow: `loop.for`, `loop.parallel`, `loop.if` and their terminator
//! `loop.yield` (MLIR's `scf.for`, `scf.parallel` with `scf.reduce`, `scf.if`, `scf.yield`).
//!
//! Every region holds one block that ends in `loop.yield`; the parent op checks the block's
//! arguments and the yielded types. Regions are not isolated: bodies may use values defined
//! above the op.

use strata_dialect_tensor::util::{i32_array, int_value, result_types, ty_str, SEGMENTS_C};
use strata_ir::{op, Arity, Diagnostic, OpRef, Region, Traits, Type, TypeKind, Value};

/// `(t0, t1)` for a diagnostic.
fn types_str(op: &OpRef<'_>, ts: &[Type]) -> String {
    let parts: Vec<String> = ts.iter().map(|&t| ty_str(op.ctx, t)).collect();
    format!("({})", parts.join(", "))
}

fn is_index(op: &OpRef<'_>, v: Value) -> bool {
    matches!(op.ctx.type_kind(op.ty(v)), TypeKind::Index)
}

/// Check that `region` of `op` (called `what` in messages) is one block with arguments of
/// `arg_types` ending in `loop.yield` of `yield_types`.
fn verify_block(
    op: &OpRef<'_>,
    region: Region,
    what: &str,
    arg_types: &[Type],
    yield_types: &[Type],
) -> Result<(), Diagnostic> {
    let rb = op.region_body();
    let blocks = rb.region_blocks(region);
    let [block] = blocks else {
        return Err(op.error(format_args!(
            "{what} must have exactly one block, but has {}",
            blocks.len()
        )));
    };
    let args: Vec<Type> = rb
        .block_args(*block)
        .iter()
        .map(|&a| rb.value_type(a))
        .collect();
    if args != arg_types {
        return Err(op.error(format_args!(
            "{what} block arguments are {}, expected {}",
            types_str(op, &args),
            types_str(op, arg_types)
        )));
    }
    let last = rb.last_op(*block);
    if last.is_none_or(|l| op.ctx.op_name_str(rb.name(l)) != YieldOp::NAME) {
        return Err(op.error(format_args!("{what} must end with 'loop.yield'")));
    }
    let last = last.expect("checked to be a loop.yield just above");
    let yielded: Vec<Type> = rb.operands(last).map(|v| rb.value_type(v)).collect();
    if yielded != yield_types {
        return Err(op.error(format_args!(
            "{what} yields {}, expected {}",
            types_str(op, &yielded),
            types_str(op, yield_types)
        )));
    }
    Ok(())
}

/// Error when `v` is defined by an `arith.constant` that is not positive.
fn verify_step(op: &OpRef<'_>, v: Value, what: &str) -> Result<(), Diagnostic> {
    let Some(def) = op.body.defining_op(v) else {
        return Ok(());
    };
    if op.ctx.op_name_str(op.body.name(def)) != "arith.constant" {
        return Ok(());
    }
    let data = op.body.op(def);
    let value = op
        .ctx
        .dict_get(data.props, "value")
        .or_else(|| op.ctx.dict_get(data.attrs, "value"))
        .and_then(|a| int_value(op.ctx, a));
    match value {
        Some(s) if s <= 0 => {
            Err(op.error(format_args!("constant {what} must be positive, but is {s}")))
        }
        _ => Ok(()),
    }
}

op! {
    /// A counted loop (MLIR's `scf.for`) with loop-carried values.
    ///
    /// Operands are the lower bound, upper bound and step (`index`), then the initial values
    /// of the loop-carried variables; results have their types. The body has one block whose
    /// arguments are the induction variable (`index`) and the current loop-carried values,
    /// and ends with `loop.yield` of their next values. The body runs for `iv = lb, lb +
    /// step, ...` while `iv < ub` (signed comparison; no iteration when `lb >= ub`); the
    /// results are the values yielded by the last iteration, or the initial values when the
    /// loop runs zero times. The step must be positive: a constant step that is not is a
    /// verifier error, a dynamic one an error when the loop runs.
    ///
    /// ```mlir
    /// %sum = "loop.for"(%lb, %ub, %step, %init) ({
    /// ^bb0(%i: index, %acc: index):
    ///   %next = arith.addi %acc, %i : index
    ///   "loop.yield"(%next) : (index) -> ()
    /// }) : (index, index, index, index) -> index
    /// ```
    pub struct ForOp = "loop.for";
    summary: "counted loop with loop-carried values";
    operands: [lower_bound, upper_bound, step];
    def: {
        traits: Traits::LOOP_LIKE.with(Traits::SINGLE_BLOCK),
        operands: Arity::AtLeast(3),
        regions: Arity::Exactly(1),
        verify: Some(verify_for),
    }
}

fn verify_for(op: OpRef<'_>) -> Result<(), Diagnostic> {
    for (i, what) in ["lower bound", "upper bound", "step"].iter().enumerate() {
        if !is_index(&op, op.operand(i)) {
            return Err(op.error(format_args!(
                "{what} must be index, but is {}",
                ty_str(op.ctx, op.ty(op.operand(i)))
            )));
        }
    }
    verify_step(&op, op.operand(2), "step")?;
    let inits: Vec<Type> = op.body.operands(op.op).skip(3).map(|v| op.ty(v)).collect();
    let results = result_types(&op);
    if inits != results {
        return Err(op.error(format_args!(
            "loop-carried initial values {} must have the result types {}",
            types_str(&op, &inits),
            types_str(&op, &results)
        )));
    }
    let mut args = vec![op.ctx.index_type()];
    args.extend_from_slice(&results);
    verify_block(&op, op.body.regions(op.op)[0], "body", &args, &results)
}

op! {
    /// A multi-dimensional loop whose iterations are independent (MLIR's `scf.parallel`
    /// with `scf.reduce`), with reductions.
    ///
    /// Operands are `n >= 1` lower bounds, `n` upper bounds, `n` steps (`index`) and `k`
    /// initial values of the reductions (`operandSegmentSizes = array<i32: n, n, n, k>`);
    /// the `k` results have the types of the initial values. Region 0, the body, has one
    /// block with `n` `index` arguments (the point of the iteration space) and ends with
    /// `loop.yield` of `k` values, this iteration's contributions. Then follows one
    /// reduction region per result: a block `(lhs, rhs)` of the result type that yields
    /// their combination, which must be associative and commutative.
    ///
    /// The body runs once for every point with `lb[d] <= iv[d] < ub[d]` in steps of
    /// `step[d]` (positive). Iterations may run in any order or concurrently, so one
    /// iteration must not write memory that another reads or writes. Result `j` combines
    /// the initial value `j` with every iteration's contribution `j` through reduction
    /// region `j`; with no iterations it is the initial value. (The interpreter visits the
    /// points in lexicographic order and folds `acc = reduce(acc, contribution)`.)
    ///
    /// ```mlir
    /// %total = "loop.parallel"(%lb, %ub, %step, %zero) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
    /// ^bb0(%i: index):
    ///   %c = arith.index_cast %i : index to i64
    ///   "loop.yield"(%c) : (i64) -> ()
    /// }, {
    /// ^bb0(%lhs: i64, %rhs: i64):
    ///   %s = arith.addi %lhs, %rhs : i64
    ///   "loop.yield"(%s) : (i64) -> ()
    /// }) : (index, index, index, i64) -> i64
    /// "loop.parallel"(%lb0, %lb1, %ub0, %ub1, %s0, %s1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
    /// ^bb0(%i: index, %j: index):
    ///   "loop.yield"() : () -> ()
    /// }) : (index, index, index, index, index, index) -> ()
    /// ```
    pub struct ParallelOp = "loop.parallel";
    summary: "multi-dimensional parallel loop with reductions";
    def: {
        traits: Traits::LOOP_LIKE.with(Traits::SINGLE_BLOCK),
        operands: Arity::AtLeast(3),
        regions: Arity::AtLeast(1),
        attrs: &[SEGMENTS_C],
        verify: Some(verify_parallel),
    }
}

impl ParallelOp<'_> {
    /// `(n, k)`: the number of loop dimensions and of reductions, from
    /// `operandSegmentSizes` checked against the operand count.
    pub fn dims(&self) -> Result<(usize, usize), String> {
        let op = self.0;
        let a = op
            .attr("operandSegmentSizes")
            .ok_or("requires attribute 'operandSegmentSizes'")?;
        let seg = i32_array(op.ctx, a).ok_or("'operandSegmentSizes' must be an array<i32>")?;
        let total = op.body.num_operands(op.op);
        match seg[..] {
            [l, u, s, k]
                if l >= 1 && l == u && l == s && k >= 0 && (3 * l + k) as usize == total =>
            {
                Ok((l as usize, k as usize))
            }
            _ => Err(format!(
                "'operandSegmentSizes' must be [n, n, n, k] with n >= 1 (bounds and steps) \
                 summing to the {total} operands"
            )),
        }
    }
}

fn verify_parallel(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (n, k) = ParallelOp(op).dims().map_err(|e| op.error(e))?;
    for i in 0..3 * n {
        if !is_index(&op, op.operand(i)) {
            let what = ["lower bound", "upper bound", "step"][i / n];
            return Err(op.error(format_args!(
                "{what} #{} must be index, but is {}",
                i % n,
                ty_str(op.ctx, op.ty(op.operand(i)))
            )));
        }
        if i >= 2 * n {
            verify_step(&op, op.operand(i), &format!("step #{}", i % n))?;
        }
    }
    let inits: Vec<Type> = op
        .body
        .operands(op.op)
        .skip(3 * n)
        .map(|v| op.ty(v))
        .collect();
    let results = result_types(&op);
    if inits != results {
        return Err(op.error(format_args!(
            "reduction initial values {} must have the result types {}",
            types_str(&op, &inits),
            types_str(&op, &results)
        )));
    }
    let regions = op.body.regions(op.op);
    if regions.len() != 1 + k {
        return Err(op.error(format_args!(
            "expects a body region and one reduction region per result ({} regions), but has {}",
            1 + k,
            regions.len()
        )));
    }
    let ivs = vec![op.ctx.index_type(); n];
    verify_block(&op, regions[0], "body", &ivs, &results)?;
    for (j, &t) in results.iter().enumerate() {
        verify_block(
            &op,
            regions[1 + j],
            &format!("reduction region #{j}"),
            &[t, t],
            &[t],
        )?;
    }
    Ok(())
}

op! {
    /// A conditional (MLIR's `scf.if`) with an optional else region and results.
    ///
    /// The operand is an `i1` condition. Region 0 (then) has one block; region 1 (else) is
    /// empty or has one block, and must have one when the op has results. The blocks take
    /// no arguments and end with `loop.yield` of values of the result types. The then
    /// region runs when the condition is true, otherwise the else region (if any); the
    /// results are the values it yields.
    ///
    /// ```mlir
    /// %r = "loop.if"(%cond) ({
    ///   %one = arith.constant 1 : i32
    ///   "loop.yield"(%one) : (i32) -> ()
    /// }, {
    ///   %two = arith.constant 2 : i32
    ///   "loop.yield"(%two) : (i32) -> ()
    /// }) : (i1) -> i32
    /// "loop.if"(%cond) ({
    ///   "loop.yield"() : () -> ()
    /// }, {
    /// }) : (i1) -> ()
    /// ```
    pub struct IfOp = "loop.if";
    summary: "conditional with optional else and results";
    operands: [condition];
    def: {
        traits: Traits::SINGLE_BLOCK,
        operands: Arity::Exactly(1),
        regions: Arity::Exactly(2),
        verify: Some(verify_if),
    }
}

fn verify_if(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let c = op.ty(op.operand(0));
    if !matches!(op.ctx.type_kind(c), TypeKind::Integer { width: 1, .. }) {
        return Err(op.error(format_args!(
            "condition must be i1, but is {}",
            ty_str(op.ctx, c)
        )));
    }
    let results = result_types(&op);
    let regions = op.body.regions(op.op);
    verify_block(&op, regions[0], "then region", &[], &results)?;
    let else_empty = op.region_body().region_blocks(regions[1]).is_empty();
    if else_empty {
        if !results.is_empty() {
            return Err(op.error(format_args!(
                "must have an else region when it has results ({})",
                results.len()
            )));
        }
        return Ok(());
    }
    verify_block(&op, regions[1], "else region", &[], &results)
}

op! {
    /// Terminates every region of `loop.for`, `loop.parallel` and `loop.if`, handing its
    /// operands to the parent op (their types are checked by the parent).
    ///
    /// ```mlir
    /// "loop.yield"(%v) : (f32) -> ()
    /// ```
    pub struct YieldOp = "loop.yield";
    summary: "yield values to the parent op";
    def: {
        traits: Traits::TERMINATOR.with(Traits::RETURN_LIKE).with(Traits::PURE),
        results: Arity::Exactly(0),
        verify: Some(verify_yield),
    }
}

/// The ops whose regions end in `loop.yield`.
pub const YIELD_PARENTS: &[&str] = &[ForOp::NAME, ParallelOp::NAME, IfOp::NAME];

fn verify_yield(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let parent = op
        .body
        .parent_op(op.op)
        .map(|p| op.ctx.op_name_str(op.body.name(p)));
    match parent {
        Some(p) if YIELD_PARENTS.contains(&p) => Ok(()),
        _ => Err(op.error(format_args!(
            "expects its parent op to be one of '{}'",
            YIELD_PARENTS.join("', '")
        ))),
    }
}

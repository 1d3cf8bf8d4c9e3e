//! Workers and target calls: `hw.parallel` (an iteration range mapped onto workers, MLIR's
//! `scf.forall` without outputs) with its terminator `hw.yield`, `hw.barrier` and
//! `hw.intrinsic`.

use crate::util::{inside, string_c, string_value};
use strata_dialect_tensor::util::{int_c, int_value, ty_str};
use strata_ir::{op, Arity, Diagnostic, OpRef, Traits, TypeKind};

op! {
    /// Runs an iteration range on workers (MLIR's `scf.forall` with no outputs; the
    /// `loop.parallel` of one dimension without reductions, mapped onto hardware).
    ///
    /// Operands are the lower bound, upper bound and step (`index`; the step must be
    /// positive: a constant step that is not is a verifier error, a dynamic one an error
    /// when it runs). The body has one block with one `index` argument and ends with
    /// `hw.yield`; it runs once for each `i = lb, lb + step, ...` below `ub`. The optional
    /// `workers` attribute (a positive integer) is the number of workers to use; without it
    /// the target uses all it has. Iterations are independent: they may run in any order
    /// or concurrently, so one iteration must not write memory that another reads or
    /// writes. (The interpreter runs them in increasing order on one worker.) Memrefs in
    /// memory space 1 allocated in the body are scratch private to the iteration.
    ///
    /// ```mlir
    /// "hw.parallel"(%lb, %ub, %step) <{workers = 4 : i64}> ({
    /// ^bb0(%i: index):
    ///   "hw.yield"() : () -> ()
    /// }) : (index, index, index) -> ()
    /// ```
    pub struct ParallelOp = "hw.parallel";
    summary: "iteration range mapped onto workers";
    operands: [lower_bound, upper_bound, step];
    attrs: [workers = "workers"];
    def: {
        traits: Traits::LOOP_LIKE.with(Traits::SINGLE_BLOCK),
        operands: Arity::Exactly(3),
        results: Arity::Exactly(0),
        regions: Arity::Exactly(1),
        attrs: &[int_c("workers", false)],
        verify: Some(verify_parallel),
    }
}

fn verify_parallel(op: OpRef<'_>) -> Result<(), Diagnostic> {
    for (i, what) in ["lower bound", "upper bound", "step"].iter().enumerate() {
        let t = op.ty(op.operand(i));
        if !matches!(op.ctx.type_kind(t), TypeKind::Index) {
            return Err(op.error(format_args!(
                "{what} must be index, but is {}",
                ty_str(op.ctx, t)
            )));
        }
    }
    if let Some(s) = constant_index(&op, 2) {
        if s <= 0 {
            return Err(op.error(format_args!("constant step must be positive, but is {s}")));
        }
    }
    if let Some(a) = op.attr("workers") {
        match int_value(op.ctx, a) {
            Some(w) if w > 0 => {}
            _ => return Err(op.error("'workers' must be a positive integer")),
        }
    }
    let rb = op.region_body();
    let region = op.body.regions(op.op)[0];
    let blocks = rb.region_blocks(region);
    let [block] = blocks else {
        return Err(op.error(format_args!(
            "body must have exactly one block, but has {}",
            blocks.len()
        )));
    };
    let args = rb.block_args(*block);
    let one_index =
        args.len() == 1 && matches!(op.ctx.type_kind(rb.value_type(args[0])), TypeKind::Index);
    if !one_index {
        return Err(op.error("body must have exactly one block argument, of type index"));
    }
    let last = rb.last_op(*block);
    if last.is_none_or(|l| op.ctx.op_name_str(rb.name(l)) != YieldOp::NAME) {
        return Err(op.error("body must end with 'hw.yield'"));
    }
    Ok(())
}

/// The value of operand `i` when an `arith.constant` defines it.
fn constant_index(op: &OpRef<'_>, i: usize) -> Option<i64> {
    let def = op.body.defining_op(op.operand(i))?;
    if op.ctx.op_name_str(op.body.name(def)) != "arith.constant" {
        return None;
    }
    let data = op.body.op(def);
    let a = op
        .ctx
        .dict_get(data.props, "value")
        .or_else(|| op.ctx.dict_get(data.attrs, "value"))?;
    int_value(op.ctx, a)
}

op! {
    /// Terminates the body of `hw.parallel`; it has no operands.
    ///
    /// ```mlir
    /// "hw.yield"() : () -> ()
    /// ```
    pub struct YieldOp = "hw.yield";
    summary: "end of a hw.parallel body";
    def: {
        traits: Traits::TERMINATOR.with(Traits::RETURN_LIKE).with(Traits::PURE),
        operands: Arity::Exactly(0),
        results: Arity::Exactly(0),
        verify: Some(verify_yield),
    }
}

fn verify_yield(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let parent = op
        .body
        .parent_op(op.op)
        .map(|p| op.ctx.op_name_str(op.body.name(p)));
    if parent != Some(ParallelOp::NAME) {
        return Err(op.error("expects its parent op to be 'hw.parallel'"));
    }
    Ok(())
}

op! {
    /// Waits until every worker of the enclosing `hw.parallel` has reached the barrier, and
    /// makes the memory writes before it visible to all of them after it (a GPU
    /// `__syncthreads`, an OpenMP `barrier`). It must be nested inside a `hw.parallel`. In
    /// the sequential semantics (one worker, iterations in order), which the interpreter
    /// follows, it does nothing; since iterations are independent, a program's results do
    /// not depend on it.
    ///
    /// ```mlir
    /// "hw.barrier"() : () -> ()
    /// ```
    pub struct BarrierOp = "hw.barrier";
    summary: "synchronise the workers of a hw.parallel";
    def: {
        traits: Traits::HAS_SIDE_EFFECTS,
        operands: Arity::Exactly(0),
        results: Arity::Exactly(0),
        verify: Some(verify_barrier),
    }
}

fn verify_barrier(op: OpRef<'_>) -> Result<(), Diagnostic> {
    if !inside(&op, ParallelOp::NAME) {
        return Err(op.error("must be nested inside a 'hw.parallel'"));
    }
    Ok(())
}

op! {
    /// Calls the target intrinsic named by `name` (a non-empty string) with the operands,
    /// giving the results (LLVM's intrinsic calls, `llvm.call_intrinsic`). Which names exist
    /// and what they mean is up to the target; a target rejects a name it does not know.
    ///
    /// The interpreter knows:
    ///
    /// * `strata.matmul_acc` on memrefs `(A: MxK, B: KxN, C: MxN)` of one float or integer
    ///   element type, no results: `C[i, j] = C[i, j] + A[i, k] * B[k, j]` for `k = 0, 1, ..`
    ///   in order, each `+` and `*` rounded like `arith.addf`/`arith.mulf` (or wrapping
    ///   like `arith.addi`/`arith.muli`), so a target can reproduce it exactly;
    /// * the cpu target's micro-kernels `strata.batch_matmul_acc` and
    ///   `strata.conv2d_nchw_acc` (see `strata-interp`'s `ops/ukernels.rs`).
    ///
    /// Any other name is an error naming it when it runs.
    ///
    /// ```mlir
    /// "hw.intrinsic"(%a, %b, %c) <{name = "strata.matmul_acc"}> : (memref<4x8xf32>, memref<8x2xf32>, memref<4x2xf32>) -> ()
    /// ```
    pub struct IntrinsicOp = "hw.intrinsic";
    summary: "call a named target intrinsic";
    attrs: [callee = "name"];
    def: {
        traits: Traits::HAS_SIDE_EFFECTS,
        attrs: &[string_c("name", true)],
        verify: Some(verify_intrinsic),
    }
}

/// The intrinsic name of `strata.matmul_acc`.
pub const MATMUL_ACC: &str = "strata.matmul_acc";
/// The intrinsic name of the batched, optionally transposed matrix-product micro-kernel
/// (`transpose_a` / `transpose_b` unit attributes; see the interpreter's semantics).
pub const BATCH_MATMUL_ACC: &str = "strata.batch_matmul_acc";
/// The intrinsic name of the NCHW convolution micro-kernel (`strides`, `dilations`).
pub const CONV2D_NCHW_ACC: &str = "strata.conv2d_nchw_acc";

fn verify_intrinsic(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let name = op
        .attr("name")
        .and_then(|a| string_value(op.ctx, a))
        .unwrap_or("");
    if name.is_empty() {
        return Err(op.error("'name' must be a non-empty string"));
    }
    if name == MATMUL_ACC {
        return verify_matmul_acc(&op);
    }
    Ok(())
}

fn verify_matmul_acc(op: &OpRef<'_>) -> Result<(), Diagnostic> {
    use strata_dialect_loop::layout::memref_parts;
    let n = op.body.num_operands(op.op);
    let nr = op.body.results(op.op).len();
    if n != 3 || nr != 0 {
        return Err(op.error(format_args!(
            "'{MATMUL_ACC}' takes 3 memref operands and has no results, but has {n} operands \
             and {nr} results"
        )));
    }
    let mut parts = Vec::with_capacity(3);
    for i in 0..3 {
        let t = op.ty(op.operand(i));
        match memref_parts(op.ctx, t) {
            Some(p) if p.shape.len() == 2 => parts.push(p),
            _ => {
                return Err(op.error(format_args!(
                    "'{MATMUL_ACC}' operand #{i} must be a 2-D memref, but is {}",
                    ty_str(op.ctx, t)
                )))
            }
        }
    }
    let (a, b, c) = (&parts[0], &parts[1], &parts[2]);
    let numeric = matches!(
        op.ctx.type_kind(a.elem),
        TypeKind::Integer { .. } | TypeKind::Float(_)
    );
    if !numeric || a.elem != b.elem || a.elem != c.elem {
        return Err(op.error(format_args!(
            "'{MATMUL_ACC}' operands must have one integer or float element type"
        )));
    }
    let dyn_or_eq = |x: i64, y: i64| x < 0 || y < 0 || x == y;
    let ok = dyn_or_eq(a.shape[0], c.shape[0])
        && dyn_or_eq(a.shape[1], b.shape[0])
        && dyn_or_eq(b.shape[1], c.shape[1]);
    if !ok {
        return Err(op.error(format_args!(
            "'{MATMUL_ACC}' shapes do not agree: A {}x{}, B {}x{}, C {}x{}",
            a.shape[0], a.shape[1], b.shape[0], b.shape[1], c.shape[0], c.shape[1]
        )));
    }
    Ok(())
}

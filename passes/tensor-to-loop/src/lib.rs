//! `tensor-to-loop`: lower every buffer-form `tensor.generic` (memref operands, no results,
//! the output of `bufferize`) to a loop nest of the `loop` dialect, so that afterwards only
//! the ops of the loop-level contract of `docs/lowering.md` remain (`func.*`, `arith.*`,
//! `math.*`, `loop.*`).
//!
//! **Loop order.** Let `v` be the *vector dimension*: the parallel loop that indexes the
//! last (fastest-varying) dimension of the first output on its own, when there is one. The
//! nest is
//!
//! 1. one `loop.parallel` over every other parallel loop, in index order (omitted when
//!    there is none) — the loops `loop-to-hw` spreads over workers;
//! 2. one `loop.for` per reduction loop, in index order;
//! 3. an innermost `loop.for` over `v`.
//!
//! So a matrix product becomes `parallel(i) { for k { for j { C[i,j] += A[i,k] * B[k,j] } } }`
//! and a convolution puts the channel and window reductions outside the output-width loop:
//! the innermost loop walks contiguous output elements, which the C compiler (or
//! `loop-to-hw`) vectorises. Without such a `v` (a reduction to a scalar, an output whose
//! last dimension is indexed by an expression), all reductions are the innermost loops.
//! Only parallel loops move across reductions, and reduction loops keep their relative
//! order, so every output element accumulates its terms in the same order as the
//! interpreter's lexicographic visit: the results are bit for bit the same.
//!
//! **Body.** At each point the indices of every operand are computed from its indexing map
//! (`arith.addi` / `arith.muli` / `arith.floordivsi` / `arith.ceildivsi` on `index`), input
//! elements are read with `loop.load` (scalar inputs are used directly), the current output
//! element is loaded when the body reads it, the scalar body ops are moved into the loop,
//! and the yielded values are written with `loop.store`. Accumulators live in memory (the
//! output element is loaded and stored at every reduction step).
//!
//! Any other op outside the contract left in a function (a tensor-form generic, a data
//! movement op) is a diagnostic naming the op and the pass. `hw` ops, which a target's
//! lowering rule may produce before this pass (the cpu target's micro-kernel calls), are
//! left as they are.

use strata_dialect_tensor::structured::{loop_bounds, IteratorType};
use strata_dialect_tensor::util::shaped;
use strata_dialect_tensor::GenericOp;
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{
    Block, Body, Context, Diagnostic, InsertPoint, Op, OpRef, OperationState, Type, Value,
};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

/// Registration of `tensor-to-loop`.
#[linkme::distributed_slice(PASSES)]
pub static TENSOR_TO_LOOP: PassInfo = PassInfo {
    name: "tensor-to-loop",
    summary: "Lower buffer-form tensor.generic ops to loop nests",
    description: "Replaces every buffer-form `tensor.generic` (after `bufferize`) of every \
                  `func.func` by a loop nest: a `loop.parallel` over the parallel loops \
                  other than the output's fastest-varying one, `loop.for`s over the \
                  reductions, and an innermost `loop.for` over the output's fastest-varying \
                  parallel loop (so the innermost loop is contiguous and vectorisable; a \
                  convolution's reductions go outside its output-width loop). The body loads \
                  the operand elements through the indexing maps, runs the scalar ops and \
                  stores the outputs; results are bit-identical (reductions keep their \
                  order). Afterwards only `func`, `arith`, `math` and `loop` ops may remain \
                  (and `hw` micro-kernel calls and buffer-form `tensor.string_call` library \
                  calls, which the target lowers): anything else is a diagnostic naming the \
                  op.\n\n\
                  Statistics: `num-generics` (generics lowered), `num-loops` (loops \
                  created).",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(TensorToLoop)),
};

/// The `tensor-to-loop` pass.
pub struct TensorToLoop;

impl Pass for TensorToLoop {
    fn info(&self) -> &'static PassInfo {
        &TENSOR_TO_LOOP
    }
    fn run(&self, unit: &mut IrUnit<'_>, _am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let ctx = unit.ctx;
        let funcs: Vec<Op> = unit
            .top_ops()
            .into_iter()
            .filter(|&o| ctx.op_name_str(unit.body.name(o)) == "func.func")
            .collect();
        let mut stats = (0u64, 0u64);
        let mut errors = Vec::new();
        for f in funcs {
            let regions = unit.body.regions(f).to_vec();
            let Some(mut fb) = unit.body.take_nested(f) else {
                continue;
            };
            let r = lower_body(ctx, &mut fb, &regions, &mut stats);
            unit.body.put_nested(f, fb);
            if let Err(e) = r {
                errors.extend(e);
            }
        }
        unit.stat("num-generics", stats.0);
        unit.stat("num-loops", stats.1);
        if errors.is_empty() {
            Ok(())
        } else {
            for e in errors {
                unit.emit(e);
            }
            Err(PassFailed)
        }
    }
}

/// Whether an op may remain at the loop level of the contract, or is a `hw` op of the next
/// level that a target's lowering rule produced early (the cpu target's micro-kernel
/// `hw.intrinsic` calls); those pass through untouched.
fn allowed(name: &str) -> bool {
    // A buffer-form `tensor.string_call` is a library call the target lowers (string
    // tensors have no loop form; docs/lowering.md, "String tensors").
    name.starts_with("hw.")
        || name == "tensor.string_call"
        || name.starts_with("func.")
        || name.starts_with("arith.")
        || name.starts_with("math.")
        || matches!(
            name,
            "loop.for"
                | "loop.parallel"
                | "loop.if"
                | "loop.yield"
                | "loop.alloc"
                | "loop.dealloc"
                | "loop.load"
                | "loop.store"
                | "loop.subview"
                | "loop.copy"
                | "loop.global"
                | "loop.get_global"
        )
}

/// Lower every buffer-form generic of a function body, then check what remains.
fn lower_body(
    ctx: &Context,
    body: &mut Body,
    regions: &[strata_ir::Region],
    stats: &mut (u64, u64),
) -> Result<(), Vec<Diagnostic>> {
    let all = all_ops(body, regions);
    let mut errors = Vec::new();
    for o in all {
        if body.is_erased(o) || ctx.op_name_str(body.name(o)) != GenericOp::NAME {
            continue;
        }
        if !body.results(o).is_empty() {
            continue; // reported below
        }
        match lower_generic(ctx, body, o, stats) {
            Ok(()) => stats.0 += 1,
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        for o in all_ops(body, regions) {
            let name = ctx.op_name_str(body.name(o));
            // Report the outermost op only (not the body of a rejected generic).
            let parent_ok = body
                .parent_op(o)
                .is_none_or(|p| allowed(ctx.op_name_str(body.name(p))));
            if !allowed(name) && parent_ok {
                errors.push(OpRef::new(ctx, body, o).error(format_args!(
                    "is not supported by tensor-to-loop (only buffer-form tensor.generic is \
                     lowered; run bufferize first)"
                )));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Every op of the given root regions of the body, nested ones included (pre-order).
fn all_ops(body: &Body, regions: &[strata_ir::Region]) -> Vec<Op> {
    let mut out = Vec::new();
    let mut stack: Vec<Op> = Vec::new();
    for &r in regions.iter().rev() {
        for &b in body.region_blocks(r).iter().rev() {
            stack.extend(body.block_op_vec(b).into_iter().rev());
        }
    }
    while let Some(o) = stack.pop() {
        out.push(o);
        for &r in body.regions(o).iter().rev() {
            for &b in body.region_blocks(r).iter().rev() {
                stack.extend(body.block_op_vec(b).into_iter().rev());
            }
        }
    }
    out
}

/// Builds ops at an insertion point (the end of a block, or before an op).
struct At<'a> {
    ctx: &'a Context,
    body: &'a mut Body,
    ip: InsertPoint,
    loc: strata_ir::Location,
}

impl At<'_> {
    fn op(
        &mut self,
        name: &str,
        operands: &[Value],
        results: &[Type],
        props: &[(&str, strata_ir::Attribute)],
    ) -> Op {
        let mut st = OperationState::new(self.ctx, self.ctx.op_name(name), self.loc);
        st.operands = operands.to_vec();
        st.result_types = results.to_vec();
        if !props.is_empty() {
            st.props = Some(self.ctx.dict_attr(props));
        }
        let op = self.body.create_op(st);
        self.body.insert_op(op, self.ip);
        op
    }
    fn value(&mut self, name: &str, operands: &[Value], ty: Type) -> Value {
        let op = self.op(name, operands, &[ty], &[]);
        self.body.result(op, 0)
    }
    fn index(&mut self, v: i64) -> Value {
        let it = self.ctx.index_type();
        let a = self.ctx.int_attr(v as i128, it);
        let op = self.op("arith.constant", &[], &[it], &[("value", a)]);
        self.body.result(op, 0)
    }
    /// The value of `e` at the loop indices `ivs`.
    fn expr(&mut self, e: &AffineExpr, ivs: &[Value]) -> Result<Value, String> {
        let it = self.ctx.index_type();
        Ok(match e {
            AffineExpr::Dim(d) => *ivs.get(*d as usize).ok_or("map dimension out of range")?,
            AffineExpr::Const(c) => self.index(*c),
            AffineExpr::Symbol(_) => {
                return Err("indexing maps with symbols are not supported".into())
            }
            AffineExpr::Add(a, b) => {
                let (x, y) = (self.expr(a, ivs)?, self.expr(b, ivs)?);
                self.value("arith.addi", &[x, y], it)
            }
            AffineExpr::Mul(a, b) => {
                let (x, y) = (self.expr(a, ivs)?, self.expr(b, ivs)?);
                self.value("arith.muli", &[x, y], it)
            }
            AffineExpr::FloorDiv(a, b) => {
                let (x, y) = (self.expr(a, ivs)?, self.expr(b, ivs)?);
                self.value("arith.floordivsi", &[x, y], it)
            }
            AffineExpr::CeilDiv(a, b) => {
                let (x, y) = (self.expr(a, ivs)?, self.expr(b, ivs)?);
                self.value("arith.ceildivsi", &[x, y], it)
            }
            AffineExpr::Mod(a, b) => {
                // a mod b = a - floordiv(a, b) * b (non-negative for b > 0, as affine mod).
                let (x, y) = (self.expr(a, ivs)?, self.expr(b, ivs)?);
                let q = self.value("arith.floordivsi", &[x, y], it);
                let p = self.value("arith.muli", &[q, y], it);
                self.value("arith.subi", &[x, p], it)
            }
        })
    }
    /// The indices of an operand at the loop indices.
    fn indices(&mut self, m: &AffineMap, ivs: &[Value]) -> Result<Vec<Value>, String> {
        m.results.iter().map(|e| self.expr(e, ivs)).collect()
    }
}

/// Create a loop (`loop.parallel` when `parallel`, else a `loop.for` over one loop) at the
/// end of `block` with bounds `0..sizes` (their constants at the end of `consts`); returns
/// the body block (without its terminator yet) and its induction variables.
#[allow(clippy::too_many_arguments)]
fn build_loop(
    ctx: &Context,
    body: &mut Body,
    block: Block,
    consts: Block,
    loc: strata_ir::Location,
    sizes: &[i64],
    parallel: bool,
) -> (Block, Vec<Value>) {
    let it = ctx.index_type();
    // Constants go before the nest (first in `consts`), so that they dominate it.
    let ip = match body.first_op(consts) {
        Some(f) => InsertPoint::Before(f),
        None => InsertPoint::End(consts),
    };
    let mut at = At { ctx, body, ip, loc };
    let zero = at.index(0);
    let one = at.index(1);
    let ubs: Vec<Value> = sizes.iter().map(|&s| at.index(s)).collect();
    let n = sizes.len();
    let mut st;
    let body = at.body;
    if !parallel && n == 1 {
        st = OperationState::new(ctx, ctx.op_name("loop.for"), loc);
        st.operands = vec![zero, ubs[0], one];
    } else {
        st = OperationState::new(ctx, ctx.op_name("loop.parallel"), loc);
        let mut ops = vec![zero; n];
        ops.extend(&ubs);
        ops.extend(std::iter::repeat_n(one, n));
        st.operands = ops;
        st.props = Some(ctx.dict_attr(&[(
            "operandSegmentSizes",
            strata_dialect_tensor::util::i32_array_attr(ctx, &[n as i32, n as i32, n as i32, 0]),
        )]));
    }
    let region = st.add_region(body);
    let inner = body.create_block();
    body.append_block(region, inner);
    let ivs: Vec<Value> = (0..n).map(|_| body.add_block_arg(inner, it)).collect();
    let op = body.create_op(st);
    body.insert_op(op, InsertPoint::End(block));
    (inner, ivs)
}

/// Lower the buffer-form generic `o`.
fn lower_generic(
    ctx: &Context,
    body: &mut Body,
    o: Op,
    stats: &mut (u64, u64),
) -> Result<(), Diagnostic> {
    let loc = body.op(o).loc;
    let err =
        move |m: String| Diagnostic::error(loc, format!("'tensor.generic' op tensor-to-loop: {m}"));
    let (n_in, n_out, maps, iters) = {
        let view = OpRef::new(ctx, body, o);
        let (n_in, n_out) = GenericOp(view).segments().map_err(err)?;
        let maps = strata_dialect_tensor::structured::indexing_maps_attr(&view).map_err(err)?;
        let iters = strata_dialect_tensor::structured::iterator_types_attr(&view).map_err(err)?;
        (n_in, n_out, maps, iters)
    };
    let operands: Vec<Value> = body.operands(o).collect();
    let shapes: Vec<Vec<i64>> = operands
        .iter()
        .map(|&v| shaped(ctx, body.value_type(v)).map_or(Vec::new(), |(s, _)| s.to_vec()))
        .collect();
    let bounds = loop_bounds(&maps, &shapes, iters.len()).map_err(err)?;
    if bounds.iter().any(|&b| b < 0) {
        return Err(err("dynamic loop bounds are not supported".into()));
    }
    // The vector dimension: a parallel loop indexing the first output's last dimension alone.
    let vdim = maps
        .get(n_in)
        .and_then(|m| m.results.last())
        .and_then(|e| match e {
            AffineExpr::Dim(d) if iters.get(*d as usize) == Some(&IteratorType::Parallel) => {
                Some(*d as usize)
            }
            _ => None,
        })
        .filter(|_| n_out > 0);
    let outer: Vec<usize> = (0..iters.len())
        .filter(|&d| iters[d] == IteratorType::Parallel && Some(d) != vdim)
        .collect();
    let reductions: Vec<usize> = (0..iters.len())
        .filter(|&d| iters[d] == IteratorType::Reduction)
        .collect();
    // Build the nest just before `o`: a scratch block would need moving; instead nest
    // inside a block that we insert ops into, starting at the generic's block.
    let Some(parent) = body.parent_block(o) else {
        return Err(err("the op is not in a block".into()));
    };
    // Create the nest in a fresh detached block, then move its ops before `o`.
    let staging = body.create_block();
    let mut ivs: Vec<Option<Value>> = vec![None; iters.len()];
    let mut cur = staging;
    let mut inners: Vec<Block> = Vec::new();
    if !outer.is_empty() {
        let sizes: Vec<i64> = outer.iter().map(|&d| bounds[d]).collect();
        let (b, vs) = build_loop(ctx, body, cur, staging, loc, &sizes, true);
        for (&d, v) in outer.iter().zip(vs) {
            ivs[d] = Some(v);
        }
        cur = b;
        inners.push(b);
        stats.1 += 1;
    }
    let mut inner_dims = reductions.clone();
    inner_dims.extend(vdim);
    for d in inner_dims {
        let (b, vs) = build_loop(ctx, body, cur, staging, loc, &[bounds[d]], false);
        ivs[d] = Some(vs[0]);
        cur = b;
        inners.push(b);
        stats.1 += 1;
    }
    let ivs: Vec<Value> = ivs
        .into_iter()
        .map(|v| v.ok_or_else(|| err("a loop has no induction variable".into())))
        .collect::<Result<_, _>>()?;
    let scratch = body.create_block();
    let region = body.regions(o)[0];
    let gblock = body
        .entry_block(region)
        .ok_or_else(|| err("the body has no block".into()))?;
    let bargs = body.block_args(gblock).to_vec();
    let mut at = At {
        ctx,
        body,
        ip: InsertPoint::End(scratch),
        loc,
    };
    let mut out_idx = Vec::with_capacity(n_out);
    for (k, &v) in operands.iter().enumerate() {
        let is_buf = shaped(ctx, at.body.value_type(v)).is_some();
        let arg = bargs.get(k).copied();
        if k < n_in {
            let val = if is_buf {
                let idx = at.indices(&maps[k], &ivs).map_err(err)?;
                let elem = shaped(ctx, at.body.value_type(v))
                    .map(|(_, e)| e)
                    .ok_or_else(|| err("bad operand".into()))?;
                let mut ops = vec![v];
                ops.extend(idx);
                at.value("loop.load", &ops, elem)
            } else {
                v
            };
            if let Some(a) = arg {
                at.body.replace_all_uses(a, val);
            }
        } else {
            let idx = at.indices(&maps[k], &ivs).map_err(err)?;
            if let Some(a) = arg.filter(|&a| at.body.has_uses(a)) {
                let elem = at.body.value_type(a);
                let mut ops = vec![v];
                ops.extend(idx.iter().copied());
                let val = at.value("loop.load", &ops, elem);
                at.body.replace_all_uses(a, val);
            }
            out_idx.push(idx);
        }
    }
    // Move the scalar body in, then store the yielded values.
    let body_ops = at.body.block_op_vec(gblock);
    let Some((&yop, rest)) = body_ops.split_last() else {
        return Err(err("the body is empty".into()));
    };
    for &b in rest {
        at.body.move_op(b, InsertPoint::End(scratch));
    }
    let ys: Vec<Value> = at.body.operands(yop).collect();
    for ((&y, &out), idx) in ys.iter().zip(&operands[n_in..]).zip(out_idx) {
        let mut ops = vec![y, out];
        ops.extend(idx);
        at.op("loop.store", &ops, &[], &[]);
    }
    // Splice: scratch ops go into the innermost body (the staging block itself when there
    // are no loops), each loop body gets its terminator, and the staging ops go before `o`.
    for s in body.block_op_vec(scratch) {
        body.move_op(s, InsertPoint::End(cur));
    }
    for b in inners {
        let y = OperationState::new(ctx, ctx.op_name("loop.yield"), loc);
        let yop = body.create_op(y);
        body.insert_op(yop, InsertPoint::End(b));
    }
    for s in body.block_op_vec(staging) {
        body.move_op(s, InsertPoint::Before(o));
    }
    let _ = parent;
    body.erase_op(o);
    body.erase_block(scratch);
    body.erase_block(staging);
    Ok(())
}

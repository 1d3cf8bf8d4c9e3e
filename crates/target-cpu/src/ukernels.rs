//! `cpu-ukernels`: the cpu target's lowering rule that hands matrix products and NCHW
//! convolutions to its micro-kernels. It runs on bufferized IR (`docs/lowering.md`, after
//! `bufferize`, before `tensor-to-loop`) and rewrites a buffer-form `tensor.generic` on f32
//! buffers into one `hw.intrinsic` call when the generic is
//!
//! * a (batched) matrix product: one reduction loop `k`, parallel loops that index the
//!   output by the identity map `(b.., i, j)`, `A` indexed `(b.., i, k)` or `(b.., k, i)`
//!   (`transpose_a`) and `B` indexed `(b.., k, j)` or `(b.., j, k)` (`transpose_b`), where
//!   the batch results of `A` and `B` are the output's batch loops (right-aligned) or the
//!   constant 0 on a size-1 dim, and the body is `out + a * b`: `strata.batch_matmul_acc`;
//! * a 2-D NCHW convolution with the loops and maps of `tensor.conv2d_nchw_fchw`
//!   (`(n, f, oh, ow, c, kh, kw)`, input `(n, c, oh * sh + kh * dh, ow * sw + kw * dw)`,
//!   filter `(f, c, kh, kw)`, output `(n, f, oh, ow)`) and the same body:
//!   `strata.conv2d_nchw_acc`.
//!
//! Both intrinsics keep each output element's reduction order (see their semantics in
//! `crates/interp/src/ops/ukernels.rs`), so the rewrite changes results only by the
//! rounding of fused multiply-adds in compiled code. Anything else is left to
//! `tensor-to-loop`. Statistics: `num-matmul`, `num-conv`.

use crate::emit::intrinsics::{BATCH_MATMUL_ACC, CONV2D_NCHW_ACC};
use strata_dialect_tensor::structured::{monotone_form, structured, IteratorType};
use strata_dialect_tensor::util::i64_array_attr;
use strata_ir::affine::AffineExpr;
use strata_ir::{
    Attribute, Body, Context, FloatKind, InsertPoint, Op, OpRef, OperationState, TypeKind,
};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

/// Registration of `cpu-ukernels`.
#[linkme::distributed_slice(PASSES)]
pub static CPU_UKERNELS: PassInfo = PassInfo {
    name: "cpu-ukernels",
    summary: "Call the cpu target's micro-kernels for matrix products and NCHW convolutions",
    description: "On bufferized IR, rewrites each buffer-form `tensor.generic` on f32 \
                  buffers that is a (batched, possibly transposed) matrix product or a 2-D \
                  NCHW convolution into a `hw.intrinsic` call of `strata.batch_matmul_acc` \
                  or `strata.conv2d_nchw_acc`, which keep each output element's reduction \
                  order. Other generics are left for `tensor-to-loop`.\n\n\
                  Statistics: `num-matmul`, `num-conv`.",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(CpuUkernels)),
};

/// The `cpu-ukernels` pass.
pub struct CpuUkernels;

impl Pass for CpuUkernels {
    fn info(&self) -> &'static PassInfo {
        &CPU_UKERNELS
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let ctx = unit.ctx;
        let (mut nm, mut nc) = (0u64, 0u64);
        for top in unit.top_ops() {
            let regions = unit.body.regions(top).to_vec();
            let (a, b) = match unit.body.nested_mut(top) {
                Some(fb) => {
                    let ops = fb.ops_in_regions(&regions);
                    rewrite_all(ctx, fb, ops)
                }
                None => rewrite_all(ctx, unit.body, vec![top]),
            };
            nm += a;
            nc += b;
        }
        unit.stat("num-matmul", nm);
        unit.stat("num-conv", nc);
        if nm + nc == 0 {
            am.preserve_all();
        }
        Ok(())
    }
}

/// Rewrite every matching generic in `roots` and the ops nested in them (same body).
fn rewrite_all(ctx: &Context, body: &mut Body, roots: Vec<Op>) -> (u64, u64) {
    let (mut nm, mut nc) = (0, 0);
    let mut all = Vec::new();
    for r in roots {
        all.extend(strata_ir::walk::ops_in_body_preorder(body, r));
    }
    for op in all {
        if body.is_erased(op) || ctx.op_name_str(body.name(op)) != "tensor.generic" {
            continue;
        }
        if let Some(kind) = classify(ctx, body, op) {
            let is_conv = matches!(kind, Kernel::Conv { .. });
            replace(ctx, body, op, kind);
            if is_conv {
                nc += 1;
            } else {
                nm += 1;
            }
        }
    }
    (nm, nc)
}

/// What a generic computes.
enum Kernel {
    Matmul { ta: bool, tb: bool },
    Conv { s: [i64; 2], d: [i64; 2] },
}

/// A map result as `Some(dim)` for a bare loop index, `None` for the constant 0, or an
/// error (`Err`) for anything else.
fn dim_or_zero(e: &AffineExpr) -> Result<Option<u32>, ()> {
    match e {
        AffineExpr::Dim(d) => Ok(Some(*d)),
        AffineExpr::Const(0) => Ok(None),
        _ => Err(()),
    }
}

fn classify(ctx: &Context, body: &Body, op: Op) -> Option<Kernel> {
    let r = OpRef::new(ctx, body, op);
    if !body.results(op).is_empty() {
        return None;
    }
    let operands: Vec<_> = body.operands(op).collect();
    if operands.len() != 3 {
        return None;
    }
    for &v in &operands {
        let t = body.value_type(v);
        let TypeKind::MemRef { elem, .. } = ctx.type_kind(t) else {
            return None;
        };
        if !matches!(ctx.type_kind(*elem), TypeKind::Float(FloatKind::F32)) {
            return None;
        }
    }
    let s = structured(r)?;
    if s.num_inputs() != 2 || !is_mul_add(ctx, body, op) {
        return None;
    }
    let maps = s.indexing_maps().ok()?;
    let iters = s.iterator_types().ok()?;
    drop(s);
    let reds: Vec<usize> = (0..iters.len())
        .filter(|&i| iters[i] == IteratorType::Reduction)
        .collect();
    if reds.len() == 1 {
        return classify_matmul(&maps, reds[0], iters.len())
            .map(|(ta, tb)| Kernel::Matmul { ta, tb });
    }
    if reds.len() == 3 {
        return classify_conv(&maps, &iters).map(|(s, d)| Kernel::Conv { s, d });
    }
    None
}

fn classify_matmul(
    maps: &[strata_ir::affine::AffineMap],
    k: usize,
    n_loops: usize,
) -> Option<(bool, bool)> {
    let out: Vec<u32> = maps[2]
        .results
        .iter()
        .map(|e| match e {
            AffineExpr::Dim(d) => Some(*d),
            _ => None,
        })
        .collect::<Option<_>>()?;
    // The output is indexed by the parallel loops in order (identity without `k`).
    let expect: Vec<u32> = (0..n_loops as u32).filter(|&d| d as usize != k).collect();
    if out != expect || out.len() < 2 {
        return None;
    }
    let (i, j) = (out[out.len() - 2], out[out.len() - 1]);
    let batch = &out[..out.len() - 2];
    let k = k as u32;
    // `free` is the operand's non-reduction index (`i` of A, `j` of B); the untransposed
    // layouts are `(i, k)` for A and `(k, j)` for B.
    let side = |m: &strata_ir::affine::AffineMap, free: u32, is_b: bool| -> Option<bool> {
        let res: Vec<Option<u32>> = m
            .results
            .iter()
            .map(dim_or_zero)
            .collect::<Result<_, _>>()
            .ok()?;
        if res.len() < 2 || res.len() > out.len() {
            return None;
        }
        let n = res.len();
        let free_first = match (res[n - 2], res[n - 1]) {
            (Some(a), Some(b)) if a == free && b == k => true,
            (Some(a), Some(b)) if a == k && b == free => false,
            _ => return None,
        };
        let transposed = free_first == is_b;
        // Batch results: right-aligned with the output's batch loops, or 0.
        let nb = n - 2;
        for (t, r) in res[..nb].iter().enumerate() {
            let cd = batch[batch.len() - nb + t];
            if let Some(d) = r {
                if *d != cd {
                    return None;
                }
            }
        }
        Some(transposed)
    };
    let ta = side(&maps[0], i, false)?;
    let tb = side(&maps[1], j, true)?;
    Some((ta, tb))
}

fn classify_conv(
    maps: &[strata_ir::affine::AffineMap],
    iters: &[IteratorType],
) -> Option<([i64; 2], [i64; 2])> {
    use IteratorType::{Parallel as P, Reduction as R};
    if iters != [P, P, P, P, R, R, R] {
        return None;
    }
    let dims = |m: &strata_ir::affine::AffineMap, want: [u32; 4]| {
        m.results.len() == 4
            && m.results
                .iter()
                .zip(want)
                .all(|(e, w)| *e == AffineExpr::Dim(w))
    };
    if !dims(&maps[1], [1, 4, 5, 6]) || !dims(&maps[2], [0, 1, 2, 3]) {
        return None;
    }
    let inp = &maps[0].results;
    if inp.len() != 4 || inp[0] != AffineExpr::Dim(0) || inp[1] != AffineExpr::Dim(4) {
        return None;
    }
    let window = |e: &AffineExpr, o: usize, kd: usize| -> Option<(i64, i64)> {
        let (c0, coef) = monotone_form(e, 7)?;
        let only = coef
            .iter()
            .enumerate()
            .all(|(i, &c)| c == 0 || i == o || i == kd);
        (c0 == 0 && only && coef[o] > 0 && coef[kd] > 0).then_some((coef[o], coef[kd]))
    };
    let (sh, dh) = window(&inp[2], 2, 5)?;
    let (sw, dw) = window(&inp[3], 3, 6)?;
    Some(([sh, sw], [dh, dw]))
}

/// Whether the body of generic `op` is `yield(out + a * b)` with `a`, `b` the two input
/// elements (either order of the operands of each op).
fn is_mul_add(ctx: &Context, body: &Body, op: Op) -> bool {
    let Some(&region) = body.regions(op).first() else {
        return false;
    };
    let Some(block) = body.entry_block(region) else {
        return false;
    };
    let args = body.block_args(block).to_vec();
    let ops: Vec<Op> = body.block_ops(block).collect();
    if args.len() != 3 || ops.len() != 3 {
        return false;
    }
    let name = |o: Op| ctx.op_name_str(body.name(o));
    let opnds = |o: Op| body.operands(o).collect::<Vec<_>>();
    if name(ops[0]) != "arith.mulf"
        || name(ops[1]) != "arith.addf"
        || name(ops[2]) != "tensor.yield"
    {
        return false;
    }
    let m = opnds(ops[0]);
    let mul_ok = m == [args[0], args[1]] || m == [args[1], args[0]];
    let prod = body.results(ops[0])[0];
    let a = opnds(ops[1]);
    let add_ok = a == [args[2], prod] || a == [prod, args[2]];
    let sum = body.results(ops[1])[0];
    // No attributes other than fast-math flags (which only permit what the kernels do).
    let plain = |o: Op| only_fastmath(ctx, body.op(o).props);
    mul_ok && add_ok && opnds(ops[2]) == [sum] && plain(ops[0]) && plain(ops[1])
}

fn only_fastmath(ctx: &Context, a: Attribute) -> bool {
    match ctx.attr_kind(a) {
        strata_ir::AttrKind::Dict(d) => d.iter().all(|na| ctx.str(na.name) == "fastmath"),
        _ => false,
    }
}

fn replace(ctx: &Context, body: &mut Body, op: Op, kind: Kernel) {
    let loc = body.op(op).loc;
    let mut st = OperationState::new(ctx, ctx.op_name("hw.intrinsic"), loc);
    st.operands = body.operands(op).collect();
    let mut props: Vec<(&str, Attribute)> = Vec::new();
    match kind {
        Kernel::Matmul { ta, tb } => {
            props.push(("name", ctx.string_attr(BATCH_MATMUL_ACC)));
            if ta {
                props.push(("transpose_a", ctx.unit_attr()));
            }
            if tb {
                props.push(("transpose_b", ctx.unit_attr()));
            }
        }
        Kernel::Conv { s, d } => {
            props.push(("name", ctx.string_attr(CONV2D_NCHW_ACC)));
            props.push(("strides", i64_array_attr(ctx, &s)));
            props.push(("dilations", i64_array_attr(ctx, &d)));
        }
    }
    st.props = Some(ctx.dict_attr(&props));
    let new = body.create_op(st);
    body.insert_op(new, InsertPoint::Before(op));
    body.erase_op(op);
}

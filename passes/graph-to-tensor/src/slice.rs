//! `graph.slice` with negative steps (reversals, e.g. the reverse cumulative ops), which
//! `tensor.extract_slice` cannot express: one all-parallel `tensor.generic` whose operand
//! map sends result index `i` of a sliced axis to `start + i * step` (the ONNX bounds, as
//! the graph dialect clamps them: [`slice_bounds`], [`slice_dim`]), after one
//! `extract_slice` for the axes with positive steps. Slices with only positive steps are
//! `extract_slice`s (in [`crate::lower`]).

use crate::build::{map, Cv};
use crate::index::norm_axis;
use strata_dialect_graph::attr::Attrs;
use strata_dialect_graph::shape::{slice_bounds, slice_dim};
use strata_dialect_tensor::util::{i32_array_attr, i64_array_attr};
use strata_dialect_tensor::IteratorType::Parallel;
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{Type, Value};

/// `graph.slice` of `x` (shape `shape`) giving `out`, when some step is negative; `None`
/// when no step is negative or the attributes do not give `out`.
pub fn negative_steps(
    cv: &mut Cv<'_>,
    x: Value,
    shape: &[i64],
    out: &[i64],
    elem: Type,
    attrs: &Attrs<'_>,
) -> Option<Value> {
    let r = shape.len();
    let starts = attrs.ints("starts").ok()??;
    let ends = attrs.ints("ends").ok()??;
    let k = starts.len();
    let axes = attrs
        .ints("axes")
        .ok()?
        .unwrap_or_else(|| (0..k as i64).collect());
    let steps = attrs.ints("steps").ok()?.unwrap_or_else(|| vec![1; k]);
    if ends.len() != k || axes.len() != k || steps.len() != k || steps.iter().all(|&s| s > 0) {
        return None;
    }
    // Positive steps first, as one extract_slice; then the negative ones in a generic (a
    // map result that is a plain `d_i` would tie the loop to the operand's size).
    let mut res: Vec<AffineExpr> = (0..r as u32).map(AffineExpr::Dim).collect();
    let mut sizes = shape.to_vec();
    let (mut offs, mut strides) = (vec![0i64; r], vec![1i64; r]);
    let mut mid = shape.to_vec();
    let mut seen = vec![false; r];
    for i in 0..k {
        let a = norm_axis(axes[i], r)?;
        let step = steps[i];
        if step == 0 || seen[a] {
            return None;
        }
        seen[a] = true;
        let (s, _) = slice_bounds(shape[a], starts[i], ends[i], step);
        sizes[a] = slice_dim(shape[a], starts[i], ends[i], step);
        if step > 0 {
            offs[a] = s;
            strides[a] = step;
            mid[a] = sizes[a];
            continue;
        }
        res[a] = AffineExpr::Add(
            Box::new(AffineExpr::Const(s)),
            Box::new(AffineExpr::Mul(
                Box::new(AffineExpr::Dim(a as u32)),
                Box::new(AffineExpr::Const(step)),
            )),
        );
    }
    if sizes != out || sizes.contains(&0) {
        return None;
    }
    let mut x = x;
    if mid != shape {
        let ctx = cv.ctx;
        let ty = ctx.tensor_type(&mid, elem);
        x = cv.v(
            "tensor.extract_slice",
            &[x],
            ty,
            &[
                ("operandSegmentSizes", i32_array_attr(ctx, &[1, 0, 0, 0])),
                ("static_offsets", i64_array_attr(ctx, &offs)),
                ("static_sizes", i64_array_attr(ctx, &mid)),
                ("static_strides", i64_array_attr(ctx, &strides)),
            ],
        );
    }
    let init = cv.empty(out, elem);
    Some(cv.generic(
        &[x],
        init,
        vec![map(r, res), AffineMap::identity(r as u32)],
        &vec![Parallel; r],
        |_, a| a[0],
    ))
}

//! Semantics of the tree-ensemble ops: `tree_ensemble` (ONNX `ai.onnx.ml` `TreeEnsemble`,
//! opset 5, `post_transform` `NONE`).
//!
//! The trees are read and checked by the dialect
//! ([`strata_dialect_graph::trees::tree_spec`]: children in range, no cycle, the depth of
//! the deepest tree); each row walks every tree from its root to a leaf (at most that depth
//! in steps) and the leaves' weights combine per target in tree order, as ONNX's reference
//! does: each step in `f64`, rounded to the element type (`"AVERAGE"` adds
//! `weight / trees`; `"MIN"`/`"MAX"` keep the current value unless the weight is smaller
//! or larger, Python's `min`/`max`, starting from the type's largest or lowest finite
//! value).

use super::{operands, Cx};
use crate::error::{bail, Result};
use crate::numeric::round_to_kind;
use crate::ops::{Sem, Table};
use crate::tensor::Tensor;
use strata_dialect_graph::trees::{tree_spec, Aggregate};
use strata_ir::FloatKind;

pub(crate) fn register(t: &mut Table) {
    t.insert("graph.tree_ensemble", Sem::Compute(tree_ensemble));
}

/// The largest finite value of float kind `k` (`numpy.finfo(k).max`).
pub fn finite_max(k: FloatKind) -> Result<f64> {
    Ok(match k {
        FloatKind::F64 => f64::MAX,
        FloatKind::F32 => f64::from(f32::MAX),
        FloatKind::F16 => 65504.0,
        FloatKind::BF16 => f64::from(half::bf16::MAX),
        other => bail!("tree_ensemble on {other:?} is not supported"),
    })
}

fn tree_ensemble(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let spec = tree_spec(cx.ctx, cx.body.op(cx.op).props)?;
    let Some(kind) = x.dtype().float_kind() else {
        bail!("expected a float tensor, got {}", x.type_str());
    };
    let [rows, cols] = *x.shape() else {
        bail!("expected a rank-2 tensor, got {}", x.type_str());
    };
    if cols < spec.features {
        bail!(
            "the trees read feature {} of rows of {cols}",
            spec.features - 1
        );
    }
    let t = spec.n_targets;
    cx.numel(&[rows, t])?;
    cx.work(&[rows, spec.roots.len(), spec.depth.max(1)])?;
    let values = x.to_f64_vec();
    let big = finite_max(kind)?;
    let init = match spec.aggregate {
        Aggregate::Sum | Aggregate::Average => 0.0,
        Aggregate::Min => big,
        Aggregate::Max => -big,
    };
    let trees = spec.roots.len() as f64;
    let mut out = vec![init; rows * t];
    for r in 0..rows {
        let row = &values[r * cols..(r + 1) * cols];
        for &root in &spec.roots {
            let (target, w) = spec.leaves[spec.walk(root, |f| row[f])];
            let acc = &mut out[r * t + target];
            *acc = match spec.aggregate {
                Aggregate::Sum => round_to_kind(kind, *acc + w),
                Aggregate::Average => round_to_kind(kind, *acc + w / trees),
                Aggregate::Min if w < *acc => round_to_kind(kind, w),
                Aggregate::Max if w > *acc => round_to_kind(kind, w),
                Aggregate::Min | Aggregate::Max => *acc,
            };
        }
    }
    Ok(vec![Tensor::from_f64s(x.dtype(), vec![rows, t], &out)?])
}

//! `ai.onnx.ml` `TreeEnsemble` (opset 5) as `graph.tree_ensemble`.
//!
//! The node and leaf tables are copied into the op's attributes: the integer lists as
//! `array<i64>`, the tensor attributes (`nodes_splits`, `leaf_weights`,
//! `membership_values`: `float`, `double` or `float16`, all exact in `f64`) as
//! `array<f64>`, `nodes_modes` (a `uint8` tensor) as `array<i64>`, and
//! `aggregate_function` (0 `AVERAGE`, 1 `SUM`, the default, 2 `MIN`, 3 `MAX`) as its name.
//! `nodes_hitrates` only guides a runtime's layout and is not kept. The graph dialect's
//! verifier checks the tables (`strata_dialect_graph::trees::tree_spec`). `post_transform`
//! other than `NONE` (0) is refused as unsupported: none of ONNX's node tests uses one.

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use crate::proto::AttributeProto;
use crate::tensor::ConstTensor;
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_ir::{AttrKind, Attribute};

/// `array<f64: values...>`.
fn f64_array_attr(lw: &Lowerer<'_>, values: &[f64]) -> Attribute {
    let data: Vec<u8> = values
        .iter()
        .flat_map(|v| v.to_bits().to_le_bytes())
        .collect();
    lw.ctx.attr(AttrKind::DenseArray {
        elem: lw.ctx.float_type(strata_ir::FloatKind::F64),
        len: u32::try_from(values.len()).expect("attribute tables hold fewer than 2^32 entries"),
        data: data.into(),
    })
}

/// The elements of tensor attribute `a` of `n`, decoded within the importer's limits.
fn tensor_values(lw: &Lowerer<'_>, n: &N<'_>, a: &AttributeProto) -> Result<ConstTensor> {
    let t =
        a.t.as_ref()
            .ok_or_else(|| n.invalid(format!("attribute '{}' must be a TENSOR", a.name)))?;
    let mut ext = crate::external::ExternalLoader::new(None, 0);
    ConstTensor::from_proto(lw.ctx, t, &lw.limits, &mut ext, &n.at)
}

/// Lower `TreeEnsemble` (see the module documentation).
pub(crate) fn lower_tree_ensemble(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let post = n.attrs.int_or("post_transform", 0)?;
    if post != 0 {
        return Err(n.unsupported(&format!("post_transform {post} (only NONE, 0)")));
    }
    let aggregate = match n.attrs.int_or("aggregate_function", 1)? {
        0 => "AVERAGE",
        1 => "SUM",
        2 => "MIN",
        3 => "MAX",
        other => return Err(n.invalid(format!("aggregate_function {other} is not 0 to 3"))),
    };
    let n_targets = n
        .attrs
        .int("n_targets")?
        .ok_or_else(|| n.invalid("TreeEnsemble needs 'n_targets'"))?;
    let mut props = vec![
        ("aggregate_function", lw.ctx.string_attr(aggregate)),
        ("n_targets", i64_attr(lw.ctx, n_targets)),
    ];
    for name in [
        "tree_roots",
        "nodes_featureids",
        "nodes_truenodeids",
        "nodes_trueleafs",
        "nodes_falsenodeids",
        "nodes_falseleafs",
        "nodes_missing_value_tracks_true",
        "leaf_targetids",
    ] {
        if let Some(v) = n.attrs.ints(name)? {
            props.push((name, i64_array_attr(lw.ctx, &v)));
        }
    }
    let max = lw.limits.max_tensor_elements;
    if let Some(a) = n.attrs.get("nodes_modes") {
        let modes = tensor_values(lw, n, a)?
            .ints(max)
            .ok_or_else(|| n.invalid("'nodes_modes' must be an integer tensor"))?;
        props.push(("nodes_modes", i64_array_attr(lw.ctx, &modes)));
    }
    for name in ["nodes_splits", "leaf_weights", "membership_values"] {
        if let Some(a) = n.attrs.get(name) {
            let c = tensor_values(lw, n, a)?;
            if !crate::tensor::is_float(c.dtype) {
                return Err(n.invalid(format!("'{name}' must be a float tensor")));
            }
            let v = c
                .floats(max)
                .ok_or_else(|| n.invalid(format!("'{name}' cannot be decoded")))?;
            props.push((name, f64_array_attr(lw, &v)));
        }
    }
    lw.emit(n, "graph.tree_ensemble", &[x], &props)
}

//! Lowering of convolutions and pooling (with `auto_pad` resolved to explicit pads),
//! matrix products, softmax (with the flatten-to-2-D semantics of opsets < 13),
//! normalisations and reductions (axes as attributes or constant inputs).

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_dialect_graph::shape::is_dynamic;
use strata_ir::{Attribute, Value};

pub(crate) fn lower_nn(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let op = n.node.op_type.as_str();
    match op {
        "Conv" | "ConvTranspose" => lower_conv(lw, n, op == "ConvTranspose"),
        "MaxPool" | "AveragePool" => lower_pool(lw, n, op == "MaxPool"),
        "MatMul" => {
            let (a, b) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
            lw.emit(n, "graph.matmul", &[a, b], &[])
        }
        "Gemm" => {
            let mut xs = vec![lw.inp(n, 0)?, lw.inp(n, 1)?];
            if let Some(c) = lw.opt_inp(n, 2)? {
                xs.push(c);
            }
            let (_, e) = lw.shape_of(xs[0]);
            let alpha = lw.float_for(f64::from(n.attrs.float("alpha")?.unwrap_or(1.0)), e);
            let beta = lw.float_for(f64::from(n.attrs.float("beta")?.unwrap_or(1.0)), e);
            let ta = i64_attr(lw.ctx, n.attrs.int_or("transA", 0)?);
            let tb = i64_attr(lw.ctx, n.attrs.int_or("transB", 0)?);
            let props = [
                ("alpha", alpha),
                ("beta", beta),
                ("trans_a", ta),
                ("trans_b", tb),
            ];
            lw.emit(n, "graph.gemm", &xs, &props)
        }
        "Softmax" | "LogSoftmax" => lower_softmax(lw, n, op == "LogSoftmax"),
        "LayerNormalization" => {
            let mut xs = vec![lw.inp(n, 0)?, lw.inp(n, 1)?];
            if let Some(b) = lw.opt_inp(n, 2)? {
                xs.push(b);
            }
            let (shape, e) = lw.shape_of(xs[0]);
            let axis_v = n.attrs.int_or("axis", -1)?;
            let axis = i64_attr(lw.ctx, axis_v);
            let eps_v = f64::from(n.attrs.float("epsilon")?.unwrap_or(1e-5));
            let eps = lw.float_for(eps_v, e);
            let y = lw.emit1(
                n,
                "graph.layer_norm",
                &xs,
                &[("axis", axis), ("epsilon", eps)],
            )?;
            if n.node.output.iter().skip(1).all(|o| o.is_empty()) {
                return lw.bind(n, &[y]);
            }
            let (mean, inv) = layer_norm_stats(lw, n, xs[0], &shape, axis_v, eps_v)?;
            lw.bind(n, &[y, mean, inv])
        }
        "RMSNormalization" => lower_rms_norm(lw, n),
        "BatchNormalization" => {
            if n.attrs.int_or("training_mode", 0)? != 0 {
                if n.opset < 14 {
                    return Err(n.unsupported("training_mode"));
                }
                return super::nodes_index::batch_norm_training(lw, n);
            }
            if n.opset < 9 && n.attrs.int_or("spatial", 1)? != 1 {
                return Err(n.unsupported("spatial = 0"));
            }
            if n.opset < 7 && n.attrs.int_or("is_test", 0)? == 0 {
                return Err(n.unsupported("is_test = 0 (training)"));
            }
            if n.node.output.iter().skip(1).any(|o| !o.is_empty()) {
                return Err(n.unsupported("training outputs"));
            }
            let mut xs = Vec::new();
            for i in 0..5 {
                xs.push(lw.inp(n, i)?);
            }
            let (_, e) = lw.shape_of(xs[0]);
            let eps = lw.float_for(f64::from(n.attrs.float("epsilon")?.unwrap_or(1e-5)), e);
            let mom = lw.float_for(f64::from(n.attrs.float("momentum")?.unwrap_or(0.9)), e);
            lw.emit(
                n,
                "graph.batch_norm",
                &xs,
                &[("epsilon", eps), ("momentum", mom)],
            )
        }
        "InstanceNormalization" => {
            let xs = [lw.inp(n, 0)?, lw.inp(n, 1)?, lw.inp(n, 2)?];
            let (_, e) = lw.shape_of(xs[0]);
            let eps = lw.float_for(f64::from(n.attrs.float("epsilon")?.unwrap_or(1e-5)), e);
            lw.emit(n, "graph.instance_norm", &xs, &[("epsilon", eps)])
        }
        "LRN" => {
            let x = lw.inp(n, 0)?;
            let (_, e) = lw.shape_of(x);
            let size = n
                .attrs
                .int("size")?
                .ok_or_else(|| n.invalid("LRN needs 'size'"))?;
            let mut props = vec![("size", i64_attr(lw.ctx, size))];
            for (name, default) in [("alpha", 1e-4), ("beta", 0.75), ("bias", 1.0)] {
                let v = n.attrs.float(name)?.unwrap_or(default);
                props.push((name, lw.float_for(f64::from(v), e)));
            }
            lw.emit(n, "graph.lrn", &[x], &props)
        }
        "ReduceSum" | "ReduceMean" | "ReduceMax" | "ReduceMin" | "ReduceProd" | "ReduceL1"
        | "ReduceL2" | "ReduceLogSum" | "ReduceLogSumExp" | "ReduceSumSquare" => {
            lower_reduce(lw, n)
        }
        "ArgMax" | "ArgMin" => {
            let x = lw.inp(n, 0)?;
            let props = [
                ("axis", i64_attr(lw.ctx, n.attrs.int_or("axis", 0)?)),
                ("keepdims", i64_attr(lw.ctx, n.attrs.int_or("keepdims", 1)?)),
                (
                    "select_last_index",
                    i64_attr(lw.ctx, n.attrs.int_or("select_last_index", 0)?),
                ),
            ];
            let g = if op == "ArgMax" {
                "graph.argmax"
            } else {
                "graph.argmin"
            };
            lw.emit(n, g, &[x], &props)
        }
        "Resize" | "Upsample" => super::nodes_resize::lower_resize(lw, n),
        "TfIdfVectorizer" => super::nodes_domains::lower_tfidf(lw, n),
        "StringConcat" | "StringSplit" | "RegexFullMatch" | "StringNormalizer" => {
            super::nodes_strings::lower_string_op(lw, n)
        }
        "NegativeLogLikelihoodLoss" | "SoftmaxCrossEntropyLoss" | "Trilu" => {
            super::nodes_loss::lower_loss(lw, n)
        }
        "OneHot"
        | "Hardmax"
        | "CumSum"
        | "EyeLike"
        | "DepthToSpace"
        | "SpaceToDepth"
        | "LpNormalization"
        | "MeanVarianceNormalization"
        | "GroupNormalization" => super::nodes_struct::lower_struct(lw, n),
        "QuantizeLinear"
        | "DequantizeLinear"
        | "DynamicQuantizeLinear"
        | "MatMulInteger"
        | "ConvInteger"
        | "QLinearMatMul"
        | "QLinearConv" => super::nodes_quant::lower_quant(lw, n),
        "LpPool" | "CenterCropPad" | "GridSample" | "AffineGrid" | "MaxUnpool" | "Col2Im"
        | "RoiAlign" | "DeformConv" => super::nodes_spatial::lower_spatial(lw, n),
        _ => super::nodes_compose::lower_composite(lw, n),
    }
}

/// The `Mean` and `InvStdDev` outputs of `LayerNormalization` (ONNX's function body):
/// statistics over the dimensions `axis ..`, kept as 1, computed in `f32` for the default
/// `stash_type = 1` (the input is cast first) or in the input type otherwise.
fn layer_norm_stats(
    lw: &mut Lowerer<'_>,
    n: &N<'_>,
    x: Value,
    shape: &[i64],
    axis: i64,
    eps: f64,
) -> Result<(Value, Value)> {
    let rank = shape.len() as i64;
    let a = if axis < 0 { axis + rank } else { axis };
    if !(0..rank).contains(&a) {
        return Err(n.invalid(format!("axis {axis} out of range for rank {rank}")));
    }
    let (_, e) = lw.shape_of(x);
    let x = if n.attrs.int_or("stash_type", 1)? == 1 && e != lw.ctx.f32() {
        let to = lw.ctx.type_attr(lw.ctx.f32());
        lw.emit1(n, "graph.cast", &[x], &[("to", to)])?
    } else {
        x
    };
    let (_, se) = lw.shape_of(x);
    let axes: Vec<i64> = (a..rank).collect();
    let props = [
        ("axes", i64_array_attr(lw.ctx, &axes)),
        ("keepdims", i64_attr(lw.ctx, 1)),
    ];
    let mean = lw.emit1(n, "graph.reduce_mean", &[x], &props)?;
    let d = lw.emit1(n, "graph.sub", &[x, mean], &[])?;
    let d2 = lw.emit1(n, "graph.mul", &[d, d], &[])?;
    let var = lw.emit1(n, "graph.reduce_mean", &[d2], &props)?;
    let ty = lw.ctx.tensor_type(&[], se);
    let attr = strata_dialect_graph::dense::dense_attr(
        lw.ctx,
        ty,
        &strata_dialect_graph::dense::Values::Float(vec![eps]),
    )
    .ok_or_else(|| n.invalid("epsilon constant"))?;
    let mut b = strata_ir::OpBuilder::at_end(lw.ctx, lw.body, lw.block);
    b.loc = n.loc;
    let eps_c = strata_dialect_graph::materialize_constant(&mut b, attr, ty)
        .ok_or_else(|| n.invalid("epsilon constant"))?;
    let ve = lw.emit1(n, "graph.add", &[var, eps_c], &[])?;
    let sd = lw.emit1(n, "graph.sqrt", &[ve], &[])?;
    let inv = lw.emit1(n, "graph.reciprocal", &[sd], &[])?;
    Ok((mean, inv))
}

/// `RMSNormalization` (opset 23) as its function body: `x / sqrt(mean(x^2 over axis..) +
/// epsilon) * scale`, with the statistics computed in `f32` for the default `stash_type = 1`
/// (the input is cast first and the normalised value cast back before the scale).
fn lower_rms_norm(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let scale = lw.inp(n, 1)?;
    let (shape, e) = lw.shape_of(x);
    let rank = shape.len() as i64;
    let axis = n.attrs.int_or("axis", -1)?;
    let a = if axis < 0 { axis + rank } else { axis };
    if !(0..rank).contains(&a) {
        return Err(n.invalid(format!("axis {axis} out of range for rank {rank}")));
    }
    let eps = f64::from(n.attrs.float("epsilon")?.unwrap_or(1e-5));
    let stash_f32 = n.attrs.int_or("stash_type", 1)? == 1 && e != lw.ctx.f32();
    let xs = if stash_f32 {
        let to = lw.ctx.type_attr(lw.ctx.f32());
        lw.emit1(n, "graph.cast", &[x], &[("to", to)])?
    } else {
        x
    };
    let (_, se) = lw.shape_of(xs);
    let axes: Vec<i64> = (a..rank).collect();
    let props = [
        ("axes", i64_array_attr(lw.ctx, &axes)),
        ("keepdims", i64_attr(lw.ctx, 1)),
    ];
    let sq = lw.emit1(n, "graph.mul", &[xs, xs], &[])?;
    let ms = lw.emit1(n, "graph.reduce_mean", &[sq], &props)?;
    let ty = lw.ctx.tensor_type(&[], se);
    let attr = strata_dialect_graph::dense::dense_attr(
        lw.ctx,
        ty,
        &strata_dialect_graph::dense::Values::Float(vec![eps]),
    )
    .ok_or_else(|| n.invalid("epsilon constant"))?;
    let mut b = strata_ir::OpBuilder::at_end(lw.ctx, lw.body, lw.block);
    b.loc = n.loc;
    let eps_c = strata_dialect_graph::materialize_constant(&mut b, attr, ty)
        .ok_or_else(|| n.invalid("epsilon constant"))?;
    let me = lw.emit1(n, "graph.add", &[ms, eps_c], &[])?;
    let rms = lw.emit1(n, "graph.sqrt", &[me], &[])?;
    let inv = lw.emit1(n, "graph.reciprocal", &[rms], &[])?;
    let mut y = lw.emit1(n, "graph.mul", &[xs, inv], &[])?;
    if stash_f32 {
        let to = lw.ctx.type_attr(e);
        y = lw.emit1(n, "graph.cast", &[y], &[("to", to)])?;
    }
    lw.emit(n, "graph.mul", &[y, scale], &[])
}

/// Resolve `auto_pad` for input spatial dims `spatial`, kernel `k`, `strides`, `dilations`.
fn resolve_pads(
    n: &N<'_>,
    spatial: &[i64],
    k: &[i64],
    strides: &[i64],
    dilations: &[i64],
) -> Result<Vec<i64>> {
    let rank = spatial.len();
    let auto = n
        .attrs
        .string("auto_pad")?
        .unwrap_or_else(|| "NOTSET".into());
    match auto.as_str() {
        "NOTSET" => Ok(n.attrs.ints("pads")?.unwrap_or_else(|| vec![0; 2 * rank])),
        "VALID" => Ok(vec![0; 2 * rank]),
        "SAME_UPPER" | "SAME_LOWER" => {
            let mut pads = vec![0; 2 * rank];
            for i in 0..rank {
                if is_dynamic(spatial[i]) || is_dynamic(k[i]) {
                    return Err(n.unsupported("auto_pad with dynamic spatial dimensions"));
                }
                let s = strides[i].max(1);
                let out = spatial[i].saturating_add(s - 1) / s;
                let eff = (k[i].saturating_sub(1))
                    .saturating_mul(dilations[i])
                    .saturating_add(1);
                let total = (out.saturating_sub(1))
                    .saturating_mul(s)
                    .saturating_add(eff)
                    .saturating_sub(spatial[i])
                    .max(0);
                let (small, big) = (total / 2, total - total / 2);
                if auto == "SAME_UPPER" {
                    pads[i] = small;
                    pads[i + rank] = big;
                } else {
                    pads[i] = big;
                    pads[i + rank] = small;
                }
            }
            Ok(pads)
        }
        other => Err(n.invalid(format!("unknown auto_pad '{other}'"))),
    }
}

pub(super) fn window(
    lw: &Lowerer<'_>,
    n: &N<'_>,
    x: Value,
    kernel: Vec<i64>,
) -> Result<Vec<(&'static str, Attribute)>> {
    let (shape, _) = lw.shape_of(x);
    let rank = shape.len().saturating_sub(2);
    if rank == 0 || kernel.len() != rank {
        return Err(n.invalid("kernel rank does not match the input's spatial rank"));
    }
    let strides = n.attrs.ints("strides")?.unwrap_or_else(|| vec![1; rank]);
    let dilations = n.attrs.ints("dilations")?.unwrap_or_else(|| vec![1; rank]);
    if strides.len() != rank || dilations.len() != rank {
        return Err(n.invalid("strides/dilations must have one value per spatial dimension"));
    }
    let pads = resolve_pads(n, &shape[2..], &kernel, &strides, &dilations)?;
    Ok(vec![
        ("strides", i64_array_attr(lw.ctx, &strides)),
        ("dilations", i64_array_attr(lw.ctx, &dilations)),
        ("pads", i64_array_attr(lw.ctx, &pads)),
    ])
}

fn lower_conv(lw: &mut Lowerer<'_>, n: &N<'_>, transpose: bool) -> Result<()> {
    let (x, w) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
    let mut xs = vec![x, w];
    if let Some(b) = lw.opt_inp(n, 2)? {
        xs.push(b);
    }
    let (wshape, _) = lw.shape_of(w);
    let kernel = match n.attrs.ints("kernel_shape")? {
        Some(k) => k,
        None => wshape.get(2..).unwrap_or(&[]).to_vec(),
    };
    if transpose {
        let auto = n
            .attrs
            .string("auto_pad")?
            .unwrap_or_else(|| "NOTSET".into());
        if n.attrs.get("output_shape").is_some() || auto.starts_with("SAME") {
            return super::nodes_spatial::lower_conv_transpose_shaped(lw, n, &kernel);
        }
    }
    let mut props = window(lw, n, x, kernel.clone())?;
    props.push(("group", i64_attr(lw.ctx, n.attrs.int_or("group", 1)?)));
    if n.attrs.get("kernel_shape").is_some() {
        props.push(("kernel_shape", i64_array_attr(lw.ctx, &kernel)));
    }
    if transpose {
        if let Some(op) = n.attrs.ints("output_padding")? {
            props.push(("output_padding", i64_array_attr(lw.ctx, &op)));
        }
        lw.emit(n, "graph.conv_transpose", &xs, &props)
    } else {
        lw.emit(n, "graph.conv", &xs, &props)
    }
}

fn lower_pool(lw: &mut Lowerer<'_>, n: &N<'_>, max: bool) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let kernel = n
        .attrs
        .ints("kernel_shape")?
        .ok_or_else(|| n.invalid("pooling needs kernel_shape"))?;
    let mut props = window(lw, n, x, kernel.clone())?;
    props.push(("kernel_shape", i64_array_attr(lw.ctx, &kernel)));
    props.push((
        "ceil_mode",
        i64_attr(lw.ctx, n.attrs.int_or("ceil_mode", 0)?),
    ));
    if max {
        let so = n.attrs.int_or("storage_order", 0)?;
        props.push(("storage_order", i64_attr(lw.ctx, so)));
        lw.emit(n, "graph.max_pool", &[x], &props)
    } else {
        let cip = n.attrs.int_or("count_include_pad", 0)?;
        props.push(("count_include_pad", i64_attr(lw.ctx, cip)));
        lw.emit(n, "graph.average_pool", &[x], &props)
    }
}

fn lower_softmax(lw: &mut Lowerer<'_>, n: &N<'_>, log: bool) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let g = if log {
        "graph.log_softmax"
    } else {
        "graph.softmax"
    };
    let (shape, _) = lw.shape_of(x);
    let rank = shape.len() as i64;
    if n.opset >= 13 {
        let axis = i64_attr(lw.ctx, n.attrs.int_or("axis", -1)?);
        return lw.emit(n, g, &[x], &[("axis", axis)]);
    }
    // Opsets < 13: the input is flattened to 2-D at `axis` (default 1) and the softmax
    // runs over the whole second dimension.
    let axis = n.attrs.int_or("axis", 1)?;
    let a = if axis < 0 {
        axis.saturating_add(rank)
    } else {
        axis
    };
    if a < 0 || a > rank {
        return Err(n.invalid(format!("axis {axis} out of range for rank {rank}")));
    }
    if a == rank - 1 {
        let axis = i64_attr(lw.ctx, -1);
        return lw.emit(n, g, &[x], &[("axis", axis)]);
    }
    if shape.iter().any(|&d| is_dynamic(d)) {
        return Err(n.unsupported("opset < 13 axis with a dynamic shape"));
    }
    let flat = lw.emit1(n, "graph.flatten", &[x], &[("axis", i64_attr(lw.ctx, a))])?;
    let s = lw.emit1(n, g, &[flat], &[("axis", i64_attr(lw.ctx, -1))])?;
    let back = i64_array_attr(lw.ctx, &shape);
    lw.emit(n, "graph.reshape", &[s], &[("shape", back)])
}

fn lower_reduce(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let op = n.node.op_type.as_str();
    let axes_as_input = if op == "ReduceSum" {
        n.opset >= 13
    } else {
        n.opset >= 18
    };
    let axes = if axes_as_input {
        lw.const_ints(n, 1)?
    } else {
        n.attrs.ints("axes")?
    };
    // The composite reductions (ONNX's function definitions): an elementwise op before
    // `reduce_sum` and one after.
    let (pre, post): (Option<&str>, Option<&str>) = match op {
        "ReduceL1" => (Some("graph.abs"), None),
        "ReduceL2" => (Some("graph.mul"), Some("graph.sqrt")),
        "ReduceSumSquare" => (Some("graph.mul"), None),
        "ReduceLogSum" => (None, Some("graph.log")),
        "ReduceLogSumExp" => (Some("graph.exp"), Some("graph.log")),
        _ => (None, None),
    };
    let g = match op {
        "ReduceMean" => "graph.reduce_mean",
        "ReduceMax" => "graph.reduce_max",
        "ReduceMin" => "graph.reduce_min",
        "ReduceProd" => "graph.reduce_prod",
        _ => "graph.reduce_sum",
    };
    let mut props = vec![("keepdims", i64_attr(lw.ctx, n.attrs.int_or("keepdims", 1)?))];
    if let Some(a) = axes {
        props.push(("axes", i64_array_attr(lw.ctx, &a)));
    }
    let noop = n.attrs.int_or("noop_with_empty_axes", 0)?;
    if noop != 0 {
        props.push(("noop_with_empty_axes", i64_attr(lw.ctx, noop)));
    }
    let x = match pre {
        Some("graph.mul") => lw.emit1(n, "graph.mul", &[x, x], &[])?,
        Some(p) => lw.emit1(n, p, &[x], &[])?,
        None => x,
    };
    match post {
        None => lw.emit(n, g, &[x], &props),
        Some(p) => {
            let r = lw.emit1(n, g, &[x], &props)?;
            lw.emit(n, p, &[r], &[])
        }
    }
}

//! Bitwise, selection and linear-algebra operators lowered to the graph ops of
//! `strata_dialect_graph::select` and `::linalg`: `BitwiseAnd`/`Or`/`Xor`/`Not`, `TopK`,
//! `GatherND`, `NonZero`, `Unique`, `NonMaxSuppression`, `Einsum`, `Det`, and `Compress`
//! (`graph.non_zero` of the condition, then `graph.gather`, as `np.compress`; a constant
//! condition gives the positions as a constant and a static result size). The
//! data-dependent result sizes (`NonZero`, `Unique`, `NonMaxSuppression`, `Compress`) are
//! dynamic dimensions of the result types.

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use crate::tensor::ConstTensor;
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_ir::Value;

/// The operators of this module, their first supported opset and constant inputs.
pub(crate) const SELECT: &[(&str, i64, &[usize])] = &[
    ("BitwiseAnd", 18, &[]),
    ("BitwiseOr", 18, &[]),
    ("BitwiseXor", 18, &[]),
    ("BitwiseNot", 18, &[]),
    ("TopK", 10, &[1]),
    ("GatherND", 11, &[]),
    ("NonZero", 9, &[]),
    ("Compress", 9, &[]),
    ("Unique", 11, &[]),
    ("NonMaxSuppression", 10, &[2, 3, 4]),
    ("Einsum", 12, &[]),
    ("Det", 11, &[]),
];

/// Lower one of the [`SELECT`] operators.
pub(crate) fn lower_select(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let op = n.node.op_type.as_str();
    match op {
        "BitwiseAnd" | "BitwiseOr" | "BitwiseXor" => {
            let (a, b) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
            let g = match op {
                "BitwiseAnd" => "graph.bitwise_and",
                "BitwiseOr" => "graph.bitwise_or",
                _ => "graph.bitwise_xor",
            };
            lw.emit(n, g, &[a, b], &[])
        }
        "BitwiseNot" => {
            let x = lw.inp(n, 0)?;
            lw.emit(n, "graph.bitwise_not", &[x], &[])
        }
        "TopK" => {
            let x = lw.inp(n, 0)?;
            let k = lw
                .const_ints(n, 1)?
                .filter(|k| k.len() == 1)
                .and_then(|k| k.first().copied())
                .ok_or_else(|| n.invalid("TopK needs a one-element k"))?;
            let props = [
                ("k", i64_attr(lw.ctx, k)),
                ("axis", i64_attr(lw.ctx, n.attrs.int_or("axis", -1)?)),
                ("largest", i64_attr(lw.ctx, n.attrs.int_or("largest", 1)?)),
                ("sorted", i64_attr(lw.ctx, n.attrs.int_or("sorted", 1)?)),
            ];
            lw.emit(n, "graph.top_k", &[x], &props)
        }
        "GatherND" => {
            let (x, i) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
            let b = i64_attr(lw.ctx, n.attrs.int_or("batch_dims", 0)?);
            lw.emit(n, "graph.gather_nd", &[x, i], &[("batch_dims", b)])
        }
        "NonZero" => {
            let x = lw.inp(n, 0)?;
            lw.emit(n, "graph.non_zero", &[x], &[])
        }
        "Compress" => compress(lw, n),
        "Unique" => {
            let x = lw.inp(n, 0)?;
            let mut props = vec![("sorted", i64_attr(lw.ctx, n.attrs.int_or("sorted", 1)?))];
            if let Some(a) = n.attrs.int("axis")? {
                props.push(("axis", i64_attr(lw.ctx, a)));
            }
            lw.emit(n, "graph.unique", &[x], &props)
        }
        "NonMaxSuppression" => {
            let (b, s) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
            let scalar = |v: Option<Vec<f64>>, what: &str| -> Result<Option<f64>> {
                match v {
                    None => Ok(None),
                    Some(v) if v.len() <= 1 => Ok(v.first().copied()),
                    Some(_) => Err(n.invalid(format!("{what} must hold one value"))),
                }
            };
            let max_out = match lw.const_ints(n, 2)? {
                None => None,
                Some(v) if v.len() <= 1 => v.first().copied(),
                Some(_) => return Err(n.invalid("max_output_boxes_per_class must hold one value")),
            };
            let iou = scalar(lw.const_floats(n, 3)?, "iou_threshold")?;
            let score = scalar(lw.const_floats(n, 4)?, "score_threshold")?;
            let f32t = lw.ctx.f32();
            let mut props = vec![
                (
                    "center_point_box",
                    i64_attr(lw.ctx, n.attrs.int_or("center_point_box", 0)?),
                ),
                (
                    "max_output_boxes_per_class",
                    i64_attr(lw.ctx, max_out.unwrap_or(0).max(0)),
                ),
                ("iou_threshold", lw.ctx.float_attr(iou.unwrap_or(0.0), f32t)),
            ];
            if let Some(t) = score {
                props.push(("score_threshold", lw.ctx.float_attr(t, f32t)));
            }
            lw.emit(n, "graph.non_max_suppression", &[b, s], &props)
        }
        "Einsum" => {
            let mut xs = Vec::with_capacity(n.node.input.len());
            for i in 0..n.node.input.len() {
                xs.push(lw.inp(n, i)?);
            }
            let eq = n
                .attrs
                .string("equation")?
                .ok_or_else(|| n.invalid("Einsum needs 'equation'"))?;
            let eq = lw.ctx.string_attr(&eq);
            lw.emit(n, "graph.einsum", &xs, &[("equation", eq)])
        }
        "Det" => {
            let x = lw.inp(n, 0)?;
            lw.emit(n, "graph.det", &[x], &[])
        }
        _ => Err(n.unsupported("operator")),
    }
}

/// `Compress(x, condition, axis)`: the positions of the true conditions
/// (`graph.non_zero`, one row for a 1-D condition) gather along `axis`, or along the
/// flattened input without one. A condition shorter than the axis selects among its first
/// elements; a true condition beyond the axis is an out-of-range index (reported by the
/// interpreter), as numpy reports it.
fn compress(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let (x, c) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
    let (cs, ce) = lw.shape_of(c);
    if cs.len() != 1 || ce != lw.ctx.i1() {
        return Err(n.invalid("Compress needs a 1-D bool condition"));
    }
    // A constant condition (a bound input too) gives the positions as a constant, so the
    // result size is static.
    let known = n
        .input_name(1)
        .and_then(|name| lw.constant_or_fold(name))
        .and_then(|t| t.ints(1 << 16));
    let idx = match known {
        Some(cond) => {
            let pos: Vec<i64> = (0..cond.len() as i64)
                .filter(|&i| cond[i as usize] != 0)
                .collect();
            let out = n.node.output.first().cloned().unwrap_or_default();
            let name = format!("strata.compress.{out}");
            let c = ConstTensor {
                dtype: crate::proto::data_type::INT64,
                elem: lw.ctx.int_type(64),
                shape: vec![pos.len() as i64],
                data: pos
                    .iter()
                    .flat_map(|v| v.to_le_bytes())
                    .collect::<Vec<u8>>()
                    .into(),
                splat: false,
                name: name.clone(),
            };
            lw.consts.insert(name.clone(), c);
            let at = n.at.clone();
            lw.operand(&name, &at)?
        }
        None => {
            let nz = lw.emit1(n, "graph.non_zero", &[c], &[])?;
            let zero = i64_array_attr(lw.ctx, &[0]);
            lw.emit1(n, "graph.squeeze", &[nz], &[("axes", zero)])?
        }
    };
    let (x, axis): (Value, i64) = match n.attrs.int("axis")? {
        Some(a) => (x, a),
        None => {
            let flat = i64_array_attr(lw.ctx, &[-1]);
            (lw.emit1(n, "graph.reshape", &[x], &[("shape", flat)])?, 0)
        }
    };
    let a = i64_attr(lw.ctx, axis);
    lw.emit(n, "graph.gather", &[x, idx], &[("axis", a)])
}

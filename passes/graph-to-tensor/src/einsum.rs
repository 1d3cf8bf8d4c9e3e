//! `graph.einsum` as one `tensor.generic`.
//!
//! The equation is parsed by the graph dialect's [`parse_einsum`] (shared with the
//! interpreter). The loops are the output labels (parallel) followed by the summed labels
//! (reduction), the interpreter's order; each operand reads through the map sending each of
//! its dims to its label's loop, so a label repeated within one operand reads its diagonal,
//! and a size-1 ellipsis dim broadcast against a larger one reads index 0. The body
//! multiplies the operands' elements and adds the product to the accumulator, which starts
//! at 0.
//!
//! Floats accumulate in their own type except `f16`/`bf16`, which accumulate in `f32` and
//! round once at the end (the interpreter accumulates in `f64` and rounds once); signless
//! integers wrap, as the interpreter's do.

use crate::build::{elem_of, float_kind, is_float, map, signless_width, Cv};
use strata_dialect_graph::attr::{string_value, Attrs};
use strata_dialect_graph::linalg::{einsum_sizes, parse_einsum};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{FloatKind, Type, Value};

/// The largest number of body evaluations (the product of all loop sizes) built.
const MAX_WORK: i64 = crate::scatter::MAX_WORK;

/// `graph.einsum` on operands of static `shapes` giving `out`.
pub fn einsum(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    attrs: &Attrs<'_>,
) -> Option<Value> {
    let ctx = cv.ctx;
    let float = is_float(ctx, elem);
    let wide = matches!(
        float_kind(ctx, elem),
        Some(FloatKind::F16 | FloatKind::BF16)
    );
    if !(float && float_kind(ctx, elem).is_some_and(|k| k.is_ieee_arith())
        || signless_width(ctx, elem).is_some_and(|w| w > 1))
    {
        return None;
    }
    if ops.is_empty()
        || ops
            .iter()
            .any(|&v| elem_of(ctx, cv.body.value_type(v)) != elem)
    {
        return None;
    }
    let eq = string_value(ctx, attrs.get("equation")?)?.to_string();
    let ranks: Vec<usize> = shapes.iter().map(Vec::len).collect();
    let spec = parse_einsum(&eq, &ranks).ok()?;
    let refs: Vec<&[i64]> = shapes.iter().map(Vec::as_slice).collect();
    let sizes = einsum_sizes(&spec, &refs).ok()?;
    // Loops: the output labels, then the summed labels in label order.
    let mut labels = spec.output.clone();
    let mut used = vec![false; spec.num_labels];
    for &l in spec.inputs.iter().flatten() {
        used[l] = true;
    }
    labels.extend((0..spec.num_labels).filter(|&l| used[l] && !spec.output.contains(&l)));
    let dims: Vec<i64> = labels.iter().map(|&l| sizes[l]).collect();
    let want: Vec<i64> = spec.output.iter().map(|&l| sizes[l]).collect();
    if want != out || dims.iter().any(|&d| d < 1) {
        return None;
    }
    if dims
        .iter()
        .try_fold(1i64, |a, &d| a.checked_mul(d))
        .is_none_or(|w| w > MAX_WORK)
    {
        return None;
    }
    let nd = labels.len();
    let loop_of = |l: usize| {
        labels
            .iter()
            .position(|&x| x == l)
            .expect("every operand label is a loop label: the loops are all used labels")
    };
    let mut maps: Vec<AffineMap> = spec
        .inputs
        .iter()
        .zip(shapes)
        .map(|(ls, s)| {
            let res = ls
                .iter()
                .zip(s)
                .map(|(&l, &d)| {
                    if d == 1 && sizes[l] != 1 {
                        AffineExpr::Const(0)
                    } else {
                        AffineExpr::Dim(loop_of(l) as u32)
                    }
                })
                .collect();
            map(nd, res)
        })
        .collect();
    maps.push(map(
        nd,
        (0..out.len() as u32).map(AffineExpr::Dim).collect(),
    ));
    let mut iters = vec![Parallel; out.len()];
    iters.extend(vec![Reduction; nd - out.len()]);
    let acc_elem = if wide { ctx.f32() } else { elem };
    let init = if float {
        cv.filled(0.0, out, acc_elem)
    } else {
        cv.filled_int(0, out, acc_elem)
    };
    let n = ops.len();
    let sum = cv.generic(ops, init, maps, &iters, |sb, a| {
        let mut p: Option<Value> = None;
        for &x in &a[..n] {
            let x = if wide {
                sb.op("arith.extf", &[x], acc_elem, &[])
            } else {
                x
            };
            p = Some(match p {
                None => x,
                Some(q) => sb.bin(if float { "arith.mulf" } else { "arith.muli" }, q, x),
            });
        }
        let p = p.expect("einsum has at least one operand (checked above)");
        sb.bin(if float { "arith.addf" } else { "arith.addi" }, a[n], p)
    });
    if !wide {
        return Some(sum);
    }
    Some(cv.elementwise(&[sum], out, elem, |sb, a| {
        sb.op("arith.truncf", &[a[0]], elem, &[])
    }))
}

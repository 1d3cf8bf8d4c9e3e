//! Region-carrying control flow (ONNX `If`, `Loop` and `Scan`): `graph.if`, `graph.loop`,
//! `graph.scan` and their terminator `graph.yield`.
//!
//! ONNX bodies are subgraphs that may read values of the enclosing graphs by name; here a
//! body is an ordinary (not isolated-from-above) single-block region, so such a read is a
//! plain use of a dominating SSA value. The region's entry block arguments are the body's
//! inputs and its `graph.yield` operands are the body's outputs. Values flowing around the
//! op (carried values, branch results) are compared with
//! [`value_types_compatible`](crate::container::value_types_compatible): same element types
//! and ranks, dimensions equal or dynamic on either side. Tensors, sequences
//! (`!graph.seq<...>`) and optionals (`!graph.opt<...>`) may flow through every region op.
//!
//! The ops are `PURE`: their regions hold graph ops, which have no side effects, so an
//! unused region op may be removed like any other graph op. Each runs its regions as the
//! interpreter semantics at the op describe.

use crate::container::value_types_compatible;
use crate::util::{ranked, ty_str};
use strata_ir::{op, Arity, Block, Context, Diagnostic, OpRef, Traits, Type, TypeKind};

/// The graph ops whose regions end with `graph.yield`.
const PARENTS: &[&str] = &["graph.if", "graph.loop", "graph.scan"];

/// Inference of `graph.yield`: no results.
pub fn infer_yield(_: &Context, _: &[Type], _: strata_ir::Attribute) -> Result<Vec<Type>, String> {
    Ok(Vec::new())
}

fn verify_yield(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let parent = r.body.parent_op(r.op);
    let name = parent.map(|p| r.ctx.op_name_str(r.body.name(p)));
    if !name.is_some_and(|n| PARENTS.contains(&n)) {
        return Err(r.error(format_args!(
            "expects its parent op to be one of {}",
            PARENTS
                .iter()
                .map(|p| format!("'{p}'"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(())
}

op! {
    /// The terminator of the regions of `graph.if`, `graph.loop` and `graph.scan`: its
    /// operands are the region's outputs (ONNX subgraph outputs), handed to the parent op.
    ///
    /// ```mlir
    /// %s = "graph.scan"(%x) <{num_scan_inputs = 1 : i64}> ({
    /// ^bb0(%row: tensor<2xf32>):
    ///   "graph.yield"(%row) : (tensor<2xf32>) -> ()
    /// }) : (tensor<3x2xf32>) -> tensor<3x2xf32>
    /// ```
    pub struct YieldOp = "graph.yield";
    summary: "yield the outputs of a graph region";
    def: {
        traits: Traits::TERMINATOR.with(Traits::RETURN_LIKE).with(Traits::PURE),
        results: Arity::Exactly(0),
        verify: Some(verify_yield),
        infer: Some(infer_yield),
    }
}

/// The single block of region `i` of the op and the types of its `graph.yield` operands.
fn region_parts(r: &OpRef<'_>, i: usize, what: &str) -> Result<(Block, Vec<Type>), Diagnostic> {
    let rb = r.region_body();
    let region = r.body.regions(r.op)[i];
    let blocks = rb.region_blocks(region);
    if blocks.len() != 1 {
        return Err(r.error(format_args!(
            "expects its {what} region to have exactly one block, but it has {}",
            blocks.len()
        )));
    }
    let b = blocks[0];
    let term = rb
        .last_op(b)
        .filter(|&t| r.ctx.op_name_str(rb.name(t)) == YieldOp::NAME);
    let Some(term) = term else {
        return Err(r.error(format_args!(
            "expects its {what} region to end with 'graph.yield'"
        )));
    };
    let tys = rb.operands(term).map(|v| rb.value_type(v)).collect();
    Ok((b, tys))
}

fn check_types(
    r: &OpRef<'_>,
    what: &str,
    actual: &[Type],
    expected: &[Type],
) -> Result<(), Diagnostic> {
    if actual.len() != expected.len() {
        return Err(r.error(format_args!(
            "{what}: expects {} values, but got {}",
            expected.len(),
            actual.len()
        )));
    }
    for (i, (&a, &e)) in actual.iter().zip(expected).enumerate() {
        if !value_types_compatible(r.ctx, a, e) {
            return Err(r.error(format_args!(
                "{what}: type of value #{i} ('{}') is not compatible with '{}'",
                ty_str(r.ctx, a),
                ty_str(r.ctx, e)
            )));
        }
    }
    Ok(())
}

/// Whether `t` is a tensor of `elem` with exactly one element (rank 0, or all dims 1).
fn is_single(ctx: &Context, t: Type, elem: Type) -> bool {
    match ranked(ctx, t) {
        Some((s, e)) => e == elem && s.iter().all(|&d| d == 1),
        None => false,
    }
}

fn result_types(r: &OpRef<'_>) -> Vec<Type> {
    r.body
        .results(r.op)
        .iter()
        .map(|&v| r.body.value_type(v))
        .collect()
}

fn verify_if(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let cond = r.ty(r.operand(0));
    if !is_single(r.ctx, cond, r.ctx.i1()) {
        return Err(r.error(format_args!(
            "expects a single-element i1 tensor condition, but got '{}'",
            ty_str(r.ctx, cond)
        )));
    }
    let results = result_types(&r);
    for (i, what) in [(0, "then"), (1, "else")] {
        let (b, yields) = region_parts(&r, i, what)?;
        if !r.region_body().block_args(b).is_empty() {
            return Err(r.error(format_args!(
                "expects its {what} region to take no arguments"
            )));
        }
        check_types(&r, &format!("{what} region yield"), &yields, &results)?;
    }
    Ok(())
}

op! {
    /// Conditional execution (ONNX `If`, opset 1-23): runs the `then` region (region 0)
    /// when the single element of `cond` is true, else the `else` region (region 1); the
    /// results are the values the region yields. Both regions take no arguments and yield
    /// values compatible with the results; they may use any dominating value (ONNX
    /// outer-scope references).
    ///
    /// Interpreter: evaluates only the taken region.
    ///
    /// ```mlir
    /// %r = "graph.if"(%c) ({
    ///   %a = "graph.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<2xf32>
    ///   "graph.yield"(%a) : (tensor<2xf32>) -> ()
    /// }, {
    ///   %b = "graph.constant"() <{value = dense<2.0> : tensor<2xf32>}> : () -> tensor<2xf32>
    ///   "graph.yield"(%b) : (tensor<2xf32>) -> ()
    /// }) : (tensor<i1>) -> tensor<2xf32>
    /// ```
    pub struct IfOp = "graph.if";
    summary: "if-then-else with region branches";
    operands: [cond];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        regions: Arity::Exactly(2),
        verify: Some(verify_if),
    }
}

fn verify_loop(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let ctx = r.ctx;
    let i64t = ctx.int_type(64);
    let operands: Vec<Type> = r.body.operands(r.op).map(|v| r.ty(v)).collect();
    if !is_single(ctx, operands[0], i64t) {
        return Err(r.error(format_args!(
            "expects a single-element i64 tensor trip count, but got '{}'",
            ty_str(ctx, operands[0])
        )));
    }
    if !is_single(ctx, operands[1], ctx.i1()) {
        return Err(r.error(format_args!(
            "expects a single-element i1 tensor condition, but got '{}'",
            ty_str(ctx, operands[1])
        )));
    }
    let carried = &operands[2..];
    let results = result_types(&r);
    if results.len() < carried.len() {
        return Err(r.error(format_args!(
            "expects at least as many results as loop-carried values ({}), but has {}",
            carried.len(),
            results.len()
        )));
    }
    let (b, yields) = region_parts(&r, 0, "body")?;
    let args: Vec<Type> = r
        .region_body()
        .block_args(b)
        .iter()
        .map(|&v| r.region_body().value_type(v))
        .collect();
    let scalar_i64 = ctx.tensor_type(&[], i64t);
    let scalar_i1 = ctx.tensor_type(&[], ctx.i1());
    let mut want_args = vec![scalar_i64, scalar_i1];
    want_args.extend_from_slice(carried);
    check_types(&r, "body arguments", &args, &want_args)?;
    if args[0] != scalar_i64 || args[1] != scalar_i1 {
        return Err(r.error(
            "expects the body's first two arguments to be 'tensor<i64>' (iteration) and \
             'tensor<i1>' (condition)",
        ));
    }
    let n = carried.len();
    let k = results.len() - n;
    if yields.len() != 1 + n + k {
        return Err(r.error(format_args!(
            "body yield: expects {} values (condition, {n} carried, {k} scan outputs), but got {}",
            1 + n + k,
            yields.len()
        )));
    }
    if !is_single(ctx, yields[0], ctx.i1()) {
        return Err(
            r.error("body yield: value #0 (the condition) must be a single-element i1 tensor")
        );
    }
    check_types(
        &r,
        "body yield (carried values)",
        &yields[1..=n],
        &args[2..],
    )?;
    check_types(&r, "results (carried values)", &results[..n], &args[2..])?;
    for (j, (&y, &res)) in yields[1 + n..].iter().zip(&results[n..]).enumerate() {
        let ok = match (ranked(ctx, y), ranked(ctx, res)) {
            (Some((ys, ye)), Some((rs, re))) => {
                ye == re
                    && rs.len() == ys.len() + 1
                    && crate::shape::shapes_compatible(&rs[1..], ys)
            }
            _ => false,
        };
        if !ok {
            return Err(r.error(format_args!(
                "scan output #{j}: result '{}' must be the yielded '{}' with a leading \
                 iteration dimension",
                ty_str(ctx, res),
                ty_str(ctx, y)
            )));
        }
    }
    Ok(())
}

op! {
    /// A loop (ONNX `Loop`, opset 1-23) with operands `(max_trip_count, cond, carried...)`:
    /// a single-element `i64` trip-count bound, a single-element `i1` initial condition,
    /// and the initial loop-carried values. The body region's block takes
    /// `(iteration: tensor<i64>, cond: tensor<i1>, carried...)` and yields
    /// `(cond, carried..., scan...)`. The results are the final carried values, then each
    /// scan output: the values yielded at every iteration stacked along a new leading axis.
    ///
    /// ONNX's optional inputs are explicit: the importer passes `i64::MAX` for an absent
    /// trip count and `true` for an absent condition.
    ///
    /// Interpreter: `i = 0; while i < max_trip_count && cond { (cond, carried, s) =
    /// body(i, cond, carried); append s; i += 1 }`. Every executed op costs fuel, so a
    /// loop that does not end stops with the interpreter's fuel diagnostic. With zero
    /// iterations a scan output has a leading dimension 0 (its other dimensions from the
    /// result type, 0 where dynamic).
    ///
    /// ```mlir
    /// %y, %s = "graph.loop"(%m, %c, %y0) ({
    /// ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):
    ///   %y1 = "graph.add"(%yi, %yi) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    ///   "graph.yield"(%ci, %y1, %y1) : (tensor<i1>, tensor<f32>, tensor<f32>) -> ()
    /// }) : (tensor<i64>, tensor<i1>, tensor<f32>) -> (tensor<f32>, tensor<?xf32>)
    /// ```
    pub struct LoopOp = "graph.loop";
    summary: "loop with a trip count, a condition, carried values and scan outputs";
    operands: [max_trip_count, cond];
    def: {
        traits: Traits::LOOP_LIKE.with(Traits::PURE),
        operands: Arity::AtLeast(2),
        regions: Arity::Exactly(1),
        verify: Some(verify_loop),
    }
}

/// The attributes of `graph.scan`, defaults filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanAttrs {
    /// Number of scan inputs (the last operands).
    pub num_scan_inputs: usize,
    /// Axis of each scan input that is iterated (may be negative).
    pub input_axes: Vec<i64>,
    /// Direction of each scan input (0 forward, 1 reverse).
    pub input_directions: Vec<i64>,
    /// Axis of each scan output where the yielded slices are stacked (may be negative).
    pub output_axes: Vec<i64>,
    /// Direction of each scan output (0: in iteration order, 1: reversed).
    pub output_directions: Vec<i64>,
}

impl ScanAttrs {
    /// Read and check the attributes of a scan with `num_operands` operands and
    /// `num_results` results.
    pub fn read(
        ctx: &Context,
        dict: strata_ir::Attribute,
        num_operands: usize,
        num_results: usize,
    ) -> Result<ScanAttrs, String> {
        let a = crate::attr::Attrs::new(ctx, dict);
        let m = a.i64_req("num_scan_inputs")?;
        let m = usize::try_from(m)
            .ok()
            .filter(|&m| m >= 1 && m <= num_operands)
            .ok_or_else(|| {
                format!("attribute 'num_scan_inputs' must be in [1, {num_operands}], got {m}")
            })?;
        let n = num_operands - m;
        if num_results < n {
            return Err(format!(
                "expects at least {n} results (the state values), but has {num_results}"
            ));
        }
        let k = num_results - n;
        let list = |name: &str, len: usize, binary: bool| -> Result<Vec<i64>, String> {
            let v = a.ints(name)?.unwrap_or_else(|| vec![0; len]);
            if v.len() != len {
                return Err(format!(
                    "attribute '{name}' must have {len} values, but has {}",
                    v.len()
                ));
            }
            if binary && v.iter().any(|&d| d != 0 && d != 1) {
                return Err(format!("attribute '{name}' must hold only 0 and 1"));
            }
            Ok(v)
        };
        Ok(ScanAttrs {
            num_scan_inputs: m,
            input_axes: list("scan_input_axes", m, false)?,
            input_directions: list("scan_input_directions", m, true)?,
            output_axes: list("scan_output_axes", k, false)?,
            output_directions: list("scan_output_directions", k, true)?,
        })
    }
}

/// `ty` without dimension `axis` (normalised), or an error.
fn drop_axis(ctx: &Context, ty: Type, axis: i64, what: &str) -> Result<Type, String> {
    let Some((s, e)) = ranked(ctx, ty) else {
        return Err(format!(
            "{what} must be a ranked tensor, got '{}'",
            ty_str(ctx, ty)
        ));
    };
    let a = crate::shape::normalize_axis(axis, s.len()).map_err(|m| format!("{what}: {m}"))?;
    let mut d = s.to_vec();
    d.remove(a);
    Ok(ctx.tensor_type(&d, e))
}

fn verify_scan(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let ctx = r.ctx;
    let operands: Vec<Type> = r.body.operands(r.op).map(|v| r.ty(v)).collect();
    let results = result_types(&r);
    let attrs = ScanAttrs::read(
        ctx,
        crate::verify::merged_attrs(&r),
        operands.len(),
        results.len(),
    )
    .map_err(|m| r.error(m))?;
    let m = attrs.num_scan_inputs;
    let n = operands.len() - m;
    let mut want_args = operands[..n].to_vec();
    for (j, (&t, &axis)) in operands[n..].iter().zip(&attrs.input_axes).enumerate() {
        want_args
            .push(drop_axis(ctx, t, axis, &format!("scan input #{j}")).map_err(|e| r.error(e))?);
    }
    let (b, yields) = region_parts(&r, 0, "body")?;
    let args: Vec<Type> = r
        .region_body()
        .block_args(b)
        .iter()
        .map(|&v| r.region_body().value_type(v))
        .collect();
    check_types(&r, "body arguments", &args, &want_args)?;
    check_types(
        &r,
        "body yield (states)",
        &yields[..n.min(yields.len())],
        &operands[..n],
    )?;
    if yields.len() != results.len() {
        return Err(r.error(format_args!(
            "body yield: expects {} values, but got {}",
            results.len(),
            yields.len()
        )));
    }
    check_types(&r, "results (states)", &results[..n], &operands[..n])?;
    for (j, (&res, &axis)) in results[n..].iter().zip(&attrs.output_axes).enumerate() {
        let slice =
            drop_axis(ctx, res, axis, &format!("scan output #{j}")).map_err(|e| r.error(e))?;
        if !value_types_compatible(ctx, slice, yields[n + j]) {
            return Err(r.error(format_args!(
                "scan output #{j}: result '{}' does not stack yielded '{}' along axis {axis}",
                ty_str(ctx, res),
                ty_str(ctx, yields[n + j])
            )));
        }
    }
    Ok(())
}

op! {
    /// A scan (ONNX `Scan`, opset 9-23) with operands `(states..., scan inputs...)`, the
    /// last `num_scan_inputs` of them scanned. Each iteration takes one slice of every
    /// scan input (along `scan_input_axes`, default 0; from the end where
    /// `scan_input_directions` is 1); the body region's block takes `(states..., slices...)`
    /// and yields `(states..., scan output slices...)`. The results are the final states,
    /// then each scan output: the yielded slices stacked along `scan_output_axes` (default
    /// 0), in reverse iteration order where `scan_output_directions` is 1. Every scan input
    /// must have the same length along its axis: the number of iterations.
    ///
    /// Interpreter: runs the body once per slice, in order; each executed op costs fuel.
    ///
    /// ```mlir
    /// %s, %o = "graph.scan"(%init, %x) <{num_scan_inputs = 1 : i64}> ({
    /// ^bb0(%acc: tensor<2xf32>, %row: tensor<2xf32>):
    ///   %n = "graph.add"(%acc, %row) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    ///   "graph.yield"(%n, %n) : (tensor<2xf32>, tensor<2xf32>) -> ()
    /// }) : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>)
    /// ```
    pub struct ScanOp = "graph.scan";
    summary: "scan over slices of tensors with state values";
    def: {
        traits: Traits::LOOP_LIKE.with(Traits::PURE),
        operands: Arity::AtLeast(1),
        regions: Arity::Exactly(1),
        attrs: &[
            strata_ir::AttrConstraint {
                required: true,
                ..crate::attr::i64_c("num_scan_inputs")
            },
            crate::attr::i64_array_c("scan_input_axes"),
            crate::attr::i64_array_c("scan_input_directions"),
            crate::attr::i64_array_c("scan_output_axes"),
            crate::attr::i64_array_c("scan_output_directions"),
        ],
        verify: Some(verify_scan),
    }
}

/// Whether `t` is a value type the region ops carry (tensor, sequence or optional).
pub fn is_value_type(ctx: &Context, t: Type) -> bool {
    matches!(
        ctx.type_kind(t),
        TypeKind::RankedTensor { .. } | TypeKind::UnrankedTensor(_)
    ) || crate::container::seq_elem(ctx, t).is_some()
        || crate::container::opt_elem(ctx, t).is_some()
}

//! `graph-to-tensor` (`strata-graph-to-tensor`): the conversion of `graph` dialect ops with
//! static shapes into the `tensor` dialect's structured and data-movement ops, with scalar
//! bodies of `arith`/`math` ops.
//!
//! * [`bounded`]: data-dependent result sizes (`non_zero`) as bounded static results
//!   with their extents, returned by the function;
//! * [`unique`]: `unique` as bounded results (slice comparisons, group ranks);
//! * [`nms`]: `non_max_suppression` as a bounded result (rounds of the greedy selection);
//! * [`build`]: inserting `tensor.empty`/`fill`/`generic` and scalar bodies, broadcasting
//!   indexing maps;
//! * [`lower`]: the lowering of each op (element-wise, linear algebra, data movement,
//!   reductions);
//! * [`nn`]: convolution, pooling, batch and layer normalisation, padding;
//! * [`integer`]: integer division and remainders, bitwise ops, the casts between integer,
//!   bool and float types that `lower` leaves out;
//! * [`smallfloat`]: `cast` to and from the 8- and 4-bit floats, `f8E8M0FNU` and the 4- and
//!   2-bit integers, and `bitcast`;
//! * [`spatial`]: 1-D `conv` and pooling through the 2-D lowering on a unit height;
//! * [`nd`]: `conv` and pooling with three or more spatial dims (generics), and
//!   `conv_transpose` of any spatial rank (a convolution of the stride-spread input with
//!   the flipped kernel);
//! * [`pads`]: `pad` in the `reflect`, `edge` and `wrap` modes and with negative pads (runs
//!   of copies through affine maps, concatenated);
//! * [`gridsample`]: `grid_sample` (run-time tap tables, a gather, nested weighted sums);
//! * [`pool_index`]: `max_pool` with its indices result (a second window reduction);
//! * [`deform`]: `deform_conv` (run-time corner tables, a gather, a grouped contraction);
//! * [`roialign`]: `roi_align` with a fixed sampling ratio (run-time taps, a gather);
//! * [`resize`]: `resize` (every mode, from compile-time tables of indices and weights);
//! * [`unsigned`]: unsigned integer tensors as signless ones with the unsigned `arith` ops,
//!   `bit_shift`, and the signless function signature with `strata.elem_type`;
//! * [`pow`]: `pow` with an integer base or exponent;
//! * [`index`]: `gather`, `gather_elements`, `argmax`/`argmin` (positions enter bodies as an
//!   iota constant operand);
//! * [`scatter`]: `scatter_elements`, `scatter_nd`, `gather_nd` (output-stationary generics
//!   with reductions over the candidate sources);
//! * [`einsum`]: `einsum` as one generic (diagonals, broadcast ellipses);
//! * [`slice`]: `slice` with negative steps (a generic reading `start + i * step`);
//! * [`labels`]: `label_encoder` on numeric tensors (the last matching key's value);
//! * [`strings`]: the string ops as `tensor.string_call` library calls;
//! * [`tfidf`]: `tfidf_vectorizer` on integer tokens (window matches counted per n-gram);
//! * [`trees`]: `tree_ensemble` (every tree evaluated with unrolled selects per row);
//! * [`det`]: `det` of small matrices (the interpreter's pivoted LU, unrolled);
//! * [`topk`]: `top_k` through the rank of each element along the axis;
//! * [`empty`]: zero-size tensors (`tensor.empty`) and reductions over empty sets;
//! * [`ctrlflow`]: `graph.if` with a run-time condition as a `loop.if` on tensors, a
//!   counted `graph.loop` with a run-time trip count as a `loop.for`;
//! * [`unroll`]: the `unroll-regions` pass (region ops with compile-time trip counts and
//!   conditions as straight-line graph ops, before this conversion);
//! * [`widen`]: the accumulating and multi-step ops (`matmul`, `gemm`, convolutions,
//!   average pooling, softmax, normalisations) on `f16`/`bf16` as their `f32` form between
//!   an `extf` of the operands and one `truncf` of the result (the interpreter's single
//!   rounding);
//! * [`fold`]: static values (`shape` of a static tensor, ops on constants) through the graph
//!   dialect's folders, into `arith.constant`.
//!
//! What converts (static shapes, positive dims): element-wise unary and binary ops with
//! numpy broadcasting (broadcast operands read index 0 of their size-1 dims through the
//! indexing maps) into `tensor.generic`; `graph.constant` of a dense literal or resource blob into
//! `arith.constant`; `relu`, `leaky_relu`, `elu`, `gelu`, `hard_sigmoid`, `hard_swish`,
//! `prelu`, `sigmoid`, `tanh`, `clip`, `where`, `not`, `identity`, `expand`, `cast` (float to
//! float, integer to float); `matmul` (`tensor.matmul` for
//! 2-D, a generic with a reduction for batched with broadcasting), `gemm` (transposes,
//! alpha, beta, broadcast C); `transpose`; `reshape`, `flatten`, `squeeze`, `unsqueeze`
//! (one `collapse_shape` or `expand_shape`, else collapse to 1-D then expand); float
//! `reduce_sum/mean/max/min/prod` (keepdims, noop_with_empty_axes); `softmax` and
//! `log_softmax`; `concat`; `slice` with positive steps (`extract_slice`); 2-D NCHW `conv`
//! (zero `tensor.pad`, `conv2d_nchw_fchw`, `depthwise_conv2d_nchw`, or per-group slices and
//! a concat; bias); `max_pool`/`average_pool` (pads, dilations, `ceil_mode`,
//! `count_include_pad`) and the global poolings; inference `batch_norm`; `layer_norm`;
//! `instance_norm`; `lrn`; constant `pad`; `dropout` with one result (the identity); `tile`
//! (concats of copies); `split` (one `extract_slice` per result); 1-D operands of `matmul`.
//! A `max_pool` or `dropout` whose second result (indices, mask) is unused converts too.
//! Signless integers: `div` (truncating, `MIN / -1` wraps), `mod` (both `fmod` modes, floats
//! too), `bitwise_and/or/xor/not`, `reduce_sum/mean/max/min/prod` (wrapping), 2-D
//! `max_pool` (padded with the signed minimum), `reduce_max`/`reduce_min` of `i1` (`or`/`and`),
//! and `cast`
//! between every pair of `i1`/`i8`..`i64`/`f16`/`bf16`/`f32`/`f64`. Any op whose folder gives
//! a constant (`shape` of a static tensor, an op on constants) or an existing value.
//! 1-D `conv`, `max_pool` and `average_pool` (NCL); the same with three or more spatial
//! dims; `conv_transpose` of any spatial rank (no `auto_pad`/`output_shape`, which the
//! importer resolves into pads); `resize` in every mode (float and integer nearest, `f32`/`f64`
//! otherwise).
//! `gather` and `gather_elements` (negative indices normalised; an out-of-range index gives
//! 0 where the interpreter reports an error), `argmax`/`argmin` (`keepdims`,
//! `select_last_index`, NaN as the extreme), on floats and signless integers.
//! `cast` to and from the 8- and 4-bit floats and the 2- and 4-bit integers, and `bitcast`
//! ([`smallfloat`]). Unsigned integers (8 to 64 bits) become signless ones with the unsigned
//! `arith` ops ([`unsigned`]); signless `bit_shift`; `matmul` of signless integers
//! (wrapping); `pow` with an integer base or exponent ([`pow`]); `bitcast` from and to the
//! unsigned types. The unsigned 2- and 4-bit integers (`ui4`, `ui2`) become `i4`/`i2` too,
//! for `cast` (not to or from the small floats) and data movement ([`unsigned`]).
//!
//! Anything else stays a graph op (partial conversion), or with `full=true` makes the pass
//! fail with a diagnostic at each op left, naming the op and the pass.

pub mod bounded;
pub mod build;
pub mod ctrlflow;
pub mod deform;
pub mod det;
pub mod einsum;
pub mod empty;
pub mod fold;
pub mod gridsample;
pub mod index;
pub mod integer;
pub mod labels;
pub mod lower;
pub mod nd;
pub mod nms;
pub mod nn;
pub mod pads;
pub mod pool_index;
pub mod pow;
pub mod resize;
pub mod roialign;
pub mod scatter;
pub mod slice;
pub mod smallfloat;
pub mod spatial;
pub mod strings;
pub mod tfidf;
pub mod topk;
pub mod trees;
pub mod unique;
pub mod unroll;
pub mod unsigned;
pub mod widen;

use build::Cv;
use strata_dialect_graph::attr::Attrs;
use strata_ir::walk::ops_in_body_preorder;
use strata_ir::{Body, Context, Diagnostic, Op};
use strata_pass::{
    AnalysisManager, IrUnit, OptionKind, Pass, PassFailed, PassInfo, PassOptionInfo, PASSES,
};

/// Registration of `graph-to-tensor`.
#[linkme::distributed_slice(PASSES)]
pub static GRAPH_TO_TENSOR: PassInfo = PassInfo {
    name: "graph-to-tensor",
    summary: "Convert graph ops with static shapes into tensor-dialect structured ops",
    description: "Lowers `graph` dialect ops with static shapes into the `tensor` dialect: \
                  element-wise ops with numpy broadcasting into `tensor.generic` with \
                  `arith`/`math` bodies (broadcasting through indexing maps), `graph.constant` \
                  into `arith.constant`, `relu`/`leaky_relu`/`elu`/`gelu`/`hard_sigmoid`/\
                  `hard_swish`/`prelu`/`sigmoid`/`clip`/`where`/`not`/`expand`/`cast`, \
                  `matmul` (2-D as `tensor.matmul`, batched with broadcasting as a \
                  generic), `gemm`, `transpose`, `reshape`/`flatten`/`squeeze`/`unsqueeze` \
                  (`collapse_shape`/`expand_shape`), float reductions (keepdims), `softmax` and \
                  `log_softmax` (max-reduce, exp of the difference, sum-reduce, divide), \
                  `concat`, `slice` (`extract_slice`), 2-D NCHW `conv` (groups, strides, \
                  dilations, pads through `tensor.pad`, bias), `max_pool`/`average_pool` \
                  (`ceil_mode`, `count_include_pad`) and global pooling, inference \
                  `batch_norm`, `layer_norm`, `instance_norm`, `lrn`, constant `pad`, \
                  single-result `dropout`, `tile` and `split`; signless integer `div`/`mod`/bitwise \
                  ops and reductions, casts between integer, bool and float types; ops that \
                  fold to constants (`shape` of a static tensor); `gather`, \
                  `gather_elements`, `argmax`/`argmin` (reductions reading positions from an \
                  iota constant); 1-D `conv` and pooling (the 2-D forms on a unit height); \
                  3-D `conv` and pooling (generics), `conv_transpose` (a convolution of the \
                  stride-spread input with the flipped kernel), `resize` (compile-time tables), \
                  `pad` in the reflect/edge/wrap modes and with negative pads, `grid_sample` \
                  (run-time tap tables and a gather), `max_pool` with its indices. \
                  `scatter_elements`, `scatter_nd`, `gather_nd` (output-stationary generics), \
                  `einsum` (one generic), `top_k` (ranks along the axis, then selection), \
                  `det` up to 6x6 (the pivoted LU unrolled), `slice` with negative steps; \
                  zero-size results as `tensor.empty`, reductions over empty sets as fills \
                  of their identity. \
                  Unsigned integer tensors as signless ones with the unsigned arith ops \
                  (`strata.elem_type` on the function's arguments and results), `bit_shift`, \
                  integer `matmul`, `pow` with integer operands. `graph.if` on a run-time \
                  condition as a `loop.if` with tensor results (`tensor.extract` of the \
                  condition; only the taken region runs; both regions must yield the static \
                  result types); a counted `graph.loop` with a run-time trip count as a \
                  `loop.for` carrying its tensors. String ops (`string_concat`, `equal` on \
                  strings, `regex_full_match`, `label_encoder` from or to strings, \
                  `string_normalizer` as a bounded result) become `tensor.string_call`s. \
                  Other ops stay graph ops; with \
                  `full=true` each op left is an error naming it.\n\n\
                  Statistics: `num-converted` (graph ops replaced), `num-left` (graph ops \
                  left).",
    anchor: None,
    options: &[PassOptionInfo {
        name: "full",
        description: "fail on any graph op that is not converted (full conversion)",
        default: "false",
        kind: OptionKind::Bool,
    }],
    create: |o| {
        Ok(Box::new(GraphToTensor {
            full: o.get_bool("full"),
        }))
    },
};

/// The `graph-to-tensor` pass.
pub struct GraphToTensor {
    /// Fail on graph ops left unconverted.
    pub full: bool,
}

impl Pass for GraphToTensor {
    fn info(&self) -> &'static PassInfo {
        &GRAPH_TO_TENSOR
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let mut counts = Counts::default();
        let mut am_changed = false;
        for op in unit.top_ops() {
            convert_all(unit.ctx, unit.body, op, &mut counts);
        }
        for op in unit.top_ops() {
            if unsigned::finish_function(unit.ctx, unit.body, op) {
                am_changed = true;
            }
            // After the unsigned signature, which it extends.
            if bounded::finish_function(unit.ctx, unit.body, op) {
                am_changed = true;
            }
        }
        unit.stat("num-converted", counts.converted);
        unit.stat("num-left", counts.left.len() as u64);
        if self.full && !counts.left.is_empty() {
            for d in std::mem::take(&mut counts.left) {
                unit.emit(d);
            }
            return Err(PassFailed);
        }
        if counts.converted == 0 && !am_changed {
            am.preserve_all();
        }
        Ok(())
    }
    fn pipeline_text(&self) -> String {
        format!("graph-to-tensor{{full={}}}", self.full)
    }
}

/// What a conversion did.
#[derive(Default)]
pub struct Counts {
    /// Graph ops replaced.
    pub converted: u64,
    /// A diagnostic for each graph op left, in IR order.
    pub left: Vec<Diagnostic>,
}

/// Convert every graph op in `op` (included) and everything nested in it, nested isolated
/// bodies included, in IR order.
pub fn convert_all(ctx: &Context, body: &mut Body, op: Op, counts: &mut Counts) {
    let ops = ops_in_body_preorder(body, op);
    for o in ops {
        if body.is_erased(o) {
            continue;
        }
        if body.nested(o).is_some() {
            let regions = body.regions(o).to_vec();
            if let Some(nb) = body.nested_mut(o) {
                let children: Vec<Op> = nb.ops_in_regions(&regions);
                for c in children {
                    convert_all(ctx, nb, c, counts);
                }
            }
            continue;
        }
        let name = ctx.op_name_str(body.name(o)).to_string();
        if !name.starts_with("graph.") {
            continue;
        }
        if name == "graph.yield" {
            // Goes with its region op, which is converted (or reported) as a whole.
            continue;
        }
        if matches!(
            name.as_str(),
            "graph.if" | "graph.loop" | "graph.tree_ensemble"
        ) {
            let done = match name.as_str() {
                "graph.if" => ctrlflow::convert_if(ctx, body, o),
                "graph.loop" => ctrlflow::convert_loop(ctx, body, o),
                _ => trees::convert(ctx, body, o),
            };
            match done {
                Ok(()) => counts.converted += 1,
                Err(why) => counts.left.push(Diagnostic::error(
                    body.op(o).loc,
                    format!(
                        "failed to legalize operation '{name}' in pass 'graph-to-tensor': {why}"
                    ),
                )),
            }
            continue;
        }
        if convert_op(ctx, body, o, &name) {
            counts.converted += 1;
        } else {
            let static_ = body
                .operands(o)
                .chain(body.results(o).iter().copied())
                .all(|v| build::shape_of(ctx, body.value_type(v)).is_some());
            let why = if let Some(w) = strings::is_string_op(ctx, body, o, &name)
                .then(|| strings::why_not(ctx, body, o, &name))
                .flatten()
            {
                w
            } else if static_ {
                "no conversion for these types and attributes".to_string()
            } else {
                "only static, non-empty shapes convert".to_string()
            };
            counts.left.push(Diagnostic::error(
                body.op(o).loc,
                format!("failed to legalize operation '{name}' in pass 'graph-to-tensor': {why}"),
            ));
        }
    }
}

/// Convert one graph op; `false` (nothing changed) if it has no conversion.
pub fn convert_op(ctx: &Context, body: &mut Body, op: Op, name: &str) -> bool {
    if let Some(done) = strings::convert(ctx, body, op, name) {
        return done;
    }
    if let Some(done) = bounded::convert(ctx, body, op, name) {
        return done;
    }
    if let Some(done) = unsigned::convert(ctx, body, op, name) {
        return done;
    }
    let results = body.results(op).to_vec();
    if empty::convert(ctx, body, op, name).is_some() {
        return true;
    }
    if name == "graph.split" {
        return split(ctx, body, op);
    }
    if name == "graph.top_k" {
        return topk::top_k(ctx, body, op);
    }
    // Extra results that nothing reads (the indices of max_pool, the mask of dropout) do
    // not stop the conversion of the first.
    if name == "graph.max_pool" && results.len() == 2 && body.has_uses(results[1]) {
        return pool_index::convert(ctx, body, op);
    }
    let extra_unused = matches!(name, "graph.max_pool" | "graph.dropout")
        && results.iter().skip(1).all(|&r| !body.has_uses(r));
    if results.is_empty() || (results.len() != 1 && !extra_unused) || !body.regions(op).is_empty() {
        return false;
    }
    let operands: Vec<_> = body.operands(op).collect();
    let result = body.value_type(results[0]);
    let props = body.op(op).props;
    let attrs = Attrs::new(ctx, props);
    let value = ctx.dict_get(props, "value");
    let loc = body.op(op).loc;
    let mut cv = Cv {
        ctx,
        body,
        before: op,
        loc,
    };
    let folded = fold::fold_to_constant(&mut cv, &operands, result);
    let Some(v) = folded.or_else(|| lower::convert(&mut cv, name, &operands, result, attrs, value))
    else {
        return false;
    };
    body.replace_all_uses(results[0], v);
    body.erase_op(op);
    true
}

/// `graph.split` into one `tensor.extract_slice` per result (sizes from the static result
/// types along the axis).
fn split(ctx: &Context, body: &mut Body, op: Op) -> bool {
    let results = body.results(op).to_vec();
    let operands: Vec<_> = body.operands(op).collect();
    if operands.len() != 1 || results.is_empty() {
        return false;
    }
    let Some(shape) = build::shape_of(ctx, body.value_type(operands[0])) else {
        return false;
    };
    let attrs = Attrs::new(ctx, body.op(op).props);
    let Ok(axis) = attrs.i64("axis", 0) else {
        return false;
    };
    let r = shape.len() as i64;
    let axis = if axis < 0 { axis + r } else { axis };
    if !(0..r).contains(&axis) {
        return false;
    }
    let ax = axis as usize;
    let mut shapes = Vec::new();
    for &v in &results {
        // Zero-size parts (a split size of 0) are allowed: they become `tensor.empty`.
        match empty::static_shape(ctx, body.value_type(v)) {
            Some(s) if s.len() == shape.len() => shapes.push(s),
            _ => return false,
        }
    }
    let total: i64 = shapes.iter().map(|s| s[ax]).sum();
    let others_match = shapes
        .iter()
        .all(|s| (0..shape.len()).all(|i| i == ax || s[i] == shape[i]));
    if total != shape[ax] || !others_match {
        return false;
    }
    let loc = body.op(op).loc;
    let mut cv = Cv {
        ctx,
        body,
        before: op,
        loc,
    };
    let mut off = 0;
    let mut news = Vec::new();
    for (s, &old) in shapes.iter().zip(&results) {
        let mut offs = vec![0; shape.len()];
        offs[ax] = off;
        off += s[ax];
        let ty = cv.body.value_type(old);
        if s.contains(&0) {
            news.push(cv.v("tensor.empty", &[], ty, &[]));
            continue;
        }
        let v = cv.v(
            "tensor.extract_slice",
            &[operands[0]],
            ty,
            &[
                (
                    "operandSegmentSizes",
                    strata_dialect_tensor::util::i32_array_attr(ctx, &[1, 0, 0, 0]),
                ),
                (
                    "static_offsets",
                    strata_dialect_tensor::util::i64_array_attr(ctx, &offs),
                ),
                (
                    "static_sizes",
                    strata_dialect_tensor::util::i64_array_attr(ctx, s),
                ),
                (
                    "static_strides",
                    strata_dialect_tensor::util::i64_array_attr(ctx, &vec![1; shape.len()]),
                ),
            ],
        );
        news.push(v);
    }
    for (old, new) in results.into_iter().zip(news) {
        body.replace_all_uses(old, new);
    }
    body.erase_op(op);
    true
}

//! Data-movement ops: `tensor.empty`, `tensor.extract_slice`, `tensor.insert_slice`,
//! `tensor.pad`, `tensor.collapse_shape`, `tensor.expand_shape` and `tensor.concat`. They
//! mirror the upstream MLIR `tensor` ops of the same names, generic form included (mixed
//! static/dynamic offsets, sizes and strides as `static_*` arrays with `kDynamic` entries plus
//! `index` operands, counted by `operandSegmentSizes`), so `mlir-opt` reads what Strata
//! prints.

use crate::structured::verify_scalar_region;
use crate::util::{
    dims_compatible, i32_array, i64_array_c, i64s_attr, int_c, int_value, operand_types, ranked,
    reassociation, result_types, shape_str, ty_str, unit_c, DYN, REASSOCIATION_C, SEGMENTS_C,
};
use strata_ir::{op, Arity, Context, Diagnostic, OpRef, Traits, Type, TypeKind};

/// One offset, size, stride or padding amount: a constant or an `index` operand.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OpFoldResult {
    /// A static value.
    Static(i64),
    /// The value of operand `.0` of the op.
    Operand(usize),
}

/// Read the mixed static/dynamic lists `names` of `op`: `fixed` leading operands (sources),
/// then one operand segment per list, each holding one `index` operand per `kDynamic` entry
/// of the list's static array.
pub fn mixed_lists(
    op: &OpRef<'_>,
    fixed: usize,
    names: &[&str],
) -> Result<Vec<Vec<OpFoldResult>>, String> {
    let seg_attr = op
        .attr("operandSegmentSizes")
        .ok_or("requires attribute 'operandSegmentSizes'")?;
    let seg = i32_array(op.ctx, seg_attr).ok_or("'operandSegmentSizes' must be an array<i32>")?;
    let n = op.body.num_operands(op.op);
    let expected_len = fixed + names.len();
    if seg.len() != expected_len
        || seg.iter().any(|&s| s < 0)
        || seg.iter().sum::<i64>() != n as i64
        || seg[..fixed].iter().any(|&s| s != 1)
    {
        return Err(format!(
            "'operandSegmentSizes' must have {expected_len} non-negative entries ({fixed} for the sources, each 1) summing to the {n} operands"
        ));
    }
    let mut next = fixed;
    let mut out = Vec::with_capacity(names.len());
    for (k, name) in names.iter().enumerate() {
        let values = i64s_attr(op, name)?.ok_or_else(|| format!("requires attribute '{name}'"))?;
        let dynamic = values.iter().filter(|&&v| v == DYN).count();
        if dynamic as i64 != seg[fixed + k] {
            return Err(format!(
                "'{name}' has {dynamic} dynamic entries, but {} operands are given for them",
                seg[fixed + k]
            ));
        }
        let mut list = Vec::with_capacity(values.len());
        for v in values {
            if v == DYN {
                let t = op.ty(op.operand(next));
                if !matches!(op.ctx.type_kind(t), TypeKind::Index) {
                    return Err(format!(
                        "dynamic '{name}' operand must be index, but is {}",
                        ty_str(op.ctx, t)
                    ));
                }
                list.push(OpFoldResult::Operand(next));
                next += 1;
            } else {
                list.push(OpFoldResult::Static(v));
            }
        }
        out.push(list);
    }
    Ok(out)
}

fn static_or_dyn(l: &[OpFoldResult]) -> Vec<i64> {
    l.iter()
        .map(|x| match x {
            OpFoldResult::Static(v) => *v,
            OpFoldResult::Operand(_) => DYN,
        })
        .collect()
}

/// Whether `result` is `sizes` with some static unit dimensions dropped (rank reduction).
pub fn rank_reduces_to(sizes: &[i64], result: &[i64]) -> bool {
    let mut j = 0;
    for &s in sizes {
        if j < result.len() && dims_compatible(s, result[j]) && (s != 1 || result[j] == 1) {
            j += 1;
        } else if s != 1 {
            return false;
        }
    }
    j == result.len()
}

fn ranked_operand<'c>(
    op: &OpRef<'c>,
    i: usize,
    what: &str,
) -> Result<(Vec<i64>, Type), Diagnostic> {
    let t = op.ty(op.operand(i));
    ranked(op.ctx, t)
        .map(|(s, e)| (s.to_vec(), e))
        .ok_or_else(|| {
            op.error(format_args!(
                "{what} must be a ranked tensor, but is {}",
                ty_str(op.ctx, t)
            ))
        })
}

fn ranked_result<'c>(op: &OpRef<'c>) -> Result<(Vec<i64>, Type), Diagnostic> {
    let t = op.ty(op.result(0));
    ranked(op.ctx, t)
        .map(|(s, e)| (s.to_vec(), e))
        .ok_or_else(|| {
            op.error(format_args!(
                "result must be a ranked tensor, but is {}",
                ty_str(op.ctx, t)
            ))
        })
}

fn same_elem(op: &OpRef<'_>, a: Type, b: Type, what: &str) -> Result<(), Diagnostic> {
    if a != b {
        return Err(op.error(format_args!(
            "{what} element type {} differs from the source element type {}",
            ty_str(op.ctx, b),
            ty_str(op.ctx, a)
        )));
    }
    Ok(())
}

op! {
    /// An uninitialised tensor of the result type, used as the init of structured ops
    /// (destination-passing style); one `index` operand per dynamic dimension. Its elements
    /// have no meaning until written; the interpreter makes them zero.
    ///
    /// ```mlir
    /// %e = "tensor.empty"() : () -> tensor<2x3xf32>
    /// %d = "tensor.empty"(%n) : (index) -> tensor<?x3xf32>
    /// ```
    pub struct EmptyOp = "tensor.empty";
    summary: "an uninitialised tensor";
    results: [result];
    def: {
        traits: Traits::PURE,
        results: Arity::Exactly(1),
        verify: Some(verify_empty),
    }
}

fn verify_empty(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (shape, _) = ranked_result(&op)?;
    let dynamic = shape.iter().filter(|&&d| d == DYN).count();
    let n = op.body.num_operands(op.op);
    if n != dynamic {
        return Err(op.error(format_args!(
            "result type has {dynamic} dynamic dimensions, but {n} sizes are given"
        )));
    }
    for (i, t) in operand_types(&op).into_iter().enumerate() {
        if !matches!(op.ctx.type_kind(t), TypeKind::Index) {
            return Err(op.error(format_args!("size operand #{i} must be index")));
        }
    }
    Ok(())
}

/// Check the offsets, sizes and strides of a slice of a tensor of `shape`.
fn verify_slice(
    op: &OpRef<'_>,
    shape: &[i64],
    lists: &[Vec<OpFoldResult>],
) -> Result<Vec<i64>, Diagnostic> {
    let (offs, sizes, strides) = (
        static_or_dyn(&lists[0]),
        static_or_dyn(&lists[1]),
        static_or_dyn(&lists[2]),
    );
    for (name, l) in [("offsets", &offs), ("sizes", &sizes), ("strides", &strides)] {
        if l.len() != shape.len() {
            return Err(op.error(format_args!(
                "expects {} {name} (one per dimension of the sliced tensor), but has {}",
                shape.len(),
                l.len()
            )));
        }
    }
    for i in 0..shape.len() {
        let (o, s, st) = (offs[i], sizes[i], strides[i]);
        if (o != DYN && o < 0) || (s != DYN && s < 0) || (st != DYN && st < 1) {
            return Err(op.error(format_args!(
                "dimension {i}: offsets and sizes must be non-negative and strides positive"
            )));
        }
        if o != DYN && s != DYN && st != DYN && shape[i] != DYN && s > 0 {
            let last = (s - 1)
                .checked_mul(st)
                .and_then(|x| x.checked_add(o))
                .unwrap_or(i64::MAX);
            if last >= shape[i] {
                return Err(op.error(format_args!(
                    "dimension {i}: the slice reaches index {last}, out of bounds of size {}",
                    shape[i]
                )));
            }
        }
    }
    Ok(sizes)
}

/// The names of the slice lists, in operand-segment order.
pub const SLICE_LISTS: [&str; 3] = ["static_offsets", "static_sizes", "static_strides"];

op! {
    /// Extract a strided slice (MLIR `tensor.extract_slice`):
    /// `result[i] = source[offsets + i * strides]` for `i < sizes`. Offsets, sizes and
    /// strides are static (`static_*` arrays) or `index` operands where the array holds
    /// `kDynamic` (-9223372036854775808). The result may drop unit dimensions of `sizes`
    /// (rank reduction).
    ///
    /// ```mlir
    /// %s = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 2>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 2>}> : (tensor<4x8xf32>) -> tensor<2x3xf32>
    /// ```
    pub struct ExtractSliceOp = "tensor.extract_slice";
    summary: "extract a strided slice";
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        attrs: &[SEGMENTS_C, i64_array_c("static_offsets", true), i64_array_c("static_sizes", true), i64_array_c("static_strides", true)],
        verify: Some(verify_extract_slice),
    }
}

fn verify_extract_slice(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (shape, elem) = ranked_operand(&op, 0, "source")?;
    let lists = mixed_lists(&op, 1, &SLICE_LISTS).map_err(|e| op.error(e))?;
    let sizes = verify_slice(&op, &shape, &lists)?;
    let (rshape, relem) = ranked_result(&op)?;
    same_elem(&op, elem, relem, "result")?;
    if !rank_reduces_to(&sizes, &rshape) {
        return Err(op.error(format_args!(
            "result shape {} does not match the slice sizes {} (up to dropped unit dimensions)",
            shape_str(&rshape),
            shape_str(&sizes)
        )));
    }
    Ok(())
}

op! {
    /// Insert `source` into a strided slice of `dest` (MLIR `tensor.insert_slice`): the
    /// result is `dest` with `result[offsets + i * strides] = source[i]` for `i < sizes`.
    /// `source` may lack unit dimensions of `sizes`. Lists as for `tensor.extract_slice`.
    ///
    /// ```mlir
    /// %r = "tensor.insert_slice"(%s, %t) <{operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, static_offsets = array<i64: 1, 2>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (tensor<2x2xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
    /// ```
    pub struct InsertSliceOp = "tensor.insert_slice";
    summary: "insert a tensor into a strided slice of another";
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::AtLeast(2),
        results: Arity::Exactly(1),
        attrs: &[SEGMENTS_C, i64_array_c("static_offsets", true), i64_array_c("static_sizes", true), i64_array_c("static_strides", true)],
        verify: Some(verify_insert_slice),
    }
}

fn verify_insert_slice(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (sshape, selem) = ranked_operand(&op, 0, "source")?;
    let (dshape, delem) = ranked_operand(&op, 1, "dest")?;
    same_elem(&op, selem, delem, "dest")?;
    let lists = mixed_lists(&op, 2, &SLICE_LISTS).map_err(|e| op.error(e))?;
    let sizes = verify_slice(&op, &dshape, &lists)?;
    if !rank_reduces_to(&sizes, &sshape) {
        return Err(op.error(format_args!(
            "source shape {} does not match the slice sizes {} (up to dropped unit dimensions)",
            shape_str(&sshape),
            shape_str(&sizes)
        )));
    }
    if result_types(&op) != [op.ty(op.operand(1))] {
        return Err(op.error("result type must be the dest type"));
    }
    Ok(())
}

/// The names of the padding lists, in operand-segment order.
pub const PAD_LISTS: [&str; 2] = ["static_low", "static_high"];

op! {
    /// Pad a tensor (MLIR `tensor.pad`): `low[i]` elements before and `high[i]` after
    /// dimension `i` (static in `static_low`/`static_high`, or `index` operands), each padding
    /// element given by the region, whose block arguments are the element's indices in the
    /// result (`index`) and which yields the value (often a constant defined above the op).
    /// The `nofold` flag is kept for compatibility and has no meaning here.
    ///
    /// ```mlir
    /// %p = "tensor.pad"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0>, static_high = array<i64: 0, 2>, static_low = array<i64: 1, 0>}> ({
    /// ^bb0(%i: index, %j: index):
    ///   %zero = arith.constant 0.000000e+00 : f32
    ///   "tensor.yield"(%zero) : (f32) -> ()
    /// }) : (tensor<4x8xf32>) -> tensor<5x10xf32>
    /// ```
    pub struct PadOp = "tensor.pad";
    summary: "pad a tensor with values given by a region";
    results: [result];
    def: {
        traits: Traits::PURE.with(Traits::SINGLE_BLOCK),
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        regions: Arity::Exactly(1),
        attrs: &[SEGMENTS_C, i64_array_c("static_low", true), i64_array_c("static_high", true), unit_c("nofold")],
        verify: Some(verify_pad),
    }
}

fn verify_pad(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (shape, elem) = ranked_operand(&op, 0, "source")?;
    let lists = mixed_lists(&op, 1, &PAD_LISTS).map_err(|e| op.error(e))?;
    let (low, high) = (static_or_dyn(&lists[0]), static_or_dyn(&lists[1]));
    if low.len() != shape.len() || high.len() != shape.len() {
        return Err(op.error(format_args!(
            "expects {} low and high padding amounts, but has {} and {}",
            shape.len(),
            low.len(),
            high.len()
        )));
    }
    let (rshape, relem) = ranked_result(&op)?;
    same_elem(&op, elem, relem, "result")?;
    if rshape.len() != shape.len() {
        return Err(op.error("result rank must equal the source rank"));
    }
    for i in 0..shape.len() {
        if (low[i] != DYN && low[i] < 0) || (high[i] != DYN && high[i] < 0) {
            return Err(op.error(format_args!("dimension {i}: padding must be non-negative")));
        }
        if [low[i], high[i], shape[i]].contains(&DYN) {
            continue;
        }
        let want = shape[i]
            .checked_add(low[i])
            .and_then(|x| x.checked_add(high[i]));
        if rshape[i] != DYN && want != Some(rshape[i]) {
            return Err(op.error(format_args!(
                "dimension {i}: result size {} must be {} + {} + {}",
                rshape[i], low[i], shape[i], high[i]
            )));
        }
    }
    let index = op.ctx.index_type();
    let region = op.body.regions(op.op)[0];
    verify_scalar_region(&op, region, &vec![index; shape.len()], &[elem])
}

/// Check that `groups` partition `0..rank` into contiguous increasing runs.
fn check_reassociation(groups: &[Vec<i64>], rank: usize) -> Result<(), String> {
    let mut next = 0i64;
    for g in groups {
        if g.is_empty() {
            return Err("reassociation groups must not be empty".into());
        }
        for &i in g {
            if i != next {
                return Err(format!(
                    "reassociation must list dimensions 0..{rank} in order, in contiguous groups"
                ));
            }
            next += 1;
        }
    }
    if next != rank as i64 {
        return Err(format!(
            "reassociation covers {next} dimensions, but the expanded tensor has rank {rank}"
        ));
    }
    Ok(())
}

/// The collapsed shape of `expanded` under `groups` (product per group, [`DYN`] if any
/// member is dynamic).
pub fn collapsed_shape(expanded: &[i64], groups: &[Vec<i64>]) -> Vec<i64> {
    groups
        .iter()
        .map(|g| {
            let mut p: i64 = 1;
            for &i in g {
                let d = expanded[i as usize];
                if d == DYN {
                    return DYN;
                }
                p = p.saturating_mul(d);
            }
            p
        })
        .collect()
}

fn verify_reshape(
    op: &OpRef<'_>,
    expanded: &[i64],
    collapsed: &[i64],
) -> Result<Vec<Vec<i64>>, Diagnostic> {
    let a = op
        .attr("reassociation")
        .ok_or_else(|| op.error("requires attribute 'reassociation'"))?;
    let groups = reassociation(op.ctx, a)
        .ok_or_else(|| op.error("'reassociation' must be an array of arrays of integers"))?;
    if collapsed.is_empty() && groups.is_empty() {
        if expanded.iter().any(|&d| d != 1 && d != DYN) {
            return Err(op.error("collapsing to rank 0 needs all dimensions to be 1"));
        }
        return Ok(groups);
    }
    if groups.len() != collapsed.len() {
        return Err(op.error(format_args!(
            "reassociation has {} groups, but the collapsed tensor has rank {}",
            groups.len(),
            collapsed.len()
        )));
    }
    check_reassociation(&groups, expanded.len()).map_err(|e| op.error(e))?;
    let want = collapsed_shape(expanded, &groups);
    for (i, (&w, &c)) in want.iter().zip(collapsed).enumerate() {
        if !dims_compatible(w, c) {
            return Err(op.error(format_args!(
                "collapsed dimension {i} has size {c}, but its group multiplies to {w}"
            )));
        }
    }
    Ok(groups)
}

op! {
    /// Merge contiguous groups of dimensions (MLIR `tensor.collapse_shape`): dimension `i` of
    /// the result is the product of the source dimensions in `reassociation[i]`; elements
    /// keep their row-major order.
    ///
    /// ```mlir
    /// %c = "tensor.collapse_shape"(%t) <{reassociation = [[0, 1], [2]]}> : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
    /// ```
    pub struct CollapseShapeOp = "tensor.collapse_shape";
    summary: "merge groups of dimensions";
    operands: [src];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        attrs: &[REASSOCIATION_C],
        verify: Some(verify_collapse),
    }
}

fn verify_collapse(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (shape, elem) = ranked_operand(&op, 0, "source")?;
    let (rshape, relem) = ranked_result(&op)?;
    same_elem(&op, elem, relem, "result")?;
    verify_reshape(&op, &shape, &rshape).map(|_| ())
}

op! {
    /// Split dimensions into contiguous groups (MLIR `tensor.expand_shape`): source dimension
    /// `i` becomes the result dimensions in `reassociation[i]`, whose sizes are
    /// `static_output_shape` (`kDynamic` entries are `index` operands); elements keep their
    /// row-major order.
    ///
    /// ```mlir
    /// %e = "tensor.expand_shape"(%t) <{reassociation = [[0, 1], [2]], static_output_shape = array<i64: 2, 3, 4>}> : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
    /// ```
    pub struct ExpandShapeOp = "tensor.expand_shape";
    summary: "split dimensions into groups";
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        attrs: &[REASSOCIATION_C, i64_array_c("static_output_shape", true)],
        verify: Some(verify_expand),
    }
}

fn verify_expand(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (shape, elem) = ranked_operand(&op, 0, "source")?;
    let (rshape, relem) = ranked_result(&op)?;
    same_elem(&op, elem, relem, "result")?;
    let out = i64s_attr(&op, "static_output_shape")
        .map_err(|e| op.error(e))?
        .unwrap_or_default();
    if out.len() != rshape.len() || out.iter().zip(&rshape).any(|(a, b)| a != b) {
        return Err(op.error(format_args!(
            "'static_output_shape' {} must equal the result shape {}",
            shape_str(&out),
            shape_str(&rshape)
        )));
    }
    let dynamic = out.iter().filter(|&&d| d == DYN).count();
    let n = op.body.num_operands(op.op) - 1;
    if n != dynamic {
        return Err(op.error(format_args!(
            "output shape has {dynamic} dynamic sizes, but {n} are given"
        )));
    }
    for (i, t) in operand_types(&op).into_iter().enumerate().skip(1) {
        if !matches!(op.ctx.type_kind(t), TypeKind::Index) {
            return Err(op.error(format_args!("output size operand #{i} must be index")));
        }
    }
    verify_reshape(&op, &rshape, &shape).map(|_| ())
}

op! {
    /// Concatenate tensors along dimension `dim` (MLIR `tensor.concat`): every operand has
    /// the same rank and element type and the same sizes outside `dim`; the result's `dim`
    /// is the sum.
    ///
    /// ```mlir
    /// %c = "tensor.concat"(%a, %b) <{dim = 0 : i64}> : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<5x4xf32>
    /// ```
    pub struct ConcatOp = "tensor.concat";
    summary: "concatenate along a dimension";
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        attrs: &[int_c("dim", true)],
        verify: Some(verify_concat),
    }
}

fn verify_concat(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (rshape, relem) = ranked_result(&op)?;
    let dim = op
        .attr("dim")
        .and_then(|a| int_value(op.ctx, a))
        .ok_or_else(|| op.error("requires integer attribute 'dim'"))?;
    if dim < 0 || dim as usize >= rshape.len() {
        return Err(op.error(format_args!(
            "'dim' {dim} is out of range for rank {}",
            rshape.len()
        )));
    }
    let dim = dim as usize;
    let mut total: i64 = 0;
    for i in 0..op.body.num_operands(op.op) {
        let (s, e) = ranked_operand(&op, i, "operand")?;
        same_elem(&op, relem, e, &format!("operand #{i}"))?;
        if s.len() != rshape.len() {
            return Err(op.error(format_args!(
                "operand #{i} has rank {}, but the result has rank {}",
                s.len(),
                rshape.len()
            )));
        }
        for (k, (&a, &b)) in s.iter().zip(&rshape).enumerate() {
            if k != dim && !dims_compatible(a, b) {
                return Err(op.error(format_args!(
                    "operand #{i} has size {a} in dimension {k}, but the result has {b}"
                )));
            }
        }
        total = if total == DYN || s[dim] == DYN {
            DYN
        } else {
            total.saturating_add(s[dim])
        };
    }
    if !dims_compatible(total, rshape[dim]) {
        return Err(op.error(format_args!(
            "result dimension {dim} has size {}, but the operands sum to {total}",
            rshape[dim]
        )));
    }
    Ok(())
}

/// The reassociation groups of a collapse or expand op, for the interpreter and transforms.
pub fn reassociation_of(ctx: &Context, op: &OpRef<'_>) -> Option<Vec<Vec<i64>>> {
    reassociation(ctx, op.attr("reassociation")?)
}

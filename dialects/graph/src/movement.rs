//! Data-movement ops: `transpose`, `concat`, `split`, `slice`, `gather`, `gather_elements`,
//! `scatter_elements`, `scatter_nd`, `pad`, `tile` and `shape` (`resize` is in
//! [`crate::resize`]). Index-like ONNX inputs (`perm`, `starts`, `pads`, `repeats`, ...) are
//! static attributes.

use crate::attr::{i64_array_c, i64_array_req, i64_c, number_c, string_c, Attrs};
use crate::dense::{dense_attr, Dense, Values, FOLD_LIMIT};
use crate::fold::{const_operand, defining, operand, result_type, to_value_if_same_type, Folded};
use crate::shape::{
    dims_compatible, format_shape, is_dynamic, is_permutation, join_dim, mul_dims, normalize_axes,
    normalize_axis, row_major_strides, slice_dim, split_sizes, sum_dims, transpose_shape, DYN,
};
use crate::util::{
    all_at_least, operand as check_operand, operands, ranked, require_min_rank, same_elem, tensor,
    Elems, ANY_TENSOR,
};
use crate::verify::{merged_attrs, verify_inferred};
use strata_ir::{op, Arity, Attribute, Context, FoldResult, OpRef, Traits, Type};

fn perm_of(a: &Attrs<'_>, rank: usize) -> Result<Vec<i64>, String> {
    Ok(a.ints("perm")?
        .unwrap_or_else(|| (0..rank as i64).rev().collect()))
}

/// Inference of `transpose`.
pub fn infer_transpose(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let perm = perm_of(&Attrs::new(ctx, attrs), ops[0].rank())?;
    let shape = transpose_shape(ops[0].shape, &perm)?;
    Ok(vec![tensor(ctx, &shape, ops[0].elem)])
}

fn op_perm(op: &OpRef<'_>) -> Option<Vec<i64>> {
    let x = operand(op, 0)?;
    let (shape, _) = ranked(op.ctx, op.ty(x))?;
    let perm = perm_of(&Attrs::new(op.ctx, merged_attrs(op)), shape.len()).ok()?;
    is_permutation(&perm, shape.len()).then_some(perm)
}

/// Permute the elements of a constant: `out[i0, ..., in] = in[.. i_k at position perm[k] ..]`.
fn transpose_dense(d: &Dense, perm: &[i64], out_ty: Type, ctx: &Context) -> Option<Attribute> {
    if perm.len() != d.shape.len() {
        return None;
    }
    if d.is_splat() {
        return dense_attr(ctx, out_ty, &d.values);
    }
    let n = d.num_elements();
    if n > FOLD_LIMIT {
        return None;
    }
    let in_strides = row_major_strides(&d.shape)?;
    let out_shape: Vec<i64> = perm.iter().map(|&p| d.shape[p as usize]).collect();
    let mut idx = vec![0usize; out_shape.len()];
    let mut order = Vec::with_capacity(n);
    for _ in 0..n {
        order.push(
            idx.iter()
                .zip(perm)
                .map(|(&i, &p)| i * in_strides[p as usize])
                .sum::<usize>(),
        );
        for k in (0..idx.len()).rev() {
            idx[k] += 1;
            if (idx[k] as i64) < out_shape[k] {
                break;
            }
            idx[k] = 0;
        }
    }
    let values = match &d.values {
        Values::Int(v) => Values::Int(order.iter().map(|&i| v[i]).collect()),
        Values::Float(v) => Values::Float(order.iter().map(|&i| v[i]).collect()),
    };
    dense_attr(ctx, out_ty, &values)
}

fn fold_transpose(op: OpRef<'_>, consts: &[Option<Attribute>]) -> Folded {
    let x = operand(&op, 0)?;
    let perm = op_perm(&op)?;
    if perm.iter().enumerate().all(|(i, &p)| p == i as i64) {
        return to_value_if_same_type(&op, x);
    }
    if let Some(inner) = defining(&op, x, TransposeOp::NAME) {
        let p1 = op_perm(&inner)?;
        let composed_identity = perm
            .iter()
            .enumerate()
            .all(|(i, &p)| p1.get(p as usize) == Some(&(i as i64)));
        if composed_identity {
            if let Some(f) = to_value_if_same_type(&op, operand(&inner, 0)?) {
                return Some(f);
            }
        }
    }
    let d = const_operand(op.ctx, consts, 0)?;
    let attr = transpose_dense(&d, &perm, result_type(&op, 0)?, op.ctx)?;
    Some(vec![FoldResult::Attr(attr)])
}

op! {
    /// Permute dimensions (ONNX `Transpose`, opset 13): `out.shape[i] = in.shape[perm[i]]`
    /// and `out[j_0, ..., j_n] = in[i]` with `i[perm[k]] = j_k`. `perm` defaults to the
    /// reversed dimensions.
    ///
    /// Folds an identity permutation, `transpose(transpose(x))` whose permutations compose to
    /// the identity, and constants.
    ///
    /// ```mlir
    /// %0 = "graph.transpose"(%x) <{perm = array<i64: 0, 2, 3, 1>}> : (tensor<1x3x224x224xf32>) -> tensor<1x224x224x3xf32>
    /// ```
    pub struct TransposeOp = "graph.transpose";
    summary: "permute dimensions";
    operands: [input];
    results: [output];
    attrs: [perm = "perm"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_array_c("perm")],
        verify: Some(verify_inferred),
        infer: Some(infer_transpose),
        fold: Some(fold_transpose),
        canonicalize: crate::canonicalize::TRANSPOSE_PATTERNS,
    }
}

/// Inference of `concat`.
pub fn infer_concat(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, usize::MAX, Elems::Any)?;
    same_elem(ctx, &ops)?;
    let first = ops[0];
    require_min_rank(&first, "input", 1)?;
    let axis = normalize_axis(Attrs::new(ctx, attrs).i64_req("axis")?, first.rank())?;
    let mut shape = first.shape.to_vec();
    let mut along = Vec::with_capacity(ops.len());
    for o in &ops {
        if o.rank() != first.rank() {
            return Err(format!(
                "operand #{} has rank {}, but operand #0 has rank {}",
                o.index,
                o.rank(),
                first.rank()
            ));
        }
        for (i, d) in shape.iter_mut().enumerate() {
            if i == axis {
                continue;
            }
            if !dims_compatible(*d, o.shape[i]) {
                return Err(format!(
                    "operand #{} has shape {} incompatible with {} outside axis {axis}",
                    o.index,
                    format_shape(o.shape),
                    format_shape(first.shape)
                ));
            }
            *d = join_dim(*d, o.shape[i]);
        }
        along.push(o.shape[axis]);
    }
    shape[axis] = sum_dims(&along)?;
    Ok(vec![tensor(ctx, &shape, first.elem)])
}

fn fold_concat(op: OpRef<'_>, consts: &[Option<Attribute>]) -> Folded {
    if op.body.num_operands(op.op) == 1 {
        return to_value_if_same_type(&op, operand(&op, 0)?);
    }
    let rty = result_type(&op, 0)?;
    let (rshape, _) = ranked(op.ctx, rty)?;
    let total = usize::try_from(crate::shape::num_elements(rshape)?).ok()?;
    if total > FOLD_LIMIT {
        return None;
    }
    let ds: Vec<Dense> = (0..consts.len())
        .map(|i| const_operand(op.ctx, consts, i))
        .collect::<Option<_>>()?;
    let axis = normalize_axis(
        Attrs::new(op.ctx, merged_attrs(&op)).i64_req("axis").ok()?,
        rshape.len(),
    )
    .ok()?;
    if ds
        .iter()
        .any(|d| d.shape.len() != rshape.len() || d.shape[..axis] != rshape[..axis])
    {
        return None;
    }
    let outer: usize = rshape[..axis].iter().map(|&d| d as usize).product();
    let mut ints = Vec::with_capacity(total);
    let mut floats = Vec::with_capacity(total);
    for o in 0..outer {
        for d in &ds {
            let chunk: usize = d.shape[axis..].iter().map(|&x| x as usize).product();
            for j in 0..chunk {
                let i = o * chunk + j;
                match &d.values {
                    Values::Int(_) => ints.push(d.int(i)?),
                    Values::Float(_) => floats.push(d.float(i)?),
                }
            }
        }
    }
    let values = if floats.is_empty() {
        Values::Int(ints)
    } else if ints.is_empty() {
        Values::Float(floats)
    } else {
        return None;
    };
    Some(vec![FoldResult::Attr(dense_attr(op.ctx, rty, &values)?)])
}

op! {
    /// Concatenate along `axis` (ONNX `Concat`, opset 13): one or more operands of one
    /// element type and rank (>= 1), with equal dimensions except along `axis` (required, in
    /// `[-rank, rank - 1]`), whose sizes add up.
    ///
    /// Folds a single operand to itself, and constants.
    ///
    /// ```mlir
    /// %0 = "graph.concat"(%a, %b) <{axis = 1 : i64}> : (tensor<1x64x?x?xf32>, tensor<1x32x?x?xf32>) -> tensor<1x96x?x?xf32>
    /// ```
    pub struct ConcatOp = "graph.concat";
    summary: "concatenate along an axis";
    results: [output];
    attrs: [axis = "axis"];
    def: {
        traits: Traits::PURE,
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[strata_ir::AttrConstraint { required: true, ..i64_c("axis") }],
        verify: Some(verify_inferred),
        infer: Some(infer_concat),
        fold: Some(fold_concat),
    }
}

/// Inference of `split`: one result per `split` size, or `num_outputs` results.
pub fn infer_split(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let x = ops[0];
    require_min_rank(&x, "input", 1)?;
    let a = Attrs::new(ctx, attrs);
    let axis = normalize_axis(a.i64("axis", 0)?, x.rank())?;
    let dim = x.shape[axis];
    let sizes = match (a.ints("split")?, a.i64_opt("num_outputs")?) {
        (Some(_), Some(_)) => {
            return Err("attributes 'split' and 'num_outputs' are exclusive".to_string())
        }
        (None, None) => return Err("requires attribute 'split' or 'num_outputs'".to_string()),
        (Some(s), None) => {
            if s.is_empty() {
                return Err("attribute 'split' must not be empty".to_string());
            }
            all_at_least("split", &s, 0)?;
            let total = sum_dims(&s)?;
            if !dims_compatible(total, dim) {
                return Err(format!(
                    "split sizes sum to {total}, but dimension {axis} has size {}",
                    format_shape(&[dim])
                ));
            }
            s
        }
        (None, Some(n)) => {
            if !(1..=1 << 20).contains(&n) {
                return Err(format!(
                    "attribute 'num_outputs' must be in [1, 1048576], but got {n}"
                ));
            }
            split_sizes(dim, n as usize)
        }
    };
    Ok(sizes
        .iter()
        .map(|&s| {
            let mut shape = x.shape.to_vec();
            shape[axis] = s;
            tensor(ctx, &shape, x.elem)
        })
        .collect())
}

op! {
    /// Split along `axis` (ONNX `Split`, opset 18, with the sizes as an attribute) into
    /// consecutive parts: `split` gives their sizes (summing to the dimension), or
    /// `num_outputs` the number of parts, each `ceil(dim / num_outputs)` except the last ones
    /// which are smaller (possibly empty) so that they sum to the dimension (see
    /// [`split_sizes`](crate::shape::split_sizes)). Exactly one of the two must be given;
    /// `axis` defaults to 0. There is one result per part.
    ///
    /// ```mlir
    /// %0:3 = "graph.split"(%x) <{axis = 1 : i64, split = array<i64: 2, 2, 4>}> : (tensor<4x8xf32>) -> (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x4xf32>)
    /// ```
    pub struct SplitOp = "graph.split";
    summary: "split along an axis";
    operands: [input];
    attrs: [axis = "axis", split = "split", num_outputs = "num_outputs"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::AtLeast(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_c("axis"), i64_array_c("split"), i64_c("num_outputs")],
        verify: Some(verify_inferred),
        infer: Some(infer_split),
        fold: Some(fold_split),
    }
}

/// A constant operand splits into one constant per result (each part's shape from its
/// result type, which must be static).
fn fold_split(op: OpRef<'_>, consts: &[Option<Attribute>]) -> Folded {
    let d = const_operand(op.ctx, consts, 0)?;
    let a = Attrs::new(op.ctx, merged_attrs(&op));
    let axis = normalize_axis(a.i64("axis", 0).ok()?, d.shape.len()).ok()?;
    let strides = row_major_strides(&d.shape)?;
    let ostrides: Vec<i64> = strides.iter().map(|&s| s as i64).collect();
    let mut start = 0i64;
    let mut out = Vec::new();
    for i in 0..op.body.results(op.op).len() {
        let rty = result_type(&op, i)?;
        let (rshape, _) = ranked(op.ctx, rty)?;
        if rshape.len() != d.shape.len() || rshape.iter().any(|&v| is_dynamic(v)) {
            return None;
        }
        let base = start.checked_mul(ostrides[axis])?;
        let offsets = affine_offsets(rshape, base, &ostrides)?;
        let part = crate::fold::fold_gathered_at(&op, i, &d, &offsets)?;
        out.push(part);
        start = start.checked_add(rshape[axis])?;
    }
    (start == d.shape[axis]).then_some(out)
}

/// The resolved slice parameters: for each sliced axis `(axis, start, end, step)`.
pub fn slice_params(a: &Attrs<'_>, rank: usize) -> Result<Vec<(usize, i64, i64, i64)>, String> {
    let starts = a
        .ints("starts")?
        .ok_or_else(|| "requires attribute 'starts'".to_string())?;
    let ends = a
        .ints("ends")?
        .ok_or_else(|| "requires attribute 'ends'".to_string())?;
    let n = starts.len();
    if ends.len() != n {
        return Err(format!(
            "attributes 'starts' and 'ends' must have the same length, but have {n} and {}",
            ends.len()
        ));
    }
    let axes = match a.ints("axes")? {
        Some(v) if v.len() != n => {
            return Err(format!(
                "attribute 'axes' must have {n} elements, but has {}",
                v.len()
            ))
        }
        Some(v) => normalize_axes(&v, rank)?,
        None if n > rank => return Err(format!("slices {n} axes of a rank-{rank} tensor")),
        None => (0..n).collect(),
    };
    let steps = a.ints_len("steps", n, 1)?;
    if steps.contains(&0) {
        return Err("attribute 'steps' must not contain 0".to_string());
    }
    Ok((0..n)
        .map(|i| (axes[i], starts[i], ends[i], steps[i]))
        .collect())
}

/// Inference of `slice`.
pub fn infer_slice(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let x = ops[0];
    let mut shape = x.shape.to_vec();
    for (axis, start, end, step) in slice_params(&Attrs::new(ctx, attrs), x.rank())? {
        shape[axis] = slice_dim(x.shape[axis], start, end, step);
    }
    Ok(vec![tensor(ctx, &shape, x.elem)])
}

fn fold_slice(op: OpRef<'_>, consts: &[Option<Attribute>]) -> Folded {
    let x = operand(&op, 0)?;
    let (shape, _) = ranked(op.ctx, op.ty(x))?;
    let params = slice_params(&Attrs::new(op.ctx, merged_attrs(&op)), shape.len()).ok()?;
    let full = params.iter().all(|&(axis, start, end, step)| {
        let d = shape[axis];
        let whole_static = !is_dynamic(d) && step > 0 && slice_dim(d, start, end, step) == d;
        whole_static || (start == 0 && step == 1 && end == i64::MAX)
    });
    if full {
        return to_value_if_same_type(&op, x);
    }
    // A constant operand: gather the sliced elements.
    let d = const_operand(op.ctx, consts, 0)?;
    let strides = row_major_strides(&d.shape)?;
    let mut out_shape = d.shape.clone();
    let mut base = 0i64;
    let mut ostrides: Vec<i64> = strides.iter().map(|&s| s as i64).collect();
    for &(axis, start, end, step) in &params {
        let dim = d.shape[axis];
        let len = slice_dim(dim, start, end, step);
        out_shape[axis] = len;
        if len > 0 {
            let (s, _) = crate::shape::slice_bounds(dim, start, end, step);
            base = base.checked_add(s.checked_mul(strides[axis] as i64)?)?;
        }
        ostrides[axis] = (strides[axis] as i64).checked_mul(step)?;
    }
    let offsets = affine_offsets(&out_shape, base, &ostrides)?;
    crate::fold::fold_gathered(&op, &d, &offsets)
}

/// The source offsets `base + sum(index[i] * strides[i])` of every row-major index of
/// `shape` (at most [`FOLD_LIMIT`] of them, all non-negative).
fn affine_offsets(shape: &[i64], base: i64, strides: &[i64]) -> Option<Vec<usize>> {
    let total = usize::try_from(crate::shape::num_elements(shape)?).ok()?;
    if total > FOLD_LIMIT {
        return None;
    }
    let mut out = Vec::with_capacity(total);
    let mut idx = vec![0i64; shape.len()];
    for _ in 0..total {
        let off = idx
            .iter()
            .zip(strides)
            .try_fold(base, |acc, (&i, &s)| acc.checked_add(i.checked_mul(s)?))?;
        out.push(usize::try_from(off).ok()?);
        for k in (0..shape.len()).rev() {
            idx[k] += 1;
            if idx[k] < shape[k] {
                break;
            }
            idx[k] = 0;
        }
    }
    Some(out)
}

fn fold_gather(op: OpRef<'_>, consts: &[Option<Attribute>]) -> Folded {
    let d = const_operand(op.ctx, consts, 0)?;
    let idx = const_operand(op.ctx, consts, 1)?;
    let axis = normalize_axis(
        Attrs::new(op.ctx, merged_attrs(&op)).i64("axis", 0).ok()?,
        d.shape.len(),
    )
    .ok()?;
    let dim = d.shape[axis];
    let outer = usize::try_from(crate::shape::num_elements(&d.shape[..axis])?).ok()?;
    let inner = usize::try_from(crate::shape::num_elements(&d.shape[axis + 1..])?).ok()?;
    let n = idx.num_elements();
    if outer.checked_mul(n)?.checked_mul(inner)? > FOLD_LIMIT {
        return None;
    }
    let mut offsets = Vec::new();
    for o in 0..outer {
        for k in 0..n {
            let i = i64::try_from(idx.int(k)?).ok()?;
            let i = if i < 0 { i.checked_add(dim)? } else { i };
            if !(0..dim).contains(&i) {
                return None;
            }
            let row = (o * dim as usize + i as usize) * inner;
            offsets.extend(row..row + inner);
        }
    }
    crate::fold::fold_gathered(&op, &d, &offsets)
}

op! {
    /// Slice with static parameters (ONNX `Slice`, opset 13, with the parameters as
    /// attributes). For each `i`, axis `axes[i]` (default `i`) is sliced from `starts[i]` to
    /// `ends[i]` (exclusive) with step `steps[i]` (default 1, non-zero; negative steps walk
    /// backwards). Negative starts and ends count from the end of the dimension; both are
    /// then clamped to `[0, dim]` (positive steps) or `[-1, dim - 1]` (negative steps), so
    /// `i64` extremes mean "to the end". The size is `max(0, ceil((end - start) / step))`
    /// (see [`slice_dim`](crate::shape::slice_dim)).
    ///
    /// Folds to its operand when every sliced axis is taken whole in order, and to a
    /// constant when the operand is one (results of at most 4096 elements).
    ///
    /// ```mlir
    /// %0 = "graph.slice"(%x) <{axes = array<i64: 1>, ends = array<i64: 9223372036854775807>, starts = array<i64: 1>, steps = array<i64: 2>}> : (tensor<2x10xf32>) -> tensor<2x5xf32>
    /// ```
    pub struct SliceOp = "graph.slice";
    summary: "strided slice with static parameters";
    operands: [input];
    results: [output];
    attrs: [starts = "starts", ends = "ends", axes = "axes", steps = "steps"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_array_req("starts"), i64_array_req("ends"), i64_array_c("axes"),
                 i64_array_c("steps")],
        verify: Some(verify_inferred),
        infer: Some(infer_slice),
        fold: Some(fold_slice),
    }
}

/// Inference of `gather`.
pub fn infer_gather(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    if types.len() != 2 {
        return Err(format!("expected 2 operands, but found {}", types.len()));
    }
    let data = check_operand(ctx, 0, types[0], Elems::Any)?;
    let indices = check_operand(ctx, 1, types[1], Elems::Int)?;
    require_min_rank(&data, "data", 1)?;
    let axis = normalize_axis(Attrs::new(ctx, attrs).i64("axis", 0)?, data.rank())?;
    let mut shape = data.shape[..axis].to_vec();
    shape.extend_from_slice(indices.shape);
    shape.extend_from_slice(&data.shape[axis + 1..]);
    Ok(vec![tensor(ctx, &shape, data.elem)])
}

op! {
    /// Gather slices along `axis` (ONNX `Gather`, opset 13): for `data` of rank `r >= 1` and
    /// integer `indices` of rank `q`, the result has shape `data.shape[:axis] ++
    /// indices.shape ++ data.shape[axis+1:]` and
    /// `out[a..., i..., b...] = data[a..., indices[i...], b...]`. Negative indices count
    /// from the end of the dimension; indices out of `[-dim, dim - 1]` are an error (reported
    /// by the interpreter). `axis` defaults to 0.
    ///
    /// Folds to a constant when both operands are constants (results of at most 4096
    /// elements, indices in range).
    ///
    /// ```mlir
    /// %0 = "graph.gather"(%emb, %ids) <{axis = 0 : i64}> : (tensor<30522x768xf32>, tensor<1x?xi64>) -> tensor<1x?x768xf32>
    /// ```
    pub struct GatherOp = "graph.gather";
    summary: "gather slices along an axis";
    operands: [data, indices];
    results: [output];
    attrs: [axis = "axis"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_c("axis")],
        verify: Some(verify_inferred),
        infer: Some(infer_gather),
        fold: Some(fold_gather),
    }
}

/// Inference of `gather_elements`.
pub fn infer_gather_elements(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    if types.len() != 2 {
        return Err(format!("expected 2 operands, but found {}", types.len()));
    }
    let data = check_operand(ctx, 0, types[0], Elems::Any)?;
    let indices = check_operand(ctx, 1, types[1], Elems::Int)?;
    require_min_rank(&data, "data", 1)?;
    if indices.rank() != data.rank() {
        return Err(format!(
            "indices must have the rank of data ({}), but have rank {}",
            data.rank(),
            indices.rank()
        ));
    }
    normalize_axis(Attrs::new(ctx, attrs).i64("axis", 0)?, data.rank())?;
    Ok(vec![tensor(ctx, indices.shape, data.elem)])
}

op! {
    /// Gather single elements along `axis` (ONNX `GatherElements`, opset 13): `data` of rank
    /// `r >= 1` and integer `indices` of the same rank give a result of `indices`' shape with
    /// `out[i_0, ..., i_{r-1}] = data[i_0, ..., indices[i_0, ..., i_{r-1}], ..., i_{r-1}]`
    /// (the index replaces position `axis`). Negative indices count from the end of the
    /// dimension; indices out of `[-dim, dim - 1]`, and positions of the other axes beyond
    /// `data`'s dimensions, are errors (reported by the interpreter). `axis` defaults to 0.
    ///
    /// ```mlir
    /// %0 = "graph.gather_elements"(%x, %i) <{axis = 1 : i64}> : (tensor<3x4xf32>, tensor<3x2xi64>) -> tensor<3x2xf32>
    /// ```
    pub struct GatherElementsOp = "graph.gather_elements";
    summary: "gather elements along an axis by an index tensor of the same rank";
    operands: [data, indices];
    results: [output];
    attrs: [axis = "axis"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_c("axis")],
        verify: Some(verify_inferred),
        infer: Some(infer_gather_elements),
    }
}

/// Inference of `scatter_elements`.
pub fn infer_scatter_elements(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    if types.len() != 3 {
        return Err(format!("expected 3 operands, but found {}", types.len()));
    }
    let data = check_operand(ctx, 0, types[0], Elems::Any)?;
    let indices = check_operand(ctx, 1, types[1], Elems::Int)?;
    let updates = check_operand(ctx, 2, types[2], Elems::Any)?;
    require_min_rank(&data, "data", 1)?;
    if indices.rank() != data.rank() {
        return Err(format!(
            "indices must have the rank of data ({}), but have rank {}",
            data.rank(),
            indices.rank()
        ));
    }
    let same_shape = indices.rank() == updates.rank()
        && indices
            .shape
            .iter()
            .zip(updates.shape)
            .all(|(&a, &b)| dims_compatible(a, b));
    if !same_shape || updates.elem != data.elem {
        return Err("updates must have the shape of indices and the element type of data".into());
    }
    let a = Attrs::new(ctx, attrs);
    normalize_axis(a.i64("axis", 0)?, data.rank())?;
    a.choice("reduction", "none", &["none", "add", "mul", "max", "min"])?;
    Ok(vec![types[0]])
}

op! {
    /// Scatter single elements along `axis` (ONNX `ScatterElements`, opset 18): a copy of
    /// `data` where, for every position `p` of `indices` (same rank as `data`), the element
    /// at `p` with position `axis` replaced by `indices[p]` becomes `updates[p]`, or is
    /// combined with it by `reduction` (`"add"`, `"mul"`, `"max"`, `"min"`; `"none"` by
    /// default, where a later position wins over an earlier one). Negative indices count
    /// from the end; out-of-range indices are an error (reported by the interpreter).
    ///
    /// ```mlir
    /// %0 = "graph.scatter_elements"(%x, %i, %u) <{axis = 1 : i64, reduction = "add"}> : (tensor<3x4xf32>, tensor<3x2xi64>, tensor<3x2xf32>) -> tensor<3x4xf32>
    /// ```
    pub struct ScatterElementsOp = "graph.scatter_elements";
    summary: "scatter elements along an axis by an index tensor of the same rank";
    operands: [data, indices, updates];
    results: [output];
    attrs: [axis = "axis", reduction = "reduction"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_c("axis"), string_c("reduction")],
        verify: Some(verify_inferred),
        infer: Some(infer_scatter_elements),
    }
}

/// Inference of `scatter_nd`.
pub fn infer_scatter_nd(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    if types.len() != 3 {
        return Err(format!("expected 3 operands, but found {}", types.len()));
    }
    let data = check_operand(ctx, 0, types[0], Elems::Any)?;
    let indices = check_operand(ctx, 1, types[1], Elems::Int)?;
    let updates = check_operand(ctx, 2, types[2], Elems::Any)?;
    require_min_rank(&data, "data", 1)?;
    require_min_rank(&indices, "indices", 1)?;
    let q = indices.rank();
    let k = indices.shape[q - 1];
    if !is_dynamic(k) && (k < 1 || k as usize > data.rank()) {
        return Err(format!(
            "the last dimension of indices ({k}) must be in [1, {}]",
            data.rank()
        ));
    }
    if !is_dynamic(k) {
        let mut want = indices.shape[..q - 1].to_vec();
        want.extend_from_slice(&data.shape[k as usize..]);
        let ok = want.len() == updates.rank()
            && want
                .iter()
                .zip(updates.shape)
                .all(|(&a, &b)| dims_compatible(a, b));
        if !ok {
            return Err(format!(
                "updates must have shape {}, but have {}",
                format_shape(&want),
                format_shape(updates.shape)
            ));
        }
    }
    if updates.elem != data.elem {
        return Err("updates must have the element type of data".into());
    }
    let a = Attrs::new(ctx, attrs);
    a.choice("reduction", "none", &["none", "add", "mul", "max", "min"])?;
    Ok(vec![types[0]])
}

op! {
    /// Scatter slices by index tuples (ONNX `ScatterND`, opset 18): `indices` of shape
    /// `[..., k]` addresses `k`-tuples into `data`; the result is a copy of `data` where the
    /// slice `data[t]` of each tuple `t = indices[p]` becomes `updates[p]` (shape
    /// `indices.shape[:-1] ++ data.shape[k:]`), or is combined with it by `reduction`
    /// (`"add"`, `"mul"`, `"max"`, `"min"`; `"none"` by default, a later tuple winning).
    /// Negative indices count from the end; out-of-range indices are an error (reported
    /// by the interpreter).
    ///
    /// ```mlir
    /// %0 = "graph.scatter_nd"(%x, %i, %u) <{reduction = "mul"}> : (tensor<4x4xf32>, tensor<2x1xi64>, tensor<2x4xf32>) -> tensor<4x4xf32>
    /// ```
    pub struct ScatterNdOp = "graph.scatter_nd";
    summary: "scatter slices addressed by index tuples";
    operands: [data, indices, updates];
    results: [output];
    attrs: [reduction = "reduction"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[string_c("reduction")],
        verify: Some(verify_inferred),
        infer: Some(infer_scatter_nd),
    }
}

/// Inference of `pad`.
pub fn infer_pad(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let x = ops[0];
    let r = x.rank();
    let a = Attrs::new(ctx, attrs);
    let pads = a
        .ints("pads")?
        .ok_or_else(|| "requires attribute 'pads'".to_string())?;
    if pads.len() != 2 * r {
        return Err(format!(
            "attribute 'pads' must have {} elements (2 * rank), but has {}",
            2 * r,
            pads.len()
        ));
    }
    let mode = a.choice("mode", "constant", &["constant", "reflect", "edge", "wrap"])?;
    a.scalar_for("constant_value", x.elem)?;
    let mut shape = Vec::with_capacity(r);
    for i in 0..r {
        let (d, pb, pe) = (x.shape[i], pads[i], pads[r + i]);
        if is_dynamic(d) {
            shape.push(DYN);
            continue;
        }
        let out = d
            .checked_add(pb)
            .and_then(|v| v.checked_add(pe))
            .ok_or_else(|| "padded size overflows".to_string())?;
        if out < 0 {
            return Err(format!("padded size of dimension {i} is negative ({out})"));
        }
        let limit = match mode {
            "reflect" => d - 1,
            "wrap" => d,
            "edge" if d == 0 => 0,
            _ => i64::MAX,
        };
        if pb.max(pe) > limit {
            return Err(format!(
                "'{mode}' padding of dimension {i} (size {d}) by {} is too large",
                pb.max(pe)
            ));
        }
        shape.push(out);
    }
    Ok(vec![tensor(ctx, &shape, x.elem)])
}

fn fold_pad(op: OpRef<'_>, _: &[Option<Attribute>]) -> Folded {
    let pads = Attrs::new(op.ctx, merged_attrs(&op)).ints("pads").ok()??;
    if pads.iter().all(|&p| p == 0) {
        return to_value_if_same_type(&op, operand(&op, 0)?);
    }
    None
}

op! {
    /// Pad (ONNX `Pad`, opset 19, with `pads` and the constant value as attributes). `pads`
    /// (required, `2 * rank` values `[begin_0 ... begin_{r-1}, end_0 ... end_{r-1}]`) adds
    /// (or, when negative, removes) elements before and after each dimension. `mode`:
    /// `"constant"` (default) fills with `constant_value` (default 0; a float attribute for
    /// float tensors, an integer attribute for integer and `i1` tensors); `"reflect"`
    /// mirrors without repeating the edge (pads at most `dim - 1`); `"edge"` repeats the edge
    /// element (non-empty dimension); `"wrap"` wraps around (pads at most `dim`). Removal by
    /// negative pads applies after padding the other side.
    ///
    /// Folds to its operand when all pads are 0.
    ///
    /// ```mlir
    /// %0 = "graph.pad"(%x) <{constant_value = 0.000000e+00 : f32, mode = "constant", pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>}> : (tensor<1x3x32x32xf32>) -> tensor<1x3x34x34xf32>
    /// ```
    pub struct PadOp = "graph.pad";
    summary: "pad with a constant, reflection, edge or wrap";
    operands: [input];
    results: [output];
    attrs: [pads = "pads", mode = "mode", constant_value = "constant_value"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_array_req("pads"), string_c("mode"), number_c("constant_value")],
        verify: Some(verify_inferred),
        infer: Some(infer_pad),
        fold: Some(fold_pad),
    }
}

/// Inference of `tile`.
pub fn infer_tile(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let x = ops[0];
    let reps = Attrs::new(ctx, attrs)
        .ints("repeats")?
        .ok_or_else(|| "requires attribute 'repeats'".to_string())?;
    if reps.len() != x.rank() {
        return Err(format!(
            "attribute 'repeats' must have {} elements (the rank), but has {}",
            x.rank(),
            reps.len()
        ));
    }
    all_at_least("repeats", &reps, 0)?;
    let shape = x
        .shape
        .iter()
        .zip(&reps)
        .map(|(&d, &r)| mul_dims(d, r))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(vec![tensor(ctx, &shape, x.elem)])
}

fn fold_tile(op: OpRef<'_>, _: &[Option<Attribute>]) -> Folded {
    let reps = Attrs::new(op.ctx, merged_attrs(&op))
        .ints("repeats")
        .ok()??;
    if reps.iter().all(|&r| r == 1) {
        return to_value_if_same_type(&op, operand(&op, 0)?);
    }
    None
}

op! {
    /// Repeat the whole tensor along each dimension (ONNX `Tile`, opset 13, with the repeats
    /// as an attribute): `out.shape[i] = in.shape[i] * repeats[i]` and
    /// `out[j] = in[j mod in.shape]`. `repeats` (required, one non-negative value per
    /// dimension).
    ///
    /// Folds to its operand when all repeats are 1.
    ///
    /// ```mlir
    /// %0 = "graph.tile"(%x) <{repeats = array<i64: 2, 1>}> : (tensor<3x4xf32>) -> tensor<6x4xf32>
    /// ```
    pub struct TileOp = "graph.tile";
    summary: "repeat along each dimension";
    operands: [input];
    results: [output];
    attrs: [repeats = "repeats"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_array_req("repeats")],
        verify: Some(verify_inferred),
        infer: Some(infer_tile),
        fold: Some(fold_tile),
    }
}

/// The `[start, end)` range of `shape` for rank `rank` (ONNX clamping).
pub fn shape_range(a: &Attrs<'_>, rank: usize) -> Result<(usize, usize), String> {
    let r = rank as i64;
    let clamp = |v: i64| (if v < 0 { v.saturating_add(r) } else { v }).clamp(0, r) as usize;
    let start = clamp(a.i64("start", 0)?);
    let end = clamp(a.i64("end", r)?);
    Ok((start, end.max(start)))
}

/// Inference of `shape`.
pub fn infer_shape(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let (s, e) = shape_range(&Attrs::new(ctx, attrs), ops[0].rank())?;
    Ok(vec![tensor(ctx, &[(e - s) as i64], ctx.i64())])
}

fn fold_shape(op: OpRef<'_>, _: &[Option<Attribute>]) -> Folded {
    let x = operand(&op, 0)?;
    let (shape, _) = ranked(op.ctx, op.ty(x))?;
    let (s, e) = shape_range(&Attrs::new(op.ctx, merged_attrs(&op)), shape.len()).ok()?;
    let dims = &shape[s..e];
    if dims.iter().any(|&d| is_dynamic(d)) {
        return None;
    }
    let values = Values::Int(dims.iter().map(|&d| d as i128).collect());
    let attr = dense_attr(op.ctx, result_type(&op, 0)?, &values)?;
    Some(vec![FoldResult::Attr(attr)])
}

op! {
    /// The shape of a tensor as a 1-D `i64` tensor (ONNX `Shape`, opset 15): dimensions
    /// `start` (default 0) up to `end` (exclusive, default the rank). Negative `start`/`end`
    /// count from the rank; both are clamped to `[0, rank]`, and an empty range gives
    /// `tensor<0xi64>`.
    ///
    /// Folds to a constant when the selected dimensions are static.
    ///
    /// ```mlir
    /// %0 = "graph.shape"(%x) <{start = 1 : i64}> : (tensor<?x3x224x224xf32>) -> tensor<3xi64>
    /// ```
    pub struct ShapeOp = "graph.shape";
    summary: "shape of a tensor";
    operands: [input];
    results: [output];
    attrs: [start = "start", end = "end"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_c("start"), i64_c("end")],
        verify: Some(verify_inferred),
        infer: Some(infer_shape),
        fold: Some(fold_shape),
    }
}

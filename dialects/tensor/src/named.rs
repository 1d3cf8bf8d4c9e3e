//! Named structured ops (MLIR's linalg named ops): each is a `tensor.generic` with indexing
//! maps and iterators derived from its operand ranks and attributes and a known body
//! ([`ScalarBody`]), viewed through [`StructuredOp`] and rewritten into its generic form by
//! `tensor-generalize`.

use crate::generic::{body_region, element_types};
use crate::structured::{
    add, d, map, mul, verify_scalar_region, verify_structured, IteratorType, ScalarBody,
    StructuredOp,
};
use crate::util::{i64_array_c, i64s_attr, ranked, ty_str};
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{op, Arity, Diagnostic, OpRef, Traits};

use IteratorType::{Parallel as P, Reduction as R};

/// The rank of operand `i` (0 for a scalar).
fn rank(op: &OpRef<'_>, i: usize) -> Result<usize, String> {
    let v = op
        .body
        .operands(op.op)
        .nth(i)
        .ok_or_else(|| format!("expects operand #{i}"))?;
    Ok(ranked(op.ctx, op.body.value_type(v)).map_or(0, |(s, _)| s.len()))
}

/// The rank of the last operand (the init).
fn init_rank(op: &OpRef<'_>) -> Result<usize, String> {
    let n = op.body.num_operands(op.op);
    if n == 0 {
        return Err("expects an init operand".into());
    }
    rank(op, n - 1)
}

fn identity(n: usize) -> AffineMap {
    AffineMap::identity(n as u32)
}

/// `strides` or `dilations` of a 2-d window op: two positive integers, default `[1, 1]`.
fn window_attr(op: &OpRef<'_>, name: &str) -> Result<[i64; 2], String> {
    match i64s_attr(op, name)? {
        None => Ok([1, 1]),
        Some(v) => match v[..] {
            [a, b] if a > 0 && b > 0 => Ok([a, b]),
            _ => Err(format!("'{name}' must be two positive integers")),
        },
    }
}

/// A sorted list of distinct dimensions below `bound` (`dimensions` of broadcast and reduce).
fn dimensions(op: &OpRef<'_>, bound: usize) -> Result<Vec<usize>, String> {
    let dims = i64s_attr(op, "dimensions")?.ok_or("requires attribute 'dimensions'")?;
    let mut prev = -1;
    for &x in &dims {
        if x <= prev || x >= bound as i64 {
            return Err(format!(
                "'dimensions' must be strictly increasing and below {bound}"
            ));
        }
        prev = x;
    }
    Ok(dims.into_iter().map(|x| x as usize).collect())
}

/// Verifier of the named ops: the structured invariants, then equal element types for the
/// operands the body combines (all but those listed in `skip`).
fn verify_named_impl(op: OpRef<'_>, skip: &[usize]) -> Result<(), Diagnostic> {
    let s = crate::structured::structured(op).ok_or_else(|| op.error("is not structured"))?;
    verify_structured(s.as_ref())?;
    let elems = element_types(&op)?;
    let Some(&out) = elems.last() else {
        return Ok(());
    };
    for (i, &e) in elems.iter().enumerate() {
        if e != out && !skip.contains(&i) {
            return Err(op.error(format_args!(
                "operand #{i} has element type {}, but the init has {}",
                ty_str(op.ctx, e),
                ty_str(op.ctx, out)
            )));
        }
    }
    Ok(())
}

fn verify_named(op: OpRef<'_>) -> Result<(), Diagnostic> {
    verify_named_impl(op, &[])
}

fn verify_pool(op: OpRef<'_>) -> Result<(), Diagnostic> {
    verify_named_impl(op, &[1])
}

op! {
    /// Fill the init with a scalar (`linalg.fill`): every result element is `value`.
    ///
    /// ```mlir
    /// %r = "tensor.fill"(%zero, %init) : (f32, tensor<2x3xf32>) -> tensor<2x3xf32>
    /// ```
    pub struct FillOp = "tensor.fill";
    summary: "fill a tensor with a scalar";
    operands: [value, init];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        verify: Some(verify_fill),
    }
}

fn verify_fill(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let t = op.ty(op.operand(0));
    if ranked(op.ctx, t).is_some() {
        return Err(op.error(format_args!(
            "value must be a scalar, but is {}",
            ty_str(op.ctx, t)
        )));
    }
    verify_named(op)
}

impl<'a> StructuredOp<'a> for FillOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        1
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        let n = init_rank(&self.0)?;
        Ok(vec![map(n, vec![]), identity(n)])
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        Ok(vec![P; init_rank(&self.0)?])
    }
    fn scalar_body(&self) -> ScalarBody {
        ScalarBody::Copy
    }
}

op! {
    /// Elementwise map (`linalg.map`): inputs and the init have the same shape, and each
    /// result element is the body applied to the input elements at the same position. The
    /// body's block arguments are the input elements only (the init provides the shape).
    ///
    /// ```mlir
    /// %r = "tensor.map"(%a, %b, %init) ({
    /// ^bb0(%x: f32, %y: f32):
    ///   %s = arith.addf %x, %y : f32
    ///   "tensor.yield"(%s) : (f32) -> ()
    /// }) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    /// ```
    pub struct MapOp = "tensor.map";
    summary: "elementwise map of inputs into an init";
    results: [result];
    def: {
        traits: Traits::PURE.with(Traits::SINGLE_BLOCK),
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        regions: Arity::Exactly(1),
        verify: Some(verify_map),
    }
}

fn verify_map(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let m = MapOp(op);
    verify_structured(&m)?;
    let elems = element_types(&op)?;
    let n = elems.len() - 1;
    for i in 0..n {
        if ranked(op.ctx, op.ty(op.operand(i))).is_none() {
            return Err(op.error(format_args!("input #{i} must be a ranked tensor")));
        }
    }
    let region = op.body.regions(op.op)[0];
    verify_scalar_region(&op, region, &elems[..n], &elems[n..])
}

impl<'a> StructuredOp<'a> for MapOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        self.0.body.num_operands(self.0.op).saturating_sub(1)
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        let n = init_rank(&self.0)?;
        Ok(vec![identity(n); self.0.body.num_operands(self.0.op)])
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        Ok(vec![P; init_rank(&self.0)?])
    }
    fn scalar_body(&self) -> ScalarBody {
        body_region(&self.0, false)
    }
}

op! {
    /// Matrix product accumulated into the init (`linalg.matmul`):
    /// `C[m, n] += A[m, k] * B[k, n]`, loops `(m, n, k)`.
    ///
    /// ```mlir
    /// %r = "tensor.matmul"(%a, %b, %c) : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
    /// ```
    pub struct MatmulOp = "tensor.matmul";
    summary: "matrix product";
    operands: [lhs, rhs, init];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        verify: Some(verify_named),
    }
}

impl<'a> StructuredOp<'a> for MatmulOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        2
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        Ok(vec![
            map(3, vec![d(0), d(2)]),
            map(3, vec![d(2), d(1)]),
            map(3, vec![d(0), d(1)]),
        ])
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        Ok(vec![P, P, R])
    }
    fn scalar_body(&self) -> ScalarBody {
        ScalarBody::MulAdd
    }
}

op! {
    /// Batched matrix product (`linalg.batch_matmul`):
    /// `C[b, m, n] += A[b, m, k] * B[b, k, n]`, loops `(b, m, n, k)`.
    ///
    /// ```mlir
    /// %r = "tensor.batch_matmul"(%a, %b, %c) : (tensor<2x4x8xf32>, tensor<2x8x16xf32>, tensor<2x4x16xf32>) -> tensor<2x4x16xf32>
    /// ```
    pub struct BatchMatmulOp = "tensor.batch_matmul";
    summary: "batched matrix product";
    operands: [lhs, rhs, init];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        verify: Some(verify_named),
    }
}

impl<'a> StructuredOp<'a> for BatchMatmulOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        2
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        Ok(vec![
            map(4, vec![d(0), d(1), d(3)]),
            map(4, vec![d(0), d(3), d(2)]),
            map(4, vec![d(0), d(1), d(2)]),
        ])
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        Ok(vec![P, P, P, R])
    }
    fn scalar_body(&self) -> ScalarBody {
        ScalarBody::MulAdd
    }
}

op! {
    /// Permute dimensions (`linalg.transpose`): `init.shape[i] = input.shape[permutation[i]]`
    /// and `result[i_0, .., i_n] = input[j]` with `j[permutation[k]] = i_k`.
    ///
    /// ```mlir
    /// %r = "tensor.transpose"(%x, %init) <{permutation = array<i64: 1, 0>}> : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
    /// ```
    pub struct TransposeOp = "tensor.transpose";
    summary: "permute dimensions";
    operands: [input, init];
    results: [result];
    attrs: [permutation = "permutation"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        attrs: &[i64_array_c("permutation", true)],
        verify: Some(verify_named),
    }
}

impl<'a> StructuredOp<'a> for TransposeOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        1
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        let perm = i64s_attr(&self.0, "permutation")?.ok_or("requires attribute 'permutation'")?;
        let n = perm.len();
        let mut inv = vec![None; n];
        for (k, &p) in perm.iter().enumerate() {
            match usize::try_from(p).ok().and_then(|p| inv.get_mut(p)) {
                Some(slot @ None) => *slot = Some(k as u32),
                _ => return Err(format!("'permutation' must be a permutation of 0..{n}")),
            }
        }
        let input: Vec<AffineExpr> = inv.into_iter().map(|k| d(k.unwrap_or(0))).collect();
        Ok(vec![map(n, input), identity(n)])
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        Ok(vec![P; init_rank(&self.0)?])
    }
    fn scalar_body(&self) -> ScalarBody {
        ScalarBody::Copy
    }
}

op! {
    /// Broadcast into new dimensions (`linalg.broadcast`): `dimensions` (increasing) are the
    /// dimensions of the init that the input lacks; the input's dimensions map in order to
    /// the others.
    ///
    /// ```mlir
    /// %r = "tensor.broadcast"(%x, %init) <{dimensions = array<i64: 1>}> : (tensor<2xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    /// ```
    pub struct BroadcastOp = "tensor.broadcast";
    summary: "broadcast into added dimensions";
    operands: [input, init];
    results: [result];
    attrs: [dimensions = "dimensions"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        attrs: &[i64_array_c("dimensions", true)],
        verify: Some(verify_named),
    }
}

impl<'a> StructuredOp<'a> for BroadcastOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        1
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        let n = init_rank(&self.0)?;
        let dims = dimensions(&self.0, n)?;
        let kept: Vec<AffineExpr> = (0..n)
            .filter(|i| !dims.contains(i))
            .map(|i| d(i as u32))
            .collect();
        Ok(vec![map(n, kept), identity(n)])
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        Ok(vec![P; init_rank(&self.0)?])
    }
    fn scalar_body(&self) -> ScalarBody {
        ScalarBody::Copy
    }
}

op! {
    /// Reduce `dimensions` (increasing) of the input into the init (`linalg.reduce`): the
    /// init has the input's other dimensions, in order, and the body combines an input
    /// element (first argument) with the accumulator (second) into the new accumulator.
    ///
    /// ```mlir
    /// %r = "tensor.reduce"(%x, %init) <{dimensions = array<i64: 1>}> ({
    /// ^bb0(%in: f32, %acc: f32):
    ///   %s = arith.addf %in, %acc : f32
    ///   "tensor.yield"(%s) : (f32) -> ()
    /// }) : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2xf32>
    /// ```
    pub struct ReduceOp = "tensor.reduce";
    summary: "reduce dimensions with a combiner body";
    operands: [input, init];
    results: [result];
    attrs: [dimensions = "dimensions"];
    def: {
        traits: Traits::PURE.with(Traits::SINGLE_BLOCK),
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        regions: Arity::Exactly(1),
        attrs: &[i64_array_c("dimensions", true)],
        verify: Some(verify_reduce),
    }
}

fn verify_reduce(op: OpRef<'_>) -> Result<(), Diagnostic> {
    verify_structured(&ReduceOp(op))?;
    let elems = element_types(&op)?;
    if ranked(op.ctx, op.ty(op.operand(0))).is_none() {
        return Err(op.error("input must be a ranked tensor"));
    }
    let region = op.body.regions(op.op)[0];
    verify_scalar_region(&op, region, &elems, &elems[1..])
}

impl<'a> StructuredOp<'a> for ReduceOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        1
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        let n = rank(&self.0, 0)?;
        let dims = dimensions(&self.0, n)?;
        let kept: Vec<AffineExpr> = (0..n)
            .filter(|i| !dims.contains(i))
            .map(|i| d(i as u32))
            .collect();
        Ok(vec![identity(n), map(n, kept)])
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        let n = rank(&self.0, 0)?;
        let dims = dimensions(&self.0, n)?;
        Ok((0..n)
            .map(|i| if dims.contains(&i) { R } else { P })
            .collect())
    }
    fn scalar_body(&self) -> ScalarBody {
        body_region(&self.0, true)
    }
}

/// `o * stride + k * dilation`.
fn window(o: u32, k: u32, stride: i64, dilation: i64) -> AffineExpr {
    add(mul(d(o), stride), mul(d(k), dilation))
}

/// Strides and dilations of a window op.
fn window_params(op: &OpRef<'_>) -> Result<([i64; 2], [i64; 2]), String> {
    Ok((window_attr(op, "strides")?, window_attr(op, "dilations")?))
}

op! {
    /// 2-d convolution, input `N x C x H x W`, filter `F x C x KH x KW`, init
    /// `N x F x OH x OW` (`linalg.conv_2d_nchw_fchw`): loops `(n, f, oh, ow, c, kh, kw)`,
    /// `out[n, f, oh, ow] += in[n, c, oh * sh + kh * dh, ow * sw + kw * dw] * w[f, c, kh, kw]`.
    /// `strides` and `dilations` default to `[1, 1]`; padding is a separate `tensor.pad`.
    ///
    /// ```mlir
    /// %r = "tensor.conv2d_nchw_fchw"(%x, %w, %init) <{dilations = array<i64: 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x3x9x9xf32>, tensor<8x3x3x3xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
    /// ```
    pub struct Conv2dNchwFchwOp = "tensor.conv2d_nchw_fchw";
    summary: "2-d convolution, NCHW input, FCHW filter";
    operands: [input, filter, init];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        attrs: &[i64_array_c("strides", false), i64_array_c("dilations", false)],
        verify: Some(verify_named),
    }
}

impl<'a> StructuredOp<'a> for Conv2dNchwFchwOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        2
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        let (s, dl) = window_params(&self.0)?;
        Ok(vec![
            map(
                7,
                vec![
                    d(0),
                    d(4),
                    window(2, 5, s[0], dl[0]),
                    window(3, 6, s[1], dl[1]),
                ],
            ),
            map(7, vec![d(1), d(4), d(5), d(6)]),
            map(7, vec![d(0), d(1), d(2), d(3)]),
        ])
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        Ok(vec![P, P, P, P, R, R, R])
    }
    fn scalar_body(&self) -> ScalarBody {
        ScalarBody::MulAdd
    }
}

op! {
    /// 2-d convolution, input `N x H x W x C`, filter `KH x KW x C x F`, init
    /// `N x OH x OW x F` (`linalg.conv_2d_nhwc_hwcf`): loops `(n, oh, ow, f, kh, kw, c)`,
    /// `out[n, oh, ow, f] += in[n, oh * sh + kh * dh, ow * sw + kw * dw, c] * w[kh, kw, c, f]`.
    ///
    /// ```mlir
    /// %r = "tensor.conv2d_nhwc_hwcf"(%x, %w, %init) <{dilations = array<i64: 2, 2>, strides = array<i64: 1, 1>}> : (tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32>, tensor<1x5x5x8xf32>) -> tensor<1x5x5x8xf32>
    /// ```
    pub struct Conv2dNhwcHwcfOp = "tensor.conv2d_nhwc_hwcf";
    summary: "2-d convolution, NHWC input, HWCF filter";
    operands: [input, filter, init];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        attrs: &[i64_array_c("strides", false), i64_array_c("dilations", false)],
        verify: Some(verify_named),
    }
}

impl<'a> StructuredOp<'a> for Conv2dNhwcHwcfOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        2
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        let (s, dl) = window_params(&self.0)?;
        Ok(vec![
            map(
                7,
                vec![
                    d(0),
                    window(1, 4, s[0], dl[0]),
                    window(2, 5, s[1], dl[1]),
                    d(6),
                ],
            ),
            map(7, vec![d(4), d(5), d(6), d(3)]),
            map(7, vec![d(0), d(1), d(2), d(3)]),
        ])
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        Ok(vec![P, P, P, P, R, R, R])
    }
    fn scalar_body(&self) -> ScalarBody {
        ScalarBody::MulAdd
    }
}

op! {
    /// Depthwise 2-d convolution (channel multiplier 1), input `N x C x H x W`, filter
    /// `C x KH x KW`, init `N x C x OH x OW` (`linalg.depthwise_conv_2d_nchw_chw`): loops
    /// `(n, c, oh, ow, kh, kw)`,
    /// `out[n, c, oh, ow] += in[n, c, oh * sh + kh * dh, ow * sw + kw * dw] * w[c, kh, kw]`.
    ///
    /// ```mlir
    /// %r = "tensor.depthwise_conv2d_nchw"(%x, %w, %init) <{strides = array<i64: 1, 1>}> : (tensor<1x4x6x6xf32>, tensor<4x3x3xf32>, tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
    /// ```
    pub struct DepthwiseConv2dNchwOp = "tensor.depthwise_conv2d_nchw";
    summary: "depthwise 2-d convolution, NCHW input, CHW filter";
    operands: [input, filter, init];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        attrs: &[i64_array_c("strides", false), i64_array_c("dilations", false)],
        verify: Some(verify_named),
    }
}

/// Maps of the NCHW window ops (depthwise convolution, pooling): loops
/// `(n, c, oh, ow, kh, kw)`; the second operand is indexed `(c, kh, kw)` when `with_channel`,
/// else `(kh, kw)`.
fn nchw_window_maps(op: &OpRef<'_>, with_channel: bool) -> Result<Vec<AffineMap>, String> {
    let (s, dl) = window_params(op)?;
    let second = if with_channel {
        vec![d(1), d(4), d(5)]
    } else {
        vec![d(4), d(5)]
    };
    Ok(vec![
        map(
            6,
            vec![
                d(0),
                d(1),
                window(2, 4, s[0], dl[0]),
                window(3, 5, s[1], dl[1]),
            ],
        ),
        map(6, second),
        map(6, vec![d(0), d(1), d(2), d(3)]),
    ])
}

impl<'a> StructuredOp<'a> for DepthwiseConv2dNchwOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        2
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        nchw_window_maps(&self.0, true)
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        Ok(vec![P, P, P, P, R, R])
    }
    fn scalar_body(&self) -> ScalarBody {
        ScalarBody::MulAdd
    }
}

op! {
    /// Max pooling over windows of an `N x C x H x W` input (`linalg.pooling_nchw_max`): the
    /// `window` operand's shape `KH x KW` gives the window (its elements are not read);
    /// loops `(n, c, oh, ow, kh, kw)`,
    /// `out[n, c, oh, ow] = max(out[n, c, oh, ow], in[n, c, oh * sh + kh * dh, ow * sw + kw * dw])`
    /// (`arith.maximumf` on floats, so NaN propagates; `arith.maxsi` on integers). The init
    /// is usually filled with the lowest value.
    ///
    /// ```mlir
    /// %r = "tensor.pool_nchw_max"(%x, %window, %init) <{strides = array<i64: 2, 2>}> : (tensor<1x3x8x8xf32>, tensor<2x2xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
    /// ```
    pub struct PoolNchwMaxOp = "tensor.pool_nchw_max";
    summary: "max pooling, NCHW";
    operands: [input, window, init];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        attrs: &[i64_array_c("strides", false), i64_array_c("dilations", false)],
        verify: Some(verify_pool),
    }
}

impl<'a> StructuredOp<'a> for PoolNchwMaxOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        2
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        nchw_window_maps(&self.0, false)
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        Ok(vec![P, P, P, P, R, R])
    }
    fn scalar_body(&self) -> ScalarBody {
        ScalarBody::Max
    }
}

op! {
    /// Sum pooling over windows of an `N x C x H x W` input (`linalg.pooling_nchw_sum`),
    /// like `tensor.pool_nchw_max` with `out += in[...]`. Average pooling is a sum pool
    /// followed by a division.
    ///
    /// ```mlir
    /// %r = "tensor.pool_nchw_sum"(%x, %window, %init) <{strides = array<i64: 1, 1>}> : (tensor<1x3x8x8xf32>, tensor<3x3xf32>, tensor<1x3x6x6xf32>) -> tensor<1x3x6x6xf32>
    /// ```
    pub struct PoolNchwSumOp = "tensor.pool_nchw_sum";
    summary: "sum pooling, NCHW";
    operands: [input, window, init];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        attrs: &[i64_array_c("strides", false), i64_array_c("dilations", false)],
        verify: Some(verify_pool),
    }
}

impl<'a> StructuredOp<'a> for PoolNchwSumOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        2
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        nchw_window_maps(&self.0, false)
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        Ok(vec![P, P, P, P, R, R])
    }
    fn scalar_body(&self) -> ScalarBody {
        ScalarBody::Add
    }
}

//! Neural-network ops: convolutions, pooling, `matmul` and `gemm`.
//!
//! Convolutions and pooling work on `N x C x D1 x ... x Dn` tensors (`n >= 1` spatial
//! dimensions: 1-D, 2-D, 3-D, ... by rank). Window attributes follow ONNX: `strides` and
//! `dilations` (`n` values, default 1), `pads` (`2n` values `[begin_1 ... begin_n, end_1 ...
//! end_n]`, default 0). ONNX's `auto_pad` is not an attribute here: the importer resolves it
//! into explicit `pads` (which needs static spatial dimensions); `auto_pad` and
//! `output_shape` are rejected so they cannot be silently ignored.

use crate::attr::{float_c, i64_array_c, i64_array_req, i64_c, Attrs};
use crate::shape::{
    conv_output_dim, conv_transpose_output_dim, dims_compatible, format_shape, is_dynamic,
    matmul_shape, mul_dims, pool_output_dim, unidirectional_broadcastable, Window,
};
use crate::util::{
    all_at_least, operands, require_min_rank, require_rank, require_vector, same_elem, tensor,
    Elems, Operand, FLOAT_TENSOR, NUMERIC_TENSOR,
};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, Attribute, Context, Traits, Type};

fn reject_unsupported(a: &Attrs<'_>, names: &[&str]) -> Result<(), String> {
    for n in names {
        if a.has(n) {
            return Err(format!(
                "attribute '{n}' is not supported (resolve it into explicit 'pads')"
            ));
        }
    }
    Ok(())
}

/// The window attributes of a convolution or pooling op over `n` spatial dimensions.
struct WindowAttrs {
    strides: Vec<i64>,
    dilations: Vec<i64>,
    pads: Vec<i64>,
}

fn window_attrs(a: &Attrs<'_>, n: usize) -> Result<WindowAttrs, String> {
    reject_unsupported(a, &["auto_pad"])?;
    let strides = a.ints_len("strides", n, 1)?;
    all_at_least("strides", &strides, 1)?;
    let dilations = a.ints_len("dilations", n, 1)?;
    all_at_least("dilations", &dilations, 1)?;
    let pads = a.ints_len("pads", 2 * n, 0)?;
    all_at_least("pads", &pads, 0)?;
    Ok(WindowAttrs {
        strides,
        dilations,
        pads,
    })
}

impl WindowAttrs {
    fn window(&self, i: usize, kernel: i64) -> Window {
        let n = self.strides.len();
        Window {
            kernel,
            stride: self.strides[i],
            dilation: self.dilations[i],
            pad_begin: self.pads[i],
            pad_end: self.pads[n + i],
        }
    }
}

/// The kernel sizes: the weight's spatial dimensions, checked against (and refined by) an
/// optional `kernel_shape`.
fn kernel_sizes(a: &Attrs<'_>, w: &Operand<'_>, n: usize) -> Result<Vec<i64>, String> {
    let mut k: Vec<i64> = w.shape[2..].to_vec();
    if let Some(ks) = a.ints("kernel_shape")? {
        if ks.len() != n {
            return Err(format!(
                "attribute 'kernel_shape' must have {n} elements, but has {}",
                ks.len()
            ));
        }
        all_at_least("kernel_shape", &ks, 1)?;
        for i in 0..n {
            if !dims_compatible(k[i], ks[i]) {
                return Err(format!(
                    "attribute 'kernel_shape' {ks:?} does not match the weight's spatial shape {}",
                    format_shape(&w.shape[2..])
                ));
            }
            k[i] = ks[i];
        }
    }
    Ok(k)
}

fn spatial_dim_err(i: usize, e: String) -> String {
    format!("spatial dimension {i}: {e}")
}

/// Inference of `conv`.
pub fn infer_conv(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 2, 3, Elems::Float)?;
    same_elem(ctx, &ops)?;
    let (x, w) = (ops[0], ops[1]);
    require_min_rank(&x, "input", 3)?;
    require_rank(&w, "weight", x.rank())?;
    let n = x.rank() - 2;
    let a = Attrs::new(ctx, attrs);
    let group = a.i64("group", 1)?;
    if group < 1 {
        return Err(format!(
            "attribute 'group' must be positive, but got {group}"
        ));
    }
    let win = window_attrs(&a, n)?;
    let k = kernel_sizes(&a, &w, n)?;
    let (c, wc, m) = (x.shape[1], w.shape[1], w.shape[0]);
    let expect_c = mul_dims(wc, group)?;
    if !dims_compatible(c, expect_c) {
        return Err(format!(
            "input channels ({}) must equal weight input channels ({}) * group ({group})",
            format_shape(&[c]),
            format_shape(&[wc])
        ));
    }
    if !is_dynamic(m) && m % group != 0 {
        return Err(format!(
            "weight output channels ({m}) must be a multiple of group ({group})"
        ));
    }
    if let Some(b) = ops.get(2) {
        require_vector(b, "bias", m)?;
    }
    let mut out = vec![x.shape[0], m];
    for (i, &ki) in k.iter().enumerate() {
        out.push(
            conv_output_dim(x.shape[2 + i], &win.window(i, ki))
                .map_err(|e| spatial_dim_err(i, e))?,
        );
    }
    Ok(vec![tensor(ctx, &out, x.elem)])
}

op! {
    /// Convolution (ONNX `Conv`, opset 11) of `input` (`N x C x D1 ... Dn`) with `weight`
    /// (`M x C/group x k1 ... kn`) and an optional `bias` (`M`), giving
    /// `N x M x O1 ... On` with `Oi = floor((Di + pad_begin_i + pad_end_i - ((ki - 1) *
    /// dilation_i + 1)) / stride_i) + 1`:
    ///
    /// `Y[n, m, o] = bias[m] + sum_{c, k} X[n, g * C/group + c, o * stride + k * dilation -
    /// pad_begin] * W[m, c, k]` over the input channels `c` of the group `g = m / (M/group)`;
    /// positions outside the input (the padding) read 0. Floats only; all operands share the
    /// element type; accumulation is in the element type.
    ///
    /// Attributes: `strides`, `dilations`, `pads` (see the [module docs](self)), `group`
    /// (default 1; `C` and `M` must be multiples of it), `kernel_shape` (optional, must match
    /// the weight). Every output size must be positive.
    ///
    /// ```mlir
    /// %0 = "graph.conv"(%x, %w, %b) <{pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x3x224x224xf32>, tensor<64x3x3x3xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
    /// ```
    pub struct ConvOp = "graph.conv";
    summary: "N-dimensional convolution";
    operands: [input, weight];
    results: [output];
    attrs: [strides = "strides", dilations = "dilations", pads = "pads", group = "group",
            kernel_shape = "kernel_shape"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Range(2, 3),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[i64_array_c("strides"), i64_array_c("dilations"), i64_array_c("pads"),
                 i64_c("group"), i64_array_c("kernel_shape")],
        verify: Some(verify_inferred),
        infer: Some(infer_conv),
    }
}

/// Inference of `conv_transpose`.
pub fn infer_conv_transpose(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 2, 3, Elems::Float)?;
    same_elem(ctx, &ops)?;
    let (x, w) = (ops[0], ops[1]);
    require_min_rank(&x, "input", 3)?;
    require_rank(&w, "weight", x.rank())?;
    let n = x.rank() - 2;
    let a = Attrs::new(ctx, attrs);
    reject_unsupported(&a, &["output_shape"])?;
    let group = a.i64("group", 1)?;
    if group < 1 {
        return Err(format!(
            "attribute 'group' must be positive, but got {group}"
        ));
    }
    let win = window_attrs(&a, n)?;
    let k = kernel_sizes(&a, &w, n)?;
    let output_padding = a.ints_len("output_padding", n, 0)?;
    all_at_least("output_padding", &output_padding, 0)?;
    for (i, &op) in output_padding.iter().enumerate() {
        if op >= win.strides[i].max(win.dilations[i]) {
            return Err(format!(
                "attribute 'output_padding' value {op} must be smaller than the stride or the dilation of spatial dimension {i}"
            ));
        }
    }
    let (c, wc) = (x.shape[1], w.shape[0]);
    if !dims_compatible(c, wc) {
        return Err(format!(
            "input channels ({}) must equal the weight's first dimension ({})",
            format_shape(&[c]),
            format_shape(&[wc])
        ));
    }
    if !is_dynamic(wc) && wc % group != 0 {
        return Err(format!(
            "input channels ({wc}) must be a multiple of group ({group})"
        ));
    }
    let m = mul_dims(w.shape[1], group)?;
    if let Some(b) = ops.get(2) {
        require_vector(b, "bias", m)?;
    }
    let mut out = vec![x.shape[0], m];
    for (i, &ki) in k.iter().enumerate() {
        out.push(
            conv_transpose_output_dim(x.shape[2 + i], &win.window(i, ki), output_padding[i])
                .map_err(|e| spatial_dim_err(i, e))?,
        );
    }
    Ok(vec![tensor(ctx, &out, x.elem)])
}

op! {
    /// Transposed convolution (ONNX `ConvTranspose`, opset 11) of `input` (`N x C x D1 ...
    /// Dn`) with `weight` (`C x M/group x k1 ... kn`) and optional `bias` (`M`), giving
    /// `N x M x O1 ... On` with `Oi = stride_i * (Di - 1) + output_padding_i + ((ki - 1) *
    /// dilation_i + 1) - pad_begin_i - pad_end_i`:
    ///
    /// `Y[n, g * M/group + m, o] = bias[.] + sum X[n, c, i] * W[c, m, k]` over the input
    /// channels `c` of group `g` and all `i`, `k` with `o = i * stride + k * dilation -
    /// pad_begin` (contributions falling outside `[0, Oi)` are dropped). Floats only.
    ///
    /// Attributes as `graph.conv`, plus `output_padding` (`n` values, default 0, each smaller
    /// than the stride or the dilation of its dimension). ONNX's `output_shape` is not
    /// supported: the importer computes the equivalent `pads`.
    ///
    /// ```mlir
    /// %0 = "graph.conv_transpose"(%x, %w) <{output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x64x16x16xf32>, tensor<64x32x3x3xf32>) -> tensor<1x32x32x32xf32>
    /// ```
    pub struct ConvTransposeOp = "graph.conv_transpose";
    summary: "N-dimensional transposed convolution";
    operands: [input, weight];
    results: [output];
    attrs: [strides = "strides", dilations = "dilations", pads = "pads", group = "group",
            output_padding = "output_padding", kernel_shape = "kernel_shape"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Range(2, 3),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[i64_array_c("strides"), i64_array_c("dilations"), i64_array_c("pads"),
                 i64_c("group"), i64_array_c("output_padding"), i64_array_c("kernel_shape")],
        verify: Some(verify_inferred),
        infer: Some(infer_conv_transpose),
    }
}

fn infer_pool(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
    elems: Elems,
    max: bool,
) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, elems)?;
    let x = ops[0];
    require_min_rank(&x, "input", 3)?;
    let n = x.rank() - 2;
    let a = Attrs::new(ctx, attrs);
    let k = a
        .ints("kernel_shape")?
        .ok_or_else(|| "requires attribute 'kernel_shape'".to_string())?;
    if k.len() != n {
        return Err(format!(
            "attribute 'kernel_shape' must have {n} elements, but has {}",
            k.len()
        ));
    }
    all_at_least("kernel_shape", &k, 1)?;
    let win = window_attrs(&a, n)?;
    let ceil_mode = a.flag("ceil_mode", false)?;
    if max {
        a.flag("storage_order", false)?;
    } else {
        a.flag("count_include_pad", false)?;
    }
    let mut out = vec![x.shape[0], x.shape[1]];
    for (i, &ki) in k.iter().enumerate() {
        let w = win.window(i, ki);
        let ek = w
            .effective_kernel()
            .ok_or_else(|| spatial_dim_err(i, "dilated kernel size overflows".into()))?;
        if w.pad_begin >= ek || w.pad_end >= ek {
            return Err(format!(
                "pads of spatial dimension {i} must be smaller than the dilated kernel size {ek}"
            ));
        }
        out.push(
            pool_output_dim(x.shape[2 + i], &w, ceil_mode).map_err(|e| spatial_dim_err(i, e))?,
        );
    }
    let y = tensor(ctx, &out, x.elem);
    Ok(if max {
        vec![y, tensor(ctx, &out, ctx.i64())]
    } else {
        vec![y]
    })
}

/// Inference of `max_pool`: the output and the (optional) `i64` indices.
pub fn infer_max_pool(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    infer_pool(ctx, types, attrs, Elems::Numeric, true)
}

/// Inference of `average_pool`.
pub fn infer_average_pool(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    infer_pool(ctx, types, attrs, Elems::Float, false)
}

op! {
    /// Max pooling (ONNX `MaxPool`, opset 12) of `N x C x D1 ... Dn` over windows of
    /// `kernel_shape` (required) with `strides`, `dilations`, `pads` and `ceil_mode`
    /// (default 0). Output sizes as `graph.conv`; with `ceil_mode = 1` the division rounds
    /// up, but a window starting in the end padding is dropped. Each output is the maximum
    /// over the window positions inside the input (padding never wins; NaN propagates).
    /// Each pad must be smaller than the dilated kernel size, so no window lies entirely in
    /// the padding. Integers and floats.
    ///
    /// The optional second result `indices` (`i64`, same shape) holds the position of the
    /// maximum (the first one in window order on ties) as an index into the whole input
    /// tensor flattened: row-major (`storage_order = 0`, the default), or with the spatial
    /// dimensions of each `(n, c)` plane column-major (`storage_order = 1`).
    ///
    /// ```mlir
    /// %0 = "graph.max_pool"(%x) <{kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
    /// ```
    pub struct MaxPoolOp = "graph.max_pool";
    summary: "max pooling";
    operands: [input];
    results: [output];
    attrs: [kernel_shape = "kernel_shape", strides = "strides", pads = "pads",
            dilations = "dilations", ceil_mode = "ceil_mode", storage_order = "storage_order"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Range(1, 2),
        operand_type: Some(NUMERIC_TENSOR),
        result_type: Some(NUMERIC_TENSOR),
        attrs: &[i64_array_req("kernel_shape"), i64_array_c("strides"), i64_array_c("pads"),
                 i64_array_c("dilations"), i64_c("ceil_mode"), i64_c("storage_order")],
        verify: Some(verify_inferred),
        infer: Some(infer_max_pool),
    }
}

op! {
    /// Average pooling (ONNX `AveragePool`, opset 19) of `N x C x D1 ... Dn` over windows
    /// of `kernel_shape` (required) with `strides`, `dilations`, `pads` and `ceil_mode`,
    /// sized as `graph.max_pool`. Each output is the sum over the window positions inside
    /// the input divided by the number of positions inside the input
    /// (`count_include_pad = 0`, the default) or inside the padded input
    /// (`count_include_pad = 1`; positions beyond the end padding, reached only with
    /// `ceil_mode`, are never counted). Floats only.
    ///
    /// ```mlir
    /// %0 = "graph.average_pool"(%x) <{count_include_pad = 1 : i64, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}> : (tensor<1x8x?x32xf32>) -> tensor<1x8x?x16xf32>
    /// ```
    pub struct AveragePoolOp = "graph.average_pool";
    summary: "average pooling";
    operands: [input];
    results: [output];
    attrs: [kernel_shape = "kernel_shape", strides = "strides", pads = "pads",
            dilations = "dilations", ceil_mode = "ceil_mode",
            count_include_pad = "count_include_pad"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[i64_array_req("kernel_shape"), i64_array_c("strides"), i64_array_c("pads"),
                 i64_array_c("dilations"), i64_c("ceil_mode"), i64_c("count_include_pad")],
        verify: Some(verify_inferred),
        infer: Some(infer_average_pool),
    }
}

/// Inference of the global pools: `N x C x D1 ... Dn` to `N x C x 1 ... 1`.
pub fn infer_global_pool(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Float)?;
    let x = ops[0];
    require_min_rank(&x, "input", 3)?;
    let mut out = vec![1; x.rank()];
    out[..2].copy_from_slice(&x.shape[..2]);
    Ok(vec![tensor(ctx, &out, x.elem)])
}

op! {
    /// Global average pooling (ONNX `GlobalAveragePool`, opset 1): the mean over all spatial
    /// positions of each `(n, c)`, giving `N x C x 1 ... 1`. Floats only; an empty plane
    /// gives NaN.
    ///
    /// ```mlir
    /// %0 = "graph.global_average_pool"(%x) : (tensor<1x2048x7x7xf32>) -> tensor<1x2048x1x1xf32>
    /// ```
    pub struct GlobalAveragePoolOp = "graph.global_average_pool";
    summary: "global average pooling";
    operands: [input];
    results: [output];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        verify: Some(verify_inferred),
        infer: Some(infer_global_pool),
    }
}

op! {
    /// Global max pooling (ONNX `GlobalMaxPool`, opset 1): the maximum over all spatial
    /// positions of each `(n, c)` (NaN propagates), giving `N x C x 1 ... 1`. Floats only;
    /// an empty plane gives `-inf`.
    ///
    /// ```mlir
    /// %0 = "graph.global_max_pool"(%x) : (tensor<?x512x?x?xf32>) -> tensor<?x512x1x1xf32>
    /// ```
    pub struct GlobalMaxPoolOp = "graph.global_max_pool";
    summary: "global max pooling";
    operands: [input];
    results: [output];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        verify: Some(verify_inferred),
        infer: Some(infer_global_pool),
    }
}

/// Inference of `matmul` ([`matmul_shape`]).
pub fn infer_matmul(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 2, 2, Elems::Numeric)?;
    same_elem(ctx, &ops)?;
    let shape = matmul_shape(ops[0].shape, ops[1].shape)?;
    Ok(vec![tensor(ctx, &shape, ops[0].elem)])
}

op! {
    /// Matrix product with numpy `matmul` semantics (ONNX `MatMul`, opset 13): operands of
    /// rank >= 1 and one integer or float element type; a 1-D `lhs` is promoted to `1 x K`
    /// and a 1-D `rhs` to `K x 1`, the added dimension being removed from the result; the
    /// leading (batch) dimensions broadcast; `[..., M, K] x [..., K, N] -> [..., M, N]`.
    /// Accumulation is in the element type (integers wrap).
    ///
    /// ```mlir
    /// %0 = "graph.matmul"(%a, %b) : (tensor<?x128x64xf32>, tensor<64x32xf32>) -> tensor<?x128x32xf32>
    /// ```
    pub struct MatMulOp = "graph.matmul";
    summary: "batched matrix product with numpy semantics";
    operands: [lhs, rhs];
    results: [output];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        operand_type: Some(NUMERIC_TENSOR),
        result_type: Some(NUMERIC_TENSOR),
        verify: Some(verify_inferred),
        infer: Some(infer_matmul),
    }
}

/// Inference of `gemm`.
pub fn infer_gemm(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 2, 3, Elems::Numeric)?;
    same_elem(ctx, &ops)?;
    let (x, y) = (ops[0], ops[1]);
    require_rank(&x, "A", 2)?;
    require_rank(&y, "B", 2)?;
    let a = Attrs::new(ctx, attrs);
    a.f64("alpha", 1.0)?;
    a.f64("beta", 1.0)?;
    let ta = a.flag("trans_a", false)?;
    let tb = a.flag("trans_b", false)?;
    let (m, ka) = if ta {
        (x.shape[1], x.shape[0])
    } else {
        (x.shape[0], x.shape[1])
    };
    let (kb, n) = if tb {
        (y.shape[1], y.shape[0])
    } else {
        (y.shape[0], y.shape[1])
    };
    if !dims_compatible(ka, kb) {
        return Err(format!(
            "contracting dimensions differ: {} vs {}",
            format_shape(&[ka]),
            format_shape(&[kb])
        ));
    }
    let out = [m, n];
    if let Some(c) = ops.get(2) {
        if !unidirectional_broadcastable(c.shape, &out) {
            return Err(format!(
                "C shape {} does not broadcast to the result shape {}",
                format_shape(c.shape),
                format_shape(&out)
            ));
        }
    }
    Ok(vec![tensor(ctx, &out, x.elem)])
}

op! {
    /// General matrix multiply (ONNX `Gemm`, opset 13): `Y = alpha * A' x B' + beta * C`
    /// with `A' = trans_a ? A^T : A` (`M x K`), `B' = trans_b ? B^T : B` (`K x N`), and the
    /// optional `C` broadcast unidirectionally to `M x N` (absent: 0). `alpha` and `beta`
    /// default to `1.0`, `trans_a` and `trans_b` to 0. For integer tensors `alpha` and
    /// `beta` are converted to the element type (truncated) before use.
    ///
    /// ```mlir
    /// %0 = "graph.gemm"(%a, %b, %c) <{trans_b = 1 : i64}> : (tensor<8x256xf32>, tensor<1000x256xf32>, tensor<1000xf32>) -> tensor<8x1000xf32>
    /// ```
    pub struct GemmOp = "graph.gemm";
    summary: "general matrix multiply";
    operands: [a, b];
    results: [output];
    attrs: [alpha = "alpha", beta = "beta", trans_a = "trans_a", trans_b = "trans_b"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Range(2, 3),
        results: Arity::Exactly(1),
        operand_type: Some(NUMERIC_TENSOR),
        result_type: Some(NUMERIC_TENSOR),
        attrs: &[float_c("alpha"), float_c("beta"), i64_c("trans_a"), i64_c("trans_b")],
        verify: Some(verify_inferred),
        infer: Some(infer_gemm),
    }
}

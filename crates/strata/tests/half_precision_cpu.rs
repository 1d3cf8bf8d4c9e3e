//! `f16`/`bf16` programs compiled for the host CPU give the interpreter's results: an
//! attention block (`matmul`, `transpose`, `softmax`, `matmul`, as ONNX `Attention`
//! lowers), a depthwise causal convolution with bias and SiLU (`CausalConvWithState`'s),
//! `gemm`, `layer_norm`, `batch_norm`, `average_pool` and `gelu`. The interpreter computes
//! each of these ops exactly and rounds once; the compiled code computes them in `f32`
//! (element-wise bodies in `f64`) and rounds once (`passes/graph-to-tensor/src/widen.rs`),
//! so every element is within one ulp of the 16-bit type and almost all are bit-identical.
//! Before, the generic lowerings accumulated in the 16-bit type and were several ulps off
//! on most elements.
//!
//! The data are positive where they are summed (well-conditioned sums, whose `f32`
//! accumulation is within `n * 2^-24` relative of the exact sum).

use strata_interp::{DType, Interpreter, Tensor};

/// A deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A tensor of `dtype` with values in `[lo, hi)`.
    fn tensor(&mut self, dtype: DType, shape: &[usize], lo: f64, hi: f64) -> Tensor {
        let n: usize = shape.iter().product();
        let v: Vec<f64> = (0..n)
            .map(|_| lo + (self.next() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo))
            .collect();
        Tensor::from_f64s(dtype, shape.to_vec(), &v).expect("input data")
    }
}

/// One function per case and element type: its name, text and inputs.
fn cases() -> Vec<(String, String, Vec<Tensor>)> {
    let mut rng = Rng(16);
    let mut out = Vec::new();
    for (t, dt) in [("f16", DType::F16), ("bf16", DType::BF16)] {
        out.push((
            format!("attention_{t}"),
            format!(
                "func.func @attention_{t}(%q: tensor<2x16x64x{t}>, %k: tensor<2x24x64x{t}>, %v: tensor<2x24x32x{t}>) -> tensor<2x16x32x{t}> {{
  %kt = \"graph.transpose\"(%k) <{{perm = array<i64: 0, 2, 1>}}> : (tensor<2x24x64x{t}>) -> tensor<2x64x24x{t}>
  %s = \"graph.matmul\"(%q, %kt) : (tensor<2x16x64x{t}>, tensor<2x64x24x{t}>) -> tensor<2x16x24x{t}>
  %p = \"graph.softmax\"(%s) <{{axis = -1 : i64}}> : (tensor<2x16x24x{t}>) -> tensor<2x16x24x{t}>
  %y = \"graph.matmul\"(%p, %v) : (tensor<2x16x24x{t}>, tensor<2x24x32x{t}>) -> tensor<2x16x32x{t}>
  return %y : tensor<2x16x32x{t}>
}}
"
            ),
            vec![
                rng.tensor(dt, &[2, 16, 64], 0.0, 0.25),
                rng.tensor(dt, &[2, 24, 64], 0.0, 0.25),
                rng.tensor(dt, &[2, 24, 32], 0.25, 2.0),
            ],
        ));
        out.push((
            format!("causal_conv_{t}"),
            format!(
                "func.func @causal_conv_{t}(%x: tensor<2x4x40x{t}>, %w: tensor<4x1x32x{t}>, %b: tensor<4x{t}>) -> tensor<2x4x9x{t}> {{
  %c = \"graph.conv\"(%x, %w, %b) <{{group = 4 : i64}}> : (tensor<2x4x40x{t}>, tensor<4x1x32x{t}>, tensor<4x{t}>) -> tensor<2x4x9x{t}>
  %s = \"graph.sigmoid\"(%c) : (tensor<2x4x9x{t}>) -> tensor<2x4x9x{t}>
  %y = \"graph.mul\"(%c, %s) : (tensor<2x4x9x{t}>, tensor<2x4x9x{t}>) -> tensor<2x4x9x{t}>
  return %y : tensor<2x4x9x{t}>
}}
"
            ),
            vec![
                rng.tensor(dt, &[2, 4, 40], 0.0, 1.0),
                rng.tensor(dt, &[4, 1, 32], 0.0, 0.25),
                rng.tensor(dt, &[4], 0.0, 1.0),
            ],
        ));
        out.push((
            format!("gemm_{t}"),
            format!(
                "func.func @gemm_{t}(%a: tensor<8x96x{t}>, %b: tensor<12x96x{t}>, %c: tensor<12x{t}>) -> tensor<8x12x{t}> {{
  %y = \"graph.gemm\"(%a, %b, %c) <{{alpha = 5.000000e-01 : f32, beta = 3.000000e+00 : f32, trans_b = 1 : i64}}> : (tensor<8x96x{t}>, tensor<12x96x{t}>, tensor<12x{t}>) -> tensor<8x12x{t}>
  return %y : tensor<8x12x{t}>
}}
"
            ),
            vec![
                rng.tensor(dt, &[8, 96], 0.25, 2.0),
                rng.tensor(dt, &[12, 96], 0.25, 2.0),
                rng.tensor(dt, &[12], 0.25, 2.0),
            ],
        ));
        out.push((
            format!("norms_{t}"),
            format!(
                "func.func @norms_{t}(%x: tensor<2x3x8x8x{t}>, %g: tensor<8x{t}>, %s: tensor<3x{t}>, %v: tensor<3x{t}>) -> (tensor<2x3x8x8x{t}>, tensor<2x3x8x8x{t}>, tensor<2x3x6x6x{t}>) {{
  %l = \"graph.layer_norm\"(%x, %g, %g) <{{axis = -1 : i64, epsilon = 9.99999974E-6 : f32}}> : (tensor<2x3x8x8x{t}>, tensor<8x{t}>, tensor<8x{t}>) -> tensor<2x3x8x8x{t}>
  %b = \"graph.batch_norm\"(%x, %s, %s, %s, %v) <{{epsilon = 1.000000e-05 : f32}}> : (tensor<2x3x8x8x{t}>, tensor<3x{t}>, tensor<3x{t}>, tensor<3x{t}>, tensor<3x{t}>) -> tensor<2x3x8x8x{t}>
  %p = \"graph.average_pool\"(%x) <{{kernel_shape = array<i64: 3, 3>}}> : (tensor<2x3x8x8x{t}>) -> tensor<2x3x6x6x{t}>
  return %l, %b, %p : tensor<2x3x8x8x{t}>, tensor<2x3x8x8x{t}>, tensor<2x3x6x6x{t}>
}}
"
            ),
            vec![
                rng.tensor(dt, &[2, 3, 8, 8], 0.25, 2.0),
                rng.tensor(dt, &[8], -2.0, 2.0),
                rng.tensor(dt, &[3], -2.0, 2.0),
                rng.tensor(dt, &[3], 0.25, 2.0),
            ],
        ));
        out.push((
            format!("gelu_{t}"),
            format!(
                "func.func @gelu_{t}(%x: tensor<512x{t}>) -> (tensor<512x{t}>, tensor<512x{t}>) {{
  %0 = \"graph.gelu\"(%x) : (tensor<512x{t}>) -> tensor<512x{t}>
  %1 = \"graph.hard_sigmoid\"(%x) <{{alpha = 3.000000e-01 : f32, beta = 4.000000e-01 : f32}}> : (tensor<512x{t}>) -> tensor<512x{t}>
  return %0, %1 : tensor<512x{t}>, tensor<512x{t}>
}}
"
            ),
            vec![rng.tensor(dt, &[512], -4.0, 4.0)],
        ));
    }
    out
}

/// The distance between `a` and `b` in ulps of the 16-bit type with `p` significand bits
/// (subnormal spacing below `2^emin`).
fn ulps(a: f64, b: f64, p: i32, emin: i32) -> f64 {
    if a == b || (a.is_nan() && b.is_nan()) {
        return 0.0;
    }
    let m = a.abs().min(b.abs()).max(f64::MIN_POSITIVE);
    let e = (m.log2().floor() as i32).max(emin);
    (a - b).abs() / 2f64.powi(e - (p - 1))
}

#[test]
fn half_precision_compiled_matches_the_interpreter() {
    let cases = cases();
    let src: String = cases.iter().map(|c| c.1.as_str()).collect();
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "half.mlir", &src, &Default::default())
        .expect("the cases parse");
    let opts = strata::Options {
        threads: 1,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts)
        .unwrap_or_else(|e| panic!("compiling the f16/bf16 cases: {e}"));
    let program = compiled.program().expect("compiled to native code");
    let mut failed = Vec::new();
    for (name, _, inputs) in &cases {
        let (p, emin) = if name.ends_with("bf16") {
            (8, -126)
        } else {
            (11, -14)
        };
        let want = Interpreter::new(&ctx, &m)
            .run(name, inputs)
            .unwrap_or_else(|e| panic!("{name} on the interpreter: {e:?}"));
        let got = program
            .run_entry(Some(name), inputs)
            .unwrap_or_else(|e| panic!("{name} compiled: {}", e.0));
        assert_eq!(want.len(), got.len(), "{name}: number of results");
        for (k, (w, g)) in want.iter().zip(&got).enumerate() {
            assert_eq!(w.dtype(), g.dtype(), "{name} result {k}: type");
            assert_eq!(w.shape(), g.shape(), "{name} result {k}: shape");
            let (w, g) = (w.to_f64_vec(), g.to_f64_vec());
            let mut worst = 0.0f64;
            let mut differ = 0;
            for (&a, &b) in w.iter().zip(&g) {
                let u = ulps(a, b, p, emin);
                worst = worst.max(u);
                differ += usize::from(u > 0.0);
            }
            eprintln!(
                "{name} result {k}: {differ} of {} differ, max {worst} ulp",
                w.len()
            );
            if worst > 1.0 || differ * 50 > w.len() {
                failed.push(format!(
                    "{name} result {k}: {differ} of {} elements differ from the interpreter, \
                     by up to {worst} ulp",
                    w.len()
                ));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

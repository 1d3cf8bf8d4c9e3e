//! The `f16`/`bf16` precision contract of `graph-to-tensor` against the interpreter: the
//! accumulating and multi-step ops (`matmul`, `gemm`, `conv`, `conv_transpose`, the
//! average poolings, `softmax`, `log_softmax`, the normalisations, and the element-wise ops
//! of several rounding steps) give, after `graph-to-tensor{full=true}`, the interpreter's
//! result of the graph op (exact, rounded once) to within one ulp of the 16-bit type, and
//! bit for bit on almost every element (on every element for the element-wise ops, which
//! compute in `f64` as the interpreter does).
//!
//! The shapes make the reductions long (64 terms and more): an accumulation in the 16-bit
//! type itself, as the lowering did before it computed these ops in `f32`, rounds each
//! partial sum to 11 (or 8) bits and is several ulps off on many elements.

use strata_interp::{DType, Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

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
    /// A value in `[lo, hi)`.
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo)
    }
}

/// One case: an op line with `{t}` for the element type, operand shapes (and whether the
/// operand must be positive: variances), the result shape.
struct Case {
    name: &'static str,
    op: &'static str,
    props: &'static str,
    operands: Vec<(Vec<usize>, bool)>,
    result: Vec<usize>,
}

fn case(
    name: &'static str,
    op: &'static str,
    props: &'static str,
    operands: &[&[usize]],
    result: &[usize],
) -> Case {
    Case {
        name,
        op,
        props,
        operands: operands.iter().map(|s| (s.to_vec(), false)).collect(),
        result: result.to_vec(),
    }
}

/// `c` with every operand positive: sums without cancellation.
fn positive(mut c: Case) -> Case {
    for o in &mut c.operands {
        o.1 = true;
    }
    c
}

fn cases() -> Vec<Case> {
    let mut bn = case(
        "batch_norm",
        "batch_norm",
        "epsilon = 1.000000e-05 : f32",
        &[&[2, 3, 4, 4], &[3], &[3], &[3], &[3]],
        &[2, 3, 4, 4],
    );
    bn.operands[4].1 = true;
    let all = vec![
        case("matmul", "matmul", "", &[&[3, 64], &[64, 5]], &[3, 5]),
        case(
            "matmul_batched",
            "matmul",
            "",
            &[&[2, 3, 40], &[40, 4]],
            &[2, 3, 4],
        ),
        case(
            "gemm",
            "gemm",
            "alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, trans_b = 1 : i64",
            &[&[4, 48], &[3, 48], &[3]],
            &[4, 3],
        ),
        case(
            "conv",
            "conv",
            "pads = array<i64: 1, 1, 1, 1>",
            &[&[1, 8, 5, 5], &[4, 8, 3, 3], &[4]],
            &[1, 4, 5, 5],
        ),
        case(
            "conv1d_depthwise",
            "conv",
            "group = 4 : i64",
            &[&[2, 4, 70], &[4, 1, 64], &[4]],
            &[2, 4, 7],
        ),
        case(
            "conv_transpose",
            "conv_transpose",
            "strides = array<i64: 2, 2>",
            &[&[1, 16, 3, 3], &[16, 2, 3, 3]],
            &[1, 2, 7, 7],
        ),
        case(
            "average_pool",
            "average_pool",
            "kernel_shape = array<i64: 7, 7>",
            &[&[1, 2, 9, 9]],
            &[1, 2, 3, 3],
        ),
        case(
            "global_average_pool",
            "global_average_pool",
            "",
            &[&[1, 3, 10, 10]],
            &[1, 3, 1, 1],
        ),
        case("softmax", "softmax", "axis = -1 : i64", &[&[4, 96]], &[4, 96]),
        case(
            "log_softmax",
            "log_softmax",
            "axis = -1 : i64",
            &[&[4, 96]],
            &[4, 96],
        ),
        bn,
        case(
            "layer_norm",
            "layer_norm",
            "axis = -1 : i64, epsilon = 9.99999974E-6 : f32",
            &[&[4, 96], &[96], &[96]],
            &[4, 96],
        ),
        case(
            "instance_norm",
            "instance_norm",
            "epsilon = 1.000000e-05 : f32",
            &[&[1, 3, 8, 8], &[3], &[3]],
            &[1, 3, 8, 8],
        ),
        case(
            "lrn",
            "lrn",
            "alpha = 5.000000e-01 : f32, beta = 7.500000e-01 : f32, bias = 1.000000e+00 : f32, size = 5 : i64",
            &[&[1, 7, 4, 4]],
            &[1, 7, 4, 4],
        ),
        case("sigmoid", "sigmoid", "", &[&[256]], &[256]),
        case("gelu", "gelu", "", &[&[256]], &[256]),
        case("gelu_tanh", "gelu", "approximate = \"tanh\"", &[&[256]], &[256]),
        case("hard_swish", "hard_swish", "", &[&[256]], &[256]),
        case(
            "hard_sigmoid",
            "hard_sigmoid",
            "alpha = 3.000000e-01 : f32, beta = 4.000000e-01 : f32",
            &[&[256]],
            &[256],
        ),
        case("elu", "elu", "alpha = 1.300000e+00 : f32", &[&[256]], &[256]),
        case(
            "leaky_relu",
            "leaky_relu",
            "alpha = 0.0199999996 : f32",
            &[&[256]],
            &[256],
        ),
    ];
    // The sums get positive terms: well-conditioned results, which an f32 accumulation
    // gets within `n * 2^-24` relative (far below half an ulp of the 16-bit type). With
    // cancellation the error of any accumulation in less than the interpreter's f64 is
    // relative to the terms, not to the result, as for f32 ops.
    const SUMS: [&str; 8] = [
        "matmul",
        "matmul_batched",
        "gemm",
        "conv",
        "conv1d_depthwise",
        "conv_transpose",
        "average_pool",
        "global_average_pool",
    ];
    all.into_iter()
        .map(|c| {
            if SUMS.contains(&c.name) {
                positive(c)
            } else {
                c
            }
        })
        .collect()
}

fn ty(shape: &[usize], elem: &str) -> String {
    let dims: String = shape.iter().map(|d| format!("{d}x")).collect();
    format!("tensor<{dims}{elem}>")
}

/// The function `@f` of one case on element type `elem`.
fn source(c: &Case, elem: &str) -> String {
    let args: Vec<String> = c
        .operands
        .iter()
        .enumerate()
        .map(|(i, (s, _))| format!("%a{i}: {}", ty(s, elem)))
        .collect();
    let names: Vec<String> = (0..c.operands.len()).map(|i| format!("%a{i}")).collect();
    let tys: Vec<String> = c.operands.iter().map(|(s, _)| ty(s, elem)).collect();
    let out = ty(&c.result, elem);
    let props = if c.props.is_empty() {
        String::new()
    } else {
        format!(" <{{{}}}>", c.props)
    };
    format!(
        "func.func @f({}) -> {out} {{\n  %0 = \"graph.{}\"({}){props} : ({}) -> {out}\n  return %0 : {out}\n}}\n",
        args.join(", "),
        c.op,
        names.join(", "),
        tys.join(", "),
    )
}

fn run(src: &str, convert: bool, inputs: &[Tensor]) -> Vec<Tensor> {
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "half.mlir", src, &Default::default())
        .unwrap_or_else(|d| panic!("parse: {:?}\n{src}", d[0].message));
    strata_ir::verify::verify_module(&ctx, &m)
        .unwrap_or_else(|d| panic!("verify: {:?}\n{src}", d[0].message));
    if convert {
        assert_eq!(
            strata_graph_to_tensor::GRAPH_TO_TENSOR.name,
            "graph-to-tensor"
        );
        let pm = PassManager::new(
            parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
        );
        let report = pm.run(&ctx, &mut m);
        assert!(
            !report.failed,
            "conversion failed: {:?}\n{src}",
            report
                .diagnostics
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        );
        strata_ir::verify::verify_module(&ctx, &m)
            .unwrap_or_else(|d| panic!("verify after: {:?}\n{src}", d[0].message));
    }
    Interpreter::new(&ctx, &m)
        .run("f", inputs)
        .unwrap_or_else(|d| panic!("interp: {}\n{src}", d.message))
}

/// The distance between `a` and `b` in units in the last place of the 16-bit type with
/// `p` significand bits (subnormal spacing below its smallest normal `2^emin`).
fn ulps(a: f64, b: f64, p: i32, emin: i32) -> f64 {
    if a == b || (a.is_nan() && b.is_nan()) {
        return 0.0;
    }
    let m = a.abs().min(b.abs()).max(f64::MIN_POSITIVE);
    let e = (m.log2().floor() as i32).max(emin);
    (a - b).abs() / 2f64.powi(e - (p - 1))
}

fn check(elem: &str, dtype: DType, p: i32, emin: i32) {
    let mut rng = Rng(0x5eed ^ p as u64);
    let mut report = Vec::new();
    let mut failed = Vec::new();
    for c in cases() {
        let src = source(&c, elem);
        let inputs: Vec<Tensor> = c
            .operands
            .iter()
            .map(|(s, positive)| {
                let n: usize = s.iter().product();
                let v: Vec<f64> = (0..n)
                    .map(|_| {
                        if *positive {
                            rng.uniform(0.25, 2.0)
                        } else {
                            rng.uniform(-2.0, 2.0)
                        }
                    })
                    .collect();
                Tensor::from_f64s(dtype, s.clone(), &v).expect("input")
            })
            .collect();
        let want = run(&src, false, &inputs);
        let got = run(&src, true, &inputs);
        assert_eq!(got[0].dtype(), dtype, "{}: result type", c.name);
        assert_eq!(got[0].shape(), want[0].shape(), "{}: result shape", c.name);
        let (w, g) = (want[0].to_f64_vec(), got[0].to_f64_vec());
        let mut worst = 0.0f64;
        let mut differ = 0;
        for (&a, &b) in w.iter().zip(&g) {
            let u = ulps(a, b, p, emin);
            worst = worst.max(u);
            differ += usize::from(u > 0.0);
        }
        report.push(format!(
            "{elem} {}: {differ} of {} differ, max {worst} ulp",
            c.name,
            w.len()
        ));
        // The element-wise ops compute in f64 like the interpreter: bit for bit.
        let exact = c.operands.len() == 1 && c.operands[0].0.len() == 1;
        let ok = if exact {
            differ == 0
        } else {
            worst <= 1.0 && differ * 50 <= w.len().max(50)
        };
        if !ok {
            failed.push(format!(
                "{elem} {}: {differ} of {} elements differ from the interpreter, by up to \
                 {worst} ulp\n{src}",
                c.name,
                w.len()
            ));
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn f16_ops_round_once_like_the_interpreter() {
    check("f16", DType::F16, 11, -14);
}

#[test]
fn bf16_ops_round_once_like_the_interpreter() {
    check("bf16", DType::BF16, 8, -126);
}

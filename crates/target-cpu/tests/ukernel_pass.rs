//! The `cpu-ukernels` lowering rule on bufferized graph programs: matrix products (plain,
//! `gemm` with a transposed operand and a bias, batched with broadcasting) and convolutions
//! (strides, dilations, pads, groups, 1x1) become `hw.intrinsic` calls, and the interpreter
//! gives the same bits before and after the rewrite (inputs are multiples of 1/8, so every
//! product and partial sum is exact and reduction order is all that could differ).
//! Generics that are not products (element-wise, pooling, depthwise) are left alone.

use strata_interp::{DType, Interpreter, Tensor};
use strata_ir::{Context, Module};

const PROGRAMS: &[(&str, &str, usize)] = &[
    (
        "matmul",
        r#"func.func @f(%a: tensor<7x300xf32>, %b: tensor<300x19xf32>) -> tensor<7x19xf32> {
  %0 = "graph.matmul"(%a, %b) : (tensor<7x300xf32>, tensor<300x19xf32>) -> tensor<7x19xf32>
  return %0 : tensor<7x19xf32>
}"#,
        1,
    ),
    (
        "gemm_t",
        r#"func.func @f(%a: tensor<5x12xf32>, %b: tensor<9x12xf32>, %c: tensor<9xf32>) -> tensor<5x9xf32> {
  %0 = "graph.gemm"(%a, %b, %c) <{trans_b = 1 : i64}> : (tensor<5x12xf32>, tensor<9x12xf32>, tensor<9xf32>) -> tensor<5x9xf32>
  return %0 : tensor<5x9xf32>
}"#,
        1,
    ),
    (
        "batched",
        r#"func.func @f(%a: tensor<2x3x5x9xf32>, %b: tensor<3x9x4xf32>) -> tensor<2x3x5x4xf32> {
  %0 = "graph.matmul"(%a, %b) : (tensor<2x3x5x9xf32>, tensor<3x9x4xf32>) -> tensor<2x3x5x4xf32>
  %1 = "graph.relu"(%0) : (tensor<2x3x5x4xf32>) -> tensor<2x3x5x4xf32>
  return %1 : tensor<2x3x5x4xf32>
}"#,
        1,
    ),
    (
        "conv",
        r#"func.func @f(%x: tensor<2x4x9x9xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>, %w1: tensor<3x4x1x1xf32>, %w2: tensor<5x4x3x2xf32>) -> (tensor<2x6x5x5xf32>, tensor<2x3x9x9xf32>, tensor<2x5x5x7xf32>) {
  %0 = "graph.conv"(%x, %w, %b) <{dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<2x4x9x9xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<2x6x5x5xf32>
  %1 = "graph.conv"(%x, %w1) : (tensor<2x4x9x9xf32>, tensor<3x4x1x1xf32>) -> tensor<2x3x9x9xf32>
  %2 = "graph.conv"(%x, %w2) <{dilations = array<i64: 2, 2>}> : (tensor<2x4x9x9xf32>, tensor<5x4x3x2xf32>) -> tensor<2x5x5x7xf32>
  return %0, %1, %2 : tensor<2x6x5x5xf32>, tensor<2x3x9x9xf32>, tensor<2x5x5x7xf32>
}"#,
        4,
    ),
    (
        "not_products",
        r#"func.func @f(%x: tensor<1x4x6x6xf32>, %dw: tensor<4x1x3x3xf32>) -> (tensor<1x4x4x4xf32>, tensor<1x4x3x3xf32>) {
  %0 = "graph.conv"(%x, %dw) <{group = 4 : i64}> : (tensor<1x4x6x6xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x4x4xf32>
  %1 = "graph.max_pool"(%x) <{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}> : (tensor<1x4x6x6xf32>) -> tensor<1x4x3x3xf32>
  return %0, %1 : tensor<1x4x4x4xf32>, tensor<1x4x3x3xf32>
}"#,
        0,
    ),
];

fn parse(ctx: &Context, src: &str) -> Module {
    let m = strata_ir::text::parse(ctx, "t.mlir", src, &Default::default()).unwrap_or_else(|d| {
        panic!(
            "parse: {:?}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    });
    strata_ir::verify::verify_module(ctx, &m).unwrap_or_else(|d| panic!("verify: {d:?}"));
    m
}

fn lower(ctx: &Context, m: &mut Module, pipeline: &str) {
    // Name the registration so that the linker keeps it in this test binary.
    assert_eq!(
        strata_target_cpu::ukernels::CPU_UKERNELS.name,
        "cpu-ukernels"
    );
    let root = strata_pass::parse_pipeline(pipeline, "builtin.module").expect("pipeline parses");
    let report = strata_pass::PassManager::new(root).run(ctx, m);
    assert!(
        !report.failed,
        "{pipeline}: {:?}",
        report
            .diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    strata_ir::verify::verify_module(ctx, m)
        .unwrap_or_else(|d| panic!("verify after {pipeline}: {d:?}"));
}

/// Inputs of `@f`: multiples of 1/8 in [-2, 2).
fn inputs(src: &str) -> Vec<Tensor> {
    let sig = src.lines().next().expect("a signature line");
    let args = &sig[sig.find('(').expect("(") + 1..sig.find(") ->").expect(") ->")];
    args.split("tensor<")
        .skip(1)
        .enumerate()
        .map(|(i, t)| {
            let dims = t.split("xf32").next().expect("an f32 tensor type");
            let shape: Vec<usize> = dims
                .split('x')
                .map(|d| d.parse().expect("a static dim"))
                .collect();
            let n: usize = shape.iter().product();
            let mut s = 0x9E37_79B9u64 + i as u64;
            let v: Vec<f64> = (0..n)
                .map(|_| {
                    s = s
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((s >> 40) % 32) as f64 / 8.0 - 2.0
                })
                .collect();
            Tensor::from_f64s(DType::F32, shape, &v).expect("shape and values agree")
        })
        .collect()
}

#[test]
fn products_become_ukernel_calls_with_identical_results() {
    for &(name, src, calls) in PROGRAMS {
        let ctx = strata::default_context();
        let mut m = parse(&ctx, src);
        lower(
            &ctx,
            &mut m,
            "graph-to-tensor{full=true},tensor-generalize,bufferize",
        );
        let ins = inputs(src);
        let before = Interpreter::new(&ctx, &m)
            .run_out_params("f", ins.clone())
            .unwrap_or_else(|d| panic!("{name}: {}", d.message));
        lower(&ctx, &mut m, "cpu-ukernels");
        let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
        assert_eq!(
            text.matches("\"hw.intrinsic\"").count(),
            calls,
            "{name}:\n{text}"
        );
        let after = Interpreter::new(&ctx, &m)
            .run_out_params("f", ins)
            .unwrap_or_else(|d| panic!("{name}: {}", d.message));
        assert_eq!(before.len(), after.len());
        for (k, (b, a)) in before.iter().zip(&after).enumerate() {
            assert_eq!(b.to_f64_vec(), a.to_f64_vec(), "{name}: result {k}");
        }
    }
}

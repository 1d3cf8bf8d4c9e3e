//! Integer division and remainders, bitwise ops, casts between integer, bool and float
//! types, integer reductions and folded static values give bit-identical results before and
//! after `graph-to-tensor{full=true}`, on inputs with the extremes of each type (`MIN / -1`,
//! remainders of every sign combination, NaN, infinities and out-of-range floats cast to
//! integers, wrapping sums); a zero divisor is an error in both forms.

use strata_interp::{Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

const SRC: &str = r#"
func.func @f(%a: tensor<2x4xi32>, %b: tensor<4xi32>, %x: tensor<8xf32>, %y: tensor<8xf32>, %p: tensor<4xi1>, %h: tensor<8xf16>, %l: tensor<2x4xi64>) -> (tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<8xf32>, tensor<8xf32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi64>, tensor<2x4xi8>, tensor<4xi32>, tensor<8xi32>, tensor<8xi64>, tensor<8xi8>, tensor<2x4xi1>, tensor<8xi1>, tensor<8xbf16>, tensor<8xf16>, tensor<2xi64>, tensor<1x4xi64>, tensor<2x1xi64>, tensor<i64>, tensor<2xi32>, tensor<2xi64>) {
  %0 = "graph.div"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  %1 = "graph.mod"(%a, %b) <{fmod = 1 : i64}> : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  %2 = "graph.mod"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  %3 = "graph.mod"(%x, %y) : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %4 = "graph.mod"(%x, %y) <{fmod = 1 : i64}> : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %5 = "graph.bitwise_and"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  %6 = "graph.bitwise_or"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  %7 = "graph.bitwise_xor"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  %8 = "graph.bitwise_not"(%a) : (tensor<2x4xi32>) -> tensor<2x4xi32>
  %9 = "graph.cast"(%a) <{to = i64}> : (tensor<2x4xi32>) -> tensor<2x4xi64>
  %10 = "graph.cast"(%a) <{to = i8}> : (tensor<2x4xi32>) -> tensor<2x4xi8>
  %11 = "graph.cast"(%p) <{to = i32}> : (tensor<4xi1>) -> tensor<4xi32>
  %12 = "graph.cast"(%x) <{to = i32}> : (tensor<8xf32>) -> tensor<8xi32>
  %13 = "graph.cast"(%x) <{to = i64}> : (tensor<8xf32>) -> tensor<8xi64>
  %14 = "graph.cast"(%x) <{to = i8}> : (tensor<8xf32>) -> tensor<8xi8>
  %15 = "graph.cast"(%a) <{to = i1}> : (tensor<2x4xi32>) -> tensor<2x4xi1>
  %16 = "graph.cast"(%x) <{to = i1}> : (tensor<8xf32>) -> tensor<8xi1>
  %17 = "graph.cast"(%h) <{to = bf16}> : (tensor<8xf16>) -> tensor<8xbf16>
  %18 = "graph.cast"(%17) <{to = f16}> : (tensor<8xbf16>) -> tensor<8xf16>
  %19 = "graph.reduce_sum"(%l) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x4xi64>) -> tensor<2xi64>
  %20 = "graph.reduce_max"(%l) <{axes = array<i64: 0>}> : (tensor<2x4xi64>) -> tensor<1x4xi64>
  %21 = "graph.reduce_mean"(%l) <{axes = array<i64: -1>}> : (tensor<2x4xi64>) -> tensor<2x1xi64>
  %22 = "graph.reduce_prod"(%l) <{keepdims = 0 : i64}> : (tensor<2x4xi64>) -> tensor<i64>
  %23 = "graph.reduce_min"(%a) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x4xi32>) -> tensor<2xi32>
  %24 = "graph.shape"(%a) : (tensor<2x4xi32>) -> tensor<2xi64>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24 : tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<8xf32>, tensor<8xf32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi64>, tensor<2x4xi8>, tensor<4xi32>, tensor<8xi32>, tensor<8xi64>, tensor<8xi8>, tensor<2x4xi1>, tensor<8xi1>, tensor<8xbf16>, tensor<8xf16>, tensor<2xi64>, tensor<1x4xi64>, tensor<2x1xi64>, tensor<i64>, tensor<2xi32>, tensor<2xi64>
}
"#;

fn converted(ctx: &strata_ir::Context) -> (strata_ir::Module, strata_ir::Module) {
    let parse = || {
        strata_ir::text::parse(ctx, "integer.mlir", SRC, &Default::default())
            .unwrap_or_else(|d| panic!("{:?}", d.iter().map(|d| &d.message).collect::<Vec<_>>()))
    };
    let before = parse();
    let mut after = parse();
    let pm = PassManager::new(
        parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
    );
    let report = pm.run(ctx, &mut after);
    assert!(!report.failed, "{:?}", report.diagnostics);
    let text = strata_ir::text::print_module(ctx, &after, &Default::default());
    assert!(!text.contains("\"graph."), "graph ops left:\n{text}");
    (before, after)
}

fn inputs(b: Vec<i32>) -> Vec<Tensor> {
    let a =
        Tensor::from_vec(vec![2, 4], vec![i32::MIN, 7, -7, 13, i32::MAX, -13, 5, -1]).expect("a");
    let b = Tensor::from_vec(vec![4], b).expect("b");
    let x = Tensor::from_vec(
        vec![8],
        vec![
            5.5f32,
            -5.5,
            f32::NAN,
            f32::INFINITY,
            -3.0e10,
            3.0e10,
            -0.0,
            200.7,
        ],
    )
    .expect("x");
    let y =
        Tensor::from_vec(vec![8], vec![2.0f32, 2.0, 1.0, 3.0, -7.0, -7.0, 3.0, -0.5]).expect("y");
    let p = Tensor::from_vec(vec![4], vec![true, false, true, false]).expect("p");
    let h = Tensor::from_f64s(
        strata_interp::DType::F16,
        vec![8],
        &[
            1.0,
            3.140625,
            -65504.0,
            6.0e-8,
            0.333,
            f64::NAN,
            f64::INFINITY,
            1000.5,
        ],
    )
    .expect("h");
    let l = Tensor::from_vec(vec![2, 4], vec![i64::MAX, 1, 2, 3, i64::MIN, -5, 9, -2]).expect("l");
    vec![a, b, x, y, p, h, l]
}

#[test]
fn integer_ops_are_exact() {
    let ctx = strata::default_context();
    let (before, after) = converted(&ctx);
    let ins = inputs(vec![-1, 3, -3, 2]);
    let want = Interpreter::new(&ctx, &before)
        .run("f", &ins)
        .expect("interp before");
    let got = Interpreter::new(&ctx, &after)
        .run("f", &ins)
        .expect("interp after");
    assert_eq!(want.len(), got.len());
    for (i, (w, g)) in want.iter().zip(&got).enumerate() {
        // NaN-aware: compare the bits.
        assert_eq!(format!("{w:?}"), format!("{g:?}"), "result {i}");
    }
    // MIN / -1 wraps to MIN in both forms.
    assert_eq!(want[0].to_f64_vec()[0], f64::from(i32::MIN));
}

#[test]
fn integer_division_by_zero_fails_in_both_forms() {
    let ctx = strata::default_context();
    let (before, after) = converted(&ctx);
    let ins = inputs(vec![1, 0, 2, 3]);
    assert!(Interpreter::new(&ctx, &before).run("f", &ins).is_err());
    assert!(Interpreter::new(&ctx, &after).run("f", &ins).is_err());
}

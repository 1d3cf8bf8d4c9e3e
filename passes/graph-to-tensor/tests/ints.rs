//! Integer and boolean element-wise ops (wrapping arithmetic and negation, abs, sign,
//! signed min/max and comparisons, relu, logic, where, casts to float) give bit-identical results before and
//! after `graph-to-tensor`, on inputs that include the extremes of `i32`.

use strata_interp::{Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

const SRC: &str = r#"
func.func @f(%a: tensor<2x4xi32>, %b: tensor<4xi32>, %p: tensor<2x4xi1>, %q: tensor<4xi1>) -> (tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xi1>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>) {
  %0 = "graph.add"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  %1 = "graph.sub"(%b, %a) : (tensor<4xi32>, tensor<2x4xi32>) -> tensor<2x4xi32>
  %2 = "graph.mul"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  %3 = "graph.max"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  %4 = "graph.min"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  %5 = "graph.relu"(%a) : (tensor<2x4xi32>) -> tensor<2x4xi32>
  %6 = "graph.equal"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi1>
  %7 = "graph.less"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi1>
  %8 = "graph.less_equal"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi1>
  %9 = "graph.greater"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi1>
  %10 = "graph.greater_equal"(%a, %b) : (tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi1>
  %11 = "graph.and"(%p, %q) : (tensor<2x4xi1>, tensor<4xi1>) -> tensor<2x4xi1>
  %12 = "graph.or"(%p, %q) : (tensor<2x4xi1>, tensor<4xi1>) -> tensor<2x4xi1>
  %13 = "graph.xor"(%p, %q) : (tensor<2x4xi1>, tensor<4xi1>) -> tensor<2x4xi1>
  %14 = "graph.where"(%p, %a, %b) : (tensor<2x4xi1>, tensor<2x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  %15 = "graph.cast"(%a) <{to = f32}> : (tensor<2x4xi32>) -> tensor<2x4xf32>
  %16 = "graph.cast"(%p) <{to = f32}> : (tensor<2x4xi1>) -> tensor<2x4xf32>
  %17 = "graph.not"(%p) : (tensor<2x4xi1>) -> tensor<2x4xi1>
  %18 = "graph.neg"(%a) : (tensor<2x4xi32>) -> tensor<2x4xi32>
  %19 = "graph.abs"(%a) : (tensor<2x4xi32>) -> tensor<2x4xi32>
  %20 = "graph.sign"(%a) : (tensor<2x4xi32>) -> tensor<2x4xi32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20 : tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xi1>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>
}
"#;

#[test]
fn integer_and_boolean_ops_are_exact() {
    assert_eq!(
        strata_graph_to_tensor::GRAPH_TO_TENSOR.name,
        "graph-to-tensor"
    );
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "ints.mlir", SRC, &Default::default())
        .unwrap_or_else(|d| panic!("{:?}", d.iter().map(|d| &d.message).collect::<Vec<_>>()));
    let a = Tensor::from_vec(
        vec![2, 4],
        vec![i32::MAX, i32::MIN, -7, 0, 3, -1, 123_456_789, i32::MIN + 1],
    )
    .expect("a");
    let b = Tensor::from_vec(vec![4], vec![1, -1, -7, i32::MAX]).expect("b");
    let p = Tensor::from_vec(
        vec![2, 4],
        vec![true, false, true, false, false, true, true, false],
    )
    .expect("p");
    let q = Tensor::from_vec(vec![4], vec![true, true, false, false]).expect("q");
    let inputs = [a, b, p, q];
    let before = Interpreter::new(&ctx, &m)
        .run("f", &inputs)
        .expect("interp before");
    let pm = PassManager::new(
        parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
    );
    let report = pm.run(&ctx, &mut m);
    assert!(!report.failed, "{:?}", report.diagnostics);
    let after = Interpreter::new(&ctx, &m)
        .run("f", &inputs)
        .expect("interp after");
    assert_eq!(before, after);
}

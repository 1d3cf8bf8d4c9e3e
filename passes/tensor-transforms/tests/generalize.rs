//! `tensor-generalize` on every named op: the result verifies, holds no named op, and the
//! generic op carries the named op's maps and iterators.

use strata::ir::text::{parse, print_module, ParseOptions, PrintOptions};
use strata::ir::verify::verify_module;

fn generalize_text(src: &str) -> String {
    let ctx = strata::default_context();
    let mut m = parse(&ctx, "t.mlir", src, &ParseOptions::default()).expect("parses");
    verify_module(&ctx, &m).expect("verifies");
    let top = m.op;
    let n = strata_tensor_transforms::generalize_all(&ctx, &mut m.body, top).expect("generalizes");
    assert!(n > 0);
    verify_module(&ctx, &m).unwrap_or_else(|e| {
        panic!(
            "{e:?}\n{}",
            print_module(&ctx, &m, &PrintOptions::default())
        )
    });
    print_module(&ctx, &m, &PrintOptions::default())
}

#[test]
fn matmul_becomes_generic() {
    let out = generalize_text(
        r#"func.func @f(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %r = "tensor.matmul"(%a, %b, %c) : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}"#,
    );
    assert!(!out.contains("tensor.matmul"), "{out}");
    assert!(
        out.contains("affine_map<(d0, d1, d2) -> (d0, d2)>"),
        "{out}"
    );
    assert!(
        out.contains(r#"iterator_types = ["parallel", "parallel", "reduction"]"#),
        "{out}"
    );
    assert!(
        out.contains("arith.mulf") && out.contains("arith.addf"),
        "{out}"
    );
}

#[test]
fn map_and_reduce_keep_their_bodies() {
    let out = generalize_text(
        r#"func.func @f(%x: tensor<2x3xf32>, %r: tensor<2xf32>) -> (tensor<2x3xf32>, tensor<2xf32>) {
  %0 = "tensor.map"(%x, %x) ({
  ^bb0(%p: f32):
    %s = math.exp %p : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "tensor.reduce"(%x, %r) <{dimensions = array<i64: 1>}> ({
  ^bb0(%in: f32, %acc: f32):
    %m = arith.maximumf %in, %acc : f32
    "tensor.yield"(%m) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2xf32>
}"#,
    );
    assert!(
        !out.contains("tensor.map") && !out.contains("tensor.reduce"),
        "{out}"
    );
    assert!(
        out.contains("math.exp") && out.contains("arith.maximumf"),
        "{out}"
    );
    assert!(
        out.contains(r#"iterator_types = ["parallel", "reduction"]"#),
        "{out}"
    );
}

#[test]
fn windows_and_copies() {
    let out = generalize_text(
        r#"func.func @f(%x: tensor<1x3x9x9xf32>, %w: tensor<8x3x3x3xf32>, %o: tensor<1x8x4x4xf32>, %win: tensor<2x2xf32>, %op: tensor<1x3x4x4xf32>, %z: f32, %t: tensor<9x9x3x1xf32>) {
  %0 = "tensor.conv2d_nchw_fchw"(%x, %w, %o) <{dilations = array<i64: 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x3x9x9xf32>, tensor<8x3x3x3xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %1 = "tensor.pool_nchw_max"(%x, %win, %op) <{strides = array<i64: 2, 2>}> : (tensor<1x3x9x9xf32>, tensor<2x2xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %2 = "tensor.fill"(%z, %op) : (f32, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %3 = "tensor.transpose"(%x, %t) <{permutation = array<i64: 3, 2, 1, 0>}> : (tensor<1x3x9x9xf32>, tensor<9x9x3x1xf32>) -> tensor<9x9x3x1xf32>
  return
}"#,
    );
    assert!(out.contains("d2 * 2 + d5"), "{out}");
    assert!(out.contains("arith.maximumf"), "{out}");
    assert_eq!(out.matches("tensor.generic").count(), 4, "{out}");
}

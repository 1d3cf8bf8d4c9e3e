//! Programs written in the MLIR text format: custom-syntax `func`/`arith`/`math` ops on
//! scalars, vectors and tensors, `dense_resource` constants (and a resource of the wrong
//! size), calls to functions defined later, and `.npy` inputs.

mod common;

use common::*;
use strata_interp::{Interpreter, Tensor};

#[test]
fn calls_and_custom_syntax() {
    let src = r#"
func.func private @sq(%x: i32) -> i32 {
  %0 = arith.muli %x, %x : i32
  return %0 : i32
}
func.func @f(%a: i32, %v: vector<4xf32>, %t: tensor<2x?xf64>) -> (i32, vector<4xf32>, tensor<2x?xf64>) {
  %0 = func.call @sq(%a) : (i32) -> i32
  %c1 = arith.constant 1 : i32
  %1 = arith.addi %0, %c1 : i32
  %2 = arith.addf %v, %v : vector<4xf32>
  %3 = math.sqrt %t : tensor<2x?xf64>
  return %1, %2, %3 : i32, vector<4xf32>, tensor<2x?xf64>
}
"#;
    let r = run_text(
        src,
        &[
            Tensor::scalar(7i32),
            t1(&[1.0f32, 2.0, 3.0, 4.0]),
            tn(&[2, 1], &[4.0f64, 9.0]),
        ],
    )
    .unwrap();
    assert_eq!(
        r,
        vec![
            Tensor::scalar(50i32),
            t1(&[2.0f32, 4.0, 6.0, 8.0]),
            tn(&[2, 1], &[2.0f64, 3.0])
        ]
    );
    // The dynamic dimension accepts any size; the static one must match.
    let e = run_text(
        src,
        &[
            Tensor::scalar(7i32),
            t1(&[1.0f32, 2.0, 3.0, 4.0]),
            tn(&[3, 1], &[4.0f64, 9.0, 1.0]),
        ],
    )
    .unwrap_err();
    assert!(e.contains("argument #2"), "{e}");
}

#[test]
fn named_module_and_forward_calls() {
    // The callee is defined after its caller; the module is named.
    let src = r#"
module @outer {
  func.func @f(%x: i64) -> i64 {
    %0 = func.call @twice(%x) : (i64) -> i64
    return %0 : i64
  }
  func.func private @twice(%x: i64) -> i64 {
    %0 = arith.addi %x, %x : i64
    return %0 : i64
  }
}
"#;
    let ctx = strata::default_context();
    let m = parse(&ctx, src);
    let r = Interpreter::new(&ctx, &m)
        .run("f", &[Tensor::scalar(21i64)])
        .unwrap();
    assert_eq!(r, vec![Tensor::scalar(42i64)]);
}

#[test]
fn dense_resources() {
    // 1.0 and 2.0 as little-endian f32, after the 4-byte alignment prefix.
    let src = r#"
func.func @f() -> tensor<2xf32> {
  %0 = "graph.constant"() <{value = dense_resource<w> : tensor<2xf32>}> : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803F00000040"
    }
  }
#-}
"#;
    assert_eq!(run_text(src, &[]).unwrap(), vec![t1(&[1.0f32, 2.0])]);
    let short = src.replace("0x040000000000803F00000040", "0x040000000000803F");
    let e = run_text(&short, &[]).unwrap_err();
    assert!(e.contains("dense resource 'w' holds 4 bytes"), "{e}");
}

#[test]
fn npy_inputs_and_outputs() {
    let src = r#"
func.func @f(%x: tensor<2x2xf32>, %i: index) -> (tensor<2x2xf32>, index) {
  %0 = "graph.relu"(%x) : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %c = arith.constant 1 : index
  %1 = arith.addi %i, %c : index
  return %0, %1 : tensor<2x2xf32>, index
}
"#;
    let x = tn(&[2, 2], &[-1.0f32, 2.0, -3.0, 4.0]);
    let xb = x.write_npy().unwrap();
    // `index` arguments come from .npy files as i64 and are accepted as index.
    let ib = Tensor::scalar(41i64).write_npy().unwrap();
    let inputs = [
        Tensor::read_npy(&xb).unwrap(),
        Tensor::read_npy(&ib).unwrap(),
    ];
    let r = run_text(src, &inputs).unwrap();
    assert_eq!(r[0], tn(&[2, 2], &[0.0f32, 2.0, 0.0, 4.0]));
    assert_eq!(r[1], Tensor::index_scalar(42));
    let back = Tensor::read_npy(&r[1].write_npy().unwrap()).unwrap();
    assert_eq!(back, Tensor::scalar(42i64));
}

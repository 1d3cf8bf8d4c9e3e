//! A first end-to-end check: a small loop program compiled and run natively equals the
//! interpreter.
mod common;
use common::*;
use strata_interp::Tensor;

const SRC: &str = r#"
func.func @axpy(%x: memref<8xf32>, %y: memref<8xf32>, %o: memref<8xf32>) attributes {strata.num_outputs = 1 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %a = arith.constant 2.5 : f32
  "loop.for"(%c0, %c8, %c1) ({
  ^bb0(%i: index):
    %xi = "loop.load"(%x, %i) : (memref<8xf32>, index) -> f32
    %yi = "loop.load"(%y, %i) : (memref<8xf32>, index) -> f32
    %m = arith.mulf %a, %xi : f32
    %s = arith.addf %m, %yi : f32
    "loop.store"(%s, %o, %i) : (f32, memref<8xf32>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}
"#;

#[test]
fn axpy_matches_the_interpreter() {
    let art = compile(SRC, 0.0);
    let x = Tensor::from_vec(
        vec![8],
        (0..8).map(|i| i as f32 * 0.3).collect::<Vec<f32>>(),
    )
    .unwrap();
    let y = Tensor::from_vec(
        vec![8],
        (0..8).map(|i| 1.0 - i as f32).collect::<Vec<f32>>(),
    )
    .unwrap();
    let want = interp(SRC, &art, "axpy", &[x.clone(), y.clone()]).unwrap();
    let got = native(&art, "axpy", &[x, y], 1).unwrap();
    assert_eq!(got, want);
}

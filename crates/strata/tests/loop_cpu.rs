//! A `graph.loop` whose trip count is a run-time input, compiled for the host CPU through
//! the default pipeline as a real loop (`unroll-regions` leaves it, `graph-to-tensor` makes
//! it a `loop.for` carrying tensors, `bufferize` carried buffers): two carried values
//! swapped every iteration, the iteration number and a matrix product (a micro-kernel call
//! inside the loop) in the body, a run-time `graph.if` nested in it. Trip counts 0, 1, 4 and
//! a negative one (no iteration) must give the interpreter's results exactly (small-integer
//! data), on one and on four threads.

mod common;

use common::Case;
use strata_interp::{DType, Tensor};

const SRC: &str = r#"
func.func @counted(%m: tensor<i64>, %a: tensor<4x4xf32>, %b: tensor<4x4xf32>, %w: tensor<4x4xf32>, %c: tensor<i1>) -> (tensor<4x4xf32>, tensor<4x4xf32>) {
  %t = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %r:2 = "graph.loop"(%m, %t, %a, %b) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %x: tensor<4x4xf32>, %y: tensor<4x4xf32>):
    %f = "graph.cast"(%i) <{to = f32}> : (tensor<i64>) -> tensor<f32>
    %p = "graph.matmul"(%x, %w) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
    %q = "graph.sub"(%p, %f) : (tensor<4x4xf32>, tensor<f32>) -> tensor<4x4xf32>
    %s = "graph.if"(%c) ({
      %n = "graph.neg"(%q) : (tensor<4x4xf32>) -> tensor<4x4xf32>
      "graph.yield"(%n) : (tensor<4x4xf32>) -> ()
    }, {
      "graph.yield"(%q) : (tensor<4x4xf32>) -> ()
    }) : (tensor<i1>) -> tensor<4x4xf32>
    "graph.yield"(%ci, %y, %s) : (tensor<i1>, tensor<4x4xf32>, tensor<4x4xf32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<4x4xf32>, tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>)
  return %r#0, %r#1 : tensor<4x4xf32>, tensor<4x4xf32>
}
"#;

fn f32s(shape: &[usize], seed: usize) -> Tensor {
    let n: usize = shape.iter().product();
    let v: Vec<f64> = (0..n)
        .map(|i| ((i * 7 + seed * 3) % 3) as f64 - 1.0)
        .collect();
    Tensor::from_f64s(DType::F32, shape.to_vec(), &v).expect("f32 data")
}

#[test]
fn run_time_trip_count_compiled_matches_the_interpreter() {
    let mut cases: Vec<Case> = Vec::new();
    for (k, m) in [0i64, 1, 4, -1].into_iter().enumerate() {
        for c in [false, true] {
            cases.push((
                "counted".into(),
                if cases.is_empty() {
                    SRC.into()
                } else {
                    String::new()
                },
                vec![
                    Tensor::scalar(m),
                    f32s(&[4, 4], 1 + k),
                    f32s(&[4, 4], 2),
                    f32s(&[4, 4], 3),
                    Tensor::scalar(c),
                ],
            ));
        }
    }
    common::compiled_matches_interpreter("run-time loop", &cases);
}

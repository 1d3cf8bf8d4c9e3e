//! The graph dialect's region ops compiled for the host CPU through the default pipeline
//! (`unroll-regions` before `graph-to-tensor`): a `graph.scan` with two scan inputs in
//! opposite directions and two scan outputs on different axes, a `graph.loop` whose trip
//! count is computed from constants with an early exit decided at compile time and a
//! dynamically typed scan output, a scan nested in a loop body, and a `graph.if` with a
//! constant condition. Results must equal the interpreter's exactly (small-integer data).

use strata_interp::{DType, Interpreter, Tensor};

const SRC: &str = r#"
func.func @scan2(%s0: tensor<3xf32>, %x: tensor<4x3xf32>, %y: tensor<3x4xf32>) -> (tensor<3xf32>, tensor<4x3xf32>, tensor<3x4xf32>) {
  %r:3 = "graph.scan"(%s0, %x, %y) <{num_scan_inputs = 2 : i64, scan_input_axes = array<i64: 0, 1>, scan_input_directions = array<i64: 0, 1>, scan_output_axes = array<i64: 0, 1>, scan_output_directions = array<i64: 1, 0>}> ({
  ^bb0(%acc: tensor<3xf32>, %a: tensor<3xf32>, %b: tensor<3xf32>):
    %p = "graph.mul"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %n = "graph.add"(%acc, %p) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %q = "graph.sub"(%n, %a) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    "graph.yield"(%n, %q, %p) : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> ()
  }) : (tensor<3xf32>, tensor<4x3xf32>, tensor<3x4xf32>) -> (tensor<3xf32>, tensor<4x3xf32>, tensor<3x4xf32>)
  return %r#0, %r#1, %r#2 : tensor<3xf32>, tensor<4x3xf32>, tensor<3x4xf32>
}

func.func @loop(%y0: tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>) {
  %a = "graph.constant"() <{value = dense<9> : tensor<i64>}> : () -> tensor<i64>
  %b = "graph.constant"() <{value = dense<2> : tensor<i64>}> : () -> tensor<i64>
  %m = "graph.sub"(%a, %b) : (tensor<i64>, tensor<i64>) -> tensor<i64>
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %k = "graph.constant"() <{value = dense<4> : tensor<i64>}> : () -> tensor<i64>
  %r:2 = "graph.loop"(%m, %c, %y0) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<2xf32>):
    %f = "graph.cast"(%i) <{to = f32}> : (tensor<i64>) -> tensor<f32>
    %y1 = "graph.add"(%yi, %f) : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
    %y2 = "graph.mul"(%y1, %yi) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %go = "graph.less"(%i, %k) : (tensor<i64>, tensor<i64>) -> tensor<i1>
    "graph.yield"(%go, %y1, %y2) : (tensor<i1>, tensor<2xf32>, tensor<2xf32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>)
  return %r#0, %r#1 : tensor<2xf32>, tensor<?x2xf32>
}

func.func @nested(%x: tensor<3x2xf32>, %w: tensor<2xf32>) -> tensor<2xf32> {
  %m = "graph.constant"() <{value = dense<3> : tensor<i64>}> : () -> tensor<i64>
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %y = "graph.loop"(%m, %c, %w) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<2xf32>):
    %s = "graph.scan"(%yi, %x) <{num_scan_inputs = 1 : i64}> ({
    ^bb1(%acc: tensor<2xf32>, %row: tensor<2xf32>):
      %n = "graph.add"(%acc, %row) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
      "graph.yield"(%n) : (tensor<2xf32>) -> ()
    }) : (tensor<2xf32>, tensor<3x2xf32>) -> tensor<2xf32>
    "graph.yield"(%ci, %s) : (tensor<i1>, tensor<2xf32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

func.func @if_const(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %c = "graph.constant"() <{value = dense<false> : tensor<i1>}> : () -> tensor<i1>
  %r = "graph.if"(%c) ({
    "graph.yield"(%a) : (tensor<2xf32>) -> ()
  }, {
    %n = "graph.sub"(%a, %b) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    "graph.yield"(%n) : (tensor<2xf32>) -> ()
  }) : (tensor<i1>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}
"#;

fn f32s(shape: &[usize], seed: usize) -> Tensor {
    let n: usize = shape.iter().product();
    let v: Vec<f64> = (0..n)
        .map(|i| ((i * 7 + seed * 3) % 5) as f64 - 2.0)
        .collect();
    Tensor::from_f64s(DType::F32, shape.to_vec(), &v).expect("f32 data")
}

#[test]
fn region_ops_compiled_match_the_interpreter() {
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "regions.mlir", SRC, &Default::default())
        .expect("the cases parse");
    let opts = strata::Options {
        threads: 1,
        opt_level: 1,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts)
        .unwrap_or_else(|e| panic!("compiling the region ops: {e}"));
    let program = compiled.program().expect("compiled to native code");
    let cases: Vec<(&str, Vec<Tensor>)> = vec![
        (
            "scan2",
            vec![f32s(&[3], 1), f32s(&[4, 3], 2), f32s(&[3, 4], 3)],
        ),
        ("loop", vec![f32s(&[2], 4)]),
        ("nested", vec![f32s(&[3, 2], 5), f32s(&[2], 6)]),
        ("if_const", vec![f32s(&[2], 7), f32s(&[2], 8)]),
    ];
    for (name, inputs) in &cases {
        let want = Interpreter::new(&ctx, &m)
            .run(name, inputs)
            .unwrap_or_else(|e| panic!("{name} on the interpreter: {e:?}"));
        let got = program
            .run_entry(Some(name), inputs)
            .unwrap_or_else(|e| panic!("{name} compiled: {}", e.0));
        assert_eq!(format!("{want:?}"), format!("{got:?}"), "{name}");
    }
    // The loop ran 5 iterations (i = 0..4, the exit `i < 4` false after i = 4): its scan
    // output is 5x2.
    let got = program
        .run_entry(Some("loop"), &cases[1].1)
        .expect("loop runs");
    assert_eq!(got[1].shape(), &[5, 2]);
}

//! `graph.if` on a run-time condition compiled for the host CPU through the default
//! pipeline (a `loop.if` on tensors, then on buffers, then C `if`/`else`): every case runs
//! with both condition values and must give the interpreter's results exactly (small-integer
//! data), on one and on four threads. The untaken region is not executed: a region that
//! divides by zero (which makes the compiled code report an error when it runs) is
//! harmless while the condition does not select it. An optional result present in one
//! region only comes back through `Compiled::run_values` as `None` or `Some` from its
//! run-time presence flag.

mod common;

use common::Case;
use strata_interp::{DType, Tensor};

const DIV: &str = r#"
func.func @div_guard(%c: tensor<i1>, %a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %r = "graph.if"(%c) ({
    %q = "graph.div"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
    "graph.yield"(%q) : (tensor<4xi32>) -> ()
  }, {
    %d = "graph.sub"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
    "graph.yield"(%d) : (tensor<4xi32>) -> ()
  }) : (tensor<i1>) -> tensor<4xi32>
  return %r : tensor<4xi32>
}
"#;

const MATMUL: &str = r#"
func.func @matmul_branches(%c: tensor<i1>, %x: tensor<4x8xf32>, %w: tensor<8x4xf32>) -> (tensor<4x4xf32>, tensor<4x8xf32>) {
  %t = "graph.relu"(%x) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %r = "graph.if"(%c) ({
    %m = "graph.matmul"(%t, %w) : (tensor<4x8xf32>, tensor<8x4xf32>) -> tensor<4x4xf32>
    %one = "graph.constant"() <{value = dense<1.0> : tensor<4xf32>}> : () -> tensor<4xf32>
    %m2 = "graph.add"(%m, %one) : (tensor<4x4xf32>, tensor<4xf32>) -> tensor<4x4xf32>
    "graph.yield"(%m2) : (tensor<4x4xf32>) -> ()
  }, {
    %n = "graph.neg"(%w) : (tensor<8x4xf32>) -> tensor<8x4xf32>
    %m = "graph.matmul"(%x, %n) : (tensor<4x8xf32>, tensor<8x4xf32>) -> tensor<4x4xf32>
    "graph.yield"(%m) : (tensor<4x4xf32>) -> ()
  }) : (tensor<i1>) -> tensor<4x4xf32>
  %s = "graph.mul"(%r, %r) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %u = "graph.add"(%t, %x) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %s, %u : tensor<4x4xf32>, tensor<4x8xf32>
}
"#;

const NESTED: &str = r#"
func.func @nested(%c: tensor<i1>, %c2: tensor<1xi1>, %a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %r:2 = "graph.if"(%c) ({
    %i = "graph.if"(%c2) ({
      %p = "graph.mul"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
      "graph.yield"(%p) : (tensor<2x3xf32>) -> ()
    }, {
      "graph.yield"(%b) : (tensor<2x3xf32>) -> ()
    }) : (tensor<1xi1>) -> tensor<2x3xf32>
    %s = "graph.sub"(%i, %a) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    "graph.yield"(%s, %i) : (tensor<2x3xf32>, tensor<2x3xf32>) -> ()
  }, {
    "graph.yield"(%a, %a) : (tensor<2x3xf32>, tensor<2x3xf32>) -> ()
  }) : (tensor<i1>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %r#0, %r#1 : tensor<2x3xf32>, tensor<2x3xf32>
}
"#;

fn f32s(shape: &[usize], seed: usize) -> Tensor {
    let n: usize = shape.iter().product();
    let v: Vec<f64> = (0..n)
        .map(|i| ((i * 7 + seed * 3) % 5) as f64 - 2.0)
        .collect();
    Tensor::from_f64s(DType::F32, shape.to_vec(), &v).expect("f32 data")
}

fn i32s(v: &[i32]) -> Tensor {
    Tensor::from_vec(vec![v.len()], v.to_vec()).expect("i32 data")
}

#[test]
fn run_time_if_compiled_matches_the_interpreter() {
    let mut cases: Vec<Case> = Vec::new();
    for c in [false, true] {
        cases.push((
            "div_guard".into(),
            DIV.into(),
            vec![
                Tensor::scalar(c),
                i32s(&[7, -9, 12, 5]),
                i32s(&[2, 4, -5, 1]),
            ],
        ));
        cases.push((
            "matmul_branches".into(),
            MATMUL.into(),
            vec![Tensor::scalar(c), f32s(&[4, 8], 1), f32s(&[8, 4], 2)],
        ));
        for c2 in [false, true] {
            cases.push((
                "nested".into(),
                NESTED.into(),
                vec![
                    Tensor::scalar(c),
                    Tensor::from_vec(vec![1], vec![c2]).expect("bool data"),
                    f32s(&[2, 3], 3),
                    f32s(&[2, 3], 4),
                ],
            ));
        }
    }
    // One copy of each function's text in the module.
    let mut seen = std::collections::BTreeSet::new();
    let cases: Vec<Case> = cases
        .into_iter()
        .map(|(n, src, ins)| {
            let src = if seen.insert(n.clone()) {
                src
            } else {
                String::new()
            };
            (n, src, ins)
        })
        .collect();
    common::compiled_matches_interpreter("run-time if", &cases);
}

#[test]
fn the_untaken_region_does_not_run() {
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "div.mlir", DIV, &Default::default()).expect("parse");
    let opts = strata::Options {
        threads: 1,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts)
        .unwrap_or_else(|e| panic!("compiling: {e}"));
    let program = compiled.program().expect("compiled to native code");
    let (a, b) = (i32s(&[7, -9, 12, 5]), i32s(&[2, 0, -5, 0]));
    // The else region runs: a - b, no division by zero reported.
    let got = program
        .run_entry(None, &[Tensor::scalar(false), a.clone(), b.clone()])
        .unwrap_or_else(|e| panic!("the else region: {}", e.0));
    assert_eq!(got[0].to_i64_vec().expect("ints"), vec![5, -9, 17, 5]);
    // The then region divides by zero: the compiled code reports it when it runs.
    let err = program
        .run_entry(None, &[Tensor::scalar(true), a, b])
        .expect_err("the then region divides by zero");
    assert!(err.0.contains("zero"), "{}", err.0);
}

// An optional present in one region and absent in the other (ONNX's test_if_opt, plus a
// tensor inside it computed from the input and `optional_has_element` of the result).
const OPT: &str = r#"
func.func @if_opt(%c: tensor<i1>, %x: tensor<5xf32>) -> (!graph.opt<!graph.seq<tensor<5xf32>>>, tensor<i1>) {
  %r = "graph.if"(%c) ({
    %e = "graph.optional"() : () -> !graph.opt<!graph.seq<tensor<5xf32>>>
    "graph.yield"(%e) : (!graph.opt<!graph.seq<tensor<5xf32>>>) -> ()
  }, {
    %y = "graph.mul"(%x, %x) : (tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
    %s = "graph.sequence_construct"(%y, %x) : (tensor<5xf32>, tensor<5xf32>) -> !graph.seq<tensor<5xf32>>
    %o = "graph.optional"(%s) : (!graph.seq<tensor<5xf32>>) -> !graph.opt<!graph.seq<tensor<5xf32>>>
    "graph.yield"(%o) : (!graph.opt<!graph.seq<tensor<5xf32>>>) -> ()
  }) : (tensor<i1>) -> !graph.opt<!graph.seq<tensor<5xf32>>>
  %h = "graph.optional_has_element"(%r) : (!graph.opt<!graph.seq<tensor<5xf32>>>) -> tensor<i1>
  return %r, %h : !graph.opt<!graph.seq<tensor<5xf32>>>, tensor<i1>
}
"#;

#[test]
fn an_optional_present_in_one_region_only_has_a_run_time_presence_flag() {
    use strata_interp::{AnyValue, Interpreter};
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "opt.mlir", OPT, &Default::default()).expect("parse");
    let opts = strata::Options {
        threads: 1,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts)
        .unwrap_or_else(|e| panic!("compiling: {e}"));
    let sig = compiled.signature.clone().expect("a container signature");
    assert_eq!(sig.results[0].to_string(), "opt?(seq([5],[5]))");
    for c in [false, true] {
        let ins = vec![
            AnyValue::Tensor(Tensor::scalar(c)),
            AnyValue::Tensor(f32s(&[5], 9)),
        ];
        let want = Interpreter::new(&ctx, &m)
            .run_values("if_opt", ins.clone())
            .expect("interpreter");
        let got = compiled.run_values(ins).expect("runs");
        assert_eq!(format!("{got:?}"), format!("{want:?}"), "condition {c}");
        // Absent when the condition takes the then region (the empty optional).
        assert_eq!(matches!(&got[0], AnyValue::Opt(None)), c, "condition {c}");
    }
}

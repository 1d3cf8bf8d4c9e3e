//! The graph dialect's region ops and sequence/optional values on the interpreter, written
//! in the MLIR text format: `graph.if` (only the taken branch runs), `graph.loop` (trip
//! count, condition, carried values, scan outputs, zero iterations, outer values), a
//! runaway loop stopped by fuel, `graph.scan` (reverse input and output directions, output
//! axis), and sequences/optionals through function arguments and results
//! (`Interpreter::run_values`).

mod common;

use common::*;
use strata_interp::{AnyValue, Interpreter, Tensor};

const IF: &str = r#"
func.func @f(%c: tensor<i1>, %x: tensor<2xf32>) -> tensor<2xf32> {
  %r = "graph.if"(%c) ({
    %d = "graph.add"(%x, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    "graph.yield"(%d) : (tensor<2xf32>) -> ()
  }, {
    %n = "graph.neg"(%x) : (tensor<2xf32>) -> tensor<2xf32>
    "graph.yield"(%n) : (tensor<2xf32>) -> ()
  }) : (tensor<i1>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}
"#;

#[test]
fn if_runs_the_taken_branch() {
    let x = t1(&[1.0f32, -2.0]);
    let r = run_text(IF, &[Tensor::scalar(true), x.clone()]).unwrap();
    assert_eq!(r, vec![t1(&[2.0f32, -4.0])]);
    let r = run_text(IF, &[Tensor::scalar(false), x]).unwrap();
    assert_eq!(r, vec![t1(&[-1.0f32, 2.0])]);
}

/// Sum of `x + i` over iterations, stopping at the trip count or when the sum exceeds
/// `limit` (the condition), with a scan output of the running sums.
const LOOP: &str = r#"
func.func @f(%m: tensor<i64>, %c: tensor<i1>, %s0: tensor<i64>, %limit: tensor<i64>) -> (tensor<i64>, tensor<?xi64>) {
  %s, %all = "graph.loop"(%m, %c, %s0) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %si: tensor<i64>):
    %n = "graph.add"(%si, %i) : (tensor<i64>, tensor<i64>) -> tensor<i64>
    %go = "graph.less"(%n, %limit) : (tensor<i64>, tensor<i64>) -> tensor<i1>
    "graph.yield"(%go, %n, %n) : (tensor<i1>, tensor<i64>, tensor<i64>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<i64>) -> (tensor<i64>, tensor<?xi64>)
  return %s, %all : tensor<i64>, tensor<?xi64>
}
"#;

#[test]
fn loop_trip_count_condition_and_scan_outputs() {
    let s = |v: i64| Tensor::scalar(v);
    // Trip count 4, no early exit: sums 0, 1, 3, 6.
    let r = run_text(LOOP, &[s(4), Tensor::scalar(true), s(0), s(100)]).unwrap();
    assert_eq!(r, vec![s(6), t1(&[0i64, 1, 3, 6])]);
    // The condition ends it: 0, 1, 3, 6, 10 (10 >= 8 stops).
    let r = run_text(LOOP, &[s(100), Tensor::scalar(true), s(0), s(8)]).unwrap();
    assert_eq!(r, vec![s(10), t1(&[0i64, 1, 3, 6, 10])]);
    // A false initial condition: no iteration, an empty scan output.
    let r = run_text(LOOP, &[s(5), Tensor::scalar(false), s(7), s(100)]).unwrap();
    assert_eq!(r[0], s(7));
    assert_eq!(r[1].shape(), &[0]);
}

#[test]
fn runaway_loop_stops_with_the_fuel_diagnostic() {
    let ctx = strata::default_context();
    let m = parse(&ctx, LOOP);
    let s = |v: i64| Tensor::scalar(v);
    let e = Interpreter::new(&ctx, &m)
        .with_fuel(1_000)
        .run("f", &[s(i64::MAX), Tensor::scalar(true), s(0), s(i64::MAX)])
        .unwrap_err();
    assert!(
        e.message.contains("fuel exhausted after 1000 steps"),
        "{}",
        e.message
    );
}

const SCAN: &str = r#"
func.func @f(%init: tensor<2xf32>, %x: tensor<3x2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>) {
  %s, %o = "graph.scan"(%init, %x) <{num_scan_inputs = 1 : i64, scan_input_directions = array<i64: 1>, scan_output_axes = array<i64: 1>}> ({
  ^bb0(%acc: tensor<2xf32>, %row: tensor<2xf32>):
    %n = "graph.add"(%acc, %row) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    "graph.yield"(%n, %n) : (tensor<2xf32>, tensor<2xf32>) -> ()
  }) : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>)
  return %s, %o : tensor<2xf32>, tensor<2x3xf32>
}
"#;

#[test]
fn scan_reverse_input_and_output_axis() {
    let x = tn(&[3, 2], &[1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let r = run_text(SCAN, &[t1(&[0.0f32, 0.0]), x]).unwrap();
    // Rows taken last first: [5,6], [8,10], [9,12]; stacked along axis 1.
    assert_eq!(r[0], t1(&[9.0f32, 12.0]));
    assert_eq!(r[1], tn(&[2, 3], &[5.0f32, 8.0, 9.0, 6.0, 10.0, 12.0]));
}

const SEQ: &str = r#"
func.func @f(%s: !graph.seq<tensor<?xf32>>, %x: tensor<3xf32>, %o: !graph.opt<tensor<3xf32>>) -> (!graph.seq<tensor<?xf32>>, tensor<?xf32>, tensor<i1>, !graph.opt<!graph.seq<tensor<?xf32>>>) {
  %p = "graph.constant"() <{value = dense<0> : tensor<i64>}> : () -> tensor<i64>
  %t = "graph.sequence_insert"(%s, %x, %p) : (!graph.seq<tensor<?xf32>>, tensor<3xf32>, tensor<i64>) -> !graph.seq<tensor<?xf32>>
  %c = "graph.concat_from_sequence"(%t) <{axis = 0 : i64}> : (!graph.seq<tensor<?xf32>>) -> tensor<?xf32>
  %h = "graph.optional_has_element"(%o) : (!graph.opt<tensor<3xf32>>) -> tensor<i1>
  %w = "graph.optional"(%t) : (!graph.seq<tensor<?xf32>>) -> !graph.opt<!graph.seq<tensor<?xf32>>>
  return %t, %c, %h, %w : !graph.seq<tensor<?xf32>>, tensor<?xf32>, tensor<i1>, !graph.opt<!graph.seq<tensor<?xf32>>>
}
"#;

#[test]
fn sequences_and_optionals_as_arguments_and_results() {
    let ctx = strata::default_context();
    let m = parse(&ctx, SEQ);
    let a = t1(&[1.0f32]);
    let x = t1(&[2.0f32, 3.0, 4.0]);
    let r = Interpreter::new(&ctx, &m)
        .run_values(
            "f",
            vec![
                AnyValue::Seq(vec![a.clone()]),
                AnyValue::Tensor(x.clone()),
                AnyValue::Opt(None),
            ],
        )
        .unwrap();
    let seq = vec![x, a];
    assert_eq!(r[0], AnyValue::Seq(seq.clone()));
    assert_eq!(r[1], AnyValue::Tensor(t1(&[2.0f32, 3.0, 4.0, 1.0])));
    assert_eq!(r[2], AnyValue::Tensor(Tensor::scalar(false)));
    assert_eq!(r[3], AnyValue::Opt(Some(Box::new(AnyValue::Seq(seq)))));
    // A sequence argument whose tensor does not fit the element type is rejected.
    let e = Interpreter::new(&ctx, &m)
        .run_values(
            "f",
            vec![
                AnyValue::Seq(vec![tn(&[1, 1], &[1.0f32])]),
                AnyValue::Tensor(t1(&[2.0f32, 3.0, 4.0])),
                AnyValue::Opt(None),
            ],
        )
        .unwrap_err();
    assert!(e.message.contains("sequence element #0"), "{}", e.message);
    // `run_owned` cannot return a sequence.
    let e = Interpreter::new(&ctx, &m).run("f", &[]).unwrap_err();
    assert!(e.message.contains("takes 3 arguments"), "{}", e.message);
}

#[test]
fn sequence_position_out_of_range_is_an_error() {
    let src = r#"
func.func @f(%s: !graph.seq<tensor<?xf32>>, %i: tensor<i64>) -> tensor<?xf32> {
  %x = "graph.sequence_at"(%s, %i) : (!graph.seq<tensor<?xf32>>, tensor<i64>) -> tensor<?xf32>
  return %x : tensor<?xf32>
}
"#;
    let ctx = strata::default_context();
    let m = parse(&ctx, src);
    let run = |i: i64| {
        Interpreter::new(&ctx, &m).run_values(
            "f",
            vec![
                AnyValue::Seq(vec![t1(&[1.0f32]), t1(&[2.0f32, 3.0])]),
                AnyValue::Tensor(Tensor::scalar(i)),
            ],
        )
    };
    assert_eq!(run(-1).unwrap(), vec![AnyValue::Tensor(t1(&[2.0f32, 3.0]))]);
    let e = run(2).unwrap_err();
    assert!(
        e.message.contains("position 2 is out of range"),
        "{}",
        e.message
    );
}

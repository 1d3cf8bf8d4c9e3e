//! The `hw` dialect in the interpreter: masked and out-of-bounds transfers (padding, dropped
//! lanes, broken `in_bounds` promises), contiguous loads and stores, register ops (broadcast,
//! fma, shuffles, transposes, masks, lanes), the fixed sequential order of `hw.reduction`,
//! `hw.parallel` with a barrier, and the `strata.matmul_acc` intrinsic against a direct
//! computation.

mod common;

use common::*;
use strata_interp::Tensor;

const TRANSFER: &str = r#"
func.func @f(%m: memref<2x5xf32>, %i: index, %j: index, %k: index) -> (vector<4xf32>, vector<4xf32>, memref<2x5xf32>) {
  %pad = arith.constant -1.000000e+00 : f32
  %mask = "hw.create_mask"(%k) : (index) -> vector<4xi1>
  %a = "hw.transfer_read"(%m, %i, %j, %pad) : (memref<2x5xf32>, index, index, f32) -> vector<4xf32>
  %b = "hw.transfer_read"(%m, %i, %j, %pad, %mask) : (memref<2x5xf32>, index, index, f32, vector<4xi1>) -> vector<4xf32>
  %c = arith.constant dense<[1.0e+01, 2.0e+01, 3.0e+01, 4.0e+01]> : vector<4xf32>
  %c0 = arith.constant 0 : index
  "hw.transfer_write"(%c, %m, %c0, %j, %mask) : (vector<4xf32>, memref<2x5xf32>, index, index, vector<4xi1>) -> ()
  return %a, %b, %m : vector<4xf32>, vector<4xf32>, memref<2x5xf32>
}
"#;

fn grid() -> Tensor {
    tn(&[2, 5], &[0f32, 1., 2., 3., 4., 5., 6., 7., 8., 9.])
}

#[test]
fn transfers_pad_masked_and_outside_lanes_and_drop_their_writes() {
    let idx = Tensor::index_scalar;
    // Row 1 from column 3: lanes 0, 1 inside, 2, 3 past the end read the padding.
    let out = run_text(TRANSFER, &[grid(), idx(1), idx(3), idx(1)]).unwrap();
    assert_eq!(out[0], t1(&[8f32, 9., -1., -1.]));
    assert_eq!(out[1], t1(&[8f32, -1., -1., -1.]));
    // The masked write stores only lane 0, at row 0 column 3.
    assert_eq!(
        out[2],
        tn(&[2, 5], &[0f32, 1., 2., 10., 4., 5., 6., 7., 8., 9.])
    );
    // A negative start: lanes before the memref read the padding too; the mask of 9
    // lanes sets all 4, and the write drops lane 0 (column -1).
    let out = run_text(TRANSFER, &[grid(), idx(0), idx(-1), idx(9)]).unwrap();
    assert_eq!(out[0], t1(&[-1f32, 0., 1., 2.]));
    assert_eq!(out[1], out[0]);
    assert_eq!(
        out[2],
        tn(&[2, 5], &[20f32, 30., 40., 3., 4., 5., 6., 7., 8., 9.])
    );
}

#[test]
fn two_d_transfers_cover_the_last_dimensions() {
    let src = r#"
func.func @f(%m: memref<3x4xi32>, %i: index) -> vector<2x3xi32> {
  %pad = arith.constant 0 : i32
  %v = "hw.transfer_read"(%m, %i, %i, %pad) : (memref<3x4xi32>, index, index, i32) -> vector<2x3xi32>
  return %v : vector<2x3xi32>
}
"#;
    let m = tn(&[3, 4], &(0..12).collect::<Vec<i32>>());
    let out = run_text(src, &[m.clone(), Tensor::index_scalar(1)]).unwrap();
    assert_eq!(out[0], tn(&[2, 3], &[5i32, 6, 7, 9, 10, 11]));
    // From (2, 2): row 3 is outside, column 4 too.
    let out = run_text(src, &[m, Tensor::index_scalar(2)]).unwrap();
    assert_eq!(out[0], tn(&[2, 3], &[10i32, 11, 0, 0, 0, 0]));
}

#[test]
fn broken_in_bounds_promises_and_loads_past_the_end_are_errors() {
    let read = r#"
func.func @f(%m: memref<5xf32>, %i: index) -> vector<4xf32> {
  %pad = arith.constant 0.0 : f32
  %v = "hw.transfer_read"(%m, %i, %pad) <{in_bounds}> : (memref<5xf32>, index, f32) -> vector<4xf32>
  return %v : vector<4xf32>
}
"#;
    let m = t1(&[1f32, 2., 3., 4., 5.]);
    let ok = run_text(read, &[m.clone(), Tensor::index_scalar(1)]).unwrap();
    assert_eq!(ok[0], t1(&[2f32, 3., 4., 5.]));
    let e = run_text(read, &[m.clone(), Tensor::index_scalar(2)]).unwrap_err();
    assert!(
        e.contains("lane 3 is outside the memref, but the read is marked in_bounds"),
        "{e}"
    );
    let load = r#"
func.func @f(%m: memref<5xf32>, %i: index) -> vector<4xf32> {
  %v = "hw.load"(%m, %i) : (memref<5xf32>, index) -> vector<4xf32>
  "hw.store"(%v, %m, %i) : (vector<4xf32>, memref<5xf32>, index) -> ()
  return %v : vector<4xf32>
}
"#;
    let ok = run_text(load, &[m.clone(), Tensor::index_scalar(0)]).unwrap();
    assert_eq!(ok[0], t1(&[1f32, 2., 3., 4.]));
    let e = run_text(load, &[m, Tensor::index_scalar(3)]).unwrap_err();
    assert!(
        e.contains("'hw.load'") && e.contains("lane 2 is outside the memref"),
        "{e}"
    );
}

#[test]
fn float_reductions_run_sequentially_from_lane_zero() {
    // Sequential in f32: ((1e8 + 1) - 1e8) + 1 = 1 (1e8 + 1 rounds to 1e8); a pairwise
    // tree would give (1e8 + 1) + (-1e8 + 1) = 0.
    let v = t1(&[1e8f32, 1., -1e8, 1.]);
    let r = op_text(
        &["vector<4xf32>"],
        "f32",
        r#"%r = "hw.reduction"(%a) <{kind = "add"}> : (vector<4xf32>) -> f32"#,
        std::slice::from_ref(&v),
    )
    .unwrap();
    assert_eq!(r, Tensor::scalar(1f32));
    // With an accumulator, it comes first: the same sequential sum in Rust's f32.
    let mut want = -1e8f32;
    for x in [1e8f32, 1., -1e8, 1.] {
        want += x;
    }
    let r = op_text(
        &["vector<4xf32>", "f32"],
        "f32",
        r#"%r = "hw.reduction"(%a, %b) <{kind = "add"}> : (vector<4xf32>, f32) -> f32"#,
        &[v, Tensor::scalar(-1e8f32)],
    )
    .unwrap();
    assert_eq!(r, Tensor::scalar(want));
    let lanes = [7i32, -3, 5, i32::MAX];
    let fold = |f: fn(i32, i32) -> i32| lanes[1..].iter().fold(lanes[0], |a, &b| f(a, b));
    let cases: [(&str, i32); 9] = [
        ("add", fold(i32::wrapping_add)),
        ("mul", fold(i32::wrapping_mul)),
        ("maxsi", fold(i32::max)),
        ("minsi", fold(i32::min)),
        ("minui", fold(|a, b| (a as u32).min(b as u32) as i32)),
        ("maxui", fold(|a, b| (a as u32).max(b as u32) as i32)),
        ("xor", fold(|a, b| a ^ b)),
        ("and", fold(|a, b| a & b)),
        ("or", fold(|a, b| a | b)),
    ];
    for (kind, want) in cases {
        let body =
            format!(r#"%r = "hw.reduction"(%a) <{{kind = "{kind}"}}> : (vector<4xi32>) -> i32"#);
        let r = op_text(&["vector<4xi32>"], "i32", &body, &[t1(&lanes)]);
        assert_eq!(r.unwrap(), Tensor::scalar(want), "{kind}");
    }
    let r = op_text(
        &["vector<3xf32>"],
        "f32",
        r#"%r = "hw.reduction"(%a) <{kind = "maximumf"}> : (vector<3xf32>) -> f32"#,
        &[t1(&[1f32, f32::NAN, 3.])],
    )
    .unwrap();
    assert!(r.to_f64_vec()[0].is_nan());
}

#[test]
fn register_ops_move_lanes() {
    let src = r#"
func.func @f(%a: vector<4xf32>, %b: vector<4xf32>, %x: f32, %i: index) -> (vector<4xf32>, vector<4xf32>, f32, vector<4xf32>, vector<3x2xf32>, vector<4xi1>) {
  %s = "hw.shuffle"(%a, %b) <{mask = array<i64: 7, 0, 4, 1>}> : (vector<4xf32>, vector<4xf32>) -> vector<4xf32>
  %bx = "hw.broadcast"(%x) : (f32) -> vector<4xf32>
  %f = "hw.fma"(%a, %b, %bx) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
  %e = "hw.extract"(%a, %i) : (vector<4xf32>, index) -> f32
  %n = "hw.insert"(%x, %a, %i) : (f32, vector<4xf32>, index) -> vector<4xf32>
  %g = "hw.broadcast"(%x) : (f32) -> vector<2x3xf32>
  %h = "hw.transfer_read"(%m2, %c0, %c0, %x) : (memref<2x3xf32>, index, index, f32) -> vector<2x3xf32>
  %t = "hw.transpose"(%h) <{permutation = array<i64: 1, 0>}> : (vector<2x3xf32>) -> vector<3x2xf32>
  %k = "hw.create_mask"(%i) : (index) -> vector<4xi1>
  return %s, %f, %e, %n, %t, %k : vector<4xf32>, vector<4xf32>, f32, vector<4xf32>, vector<3x2xf32>, vector<4xi1>
}
"#;
    let src = src.replace(
        "%x: f32, %i: index)",
        "%x: f32, %i: index, %m2: memref<2x3xf32>)",
    );
    let src = src.replace(
        "  %s = \"hw.shuffle\"",
        "  %c0 = arith.constant 0 : index\n  %s = \"hw.shuffle\"",
    );
    let a = t1(&[1f32, 2., 3., 4.]);
    let b = t1(&[10f32, 20., 30., 40.]);
    let m2 = tn(&[2, 3], &[1f32, 2., 3., 4., 5., 6.]);
    let out = run_text(
        &src,
        &[a, b, Tensor::scalar(0.5f32), Tensor::index_scalar(2), m2],
    )
    .unwrap();
    assert_eq!(out[0], t1(&[40f32, 1., 10., 2.]));
    assert_eq!(out[1], t1(&[10.5f32, 40.5, 90.5, 160.5]));
    assert_eq!(out[2], Tensor::scalar(3f32));
    assert_eq!(out[3], t1(&[1f32, 2., 0.5, 4.]));
    assert_eq!(out[4], tn(&[3, 2], &[1f32, 4., 2., 5., 3., 6.]));
    assert_eq!(out[5], t1(&[true, true, false, false]));
}

#[test]
fn lane_positions_outside_the_vector_are_errors() {
    let e = op_text(
        &["vector<4xf32>", "index"],
        "f32",
        r#"%r = "hw.extract"(%a, %b) : (vector<4xf32>, index) -> f32"#,
        &[t1(&[1f32, 2., 3., 4.]), Tensor::index_scalar(4)],
    )
    .unwrap_err();
    assert!(e.contains("position 4 is outside [0, 4)"), "{e}");
}

#[test]
fn parallel_runs_every_iteration_and_barriers_do_nothing() {
    let src = r#"
func.func @f(%m: memref<10xi32>, %n: index) -> memref<10xi32> {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  "hw.parallel"(%c0, %n, %c3) <{workers = 2 : i64}> ({
  ^bb0(%i: index):
    %x = "loop.load"(%m, %i) : (memref<10xi32>, index) -> i32
    "hw.barrier"() : () -> ()
    %y = arith.muli %x, %x : i32
    "loop.store"(%y, %m, %i) : (i32, memref<10xi32>, index) -> ()
    "hw.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return %m : memref<10xi32>
}
"#;
    let m = t1(&(0..10).collect::<Vec<i32>>());
    let out = run_text(src, &[m, Tensor::index_scalar(10)]).unwrap();
    assert_eq!(out[0], t1(&[0i32, 1, 2, 9, 4, 5, 36, 7, 8, 81]));
}

#[test]
fn matmul_acc_intrinsic_matches_a_direct_computation() {
    let src = r#"
func.func @f(%a: memref<3x4xf32>, %b: memref<4x2xf32>, %c: memref<3x2xf32>) -> memref<3x2xf32> {
  "hw.intrinsic"(%a, %b, %c) <{name = "strata.matmul_acc"}> : (memref<3x4xf32>, memref<4x2xf32>, memref<3x2xf32>) -> ()
  return %c : memref<3x2xf32>
}
"#;
    let a: Vec<f32> = (0..12).map(|i| i as f32 * 0.37 - 1.1).collect();
    let b: Vec<f32> = (0..8).map(|i| i as f32 * -0.23 + 0.9).collect();
    let c0: Vec<f32> = (0..6).map(|i| i as f32 * 0.5).collect();
    let mut want = c0.clone();
    for i in 0..3 {
        for j in 0..2 {
            for k in 0..4 {
                want[i * 2 + j] += a[i * 4 + k] * b[k * 2 + j];
            }
        }
    }
    let out = run_text(src, &[tn(&[3, 4], &a), tn(&[4, 2], &b), tn(&[3, 2], &c0)]).unwrap();
    assert_eq!(out[0], tn(&[3, 2], &want));
    let other = r#"
func.func @f(%x: vector<4xf32>) -> vector<4xf32> {
  %r = "hw.intrinsic"(%x) <{name = "x86.avx.rsqrt.ps"}> : (vector<4xf32>) -> vector<4xf32>
  return %r : vector<4xf32>
}
"#;
    let e = run_text(other, &[t1(&[1f32, 2., 3., 4.])]).unwrap_err();
    assert!(e.contains("unknown intrinsic \"x86.avx.rsqrt.ps\""), "{e}");
}

//! The `loop` dialect in the interpreter: a loop nest computing a matrix product into a
//! buffer (against a direct computation), parallel reductions, conditionals, subviews that
//! alias their source, memref arguments and results at the entry boundary, and every error
//! path (out-of-bounds accesses and windows, use after free, double free, bad steps and
//! sizes, fuel); and the standard transforms leave the numbers of loop programs unchanged.

mod common;

use common::*;
use strata_interp::{Interpreter, Tensor};

/// Deterministic pseudo-random values in [-2, 2) (a linear congruential generator).
fn values(n: usize, seed: u64) -> Vec<f32> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 40) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0
        })
        .collect()
}

/// `c[i][j] = sum_k a[i][k] * b[k][j]`, accumulated in `k` order from 0 in f32.
fn direct_matmul(a: &[f32], b: &[f32], m: usize, k: usize, n: usize) -> Vec<f32> {
    let mut c = vec![0f32; m * n];
    for i in 0..m {
        for j in 0..n {
            let mut acc = 0f32;
            for p in 0..k {
                acc += a[i * k + p] * b[p * n + j];
            }
            c[i * n + j] = acc;
        }
    }
    c
}

const MATMUL_FOR: &str = r#"
func.func @f(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %m: index, %k: index, %n: index) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.000000e+00 : f32
  %c = "loop.alloc"(%m, %n) <{alignment = 64 : i64}> : (index, index) -> memref<?x?xf32>
  "loop.for"(%c0, %m, %c1) ({
  ^bb0(%i: index):
    "loop.for"(%c0, %n, %c1) ({
    ^bb0(%j: index):
      %sum = "loop.for"(%c0, %k, %c1, %zero) ({
      ^bb0(%p: index, %acc: f32):
        %x = "loop.load"(%a, %i, %p) : (memref<?x?xf32>, index, index) -> f32
        %y = "loop.load"(%b, %p, %j) : (memref<?x?xf32>, index, index) -> f32
        %xy = arith.mulf %x, %y : f32
        %s = arith.addf %acc, %xy : f32
        "loop.yield"(%s) : (f32) -> ()
      }) : (index, index, index, f32) -> f32
      "loop.store"(%sum, %c, %i, %j) : (f32, memref<?x?xf32>, index, index) -> ()
      "loop.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return %c : memref<?x?xf32>
}
"#;

/// The same product with the (i, j) loops as one `loop.parallel` accumulating in place.
const MATMUL_PARALLEL: &str = r#"
func.func @f(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %m: index, %k: index, %n: index) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c = "loop.alloc"(%m, %n) : (index, index) -> memref<?x?xf32>
  "loop.parallel"(%c0, %c0, %m, %n, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    "loop.for"(%c0, %k, %c1) ({
    ^bb0(%p: index):
      %x = "loop.load"(%a, %i, %p) : (memref<?x?xf32>, index, index) -> f32
      %y = "loop.load"(%b, %p, %j) : (memref<?x?xf32>, index, index) -> f32
      %acc = "loop.load"(%c, %i, %j) : (memref<?x?xf32>, index, index) -> f32
      %xy = arith.mulf %x, %y : f32
      %s = arith.addf %acc, %xy : f32
      "loop.store"(%s, %c, %i, %j) : (f32, memref<?x?xf32>, index, index) -> ()
      "loop.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index, index, index, index) -> ()
  return %c : memref<?x?xf32>
}
"#;

#[test]
fn matmul_loop_nests_match_a_direct_computation() {
    for (m, k, n, seed) in [(3, 5, 4, 1), (1, 1, 1, 2), (4, 7, 2, 3), (2, 0, 3, 4)] {
        let a = values(m * k, seed);
        let b = values(k * n, seed + 100);
        let want = tn(&[m, n], &direct_matmul(&a, &b, m, k, n));
        for src in [MATMUL_FOR, MATMUL_PARALLEL] {
            let out = run_text(
                src,
                &[
                    tn(&[m, k], &a),
                    tn(&[k, n], &b),
                    Tensor::index_scalar(m as i64),
                    Tensor::index_scalar(k as i64),
                    Tensor::index_scalar(n as i64),
                ],
            )
            .unwrap();
            // Same products, same order of additions: bitwise equal.
            assert_eq!(out, vec![want.clone()], "{m}x{k}x{n}");
        }
    }
}

const REDUCE: &str = r#"
func.func @f(%m: memref<?x?xi64>, %lb0: index, %lb1: index, %s0: index, %s1: index, %ub0: index, %ub1: index) -> (i64, i64, index) {
  %zero = arith.constant 0 : i64
  %min = arith.constant -9223372036854775808 : i64
  %c0 = arith.constant 0 : index
  %sum, %max, %count = "loop.parallel"(%lb0, %lb1, %ub0, %ub1, %s0, %s1, %zero, %min, %c0) <{operandSegmentSizes = array<i32: 2, 2, 2, 3>}> ({
  ^bb0(%i: index, %j: index):
    %x = "loop.load"(%m, %i, %j) : (memref<?x?xi64>, index, index) -> i64
    %one = arith.constant 1 : index
    "loop.yield"(%x, %x, %one) : (i64, i64, index) -> ()
  }, {
  ^bb0(%a: i64, %b: i64):
    %s = arith.addi %a, %b : i64
    "loop.yield"(%s) : (i64) -> ()
  }, {
  ^bb0(%a: i64, %b: i64):
    %s = arith.maxsi %a, %b : i64
    "loop.yield"(%s) : (i64) -> ()
  }, {
  ^bb0(%a: index, %b: index):
    %s = arith.addi %a, %b : index
    "loop.yield"(%s) : (index) -> ()
  }) : (index, index, index, index, index, index, i64, i64, index) -> (i64, i64, index)
  return %sum, %max, %count : i64, i64, index
}
"#;

#[test]
fn parallel_reductions_combine_every_iteration() {
    let (rows, cols) = (5usize, 7usize);
    let data: Vec<i64> = (0..rows * cols)
        .map(|i| ((i as i64 * 7919) % 101) - 50)
        .collect();
    let idx = |v: i64| Tensor::index_scalar(v);
    for (lb0, lb1, s0, s1, ub0, ub1) in [
        (0, 0, 1, 1, 5, 7),
        (1, 2, 2, 3, 5, 7),
        (4, 6, 1, 1, 5, 7),
        (3, 0, 1, 1, 3, 7), // empty: the results are the initial values
    ] {
        let mut sum = 0i64;
        let mut max = i64::MIN;
        let mut count = 0i64;
        let mut i = lb0;
        while i < ub0 {
            let mut j = lb1;
            while j < ub1 {
                let x = data[i as usize * cols + j as usize];
                sum += x;
                max = max.max(x);
                count += 1;
                j += s1;
            }
            i += s0;
        }
        let out = run_text(
            REDUCE,
            &[
                tn(&[rows, cols], &data),
                idx(lb0),
                idx(lb1),
                idx(s0),
                idx(s1),
                idx(ub0),
                idx(ub1),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            vec![Tensor::scalar(sum), Tensor::scalar(max), idx(count)],
            "bounds {lb0}..{ub0} step {s0}, {lb1}..{ub1} step {s1}"
        );
    }
}

#[test]
fn for_carries_values_and_if_chooses_a_region() {
    let src = r#"
func.func @f(%lb: index, %ub: index, %step: index, %c: i1) -> (index, i32, i32) {
  %zero = arith.constant 0 : index
  %sum = "loop.for"(%lb, %ub, %step, %zero) ({
  ^bb0(%i: index, %acc: index):
    %s = arith.addi %acc, %i : index
    "loop.yield"(%s) : (index) -> ()
  }) : (index, index, index, index) -> index
  %r = "loop.if"(%c) ({
    %one = arith.constant 1 : i32
    "loop.yield"(%one) : (i32) -> ()
  }, {
    %two = arith.constant 2 : i32
    "loop.yield"(%two) : (i32) -> ()
  }) : (i1) -> i32
  %m = "loop.alloc"() : () -> memref<i32>
  %seven = arith.constant 7 : i32
  "loop.if"(%c) ({
    "loop.store"(%seven, %m) : (i32, memref<i32>) -> ()
    "loop.yield"() : () -> ()
  }, {
  }) : (i1) -> ()
  %v = "loop.load"(%m) : (memref<i32>) -> i32
  "loop.dealloc"(%m) : (memref<i32>) -> ()
  return %sum, %r, %v : index, i32, i32
}
"#;
    let idx = |v: i64| Tensor::index_scalar(v);
    let run = |lb, ub, step, c: bool| {
        run_text(src, &[idx(lb), idx(ub), idx(step), Tensor::scalar(c)]).unwrap()
    };
    // 2 + 5 + 8 = 15; 3 + ... + 9 = 42 with step 1 from 3 to 10; no iteration when lb >= ub.
    assert_eq!(
        run(2, 10, 3, true),
        vec![idx(15), Tensor::scalar(1i32), Tensor::scalar(7i32)]
    );
    assert_eq!(
        run(3, 10, 1, false),
        vec![idx(42), Tensor::scalar(2i32), Tensor::scalar(0i32)]
    );
    assert_eq!(run(5, 5, 1, true)[0], idx(0));
    assert_eq!(run(-3, 0, 1, true)[0], idx(-6));
    // The induction variable stops at i64::MAX without overflowing.
    assert_eq!(run(i64::MAX - 1, i64::MAX, 5, true)[0], idx(i64::MAX - 1));
}

const SUBVIEWS: &str = r#"
func.func @f(%o: index, %v: f32) -> (memref<4x6xf32>, memref<2x2xf32, strided<[6, 2], offset: ?>>, f32, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %base = "loop.alloc"() : () -> memref<4x6xf32>
  %w = "loop.subview"(%base, %o) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: 1, -9223372036854775808>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 2>}> : (memref<4x6xf32>, index) -> memref<2x2xf32, strided<[6, 2], offset: ?>>
  %ww = "loop.subview"(%w) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1, 1>, static_sizes = array<i64: 1, 1>, static_strides = array<i64: 1, 1>}> : (memref<2x2xf32, strided<[6, 2], offset: ?>>) -> memref<1x1xf32, strided<[6, 2], offset: ?>>
  "loop.store"(%v, %ww, %c0, %c0) : (f32, memref<1x1xf32, strided<[6, 2], offset: ?>>, index, index) -> ()
  %seen = "loop.load"(%base, %c2, %c4) : (memref<4x6xf32>, index, index) -> f32
  %src = "loop.alloc"() : () -> memref<2x2xf32>
  %one = arith.constant 1.000000e+00 : f32
  "loop.store"(%one, %src, %c0, %c1) : (f32, memref<2x2xf32>, index, index) -> ()
  "loop.copy"(%src, %w) : (memref<2x2xf32>, memref<2x2xf32, strided<[6, 2], offset: ?>>) -> ()
  %after = "loop.load"(%ww, %c0, %c0) : (memref<1x1xf32, strided<[6, 2], offset: ?>>, index, index) -> f32
  "loop.dealloc"(%src) : (memref<2x2xf32>) -> ()
  return %base, %w, %seen, %after : memref<4x6xf32>, memref<2x2xf32, strided<[6, 2], offset: ?>>, f32, f32
}
"#;

#[test]
fn subviews_alias_their_source() {
    // %w is rows 1..3, columns o, o+2 of %base; %ww its element [1, 1], i.e. base[2][o+2].
    let out = run_text(SUBVIEWS, &[Tensor::index_scalar(2), Tensor::scalar(5.0f32)]).unwrap();
    let mut base = vec![0f32; 24];
    // The store of 5 through %ww, then the copy of [[0, 1], [0, 0]] over %w.
    base[6 + 2] = 0.0;
    base[6 + 4] = 1.0;
    base[12 + 2] = 0.0;
    base[12 + 4] = 0.0;
    assert_eq!(
        out,
        vec![
            tn(&[4, 6], &base),
            tn(&[2, 2], &[0.0f32, 1.0, 0.0, 0.0]),
            Tensor::scalar(5.0f32),
            Tensor::scalar(0.0f32),
        ]
    );
    // The dynamic offset moves the window: with o = 3 the columns are 3 and 5.
    let out = run_text(SUBVIEWS, &[Tensor::index_scalar(3), Tensor::scalar(5.0f32)]).unwrap();
    let t = out[0].as_slice::<f32>().unwrap();
    assert_eq!((t[6 + 5], t[6 + 3], t[12 + 5]), (1.0, 0.0, 0.0));
}

#[test]
fn overlapping_copy_reads_the_source_first() {
    let src = r#"
func.func @f(%m: memref<6xi32>) -> memref<6xi32> {
  %a = "loop.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0>, static_sizes = array<i64: 4>, static_strides = array<i64: 1>}> : (memref<6xi32>) -> memref<4xi32, strided<[1]>>
  %b = "loop.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 2>, static_sizes = array<i64: 4>, static_strides = array<i64: 1>}> : (memref<6xi32>) -> memref<4xi32, strided<[1], offset: 2>>
  "loop.copy"(%a, %b) : (memref<4xi32, strided<[1]>>, memref<4xi32, strided<[1], offset: 2>>) -> ()
  return %m : memref<6xi32>
}
"#;
    let out = run_text(src, &[t1(&[1i32, 2, 3, 4, 5, 6])]).unwrap();
    assert_eq!(out, vec![t1(&[1i32, 2, 1, 2, 3, 4])]);
}

/// Run `body` (ops using `%m: memref<4xf32>`, `%i: index`, `%x: f32`, `%c0`, `%c1`).
fn run_body(body: &str, i: i64) -> Result<Vec<Tensor>, String> {
    let src = format!(
        "func.func @f(%i: index) {{\n  %c0 = arith.constant 0 : index\n  %c1 = arith.constant 1 : index\n  \
         %x = arith.constant 1.000000e+00 : f32\n  %m = \"loop.alloc\"() : () -> memref<4xf32>\n{body}\n  return\n}}\n"
    );
    run_text(&src, &[Tensor::index_scalar(i)])
}

/// The error of [`run_body`].
fn error_of(body: &str, i: i64) -> String {
    run_body(body, i).unwrap_err()
}

#[test]
fn out_of_bounds_accesses_are_errors() {
    let load = r#"  %v = "loop.load"(%m, %i) : (memref<4xf32>, index) -> f32"#;
    let store = r#"  "loop.store"(%x, %m, %i) : (f32, memref<4xf32>, index) -> ()"#;
    for body in [load, store] {
        let e = error_of(body, 4);
        assert!(
            e.contains("index 4 is out of bounds for dimension 0 of size 4"),
            "{e}"
        );
        let e = error_of(body, -1);
        assert!(e.contains("index -1 is out of bounds"), "{e}");
    }
    // In bounds of the subview's source, out of bounds of the subview.
    let e = error_of(
        r#"  %w = "loop.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1>, static_sizes = array<i64: 2>, static_strides = array<i64: 1>}> : (memref<4xf32>) -> memref<2xf32, strided<[1], offset: 1>>
  %v = "loop.load"(%w, %i) : (memref<2xf32, strided<[1], offset: 1>>, index) -> f32"#,
        2,
    );
    assert!(
        e.contains("'loop.load' op index 2 is out of bounds for dimension 0 of size 2"),
        "{e}"
    );
}

#[test]
fn windows_that_do_not_fit_are_errors() {
    // A subview of %m with one dynamic value (%i) in the list `which` (0 offsets, 1 sizes,
    // 2 strides); the others static.
    let sub = |which: usize, offset: i64, size: i64, stride: i64| {
        let q = |k: usize, v: i64| {
            if k == which {
                "-9223372036854775808".to_string()
            } else {
                v.to_string()
            }
        };
        let segs = ["1, 0, 0", "0, 1, 0", "0, 0, 1"][which];
        let shape = if which == 1 {
            "?".into()
        } else {
            size.to_string()
        };
        let stride_t = if which == 2 {
            "?".into()
        } else {
            stride.to_string()
        };
        let offset_t = if which == 0 {
            "?".into()
        } else {
            offset.to_string()
        };
        format!(
            "  %w = \"loop.subview\"(%m, %i) <{{operandSegmentSizes = array<i32: 1, {segs}>, static_offsets = array<i64: {}>, static_sizes = array<i64: {}>, static_strides = array<i64: {}>}}> : (memref<4xf32>, index) -> memref<{shape}xf32, strided<[{stride_t}], offset: {offset_t}>>",
            q(0, offset),
            q(1, size),
            q(2, stride)
        )
    };
    let e = error_of(&sub(0, 0, 2, 1), 3);
    assert!(
        e.contains("'loop.subview' op dimension 0: the window (offset 3, size 2, stride 1) does not fit in the buffer's size 4"),
        "{e}"
    );
    let e = error_of(&sub(1, 0, 0, 1), -2);
    assert!(e.contains("must be non-negative"), "{e}");
    let e = error_of(&sub(2, 0, 2, 0), 0);
    assert!(e.contains("positive"), "{e}");
    let e = error_of(&sub(2, 1, 2, 0), 3);
    assert!(
        e.contains("(offset 1, size 2, stride 3) does not fit"),
        "{e}"
    );
    let e = error_of(&sub(1, 1, 0, 1), 4);
    assert!(
        e.contains("(offset 1, size 4, stride 1) does not fit"),
        "{e}"
    );
    // Windows that just fit, and an empty window at the end, are valid.
    for (which, offset, size, stride, i) in [(0, 0, 2, 1, 2), (2, 1, 2, 0, 2), (0, 0, 0, 1, 4)] {
        run_body(&sub(which, offset, size, stride), i).unwrap();
    }
}

#[test]
fn use_after_free_and_bad_frees_are_errors() {
    let dealloc = r#"  "loop.dealloc"(%m) : (memref<4xf32>) -> ()"#;
    let sub = r#"  %w = "loop.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1>, static_sizes = array<i64: 2>, static_strides = array<i64: 1>}> : (memref<4xf32>) -> memref<2xf32, strided<[1], offset: 1>>"#;
    let cases = [
        (
            format!("{dealloc}\n  %v = \"loop.load\"(%m, %c0) : (memref<4xf32>, index) -> f32"),
            "'loop.load' op use of a buffer after it was deallocated",
        ),
        (
            format!("{sub}\n{dealloc}\n  \"loop.store\"(%x, %w, %c0) : (f32, memref<2xf32, strided<[1], offset: 1>>, index) -> ()"),
            "'loop.store' op use of a buffer after it was deallocated",
        ),
        (
            format!("{dealloc}\n{sub}"),
            "'loop.subview' op use of a buffer after it was deallocated",
        ),
        (
            format!("{dealloc}\n  \"loop.copy\"(%m, %m) : (memref<4xf32>, memref<4xf32>) -> ()"),
            "'loop.copy' op use of a buffer after it was deallocated",
        ),
        (
            format!("{dealloc}\n{dealloc}"),
            "'loop.dealloc' op buffer is deallocated twice",
        ),
        (
            format!("{sub}\n  \"loop.dealloc\"(%w) : (memref<2xf32, strided<[1], offset: 1>>) -> ()"),
            "'loop.dealloc' op cannot deallocate a subview",
        ),
    ];
    for (body, want) in cases {
        let e = error_of(&body, 0);
        assert!(e.contains(want), "{body}\n{e}");
    }
    // A freed buffer cannot be returned either.
    let src = r#"
func.func @f() -> memref<2xf32> {
  %m = "loop.alloc"() : () -> memref<2xf32>
  "loop.dealloc"(%m) : (memref<2xf32>) -> ()
  return %m : memref<2xf32>
}
"#;
    let e = run_text(src, &[]).unwrap_err();
    assert!(
        e.contains("use of a buffer after it was deallocated"),
        "{e}"
    );
}

#[test]
fn bad_sizes_steps_and_shapes_are_errors() {
    let e = error_of(r#"  %d = "loop.alloc"(%i) : (index) -> memref<?xf32>"#, -1);
    assert!(e.contains("'loop.alloc' op size -1 is negative"), "{e}");
    let e = error_of(
        r#"  %d = "loop.alloc"(%i, %i) : (index, index) -> memref<?x?xf32>"#,
        1 << 20,
    );
    assert!(e.contains("'loop.alloc' op") && e.contains("limit"), "{e}");
    let e = error_of(
        r#"  %d = "loop.alloc"(%i) : (index) -> memref<?xf32>
  "loop.copy"(%m, %d) : (memref<4xf32>, memref<?xf32>) -> ()"#,
        3,
    );
    assert!(
        e.contains("cannot copy a buffer of shape 4 into one of shape 3"),
        "{e}"
    );
    let e = error_of(
        r#"  "loop.for"(%c0, %c1, %i) ({
  ^bb0(%k: index):
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()"#,
        0,
    );
    assert!(
        e.contains("'loop.for' op step must be positive, but is 0"),
        "{e}"
    );
    let e = error_of(
        r#"  "loop.parallel"(%c0, %c1, %i) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%k: index):
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()"#,
        -2,
    );
    assert!(
        e.contains("'loop.parallel' op step #0 must be positive, but is -2"),
        "{e}"
    );
}

#[test]
fn loops_stop_when_the_fuel_runs_out() {
    let src = r#"
func.func @f(%n: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = "loop.for"(%c0, %n, %c1, %c0) ({
  ^bb0(%i: index, %acc: index):
    "loop.yield"(%i) : (index) -> ()
  }) : (index, index, index, index) -> index
  return %r : index
}
"#;
    let ctx = strata::default_context();
    let m = parse(&ctx, src);
    let run = |n: i64| {
        Interpreter::new(&ctx, &m)
            .with_fuel(1000)
            .run("f", &[Tensor::index_scalar(n)])
    };
    assert_eq!(run(100).unwrap(), vec![Tensor::index_scalar(99)]);
    let e = run(i64::MAX).unwrap_err();
    assert!(e.message.contains("fuel exhausted"), "{}", e.message);
    // The same for a parallel loop with an empty body.
    let src = src.replace(
        r#"%r = "loop.for"(%c0, %n, %c1, %c0) ({
  ^bb0(%i: index, %acc: index):
    "loop.yield"(%i) : (index) -> ()
  }) : (index, index, index, index) -> index"#,
        r#""loop.parallel"(%c0, %c0, %n, %n, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    "loop.yield"() : () -> ()
  }) : (index, index, index, index, index, index) -> ()
  %r = arith.addi %n, %c0 : index"#,
    );
    let m = parse(&ctx, &src);
    let e = Interpreter::new(&ctx, &m)
        .with_fuel(1000)
        .run("f", &[Tensor::index_scalar(1 << 40)])
        .unwrap_err();
    assert!(e.message.contains("fuel exhausted"), "{}", e.message);
}

#[test]
fn memref_arguments_are_checked_against_their_types() {
    let src = r#"
func.func @f(%m: memref<2x3xf32>) -> f32 {
  %c1 = arith.constant 1 : index
  %v = "loop.load"(%m, %c1, %c1) : (memref<2x3xf32>, index, index) -> f32
  return %v : f32
}
"#;
    let x = tn(&[2, 3], &[0.0f32, 1.0, 2.0, 3.0, 4.0, 5.0]);
    assert_eq!(run_text(src, &[x]).unwrap(), vec![Tensor::scalar(4.0f32)]);
    let e = run_text(src, &[tn(&[3, 2], &[0.0f32; 6])]).unwrap_err();
    assert!(e.contains("argument #0 of @f"), "{e}");
    let e = run_text(src, &[tn(&[2, 3], &[0i32; 6])]).unwrap_err();
    assert!(e.contains("argument #0 of @f"), "{e}");
}

/// The standard transforms keep the numbers of loop programs: loads are not merged across
/// stores, nothing that can fail is hoisted out of a loop that may not run, and subviews are
/// not dropped.
#[test]
fn standard_pipelines_keep_the_numbers() {
    use strata::pass::{parse_pipeline, PassManager};
    let ctx = strata::default_context();
    let (m, k, n) = (3usize, 4usize, 2usize);
    let mm_inputs = vec![
        tn(&[m, k], &values(m * k, 7)),
        tn(&[k, n], &values(k * n, 8)),
        Tensor::index_scalar(m as i64),
        Tensor::index_scalar(k as i64),
        Tensor::index_scalar(n as i64),
    ];
    let data: Vec<i64> = (0..12).map(|i| (i * 37) % 11 - 5).collect();
    let idx = Tensor::index_scalar;
    let reduce_inputs = vec![
        tn(&[3, 4], &data),
        idx(0),
        idx(1),
        idx(1),
        idx(2),
        idx(3),
        idx(4),
    ];
    // A loop that does not run, holding a loop-invariant window that does not fit: hoisting
    // it would make the run fail.
    let guarded = r#"
func.func @f(%n: index, %o: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = "loop.alloc"() : () -> memref<4xf32>
  %r = "loop.for"(%c0, %n, %c1, %c0) ({
  ^bb0(%i: index, %acc: index):
    %w = "loop.subview"(%m, %o) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808>, static_sizes = array<i64: 2>, static_strides = array<i64: 1>}> : (memref<4xf32>, index) -> memref<2xf32, strided<[1], offset: ?>>
    %x = "loop.load"(%w, %c0) : (memref<2xf32, strided<[1], offset: ?>>, index) -> f32
    %s = arith.addi %acc, %i : index
    "loop.yield"(%s) : (index) -> ()
  }) : (index, index, index, index) -> index
  return %r : index
}
"#;
    let programs: [(&str, Vec<Tensor>); 5] = [
        (guarded, vec![idx(0), idx(10)]),
        (MATMUL_FOR, mm_inputs.clone()),
        (MATMUL_PARALLEL, mm_inputs),
        (REDUCE, reduce_inputs),
        (SUBVIEWS, vec![idx(1), Tensor::scalar(3.0f32)]),
    ];
    let pipeline = "builtin.module(func.func(canonicalize,cse,loop-invariant-code-motion,sccp,dce,canonicalize))";
    for (src, inputs) in programs {
        let before = run_text(src, &inputs).unwrap();
        let mut module = parse(&ctx, src);
        let mut pm =
            PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("pipeline"));
        pm.threads = 1;
        let report = pm.run(&ctx, &mut module);
        assert!(!report.failed, "{:?}", report.diagnostics);
        let after = run(&ctx, &module, &inputs).unwrap();
        assert_eq!(before, after);
    }
}

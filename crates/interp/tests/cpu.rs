//! The `cpu` dialect in the interpreter: masked loads and stores over a loop remainder
//! (masked-off lanes are zero and never touched, even outside the memref), unmasked
//! accesses past the end as errors, broadcast and fused multiply-add, the sequential order
//! of `cpu.vreduce`, and `cpu.ukernel` computing what the `hw.intrinsic` of its kernel does.

mod common;

use common::*;
use strata_interp::Tensor;

const MASKED: &str = r#"
module attributes {cpu.target = {features = ["avx2", "fma"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  func.func @f(%m: memref<6xf32>, %o: memref<6xf32>, %i: index, %mask: vector<4xi1>) -> (vector<4xf32>, memref<6xf32>) {
    %v = "cpu.vload"(%m, %i, %mask) : (memref<6xf32>, index, vector<4xi1>) -> vector<4xf32>
    %two = arith.constant 2.0 : f32
    %b = "cpu.vbroadcast"(%two) : (f32) -> vector<4xf32>
    %w = "cpu.vfma"(%v, %b, %b) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
    "cpu.vstore"(%w, %o, %i, %mask) : (vector<4xf32>, memref<6xf32>, index, vector<4xi1>) -> ()
    return %v, %o : vector<4xf32>, memref<6xf32>
  }
}
"#;

fn mask(bits: &[bool]) -> Tensor {
    t1(bits)
}

#[test]
fn masked_lanes_are_zero_and_untouched_even_past_the_end() {
    let m = t1(&[1f32, 2., 3., 4., 5., 6.]);
    let o = t1(&[0f32; 6]);
    // Remainder at 4: lanes 0, 1 inside, lanes 2, 3 past the end and masked off.
    let out = run_text(
        MASKED,
        &[
            m.clone(),
            o.clone(),
            Tensor::index_scalar(4),
            mask(&[true, true, false, false]),
        ],
    )
    .unwrap();
    assert_eq!(out[0], t1(&[5f32, 6., 0., 0.]));
    assert_eq!(out[1], t1(&[0f32, 0., 0., 0., 12., 14.]));
    // An active lane past the end is an error.
    let err = run_text(
        MASKED,
        &[
            m,
            o,
            Tensor::index_scalar(4),
            mask(&[true, true, true, false]),
        ],
    )
    .unwrap_err();
    assert!(err.contains("lane 2 is outside the memref"), "{err}");
}

#[test]
fn vreduce_is_sequential_from_lane_zero() {
    // (((1e8 + 1) + 1) + -1e8) = 0 in f32, while a pairwise tree gives 2 (or 0 differently).
    let src = r#"
module attributes {cpu.target = {features = ["avx2"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  func.func @f(%v: vector<4xf32>, %acc: f32) -> (f32, f32) {
    %a = "cpu.vreduce"(%v) <{kind = "add"}> : (vector<4xf32>) -> f32
    %b = "cpu.vreduce"(%v, %acc) <{kind = "add"}> : (vector<4xf32>, f32) -> f32
    return %a, %b : f32, f32
  }
}
"#;
    let v = t1(&[1.0e8f32, 1., 1., -1.0e8]);
    let out = run_text(src, &[v, Tensor::scalar(0.5f32)]).unwrap();
    let seq = ((1.0e8f32 + 1.) + 1.) + -1.0e8;
    assert_eq!(out[0], Tensor::scalar(seq));
    assert_eq!(
        out[1],
        Tensor::scalar((((0.5f32 + 1.0e8) + 1.) + 1.) + -1.0e8)
    );
}

#[test]
fn ukernel_matches_the_intrinsic_of_its_kernel() {
    let body = |op: &str| {
        format!(
            r#"
module attributes {{cpu.target = {{features = ["avx", "avx2", "fma"], float_bits = 256 : i64, int_bits = 256 : i64}}}} {{
  func.func @f(%a: memref<1x2x3xf32>, %b: memref<1x3x2xf32>, %c: memref<1x2x2xf32>) -> memref<1x2x2xf32> {{
    {op}(%a, %b, %c) <{{name = "strata.batch_matmul_acc"{}}}> : (memref<1x2x3xf32>, memref<1x3x2xf32>, memref<1x2x2xf32>) -> ()
    return %c : memref<1x2x2xf32>
  }}
}}
"#,
            if op.contains("cpu") {
                ", variant = \"x86_avx_fma\""
            } else {
                ""
            }
        )
    };
    let a = tn(&[1, 2, 3], &[1f32, 2., 3., 4., 5., 6.]);
    let b = tn(&[1, 3, 2], &[0.5f32, -1., 2., 0.25, -3., 1.5]);
    let c = tn(&[1, 2, 2], &[1f32, 1., 1., 1.]);
    let ins = [a, b, c];
    let cpu = run_text(&body("\"cpu.ukernel\""), &ins).unwrap();
    let hw = run_text(&body("\"hw.intrinsic\""), &ins).unwrap();
    assert_eq!(cpu, hw);
    // Row 0: 1 + (0.5 + 4 - 9) = -3.5 and 1 + (-1 + 0.5 + 4.5) = 5.
    assert_eq!(cpu[0], tn(&[1, 2, 2], &[-3.5f32, 5., -5., 7.25]));
}

//! The index and data-dependent ops compiled for the host CPU: `scatter_elements` (every
//! reduction, duplicate and negative indices), `scatter_nd`, `gather_nd`, `einsum`, `top_k`
//! (ties, a longer axis), `det`, negative-step `slice`, and reductions over empty sets, at
//! sizes above the conformance cases, compiled into one module and run with one thread and
//! with four. Results must equal the interpreter's exactly (data are small integers, so
//! sums and products are exact) and be the same bytes for both thread counts.

mod common;

use common::Case;
use strata_interp::{DType, Tensor};

/// A deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> i64 {
        (self.next() % n) as i64
    }
    /// `n` small integers in `[-k, k]` as `f32`.
    fn f32s(&mut self, shape: &[usize], k: u64) -> Tensor {
        let n: usize = shape.iter().product();
        let v: Vec<f64> = (0..n)
            .map(|_| (self.below(2 * k + 1) - k as i64) as f64)
            .collect();
        Tensor::from_f64s(DType::F32, shape.to_vec(), &v).expect("f32 data")
    }
    /// `n` indices in `[-d, d)`.
    fn idx(&mut self, shape: &[usize], d: u64) -> Tensor {
        let n: usize = shape.iter().product();
        let v: Vec<i64> = (0..n).map(|_| self.below(2 * d) - d as i64).collect();
        Tensor::from_vec(shape.to_vec(), v).expect("indices")
    }
}

/// One function per case: its name, text and inputs.
fn cases() -> Vec<Case> {
    let mut rng = Rng(7);
    let mut out = Vec::new();
    for red in ["none", "add", "mul", "max", "min"] {
        let name = format!("scatter_elements_{red}");
        let src = format!(
            "func.func @{name}(%d: tensor<16x40xf32>, %i: tensor<16x60xi64>, %u: tensor<16x60xf32>) -> tensor<16x40xf32> {{\n  %0 = \"graph.scatter_elements\"(%d, %i, %u) <{{axis = 1 : i64, reduction = \"{red}\"}}> : (tensor<16x40xf32>, tensor<16x60xi64>, tensor<16x60xf32>) -> tensor<16x40xf32>\n  return %0 : tensor<16x40xf32>\n}}\n"
        );
        let ins = vec![
            rng.f32s(&[16, 40], 3),
            rng.idx(&[16, 60], 40),
            rng.f32s(&[16, 60], 2),
        ];
        out.push((name, src, ins));
    }
    out.push((
        "scatter_nd_add".into(),
        "func.func @scatter_nd_add(%d: tensor<12x10x6xf32>, %i: tensor<30x2xi64>, %u: tensor<30x6xf32>) -> tensor<12x10x6xf32> {\n  %0 = \"graph.scatter_nd\"(%d, %i, %u) <{reduction = \"add\"}> : (tensor<12x10x6xf32>, tensor<30x2xi64>, tensor<30x6xf32>) -> tensor<12x10x6xf32>\n  return %0 : tensor<12x10x6xf32>\n}\n".into(),
        vec![rng.f32s(&[12, 10, 6], 3), rng.idx(&[30, 2], 10), rng.f32s(&[30, 6], 3)],
    ));
    out.push((
        "gather_nd".into(),
        "func.func @gather_nd(%d: tensor<4x20x9xf32>, %i: tensor<4x25x1xi64>) -> tensor<4x25x9xf32> {\n  %0 = \"graph.gather_nd\"(%d, %i) <{batch_dims = 1 : i64}> : (tensor<4x20x9xf32>, tensor<4x25x1xi64>) -> tensor<4x25x9xf32>\n  return %0 : tensor<4x25x9xf32>\n}\n".into(),
        vec![rng.f32s(&[4, 20, 9], 5), rng.idx(&[4, 25, 1], 20)],
    ));
    out.push((
        "einsum".into(),
        "func.func @einsum(%a: tensor<3x17x23xf32>, %b: tensor<3x23x19xf32>) -> tensor<3x19x17xf32> {\n  %0 = \"graph.einsum\"(%a, %b) <{equation = \"bij,bjk->bki\"}> : (tensor<3x17x23xf32>, tensor<3x23x19xf32>) -> tensor<3x19x17xf32>\n  return %0 : tensor<3x19x17xf32>\n}\n".into(),
        vec![rng.f32s(&[3, 17, 23], 3), rng.f32s(&[3, 23, 19], 3)],
    ));
    out.push((
        "top_k".into(),
        "func.func @top_k(%x: tensor<6x200xf32>) -> (tensor<6x9xf32>, tensor<6x9xi64>) {\n  %0:2 = \"graph.top_k\"(%x) <{axis = 1 : i64, k = 9 : i64}> : (tensor<6x200xf32>) -> (tensor<6x9xf32>, tensor<6x9xi64>)\n  return %0#0, %0#1 : tensor<6x9xf32>, tensor<6x9xi64>\n}\n".into(),
        vec![rng.f32s(&[6, 200], 20)],
    ));
    out.push((
        "det".into(),
        "func.func @det(%x: tensor<50x4x4xf64>) -> tensor<50xf64> {\n  %0 = \"graph.det\"(%x) : (tensor<50x4x4xf64>) -> tensor<50xf64>\n  return %0 : tensor<50xf64>\n}\n".into(),
        {
            let v: Vec<f64> = (0..800).map(|_| (rng.below(5) - 2) as f64).collect();
            vec![Tensor::from_f64s(DType::F64, vec![50, 4, 4], &v).expect("det data")]
        },
    ));
    out.push((
        "reverse".into(),
        "func.func @reverse(%x: tensor<7x30xf32>) -> tensor<7x10xf32> {\n  %0 = \"graph.slice\"(%x) <{starts = array<i64: -1, 28>, ends = array<i64: -9223372036854775807, 0>, axes = array<i64: 0, 1>, steps = array<i64: -1, -3>}> : (tensor<7x30xf32>) -> tensor<7x10xf32>\n  return %0 : tensor<7x10xf32>\n}\n".into(),
        vec![rng.f32s(&[7, 30], 9)],
    ));
    out.push((
        "empty_set".into(),
        "func.func @empty_set(%x: tensor<5x0x3xf32>) -> (tensor<5x3xf32>, tensor<5x1x3xf32>) {\n  %a = \"graph.abs\"(%x) : (tensor<5x0x3xf32>) -> tensor<5x0x3xf32>\n  %0 = \"graph.reduce_min\"(%a) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<5x0x3xf32>) -> tensor<5x3xf32>\n  %1 = \"graph.reduce_prod\"(%x) <{axes = array<i64: 1>, keepdims = 1 : i64}> : (tensor<5x0x3xf32>) -> tensor<5x1x3xf32>\n  return %0, %1 : tensor<5x3xf32>, tensor<5x1x3xf32>\n}\n".into(),
        vec![Tensor::from_f64s(DType::F32, vec![5, 0, 3], &[]).expect("empty")],
    ));
    out
}

#[test]
fn index_ops_compiled_match_the_interpreter() {
    common::compiled_matches_interpreter("index", &cases());
}

//! Ops with compile-time tables or run-time sampling compiled for the host CPU:
//! `tfidf_vectorizer` (skips, repeated n-grams, every mode), `roi_align` (both modes,
//! several images, a spatial scale), `deform_conv` (groups, offset groups, strides,
//! dilations, pads, mask, bias) and numeric `label_encoder` (repeated and NaN keys), at
//! sizes above the conformance cases, compiled into one module and run with one thread
//! and with four. Results must equal the interpreter's exactly (the lowerings compute in
//! `f64` in the interpreter's order and round once; the C compiler contracts nothing at
//! `-O1` without `-ffast-math`) and be the same bytes for both thread counts.

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
}

/// One function per case: its name, text and inputs.
fn cases() -> Vec<Case> {
    let mut rng = Rng(11);
    let mut out = Vec::new();
    for (mode, elem) in [("TF", "i32"), ("IDF", "i64"), ("TFIDF", "i32")] {
        let name = format!("tfidf_{mode}");
        let src = format!(
            "func.func @{name}(%x: tensor<6x40x{elem}>) -> tensor<6x5xf32> {{\n  %0 = \"graph.tfidf_vectorizer\"(%x) <{{min_gram_length = 1 : i64, max_gram_length = 3 : i64, max_skip_count = 4 : i64, mode = \"{mode}\", ngram_counts = array<i64: 0, 2, 6>, ngram_indexes = array<i64: 0, 1, 2, 3, 4, 2, 1>, pool_int64s = array<i64: 1, 2, 1, 2, 2, 3, 3, 3, 1, 2, 1, 2, 3, 3, 1>, weights = array<f32: 0.1, 0.7, 1.3, 2.9, 0.35>}}> : (tensor<6x40x{elem}>) -> tensor<6x5xf32>\n  return %0 : tensor<6x5xf32>\n}}\n"
        );
        let toks: Vec<i64> = (0..240).map(|_| 1 + rng.below(3)).collect();
        let x = if elem == "i64" {
            Tensor::from_vec(vec![6, 40], toks).expect("i64 tokens")
        } else {
            let t: Vec<i32> = toks.iter().map(|&t| t as i32).collect();
            Tensor::from_vec(vec![6, 40], t).expect("i32 tokens")
        };
        out.push((name, src, vec![x]));
    }
    let f32s = |rng: &mut Rng, shape: &[usize], lo: i64, span: u64| {
        let n: usize = shape.iter().product();
        // Quarters, so that the inputs are exact in f32.
        let v: Vec<f64> = (0..n)
            .map(|_| (lo * 4 + rng.below(span * 4)) as f64 / 4.0)
            .collect();
        Tensor::from_f64s(DType::F32, shape.to_vec(), &v).expect("f32 data")
    };
    for (mode, ctm) in [("avg", "half_pixel"), ("max", "output_half_pixel")] {
        let name = format!("roi_align_{mode}");
        let src = format!(
            "func.func @{name}(%x: tensor<2x3x12x10xf32>, %r: tensor<5x4xf32>, %b: tensor<5xi64>) -> tensor<5x3x3x4xf32> {{\n  %0 = \"graph.roi_align\"(%x, %r, %b) <{{coordinate_transformation_mode = \"{ctm}\", mode = \"{mode}\", output_height = 3 : i64, output_width = 4 : i64, sampling_ratio = 2 : i64, spatial_scale = 0.5 : f32}}> : (tensor<2x3x12x10xf32>, tensor<5x4xf32>, tensor<5xi64>) -> tensor<5x3x3x4xf32>\n  return %0 : tensor<5x3x3x4xf32>\n}}\n"
        );
        let b: Vec<i64> = (0..5).map(|_| rng.below(2)).collect();
        out.push((
            name,
            src,
            vec![
                f32s(&mut rng, &[2, 3, 12, 10], -3, 6),
                f32s(&mut rng, &[5, 4], -2, 24),
                Tensor::from_vec(vec![5], b).expect("batch indices"),
            ],
        ));
    }
    out.push((
        "deform_conv".into(),
        "func.func @deform_conv(%x: tensor<2x4x7x6xf32>, %w: tensor<6x2x3x3xf32>, %off: tensor<2x36x4x2xf32>, %b: tensor<6xf32>, %m: tensor<2x18x4x2xf32>) -> tensor<2x6x4x2xf32> {\n  %0 = \"graph.deform_conv\"(%x, %w, %off, %b, %m) <{group = 2 : i64, offset_group = 2 : i64, strides = array<i64: 2, 2>, dilations = array<i64: 1, 2>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<2x4x7x6xf32>, tensor<6x2x3x3xf32>, tensor<2x36x4x2xf32>, tensor<6xf32>, tensor<2x18x4x2xf32>) -> tensor<2x6x4x2xf32>\n  return %0 : tensor<2x6x4x2xf32>\n}\n".into(),
        vec![
            f32s(&mut rng, &[2, 4, 7, 6], -3, 6),
            f32s(&mut rng, &[6, 2, 3, 3], -2, 4),
            f32s(&mut rng, &[2, 36, 4, 2], -2, 4),
            f32s(&mut rng, &[6], -1, 2),
            f32s(&mut rng, &[2, 18, 4, 2], 0, 1),
        ],
    ));
    out.push((
        "label_encoder".into(),
        "func.func @label_encoder(%x: tensor<30x7xi64>, %y: tensor<64xf32>) -> (tensor<30x7xf32>, tensor<64xi32>) {\n  %0 = \"graph.label_encoder\"(%x) <{keys = dense<[1, 2, 3, 2]> : tensor<4xi64>, values = dense<[0.5, 1.5, 2.5, -4.0]> : tensor<4xf32>, default = 7.0 : f32}> : (tensor<30x7xi64>) -> tensor<30x7xf32>\n  %1 = \"graph.label_encoder\"(%y) <{keys = dense<[0.5, -1.0, 0x7FC00000]> : tensor<3xf32>, values = dense<[3, 4, 5]> : tensor<3xi32>}> : (tensor<64xf32>) -> tensor<64xi32>\n  return %0, %1 : tensor<30x7xf32>, tensor<64xi32>\n}\n".into(),
        {
            let x: Vec<i64> = (0..210).map(|_| rng.below(5)).collect();
            let y: Vec<f64> = (0..64)
                .map(|_| match rng.below(4) {
                    0 => f64::NAN,
                    1 => 0.5,
                    2 => -1.0,
                    _ => 2.0,
                })
                .collect();
            vec![
                Tensor::from_vec(vec![30, 7], x).expect("keys"),
                Tensor::from_f64s(DType::F32, vec![64], &y).expect("float keys"),
            ]
        },
    ));
    out
}

#[test]
fn sampling_ops_compiled_match_the_interpreter() {
    common::compiled_matches_interpreter("sampling", &cases());
}

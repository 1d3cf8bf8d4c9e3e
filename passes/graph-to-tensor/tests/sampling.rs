//! `roi_align` and `deform_conv` give the interpreter's results exactly (equal values, NaN
//! where it gives NaN) before and after `graph-to-tensor{full=true},tensor-generalize` on
//! random static shapes: regions partly or wholly outside the image, reversed corners,
//! both coordinate modes, `avg` and `max`, several images and batch indices, spatial
//! scales; offsets that move taps off the image, strides, dilations, pads, groups, offset
//! groups, masks and biases. The conversion computes in `f64` in the interpreter's order,
//! so no tolerance is needed.

mod common;

use proptest::prelude::*;
use strata_interp::{DType, Tensor};

/// A deterministic generator (splitmix64) driven by the proptest seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// A value in `[lo, hi)` with a random fraction.
    fn real(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn f32s(&mut self, shape: &[usize], lo: f64, hi: f64) -> Tensor {
        let n: usize = shape.iter().product();
        let v: Vec<f64> = (0..n).map(|_| self.real(lo, hi)).collect();
        Tensor::from_f64s(DType::F32, shape.to_vec(), &v).expect("f32 data")
    }
}

fn ty(shape: &[usize], elem: &str) -> String {
    let d: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("tensor<{}x{elem}>", d.join("x"))
}

/// A one-op program.
fn program(op: &str, attrs: &str, ins: &[String], out: &str) -> String {
    let args: Vec<String> = ins
        .iter()
        .enumerate()
        .map(|(i, t)| format!("%a{i}: {t}"))
        .collect();
    let names: Vec<String> = (0..ins.len()).map(|i| format!("%a{i}")).collect();
    format!(
        "func.func @f({}) -> {out} {{\n  %0 = \"graph.{op}\"({}) <{{{attrs}}}> : ({}) -> {out}\n  return %0 : {out}\n}}\n",
        args.join(", "),
        names.join(", "),
        ins.join(", "),
    )
}

fn roi_case(rng: &mut Rng) -> (String, Vec<Tensor>) {
    let (n, c) = (1 + rng.below(2), 1 + rng.below(2));
    let (h, w) = (1 + rng.below(6), 1 + rng.below(6));
    let r = 1 + rng.below(4);
    let (oh, ow) = (1 + rng.below(3), 1 + rng.below(3));
    let ratio = 1 + rng.below(3);
    let scale = [1.0, 0.5, 2.0][rng.below(3)];
    let mode = ["avg", "max"][rng.below(2)];
    let ctm = ["half_pixel", "output_half_pixel"][rng.below(2)];
    let x = rng.f32s(&[n, c, h, w], -4.0, 4.0);
    let mut rois = Vec::new();
    for _ in 0..r {
        let x1 = rng.real(-3.0, w as f64 + 2.0);
        let y1 = rng.real(-3.0, h as f64 + 2.0);
        // Mostly ordered corners, sometimes reversed.
        let x2 = x1 + rng.real(-1.0, w as f64 + 1.0);
        let y2 = y1 + rng.real(-1.0, h as f64 + 1.0);
        rois.extend([x1, y1, x2, y2]);
    }
    let rois = Tensor::from_f64s(DType::F32, vec![r, 4], &rois).expect("rois");
    let b: Vec<i64> = (0..r).map(|_| rng.below(n) as i64).collect();
    let b = Tensor::from_vec(vec![r], b).expect("batch indices");
    let src = program(
        "roi_align",
        &format!("coordinate_transformation_mode = \"{ctm}\", mode = \"{mode}\", output_height = {oh} : i64, output_width = {ow} : i64, sampling_ratio = {ratio} : i64, spatial_scale = {scale:?} : f32"),
        &[ty(&[n, c, h, w], "f32"), ty(&[r, 4], "f32"), ty(&[r], "i64")],
        &ty(&[r, c, oh, ow], "f32"),
    );
    (src, vec![x, rois, b])
}

fn deform_case(rng: &mut Rng) -> (String, Vec<Tensor>) {
    let n = 1 + rng.below(2);
    let group = 1 + rng.below(2);
    let og = 1 + rng.below(2);
    let c = group * og * (1 + rng.below(2));
    let icg = c / group;
    let m = group * (1 + rng.below(2));
    let (kh, kw) = (1 + rng.below(3), 1 + rng.below(3));
    let s = [1 + rng.below(2), 1 + rng.below(2)];
    let d = [1 + rng.below(2), 1 + rng.below(2)];
    let p: Vec<usize> = (0..4).map(|_| rng.below(2)).collect();
    // Images at least as large as the dilated kernel (less the pads).
    let fit = |rng: &mut Rng, k: usize, d: usize, pads: usize| {
        (d * (k - 1) + 1).saturating_sub(pads).max(1) + rng.below(4)
    };
    let (h, w) = (
        fit(rng, kh, d[0], p[0] + p[2]),
        fit(rng, kw, d[1], p[1] + p[3]),
    );
    let oh = (h + p[0] + p[2] - d[0] * (kh - 1) - 1) / s[0] + 1;
    let ow = (w + p[1] + p[3] - d[1] * (kw - 1) - 1) / s[1] + 1;
    let k = kh * kw;
    let mut ins = vec![
        rng.f32s(&[n, c, h, w], -3.0, 3.0),
        rng.f32s(&[m, icg, kh, kw], -2.0, 2.0),
        rng.f32s(&[n, og * k * 2, oh, ow], -2.5, 2.5),
    ];
    let mut types = vec![
        ty(&[n, c, h, w], "f32"),
        ty(&[m, icg, kh, kw], "f32"),
        ty(&[n, og * k * 2, oh, ow], "f32"),
    ];
    let extra = rng.below(3);
    if extra >= 1 {
        ins.push(rng.f32s(&[m], -1.0, 1.0));
        types.push(ty(&[m], "f32"));
    }
    if extra == 2 {
        ins.push(rng.f32s(&[n, og * k, oh, ow], 0.0, 1.0));
        types.push(ty(&[n, og * k, oh, ow], "f32"));
    }
    let src = program(
        "deform_conv",
        &format!(
            "group = {group} : i64, offset_group = {og} : i64, strides = array<i64: {}, {}>, dilations = array<i64: {}, {}>, pads = array<i64: {}, {}, {}, {}>",
            s[0], s[1], d[0], d[1], p[0], p[1], p[2], p[3]
        ),
        &types,
        &ty(&[n, m, oh, ow], "f32"),
    );
    (src, ins)
}

/// Equal values (NaN where NaN; the two zeros are equal).
fn same(a: &[Tensor], b: &[Tensor]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.shape() == y.shape()
                && x.to_f64_vec()
                    .iter()
                    .zip(y.to_f64_vec())
                    .all(|(p, q)| *p == q || (p.is_nan() && q.is_nan()))
        })
}

fn check(seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed);
    let (src, inputs) = if rng.below(2) == 0 {
        roi_case(&mut rng)
    } else {
        deform_case(&mut rng)
    };
    common::keeps_results(&src, &inputs, same)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]
    #[test]
    fn sampling_ops_keep_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
}

/// `roi_align` with `sampling_ratio = 0` (samples per bin from the regions' sizes, known
/// only at run time) stays a graph op, with a diagnostic naming it and the pass.
#[test]
fn adaptive_sampling_ratio_is_refused() {
    let src = program(
        "roi_align",
        "output_height = 2 : i64, output_width = 2 : i64, sampling_ratio = 0 : i64",
        &[
            ty(&[1, 1, 4, 4], "f32"),
            ty(&[1, 4], "f32"),
            ty(&[1], "i64"),
        ],
        &ty(&[1, 1, 2, 2], "f32"),
    );
    common::assert_refused(&src, "roi_align");
}

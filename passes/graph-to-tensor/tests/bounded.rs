//! `non_zero` and `unique` as bounded results: after `graph-to-tensor{full=true},tensor-generalize` the
//! function returns the bound `rank x numel` tensor and, after its other results, the
//! extents (`strata.extents_of` in `res_attrs`); the extents' leading sub-box of the bound
//! equals the interpreter's result before the conversion, on random shapes and data
//! (floats with both zeros and NaN, integers, booleans), next to an ordinary result;
//! `unique` sorted and not, with and without an axis, on the same kinds of data (repeated
//! slices, NaN and signed zeros), with all four results or some of them;
//! `non_max_suppression` with both box formats (flipped corners), tied scores, identical
//! and empty boxes, with and without a score threshold, output limits below and above
//! the box count (scores are never NaN: the interpreter's sort has no order for them).
//! A `non_zero` whose result another op reads is refused with a diagnostic.

mod common;

use proptest::prelude::*;
use strata_interp::{DType, Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

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
}

/// The leading sub-box `ext` of `t`.
fn trim(t: &Tensor, ext: &[i64]) -> Tensor {
    let v = t.to_f64_vec();
    let s = t.shape();
    let mut out = Vec::new();
    let shape: Vec<usize> = ext.iter().map(|&e| e as usize).collect();
    let n: usize = shape.iter().product();
    for k in 0..n {
        let (mut rem, mut off) = (k, 0);
        for d in 0..shape.len() {
            let inner: usize = shape[d + 1..].iter().product();
            let stride: usize = s[d + 1..].iter().product();
            off += (rem / inner) * stride;
            rem %= inner;
        }
        out.push(v[off]);
    }
    Tensor::from_f64s(t.dtype(), shape, &out).expect("trimmed")
}

fn check(seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed);
    let rank = 1 + rng.below(3);
    let shape: Vec<usize> = (0..rank).map(|_| 1 + rng.below(4)).collect();
    let n: usize = shape.iter().product();
    let (elem, dt) = [
        ("f32", DType::F32),
        ("i32", DType::I32),
        ("i1", DType::Bool),
    ][rng.below(3)];
    let v: Vec<f64> = (0..n)
        .map(|_| match (elem, rng.below(5)) {
            ("f32", 0) => f64::NAN,
            ("f32", 1) => -0.0,
            (_, 2 | 3) => 0.0,
            ("i1", _) => 1.0,
            (_, k) => k as f64 - 2.0,
        })
        .collect();
    let x = Tensor::from_f64s(dt, shape.clone(), &v).expect("input");
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    let xt = format!("tensor<{}x{elem}>", dims.join("x"));
    let ot = format!("tensor<{rank}x?xi64>");
    let first = rng.below(2) == 0;
    let (rets, rtys) = if first {
        ("%0, %x".to_string(), format!("{ot}, {xt}"))
    } else {
        ("%x, %0".to_string(), format!("{xt}, {ot}"))
    };
    let src = format!(
        "func.func @f(%x: {xt}) -> ({rtys}) {{\n  %0 = \"graph.non_zero\"(%x) : ({xt}) -> {ot}\n  return {rets} : {rtys}\n}}\n"
    );
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "t.mlir", &src, &Default::default())
        .map_err(|e| format!("{src}parse: {e:?}"))?;
    strata_ir::verify::verify_module(&ctx, &m).map_err(|e| format!("{src}verify: {e:?}"))?;
    let inputs = [x];
    let before = Interpreter::new(&ctx, &m)
        .run("f", &inputs)
        .map_err(|e| format!("{src}before: {e:?}"))?;
    let pm = PassManager::new(
        parse_pipeline(
            "graph-to-tensor{full=true},tensor-generalize",
            "builtin.module",
        )
        .expect("pipeline"),
    );
    let report = pm.run(&ctx, &mut m);
    if report.failed {
        return Err(format!("{src}conversion failed: {:?}", report.diagnostics));
    }
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    if !text.contains(&format!(
        "tensor<2xi64> {{strata.extents_of = {} : i64}}",
        usize::from(!first)
    )) {
        return Err(format!("{src}no extents result in the signature:\n{text}"));
    }
    let after = Interpreter::new(&ctx, &m)
        .run("f", &inputs)
        .map_err(|e| format!("{src}after: {e:?}"))?;
    let (bi, oi) = if first { (0, 1) } else { (1, 0) };
    let ext = after[2].to_i64_vec().map_err(|e| format!("{e:?}"))?;
    let got = trim(&after[bi], &ext);
    // Debug text: NaN equals NaN there.
    if got != before[bi] || format!("{:?}", after[oi]) != format!("{:?}", before[oi]) {
        return Err(format!(
            "{src}input {inputs:?}\nbefore {before:?}\nafter {after:?}"
        ));
    }
    Ok(())
}

/// The extents results' targets, in order, from the printed signature.
fn extents_of(text: &str) -> Vec<usize> {
    let key = "strata.extents_of = ";
    text.match_indices(key)
        .map(|(i, _)| {
            let rest = &text[i + key.len()..];
            let end = rest.find(' ').expect("an integer then its type");
            rest[..end].parse().expect("an index")
        })
        .collect()
}

/// Run `src` (function `@f` with `k` results) before and after the conversion; the
/// bounded results trimmed by their extents must equal the results before.
fn compare(src: &str, inputs: &[Tensor], k: usize) -> Result<(), String> {
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "t.mlir", src, &Default::default())
        .map_err(|e| format!("{src}parse: {e:?}"))?;
    strata_ir::verify::verify_module(&ctx, &m).map_err(|e| format!("{src}verify: {e:?}"))?;
    let before = Interpreter::new(&ctx, &m)
        .run("f", inputs)
        .map_err(|e| format!("{src}before: {e:?}"))?;
    let pm = PassManager::new(
        parse_pipeline(
            "graph-to-tensor{full=true},tensor-generalize",
            "builtin.module",
        )
        .expect("pipeline"),
    );
    let report = pm.run(&ctx, &mut m);
    if report.failed {
        return Err(format!("{src}conversion failed: {:?}", report.diagnostics));
    }
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    let after = Interpreter::new(&ctx, &m)
        .run("f", inputs)
        .map_err(|e| format!("{src}after: {e:?}"))?;
    let targets = extents_of(&text);
    if after.len() != k + targets.len() {
        return Err(format!(
            "{src}{} results, {} extents:\n{text}",
            after.len(),
            targets.len()
        ));
    }
    let mut got: Vec<Tensor> = after[..k].to_vec();
    for (j, &t) in targets.iter().enumerate() {
        let ext = after[k + j].to_i64_vec().map_err(|e| format!("{e:?}"))?;
        got[t] = trim(&after[t], &ext);
    }
    // Debug text: NaN equals NaN there.
    if format!("{got:?}") != format!("{before:?}") {
        return Err(format!(
            "{src}input {inputs:?}\nbefore {before:?}\nafter {after:?}\n{text}"
        ));
    }
    Ok(())
}

fn unique_case(seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed);
    let rank = 1 + rng.below(3);
    let shape: Vec<usize> = (0..rank).map(|_| 1 + rng.below(4)).collect();
    let n: usize = shape.iter().product();
    let (elem, dt) = [
        ("f32", DType::F32),
        ("i32", DType::I32),
        ("i1", DType::Bool),
    ][rng.below(3)];
    let v: Vec<f64> = (0..n)
        .map(|_| match (elem, rng.below(5)) {
            ("f32", 0) => f64::NAN,
            ("f32", 1) => -0.0,
            ("i1", k) => f64::from(k % 2 == 0),
            (_, k) => k as f64 - 2.0,
        })
        .collect();
    let x = Tensor::from_f64s(dt, shape.clone(), &v).expect("input");
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    let xt = format!("tensor<{}x{elem}>", dims.join("x"));
    let axis = (rng.below(2) == 0).then(|| rng.below(rank));
    let (yt, d) = match axis {
        Some(a) => {
            let mut ds = dims.clone();
            ds[a] = "?".into();
            (format!("tensor<{}x{elem}>", ds.join("x")), shape[a])
        }
        None => (format!("tensor<?x{elem}>"), n),
    };
    let sorted = rng.below(2);
    let attrs = match axis {
        Some(a) => format!(
            "axis = {} : i64, sorted = {sorted} : i64",
            a as i64 - rank as i64 * rng.below(2) as i64
        ),
        None => format!("sorted = {sorted} : i64"),
    };
    let tys = [
        yt,
        "tensor<?xi64>".into(),
        format!("tensor<{d}xi64>"),
        "tensor<?xi64>".into(),
    ];
    let nres = 1 + rng.below(4);
    let keep: Vec<usize> = (0..nres).filter(|&i| i == 0 || rng.below(3) != 0).collect();
    let all = tys[..nres].join(", ");
    let rets: Vec<String> = keep.iter().map(|&i| format!("%0#{i}")).collect();
    let rtys: Vec<String> = keep.iter().map(|&i| tys[i].clone()).collect();
    let src = format!(
        "func.func @f(%x: {xt}) -> ({}) {{\n  %0:{nres} = \"graph.unique\"(%x) <{{{attrs}}}> : ({xt}) -> ({all})\n  return {} : {}\n}}\n",
        rtys.join(", "),
        rets.join(", "),
        rtys.join(", ")
    );
    compare(&src, &[x], keep.len())
}

fn nms_case(seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed);
    let (nb, nc, nx) = (1 + rng.below(2), 1 + rng.below(3), 1 + rng.below(7));
    let center = rng.below(2);
    // Coordinates in halves; sizes sometimes zero, corners sometimes flipped.
    let bv: Vec<f64> = (0..nb * nx)
        .flat_map(|_| {
            let (a, b) = (rng.below(8) as f64 / 2.0, rng.below(8) as f64 / 2.0);
            let (w, h) = (rng.below(6) as f64 / 2.0, rng.below(6) as f64 / 2.0);
            if center == 1 {
                [a, b, w, h]
            } else if rng.below(4) == 0 {
                [a + h, b + w, a, b]
            } else {
                [a, b, a + h, b + w]
            }
        })
        .collect();
    let sv: Vec<f64> = (0..nb * nc * nx)
        .map(|_| rng.below(6) as f64 / 5.0)
        .collect();
    let boxes = Tensor::from_f64s(DType::F32, vec![nb, nx, 4], &bv).expect("boxes");
    let scores = Tensor::from_f64s(DType::F32, vec![nb, nc, nx], &sv).expect("scores");
    let max_out = 1 + rng.below(nx + 1);
    let iou = [0.0, 0.3, 0.5, 0.9][rng.below(4)];
    let score = match rng.below(2) {
        0 => String::new(),
        _ => format!(", score_threshold = {:?} : f32", rng.below(5) as f64 / 5.0),
    };
    let (bt, st) = (
        format!("tensor<{nb}x{nx}x4xf32>"),
        format!("tensor<{nb}x{nc}x{nx}xf32>"),
    );
    let src = format!(
        "func.func @f(%b: {bt}, %s: {st}) -> tensor<?x3xi64> {{\n  %0 = \"graph.non_max_suppression\"(%b, %s) <{{center_point_box = {center} : i64, iou_threshold = {iou:?} : f32, max_output_boxes_per_class = {max_out} : i64{score}}}> : ({bt}, {st}) -> tensor<?x3xi64>\n  return %0 : tensor<?x3xi64>\n}}\n"
    );
    compare(&src, &[boxes, scores], 1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn nms_bounded_keeps_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = nms_case(seed) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn unique_bounded_keeps_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = unique_case(seed) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn non_zero_bounded_keeps_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
}

/// A dynamic result that another op reads has no static form: the op stays, with a
/// diagnostic naming it and the pass.
#[test]
fn non_zero_read_by_an_op_is_refused() {
    let src = "func.func @f(%x: tensor<3xf32>) -> tensor<?x1xi64> {\n  %0 = \"graph.non_zero\"(%x) : (tensor<3xf32>) -> tensor<1x?xi64>\n  %1 = \"graph.transpose\"(%0) <{perm = array<i64: 1, 0>}> : (tensor<1x?xi64>) -> tensor<?x1xi64>\n  return %1 : tensor<?x1xi64>\n}\n";
    common::assert_refused(src, "non_zero");
}

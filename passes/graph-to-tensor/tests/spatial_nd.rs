//! `conv_transpose` (1-, 2- and 3-D; groups, strides, dilations, pads, output padding,
//! bias), 3-D `conv`, 3-D `max_pool`/`average_pool`, `resize` (every mode, coordinate
//! transformation and nearest mode, antialias, `exclude_outside`, crop boxes), `pad`
//! (every mode, negative pads), `grid_sample` (2-D and 3-D, every mode and padding) and
//! `max_pool` with its indices (1- to 3-D, both storage orders) on random shapes give the
//! interpreter's results after `graph-to-tensor{full=true},tensor-generalize`: resize, pad,
//! grid_sample and max pooling (values and indices) bit for bit, sums within a relative error of 1e-5 (absolute floor
//! 1e-5; the tensor form rounds each partial sum to f32 where the graph semantics
//! accumulate in f64).

use proptest::prelude::*;
use strata_interp::{allclose, DType, Interpreter, Tensor};
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
    fn below(&mut self, n: i64) -> i64 {
        (self.next() % n.max(1) as u64) as i64
    }
    fn vals(&mut self, n: i64) -> Vec<f64> {
        (0..n)
            .map(|_| (self.next() >> 40) as f64 / (1u64 << 24) as f64 * 4.0 - 2.0)
            .collect()
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len() as i64) as usize]
    }
}

/// A generated program, its operand shapes, and whether the result must be exact.
type Case = (String, Vec<Vec<i64>>, bool);

fn ty(s: &[i64]) -> String {
    let d: Vec<String> = s.iter().map(|x| x.to_string()).collect();
    format!("tensor<{}xf32>", d.join("x"))
}

fn arr(v: &[i64]) -> String {
    let d: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    format!("array<i64: {}>", d.join(", "))
}

fn tensor(sh: &[i64], rng: &mut Rng) -> Tensor {
    let v = rng.vals(sh.iter().product());
    let us: Vec<usize> = sh.iter().map(|&x| x as usize).collect();
    Tensor::from_f64s(DType::F32, us, &v).expect("tensor")
}

/// A one-op function `@f` of the given operand shapes.
fn func(op: &str, attrs: &str, ins: &[Vec<i64>], out: &str, extra_out: &str) -> String {
    let args: Vec<String> = ins
        .iter()
        .enumerate()
        .map(|(i, s)| format!("%a{i}: {}", ty(s)))
        .collect();
    let names: Vec<String> = (0..ins.len()).map(|i| format!("%a{i}")).collect();
    let tys: Vec<String> = ins.iter().map(|s| ty(s)).collect();
    let (res, results) = if extra_out.is_empty() {
        ("%0".to_string(), out.to_string())
    } else {
        ("%0#0".to_string(), format!("({out}, {extra_out})"))
    };
    let lhs = if extra_out.is_empty() { "%0" } else { "%0:2" };
    format!(
        "func.func @f({}) -> {out} {{\n  {lhs} = \"{op}\"({}) <{{{attrs}}}> : ({}) -> {results}\n  return {res} : {out}\n}}\n",
        args.join(", "),
        names.join(", "),
        tys.join(", "),
    )
}

/// A random `conv_transpose`.
fn conv_transpose(rng: &mut Rng) -> Option<Case> {
    let r = 1 + rng.below(3) as usize;
    let g = 1 + rng.below(2);
    let c = g * (1 + rng.below(2));
    let mg = 1 + rng.below(2);
    let mut xs = vec![1 + rng.below(2), c];
    let mut ws = vec![c, mg];
    let mut out = vec![xs[0], mg * g];
    let (mut s, mut d, mut lo, mut hi, mut op) = (vec![], vec![], vec![], vec![], vec![]);
    for _ in 0..r {
        let (l, k) = (1 + rng.below(4), 1 + rng.below(3));
        let (si, di) = (1 + rng.below(3), 1 + rng.below(2));
        let (p0, p1) = (rng.below(k + 1), rng.below(k + 1));
        let opi = rng.below(si.max(di));
        let o = si * (l - 1) + opi + (k - 1) * di + 1 - p0 - p1;
        if o < 1 {
            return None;
        }
        xs.push(l);
        ws.push(k);
        out.push(o);
        s.push(si);
        d.push(di);
        lo.push(p0);
        hi.push(p1);
        op.push(opi);
    }
    let pads: Vec<i64> = lo.iter().chain(&hi).copied().collect();
    let attrs = format!(
        "group = {g} : i64, strides = {}, dilations = {}, pads = {}, output_padding = {}",
        arr(&s),
        arr(&d),
        arr(&pads),
        arr(&op)
    );
    let mut ins = vec![xs, ws];
    if rng.below(2) == 1 {
        ins.push(vec![mg * g]);
    }
    Some((
        func("graph.conv_transpose", &attrs, &ins, &ty(&out), ""),
        ins,
        false,
    ))
}

/// A random 3-D `conv`, `max_pool` or `average_pool`.
fn conv_pool_3d(rng: &mut Rng) -> Option<Case> {
    let conv = rng.below(2) == 0;
    let g = if conv { 1 + rng.below(2) } else { 1 };
    let c = g * (1 + rng.below(2));
    let f = g * (1 + rng.below(2));
    let ceil = if conv { 0 } else { rng.below(2) };
    let mut xs = vec![1, c];
    let mut out = vec![1, if conv { f } else { c }];
    let (mut ks, mut s, mut d, mut lo, mut hi) = (vec![], vec![], vec![], vec![], vec![]);
    for _ in 0..3 {
        let (l, k) = (1 + rng.below(4), 1 + rng.below(3));
        let (si, di) = (1 + rng.below(2), 1 + rng.below(2));
        let (p0, p1) = (rng.below(k), rng.below(k));
        let span = (k - 1) * di + 1;
        let ext = l + p0 + p1 - span;
        if ext < 0 {
            return None;
        }
        let mut o = if ceil == 1 {
            (ext + si - 1) / si + 1
        } else {
            ext / si + 1
        };
        if ceil == 1 && (o - 1) * si >= l + p0 {
            o -= 1;
        }
        // A max window wholly in the padding has no element: the interpreter takes the
        // plane's first element there, the lowering -inf; such windows are left out.
        let empty = (0..o).any(|oi| (0..k).all(|ki| !(0..l).contains(&(oi * si + ki * di - p0))));
        if !conv && empty {
            return None;
        }
        xs.push(l);
        out.push(o);
        ks.push(k);
        s.push(si);
        d.push(di);
        lo.push(p0);
        hi.push(p1);
    }
    let pads: Vec<i64> = lo.iter().chain(&hi).copied().collect();
    let win = format!(
        "strides = {}, dilations = {}, pads = {}",
        arr(&s),
        arr(&d),
        arr(&pads)
    );
    if conv {
        let mut ws = vec![f, c / g];
        ws.extend_from_slice(&ks);
        let attrs = format!("group = {g} : i64, {win}");
        let mut ins = vec![xs, ws];
        if rng.below(2) == 1 {
            ins.push(vec![f]);
        }
        return Some((func("graph.conv", &attrs, &ins, &ty(&out), ""), ins, false));
    }
    let attrs = format!(
        "ceil_mode = {ceil} : i64, kernel_shape = {}, {win}",
        arr(&ks)
    );
    if rng.below(2) == 0 {
        let it = ty(&out).replace("f32", "i64");
        return Some((
            func(
                "graph.max_pool",
                &attrs,
                std::slice::from_ref(&xs),
                &ty(&out),
                &it,
            ),
            vec![xs],
            true,
        ));
    }
    let attrs = format!("{attrs}, count_include_pad = {} : i64", rng.below(2));
    Some((
        func(
            "graph.average_pool",
            &attrs,
            std::slice::from_ref(&xs),
            &ty(&out),
            "",
        ),
        vec![xs],
        false,
    ))
}

/// A random `resize`.
fn resize(rng: &mut Rng) -> Option<Case> {
    let r = 1 + rng.below(3) as usize;
    let xs: Vec<i64> = (0..r).map(|_| 1 + rng.below(5)).collect();
    let mode = rng.pick(&["nearest", "linear", "cubic"]);
    let ctm = rng.pick(&[
        "half_pixel",
        "half_pixel_symmetric",
        "pytorch_half_pixel",
        "align_corners",
        "asymmetric",
        "tf_crop_and_resize",
    ]);
    let nearest = rng.pick(&["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"]);
    let mut attrs = format!(
        "mode = \"{mode}\", coordinate_transformation_mode = \"{ctm}\", nearest_mode = \"{nearest}\", antialias = {} : i64, exclude_outside = {} : i64, cubic_coeff_a = -5.000000e-01 : f32, extrapolation_value = 2.500000e+00 : f32",
        rng.below(2),
        rng.below(2)
    );
    let out: Vec<i64> = if rng.below(2) == 0 {
        let sizes: Vec<i64> = (0..r).map(|_| 1 + rng.below(7)).collect();
        attrs.push_str(&format!(", sizes = {}", arr(&sizes)));
        sizes
    } else {
        let scales: Vec<f64> = (0..r)
            .map(|_| [0.5, 0.6, 1.0, 1.5, 2.0, 3.0][rng.below(6) as usize])
            .collect();
        let out: Vec<i64> = xs
            .iter()
            .zip(&scales)
            .map(|(&d, &s)| (d as f64 * s).floor() as i64)
            .collect();
        if out.iter().any(|&o| o < 1) {
            return None;
        }
        let v: Vec<String> = scales.iter().map(|s| format!("{s:?}")).collect();
        attrs.push_str(&format!(", scales = array<f32: {}>", v.join(", ")));
        out
    };
    if ctm == "tf_crop_and_resize" {
        let mut roi = Vec::new();
        for _ in 0..r {
            roi.push(rng.below(5) as f64 * 0.25 - 0.25);
        }
        for i in 0..r {
            roi.push(roi[i] + 0.25 + rng.below(5) as f64 * 0.25);
        }
        let v: Vec<String> = roi.iter().map(|s| format!("{s:?}")).collect();
        attrs.push_str(&format!(", roi = array<f64: {}>", v.join(", ")));
    }
    Some((
        func(
            "graph.resize",
            &attrs,
            std::slice::from_ref(&xs),
            &ty(&out),
            "",
        ),
        vec![xs],
        true,
    ))
}

/// A random `pad` (any mode; pads from -2 to 6, which wrap and reflect several times).
fn pad(rng: &mut Rng) -> Option<Case> {
    let r = 1 + rng.below(3) as usize;
    let xs: Vec<i64> = (0..r).map(|_| 1 + rng.below(4)).collect();
    let mode = rng.pick(&["constant", "reflect", "edge", "wrap"]);
    let pads: Vec<i64> = (0..2 * r).map(|_| rng.below(9) - 2).collect();
    let out: Vec<i64> = (0..r).map(|d| xs[d] + pads[d] + pads[r + d]).collect();
    if out.iter().any(|&o| o < 1) {
        return None;
    }
    let attrs = format!(
        "mode = \"{mode}\", constant_value = 1.5 : f32, pads = {}",
        arr(&pads)
    );
    Some((
        func(
            "graph.pad",
            &attrs,
            std::slice::from_ref(&xs),
            &ty(&out),
            "",
        ),
        vec![xs],
        true,
    ))
}

/// A random `grid_sample` (grid values in [-2, 2): some positions fall outside).
fn grid_sample(rng: &mut Rng) -> Option<Case> {
    let n = 2 + rng.below(2) as usize;
    let mut xs = vec![1 + rng.below(2), 1 + rng.below(2)];
    xs.extend((0..n).map(|_| 1 + rng.below(4)));
    let mut gs = vec![xs[0]];
    gs.extend((0..n).map(|_| 1 + rng.below(3)));
    gs.push(n as i64);
    let mut out = xs[..2].to_vec();
    out.extend_from_slice(&gs[1..=n]);
    let attrs = format!(
        "mode = \"{}\", padding_mode = \"{}\", align_corners = {} : i64",
        rng.pick(&["nearest", "linear", "cubic"]),
        rng.pick(&["zeros", "border", "reflection"]),
        rng.below(2)
    );
    let ins = vec![xs, gs];
    Some((
        func("graph.grid_sample", &attrs, &ins, &ty(&out), ""),
        ins,
        true,
    ))
}

/// A random `max_pool` returning its indices too (windows wholly in the padding left out,
/// as in [`conv_pool_3d`]).
fn max_pool_indices(rng: &mut Rng) -> Option<Case> {
    let r = 1 + rng.below(3) as usize;
    let ceil = rng.below(2);
    let mut xs = vec![1 + rng.below(2), 1 + rng.below(2)];
    let mut out = xs.clone();
    let (mut ks, mut s, mut d, mut lo, mut hi) = (vec![], vec![], vec![], vec![], vec![]);
    for _ in 0..r {
        let (l, k) = (1 + rng.below(4), 1 + rng.below(3));
        let (si, di) = (1 + rng.below(2), 1 + rng.below(2));
        let (p0, p1) = (rng.below(k), rng.below(k));
        let ext = l + p0 + p1 - ((k - 1) * di + 1);
        if ext < 0 {
            return None;
        }
        let mut o = if ceil == 1 {
            (ext + si - 1) / si + 1
        } else {
            ext / si + 1
        };
        if ceil == 1 && (o - 1) * si >= l + p0 {
            o -= 1;
        }
        if (0..o).any(|oi| (0..k).all(|ki| !(0..l).contains(&(oi * si + ki * di - p0)))) {
            return None;
        }
        xs.push(l);
        out.push(o);
        ks.push(k);
        s.push(si);
        d.push(di);
        lo.push(p0);
        hi.push(p1);
    }
    let pads: Vec<i64> = lo.iter().chain(&hi).copied().collect();
    let (xt, ot) = (ty(&xs), ty(&out));
    let it = ot.replace("f32", "i64");
    let src = format!(
        "func.func @f(%x: {xt}) -> ({ot}, {it}) {{\n  %0:2 = \"graph.max_pool\"(%x) <{{ceil_mode = {ceil} : i64, storage_order = {} : i64, kernel_shape = {}, strides = {}, dilations = {}, pads = {}}}> : ({xt}) -> ({ot}, {it})\n  return %0#0, %0#1 : {ot}, {it}\n}}\n",
        rng.below(2),
        arr(&ks),
        arr(&s),
        arr(&d),
        arr(&pads)
    );
    Some((src, vec![xs], true))
}

fn check(seed: u64, gen: fn(&mut Rng) -> Option<Case>) -> Result<(), String> {
    let mut rng = Rng(seed);
    let Some((src, shapes, exact)) = gen(&mut rng) else {
        return Ok(());
    };
    let inputs: Vec<Tensor> = shapes.iter().map(|s| tensor(s, &mut rng)).collect();
    let ctx = strata::default_context();
    let mut m =
        strata_ir::text::parse(&ctx, "nd.mlir", &src, &Default::default()).map_err(|d| {
            format!(
                "{src}{:?}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        })?;
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
        return Err(format!("{src}not converted: {:?}", report.diagnostics));
    }
    let after = Interpreter::new(&ctx, &m)
        .run("f", &inputs)
        .map_err(|e| format!("{src}after: {e:?}"))?;
    if exact {
        if before != after {
            return Err(format!("{src}before {before:?}\nafter {after:?}"));
        }
        return Ok(());
    }
    let c = allclose(&after[0], &before[0], 1e-5, 1e-5);
    if c.ok {
        Ok(())
    } else {
        Err(format!("{src}{c}"))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn conv_transpose_keeps_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed, conv_transpose) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
    #[test]
    fn conv_pool_3d_keep_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed, conv_pool_3d) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
    #[test]
    fn pad_keeps_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed, pad) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
    #[test]
    fn grid_sample_keeps_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed, grid_sample) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
    #[test]
    fn max_pool_indices_keep_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed, max_pool_indices) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
    #[test]
    fn resize_keeps_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed, resize) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
}

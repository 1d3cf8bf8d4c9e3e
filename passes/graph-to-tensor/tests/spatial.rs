//! 1-D `conv` (groups, strides, dilations, pads, bias), `max_pool` and `average_pool`
//! (pads, strides, dilations, `ceil_mode`, `count_include_pad`) on random shapes give the
//! interpreter's results after `graph-to-tensor{full=true},tensor-generalize`: max pooling
//! bit for bit, sums within a relative error of 1e-5 (absolute floor 1e-5; the tensor form
//! rounds each partial sum to f32 where the graph semantics round once).

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
}

fn ty(s: &[i64]) -> String {
    let d: Vec<String> = s.iter().map(|x| x.to_string()).collect();
    format!("tensor<{}xf32>", d.join("x"))
}

/// A random 1-D conv or pool program, its inputs, and whether the result is exact.
fn case(rng: &mut Rng) -> Option<(String, Vec<Tensor>, bool)> {
    let n = 1 + rng.below(2);
    let l = 1 + rng.below(9);
    let k = 1 + rng.below(4);
    let s = 1 + rng.below(3);
    let d = 1 + rng.below(2);
    let (p0, p1) = (rng.below(k), rng.below(k));
    let span = (k - 1) * d + 1;
    let ext = l + p0 + p1 - span;
    if ext < 0 {
        return None;
    }
    let t = |sh: &[i64], rng: &mut Rng| {
        let v = rng.vals(sh.iter().product());
        let us: Vec<usize> = sh.iter().map(|&x| x as usize).collect();
        Tensor::from_f64s(DType::F32, us, &v).expect("tensor")
    };
    match rng.below(3) {
        0 => {
            let g = 1 + rng.below(2);
            let c = g * (1 + rng.below(2));
            let f = g * (1 + rng.below(2));
            let lo = ext / s + 1;
            let xs = [n, c, l];
            let ws = [f, c / g, k];
            let os = [n, f, lo];
            let bias = rng.below(2) == 1;
            let (bt, barg, bop) = if bias {
                (
                    format!(", {}", ty(&[f])),
                    format!(", %b: {}", ty(&[f])),
                    ", %b".to_string(),
                )
            } else {
                (String::new(), String::new(), String::new())
            };
            let src = format!(
                "func.func @f(%x: {xt}, %w: {wt}{barg}) -> {ot} {{\n  %0 = \"graph.conv\"(%x, %w{bop}) <{{group = {g} : i64, strides = array<i64: {s}>, dilations = array<i64: {d}>, pads = array<i64: {p0}, {p1}>}}> : ({xt}, {wt}{bt}) -> {ot}\n  return %0 : {ot}\n}}\n",
                xt = ty(&xs),
                wt = ty(&ws),
                ot = ty(&os)
            );
            let mut ins = vec![t(&xs, rng), t(&ws, rng)];
            if bias {
                ins.push(t(&[f], rng));
            }
            Some((src, ins, false))
        }
        _ => {
            let max = rng.below(2) == 0;
            let ceil = rng.below(2);
            let include = rng.below(2);
            if p0 >= k || p1 >= k {
                return None;
            }
            // A window wholly in the padding has no element: the interpreter takes the
            // plane's first element there, the lowering -inf (max) or 0 / 0; left out.
            let covers = |o: i64| (0..k).any(|j| (0..l).contains(&(o * s + j * d - p0)));
            let mut lo = if ceil == 1 {
                (ext + s - 1) / s + 1
            } else {
                ext / s + 1
            };
            if ceil == 1 && (lo - 1) * s >= l + p0 {
                lo -= 1;
            }
            if !(0..lo).all(covers) {
                return None;
            }
            let c = 1 + rng.below(3);
            let xs = [n, c, l];
            let os = [n, c, lo];
            let attrs = format!(
                "ceil_mode = {ceil} : i64, kernel_shape = array<i64: {k}>, strides = array<i64: {s}>, dilations = array<i64: {d}>, pads = array<i64: {p0}, {p1}>"
            );
            let src = if max {
                format!(
                    "func.func @f(%x: {xt}) -> {ot} {{\n  %0:2 = \"graph.max_pool\"(%x) <{{{attrs}}}> : ({xt}) -> ({ot}, {it})\n  return %0#0 : {ot}\n}}\n",
                    xt = ty(&xs),
                    ot = ty(&os),
                    it = ty(&os).replace("f32", "i64")
                )
            } else {
                format!(
                    "func.func @f(%x: {xt}) -> {ot} {{\n  %0 = \"graph.average_pool\"(%x) <{{{attrs}, count_include_pad = {include} : i64}}> : ({xt}) -> {ot}\n  return %0 : {ot}\n}}\n",
                    xt = ty(&xs),
                    ot = ty(&os)
                )
            };
            Some((src, vec![t(&xs, rng)], max))
        }
    }
}

fn check(seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed);
    let Some((src, inputs, exact)) = case(&mut rng) else {
        return Ok(());
    };
    let ctx = strata::default_context();
    let mut m =
        strata_ir::text::parse(&ctx, "spatial.mlir", &src, &Default::default()).map_err(|d| {
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
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn spatial_1d_keeps_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
}

//! `unroll-regions` keeps the interpreter's results: random `graph.scan`s (1 to 3 scan
//! inputs on random axes and directions, state values, scan outputs stacked on random axes
//! and directions, bodies of random element-wise chains), random `graph.loop`s (trip counts
//! 0 to 5, an early exit `i < k` decided at compile time, carried values, scan outputs, the
//! iteration number read by the body) and `graph.if`s with constant conditions give the same
//! bits before and after the pass, and again after `graph-to-tensor{full=true}` on the
//! unrolled program (so the unrolled form is one the conversion takes). Data are small
//! integers, so every sum and product is exact in `f32`.

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
    fn data(&mut self, shape: &[usize]) -> Tensor {
        let n: usize = shape.iter().product();
        let v: Vec<f64> = (0..n).map(|_| self.below(5) as f64 - 2.0).collect();
        Tensor::from_f64s(DType::F32, shape.to_vec(), &v).expect("f32 data")
    }
}

fn ty(shape: &[usize]) -> String {
    let mut s = String::from("tensor<");
    for d in shape {
        s += &format!("{d}x");
    }
    s + "f32>"
}

/// A chain of 1 to 3 element-wise ops on `a` and `b` (same type `t`) in the body, defining
/// `%{p}N`; the name of the last value.
fn chain(rng: &mut Rng, p: &str, a: &str, b: &str, t: &str, out: &mut String) -> String {
    let mut cur = a.to_string();
    for k in 0..1 + rng.below(3) {
        let op = ["add", "sub", "mul", "max"][rng.below(4)];
        let other = if rng.below(2) == 0 { b } else { a };
        let name = format!("%{p}{k}");
        *out += &format!("    {name} = \"graph.{op}\"({cur}, {other}) : ({t}, {t}) -> {t}\n");
        cur = name;
    }
    cur
}

fn scan_case(rng: &mut Rng) -> (String, Vec<Tensor>) {
    let d = 1 + rng.below(3);
    let len = 1 + rng.below(4);
    let m = 1 + rng.below(3);
    let st = ty(&[d]);
    let mut ins = vec![rng.data(&[d])];
    let mut args = vec![format!("%s0: {st}")];
    let mut xs = Vec::new();
    let mut in_axes = Vec::new();
    let mut in_dirs = Vec::new();
    for j in 0..m {
        let ax = rng.below(2);
        let shape = if ax == 0 { vec![len, d] } else { vec![d, len] };
        ins.push(rng.data(&shape));
        args.push(format!("%x{j}: {}", ty(&shape)));
        xs.push(ty(&shape));
        in_axes.push(ax as i64);
        in_dirs.push(rng.below(2) as i64);
    }
    let k = 1 + rng.below(2);
    let out_axes: Vec<i64> = (0..k).map(|_| rng.below(2) as i64).collect();
    let out_dirs: Vec<i64> = (0..k).map(|_| rng.below(2) as i64).collect();
    let out_tys: Vec<String> = out_axes
        .iter()
        .map(|&a| ty(&if a == 0 { vec![len, d] } else { vec![d, len] }))
        .collect();
    let mut body = String::new();
    let mut state = "%acc".to_string();
    for j in 0..m {
        state = chain(
            rng,
            &format!("c{j}_"),
            &state,
            &format!("%e{j}"),
            &st,
            &mut body,
        );
    }
    let mut yields = vec![state.clone()];
    for j in 0..k {
        yields.push(chain(rng, &format!("o{j}_"), "%e0", &state, &st, &mut body));
    }
    let list = |v: &[i64]| {
        v.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let bargs: Vec<String> = std::iter::once(format!("%acc: {st}"))
        .chain((0..m).map(|j| format!("%e{j}: {st}")))
        .collect();
    let res_tys: Vec<String> = std::iter::once(st.clone()).chain(out_tys.clone()).collect();
    let yield_tys = vec![st.clone(); 1 + k];
    let operands: Vec<String> = std::iter::once("%s0".to_string())
        .chain((0..m).map(|j| format!("%x{j}")))
        .collect();
    let op_tys: Vec<String> = std::iter::once(st.clone()).chain(xs).collect();
    let rets: Vec<String> = (0..=k).map(|i| format!("%r#{i}")).collect();
    let src = format!(
        "func.func @f({}) -> ({}) {{\n  %r:{} = \"graph.scan\"({}) <{{num_scan_inputs = {m} : i64, scan_input_axes = array<i64: {}>, scan_input_directions = array<i64: {}>, scan_output_axes = array<i64: {}>, scan_output_directions = array<i64: {}>}}> ({{\n  ^bb0({}):\n{body}    \"graph.yield\"({}) : ({}) -> ()\n  }}) : ({}) -> ({})\n  return {} : {}\n}}\n",
        args.join(", "),
        res_tys.join(", "),
        1 + k,
        operands.join(", "),
        list(&in_axes),
        list(&in_dirs),
        list(&out_axes),
        list(&out_dirs),
        bargs.join(", "),
        yields.join(", "),
        yield_tys.join(", "),
        op_tys.join(", "),
        res_tys.join(", "),
        rets.join(", "),
        res_tys.join(", "),
    );
    (src, ins)
}

fn loop_case(rng: &mut Rng) -> (String, Vec<Tensor>) {
    let d = 1 + rng.below(3);
    let trip = rng.below(6);
    let stop = rng.below(6);
    let t = ty(&[d]);
    let mut body = String::new();
    body += "    %fi = \"graph.cast\"(%i) <{to = f32}> : (tensor<i64>) -> tensor<f32>\n";
    body += &format!("    %bi = \"graph.add\"(%w, %fi) : ({t}, tensor<f32>) -> {t}\n");
    let y = chain(rng, "c", "%yi", "%bi", &t, &mut body);
    let s = chain(rng, "s", "%yi", "%w", &t, &mut body);
    let early = rng.below(2) == 0;
    let cond = if early {
        body += "    %go = \"graph.less\"(%i, %k) : (tensor<i64>, tensor<i64>) -> tensor<i1>\n";
        "%go"
    } else {
        "%ci"
    };
    let src = format!(
        "func.func @f(%y0: {t}, %w: {t}) -> ({t}, tensor<?x{d}xf32>) {{\n  %m = \"graph.constant\"() <{{value = dense<{trip}> : tensor<i64>}}> : () -> tensor<i64>\n  %k = \"graph.constant\"() <{{value = dense<{stop}> : tensor<i64>}}> : () -> tensor<i64>\n  %c = \"graph.constant\"() <{{value = dense<true> : tensor<i1>}}> : () -> tensor<i1>\n  %r:2 = \"graph.loop\"(%m, %c, %y0) ({{\n  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: {t}):\n{body}    \"graph.yield\"({cond}, {y}, {s}) : (tensor<i1>, {t}, {t}) -> ()\n  }}) : (tensor<i64>, tensor<i1>, {t}) -> ({t}, tensor<?x{d}xf32>)\n  return %r#0, %r#1 : {t}, tensor<?x{d}xf32>\n}}\n"
    );
    (src, vec![rng.data(&[d]), rng.data(&[d])])
}

fn if_case(rng: &mut Rng) -> (String, Vec<Tensor>) {
    let d = 1 + rng.below(3);
    let t = ty(&[d]);
    let c = if rng.below(2) == 0 { "true" } else { "false" };
    let mut then = String::new();
    let a = chain(rng, "t", "%a", "%b", &t, &mut then);
    let mut els = String::new();
    let b = chain(rng, "e", "%b", "%a", &t, &mut els);
    let src = format!(
        "func.func @f(%a: {t}, %b: {t}) -> {t} {{\n  %c = \"graph.constant\"() <{{value = dense<{c}> : tensor<i1>}}> : () -> tensor<i1>\n  %r = \"graph.if\"(%c) ({{\n{then}    \"graph.yield\"({a}) : ({t}) -> ()\n  }}, {{\n{els}    \"graph.yield\"({b}) : ({t}) -> ()\n  }}) : (tensor<i1>) -> {t}\n  return %r : {t}\n}}\n"
    );
    (src, vec![rng.data(&[d]), rng.data(&[d])])
}

fn run_after(
    ctx: &strata_ir::Context,
    m: &mut strata_ir::Module,
    pipeline: &str,
    src: &str,
) -> Result<(), String> {
    let pm = PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("pipeline"));
    let report = pm.run(ctx, m);
    if report.failed {
        return Err(format!(
            "{src}{pipeline} failed: {:?}",
            report
                .diagnostics
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        ));
    }
    Ok(())
}

fn check(seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed);
    let (src, inputs) = match rng.below(3) {
        0 => scan_case(&mut rng),
        1 => loop_case(&mut rng),
        _ => if_case(&mut rng),
    };
    let ctx = strata::default_context();
    let mut m =
        strata_ir::text::parse(&ctx, "unroll.mlir", &src, &Default::default()).map_err(|d| {
            format!(
                "{src}{:?}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        })?;
    let before = Interpreter::new(&ctx, &m)
        .run("f", &inputs)
        .map_err(|e| format!("{src}before: {e:?}"))?;
    run_after(&ctx, &mut m, "unroll-regions", &src)?;
    let after = Interpreter::new(&ctx, &m).run("f", &inputs);
    match after {
        Ok(a) if format!("{before:?}") == format!("{a:?}") => {}
        a => {
            return Err(format!(
                "{src}inputs {inputs:?}\nbefore {before:?}\nafter {a:?}"
            ))
        }
    }
    // Zero-size scan outputs (a zero-trip loop) are left to the empty-tensor conversion.
    run_after(
        &ctx,
        &mut m,
        "canonicalize,graph-to-tensor{full=true}",
        &src,
    )?;
    let lowered = Interpreter::new(&ctx, &m).run("f", &inputs);
    match lowered {
        Ok(a) if format!("{before:?}") == format!("{a:?}") => Ok(()),
        a => Err(format!(
            "{src}inputs {inputs:?}\nbefore {before:?}\nlowered {a:?}"
        )),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn unrolling_keeps_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
}

#[test]
fn unknown_trip_count_is_an_error_naming_the_op_and_the_pass() {
    // (A run-time exit condition too: a counted loop with a run-time trip count alone is
    // left for graph-to-tensor, see tests/ctrlflow.rs.)
    let src = "func.func @f(%m: tensor<i64>, %y0: tensor<f32>) -> tensor<f32> {\n  %c = \"graph.constant\"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>\n  %y = \"graph.loop\"(%m, %c, %y0) ({\n  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):\n    %g = \"graph.greater\"(%yi, %yi) : (tensor<f32>, tensor<f32>) -> tensor<i1>\n    \"graph.yield\"(%g, %yi) : (tensor<i1>, tensor<f32>) -> ()\n  }) : (tensor<i64>, tensor<i1>, tensor<f32>) -> tensor<f32>\n  return %y : tensor<f32>\n}\n";
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "t.mlir", src, &Default::default()).expect("parse");
    let pm =
        PassManager::new(parse_pipeline("unroll-regions", "builtin.module").expect("pipeline"));
    let report = pm.run(&ctx, &mut m);
    assert!(report.failed);
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.message.contains("'graph.loop'")
            && d.message.contains("'unroll-regions'")
            && d.message.contains("trip count")));
}

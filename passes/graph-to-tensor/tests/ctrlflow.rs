//! `graph.if` on a run-time condition (`passes/graph-to-tensor/src/ctrlflow.rs`) keeps the
//! interpreter's results: random programs with a value computed before the if and used both
//! inside a region and after it, regions of random element-wise chains (one of them maybe
//! an inner `graph.if` on a second condition), two results, run on every combination of the
//! condition values, give the same bits as graph IR, after `graph-to-tensor{full=true},
//! tensor-generalize` (a `loop.if` on tensors) and after `bufferize,plan-memory,
//! tensor-to-loop` (a `loop.if` on buffers, run with the out-parameter ABI). Likewise a
//! counted `graph.loop` whose trip count is a run-time input (0, 1, 3 and a negative one;
//! one or two carried values, sometimes swapped; the iteration number read by the body)
//! through `unroll-regions` (which leaves it) to a `loop.for` carrying tensors, then
//! buffers. Data are small integers, so every sum and product is exact in `f32`. Results whose shapes differ
//! between the regions are refused with a diagnostic naming the op and the pass.

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
    fn data(&mut self, shape: &[usize]) -> Tensor {
        let n: usize = shape.iter().product();
        let v: Vec<f64> = (0..n).map(|_| self.below(5) as f64 - 2.0).collect();
        Tensor::from_f64s(DType::F32, shape.to_vec(), &v).expect("f32 data")
    }
}

/// A chain of 1 to 3 element-wise ops on the values `vals` (all of type `t`), defining
/// `%{p}N`; the name of the last value.
fn chain(rng: &mut Rng, p: &str, vals: &[&str], t: &str, out: &mut String) -> String {
    let mut cur = vals[rng.below(vals.len())].to_string();
    for k in 0..1 + rng.below(3) {
        let name = format!("%{p}{k}");
        if rng.below(4) == 0 {
            let op = ["neg", "abs", "relu"][rng.below(3)];
            *out += &format!("    {name} = \"graph.{op}\"({cur}) : ({t}) -> {t}\n");
        } else {
            let op = ["add", "sub", "mul", "max"][rng.below(4)];
            let other = vals[rng.below(vals.len())];
            *out += &format!("    {name} = \"graph.{op}\"({cur}, {other}) : ({t}, {t}) -> {t}\n");
        }
        cur = name;
    }
    cur
}

/// One region's ops (indented) and the two values it yields; `depth` 0 may hold an inner
/// if on `%c2`.
fn region(rng: &mut Rng, p: &str, t: &str, depth: usize, out: &mut String) -> (String, String) {
    let vals = ["%a", "%b", "%t"];
    let x = chain(rng, &format!("{p}x"), &vals, t, out);
    if depth == 0 && rng.below(2) == 0 {
        let i = format!("%{p}i");
        *out += &format!("    {i} = \"graph.if\"(%c2) ({{\n");
        let (u, _) = region(rng, &format!("{p}t"), t, 1, out);
        *out += &format!("    \"graph.yield\"({u}) : ({t}) -> ()\n  }}, {{\n");
        let (v, _) = region(rng, &format!("{p}e"), t, 1, out);
        *out += &format!("    \"graph.yield\"({v}) : ({t}) -> ()\n  }}) : (tensor<i1>) -> {t}\n");
        return (x, i);
    }
    let y = if rng.below(3) == 0 {
        // A value from outside the region, yielded as it is.
        vals[rng.below(3)].to_string()
    } else {
        let other = vals[rng.below(3)];
        chain(rng, &format!("{p}y"), &[other, &x], t, out)
    };
    (x, y)
}

fn case(rng: &mut Rng) -> (String, Vec<usize>) {
    let shape: Vec<usize> = (0..1 + rng.below(2)).map(|_| 1 + rng.below(4)).collect();
    let dims: String = shape.iter().map(|d| format!("{d}x")).collect();
    let t = format!("tensor<{dims}f32>");
    let mut s = format!(
        "func.func @f(%c: tensor<i1>, %c2: tensor<i1>, %a: {t}, %b: {t}) -> ({t}, {t}) {{\n"
    );
    s += &format!("    %t = \"graph.mul\"(%a, %b) : ({t}, {t}) -> {t}\n");
    let mut then_ops = String::new();
    let (x1, y1) = region(rng, "p", &t, 0, &mut then_ops);
    let mut else_ops = String::new();
    let (x2, y2) = region(rng, "q", &t, 0, &mut else_ops);
    s += "    %r:2 = \"graph.if\"(%c) ({\n";
    s += &then_ops;
    s += &format!("    \"graph.yield\"({x1}, {y1}) : ({t}, {t}) -> ()\n  }}, {{\n");
    s += &else_ops;
    s += &format!("    \"graph.yield\"({x2}, {y2}) : ({t}, {t}) -> ()\n");
    s += &format!("  }}) : (tensor<i1>) -> ({t}, {t})\n");
    s += &format!("    %s = \"graph.add\"(%r#0, %t) : ({t}, {t}) -> {t}\n");
    s += &format!("    return %s, %r#1 : {t}, {t}\n}}\n");
    (s, shape)
}

fn run_pipeline(
    ctx: &strata_ir::Context,
    m: &mut strata_ir::Module,
    p: &str,
) -> Result<(), String> {
    let pm = PassManager::new(parse_pipeline(p, "builtin.module").expect("pipeline"));
    let report = pm.run(ctx, m);
    if report.failed {
        return Err(format!("{p} failed: {:?}", report.diagnostics));
    }
    Ok(())
}

fn check(src: &str, inputs: &[Tensor]) -> Result<(), String> {
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "t.mlir", src, &Default::default())
        .map_err(|e| format!("{src}parse: {e:?}"))?;
    strata_ir::verify::verify_module(&ctx, &m).map_err(|e| format!("{src}verify: {e:?}"))?;
    let mut want = Vec::new();
    for c in [false, true] {
        for c2 in [false, true] {
            let mut ins = vec![Tensor::scalar(c), Tensor::scalar(c2)];
            ins.extend_from_slice(inputs);
            let r = Interpreter::new(&ctx, &m)
                .run("f", &ins)
                .map_err(|e| format!("{src}graph: {e:?}"))?;
            want.push((ins, format!("{r:?}")));
        }
    }
    run_pipeline(&ctx, &mut m, "graph-to-tensor{full=true},tensor-generalize")
        .map_err(|e| format!("{src}{e}"))?;
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    if text.contains("graph.") || !text.contains("loop.if") {
        return Err(format!("{src}converted:\n{text}"));
    }
    for (ins, w) in &want {
        let r = Interpreter::new(&ctx, &m)
            .run("f", ins)
            .map_err(|e| format!("{src}tensor: {e:?}"))?;
        if &format!("{r:?}") != w {
            return Err(format!(
                "{src}{text}\ninputs {ins:?}\ngraph {w}\ntensor {r:?}"
            ));
        }
    }
    run_pipeline(&ctx, &mut m, "bufferize,plan-memory,tensor-to-loop")
        .map_err(|e| format!("{src}{e}"))?;
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    for (ins, w) in &want {
        let r = Interpreter::new(&ctx, &m)
            .run_out_params("f", ins.clone())
            .map_err(|e| format!("{src}{text}loop: {e:?}"))?;
        if &format!("{r:?}") != w {
            return Err(format!(
                "{src}{text}\ninputs {ins:?}\ngraph {w}\nloop {r:?}"
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn run_time_if_keeps_results(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let (src, shape) = case(&mut rng);
        let inputs = [rng.data(&shape), rng.data(&shape)];
        if let Err(e) = check(&src, &inputs) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// A counted `graph.loop` with a run-time trip count: one or two carried values, a body of
/// element-wise chains that may read the iteration number and values from outside.
fn loop_case(rng: &mut Rng) -> (String, Vec<usize>, usize) {
    let shape: Vec<usize> = (0..1 + rng.below(2)).map(|_| 1 + rng.below(3)).collect();
    let dims: String = shape.iter().map(|d| format!("{d}x")).collect();
    let t = format!("tensor<{dims}f32>");
    let n = 1 + rng.below(2);
    let carried: Vec<String> = (0..n).map(|j| format!("%y{j}")).collect();
    let mut s = format!(
        "func.func @f(%m: tensor<i64>, %a: {t}, %b: {t}) -> ({}) {{\n",
        vec![t.as_str(); n].join(", ")
    );
    s += "    %c = \"graph.constant\"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>\n";
    let inits: Vec<&str> = (0..n).map(|j| if j == 0 { "%a" } else { "%b" }).collect();
    let tys = vec![t.as_str(); n].join(", ");
    s += &format!(
        "    %r:{n} = \"graph.loop\"(%m, %c, {}) ({{\n",
        inits.join(", ")
    );
    let params: Vec<String> = carried.iter().map(|c| format!("{c}: {t}")).collect();
    s += &format!(
        "  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, {}):\n",
        params.join(", ")
    );
    s += "    %f = \"graph.cast\"(%i) <{to = f32}> : (tensor<i64>) -> tensor<f32>\n";
    s += &format!("    %fi = \"graph.mul\"(%b, %f) : ({t}, tensor<f32>) -> {t}\n");
    let mut vals: Vec<&str> = carried.iter().map(String::as_str).collect();
    vals.extend(["%a", "%fi"]);
    let mut outs = Vec::new();
    for j in 0..n {
        outs.push(chain(rng, &format!("p{j}"), &vals, &t, &mut s));
    }
    // Swapped carried values, sometimes (a yielded carried argument).
    if n == 2 && rng.below(2) == 0 {
        outs[1] = carried[0].clone();
    }
    let yc = if rng.below(2) == 0 { "%ci" } else { "%c" };
    s += &format!(
        "    \"graph.yield\"({yc}, {}) : (tensor<i1>, {tys}) -> ()\n",
        outs.join(", ")
    );
    s += &format!("  }}) : (tensor<i64>, tensor<i1>, {tys}) -> ({tys})\n");
    let rs: Vec<String> = (0..n).map(|j| format!("%r#{j}")).collect();
    s += &format!("    return {} : {tys}\n}}\n", rs.join(", "));
    (s, shape, n)
}

fn check_loop(src: &str, inputs: &[Tensor]) -> Result<(), String> {
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "t.mlir", src, &Default::default())
        .map_err(|e| format!("{src}parse: {e:?}"))?;
    strata_ir::verify::verify_module(&ctx, &m).map_err(|e| format!("{src}verify: {e:?}"))?;
    let mut want = Vec::new();
    for trip in [0i64, 1, 3, -2] {
        let mut ins = vec![Tensor::scalar(trip)];
        ins.extend_from_slice(inputs);
        let r = Interpreter::new(&ctx, &m)
            .run("f", &ins)
            .map_err(|e| format!("{src}graph: {e:?}"))?;
        want.push((ins, format!("{r:?}")));
    }
    run_pipeline(
        &ctx,
        &mut m,
        "unroll-regions,graph-to-tensor{full=true},tensor-generalize",
    )
    .map_err(|e| format!("{src}{e}"))?;
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    if text.contains("graph.") || !text.contains("loop.for") {
        return Err(format!("{src}converted:\n{text}"));
    }
    for (ins, w) in &want {
        let r = Interpreter::new(&ctx, &m)
            .run("f", ins)
            .map_err(|e| format!("{src}tensor: {e:?}"))?;
        if &format!("{r:?}") != w {
            return Err(format!(
                "{src}{text}\ninputs {ins:?}\ngraph {w}\ntensor {r:?}"
            ));
        }
    }
    run_pipeline(&ctx, &mut m, "bufferize,plan-memory,tensor-to-loop")
        .map_err(|e| format!("{src}{e}"))?;
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    for (ins, w) in &want {
        let r = Interpreter::new(&ctx, &m)
            .run_out_params("f", ins.clone())
            .map_err(|e| format!("{src}{text}loop: {e:?}"))?;
        if &format!("{r:?}") != w {
            return Err(format!(
                "{src}{text}\ninputs {ins:?}\ngraph {w}\nloop {r:?}"
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn run_time_trip_count_keeps_results(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let (src, shape, _) = loop_case(&mut rng);
        let inputs = [rng.data(&shape), rng.data(&shape)];
        if let Err(e) = check_loop(&src, &inputs) {
            prop_assert!(false, "{}", e);
        }
    }
}

#[test]
fn regions_of_different_shapes_are_refused() {
    common::assert_refused(
        r#"
func.func @f(%c: tensor<i1>, %a: tensor<3xf32>, %b: tensor<4xf32>) -> tensor<?xf32> {
  %r = "graph.if"(%c) ({
    "graph.yield"(%a) : (tensor<3xf32>) -> ()
  }, {
    "graph.yield"(%b) : (tensor<4xf32>) -> ()
  }) : (tensor<i1>) -> tensor<?xf32>
  return %r : tensor<?xf32>
}
"#,
        "if",
    );
}

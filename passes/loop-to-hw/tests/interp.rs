//! Soundness of `loop-to-hw` against the reference interpreter: random loop-level programs
//! (2-D element-wise nests as `loop.parallel`, `loop.for` and mixed nests over random
//! shapes, most of them not multiples of the vector width; broadcast loads with invariant
//! indices; the induction variable used as a value; expression trees of `arith`/`math` ops
//! on f32, f64, i8, i16, i32 and i64; integer and float reductions carried through
//! `loop.for`; read-modify-write of the output, and reads of output elements that other
//! iterations write, which must stay scalar) give bit-identical results before and after the pass, for vector widths
//! from 64 to 512 bits, with and without workers; across the fixed seeds the pass does
//! vectorise, peel remainders, vectorise integer reductions and create `hw.parallel` ops.

use proptest::prelude::*;
use strata_interp::{Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

/// A small deterministic generator (a linear congruential generator).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 11
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Nest {
    Parallel2,
    ForFor,
    ForParallel,
    Reduce,
}

struct Prog {
    elem: &'static str,
    rows: usize,
    cols: usize,
    text: String,
}

fn is_float(elem: &str) -> bool {
    elem.starts_with('f')
}

/// A random expression over the leaves, printed into `lines`; returns its SSA name.
fn expr(
    rng: &mut Rng,
    elem: &str,
    leaves: &[String],
    depth: usize,
    lines: &mut Vec<String>,
) -> String {
    if depth == 0 || rng.below(3) == 0 {
        return rng.pick(leaves).clone();
    }
    let a = expr(rng, elem, leaves, depth - 1, lines);
    if is_float(elem) && rng.below(6) == 0 {
        let f = rng.pick(&["math.absf", "arith.negf", "math.floor"]);
        let name = format!("%e{}", lines.len());
        lines.push(format!("{name} = {f} {a} : {elem}"));
        return name;
    }
    let b = expr(rng, elem, leaves, depth - 1, lines);
    let name = format!("%e{}", lines.len());
    let op = if is_float(elem) {
        *rng.pick(&[
            "arith.addf",
            "arith.subf",
            "arith.mulf",
            "arith.divf",
            "arith.maximumf",
            "arith.minimumf",
        ])
    } else {
        *rng.pick(&[
            "arith.addi",
            "arith.subi",
            "arith.muli",
            "arith.xori",
            "arith.andi",
            "arith.ori",
            "arith.maxsi",
            "arith.minui",
        ])
    };
    lines.push(format!("{name} = {op} {a}, {b} : {elem}"));
    name
}

fn gen(rng: &mut Rng) -> Prog {
    let elem = *rng.pick(&["f32", "f64", "i8", "i16", "i32", "i64"]);
    let rows = 1 + rng.below(4);
    let cols = 1 + rng.below(21);
    let nest = *rng.pick(&[
        Nest::Parallel2,
        Nest::ForFor,
        Nest::ForParallel,
        Nest::Reduce,
    ]);
    let m2 = format!("memref<{rows}x{cols}x{elem}>");
    let m1 = format!("memref<{rows}x{elem}>");
    let mut body = Vec::new();
    // Read-modify-write of the output (same indices: still vectorisable) or a plain input.
    let a_src = if rng.below(3) == 0 { "%out" } else { "%in0" };
    body.push(format!(
        "%a = \"loop.load\"({a_src}, %i, %j) : ({m2}, index, index) -> {elem}"
    ));
    body.push(format!(
        "%b = \"loop.load\"(%in1, %i, %j) : ({m2}, index, index) -> {elem}"
    ));
    body.push(format!(
        "%c = \"loop.load\"(%bias, %i) : ({m1}, index) -> {elem}"
    ));
    let mut leaves = vec!["%a".to_string(), "%b".to_string(), "%c".to_string()];
    if rng.below(6) == 0 {
        // An element of the output that an earlier iteration may have written: the loop
        // must stay scalar.
        body.push(format!(
            "%d = \"loop.load\"(%out, %i, %c0) : ({m2}, index, index) -> {elem}"
        ));
        leaves.push("%d".to_string());
    }
    if rng.below(2) == 0 {
        leaves.push("%k".to_string());
    }
    if rng.below(2) == 0 {
        if is_float(elem) {
            body.push("%ji = arith.index_cast %j : index to i64".into());
            body.push(format!("%jv = arith.sitofp %ji : i64 to {elem}"));
        } else {
            body.push(format!("%jv = arith.index_cast %j : index to {elem}"));
        }
        leaves.push("%jv".to_string());
    }
    let mut lines = Vec::new();
    let e = expr(rng, elem, &leaves, 3, &mut lines);
    body.extend(lines);
    let k = if is_float(elem) {
        "%k = arith.constant 1.500000e+00 : ".to_string() + elem
    } else {
        format!("%k = arith.constant 3 : {elem}")
    };
    let seg2 = "<{operandSegmentSizes = array<i32: 2, 2, 2, 0>}>";
    let seg1 = "<{operandSegmentSizes = array<i32: 1, 1, 1, 0>}>";
    let store = format!("\"loop.store\"({e}, %out, %i, %j) : ({elem}, {m2}, index, index) -> ()");
    let inner = |body: &[String], extra: &str| {
        let mut s = String::new();
        for l in body {
            s.push_str(&format!("      {l}\n"));
        }
        s.push_str(&format!("      {extra}\n"));
        s
    };
    let loops = match nest {
        Nest::Parallel2 => format!(
            "  \"loop.parallel\"(%c0, %c0, %rows, %cols, %c1, %c1) {seg2} ({{\n  ^bb0(%i: index, %j: index):\n{}      \"loop.yield\"() : () -> ()\n  }}) : (index, index, index, index, index, index) -> ()\n",
            inner(&body, &store)
        ),
        Nest::ForFor | Nest::ForParallel => {
            let (name, seg) = if nest == Nest::ForFor {
                ("loop.for", "")
            } else {
                ("loop.parallel", seg1)
            };
            format!(
                "  \"loop.for\"(%c0, %rows, %c1) ({{\n  ^bb0(%i: index):\n    \"{name}\"(%c0, %cols, %c1) {seg} ({{\n    ^bb0(%j: index):\n{}      \"loop.yield\"() : () -> ()\n    }}) : (index, index, index) -> ()\n    \"loop.yield\"() : () -> ()\n  }}) : (index, index, index) -> ()\n",
                inner(&body, &store)
            )
        }
        Nest::Reduce => {
            let comb = if is_float(elem) {
                *rng.pick(&["arith.addf", "arith.maximumf"])
            } else {
                *rng.pick(&["arith.addi", "arith.muli", "arith.xori", "arith.maxsi", "arith.minui", "arith.andi"])
            };
            let (acc_a, acc_b) = if rng.below(2) == 0 { ("%acc", e.as_str()) } else { (e.as_str(), "%acc") };
            let red = format!("%next = {comb} {acc_a}, {acc_b} : {elem}\n      \"loop.yield\"(%next) : ({elem}) -> ()");
            format!(
                "  \"loop.parallel\"(%c0, %rows, %c1) {seg1} ({{\n  ^bb0(%i: index):\n    %init = \"loop.load\"(%bias, %i) : ({m1}, index) -> {elem}\n    %s = \"loop.for\"(%c0, %cols, %c1, %init) ({{\n    ^bb0(%j: index, %acc: {elem}):\n{}    }}) : (index, index, index, {elem}) -> {elem}\n    \"loop.store\"(%s, %red, %i) : ({elem}, {m1}, index) -> ()\n    \"loop.yield\"() : () -> ()\n  }}) : (index, index, index) -> ()\n",
                inner(&body, &red)
            )
        }
    };
    let text = format!(
        "func.func @f(%in0: {m2}, %in1: {m2}, %bias: {m1}, %out: {m2}, %red: {m1}) -> ({m2}, {m1}) {{\n  %c0 = arith.constant 0 : index\n  %c1 = arith.constant 1 : index\n  %rows = arith.constant {rows} : index\n  %cols = arith.constant {cols} : index\n  {k}\n{loops}  return %out, %red : {m2}, {m1}\n}}\n"
    );
    Prog {
        elem,
        rows,
        cols,
        text,
    }
}

fn values(rng: &mut Rng, elem: &str, n: usize) -> Tensor {
    let shape_n = n;
    match elem {
        "f32" => Tensor::from_vec(
            vec![shape_n],
            (0..n)
                .map(|_| (rng.below(64) as f32 - 32.0) / 8.0)
                .collect(),
        ),
        "f64" => Tensor::from_vec(
            vec![shape_n],
            (0..n)
                .map(|_| (rng.next() % 100_000) as f64 / 997.0 - 50.0)
                .collect(),
        ),
        "i8" => Tensor::from_vec(vec![shape_n], (0..n).map(|_| rng.next() as i8).collect()),
        "i16" => Tensor::from_vec(vec![shape_n], (0..n).map(|_| rng.next() as i16).collect()),
        "i32" => Tensor::from_vec(vec![shape_n], (0..n).map(|_| rng.next() as i32).collect()),
        _ => Tensor::from_vec(vec![shape_n], (0..n).map(|_| rng.next() as i64).collect()),
    }
    .expect("the element count matches the shape")
}

fn inputs(rng: &mut Rng, p: &Prog) -> Vec<Tensor> {
    let (r, c) = (p.rows, p.cols);
    let two = |rng: &mut Rng| {
        values(rng, p.elem, r * c)
            .reshape(vec![r, c])
            .expect("r*c elements")
    };
    vec![
        two(rng),
        two(rng),
        values(rng, p.elem, r),
        two(rng),
        values(rng, p.elem, r),
    ]
}

/// Parse `src`, run `pipeline` (when not empty), verify, and interpret `@f`.
fn run(src: &str, pipeline: &str, inputs: &[Tensor]) -> (Vec<Tensor>, String) {
    let ctx = strata::default_context();
    let mut m =
        strata_ir::text::parse(&ctx, "prop.mlir", src, &Default::default()).unwrap_or_else(|d| {
            panic!(
                "parse: {:?}\n{src}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        });
    if !pipeline.is_empty() {
        let pm = PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("pipeline"));
        let report = pm.run(&ctx, &mut m);
        assert!(
            !report.failed,
            "{pipeline} failed: {:?}\n{src}",
            report
                .diagnostics
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        );
    }
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    strata_ir::verify::verify_module(&ctx, &m).unwrap_or_else(|d| {
        panic!(
            "verify: {:?}\n{text}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    });
    let out = Interpreter::new(&ctx, &m)
        .run("f", inputs)
        .unwrap_or_else(|d| panic!("interp: {}\n{text}", d.message));
    (out, text)
}

fn assert_bit_exact(want: &[Tensor], got: &[Tensor], what: &str) {
    assert_eq!(want.len(), got.len(), "result count\n{what}");
    for (k, (w, g)) in want.iter().zip(got).enumerate() {
        assert_eq!(w.shape(), g.shape(), "result {k} shape\n{what}");
        for (i, (a, b)) in w.to_f64_vec().into_iter().zip(g.to_f64_vec()).enumerate() {
            assert!(
                a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                "result {k} element {i}: {a} before vs {b} after\n{what}"
            );
        }
    }
}

/// What the pass did to one program.
#[derive(Default)]
struct Seen {
    vectorized: usize,
    peeled: usize,
    reductions: usize,
    workers: usize,
}

fn check(seed: u64) -> Seen {
    // Name the registration so that the linker keeps it in this test binary.
    assert_eq!(strata_loop_to_hw::LOOP_TO_HW.name, "loop-to-hw");
    let mut rng = Rng(seed);
    let p = gen(&mut rng);
    let ins = inputs(&mut rng, &p);
    let bits = *rng.pick(&[64u32, 128, 256, 512]);
    let workers = rng.below(2) == 0;
    let pipeline = format!("loop-to-hw{{vector-bits={bits} workers={workers}}}");
    let (want, _) = run(&p.text, "", &ins);
    let (got, after) = run(&p.text, &pipeline, &ins);
    assert_bit_exact(&want, &got, &format!("{pipeline}\n{}\n{after}", p.text));
    let mut seen = Seen::default();
    if after.contains("hw.load") {
        seen.vectorized = 1;
        // A vector loop and a scalar loop both load %in0.
        seen.peeled = usize::from(after.contains("\"loop.load\"(%arg0"));
    }
    seen.reductions = usize::from(after.contains("hw.reduction"));
    seen.workers = usize::from(after.contains("hw.parallel"));
    seen
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn vectorized_programs_keep_interpreter_results(seed in any::<u64>()) {
        let _ = check(seed);
    }
}

/// 300 fixed seeds; between them every part of the pass is exercised.
#[test]
fn fixed_seeds() {
    let mut total = Seen::default();
    for seed in 0..300 {
        let s = check(seed);
        total.vectorized += s.vectorized;
        total.peeled += s.peeled;
        total.reductions += s.reductions;
        total.workers += s.workers;
    }
    eprintln!(
        "300 programs: {} vectorised, {} with a peeled remainder, {} with a vectorised \
         reduction, {} with workers",
        total.vectorized, total.peeled, total.reductions, total.workers
    );
    assert!(
        total.vectorized > 50,
        "only {} programs vectorised",
        total.vectorized
    );
    assert!(total.peeled > 20, "only {} remainders peeled", total.peeled);
    assert!(
        total.reductions > 5,
        "only {} reductions vectorised",
        total.reductions
    );
    assert!(
        total.workers > 50,
        "only {} programs with workers",
        total.workers
    );
}

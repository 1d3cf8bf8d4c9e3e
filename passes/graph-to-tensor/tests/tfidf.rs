//! `tfidf_vectorizer` gives bit-identical results before and after
//! `graph-to-tensor{full=true},tensor-generalize` on random pools (repeated n-grams with
//! different output indexes, lengths outside the counted range, tokens an `i32` cannot
//! hold), random token rows (rank 1 and 2, `i32` and `i64`, few distinct tokens so that
//! n-grams match), every mode, with and without weights, skips longer than the rows.

mod common;

use proptest::prelude::*;
use strata_interp::{Interpreter, Tensor};
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

fn arr(v: &[i64]) -> String {
    let s: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    format!("array<i64: {}>", s.join(", "))
}

/// A random case: the program and its input.
fn case(rng: &mut Rng) -> (String, Tensor) {
    let i64_ = rng.below(2) == 0;
    let elem = if i64_ { "i64" } else { "i32" };
    let min = 1 + rng.below(3);
    let max = min + rng.below(2);
    let skip = rng.below(4);
    // Pool sections for lengths 1..=L (some empty), tokens in 0..4, sometimes huge.
    let sections = 1 + rng.below(3);
    let mut counts = Vec::new();
    let mut pool = Vec::new();
    let mut grams = 0usize;
    for len in 1..=sections {
        counts.push(pool.len() as i64);
        for _ in 0..rng.below(4) {
            for _ in 0..len {
                let t = if rng.below(20) == 0 {
                    1i64 << 40
                } else {
                    rng.below(4) as i64
                };
                pool.push(t);
            }
            grams += 1;
        }
    }
    if grams == 0 {
        counts = vec![0];
        pool = vec![rng.below(4) as i64];
        grams = 1;
    }
    let width = 1 + rng.below(grams + 2);
    let indexes: Vec<i64> = (0..grams).map(|_| rng.below(width) as i64).collect();
    let size = *indexes.iter().max().expect("one gram") as usize + 1;
    let mode = ["TF", "IDF", "TFIDF"][rng.below(3)];
    let weights = if rng.below(2) == 0 {
        let w: Vec<String> = (0..size)
            .map(|_| format!("{:.3}", rng.below(1000) as f64 / 37.0))
            .collect();
        format!(", weights = array<f32: {}>", w.join(", "))
    } else {
        String::new()
    };
    let cols = 1 + rng.below(8);
    let rank2 = rng.below(2) == 0;
    let rows = 1 + rng.below(3);
    let (xshape, oshape) = if rank2 {
        (vec![rows, cols], vec![rows, size])
    } else {
        (vec![cols], vec![size])
    };
    let n: usize = xshape.iter().product();
    let toks: Vec<i64> = (0..n).map(|_| rng.below(4) as i64).collect();
    let x = if i64_ {
        Tensor::from_vec(xshape.clone(), toks).expect("i64 tokens")
    } else {
        let t: Vec<i32> = toks.iter().map(|&t| t as i32).collect();
        Tensor::from_vec(xshape.clone(), t).expect("i32 tokens")
    };
    let ty = |s: &[usize], e: &str| {
        let d: Vec<String> = s.iter().map(|d| d.to_string()).collect();
        format!("tensor<{}x{e}>", d.join("x"))
    };
    let (xt, ot) = (ty(&xshape, elem), ty(&oshape, "f32"));
    let src = format!(
        "func.func @f(%x: {xt}) -> {ot} {{\n  %0 = \"graph.tfidf_vectorizer\"(%x) <{{min_gram_length = {min} : i64, max_gram_length = {max} : i64, max_skip_count = {skip} : i64, mode = \"{mode}\", ngram_counts = {}, ngram_indexes = {}, pool_int64s = {}{weights}}}> : ({xt}) -> {ot}\n  return %0 : {ot}\n}}\n",
        arr(&counts),
        arr(&indexes),
        arr(&pool)
    );
    (src, x)
}

fn check(seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed);
    let (src, x) = case(&mut rng);
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "t.mlir", &src, &Default::default())
        .map_err(|e| format!("{src}parse: {e:?}"))?;
    let inputs = [x];
    let before = Interpreter::new(&ctx, &m).run("f", &inputs);
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
    let after = Interpreter::new(&ctx, &m).run("f", &inputs);
    match (before, after) {
        (Ok(b), Ok(a)) if b == a => Ok(()),
        (b, a) => Err(format!("{src}inputs {inputs:?}\nbefore {b:?}\nafter {a:?}")),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn tfidf_keeps_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
}

/// A pool whose windows exceed the work bound stays a graph op, with a diagnostic naming it.
#[test]
fn huge_windows_are_refused() {
    let rows = 1 << 14;
    let cols = 1 << 12;
    let src = format!(
        "func.func @f(%x: tensor<{rows}x{cols}xi64>) -> tensor<{rows}x2xf32> {{\n  %0 = \"graph.tfidf_vectorizer\"(%x) <{{min_gram_length = 2 : i64, max_gram_length = 2 : i64, max_skip_count = 3 : i64, mode = \"TF\", ngram_counts = array<i64: 0, 0>, ngram_indexes = array<i64: 0, 1>, pool_int64s = array<i64: 1, 2, 3, 4>}}> : (tensor<{rows}x{cols}xi64>) -> tensor<{rows}x2xf32>\n  return %0 : tensor<{rows}x2xf32>\n}}\n"
    );
    common::assert_refused(&src, "tfidf_vectorizer");
}

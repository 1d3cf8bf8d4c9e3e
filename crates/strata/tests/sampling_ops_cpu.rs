//! Ops with compile-time tables or run-time sampling compiled for the host CPU:
//! `tfidf_vectorizer` (skips, repeated n-grams, every mode), at sizes above the
//! conformance cases, compiled into one module and run with one thread and with four.
//! Results must equal the interpreter's exactly (counts are integers; the weights are
//! applied in `f64` and rounded once, as the interpreter does) and be the same bytes for
//! both thread counts.

use strata_interp::{Interpreter, Tensor};

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
fn cases() -> Vec<(String, String, Vec<Tensor>)> {
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
    out
}

#[test]
fn sampling_ops_compiled_match_the_interpreter() {
    let cases = cases();
    let src: String = cases.iter().map(|c| c.1.as_str()).collect();
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "sampling.mlir", &src, &Default::default())
        .expect("the cases parse");
    let opts = strata::Options {
        threads: 1,
        opt_level: 1,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts)
        .unwrap_or_else(|e| panic!("compiling the sampling ops: {e}"));
    let one = compiled.program().expect("compiled to native code");
    let four = strata::runtime::Program::load(compiled.artifact.clone(), 4)
        .expect("the artifact loads again");
    for (name, _, inputs) in &cases {
        let want = Interpreter::new(&ctx, &m)
            .run(name, inputs)
            .unwrap_or_else(|e| panic!("{name} on the interpreter: {e:?}"));
        let got = one
            .run_entry(Some(name), inputs)
            .unwrap_or_else(|e| panic!("{name} compiled: {}", e.0));
        let got4 = four
            .run_entry(Some(name), inputs)
            .unwrap_or_else(|e| panic!("{name} on four threads: {}", e.0));
        assert_eq!(format!("{want:?}"), format!("{got:?}"), "{name}");
        assert_eq!(
            format!("{got:?}"),
            format!("{got4:?}"),
            "{name}: 1 vs 4 threads"
        );
    }
}

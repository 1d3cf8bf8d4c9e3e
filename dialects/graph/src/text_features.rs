//! Text-feature ops: `tfidf_vectorizer` (ONNX `TfIdfVectorizer`, opset 9), the n-gram
//! counter of classical text pipelines over integer token ids.
//!
//! The pool of n-grams is an attribute (`pool_int64s`, grouped by n-gram length with
//! `ngram_counts` giving where each length starts), so the op is a pure function of its
//! token tensor; the verifier checks the pool's structure so that the interpreter and any
//! lowering can index it without further checks.

use crate::attr::{float_array_c, i64_array_req, i64_c, string_c, Attrs};
use crate::util::{operands, Elems};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, Attribute, Context, Traits, Type};

/// The validated attributes of a `tfidf_vectorizer`.
#[derive(Clone, Debug, PartialEq)]
pub struct TfIdfSpec {
    /// Shortest n-gram counted (>= 1).
    pub min_gram_length: usize,
    /// Longest n-gram counted (>= `min_gram_length`).
    pub max_gram_length: usize,
    /// The most items skipped between consecutive n-gram items (>= 0).
    pub max_skip_count: usize,
    /// `"TF"`, `"IDF"` or `"TFIDF"`.
    pub mode: &'static str,
    /// The pool's n-grams in order, each with its output index.
    pub grams: Vec<(Vec<i64>, usize)>,
    /// Per output index weights (`IDF`/`TFIDF`), or empty.
    pub weights: Vec<f64>,
    /// The output's last dimension: `max(ngram_indexes) + 1`.
    pub output_size: usize,
}

/// Bound on pool and output sizes, so that a malformed op cannot request a huge output.
const MAX_POOL: usize = 1 << 24;

/// Read and check the attributes of a `tfidf_vectorizer` (`dict`: its property dictionary).
///
/// The pool is cut into sections by `ngram_counts` (ascending start offsets, the first 0):
/// section `k` holds n-grams of length `k + 1`, so its size must be a multiple of `k + 1`.
/// The `j`-th n-gram of the pool (in pool order) is counted into output
/// `ngram_indexes[j]`; n-grams of lengths outside `[min_gram_length, max_gram_length]` keep
/// their position in that numbering but are never counted.
pub fn tfidf_spec(ctx: &Context, dict: Attribute) -> Result<TfIdfSpec, String> {
    let a = Attrs::new(ctx, dict);
    let nonneg = |name: &str, v: i64| {
        usize::try_from(v).map_err(|_| format!("attribute '{name}' must be >= 0, but got {v}"))
    };
    let min = nonneg("min_gram_length", a.i64_req("min_gram_length")?)?;
    let max = nonneg("max_gram_length", a.i64_req("max_gram_length")?)?;
    let skip = nonneg("max_skip_count", a.i64_req("max_skip_count")?)?;
    if min < 1 || max < min {
        return Err(format!(
            "requires 1 <= min_gram_length <= max_gram_length, but got {min} and {max}"
        ));
    }
    let mode = a.choice("mode", "TF", &["TF", "IDF", "TFIDF"])?;
    if !a.has("mode") {
        return Err("requires attribute 'mode'".to_string());
    }
    let counts = a.ints("ngram_counts")?.unwrap_or_default();
    let indexes = a.ints("ngram_indexes")?.unwrap_or_default();
    let pool = a.ints("pool_int64s")?.unwrap_or_default();
    if pool.len() > MAX_POOL {
        return Err(format!("pool of {} items exceeds {MAX_POOL}", pool.len()));
    }
    if counts.first().is_some_and(|&c| c != 0) {
        return Err("'ngram_counts' must start with 0".to_string());
    }
    let mut grams = Vec::new();
    for (k, &start) in counts.iter().enumerate() {
        let end = counts.get(k + 1).copied().unwrap_or(pool.len() as i64);
        if start < 0 || end < start || end > pool.len() as i64 {
            return Err(format!(
                "'ngram_counts' must be ascending offsets into the pool of {} items, but got {counts:?}",
                pool.len()
            ));
        }
        let len = k + 1;
        let section = &pool[start as usize..end as usize];
        if section.len() % len != 0 {
            return Err(format!(
                "pool section {k} holds {} items, not a whole number of {len}-grams",
                section.len()
            ));
        }
        for g in section.chunks(len) {
            grams.push(g.to_vec());
        }
    }
    if indexes.len() != grams.len() {
        return Err(format!(
            "'ngram_indexes' has {} entries but the pool holds {} n-grams",
            indexes.len(),
            grams.len()
        ));
    }
    let mut output_size = 0usize;
    let mut numbered = Vec::with_capacity(grams.len());
    for (g, &ix) in grams.into_iter().zip(&indexes) {
        let ix = usize::try_from(ix)
            .ok()
            .filter(|&i| i < MAX_POOL)
            .ok_or_else(|| format!("'ngram_indexes' entry {ix} is out of range"))?;
        output_size = output_size.max(ix + 1);
        numbered.push((g, ix));
    }
    if numbered.is_empty() {
        return Err("the pool must hold at least one n-gram".to_string());
    }
    let weights = a.floats("weights")?.unwrap_or_default();
    if !weights.is_empty() && weights.len() < output_size {
        return Err(format!(
            "'weights' has {} entries but the output has {output_size}",
            weights.len()
        ));
    }
    Ok(TfIdfSpec {
        min_gram_length: min,
        max_gram_length: max,
        max_skip_count: skip,
        mode,
        grams: numbered,
        weights,
        output_size,
    })
}

/// Inference of `tfidf_vectorizer`: a rank-1 (`C`) or rank-2 (`B x C`) integer tensor gives
/// `f32` counts of shape `output_size` or `B x output_size`.
pub fn infer_tfidf(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Int)?;
    let spec = tfidf_spec(ctx, attrs)?;
    let out = spec.output_size as i64;
    let shape = match ops[0].shape {
        [_] => vec![out],
        [b, _] => vec![*b, out],
        s => {
            return Err(format!(
                "input must have rank 1 or 2, but has rank {}",
                s.len()
            ))
        }
    };
    Ok(vec![ctx.tensor_type(&shape, ctx.f32())])
}

op! {
    /// N-gram term frequencies of integer token sequences (ONNX `TfIdfVectorizer`, opset 9,
    /// integer pool). The input holds one sequence (`C`) or a batch of rows (`B x C`); the
    /// result (`f32`) holds, per row, one value per output index.
    ///
    /// For every skip distance `d` in `1 ..= max_skip_count + 1` and every start position
    /// `s`, the items `x[s], x[s + d], x[s + 2d], ...` form n-grams of each length `n` in
    /// `[min_gram_length, max_gram_length]` that fits in the row; each that is in the pool
    /// adds one to the count of its output index. Unigrams do not depend on `d` and are
    /// counted in the first pass only. Then `mode` `"TF"` gives the counts, `"IDF"` gives
    /// `weights[i]` (1 without weights) where the count is positive and 0 elsewhere, and
    /// `"TFIDF"` gives `weights[i] * count` (the count without weights). `pool_int64s`,
    /// `ngram_counts` (start of each n-gram length's section of the pool) and
    /// `ngram_indexes` (the output index of each pooled n-gram) are required.
    ///
    /// ```mlir
    /// %0 = "graph.tfidf_vectorizer"(%x) <{max_gram_length = 2 : i64, max_skip_count = 0 : i64, min_gram_length = 1 : i64, mode = "TF", ngram_counts = array<i64: 0, 2>, ngram_indexes = array<i64: 0, 1, 2>, pool_int64s = array<i64: 2, 3, 2, 3>}> : (tensor<2x6xi32>) -> tensor<2x3xf32>
    /// ```
    pub struct TfIdfVectorizerOp = "graph.tfidf_vectorizer";
    summary: "n-gram frequencies of integer token sequences";
    operands: [input];
    results: [output];
    attrs: [min_gram_length = "min_gram_length", max_gram_length = "max_gram_length",
            max_skip_count = "max_skip_count", mode = "mode", ngram_counts = "ngram_counts",
            ngram_indexes = "ngram_indexes", pool_int64s = "pool_int64s", weights = "weights"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: None,
        result_type: None,
        attrs: &[i64_c("min_gram_length"), i64_c("max_gram_length"), i64_c("max_skip_count"),
                 string_c("mode"), i64_array_req("ngram_counts"), i64_array_req("ngram_indexes"),
                 i64_array_req("pool_int64s"), float_array_c("weights")],
        verify: Some(verify_inferred),
        infer: Some(infer_tfidf),
    }
}

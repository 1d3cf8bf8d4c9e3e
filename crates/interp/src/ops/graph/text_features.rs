//! Semantics of the text-feature ops: `tfidf_vectorizer` (n-gram counts of integer token
//! sequences, ONNX `TfIdfVectorizer`).
//!
//! The pool is read and checked by the dialect ([`strata_dialect_graph::text_features::tfidf_spec`]);
//! counting looks each candidate n-gram up in an ordered map from n-gram to output index.
//! When the pool repeats an n-gram, its last entry's output index wins, as in ONNX's
//! reference (which overwrites the trie node's id).

use super::{int_values, operands, Cx};
use crate::dtype::DType;
use crate::error::Result;
use crate::ops::{Sem, Table};
use crate::tensor::Tensor;
use std::collections::BTreeMap;
use strata_dialect_graph::text_features::tfidf_spec;

pub(crate) fn register(t: &mut Table) {
    t.insert("graph.tfidf_vectorizer", Sem::Compute(tfidf_vectorizer));
}

fn tfidf_vectorizer(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let spec = tfidf_spec(cx.ctx, cx.body.op(cx.op).props)?;
    let (rows, cols, out_shape) = match *x.shape() {
        [c] => (1, c, vec![spec.output_size]),
        [b, c] => (b, c, vec![b, spec.output_size]),
        _ => crate::error::bail!("expected a rank-1 or rank-2 tensor, got {}", x.type_str()),
    };
    cx.numel(&out_shape)?;
    let windows = spec.max_gram_length.saturating_mul(spec.max_skip_count + 1);
    cx.work(&[x.len(), windows.max(1)])?;
    let tokens = int_values(x)?;
    let lengths = spec.min_gram_length..=spec.max_gram_length;
    let mut pool: BTreeMap<Vec<i128>, usize> = BTreeMap::new();
    for (gram, ix) in &spec.grams {
        if lengths.contains(&gram.len()) {
            pool.insert(gram.iter().map(|&v| v as i128).collect(), *ix);
        }
    }
    let mut counts = vec![0u64; rows * spec.output_size];
    let mut gram = Vec::with_capacity(spec.max_gram_length);
    for r in 0..rows {
        let row = &tokens[r * cols..(r + 1) * cols];
        for d in 1..=spec.max_skip_count + 1 {
            // Unigrams do not depend on the skip distance: only the first pass counts them.
            let shortest = if d == 1 {
                spec.min_gram_length
            } else {
                spec.min_gram_length.max(2)
            };
            if shortest > spec.max_gram_length {
                break;
            }
            for start in 0..cols {
                gram.clear();
                for n in 1..=spec.max_gram_length {
                    let Some(&tok) = (n - 1)
                        .checked_mul(d)
                        .and_then(|o| o.checked_add(start))
                        .and_then(|p| row.get(p))
                    else {
                        break;
                    };
                    gram.push(tok);
                    if n >= shortest {
                        if let Some(&ix) = pool.get(&gram) {
                            counts[r * spec.output_size + ix] += 1;
                        }
                    }
                }
            }
        }
    }
    let out: Vec<f64> = counts
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let w = spec.weights.get(k % spec.output_size).copied();
            match spec.mode {
                "TF" => c as f64,
                "IDF" => {
                    if c > 0 {
                        w.unwrap_or(1.0)
                    } else {
                        0.0
                    }
                }
                _ => w.unwrap_or(1.0) * c as f64,
            }
        })
        .collect();
    Ok(vec![Tensor::from_f64s(DType::F32, out_shape, &out)?])
}

//! `graph.tfidf_vectorizer` on signless integer tokens (ONNX `TfIdfVectorizer`), counted as
//! the interpreter does (`crates/interp/src/ops/graph/text_features.rs`).
//!
//! The pool is an attribute, so everything but the tokens is known at compile time: the
//! distinct n-grams of each counted length `n` (a repeated n-gram keeps its last output
//! index, as in the interpreter's map), and for each length the skip distances `d` that
//! count it (only `d = 1` for unigrams, `1..=max_skip_count + 1` otherwise). For each
//! `(n, d)`, one generic over `(row, gram, start)` reduces over the window starts: the
//! window `x[row, start + j * d]` (`j < n`, read through `n` column slices of `x`) matches the gram when
//! every item equals the pool's (a constant `K x n` tensor read at `(gram, j)`), and adds 1
//! to the gram's count (`i64`). A second generic per length folds the grams' counts into
//! the output columns (a reduction over the grams selecting those whose output index,
//! a constant, equals the column, an iota). The last one applies the mode in `f64`
//! (`TF`: the count; `IDF`: the weight where the count is positive; `TFIDF`: weight x
//! count) and rounds once to `f32`, as the interpreter does.
//!
//! Tokens the element type cannot hold never match: the n-grams holding one are dropped.

use crate::build::cmpi::{EQ, SGT};
use crate::build::{elem_of, map, signless_width, Cv};
use std::collections::BTreeMap;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_graph::text_features::tfidf_spec;
use strata_dialect_tensor::util::{i32_array_attr, i64_array_attr};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr::{self, Const, Dim};
use strata_ir::affine::AffineMap;
use strata_ir::{Attribute, FloatKind, Type, Value};

/// The most window comparisons (rows x grams x starts x items) built for.
pub const MAX_WORK: i64 = 1 << 28;

/// A constant integer tensor.
fn int_const(cv: &mut Cv<'_>, shape: &[i64], elem: Type, v: Vec<i128>) -> Option<Value> {
    let ty = cv.ctx.tensor_type(shape, elem);
    let a = dense_attr(cv.ctx, ty, &Values::Int(v))?;
    Some(cv.v("arith.constant", &[], ty, &[("value", a)]))
}

/// The columns `[from, from + len)` of the last dim of `x` (shape `xs`).
fn columns(cv: &mut Cv<'_>, x: Value, xs: &[i64], from: i64, len: i64, elem: Type) -> Value {
    if from == 0 && len == xs[xs.len() - 1] {
        return x;
    }
    let r = xs.len();
    let mut offs = vec![0; r];
    offs[r - 1] = from;
    let mut sizes = xs.to_vec();
    sizes[r - 1] = len;
    let ty = cv.ctx.tensor_type(&sizes, elem);
    let ctx = cv.ctx;
    cv.v(
        "tensor.extract_slice",
        &[x],
        ty,
        &[
            ("operandSegmentSizes", i32_array_attr(ctx, &[1, 0, 0, 0])),
            ("static_offsets", i64_array_attr(ctx, &offs)),
            ("static_sizes", i64_array_attr(ctx, &sizes)),
            ("static_strides", i64_array_attr(ctx, &vec![1; r])),
        ],
    )
}

/// `graph.tfidf_vectorizer` of `x` (shape `xs`, rank 1 or 2) into `out` (see the module
/// docs); `props` is the op's property dictionary.
pub fn tfidf_vectorizer(
    cv: &mut Cv<'_>,
    x: Value,
    xs: &[i64],
    out: &[i64],
    props: Attribute,
) -> Option<Value> {
    let ctx = cv.ctx;
    let spec = tfidf_spec(ctx, props).ok()?;
    let elem = elem_of(ctx, cv.body.value_type(x));
    let width = signless_width(ctx, elem).filter(|&w| w > 1)?;
    let (rows, cols) = match *xs {
        [c] => (1, c),
        [b, c] => (b, c),
        _ => return None,
    };
    let o = i64::try_from(spec.output_size).ok()?;
    if out.last() != Some(&o) || out.len() != xs.len() || (xs.len() == 2 && out[0] != rows) {
        return None;
    }
    let (lo, hi) = (-(1i128 << (width - 1)), (1i128 << (width - 1)) - 1);
    // The distinct counted n-grams by length, the last output index winning.
    let mut by_len: BTreeMap<usize, BTreeMap<Vec<i64>, usize>> = BTreeMap::new();
    for (gram, ix) in &spec.grams {
        let n = gram.len();
        if !(spec.min_gram_length..=spec.max_gram_length).contains(&n) {
            continue;
        }
        // An n-gram with a token the element type cannot hold never matches (its repeats
        // hold the same tokens).
        if gram.iter().all(|&t| (lo..=hi).contains(&i128::from(t))) {
            by_len.entry(n).or_default().insert(gram.clone(), *ix);
        }
    }
    let i64t = ctx.int_type(64);
    let f64t = ctx.float_type(FloatKind::F64);
    let f32t = ctx.float_type(FloatKind::F32);
    let rank2 = xs.len() == 2;
    let row = |e: AffineExpr| -> Vec<AffineExpr> {
        if rank2 {
            vec![Dim(0), e]
        } else {
            vec![e]
        }
    };
    let skips = i64::try_from(spec.max_skip_count).ok()?.checked_add(1)?;
    let mut work: i64 = 0;
    let mut acc = cv.filled_int(0, &[rows, o], i64t);
    let iota = int_const(cv, &[o], i64t, (0..i128::from(o)).collect())?;
    for (&n, grams) in &by_len {
        if grams.is_empty() {
            continue;
        }
        let n = i64::try_from(n).ok()?;
        let k = i64::try_from(grams.len()).ok()?;
        let toks: Vec<i128> = grams.keys().flatten().map(|&t| i128::from(t)).collect();
        let pool = int_const(cv, &[k, n], elem, toks)?;
        let ixs: Vec<i128> = grams.values().map(|&i| i128::from(i as u64)).collect();
        let ixs = int_const(cv, &[k], i64t, ixs)?;
        let mut counts = cv.filled_int(0, &[rows, k], i64t);
        let mut counted = false;
        for d in 1..=(if n == 1 { 1 } else { skips }) {
            let starts = cols - (n - 1).checked_mul(d)?;
            if starts <= 0 {
                break;
            }
            work = work.checked_add(rows.checked_mul(k)?.checked_mul(starts)?.checked_mul(n)?)?;
            if work > MAX_WORK {
                return None;
            }
            // Dims (row, gram, start): the window item j is x[.., j * d..][start] (a slice
            // of `starts` columns), the pool's at (gram, j).
            let mut ins = Vec::new();
            let mut maps: Vec<AffineMap> = Vec::new();
            for j in 0..n {
                ins.push(columns(cv, x, xs, j * d, starts, elem));
                maps.push(map(3, row(Dim(2))));
            }
            for j in 0..n {
                ins.push(pool);
                maps.push(map(3, vec![Dim(1), Const(j)]));
            }
            maps.push(map(3, vec![Dim(0), Dim(1)]));
            let nn = n as usize;
            counts = cv.generic(
                &ins,
                counts,
                maps,
                &[Parallel, Parallel, Reduction],
                |sb, v| {
                    let i1 = sb.ctx.int_type(1);
                    let mut hit = sb.cmp("arith.cmpi", EQ, v[0], v[nn]);
                    for j in 1..nn {
                        let h = sb.cmp("arith.cmpi", EQ, v[j], v[nn + j]);
                        hit = sb.op("arith.andi", &[hit, h], i1, &[]);
                    }
                    let one = sb.op("arith.extui", &[hit], i64t, &[]);
                    sb.bin("arith.addi", v[2 * nn], one)
                },
            );
            counted = true;
        }
        if !counted {
            continue;
        }
        // Dims (row, column, gram): the counts of the grams whose index is the column.
        acc = cv.generic(
            &[counts, ixs, iota],
            acc,
            vec![
                map(3, vec![Dim(0), Dim(2)]),
                map(3, vec![Dim(2)]),
                map(3, vec![Dim(1)]),
                map(3, vec![Dim(0), Dim(1)]),
            ],
            &[Parallel, Parallel, Reduction],
            |sb, v| {
                let here = sb.cmp("arith.cmpi", EQ, v[1], v[2]);
                let zero = sb.cst(0.0, i64t);
                let c = sb.op("arith.select", &[here, v[0], zero], i64t, &[]);
                sb.bin("arith.addi", v[3], c)
            },
        );
    }
    // The mode, in f64, rounded once to f32.
    let weights = if spec.weights.is_empty() || spec.mode == "TF" {
        None
    } else {
        let ty = ctx.tensor_type(&[o], f64t);
        let w = spec.weights[..spec.output_size].to_vec();
        let a = dense_attr(ctx, ty, &Values::Float(w))?;
        Some(cv.v("arith.constant", &[], ty, &[("value", a)]))
    };
    let r = out.len();
    let mut ins = vec![acc];
    let mut maps = vec![if rank2 {
        AffineMap::identity(2)
    } else {
        map(1, vec![Const(0), Dim(0)])
    }];
    if let Some(w) = weights {
        ins.push(w);
        maps.push(map(r, vec![Dim(r as u32 - 1)]));
    }
    maps.push(AffineMap::identity(r as u32));
    let init = cv.empty(out, f32t);
    let mode = spec.mode;
    Some(cv.generic(&ins, init, maps, &vec![Parallel; r], |sb, v| {
        let c = sb.op("arith.sitofp", &[v[0]], f64t, &[]);
        let w = if v.len() == 3 {
            v[1]
        } else {
            sb.cst(1.0, f64t)
        };
        let y = match mode {
            "TF" => c,
            "IDF" => {
                let zero = sb.cst(0.0, i64t);
                let pos = sb.cmp("arith.cmpi", SGT, v[0], zero);
                let z = sb.cst(0.0, f64t);
                sb.op("arith.select", &[pos, w, z], f64t, &[])
            }
            _ => sb.bin("arith.mulf", w, c),
        };
        sb.op("arith.truncf", &[y], f32t, &[])
    }))
}

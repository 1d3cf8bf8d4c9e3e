//! Operators of the domains other than `ai.onnx`, lowered as compositions of graph ops:
//!
//! * `ai.onnx.preview.training` (opset 1): the optimiser updates `Adagrad`, `Momentum`
//!   (standard and Nesterov) and `Adam`, each over any number of `(X, G, state...)` groups
//!   sharing the learning rate `R` and the update count `T` (both scalars, runtime values:
//!   the count-dependent terms are selected with `graph.where`), and `Gradient` (reverse-mode
//!   differentiation at import, in `nodes_gradient`);
//! * `ai.onnx.ml`: `Binarizer`, `ArrayFeatureExtractor` (opset 1), `LabelEncoder`
//!   (opsets 2–4, in `nodes_strings`) and `TreeEnsemble` (opset 5, in `nodes_trees`);
//! * the classical-ML operator of the default domain, `TfIdfVectorizer` (opset 9, integer
//!   pools), as `graph.tfidf_vectorizer`.
//!
//! The formulas are those of ONNX's reference implementation
//! (`onnx/reference/ops/aionnx_preview_training`, `onnx/reference/ops/aionnxml`).

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use strata_dialect_graph::attr::{f32_array_attr, i64_array_attr, i64_attr};
use strata_ir::Value;

/// The training-domain name.
pub(crate) const TRAINING: &str = "ai.onnx.preview.training";
/// The classical machine-learning domain name.
pub(crate) const ML: &str = "ai.onnx.ml";

/// Whether `op` of the non-default `domain` is supported at `opset`.
pub(crate) fn support(domain: &str, op: &str, opset: i64) -> bool {
    match domain {
        TRAINING => matches!(op, "Adagrad" | "Momentum" | "Adam" | "Gradient") && opset >= 1,
        ML => match op {
            "Binarizer" | "ArrayFeatureExtractor" => opset >= 1,
            "LabelEncoder" => opset >= 2,
            "TreeEnsemble" => opset >= 5,
            _ => false,
        },
        "ai.onnx.preview" => op == "FlexAttention" && opset >= 1,
        _ => false,
    }
}

/// Lower one node of a non-default domain.
pub(crate) fn lower(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    match n.node.op_type.as_str() {
        "Adagrad" => optimiser(lw, n, 1, adagrad),
        "Momentum" => optimiser(lw, n, 1, momentum),
        "Adam" => optimiser(lw, n, 2, adam),
        "Gradient" => super::nodes_gradient::lower_gradient(lw, n),
        "Binarizer" => {
            let x = lw.inp(n, 0)?;
            let elem = lw.shape_of(x).1;
            let threshold = f64::from(n.attrs.float("threshold")?.unwrap_or(0.0));
            let t = lw.scalar(n, threshold, elem)?;
            let gt = lw.bin(n, "graph.greater", x, t)?;
            let one = lw.scalar(n, 1.0, elem)?;
            let zero = lw.scalar(n, 0.0, elem)?;
            let y = lw.emit1(n, "graph.where", &[gt, one, zero], &[])?;
            lw.bind(n, &[y])
        }
        "ArrayFeatureExtractor" => array_feature_extractor(lw, n),
        "LabelEncoder" => super::nodes_strings::lower_label_encoder(lw, n),
        "TreeEnsemble" => super::nodes_trees::lower_tree_ensemble(lw, n),
        "FlexAttention" => super::nodes_flex::lower_flex_attention(lw, n),
        _ => Err(n.unsupported("operator")),
    }
}

/// The shared inputs of an optimiser node: learning rate, update count, and the groups.
struct Step {
    /// The learning rate `R` (scalar).
    r: Value,
    /// `T > 0` (scalar bool).
    t_pos: Value,
    /// `T` converted to `R`'s element type.
    t: Value,
}

/// One update rule: from the shared inputs and one group (`X`, `G`, states...), the new `X`
/// and the new states.
type Rule = fn(&mut Lowerer<'_>, &N<'_>, &Step, Value, Value, &[Value]) -> Result<Vec<Value>>;

/// Lower an optimiser with `states` state tensors per optimised tensor: inputs are `R, T`,
/// then `X1..Xk`, `G1..Gk` and each state's `S1..Sk`; outputs are the new `X1..Xk` followed
/// by each new state's `S1..Sk`.
fn optimiser(lw: &mut Lowerer<'_>, n: &N<'_>, states: usize, rule: Rule) -> Result<()> {
    let groups = 2 + states;
    let ins = n.node.input.len();
    if ins < 2 + groups || !(ins - 2).is_multiple_of(groups) {
        return Err(n.invalid(format!(
            "expects R, T and {groups} inputs per optimised tensor, got {ins} inputs"
        )));
    }
    let k = (ins - 2) / groups;
    if n.node.output.len() != k * (1 + states) {
        return Err(n.invalid(format!(
            "expects {} outputs for {k} optimised tensors",
            k * (1 + states)
        )));
    }
    let r = lw.inp(n, 0)?;
    let elem = lw.require_float(n, r)?;
    let t_in = lw.inp(n, 1)?;
    if !lw.ctx.type_kind(lw.shape_of(t_in).1).is_integer() {
        return Err(n.invalid("the update count T must be an integer tensor"));
    }
    let zero = lw.scalar(n, 0.0, lw.shape_of(t_in).1)?;
    let t_pos = lw.bin(n, "graph.greater", t_in, zero)?;
    let to = lw.ctx.type_attr(elem);
    let t = lw.emit1(n, "graph.cast", &[t_in], &[("to", to)])?;
    let step = Step { r, t_pos, t };
    let mut xs = Vec::with_capacity(k);
    let mut new_states: Vec<Vec<Value>> = vec![Vec::with_capacity(k); states];
    for i in 0..k {
        let x = lw.inp(n, 2 + i)?;
        let g = lw.inp(n, 2 + k + i)?;
        let mut s = Vec::with_capacity(states);
        for j in 0..states {
            s.push(lw.inp(n, 2 + (2 + j) * k + i)?);
        }
        for v in [x, g].iter().chain(&s) {
            if lw.shape_of(*v).1 != elem {
                return Err(n.invalid("every tensor must have the learning rate's element type"));
            }
        }
        let out = rule(lw, n, &step, x, g, &s)?;
        xs.push(out[0]);
        for (j, v) in out[1..].iter().enumerate() {
            new_states[j].push(*v);
        }
    }
    xs.extend(new_states.into_iter().flatten());
    lw.bind(n, &xs)
}

/// `norm_coefficient * X + G`.
fn regularized(lw: &mut Lowerer<'_>, n: &N<'_>, x: Value, g: Value) -> Result<Value> {
    let c = f64::from(n.attrs.float("norm_coefficient")?.unwrap_or(0.0));
    let cx = lw.bin_c(n, "graph.mul", x, c)?;
    lw.bin(n, "graph.add", cx, g)
}

/// Adagrad: `r = R / (1 + T * decay_factor)`, `H' = H + G'^2`,
/// `X' = X - r * G' / (sqrt(H') + epsilon)` with `G'` the regularised gradient.
fn adagrad(
    lw: &mut Lowerer<'_>,
    n: &N<'_>,
    st: &Step,
    x: Value,
    g: Value,
    s: &[Value],
) -> Result<Vec<Value>> {
    let decay = f64::from(n.attrs.float("decay_factor")?.unwrap_or(0.0));
    let eps = f64::from(n.attrs.float("epsilon")?.unwrap_or(0.0));
    let td = lw.bin_c(n, "graph.mul", st.t, decay)?;
    let den = lw.bin_c(n, "graph.add", td, 1.0)?;
    let r = lw.bin(n, "graph.div", st.r, den)?;
    let gr = regularized(lw, n, x, g)?;
    let g2 = lw.bin(n, "graph.mul", gr, gr)?;
    let h = lw.bin(n, "graph.add", s[0], g2)?;
    let hs = lw.un(n, "graph.sqrt", h)?;
    let hs = lw.bin_c(n, "graph.add", hs, eps)?;
    let rg = lw.bin(n, "graph.mul", r, gr)?;
    let upd = lw.bin(n, "graph.div", rg, hs)?;
    let xn = lw.bin(n, "graph.sub", x, upd)?;
    Ok(vec![xn, h])
}

/// Momentum: `V' = alpha * V + b * G'` with `b = beta` once `T > 0` and 1 before; standard
/// mode `X' = X - R * V'`, Nesterov mode `X' = X - R * (G' + alpha * V')`.
fn momentum(
    lw: &mut Lowerer<'_>,
    n: &N<'_>,
    st: &Step,
    x: Value,
    g: Value,
    s: &[Value],
) -> Result<Vec<Value>> {
    let alpha = f64::from(n.attrs.float("alpha")?.unwrap_or(0.0));
    let beta = f64::from(n.attrs.float("beta")?.unwrap_or(0.0));
    let mode = n.attrs.string("mode")?.unwrap_or_else(|| "standard".into());
    if mode != "standard" && mode != "nesterov" {
        return Err(n.invalid(format!("unknown mode '{mode}'")));
    }
    let elem = lw.shape_of(st.r).1;
    let gr = regularized(lw, n, x, g)?;
    let b = lw.scalar(n, beta, elem)?;
    let one = lw.scalar(n, 1.0, elem)?;
    let b = lw.emit1(n, "graph.where", &[st.t_pos, b, one], &[])?;
    let av = lw.bin_c(n, "graph.mul", s[0], alpha)?;
    let bg = lw.bin(n, "graph.mul", b, gr)?;
    let v = lw.bin(n, "graph.add", av, bg)?;
    let dir = if mode == "standard" {
        v
    } else {
        let a2 = lw.bin_c(n, "graph.mul", v, alpha)?;
        lw.bin(n, "graph.add", gr, a2)?
    };
    let step = lw.bin(n, "graph.mul", st.r, dir)?;
    let xn = lw.bin(n, "graph.sub", x, step)?;
    Ok(vec![xn, v])
}

/// Adam: `V' = alpha * V + (1 - alpha) * G'`, `H' = beta * H + (1 - beta) * G'^2`,
/// `r = R * sqrt(1 - beta^T) / (1 - alpha^T)` once `T > 0` (`R` before),
/// `X' = (1 - norm_coefficient_post) * (X - r * V' / (sqrt(H') + epsilon))`.
fn adam(
    lw: &mut Lowerer<'_>,
    n: &N<'_>,
    st: &Step,
    x: Value,
    g: Value,
    s: &[Value],
) -> Result<Vec<Value>> {
    let alpha = f64::from(n.attrs.float("alpha")?.unwrap_or(0.9));
    let beta = f64::from(n.attrs.float("beta")?.unwrap_or(0.999));
    let eps = f64::from(n.attrs.float("epsilon")?.unwrap_or(0.0));
    let post = f64::from(n.attrs.float("norm_coefficient_post")?.unwrap_or(0.0));
    let elem = lw.shape_of(st.r).1;
    let gr = regularized(lw, n, x, g)?;
    let av = lw.bin_c(n, "graph.mul", s[0], alpha)?;
    let ag = lw.bin_c(n, "graph.mul", gr, 1.0 - alpha)?;
    let v = lw.bin(n, "graph.add", av, ag)?;
    let g2 = lw.bin(n, "graph.mul", gr, gr)?;
    let bh = lw.bin_c(n, "graph.mul", s[1], beta)?;
    let bg = lw.bin_c(n, "graph.mul", g2, 1.0 - beta)?;
    let h = lw.bin(n, "graph.add", bh, bg)?;
    let hs = lw.un(n, "graph.sqrt", h)?;
    let hs = lw.bin_c(n, "graph.add", hs, eps)?;
    // Bias correction: R * sqrt(1 - beta^T) / (1 - alpha^T).
    let bc = lw.scalar(n, beta, elem)?;
    let bt = lw.bin(n, "graph.pow", bc, st.t)?;
    let one = lw.scalar(n, 1.0, elem)?;
    let nb = lw.bin(n, "graph.sub", one, bt)?;
    let nb = lw.un(n, "graph.sqrt", nb)?;
    let ac = lw.scalar(n, alpha, elem)?;
    let at = lw.bin(n, "graph.pow", ac, st.t)?;
    let na = lw.bin(n, "graph.sub", one, at)?;
    let rb = lw.bin(n, "graph.mul", st.r, nb)?;
    let rb = lw.bin(n, "graph.div", rb, na)?;
    let r = lw.emit1(n, "graph.where", &[st.t_pos, rb, st.r], &[])?;
    let q = lw.bin(n, "graph.div", v, hs)?;
    let upd = lw.bin(n, "graph.mul", r, q)?;
    let xn = lw.bin(n, "graph.sub", x, upd)?;
    let xn = lw.bin_c(n, "graph.mul", xn, 1.0 - post)?;
    Ok(vec![xn, v, h])
}

/// `ArrayFeatureExtractor(X, indices)`: `X[..., indices]` with the indices flattened; a 1-D
/// `X` gives a `1 x k` result (onnxruntime's convention, which ONNX's reference follows).
fn array_feature_extractor(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let (x, idx) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
    let (xs, _) = lw.shape_of(x);
    let (is, ie) = lw.shape_of(idx);
    if xs.is_empty() {
        return Err(n.invalid("X must have rank at least 1"));
    }
    if !lw.ctx.type_kind(ie).is_integer() {
        return Err(n.invalid("indices must be an integer tensor"));
    }
    let k: i64 = is
        .iter()
        .try_fold(1i64, |a, &d| (d >= 0).then(|| a.checked_mul(d)).flatten())
        .ok_or_else(|| n.unsupported("indices with dynamic or huge shape"))?;
    let flat = if is.len() == 1 {
        idx
    } else {
        let shape = i64_array_attr(lw.ctx, &[k]);
        lw.emit1(n, "graph.reshape", &[idx], &[("shape", shape)])?
    };
    let axis = i64_attr(lw.ctx, xs.len() as i64 - 1);
    let y = lw.emit1(n, "graph.gather", &[x, flat], &[("axis", axis)])?;
    let y = if xs.len() == 1 {
        let shape = i64_array_attr(lw.ctx, &[1, k]);
        lw.emit1(n, "graph.reshape", &[y], &[("shape", shape)])?
    } else {
        y
    };
    lw.bind(n, &[y])
}

/// `TfIdfVectorizer` as `graph.tfidf_vectorizer` (integer pools only: string tokens are not
/// a Strata element type).
pub(crate) fn lower_tfidf(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    if n.attrs.get("pool_strings").is_some() {
        return Err(n.unsupported("string pool"));
    }
    let int = |name: &str| -> Result<i64> {
        n.attrs
            .int(name)?
            .ok_or_else(|| n.invalid(format!("missing attribute '{name}'")))
    };
    let ints = |name: &str| -> Result<Vec<i64>> {
        n.attrs
            .ints(name)?
            .ok_or_else(|| n.invalid(format!("missing attribute '{name}'")))
    };
    let mode = n
        .attrs
        .string("mode")?
        .ok_or_else(|| n.invalid("missing attribute 'mode'"))?;
    let mut props = vec![
        ("min_gram_length", i64_attr(lw.ctx, int("min_gram_length")?)),
        ("max_gram_length", i64_attr(lw.ctx, int("max_gram_length")?)),
        ("max_skip_count", i64_attr(lw.ctx, int("max_skip_count")?)),
        ("mode", lw.ctx.string_attr(&mode)),
        (
            "ngram_counts",
            i64_array_attr(lw.ctx, &ints("ngram_counts")?),
        ),
        (
            "ngram_indexes",
            i64_array_attr(lw.ctx, &ints("ngram_indexes")?),
        ),
        ("pool_int64s", i64_array_attr(lw.ctx, &ints("pool_int64s")?)),
    ];
    if let Some(w) = n.attrs.floats("weights")? {
        props.push(("weights", f32_array_attr(lw.ctx, &w)));
    }
    lw.emit(n, "graph.tfidf_vectorizer", &[x], &props)
}

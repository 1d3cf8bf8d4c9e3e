//! Loss and mask operators lowered as compositions of existing graph ops:
//! `NegativeLogLikelihoodLoss`, `SoftmaxCrossEntropyLoss` and `Trilu`.
//!
//! The class gather of the losses is a one-hot mask: `target` (unsqueezed at axis 1) is
//! compared with a constant `iota` over the class axis, the log-probabilities are selected
//! with `graph.where` and summed over the class axis. Targets outside `[0, C)` (such as a
//! negative `ignore_index`) select nothing, so they gather 0 as ONNX's reference does.

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_graph::shape::is_dynamic;
use strata_ir::{OpBuilder, Type, Value};

impl Lowerer<'_> {
    /// A constant tensor of `shape` and element type `elem` holding `values`.
    pub(super) fn tensor_const(
        &mut self,
        n: &N<'_>,
        shape: &[i64],
        values: Values,
        elem: Type,
    ) -> Result<Value> {
        let ty = self.ctx.tensor_type(shape, elem);
        let attr = dense_attr(self.ctx, ty, &values)
            .ok_or_else(|| n.invalid("constant of an unsupported element type"))?;
        let mut b = OpBuilder::at_end(self.ctx, self.body, self.block);
        b.loc = n.loc;
        strata_dialect_graph::materialize_constant(&mut b, attr, ty)
            .ok_or_else(|| n.invalid("constant cannot be materialised"))
    }
    fn reduce(&mut self, n: &N<'_>, op: &str, x: Value, axes: Option<&[i64]>) -> Result<Value> {
        let mut props = vec![("keepdims", i64_attr(self.ctx, 0))];
        if let Some(a) = axes {
            props.push(("axes", i64_array_attr(self.ctx, a)));
        }
        self.emit1(n, op, &[x], &props)
    }
}

/// Lower `NegativeLogLikelihoodLoss`, `SoftmaxCrossEntropyLoss` or `Trilu`.
pub(crate) fn lower_loss(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    match n.node.op_type.as_str() {
        "Trilu" => lower_trilu(lw, n),
        "NegativeLogLikelihoodLoss" => {
            let x = lw.inp(n, 0)?;
            let (y, _) = nll(lw, n, x)?;
            lw.bind(n, &[y])
        }
        "SoftmaxCrossEntropyLoss" => {
            let x = lw.inp(n, 0)?;
            lw.require_float(n, x)?;
            let axis = i64_attr(lw.ctx, 1);
            let lp = lw.emit1(n, "graph.log_softmax", &[x], &[("axis", axis)])?;
            let (y, lp) = nll(lw, n, lp)?;
            lw.bind(n, &[y, lp])
        }
        _ => Err(n.unsupported("operator")),
    }
}

/// The negative log-likelihood loss of log-probabilities `x` (`N x C x d1...`) with the
/// node's `target` (input 1), optional `weight` (input 2), `ignore_index` and `reduction`.
/// Returns the loss and `x`.
fn nll(lw: &mut Lowerer<'_>, n: &N<'_>, x: Value) -> Result<(Value, Value)> {
    let elem = lw.require_float(n, x)?;
    let target = lw.inp(n, 1)?;
    let weight = lw.opt_inp(n, 2)?;
    let (xs, _) = lw.shape_of(x);
    let (ts, te) = lw.shape_of(target);
    if xs.len() < 2 || ts.len() + 1 != xs.len() {
        return Err(n.invalid("input must be N x C x d1... and target N x d1..."));
    }
    let c = xs[1];
    if is_dynamic(c) || c > 1 << 20 {
        return Err(n.unsupported("dynamic class dimension"));
    }
    if !lw.ctx.type_kind(te).is_integer() {
        return Err(n.invalid("target must be an integer tensor"));
    }
    let reduction = n
        .attrs
        .string("reduction")?
        .unwrap_or_else(|| "mean".into());
    if !matches!(reduction.as_str(), "none" | "sum" | "mean") {
        return Err(n.invalid(format!("unknown reduction {reduction}")));
    }
    let ignore = n.attrs.int("ignore_index")?;

    // mask[n, c, d...] = target[n, d...] == c
    let mut iota_shape = vec![1; xs.len()];
    iota_shape[1] = c;
    let iota = lw.tensor_const(n, &iota_shape, Values::Int((0..c as i128).collect()), te)?;
    let axes1 = i64_array_attr(lw.ctx, &[1]);
    let tu = lw.emit1(n, "graph.unsqueeze", &[target], &[("axes", axes1)])?;
    let mask = lw.bin(n, "graph.equal", tu, iota)?;
    let zero = lw.scalar(n, 0.0, elem)?;
    let sel = lw.emit1(n, "graph.where", &[mask, x, zero], &[])?;
    let picked = lw.reduce(n, "graph.reduce_sum", sel, Some(&[1]))?;
    let mut loss = lw.un(n, "graph.neg", picked)?;

    // The per-element weights: weight[target], zero where target == ignore_index.
    let valid = match ignore {
        Some(i) => {
            let ic = lw.scalar(n, i as f64, te)?;
            let eq = lw.bin(n, "graph.equal", target, ic)?;
            Some(lw.un(n, "graph.not", eq)?)
        }
        None => None,
    };
    let mut gw = match weight {
        Some(w) => {
            let wshape = i64_array_attr(lw.ctx, &iota_shape);
            let wr = lw.emit1(n, "graph.reshape", &[w], &[("shape", wshape)])?;
            let ws = lw.emit1(n, "graph.where", &[mask, wr, zero], &[])?;
            Some(lw.reduce(n, "graph.reduce_sum", ws, Some(&[1]))?)
        }
        None => None,
    };
    if let Some(v) = valid {
        let base = match gw {
            Some(g) => g,
            None => lw.scalar(n, 1.0, elem)?,
        };
        gw = Some(lw.emit1(n, "graph.where", &[v, base, zero], &[])?);
    }
    if let Some(g) = gw {
        loss = lw.bin(n, "graph.mul", loss, g)?;
    }
    let y = match (reduction.as_str(), gw) {
        ("none", _) => loss,
        ("sum", _) => lw.reduce(n, "graph.reduce_sum", loss, None)?,
        (_, Some(g)) => {
            let s = lw.reduce(n, "graph.reduce_sum", loss, None)?;
            let d = lw.reduce(n, "graph.reduce_sum", g, None)?;
            lw.bin(n, "graph.div", s, d)?
        }
        (_, None) => lw.reduce(n, "graph.reduce_mean", loss, None)?,
    };
    Ok((y, x))
}

/// `Trilu`: the upper (`j - i >= k`) or lower (`j - i <= k`) triangle of the last two
/// dimensions, zero elsewhere, as `where(constant mask, x, 0)`.
fn lower_trilu(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let (xs, elem) = lw.shape_of(x);
    if xs.len() < 2 {
        return Err(n.invalid("Trilu needs rank >= 2"));
    }
    let (rows, cols) = (xs[xs.len() - 2], xs[xs.len() - 1]);
    if is_dynamic(rows) || is_dynamic(cols) || rows.saturating_mul(cols) > 1 << 24 {
        return Err(n.unsupported("dynamic or huge matrix dimensions"));
    }
    let k = match lw.const_ints(n, 1)? {
        Some(v) => *v
            .first()
            .ok_or_else(|| n.invalid("k must hold one value"))?,
        None => 0,
    };
    let upper = n.attrs.int_or("upper", 1)? != 0;
    let mut m = Vec::with_capacity((rows * cols) as usize);
    for i in 0..rows {
        for j in 0..cols {
            let d = (j - i) as i128;
            m.push(i128::from(if upper {
                d >= k as i128
            } else {
                d <= k as i128
            }));
        }
    }
    let i1 = lw.ctx.i1();
    let mask = lw.tensor_const(n, &[rows, cols], Values::Int(m), i1)?;
    let zero = lw.scalar(n, 0.0, elem)?;
    lw.emit(n, "graph.where", &[mask, x, zero], &[])
}

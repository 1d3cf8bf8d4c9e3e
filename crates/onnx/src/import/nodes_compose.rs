//! ONNX operators lowered as compositions of existing graph ops, following ONNX's own
//! function definitions: activations (`Softplus`, `Softsign`, `Selu`, `Celu`,
//! `ThresholdedRelu`, `Swish`, `Mish`, `Shrink`), hyperbolic and trigonometric functions
//! (`Sinh`, `Cosh`, `Tan`, `Asinh`, `Acosh`, `Atanh`), `IsNaN`, `IsInf` and `Mean`.
//! Scalar constants are rank-0 `graph.constant`s of the operand's element type.

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_ir::{OpBuilder, Type, Value};

/// The operators of this module and their first supported opset.
pub(crate) const COMPOSITE: &[(&str, i64)] = &[
    ("Softplus", 1),
    ("Softsign", 1),
    ("Selu", 1),
    ("Celu", 12),
    ("ThresholdedRelu", 10),
    ("Swish", 24),
    ("Mish", 18),
    ("Shrink", 9),
    ("Sinh", 9),
    ("Cosh", 9),
    ("Tan", 7),
    ("Asinh", 9),
    ("Acosh", 9),
    ("Atanh", 9),
    ("IsNaN", 9),
    ("IsInf", 10),
    ("Mean", 1),
];

impl Lowerer<'_> {
    /// A rank-0 constant `value` of element type `elem` (floats, or integers truncated).
    pub(super) fn scalar(&mut self, n: &N<'_>, value: f64, elem: Type) -> Result<Value> {
        let ty = self.ctx.tensor_type(&[], elem);
        let values = if self.ctx.type_kind(elem).is_float() {
            Values::Float(vec![value])
        } else {
            Values::Int(vec![value as i128])
        };
        let attr = dense_attr(self.ctx, ty, &values)
            .ok_or_else(|| n.invalid("scalar constant of an unsupported element type"))?;
        let mut b = OpBuilder::at_end(self.ctx, self.body, self.block);
        b.loc = n.loc;
        strata_dialect_graph::materialize_constant(&mut b, attr, ty)
            .ok_or_else(|| n.invalid("scalar constant cannot be materialised"))
    }
    pub(super) fn un(&mut self, n: &N<'_>, op: &str, x: Value) -> Result<Value> {
        self.emit1(n, op, &[x], &[])
    }
    pub(super) fn bin(&mut self, n: &N<'_>, op: &str, a: Value, b: Value) -> Result<Value> {
        self.emit1(n, op, &[a, b], &[])
    }
    /// `op(x, c)` for a scalar constant `c` of `x`'s element type.
    pub(super) fn bin_c(&mut self, n: &N<'_>, op: &str, x: Value, c: f64) -> Result<Value> {
        let (_, e) = self.shape_of(x);
        let c = self.scalar(n, c, e)?;
        self.bin(n, op, x, c)
    }
    /// `log(exp(x) + 1)`.
    fn softplus(&mut self, n: &N<'_>, x: Value) -> Result<Value> {
        let e = self.un(n, "graph.exp", x)?;
        let e1 = self.bin_c(n, "graph.add", e, 1.0)?;
        self.un(n, "graph.log", e1)
    }
    fn elu(&mut self, n: &N<'_>, x: Value, alpha: f64) -> Result<Value> {
        let (_, e) = self.shape_of(x);
        let a = self.float_for(alpha, e);
        self.emit1(n, "graph.elu", &[x], &[("alpha", a)])
    }
    pub(super) fn require_float(&self, n: &N<'_>, x: Value) -> Result<Type> {
        let (_, e) = self.shape_of(x);
        if !self.ctx.type_kind(e).is_float() {
            return Err(n.unsupported("non-float element type"));
        }
        Ok(e)
    }
}

/// Lower one of the [`COMPOSITE`] operators.
pub(crate) fn lower_composite(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let op = n.node.op_type.as_str();
    if op == "Mean" {
        let mut acc = lw.inp(n, 0)?;
        for i in 1..n.node.input.len() {
            let x = lw.inp(n, i)?;
            acc = lw.bin(n, "graph.add", acc, x)?;
        }
        let count = n.node.input.len() as f64;
        let y = lw.bin_c(n, "graph.div", acc, count)?;
        return lw.bind(n, &[y]);
    }
    if !COMPOSITE.iter().any(|(o, _)| *o == op) {
        return Err(n.unsupported("operator"));
    }
    let x = lw.inp(n, 0)?;
    let fa = |name: &str, default: f32| -> Result<f64> {
        Ok(f64::from(n.attrs.float(name)?.unwrap_or(default)))
    };
    let y = match op {
        "IsNaN" => {
            let eq = lw.bin(n, "graph.equal", x, x)?;
            lw.un(n, "graph.not", eq)?
        }
        "IsInf" => {
            lw.require_float(n, x)?;
            let pos = n.attrs.int_or("detect_positive", 1)? != 0;
            let neg = n.attrs.int_or("detect_negative", 1)? != 0;
            let p = lw.bin_c(n, "graph.equal", x, f64::INFINITY)?;
            let m = lw.bin_c(n, "graph.equal", x, f64::NEG_INFINITY)?;
            match (pos, neg) {
                (true, true) => lw.bin(n, "graph.or", p, m)?,
                (true, false) => p,
                (false, true) => m,
                (false, false) => lw.bin(n, "graph.and", p, m)?,
            }
        }
        "Shrink" => {
            let (bias, lambd) = (fa("bias", 0.0)?, fa("lambd", 0.5)?);
            let lo = lw.bin_c(n, "graph.less", x, -lambd)?;
            let hi = lw.bin_c(n, "graph.greater", x, lambd)?;
            let plus = lw.bin_c(n, "graph.add", x, bias)?;
            let minus = lw.bin_c(n, "graph.sub", x, bias)?;
            let (_, e) = lw.shape_of(x);
            let zero = lw.scalar(n, 0.0, e)?;
            let inner = lw.emit1(n, "graph.where", &[hi, minus, zero], &[])?;
            lw.emit1(n, "graph.where", &[lo, plus, inner], &[])?
        }
        _ => {
            lw.require_float(n, x)?;
            match op {
                "Softplus" => lw.softplus(n, x)?,
                "Softsign" => {
                    let a = lw.un(n, "graph.abs", x)?;
                    let d = lw.bin_c(n, "graph.add", a, 1.0)?;
                    lw.bin(n, "graph.div", x, d)?
                }
                "Selu" => {
                    let alpha = fa("alpha", 1.673_263_2)?;
                    let gamma = fa("gamma", 1.050_701)?;
                    let e = lw.elu(n, x, alpha)?;
                    lw.bin_c(n, "graph.mul", e, gamma)?
                }
                "Celu" => {
                    let alpha = fa("alpha", 1.0)?;
                    let s = lw.bin_c(n, "graph.div", x, alpha)?;
                    let e = lw.elu(n, s, 1.0)?;
                    lw.bin_c(n, "graph.mul", e, alpha)?
                }
                "ThresholdedRelu" => {
                    let alpha = fa("alpha", 1.0)?;
                    let c = lw.bin_c(n, "graph.greater", x, alpha)?;
                    let (_, e) = lw.shape_of(x);
                    let zero = lw.scalar(n, 0.0, e)?;
                    lw.emit1(n, "graph.where", &[c, x, zero], &[])?
                }
                "Swish" => {
                    let alpha = fa("alpha", 1.0)?;
                    let ax = lw.bin_c(n, "graph.mul", x, alpha)?;
                    let s = lw.un(n, "graph.sigmoid", ax)?;
                    lw.bin(n, "graph.mul", x, s)?
                }
                "Mish" => {
                    let sp = lw.softplus(n, x)?;
                    let t = lw.un(n, "graph.tanh", sp)?;
                    lw.bin(n, "graph.mul", x, t)?
                }
                "Sinh" | "Cosh" => {
                    let ep = lw.un(n, "graph.exp", x)?;
                    let nx = lw.un(n, "graph.neg", x)?;
                    let em = lw.un(n, "graph.exp", nx)?;
                    let g = if op == "Sinh" {
                        "graph.sub"
                    } else {
                        "graph.add"
                    };
                    let s = lw.bin(n, g, ep, em)?;
                    lw.bin_c(n, "graph.mul", s, 0.5)?
                }
                "Tan" => {
                    let s = lw.un(n, "graph.sin", x)?;
                    let c = lw.un(n, "graph.cos", x)?;
                    lw.bin(n, "graph.div", s, c)?
                }
                "Asinh" | "Acosh" => {
                    // log(x + sqrt(x^2 ± 1))
                    let sq = lw.bin(n, "graph.mul", x, x)?;
                    let k = if op == "Asinh" { 1.0 } else { -1.0 };
                    let r = lw.bin_c(n, "graph.add", sq, k)?;
                    let r = lw.un(n, "graph.sqrt", r)?;
                    let s = lw.bin(n, "graph.add", x, r)?;
                    lw.un(n, "graph.log", s)?
                }
                "Atanh" => {
                    // 0.5 * log((1 + x) / (1 - x))
                    let (_, e) = lw.shape_of(x);
                    let one = lw.scalar(n, 1.0, e)?;
                    let p = lw.bin(n, "graph.add", one, x)?;
                    let m = lw.bin(n, "graph.sub", one, x)?;
                    let q = lw.bin(n, "graph.div", p, m)?;
                    let l = lw.un(n, "graph.log", q)?;
                    lw.bin_c(n, "graph.mul", l, 0.5)?
                }
                _ => return Err(n.unsupported("operator")),
            }
        }
    };
    lw.bind(n, &[y])
}

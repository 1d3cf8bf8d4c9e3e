//! The conversion of each graph op. [`convert`] checks first that the op has a lowering for
//! its types and attributes (static shapes, supported element types), then builds the
//! replacement before it and returns the value that takes over its result; it returns
//! `None`, having built nothing, for an op it leaves alone.

use crate::build::{
    broadcast_map, elem_of, float_kind, is_float, map, shape_of, signless_width, Cv, Sb,
};
use strata_dialect_graph::attr::Attrs;
use strata_dialect_tensor::util::i64_array_attr;
use strata_dialect_tensor::IteratorType;
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{AttrKind, Context, Type, Value};

use AffineExpr::{Const, Dim};
use IteratorType::{Parallel, Reduction};

/// The scalar computation of an element-wise op, decided before anything is built.
#[derive(Clone, Copy, Debug)]
enum Sc {
    /// One arith/math op applied to the arguments, with the result type of the first.
    Op(&'static str),
    /// A comparison (`arith.cmpf`/`arith.cmpi`, predicate).
    Cmp(&'static str, i64),
    /// `1 / x`.
    Recip,
    /// `1 / (1 + exp(-x))`.
    Sigmoid,
    /// `max(x, 0)` with the given max op.
    Relu(&'static str),
    /// `x < 0 ? alpha * x : x`.
    LeakyRelu(f64),
    /// `x < 0 ? alpha * (exp(x) - 1) : x`.
    Elu(f64),
    /// `max(0, min(1, alpha * x + beta))`.
    HardSigmoid(f64, f64),
    /// `x * max(0, min(1, x / 6 + 0.5))`.
    HardSwish,
    /// GELU, exact (`erf`) or with the `tanh` approximation.
    Gelu(bool),
    /// `x < 0 ? slope * x : x` (slope broadcast).
    Prelu,
    /// `0 - x` (integers, wrapping).
    NegI,
    /// `x > 0 ? 1 : (x < 0 ? -1 : x)` with the float (`true`) or signed integer compares.
    Sign(bool),
    /// `min(max(x, lo), hi)` (floats).
    Clip(Option<f64>, Option<f64>),
    /// `x xor true`.
    Not,
    /// `arith.select`.
    Select,
    /// A cast op to the result element type (`None`: the identity).
    Cast(Option<&'static str>),
}

impl Sc {
    /// Whether the float computation rounds more than once in the element type (a
    /// constant that the type may not hold, or two or more rounding ops): these run in
    /// `f64` on `f16`/`bf16` ([`crate::widen`]).
    fn steps(self) -> bool {
        matches!(
            self,
            Sc::Sigmoid
                | Sc::LeakyRelu(_)
                | Sc::Elu(_)
                | Sc::HardSigmoid(..)
                | Sc::HardSwish
                | Sc::Gelu(_)
        )
    }
}

fn emit(sb: &mut Sb<'_>, sc: Sc, a: &[Value], out: Type) -> Value {
    match sc {
        Sc::Op(name) => {
            let ty = sb.body.value_type(a[0]);
            sb.op(name, a, ty, &[])
        }
        Sc::Cmp(name, p) => sb.cmp(name, p, a[0], a[1]),
        Sc::Recip => {
            let ty = sb.body.value_type(a[0]);
            let one = sb.cst(1.0, ty);
            sb.bin("arith.divf", one, a[0])
        }
        Sc::Sigmoid => {
            let ty = sb.body.value_type(a[0]);
            let n = sb.un("arith.negf", a[0]);
            let e = sb.un("math.exp", n);
            let one = sb.cst(1.0, ty);
            let d = sb.bin("arith.addf", one, e);
            sb.bin("arith.divf", one, d)
        }
        Sc::Relu(max) => {
            let ty = sb.body.value_type(a[0]);
            let z = sb.cst(0.0, ty);
            sb.bin(max, a[0], z)
        }
        Sc::LeakyRelu(alpha) => {
            let ty = sb.body.value_type(a[0]);
            let z = sb.cst(0.0, ty);
            let c = sb.cmp("arith.cmpf", 4, a[0], z);
            let k = sb.cst(alpha, ty);
            let m = sb.bin("arith.mulf", k, a[0]);
            sb.op("arith.select", &[c, m, a[0]], ty, &[])
        }
        Sc::Elu(alpha) => {
            let ty = sb.body.value_type(a[0]);
            let z = sb.cst(0.0, ty);
            let c = sb.cmp("arith.cmpf", 4, a[0], z);
            let e = sb.un("math.expm1", a[0]);
            let k = sb.cst(alpha, ty);
            let m = sb.bin("arith.mulf", k, e);
            sb.op("arith.select", &[c, m, a[0]], ty, &[])
        }
        Sc::HardSigmoid(alpha, beta) => {
            let ty = sb.body.value_type(a[0]);
            let k = sb.cst(alpha, ty);
            let b = sb.cst(beta, ty);
            let m = sb.bin("arith.mulf", k, a[0]);
            let y = sb.bin("arith.addf", m, b);
            let one = sb.cst(1.0, ty);
            let z = sb.cst(0.0, ty);
            let y = sb.bin("arith.minimumf", one, y);
            sb.bin("arith.maximumf", z, y)
        }
        Sc::HardSwish => {
            let ty = sb.body.value_type(a[0]);
            let six = sb.cst(6.0, ty);
            let half = sb.cst(0.5, ty);
            let d = sb.bin("arith.divf", a[0], six);
            let y = sb.bin("arith.addf", d, half);
            let one = sb.cst(1.0, ty);
            let z = sb.cst(0.0, ty);
            let y = sb.bin("arith.minimumf", one, y);
            let y = sb.bin("arith.maximumf", z, y);
            sb.bin("arith.mulf", a[0], y)
        }
        Sc::Gelu(tanh) => {
            let ty = sb.body.value_type(a[0]);
            let x = a[0];
            let half = sb.cst(0.5, ty);
            let one = sb.cst(1.0, ty);
            let t = if tanh {
                let k = sb.cst((2.0 / std::f64::consts::PI).sqrt(), ty);
                let c = sb.cst(0.044715, ty);
                let x2 = sb.bin("arith.mulf", x, x);
                let x3 = sb.bin("arith.mulf", x2, x);
                let cx3 = sb.bin("arith.mulf", c, x3);
                let inner = sb.bin("arith.addf", x, cx3);
                let kin = sb.bin("arith.mulf", k, inner);
                sb.un("math.tanh", kin)
            } else {
                let r = sb.cst(std::f64::consts::SQRT_2, ty);
                let d = sb.bin("arith.divf", x, r);
                sb.un("math.erf", d)
            };
            let s1 = sb.bin("arith.addf", one, t);
            let hx = sb.bin("arith.mulf", half, x);
            sb.bin("arith.mulf", hx, s1)
        }
        Sc::Prelu => {
            let ty = sb.body.value_type(a[0]);
            let z = sb.cst(0.0, ty);
            let c = sb.cmp("arith.cmpf", 4, a[0], z);
            let m = sb.bin("arith.mulf", a[1], a[0]);
            sb.op("arith.select", &[c, m, a[0]], ty, &[])
        }
        Sc::NegI => {
            let ty = sb.body.value_type(a[0]);
            let z = sb.cst(0.0, ty);
            sb.bin("arith.subi", z, a[0])
        }
        Sc::Sign(float) => {
            let ty = sb.body.value_type(a[0]);
            let z = sb.cst(0.0, ty);
            let one = sb.cst(1.0, ty);
            let m1 = sb.cst(-1.0, ty);
            let (name, gt, lt) = if float {
                ("arith.cmpf", 2, 4)
            } else {
                ("arith.cmpi", 4, 2)
            };
            let pos = sb.cmp(name, gt, a[0], z);
            let neg = sb.cmp(name, lt, a[0], z);
            let s = sb.op("arith.select", &[neg, m1, a[0]], ty, &[]);
            sb.op("arith.select", &[pos, one, s], ty, &[])
        }
        Sc::Clip(lo, hi) => {
            let ty = sb.body.value_type(a[0]);
            let mut x = a[0];
            if let Some(lo) = lo {
                let l = sb.cst(lo, ty);
                x = sb.bin("arith.maximumf", x, l);
            }
            if let Some(hi) = hi {
                let h = sb.cst(hi, ty);
                x = sb.bin("arith.minimumf", x, h);
            }
            x
        }
        Sc::Not => {
            let ty = sb.body.value_type(a[0]);
            let t = sb.cst(1.0, ty);
            sb.bin("arith.xori", a[0], t)
        }
        Sc::Select => sb.op("arith.select", a, out, &[]),
        Sc::Cast(None) => a[0],
        Sc::Cast(Some(name)) => sb.op(name, a, out, &[]),
    }
}

/// The scalar computation of element-wise op `name` on elements `ins` giving `out`.
fn elementwise_kind(
    ctx: &Context,
    name: &str,
    attrs: &Attrs<'_>,
    ins: &[Type],
    out: Type,
) -> Option<Sc> {
    let e = *ins.first()?;
    let float = is_float(ctx, e);
    let int = signless_width(ctx, e).filter(|&w| w > 1).is_some();
    let bool_ = signless_width(ctx, e) == Some(1);
    let same = ins.iter().all(|&t| t == e);
    let binary = ins.len() == 2 && same;
    let unary = ins.len() == 1;
    let f = |n| Some(Sc::Op(n));
    match name {
        "graph.add" if binary && float => f("arith.addf"),
        "graph.sub" if binary && float => f("arith.subf"),
        "graph.mul" if binary && float => f("arith.mulf"),
        "graph.div" if binary && float => f("arith.divf"),
        "graph.max" if binary && float => f("arith.maximumf"),
        "graph.min" if binary && float => f("arith.minimumf"),
        "graph.pow" if binary && float => f("math.powf"),
        "graph.add" if binary && int => f("arith.addi"),
        "graph.sub" if binary && int => f("arith.subi"),
        "graph.mul" if binary && int => f("arith.muli"),
        "graph.max" if binary && int => f("arith.maxsi"),
        "graph.min" if binary && int => f("arith.minsi"),
        "graph.and" if binary && bool_ => f("arith.andi"),
        "graph.or" if binary && bool_ => f("arith.ori"),
        "graph.xor" if binary && bool_ => f("arith.xori"),
        "graph.equal" if binary && float => Some(Sc::Cmp("arith.cmpf", 1)),
        "graph.greater" if binary && float => Some(Sc::Cmp("arith.cmpf", 2)),
        "graph.greater_equal" if binary && float => Some(Sc::Cmp("arith.cmpf", 3)),
        "graph.less" if binary && float => Some(Sc::Cmp("arith.cmpf", 4)),
        "graph.less_equal" if binary && float => Some(Sc::Cmp("arith.cmpf", 5)),
        "graph.equal" if binary && (int || bool_) => Some(Sc::Cmp("arith.cmpi", 0)),
        "graph.less" if binary && int => Some(Sc::Cmp("arith.cmpi", 2)),
        "graph.less_equal" if binary && int => Some(Sc::Cmp("arith.cmpi", 3)),
        "graph.greater" if binary && int => Some(Sc::Cmp("arith.cmpi", 4)),
        "graph.greater_equal" if binary && int => Some(Sc::Cmp("arith.cmpi", 5)),
        "graph.where" if ins.len() == 3 && bool_ && ins[1] == ins[2] && ins[1] == out => {
            Some(Sc::Select)
        }
        "graph.neg" if unary && float => f("arith.negf"),
        "graph.abs" if unary && float => f("math.absf"),
        "graph.exp" if unary && float => f("math.exp"),
        "graph.log" if unary && float => f("math.log"),
        "graph.sqrt" if unary && float => f("math.sqrt"),
        "graph.erf" if unary && float => f("math.erf"),
        "graph.tanh" if unary && float => f("math.tanh"),
        "graph.sin" if unary && float => f("math.sin"),
        "graph.cos" if unary && float => f("math.cos"),
        "graph.acos" if unary && float => f("math.acos"),
        "graph.asin" if unary && float => f("math.asin"),
        "graph.atan" if unary && float => f("math.atan"),
        "graph.floor" if unary && float => f("math.floor"),
        "graph.ceil" if unary && float => f("math.ceil"),
        "graph.round" if unary && float => f("math.roundeven"),
        "graph.reciprocal" if unary && float => Some(Sc::Recip),
        "graph.neg" if unary && int => Some(Sc::NegI),
        "graph.abs" if unary && int => f("math.absi"),
        "graph.sign" if unary && (float || int) => Some(Sc::Sign(float)),
        "graph.sigmoid" if unary && float => Some(Sc::Sigmoid),
        "graph.relu" if unary && float => Some(Sc::Relu("arith.maximumf")),
        "graph.relu" if unary && int => Some(Sc::Relu("arith.maxsi")),
        "graph.leaky_relu" if unary && float => {
            Some(Sc::LeakyRelu(attrs.f64("alpha", 0.01f32 as f64).ok()?))
        }
        "graph.elu" if unary && float => Some(Sc::Elu(attrs.f64("alpha", 1.0).ok()?)),
        "graph.hard_sigmoid" if unary && float => Some(Sc::HardSigmoid(
            attrs.f64("alpha", 0.2f32 as f64).ok()?,
            attrs.f64("beta", 0.5).ok()?,
        )),
        "graph.hard_swish" if unary && float => Some(Sc::HardSwish),
        "graph.gelu" if unary && float => {
            match attrs
                .choice("approximate", "none", &["none", "tanh"])
                .ok()?
            {
                "tanh" => Some(Sc::Gelu(true)),
                _ => Some(Sc::Gelu(false)),
            }
        }
        "graph.prelu" if binary && float => Some(Sc::Prelu),
        "graph.expand" | "graph.dropout" if unary => Some(Sc::Cast(None)),
        "graph.clip" if unary && float => {
            let lo = attrs.floats_or_one("min")?;
            let hi = attrs.floats_or_one("max")?;
            Some(Sc::Clip(lo, hi))
        }
        "graph.not" if unary && bool_ => Some(Sc::Not),
        "graph.identity" if unary => Some(Sc::Cast(None)),
        "graph.cast" if unary => cast_kind(ctx, e, out).map(Sc::Cast),
        _ => None,
    }
}

/// Optional float attribute reading (bounds of `clip`).
trait FloatOpt {
    fn floats_or_one(&self, name: &str) -> Option<Option<f64>>;
}

impl FloatOpt for Attrs<'_> {
    fn floats_or_one(&self, name: &str) -> Option<Option<f64>> {
        if !self.has(name) {
            return Some(None);
        }
        self.f64(name, 0.0).ok().map(Some)
    }
}

fn cast_kind(ctx: &Context, from: Type, to: Type) -> Option<Option<&'static str>> {
    if from == to {
        return Some(None);
    }
    // Casts from and to the 8- and 4-bit floats (saturation, e8m0 rounding) have no arith
    // equivalent: not converted.
    let small = |t| float_kind(ctx, t).is_some_and(|k| !k.is_ieee_arith());
    if small(from) || small(to) {
        return None;
    }
    match (float_kind(ctx, from), float_kind(ctx, to)) {
        (Some(a), Some(b)) => {
            let (wa, wb) = (a.width(), b.width());
            if wa < wb {
                Some(Some("arith.extf"))
            } else if wa > wb {
                Some(Some("arith.truncf"))
            } else {
                None
            }
        }
        (None, Some(_)) => match signless_width(ctx, from)? {
            1 => Some(Some("arith.uitofp")),
            _ => Some(Some("arith.sitofp")),
        },
        _ => None,
    }
}

/// Convert graph op `name` with `operands`, result type `result` and properties `attrs`
/// (a static-shape lowering built before `cv.before`). `None`: not converted, nothing built.
pub fn convert(
    cv: &mut Cv<'_>,
    name: &str,
    operands: &[Value],
    result: Type,
    attrs: Attrs<'_>,
    value: Option<strata_ir::Attribute>,
) -> Option<Value> {
    let ctx = cv.ctx;
    let out = shape_of(ctx, result);
    let in_types: Vec<Type> = operands.iter().map(|&v| cv.body.value_type(v)).collect();
    let in_shapes: Option<Vec<Vec<i64>>> = in_types.iter().map(|&t| shape_of(ctx, t)).collect();
    let (out, in_shapes) = match name {
        "graph.constant" => {
            let value = value?;
            // Dense literals and resource blobs alike, when arith.constant can hold them
            // (signless integer elements).
            return match ctx.attr_kind(value) {
                AttrKind::DenseElements { .. } | AttrKind::DenseResource { .. }
                    if strata_dialect_arith::is_buildable_with(ctx, value, result) =>
                {
                    Some(cv.v("arith.constant", &[], result, &[("value", value)]))
                }
                _ => None,
            };
        }
        _ => (out?, in_shapes?),
    };
    let out_elem = elem_of(ctx, result);
    let in_elems: Vec<Type> = in_types.iter().map(|&t| elem_of(ctx, t)).collect();
    if let Some(sc) = elementwise_kind(ctx, name, &attrs, &in_elems, out_elem) {
        if in_shapes.iter().any(|s| s.len() > out.len()) {
            return None;
        }
        if sc.steps() && crate::widen::is_half(ctx, out_elem) {
            // Several rounding steps on f16/bf16: computed in f64, rounded once (`widen`).
            return Some(cv.elementwise(operands, &out, out_elem, |sb, a| {
                let f64t = sb.ctx.f64();
                let w: Vec<Value> = a
                    .iter()
                    .map(|&x| sb.op("arith.extf", &[x], f64t, &[]))
                    .collect();
                let y = emit(sb, sc, &w, f64t);
                sb.op("arith.truncf", &[y], out_elem, &[])
            }));
        }
        return Some(cv.elementwise(operands, &out, out_elem, |sb, a| emit(sb, sc, a, out_elem)));
    }
    if let Some(v) = crate::integer::convert(
        cv, name, operands, &in_shapes, &out, &in_elems, out_elem, &attrs,
    ) {
        return Some(v);
    }
    if let Some(v) = crate::smallfloat::convert(
        cv, name, operands, &in_shapes, &out, &in_elems, out_elem, &attrs,
    ) {
        return Some(v);
    }
    if let Some(v) = crate::widen::convert(cv, name, operands, result, attrs) {
        return Some(v);
    }
    let float = is_float(ctx, out_elem) && in_elems.iter().all(|&t| t == out_elem);
    let int = signless_width(ctx, out_elem).is_some_and(|w| w > 1)
        && in_elems.iter().all(|&t| t == out_elem);
    let props = cv.body.op(cv.before).props;
    match name {
        "graph.matmul" if float || int => matmul(cv, operands, &in_shapes, &out, out_elem),
        "graph.gemm" if float => gemm(cv, operands, &in_shapes, &out, out_elem, &attrs),
        "graph.transpose" => {
            let x = &in_shapes[0];
            let perm = match attrs.ints("perm").ok()? {
                Some(p) => p,
                None => (0..x.len() as i64).rev().collect(),
            };
            let init = cv.empty(&out, out_elem);
            let p = i64_array_attr(ctx, &perm);
            Some(cv.v(
                "tensor.transpose",
                &[operands[0], init],
                result,
                &[("permutation", p)],
            ))
        }
        "graph.reshape" | "graph.flatten" | "graph.squeeze" | "graph.unsqueeze" => {
            reshape(cv, operands[0], &in_shapes[0], &out, out_elem)
        }
        "graph.reduce_sum" | "graph.reduce_mean" | "graph.reduce_max" | "graph.reduce_min"
        | "graph.reduce_prod"
            if float || int || bool_minmax(ctx, name, &in_elems, out_elem) =>
        {
            reduce(cv, name, operands[0], &in_shapes[0], &out, out_elem, &attrs)
        }
        "graph.softmax" | "graph.log_softmax" if float => {
            let x = &in_shapes[0];
            let axis = norm_axis(attrs.i64("axis", -1).ok()?, x.len())?;
            Some(softmax(
                cv,
                operands[0],
                x,
                axis,
                out_elem,
                name == "graph.log_softmax",
            ))
        }
        "graph.concat" => {
            let axis = norm_axis(attrs.i64("axis", 0).ok()?, out.len())?;
            let d = ctx.int_attr(axis as i128, ctx.int_type(64));
            Some(cv.v("tensor.concat", operands, result, &[("dim", d)]))
        }
        "graph.conv" if float && in_shapes[0].len() >= 5 => {
            crate::nd::conv(cv, operands, &in_shapes, &out, out_elem, &attrs)
        }
        "graph.max_pool" | "graph.average_pool" if float && in_shapes[0].len() >= 5 => {
            let max = name == "graph.max_pool";
            crate::nd::pool(cv, max, operands[0], &in_shapes[0], &out, out_elem, &attrs)
        }
        "graph.grid_sample" if operands.len() == 2 => {
            crate::gridsample::grid_sample(cv, operands, &in_shapes, &out, &attrs)
        }
        "graph.resize" if operands.len() == 1 => {
            crate::resize::resize(cv, operands[0], &in_shapes[0], &out, &attrs)
        }
        "graph.conv_transpose" if float => {
            crate::nd::conv_transpose(cv, operands, &in_shapes, &out, out_elem, &attrs)
        }
        "graph.conv" if float && in_shapes[0].len() == 3 => {
            crate::spatial::conv1d(cv, operands, &in_shapes, &out, out_elem, props)
        }
        "graph.max_pool" | "graph.average_pool" if float && in_shapes[0].len() == 3 => {
            let max = name == "graph.max_pool";
            crate::spatial::pool1d(cv, max, operands[0], &in_shapes[0], &out, out_elem, props)
        }
        "graph.conv" if float => crate::nn::conv(cv, operands, &in_shapes, &out, out_elem, &attrs),
        "graph.max_pool" | "graph.average_pool"
            if float || (int && name == "graph.max_pool" && in_shapes[0].len() == 4) =>
        {
            crate::nn::pool(
                cv,
                name == "graph.max_pool",
                operands[0],
                &in_shapes[0],
                &out,
                out_elem,
                &attrs,
            )
        }
        "graph.global_average_pool" | "graph.global_max_pool" if float => {
            let x = &in_shapes[0];
            if x.len() < 3 {
                return None;
            }
            let axes: Vec<i64> = (2..x.len() as i64).collect();
            let kind = if name == "graph.global_max_pool" {
                "graph.reduce_max"
            } else {
                "graph.reduce_mean"
            };
            reduce_axes(cv, kind, operands[0], x, &out, out_elem, &axes, true, false)
        }
        "graph.layer_norm" if float => {
            crate::nn::layer_norm(cv, operands, &in_shapes, &out, out_elem, &attrs)
        }
        "graph.lrn" if float => crate::nn::lrn(cv, operands[0], &in_shapes[0], out_elem, &attrs),
        "graph.instance_norm" if float => {
            crate::nn::instance_norm(cv, operands, &in_shapes, &out, out_elem, &attrs)
        }
        "graph.batch_norm" if float => {
            crate::nn::batch_norm(cv, operands, &in_shapes, &out, out_elem, &attrs)
        }
        "graph.pad" => crate::nn::pad(cv, operands[0], &in_shapes[0], &out, &attrs)
            .or_else(|| crate::pads::pad(cv, operands[0], &in_shapes[0], &out, &attrs)),
        "graph.tile" => {
            let x = &in_shapes[0];
            let reps = attrs.ints("repeats").ok()??;
            if reps.len() != x.len() || reps.iter().any(|&r| r < 1) {
                return None;
            }
            if (0..x.len()).any(|i| x[i] * reps[i] != out[i]) {
                return None;
            }
            let mut v = operands[0];
            let mut cur = x.clone();
            for (i, &r) in reps.iter().enumerate() {
                if r == 1 {
                    continue;
                }
                cur[i] *= r;
                let ty = ctx.tensor_type(&cur, out_elem);
                let d = ctx.int_attr(i as i128, ctx.int_type(64));
                let copies = vec![v; r as usize];
                v = cv.v("tensor.concat", &copies, ty, &[("dim", d)]);
            }
            Some(v)
        }
        "graph.gather" => crate::index::gather(cv, operands, &in_shapes, &out, out_elem, &attrs),
        "graph.gather_elements" => {
            crate::index::gather_elements(cv, operands, &in_shapes, &out, out_elem, &attrs)
        }
        "graph.argmax" | "graph.argmin" => crate::index::arg_extreme(
            cv,
            name == "graph.argmax",
            operands[0],
            &in_shapes[0],
            &out,
            out_elem,
            &attrs,
        ),
        "graph.scatter_elements" => {
            crate::scatter::scatter_elements(cv, operands, &in_shapes, &out, out_elem, &attrs)
        }
        "graph.scatter_nd" => {
            crate::scatter::scatter_nd(cv, operands, &in_shapes, &out, out_elem, &attrs)
        }
        "graph.gather_nd" => {
            crate::scatter::gather_nd(cv, operands, &in_shapes, &out, out_elem, &attrs)
        }
        "graph.label_encoder" => {
            crate::labels::label_encoder(cv, operands[0], &in_shapes[0], &out, out_elem, props)
        }
        "graph.deform_conv" => crate::deform::deform_conv(cv, operands, &in_shapes, &out, &attrs),
        "graph.roi_align" => crate::roialign::roi_align(cv, operands, &in_shapes, &out, &attrs),
        "graph.tfidf_vectorizer" => {
            crate::tfidf::tfidf_vectorizer(cv, operands[0], &in_shapes[0], &out, props)
        }
        "graph.det" => crate::det::det(cv, operands[0], &in_shapes[0], &out, out_elem),
        "graph.einsum" => crate::einsum::einsum(cv, operands, &in_shapes, &out, out_elem, &attrs),
        "graph.slice" => {
            slice(cv, operands[0], &in_shapes[0], &out, result, &attrs).or_else(|| {
                crate::slice::negative_steps(cv, operands[0], &in_shapes[0], &out, out_elem, &attrs)
            })
        }
        _ => None,
    }
}

fn norm_axis(a: i64, rank: usize) -> Option<usize> {
    let r = rank as i64;
    let a = if a < 0 { a + r } else { a };
    (0..r).contains(&a).then_some(a as usize)
}

fn matmul(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
) -> Option<Value> {
    let (a, b) = (&shapes[0], &shapes[1]);
    if a.len() == 1 || b.len() == 1 {
        // ONNX: a 1-D operand gains a unit dim (prepended for A, appended for B) that
        // the result then drops.
        if a.is_empty() || b.is_empty() {
            return None;
        }
        let mut ops2 = ops.to_vec();
        let (mut a2, mut b2) = (a.clone(), b.clone());
        let mut o2 = out.to_vec();
        if a.len() == 1 {
            a2 = vec![1, a[0]];
            let r = vec![vec![0i64, 1]];
            ops2[0] = expand(cv, ops[0], &r, &a2, elem);
            o2.insert(o2.len() - usize::from(b.len() != 1), 1);
        }
        if b.len() == 1 {
            b2 = vec![b[0], 1];
            let r = vec![vec![0i64, 1]];
            ops2[1] = expand(cv, ops[1], &r, &b2, elem);
            o2.push(1);
        }
        if o2.len() < 2 {
            return None;
        }
        let y = matmul(cv, &ops2, &[a2, b2], &o2, elem)?;
        // Drop the unit dims again.
        return reshape(cv, y, &o2, out, elem);
    }
    if a.len() < 2 || b.len() < 2 || out.len() < 2 {
        return None;
    }
    let nb = out.len() - 2;
    if a.len() - 2 > nb || b.len() - 2 > nb {
        return None;
    }
    let init = cv.filled(0.0, out, elem);
    let float = is_float(cv.ctx, elem);
    if a.len() == 2 && b.len() == 2 && float {
        let ty = cv.body.value_type(init);
        return Some(cv.v("tensor.matmul", &[ops[0], ops[1], init], ty, &[]));
    }
    let batch =
        |s: &[i64]| -> Vec<AffineExpr> { broadcast_map(&s[..s.len() - 2], &out[..nb]).results };
    let n = nb + 3;
    let (m, nn, k) = (Dim(nb as u32), Dim(nb as u32 + 1), Dim(nb as u32 + 2));
    let mut ra = batch(a);
    ra.extend([m.clone(), k.clone()]);
    let mut rb = batch(b);
    rb.extend([k, nn.clone()]);
    let mut ro: Vec<AffineExpr> = (0..nb as u32).map(Dim).collect();
    ro.extend([m, nn]);
    let mut iters = vec![Parallel; nb + 2];
    iters.push(Reduction);
    Some(cv.generic(
        &[ops[0], ops[1]],
        init,
        vec![map(n, ra), map(n, rb), map(n, ro)],
        &iters,
        |sb, x| {
            // Integers wrap (numpy's product of `int32` arrays).
            let (mul, add) = if float {
                ("arith.mulf", "arith.addf")
            } else {
                ("arith.muli", "arith.addi")
            };
            let p = sb.bin(mul, x[0], x[1]);
            sb.bin(add, x[2], p)
        },
    ))
}

fn gemm(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    attrs: &Attrs<'_>,
) -> Option<Value> {
    let ta = attrs.i64("trans_a", 0).ok()? != 0;
    let tb = attrs.i64("trans_b", 0).ok()? != 0;
    let alpha = attrs.f64("alpha", 1.0).ok()?;
    let beta = attrs.f64("beta", 1.0).ok()?;
    if shapes[0].len() != 2 || shapes[1].len() != 2 || out.len() != 2 {
        return None;
    }
    if shapes.len() > 2 && shapes[2].len() > 2 {
        return None;
    }
    let init = cv.filled(0.0, out, elem);
    let ma = if ta {
        vec![Dim(2), Dim(0)]
    } else {
        vec![Dim(0), Dim(2)]
    };
    let mb = if tb {
        vec![Dim(1), Dim(2)]
    } else {
        vec![Dim(2), Dim(1)]
    };
    let prod = cv.generic(
        &ops[..2],
        init,
        vec![map(3, ma), map(3, mb), map(3, vec![Dim(0), Dim(1)])],
        &[Parallel, Parallel, Reduction],
        |sb, x| {
            let p = sb.bin("arith.mulf", x[0], x[1]);
            sb.bin("arith.addf", x[2], p)
        },
    );
    let c = ops.get(2).copied();
    if alpha == 1.0 && c.is_none() {
        return Some(prod);
    }
    let mut ins = vec![prod];
    ins.extend(c);
    Some(cv.elementwise(&ins, out, elem, |sb, x| {
        let mut r = x[0];
        if alpha != 1.0 {
            let k = sb.cst(alpha, elem);
            r = sb.bin("arith.mulf", k, r);
        }
        if c.is_some() {
            let mut cv = x[1];
            if beta != 1.0 {
                let k = sb.cst(beta, elem);
                cv = sb.bin("arith.mulf", k, cv);
            }
            r = sb.bin("arith.addf", r, cv);
        }
        r
    }))
}

/// Reassociation grouping the dims of `big` into those of `small` (each group's product is
/// the small dim; trailing 1s join the last group), if there is one.
fn reassociation(big: &[i64], small: &[i64]) -> Option<Vec<Vec<i64>>> {
    if small.is_empty() {
        return big.iter().all(|&d| d == 1).then(Vec::new);
    }
    let mut groups: Vec<Vec<i64>> = Vec::new();
    let mut i = 0;
    for &d in small {
        let mut g = Vec::new();
        let mut p = 1;
        loop {
            let &b = big.get(i)?;
            g.push(i as i64);
            p *= b;
            i += 1;
            if p == d {
                break;
            }
            if p > d {
                return None;
            }
        }
        groups.push(g);
    }
    while i < big.len() {
        if big[i] != 1 {
            return None;
        }
        groups.last_mut()?.push(i as i64);
        i += 1;
    }
    Some(groups)
}

fn reassoc_attr(ctx: &Context, groups: &[Vec<i64>]) -> strata_ir::Attribute {
    let i64t = ctx.int_type(64);
    let items: Vec<_> = groups
        .iter()
        .map(|g| {
            let v: Vec<_> = g.iter().map(|&x| ctx.int_attr(x as i128, i64t)).collect();
            ctx.array_attr(&v)
        })
        .collect();
    ctx.array_attr(&items)
}

pub(crate) fn collapse(
    cv: &mut Cv<'_>,
    x: Value,
    groups: &[Vec<i64>],
    to: &[i64],
    elem: Type,
) -> Value {
    let ty = cv.ctx.tensor_type(to, elem);
    let r = reassoc_attr(cv.ctx, groups);
    cv.v("tensor.collapse_shape", &[x], ty, &[("reassociation", r)])
}

pub(crate) fn expand(
    cv: &mut Cv<'_>,
    x: Value,
    groups: &[Vec<i64>],
    to: &[i64],
    elem: Type,
) -> Value {
    let ty = cv.ctx.tensor_type(to, elem);
    let r = reassoc_attr(cv.ctx, groups);
    let s = i64_array_attr(cv.ctx, to);
    cv.v(
        "tensor.expand_shape",
        &[x],
        ty,
        &[("reassociation", r), ("static_output_shape", s)],
    )
}

/// A reshape between static shapes of the same size: one `collapse_shape` or
/// `expand_shape` when the dims group, else a collapse to 1-D and an expand.
fn reshape(cv: &mut Cv<'_>, x: Value, from: &[i64], to: &[i64], elem: Type) -> Option<Value> {
    if from.iter().product::<i64>() != to.iter().product::<i64>() {
        return None;
    }
    if from == to {
        return Some(x);
    }
    if from.len() >= to.len() {
        if let Some(g) = reassociation(from, to) {
            return Some(collapse(cv, x, &g, to, elem));
        }
    }
    if from.len() <= to.len() {
        if let Some(g) = reassociation(to, from) {
            return Some(expand(cv, x, &g, to, elem));
        }
    }
    let n = from.iter().product::<i64>();
    let all = |r: usize| vec![(0..r as i64).collect::<Vec<_>>()];
    let flat = collapse(cv, x, &all(from.len()), &[n], elem);
    Some(expand(cv, flat, &all(to.len()), to, elem))
}

/// Whether `name` is `reduce_max`/`reduce_min` from `i1` to `i1` (`or`/`and`).
fn bool_minmax(ctx: &Context, name: &str, ins: &[Type], out: Type) -> bool {
    matches!(name, "graph.reduce_max" | "graph.reduce_min")
        && signless_width(ctx, out) == Some(1)
        && ins.iter().all(|&t| t == out)
}

fn reduce(
    cv: &mut Cv<'_>,
    name: &str,
    x: Value,
    shape: &[i64],
    out: &[i64],
    elem: Type,
    attrs: &Attrs<'_>,
) -> Option<Value> {
    let keep = attrs.i64("keepdims", 1).ok()? != 0;
    let noop = attrs.i64("noop_with_empty_axes", 0).ok()? != 0;
    let axes = attrs.ints("axes").ok()?.unwrap_or_default();
    reduce_axes(cv, name, x, shape, out, elem, &axes, keep, noop)
}

/// A reduction of kind `name` (`graph.reduce_*`) over `axes` (all when empty, unless
/// `noop`).
fn reduce_axes(
    cv: &mut Cv<'_>,
    name: &str,
    x: Value,
    shape: &[i64],
    out: &[i64],
    elem: Type,
    axes: &[i64],
    keep: bool,
    noop: bool,
) -> Option<Value> {
    let r = shape.len();
    let mut red = vec![false; r];
    if axes.is_empty() {
        if noop {
            return (shape == out).then_some(x);
        }
        red = vec![true; r];
    }
    for &a in axes {
        red[norm_axis(a, r)?] = true;
    }
    let mut ro = Vec::new();
    let mut oshape = Vec::new();
    for i in 0..r {
        if !red[i] {
            ro.push(Dim(i as u32));
            oshape.push(shape[i]);
        } else if keep {
            ro.push(Const(0));
            oshape.push(1);
        }
    }
    if oshape != out {
        return None;
    }
    let count: i64 = shape
        .iter()
        .zip(&red)
        .filter(|(_, &b)| b)
        .map(|(&d, _)| d)
        .product();
    let (acc, op) = match signless_width(cv.ctx, elem) {
        // Booleans: `reduce_max` is `or` (from false), `reduce_min` `and` (from true).
        Some(1) => match name {
            "graph.reduce_max" => (cv.filled_int(0, out, elem), "arith.ori"),
            "graph.reduce_min" => (cv.filled_int(1, out, elem), "arith.andi"),
            _ => return None,
        },
        // Integers: wrapping sums and products, signed extremes (the interpreter's).
        Some(w) => {
            let (lo, hi) = (-(1i128 << (w - 1)), (1i128 << (w - 1)) - 1);
            if name == "graph.reduce_mean" && i128::from(count) > hi {
                return None;
            }
            let (init, op) = match name {
                "graph.reduce_sum" | "graph.reduce_mean" => (0, "arith.addi"),
                "graph.reduce_prod" => (1, "arith.muli"),
                "graph.reduce_max" => (lo, "arith.maxsi"),
                _ => (hi, "arith.minsi"),
            };
            (cv.filled_int(init, out, elem), op)
        }
        None => {
            let (init, op) = match name {
                "graph.reduce_sum" | "graph.reduce_mean" => (0.0, "arith.addf"),
                "graph.reduce_prod" => (1.0, "arith.mulf"),
                "graph.reduce_max" => (f64::NEG_INFINITY, "arith.maximumf"),
                _ => (f64::INFINITY, "arith.minimumf"),
            };
            (cv.filled(init, out, elem), op)
        }
    };
    let iters: Vec<_> = red
        .iter()
        .map(|&b| if b { Reduction } else { Parallel })
        .collect();
    let s = cv.generic(
        &[x],
        acc,
        vec![AffineMap::identity(r as u32), map(r, ro)],
        &iters,
        |sb, a| sb.bin(op, a[1], a[0]),
    );
    if name != "graph.reduce_mean" {
        return Some(s);
    }
    let div = if is_float(cv.ctx, elem) {
        "arith.divf"
    } else {
        // The wrapped sum divided with truncation (count > 0 fits the type: checked above).
        "arith.divsi"
    };
    Some(cv.elementwise(&[s], out, elem, |sb, a| {
        let c = sb.cst(count as f64, elem);
        sb.bin(div, a[0], c)
    }))
}

/// Softmax along `axis`: max-reduce, `exp(x - max)`, sum-reduce, divide (log-softmax:
/// `x - max - log(sum)`).
fn softmax(cv: &mut Cv<'_>, x: Value, shape: &[i64], axis: usize, elem: Type, log: bool) -> Value {
    let r = shape.len();
    let rshape: Vec<i64> = (0..r).filter(|&i| i != axis).map(|i| shape[i]).collect();
    let rmap = map(
        r,
        (0..r as u32)
            .filter(|&i| i as usize != axis)
            .map(Dim)
            .collect(),
    );
    let id = AffineMap::identity(r as u32);
    let iters: Vec<_> = (0..r)
        .map(|i| if i == axis { Reduction } else { Parallel })
        .collect();
    let par = vec![Parallel; r];
    let m0 = cv.filled(f64::NEG_INFINITY, &rshape, elem);
    let m = cv.generic(&[x], m0, vec![id.clone(), rmap.clone()], &iters, |sb, a| {
        sb.bin("arith.maximumf", a[1], a[0])
    });
    let e0 = cv.empty(shape, elem);
    let e = cv.generic(
        &[x, m],
        e0,
        vec![id.clone(), rmap.clone(), id.clone()],
        &par,
        |sb, a| {
            let d = sb.bin("arith.subf", a[0], a[1]);
            sb.un("math.exp", d)
        },
    );
    let s0 = cv.filled(0.0, &rshape, elem);
    let s = cv.generic(&[e], s0, vec![id.clone(), rmap.clone()], &iters, |sb, a| {
        sb.bin("arith.addf", a[1], a[0])
    });
    let o0 = cv.empty(shape, elem);
    if log {
        cv.generic(
            &[x, m, s],
            o0,
            vec![id.clone(), rmap.clone(), rmap, id],
            &par,
            |sb, a| {
                let d = sb.bin("arith.subf", a[0], a[1]);
                let l = sb.un("math.log", a[2]);
                sb.bin("arith.subf", d, l)
            },
        )
    } else {
        cv.generic(&[e, s], o0, vec![id.clone(), rmap, id], &par, |sb, a| {
            sb.bin("arith.divf", a[0], a[1])
        })
    }
}

fn slice(
    cv: &mut Cv<'_>,
    x: Value,
    shape: &[i64],
    out: &[i64],
    result: Type,
    attrs: &Attrs<'_>,
) -> Option<Value> {
    let r = shape.len();
    let starts = attrs.ints("starts").ok()??;
    let ends = attrs.ints("ends").ok()??;
    let k = starts.len();
    if ends.len() != k {
        return None;
    }
    let axes = attrs
        .ints("axes")
        .ok()?
        .unwrap_or_else(|| (0..k as i64).collect());
    let steps = attrs.ints("steps").ok()?.unwrap_or_else(|| vec![1; k]);
    if axes.len() != k || steps.len() != k {
        return None;
    }
    let mut offs = vec![0i64; r];
    let mut sizes = shape.to_vec();
    let mut strides = vec![1i64; r];
    for i in 0..k {
        let a = norm_axis(axes[i], r)?;
        let d = shape[a];
        let st = steps[i];
        if st <= 0 {
            return None;
        }
        let clampi = |v: i64| {
            let v = if v < 0 { v.saturating_add(d) } else { v };
            v.clamp(0, d)
        };
        let (s, e) = (clampi(starts[i]), clampi(ends[i]));
        let n = if e > s { (e - s + st - 1) / st } else { 0 };
        offs[a] = s;
        sizes[a] = n;
        strides[a] = st;
    }
    if sizes != out {
        return None;
    }
    let ctx = cv.ctx;
    Some(cv.v(
        "tensor.extract_slice",
        &[x],
        result,
        &[
            (
                "operandSegmentSizes",
                strata_dialect_tensor::util::i32_array_attr(ctx, &[1, 0, 0, 0]),
            ),
            ("static_offsets", i64_array_attr(ctx, &offs)),
            ("static_sizes", i64_array_attr(ctx, &sizes)),
            ("static_strides", i64_array_attr(ctx, &strides)),
        ],
    ))
}

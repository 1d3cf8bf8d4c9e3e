//! Unsigned integer element types (`ui8`, `ui16`, `ui32`, `ui64`, and `ui4`/`ui2` for casts
//! and data movement), the MLIR way (TOSA to linalg): the tensor level has signless integers
//! only, so a `tensor<..xuiN>` becomes a `tensor<..xiN>` holding the same bits, and the
//! conversion picks the unsigned `arith` op wherever signedness changes the result:
//!
//! * `div` → `arith.divui`, `mod` (both `fmod` modes agree on non-negative values) →
//!   `arith.remui`, `min`/`max` → `arith.minui`/`maxui`, `less`/`less_equal`/`greater`/
//!   `greater_equal` → `arith.cmpi ult/ule/ugt/uge`, `bit_shift` right → `arith.shrui`,
//!   `relu` and `abs` are the identity, `sign` is `x != 0`;
//! * `cast` from `uiN`: `uitofp`, `extui`, `trunci` or the identity; to `uiN`: `fptoui`
//!   (truncation, saturation, NaN to 0, as the interpreter's cast), `extsi`/`extui` (from
//!   `i1`), `trunci` or the identity; to `ui4`/`ui2` from a float: `fptosi` to `i64` then
//!   `trunci` (the interpreter truncates and wraps modulo 2^N; ONNX leaves out-of-range
//!   values undefined), so `-2.5` gives 14 as `ui4`; casts between `ui4`/`ui2` and the
//!   small floats are not converted;
//! * `reduce_max`/`reduce_min`/`argmax`/`argmin`/`max_pool`: flipping the sign bit maps
//!   the unsigned order onto the signed one, so the signed lowering runs between two
//!   `xori`s with the sign bit (`max_pool`'s padding, the signed minimum, is the unsigned 0
//!   once flipped back);
//! * `top_k`: the ranks compare with `arith.cmpi ugt` ([`crate::topk`]);
//! * ops whose result bits do not depend on signedness (`add`, `sub`, `mul`, `neg`, `equal`,
//!   the bitwise ops, `reduce_sum`/`reduce_prod`, `matmul`, data movement, `where`,
//!   `constant`) use the signless lowering of [`crate::lower`] unchanged.
//!
//! `bitcast` from or to an unsigned type is the identity on the bits (`arith.bitcast` to or
//! from a float, `extui`/`cmpi ne` from or to `i1`, one byte as in the interpreter); `pow`
//! with an integer operand converts here for every integer type ([`crate::pow`]).
//!
//! `graph.bit_shift` on signless integers converts here too (`shli`, `shrsi`): the
//! interpreter's rule (a shift by a negative amount or by at least the width gives 0, or the
//! sign fill for a right shift) is exactly `arith`'s when the amount is read as unsigned.
//!
//! Values keep their unsigned types outside converted ops: each converted op reads its
//! operands through a `builtin.unrealized_conversion_cast` to the signless type (or the
//! signless value such a cast came from) and its result is cast back for the ops not yet
//! converted. At the end of the pass ([`finish_function`]), the signature of each function
//! becomes signless, the original element type of each argument and result is kept as the
//! `strata.elem_type` entry of its `arg_attrs`/`res_attrs` dictionary (bufferize carries the
//! results' to the out-parameters, and the cpu target's entry metadata reads them), and the
//! casts that cancel are removed. With a partial conversion, casts remain where an
//! unconverted op reads or produces an unsigned value.

use crate::build::cmpi;
use crate::build::{elem_of, float_kind, shape_of, signless_width, Cv, Sb};
use crate::pow::PowK;
use strata_dialect_graph::attr::Attrs;
use strata_ir::{
    AttrKind, Attribute, Body, Context, InsertPoint, Location, Op, OperationState, Signedness,
    Type, TypeKind, Value,
};

/// The name of the function argument/result attribute keeping the original element type.
pub const ELEM_TYPE_ATTR: &str = "strata.elem_type";

const CAST: &str = "builtin.unrealized_conversion_cast";

/// The width of an unsigned integer element type of 8, 16, 32 or 64 bits.
pub fn unsigned_width(ctx: &Context, t: Type) -> Option<u32> {
    match ctx.type_kind(t) {
        &TypeKind::Integer {
            width,
            signedness: Signedness::Unsigned,
        } if matches!(width, 8 | 16 | 32 | 64) => Some(width),
        _ => None,
    }
}

/// The width of an unsigned 2- or 4-bit integer element type (ONNX `UINT2`/`UINT4`).
pub fn small_unsigned_width(ctx: &Context, t: Type) -> Option<u32> {
    match ctx.type_kind(t) {
        &TypeKind::Integer {
            width,
            signedness: Signedness::Unsigned,
        } if matches!(width, 2 | 4) => Some(width),
        _ => None,
    }
}

/// The width of any unsigned element type this module converts (2, 4, 8, 16, 32, 64).
fn any_unsigned_width(ctx: &Context, t: Type) -> Option<u32> {
    unsigned_width(ctx, t).or_else(|| small_unsigned_width(ctx, t))
}

/// `t` with an unsigned element type (or scalar type) replaced by the signless one of the
/// same width; other types unchanged.
pub fn signless_of(ctx: &Context, t: Type) -> Type {
    let e = elem_of(ctx, t);
    let Some(w) = any_unsigned_width(ctx, e) else {
        return t;
    };
    let se = ctx.int_type(w);
    match ctx.type_kind(t) {
        TypeKind::RankedTensor { shape, .. } => {
            let shape = shape.to_vec();
            ctx.tensor_type(&shape, se)
        }
        TypeKind::UnrankedTensor(_) => ctx.ty(TypeKind::UnrankedTensor(se)),
        _ => se,
    }
}

/// Whether the element type of `t` is a converted unsigned type.
fn has_unsigned(ctx: &Context, t: Type) -> bool {
    any_unsigned_width(ctx, elem_of(ctx, t)).is_some()
}

/// What a converted op computes, decided before anything is built.
#[derive(Clone, Copy, Debug)]
enum Plan {
    /// The signless lowering on the same bits.
    Forward,
    /// An element-wise body of this module.
    Elem(Uk),
    /// The signed lowering between sign-bit flips (`reduce_max/min`; `flip_result`: the
    /// result is a value of the operand's type, flipped back).
    Flip { flip_result: bool },
}

/// Element-wise scalar computations.
#[derive(Clone, Copy, Debug)]
enum Uk {
    /// One binary op with the operands' type.
    Bin(&'static str),
    /// `arith.cmpi` with a predicate.
    Cmp(i64),
    /// The operand itself.
    Identity,
    /// `x != 0 ? 1 : 0`.
    Sign,
    /// One cast op to the result type.
    Cast(&'static str),
    /// `x != 0` (to `i1`).
    ToBool,
    /// A float to `ui4`/`ui2`: `arith.fptosi` to `i64` (truncation, NaN 0, saturation),
    /// then `arith.trunci` (the wrap modulo 2^N), as the interpreter's cast.
    FloatWrap,
    /// `pow` with an integer operand ([`crate::pow`]).
    Pow(PowK),
}

fn plan(ctx: &Context, name: &str, attrs: &Attrs<'_>, ins: &[Type], out: Type) -> Option<Plan> {
    let e = *ins.first()?;
    let u = unsigned_width(ctx, e).is_some();
    let same = ins.iter().all(|&t| t == e);
    let binary = ins.len() == 2 && same;
    let unary = ins.len() == 1;
    let int = signless_width(ctx, e).is_some_and(|w| w > 1);
    let el = |k| Some(Plan::Elem(k));
    match name {
        "graph.bit_shift" if binary && (u || int) && out == e => {
            let left = attrs.choice("direction", "LEFT", &["LEFT", "RIGHT"]).ok()? == "LEFT";
            el(Uk::Bin(match (left, u) {
                (true, _) => "arith.shli",
                (false, true) => "arith.shrui",
                (false, false) => "arith.shrsi",
            }))
        }
        "graph.cast" if unary => cast(ctx, e, out).map(Plan::Elem),
        "graph.pow" if ins.len() == 2 => {
            crate::pow::kind(ctx, e, ins[1], out).map(|k| Plan::Elem(Uk::Pow(k)))
        }
        "graph.bitcast" if unary => bitcast(ctx, e, out).map(Plan::Elem),
        // `ui4`/`ui2` tensors: casts (above) and data movement only.
        _ if small_unsigned_width(ctx, e).is_some() || small_unsigned_width(ctx, out).is_some() => {
            matches!(
                name,
                "graph.identity"
                    | "graph.expand"
                    | "graph.reshape"
                    | "graph.flatten"
                    | "graph.squeeze"
                    | "graph.unsqueeze"
                    | "graph.transpose"
                    | "graph.concat"
                    | "graph.slice"
                    | "graph.gather"
                    | "graph.tile"
            )
            .then_some(Plan::Forward)
        }
        _ if !u => None,
        "graph.div" if binary && out == e => el(Uk::Bin("arith.divui")),
        "graph.mod" if binary && out == e => el(Uk::Bin("arith.remui")),
        "graph.max" if binary && out == e => el(Uk::Bin("arith.maxui")),
        "graph.min" if binary && out == e => el(Uk::Bin("arith.minui")),
        "graph.less" if binary => el(Uk::Cmp(cmpi::ULT)),
        "graph.less_equal" if binary => el(Uk::Cmp(cmpi::ULE)),
        "graph.greater" if binary => el(Uk::Cmp(cmpi::UGT)),
        "graph.greater_equal" if binary => el(Uk::Cmp(cmpi::UGE)),
        "graph.relu" | "graph.abs" if unary && out == e => el(Uk::Identity),
        "graph.sign" if unary && out == e => el(Uk::Sign),
        "graph.reduce_max" | "graph.reduce_min" if unary && out == e => {
            Some(Plan::Flip { flip_result: true })
        }
        "graph.argmax" | "graph.argmin" if unary => Some(Plan::Flip { flip_result: false }),
        "graph.max_pool" if unary && out == e => Some(Plan::Flip { flip_result: true }),
        "graph.add"
        | "graph.sub"
        | "graph.mul"
        | "graph.neg"
        | "graph.equal"
        | "graph.bitwise_and"
        | "graph.bitwise_or"
        | "graph.bitwise_xor"
        | "graph.bitwise_not"
        | "graph.identity"
        | "graph.expand"
        | "graph.reshape"
        | "graph.flatten"
        | "graph.squeeze"
        | "graph.unsqueeze"
        | "graph.transpose"
        | "graph.concat"
        | "graph.slice"
        | "graph.gather"
        | "graph.gather_elements"
        | "graph.tile"
        | "graph.reduce_sum"
        | "graph.reduce_prod"
        | "graph.matmul" => Some(Plan::Forward),
        _ => None,
    }
}

/// `graph.where` and `graph.constant` have no unsigned first operand: decided apart.
fn plan_other(ctx: &Context, name: &str, ins: &[Type], out: Type) -> Option<Plan> {
    match name {
        "graph.constant" if ins.is_empty() && has_unsigned(ctx, out) => Some(Plan::Forward),
        "graph.where" if ins.len() == 3 && ins[1] == ins[2] && ins[1] == out => Some(Plan::Forward),
        _ => None,
    }
}

/// `bitcast` from or to an unsigned type (same width; `i1` is one byte, 0 or 1).
fn bitcast(ctx: &Context, from: Type, to: Type) -> Option<Uk> {
    let (uf, ut) = (unsigned_width(ctx, from), unsigned_width(ctx, to));
    let width = |t| {
        unsigned_width(ctx, t)
            .or_else(|| signless_width(ctx, t).map(|w| w.max(8)))
            .or_else(|| {
                float_kind(ctx, t)
                    .filter(|k| k.is_ieee_arith())
                    .map(|k| k.width())
            })
    };
    if uf.is_none() && ut.is_none() || width(from)? != width(to)? {
        return None;
    }
    let bool_ = |t| signless_width(ctx, t) == Some(1);
    let float = |t| float_kind(ctx, t).is_some();
    Some(if bool_(from) {
        Uk::Cast("arith.extui")
    } else if bool_(to) {
        Uk::ToBool
    } else if float(from) || float(to) {
        Uk::Cast("arith.bitcast")
    } else {
        Uk::Identity
    })
}

/// Casts from or to an unsigned type (element types `from`, `to`). With `ui4`/`ui2` on
/// either side: integers wrap (`trunci`) or widen (`extui` from an unsigned or `i1` source,
/// `extsi` from a signed one), floats go through [`Uk::FloatWrap`], `ui4`/`ui2` go to the
/// IEEE floats with `uitofp`; the small floats are not converted here.
fn cast(ctx: &Context, from: Type, to: Type) -> Option<Uk> {
    let (uf, ut) = (any_unsigned_width(ctx, from), any_unsigned_width(ctx, to));
    let sf = signless_width(ctx, from).filter(|w| matches!(w, 1 | 2 | 4 | 8 | 16 | 32 | 64));
    let st = signless_width(ctx, to).filter(|w| matches!(w, 1 | 2 | 4 | 8 | 16 | 32 | 64));
    let ieee = |t| float_kind(ctx, t).is_some_and(|k| k.is_ieee_arith());
    let resize = |a: u32, b: u32, ext: &'static str| {
        Some(match a.cmp(&b) {
            std::cmp::Ordering::Less => Uk::Cast(ext),
            std::cmp::Ordering::Greater => Uk::Cast("arith.trunci"),
            std::cmp::Ordering::Equal => Uk::Identity,
        })
    };
    match (uf, ut) {
        (Some(a), _) => match (ut.or(st), to) {
            (Some(1), _) => Some(Uk::ToBool),
            (Some(b), _) => resize(a, b, "arith.extui"),
            (None, t) if ieee(t) => Some(Uk::Cast("arith.uitofp")),
            _ => None,
        },
        (None, Some(b)) => match sf {
            Some(1) => Some(Uk::Cast("arith.extui")),
            Some(a) => resize(a, b, "arith.extsi"),
            None if ieee(from) && b < 8 => Some(Uk::FloatWrap),
            None if ieee(from) => Some(Uk::Cast("arith.fptoui")),
            None => None,
        },
        (None, None) => None,
    }
}

fn emit(sb: &mut Sb<'_>, k: Uk, a: &[Value], out: Type) -> Value {
    match k {
        Uk::Bin(name) => sb.bin(name, a[0], a[1]),
        Uk::Cmp(p) => sb.cmp("arith.cmpi", p, a[0], a[1]),
        Uk::Identity => a[0],
        Uk::Sign => {
            let ty = sb.body.value_type(a[0]);
            let z = sb.cst(0.0, ty);
            let one = sb.cst(1.0, ty);
            let nz = sb.cmp("arith.cmpi", cmpi::NE, a[0], z);
            sb.op("arith.select", &[nz, one, z], ty, &[])
        }
        Uk::Cast(name) => sb.op(name, a, out, &[]),
        Uk::ToBool => {
            let ty = sb.body.value_type(a[0]);
            let z = sb.cst(0.0, ty);
            sb.cmp("arith.cmpi", cmpi::NE, a[0], z)
        }
        Uk::FloatWrap => {
            let i64t = sb.ctx.int_type(64);
            let i = sb.op("arith.fptosi", a, i64t, &[]);
            sb.op("arith.trunci", &[i], out, &[])
        }
        Uk::Pow(k) => crate::pow::emit(sb, k, a, out),
    }
}

/// `x xor signbit`, element-wise (maps the unsigned order onto the signed one and back).
fn flip(cv: &mut Cv<'_>, x: Value) -> Option<Value> {
    let ty = cv.body.value_type(x);
    let shape = shape_of(cv.ctx, ty)?;
    let e = elem_of(cv.ctx, ty);
    let w = signless_width(cv.ctx, e)?;
    let sign = -(1i128 << (w - 1));
    Some(cv.elementwise(&[x], &shape, e, |sb, a| {
        let attr = sb.ctx.int_attr(sign, e);
        let c = sb.op("arith.constant", &[], e, &[("value", attr)]);
        sb.bin("arith.xori", a[0], c)
    }))
}

/// Erase the generic [`flip`] built (and its init) when the lowering after it failed.
fn erase_flip(body: &mut Body, x: Value) {
    let Some(g) = body.defining_op(x) else {
        return;
    };
    let init = body.operand_vec(g).last().copied();
    body.erase_op(g);
    if let Some(d) = init.and_then(|i| body.defining_op(i)) {
        if body.results(d).iter().all(|&r| !body.has_uses(r)) {
            body.erase_op(d);
        }
    }
}

/// A dense constant of an unsigned type reinterpreted as the signless type `ty` (same bytes).
fn reinterpret(ctx: &Context, value: Attribute, ty: Type) -> Option<Attribute> {
    Some(match ctx.attr_kind(value) {
        AttrKind::DenseElements { splat, data, .. } => ctx.attr(AttrKind::DenseElements {
            ty,
            splat: *splat,
            data: data.clone(),
        }),
        AttrKind::DenseResource { name, .. } => {
            ctx.attr(AttrKind::DenseResource { ty, name: *name })
        }
        _ => return None,
    })
}

fn cast_op(
    ctx: &Context,
    body: &mut Body,
    x: Value,
    to: Type,
    at: InsertPoint,
    loc: Location,
) -> Value {
    let mut st = OperationState::new(ctx, ctx.op_name(CAST), loc);
    st.operands = vec![x];
    st.result_types = vec![to];
    let op = body.create_op(st);
    body.insert_op(op, at);
    body.result(op, 0)
}

/// The signless value holding `v`'s bits: `v` itself, the operand of the cast that made it,
/// or a new cast before `before` (pushed on `made`).
fn signless_value(
    ctx: &Context,
    body: &mut Body,
    v: Value,
    before: Op,
    made: &mut Vec<Op>,
) -> Value {
    let t = body.value_type(v);
    let s = signless_of(ctx, t);
    if s == t {
        return v;
    }
    if let Some(d) = body.defining_op(v) {
        if ctx.op_name_str(body.name(d)) == CAST && body.num_operands(d) == 1 {
            let x = body.operand(d, 0);
            if body.value_type(x) == s {
                return x;
            }
        }
    }
    let loc = body.op(before).loc;
    let c = cast_op(ctx, body, v, s, InsertPoint::Before(before), loc);
    made.extend(body.defining_op(c));
    c
}

/// Convert `op` (named `name`, a graph op with one result) if it reads or produces an
/// unsigned integer tensor, or is a `bit_shift`: `None` when this module does not apply,
/// `Some(converted)` otherwise (nothing changed when not converted).
pub fn convert(ctx: &Context, body: &mut Body, op: Op, name: &str) -> Option<bool> {
    let operands: Vec<Value> = body.operands(op).collect();
    let results = body.results(op).to_vec();
    let types: Vec<Type> = operands.iter().map(|&v| body.value_type(v)).collect();
    let involved = types.iter().any(|&t| has_unsigned(ctx, t))
        || results
            .iter()
            .any(|&r| has_unsigned(ctx, body.value_type(r)));
    let mixed_pow = name == "graph.pow"
        && types.len() == 2
        && results.len() == 1
        && crate::pow::kind(
            ctx,
            elem_of(ctx, types[0]),
            elem_of(ctx, types[1]),
            elem_of(ctx, body.value_type(results[0])),
        )
        .is_some();
    if !involved && name != "graph.bit_shift" && !mixed_pow {
        return None;
    }
    if name == "graph.top_k" {
        return Some(top_k(ctx, body, op));
    }
    // `max_pool`'s indices result converts only when unused (as for the signless types).
    let extra_unused =
        name == "graph.max_pool" && results.iter().skip(1).all(|&r| !body.has_uses(r));
    if results.is_empty() || (results.len() != 1 && !extra_unused) || !body.regions(op).is_empty() {
        return Some(false);
    }
    let result = body.value_type(results[0]);
    let props = body.op(op).props;
    let attrs = Attrs::new(ctx, props);
    let in_elems: Vec<Type> = types.iter().map(|&t| elem_of(ctx, t)).collect();
    let out_elem = elem_of(ctx, result);
    let Some(p) = plan(ctx, name, &attrs, &in_elems, out_elem)
        .or_else(|| plan_other(ctx, name, &in_elems, out_elem))
    else {
        return Some(false);
    };
    let out_s = signless_of(ctx, result);
    let value = match ctx.dict_get(props, "value") {
        Some(v) if name == "graph.constant" => match reinterpret(ctx, v, out_s) {
            Some(v) => Some(v),
            None => return Some(false),
        },
        v => v,
    };
    let mut made = Vec::new();
    let ins: Vec<Value> = operands
        .iter()
        .map(|&v| signless_value(ctx, body, v, op, &mut made))
        .collect();
    let loc = body.op(op).loc;
    let mut cv = Cv {
        ctx,
        body,
        before: op,
        loc,
    };
    let built = match p {
        Plan::Forward => crate::lower::convert(&mut cv, name, &ins, out_s, attrs, value),
        Plan::Elem(k) => (|| {
            let out = shape_of(ctx, result)?;
            let shapes: Option<Vec<Vec<i64>>> = ins
                .iter()
                .map(|&v| shape_of(ctx, cv.body.value_type(v)))
                .collect();
            if shapes?.iter().any(|s| s.len() > out.len()) {
                return None;
            }
            let oe = elem_of(ctx, out_s);
            Some(cv.elementwise(&ins, &out, oe, |sb, a| emit(sb, k, a, oe)))
        })(),
        Plan::Flip { flip_result } => (|| {
            let x = flip(&mut cv, ins[0])?;
            let Some(y) = crate::lower::convert(&mut cv, name, &[x], out_s, attrs, value) else {
                erase_flip(cv.body, x);
                return None;
            };
            if flip_result {
                flip(&mut cv, y)
            } else {
                Some(y)
            }
        })(),
    };
    let Some(v) = built else {
        // Nothing of the lowering was built (it decides before building), but the casts
        // made for the operands and a flip may have been: remove what nothing reads.
        for m in made {
            if !body.is_erased(m) && body.results(m).iter().all(|&r| !body.has_uses(r)) {
                body.erase_op(m);
            }
        }
        return Some(false);
    };
    let v = if body.value_type(v) == result {
        v
    } else {
        cast_op(ctx, body, v, result, InsertPoint::Before(op), loc)
    };
    body.replace_all_uses(results[0], v);
    body.erase_op(op);
    Some(true)
}

/// `graph.top_k` of an unsigned operand: [`crate::topk::build`] on its signless bits with
/// the unsigned order, the values cast back for the ops not yet converted.
fn top_k(ctx: &Context, body: &mut Body, op: Op) -> bool {
    let operands: Vec<Value> = body.operands(op).collect();
    let results = body.results(op).to_vec();
    if operands.len() != 1 || results.len() != 2 {
        return false;
    }
    let e = elem_of(ctx, body.value_type(operands[0]));
    if unsigned_width(ctx, e).is_none() {
        return false;
    }
    let mut made = Vec::new();
    let x = signless_value(ctx, body, operands[0], op, &mut made);
    let Some((values, indices)) = crate::topk::build(ctx, body, op, x, true) else {
        for m in made {
            if !body.is_erased(m) && body.results(m).iter().all(|&r| !body.has_uses(r)) {
                body.erase_op(m);
            }
        }
        return false;
    };
    let rt = body.value_type(results[0]);
    let values = if body.value_type(values) == rt {
        values
    } else {
        let loc = body.op(op).loc;
        cast_op(ctx, body, values, rt, InsertPoint::Before(op), loc)
    };
    body.replace_all_uses(results[0], values);
    body.replace_all_uses(results[1], indices);
    body.erase_op(op);
    true
}

/// The element type attribute dictionary of one argument or result: `old` (a dictionary or
/// nothing) with `strata.elem_type` set to the unsigned element type of `t`, if any.
fn with_elem_attr(ctx: &Context, old: Option<Attribute>, t: Type) -> Attribute {
    let old = old.unwrap_or_else(|| ctx.dict_attr(&[]));
    if has_unsigned(ctx, t) {
        ctx.dict_set(old, ELEM_TYPE_ATTR, Some(ctx.type_attr(elem_of(ctx, t))))
    } else {
        old
    }
}

fn attr_items(ctx: &Context, a: Option<Attribute>) -> Vec<Option<Attribute>> {
    match a.map(|a| ctx.attr_kind(a)) {
        Some(AttrKind::Array(items)) => items.iter().map(|&i| Some(i)).collect(),
        _ => Vec::new(),
    }
}

/// Make the signature of function `f` (an op of `mbody`) signless: unsigned argument and
/// result types become signless with `strata.elem_type` in `arg_attrs`/`res_attrs`, casts
/// bridge to any op still reading or producing the unsigned values, and casts that cancel
/// are removed.
pub fn finish_function(ctx: &Context, mbody: &mut Body, f: Op) -> bool {
    if ctx.op_name_str(mbody.name(f)) != "func.func" {
        return false;
    }
    let props = mbody.op(f).props;
    let Some(fty) = ctx.dict_get(props, "function_type") else {
        return false;
    };
    let AttrKind::Type(fty) = *ctx.attr_kind(fty) else {
        return false;
    };
    let TypeKind::Function { inputs, results } = ctx.type_kind(fty).clone() else {
        return false;
    };
    let Some(region) = mbody.regions(f).first().copied() else {
        return false;
    };
    let floc = mbody.op(f).loc;
    let Some(fb) = mbody.nested_mut(f) else {
        return false;
    };
    let Some(entry) = fb.entry_block(region) else {
        return false;
    };
    let any = inputs
        .iter()
        .chain(results.iter())
        .any(|&t| has_unsigned(ctx, t));
    let args = fb.block_args(entry).to_vec();
    if !any || args.len() != inputs.len() {
        return cleanup(ctx, fb, region);
    }
    // Arguments: signless, with a cast back for the uses (folded away below when they are
    // casts to signless).
    for (&a, &t) in args.iter().zip(inputs.iter()) {
        let s = signless_of(ctx, t);
        if s == t || fb.value_type(a) != t {
            continue;
        }
        fb.set_value_type(a, s);
        let at = match fb.first_op(entry) {
            Some(o) => InsertPoint::Before(o),
            None => InsertPoint::End(entry),
        };
        let c = cast_op(ctx, fb, a, t, at, floc);
        let cop = fb.defining_op(c);
        fb.replace_uses_if(a, c, |u| Some(u.op) != cop);
    }
    // Results: every `func.return` reads signless values.
    let rets: Vec<Op> = fb
        .region_blocks(region)
        .to_vec()
        .into_iter()
        .filter_map(|b| fb.last_op(b))
        .filter(|&o| ctx.op_name_str(fb.name(o)) == "func.return")
        .collect();
    for r in rets {
        let n = fb.num_operands(r);
        for i in 0..n {
            let v = fb.operand(r, i);
            let s = signless_of(ctx, fb.value_type(v));
            if s != fb.value_type(v) {
                let mut made = Vec::new();
                let x = signless_value(ctx, fb, v, r, &mut made);
                fb.set_operand(r, i, x);
            }
        }
    }
    cleanup(ctx, fb, region);
    let ins_s: Vec<Type> = inputs.iter().map(|&t| signless_of(ctx, t)).collect();
    let res_s: Vec<Type> = results.iter().map(|&t| signless_of(ctx, t)).collect();
    let old_args = attr_items(ctx, ctx.dict_get(props, "arg_attrs"));
    let old_res = attr_items(ctx, ctx.dict_get(props, "res_attrs"));
    let arg_attrs: Vec<Attribute> = inputs
        .iter()
        .enumerate()
        .map(|(i, &t)| with_elem_attr(ctx, old_args.get(i).copied().flatten(), t))
        .collect();
    let res_attrs: Vec<Attribute> = results
        .iter()
        .enumerate()
        .map(|(i, &t)| with_elem_attr(ctx, old_res.get(i).copied().flatten(), t))
        .collect();
    let mut props = ctx.dict_set(
        props,
        "function_type",
        Some(ctx.type_attr(ctx.function_type(&ins_s, &res_s))),
    );
    let empty = ctx.dict_attr(&[]);
    if arg_attrs.iter().any(|&a| a != empty) {
        props = ctx.dict_set(props, "arg_attrs", Some(ctx.array_attr(&arg_attrs)));
    }
    if res_attrs.iter().any(|&a| a != empty) {
        props = ctx.dict_set(props, "res_attrs", Some(ctx.array_attr(&res_attrs)));
    }
    mbody.op_mut(f).props = props;
    true
}

/// Fold cast pairs that cancel (`cast(cast(x : A to B) : B to A)` is `x`) and remove casts
/// nothing reads, in the top-level blocks of `region`.
fn cleanup(ctx: &Context, body: &mut Body, region: strata_ir::Region) -> bool {
    let mut any = false;
    loop {
        let mut changed = false;
        for b in body.region_blocks(region).to_vec() {
            for o in body.block_op_vec(b) {
                if body.is_erased(o) || ctx.op_name_str(body.name(o)) != CAST {
                    continue;
                }
                if body.num_operands(o) != 1 || body.results(o).len() != 1 {
                    continue;
                }
                let r = body.result(o, 0);
                let x = body.operand(o, 0);
                let rt = body.value_type(r);
                if body.value_type(x) == rt {
                    body.replace_all_uses(r, x);
                    changed = true;
                } else if let Some(d) = body.defining_op(x) {
                    if ctx.op_name_str(body.name(d)) == CAST && body.num_operands(d) == 1 {
                        let y = body.operand(d, 0);
                        if body.value_type(y) == rt {
                            body.replace_all_uses(r, y);
                            changed = true;
                        }
                    }
                }
                if !body.has_uses(r) {
                    body.erase_op(o);
                    changed = true;
                }
            }
        }
        if !changed {
            return any;
        }
        any = true;
    }
}

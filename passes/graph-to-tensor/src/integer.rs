//! Integer, boolean and cast element-wise ops that [`crate::lower`]'s table leaves out, with
//! the interpreter's semantics made exact in `arith`:
//!
//! * `div` of signless integers: `arith.divsi` (truncating), except that a divisor of `-1`
//!   gives the wrapping negation (`MIN / -1 = MIN`, as the graph op wraps, where
//!   `arith.divsi` overflows); a zero divisor is an error in both forms;
//! * `mod`: `fmod = 1` is `arith.remsi`/`arith.remf` (the sign of the dividend); `fmod = 0`
//!   adds the divisor to a non-zero remainder whose sign differs from the divisor's (Python's
//!   `%`, numpy's `mod`);
//! * `bitwise_and/or/xor/not` on signless integers (`not` is `xor` with all ones);
//! * `cast` between signless integers (`extsi`, `extui` from `i1`, `trunci`: two's
//!   complement wrap-around), float to integer (`fptosi`: truncation, saturation, NaN to 0,
//!   as the interpreter's cast), anything to `i1` (`x != 0`, NaN is true: `cmpf une`), and
//!   between the 16-bit floats (`f16` ↔ `bf16` through an exact `f32`, rounded once).
//!
//! Unsigned element types have no `arith` form and stay graph ops, as do casts from and to
//! the 2- and 4-bit integers (their saturation rules are the interpreter's own).

use crate::build::{cmpf, cmpi};
use crate::build::{float_kind, is_float, signless_width, Cv, Sb};
use strata_dialect_graph::attr::Attrs;
use strata_ir::{Context, Type, Value};

/// The scalar computation, decided before anything is built.
#[derive(Clone, Copy, Debug)]
enum Ik {
    /// Signed division with the wrapping `MIN / -1`.
    Div,
    /// Remainder (`float`), with the sign of the divisor (`python`) or of the dividend.
    Mod { float: bool, python: bool },
    /// One binary `arith` op.
    Bin(&'static str),
    /// `x xor -1`.
    BitNot,
    /// Cast to `i1`: `x != 0` (floats: `une`).
    ToBool { float: bool },
    /// One cast op to the result type.
    Cast(&'static str),
    /// `f16` ↔ `bf16`: `extf` to `f32`, then `truncf`.
    Via32,
}

fn kind(ctx: &Context, name: &str, attrs: &Attrs<'_>, ins: &[Type], out: Type) -> Option<Ik> {
    let e = *ins.first()?;
    let int = signless_width(ctx, e).filter(|&w| w > 1).is_some();
    let float = is_float(ctx, e) && float_kind(ctx, e).is_some_and(|k| k.is_ieee_arith());
    let binary = ins.len() == 2 && ins[1] == e && out == e;
    let unary = ins.len() == 1;
    match name {
        "graph.div" if binary && int => Some(Ik::Div),
        "graph.mod" if binary && (int || float) => {
            let python = attrs.i64("fmod", 0).ok()? == 0;
            Some(Ik::Mod { float, python })
        }
        "graph.bitwise_and" if binary && int => Some(Ik::Bin("arith.andi")),
        "graph.bitwise_or" if binary && int => Some(Ik::Bin("arith.ori")),
        "graph.bitwise_xor" if binary && int => Some(Ik::Bin("arith.xori")),
        "graph.bitwise_not" if unary && int && out == e => Some(Ik::BitNot),
        "graph.cast" if unary => cast(ctx, e, out),
        _ => None,
    }
}

/// The casts [`crate::lower`] does not convert.
fn cast(ctx: &Context, from: Type, to: Type) -> Option<Ik> {
    let ieee = |t| float_kind(ctx, t).is_some_and(|k| k.is_ieee_arith());
    // The 2- and 4-bit integers follow the interpreter's small-type cast rules: not here.
    let w = |t| signless_width(ctx, t).filter(|w| matches!(w, 1 | 8 | 16 | 32 | 64));
    let small = |t| signless_width(ctx, t).is_some() && w(t).is_none();
    if small(from) || small(to) {
        return None;
    }
    let (fw, tw) = (w(from), w(to));

    if tw == Some(1) {
        return match fw {
            Some(w) if w > 1 => Some(Ik::ToBool { float: false }),
            _ if ieee(from) => Some(Ik::ToBool { float: true }),
            _ => None,
        };
    }
    match (fw, tw) {
        (Some(a), Some(b)) if a < b => {
            Some(Ik::Cast(if a == 1 { "arith.extui" } else { "arith.extsi" }))
        }
        (Some(a), Some(b)) if a > b => Some(Ik::Cast("arith.trunci")),
        (None, Some(_)) if ieee(from) => Some(Ik::Cast("arith.fptosi")),
        (None, None) if ieee(from) && ieee(to) && from != to => {
            let w = |t| float_kind(ctx, t).map(|k| k.width());
            (w(from) == w(to)).then_some(Ik::Via32)
        }
        _ => None,
    }
}

fn int_cst(sb: &mut Sb<'_>, v: i128, ty: Type) -> Value {
    let a = sb.ctx.int_attr(v, ty);
    sb.op("arith.constant", &[], ty, &[("value", a)])
}

fn emit(sb: &mut Sb<'_>, k: Ik, a: &[Value], out: Type) -> Value {
    match k {
        Ik::Div => {
            let ty = sb.body.value_type(a[0]);
            let m1 = int_cst(sb, -1, ty);
            let one = int_cst(sb, 1, ty);
            let zero = int_cst(sb, 0, ty);
            let is_m1 = sb.cmp("arith.cmpi", cmpi::EQ, a[1], m1);
            let d = sb.op("arith.select", &[is_m1, one, a[1]], ty, &[]);
            let q = sb.bin("arith.divsi", a[0], d);
            let neg = sb.bin("arith.subi", zero, a[0]);
            sb.op("arith.select", &[is_m1, neg, q], ty, &[])
        }
        Ik::Mod { float, python } => {
            let ty = sb.body.value_type(a[0]);
            let (rem, add, cmp, lt, ne) = if float {
                (
                    "arith.remf",
                    "arith.addf",
                    "arith.cmpf",
                    cmpf::OLT,
                    cmpf::UNE,
                )
            } else {
                (
                    "arith.remsi",
                    "arith.addi",
                    "arith.cmpi",
                    cmpi::SLT,
                    cmpi::NE,
                )
            };
            let r = sb.bin(rem, a[0], a[1]);
            if !python {
                return r;
            }
            let zero = if float {
                sb.cst(0.0, ty)
            } else {
                int_cst(sb, 0, ty)
            };
            let nz = sb.cmp(cmp, ne, r, zero);
            let rneg = sb.cmp(cmp, lt, r, zero);
            let bneg = sb.cmp(cmp, lt, a[1], zero);
            let i1 = sb.ctx.int_type(1);
            let differ = sb.op("arith.xori", &[rneg, bneg], i1, &[]);
            let fix = sb.op("arith.andi", &[nz, differ], i1, &[]);
            let s = sb.bin(add, r, a[1]);
            sb.op("arith.select", &[fix, s, r], ty, &[])
        }
        Ik::Bin(name) => sb.bin(name, a[0], a[1]),
        Ik::BitNot => {
            let ty = sb.body.value_type(a[0]);
            let ones = int_cst(sb, -1, ty);
            sb.bin("arith.xori", a[0], ones)
        }
        Ik::ToBool { float } => {
            let ty = sb.body.value_type(a[0]);
            if float {
                let z = sb.cst(0.0, ty);
                sb.cmp("arith.cmpf", cmpf::UNE, a[0], z)
            } else {
                let z = int_cst(sb, 0, ty);
                sb.cmp("arith.cmpi", cmpi::NE, a[0], z)
            }
        }
        Ik::Cast(name) => sb.op(name, a, out, &[]),
        Ik::Via32 => {
            let f32t = sb.ctx.float_type(strata_ir::FloatKind::F32);
            let w = sb.op("arith.extf", a, f32t, &[]);
            sb.op("arith.truncf", &[w], out, &[])
        }
    }
}

/// Convert element-wise op `name` if it is one of this module's; `None`: not converted,
/// nothing built.
pub fn convert(
    cv: &mut Cv<'_>,
    name: &str,
    operands: &[Value],
    in_shapes: &[Vec<i64>],
    out: &[i64],
    in_elems: &[Type],
    out_elem: Type,
    attrs: &Attrs<'_>,
) -> Option<Value> {
    let k = kind(cv.ctx, name, attrs, in_elems, out_elem)?;
    if in_shapes.iter().any(|s| s.len() > out.len()) {
        return None;
    }
    Some(cv.elementwise(operands, out, out_elem, |sb, a| emit(sb, k, a, out_elem)))
}

//! `cast` to and from the small element types (the 8- and 4-bit floats, `f8E8M0FNU`, and
//! the signless 4- and 2-bit integers) and `bitcast`, as element-wise generics whose
//! `arith` bodies reproduce the interpreter's ONNX `Cast` rules (`crates/interp/src/small.rs`)
//! exactly:
//!
//! * a small float is read through `arith.extf` (every value is exact in `f32` and wider;
//!   to `f16`/`bf16` the one rounding is the interpreter's);
//! * to `f8E4M3FN`, `f8E4M3FNUZ`, `f8E5M2`, `f8E5M2FNUZ`: `arith.truncf` (round to nearest
//!   even, overflow to infinity or NaN, as `APFloat`), after a clamp to ±the largest finite
//!   value with `arith.cmpf ogt`/`olt` and `arith.select` (a NaN, which compares false,
//!   passes unchanged, sign and all) when `saturate = 1` (the default); `f4E2M1FN` always saturates, which is what its `truncf` does anyway;
//! * to `f8E8M0FNU`: ONNX's `to_float8e8m0` on the `f32` bit pattern (the biased exponent,
//!   rounded up, down or to nearest by `round_mode`; NaN and infinities give `0xFF`; with
//!   `saturate` no round-up past `0xFE`), computed with integer ops and an
//!   `arith.bitcast` from `i8`;
//! * integers to small floats through `f32` (`sitofp`, `uitofp` for `i1`): every integer
//!   that `f32` rounds overflows these formats anyway, as in the interpreter's `f64` path;
//! * floats to `i4`/`i2`: `fptosi` to `i64` (truncation, NaN 0, saturation) then
//!   `trunci` (the wrap modulo 2^N); integers wrap with `trunci`, `i1` widens with
//!   `extui`; `i4`/`i2` widen with `extsi` (signless small integers are ONNX's signed
//!   `INT4`/`INT2`), go to floats with `sitofp` and to `i1` as `x != 0`;
//! * small floats to integers: `fptosi` from the exact `f32` (to `i1`: `x != 0`, NaN true);
//! * `bitcast` between signless integers and floats of one width (`i1` excluded: the graph
//!   op gives bool 8 bits): `arith.bitcast`.
//!
//! Unsigned element types are not converted here.

use crate::build::{cmpf, cmpi};
use crate::build::{float_kind, signless_width, Cv, Sb};
use strata_dialect_graph::attr::Attrs;
use strata_ir::{minifloat, Context, FloatKind, Type, Value};

/// An element type as this module sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cls {
    /// `f16`, `bf16`, `f32`, `f64`.
    Ieee(FloatKind),
    /// An 8- or 4-bit float other than `f8E8M0FNU`.
    Small(FloatKind),
    /// `f8E8M0FNU`.
    E8M0,
    /// A signless integer of width 1, 8, 16, 32 or 64.
    Int(u32),
    /// A signless integer of width 2 or 4.
    SmallInt(u32),
}

impl Cls {
    fn of(ctx: &Context, t: Type) -> Option<Cls> {
        if let Some(k) = float_kind(ctx, t) {
            return Some(match k {
                _ if k.is_ieee_arith() => Cls::Ieee(k),
                FloatKind::F8E8M0FNU => Cls::E8M0,
                _ => Cls::Small(k),
            });
        }
        match signless_width(ctx, t)? {
            w @ (1 | 8 | 16 | 32 | 64) => Some(Cls::Int(w)),
            w @ (2 | 4) => Some(Cls::SmallInt(w)),
            _ => None,
        }
    }
    fn is_small(self) -> bool {
        matches!(self, Cls::Small(_) | Cls::E8M0 | Cls::SmallInt(_))
    }
}

/// How a cast to `f8E8M0FNU` rounds the exponent (ONNX `round_mode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Round {
    Up,
    Down,
    Nearest,
}

/// The scalar computation, decided before anything is built.
#[derive(Clone, Copy, Debug)]
enum Plan {
    Cast {
        from: Cls,
        to: Cls,
        saturate: bool,
        round: Round,
    },
    Bitcast,
}

fn plan(ctx: &Context, name: &str, attrs: &Attrs<'_>, ins: &[Type], out: Type) -> Option<Plan> {
    let [e] = ins else {
        return None;
    };
    let (from, to) = (Cls::of(ctx, *e)?, Cls::of(ctx, out)?);
    match name {
        "graph.cast" if from.is_small() || to.is_small() => {
            let saturate = attrs.flag("saturate", true).ok()?;
            let round = match attrs.choice("round_mode", "up", &["up", "down", "nearest"]) {
                Ok("down") => Round::Down,
                Ok("nearest") => Round::Nearest,
                Ok(_) => Round::Up,
                Err(_) => return None,
            };
            Some(Plan::Cast {
                from,
                to,
                saturate,
                round,
            })
        }
        "graph.bitcast" => {
            let width = |c: Cls| match c {
                Cls::Int(1) => None,
                Cls::Int(w) | Cls::SmallInt(w) => Some(w),
                Cls::Ieee(k) | Cls::Small(k) => Some(k.width()),
                Cls::E8M0 => Some(8),
            };
            (width(from)? == width(to)? && *e != out).then_some(Plan::Bitcast)
        }
        _ => None,
    }
}

fn int_cst(sb: &mut Sb<'_>, v: i128, ty: Type) -> Value {
    let a = sb.ctx.int_attr(v, ty);
    sb.op("arith.constant", &[], ty, &[("value", a)])
}

/// `x` (of a float class) as `f32`, exactly for the small floats.
fn to_f32(sb: &mut Sb<'_>, x: Value, from: Cls) -> Value {
    let f32t = sb.ctx.float_type(FloatKind::F32);
    match from {
        Cls::Ieee(FloatKind::F32) => x,
        Cls::Ieee(FloatKind::F64) => sb.op("arith.truncf", &[x], f32t, &[]),
        Cls::Int(1) => sb.op("arith.uitofp", &[x], f32t, &[]),
        Cls::Int(_) | Cls::SmallInt(_) => sb.op("arith.sitofp", &[x], f32t, &[]),
        _ => sb.op("arith.extf", &[x], f32t, &[]),
    }
}

/// `x` of float class `from` (an IEEE float or a small float) cast to small float `k`.
fn to_small(
    sb: &mut Sb<'_>,
    x: Value,
    from: Cls,
    k: FloatKind,
    saturate: bool,
    out: Type,
) -> Value {
    let (x, src) = match from {
        Cls::Ieee(s) => (x, s),
        _ => (to_f32(sb, x, from), FloatKind::F32),
    };
    let x = if saturate && k != FloatKind::F4E2M1FN {
        let ty = sb.body.value_type(x);
        // Exact in every IEEE source type (at most 57344 with 3 significant bits).
        let max = minifloat::max_value(k);
        debug_assert_eq!(
            minifloat::decode(src, minifloat::encode(src, max, false)),
            max
        );
        let hi = sb.cst(max, ty);
        let lo = sb.cst(-max, ty);
        let above = sb.cmp("arith.cmpf", cmpf::OGT, x, hi);
        let c = sb.op("arith.select", &[above, hi, x], ty, &[]);
        let below = sb.cmp("arith.cmpf", cmpf::OLT, x, lo);
        sb.op("arith.select", &[below, lo, c], ty, &[])
    } else {
        x
    };
    sb.op("arith.truncf", &[x], out, &[])
}

/// ONNX's `to_float8e8m0` of `x` (an `f32`).
fn to_e8m0(sb: &mut Sb<'_>, x: Value, saturate: bool, round: Round, out: Type) -> Value {
    let i32t = sb.ctx.int_type(32);
    let i8t = sb.ctx.int_type(8);
    let i1 = sb.ctx.int_type(1);
    let bits = sb.op("arith.bitcast", &[x], i32t, &[]);
    let c23 = int_cst(sb, 23, i32t);
    let cff = int_cst(sb, 0xFF, i32t);
    let sh = sb.bin("arith.shrui", bits, c23);
    let exp = sb.bin("arith.andi", sh, cff);
    let zero = int_cst(sb, 0, i32t);
    let set = |sb: &mut Sb<'_>, m: i128| {
        let c = int_cst(sb, m, i32t);
        let a = sb.bin("arith.andi", bits, c);
        sb.cmp("arith.cmpi", cmpi::NE, a, zero)
    };
    let up = match round {
        Round::Down => sb.cst(0.0, i1),
        Round::Up => set(sb, 0x7F_FFFF),
        Round::Nearest => {
            let g = set(sb, 0x40_0000);
            let r = set(sb, 0x20_0000);
            let s = set(sb, 0x1F_FFFF);
            let lsb = sb.cmp("arith.cmpi", cmpi::NE, exp, zero);
            let rs = sb.bin("arith.ori", r, s);
            let any = sb.bin("arith.ori", rs, lsb);
            sb.bin("arith.andi", g, any)
        }
    };
    let up = if saturate {
        let cfe = int_cst(sb, 0xFE, i32t);
        let top = sb.cmp("arith.cmpi", cmpi::NE, exp, cfe);
        sb.bin("arith.andi", up, top)
    } else {
        up
    };
    let inc = sb.op("arith.extui", &[up], i32t, &[]);
    let r = sb.bin("arith.addi", exp, inc);
    let special = sb.cmp("arith.cmpi", cmpi::EQ, exp, cff);
    let r = sb.op("arith.select", &[special, cff, r], i32t, &[]);
    let b = sb.op("arith.trunci", &[r], i8t, &[]);
    sb.op("arith.bitcast", &[b], out, &[])
}

/// An integer `x` of width `fw` resized to width `tw` (`signed`: sign-extended).
fn resize(sb: &mut Sb<'_>, x: Value, fw: u32, tw: u32, signed: bool, out: Type) -> Value {
    if fw == tw {
        x
    } else if fw > tw {
        sb.op("arith.trunci", &[x], out, &[])
    } else if signed {
        sb.op("arith.extsi", &[x], out, &[])
    } else {
        sb.op("arith.extui", &[x], out, &[])
    }
}

fn emit(sb: &mut Sb<'_>, p: Plan, x: Value, out: Type) -> Value {
    let Plan::Cast {
        from,
        to,
        saturate,
        round,
    } = p
    else {
        return sb.op("arith.bitcast", &[x], out, &[]);
    };
    if from == to {
        return x;
    }
    match (from, to) {
        (_, Cls::Small(k)) => {
            let (x, from) = match from {
                Cls::Int(_) | Cls::SmallInt(_) => (to_f32(sb, x, from), Cls::Ieee(FloatKind::F32)),
                _ => (x, from),
            };
            to_small(sb, x, from, k, saturate, out)
        }
        (_, Cls::E8M0) => {
            let f = to_f32(sb, x, from);
            to_e8m0(sb, f, saturate, round, out)
        }
        (Cls::Small(_) | Cls::E8M0, Cls::Ieee(_)) => sb.op("arith.extf", &[x], out, &[]),
        (Cls::SmallInt(_), Cls::Ieee(_)) => sb.op("arith.sitofp", &[x], out, &[]),
        (Cls::Small(_) | Cls::E8M0, Cls::Int(1)) => {
            let f = to_f32(sb, x, from);
            let z = sb.cst(0.0, sb.body.value_type(f));
            sb.cmp("arith.cmpf", cmpf::UNE, f, z)
        }
        (Cls::SmallInt(_), Cls::Int(1)) => {
            let z = int_cst(sb, 0, sb.body.value_type(x));
            sb.cmp("arith.cmpi", cmpi::NE, x, z)
        }
        (Cls::Small(_) | Cls::E8M0, Cls::Int(_)) => {
            let f = to_f32(sb, x, from);
            sb.op("arith.fptosi", &[f], out, &[])
        }
        (Cls::Ieee(_) | Cls::Small(_) | Cls::E8M0, Cls::SmallInt(_)) => {
            let x = match from {
                Cls::Ieee(_) => x,
                _ => to_f32(sb, x, from),
            };
            let i64t = sb.ctx.int_type(64);
            let i = sb.op("arith.fptosi", &[x], i64t, &[]);
            sb.op("arith.trunci", &[i], out, &[])
        }
        (Cls::Int(fw), Cls::SmallInt(tw)) => resize(sb, x, fw, tw, fw != 1, out),
        (Cls::SmallInt(fw), Cls::SmallInt(tw) | Cls::Int(tw)) => resize(sb, x, fw, tw, true, out),
        // Unreachable by `plan` (one side is small); the identity keeps `emit` total.
        _ => x,
    }
}

/// Convert `cast`/`bitcast` if it is one of this module's; `None`: not converted, nothing
/// built.
#[allow(clippy::too_many_arguments)]
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
    let p = plan(cv.ctx, name, attrs, in_elems, out_elem)?;
    if in_shapes.iter().any(|s| s.len() > out.len()) {
        return None;
    }
    Some(cv.elementwise(operands, out, out_elem, |sb, a| emit(sb, p, a[0], out_elem)))
}

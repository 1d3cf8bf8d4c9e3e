//! `graph.pow` where an operand is an integer (ONNX `Pow` with mixed types), with the
//! interpreter's semantics (`crates/interp/src/ops/graph/elementwise.rs`) made exact in
//! `arith`/`math`:
//!
//! * float base, integer exponent: the exponent is converted to the base's type
//!   (`sitofp`, or `uitofp` for an unsigned exponent, rounded once), then `math.powf`;
//! * integer base, float exponent: `math.powf` in `f64` on the base converted exactly
//!   (`sitofp`/`uitofp`; an `i64` rounds as the interpreter's `as f64` does) and the
//!   exponent widened (`extf`), then `fptosi`/`fptoui` back to the base type (truncation,
//!   saturation, NaN to 0, as the interpreter's cast);
//! * integer base and exponent: `math.ipowi` in `i64` (repeated squaring, wrapping) on the
//!   sign-extended (unsigned: zero-extended) operands, truncated to the base's width, which
//!   is the interpreter's wrapping product modulo 2^N. A negative exponent is an error in the
//!   interpreter; here the result is divided by zero (`arith.divsi`) for a negative exponent,
//!   which stops the interpreter and sets the compiled code's error word alike.
//!
//! Operand types are the original (possibly unsigned) element types; the values the body
//! sees are the signless ones of [`crate::unsigned`].

use crate::build::cmpi;
use crate::build::{float_kind, signless_width, Sb};
use crate::unsigned::unsigned_width;
use strata_ir::{Context, FloatKind, Type, Value};

/// An integer operand: its width and whether it is unsigned.
#[derive(Clone, Copy, Debug)]
pub struct IntTy {
    width: u32,
    unsigned: bool,
}

/// What a mixed-type `pow` computes, decided before anything is built.
#[derive(Clone, Copy, Debug)]
pub enum PowK {
    /// Float base, integer exponent.
    FloatInt(IntTy),
    /// Integer base, float exponent.
    IntFloat(IntTy),
    /// Integer base and exponent.
    IntInt(IntTy, IntTy),
}

fn int_ty(ctx: &Context, t: Type) -> Option<IntTy> {
    if let Some(w) = unsigned_width(ctx, t) {
        return Some(IntTy {
            width: w,
            unsigned: true,
        });
    }
    let w = signless_width(ctx, t).filter(|w| matches!(w, 8 | 16 | 32 | 64))?;
    Some(IntTy {
        width: w,
        unsigned: false,
    })
}

fn ieee(ctx: &Context, t: Type) -> bool {
    float_kind(ctx, t).is_some_and(|k| k.is_ieee_arith())
}

/// The computation of `pow(base, exp)` with result element `out` (the base's type), if one
/// of the operands is an integer (element types before the signless conversion).
pub fn kind(ctx: &Context, base: Type, exp: Type, out: Type) -> Option<PowK> {
    if out != base {
        return None;
    }
    match (int_ty(ctx, base), int_ty(ctx, exp)) {
        (None, Some(e)) if ieee(ctx, base) => Some(PowK::FloatInt(e)),
        (Some(b), None) if ieee(ctx, exp) => Some(PowK::IntFloat(b)),
        // A 64-bit unsigned operand does not fit the signed `i64` computation.
        (Some(b), Some(e)) if ![b, e].iter().any(|t| t.unsigned && t.width == 64) => {
            Some(PowK::IntInt(b, e))
        }
        _ => None,
    }
}

/// Build the scalar body: `a` = [base, exponent] (signless values), `out` the signless
/// result element type.
pub fn emit(sb: &mut Sb<'_>, k: PowK, a: &[Value], out: Type) -> Value {
    let (x, e) = (a[0], a[1]);
    match k {
        PowK::FloatInt(et) => {
            let conv = if et.unsigned {
                "arith.uitofp"
            } else {
                "arith.sitofp"
            };
            let ef = sb.op(conv, &[e], out, &[]);
            sb.op("math.powf", &[x, ef], out, &[])
        }
        PowK::IntFloat(bt) => {
            let f64t = sb.ctx.float_type(FloatKind::F64);
            let conv = if bt.unsigned {
                "arith.uitofp"
            } else {
                "arith.sitofp"
            };
            let xf = sb.op(conv, &[x], f64t, &[]);
            let ef = if sb.body.value_type(e) == f64t {
                e
            } else {
                sb.op("arith.extf", &[e], f64t, &[])
            };
            let r = sb.op("math.powf", &[xf, ef], f64t, &[]);
            let back = if bt.unsigned {
                "arith.fptoui"
            } else {
                "arith.fptosi"
            };
            sb.op(back, &[r], out, &[])
        }
        PowK::IntInt(bt, et) => {
            let i64t = sb.ctx.int_type(64);
            let widen = |sb: &mut Sb<'_>, v: Value, t: IntTy| {
                if t.width == 64 {
                    v
                } else {
                    let ext = if t.unsigned {
                        "arith.extui"
                    } else {
                        "arith.extsi"
                    };
                    sb.op(ext, &[v], i64t, &[])
                }
            };
            let x64 = widen(sb, x, bt);
            let e64 = widen(sb, e, et);
            let p = sb.op("math.ipowi", &[x64, e64], i64t, &[]);
            let r = if et.unsigned {
                p
            } else {
                // A negative exponent: divide by zero (the interpreter's error).
                let zero = sb.cst(0.0, i64t);
                let one = sb.cst(1.0, i64t);
                let neg = sb.cmp("arith.cmpi", cmpi::SLT, e64, zero);
                let d = sb.op("arith.select", &[neg, zero, one], i64t, &[]);
                sb.bin("arith.divsi", p, d)
            };
            if bt.width == 64 {
                r
            } else {
                sb.op("arith.trunci", &[r], out, &[])
            }
        }
    }
}

//! The `cpu` dialect in C: each native vector is one value of a GCC/Clang vector type
//! (`typedef float sv_f32_8 __attribute__((vector_size(32)))`), not a lane loop.
//!
//! * `cpu.vload` / `cpu.vstore`: one unaligned `memcpy` of the register (a `vmovups`);
//!   with a mask, a lane loop that touches only the active lanes (masked-off lanes load
//!   zero), as in the interpreter;
//! * `cpu.vbroadcast`: a vector literal of the scalar in every lane;
//! * `cpu.vfma`: `_mm*_fmadd_p{s,d}` when the C compiler targets FMA (`__FMA__`, or
//!   `__AVX512F__` for 512 bits), else `fma`/`fmaf` per lane: fused either way, exactly
//!   like the interpreter's `math.fma`;
//! * `cpu.vreduce`: the sequential lane loop of `hw.reduction` (no tree: bit-exact);
//! * `cpu.ukernel`: the micro-kernel call of `hw.intrinsic` ([`super::intrinsics`]) behind a
//!   preprocessor check that the compile flags select the variant's code path in
//!   `ukernels.h` (an `#error` otherwise);
//! * element-wise `arith` ops on native vectors whose lanes C computes exactly as the
//!   scalar code does (`+ - *` and bitwise ops on unsigned integer lanes, `+ - * /` on
//!   `f32`/`f64` lanes) are one vector expression ([`vector_arith`]); other ops keep the lane
//!   loop of `FnEmitter::emit_op`.

use super::types::{CTy, Scalar, VecTy};
use super::{vname, FnEmitter};
use strata_ir::{AttrKind, Diagnostic, Op, Value};

pub(crate) fn emit(e: &mut FnEmitter<'_, '_>, op: Op, name: &str) -> Result<(), Diagnostic> {
    match name {
        "cpu.vload" => access(e, op, true),
        "cpu.vstore" => access(e, op, false),
        "cpu.vbroadcast" => {
            let r = e.body.result(op, 0);
            let vt = native(e, op, r)?;
            let x = vname(e.body.operand(op, 0));
            let lanes = vec![x; vt.lanes() as usize].join(", ");
            e.line(format!(
                "{} {} = ({}){{{lanes}}};",
                vt.c(),
                vname(r),
                vt.c()
            ));
            Ok(())
        }
        "cpu.vfma" => vfma(e, op),
        "cpu.vreduce" => super::hw::emit(e, op, "hw.reduction"),
        "cpu.ukernel" => ukernel(e, op),
        _ => Err(e.error(op, "is not supported")),
    }
}

/// The native vector type of `v`.
fn native(e: &FnEmitter<'_, '_>, op: Op, v: Value) -> Result<VecTy, Diagnostic> {
    match e.cty(op, v)? {
        CTy::Vec(t) if t.native() => Ok(t),
        _ => Err(e.error(op, "expects a native vector")),
    }
}

/// `cpu.vload` (`load`) / `cpu.vstore`, with an optional trailing mask.
fn access(e: &mut FnEmitter<'_, '_>, op: Op, load: bool) -> Result<(), Diagnostic> {
    let ops: Vec<Value> = e.body.operands(op).collect();
    let (vec_v, mem_i) = if load {
        (e.body.result(op, 0), 0)
    } else {
        match ops.first() {
            Some(&v) => (v, 1),
            None => return Err(e.error(op, "needs a vector")),
        }
    };
    let Some(&mem_v) = ops.get(mem_i) else {
        return Err(e.error(op, "needs a buffer"));
    };
    let vt = native(e, op, vec_v)?;
    let mt = super::loops::mem(e, op, mem_v)?;
    let rank = mt.shape.len();
    let idx_end = mem_i + 1 + rank;
    if ops.len() < idx_end || ops.len() > idx_end + 1 || vt.elem != mt.elem {
        return Err(e.error(op, "does not match its buffer (indices or element type)"));
    }
    if mt.strides.last() != Some(&1) {
        return Err(e.error(op, "needs a unit innermost stride"));
    }
    let base: Vec<String> = ops[mem_i + 1..idx_end]
        .iter()
        .zip(&mt.strides)
        .map(|(&i, &s)| format!("{} * INT64_C({s})", vname(i)))
        .collect();
    let base = if base.is_empty() {
        "0".to_string()
    } else {
        base.join(" + ")
    };
    let (m, vn) = (vname(mem_v), vname(vec_v));
    let b = e.tmp("base");
    e.line(format!("int64_t {b} = {base};"));
    match ops.get(idx_end) {
        None if load => {
            e.line(format!("{} {vn};", vt.c()));
            e.line(format!("memcpy(&{vn}, &{m}[{b}], sizeof {vn});"));
        }
        None => e.line(format!("memcpy(&{m}[{b}], &{vn}, sizeof {vn});")),
        Some(&mask) => {
            let mv = vname(mask);
            let mtv = match e.cty(op, mask)? {
                CTy::Vec(t) if t.lanes() == vt.lanes() => t,
                _ => return Err(e.error(op, "has a mask that does not match the vector")),
            };
            let l = e.tmp("l");
            let n = vt.lanes();
            let on = mtv.at(&mv, &l);
            if load {
                e.line(format!("{} {vn} = {{0}};", vt.c()));
                e.line(format!(
                    "for (int64_t {l} = 0; {l} < {n}; ++{l}) if ({on}) {vn}[{l}] = {m}[{b} + {l}];"
                ));
            } else {
                e.line(format!(
                    "for (int64_t {l} = 0; {l} < {n}; ++{l}) if ({on}) {m}[{b} + {l}] = {vn}[{l}];"
                ));
            }
        }
    }
    Ok(())
}

/// `cpu.vfma`: the x86 FMA intrinsic of the register width when the compiler targets it,
/// else `fma`/`fmaf` per lane (both fused: one rounding per lane).
fn vfma(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    let r = e.body.result(op, 0);
    let vt = native(e, op, r)?;
    let [a, b, c] = [0, 1, 2].map(|i| vname(e.body.operand(op, i)));
    let rn = vname(r);
    let bytes = vt.lanes() * vt.elem.bytes();
    let intrinsic = match (vt.elem, bytes) {
        (Scalar::F32, 16) => Some(("__FMA__", "_mm_fmadd_ps", "__m128")),
        (Scalar::F32, 32) => Some(("__FMA__", "_mm256_fmadd_ps", "__m256")),
        (Scalar::F32, 64) => Some(("__AVX512F__", "_mm512_fmadd_ps", "__m512")),
        (Scalar::F64, 16) => Some(("__FMA__", "_mm_fmadd_pd", "__m128d")),
        (Scalar::F64, 32) => Some(("__FMA__", "_mm256_fmadd_pd", "__m256d")),
        (Scalar::F64, 64) => Some(("__AVX512F__", "_mm512_fmadd_pd", "__m512d")),
        _ => None,
    };
    let f = match vt.elem {
        Scalar::F32 => "fmaf",
        Scalar::F64 => "fma",
        _ => return Err(e.error(op, "expects f32 or f64 lanes")),
    };
    e.line(format!("{} {rn};", vt.c()));
    if let Some((guard, name, ty)) = intrinsic {
        e.out
            .push_str(&format!("#if defined({guard}) && defined(__x86_64__)\n"));
        e.line(format!(
            "{rn} = ({}){name}(({ty}){a}, ({ty}){b}, ({ty}){c});",
            vt.c()
        ));
        e.out.push_str("#else\n");
    }
    let l = e.tmp("l");
    e.line(format!(
        "for (int64_t {l} = 0; {l} < {}; ++{l}) {rn}[{l}] = {f}({a}[{l}], {b}[{l}], {c}[{l}]);",
        vt.lanes()
    ));
    if intrinsic.is_some() {
        e.out.push_str("#endif\n");
    }
    Ok(())
}

/// `cpu.ukernel`: the variant's preprocessor check, then the micro-kernel call.
fn ukernel(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    let variant = match e.opref(op).attr("variant").map(|a| e.ctx().attr_kind(a)) {
        Some(AttrKind::String { value, .. }) => String::from_utf8_lossy(value).into_owned(),
        _ => return Err(e.error(op, "needs a string 'variant'")),
    };
    // The code path of ukernels.h each variant names (see its #if on __AVX__/__FMA__).
    let cond = match variant.as_str() {
        "x86_avx_fma" => "defined(__AVX__) && defined(__FMA__)",
        "x86_avx" => "defined(__AVX__) && !defined(__FMA__)",
        "generic" => "!defined(__AVX__)",
        _ => return Err(e.error(op, format_args!("has unknown variant \"{variant}\""))),
    };
    e.out.push_str(&format!(
        "#if !({cond})\n#error \"cpu.ukernel variant {variant}: the compile flags select another code path of ukernels.h (features differ from cpu.target)\"\n#endif\n"
    ));
    super::intrinsics::emit(e, op, "hw.intrinsic")
}

/// An element-wise `arith` op on native vectors as one C vector expression, when C
/// computes each lane exactly as the scalar emitter does; `None` to use the lane loop.
pub(crate) fn vector_arith(
    e: &mut FnEmitter<'_, '_>,
    op: Op,
    name: &str,
) -> Option<Result<(), Diagnostic>> {
    let body = e.body;
    let ops: Vec<Value> = body.operands(op).collect();
    let res = body.results(op);
    if ops.len() != 2 || res.len() != 1 {
        return None;
    }
    let vt = match e.cty(op, res[0]).ok()? {
        CTy::Vec(t) if t.native() => t,
        _ => return None,
    };
    for &v in &ops {
        if e.cty(op, v).ok()? != CTy::Vec(vt.clone()) {
            return None;
        }
    }
    let int = matches!(vt.elem, Scalar::Int(8 | 16 | 32 | 64));
    let float = matches!(vt.elem, Scalar::F32 | Scalar::F64);
    let o = match (name, int, float) {
        ("arith.addi", true, _) | ("arith.addf", _, true) => "+",
        ("arith.subi", true, _) | ("arith.subf", _, true) => "-",
        ("arith.muli", true, _) | ("arith.mulf", _, true) => "*",
        ("arith.divf", _, true) => "/",
        ("arith.andi", true, _) => "&",
        ("arith.ori", true, _) => "|",
        ("arith.xori", true, _) => "^",
        _ => return None,
    };
    e.line(format!(
        "{} {} = {} {o} {};",
        vt.c(),
        vname(res[0]),
        vname(ops[0]),
        vname(ops[1])
    ));
    Some(Ok(()))
}

//! The `hw` dialect in C: contiguous vector loads and stores, broadcasts, `hw.fma`,
//! `hw.reduction` in its fixed sequential lane order, `hw.parallel` (outlined onto the
//! runtime's workers like a `loop.parallel`, serial inside another parallel body) and
//! `hw.intrinsic` (the cpu micro-kernels, [`super::intrinsics`]). Element-wise `arith` and
//! `math` ops on vectors are lane loops around the scalar emitters (see
//! `FnEmitter::emit_op`), so vector code computes exactly what scalar code does. Other hw
//! ops are diagnostics naming the op.

use super::types::{CTy, VecTy};
use super::{vname, FnEmitter};
use strata_ir::{AttrKind, Diagnostic, Op, Value};

pub(crate) fn emit(e: &mut FnEmitter<'_, '_>, op: Op, name: &str) -> Result<(), Diagnostic> {
    match name {
        "hw.intrinsic" => super::intrinsics::emit(e, op, name),
        "hw.load" => load_store(e, op, true),
        "hw.store" => load_store(e, op, false),
        "hw.broadcast" => {
            let r = e.body.result(op, 0);
            let vt = vec_of(e, op, r)?;
            let x = e.body.operand(op, 0);
            if e.scalar(op, x)? != vt.elem {
                return Err(e.error(op, "broadcasts a scalar of another type"));
            }
            lanes(e, r, &vt, |_| vname(x))
        }
        "hw.fma" => {
            let r = e.body.result(op, 0);
            let vt = vec_of(e, op, r)?;
            let n = vt.lanes();
            e.line(format!("{} {};", vt.c(), vname(r)));
            let l = e.tmp("l");
            e.line(format!("for (int64_t {l} = 0; {l} < {n}; ++{l}) {{"));
            e.indent += 1;
            e.lane = Some(l);
            let res = super::math::emit(e, op, "math.fma");
            e.lane = None;
            e.indent -= 1;
            e.line("}");
            res
        }
        "hw.reduction" => reduction(e, op),
        "hw.parallel" => {
            let ops: Vec<Value> = e.body.operands(op).collect();
            if ops.len() != 3 {
                return Err(e.error(op, "needs a lower bound, an upper bound and a step"));
            }
            let block = e.single_block(op, 0)?;
            let args = e.body.block_args(block).to_vec();
            if args.len() != 1 {
                return Err(e.error(op, "needs one index block argument"));
            }
            super::loops::parallel_body(e, op, &ops[0..1], &ops[1..2], &ops[2..3], block, &args)
        }
        "hw.yield" => {
            if e.body.num_operands(op) != 0 {
                return Err(e.error(op, "yields values, which hw.parallel does not take"));
            }
            Ok(())
        }
        _ => Err(e.error(op, "is not supported")),
    }
}

/// The vector type of `v`.
fn vec_of(e: &FnEmitter<'_, '_>, op: Op, v: Value) -> Result<VecTy, Diagnostic> {
    match e.cty(op, v)? {
        CTy::Vec(t) => Ok(t),
        _ => Err(e.error(op, "expects a vector")),
    }
}

/// Declare vector `r` and fill each lane `l` with `lane(l)`.
fn lanes(
    e: &mut FnEmitter<'_, '_>,
    r: Value,
    vt: &VecTy,
    lane: impl Fn(&str) -> String,
) -> Result<(), Diagnostic> {
    let n = vt.lanes();
    let name = vname(r);
    e.line(format!("{} {name};", vt.c()));
    let l = e.tmp("l");
    e.line(format!(
        "for (int64_t {l} = 0; {l} < {n}; ++{l}) {} = {};",
        vt.at(&name, &l),
        lane(&l)
    ));
    Ok(())
}

/// `hw.load` (`is_load`) or `hw.store`: the vector covers the last dimensions of the memref
/// from the indices; lanes must be inside (as the interpreter requires; not rechecked).
fn load_store(e: &mut FnEmitter<'_, '_>, op: Op, is_load: bool) -> Result<(), Diagnostic> {
    let ops: Vec<Value> = e.body.operands(op).collect();
    let (vec_v, mem_v, idx) = if is_load {
        (e.body.result(op, 0), ops[0], &ops[1..])
    } else {
        if ops.len() < 2 {
            return Err(e.error(op, "needs a vector and a buffer"));
        }
        (ops[0], ops[1], &ops[2..])
    };
    let vt = vec_of(e, op, vec_v)?;
    let mt = super::loops::mem(e, op, mem_v)?;
    if idx.len() != mt.shape.len() || vt.shape.len() > mt.shape.len() || vt.elem != mt.elem {
        return Err(e.error(
            op,
            "does not match its buffer (indices, rank or element type)",
        ));
    }
    let base: Vec<String> = idx
        .iter()
        .zip(&mt.strides)
        .map(|(&i, &s)| format!("{} * INT64_C({s})", vname(i)))
        .collect();
    let base = if base.is_empty() {
        "0".to_string()
    } else {
        base.join(" + ")
    };
    // Offset of flat lane `l`: its multi-index over the vector shape times the strides of
    // the memref's last dimensions.
    let first = mt.shape.len() - vt.shape.len();
    let lane_off = |l: &str| -> String {
        let mut terms = Vec::new();
        let mut inner = 1i64;
        for d in (0..vt.shape.len()).rev() {
            let s = mt.strides[first + d];
            let size = vt.shape[d];
            let coord = if d == 0 {
                format!("({l} / {inner})")
            } else {
                format!("(({l} / {inner}) % {size})")
            };
            terms.push(format!("{coord} * INT64_C({s})"));
            inner = inner.saturating_mul(size);
        }
        terms.join(" + ")
    };
    let m = vname(mem_v);
    if is_load {
        let b = e.tmp("base");
        e.line(format!("int64_t {b} = {base};"));
        lanes(e, vec_v, &vt, |l| format!("{m}[{b} + {}]", lane_off(l)))
    } else {
        let n = vt.lanes();
        let l = e.tmp("l");
        let b = e.tmp("base");
        e.line(format!("int64_t {b} = {base};"));
        e.line(format!(
            "for (int64_t {l} = 0; {l} < {n}; ++{l}) {m}[{b} + {}] = {};",
            lane_off(&l),
            vt.at(&vname(vec_v), &l)
        ));
        Ok(())
    }
}

/// `hw.reduction`: `r = acc (or lane 0); r = r op v[l]` for the remaining lanes in order.
fn reduction(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    let ops: Vec<Value> = e.body.operands(op).collect();
    if ops.is_empty() || ops.len() > 2 {
        return Err(e.error(op, "needs a vector and an optional accumulator"));
    }
    let vt = vec_of(e, op, ops[0])?;
    let kind = match e.opref(op).attr("kind").map(|a| e.ctx().attr_kind(a)) {
        Some(AttrKind::String { value, .. }) => String::from_utf8_lossy(value).into_owned(),
        _ => return Err(e.error(op, "needs a string 'kind'")),
    };
    let arith = strata_dialect_hw::ReductionKind::parse(&kind)
        .and_then(|k| k.arith_op(vt.elem.is_float()))
        .ok_or_else(|| {
            e.error(
                op,
                format_args!("has kind \"{kind}\", which does not apply"),
            )
        })?;
    let acc = e.tmp("acc");
    let v = vname(ops[0]);
    let lane = |i: &str| vt.at(&v, i);
    let Some(expr) = super::arith::combine(&arith["arith.".len()..], vt.elem, &acc, &lane("r_l"))
    else {
        return Err(e.error(
            op,
            format_args!("has kind \"{kind}\", which is not supported"),
        ));
    };
    let (init, from) = match ops.get(1) {
        Some(&a) => (vname(a), 0),
        None => (lane("0"), 1),
    };
    e.line(format!("{} {acc} = {init};", vt.elem.c()));
    let n = vt.lanes();
    e.line(format!(
        "for (int64_t r_l = {from}; r_l < {n}; ++r_l) {acc} = {expr};"
    ));
    let r = e.body.result(op, 0);
    e.define(op, r, &acc)
}

//! The `hw` dialect in C: contiguous vector loads and stores, broadcasts, `hw.fma`,
//! `hw.reduction` in its fixed sequential lane order, `hw.parallel` (outlined onto the
//! runtime's workers like a `loop.parallel`, serial inside another parallel body) and
//! `hw.intrinsic` (the cpu micro-kernels, [`super::intrinsics`]). Element-wise `arith` and
//! `math` ops on vectors are lane loops around the scalar emitters (see
//! `FnEmitter::emit_op`), so vector code computes exactly what scalar code does. Masked,
//! bounds-tolerant `hw.transfer_read`/`hw.transfer_write`, `hw.create_mask`, `hw.shuffle`,
//! `hw.transpose`, `hw.extract` and `hw.insert` follow the interpreter; an out-of-range
//! position or an `in_bounds` transfer past its memref sets the error word where the
//! interpreter stops. `hw.barrier` (workers in lock step) is a diagnostic: outlined parallel
//! bodies run their iterations independently.

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
        "hw.create_mask" => {
            let r = e.body.result(op, 0);
            let vt = vec_of(e, op, r)?;
            let k = vname(e.body.operand(op, 0));
            lanes(e, r, &vt, |l| format!("(uint8_t)({l} < {k})"))
        }
        "hw.extract" => {
            let (v, p) = (e.body.operand(op, 0), e.body.operand(op, 1));
            let vt = vec_of(e, op, v)?;
            let n = vt.lanes();
            let p = vname(p);
            let at = vt.at(&vname(v), &p);
            let r = e.body.result(op, 0);
            e.define(
                op,
                r,
                &format!(
                    "(({p} >= 0 && {p} < {n}) ? {at} : (strata_set_err(err, STRATA_ERR_LANE), 0))"
                ),
            )
        }
        "hw.insert" => {
            let (s, v, p) = (
                e.body.operand(op, 0),
                e.body.operand(op, 1),
                e.body.operand(op, 2),
            );
            let vt = vec_of(e, op, v)?;
            let r = e.body.result(op, 0);
            let (n, p, rn) = (vt.lanes(), vname(p), vname(r));
            e.line(format!("{} {rn} = {};", vt.c(), vname(v)));
            e.line(format!(
                "if ({p} >= 0 && {p} < {n}) {} = {}; else strata_set_err(err, STRATA_ERR_LANE);",
                vt.at(&rn, &p),
                vname(s)
            ));
            Ok(())
        }
        "hw.shuffle" => {
            let (a, b) = (e.body.operand(op, 0), e.body.operand(op, 1));
            let (at, bt) = (vec_of(e, op, a)?, vec_of(e, op, b)?);
            let r = e.body.result(op, 0);
            let rt = vec_of(e, op, r)?;
            let mask = int_list(e, op, "mask")?;
            let na = at.lanes() as i64;
            let total = na + bt.lanes() as i64;
            if mask.len() as u64 != rt.lanes() || mask.iter().any(|&m| m < 0 || m >= total) {
                return Err(e.error(op, "has a 'mask' that does not fit its operands"));
            }
            let rn = vname(r);
            e.line(format!("{} {rn};", rt.c()));
            for (i, &m) in mask.iter().enumerate() {
                let src = if m < na {
                    at.at(&vname(a), &m.to_string())
                } else {
                    bt.at(&vname(b), &(m - na).to_string())
                };
                e.line(format!("{} = {src};", rt.at(&rn, &i.to_string())));
            }
            Ok(())
        }
        "hw.transpose" => {
            let v = e.body.operand(op, 0);
            let vt = vec_of(e, op, v)?;
            let r = e.body.result(op, 0);
            let rt = vec_of(e, op, r)?;
            let perm = int_list(e, op, "permutation")?;
            let rank = vt.shape.len();
            let ok = perm.len() == rank
                && rt.shape.len() == rank
                && perm.iter().all(|&p| p >= 0 && (p as usize) < rank)
                && (0..rank).all(|d| rt.shape[d] == vt.shape[perm[d] as usize]);
            if !ok {
                return Err(e.error(op, "has a 'permutation' that does not fit its operand"));
            }
            // Row-major strides of the source.
            let mut strides = vec![1i64; rank];
            for d in (0..rank.saturating_sub(1)).rev() {
                strides[d] = strides[d + 1] * vt.shape[d + 1];
            }
            let rn = vname(r);
            e.line(format!("{} {rn};", rt.c()));
            let n = rt.lanes();
            let mut idx = vec![0i64; rank];
            for i in 0..n {
                let at: i64 = (0..rank).map(|d| idx[d] * strides[perm[d] as usize]).sum();
                e.line(format!(
                    "{} = {};",
                    rt.at(&rn, &i.to_string()),
                    vt.at(&vname(v), &at.to_string())
                ));
                for d in (0..rank).rev() {
                    idx[d] += 1;
                    if idx[d] < rt.shape[d] {
                        break;
                    }
                    idx[d] = 0;
                }
            }
            Ok(())
        }
        "hw.transfer_read" | "hw.transfer_write" => transfer(e, op, name == "hw.transfer_read"),
        _ => Err(e.error(op, "is not supported")),
    }
}

/// An integer list attribute (`array<i64: ...>`).
fn int_list(e: &FnEmitter<'_, '_>, op: Op, name: &str) -> Result<Vec<i64>, Diagnostic> {
    e.opref(op)
        .attr(name)
        .and_then(|a| strata_dialect_tensor::util::i64_array(e.ctx(), a))
        .ok_or_else(|| e.error(op, format_args!("needs an integer list '{name}'")))
}

/// `hw.transfer_read` / `hw.transfer_write`: lanes outside the memref (or masked off) read
/// the padding / are not written; an active lane outside an `in_bounds` transfer is an
/// error, as in the interpreter.
fn transfer(e: &mut FnEmitter<'_, '_>, op: Op, read: bool) -> Result<(), Diagnostic> {
    let ops: Vec<Value> = e.body.operands(op).collect();
    let (vec_v, mem_i) = if read {
        (e.body.result(op, 0), 0)
    } else {
        (ops[0], 1)
    };
    let Some(&mem_v) = ops.get(mem_i) else {
        return Err(e.error(op, "needs a buffer"));
    };
    let vt = vec_of(e, op, vec_v)?;
    let mt = super::loops::mem(e, op, mem_v)?;
    let rank = mt.shape.len();
    let idx_end = mem_i + 1 + rank;
    let extra = if read { 1 } else { 0 };
    if ops.len() < idx_end + extra || vt.shape.len() > rank || vt.elem != mt.elem {
        return Err(e.error(
            op,
            "does not match its buffer (indices, rank or element type)",
        ));
    }
    let idx: Vec<String> = ops[mem_i + 1..idx_end].iter().map(|&v| vname(v)).collect();
    let pad = read.then(|| vname(ops[idx_end]));
    let mask = ops
        .get(idx_end + extra)
        .map(|&m| vec_of(e, op, m).map(|mt| (vname(m), mt)));
    let mask = match mask {
        Some(r) => Some(r?),
        None => None,
    };
    let in_bounds = e.opref(op).attr("in_bounds").is_some();
    let n = vt.lanes();
    let vn = vname(vec_v);
    if read {
        e.line(format!("{} {vn};", vt.c()));
    }
    let l = e.tmp("l");
    e.line(format!("for (int64_t {l} = 0; {l} < {n}; ++{l}) {{"));
    e.indent += 1;
    // The memref index of each dimension for this lane, and whether it is inside.
    let first = rank - vt.shape.len();
    let mut inner = 1i64;
    let mut coords = vec![String::new(); rank];
    for d in (0..rank).rev() {
        if d >= first {
            let size = vt.shape[d - first];
            coords[d] = format!("{} + ({l} / {inner}) % {size}", idx[d]);
            inner = inner.saturating_mul(size);
        } else {
            coords[d] = idx[d].clone();
        }
    }
    let names: Vec<String> = (0..rank).map(|_| e.tmp("x")).collect();
    for (nm, c) in names.iter().zip(&coords) {
        e.line(format!("int64_t {nm} = {c};"));
    }
    let inside: Vec<String> = names
        .iter()
        .zip(&mt.shape)
        .map(|(nm, s)| format!("({nm} >= 0 && {nm} < {s})"))
        .collect();
    let inside = if inside.is_empty() {
        "1".to_string()
    } else {
        inside.join(" && ")
    };
    let active = match &mask {
        Some((m, mt)) => mt.at(m, &l),
        None => "1".into(),
    };
    let off: Vec<String> = names
        .iter()
        .zip(&mt.strides)
        .map(|(nm, s)| format!("{nm} * INT64_C({s})"))
        .collect();
    let off = if off.is_empty() {
        "0".to_string()
    } else {
        off.join(" + ")
    };
    let m = vname(mem_v);
    let lane = vt.at(&vn, &l);
    e.line(format!("int ins_ = {inside}, act_ = {active};"));
    if in_bounds {
        e.line("if (act_ && !ins_) strata_set_err(err, STRATA_ERR_TRANSFER);");
    }
    if let Some(p) = pad {
        e.line(format!("{lane} = (act_ && ins_) ? {m}[{off}] : {p};"));
    } else {
        e.line(format!("if (act_ && ins_) {m}[{off}] = {lane};"));
    }
    e.indent -= 1;
    e.line("}");
    Ok(())
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

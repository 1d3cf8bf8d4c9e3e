//! The `loop` dialect in C: counted and parallel loops, conditionals, buffers and constant
//! globals.
//!
//! * `loop.for` is a C `for` whose induction variable stops when `iv + step` overflows (as
//!   the interpreter's); loop-carried values live in the result variables, copied into the
//!   block arguments at the start of each iteration.
//! * `loop.parallel` without reductions, outside another parallel loop and estimated (by the
//!   target's cost model) to be worth it, is outlined: its body becomes a function over a
//!   range of the linearised iteration space, run in chunks by the runtime's
//!   `parallel_for`; the values it uses from outside travel in an environment struct. Every
//!   iteration writes its own elements, so results are the same for any thread count.
//!   Other parallel loops (with reductions, nested, or cheap) run serially in the
//!   interpreter's order, combining each iteration's value into the accumulator in order.
//! * Non-positive steps set the error word and skip the loop (the interpreter stops).
//! * Buffers are pointers to the first element of the view; loads and stores index with the
//!   static strides of the memref type. Accesses are not bounds-checked: the code generator
//!   trusts the verified level contract (static shapes, windows inside their source).

use super::{vname, CTy, FnEmitter, YieldTo};
use indexmap::IndexSet;
use std::fmt::Write as _;
use strata_dialect_tensor::movement::OpFoldResult;
use strata_ir::{AttrKind, Diagnostic, Op, Region, Value};

pub(crate) fn emit(e: &mut FnEmitter<'_, '_>, op: Op, name: &str) -> Result<(), Diagnostic> {
    match name {
        "loop.for" => emit_for(e, op),
        "loop.parallel" => emit_parallel(e, op),
        "loop.if" => emit_if(e, op),
        "loop.yield" => emit_yield(e, op),
        "loop.alloc" => emit_alloc(e, op),
        "loop.dealloc" => emit_dealloc(e, op),
        "loop.load" => {
            let ops: Vec<Value> = e.body.operands(op).collect();
            let idx = index_expr(e, op, ops[0], &ops[1..])?;
            let r = e.body.result(op, 0);
            e.define(op, r, &format!("{}[{idx}]", vname(ops[0])))
        }
        "loop.store" => {
            let ops: Vec<Value> = e.body.operands(op).collect();
            if ops.len() < 2 {
                return Err(e.error(op, "needs a value and a buffer"));
            }
            let idx = index_expr(e, op, ops[1], &ops[2..])?;
            e.line(format!("{}[{idx}] = {};", vname(ops[1]), vname(ops[0])));
            Ok(())
        }
        "loop.subview" => emit_subview(e, op),
        "loop.copy" => emit_copy(e, op),
        "loop.get_global" => super::globals::emit_get_global(e, op),
        _ => Err(e.error(op, "is not supported")),
    }
}

/// The memref type of `v` (an error for scalars).
pub(crate) fn mem(
    e: &FnEmitter<'_, '_>,
    op: Op,
    v: Value,
) -> Result<super::types::MemTy, Diagnostic> {
    match e.cty(op, v)? {
        CTy::Mem(m) => Ok(m),
        _ => Err(e.error(op, "expects a buffer operand")),
    }
}

/// `i0 * s0 + i1 * s1 + ...` for the indices of an access to buffer `m`.
fn index_expr(
    e: &FnEmitter<'_, '_>,
    op: Op,
    m: Value,
    idx: &[Value],
) -> Result<String, Diagnostic> {
    let t = mem(e, op, m)?;
    if idx.len() != t.shape.len() {
        return Err(e.error(op, "has an index count different from the buffer's rank"));
    }
    if idx.is_empty() {
        return Ok("0".into());
    }
    let terms: Vec<String> = idx
        .iter()
        .zip(&t.strides)
        .map(|(&i, &s)| {
            if s == 1 {
                vname(i)
            } else {
                format!("{} * INT64_C({s})", vname(i))
            }
        })
        .collect();
    Ok(terms.join(" + "))
}

/// A `loop.dealloc` of a `loop.alloc` result hands the buffer back to the prelude's cache
/// (`strata_free`, with the size and alignment of the allocation); any other buffer is freed.
fn emit_dealloc(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    let v = e.body.operand(op, 0);
    let m = vname(v);
    let alloc = e
        .body
        .defining_op(v)
        .filter(|&d| e.ctx().op_name_str(e.body.name(d)) == "loop.alloc");
    match alloc {
        Some(d) => {
            let (bytes, align) = alloc_size(e, d)?;
            e.line(format!("strata_free({m}, UINT64_C({bytes}), {align});"));
        }
        None => e.line(format!("free({m});")),
    }
    Ok(())
}

/// The bytes and the alignment (at least 64) of the buffer a `loop.alloc` allocates.
fn alloc_size(e: &FnEmitter<'_, '_>, op: Op) -> Result<(u64, u64), Diagnostic> {
    if e.body.num_operands(op) != 0 {
        return Err(e.error(op, "has dynamic sizes; shapes must be static"));
    }
    let r = e.body.result(op, 0);
    let t = mem(e, op, r)?;
    let numel = t
        .shape
        .iter()
        .try_fold(1u64, |acc, &d| acc.checked_mul(d as u64));
    let Some(bytes) = numel.and_then(|n| n.checked_mul(t.elem.bytes())) else {
        return Err(e.error(op, "allocates more bytes than fit in 64 bits"));
    };
    let align = match e.opref(op).attr("alignment").map(|a| e.ctx().attr_kind(a)) {
        Some(AttrKind::Integer { value, .. })
            if *value > 0 && (*value as u64).is_power_of_two() =>
        {
            (*value as u64).max(64)
        }
        None => 64,
        Some(_) => return Err(e.error(op, "has an alignment that is not a power of two")),
    };
    Ok((bytes, align))
}

fn emit_alloc(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    let (bytes, align) = alloc_size(e, op)?;
    let r = e.body.result(op, 0);
    let t = mem(e, op, r)?;
    let v = vname(r);
    e.line(format!(
        "{} *{v} = ({} *)strata_alloc(UINT64_C({bytes}), {align});",
        t.elem.c(),
        t.elem.c()
    ));
    let fail = e.fail;
    e.line(format!(
        "if (!{v}) {{ strata_set_err(err, STRATA_ERR_ALLOC); {fail} }}"
    ));
    Ok(())
}

fn emit_subview(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    let r = e.opref(op);
    let [offsets, sizes, strides] = strata_dialect_loop::SubviewOp(r)
        .mixed()
        .map_err(|m| e.error(op, m))?;
    let src = e.body.operand(op, 0);
    let st = mem(e, op, src)?;
    let res = e.body.result(op, 0);
    let rt = mem(e, op, res)?;
    if sizes.iter().any(|s| matches!(s, OpFoldResult::Operand(_)))
        || strides
            .iter()
            .any(|s| matches!(s, OpFoldResult::Operand(_)))
    {
        return Err(e.error(op, "has dynamic sizes or strides; they must be static"));
    }
    if offsets.len() != st.strides.len() || rt.elem != st.elem {
        return Err(e.error(op, "does not match its source"));
    }
    let mut terms = Vec::new();
    for (o, &s) in offsets.iter().zip(&st.strides) {
        match o {
            OpFoldResult::Static(0) => {}
            OpFoldResult::Static(k) => terms.push(format!("INT64_C({})", k.wrapping_mul(s))),
            OpFoldResult::Operand(i) => {
                let v = vname(e.body.operand(op, *i));
                terms.push(format!("{v} * INT64_C({s})"));
            }
        }
    }
    let off = if terms.is_empty() {
        "0".to_string()
    } else {
        terms.join(" + ")
    };
    e.define(op, res, &format!("{} + ({off})", vname(src)))
}

fn emit_copy(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    if e.body.num_operands(op) != 2 {
        return Err(e.error(op, "needs a source and a target"));
    }
    let (s, d) = (e.body.operand(op, 0), e.body.operand(op, 1));
    let (st, dt) = (mem(e, op, s)?, mem(e, op, d)?);
    if st.shape != dt.shape || st.elem != dt.elem {
        return Err(e.error(op, "copies between buffers of different shapes"));
    }
    let ivs: Vec<String> = (0..st.shape.len()).map(|_| e.tmp("c")).collect();
    e.line("{");
    e.indent += 1;
    for (iv, &n) in ivs.iter().zip(&st.shape) {
        e.line(format!("for (int64_t {iv} = 0; {iv} < {n}; ++{iv})"));
    }
    let at = |strides: &[i64]| -> String {
        if ivs.is_empty() {
            return "0".into();
        }
        ivs.iter()
            .zip(strides)
            .map(|(i, s)| format!("{i} * INT64_C({s})"))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    e.line(format!(
        "  {}[{}] = {}[{}];",
        vname(d),
        at(&dt.strides),
        vname(s),
        at(&st.strides)
    ));
    e.indent -= 1;
    e.line("}");
    Ok(())
}

/// Declare each result of `op` initialised from `inits` (or zero); returns their names.
fn declare_results(
    e: &mut FnEmitter<'_, '_>,
    op: Op,
    inits: &[Value],
) -> Result<Vec<String>, Diagnostic> {
    let results = e.body.results(op).to_vec();
    let mut names = Vec::new();
    for (k, &r) in results.iter().enumerate() {
        let init = inits.get(k).map_or("0".to_string(), |&v| vname(v));
        e.define(op, r, &init)?;
        names.push(vname(r));
    }
    Ok(names)
}

/// The value of `v` when it is an `arith.constant` integer or index.
fn const_int(e: &FnEmitter<'_, '_>, v: Value) -> Option<i64> {
    let d = e.body.defining_op(v)?;
    let r = e.opref(d);
    if r.name() != "arith.constant" {
        return None;
    }
    match e.ctx().attr_kind(r.attr("value")?) {
        strata_ir::AttrKind::Integer { value, .. } => i64::try_from(*value).ok(),
        _ => None,
    }
}

/// The header of a counted C loop over `lb..ub` by `st`, and the statement ending its body.
/// With a constant positive step and a constant upper bound that the step cannot overflow
/// past, a plain `for` that C compilers vectorise; otherwise an overflow-checked increment
/// (the caller has checked the step is positive).
fn loop_header(
    e: &FnEmitter<'_, '_>,
    iv: &str,
    lb: Value,
    ub: Value,
    st: Value,
) -> (String, Option<String>) {
    let lbs = const_int(e, lb).map_or_else(|| vname(lb), |c| format!("INT64_C({c})"));
    match (const_int(e, ub), const_int(e, st)) {
        (Some(u), Some(s)) if s > 0 && u.checked_add(s).is_some() => (
            format!("for (int64_t {iv} = {lbs}; {iv} < INT64_C({u}); {iv} += INT64_C({s})) {{"),
            None,
        ),
        _ => (
            format!("for (int64_t {iv} = {lbs}; {iv} < {};) {{", vname(ub)),
            Some(format!(
                "if (__builtin_add_overflow({iv}, {}, &{iv})) break;",
                vname(st)
            )),
        ),
    }
}

fn emit_for(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    let ops: Vec<Value> = e.body.operands(op).collect();
    if ops.len() < 3 {
        return Err(e.error(op, "needs a lower bound, an upper bound and a step"));
    }
    let block = e.single_block(op, 0)?;
    let args = e.body.block_args(block).to_vec();
    let res = declare_results(e, op, &ops[3..])?;
    if args.len() != res.len() + 1 {
        return Err(e.error(op, "has a body whose arguments do not match its results"));
    }
    let st = vname(ops[2]);
    let iv = e.tmp("i");
    e.line(format!(
        "if ({st} <= 0) strata_set_err(err, STRATA_ERR_STEP);"
    ));
    let (header, step) = loop_header(e, &iv, ops[0], ops[1], ops[2]);
    e.line(format!("else {header}"));
    e.indent += 1;
    e.line(format!("int64_t {} = {iv};", vname(args[0])));
    for (a, r) in args[1..].iter().zip(&res) {
        e.define(op, *a, r)?;
    }
    e.yields.push(YieldTo::Assign(res));
    e.emit_block(block)?;
    e.yields.pop();
    if let Some(step) = step {
        e.line(step);
    }
    e.indent -= 1;
    e.line("}");
    Ok(())
}

fn emit_if(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    let c = vname(e.body.operand(op, 0));
    let res = declare_results(e, op, &[])?;
    let nregions = e.body.regions(op).len();
    e.line(format!("if ({c}) {{"));
    e.indent += 1;
    e.yields.push(YieldTo::Assign(res));
    let then = e.single_block(op, 0)?;
    e.emit_block(then)?;
    e.indent -= 1;
    if nregions > 1 && !e.body.region_blocks(e.body.regions(op)[1]).is_empty() {
        e.line("} else {");
        e.indent += 1;
        let els = e.single_block(op, 1)?;
        e.emit_block(els)?;
        e.indent -= 1;
    }
    e.yields.pop();
    e.line("}");
    Ok(())
}

fn emit_yield(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    let vals: Vec<Value> = e.body.operands(op).collect();
    match e.yields.last().cloned() {
        Some(YieldTo::Assign(names)) => {
            if names.len() != vals.len() {
                return Err(e.error(
                    op,
                    "yields a different number of values than its parent has results",
                ));
            }
            for (n, v) in names.iter().zip(&vals) {
                e.line(format!("{n} = {};", vname(*v)));
            }
            Ok(())
        }
        Some(YieldTo::Reduce(par, accs)) => {
            if accs.len() != vals.len() {
                return Err(e.error(op, "yields a different number of values than reductions"));
            }
            for (j, (acc, v)) in accs.iter().zip(&vals).enumerate() {
                let block = e.single_block(par, 1 + j)?;
                let args = e.body.block_args(block).to_vec();
                if args.len() != 2 {
                    return Err(e.error(par, "has a reduction region without two arguments"));
                }
                e.line("{");
                e.indent += 1;
                e.define(par, args[0], acc)?;
                e.define(par, args[1], &vname(*v))?;
                e.yields.push(YieldTo::Assign(vec![acc.clone()]));
                e.emit_block(block)?;
                e.yields.pop();
                e.indent -= 1;
                e.line("}");
            }
            Ok(())
        }
        None if vals.is_empty() => Ok(()),
        None => Err(e.error(op, "is outside a loop or conditional")),
    }
}

fn emit_parallel(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    let (n, k) = strata_dialect_loop::ParallelOp(e.opref(op))
        .dims()
        .map_err(|m| e.error(op, m))?;
    let ops: Vec<Value> = e.body.operands(op).collect();
    let block = e.single_block(op, 0)?;
    let args = e.body.block_args(block).to_vec();
    if args.len() != n || e.body.regions(op).len() != k + 1 {
        return Err(e.error(
            op,
            "needs n induction variables and one reduction region per result",
        ));
    }
    let (lbs, ubs, steps) = (&ops[..n], &ops[n..2 * n], &ops[2 * n..3 * n]);
    let cost = strata_target::estimate_op_cost(e.ctx(), e.body, op, e.m.cost);
    if k == 0 && !e.in_parallel && cost >= e.m.opts.parallel_min_cost {
        return outline(e, op, lbs, ubs, steps, block, &args);
    }
    serial(e, op, n, k, &ops, block, &args)
}

/// A parallel body without reductions (`hw.parallel`): outlined onto the workers, or serial
/// inside another parallel body.
pub(crate) fn parallel_body(
    e: &mut FnEmitter<'_, '_>,
    op: Op,
    lbs: &[Value],
    ubs: &[Value],
    steps: &[Value],
    block: strata_ir::Block,
    args: &[Value],
) -> Result<(), Diagnostic> {
    if !e.in_parallel {
        return outline(e, op, lbs, ubs, steps, block, args);
    }
    let ops: Vec<Value> = lbs.iter().chain(ubs).chain(steps).copied().collect();
    serial(e, op, lbs.len(), 0, &ops, block, args)
}

/// A parallel loop run serially in the interpreter's (row-major) order.
fn serial(
    e: &mut FnEmitter<'_, '_>,
    op: Op,
    n: usize,
    k: usize,
    ops: &[Value],
    block: strata_ir::Block,
    args: &[Value],
) -> Result<(), Diagnostic> {
    let (lbs, ubs, steps) = (&ops[..n], &ops[n..2 * n], &ops[2 * n..3 * n]);
    let res = declare_results(e, op, &ops[3 * n..])?;
    let bad: Vec<String> = steps
        .iter()
        .map(|&s| format!("{} <= 0", vname(s)))
        .collect();
    e.line(format!(
        "if ({}) strata_set_err(err, STRATA_ERR_STEP);",
        bad.join(" || ")
    ));
    e.line("else {");
    e.indent += 1;
    let ivs: Vec<String> = (0..n).map(|_| e.tmp("p")).collect();
    let mut step_lines = Vec::new();
    for d in 0..n {
        let (header, step) = loop_header(e, &ivs[d], lbs[d], ubs[d], steps[d]);
        e.line(header);
        step_lines.push(step);
        e.indent += 1;
    }
    for (a, iv) in args.iter().zip(&ivs) {
        e.line(format!("int64_t {} = {iv};", vname(*a)));
    }
    e.yields.push(if k == 0 {
        YieldTo::Assign(Vec::new())
    } else {
        YieldTo::Reduce(op, res)
    });
    e.line("{");
    e.indent += 1;
    e.emit_block(block)?;
    e.indent -= 1;
    e.line("}");
    e.yields.pop();
    for step in step_lines.into_iter().rev() {
        if let Some(step) = step {
            e.line(step);
        }
        e.indent -= 1;
        e.line("}");
    }
    e.indent -= 1;
    e.line("}");
    Ok(())
}

/// The values used inside `regions` of `op` and defined outside them, in first-use order.
fn captures(e: &FnEmitter<'_, '_>, regions: &[Region]) -> Vec<Value> {
    let body = e.body;
    let mut defined = std::collections::HashSet::new();
    let mut used = IndexSet::new();
    fn walk(
        body: &strata_ir::Body,
        regions: &[Region],
        defined: &mut std::collections::HashSet<Value>,
        used: &mut IndexSet<Value>,
    ) {
        for &r in regions {
            for &b in body.region_blocks(r) {
                defined.extend(body.block_args(b).iter().copied());
                for op in body.block_ops(b) {
                    used.extend(body.operands(op));
                    defined.extend(body.results(op).iter().copied());
                    walk(body, body.regions(op), defined, used);
                }
            }
        }
    }
    walk(body, regions, &mut defined, &mut used);
    used.into_iter().filter(|v| !defined.contains(v)).collect()
}

/// Outline the body of a parallel loop without reductions into a chunk function.
fn outline(
    e: &mut FnEmitter<'_, '_>,
    op: Op,
    lbs: &[Value],
    ubs: &[Value],
    steps: &[Value],
    block: strata_ir::Block,
    args: &[Value],
) -> Result<(), Diagnostic> {
    let n = lbs.len();
    let regions = e.body.regions(op).to_vec();
    let caps = captures(e, &regions);
    let id = e.tmp("");
    let (fname, env_t) = (format!("strata_par{id}"), format!("strata_env{id}"));
    // The environment struct.
    let mut env = format!(
        "typedef struct {{\n  const strata_rt *rt;\n  int64_t lb[{n}], step[{n}], cnt[{n}];\n"
    );
    let mut captured = Vec::new();
    for &v in &caps {
        let t = e.cty(op, v)?;
        let _ = writeln!(env, "  {} {};", t.c(), vname(v));
        captured.push((vname(v), t.c()));
    }
    let _ = writeln!(env, "}} {env_t};\n");
    // The chunk function.
    let mut sub = FnEmitter {
        m: &mut *e.m,
        body: e.body,
        out: String::new(),
        indent: 1,
        yields: vec![YieldTo::Assign(Vec::new())],
        in_parallel: true,
        fail: "return *err;",
        results: Vec::new(),
        lane: None,
    };
    sub.line(format!("{env_t} *env = ({env_t} *)envp;"));
    sub.line("int32_t err_ = 0, *err = &err_;");
    sub.line("const strata_rt *rt = env->rt; (void)rt;");
    for (name, ty) in &captured {
        sub.line(format!("{ty} {name} = env->{name};"));
    }
    // The linear index `lin` runs over the chunk; the loop indices are its mixed-radix
    // digits (the last dim fastest), divided out once at `begin` and then stepped with
    // carries (no division per iteration: bodies with a short innermost loop are cheap).
    if n > 1 {
        sub.line(format!("int64_t cnt_[{n}], idx_[{n}];"));
        sub.line(format!(
            "for (int d_ = 0; d_ < {n}; d_++) cnt_[d_] = env->cnt[d_];"
        ));
        sub.line("{");
        sub.line("  int64_t rest = begin;");
        sub.line(format!(
            "  for (int d_ = {}; d_ > 0; d_--) {{ idx_[d_] = rest % cnt_[d_]; rest /= cnt_[d_]; }}",
            n - 1
        ));
        sub.line("  idx_[0] = rest;");
        sub.line("}");
    }
    sub.line("for (int64_t lin = begin; lin < end; ++lin) {");
    sub.indent += 1;
    for (d, &arg) in args.iter().enumerate().take(n) {
        let a = vname(arg);
        if n == 1 {
            sub.line(format!("int64_t {a} = env->lb[0] + lin * env->step[0];"));
        } else {
            sub.line(format!(
                "int64_t {a} = env->lb[{d}] + idx_[{d}] * env->step[{d}];"
            ));
        }
    }
    sub.line("{");
    sub.emit_block(block)?;
    sub.line("}");
    if n > 1 {
        sub.line(format!(
            "for (int d_ = {}; d_ > 0 && ++idx_[d_] == cnt_[d_]; d_--) {{ idx_[d_] = 0; if (d_ == 1) idx_[0]++; }}",
            n - 1
        ));
    }
    sub.indent -= 1;
    sub.line("}");
    sub.line("return err_;");
    let text = format!(
        "{env}static int32_t {fname}(void *envp, int64_t begin, int64_t end) {{\n{}}}\n\n",
        sub.out
    );
    e.m.outlined.push(text);
    // The call site.
    let bad: Vec<String> = steps
        .iter()
        .map(|&s| format!("{} <= 0", vname(s)))
        .collect();
    e.line(format!(
        "if ({}) strata_set_err(err, STRATA_ERR_STEP);",
        bad.join(" || ")
    ));
    e.line("else {");
    e.indent += 1;
    let envv = e.tmp("env");
    e.line(format!("{env_t} {envv};"));
    e.line(format!("{envv}.rt = rt;"));
    let total = e.tmp("total");
    e.line(format!("int64_t {total} = 1;"));
    for d in 0..n {
        let (lb, ub, st) = (vname(lbs[d]), vname(ubs[d]), vname(steps[d]));
        e.line(format!(
            "{envv}.lb[{d}] = {lb}; {envv}.step[{d}] = {st}; {envv}.cnt[{d}] = strata_trips({lb}, {ub}, {st});"
        ));
        e.line(format!(
            "if (__builtin_mul_overflow({total}, {envv}.cnt[{d}], &{total})) strata_set_err(err, STRATA_ERR_TRIP_OVERFLOW);"
        ));
    }
    for (name, _) in &captured {
        e.line(format!("{envv}.{name} = {name};"));
    }
    e.line(format!(
        "if (*err == 0) {{ int32_t e_ = (int32_t)strata_run_chunks(rt, {total}, {fname}, &{envv}); if (e_) strata_set_err(err, e_); }}"
    ));
    e.indent -= 1;
    e.line("}");
    Ok(())
}

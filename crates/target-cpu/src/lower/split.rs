//! The function rewrite of `hw-to-cpu`: hw vector ops to native-register cpu ops, vectors
//! wider than a register split into pieces (scalars without vector registers), and
//! micro-kernel intrinsics to `cpu.ukernel`. See the module above for the rules.

use indexmap::IndexMap;
use strata_dialect_cpu::target::elem_bits;
use strata_dialect_cpu::ukernel::{select_variant, UKERNELS};
use strata_dialect_cpu::CpuTargetAttr;
use strata_dialect_hw::util::{string_value, vector_parts};
use strata_dialect_hw::ReductionKind;
use strata_ir::{
    Attribute, Body, Context, Diagnostic, InsertPoint, Op, OpRef, OperationState, Region, Type,
    TypeKind, Value,
};

/// What the rewrite did.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// cpu ops created.
    pub cpu_ops: u64,
    /// Vector values split into pieces.
    pub split: u64,
    /// `hw.intrinsic` calls turned into `cpu.ukernel`.
    pub ukernels: u64,
}

/// Every op in `regions` of `body`, each before the ops nested in it.
fn preorder(body: &Body, regions: &[Region], out: &mut Vec<Op>) {
    for &r in regions {
        for &b in body.region_blocks(r) {
            for op in body.block_ops(b) {
                out.push(op);
                preorder(body, body.regions(op), out);
            }
        }
    }
}

/// The 1-D vector parts `(lanes, elem)` of `t`.
fn vec1(ctx: &Context, t: Type) -> Option<(i64, Type)> {
    match vector_parts(ctx, t)? {
        (s, e) if s.len() == 1 => Some((s[0], e)),
        _ => None,
    }
}

/// Whether a vector of `lanes` of `elem` is a valid cpu vector of `target`.
fn fits(ctx: &Context, target: &CpuTargetAttr, lanes: i64, elem: Type) -> bool {
    let n = target.native_lanes(ctx, elem) as i64;
    lanes > 0 && (lanes as u64).is_power_of_two() && lanes <= n
}

/// Whether `elem` is an element type of cpu vectors.
fn cpu_elem(ctx: &Context, target: &CpuTargetAttr, elem: Type) -> bool {
    target.register_bits(ctx, elem).is_some()
}

/// The piece width: the fewest lanes a register holds among the element types of vectors
/// that do not fit (`None`: every vector fits, nothing is split).
fn piece_lanes(
    ctx: &Context,
    body: &Body,
    roots: &[Region],
    ops: &[Op],
    target: &CpuTargetAttr,
) -> Option<i64> {
    let mut p: Option<i64> = None;
    let mut see = |t: Type| {
        if let Some((w, e)) = vec1(ctx, t) {
            if cpu_elem(ctx, target, e) && !fits(ctx, target, w, e) {
                let n = (target.native_lanes(ctx, e) as i64).max(1);
                p = Some(p.map_or(n, |q| q.min(n)));
            }
        }
    };
    for &r in roots {
        for &b in body.region_blocks(r) {
            for &a in body.block_args(b) {
                see(body.value_type(a));
            }
        }
    }
    for &op in ops {
        for &r in body.results(op) {
            see(body.value_type(r));
        }
        for &r in body.regions(op) {
            for &b in body.region_blocks(r) {
                for &a in body.block_args(b) {
                    see(body.value_type(a));
                }
            }
        }
    }
    p
}

struct Lower<'a> {
    ctx: &'a Context,
    target: &'a CpuTargetAttr,
    /// Lanes per piece (1: scalars); `None` when nothing is split.
    p: Option<i64>,
    /// The pieces of each split vector value.
    pieces: IndexMap<Value, Vec<Value>>,
    stats: &'a mut Stats,
    /// Ops replaced, erased at the end (users first).
    dead: Vec<Op>,
}

impl Lower<'_> {
    /// Whether `v` is split.
    fn is_split(&self, body: &Body, v: Value) -> bool {
        match (self.p, vec1(self.ctx, body.value_type(v))) {
            (Some(p), Some((w, _))) => w > p,
            _ => false,
        }
    }

    /// The type of one piece of a vector of `elem`.
    fn piece_ty(&self, elem: Type) -> Type {
        let p = self.p.unwrap_or(1);
        if p == 1 {
            elem
        } else {
            self.ctx.ty(TypeKind::Vector {
                shape: vec![p].into(),
                scalable: vec![false].into(),
                elem,
            })
        }
    }

    /// Create op `name` before `at` with the location of `at`.
    fn create(
        &mut self,
        body: &mut Body,
        at: Op,
        name: &str,
        operands: &[Value],
        results: &[Type],
        props: Option<Attribute>,
    ) -> Op {
        let mut st = OperationState::new(self.ctx, self.ctx.op_name(name), body.op(at).loc);
        st.operands = operands.to_vec();
        st.result_types = results.to_vec();
        st.props = props;
        let op = body.create_op(st);
        body.insert_op(op, InsertPoint::Before(at));
        if name.starts_with("cpu.") {
            self.stats.cpu_ops += 1;
        }
        op
    }

    /// `name` with the same operands, inherent attributes and results as `op`, replacing it.
    fn rename(&mut self, body: &mut Body, op: Op, name: &str) {
        let operands: Vec<Value> = body.operand_vec(op).to_vec();
        let results: Vec<Type> = body
            .results(op)
            .iter()
            .map(|&r| body.value_type(r))
            .collect();
        let props = body.op(op).props;
        let n = self.create(body, op, name, &operands, &results, Some(props));
        let (old, new) = (body.results(op).to_vec(), body.results(n).to_vec());
        for (o, r) in old.into_iter().zip(new) {
            body.replace_all_uses(o, r);
        }
        self.dead.push(op);
    }

    /// The pieces of operand value `v` (split earlier in program order).
    fn pieces_of(&self, body: &Body, op: Op, v: Value) -> Result<Vec<Value>, Diagnostic> {
        self.pieces.get(&v).cloned().ok_or_else(|| {
            self.error(
                body,
                op,
                format_args!(
                    "uses a {} that must be split but comes from an op hw-to-cpu cannot split",
                    strata_ir::text::print_type(self.ctx, body.value_type(v))
                ),
            )
        })
    }

    fn error(&self, body: &Body, op: Op, msg: impl std::fmt::Display) -> Diagnostic {
        OpRef::new(self.ctx, body, op).error(format_args!("{msg} (hw-to-cpu)"))
    }

    /// `base + k` as an index value built before `at` (`base` itself for 0).
    fn offset(&mut self, body: &mut Body, at: Op, base: Value, k: i64) -> Value {
        if k == 0 {
            return base;
        }
        let idx = self.ctx.index_type();
        let a = self.ctx.int_attr(i128::from(k), idx);
        let props = self.ctx.dict_attr(&[("value", a)]);
        let c = self.create(body, at, "arith.constant", &[], &[idx], Some(props));
        let cv = body.result(c, 0);
        let s = self.create(body, at, "arith.addi", &[base, cv], &[idx], None);
        body.result(s, 0)
    }

    fn lower_op(&mut self, body: &mut Body, op: Op) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let name = ctx.op_name_str(body.name(op)).to_string();
        let operands: Vec<Value> = body.operand_vec(op).to_vec();
        let results: Vec<Value> = body.results(op).to_vec();
        let split = operands
            .iter()
            .chain(&results)
            .any(|&v| self.is_split(body, v));
        if name == "hw.intrinsic" {
            let callee = OpRef::new(ctx, body, op)
                .attr("name")
                .and_then(|a| string_value(ctx, a).map(str::to_string));
            if callee.is_some_and(|c| UKERNELS.contains(&c.as_str())) {
                let props = body.op(op).props;
                let variant = ctx.string_attr(select_variant(self.target));
                let props = ctx.dict_set(props, "variant", Some(variant));
                self.create(body, op, "cpu.ukernel", &operands, &[], Some(props));
                self.dead.push(op);
                self.stats.ukernels += 1;
            }
            return Ok(());
        }
        if !split {
            // One register or no vector: rename the ops that have a cpu form.
            let cpu_name = match name.as_str() {
                "hw.load" => "cpu.vload",
                "hw.store" => "cpu.vstore",
                "hw.broadcast" => "cpu.vbroadcast",
                "hw.fma" => "cpu.vfma",
                "hw.reduction" => "cpu.vreduce",
                _ => return Ok(()),
            };
            let vt = if name == "hw.store" || name == "hw.reduction" {
                body.value_type(operands[0])
            } else {
                body.value_type(results[0])
            };
            if let Some((w, e)) = vec1(ctx, vt) {
                if cpu_elem(ctx, self.target, e) && fits(ctx, self.target, w, e) {
                    self.rename(body, op, cpu_name);
                }
            }
            return Ok(());
        }
        self.split_op(body, op, &name, &operands, &results)
    }

    fn split_op(
        &mut self,
        body: &mut Body,
        op: Op,
        name: &str,
        operands: &[Value],
        results: &[Value],
    ) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let p = self.p.unwrap_or(1);
        let scalar = p == 1;
        // The vector whose lanes define the pieces.
        let lead = match name {
            "hw.store" | "hw.reduction" => operands[0],
            _ => match results.first() {
                Some(&r) => r,
                None => operands[0],
            },
        };
        let Some((w, elem)) = vec1(ctx, body.value_type(lead)) else {
            return Err(self.error(body, op, "has a vector that must be split and is not 1-D"));
        };
        if w % p != 0 {
            return Err(self.error(
                body,
                op,
                format_args!("has a vector of {w} lanes, not a multiple of the {p}-lane pieces"),
            ));
        }
        let k = (w / p) as usize;
        let cpu = cpu_elem(ctx, self.target, elem);
        let pty = self.piece_ty(elem);
        let mut out: Vec<Value> = Vec::with_capacity(k);
        match name {
            "hw.load" | "hw.store" => {
                let (mem_at, value) = if name == "hw.load" {
                    (0, None)
                } else {
                    (1, Some(self.pieces_of(body, op, operands[0])?))
                };
                let mem = operands[mem_at];
                let idx = &operands[mem_at + 1..];
                let Some((&last, outer)) = idx.split_last() else {
                    return Err(self.error(body, op, "has no indices"));
                };
                for j in 0..k {
                    let at = self.offset(body, op, last, j as i64 * p);
                    let mut ops = Vec::new();
                    if let Some(v) = &value {
                        ops.push(v[j]);
                    }
                    ops.push(mem);
                    ops.extend_from_slice(outer);
                    ops.push(at);
                    let (n, rt) = match (name, scalar, cpu) {
                        ("hw.load", true, _) => ("loop.load", vec![pty]),
                        ("hw.load", false, true) => ("cpu.vload", vec![pty]),
                        ("hw.load", false, false) => ("hw.load", vec![pty]),
                        (_, true, _) => ("loop.store", vec![]),
                        (_, false, true) => ("cpu.vstore", vec![]),
                        _ => ("hw.store", vec![]),
                    };
                    let o = self.create(body, op, n, &ops, &rt, None);
                    if let Some(&r) = body.results(o).first() {
                        out.push(r);
                    }
                }
            }
            "hw.broadcast" => {
                let x = operands[0];
                let v = if scalar {
                    x
                } else {
                    let n = if cpu {
                        "cpu.vbroadcast"
                    } else {
                        "hw.broadcast"
                    };
                    let o = self.create(body, op, n, &[x], &[pty], None);
                    body.result(o, 0)
                };
                out = vec![v; k];
            }
            "hw.fma" => {
                let ins: Vec<Vec<Value>> = operands
                    .iter()
                    .map(|&v| self.pieces_of(body, op, v))
                    .collect::<Result<_, _>>()?;
                let n = match (scalar, cpu) {
                    (true, _) => "math.fma",
                    (false, true) => "cpu.vfma",
                    _ => "hw.fma",
                };
                let [a, b, c] = &ins[..] else {
                    return Err(self.error(body, op, "needs three operands"));
                };
                for ((&x, &y), &z) in a.iter().zip(b).zip(c) {
                    let o = self.create(body, op, n, &[x, y, z], &[pty], None);
                    out.push(body.result(o, 0));
                }
            }
            "hw.reduction" => {
                let v = self.pieces_of(body, op, operands[0])?;
                let kind_attr = OpRef::new(ctx, body, op).attr("kind");
                let kind = kind_attr
                    .and_then(|a| string_value(ctx, a))
                    .and_then(ReductionKind::parse);
                let float = matches!(ctx.type_kind(elem), TypeKind::Float(_));
                let Some(arith) = kind.and_then(|k| k.arith_op(float)) else {
                    return Err(self.error(body, op, "has a reduction kind that does not apply"));
                };
                let props = body.op(op).props;
                let mut acc = operands.get(1).copied();
                for piece in v {
                    let next = if scalar {
                        match acc {
                            None => piece,
                            Some(a) => {
                                let o = self.create(body, op, arith, &[a, piece], &[elem], None);
                                body.result(o, 0)
                            }
                        }
                    } else {
                        let n = if cpu { "cpu.vreduce" } else { "hw.reduction" };
                        let ops: Vec<Value> = std::iter::once(piece).chain(acc).collect();
                        let o = self.create(body, op, n, &ops, &[elem], Some(props));
                        body.result(o, 0)
                    };
                    acc = Some(next);
                }
                let r = acc.ok_or_else(|| self.error(body, op, "reduces an empty vector"))?;
                body.replace_all_uses(results[0], r);
                self.dead.push(op);
                return Ok(());
            }
            n if (n.starts_with("arith.") || n.starts_with("math.")) && n != "arith.constant" => {
                // Element-wise: each piece computes its lanes; scalar operands (a select's
                // condition) are shared.
                let ins: Vec<Option<Vec<Value>>> = operands
                    .iter()
                    .map(|&v| {
                        if vec1(ctx, body.value_type(v)).is_some() {
                            self.pieces_of(body, op, v).map(Some)
                        } else {
                            Ok(None)
                        }
                    })
                    .collect::<Result<_, _>>()?;
                let rtys: Vec<Type> = results
                    .iter()
                    .map(|&r| match vec1(ctx, body.value_type(r)) {
                        Some((_, e)) => Ok(self.piece_ty(e)),
                        None => Err(self.error(body, op, "mixes split vectors and scalars")),
                    })
                    .collect::<Result<_, _>>()?;
                let props = body.op(op).props;
                let attrs = body.op(op).attrs;
                let mut per_result: Vec<Vec<Value>> = vec![Vec::with_capacity(k); results.len()];
                for j in 0..k {
                    let ops: Vec<Value> = operands
                        .iter()
                        .zip(&ins)
                        .map(|(&v, p)| p.as_ref().map_or(v, |p| p[j]))
                        .collect();
                    let o = self.create(body, op, n, &ops, &rtys, Some(props));
                    body.op_mut(o).attrs = attrs;
                    for (i, pr) in per_result.iter_mut().enumerate() {
                        pr.push(body.result(o, i));
                    }
                }
                for (&r, pr) in results.iter().zip(per_result) {
                    self.pieces.insert(r, pr);
                    self.stats.split += 1;
                }
                self.dead.push(op);
                return Ok(());
            }
            _ => {
                return Err(self.error(
                    body,
                    op,
                    format_args!(
                        "has a vector wider than the native register ({} bits per {} lane), \
                         which hw-to-cpu cannot split for this op",
                        elem_bits(ctx, elem).unwrap_or(0),
                        strata_ir::text::print_type(ctx, elem)
                    ),
                ))
            }
        }
        if let Some(&r) = results.first() {
            self.pieces.insert(r, out);
            self.stats.split += 1;
        }
        self.dead.push(op);
        Ok(())
    }
}

/// Lower the function body `body` (its root `regions`) for `target`.
pub fn lower_function(
    ctx: &Context,
    body: &mut Body,
    regions: &[Region],
    target: &CpuTargetAttr,
    stats: &mut Stats,
) -> Result<(), Diagnostic> {
    let mut ops = Vec::new();
    preorder(body, regions, &mut ops);
    let p = piece_lanes(ctx, body, regions, &ops, target);
    let mut l = Lower {
        ctx,
        target,
        p,
        pieces: IndexMap::new(),
        stats,
        dead: Vec::new(),
    };
    for &op in &ops {
        l.lower_op(body, op)?;
    }
    for &op in l.dead.iter().rev() {
        body.erase_op(op);
    }
    Ok(())
}

//! The fold of one function body: every sequence and optional value gets a statically known
//! [`Cv`] (the tensor values it holds), the ops that build and take apart containers are
//! replaced by those tensors (or by constants: lengths, `has_element`), `graph.loop`s that
//! carry or read containers are unrolled (constant trip count and condition), `graph.if`s
//! with a constant condition are inlined, and the result types of the graph ops after them
//! are re-inferred from the now static element types.
//!
//! Container ops are left in place while the walk runs (their results are the keys of the
//! structure map, so cloned loop bodies can refer to them) and erased at the end, once
//! nothing reads them.

use std::collections::HashMap;
use strata_dialect_graph::container::{is_tensor, opt_elem, seq_elem};
use strata_dialect_graph::dense::{dense_attr, Dense, Values};
use strata_dialect_graph::util::{ranked, ty_str};
use strata_ir::{
    Attribute, Block, Body, Context, Diagnostic, InsertPoint, Location, Op, OperationState, Type,
    TypeKind, Value,
};

/// The most iterations `specialise-containers` unrolls of one loop.
pub const MAX_UNROLL: i64 = 4096;

/// What a container value holds, statically: its tensors as SSA values.
#[derive(Clone, Debug)]
pub enum Cv {
    /// A tensor (inside an optional).
    Tensor(Value),
    /// A sequence of tensors, in order.
    Seq(Vec<Value>),
    /// An optional, empty or holding a tensor or a sequence.
    Opt(Option<Box<Cv>>),
    /// An optional whose presence is known only at run time: `present` is a `tensor<i1>`
    /// value, `inner` what it holds when present (its tensors have no meaning otherwise).
    MaybeOpt {
        /// The presence flag.
        present: Value,
        /// The contents when present.
        inner: Box<Cv>,
    },
}

impl Cv {
    /// The tensors, flattened in order.
    pub fn tensors(&self) -> Vec<Value> {
        match self {
            Cv::Tensor(v) => vec![*v],
            Cv::Seq(s) => s.clone(),
            Cv::Opt(None) => Vec::new(),
            Cv::Opt(Some(x)) => x.tensors(),
            Cv::MaybeOpt { present, inner } => {
                let mut v = vec![*present];
                v.extend(inner.tensors());
                v
            }
        }
    }
}

/// Whether `t` is a sequence or optional type.
pub fn is_container(ctx: &Context, t: Type) -> bool {
    seq_elem(ctx, t).is_some() || opt_elem(ctx, t).is_some()
}

/// The ops of the graph dialect that build, take apart or query sequences and optionals.
pub const CONTAINER_OPS: &[&str] = &[
    "graph.sequence_empty",
    "graph.sequence_construct",
    "graph.sequence_insert",
    "graph.sequence_erase",
    "graph.sequence_at",
    "graph.sequence_length",
    "graph.concat_from_sequence",
    "graph.split_to_sequence",
    "graph.optional",
    "graph.optional_get_element",
    "graph.optional_has_element",
];

/// Whether the ops of `regions` of `body` (at any depth) have a container value, a block
/// argument of container type or a container op (`optional_has_element` of nothing has
/// neither).
pub fn has_containers(ctx: &Context, body: &Body, regions: &[strata_ir::Region]) -> bool {
    let arg = regions.iter().any(|&r| {
        body.region_blocks(r).iter().any(|&b| {
            body.block_args(b)
                .iter()
                .any(|&v| is_container(ctx, body.value_type(v)))
        })
    });
    arg || body.ops_in_regions(regions).into_iter().any(|o| {
        strata_ir::walk::ops_in_body_preorder(body, o)
            .into_iter()
            .any(|x| {
                CONTAINER_OPS.contains(&ctx.op_name_str(body.name(x)))
                    || body
                        .operands(x)
                        .chain(body.results(x).iter().copied())
                        .any(|v| is_container(ctx, body.value_type(v)))
                    || body.regions(x).iter().any(|&r| {
                        body.region_blocks(r).iter().any(|&b| {
                            body.block_args(b)
                                .iter()
                                .any(|&v| is_container(ctx, body.value_type(v)))
                        })
                    })
            })
    })
}

const PASS: &str = "specialise-containers";

mod regions;

/// The state of the fold of one function.
pub struct Folder<'a> {
    /// The context.
    pub ctx: &'a Context,
    /// The function's body.
    pub body: &'a mut Body,
    /// The structure of every container value met so far.
    pub map: HashMap<Value, Cv>,
    /// Container ops folded (erased at the end, in reverse order).
    folded: Vec<Op>,
    /// Statistics: container ops folded, loops unrolled, ifs inlined.
    pub stats: [u64; 3],
}

enum Next {
    /// Go on with the op after this one.
    Go,
    /// Go on with this op (code was inserted before the visited op, which is gone).
    At(Option<Op>),
}

fn err(body: &Body, op: Op, ctx: &Context, msg: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(
        body.op(op).loc,
        format!(
            "'{}' in pass '{PASS}': {msg}",
            ctx.op_name_str(body.name(op))
        ),
    )
}

impl<'a> Folder<'a> {
    /// A folder over `body`.
    pub fn new(ctx: &'a Context, body: &'a mut Body) -> Self {
        Folder {
            ctx,
            body,
            map: HashMap::new(),
            folded: Vec::new(),
            stats: [0; 3],
        }
    }

    /// Fold the ops of `block` in order.
    pub fn run_block(&mut self, block: Block) -> Result<(), Diagnostic> {
        let mut cur = self.body.first_op(block);
        while let Some(op) = cur {
            let next = self.body.next_op(op);
            cur = match self.visit(op)? {
                Next::Go => next,
                Next::At(o) => o.or(next),
            };
        }
        Ok(())
    }

    /// Erase the folded container ops (after the function's results were flattened).
    pub fn finish(&mut self) -> Result<(), Diagnostic> {
        for &op in self.folded.iter().rev() {
            if self.body.is_erased(op) {
                continue;
            }
            if self.body.results(op).iter().any(|&r| self.body.has_uses(r)) {
                return Err(err(
                    self.body,
                    op,
                    self.ctx,
                    "a container value is still used by an op that was not folded",
                ));
            }
            self.body.erase_op(op);
        }
        self.folded.clear();
        Ok(())
    }

    fn ty(&self, v: Value) -> Type {
        self.body.value_type(v)
    }

    fn cv(&self, op: Op, v: Value) -> Result<Cv, Diagnostic> {
        let t = self.ty(v);
        if is_tensor(self.ctx, t) {
            return Ok(Cv::Tensor(v));
        }
        self.map.get(&v).cloned().ok_or_else(|| {
            err(
                self.body,
                op,
                self.ctx,
                format_args!(
                    "the structure of operand '{}' is not known statically",
                    ty_str(self.ctx, t)
                ),
            )
        })
    }

    fn seq(&self, op: Op, v: Value) -> Result<Vec<Value>, Diagnostic> {
        match self.cv(op, v)? {
            Cv::Seq(s) => Ok(s),
            _ => Err(err(self.body, op, self.ctx, "expected a sequence operand")),
        }
    }

    /// The integer values of a constant operand (`graph.constant`).
    fn const_ints(&self, mut v: Value) -> Option<Vec<i64>> {
        let mut d = self.body.defining_op(v)?;
        // Through `identity` chains (an expanded `SequenceMap` passes its condition on so).
        while self.ctx.op_name_str(self.body.name(d)) == "graph.identity" {
            v = self.body.operand(d, 0);
            d = self.body.defining_op(v)?;
        }
        if self.ctx.op_name_str(self.body.name(d)) != "graph.constant" {
            return None;
        }
        let a = self.ctx.dict_get(self.body.op(d).props, "value")?;
        let dense = Dense::from_attr(self.ctx, a)?;
        (0..dense.num_elements())
            .map(|i| dense.int(i).and_then(|x| i64::try_from(x).ok()))
            .collect()
    }

    fn position(&self, op: Op, v: Value, n: usize, end_ok: bool) -> Result<usize, Diagnostic> {
        let p = match self.const_ints(v).as_deref() {
            Some([p]) => *p,
            _ => {
                return Err(err(
                    self.body,
                    op,
                    self.ctx,
                    "the position is not a constant (the structure would depend on data)",
                ))
            }
        };
        let n = n as i64;
        let hi = if end_ok { n } else { n - 1 };
        if !(-n..=hi).contains(&p) {
            return Err(err(
                self.body,
                op,
                self.ctx,
                format_args!("position {p} is out of range for a sequence of {n} tensors"),
            ));
        }
        Ok(if p < 0 { p + n } else { p } as usize)
    }

    /// A new op `name` before `before`, its result types inferred from the operands.
    fn build(
        &mut self,
        before: Op,
        name: &str,
        operands: &[Value],
        props: &[(&str, Attribute)],
    ) -> Result<Vec<Value>, Diagnostic> {
        let ctx = self.ctx;
        let opname = ctx.op_name(name);
        let dict = ctx.dict_attr(props);
        let types: Vec<Type> = operands.iter().map(|&v| self.ty(v)).collect();
        let infer = ctx.op_def(opname).and_then(|d| d.infer).ok_or_else(|| {
            err(
                self.body,
                before,
                ctx,
                format_args!("'{name}' is not registered"),
            )
        })?;
        let rt = infer(ctx, &types, dict).map_err(|m| {
            err(
                self.body,
                before,
                ctx,
                format_args!("building '{name}': {m}"),
            )
        })?;
        let mut st = OperationState::new(ctx, opname, self.body.op(before).loc);
        st.operands = operands.to_vec();
        st.result_types = rt;
        if !props.is_empty() {
            st.props = Some(dict);
        }
        let o = self.body.create_op(st);
        self.body.insert_op(o, InsertPoint::Before(before));
        Ok(self.body.results(o).to_vec())
    }

    /// A scalar constant of element type `elem` before `before`.
    fn scalar(&mut self, before: Op, elem: Type, v: i128) -> Value {
        let ctx = self.ctx;
        let ty = ctx.tensor_type(&[], elem);
        let attr = dense_attr(ctx, ty, &Values::Int(vec![v]))
            .expect("a scalar integer constant of a known integer type encodes");
        let mut st =
            OperationState::new(ctx, ctx.op_name("graph.constant"), loc(self.body, before));
        st.result_types = vec![ty];
        st.props = Some(ctx.dict_attr(&[("value", attr)]));
        let o = self.body.create_op(st);
        self.body.insert_op(o, InsertPoint::Before(before));
        self.body.results(o)[0]
    }

    fn fold_to(&mut self, op: Op, cv: Cv) -> Next {
        let r = self.body.results(op)[0];
        self.map.insert(r, cv);
        self.folded.push(op);
        self.stats[0] += 1;
        Next::Go
    }

    fn replace(&mut self, op: Op, v: Value) -> Next {
        let r = self.body.results(op)[0];
        self.body.replace_all_uses(r, v);
        self.folded.push(op);
        self.stats[0] += 1;
        Next::Go
    }

    fn visit(&mut self, op: Op) -> Result<Next, Diagnostic> {
        let ctx = self.ctx;
        let name = ctx.op_name_str(self.body.name(op)).to_string();
        let ops: Vec<Value> = self.body.operands(op).collect();
        match name.as_str() {
            "graph.sequence_empty" => return Ok(self.fold_to(op, Cv::Seq(Vec::new()))),
            "graph.sequence_construct" => return Ok(self.fold_to(op, Cv::Seq(ops))),
            "graph.sequence_insert" => {
                let mut s = self.seq(op, ops[0])?;
                let at = match ops.get(2) {
                    Some(&p) => self.position(op, p, s.len(), true)?,
                    None => s.len(),
                };
                s.insert(at, ops[1]);
                return Ok(self.fold_to(op, Cv::Seq(s)));
            }
            "graph.sequence_erase" => {
                let mut s = self.seq(op, ops[0])?;
                if s.is_empty() {
                    return Err(err(
                        self.body,
                        op,
                        ctx,
                        "cannot erase from an empty sequence",
                    ));
                }
                let at = match ops.get(1) {
                    Some(&p) => self.position(op, p, s.len(), false)?,
                    None => s.len() - 1,
                };
                s.remove(at);
                return Ok(self.fold_to(op, Cv::Seq(s)));
            }
            "graph.sequence_at" => {
                let s = self.seq(op, ops[0])?;
                let at = self.position(op, ops[1], s.len(), false)?;
                return Ok(self.replace(op, s[at]));
            }
            "graph.sequence_length" => {
                let n = self.seq(op, ops[0])?.len();
                let c = self.scalar(op, ctx.int_type(64), n as i128);
                return Ok(self.replace(op, c));
            }
            "graph.concat_from_sequence" => return self.concat_from_sequence(op, &ops),
            "graph.split_to_sequence" => return self.split_to_sequence(op, &ops),
            "graph.optional" => {
                let inner = match ops.first() {
                    Some(&v) => Some(Box::new(self.cv(op, v)?)),
                    None => None,
                };
                return Ok(self.fold_to(op, Cv::Opt(inner)));
            }
            "graph.optional_get_element" => {
                let x = match self.cv(op, ops[0])? {
                    Cv::Opt(None) => return Err(err(self.body, op, ctx, "the optional is empty")),
                    Cv::Opt(Some(x)) => *x,
                    Cv::MaybeOpt { .. } => {
                        return Err(err(
                            self.body,
                            op,
                            ctx,
                            "the optional's presence is known only at run time (the element \
                             of an empty optional is an error, which compiled code cannot \
                             report)",
                        ))
                    }
                    x => x,
                };
                return Ok(self.take(op, x));
            }
            "graph.optional_has_element" => {
                let has = match ops.first() {
                    None => false,
                    Some(&v) => match self.cv(op, v)? {
                        Cv::MaybeOpt { present, .. } => return Ok(self.replace(op, present)),
                        x => !matches!(x, Cv::Opt(None)),
                    },
                };
                let c = self.scalar(op, ctx.i1(), i128::from(has));
                return Ok(self.replace(op, c));
            }
            "graph.identity" if ops.len() == 1 && is_container(ctx, self.ty(ops[0])) => {
                let x = self.cv(op, ops[0])?;
                return Ok(self.take(op, x));
            }
            "graph.loop" if self.involves_containers(op) => return self.unroll(op),
            "graph.if" if self.involves_containers(op) => return self.inline_if(op),
            _ => {}
        }
        let bad = ops
            .iter()
            .chain(self.body.results(op))
            .any(|&v| is_container(ctx, self.ty(v)));
        if bad && name != "func.return" && name != "graph.yield" {
            return Err(err(
                self.body,
                op,
                ctx,
                "sequences and optionals are only supported through the sequence and optional \
                 ops, identity, and loops and ifs that unroll or inline statically",
            ));
        }
        if name.starts_with("graph.") && self.body.regions(op).is_empty() {
            self.refine(op);
            self.fold_small(op);
        }
        Ok(Next::Go)
    }

    /// Fold a graph op on constants whose result is a small integer or bool tensor (the
    /// conditions and counts that decide structure, such as the `not` of a folded
    /// `optional_has_element`) into a `graph.constant`, with the dialect's own folder.
    fn fold_small(&mut self, op: Op) {
        let ctx = self.ctx;
        let [r] = self.body.results(op)[..] else {
            return;
        };
        let rt = self.ty(r);
        let small = ranked(ctx, rt).is_some_and(|(s, e)| {
            s.iter().all(|&d| d >= 0)
                && s.iter().product::<i64>() <= 64
                && matches!(ctx.type_kind(e), TypeKind::Integer { .. })
        });
        if !small {
            return;
        }
        let Some(fold) = ctx.op_def(self.body.name(op)).and_then(|d| d.fold) else {
            return;
        };
        let consts: Vec<Option<Attribute>> = self
            .body
            .operands(op)
            .map(|v| strata_ir::rewrite::constant_value(ctx, self.body, v))
            .collect();
        if consts.iter().any(Option::is_none) {
            return;
        }
        let r_op = strata_ir::OpRef::new(ctx, self.body, op);
        let Some(folded) = fold(r_op, &consts) else {
            return;
        };
        let [strata_ir::registry::FoldResult::Attr(a)] = folded[..] else {
            return;
        };
        if Dense::from_attr(ctx, a).is_none_or(|d| d.ty != rt) {
            return;
        }
        let mut st = OperationState::new(ctx, ctx.op_name("graph.constant"), loc(self.body, op));
        st.result_types = vec![rt];
        st.props = Some(ctx.dict_attr(&[("value", a)]));
        let c = self.body.create_op(st);
        self.body.insert_op(c, InsertPoint::Before(op));
        let v = self.body.results(c)[0];
        self.body.replace_all_uses(r, v);
        self.body.erase_op(op);
    }

    /// Result `op` becomes `x`: a tensor replaces its uses, a container is recorded.
    fn take(&mut self, op: Op, x: Cv) -> Next {
        match x {
            Cv::Tensor(v) => self.replace(op, v),
            x => self.fold_to(op, x),
        }
    }

    /// Re-infer the result types of a graph op, keeping every static dimension either side
    /// knows.
    fn refine(&mut self, op: Op) {
        let ctx = self.ctx;
        let Some(f) = ctx.op_def(self.body.name(op)).and_then(|d| d.infer) else {
            return;
        };
        let types: Vec<Type> = self.body.operands(op).map(|v| self.ty(v)).collect();
        let attrs = {
            let r = strata_ir::OpRef {
                ctx,
                body: self.body,
                op,
                parent: None,
                region_override: None,
            };
            strata_dialect_graph::verify::merged_attrs(&r)
        };
        let Ok(inferred) = f(ctx, &types, attrs) else {
            return;
        };
        let results = self.body.results(op).to_vec();
        for (&r, &t) in results.iter().zip(&inferred) {
            let m = meet(ctx, self.ty(r), t);
            if m != self.ty(r) {
                self.body.set_value_type(r, m);
            }
        }
    }

    /// Whether a region op reads or carries a container (an operand, a result, or any value
    /// of an op nested in it).
    fn involves_containers(&self, op: Op) -> bool {
        let ctx = self.ctx;
        let mut stack = vec![op];
        while let Some(o) = stack.pop() {
            let b = &*self.body;
            if b.operands(o)
                .chain(b.results(o).iter().copied())
                .any(|v| is_container(ctx, b.value_type(v)))
            {
                return true;
            }
            for &r in b.regions(o) {
                for &blk in b.region_blocks(r) {
                    if b.block_args(blk)
                        .iter()
                        .any(|&v| is_container(ctx, b.value_type(v)))
                    {
                        return true;
                    }
                    stack.extend(b.block_ops(blk));
                }
            }
        }
        false
    }

    fn concat_from_sequence(&mut self, op: Op, ops: &[Value]) -> Result<Next, Diagnostic> {
        let ctx = self.ctx;
        let s = self.seq(op, ops[0])?;
        if s.is_empty() {
            return Err(err(
                self.body,
                op,
                ctx,
                "cannot concatenate an empty sequence",
            ));
        }
        let props = self.body.op(op).props;
        let a = strata_dialect_graph::attr::Attrs::new(ctx, props);
        let (axis, new_axis) = match (a.i64_req("axis"), a.i64("new_axis", 0)) {
            (Ok(x), Ok(n)) => (x, n == 1),
            _ => return Err(err(self.body, op, ctx, "bad 'axis' or 'new_axis'")),
        };
        let mut parts = Vec::new();
        for &t in &s {
            if new_axis {
                let ax = strata_dialect_graph::attr::i64_array_attr(ctx, &[axis]);
                parts.push(self.build(op, "graph.unsqueeze", &[t], &[("axes", ax)])?[0]);
            } else {
                parts.push(t);
            }
        }
        let v = if parts.len() == 1 {
            parts[0]
        } else {
            let ax = strata_dialect_graph::attr::i64_attr(ctx, axis);
            self.build(op, "graph.concat", &parts, &[("axis", ax)])?[0]
        };
        Ok(self.replace(op, v))
    }

    fn split_to_sequence(&mut self, op: Op, ops: &[Value]) -> Result<Next, Diagnostic> {
        let ctx = self.ctx;
        let x = ops[0];
        let Some((shape, _)) = ranked(ctx, self.ty(x)) else {
            return Err(err(
                self.body,
                op,
                ctx,
                "the operand must be a ranked tensor",
            ));
        };
        let shape = shape.to_vec();
        let a = strata_dialect_graph::attr::Attrs::new(ctx, self.body.op(op).props);
        let (Ok(axis), Ok(keepdims)) = (a.i64("axis", 0), a.i64("keepdims", 1)) else {
            return Err(err(self.body, op, ctx, "bad 'axis' or 'keepdims'"));
        };
        let r = shape.len() as i64;
        if r == 0 || !(-r..r).contains(&axis) {
            return Err(err(self.body, op, ctx, "axis out of range"));
        }
        let ax = if axis < 0 { axis + r } else { axis } as usize;
        let dim = shape[ax];
        if dim < 0 {
            return Err(err(
                self.body,
                op,
                ctx,
                "the split dimension is not static (the sequence length would depend on data)",
            ));
        }
        let lengths: Vec<i64> = match ops.get(1) {
            None => vec![1; dim as usize],
            Some(&sv) => {
                let scalar = ranked(ctx, self.ty(sv)).is_some_and(|(s, _)| s.is_empty());
                let Some(v) = self.const_ints(sv) else {
                    return Err(err(
                        self.body,
                        op,
                        ctx,
                        "the split is not a constant (the sequence length would depend on data)",
                    ));
                };
                if scalar {
                    let l = v.first().copied().unwrap_or(0);
                    if l <= 0 {
                        return Err(err(self.body, op, ctx, "the split length must be positive"));
                    }
                    let mut out = vec![l; (dim / l) as usize];
                    if dim % l > 0 {
                        out.push(dim % l);
                    }
                    out
                } else {
                    if v.iter().any(|&l| l < 0) || v.iter().sum::<i64>() != dim {
                        return Err(err(
                            self.body,
                            op,
                            ctx,
                            format_args!(
                                "split lengths {v:?} must be non-negative and sum to {dim}"
                            ),
                        ));
                    }
                    v
                }
            }
        };
        if lengths.len() as i64 > MAX_UNROLL {
            return Err(err(self.body, op, ctx, "more than 4096 pieces"));
        }
        let squeeze = ops.len() == 1 && keepdims == 0;
        let pieces = if lengths.is_empty() {
            Vec::new()
        } else {
            let sp = strata_dialect_graph::attr::i64_array_attr(ctx, &lengths);
            let ax_attr = strata_dialect_graph::attr::i64_attr(ctx, ax as i64);
            self.build(op, "graph.split", &[x], &[("axis", ax_attr), ("split", sp)])?
        };
        let mut out = Vec::new();
        for p in pieces {
            if squeeze {
                let axes = strata_dialect_graph::attr::i64_array_attr(ctx, &[ax as i64]);
                out.push(self.build(op, "graph.squeeze", &[p], &[("axes", axes)])?[0]);
            } else {
                out.push(p);
            }
        }
        Ok(self.fold_to(op, Cv::Seq(out)))
    }
}

fn loc(body: &Body, op: Op) -> Location {
    body.op(op).loc
}

/// The more static of two compatible types: ranked tensors of one rank and element type
/// keep every dimension that either knows; an unranked tensor gives way to a ranked one.
pub fn meet(ctx: &Context, declared: Type, inferred: Type) -> Type {
    if declared == inferred {
        return declared;
    }
    match (ctx.type_kind(declared), ctx.type_kind(inferred)) {
        (
            TypeKind::RankedTensor {
                shape: a, elem: ea, ..
            },
            TypeKind::RankedTensor {
                shape: b, elem: eb, ..
            },
        ) if ea == eb && a.len() == b.len() => {
            let dims: Vec<i64> = a
                .iter()
                .zip(b.iter())
                .map(|(&x, &y)| if x >= 0 { x } else { y })
                .collect();
            ctx.tensor_type(&dims, *ea)
        }
        (TypeKind::UnrankedTensor(ea), TypeKind::RankedTensor { elem: eb, .. }) if ea == eb => {
            inferred
        }
        _ => declared,
    }
}

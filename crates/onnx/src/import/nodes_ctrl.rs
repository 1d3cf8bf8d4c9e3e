//! Control flow with subgraphs (`If`, `Loop`, `Scan`, `SequenceMap`) lowered to the graph
//! dialect's region ops, and the sequence and optional operators.
//!
//! A subgraph becomes the single block of a region of the op ([`Lowerer::lower_body`]):
//! its inputs are bound to the block arguments (or, for `SequenceMap`, to the elements
//! taken from the sequences), its nodes lower with the same dispatcher as the main graph,
//! and its outputs become the operands of `graph.yield`. A subgraph may name any value of
//! the graphs around it; the scope of names is the enclosing one, extended by the
//! subgraph's inputs, initializers and node outputs, and restored afterwards, so that a
//! value defined in a region is never used outside it (the regions are not isolated from
//! above, so outer values are plain dominating SSA values). Nesting is bounded by the
//! importer's subgraph depth limit, checked on the wire format before decoding.
//!
//! `Loop`'s optional inputs become explicit: an absent trip count is `i64::MAX`, an absent
//! condition `true`. `SequenceMap` is its ONNX function body: a `graph.loop` over the
//! length of the first sequence, taking element `i` of every sequence input and inserting
//! each body output into an output sequence.

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::{ImportError, Result};
use crate::proto::GraphProto;
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_dialect_graph::container::{
    is_tensor, join_value, seq_elem, seq_type, value_types_compatible,
};
use strata_dialect_graph::dense::Values;
use strata_dialect_graph::shape::DYN;
use strata_dialect_graph::util::ranked;
use strata_ir::{Attribute, Block, OpBuilder, OperationState, Region, Type, TypeKind, Value};

/// The operators of this module and their first supported opset.
pub(crate) const CTRL: &[(&str, i64)] = &[
    ("If", 1),
    ("Loop", 1),
    ("Scan", 9),
    ("SequenceMap", 17),
    ("SequenceEmpty", 11),
    ("SequenceConstruct", 11),
    ("SequenceInsert", 11),
    ("SequenceAt", 11),
    ("SequenceErase", 11),
    ("SequenceLength", 11),
    ("ConcatFromSequence", 11),
    ("SplitToSequence", 11),
    ("Optional", 15),
    ("OptionalGetElement", 15),
    ("OptionalHasElement", 15),
];

/// Inputs of `op` that are not required to be constants but, bound to known values
/// (`ImportOptions::constant_inputs`), let the unrolling fallback apply: a `Loop`'s trip
/// count and condition; a `Compress` condition (the result size then folds to a static
/// one); the positions and split of the sequence ops (the sequence's structure then is
/// static, so `specialise-containers` compiles it).
pub(crate) fn preferred_constants(op: &str) -> &'static [usize] {
    match op {
        "Loop" => &[0, 1],
        "Compress" => &[1],
        "SequenceInsert" => &[2],
        "SequenceAt" | "SequenceErase" | "SplitToSequence" => &[1],
        _ => &[],
    }
}

/// The outer-scope names the branches of `If` node `n` read (empty for other nodes): the
/// names used by the nodes of its subgraphs, at any depth, that no subgraph defines. An
/// `If` whose condition folds at import is inlined (its taken branch lowered in place), so
/// its outputs fold when these are known: [`required_constant_inputs`] follows them as it
/// follows node inputs. Walked with an explicit stack; nesting is bounded at decoding.
///
/// [`required_constant_inputs`]: crate::required_constant_inputs
pub(crate) fn outer_names(n: &crate::proto::NodeProto) -> Vec<&str> {
    if n.op_type != "If" || !n.domain.is_empty() {
        return Vec::new();
    }
    let mut graphs: Vec<&GraphProto> = n
        .attribute
        .iter()
        .flat_map(|a| a.g.iter().chain(&a.graphs))
        .collect();
    let mut defined = std::collections::BTreeSet::new();
    let mut used = Vec::new();
    while let Some(g) = graphs.pop() {
        defined.extend(g.input.iter().map(|vi| vi.name.as_str()));
        defined.extend(g.initializer.iter().map(|t| t.name.as_str()));
        for node in &g.node {
            defined.extend(node.output.iter().map(String::as_str));
            used.extend(node.input.iter().map(String::as_str));
            graphs.extend(
                node.attribute
                    .iter()
                    .flat_map(|a| a.g.iter().chain(&a.graphs)),
            );
        }
        // A subgraph output may name an outer value directly.
        used.extend(g.output.iter().map(|vi| vi.name.as_str()));
    }
    used.retain(|u| !u.is_empty() && !defined.contains(u));
    used
}

/// Whether `op` is lowered here.
pub(crate) fn handles(op: &str) -> bool {
    CTRL.iter().any(|(o, _)| *o == op)
}

/// Whether input 0 of `n` is a sequence or an optional (for `Identity`).
pub(crate) fn container_input(lw: &Lowerer<'_>, n: &N<'_>) -> bool {
    n.input_name(0)
        .and_then(|name| lw.values.get(name))
        .is_some_and(|&v| !is_tensor(lw.ctx, lw.body.value_type(v)))
}

/// `Identity` of a sequence or optional: the same value.
pub(crate) fn identity(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let v = lw.inp(n, 0)?;
    lw.bind(n, &[v])
}

/// Lower node `n` (one of [`CTRL`]).
///
/// `If`, `Loop` and `Scan` whose region form is `Unsupported` (a body needing an import-time
/// constant that depends on the iteration, a carried value whose shape changes) fall back
/// to inlining/unrolling when their decisions are known at import (`nodes_loop`,
/// `nodes_scan`); when that fails too, the region form's error is reported. `Scan` before
/// opset 9 (the batched form) is always unrolled.
pub(crate) fn lower(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let with_fallback =
        |lw: &mut Lowerer<'_>,
         first: fn(&mut Lowerer<'_>, &N<'_>) -> Result<()>,
         second: fn(&mut Lowerer<'_>, &N<'_>) -> Result<()>| {
            match first(lw, n) {
                Err(e @ ImportError::Unsupported(_)) => second(lw, n).map_err(|_| e),
                r => r,
            }
        };
    match n.node.op_type.as_str() {
        "If" => with_fallback(lw, lower_if, super::nodes_loop::lower_control),
        "Loop" => with_fallback(lw, lower_loop, super::nodes_loop::lower_control),
        "Scan" if n.opset < 9 => super::nodes_scan::lower_scan(lw, n),
        "Scan" => with_fallback(lw, lower_scan, super::nodes_scan::lower_scan),
        "SequenceMap" => lower_sequence_map(lw, n),
        _ => super::nodes_seq::lower(lw, n),
    }
}

fn graph_attr<'n>(n: &N<'n>, name: &str) -> Result<&'n GraphProto> {
    n.attrs
        .get(name)
        .and_then(|a| a.g.as_ref())
        .ok_or_else(|| n.invalid(format!("missing graph attribute '{name}'")))
}

/// The declared type of subgraph input `i`, if it has a usable one.
fn declared(lw: &Lowerer<'_>, g: &GraphProto, i: usize) -> Option<Type> {
    let vi = g.input.get(i)?;
    let tp = vi.r#type.as_ref()?;
    let at = format!("subgraph input '{}'", vi.name);
    if tp.tensor_type.as_ref().is_some_and(|t| t.shape.is_none()) {
        return None;
    }
    super::ctrl_types::type_of(lw.ctx, tp, &lw.limits, &at)
        .ok()
        .flatten()
}

/// The type of a body argument: the subgraph's declaration when it is compatible with the
/// value flowing in, else that value's type.
fn arg_type(lw: &Lowerer<'_>, g: &GraphProto, i: usize, flowing: Type) -> Type {
    match declared(lw, g, i) {
        Some(d) if value_types_compatible(lw.ctx, d, flowing) => d,
        _ => flowing,
    }
}

impl Lowerer<'_> {
    /// Lower subgraph `g` at the end of the current block with its inputs bound to
    /// `inputs`; returns the values of its outputs. The scope of names is restored after.
    pub(crate) fn lower_body(
        &mut self,
        n: &N<'_>,
        g: &GraphProto,
        inputs: &[Value],
    ) -> Result<Vec<Value>> {
        if g.input.len() != inputs.len() {
            return Err(n.invalid(format!(
                "subgraph '{}' has {} inputs, expected {}",
                g.name,
                g.input.len(),
                inputs.len()
            )));
        }
        if g.node.len() as u64 > self.limits.max_nodes {
            return Err(ImportError::limit("number of nodes", self.limits.max_nodes));
        }
        let saved_values = self.values.clone();
        let saved_consts = self.consts.clone();
        let r = self.lower_body_in_scope(n, g, inputs);
        self.values = saved_values;
        self.consts = saved_consts;
        r
    }

    fn lower_body_in_scope(
        &mut self,
        n: &N<'_>,
        g: &GraphProto,
        inputs: &[Value],
    ) -> Result<Vec<Value>> {
        for (vi, &v) in g.input.iter().zip(inputs) {
            self.consts.remove(&vi.name);
            self.values.insert(vi.name.clone(), v);
        }
        let mut ext = crate::external::ExternalLoader::new(None, 0);
        for init in &g.initializer {
            let at = format!("initializer '{}' of subgraph '{}'", init.name, g.name);
            let c = crate::tensor::ConstTensor::from_proto(
                self.ctx,
                init,
                &self.limits,
                &mut ext,
                &at,
            )?;
            self.values.remove(&init.name);
            self.consts.insert(init.name.clone(), c);
        }
        // Topological order over the subgraph's own definitions; other names are outer.
        let mut def: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, node) in g.node.iter().enumerate() {
            for o in node.output.iter().filter(|o| !o.is_empty()) {
                if def.insert(o, i).is_some() {
                    return Err(n.invalid(format!(
                        "value '{o}' is defined twice in subgraph '{}'",
                        g.name
                    )));
                }
            }
        }
        let count = g.node.len();
        let mut indeg = vec![0usize; count];
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (i, node) in g.node.iter().enumerate() {
            for inp in node.input.iter().filter(|s| !s.is_empty()) {
                match def.get(inp.as_str()) {
                    Some(&p) => {
                        indeg[i] += 1;
                        users[p].push(i);
                    }
                    None if self.values.contains_key(inp) || self.consts.contains_key(inp) => {}
                    None => {
                        return Err(n.invalid(format!(
                            "input '{inp}' of a node of subgraph '{}' is not defined",
                            g.name
                        )))
                    }
                }
            }
        }
        let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<usize>> = (0..count)
            .filter(|&i| indeg[i] == 0)
            .map(std::cmp::Reverse)
            .collect();
        let mut line = 0u32;
        while let Some(std::cmp::Reverse(i)) = ready.pop() {
            line += 1;
            super::nodes_basic::lower_node(self, &g.node[i], line)?;
            for &u in &users[i] {
                indeg[u] -= 1;
                if indeg[u] == 0 {
                    ready.push(std::cmp::Reverse(u));
                }
            }
        }
        if line as usize != count {
            return Err(n.invalid(format!("subgraph '{}' has a cycle", g.name)));
        }
        g.output
            .iter()
            .map(|o| self.operand(&o.name, &format!("output of subgraph '{}'", g.name)))
            .collect()
    }

    /// Run `f` with the insertion point at the end of a new block of `region` taking
    /// arguments of `arg_types`; `f`'s values are yielded with `graph.yield`.
    fn in_region(
        &mut self,
        region: Region,
        arg_types: &[Type],
        loc: strata_ir::Location,
        f: impl FnOnce(&mut Self, &[Value]) -> Result<Vec<Value>>,
    ) -> Result<(Block, Vec<Type>)> {
        let block = self.body.create_block();
        self.body.append_block(region, block);
        let args: Vec<Value> = arg_types
            .iter()
            .map(|&t| self.body.add_block_arg(block, t))
            .collect();
        let outer = std::mem::replace(&mut self.block, block);
        let r = f(self, &args);
        self.block = outer;
        let vals = r?;
        let mut b = OpBuilder::at_end(self.ctx, self.body, block);
        b.loc = loc;
        b.build("graph.yield", &vals, &[], &[]);
        let tys = vals.iter().map(|&v| self.body.value_type(v)).collect();
        Ok((block, tys))
    }

    /// Create op `st` with `operands` and `results` at the end of the current block.
    fn finish(
        &mut self,
        mut st: OperationState,
        operands: &[Value],
        results: &[Type],
    ) -> Vec<Value> {
        st.operands = operands.to_vec();
        st.result_types = results.to_vec();
        let op = self.body.create_op(st);
        self.body.append_op(self.block, op);
        self.body.results(op).to_vec()
    }

    /// A scalar constant of `elem` (`i64` or `i1`) in the current block.
    fn scalar_const(&mut self, n: &N<'_>, elem: Type, v: i128) -> Result<Value> {
        let ty = self.ctx.tensor_type(&[], elem);
        let attr = strata_dialect_graph::dense::dense_attr(self.ctx, ty, &Values::Int(vec![v]))
            .ok_or_else(|| n.invalid("cannot build a constant"))?;
        let mut b = OpBuilder::at_end(self.ctx, self.body, self.block);
        b.loc = n.loc;
        strata_dialect_graph::materialize_constant(&mut b, attr, ty)
            .ok_or_else(|| n.invalid("cannot build a constant"))
    }
}

/// Create region op `st` from what building its regions gave (`operands`, result types)
/// and bind the node's outputs; on an error, erase the blocks of its regions instead (the
/// op will not be created after all), so that no op outside the function's region tree
/// keeps uses of outer values.
fn conclude(
    lw: &mut Lowerer<'_>,
    n: &N<'_>,
    st: OperationState,
    built: Result<(Vec<Value>, Vec<Type>)>,
) -> Result<()> {
    match built {
        Ok((operands, results)) => {
            let r = lw.finish(st, &operands, &results);
            lw.bind(n, &r)
        }
        Err(e) => {
            for &r in &st.regions {
                for b in lw.body.region_blocks(r).to_vec() {
                    lw.body.erase_block(b);
                }
            }
            Err(e)
        }
    }
}

/// `If`: a `graph.if` with the two branches as regions; when the condition folds to a
/// constant at import (a graph input bound with `ImportOptions::constant_inputs`, or one
/// computed from static shapes, as function expansions test a rank), only the taken branch
/// is lowered, in place, so that the values it computes fold for the nodes that need
/// constants (`ConstantOfShape`, `Expand`, `Reshape`, ...).
fn lower_if(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let cond = lw.inp(n, 0)?;
    let (then_g, else_g) = (graph_attr(n, "then_branch")?, graph_attr(n, "else_branch")?);
    let known = n
        .input_name(0)
        .map(str::to_string)
        .and_then(|name| lw.constant_or_fold(&name))
        .filter(|c| c.numel() == 1 && c.dtype == crate::proto::data_type::BOOL)
        .and_then(|c| c.int_at(0));
    if let Some(c) = known {
        let taken = if c != 0 { then_g } else { else_g };
        let outs = lw.lower_body(n, taken, &[])?;
        return lw.bind(n, &outs);
    }
    let mut st = OperationState::new(lw.ctx, lw.ctx.op_name("graph.if"), n.loc);
    let built = (|| -> Result<(Vec<Value>, Vec<Type>)> {
        let r_then = st.add_region(lw.body);
        let r_else = st.add_region(lw.body);
        let (_, then_t) =
            lw.in_region(r_then, &[], n.loc, |lw, _| lw.lower_body(n, then_g, &[]))?;
        let (_, else_t) =
            lw.in_region(r_else, &[], n.loc, |lw, _| lw.lower_body(n, else_g, &[]))?;
        if then_t.len() != else_t.len() {
            return Err(n.invalid(format!(
                "the branches have {} and {} outputs",
                then_t.len(),
                else_t.len()
            )));
        }
        let results = then_t
            .iter()
            .zip(&else_t)
            .map(|(&a, &b)| join_value(lw.ctx, a, b))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| n.unsupported(&format!("branch outputs of different types: {e}")))?;
        Ok((vec![cond], results))
    })();
    conclude(lw, n, st, built)
}

fn lower_loop(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let ctx = lw.ctx;
    let g = graph_attr(n, "body")?;
    let i64t = ctx.int_type(64);
    let m = match lw.opt_inp(n, 0)? {
        Some(v) => v,
        None => lw.scalar_const(n, i64t, i64::MAX as i128)?,
    };
    let cond = match lw.opt_inp(n, 1)? {
        Some(v) => v,
        None => lw.scalar_const(n, ctx.i1(), 1)?,
    };
    let mut carried = Vec::new();
    for i in 2..n.node.input.len() {
        carried.push(lw.inp(n, i)?);
    }
    let nc = carried.len();
    let mut arg_types = vec![ctx.tensor_type(&[], i64t), ctx.tensor_type(&[], ctx.i1())];
    for (j, &v) in carried.iter().enumerate() {
        let t = lw.body.value_type(v);
        arg_types.push(arg_type(lw, g, 2 + j, t));
    }
    let mut st = OperationState::new(ctx, ctx.op_name("graph.loop"), n.loc);
    let built = (|| -> Result<(Vec<Value>, Vec<Type>)> {
        let region = st.add_region(lw.body);
        let (_, yields) = lw.in_region(region, &arg_types, n.loc, |lw, args| {
            lw.lower_body(n, g, args)
        })?;
        if yields.len() < 1 + nc {
            return Err(n.invalid(format!(
                "the body has {} outputs, expected at least {}",
                yields.len(),
                1 + nc
            )));
        }
        let mut results: Vec<Type> = arg_types[2..].to_vec();
        for j in 0..nc {
            if !value_types_compatible(ctx, yields[1 + j], arg_types[2 + j]) {
                return Err(
                    n.unsupported("a loop-carried value whose type changes across iterations")
                );
            }
        }
        for &y in &yields[1 + nc..] {
            let Some((s, e)) = ranked(ctx, y) else {
                return Err(n.unsupported("a scan output of unranked or non-tensor type"));
            };
            let mut d = vec![DYN];
            d.extend_from_slice(s);
            results.push(ctx.tensor_type(&d, e));
        }
        let mut operands = vec![m, cond];
        operands.extend(carried);
        Ok((operands, results))
    })();
    conclude(lw, n, st, built)
}

fn lower_scan(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let ctx = lw.ctx;
    let g = graph_attr(n, "body")?;
    let m = n
        .attrs
        .int("num_scan_inputs")?
        .ok_or_else(|| n.invalid("missing attribute 'num_scan_inputs'"))?;
    let mut ins = Vec::new();
    for i in 0..n.node.input.len() {
        ins.push(lw.inp(n, i)?);
    }
    let m = usize::try_from(m)
        .ok()
        .filter(|&m| m >= 1 && m <= ins.len())
        .ok_or_else(|| n.invalid(format!("'num_scan_inputs' {m} is out of range")))?;
    let ns = ins.len() - m;
    let list = |name: &str| n.attrs.ints(name);
    let in_axes = list("scan_input_axes")?.unwrap_or_else(|| vec![0; m]);
    if in_axes.len() != m {
        return Err(n.invalid("'scan_input_axes' must have one value per scan input"));
    }
    let mut arg_types = Vec::new();
    let mut iters: Option<i64> = None;
    for (i, &v) in ins.iter().enumerate() {
        let t = lw.body.value_type(v);
        if i < ns {
            arg_types.push(arg_type(lw, g, i, t));
            continue;
        }
        let Some((s, e)) = ranked(ctx, t) else {
            return Err(n.invalid("scan inputs must be ranked tensors"));
        };
        let ax = strata_dialect_graph::shape::normalize_axis(in_axes[i - ns], s.len())
            .map_err(|e| n.invalid(e))?;
        let mut d = s.to_vec();
        iters = Some(d.remove(ax));
        arg_types.push(arg_type(lw, g, i, ctx.tensor_type(&d, e)));
    }
    let mut st = OperationState::new(ctx, ctx.op_name("graph.scan"), n.loc);
    let built = (|| -> Result<(Vec<Value>, Vec<Type>)> {
        let region = st.add_region(lw.body);
        let (_, yields) = lw.in_region(region, &arg_types, n.loc, |lw, args| {
            lw.lower_body(n, g, args)
        })?;
        if yields.len() < ns {
            return Err(n.invalid("the body has fewer outputs than state values"));
        }
        let k = yields.len() - ns;
        let out_axes = list("scan_output_axes")?.unwrap_or_else(|| vec![0; k]);
        if out_axes.len() != k {
            return Err(n.invalid("'scan_output_axes' must have one value per scan output"));
        }
        let mut results: Vec<Type> = arg_types[..ns].to_vec();
        for (j, &y) in yields[ns..].iter().enumerate() {
            let Some((s, e)) = ranked(ctx, y) else {
                return Err(n.unsupported("a scan output of unranked or non-tensor type"));
            };
            let ax = strata_dialect_graph::shape::normalize_axis(out_axes[j], s.len() + 1)
                .map_err(|e| n.invalid(e))?;
            let mut d = s.to_vec();
            d.insert(ax, iters.unwrap_or(DYN));
            results.push(ctx.tensor_type(&d, e));
        }
        let mut props: Vec<(&str, Attribute)> = vec![("num_scan_inputs", i64_attr(ctx, m as i64))];
        for name in [
            "scan_input_axes",
            "scan_input_directions",
            "scan_output_axes",
            "scan_output_directions",
        ] {
            if let Some(v) = list(name)? {
                props.push((name, i64_array_attr(ctx, &v)));
            }
        }
        st.props = Some(ctx.dict_attr(&props));
        Ok((ins, results))
    })();
    conclude(lw, n, st, built)
}

/// A sequence type whose elements have the rank of `t` (a tensor) and dynamic dimensions.
fn dyn_seq_of(lw: &Lowerer<'_>, t: Type) -> Option<Type> {
    let ctx = lw.ctx;
    let ty = match ctx.type_kind(t) {
        TypeKind::RankedTensor { shape, elem, .. } => {
            ctx.tensor_type(&vec![DYN; shape.len()], *elem)
        }
        TypeKind::UnrankedTensor(_) => t,
        _ => return None,
    };
    Some(seq_type(ctx, ty))
}

fn lower_sequence_map(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let ctx = lw.ctx;
    let g = graph_attr(n, "body")?;
    let mut ins = Vec::new();
    for i in 0..n.node.input.len() {
        ins.push(lw.inp(n, i)?);
    }
    if ins.is_empty() || seq_elem(ctx, lw.body.value_type(ins[0])).is_none() {
        return Err(n.invalid("input 0 must be a sequence"));
    }
    let len = lw.emit1(n, "graph.sequence_length", &[ins[0]], &[])?;
    let cond = lw.scalar_const(n, ctx.i1(), 1)?;
    let outs = g.output.len();
    let i64t = ctx.int_type(64);
    // Output sequences start empty; their element types are known once the body is
    // lowered, so the carried arguments get their types then (placeholder until).
    let placeholder = seq_type(ctx, ctx.ty(TypeKind::UnrankedTensor(ctx.f32())));
    let mut arg_types = vec![ctx.tensor_type(&[], i64t), ctx.tensor_type(&[], ctx.i1())];
    arg_types.extend(std::iter::repeat_n(placeholder, outs));
    let mut st = OperationState::new(ctx, ctx.op_name("graph.loop"), n.loc);
    let built = (|| -> Result<(Vec<Value>, Vec<Type>)> {
        let region = st.add_region(lw.body);
        let mut seq_types = Vec::new();
        lw.in_region(region, &arg_types, n.loc, |lw, args| {
            let mut elems = Vec::new();
            for &v in &ins {
                if seq_elem(lw.ctx, lw.body.value_type(v)).is_some() {
                    elems.push(lw.emit1(n, "graph.sequence_at", &[v, args[0]], &[])?);
                } else {
                    elems.push(v);
                }
            }
            let vals = lw.lower_body(n, g, &elems)?;
            let mut yields = vec![args[1]];
            for (j, &v) in vals.iter().enumerate() {
                let t = lw.body.value_type(v);
                let sty = dyn_seq_of(lw, t)
                    .ok_or_else(|| n.unsupported("a body output that is not a tensor"))?;
                lw.body.set_value_type(args[2 + j], sty);
                seq_types.push(sty);
                yields.push(lw.emit1(n, "graph.sequence_insert", &[args[2 + j], v], &[])?);
            }
            Ok(yields)
        })?;
        let mut operands = vec![len, cond];
        for &t in &seq_types {
            let mut b = OpBuilder::at_end(ctx, lw.body, lw.block);
            b.loc = n.loc;
            operands.push(b.build_value("graph.sequence_empty", &[], t, &[]));
        }
        Ok((operands, seq_types))
    })();
    conclude(lw, n, st, built)
}

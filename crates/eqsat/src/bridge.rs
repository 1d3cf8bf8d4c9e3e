//! The bridge between a block's pure dataflow and an e-graph, both ways.
//!
//! **Into the e-graph** ([`BlockGraph::build`]): the ops of one block are visited in order.
//! An op goes in when it is registered, pure, without regions or successors, has result type
//! inference, and inference on its operand types and properties gives exactly its declared
//! result types (so rebuilding it from the e-graph gives back the same types). Its operands
//! are the classes of earlier pure ops or [`Node::Leaf`]s (block arguments, results of the
//! other ops, values from outside); its properties become an attribute child; a multi-result
//! op becomes a tuple class with one [`Node::Get`] per result. Every other op stays in the
//! block untouched (an *anchor*). A pure value used by an anchor (directly or from inside an
//! anchor's regions) or by another block is a *root*.
//!
//! A leaf made from the result of the anchor at position `k` of the block gets level `k + 1`
//! (block arguments and outside values level 0); extraction only picks terms available as
//! early as the class itself ([`crate::extract`]), so every root can be rebuilt right before
//! the first anchor that uses it.
//!
//! **Back into the block** ([`BlockGraph::rebuild`]): the chosen terms of the roots are
//! planned children-first with an explicit stack (no recursion, whatever the depth; a cycle
//! is an error, not a hang), created before their anchors (roots used only outside the block
//! go before its terminator), the roots' uses are redirected, and the original pure ops are
//! erased. An op rebuilt for a class takes the location of the original ops of that class
//! (fused when several were merged), or of the class a rule created it from.

use crate::analysis::{eqsat_def, infer_types, result_count_for, GraphAnalysis};
use crate::extract::{dag_cost, CostModel, Extraction};
use crate::language::Node;
use egg::{EGraph, Id, Language};
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;
use strata_ir::{
    Block, Body, Context, InsertPoint, LocKind, Location, Op, OperationState, Traits, Type, Value,
    ValueDef,
};

/// Options of the bridge.
#[derive(Clone, Copy, Debug)]
pub struct BridgeOptions {
    /// Record explanations (slower; needed by [`crate::explain`]).
    pub explanations: bool,
    /// Largest number of elements the analysis folds (see [`GraphAnalysis::fold_limit`]).
    pub fold_limit: u64,
}

impl Default for BridgeOptions {
    fn default() -> Self {
        BridgeOptions {
            explanations: false,
            fold_limit: 1 << 20,
        }
    }
}

/// An op of the block that went into the e-graph.
#[derive(Clone, Debug)]
pub struct Original {
    /// The op.
    pub op: Op,
    /// Its class (the tuple class for multi-result ops).
    pub class: Id,
    /// Its node as added.
    pub node: Node,
    /// Its location.
    pub loc: Location,
}

/// A pure value used outside the e-graph.
#[derive(Clone, Copy, Debug)]
pub struct Root {
    /// The value.
    pub value: Value,
    /// Its class.
    pub class: Id,
    /// The first anchor using it (`None`: used only outside the block).
    pub anchor: Option<Op>,
    /// The anchor's position in the block (`usize::MAX` for `None`).
    pub position: usize,
}

/// One block's pure dataflow in an e-graph.
pub struct BlockGraph<'a> {
    /// The e-graph.
    pub egraph: EGraph<Node, GraphAnalysis<'a>>,
    /// The block.
    pub block: Block,
    /// The value of each [`Node::Leaf`].
    pub leaves: Vec<Value>,
    /// The level of each leaf.
    pub leaf_levels: Vec<u32>,
    /// The ops that went in, in block order.
    pub originals: Vec<Original>,
    /// The roots, in block order of their values.
    pub roots: Vec<Root>,
}

/// What a rebuild did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RebuildStats {
    /// Ops created.
    pub created: usize,
    /// Original ops erased.
    pub erased: usize,
    /// Created ops whose node is not an original op of their class (rewritten ops).
    pub rewritten: usize,
}

impl<'a> BlockGraph<'a> {
    /// Put the pure dataflow of `block` (in `body`) into a fresh e-graph.
    pub fn build(ctx: &'a Context, body: &Body, block: Block, opts: &BridgeOptions) -> Self {
        let mut analysis = GraphAnalysis::new(ctx);
        analysis.fold_limit = opts.fold_limit;
        let mut egraph = EGraph::new(analysis);
        if opts.explanations {
            egraph = egraph.with_explanations_enabled();
        }
        let mut g = BlockGraph {
            egraph,
            block,
            leaves: Vec::new(),
            leaf_levels: Vec::new(),
            originals: Vec::new(),
            roots: Vec::new(),
        };
        let mut value_class: FxHashMap<Value, Id> = FxHashMap::default();
        let positions: FxHashMap<Op, usize> = body
            .block_ops(block)
            .enumerate()
            .map(|(p, op)| (op, p))
            .collect();
        let mut pure: FxHashSet<Op> = FxHashSet::default();
        let mut pure_order: Vec<Op> = Vec::new();
        for (p, op) in body.block_ops(block).enumerate() {
            // An op using a value defined after it (graph regions allow that) stays in place.
            let forward = body.operands(op).any(|v| match body.value_def(v) {
                ValueDef::Result(d, _) => positions.get(&d).is_some_and(|&q| q >= p),
                ValueDef::BlockArg(..) => false,
            });
            if !forward && g.try_add(ctx, body, op, &positions, &mut value_class) {
                pure.insert(op);
                pure_order.push(op);
            }
        }
        for &op in &pure_order {
            for &v in body.results(op) {
                let mut first: Option<(usize, Option<Op>)> = None;
                for u in body.uses(v) {
                    if pure.contains(&u.op) {
                        continue;
                    }
                    let (pos, anchor) = match body.ancestor_in_block(block, u.op) {
                        Some(a) => (positions.get(&a).copied().unwrap_or(usize::MAX), Some(a)),
                        None => (usize::MAX, None),
                    };
                    if first.is_none_or(|(fp, _)| pos < fp) {
                        first = Some((pos, anchor));
                    }
                }
                if let (Some((position, anchor)), Some(&class)) = (first, value_class.get(&v)) {
                    g.roots.push(Root {
                        value: v,
                        class,
                        anchor,
                        position,
                    });
                }
            }
        }
        g.egraph.rebuild();
        g
    }

    fn leaf(
        &mut self,
        body: &Body,
        v: Value,
        positions: &FxHashMap<Op, usize>,
        value_class: &mut FxHashMap<Value, Id>,
    ) -> Id {
        if let Some(&id) = value_class.get(&v) {
            return id;
        }
        let level = match body.value_def(v) {
            ValueDef::Result(op, _) => positions
                .get(&op)
                .map_or(0, |&p| u32::try_from(p + 1).unwrap_or(u32::MAX)),
            ValueDef::BlockArg(..) => 0,
        };
        let i = self.leaves.len() as u32;
        self.leaves.push(v);
        self.leaf_levels.push(level);
        self.egraph.analysis.leaf_types.push(body.value_type(v));
        let id = self.egraph.add(Node::Leaf(i));
        value_class.insert(v, id);
        id
    }

    fn try_add(
        &mut self,
        ctx: &Context,
        body: &Body,
        op: Op,
        positions: &FxHashMap<Op, usize>,
        value_class: &mut FxHashMap<Value, Id>,
    ) -> bool {
        let name = body.name(op);
        let Some(def) = eqsat_def(ctx, name) else {
            return false;
        };
        if !body.regions(op).is_empty()
            || !body.successors(op).is_empty()
            || body.has_nested_slot(op)
            || body.results(op).is_empty()
        {
            return false;
        }
        let data = body.op(op);
        let tys: Vec<Type> = body.operands(op).map(|v| body.value_type(v)).collect();
        let results: Vec<Type> = body
            .results(op)
            .iter()
            .map(|&r| body.value_type(r))
            .collect();
        let nres = result_count_for(def, results.len());
        match infer_types(ctx, name, &tys, data.props, nres) {
            Some(t) if t.as_slice() == results.as_slice() => {}
            _ => return false,
        }
        let operands: Vec<Id> = body
            .operand_vec(op)
            .into_iter()
            .map(|v| self.leaf(body, v, positions, value_class))
            .collect();
        let props = self.egraph.add(Node::Attr(data.props));
        let node = Node::op_with_results(name, data.attrs, nres, &operands, props);
        let id = self.egraph.add(node.clone());
        self.originals.push(Original {
            op,
            class: id,
            node,
            loc: data.loc,
        });
        let rs = body.results(op);
        if rs.len() == 1 {
            value_class.insert(rs[0], id);
        } else {
            for (i, &r) in rs.iter().enumerate() {
                let g = self.egraph.add(Node::Get(i as u32, [id]));
                value_class.insert(r, g);
            }
        }
        true
    }

    /// The canonical root classes.
    pub fn root_classes(&self) -> Vec<Id> {
        self.roots
            .iter()
            .map(|r| self.egraph.find(r.class))
            .collect()
    }

    /// The original nodes of each canonical class (children canonicalised).
    pub fn original_nodes(&self) -> FxHashMap<Id, Vec<Node>> {
        let mut m: FxHashMap<Id, Vec<Node>> = FxHashMap::default();
        for o in &self.originals {
            let n = o.node.clone().map_children(|c| self.egraph.find(c));
            m.entry(self.egraph.find(o.class)).or_default().push(n);
        }
        m
    }

    /// The DAG cost of the input as it is (original ops, shared values counted once).
    pub fn input_cost(&self, cost: &dyn CostModel) -> f64 {
        let orig = self.original_nodes();
        let eg = &self.egraph;
        let choose = |c: Id| -> Option<Node> {
            orig.get(&c).and_then(|v| v.first().cloned()).or_else(|| {
                eg[c]
                    .nodes
                    .iter()
                    .find(|n| matches!(n, Node::Leaf(_) | Node::Attr(_) | Node::Get(..)))
                    .or(eg[c].nodes.first())
                    .cloned()
            })
        };
        dag_cost(eg, &choose, &self.root_classes(), cost)
    }

    /// The DAG cost of an extraction's terms for the roots.
    pub fn extracted_cost(&self, ex: &Extraction, cost: &dyn CostModel) -> f64 {
        dag_cost(
            &self.egraph,
            &|c| ex.node(c).cloned(),
            &self.root_classes(),
            cost,
        )
    }

    /// The location for ops rebuilt in each class: the original ops' (fused when several),
    /// or those of the class a rule created it from.
    pub fn class_locations(&self, ctx: &Context) -> FxHashMap<Id, Location> {
        let eg = &self.egraph;
        let mut locs: FxHashMap<Id, Vec<Location>> = FxHashMap::default();
        for o in &self.originals {
            let v = locs.entry(eg.find(o.class)).or_default();
            if !v.contains(&o.loc) {
                v.push(o.loc);
            }
        }
        let mut out: FxHashMap<Id, Location> = FxHashMap::default();
        for (c, v) in &locs {
            let loc = if v.len() == 1 {
                v[0]
            } else {
                ctx.loc(LocKind::Fused {
                    locs: v.iter().map(|l| l.0).collect(),
                    metadata: None,
                })
            };
            out.insert(*c, loc);
        }
        let mut from: FxHashMap<Id, Id> = FxHashMap::default();
        for cr in &eg.analysis.created {
            from.entry(eg.find(cr.class)).or_insert(eg.find(cr.from));
        }
        let created: Vec<Id> = from.keys().copied().collect();
        for c in created {
            if out.contains_key(&c) {
                continue;
            }
            let mut cur = c;
            for _ in 0..64 {
                match from.get(&cur) {
                    Some(&f) if f != cur => {
                        if let Some(&l) = out.get(&f) {
                            out.insert(c, l);
                            break;
                        }
                        cur = f;
                    }
                    _ => break,
                }
            }
        }
        out
    }

    /// Rebuild the block from `ex` (see the [module docs](self)). Nothing is changed when
    /// planning fails.
    pub fn rebuild(
        &self,
        ctx: &Context,
        body: &mut Body,
        ex: &Extraction,
    ) -> Result<RebuildStats, String> {
        let eg = &self.egraph;
        let choice = |c: Id| ex.node(eg.find(c)).cloned();
        let mut m = Materializer::new(eg, &choice, &self.leaves);
        let mut roots: Vec<(usize, Root)> = self.roots.iter().copied().enumerate().collect();
        roots.sort_by_key(|(i, r)| (r.position, *i));
        // Plan everything before touching the body.
        let mut planned: FxHashSet<Id> = FxHashSet::default();
        let mut plan: Vec<(Option<Op>, Id)> = Vec::new();
        for (_, r) in &roots {
            let mut order = Vec::new();
            m.plan(r.class, &mut planned, &mut order)?;
            plan.extend(order.into_iter().map(|c| (r.anchor, c)));
        }
        let locs = self.class_locations(ctx);
        let orig = self.original_nodes();
        let end_ip = match body.last_op(self.block) {
            Some(last)
                if !self.originals.iter().any(|o| o.op == last)
                    && ctx
                        .op_def(body.name(last))
                        .is_none_or(|d| d.has(Traits::TERMINATOR)) =>
            {
                InsertPoint::Before(last)
            }
            _ => InsertPoint::End(self.block),
        };
        let mut stats = RebuildStats::default();
        let mut fallback = ctx.unknown_loc();
        for (anchor, c) in plan {
            let ip = anchor.map_or(end_ip, InsertPoint::Before);
            if let Some(&l) = locs.get(&c) {
                fallback = l;
            }
            let loc = locs.get(&c).copied().unwrap_or(fallback);
            if let Some(created) = m.create(ctx, body, ip, c, loc)? {
                stats.created += 1;
                let n = choice(c).unwrap_or(Node::Leaf(0));
                if !orig.get(&c).is_some_and(|v| v.contains(&n)) {
                    stats.rewritten += 1;
                }
                let _ = created;
            }
        }
        for (_, r) in &roots {
            let Some(new) = m.value(r.class) else {
                return Err(format!("root {} was not materialised", r.value));
            };
            body.replace_all_uses(r.value, new);
        }
        for o in self.originals.iter().rev() {
            body.erase_op(o.op);
            stats.erased += 1;
        }
        Ok(stats)
    }
}

/// Creates ops for chosen nodes, children first, memoising the values of each class.
pub struct Materializer<'e, 'a> {
    egraph: &'e EGraph<Node, GraphAnalysis<'a>>,
    choice: &'e dyn Fn(Id) -> Option<Node>,
    leaves: &'e [Value],
    memo: FxHashMap<Id, SmallVec<[Value; 1]>>,
}

impl<'e, 'a> Materializer<'e, 'a> {
    /// A materializer choosing nodes with `choice`, with `leaves` the values of the leaves.
    pub fn new(
        egraph: &'e EGraph<Node, GraphAnalysis<'a>>,
        choice: &'e dyn Fn(Id) -> Option<Node>,
        leaves: &'e [Value],
    ) -> Self {
        Materializer {
            egraph,
            choice,
            leaves,
            memo: FxHashMap::default(),
        }
    }

    /// Append to `order` the classes to create for `root`, children first, skipping those in
    /// `planned` (which it extends). Iterative; `Err` on a cycle or a class without a choice.
    pub fn plan(
        &self,
        root: Id,
        planned: &mut FxHashSet<Id>,
        order: &mut Vec<Id>,
    ) -> Result<(), String> {
        let eg = self.egraph;
        let mut stack: Vec<(Id, bool)> = vec![(eg.find(root), false)];
        let mut open: FxHashSet<Id> = FxHashSet::default();
        while let Some((c, done)) = stack.pop() {
            if done {
                open.remove(&c);
                if planned.insert(c) {
                    order.push(c);
                }
                continue;
            }
            if planned.contains(&c) || self.memo.contains_key(&c) {
                continue;
            }
            if !open.insert(c) {
                return Err(format!("the chosen terms have a cycle through e-class {c}"));
            }
            stack.push((c, true));
            let n = (self.choice)(c).ok_or_else(|| format!("no term chosen for e-class {c}"))?;
            for &ch in n.children().iter().rev() {
                stack.push((eg.find(ch), false));
            }
        }
        Ok(())
    }

    /// Create the op of class `c` (whose children exist) at `ip`; `Some(op)` when an op was
    /// created.
    pub fn create(
        &mut self,
        ctx: &Context,
        body: &mut Body,
        ip: InsertPoint,
        c: Id,
        loc: Location,
    ) -> Result<Option<Op>, String> {
        let eg = self.egraph;
        let c = eg.find(c);
        if self.memo.contains_key(&c) {
            return Ok(None);
        }
        let n = (self.choice)(c).ok_or_else(|| format!("no term chosen for e-class {c}"))?;
        let get = |memo: &FxHashMap<Id, SmallVec<[Value; 1]>>, x: Id, i: usize| {
            memo.get(&eg.find(x))
                .and_then(|v| v.get(i).copied())
                .ok_or_else(|| format!("e-class {x} is used before it is created"))
        };
        let (vals, op) = match &n {
            Node::Leaf(i) => (
                SmallVec::from_slice(&[*self
                    .leaves
                    .get(*i as usize)
                    .ok_or_else(|| format!("unknown leaf {i}"))?]),
                None,
            ),
            Node::Attr(_) => (SmallVec::new(), None),
            Node::Get(i, [t]) => (
                SmallVec::from_slice(&[get(&self.memo, *t, *i as usize)?]),
                None,
            ),
            Node::Op { name, attrs, .. } => {
                let operands = n
                    .operands()
                    .iter()
                    .map(|&x| get(&self.memo, x, 0))
                    .collect::<Result<Vec<_>, _>>()?;
                let props = n
                    .props()
                    .and_then(|p| eg[p].data.attr)
                    .ok_or("an op node without attributes")?;
                let types = eg[c]
                    .data
                    .types
                    .clone()
                    .ok_or_else(|| format!("e-class {c} has no type"))?;
                let mut st = OperationState::new(ctx, *name, loc);
                st.operands = operands;
                st.result_types = types.to_vec();
                st.props = Some(props);
                st.attrs = Some(*attrs);
                let op = body.create_op(st);
                body.insert_op(op, ip);
                (body.results(op).iter().copied().collect(), Some(op))
            }
        };
        self.memo.insert(c, vals);
        Ok(op)
    }

    /// The (first) value of a created class.
    pub fn value(&self, c: Id) -> Option<Value> {
        self.memo
            .get(&self.egraph.find(c))
            .and_then(|v| v.first().copied())
    }

    /// All values of a created class.
    pub fn values(&self, c: Id) -> Option<&[Value]> {
        self.memo.get(&self.egraph.find(c)).map(|v| v.as_slice())
    }
}

/// Check a chosen op node the way the verifier would check the op (counts, constraints,
/// required attributes, custom verifier), on a scratch copy; `Err` with the message.
pub fn verify_node(
    egraph: &EGraph<Node, GraphAnalysis<'_>>,
    class: Id,
    n: &Node,
) -> Result<(), String> {
    let Node::Op {
        name,
        attrs,
        results: nres,
        ..
    } = n
    else {
        return Ok(());
    };
    let ctx = egraph.analysis.ctx;
    let def = ctx.op_def(*name).ok_or("unregistered op")?;
    let props = n
        .props()
        .and_then(|p| egraph[p].data.attr)
        .ok_or("no attributes")?;
    let tys: Vec<Type> = n
        .operands()
        .iter()
        .map(|&c| egraph[c].data.ty().ok_or("operand without a type"))
        .collect::<Result<_, _>>()?;
    let results = egraph[class].data.types.clone().ok_or("no result types")?;
    if infer_types(ctx, *name, &tys, props, *nres).as_ref() != Some(&results) {
        return Err("inferred types differ".into());
    }
    let mut body = Body::new();
    let block = body.create_block();
    let args: Vec<Value> = tys.iter().map(|&t| body.add_block_arg(block, t)).collect();
    let mut st = OperationState::new(ctx, *name, ctx.unknown_loc());
    st.operands = args;
    st.result_types = results.to_vec();
    st.props = Some(props);
    st.attrs = Some(*attrs);
    let op = body.create_op(st);
    body.append_op(block, op);
    let r = strata_ir::OpRef::new(ctx, &body, op);
    if !def.operands.allows(tys.len()) || !def.results.allows(results.len()) {
        return Err(format!(
            "'{}' op has a wrong number of operands or results",
            def.name
        ));
    }
    for c in def.attrs {
        match r.attr(c.name) {
            None if c.required => {
                return Err(format!("'{}' op requires attribute '{}'", def.name, c.name))
            }
            Some(a) if !(c.check)(ctx, a) => {
                return Err(format!(
                    "'{}' op attribute '{}' failed to satisfy constraint",
                    def.name, c.name
                ))
            }
            _ => {}
        }
    }
    if let Some(tc) = def.operand_type {
        if !tys.iter().all(|&t| (tc.check)(ctx, t)) {
            return Err(format!("'{}' op operand type constraint", def.name));
        }
    }
    if let Some(tc) = def.result_type {
        if !results.iter().all(|&t| (tc.check)(ctx, t)) {
            return Err(format!("'{}' op result type constraint", def.name));
        }
    }
    if let Some(v) = def.verify {
        let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| v(r)));
        match out {
            Ok(Ok(())) => {}
            Ok(Err(d)) => return Err(d.message),
            Err(_) => return Err(format!("'{}' op verifier panicked", def.name)),
        }
    }
    Ok(())
}

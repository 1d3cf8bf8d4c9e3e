//! `inline`: replace calls by the bodies of their callees, driven by the op interfaces of
//! [`crate::interfaces`] (MLIR's `-inline` without its cost model and cleanup pipeline).
//!
//! Runs on a symbol table (`builtin.module`):
//!
//! 1. **Call graph.** Every op directly in the symbol table — and in every symbol table nested
//!    in it, at any depth — is a node; [`CallableOpInterface`] ops (`func.func`) can be called.
//!    Calls ([`CallOpInterface`] ops, `func.call`) anywhere inside a node (through nested
//!    isolated bodies) are its edges, resolved like the verifier resolves symbols: in the
//!    nearest symbol table, then outwards.
//! 2. **Order.** Strongly connected components are processed callees first (Tarjan), so a
//!    callee is already flattened when it is inlined.
//! 3. **Inlining.** Within a node, calls are inlined in IR order and the calls copied in from a
//!    callee are considered next. A call is inlined when its callee has a body, the call's
//!    [`InlinerInterface`] says [`is_legal_to_inline_call`] and the interfaces of all ops of
//!    the callee say [`is_legal_to_inline_op`] (ops of dialects without an interface, and
//!    unregistered ops, are never inlined), and the operand and result types match the
//!    callable's signature. Callees defined in another symbol table are only inlined when
//!    their body refers to no symbol (references could resolve differently at the call site).
//!    * A single-block callee is copied before the call; its return-like terminator is
//!      handed to [`InlinerInterface::handle_terminator`], which replaces the call's results.
//!    * A multi-block callee needs an unconditional branch op (`cf.br`): the caller's block is
//!      split after the call, the callee's blocks are copied in between, its entry block is
//!      merged into the caller's block and each return becomes a branch to the continuation
//!      block, whose arguments replace the call's results
//!      ([`InlinerInterface::handle_terminator_branch`]). Without `cf.br` (Strata has no `cf`
//!      dialect yet), or when the call sits in a single-block or graph region, the call is
//!      left alone with a remark.
//!    * Inlined ops get the location `callsite(<callee op loc> at <call loc>)` when the call's
//!      location is known.
//! 4. **Recursion.** Each call carries the chain of callees it was inlined through (starting
//!    with the function it is in). A call to a callee that already appears on its chain more
//!    than `recursion-limit` times is not inlined, so recursive functions are unrolled at most
//!    that many times (default 0: recursive calls are never inlined).
//! 5. **Cleanup.** The passes of `default-pipeline` (none by default; `mlir-opt`'s default is
//!    `canonicalize`) run on each callable of the module right after the calls in it were
//!    processed, so that callers inline simplified callees (callables of nested symbol tables
//!    are not cleaned up). With `remove-dead-callees` (default), private callables that
//!    nothing references (any more) are erased, as `symbol-dce` would and as MLIR's inliner
//!    does.
//!
//! Statistics: `num-inlined` (calls inlined), `num-dce'd` (dead callables erased).
//!
//! [`is_legal_to_inline_call`]: InlinerInterface::is_legal_to_inline_call
//! [`is_legal_to_inline_op`]: InlinerInterface::is_legal_to_inline_op

use crate::interfaces::{
    branch_op_available, call_interface, callable_interface, inliner_interface, CallOpInterface,
    CallableOpInterface, InlinerInterface,
};
use crate::util::{body_at, body_at_mut, has, is_symbol, op_symbol_refs, ops_under, traits};
use indexmap::IndexMap;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::collections::VecDeque;
use std::rc::Rc;
use strata_ir::walk::ops_in_body_preorder;
use strata_ir::{
    AttrKind, Attribute, Body, Context, Diagnostic, InsertPoint, IrMapping, LocKind, Location, Op,
    OpRef, Region, Traits, Value,
};
use strata_pass::{
    AnalysisManager, IrUnit, OptionKind, Pass, PassFailed, PassInfo, PassOptionInfo, PassOptions,
    PASSES,
};

/// Registration of `inline`.
#[linkme::distributed_slice(PASSES)]
pub static INLINE: PassInfo = PassInfo {
    name: "inline",
    summary: "Inline function calls",
    description: "Inlines calls (`CallOpInterface`) to callables (`CallableOpInterface`) with a \
                  body, callees first, when the dialects' `InlinerInterface`s allow it. \
                  Single-block callees are always inlinable; multi-block callees need a `cf.br` \
                  op (otherwise the call stays, with a remark). Recursive calls are unrolled at \
                  most `recursion-limit` times. The passes of `default-pipeline` run on each \
                  callable after its calls were processed. Dead private callables are erased \
                  afterwards unless `remove-dead-callees=false`.\n\n\
                  Statistics: `num-inlined` (calls inlined), `num-dce'd` (callables erased).",
    anchor: Some("builtin.module"),
    options: &[
        PassOptionInfo {
            name: "recursion-limit",
            description: "How many times a call may be inlined into a chain that already \
                          went through the same callee (0: never inline recursive calls)",
            default: "0",
            kind: OptionKind::UInt,
        },
        PassOptionInfo {
            name: "remove-dead-callees",
            description: "Erase private callables left without uses",
            default: "true",
            kind: OptionKind::Bool,
        },
        PassOptionInfo {
            name: "default-pipeline",
            description: "Passes run on each callable of the module after the calls in it \
                          were inlined (mlir-opt's default is `canonicalize`; empty: none)",
            default: "",
            kind: OptionKind::String,
        },
    ],
    create: |o| Ok(Box::new(Inline::from_options(o)?)),
};

/// Options of the inliner.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct InlineOptions {
    /// How often a callee may appear again on the inlining chain of a call.
    pub recursion_limit: u64,
    /// Erase private callables left unreferenced.
    pub remove_dead_callees: bool,
}

impl Default for InlineOptions {
    fn default() -> Self {
        InlineOptions {
            recursion_limit: 0,
            remove_dead_callees: true,
        }
    }
}

/// The `inline` pass.
pub struct Inline {
    opts: InlineOptions,
    text: PassOptions,
    /// The `default-pipeline` passes.
    cleanup: Vec<Box<dyn Pass>>,
}

impl Inline {
    /// The pass with parsed options; fails when `default-pipeline` is not a list of
    /// registered passes.
    pub fn from_options(o: &PassOptions) -> Result<Self, String> {
        let text = o.get_str("default-pipeline");
        let mut cleanup = Vec::new();
        if !text.trim().is_empty() {
            let pm = strata_pass::parse_pipeline(text, "func.func")
                .map_err(|e| format!("invalid default-pipeline '{text}': {}", e.message))?;
            if pm.anchor != "func.func" && pm.anchor != "any" {
                return Err(format!(
                    "default-pipeline '{text}' runs on '{}', not on the callables",
                    pm.anchor
                ));
            }
            for e in pm.elements {
                match e {
                    strata_pass::Element::Pass(p) => cleanup.push(p),
                    strata_pass::Element::Nested(_) => {
                        return Err(format!(
                            "default-pipeline '{text}' must be a list of passes, without \
                             nested pipelines"
                        ))
                    }
                }
            }
        }
        Ok(Inline {
            opts: InlineOptions {
                recursion_limit: o.get_u64("recursion-limit"),
                remove_dead_callees: o.get_bool("remove-dead-callees"),
            },
            text: o.clone(),
            cleanup,
        })
    }
}

impl Pass for Inline {
    fn info(&self) -> &'static PassInfo {
        &INLINE
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let ctx = unit.ctx;
        let hidden = unit.chain.is_none()
            || !is_symbol(ctx, unit.holder, unit.op)
            || crate::util::visibility(ctx, unit.holder, unit.op)
                == crate::util::Visibility::Private;
        let regions = unit.regions().to_vec();
        let owner = traits(ctx, unit.holder, unit.op);
        let cleanup = Cleanup {
            passes: &self.cleanup,
            holder: unit.holder,
            op: unit.op,
            chain: unit.chain,
        };
        let report = inline_calls(
            ctx,
            unit.body,
            &regions,
            owner,
            hidden,
            &self.opts,
            Some(&cleanup),
        );
        let failed = report.failed;
        for d in report.remarks {
            unit.emit(d);
        }
        unit.stat("num-inlined", report.inlined);
        unit.stat("num-dce'd", report.erased_callees);
        if failed {
            return Err(PassFailed);
        }
        if report.inlined == 0 && report.erased_callees == 0 && self.cleanup.is_empty() {
            am.preserve_all();
        }
        Ok(())
    }
    fn pipeline_text(&self) -> String {
        format!("inline{}", self.text.to_text(INLINE.options))
    }
}

/// What an inliner run did.
#[derive(Default, Debug)]
pub struct InlineReport {
    /// Calls inlined.
    pub inlined: u64,
    /// Dead callables erased.
    pub erased_callees: u64,
    /// Remarks about calls that could not be inlined, and the diagnostics of the cleanup
    /// passes.
    pub remarks: Vec<Diagnostic>,
    /// A cleanup pass failed.
    pub failed: bool,
}

/// The `default-pipeline` of the inliner and where the symbol table it runs on sits: the
/// passes run on each callable of the table after the calls in it were processed.
pub struct Cleanup<'a> {
    /// The passes, in order.
    pub passes: &'a [Box<dyn Pass>],
    /// The body holding the symbol table op.
    pub holder: &'a Body,
    /// The symbol table op.
    pub op: Op,
    /// The enclosing isolated ops of `holder` (see [`IrUnit::chain`]).
    pub chain: Option<&'a OpRef<'a>>,
}

/// Inline calls in the symbol table whose root regions are `regions` of `body` (its op has
/// traits `owner`; `hidden`: the table is not visible from outside, see
/// [`crate::symbol_dce`]).
pub fn inline_calls(
    ctx: &Context,
    body: &mut Body,
    regions: &[Region],
    owner: Traits,
    hidden: bool,
    opts: &InlineOptions,
    cleanup: Option<&Cleanup<'_>>,
) -> InlineReport {
    let mut graph = CallGraph::build(ctx, body, regions, owner);
    let sccs = graph.sccs();
    let mut inl = Inliner {
        ctx,
        opts,
        graph: &mut graph,
        snapshots: FxHashMap::default(),
        report: InlineReport::default(),
    };
    for scc in sccs {
        for n in scc {
            inl.process_node(body, n);
            if let Some(c) = cleanup.filter(|c| !c.passes.is_empty()) {
                inl.run_cleanup(body, n, c);
            }
            // The node's body changed: later callers must see the new one.
            inl.snapshots.remove(&n);
        }
    }
    let mut report = inl.report;
    if opts.remove_dead_callees {
        report.erased_callees =
            crate::symbol_dce::symbol_dce(ctx, body, regions, hidden, &|ctx, b, op| {
                callable_interface(ctx, b.name(op)).is_some()
            });
    }
    report
}

/// A symbol table of the call graph.
struct Table {
    /// Path from the root body to the body holding the table's region.
    path: Vec<Op>,
    /// The traits of the table op.
    owner: Traits,
    parent: Option<usize>,
    symbols: IndexMap<Vec<u8>, Op>,
}

/// A node: an op directly in a symbol table.
struct Node {
    table: usize,
    op: Op,
    callable: bool,
}

struct CallGraph {
    tables: Vec<Table>,
    table_by_path: FxHashMap<Vec<Op>, usize>,
    nodes: Vec<Node>,
    node_by_op: FxHashMap<(usize, Op), usize>,
    edges: Vec<Vec<usize>>,
}

impl CallGraph {
    fn build(ctx: &Context, root: &Body, regions: &[Region], owner: Traits) -> CallGraph {
        let mut g = CallGraph {
            tables: Vec::new(),
            table_by_path: FxHashMap::default(),
            nodes: Vec::new(),
            node_by_op: FxHashMap::default(),
            edges: Vec::new(),
        };
        g.add_table(ctx, root, Vec::new(), regions.to_vec(), owner, None);
        // Tables are discovered while walking nodes; nodes are appended as tables are added.
        let mut next_node = 0;
        let mut calls: Vec<Vec<(usize, Attribute)>> = Vec::new();
        while next_node < g.nodes.len() {
            let n = next_node;
            next_node += 1;
            let (t, op) = (g.nodes[n].table, g.nodes[n].op);
            let path = g.tables[t].path.clone();
            let mut found = Vec::new();
            // Walk the node's op tree, registering nested symbol tables and collecting calls.
            let mut stack: Vec<(Vec<Op>, Op)> = vec![(path, op)];
            while let Some((p, o)) = stack.pop() {
                let Some(b) = body_at(root, &p) else { continue };
                if let Some(ci) = call_interface(ctx, b.name(o)) {
                    if let Some(callee) = ci.callee(OpRef::new(ctx, b, o)) {
                        found.push((t, callee));
                    }
                }
                if b.nested(o).is_some() && has(ctx, b, o, Traits::SYMBOL_TABLE) {
                    let mut tp = p.clone();
                    tp.push(o);
                    g.add_table(
                        ctx,
                        root,
                        tp,
                        b.regions(o).to_vec(),
                        traits(ctx, b, o),
                        Some(t),
                    );
                    continue;
                }
                let (rb, rp) = match b.nested(o) {
                    Some(nb) => {
                        let mut q = p.clone();
                        q.push(o);
                        (nb, q)
                    }
                    None => (b, p.clone()),
                };
                let mut children = Vec::new();
                for &r in b.regions(o) {
                    for &blk in rb.region_blocks(r) {
                        children.extend(rb.block_ops(blk));
                    }
                }
                for c in children.into_iter().rev() {
                    stack.push((rp.clone(), c));
                }
            }
            calls.push(found);
        }
        g.edges = calls
            .iter()
            .map(|found| {
                let mut out = Vec::new();
                for &(t, callee) in found {
                    if let Some(n) = g.resolve(ctx, t, callee) {
                        if g.nodes[n].callable && !out.contains(&n) {
                            out.push(n);
                        }
                    }
                }
                out
            })
            .collect();
        g
    }

    /// Add the symbol table whose region is `regions` of the body at `path` (its op has
    /// traits `owner`), the tables nested directly in it, and their ops as nodes. Iterative.
    fn add_table(
        &mut self,
        ctx: &Context,
        root: &Body,
        path: Vec<Op>,
        regions: Vec<Region>,
        owner: Traits,
        parent: Option<usize>,
    ) {
        let mut work = vec![(path, regions, owner, parent)];
        while let Some((path, regions, owner, parent)) = work.pop() {
            if self.table_by_path.contains_key(&path) {
                continue;
            }
            let Some(b) = body_at(root, &path) else {
                continue;
            };
            let t = self.tables.len();
            let mut symbols = IndexMap::new();
            let ops = b.ops_in_regions(&regions);
            for &o in &ops {
                if let Some(name) = strata_ir::symbol_table::symbol_name(ctx, b, o) {
                    symbols.entry(name.to_vec()).or_insert(o);
                }
            }
            self.table_by_path.insert(path.clone(), t);
            self.tables.push(Table {
                path: path.clone(),
                owner,
                parent,
                symbols,
            });
            let mut children = Vec::new();
            for o in ops {
                if b.nested(o).is_some() && has(ctx, b, o, Traits::SYMBOL_TABLE) {
                    let mut tp = path.clone();
                    tp.push(o);
                    children.push((tp, b.regions(o).to_vec(), traits(ctx, b, o), Some(t)));
                } else {
                    let callable = callable_interface(ctx, b.name(o)).is_some();
                    self.node_by_op.insert((t, o), self.nodes.len());
                    self.nodes.push(Node {
                        table: t,
                        op: o,
                        callable,
                    });
                }
            }
            work.extend(children.into_iter().rev());
        }
    }

    /// The node `sym` refers to from table `t`.
    fn resolve(&self, ctx: &Context, t: usize, sym: Attribute) -> Option<usize> {
        let AttrKind::SymbolRef { root, nested } = ctx.attr_kind(sym) else {
            return None;
        };
        let mut scope = Some(t);
        while let Some(s) = scope {
            if let Some(&found) = self.tables[s].symbols.get(ctx.str(*root).as_bytes()) {
                let (mut cur_t, mut cur) = (s, found);
                for n in nested.iter() {
                    let mut p = self.tables[cur_t].path.clone();
                    p.push(cur);
                    let &child = self.table_by_path.get(&p)?;
                    cur = *self.tables[child].symbols.get(ctx.str(*n).as_bytes())?;
                    cur_t = child;
                }
                return self.node_by_op.get(&(cur_t, cur)).copied();
            }
            scope = self.tables[s].parent;
        }
        None
    }

    /// Strongly connected components, callees before callers (Tarjan, iterative); members
    /// of a component in discovery order.
    fn sccs(&self) -> Vec<Vec<usize>> {
        let n = self.nodes.len();
        const NONE: usize = usize::MAX;
        let mut index = vec![NONE; n];
        let mut low = vec![0usize; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut out = Vec::new();
        let mut counter = 0;
        for start in 0..n {
            if index[start] != NONE {
                continue;
            }
            let mut call: Vec<(usize, usize)> = vec![(start, 0)];
            index[start] = counter;
            low[start] = counter;
            counter += 1;
            stack.push(start);
            on_stack[start] = true;
            while let Some(&mut (v, ref mut i)) = call.last_mut() {
                if *i < self.edges[v].len() {
                    let w = self.edges[v][*i];
                    *i += 1;
                    if index[w] == NONE {
                        index[w] = counter;
                        low[w] = counter;
                        counter += 1;
                        stack.push(w);
                        on_stack[w] = true;
                        call.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                } else {
                    call.pop();
                    if let Some(&(u, _)) = call.last() {
                        low[u] = low[u].min(low[v]);
                    }
                    if low[v] == index[v] {
                        let mut scc = Vec::new();
                        while let Some(w) = stack.pop() {
                            on_stack[w] = false;
                            scc.push(w);
                            if w == v {
                                break;
                            }
                        }
                        scc.sort_unstable();
                        out.push(scc);
                    }
                }
            }
        }
        out
    }
}

/// A copy of a callee's body, with what the inliner needs to know about it.
struct Snapshot {
    body: Body,
    region: Region,
    /// Every op of the body has an inliner interface that allows inlining it.
    ops_legal: bool,
    /// Every block ends with a return-like terminator or (multi-block) a branch.
    well_formed: bool,
    /// The body holds symbol references.
    has_symbol_refs: bool,
    arg_types: Vec<strata_ir::Type>,
    result_types: Vec<strata_ir::Type>,
}

/// The chain of callees a call was inlined through.
type History = SmallVec<[usize; 4]>;

/// Which ops of a body to look for calls in.
enum Roots {
    /// An op of a symbol table and what is nested in it (same body).
    Op(Op),
    /// The root regions of a nested body.
    Regions(Vec<Region>),
}

struct Inliner<'a> {
    ctx: &'a Context,
    opts: &'a InlineOptions,
    graph: &'a mut CallGraph,
    snapshots: FxHashMap<usize, Rc<Snapshot>>,
    report: InlineReport,
}

/// What to do with one call.
enum Plan {
    Skip,
    Remark(String),
    Inline {
        callee: usize,
        snap: Rc<Snapshot>,
        args: SmallVec<[Value; 4]>,
    },
}

impl Inliner<'_> {
    /// Run the cleanup passes on callable node `n` if it has a body and sits in the root
    /// symbol table (nested tables have no chain of views to give the passes).
    fn run_cleanup(&mut self, root: &mut Body, n: usize, cleanup: &Cleanup<'_>) {
        let ctx = self.ctx;
        let node = &self.graph.nodes[n];
        if !node.callable || node.table != 0 || self.report.failed {
            return;
        }
        let op = node.op;
        let Some(mut fb) = root.take_nested(op) else {
            return;
        };
        {
            let holder: &Body = root;
            let table = OpRef {
                ctx,
                body: cleanup.holder,
                op: cleanup.op,
                parent: cleanup.chain,
                region_override: Some(holder),
            };
            let name = ctx.op_name_str(holder.name(op));
            for pass in cleanup.passes {
                if pass.info().anchor.is_some_and(|a| a != name) {
                    continue;
                }
                let mut unit = IrUnit::new(ctx, holder, op, &mut fb, Some(&table));
                let mut am = AnalysisManager::new();
                let ok = pass.run(&mut unit, &mut am).is_ok();
                self.report
                    .remarks
                    .extend(unit.diagnostics().iter().cloned());
                if !ok {
                    self.report.failed = true;
                    break;
                }
            }
        }
        root.put_nested(op, fb);
    }

    fn process_node(&mut self, root: &mut Body, n: usize) {
        let ctx = self.ctx;
        let (t, op, callable) = {
            let node = &self.graph.nodes[n];
            (node.table, node.op, node.callable)
        };
        let base: History = if callable {
            SmallVec::from_slice(&[n])
        } else {
            SmallVec::new()
        };
        let table_path = self.graph.tables[t].path.clone();
        let table_owner = self.graph.tables[t].owner;
        let mut jobs: Vec<(Vec<Op>, Roots, History, Traits)> =
            vec![(table_path, Roots::Op(op), base, table_owner)];
        while let Some((path, roots, hist, owner)) = jobs.pop() {
            let nested_hist = self.process_body(root, t, &path, &roots, &hist, owner);
            let Some(b) = body_at(root, &path) else {
                continue;
            };
            let ops = match &roots {
                Roots::Op(o) if !b.is_erased(*o) => ops_in_body_preorder(b, *o),
                Roots::Op(_) => Vec::new(),
                Roots::Regions(rs) => ops_under(b, rs),
            };
            for o in ops.into_iter().rev() {
                if b.nested(o).is_none() || has(ctx, b, o, Traits::SYMBOL_TABLE) {
                    continue;
                }
                let mut p = path.clone();
                p.push(o);
                let h = nested_hist.get(&o).cloned().unwrap_or_else(|| hist.clone());
                jobs.push((
                    p,
                    Roots::Regions(b.regions(o).to_vec()),
                    h,
                    traits(ctx, b, o),
                ));
            }
        }
    }

    /// Inline the calls of one body (not entering nested bodies). Returns the histories of
    /// the isolated ops copied in by inlining.
    fn process_body(
        &mut self,
        root: &mut Body,
        table: usize,
        path: &[Op],
        roots: &Roots,
        hist: &History,
        owner: Traits,
    ) -> FxHashMap<Op, History> {
        let ctx = self.ctx;
        let mut nested_hist = FxHashMap::default();
        let mut work: VecDeque<(Op, History)> = {
            let Some(b) = body_at(root, path) else {
                return nested_hist;
            };
            let ops = match roots {
                Roots::Op(o) => ops_in_body_preorder(b, *o),
                Roots::Regions(rs) => ops_under(b, rs),
            };
            ops.into_iter()
                .filter(|&o| call_interface(ctx, b.name(o)).is_some())
                .map(|o| (o, hist.clone()))
                .collect()
        };
        while let Some((call, h)) = work.pop_front() {
            let plan = {
                let Some(b) = body_at(root, path) else { break };
                if b.is_erased(call) || b.parent_block(call).is_none() {
                    continue;
                }
                self.plan(root, b, table, call, &h, owner)
            };
            let (callee, snap, args) = match plan {
                Plan::Skip => continue,
                Plan::Remark(msg) => {
                    if let Some(b) = body_at(root, path) {
                        self.report
                            .remarks
                            .push(Diagnostic::remark(b.op(call).loc, msg));
                    }
                    continue;
                }
                Plan::Inline { callee, snap, args } => (callee, snap, args),
            };
            let Some(b) = body_at_mut(root, path) else {
                break;
            };
            let new_ops = inline_one(ctx, b, call, &snap, &args);
            self.report.inlined += 1;
            let mut h2 = h.clone();
            h2.push(callee);
            for o in new_ops {
                for c in ops_in_body_preorder(b, o) {
                    if b.nested(c).is_some() {
                        nested_hist.insert(c, h2.clone());
                    }
                    if call_interface(ctx, b.name(c)).is_some() {
                        work.push_back((c, h2.clone()));
                    }
                }
            }
        }
        nested_hist
    }

    /// Decide what to do with `call` (in body `b`, resolved from table `table`).
    fn plan(
        &mut self,
        root: &Body,
        b: &Body,
        table: usize,
        call: Op,
        hist: &History,
        owner: Traits,
    ) -> Plan {
        let ctx = self.ctx;
        let Some(ci): Option<&dyn CallOpInterface> = call_interface(ctx, b.name(call)) else {
            return Plan::Skip;
        };
        let call_ref = OpRef::new(ctx, b, call);
        let Some(sym) = ci.callee(call_ref) else {
            return Plan::Skip;
        };
        let Some(callee) = self.graph.resolve(ctx, table, sym) else {
            return Plan::Skip;
        };
        let node = &self.graph.nodes[callee];
        if !node.callable {
            return Plan::Skip;
        }
        let occurrences = hist.iter().filter(|&&h| h == callee).count() as u64;
        if occurrences > self.opts.recursion_limit {
            return Plan::Skip;
        }
        let callee_table = node.table;
        let callee_op = node.op;
        let Some(cb) = body_at(root, &self.graph.tables[callee_table].path) else {
            return Plan::Skip;
        };
        let callee_ref = OpRef::new(ctx, cb, callee_op);
        let Some(ii): Option<&dyn InlinerInterface> = inliner_interface(ctx, b.name(call)) else {
            return Plan::Skip;
        };
        if !ii.is_legal_to_inline_call(call_ref, callee_ref) {
            return Plan::Skip;
        }
        let Some(snap) = self.snapshot(root, callee) else {
            return Plan::Skip;
        };
        if !snap.ops_legal || !snap.well_formed {
            return Plan::Skip;
        }
        if callee_table != table && snap.has_symbol_refs {
            return Plan::Skip;
        }
        let args = ci.arguments(call_ref);
        let results = b.results(call);
        if args.len() != snap.arg_types.len()
            || results.len() != snap.result_types.len()
            || args
                .iter()
                .zip(&snap.arg_types)
                .any(|(&a, &t)| b.value_type(a) != t)
            || results
                .iter()
                .zip(&snap.result_types)
                .any(|(&r, &t)| b.value_type(r) != t)
        {
            return Plan::Skip;
        }
        let entry = snap.body.region_blocks(snap.region)[0];
        if snap.body.block_args(entry).len() != args.len() {
            return Plan::Skip;
        }
        if snap.body.region_blocks(snap.region).len() > 1 {
            let name = symbol_text(ctx, sym);
            if !branch_op_available(ctx) {
                return Plan::Remark(format!(
                    "not inlining the call to '{name}': the callee has several blocks and no \
                     branch op ('cf.br') is registered to connect them"
                ));
            }
            let region_owner = b
                .parent_block(call)
                .and_then(|blk| b.block_parent(blk))
                .and_then(|r| b.region_parent(r))
                .map_or(owner, |p| traits(ctx, b, p));
            if region_owner.contains(Traits::SINGLE_BLOCK)
                || region_owner.contains(Traits::GRAPH_REGION)
                || b.next_op(call).is_none()
            {
                return Plan::Remark(format!(
                    "not inlining the call to '{name}': the callee has several blocks and the \
                     call is in a region that must keep a single block"
                ));
            }
        }
        Plan::Inline { callee, snap, args }
    }

    /// The snapshot of callable node `n`, taken now if there is none yet.
    fn snapshot(&mut self, root: &Body, n: usize) -> Option<Rc<Snapshot>> {
        if let Some(s) = self.snapshots.get(&n) {
            return Some(s.clone());
        }
        let ctx = self.ctx;
        let node = &self.graph.nodes[n];
        let tb = body_at(root, &self.graph.tables[node.table].path)?;
        let op = node.op;
        let ci: &dyn CallableOpInterface = callable_interface(ctx, tb.name(op))?;
        let r = OpRef::new(ctx, tb, op);
        let region = ci.callable_region(r)?;
        let body = tb.region_body(op).clone();
        if body.region_blocks(region).is_empty() {
            return None;
        }
        let multi = body.region_blocks(region).len() > 1;
        let mut ops_legal = true;
        let mut has_symbol_refs = false;
        let mut well_formed = true;
        for &blk in body.region_blocks(region) {
            let term = body.last_op(blk);
            let ok = term.is_some_and(|t| {
                let tt = traits(ctx, &body, t);
                tt.contains(Traits::RETURN_LIKE) && inliner_interface(ctx, body.name(t)).is_some()
                    || (multi && !body.successors(t).is_empty())
            });
            well_formed &= ok;
        }
        for o in body.ops_in_regions(&[region]) {
            let _ = strata_ir::walk::walk(&body, o, strata_ir::walk::Order::Pre, &mut |bb, oo| {
                let legal = inliner_interface(ctx, bb.name(oo))
                    .is_some_and(|i| i.is_legal_to_inline_op(OpRef::new(ctx, bb, oo)));
                ops_legal &= legal;
                has_symbol_refs |= !op_symbol_refs(ctx, bb, oo).is_empty();
                if legal {
                    std::ops::ControlFlow::Continue(())
                } else {
                    std::ops::ControlFlow::Break(())
                }
            });
            if !ops_legal {
                break;
            }
        }
        let snap = Rc::new(Snapshot {
            arg_types: ci.argument_types(r),
            result_types: ci.result_types(r),
            body,
            region,
            ops_legal,
            well_formed,
            has_symbol_refs,
        });
        self.snapshots.insert(n, snap.clone());
        Some(snap)
    }
}

fn symbol_text(ctx: &Context, sym: Attribute) -> String {
    match ctx.attr_kind(sym) {
        AttrKind::SymbolRef { root, nested } => {
            let mut s = format!("@{}", ctx.str(*root));
            for n in nested.iter() {
                s.push_str("::@");
                s.push_str(ctx.str(*n));
            }
            s
        }
        _ => String::new(),
    }
}

/// Inline `snap` at `call` (checked by [`Inliner::plan`]). Returns the ops copied into
/// `body` (top level of the copies).
fn inline_one(
    ctx: &Context,
    body: &mut Body,
    call: Op,
    snap: &Snapshot,
    args: &[Value],
) -> Vec<Op> {
    let src = &snap.body;
    let blocks = src.region_blocks(snap.region).to_vec();
    let call_loc = body.op(call).loc;
    let results: SmallVec<[Value; 2]> = body.results(call).iter().copied().collect();
    let mut map = IrMapping::default();
    let mut new_ops = Vec::new();
    // Arguments of the callee's non-entry blocks copied in (their locations are remapped).
    let mut new_blocks_args: Vec<Value> = Vec::new();
    if let [entry] = blocks[..] {
        for (&a, &v) in src.block_args(entry).iter().zip(args) {
            map.values.insert(a, v);
        }
        for o in src.block_op_vec(entry) {
            let c = body.import_op(ctx, src, o, &mut map);
            body.insert_op(c, InsertPoint::Before(call));
            new_ops.push(c);
        }
        if let Some(&term) = new_ops.last() {
            new_ops.pop();
            if let Some(ii) = inliner_interface(ctx, body.name(term)) {
                ii.handle_terminator(ctx, body, term, &results);
            }
            body.erase_op(term);
        }
    } else {
        let (Some(block), Some(next)) = (body.parent_block(call), body.next_op(call)) else {
            return new_ops;
        };
        let Some(region) = body.block_parent(block) else {
            return new_ops;
        };
        let post = body.split_block(block, next);
        for &r in &results {
            let a = body.add_block_arg(post, body.value_type(r));
            body.replace_all_uses(r, a);
        }
        let mut new_blocks = Vec::new();
        let first = body
            .region_blocks(region)
            .iter()
            .position(|&b| b == post)
            .unwrap_or(0);
        for (at, &sb) in (first..).zip(&blocks) {
            let nb = body.create_block();
            for &a in src.block_args(sb) {
                let na = body.add_block_arg(nb, src.value_type(a));
                body.set_value_loc(na, src.value_loc(a));
                map.values.insert(a, na);
            }
            map.blocks.insert(sb, nb);
            body.insert_block(region, at, nb);
            new_blocks.push(nb);
        }
        for (&sb, &nb) in blocks.iter().zip(&new_blocks) {
            for o in src.block_op_vec(sb) {
                let c = body.import_op(ctx, src, o, &mut map);
                body.append_op(nb, c);
            }
        }
        for &nb in &new_blocks[1..] {
            new_blocks_args.extend_from_slice(body.block_args(nb));
        }
        for &nb in &new_blocks {
            if let Some(t) = body.last_op(nb) {
                if has(ctx, body, t, Traits::RETURN_LIKE) {
                    if let Some(ii) = inliner_interface(ctx, body.name(t)) {
                        ii.handle_terminator_branch(ctx, body, t, post);
                    }
                }
            }
            new_ops.extend(body.block_ops(nb));
        }
        // The callee's entry block continues the caller's block.
        body.merge_blocks(new_blocks[0], block, args);
    }
    body.erase_op(call);
    if call_loc != ctx.unknown_loc() {
        remap_locations(ctx, body, &new_ops, &new_blocks_args, call_loc);
    }
    new_ops
}

/// Give every op of `ops`, the block arguments `args` and everything nested in the ops
/// (through nested bodies) the location `callsite(<its location> at call_loc)`.
fn remap_locations(ctx: &Context, body: &mut Body, ops: &[Op], args: &[Value], call_loc: Location) {
    let unknown = ctx.unknown_loc();
    let mut memo: FxHashMap<Location, Location> = FxHashMap::default();
    let mut remap = |loc: Location| -> Location {
        *memo.entry(loc).or_insert_with(|| {
            ctx.loc(LocKind::CallSite {
                callee: loc.0,
                caller: call_loc.0,
            })
        })
    };
    for &a in args {
        let l = remap(body.value_loc(a).unwrap_or(unknown));
        body.set_value_loc(a, Some(l));
    }
    // (path relative to `body`, ops of that body)
    let first: Vec<Op> = ops
        .iter()
        .flat_map(|&o| ops_in_body_preorder(body, o))
        .collect();
    let mut work: Vec<(Vec<Op>, Vec<Op>)> = vec![(Vec::new(), first)];
    while let Some((path, list)) = work.pop() {
        let Some(b) = body_at_mut(body, &path) else {
            continue;
        };
        for &o in &list {
            let l = b.op(o).loc;
            b.op_mut(o).loc = remap(l);
            let regions = b.regions(o).to_vec();
            let Some(rb) = (if b.nested(o).is_some() {
                b.nested_mut(o)
            } else {
                Some(&mut *b)
            }) else {
                continue;
            };
            for &r in &regions {
                for blk in rb.region_blocks(r).to_vec() {
                    for a in rb.block_args(blk).to_vec() {
                        let l = remap(rb.value_loc(a).unwrap_or(unknown));
                        rb.set_value_loc(a, Some(l));
                    }
                }
            }
            if b.nested(o).is_some() {
                if let Some(nb) = b.nested(o) {
                    let inner = ops_under(nb, &regions);
                    let mut p = path.clone();
                    p.push(o);
                    work.push((p, inner));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::*;
    use strata_ir::{Arity, Context, DialectDef, LocKind, Module, OpBuilder, OpDef, Traits};

    static CF_BR: OpDef = OpDef {
        traits: Traits::TERMINATOR,
        results: Arity::Exactly(0),
        successors: Arity::Exactly(1),
        ..OpDef::new("cf.br")
    };
    static CF: DialectDef = DialectDef {
        name: "cf",
        summary: "",
        description: "",
        ops: &[&CF_BR],
    };

    /// MLIR's `cf` dialect allows inlining all its ops.
    struct CfInliner;
    impl crate::interfaces::InlinerInterface for CfInliner {
        fn is_legal_to_inline_op(&self, _: strata_ir::OpRef<'_>) -> bool {
            true
        }
    }

    fn cf_ctx(with_br: bool) -> Context {
        let mut c = ctx();
        if with_br {
            c.register_dialect(&CF);
        }
        c.attach_interface::<dyn crate::interfaces::InlinerInterface>("cf", &CfInliner);
        c
    }

    /// `@name(i32) -> i32 { %r = test.pure(%a) {tag}; return %r }`.
    fn unary(c: &Context, m: &mut Module, name: &str, tag: i64, private: bool) {
        let i32t = c.i32();
        let (f, e) = add_func(c, m, name, &[i32t], &[i32t], private);
        let body = fbody(m, f);
        let a = body.block_args(e)[0];
        let mut b = at_end(c, body, e);
        let r = pure(&mut b, &[a], tag);
        ret(&mut b, &[r]);
    }

    #[test]
    fn single_block_callees_are_inlined_bottom_up_and_dead_callees_erased() {
        let c = ctx();
        let mut m = Module::new(&c);
        let i32t = c.i32();
        unary(&c, &mut m, "leaf", 1, true);
        // @mid calls @leaf twice.
        let (mid, me) = add_func(&c, &mut m, "mid", &[i32t], &[i32t], true);
        {
            let body = fbody(&mut m, mid);
            let a = body.block_args(me)[0];
            let mut b = at_end(&c, body, me);
            let x = call(&mut b, "leaf", &[a], &[i32t]);
            let x = b.body.result(x, 0);
            let y = call(&mut b, "leaf", &[x], &[i32t]);
            let y = b.body.result(y, 0);
            ret(&mut b, &[y]);
        }
        let (main, e) = add_func(&c, &mut m, "main", &[i32t], &[i32t], false);
        {
            let body = fbody(&mut m, main);
            let a = body.block_args(e)[0];
            let mut b = at_end(&c, body, e);
            b.loc = c.file_loc("main.mlir", 7, 3);
            let r = call(&mut b, "mid", &[a], &[i32t]);
            let r = b.body.result(r, 0);
            b.loc = c.unknown_loc();
            ret(&mut b, &[r]);
        }
        let rep = run(&c, &mut m, "builtin.module(inline)");
        assert!(stat(&rep, "(3) num-inlined"), "{:?}", rep.statistics);
        assert!(stat(&rep, "(2) num-dce'd"), "{:?}", rep.statistics);
        assert_eq!(count(&c, &m, "func.call"), 0);
        assert_eq!(count(&c, &m, "func.func"), 1);
        assert_eq!(count(&c, &m, "test.pure"), 2);
        // main: %0 = pure(%arg) ; %1 = pure(%0) ; return %1, with call-site locations.
        let fb = m.region_body().nested(main).expect("body");
        let ops = fb.block_op_vec(e);
        assert_eq!(ops.len(), 3);
        assert_eq!(fb.operand(ops[0], 0), fb.block_args(e)[0]);
        assert_eq!(fb.operand(ops[1], 0), fb.result(ops[0], 0));
        assert_eq!(fb.operand(ops[2], 0), fb.result(ops[1], 0));
        assert!(matches!(
            c.loc_kind(fb.op(ops[0]).loc),
            LocKind::CallSite { .. }
        ));
        let LocKind::CallSite { caller, .. } = c.loc_kind(fb.op(ops[0]).loc) else {
            unreachable!("checked above")
        };
        assert_eq!(*caller, c.file_loc("main.mlir", 7, 3).0);
    }

    #[test]
    fn the_default_pipeline_cleans_up_callables() {
        let c = ctx();
        let mut m = Module::new(&c);
        let i32t = c.i32();
        // @twice(x) = pure(x) + pure(x): CSE merges the two before @main inlines it.
        let (tw, te) = add_func(&c, &mut m, "twice", &[i32t], &[i32t], true);
        {
            let body = fbody(&mut m, tw);
            let a = body.block_args(te)[0];
            let mut b = at_end(&c, body, te);
            let x = pure(&mut b, &[a], 1);
            let y = pure(&mut b, &[a], 1);
            let s = pure(&mut b, &[x, y], 2);
            ret(&mut b, &[s]);
        }
        let (main, e) = add_func(&c, &mut m, "main", &[i32t], &[i32t], false);
        {
            let body = fbody(&mut m, main);
            let a = body.block_args(e)[0];
            let mut b = at_end(&c, body, e);
            let r = call(&mut b, "twice", &[a], &[i32t]);
            let r = b.body.result(r, 0);
            let dup = pure(&mut b, &[a], 1);
            let s = pure(&mut b, &[r, dup], 3);
            ret(&mut b, &[s]);
        }
        run(&c, &mut m, "builtin.module(inline{default-pipeline=cse})");
        // main: pure1(a), pure2(x, x), pure3(.., x): the copy's duplicate and main's own
        // duplicate both merged.
        assert_eq!(count(&c, &m, "test.pure"), 3, "{}", fingerprint(&c, &m));
        assert_eq!(count(&c, &m, "func.func"), 1);
        for bad in [
            "builtin.module(inline{default-pipeline=nope})",
            "builtin.module(inline{default-pipeline=builtin.module(cse)})",
            "builtin.module(inline{default-pipeline=cse,func.func(dce)})",
        ] {
            assert!(
                strata_pass::parse_pipeline(bad, "builtin.module").is_err(),
                "{bad}"
            );
        }
        let pm = strata_pass::parse_pipeline(
            "builtin.module(inline{default-pipeline=cse,dce})",
            "builtin.module",
        )
        .expect("valid");
        assert_eq!(
            pm.to_text(),
            "builtin.module(inline{default-pipeline=cse,dce})"
        );
    }

    #[test]
    fn recursion_is_bounded_by_the_limit() {
        for (limit, calls_left, pures) in [(0u64, 1usize, 1usize), (2, 1, 3)] {
            let c = ctx();
            let mut m = Module::new(&c);
            let i32t = c.i32();
            let (f, e) = add_func(&c, &mut m, "rec", &[i32t], &[i32t], false);
            let body = fbody(&mut m, f);
            let a = body.block_args(e)[0];
            let mut b = at_end(&c, body, e);
            let x = pure(&mut b, &[a], 1);
            let r = call(&mut b, "rec", &[x], &[i32t]);
            let r = b.body.result(r, 0);
            ret(&mut b, &[r]);
            run(
                &c,
                &mut m,
                &format!("builtin.module(inline{{recursion-limit={limit}}})"),
            );
            assert_eq!(count(&c, &m, "func.call"), calls_left);
            assert_eq!(count(&c, &m, "test.pure"), pures, "limit {limit}");
        }
    }

    #[test]
    fn no_inline_declarations_and_illegal_ops_are_respected() {
        let c = ctx();
        let mut m = Module::new(&c);
        let i32t = c.i32();
        unary(&c, &mut m, "ok", 1, true);
        // External declaration.
        let (decl, _) = add_func(&c, &mut m, "ext", &[i32t], &[i32t], true);
        {
            let body = m.region_body_mut();
            let r = body.regions(decl)[0];
            let nb = body.nested_mut(decl).expect("nested");
            let blk = nb.entry_block(r).expect("block");
            nb.detach_block(blk);
        }
        // A callee with an unregistered op (no inliner interface).
        let (bad, be) = add_func(&c, &mut m, "bad", &[i32t], &[i32t], true);
        {
            let body = fbody(&mut m, bad);
            let a = body.block_args(be)[0];
            let mut b = at_end(&c, body, be);
            let r = b.build_value("foo.bar", &[a], i32t, &[]);
            ret(&mut b, &[r]);
        }
        let (main, e) = add_func(&c, &mut m, "main", &[i32t], &[i32t], false);
        {
            let body = fbody(&mut m, main);
            let a = body.block_args(e)[0];
            let mut b = at_end(&c, body, e);
            let x = call(&mut b, "ok", &[a], &[i32t]);
            let unit = c.unit_attr();
            b.body.op_mut(x).props =
                c.dict_attr(&[("callee", sym_ref(&c, &["ok"])), ("no_inline", unit)]);
            let x = b.body.result(x, 0);
            let y = call(&mut b, "ext", &[x], &[i32t]);
            let y = b.body.result(y, 0);
            let z = call(&mut b, "bad", &[y], &[i32t]);
            let z = b.body.result(z, 0);
            ret(&mut b, &[z]);
        }
        let rep = run(&c, &mut m, "builtin.module(inline)");
        assert!(!stat(&rep, "num-inlined") || stat(&rep, "(0) num-inlined"));
        assert_eq!(count(&c, &m, "func.call"), 3);
        assert_eq!(count(&c, &m, "func.func"), 4);
    }

    #[test]
    fn calls_in_nested_isolated_ops_are_inlined() {
        let c = ctx();
        let mut m = Module::new(&c);
        let i32t = c.i32();
        unary(&c, &mut m, "f", 5, false);
        let (main, e) = add_func(&c, &mut m, "main", &[], &[], false);
        let body = fbody(&mut m, main);
        let mut b = at_end(&c, body, e);
        let (iso, ie) = region_op(&mut b, "test.isolated", &[], &[]);
        ret(&mut b, &[]);
        let nb = body.nested_mut(iso).expect("nested");
        let mut ib = OpBuilder::at_end(&c, nb, ie);
        let x = pure(&mut ib, &[], 1);
        let r = call(&mut ib, "f", &[x], &[i32t]);
        let r = ib.body.result(r, 0);
        effect(&mut ib, &[r]);
        ib.build("test.terminator", &[], &[], &[]);
        run(&c, &mut m, "builtin.module(inline)");
        assert_eq!(count(&c, &m, "func.call"), 0);
        // @f is public: kept.
        assert_eq!(count(&c, &m, "func.func"), 2);
        assert_eq!(count(&c, &m, "test.pure"), 3);
    }

    fn multi_block_module(c: &Context) -> Module {
        let mut m = Module::new(c);
        let (i1, i32t) = (c.i1(), c.i32());
        let (f, fe) = add_func(c, &mut m, "select", &[i1, i32t], &[i32t], true);
        {
            let body = fbody(&mut m, f);
            let (cond, a) = (body.block_args(fe)[0], body.block_args(fe)[1]);
            let [t, el] = new_blocks(body, fe, 2)[..] else {
                unreachable!("two blocks")
            };
            cond_br(c, body, fe, cond, (t, &[]), (el, &[]));
            let mut tb = at_end(c, body, t);
            let x = pure(&mut tb, &[a], 1);
            ret(&mut tb, &[x]);
            let mut eb = at_end(c, body, el);
            let y = pure(&mut eb, &[a], 2);
            ret(&mut eb, &[y]);
        }
        let (main, e) = add_func(c, &mut m, "main", &[i1, i32t], &[i32t], false);
        let body = fbody(&mut m, main);
        let (cond, a) = (body.block_args(e)[0], body.block_args(e)[1]);
        let mut b = at_end(c, body, e);
        let r = call(&mut b, "select", &[cond, a], &[i32t]);
        let r = b.body.result(r, 0);
        let s = effect(&mut b, &[r]);
        ret(&mut b, &[s]);
        m
    }

    #[test]
    fn multi_block_callees_need_a_branch_op() {
        let c = cf_ctx(false);
        let mut m = multi_block_module(&c);
        let rep = run(&c, &mut m, "builtin.module(inline)");
        assert_eq!(count(&c, &m, "func.call"), 1);
        assert!(rep
            .diagnostics
            .iter()
            .any(|d| d.message.contains("no branch op ('cf.br')")));

        let c = cf_ctx(true);
        let mut m = multi_block_module(&c);
        run(&c, &mut m, "builtin.module(inline)");
        assert_eq!(count(&c, &m, "func.call"), 0);
        assert_eq!(count(&c, &m, "func.func"), 1);
        assert_eq!(count(&c, &m, "cf.br"), 2);
        // entry (cond_br), then, else, continuation.
        let main = m.region_body().block_op_vec(m.block().expect("block"))[0];
        let fb = m.region_body().nested(main).expect("body");
        let r = fb.regions(main).first().copied();
        let r = r.or_else(|| m.region_body().regions(main).first().copied());
        let blocks = fb.region_blocks(r.expect("region"));
        assert_eq!(blocks.len(), 4);
        assert_eq!(fb.block_args(blocks[3]).len(), 1);
        let before = fingerprint(&c, &m);
        run(&c, &mut m, "builtin.module(inline)");
        assert_eq!(before, fingerprint(&c, &m));
    }
}

//! Extraction: choosing one node per e-class under a pluggable [`CostModel`].
//!
//! Both modes run the same algorithm, Knuth's generalisation of Dijkstra's shortest paths to
//! superior functions: a node becomes a candidate once every child class is *final*, classes
//! become final in increasing order of their best candidate, and a class's choice is its
//! first final candidate. Children are always final before their parents, so **the chosen
//! nodes form an acyclic graph by construction** (no cycle check, no recursion).
//!
//! * [`ExtractMode::Tree`]: a node's cost is its own cost plus the costs of its children, a
//!   child counted as often as it is used (egg's `Extractor`).
//! * [`ExtractMode::Dag`]: a node's cost is the sum of the own costs over the set of classes of
//!   its sub-DAG, so shared subterms are counted once (the greedy DAG heuristic). Sets are
//!   merged sorted lists; past [`ExtractOptions::dag_work_limit`] merged entries it falls back
//!   to tree costs.
//!
//! Keys are `(level, cost)` compared lexicographically: the level is the position in the
//! block after which a leaf is available (see [`crate::bridge`]), so every class gets a term
//! available as early as any of its terms. Costs are sanitised: NaN and `+inf` become
//! `f64::MAX`, negative costs 0, sums saturate; so no cost model can make extraction panic or
//! loop.

use crate::analysis::{infer_types, GraphAnalysis};
use crate::language::Node;
use egg::{EGraph, Id, Language};
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use strata_ir::{Attribute, Context, OpDef, Type};

/// What a cost model sees of one op.
pub struct OpInfo<'a> {
    /// The context.
    pub ctx: &'a Context,
    /// The op name (`graph.conv`).
    pub name: &'a str,
    /// Its definition.
    pub def: Option<&'static OpDef>,
    /// Its inherent attributes (a dictionary).
    pub props: Attribute,
    /// Operand types.
    pub operands: &'a [Type],
    /// Result types.
    pub results: &'a [Type],
}

/// A cost model: the cost of one op, not counting its operands. Targets provide their own;
/// [`crate::cost::FlopMemoryCost`] is the default. Any `f64` is accepted (see the
/// [module docs](self)).
pub trait CostModel: Send + Sync {
    /// The cost of `op`.
    fn op_cost(&self, op: &OpInfo<'_>) -> f64;
}

/// How extraction counts shared subterms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtractMode {
    /// Every use counts.
    Tree,
    /// Shared subterms count once.
    Dag,
}

/// Extraction options.
#[derive(Clone, Copy, Debug)]
pub struct ExtractOptions {
    /// The mode.
    pub mode: ExtractMode,
    /// Most set entries DAG extraction may merge before falling back to tree costs.
    pub dag_work_limit: u64,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            mode: ExtractMode::Dag,
            dag_work_limit: 20_000_000,
        }
    }
}

/// The chosen node of each extracted class.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    choice: FxHashMap<Id, Node>,
    levels: FxHashMap<Id, u32>,
    /// The mode that produced it (`Tree` after a DAG fallback).
    pub mode: Option<ExtractMode>,
    /// Whether DAG extraction ran out of work budget and tree costs were used.
    pub fell_back: bool,
}

impl Extraction {
    /// The chosen node of canonical class `id`.
    pub fn node(&self, id: Id) -> Option<&Node> {
        self.choice.get(&id)
    }
    /// Number of classes with a choice.
    pub fn len(&self) -> usize {
        self.choice.len()
    }
    /// Whether nothing was chosen.
    pub fn is_empty(&self) -> bool {
        self.choice.is_empty()
    }
    /// The availability level of an extracted class (see [`crate::bridge`]).
    pub fn level(&self, id: Id) -> u32 {
        self.levels.get(&id).copied().unwrap_or(0)
    }
    /// Choose `node` for canonical class `id`.
    pub fn set(&mut self, id: Id, node: Node) {
        self.choice.insert(id, node);
    }
    /// A selection from an explicit map (canonical class -> node).
    pub fn from_choices(choice: FxHashMap<Id, Node>) -> Extraction {
        Extraction {
            choice,
            levels: FxHashMap::default(),
            mode: None,
            fell_back: false,
        }
    }
}

/// Clamp a cost into `[0, f64::MAX]` (NaN and `+inf` to `MAX`).
pub fn sane(c: f64) -> f64 {
    if c.is_nan() {
        f64::MAX
    } else {
        c.clamp(0.0, f64::MAX)
    }
}

fn add(a: f64, b: f64) -> f64 {
    (a + b).min(f64::MAX)
}

/// The own cost of a node (0 for leaves, attributes and projections).
pub fn node_cost(
    egraph: &EGraph<Node, GraphAnalysis<'_>>,
    cost: &dyn CostModel,
    class: Id,
    n: &Node,
) -> f64 {
    let Node::Op { name, .. } = n else {
        return 0.0;
    };
    let ctx = egraph.analysis.ctx;
    let operands: Vec<Type> = n
        .operands()
        .iter()
        .filter_map(|&c| egraph[c].data.ty())
        .collect();
    let Some(props) = n.props().and_then(|p| egraph[p].data.attr) else {
        return f64::MAX;
    };
    let results: Vec<Type> = egraph[class]
        .data
        .types
        .clone()
        .map(|t| t.to_vec())
        .unwrap_or_default();
    let info = OpInfo {
        ctx,
        name: ctx.op_name_str(*name),
        def: ctx.op_def(*name),
        props,
        operands: &operands,
        results: &results,
    };
    sane(cost.op_cost(&info))
}

/// Whether op node `n` of class `class` infers to the class's types (nodes that do not are
/// never extracted).
pub fn node_valid(egraph: &EGraph<Node, GraphAnalysis<'_>>, class: Id, n: &Node) -> bool {
    match n {
        Node::Op { name, results, .. } => {
            let ctx = egraph.analysis.ctx;
            let Some(props) = n.props().and_then(|p| egraph[p].data.attr) else {
                return false;
            };
            let mut tys = Vec::with_capacity(n.operands().len());
            for &c in n.operands() {
                match egraph[c].data.ty() {
                    Some(t) => tys.push(t),
                    None => return false,
                }
            }
            let want = &egraph[class].data.types;
            want.is_some()
                && infer_types(ctx, *name, &tys, props, *results).as_ref() == want.as_ref()
        }
        Node::Get(i, [t]) => egraph[*t]
            .data
            .types
            .as_ref()
            .is_some_and(|ts| ts.len() > *i as usize),
        Node::Attr(_) => egraph[class].data.attr.is_some(),
        Node::Leaf(_) => true,
    }
}

#[derive(Clone, Copy, PartialEq, Debug, Default)]
struct Key {
    level: u32,
    cost: f64,
}

impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.level
            .cmp(&other.level)
            .then(self.cost.total_cmp(&other.cost))
    }
}

/// A sorted `(class, own cost)` set: the classes of a sub-DAG.
type CostSet = Vec<(u32, f64)>;

struct Rec {
    class: u32,
    node: Node,
    /// Child class indices with multiplicity (operands and properties).
    children: SmallVec<[u32; 4]>,
    own: f64,
    leaf_level: u32,
}

/// Extraction input: the e-graph, the availability level of each leaf, and excluded nodes.
pub struct Problem<'e, 'a> {
    /// The e-graph (rebuilt).
    pub egraph: &'e EGraph<Node, GraphAnalysis<'a>>,
    /// Level of each [`Node::Leaf`] (0 when absent).
    pub leaf_levels: &'e [u32],
    /// `(canonical class, node)` pairs never to choose.
    pub excluded: &'e FxHashSet<(Id, Node)>,
}

/// Extract a choice for every class reachable from `roots` (more are chosen: every class
/// that can be). `Err` when some root has no extractable term.
pub fn extract(
    p: &Problem<'_, '_>,
    roots: &[Id],
    cost: &dyn CostModel,
    opts: &ExtractOptions,
) -> Result<Extraction, String> {
    let eg = p.egraph;
    let mut ids: Vec<Id> = eg.classes().map(|c| c.id).collect();
    ids.sort_unstable();
    let index: FxHashMap<Id, u32> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, i as u32))
        .collect();
    let mut recs: Vec<Rec> = Vec::new();
    for (ci, &id) in ids.iter().enumerate() {
        for n in &eg[id].nodes {
            if p.excluded.contains(&(id, n.clone())) || !node_valid(eg, id, n) {
                continue;
            }
            let children: SmallVec<[u32; 4]> =
                n.children().iter().map(|c| index[&eg.find(*c)]).collect();
            if children.contains(&(ci as u32)) {
                continue;
            }
            let leaf_level = match n {
                Node::Leaf(i) => p.leaf_levels.get(*i as usize).copied().unwrap_or(0),
                _ => 0,
            };
            recs.push(Rec {
                class: ci as u32,
                node: n.clone(),
                children,
                own: node_cost(eg, cost, id, n),
                leaf_level,
            });
        }
    }
    let dag = opts.mode == ExtractMode::Dag;
    let result = knuth(&recs, ids.len(), dag, opts.dag_work_limit);
    let ((finals, keys), mode, fell_back) = match result {
        Some(f) => (f, opts.mode, false),
        None => (
            knuth(&recs, ids.len(), false, u64::MAX).unwrap_or_default(),
            ExtractMode::Tree,
            true,
        ),
    };
    let mut choice = FxHashMap::default();
    let mut levels = FxHashMap::default();
    for (ci, f) in finals.iter().enumerate() {
        if let Some(r) = f {
            choice.insert(ids[ci], recs[*r as usize].node.clone());
            levels.insert(ids[ci], keys[ci].level);
        }
    }
    for &r in roots {
        let r = eg.find(r);
        if !choice.contains_key(&r) {
            return Err(format!("no extractable term for e-class {r}"));
        }
    }
    Ok(Extraction {
        choice,
        levels,
        mode: Some(mode),
        fell_back,
    })
}

/// Merge sorted `(class, cost)` lists.
fn merge(a: &[(u32, f64)], b: &[(u32, f64)]) -> Vec<(u32, f64)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The final candidate record and key of each class, or `None` when DAG work ran out.
#[allow(clippy::type_complexity)]
fn knuth(
    recs: &[Rec],
    nclasses: usize,
    dag: bool,
    work_limit: u64,
) -> Option<(Vec<Option<u32>>, Vec<Key>)> {
    let mut parents: Vec<Vec<u32>> = vec![Vec::new(); nclasses];
    let mut pending: Vec<u32> = vec![0; recs.len()];
    for (ri, r) in recs.iter().enumerate() {
        let mut distinct: SmallVec<[u32; 4]> = r.children.clone();
        distinct.sort_unstable();
        distinct.dedup();
        pending[ri] = distinct.len() as u32;
        for c in distinct {
            parents[c as usize].push(ri as u32);
        }
    }
    let mut finals: Vec<Option<u32>> = vec![None; nclasses];
    let mut keys: Vec<Key> = vec![
        Key {
            level: 0,
            cost: 0.0
        };
        nclasses
    ];
    let mut sets: Vec<Vec<(u32, f64)>> = if dag {
        vec![Vec::new(); nclasses]
    } else {
        Vec::new()
    };
    let mut work: u64 = 0;
    let mut heap: BinaryHeap<Reverse<(Key, u32, u32)>> = BinaryHeap::new();
    // Evaluate record `ri` (all children final); `None` when over the work limit.
    let evaluate = |ri: usize,
                    finals: &[Option<u32>],
                    keys: &[Key],
                    sets: &[Vec<(u32, f64)>],
                    work: &mut u64|
     -> Option<(Key, Option<CostSet>)> {
        let r = &recs[ri];
        let mut level = r.leaf_level;
        for &c in &r.children {
            debug_assert!(finals[c as usize].is_some());
            level = level.max(keys[c as usize].level);
        }
        if dag {
            let mut distinct: SmallVec<[u32; 4]> = r.children.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let mut set: Vec<(u32, f64)> = Vec::new();
            for c in distinct {
                let s = &sets[c as usize];
                *work += (set.len() + s.len()) as u64;
                if *work > work_limit {
                    return None;
                }
                set = merge(&set, s);
            }
            set = merge(&set, &[(r.class, r.own)]);
            let total = set.iter().fold(0.0, |acc, &(_, c)| add(acc, c));
            Some((Key { level, cost: total }, Some(set)))
        } else {
            let total = r
                .children
                .iter()
                .fold(r.own, |acc, &c| add(acc, keys[c as usize].cost));
            Some((Key { level, cost: total }, None))
        }
    };
    let mut staged: Vec<Option<Vec<(u32, f64)>>> = if dag {
        vec![None; recs.len()]
    } else {
        Vec::new()
    };
    for ri in 0..recs.len() {
        if pending[ri] == 0 {
            let (k, set) = evaluate(ri, &finals, &keys, &sets, &mut work)?;
            if dag {
                staged[ri] = set;
            }
            heap.push(Reverse((k, recs[ri].class, ri as u32)));
        }
    }
    while let Some(Reverse((k, ci, ri))) = heap.pop() {
        let ci = ci as usize;
        if finals[ci].is_some() {
            if dag {
                staged[ri as usize] = None;
            }
            continue;
        }
        finals[ci] = Some(ri);
        keys[ci] = k;
        if dag {
            sets[ci] = staged[ri as usize].take().unwrap_or_default();
        }
        for pi in std::mem::take(&mut parents[ci]) {
            let pi = pi as usize;
            pending[pi] -= 1;
            if pending[pi] == 0 && finals[recs[pi].class as usize].is_none() {
                let (k, set) = evaluate(pi, &finals, &keys, &sets, &mut work)?;
                if dag {
                    staged[pi] = set;
                }
                heap.push(Reverse((k, recs[pi].class, pi as u32)));
            }
        }
    }
    Some((finals, keys))
}

/// The DAG cost of the terms chosen for `roots`: each reachable class's own cost once.
pub fn dag_cost(
    egraph: &EGraph<Node, GraphAnalysis<'_>>,
    choice: &dyn Fn(Id) -> Option<Node>,
    roots: &[Id],
    cost: &dyn CostModel,
) -> f64 {
    let mut seen: FxHashSet<Id> = FxHashSet::default();
    let mut stack: Vec<Id> = roots.iter().map(|&r| egraph.find(r)).collect();
    let mut total = 0.0;
    while let Some(c) = stack.pop() {
        if !seen.insert(c) {
            continue;
        }
        let Some(n) = choice(c) else { continue };
        total = add(total, node_cost(egraph, cost, c, &n));
        stack.extend(n.children().iter().map(|&x| egraph.find(x)));
    }
    total
}

/// Whether the choices of `ex` reachable from `roots` form a cycle (iterative DFS).
pub fn has_cycle(egraph: &EGraph<Node, GraphAnalysis<'_>>, ex: &Extraction, roots: &[Id]) -> bool {
    let mut done: FxHashSet<Id> = FxHashSet::default();
    let mut open: FxHashSet<Id> = FxHashSet::default();
    let mut stack: Vec<(Id, bool)> = roots.iter().map(|&r| (egraph.find(r), false)).collect();
    while let Some((c, leaving)) = stack.pop() {
        if leaving {
            open.remove(&c);
            done.insert(c);
            continue;
        }
        if done.contains(&c) {
            continue;
        }
        if !open.insert(c) {
            return true;
        }
        stack.push((c, true));
        if let Some(n) = ex.node(c) {
            for &ch in n.children() {
                let ch = egraph.find(ch);
                if open.contains(&ch) {
                    return true;
                }
                if !done.contains(&ch) {
                    stack.push((ch, false));
                }
            }
        }
    }
    false
}

/// Whether `n` may be chosen for class `c` in `ex`: a node of the class, valid, not
/// excluded, with chosen children, available as early as the class.
fn choosable(p: &Problem<'_, '_>, ex: &Extraction, c: Id, n: &Node) -> bool {
    let eg = p.egraph;
    if !eg[c].nodes.contains(n) || p.excluded.contains(&(c, n.clone())) || !node_valid(eg, c, n) {
        return false;
    }
    let mut level = match n {
        Node::Leaf(i) => p.leaf_levels.get(*i as usize).copied().unwrap_or(0),
        _ => 0,
    };
    for &ch in n.children() {
        let ch = eg.find(ch);
        if ex.node(ch).is_none() {
            return false;
        }
        level = level.max(ex.level(ch));
    }
    level <= ex.level(c)
}

/// The projections of each multi-result class: for a tuple class `t`, the `get i t` nodes
/// with their classes (one group per tuple class, in class order).
fn projection_groups(egraph: &EGraph<Node, GraphAnalysis<'_>>) -> Vec<Vec<(Id, Node)>> {
    let mut tuples: Vec<Id> = egraph
        .classes()
        .filter(|c| c.data.types.as_ref().is_some_and(|t| t.len() > 1))
        .map(|c| c.id)
        .collect();
    tuples.sort_unstable();
    let mut out = Vec::new();
    for t in tuples {
        let mut parents: Vec<Id> = egraph[t].parents().map(|p| egraph.find(p)).collect();
        parents.sort_unstable();
        parents.dedup();
        let mut group: Vec<(Id, Node)> = Vec::new();
        for p in parents {
            for n in &egraph[p].nodes {
                if let Node::Get(_, [x]) = n {
                    if egraph.find(*x) == t && !group.iter().any(|(c, _)| *c == p) {
                        group.push((p, n.clone()));
                    }
                }
            }
        }
        if group.len() > 1 {
            out.push(group);
        }
    }
    out
}

/// Improve `ex` with groups of nodes that only pay off together: the applications of
/// multi-root rules (merging parallel products pays off only when every root takes its part
/// of the merged product) and the projections of each multi-result op (one op feeding
/// several classes). Per-class greedy extraction cannot see either. Each group is tried as
/// a whole and kept when the DAG cost of the roots' terms goes down and the choices stay
/// acyclic; groups are retried until nothing improves (at most `rounds` times). Returns how
/// many groups were taken.
pub fn improve_with_groups(
    p: &Problem<'_, '_>,
    roots: &[Id],
    ex: &mut Extraction,
    cost: &dyn CostModel,
    rounds: usize,
) -> usize {
    let eg = p.egraph;
    let mut groups: Vec<Vec<(Id, Node)>> = eg.analysis.groups.clone();
    groups.extend(projection_groups(eg));
    if groups.is_empty() {
        return 0;
    }
    let mut best = dag_cost(eg, &|c| ex.node(c).cloned(), roots, cost);
    let mut taken = 0;
    for _ in 0..rounds {
        let mut improved = false;
        for g in &groups {
            let cands: Vec<(Id, Node)> = g
                .iter()
                .map(|(c, n)| (eg.find(*c), n.clone().map_children(|x| eg.find(x))))
                .collect();
            if cands.iter().all(|(c, n)| ex.node(*c) == Some(n))
                || !cands.iter().all(|(c, n)| choosable(p, ex, *c, n))
            {
                continue;
            }
            let old: Vec<(Id, Option<Node>)> = cands
                .iter()
                .map(|(c, n)| (*c, ex.choice.insert(*c, n.clone())))
                .collect();
            let c = if has_cycle(eg, ex, roots) {
                f64::MAX
            } else {
                dag_cost(eg, &|c| ex.node(c).cloned(), roots, cost)
            };
            if c < best {
                best = c;
                taken += 1;
                improved = true;
            } else {
                for (cl, n) in old.into_iter().rev() {
                    match n {
                        Some(n) => ex.choice.insert(cl, n),
                        None => ex.choice.remove(&cl),
                    };
                }
            }
        }
        if !improved {
            break;
        }
    }
    taken
}

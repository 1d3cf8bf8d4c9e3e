//! The e-class analysis: result types (through each op's [`OpDef::infer`]) and constant
//! values (through each op's [`OpDef::fold`]), so that rules can have side conditions on
//! shapes and values and constant folding happens inside the e-graph.
//!
//! * Types: a class's result types are what inference gives its nodes (all nodes of a class
//!   have the same types: rules only union a right-hand side whose inferred types equal the
//!   matched class's, see [`crate::rules`]). Attribute classes have no types.
//! * Constants: an op node whose operands all have known constant values is folded by its
//!   op's folder (on a scratch copy of the op, within [`GraphAnalysis::fold_limit`] elements);
//!   a class with a constant value gets the constant op of its dialect (the first op of the
//!   dialect with a [`materialize_constant`](strata_ir::OpDef::materialize_constant) hook,
//!   e.g. `graph.constant`, `arith.constant`) as an extra node, which extraction can pick.

use crate::language::Node;
use egg::{Analysis, DidMerge, EGraph, Id};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::panic::{catch_unwind, AssertUnwindSafe};
use strata_ir::{
    Attribute, Body, Context, FoldResult, OpDef, OpName, OpRef, OperationState, Symbol, Traits,
    Type, TypeKind,
};

/// The result types of a class (several for a multi-result op's tuple class).
pub type Types = SmallVec<[Type; 1]>;

/// What the analysis knows about one e-class.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClassData {
    /// Result types; `None` for attribute classes.
    pub types: Option<Types>,
    /// The attribute, for attribute classes.
    pub attr: Option<Attribute>,
    /// The constant value (an elements or scalar attribute of the class's type), if known.
    pub constant: Option<Attribute>,
    /// The constant op that can hold [`ClassData::constant`].
    pub materializer: Option<OpName>,
    /// A class this one equals because an op's folder said so (`x * 1` folds to `x`); the
    /// analysis unions them.
    pub same_as: Option<Id>,
}

impl ClassData {
    /// The single result type, if the class has exactly one.
    pub fn ty(&self) -> Option<Type> {
        match self.types.as_deref() {
            Some([t]) => Some(*t),
            _ => None,
        }
    }
}

/// Counters kept by the analysis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnalysisStats {
    /// Op nodes folded to constants.
    pub folds: u64,
    /// Constant nodes added to classes.
    pub constants_added: u64,
    /// Merges of classes whose types disagreed (a sign of an unsound rule; the first kept).
    pub type_conflicts: u64,
    /// Merges of classes whose constant values disagreed (floating-point reassociation; the
    /// first kept).
    pub constant_conflicts: u64,
}

/// A class created by a rule application: `(class, rule, matched class)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Created {
    /// The new class.
    pub class: Id,
    /// The rule that created it.
    pub rule: egg::Symbol,
    /// The class the rule matched (its location is inherited).
    pub from: Id,
}

/// One application of a multi-root rule: for each root, the matched class and the node
/// the rule unioned into it. Extraction tries choosing all of them together.
pub type Group = Vec<(Id, Node)>;

/// The analysis: a context, the types of the opaque leaves, and folding limits.
pub struct GraphAnalysis<'a> {
    /// The context.
    pub ctx: &'a Context,
    /// The type of each [`Node::Leaf`].
    pub leaf_types: Vec<Type>,
    /// Largest number of elements an operand or result may have to be folded (constant ops
    /// always give their value).
    pub fold_limit: u64,
    /// Whether ops other than constants are folded (off to keep terms exactly as built, as
    /// the soundness harness does).
    pub fold_ops: bool,
    /// Classes created by rules, in creation order.
    pub created: Vec<Created>,
    /// Applications of multi-root rules, in order.
    pub groups: Vec<Group>,
    /// Rules stop applying matches once the e-graph has this many nodes (the runner's node
    /// limit; egg itself only checks between rules).
    pub node_limit: usize,
    /// Counters.
    pub stats: AnalysisStats,
    materializers: FxHashMap<Symbol, Option<OpName>>,
}

impl<'a> GraphAnalysis<'a> {
    /// An analysis over `ctx` with no leaves and a fold limit of 2^20 elements.
    pub fn new(ctx: &'a Context) -> Self {
        GraphAnalysis {
            ctx,
            leaf_types: Vec::new(),
            fold_limit: 1 << 20,
            fold_ops: true,
            created: Vec::new(),
            groups: Vec::new(),
            node_limit: usize::MAX,
            stats: AnalysisStats::default(),
            materializers: FxHashMap::default(),
        }
    }

    /// The constant op of the dialect of `name` (cached).
    fn materializer_for(&mut self, name: OpName) -> Option<OpName> {
        let ctx = self.ctx;
        let dialect = ctx.op_info(name).dialect;
        *self.materializers.entry(dialect).or_insert_with(|| {
            let d = ctx.dialects().find(|d| d.name == ctx.str(dialect))?;
            let def = d.ops.iter().find(|o| o.materialize_constant.is_some())?;
            Some(ctx.op_name(def.name))
        })
    }
}

/// The definition of `name` if it can live in the e-graph: registered, pure, no regions or
/// successors, with result type inference.
pub fn eqsat_def(ctx: &Context, name: OpName) -> Option<&'static OpDef> {
    let def = ctx.op_def(name)?;
    let ok = def.has(Traits::PURE)
        && !def.has(Traits::HAS_SIDE_EFFECTS)
        && !def.has(Traits::TERMINATOR)
        && !def.has(Traits::ISOLATED_FROM_ABOVE)
        && def.regions.allows(0)
        && def.successors.allows(0)
        && def.infer.is_some();
    ok.then_some(def)
}

/// Infer the result types of op `name` with `operands` types and properties `props`,
/// keeping the first `results` of them (0: all).
pub fn infer_types(
    ctx: &Context,
    name: OpName,
    operands: &[Type],
    props: Attribute,
    results: u32,
) -> Option<Types> {
    let def = eqsat_def(ctx, name)?;
    let infer = def.infer?;
    let types = catch_unwind(AssertUnwindSafe(|| infer(ctx, operands, props))).ok()?;
    let mut types = types.ok()?;
    if results > 0 {
        if types.len() < results as usize {
            return None;
        }
        types.truncate(results as usize);
    }
    if !def.results.allows(types.len()) || types.is_empty() {
        return None;
    }
    Some(types.into_iter().collect())
}

/// The result count an op node records for an op with `declared` results: the count for
/// ops with a range of result counts, 0 (all inferred) otherwise.
pub fn result_count_for(def: &OpDef, declared: usize) -> u32 {
    match def.results {
        strata_ir::Arity::Range(..) => u32::try_from(declared).unwrap_or(0),
        _ => 0,
    }
}

/// The number of elements of a statically shaped type (1 for scalars).
pub fn static_numel(ctx: &Context, ty: Type) -> Option<u64> {
    match ctx.type_kind(ty) {
        TypeKind::RankedTensor { shape, .. } | TypeKind::Vector { shape, .. } => {
            shape.iter().try_fold(1u64, |acc, &d| {
                if d < 0 {
                    None
                } else {
                    acc.checked_mul(d as u64)
                }
            })
        }
        TypeKind::Integer { .. } | TypeKind::Index | TypeKind::Float(_) => Some(1),
        _ => None,
    }
}

/// What a folder made of a single-result op.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folded {
    /// A constant.
    Attr(Attribute),
    /// Its operand number `.0`.
    Operand(usize),
}

/// Run the folder of op `name` on a scratch copy of the op (its operands are block
/// arguments); `Some` when it folds its single result.
#[allow(clippy::too_many_arguments)]
pub fn fold_scratch(
    ctx: &Context,
    def: &OpDef,
    name: OpName,
    props: Attribute,
    attrs: Attribute,
    operand_types: &[Type],
    result_types: &[Type],
    consts: &[Option<Attribute>],
) -> Option<Folded> {
    let fold = def.fold?;
    let mut body = Body::new();
    let block = body.create_block();
    let args: Vec<_> = operand_types
        .iter()
        .map(|&t| body.add_block_arg(block, t))
        .collect();
    let mut st = OperationState::new(ctx, name, ctx.unknown_loc());
    st.operands = args.clone();
    st.result_types = result_types.to_vec();
    st.props = Some(props);
    st.attrs = Some(attrs);
    let op = body.create_op(st);
    body.append_op(block, op);
    let r = catch_unwind(AssertUnwindSafe(|| {
        fold(OpRef::new(ctx, &body, op), consts)
    }))
    .ok()
    .flatten()?;
    match r.as_slice() {
        [FoldResult::Attr(a)] => Some(Folded::Attr(*a)),
        [FoldResult::Value(v)] => args.iter().position(|a| a == v).map(Folded::Operand),
        _ => None,
    }
}

fn make_op(
    egraph: &mut EGraph<Node, GraphAnalysis<'_>>,
    name: OpName,
    attrs: Attribute,
    results: u32,
    children: &[Id],
) -> ClassData {
    let ctx = egraph.analysis.ctx;
    let Some((&props_id, operands)) = children.split_last() else {
        return ClassData::default();
    };
    let Some(props) = egraph[props_id].data.attr else {
        return ClassData::default();
    };
    let mut tys = Vec::with_capacity(operands.len());
    let mut consts = Vec::with_capacity(operands.len());
    for &c in operands {
        let d = &egraph[c].data;
        match d.ty() {
            Some(t) => tys.push(t),
            None => return ClassData::default(),
        }
        consts.push(d.constant);
    }
    let types = infer_types(ctx, name, &tys, props, results);
    let mut data = ClassData {
        types,
        ..ClassData::default()
    };
    let Some(result_ty) = data.ty() else {
        return data;
    };
    // Folders need constants: all of them to fold to a constant, one for identities
    // (`x * 1`).
    if !consts.is_empty() && !consts.iter().any(Option::is_some) {
        return data;
    }
    let Some(def) = ctx.op_def(name) else {
        return data;
    };
    if !def.has(Traits::CONSTANT_LIKE) {
        let limit = egraph.analysis.fold_limit;
        let small = |t: Type| static_numel(ctx, t).is_some_and(|n| n <= limit);
        if !egraph.analysis.fold_ops || !small(result_ty) || !tys.iter().all(|&t| small(t)) {
            return data;
        }
    }
    match fold_scratch(ctx, def, name, props, attrs, &tys, &[result_ty], &consts) {
        Some(Folded::Attr(c)) => {
            data.constant = Some(c);
            data.materializer = egraph.analysis.materializer_for(name);
            if !def.has(Traits::CONSTANT_LIKE) {
                egraph.analysis.stats.folds += 1;
            }
        }
        Some(Folded::Operand(i)) => {
            data.same_as = operands.get(i).copied();
            data.constant = consts.get(i).copied().flatten();
            if data.constant.is_some() {
                data.materializer = egraph.analysis.materializer_for(name);
            }
            egraph.analysis.stats.folds += 1;
        }
        None => {}
    }
    data
}

impl Analysis<Node> for GraphAnalysis<'_> {
    type Data = ClassData;

    fn make(egraph: &mut EGraph<Node, Self>, enode: &Node) -> ClassData {
        match enode {
            Node::Attr(a) => ClassData {
                attr: Some(*a),
                ..ClassData::default()
            },
            Node::Leaf(i) => ClassData {
                types: egraph
                    .analysis
                    .leaf_types
                    .get(*i as usize)
                    .map(|&t| SmallVec::from_slice(&[t])),
                ..ClassData::default()
            },
            Node::Get(i, [t]) => ClassData {
                types: egraph[*t]
                    .data
                    .types
                    .as_ref()
                    .and_then(|ts| ts.get(*i as usize))
                    .map(|&t| SmallVec::from_slice(&[t])),
                ..ClassData::default()
            },
            Node::Op {
                name,
                attrs,
                results,
                children,
            } => {
                let children = children.clone();
                make_op(egraph, *name, *attrs, *results, &children)
            }
        }
    }

    fn merge(&mut self, a: &mut ClassData, b: ClassData) -> DidMerge {
        let mut changed_a = false;
        let mut changed_b = false;
        match (&a.types, b.types) {
            (None, Some(t)) => {
                a.types = Some(t);
                changed_a = true;
            }
            (Some(_), None) => changed_b = true,
            (Some(x), Some(y)) if *x != y => {
                self.stats.type_conflicts += 1;
                changed_b = true;
            }
            _ => {}
        }
        match (a.attr, b.attr) {
            (None, Some(t)) => {
                a.attr = Some(t);
                changed_a = true;
            }
            (Some(_), None) => changed_b = true,
            (Some(x), Some(y)) if x != y => changed_b = true,
            _ => {}
        }
        if a.same_as.is_none() && b.same_as.is_some() {
            a.same_as = b.same_as;
            changed_a = true;
        } else if a.same_as.is_some() && b.same_as.is_none() {
            changed_b = true;
        }
        match (a.constant, b.constant) {
            (None, Some(c)) => {
                a.constant = Some(c);
                a.materializer = b.materializer;
                changed_a = true;
            }
            (Some(_), None) => changed_b = true,
            (Some(x), Some(y)) if x != y => {
                self.stats.constant_conflicts += 1;
                changed_b = true;
            }
            _ => {}
        }
        DidMerge(changed_a, changed_b)
    }

    fn modify(egraph: &mut EGraph<Node, Self>, id: Id) {
        if let Some(o) = egraph[id].data.same_as {
            if egraph.find(o) != egraph.find(id) {
                if egraph.are_explanations_enabled() {
                    egraph.union_trusted(id, o, "fold");
                } else {
                    egraph.union(id, o);
                }
            }
        }
        let data = &egraph[id].data;
        let (Some(value), Some(mat), Some(ty)) = (data.constant, data.materializer, data.ty())
        else {
            return;
        };
        if egraph[id].nodes.iter().any(|n| n.op_name() == Some(mat)) {
            return;
        }
        let ctx = egraph.analysis.ctx;
        let props = ctx.dict_attr(&[("value", value)]);
        match infer_types(ctx, mat, &[], props, 0) {
            Some(t) if t.as_slice() == [ty] => {}
            _ => return,
        }
        let p = egraph.add(Node::Attr(props));
        let empty = ctx.empty_dict();
        let c = egraph.add(Node::op(mat, empty, &[], p));
        egraph.analysis.stats.constants_added += 1;
        if egraph.are_explanations_enabled() {
            egraph.union_trusted(id, c, "constant-fold");
        } else {
            egraph.union(id, c);
        }
    }
}

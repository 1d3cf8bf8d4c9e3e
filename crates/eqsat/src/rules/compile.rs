//! Compiling rule text against a context into egg searchers and a rule applier.
//!
//! Checks made once, when a rule is compiled: every op name is registered, pure and has
//! result type inference; each op application has an allowed number of operands and, when
//! the op declares attributes, an attribute child last (ops without declared attributes get
//! an implicit `{}`); variables are used consistently as values or as attributes; every
//! variable of the right-hand side, the conditions and the bindings is bound; functions exist.
//!
//! Checks made for every match, by the rule's applier: the `where` bindings evaluate, the `if`
//! conditions hold, and **the right-hand side's inferred types equal the matched class's
//! types** (the type guard) — only then are its nodes added and unioned. The guard makes
//! shape-changing instances of a rule (a broadcast that would change the result type, a
//! reshape chain that does not come back to its input's shape) impossible by construction.

use super::expr::{compile_expr, eval, CExpr, Env, Val};
use super::parse::{parse_rule, Expr, Pat, Side};
use crate::analysis::{eqsat_def, infer_types, Created, GraphAnalysis, Types};
use crate::language::Node;
use egg::{
    Applier, ENodeOrVar, Id, Language, MultiPattern, Pattern, PatternAst, RecExpr, Rewrite,
    Searcher, Subst, Symbol, Var,
};
use indexmap::IndexMap;
use std::sync::Arc;
use strata_ir::{AttrKind, Context};

type EG<'a> = egg::EGraph<Node, GraphAnalysis<'a>>;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum VarKind {
    Value,
    Attr,
}

/// The left-hand side of a compiled rule.
#[derive(Clone, Debug)]
pub(crate) enum Lhs {
    Single(PatternAst<Node>),
    Multi(Vec<(Var, PatternAst<Node>)>),
}

/// A compiled rule: its searcher and applier, ready to become an [`egg::Rewrite`].
#[derive(Clone)]
pub struct Rule {
    /// The rule's name (kebab-case, unique within its pack).
    pub name: String,
    /// The pack it came from.
    pub pack: String,
    /// The rule text.
    pub text: String,
    pub(crate) lhs: Lhs,
    pub(crate) applier: Arc<RuleApplier>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("name", &self.name)
            .field("text", &self.text)
            .finish_non_exhaustive()
    }
}

/// Applies a rule's right-hand side(s) for one match (see the [module docs](self)).
pub(crate) struct RuleApplier {
    pub(crate) name: Symbol,
    /// Left-hand side pattern per right-hand root (for explanations).
    pub(crate) lhs: Vec<PatternAst<Node>>,
    /// Right-hand sides: the root variable (multi-root rules) and the pattern.
    pub(crate) rhs: Vec<(Option<Var>, PatternAst<Node>)>,
    pub(crate) bindings: Vec<(Var, CExpr)>,
    pub(crate) conds: Vec<CExpr>,
    pub(crate) vars: Vec<Var>,
}

/// Why a match was not applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reject {
    Binding,
    Condition,
    Types,
}

impl RuleApplier {
    /// Evaluate bindings (adding their attribute leaves) and conditions.
    pub(crate) fn prepare(
        &self,
        egraph: &mut EG<'_>,
        root: Id,
        subst: &Subst,
    ) -> Result<Subst, Reject> {
        let mut subst = subst.clone();
        for (v, e) in &self.bindings {
            let val = eval(&Env { egraph }, e, &subst, root).ok_or(Reject::Binding)?;
            let attr = match val {
                Val::Attr(a) => a,
                other => {
                    super::expr::val_to_attr(egraph.analysis.ctx, &other).ok_or(Reject::Binding)?
                }
            };
            let id = egraph.add(Node::Attr(attr));
            subst.insert(*v, id);
        }
        for c in &self.conds {
            match eval(&Env { egraph }, c, &subst, root) {
                Some(Val::Bool(true)) => {}
                _ => return Err(Reject::Condition),
            }
        }
        Ok(subst)
    }

    /// The class each right-hand side is unioned with.
    pub(crate) fn target(&self, i: usize, root: Id, subst: &Subst) -> Id {
        match self.rhs[i].0 {
            Some(v) => subst[v],
            None => root,
        }
    }

    /// Whether every right-hand side infers to its target's types.
    pub(crate) fn types_ok(&self, egraph: &EG<'_>, root: Id, subst: &Subst) -> bool {
        self.rhs.iter().enumerate().all(|(i, (_, pat))| {
            let target = &egraph[self.target(i, root, subst)].data;
            match rhs_types(egraph, pat, subst) {
                Some(Slot::Types(t)) => target.types.as_ref() == Some(&t),
                Some(Slot::Class(c)) => {
                    let d = &egraph[c].data;
                    d.types.is_some() && d.types == target.types
                }
                Some(Slot::Attr(_)) | None => false,
            }
        })
    }

    /// Bindings, conditions and the type guard; the substitution to instantiate with.
    pub(crate) fn check(
        &self,
        egraph: &mut EG<'_>,
        root: Id,
        subst: &Subst,
    ) -> Result<Subst, Reject> {
        let s = self.prepare(egraph, root, subst)?;
        if self.types_ok(egraph, root, &s) {
            Ok(s)
        } else {
            Err(Reject::Types)
        }
    }
}

/// What a right-hand side sub-pattern stands for while its types are checked.
enum Slot {
    Class(Id),
    Attr(strata_ir::Attribute),
    Types(Types),
}

fn rhs_types(egraph: &EG<'_>, pat: &PatternAst<Node>, subst: &Subst) -> Option<Slot> {
    let ctx = egraph.analysis.ctx;
    let mut slots: Vec<Slot> = Vec::with_capacity(pat.as_ref().len());
    for n in pat.as_ref() {
        let slot = match n {
            ENodeOrVar::Var(v) => Slot::Class(*subst.get(*v)?),
            ENodeOrVar::ENode(Node::Attr(a)) => Slot::Attr(*a),
            ENodeOrVar::ENode(Node::Leaf(_)) => return None,
            ENodeOrVar::ENode(Node::Get(i, [c])) => {
                let t = match &slots[usize::from(*c)] {
                    Slot::Types(t) => t.get(*i as usize).copied(),
                    Slot::Class(id) => egraph[*id]
                        .data
                        .types
                        .as_ref()
                        .and_then(|t| t.get(*i as usize).copied()),
                    Slot::Attr(_) => None,
                }?;
                Slot::Types(Types::from_slice(&[t]))
            }
            ENodeOrVar::ENode(node @ Node::Op { name, results, .. }) => {
                let props = match &slots[usize::from(node.props()?)] {
                    Slot::Attr(a) => *a,
                    Slot::Class(id) => egraph[*id].data.attr?,
                    Slot::Types(_) => return None,
                };
                let mut tys = Vec::with_capacity(node.operands().len());
                for &c in node.operands() {
                    let t = match &slots[usize::from(c)] {
                        Slot::Types(t) if t.len() == 1 => t[0],
                        Slot::Class(id) => egraph[*id].data.ty()?,
                        _ => return None,
                    };
                    tys.push(t);
                }
                Slot::Types(infer_types(ctx, *name, &tys, props, *results)?)
            }
        };
        slots.push(slot);
    }
    slots.pop()
}

/// Add the instantiation of `pat` under `subst`, recording classes it creates (and, with
/// `nodes`, every node it adds or finds).
pub(crate) fn instantiate(
    egraph: &mut EG<'_>,
    pat: &PatternAst<Node>,
    subst: &Subst,
    rule: Symbol,
    from: Id,
    mut nodes: Option<&mut Vec<(Id, Node)>>,
) -> Id {
    let mut ids: Vec<Id> = Vec::with_capacity(pat.as_ref().len());
    for n in pat.as_ref() {
        let id = match n {
            ENodeOrVar::Var(v) => subst[*v],
            ENodeOrVar::ENode(node) => {
                let node = node.clone().map_children(|c| ids[usize::from(c)]);
                let id = match egraph.lookup(node.clone()) {
                    Some(id) => id,
                    None => {
                        let id = egraph.add(node.clone());
                        egraph.analysis.created.push(Created {
                            class: id,
                            rule,
                            from,
                        });
                        id
                    }
                };
                if let Some(v) = nodes.as_deref_mut() {
                    v.push((id, node));
                }
                id
            }
        };
        ids.push(id);
    }
    *ids.last().expect("patterns are never empty")
}

impl<'a> Applier<Node, GraphAnalysis<'a>> for RuleApplier {
    fn apply_one(
        &self,
        egraph: &mut EG<'a>,
        eclass: Id,
        subst: &Subst,
        _searcher_ast: Option<&PatternAst<Node>>,
        rule_name: Symbol,
    ) -> Vec<Id> {
        if egraph.total_size() >= egraph.analysis.node_limit {
            return Vec::new();
        }
        let Ok(subst) = self.check(egraph, eclass, subst) else {
            return Vec::new();
        };
        let mut changed = Vec::new();
        let mut group = Vec::new();
        for (i, (_, pat)) in self.rhs.iter().enumerate() {
            let target = self.target(i, eclass, &subst);
            let mut nodes = Vec::new();
            let id = instantiate(egraph, pat, &subst, rule_name, target, Some(&mut nodes));
            if let Some((_, n)) = nodes.pop() {
                group.push((target, n));
            }
            let did = if egraph.are_explanations_enabled() {
                egraph
                    .union_instantiations(&self.lhs[i], pat, &subst, rule_name)
                    .1
            } else {
                egraph.union(target, id)
            };
            if did {
                changed.push(egraph.find(target));
            }
        }
        if self.rhs.len() > 1 && !changed.is_empty() {
            egraph.analysis.groups.push(group);
        }
        changed
    }

    fn vars(&self) -> Vec<Var> {
        self.vars.clone()
    }
}

// ----- compilation -----

struct Compiler<'c> {
    ctx: &'c Context,
    kinds: IndexMap<String, VarKind>,
}

impl Compiler<'_> {
    fn note_var(&mut self, v: &str, kind: VarKind, defining: bool) -> Result<(), String> {
        if v == "?root" {
            return Err("'?root' is reserved for the matched class".into());
        }
        match self.kinds.get(v) {
            Some(k) if *k != kind => Err(format!(
                "variable {v} is used both as a value and as an attribute"
            )),
            Some(_) => Ok(()),
            None if defining => {
                self.kinds.insert(v.to_string(), kind);
                Ok(())
            }
            None => Err(format!("variable {v} is not bound by the left-hand side")),
        }
    }

    /// Add `pat` to `ast`; `defining` for left-hand sides (variables get bound).
    fn pattern(
        &mut self,
        pat: &Pat,
        kind: VarKind,
        defining: bool,
        ast: &mut PatternAst<Node>,
    ) -> Result<Id, String> {
        let ctx = self.ctx;
        match pat {
            Pat::Var(v) => {
                self.note_var(v, kind, defining)?;
                Ok(ast.add(ENodeOrVar::Var(
                    v.parse().map_err(|e| format!("bad variable {v}: {e}"))?,
                )))
            }
            Pat::Dict(text) => {
                if kind != VarKind::Attr {
                    return Err(format!("attribute {text} used where a value is expected"));
                }
                let a = strata_ir::text::parse_attr(ctx, text)
                    .map_err(|e| format!("bad attribute {text}: {}", e.message))?;
                if !matches!(ctx.attr_kind(a), AttrKind::Dict(_)) {
                    return Err(format!("{text} is not a dictionary attribute"));
                }
                Ok(ast.add(ENodeOrVar::ENode(Node::Attr(a))))
            }
            Pat::Get(i, inner) => {
                if kind != VarKind::Value {
                    return Err("'get' used where an attribute is expected".into());
                }
                let c = self.pattern(inner, VarKind::Value, defining, ast)?;
                Ok(ast.add(ENodeOrVar::ENode(Node::Get(*i, [c]))))
            }
            Pat::Op(name, children) => {
                if kind != VarKind::Value {
                    return Err(format!("op '{name}' used where an attribute is expected"));
                }
                let def = ctx
                    .op_def_by_name(name)
                    .ok_or_else(|| format!("op '{name}' is not registered"))?;
                let op = ctx.op_name(name);
                if eqsat_def(ctx, op).is_none() {
                    return Err(format!(
                        "op '{name}' cannot be in an e-graph (it must be pure, without regions, \
                         with result type inference)"
                    ));
                }
                let (operands, attr) = if def.attrs.is_empty() {
                    (children.as_slice(), None)
                } else {
                    match children.split_last() {
                        Some((last @ (Pat::Var(_) | Pat::Dict(_)), rest)) => (rest, Some(last)),
                        _ => {
                            return Err(format!(
                                "op '{name}' declares attributes: its last child must be its \
                                 attribute dictionary ('?var' or '{{...}}')"
                            ))
                        }
                    }
                };
                if !def.operands.allows(operands.len()) {
                    return Err(format!(
                        "op '{name}' takes {} operands, but the pattern gives {}",
                        def.operands.describe(),
                        operands.len()
                    ));
                }
                let mut ids = Vec::with_capacity(operands.len());
                for c in operands {
                    ids.push(self.pattern(c, VarKind::Value, defining, ast)?);
                }
                let props = match attr {
                    Some(a) => self.pattern(a, VarKind::Attr, defining, ast)?,
                    None => ast.add(ENodeOrVar::ENode(Node::Attr(ctx.empty_dict()))),
                };
                let results = match def.results {
                    strata_ir::Arity::Range(..) => 1,
                    _ => 0,
                };
                Ok(ast.add(ENodeOrVar::ENode(Node::op_with_results(
                    op,
                    ctx.empty_dict(),
                    results,
                    &ids,
                    props,
                ))))
            }
        }
    }

    fn ast(&mut self, pat: &Pat, defining: bool) -> Result<PatternAst<Node>, String> {
        let mut ast = RecExpr::default();
        self.pattern(pat, VarKind::Value, defining, &mut ast)?;
        Ok(ast)
    }
}

fn vars_of(ast: &PatternAst<Node>) -> Vec<Var> {
    let mut v: Vec<Var> = ast
        .as_ref()
        .iter()
        .filter_map(|n| match n {
            ENodeOrVar::Var(v) => Some(*v),
            ENodeOrVar::ENode(_) => None,
        })
        .collect();
    v.sort_unstable_by_key(|x| x.to_string());
    v.dedup();
    v
}

fn expr_vars(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Var(v) => out.push(v.clone()),
        Expr::Call(_, args) => args.iter().for_each(|a| expr_vars(a, out)),
        _ => {}
    }
}

/// Compile one direction of a rule.
fn compile_one(
    ctx: &Context,
    pack: &str,
    name: &str,
    text: &str,
    lhs: &Side,
    rhs: &Side,
    conds: &[Expr],
    bindings: &[(String, Expr)],
) -> Result<Rule, String> {
    let mut c = Compiler {
        ctx,
        kinds: IndexMap::new(),
    };
    let (lhs_c, lhs_asts, lhs_roots): (Lhs, Vec<PatternAst<Node>>, Vec<String>) = match lhs {
        Side::Single(p) => {
            if !matches!(p, Pat::Op(..) | Pat::Get(..)) {
                return Err("the left-hand side must be an op pattern".into());
            }
            let a = c.ast(p, true)?;
            (Lhs::Single(a.clone()), vec![a], Vec::new())
        }
        Side::Multi(roots) => {
            let mut v = Vec::new();
            let mut names = Vec::new();
            for (root, p) in roots {
                if !matches!(p, Pat::Op(..) | Pat::Get(..)) {
                    return Err(format!("root {root} must be bound to an op pattern"));
                }
                let a = c.ast(p, true)?;
                c.note_var(root, VarKind::Value, true)?;
                let var: Var = root
                    .parse()
                    .map_err(|e| format!("bad variable {root}: {e}"))?;
                v.push((var, a));
                names.push(root.clone());
            }
            let asts = v.iter().map(|(_, a)| a.clone()).collect();
            (Lhs::Multi(v), asts, names)
        }
    };
    let single = matches!(lhs_c, Lhs::Single(_));
    // Bindings may use left-hand variables and earlier bindings.
    let mut compiled_bindings = Vec::new();
    for (v, e) in bindings {
        let kinds = &c.kinds;
        let ce = compile_expr(ctx, e, &|x| kinds.contains_key(x), single)
            .map_err(|m| format!("in the binding of {v}: {m}"))?;
        if c.kinds.contains_key(v) {
            return Err(format!("variable {v} is bound twice"));
        }
        c.note_var(v, VarKind::Attr, true)?;
        compiled_bindings.push((v.parse().map_err(|e| format!("bad variable {v}: {e}"))?, ce));
    }
    let mut compiled_conds = Vec::new();
    for e in conds {
        let kinds = &c.kinds;
        compiled_conds.push(
            compile_expr(ctx, e, &|x| kinds.contains_key(x), single)
                .map_err(|m| format!("in a condition: {m}"))?,
        );
    }
    let rhs_c: Vec<(Option<Var>, PatternAst<Node>)> = match (rhs, single) {
        (Side::Single(p), true) => vec![(None, c.ast(p, false)?)],
        (Side::Multi(roots), false) => {
            let mut out = Vec::new();
            for (root, p) in roots {
                if !lhs_roots.contains(root) {
                    return Err(format!(
                        "right-hand root {root} is not a root of the left-hand side"
                    ));
                }
                let var: Var = root
                    .parse()
                    .map_err(|e| format!("bad variable {root}: {e}"))?;
                out.push((Some(var), c.ast(p, false)?));
            }
            out
        }
        _ => {
            return Err(
                "both sides must be single patterns or both multi-root ('?a = ..., ?b = ...')"
                    .into(),
            )
        }
    };
    let lhs_for_rhs: Vec<PatternAst<Node>> = rhs_c
        .iter()
        .map(|(root, _)| match root {
            None => lhs_asts[0].clone(),
            Some(r) => {
                let i = lhs_roots
                    .iter()
                    .position(|n| n == &r.to_string())
                    .unwrap_or(0);
                lhs_asts[i].clone()
            }
        })
        .collect();
    // Variables the applier reads that the searcher must bind.
    let bound_by_where: Vec<Var> = compiled_bindings.iter().map(|(v, _)| *v).collect();
    let mut used: Vec<Var> = rhs_c.iter().flat_map(|(_, a)| vars_of(a)).collect();
    let mut names = Vec::new();
    conds
        .iter()
        .chain(bindings.iter().map(|(_, e)| e))
        .for_each(|e| expr_vars(e, &mut names));
    for n in names {
        if n != "?root" {
            if let Ok(v) = n.parse::<Var>() {
                used.push(v);
            }
        }
    }
    for (r, _) in &rhs_c {
        used.extend(r.iter().copied());
    }
    used.retain(|v| !bound_by_where.contains(v));
    used.sort_unstable_by_key(|x| x.to_string());
    used.dedup();
    let applier = RuleApplier {
        name: Symbol::from(name),
        lhs: lhs_for_rhs,
        rhs: rhs_c,
        bindings: compiled_bindings,
        conds: compiled_conds,
        vars: used,
    };
    let rule = Rule {
        name: name.to_string(),
        pack: pack.to_string(),
        text: text.to_string(),
        lhs: lhs_c,
        applier: Arc::new(applier),
    };
    // Let egg check variable binding too.
    rule.rewrite().map(|_| ())?;
    Ok(rule)
}

/// Compile rule `name` of `pack` from its `text`; a bidirectional rule (`<=>`) gives two rules,
/// the reverse one named `<name>-rev`.
pub fn compile_rule(
    ctx: &Context,
    pack: &str,
    name: &str,
    text: &str,
) -> Result<Vec<Rule>, String> {
    let ast = parse_rule(text).map_err(|e| format!("rule '{name}': {e}"))?;
    let wrap = |e: String| format!("rule '{name}': {e}");
    let fwd = compile_one(
        ctx,
        pack,
        name,
        text,
        &ast.lhs,
        &ast.rhs,
        &ast.conds,
        &ast.bindings,
    )
    .map_err(wrap)?;
    if !ast.bidirectional {
        return Ok(vec![fwd]);
    }
    if !ast.bindings.is_empty() {
        return Err(wrap(
            "a bidirectional rule cannot have 'where' bindings".into(),
        ));
    }
    let rev_name = format!("{name}-rev");
    let rev = compile_one(
        ctx,
        pack,
        &rev_name,
        text,
        &ast.rhs,
        &ast.lhs,
        &ast.conds,
        &[],
    )
    .map_err(|e| format!("rule '{name}' (reversed): {e}"))?;
    Ok(vec![fwd, rev])
}

impl Rule {
    /// The egg rewrite for this rule.
    pub fn rewrite<'a>(&self) -> Result<Rewrite<Node, GraphAnalysis<'a>>, String> {
        let applier = SharedApplier(self.applier.clone());
        match &self.lhs {
            Lhs::Single(ast) => Rewrite::new(self.name.clone(), Pattern::new(ast.clone()), applier),
            Lhs::Multi(roots) => {
                Rewrite::new(self.name.clone(), MultiPattern::new(roots.clone()), applier)
            }
        }
    }

    /// Search `egraph` for matches of the left-hand side.
    pub fn search<'a>(&self, egraph: &EG<'a>) -> Vec<egg::SearchMatches<'static, Node>> {
        let strip = |ms: Vec<egg::SearchMatches<'_, Node>>| {
            ms.into_iter()
                .map(|m| egg::SearchMatches {
                    eclass: m.eclass,
                    substs: m.substs,
                    ast: None,
                })
                .collect()
        };
        match &self.lhs {
            Lhs::Single(ast) => strip(Pattern::new(ast.clone()).search(egraph)),
            Lhs::Multi(roots) => strip(MultiPattern::new(roots.clone()).search(egraph)),
        }
    }

    /// The root variables of a multi-root rule (empty for single-pattern rules).
    pub fn roots(&self) -> Vec<Var> {
        match &self.lhs {
            Lhs::Single(_) => Vec::new(),
            Lhs::Multi(r) => r.iter().map(|(v, _)| *v).collect(),
        }
    }

    /// The left-hand side patterns (one per root).
    pub fn lhs_patterns(&self) -> Vec<PatternAst<Node>> {
        match &self.lhs {
            Lhs::Single(a) => vec![a.clone()],
            Lhs::Multi(r) => r.iter().map(|(_, a)| a.clone()).collect(),
        }
    }

    /// Check a match (bindings, conditions, type guard) without changing the e-graph's
    /// classes; on success, the right-hand sides instantiated (added, not unioned): one
    /// `(target class, right-hand class)` pair per right-hand side (in the order of
    /// [`Rule::roots`] for multi-root rules), and every node the instantiation added or
    /// found. `Err` names what failed.
    #[allow(clippy::type_complexity)]
    pub fn instantiate_rhs<'a>(
        &self,
        egraph: &mut EG<'a>,
        root: Id,
        subst: &Subst,
    ) -> Result<(Vec<(Id, Id)>, Vec<(Id, Node)>), String> {
        let s = self
            .applier
            .check(egraph, root, subst)
            .map_err(|r| match r {
                Reject::Binding => "a 'where' binding does not evaluate".to_string(),
                Reject::Condition => "an 'if' condition does not hold".to_string(),
                Reject::Types => {
                    "the right-hand side does not infer to the matched type".to_string()
                }
            })?;
        let mut out = Vec::new();
        let mut nodes = Vec::new();
        for (i, (_, pat)) in self.applier.rhs.iter().enumerate() {
            let target = self.applier.target(i, root, &s);
            let id = instantiate(egraph, pat, &s, self.applier.name, target, Some(&mut nodes));
            out.push((target, id));
        }
        Ok((out, nodes))
    }
}

/// An [`Arc`]ed applier (rewrites are rebuilt for every run).
struct SharedApplier(Arc<RuleApplier>);

impl<'a> Applier<Node, GraphAnalysis<'a>> for SharedApplier {
    fn apply_one(
        &self,
        egraph: &mut EG<'a>,
        eclass: Id,
        subst: &Subst,
        searcher_ast: Option<&PatternAst<Node>>,
        rule_name: Symbol,
    ) -> Vec<Id> {
        self.0
            .apply_one(egraph, eclass, subst, searcher_ast, rule_name)
    }
    fn vars(&self) -> Vec<Var> {
        self.0.vars.clone()
    }
}

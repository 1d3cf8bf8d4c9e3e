//! Explanations: for every op that a rebuild creates with a node that is not one of its
//! class's original ops, which rules produced it, as text.
//!
//! When the e-graph records explanations (egg's proof-producing mode,
//! [`BridgeOptions::explanations`](crate::bridge::BridgeOptions)), the original term of a
//! rewritten class and its extracted term are explained by egg
//! (`EGraph::explain_equivalence`) and the rules along the flattened proof are listed, with
//! the proof's steps. A class that only rules created (a merged matmul, a folded constant)
//! names the rule that created it. Proof terms are rendered with the context's op names by
//! an iterative printer, and everything is bounded (terms, steps, line length), so deep
//! inputs give truncated text, never a stack overflow.

use crate::bridge::BlockGraph;
use crate::extract::Extraction;
use crate::language::Node;
use egg::{FlatTerm, Id, Language, RecExpr};
use rustc_hash::FxHashMap;
use std::fmt::Write;
use strata_ir::Context;

/// Largest term (in nodes) egg is asked to explain.
pub const MAX_EXPLAINED_TERM: usize = 2_000;
/// Most proof steps printed per op.
pub const MAX_STEPS: usize = 12;
/// Longest rendered proof step.
pub const MAX_LINE: usize = 240;

/// The term of class `root` under `choice`, as a `RecExpr` (shared subterms once);
/// `None` when larger than `limit` nodes or when a class has no choice.
pub fn term(
    eg: &egg::EGraph<Node, crate::GraphAnalysis<'_>>,
    choice: &dyn Fn(Id) -> Option<Node>,
    root: Id,
    limit: usize,
) -> Option<RecExpr<Node>> {
    let mut expr = RecExpr::default();
    let mut memo: FxHashMap<Id, Id> = FxHashMap::default();
    let mut stack = vec![(eg.find(root), false)];
    let mut open: rustc_hash::FxHashSet<Id> = Default::default();
    while let Some((c, done)) = stack.pop() {
        if memo.contains_key(&c) {
            continue;
        }
        let n = choice(c)?;
        if done {
            let mapped = n.clone().map_children(|ch| memo[&eg.find(ch)]);
            memo.insert(c, expr.add(mapped));
            open.remove(&c);
            if expr.as_ref().len() > limit {
                return None;
            }
            continue;
        }
        if !open.insert(c) {
            return None;
        }
        stack.push((c, true));
        for &ch in n.children().iter().rev() {
            let ch = eg.find(ch);
            if !memo.contains_key(&ch) {
                stack.push((ch, false));
            }
        }
    }
    Some(expr)
}

/// Render a flat proof term with op names, iteratively, up to `max` characters.
pub fn render_flat(ctx: &Context, t: &FlatTerm<Node>, max: usize) -> String {
    enum Item<'t> {
        Term(&'t FlatTerm<Node>),
        Text(&'static str),
    }
    let mut out = String::new();
    let mut stack = vec![Item::Term(t)];
    while let Some(it) = stack.pop() {
        if out.len() > max {
            out.truncate(max);
            out.push_str(" ...");
            break;
        }
        match it {
            Item::Text(s) => out.push_str(s),
            Item::Term(t) => {
                if let Some(r) = t.forward_rule {
                    let _ = write!(out, "(Rewrite=> {r} ");
                } else if let Some(r) = t.backward_rule {
                    let _ = write!(out, "(Rewrite<= {r} ");
                }
                let wrapped = t.forward_rule.is_some() || t.backward_rule.is_some();
                if wrapped {
                    stack.push(Item::Text(")"));
                }
                if t.children.is_empty() {
                    out.push_str(&t.node.head(ctx));
                } else {
                    out.push('(');
                    out.push_str(&t.node.head(ctx));
                    stack.push(Item::Text(")"));
                    for c in t.children.iter().rev() {
                        stack.push(Item::Term(c));
                        stack.push(Item::Text(" "));
                    }
                }
            }
        }
    }
    out
}

/// The rules named anywhere in a flat proof term (iterative).
fn rules_in(t: &FlatTerm<Node>, out: &mut Vec<String>) {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        for r in [t.forward_rule, t.backward_rule].into_iter().flatten() {
            let s = r.to_string();
            if !out.contains(&s) {
                out.push(s);
            }
        }
        stack.extend(t.children.iter().rev());
    }
}

/// Explanations for the rewritten classes that a rebuild from `ex` creates for the roots of
/// `g`, one paragraph per op. Needs an e-graph built with explanations for proofs; without,
/// it lists what rules created (new classes) and says that proofs were not recorded.
pub fn explain(ctx: &Context, g: &mut BlockGraph<'_>, ex: &Extraction) -> String {
    let orig = g.original_nodes();
    let roots = g.root_classes();
    // Classes of the extracted terms, children first.
    let choice = |c: Id| ex.node(c).cloned();
    let mut planned = rustc_hash::FxHashSet::default();
    let mut order = Vec::new();
    {
        let m = crate::bridge::Materializer::new(&g.egraph, &choice, &g.leaves);
        for &r in &roots {
            if m.plan(r, &mut planned, &mut order).is_err() {
                return "explanation unavailable: the extraction has a cycle\n".into();
            }
        }
    }
    let mut created_by: FxHashMap<Id, String> = FxHashMap::default();
    for cr in &g.egraph.analysis.created {
        created_by
            .entry(g.egraph.find(cr.class))
            .or_insert_with(|| cr.rule.to_string());
    }
    enum Item {
        Created(String),
        Folded,
        NoProofs,
        TooLarge,
        Explain(RecExpr<Node>, RecExpr<Node>),
    }
    let mut items: Vec<(Id, String, Item)> = Vec::new();
    {
        let eg = &g.egraph;
        let orig_choice = |c: Id| -> Option<Node> {
            orig.get(&c).and_then(|v| v.first().cloned()).or_else(|| {
                eg[c]
                    .nodes
                    .iter()
                    .find(|n| matches!(n, Node::Leaf(_) | Node::Attr(_) | Node::Get(..)))
                    .cloned()
            })
        };
        for c in order {
            let Some(n) = ex.node(c) else { continue };
            if !matches!(n, Node::Op { .. }) || orig.get(&c).is_some_and(|v| v.contains(n)) {
                continue;
            }
            let item = if !orig.contains_key(&c) {
                match created_by.get(&c) {
                    Some(r) => Item::Created(r.clone()),
                    None => Item::Folded,
                }
            } else if !eg.are_explanations_enabled() {
                Item::NoProofs
            } else {
                match (
                    term(eg, &orig_choice, c, MAX_EXPLAINED_TERM),
                    term(eg, &choice, c, MAX_EXPLAINED_TERM),
                ) {
                    (Some(b), Some(a)) => Item::Explain(b, a),
                    _ => Item::TooLarge,
                }
            };
            items.push((c, n.head(ctx), item));
        }
    }
    let mut text = String::new();
    for (c, head, item) in items {
        let _ = write!(text, "{head} (e-class {c})");
        match item {
            Item::Created(r) => {
                let _ = writeln!(text, ": created by rule {r}");
            }
            Item::Folded => {
                let _ = writeln!(text, ": constant-fold");
            }
            Item::NoProofs => {
                let _ = writeln!(
                    text,
                    ": rewritten (proofs not recorded; saturate with explanations on)"
                );
            }
            Item::TooLarge => {
                let _ = writeln!(text, ": rewritten (term too large to explain)");
            }
            Item::Explain(before, after) => {
                let eg = &mut g.egraph;
                let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut expl = eg.explain_equivalence(&before, &after);
                    let flat = expl.make_flat_explanation();
                    let mut rules = Vec::new();
                    for step in flat.iter() {
                        rules_in(step, &mut rules);
                    }
                    let steps: Vec<String> = flat
                        .iter()
                        .take(MAX_STEPS)
                        .map(|st| render_flat(ctx, st, MAX_LINE))
                        .collect();
                    (rules, steps, flat.len())
                }));
                match res {
                    Ok((rules, steps, total)) => {
                        let _ = writeln!(text, ": rewritten by {}", rules.join(", "));
                        for st in steps {
                            let _ = writeln!(text, "    {st}");
                        }
                        if total > MAX_STEPS {
                            let _ = writeln!(text, "    ... {} more steps", total - MAX_STEPS);
                        }
                    }
                    Err(_) => {
                        let _ = writeln!(text, ": rewritten (no explanation available)");
                    }
                }
            }
        }
    }
    if text.is_empty() {
        text.push_str("no op was rewritten\n");
    }
    text
}

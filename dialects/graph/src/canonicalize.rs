//! Canonicalization patterns of the graph dialect (rewrites that create ops, which folders
//! cannot do). Each keeps the result type of the op it replaces.
//!
//! * `graph-compose-transposes`: `transpose(transpose(x, p1), p2)` becomes
//!   `transpose(x, p)` with `p[i] = p1[p2[i]]` (the identity composition is a fold);
//! * `graph-compose-reshapes`: a reshape-like op (`reshape`, `flatten`, `squeeze`,
//!   `unsqueeze`) of a reshape-like op becomes one `graph.reshape` of the chain's source, when
//!   the result shape can be written as a static target shape (at most one dynamic
//!   dimension, written `-1`; zero-sized dimensions only in fully static shapes, with
//!   `allowzero`).

use crate::attr::{i64_array, i64_array_attr, i64_attr};
use crate::reshape::RESHAPE_LIKE;
use crate::shape::{is_dynamic, is_permutation};
use crate::util::ranked;
use strata_ir::rewrite::{PatternRewriter, RewritePattern};
use strata_ir::{Attribute, Op, Value};

fn attr_of(rw: &PatternRewriter<'_>, op: Op, name: &str) -> Option<Attribute> {
    rw.op_ref(op).attr(name)
}

fn perm_of(rw: &PatternRewriter<'_>, op: Op) -> Option<Vec<i64>> {
    let body = rw.body();
    let (shape, _) = ranked(rw.ctx, body.value_type(body.operand(op, 0)))?;
    let perm = match attr_of(rw, op, "perm") {
        Some(a) => i64_array(rw.ctx, a)?,
        None => (0..shape.len() as i64).rev().collect(),
    };
    is_permutation(&perm, shape.len()).then_some(perm)
}

/// `graph-compose-transposes` (see the [module docs](self)).
pub struct ComposeTransposes;

impl RewritePattern for ComposeTransposes {
    fn name(&self) -> &str {
        "graph-compose-transposes"
    }
    fn root(&self) -> Option<&str> {
        Some("graph.transpose")
    }
    fn match_and_rewrite(&self, op: Op, rw: &mut PatternRewriter<'_>) -> bool {
        let body = rw.body();
        if body.num_operands(op) != 1 || body.results(op).len() != 1 {
            return rw.notify_match_failure(op, "malformed transpose");
        }
        let Some(inner) = body.defining_op(body.operand(op, 0)) else {
            return rw.notify_match_failure(op, "operand is not an op result");
        };
        if body.name(inner) != body.name(op) || body.num_operands(inner) != 1 {
            return rw.notify_match_failure(op, "operand is not a transpose");
        }
        let (Some(p2), Some(p1)) = (perm_of(rw, op), perm_of(rw, inner)) else {
            return rw.notify_match_failure(op, "invalid permutation");
        };
        if p1.len() != p2.len() {
            return rw.notify_match_failure(op, "ranks differ");
        }
        let perm: Vec<i64> = p2.iter().map(|&i| p1[i as usize]).collect();
        let x = rw.body().operand(inner, 0);
        let ty = rw.body().value_type(rw.body().result(op, 0));
        let p = i64_array_attr(rw.ctx, &perm);
        let v = rw.build_value("graph.transpose", &[x], ty, &[("perm", p)]);
        rw.replace_op(op, &[v]);
        true
    }
}

/// `graph-compose-reshapes` (see the [module docs](self)), rooted at one reshape-like op.
pub struct ComposeReshapes {
    /// The op this instance is rooted at.
    pub root: &'static str,
}

fn reshape_like_source(rw: &PatternRewriter<'_>, v: Value) -> Option<Value> {
    let body = rw.body();
    let d = body.defining_op(v)?;
    let name = rw.ctx.op_name_str(body.name(d));
    (RESHAPE_LIKE.contains(&name) && body.num_operands(d) == 1).then(|| body.operand(d, 0))
}

impl RewritePattern for ComposeReshapes {
    fn name(&self) -> &str {
        "graph-compose-reshapes"
    }
    fn root(&self) -> Option<&str> {
        Some(self.root)
    }
    fn match_and_rewrite(&self, op: Op, rw: &mut PatternRewriter<'_>) -> bool {
        let body = rw.body();
        let name = rw.ctx.op_name_str(body.name(op));
        if !RESHAPE_LIKE.contains(&name)
            || body.num_operands(op) != 1
            || body.results(op).len() != 1
        {
            return rw.notify_match_failure(op, "not a reshape-like op");
        }
        let Some(src) = reshape_like_source(rw, rw.body().operand(op, 0)) else {
            return rw.notify_match_failure(op, "operand is not reshape-like");
        };
        let body = rw.body();
        let ty = body.value_type(body.result(op, 0));
        let (Some((shape, elem)), Some((_, src_elem))) =
            (ranked(rw.ctx, ty), ranked(rw.ctx, body.value_type(src)))
        else {
            return rw.notify_match_failure(op, "unranked types");
        };
        if elem != src_elem {
            return rw.notify_match_failure(op, "element types differ");
        }
        let dynamic = shape.iter().filter(|&&d| is_dynamic(d)).count();
        let zero = shape.contains(&0);
        if dynamic > 1 || (zero && dynamic > 0) {
            return rw.notify_match_failure(op, "result shape is not expressible statically");
        }
        let target: Vec<i64> = shape
            .iter()
            .map(|&d| if is_dynamic(d) { -1 } else { d })
            .collect();
        let mut props = vec![("shape", i64_array_attr(rw.ctx, &target))];
        if zero {
            props.push(("allowzero", i64_attr(rw.ctx, 1)));
        }
        let v = rw.build_value("graph.reshape", &[src], ty, &props);
        rw.replace_op(op, &[v]);
        true
    }
}

/// The patterns rooted at `graph.transpose`.
pub static TRANSPOSE_PATTERNS: &[&dyn RewritePattern] = &[&ComposeTransposes];
/// The patterns rooted at `graph.reshape`.
pub static RESHAPE_PATTERNS: &[&dyn RewritePattern] = &[&ComposeReshapes {
    root: "graph.reshape",
}];
/// The patterns rooted at `graph.flatten`.
pub static FLATTEN_PATTERNS: &[&dyn RewritePattern] = &[&ComposeReshapes {
    root: "graph.flatten",
}];
/// The patterns rooted at `graph.squeeze`.
pub static SQUEEZE_PATTERNS: &[&dyn RewritePattern] = &[&ComposeReshapes {
    root: "graph.squeeze",
}];
/// The patterns rooted at `graph.unsqueeze`.
pub static UNSQUEEZE_PATTERNS: &[&dyn RewritePattern] = &[&ComposeReshapes {
    root: "graph.unsqueeze",
}];

//! Tree-ensemble ops: `tree_ensemble` (ONNX `ai.onnx.ml` `TreeEnsemble`, opset 5), the
//! prediction of an ensemble of decision trees over the rows of a feature matrix.
//!
//! The trees are attributes (node and leaf tables in ONNX's layout), so the op is a pure
//! function of its feature matrix. [`tree_spec`] reads and checks the tables once: every
//! child index in range, every tree acyclic (a node may be shared, a cycle is an error),
//! the membership sets matched to the `BRANCH_MEMBER` nodes, and the depth of the deepest
//! tree computed, so that the interpreter and any lowering can walk the trees without
//! further checks and with a known bound on the steps.

use crate::attr::{float_array_c, i64_array_c, i64_array_req, i64_c, string_c, Attrs};
use crate::util::{operands, Elems};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, Attribute, Context, Traits, Type};

/// Bound on the number of nodes, leaves and targets, so that a malformed op cannot request
/// a huge table or output.
pub const MAX_TABLE: usize = 1 << 24;

/// The comparison of a branch node (`nodes_modes`, ONNX's codes 0 to 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `x <= split`.
    Leq,
    /// `x < split`.
    Lt,
    /// `x >= split`.
    Gte,
    /// `x > split`.
    Gt,
    /// `x == split`.
    Eq,
    /// `x != split` (true for NaN).
    Neq,
    /// `x` equals one of the node's members.
    Member,
}

impl Mode {
    fn from_code(c: i64) -> Option<Mode> {
        Some(match c {
            0 => Mode::Leq,
            1 => Mode::Lt,
            2 => Mode::Gte,
            3 => Mode::Gt,
            4 => Mode::Eq,
            5 => Mode::Neq,
            6 => Mode::Member,
            _ => return None,
        })
    }
}

/// Where a branch leads: another branch node or a leaf (indices into the tables).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Child {
    /// Index into the `nodes_*` tables.
    Node(usize),
    /// Index into the `leaf_*` tables.
    Leaf(usize),
}

/// One branch node.
#[derive(Clone, Debug, PartialEq)]
pub struct Branch {
    /// The comparison.
    pub mode: Mode,
    /// The feature (column of the input) compared.
    pub feature: usize,
    /// The threshold (unused for `Member`).
    pub split: f64,
    /// The members of a `Member` node (empty otherwise).
    pub members: Vec<f64>,
    /// Whether a NaN feature takes the true branch whatever the comparison gives.
    pub missing_true: bool,
    /// The child when the condition holds.
    pub on_true: Child,
    /// The child otherwise.
    pub on_false: Child,
}

impl Branch {
    /// Whether the condition holds for feature value `x` (ONNX's reference: ordered
    /// comparisons are false for NaN, `!=` true; `missing_true` sends NaN to the true
    /// branch).
    pub fn holds(&self, x: f64) -> bool {
        let c = match self.mode {
            Mode::Leq => x <= self.split,
            Mode::Lt => x < self.split,
            Mode::Gte => x >= self.split,
            Mode::Gt => x > self.split,
            Mode::Eq => x == self.split,
            Mode::Neq => x != self.split,
            Mode::Member => self.members.contains(&x),
        };
        c || (self.missing_true && x.is_nan())
    }
}

/// How the trees' leaf weights combine per target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregate {
    /// The sum of the weights.
    Sum,
    /// The sum of `weight / number of trees`.
    Average,
    /// The smallest weight (the type's largest finite value when no tree reaches the
    /// target).
    Min,
    /// The largest weight (the type's lowest finite value when no tree reaches the target).
    Max,
}

/// The validated attributes of a `tree_ensemble`.
#[derive(Clone, Debug, PartialEq)]
pub struct TreeSpec {
    /// The aggregate function.
    pub aggregate: Aggregate,
    /// The number of targets (the output's columns).
    pub n_targets: usize,
    /// The root of each tree, in order.
    pub roots: Vec<Child>,
    /// The branch nodes.
    pub nodes: Vec<Branch>,
    /// The leaves: `(target, weight)`.
    pub leaves: Vec<(usize, f64)>,
    /// The most branch nodes on a path from a root to a leaf (0 for leaf-only trees).
    pub depth: usize,
    /// The largest feature index read, plus one (0 when no tree has a branch).
    pub features: usize,
}

impl TreeSpec {
    /// The leaf tree `root` reaches for the row whose feature `f` is `x(f)`: at most
    /// [`TreeSpec::depth`] steps (the trees are checked acyclic).
    pub fn walk(&self, root: Child, x: impl Fn(usize) -> f64) -> usize {
        let mut at = root;
        loop {
            match at {
                Child::Leaf(l) => return l,
                Child::Node(n) => {
                    let b = &self.nodes[n];
                    at = if b.holds(x(b.feature)) {
                        b.on_true
                    } else {
                        b.on_false
                    };
                }
            }
        }
    }
}

fn child(leaf: i64, id: i64, nodes: usize, leaves: usize, what: &str) -> Result<Child, String> {
    let idx = usize::try_from(id).map_err(|_| format!("'{what}' entry {id} is negative"))?;
    match leaf {
        0 if idx < nodes => Ok(Child::Node(idx)),
        1 if idx < leaves => Ok(Child::Leaf(idx)),
        0 | 1 => Err(format!(
            "'{what}' entry {id} is out of range ({} {})",
            if leaf == 1 { leaves } else { nodes },
            if leaf == 1 { "leaves" } else { "nodes" }
        )),
        _ => Err(format!("leaf flags must be 0 or 1, but got {leaf}")),
    }
}

/// Read and check the attributes of a `tree_ensemble` (`dict`: its property dictionary).
///
/// The node tables (`nodes_modes`, `nodes_featureids`, `nodes_splits`, `nodes_truenodeids`,
/// `nodes_trueleafs`, `nodes_falsenodeids`, `nodes_falseleafs`, and the optional
/// `nodes_missing_value_tracks_true`) have one entry per node; the leaf tables
/// (`leaf_targetids`, `leaf_weights`) one per leaf. A child with leaf flag 1 indexes the
/// leaves, else the nodes. `membership_values` holds the member sets of the `BRANCH_MEMBER`
/// nodes in node order, each ended by a NaN (as ONNX's spec text says; ONNX's reference
/// assigns them in visiting order, the same for trees numbered depth-first true-branch
/// first). A tree is the nodes reachable from its root (`tree_roots`, a node index).
pub fn tree_spec(ctx: &Context, dict: Attribute) -> Result<TreeSpec, String> {
    let a = Attrs::new(ctx, dict);
    let aggregate = match a.choice(
        "aggregate_function",
        "SUM",
        &["SUM", "AVERAGE", "MIN", "MAX"],
    )? {
        "AVERAGE" => Aggregate::Average,
        "MIN" => Aggregate::Min,
        "MAX" => Aggregate::Max,
        _ => Aggregate::Sum,
    };
    let n_targets = usize::try_from(a.i64_req("n_targets")?)
        .ok()
        .filter(|&t| (1..=MAX_TABLE).contains(&t))
        .ok_or_else(|| format!("'n_targets' must be in [1, {MAX_TABLE}]"))?;
    let req = |name: &str| -> Result<Vec<i64>, String> {
        a.ints(name)?
            .ok_or_else(|| format!("requires attribute '{name}'"))
    };
    let modes = req("nodes_modes")?;
    let count = modes.len();
    if count > MAX_TABLE {
        return Err(format!("{count} nodes exceed {MAX_TABLE}"));
    }
    let same = |name: &str, v: &[i64]| -> Result<(), String> {
        if v.len() == count {
            Ok(())
        } else {
            Err(format!(
                "'{name}' has {} entries but 'nodes_modes' has {count}",
                v.len()
            ))
        }
    };
    let features = req("nodes_featureids")?;
    same("nodes_featureids", &features)?;
    let splits = a
        .floats("nodes_splits")?
        .ok_or("requires attribute 'nodes_splits'")?;
    if splits.len() != count {
        return Err(format!(
            "'nodes_splits' has {} entries but 'nodes_modes' has {count}",
            splits.len()
        ));
    }
    let (t_ids, t_leaf) = (req("nodes_truenodeids")?, req("nodes_trueleafs")?);
    let (f_ids, f_leaf) = (req("nodes_falsenodeids")?, req("nodes_falseleafs")?);
    for (name, v) in [
        ("nodes_truenodeids", &t_ids),
        ("nodes_trueleafs", &t_leaf),
        ("nodes_falsenodeids", &f_ids),
        ("nodes_falseleafs", &f_leaf),
    ] {
        same(name, v)?;
    }
    let missing = a
        .ints("nodes_missing_value_tracks_true")?
        .unwrap_or_else(|| vec![0; count]);
    same("nodes_missing_value_tracks_true", &missing)?;
    let targets = req("leaf_targetids")?;
    let weights = a
        .floats("leaf_weights")?
        .ok_or("requires attribute 'leaf_weights'")?;
    let n_leaves = targets.len();
    if weights.len() != n_leaves {
        return Err(format!(
            "'leaf_weights' has {} entries but 'leaf_targetids' has {n_leaves}",
            weights.len()
        ));
    }
    if n_leaves == 0 || n_leaves > MAX_TABLE {
        return Err(format!("the ensemble must have 1 to {MAX_TABLE} leaves"));
    }
    let mut leaves = Vec::with_capacity(n_leaves);
    for (&t, &w) in targets.iter().zip(&weights) {
        let t = usize::try_from(t)
            .ok()
            .filter(|&t| t < n_targets)
            .ok_or_else(|| {
                format!("'leaf_targetids' entry {t} is not a target below {n_targets}")
            })?;
        leaves.push((t, w));
    }
    // The member sets, in node order.
    let members = a.floats("membership_values")?.unwrap_or_default();
    let mut sets = members.split(|v| v.is_nan());
    let mut nodes = Vec::with_capacity(count);
    let mut max_feature = 0usize;
    for i in 0..count {
        let mode = Mode::from_code(modes[i])
            .ok_or_else(|| format!("'nodes_modes' entry {} is not a mode (0 to 6)", modes[i]))?;
        let feature = usize::try_from(features[i])
            .ok()
            .filter(|&f| f < MAX_TABLE)
            .ok_or_else(|| format!("'nodes_featureids' entry {} is out of range", features[i]))?;
        max_feature = max_feature.max(feature + 1);
        let members = if mode == Mode::Member {
            sets.next()
                .filter(|_| members.iter().any(|v| v.is_nan()))
                .map(<[f64]>::to_vec)
                .ok_or("'membership_values' holds fewer sets than there are BRANCH_MEMBER nodes")?
        } else {
            Vec::new()
        };
        let missing_true = match missing[i] {
            0 => false,
            1 => true,
            m => {
                return Err(format!(
                    "'nodes_missing_value_tracks_true' entry {m} is not 0 or 1"
                ))
            }
        };
        nodes.push(Branch {
            mode,
            feature,
            split: splits[i],
            members,
            missing_true,
            on_true: child(t_leaf[i], t_ids[i], count, n_leaves, "nodes_truenodeids")?,
            on_false: child(f_leaf[i], f_ids[i], count, n_leaves, "nodes_falsenodeids")?,
        });
    }
    let member_nodes = nodes.iter().filter(|b| b.mode == Mode::Member).count();
    let nans = members.iter().filter(|v| v.is_nan()).count();
    if nans != member_nodes || members.last().is_some_and(|v| !v.is_nan()) {
        return Err(format!(
            "'membership_values' must hold one NaN-ended set per BRANCH_MEMBER node ({member_nodes}), but holds {nans} NaNs{}",
            if members.last().is_some_and(|v| !v.is_nan()) { " and values after the last" } else { "" }
        ));
    }
    let roots: Vec<Child> = req("tree_roots")?
        .iter()
        .map(|&r| child(0, r, count, n_leaves, "tree_roots"))
        .collect::<Result<_, _>>()?;
    if roots.is_empty() || roots.len() > MAX_TABLE {
        return Err(format!("'tree_roots' must name 1 to {MAX_TABLE} trees"));
    }
    let depth = depths(&nodes, &roots)?;
    Ok(TreeSpec {
        aggregate,
        n_targets,
        roots,
        nodes,
        leaves,
        depth,
        features: max_feature,
    })
}

/// The most branch nodes on a path from one of `roots` to a leaf; an error when a tree has
/// a cycle. An iterative depth-first search (no recursion over the tree's depth), each node
/// finished once.
fn depths(nodes: &[Branch], roots: &[Child]) -> Result<usize, String> {
    // 0: unvisited, 1: on the current path, 2: finished (its height in `height`).
    let mut state = vec![0u8; nodes.len()];
    let mut height = vec![0usize; nodes.len()];
    let mut deepest = 0;
    for &root in roots {
        let Child::Node(r) = root else { continue };
        let mut stack = vec![r];
        while let Some(&n) = stack.last() {
            if state[n] == 2 {
                stack.pop();
                continue;
            }
            state[n] = 1;
            let mut pending = false;
            for c in [nodes[n].on_true, nodes[n].on_false] {
                if let Child::Node(k) = c {
                    match state[k] {
                        0 => {
                            stack.push(k);
                            pending = true;
                        }
                        1 => return Err(format!("the trees have a cycle through node {k}")),
                        _ => {}
                    }
                }
            }
            if pending {
                continue;
            }
            let h = |c: Child| match c {
                Child::Node(k) => height[k],
                Child::Leaf(_) => 0,
            };
            height[n] = 1 + h(nodes[n].on_true).max(h(nodes[n].on_false));
            state[n] = 2;
            stack.pop();
        }
        deepest = deepest.max(height[r]);
    }
    Ok(deepest)
}

/// Inference of `tree_ensemble`: a float matrix `N x F` (`F` above every feature index
/// read, when static) gives `N x n_targets` of the same element type.
pub fn infer_tree_ensemble(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Float)?;
    let spec = tree_spec(ctx, attrs)?;
    let [n, f] = *ops[0].shape else {
        return Err(format!(
            "input must have rank 2, but has rank {}",
            ops[0].shape.len()
        ));
    };
    if f != crate::shape::DYN && (f as u64) < spec.features as u64 {
        return Err(format!(
            "the trees read feature {} but the input has {f} features",
            spec.features - 1
        ));
    }
    Ok(vec![
        ctx.tensor_type(&[n, spec.n_targets as i64], ops[0].elem)
    ])
}

op! {
    /// The predictions of an ensemble of decision trees (ONNX `ai.onnx.ml` `TreeEnsemble`,
    /// opset 5, `post_transform` `NONE`) for each row of a float matrix `N x F`: the result
    /// (`N x n_targets`, the input's element type) holds one value per target.
    ///
    /// Each tree (`tree_roots`) is walked from its root: a branch node compares feature
    /// `nodes_featureids[i]` of the row with `nodes_splits[i]` by `nodes_modes[i]` (0 `<=`,
    /// 1 `<`, 2 `>=`, 3 `>`, 4 `==`, 5 `!=`, 6 membership in the node's set of
    /// `membership_values`, the NaN-ended sets of the mode-6 nodes in node order; ordered
    /// comparisons are false for NaN, unless `nodes_missing_value_tracks_true[i]` is 1) and
    /// goes to its true or false child (`nodes_trueleafs[i]` 1: the child
    /// `nodes_truenodeids[i]` is a leaf index, else a node index) until it reaches a leaf,
    /// which adds `leaf_weights[l]` to target `leaf_targetids[l]`. Trees combine, in order,
    /// by `aggregate_function`: `"SUM"` (from 0), `"AVERAGE"` (adding `weight / trees`),
    /// `"MIN"` or `"MAX"` (from the type's largest or lowest finite value); each step is
    /// computed in `f64` and rounded to the element type, as ONNX's reference does.
    ///
    /// ```mlir
    /// %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
    /// ```
    pub struct TreeEnsembleOp = "graph.tree_ensemble";
    summary: "predictions of an ensemble of decision trees";
    operands: [input];
    results: [output];
    attrs: [aggregate_function = "aggregate_function", n_targets = "n_targets",
            tree_roots = "tree_roots", nodes_modes = "nodes_modes",
            nodes_featureids = "nodes_featureids", nodes_splits = "nodes_splits",
            nodes_truenodeids = "nodes_truenodeids", nodes_trueleafs = "nodes_trueleafs",
            nodes_falsenodeids = "nodes_falsenodeids", nodes_falseleafs = "nodes_falseleafs",
            nodes_missing_value_tracks_true = "nodes_missing_value_tracks_true",
            membership_values = "membership_values", leaf_targetids = "leaf_targetids",
            leaf_weights = "leaf_weights"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: None,
        result_type: None,
        attrs: &[string_c("aggregate_function"), i64_c("n_targets"), i64_array_req("tree_roots"),
                 i64_array_req("nodes_modes"), i64_array_req("nodes_featureids"),
                 float_array_c("nodes_splits"), i64_array_req("nodes_truenodeids"),
                 i64_array_req("nodes_trueleafs"), i64_array_req("nodes_falsenodeids"),
                 i64_array_req("nodes_falseleafs"),
                 i64_array_c("nodes_missing_value_tracks_true"),
                 float_array_c("membership_values"), i64_array_req("leaf_targetids"),
                 float_array_c("leaf_weights")],
        verify: Some(verify_inferred),
        infer: Some(infer_tree_ensemble),
    }
}

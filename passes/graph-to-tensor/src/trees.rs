//! `graph.tree_ensemble` (ONNX `TreeEnsemble`) as one all-parallel `tensor.generic` over
//! `(row, target)` whose scalar body evaluates every tree with unrolled selects, computed as
//! the interpreter does (`crates/interp/src/ops/graph/trees.rs`).
//!
//! The trees are attributes, so their structure is known at compile time. The tensor level
//! has no indexed load inside a generic body, so a walk that looks nodes up by a run-time
//! index is not expressible; instead each branch node reachable from a root becomes, in
//! post-order (children first, a node shared by several parents or trees once), its
//! condition on the row's feature (widened to `f64`, compared with the split as an `f64`
//! constant: `<=`, `<`, `>=`, `>`, `==` ordered, `!=` unordered, membership an `or` of
//! `==`, `missing_value_tracks_true` an `or` with "is NaN") and two selects: the weight and
//! the target of the leaf the node leads to. A root's pair is its tree's leaf. The trees
//! then combine in order into the `(row, target)` element: where the tree's target is the
//! iteration's (an `iota` operand), the accumulator takes the aggregate step, in `f64`
//! rounded to the element type (`SUM`; `AVERAGE` with the weights divided by the number of
//! trees at compile time; `MIN`/`MAX` keeping the accumulator unless the weight is
//! smaller/larger, from the type's largest/lowest finite value).
//!
//! The body costs a few scalar ops per reachable node, for every `(row, target)`: the
//! conversion is refused with the reason above [`MAX_NODES`] reachable nodes (code size)
//! or [`MAX_WORK`] node evaluations (rows x targets x nodes).

use crate::build::cmpf::{OEQ, OGE, OGT, OLE, OLT, UNE, UNO};
use crate::build::cmpi::EQ;
use crate::build::{elem_of, float_kind, map, shape_of, Cv, Sb};
use std::collections::BTreeMap;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_graph::trees::{tree_spec, Aggregate, Branch, Child, Mode, TreeSpec};
use strata_dialect_tensor::IteratorType::Parallel;
use strata_ir::affine::AffineExpr::{Const, Dim};
use strata_ir::affine::AffineMap;
use strata_ir::{Body, Context, FloatKind, Op, Type, Value};

/// The most branch nodes reachable from the roots that are unrolled into the body.
pub const MAX_NODES: usize = 1 << 14;
/// The most node evaluations (rows x targets x reachable nodes) built for.
pub const MAX_WORK: u64 = 1 << 32;

/// Convert the `graph.tree_ensemble` `op`, or say why not (nothing changed then).
pub fn convert(ctx: &Context, body: &mut Body, op: Op) -> Result<(), String> {
    let operands: Vec<Value> = body.operands(op).collect();
    let results = body.results(op).to_vec();
    let ([x], [y]) = (&operands[..], &results[..]) else {
        return Err("expects one operand and one result".into());
    };
    let spec = tree_spec(ctx, body.op(op).props)?;
    let xt = body.value_type(*x);
    let elem = elem_of(ctx, xt);
    let kind = float_kind(ctx, elem)
        .filter(|k| matches!(k, FloatKind::F32 | FloatKind::F64))
        .ok_or("only f32 and f64 inputs convert")?;
    let (Some(xs), Some(out)) = (shape_of(ctx, xt), shape_of(ctx, body.value_type(*y))) else {
        return Err("only static shapes convert".into());
    };
    let (&[rows, cols], &[orows, targets]) = (&xs[..], &out[..]) else {
        return Err("expects a rank-2 input and result".into());
    };
    if orows != rows || targets != spec.n_targets as i64 || (cols as u64) < spec.features as u64 {
        return Err("the result type does not match the input and the trees".into());
    }
    let order = post_order(&spec);
    if order.len() > MAX_NODES {
        return Err(format!(
            "{} reachable tree nodes exceed the {MAX_NODES} unrolled into one body",
            order.len()
        ));
    }
    let work = (rows as u64)
        .saturating_mul(targets as u64)
        .saturating_mul(order.len().max(1) as u64);
    if work > MAX_WORK {
        return Err(format!(
            "{work} node evaluations (rows x targets x nodes) exceed {MAX_WORK}"
        ));
    }
    let loc = body.op(op).loc;
    let mut cv = Cv {
        ctx,
        body,
        before: op,
        loc,
    };
    let v = lower(&mut cv, *x, &spec, &order, [rows, targets], elem, kind)
        .ok_or("cannot build the target table")?;
    body.replace_all_uses(*y, v);
    body.erase_op(op);
    Ok(())
}

/// The branch nodes reachable from the roots, children before parents, each once.
fn post_order(spec: &TreeSpec) -> Vec<usize> {
    let mut done = vec![false; spec.nodes.len()];
    let mut order = Vec::new();
    for &root in &spec.roots {
        let Child::Node(r) = root else { continue };
        // (node, children pushed): the tree is acyclic (checked by `tree_spec`).
        let mut stack = vec![(r, false)];
        while let Some((n, expanded)) = stack.pop() {
            if done[n] {
                continue;
            }
            if expanded {
                done[n] = true;
                order.push(n);
                continue;
            }
            stack.push((n, true));
            for c in [spec.nodes[n].on_false, spec.nodes[n].on_true] {
                if let Child::Node(k) = c {
                    if !done[k] {
                        stack.push((k, false));
                    }
                }
            }
        }
    }
    order
}

/// Scalar constants of the body, built once each.
struct Consts {
    f: BTreeMap<u64, Value>,
    i: BTreeMap<i64, Value>,
}

impl Consts {
    fn f64(&mut self, sb: &mut Sb<'_>, v: f64) -> Value {
        *self.f.entry(v.to_bits()).or_insert_with(|| sb.c64(v))
    }
    fn i64(&mut self, sb: &mut Sb<'_>, v: i64) -> Value {
        *self.i.entry(v).or_insert_with(|| sb.ci64(v))
    }
}

/// Whether branch `b` holds for the feature value `v` (an `f64`).
fn condition(sb: &mut Sb<'_>, k: &mut Consts, b: &Branch, v: Value) -> Value {
    let cmp = |sb: &mut Sb<'_>, k: &mut Consts, p: i64, s: f64| {
        let s = k.f64(sb, s);
        sb.cmp("arith.cmpf", p, v, s)
    };
    let c = match b.mode {
        Mode::Leq => cmp(sb, k, OLE, b.split),
        Mode::Lt => cmp(sb, k, OLT, b.split),
        Mode::Gte => cmp(sb, k, OGE, b.split),
        Mode::Gt => cmp(sb, k, OGT, b.split),
        Mode::Eq => cmp(sb, k, OEQ, b.split),
        Mode::Neq => cmp(sb, k, UNE, b.split),
        Mode::Member => {
            let mut any = None;
            for &m in &b.members {
                let hit = cmp(sb, k, OEQ, m);
                any = Some(match any {
                    Some(a) => sb.or(a, hit),
                    None => hit,
                });
            }
            match any {
                Some(a) => a,
                // No member: never true (x < x is false even for NaN).
                None => sb.cmp("arith.cmpf", OLT, v, v),
            }
        }
    };
    if b.missing_true {
        let nan = sb.cmp("arith.cmpf", UNO, v, v);
        sb.or(c, nan)
    } else {
        c
    }
}

/// The generic (see the module documentation) over `[rows, targets]`.
fn lower(
    cv: &mut Cv<'_>,
    x: Value,
    spec: &TreeSpec,
    order: &[usize],
    [rows, targets]: [i64; 2],
    elem: Type,
    kind: FloatKind,
) -> Option<Value> {
    let ctx = cv.ctx;
    let i64t = ctx.int_type(64);
    let f64t = ctx.float_type(FloatKind::F64);
    // One operand per feature read: column `f` of the row.
    let features: Vec<usize> = order
        .iter()
        .map(|&n| spec.nodes[n].feature)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut ins = Vec::new();
    let mut maps: Vec<AffineMap> = Vec::new();
    for &f in &features {
        ins.push(x);
        maps.push(map(2, vec![Dim(0), Const(f as i64)]));
    }
    let iota_ty = ctx.tensor_type(&[targets], i64t);
    let iota = dense_attr(
        ctx,
        iota_ty,
        &Values::Int((0..i128::from(targets)).collect()),
    )?;
    ins.push(cv.v("arith.constant", &[], iota_ty, &[("value", iota)]));
    maps.push(map(2, vec![Dim(1)]));
    maps.push(AffineMap::identity(2));
    let init = cv.empty(&[rows, targets], elem);
    let big = if kind == FloatKind::F64 {
        f64::MAX
    } else {
        f64::from(f32::MAX)
    };
    let trees = spec.roots.len() as f64;
    let nf = features.len();
    Some(
        cv.generic(&ins, init, maps, &[Parallel, Parallel], |sb, v| {
            let mut k = Consts {
                f: BTreeMap::new(),
                i: BTreeMap::new(),
            };
            let wide = |sb: &mut Sb<'_>, a: Value| {
                if kind == FloatKind::F64 {
                    a
                } else {
                    sb.op("arith.extf", &[a], f64t, &[])
                }
            };
            let narrow = |sb: &mut Sb<'_>, a: Value| {
                if kind == FloatKind::F64 {
                    a
                } else {
                    sb.op("arith.truncf", &[a], elem, &[])
                }
            };
            let mut feature = BTreeMap::new();
            for (j, &f) in features.iter().enumerate() {
                let w = wide(sb, v[j]);
                feature.insert(f, w);
            }
            let target = v[nf];
            let weight = |w: f64| match spec.aggregate {
                Aggregate::Average => w / trees,
                _ => w,
            };
            // (weight, target) of the leaf each node leads to.
            let mut at: BTreeMap<usize, (Value, Value)> = BTreeMap::new();
            let leaf = |sb: &mut Sb<'_>,
                        k: &mut Consts,
                        at: &BTreeMap<usize, (Value, Value)>,
                        c: Child|
             -> (Value, Value) {
                match c {
                    Child::Node(n) => at[&n],
                    Child::Leaf(l) => {
                        let (t, w) = spec.leaves[l];
                        (k.f64(sb, weight(w)), k.i64(sb, t as i64))
                    }
                }
            };
            for &n in order {
                let b = &spec.nodes[n];
                let c = condition(sb, &mut k, b, feature[&b.feature]);
                let (wt, tt) = leaf(sb, &mut k, &at, b.on_true);
                let (wf, tf) = leaf(sb, &mut k, &at, b.on_false);
                let w = sb.pick(c, wt, wf);
                let t = sb.pick(c, tt, tf);
                at.insert(n, (w, t));
            }
            let start = match spec.aggregate {
                Aggregate::Sum | Aggregate::Average => 0.0,
                Aggregate::Min => big,
                Aggregate::Max => -big,
            };
            let mut acc = sb.cst(start, elem);
            for &root in &spec.roots {
                let (w, t) = leaf(sb, &mut k, &at, root);
                let next = match spec.aggregate {
                    Aggregate::Sum | Aggregate::Average => {
                        let a = wide(sb, acc);
                        let s = sb.bin("arith.addf", a, w);
                        narrow(sb, s)
                    }
                    Aggregate::Min | Aggregate::Max => {
                        let p = if spec.aggregate == Aggregate::Min {
                            OLT
                        } else {
                            OGT
                        };
                        let a = wide(sb, acc);
                        let better = sb.cmp("arith.cmpf", p, w, a);
                        let wn = narrow(sb, w);
                        sb.pick(better, wn, acc)
                    }
                };
                acc = if targets == 1 {
                    next
                } else {
                    let here = sb.cmp("arith.cmpi", EQ, t, target);
                    sb.pick(here, next, acc)
                };
            }
            acc
        }),
    )
}

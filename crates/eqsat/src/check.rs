//! Building both sides of a rule as functions, for soundness tests.
//!
//! [`instance`] takes a compiled rule and its sample (see [`crate::rules`]), puts the
//! sample's inputs, constants and attributes in an e-graph, adds the left-hand side, checks
//! that the rule matches it and that its conditions and type guard accept it, adds the
//! right-hand side *without* uniting the two, and builds a module with `@lhs` and `@rhs`
//! functions (same arguments, one result per root) from exactly the nodes added for each
//! side. A test then runs both in the interpreter on random inputs ([`random_dense`]) and
//! compares them. A rule whose sample does not match or does not satisfy its conditions is
//! an error, never a silent pass.

use crate::analysis::{infer_types, GraphAnalysis};
use crate::bridge::Materializer;
use crate::language::Node;
use crate::rules::parse::split_top_level;
use crate::rules::Rule;
use egg::{EGraph, ENodeOrVar, Id, Language, PatternAst, Subst, Var};
use rustc_hash::{FxHashMap, FxHashSet};
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_ir::{Attribute, Context, InsertPoint, Module, OperationState, Type, TypeKind, Value};

/// One entry of a sample.
#[derive(Clone, Debug, PartialEq)]
pub enum SampleEntry {
    /// A function argument with random values in `[lo, hi]`.
    Input(Type, (f64, f64)),
    /// A constant with random values in `[lo, hi]`.
    RandomConst(Type, (f64, f64)),
    /// A constant with this value.
    Const(Attribute),
    /// An attribute dictionary.
    Attr(Attribute),
}

fn parse_range(s: &str) -> Result<(&str, (f64, f64)), String> {
    let s = s.trim();
    let Some(i) = s.find(" range(") else {
        return Ok((s, (-1.0, 1.0)));
    };
    let inner = s[i + 7..]
        .strip_suffix(')')
        .ok_or_else(|| format!("bad range in '{s}'"))?;
    let (lo, hi) = inner
        .split_once(',')
        .ok_or_else(|| format!("bad range in '{s}'"))?;
    let lo: f64 = lo
        .trim()
        .parse()
        .map_err(|_| format!("bad range in '{s}'"))?;
    let hi: f64 = hi
        .trim()
        .parse()
        .map_err(|_| format!("bad range in '{s}'"))?;
    Ok((&s[..i], (lo, hi)))
}

/// Parse a sample (`?x: tensor<2x3xf32>, ?c = const tensor<3xf32> range(0.5, 2),
/// ?d = dense<1.0> : tensor<f32>, ?p = {perm = array<i64: 1, 0>}`).
pub fn parse_sample(ctx: &Context, text: &str) -> Result<Vec<(String, SampleEntry)>, String> {
    let mut out = Vec::new();
    for item in split_top_level(text) {
        if let Some((v, ty)) = item.split_once(':').filter(|(v, _)| !v.contains('=')) {
            let (ty, range) = parse_range(ty)?;
            let t = strata_ir::text::parse_type(ctx, ty.trim())
                .map_err(|e| format!("bad type '{ty}': {}", e.message))?;
            out.push((v.trim().to_string(), SampleEntry::Input(t, range)));
        } else if let Some((v, rest)) = item.split_once('=') {
            let rest = rest.trim();
            let entry = if let Some(ty) = rest.strip_prefix("const ") {
                let (ty, range) = parse_range(ty)?;
                let t = strata_ir::text::parse_type(ctx, ty.trim())
                    .map_err(|e| format!("bad type '{ty}': {}", e.message))?;
                SampleEntry::RandomConst(t, range)
            } else {
                let a = strata_ir::text::parse_attr(ctx, rest)
                    .map_err(|e| format!("bad attribute '{rest}': {}", e.message))?;
                if rest.starts_with('{') {
                    SampleEntry::Attr(a)
                } else {
                    SampleEntry::Const(a)
                }
            };
            out.push((v.trim().to_string(), entry));
        } else {
            return Err(format!("bad sample entry '{item}'"));
        }
    }
    Ok(out)
}

/// A small deterministic generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `[lo, hi)`.
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        lo + (hi - lo) * u
    }
}

/// A dense attribute of the statically shaped tensor type `ty` with random elements in
/// `range` (integers rounded; `i1` 0 or 1).
pub fn random_dense(
    ctx: &Context,
    ty: Type,
    range: (f64, f64),
    rng: &mut Rng,
) -> Option<Attribute> {
    let (shape, elem) = match ctx.type_kind(ty) {
        TypeKind::RankedTensor { shape, elem, .. } => (shape.clone(), *elem),
        _ => return None,
    };
    let n = shape.iter().try_fold(1usize, |acc, &d| {
        usize::try_from(d).ok().and_then(|d| acc.checked_mul(d))
    })?;
    if n > 1 << 24 {
        return None;
    }
    let values = match ctx.type_kind(elem) {
        TypeKind::Float(_) => {
            Values::Float((0..n).map(|_| rng.uniform(range.0, range.1)).collect())
        }
        TypeKind::Integer { width: 1, .. } => {
            Values::Int((0..n).map(|_| (rng.next_u64() & 1) as i128).collect())
        }
        TypeKind::Integer { .. } => Values::Int(
            (0..n)
                .map(|_| rng.uniform(range.0, range.1 + 1.0).floor() as i128)
                .collect(),
        ),
        _ => return None,
    };
    dense_attr(ctx, ty, &values)
}

/// Both sides of a rule as functions `@lhs` and `@rhs` of one module.
pub struct Instance {
    /// The module.
    pub module: Module,
    /// The functions' arguments: type and value range.
    pub inputs: Vec<(Type, (f64, f64))>,
}

/// The constant op of the dialect of the first op in `pats`.
fn materializer(ctx: &Context, pats: &[PatternAst<Node>]) -> Option<strata_ir::OpName> {
    let name = pats
        .iter()
        .flat_map(|p| p.as_ref().iter())
        .find_map(|n| match n {
            ENodeOrVar::ENode(Node::Op { name, .. }) => Some(*name),
            _ => None,
        })?;
    let dialect = ctx.str(ctx.op_info(name).dialect).to_string();
    let d = ctx.dialects().find(|d| d.name == dialect)?;
    let def = d.ops.iter().find(|o| o.materialize_constant.is_some())?;
    Some(ctx.op_name(def.name))
}

fn add_recorded(
    eg: &mut EGraph<Node, GraphAnalysis<'_>>,
    pat: &PatternAst<Node>,
    subst: &Subst,
    rec: &mut Vec<(Id, Node)>,
) -> Id {
    let mut ids: Vec<Id> = Vec::with_capacity(pat.as_ref().len());
    for n in pat.as_ref() {
        let id = match n {
            ENodeOrVar::Var(v) => subst[*v],
            ENodeOrVar::ENode(node) => {
                let node = node.clone().map_children(|c| ids[usize::from(c)]);
                let id = eg.add(node.clone());
                rec.push((id, node));
                id
            }
        };
        ids.push(id);
    }
    *ids.last().expect("patterns are never empty")
}

/// Build both sides of `rule` on its `sample` (see the [module docs](self)); constants with
/// random values are drawn from `seed`.
pub fn instance(ctx: &Context, rule: &Rule, sample: &str, seed: u64) -> Result<Instance, String> {
    let entries = parse_sample(ctx, sample)?;
    let mut rng = Rng::new(seed);
    // No folding: both sides must stay exactly the terms the rule builds.
    let mut analysis = GraphAnalysis::new(ctx);
    analysis.fold_ops = false;
    let mut eg: EGraph<Node, GraphAnalysis<'_>> = EGraph::new(analysis);
    let lhs_pats = rule.lhs_patterns();
    let mat = materializer(ctx, &lhs_pats);
    let mut subst = Subst::default();
    let mut inputs = Vec::new();
    let mut base: Vec<(Id, Node)> = Vec::new();
    for (name, e) in &entries {
        let var: Var = name
            .parse()
            .map_err(|e| format!("bad variable {name}: {e}"))?;
        let id = match e {
            SampleEntry::Input(t, r) => {
                let i = inputs.len() as u32;
                inputs.push((*t, *r));
                eg.analysis.leaf_types.push(*t);
                let n = Node::Leaf(i);
                let id = eg.add(n.clone());
                base.push((id, n));
                id
            }
            SampleEntry::Attr(a) => {
                let n = Node::Attr(*a);
                let id = eg.add(n.clone());
                base.push((id, n));
                id
            }
            SampleEntry::Const(_) | SampleEntry::RandomConst(..) => {
                let value = match e {
                    SampleEntry::Const(a) => *a,
                    SampleEntry::RandomConst(t, r) => random_dense(ctx, *t, *r, &mut rng)
                        .ok_or_else(|| format!("cannot make a random constant for {name}"))?,
                    _ => unreachable!("matched above"),
                };
                let mat = mat.ok_or("the rule's dialect has no constant op")?;
                let props = ctx.dict_attr(&[("value", value)]);
                if infer_types(ctx, mat, &[], props, 0).is_none() {
                    return Err(format!(
                        "{name}: the constant op does not accept this value"
                    ));
                }
                let pa = Node::Attr(props);
                let p = eg.add(pa.clone());
                base.push((p, pa));
                let n = Node::op(mat, ctx.empty_dict(), &[], p);
                let id = eg.add(n.clone());
                base.push((id, n));
                id
            }
        };
        subst.insert(var, id);
    }
    let mut lhs_rec: Vec<(Id, Node)> = Vec::new();
    let mut lhs_roots = Vec::new();
    for p in &lhs_pats {
        for n in p.as_ref() {
            if let ENodeOrVar::Var(v) = n {
                if subst.get(*v).is_none() {
                    return Err(format!("the sample does not give {v}"));
                }
            }
        }
        lhs_roots.push(add_recorded(&mut eg, p, &subst, &mut lhs_rec));
    }
    eg.rebuild();
    // The match of the rule on the sample's left-hand side.
    let roots = rule.roots();
    let wanted: Vec<(Var, Id)> = entries
        .iter()
        .filter_map(|(n, _)| n.parse::<Var>().ok())
        .filter_map(|v| subst.get(v).map(|&id| (v, eg.find(id))))
        .collect();
    let found = rule.search(&eg).into_iter().find_map(|m| {
        m.substs
            .into_iter()
            .find(|s| {
                wanted
                    .iter()
                    .all(|(v, id)| s.get(*v).is_some_and(|&x| eg.find(x) == *id))
                    && if roots.is_empty() {
                        eg.find(m.eclass) == eg.find(lhs_roots[0])
                    } else {
                        roots
                            .iter()
                            .zip(&lhs_roots)
                            .all(|(v, r)| s.get(*v).is_some_and(|&x| eg.find(x) == eg.find(*r)))
                    }
            })
            .map(|s| (m.eclass, s))
    });
    let (eclass, s) = found.ok_or("the rule does not match its sample")?;
    let (rhs, rhs_rec) = rule.instantiate_rhs(&mut eg, eclass, &s)?;
    eg.rebuild();
    // Selections: each side's own nodes first, then the sample's.
    let canon = |eg: &EGraph<Node, GraphAnalysis<'_>>, rec: &[(Id, Node)]| {
        let mut m: FxHashMap<Id, Node> = FxHashMap::default();
        for (id, n) in rec {
            m.entry(eg.find(*id))
                .or_insert_with(|| n.clone().map_children(|c| eg.find(c)));
        }
        m
    };
    let base_m = canon(&eg, &base);
    let mut lhs_m = canon(&eg, &lhs_rec);
    let mut rhs_m = canon(&eg, &rhs_rec);
    for (k, v) in &base_m {
        lhs_m.entry(*k).or_insert_with(|| v.clone());
        rhs_m.entry(*k).or_insert_with(|| v.clone());
    }
    for (k, v) in &lhs_m {
        rhs_m.entry(*k).or_insert_with(|| v.clone());
    }
    // Roots in the order of the right-hand sides (single: one).
    let lhs_ids: Vec<Id> = rhs.iter().map(|(t, _)| eg.find(*t)).collect();
    let rhs_ids: Vec<Id> = rhs.iter().map(|(_, r)| eg.find(*r)).collect();
    let mut module = Module::new(ctx);
    let arg_types: Vec<Type> = inputs.iter().map(|(t, _)| *t).collect();
    build_function(ctx, &mut module, "lhs", &eg, &arg_types, &lhs_ids, &lhs_m)?;
    build_function(ctx, &mut module, "rhs", &eg, &arg_types, &rhs_ids, &rhs_m)?;
    Ok(Instance { module, inputs })
}

/// Append `func.func @name(args) -> (root types)` computing `roots` with the nodes of
/// `choice` (canonical class -> node; leaves are the arguments) to `module`.
pub fn build_function(
    ctx: &Context,
    module: &mut Module,
    name: &str,
    eg: &EGraph<Node, GraphAnalysis<'_>>,
    args: &[Type],
    roots: &[Id],
    choice: &FxHashMap<Id, Node>,
) -> Result<(), String> {
    let block = module.block().ok_or("module without a block")?;
    let results: Vec<Type> = roots
        .iter()
        .map(|&r| eg[r].data.ty().ok_or("a root without a single type"))
        .collect::<Result<_, _>>()?;
    let fty = ctx.function_type(args, &results);
    let mut st = OperationState::new(ctx, ctx.op_name("func.func"), ctx.unknown_loc());
    st.props = Some(ctx.dict_attr(&[
        ("sym_name", ctx.string_attr(name)),
        ("function_type", ctx.type_attr(fty)),
    ]));
    let body = module.region_body_mut();
    let region = st.add_region(body);
    {
        let fb = st.region_body(body);
        let entry = fb.create_block();
        fb.append_block(region, entry);
        let leaves: Vec<Value> = args.iter().map(|&t| fb.add_block_arg(entry, t)).collect();
        // Attribute classes computed by `where` bindings are not in the recorded nodes.
        let pick = |c: Id| {
            choice.get(&eg.find(c)).cloned().or_else(|| {
                eg[c]
                    .nodes
                    .iter()
                    .find(|n| matches!(n, Node::Attr(_)))
                    .cloned()
            })
        };
        let mut m = Materializer::new(eg, &pick, &leaves);
        let mut planned: FxHashSet<Id> = FxHashSet::default();
        let mut order = Vec::new();
        for &r in roots {
            m.plan(r, &mut planned, &mut order)?;
        }
        for c in order {
            m.create(ctx, fb, InsertPoint::End(entry), c, ctx.unknown_loc())?;
        }
        let vals: Vec<Value> = roots
            .iter()
            .map(|&r| m.value(r).ok_or("a root was not built"))
            .collect::<Result<_, _>>()?;
        let mut ret = OperationState::new(ctx, ctx.op_name("func.return"), ctx.unknown_loc());
        ret.operands = vals;
        let r = fb.create_op(ret);
        fb.append_op(entry, r);
    }
    let f = body.create_op(st);
    body.append_op(block, f);
    Ok(())
}

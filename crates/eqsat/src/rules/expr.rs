//! Side conditions and computed attributes: a small expression language over the values a
//! match binds (e-classes with their analysis data, attributes) and the functions that
//! rules call by name.
//!
//! Built-in functions ([`BUILTINS`], listed with [`functions_markdown`]) cover types and
//! shapes, constants, attribute dictionaries, integer lists and permutations. Crates that
//! depend on this one (targets) add functions through the [`RULE_FUNCTIONS`] slice; rules are
//! checked against the known names when they are compiled.

use super::parse::Expr;
use crate::analysis::{ClassData, GraphAnalysis};
use crate::language::Node;
use egg::{EGraph, Id, Subst, Var};
use strata_dialect_graph::dense::{Dense, Values};
use strata_ir::{AttrKind, Attribute, Context, Type, TypeKind};

/// A value in a rule expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A list of integers.
    Ints(Vec<i64>),
    /// A string.
    Str(String),
    /// An attribute.
    Attr(Attribute),
    /// A type.
    Type(Type),
    /// An e-class (a bound variable).
    Class(Id),
}

/// What a rule function sees: the e-graph (for class data) and the context.
pub struct Env<'e, 'a> {
    /// The e-graph.
    pub egraph: &'e EGraph<Node, GraphAnalysis<'a>>,
}

impl<'a> Env<'_, 'a> {
    /// The context.
    pub fn ctx(&self) -> &'a Context {
        self.egraph.analysis.ctx
    }
    /// The analysis data of a class.
    pub fn data(&self, id: Id) -> &ClassData {
        &self.egraph[id].data
    }
    /// The attribute a value stands for: an attribute, or an attribute class.
    pub fn attr(&self, v: &Val) -> Option<Attribute> {
        match v {
            Val::Attr(a) => Some(*a),
            Val::Class(c) => self.data(*c).attr,
            _ => None,
        }
    }
    /// The type a value stands for: a type, or a single-result class's type.
    pub fn ty(&self, v: &Val) -> Option<Type> {
        match v {
            Val::Type(t) => Some(*t),
            Val::Class(c) => self.data(*c).ty(),
            _ => None,
        }
    }
    /// The static shape of a value's type (ranked tensors and vectors; `[]` for scalars).
    pub fn shape(&self, v: &Val) -> Option<Vec<i64>> {
        let ctx = self.ctx();
        match ctx.type_kind(self.ty(v)?) {
            TypeKind::RankedTensor { shape, .. } | TypeKind::Vector { shape, .. } => {
                Some(shape.to_vec())
            }
            TypeKind::Integer { .. } | TypeKind::Float(_) | TypeKind::Index => Some(Vec::new()),
            _ => None,
        }
    }
    /// The constant a value stands for: an attribute, or a class's constant.
    pub fn constant(&self, v: &Val) -> Option<Attribute> {
        match v {
            Val::Attr(a) => Some(*a),
            Val::Class(c) => self.data(*c).constant,
            _ => None,
        }
    }
}

/// Signature of a rule function.
pub type RuleFn = fn(&Env<'_, '_>, &[Val]) -> Option<Val>;

/// A function rules can call by name.
#[derive(Clone, Copy)]
pub struct RuleFunction {
    /// Name used in rule text.
    pub name: &'static str,
    /// Argument list as documentation (`(x, i)`).
    pub args: &'static str,
    /// What it computes.
    pub summary: &'static str,
    /// Implementation; `None` means "does not apply" (the rule is skipped for this match).
    pub call: RuleFn,
}

impl std::fmt::Debug for RuleFunction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleFunction")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Rule functions contributed by other crates (targets), gathered at link time.
#[linkme::distributed_slice]
pub static RULE_FUNCTIONS: [RuleFunction];

/// Look a rule function up by name: built-ins first, then [`RULE_FUNCTIONS`].
pub fn lookup_function(name: &str) -> Option<&'static RuleFunction> {
    BUILTINS
        .iter()
        .chain(RULE_FUNCTIONS.iter())
        .find(|f| f.name == name)
}

/// A Markdown table of every rule function, for the documentation.
pub fn functions_markdown() -> String {
    let mut all: Vec<&RuleFunction> = BUILTINS.iter().chain(RULE_FUNCTIONS.iter()).collect();
    all.sort_by_key(|f| f.name);
    let mut s = String::from("| function | meaning |\n|---|---|\n");
    for f in all {
        s.push_str(&format!("| `{}{}` | {} |\n", f.name, f.args, f.summary));
    }
    s
}

/// An expression compiled against the function table.
#[derive(Clone, Debug)]
pub(crate) enum CExpr {
    Var(Var),
    Root,
    Lit(Val),
    Call(&'static RuleFunction, Vec<CExpr>),
}

/// Compile an expression: variables must be in `bound` (or be `?root` when `root_ok`).
pub(crate) fn compile_expr(
    ctx: &Context,
    e: &Expr,
    bound: &dyn Fn(&str) -> bool,
    root_ok: bool,
) -> Result<CExpr, String> {
    Ok(match e {
        Expr::Var(v) if v == "?root" => {
            if !root_ok {
                return Err("'?root' is only defined in single-pattern rules".into());
            }
            CExpr::Root
        }
        Expr::Var(v) => {
            if !bound(v) {
                return Err(format!("variable {v} is not bound by the left-hand side"));
            }
            CExpr::Var(v.parse().map_err(|e| format!("bad variable {v}: {e}"))?)
        }
        Expr::Int(i) => CExpr::Lit(Val::Int(*i)),
        Expr::Float(f) => CExpr::Lit(Val::Float(*f)),
        Expr::Str(s) => CExpr::Lit(Val::Str(s.clone())),
        Expr::Bool(b) => CExpr::Lit(Val::Bool(*b)),
        Expr::Dict(d) => CExpr::Lit(Val::Attr(
            strata_ir::text::parse_attr(ctx, d)
                .map_err(|e| format!("bad attribute {d}: {}", e.message))?,
        )),
        Expr::Call(name, args) => {
            let f = lookup_function(name).ok_or_else(|| format!("unknown function '{name}'"))?;
            let args = args
                .iter()
                .map(|a| compile_expr(ctx, a, bound, root_ok))
                .collect::<Result<Vec<_>, _>>()?;
            CExpr::Call(f, args)
        }
    })
}

/// Evaluate an expression under `subst` (with the matched class `root`).
pub(crate) fn eval(env: &Env<'_, '_>, e: &CExpr, subst: &Subst, root: Id) -> Option<Val> {
    match e {
        CExpr::Var(v) => subst.get(*v).map(|&id| Val::Class(id)),
        CExpr::Root => Some(Val::Class(root)),
        CExpr::Lit(v) => Some(v.clone()),
        CExpr::Call(f, args) => {
            let vals = args
                .iter()
                .map(|a| eval(env, a, subst, root))
                .collect::<Option<Vec<_>>>()?;
            (f.call)(env, &vals)
        }
    }
}

// ----- helpers -----

fn int(v: &Val) -> Option<i64> {
    match v {
        Val::Int(i) => Some(*i),
        _ => None,
    }
}

fn num(v: &Val) -> Option<f64> {
    match v {
        Val::Int(i) => Some(*i as f64),
        Val::Float(f) => Some(*f),
        _ => None,
    }
}

fn ints(v: &Val) -> Option<Vec<i64>> {
    match v {
        Val::Ints(i) => Some(i.clone()),
        Val::Int(i) => Some(vec![*i]),
        _ => None,
    }
}

fn string(v: &Val) -> Option<&str> {
    match v {
        Val::Str(s) => Some(s),
        _ => None,
    }
}

fn boolean(v: &Val) -> Option<bool> {
    match v {
        Val::Bool(b) => Some(*b),
        _ => None,
    }
}

/// Decode an attribute into a value: integers, `i64` arrays, floats, strings, types;
/// anything else stays an attribute.
pub fn attr_to_val(ctx: &Context, a: Attribute) -> Val {
    use strata_dialect_graph::attr as ga;
    if let Some(v) = ga::i64_array(ctx, a) {
        return Val::Ints(v);
    }
    match ctx.attr_kind(a) {
        AttrKind::Integer { value, .. } => match i64::try_from(*value) {
            Ok(v) => Val::Int(v),
            Err(_) => Val::Attr(a),
        },
        AttrKind::Float { .. } => ga::float_value(ctx, a).map_or(Val::Attr(a), Val::Float),
        AttrKind::String { .. } => {
            ga::string_value(ctx, a).map_or(Val::Attr(a), |s| Val::Str(s.to_string()))
        }
        AttrKind::Type(t) => Val::Type(*t),
        AttrKind::Bool(b) => Val::Bool(*b),
        _ => Val::Attr(a),
    }
}

/// Encode a value as an attribute: integers as `i64`, lists as `array<i64: ...>`, floats as
/// `f32`, strings, types; attributes as themselves.
pub fn val_to_attr(ctx: &Context, v: &Val) -> Option<Attribute> {
    use strata_dialect_graph::attr as ga;
    Some(match v {
        Val::Int(i) => ga::i64_attr(ctx, *i),
        Val::Ints(l) => ga::i64_array_attr(ctx, l),
        Val::Float(f) => ga::f32_attr(ctx, *f),
        Val::Str(s) => ctx.string_attr(s),
        Val::Type(t) => ctx.type_attr(*t),
        Val::Bool(b) => ctx.bool_attr(*b),
        Val::Attr(a) => *a,
        Val::Class(_) => return None,
    })
}

fn dict_field(env: &Env<'_, '_>, d: &Val, name: &Val) -> Option<Option<Val>> {
    let ctx = env.ctx();
    let dict = env.attr(d)?;
    let name = string(name)?;
    Some(ctx.dict_get(dict, name).map(|a| attr_to_val(ctx, a)))
}

fn norm_axis(axis: i64, rank: i64) -> Option<i64> {
    let a = if axis < 0 { axis + rank } else { axis };
    (0..rank).contains(&a).then_some(a)
}

fn is_perm(p: &[i64]) -> bool {
    let mut seen = vec![false; p.len()];
    p.iter().all(|&i| {
        usize::try_from(i)
            .ok()
            .and_then(|i| seen.get_mut(i))
            .is_some_and(|s| !std::mem::replace(s, true))
    })
}

/// `transpose(transpose(x, p), q) == transpose(x, compose(p, q))`: `r[i] = p[q[i]]`.
fn compose(p: &[i64], q: &[i64]) -> Option<Vec<i64>> {
    if p.len() != q.len() || !is_perm(p) || !is_perm(q) {
        return None;
    }
    q.iter().map(|&i| p.get(i as usize).copied()).collect()
}

fn inverse(p: &[i64]) -> Option<Vec<i64>> {
    if !is_perm(p) {
        return None;
    }
    let mut r = vec![0; p.len()];
    for (i, &x) in p.iter().enumerate() {
        r[x as usize] = i as i64;
    }
    Some(r)
}

fn perm_of(env: &Env<'_, '_>, v: &Val) -> Option<Vec<i64>> {
    match v {
        Val::Ints(p) => Some(p.clone()),
        _ => match dict_field(env, v, &Val::Str("perm".into()))?? {
            Val::Ints(p) => Some(p),
            _ => None,
        },
    }
}

fn splat_dense(env: &Env<'_, '_>, v: &Val) -> Option<Dense> {
    let d = Dense::from_attr(env.ctx(), env.constant(v)?)?;
    let first_eq_all = match &d.values {
        Values::Float(f) => f.windows(2).all(|w| w[0].to_bits() == w[1].to_bits()),
        Values::Int(i) => i.windows(2).all(|w| w[0] == w[1]),
    };
    (first_eq_all && !d.values.is_empty()).then_some(d)
}

fn splat_f64(env: &Env<'_, '_>, v: &Val) -> Option<f64> {
    let d = splat_dense(env, v)?;
    match &d.values {
        Values::Float(f) => f.first().copied(),
        Values::Int(i) => i.first().map(|&x| x as f64),
    }
}

/// A dense attribute of type `ty` with every element `value` (rounded to the element type).
fn dense_splat(ctx: &Context, ty: Type, value: f64) -> Option<Attribute> {
    let (shape, elem) = match ctx.type_kind(ty) {
        TypeKind::RankedTensor { shape, elem, .. } => (shape.clone(), *elem),
        _ => return None,
    };
    let values = if ctx.type_kind(elem).is_float() {
        Values::Float(vec![value])
    } else if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Values::Int(vec![value as i128])
    } else {
        return None;
    };
    let dense = Dense {
        ty,
        shape: shape.to_vec(),
        elem,
        class: strata_dialect_graph::util::elem_class(ctx, elem)?,
        values,
    };
    dense.to_attr(ctx)
}

/// The classes reachable from `root` through any node (attribute classes excluded), or
/// `None` past `limit` classes.
fn reachable(env: &Env<'_, '_>, root: Id, limit: usize) -> Option<rustc_hash::FxHashSet<Id>> {
    use egg::Language;
    let eg = env.egraph;
    let mut seen = rustc_hash::FxHashSet::default();
    let mut stack = vec![eg.find(root)];
    while let Some(c) = stack.pop() {
        if eg[c].data.attr.is_some() || !seen.insert(c) {
            continue;
        }
        if seen.len() > limit {
            return None;
        }
        for n in &eg[c].nodes {
            stack.extend(n.children().iter().map(|&ch| eg.find(ch)));
        }
    }
    Some(seen)
}

fn cmp(a: &Val, b: &Val) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Val::Int(x), Val::Int(y)) => Some(x.cmp(y)),
        _ => num(a)?.partial_cmp(&num(b)?),
    }
}

fn equal(env: &Env<'_, '_>, a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::Int(_) | Val::Float(_), Val::Int(_) | Val::Float(_)) => {
            cmp(a, b) == Some(std::cmp::Ordering::Equal)
        }
        (Val::Class(x), Val::Class(y)) => env.egraph.find(*x) == env.egraph.find(*y),
        (Val::Type(_), _) | (_, Val::Type(_)) => env.ty(a).is_some() && env.ty(a) == env.ty(b),
        (Val::Attr(_), _) | (_, Val::Attr(_)) => {
            env.attr(a).is_some() && env.attr(a) == env.attr(b)
        }
        _ => a == b,
    }
}

macro_rules! f {
    ($name:literal, $args:literal, $summary:literal, $body:expr) => {
        RuleFunction {
            name: $name,
            args: $args,
            summary: $summary,
            call: $body,
        }
    };
}

/// The built-in rule functions.
#[rustfmt::skip]
pub static BUILTINS: &[RuleFunction] = &[
    // ----- logic and comparison -----
    f!("eq", "(a, b)", "equality of numbers, lists, strings, types, attributes or classes (`a == b`)", |e, a| Some(Val::Bool(equal(e, a.first()?, a.get(1)?)))),
    f!("ne", "(a, b)", "`a != b`", |e, a| Some(Val::Bool(!equal(e, a.first()?, a.get(1)?)))),
    f!("lt", "(a, b)", "`a < b` on numbers", |_, a| Some(Val::Bool(cmp(a.first()?, a.get(1)?)?.is_lt()))),
    f!("le", "(a, b)", "`a <= b` on numbers", |_, a| Some(Val::Bool(cmp(a.first()?, a.get(1)?)?.is_le()))),
    f!("gt", "(a, b)", "`a > b` on numbers", |_, a| Some(Val::Bool(cmp(a.first()?, a.get(1)?)?.is_gt()))),
    f!("ge", "(a, b)", "`a >= b` on numbers", |_, a| Some(Val::Bool(cmp(a.first()?, a.get(1)?)?.is_ge()))),
    f!("not", "(b)", "negation", |_, a| Some(Val::Bool(!boolean(a.first()?)?))),
    f!("and", "(b, ...)", "conjunction", |_, a| Some(Val::Bool(a.iter().map(boolean).collect::<Option<Vec<_>>>()?.into_iter().all(|b| b)))),
    f!("or", "(b, ...)", "disjunction", |_, a| Some(Val::Bool(a.iter().map(boolean).collect::<Option<Vec<_>>>()?.into_iter().any(|b| b)))),
    f!("distinct", "(?a, ?b)", "the two classes are different", |e, a| match (a.first()?, a.get(1)?) {
        (Val::Class(x), Val::Class(y)) => Some(Val::Bool(e.egraph.find(*x) != e.egraph.find(*y))),
        _ => None,
    }),
    f!("ordered", "(?a, ?b)", "class `?a` comes before class `?b` (a deterministic order, to apply a symmetric rule once per pair)", |e, a| match (a.first()?, a.get(1)?) {
        (Val::Class(x), Val::Class(y)) => Some(Val::Bool(e.egraph.find(*x) < e.egraph.find(*y))),
        _ => None,
    }),
    f!("disjoint", "(?a, ?b)", "no class is reachable from both `?a` and `?b` (through any of their nodes; false past 256 classes): `?a` and `?b` are built from different values", |e, a| match (a.first()?, a.get(1)?) {
        (Val::Class(x), Val::Class(y)) => {
            let rx = reachable(e, *x, 256)?;
            let ry = reachable(e, *y, 256)?;
            Some(Val::Bool(rx.iter().all(|c| !ry.contains(c))))
        }
        _ => None,
    }),
    // ----- integers and lists -----
    f!("contains", "(list, v)", "`list` has an element equal to `v`", |_, a| {
        let v = int(a.get(1)?)?;
        Some(Val::Bool(ints(a.first()?)?.contains(&v)))
    }),
    f!("add", "(a, b)", "integer sum", |_, a| Some(Val::Int(int(a.first()?)?.checked_add(int(a.get(1)?)?)?))),
    f!("sub", "(a, b)", "integer difference", |_, a| Some(Val::Int(int(a.first()?)?.checked_sub(int(a.get(1)?)?)?))),
    f!("mul", "(a, b)", "integer product", |_, a| Some(Val::Int(int(a.first()?)?.checked_mul(int(a.get(1)?)?)?))),
    f!("ints", "(a, ...)", "a list of the integers and lists given, concatenated", |_, a| Some(Val::Ints(a.iter().map(ints).collect::<Option<Vec<_>>>()?.concat()))),
    f!("len", "(list)", "list length", |_, a| Some(Val::Int(ints(a.first()?)?.len() as i64))),
    f!("at", "(list, i)", "element `i` (negative from the end)", |_, a| {
        let l = ints(a.first()?)?;
        let i = norm_axis(int(a.get(1)?)?, l.len() as i64)?;
        Some(Val::Int(l[i as usize]))
    }),
    f!("iota", "(n)", "`[0, 1, ..., n-1]`", |_, a| {
        let n = int(a.first()?)?;
        (0..=4096).contains(&n).then(|| Val::Ints((0..n).collect()))
    }),
    f!("product", "(list)", "product of the elements", |_, a| Some(Val::Int(ints(a.first()?)?.iter().try_fold(1i64, |p, &x| p.checked_mul(x))?))),
    f!("all_equal", "(list, v)", "every element equals `v`", |_, a| {
        let v = int(a.get(1)?)?;
        Some(Val::Bool(ints(a.first()?)?.iter().all(|&x| x == v)))
    }),
    f!("norm_axis", "(axis, rank)", "the axis made non-negative; fails when out of range", |_, a| Some(Val::Int(norm_axis(int(a.first()?)?, int(a.get(1)?)?)?))),
    // ----- permutations -----
    f!("compose", "(p, q)", "`r[i] = p[q[i]]`: transposing by `p` then `q` is transposing by `r` (lists or dictionaries with `perm`)", |e, a| Some(Val::Ints(compose(&perm_of(e, a.first()?)?, &perm_of(e, a.get(1)?)?)?))),
    f!("inverse", "(p)", "the inverse permutation", |e, a| Some(Val::Ints(inverse(&perm_of(e, a.first()?)?)?))),
    f!("is_identity_perm", "(p)", "`p` is `[0, 1, ..., n-1]`", |e, a| {
        let p = perm_of(e, a.first()?)?;
        Some(Val::Bool(p.iter().enumerate().all(|(i, &x)| x == i as i64)))
    }),
    f!("perms_compose_to_identity", "(p, q)", "transposing by `p` then by `q` is the identity", |e, a| {
        let r = compose(&perm_of(e, a.first()?)?, &perm_of(e, a.get(1)?)?)?;
        Some(Val::Bool(r.iter().enumerate().all(|(i, &x)| x == i as i64)))
    }),
    f!("compose_perms", "(p, q)", "the dictionary `{perm = compose(p, q)}`", |e, a| {
        let r = compose(&perm_of(e, a.first()?)?, &perm_of(e, a.get(1)?)?)?;
        let ctx = e.ctx();
        Some(Val::Attr(ctx.dict_attr(&[("perm", strata_dialect_graph::attr::i64_array_attr(ctx, &r))])))
    }),
    f!("permute", "(list, p)", "`list` permuted: `r[i] = list[p[i]]`", |e, a| {
        let l = ints(a.first()?)?;
        let p = perm_of(e, a.get(1)?)?;
        if l.len() != p.len() || !is_perm(&p) { return None; }
        Some(Val::Ints(p.iter().map(|&i| l[i as usize]).collect()))
    }),
    // ----- types and shapes -----
    f!("type", "(x)", "the result type of class `x`", |e, a| Some(Val::Type(e.ty(a.first()?)?))),
    f!("same_type", "(x, y)", "`x` and `y` have the same type", |e, a| {
        let x = e.ty(a.first()?)?;
        Some(Val::Bool(Some(x) == e.ty(a.get(1)?)))
    }),
    f!("rank", "(x)", "rank of the (ranked) type of `x`", |e, a| Some(Val::Int(e.shape(a.first()?)?.len() as i64))),
    f!("shape", "(x)", "the static shape of `x`; fails when a dimension is dynamic", |e, a| {
        let s = e.shape(a.first()?)?;
        s.iter().all(|&d| d >= 0).then_some(Val::Ints(s))
    }),
    f!("dim", "(x, i)", "static size of dimension `i` (negative from the end); fails when dynamic", |e, a| {
        let s = e.shape(a.first()?)?;
        let i = norm_axis(int(a.get(1)?)?, s.len() as i64)?;
        let d = s[i as usize];
        (d >= 0).then_some(Val::Int(d))
    }),
    f!("numel", "(x)", "static number of elements", |e, a| {
        let s = e.shape(a.first()?)?;
        Some(Val::Int(s.iter().try_fold(1i64, |p, &d| if d < 0 { None } else { p.checked_mul(d) })?))
    }),
    f!("is_static", "(x)", "the type of `x` has a static shape", |e, a| Some(Val::Bool(e.shape(a.first()?)?.iter().all(|&d| d >= 0)))),
    f!("is_float", "(x)", "the element type of `x` is a float type", |e, a| {
        let ctx = e.ctx();
        let t = e.ty(a.first()?)?;
        let elem = ctx.type_kind(t).element_type().unwrap_or(t);
        Some(Val::Bool(ctx.type_kind(elem).is_float()))
    }),
    f!("is_channel_vector", "(b, x)", "`b` broadcast against the `N x C x ...` tensor `x` is a per-channel vector (all dimensions 1 except `C`)", |e, a| {
        let b = e.shape(a.first()?)?;
        let x = e.shape(a.get(1)?)?;
        if x.len() < 2 || b.len() > x.len() || b.len() + 1 < x.len() { return Some(Val::Bool(false)); }
        let off = x.len() - b.len();
        let ok = b.iter().enumerate().all(|(i, &d)| if i + off == 1 { d == x[1] && d >= 0 } else { d == 1 });
        Some(Val::Bool(ok))
    }),
    // ----- constants -----
    f!("is_const", "(x)", "the value of `x` is a known constant", |e, a| Some(Val::Bool(e.constant(a.first()?).is_some()))),
    f!("is_splat", "(x, v)", "`x` is a constant whose elements all equal `v` (rounded to the element type)", |e, a| {
        let want = num(a.get(1)?)?;
        let Some(d) = splat_dense(e, a.first()?) else { return Some(Val::Bool(false)) };
        let ok = match &d.values {
            Values::Float(f) => {
                let kind = e.ctx().type_kind(d.elem).float_kind()?;
                let r = strata_ir::numeric::bits_to_f64(strata_ir::numeric::f64_to_bits(want, kind), kind);
                f.first().is_some_and(|x| *x == r)
            }
            Values::Int(i) => want.fract() == 0.0 && i.first().is_some_and(|x| *x as f64 == want),
        };
        Some(Val::Bool(ok))
    }),
    f!("splat_value", "(x)", "the element value of a splat constant", |e, a| Some(Val::Float(splat_f64(e, a.first()?)?))),
    f!("scalar", "(x, v)", "the rank-0 dense attribute `dense<v> : tensor<elem(x)>`", |e, a| {
        let ctx = e.ctx();
        let t = e.ty(a.first()?)?;
        let elem = ctx.type_kind(t).element_type().unwrap_or(t);
        Some(Val::Attr(dense_splat(ctx, ctx.tensor_type(&[], elem), num(a.get(1)?)?)?))
    }),
    f!("splat", "(x, v)", "the dense attribute of `x`'s type with every element `v`", |e, a| {
        let ctx = e.ctx();
        Some(Val::Attr(dense_splat(ctx, e.ty(a.first()?)?, num(a.get(1)?)?)?))
    }),
    // ----- attribute dictionaries -----
    f!("get", "(d, name)", "field `name` of dictionary `d` (integers, `i64` arrays, floats, strings and types decoded); fails when absent", |e, a| dict_field(e, a.first()?, a.get(1)?)?),
    f!("get_or", "(d, name, default)", "field `name` of `d`, or `default`", |e, a| Some(dict_field(e, a.first()?, a.get(1)?)?.unwrap_or(a.get(2)?.clone()))),
    f!("has", "(d, name)", "dictionary `d` has field `name`", |e, a| Some(Val::Bool(dict_field(e, a.first()?, a.get(1)?)?.is_some()))),
    f!("dict", "(name, value, ...)", "a dictionary attribute (integers become `i64`, lists `array<i64>`, floats `f32`)", |e, a| {
        let ctx = e.ctx();
        if a.len() % 2 != 0 { return None; }
        let mut entries = Vec::new();
        for pair in a.chunks(2) {
            entries.push((string(&pair[0])?.to_string(), val_to_attr(ctx, &pair[1])?));
        }
        let refs: Vec<(&str, Attribute)> = entries.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        Some(Val::Attr(ctx.dict_attr(&refs)))
    }),
    f!("set", "(d, name, value)", "dictionary `d` with field `name` set", |e, a| {
        let ctx = e.ctx();
        let d = e.attr(a.first()?)?;
        Some(Val::Attr(ctx.dict_set(d, string(a.get(1)?)?, Some(val_to_attr(ctx, a.get(2)?)?))))
    }),
    f!("remove", "(d, name)", "dictionary `d` without field `name`", |e, a| {
        let ctx = e.ctx();
        let d = e.attr(a.first()?)?;
        Some(Val::Attr(ctx.dict_set(d, string(a.get(1)?)?, None)))
    }),
    f!("axis_of", "(d, x)", "the `axis` field of `d` (default 0) made non-negative for the rank of `x`", |e, a| {
        let ax = match dict_field(e, a.first()?, &Val::Str("axis".into()))? { Some(v) => int(&v)?, None => 0 };
        Some(Val::Int(norm_axis(ax, e.shape(a.get(1)?)?.len() as i64)?))
    }),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permutation_helpers() {
        assert_eq!(compose(&[1, 2, 0], &[2, 0, 1]), Some(vec![0, 1, 2]));
        assert_eq!(compose(&[1, 0], &[1, 0]), Some(vec![0, 1]));
        assert_eq!(compose(&[0, 2, 1], &[1, 0, 2]), Some(vec![2, 0, 1]));
        assert_eq!(inverse(&[2, 0, 1]), Some(vec![1, 2, 0]));
        assert_eq!(compose(&[1, 1], &[0, 1]), None);
        assert!(!is_perm(&[0, 3, 1]));
        assert_eq!(norm_axis(-1, 4), Some(3));
        assert_eq!(norm_axis(4, 4), None);
    }

    #[test]
    fn function_names_are_unique() {
        let mut names: Vec<&str> = BUILTINS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(n, names.len());
        assert!(functions_markdown().contains("| `compose(p, q)` |"));
    }
}

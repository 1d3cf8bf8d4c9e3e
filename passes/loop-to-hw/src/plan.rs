//! The legality analysis of the vectoriser: whether an innermost loop can run `W` iterations
//! at a time as vector code with the same results, and the plan for doing so.
//!
//! A loop qualifies when it is a `loop.for` (loop-carried values allowed only as the integer
//! reductions described below) or a one-dimensional `loop.parallel` without reductions,
//! with constant bounds, step 1 and at least `W` iterations, and its body is straight-line
//! code of:
//!
//! * `loop.load` / `loop.store` on memrefs defined outside the loop with a unit innermost
//!   stride, whose indices are loop-invariant except the last, which is the induction
//!   variable `iv` or `iv + u` for a loop-invariant `u` (consecutive lanes read consecutive
//!   elements); a load whose indices are all loop-invariant stays a scalar load (its value
//!   is broadcast where vector code uses it);
//! * scalar `arith` and `math` ops (integers, `index`, floats), which become the same op on
//!   vectors, or stay scalar when all their operands are loop-invariant;
//! * a loop-carried value `acc` of a `loop.for` whose only use is one
//!   `arith.{addi,muli,andi,ori,xori,minsi,maxsi,minui,maxui}` with a value of the
//!   iteration, whose result is only yielded: these integer operations are associative and
//!   commutative and wrap exactly, so reassociating them into per-lane partial results
//!   combined at the end gives the same bits. Float reductions are left scalar: reassociating
//!   them would change the numbers.
//!
//! Memory dependences: every access is classified by its root buffer (through
//! `loop.subview` to a function argument, an allocation or a `loop.get_global` symbol).
//! Distinct roots are assumed not to alias (the out-parameter ABI of `bufferize` passes
//! distinct buffers). For every root that the loop stores to, every access to that root
//! must use the same memref value and the same indices, so that each iteration only touches
//! its own elements; otherwise the loop stays scalar.

use indexmap::IndexMap;
use strata_dialect_hw::ReductionKind;
use strata_dialect_loop::layout::{memref_parts, strides_and_offset};
use strata_ir::{Attribute, Body, Context, Op, OpRef, Type, TypeKind, Value};

/// What a value of the loop body becomes in the vector loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// The same in every iteration: stays a scalar (broadcast where vector code uses it).
    Uniform,
    /// `iv + offset` (`index`): lane `l` of the vector loop holds `j + offset + l`.
    Index(Option<Value>),
    /// Varies with the iteration: one vector lane per iteration.
    Vector,
    /// Loop-carried accumulator `j` of a reduction.
    Acc(usize),
}

/// Whether a loop is a `loop.for` or a `loop.parallel`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LoopKind {
    /// `loop.for`.
    For,
    /// One-dimensional `loop.parallel` without reductions.
    Parallel,
}

/// One integer reduction carried through a `loop.for`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reduction {
    /// The op combining the accumulator with the iteration's value.
    pub combiner: Op,
    /// Its kind.
    pub kind: ReductionKind,
    /// The element type.
    pub elem: Type,
}

/// How to vectorise one loop.
#[derive(Debug)]
pub(crate) struct Plan {
    /// The loop kind.
    pub kind: LoopKind,
    /// Constant lower bound.
    pub lb: i64,
    /// Constant upper bound.
    pub ub: i64,
    /// The number of lanes.
    pub width: i64,
    /// The class of every value defined in the body (results and block arguments).
    pub classes: IndexMap<Value, Class>,
    /// The reductions, one per loop-carried value.
    pub reductions: Vec<Reduction>,
}

/// The value of `v` when an `arith.constant` of integer or index type defines it.
pub(crate) fn const_int(ctx: &Context, body: &Body, v: Value) -> Option<i64> {
    let def = body.defining_op(v)?;
    if ctx.op_name_str(body.name(def)) != "arith.constant" {
        return None;
    }
    let d = body.op(def);
    let a = ctx
        .dict_get(d.props, "value")
        .or_else(|| ctx.dict_get(d.attrs, "value"))?;
    strata_dialect_tensor::util::int_value(ctx, a)
}

/// The bit width of an element type that vectors may hold, for choosing the vector width
/// (`index`: 64, `i1`: 8); `None` for the types that stay scalar (odd integer widths,
/// 8-bit and 4-bit floats).
fn elem_bits(ctx: &Context, t: Type) -> Option<u64> {
    use strata_ir::FloatKind;
    match ctx.type_kind(t) {
        TypeKind::Index => Some(64),
        TypeKind::Integer { width: 1, .. } => Some(8),
        TypeKind::Integer { width, .. } if matches!(width, 8 | 16 | 32 | 64) => {
            Some(u64::from(*width))
        }
        TypeKind::Float(
            k @ (FloatKind::F16 | FloatKind::BF16 | FloatKind::F32 | FloatKind::F64),
        ) => Some(u64::from(k.width())),
        _ => None,
    }
}

fn is_scalar(ctx: &Context, t: Type) -> bool {
    matches!(
        ctx.type_kind(t),
        TypeKind::Index | TypeKind::Integer { .. } | TypeKind::Float(_)
    )
}

/// The reduction kind of an integer combiner op.
fn int_reduction(name: &str) -> Option<ReductionKind> {
    Some(match name {
        "arith.addi" => ReductionKind::Add,
        "arith.muli" => ReductionKind::Mul,
        "arith.andi" => ReductionKind::And,
        "arith.ori" => ReductionKind::Or,
        "arith.xori" => ReductionKind::Xor,
        "arith.minsi" => ReductionKind::MinSI,
        "arith.maxsi" => ReductionKind::MaxSI,
        "arith.minui" => ReductionKind::MinUI,
        "arith.maxui" => ReductionKind::MaxUI,
        _ => return None,
    })
}

/// The buffer an access ultimately reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Root {
    /// A function argument, allocation or other memref value.
    Value(Value),
    /// A `loop.get_global` of this symbol.
    Global(Attribute),
}

fn root(ctx: &Context, body: &Body, mut v: Value) -> Root {
    // Subview chains are finite (SSA values are defined before use); the bound only
    // guards against malformed bodies.
    for _ in 0..10_000 {
        let Some(def) = body.defining_op(v) else {
            break;
        };
        match ctx.op_name_str(body.name(def)) {
            "loop.subview" if body.num_operands(def) > 0 => v = body.operand(def, 0),
            "loop.get_global" => {
                let d = body.op(def);
                if let Some(a) = ctx
                    .dict_get(d.props, "name")
                    .or_else(|| ctx.dict_get(d.attrs, "name"))
                {
                    return Root::Global(a);
                }
                break;
            }
            _ => break,
        }
    }
    Root::Value(v)
}

/// One memory access of the body.
struct Access {
    root: Root,
    mem: Value,
    indices: Vec<Value>,
    store: bool,
}

/// Whether memref `t` has a unit innermost stride (and rank >= 1).
fn unit_inner_stride(ctx: &Context, t: Type) -> bool {
    memref_parts(ctx, t).is_some_and(|p| !p.shape.is_empty())
        && strides_and_offset(ctx, t).is_ok_and(|(s, _)| s.last() == Some(&1))
}

/// The plan for vectorising `lp` with `vector_bits`-bit vectors, or `None` when it must stay
/// scalar.
pub(crate) fn analyze(ctx: &Context, body: &Body, lp: Op, vector_bits: u64) -> Option<Plan> {
    let name = ctx.op_name_str(body.name(lp));
    let kind = match name {
        "loop.for" => LoopKind::For,
        "loop.parallel" => {
            let dims = strata_dialect_loop::ParallelOp(OpRef::new(ctx, body, lp))
                .dims()
                .ok()?;
            if dims != (1, 0) {
                return None;
            }
            LoopKind::Parallel
        }
        _ => return None,
    };
    let region = *body.regions(lp).first()?;
    let [block] = body.region_blocks(region) else {
        return None;
    };
    let block = *block;
    let lb = const_int(ctx, body, body.operand(lp, 0))?;
    let ub = const_int(ctx, body, body.operand(lp, 1))?;
    if const_int(ctx, body, body.operand(lp, 2))? != 1 {
        return None;
    }
    let trip = ub.checked_sub(lb)?;
    let ops = body.block_op_vec(block);
    let (&term, rest) = ops.split_last()?;
    if ctx.op_name_str(body.name(term)) != "loop.yield" {
        return None;
    }
    if rest.iter().any(|&o| !body.regions(o).is_empty()) {
        return None;
    }
    let args = body.block_args(block).to_vec();
    let (&iv, accs) = args.split_first()?;
    let mut classes: IndexMap<Value, Class> = IndexMap::new();
    classes.insert(iv, Class::Index(None));
    let mut reductions = Vec::with_capacity(accs.len());
    let mut bits = 0u64;
    for (j, &acc) in accs.iter().enumerate() {
        let y = *body.operand_vec(term).get(j)?;
        let c = body.defining_op(y)?;
        if body.parent_block(c) != Some(block) {
            return None;
        }
        let kind = int_reduction(ctx.op_name_str(body.name(c)))?;
        let elem = body.value_type(acc);
        let width = ctx.type_kind(elem).int_width()?;
        if width < 8 || !body.operands(c).any(|o| o == acc) || body.num_operands(c) != 2 {
            return None;
        }
        let only = |v: Value, user: Op| body.uses(v).len() == 1 && body.uses(v)[0].op == user;
        if !only(acc, c) || !only(y, term) || body.results(c).len() != 1 {
            return None;
        }
        bits = bits.max(elem_bits(ctx, elem)?);
        classes.insert(acc, Class::Acc(j));
        reductions.push(Reduction {
            combiner: c,
            kind,
            elem,
        });
    }
    let class = |classes: &IndexMap<Value, Class>, v: Value| {
        classes.get(&v).copied().unwrap_or(Class::Uniform)
    };
    let mut accesses = Vec::new();
    let mut effects = !reductions.is_empty();
    for &o in rest {
        let oname = ctx.op_name_str(body.name(o));
        let operands = body.operand_vec(o);
        let cls: Vec<Class> = operands.iter().map(|&v| class(&classes, v)).collect();
        if let Some(j) = reductions.iter().position(|r| r.combiner == o) {
            let other = operands
                .iter()
                .zip(&cls)
                .find(|(_, c)| !matches!(c, Class::Acc(_)));
            if other.is_none() || cls.iter().filter(|c| matches!(c, Class::Acc(_))).count() != 1 {
                return None;
            }
            classes.insert(body.result(o, 0), Class::Acc(j));
            continue;
        }
        if cls.iter().any(|c| matches!(c, Class::Acc(_))) {
            return None;
        }
        match oname {
            "loop.load" | "loop.store" => {
                let store = oname == "loop.store";
                let mi = usize::from(store);
                let mem = *operands.get(mi)?;
                let mt = body.value_type(mem);
                if cls[mi] != Class::Uniform {
                    return None;
                }
                let idx = &operands[mi + 1..];
                let icls = &cls[mi + 1..];
                let (last, init) = match icls.split_last() {
                    Some((l, i)) => (Some(*l), i),
                    None => (None, &[][..]),
                };
                if init.iter().any(|&c| c != Class::Uniform) {
                    return None;
                }
                let contiguous = matches!(last, Some(Class::Index(_)));
                if !contiguous && last.is_some_and(|c| c != Class::Uniform) {
                    return None;
                }
                if contiguous && !unit_inner_stride(ctx, mt) {
                    return None;
                }
                let elem = memref_parts(ctx, mt)?.elem;
                if store {
                    if !contiguous {
                        return None;
                    }
                    effects = true;
                    bits = bits.max(elem_bits(ctx, elem)?);
                } else if contiguous {
                    bits = bits.max(elem_bits(ctx, elem)?);
                    classes.insert(body.result(o, 0), Class::Vector);
                } else {
                    classes.insert(body.result(o, 0), Class::Uniform);
                }
                accesses.push(Access {
                    root: root(ctx, body, mem),
                    mem,
                    indices: idx.to_vec(),
                    store,
                });
            }
            "arith.constant" => {
                let r = *body.results(o).first()?;
                if !is_scalar(ctx, body.value_type(r)) {
                    return None;
                }
                classes.insert(r, Class::Uniform);
            }
            n if n.starts_with("arith.") || n.starts_with("math.") => {
                let results = body.results(o).to_vec();
                let scalar = operands
                    .iter()
                    .chain(&results)
                    .all(|&v| is_scalar(ctx, body.value_type(v)));
                if !scalar || results.is_empty() {
                    return None;
                }
                if cls.iter().all(|&c| c == Class::Uniform) {
                    for r in results {
                        classes.insert(r, Class::Uniform);
                    }
                    continue;
                }
                if n == "arith.addi" && results.len() == 1 && operands.len() == 2 {
                    let off = match (cls[0], cls[1]) {
                        (Class::Index(None), Class::Uniform) => Some(operands[1]),
                        (Class::Uniform, Class::Index(None)) => Some(operands[0]),
                        _ => None,
                    };
                    if let Some(u) = off {
                        classes.insert(results[0], Class::Index(Some(u)));
                        continue;
                    }
                }
                // Every operand and result becomes a vector (uniform operands by broadcast).
                for &v in operands.iter().chain(&results) {
                    bits = bits.max(elem_bits(ctx, body.value_type(v))?);
                }
                for r in results {
                    classes.insert(r, Class::Vector);
                }
            }
            _ => return None,
        }
    }
    if !effects || bits == 0 {
        return None;
    }
    let width = i64::try_from(vector_bits / bits).ok()?;
    if width < 2 || trip < width {
        return None;
    }
    if !independent(&accesses) {
        return None;
    }
    Some(Plan {
        kind,
        lb,
        ub,
        width,
        classes,
        reductions,
    })
}

/// Whether every root stored to is accessed with one memref value and one index list.
fn independent(accesses: &[Access]) -> bool {
    accesses.iter().filter(|a| a.store).all(|s| {
        accesses
            .iter()
            .filter(|a| a.root == s.root)
            .all(|a| a.mem == s.mem && a.indices == s.indices)
    })
}

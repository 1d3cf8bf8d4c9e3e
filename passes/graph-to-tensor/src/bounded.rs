//! Results whose size depends on the data (`graph.non_zero`; `graph.unique` in
//! [`crate::unique`], `graph.non_max_suppression` in [`crate::nms`]), as bounded static
//! results:
//! the value is computed into a tensor of its upper-bound shape, its valid part being the
//! leading sub-box (element `(i0, .., ir)` at the same index, the rest zeros), and its
//! actual shape into a `tensor<Rxi64>` (every dim, the static ones equal to the bound),
//! its *extents*. See
//! `docs/lowering.md` ("Bounded dynamic results").
//!
//! Such an op converts only when each dynamic result is read by `func.return` alone: the
//! function then returns the bounded tensor in place of the dynamic one, and the sizes as
//! an extra result appended after the others, whose `res_attrs` entry is
//! `{strata.extents_of = i : i64}` (`i`: the result it describes). [`finish_function`]
//! rewrites the signature once the body is converted; the cpu runtime returns the
//! trimmed tensor in place of the two.
//!
//! `non_zero` of `x` (`N` elements, rank `r`): `nz[i] = x[i] != 0` (NaN is not zero), the
//! rank of each nonzero among the nonzeros before it (a reduction over the earlier
//! elements, quadratic in `N`), then `out[d, k] = sum_i (nz[i] && rank[i] == k) * coord[d,
//! i]` (the coordinates a constant table) into the bound `r x N`, and the extents
//! `[r, sum_i nz[i]]`.

use crate::build::{
    cmpf::UNE,
    cmpi::{EQ, NE, SLT},
};
use crate::build::{elem_of, float_kind, map, shape_of, signless_width, Cv};
use crate::lower::collapse;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr::{Const, Dim};
use strata_ir::{AttrKind, Attribute, Body, Context, Op, Type, TypeKind, Value};

/// The largest input (elements) whose nonzeros are ranked (the ranking is quadratic).
pub const MAX_ELEMENTS: i64 = 1 << 12;

/// The transient attribute on a `func.return` listing, for each operand appended after
/// the function's declared results, the result whose extents it holds.
const PENDING: &str = "strata.pending_extents";

/// The name of the `res_attrs` entry of an extents result.
pub const EXTENTS_OF: &str = "strata.extents_of";

/// Whether `v`'s every use is an operand of a `func.return`.
pub(crate) fn only_returned(ctx: &Context, body: &Body, v: Value) -> bool {
    body.has_uses(v)
        && body
            .uses(v)
            .iter()
            .all(|u| ctx.op_name_str(body.name(u.op)) == "func.return")
}

/// Convert `op` when it is an op of this module: `None` if it is not, else whether it
/// converted (nothing changed when not).
pub fn convert(ctx: &Context, body: &mut Body, op: Op, name: &str) -> Option<bool> {
    match name {
        "graph.non_zero" => Some(non_zero(ctx, body, op).is_some()),
        "graph.unique" => Some(crate::unique::unique(ctx, body, op).is_some()),
        "graph.non_max_suppression" => Some(crate::nms::nms(ctx, body, op).is_some()),
        _ => None,
    }
}

fn non_zero(ctx: &Context, body: &mut Body, op: Op) -> Option<()> {
    let x = *body.operand_vec(op).first()?;
    let [res] = body.results(op)[..] else {
        return None;
    };
    let xs = shape_of(ctx, body.value_type(x))?;
    let r = i64::try_from(xs.len()).ok()?;
    let TypeKind::RankedTensor { shape, .. } = ctx.type_kind(body.value_type(res)) else {
        return None;
    };
    if r == 0 || shape.len() != 2 || shape[0] != r || shape[1] >= 0 {
        return None;
    }
    if !only_returned(ctx, body, res) {
        return None;
    }
    let n: i64 = xs.iter().product();
    if n > MAX_ELEMENTS {
        return None;
    }
    let elem = elem_of(ctx, body.value_type(x));
    let float = float_kind(ctx, elem).is_some();
    if !float && signless_width(ctx, elem).is_none() {
        return None;
    }
    let loc = body.op(op).loc;
    let mut cv = Cv {
        ctx,
        body,
        before: op,
        loc,
    };
    let i64t = ctx.int_type(64);
    let flat = if xs.len() == 1 {
        x
    } else {
        collapse(&mut cv, x, &[(0..r).collect()], &[n], elem)
    };
    // nz[i] as i64 (0 or 1).
    let nz = cv.elementwise(&[flat], &[n], i64t, |sb, v| {
        let z = sb.cst(0.0, elem);
        let hit = if float {
            sb.cmp("arith.cmpf", UNE, v[0], z)
        } else {
            sb.cmp("arith.cmpi", NE, v[0], z)
        };
        sb.op("arith.extui", &[hit], i64t, &[])
    });
    let iota = {
        let ty = ctx.tensor_type(&[n], i64t);
        let a = dense_attr(ctx, ty, &Values::Int((0..i128::from(n)).collect()))?;
        cv.v("arith.constant", &[], ty, &[("value", a)])
    };
    // rank[i] = sum over j < i of nz[j]; dims (i, j).
    let rinit = cv.filled_int(0, &[n], i64t);
    let rank = cv.generic(
        &[nz, iota, iota],
        rinit,
        vec![
            map(2, vec![Dim(1)]),
            map(2, vec![Dim(1)]),
            map(2, vec![Dim(0)]),
            map(2, vec![Dim(0)]),
        ],
        &[Parallel, Reduction],
        |sb, v| {
            let before = sb.cmp("arith.cmpi", SLT, v[1], v[2]);
            let z = sb.cst(0.0, i64t);
            let c = sb.op("arith.select", &[before, v[0], z], i64t, &[]);
            sb.bin("arith.addi", v[3], c)
        },
    );
    // The coordinates of each element, [r, n].
    let mut coords = Vec::with_capacity((r * n) as usize);
    for d in 0..xs.len() {
        let inner: i64 = xs[d + 1..].iter().product();
        coords.extend((0..n).map(|i| i128::from((i / inner) % xs[d])));
    }
    let cty = ctx.tensor_type(&[r, n], i64t);
    let ca = dense_attr(ctx, cty, &Values::Int(coords))?;
    let coord = cv.v("arith.constant", &[], cty, &[("value", ca)]);
    // out[d, k] over (d, k, i).
    let oinit = cv.filled_int(0, &[r, n], i64t);
    let out = cv.generic(
        &[nz, rank, iota, coord],
        oinit,
        vec![
            map(3, vec![Dim(2)]),
            map(3, vec![Dim(2)]),
            map(3, vec![Dim(1)]),
            map(3, vec![Dim(0), Dim(2)]),
            map(3, vec![Dim(0), Dim(1)]),
        ],
        &[Parallel, Parallel, Reduction],
        |sb, v| {
            let one = sb.cst(1.0, i64t);
            let is_nz = sb.cmp("arith.cmpi", EQ, v[0], one);
            let here = sb.cmp("arith.cmpi", EQ, v[1], v[2]);
            let i1 = sb.ctx.int_type(1);
            let hit = sb.op("arith.andi", &[is_nz, here], i1, &[]);
            let z = sb.cst(0.0, i64t);
            let c = sb.op("arith.select", &[hit, v[3], z], i64t, &[]);
            sb.bin("arith.addi", v[4], c)
        },
    );
    // The extents [r, count]: the count reduced into element 1 of a constant [r, 0].
    let ety = ctx.tensor_type(&[2], i64t);
    let ea = dense_attr(ctx, ety, &Values::Int(vec![i128::from(r), 0]))?;
    let einit = cv.v("arith.constant", &[], ety, &[("value", ea)]);
    let count = cv.generic(
        &[nz],
        einit,
        vec![map(1, vec![Dim(0)]), map(1, vec![Const(1)])],
        &[Reduction],
        |sb, v| sb.bin("arith.addi", v[1], v[0]),
    );
    return_bounded(ctx, body, res, out, count);
    body.erase_op(op);
    Some(())
}

/// Make the `func.return`s reading the dynamic `old` read the bounded `new` and return
/// `extents` after the function's declared results (recorded for [`finish_function`]).
pub(crate) fn return_bounded(
    ctx: &Context,
    body: &mut Body,
    old: Value,
    new: Value,
    extents: Value,
) {
    let uses: Vec<_> = body.uses(old).to_vec();
    for u in uses {
        body.set_operand(u.op, u.index as usize, new);
        let mut ops = body.operand_vec(u.op).to_vec();
        ops.push(extents);
        body.set_operands(u.op, &ops);
        let attrs = body.op(u.op).attrs;
        let mut pending = int_items(ctx, ctx.dict_get(attrs, PENDING));
        pending.push(i64::from(u.index));
        let items: Vec<Attribute> = pending
            .iter()
            .map(|&i| ctx.int_attr(i128::from(i), ctx.int_type(64)))
            .collect();
        let a = ctx.dict_set(attrs, PENDING, Some(ctx.array_attr(&items)));
        body.op_mut(u.op).attrs = a;
    }
}

fn int_items(ctx: &Context, a: Option<Attribute>) -> Vec<i64> {
    match a.map(|a| ctx.attr_kind(a)) {
        Some(AttrKind::Array(items)) => items
            .iter()
            .filter_map(|&i| match *ctx.attr_kind(i) {
                AttrKind::Integer { value, .. } => i64::try_from(value).ok(),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// After the conversion of function `f` (an op of `mbody`): where its `func.return`
/// returns bounded results, the signature returns their bounded types and the extents
/// results (`strata.extents_of` in `res_attrs`). Whether anything changed.
pub fn finish_function(ctx: &Context, mbody: &mut Body, f: Op) -> bool {
    if ctx.op_name_str(mbody.name(f)) != "func.func" {
        return false;
    }
    let props = mbody.op(f).props;
    let Some(fty) = ctx.dict_get(props, "function_type") else {
        return false;
    };
    let AttrKind::Type(fty) = *ctx.attr_kind(fty) else {
        return false;
    };
    let TypeKind::Function { inputs, results } = ctx.type_kind(fty).clone() else {
        return false;
    };
    let Some(region) = mbody.regions(f).first().copied() else {
        return false;
    };
    let Some(fb) = mbody.nested_mut(f) else {
        return false;
    };
    let rets: Vec<Op> = fb
        .region_blocks(region)
        .to_vec()
        .into_iter()
        .filter_map(|b| fb.last_op(b))
        .filter(|&o| {
            ctx.op_name_str(fb.name(o)) == "func.return"
                && ctx.dict_get(fb.op(o).attrs, PENDING).is_some()
        })
        .collect();
    // One return (a function body is one block): its operand types are the signature.
    let [ret] = rets[..] else {
        return false;
    };
    let pending = int_items(ctx, ctx.dict_get(fb.op(ret).attrs, PENDING));
    let a = ctx.dict_set(fb.op(ret).attrs, PENDING, None);
    fb.op_mut(ret).attrs = a;
    let types: Vec<Type> = fb.operands(ret).map(|v| fb.value_type(v)).collect();
    if types.len() != results.len() + pending.len() {
        return false;
    }
    let i64t = ctx.int_type(64);
    let empty = ctx.dict_attr(&[]);
    let mut res_attrs: Vec<Attribute> =
        match ctx.dict_get(props, "res_attrs").map(|a| ctx.attr_kind(a)) {
            Some(AttrKind::Array(items)) => items.to_vec(),
            _ => Vec::new(),
        };
    res_attrs.resize(results.len(), empty);
    for &i in &pending {
        let d = ctx.dict_attr(&[(EXTENTS_OF, ctx.int_attr(i128::from(i), i64t))]);
        res_attrs.push(d);
    }
    let mut props = ctx.dict_set(
        props,
        "function_type",
        Some(ctx.type_attr(ctx.function_type(&inputs, &types))),
    );
    props = ctx.dict_set(props, "res_attrs", Some(ctx.array_attr(&res_attrs)));
    mbody.op_mut(f).props = props;
    true
}

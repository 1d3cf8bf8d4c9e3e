//! `graph.label_encoder` on numeric tensors (ONNX-ML `LabelEncoder` with integer or float
//! keys and values; string tensors do not convert), as the interpreter maps them
//! (`crates/interp/src/strings.rs`): each element becomes the value of the last key equal
//! to it (floats: `==`, and NaN matches a NaN key), else the default.
//!
//! The keys and values become constant tensors; one generic over the input's dims and
//! the keys reduces `match ? value : acc` from the default, so the last match wins.
//! The interpreter passes every value through `f64`: integer values and defaults that an
//! `f64` or the result type cannot hold exactly do not convert (no silent rounding).

use crate::build::{
    cmpf::{OEQ, UNO},
    cmpi::EQ,
};
use crate::build::{elem_of, float_kind, map, signless_width, Cv};
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_graph::strings::{label_default, Scalar, Table};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr::Dim;
use strata_ir::{Attribute, Type, Value};

/// The numbers of a dense table, as the interpreter reads them (integers or floats).
fn numbers(t: &Table) -> Option<Values> {
    let Table::Dense(d) = t else {
        return None;
    };
    let n = d.num_elements();
    if d.int(0).is_some() {
        Some(Values::Int(
            (0..n).map(|i| d.int(i)).collect::<Option<_>>()?,
        ))
    } else {
        Some(Values::Float(
            (0..n).map(|i| d.float(i)).collect::<Option<_>>()?,
        ))
    }
}

/// Whether the integer `v` goes through `f64` unchanged and fits `width` bits (signed).
fn exact_int(v: i128, width: u32) -> bool {
    let lim = 1i128 << (width.min(54) - 1);
    (-lim..lim).contains(&v)
}

/// `graph.label_encoder` of `x` (shape `xs`) into `out` of element type `oelem`; `props`
/// is the op's property dictionary.
pub fn label_encoder(
    cv: &mut Cv<'_>,
    x: Value,
    xs: &[i64],
    out: &[i64],
    oelem: Type,
    props: Attribute,
) -> Option<Value> {
    let ctx = cv.ctx;
    if xs != out {
        return None;
    }
    let ielem = elem_of(ctx, cv.body.value_type(x));
    let numeric =
        |t: Type| float_kind(ctx, t).is_some() || signless_width(ctx, t).is_some_and(|w| w > 1);
    if !numeric(ielem) || !numeric(oelem) {
        return None;
    }
    let table = |k: &str| Table::from_attr(ctx, ctx.dict_get(props, k)?);
    let (keys, values) = (table("keys")?, table("values")?);
    let (Table::Dense(kd), Table::Dense(vd)) = (&keys, &values) else {
        return None;
    };
    if kd.elem != ielem || vd.elem != oelem || keys.len() != values.len() || keys.is_empty() {
        return None;
    }
    let default = label_default(ctx, props, oelem).ok()?;
    let (kv, vv) = (numbers(&keys)?, numbers(&values)?);
    if let Some(w) = signless_width(ctx, oelem) {
        let Values::Int(v) = &vv else {
            return None;
        };
        let Scalar::Int(d) = default else {
            return None;
        };
        if !v.iter().chain([&d]).all(|&v| exact_int(v, w)) {
            return None;
        }
    }
    let n = i64::try_from(keys.len()).ok()?;
    let kty = ctx.tensor_type(&[n], ielem);
    let vty = ctx.tensor_type(&[n], oelem);
    let ka = dense_attr(ctx, kty, &kv)?;
    let va = dense_attr(ctx, vty, &vv)?;
    let kc = cv.v("arith.constant", &[], kty, &[("value", ka)]);
    let vc = cv.v("arith.constant", &[], vty, &[("value", va)]);
    let init = match default {
        Scalar::Int(d) => cv.filled_int(d, out, oelem),
        Scalar::Float(d) => cv.filled(d, out, oelem),
        Scalar::Str(_) => return None,
    };
    let r = out.len();
    let float = float_kind(ctx, ielem).is_some();
    let mut iters = vec![Parallel; r];
    iters.push(Reduction);
    Some(cv.generic(
        &[x, kc, vc],
        init,
        vec![
            map(r + 1, (0..r as u32).map(Dim).collect()),
            map(r + 1, vec![Dim(r as u32)]),
            map(r + 1, vec![Dim(r as u32)]),
            map(r + 1, (0..r as u32).map(Dim).collect()),
        ],
        &iters,
        |sb, v| {
            let hit = if float {
                let eq = sb.cmp("arith.cmpf", OEQ, v[0], v[1]);
                let xn = sb.cmp("arith.cmpf", UNO, v[0], v[0]);
                let kn = sb.cmp("arith.cmpf", UNO, v[1], v[1]);
                let i1 = sb.ctx.int_type(1);
                let both = sb.op("arith.andi", &[xn, kn], i1, &[]);
                sb.op("arith.ori", &[eq, both], i1, &[])
            } else {
                sb.cmp("arith.cmpi", EQ, v[0], v[1])
            };
            let ty = sb.body.value_type(v[2]);
            sb.op("arith.select", &[hit, v[2], v[3]], ty, &[])
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::exact_int;

    #[test]
    fn integers_must_survive_f64() {
        assert!(exact_int(-1, 8));
        assert!(exact_int(127, 8) && !exact_int(128, 8));
        assert!(exact_int((1 << 53) - 1, 64) && !exact_int(1 << 53, 64));
    }
}

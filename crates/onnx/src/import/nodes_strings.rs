//! String operators, lowered to the graph dialect's string ops on `!graph.string` tensors:
//! `StringConcat`, `StringSplit`, `RegexFullMatch` (opset 20), `StringNormalizer` (opset 10)
//! and `ai.onnx.ml`'s `LabelEncoder` (opsets 2–4: `keys_*`/`values_*`/`default_*`
//! attributes of strings, integers, floats or tensors). `Equal` on strings needs no
//! lowering of its own: `graph.equal` accepts string operands.

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use crate::proto::{data_type as dt, AttributeProto, TensorProto};
use crate::tensor::ConstTensor;
use strata_dialect_graph::attr::i64_attr;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_graph::strings::string_list_attr;
use strata_ir::Attribute;

/// Lower `StringConcat`, `StringSplit`, `RegexFullMatch` or `StringNormalizer`.
pub(crate) fn lower_string_op(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    match n.node.op_type.as_str() {
        "StringConcat" => {
            let (a, b) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
            lw.emit(n, "graph.string_concat", &[a, b], &[])
        }
        "StringSplit" => {
            let x = lw.inp(n, 0)?;
            let mut props = Vec::new();
            if let Some(d) = n.attrs.string("delimiter")? {
                props.push(("delimiter", lw.ctx.string_attr(&d)));
            }
            if let Some(m) = n.attrs.int("maxsplit")? {
                if m < 0 {
                    return Err(n.invalid(format!("'maxsplit' must be >= 0, got {m}")));
                }
                props.push(("maxsplit", i64_attr(lw.ctx, m)));
            }
            lw.emit(n, "graph.string_split", &[x], &props)
        }
        "RegexFullMatch" => {
            let x = lw.inp(n, 0)?;
            let p = n
                .attrs
                .string("pattern")?
                .ok_or_else(|| n.invalid("RegexFullMatch needs 'pattern'"))?;
            let p = lw.ctx.string_attr(&p);
            lw.emit(n, "graph.regex_full_match", &[x], &[("pattern", p)])
        }
        "StringNormalizer" => {
            let x = lw.inp(n, 0)?;
            let case = n
                .attrs
                .string("case_change_action")?
                .unwrap_or_else(|| "NONE".into());
            let sensitive = n.attrs.int_or("is_case_sensitive", 0)? != 0;
            let mut props = vec![
                ("case_change_action", lw.ctx.string_attr(&case)),
                ("is_case_sensitive", i64_attr(lw.ctx, i64::from(sensitive))),
            ];
            if let Some(l) = n.attrs.string("locale")? {
                props.push(("locale", lw.ctx.string_attr(&l)));
            }
            if let Some(a) = n.attrs.get("stopwords") {
                let words = utf8_list(n, a)?;
                props.push(("stopwords", string_list_attr(lw.ctx, &words)));
            }
            lw.emit(n, "graph.string_normalizer", &[x], &props)
        }
        _ => Err(n.unsupported("operator")),
    }
}

/// The strings of a `STRINGS` attribute.
fn utf8_list(n: &N<'_>, a: &AttributeProto) -> Result<Vec<String>> {
    a.strings
        .iter()
        .map(|s| {
            String::from_utf8(s.clone())
                .map_err(|_| n.invalid(format!("attribute '{}' holds a non-UTF-8 string", a.name)))
        })
        .collect()
}

/// The strings of a `STRING` tensor.
fn tensor_strings(n: &N<'_>, t: &TensorProto) -> Result<Vec<String>> {
    t.string_data
        .iter()
        .map(|s| {
            String::from_utf8(s.clone())
                .map_err(|_| n.invalid(format!("tensor '{}' holds a non-UTF-8 string", t.name)))
        })
        .collect()
}

/// A table or default given as a `TENSOR` attribute: strings, or a dense constant.
fn tensor_attr(lw: &mut Lowerer<'_>, n: &N<'_>, t: &TensorProto, rank1: bool) -> Result<Attribute> {
    if t.data_type == dt::STRING {
        let s = tensor_strings(n, t)?;
        return Ok(if rank1 {
            string_list_attr(lw.ctx, &s)
        } else {
            let first = s
                .first()
                .ok_or_else(|| n.invalid("an empty default tensor"))?;
            lw.ctx.string_attr(first)
        });
    }
    let mut ext = crate::external::ExternalLoader::new(None, 0);
    let c = ConstTensor::from_proto(lw.ctx, t, &lw.limits, &mut ext, &n.at)?;
    if rank1 {
        if c.shape.len() != 1 {
            return Err(n.invalid("a label table tensor must have rank 1"));
        }
        return Ok(c.to_attr(lw.ctx));
    }
    if c.numel() != 1 {
        return Err(n.invalid("a default tensor must hold one element"));
    }
    let elem = c.elem;
    Ok(if lw.ctx.type_kind(elem).is_float() {
        lw.ctx.float_attr(c.float_at(0).unwrap_or(f64::NAN), elem)
    } else {
        lw.ctx.int_attr(i128::from(c.int_at(0).unwrap_or(0)), elem)
    })
}

/// Lower `LabelEncoder` (opset 2 and later).
pub(crate) fn lower_label_encoder(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let table = |lw: &mut Lowerer<'_>, kind: &str| -> Result<Attribute> {
        let a = |s: &str| n.attrs.get(&format!("{kind}_{s}"));
        if let Some(t) = a("tensor").and_then(|a| a.t.as_ref()) {
            return tensor_attr(lw, n, t, true);
        }
        if let Some(s) = a("strings") {
            return Ok(string_list_attr(lw.ctx, &utf8_list(n, s)?));
        }
        let dense = |lw: &mut Lowerer<'_>, elem, values: Values, len: usize| {
            let ty = lw.ctx.tensor_type(&[len as i64], elem);
            dense_attr(lw.ctx, ty, &values).ok_or_else(|| n.invalid("label table"))
        };
        if let Some(i) = a("int64s") {
            let v = Values::Int(i.ints.iter().map(|&x| i128::from(x)).collect());
            return dense(lw, lw.ctx.i64(), v, i.ints.len());
        }
        if let Some(f) = a("floats") {
            let v = Values::Float(f.floats.iter().map(|&x| f64::from(x)).collect());
            return dense(lw, lw.ctx.f32(), v, f.floats.len());
        }
        Err(n.invalid(format!(
            "LabelEncoder needs one of the '{kind}_*' attributes"
        )))
    };
    let keys = table(lw, "keys")?;
    let values = table(lw, "values")?;
    let mut props = vec![("keys", keys), ("values", values)];
    let default = if let Some(t) = n.attrs.get("default_tensor").and_then(|a| a.t.as_ref()) {
        Some(tensor_attr(lw, n, t, false)?)
    } else if n.attrs.get("values_strings").is_some() {
        n.attrs
            .string("default_string")?
            .map(|s| lw.ctx.string_attr(&s))
    } else if n.attrs.get("values_int64s").is_some() {
        n.attrs
            .int("default_int64")?
            .map(|v| lw.ctx.int_attr(i128::from(v), lw.ctx.i64()))
    } else if n.attrs.get("values_floats").is_some() {
        n.attrs
            .float("default_float")?
            .map(|v| lw.ctx.float_attr(f64::from(v), lw.ctx.f32()))
    } else {
        None
    };
    if let Some(d) = default {
        props.push(("default", d));
    }
    lw.emit(n, "graph.label_encoder", &[x], &props)
}

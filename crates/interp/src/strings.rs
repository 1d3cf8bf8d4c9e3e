//! String tensors ([`StrTensor`], the runtime side of `tensor<...x!graph.string>`) and the
//! semantics of the graph dialect's string ops: `string_concat`, `string_split`,
//! `string_normalizer`, `regex_full_match`, `label_encoder` and `equal` on strings.
//!
//! Strings are not numbers, so they are not a [`DType`](crate::DType) of [`Tensor`]: the
//! numeric ops never see them. Each op here is a pure function from its operands and
//! attributes to its results; `eval` routes the string ops to them.

use crate::error::{bail, ensure, Result};
use crate::tensor::{checked_numel, Tensor};
use crate::DType;
use strata_dialect_graph::strings::{Scalar, Table};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A tensor of UTF-8 strings: a shape and row-major elements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrTensor {
    shape: Vec<usize>,
    data: Vec<String>,
}

impl StrTensor {
    /// A string tensor of `shape` holding `data` (the counts must agree).
    pub fn new(shape: Vec<usize>, data: Vec<String>) -> Result<StrTensor> {
        let n = checked_numel(&shape, usize::MAX)?;
        ensure!(
            n == data.len(),
            "{} strings do not fill shape {:?}",
            data.len(),
            shape
        );
        Ok(StrTensor { shape, data })
    }
    /// The shape.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }
    /// The elements, row-major.
    pub fn data(&self) -> &[String] {
        &self.data
    }
    /// The number of elements.
    pub fn len(&self) -> usize {
        self.data.len()
    }
    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

/// A broadcast shape and, for each of its elements, the offsets in the two operands.
type Broadcast = (Vec<usize>, Vec<(usize, usize)>);

/// The broadcast shape of `a` and `b` and, for each result element, the source offsets.
fn broadcast2(a: &[usize], b: &[usize], max: usize) -> Result<Broadcast> {
    let rank = a.len().max(b.len());
    let dim = |s: &[usize], i: usize| {
        if i + s.len() < rank {
            1
        } else {
            s[i + s.len() - rank]
        }
    };
    let mut shape = Vec::with_capacity(rank);
    for i in 0..rank {
        let (x, y) = (dim(a, i), dim(b, i));
        ensure!(
            x == y || x == 1 || y == 1,
            "shapes {:?} and {:?} are not broadcast-compatible",
            a,
            b
        );
        shape.push(if x == 1 { y } else { x });
    }
    let n = checked_numel(&shape, max)?;
    let strides = |s: &[usize]| {
        let mut st = vec![0usize; rank];
        let mut acc = 1;
        for i in (0..rank).rev() {
            let d = dim(s, i);
            st[i] = if d == 1 { 0 } else { acc };
            acc *= d;
        }
        st
    };
    let (sa, sb) = (strides(a), strides(b));
    let mut offs = Vec::with_capacity(n);
    let mut idx = vec![0usize; rank];
    for _ in 0..n {
        let oa: usize = idx.iter().zip(&sa).map(|(i, s)| i * s).sum();
        let ob: usize = idx.iter().zip(&sb).map(|(i, s)| i * s).sum();
        offs.push((oa, ob));
        for d in (0..rank).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    Ok((shape, offs))
}

/// `string_concat`: elementwise `a ++ b` with broadcasting.
pub fn concat(a: &StrTensor, b: &StrTensor, max: usize) -> Result<StrTensor> {
    let (shape, offs) = broadcast2(&a.shape, &b.shape, max)?;
    let data = offs
        .iter()
        .map(|&(i, j)| format!("{}{}", a.data[i], b.data[j]))
        .collect();
    StrTensor::new(shape, data)
}

/// `equal` on strings: elementwise equality with broadcasting, as an `i1` tensor.
pub fn equal(a: &StrTensor, b: &StrTensor, max: usize) -> Result<Tensor> {
    let (shape, offs) = broadcast2(&a.shape, &b.shape, max)?;
    let v: Vec<bool> = offs.iter().map(|&(i, j)| a.data[i] == b.data[j]).collect();
    Tensor::from_vec(shape, v)
}

/// The pieces of `s`: split at each `delimiter` (Python's `str.split(sep, maxsplit)`), or at
/// runs of whitespace ignoring leading and trailing whitespace when `delimiter` is `None`
/// (`str.split(None, maxsplit)`).
fn split_one(s: &str, delimiter: Option<&str>, maxsplit: Option<usize>) -> Vec<String> {
    let limit = maxsplit.unwrap_or(usize::MAX);
    match delimiter {
        Some(d) => {
            let mut out = Vec::new();
            let mut rest = s;
            while out.len() < limit {
                match rest.find(d) {
                    Some(k) => {
                        out.push(rest[..k].to_string());
                        rest = &rest[k + d.len()..];
                    }
                    None => break,
                }
            }
            out.push(rest.to_string());
            out
        }
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if out.len() == limit {
                    out.push(rest.to_string());
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(rest[..end].to_string());
                rest = rest[end..].trim_start();
            }
            out
        }
    }
}

/// `string_split`: the pieces of every element, padded with `""` along a new last dimension
/// as long as the most pieces of any element, and the number of pieces of each element.
pub fn split(
    x: &StrTensor,
    delimiter: Option<&str>,
    maxsplit: Option<i64>,
    max: usize,
) -> Result<(StrTensor, Tensor)> {
    let delimiter = delimiter.filter(|d| !d.is_empty());
    let maxsplit = match maxsplit {
        Some(m) if m < 0 => bail!("attribute 'maxsplit' must be >= 0, got {m}"),
        Some(m) => Some(usize::try_from(m).unwrap_or(usize::MAX)),
        None => None,
    };
    let pieces: Vec<Vec<String>> = x
        .data
        .iter()
        .map(|s| split_one(s, delimiter, maxsplit))
        .collect();
    let width = pieces.iter().map(Vec::len).max().unwrap_or(0);
    let mut shape = x.shape.clone();
    shape.push(width);
    checked_numel(&shape, max)?;
    let mut data = Vec::with_capacity(x.len() * width);
    let mut counts = Vec::with_capacity(x.len());
    for p in pieces {
        counts.push(p.len() as i64);
        let pad = width - p.len();
        data.extend(p);
        data.extend(std::iter::repeat_n(String::new(), pad));
    }
    Ok((
        StrTensor::new(shape, data)?,
        Tensor::from_vec(x.shape.clone(), counts)?,
    ))
}

/// The case change of `string_normalizer`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CaseChange {
    /// Keep the case.
    None,
    /// Lower case.
    Lower,
    /// Upper case.
    Upper,
}

impl CaseChange {
    fn apply(self, s: &str) -> String {
        match self {
            CaseChange::None => s.to_string(),
            CaseChange::Lower => s.to_lowercase(),
            CaseChange::Upper => s.to_uppercase(),
        }
    }
}

/// `s` without accents: compatibility decomposition (NFKD) without combining marks; ASCII
/// strings are kept as they are.
fn strip_accents(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    s.nfkd().filter(|&c| !is_combining_mark(c)).collect()
}

/// `s` without the space-separated words in `stops`.
fn remove_stopwords(s: &str, stops: &[String]) -> String {
    s.split(' ')
        .filter(|w| !stops.iter().any(|st| st == w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `string_normalizer` on a `C` or `1 x C` tensor (see the op's documentation).
pub fn normalize(
    x: &StrTensor,
    case: CaseChange,
    case_sensitive: bool,
    stopwords: &[String],
) -> Result<StrTensor> {
    let two_d = match x.shape[..] {
        [_] => false,
        [1, _] => true,
        _ => bail!("expected shape C or 1 x C, got {:?}", x.shape),
    };
    let stops: Vec<String> = if case_sensitive {
        stopwords.to_vec()
    } else {
        stopwords.iter().map(|w| case.apply(w)).collect()
    };
    let mut out = Vec::with_capacity(x.len());
    for s in &x.data {
        let mut s = strip_accents(s);
        if case_sensitive && !stops.is_empty() {
            s = remove_stopwords(&s, &stops);
        }
        s = case.apply(&s);
        if !case_sensitive && !stops.is_empty() {
            s = remove_stopwords(&s, &stops);
        }
        if !s.is_empty() {
            out.push(s);
        }
    }
    if out.is_empty() {
        out.push(String::new());
    }
    let shape = if two_d {
        vec![1, out.len()]
    } else {
        vec![out.len()]
    };
    StrTensor::new(shape, out)
}

/// `regex_full_match`: whether each element matches `pattern` as a whole.
pub fn regex_full_match(x: &StrTensor, pattern: &str) -> Result<Tensor> {
    let re = strata_dialect_graph::strings::full_match_regex(pattern)?;
    let v: Vec<bool> = x.data.iter().map(|s| re.is_match(s)).collect();
    Tensor::from_vec(x.shape.clone(), v)
}

/// A key or value of a `label_encoder` table.
#[derive(Clone, Debug, PartialEq)]
enum Entry {
    Str(String),
    Int(i128),
    Float(f64),
}

impl Entry {
    fn matches(&self, other: &Entry) -> bool {
        match (self, other) {
            (Entry::Str(a), Entry::Str(b)) => a == b,
            (Entry::Int(a), Entry::Int(b)) => a == b,
            (Entry::Float(a), Entry::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            _ => false,
        }
    }
}

fn entries(t: &Table) -> Vec<Entry> {
    match t {
        Table::Strings(s) => s.iter().cloned().map(Entry::Str).collect(),
        Table::Dense(d) => (0..d.num_elements())
            .map(|i| match d.int(i) {
                Some(v) => Entry::Int(v),
                None => Entry::Float(d.float(i).unwrap_or(f64::NAN)),
            })
            .collect(),
    }
}

/// An operand or result of a string op: strings or a numeric tensor.
#[derive(Clone, Debug, PartialEq)]
pub enum Labels {
    /// A string tensor.
    Str(StrTensor),
    /// A numeric tensor.
    Num(Tensor),
}

/// `label_encoder`: each element of `x` equal to a key becomes the value of the last equal
/// key, any other `default`; numeric results have dtype `out`.
pub fn label_encode(
    x: &Labels,
    keys: &Table,
    values: &Table,
    default: &Scalar,
    out: Option<DType>,
) -> Result<Labels> {
    let (ks, vs) = (entries(keys), entries(values));
    ensure!(ks.len() == vs.len(), "keys and values differ in length");
    let inputs: Vec<Entry> = match x {
        Labels::Str(s) => s.data.iter().cloned().map(Entry::Str).collect(),
        Labels::Num(t) if t.dtype().is_float() => {
            t.to_f64_vec().into_iter().map(Entry::Float).collect()
        }
        Labels::Num(t) => t
            .to_i64_vec()?
            .into_iter()
            .map(|v| Entry::Int(v as i128))
            .collect(),
    };
    let default = match default {
        Scalar::Str(s) => Entry::Str(s.clone()),
        Scalar::Int(v) => Entry::Int(*v),
        Scalar::Float(v) => Entry::Float(*v),
    };
    let mapped: Vec<&Entry> = inputs
        .iter()
        .map(|e| {
            ks.iter()
                .rposition(|k| k.matches(e))
                .map_or(&default, |i| &vs[i])
        })
        .collect();
    let shape = match x {
        Labels::Str(s) => s.shape.clone(),
        Labels::Num(t) => t.shape().to_vec(),
    };
    match out {
        None => {
            let data = mapped
                .into_iter()
                .map(|e| match e {
                    Entry::Str(s) => Ok(s.clone()),
                    _ => bail!("label_encoder values must all be strings"),
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(Labels::Str(StrTensor::new(shape, data)?))
        }
        Some(dt) => {
            let v = mapped
                .into_iter()
                .map(|e| match e {
                    Entry::Int(v) => Ok(*v as f64),
                    Entry::Float(v) => Ok(*v),
                    Entry::Str(_) => bail!("label_encoder values must all be numbers"),
                })
                .collect::<Result<Vec<f64>>>()?;
            Ok(Labels::Num(Tensor::from_f64s(dt, shape, &v)?))
        }
    }
}

/// The ops whose operands or results are string tensors.
pub const STRING_OPS: &[&str] = &[
    "graph.string_concat",
    "graph.string_split",
    "graph.string_normalizer",
    "graph.regex_full_match",
    "graph.label_encoder",
    "graph.equal",
];

fn strs(v: &Labels) -> Result<&StrTensor> {
    match v {
        Labels::Str(s) => Ok(s),
        Labels::Num(t) => bail!("expected a string tensor, got {}", t.type_str()),
    }
}

/// Register the string ops (and `graph.equal`, which takes numeric or string operands),
/// and `tensor.string_call`, which runs one of them.
pub(crate) fn register(t: &mut crate::ops::Table) {
    for &name in STRING_OPS {
        t.insert(name, crate::ops::Sem::Values(run_op));
    }
    t.insert(
        strata_dialect_tensor::StringCallOp::NAME,
        crate::ops::Sem::Values(run_op),
    );
}

/// Run the string op `op` of `body` (a graph string op, or a tensor-form
/// `tensor.string_call`) on `ins`, creating tensors of at most `max_elements` elements:
/// the entry point of the runtime's string kernel, so that compiled code and the
/// interpreter share these semantics.
pub fn eval_op(
    ctx: &strata_ir::Context,
    body: &strata_ir::Body,
    op: strata_ir::Op,
    ins: &[Labels],
    max_elements: usize,
) -> Result<Vec<Labels>> {
    let cx = crate::ops::OpCx {
        ctx,
        body,
        op,
        max_elements,
        max_work: crate::DEFAULT_MAX_WORK,
    };
    let name = ctx.op_name_str(body.name(op));
    if name == strata_dialect_tensor::StringCallOp::NAME {
        return string_call(&cx, ins);
    }
    exec(&cx, name, ins)
}

/// `tensor.string_call` (tensor form): the callee's results, each result the callee sizes
/// by the data padded to the op's static bound (empty strings) or, where the op's result is
/// a rank-0 string, packed into one string ([`pack`]), then their extents.
fn string_call(cx: &crate::ops::OpCx<'_>, ins: &[Labels]) -> Result<Vec<Labels>> {
    use strata_dialect_graph::attr::string_value;
    let callee = cx
        .attr("callee")
        .and_then(|a| string_value(cx.ctx, a))
        .ok_or("tensor.string_call requires string attribute 'callee'")?;
    ensure!(
        strata_dialect_tensor::strings::callee_arity(callee).is_some(),
        "tensor.string_call: '{callee}' is not a string op"
    );
    let in_types: Vec<strata_ir::Type> = cx
        .body
        .operands(cx.op)
        .map(|v| cx.body.value_type(v))
        .collect();
    let props = cx.body.op(cx.op).props;
    let inferred =
        strata_dialect_tensor::strings::callee_result_types(cx.ctx, callee, &in_types, props)?;
    let outs = exec(cx, callee, ins)?;
    ensure!(
        outs.len() == inferred.len(),
        "'{callee}' gave {} results, not {}",
        outs.len(),
        inferred.len()
    );
    let mut extents = Vec::new();
    let mut res = Vec::with_capacity(cx.num_results());
    for (i, (out, &inf)) in outs.into_iter().zip(&inferred).enumerate() {
        let dynamic = strata_dialect_tensor::util::shaped(cx.ctx, inf)
            .is_some_and(|(s, _)| s.contains(&strata_dialect_tensor::util::DYN));
        if !dynamic {
            res.push(out);
            continue;
        }
        // A result the callee sizes by the data: pad to the bound, and its extents.
        let ty = cx.result_type(i)?;
        let bound: Vec<usize> = match strata_dialect_tensor::util::shaped(cx.ctx, ty) {
            Some((s, _)) => s.iter().map(|&d| d.max(0) as usize).collect(),
            None => bail!("result #{i} is not shaped"),
        };
        let Labels::Str(s) = out else {
            bail!("result #{i}: only string results may be sized by the data");
        };
        extents.push(Tensor::from_vec(
            vec![s.shape.len()],
            s.shape.iter().map(|&d| d as i64).collect::<Vec<i64>>(),
        )?);
        // A rank-0 result holds a runtime-sized result packed into one string.
        if bound.is_empty() && !s.shape.is_empty() {
            res.push(Labels::Str(StrTensor::new(Vec::new(), vec![pack(&s)])?));
        } else {
            res.push(Labels::Str(pad_to(&s, &bound)?));
        }
    }
    ensure!(
        res.len() + extents.len() == cx.num_results(),
        "tensor.string_call has {} results, but '{callee}' gives {} and {} extents",
        cx.num_results(),
        res.len(),
        extents.len()
    );
    res.extend(extents.into_iter().map(Labels::Num));
    Ok(res)
}

/// A string tensor packed into one string (a *runtime-sized result*, `docs/lowering.md`):
/// its elements in row-major order, each as `<byte length>:<bytes>`.
pub fn pack(s: &StrTensor) -> String {
    let mut out = String::new();
    for e in &s.data {
        out.push_str(&e.len().to_string());
        out.push(':');
        out.push_str(e);
    }
    out
}

/// The string tensor of shape `shape` packed in `packed` by [`pack`] (an error when the
/// text is not such a packing of exactly that many elements).
pub fn unpack(packed: &str, shape: Vec<usize>) -> Result<StrTensor> {
    let n = checked_numel(&shape, usize::MAX)?;
    let mut data = Vec::with_capacity(n.min(packed.len() + 1));
    let mut rest = packed;
    while !rest.is_empty() {
        let colon = rest
            .find(':')
            .ok_or("a packed string result is malformed")?;
        let len: usize = rest[..colon]
            .parse()
            .map_err(|_| "a packed string result has a bad length")?;
        let body = rest
            .get(colon + 1..colon + 1 + len)
            .ok_or("a packed string result is cut short")?;
        data.push(body.to_string());
        rest = &rest[colon + 1 + len..];
    }
    ensure!(
        data.len() == n,
        "a packed string result holds {} elements, not the {n} of shape {:?}",
        data.len(),
        shape
    );
    StrTensor::new(shape, data)
}

/// `s` in a tensor of shape `bound` (each dim at least `s`'s): the leading sub-box holds
/// `s`, the rest empty strings.
fn pad_to(s: &StrTensor, bound: &[usize]) -> Result<StrTensor> {
    ensure!(
        s.shape.len() == bound.len() && s.shape.iter().zip(bound).all(|(a, b)| a <= b),
        "a result of shape {:?} exceeds its bound {:?}",
        s.shape,
        bound
    );
    let n = checked_numel(bound, usize::MAX)?;
    let mut data = vec![String::new(); n];
    let strides = crate::tensor::strides(bound);
    let mut idx = vec![0usize; bound.len()];
    for v in &s.data {
        let off: usize = idx.iter().zip(&strides).map(|(i, st)| i * st).sum();
        data[off] = v.clone();
        for d in (0..idx.len()).rev() {
            idx[d] += 1;
            if idx[d] < s.shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    StrTensor::new(bound.to_vec(), data)
}

/// The [`Sem::Values`](crate::ops::Sem::Values) entry of every string op.
fn run_op(
    cx: &crate::ops::OpCx<'_>,
    ins: Vec<crate::value::AnyValue>,
) -> Result<Vec<crate::value::AnyValue>> {
    use crate::value::AnyValue;
    let name = cx.ctx.op_name_str(cx.body.name(cx.op));
    if name == "graph.equal" && ins.iter().all(|v| matches!(v, AnyValue::Tensor(_))) {
        let ts: Vec<&Tensor> = ins
            .iter()
            .filter_map(|v| match v {
                AnyValue::Tensor(t) => Some(t),
                _ => None,
            })
            .collect();
        let out = crate::ops::graph::elementwise::equal(cx, &ts)?;
        return Ok(out.into_iter().map(AnyValue::Tensor).collect());
    }
    let labels = ins
        .into_iter()
        .enumerate()
        .map(|(i, v)| match v {
            AnyValue::Str(s) => Ok(Labels::Str(s)),
            AnyValue::Tensor(t) => Ok(Labels::Num(t)),
            other => bail!("operand #{i} is {}, not a tensor", other.kind()),
        })
        .collect::<Result<Vec<_>>>()?;
    let outs = if name == strata_dialect_tensor::StringCallOp::NAME {
        ensure!(
            cx.num_results() > 0,
            "the buffer form of tensor.string_call (string buffers) is not interpretable"
        );
        string_call(cx, &labels)?
    } else {
        exec(cx, name, &labels)?
    };
    Ok(outs
        .into_iter()
        .map(|l| match l {
            Labels::Str(s) => AnyValue::Str(s),
            Labels::Num(t) => AnyValue::Tensor(t),
        })
        .collect())
}

/// Run string op `name` (one of [`STRING_OPS`]) of `cx` on `ins`.
pub(crate) fn exec(cx: &crate::ops::OpCx<'_>, name: &str, ins: &[Labels]) -> Result<Vec<Labels>> {
    use strata_dialect_graph::attr::string_value;
    use strata_dialect_graph::strings::{label_default, string_list};
    let max = cx.max_elements;
    let props = cx.body.op(cx.op).props;
    let arity = |n: usize| -> Result<()> {
        ensure!(ins.len() == n, "expected {n} operands, got {}", ins.len());
        Ok(())
    };
    let string_attr = |k: &str| {
        cx.attr(k)
            .and_then(|a| string_value(cx.ctx, a).map(str::to_string))
    };
    Ok(match name {
        "graph.string_concat" => {
            arity(2)?;
            vec![Labels::Str(concat(strs(&ins[0])?, strs(&ins[1])?, max)?)]
        }
        "graph.equal" => {
            arity(2)?;
            vec![Labels::Num(equal(strs(&ins[0])?, strs(&ins[1])?, max)?)]
        }
        "graph.string_split" => {
            arity(1)?;
            let d = string_attr("delimiter");
            let (y, z) = split(strs(&ins[0])?, d.as_deref(), cx.int("maxsplit")?, max)?;
            vec![Labels::Str(y), Labels::Num(z)]
        }
        "graph.string_normalizer" => {
            arity(1)?;
            let case = match string_attr("case_change_action").as_deref() {
                None | Some("NONE") => CaseChange::None,
                Some("LOWER") => CaseChange::Lower,
                Some("UPPER") => CaseChange::Upper,
                Some(o) => bail!("unknown case_change_action '{o}'"),
            };
            let sensitive = cx.int_or("is_case_sensitive", 0)? != 0;
            let stops = match cx.attr("stopwords") {
                Some(a) => string_list(cx.ctx, a)
                    .ok_or("attribute 'stopwords' must be an array of strings")?,
                None => Vec::new(),
            };
            vec![Labels::Str(normalize(
                strs(&ins[0])?,
                case,
                sensitive,
                &stops,
            )?)]
        }
        "graph.regex_full_match" => {
            arity(1)?;
            let p = string_attr("pattern").ok_or("missing attribute 'pattern'")?;
            vec![Labels::Num(regex_full_match(strs(&ins[0])?, &p)?)]
        }
        "graph.label_encoder" => {
            arity(1)?;
            let table = |k: &str| {
                cx.attr(k)
                    .and_then(|a| Table::from_attr(cx.ctx, a))
                    .ok_or_else(|| format!("attribute '{k}' must be a table"))
            };
            let (keys, values) = (table("keys")?, table("values")?);
            let out_elem = values.elem(cx.ctx);
            let default = label_default(cx.ctx, props, out_elem)?;
            let out = match &values {
                Table::Strings(_) => None,
                Table::Dense(_) => Some(cx.result_dtype(0)?),
            };
            vec![label_encode(&ins[0], &keys, &values, &default, out)?]
        }
        _ => bail!("'{name}' is not a string op"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(shape: &[usize], v: &[&str]) -> StrTensor {
        StrTensor::new(shape.to_vec(), v.iter().map(|s| s.to_string()).collect()).unwrap()
    }

    #[test]
    fn split_follows_python_str_split() {
        assert_eq!(split_one("a.b..c", Some("."), None), ["a", "b", "", "c"]);
        assert_eq!(split_one("a.b.c", Some("."), Some(1)), ["a", "b.c"]);
        assert_eq!(split_one("  a  b c ", None, None), ["a", "b", "c"]);
        assert_eq!(split_one("  a  b c ", None, Some(1)), ["a", "b c "]);
        assert_eq!(split_one("   ", None, None), Vec::<String>::new());
        assert_eq!(split_one("", Some("-"), None), [""]);
        let (y, z) = split(&st(&[2], &["a b", "c"]), None, None, 100).unwrap();
        assert_eq!(y.shape(), &[2, 2]);
        assert_eq!(y.data(), ["a", "b", "c", ""]);
        assert_eq!(z.as_slice::<i64>().unwrap(), &[2, 1]);
    }

    #[test]
    fn concat_and_equal_broadcast() {
        let a = st(&[2, 1], &["x", "y"]);
        let b = st(&[3], &["1", "2", "3"]);
        let c = concat(&a, &b, 100).unwrap();
        assert_eq!(c.shape(), &[2, 3]);
        assert_eq!(c.data(), ["x1", "x2", "x3", "y1", "y2", "y3"]);
        let e = equal(&c, &st(&[], &["y2"]), 100).unwrap();
        assert_eq!(
            e.as_slice::<bool>().unwrap(),
            &[false, false, false, false, true, false]
        );
        assert!(concat(&st(&[2], &["a", "b"]), &b, 100).is_err());
    }

    #[test]
    fn normalizer_strips_accents_cases_and_stopwords() {
        let x = st(&[4], &["Monday", "tuesday", "Café", "monday"]);
        let stops = vec!["monday".to_string()];
        let y = normalize(&x, CaseChange::Upper, false, &stops).unwrap();
        assert_eq!(y.data(), ["TUESDAY", "CAFE"]);
        let y = normalize(&x, CaseChange::None, true, &stops).unwrap();
        assert_eq!(y.data(), ["Monday", "tuesday", "Cafe"]);
        let y = normalize(&st(&[1, 1], &["monday"]), CaseChange::Lower, false, &stops).unwrap();
        assert_eq!(
            (y.shape(), y.data()),
            (&[1usize, 1][..], &[String::new()][..])
        );
    }

    #[test]
    fn packing_round_trips_and_rejects_malformed_text() {
        let x = st(&[2, 2], &["", "a:b", "Ωμ", "12:"]);
        let p = pack(&x);
        assert_eq!(p, "0:3:a:b4:Ωμ3:12:");
        assert_eq!(unpack(&p, vec![2, 2]).unwrap(), x);
        assert!(unpack(&p, vec![3]).is_err());
        assert!(unpack("5:ab", vec![1]).is_err());
        assert!(unpack("x:ab", vec![1]).is_err());
        assert!(unpack("ab", vec![1]).is_err());
        // A length that ends inside a multi-byte character.
        assert!(unpack("1:Ω", vec![1]).is_err());
        assert_eq!(unpack("", vec![0, 3]).unwrap().shape(), &[0, 3]);
    }

    #[test]
    fn regex_matches_whole_strings() {
        let x = st(&[3], &["abc@example.com", "abc@example.com.evil", "x"]);
        let m = regex_full_match(&x, r"[a-z]+@example\.com").unwrap();
        assert_eq!(m.as_slice::<bool>().unwrap(), &[true, false, false]);
        assert!(regex_full_match(&x, "(").is_err());
    }
}

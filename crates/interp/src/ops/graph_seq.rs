//! Semantics of the graph dialect's sequence and optional ops (ONNX `Sequence*`,
//! `SplitToSequence`, `ConcatFromSequence`, `Optional*`), and the registration of its
//! region ops (`graph.if`, `graph.loop`, `graph.scan`, run by the interpreter core) and
//! their terminator `graph.yield`.
//!
//! Positions follow ONNX: a single-element integer tensor, negative values counting from
//! the end; `SequenceInsert` accepts `[-n, n]`, `SequenceAt`/`SequenceErase` `[-n, n - 1]`,
//! anything else is an error. The tensor helpers [`concat_along`] and [`slice_along`] are
//! shared with the scan and loop outputs of the interpreter core.

use super::{OpCx, Sem, Table};
use crate::dtype::Element;
use crate::error::{bail, ensure, Result};
use crate::tensor::Tensor;
use crate::value::AnyValue;

pub(crate) fn register(t: &mut Table) {
    t.insert("graph.if", Sem::If);
    t.insert("graph.loop", Sem::Loop);
    t.insert("graph.scan", Sem::Scan);
    t.insert("graph.yield", Sem::Yield);
    t.insert("graph.sequence_empty", Sem::Values(sequence_empty));
    t.insert("graph.sequence_construct", Sem::Values(sequence_construct));
    t.insert("graph.sequence_insert", Sem::Values(sequence_insert));
    t.insert("graph.sequence_at", Sem::Values(sequence_at));
    t.insert("graph.sequence_erase", Sem::Values(sequence_erase));
    t.insert("graph.sequence_length", Sem::Values(sequence_length));
    t.insert(
        "graph.concat_from_sequence",
        Sem::Values(concat_from_sequence),
    );
    t.insert("graph.split_to_sequence", Sem::Values(split_to_sequence));
    t.insert("graph.optional", Sem::Values(optional));
    t.insert(
        "graph.optional_get_element",
        Sem::Values(optional_get_element),
    );
    t.insert(
        "graph.optional_has_element",
        Sem::Values(optional_has_element),
    );
}

/// Concatenate `parts` (same dtype and rank, equal dims outside `ax`) along `ax`.
pub(crate) fn concat_along(parts: &[Tensor], ax: usize, max: usize) -> Result<Tensor> {
    let Some(first) = parts.first() else {
        bail!("cannot concatenate an empty list of tensors");
    };
    ensure!(
        ax < first.rank(),
        "axis {ax} out of range for rank {}",
        first.rank()
    );
    let mut total = 0usize;
    for t in parts {
        ensure!(
            t.dtype() == first.dtype() && t.rank() == first.rank(),
            "tensors differ: {} and {}",
            first.type_str(),
            t.type_str()
        );
        for d in 0..t.rank() {
            ensure!(
                d == ax || t.shape()[d] == first.shape()[d],
                "tensors {} and {} differ outside axis {ax}",
                first.type_str(),
                t.type_str()
            );
        }
        total = total
            .checked_add(t.shape()[ax])
            .ok_or("concatenated size overflows")?;
    }
    let mut shape = first.shape().to_vec();
    shape[ax] = total;
    let n = crate::tensor::checked_numel(&shape, max)?;
    let outer: usize = first.shape()[..ax].iter().product();
    let inner: usize = first.shape()[ax + 1..].iter().product();
    fn cat<T: Element>(
        _: &[T],
        parts: &[Tensor],
        outer: usize,
        inner: usize,
        ax: usize,
        n: usize,
    ) -> Vec<T> {
        let mut out = Vec::with_capacity(n);
        for o in 0..outer {
            for t in parts {
                let s =
                    T::slice(t.data()).expect("every part has the first part's dtype (checked)");
                let block = t.shape()[ax] * inner;
                out.extend_from_slice(&s[o * block..(o + 1) * block]);
            }
        }
        out
    }
    let data = crate::map_data!(first.data(), v => cat(v, parts, outer, inner, ax, n));
    Tensor::new(first.dtype(), shape, data)
}

/// The sub-tensor `[start, start + len)` of `x` along `ax`.
pub(crate) fn slice_along(
    x: &Tensor,
    ax: usize,
    start: usize,
    len: usize,
    max: usize,
) -> Result<Tensor> {
    ensure!(
        ax < x.rank() && start.checked_add(len).is_some_and(|e| e <= x.shape()[ax]),
        "slice [{start}, +{len}) along axis {ax} out of range for {}",
        x.type_str()
    );
    let st = super::graph::istrides(x.shape());
    let mut shape = x.shape().to_vec();
    shape[ax] = len;
    let offs = super::graph::affine_offsets(&shape, start as isize * st[ax], &st, max)?;
    super::graph::gather(x, shape, &offs)
}

/// `t` with a new dimension of size 1 at `ax`.
pub(crate) fn unsqueeze(t: Tensor, ax: usize) -> Result<Tensor> {
    let mut s = t.shape().to_vec();
    ensure!(ax <= s.len(), "axis {ax} out of range for rank {}", s.len());
    s.insert(ax, 1);
    t.reshape(s)
}

/// `t` without dimension `ax` (which must be 1).
pub(crate) fn squeeze(t: Tensor, ax: usize) -> Result<Tensor> {
    let mut s = t.shape().to_vec();
    ensure!(
        ax < s.len() && s[ax] == 1,
        "cannot squeeze axis {ax} of {}",
        t.type_str()
    );
    s.remove(ax);
    t.reshape(s)
}

fn seq(v: AnyValue, what: &str) -> Result<Vec<Tensor>> {
    match v {
        AnyValue::Seq(s) => Ok(s),
        other => bail!("{what} must be a sequence, got {}", other.kind()),
    }
}

fn tensor(v: AnyValue, what: &str) -> Result<Tensor> {
    match v {
        AnyValue::Tensor(t) => Ok(t),
        other => bail!("{what} must be a tensor, got {}", other.kind()),
    }
}

/// The single integer of a position tensor.
fn position(v: AnyValue) -> Result<i64> {
    let t = tensor(v, "the position")?;
    ensure!(
        t.len() == 1,
        "the position must have one element, got {}",
        t.type_str()
    );
    Ok(t.to_i64_vec()?[0])
}

/// `p` in `[-n, n - 1]` (or `[-n, n]` when `end_ok`) made non-negative.
fn normalize(p: i64, n: usize, end_ok: bool) -> Result<usize> {
    let n = n as i64;
    let hi = if end_ok { n } else { n - 1 };
    ensure!(
        (-n..=hi).contains(&p),
        "position {p} is out of range for a sequence of {n} tensors"
    );
    Ok(if p < 0 { p + n } else { p } as usize)
}

fn one(v: AnyValue) -> Result<Vec<AnyValue>> {
    Ok(vec![v])
}

fn sequence_empty(_: &OpCx<'_>, ins: Vec<AnyValue>) -> Result<Vec<AnyValue>> {
    ensure!(ins.is_empty(), "expected no operands");
    one(AnyValue::Seq(Vec::new()))
}

fn sequence_construct(_: &OpCx<'_>, ins: Vec<AnyValue>) -> Result<Vec<AnyValue>> {
    let ts = ins
        .into_iter()
        .map(|v| tensor(v, "every operand"))
        .collect::<Result<Vec<_>>>()?;
    if let Some(f) = ts.first() {
        ensure!(
            ts.iter().all(|t| t.dtype() == f.dtype()),
            "the tensors of a sequence must have one element type"
        );
    }
    one(AnyValue::Seq(ts))
}

fn sequence_insert(_: &OpCx<'_>, ins: Vec<AnyValue>) -> Result<Vec<AnyValue>> {
    ensure!(ins.len() == 2 || ins.len() == 3, "expected 2 or 3 operands");
    let mut it = ins.into_iter();
    let mut s = seq(it.next().expect("length checked"), "operand #0")?;
    let t = tensor(it.next().expect("length checked"), "operand #1")?;
    if let Some(f) = s.first() {
        ensure!(
            f.dtype() == t.dtype(),
            "cannot insert a {} tensor into a sequence of {} tensors",
            t.dtype(),
            f.dtype()
        );
    }
    let at = match it.next() {
        Some(p) => normalize(position(p)?, s.len(), true)?,
        None => s.len(),
    };
    s.insert(at, t);
    one(AnyValue::Seq(s))
}

fn sequence_at(_: &OpCx<'_>, ins: Vec<AnyValue>) -> Result<Vec<AnyValue>> {
    ensure!(ins.len() == 2, "expected 2 operands");
    let mut it = ins.into_iter();
    let mut s = seq(it.next().expect("length checked"), "operand #0")?;
    let at = normalize(
        position(it.next().expect("length checked"))?,
        s.len(),
        false,
    )?;
    one(AnyValue::Tensor(s.swap_remove(at)))
}

fn sequence_erase(_: &OpCx<'_>, ins: Vec<AnyValue>) -> Result<Vec<AnyValue>> {
    ensure!(ins.len() == 1 || ins.len() == 2, "expected 1 or 2 operands");
    let mut it = ins.into_iter();
    let mut s = seq(it.next().expect("length checked"), "operand #0")?;
    ensure!(!s.is_empty(), "cannot erase from an empty sequence");
    let at = match it.next() {
        Some(p) => normalize(position(p)?, s.len(), false)?,
        None => s.len() - 1,
    };
    s.remove(at);
    one(AnyValue::Seq(s))
}

fn sequence_length(_: &OpCx<'_>, ins: Vec<AnyValue>) -> Result<Vec<AnyValue>> {
    ensure!(ins.len() == 1, "expected 1 operand");
    let s = seq(
        ins.into_iter().next().expect("length checked"),
        "operand #0",
    )?;
    one(AnyValue::Tensor(Tensor::scalar(s.len() as i64)))
}

fn concat_from_sequence(cx: &OpCx<'_>, ins: Vec<AnyValue>) -> Result<Vec<AnyValue>> {
    ensure!(ins.len() == 1, "expected 1 operand");
    let s = seq(
        ins.into_iter().next().expect("length checked"),
        "operand #0",
    )?;
    let Some(first) = s.first() else {
        bail!("cannot concatenate an empty sequence");
    };
    let Some(axis) = cx.int("axis")? else {
        bail!("requires an 'axis' attribute");
    };
    let new_axis = cx.int_or("new_axis", 0)? == 1;
    let rank = first.rank() + usize::from(new_axis);
    let ax = super::graph::axis(axis, rank)?;
    let parts = if new_axis {
        s.into_iter()
            .map(|t| unsqueeze(t, ax))
            .collect::<Result<Vec<_>>>()?
    } else {
        s
    };
    one(AnyValue::Tensor(concat_along(&parts, ax, cx.max_elements)?))
}

fn split_to_sequence(cx: &OpCx<'_>, ins: Vec<AnyValue>) -> Result<Vec<AnyValue>> {
    ensure!(ins.len() == 1 || ins.len() == 2, "expected 1 or 2 operands");
    let mut it = ins.into_iter();
    let x = tensor(it.next().expect("length checked"), "operand #0")?;
    let split = it.next().map(|v| tensor(v, "operand #1")).transpose()?;
    ensure!(x.rank() >= 1, "cannot split a scalar");
    let ax = super::graph::axis(cx.int_or("axis", 0)?, x.rank())?;
    let dim = x.shape()[ax];
    let lengths: Vec<usize> = match &split {
        None => vec![1; dim],
        Some(s) if s.rank() == 0 => {
            let l = s.to_i64_vec()?[0];
            ensure!(l > 0, "the split length must be positive, got {l}");
            let l = l as usize;
            let mut v = vec![l; dim / l];
            if dim % l > 0 {
                v.push(dim % l);
            }
            v
        }
        Some(s) => {
            let v = s.to_i64_vec()?;
            ensure!(
                v.iter().all(|&l| l >= 0) && v.iter().sum::<i64>() == dim as i64,
                "split lengths {v:?} must be non-negative and sum to {dim}"
            );
            v.into_iter().map(|l| l as usize).collect()
        }
    };
    let squeeze_axis = split.is_none() && cx.int_or("keepdims", 1)? == 0;
    let mut out = Vec::with_capacity(lengths.len());
    let mut start = 0;
    for l in lengths {
        let mut piece = slice_along(&x, ax, start, l, cx.max_elements)?;
        if squeeze_axis {
            piece = squeeze(piece, ax)?;
        }
        out.push(piece);
        start += l;
    }
    one(AnyValue::Seq(out))
}

fn optional(_: &OpCx<'_>, ins: Vec<AnyValue>) -> Result<Vec<AnyValue>> {
    ensure!(ins.len() <= 1, "expected at most 1 operand");
    let v = ins.into_iter().next();
    ensure!(
        !matches!(v, Some(AnyValue::Opt(_))),
        "the operand must be a tensor or a sequence"
    );
    one(AnyValue::Opt(v.map(Box::new)))
}

fn optional_get_element(_: &OpCx<'_>, ins: Vec<AnyValue>) -> Result<Vec<AnyValue>> {
    ensure!(ins.len() == 1, "expected 1 operand");
    match ins.into_iter().next().expect("length checked") {
        AnyValue::Opt(Some(v)) => one(*v),
        AnyValue::Opt(None) => bail!("the optional is empty"),
        v => one(v),
    }
}

fn optional_has_element(_: &OpCx<'_>, ins: Vec<AnyValue>) -> Result<Vec<AnyValue>> {
    ensure!(ins.len() <= 1, "expected at most 1 operand");
    let has = match ins.into_iter().next() {
        None | Some(AnyValue::Opt(None)) => false,
        Some(_) => true,
    };
    one(AnyValue::Tensor(Tensor::scalar(has)))
}

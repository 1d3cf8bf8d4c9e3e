//! Lowering of the type-conversion operators: `Cast` and `CastLike` to `graph.cast`, with
//! their `saturate` (opset 19) and `round_mode` (opset 25) attributes, which only the small
//! float targets use (see `graph.cast`), and `BitCast` (opset 26) to `graph.bitcast`.

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use crate::proto::data_type as dt;
use crate::tensor::elem_type;
use strata_dialect_graph::attr::i64_attr;

/// `Cast` (`to` attribute) or `CastLike` (the element type of input 1).
pub(crate) fn lower_cast(lw: &mut Lowerer<'_>, n: &N<'_>, like: bool) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let to = if like {
        let y = lw.inp(n, 1)?;
        lw.shape_of(y).1
    } else {
        let t = n
            .attrs
            .int("to")?
            .ok_or_else(|| n.invalid("Cast needs 'to'"))?;
        let t = i32::try_from(t).map_err(|_| n.invalid(format!("invalid 'to' {t}")))?;
        elem_type(lw.ctx, t).ok_or_else(|| n.unsupported(&format!("to {}", dt::name(t))))?
    };
    let mut props = vec![("to", lw.ctx.type_attr(to))];
    if n.opset >= 19 {
        match n.attrs.int_or("saturate", 1)? {
            1 => {}
            0 => props.push(("saturate", i64_attr(lw.ctx, 0))),
            v => return Err(n.invalid(format!("saturate must be 0 or 1, got {v}"))),
        }
    }
    if !like && n.opset >= 25 {
        let mode = n.attrs.string("round_mode")?.unwrap_or_else(|| "up".into());
        match mode.as_str() {
            "up" => {}
            "down" | "nearest" => props.push(("round_mode", lw.ctx.string_attr(&mode))),
            _ => return Err(n.invalid(format!("unknown round_mode \"{mode}\""))),
        }
    }
    lw.emit(n, "graph.cast", &[x], &props)
}

/// `BitCast`: the bits of each element as type `to`, which must have the input's width.
pub(crate) fn lower_bitcast(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let t = n
        .attrs
        .int("to")?
        .ok_or_else(|| n.invalid("BitCast needs 'to'"))?;
    let t = i32::try_from(t).map_err(|_| n.invalid(format!("invalid 'to' {t}")))?;
    let to = elem_type(lw.ctx, t).ok_or_else(|| n.unsupported(&format!("to {}", dt::name(t))))?;
    let from = lw.shape_of(x).1;
    let width = |ty| strata_dialect_graph::bitcast::bitcast_width(lw.ctx, ty);
    if width(from) != width(to) {
        return Err(n.invalid(format!(
            "BitCast to {} needs an input of the same bit width",
            dt::name(t)
        )));
    }
    lw.emit(n, "graph.bitcast", &[x], &[("to", lw.ctx.type_attr(to))])
}

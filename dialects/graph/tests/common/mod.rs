//! Helpers shared by the graph dialect's integration tests: a context with the dialect
//! registered, a compact type syntax (`"2x?x3xf32"`, `"f32"` for rank 0) and attribute
//! builders.

#![allow(dead_code)]

use strata_dialect_graph::attr::{f32_array_attr, i64_array_attr, i64_attr};
use strata_ir::{Attribute, Context, Signedness, Type, TypeKind};

/// A context with `builtin` and `graph` registered.
pub fn ctx() -> Context {
    let mut ctx = Context::new();
    strata_dialect_builtin::register(&mut ctx);
    strata_dialect_graph::register(&mut ctx);
    ctx
}

fn elem(ctx: &Context, s: &str) -> Type {
    match s {
        "f16" => ctx.float_type(strata_ir::FloatKind::F16),
        "bf16" => ctx.float_type(strata_ir::FloatKind::BF16),
        "f32" => ctx.f32(),
        "f64" => ctx.f64(),
        "index" => ctx.index_type(),
        _ => {
            let (signedness, w) = if let Some(w) = s.strip_prefix("ui") {
                (Signedness::Unsigned, w)
            } else if let Some(w) = s.strip_prefix("si") {
                (Signedness::Signed, w)
            } else {
                (
                    Signedness::Signless,
                    s.strip_prefix('i').expect("element type"),
                )
            };
            ctx.ty(TypeKind::Integer {
                width: w.parse().expect("width"),
                signedness,
            })
        }
    }
}

/// Parse `"2x?x3xf32"`; `"*xf32"` is an unranked tensor; `"scalar:f32"` the scalar type.
pub fn t(ctx: &Context, s: &str) -> Type {
    if let Some(e) = s.strip_prefix("scalar:") {
        return elem(ctx, e);
    }
    if let Some(e) = s.strip_prefix("*x") {
        return ctx.ty(TypeKind::UnrankedTensor(elem(ctx, e)));
    }
    let mut rest = s;
    let mut shape = Vec::new();
    while rest.starts_with(|c: char| c.is_ascii_digit() || c == '?') {
        let (d, r) = rest.split_once('x').expect("dimension followed by x");
        shape.push(if d == "?" {
            strata_ir::types::DYNAMIC
        } else {
            d.parse().expect("dim")
        });
        rest = r;
    }
    let e = rest;
    ctx.tensor_type(&shape, elem(ctx, e))
}

fn elem_str(ctx: &Context, e: Type) -> String {
    match ctx.type_kind(e) {
        TypeKind::Float(k) => k.keyword().to_string(),
        TypeKind::Integer { width, signedness } => match signedness {
            Signedness::Signless => format!("i{width}"),
            Signedness::Signed => format!("si{width}"),
            Signedness::Unsigned => format!("ui{width}"),
        },
        other => format!("{other:?}"),
    }
}

/// The inverse of [`t`] for ranked tensors.
pub fn show(ctx: &Context, ty: Type) -> String {
    match ctx.type_kind(ty) {
        TypeKind::RankedTensor { shape, elem, .. } => {
            let mut parts: Vec<String> = shape
                .iter()
                .map(|&d| {
                    if d < 0 {
                        "?".to_string()
                    } else {
                        d.to_string()
                    }
                })
                .collect();
            parts.push(elem_str(ctx, *elem));
            parts.join("x")
        }
        other => format!("{other:?}"),
    }
}

/// An attribute value for tests.
pub enum A<'a> {
    /// `array<i64: ...>`.
    Ints(&'a [i64]),
    /// `array<f32: ...>`.
    Floats(&'a [f32]),
    /// `v : i64`.
    Int(i64),
    /// `v : f32`.
    F(f64),
    /// A string.
    S(&'a str),
    /// A type attribute, in the syntax of [`t`] (`"scalar:f16"` for element types).
    Ty(&'a str),
}

/// Build a property dictionary.
pub fn props(ctx: &Context, attrs: &[(&str, A<'_>)]) -> Vec<(String, Attribute)> {
    attrs
        .iter()
        .map(|(n, a)| {
            let v = match a {
                A::Ints(v) => i64_array_attr(ctx, v),
                A::Floats(v) => f32_array_attr(ctx, v),
                A::Int(v) => i64_attr(ctx, *v),
                A::F(v) => ctx.float_attr(*v, ctx.f32()),
                A::S(s) => ctx.string_attr(s),
                A::Ty(s) => ctx.type_attr(t(ctx, s)),
            };
            (n.to_string(), v)
        })
        .collect()
}

/// Run inference of `op` (without the `graph.` prefix) and show the result types.
pub fn infer(
    ctx: &Context,
    op: &str,
    inputs: &[&str],
    attrs: &[(&str, A<'_>)],
) -> Result<Vec<String>, String> {
    let types: Vec<Type> = inputs.iter().map(|s| t(ctx, s)).collect();
    let p = props(ctx, attrs);
    let p: Vec<(&str, Attribute)> = p.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    strata_dialect_graph::infer(ctx, &format!("graph.{op}"), &types, &p)
        .map(|tys| tys.iter().map(|&ty| show(ctx, ty)).collect())
}

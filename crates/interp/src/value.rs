//! Runtime values beyond tensors: ONNX sequences and optionals, the runtime side of the
//! graph dialect's `!graph.seq<T>` and `!graph.opt<T>` types, and string tensors
//! (`tensor<...x!graph.string>`, see [`crate::strings`]).
//!
//! The interpreter's tensor ops keep seeing only [`Tensor`]s; [`AnyValue`] is what function
//! arguments and results, region-carried values and the sequence/optional ops handle.

use crate::error::{bail, Result};
use crate::ir::{type_str, ValueType};
use crate::strings::StrTensor;
use crate::tensor::Tensor;
use strata_dialect_graph::container::{opt_elem, seq_elem};
use strata_ir::{Context, Type};

/// A runtime value: a tensor, a sequence of tensors, or an optional (empty, or holding a
/// tensor or a sequence).
#[derive(Clone, Debug, PartialEq)]
pub enum AnyValue {
    /// A tensor (scalars are rank-0 tensors).
    Tensor(Tensor),
    /// A sequence of tensors (`!graph.seq<T>`).
    Seq(Vec<Tensor>),
    /// An optional (`!graph.opt<T>`): `None` when empty.
    Opt(Option<Box<AnyValue>>),
    /// A tensor of strings (`tensor<...x!graph.string>`).
    Str(StrTensor),
}

impl AnyValue {
    /// What kind of value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            AnyValue::Tensor(_) => "a tensor",
            AnyValue::Seq(_) => "a sequence",
            AnyValue::Opt(_) => "an optional",
            AnyValue::Str(_) => "a string tensor",
        }
    }

    /// The tensor, or an error naming what it is instead.
    pub fn into_tensor(self) -> Result<Tensor> {
        match self {
            AnyValue::Tensor(t) => Ok(t),
            other => bail!("expected a tensor, got {}", other.kind()),
        }
    }

    /// Check that this value is a value of IR type `ty` (tensors by [`ValueType::check`],
    /// sequences element by element, optionals by their content).
    pub fn check(&self, ctx: &Context, ty: Type) -> Result<()> {
        check_value(ctx, ty, self)
    }
}

fn check_value(ctx: &Context, ty: Type, v: &AnyValue) -> Result<()> {
    if let Some(e) = seq_elem(ctx, ty) {
        let AnyValue::Seq(ts) = v else {
            bail!(
                "expected a value of type {}, got {}",
                type_str(ctx, ty),
                v.kind()
            );
        };
        let vt = ValueType::from_ir(ctx, e)?;
        for (i, t) in ts.iter().enumerate() {
            vt.check(t)
                .map_err(|m| format!("sequence element #{i}: {m}"))?;
        }
        return Ok(());
    }
    if let Some(e) = opt_elem(ctx, ty) {
        return match v {
            AnyValue::Opt(None) => Ok(()),
            AnyValue::Opt(Some(x)) => check_value(ctx, e, x),
            _ => bail!(
                "expected a value of type {}, got {}",
                type_str(ctx, ty),
                v.kind()
            ),
        };
    }
    if let Some((shape, elem)) = strata_dialect_graph::util::ranked(ctx, ty) {
        if strata_dialect_graph::strings::is_string(ctx, elem) {
            let AnyValue::Str(s) = v else {
                bail!(
                    "expected a value of type {}, got {}",
                    type_str(ctx, ty),
                    v.kind()
                );
            };
            let fits = shape.len() == s.shape().len()
                && shape
                    .iter()
                    .zip(s.shape())
                    .all(|(&d, &n)| d < 0 || d as usize == n);
            if !fits {
                bail!(
                    "expected a value of type {}, got a string tensor of shape {:?}",
                    type_str(ctx, ty),
                    s.shape()
                );
            }
            return Ok(());
        }
    }
    match v {
        AnyValue::Tensor(t) => ValueType::from_ir(ctx, ty)?.check(t),
        _ => bail!(
            "expected a value of type {}, got {}",
            type_str(ctx, ty),
            v.kind()
        ),
    }
}

//! ONNX sequence and optional types (`TypeProto.Sequence`, `TypeProto.Optional`, kept as
//! bytes by `proto.rs`) as the graph dialect's `!graph.seq<T>` and `!graph.opt<T>`.
//!
//! Decoding is one message level at a time with an explicit depth bound
//! ([`MAX_TYPE_DEPTH`]), so hostile nesting cannot recurse without bound.

use crate::error::{ImportError, Result};
use crate::limits::Limits;
use crate::proto::{TypeProto, ValueInfoProto};
use strata_dialect_graph::container::{opt_type, seq_type};
use strata_ir::{Context, Type, TypeKind};

/// The deepest nesting of sequence/optional types accepted (`optional(seq(tensor))` is 2).
pub(crate) const MAX_TYPE_DEPTH: usize = 4;

/// `TypeProto.Sequence` / `TypeProto.Optional`: both hold one `elem_type` (field 1).
#[derive(Clone, PartialEq, prost::Message)]
struct ElemTypeProto {
    #[prost(message, optional, tag = "1")]
    elem_type: Option<TypeProto>,
}

enum Wrap {
    Seq,
    Opt,
}

/// The graph type of `tp`: tensors (ranked; unranked only inside a sequence or optional),
/// sequences and optionals. `Ok(None)` for kinds the importer does not lower (maps, sparse
/// tensors, a missing type).
pub(crate) fn type_of(
    ctx: &Context,
    tp: &TypeProto,
    limits: &Limits,
    at: &str,
) -> Result<Option<Type>> {
    let mut wraps = Vec::new();
    let mut cur = tp.clone();
    loop {
        if wraps.len() > MAX_TYPE_DEPTH {
            return Err(ImportError::limit(
                format!("nesting of sequence/optional types of {at}"),
                MAX_TYPE_DEPTH as u64,
            ));
        }
        let (bytes, w) = match (&cur.sequence_type, &cur.optional_type) {
            (Some(b), _) => (b.clone(), Wrap::Seq),
            (None, Some(b)) => (b.clone(), Wrap::Opt),
            (None, None) => break,
        };
        let e = <ElemTypeProto as prost::Message>::decode(bytes.as_slice())
            .map_err(|e| ImportError::invalid(format!("malformed type: {e}"), at))?;
        let Some(inner) = e.elem_type else {
            return Ok(None);
        };
        wraps.push(w);
        cur = inner;
    }
    let Some(tt) = cur.tensor_type.as_ref() else {
        return Ok(None);
    };
    let mut ty = if tt.shape.is_none() && !wraps.is_empty() {
        let Some(elem) = crate::tensor::elem_type(ctx, tt.elem_type) else {
            return Ok(None);
        };
        ctx.ty(TypeKind::UnrankedTensor(elem))
    } else {
        let vi = ValueInfoProto {
            name: at.to_string(),
            r#type: Some(cur.clone()),
            ..Default::default()
        };
        super::value_type(ctx, &vi, limits)?
    };
    for w in wraps.iter().rev() {
        let is_tensor = strata_dialect_graph::container::is_tensor(ctx, ty);
        ty = match w {
            Wrap::Seq if is_tensor => seq_type(ctx, ty),
            Wrap::Opt => opt_type(ctx, ty),
            // Sequences of sequences or of optionals: not representable.
            Wrap::Seq => return Ok(None),
        };
    }
    Ok(Some(ty))
}

/// The type of a graph input or output that is a sequence or an optional (`Ok(None)` for
/// tensors and unsupported kinds).
pub(crate) fn container_value_type(
    ctx: &Context,
    vi: &ValueInfoProto,
    limits: &Limits,
) -> Result<Option<Type>> {
    let Some(tp) = vi.r#type.as_ref() else {
        return Ok(None);
    };
    if tp.sequence_type.is_none() && tp.optional_type.is_none() {
        return Ok(None);
    }
    type_of(ctx, tp, limits, &format!("value '{}'", vi.name))
}

/// Why a non-tensor graph input or output cannot be imported, or `None` when it can.
pub(crate) fn container_issue(ctx: &Context, vi: &ValueInfoProto) -> Option<String> {
    match container_value_type(ctx, vi, &Limits::default()) {
        Ok(Some(_)) => None,
        Ok(None) => Some("non-tensor value (map, sparse, or nested sequence)".into()),
        Err(e) => Some(format!("value type: {e}")),
    }
}

//! Sequence, optional and string test values: ONNX's `SequenceProto` and `OptionalProto`
//! (the `input_K.pb` / `output_K.pb` of cases whose graph inputs or outputs are sequences or
//! optionals) and `STRING` tensors decoded to [`AnyValue`]s, and their comparison (strings
//! exactly).
//!
//! Which message a file holds is decided by the graph input's or output's `TypeProto`.
//! Nested messages are kept as bytes and decoded one level at a time; only the forms the
//! graph dialect represents are accepted (sequences of tensors, optionals of a tensor or of
//! a sequence of tensors), anything else is a typed "unsupported" error.

use crate::model::{tensor_from_pb, tensor_from_proto, LoadError};
use strata::ir::Context;
use strata_interp::strings::StrTensor;
use strata_interp::{allclose, AnyValue, Comparison};
use strata_onnx::proto::{TensorProto, TypeProto};
use strata_onnx::ImportError;

/// `SequenceProto` (nested sequences, maps and optionals kept as bytes).
#[derive(Clone, PartialEq, prost::Message)]
struct SequenceProto {
    #[prost(string, tag = "1")]
    name: String,
    #[prost(int32, tag = "2")]
    elem_type: i32,
    #[prost(message, repeated, tag = "3")]
    tensor_values: Vec<TensorProto>,
    #[prost(bytes = "vec", repeated, tag = "4")]
    sparse_tensor_values: Vec<Vec<u8>>,
    #[prost(bytes = "vec", repeated, tag = "5")]
    sequence_values: Vec<Vec<u8>>,
    #[prost(bytes = "vec", repeated, tag = "6")]
    map_values: Vec<Vec<u8>>,
    #[prost(bytes = "vec", repeated, tag = "7")]
    optional_values: Vec<Vec<u8>>,
}

/// `OptionalProto` (nested values other than tensors kept as bytes).
#[derive(Clone, PartialEq, prost::Message)]
struct OptionalProto {
    #[prost(string, tag = "1")]
    name: String,
    #[prost(int32, tag = "2")]
    elem_type: i32,
    #[prost(message, optional, tag = "3")]
    tensor_value: Option<TensorProto>,
    #[prost(bytes = "vec", optional, tag = "4")]
    sparse_tensor_value: Option<Vec<u8>>,
    #[prost(bytes = "vec", optional, tag = "5")]
    sequence_value: Option<Vec<u8>>,
    #[prost(bytes = "vec", optional, tag = "6")]
    map_value: Option<Vec<u8>>,
    #[prost(bytes = "vec", optional, tag = "7")]
    optional_value: Option<Vec<u8>>,
}

fn malformed(what: &str, e: impl std::fmt::Display, at: &str) -> LoadError {
    LoadError::Import(ImportError::invalid(format!("malformed {what}: {e}"), at))
}

fn unsupported(what: &str, at: &str) -> LoadError {
    LoadError::Import(ImportError::Unsupported(vec![strata_onnx::UnsupportedOp {
        domain: String::new(),
        op_type: what.to_string(),
        opset: 0,
        node: at.to_string(),
    }]))
}

/// Whether values of type `tp` are sequences or optionals.
pub fn is_container(tp: Option<&TypeProto>) -> bool {
    tp.is_some_and(|t| t.sequence_type.is_some() || t.optional_type.is_some())
}

fn sequence(ctx: &Context, bytes: &[u8], at: &str) -> Result<AnyValue, LoadError> {
    let s = <SequenceProto as prost::Message>::decode(bytes)
        .map_err(|e| malformed("SequenceProto", e, at))?;
    if !(s.sparse_tensor_values.is_empty()
        && s.sequence_values.is_empty()
        && s.map_values.is_empty()
        && s.optional_values.is_empty())
    {
        return Err(unsupported("sequence of non-tensor values", at));
    }
    let ts = s
        .tensor_values
        .iter()
        .map(|t| tensor_from_proto(ctx, t, at))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(AnyValue::Seq(ts))
}

/// Decode `bytes` as a value of type `tp` (a tensor when `tp` is neither a sequence nor an
/// optional).
pub fn value_from_pb(
    ctx: &Context,
    bytes: &[u8],
    tp: Option<&TypeProto>,
    at: &str,
) -> Result<AnyValue, LoadError> {
    let Some(tp) = tp.filter(|t| is_container(Some(t))) else {
        let proto = <TensorProto as prost::Message>::decode(bytes)
            .map_err(|e| malformed("TensorProto", e, at))?;
        if proto.data_type == strata_onnx::proto::data_type::STRING {
            return strings_from_proto(&proto, at);
        }
        return Ok(AnyValue::Tensor(tensor_from_pb(ctx, bytes, at)?.0));
    };
    if tp.sequence_type.is_some() {
        return sequence(ctx, bytes, at);
    }
    let o = <OptionalProto as prost::Message>::decode(bytes)
        .map_err(|e| malformed("OptionalProto", e, at))?;
    if o.sparse_tensor_value.is_some() || o.map_value.is_some() || o.optional_value.is_some() {
        return Err(unsupported(
            "optional of a non-tensor, non-sequence value",
            at,
        ));
    }
    Ok(AnyValue::Opt(match (o.tensor_value, o.sequence_value) {
        (Some(t), _) => Some(Box::new(AnyValue::Tensor(tensor_from_proto(ctx, &t, at)?))),
        (None, Some(s)) => Some(Box::new(sequence(ctx, &s, at)?)),
        (None, None) => None,
    }))
}

/// A `STRING` tensor as a string tensor value (every element valid UTF-8).
fn strings_from_proto(proto: &TensorProto, at: &str) -> Result<AnyValue, LoadError> {
    let shape = proto
        .dims
        .iter()
        .map(|&d| usize::try_from(d))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| malformed("TensorProto", "negative dimension", at))?;
    let data = proto
        .string_data
        .iter()
        .map(|s| String::from_utf8(s.clone()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| malformed("TensorProto", "a string that is not UTF-8", at))?;
    StrTensor::new(shape, data)
        .map(AnyValue::Str)
        .map_err(|e| malformed("TensorProto", e, at))
}

/// Compare `actual` with `expected` (tensors with [`allclose`], sequences element by
/// element, optionals by content); `Err` describes the first difference. The returned
/// comparisons are those of the tensors compared (for error statistics).
pub fn compare(
    actual: &AnyValue,
    expected: &AnyValue,
    rtol: f64,
    atol: f64,
) -> Result<Vec<Comparison>, String> {
    match (actual, expected) {
        (AnyValue::Tensor(a), AnyValue::Tensor(e)) => {
            let c = allclose(a, e, rtol, atol);
            if c.ok {
                Ok(vec![c])
            } else {
                Err(c.to_string())
            }
        }
        (AnyValue::Seq(a), AnyValue::Seq(e)) => {
            if a.len() != e.len() {
                return Err(format!(
                    "sequence of {} tensors, expected {}",
                    a.len(),
                    e.len()
                ));
            }
            let mut all = Vec::new();
            for (i, (x, y)) in a.iter().zip(e).enumerate() {
                let c = allclose(x, y, rtol, atol);
                if !c.ok {
                    return Err(format!("sequence element {i}: {c}"));
                }
                all.push(c);
            }
            Ok(all)
        }
        (AnyValue::Str(a), AnyValue::Str(e)) => {
            if a.shape() != e.shape() {
                return Err(format!(
                    "string tensor of shape {:?}, expected {:?}",
                    a.shape(),
                    e.shape()
                ));
            }
            match a.data().iter().zip(e.data()).position(|(x, y)| x != y) {
                Some(i) => Err(format!(
                    "string element {i} is {:?}, expected {:?}",
                    a.data()[i],
                    e.data()[i]
                )),
                None => Ok(Vec::new()),
            }
        }
        (AnyValue::Opt(None), AnyValue::Opt(None)) => Ok(Vec::new()),
        (AnyValue::Opt(Some(a)), AnyValue::Opt(Some(e))) => compare(a, e, rtol, atol),
        (AnyValue::Opt(a), AnyValue::Opt(e)) => Err(format!(
            "optional is {}, expected {}",
            if a.is_some() { "present" } else { "empty" },
            if e.is_some() { "present" } else { "empty" }
        )),
        (a, e) => Err(format!("got {}, expected {}", a.kind(), e.kind())),
    }
}

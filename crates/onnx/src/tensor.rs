//! ONNX element types and tensor data: [`elem_type`] maps `TensorProto.DataType` to MLIR
//! types, [`ConstTensor`] holds a decoded constant (initializer, `Constant` node) as
//! little-endian bytes, validated against its dims and the [`Limits`] before allocating.

use crate::error::{ImportError, Result};
use crate::external::{ExternalLoader, ExternalRef};
use crate::limits::Limits;
use crate::proto::{data_location, data_type as dt, TensorProto};
use std::sync::Arc;
use strata_ir::{AttrKind, Attribute, Blob, Context, FloatKind, Signedness, Type, TypeKind};

/// Tensors of at most this many bytes become inline `dense<...>` attributes; larger ones
/// are stored once as `dense_resource` blobs.
pub const INLINE_MAX_BYTES: usize = 64;

/// The MLIR element type of ONNX data type `t`: `FLOAT` `f32`, `DOUBLE` `f64`, `FLOAT16`
/// `f16`, `BFLOAT16` `bf16`, `INT8`..`INT64` signless `i8`..`i64`, `UINT8`..`UINT64`
/// `ui8`..`ui64` (the graph dialect's unsigned types), `BOOL` `i1`. `None` for the others
/// (strings, complex, 4-bit and 8-bit floats).
pub fn elem_type(ctx: &Context, t: i32) -> Option<Type> {
    let int = |width, signedness| ctx.ty(TypeKind::Integer { width, signedness });
    Some(match t {
        dt::FLOAT => ctx.f32(),
        dt::DOUBLE => ctx.f64(),
        dt::FLOAT16 => ctx.float_type(FloatKind::F16),
        dt::BFLOAT16 => ctx.float_type(FloatKind::BF16),
        dt::BOOL => ctx.i1(),
        dt::INT8 => int(8, Signedness::Signless),
        dt::INT16 => int(16, Signedness::Signless),
        dt::INT32 => int(32, Signedness::Signless),
        dt::INT64 => int(64, Signedness::Signless),
        dt::UINT8 => int(8, Signedness::Unsigned),
        dt::UINT16 => int(16, Signedness::Unsigned),
        dt::UINT32 => int(32, Signedness::Unsigned),
        dt::UINT64 => int(64, Signedness::Unsigned),
        _ => return None,
    })
}

/// Bytes per element of a supported ONNX data type (`None` for unsupported ones).
pub fn elem_size(t: i32) -> Option<usize> {
    Some(match t {
        dt::BOOL | dt::INT8 | dt::UINT8 => 1,
        dt::INT16 | dt::UINT16 | dt::FLOAT16 | dt::BFLOAT16 => 2,
        dt::INT32 | dt::UINT32 | dt::FLOAT => 4,
        dt::INT64 | dt::UINT64 | dt::DOUBLE => 8,
        _ => return None,
    })
}

/// Whether `t` is a floating-point data type.
pub fn is_float(t: i32) -> bool {
    matches!(t, dt::FLOAT | dt::DOUBLE | dt::FLOAT16 | dt::BFLOAT16)
}

/// Check declared dims: non-negative, rank and element count within the limits. Returns
/// the element count.
pub fn checked_numel(dims: &[i64], limits: &Limits, at: &str) -> Result<u64> {
    if dims.len() as u64 > limits.max_rank {
        return Err(ImportError::limit(format!("rank of {at}"), limits.max_rank));
    }
    let mut n: u64 = 1;
    for &d in dims {
        let d = u64::try_from(d)
            .map_err(|_| ImportError::invalid(format!("negative dimension {d}"), at))?;
        if d > limits.max_tensor_elements {
            return Err(ImportError::limit(
                format!("dimension of {at} ({d})"),
                limits.max_tensor_elements,
            ));
        }
        n = n.checked_mul(d).ok_or_else(|| {
            ImportError::limit(
                format!("tensor elements of {at} (dims product overflows)"),
                limits.max_tensor_elements,
            )
        })?;
    }
    if n > limits.max_tensor_elements {
        return Err(ImportError::limit(
            format!("tensor elements of {at} ({n})"),
            limits.max_tensor_elements,
        ));
    }
    Ok(n)
}

/// A decoded constant tensor: element type, static shape and little-endian element bytes
/// (`ceil(width / 8)` bytes each, `i1` as one byte 0/1), possibly a splat (one element).
#[derive(Clone, Debug)]
pub struct ConstTensor {
    /// The ONNX data type.
    pub dtype: i32,
    /// The MLIR element type.
    pub elem: Type,
    /// The static shape.
    pub shape: Vec<i64>,
    /// The element bytes (shared with the resource blob, never copied).
    pub data: Arc<[u8]>,
    /// Whether `data` holds one element standing for all of them.
    pub splat: bool,
    /// A name for the resource blob.
    pub name: String,
}

fn le_bytes<T: Copy, const N: usize>(vals: &[T], f: impl Fn(T) -> [u8; N]) -> Vec<u8> {
    let mut out = Vec::with_capacity(vals.len() * N);
    for &v in vals {
        out.extend_from_slice(&f(v));
    }
    out
}

impl ConstTensor {
    /// Decode `t` (validating sizes against `limits` before allocating); external data
    /// is read through `ext`. `at` names the tensor in errors.
    pub fn from_proto(
        ctx: &Context,
        t: &TensorProto,
        limits: &Limits,
        ext: &mut ExternalLoader,
        at: &str,
    ) -> Result<ConstTensor> {
        let elem = elem_type(ctx, t.data_type).ok_or_else(|| {
            ImportError::Unsupported(vec![crate::UnsupportedOp {
                domain: String::new(),
                op_type: format!("element type {}", dt::name(t.data_type)),
                opset: 0,
                node: at.to_string(),
            }])
        })?;
        let size = elem_size(t.data_type).unwrap_or(1);
        let n = checked_numel(&t.dims, limits, at)?;
        let bytes = n
            .checked_mul(size as u64)
            .filter(|&b| b <= limits.max_tensor_bytes);
        let Some(bytes) = bytes else {
            return Err(ImportError::limit(
                format!("tensor bytes of {at}"),
                limits.max_tensor_bytes,
            ));
        };
        if t.segment.is_some() {
            return Err(ImportError::invalid(
                "segmented tensors are not supported",
                at,
            ));
        }
        let typed_len = |len: usize, field: &str| -> Result<()> {
            if len as u64 != n {
                return Err(ImportError::invalid(
                    format!(
                        "{field} holds {len} elements, but dims {:?} need {n}",
                        t.dims
                    ),
                    at,
                ));
            }
            Ok(())
        };
        let data: Vec<u8> = if t.data_location == data_location::EXTERNAL {
            let r = ExternalRef::parse(&t.external_data, at)?;
            ext.read(&r, bytes, at)?
        } else if let Some(raw) = &t.raw_data {
            if raw.len() as u64 != bytes {
                return Err(ImportError::invalid(
                    format!(
                        "raw_data holds {} bytes, but {} elements of {} need {bytes}",
                        raw.len(),
                        n,
                        dt::name(t.data_type)
                    ),
                    at,
                ));
            }
            if t.data_type == dt::BOOL {
                raw.iter().map(|&b| u8::from(b != 0)).collect()
            } else {
                raw.clone()
            }
        } else {
            match t.data_type {
                dt::FLOAT => {
                    typed_len(t.float_data.len(), "float_data")?;
                    le_bytes(&t.float_data, |v: f32| v.to_le_bytes())
                }
                dt::DOUBLE => {
                    typed_len(t.double_data.len(), "double_data")?;
                    le_bytes(&t.double_data, |v: f64| v.to_le_bytes())
                }
                dt::INT64 => {
                    typed_len(t.int64_data.len(), "int64_data")?;
                    le_bytes(&t.int64_data, |v: i64| v.to_le_bytes())
                }
                dt::UINT32 => {
                    typed_len(t.uint64_data.len(), "uint64_data")?;
                    le_bytes(&t.uint64_data, |v: u64| (v as u32).to_le_bytes())
                }
                dt::UINT64 => {
                    typed_len(t.uint64_data.len(), "uint64_data")?;
                    le_bytes(&t.uint64_data, |v: u64| v.to_le_bytes())
                }
                dt::INT32 => {
                    typed_len(t.int32_data.len(), "int32_data")?;
                    le_bytes(&t.int32_data, |v: i32| v.to_le_bytes())
                }
                dt::INT16 | dt::UINT16 | dt::FLOAT16 | dt::BFLOAT16 => {
                    typed_len(t.int32_data.len(), "int32_data")?;
                    le_bytes(&t.int32_data, |v: i32| (v as u16).to_le_bytes())
                }
                dt::INT8 | dt::UINT8 => {
                    typed_len(t.int32_data.len(), "int32_data")?;
                    le_bytes(&t.int32_data, |v: i32| [v as u8])
                }
                dt::BOOL => {
                    typed_len(t.int32_data.len(), "int32_data")?;
                    le_bytes(&t.int32_data, |v: i32| [u8::from(v != 0)])
                }
                _ => return Err(ImportError::invalid("tensor has no data", at)),
            }
        };
        Ok(ConstTensor {
            dtype: t.data_type,
            elem,
            shape: t.dims.clone(),
            data: data.into(),
            splat: false,
            name: if t.name.is_empty() {
                at.to_string()
            } else {
                t.name.clone()
            },
        })
    }

    /// A splat of `shape` whose single element is `elem_bytes` (already checked against
    /// the limits by the caller).
    pub fn splat(dtype: i32, elem: Type, shape: Vec<i64>, elem_bytes: Vec<u8>, name: &str) -> Self {
        ConstTensor {
            dtype,
            elem,
            shape,
            data: elem_bytes.into(),
            splat: true,
            name: name.to_string(),
        }
    }

    /// The number of elements.
    pub fn numel(&self) -> u64 {
        self.shape.iter().map(|&d| d.max(0) as u64).product()
    }

    /// The tensor type.
    pub fn ty(&self, ctx: &Context) -> Type {
        ctx.tensor_type(&self.shape, self.elem)
    }

    fn raw(&self, i: usize) -> Option<u64> {
        let size = elem_size(self.dtype)?;
        let i = if self.splat { 0 } else { i };
        let chunk = self.data.get(i * size..(i + 1) * size)?;
        let mut buf = [0u8; 8];
        buf[..size].copy_from_slice(chunk);
        Some(u64::from_le_bytes(buf))
    }

    /// Element `i` as an integer (integer and bool tensors).
    pub fn int_at(&self, i: usize) -> Option<i64> {
        let r = self.raw(i)?;
        Some(match self.dtype {
            dt::INT8 => r as u8 as i8 as i64,
            dt::INT16 => r as u16 as i16 as i64,
            dt::INT32 => r as u32 as i32 as i64,
            dt::INT64 | dt::UINT64 => r as i64,
            dt::UINT8 | dt::UINT16 | dt::UINT32 | dt::BOOL => r as i64,
            _ => return None,
        })
    }

    /// Element `i` as a float (float tensors; integers converted).
    pub fn float_at(&self, i: usize) -> Option<f64> {
        let r = self.raw(i)?;
        Some(match self.dtype {
            dt::FLOAT => f64::from(f32::from_bits(r as u32)),
            dt::DOUBLE => f64::from_bits(r),
            dt::FLOAT16 => strata_ir::numeric::bits_to_f64(r, FloatKind::F16),
            dt::BFLOAT16 => strata_ir::numeric::bits_to_f64(r, FloatKind::BF16),
            _ => self.int_at(i)? as f64,
        })
    }

    /// All elements as integers, when the tensor is an integer tensor of at most `max`
    /// elements (shape-like inputs: axes, pads, shapes).
    pub fn ints(&self, max: u64) -> Option<Vec<i64>> {
        let n = self.numel();
        if n > max || is_float(self.dtype) {
            return None;
        }
        (0..n as usize).map(|i| self.int_at(i)).collect()
    }

    /// All elements as floats (at most `max` elements).
    pub fn floats(&self, max: u64) -> Option<Vec<f64>> {
        let n = self.numel();
        if n > max {
            return None;
        }
        (0..n as usize).map(|i| self.float_at(i)).collect()
    }

    /// The elements attribute: `dense<...>` for splats and small tensors, otherwise a
    /// `dense_resource` blob stored once in the context (the bytes are shared, not copied).
    pub fn to_attr(&self, ctx: &Context) -> Attribute {
        let ty = self.ty(ctx);
        if self.splat || self.data.len() <= INLINE_MAX_BYTES {
            return ctx.attr(AttrKind::DenseElements {
                ty,
                splat: self.splat,
                data: self.data.as_ref().into(),
            });
        }
        let name = resource_name(&self.name);
        let name = ctx.add_resource(
            &name,
            Blob {
                alignment: elem_size(self.dtype).unwrap_or(1) as u32,
                data: self.data.clone(),
            },
        );
        ctx.attr(AttrKind::DenseResource { ty, name })
    }
}

/// A resource key from a tensor name: letters, digits, `_` and `.` kept, other bytes as `_`,
/// prefixed with `onnx_` when it would not start with a letter or `_`.
pub fn resource_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        s.insert_str(0, "onnx_");
    }
    s
}

//! ONNX element types and tensor data: [`elem_type`] maps `TensorProto.DataType` to MLIR
//! types, [`ConstTensor`] holds a decoded constant (initializer, `Constant` node) as
//! little-endian bytes, validated against its dims and the [`Limits`] before allocating.
//!
//! The 4- and 2-bit types (`INT4`, `UINT4`, `FLOAT4E2M1`, `INT2`, `UINT2`) come packed (two
//! or four elements per byte, first element in the low bits, in `raw_data` and in each
//! `int32_data` entry) and are unpacked to one element per byte, the low bits holding the
//! element's bit pattern, as MLIR's dense storage of `i4`/`f4E2M1FN` elements.

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
/// `ui8`..`ui64` (the graph dialect's unsigned types), `BOOL` `i1`, `INT4`/`INT2` `i4`/`i2`,
/// `UINT4`/`UINT2` `ui4`/`ui2`, `FLOAT8E4M3FN` `f8E4M3FN`, `FLOAT8E4M3FNUZ` `f8E4M3FNUZ`,
/// `FLOAT8E5M2` `f8E5M2`, `FLOAT8E5M2FNUZ` `f8E5M2FNUZ`, `FLOAT8E8M0` `f8E8M0FNU`,
/// `FLOAT4E2M1` `f4E2M1FN`. `None` for the others (strings, complex, 6-bit floats).
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
        dt::STRING => strata_dialect_graph::strings::string_type(ctx),
        dt::INT4 => int(4, Signedness::Signless),
        dt::INT2 => int(2, Signedness::Signless),
        dt::UINT4 => int(4, Signedness::Unsigned),
        dt::UINT2 => int(2, Signedness::Unsigned),
        _ => ctx.float_type(small_float_kind(t)?),
    })
}

/// The float format of an ONNX 8- or 4-bit float data type.
pub fn small_float_kind(t: i32) -> Option<FloatKind> {
    Some(match t {
        dt::FLOAT8E4M3FN => FloatKind::F8E4M3FN,
        dt::FLOAT8E4M3FNUZ => FloatKind::F8E4M3FNUZ,
        dt::FLOAT8E5M2 => FloatKind::F8E5M2,
        dt::FLOAT8E5M2FNUZ => FloatKind::F8E5M2FNUZ,
        dt::FLOAT8E8M0 => FloatKind::F8E8M0FNU,
        dt::FLOAT4E2M1 => FloatKind::F4E2M1FN,
        _ => return None,
    })
}

/// The bit width of a packed sub-byte data type (4 or 2), `None` for the others.
pub fn packed_bits(t: i32) -> Option<u32> {
    match t {
        dt::INT4 | dt::UINT4 | dt::FLOAT4E2M1 => Some(4),
        dt::INT2 | dt::UINT2 => Some(2),
        _ => None,
    }
}

/// Unpack `n` elements of `bits` bits (4 or 2) from `packed` (first element in the low
/// bits) to one byte each; `None` when `packed` holds fewer than `n` elements.
pub fn unpack(packed: &[u8], n: usize, bits: u32) -> Option<Vec<u8>> {
    let per = (8 / bits) as usize;
    if packed.len() < n.div_ceil(per) {
        return None;
    }
    let mask = (1u8 << bits) - 1;
    Some(
        (0..n)
            .map(|i| (packed[i / per] >> ((i % per) as u32 * bits)) & mask)
            .collect(),
    )
}

/// Pack one-byte elements (low `bits` bits used) `per byte`, first element in the low bits
/// (the inverse of [`unpack`]).
pub fn pack(elems: &[u8], bits: u32) -> Vec<u8> {
    let per = (8 / bits) as usize;
    let mask = (1u8 << bits) - 1;
    elems
        .chunks(per)
        .map(|c| {
            c.iter()
                .enumerate()
                .fold(0u8, |acc, (j, &e)| acc | ((e & mask) << (j as u32 * bits)))
        })
        .collect()
}

/// Bytes per element of a supported ONNX data type (`None` for unsupported ones).
pub fn elem_size(t: i32) -> Option<usize> {
    Some(match t {
        dt::BOOL | dt::INT8 | dt::UINT8 => 1,
        // The small types are stored one element per byte once decoded.
        dt::FLOAT8E4M3FN
        | dt::FLOAT8E4M3FNUZ
        | dt::FLOAT8E5M2
        | dt::FLOAT8E5M2FNUZ
        | dt::FLOAT8E8M0
        | dt::FLOAT4E2M1
        | dt::INT4
        | dt::UINT4
        | dt::INT2
        | dt::UINT2 => 1,
        dt::INT16 | dt::UINT16 | dt::FLOAT16 | dt::BFLOAT16 => 2,
        dt::INT32 | dt::UINT32 | dt::FLOAT => 4,
        dt::INT64 | dt::UINT64 | dt::DOUBLE => 8,
        _ => return None,
    })
}

/// Whether `t` is a floating-point data type.
pub fn is_float(t: i32) -> bool {
    matches!(t, dt::FLOAT | dt::DOUBLE | dt::FLOAT16 | dt::BFLOAT16)
        || small_float_kind(t).is_some()
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
        if t.data_type == dt::STRING {
            // String tensors exist as values (`!graph.string`), but no attribute holds
            // string elements, so they cannot be constants.
            return Err(ImportError::Unsupported(vec![crate::UnsupportedOp {
                domain: String::new(),
                op_type: "string constant".into(),
                opset: 0,
                node: at.to_string(),
            }]));
        }
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
        let packed = packed_bits(t.data_type);
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
        // Stored bytes: packed for the sub-byte types.
        let stored = match packed {
            Some(b) => n.div_ceil(u64::from(8 / b)),
            None => bytes,
        };
        let unpacked = |data: &[u8]| -> Result<Vec<u8>> {
            match packed {
                Some(b) => unpack(data, n as usize, b).ok_or_else(|| {
                    ImportError::invalid(format!("packed data holds fewer than {n} elements"), at)
                }),
                None => Ok(data.to_vec()),
            }
        };
        let data: Vec<u8> = if t.data_location == data_location::EXTERNAL {
            let r = ExternalRef::parse(&t.external_data, at)?;
            let d = ext.read(&r, stored, at)?;
            if packed.is_some() {
                unpacked(&d)?
            } else {
                d
            }
        } else if let Some(raw) = &t.raw_data {
            if packed.is_some() {
                if raw.len() as u64 != stored {
                    return Err(ImportError::invalid(
                        format!(
                            "raw_data holds {} bytes, but {n} packed elements of {} need {stored}",
                            raw.len(),
                            dt::name(t.data_type)
                        ),
                        at,
                    ));
                }
                unpacked(raw)?
            } else if raw.len() as u64 != bytes {
                return Err(ImportError::invalid(
                    format!(
                        "raw_data holds {} bytes, but {} elements of {} need {bytes}",
                        raw.len(),
                        n,
                        dt::name(t.data_type)
                    ),
                    at,
                ));
            } else if t.data_type == dt::BOOL {
                raw.iter().map(|&b| u8::from(b != 0)).collect()
            } else {
                raw.clone()
            }
        } else if packed.is_some() {
            // Each int32_data entry holds one packed byte (8 / bits elements, the last one
            // possibly partly used).
            if t.int32_data.len() as u64 != stored {
                return Err(ImportError::invalid(
                    format!(
                        "int32_data holds {} entries, but {n} packed elements of {} need {stored}",
                        t.int32_data.len(),
                        dt::name(t.data_type)
                    ),
                    at,
                ));
            }
            let bytes: Vec<u8> = t.int32_data.iter().map(|&v| v as u8).collect();
            unpacked(&bytes)?
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
                dt::INT8
                | dt::UINT8
                | dt::FLOAT8E4M3FN
                | dt::FLOAT8E4M3FNUZ
                | dt::FLOAT8E5M2
                | dt::FLOAT8E5M2FNUZ
                | dt::FLOAT8E8M0 => {
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
            dt::UINT8 | dt::UINT16 | dt::UINT32 | dt::BOOL | dt::UINT4 | dt::UINT2 => r as i64,
            dt::INT4 => ((r as u8) << 4) as i8 as i64 >> 4,
            dt::INT2 => ((r as u8) << 6) as i8 as i64 >> 6,
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
            t => match small_float_kind(t) {
                Some(k) => strata_ir::numeric::bits_to_f64(r, k),
                None => self.int_at(i)? as f64,
            },
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

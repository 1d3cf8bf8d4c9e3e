//! The runtime value model: a [`Tensor`] is a dtype, a shape and typed, contiguous,
//! row-major storage ([`Data`]). Scalars are rank-0 tensors.
//!
//! Every constructor checks that the element count matches the shape; sizes derived from
//! untrusted shapes go through [`checked_numel`], which rejects overflowing products and
//! counts above a limit before anything is allocated.

use crate::dtype::{DType, Element};
use crate::error::{bail, ensure, Result};
use half::{bf16, f16};

/// The default maximum number of elements of one tensor (2^28, 1 GiB of `f32`).
pub const DEFAULT_MAX_ELEMENTS: usize = 1 << 28;

/// Typed element storage. `Index` tensors use the `I64` variant.
#[derive(Clone, PartialEq, Debug)]
pub enum Data {
    /// `f16` elements.
    F16(Vec<f16>),
    /// `bf16` elements.
    BF16(Vec<bf16>),
    /// `f32` elements.
    F32(Vec<f32>),
    /// `f64` elements.
    F64(Vec<f64>),
    /// `i8` elements.
    I8(Vec<i8>),
    /// `i16` elements.
    I16(Vec<i16>),
    /// `i32` elements.
    I32(Vec<i32>),
    /// `i64` (and `index`) elements.
    I64(Vec<i64>),
    /// `u8` elements.
    U8(Vec<u8>),
    /// `u16` elements.
    U16(Vec<u16>),
    /// `u32` elements.
    U32(Vec<u32>),
    /// `u64` elements.
    U64(Vec<u64>),
    /// Boolean elements.
    Bool(Vec<bool>),
}

/// Evaluate `$body` with `$v` bound to the vector inside a [`Data`] (any reference form), for
/// code that is generic over the element type.
#[macro_export]
#[doc(hidden)]
macro_rules! with_data {
    ($data:expr, $v:ident => $body:expr) => {
        match $data {
            $crate::Data::F16($v) => $body,
            $crate::Data::BF16($v) => $body,
            $crate::Data::F32($v) => $body,
            $crate::Data::F64($v) => $body,
            $crate::Data::I8($v) => $body,
            $crate::Data::I16($v) => $body,
            $crate::Data::I32($v) => $body,
            $crate::Data::I64($v) => $body,
            $crate::Data::U8($v) => $body,
            $crate::Data::U16($v) => $body,
            $crate::Data::U32($v) => $body,
            $crate::Data::U64($v) => $body,
            $crate::Data::Bool($v) => $body,
        }
    };
}

/// Like [`with_data!`] but builds a new [`Data`] of the same variant from `$body`, which must
/// evaluate to a `Vec` of the same element type.
#[macro_export]
#[doc(hidden)]
macro_rules! map_data {
    ($data:expr, $v:ident => $body:expr) => {
        match $data {
            $crate::Data::F16($v) => $crate::Data::F16($body),
            $crate::Data::BF16($v) => $crate::Data::BF16($body),
            $crate::Data::F32($v) => $crate::Data::F32($body),
            $crate::Data::F64($v) => $crate::Data::F64($body),
            $crate::Data::I8($v) => $crate::Data::I8($body),
            $crate::Data::I16($v) => $crate::Data::I16($body),
            $crate::Data::I32($v) => $crate::Data::I32($body),
            $crate::Data::I64($v) => $crate::Data::I64($body),
            $crate::Data::U8($v) => $crate::Data::U8($body),
            $crate::Data::U16($v) => $crate::Data::U16($body),
            $crate::Data::U32($v) => $crate::Data::U32($body),
            $crate::Data::U64($v) => $crate::Data::U64($body),
            $crate::Data::Bool($v) => $crate::Data::Bool($body),
        }
    };
}

impl Data {
    /// Number of elements.
    pub fn len(&self) -> usize {
        with_data!(self, v => v.len())
    }
    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The dtype of the stored Rust type (`I64` for index tensors).
    pub fn storage_dtype(&self) -> DType {
        match self {
            Data::F16(_) => DType::F16,
            Data::BF16(_) => DType::BF16,
            Data::F32(_) => DType::F32,
            Data::F64(_) => DType::F64,
            Data::I8(_) => DType::I8,
            Data::I16(_) => DType::I16,
            Data::I32(_) => DType::I32,
            Data::I64(_) => DType::I64,
            Data::U8(_) => DType::U8,
            Data::U16(_) => DType::U16,
            Data::U32(_) => DType::U32,
            Data::U64(_) => DType::U64,
            Data::Bool(_) => DType::Bool,
        }
    }
    /// `n` zero elements of `dtype` (false for bool).
    pub fn zeros(dtype: DType, n: usize) -> Data {
        Data::filled_f64(dtype, n, 0.0)
    }
    /// `n` copies of `value` converted to `dtype` (see [`Element::from_f64`]).
    pub fn filled_f64(dtype: DType, n: usize, value: f64) -> Data {
        fn f<T: Element>(n: usize, v: f64) -> Data {
            T::wrap(vec![T::from_f64(v); n])
        }
        if dtype.is_small() {
            return crate::small::from_f64s(dtype, &[value]).repeat_first(n);
        }
        match dtype {
            DType::F16 => f::<f16>(n, value),
            DType::BF16 => f::<bf16>(n, value),
            DType::F32 => f::<f32>(n, value),
            DType::F64 => f::<f64>(n, value),
            DType::I8 => f::<i8>(n, value),
            DType::I16 => f::<i16>(n, value),
            DType::I32 => f::<i32>(n, value),
            DType::I64 | DType::Index => f::<i64>(n, value),
            DType::U8 => f::<u8>(n, value),
            DType::U16 => f::<u16>(n, value),
            DType::U32 => f::<u32>(n, value),
            DType::U64 => f::<u64>(n, value),
            DType::Bool => f::<bool>(n, value),
            _ => unreachable!("small dtypes are handled above"),
        }
    }
    /// Elements converted from `f64` values (see [`Element::from_f64`]).
    pub fn from_f64s(dtype: DType, values: &[f64]) -> Data {
        fn f<T: Element>(v: &[f64]) -> Data {
            T::wrap(v.iter().map(|&x| T::from_f64(x)).collect())
        }
        if dtype.is_small() {
            return crate::small::from_f64s(dtype, values);
        }
        match dtype {
            DType::F16 => f::<f16>(values),
            DType::BF16 => f::<bf16>(values),
            DType::F32 => f::<f32>(values),
            DType::F64 => f::<f64>(values),
            DType::I8 => f::<i8>(values),
            DType::I16 => f::<i16>(values),
            DType::I32 => f::<i32>(values),
            DType::I64 | DType::Index => f::<i64>(values),
            DType::U8 => f::<u8>(values),
            DType::U16 => f::<u16>(values),
            DType::U32 => f::<u32>(values),
            DType::U64 => f::<u64>(values),
            DType::Bool => f::<bool>(values),
            _ => unreachable!("small dtypes are handled above"),
        }
    }
    /// `n` copies of the first element (empty when there is none).
    pub(crate) fn repeat_first(&self, n: usize) -> Data {
        map_data!(self, v => v.first().map_or_else(Vec::new, |&x| vec![x; n]))
    }
    /// The elements gathered at `indices` (which must be in bounds).
    pub fn gather(&self, indices: &[usize]) -> Data {
        map_data!(self, v => indices.iter().map(|&i| v[i]).collect())
    }
}

/// The storage dtype used for `dtype`: `I64` for `Index`, `U8` for the small floats (bit
/// patterns) and `U4`/`U2` (values), `I8` for `I4`/`I2` (values).
pub fn storage_of(dtype: DType) -> DType {
    match dtype {
        DType::Index => DType::I64,
        DType::I4 | DType::I2 => DType::I8,
        DType::U4 | DType::U2 => DType::U8,
        d if d.small_float().is_some() => DType::U8,
        d => d,
    }
}

/// The number of elements of `shape`, or an error when the product overflows or exceeds
/// `max`.
pub fn checked_numel(shape: &[usize], max: usize) -> Result<usize> {
    let mut n: usize = 1;
    for &d in shape {
        match n.checked_mul(d) {
            Some(m) => n = m,
            None => bail!("tensor of shape {} has too many elements", shape_str(shape)),
        }
    }
    // A zero dimension makes the product zero even when other dims are huge.
    if n > max {
        bail!(
            "tensor of shape {} has {n} elements, more than the limit of {max}",
            shape_str(shape)
        );
    }
    Ok(n)
}

/// Row-major strides (in elements) of `shape`.
pub fn strides(shape: &[usize]) -> Vec<usize> {
    let mut s = vec![1usize; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        s[i] = s[i + 1].saturating_mul(shape[i + 1]);
    }
    s
}

/// `2x3x4` (or `scalar` for rank 0).
pub fn shape_str(shape: &[usize]) -> String {
    if shape.is_empty() {
        return "scalar".into();
    }
    shape
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("x")
}

/// A runtime value: dtype, shape and row-major elements.
#[derive(Clone, PartialEq, Debug)]
pub struct Tensor {
    dtype: DType,
    shape: Vec<usize>,
    data: Data,
}

impl Tensor {
    /// A tensor from its parts. The storage must hold `dtype` (`I64` storage for `Index`)
    /// and exactly as many elements as the shape has.
    pub fn new(dtype: DType, shape: Vec<usize>, data: Data) -> Result<Tensor> {
        ensure!(
            data.storage_dtype() == storage_of(dtype),
            "storage of {} elements cannot hold dtype {dtype}",
            data.storage_dtype()
        );
        let n = checked_numel(&shape, usize::MAX)?;
        ensure!(
            n == data.len(),
            "shape {} needs {n} elements but {} were given",
            shape_str(&shape),
            data.len()
        );
        Ok(Tensor { dtype, shape, data })
    }
    /// A tensor of the element type of `values`.
    pub fn from_vec<T: Element>(shape: Vec<usize>, values: Vec<T>) -> Result<Tensor> {
        Tensor::new(T::DTYPE, shape, T::wrap(values))
    }
    /// A rank-0 tensor.
    pub fn scalar<T: Element>(value: T) -> Tensor {
        Tensor {
            dtype: T::DTYPE,
            shape: Vec::new(),
            data: T::wrap(vec![value]),
        }
    }
    /// A rank-0 `index` tensor.
    pub fn index_scalar(value: i64) -> Tensor {
        Tensor {
            dtype: DType::Index,
            shape: Vec::new(),
            data: Data::I64(vec![value]),
        }
    }
    /// A tensor of zeros (false for bool), at most `max_elements` elements.
    pub fn zeros(dtype: DType, shape: Vec<usize>, max_elements: usize) -> Result<Tensor> {
        let n = checked_numel(&shape, max_elements)?;
        Ok(Tensor {
            dtype,
            shape,
            data: Data::zeros(dtype, n),
        })
    }
    /// A tensor of `dtype` from `f64` values, each converted with [`Element::from_f64`]
    /// (floats round to nearest even).
    pub fn from_f64s(dtype: DType, shape: Vec<usize>, values: &[f64]) -> Result<Tensor> {
        Tensor::new(dtype, shape, Data::from_f64s(dtype, values))
    }

    /// The element type.
    pub fn dtype(&self) -> DType {
        self.dtype
    }
    /// The shape.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }
    /// The rank.
    pub fn rank(&self) -> usize {
        self.shape.len()
    }
    /// The number of elements.
    pub fn len(&self) -> usize {
        self.data.len()
    }
    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    /// The storage.
    pub fn data(&self) -> &Data {
        &self.data
    }
    /// The storage, by value.
    pub fn into_data(self) -> Data {
        self.data
    }
    /// Dtype, shape and storage, by value.
    pub fn into_parts(self) -> (DType, Vec<usize>, Data) {
        (self.dtype, self.shape, self.data)
    }
    /// The elements, when stored as `T`.
    pub fn as_slice<T: Element>(&self) -> Option<&[T]> {
        T::slice(&self.data)
    }
    /// The elements mutably, when stored as `T`.
    pub fn as_mut_slice<T: Element>(&mut self) -> Option<&mut [T]> {
        T::slice_mut(&mut self.data)
    }
    /// Every element as `f64` (see [`Element::to_f64`]; the small floats are decoded from
    /// their bit patterns, exactly).
    pub fn to_f64_vec(&self) -> Vec<f64> {
        if let (Some(k), Data::U8(v)) = (self.dtype.small_float(), &self.data) {
            return v
                .iter()
                .map(|&b| strata_ir::minifloat::decode(k, b as u64))
                .collect();
        }
        with_data!(&self.data, v => v.iter().map(|x| x.to_f64()).collect())
    }
    /// Every element of an integer or bool tensor as `i64`; an error for floats and for
    /// `u64` values above `i64::MAX`.
    pub fn to_i64_vec(&self) -> Result<Vec<i64>> {
        ensure!(
            !self.dtype.is_float(),
            "expected an integer tensor, got {}",
            self.dtype
        );
        Ok(match &self.data {
            Data::I8(v) => v.iter().map(|&x| x as i64).collect(),
            Data::I16(v) => v.iter().map(|&x| x as i64).collect(),
            Data::I32(v) => v.iter().map(|&x| x as i64).collect(),
            Data::I64(v) => v.clone(),
            Data::U8(v) => v.iter().map(|&x| x as i64).collect(),
            Data::U16(v) => v.iter().map(|&x| x as i64).collect(),
            Data::U32(v) => v.iter().map(|&x| x as i64).collect(),
            Data::U64(v) => v
                .iter()
                .map(|&x| i64::try_from(x).map_err(|_| format!("value {x} does not fit i64")))
                .collect::<std::result::Result<_, _>>()?,
            Data::Bool(v) => v.iter().map(|&x| x as i64).collect(),
            _ => bail!("expected an integer tensor, got {}", self.dtype),
        })
    }
    /// The single element of a one-element tensor as `f64`.
    pub fn scalar_f64(&self) -> Result<f64> {
        ensure!(
            self.len() == 1,
            "expected a single element, got shape {}",
            shape_str(&self.shape)
        );
        Ok(self.element_f64(0))
    }
    /// Element `i` (in bounds) as `f64`, decoding small floats.
    fn element_f64(&self, i: usize) -> f64 {
        if let (Some(k), Data::U8(v)) = (self.dtype.small_float(), &self.data) {
            return strata_ir::minifloat::decode(k, v[i] as u64);
        }
        with_data!(&self.data, v => v[i].to_f64())
    }
    /// Relabel the dtype between `I64` and `Index` (same storage); other changes are errors.
    pub fn relabel(mut self, dtype: DType) -> Result<Tensor> {
        ensure!(
            storage_of(dtype) == storage_of(self.dtype),
            "cannot relabel {} as {dtype}",
            self.dtype
        );
        self.dtype = dtype;
        Ok(self)
    }
    /// The same elements with another shape of the same element count.
    pub fn reshape(mut self, shape: Vec<usize>) -> Result<Tensor> {
        let n = checked_numel(&shape, usize::MAX)?;
        ensure!(
            n == self.len(),
            "cannot reshape {} elements to {}",
            self.len(),
            shape_str(&shape)
        );
        self.shape = shape;
        Ok(self)
    }
    /// `tensor<2x3xf32>`-style description of dtype and shape.
    pub fn type_str(&self) -> String {
        if self.shape.is_empty() {
            format!("{}", self.dtype)
        } else {
            format!("tensor<{}x{}>", shape_str(&self.shape), self.dtype)
        }
    }
    /// Element `i` formatted for display (`1.5`, `-3`, `true`, `nan`).
    pub fn element_string(&self, i: usize) -> String {
        if self.dtype.small_float().is_some() {
            return if i < self.len() {
                format!("{:?}", self.element_f64(i))
            } else {
                String::new()
            };
        }
        with_data!(&self.data, v => v.get(i).map_or_else(String::new, |x| format!("{x:?}")))
    }
}

impl std::fmt::Display for Tensor {
    /// `tensor<2x2xf32> [1.0, 2.0, 3.0, 4.0]` (at most 16 elements, then `...`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} [", self.type_str())?;
        let n = self.len();
        for i in 0..n.min(16) {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(&self.element_string(i))?;
        }
        if n > 16 {
            f.write_str(", ...")?;
        }
        f.write_str("]")
    }
}

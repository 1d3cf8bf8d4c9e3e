//! Decoding and encoding the dense constants graph folders work on.
//!
//! A [`Dense`] holds the values of a `dense<...>` or `dense_resource<...>` attribute of a
//! statically shaped tensor: integers (up to 64 bits) as `i128` — sign-extended for `iN`/`siN`,
//! zero-extended for `uiN` and `i1` — and floats widened exactly to `f64`. Encoding rounds
//! floats to the element type (round to nearest even), truncates integers to their width,
//! and stores all-equal values as a splat, as MLIR does.

use crate::util::{elem_class, ranked, ElemClass};
use strata_ir::numeric::{bits_to_f64, f64_to_bits, normalize_bits};
use strata_ir::{AttrKind, Attribute, Context, FloatKind, Signedness, Type, TypeKind};

/// The most elements a folder materialises in a non-splat result (folding larger constants
/// would bloat the IR; splats of any size fold).
pub const FOLD_LIMIT: usize = 4096;

/// Element values: one per element, or one for a splat.
#[derive(Clone, PartialEq, Debug)]
pub enum Values {
    /// Integer (and `i1`) elements.
    Int(Vec<i128>),
    /// Float elements.
    Float(Vec<f64>),
}

impl Values {
    /// Number of stored values.
    pub fn len(&self) -> usize {
        match self {
            Values::Int(v) => v.len(),
            Values::Float(v) => v.len(),
        }
    }
    /// Whether no value is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A decoded dense constant of a statically shaped tensor type.
#[derive(Clone, PartialEq, Debug)]
pub struct Dense {
    /// The tensor type.
    pub ty: Type,
    /// Its (static) shape.
    pub shape: Vec<i64>,
    /// Its element type.
    pub elem: Type,
    /// The element class.
    pub class: ElemClass,
    /// The values (a single one for a splat).
    pub values: Values,
}

/// How an element type is stored: `(bytes per element, float kind or integer width and
/// signedness)`.
#[derive(Clone, Copy)]
enum Storage {
    Int(u32, Signedness),
    Float(FloatKind),
}

fn storage(ctx: &Context, elem: Type) -> Option<Storage> {
    match ctx.type_kind(elem) {
        TypeKind::Integer { width, signedness } if *width <= 64 => {
            Some(Storage::Int(*width, *signedness))
        }
        TypeKind::Float(k) => Some(Storage::Float(*k)),
        _ => None,
    }
}

impl Storage {
    fn bytes(self) -> usize {
        match self {
            Storage::Int(w, _) => w.div_ceil(8) as usize,
            Storage::Float(k) => k.storage_bytes(),
        }
    }
}

fn read_raw(chunk: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    buf[..chunk.len()].copy_from_slice(chunk);
    u64::from_le_bytes(buf)
}

fn decode(data: &[u8], count: usize, st: Storage) -> Option<Values> {
    let b = st.bytes();
    if data.len() != count.checked_mul(b)? {
        return None;
    }
    Some(match st {
        Storage::Int(w, s) => Values::Int(
            data.chunks_exact(b)
                .map(|c| normalize_bits(read_raw(c) as i128, w, s))
                .collect(),
        ),
        Storage::Float(k) => Values::Float(
            data.chunks_exact(b)
                .map(|c| bits_to_f64(read_raw(c), k))
                .collect(),
        ),
    })
}

impl Dense {
    /// Decode a dense elements or dense resource attribute of a statically shaped tensor
    /// with a graph element type of at most 64 bits (`None` otherwise, or when a resource
    /// blob's size does not match its type).
    pub fn from_attr(ctx: &Context, attr: Attribute) -> Option<Dense> {
        let (ty, splat, data): (Type, bool, std::borrow::Cow<'_, [u8]>) = match ctx.attr_kind(attr)
        {
            AttrKind::DenseElements { ty, splat, data } => (*ty, *splat, data[..].into()),
            AttrKind::DenseResource { ty, name } => {
                (*ty, false, ctx.resource_data(*name)?.to_vec().into())
            }
            _ => return None,
        };
        let (shape, elem) = ranked(ctx, ty)?;
        let class = elem_class(ctx, elem)?;
        let st = storage(ctx, elem)?;
        let n = usize::try_from(crate::shape::num_elements(shape)?).ok()?;
        let values = decode(&data, if splat { 1 } else { n }, st)?;
        Some(Dense {
            ty,
            shape: shape.to_vec(),
            elem,
            class,
            values,
        })
    }
    /// Whether one value stands for all elements.
    pub fn is_splat(&self) -> bool {
        self.values.len() == 1
    }
    /// The number of elements of the tensor type.
    pub fn num_elements(&self) -> usize {
        crate::shape::num_elements(&self.shape)
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0)
    }
    /// Integer element `i` (splats repeat their value).
    pub fn int(&self, i: usize) -> Option<i128> {
        match &self.values {
            Values::Int(v) => v.get(if v.len() == 1 { 0 } else { i }).copied(),
            Values::Float(_) => None,
        }
    }
    /// Float element `i` (splats repeat their value).
    pub fn float(&self, i: usize) -> Option<f64> {
        match &self.values {
            Values::Float(v) => v.get(if v.len() == 1 { 0 } else { i }).copied(),
            Values::Int(_) => None,
        }
    }
    /// Whether the constant is a splat of integer `v` or float `v`.
    pub fn is_splat_of(&self, v: f64) -> bool {
        self.is_splat()
            && match &self.values {
                Values::Int(x) => x[0] as f64 == v,
                Values::Float(x) => x[0] == v && x[0].is_sign_negative() == v.is_sign_negative(),
            }
    }
    /// The same values under another type with the same element type and element count
    /// (reshapes); `None` otherwise.
    pub fn retyped(&self, ctx: &Context, ty: Type) -> Option<Dense> {
        let (shape, elem) = ranked(ctx, ty)?;
        if elem != self.elem
            || crate::shape::num_elements(shape)? != crate::shape::num_elements(&self.shape)?
        {
            return None;
        }
        Some(Dense {
            ty,
            shape: shape.to_vec(),
            ..self.clone()
        })
    }
    /// Encode as an attribute (see [`dense_attr`]).
    pub fn to_attr(&self, ctx: &Context) -> Option<Attribute> {
        dense_attr(ctx, self.ty, &self.values)
    }
}

/// Encode `values` (one per element of the statically shaped tensor type `ty`, or a single
/// splat value) as a `dense<...>` attribute; all-equal values become a splat. `None` when
/// the count does not match or the element type cannot be stored.
pub fn dense_attr(ctx: &Context, ty: Type, values: &Values) -> Option<Attribute> {
    let (shape, elem) = ranked(ctx, ty)?;
    let n = usize::try_from(crate::shape::num_elements(shape)?).ok()?;
    let st = storage(ctx, elem)?;
    if values.len() != 1 && values.len() != n {
        return None;
    }
    let b = st.bytes();
    let mut data = Vec::with_capacity(values.len() * b);
    match (values, st) {
        (Values::Int(v), Storage::Int(w, s)) => {
            for &x in v {
                let bits = normalize_bits(x, w, s) as u64;
                data.extend_from_slice(&bits.to_le_bytes()[..b]);
            }
        }
        (Values::Float(v), Storage::Float(k)) => {
            for &x in v {
                data.extend_from_slice(&f64_to_bits(x, k).to_le_bytes()[..b]);
            }
        }
        _ => return None,
    }
    let splat = n == 0 || data.chunks_exact(b).all(|c| c == &data[..b]);
    if splat {
        data.truncate(b);
        if data.is_empty() {
            // A zero-element tensor stores one (zero) element as a splat.
            data = vec![0; b];
        }
    }
    Some(ctx.attr(AttrKind::DenseElements {
        ty,
        splat,
        data: data.into(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_splat_detection() {
        let ctx = Context::new();
        let t = ctx.tensor_type(&[2, 2], ctx.f32());
        let a = dense_attr(&ctx, t, &Values::Float(vec![1.0, 2.5, -0.0, 3.0])).unwrap();
        let d = Dense::from_attr(&ctx, a).unwrap();
        assert_eq!(d.float(1), Some(2.5));
        assert!(d.float(2).unwrap().is_sign_negative());
        assert!(!d.is_splat());
        let s = dense_attr(&ctx, t, &Values::Float(vec![7.0; 4])).unwrap();
        assert!(matches!(
            ctx.attr_kind(s),
            AttrKind::DenseElements { splat: true, .. }
        ));
        assert!(Dense::from_attr(&ctx, s).unwrap().is_splat_of(7.0));

        let ti = ctx.tensor_type(&[3], ctx.int_type(8));
        let a = dense_attr(&ctx, ti, &Values::Int(vec![-1, 200, 3])).unwrap();
        let d = Dense::from_attr(&ctx, a).unwrap();
        assert_eq!(d.int(0), Some(-1));
        assert_eq!(d.int(1), Some(-56));
        let tb = ctx.tensor_type(&[2], ctx.i1());
        let a = dense_attr(&ctx, tb, &Values::Int(vec![1, 0])).unwrap();
        assert_eq!(Dense::from_attr(&ctx, a).unwrap().int(0), Some(1));
        // Wrong count, wrong kind.
        assert!(dense_attr(&ctx, ti, &Values::Int(vec![1, 2])).is_none());
        assert!(dense_attr(&ctx, ti, &Values::Float(vec![1.0])).is_none());
        // Dynamic shapes cannot be constants.
        let td = ctx.tensor_type(&[crate::shape::DYN], ctx.f32());
        assert!(dense_attr(&ctx, td, &Values::Float(vec![1.0])).is_none());
    }
}

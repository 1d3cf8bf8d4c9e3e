//! Helpers shared by op implementations: raw bit patterns of elements, elementwise maps over
//! same-shape operands, and operand count checks.

use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::tensor::{Data, Tensor};
use half::{bf16, f16};

/// Check the operand count.
pub(crate) fn arity(ins: &[&Tensor], n: usize) -> Result<()> {
    ensure!(
        ins.len() == n,
        "expected {n} operand{}, got {}",
        if n == 1 { "" } else { "s" },
        ins.len()
    );
    Ok(())
}

/// Check that operands have the same dtype and shape.
pub(crate) fn same_type(a: &Tensor, b: &Tensor) -> Result<()> {
    ensure!(
        a.dtype() == b.dtype() && a.shape() == b.shape(),
        "operands differ: {} and {}",
        a.type_str(),
        b.type_str()
    );
    Ok(())
}

/// The raw bit pattern of every element, zero-extended to 64 bits (floats: their IEEE
/// encoding; bool: 0 or 1).
pub(crate) fn raw_bits(t: &Tensor) -> Vec<u64> {
    let mut bits: Vec<u64> = match t.data() {
        Data::F16(v) => v.iter().map(|x| x.to_bits() as u64).collect(),
        Data::BF16(v) => v.iter().map(|x| x.to_bits() as u64).collect(),
        Data::F32(v) => v.iter().map(|x| x.to_bits() as u64).collect(),
        Data::F64(v) => v.iter().map(|x| x.to_bits()).collect(),
        Data::I8(v) => v.iter().map(|&x| x as u8 as u64).collect(),
        Data::I16(v) => v.iter().map(|&x| x as u16 as u64).collect(),
        Data::I32(v) => v.iter().map(|&x| x as u32 as u64).collect(),
        Data::I64(v) => v.iter().map(|&x| x as u64).collect(),
        Data::U8(v) => v.iter().map(|&x| x as u64).collect(),
        Data::U16(v) => v.iter().map(|&x| x as u64).collect(),
        Data::U32(v) => v.iter().map(|&x| x as u64).collect(),
        Data::U64(v) => v.clone(),
        Data::Bool(v) => v.iter().map(|&x| x as u64).collect(),
    };
    // Small dtypes keep only their own bits (an `i4` -1 is 0xF).
    if t.dtype().is_small() {
        let mask = (1u64 << t.dtype().bits()) - 1;
        bits.iter_mut().for_each(|b| *b &= mask);
    }
    bits
}

/// A tensor of `dtype` from raw bit patterns (truncated to the dtype's width).
pub(crate) fn from_raw_bits(dtype: DType, shape: Vec<usize>, bits: &[u64]) -> Result<Tensor> {
    if dtype.is_small() {
        return Tensor::new(dtype, shape, crate::small::from_bits(dtype, bits));
    }
    let data = match dtype {
        DType::F16 => Data::F16(bits.iter().map(|&b| f16::from_bits(b as u16)).collect()),
        DType::BF16 => Data::BF16(bits.iter().map(|&b| bf16::from_bits(b as u16)).collect()),
        DType::F32 => Data::F32(bits.iter().map(|&b| f32::from_bits(b as u32)).collect()),
        DType::F64 => Data::F64(bits.iter().map(|&b| f64::from_bits(b)).collect()),
        DType::I8 => Data::I8(bits.iter().map(|&b| b as i8).collect()),
        DType::I16 => Data::I16(bits.iter().map(|&b| b as i16).collect()),
        DType::I32 => Data::I32(bits.iter().map(|&b| b as i32).collect()),
        DType::I64 | DType::Index => Data::I64(bits.iter().map(|&b| b as i64).collect()),
        DType::U8 => Data::U8(bits.iter().map(|&b| b as u8).collect()),
        DType::U16 => Data::U16(bits.iter().map(|&b| b as u16).collect()),
        DType::U32 => Data::U32(bits.iter().map(|&b| b as u32).collect()),
        DType::U64 => Data::U64(bits.to_vec()),
        DType::Bool => Data::Bool(bits.iter().map(|&b| b & 1 != 0).collect()),
        _ => unreachable!("small dtypes are handled above"),
    };
    Tensor::new(dtype, shape, data)
}

/// The bit patterns of an integer (or bool/index) tensor and its width.
pub(crate) fn int_bits(t: &Tensor) -> Result<(Vec<u64>, u32)> {
    ensure!(
        t.dtype().is_int(),
        "expected an integer operand, got {}",
        t.type_str()
    );
    Ok((raw_bits(t), t.dtype().bits()))
}

/// Apply `f(width, a, b)` to the bit patterns of two same-type integer tensors; the result
/// has the operands' dtype. `f` returns the result pattern (truncated afterwards) or the
/// reason the element has no defined value.
pub(crate) fn int_binary(
    a: &Tensor,
    b: &Tensor,
    f: impl Fn(u32, u64, u64) -> std::result::Result<u64, &'static str>,
) -> Result<Tensor> {
    same_type(a, b)?;
    let (x, w) = int_bits(a)?;
    let (y, _) = int_bits(b)?;
    let mut out = Vec::with_capacity(x.len());
    for (i, (&p, &q)) in x.iter().zip(&y).enumerate() {
        match f(w, p, q) {
            Ok(r) => out.push(r),
            Err(why) => bail!(
                "{why} (element {i}: {} and {})",
                a.element_string(i),
                b.element_string(i)
            ),
        }
    }
    from_raw_bits(a.dtype(), a.shape().to_vec(), &out)
}

/// Apply `f` to every element of a float tensor, computing in `f64` and rounding once to the
/// tensor's dtype.
pub(crate) fn float_unary(a: &Tensor, f: impl Fn(f64) -> f64) -> Result<Tensor> {
    ensure!(
        a.dtype().is_float(),
        "expected a float operand, got {}",
        a.type_str()
    );
    let v: Vec<f64> = a.to_f64_vec().into_iter().map(f).collect();
    Tensor::from_f64s(a.dtype(), a.shape().to_vec(), &v)
}

/// Apply `f` to the elements of two same-type float tensors, computing in `f64` and rounding
/// once. For `+ - * /`, `sqrt` and `fma`-free operations this equals the operation done in
/// the narrower format (the f64 intermediate has more than twice the precision).
pub(crate) fn float_binary(a: &Tensor, b: &Tensor, f: impl Fn(f64, f64) -> f64) -> Result<Tensor> {
    same_type(a, b)?;
    ensure!(
        a.dtype().is_float(),
        "expected float operands, got {}",
        a.type_str()
    );
    let (x, y) = (a.to_f64_vec(), b.to_f64_vec());
    let v: Vec<f64> = x.iter().zip(&y).map(|(&p, &q)| f(p, q)).collect();
    Tensor::from_f64s(a.dtype(), a.shape().to_vec(), &v)
}

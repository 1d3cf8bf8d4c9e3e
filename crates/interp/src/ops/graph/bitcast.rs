//! `graph.bitcast`: each element's bit pattern read as the result element type (same
//! width; `bool` is one byte: `true` is 1, a nonzero byte reads as `true`).

use super::{operands, Cx};
use crate::dtype::DType;
use crate::error::{ensure, Result};
use crate::ops::util::{from_raw_bits, raw_bits};
use crate::ops::{Sem, Table};
use crate::tensor::{Data, Tensor};

pub(crate) fn register(t: &mut Table) {
    t.insert("graph.bitcast", Sem::Compute(bitcast));
}

/// The width `graph.bitcast` gives a dtype (bool: 8 bits).
fn width(d: DType) -> u32 {
    if d == DType::Bool {
        8
    } else {
        d.bits()
    }
}

fn bitcast(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let to = cx.result_dtype(0)?;
    ensure!(
        width(x.dtype()) == width(to),
        "cannot bitcast {} to {to}: widths differ",
        x.dtype()
    );
    let bits = raw_bits(x);
    let shape = x.shape().to_vec();
    if to == DType::Bool {
        let data = Data::Bool(bits.iter().map(|&b| b != 0).collect());
        return Ok(vec![Tensor::new(to, shape, data)?]);
    }
    Ok(vec![from_raw_bits(to, shape, &bits)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cast(x: &Tensor, to: DType) -> Tensor {
        let bits = raw_bits(x);
        if to == DType::Bool {
            let d = Data::Bool(bits.iter().map(|&b| b != 0).collect());
            return Tensor::new(to, x.shape().to_vec(), d).unwrap();
        }
        from_raw_bits(to, x.shape().to_vec(), &bits).unwrap()
    }

    #[test]
    fn reinterprets_bits() {
        let f = Tensor::from_vec(vec![3], vec![1.0f32, -2.0, f32::NAN]).unwrap();
        let i = cast(&f, DType::I32);
        assert_eq!(
            i.as_slice::<i32>().unwrap(),
            &[
                0x3F80_0000,
                0xC000_0000u32 as i32,
                f32::NAN.to_bits() as i32
            ]
        );
        let back = cast(&i, DType::F32);
        assert_eq!(back.as_slice::<f32>().unwrap()[..2], [1.0, -2.0]);
        assert!(back.as_slice::<f32>().unwrap()[2].is_nan());
        let b = Tensor::from_vec(vec![3], vec![0u8, 1, 2]).unwrap();
        assert_eq!(
            cast(&b, DType::Bool).as_slice::<bool>().unwrap(),
            &[false, true, true]
        );
        // Small types: an i4 -1 is the pattern 0xF, which is -6 in f4E2M1FN.
        let q = Tensor::from_vec(vec![2], vec![-1i8, 3])
            .unwrap()
            .cast(DType::I4)
            .unwrap();
        let f4 = cast(&q, DType::F4E2M1);
        assert_eq!(f4.to_f64_vec(), [-6.0, 1.5]);
        let u8s = cast(
            &cast(&Tensor::from_vec(vec![1], vec![-1i8]).unwrap(), DType::U8),
            DType::F8E4M3FN,
        );
        assert!(u8s.to_f64_vec()[0].is_nan());
    }
}

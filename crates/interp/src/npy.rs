//! NumPy `.npy` files: [`Tensor::read_npy`] and [`Tensor::write_npy`].
//!
//! Versions 1.0, 2.0 and 3.0 are read; the header is parsed as the small Python literal it
//! is (`{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`) and validated: exactly
//! those three keys, a supported dtype (`b1`, `i1`..`i8`, `u1`..`u8`, `f2`, `f4`, `f8`, any
//! byte order), a shape of at most [`MAX_RANK`] dimensions whose element count neither
//! overflows nor exceeds the limit, and exactly as many data bytes as the shape needs.
//! Headers longer than [`MAX_HEADER_LEN`] are rejected (as NumPy does by default) so that a
//! malformed file never causes a large allocation. Fortran-order arrays are transposed to
//! row-major on reading. Files are written as version 1.0 (2.0 when the header needs it),
//! little-endian, row-major; `bf16` has no NumPy dtype and cannot be written.

use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::ir::{decode_le, encode_le};
use crate::tensor::{checked_numel, strides, Data, Tensor, DEFAULT_MAX_ELEMENTS};

/// The largest header accepted, in bytes.
pub const MAX_HEADER_LEN: usize = 100_000;
/// The largest rank accepted.
pub const MAX_RANK: usize = 64;

const MAGIC: &[u8] = b"\x93NUMPY";

#[derive(Debug, PartialEq)]
enum Lit {
    Str(String),
    Bool(bool),
    Int(u64),
    Tuple(Vec<Lit>),
    Dict(Vec<(String, Lit)>),
}

struct LitParser<'a> {
    s: &'a [u8],
    pos: usize,
    depth: usize,
}

impl LitParser<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.s.get(self.pos).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, c: u8) -> Result<()> {
        ensure!(
            self.eat(c),
            "malformed .npy header: expected '{}' at byte {}",
            c as char,
            self.pos
        );
        Ok(())
    }
    fn value(&mut self) -> Result<Lit> {
        self.depth += 1;
        ensure!(self.depth <= 8, "malformed .npy header: nested too deeply");
        let v = match self.peek() {
            Some(b'{') => {
                self.pos += 1;
                let mut entries = Vec::new();
                while !self.eat(b'}') {
                    let Lit::Str(k) = self.value()? else {
                        bail!("malformed .npy header: dictionary keys must be strings");
                    };
                    self.expect(b':')?;
                    let v = self.value()?;
                    entries.push((k, v));
                    if !self.eat(b',') {
                        self.expect(b'}')?;
                        break;
                    }
                }
                Lit::Dict(entries)
            }
            Some(b'(') => {
                self.pos += 1;
                let mut items = Vec::new();
                while !self.eat(b')') {
                    items.push(self.value()?);
                    ensure!(
                        items.len() <= MAX_RANK,
                        "malformed .npy header: more than {MAX_RANK} dimensions"
                    );
                    if !self.eat(b',') {
                        self.expect(b')')?;
                        break;
                    }
                }
                Lit::Tuple(items)
            }
            Some(q @ (b'\'' | b'"')) => {
                self.pos += 1;
                let start = self.pos;
                while self.pos < self.s.len() && self.s[self.pos] != q {
                    ensure!(
                        self.s[self.pos] != b'\\',
                        "malformed .npy header: escapes in strings are not supported"
                    );
                    self.pos += 1;
                }
                ensure!(
                    self.pos < self.s.len(),
                    "malformed .npy header: unterminated string"
                );
                let text = std::str::from_utf8(&self.s[start..self.pos])
                    .map_err(|_| "malformed .npy header: invalid UTF-8")?
                    .to_string();
                self.pos += 1;
                Lit::Str(text)
            }
            Some(c) if c.is_ascii_digit() => {
                let mut v: u64 = 0;
                while let Some(&d) = self.s.get(self.pos).filter(|d| d.is_ascii_digit()) {
                    v = v
                        .checked_mul(10)
                        .and_then(|v| v.checked_add((d - b'0') as u64))
                        .ok_or("malformed .npy header: dimension too large")?;
                    self.pos += 1;
                }
                // Python 2 headers may carry long suffixes: `(3L, 4L)`.
                if self.s.get(self.pos) == Some(&b'L') {
                    self.pos += 1;
                }
                Lit::Int(v)
            }
            Some(_) if self.s[self.pos..].starts_with(b"True") => {
                self.pos += 4;
                Lit::Bool(true)
            }
            Some(_) if self.s[self.pos..].starts_with(b"False") => {
                self.pos += 5;
                Lit::Bool(false)
            }
            _ => bail!(
                "malformed .npy header: unexpected input at byte {}",
                self.pos
            ),
        };
        self.depth -= 1;
        Ok(v)
    }
}

/// The dtype and byte order of a `descr` string.
fn parse_descr(descr: &str) -> Result<(DType, bool)> {
    let b = descr.as_bytes();
    ensure!(b.len() >= 2, "unsupported .npy dtype '{descr}'");
    let (order, rest) = match b[0] {
        b'<' | b'>' | b'|' | b'=' => (b[0], &descr[1..]),
        _ => (b'=', descr),
    };
    let dtype = match rest {
        "b1" | "?" => DType::Bool,
        "i1" => DType::I8,
        "i2" => DType::I16,
        "i4" => DType::I32,
        "i8" => DType::I64,
        "u1" => DType::U8,
        "u2" => DType::U16,
        "u4" => DType::U32,
        "u8" => DType::U64,
        "f2" => DType::F16,
        "f4" => DType::F32,
        "f8" => DType::F64,
        _ => bail!("unsupported .npy dtype '{descr}'"),
    };
    let big = match order {
        b'>' => true,
        b'<' | b'|' => false,
        _ => cfg!(target_endian = "big"),
    };
    Ok((dtype, big && dtype.byte_size() > 1))
}

/// The NumPy `descr` of a dtype (little-endian).
fn descr_of(dtype: DType) -> Result<&'static str> {
    Ok(match dtype {
        DType::Bool => "|b1",
        DType::I8 => "|i1",
        DType::I16 => "<i2",
        DType::I32 => "<i4",
        DType::I64 | DType::Index => "<i8",
        DType::U8 => "|u1",
        DType::U16 => "<u2",
        DType::U32 => "<u4",
        DType::U64 => "<u8",
        DType::F16 => "<f2",
        DType::F32 => "<f4",
        DType::F64 => "<f8",
        DType::BF16 => bail!("bf16 has no .npy dtype"),
        d => bail!("{d} has no .npy dtype (NumPy has no 8-, 4- or 2-bit element types)"),
    })
}

impl Tensor {
    /// Read a `.npy` file with the default element limit ([`DEFAULT_MAX_ELEMENTS`]).
    pub fn read_npy(bytes: &[u8]) -> Result<Tensor> {
        Tensor::read_npy_limited(bytes, DEFAULT_MAX_ELEMENTS)
    }

    /// Read a `.npy` file holding at most `max_elements` elements. Malformed input gives an
    /// error, never a panic or an allocation larger than the input.
    pub fn read_npy_limited(bytes: &[u8], max_elements: usize) -> Result<Tensor> {
        ensure!(
            bytes.len() >= 10 && bytes.starts_with(MAGIC),
            "not a .npy file (bad magic)"
        );
        let major = bytes[6];
        let (header_len, start) = match major {
            1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
            2 | 3 => {
                ensure!(bytes.len() >= 12, "truncated .npy header");
                (
                    u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
                    12,
                )
            }
            v => bail!("unsupported .npy version {v}.{}", bytes[7]),
        };
        ensure!(
            header_len <= MAX_HEADER_LEN,
            ".npy header of {header_len} bytes exceeds the limit of {MAX_HEADER_LEN}"
        );
        let end = start + header_len;
        ensure!(bytes.len() >= end, "truncated .npy header");
        let header = &bytes[start..end];
        if major < 3 {
            ensure!(header.is_ascii(), "malformed .npy header: not ASCII");
        }
        let mut p = LitParser {
            s: header,
            pos: 0,
            depth: 0,
        };
        let Lit::Dict(entries) = p.value()? else {
            bail!("malformed .npy header: not a dictionary");
        };
        p.skip_ws();
        ensure!(
            p.pos == header.len(),
            "malformed .npy header: trailing characters"
        );
        let (mut descr, mut fortran, mut shape) = (None, None, None);
        for (k, v) in entries {
            match (k.as_str(), v) {
                ("descr", Lit::Str(s)) if descr.is_none() => descr = Some(s),
                ("fortran_order", Lit::Bool(b)) if fortran.is_none() => fortran = Some(b),
                ("shape", Lit::Tuple(items)) if shape.is_none() => {
                    let mut dims = Vec::with_capacity(items.len());
                    for it in items {
                        let Lit::Int(d) = it else {
                            bail!("malformed .npy header: shape must hold integers");
                        };
                        dims.push(
                            usize::try_from(d)
                                .map_err(|_| "malformed .npy header: dimension too large")?,
                        );
                    }
                    shape = Some(dims);
                }
                (k, _) => bail!("malformed .npy header: unexpected or repeated key '{k}'"),
            }
        }
        let (Some(descr), Some(fortran), Some(shape)) = (descr, fortran, shape) else {
            bail!("malformed .npy header: needs 'descr', 'fortran_order' and 'shape'");
        };
        let (dtype, big_endian) = parse_descr(&descr)?;
        let n = checked_numel(&shape, max_elements)?;
        let payload = &bytes[end..];
        let need = n.checked_mul(dtype.byte_size()).ok_or("tensor too large")?;
        ensure!(
            payload.len() == need,
            ".npy data holds {} bytes, but shape {:?} of {dtype} needs {need}",
            payload.len(),
            shape
        );
        let data = if big_endian {
            let size = dtype.byte_size();
            let mut swapped = payload.to_vec();
            for c in swapped.chunks_exact_mut(size) {
                c.reverse();
            }
            decode_le(dtype, &swapped)?
        } else {
            decode_le(dtype, payload)?
        };
        if fortran && shape.len() > 1 {
            // Column-major: element (i0, .., ik) is at i0 + d0 * (i1 + d1 * (...)).
            let rev: Vec<usize> = shape.iter().rev().copied().collect();
            let src_strides = strides(&rev);
            let mut idx = vec![0usize; shape.len()];
            let mut order = Vec::with_capacity(n);
            for _ in 0..n {
                let off: usize = idx
                    .iter()
                    .enumerate()
                    .map(|(a, &i)| i * src_strides[shape.len() - 1 - a])
                    .sum();
                order.push(off);
                for a in (0..shape.len()).rev() {
                    idx[a] += 1;
                    if idx[a] < shape[a] {
                        break;
                    }
                    idx[a] = 0;
                }
            }
            return Tensor::new(dtype, shape, data.gather(&order));
        }
        Tensor::new(dtype, shape, data)
    }

    /// This tensor as a `.npy` file (little-endian, row-major). Errors for `bf16`.
    pub fn write_npy(&self) -> Result<Vec<u8>> {
        let descr = descr_of(self.dtype())?;
        let shape = match self.shape() {
            [] => "()".to_string(),
            [d] => format!("({d},)"),
            dims => format!(
                "({})",
                dims.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let mut header =
            format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
        let v1 = header.len() + 11 <= 65535;
        let prefix = if v1 { 10 } else { 12 };
        // Pad with spaces so that the data starts at a multiple of 64 bytes.
        let total = (prefix + header.len() + 1).div_ceil(64) * 64;
        while prefix + header.len() + 1 < total {
            header.push(' ');
        }
        header.push('\n');
        let mut out = Vec::with_capacity(total + self.len() * self.dtype().byte_size());
        out.extend_from_slice(MAGIC);
        if v1 {
            out.extend_from_slice(&[1, 0]);
            out.extend_from_slice(&(header.len() as u16).to_le_bytes());
        } else {
            out.extend_from_slice(&[2, 0]);
            out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        }
        out.extend_from_slice(header.as_bytes());
        let data: &Data = self.data();
        out.extend_from_slice(&encode_le(data));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_all_dtypes() {
        for dt in DType::ALL {
            let t = Tensor::from_f64s(dt, vec![2, 3], &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
            if dt == DType::BF16 || dt.is_small() {
                // No NumPy dtype: a clear error.
                let e = t.write_npy().unwrap_err().to_string();
                assert!(e.contains("no .npy dtype"), "{dt}: {e}");
                continue;
            }
            let bytes = t.write_npy().unwrap();
            assert_eq!((bytes.len() - t.len() * dt.byte_size()) % 64, 0);
            let back = Tensor::read_npy(&bytes).unwrap();
            let expect = if dt == DType::Index {
                t.relabel(DType::I64).unwrap()
            } else {
                t
            };
            assert_eq!(back, expect);
        }
        let s = Tensor::scalar(2.5f32);
        assert_eq!(Tensor::read_npy(&s.write_npy().unwrap()).unwrap(), s);
        assert!(Tensor::from_vec(vec![1], vec![half::bf16::ONE])
            .unwrap()
            .write_npy()
            .is_err());
    }

    fn file(header: &str, data: &[u8]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&[1, 0]);
        out.extend_from_slice(&(header.len() as u16).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(data);
        out
    }

    #[test]
    fn fortran_order_and_big_endian() {
        let data: Vec<u8> = [1i16, 2, 3, 4, 5, 6]
            .iter()
            .flat_map(|x| x.to_be_bytes())
            .collect();
        let f = file(
            "{'descr': '>i2', 'fortran_order': True, 'shape': (2, 3), }\n",
            &data,
        );
        let t = Tensor::read_npy(&f).unwrap();
        assert_eq!(t.shape(), &[2, 3]);
        // Column-major [[1, 3, 5], [2, 4, 6]].
        assert_eq!(t.as_slice::<i16>().unwrap(), &[1, 3, 5, 2, 4, 6]);
    }

    #[test]
    fn malformed_inputs_are_errors() {
        let ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n";
        let cases: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"\x93NUMPY".to_vec(),
            b"\x93NUMPX\x01\x00\x00\x00".to_vec(),
            b"\x93NUMPY\x09\x00\x00\x00".to_vec(),
            // Header length past the end.
            b"\x93NUMPY\x01\x00\xff\xff{".to_vec(),
            // Header length over the limit (version 2).
            b"\x93NUMPY\x02\x00\xff\xff\xff\xff".to_vec(),
            file(ok, &[0; 7]),
            file(ok, &[0; 9]),
            file("{'descr': '<f4', 'fortran_order': False}\n", &[]),
            file("{'descr': '<c8', 'fortran_order': False, 'shape': (), }", &[0; 8]),
            file(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999, 99999999999, 99999999999), }",
                &[],
            ),
            file(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (184467440737095516150,), }",
                &[],
            ),
            file(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000,), }",
                &[0; 16],
            ),
            file("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", &[]),
            file("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", &[0; 4]),
            file("{'descr': '<f4', 'descr': '<f4', 'shape': (1,), }", &[0; 4]),
            file("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", &[0; 4]),
            file("{'descr': '<f4', 'fortran_order': False, 'shape': (1,) } junk", &[0; 4]),
            file("{'descr': '<f4, 'fortran_order': False, 'shape': (1,) }", &[0; 4]),
            file("((((((((((((((((((((", &[]),
            file("{'descr': '<f4', 'fortran_order': False, 'shape': ('a',), }", &[]),
            file("{'descr': '\u{e9}', 'fortran_order': False, 'shape': (), }", &[]),
        ];
        for (i, c) in cases.iter().enumerate() {
            assert!(Tensor::read_npy(c).is_err(), "case {i} was accepted");
        }
        assert!(Tensor::read_npy(&file(ok, &[0; 8])).is_ok());
        // Zero-sized tensors with huge other dims are fine and allocate nothing.
        let z = file(
            "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 99999999999), }",
            &[],
        );
        assert_eq!(Tensor::read_npy(&z).unwrap().shape(), &[0, 99999999999]);
    }
}

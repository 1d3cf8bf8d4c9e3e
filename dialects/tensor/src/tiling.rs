//! The tiling interface of structured ops: for a tile of the iteration space (offsets and
//! sizes per loop), the slice of every operand the tile reads and the slice of every result
//! it writes, as data ([`Slice`]). Tile-and-fuse and the lowering to loops are written
//! against it.
//!
//! An operand dimension indexed by `c0 + sum(c_i * d_i)` with every `c_i >= 0` (plain loop
//! indices, strided and dilated convolution windows) reads the contiguous range between the
//! index at the tile's lowest and highest corner; a dimension indexed any other way
//! (`mod`, `floordiv`, negative coefficients) or depending on a dynamic tile size is read
//! whole.

use crate::structured::{expr_range, StructuredOp};
use crate::util::DYN;

/// A strided rectangular slice of a tensor (MLIR's offsets, sizes and strides), [`DYN`] for
/// a size unknown before run time.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Slice {
    /// First index per dimension.
    pub offsets: Vec<i64>,
    /// Number of elements per dimension.
    pub sizes: Vec<i64>,
    /// Step per dimension.
    pub strides: Vec<i64>,
}

impl Slice {
    /// The whole of a tensor of `shape`.
    pub fn full(shape: &[i64]) -> Slice {
        Slice {
            offsets: vec![0; shape.len()],
            sizes: shape.to_vec(),
            strides: vec![1; shape.len()],
        }
    }
}

/// The tiling interface, implemented by every [`StructuredOp`].
pub trait TilingInterface {
    /// The size of each loop of the iteration space ([`DYN`] where dynamic).
    fn iteration_domain(&self) -> Result<Vec<i64>, String>;
    /// The slice of each operand (inputs, then inits) that the tile at `offsets` of `sizes`
    /// reads. Scalar inputs get an empty slice.
    fn tile_operand_slices(&self, offsets: &[i64], sizes: &[i64]) -> Result<Vec<Slice>, String>;
    /// The slice of each result the tile writes (the slices of the inits).
    fn tile_result_slices(&self, offsets: &[i64], sizes: &[i64]) -> Result<Vec<Slice>, String>;
}

impl<'a, T: StructuredOp<'a> + ?Sized> TilingInterface for T {
    fn iteration_domain(&self) -> Result<Vec<i64>, String> {
        self.loop_bounds()
    }

    fn tile_operand_slices(&self, offsets: &[i64], sizes: &[i64]) -> Result<Vec<Slice>, String> {
        let bounds = self.loop_bounds()?;
        check_tile(&bounds, offsets, sizes)?;
        let maps = self.indexing_maps()?;
        let shapes = self.operand_shapes();
        Ok(maps
            .iter()
            .zip(&shapes)
            .map(|(m, shape)| {
                let mut s = Slice {
                    offsets: Vec::with_capacity(shape.len()),
                    sizes: Vec::with_capacity(shape.len()),
                    strides: vec![1; shape.len()],
                };
                for (e, &dim) in m.results.iter().zip(shape) {
                    let (o, n) = match expr_range(e, offsets, sizes) {
                        Some((lo, hi)) => (lo, hi - lo + 1),
                        None => (0, dim),
                    };
                    s.offsets.push(o);
                    s.sizes.push(n);
                }
                s
            })
            .collect())
    }

    fn tile_result_slices(&self, offsets: &[i64], sizes: &[i64]) -> Result<Vec<Slice>, String> {
        let n_in = self.num_inputs();
        let mut all = self.tile_operand_slices(offsets, sizes)?;
        Ok(all.split_off(n_in.min(all.len())))
    }
}

/// Check that a tile lies in the iteration space.
fn check_tile(bounds: &[i64], offsets: &[i64], sizes: &[i64]) -> Result<(), String> {
    if offsets.len() != bounds.len() || sizes.len() != bounds.len() {
        return Err(format!(
            "a tile needs {} offsets and sizes, got {} and {}",
            bounds.len(),
            offsets.len(),
            sizes.len()
        ));
    }
    for (i, ((&b, &o), &s)) in bounds.iter().zip(offsets).zip(sizes).enumerate() {
        if o < 0 || s < 1 {
            return Err(format!(
                "tile of loop d{i}: offset must be non-negative and size positive"
            ));
        }
        if b != DYN && o.checked_add(s).is_none_or(|end| end > b) {
            return Err(format!(
                "tile of loop d{i} ({o} + {s}) exceeds the loop size {b}"
            ));
        }
    }
    Ok(())
}

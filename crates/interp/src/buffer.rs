//! Buffers: the runtime values of memref types (the `loop` dialect).
//!
//! A [`Buffer`] is a strided view of a shared, mutable allocation: element `[i0, .., in]`
//! of the view is element `offset + sum(ik * strides[k])` of the allocation's flat storage.
//! Views made by [`Buffer::subview`] share the allocation of their source (a reference-
//! counted cell), so a store through one is seen by loads through the others; cloning a
//! `Buffer` clones the view, not the elements. Freeing the allocation
//! ([`Buffer::dealloc`]) empties the cell: every later use of any of its views is an error.
//!
//! Every access is checked: indices outside a view, windows that do not fit, mismatched
//! element types and use after free are [`Error`](crate::Error)s, never panics. The cell is
//! borrowed only inside one method call, so it is never borrowed twice.

use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::ir::type_str;
use crate::tensor::{checked_numel, shape_str, strides, Data, Tensor};
use std::cell::RefCell;
use std::rc::Rc;
use strata_dialect_loop::layout::{memref_parts, strides_and_offset};
use strata_ir::types::DYNAMIC;
use strata_ir::{Context, Type};

/// A strided view of a shared allocation.
#[derive(Clone, Debug)]
pub struct Buffer {
    /// The allocation's elements; `None` once freed.
    store: Rc<RefCell<Option<Data>>>,
    dtype: DType,
    offset: usize,
    sizes: Vec<usize>,
    strides: Vec<usize>,
    /// Whether this is a subview (only the view an allocation returned may be freed).
    view: bool,
    /// Whether the allocation is a module-level global (never freed).
    global: bool,
    /// Whether writes are refused (a constant global and its views).
    read_only: bool,
}

/// Store element `j` of `src` at position `i` of `dst` (same storage type).
fn put(dst: &mut Data, i: usize, src: &Data, j: usize) -> Result<()> {
    macro_rules! put_arms {
        ($($v:ident),*) => {
            match (dst, src) {
                $((Data::$v(d), Data::$v(s)) => {
                    match (d.get_mut(i), s.get(j)) {
                        (Some(x), Some(y)) => *x = *y,
                        _ => bail!("element position out of range"),
                    }
                })*
                (d, s) => bail!(
                    "cannot store a {} element into {} storage",
                    s.storage_dtype(),
                    d.storage_dtype()
                ),
            }
        };
    }
    put_arms!(F16, BF16, F32, F64, I8, I16, I32, I64, U8, U16, U32, U64, Bool);
    Ok(())
}

impl Buffer {
    /// A new allocation of `sizes` elements of `dtype`, all zero, of at most `max_elements`
    /// elements.
    pub fn alloc(dtype: DType, sizes: Vec<usize>, max_elements: usize) -> Result<Buffer> {
        let n = checked_numel(&sizes, max_elements)?;
        Ok(Buffer {
            store: Rc::new(RefCell::new(Some(Data::zeros(dtype, n)))),
            dtype,
            offset: 0,
            strides: strides(&sizes),
            sizes,
            view: false,
            global: false,
            read_only: false,
        })
    }

    /// A new allocation holding the elements of `t` (row-major).
    pub fn from_tensor(t: Tensor) -> Buffer {
        let (dtype, sizes, data) = t.into_parts();
        Buffer {
            store: Rc::new(RefCell::new(Some(data))),
            dtype,
            offset: 0,
            strides: strides(&sizes),
            sizes,
            view: false,
            global: false,
            read_only: false,
        }
    }

    /// This allocation as a module-level global (`loop.global`): it cannot be freed, and
    /// with `read_only` (a `constant` global) every write into it or its views is an error.
    pub fn into_global(mut self, read_only: bool) -> Buffer {
        self.global = true;
        self.read_only = read_only;
        self
    }

    /// Whether writes into this view are refused (a constant global).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn check_writable(&self) -> Result<()> {
        ensure!(
            !self.read_only,
            "cannot write into a constant global (a read-only buffer)"
        );
        Ok(())
    }

    /// The element type.
    pub fn dtype(&self) -> DType {
        self.dtype
    }
    /// The sizes of the view.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }
    /// The strides of the view, in elements of the allocation.
    pub fn strides(&self) -> &[usize] {
        &self.strides
    }
    /// The position of the view's first element in the allocation.
    pub fn offset(&self) -> usize {
        self.offset
    }
    /// Whether both views share one allocation.
    pub fn aliases(&self, other: &Buffer) -> bool {
        Rc::ptr_eq(&self.store, &other.store)
    }
    /// Whether the allocation has been freed.
    pub fn is_freed(&self) -> bool {
        self.store.try_borrow().is_ok_and(|s| s.is_none())
    }

    /// The allocation position of the element at `idx`, checked against the view.
    fn position(&self, idx: &[i64]) -> Result<usize> {
        ensure!(
            idx.len() == self.sizes.len(),
            "{} indices for a buffer of rank {}",
            idx.len(),
            self.sizes.len()
        );
        let mut pos = self.offset;
        for (d, (&i, (&size, &stride))) in idx
            .iter()
            .zip(self.sizes.iter().zip(&self.strides))
            .enumerate()
        {
            let Some(i) = usize::try_from(i).ok().filter(|&i| i < size) else {
                bail!(
                    "index {i} is out of bounds for dimension {d} of size {size} (buffer {})",
                    shape_str(&self.sizes)
                );
            };
            // In bounds of a view that fits its allocation, so no overflow.
            pos += i * stride;
        }
        Ok(pos)
    }

    /// The allocation positions of every element of the view, in row-major order.
    fn positions(&self) -> Vec<usize> {
        let n: usize = self.sizes.iter().product();
        let mut out = Vec::with_capacity(n);
        if n == 0 {
            return out;
        }
        let rank = self.sizes.len();
        let mut idx = vec![0usize; rank];
        loop {
            let pos = self.offset
                + idx
                    .iter()
                    .zip(&self.strides)
                    .map(|(&i, &s)| i * s)
                    .sum::<usize>();
            out.push(pos);
            let mut d = rank;
            loop {
                if d == 0 {
                    return out;
                }
                d -= 1;
                idx[d] += 1;
                if idx[d] < self.sizes[d] {
                    break;
                }
                idx[d] = 0;
            }
        }
    }

    fn freed_error() -> crate::Error {
        crate::Error::new("use of a buffer after it was deallocated")
    }

    /// The element at `idx`, as a rank-0 tensor.
    pub fn load(&self, idx: &[i64]) -> Result<Tensor> {
        let pos = self.position(idx)?;
        let store = self
            .store
            .try_borrow()
            .map_err(|_| crate::Error::new("buffer is being written"))?;
        let data = store.as_ref().ok_or_else(Self::freed_error)?;
        ensure!(pos < data.len(), "buffer view reaches past its allocation");
        Tensor::new(self.dtype, Vec::new(), data.gather(&[pos]))
    }

    /// Write the rank-0 tensor `value` at `idx`.
    pub fn store(&self, value: &Tensor, idx: &[i64]) -> Result<()> {
        ensure!(
            value.dtype() == self.dtype && value.len() == 1,
            "cannot store a {} into a buffer of {} elements",
            value.type_str(),
            self.dtype
        );
        self.check_writable()?;
        let pos = self.position(idx)?;
        let mut store = self
            .store
            .try_borrow_mut()
            .map_err(|_| crate::Error::new("buffer is being read"))?;
        let data = store.as_mut().ok_or_else(Self::freed_error)?;
        put(data, pos, value.data(), 0)
    }

    /// The elements of the view as a tensor (a copy).
    pub fn to_tensor(&self) -> Result<Tensor> {
        let store = self
            .store
            .try_borrow()
            .map_err(|_| crate::Error::new("buffer is being written"))?;
        let data = store.as_ref().ok_or_else(Self::freed_error)?;
        let pos = self.positions();
        ensure!(
            pos.iter().all(|&p| p < data.len()),
            "buffer view reaches past its allocation"
        );
        Tensor::new(self.dtype, self.sizes.clone(), data.gather(&pos))
    }

    /// Copy every element of this view into `target` (same element type and sizes). The
    /// source is read completely before the target is written, so overlapping views copy
    /// as if through a temporary.
    pub fn copy_to(&self, target: &Buffer) -> Result<()> {
        ensure!(
            self.dtype == target.dtype,
            "cannot copy {} elements into a buffer of {} elements",
            self.dtype,
            target.dtype
        );
        ensure!(
            self.sizes == target.sizes,
            "cannot copy a buffer of shape {} into one of shape {}",
            shape_str(&self.sizes),
            shape_str(&target.sizes)
        );
        target.check_writable()?;
        let values = self.to_tensor()?;
        let mut store = target
            .store
            .try_borrow_mut()
            .map_err(|_| crate::Error::new("buffer is being read"))?;
        let data = store.as_mut().ok_or_else(Self::freed_error)?;
        for (j, p) in target.positions().into_iter().enumerate() {
            put(data, p, values.data(), j)?;
        }
        Ok(())
    }

    /// The view of `sizes[d]` elements at `offsets[d]`, `offsets[d] + steps[d]`, ... of
    /// each dimension `d`, sharing this view's allocation.
    pub fn subview(&self, offsets: &[i64], sizes: &[i64], steps: &[i64]) -> Result<Buffer> {
        let rank = self.sizes.len();
        ensure!(
            offsets.len() == rank && sizes.len() == rank && steps.len() == rank,
            "a subview of a rank-{rank} buffer needs {rank} offsets, sizes and strides"
        );
        ensure!(!self.is_freed(), "use of a buffer after it was deallocated");
        let mut offset = self.offset;
        let mut new_sizes = Vec::with_capacity(rank);
        let mut new_strides = Vec::with_capacity(rank);
        for d in 0..rank {
            let (o, s, t, dim) = (offsets[d], sizes[d], steps[d], self.sizes[d]);
            ensure!(
                o >= 0 && s >= 0 && t >= 1,
                "dimension {d}: offset {o} and size {s} must be non-negative and stride {t} \
                 positive"
            );
            let (o, s, t) = (o as u64, s as u64, t as u64);
            let fits = if s == 0 {
                o <= dim as u64
            } else {
                (s - 1)
                    .checked_mul(t)
                    .and_then(|x| x.checked_add(o))
                    .is_some_and(|end| end < dim as u64)
            };
            ensure!(
                fits,
                "dimension {d}: the window (offset {o}, size {s}, stride {t}) does not fit in \
                 the buffer's size {dim}"
            );
            // The window fits in the view, so offset and size fit in usize.
            offset += o as usize * self.strides[d];
            new_sizes.push(s as usize);
            let stride = usize::try_from(t)
                .ok()
                .and_then(|t| t.checked_mul(self.strides[d]));
            let Some(stride) = stride else {
                bail!("dimension {d}: stride {t} overflows");
            };
            new_strides.push(stride);
        }
        Ok(Buffer {
            store: Rc::clone(&self.store),
            dtype: self.dtype,
            offset,
            sizes: new_sizes,
            strides: new_strides,
            view: true,
            global: self.global,
            read_only: self.read_only,
        })
    }

    /// Free the allocation. Only the view returned by the allocation may be freed, once.
    pub fn dealloc(&self) -> Result<()> {
        ensure!(!self.global, "cannot deallocate a global");
        ensure!(
            !self.view,
            "cannot deallocate a subview (free the buffer it was taken from)"
        );
        let mut store = self
            .store
            .try_borrow_mut()
            .map_err(|_| crate::Error::new("buffer is being read"))?;
        ensure!(store.is_some(), "buffer is deallocated twice");
        *store = None;
        Ok(())
    }

    /// Check this view against the memref type `ty`: element type, rank, static sizes, and
    /// the static strides and offset of its layout.
    pub fn check(&self, ctx: &Context, ty: Type) -> Result<()> {
        let Some(p) = memref_parts(ctx, ty) else {
            bail!("a buffer is not a value of type {}", type_str(ctx, ty));
        };
        let dtype = DType::from_elem_type(ctx, p.elem)
            .ok_or_else(|| format!("unsupported element type {}", type_str(ctx, p.elem)))?;
        let (lay_strides, lay_offset) = strides_and_offset(ctx, ty)?;
        let agrees = |want: i64, have: usize| want == DYNAMIC || usize::try_from(want) == Ok(have);
        let all = |want: &[i64], have: &[usize]| {
            want.len() == have.len() && want.iter().zip(have).all(|(&w, &h)| agrees(w, h))
        };
        let ok = dtype == self.dtype
            && all(&p.shape, &self.sizes)
            && all(&lay_strides, &self.strides)
            && agrees(lay_offset, self.offset);
        let list = |v: &[usize]| {
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        ensure!(
            ok,
            "buffer of {} elements with sizes [{}], strides [{}] and offset {} is not a value \
             of type {}",
            self.dtype,
            list(&self.sizes),
            list(&self.strides),
            self.offset,
            type_str(ctx, ty)
        );
        Ok(())
    }
}

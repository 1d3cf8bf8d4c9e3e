//! 64-byte aligned byte buffers for the arguments of generated code.

use crate::{err, Error};
use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::ffi::c_void;

/// An owned, zero-initialised, 64-byte aligned allocation (at least 64 bytes, so that
/// empty buffers still have a valid address).
pub(crate) struct AlignedBuf {
    ptr: *mut u8,
    len: usize,
    layout: Layout,
}

impl AlignedBuf {
    /// `len` zero bytes.
    pub fn zeroed(len: usize) -> Result<AlignedBuf, Error> {
        let layout = Layout::from_size_align(len.max(64), 64)
            .map_err(|_| err(format!("cannot allocate {len} bytes")))?;
        // SAFETY: the layout has a non-zero size.
        let ptr = unsafe { alloc_zeroed(layout) };
        if ptr.is_null() {
            return Err(err(format!("out of memory allocating {len} bytes")));
        }
        Ok(AlignedBuf { ptr, len, layout })
    }
    /// A copy of `bytes`.
    pub fn from_bytes(bytes: &[u8]) -> Result<AlignedBuf, Error> {
        let b = AlignedBuf::zeroed(bytes.len())?;
        // SAFETY: `b` holds at least `bytes.len()` bytes and does not overlap `bytes`.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), b.ptr, bytes.len()) };
        Ok(b)
    }
    pub fn as_mut_ptr(&mut self) -> *mut c_void {
        self.ptr as *mut c_void
    }
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: `ptr` is valid for `len` initialised bytes for the life of `self`.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl Drop for AlignedBuf {
    fn drop(&mut self) {
        // SAFETY: allocated in `zeroed` with this layout.
        unsafe { dealloc(self.ptr, self.layout) }
    }
}

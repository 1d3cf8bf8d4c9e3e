//! String tensors at the native boundary (`docs/lowering.md`, "String tensors").
//!
//! * **ABI.** A string buffer is an array of `strata_str { const char *ptr; int64_t len; }`
//!   (16 bytes; UTF-8, not NUL-terminated; `len == 0` may have a null `ptr`). The runtime
//!   passes string inputs pointing at the caller's bytes and copies string results out
//!   into owned `String`s (an error if they are not UTF-8).
//! * **Kernels.** Generated code calls `strata_rt.string_call(strings, spec, len, bufs)`
//!   for each buffer-form `tensor.string_call`: `spec` describes the call (its attribute
//!   dictionary, with the graph op as `callee`, and the tensor type of each input and
//!   output, as MLIR text, each item `<length>:<text>`), `bufs` points at the input then
//!   the output buffers. The kernel rebuilds the call once per run and spec, runs it with
//!   the interpreter's semantics ([`strata_interp::strings::eval_op`], one implementation
//!   for both), and writes the outputs: numbers in place, strings as `strata_str`s into
//!   the run's arena.
//! * **Arena.** Strings made during a run live in a [`RunStrings`] owned by the run and
//!   dropped after the outputs are copied out, so nothing outlives it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ffi::c_void;
use strata_interp::strings::{Labels, StrTensor};
use strata_interp::{decode_le, encode_le, DType, Tensor};
use strata_ir::{Body, Context, Op, OperationState, Type};

/// `strata_str` of the generated code.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub(crate) struct StrataStr {
    pub ptr: *const u8,
    pub len: i64,
}

/// The size of one `strata_str`.
pub(crate) const STR_BYTES: usize = std::mem::size_of::<StrataStr>();

/// The error code a failing string kernel returns (its message is kept in the run).
pub(crate) const ERR_STRING: i32 = 8;

/// The element type keyword of string buffers in entry metadata.
pub const STRING_ELEM: &str = "!graph.string";

/// The largest tensor (elements) a string kernel may create.
const MAX_ELEMENTS: usize = 1 << 28;

/// One call site, rebuilt from its spec: a tensor-form `tensor.string_call` in a private
/// body, and the element type and shape of each input and output.
#[derive(Debug)]
struct Kernel {
    ctx: Context,
    body: Body,
    op: Op,
    ins: Vec<(Option<DType>, Vec<usize>)>,
    outs: Vec<(Option<DType>, Vec<usize>)>,
}

/// The strings of one run: the arena holding every string the kernels make, the kernels
/// rebuilt from their specs, and the first kernel error. Only the thread that runs the
/// entry touches it (string calls are never inside parallel loops; checked).
pub(crate) struct RunStrings {
    thread: std::thread::ThreadId,
    arena: RefCell<Vec<Box<[u8]>>>,
    kernels: RefCell<BTreeMap<Vec<u8>, Kernel>>,
    error: RefCell<Option<String>>,
}

impl RunStrings {
    pub fn new() -> RunStrings {
        RunStrings {
            thread: std::thread::current().id(),
            arena: RefCell::new(Vec::new()),
            kernels: RefCell::new(BTreeMap::new()),
            error: RefCell::new(None),
        }
    }
    /// The error of the kernel that failed, if one did.
    pub fn take_error(&self) -> Option<String> {
        self.error.borrow_mut().take()
    }
    /// Keep `s` for the run; its `strata_str`.
    fn keep(&self, s: &str) -> StrataStr {
        if s.is_empty() {
            return StrataStr {
                ptr: std::ptr::null(),
                len: 0,
            };
        }
        let b: Box<[u8]> = s.as_bytes().into();
        let v = StrataStr {
            ptr: b.as_ptr(),
            len: b.len() as i64,
        };
        // The box's heap bytes do not move when the box is moved into the arena.
        self.arena.borrow_mut().push(b);
        v
    }
}

/// The `strata_str`s of `strings` (pointing at their bytes, which must outlive the run).
pub(crate) fn to_abi(strings: &[String]) -> Vec<u8> {
    let mut out = Vec::with_capacity(strings.len() * STR_BYTES);
    for s in strings {
        out.extend_from_slice(&(s.as_ptr() as usize as u64).to_le_bytes());
        out.extend_from_slice(&(s.len() as i64).to_le_bytes());
    }
    out
}

/// The strings of a buffer of `strata_str`s.
///
/// # Safety
/// Each entry with `len > 0` must point at `len` readable bytes.
pub(crate) unsafe fn from_abi(bytes: &[u8]) -> Result<Vec<String>, String> {
    bytes
        .chunks_exact(STR_BYTES)
        .map(|c| {
            let ptr = u64::from_le_bytes(c[..8].try_into().expect("8 bytes")) as usize;
            let len = i64::from_le_bytes(c[8..].try_into().expect("8 bytes"));
            // SAFETY: the caller's contract.
            unsafe { read_str(ptr as *const u8, len) }
        })
        .collect()
}

/// # Safety
/// With `len > 0`, `ptr` must point at `len` readable bytes.
unsafe fn read_str(ptr: *const u8, len: i64) -> Result<String, String> {
    if len == 0 {
        return Ok(String::new());
    }
    if len < 0 || ptr.is_null() {
        return Err(format!("a string has a bad descriptor (length {len})"));
    }
    // SAFETY: the caller's contract; `len` is positive and fits `usize` on 64-bit hosts
    // (the buffer exists).
    let b = unsafe { std::slice::from_raw_parts(ptr, len as usize) };
    String::from_utf8(b.to_vec()).map_err(|_| "a string is not valid UTF-8".to_string())
}

/// Split a spec into its `<length>:<text>` items.
fn items(spec: &[u8]) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = spec;
    while !rest.is_empty() {
        let colon = rest
            .iter()
            .position(|&b| b == b':')
            .ok_or("a string kernel spec item has no length")?;
        let n: usize = std::str::from_utf8(&rest[..colon])
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or("a string kernel spec item has a bad length")?;
        let body = rest
            .get(colon + 1..colon + 1 + n)
            .ok_or("a string kernel spec item is cut short")?;
        out.push(std::str::from_utf8(body).map_err(|_| "a spec item is not UTF-8")?);
        rest = &rest[colon + 1 + n..];
    }
    Ok(out)
}

/// The element dtype (`None`: strings) and shape of tensor type `t`.
fn parts(ctx: &Context, t: Type) -> Result<(Option<DType>, Vec<usize>), String> {
    let (shape, elem) = strata_dialect_tensor::util::shaped(ctx, t)
        .ok_or("a string kernel operand is not a ranked tensor")?;
    let shape: Vec<usize> = shape
        .iter()
        .map(|&d| usize::try_from(d).map_err(|_| "a string kernel operand has a dynamic shape"))
        .collect::<Result<_, _>>()?;
    if strata_dialect_graph::strings::is_string(ctx, elem) {
        return Ok((None, shape));
    }
    let vt = strata_interp::ValueType::from_ir(ctx, t).map_err(|e| e.to_string())?;
    Ok((Some(vt.dtype), shape))
}

/// Rebuild the call of `spec`: items are the attribute dictionary, the number of inputs,
/// then the input types and the output types.
fn kernel(spec: &[u8]) -> Result<Kernel, String> {
    let it = items(spec)?;
    let [props, n_in, types @ ..] = &it[..] else {
        return Err("a string kernel spec is too short".into());
    };
    let n_in: usize = n_in.parse().map_err(|_| "bad input count in a spec")?;
    if n_in > types.len() {
        return Err("a string kernel spec has fewer types than inputs".into());
    }
    // The call's types and attributes live in a context of the two dialects they use.
    let mut ctx = Context::new();
    strata_dialect_graph::register(&mut ctx);
    strata_dialect_tensor::register(&mut ctx);
    let render = |d: strata_ir::Diagnostic| d.message;
    let props = strata_ir::text::parse_attr(&ctx, props).map_err(render)?;
    let types: Vec<Type> = types
        .iter()
        .map(|t| strata_ir::text::parse_type(&ctx, t).map_err(render))
        .collect::<Result<_, _>>()?;
    let mut body = Body::new();
    let block = body.create_block();
    let args: Vec<_> = types[..n_in]
        .iter()
        .map(|&t| body.add_block_arg(block, t))
        .collect();
    let mut st = OperationState::new(
        &ctx,
        ctx.op_name(strata_dialect_tensor::StringCallOp::NAME),
        ctx.unknown_loc(),
    );
    st.operands = args;
    st.result_types = types[n_in..].to_vec();
    st.props = Some(props);
    let op = body.create_op(st);
    let ins = types[..n_in]
        .iter()
        .map(|&t| parts(&ctx, t))
        .collect::<Result<_, _>>()?;
    let outs = types[n_in..]
        .iter()
        .map(|&t| parts(&ctx, t))
        .collect::<Result<_, _>>()?;
    Ok(Kernel {
        ctx,
        body,
        op,
        ins,
        outs,
    })
}

fn numel(shape: &[usize]) -> Result<usize, String> {
    strata_interp::checked_numel(shape, usize::MAX).map_err(|e| e.to_string())
}

/// Run the call `spec` on `bufs`.
///
/// # Safety
/// `bufs` holds one pointer per input and output of the spec, to a buffer of its shape and
/// element type (`strata_str`s for strings, whose bytes are readable), inputs readable and
/// outputs writable, alive for the call.
unsafe fn call(rs: &RunStrings, spec: &[u8], bufs: *const *mut c_void) -> Result<(), String> {
    let mut kernels = rs.kernels.borrow_mut();
    if !kernels.contains_key(spec) {
        kernels.insert(spec.to_vec(), kernel(spec)?);
    }
    let k = kernels.get(spec).expect("inserted above");
    let mut ins = Vec::with_capacity(k.ins.len());
    for (i, (dt, shape)) in k.ins.iter().enumerate() {
        let n = numel(shape)?;
        // SAFETY: the caller's contract: one pointer per input.
        let p = unsafe { *bufs.add(i) } as *const u8;
        ins.push(match dt {
            None => {
                let len = n
                    .checked_mul(STR_BYTES)
                    .ok_or("a string input is too large")?;
                // SAFETY: an input string buffer holds `n` descriptors (`len` bytes) of
                // readable bytes.
                let b = unsafe { std::slice::from_raw_parts(p, len) };
                // SAFETY: as above.
                let v = unsafe { from_abi(b) }?;
                Labels::Str(StrTensor::new(shape.clone(), v).map_err(|e| e.to_string())?)
            }
            Some(dt) => {
                let len = n
                    .checked_mul(dt.byte_size())
                    .ok_or("an input is too large")?;
                // SAFETY: a numeric input buffer holds `n` elements of `dt` (`len` bytes).
                let b = unsafe { std::slice::from_raw_parts(p, len) };
                let data = decode_le(*dt, b).map_err(|e| e.to_string())?;
                Labels::Num(Tensor::new(*dt, shape.clone(), data).map_err(|e| e.to_string())?)
            }
        });
    }
    let outs = strata_interp::strings::eval_op(&k.ctx, &k.body, k.op, &ins, MAX_ELEMENTS)
        .map_err(|e| e.to_string())?;
    if outs.len() != k.outs.len() {
        return Err("a string kernel gave the wrong number of results".into());
    }
    for (j, (out, (dt, shape))) in outs.iter().zip(&k.outs).enumerate() {
        // SAFETY: the caller's contract: the outputs follow the inputs.
        let p = unsafe { *bufs.add(k.ins.len() + j) } as *mut u8;
        match (out, dt) {
            (Labels::Str(s), None) if s.shape() == shape.as_slice() => {
                let descs: Vec<StrataStr> = s.data().iter().map(|x| rs.keep(x)).collect();
                // SAFETY: the output buffer holds `shape`'s count of descriptors, writable.
                let dst =
                    unsafe { std::slice::from_raw_parts_mut(p as *mut StrataStr, descs.len()) };
                dst.copy_from_slice(&descs);
            }
            (Labels::Num(t), Some(dt)) if t.shape() == shape.as_slice() && t.dtype() == *dt => {
                let bytes = encode_le(t.data());
                // SAFETY: the output buffer holds `shape`'s count of `dt` elements.
                let dst = unsafe { std::slice::from_raw_parts_mut(p, bytes.len()) };
                dst.copy_from_slice(&bytes);
            }
            _ => return Err(format!("result #{j} of a string kernel has the wrong type")),
        }
    }
    Ok(())
}

/// `string_call` of the ABI.
///
/// # Safety
/// `strings` is the run's [`RunStrings`]; `spec` points at `len` bytes; `bufs` as for
/// [`call`].
pub(crate) unsafe extern "C" fn string_call(
    strings: *mut c_void,
    spec: *const u8,
    len: i64,
    bufs: *const *mut c_void,
) -> i32 {
    // SAFETY: `strings` is the `&RunStrings` the runtime put in `strata_rt`, alive for the
    // run.
    let rs = unsafe { &*(strings as *const RunStrings) };
    if std::thread::current().id() != rs.thread {
        // Not reachable from generated code (string calls run on the entry's thread); the
        // run's state is not shared between threads, so refuse rather than race.
        return ERR_STRING;
    }
    let r = if spec.is_null() || len < 0 {
        Err("a string kernel has no spec".to_string())
    } else {
        // SAFETY: the generated code passes its spec literal and its length.
        let spec = unsafe { std::slice::from_raw_parts(spec, len as usize) };
        // A panic must not unwind into C.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // SAFETY: the caller's contract.
            unsafe { call(rs, spec, bufs) }
        }))
        .unwrap_or_else(|_| Err("a string kernel panicked".to_string()))
    };
    match r {
        Ok(()) => 0,
        Err(m) => {
            let mut e = rs.error.borrow_mut();
            if e.is_none() {
                *e = Some(m);
            }
            ERR_STRING
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_round_trip_and_reject_bad_bytes() {
        let v = vec![String::new(), "Ωx".to_string(), "abc".to_string()];
        let abi = to_abi(&v);
        assert_eq!(abi.len(), 3 * STR_BYTES);
        // SAFETY: the descriptors point at `v`'s bytes, alive here.
        assert_eq!(unsafe { from_abi(&abi) }.unwrap(), v);
        // Bytes that are not UTF-8 are an error, not a String.
        let bad = [0xffu8, 0xfe];
        let d = StrataStr {
            ptr: bad.as_ptr(),
            len: 2,
        };
        let mut b = (d.ptr as usize as u64).to_le_bytes().to_vec();
        b.extend_from_slice(&d.len.to_le_bytes());
        // SAFETY: points at `bad`.
        assert!(unsafe { from_abi(&b) }.unwrap_err().contains("UTF-8"));
        // A negative length is refused before any read.
        let mut b = 0u64.to_le_bytes().to_vec();
        b.extend_from_slice(&(-1i64).to_le_bytes());
        // SAFETY: nothing is read.
        assert!(unsafe { from_abi(&b) }.is_err());
    }

    #[test]
    fn specs_are_parsed_or_refused() {
        assert_eq!(items(b"3:abc1:2").unwrap(), ["abc", "2"]);
        assert!(items(b"5:abc").is_err());
        assert!(items(b"x:abc").is_err());
        assert!(items(b"abc").is_err());
        let spec = b"32:{callee = \"graph.string_concat\"}1:223:tensor<2x!graph.string>23:tensor<2x!graph.string>23:tensor<2x!graph.string>";
        let k = kernel(spec).unwrap();
        assert_eq!(k.ins.len(), 2);
        assert_eq!(k.outs, vec![(None, vec![2])]);
        assert!(kernel(b"2:{}1:9").is_err());
        assert!(kernel(b"9:{callee =1:0").is_err());
    }

    #[test]
    fn a_failing_kernel_reports_its_error() {
        let rs = RunStrings::new();
        let spec = b"not a spec";
        // SAFETY: `rs` is alive; the spec is refused before `bufs` is read.
        let code = unsafe {
            string_call(
                &rs as *const RunStrings as *mut c_void,
                spec.as_ptr(),
                spec.len() as i64,
                std::ptr::null(),
            )
        };
        assert_eq!(code, ERR_STRING);
        assert!(rs.take_error().unwrap().contains("spec"));
    }
}

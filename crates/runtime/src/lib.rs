//! The runtime of compiled artifacts: load a shared object built by a target
//! ([`strata_target::Artifact`]), check its ABI version, and run its entry functions on
//! [`strata_interp::Tensor`]s.
//!
//! Calling convention (see `strata-target-cpu`'s prelude): an entry is `int32_t
//! entry(void *const *args, const strata_rt *rt)` with one pointer per argument (input
//! buffers and scalars, then out-parameter buffers, then one per scalar result), each to
//! 64-byte aligned little-endian element storage. `strata_rt` carries the ABI version and
//! `parallel_for`, which runs an outlined parallel loop body over chunks of its iteration
//! space on this runtime's thread pool. The entry returns 0 or an error code (division by
//! zero, signed division overflow, non-positive step, allocation failure).
//!
//! This crate is the one place where Strata uses `unsafe` (FFI into generated code); each
//! block says why it is sound.

#![allow(unsafe_code)]

mod bounded;
mod buffer;
mod pool;
mod strings;

use buffer::AlignedBuf;
use pool::{ChunkFn, Pool};
use std::ffi::c_void;
use std::path::PathBuf;
use strata_interp::strings::StrTensor;
use strata_interp::{decode_le, encode_le, AnyValue, DType, Tensor};
use strata_target::{ArgInfo, ArgRole, Artifact, EntryInfo, ABI_VERSION};
pub use strings::STRING_ELEM;

/// A runtime error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

fn err(m: impl Into<String>) -> Error {
    Error(m.into())
}

/// The message of an error code returned by generated code.
pub fn error_message(code: i32) -> &'static str {
    match code {
        1 => "division by zero",
        2 => "signed division overflow",
        3 => "a loop step is not positive",
        4 => "out of memory",
        5 => "the iteration count of a parallel loop overflows",
        6 => "a vector position is out of range",
        7 => "an in_bounds vector transfer reaches outside its memref",
        8 => "a string kernel failed",
        _ => "unknown error",
    }
}

type ParallelFor = unsafe extern "C" fn(*mut c_void, i64, ChunkFn, *mut c_void) -> i32;
type EntryFn = unsafe extern "C" fn(*const *mut c_void, *const StrataRt) -> i32;
type StringCall = unsafe extern "C" fn(*mut c_void, *const u8, i64, *const *mut c_void) -> i32;

/// `strata_rt` of the generated code.
#[repr(C)]
struct StrataRt {
    abi_version: u32,
    pool: *mut c_void,
    parallel_for: Option<ParallelFor>,
    /// The run's strings (`strings::RunStrings`).
    strings: *mut c_void,
    string_call: Option<StringCall>,
}

/// `parallel_for` of the ABI: split `[0, total)` into chunks in a fixed way, run them on the
/// pool (the calling thread takes chunks too), and return the first failing chunk's code in
/// chunk order.
unsafe extern "C" fn parallel_for(
    pool: *mut c_void,
    total: i64,
    body: ChunkFn,
    env: *mut c_void,
) -> i32 {
    // SAFETY: `pool` is the `&Pool` the runtime put in `strata_rt`, alive for the call.
    let pool = unsafe { &*(pool as *const Pool) };
    // SAFETY: `body` and `env` come from the generated code, which passes a matching pair
    // whose chunks write disjoint elements; `env` lives on its stack for the call.
    unsafe { pool.parallel_for(total, body, env) }
}

/// A loaded artifact, ready to run.
pub struct Program {
    artifact: Artifact,
    lib: libloading::Library,
    pool: Box<Pool>,
    /// Calls are serialised: mutable globals of the generated code are reset per call.
    run_lock: std::sync::Mutex<()>,
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Program")
            .field("artifact", &self.artifact)
            .field("threads", &self.pool.threads())
            .finish()
    }
}

/// The interpreter dtype of an element type keyword.
pub fn dtype_of(elem: &str) -> Option<DType> {
    Some(match elem {
        "i1" => DType::Bool,
        "i8" => DType::I8,
        "i16" => DType::I16,
        "i32" => DType::I32,
        "i64" => DType::I64,
        "ui8" => DType::U8,
        "ui16" => DType::U16,
        "ui32" => DType::U32,
        "ui64" => DType::U64,
        "index" => DType::Index,
        "f16" => DType::F16,
        "bf16" => DType::BF16,
        "f32" => DType::F32,
        "f64" => DType::F64,
        // The small types: one byte per element (8- and 4-bit floats as bit patterns, 4- and
        // 2-bit integers in the low bits), as the interpreter stores them.
        "f8E5M2" => DType::F8E5M2,
        "f8E4M3FN" => DType::F8E4M3FN,
        "f8E5M2FNUZ" => DType::F8E5M2FNUZ,
        "f8E4M3FNUZ" => DType::F8E4M3FNUZ,
        "f8E8M0FNU" => DType::F8E8M0,
        "f4E2M1FN" => DType::F4E2M1,
        "i4" => DType::I4,
        "i2" => DType::I2,
        "ui4" => DType::U4,
        "ui2" => DType::U2,
        _ => return None,
    })
}

fn numel(a: &ArgInfo) -> Result<usize, Error> {
    a.shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(usize::try_from(d).ok()?))
        .ok_or_else(|| err("an argument's size overflows"))
}

impl Program {
    /// Load `artifact` with `threads` worker threads (0: one per core).
    pub fn load(artifact: Artifact, threads: usize) -> Result<Program, Error> {
        if cfg!(target_endian = "big") {
            return Err(err("the runtime supports little-endian hosts only"));
        }
        let Some(so) = artifact.so_path.clone() else {
            return Err(err(
                "the artifact has no shared object (only source was emitted)",
            ));
        };
        // SAFETY: loading runs the library's initialisers; generated objects have none
        // beyond the C runtime's, and the file was produced by this process's codegen.
        let lib = unsafe { libloading::Library::new(&so) }
            .map_err(|e| err(format!("cannot load {}: {e}", so.display())))?;
        // SAFETY: `strata_abi_version` is a `const uint32_t` in generated objects; reading
        // it through the symbol's address is a plain load.
        let version = unsafe {
            let sym: libloading::Symbol<'_, *const u32> =
                lib.get(b"strata_abi_version\0").map_err(|e| {
                    err(format!(
                        "{}: no strata_abi_version symbol: {e}",
                        so.display()
                    ))
                })?;
            **sym
        };
        if version != ABI_VERSION {
            return Err(err(format!(
                "{}: ABI version {version}, but this runtime speaks version {ABI_VERSION}",
                so.display()
            )));
        }
        for e in &artifact.entries {
            let mut sym = e.symbol.clone().into_bytes();
            sym.push(0);
            // SAFETY: only checks that the symbol exists.
            unsafe { lib.get::<EntryFn>(&sym) }
                .map_err(|x| err(format!("{}: missing entry {}: {x}", so.display(), e.symbol)))?;
        }
        let threads = if threads == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            threads
        };
        let pool =
            Pool::new(threads).map_err(|e| err(format!("cannot start {threads} threads: {e}")))?;
        Ok(Program {
            artifact,
            lib,
            pool: Box::new(pool),
            run_lock: std::sync::Mutex::new(()),
        })
    }

    /// The artifact.
    pub fn artifact(&self) -> &Artifact {
        &self.artifact
    }

    /// The number of worker threads.
    pub fn threads(&self) -> usize {
        self.pool.threads()
    }

    /// The shared object's path.
    pub fn so_path(&self) -> Option<&PathBuf> {
        self.artifact.so_path.as_ref()
    }

    /// Run the default entry (the only one, or `main`).
    pub fn run(&self, inputs: &[Tensor]) -> Result<Vec<Tensor>, Error> {
        self.run_entry(None, inputs)
    }

    /// The entry `name` (default: the only one, or `main`).
    pub fn entry(&self, name: Option<&str>) -> Result<&EntryInfo, Error> {
        self.artifact.entry(name).ok_or_else(|| {
            let names: Vec<&str> = self
                .artifact
                .entries
                .iter()
                .map(|e| e.name.as_str())
                .collect();
            err(format!(
                "no entry {} (entries: {})",
                name.map_or("given and no 'main'".to_string(), |n| format!("'{n}'")),
                names.join(", ")
            ))
        })
    }

    /// Run entry `name` on `inputs` (one tensor per input argument); returns the
    /// out-parameters then the scalar results.
    pub fn run_entry(&self, name: Option<&str>, inputs: &[Tensor]) -> Result<Vec<Tensor>, Error> {
        let ins: Vec<Input<'_>> = inputs.iter().map(Input::Tensor).collect();
        self.run_inputs(name, &ins)?
            .into_iter()
            .map(|v| match v {
                AnyValue::Tensor(t) => Ok(t),
                other => Err(err(format!(
                    "a result is {}: use run_entry_values",
                    other.kind()
                ))),
            })
            .collect()
    }

    /// Run entry `name` on `inputs`, tensors or string tensors (one per input argument);
    /// returns the out-parameters then the scalar results, string results as
    /// [`AnyValue::Str`].
    pub fn run_entry_values(
        &self,
        name: Option<&str>,
        inputs: &[AnyValue],
    ) -> Result<Vec<AnyValue>, Error> {
        let ins: Vec<Input<'_>> = inputs
            .iter()
            .map(|v| match v {
                AnyValue::Tensor(t) => Ok(Input::Tensor(t)),
                AnyValue::Str(s) => Ok(Input::Str(s)),
                other => Err(err(format!(
                    "{} input: compiled entries take tensors and string tensors",
                    other.kind()
                ))),
            })
            .collect::<Result<_, _>>()?;
        self.run_inputs(name, &ins)
    }

    fn run_inputs(&self, name: Option<&str>, inputs: &[Input<'_>]) -> Result<Vec<AnyValue>, Error> {
        let entry = self.entry(name)?;
        let n_in = entry
            .args
            .iter()
            .filter(|a| a.role == ArgRole::Input)
            .count();
        if inputs.len() != n_in {
            return Err(err(format!(
                "@{} takes {n_in} inputs, but {} were given",
                entry.name,
                inputs.len()
            )));
        }
        let mut bufs: Vec<AlignedBuf> = Vec::with_capacity(entry.args.len());
        // Element type of each out-parameter (`None`: strings).
        let mut outs = Vec::new();
        let mut it = inputs.iter();
        for (k, a) in entry.args.iter().enumerate() {
            let dtype =
                if a.elem == STRING_ELEM && a.is_buffer {
                    None
                } else {
                    Some(dtype_of(&a.elem).ok_or_else(|| {
                        err(format!("argument #{k} has unsupported type {}", a.elem))
                    })?)
                };
            let n = numel(a)?;
            let bytes = n
                .checked_mul(dtype.map_or(strings::STR_BYTES, |d| d.byte_size()))
                .ok_or_else(|| err("an argument's size overflows"))?;
            match a.role {
                ArgRole::Input => {
                    let v = it.next().expect("counted: one input per input argument");
                    let shape: Vec<usize> = a.shape.iter().map(|&d| d as usize).collect();
                    let data = match (v, dtype) {
                        (Input::Tensor(t), Some(dtype))
                            if t.dtype() == dtype && t.shape() == shape.as_slice() =>
                        {
                            encode_le(t.data())
                        }
                        // The descriptors point at the caller's bytes, alive for the call.
                        (Input::Str(s), None) if s.shape() == shape.as_slice() => {
                            strings::to_abi(s.data())
                        }
                        _ => {
                            return Err(err(format!(
                                "input #{k} of @{} must be {}x{} but is {}",
                                entry.name,
                                a.shape
                                    .iter()
                                    .map(|d| d.to_string())
                                    .collect::<Vec<_>>()
                                    .join("x"),
                                a.elem,
                                v.type_str()
                            )))
                        }
                    };
                    bufs.push(AlignedBuf::from_bytes(&data)?);
                }
                ArgRole::Output | ArgRole::Result => {
                    bufs.push(AlignedBuf::zeroed(bytes)?);
                    outs.push((bufs.len() - 1, dtype, a.shape.clone()));
                }
            }
        }
        let ptrs: Vec<*mut c_void> = bufs.iter_mut().map(|b| b.as_mut_ptr()).collect();
        // The run's strings: dropped (with every string made during the run) when this
        // function returns, after the results are copied out.
        let run_strings = strings::RunStrings::new();
        let rt = StrataRt {
            abi_version: ABI_VERSION,
            pool: &*self.pool as *const Pool as *mut c_void,
            parallel_for: Some(parallel_for),
            strings: &run_strings as *const strings::RunStrings as *mut c_void,
            string_call: Some(strings::string_call),
        };
        let mut sym = entry.symbol.clone().into_bytes();
        sym.push(0);
        // A poisoned lock only means another call panicked; the globals are reset anyway.
        let _guard = self.run_lock.lock().unwrap_or_else(|p| p.into_inner());
        // SAFETY: the entry was generated with the signature `EntryFn`; `ptrs` holds one
        // pointer per argument to storage of the size and alignment the metadata gives,
        // alive for the call (string inputs point at the caller's strings, borrowed for
        // the call); `rt` and `run_strings` outlive the call.
        let code = unsafe {
            let f: libloading::Symbol<'_, EntryFn> = self
                .lib
                .get(&sym)
                .map_err(|e| err(format!("missing entry {}: {e}", entry.symbol)))?;
            f(ptrs.as_ptr(), &rt)
        };
        if code != 0 {
            let detail = run_strings
                .take_error()
                .map_or(String::new(), |m| format!(": {m}"));
            return Err(err(format!(
                "@{} failed: {} (error code {code}){detail}",
                entry.name,
                error_message(code)
            )));
        }
        // A bounded result is returned trimmed to its extents, which are not returned.
        let mut extents = vec![None; entry.args.len()];
        for (k, a) in entry.args.iter().enumerate() {
            if let Some(t) = a.extents_of.filter(|&t| t < extents.len()) {
                extents[t] = Some(k);
            }
        }
        outs.into_iter()
            .filter(|&(i, _, _)| entry.args[i].extents_of.is_none())
            .map(|(i, dtype, shape)| {
                let size = dtype.map_or(strings::STR_BYTES, |d| d.byte_size());
                if let (None, true, Some(e)) = (dtype, shape.is_empty(), extents[i]) {
                    // A runtime-sized string result: one string packing the elements, whose
                    // shape the extents give.
                    let ext = decode_le(DType::I64, bufs[e].as_bytes())
                        .map_err(|e| err(e.to_string()))?;
                    let n = bufs[e].as_bytes().len() / 8;
                    let ext = Tensor::new(DType::I64, vec![n], ext)
                        .and_then(|t| t.to_i64_vec())
                        .map_err(|e| err(e.to_string()))?;
                    let shape = ext
                        .iter()
                        .map(|&d| usize::try_from(d))
                        .collect::<Result<Vec<usize>, _>>()
                        .map_err(|_| err(format!("@{}: negative extents", entry.name)))?;
                    // SAFETY: as for the string results below.
                    let packed = unsafe { strings::from_abi(bufs[i].as_bytes()) }
                        .map_err(|m| err(format!("@{}: {m}", entry.name)))?;
                    let s = packed.first().map_or("", String::as_str);
                    return strata_interp::strings::unpack(s, shape)
                        .map(AnyValue::Str)
                        .map_err(|e| err(format!("@{}: {e}", entry.name)));
                }
                let (bytes, shape) = match extents[i] {
                    None => (
                        bufs[i].as_bytes().to_vec(),
                        shape.iter().map(|&d| d as usize).collect(),
                    ),
                    Some(e) => {
                        let ext = decode_le(DType::I64, bufs[e].as_bytes())
                            .map_err(|e| err(e.to_string()))?;
                        let ext: Vec<i64> = Tensor::new(DType::I64, vec![shape.len()], ext)
                            .and_then(|t| t.to_i64_vec())
                            .map_err(|e| err(e.to_string()))?;
                        bounded::trim(bufs[i].as_bytes(), size, &shape, &ext)
                            .map_err(|m| err(format!("@{}: {m}", entry.name)))?
                    }
                };
                match dtype {
                    Some(dtype) => {
                        let data = decode_le(dtype, &bytes).map_err(|e| err(e.to_string()))?;
                        Tensor::new(dtype, shape, data)
                            .map(AnyValue::Tensor)
                            .map_err(|e| err(e.to_string()))
                    }
                    None => {
                        // SAFETY: the descriptors were written by the string kernels (into
                        // `run_strings`' arena, alive here) or copied from the inputs (the
                        // caller's strings, borrowed); unwritten ones are zero (empty).
                        let data = unsafe { strings::from_abi(&bytes) }
                            .map_err(|m| err(format!("@{}: {m}", entry.name)))?;
                        StrTensor::new(shape, data)
                            .map(AnyValue::Str)
                            .map_err(|e| err(e.to_string()))
                    }
                }
            })
            .collect()
    }
}

/// An input of a run.
enum Input<'a> {
    Tensor(&'a Tensor),
    Str(&'a StrTensor),
}

impl Input<'_> {
    fn type_str(&self) -> String {
        match self {
            Input::Tensor(t) => t.type_str(),
            Input::Str(s) => format!(
                "{}x{STRING_ELEM}",
                s.shape()
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("x")
            ),
        }
    }
}

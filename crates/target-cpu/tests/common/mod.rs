//! Helpers of the cpu codegen tests: compile a loop-level module with the cpu target, run
//! it with the runtime, and run the same function on the interpreter through a wrapper that
//! allocates the out-parameters and returns them.

#![allow(dead_code)]

use strata_interp::{Interpreter, Tensor};
use strata_ir::text::{parse, ParseOptions};
use strata_runtime::Program;
use strata_target::{ArgRole, CodegenOptions, Target};
use strata_target_cpu::CpuTarget;

/// Parse `src` (panics on parse errors: test sources are fixed).
pub fn parse_module(ctx: &strata_ir::Context, src: &str) -> strata_ir::Module {
    match parse(ctx, "test.mlir", src, &ParseOptions::default()) {
        Ok(m) => m,
        Err(d) => panic!("{:?}: {}\n{src}", d[0].loc, d[0].message),
    }
}

/// The MLIR type of an entry argument.
fn arg_type(a: &strata_target::ArgInfo) -> String {
    if !a.is_buffer {
        return a.elem.clone();
    }
    let mut s = String::from("memref<");
    for d in &a.shape {
        s.push_str(&format!("{d}x"));
    }
    s.push_str(&a.elem);
    s.push('>');
    s
}

/// Compile `src` for the cpu target (parallel loops outlined from cost `par_cost`).
pub fn compile(src: &str, par_cost: f64) -> strata_target::Artifact {
    let ctx = strata::default_context();
    let m = parse_module(&ctx, src);
    let t = CpuTarget::host().with_parallel_min_cost(par_cost);
    match t.codegen(
        &ctx,
        &m,
        &CodegenOptions {
            opt_level: 2,
            ..Default::default()
        },
    ) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    }
}

/// Run `func` of `src` on the interpreter, returning the out-parameters then the results.
pub fn interp(
    src: &str,
    art: &strata_target::Artifact,
    func: &str,
    inputs: &[Tensor],
) -> Result<Vec<Tensor>, String> {
    let e = art.entry(Some(func)).expect("the function is an entry");
    let mut params = Vec::new();
    let mut call_args = Vec::new();
    let mut body = String::new();
    let mut rets = Vec::new();
    let mut ret_tys = Vec::new();
    let mut call_res_tys = Vec::new();
    let mut call_arg_tys = Vec::new();
    for (k, a) in e.args.iter().enumerate() {
        let ty = arg_type(a);
        match a.role {
            ArgRole::Input => {
                params.push(format!("%a{k}: {ty}"));
                call_args.push(format!("%a{k}"));
                call_arg_tys.push(ty);
            }
            ArgRole::Output => {
                body.push_str(&format!(
                    "  %a{k} = \"loop.alloc\"() <{{alignment = 64 : i64}}> : () -> {ty}\n"
                ));
                call_args.push(format!("%a{k}"));
                call_arg_tys.push(ty.clone());
                rets.push(format!("%a{k}"));
                ret_tys.push(ty);
            }
            ArgRole::Result => {
                call_res_tys.push(ty.clone());
            }
        }
    }
    let nres = call_res_tys.len();
    let call = if nres == 0 {
        format!(
            "  func.call @{func}({}) : ({}) -> ()\n",
            call_args.join(", "),
            call_arg_tys.join(", ")
        )
    } else {
        let names: Vec<String> = (0..nres).map(|i| format!("%r{i}")).collect();
        rets.extend(names.iter().cloned());
        ret_tys.extend(call_res_tys.iter().cloned());
        format!(
            "  {} = func.call @{func}({}) : ({}) -> ({})\n",
            names.join(", "),
            call_args.join(", "),
            call_arg_tys.join(", "),
            call_res_tys.join(", ")
        )
    };
    let wrapper = format!(
        "func.func @ref_wrapper({}) -> ({}) {{\n{body}{call}  return {} : {}\n}}\n",
        params.join(", "),
        ret_tys.join(", "),
        rets.join(", "),
        ret_tys.join(", ")
    );
    let ctx = strata::default_context();
    let m = parse_module(&ctx, &format!("{src}\n{wrapper}"));
    Interpreter::new(&ctx, &m)
        .run("ref_wrapper", inputs)
        .map_err(|d| d.message)
}

/// Run `func` of a compiled artifact with `threads` threads.
pub fn native(
    art: &strata_target::Artifact,
    func: &str,
    inputs: &[Tensor],
    threads: usize,
) -> Result<Vec<Tensor>, String> {
    let p = Program::load(art.clone(), threads).map_err(|e| e.0)?;
    p.run_entry(Some(func), inputs).map_err(|e| e.0)
}

/// The bit patterns of a tensor's elements (NaNs made canonical), for exact comparison.
pub fn bits(t: &Tensor) -> (String, Vec<usize>, Vec<u64>) {
    let le = strata_interp::encode_le(t.data());
    let size = t.dtype().byte_size();
    let f = t.to_f64_vec();
    let v = le
        .chunks(size)
        .zip(&f)
        .map(|(c, x)| {
            if t.dtype().is_float() && x.is_nan() {
                u64::MAX
            } else {
                let mut b = [0u8; 8];
                b[..size].copy_from_slice(c);
                u64::from_le_bytes(b)
            }
        })
        .collect();
    (t.dtype().name().to_string(), t.shape().to_vec(), v)
}

/// Deterministic pseudo-random values in [-r, r).
pub fn values(n: usize, seed: u64, r: f64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 11) as f64 / (1u64 << 53) as f64) * 2.0 * r - r
        })
        .collect()
}

//! `loop-to-hw` at the end of the real lowering pipeline: graph programs (the random
//! programs of `strata-testgen` and the hand-written programs of the bufferize tests:
//! broadcasting, matmul, convolution, pooling, softmax, layer norm, data movement, a small
//! CNN) lowered by `graph-to-tensor{full=true},tensor-generalize,bufferize,tensor-to-loop`
//! give the same numbers in the interpreter, bit for bit, with `loop-to-hw` appended (vector
//! widths from 128 to 512 bits, with and without workers); the pass vectorises loops of many
//! of them.

#[path = "../../bufferize/tests/programs/mod.rs"]
mod programs;

use strata_interp::{Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

const LOWER: &str = "graph-to-tensor{full=true},tensor-generalize,bufferize,tensor-to-loop";

/// Parse `src`, run `pipeline`, and interpret `name` with out-parameters; `None` when the
/// lowering does not support the program (the pipeline before `loop-to-hw` fails).
fn run(src: &str, name: &str, pipeline: &str, inputs: &[Tensor]) -> Option<(Vec<Tensor>, String)> {
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "gen.mlir", src, &Default::default()).ok()?;
    let pm = PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("pipeline"));
    if pm.run(&ctx, &mut m).failed {
        return None;
    }
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    if let Err(d) = strata_ir::verify::verify_module(&ctx, &m) {
        panic!("{pipeline} output does not verify: {d:?}\n{text}");
    }
    let out = Interpreter::new(&ctx, &m)
        .with_fuel(200_000_000)
        .run_out_params(name, inputs.to_vec())
        .unwrap_or_else(|d| panic!("{pipeline}: {}\n{text}", d.message));
    Some((out, text))
}

fn bits_equal(want: &[Tensor], got: &[Tensor]) -> bool {
    want.len() == got.len()
        && want.iter().zip(got).all(|(w, g)| {
            w.dtype() == g.dtype()
                && w.shape() == g.shape()
                && w.to_f64_vec()
                    .iter()
                    .zip(g.to_f64_vec())
                    .all(|(a, b)| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()))
        })
}

/// Check one program under one `loop-to-hw` configuration; `Some(vectorised)` when the
/// lowering supports it.
fn check(src: &str, name: &str, inputs: &[Tensor], k: u64) -> Option<bool> {
    let bits = [128, 256, 512][(k % 3) as usize];
    let workers = k.is_multiple_of(2);
    let (want, _) = run(src, name, LOWER, inputs)?;
    let full = format!("{LOWER},loop-to-hw{{vector-bits={bits} workers={workers}}}");
    let (got, text) = run(src, name, &full, inputs).expect("loop-to-hw never fails");
    assert!(
        bits_equal(&want, &got),
        "{full} changed the numbers:\n{src}\n{text}\nwant {want:?}\ngot {got:?}"
    );
    Some(text.contains("hw.load") || text.contains("hw.store"))
}

#[test]
fn random_graph_programs_keep_their_numbers() {
    assert_eq!(strata_loop_to_hw::LOOP_TO_HW.name, "loop-to-hw");
    let (mut lowered, mut vectorized) = (0, 0);
    for seed in 0..300 {
        let p = strata_testgen::program(seed);
        if let Some(v) = check(&p.text, &p.name, &p.inputs, seed) {
            lowered += 1;
            vectorized += usize::from(v);
        }
    }
    eprintln!("300 programs: {lowered} lowered to loops, {vectorized} vectorised");
    assert!(lowered > 100, "only {lowered} programs lowered");
    assert!(vectorized > 30, "only {vectorized} programs vectorised");
}

/// Deterministic f32 values in [-2, 2) for the hand-written programs.
fn values(n: usize, seed: u64) -> Vec<f32> {
    let mut s = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 40) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0
        })
        .collect()
}

/// f32 inputs for the tensor arguments of `@f` in `src`.
fn inputs_of(src: &str, seed: u64) -> Vec<Tensor> {
    let ctx = strata::default_context();
    let m = strata_ir::text::parse(&ctx, "p.mlir", src, &Default::default()).expect("parses");
    let f = strata_ir::symbol_table::lookup_in(&ctx, &m.body, m.op, b"f").expect("@f exists");
    let holder = m.body.region_body(m.op);
    let region = holder.regions(f)[0];
    let fb = holder.region_body(f);
    let entry = fb.entry_block(region).expect("entry block");
    fb.block_args(entry)
        .iter()
        .enumerate()
        .map(|(i, &a)| {
            let shape: Vec<usize> = match ctx.type_kind(fb.value_type(a)) {
                strata_ir::TypeKind::RankedTensor { shape, .. } => {
                    shape.iter().map(|&d| d as usize).collect()
                }
                _ => panic!("non-tensor argument"),
            };
            let n = shape.iter().product();
            Tensor::from_vec(shape, values(n, seed * 31 + i as u64)).expect("tensor")
        })
        .collect()
}

#[test]
fn bufferize_programs_keep_their_numbers() {
    let mut vectorized = 0;
    for (k, (name, src)) in programs::PROGRAMS.iter().enumerate() {
        let ins = inputs_of(src, k as u64);
        for cfg in 0..2 {
            let v = check(src, "f", &ins, k as u64 + cfg)
                .unwrap_or_else(|| panic!("{name} does not lower"));
            vectorized += usize::from(v);
        }
    }
    assert!(vectorized > 0, "no program vectorised");
}

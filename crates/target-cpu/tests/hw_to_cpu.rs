//! `hw-to-cpu` keeps the numbers: random graph programs (`strata-testgen`) lowered through
//! the cpu target's pipeline with `loop-to-hw` give, bit for bit, the same outputs in the
//! interpreter before and after `hw-to-cpu`, for AVX-512, AVX2, AVX without AVX2 (128-bit
//! integer vectors), SSE and no vector registers (the scalar fallback), with `loop-to-hw`
//! vectors as wide as or wider than the registers (so pieces are split off). The output
//! verifies (cpu vectors fit the registers) and holds no hw vector op of a cpu element type
//! when every vector fits.

use strata_interp::{Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

const LOWER: &str =
    "graph-to-tensor{full=true},tensor-generalize,bufferize,cpu-ukernels,tensor-to-loop";

/// (features, vector-bits override) of the targets.
const TARGETS: &[(&str, i64)] = &[
    ("avx,avx2,avx512f,fma", -1),
    ("avx,avx2,fma", -1),
    ("avx", -1),
    ("sse4.2", -1),
    ("sse4.2", 0),
];

fn run(src: &str, name: &str, pipeline: &str, inputs: &[Tensor]) -> Option<(Vec<Tensor>, String)> {
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "gen.mlir", src, &Default::default()).ok()?;
    let pm = PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("pipeline"));
    let r = pm.run(&ctx, &mut m);
    if r.failed {
        if pipeline.contains("hw-to-cpu") {
            let msgs: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
            panic!("{pipeline} failed: {msgs:?}\n{src}");
        }
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

#[test]
fn random_graph_programs_keep_their_numbers_on_every_target() {
    let (mut checked, mut cpu_ops, mut split, mut scalar) = (0, 0, 0, 0);
    for seed in 0..150u64 {
        let p = strata_testgen::program(seed);
        let (features, bits) = TARGETS[(seed % TARGETS.len() as u64) as usize];
        // Vectors as wide as the registers, or twice / four times as wide.
        let vbits = [128, 256, 512][(seed / 5 % 3) as usize];
        let hw = format!("{LOWER},loop-to-hw{{vector-bits={vbits}}}");
        let Some((want, before)) = run(&p.text, &p.name, &hw, &p.inputs) else {
            continue;
        };
        let full = format!("{hw},hw-to-cpu{{features={features} vector-bits={bits}}}");
        let (got, text) = run(&p.text, &p.name, &full, &p.inputs)
            .unwrap_or_else(|| panic!("hw-to-cpu failed on\n{before}"));
        assert!(
            bits_equal(&want, &got),
            "{full} changed the numbers:\n{before}\n{text}\nwant {want:?}\ngot {got:?}"
        );
        checked += 1;
        cpu_ops += usize::from(text.contains("cpu.v"));
        split +=
            usize::from(before.contains("hw.load") && bits == -1 && text.contains("arith.addi"));
        scalar += usize::from(bits == 0 && before.contains("hw.load") && !text.contains("cpu.v"));
        if bits != 0 {
            for op in ["hw.load", "hw.store", "hw.broadcast", "hw.fma"] {
                let f32_left = text
                    .lines()
                    .any(|l| l.contains(&format!("\"{op}\"")) && l.contains("xf32>"));
                assert!(!f32_left, "{full} left a {op} of f32 vectors:\n{text}");
            }
        }
    }
    eprintln!(
        "{checked} programs: {cpu_ops} with cpu vector ops, {split} split, {scalar} scalarised"
    );
    assert!(checked > 60, "only {checked} programs lowered");
    assert!(cpu_ops > 15, "only {cpu_ops} programs got cpu vector ops");
    assert!(scalar > 2, "only {scalar} programs scalarised");
    assert!(
        split > 2,
        "only {split} programs had vectors split into registers"
    );
}

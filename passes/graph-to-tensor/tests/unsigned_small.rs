//! Casts to and from the unsigned 4- and 2-bit integers (`ui4`, `ui2`), a reshape and a
//! dense `ui4` constant: after `graph-to-tensor{full=true}` the function is signless (`i4`,
//! `i2` with `strata.elem_type` on its arguments and results) and gives the bits the graph
//! function gives on the interpreter, over inputs covering every `ui4`/`ui2`/`i4` value,
//! halves, negative values, NaN, infinities and values beyond 64 bits; compiled for the host
//! CPU and run by the runtime (which takes and returns `ui4`/`ui2` tensors), the same
//! values again.

use strata_interp::{encode_le, CastOptions, DType, Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

/// The arguments: (name, element type).
const ARGS: [(&str, &str); 8] = [
    ("x", "f32"),
    ("h", "f16"),
    ("w", "i32"),
    ("b", "ui8"),
    ("s", "i4"),
    ("u", "ui4"),
    ("q", "ui2"),
    ("z", "i1"),
];

/// The casts: (operand, target element type).
fn casts() -> Vec<(&'static str, &'static str)> {
    let mut c = Vec::new();
    for src in ["x", "h", "w", "b", "s", "q", "z"] {
        c.push((src, "ui4"));
    }
    for src in ["x", "h", "w", "b", "s", "u", "z"] {
        c.push((src, "ui2"));
    }
    for to in [
        "f32", "f16", "f64", "i8", "ui8", "i64", "ui64", "i1", "i4", "i2", "ui2",
    ] {
        c.push(("u", to));
    }
    for to in ["f32", "f16", "ui8", "i32", "ui4", "i1", "i4"] {
        c.push(("q", to));
    }
    c
}

fn source(n: usize) -> (String, usize) {
    let ty = |name: &str| {
        ARGS.iter()
            .find(|a| a.0 == name)
            .map(|a| a.1)
            .expect("an argument")
    };
    let mut body = String::new();
    let mut rets = Vec::new();
    let mut rtys = Vec::new();
    for (k, (src, to)) in casts().into_iter().enumerate() {
        body.push_str(&format!(
            "  %c{k} = \"graph.cast\"(%{src}) <{{to = {to}}}> : (tensor<{n}x{}>) -> tensor<{n}x{to}>\n",
            ty(src)
        ));
        rets.push(format!("%c{k}"));
        rtys.push(format!("tensor<{n}x{to}>"));
    }
    // Data movement and a constant.
    let half = n / 2;
    body.push_str(&format!(
        "  %r = \"graph.reshape\"(%u) <{{shape = array<i64: 2, {half}>}}> : (tensor<{n}xui4>) -> tensor<2x{half}xui4>\n"
    ));
    rets.push("%r".into());
    rtys.push(format!("tensor<2x{half}xui4>"));
    body.push_str(
        "  %k = \"graph.constant\"() <{value = dense<[0, 5, 9, 15]> : tensor<4xui4>}> : () -> tensor<4xui4>\n  %kf = \"graph.cast\"(%k) <{to = f32}> : (tensor<4xui4>) -> tensor<4xf32>\n",
    );
    rets.extend(["%k".to_string(), "%kf".to_string()]);
    rtys.extend(["tensor<4xui4>".to_string(), "tensor<4xf32>".to_string()]);
    let args: Vec<String> = ARGS
        .iter()
        .map(|(a, t)| format!("%{a}: tensor<{n}x{t}>"))
        .collect();
    let count = rets.len();
    (
        format!(
            "func.func @f({}) -> ({}) {{\n{body}  return {} : {}\n}}\n",
            args.join(", "),
            rtys.join(", "),
            rets.join(", "),
            rtys.join(", ")
        ),
        count,
    )
}

fn inputs() -> (Vec<Tensor>, usize) {
    let mut xs: Vec<f32> = (-40..=40).map(|i| i as f32 * 0.5).collect();
    xs.extend([
        f32::NAN,
        -f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        1e30,
        -1e30,
        -0.0,
        65519.0,
        -65519.0,
        4.0e9,
        -4.0e9,
        3.0e19,
        0.99,
        -0.99,
        15.99,
    ]);
    if xs.len() % 2 == 1 {
        xs.push(7.25);
    }
    let n = xs.len();
    let ints =
        |m: i64, off: i64| -> Vec<f64> { (0..n as i64).map(|j| (j % m - off) as f64).collect() };
    let h: Vec<f64> = xs.iter().map(|&x| f64::from(x)).collect();
    let w: Vec<i32> = (0..n as i32)
        .map(|j| j.wrapping_mul(7919) - 40000)
        .collect();
    let b: Vec<u8> = (0..n).map(|j| (j * 37 % 256) as u8).collect();
    let z: Vec<bool> = (0..n).map(|j| j % 3 == 0).collect();
    let ins = vec![
        Tensor::from_vec(vec![n], xs).expect("x"),
        Tensor::from_f64s(DType::F16, vec![n], &h).expect("h"),
        Tensor::from_vec(vec![n], w).expect("w"),
        Tensor::from_vec(vec![n], b).expect("b"),
        Tensor::from_f64s(DType::I4, vec![n], &ints(16, 8)).expect("s"),
        Tensor::from_f64s(DType::U4, vec![n], &ints(16, 0)).expect("u"),
        Tensor::from_f64s(DType::U2, vec![n], &ints(4, 0)).expect("q"),
        Tensor::from_vec(vec![n], z).expect("z"),
    ];
    (ins, n)
}

/// The signless dtype with the bits of `d` (`ui4` → `i4`, ...).
fn signless(d: DType) -> DType {
    match d {
        DType::U2 => DType::I2,
        DType::U4 => DType::I4,
        DType::U8 => DType::I8,
        DType::U64 => DType::I64,
        d => d,
    }
}

/// `t` with the same bits in the signless dtype (integer casts wrap).
fn bits(t: &Tensor) -> Tensor {
    t.cast_with(signless(t.dtype()), CastOptions::default())
        .expect("same-width integer cast")
}

fn assert_same(want: &[Tensor], got: &[Tensor]) {
    assert_eq!(want.len(), got.len());
    for (k, (w, g)) in want.iter().zip(got).enumerate() {
        assert_eq!(w.dtype(), g.dtype(), "result {k}");
        let (wb, gb) = (encode_le(w.data()), encode_le(g.data()));
        assert_eq!(wb, gb, "result {k} ({})", w.dtype());
    }
}

fn modules(ctx: &strata_ir::Context) -> (strata_ir::Module, strata_ir::Module, Vec<Tensor>) {
    let (ins, n) = inputs();
    let (src, count) = source(n);
    assert_eq!(count, casts().len() + 3);
    let parse = || {
        strata_ir::text::parse(ctx, "unsigned_small.mlir", &src, &Default::default())
            .unwrap_or_else(|d| panic!("{}", d[0].message))
    };
    let before = parse();
    let mut after = parse();
    let pm = PassManager::new(
        parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
    );
    let report = pm.run(ctx, &mut after);
    assert!(!report.failed, "{:?}", report.diagnostics);
    (before, after, ins)
}

#[test]
fn signature_is_signless_with_elem_type() {
    let ctx = strata::default_context();
    let (_, after, _) = modules(&ctx);
    let text = strata_ir::text::print_module(&ctx, &after, &Default::default());
    for want in [
        "xi4> {strata.elem_type = ui4}",
        "xi2> {strata.elem_type = ui2}",
        "arith.uitofp",
        "arith.fptosi",
        "arith.extui",
        "arith.trunci",
    ] {
        assert!(text.contains(want), "no {want}:\n{text}");
    }
    for gone in ["xui4>", "xui2>", "\"graph.", "unrealized_conversion_cast"] {
        assert!(!text.contains(gone), "{gone} left:\n{text}");
    }
}

#[test]
fn small_unsigned_casts_are_exact() {
    let ctx = strata::default_context();
    let (before, after, ins) = modules(&ctx);
    let want = Interpreter::new(&ctx, &before)
        .run("f", &ins)
        .expect("interp before");
    // The converted function takes and returns the signless types.
    let signless_ins: Vec<Tensor> = ins.iter().map(bits).collect();
    let got = Interpreter::new(&ctx, &after)
        .run("f", &signless_ins)
        .expect("interp after");
    let want_bits: Vec<Tensor> = want.iter().map(bits).collect();
    assert_same(&want_bits, &got);
    // Compiled for the host CPU and run by the runtime: the unsigned tensors themselves.
    let opts = strata::Options {
        threads: 1,
        ..strata::Options::default()
    };
    let compiled =
        strata::compile((&ctx, &before), &strata::Target::host(), &opts).expect("compile");
    let native = compiled.run(&ins).expect("run natively");
    assert_same(&want, &native);
}

//! Casts to and from the 8- and 4-bit floats, `f8E8M0FNU` (every `round_mode`, with and
//! without `saturate`) and the 4- and 2-bit integers, and `bitcast`, give bit-identical
//! results before and after `graph-to-tensor{full=true}` on the interpreter, over inputs on
//! and between every representable value of each format, around the overflow thresholds,
//! NaNs of both signs, infinities and tiny values.

use strata_interp::{encode_le, DType, Interpreter, Tensor};
use strata_ir::{minifloat, FloatKind};
use strata_pass::{parse_pipeline, PassManager};

const KINDS: [FloatKind; 6] = [
    FloatKind::F8E5M2,
    FloatKind::F8E4M3FN,
    FloatKind::F8E5M2FNUZ,
    FloatKind::F8E4M3FNUZ,
    FloatKind::F8E8M0FNU,
    FloatKind::F4E2M1FN,
];

/// Values on, between and around the representable values of every small format.
fn inputs_f32() -> Vec<f32> {
    let mut v: Vec<f64> = Vec::new();
    for k in KINDS {
        let mut vals: Vec<f64> = (0..1u64 << k.width())
            .map(|b| minifloat::decode(k, b))
            .filter(|x| x.is_finite() && *x >= 0.0)
            .collect();
        vals.sort_by(f64::total_cmp);
        vals.dedup();
        for w in vals.windows(2) {
            let mid = (w[0] + w[1]) / 2.0;
            v.extend([w[0], mid, mid * (1.0 + 1e-3), mid * (1.0 - 1e-3)]);
        }
        let max = minifloat::max_value(k);
        v.extend([max, max * 1.03125, max * 1.5, max * 4.0]);
    }
    v.extend([
        f64::NAN,
        f64::INFINITY,
        1e30,
        1e-30,
        1e-40,
        1.5 * 2f64.powi(127),
        1.4,
        1.5,
        1.6,
        7.9,
        -9.7,
        200.0,
        0.0,
    ]);
    let mut out = Vec::new();
    for x in v {
        out.push(x as f32);
        out.push(-x as f32);
    }
    out
}

/// The module: one function of `%x: f32`, `%h: f16`, `%i: i4` and `%w: i32` inputs whose
/// results are the casts.
fn source(n: usize) -> (String, usize) {
    let mut casts: Vec<(String, String, String)> = Vec::new(); // (operand, props, to)
    for k in KINDS {
        let t = k.keyword().to_string();
        for sat in [0, 1] {
            if k == FloatKind::F8E8M0FNU {
                for mode in ["up", "down", "nearest"] {
                    casts.push((
                        "x".into(),
                        format!("round_mode = \"{mode}\", saturate = {sat} : i64, "),
                        t.clone(),
                    ));
                }
                casts.push(("h".into(), format!("saturate = {sat} : i64, "), t.clone()));
            } else {
                casts.push(("x".into(), format!("saturate = {sat} : i64, "), t.clone()));
                casts.push(("h".into(), format!("saturate = {sat} : i64, "), t.clone()));
            }
        }
        casts.push(("i".into(), String::new(), t.clone()));
        casts.push(("w".into(), String::new(), t.clone()));
    }
    for t in ["i4", "i2"] {
        for src in ["x", "h", "w"] {
            casts.push((src.into(), String::new(), t.into()));
        }
    }
    for t in ["i2", "i8", "i64", "i1", "f32", "f16"] {
        casts.push(("i".into(), String::new(), t.into()));
    }
    let ty = |v: &str| match v {
        "x" => "f32",
        "h" => "f16",
        "i" => "i4",
        _ => "i32",
    };
    let mut body = String::new();
    let mut rets = Vec::new();
    let mut rtys = Vec::new();
    let mut k = 0;
    for (src, props, to) in &casts {
        body.push_str(&format!(
            "  %c{k} = \"graph.cast\"(%{src}) <{{{props}to = {to}}}> : (tensor<{n}x{}>) -> tensor<{n}x{to}>\n",
            ty(src)
        ));
        rets.push(format!("%c{k}"));
        rtys.push(format!("tensor<{n}x{to}>"));
        k += 1;
    }
    // Back from each small float (the saturated cast of %x) to f32, f16, i32, i1, and to
    // another small float.
    let firsts: Vec<usize> = (0..casts.len())
        .filter(|&j| {
            casts[j].0 == "x"
                && casts[j].1.contains("saturate = 1")
                && !casts[j].1.contains("round_mode = \"down\"")
                && !casts[j].1.contains("nearest")
        })
        .collect();
    for &j in &firsts {
        let from = &casts[j].2;
        for to in ["f32", "f16", "bf16", "i32", "i1", "f8E4M3FN", "i4"] {
            if to == from {
                continue;
            }
            body.push_str(&format!(
                "  %c{k} = \"graph.cast\"(%c{j}) <{{to = {to}}}> : (tensor<{n}x{from}>) -> tensor<{n}x{to}>\n"
            ));
            rets.push(format!("%c{k}"));
            rtys.push(format!("tensor<{n}x{to}>"));
            k += 1;
        }
    }
    for (src, to) in [("x", "i32"), ("w", "f32")] {
        body.push_str(&format!(
            "  %c{k} = \"graph.bitcast\"(%{src}) <{{to = {to}}}> : (tensor<{n}x{}>) -> tensor<{n}x{to}>\n",
            ty(src)
        ));
        rets.push(format!("%c{k}"));
        rtys.push(format!("tensor<{n}x{to}>"));
        k += 1;
    }
    let src = format!(
        "func.func @f(%x: tensor<{n}xf32>, %h: tensor<{n}xf16>, %i: tensor<{n}xi4>, %w: tensor<{n}xi32>) -> ({}) {{\n{body}  return {} : {}\n}}\n",
        rtys.join(", "),
        rets.join(", "),
        rtys.join(", ")
    );
    (src, k)
}

/// The inputs of [`source`]'s function.
pub fn inputs() -> (Vec<Tensor>, usize) {
    let xs = inputs_f32();
    let n = xs.len();
    let h: Vec<f64> = xs.iter().map(|&x| f64::from(x)).collect();
    let i: Vec<f64> = (0..n).map(|j| (j % 16) as f64 - 8.0).collect();
    let w: Vec<i32> = (0..n as i32)
        .map(|j| j.wrapping_mul(7919) - 40000)
        .collect();
    let ins = vec![
        Tensor::from_vec(vec![n], xs).expect("x"),
        Tensor::from_f64s(DType::F16, vec![n], &h).expect("h"),
        Tensor::from_f64s(DType::I4, vec![n], &i).expect("i"),
        Tensor::from_vec(vec![n], w).expect("w"),
    ];
    (ins, n)
}

/// Exact comparison of results: stored bytes (NaNs included, sign and all).
fn assert_same(want: &[Tensor], got: &[Tensor]) {
    assert_eq!(want.len(), got.len());
    for (k, (w, g)) in want.iter().zip(got).enumerate() {
        assert_eq!(w.dtype(), g.dtype(), "result {k}");
        let (wb, gb) = (encode_le(w.data()), encode_le(g.data()));
        if wb != gb {
            let size = w.dtype().byte_size();
            let i = wb
                .chunks(size)
                .zip(gb.chunks(size))
                .position(|(a, b)| a != b)
                .expect("the bytes differ somewhere");
            panic!(
                "result {k} ({}): element {i}: {:?} vs {:?}",
                w.dtype(),
                &wb[i * size..(i + 1) * size],
                &gb[i * size..(i + 1) * size]
            );
        }
    }
}

#[test]
fn small_casts_are_exact() {
    let ctx = strata::default_context();
    let (ins, n) = inputs();
    let (src, count) = source(n);
    assert!(count > 60, "{count} casts");
    let parse = || strata_ir::text::parse(&ctx, "smallfloat.mlir", &src, &Default::default());
    let before = parse().unwrap_or_else(|d| panic!("{}", d[0].message));
    let mut after = parse().unwrap_or_else(|d| panic!("{}", d[0].message));
    let pm = PassManager::new(
        parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
    );
    let report = pm.run(&ctx, &mut after);
    assert!(!report.failed, "{:?}", report.diagnostics);
    let want = Interpreter::new(&ctx, &before)
        .run("f", &ins)
        .expect("interp before");
    let got = Interpreter::new(&ctx, &after)
        .run("f", &ins)
        .expect("interp after");
    assert_same(&want, &got);
    // Compiled for the host CPU (the default pipeline and the C code generator), the same
    // bytes again.
    let opts = strata::Options {
        threads: 1,
        ..strata::Options::default()
    };
    let compiled =
        strata::compile((&ctx, &before), &strata::Target::host(), &opts).expect("compile");
    let native = compiled.run(&ins).expect("run natively");
    assert_same(&want, &native);
}

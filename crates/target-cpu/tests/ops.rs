//! Every arith/math op on every supported scalar type: a loop over input vectors of edge
//! values computes each op per element, stores the results, and the compiled code must give
//! the interpreter's bits (transcendental math functions within 1 ulp: the interpreter uses
//! the `libm` crate, the C code the system's libm). One module per type family keeps the
//! number of C compilations small.

mod common;
use common::*;
use strata_interp::{DType, Tensor};

const N: usize = 24;

/// A program over `N` elements: for each `(expr template, result type)` in `ops`, one
/// output buffer. Templates use `%a`, `%b`, `%c` (element `i` of the inputs) and `T`.
fn program(t: &str, ops: &[(&str, &str)]) -> String {
    let mut params = format!("%A: memref<{N}x{t}>, %B: memref<{N}x{t}>, %C: memref<{N}x{t}>");
    for (k, (_, rt)) in ops.iter().enumerate() {
        let rt = if *rt == "T" { t } else { rt };
        params.push_str(&format!(", %O{k}: memref<{N}x{rt}>"));
    }
    let mut body = String::new();
    for (k, (tmpl, rt)) in ops.iter().enumerate() {
        let rt = if *rt == "T" { t } else { rt };
        let e = tmpl.replace('T', t);
        body.push_str(&format!(
            "    %r{k} = {e}\n    \"loop.store\"(%r{k}, %O{k}, %i) : ({rt}, memref<{N}x{rt}>, index) -> ()\n"
        ));
    }
    format!(
        r#"func.func @f({params}) attributes {{strata.num_outputs = {} : i64}} {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant {N} : index
  "loop.for"(%c0, %cn, %c1) ({{
  ^bb0(%i: index):
    %a = "loop.load"(%A, %i) : (memref<{N}x{t}>, index) -> {t}
    %b = "loop.load"(%B, %i) : (memref<{N}x{t}>, index) -> {t}
    %c = "loop.load"(%C, %i) : (memref<{N}x{t}>, index) -> {t}
{body}    "loop.yield"() : () -> ()
  }}) : (index, index, index) -> ()
  return
}}
"#,
        ops.len()
    )
}

fn int_ops(w: u32) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = Vec::new();
    for op in [
        "addi", "subi", "muli", "andi", "ori", "xori", "shli", "shrui", "shrsi", "maxsi", "minsi",
        "maxui", "minui",
    ] {
        v.push((format!("arith.{op} %a, %b : T"), "T".into()));
    }
    // Divisions by %c, which holds no zero and no -1.
    for op in [
        "divsi",
        "divui",
        "ceildivsi",
        "ceildivui",
        "floordivsi",
        "remsi",
        "remui",
    ] {
        v.push((format!("arith.{op} %a, %c : T"), "T".into()));
    }
    for p in [
        "eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge",
    ] {
        v.push((format!("arith.cmpi {p}, %a, %b : T"), "i1".into()));
    }
    v.push((
        "arith.select %s, %a, %b : T".replace("%s", "%r22"),
        "T".into(),
    ));
    if w < 64 {
        v.push(("arith.extsi %a : T to i64".into(), "i64".into()));
        v.push(("arith.extui %a : T to i64".into(), "i64".into()));
    }
    if w > 8 {
        v.push(("arith.trunci %a : T to i8".into(), "i8".into()));
    }
    v.push(("arith.index_cast %a : T to index".into(), "index".into()));
    v.push(("arith.index_castui %a : T to index".into(), "index".into()));
    for ft in ["f16", "bf16", "f32", "f64"] {
        v.push((format!("arith.sitofp %a : T to {ft}"), ft.into()));
        v.push((format!("arith.uitofp %a : T to {ft}"), ft.into()));
    }
    for op in ["absi", "ctlz", "cttz", "ctpop"] {
        v.push((format!("math.{op} %a : T"), "T".into()));
    }
    v
}

fn int_values(w: u32, seed: u64) -> [Vec<i64>; 3] {
    let min = if w == 64 {
        i64::MIN
    } else {
        -(1i64 << (w - 1))
    };
    let max = if w == 64 {
        i64::MAX
    } else {
        (1i64 << (w - 1)) - 1
    };
    let edge = [0, 1, -1, min, max, 2, -2, 7, -7, min + 1, max - 1, 3];
    let r = values(N, seed, 1e9);
    let a: Vec<i64> = (0..N)
        .map(|i| if i < edge.len() { edge[i] } else { r[i] as i64 })
        .collect();
    let b: Vec<i64> = (0..N)
        .map(|i| {
            if i < edge.len() {
                edge[(i * 5 + 3) % edge.len()]
            } else {
                (r[N - 1 - i] as i64) % (w as i64 + 3)
            }
        })
        .collect();
    let c: Vec<i64> = b
        .iter()
        .map(|&x| if x == 0 || x == -1 { 3 } else { x })
        .collect();
    let trunc = |v: Vec<i64>| -> Vec<i64> {
        v.into_iter()
            .map(|x| {
                if w == 64 {
                    x
                } else {
                    (x << (64 - w)) >> (64 - w)
                }
            })
            .collect()
    };
    [trunc(a), trunc(b), trunc(c)]
}

fn int_tensor(w: u32, v: &[i64]) -> Tensor {
    match w {
        8 => Tensor::from_vec(vec![N], v.iter().map(|&x| x as i8).collect::<Vec<_>>()),
        16 => Tensor::from_vec(vec![N], v.iter().map(|&x| x as i16).collect::<Vec<_>>()),
        32 => Tensor::from_vec(vec![N], v.iter().map(|&x| x as i32).collect::<Vec<_>>()),
        _ => Tensor::from_vec(vec![N], v.to_vec()),
    }
    .unwrap()
}

fn compare(src: &str, inputs: &[Tensor], ulps: &[usize]) {
    let art = compile(src, f64::INFINITY);
    let want = interp(src, &art, "f", inputs).expect("interpreter");
    let got = native(&art, "f", inputs, 1).expect("native");
    assert_eq!(want.len(), got.len());
    for (k, (w, g)) in want.iter().zip(&got).enumerate() {
        if ulps.contains(&k) {
            let (wv, gv) = (w.to_f64_vec(), g.to_f64_vec());
            for (x, y) in wv.iter().zip(&gv) {
                let ok = (x.is_nan() && y.is_nan())
                    || x == y
                    || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs());
                assert!(ok, "output #{k}: {x} vs {y}\n{src}");
            }
        } else {
            assert_eq!(bits(w), bits(g), "output #{k}\n{src}");
        }
    }
}

#[test]
fn integer_ops_match_the_interpreter() {
    for (w, seed) in [(8u32, 1u64), (16, 2), (32, 3), (64, 4)] {
        let t = format!("i{w}");
        let ops = int_ops(w);
        let refs: Vec<(&str, &str)> = ops.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let src = program(&t, &refs);
        let [a, b, c] = int_values(w, seed);
        compare(
            &src,
            &[int_tensor(w, &a), int_tensor(w, &b), int_tensor(w, &c)],
            &[],
        );
    }
}

#[test]
fn extended_and_power_ops_match_the_interpreter() {
    for w in [8u32, 32, 64] {
        let t = format!("i{w}");
        let src = format!(
            r#"func.func @f(%A: memref<{N}x{t}>, %B: memref<{N}x{t}>, %O0: memref<{N}x{t}>, %O1: memref<{N}x{t}>, %O2: memref<{N}x{t}>, %O3: memref<{N}x{t}>, %O4: memref<{N}x{t}>, %O5: memref<{N}xi1>, %O6: memref<{N}x{t}>) attributes {{strata.num_outputs = 7 : i64}} {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant {N} : index
  %seven = arith.constant 7 : {t}
  "loop.for"(%c0, %cn, %c1) ({{
  ^bb0(%i: index):
    %a = "loop.load"(%A, %i) : (memref<{N}x{t}>, index) -> {t}
    %b = "loop.load"(%B, %i) : (memref<{N}x{t}>, index) -> {t}
    %l, %h = arith.mulsi_extended %a, %b : {t}
    %ul, %uh = arith.mului_extended %a, %b : {t}
    %s, %o = arith.addui_extended %a, %b : {t}, i1
    %e = arith.remui %b, %seven : {t}
    %p = math.ipowi %a, %e : {t}
    "loop.store"(%l, %O0, %i) : ({t}, memref<{N}x{t}>, index) -> ()
    "loop.store"(%h, %O1, %i) : ({t}, memref<{N}x{t}>, index) -> ()
    "loop.store"(%ul, %O2, %i) : ({t}, memref<{N}x{t}>, index) -> ()
    "loop.store"(%uh, %O3, %i) : ({t}, memref<{N}x{t}>, index) -> ()
    "loop.store"(%s, %O4, %i) : ({t}, memref<{N}x{t}>, index) -> ()
    "loop.store"(%o, %O5, %i) : (i1, memref<{N}xi1>, index) -> ()
    "loop.store"(%p, %O6, %i) : ({t}, memref<{N}x{t}>, index) -> ()
    "loop.yield"() : () -> ()
  }}) : (index, index, index) -> ()
  return
}}
"#
        );
        let [a, b, _] = int_values(w, 9);
        compare(&src, &[int_tensor(w, &a), int_tensor(w, &b)], &[]);
    }
}

fn float_tensor(t: &str, v: &[f64]) -> Tensor {
    let d = match t {
        "f16" => DType::F16,
        "bf16" => DType::BF16,
        "f32" => DType::F32,
        _ => DType::F64,
    };
    Tensor::from_f64s(d, vec![N], v).unwrap()
}

#[test]
fn float_ops_match_the_interpreter() {
    let exact = [
        "arith.addf %a, %b : T",
        "arith.subf %a, %b : T",
        "arith.mulf %a, %b : T",
        "arith.divf %a, %b : T",
        "arith.remf %a, %b : T",
        "arith.maximumf %a, %b : T",
        "arith.minimumf %a, %b : T",
        "arith.maxnumf %a, %b : T",
        "arith.minnumf %a, %b : T",
        "arith.negf %a : T",
        "math.absf %a : T",
        "math.copysign %a, %b : T",
        "math.ceil %a : T",
        "math.floor %a : T",
        "math.round %a : T",
        "math.roundeven %a : T",
        "math.trunc %a : T",
        "math.sqrt %a : T",
        "math.fma %a, %b, %c : T",
    ];
    let preds = [
        "false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord", "ueq", "ugt", "uge", "ult",
        "ule", "une", "uno", "true",
    ];
    let approx = [
        "math.exp %a : T",
        "math.exp2 %a : T",
        "math.expm1 %a : T",
        "math.log %a : T",
        "math.log2 %a : T",
        "math.log10 %a : T",
        "math.log1p %a : T",
        "math.sin %a : T",
        "math.cos %a : T",
        "math.tan %a : T",
        "math.tanh %a : T",
        "math.sinh %a : T",
        "math.cosh %a : T",
        "math.asin %a : T",
        "math.acos %a : T",
        "math.atan %a : T",
        "math.asinh %a : T",
        "math.acosh %a : T",
        "math.atanh %a : T",
        "math.erf %a : T",
        "math.erfc %a : T",
        "math.cbrt %a : T",
        "math.rsqrt %a : T",
        "math.atan2 %a, %b : T",
        "math.powf %a, %b : T",
    ];
    for (t, seed) in [("f16", 11u64), ("bf16", 12), ("f32", 13), ("f64", 14)] {
        let mut ops: Vec<(String, String)> = Vec::new();
        for e in exact {
            ops.push((e.into(), "T".into()));
        }
        for p in preds {
            ops.push((format!("arith.cmpf {p}, %a, %b : T"), "i1".into()));
        }
        for c in [
            "math.isnan %a : T",
            "math.isinf %a : T",
            "math.isfinite %a : T",
        ] {
            ops.push((c.into(), "i1".into()));
        }
        for it in ["i8", "i32", "i64"] {
            ops.push((format!("arith.fptosi %a : T to {it}"), it.into()));
            ops.push((format!("arith.fptoui %a : T to {it}"), it.into()));
        }
        if t != "f64" {
            ops.push(("arith.extf %a : T to f64".into(), "f64".into()));
        }
        if t == "f64" || t == "f32" {
            ops.push(("arith.truncf %a : T to f16".into(), "f16".into()));
            ops.push(("arith.truncf %a : T to bf16".into(), "bf16".into()));
        }
        let first_approx = ops.len();
        // In f16/bf16 the one rounding to the element type hides libm differences.
        for a in approx {
            ops.push((a.into(), "T".into()));
        }
        let ulps: Vec<usize> = if t == "f64" || t == "f32" {
            (first_approx..ops.len()).collect()
        } else {
            Vec::new()
        };
        let refs: Vec<(&str, &str)> = ops.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let src = program(t, &refs);
        let edge = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            -2.5,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e30,
            -1e30,
            3.75,
            1e-5,
            70000.0,
        ];
        let r = values(N, seed, 4.0);
        let a: Vec<f64> = (0..N)
            .map(|i| if i < edge.len() { edge[i] } else { r[i] })
            .collect();
        let b: Vec<f64> = (0..N)
            .map(|i| {
                if i < edge.len() {
                    edge[(i * 3 + 5) % edge.len()]
                } else {
                    r[N - 1 - i]
                }
            })
            .collect();
        let c: Vec<f64> = (0..N).map(|i| r[(i * 7) % N]).collect();
        let ins = [
            float_tensor(t, &a),
            float_tensor(t, &b),
            float_tensor(t, &c),
        ];
        compare(&src, &ins, &ulps);
    }
}

#[test]
fn remaining_float_ops_and_casts_match_the_interpreter() {
    for (t, it, seed) in [
        ("f32", "i32", 21u64),
        ("f64", "i64", 22),
        ("f16", "i16", 23),
        ("bf16", "i16", 24),
    ] {
        let src = format!(
            r#"func.func @f(%A: memref<{N}x{t}>, %B: memref<{N}x{t}>, %C: memref<{N}x{t}>, %O0: memref<{N}x{t}>, %O1: memref<{N}x{t}>, %O2: memref<{N}xi1>, %O3: memref<{N}x{t}>, %O4: memref<{N}x{t}>, %O5: memref<{N}x{it}>, %O6: memref<{N}x{t}>) attributes {{strata.num_outputs = 7 : i64}} {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant {N} : index
  %three = arith.constant 3 : i32
  "loop.for"(%c0, %cn, %c1) ({{
  ^bb0(%i: index):
    %a = "loop.load"(%A, %i) : (memref<{N}x{t}>, index) -> {t}
    %b = "loop.load"(%B, %i) : (memref<{N}x{t}>, index) -> {t}
    %c = "loop.load"(%C, %i) : (memref<{N}x{t}>, index) -> {t}
    %cl = math.clampf %a to [%b, %c] : {t}
    %p = math.fpowi %a, %three : {t}, i32
    %n = math.isnormal %a : {t}
    %s, %co = math.sincos %a : {t}
    %bc = arith.bitcast %a : {t} to {it}
    %back = arith.bitcast %bc : {it} to {t}
    "loop.store"(%cl, %O0, %i) : ({t}, memref<{N}x{t}>, index) -> ()
    "loop.store"(%p, %O1, %i) : ({t}, memref<{N}x{t}>, index) -> ()
    "loop.store"(%n, %O2, %i) : (i1, memref<{N}xi1>, index) -> ()
    "loop.store"(%s, %O3, %i) : ({t}, memref<{N}x{t}>, index) -> ()
    "loop.store"(%co, %O4, %i) : ({t}, memref<{N}x{t}>, index) -> ()
    "loop.store"(%bc, %O5, %i) : ({it}, memref<{N}x{it}>, index) -> ()
    "loop.store"(%back, %O6, %i) : ({t}, memref<{N}x{t}>, index) -> ()
    "loop.yield"() : () -> ()
  }}) : (index, index, index) -> ()
  return
}}
"#
        );
        let edge = [
            0.0,
            -0.0,
            1.0,
            -1.5,
            f64::NAN,
            f64::INFINITY,
            1e-40,
            6e-5,
            1e-39,
            3.0,
        ];
        let r = values(N, seed, 3.0);
        let a: Vec<f64> = (0..N)
            .map(|i| if i < edge.len() { edge[i] } else { r[i] })
            .collect();
        let b: Vec<f64> = (0..N).map(|i| -(r[(i * 5) % N].abs())).collect();
        let c: Vec<f64> = (0..N).map(|i| r[(i * 7) % N].abs()).collect();
        let ins = [
            float_tensor(t, &a),
            float_tensor(t, &b),
            float_tensor(t, &c),
        ];
        // fpowi, sin and cos go through libm: within a few ulps for f32/f64.
        let approx: Vec<usize> = if t == "f32" || t == "f64" {
            vec![1, 3, 4]
        } else {
            vec![]
        };
        compare(&src, &ins, &approx);
    }
}

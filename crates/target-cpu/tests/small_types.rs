//! The 8- and 4-bit floats and the 4- and 2-bit integers in compiled code give the
//! interpreter's bits: every bit pattern of each small float decoded (`extf` to `f16`, `bf16`,
//! `f32`, `f64`), values on and between every representable value (and specials, overflows,
//! tiny values) encoded (`truncf` from `f32`, `f64` and `f16`), arithmetic that rounds back
//! to the small type, and the integer ops and casts on `i4`/`i2` over every value. The
//! arguments cross the runtime boundary as the small types themselves (one byte per
//! element), so the marshalling is checked too.

mod common;
use common::*;
use strata_interp::{encode_le, DType, Tensor};
use strata_ir::{minifloat, FloatKind};

const KINDS: [FloatKind; 6] = [
    FloatKind::F8E5M2,
    FloatKind::F8E4M3FN,
    FloatKind::F8E5M2FNUZ,
    FloatKind::F8E4M3FNUZ,
    FloatKind::F8E8M0FNU,
    FloatKind::F4E2M1FN,
];

/// A function over `n` elements: loads element `i` of each input (`ins`: name, type),
/// computes `ops` (`(name, op text, result type)`), stores each result.
fn program(n: usize, ins: &[(&str, &str)], ops: &[(String, String, String)]) -> String {
    let mut params: Vec<String> = ins
        .iter()
        .map(|(v, t)| format!("%{v}_m: memref<{n}x{t}>"))
        .collect();
    let mut body = String::new();
    for (v, t) in ins {
        body.push_str(&format!(
            "    %{v} = \"loop.load\"(%{v}_m, %i) : (memref<{n}x{t}>, index) -> {t}\n"
        ));
    }
    for (k, (name, text, rt)) in ops.iter().enumerate() {
        params.push(format!("%O{k}: memref<{n}x{rt}>"));
        body.push_str(&format!(
            "    %{name} = {text}\n    \"loop.store\"(%{name}, %O{k}, %i) : ({rt}, memref<{n}x{rt}>, index) -> ()\n"
        ));
    }
    format!(
        r#"func.func @f({}) attributes {{strata.num_outputs = {} : i64}} {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant {n} : index
  "loop.for"(%c0, %cn, %c1) ({{
  ^bb0(%i: index):
{body}    "loop.yield"() : () -> ()
  }}) : (index, index, index) -> ()
  return
}}
"#,
        params.join(", "),
        ops.len()
    )
}

fn op(name: &str, text: String, rt: &str) -> (String, String, String) {
    (name.to_string(), text, rt.to_string())
}

/// Exact comparison: the stored bytes of small types; NaNs of standard floats made
/// canonical (the interpreter's and C's quiet NaNs may differ in payload).
fn assert_same(want: &[Tensor], got: &[Tensor], what: &str) {
    assert_eq!(want.len(), got.len(), "{what}: number of results");
    for (k, (w, g)) in want.iter().zip(got).enumerate() {
        assert_eq!(w.dtype(), g.dtype(), "{what}: result {k} type");
        if w.dtype().is_small() {
            let (wb, gb) = (encode_le(w.data()), encode_le(g.data()));
            for (i, (a, b)) in wb.iter().zip(&gb).enumerate() {
                let mask = ((1u16 << w.dtype().bits()) - 1) as u8;
                assert_eq!(a & mask, b & mask, "{what}: result {k} element {i}");
            }
        } else {
            assert_eq!(bits(w), bits(g), "{what}: result {k}");
        }
    }
}

fn run_both(src: &str, inputs: &[Tensor], what: &str) {
    let art = compile(src, f64::INFINITY);
    let want = interp(src, &art, "f", inputs).unwrap_or_else(|e| panic!("{what}: {e}"));
    let got = native(&art, "f", inputs, 1).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_same(&want, &got, what);
}

/// Every bit pattern of each small float, decoded to each standard float type, and a
/// rounding op on the small type itself.
#[test]
fn decode_every_pattern() {
    for k in KINDS {
        let n = 1usize << k.width();
        let t = k.keyword();
        let x = Tensor::new(
            DType::of_float_kind(k),
            vec![n],
            strata_interp::Data::U8((0..n).map(|b| b as u8).collect()),
        )
        .expect("bit patterns");
        let ops = vec![
            op("a", format!("arith.extf %x : {t} to f32"), "f32"),
            op("b", format!("arith.extf %x : {t} to f64"), "f64"),
            op("c", format!("arith.extf %x : {t} to f16"), "f16"),
            op("d", format!("arith.extf %x : {t} to bf16"), "bf16"),
            op("e", format!("arith.addf %x, %x : {t}"), t),
            op("h", format!("arith.cmpf olt, %x, %x : {t}"), "i1"),
        ];
        run_both(&program(n, &[("x", t)], &ops), &[x], t);
    }
}

/// Values on and between the representable values of every small format, around the
/// overflow thresholds, specials and tiny values, as `f32`.
fn encode_inputs() -> Vec<f32> {
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
        v.extend([
            max,
            max * 1.03125,
            max * 1.0625,
            max * 1.5,
            max * 2.0,
            max * 4.0,
        ]);
    }
    v.extend([
        f64::NAN,
        f64::INFINITY,
        1e30,
        1e-30,
        1e-40,
        f64::from(f32::MAX),
        1.5 * 2f64.powi(127),
        0.0,
    ]);
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        out.push(x as f32);
        out.push(-x as f32);
    }
    out
}

/// `truncf` to every small format from `f32`, `f64` and `f16`.
#[test]
fn encode_values() {
    let xs = encode_inputs();
    let n = xs.len();
    let x = Tensor::from_vec(vec![n], xs).expect("inputs");
    let mut ops = vec![
        op("x64", "arith.extf %x : f32 to f64".into(), "f64"),
        op("x16", "arith.truncf %x : f32 to f16".into(), "f16"),
    ];
    for (j, k) in KINDS.iter().enumerate() {
        let t = k.keyword();
        ops.push(op(
            &format!("ta{j}"),
            format!("arith.truncf %x : f32 to {t}"),
            t,
        ));
        ops.push(op(
            &format!("tb{j}"),
            format!("arith.truncf %x64 : f64 to {t}"),
            t,
        ));
        ops.push(op(
            &format!("tc{j}"),
            format!("arith.truncf %x16 : f16 to {t}"),
            t,
        ));
    }
    run_both(&program(n, &[("x", "f32")], &ops), &[x], "truncf");
}

/// `i4` and `i2`: every pair of values through the integer ops, and the casts from and to
/// wider integers and floats (out-of-range and NaN floats included).
#[test]
fn small_integers() {
    for (w, dt) in [(4u32, DType::I4), (2, DType::I2)] {
        let t = format!("i{w}");
        let m = 1i64 << w;
        let n = (m * m) as usize;
        let lo = -(m / 2);
        let a: Vec<f64> = (0..n as i64).map(|i| (lo + i / m) as f64).collect();
        let b: Vec<f64> = (0..n as i64).map(|i| (lo + i % m) as f64).collect();
        let wide: Vec<i32> = (0..n as i32).map(|i| i * 37 - 300).collect();
        let fl: Vec<f32> = (0..n)
            .map(|i| match i % 5 {
                0 => f32::NAN,
                1 => (i as f32) * 0.7 - 20.0,
                2 => 1e10,
                3 => -(i as f32) * 1.3,
                _ => 2.5,
            })
            .collect();
        let ins = vec![
            Tensor::from_f64s(dt, vec![n], &a).expect("a"),
            Tensor::from_f64s(dt, vec![n], &b).expect("b"),
            Tensor::from_vec(vec![n], wide).expect("wide"),
            Tensor::from_vec(vec![n], fl).expect("floats"),
        ];
        let mut ops = Vec::new();
        for o in [
            "addi", "subi", "muli", "andi", "ori", "xori", "maxsi", "minsi", "maxui", "minui",
            "shli", "shrui", "shrsi",
        ] {
            ops.push(op(o, format!("arith.{o} %a, %b : {t}"), &t));
        }
        for p in ["eq", "slt", "ult", "sge", "uge"] {
            ops.push(op(
                &format!("c{p}"),
                format!("arith.cmpi {p}, %a, %b : {t}"),
                "i1",
            ));
        }
        ops.extend([
            op("s", format!("arith.extsi %a : {t} to i32"), "i32"),
            op("u", format!("arith.extui %a : {t} to i32"), "i32"),
            op("tr", format!("arith.trunci %w : i32 to {t}"), &t),
            op("sf", format!("arith.sitofp %a : {t} to f32"), "f32"),
            op("uf", format!("arith.uitofp %a : {t} to f16"), "f16"),
            op("fs", format!("arith.fptosi %f : f32 to {t}"), &t),
            op("fu", format!("arith.fptoui %f : f32 to {t}"), &t),
        ]);
        let src = program(n, &[("a", &t), ("b", &t), ("w", "i32"), ("f", "f32")], &ops);
        run_both(&src, &ins, &t);
    }
}

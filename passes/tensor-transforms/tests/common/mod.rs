//! Shared by the property tests of the tensor transforms: a generator of random graph
//! programs made of the ops whose tensor forms the transforms meet in the cpu pipeline
//! (element-wise chains with broadcasting, matmul with bias and relu, transpose,
//! reductions, softmax, layer_norm, batch_norm, conv), and a runner that lowers a program
//! with `graph-to-tensor{full=true},tensor-generalize`, optionally applies a pipeline, and
//! interprets it.

#![allow(dead_code)]

use strata_interp::{DType, Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

/// A deterministic generator (splitmix64).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }
    /// A value of magnitude in [0.25, 2] and random sign.
    pub fn f32(&mut self) -> f32 {
        let m = 0.25 + ((self.next() >> 40) as f32 / (1u64 << 24) as f32) * 1.75;
        if self.coin() {
            m
        } else {
            -m
        }
    }
}

pub fn ty(shape: &[usize]) -> String {
    let mut s = String::from("tensor<");
    for d in shape {
        s += &format!("{d}x");
    }
    s + "f32>"
}

fn arr(v: &[i64]) -> String {
    if v.is_empty() {
        return "array<i64>".into();
    }
    let items: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    format!("array<i64: {}>", items.join(", "))
}

/// A random graph program: arguments, op lines, values and the values returned.
pub struct Prog {
    pub args: Vec<Vec<usize>>,
    lines: Vec<String>,
    vals: Vec<Vec<usize>>,
    rets: Vec<usize>,
}

impl Prog {
    fn arg(&mut self, shape: Vec<usize>) -> String {
        self.args.push(shape);
        format!("%a{}", self.args.len() - 1)
    }
    fn push(&mut self, text: String, shape: Vec<usize>) {
        self.lines.push(format!("  %v{} = {text}", self.vals.len()));
        self.vals.push(shape);
    }
    pub fn text(&self) -> String {
        let params: Vec<String> = self
            .args
            .iter()
            .enumerate()
            .map(|(i, s)| format!("%a{i}: {}", ty(s)))
            .collect();
        let names: Vec<String> = self.rets.iter().map(|i| format!("%v{i}")).collect();
        let tys: Vec<String> = self.rets.iter().map(|&i| ty(&self.vals[i])).collect();
        format!(
            "func.func @f({}) -> ({}) {{\n{}\n  return {} : {}\n}}\n",
            params.join(", "),
            tys.join(", "),
            self.lines.join("\n"),
            names.join(", "),
            tys.join(", ")
        )
    }
    /// Random inputs for the arguments.
    pub fn inputs(&self, rng: &mut Rng) -> Vec<Tensor> {
        self.args
            .iter()
            .map(|s| {
                let n: usize = s.iter().product();
                let v: Vec<f64> = (0..n).map(|_| rng.f32() as f64).collect();
                Tensor::from_f64s(DType::F32, s.clone(), &v).expect("tensor")
            })
            .collect()
    }
}

/// A shape that broadcasts with `s`: a suffix of it with some dims set to 1.
fn broadcastable(rng: &mut Rng, s: &[usize]) -> Vec<usize> {
    let k = rng.below(s.len() + 1);
    s[k..]
        .iter()
        .map(|&d| if rng.below(3) == 0 { 1 } else { d })
        .collect()
}

/// A random program of 1 to 6 ops on values of rank 2 or 4.
pub fn gen(rng: &mut Rng) -> Prog {
    let mut p = Prog {
        args: Vec::new(),
        lines: Vec::new(),
        vals: Vec::new(),
        rets: Vec::new(),
    };
    let rank = if rng.coin() { 2 } else { 4 };
    let s0: Vec<usize> = (0..rank).map(|_| 1 + rng.below(4)).collect();
    let a0 = p.arg(s0.clone());
    p.push(
        format!("\"graph.relu\"({a0}) : ({t}) -> {t}", t = ty(&s0)),
        s0,
    );
    let n = 1 + rng.below(6);
    for _ in 0..n {
        // Prefer the newest value, so chains form; sometimes an older one (several uses).
        let i = if rng.below(3) == 0 {
            rng.below(p.vals.len())
        } else {
            p.vals.len() - 1
        };
        let x = format!("%v{i}");
        let s = p.vals[i].clone();
        let t = ty(&s);
        match rng.below(11) {
            0..=2 => {
                let ops = ["add", "sub", "mul", "div", "max", "min"];
                let op = ops[rng.below(ops.len())];
                // The other operand: an argument or an earlier value of the same shape.
                let (y, o) = match (0..p.vals.len()).find(|&j| j != i && p.vals[j] == s) {
                    Some(j) if rng.coin() => (format!("%v{j}"), s.clone()),
                    _ => {
                        let o = broadcastable(rng, &s);
                        (p.arg(o.clone()), o)
                    }
                };
                let (l, r, lt, rt) = if rng.coin() {
                    (x, y, t.clone(), ty(&o))
                } else {
                    (y, x, ty(&o), t.clone())
                };
                p.push(format!("\"graph.{op}\"({l}, {r}) : ({lt}, {rt}) -> {t}"), s);
            }
            3 | 4 => {
                let ops = ["relu", "neg", "abs", "exp", "tanh", "sigmoid", "sqrt"];
                let op = ops[rng.below(ops.len())];
                p.push(format!("\"graph.{op}\"({x}) : ({t}) -> {t}"), s);
            }
            5 => {
                let mut perm: Vec<usize> = (0..s.len()).collect();
                for j in (1..perm.len()).rev() {
                    perm.swap(j, rng.below(j + 1));
                }
                let o: Vec<usize> = perm.iter().map(|&j| s[j]).collect();
                let pa = arr(&perm.iter().map(|&j| j as i64).collect::<Vec<_>>());
                p.push(
                    format!(
                        "\"graph.transpose\"({x}) <{{perm = {pa}}}> : ({t}) -> {}",
                        ty(&o)
                    ),
                    o,
                );
            }
            6 => {
                let ops = ["sum", "max", "mean"];
                let op = ops[rng.below(ops.len())];
                let ax = rng.below(s.len());
                let o: Vec<usize> = (0..s.len())
                    .map(|j| if j == ax { 1 } else { s[j] })
                    .collect();
                p.push(
                    format!(
                        "\"graph.reduce_{op}\"({x}) <{{axes = array<i64: {ax}>, keepdims = 1 : i64}}> : ({t}) -> {}",
                        ty(&o)
                    ),
                    o,
                );
            }
            7 => {
                let op = if rng.coin() { "softmax" } else { "log_softmax" };
                let ax = rng.below(s.len());
                p.push(
                    format!("\"graph.{op}\"({x}) <{{axis = {ax} : i64}}> : ({t}) -> {t}"),
                    s,
                );
            }
            8 => {
                let ax = rng.below(s.len());
                let g = p.arg(s[ax..].to_vec());
                let b = p.arg(s[ax..].to_vec());
                let st = ty(&s[ax..]);
                p.push(
                    format!(
                        "\"graph.layer_norm\"({x}, {g}, {b}) <{{axis = {ax} : i64, epsilon = 1.000000e-02 : f32}}> : ({t}, {st}, {st}) -> {t}"
                    ),
                    s,
                );
            }
            9 if s.len() == 2 => {
                // matmul, bias, relu.
                let nn = 1 + rng.below(4);
                let w = p.arg(vec![s[1], nn]);
                let b = p.arg(vec![nn]);
                let o = vec![s[0], nn];
                let ot = ty(&o);
                p.push(
                    format!(
                        "\"graph.matmul\"({x}, {w}) : ({t}, {}) -> {ot}",
                        ty(&[s[1], nn])
                    ),
                    o.clone(),
                );
                let m = format!("%v{}", p.vals.len() - 1);
                p.push(
                    format!("\"graph.add\"({m}, {b}) : ({ot}, {}) -> {ot}", ty(&[nn])),
                    o.clone(),
                );
                let a = format!("%v{}", p.vals.len() - 1);
                p.push(format!("\"graph.relu\"({a}) : ({ot}) -> {ot}"), o);
            }
            9 => {
                let c = s[1];
                let ct = ty(&[c]);
                let args: Vec<String> = (0..4).map(|_| p.arg(vec![c])).collect();
                let var = format!("%c{}", p.vals.len());
                p.lines.push(format!(
                    "  {var} = \"graph.abs\"({}) : ({ct}) -> {ct}",
                    args[3]
                ));
                p.push(
                    format!(
                        "\"graph.batch_norm\"({x}, {}, {}, {}, {var}) <{{epsilon = 1.000000e-02 : f32}}> : ({t}, {ct}, {ct}, {ct}, {ct}) -> {t}",
                        args[0], args[1], args[2]
                    ),
                    s,
                );
            }
            _ if s.len() == 4 => {
                // conv (same padding for 3x3), bias, relu.
                let f = 1 + rng.below(3);
                let k = if rng.coin() { 1 } else { 3 };
                let pd = (k / 2) as i64;
                let ws = vec![f, s[1], k, k];
                let w = p.arg(ws.clone());
                let b = p.arg(vec![f]);
                let o = vec![s[0], f, s[2], s[3]];
                let ot = ty(&o);
                p.push(
                    format!(
                        "\"graph.conv\"({x}, {w}, {b}) <{{dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: {k}, {k}>, pads = array<i64: {pd}, {pd}, {pd}, {pd}>, strides = array<i64: 1, 1>}}> : ({t}, {}, {}) -> {ot}",
                        ty(&ws),
                        ty(&[f])
                    ),
                    o.clone(),
                );
                let a = format!("%v{}", p.vals.len() - 1);
                p.push(format!("\"graph.relu\"({a}) : ({ot}) -> {ot}"), o);
            }
            _ => {
                p.push(format!("\"graph.sigmoid\"({x}) : ({t}) -> {t}"), s);
            }
        }
    }
    p.rets.push(p.vals.len() - 1);
    if rng.below(3) == 0 {
        let j = rng.below(p.vals.len() - 1);
        p.rets.insert(0, j);
    }
    p
}

/// Parse `src`, lower it with `graph-to-tensor{full=true},tensor-generalize`, run
/// `pipeline` (when not empty) with verification, and interpret `@f`. Returns the results
/// and the printed IR.
pub fn lower_and_run(src: &str, pipeline: &str, inputs: &[Tensor]) -> (Vec<Tensor>, String) {
    let ctx = strata::default_context();
    let mut m =
        strata_ir::text::parse(&ctx, "prop.mlir", src, &Default::default()).unwrap_or_else(|d| {
            panic!(
                "parse: {:?}\n{src}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        });
    let mut full = "graph-to-tensor{full=true},tensor-generalize".to_string();
    if !pipeline.is_empty() {
        full = format!("{full},{pipeline}");
    }
    let pm = PassManager::new(parse_pipeline(&full, "builtin.module").expect("pipeline"));
    let report = pm.run(&ctx, &mut m);
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    assert!(
        !report.failed,
        "{full} failed: {:?}\n{src}\n{text}",
        report
            .diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    strata_ir::verify::verify_module(&ctx, &m).unwrap_or_else(|d| {
        panic!(
            "verify: {:?}\n{text}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    });
    let out = Interpreter::new(&ctx, &m)
        .run("f", inputs)
        .unwrap_or_else(|d| panic!("interp: {}\n{text}", d.message));
    (out, text)
}

/// The IR of `src` lowered with `graph-to-tensor{full=true},tensor-generalize,pipeline`.
pub fn lower(src: &str, pipeline: &str) -> String {
    let ctx = strata::default_context();
    let mut m =
        strata_ir::text::parse(&ctx, "prop.mlir", src, &Default::default()).unwrap_or_else(|d| {
            panic!(
                "parse: {:?}\n{src}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        });
    let full = format!("graph-to-tensor{{full=true}},tensor-generalize,{pipeline}");
    let pm = PassManager::new(parse_pipeline(&full, "builtin.module").expect("pipeline"));
    let report = pm.run(&ctx, &mut m);
    assert!(!report.failed, "{full} failed\n{src}");
    strata_ir::text::print_module(&ctx, &m, &Default::default())
}

/// Assert that `want` and `got` are the same tensors bit for bit.
pub fn assert_bit_exact(want: &[Tensor], got: &[Tensor], what: &str) {
    assert_eq!(want.len(), got.len(), "result count\n{what}");
    for (k, (w, g)) in want.iter().zip(got).enumerate() {
        assert_eq!(w.shape(), g.shape(), "result {k} shape\n{what}");
        for (i, (a, b)) in w.to_f64_vec().into_iter().zip(g.to_f64_vec()).enumerate() {
            assert!(
                a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                "result {k} element {i}: {a} before vs {b} after\n{what}"
            );
        }
    }
}

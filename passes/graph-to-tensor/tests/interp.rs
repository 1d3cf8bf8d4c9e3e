//! Soundness of `graph-to-tensor` against the reference interpreter: random small graph
//! programs of the converted ops (random static shapes with numpy broadcasting, random f32
//! data) give the same results before and after the conversion, which must convert every op
//! (`full=true`), and a second run of which changes nothing.
//!
//! Results are compared bit for bit when every op of the program computes in the same order
//! in both forms (element-wise arithmetic, min/max/clip/relu, where, comparisons, data
//! movement, reductions, whose tensor form visits the reduced elements in the same order as
//! the graph semantics), and otherwise within a relative error of 1e-5 (with an absolute
//! floor of 1e-5 for results near zero, where the rounding error of a reassociated sum is
//! relative to the summands, not to the result): sigmoid, softmax, matmul and gemm round
//! intermediate results where the graph semantics do not.

use proptest::prelude::*;
use strata_interp::{DType, Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

/// A deterministic generator (splitmix64) driven by the proptest seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }
    /// A value of magnitude in [0.25, 2] and random sign: away from zero, so that a
    /// division by an input does not amplify the rounding differences of a reassociated
    /// operand beyond the tolerance (a test of conditioning, not of the conversion).
    fn f32(&mut self) -> f32 {
        let m = 0.25 + ((self.next() >> 40) as f32 / (1u64 << 24) as f32) * 1.75;
        if self.coin() {
            m
        } else {
            -m
        }
    }
}

fn ty(shape: &[usize]) -> String {
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

/// A random program: function arguments, op lines, and the values returned.
struct Prog {
    args: Vec<Vec<usize>>,
    lines: Vec<String>,
    vals: Vec<Vec<usize>>,
    exact: bool,
}

impl Prog {
    fn arg(&mut self, shape: Vec<usize>) -> String {
        self.args.push(shape);
        format!("%a{}", self.args.len() - 1)
    }
    fn name(&self, i: usize) -> String {
        format!("%v{i}")
    }
    /// Add an op `text` (with `{r}` for the result name) of result `shape`.
    fn push(&mut self, text: String, shape: Vec<usize>) {
        let r = self.name(self.vals.len());
        self.lines.push(format!("  {r} = {text}"));
        self.vals.push(shape);
    }
    fn text(&self) -> String {
        let params: Vec<String> = self
            .args
            .iter()
            .enumerate()
            .map(|(i, s)| format!("%a{i}: {}", ty(s)))
            .collect();
        let names: Vec<String> = (0..self.vals.len()).map(|i| self.name(i)).collect();
        let tys: Vec<String> = self.vals.iter().map(|s| ty(s)).collect();
        format!(
            "func.func @f({}) -> ({}) {{\n{}\n  return {} : {}\n}}\n",
            params.join(", "),
            tys.join(", "),
            self.lines.join("\n"),
            names.join(", "),
            tys.join(", ")
        )
    }
}

fn random_shape(rng: &mut Rng, max_rank: usize) -> Vec<usize> {
    (0..rng.below(max_rank + 1))
        .map(|_| 1 + rng.below(4))
        .collect()
}

/// A shape that broadcasts with `s`: a suffix of it with some dims set to 1.
fn broadcastable(rng: &mut Rng, s: &[usize]) -> Vec<usize> {
    let k = rng.below(s.len() + 1);
    s[k..]
        .iter()
        .map(|&d| if rng.below(3) == 0 { 1 } else { d })
        .collect()
}

fn gen(rng: &mut Rng) -> Prog {
    let mut p = Prog {
        args: Vec::new(),
        lines: Vec::new(),
        vals: Vec::new(),
        exact: true,
    };
    let s0 = if rng.below(3) == 0 {
        (0..4).map(|_| 1 + rng.below(4)).collect()
    } else {
        random_shape(rng, 4)
    };
    let a0 = p.arg(s0.clone());
    // The first value: a copy through relu, so every later op reads an SSA value of the pool.
    p.push(
        format!("\"graph.relu\"({a0}) : ({t}) -> {t}", t = ty(&s0)),
        s0,
    );
    let n = 1 + rng.below(5);
    for _ in 0..n {
        let i = rng.below(p.vals.len());
        let x = p.name(i);
        let s = p.vals[i].clone();
        let t = ty(&s);
        match rng.below(22) {
            0 | 1 => {
                let ops = ["add", "sub", "mul", "div", "max", "min"];
                let op = ops[rng.below(ops.len())];
                let o = broadcastable(rng, &s);
                let y = p.arg(o.clone());
                let (l, r, ls, rs) = if rng.coin() {
                    (x, y, s.clone(), o)
                } else {
                    (y, x, o, s.clone())
                };
                p.push(
                    format!(
                        "\"graph.{op}\"({l}, {r}) : ({}, {}) -> {t}",
                        ty(&ls),
                        ty(&rs)
                    ),
                    s,
                );
            }
            2 => {
                let ops = [
                    "neg",
                    "abs",
                    "exp",
                    "tanh",
                    "sigmoid",
                    "relu",
                    "floor",
                    "ceil",
                    "sqrt",
                    "log",
                    "reciprocal",
                    "sign",
                ];
                let op = ops[rng.below(ops.len())];
                if !matches!(
                    op,
                    "neg" | "abs" | "relu" | "floor" | "ceil" | "reciprocal" | "sign"
                ) {
                    p.exact = false;
                }
                p.push(format!("\"graph.{op}\"({x}) : ({t}) -> {t}"), s);
            }
            3 => {
                let (lo, hi) = (-(rng.below(3) as f32) * 0.5, rng.below(3) as f32 * 0.5);
                let text = match rng.below(3) {
                    0 => format!("<{{min = {lo:.1} : f32}}>"),
                    1 => format!("<{{max = {hi:.1} : f32}}>"),
                    _ => format!("<{{max = {hi:.1} : f32, min = {lo:.1} : f32}}>"),
                };
                p.push(format!("\"graph.clip\"({x}) {text} : ({t}) -> {t}"), s);
            }
            4 => {
                let o = broadcastable(rng, &s);
                let y = p.arg(o.clone());
                let bt = format!(
                    "tensor<{}i1>",
                    s.iter().map(|d| format!("{d}x")).collect::<String>()
                );
                // The i1 comparison is an intermediate, not a returned value.
                let c = format!("%c{}", p.vals.len());
                p.lines.push(format!(
                    "  {c} = \"graph.less\"({x}, {y}) : ({t}, {}) -> {bt}",
                    ty(&o)
                ));
                p.push(
                    format!(
                        "\"graph.where\"({c}, {y}, {x}) : ({bt}, {}, {t}) -> {t}",
                        ty(&o)
                    ),
                    s,
                );
            }
            5 if s.len() >= 2 => {
                p.exact = false;
                let r = s.len();
                let k = s[r - 1];
                let nn = 1 + rng.below(4);
                let mut bs = broadcastable(rng, &s[..r - 2]);
                bs.extend([k, nn]);
                let y = p.arg(bs.clone());
                let mut o = s[..r - 2].to_vec();
                o.extend([s[r - 2], nn]);
                p.push(
                    format!(
                        "\"graph.matmul\"({x}, {y}) : ({t}, {}) -> {}",
                        ty(&bs),
                        ty(&o)
                    ),
                    o,
                );
            }
            6 if s.len() == 2 => {
                p.exact = false;
                let (ta, tb) = (rng.coin(), rng.coin());
                let (m, k) = if ta { (s[1], s[0]) } else { (s[0], s[1]) };
                let nn = 1 + rng.below(4);
                let bs = if tb { vec![nn, k] } else { vec![k, nn] };
                let y = p.arg(bs.clone());
                let cs = broadcastable(rng, &[m, nn]);
                let c = p.arg(cs.clone());
                p.push(
                    format!(
                        "\"graph.gemm\"({x}, {y}, {c}) <{{alpha = 5.000000e-01 : f32, beta = 1.500000e+00 : f32, trans_a = {} : i64, trans_b = {} : i64}}> : ({t}, {}, {}) -> {}",
                        ta as i64,
                        tb as i64,
                        ty(&bs),
                        ty(&cs),
                        ty(&[m, nn])
                    ),
                    vec![m, nn],
                );
            }
            7 => {
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
            8 => {
                // Reshape to the dims in reverse order, or flatten at a random axis.
                if rng.coin() {
                    let o: Vec<usize> = s.iter().rev().copied().collect();
                    let sa = arr(&o.iter().map(|&d| d as i64).collect::<Vec<_>>());
                    p.push(
                        format!(
                            "\"graph.reshape\"({x}) <{{shape = {sa}}}> : ({t}) -> {}",
                            ty(&o)
                        ),
                        o,
                    );
                } else {
                    let a = rng.below(s.len() + 1);
                    let o = vec![
                        s[..a].iter().product::<usize>(),
                        s[a..].iter().product::<usize>(),
                    ];
                    p.push(
                        format!(
                            "\"graph.flatten\"({x}) <{{axis = {a} : i64}}> : ({t}) -> {}",
                            ty(&o)
                        ),
                        o,
                    );
                }
            }
            9 => {
                let ops = ["sum", "mean", "max", "min", "prod"];
                let op = ops[rng.below(ops.len())];
                let keep = rng.coin();
                let axes: Vec<usize> = (0..s.len()).filter(|_| rng.coin()).collect();
                let red: Vec<bool> = if axes.is_empty() {
                    vec![true; s.len()]
                } else {
                    (0..s.len()).map(|j| axes.contains(&j)).collect()
                };
                let o: Vec<usize> = (0..s.len())
                    .filter_map(|j| match (red[j], keep) {
                        (false, _) => Some(s[j]),
                        (true, true) => Some(1),
                        (true, false) => None,
                    })
                    .collect();
                let ax = if axes.is_empty() {
                    String::new()
                } else {
                    format!(
                        "axes = {}, ",
                        arr(&axes
                            .iter()
                            .map(|&j| j as i64 - s.len() as i64 * rng.below(2) as i64)
                            .collect::<Vec<_>>())
                    )
                };
                p.push(
                    format!(
                        "\"graph.reduce_{op}\"({x}) <{{{ax}keepdims = {} : i64}}> : ({t}) -> {}",
                        keep as i64,
                        ty(&o)
                    ),
                    o,
                );
            }
            10 if !s.is_empty() => {
                p.exact = false;
                let op = if rng.coin() { "softmax" } else { "log_softmax" };
                let a = rng.below(s.len()) as i64 - s.len() as i64 * rng.below(2) as i64;
                p.push(
                    format!("\"graph.{op}\"({x}) <{{axis = {a} : i64}}> : ({t}) -> {t}"),
                    s,
                );
            }
            11 if !s.is_empty() => {
                let a = rng.below(s.len());
                let mut o = s.clone();
                o[a] *= 2;
                p.push(
                    format!(
                        "\"graph.concat\"({x}, {x}) <{{axis = {a} : i64}}> : ({t}, {t}) -> {}",
                        ty(&o)
                    ),
                    o,
                );
            }
            12 if !s.is_empty() => {
                let a = rng.below(s.len());
                let d = s[a] as i64;
                let st = rng.below(d as usize) as i64;
                let en = st + 1 + rng.below((d - st) as usize) as i64;
                let step = 1 + rng.below(2) as i64;
                let mut o = s.clone();
                o[a] = ((en - st + step - 1) / step) as usize;
                let en_text = if en == d && rng.coin() { 1000 } else { en };
                p.push(
                    format!(
                        "\"graph.slice\"({x}) <{{axes = {}, ends = {}, starts = {}, steps = {}}}> : ({t}) -> {}",
                        arr(&[a as i64]),
                        arr(&[en_text]),
                        arr(&[st]),
                        arr(&[step]),
                        ty(&o)
                    ),
                    o,
                );
            }
            13..=15 if s.len() == 4 => nn(rng, &mut p, &x, &s),
            16 => {
                p.exact = false;
                let text = match rng.below(7) {
                    0 => "\"graph.elu\"({x}) <{alpha = 5.000000e-01 : f32}>".to_string(),
                    1 => "\"graph.hard_sigmoid\"({x}) <{alpha = 2.500000e-01 : f32, beta = 5.000000e-01 : f32}>".to_string(),
                    2 => "\"graph.hard_swish\"({x})".to_string(),
                    3 => "\"graph.gelu\"({x}) <{approximate = \"tanh\"}>".to_string(),
                    4 => "\"graph.gelu\"({x})".to_string(),
                    5 => "\"graph.leaky_relu\"({x}) <{alpha = 1.000000e-01 : f32}>".to_string(),
                    _ => "\"graph.dropout\"({x})".to_string(),
                };
                let text = text.replace("{x}", &x);
                p.push(format!("{text} : ({t}) -> {t}"), s);
            }
            17 => {
                if rng.coin() {
                    let o = broadcastable(rng, &s);
                    let y = p.arg(o.clone());
                    p.exact = false;
                    p.push(
                        format!("\"graph.prelu\"({x}, {y}) : ({t}, {}) -> {t}", ty(&o)),
                        s,
                    );
                } else {
                    let mut o: Vec<usize> = s
                        .iter()
                        .map(|&d| if d == 1 { 1 + rng.below(3) } else { d })
                        .collect();
                    if o.len() < 4 && rng.coin() {
                        o.insert(0, 1 + rng.below(3));
                    }
                    let sa = arr(&o.iter().map(|&d| d as i64).collect::<Vec<_>>());
                    p.push(
                        format!(
                            "\"graph.expand\"({x}) <{{shape = {sa}}}> : ({t}) -> {}",
                            ty(&o)
                        ),
                        o,
                    );
                }
            }
            19 if s.len() == 1 => {
                // Matmul with 1-D operands.
                p.exact = false;
                let k = s[0];
                let (text, o) = match rng.below(3) {
                    0 => {
                        let y = p.arg(vec![k]);
                        (format!("\"graph.matmul\"({x}, {y}) : ({t}, {t})"), vec![])
                    }
                    1 => {
                        let nn = 1 + rng.below(3);
                        let bs = vec![1 + rng.below(2), k, nn];
                        let y = p.arg(bs.clone());
                        let o = vec![bs[0], nn];
                        (
                            format!("\"graph.matmul\"({x}, {y}) : ({t}, {})", ty(&bs)),
                            o,
                        )
                    }
                    _ => {
                        let m = 1 + rng.below(3);
                        let as_ = vec![m, k];
                        let y = p.arg(as_.clone());
                        (
                            format!("\"graph.matmul\"({y}, {x}) : ({}, {t})", ty(&as_)),
                            vec![m],
                        )
                    }
                };
                p.push(format!("{text} -> {}", ty(&o)), o);
            }
            20 if !s.is_empty() => {
                let reps: Vec<i64> = s.iter().map(|_| 1 + rng.below(2) as i64).collect();
                let o: Vec<usize> = s.iter().zip(&reps).map(|(&d, &r)| d * r as usize).collect();
                p.push(
                    format!(
                        "\"graph.tile\"({x}) <{{repeats = {}}}> : ({t}) -> {}",
                        arr(&reps),
                        ty(&o)
                    ),
                    o,
                );
            }
            21 if s.iter().any(|&d| d / 2 * 2 == d) => {
                let ax = (0..s.len()).find(|&i| s[i] / 2 * 2 == s[i]).unwrap_or(0);
                let mut o = s.clone();
                o[ax] /= 2;
                let h = format!("%s{}", p.vals.len());
                let ot = ty(&o);
                p.lines.push(format!(
                    "  {h}:2 = \"graph.split\"({x}) <{{axis = {ax} : i64, num_outputs = 2 : i64}}> : ({t}) -> ({ot}, {ot})"
                ));
                p.push(
                    format!("\"graph.sub\"({h}#0, {h}#1) : ({ot}, {ot}) -> {ot}"),
                    o,
                );
            }
            18 if !s.is_empty() => {
                p.exact = false;
                let ax = rng.below(s.len());
                let scale = broadcastable(rng, &s[ax..]);
                let g = p.arg(scale.clone());
                let (bias, bty) = if rng.coin() {
                    let bs = broadcastable(rng, &s[ax..]);
                    let b = p.arg(bs.clone());
                    (format!(", {b}"), format!(", {}", ty(&bs)))
                } else {
                    (String::new(), String::new())
                };
                let axt = ax as i64 - s.len() as i64 * rng.below(2) as i64;
                p.push(
                    format!(
                        "\"graph.layer_norm\"({x}, {g}{bias}) <{{axis = {axt} : i64, epsilon = 1.000000e-02 : f32}}> : ({t}, {}{bty}) -> {t}",
                        ty(&scale)
                    ),
                    s,
                );
            }
            _ => {
                p.push(format!("\"graph.tanh\"({x}) : ({t}) -> {t}"), s);
                p.exact = false;
            }
        }
    }
    p
}

/// A random NCHW op on `x` of shape `s` (rank 4): conv, pooling, batch_norm, pad.
fn nn(rng: &mut Rng, p: &mut Prog, x: &str, s: &[usize]) {
    p.exact = false;
    let t = ty(s);
    let (h, w) = (s[2] as i64, s[3] as i64);
    match rng.below(7) {
        0 => {
            let c = s[1];
            let divs: Vec<usize> = (1..=c).filter(|g| c / g * g == c).collect();
            let g = divs[rng.below(divs.len())];
            let f = g * (1 + rng.below(2));
            let k = [1 + rng.below(3) as i64, 1 + rng.below(3) as i64];
            let st = [1 + rng.below(2) as i64, 1 + rng.below(2) as i64];
            let dl = [1 + rng.below(2) as i64, 1 + rng.below(2) as i64];
            let pd: Vec<i64> = (0..4).map(|_| rng.below(2) as i64).collect();
            let span = [(k[0] - 1) * dl[0] + 1, (k[1] - 1) * dl[1] + 1];
            let ext = [h + pd[0] + pd[2] - span[0], w + pd[1] + pd[3] - span[1]];
            if ext[0] < 0 || ext[1] < 0 {
                p.push(format!("\"graph.sigmoid\"({x}) : ({t}) -> {t}"), s.to_vec());
                return;
            }
            let o = vec![
                s[0],
                f,
                (ext[0] / st[0] + 1) as usize,
                (ext[1] / st[1] + 1) as usize,
            ];
            let ws = vec![f, c / g, k[0] as usize, k[1] as usize];
            let wv = p.arg(ws.clone());
            let (bias, bty) = if rng.coin() {
                let b = p.arg(vec![f]);
                (format!(", {b}"), format!(", {}", ty(&[f])))
            } else {
                (String::new(), String::new())
            };
            p.push(
                format!(
                    "\"graph.conv\"({x}, {wv}{bias}) <{{dilations = {}, group = {g} : i64, kernel_shape = {}, pads = {}, strides = {}}}> : ({t}, {}{bty}) -> {}",
                    arr(&dl), arr(&k), arr(&pd), arr(&st), ty(&ws), ty(&o)
                ),
                o,
            );
        }
        1 => {
            let max = rng.coin();
            let k = [1 + rng.below(3) as i64, 1 + rng.below(3) as i64];
            let st = [1 + rng.below(2) as i64, 1 + rng.below(2) as i64];
            let dl = if max {
                [1 + rng.below(2) as i64, 1]
            } else {
                [1, 1]
            };
            // No pads with dilations: a dilated window can then lie wholly in the padding,
            // where the interpreter's max_pool gives an input element while the padded
            // tensor form gives -inf (reported; the interpreter is not ours to change).
            let pd: Vec<i64> = (0..4)
                .map(|i| {
                    if dl[i % 2] > 1 {
                        0
                    } else {
                        rng.below(k[i % 2] as usize) as i64
                    }
                })
                .collect();
            let ceil = rng.coin();
            let span = [(k[0] - 1) * dl[0] + 1, (k[1] - 1) * dl[1] + 1];
            let ext = [h + pd[0] + pd[2] - span[0], w + pd[1] + pd[3] - span[1]];
            if ext[0] < 0 || ext[1] < 0 {
                p.push(format!("\"graph.relu\"({x}) : ({t}) -> {t}"), s.to_vec());
                return;
            }
            let n = |e: i64, st: i64| {
                if ceil {
                    (e + st - 1) / st + 1
                } else {
                    e / st + 1
                }
            };
            let mut oh = n(ext[0], st[0]);
            let mut ow = n(ext[1], st[1]);
            // ONNX drops a last window that would start in the end padding.
            if ceil && (oh - 1) * st[0] >= h + pd[0] {
                oh -= 1;
            }
            if ceil && (ow - 1) * st[1] >= w + pd[1] {
                ow -= 1;
            }
            let o = vec![s[0], s[1], oh as usize, ow as usize];
            let (name, extra) = if max {
                ("max_pool", format!("dilations = {}, ", arr(&dl)))
            } else {
                (
                    "average_pool",
                    format!("count_include_pad = {} : i64, ", rng.below(2)),
                )
            };
            p.push(
                format!(
                    "\"graph.{name}\"({x}) <{{ceil_mode = {} : i64, {extra}kernel_shape = {}, pads = {}, strides = {}}}> : ({t}) -> {}",
                    ceil as i64, arr(&k), arr(&pd), arr(&st), ty(&o)
                ),
                o,
            );
        }
        2 => {
            let c = s[1];
            let args: Vec<String> = (0..4).map(|_| p.arg(vec![c])).collect();
            let ct = ty(&[c]);
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
                s.to_vec(),
            );
        }
        4 => {
            let c = s[1];
            let ct = ty(&[c]);
            let (g, b) = (p.arg(vec![c]), p.arg(vec![c]));
            p.push(
                format!(
                    "\"graph.instance_norm\"({x}, {g}, {b}) <{{epsilon = 1.000000e-02 : f32}}> : ({t}, {ct}, {ct}) -> {t}"
                ),
                s.to_vec(),
            );
        }
        5 => {
            let size = 1 + rng.below(4);
            p.push(
                format!(
                    "\"graph.lrn\"({x}) <{{alpha = 5.000000e-01 : f32, beta = 7.500000e-01 : f32, bias = 1.000000e+00 : f32, size = {size} : i64}}> : ({t}) -> {t}"
                ),
                s.to_vec(),
            );
        }
        3 => {
            let pd: Vec<i64> = (0..8).map(|_| rng.below(3) as i64).collect();
            let o: Vec<usize> = (0..4)
                .map(|i| s[i] + (pd[i] + pd[4 + i]) as usize)
                .collect();
            p.push(
                format!(
                    "\"graph.pad\"({x}) <{{constant_value = 5.000000e-01 : f32, mode = \"constant\", pads = {}}}> : ({t}) -> {}",
                    arr(&pd), ty(&o)
                ),
                o,
            );
        }
        _ => {
            let name = if rng.coin() {
                "global_average_pool"
            } else {
                "global_max_pool"
            };
            let o = vec![s[0], s[1], 1, 1];
            p.push(format!("\"graph.{name}\"({x}) : ({t}) -> {}", ty(&o)), o);
        }
    }
}

fn run(src: &str, convert: bool, inputs: &[Tensor]) -> (Vec<Tensor>, String) {
    let ctx = strata::default_context();
    let mut m =
        strata_ir::text::parse(&ctx, "prop.mlir", src, &Default::default()).unwrap_or_else(|d| {
            panic!(
                "parse: {:?}\n{src}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        });
    strata_ir::verify::verify_module(&ctx, &m).unwrap_or_else(|d| {
        panic!(
            "verify: {:?}\n{src}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    });
    if convert {
        // Name the registration so that the linker keeps it in this test binary.
        assert_eq!(
            strata_graph_to_tensor::GRAPH_TO_TENSOR.name,
            "graph-to-tensor"
        );
        let pm = PassManager::new(
            parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
        );
        let report = pm.run(&ctx, &mut m);
        assert!(
            !report.failed,
            "conversion failed: {:?}\n{src}",
            report
                .diagnostics
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        );
        // A second run finds nothing left to convert and changes nothing.
        let once = strata_ir::text::print_module(&ctx, &m, &Default::default());
        assert!(!pm.run(&ctx, &mut m).failed);
        let twice = strata_ir::text::print_module(&ctx, &m, &Default::default());
        assert_eq!(once, twice, "a second run changed the IR");
    }
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    let out = Interpreter::new(&ctx, &m)
        .run("f", inputs)
        .unwrap_or_else(|d| panic!("interp: {}\n{text}", d.message));
    (out, text)
}

fn close(a: f64, b: f64, exact: bool) -> bool {
    if a.is_nan() && b.is_nan() {
        return true;
    }
    if exact {
        return a.to_bits() == b.to_bits();
    }
    a == b || (a - b).abs() <= 1e-5 * a.abs().max(b.abs()).max(1.0)
}

fn check(seed: u64) -> String {
    let mut rng = Rng(seed);
    let p = gen(&mut rng);
    let src = p.text();
    let inputs: Vec<Tensor> = p
        .args
        .iter()
        .map(|s| {
            let n: usize = s.iter().product();
            let v: Vec<f64> = (0..n).map(|_| rng.f32() as f64).collect();
            Tensor::from_f64s(DType::F32, s.clone(), &v).expect("tensor")
        })
        .collect();
    let (want, _) = run(&src, false, &inputs);
    let (got, text) = run(&src, true, &inputs);
    assert!(!text.contains("\"graph."), "graph ops left:\n{text}");
    assert_eq!(want.len(), got.len());
    for (k, (w, g)) in want.iter().zip(&got).enumerate() {
        assert_eq!(w.shape(), g.shape(), "result {k} shape\n{src}");
        assert_eq!(w.dtype(), g.dtype(), "result {k} dtype\n{src}");
        for (i, (a, b)) in w.to_f64_vec().into_iter().zip(g.to_f64_vec()).enumerate() {
            assert!(
                close(a, b, p.exact),
                "result {k} element {i}: graph {a} vs tensor {b} (exact: {})\n{src}\n{text}",
                p.exact
            );
        }
    }
    src
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn conversion_keeps_interpreter_results(seed in any::<u64>()) {
        let _ = check(seed);
    }
}

/// 600 fixed seeds, which between them use every converted op (and both exact and
/// tolerance-compared programs).
#[test]
fn fixed_seeds() {
    let texts: Vec<String> = (0..600).map(check).collect();
    let all = texts.concat();
    for op in [
        "add",
        "sub",
        "mul",
        "div",
        "max",
        "min",
        "neg",
        "abs",
        "exp",
        "tanh",
        "sigmoid",
        "relu",
        "clip",
        "less",
        "where",
        "matmul",
        "gemm",
        "transpose",
        "reshape",
        "flatten",
        "reduce_sum",
        "reduce_mean",
        "reduce_max",
        "reduce_min",
        "reduce_prod",
        "softmax",
        "log_softmax",
        "concat",
        "slice",
        "conv",
        "max_pool",
        "average_pool",
        "batch_norm",
        "pad",
        "global_average_pool",
        "global_max_pool",
        "elu",
        "hard_sigmoid",
        "hard_swish",
        "gelu",
        "leaky_relu",
        "prelu",
        "expand",
        "layer_norm",
        "instance_norm",
        "dropout",
        "tile",
        "split",
        "lrn",
        "sign",
    ] {
        assert!(
            all.contains(&format!("\"graph.{op}\"")),
            "no program uses graph.{op}"
        );
    }
    assert!(
        all.lines()
            .any(|l| l.contains("graph.matmul") && l.ends_with("-> tensor<f32>")),
        "no 1-D by 1-D matmul"
    );
    assert!(
        ["group = 2", "group = 3", "group = 4"]
            .iter()
            .any(|g| all.contains(g)),
        "no grouped conv"
    );
    for needle in [
        "ceil_mode = 1",
        "count_include_pad = 1",
        "count_include_pad = 0",
    ] {
        assert!(all.contains(needle), "no program has {needle}");
    }
}

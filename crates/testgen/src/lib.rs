//! `strata-testgen`: a seeded generator of random, well-typed `graph` dialect programs for
//! differential testing (interpreter against compiled code, or a program before and after a
//! pipeline).
//!
//! [`program`] turns a seed into a [`Program`]: one `func.func` in MLIR text (the graph
//! dialect's generic form) and input tensors for it. A program has one to three inputs of
//! random shapes (rank 0 to 4, dims 1 to 6) and one element type (`f32`, `f64`, `i32` or
//! `i64`), then a chain of two to eight ops drawn from what applies to the values so far:
//!
//! * unary element-wise ops (`neg`, `abs`, `relu`; for floats also `tanh`, `sigmoid`, `exp`
//!   of a clipped value, `floor`, `ceil`, `sqrt` of an absolute value);
//! * binary element-wise ops with numpy broadcasting (`add`, `sub`, `mul`, `max`, `min`;
//!   float `div` by a value kept away from zero), where the other operand is an earlier
//!   value or a new input whose shape broadcasts against the first (leading dims dropped,
//!   dims set to 1, or the first operand's size-1 dims widened);
//! * a comparison feeding `where`;
//! * `reduce_sum`/`reduce_max`/`reduce_min` (and float `reduce_mean`) over random axes, with
//!   and without `keepdims`;
//! * `transpose` by a random permutation, `reshape` to a random factorisation, `concat` with
//!   itself along a random axis, `slice` with random bounds and steps;
//! * float `softmax` along a random axis, 2-D and batched `matmul` against a new input;
//! * casts to the other float type or from integer to float.
//!
//! Element counts stay at most [`MAX_ELEMENTS`] so programs run quickly in the interpreter.
//! Input values are small (floats are multiples of 1/64 in [-2, 2), integers in [-40, 40])
//! so sums and products stay exact in the element type where the order is the same.
//! The same seed always gives the same program (a SplitMix64 stream; no global state).

use std::fmt::Write as _;

use strata_interp::{DType, Tensor};

/// The largest number of elements of any value in a generated program.
pub const MAX_ELEMENTS: usize = 512;

/// A generated program: MLIR text holding one function, its name and its inputs.
#[derive(Debug, Clone)]
pub struct Program {
    /// The function's name (without `@`).
    pub name: String,
    /// The function as MLIR text (graph ops in generic form).
    pub text: String,
    /// One tensor per function argument.
    pub inputs: Vec<Tensor>,
    /// The op names used, in order (for reporting).
    pub ops: Vec<&'static str>,
}

/// SplitMix64: a small, well-mixed, deterministic pseudo-random stream.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A stream from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `num / den`.
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    /// A uniform pick from a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The element types programs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Elem {
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `i1` (comparison results only).
    I1,
}

impl Elem {
    fn mlir(self) -> &'static str {
        match self {
            Elem::F32 => "f32",
            Elem::F64 => "f64",
            Elem::I32 => "i32",
            Elem::I64 => "i64",
            Elem::I1 => "i1",
        }
    }

    fn is_float(self) -> bool {
        matches!(self, Elem::F32 | Elem::F64)
    }

    fn dtype(self) -> DType {
        match self {
            Elem::F32 => DType::F32,
            Elem::F64 => DType::F64,
            Elem::I32 => DType::I32,
            Elem::I64 => DType::I64,
            Elem::I1 => DType::Bool,
        }
    }
}

#[derive(Debug, Clone)]
struct Val {
    name: String,
    elem: Elem,
    shape: Vec<usize>,
}

fn ty(elem: Elem, shape: &[usize]) -> String {
    let mut s = String::from("tensor<");
    for d in shape {
        let _ = write!(s, "{d}x");
    }
    s.push_str(elem.mlir());
    s.push('>');
    s
}

fn numel(shape: &[usize]) -> usize {
    shape.iter().product()
}

fn i64s(values: &[i64]) -> String {
    if values.is_empty() {
        return "array<i64>".into();
    }
    let parts: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    format!("array<i64: {}>", parts.join(", "))
}

struct Builder {
    rng: Rng,
    args: Vec<Val>,
    inputs: Vec<Tensor>,
    body: String,
    values: Vec<Val>,
    next: usize,
    ops: Vec<&'static str>,
}

impl Builder {
    fn random_shape(&mut self, max_rank: usize) -> Vec<usize> {
        let rank = self.rng.below(max_rank + 1);
        let mut shape: Vec<usize> = (0..rank).map(|_| 1 + self.rng.below(6)).collect();
        while numel(&shape) > MAX_ELEMENTS / 4 {
            let i = self.rng.below(shape.len());
            shape[i] = shape[i].div_ceil(2);
        }
        shape
    }

    fn input(&mut self, elem: Elem, shape: Vec<usize>) -> Val {
        let name = format!("%arg{}", self.args.len());
        let n = numel(&shape);
        let values: Vec<f64> = (0..n)
            .map(|_| {
                if elem.is_float() {
                    (self.rng.below(256) as f64 - 128.0) / 64.0
                } else {
                    self.rng.below(81) as f64 - 40.0
                }
            })
            .collect();
        let t = Tensor::from_f64s(elem.dtype(), shape.clone(), &values)
            .expect("generated values match the generated shape by construction");
        self.inputs.push(t);
        let v = Val { name, elem, shape };
        self.args.push(v.clone());
        v
    }

    fn emit(
        &mut self,
        op: &'static str,
        operands: &[&Val],
        attrs: &str,
        elem: Elem,
        shape: Vec<usize>,
    ) -> Val {
        let name = format!("%{}", self.next);
        self.next += 1;
        let names: Vec<&str> = operands.iter().map(|v| v.name.as_str()).collect();
        let tys: Vec<String> = operands.iter().map(|v| ty(v.elem, &v.shape)).collect();
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" <{{{attrs}}}>")
        };
        let _ = writeln!(
            self.body,
            "  {name} = \"graph.{op}\"({}){attrs} : ({}) -> {}",
            names.join(", "),
            tys.join(", "),
            ty(elem, &shape)
        );
        self.ops.push(op);
        let v = Val { name, elem, shape };
        self.values.push(v.clone());
        v
    }

    /// A shape that broadcasts with `shape` to `shape` itself, or to a wider shape.
    fn broadcast_partner(&mut self, shape: &[usize]) -> Vec<usize> {
        let mut s = shape.to_vec();
        if !s.is_empty() && self.rng.chance(1, 3) {
            let drop = self.rng.below(s.len() + 1);
            s.drain(..drop);
        }
        for d in s.iter_mut() {
            if self.rng.chance(1, 3) {
                *d = 1;
            } else if *d == 1 && self.rng.chance(1, 2) {
                *d = 2 + self.rng.below(3);
            }
        }
        s
    }

    fn broadcast_shape(a: &[usize], b: &[usize]) -> Vec<usize> {
        let r = a.len().max(b.len());
        (0..r)
            .map(|i| {
                let x = if i + a.len() >= r {
                    a[i + a.len() - r]
                } else {
                    1
                };
                let y = if i + b.len() >= r {
                    b[i + b.len() - r]
                } else {
                    1
                };
                x.max(y)
            })
            .collect()
    }

    fn step(&mut self, cur: &Val) -> Val {
        let float = cur.elem.is_float();
        loop {
            match self.rng.below(12) {
                0 | 1 => {
                    let mut ops: Vec<&'static str> = vec!["neg", "abs", "relu"];
                    if float {
                        ops.extend(["tanh", "sigmoid", "floor", "ceil"]);
                    }
                    let op = *self.rng.pick(&ops);
                    return self.emit(op, &[cur], "", cur.elem, cur.shape.clone());
                }
                2 if float => {
                    // exp of a clipped value, sqrt of an absolute value.
                    if self.rng.chance(1, 2) {
                        let c = self.emit(
                            "clip",
                            &[cur],
                            &format!(
                                "max = 3.000000e+00 : {0}, min = -3.000000e+00 : {0}",
                                cur.elem.mlir()
                            ),
                            cur.elem,
                            cur.shape.clone(),
                        );
                        return self.emit("exp", &[&c], "", cur.elem, cur.shape.clone());
                    }
                    let a = self.emit("abs", &[cur], "", cur.elem, cur.shape.clone());
                    return self.emit("sqrt", &[&a], "", cur.elem, cur.shape.clone());
                }
                3..=5 => {
                    let other = self.partner(cur);
                    let out = Self::broadcast_shape(&cur.shape, &other.shape);
                    if numel(&out) > MAX_ELEMENTS {
                        continue;
                    }
                    let mut ops = vec!["add", "sub", "mul", "max", "min"];
                    if float {
                        ops.push("div");
                    }
                    let op = *self.rng.pick(&ops);
                    if op == "div" {
                        // Keep the divisor away from zero: |y| + 1.
                        let a = self.emit("abs", &[&other], "", other.elem, other.shape.clone());
                        let one = self.constant_one(other.elem);
                        let d = self.emit("add", &[&a, &one], "", other.elem, other.shape.clone());
                        return self.emit("div", &[cur, &d], "", cur.elem, out);
                    }
                    let (x, y) = if self.rng.chance(1, 4) {
                        (&other, cur)
                    } else {
                        (cur, &other)
                    };
                    return self.emit(op, &[x, y], "", cur.elem, out);
                }
                6 => {
                    let other = self.partner(cur);
                    let out = Self::broadcast_shape(&cur.shape, &other.shape);
                    if numel(&out) > MAX_ELEMENTS {
                        continue;
                    }
                    let cmp = *self.rng.pick(&[
                        "less",
                        "greater",
                        "equal",
                        "less_equal",
                        "greater_equal",
                    ]);
                    let c = self.emit(cmp, &[cur, &other], "", Elem::I1, out.clone());
                    return self.emit("where", &[&c, cur, &other], "", cur.elem, out);
                }
                7 if !cur.shape.is_empty() => {
                    let rank = cur.shape.len();
                    let mut axes: Vec<i64> =
                        (0..rank as i64).filter(|_| self.rng.chance(1, 2)).collect();
                    if axes.is_empty() {
                        axes.push(self.rng.below(rank) as i64);
                    }
                    let keep = self.rng.chance(1, 2);
                    let shape: Vec<usize> = (0..rank)
                        .filter_map(|i| {
                            if axes.contains(&(i as i64)) {
                                keep.then_some(1)
                            } else {
                                Some(cur.shape[i])
                            }
                        })
                        .collect();
                    let mut ops = vec!["reduce_sum", "reduce_max", "reduce_min"];
                    if float {
                        ops.push("reduce_mean");
                    }
                    let op = *self.rng.pick(&ops);
                    let attrs = format!("axes = {}, keepdims = {} : i64", i64s(&axes), keep as i64);
                    return self.emit(op, &[cur], &attrs, cur.elem, shape);
                }
                8 if cur.shape.len() >= 2 => {
                    let rank = cur.shape.len();
                    let mut perm: Vec<usize> = (0..rank).collect();
                    for i in (1..rank).rev() {
                        let j = self.rng.below(i + 1);
                        perm.swap(i, j);
                    }
                    let shape: Vec<usize> = perm.iter().map(|&p| cur.shape[p]).collect();
                    let p: Vec<i64> = perm.iter().map(|&p| p as i64).collect();
                    return self.emit(
                        "transpose",
                        &[cur],
                        &format!("perm = {}", i64s(&p)),
                        cur.elem,
                        shape,
                    );
                }
                9 => {
                    if self.rng.chance(1, 2) && !cur.shape.is_empty() {
                        // concat with itself along an axis
                        let axis = self.rng.below(cur.shape.len());
                        let mut shape = cur.shape.clone();
                        shape[axis] *= 2;
                        if numel(&shape) > MAX_ELEMENTS {
                            continue;
                        }
                        return self.emit(
                            "concat",
                            &[cur, cur],
                            &format!("axis = {axis} : i64"),
                            cur.elem,
                            shape,
                        );
                    }
                    // reshape to a random factorisation of the element count
                    let n = numel(&cur.shape);
                    let mut shape = Vec::new();
                    let mut rest = n;
                    while rest > 1 && shape.len() < 3 {
                        let divs: Vec<usize> = (2..=rest).filter(|d| rest % d == 0).collect();
                        let d = *self.rng.pick(&divs);
                        shape.push(d);
                        rest /= d;
                    }
                    if rest > 1 {
                        shape.push(rest);
                    }
                    if self.rng.chance(1, 3) {
                        shape.insert(self.rng.below(shape.len() + 1), 1);
                    }
                    let s: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
                    return self.emit(
                        "reshape",
                        &[cur],
                        &format!("shape = {}", i64s(&s)),
                        cur.elem,
                        shape,
                    );
                }
                10 if !cur.shape.is_empty() => {
                    let axis = self.rng.below(cur.shape.len());
                    let dim = cur.shape[axis];
                    if float && self.rng.chance(1, 2) {
                        let attrs = format!("axis = {axis} : i64");
                        return self.emit("softmax", &[cur], &attrs, cur.elem, cur.shape.clone());
                    }
                    let start = self.rng.below(dim);
                    let end = start + 1 + self.rng.below(dim - start);
                    let step = 1 + self.rng.below(2);
                    let mut shape = cur.shape.clone();
                    shape[axis] = (end - start).div_ceil(step);
                    let attrs = format!(
                        "axes = {}, ends = {}, starts = {}, steps = {}",
                        i64s(&[axis as i64]),
                        i64s(&[end as i64]),
                        i64s(&[start as i64]),
                        i64s(&[step as i64])
                    );
                    return self.emit("slice", &[cur], &attrs, cur.elem, shape);
                }
                11 => {
                    if float && (1..=3).contains(&cur.shape.len()) {
                        // matmul against a new input: [.., m, k] x [k, n]
                        let k = *cur.shape.last().expect("rank >= 1 checked above");
                        let n = 1 + self.rng.below(6);
                        let mut shape = cur.shape.clone();
                        *shape.last_mut().expect("rank >= 1") = n;
                        if cur.shape.len() == 1 {
                            shape.clear();
                            shape.push(n);
                        }
                        if numel(&shape) > MAX_ELEMENTS {
                            continue;
                        }
                        let w = self.input(cur.elem, vec![k, n]);
                        return self.emit("matmul", &[cur, &w], "", cur.elem, shape);
                    }
                    let to = match cur.elem {
                        Elem::F32 => Elem::F64,
                        Elem::F64 => Elem::F32,
                        _ => *self.rng.pick(&[Elem::F32, Elem::F64]),
                    };
                    return self.emit(
                        "cast",
                        &[cur],
                        &format!("to = {}", to.mlir()),
                        to,
                        cur.shape.clone(),
                    );
                }
                _ => continue,
            }
        }
    }

    /// An operand for a binary op with `cur`: an earlier value of a broadcast-compatible
    /// shape and the same type, or a new input.
    fn partner(&mut self, cur: &Val) -> Val {
        if self.rng.chance(1, 3) {
            let candidates: Vec<Val> = self
                .values
                .iter()
                .chain(self.args.iter())
                .filter(|v| {
                    v.elem == cur.elem && v.name != cur.name && broadcastable(&v.shape, &cur.shape)
                })
                .cloned()
                .collect();
            if !candidates.is_empty() {
                return self.rng.pick(&candidates).clone();
            }
        }
        let shape = self.broadcast_partner(&cur.shape);
        self.input(cur.elem, shape)
    }

    fn constant_one(&mut self, elem: Elem) -> Val {
        let name = format!("%{}", self.next);
        self.next += 1;
        let lit = if elem.is_float() { "1.000000e+00" } else { "1" };
        let t = ty(elem, &[]);
        let _ = writeln!(
            self.body,
            "  {name} = \"graph.constant\"() <{{value = dense<{lit}> : {t}}}> : () -> {t}"
        );
        Val {
            name,
            elem,
            shape: vec![],
        }
    }
}

fn broadcastable(a: &[usize], b: &[usize]) -> bool {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .all(|(x, y)| x == y || *x == 1 || *y == 1)
}

/// The program of `seed`: a function named `p<seed>`.
pub fn program(seed: u64) -> Program {
    let mut b = Builder {
        rng: Rng::new(seed),
        args: Vec::new(),
        inputs: Vec::new(),
        body: String::new(),
        values: Vec::new(),
        next: 0,
        ops: Vec::new(),
    };
    let elem = *b.rng.pick(&[
        Elem::F32,
        Elem::F32,
        Elem::F32,
        Elem::F64,
        Elem::I32,
        Elem::I64,
    ]);
    let shape = b.random_shape(4);
    let mut cur = b.input(elem, shape);
    let steps = 2 + b.rng.below(7);
    for _ in 0..steps {
        cur = b.step(&cur);
    }
    let mut results = vec![cur.clone()];
    if b.values.len() > 2 && b.rng.chance(1, 3) {
        let extra = b.values[b.rng.below(b.values.len() - 1)].clone();
        if extra.elem != Elem::I1 {
            results.push(extra);
        }
    }
    let name = format!("p{seed}");
    let params: Vec<String> = b
        .args
        .iter()
        .map(|a| format!("{}: {}", a.name, ty(a.elem, &a.shape)))
        .collect();
    let rtys: Vec<String> = results.iter().map(|r| ty(r.elem, &r.shape)).collect();
    let rnames: Vec<&str> = results.iter().map(|r| r.name.as_str()).collect();
    let mut text = String::new();
    let _ = writeln!(
        text,
        "func.func @{name}({}) -> ({}) {{",
        params.join(", "),
        rtys.join(", ")
    );
    text.push_str(&b.body);
    let _ = writeln!(text, "  return {} : {}", rnames.join(", "), rtys.join(", "));
    text.push_str("}\n");
    Program {
        name,
        text,
        inputs: b.inputs,
        ops: b.ops,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_program() {
        for seed in 0..50 {
            let a = program(seed);
            let b = program(seed);
            assert_eq!(a.text, b.text);
            assert_eq!(a.inputs.len(), b.inputs.len());
        }
    }

    #[test]
    fn programs_vary_and_use_many_ops() {
        let mut ops = std::collections::BTreeSet::new();
        let mut texts = std::collections::BTreeSet::new();
        for seed in 0..300 {
            let p = program(seed);
            ops.extend(p.ops.iter().copied());
            texts.insert(p.text);
        }
        assert!(texts.len() > 290, "only {} distinct programs", texts.len());
        for op in [
            "add",
            "matmul",
            "reduce_sum",
            "transpose",
            "reshape",
            "softmax",
            "where",
            "slice",
            "concat",
            "cast",
        ] {
            assert!(ops.contains(op), "no program used graph.{op}");
        }
    }
}

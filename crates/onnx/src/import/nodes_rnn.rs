//! The recurrent cells `RNN`, `GRU` and `LSTM` unrolled over time at import (the sequence
//! length must be static and at most [`MAX_UNROLL_STEPS`](super::nodes_seqattn::MAX_UNROLL_STEPS)),
//! following the equations of the ONNX operator documentation:
//!
//! * RNN: `H = f(X W^T + H R^T + Wb + Rb)`;
//! * GRU (gates z, r, h): `z = f(..z)`, `r = f(..r)`,
//!   `h = g(X Wh^T + (r * H) Rh^T + Rbh + Wbh)` or, with `linear_before_reset`,
//!   `h = g(X Wh^T + r * (H Rh^T + Rbh) + Wbh)`; `H = (1 - z) * h + z * H`;
//! * LSTM (gates i, o, f, c; peepholes i, o, f): `i = f(.. + Pi * C)`,
//!   `f = f(.. + Pf * C)` (`1 - i` with `input_forget`), `c = g(..)`, `C = f * C + i * c`,
//!   `o = f(.. + Po * C)`, `H = o * h(C)`.
//!
//! Pre-activations are clipped to `[-clip, clip]` when `clip` is given. Directions `forward`,
//! `reverse` and `bidirectional`, both layouts, initial states and the activation functions
//! of the specification (`Tanh`, `Sigmoid`, `Relu`, `Affine`, `LeakyRelu`,
//! `ThresholdedRelu`, `ScaledTanh`, `HardSigmoid`, `Elu`, `Softsign`, `Softplus`) are
//! supported. With `sequence_lens`, a forward pass keeps each batch entry's state once its
//! length is reached and writes zeros to `Y` there; a reverse pass needs every length to
//! equal the sequence length (a constant), anything else is `Unsupported`.

use super::nodes_basic::N;
use super::nodes_seqattn::{check_unroll, Ops};
use super::Lowerer;
use crate::error::Result;
use strata_dialect_graph::attr::i64_array_attr;
use strata_ir::{Type, Value};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cell {
    Rnn,
    Gru,
    Lstm,
}

/// An activation function with its `alpha` and `beta`.
#[derive(Clone, Debug)]
struct Act {
    name: String,
    alpha: f64,
    beta: f64,
}

/// Whether activation `name` takes an `alpha` / a `beta`, and their defaults.
fn act_params(name: &str) -> Option<(Option<f64>, Option<f64>)> {
    Some(match name {
        "Tanh" | "Sigmoid" | "Relu" | "Softsign" | "Softplus" => (None, None),
        "Affine" => (Some(1.0), Some(0.0)),
        "LeakyRelu" => (Some(0.01), None),
        "ThresholdedRelu" => (Some(1.0), None),
        "ScaledTanh" => (Some(1.0), Some(1.0)),
        "HardSigmoid" => (Some(0.2), Some(0.5)),
        "Elu" => (Some(1.0), None),
        _ => return None,
    })
}

/// The activations of every direction: `per_dir` functions each, `alpha`s and `beta`s
/// consumed in order by the functions that take one.
fn activations(n: &N<'_>, cell: Cell, dirs: usize) -> Result<Vec<Act>> {
    let defaults: &[&str] = match cell {
        Cell::Rnn => &["Tanh"],
        Cell::Gru => &["Sigmoid", "Tanh"],
        Cell::Lstm => &["Sigmoid", "Tanh", "Tanh"],
    };
    let per_dir = defaults.len();
    let names: Vec<String> = match n.node.attribute.iter().find(|a| a.name == "activations") {
        Some(a) => a
            .strings
            .iter()
            .map(|s| String::from_utf8(s.clone()))
            .collect::<std::result::Result<_, _>>()
            .map_err(|_| n.invalid("activations must be UTF-8 strings"))?,
        None => (0..dirs)
            .flat_map(|_| defaults.iter().map(|s| s.to_string()))
            .collect(),
    };
    if names.len() != per_dir * dirs {
        return Err(n.invalid(format!(
            "{} activations given, {} expected",
            names.len(),
            per_dir * dirs
        )));
    }
    let alphas = n.attrs.floats("activation_alpha")?.unwrap_or_default();
    let betas = n.attrs.floats("activation_beta")?.unwrap_or_default();
    let (mut ai, mut bi) = (alphas.iter(), betas.iter());
    let mut out = Vec::new();
    for name in names {
        let (da, db) =
            act_params(&name).ok_or_else(|| n.unsupported(&format!("activation {name}")))?;
        let alpha = match da {
            Some(d) => ai.next().map_or(d, |&a| f64::from(a)),
            None => 0.0,
        };
        let beta = match db {
            Some(d) => bi.next().map_or(d, |&b| f64::from(b)),
            None => 0.0,
        };
        out.push(Act { name, alpha, beta });
    }
    Ok(out)
}

impl Ops<'_, '_, '_> {
    fn act(&mut self, a: &Act, x: Value) -> Result<Value> {
        let e = self.lw.shape_of(x).1;
        let fa = |o: &Self, v: f64| o.lw.float_for(v, e);
        Ok(match a.name.as_str() {
            "Tanh" => self.un("graph.tanh", x)?,
            "Sigmoid" => self.un("graph.sigmoid", x)?,
            "Relu" => self.un("graph.relu", x)?,
            "Affine" => {
                let al = self.scalar(a.alpha, e)?;
                let be = self.scalar(a.beta, e)?;
                let m = self.bin("graph.mul", x, al)?;
                self.bin("graph.add", m, be)?
            }
            "LeakyRelu" | "Elu" => {
                let g = if a.name == "Elu" {
                    "graph.elu"
                } else {
                    "graph.leaky_relu"
                };
                let al = fa(self, a.alpha);
                self.op(g, &[x], &[("alpha", al)])?
            }
            "HardSigmoid" => {
                let (al, be) = (fa(self, a.alpha), fa(self, a.beta));
                self.op("graph.hard_sigmoid", &[x], &[("alpha", al), ("beta", be)])?
            }
            "ThresholdedRelu" => {
                let al = self.scalar(a.alpha, e)?;
                let z = self.scalar(0.0, e)?;
                let c = self.bin("graph.greater", x, al)?;
                self.op("graph.where", &[c, x, z], &[])?
            }
            "ScaledTanh" => {
                let al = self.scalar(a.alpha, e)?;
                let be = self.scalar(a.beta, e)?;
                let m = self.bin("graph.mul", x, be)?;
                let t = self.un("graph.tanh", m)?;
                self.bin("graph.mul", al, t)?
            }
            "Softsign" => {
                let one = self.scalar(1.0, e)?;
                let ab = self.un("graph.abs", x)?;
                let d = self.bin("graph.add", one, ab)?;
                self.bin("graph.div", x, d)?
            }
            "Softplus" => {
                let one = self.scalar(1.0, e)?;
                let ex = self.un("graph.exp", x)?;
                let s = self.bin("graph.add", ex, one)?;
                self.un("graph.log", s)?
            }
            other => return Err(self.n.unsupported(&format!("activation {other}"))),
        })
    }
    /// `x` clipped to `[-c, c]` when `clip` is set.
    fn clip(&mut self, x: Value, clip: Option<f64>) -> Result<Value> {
        let Some(c) = clip else { return Ok(x) };
        let e = self.lw.shape_of(x).1;
        let (lo, hi) = (self.lw.float_for(-c, e), self.lw.float_for(c, e));
        self.op("graph.clip", &[x], &[("min", lo), ("max", hi)])
    }
    /// Row `d` of a `[D, ...]` tensor, without the leading axis.
    fn row(&mut self, x: Value, d: i64) -> Result<Value> {
        let s = self.lw.shape_of(x).0;
        let r = self.slice(x, 0, d, d + 1, 1)?;
        self.reshape(r, &s[1..])
    }
}

/// The weights of one gate of one direction.
struct Gate {
    /// `X W^T (+ Wb (+ Rb))` for every time step: `[T, B, H]`.
    xw: Value,
    /// `R^T`: `[H, H]`.
    rt: Value,
    /// `Rb` when it is not folded into `xw` (GRU's `h` gate with `linear_before_reset`).
    rb: Option<Value>,
}

/// Lower an `RNN`, `GRU` or `LSTM` node.
pub(crate) fn lower_rnn(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let cell = match n.node.op_type.as_str() {
        "RNN" => Cell::Rnn,
        "GRU" => Cell::Gru,
        _ => Cell::Lstm,
    };
    let gates: i64 = match cell {
        Cell::Rnn => 1,
        Cell::Gru => 3,
        Cell::Lstm => 4,
    };
    let x_in = lw.inp(n, 0)?;
    let (w, r) = (lw.inp(n, 1)?, lw.inp(n, 2)?);
    let bias = lw.opt_inp(n, 3)?;
    let seq_name = n.input_name(4).map(str::to_string);
    let h0 = lw.opt_inp(n, 5)?;
    let (c0, peep) = if cell == Cell::Lstm {
        (lw.opt_inp(n, 6)?, lw.opt_inp(n, 7)?)
    } else {
        (None, None)
    };
    let a = &n.attrs;
    let dir = a.string("direction")?.unwrap_or_else(|| "forward".into());
    let dirs: i64 = match dir.as_str() {
        "forward" | "reverse" => 1,
        "bidirectional" => 2,
        d => return Err(n.invalid(format!("unknown direction '{d}'"))),
    };
    let layout = if n.opset >= 14 {
        a.int_or("layout", 0)?
    } else {
        0
    };
    if layout != 0 && layout != 1 {
        return Err(n.invalid(format!("layout {layout} is not 0 or 1")));
    }
    let clip = a.float("clip")?.map(f64::from);
    if clip.is_some_and(|c| c.is_nan() || c < 0.0) {
        return Err(n.invalid("clip must be non-negative"));
    }
    let lbr = cell == Cell::Gru && a.int_or("linear_before_reset", 0)? != 0;
    let input_forget = cell == Cell::Lstm && a.int_or("input_forget", 0)? != 0;
    let acts = activations(n, cell, dirs as usize)?;
    let e = lw.require_float(n, x_in)?;
    let mut o = Ops { lw, n };
    let (xs, _) = o.shape(x_in, "X")?;
    if xs.len() != 3 {
        return Err(n.invalid("X must have rank 3"));
    }
    let x = if layout == 1 {
        o.transpose(x_in, &[1, 0, 2])?
    } else {
        x_in
    };
    let (steps, batch, input) = {
        let s = o.lw.shape_of(x).0;
        (s[0], s[1], s[2])
    };
    let (rs, _) = o.shape(r, "R")?;
    let hidden = *rs.last().unwrap_or(&0);
    if let Some(hs) = a.int("hidden_size")? {
        if hs != hidden {
            return Err(n.invalid(format!("hidden_size {hs} does not match R ({hidden})")));
        }
    }
    let (ws, _) = o.shape(w, "W")?;
    if ws != [dirs, gates * hidden, input] || rs != [dirs, gates * hidden, hidden] {
        return Err(n.invalid(format!(
            "W {ws:?} / R {rs:?} do not match {dirs} directions, {gates} gates, hidden size \
             {hidden} and input size {input}"
        )));
    }
    if steps < 1 {
        return Err(n.invalid("the sequence length must be positive"));
    }
    check_unroll(o.lw, steps * dirs, 48)?;
    let state_shape = |layout: i64| {
        if layout == 1 {
            vec![batch, dirs, hidden]
        } else {
            vec![dirs, batch, hidden]
        }
    };
    let mut init = Vec::new();
    for (v, what) in [(h0, "initial_h"), (c0, "initial_c")] {
        init.push(match v {
            Some(v) => {
                let (s, _) = o.shape(v, what)?;
                if s != state_shape(layout) {
                    return Err(n.invalid(format!("{what} has shape {s:?}")));
                }
                Some(if layout == 1 {
                    o.transpose(v, &[1, 0, 2])?
                } else {
                    v
                })
            }
            None => None,
        });
    }
    if let Some(b) = bias {
        if o.shape(b, "B")?.0 != [dirs, 2 * gates * hidden] {
            return Err(n.invalid("B must be [num_directions, 2 * gates * hidden_size]"));
        }
    }
    if let Some(p) = peep {
        if o.shape(p, "P")?.0 != [dirs, 3 * hidden] {
            return Err(n.invalid("P must be [num_directions, 3 * hidden_size]"));
        }
    }
    // sequence_lens: `None` when absent or (constant) all equal to the sequence length.
    let seq = match &seq_name {
        None => None,
        Some(name) => {
            let all_full =
                o.lw.constant_or_fold(name)
                    .and_then(|c| c.ints(1 << 16))
                    .is_some_and(|v| v.len() as i64 == batch && v.iter().all(|&l| l == steps));
            if all_full {
                None
            } else if dir != "forward" {
                return Err(n.unsupported(&format!("sequence_lens with direction {dir}")));
            } else {
                let v = o.lw.operand(name, &n.at)?;
                if o.shape(v, "sequence_lens")?.0 != [batch] {
                    return Err(n.invalid("sequence_lens must be [batch_size]"));
                }
                Some(v)
            }
        }
    };
    let zero_state = {
        let z = o.scalar(0.0, e)?;
        let s = i64_array_attr(o.lw.ctx, &[batch, hidden]);
        o.op("graph.expand", &[z], &[("shape", s)])?
    };
    let per_dir = acts.len() / dirs as usize;
    let mut ys = Vec::new();
    let mut yhs = Vec::new();
    let mut ycs = Vec::new();
    for d in 0..dirs {
        let reverse = dir == "reverse" || d == 1;
        let wd = o.row(w, d)?;
        let rd = o.row(r, d)?;
        let bd = match bias {
            Some(b) => Some(o.row(b, d)?),
            None => None,
        };
        let mut gs = Vec::new();
        for g in 0..gates {
            let wg = o.slice(wd, 0, g * hidden, (g + 1) * hidden, 1)?;
            let wt = o.transpose(wg, &[1, 0])?;
            let rg = o.slice(rd, 0, g * hidden, (g + 1) * hidden, 1)?;
            let rt = o.transpose(rg, &[1, 0])?;
            let mut xw = o.bin("graph.matmul", x, wt)?;
            let mut rb = None;
            if let Some(bd) = bd {
                let wb = o.slice(bd, 0, g * hidden, (g + 1) * hidden, 1)?;
                let off = (gates + g) * hidden;
                let rbg = o.slice(bd, 0, off, off + hidden, 1)?;
                xw = o.bin("graph.add", xw, wb)?;
                if lbr && g == 2 {
                    rb = Some(rbg);
                } else {
                    xw = o.bin("graph.add", xw, rbg)?;
                }
            }
            gs.push(Gate { xw, rt, rb });
        }
        let pd = match peep {
            Some(p) => {
                let pr = o.row(p, d)?;
                let mut v = Vec::new();
                for k in 0..3 {
                    v.push(o.slice(pr, 0, k * hidden, (k + 1) * hidden, 1)?);
                }
                Some(v)
            }
            None => None,
        };
        let mut h = match init[0] {
            Some(v) => o.row(v, d)?,
            None => zero_state,
        };
        let mut c = match init[1] {
            Some(v) => o.row(v, d)?,
            None => zero_state,
        };
        let act = &acts[d as usize * per_dir..(d as usize + 1) * per_dir];
        let mut outs: Vec<Option<Value>> = vec![None; steps as usize];
        for s in 0..steps {
            let t = if reverse { steps - 1 - s } else { s };
            let mut pre = Vec::new();
            for gate in &gs {
                let xt = o.slice(gate.xw, 0, t, t + 1, 1)?;
                pre.push(o.reshape(xt, &[batch, hidden])?);
            }
            let (h_new, c_new) = match cell {
                Cell::Rnn => {
                    let hr = o.bin("graph.matmul", h, gs[0].rt)?;
                    let p = o.bin("graph.add", pre[0], hr)?;
                    let p = o.clip(p, clip)?;
                    (o.act(&act[0], p)?, c)
                }
                Cell::Gru => gru_step(&mut o, &gs, &pre, h, act, clip, lbr)?,
                Cell::Lstm => {
                    let peeps = pd.as_deref();
                    lstm_step(&mut o, &gs, &pre, (h, c), act, clip, peeps, input_forget)?
                }
            };
            let (h_next, c_next, y) = match seq {
                Some(lens) => {
                    let m = step_mask(&mut o, lens, t, batch)?;
                    let hn = o.op("graph.where", &[m, h_new, h], &[])?;
                    let cn = o.op("graph.where", &[m, c_new, c], &[])?;
                    let y = o.op("graph.where", &[m, h_new, zero_state], &[])?;
                    (hn, cn, y)
                }
                None => (h_new, c_new, h_new),
            };
            h = h_next;
            c = c_next;
            outs[t as usize] = Some(o.reshape(y, &[1, 1, batch, hidden])?);
        }
        let outs: Vec<Value> = outs.into_iter().flatten().collect();
        ys.push(o.concat(&outs, 0)?);
        yhs.push(o.reshape(h, &[1, batch, hidden])?);
        if cell == Cell::Lstm {
            ycs.push(o.reshape(c, &[1, batch, hidden])?);
        }
    }
    let mut results = vec![o.concat(&ys, 1)?, o.concat(&yhs, 0)?];
    if cell == Cell::Lstm {
        results.push(o.concat(&ycs, 0)?);
    }
    if layout == 1 {
        results[0] = o.transpose(results[0], &[2, 0, 1, 3])?;
        for v in &mut results[1..] {
            *v = o.transpose(*v, &[1, 0, 2])?;
        }
    }
    o.lw.bind(n, &results)
}

/// `[B, 1]` booleans: whether step `t` is within each batch entry's length.
fn step_mask(o: &mut Ops<'_, '_, '_>, lens: Value, t: i64, batch: i64) -> Result<Value> {
    let le = o.lw.shape_of(lens).1;
    let tc = o.scalar(t as f64, le)?;
    let m = o.bin("graph.less", tc, lens)?;
    o.reshape(m, &[batch, 1])
}

/// One GRU step: `(H, H)` (GRU has no cell state; the second is unused).
fn gru_step(
    o: &mut Ops<'_, '_, '_>,
    gs: &[Gate],
    pre: &[Value],
    h: Value,
    act: &[Act],
    clip: Option<f64>,
    lbr: bool,
) -> Result<(Value, Value)> {
    let mut zr = Vec::new();
    for g in 0..2 {
        let hr = o.bin("graph.matmul", h, gs[g].rt)?;
        let p = o.bin("graph.add", pre[g], hr)?;
        let p = o.clip(p, clip)?;
        zr.push(o.act(&act[0], p)?);
    }
    let (z, r) = (zr[0], zr[1]);
    let p = if lbr {
        let mut hr = o.bin("graph.matmul", h, gs[2].rt)?;
        if let Some(rb) = gs[2].rb {
            hr = o.bin("graph.add", hr, rb)?;
        }
        let rh = o.bin("graph.mul", r, hr)?;
        o.bin("graph.add", pre[2], rh)?
    } else {
        let rh = o.bin("graph.mul", r, h)?;
        let hr = o.bin("graph.matmul", rh, gs[2].rt)?;
        o.bin("graph.add", pre[2], hr)?
    };
    let p = o.clip(p, clip)?;
    let hc = o.act(&act[1], p)?;
    let e: Type = o.lw.shape_of(h).1;
    let one = o.scalar(1.0, e)?;
    let omz = o.bin("graph.sub", one, z)?;
    let a = o.bin("graph.mul", omz, hc)?;
    let b = o.bin("graph.mul", z, h)?;
    let h_new = o.bin("graph.add", a, b)?;
    Ok((h_new, h_new))
}

/// One LSTM step: `(H, C)`.
#[allow(clippy::too_many_arguments)]
fn lstm_step(
    o: &mut Ops<'_, '_, '_>,
    gs: &[Gate],
    pre: &[Value],
    (h, c): (Value, Value),
    act: &[Act],
    clip: Option<f64>,
    peep: Option<&[Value]>,
    input_forget: bool,
) -> Result<(Value, Value)> {
    // Gate order i, o, f, c; peephole order i, o, f.
    let gate = |o: &mut Ops<'_, '_, '_>, g: usize, pc: Option<(usize, Value)>| {
        let hr = o.bin("graph.matmul", h, gs[g].rt)?;
        let mut p = o.bin("graph.add", pre[g], hr)?;
        if let (Some(ps), Some((k, cv))) = (peep, pc) {
            let pcv = o.bin("graph.mul", ps[k], cv)?;
            p = o.bin("graph.add", p, pcv)?;
        }
        o.clip(p, clip)
    };
    let pi = gate(o, 0, Some((0, c)))?;
    let i = o.act(&act[0], pi)?;
    let f = if input_forget {
        let e = o.lw.shape_of(i).1;
        let one = o.scalar(1.0, e)?;
        o.bin("graph.sub", one, i)?
    } else {
        let pf = gate(o, 2, Some((2, c)))?;
        o.act(&act[0], pf)?
    };
    let pc = gate(o, 3, None)?;
    let cc = o.act(&act[1], pc)?;
    let fc = o.bin("graph.mul", f, c)?;
    let ic = o.bin("graph.mul", i, cc)?;
    let c_new = o.bin("graph.add", fc, ic)?;
    let po = gate(o, 1, Some((1, c_new)))?;
    let og = o.act(&act[0], po)?;
    let hc = o.act(&act[2], c_new)?;
    let h_new = o.bin("graph.mul", og, hc)?;
    Ok((h_new, c_new))
}

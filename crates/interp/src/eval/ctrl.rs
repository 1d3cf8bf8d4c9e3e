//! Execution of the graph dialect's region ops (`graph.if`, `graph.loop`, `graph.scan`)
//! and of the ops on sequences and optionals ([`Sem::Values`](crate::ops::Sem)).
//!
//! A region op's body is a non-isolated region of the frame's body: it runs in the same
//! frame (so uses of outer values just read the frame), with its block arguments bound for
//! each run. Every op the body executes costs fuel like any other op, so a loop that never
//! ends stops with the fuel diagnostic; each region run counts one level of nesting depth.

use super::{Exit, Frame, Interpreter, RtValue, State};
use crate::dtype::DType;
use crate::ops::graph_seq::{concat_along, slice_along, squeeze, unsqueeze};
use crate::ops::{OpCx, Sem, ValuesFn};
use crate::tensor::Tensor;
use strata_dialect_graph::region::ScanAttrs;
use strata_ir::{Diagnostic, Op, Region};

impl<'a> Interpreter<'a> {
    /// Run region `r` of `op` with `args`; the values its terminator (`graph.yield`,
    /// `loop.yield`) hands back. Shared by the graph dialect's region ops and the `loop`
    /// dialect's.
    pub(super) fn run_body(
        &self,
        st: &mut State,
        frame: &mut Frame<'a>,
        op: Op,
        r: Region,
        args: Vec<RtValue<'a>>,
        depth: usize,
    ) -> Result<Vec<RtValue<'a>>, Diagnostic> {
        let body = frame.body;
        if depth >= self.max_depth {
            return Err(self.op_error(
                body,
                op,
                format_args!("nesting depth limit of {} exceeded", self.max_depth),
            ));
        }
        match self.run_region(st, frame, r, args, depth + 1)? {
            Exit::Yield(vals) => Ok(vals),
            Exit::Return(_) => Err(self.op_error(body, op, "region returned instead of yielding")),
        }
    }

    /// `graph.if`, `graph.loop` or `graph.scan`.
    pub(super) fn exec_region_op(
        &self,
        st: &mut State,
        frame: &mut Frame<'a>,
        op: Op,
        sem: Sem,
        depth: usize,
    ) -> Result<(), Diagnostic> {
        let body = frame.body;
        if body.has_nested_slot(op) {
            return Err(self.op_error(
                body,
                op,
                "has an isolated region, which cannot use the values of its frame",
            ));
        }
        let regions = body.regions(op).to_vec();
        let want = if matches!(sem, Sem::If) { 2 } else { 1 };
        if regions.len() != want {
            return Err(self.op_error(body, op, format_args!("expects {want} regions")));
        }
        let ins = self.operands(frame, op)?;
        let err = |m: String| self.op_error(body, op, m);
        let results = match sem {
            Sem::If => {
                let cond = flag(ins.first(), "the condition").map_err(err)?;
                let r = regions[if cond { 0 } else { 1 }];
                self.run_body(st, frame, op, r, Vec::new(), depth)?
            }
            Sem::Loop => self.exec_loop(st, frame, op, regions[0], ins, depth)?,
            _ => self.exec_scan(st, frame, op, regions[0], ins, depth)?,
        };
        self.set_results(frame, op, results)
    }

    fn exec_loop(
        &self,
        st: &mut State,
        frame: &mut Frame<'a>,
        op: Op,
        r: Region,
        ins: Vec<RtValue<'a>>,
        depth: usize,
    ) -> Result<Vec<RtValue<'a>>, Diagnostic> {
        let body = frame.body;
        let err = |m: String| self.op_error(body, op, m);
        if ins.len() < 2 {
            return Err(err("expects a trip count and a condition".into()));
        }
        let max = match ins.first() {
            Some(RtValue::Tensor(t)) if t.len() == 1 && t.dtype() == DType::I64 => {
                t.to_i64_vec().map_err(|e| err(e.to_string()))?[0]
            }
            _ => {
                return Err(err(
                    "the trip count must be a single-element i64 tensor".into()
                ))
            }
        };
        let mut cond = flag(ins.get(1), "the condition").map_err(err)?;
        let mut carried: Vec<RtValue<'a>> = ins.into_iter().skip(2).collect();
        let n = carried.len();
        let results = body.results(op);
        let k = results.len().checked_sub(n).ok_or_else(|| {
            err(format!(
                "has {} results for {n} carried values",
                results.len()
            ))
        })?;
        let mut scans: Vec<Vec<Tensor>> = vec![Vec::new(); k];
        let mut i: i64 = 0;
        while i < max && cond {
            let mut args = Vec::with_capacity(2 + n);
            args.push(RtValue::Tensor(Tensor::scalar(i)));
            args.push(RtValue::Tensor(Tensor::scalar(cond)));
            args.append(&mut carried);
            let vals = self.run_body(st, frame, op, r, args, depth)?;
            if vals.len() != 1 + n + k {
                return Err(err(format!(
                    "body yielded {} values, expected {}",
                    vals.len(),
                    1 + n + k
                )));
            }
            let mut it = vals.into_iter();
            cond = flag(it.next().as_ref(), "the yielded condition").map_err(err)?;
            carried = it.by_ref().take(n).collect();
            for (j, v) in it.enumerate() {
                match v {
                    RtValue::Tensor(t) => scans[j].push(t),
                    _ => return Err(err(format!("scan output #{j} must be a tensor"))),
                }
            }
            i += 1;
        }
        let mut out = carried;
        for (j, parts) in scans.into_iter().enumerate() {
            let t = if parts.is_empty() {
                let ty = body.value_type(results[n + j]);
                let vt =
                    crate::ir::ValueType::from_ir(self.ctx, ty).map_err(|e| err(e.to_string()))?;
                let shape = match &vt.shape {
                    crate::ir::ShapeSpec::Ranked(d) if !d.is_empty() => {
                        let mut s: Vec<usize> = d.iter().map(|x| x.unwrap_or(0)).collect();
                        s[0] = 0;
                        s
                    }
                    _ => vec![0],
                };
                Tensor::zeros(vt.dtype, shape, self.max_elements).map_err(|e| err(e.to_string()))?
            } else {
                stack(parts, 0, self.max_elements)
                    .map_err(|e| err(format!("scan output #{j}: {e}")))?
            };
            out.push(RtValue::Tensor(t));
        }
        Ok(out)
    }

    fn exec_scan(
        &self,
        st: &mut State,
        frame: &mut Frame<'a>,
        op: Op,
        r: Region,
        ins: Vec<RtValue<'a>>,
        depth: usize,
    ) -> Result<Vec<RtValue<'a>>, Diagnostic> {
        let body = frame.body;
        let err = |m: String| self.op_error(body, op, m);
        let nres = body.results(op).len();
        let props =
            strata_dialect_graph::verify::merged_attrs(&strata_ir::OpRef::new(self.ctx, body, op));
        let a = ScanAttrs::read(self.ctx, props, ins.len(), nres).map_err(err)?;
        let m = a.num_scan_inputs;
        let n = ins.len() - m;
        let k = nres - n;
        let mut states: Vec<RtValue<'a>> = Vec::with_capacity(n);
        let mut xs: Vec<(Tensor, usize)> = Vec::with_capacity(m);
        for (i, v) in ins.into_iter().enumerate() {
            if i < n {
                states.push(v);
                continue;
            }
            let RtValue::Tensor(t) = v else {
                return Err(err(format!("scan input #{} must be a tensor", i - n)));
            };
            let ax = crate::ops::graph::axis(a.input_axes[i - n], t.rank())
                .map_err(|e| err(e.to_string()))?;
            xs.push((t, ax));
        }
        let len = xs[0].0.shape()[xs[0].1];
        if xs.iter().any(|(t, ax)| t.shape()[*ax] != len) {
            return Err(err("scan inputs differ in their scanned length".into()));
        }
        let mut scans: Vec<Vec<Tensor>> = vec![Vec::new(); k];
        for it in 0..len {
            let mut args = std::mem::take(&mut states);
            for (j, (t, ax)) in xs.iter().enumerate() {
                let pos = if a.input_directions[j] == 1 {
                    len - 1 - it
                } else {
                    it
                };
                let s = slice_along(t, *ax, pos, 1, self.max_elements)
                    .and_then(|s| squeeze(s, *ax))
                    .map_err(|e| err(e.to_string()))?;
                args.push(RtValue::Tensor(s));
            }
            let vals = self.run_body(st, frame, op, r, args, depth)?;
            if vals.len() != n + k {
                return Err(err(format!(
                    "body yielded {} values, expected {}",
                    vals.len(),
                    n + k
                )));
            }
            let mut vi = vals.into_iter();
            states = vi.by_ref().take(n).collect();
            for (j, v) in vi.enumerate() {
                match v {
                    RtValue::Tensor(t) => scans[j].push(t),
                    _ => return Err(err(format!("scan output #{j} must be a tensor"))),
                }
            }
        }
        let mut out = states;
        for (j, mut parts) in scans.into_iter().enumerate() {
            if parts.is_empty() {
                return Err(err(
                    "a scan with zero iterations has no scan output shape".into()
                ));
            }
            if a.output_directions[j] == 1 {
                parts.reverse();
            }
            let rank = parts[0].rank() + 1;
            let ax =
                crate::ops::graph::axis(a.output_axes[j], rank).map_err(|e| err(e.to_string()))?;
            let t = stack(parts, ax, self.max_elements)
                .map_err(|e| err(format!("scan output #{j}: {e}")))?;
            out.push(RtValue::Tensor(t));
        }
        Ok(out)
    }

    /// An op on sequences or optionals.
    pub(super) fn exec_values(
        &self,
        frame: &mut Frame<'a>,
        op: Op,
        f: ValuesFn,
    ) -> Result<(), Diagnostic> {
        let body = frame.body;
        let ins = self
            .operands(frame, op)?
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                v.into_any().ok_or_else(|| {
                    self.op_error(body, op, format_args!("operand #{i} is a function value"))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let cx = OpCx {
            ctx: self.ctx,
            body,
            op,
            max_elements: self.max_elements,
            max_work: self.max_work,
        };
        let outs = f(&cx, ins).map_err(|e| self.op_error(body, op, e))?;
        self.set_results(frame, op, outs.into_iter().map(RtValue::from_any).collect())
    }
}

/// The boolean of a single-element `i1` tensor value.
fn flag(v: Option<&RtValue<'_>>, what: &str) -> Result<bool, String> {
    match v {
        Some(RtValue::Tensor(t)) if t.dtype() == DType::Bool && t.len() == 1 => {
            Ok(t.as_slice::<bool>().is_some_and(|s| s[0]))
        }
        _ => Err(format!("{what} must be a single-element i1 tensor")),
    }
}

/// Stack tensors of one shape along a new axis `ax`.
fn stack(parts: Vec<Tensor>, ax: usize, max: usize) -> crate::Result<Tensor> {
    if let Some(f) = parts.first() {
        let shape = f.shape().to_vec();
        if let Some(t) = parts.iter().find(|t| t.shape() != shape.as_slice()) {
            return Err(format!(
                "cannot stack tensors of different shapes ({} and {})",
                f.type_str(),
                t.type_str()
            )
            .into());
        }
    }
    let parts = parts
        .into_iter()
        .map(|t| unsqueeze(t, ax))
        .collect::<crate::Result<Vec<_>>>()?;
    concat_along(&parts, ax, max)
}

//! Execution of the `loop` dialect's region ops (`loop.for`, `loop.parallel`, `loop.if`),
//! of `hw.parallel` (sequentially, like a `loop.for` without loop-carried values) and of the
//! buffer ops of the `loop` and `hw` dialects ([`Sem::Memory`]).
//!
//! A region of these ops is not isolated: it runs in the frame of the enclosing function
//! (uses of outer values read the frame) with its block arguments bound for each run, and
//! its `loop.yield` hands values back. Every op a body executes costs fuel, and an empty
//! body still executes its `loop.yield`, so every iteration costs at least one unit: a loop
//! with an enormous trip count stops with the fuel diagnostic. Each region run counts one
//! level of nesting depth.

use super::{Frame, Interpreter, RtValue, State};
use crate::ops::loop_ops::{index_value, MemArg, MemOut, MemoryFn};
use crate::ops::{OpCx, Sem};
use crate::tensor::Tensor;
use strata_ir::{Diagnostic, Op, Region};

impl<'a> Interpreter<'a> {
    /// The value of `index` operand `i` of `op`.
    fn index_operand(&self, frame: &Frame<'a>, op: Op, i: usize) -> Result<i64, Diagnostic> {
        let body = frame.body;
        let v = body.operand(op, i);
        match frame.get(v) {
            Some(RtValue::Tensor(t)) => index_value(t).map_err(|e| {
                self.op_error(body, op, format_args!("operand #{i}: {}", e.message()))
            }),
            Some(_) => Err(self.op_error(
                body,
                op,
                format_args!("operand #{i} must be an index scalar"),
            )),
            None => Err(self.op_error(body, op, format_args!("operand #{i} has no value yet"))),
        }
    }

    /// `loop.for`, `loop.parallel`, `loop.if` or `hw.parallel` (which runs like a `loop.for`
    /// without loop-carried values: its iterations in increasing order on one worker).
    pub(super) fn exec_loop_op(
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
        let Some(&first) = regions.first() else {
            return Err(self.op_error(body, op, "has no region"));
        };
        let results = match sem {
            Sem::LoopFor | Sem::HwParallel => self.exec_for(st, frame, op, first, depth)?,
            Sem::LoopParallel => self.exec_parallel(st, frame, op, &regions, depth)?,
            _ => self.exec_if(st, frame, op, &regions, depth)?,
        };
        self.set_results(frame, op, results)
    }

    fn exec_for(
        &self,
        st: &mut State,
        frame: &mut Frame<'a>,
        op: Op,
        region: Region,
        depth: usize,
    ) -> Result<Vec<RtValue<'a>>, Diagnostic> {
        let body = frame.body;
        if body.num_operands(op) < 3 {
            return Err(self.op_error(body, op, "needs a lower bound, an upper bound and a step"));
        }
        let lb = self.index_operand(frame, op, 0)?;
        let ub = self.index_operand(frame, op, 1)?;
        let step = self.index_operand(frame, op, 2)?;
        if step <= 0 {
            return Err(self.op_error(
                body,
                op,
                format_args!("step must be positive, but is {step}"),
            ));
        }
        let mut carried = self.operands(frame, op)?.split_off(3);
        let mut iv = lb;
        while iv < ub {
            let mut args = Vec::with_capacity(carried.len() + 1);
            args.push(RtValue::Tensor(Tensor::index_scalar(iv)));
            args.append(&mut carried);
            carried = self.run_body(st, frame, op, region, args, depth)?;
            // `iv + step` past i64::MAX is past `ub` too.
            let Some(next) = iv.checked_add(step) else {
                break;
            };
            iv = next;
        }
        Ok(carried)
    }

    fn exec_parallel(
        &self,
        st: &mut State,
        frame: &mut Frame<'a>,
        op: Op,
        regions: &[Region],
        depth: usize,
    ) -> Result<Vec<RtValue<'a>>, Diagnostic> {
        let body = frame.body;
        let r = strata_ir::OpRef::new(self.ctx, body, op);
        let (n, k) = strata_dialect_loop::ParallelOp(r)
            .dims()
            .map_err(|e| self.op_error(body, op, e))?;
        if regions.len() != k + 1 {
            return Err(self.op_error(
                body,
                op,
                "needs a body and one reduction region per result",
            ));
        }
        let mut lbs = Vec::with_capacity(n);
        let mut ubs = Vec::with_capacity(n);
        let mut steps = Vec::with_capacity(n);
        for d in 0..n {
            lbs.push(self.index_operand(frame, op, d)?);
            ubs.push(self.index_operand(frame, op, n + d)?);
            let s = self.index_operand(frame, op, 2 * n + d)?;
            if s <= 0 {
                return Err(self.op_error(
                    body,
                    op,
                    format_args!("step #{d} must be positive, but is {s}"),
                ));
            }
            steps.push(s);
        }
        let mut acc = self.operands(frame, op)?.split_off(3 * n);
        if (0..n).any(|d| lbs[d] >= ubs[d]) {
            return Ok(acc);
        }
        // Visit the points in lexicographic order (an odometer over the dimensions).
        let mut iv = lbs.clone();
        loop {
            let args = iv
                .iter()
                .map(|&i| RtValue::Tensor(Tensor::index_scalar(i)))
                .collect();
            let contrib = self.run_body(st, frame, op, regions[0], args, depth)?;
            if contrib.len() != k {
                return Err(self.op_error(
                    body,
                    op,
                    format_args!("body yielded {} values for {k} reductions", contrib.len()),
                ));
            }
            for (j, c) in contrib.into_iter().enumerate() {
                let prev = std::mem::replace(&mut acc[j], RtValue::Tensor(Tensor::index_scalar(0)));
                let mut out = self.run_body(st, frame, op, regions[1 + j], vec![prev, c], depth)?;
                if out.len() != 1 {
                    return Err(self.op_error(
                        body,
                        op,
                        format_args!("reduction region #{j} yielded {} values", out.len()),
                    ));
                }
                acc[j] = out.remove(0);
            }
            let mut d = n;
            loop {
                if d == 0 {
                    return Ok(acc);
                }
                d -= 1;
                match iv[d].checked_add(steps[d]).filter(|&x| x < ubs[d]) {
                    Some(x) => {
                        iv[d] = x;
                        break;
                    }
                    None => iv[d] = lbs[d],
                }
            }
        }
    }

    fn exec_if(
        &self,
        st: &mut State,
        frame: &mut Frame<'a>,
        op: Op,
        regions: &[Region],
        depth: usize,
    ) -> Result<Vec<RtValue<'a>>, Diagnostic> {
        let body = frame.body;
        let cond = match self.operands(frame, op)?.first() {
            Some(RtValue::Tensor(t)) if t.dtype() == crate::DType::Bool && t.len() == 1 => {
                t.as_slice::<bool>().is_some_and(|s| s[0])
            }
            _ => return Err(self.op_error(body, op, "condition must be an i1 scalar")),
        };
        let chosen = if cond {
            regions.first()
        } else {
            regions.get(1)
        };
        match chosen {
            Some(&r) if !body.region_blocks(r).is_empty() => {
                self.run_body(st, frame, op, r, Vec::new(), depth)
            }
            // An absent else region yields nothing.
            _ => Ok(Vec::new()),
        }
    }

    /// A buffer op: pass tensors and buffers, bind tensors and buffers.
    pub(super) fn exec_memory(
        &self,
        frame: &mut Frame<'a>,
        op: Op,
        f: MemoryFn,
    ) -> Result<(), Diagnostic> {
        let body = frame.body;
        let mut args = Vec::with_capacity(body.num_operands(op));
        for (i, v) in body.operands(op).enumerate() {
            args.push(match frame.get(v) {
                Some(RtValue::Tensor(t)) => MemArg::Tensor(t),
                Some(RtValue::Buffer(b)) => MemArg::Buffer(b),
                Some(_) => {
                    return Err(self.op_error(
                        body,
                        op,
                        format_args!("operand #{i} is neither a tensor nor a buffer"),
                    ))
                }
                None => {
                    return Err(self.op_error(
                        body,
                        op,
                        format_args!("operand #{i} has no value yet"),
                    ))
                }
            });
        }
        let cx = OpCx {
            ctx: self.ctx,
            body,
            op,
            max_elements: self.max_elements,
            max_work: self.max_work,
        };
        let outs = f(&cx, &args).map_err(|e| self.op_error(body, op, e))?;
        let vals = outs
            .into_iter()
            .map(|o| match o {
                MemOut::Tensor(t) => RtValue::Tensor(t),
                MemOut::Buffer(b) => RtValue::Buffer(b),
            })
            .collect();
        self.set_results(frame, op, vals)
    }
}

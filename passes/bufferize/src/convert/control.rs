//! Control flow and scalar reads at the tensor level: `loop.if` with tensor results and
//! `tensor.extract` (see `docs/lowering.md`, the bufferized level).
//!
//! * A `loop.if`'s tensor results get their buffers *before* the if (an allocation, or the
//!   out-parameter a returned result prefers); each region is converted like a function
//!   body whose out-parameters are those buffers: what it yields is computed directly in
//!   them where the destination chain allows it, otherwise copied there before its
//!   `loop.yield`. The if keeps its scalar results only. Nothing of the untaken region runs.
//! * Inside a region, nothing defined outside it is overwritten in place (the code after
//!   the if, or the other region, may still read it); the region's own allocations are
//!   freed inside it, after their last use. A buffer defined outside and used inside is
//!   live up to the if as a whole, so it is freed after the if.
//! * A `loop.for` carrying tensors gets one buffer per carried tensor before the loop (the
//!   out-parameter a returned result prefers, else an allocation), into which the initial
//!   value is copied; the body's tensor arguments are those buffers, the body is converted
//!   like an if region but without computing anything directly in them (they are still
//!   read in the iteration), and what it yields is copied into them at the end of the
//!   iteration (through a temporary when a yielded value is another carried buffer, so that
//!   a swap does not read an overwritten value). The loop keeps its scalar carried values.
//! * `tensor.extract` becomes a `loop.load` of the tensor's buffer.

use super::{check_ops, Cx, Signature};
use crate::plan::Plan;
use crate::util::is_tensor;
use std::collections::BTreeMap;
use strata_ir::{Block, Body, Context, Diagnostic, InsertPoint, Op, OpRef, OperationState, Value};

/// Check the regions of the `loop.if` or `loop.for` `o`: single blocks ending in
/// `loop.yield`, with supported ops.
pub(super) fn check_if(ctx: &Context, body: &Body, o: Op) -> Result<(), Diagnostic> {
    for &r in body
        .regions(o)
        .iter()
        .take(1 + usize::from(is_if(ctx, body, o)))
    {
        let blocks = body.region_blocks(r);
        match blocks {
            [] => {}
            [b] => {
                let ops = body.block_op_vec(*b);
                match ops.last() {
                    Some(&y) if ctx.op_name_str(body.name(y)) == "loop.yield" => {
                        check_ops(ctx, body, &ops[..ops.len() - 1])?;
                    }
                    _ => {
                        return Err(OpRef::new(ctx, body, o).error(format_args!(
                            "bufferize: a region does not end with 'loop.yield'"
                        )))
                    }
                }
            }
            _ => {
                return Err(OpRef::new(ctx, body, o).error(format_args!(
                    "bufferize: a region has {} blocks; only one is supported",
                    blocks.len()
                )))
            }
        }
    }
    Ok(())
}

fn is_if(ctx: &Context, body: &Body, o: Op) -> bool {
    ctx.op_name_str(body.name(o)) == "loop.if"
}

impl Cx<'_, '_, '_> {
    /// `tensor.extract` → `loop.load` of the source's buffer.
    pub(super) fn extract(&mut self, o: Op) -> Result<(), Diagnostic> {
        let operands: Vec<Value> = self.body.operands(o).collect();
        let mut new_ops = Vec::with_capacity(operands.len());
        new_ops.push(self.buf(operands[0], o)?);
        new_ops.extend_from_slice(&operands[1..]);
        let r = self.body.result(o, 0);
        let ty = self.body.value_type(r);
        let load = self.emit(o, "loop.load", &new_ops, &[ty], None);
        let v = self.body.result(load, 0);
        self.body.replace_all_uses(r, v);
        Ok(())
    }

    /// `loop.if` at position `pos`: result buffers before it, then each region.
    pub(super) fn if_op(
        &mut self,
        o: Op,
        pos: usize,
        sigs: &BTreeMap<String, Signature>,
    ) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let results = self.body.results(o).to_vec();
        let mut dests = Vec::with_capacity(results.len());
        let mut scalar_types = Vec::new();
        for &r in &results {
            let t = self.body.value_type(r);
            if is_tensor(ctx, t) {
                dests.push(Some(self.dest(o, pos, r, None, &[])?));
            } else {
                dests.push(None);
                scalar_types.push(t);
            }
        }
        let regions = self.body.regions(o).to_vec();
        for &reg in &regions {
            if let Some(b) = self.body.entry_block(reg) {
                self.region(b, &dests, sigs)?;
            }
        }
        let mut st = OperationState::new(ctx, ctx.op_name("loop.if"), self.body.op(o).loc);
        st.operands = vec![self.body.operand(o, 0)];
        st.result_types = scalar_types;
        for &reg in &regions {
            let nr = st.add_region(self.body);
            self.body.inline_region(reg, nr, 0);
        }
        let new_if = self.body.create_op(st);
        self.body.insert_op(new_if, InsertPoint::Before(o));
        self.rebind_results(&results, dests, new_if);
        Ok(())
    }

    /// `loop.for` at position `pos` carrying tensors: their buffers before it, then the body.
    pub(super) fn for_op(
        &mut self,
        o: Op,
        pos: usize,
        sigs: &BTreeMap<String, Signature>,
    ) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let operands: Vec<Value> = self.body.operands(o).collect();
        let results = self.body.results(o).to_vec();
        if operands.len() != 3 + results.len() {
            return Err(self.error(o, "the loop's carried values do not match its results"));
        }
        let Some(&region) = self.body.regions(o).first() else {
            return Err(self.error(o, "the loop has no body"));
        };
        let Some(b) = self.body.entry_block(region) else {
            return Err(self.error(o, "the loop's body has no block"));
        };
        let bargs = self.body.block_args(b).to_vec();
        if bargs.len() != 1 + results.len() {
            return Err(self.error(o, "the loop's body arguments do not match its results"));
        }
        let mut dests = Vec::with_capacity(results.len());
        let (mut scalar_inits, mut scalar_types) = (Vec::new(), Vec::new());
        for (k, &r) in results.iter().enumerate() {
            let t = self.body.value_type(r);
            if is_tensor(ctx, t) {
                let (d, root) = self.dest(o, pos, r, None, &[])?;
                let ib = self.buf(operands[3 + k], o)?;
                if ib != d {
                    self.copy(o, ib, d);
                }
                self.bind(bargs[1 + k], d, root);
                dests.push(Some((d, root)));
            } else {
                dests.push(None);
                scalar_inits.push(operands[3 + k]);
                scalar_types.push(t);
            }
        }
        self.region_with(b, &dests, sigs, true)?;
        // The body keeps the induction variable and its scalar carried values.
        for k in (0..results.len()).rev() {
            if dests[k].is_some() {
                self.body.erase_block_arg(b, 1 + k);
            }
        }
        let mut st = OperationState::new(ctx, ctx.op_name("loop.for"), self.body.op(o).loc);
        st.operands = operands[..3].iter().copied().chain(scalar_inits).collect();
        st.result_types = scalar_types;
        let nr = st.add_region(self.body);
        self.body.inline_region(region, nr, 0);
        let new_for = self.body.create_op(st);
        self.body.insert_op(new_for, InsertPoint::Before(o));
        self.rebind_results(&results, dests, new_for);
        Ok(())
    }

    /// After a region op was rebuilt as `new_op` (which keeps only the scalar results): bind
    /// each tensor result of the old op to its buffer (`Some` in `dests`) and replace each
    /// scalar result with the next result of `new_op`.
    fn rebind_results(
        &mut self,
        results: &[Value],
        dests: Vec<Option<(Value, usize)>>,
        new_op: Op,
    ) {
        let mut scalars = self.body.results(new_op).to_vec().into_iter();
        for (&r, d) in results.iter().zip(dests) {
            match d {
                Some((b, root)) => self.bind(r, b, root),
                None => {
                    let n = scalars
                        .next()
                        .expect("the rebuilt op has one result per scalar result of the old one");
                    self.body.replace_all_uses(r, n);
                }
            }
        }
    }

    /// Convert the block `b` of an if region whose yielded tensors go to `dests` (one entry
    /// per yielded value; `None` for scalars).
    fn region(
        &mut self,
        b: Block,
        dests: &[Option<(Value, usize)>],
        sigs: &BTreeMap<String, Signature>,
    ) -> Result<(), Diagnostic> {
        self.region_with(b, dests, sigs, false)
    }

    /// [`Self::region`]; `carried`: the destinations are a loop's carried buffers, read
    /// during the iteration, so nothing is computed directly in them and the yielded values
    /// are copied in at the end.
    fn region_with(
        &mut self,
        b: Block,
        dests: &[Option<(Value, usize)>],
        sigs: &BTreeMap<String, Signature>,
        carried: bool,
    ) -> Result<(), Diagnostic> {
        let ops = self.body.block_op_vec(b);
        let Some((&y, inner)) = ops.split_last() else {
            return Ok(());
        };
        let mut plan = Plan::new(self.ctx, self.body, b, y);
        // Only tensor results have a destination to prefer (none in a loop body).
        plan.pref
            .retain(|_, k| !carried && dests.get(*k).is_some_and(|d| d.is_some()));
        // `outs[k]` is only read for a `k` that `pref` holds, a tensor's: scalar positions
        // get any buffer as a placeholder.
        let outs: Vec<(Value, usize)> = match dests.iter().flatten().next() {
            Some(&any) => dests.iter().map(|d| d.unwrap_or(any)).collect(),
            None => Vec::new(),
        };
        let saved_plan = std::mem::replace(&mut self.plan, plan);
        let saved_outs = std::mem::replace(&mut self.outs, outs);
        let saved_allocs = std::mem::take(&mut self.allocs);
        let saved_floor = std::mem::replace(&mut self.floor, self.roots.len());
        let r = self.region_ops(b, y, inner, dests, sigs, carried);
        self.plan = saved_plan;
        self.outs = saved_outs;
        self.allocs = saved_allocs;
        self.floor = saved_floor;
        r
    }

    fn region_ops(
        &mut self,
        b: Block,
        y: Op,
        inner: &[Op],
        dests: &[Option<(Value, usize)>],
        sigs: &BTreeMap<String, Signature>,
        carried: bool,
    ) -> Result<(), Diagnostic> {
        let converted = self.convert_ops(inner, sigs)?;
        let yielded: Vec<Value> = self.body.operands(y).collect();
        let mut scalars = Vec::new();
        let mut copies = Vec::new();
        for (v, d) in yielded.into_iter().zip(dests) {
            match d {
                Some((out, _)) => {
                    let src = self.buf(v, y)?;
                    if src != *out {
                        copies.push((src, *out));
                    }
                }
                None => scalars.push(v),
            }
        }
        if carried {
            // A yielded carried buffer is read after another one may have been written:
            // take it through a temporary first.
            let outs: Vec<Value> = dests.iter().flatten().map(|d| d.0).collect();
            for c in copies.iter_mut() {
                if outs.contains(&c.0) {
                    let ty = self.body.value_type(c.0);
                    let (t, _) = self.alloc(y, ty);
                    self.copy(y, c.0, t);
                    c.0 = t;
                }
            }
        }
        for (src, out) in copies {
            self.copy(y, src, out);
        }
        self.emit(y, "loop.yield", &scalars, &[], None);
        self.body.erase_op(y);
        for &o in converted.iter().rev() {
            self.body.erase_op(o);
        }
        self.deallocate(b);
        Ok(())
    }
}

//! The region ops of [`Folder`]: `graph.loop`s over containers unrolled, `graph.if`s over
//! containers inlined (constant condition) or rebuilt with flat tensor results (the same
//! structure in both regions, or an optional present in one region and absent in the
//! other: then a run-time presence flag and zeros standing in for the absent contents).

use super::{err, loc, Cv, Folder, Next, MAX_UNROLL};
use strata_dialect_graph::container::is_tensor;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_ir::{Diagnostic, InsertPoint, IrMapping, Op, OperationState, Value};

impl Folder<'_> {
    /// Unroll a `graph.loop` whose trip count and condition are constants: each iteration's
    /// body is cloned before the loop with the iteration number as a constant, the carried
    /// values threaded through; scan outputs are stacked with `unsqueeze` and `concat`.
    pub(super) fn unroll(&mut self, op: Op) -> Result<Next, Diagnostic> {
        let ctx = self.ctx;
        let ops: Vec<Value> = self.body.operands(op).collect();
        let results = self.body.results(op).to_vec();
        let trip =
            match self.const_ints(ops[0]).as_deref() {
                Some([t]) => *t,
                _ => return Err(err(
                    self.body,
                    op,
                    ctx,
                    "a loop over sequences or optionals unrolls only with a constant trip count",
                )),
            };
        let Some(&region) = self.body.regions(op).first() else {
            return Err(err(self.body, op, ctx, "expected a body region"));
        };
        let Some(block) = self.body.entry_block(region) else {
            return Err(err(self.body, op, ctx, "expected a body block"));
        };
        let args = self.body.block_args(block).to_vec();
        let n_carried = ops.len() - 2;
        if args.len() != n_carried + 2 {
            return Err(err(
                self.body,
                op,
                ctx,
                "the body block's arguments do not match",
            ));
        }
        let body_ops = self.body.block_op_vec(block);
        let Some((&yield_op, inner)) = body_ops.split_last() else {
            return Err(err(self.body, op, ctx, "expected a terminator"));
        };
        let n_scan = results.len().saturating_sub(n_carried);
        let mut cond = ops[1];
        let mut carried: Vec<Value> = ops[2..].to_vec();
        let mut scans: Vec<Vec<Value>> = vec![Vec::new(); n_scan];
        let first_new = self.body.prev_op(op);
        let mut i = 0i64;
        loop {
            let c = match self.const_ints(cond).as_deref() {
                Some([c]) => *c != 0,
                _ => {
                    return Err(err(
                        self.body,
                        op,
                        ctx,
                        "a loop over sequences or optionals unrolls only while its condition \
                         is a constant",
                    ))
                }
            };
            if i >= trip || !c {
                break;
            }
            if i >= MAX_UNROLL {
                return Err(err(
                    self.body,
                    op,
                    ctx,
                    format_args!("a loop over sequences or optionals unrolls at most {MAX_UNROLL} iterations"),
                ));
            }
            let iv = self.scalar(op, ctx.int_type(64), i128::from(i));
            let mut map = IrMapping::default();
            map.values.insert(args[0], iv);
            map.values.insert(args[1], cond);
            for (&a, &v) in args[2..].iter().zip(&carried) {
                map.values.insert(a, v);
            }
            for &o in inner {
                let c = self.body.clone_op(ctx, o, &mut map);
                self.body.insert_op(c, InsertPoint::Before(op));
            }
            let ys: Vec<Value> = self.body.operands(yield_op).map(|v| map.value(v)).collect();
            if ys.len() != 1 + n_carried + n_scan {
                return Err(err(
                    self.body,
                    op,
                    ctx,
                    "the body yields the wrong number of values",
                ));
            }
            cond = ys[0];
            carried = ys[1..=n_carried].to_vec();
            for (k, &y) in ys[1 + n_carried..].iter().enumerate() {
                scans[k].push(y);
            }
            i += 1;
        }
        for (k, parts) in scans.iter().enumerate() {
            if parts.is_empty() {
                return Err(err(
                    self.body,
                    op,
                    ctx,
                    "a loop that runs no iteration has scan outputs of unknown shape",
                ));
            }
            let zero = strata_dialect_graph::attr::i64_array_attr(ctx, &[0]);
            let mut us = Vec::new();
            for &p in parts {
                us.push(self.build(op, "graph.unsqueeze", &[p], &[("axes", zero)])?[0]);
            }
            let v = if us.len() == 1 {
                us[0]
            } else {
                let ax = strata_dialect_graph::attr::i64_attr(ctx, 0);
                self.build(op, "graph.concat", &us, &[("axis", ax)])?[0]
            };
            self.body.replace_all_uses(results[n_carried + k], v);
        }
        for (&r, &v) in results.iter().zip(&carried) {
            self.body.replace_all_uses(r, v);
        }
        let block = self.body.parent_block(op);
        self.body.erase_op(op);
        let next = match first_new {
            Some(p) => self.body.next_op(p),
            None => block.and_then(|b| self.body.first_op(b)),
        };
        self.stats[1] += 1;
        Ok(Next::At(next))
    }

    /// Inline the taken region of a `graph.if` with a constant condition.
    pub(super) fn inline_if(&mut self, op: Op) -> Result<Next, Diagnostic> {
        let ctx = self.ctx;
        let cond = self.body.operand(op, 0);
        let c = match self.const_ints(cond).as_deref() {
            Some([c]) => *c != 0,
            _ => return self.flatten_if(op),
        };
        let region = self.body.regions(op)[if c { 0 } else { 1 }];
        let Some(block) = self.body.entry_block(region) else {
            return Err(err(self.body, op, ctx, "expected a region block"));
        };
        let body_ops = self.body.block_op_vec(block);
        let Some((&yield_op, inner)) = body_ops.split_last() else {
            return Err(err(self.body, op, ctx, "expected a terminator"));
        };
        let ys: Vec<Value> = self.body.operands(yield_op).collect();
        let first_new = self.body.prev_op(op);
        for &o in inner {
            self.body.move_op(o, InsertPoint::Before(op));
        }
        let results = self.body.results(op).to_vec();
        for (&r, &y) in results.iter().zip(&ys) {
            self.body.replace_all_uses(r, y);
        }
        let block = self.body.parent_block(op);
        self.body.erase_op(op);
        let next = match first_new {
            Some(p) => self.body.next_op(p),
            None => block.and_then(|b| self.body.first_op(b)),
        };
        self.stats[2] += 1;
        Ok(Next::At(next))
    }

    /// A `graph.if` with a condition known only at run time: both regions are folded, and
    /// when their container results have the same structure (sequence lengths, optional
    /// presence) the if is rebuilt with one tensor result per flattened tensor.
    fn flatten_if(&mut self, op: Op) -> Result<Next, Diagnostic> {
        let ctx = self.ctx;
        let regions = self.body.regions(op).to_vec();
        let mut yields = Vec::new();
        for &r in &regions {
            let Some(b) = self.body.entry_block(r) else {
                return Err(err(self.body, op, ctx, "expected a region block"));
            };
            self.run_block(b)?;
            let Some(y) = self.body.last_op(b) else {
                return Err(err(self.body, op, ctx, "expected a terminator"));
            };
            yields.push(y);
        }
        let [yt, ye] = yields[..] else {
            return Err(err(self.body, op, ctx, "expected two regions"));
        };
        let vt: Vec<Value> = self.body.operands(yt).collect();
        let ve: Vec<Value> = self.body.operands(ye).collect();
        let results = self.body.results(op).to_vec();
        if vt.len() != results.len() || ve.len() != results.len() {
            return Err(err(
                self.body,
                op,
                ctx,
                "the regions yield the wrong number of values",
            ));
        }
        let (mut ft, mut fe, mut types) = (Vec::new(), Vec::new(), Vec::new());
        // Per original result: how many flat results it takes, and its then-side structure.
        let mut parts = Vec::new();
        for k in 0..results.len() {
            let (a, b) = (self.cv(yt, vt[k])?, self.cv(ye, ve[k])?);
            let (a, b) = if same_structure(&a, &b) {
                (a, b)
            } else {
                self.run_time_presence(yt, a, ye, b)?.ok_or_else(|| {
                    err(
                        self.body,
                        op,
                        ctx,
                        format_args!(
                            "result #{k} has a different structure in the two regions (it \
                             would depend on the condition's value)"
                        ),
                    )
                })?
            };
            let (ta, tb) = (a.tensors(), b.tensors());
            for (&x, &y) in ta.iter().zip(&tb) {
                let j = strata_dialect_graph::container::join_tensor(ctx, self.ty(x), self.ty(y))
                    .map_err(|m| err(self.body, op, ctx, m))?;
                types.push(j);
            }
            parts.push((ta.len(), a));
            ft.extend(ta);
            fe.extend(tb);
        }
        self.body.set_operands(yt, &ft);
        self.body.set_operands(ye, &fe);
        let mut st = OperationState::new(ctx, self.body.name(op), loc(self.body, op));
        st.operands = self.body.operands(op).collect();
        st.result_types = types;
        st.props = Some(self.body.op(op).props);
        st.attrs = Some(self.body.op(op).attrs);
        let nr: Vec<_> = (0..regions.len())
            .map(|_| st.add_region(self.body))
            .collect();
        let new = self.body.create_op(st);
        self.body.insert_op(new, InsertPoint::Before(op));
        for (&old, &n) in regions.iter().zip(&nr) {
            self.body.inline_region(old, n, 0);
        }
        let flat = self.body.results(new).to_vec();
        let mut at = 0;
        for (k, (n, like)) in parts.into_iter().enumerate() {
            let part = &flat[at..at + n];
            at += n;
            let r = results[k];
            if is_tensor(ctx, self.ty(r)) {
                self.body.replace_all_uses(r, part[0]);
            } else {
                let mut it = part.iter().copied();
                self.map.insert(r, rebuild(&like, &mut it));
            }
        }
        self.folded.push(op);
        self.stats[2] += 1;
        Ok(Next::Go)
    }
}

impl Folder<'_> {
    /// Two optionals yielded by the regions of a run-time `graph.if` (before `yt` and
    /// `ye`) whose presence differs: both as [`Cv::MaybeOpt`] with their presence flag
    /// (a constant, or a flag they already carry), the absent contents replaced by zeros
    /// of the present one's types. `None` when they are not such a pair.
    fn run_time_presence(
        &mut self,
        yt: Op,
        a: Cv,
        ye: Op,
        b: Cv,
    ) -> Result<Option<(Cv, Cv)>, Diagnostic> {
        let (Some((pa, xa)), Some((pb, xb))) = (self.presence(yt, a), self.presence(ye, b)) else {
            return Ok(None);
        };
        let (xa, xb) = match (xa, xb) {
            (Some(x), Some(y)) if same_structure(&x, &y) => (x, y),
            (Some(x), None) => {
                let z = self.zeros_like(ye, &x)?;
                (x, z)
            }
            (None, Some(y)) => {
                let z = self.zeros_like(yt, &y)?;
                (z, y)
            }
            _ => return Ok(None),
        };
        let wrap = |present, x| Cv::MaybeOpt {
            present,
            inner: Box::new(x),
        };
        Ok(Some((wrap(pa, xa), wrap(pb, xb))))
    }

    /// An optional's presence flag (a `graph.constant` before `at` when it is known) and
    /// contents; `None` for a value that is not an optional.
    fn presence(&mut self, at: Op, x: Cv) -> Option<(Value, Option<Cv>)> {
        let i1 = self.ctx.i1();
        match x {
            Cv::Opt(None) => Some((self.scalar(at, i1, 0), None)),
            Cv::Opt(Some(x)) => Some((self.scalar(at, i1, 1), Some(*x))),
            Cv::MaybeOpt { present, inner } => Some((present, Some(*inner))),
            _ => None,
        }
    }

    /// `like` with each tensor replaced by a zero `graph.constant` of its (static) type,
    /// created before `at`.
    fn zeros_like(&mut self, at: Op, like: &Cv) -> Result<Cv, Diagnostic> {
        let ctx = self.ctx;
        let zero = |f: &mut Self, v: Value| -> Result<Value, Diagnostic> {
            let ty = f.ty(v);
            let attr = dense_attr(ctx, ty, &Values::Float(vec![0.0]))
                .or_else(|| dense_attr(ctx, ty, &Values::Int(vec![0])))
                .ok_or_else(|| {
                    err(
                        f.body,
                        at,
                        ctx,
                        "an optional absent in one region holds a tensor without a static \
                         shape in the other",
                    )
                })?;
            let mut st = OperationState::new(ctx, ctx.op_name("graph.constant"), loc(f.body, at));
            st.result_types = vec![ty];
            st.props = Some(ctx.dict_attr(&[("value", attr)]));
            let o = f.body.create_op(st);
            f.body.insert_op(o, InsertPoint::Before(at));
            Ok(f.body.results(o)[0])
        };
        Ok(match like {
            Cv::Tensor(v) => Cv::Tensor(zero(self, *v)?),
            Cv::Seq(xs) => Cv::Seq(
                xs.iter()
                    .map(|&v| zero(self, v))
                    .collect::<Result<_, _>>()?,
            ),
            _ => return Err(err(self.body, at, ctx, "an optional of an optional")),
        })
    }
}

/// Whether two container values have the same structure (kinds and tensor counts).
fn same_structure(a: &Cv, b: &Cv) -> bool {
    match (a, b) {
        (Cv::Tensor(_), Cv::Tensor(_)) => true,
        (Cv::Seq(x), Cv::Seq(y)) => x.len() == y.len(),
        (Cv::Opt(None), Cv::Opt(None)) => true,
        (Cv::Opt(Some(x)), Cv::Opt(Some(y))) => same_structure(x, y),
        (Cv::MaybeOpt { inner: x, .. }, Cv::MaybeOpt { inner: y, .. }) => same_structure(x, y),
        _ => false,
    }
}

/// `like` with its tensors taken from `it`, in order (`it` holds one value per tensor).
fn rebuild(like: &Cv, it: &mut impl Iterator<Item = Value>) -> Cv {
    match like {
        Cv::Tensor(v) => Cv::Tensor(it.next().unwrap_or(*v)),
        Cv::Seq(xs) => Cv::Seq(xs.iter().map(|&v| it.next().unwrap_or(v)).collect()),
        Cv::Opt(None) => Cv::Opt(None),
        Cv::Opt(Some(x)) => Cv::Opt(Some(Box::new(rebuild(x, it)))),
        Cv::MaybeOpt { present, inner } => Cv::MaybeOpt {
            present: it.next().unwrap_or(*present),
            inner: Box::new(rebuild(inner, it)),
        },
    }
}

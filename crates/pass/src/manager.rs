//! [`PassManager`]: runs a pipeline on a module — nested pipelines on isolated children in
//! parallel (rayon) with deterministic results, verification after each pass, timing, IR
//! printing, statistics, panic containment and crash reproducers.

use crate::instrument::{Instr, IrPrintConfig};
use crate::pipeline::{Element, OpPassManager};
use crate::{AnalysisManager, IrUnit, Pass};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;
use strata_ir::text::{self, PrintOptions};
use strata_ir::{Body, Context, Diagnostic, Module, Op, OpRef, OperationState};

/// Runs a pipeline with instrumentation.
pub struct PassManager {
    /// The root pipeline (anchored on the top-level op, normally `builtin.module`).
    pub root: OpPassManager,
    /// Worker threads for nested pipelines: 0 = all cores, 1 = no thread pool.
    pub threads: usize,
    /// Verify the IR after every pass (on by default).
    pub verify_each: bool,
    /// Collect per-pass wall-clock timing (`--mlir-timing`).
    pub timing: bool,
    /// Collect pass statistics (`--mlir-pass-statistics`).
    pub statistics: bool,
    /// IR printing around passes.
    pub print_ir: IrPrintConfig,
    /// Where to write a reproducer when the pipeline fails.
    pub reproducer: Option<std::path::PathBuf>,
}

/// What a run produced besides the transformed IR.
#[derive(Default, Debug)]
pub struct RunReport {
    /// Diagnostics in IR order.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the pipeline failed.
    pub failed: bool,
    /// The timing report (when enabled).
    pub timing: Option<String>,
    /// The statistics report (when enabled).
    pub statistics: Option<String>,
    /// IR dumps `(header, ir)` in order (when IR printing is enabled).
    pub ir_dumps: Vec<(String, String)>,
    /// Path of the reproducer written on failure, if any.
    pub reproducer_written: Option<std::path::PathBuf>,
}

impl PassManager {
    /// A pass manager around `root` with verification on and everything else off.
    pub fn new(root: OpPassManager) -> Self {
        PassManager {
            root,
            threads: 0,
            verify_each: true,
            timing: false,
            statistics: false,
            print_ir: IrPrintConfig::default(),
            reproducer: None,
        }
    }

    /// The pipeline as text (what a reproducer records).
    pub fn pipeline_text(&self) -> String {
        self.root.to_text()
    }

    /// Run on `module`. The returned report says whether it failed; the module holds the IR
    /// as the last successful pass left it.
    pub fn run(&self, ctx: &Context, module: &mut Module) -> RunReport {
        let mut report = RunReport::default();
        let top_name = ctx.op_name_str(module.body.name(module.op)).to_string();
        if self.root.anchor != "any" && self.root.anchor != top_name {
            report.failed = true;
            report.diagnostics.push(Diagnostic::error(
                module.body.op(module.op).loc,
                format!(
                    "can't run '{}' pass manager on '{}' op",
                    self.root.anchor, top_name
                ),
            ));
            return report;
        }
        let original = self.reproducer.as_ref().map(|_| {
            text::print_module(
                ctx,
                module,
                &PrintOptions {
                    generic: true,
                    debug_info: true,
                },
            )
        });
        let Some(mut nested) = module.body.take_nested(module.op) else {
            report.failed = true;
            report.diagnostics.push(Diagnostic::error(
                module.body.op(module.op).loc,
                format!("the top-level op '{top_name}' must be isolated from above (is its dialect registered?)"),
            ));
            return report;
        };
        let pool = if self.threads == 1 {
            None
        } else {
            rayon::ThreadPoolBuilder::new()
                .num_threads(self.threads)
                .build()
                .ok()
        };
        let mut instr = Instr::default();
        let start = Instant::now();
        let ok = {
            let runner = Runner {
                ctx,
                pm: self,
                pool: pool.as_ref(),
            };
            runner.run_pm(
                &self.root,
                &module.body,
                module.op,
                &mut nested,
                None,
                &mut instr,
                &[],
            )
        };
        module.body.put_nested(module.op, nested);
        let total = start.elapsed();
        report.failed = !ok;
        report.diagnostics = std::mem::take(&mut instr.diags);
        if ok && self.verify_each {
            if let Err(errs) = strata_ir::verify::verify_module(ctx, module) {
                report.failed = true;
                report.diagnostics.extend(errs);
            }
        }
        if self.timing {
            report.timing = Some(instr.timing_report(total));
        }
        if self.statistics {
            report.statistics = Some(instr.statistics_report());
        }
        report.ir_dumps = std::mem::take(&mut instr.dumps);
        if report.failed {
            if let (Some(path), Some(ir)) = (&self.reproducer, original) {
                let text = crate::reproducer::render(&ir, &self.pipeline_text(), self.verify_each);
                if std::fs::write(path, text).is_ok() {
                    report.reproducer_written = Some(path.clone());
                }
            }
        }
        report
    }
}

struct Runner<'p> {
    ctx: &'p Context,
    pm: &'p PassManager,
    pool: Option<&'p rayon::ThreadPool>,
}

impl Runner<'_> {
    /// Run pipeline `pm` on `op` (held by `holder`, regions in `body`). Returns success.
    #[allow(clippy::too_many_arguments)]
    fn run_pm(
        &self,
        pm: &OpPassManager,
        holder: &Body,
        op: Op,
        body: &mut Body,
        chain: Option<&OpRef<'_>>,
        instr: &mut Instr,
        path: &[String],
    ) -> bool {
        let ctx = self.ctx;
        let mut am = AnalysisManager::new();
        for element in &pm.elements {
            match element {
                Element::Pass(pass) => {
                    if !self.run_pass(pass.as_ref(), holder, op, body, chain, &mut am, instr, path)
                    {
                        return false;
                    }
                }
                Element::Nested(sub) => {
                    // Children: isolated ops directly in this op's regions matching the anchor.
                    let children: Vec<Op> = body
                        .ops_in_regions(holder.regions(op))
                        .into_iter()
                        .filter(|&c| {
                            body.has_nested_slot(c)
                                && (sub.anchor == "any"
                                    || ctx.op_name_str(body.name(c)) == sub.anchor)
                        })
                        .collect();
                    let mut taken: Vec<(Op, Box<Body>)> = children
                        .iter()
                        .filter_map(|&c| body.take_nested(c).map(|b| (c, b)))
                        .collect();
                    let mut sub_path = path.to_vec();
                    sub_path.push(format!("'{}' Pipeline", sub.anchor));
                    let results: Vec<(bool, Instr)> = {
                        let holder2: &Body = body;
                        let me = OpRef {
                            ctx,
                            body: holder,
                            op,
                            parent: chain,
                            region_override: Some(holder2),
                        };
                        let run_child = |(c, b): &mut (Op, Box<Body>)| {
                            let mut ci = Instr::default();
                            let ok =
                                self.run_pm(sub, holder2, *c, b, Some(&me), &mut ci, &sub_path);
                            (ok, ci)
                        };
                        match self.pool {
                            Some(pool) if taken.len() > 1 => {
                                use rayon::prelude::*;
                                pool.install(|| taken.par_iter_mut().map(run_child).collect())
                            }
                            _ => taken.iter_mut().map(run_child).collect(),
                        }
                    };
                    for (c, b) in taken {
                        body.put_nested(c, b);
                    }
                    let mut ok = true;
                    for (child_ok, ci) in results {
                        ok &= child_ok;
                        instr.merge(ci);
                    }
                    if !ok {
                        return false;
                    }
                    // Nested pipelines may have changed anything below this op.
                    am = AnalysisManager::new();
                }
            }
        }
        true
    }

    #[allow(clippy::too_many_arguments)]
    fn run_pass(
        &self,
        pass: &dyn Pass,
        holder: &Body,
        op: Op,
        body: &mut Body,
        chain: Option<&OpRef<'_>>,
        am: &mut AnalysisManager,
        instr: &mut Instr,
        path: &[String],
    ) -> bool {
        let ctx = self.ctx;
        let name = pass.info().name;
        let cfg = &self.pm.print_ir;
        let before_text = if cfg.wants_before(name) || cfg.after_change {
            Some(print_unit(ctx, holder, op, body, cfg.debug_info))
        } else {
            None
        };
        if cfg.wants_before(name) {
            if let Some(t) = &before_text {
                instr.dumps.push((
                    format!("// -----// IR Dump Before {name} //----- //"),
                    t.clone(),
                ));
            }
        }
        let start = Instant::now();
        let mut unit = IrUnit::new(ctx, holder, op, body, chain);
        let result = catch_unwind(AssertUnwindSafe(|| pass.run(&mut unit, am)));
        let elapsed = start.elapsed();
        let mut p = path.to_vec();
        p.push(name.to_string());
        instr.add_time(p, elapsed);
        let IrUnit { diags, stats, .. } = unit;
        for (k, v) in stats {
            instr.add_stat(name, k, v);
        }
        instr.diags.extend(diags);
        am.invalidate();
        let mut ok = match result {
            Ok(Ok(())) => true,
            Ok(Err(_)) => {
                if !instr
                    .diags
                    .iter()
                    .any(|d| d.severity == strata_ir::Severity::Error)
                {
                    instr.diags.push(Diagnostic::error(
                        holder.op(op).loc,
                        format!("pass '{name}' failed without reporting an error"),
                    ));
                }
                false
            }
            Err(payload) => {
                let msg = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic payload".to_string());
                instr.diags.push(Diagnostic::error(
                    holder.op(op).loc,
                    format!("internal error: pass '{name}' panicked: {msg}"),
                ));
                false
            }
        };
        if ok && self.pm.verify_each {
            if let Err(errs) = strata_ir::verify::verify_unit(ctx, holder, op, body, chain) {
                instr.diags.extend(errs);
                instr.diags.push(Diagnostic::error(
                    holder.op(op).loc,
                    format!("verification failed after pass '{name}'"),
                ));
                ok = false;
            }
        }
        let after_wanted = cfg.wants_after(name) || (!ok && cfg.after_failure);
        if after_wanted || cfg.after_change {
            let after = print_unit(ctx, holder, op, body, cfg.debug_info);
            let changed = before_text.as_deref() != Some(after.as_str());
            if after_wanted && (!cfg.after_change || changed || !ok) {
                let what = if ok { "After" } else { "After Failed" };
                instr.dumps.push((
                    format!("// -----// IR Dump {what} {name} //----- //"),
                    after,
                ));
            }
        }
        ok
    }
}

/// Print an isolated op whose nested body was taken out (for IR dumps): the op is rebuilt in a
/// scratch body around a copy of its regions. Only used when IR printing is requested.
fn print_unit(ctx: &Context, holder: &Body, op: Op, body: &Body, debug_info: bool) -> String {
    let d = holder.op(op);
    let mut st = OperationState::new(ctx, d.name(), d.loc);
    st.props = Some(d.props);
    st.attrs = Some(d.attrs);
    st.result_types = holder
        .results(op)
        .iter()
        .map(|&v| holder.value_type(v))
        .collect();
    st.regions = holder.regions(op).to_vec();
    st.nested = Some(Box::new(body.clone()));
    let mut scratch = Body::new();
    let tmp = scratch.create_op(st);
    text::print_op(
        ctx,
        &scratch,
        tmp,
        &PrintOptions {
            generic: false,
            debug_info,
        },
    )
}

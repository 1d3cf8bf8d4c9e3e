//! Pass manager tests with small test passes: nesting, anchoring errors, pipeline text round
//! trip, parallel == sequential, analysis caching, failure, panic containment, reproducers.

use std::sync::atomic::{AtomicUsize, Ordering};
use strata_ir::{Context, Diagnostic, Module, OpBuilder, OperationState};
use strata_pass::{
    parse_pipeline, Analysis, AnalysisManager, IrUnit, OptionKind, Pass, PassFailed, PassInfo,
    PassManager, PassOptionInfo, PASSES,
};

/// Appends a `test.op` marker with the pass's `tag` option to every op it runs on.
struct Mark(String);
#[linkme::distributed_slice(PASSES)]
static MARK: PassInfo = PassInfo {
    name: "test-mark",
    summary: "append a marker op",
    description: "",
    anchor: Some("func.func"),
    options: &[PassOptionInfo {
        name: "tag",
        description: "marker tag",
        default: "m",
        kind: OptionKind::String,
    }],
    create: |o| Ok(Box::new(Mark(o.get_str("tag").to_string()))),
};
impl Pass for Mark {
    fn info(&self) -> &'static PassInfo {
        &MARK
    }
    fn run(&self, unit: &mut IrUnit<'_>, _am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let r = unit.regions()[0];
        let Some(b) = unit.body.entry_block(r) else {
            return Ok(());
        };
        let term = unit
            .body
            .last_op(b)
            .expect("function blocks end with a terminator");
        let mut bld = OpBuilder::new(unit.ctx, unit.body);
        bld.set_insertion_point(strata_ir::InsertPoint::Before(term));
        let tag = unit.ctx.string_attr(&self.0);
        bld.build("test.op", &[], &[], &[("tag", tag)]);
        unit.stat("markers", 1);
        Ok(())
    }
    fn pipeline_text(&self) -> String {
        format!("test-mark{{tag={}}}", self.0)
    }
}

struct Fail;
#[linkme::distributed_slice(PASSES)]
static FAIL: PassInfo = PassInfo {
    name: "test-fail",
    summary: "always fails",
    description: "",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(Fail)),
};
impl Pass for Fail {
    fn info(&self) -> &'static PassInfo {
        &FAIL
    }
    fn run(&self, unit: &mut IrUnit<'_>, _am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let loc = unit.holder.op(unit.op).loc;
        unit.emit(Diagnostic::error(loc, "test-fail ran"));
        Err(PassFailed)
    }
}

struct Panic;
#[linkme::distributed_slice(PASSES)]
static PANIC: PassInfo = PassInfo {
    name: "test-panic",
    summary: "panics",
    description: "",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(Panic)),
};
impl Pass for Panic {
    fn info(&self) -> &'static PassInfo {
        &PANIC
    }
    fn run(&self, _unit: &mut IrUnit<'_>, _am: &mut AnalysisManager) -> Result<(), PassFailed> {
        panic!("boom")
    }
}

static COMPUTED: AtomicUsize = AtomicUsize::new(0);
struct OpCount(usize);
impl Analysis for OpCount {
    fn compute(unit: &IrUnit<'_>) -> Self {
        COMPUTED.fetch_add(1, Ordering::SeqCst);
        OpCount(unit.top_ops().len())
    }
}
struct UseAnalysis;
#[linkme::distributed_slice(PASSES)]
static USE_ANALYSIS: PassInfo = PassInfo {
    name: "test-use-analysis",
    summary: "queries an analysis twice and preserves it",
    description: "",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(UseAnalysis)),
};
impl Pass for UseAnalysis {
    fn info(&self) -> &'static PassInfo {
        &USE_ANALYSIS
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let a = am.get::<OpCount>(unit).0;
        let b = am.get::<OpCount>(unit).0;
        assert_eq!(a, b);
        am.preserve::<OpCount>();
        Ok(())
    }
}

fn ctx() -> Context {
    let mut c = Context::new();
    c.register_dialect(&strata_dialect_builtin::DIALECT);
    c.register_dialect(&strata_dialect_func::DIALECT);
    c.register_dialect(&strata_dialect_test::DIALECT);
    c.allow_unregistered = true;
    c
}

/// A module of `n` empty functions `() -> ()` each ending in `func.return`.
fn module(c: &Context, n: usize) -> Module {
    let mut m = Module::new(c);
    let mb = m.block().expect("module block");
    for i in 0..n {
        let fty = c.function_type(&[], &[]);
        let mut st = OperationState::new(c, c.op_name("func.func"), c.unknown_loc());
        st.props = Some(c.dict_attr(&[
            ("sym_name", c.string_attr(&format!("f{i}"))),
            ("function_type", c.type_attr(fty)),
        ]));
        let r = st.add_region(m.region_body_mut());
        {
            let fb = st.region_body(m.region_body_mut());
            let b = fb.create_block();
            fb.append_block(r, b);
            OpBuilder::at_end(c, fb, b).build("func.return", &[], &[], &[]);
        }
        let f = m.region_body_mut().create_op(st);
        m.region_body_mut().append_op(mb, f);
    }
    m
}

fn print(c: &Context, m: &Module) -> String {
    strata_ir::text::print_module(c, m, &Default::default())
}

#[test]
fn pipeline_text_round_trips_and_errors_point_at_the_problem() {
    let pm = parse_pipeline(
        "builtin.module(func.func(test-mark{tag=x}, test-mark))",
        "builtin.module",
    )
    .expect("valid pipeline");
    assert_eq!(
        pm.to_text(),
        "builtin.module(func.func(test-mark{tag=x},test-mark{tag=m}))"
    );
    let e = parse_pipeline("builtin.module(nope)", "builtin.module").expect_err("unknown pass");
    assert_eq!(e.pos, 15);
    assert!(e
        .message
        .contains("'nope' does not refer to a registered pass"));
    let e =
        parse_pipeline("builtin.module(test-mark)", "builtin.module").expect_err("wrong anchor");
    assert!(
        e.message.contains("did you intend to nest?"),
        "{}",
        e.message
    );
    let e = parse_pipeline(
        "builtin.module(func.func(test-mark{bad=1}))",
        "builtin.module",
    )
    .expect_err("bad option");
    assert!(e.message.contains("unknown option 'bad'"), "{}", e.message);
    let e = parse_pipeline("builtin.module(func.func(test-mark)", "builtin.module")
        .expect_err("unbalanced");
    assert!(e.message.contains("expected ')'"), "{}", e.message);
    let rendered = e.render("builtin.module(func.func(test-mark)");
    assert!(rendered.starts_with("<Pass-Pipeline>:1:"), "{rendered}");
    let deep = "a(".repeat(1000);
    assert!(parse_pipeline(&deep, "builtin.module").is_err());
}

#[test]
fn nested_pipelines_run_on_every_function_in_parallel_with_identical_results() {
    let c = ctx();
    let pipeline = "builtin.module(func.func(test-mark{tag=a},test-mark{tag=b}))";
    let mut outputs = Vec::new();
    for threads in [1, 2, 4] {
        let mut m = module(&c, 40);
        let mut pm = PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("valid"));
        pm.threads = threads;
        pm.statistics = true;
        let report = pm.run(&c, &mut m);
        assert!(!report.failed, "{:?}", report.diagnostics);
        assert!(
            report
                .statistics
                .as_deref()
                .is_some_and(|s| s.contains("(80) markers")),
            "{:?}",
            report.statistics
        );
        outputs.push(print(&c, &m));
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
    assert_eq!(
        outputs[0].matches("tag = \"a\"").count(),
        40,
        "{}",
        outputs[0]
    );
}

#[test]
fn failures_and_panics_are_diagnostics_with_a_reproducer() {
    let c = ctx();
    let dir = std::env::temp_dir().join(format!("strata-pass-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (pipeline, needle) in [
        ("builtin.module(func.func(test-fail))", "test-fail ran"),
        (
            "builtin.module(func.func(test-panic))",
            "internal error: pass 'test-panic' panicked: boom",
        ),
    ] {
        let mut m = module(&c, 3);
        let mut pm = PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("valid"));
        let repro = dir.join("repro.mlir");
        pm.reproducer = Some(repro.clone());
        let report = pm.run(&c, &mut m);
        assert!(report.failed);
        assert_eq!(
            report
                .diagnostics
                .iter()
                .filter(|d| d.message.contains(needle))
                .count(),
            3
        );
        let text = std::fs::read_to_string(&repro).expect("reproducer written");
        let r = strata_pass::reproducer::load(&text).expect("reproducer loads");
        assert_eq!(r.pipeline, pipeline);
        // Replaying gives the same error.
        let mut m2 = strata_ir::text::parse(&c, "repro.mlir", &r.ir, &Default::default())
            .expect("IR re-parses");
        let pm2 = PassManager::new(parse_pipeline(&r.pipeline, "builtin.module").expect("valid"));
        let report2 = pm2.run(&c, &mut m2);
        assert!(report2.failed);
        assert!(report2
            .diagnostics
            .iter()
            .any(|d| d.message.contains(needle)));
    }
}

#[test]
fn analyses_are_cached_within_a_pass_and_preserved_across_passes() {
    let c = ctx();
    let mut m = module(&c, 1);
    let before = COMPUTED.load(Ordering::SeqCst);
    let pm = PassManager::new(
        parse_pipeline(
            "builtin.module(test-use-analysis,test-use-analysis)",
            "builtin.module",
        )
        .expect("valid"),
    );
    let report = pm.run(&c, &mut m);
    assert!(!report.failed, "{:?}", report.diagnostics);
    assert_eq!(COMPUTED.load(Ordering::SeqCst) - before, 1);
}

#[test]
fn timing_and_ir_printing() {
    let c = ctx();
    let mut m = module(&c, 2);
    let mut pm = PassManager::new(
        parse_pipeline("builtin.module(func.func(test-mark))", "builtin.module").expect("valid"),
    );
    pm.timing = true;
    pm.print_ir.after_all = true;
    let report = pm.run(&c, &mut m);
    let t = report.timing.expect("timing requested");
    assert!(
        t.contains("'func.func' Pipeline") && t.contains("test-mark") && t.contains("Total"),
        "{t}"
    );
    assert_eq!(report.ir_dumps.len(), 2);
    assert!(report.ir_dumps[0].0.contains("IR Dump After test-mark"));
}

//! Greedy and walk driver tests on the toy dialect: folding chains to constants, dead code,
//! worklist revisiting, trait folds, constant uniquing, region simplification, iteration and
//! rewrite limits, strict modes, and the convergence checker.

mod common;

use common::toy::*;
use strata_ir::rewrite::RewritePattern;
use strata_ir::walk::Order;
use strata_ir::{Body, Context, InsertPoint, OperationState, Region};
use strata_pass::rewrite::greedy::{
    apply_op_patterns_greedily, apply_patterns_greedily, GreedyConfig, GreedyOutcome,
    RegionSimplification, Strictness,
};
use strata_pass::rewrite::walk::apply_patterns_walk;
use strata_pass::rewrite::{canonicalization_patterns, FrozenPatternSet};

fn run(
    ctx: &Context,
    body: &mut Body,
    r: Region,
    pats: Vec<&dyn RewritePattern>,
    cfg: &GreedyConfig,
) -> GreedyOutcome {
    let set = FrozenPatternSet::new(ctx, pats);
    apply_patterns_greedily(ctx, body, &[r], &set, cfg)
}

fn messages(o: &GreedyOutcome) -> Vec<String> {
    o.diagnostics
        .iter()
        .flat_map(|d| {
            std::iter::once(d.message.clone()).chain(d.notes.iter().map(|n| n.message.clone()))
        })
        .collect()
}

#[test]
fn folds_a_chain_to_one_constant() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let c1 = konst(&ctx, &mut body, b, 1);
    let c2 = konst(&ctx, &mut body, b, 2);
    let a = op1(&ctx, &mut body, b, "toy.add", &[c1, c2]);
    let n = op1(&ctx, &mut body, b, "toy.neg", &[a]);
    let s = op1(&ctx, &mut body, b, "toy.add", &[n, c1]);
    let sk = sink(&ctx, &mut body, b, &[s]);
    let out = run(&ctx, &mut body, r, vec![], &GreedyConfig::default());
    assert!(out.converged, "{:?}", out.diagnostics);
    assert!(out.changed);
    assert_eq!(names(&ctx, &body, b), ["toy.const", "toy.sink"]);
    assert_eq!(const_of(&ctx, &body, body.operand(sk, 0)), Some(-2));
    assert_eq!(out.num_folds, 3);
    assert!(out.diagnostics.is_empty());
}

#[test]
fn removes_dead_pure_ops_and_keeps_side_effects() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let c = konst(&ctx, &mut body, b, 7);
    let x = op1(&ctx, &mut body, b, "toy.ping", &[]);
    let y = op1(&ctx, &mut body, b, "toy.id", &[x]);
    let _unused = op1(&ctx, &mut body, b, "toy.id", &[y]);
    sink(&ctx, &mut body, b, &[c]);
    let out = run(&ctx, &mut body, r, vec![], &GreedyConfig::default());
    assert!(out.converged);
    assert_eq!(names(&ctx, &body, b), ["toy.const", "toy.sink"]);
    assert_eq!(out.num_dead_erased, 3);
}

#[test]
fn worklist_revisits_users_of_replaced_values() {
    // Bottom-up, one iteration: the add is visited before the id feeding it is forwarded; it
    // only folds because replacing the id puts its user back on the worklist.
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let c1 = konst(&ctx, &mut body, b, 1);
    let c2 = konst(&ctx, &mut body, b, 2);
    let i = op1(&ctx, &mut body, b, "toy.id", &[c1]);
    let a = op1(&ctx, &mut body, b, "toy.add", &[i, c2]);
    let sk = sink(&ctx, &mut body, b, &[a]);
    let cfg = GreedyConfig {
        top_down: false,
        max_iterations: Some(1),
        ..GreedyConfig::default()
    };
    let out = run(&ctx, &mut body, r, vec![&IdForward], &cfg);
    assert_eq!(out.iterations, 1);
    assert_eq!(out.num_rewrites, 1);
    assert_eq!(const_of(&ctx, &body, body.operand(sk, 0)), Some(3));
    // One iteration is not enough to know it converged.
    assert!(!out.converged);
    let again = run(
        &ctx,
        &mut body,
        r,
        vec![&IdForward],
        &GreedyConfig::default(),
    );
    assert!(again.converged && !again.changed);
}

#[test]
fn declared_canonicalization_patterns_are_collected() {
    let ctx = toy_ctx();
    let pats = canonicalization_patterns(&ctx);
    assert_eq!(
        pats.iter().map(|p| p.name()).collect::<Vec<_>>(),
        ["toy-id-forward"]
    );
}

#[test]
fn commutative_ops_move_constants_right_and_involutions_cancel() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let x = op1(&ctx, &mut body, b, "toy.ping", &[]);
    let c = konst(&ctx, &mut body, b, 5);
    let a = op1(&ctx, &mut body, b, "toy.add", &[c, x]);
    let n1 = op1(&ctx, &mut body, b, "toy.neg", &[a]);
    let n2 = op1(&ctx, &mut body, b, "toy.neg", &[n1]);
    let sk = sink(&ctx, &mut body, b, &[n2]);
    let out = run(&ctx, &mut body, r, vec![], &GreedyConfig::default());
    assert!(out.converged);
    let add = body.defining_op(body.operand(sk, 0)).unwrap();
    assert_eq!(ctx.op_name_str(body.name(add)), "toy.add");
    assert_eq!(body.operand(add, 0), x);
    assert_eq!(const_of(&ctx, &body, body.operand(add, 1)), Some(5));
    // Constants are hoisted to the front of the block.
    assert_eq!(
        names(&ctx, &body, b),
        ["toy.const", "toy.ping", "toy.add", "toy.sink"]
    );
}

#[test]
fn adding_zero_folds_to_the_other_operand() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let x = op1(&ctx, &mut body, b, "toy.ping", &[]);
    let z = konst(&ctx, &mut body, b, 0);
    let a = op1(&ctx, &mut body, b, "toy.add", &[z, x]);
    let sk = sink(&ctx, &mut body, b, &[a]);
    let out = run(&ctx, &mut body, r, vec![], &GreedyConfig::default());
    assert!(out.converged);
    assert_eq!(body.operand(sk, 0), x);
    assert_eq!(names(&ctx, &body, b), ["toy.ping", "toy.sink"]);
}

#[test]
fn identical_constants_are_uniqued() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let x = op1(&ctx, &mut body, b, "toy.ping", &[]);
    let c1 = konst(&ctx, &mut body, b, 4);
    let c2 = konst(&ctx, &mut body, b, 4);
    let c3 = konst(&ctx, &mut body, b, 9);
    let sk = sink(&ctx, &mut body, b, &[x, c1, c2, c3]);
    let out = run(&ctx, &mut body, r, vec![], &GreedyConfig::default());
    assert!(out.converged && out.changed);
    assert_eq!(out.iterations, 1);
    assert_eq!(body.operand(sk, 1), body.operand(sk, 2));
    // As MLIR's OperationFolder: each constant met out of place moves to the block front.
    assert_eq!(
        names(&ctx, &body, b),
        ["toy.const", "toy.const", "toy.ping", "toy.sink"]
    );
    let first = body.first_op(b).unwrap();
    assert_eq!(const_of(&ctx, &body, body.result(first, 0)), Some(9));
}

#[test]
fn non_convergence_names_the_patterns_still_firing() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let p = op1(&ctx, &mut body, b, "toy.ping", &[]);
    sink(&ctx, &mut body, b, &[p]);
    let cfg = GreedyConfig {
        max_iterations: Some(3),
        ..GreedyConfig::default()
    };
    let out = run(&ctx, &mut body, r, vec![&PingToPong, &PongToPing], &cfg);
    assert!(!out.converged);
    assert_eq!(out.iterations, 3);
    let m = messages(&out);
    assert_eq!(
        m[0],
        "greedy pattern rewriter did not converge after 3 iterations"
    );
    assert!(
        m.iter().any(|n| n.contains("pattern 'ping-to-pong'")),
        "{m:?}"
    );
    assert!(
        m.iter().any(|n| n.contains("pattern 'pong-to-ping'")),
        "{m:?}"
    );
}

#[test]
fn iteration_limit_of_one() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let p = op1(&ctx, &mut body, b, "toy.ping", &[]);
    sink(&ctx, &mut body, b, &[p]);
    let cfg = GreedyConfig {
        max_iterations: Some(1),
        ..GreedyConfig::default()
    };
    let out = run(&ctx, &mut body, r, vec![&PingToPong], &cfg);
    assert_eq!(out.iterations, 1);
    assert!(!out.converged);
    assert_eq!(names(&ctx, &body, b), ["toy.pong", "toy.sink"]);
}

#[test]
fn rewrite_budget_stops_the_driver() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let x = op1(&ctx, &mut body, b, "toy.ping", &[]);
    let i1 = op1(&ctx, &mut body, b, "toy.id", &[x]);
    let i2 = op1(&ctx, &mut body, b, "toy.id", &[i1]);
    let i3 = op1(&ctx, &mut body, b, "toy.id", &[i2]);
    sink(&ctx, &mut body, b, &[i3]);
    let cfg = GreedyConfig {
        max_num_rewrites: Some(2),
        ..GreedyConfig::default()
    };
    let out = run(&ctx, &mut body, r, vec![&IdForward], &cfg);
    assert_eq!(out.num_rewrites, 2);
    assert!(!out.converged);
    assert_eq!(names(&ctx, &body, b), ["toy.ping", "toy.id", "toy.sink"]);
    assert!(messages(&out)[0].contains("max-num-rewrites=2"));
}

#[test]
fn checker_flags_a_pattern_that_lies_about_success() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    OpBuilder::at_end(&ctx, &mut body, b).build("toy.liar", &[], &[], &[]);
    let cfg = GreedyConfig {
        check: true,
        ..GreedyConfig::default()
    };
    let out = run(&ctx, &mut body, r, vec![&Liar], &cfg);
    assert!(!out.converged);
    let m = messages(&out);
    assert_eq!(
        m[0],
        "pattern 'liar' returned success but did not change the IR"
    );
    assert!(m.iter().any(|n| n.contains("did not converge")));
    // Reported once, not once per iteration.
    assert_eq!(
        m.iter().filter(|n| n.starts_with("pattern 'liar'")).count(),
        1
    );
}

#[test]
fn checker_flags_a_pattern_that_changes_ir_and_reports_failure() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    OpBuilder::at_end(&ctx, &mut body, b).build("toy.liar", &[], &[], &[]);
    let cfg = GreedyConfig {
        check: true,
        ..GreedyConfig::default()
    };
    let out = run(&ctx, &mut body, r, vec![&SilentChanger], &cfg);
    assert_eq!(
        messages(&out)[0],
        "pattern 'silent-changer' returned failure but changed the IR"
    );
}

#[test]
fn checker_accepts_a_well_behaved_set() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let c = konst(&ctx, &mut body, b, 3);
    let i = op1(&ctx, &mut body, b, "toy.id", &[c]);
    let n = op1(&ctx, &mut body, b, "toy.neg", &[i]);
    sink(&ctx, &mut body, b, &[n]);
    let cfg = GreedyConfig {
        check: true,
        ..GreedyConfig::default()
    };
    let out = run(&ctx, &mut body, r, vec![&IdForward], &cfg);
    assert!(out.converged);
    assert!(out.diagnostics.is_empty(), "{:?}", messages(&out));
}

#[test]
fn existing_ops_strictness_ignores_new_ops() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let p = op1(&ctx, &mut body, b, "toy.ping", &[]);
    sink(&ctx, &mut body, b, &[p]);
    let cfg = GreedyConfig {
        strictness: Strictness::ExistingOps,
        ..GreedyConfig::default()
    };
    // ping -> pong, and the new pong is never turned back into a ping.
    let out = run(&ctx, &mut body, r, vec![&PingToPong, &PongToPing], &cfg);
    assert!(out.converged);
    assert_eq!(names(&ctx, &body, b), ["toy.pong", "toy.sink"]);
}

#[test]
fn op_driver_processes_only_the_given_ops() {
    let ctx = toy_ctx();
    let (mut body, _r, b) = region_body();
    let x = op1(&ctx, &mut body, b, "toy.ping", &[]);
    let i1 = op1(&ctx, &mut body, b, "toy.id", &[x]);
    let i2 = op1(&ctx, &mut body, b, "toy.id", &[x]);
    sink(&ctx, &mut body, b, &[i1, i2]);
    let set = FrozenPatternSet::new(&ctx, vec![&IdForward]);
    let target = body.defining_op(i2).unwrap();
    let cfg = GreedyConfig {
        strictness: Strictness::ExistingOps,
        ..GreedyConfig::default()
    };
    let out = apply_op_patterns_greedily(&ctx, &mut body, &[target], &set, &cfg);
    assert!(out.converged);
    assert_eq!(out.num_rewrites, 1);
    assert_eq!(names(&ctx, &body, b), ["toy.ping", "toy.id", "toy.sink"]);
}

#[test]
fn unreachable_blocks_are_erased() {
    let ctx = toy_ctx();
    let (mut body, r, entry) = region_body();
    let dead = body.create_block();
    body.append_block(r, dead);
    let exit = body.create_block();
    body.append_block(r, exit);
    let mut br = OperationState::new(&ctx, ctx.op_name("toy.br"), ctx.unknown_loc());
    br.successors = vec![exit];
    let op = body.create_op(br);
    body.append_op(entry, op);
    let c = konst(&ctx, &mut body, dead, 1);
    sink(&ctx, &mut body, dead, &[c]);
    let mut br2 = OperationState::new(&ctx, ctx.op_name("toy.br"), ctx.unknown_loc());
    br2.successors = vec![exit];
    let op2 = body.create_op(br2);
    body.append_op(dead, op2);
    OpBuilder::at_end(&ctx, &mut body, exit).build("toy.ret", &[], &[], &[]);

    let keep = GreedyConfig {
        region_simplification: RegionSimplification::Disabled,
        ..GreedyConfig::default()
    };
    let out = run(&ctx, &mut body, r, vec![], &keep);
    assert!(out.converged);
    assert_eq!(body.region_blocks(r).len(), 3);

    let out = run(&ctx, &mut body, r, vec![], &GreedyConfig::default());
    assert!(out.converged && out.changed);
    assert_eq!(body.region_blocks(r), &[entry, exit]);
}

#[test]
fn fold_without_materializer_leaves_the_op() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let v = op1(&ctx, &mut body, b, "toy.nomat", &[]);
    sink(&ctx, &mut body, b, &[v]);
    let out = run(&ctx, &mut body, r, vec![], &GreedyConfig::default());
    assert!(out.converged && !out.changed);
    assert_eq!(names(&ctx, &body, b), ["toy.nomat", "toy.sink"]);
}

#[test]
fn match_failures_are_recorded_on_request() {
    struct Picky;
    impl RewritePattern for Picky {
        fn name(&self) -> &str {
            "picky"
        }
        fn root(&self) -> Option<&str> {
            Some("toy.ping")
        }
        fn match_and_rewrite(
            &self,
            op: strata_ir::Op,
            rw: &mut strata_ir::rewrite::PatternRewriter<'_>,
        ) -> bool {
            rw.notify_match_failure(op, "never matches")
        }
    }
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let p = op1(&ctx, &mut body, b, "toy.ping", &[]);
    sink(&ctx, &mut body, b, &[p]);
    let cfg = GreedyConfig {
        record_match_failures: true,
        ..GreedyConfig::default()
    };
    let out = run(&ctx, &mut body, r, vec![&Picky], &cfg);
    assert_eq!(out.match_failures.len(), 1);
    assert_eq!(out.match_failures[0].pattern, "picky");
    assert_eq!(out.match_failures[0].op, "toy.ping");
    assert_eq!(out.match_failures[0].reason, "never matches");
}

#[test]
fn benefit_orders_patterns() {
    struct Named(&'static str, u16, &'static str);
    impl RewritePattern for Named {
        fn name(&self) -> &str {
            self.0
        }
        fn root(&self) -> Option<&str> {
            Some("toy.ping")
        }
        fn benefit(&self) -> u16 {
            self.1
        }
        fn match_and_rewrite(
            &self,
            op: strata_ir::Op,
            rw: &mut strata_ir::rewrite::PatternRewriter<'_>,
        ) -> bool {
            let ty = rw.ctx.i64();
            let v = rw.build_value(self.2, &[], ty, &[]);
            rw.replace_op(op, &[v]);
            true
        }
    }
    let low = Named("low", 1, "toy.pong");
    let high = Named("high", 2, "toy.nomat");
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let p = op1(&ctx, &mut body, b, "toy.ping", &[]);
    sink(&ctx, &mut body, b, &[p]);
    run(
        &ctx,
        &mut body,
        r,
        vec![&low, &high],
        &GreedyConfig::default(),
    );
    assert_eq!(names(&ctx, &body, b), ["toy.nomat", "toy.sink"]);
}

#[test]
fn walk_driver_applies_each_pattern_once() {
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let p = op1(&ctx, &mut body, b, "toy.ping", &[]);
    let q = op1(&ctx, &mut body, b, "toy.ping", &[]);
    sink(&ctx, &mut body, b, &[p, q]);
    let set = FrozenPatternSet::new(&ctx, vec![&PingToPong, &PongToPing]);
    let out = apply_patterns_walk(&ctx, &mut body, &[r], &set, Order::Post);
    assert!(out.changed);
    assert_eq!(out.num_rewrites, 2);
    // The pongs created by the walk are not visited again.
    assert_eq!(names(&ctx, &body, b), ["toy.pong", "toy.pong", "toy.sink"]);
}

#[test]
fn rewriter_insertion_point_and_inline_block() {
    use strata_ir::rewrite::PatternRewriter;
    let ctx = toy_ctx();
    let (mut body, r, b) = region_body();
    let x = op1(&ctx, &mut body, b, "toy.ping", &[]);
    let sk = sink(&ctx, &mut body, b, &[x]);
    let other = body.create_block();
    body.append_block(r, other);
    let arg = body.add_block_arg(other, ctx.i64());
    let n = op1(&ctx, &mut body, other, "toy.neg", &[arg]);
    sink(&ctx, &mut body, other, &[n]);
    let mut rw = PatternRewriter::new(&ctx, &mut body);
    rw.inline_block_before(other, sk, &[x]);
    let changes = rw.take_changes();
    assert!(changes
        .iter()
        .any(|c| matches!(c, strata_ir::rewrite::Change::Moved(_))));
    rw.set_insertion_point(InsertPoint::Before(sk));
    let c = rw.build_value(
        "toy.const",
        &[],
        ctx.i64(),
        &[("value", ctx.int_attr(1, ctx.i64()))],
    );
    let _ = c;
    drop(rw);
    assert_eq!(body.region_blocks(r), &[b]);
    assert_eq!(
        names(&ctx, &body, b),
        ["toy.ping", "toy.neg", "toy.sink", "toy.const", "toy.sink"]
    );
}

use strata_ir::OpBuilder;

#[test]
fn pure_region_ops_are_dead_only_if_their_contents_are_pure() {
    let ctx = toy_ctx();
    for with_sink in [false, true] {
        let (mut body, r, b) = region_body();
        let mut st = OperationState::new(&ctx, ctx.op_name("toy.pure_region"), ctx.unknown_loc());
        let inner = st.add_region(&mut body);
        st.result_types = vec![ctx.i64()];
        let op = body.create_op(st);
        body.append_op(b, op);
        let ib = body.create_block();
        body.append_block(inner, ib);
        let c = konst(&ctx, &mut body, ib, 1);
        if with_sink {
            sink(&ctx, &mut body, ib, &[c]);
        }
        let cfg = GreedyConfig {
            cse_constants: false,
            ..GreedyConfig::default()
        };
        run(&ctx, &mut body, r, vec![], &cfg);
        let expect: &[&str] = if with_sink { &["toy.pure_region"] } else { &[] };
        assert_eq!(names(&ctx, &body, b), expect);
    }
}

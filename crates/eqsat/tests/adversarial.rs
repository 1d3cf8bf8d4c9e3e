//! Adversarial inputs (reliability promise 6): every run is bounded by node and iteration
//! limits only (never time), never panics, and leaves a verifying block that computes the
//! same numbers.
//!
//! * a 64-term chain of adds (and of muls) under associativity + commutativity;
//! * a 20,000-deep chain of ops through bridge, saturation, extraction and rebuild;
//! * rules that create cycles in the e-graph;
//! * cost models returning NaN, infinities and negative costs;
//! * a cyclic choice handed to the rebuild (an error, the block untouched).

mod common;

use strata_eqsat::check::Rng;
use strata_eqsat::egg::Language;
use strata_eqsat::extract::{ExtractMode, ExtractOptions, Extraction};
use strata_eqsat::{
    resolve_packs, saturate_block, BlockGraph, BridgeOptions, CostModel, FlopMemoryCost, Limits,
    Node, OpInfo, RuleSet, SaturateOptions, Stop,
};
use strata_ir::{Block, Body, Context, Module, OpBuilder, Type};

/// `func.func @f(args) -> t` whose body `build` fills; returns the module.
fn function(
    ctx: &Context,
    args: &[Type],
    result: Type,
    build: impl FnOnce(&mut OpBuilder<'_>, &[strata_ir::Value]) -> strata_ir::Value,
) -> Module {
    let mut m = Module::new(ctx);
    let block = m.block().expect("module block");
    let fty = ctx.function_type(args, &[result]);
    let mut st = strata_ir::OperationState::new(ctx, ctx.op_name("func.func"), ctx.unknown_loc());
    st.props = Some(ctx.dict_attr(&[
        ("sym_name", ctx.string_attr("f")),
        ("function_type", ctx.type_attr(fty)),
    ]));
    let body = m.region_body_mut();
    let r = st.add_region(body);
    {
        let fb = st.region_body(body);
        let entry = fb.create_block();
        fb.append_block(r, entry);
        let vals: Vec<_> = args.iter().map(|&t| fb.add_block_arg(entry, t)).collect();
        let mut b = OpBuilder::at_end(ctx, fb, entry);
        let out = build(&mut b, &vals);
        b.build("func.return", &[out], &[], &[]);
    }
    let f = body.create_op(st);
    body.append_op(block, f);
    common::verify(ctx, &m);
    m
}

fn op(b: &mut OpBuilder<'_>, name: &str, operands: &[strata_ir::Value]) -> strata_ir::Value {
    let o = strata_dialect_graph::build(b, name, operands, &[]).expect("valid op");
    b.body.result(o, 0)
}

/// The function body and its entry block.
fn entry(m: &mut Module) -> (&mut Body, Block) {
    let holder = m.region_body();
    let f = holder
        .block_ops(m.block().expect("block"))
        .next()
        .expect("function");
    let region = holder.regions(f)[0];
    let body = m.region_body_mut().nested_mut(f).expect("function body");
    let block = body.entry_block(region).expect("entry block");
    (body, block)
}

fn limits(nodes: usize, iters: usize) -> Limits {
    Limits {
        node_limit: nodes,
        iter_limit: iters,
        time_limit: None,
        ..Limits::default()
    }
}

fn rules(ctx: &Context, packs: &[&str]) -> RuleSet {
    let names: Vec<String> = packs.iter().map(|s| s.to_string()).collect();
    RuleSet::compile(ctx, &resolve_packs(&names).expect("packs")).expect("rules")
}

fn same_numbers(ctx: &Context, before: &Module, after: &Module, args: &[Type], atol: f64) {
    let ranged: Vec<(Type, (f64, f64))> = args.iter().map(|&t| (t, (-1.0, 1.0))).collect();
    let ins = common::random_inputs(ctx, &ranged, &mut Rng::new(5));
    let want = common::run(ctx, before, "f", &ins).expect("before runs");
    let got = common::run(ctx, after, "f", &ins).expect("after runs");
    common::compare(&got, &want, atol).expect("same numbers");
}

fn chain_of(ctx: &Context, name: &str, n: usize) -> (Module, Vec<Type>) {
    let t = ctx.tensor_type(&[4], ctx.f32());
    let args = vec![t; n];
    let m = function(ctx, &args, t, |b, v| {
        let mut acc = v[0];
        for &x in &v[1..] {
            acc = op(b, name, &[acc, x]);
        }
        acc
    });
    (m, args)
}

#[test]
fn sixty_four_term_chains_under_assoc_and_comm_stay_within_budget() {
    let ctx = common::ctx();
    let rs = rules(&ctx, &["graph-reassoc"]);
    for name in ["graph.add", "graph.mul"] {
        let (before, args) = chain_of(&ctx, name, 64);
        let mut outs = Vec::new();
        for _ in 0..2 {
            let mut m = before.clone();
            let opts = SaturateOptions {
                limits: limits(20_000, 30),
                ..SaturateOptions::default()
            };
            let (body, block) = entry(&mut m);
            let r = saturate_block(&ctx, body, block, &rs, &FlopMemoryCost::default(), &opts)
                .expect("saturates");
            assert!(
                matches!(r.run.stop, Stop::NodeLimit | Stop::IterationLimit),
                "{:?}",
                r.run.stop
            );
            assert!(r.run.nodes <= 20_000 + 64, "{} nodes", r.run.nodes);
            common::verify(&ctx, &m);
            same_numbers(&ctx, &before, &m, &args, 1e-4);
            outs.push(common::print(&ctx, &m));
        }
        assert_eq!(outs[0], outs[1], "deterministic");
    }
}

#[test]
fn a_twenty_thousand_deep_chain_never_recurses() {
    let ctx = common::ctx();
    let t = ctx.tensor_type(&[4], ctx.f32());
    // sigmoid, neg, neg, sigmoid, ...: the paired negations cancel (deep rebuild).
    let before = function(&ctx, &[t], t, |b, v| {
        let mut acc = v[0];
        for i in 0..20_000 {
            acc = op(
                b,
                if i % 3 == 0 {
                    "graph.sigmoid"
                } else {
                    "graph.neg"
                },
                &[acc],
            );
        }
        acc
    });
    let rs = rules(&ctx, &["graph-algebra"]);
    for (mode, explain) in [
        (ExtractMode::Dag, false),
        (ExtractMode::Tree, false),
        (ExtractMode::Dag, true),
    ] {
        {
            let mut m = before.clone();
            let opts = SaturateOptions {
                limits: limits(200_000, 10),
                extract: ExtractOptions {
                    mode,
                    dag_work_limit: 2_000_000,
                },
                explain,
                ..SaturateOptions::default()
            };
            let (body, block) = entry(&mut m);
            let r = saturate_block(&ctx, body, block, &rs, &FlopMemoryCost::default(), &opts)
                .expect("saturates");
            assert!(r.changed, "{:?}", r.note);
            // 6,667 sigmoids, the trailing unpaired neg, the return.
            assert_eq!(body.block_len(block), 6_667 + 1 + 1, "{}", r.summary());
            if explain {
                assert!(r
                    .explanation
                    .as_deref()
                    .is_some_and(|e| e.contains("not recorded")));
            }
            common::verify(&ctx, &m);
            let _ = common::print(&ctx, &m);
        }
    }
    let mut m = before.clone();
    let (body, block) = entry(&mut m);
    saturate_block(
        &ctx,
        body,
        block,
        &rs,
        &FlopMemoryCost::default(),
        &SaturateOptions {
            limits: limits(200_000, 10),
            ..SaturateOptions::default()
        },
    )
    .expect("saturates");
    same_numbers(&ctx, &before, &m, &[t], 1e-6);
}

#[test]
fn rules_that_create_cycles_stay_bounded_and_extract_acyclic_terms() {
    let ctx = common::ctx();
    let rs = RuleSet::from_texts(
        &ctx,
        "cycles",
        &[
            (
                "relu-twice",
                "(graph.relu ?x) <=> (graph.relu (graph.relu ?x))",
            ),
            (
                "neg-neg-intro",
                "(graph.abs ?x) => (graph.abs (graph.neg (graph.neg ?x)))",
            ),
            ("neg-neg", "(graph.neg (graph.neg ?x)) => ?x"),
            (
                "grow",
                "(graph.exp ?x) => (graph.exp (graph.add ?x (graph.sub ?x ?x)))",
            ),
        ],
    )
    .expect("rules");
    let t = ctx.tensor_type(&[3], ctx.f32());
    let before = function(&ctx, &[t], t, |b, v| {
        let r = op(b, "graph.relu", &[v[0]]);
        let a = op(b, "graph.abs", &[r]);
        let e = op(b, "graph.exp", &[a]);
        op(b, "graph.relu", &[e])
    });
    for nodes in [50, 500, 5_000] {
        let mut m = before.clone();
        let (body, block) = entry(&mut m);
        let r = saturate_block(
            &ctx,
            body,
            block,
            &rs,
            &FlopMemoryCost::default(),
            &SaturateOptions {
                limits: limits(nodes, 50),
                ..SaturateOptions::default()
            },
        )
        .expect("saturates");
        assert!(r.run.stop.hit_budget() || r.run.stop == Stop::Saturated);
        assert!(r.run.nodes <= nodes + 16, "{} > {nodes}", r.run.nodes);
        common::verify(&ctx, &m);
        same_numbers(&ctx, &before, &m, &[t], 1e-6);
    }
}

/// Returns NaN, infinities or negative numbers depending on the op.
struct Hostile(u8);

impl CostModel for Hostile {
    fn op_cost(&self, op: &OpInfo<'_>) -> f64 {
        match (self.0, op.name.len() % 4) {
            (0, _) => f64::NAN,
            (1, _) => f64::INFINITY,
            (2, 0) => f64::NAN,
            (2, 1) => f64::NEG_INFINITY,
            (2, 2) => -5.0,
            _ => f64::INFINITY,
        }
    }
}

#[test]
fn nan_and_infinite_costs_never_panic() {
    let ctx = common::ctx();
    let rs = rules(&ctx, &["default"]);
    for model in ["resnet_block", "inception_block", "transformer_block"] {
        let path = format!(
            "{}/../../tests/models/{model}.mlir",
            env!("CARGO_MANIFEST_DIR")
        );
        let src = std::fs::read_to_string(path).expect("model");
        for hostile in 0..3 {
            for mode in [ExtractMode::Dag, ExtractMode::Tree] {
                let mut m = common::parse(&ctx, &src);
                let (body, block) = entry(&mut m);
                let r = saturate_block(
                    &ctx,
                    body,
                    block,
                    &rs,
                    &Hostile(hostile),
                    &SaturateOptions {
                        limits: limits(5_000, 8),
                        extract: ExtractOptions {
                            mode,
                            ..ExtractOptions::default()
                        },
                        ..SaturateOptions::default()
                    },
                )
                .expect("saturates");
                assert!(!r.cost_before.is_nan() && !r.cost_after.is_nan());
                common::verify(&ctx, &m);
            }
        }
    }
}

#[test]
fn a_cyclic_choice_is_refused_and_the_block_left_alone() {
    let ctx = common::ctx();
    let t = ctx.tensor_type(&[3], ctx.f32());
    let mut m = function(&ctx, &[t], t, |b, v| {
        let n = op(b, "graph.neg", &[v[0]]);
        op(b, "graph.relu", &[n])
    });
    let printed = common::print(&ctx, &m);
    let (body, block) = entry(&mut m);
    let mut g = BlockGraph::build(&ctx, body, block, &BridgeOptions::default());
    let roots = g.root_classes();
    // Union the relu's class with the neg's: choosing relu(neg) for the neg's class and the
    // relu node for ... makes relu's operand its own class.
    let relu_class = roots[0];
    let relu_node = g.egraph[relu_class].nodes[0].clone();
    let neg_class = relu_node.operands()[0];
    g.egraph.union(relu_class, neg_class);
    g.egraph.rebuild();
    let c = g.egraph.find(relu_class);
    let mut choice = rustc_hash::FxHashMap::default();
    let looped = relu_node.clone().map_children(|x| g.egraph.find(x));
    choice.insert(c, looped);
    for cl in g.egraph.classes() {
        if let Some(n @ (Node::Attr(_) | Node::Leaf(_))) = cl.nodes.first() {
            choice.insert(cl.id, n.clone());
        }
    }
    let ex = Extraction::from_choices(choice);
    let err = g.rebuild(&ctx, body, &ex).expect_err("a cycle");
    assert!(err.contains("cycle"), "{err}");
    assert_eq!(common::print(&ctx, &m), printed);
}

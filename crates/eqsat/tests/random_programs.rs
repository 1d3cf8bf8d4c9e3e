//! Differential test: random graph programs (elementwise ops, transposes, reshapes,
//! constants with special values, matmuls) through `saturate` with the default rule packs
//! under node and iteration limits: the result verifies, is deterministic, and computes the
//! same numbers in the interpreter (rtol 1e-3, atol 1e-4: some rules reassociate).

mod common;

use strata_eqsat::check::Rng;
use strata_eqsat::{
    resolve_packs, saturate_block, FlopMemoryCost, Limits, RuleSet, SaturateOptions,
};
use strata_ir::{Context, Module, OpBuilder, Type, Value};

fn pick<T: Copy>(rng: &mut Rng, v: &[T]) -> T {
    v[(rng.next_u64() % v.len() as u64) as usize]
}

/// A random program over `tensor<2x3xf32>` and `tensor<3x2xf32>` values.
fn program(ctx: &Context, seed: u64) -> (Module, Vec<Type>) {
    let mut rng = Rng::new(seed);
    let a = ctx.tensor_type(&[2, 3], ctx.f32());
    let b = ctx.tensor_type(&[3, 2], ctx.f32());
    let args = vec![a, a, b];
    let mut m = Module::new(ctx);
    let block = m.block().expect("block");
    let n_ops = 5 + (rng.next_u64() % 30) as usize;
    let mut st = strata_ir::OperationState::new(ctx, ctx.op_name("func.func"), ctx.unknown_loc());
    let body = m.region_body_mut();
    let r = st.add_region(body);
    let ret_ty;
    {
        let fb = st.region_body(body);
        let entry = fb.create_block();
        fb.append_block(r, entry);
        let mut vals: Vec<Value> = args.iter().map(|&t| fb.add_block_arg(entry, t)).collect();
        let mut bld = OpBuilder::at_end(ctx, fb, entry);
        let ga = strata_dialect_graph::attr::i64_array_attr;
        for _ in 0..n_ops {
            let x = pick(&mut rng, &vals);
            let tx = bld.body.value_type(x);
            let same: Vec<Value> = vals
                .iter()
                .copied()
                .filter(|&v| bld.body.value_type(v) == tx)
                .collect();
            let y = pick(&mut rng, &same);
            let choice = rng.next_u64() % 12;
            let (name, operands, props): (&str, Vec<Value>, Vec<(&str, strata_ir::Attribute)>) =
                match choice {
                    0 => ("graph.add", vec![x, y], vec![]),
                    1 => ("graph.sub", vec![x, y], vec![]),
                    2 => ("graph.mul", vec![x, y], vec![]),
                    3 => ("graph.neg", vec![x], vec![]),
                    4 => ("graph.relu", vec![x], vec![]),
                    5 => ("graph.tanh", vec![x], vec![]),
                    6 => ("graph.transpose", vec![x], vec![("perm", ga(ctx, &[1, 0]))]),
                    7 => {
                        let other = if tx == a { [3, 2] } else { [2, 3] };
                        ("graph.reshape", vec![x], vec![("shape", ga(ctx, &other))])
                    }
                    8 => {
                        // A constant with a special value, combined with x.
                        let v = pick(&mut rng, &[0.0, 1.0, -1.0, 0.5, 2.0]);
                        let attr = strata_dialect_graph::dense::dense_attr(
                            ctx,
                            tx,
                            &strata_dialect_graph::dense::Values::Float(vec![v]),
                        )
                        .expect("splat");
                        let c = strata_dialect_graph::build(
                            &mut bld,
                            "graph.constant",
                            &[],
                            &[("value", attr)],
                        )
                        .expect("constant");
                        let cv = bld.body.result(c, 0);
                        (
                            pick(&mut rng, &["graph.add", "graph.mul", "graph.sub"]),
                            vec![x, cv],
                            vec![],
                        )
                    }
                    9 => {
                        // matmul with a value of the transposed shape.
                        let others: Vec<Value> = vals
                            .iter()
                            .copied()
                            .filter(|&v| bld.body.value_type(v) != tx)
                            .collect();
                        let z = pick(&mut rng, &others);
                        ("graph.matmul", vec![x, z], vec![])
                    }
                    10 => ("graph.neg", vec![x], vec![]),
                    _ => ("graph.identity", vec![x], vec![]),
                };
            if let Ok(op) = strata_dialect_graph::build(&mut bld, name, &operands, &props) {
                let v = bld.body.result(op, 0);
                if matches!(bld.body.value_type(v), t if t == a || t == b) {
                    vals.push(v);
                }
            }
        }
        let out = *vals.last().expect("a value");
        ret_ty = bld.body.value_type(out);
        bld.build("func.return", &[out], &[], &[]);
    }
    let fty = ctx.function_type(&args, &[ret_ty]);
    st.props = Some(ctx.dict_attr(&[
        ("sym_name", ctx.string_attr("f")),
        ("function_type", ctx.type_attr(fty)),
    ]));
    let f = body.create_op(st);
    body.append_op(block, f);
    common::verify(ctx, &m);
    (m, args)
}

fn saturate(ctx: &Context, m: &mut Module, rules: &RuleSet) {
    let f = m
        .region_body()
        .block_ops(m.block().expect("block"))
        .next()
        .expect("f");
    let region = m.region_body().regions(f)[0];
    let body = m.region_body_mut().nested_mut(f).expect("body");
    let block = body.entry_block(region).expect("entry");
    let opts = SaturateOptions {
        limits: Limits {
            node_limit: 3_000,
            iter_limit: 12,
            time_limit: None,
            ..Limits::default()
        },
        ..SaturateOptions::default()
    };
    saturate_block(ctx, body, block, rules, &FlopMemoryCost::default(), &opts).expect("saturates");
    common::verify(ctx, m);
}

#[test]
fn random_programs_keep_their_numbers() {
    let ctx = common::ctx();
    let packs = resolve_packs(&["default".to_string()]).expect("packs");
    let rules = RuleSet::compile(&ctx, &packs).expect("rules");
    let mut changed = 0;
    for seed in 0..60 {
        let (before, args) = program(&ctx, seed);
        let mut after = before.clone();
        saturate(&ctx, &mut after, &rules);
        let mut again = before.clone();
        saturate(&ctx, &mut again, &rules);
        assert_eq!(
            common::print(&ctx, &after),
            common::print(&ctx, &again),
            "seed {seed}"
        );
        if common::print(&ctx, &after) != common::print(&ctx, &before) {
            changed += 1;
        }
        let ranged: Vec<(Type, (f64, f64))> = args.iter().map(|&t| (t, (-1.0, 1.0))).collect();
        for s in 0..2 {
            let ins = common::random_inputs(&ctx, &ranged, &mut Rng::new(100 + s));
            let want = common::run(&ctx, &before, "f", &ins).expect("before runs");
            let got = common::run(&ctx, &after, "f", &ins).expect("after runs");
            if let Err(e) = common::compare(&got, &want, 1e-4) {
                panic!(
                    "seed {seed}: {e}\nbefore:\n{}\nafter:\n{}",
                    common::print(&ctx, &before),
                    common::print(&ctx, &after)
                );
            }
        }
    }
    assert!(changed >= 10, "only {changed} programs changed");
}

//! Property tests on random IR:
//!
//! * **semantics**: random `arith` functions with branches (MLIR's generic `cf.cond_br`,
//!   `test.br`) and calls compute the same results in the reference interpreter before and
//!   after each pass and pipeline;
//! * **structure**: random IR with nested regions, isolated ops and graph regions verifies
//!   after `cse`/`dce`, a second run changes nothing, `dce` leaves no trivially dead op and
//!   `cse` leaves no two equivalent pure ops in one block of a CFG region.

use crate::testutil::*;
use crate::util::{has, is_graph_region, is_trivially_dead};
use proptest::prelude::*;
use strata_interp::{Interpreter, Tensor};
use strata_ir::{Block, Body, Context, Module, Op, OpBuilder, Traits, Value};

const BIN: &[&str] = &[
    "arith.addi",
    "arith.subi",
    "arith.muli",
    "arith.andi",
    "arith.ori",
    "arith.xori",
    "arith.maxsi",
    "arith.minsi",
];

/// One random instruction: a kind and three parameters.
type Instr = (u8, u16, u16, u16);

fn instrs(max: usize) -> impl Strategy<Value = Vec<Instr>> {
    prop::collection::vec((0u8..9, any::<u16>(), any::<u16>(), any::<u16>()), 1..max)
}

/// Pick a value, preferring recent ones (more repeated expressions for CSE).
fn pick(vals: &[Value], p: u16) -> Value {
    let n = vals.len();
    let window = n.min(4);
    match p % 3 {
        0 => vals[p as usize % n],
        _ => vals[n - 1 - (p as usize % window)],
    }
}

/// `@h(x, y) = (x + y) * 3` (private, inlinable) and `@g(x) = h(x, 5) - x`.
fn helpers(c: &Context, m: &mut Module) {
    let i32t = c.i32();
    let (h, he) = add_func(c, m, "h", &[i32t, i32t], &[i32t], true);
    {
        let body = fbody(m, h);
        let (x, y) = (body.block_args(he)[0], body.block_args(he)[1]);
        let mut b = at_end(c, body, he);
        let s = b.build_value("arith.addi", &[x, y], i32t, &[]);
        let k = const_i32(&mut b, 3);
        let p = b.build_value("arith.muli", &[s, k], i32t, &[]);
        ret(&mut b, &[p]);
    }
    let (g, ge) = add_func(c, m, "g", &[i32t], &[i32t], true);
    let body = fbody(m, g);
    let x = body.block_args(ge)[0];
    let mut b = at_end(c, body, ge);
    let k = const_i32(&mut b, 5);
    let r = call(&mut b, "h", &[x, k], &[i32t]);
    let r = b.body.result(r, 0);
    let d = b.build_value("arith.subi", &[r, x], i32t, &[]);
    ret(&mut b, &[d]);
}

/// A module with `@main(%c: i1, %a: i32, %b: i32) -> i32` built from `prog`, and helpers.
fn arith_program(c: &Context, prog: &[Instr]) -> Module {
    let mut m = Module::new(c);
    helpers(c, &mut m);
    let (i1, i32t) = (c.i1(), c.i32());
    let (f, e) = add_func(c, &mut m, "main", &[i1, i32t, i32t], &[i32t], false);
    let body = fbody(&mut m, f);
    let cond = body.block_args(e)[0];
    let mut vals: Vec<Value> = body.block_args(e)[1..].to_vec();
    let mut cur = e;
    for &(kind, p1, p2, p3) in prog {
        match kind {
            0 => {
                let k = (p1 % 7) as i64 - 3;
                vals.push(const_i32(&mut at_end(c, body, cur), k));
            }
            1..=3 => {
                let op = BIN[p1 as usize % BIN.len()];
                let (x, y) = (pick(&vals, p2), pick(&vals, p3));
                vals.push(at_end(c, body, cur).build_value(op, &[x, y], i32t, &[]));
            }
            4 | 5 => {
                // cond_br to a side block computing something, both joining in `next`.
                let cnd = match p1 % 3 {
                    0 => cond,
                    k => at_end(c, body, cur).build_value(
                        "arith.constant",
                        &[],
                        i1,
                        &[("value", c.int_attr(i128::from(k == 1), i1))],
                    ),
                };
                let [side, next] = new_blocks(body, cur, 2)[..] else {
                    unreachable!("two blocks")
                };
                let v = pick(&vals, p2);
                cond_br(c, body, cur, cnd, (side, &[]), (next, &[v]));
                let op = BIN[p3 as usize % BIN.len()];
                let w = at_end(c, body, side).build_value(op, &[v, pick(&vals, p3)], i32t, &[]);
                br(c, body, side, next, &[w]);
                let arg = body.add_block_arg(next, i32t);
                vals.push(arg);
                cur = next;
            }
            8 => {
                // for (i = 0; i < n; i++) acc = acc <op> v, with n constant (0..3) or %b
                // (small), as a CFG loop: header(i, acc), body, exit(acc).
                let [header, lbody, exit] = new_blocks(body, cur, 3)[..] else {
                    unreachable!("three blocks")
                };
                let mut b = at_end(c, body, cur);
                let zero = const_i32(&mut b, 0);
                let n = match p1 % 4 {
                    3 => vals[1],
                    k => const_i32(&mut b, i64::from(k)),
                };
                let init = pick(&vals, p2);
                br(c, body, cur, header, &[zero, init]);
                let i = body.add_block_arg(header, i32t);
                let acc = body.add_block_arg(header, i32t);
                let slt = c.int_attr(2, c.i64());
                let cmp = at_end(c, body, header).build_value(
                    "arith.cmpi",
                    &[i, n],
                    i1,
                    &[("predicate", slt)],
                );
                cond_br(c, body, header, cmp, (lbody, &[]), (exit, &[acc]));
                let op = BIN[p3 as usize % BIN.len()];
                let mut b = at_end(c, body, lbody);
                let acc2 = b.build_value(op, &[acc, pick(&vals, p3)], i32t, &[]);
                let one = const_i32(&mut b, 1);
                let i2 = b.build_value("arith.addi", &[i, one], i32t, &[]);
                br(c, body, lbody, header, &[i2, acc2]);
                vals.push(body.add_block_arg(exit, i32t));
                cur = exit;
            }
            6 => {
                let r = call(
                    &mut at_end(c, body, cur),
                    "h",
                    &[pick(&vals, p1), pick(&vals, p2)],
                    &[i32t],
                );
                vals.push(body.result(r, 0));
            }
            _ => {
                let r = call(&mut at_end(c, body, cur), "g", &[pick(&vals, p1)], &[i32t]);
                vals.push(body.result(r, 0));
            }
        }
    }
    let last = *vals.last().expect("arguments");
    ret(&mut at_end(c, body, cur), &[last]);
    m
}

fn eval(c: &Context, m: &Module, inputs: &[(bool, i32, i32)]) -> Vec<Result<Vec<Tensor>, String>> {
    inputs
        .iter()
        .map(|&(cnd, a, b)| {
            Interpreter::new(c, m)
                .run(
                    "main",
                    &[Tensor::scalar(cnd), Tensor::scalar(a), Tensor::scalar(b)],
                )
                .map_err(|d| d.message)
        })
        .collect()
}

const PIPELINES: &[&str] = &[
    "builtin.module(func.func(cse))",
    "builtin.module(func.func(dce))",
    "builtin.module(func.func(sccp))",
    "builtin.module(inline)",
    "builtin.module(symbol-dce)",
    "builtin.module(strip-debuginfo)",
    "builtin.module(func.func(loop-invariant-code-motion))",
    "builtin.module(inline,func.func(sccp,cse,dce),symbol-dce)",
    "builtin.module(inline{default-pipeline=sccp,cse})",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn passes_preserve_semantics(
        prog in instrs(40),
        inputs in prop::collection::vec((any::<bool>(), any::<i32>(), -4i32..4), 3),
    ) {
        let c = ctx();
        let m0 = arith_program(&c, &prog);
        verify(&c, &m0);
        let expected = eval(&c, &m0, &inputs);
        for r in &expected {
            prop_assert!(r.is_ok(), "the original program does not run: {:?}", r);
        }
        for p in PIPELINES {
            let mut m = m0.clone();
            run(&c, &mut m, p);
            prop_assert_eq!(&eval(&c, &m, &inputs), &expected, "pipeline {}", p);
            // A single pass finds nothing left to do on its own output (a pipeline may: CSE can
            // expose folds to SCCP).
            if p.contains(',') {
                continue;
            }
            let once = fingerprint(&c, &m);
            run(&c, &mut m, p);
            prop_assert_eq!(once, fingerprint(&c, &m), "second run of {} changed the IR", p);
        }
    }

    #[test]
    fn cse_and_dce_on_nested_regions(prog in instrs(60)) {
        let c = ctx();
        let m0 = nested_program(&c, &prog);
        verify(&c, &m0);
        for p in ["builtin.module(cse)", "builtin.module(dce)", "builtin.module(cse,dce)"] {
            let mut m = m0.clone();
            run(&c, &mut m, p);
            let once = fingerprint(&c, &m);
            run(&c, &mut m, p);
            prop_assert_eq!(&once, &fingerprint(&c, &m), "second run of {} changed the IR", p);
            if p.contains("dce") {
                prop_assert!(no_dead_ops(&c, &m), "{}", once);
            }
            if p.contains("cse") {
                prop_assert!(no_duplicates(&c, &m), "{}", once);
            }
        }
    }
}

/// Random IR in one function: pure and effectful ops, `test.region`, `test.isolated` and
/// `test.graph_region` nests, and block splits at the top level.
fn nested_program(c: &Context, prog: &[Instr]) -> Module {
    let mut m = Module::new(c);
    let i1 = c.i1();
    let (f, e) = add_func(c, &mut m, "f", &[i1], &[], false);
    // Frames: (path of isolated ops to the body, block, available values, closing op).
    struct Frame {
        path: Vec<Op>,
        block: Block,
        vals: Vec<Value>,
        close: &'static str,
    }
    let fbody_ref = fbody(&mut m, f);
    let cond = fbody_ref.block_args(e)[0];
    let mut frames = vec![Frame {
        path: Vec::new(),
        block: e,
        vals: Vec::new(),
        close: "func.return",
    }];
    for &(kind, p1, p2, p3) in prog {
        let depth = frames.len();
        if kind == 5 {
            if depth > 1 {
                let fr = frames.pop().expect("frame");
                let body = crate::util::body_at_mut(fbody(&mut m, f), &fr.path).expect("body");
                if !fr.close.is_empty() {
                    OpBuilder::at_end(c, body, fr.block).build(fr.close, &[], &[], &[]);
                }
            }
            continue;
        }
        let mut opened = None;
        let top = frames.last_mut().expect("frame");
        let body: &mut Body = crate::util::body_at_mut(fbody(&mut m, f), &top.path).expect("body");
        let mut b = OpBuilder::at_end(c, body, top.block);
        match kind {
            0..=2 => {
                let n = (p2 % 3) as usize;
                let ops: Vec<Value> = if top.vals.is_empty() {
                    Vec::new()
                } else {
                    (0..n)
                        .map(|i| pick(&top.vals, p3.wrapping_add(i as u16)))
                        .collect()
                };
                let v = pure(&mut b, &ops, i64::from(p1 % 3));
                top.vals.push(v);
            }
            3 => {
                let ops: Vec<Value> = top.vals.last().copied().into_iter().collect();
                let v = effect(&mut b, &ops);
                top.vals.push(v);
            }
            4 if depth < 6 => {
                let (name, close) = match p1 % 3 {
                    0 => ("test.region", "test.yield"),
                    1 => ("test.isolated", "test.terminator"),
                    _ => ("test.graph_region", ""),
                };
                let (op, blk) = region_op(&mut b, name, &[], &[]);
                let (path, vals) = if name == "test.isolated" {
                    let mut p = top.path.clone();
                    p.push(op);
                    (p, Vec::new())
                } else {
                    (top.path.clone(), top.vals.clone())
                };
                opened = Some(Frame {
                    path,
                    block: blk,
                    vals,
                    close,
                });
            }
            6 if depth == 1 => {
                let [side, next] = new_blocks(body, top.block, 2)[..] else {
                    unreachable!("two blocks")
                };
                cond_br(c, body, top.block, cond, (side, &[]), (next, &[]));
                let mut sb = OpBuilder::at_end(c, body, side);
                let ops: Vec<Value> = top.vals.last().copied().into_iter().collect();
                let v = pure(&mut sb, &ops, i64::from(p1 % 3));
                effect(&mut sb, &[v]);
                br(c, body, side, next, &[]);
                top.block = next;
            }
            _ => {}
        }
        frames.extend(opened);
    }
    while let Some(fr) = frames.pop() {
        let body = crate::util::body_at_mut(fbody(&mut m, f), &fr.path).expect("body");
        // Keep some values alive.
        let live: Vec<Value> = fr.vals.iter().rev().take(2).copied().collect();
        let mut b = OpBuilder::at_end(c, body, fr.block);
        if !live.is_empty() {
            effect(&mut b, &live);
        }
        if !fr.close.is_empty() {
            b.build(fr.close, &[], &[], &[]);
        }
    }
    m
}

/// Every body of the module, with its op's traits, for whole-module checks.
fn all_bodies(c: &Context, m: &Module) -> Vec<(Vec<Op>, Vec<Op>)> {
    let mut out = Vec::new();
    let mut work = vec![Vec::new()];
    while let Some(path) = work.pop() {
        let body = crate::util::body_at(&m.body, &path).expect("body");
        let ops = if path.is_empty() {
            strata_ir::walk::ops_in_body_preorder(body, m.op)
        } else {
            let holder = crate::util::body_at(&m.body, &path[..path.len() - 1]).expect("body");
            crate::util::ops_under(body, holder.regions(path[path.len() - 1]))
        };
        for &o in &ops {
            if body.nested(o).is_some() {
                let mut p = path.clone();
                p.push(o);
                work.push(p);
            }
        }
        let _ = c;
        out.push((path, ops));
    }
    out
}

fn no_dead_ops(c: &Context, m: &Module) -> bool {
    all_bodies(c, m).into_iter().all(|(path, ops)| {
        let body = crate::util::body_at(&m.body, &path).expect("body");
        ops.iter().all(|&o| !is_trivially_dead(c, body, o))
    })
}

fn no_duplicates(c: &Context, m: &Module) -> bool {
    all_bodies(c, m).into_iter().all(|(path, ops)| {
        let body = crate::util::body_at(&m.body, &path).expect("body");
        let owner = if path.is_empty() {
            Traits(0)
        } else {
            let holder = crate::util::body_at(&m.body, &path[..path.len() - 1]).expect("body");
            crate::util::traits(c, holder, path[path.len() - 1])
        };
        let mut seen = std::collections::HashSet::new();
        for &o in &ops {
            let Some(blk) = body.parent_block(o) else {
                continue;
            };
            let Some(r) = body.block_parent(blk) else {
                continue;
            };
            if is_graph_region(c, body, r, owner)
                || !has(c, body, o, Traits::PURE)
                || has(c, body, o, Traits::TERMINATOR)
                || !body.regions(o).is_empty()
            {
                continue;
            }
            let d = body.op(o);
            let key = (
                blk,
                d.name(),
                d.props,
                d.attrs,
                body.operands(o).collect::<Vec<_>>(),
                body.results(o)
                    .iter()
                    .map(|&v| body.value_type(v))
                    .collect::<Vec<_>>(),
            );
            if !seen.insert(key) {
                return false;
            }
        }
        true
    })
}

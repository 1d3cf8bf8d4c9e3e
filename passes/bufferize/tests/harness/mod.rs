//! Shared harness of the differential tests of `bufferize` and `tensor-to-loop`: the graph
//! programs (`programs`), random elementwise chains, and [`check`], which runs a program at the
//! graph level, at the tensor level and after a further pipeline, on the interpreter.

#![allow(dead_code)]

#[path = "../programs/mod.rs"]
pub mod programs;

use proptest::prelude::*;
use strata_interp::{Interpreter, Tensor};
use strata_ir::{Context, Module};

/// Deterministic values in [-2, 2).
fn values(n: usize, seed: u64) -> Vec<f32> {
    let mut s = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 40) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0
        })
        .collect()
}

fn parse(ctx: &Context, src: &str) -> Module {
    let m =
        strata_ir::text::parse(ctx, "test.mlir", src, &Default::default()).unwrap_or_else(|d| {
            panic!(
                "parse: {:?}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        });
    strata_ir::verify::verify_module(ctx, &m).unwrap_or_else(|d| panic!("verify: {d:?}"));
    m
}

/// Random inputs for the arguments of `@f`.
fn inputs(ctx: &Context, m: &Module, seed: u64) -> Vec<Tensor> {
    let f = strata_ir::symbol_table::lookup_in(ctx, &m.body, m.op, b"f").expect("@f exists");
    let holder = m.body.region_body(m.op);
    let region = holder.regions(f)[0];
    let fb = holder.region_body(f);
    let entry = fb.entry_block(region).expect("entry block");
    fb.block_args(entry)
        .iter()
        .enumerate()
        .map(|(i, &a)| {
            let t = fb.value_type(a);
            let shape: Vec<usize> = match ctx.type_kind(t) {
                strata_ir::TypeKind::RankedTensor { shape, .. } => {
                    shape.iter().map(|&d| d as usize).collect()
                }
                _ => panic!("non-tensor argument"),
            };
            let n = shape.iter().product();
            Tensor::from_vec(shape, values(n, seed * 31 + i as u64)).expect("tensor")
        })
        .collect()
}

/// Run `pipeline` on `m`, verifying after each pass.
fn lower(ctx: &Context, m: &mut Module, pipeline: &str) {
    let text = format!("builtin.module({pipeline})");
    let root = strata::pass::parse_pipeline(&text, "builtin.module").expect("pipeline parses");
    let mut pm = strata::pass::PassManager::new(root);
    pm.threads = 1;
    let report = pm.run(ctx, m);
    assert!(
        !report.failed,
        "pipeline failed: {:?}",
        report
            .diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
}

/// Count the allocations and deallocations of the module.
fn alloc_balance(ctx: &Context, m: &Module) -> (usize, usize) {
    let text = strata_ir::text::print_module(ctx, m, &Default::default());
    (
        text.matches("\"loop.alloc\"").count(),
        text.matches("\"loop.dealloc\"").count(),
    )
}

/// Whether `a` and `b` agree within `rtol`/`atol` elementwise (same shapes).
fn close(a: &[Tensor], b: &[Tensor], rtol: f32, atol: f32) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.shape() == y.shape()
                && match (x.as_slice::<f32>(), y.as_slice::<f32>()) {
                    (Some(p), Some(q)) => p
                        .iter()
                        .zip(q)
                        .all(|(u, v)| (u - v).abs() <= atol + rtol * v.abs()),
                    _ => x == y,
                }
        })
}

/// Run the graph program `src`, its tensor-level form (`TENSOR`) and its form after
/// `TENSOR` then `rest`: the last two agree bit for bit when `exact`, else within 1e-5;
/// the graph level agrees with both within 1e-4 (graph ops may accumulate differently).
pub fn check(src: &str, rest: &str, seed: u64, exact: bool, forbid: &[&str]) {
    let ctx = strata::default_context();
    let mut m = parse(&ctx, src);
    let ins = inputs(&ctx, &m, seed);
    let graph = Interpreter::new(&ctx, &m)
        .run("f", &ins)
        .expect("graph run");
    lower(&ctx, &mut m, TENSOR);
    let want = Interpreter::new(&ctx, &m)
        .run("f", &ins)
        .expect("tensor run");
    assert!(
        close(&want, &graph, 1e-4, 1e-5),
        "tensor level differs from graph level"
    );
    lower(&ctx, &mut m, rest);
    let (allocs, deallocs) = alloc_balance(&ctx, &m);
    assert_eq!(allocs, deallocs, "every allocation is freed once");
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    for bad in forbid {
        assert!(
            !text.contains(&format!("\"{bad}")),
            "a {bad} op remains:\n{text}"
        );
    }
    let got = Interpreter::new(&ctx, &m)
        .with_fuel(200_000_000)
        .run_out_params("f", ins)
        .unwrap_or_else(|d| panic!("lowered run: {}", d.message));
    if exact {
        assert_eq!(got, want);
    } else {
        assert!(close(&got, &want, 1e-5, 1e-6), "{got:?}\n{want:?}");
    }
}

/// The tensor level of the contract.
pub const TENSOR: &str = "graph-to-tensor{full=true},tensor-generalize";

/// A chain of unary and binary elementwise ops over tensors of broadcastable shapes.
pub fn chain_program(ops: &[(u8, u8)], shapes: &[Vec<i64>]) -> String {
    let ty = |s: &[i64]| {
        let dims: Vec<String> = s.iter().map(|d| d.to_string()).collect();
        if dims.is_empty() {
            "tensor<f32>".to_string()
        } else {
            format!("tensor<{}xf32>", dims.join("x"))
        }
    };
    let full = &shapes[0];
    let args: Vec<String> = shapes
        .iter()
        .enumerate()
        .map(|(i, s)| format!("%a{i}: {}", ty(s)))
        .collect();
    let mut body = String::new();
    let mut cur = "%a0".to_string();
    let mut vals = vec![cur.clone()];
    for (k, &(op, arg)) in ops.iter().enumerate() {
        let name = format!("%v{k}");
        let line = match op % 6 {
            0 => format!(
                "  {name} = \"graph.relu\"({cur}) : ({t}) -> {t}\n",
                t = ty(full)
            ),
            1 => format!(
                "  {name} = \"graph.neg\"({cur}) : ({t}) -> {t}\n",
                t = ty(full)
            ),
            2..=4 => {
                let which = arg as usize % shapes.len();
                let opn = ["graph.add", "graph.mul", "graph.sub"][(op % 6 - 2) as usize];
                format!(
                    "  {name} = \"{opn}\"({cur}, %a{which}) : ({}, {}) -> {}\n",
                    ty(full),
                    ty(&shapes[which]),
                    ty(full)
                )
            }
            _ => {
                let prev = &vals[arg as usize % vals.len()];
                format!(
                    "  {name} = \"graph.max\"({cur}, {prev}) : ({t}, {t}) -> {t}\n",
                    t = ty(full)
                )
            }
        };
        body.push_str(&line);
        cur = name;
        vals.push(cur.clone());
    }
    format!(
        "func.func @f({}) -> ({t}, {t}) {{\n{body}  return {cur}, {} : {t}, {t}\n}}\n",
        args.join(", "),
        vals[vals.len() / 2],
        t = ty(full)
    )
}

/// The shape and broadcastable variants of it (trailing dims, unit dims).
pub fn shapes_strategy() -> impl Strategy<Value = Vec<Vec<i64>>> {
    prop::collection::vec(1i64..4, 1..4).prop_flat_map(|full| {
        let n = full.len();
        let variant = (0..n, prop::collection::vec(any::<bool>(), n)).prop_map({
            let full = full.clone();
            move |(drop, ones)| {
                full[drop.min(n - 1)..]
                    .iter()
                    .zip(&ones)
                    .map(|(&d, &one)| if one { 1 } else { d })
                    .collect::<Vec<i64>>()
            }
        });
        (Just(full), prop::collection::vec(variant, 0..3)).prop_map(|(f, mut v)| {
            v.insert(0, f);
            v
        })
    })
}

//! Soundness of every rule of every registered rule pack: for each rule, both sides are
//! built from the rule's sample (`strata_eqsat::check::instance`), run in the reference
//! interpreter on random inputs from several seeds, and compared (rtol 1e-3, atol 1e-5).
//!
//! A rule using an op the interpreter cannot run yet is *waiting*; the waiting rules must be
//! listed in `soundness_waiting.txt`, a list that may only shrink (rules that now run are
//! reported so they can be removed). A rule whose sample does not match, or does not
//! satisfy its conditions, fails. Seeded unsound rules must fail (the tester is tested).

mod common;

use strata_eqsat::check::{instance, Rng};
use strata_eqsat::{compile_rule, rule_packs, Rule};
use strata_ir::Context;

const WAITING: &str = include_str!("soundness_waiting.txt");
const SEEDS: u64 = 4;
const ATOL: f64 = 1e-5;

#[derive(Debug, PartialEq)]
enum Outcome {
    Sound,
    Waiting(Vec<String>),
    Unsound(String),
}

fn check(ctx: &Context, rule: &Rule, sample: &str) -> Outcome {
    for seed in 0..SEEDS {
        let inst = match instance(ctx, rule, sample, seed) {
            Ok(i) => i,
            Err(e) => return Outcome::Unsound(format!("cannot build the instance: {e}")),
        };
        common::verify(ctx, &inst.module);
        let mut missing: Vec<String> = Vec::new();
        let body = inst.module.region_body();
        for f in body.block_ops(inst.module.block().expect("module block")) {
            let fb = body.region_body(f);
            for op in strata_ir::walk::ops_in_body_preorder(body, f) {
                let _ = op;
            }
            for r in body.regions(f) {
                for &b in fb.region_blocks(*r) {
                    for op in fb.block_ops(b) {
                        let name = ctx.op_name_str(fb.name(op)).to_string();
                        if !strata_interp::is_interpretable(&name) && !missing.contains(&name) {
                            missing.push(name);
                        }
                    }
                }
            }
        }
        if !missing.is_empty() {
            return Outcome::Waiting(missing);
        }
        let mut rng = Rng::new(1000 + seed);
        let inputs = common::random_inputs(ctx, &inst.inputs, &mut rng);
        let lhs = match common::run(ctx, &inst.module, "lhs", &inputs) {
            Ok(v) => v,
            Err(e) => return Outcome::Unsound(format!("left-hand side fails to run: {e}")),
        };
        let rhs = match common::run(ctx, &inst.module, "rhs", &inputs) {
            Ok(v) => v,
            Err(e) => return Outcome::Unsound(format!("right-hand side fails to run: {e}")),
        };
        if let Err(e) = common::compare(&rhs, &lhs, ATOL) {
            return Outcome::Unsound(format!(
                "seed {seed}: {e}\n{}",
                common::print(ctx, &inst.module)
            ));
        }
    }
    Outcome::Sound
}

#[test]
fn every_rule_is_sound_in_the_interpreter() {
    let ctx = common::ctx();
    let waiting_list: Vec<&str> = WAITING
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut failures = Vec::new();
    let mut waiting = Vec::new();
    let mut checked = 0;
    for pack in rule_packs() {
        for d in &pack.rules {
            let rules = match compile_rule(&ctx, pack.name, d.name, d.rule) {
                Ok(r) => r,
                Err(e) => {
                    failures.push(format!("{}/{}: does not compile: {e}", pack.name, d.name));
                    continue;
                }
            };
            for r in rules {
                checked += 1;
                match check(&ctx, &r, d.sample) {
                    Outcome::Sound => {}
                    Outcome::Waiting(ops) => {
                        waiting.push((format!("{}/{}", pack.name, r.name), ops));
                    }
                    Outcome::Unsound(e) => failures.push(format!("{}/{}: {e}", pack.name, r.name)),
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "unsound or broken rules:\n{}",
        failures.join("\n\n")
    );
    let grown: Vec<String> = waiting
        .iter()
        .filter(|(n, _)| !waiting_list.contains(&n.as_str()))
        .map(|(n, ops)| format!("{n} (waits for {})", ops.join(", ")))
        .collect();
    assert!(
        grown.is_empty(),
        "rules waiting for interpreter support that are not in soundness_waiting.txt (the list \
         may only shrink):\n{}",
        grown.join("\n")
    );
    for stale in waiting_list
        .iter()
        .filter(|l| !waiting.iter().any(|(n, _)| n == *l))
    {
        eprintln!(
            "note: {stale} now runs in the interpreter; remove it from soundness_waiting.txt"
        );
    }
    eprintln!(
        "{checked} rules checked, {} sound, {} waiting",
        checked - waiting.len(),
        waiting.len()
    );
}

#[test]
fn the_packs_hold_at_least_sixty_rules_with_unique_names() {
    let packs = rule_packs();
    let mut names: Vec<String> = Vec::new();
    for p in &packs {
        for r in &p.rules {
            names.push(format!("{}/{}", p.name, r.name));
        }
    }
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(n, names.len(), "duplicate rule names");
    let graph: usize = packs
        .iter()
        .filter(|p| p.name.starts_with("graph-"))
        .map(|p| p.rules.len())
        .sum();
    assert!(graph >= 60, "only {graph} graph rules");
}

/// Rules that are wrong, with samples on which they are wrong: the tester must catch each.
#[test]
fn seeded_unsound_rules_fail_the_tester() {
    let ctx = common::ctx();
    let bad = [
        // Operands swapped.
        ("sub-comm", "(graph.sub ?a ?b) => (graph.sub ?b ?a)", "?a: tensor<4xf32>, ?b: tensor<4xf32>"),
        // Missing side condition: the permutations do not cancel.
        (
            "transpose-transpose-unchecked",
            "(graph.transpose (graph.transpose ?x ?p) ?q) => ?x",
            "?x: tensor<3x3xf32>, ?p = {perm = array<i64: 1, 0>}, ?q = {perm = array<i64: 0, 1>}",
        ),
        // Dropping an activation.
        ("relu-drop", "(graph.relu ?x) => ?x", "?x: tensor<8xf32>"),
        // Wrong constant in a condition.
        ("mul-two", "(graph.mul ?x ?c) => ?x if is_splat(?c, 2)", "?x: tensor<4xf32>, ?c = dense<2.0> : tensor<f32>"),
        // Wrong composition order of permutations.
        (
            "transpose-compose-wrong",
            "(graph.transpose (graph.transpose ?x ?p) ?q) => (graph.transpose ?x ?r) where ?r = compose_perms(?q, ?p)",
            "?x: tensor<2x3x4xf32>, ?p = {perm = array<i64: 1, 2, 0>}, ?q = {perm = array<i64: 1, 0, 2>}",
        ),
        // Merging with the split parts swapped.
        (
            "merge-matmul-swapped",
            "?a = (graph.matmul ?x ?w1), ?b = (graph.matmul ?x ?w2) => ?a = (get 1 (graph.split (graph.matmul ?x (graph.concat ?w1 ?w2 {axis = -1 : i64})) ?s)), ?b = (get 0 (graph.split (graph.matmul ?x (graph.concat ?w1 ?w2 {axis = -1 : i64})) ?s)) where ?s = dict(\"axis\", -1, \"split\", ints(dim(?w1, -1), dim(?w2, -1)))",
            "?x: tensor<2x4xf32>, ?w1 = const tensor<4x3xf32>, ?w2 = const tensor<4x3xf32>",
        ),
    ];
    for (name, text, sample) in bad {
        let rules = compile_rule(&ctx, "seeded", name, text).expect("compiles");
        for r in &rules {
            match check(&ctx, r, sample) {
                Outcome::Unsound(_) => {}
                other => panic!("the tester accepted the unsound rule {name}: {other:?}"),
            }
        }
    }
}

/// A sample that does not satisfy the rule's condition is a failure, not a pass.
#[test]
fn a_sample_outside_the_conditions_is_reported() {
    let ctx = common::ctx();
    let r = &compile_rule(
        &ctx,
        "seeded",
        "add-zero",
        "(graph.add ?x ?z) => ?x if is_splat(?z, 0)",
    )
    .expect("compiles")[0];
    match check(
        &ctx,
        r,
        "?x: tensor<3xf32>, ?z = dense<1.0> : tensor<3xf32>",
    ) {
        Outcome::Unsound(e) => assert!(e.contains("condition"), "{e}"),
        other => panic!("{other:?}"),
    }
    match check(&ctx, r, "?x: tensor<3xf32>") {
        Outcome::Unsound(e) => assert!(e.contains("?z"), "{e}"),
        other => panic!("{other:?}"),
    }
}

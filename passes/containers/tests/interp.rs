//! `specialise-containers` keeps the numbers: random programs over a sequence argument
//! (insert, erase, at, length, construct, concat, optionals, a `SequenceMap`-style loop) run in
//! the interpreter before the pass on the sequence, and after it on the flattened tensors;
//! the reassembled results must be equal bit for bit.

use proptest::prelude::*;
use strata_interp::{AnyValue, DType, Interpreter, Tensor};

/// One step of a random program, on the simulated sequence length `n`.
#[derive(Clone, Debug)]
enum Step {
    /// Insert argument tensor `t` (0 or 1) at a position drawn from `[-n, n]` (`None`: append).
    Insert(usize, Option<i64>),
    /// Erase at a position drawn from `[-n, n - 1]` (`None`: the last).
    Erase(Option<i64>),
    /// Take the element at a position in `[-n, n - 1]` into the accumulator sequence.
    At(i64),
    /// Replace the sequence by the map of `neg` over it (a loop, as `SequenceMap` imports).
    MapNeg,
    /// Wrap the sequence into an optional and take it out again.
    Optional,
}

fn steps() -> impl Strategy<Value = Vec<(u8, i64, bool)>> {
    prop::collection::vec((0u8..5, -8i64..8, any::<bool>()), 1..10)
}

/// The program text and the final sequence length (`None` when a step was impossible).
fn program(raw: &[(u8, i64, bool)], n0: usize) -> (String, usize) {
    let mut n = n0 as i64;
    let mut plan = Vec::new();
    for &(k, p, flag) in raw {
        let step = match k {
            0 => Step::Insert(usize::from(flag), flag.then(|| p.rem_euclid(2 * n + 1) - n)),
            1 if n > 0 => Step::Erase(flag.then(|| p.rem_euclid(2 * n) - n)),
            2 if n > 0 => Step::At(p.rem_euclid(2 * n) - n),
            3 => Step::MapNeg,
            _ => Step::Optional,
        };
        match step {
            Step::Insert(..) => n += 1,
            Step::Erase(_) => n -= 1,
            _ => {}
        }
        plan.push(step);
    }
    let seq = "!graph.seq<tensor<?xf32>>";
    let mut b = String::new();
    b.push_str(&format!(
        "func.func @main(%s0: {seq}, %t0: tensor<?xf32>, %t1: tensor<?xf32>) -> ({seq}, {seq}, tensor<i64>, tensor<i1>) {{\n"
    ));
    b.push_str(&format!(
        "  %acc0 = \"graph.sequence_empty\"() : () -> {seq}\n"
    ));
    let (mut s, mut acc) = (0, 0);
    for (i, st) in plan.iter().enumerate() {
        let pos = |b: &mut String, p: i64| {
            b.push_str(&format!(
                "  %p{i} = \"graph.constant\"() <{{value = dense<{p}> : tensor<i64>}}> : () -> tensor<i64>\n"
            ));
        };
        match st {
            Step::Insert(t, p) => {
                if let Some(p) = p {
                    pos(&mut b, *p);
                    b.push_str(&format!("  %s{} = \"graph.sequence_insert\"(%s{s}, %t{t}, %p{i}) : ({seq}, tensor<?xf32>, tensor<i64>) -> {seq}\n", s + 1));
                } else {
                    b.push_str(&format!("  %s{} = \"graph.sequence_insert\"(%s{s}, %t{t}) : ({seq}, tensor<?xf32>) -> {seq}\n", s + 1));
                }
                s += 1;
            }
            Step::Erase(p) => {
                if let Some(p) = p {
                    pos(&mut b, *p);
                    b.push_str(&format!("  %s{} = \"graph.sequence_erase\"(%s{s}, %p{i}) : ({seq}, tensor<i64>) -> {seq}\n", s + 1));
                } else {
                    b.push_str(&format!(
                        "  %s{} = \"graph.sequence_erase\"(%s{s}) : ({seq}) -> {seq}\n",
                        s + 1
                    ));
                }
                s += 1;
            }
            Step::At(p) => {
                pos(&mut b, *p);
                b.push_str(&format!("  %x{i} = \"graph.sequence_at\"(%s{s}, %p{i}) : ({seq}, tensor<i64>) -> tensor<?xf32>\n"));
                b.push_str(&format!("  %y{i} = \"graph.add\"(%x{i}, %x{i}) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>\n"));
                b.push_str(&format!("  %acc{} = \"graph.sequence_insert\"(%acc{acc}, %y{i}) : ({seq}, tensor<?xf32>) -> {seq}\n", acc + 1));
                acc += 1;
            }
            Step::MapNeg => {
                b.push_str(&format!(
                    "  %n{i} = \"graph.sequence_length\"(%s{s}) : ({seq}) -> tensor<i64>\n"
                ));
                b.push_str(&format!("  %c{i} = \"graph.constant\"() <{{value = dense<true> : tensor<i1>}}> : () -> tensor<i1>\n"));
                b.push_str(&format!(
                    "  %e{i} = \"graph.sequence_empty\"() : () -> {seq}\n"
                ));
                b.push_str(&format!(
                    "  %s{} = \"graph.loop\"(%n{i}, %c{i}, %e{i}) ({{\n",
                    s + 1
                ));
                b.push_str(&format!(
                    "  ^bb0(%i{i}: tensor<i64>, %ci{i}: tensor<i1>, %a{i}: {seq}):\n"
                ));
                b.push_str(&format!("    %x{i} = \"graph.sequence_at\"(%s{s}, %i{i}) : ({seq}, tensor<i64>) -> tensor<?xf32>\n"));
                b.push_str(&format!(
                    "    %y{i} = \"graph.neg\"(%x{i}) : (tensor<?xf32>) -> tensor<?xf32>\n"
                ));
                b.push_str(&format!("    %b{i} = \"graph.sequence_insert\"(%a{i}, %y{i}) : ({seq}, tensor<?xf32>) -> {seq}\n"));
                b.push_str(&format!(
                    "    \"graph.yield\"(%ci{i}, %b{i}) : (tensor<i1>, {seq}) -> ()\n"
                ));
                b.push_str(&format!(
                    "  }}) : (tensor<i64>, tensor<i1>, {seq}) -> {seq}\n"
                ));
                s += 1;
            }
            Step::Optional => {
                b.push_str(&format!(
                    "  %o{i} = \"graph.optional\"(%s{s}) : ({seq}) -> (!graph.opt<{seq}>)\n"
                ));
                b.push_str(&format!("  %s{} = \"graph.optional_get_element\"(%o{i}) : (!graph.opt<{seq}>) -> {seq}\n", s + 1));
                s += 1;
            }
        }
    }
    b.push_str(&format!(
        "  %len = \"graph.sequence_length\"(%s{s}) : ({seq}) -> tensor<i64>\n"
    ));
    b.push_str(&format!(
        "  %oo = \"graph.optional\"(%acc{acc}) : ({seq}) -> (!graph.opt<{seq}>)\n"
    ));
    b.push_str(&format!(
        "  %has = \"graph.optional_has_element\"(%oo) : (!graph.opt<{seq}>) -> tensor<i1>\n"
    ));
    b.push_str(&format!(
        "  func.return %s{s}, %acc{acc}, %len, %has : {seq}, {seq}, tensor<i64>, tensor<i1>\n}}\n"
    ));
    (b, n as usize)
}

fn tensor(len: usize, seed: usize) -> Tensor {
    let v: Vec<f64> = (0..len)
        .map(|i| (i * 7 + seed * 3) as f64 * 0.25 - 1.0)
        .collect();
    Tensor::from_f64s(DType::F32, vec![len], &v).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn specialised_programs_agree_with_the_interpreter(
        raw in steps(),
        lens in prop::collection::vec(1usize..4, 0..4),
        t0 in 1usize..4,
        t1 in 1usize..4,
    ) {
        let (src, _) = program(&raw, lens.len());
        let ctx = strata::default_context();
        let m = strata::ir::text::parse(&ctx, "seq.mlir", &src, &Default::default())
            .unwrap_or_else(|d| panic!("{d:?}\n{src}"));
        strata::ir::verify::verify_module(&ctx, &m).unwrap_or_else(|d| panic!("{d:?}\n{src}"));
        let inputs = vec![
            AnyValue::Seq(lens.iter().enumerate().map(|(k, &l)| tensor(l, k)).collect()),
            AnyValue::Tensor(tensor(t0, 10)),
            AnyValue::Tensor(tensor(t1, 11)),
        ];
        let want = Interpreter::new(&ctx, &m).run_values("main", inputs.clone()).unwrap();
        let structure: Vec<_> = inputs
            .iter()
            .map(|v| strata::containers::structure_of(v).unwrap())
            .collect();
        let mut sm = m.clone();
        let sig = strata::containers::specialise(&ctx, &mut sm, None, Some(&structure))
            .unwrap_or_else(|e| panic!("{e}\n{src}"))
            .expect("a specialised signature");
        let flat = strata::containers::flatten(&sig, inputs).unwrap();
        let got = Interpreter::new(&ctx, &sm).run_values("main", flat).unwrap();
        let got = strata::containers::reassemble(&sig, got).unwrap();
        prop_assert_eq!(format!("{got:?}"), format!("{want:?}"), "{}", src);
    }
}

#[test]
fn a_guard_rejects_another_structure() {
    let src = "func.func @main(%s: !graph.seq<tensor<?xf32>>) -> tensor<i64> {\n  \
               %n = \"graph.sequence_length\"(%s) : (!graph.seq<tensor<?xf32>>) -> tensor<i64>\n  \
               func.return %n : tensor<i64>\n}\n";
    let ctx = strata::default_context();
    let mut m = strata::ir::text::parse(&ctx, "g.mlir", src, &Default::default()).unwrap();
    let s = strata::containers::Structure::parse("seq([2],[3])").unwrap();
    let sig = strata::containers::specialise(&ctx, &mut m, None, Some(&[s]))
        .unwrap()
        .unwrap();
    let e = strata::containers::flatten(&sig, vec![AnyValue::Seq(vec![tensor(2, 0)])]).unwrap_err();
    assert!(
        e.0.contains("input #0 has structure seq([2]) but the code was compiled for seq([2],[3])"),
        "{e}"
    );
}

#[test]
fn an_if_on_a_run_time_condition_keeps_its_numbers() {
    let seq = "!graph.seq<tensor<?xf32>>";
    let src = format!(
        "func.func @main(%c: tensor<i1>, %s: {seq}, %b: tensor<?xf32>) -> ({seq}) {{\n  \
         %r = \"graph.if\"(%c) ({{\n    \
         %x = \"graph.sequence_insert\"(%s, %b) : ({seq}, tensor<?xf32>) -> {seq}\n    \
         \"graph.yield\"(%x) : ({seq}) -> ()\n  \
         }}, {{\n    \
         %z = \"graph.constant\"() <{{value = dense<0> : tensor<i64>}}> : () -> tensor<i64>\n    \
         %n = \"graph.neg\"(%b) : (tensor<?xf32>) -> tensor<?xf32>\n    \
         %x = \"graph.sequence_insert\"(%s, %n, %z) : ({seq}, tensor<?xf32>, tensor<i64>) -> {seq}\n    \
         \"graph.yield\"(%x) : ({seq}) -> ()\n  \
         }}) : (tensor<i1>) -> ({seq})\n  \
         func.return %r : {seq}\n}}\n"
    );
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "if.mlir", &src, &Default::default()).unwrap();
    for c in [false, true] {
        let cond = Tensor::from_f64s(DType::Bool, vec![], &[f64::from(u8::from(c))]).unwrap();
        let inputs = vec![
            AnyValue::Tensor(cond),
            AnyValue::Seq(vec![tensor(2, 1), tensor(3, 2)]),
            AnyValue::Tensor(tensor(2, 3)),
        ];
        let want = Interpreter::new(&ctx, &m)
            .run_values("main", inputs.clone())
            .unwrap();
        let structure: Vec<_> = inputs
            .iter()
            .map(|v| strata::containers::structure_of(v).unwrap())
            .collect();
        let mut sm = m.clone();
        let sig = strata::containers::specialise(&ctx, &mut sm, None, Some(&structure))
            .unwrap()
            .unwrap();
        let flat = strata::containers::flatten(&sig, inputs).unwrap();
        let got = Interpreter::new(&ctx, &sm)
            .run_values("main", flat)
            .unwrap();
        let got = strata::containers::reassemble(&sig, got).unwrap();
        assert_eq!(format!("{got:?}"), format!("{want:?}"), "cond {c}");
    }
}

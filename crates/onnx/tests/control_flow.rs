//! `If` and `Loop` with conditions known at import (inlined / unrolled) against direct
//! computations, an `If` on a run-time condition (a `graph.if` region op), and the typed
//! errors of loops that neither the region form nor unrolling can import.

mod common;
use common::{close, data, import_err, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::{BOOL, FLOAT, INT64};
use strata_onnx::proto::{GraphProto, TensorProto};
use strata_onnx::testgen::*;
use strata_onnx::ImportError;

fn bool_tensor(name: &str, v: bool) -> TensorProto {
    TensorProto {
        name: name.into(),
        dims: vec![],
        data_type: BOOL,
        int32_data: vec![i32::from(v)],
        ..Default::default()
    }
}

/// A branch `() -> x op c` reading `x` and `c` of the enclosing graph.
fn branch(op: &str) -> GraphProto {
    graph(
        vec![node(op, op, &["x", "c"], &["out"], vec![])],
        vec![],
        vec![value("out", FLOAT, &[3])],
        vec![],
    )
}

#[test]
fn if_with_a_constant_condition_inlines_the_chosen_branch() {
    let x = data(3, 1);
    for cond in [true, false] {
        let g = graph(
            vec![node(
                "If",
                "if",
                &["cond"],
                &["y"],
                vec![
                    attr_graph("then_branch", branch("Add")),
                    attr_graph("else_branch", branch("Mul")),
                ],
            )],
            vec![value("x", FLOAT, &[3])],
            vec![value("y", FLOAT, &[3])],
            vec![bool_tensor("cond", cond), tensor_f32("c", &[], &[3.0])],
        );
        let out = run(
            &model(g, 13),
            vec![Tensor::from_vec(vec![3], x.clone()).unwrap()],
        );
        let want: Vec<f32> = x
            .iter()
            .map(|v| if cond { v + 3.0 } else { v * 3.0 })
            .collect();
        close(&out[0], &want);
    }
}

/// Body `(i, cond, acc) -> (i < stop, acc + x[i], acc * 2)` with `x : [5]` outer.
fn loop_body(stop: i64) -> GraphProto {
    graph(
        vec![
            node("Less", "lt", &["i", "stop"], &["cond_out"], vec![]),
            node("Unsqueeze", "u", &["i", "zero"], &["i1"], vec![]),
            node("Add", "e", &["i1", "one"], &["i2"], vec![]),
            node("Slice", "s", &["x", "i1", "i2"], &["xi"], vec![]),
            node("Add", "a", &["acc", "xi"], &["acc_out"], vec![]),
            node("Mul", "m", &["acc", "two"], &["scan"], vec![]),
        ],
        vec![
            value("i", INT64, &[]),
            value("cond", BOOL, &[]),
            value("acc", FLOAT, &[1]),
        ],
        vec![
            value("cond_out", BOOL, &[]),
            value("acc_out", FLOAT, &[1]),
            value("scan", FLOAT, &[1]),
        ],
        vec![
            tensor_i64("stop", &[], &[stop]),
            tensor_i64("zero", &[1], &[0]),
            tensor_i64("one", &[1], &[1]),
            tensor_f32("two", &[], &[2.0]),
        ],
    )
}

fn loop_model(trips: Option<i64>, stop: i64, iters: usize) -> strata_onnx::proto::ModelProto {
    let mut inits = vec![bool_tensor("cond", true)];
    let m = match trips {
        Some(t) => {
            inits.push(tensor_i64("m", &[], &[t]));
            "m"
        }
        None => "",
    };
    let g = graph(
        vec![node(
            "Loop",
            "loop",
            &[m, "cond", "acc0"],
            &["acc", "scans"],
            vec![attr_graph("body", loop_body(stop))],
        )],
        vec![value("x", FLOAT, &[5]), value("acc0", FLOAT, &[1])],
        vec![
            value("acc", FLOAT, &[1]),
            value("scans", FLOAT, &[iters as i64, 1]),
        ],
        inits,
    );
    model(g, 13)
}

#[test]
fn loop_with_known_trip_count_and_condition_is_unrolled() {
    let x = data(5, 2);
    let acc0 = [0.25f32];
    // (trip count, the body's stop, iterations run): the count ends the loop, or the
    // condition the body computes (i < stop, checked before the next iteration) does.
    for (trips, stop, iters) in [(Some(4), 10, 4usize), (Some(5), 1, 2), (None, 2, 3)] {
        let out = run(
            &loop_model(trips, stop, iters),
            vec![
                Tensor::from_vec(vec![5], x.clone()).unwrap(),
                Tensor::from_vec(vec![1], acc0.to_vec()).unwrap(),
            ],
        );
        let mut acc = acc0[0];
        let mut scans = Vec::new();
        for xi in x.iter().take(iters) {
            scans.push(acc * 2.0);
            acc += xi;
        }
        close(&out[0], &[acc]);
        close(&out[1], &scans);
    }
}

#[test]
fn run_time_conditions_give_typed_errors() {
    // If on a graph input: a `graph.if` region op (nodes_ctrl.rs), evaluated at run time.
    let g = graph(
        vec![node(
            "If",
            "if",
            &["cond"],
            &["y"],
            vec![
                attr_graph("then_branch", branch("Add")),
                attr_graph("else_branch", branch("Mul")),
            ],
        )],
        vec![value("x", FLOAT, &[3]), value("cond", BOOL, &[])],
        vec![value("y", FLOAT, &[3])],
        vec![tensor_f32("c", &[], &[3.0])],
    );
    let m = model(g, 13);
    let x = data(3, 4);
    for cond in [true, false] {
        let out = run(
            &m,
            vec![
                Tensor::from_vec(vec![3], x.clone()).unwrap(),
                Tensor::scalar(cond),
            ],
        );
        let want: Vec<f32> = x
            .iter()
            .map(|v| if cond { v + 3.0 } else { v * 3.0 })
            .collect();
        close(&out[0], &want);
    }
    // A body condition depending on run-time data, in a body whose Slice needs the
    // iteration number at import (so neither the region form nor unrolling applies).
    let mut m = loop_model(Some(3), 10, 3);
    let body = &mut m.graph.as_mut().unwrap().node[0].attribute[0];
    let g = body.g.as_mut().unwrap();
    g.node[0] = node("Greater", "gt", &["acc", "two"], &["c1"], vec![]);
    g.node.push(node(
        "Squeeze",
        "sq",
        &["c1", "zero"],
        &["cond_out"],
        vec![],
    ));
    assert!(matches!(import_err(&m), ImportError::Unsupported(_)));
    // Neither a trip count nor a condition.
    let mut m = loop_model(None, 2, 3);
    m.graph.as_mut().unwrap().node[0].input[1] = String::new();
    assert!(matches!(import_err(&m), ImportError::Unsupported(_)));
    // A body of the wrong arity.
    let mut m = loop_model(Some(2), 10, 2);
    let body = &mut m.graph.as_mut().unwrap().node[0].attribute[0];
    body.g.as_mut().unwrap().input.pop();
    assert!(matches!(import_err(&m), ImportError::InvalidModel { .. }));
}

/// `If (Size(size) == 2)` choosing between `size` and `size * 2` as `ConstantOfShape`'s
/// shape (the pattern of AffineGrid's function body, which picks the spatial sizes from a
/// rank test): the shape depends on the graph input `size` only through the branches.
fn shape_through_if() -> strata_onnx::proto::ModelProto {
    let then_g = graph(
        vec![node("Identity", "id", &["size"], &["s_then"], vec![])],
        vec![],
        vec![value("s_then", INT64, &[2])],
        vec![],
    );
    let else_g = graph(
        vec![node("Mul", "m", &["size", "two"], &["s_else"], vec![])],
        vec![],
        vec![value("s_else", INT64, &[2])],
        vec![],
    );
    let g = graph(
        vec![
            node("Size", "n", &["size"], &["rank"], vec![]),
            node("Equal", "eq", &["rank", "two_s"], &["is2"], vec![]),
            node(
                "If",
                "if",
                &["is2"],
                &["shape"],
                vec![
                    attr_graph("then_branch", then_g),
                    attr_graph("else_branch", else_g),
                ],
            ),
            node("ConstantOfShape", "z", &["shape"], &["y"], vec![]),
        ],
        vec![value("size", INT64, &[2])],
        vec![value("y", FLOAT, &[-1, -1])],
        vec![tensor_i64("two", &[], &[2]), tensor_i64("two_s", &[], &[2])],
    );
    model(g, 13)
}

#[test]
fn inputs_read_by_the_branches_of_a_foldable_if_are_bound_and_fold() {
    let m = shape_through_if();
    assert_eq!(
        strata_onnx::required_constant_inputs(&m),
        vec!["size".to_string()]
    );
    // Unbound, the shape is not a constant: a typed `Unsupported` error.
    assert!(matches!(import_err(&m), ImportError::Unsupported(_)));
    // Bound to [2, 3]: Size folds to 2, the then-branch is inlined, the shape folds.
    let ctx = strata::default_context();
    let mut size = tensor_i64("size", &[2], &[2, 3]);
    size.name = "size".into();
    let opts = strata_onnx::ImportOptions {
        constant_inputs: vec![size],
        ..Default::default()
    };
    let module = strata_onnx::import_model(&ctx, &m, &opts).expect("import with size bound");
    strata::ir::verify::verify_module(&ctx, &module).expect("verifies");
    let out = strata_interp::Interpreter::new(&ctx, &module)
        .run_owned("main", vec![])
        .expect("runs");
    assert_eq!(out[0].shape(), &[2, 3]);
    close(&out[0], &[0.0; 6]);
}

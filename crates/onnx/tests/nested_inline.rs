//! Import-time evaluation across inlined control flow: an `If` nested in an inlined branch
//! reads values the enclosing branch defines, and shape inputs computed through `Split` of a
//! constant fold (as ONNX's function expansions of `AffineGrid` need).

mod common;
use common::{close, data, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::{BOOL, FLOAT};
use strata_onnx::proto::TensorProto;
use strata_onnx::testgen::*;

fn bool_tensor(name: &str, v: bool) -> TensorProto {
    TensorProto {
        name: name.into(),
        dims: vec![],
        data_type: BOOL,
        int32_data: vec![i32::from(v)],
        ..Default::default()
    }
}

#[test]
fn nested_if_reads_the_enclosing_branch() {
    let x = data(3, 7);
    for inner in [true, false] {
        // then: t = x + c; y = If(inner) { t * c } else { t - c }
        let inner_then = graph(
            vec![node("Mul", "m", &["t", "c"], &["o1"], vec![])],
            vec![],
            vec![value("o1", FLOAT, &[3])],
            vec![],
        );
        let inner_else = graph(
            vec![node("Sub", "s", &["t", "c"], &["o2"], vec![])],
            vec![],
            vec![value("o2", FLOAT, &[3])],
            vec![],
        );
        let then = graph(
            vec![
                node("Add", "a", &["x", "c"], &["t"], vec![]),
                node(
                    "If",
                    "inner",
                    &["k"],
                    &["r"],
                    vec![
                        attr_graph("then_branch", inner_then),
                        attr_graph("else_branch", inner_else),
                    ],
                ),
            ],
            vec![],
            vec![value("r", FLOAT, &[3])],
            vec![bool_tensor("k", inner)],
        );
        let other = graph(
            vec![node("Identity", "i", &["x"], &["z"], vec![])],
            vec![],
            vec![value("z", FLOAT, &[3])],
            vec![],
        );
        let g = graph(
            vec![node(
                "If",
                "outer",
                &["cond"],
                &["y"],
                vec![
                    attr_graph("then_branch", then),
                    attr_graph("else_branch", other),
                ],
            )],
            vec![value("x", FLOAT, &[3])],
            vec![value("y", FLOAT, &[3])],
            vec![bool_tensor("cond", true), tensor_f32("c", &[], &[3.0])],
        );
        let out = run(
            &model(g, 13),
            vec![Tensor::from_vec(vec![3], x.clone()).unwrap()],
        );
        let want: Vec<f32> = x
            .iter()
            .map(|v| {
                if inner {
                    (v + 3.0) * 3.0
                } else {
                    v + 3.0 - 3.0
                }
            })
            .collect();
        close(&out[0], &want);
    }
}

#[test]
fn split_of_a_constant_folds_into_a_shape() {
    // shape = Concat(Split([2, 3])[1], Split([2, 3])[0]) = [3, 2].
    let g = graph(
        vec![
            node(
                "Split",
                "sp",
                &["s", "parts"],
                &["a", "b"],
                vec![attr_int("axis", 0)],
            ),
            node(
                "Concat",
                "c",
                &["b", "a"],
                &["shape"],
                vec![attr_int("axis", 0)],
            ),
            node("Reshape", "r", &["x", "shape"], &["y"], vec![]),
        ],
        vec![value("x", FLOAT, &[6])],
        vec![value("y", FLOAT, &[3, 2])],
        vec![
            tensor_i64("s", &[2], &[2, 3]),
            tensor_i64("parts", &[2], &[1, 1]),
        ],
    );
    let x = data(6, 8);
    let out = run(
        &model(g, 18),
        vec![Tensor::from_vec(vec![6], x.clone()).unwrap()],
    );
    assert_eq!(out[0].shape(), &[3, 2]);
    close(&out[0], &x);
}

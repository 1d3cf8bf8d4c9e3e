//! `ai.onnx.preview.training` `Gradient` (`nodes_gradient.rs`): gradients of small graphs
//! of `Add`, `Sub`, `Mul`, `Div`, `Neg` and `Identity` against their derivatives worked out
//! by hand (a value used twice, an `x` that `y` does not read, the `Gradient` node listed
//! before the nodes it differentiates), and the typed errors for an operator without a
//! derivative here and for a broadcast.

mod common;
use common::{close, data, import_err, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::FLOAT;
use strata_onnx::proto::{AttributeProto, ModelProto, NodeProto, OperatorSetIdProto};
use strata_onnx::testgen::*;
use strata_onnx::ImportError;

fn attr_strings(name: &str, v: &[&str]) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: strata_onnx::proto::attribute_type::STRINGS,
        strings: v.iter().map(|s| s.as_bytes().to_vec()).collect(),
        ..Default::default()
    }
}

fn gradient(xs: &[&str], y: &str, outs: &[&str]) -> NodeProto {
    let mut n = node(
        "Gradient",
        "grad",
        xs,
        outs,
        vec![attr_strings("xs", xs), attr_string("y", y)],
    );
    n.domain = "ai.onnx.preview.training".into();
    n
}

fn grad_model(nodes: Vec<NodeProto>, ins: &[(&str, &[i64])], outs: &[&str]) -> ModelProto {
    let inputs = ins.iter().map(|(n, s)| value(n, FLOAT, s)).collect();
    let outputs = outs.iter().map(|o| value(o, FLOAT, &[3])).collect();
    let mut m = model(graph(nodes, inputs, outputs, vec![]), 17);
    m.opset_import.push(OperatorSetIdProto {
        domain: "ai.onnx.preview.training".into(),
        version: 1,
    });
    m
}

#[test]
fn gradients_match_the_derivatives() {
    // y = (a + b) * a / b - a + neg(identity(c)), the Gradient node listed first.
    // dy/da = (2a + b) / b - 1, dy/db = -a^2 / b^2, dy/dc = -1, dy/dz = 0 (z unused).
    let nodes = vec![
        gradient(&["a", "b", "c", "z"], "y", &["da", "db", "dc", "dz"]),
        node("Add", "s", &["a", "b"], &["s"], vec![]),
        node("Mul", "p", &["s", "a"], &["p"], vec![]),
        node("Div", "q", &["p", "b"], &["q"], vec![]),
        node("Sub", "r", &["q", "a"], &["r"], vec![]),
        node("Identity", "i", &["c"], &["ci"], vec![]),
        node("Neg", "n", &["ci"], &["cn"], vec![]),
        node("Add", "y", &["r", "cn"], &["y"], vec![]),
    ];
    let m = grad_model(
        nodes,
        &[("a", &[3]), ("b", &[3]), ("c", &[3]), ("z", &[3])],
        &["y", "da", "db", "dc", "dz"],
    );
    let a = data(3, 1);
    let b: Vec<f32> = data(3, 2).iter().map(|v| v + 2.0).collect();
    let c = data(3, 3);
    let t = |v: &[f32]| Tensor::from_vec(vec![3], v.to_vec()).unwrap();
    let out = run(&m, vec![t(&a), t(&b), t(&c), t(&data(3, 4))]);
    let y: Vec<f32> = (0..3)
        .map(|i| (a[i] + b[i]) * a[i] / b[i] - a[i] - c[i])
        .collect();
    close(&out[0], &y);
    let da: Vec<f32> = (0..3).map(|i| (2.0 * a[i] + b[i]) / b[i] - 1.0).collect();
    close(&out[1], &da);
    let db: Vec<f32> = (0..3).map(|i| -a[i] * a[i] / (b[i] * b[i])).collect();
    close(&out[2], &db);
    close(&out[3], &[-1.0; 3]);
    close(&out[4], &[0.0; 3]);
}

#[test]
fn unsupported_gradients_are_typed_errors() {
    let m = grad_model(
        vec![
            node("Exp", "e", &["a"], &["y"], vec![]),
            gradient(&["a"], "y", &["da"]),
        ],
        &[("a", &[3])],
        &["da"],
    );
    let e = import_err(&m);
    assert!(matches!(e, ImportError::Unsupported(_)), "{e}");
    assert!(e.to_string().contains("differentiating Exp"), "{e}");
    // A broadcast (a scalar b) would need its gradient reduced.
    let m = grad_model(
        vec![
            node("Mul", "m", &["a", "b"], &["y"], vec![]),
            gradient(&["a", "b"], "y", &["da", "db"]),
        ],
        &[("a", &[3]), ("b", &[])],
        &["da"],
    );
    let e = import_err(&m);
    assert!(matches!(e, ImportError::Unsupported(_)), "{e}");
    assert!(e.to_string().contains("the result's shape"), "{e}");
}

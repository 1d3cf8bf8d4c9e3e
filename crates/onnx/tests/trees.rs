//! `ai.onnx.ml` `TreeEnsemble` (`nodes_trees.rs`): a model with tensor-valued tables
//! (`uint8` modes, `float` splits and weights, NaN-ended membership sets) imported and run
//! against values worked out by hand from ONNX's specification, and the typed errors for a
//! `post_transform` other than `NONE` and for malformed tables.

mod common;
use common::{close, import_err, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::{FLOAT, UINT8};
use strata_onnx::proto::{attribute_type, AttributeProto, ModelProto, OperatorSetIdProto};
use strata_onnx::proto::{NodeProto, TensorProto};
use strata_onnx::testgen::*;
use strata_onnx::ImportError;

fn attr_tensor(name: &str, t: TensorProto) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: attribute_type::TENSOR,
        t: Some(t),
        ..Default::default()
    }
}

fn modes(v: &[u8]) -> TensorProto {
    TensorProto {
        name: "nodes_modes".into(),
        dims: vec![v.len() as i64],
        data_type: UINT8,
        int32_data: v.iter().map(|&m| i32::from(m)).collect(),
        ..Default::default()
    }
}

/// Node 0: `x1 in {2, 5}` (true: node 1; false: leaf 2, target 1, weight 7); node 1:
/// `x0 < 0.5` (true: leaf 0, target 0, weight 1; false: leaf 1, target 0, weight -3).
fn tree_node(post_transform: i64, extra: Vec<AttributeProto>) -> NodeProto {
    let mut attrs = vec![
        attr_int("n_targets", 2),
        attr_int("post_transform", post_transform),
        attr_ints("tree_roots", &[0]),
        attr_tensor("nodes_modes", modes(&[6, 1])),
        attr_ints("nodes_featureids", &[1, 0]),
        attr_tensor(
            "nodes_splits",
            tensor_f32("nodes_splits", &[2], &[0.0, 0.5]),
        ),
        attr_ints("nodes_truenodeids", &[1, 0]),
        attr_ints("nodes_trueleafs", &[0, 1]),
        attr_ints("nodes_falsenodeids", &[2, 1]),
        attr_ints("nodes_falseleafs", &[1, 1]),
        attr_ints("leaf_targetids", &[0, 0, 1]),
        attr_tensor(
            "leaf_weights",
            tensor_f32("leaf_weights", &[3], &[1.0, -3.0, 7.0]),
        ),
        attr_tensor(
            "membership_values",
            tensor_f32("membership_values", &[3], &[2.0, 5.0, f32::NAN]),
        ),
    ];
    attrs.extend(extra);
    let mut n = node("TreeEnsemble", "te", &["X"], &["Y"], attrs);
    n.domain = "ai.onnx.ml".into();
    n
}

fn tree_model(n: NodeProto) -> ModelProto {
    let g = graph(
        vec![n],
        vec![value("X", FLOAT, &[4, 2])],
        vec![value("Y", FLOAT, &[4, 2])],
        vec![],
    );
    let mut m = model(g, 21);
    m.opset_import.push(OperatorSetIdProto {
        domain: "ai.onnx.ml".into(),
        version: 5,
    });
    m
}

#[test]
fn tree_ensemble_imports_and_runs() {
    let x = Tensor::from_vec(
        vec![4, 2],
        vec![0.0f32, 2.0, 1.0, 5.0, 0.0, 3.0, 0.2, f32::NAN],
    )
    .unwrap();
    // Rows: (0, 2): member, 0 < 0.5: leaf 0. (1, 5): member, 1 < 0.5 fails: leaf 1.
    // (0, 3): no member: leaf 2. (0.2, NaN): NaN is no member: leaf 2.
    let out = run(&tree_model(tree_node(0, vec![])), vec![x.clone()]);
    close(&out[0], &[1.0, 0.0, -3.0, 0.0, 0.0, 7.0, 0.0, 7.0]);
    // MAX (3): targets no tree reaches hold f32's lowest finite value.
    let out = run(
        &tree_model(tree_node(0, vec![attr_int("aggregate_function", 3)])),
        vec![x],
    );
    let l = f32::MIN;
    assert_eq!(
        out[0].as_slice::<f32>().unwrap(),
        &[1.0, l, -3.0, l, l, 7.0, l, 7.0]
    );
}

#[test]
fn unsupported_and_malformed_tree_ensembles_are_typed_errors() {
    let e = import_err(&tree_model(tree_node(2, vec![])));
    assert!(matches!(e, ImportError::Unsupported(_)), "{e}");
    assert!(e.to_string().contains("post_transform 2"), "{e}");
    // A child index past the leaves.
    let mut n = tree_node(0, vec![]);
    n.attribute.retain(|a| a.name != "nodes_falsenodeids");
    n.attribute.push(attr_ints("nodes_falsenodeids", &[9, 1]));
    let e = import_err(&tree_model(n));
    assert!(matches!(e, ImportError::InvalidModel { .. }), "{e}");
    assert!(e.to_string().contains("out of range"), "{e}");
    let e = import_err(&tree_model(tree_node(
        0,
        vec![attr_int("aggregate_function", 7)],
    )));
    assert!(e.to_string().contains("aggregate_function 7"), "{e}");
}

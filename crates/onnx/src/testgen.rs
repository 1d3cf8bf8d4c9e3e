//! Builders of ONNX models from the [`proto`](crate::proto) structs, for tests, fuzzing and
//! the checked-in malicious corpus (`tests/onnx/malicious/`, produced by [`malicious`]).

use crate::proto::*;
use prost::Message;

/// A tensor value info `name : elem[dims]` (`-1` in `dims`: a symbolic dimension `N`).
pub fn value(name: &str, elem: i32, dims: &[i64]) -> ValueInfoProto {
    let dim = dims
        .iter()
        .map(|&d| Dimension {
            dim_value: (d >= 0).then_some(d),
            dim_param: (d < 0).then(|| "N".to_string()),
            denotation: String::new(),
        })
        .collect();
    ValueInfoProto {
        name: name.into(),
        r#type: Some(TypeProto {
            tensor_type: Some(TypeProtoTensor {
                elem_type: elem,
                shape: Some(TensorShapeProto { dim }),
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// A `FLOAT` tensor with `float_data`.
pub fn tensor_f32(name: &str, dims: &[i64], data: &[f32]) -> TensorProto {
    TensorProto {
        name: name.into(),
        dims: dims.to_vec(),
        data_type: data_type::FLOAT,
        float_data: data.to_vec(),
        ..Default::default()
    }
}

/// An `INT64` tensor with `int64_data`.
pub fn tensor_i64(name: &str, dims: &[i64], data: &[i64]) -> TensorProto {
    TensorProto {
        name: name.into(),
        dims: dims.to_vec(),
        data_type: data_type::INT64,
        int64_data: data.to_vec(),
        ..Default::default()
    }
}

/// A node `op_type(inputs) -> outputs` named `name`.
pub fn node(
    op_type: &str,
    name: &str,
    inputs: &[&str],
    outputs: &[&str],
    attrs: Vec<AttributeProto>,
) -> NodeProto {
    NodeProto {
        op_type: op_type.into(),
        name: name.into(),
        input: inputs.iter().map(|s| s.to_string()).collect(),
        output: outputs.iter().map(|s| s.to_string()).collect(),
        attribute: attrs,
        ..Default::default()
    }
}

/// An `INT` attribute.
pub fn attr_int(name: &str, i: i64) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: attribute_type::INT,
        i,
        ..Default::default()
    }
}

/// An `INTS` attribute.
pub fn attr_ints(name: &str, ints: &[i64]) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: attribute_type::INTS,
        ints: ints.to_vec(),
        ..Default::default()
    }
}

/// A `FLOAT` attribute.
pub fn attr_float(name: &str, f: f32) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: attribute_type::FLOAT,
        f,
        ..Default::default()
    }
}

/// A `STRING` attribute.
pub fn attr_string(name: &str, s: &str) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: attribute_type::STRING,
        s: s.as_bytes().to_vec(),
        ..Default::default()
    }
}

/// A `GRAPH` attribute.
pub fn attr_graph(name: &str, g: GraphProto) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: attribute_type::GRAPH,
        g: Some(g),
        ..Default::default()
    }
}

/// A graph.
pub fn graph(
    nodes: Vec<NodeProto>,
    inputs: Vec<ValueInfoProto>,
    outputs: Vec<ValueInfoProto>,
    initializers: Vec<TensorProto>,
) -> GraphProto {
    GraphProto {
        name: "main".into(),
        node: nodes,
        input: inputs,
        output: outputs,
        initializer: initializers,
        ..Default::default()
    }
}

/// A model of `graph` importing `ai.onnx` at `opset`.
pub fn model(graph: GraphProto, opset: i64) -> ModelProto {
    ModelProto {
        ir_version: 9,
        producer_name: "strata-testgen".into(),
        opset_import: vec![OperatorSetIdProto {
            domain: String::new(),
            version: opset,
        }],
        graph: Some(graph),
        ..Default::default()
    }
}

/// Serialize a model.
pub fn encode(m: &ModelProto) -> Vec<u8> {
    m.encode_to_vec()
}

/// Serialize a model whose graph nests `depth` `If` nodes, each holding the next graph in
/// its `then_branch`. Built on the wire directly (innermost first), so neither building
/// nor encoding recurses.
pub fn nested_if_model(depth: usize, opset: i64) -> Vec<u8> {
    fn field(tag: u32, payload: &[u8], out: &mut Vec<u8>) {
        let key = u64::from(tag << 3 | 2);
        varint(key, out);
        varint(payload.len() as u64, out);
        out.extend_from_slice(payload);
    }
    fn varint(mut v: u64, out: &mut Vec<u8>) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                break;
            }
            out.push(b | 0x80);
        }
    }
    let leaf = graph(vec![], vec![], vec![], vec![]);
    let mut g = leaf.encode_to_vec();
    for i in 0..depth {
        // AttributeProto { name: "then_branch", type: GRAPH, g }
        let mut attr = Vec::new();
        field(1, b"then_branch", &mut attr);
        varint(20 << 3, &mut attr);
        varint(attribute_type::GRAPH as u64, &mut attr);
        field(6, &g, &mut attr);
        // NodeProto { input: ["c"], output: ["y<i>"], op_type: "If", attribute }
        let mut node = Vec::new();
        field(1, b"c", &mut node);
        field(2, format!("y{i}").as_bytes(), &mut node);
        field(4, b"If", &mut node);
        field(5, &attr, &mut node);
        // GraphProto { node }
        let mut graph = Vec::new();
        field(1, &node, &mut graph);
        g = graph;
    }
    let mut m = model(graph(vec![], vec![], vec![], vec![]), opset);
    m.graph = None;
    let mut out = m.encode_to_vec();
    field(7, &g, &mut out);
    out
}

/// The malicious models of the reliability suite, as `(file name, bytes)`; checked in
/// under `tests/onnx/malicious/` and each asserted to fail with its specific error.
pub fn malicious() -> Vec<(&'static str, Vec<u8>)> {
    let x = || value("x", data_type::FLOAT, &[2]);
    let y = || value("y", data_type::FLOAT, &[2]);
    let mut out = Vec::new();
    // External data escaping the model directory.
    let mut t = tensor_f32("w", &[2], &[]);
    t.data_location = data_location::EXTERNAL;
    t.external_data = vec![StringStringEntryProto {
        key: "location".into(),
        value: "../../../../etc/passwd".into(),
    }];
    let g = graph(
        vec![node("Add", "add", &["x", "w"], &["y"], vec![])],
        vec![x()],
        vec![y()],
        vec![t],
    );
    out.push(("path_traversal.onnx", encode(&model(g, 17))));
    // 1e10 elements declared, one value given.
    let t = tensor_f32("w", &[100_000, 100_000], &[1.0]);
    let g = graph(
        vec![node("Add", "add", &["x", "w"], &["y"], vec![])],
        vec![x()],
        vec![y()],
        vec![t],
    );
    out.push(("huge_dims.onnx", encode(&model(g, 17))));
    // raw_data shorter than the dims need.
    let mut t = tensor_f32("w", &[2], &[]);
    t.raw_data = Some(vec![0; 7]);
    let g = graph(
        vec![node("Add", "add", &["x", "w"], &["y"], vec![])],
        vec![x()],
        vec![y()],
        vec![t],
    );
    out.push(("raw_data_mismatch.onnx", encode(&model(g, 17))));
    // 3,000 nested If subgraphs.
    out.push(("nested_if_3000.onnx", nested_if_model(3000, 17)));
    // A cycle: a = Relu(b), b = Relu(a).
    let g = graph(
        vec![
            node("Add", "add", &["x", "b"], &["a"], vec![]),
            node("Relu", "relu", &["a"], &["b"], vec![]),
            node("Identity", "out", &["b"], &["y"], vec![]),
        ],
        vec![x()],
        vec![y()],
        vec![],
    );
    out.push(("cycle.onnx", encode(&model(g, 17))));
    // Two nodes defining the same value.
    let g = graph(
        vec![
            node("Relu", "r1", &["x"], &["y"], vec![]),
            node("Neg", "r2", &["x"], &["y"], vec![]),
        ],
        vec![x()],
        vec![y()],
        vec![],
    );
    out.push(("duplicate_names.onnx", encode(&model(g, 17))));
    // A node of a domain the model does not import.
    let mut n = node("Frobnicate", "f", &["x"], &["y"], vec![]);
    n.domain = "com.example.unknown".into();
    let g = graph(vec![n], vec![x()], vec![y()], vec![]);
    out.push(("unknown_opset.onnx", encode(&model(g, 17))));
    out
}

/// Small valid models (seeds of the `onnx_import` fuzz corpus), as `(file name, bytes)`.
pub fn samples() -> Vec<(&'static str, Vec<u8>)> {
    use data_type::{FLOAT, INT64};
    let mut out = Vec::new();
    let g = graph(
        vec![
            node(
                "Gemm",
                "fc1",
                &["x", "w1", "b1"],
                &["h"],
                vec![attr_int("transB", 1)],
            ),
            node("Relu", "relu", &["h"], &["y"], vec![]),
        ],
        vec![value("x", FLOAT, &[-1, 4])],
        vec![value("y", FLOAT, &[-1, 3])],
        vec![
            tensor_f32("w1", &[3, 4], &[0.5; 12]),
            tensor_f32("b1", &[3], &[0.0; 3]),
        ],
    );
    out.push(("mlp.onnx", encode(&model(g, 17))));
    let g = graph(
        vec![
            node(
                "Conv",
                "conv",
                &["x", "w"],
                &["c"],
                vec![attr_string("auto_pad", "SAME_LOWER")],
            ),
            node(
                "MaxPool",
                "pool",
                &["c"],
                &["y"],
                vec![
                    attr_ints("kernel_shape", &[2, 2]),
                    attr_ints("strides", &[2, 2]),
                ],
            ),
        ],
        vec![value("x", FLOAT, &[1, 1, 4, 4])],
        vec![value("y", FLOAT, &[1, 2, 2, 2])],
        vec![tensor_f32("w", &[2, 1, 3, 3], &[0.1; 18])],
    );
    out.push(("conv.onnx", encode(&model(g, 13))));
    let g = graph(
        vec![
            node("Unsqueeze", "u", &["x", "axes"], &["u"], vec![]),
            node(
                "ReduceSum",
                "r",
                &["u", "axes"],
                &["s"],
                vec![attr_int("keepdims", 0)],
            ),
            node("Softmax", "sm", &["s"], &["y"], vec![]),
        ],
        vec![value("x", FLOAT, &[2, 3])],
        vec![value("y", FLOAT, &[2, 3])],
        vec![tensor_i64("axes", &[1], &[0])],
    );
    out.push(("axes_inputs.onnx", encode(&model(g, 13))));
    let _ = INT64;
    out
}

/// A `FLOATS` attribute.
pub fn attr_floats(name: &str, floats: &[f32]) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: attribute_type::FLOATS,
        floats: floats.to_vec(),
        ..Default::default()
    }
}

//! Control flow, sequences and optionals through the importer (`nodes_ctrl.rs`,
//! `nodes_seq.rs`, `ctrl_types.rs`) and the interpreter: `If` branches reading outer
//! values, `Loop` with an absent trip count, `Scan` with reversed directions, a runaway
//! `Loop` stopped by fuel, sequence operators, `SequenceMap`, optionals, sequence-typed
//! graph inputs, and the typed errors for unsupported operators inside subgraphs and for
//! malformed control-flow nodes.

mod common;
use common::{import_err, import_ok, run};

use strata_interp::{AnyValue, Interpreter, Tensor};
use strata_onnx::proto::data_type::{BOOL, FLOAT, INT64};
use strata_onnx::proto::{AttributeProto, GraphProto, TypeProto, ValueInfoProto};
use strata_onnx::testgen::*;
use strata_onnx::{ImportError, ImportOptions};

fn t1(v: &[f32]) -> Tensor {
    Tensor::from_vec(vec![v.len()], v.to_vec()).unwrap()
}

fn body(
    nodes: Vec<strata_onnx::proto::NodeProto>,
    ins: Vec<ValueInfoProto>,
    outs: &[&str],
) -> GraphProto {
    // Subgraph outputs without types: their types come from lowering.
    let outs = outs
        .iter()
        .map(|o| ValueInfoProto {
            name: o.to_string(),
            ..Default::default()
        })
        .collect();
    GraphProto {
        name: "body".into(),
        ..graph(nodes, ins, outs, vec![])
    }
}

fn attr_type(name: &str, tp: TypeProto) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: strata_onnx::proto::attribute_type::TYPE_PROTO,
        tp: Some(tp),
        ..Default::default()
    }
}

/// A `seq(tensor(elem, dims))` value info (`TypeProto.Sequence` written on the wire).
fn seq_value(name: &str, elem: i32, dims: &[i64]) -> ValueInfoProto {
    let inner = value(name, elem, dims).r#type.unwrap();
    let bytes = prost::Message::encode_to_vec(&inner);
    let mut seq = vec![0x0a];
    let mut n = bytes.len();
    while n >= 0x80 {
        seq.push((n as u8) | 0x80);
        n >>= 7;
    }
    seq.push(n as u8);
    seq.extend(bytes);
    ValueInfoProto {
        name: name.into(),
        r#type: Some(TypeProto {
            sequence_type: Some(seq),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn if_model() -> strata_onnx::proto::ModelProto {
    let then_g = body(
        vec![node("Add", "d", &["x", "x"], &["d"], vec![])],
        vec![],
        &["d"],
    );
    let else_g = body(
        vec![node("Neg", "n", &["x"], &["n"], vec![])],
        vec![],
        &["n"],
    );
    let g = graph(
        vec![node(
            "If",
            "branch",
            &["c"],
            &["y"],
            vec![
                attr_graph("then_branch", then_g),
                attr_graph("else_branch", else_g),
            ],
        )],
        vec![value("c", BOOL, &[]), value("x", FLOAT, &[2])],
        vec![value("y", FLOAT, &[2])],
        vec![],
    );
    model(g, 17)
}

#[test]
fn if_branches_read_outer_values() {
    let m = if_model();
    let ctx = strata::default_context();
    let (_, text) = import_ok(&ctx, &m);
    assert!(text.contains("\"graph.if\""), "{text}");
    let x = t1(&[1.0, -2.0]);
    assert_eq!(
        run(&m, vec![Tensor::scalar(true), x.clone()]),
        vec![t1(&[2.0, -4.0])]
    );
    assert_eq!(
        run(&m, vec![Tensor::scalar(false), x]),
        vec![t1(&[-1.0, 2.0])]
    );
}

/// `Loop` without a trip count: `s += i` while `s < limit`, scanning every `s`.
fn while_model() -> strata_onnx::proto::ModelProto {
    let b = body(
        vec![
            node("Add", "n", &["s_in", "i"], &["s_out"], vec![]),
            node("Less", "go", &["s_out", "limit"], &["c_out"], vec![]),
            node("Identity", "scan", &["s_out"], &["scan"], vec![]),
        ],
        vec![
            value("i", INT64, &[]),
            value("c_in", BOOL, &[]),
            value("s_in", INT64, &[]),
        ],
        &["c_out", "s_out", "scan"],
    );
    let g = graph(
        vec![node(
            "Loop",
            "loop",
            &["", "c", "s0"],
            &["s", "all"],
            vec![attr_graph("body", b)],
        )],
        vec![
            value("c", BOOL, &[]),
            value("s0", INT64, &[]),
            value("limit", INT64, &[]),
        ],
        vec![value("s", INT64, &[]), value("all", INT64, &[-1])],
        vec![],
    );
    model(g, 16)
}

#[test]
fn loop_without_trip_count_runs_while_the_condition_holds() {
    let m = while_model();
    let s = |v: i64| Tensor::scalar(v);
    let r = run(&m, vec![Tensor::scalar(true), s(0), s(8)]);
    assert_eq!(r[0], s(10));
    assert_eq!(
        r[1],
        Tensor::from_vec(vec![5], vec![0i64, 1, 3, 6, 10]).unwrap()
    );
}

#[test]
fn runaway_loop_stops_with_the_fuel_diagnostic() {
    let m = while_model();
    let ctx = strata::default_context();
    let module = strata_onnx::import_model(&ctx, &m, &ImportOptions::default()).unwrap();
    let s = |v: i64| Tensor::scalar(v);
    let e = Interpreter::new(&ctx, &module)
        .with_fuel(500)
        .run("main", &[Tensor::scalar(true), s(0), s(i64::MAX)])
        .unwrap_err();
    assert!(
        e.message.contains("fuel exhausted after 500 steps"),
        "{}",
        e.message
    );
}

#[test]
fn scan_with_reversed_input_and_output() {
    let b = body(
        vec![
            node("Add", "n", &["acc", "row"], &["acc_out"], vec![]),
            node("Identity", "o", &["acc_out"], &["o"], vec![]),
        ],
        vec![value("acc", FLOAT, &[2]), value("row", FLOAT, &[2])],
        &["acc_out", "o"],
    );
    let g = graph(
        vec![node(
            "Scan",
            "scan",
            &["init", "x"],
            &["s", "out"],
            vec![
                attr_graph("body", b),
                attr_int("num_scan_inputs", 1),
                attr_ints("scan_input_directions", &[1]),
                attr_ints("scan_output_directions", &[1]),
            ],
        )],
        vec![value("init", FLOAT, &[2]), value("x", FLOAT, &[3, 2])],
        vec![value("s", FLOAT, &[2]), value("out", FLOAT, &[3, 2])],
        vec![],
    );
    let x = Tensor::from_vec(vec![3, 2], vec![1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0]).unwrap();
    let r = run(&model(g, 16), vec![t1(&[0.0, 0.0]), x]);
    // Rows last first give running sums [5,6], [8,10], [9,12]; the output is reversed.
    assert_eq!(r[0], t1(&[9.0, 12.0]));
    let want = Tensor::from_vec(vec![3, 2], vec![9.0f32, 12.0, 8.0, 10.0, 5.0, 6.0]).unwrap();
    assert_eq!(r[1], want);
}

#[test]
fn sequence_operators() {
    // x[2x6] split along 1 into [2, 4] columns; erase the first, insert x's first column
    // split at the front, then concatenate along 1 and count.
    let g = graph(
        vec![
            node(
                "SplitToSequence",
                "sp",
                &["x", "sizes"],
                &["s"],
                vec![attr_int("axis", 1)],
            ),
            node("SequenceErase", "er", &["s", "zero"], &["e"], vec![]),
            node("SequenceAt", "at", &["s", "zero"], &["first"], vec![]),
            node(
                "SequenceInsert",
                "ins",
                &["e", "first", "zero"],
                &["t"],
                vec![],
            ),
            node("SequenceInsert", "app", &["t", "first"], &["u"], vec![]),
            node(
                "ConcatFromSequence",
                "cat",
                &["u"],
                &["y"],
                vec![attr_int("axis", 1)],
            ),
            node("SequenceLength", "len", &["u"], &["n"], vec![]),
        ],
        vec![value("x", FLOAT, &[2, 6])],
        vec![value("y", FLOAT, &[2, -1]), value("n", INT64, &[])],
        vec![
            tensor_i64("sizes", &[2], &[2, 4]),
            tensor_i64("zero", &[], &[0]),
        ],
    );
    let xs: Vec<f32> = (0..12).map(|v| v as f32).collect();
    let x = Tensor::from_vec(vec![2, 6], xs).unwrap();
    let r = run(&model(g, 17), vec![x]);
    #[rustfmt::skip]
    let want = vec![
        0.0f32, 1.0, 2.0, 3.0, 4.0, 5.0, 0.0, 1.0,
        6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 6.0, 7.0,
    ];
    assert_eq!(r[0], Tensor::from_vec(vec![2, 8], want).unwrap());
    assert_eq!(r[1], Tensor::scalar(3i64));
}

#[test]
fn sequence_map_over_a_sequence_input() {
    let b = body(
        vec![node("Shape", "sh", &["e"], &["shape"], vec![])],
        vec![value("e", FLOAT, &[-1, 3])],
        &["shape"],
    );
    let g = graph(
        vec![
            node(
                "SequenceMap",
                "map",
                &["s"],
                &["shapes"],
                vec![attr_graph("body", b)],
            ),
            node(
                "ConcatFromSequence",
                "cat",
                &["shapes"],
                &["y"],
                vec![attr_int("axis", 0)],
            ),
        ],
        vec![seq_value("s", FLOAT, &[-1, 3])],
        vec![value("y", INT64, &[-1])],
        vec![],
    );
    let ctx = strata::default_context();
    let (module, text) = import_ok(&ctx, &model(g, 17));
    assert!(text.contains("\"graph.loop\""), "{text}");
    let a = Tensor::from_vec(vec![1, 3], vec![0.0f32; 3]).unwrap();
    let b = Tensor::from_vec(vec![2, 3], vec![0.0f32; 6]).unwrap();
    let r = Interpreter::new(&ctx, &module)
        .run_values("main", vec![AnyValue::Seq(vec![a, b])])
        .unwrap();
    let want = Tensor::from_vec(vec![4], vec![1i64, 3, 2, 3]).unwrap();
    assert_eq!(r, vec![AnyValue::Tensor(want)]);
}

#[test]
fn optionals_empty_and_present() {
    let g = graph(
        vec![
            node(
                "Optional",
                "none",
                &[],
                &["e"],
                vec![attr_type("type", value("t", FLOAT, &[2]).r#type.unwrap())],
            ),
            node("OptionalHasElement", "h0", &["e"], &["h0"], vec![]),
            node("Optional", "some", &["x"], &["o"], vec![]),
            node("OptionalHasElement", "h1", &["o"], &["h1"], vec![]),
            node("OptionalGetElement", "get", &["o"], &["y"], vec![]),
        ],
        vec![value("x", FLOAT, &[2])],
        vec![
            value("h0", BOOL, &[]),
            value("h1", BOOL, &[]),
            value("y", FLOAT, &[2]),
        ],
        vec![],
    );
    let x = t1(&[3.0, 4.0]);
    let r = run(&model(g, 18), vec![x.clone()]);
    assert_eq!(r, vec![Tensor::scalar(false), Tensor::scalar(true), x]);
}

#[test]
fn unsupported_operator_inside_a_subgraph_is_listed() {
    let then_g = body(
        vec![node("NoSuchOp", "dec", &["x"], &["d"], vec![])],
        vec![],
        &["d"],
    );
    let else_g = body(
        vec![node("Neg", "n", &["x"], &["n"], vec![])],
        vec![],
        &["n"],
    );
    let g = graph(
        vec![node(
            "If",
            "branch",
            &["c"],
            &["y"],
            vec![
                attr_graph("then_branch", then_g),
                attr_graph("else_branch", else_g),
            ],
        )],
        vec![value("c", BOOL, &[]), value("x", FLOAT, &[2, 2])],
        vec![value("y", FLOAT, &[])],
        vec![],
    );
    let ImportError::Unsupported(list) = import_err(&model(g, 17)) else {
        panic!("expected Unsupported")
    };
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(
        (list[0].op_type.as_str(), list[0].node.as_str()),
        ("NoSuchOp", "dec")
    );
}

#[test]
fn malformed_control_flow_is_an_invalid_model() {
    // An If without its else branch.
    let then_g = body(
        vec![node("Neg", "n", &["x"], &["n"], vec![])],
        vec![],
        &["n"],
    );
    let g = graph(
        vec![node(
            "If",
            "branch",
            &["c"],
            &["y"],
            vec![attr_graph("then_branch", then_g)],
        )],
        vec![value("c", BOOL, &[]), value("x", FLOAT, &[2])],
        vec![value("y", FLOAT, &[2])],
        vec![],
    );
    let e = import_err(&model(g, 17));
    assert!(matches!(&e, ImportError::InvalidModel { .. }), "{e:?}");
    assert!(e.to_string().contains("else_branch"), "{e}");
    // A subgraph reading a name defined nowhere.
    let then_g = body(
        vec![node("Neg", "n", &["nowhere"], &["n"], vec![])],
        vec![],
        &["n"],
    );
    let else_g = then_g.clone();
    let g = graph(
        vec![node(
            "If",
            "branch",
            &["c"],
            &["y"],
            vec![
                attr_graph("then_branch", then_g),
                attr_graph("else_branch", else_g),
            ],
        )],
        vec![value("c", BOOL, &[])],
        vec![value("y", FLOAT, &[2])],
        vec![],
    );
    let e = import_err(&model(g, 17));
    assert!(e.to_string().contains("'nowhere'"), "{e}");
    // Branches whose outputs have different element types.
    let then_g = body(
        vec![node("Neg", "n", &["x"], &["n"], vec![])],
        vec![],
        &["n"],
    );
    let else_g = body(
        vec![node("Shape", "s", &["x"], &["s"], vec![])],
        vec![],
        &["s"],
    );
    let g = graph(
        vec![node(
            "If",
            "branch",
            &["c"],
            &["y"],
            vec![
                attr_graph("then_branch", then_g),
                attr_graph("else_branch", else_g),
            ],
        )],
        vec![value("c", BOOL, &[]), value("x", FLOAT, &[2])],
        vec![value("y", FLOAT, &[2])],
        vec![],
    );
    assert!(matches!(
        import_err(&model(g, 17)),
        ImportError::Unsupported(_)
    ));
}

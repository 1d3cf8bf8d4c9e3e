//! `Scan` unrolled at import against a direct loop: states threaded through, scan inputs
//! along non-zero axes and reversed, scan outputs stacked along other axes and reversed, a
//! body reading a value of the enclosing graph, opset 8's batched form, and typed errors.

mod common;
use common::{close, data, import_err, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::FLOAT;
use strata_onnx::proto::{AttributeProto, GraphProto, NodeProto};
use strata_onnx::testgen::*;
use strata_onnx::ImportError;

/// Body `(s, a, b) -> (s + a * c, (s + a * c) - b)` for `s, a, b : [2]`; `c` is read from
/// the enclosing graph.
fn body() -> GraphProto {
    graph(
        vec![
            node("Mul", "m", &["a", "c"], &["ac"], vec![]),
            node("Add", "s", &["s_in", "ac"], &["s_out"], vec![]),
            node("Sub", "d", &["s_out", "b"], &["y"], vec![]),
        ],
        vec![
            value("s_in", FLOAT, &[2]),
            value("a", FLOAT, &[2]),
            value("b", FLOAT, &[2]),
        ],
        vec![value("s_out", FLOAT, &[2]), value("y", FLOAT, &[2])],
        vec![],
    )
}

fn scan_node(inputs: &[&str], attrs: Vec<AttributeProto>, g: GraphProto) -> NodeProto {
    let mut a = vec![attr_int("num_scan_inputs", 2), attr_graph("body", g)];
    a.extend(attrs);
    node("Scan", "scan", inputs, &["s", "ys"], a)
}

#[test]
fn scan_matches_direct_loop() {
    let t = 3usize;
    let s0 = data(2, 1);
    let a = data(t * 2, 2); // [T, 2], scanned along axis 0, reversed
    let b = data(2 * t, 3); // [2, T], scanned along axis 1
    let c = [0.5f32, -2.0];
    let g = graph(
        vec![scan_node(
            &["s0", "a", "b"],
            vec![
                attr_ints("scan_input_axes", &[0, 1]),
                attr_ints("scan_input_directions", &[1, 0]),
                attr_ints("scan_output_axes", &[1]),
                attr_ints("scan_output_directions", &[1]),
            ],
            body(),
        )],
        vec![
            value("s0", FLOAT, &[2]),
            value("a", FLOAT, &[t as i64, 2]),
            value("b", FLOAT, &[2, t as i64]),
        ],
        vec![value("s", FLOAT, &[2]), value("ys", FLOAT, &[2, t as i64])],
        vec![tensor_f32("c", &[2], &c)],
    );
    let out = run(
        &model(g, 16),
        vec![
            Tensor::from_vec(vec![2], s0.clone()).unwrap(),
            Tensor::from_vec(vec![t, 2], a.clone()).unwrap(),
            Tensor::from_vec(vec![2, t], b.clone()).unwrap(),
        ],
    );
    let mut s = s0.clone();
    let mut ys = vec![[0f32; 2]; t];
    for i in 0..t {
        let ai = t - 1 - i;
        for j in 0..2 {
            s[j] += a[ai * 2 + j] * c[j];
        }
        // Output direction 1: iteration i lands at position t - 1 - i.
        ys[t - 1 - i] = [s[0] - b[i], s[1] - b[t + i]];
    }
    close(&out[0], &s);
    // Stacked along axis 1: [2, T].
    let want: Vec<f32> = (0..2).flat_map(|j| ys.iter().map(move |y| y[j])).collect();
    close(&out[1], &want);
}

#[test]
fn scan_opset8_runs_per_batch_entry() {
    let (bn, t) = (2usize, 3usize);
    let s0 = data(bn * 2, 4);
    let a = data(bn * t * 2, 5);
    let b = data(bn * t * 2, 6);
    let mut sn = scan_node(&["", "s0", "a", "b"], vec![], body());
    sn.attribute.push(attr_ints("directions", &[0, 1]));
    let g = graph(
        vec![sn],
        vec![
            value("s0", FLOAT, &[bn as i64, 2]),
            value("a", FLOAT, &[bn as i64, t as i64, 2]),
            value("b", FLOAT, &[bn as i64, t as i64, 2]),
        ],
        vec![
            value("s", FLOAT, &[bn as i64, 2]),
            value("ys", FLOAT, &[bn as i64, t as i64, 2]),
        ],
        vec![tensor_f32("c", &[2], &[1.5, 0.25])],
    );
    let out = run(
        &model(g, 8),
        vec![
            Tensor::from_vec(vec![bn, 2], s0.clone()).unwrap(),
            Tensor::from_vec(vec![bn, t, 2], a.clone()).unwrap(),
            Tensor::from_vec(vec![bn, t, 2], b.clone()).unwrap(),
        ],
    );
    let c = [1.5f32, 0.25];
    let (mut want_s, mut want_y) = (Vec::new(), Vec::new());
    for bi in 0..bn {
        let mut s = [s0[bi * 2], s0[bi * 2 + 1]];
        for i in 0..t {
            let bt = t - 1 - i;
            for j in 0..2 {
                s[j] += a[(bi * t + i) * 2 + j] * c[j];
            }
            want_y.extend((0..2).map(|j| s[j] - b[(bi * t + bt) * 2 + j]));
        }
        want_s.extend(s);
    }
    close(&out[0], &want_s);
    close(&out[1], &want_y);
}

#[test]
fn bad_scans_give_typed_errors() {
    let inputs = vec![
        value("s0", FLOAT, &[2]),
        value("a", FLOAT, &[3, 2]),
        value("b", FLOAT, &[3, 2]),
    ];
    let outs = vec![value("s", FLOAT, &[2]), value("ys", FLOAT, &[3, 2])];
    let c = || vec![tensor_f32("c", &[2], &[1.0, 1.0])];
    let scan_model = |g: GraphProto| {
        let n = scan_node(&["s0", "a", "b"], vec![], g);
        model(graph(vec![n], inputs.clone(), outs.clone(), c()), 16)
    };
    // An unsupported operator in the body, listed by validation with the enclosing graph's.
    let mut g = body();
    g.node[2].op_type = "NoSuchOp".into();
    let mut m = scan_model(g);
    let outer = m.graph.as_mut().unwrap();
    outer
        .node
        .push(node("AlsoMissing", "am", &["s0"], &["z"], vec![]));
    let ImportError::Unsupported(list) = import_err(&m) else {
        panic!("expected Unsupported")
    };
    let ops: Vec<&str> = list.iter().map(|u| u.op_type.as_str()).collect();
    assert_eq!(ops, ["AlsoMissing", "NoSuchOp"]);
    // A cycle in the body.
    let mut g = body();
    g.node[0].input[0] = "y".into();
    assert!(matches!(
        import_err(&scan_model(g)),
        ImportError::InvalidModel { .. }
    ));
    // A body with the wrong number of inputs.
    let mut g = body();
    g.input.pop();
    assert!(matches!(
        import_err(&scan_model(g)),
        ImportError::InvalidModel { .. }
    ));
    // Opset 8 with sequence_lens.
    let mut g8 = graph(
        vec![scan_node(&["lens", "s0", "a", "b"], vec![], body())],
        inputs.clone(),
        outs.clone(),
        c(),
    );
    g8.input
        .push(value("lens", strata_onnx::proto::data_type::INT32, &[1]));
    assert!(matches!(
        import_err(&model(g8, 8)),
        ImportError::Unsupported(_)
    ));
    // More iterations than the unrolling limit: the opset-9 form is a `graph.scan` region
    // op (nodes_ctrl.rs), whose size does not grow with the iteration count.
    let n = scan_node(&["s0", "a", "b"], vec![], body());
    let big = graph(
        vec![n],
        vec![
            value("s0", FLOAT, &[2]),
            value("a", FLOAT, &[1 << 20, 2]),
            value("b", FLOAT, &[1 << 20, 2]),
        ],
        vec![value("s", FLOAT, &[2]), value("ys", FLOAT, &[1 << 20, 2])],
        c(),
    );
    let ctx = strata::default_context();
    let (_, text) = common::import_ok(&ctx, &model(big, 16));
    assert!(text.contains("\"graph.scan\""), "{text}");
}

#[test]
fn body_values_never_shadow_existing_ones() {
    // The enclosing graph already holds a value named like the first iteration's copy of
    // the body's `ac`.
    let mut g = graph(
        vec![
            node(
                "Identity",
                "clash",
                &["s0"],
                &["strata.scan.s/0/ac"],
                vec![],
            ),
            scan_node(&["s0", "a", "b"], vec![], body()),
        ],
        vec![
            value("s0", FLOAT, &[2]),
            value("a", FLOAT, &[3, 2]),
            value("b", FLOAT, &[3, 2]),
        ],
        vec![value("s", FLOAT, &[2]), value("ys", FLOAT, &[3, 2])],
        vec![tensor_f32("c", &[2], &[1.0, 1.0])],
    );
    g.output.push(value("strata.scan.s/0/ac", FLOAT, &[2]));
    // Opset 16: a `graph.scan` region op (nodes_ctrl.rs), whose body keeps its own names
    // in its region: nothing is renamed, so nothing clashes (the unrolling fallback's
    // renaming check is `inline_body`'s).
    let ctx = strata::default_context();
    common::import_ok(&ctx, &model(g, 16));
}

//! String operators end to end (ONNX model → graph dialect → interpreter): `StringConcat`,
//! `StringSplit`, `StringNormalizer`, `RegexFullMatch`, `Equal` on strings and
//! `LabelEncoder` with string, integer and tensor tables; and their typed errors.

mod common;
use common::import_err;

use strata_interp::strings::StrTensor;
use strata_interp::{AnyValue, Tensor};
use strata_onnx::proto::data_type::{BOOL, INT32, INT64, STRING};
use strata_onnx::proto::{
    attribute_type, AttributeProto, ModelProto, OperatorSetIdProto, TensorProto,
};
use strata_onnx::testgen::*;
use strata_onnx::{ImportError, ImportOptions};

fn strs(shape: &[usize], v: &[&str]) -> AnyValue {
    AnyValue::Str(
        StrTensor::new(shape.to_vec(), v.iter().map(|s| s.to_string()).collect()).unwrap(),
    )
}

fn run(m: &ModelProto, inputs: Vec<AnyValue>) -> Vec<AnyValue> {
    let ctx = strata::default_context();
    let module = strata_onnx::import_model(&ctx, m, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("import: {e}"));
    strata::ir::verify::verify_module(&ctx, &module).expect("imported module verifies");
    strata_interp::Interpreter::new(&ctx, &module)
        .run_values("main", inputs)
        .unwrap_or_else(|d| panic!("run: {}", d.message))
}

fn out_strs(v: &AnyValue) -> (Vec<usize>, Vec<String>) {
    match v {
        AnyValue::Str(s) => (s.shape().to_vec(), s.data().to_vec()),
        other => panic!("expected strings, got {}", other.kind()),
    }
}

fn strings_attr(name: &str, v: &[&str]) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: attribute_type::STRINGS,
        strings: v.iter().map(|s| s.as_bytes().to_vec()).collect(),
        ..Default::default()
    }
}

#[test]
fn concat_split_and_equal() {
    let g = graph(
        vec![
            node("StringConcat", "c", &["a", "b"], &["ab"], vec![]),
            node(
                "StringSplit",
                "s",
                &["ab"],
                &["pieces", "n"],
                vec![attr_string("delimiter", "-")],
            ),
            node("Equal", "e", &["ab", "b"], &["eq"], vec![]),
        ],
        vec![value("a", STRING, &[2, 1]), value("b", STRING, &[2])],
        vec![
            value("ab", STRING, &[2, 2]),
            value("pieces", STRING, &[2, 2, -1]),
            value("n", INT64, &[2, 2]),
            value("eq", BOOL, &[2, 2]),
        ],
        vec![],
    );
    let out = run(
        &model(g, 20),
        vec![strs(&[2, 1], &["x-", ""]), strs(&[2], &["1", "-2-3"])],
    );
    assert_eq!(
        out_strs(&out[0]),
        (
            vec![2, 2],
            vec!["x-1".into(), "x--2-3".into(), "1".into(), "-2-3".into()]
        )
    );
    let (shape, pieces) = out_strs(&out[1]);
    assert_eq!(shape, vec![2, 2, 4]);
    assert_eq!(&pieces[4..8], ["x", "", "2", "3"]);
    let AnyValue::Tensor(n) = &out[2] else {
        panic!("counts")
    };
    assert_eq!(n.as_slice::<i64>().unwrap(), &[2, 4, 1, 3]);
    let AnyValue::Tensor(eq) = &out[3] else {
        panic!("equal")
    };
    assert_eq!(eq.as_slice::<bool>().unwrap(), &[false, false, true, true]);
}

#[test]
fn normalizer_and_regex() {
    let g = graph(
        vec![
            node(
                "StringNormalizer",
                "n",
                &["x"],
                &["y"],
                vec![
                    attr_string("case_change_action", "LOWER"),
                    strings_attr("stopwords", &["the"]),
                ],
            ),
            node(
                "RegexFullMatch",
                "r",
                &["x"],
                &["m"],
                vec![attr_string("pattern", "[A-Z][a-zé]+")],
            ),
        ],
        vec![value("x", STRING, &[4])],
        vec![value("y", STRING, &[-1]), value("m", BOOL, &[4])],
        vec![],
    );
    let out = run(
        &model(g, 20),
        vec![strs(&[4], &["The", "Café", "ok!", "THE"])],
    );
    assert_eq!(out_strs(&out[0]).1, ["cafe", "ok!"]);
    let AnyValue::Tensor(m) = &out[1] else {
        panic!("match")
    };
    assert_eq!(m.as_slice::<bool>().unwrap(), &[true, true, false, false]);
}

fn ml_model(n: strata_onnx::proto::NodeProto, x: i32, y: i32) -> ModelProto {
    let mut n = n;
    n.domain = "ai.onnx.ml".into();
    let mut m = model(
        graph(
            vec![n],
            vec![value("x", x, &[5])],
            vec![value("y", y, &[5])],
            vec![],
        ),
        20,
    );
    m.opset_import.push(OperatorSetIdProto {
        domain: "ai.onnx.ml".into(),
        version: 4,
    });
    m
}

#[test]
fn label_encoder_tables() {
    // Strings to int64 with a default; a repeated key takes its last value.
    let n = node(
        "LabelEncoder",
        "l",
        &["x"],
        &["y"],
        vec![
            strings_attr("keys_strings", &["a", "b", "a"]),
            attr_ints("values_int64s", &[0, 1, 2]),
            attr_int("default_int64", 42),
        ],
    );
    let out = run(
        &ml_model(n, STRING, INT64),
        vec![strs(&[5], &["a", "b", "c", "a", ""])],
    );
    let AnyValue::Tensor(y) = &out[0] else {
        panic!("ints")
    };
    assert_eq!(y.as_slice::<i64>().unwrap(), &[2, 1, 42, 2, 42]);

    // Tensor tables: int32 values, string keys, default from a tensor.
    let keys = TensorProto {
        name: "k".into(),
        dims: vec![2],
        data_type: STRING,
        string_data: vec![b"p".to_vec(), b"q".to_vec()],
        ..Default::default()
    };
    let values = TensorProto {
        name: "v".into(),
        dims: vec![2],
        data_type: INT32,
        int32_data: vec![7, 8],
        ..Default::default()
    };
    let default = TensorProto {
        name: "d".into(),
        dims: vec![1],
        data_type: INT32,
        int32_data: vec![-5],
        ..Default::default()
    };
    let tensor_attr = |name: &str, t: TensorProto| AttributeProto {
        name: name.into(),
        r#type: attribute_type::TENSOR,
        t: Some(t),
        ..Default::default()
    };
    let n = node(
        "LabelEncoder",
        "l",
        &["x"],
        &["y"],
        vec![
            tensor_attr("keys_tensor", keys),
            tensor_attr("values_tensor", values),
            tensor_attr("default_tensor", default),
        ],
    );
    let out = run(
        &ml_model(n, STRING, INT32),
        vec![strs(&[5], &["q", "p", "r", "q", "p"])],
    );
    let AnyValue::Tensor(y) = &out[0] else {
        panic!("ints")
    };
    assert_eq!(y.as_slice::<i32>().unwrap(), &[8, 7, -5, 8, 7]);

    // Int64 to strings with ONNX's default default.
    let n = node(
        "LabelEncoder",
        "l",
        &["x"],
        &["y"],
        vec![
            attr_ints("keys_int64s", &[1, 2]),
            strings_attr("values_strings", &["one", "two"]),
        ],
    );
    let out = run(
        &ml_model(n, INT64, STRING),
        vec![AnyValue::Tensor(
            Tensor::from_vec(vec![5], vec![2i64, 1, 3, 2, 0]).unwrap(),
        )],
    );
    assert_eq!(
        out_strs(&out[0]).1,
        ["two", "one", "_Unused", "two", "_Unused"]
    );
}

#[test]
fn string_errors_are_typed() {
    // Keys and values of different lengths.
    let n = node(
        "LabelEncoder",
        "l",
        &["x"],
        &["y"],
        vec![
            strings_attr("keys_strings", &["a"]),
            attr_ints("values_int64s", &[0, 1]),
        ],
    );
    assert!(matches!(
        import_err(&ml_model(n, STRING, INT64)),
        ImportError::InvalidModel { .. }
    ));
    // StringConcat on numbers.
    let g = graph(
        vec![node("StringConcat", "c", &["a", "a"], &["y"], vec![])],
        vec![value("a", INT64, &[2])],
        vec![value("y", STRING, &[2])],
        vec![],
    );
    assert!(matches!(
        import_err(&model(g, 20)),
        ImportError::InvalidModel { .. }
    ));
    // A malformed regular expression is a run-time error, not a crash.
    let g = graph(
        vec![node(
            "RegexFullMatch",
            "r",
            &["x"],
            &["m"],
            vec![attr_string("pattern", "(")],
        )],
        vec![value("x", STRING, &[1])],
        vec![value("m", BOOL, &[1])],
        vec![],
    );
    let ctx = strata::default_context();
    let module = strata_onnx::import_model(&ctx, &model(g, 20), &ImportOptions::default()).unwrap();
    let err = strata_interp::Interpreter::new(&ctx, &module)
        .run_values("main", vec![strs(&[1], &["a"])])
        .unwrap_err();
    assert!(
        err.message.contains("invalid regular expression"),
        "{}",
        err.message
    );
}

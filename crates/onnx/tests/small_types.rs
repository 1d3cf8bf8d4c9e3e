//! The 8-, 4- and 2-bit element types in the importer: `Cast`/`CastLike` to and from them
//! with `saturate` and `round_mode`, and packed `INT4`/`UINT2`/`FLOAT4E2M1` initializers
//! (`raw_data` and `int32_data`). Expected bit patterns were computed with onnx 1.23.2's
//! reference implementation (`Cast` through `ml_dtypes` and `onnx.numpy_helper`).

mod common;
use common::{import_err, import_ok, run};

use strata_interp::{DType, Tensor};
use strata_onnx::proto::data_type as dt;
use strata_onnx::proto::{ModelProto, TensorProto};
use strata_onnx::testgen::*;
use strata_onnx::ImportError;

const X: [f32; 8] = [f32::NAN, f32::INFINITY, -7.0, 0.25, 2.5, 1e30, -0.0, 464.0];

fn cast_model(to: i32, opset: i64, attrs: Vec<strata_onnx::proto::AttributeProto>) -> ModelProto {
    let mut a = vec![attr_int("to", to as i64)];
    a.extend(attrs);
    model(
        graph(
            vec![node("Cast", "c", &["x"], &["y"], a)],
            vec![value("x", dt::FLOAT, &[8])],
            vec![value("y", to, &[8])],
            vec![],
        ),
        opset,
    )
}

fn bits(t: &Tensor) -> Vec<u8> {
    t.as_slice::<u8>()
        .expect("small floats are stored as u8")
        .to_vec()
}

fn x() -> Tensor {
    Tensor::from_vec(vec![8], X.to_vec()).unwrap()
}

#[test]
fn cast_to_float8_saturates_by_default() {
    let m = cast_model(dt::FLOAT8E4M3FN, 21, vec![]);
    let (_, text) = import_ok(&strata::default_context(), &m);
    assert!(text.contains("to = f8E4M3FN"), "{text}");
    assert!(!text.contains("saturate"), "{text}");
    let y = run(&m, vec![x()]);
    assert_eq!(y[0].dtype(), DType::F8E4M3FN);
    assert_eq!(
        bits(&y[0]),
        [0x7f, 0x7e, 0xce, 0x28, 0x42, 0x7e, 0x80, 0x7e]
    );
}

#[test]
fn cast_without_saturation() {
    let m = cast_model(dt::FLOAT8E4M3FN, 21, vec![attr_int("saturate", 0)]);
    let (_, text) = import_ok(&strata::default_context(), &m);
    assert!(text.contains("saturate = 0 : i64"), "{text}");
    // 464 ties to 448 (even); infinity and 1e30 become NaN.
    assert_eq!(
        bits(&run(&m, vec![x()])[0]),
        [0x7f, 0x7f, 0xce, 0x28, 0x42, 0x7f, 0x80, 0x7e]
    );
    let m = cast_model(dt::FLOAT8E5M2, 21, vec![attr_int("saturate", 0)]);
    assert_eq!(
        bits(&run(&m, vec![x()])[0]),
        [0x7e, 0x7c, 0xc7, 0x34, 0x41, 0x7c, 0x80, 0x5f]
    );
    let m = cast_model(dt::FLOAT8E5M2FNUZ, 21, vec![attr_int("saturate", 0)]);
    assert_eq!(
        bits(&run(&m, vec![x()])[0]),
        [0x80, 0x80, 0xcb, 0x38, 0x45, 0x80, 0x00, 0x63]
    );
    let bad = cast_model(dt::FLOAT8E5M2, 21, vec![attr_int("saturate", 2)]);
    assert!(matches!(import_err(&bad), ImportError::InvalidModel { .. }));
}

#[test]
fn cast_to_e8m0_round_modes() {
    let m = cast_model(dt::FLOAT8E8M0, 25, vec![]);
    assert_eq!(
        bits(&run(&m, vec![x()])[0]),
        [0xff, 0xff, 0x82, 0x7d, 0x81, 0xe3, 0x00, 0x88]
    );
    let m = cast_model(dt::FLOAT8E8M0, 25, vec![attr_string("round_mode", "down")]);
    let (_, text) = import_ok(&strata::default_context(), &m);
    assert!(text.contains("round_mode = \"down\""), "{text}");
    assert_eq!(
        bits(&run(&m, vec![x()])[0]),
        [0xff, 0xff, 0x81, 0x7d, 0x80, 0xe2, 0x00, 0x87]
    );
    let bad = cast_model(dt::FLOAT8E8M0, 25, vec![attr_string("round_mode", "odd")]);
    assert!(matches!(import_err(&bad), ImportError::InvalidModel { .. }));
}

#[test]
fn castlike_and_back() {
    // CastLike to f4E2M1FN (saturating, NaN gives -0), then Cast back to f32.
    let like = TensorProto {
        name: "like".into(),
        dims: vec![1],
        data_type: dt::FLOAT4E2M1,
        raw_data: Some(vec![0x02]),
        ..Default::default()
    };
    let m = model(
        graph(
            vec![
                node("CastLike", "cl", &["x", "like"], &["q"], vec![]),
                node(
                    "Cast",
                    "c",
                    &["q"],
                    &["y"],
                    vec![attr_int("to", dt::FLOAT as i64)],
                ),
            ],
            vec![value("x", dt::FLOAT, &[8])],
            vec![value("y", dt::FLOAT, &[8])],
            vec![like],
        ),
        21,
    );
    let y = run(&m, vec![x()]);
    let v = y[0].as_slice::<f32>().unwrap();
    assert_eq!(v, &[-0.0, 6.0, -6.0, 0.0, 2.0, 6.0, -0.0, 6.0]);
    assert!(v[0].is_sign_negative());
}

/// A graph casting initializer `w` (of `dtype`, 5 elements) to `FLOAT`.
fn packed_model(w: TensorProto) -> ModelProto {
    model(
        graph(
            vec![node(
                "Cast",
                "c",
                &["w"],
                &["y"],
                vec![attr_int("to", dt::FLOAT as i64)],
            )],
            vec![],
            vec![value("y", dt::FLOAT, &[5])],
            vec![w],
        ),
        21,
    )
}

fn packed(dtype: i32, raw: Option<Vec<u8>>, int32: Vec<i32>) -> TensorProto {
    TensorProto {
        name: "w".into(),
        dims: vec![5],
        data_type: dtype,
        raw_data: raw,
        int32_data: int32,
        ..Default::default()
    }
}

#[test]
fn packed_initializers() {
    // INT4 [1, -8, 7, -1, 3]: nibbles 0x1, 0x8, 0x7, 0xF, 0x3, first in the low bits.
    let want = [1.0f32, -8.0, 7.0, -1.0, 3.0];
    for w in [
        packed(dt::INT4, Some(vec![0x81, 0xF7, 0x03]), vec![]),
        packed(dt::INT4, None, vec![0x81, 0xF7, 0x03]),
    ] {
        let y = run(&packed_model(w), vec![]);
        assert_eq!(y[0].as_slice::<f32>().unwrap(), &want);
    }
    // UINT2 [3, 0, 2, 1, 2]: 3 | 0 << 2 | 2 << 4 | 1 << 6 = 0x63, then 0x02.
    let y = run(
        &packed_model(packed(dt::UINT2, Some(vec![0x63, 0x02]), vec![])),
        vec![],
    );
    assert_eq!(y[0].as_slice::<f32>().unwrap(), &[3.0, 0.0, 2.0, 1.0, 2.0]);
    // INT2 of the same bits: [-1, 0, -2, 1, -2].
    let y = run(
        &packed_model(packed(dt::INT2, Some(vec![0x63, 0x02]), vec![])),
        vec![],
    );
    assert_eq!(
        y[0].as_slice::<f32>().unwrap(),
        &[-1.0, 0.0, -2.0, 1.0, -2.0]
    );
    // FLOAT4E2M1 [0.5, -6, 1.5, 0, 3]: codes 0x1, 0xF, 0x3, 0x0, 0x5.
    let y = run(
        &packed_model(packed(dt::FLOAT4E2M1, Some(vec![0xF1, 0x03, 0x05]), vec![])),
        vec![],
    );
    assert_eq!(y[0].as_slice::<f32>().unwrap(), &[0.5, -6.0, 1.5, 0.0, 3.0]);
    // FLOAT8E4M3FN in int32_data, one per entry.
    let y = run(
        &packed_model(packed(
            dt::FLOAT8E4M3FN,
            None,
            vec![0x7e, 0xce, 0x28, 0x42, 0x01],
        )),
        vec![],
    );
    assert_eq!(
        y[0].as_slice::<f32>().unwrap(),
        &[448.0, -7.0, 0.25, 2.5, 2f32.powi(-9)]
    );
}

#[test]
fn malformed_packed_data_is_invalid() {
    for w in [
        // Two bytes hold four INT4 elements, not five.
        packed(dt::INT4, Some(vec![0x81, 0xF7]), vec![]),
        packed(dt::UINT4, Some(vec![0x81, 0xF7, 0x03, 0x00]), vec![]),
        packed(dt::INT2, None, vec![0x63]),
        packed(dt::FLOAT8E5M2, Some(vec![0; 4]), vec![]),
    ] {
        let e = import_err(&packed_model(w));
        assert!(matches!(e, ImportError::InvalidModel { .. }), "{e}");
    }
}

fn bitcast_model(from: i32, to: i32, dims: &[i64]) -> ModelProto {
    model(
        graph(
            vec![node(
                "BitCast",
                "b",
                &["x"],
                &["y"],
                vec![attr_int("to", to as i64)],
            )],
            vec![value("x", from, dims)],
            vec![value("y", to, dims)],
            vec![],
        ),
        26,
    )
}

#[test]
fn bitcast_reinterprets_bits() {
    let m = bitcast_model(dt::FLOAT, dt::INT32, &[3]);
    let (_, text) = import_ok(&strata::default_context(), &m);
    assert!(text.contains("\"graph.bitcast\""), "{text}");
    let x = Tensor::from_vec(vec![3], vec![1.0f32, -2.0, 0.5]).unwrap();
    let y = run(&m, vec![x]);
    let want: Vec<i32> = [1.0f32, -2.0, 0.5]
        .iter()
        .map(|f| f.to_bits() as i32)
        .collect();
    assert_eq!(y[0].as_slice::<i32>().unwrap(), want.as_slice());
    // bool is one byte: true is 1.
    let m = bitcast_model(dt::BOOL, dt::UINT8, &[2]);
    let b = Tensor::from_vec(vec![2], vec![true, false]).unwrap();
    assert_eq!(run(&m, vec![b])[0].as_slice::<u8>().unwrap(), &[1, 0]);
    // UINT8 to FLOAT8E4M3FN: 0x7E is 448, 0xFF NaN.
    let m = bitcast_model(dt::UINT8, dt::FLOAT8E4M3FN, &[2]);
    let u = Tensor::from_vec(vec![2], vec![0x7eu8, 0xff]).unwrap();
    let f = run(&m, vec![u])[0].to_f64_vec();
    assert_eq!(f[0], 448.0);
    assert!(f[1].is_nan());
    // Widths must match.
    let bad = bitcast_model(dt::FLOAT, dt::INT64, &[3]);
    assert!(matches!(import_err(&bad), ImportError::InvalidModel { .. }));
    // Opset 25 has no BitCast.
    let mut old = bitcast_model(dt::FLOAT, dt::INT32, &[3]);
    old.opset_import[0].version = 25;
    assert!(matches!(import_err(&old), ImportError::Unsupported(_)));
}

//! `ImageDecoder` (`nodes_image.rs`): a hand-written PNM image decoded at import (the input
//! bound as a constant) in each pixel format against its pixels and Pillow's luma formula,
//! the input named by `required_constant_inputs`, and the typed errors: an unbound input,
//! JPEG (refused), malformed bytes.

use strata_onnx::proto::data_type::UINT8;
use strata_onnx::proto::{ModelProto, TensorProto};
use strata_onnx::testgen::*;
use strata_onnx::{import_model, ImportError, ImportOptions};

fn decoder_model(format: &str, channels: i64) -> ModelProto {
    let g = graph(
        vec![node(
            "ImageDecoder",
            "dec",
            &["data"],
            &["out"],
            vec![attr_string("pixel_format", format)],
        )],
        vec![value("data", UINT8, &[-1])],
        vec![value("out", UINT8, &[-1, -1, channels])],
        vec![],
    );
    model(g, 20)
}

fn bytes_tensor(b: &[u8]) -> TensorProto {
    TensorProto {
        name: "data".into(),
        dims: vec![b.len() as i64],
        data_type: UINT8,
        raw_data: Some(b.to_vec()),
        ..Default::default()
    }
}

/// Import with `data` bound to `bytes` and run: the output's elements and shape.
fn decode(m: &ModelProto, bytes: &[u8]) -> Result<(Vec<u8>, Vec<usize>), ImportError> {
    let ctx = strata::default_context();
    let opts = ImportOptions {
        constant_inputs: vec![bytes_tensor(bytes)],
        ..Default::default()
    };
    let module = import_model(&ctx, m, &opts)?;
    strata::ir::verify::verify_module(&ctx, &module).expect("verifies");
    let out = strata_interp::Interpreter::new(&ctx, &module)
        .run_owned("main", vec![])
        .expect("runs");
    Ok((
        out[0].as_slice::<u8>().expect("u8").to_vec(),
        out[0].shape().to_vec(),
    ))
}

/// A 3 x 2 binary PPM (P6): rows of (r, g, b) pixels.
const PIXELS: [[u8; 3]; 6] = [
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
    [10, 20, 30],
    [200, 100, 50],
    [1, 2, 3],
];

fn ppm() -> Vec<u8> {
    let mut b = b"P6\n3 2\n255\n".to_vec();
    b.extend(PIXELS.iter().flatten());
    b
}

#[test]
fn pnm_decodes_in_each_pixel_format() {
    let m = decoder_model("RGB", 3);
    assert_eq!(
        strata_onnx::required_constant_inputs(&m),
        vec!["data".to_string()]
    );
    let (rgb, shape) = decode(&m, &ppm()).unwrap();
    assert_eq!(shape, vec![2, 3, 3]);
    assert_eq!(rgb, PIXELS.iter().flatten().copied().collect::<Vec<u8>>());
    let (bgr, _) = decode(&decoder_model("BGR", 3), &ppm()).unwrap();
    let want: Vec<u8> = PIXELS.iter().flat_map(|p| [p[2], p[1], p[0]]).collect();
    assert_eq!(bgr, want);
    // Pillow's L = R * 299/1000 + G * 587/1000 + B * 114/1000 in 16-bit fixed point.
    let (gray, shape) = decode(&decoder_model("Grayscale", 1), &ppm()).unwrap();
    assert_eq!(shape, vec![2, 3, 1]);
    let want: Vec<u8> = PIXELS
        .iter()
        .map(|p| {
            ((19595 * u32::from(p[0]) + 38470 * u32::from(p[1]) + 7471 * u32::from(p[2]) + 32768)
                >> 16) as u8
        })
        .collect();
    assert_eq!(want, vec![76, 150, 29, 18, 124, 2]);
    assert_eq!(gray, want);
}

#[test]
fn unbound_jpeg_and_malformed_images_are_typed_errors() {
    let m = decoder_model("RGB", 3);
    let ctx = strata::default_context();
    let e = import_model(&ctx, &m, &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, ImportError::Unsupported(_)), "{e}");
    // A JPEG start-of-image marker: refused, not decoded differently from libjpeg.
    let e = decode(
        &m,
        &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0],
    )
    .unwrap_err();
    assert!(matches!(e, ImportError::Unsupported(_)), "{e}");
    assert!(e.to_string().contains("decoding JPEG"), "{e}");
    // A PPM header promising more pixels than follow.
    let e = decode(&m, b"P6\n3 2\n255\n\x01\x02").unwrap_err();
    assert!(matches!(e, ImportError::InvalidModel { .. }), "{e}");
    let e = decode(&m, b"not an image").unwrap_err();
    assert!(e.to_string().contains("cannot decode the image"), "{e}");
}

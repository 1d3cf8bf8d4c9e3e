//! `ImageDecoder` (opset 20): the encoded bytes decoded at import into a `uint8` constant
//! `H x W x C`.
//!
//! The result's shape depends on the encoded data, so the input must be a constant: the
//! conformance runner binds it like the other shape-determining inputs
//! (`required_constant_inputs`), and the compile is specialised on that image. Decoding
//! uses the `image` crate (BMP, PNG, PNM, TIFF, WebP) within the importer's limits
//! (dimensions and bytes). JPEG and JPEG 2000 are refused as unsupported: the crate's JPEG
//! decoder differs from libjpeg's (ONNX's reference, through Pillow) by up to 2 in a
//! quarter of the samples of ONNX's test image (its chroma upsampling and IDCT rounding),
//! and there is no JPEG 2000 decoder among the well-kept crates. A decoder panic on
//! malformed data is caught and reported as an invalid model. `pixel_format` `"RGB"` (the
//! default) and `"BGR"` give three channels (BGR reversed), `"Grayscale"` one: the luma
//! `L = (19595 R + 38470 G + 7471 B + 2^15) >> 16` of the RGB pixels, as Pillow's
//! `convert("L")` (ONNX's reference) computes it.

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use crate::proto::data_type as dt;
use crate::tensor::ConstTensor;

/// Decode `bytes` into RGB8 rows, or say why not.
fn decode(bytes: &[u8], max_pixels: u64) -> std::result::Result<image::RgbImage, String> {
    if bytes.starts_with(&[0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50])
        || bytes.starts_with(&[0xFF, 0x4F, 0xFF, 0x51])
    {
        return Err("JPEG 2000".into());
    }
    let format = image::guess_format(bytes).map_err(|e| format!("unknown image format: {e}"))?;
    if format == image::ImageFormat::Jpeg {
        return Err("JPEG".into());
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    let side = u32::try_from(max_pixels.min(u64::from(u32::MAX))).unwrap_or(u32::MAX);
    limits.max_image_width = Some(side);
    limits.max_image_height = Some(side);
    limits.max_alloc = Some(max_pixels.saturating_mul(16));
    reader.limits(limits);
    let img = std::panic::catch_unwind(move || reader.decode())
        .map_err(|_| "the decoder failed on malformed data".to_string())?
        .map_err(|e| e.to_string())?;
    let pixels = u64::from(img.width()) * u64::from(img.height());
    if pixels > max_pixels {
        return Err(format!("{pixels} pixels exceed the limit of {max_pixels}"));
    }
    Ok(img.to_rgb8())
}

/// Lower `ImageDecoder` (see the module documentation).
pub(crate) fn lower_image_decoder(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let format = n
        .attrs
        .string("pixel_format")?
        .unwrap_or_else(|| "RGB".to_string());
    let channels: usize = match format.as_str() {
        "RGB" | "BGR" => 3,
        "Grayscale" => 1,
        other => {
            return Err(n.invalid(format!(
                "pixel_format '{other}' is not RGB, BGR or Grayscale"
            )))
        }
    };
    let encoded = lw
        .const_inp(n, 0)?
        .ok_or_else(|| n.invalid("ImageDecoder needs its encoded input"))?;
    if encoded.dtype != dt::UINT8 {
        return Err(n.invalid("the encoded input must be a uint8 tensor"));
    }
    let bytes: Vec<u8> = (0..encoded.numel() as usize)
        .map(|i| encoded.int_at(i).map(|v| v as u8))
        .collect::<Option<_>>()
        .ok_or_else(|| n.invalid("the encoded input cannot be read"))?;
    let max = lw.limits.max_tensor_elements / 3;
    let rgb = decode(&bytes, max).map_err(|why| {
        if why == "JPEG 2000" || why == "JPEG" {
            n.unsupported(&format!("decoding {why}"))
        } else {
            n.invalid(format!("cannot decode the image: {why}"))
        }
    })?;
    let (w, h) = (rgb.width() as i64, rgb.height() as i64);
    let data: Vec<u8> = match format.as_str() {
        "RGB" => rgb.into_raw(),
        "BGR" => rgb.pixels().flat_map(|p| [p[2], p[1], p[0]]).collect(),
        _ => rgb
            .pixels()
            .map(|p| {
                let l = 19595 * u32::from(p[0]) + 38470 * u32::from(p[1]) + 7471 * u32::from(p[2]);
                ((l + 0x8000) >> 16) as u8
            })
            .collect(),
    };
    let out = n
        .node
        .output
        .first()
        .filter(|s| !s.is_empty())
        .cloned()
        .ok_or_else(|| n.invalid("node without an output"))?;
    let c = ConstTensor {
        dtype: dt::UINT8,
        elem: crate::tensor::elem_type(lw.ctx, dt::UINT8)
            .ok_or_else(|| n.invalid("no uint8 element type"))?,
        shape: vec![h, w, channels as i64],
        data: data.into(),
        splat: false,
        name: out.clone(),
    };
    lw.consts.insert(out, c);
    Ok(())
}

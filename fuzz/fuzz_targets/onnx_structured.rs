//! libFuzzer entry point for [`strata_fuzz::onnx_structured`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| strata_fuzz::onnx_structured(data));

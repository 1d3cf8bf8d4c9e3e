//! libFuzzer entry point for [`strata_fuzz::parse_roundtrip`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| strata_fuzz::parse_roundtrip(data));

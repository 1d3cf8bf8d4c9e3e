//! The 8- and 4-bit float types in the text format: every keyword parses and prints back,
//! and every bit pattern of every small format prints as an attribute that parses back to
//! the same bits (the round trip MLIR's printer guarantees, checked exhaustively).

use strata_ir::text::{parse_attr, parse_type, print_attr, print_type};
use strata_ir::{AttrKind, Context, FloatKind};

#[test]
fn every_float_keyword_round_trips() {
    let ctx = Context::new();
    for kind in FloatKind::ALL {
        let ty = parse_type(&ctx, kind.keyword()).expect("keyword parses");
        assert_eq!(ty, ctx.float_type(kind));
        assert_eq!(print_type(&ctx, ty), kind.keyword());
        let t = parse_type(&ctx, &format!("tensor<2x?x{}>", kind.keyword())).unwrap();
        assert_eq!(
            print_type(&ctx, t),
            format!("tensor<2x?x{}>", kind.keyword())
        );
    }
    assert!(parse_type(&ctx, "f8E3M4").is_err());
    assert!(parse_type(&ctx, "f6E2M3FN").is_err());
}

#[test]
fn every_small_float_pattern_prints_and_parses_back() {
    let ctx = Context::new();
    for kind in FloatKind::ALL.into_iter().filter(|k| !k.is_ieee_arith()) {
        let ty = ctx.float_type(kind);
        for bits in 0..(1u64 << kind.width()) {
            let a = ctx.attr(AttrKind::Float { bits, ty });
            let text = print_attr(&ctx, a);
            let back = parse_attr(&ctx, &text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            let AttrKind::Float { bits: b, ty: t } = ctx.attr_kind(back).clone() else {
                panic!("{text} is not a float attribute");
            };
            assert_eq!(t, ty, "{text}");
            // Patterns of the same value (none but zero in these formats) may differ.
            assert_eq!(b, bits, "{kind:?} {bits:#x} printed as {text}");
        }
    }
}

#[test]
fn printed_as_mlir_opt_prints() {
    // From `mlir-opt-22` (tests/interop/strata-generic/expected/small-floats.mlir).
    let ctx = Context::new();
    let cases = [
        ("1.5 : f8E5M2", "1.500000e+00 : f8E5M2"),
        ("448.0 : f8E4M3FN", "4.480000e+02 : f8E4M3FN"),
        ("-0.0 : f8E5M2FNUZ", "0.000000e+00 : f8E5M2FNUZ"),
        ("0.001953125 : f8E4M3FNUZ", "1.953130e-03 : f8E4M3FNUZ"),
        ("0.1 : f8E4M3FN", "1.015630e-01 : f8E4M3FN"),
        ("3.0e-02 : f8E5M2", "3.125000e-02 : f8E5M2"),
        ("0x7F : f8E4M3FN", "0x7F : f8E4M3FN"),
        ("0xFF : f8E8M0FNU", "0xFF : f8E8M0FNU"),
        ("-6.0 : f4E2M1FN", "-6.000000e+00 : f4E2M1FN"),
    ];
    for (src, want) in cases {
        let a = parse_attr(&ctx, src).unwrap();
        assert_eq!(print_attr(&ctx, a), want, "{src}");
    }
}

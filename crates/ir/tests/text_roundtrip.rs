//! Printing matches `mlir-opt-22` byte for byte and printed text is a fixed point:
//! * `text_data/*.mlir` with the outputs `mlir-opt-22` gave for them (see
//!   `text_data/README.md`): every builtin type and attribute kind, affine maps and sets,
//!   every location form with `--mlir-print-debuginfo`;
//! * float values (random bit patterns and usual constants) with the text `mlir-opt-22`
//!   printed for them;
//! * dense elements (splats, hex above 100 elements, bit-packed `i1`), resources, aliases.

use strata_ir::text::{self, ParseOptions, PrintOptions};
use strata_ir::types::FloatKind;
use strata_ir::{AttrKind, Context};

fn data(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/text_data")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn ctx() -> Context {
    let mut c = Context::new();
    c.allow_unregistered = true;
    c
}

fn reprint(c: &Context, name: &str, src: &str, debug_info: bool) -> String {
    let m = text::parse(c, name, src, &ParseOptions::default())
        .unwrap_or_else(|d| panic!("{name}: {}", d[0].message));
    text::print_module(
        c,
        &m,
        &PrintOptions {
            generic: true,
            debug_info,
        },
    )
}

fn first_diff(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  mlir-opt: {x}\n  strata:   {y}", i + 1);
        }
    }
    format!(
        "line counts differ: {} vs {}",
        a.lines().count(),
        b.lines().count()
    )
}

#[track_caller]
fn check_file(input: &str, expected: &str, debug_info: bool, fixed_point: bool) {
    let c = ctx();
    let src = data(input);
    let want = data(expected);
    let got = reprint(&c, input, &src, debug_info);
    assert!(got == want, "{input}: {}", first_diff(&want, &got));
    if fixed_point {
        // mlir-opt's output is a fixed point of parse + print.
        let again = reprint(&c, input, &want, debug_info);
        assert!(
            again == want,
            "{expected} (reparsed): {}",
            first_diff(&want, &again)
        );
    }
}

#[test]
fn attributes_and_types_match_mlir_opt() {
    check_file("attrs_types.mlir", "attrs_types.expected.mlir", false, true);
}

#[test]
fn affine_maps_and_sets_match_mlir_opt() {
    // Not a fixed point, in MLIR either: `d0 + (-s1 - 4)` prints as `d0 + -s1 - 4`, which
    // parses as `(d0 - s1) - 4`.
    check_file("affine.mlir", "affine.expected.mlir", false, false);
}

#[test]
fn locations_match_mlir_opt() {
    check_file("locations.mlir", "locations.expected.mlir", true, true);
}

/// (type, bit pattern, text) as printed by `mlir-opt-22` for `0x... : type` attributes.
const FLOATS: &[(&str, u64, &str)] = &[
    ("f32", 0xF29D0DA9, "-6.22152456E+30"),
    ("f32", 0x48DB40AF, "449029.469"),
    ("f32", 0x3192B704, "4.26996571E-9"),
    ("f32", 0x551FD8F9, "1.098464E+13"),
    ("f32", 0x804C25D6, "-6.993070e-39"),
    ("f32", 0x2179B37D, "8.46020323E-19"),
    ("f32", 0x76CC0573, "2.06902165E+33"),
    ("f32", 0x9416C610, "-7.61212563E-27"),
    ("f64", 0xA307C31E99722A0E, "-6.2356023166913398E-140"),
    ("f64", 0xF3BB6654DCA332DF, "-3.0652277472230895E+249"),
    ("f64", 0x6106C0645BBFD7F6, "2.498954546549843E+159"),
    ("f64", 0x4C18D04F354359FE, "3.8939543358525908E+58"),
    ("f64", 0x89B161C00A23934F, "-5.5200046366574865E-262"),
    ("f64", 0x4900FE3509314CD4, "4.7369561373454581E+43"),
    ("f16", 0x83E3, "-5.930660e-05"),
    ("f16", 0x53C7, "6.221880e+01"),
    ("f16", 0x263C, "2.435300e-02"),
    ("f16", 0x7938, "4.275200e+04"),
    ("f16", 0x9964, "-2.632140e-03"),
    ("bf16", 0x50D2, "2.818570e+10"),
    ("bf16", 0xB0A, "2.657780e-32"),
    ("bf16", 0x191, "5.326460e-38"),
    ("bf16", 0xE5D0, "-1.227820e+23"),
    ("f32", 0x3DCCCCCD, "1.000000e-01"),
    ("f16", 0x2E66, "9.997550e-02"),
    ("f32", 0x3E99999A, "3.000000e-01"),
    ("f32", 0x3FC00000, "1.500000e+00"),
    ("f32", 0x40490FD0, "3.141590e+00"),
    ("bf16", 0x5015, "9.999220e+09"),
    ("f64", 0x3DDB7CDFD9D7BDBB, "1.000000e-10"),
    ("f64", 0x419D6F3454000000, "0x419D6F3454000000"),
    ("f64", 0x442043561A882930, "1.500000e+20"),
    ("f32", 0x38D1B717, "9.99999974E-5"),
    ("f16", 0xA8, "1.001360e-05"),
    ("bf16", 0x4974, "9.994240e+05"),
    ("f32", 0x40490FDB, "3.14159274"),
    ("f64", 0x4005BF0A8B145769, "2.7182818284590451"),
    ("f32", 0x7FC00000, "0x7FC00000"),
    ("f32", 0xFF800000, "0xFF800000"),
    ("f64", 0x7FF0000000000000, "0x7FF0000000000000"),
    ("f16", 0x7C00, "0x7C00"),
    ("f32", 0x80000000, "-0.000000e+00"),
    ("f32", 0x00000001, "1.401300e-45"),
    ("f16", 0x7BFF, "6.550400e+04"),
];

fn kind(s: &str) -> FloatKind {
    match s {
        "f16" => FloatKind::F16,
        "bf16" => FloatKind::BF16,
        "f32" => FloatKind::F32,
        _ => FloatKind::F64,
    }
}

#[test]
fn floats_print_as_mlir_opt_prints_them() {
    let c = ctx();
    for &(ty, bits, want) in FLOATS {
        assert_eq!(text::format_float(bits, kind(ty)), want, "{ty} 0x{bits:X}");
        // Through an attribute, and back.
        let a = text::parse_attr(&c, &format!("0x{bits:X} : {ty}")).unwrap();
        assert_eq!(text::print_attr(&c, a), format!("{want} : {ty}"));
        let b = text::parse_attr(&c, &format!("{want} : {ty}")).unwrap();
        assert_eq!(b, a, "{want} : {ty} parses back to the same bits");
    }
}

#[test]
fn dense_elements() {
    let c = ctx();
    let p = |s: &str| text::print_attr(&c, text::parse_attr(&c, s).unwrap());
    assert_eq!(
        p("dense<[1, 1, 1]> : tensor<3xi32>"),
        "dense<1> : tensor<3xi32>"
    );
    assert_eq!(
        p("dense<[[1, 2], [3, 4]]> : tensor<2x2xi8>"),
        "dense<[[1, 2], [3, 4]]> : tensor<2x2xi8>"
    );
    assert_eq!(p("dense<> : tensor<0x3xf32>"), "dense<> : tensor<0x3xf32>");
    assert_eq!(
        p("dense<[(1, 2), (3, 4)]> : tensor<2xcomplex<i32>>"),
        "dense<[(1,2), (3,4)]> : tensor<2xcomplex<i32>>"
    );
    assert_eq!(
        p("dense<\"0x0100000002000000\"> : tensor<2xi32>"),
        "dense<[1, 2]> : tensor<2xi32>"
    );
    assert_eq!(
        p("dense<255> : tensor<2xui8>"),
        "dense<255> : tensor<2xui8>"
    );
    assert_eq!(p("dense<-1> : tensor<2xi8>"), "dense<-1> : tensor<2xi8>");
    // Above 100 elements: hex, with i1 bit-packed (as mlir-opt-22 prints them).
    let bools: Vec<&str> = (0..102)
        .map(|i| if i % 3 == 0 { "true" } else { "false" })
        .collect();
    let src = format!("dense<[{}]> : tensor<102xi1>", bools.join(", "));
    assert_eq!(
        p(&src),
        "dense<\"0x49922449922449922449922409\"> : tensor<102xi1>"
    );
    assert_eq!(
        p("dense<\"0x49922449922449922449922409\"> : tensor<102xi1>"),
        "dense<\"0x49922449922449922449922409\"> : tensor<102xi1>"
    );
    let ints: Vec<String> = (0..101).map(|i| i.to_string()).collect();
    let src = format!("dense<[{}]> : tensor<101xi8>", ints.join(", "));
    let hex: String = (0..101).map(|i| format!("{i:02X}")).collect();
    assert_eq!(p(&src), format!("dense<\"0x{hex}\"> : tensor<101xi8>"));
    // Arrays.
    assert_eq!(p("array<i1: true, false>"), "array<i1: true, false>");
    assert_eq!(
        p("array<f32: 1.5, -2.0>"),
        "array<f32: 1.500000e+00, -2.000000e+00>"
    );
    assert_eq!(p("array<i64>"), "array<i64>");
}

#[test]
fn strings_symbols_and_keys_are_escaped_like_mlir() {
    let c = ctx();
    let p = |s: &str| text::print_attr(&c, text::parse_attr(&c, s).unwrap());
    // Observed with mlir-opt-22: `"` prints as \22, non-printable and non-ASCII bytes as \XX.
    assert_eq!(
        p("\"a\\\"b\\\\c\\n\\t\\01\\7F\\FF é\""),
        "\"a\\22b\\\\c\\0A\\09\\01\\7F\\FF \\C3\\A9\""
    );
    assert_eq!(
        p("{\"quoted key\", b.c = 1 : i32}"),
        "{b.c = 1 : i32, \"quoted key\"}"
    );
    assert_eq!(p("@\"sym with space\"::@b"), "@\"sym with space\"::@b");
    assert_eq!(p("#ut<\"verbose\">"), "#ut<\"verbose\">");
    assert_eq!(p("#ut.pretty<a = [1, 2]>"), "#ut.pretty<a = [1, 2]>");
}

#[test]
fn resources_are_printed_at_the_end() {
    let c = ctx();
    let src = "\"t.x\"() {a = dense_resource<blob1> : tensor<2xi32>} : () -> ()\n\n{-#\n  dialect_resources: {\n    builtin: {\n      blob1: \"0x040000000100000002000000\"\n    }\n  }\n#-}\n";
    let m = text::parse(&c, "r.mlir", src, &ParseOptions::default()).unwrap();
    let out = text::print_module(
        &c,
        &m,
        &PrintOptions {
            generic: true,
            debug_info: false,
        },
    );
    assert_eq!(
        out,
        "\"builtin.module\"() ({\n  \"t.x\"() {a = dense_resource<blob1> : tensor<2xi32>} : () -> ()\n}) : () -> ()\n\n{-#\n  dialect_resources: {\n    builtin: {\n      blob1: \"0x040000000100000002000000\"\n    }\n  }\n#-}\n\n"
    );
    // A second file with a different blob under the same name gets a fresh name.
    let src2 = src.replace("0100000002000000", "0300000004000000");
    let m2 = text::parse(&c, "r2.mlir", &src2, &ParseOptions::default()).unwrap();
    let out2 = text::print_module(
        &c,
        &m2,
        &PrintOptions {
            generic: true,
            debug_info: false,
        },
    );
    assert!(out2.contains("dense_resource<blob1_1>"), "{out2}");
    assert!(
        out2.contains("blob1_1: \"0x040000000300000004000000\""),
        "{out2}"
    );
}

#[test]
fn type_and_attribute_parsing_standalone() {
    let c = ctx();
    for s in [
        "i32",
        "si8",
        "ui64",
        "index",
        "bf16",
        "complex<f32>",
        "tensor<?x4xf32>",
        "tensor<*xi8>",
        "tensor<4xf32, #ut.enc>",
        "memref<4x?xf32, strided<[?, 1], offset: ?>, 3>",
        "memref<*xf32, 1>",
        "memref<8x8xf16, affine_map<(d0, d1) -> (d1, d0)>>",
        "vector<4x[8]xf32>",
        "tuple<>",
        "tuple<i32, tuple<f32>>",
        "(i32, f32) -> (i1, i8)",
        "() -> ()",
        "((i32) -> i32) -> (() -> ())",
        "none",
        "!ut.opaque<\"x\" 1 [2]>",
        "!llvm.ptr",
    ] {
        let t = text::parse_type(&c, s).unwrap_or_else(|d| panic!("{s}: {}", d.message));
        assert_eq!(text::print_type(&c, t), s);
    }
    // Normalisations done as MLIR does.
    let t = text::parse_type(&c, "memref<4xf32, affine_map<(d0) -> (d0)>, 0>").unwrap();
    assert_eq!(text::print_type(&c, t), "memref<4xf32>");
    assert!(matches!(
        c.attr_kind(text::parse_attr(&c, "1 : i1").unwrap()),
        AttrKind::Bool(true)
    ));
    assert_eq!(
        text::print_attr(&c, text::parse_attr(&c, "0xFF : i8").unwrap()),
        "-1 : i8"
    );
    assert_eq!(
        text::print_attr(&c, text::parse_attr(&c, "loc(fused[\"a\":1:2])").unwrap()),
        "loc(\"a\":1:2)"
    );
    assert!(text::parse_type(&c, "i32 junk").is_err());
}

/// Consecutive ops with the same signature ending in a pretty dialect type
/// (`-> !foo.opt<!foo.seq<...>>`): the parser's signature memo must remember the whole type,
/// not the text up to its `<` (this once made the second op fail with "expected operation
/// name in quotes" at the `<`).
#[test]
fn repeated_signatures_ending_in_a_dialect_type() {
    let c = ctx();
    let sig = "(!foo.seq<tensor<5xf32>>) -> !foo.opt<!foo.seq<tensor<5xf32>>>";
    let src = format!(
        "\"test.f\"() ({{\n^bb0(%x: !foo.seq<tensor<5xf32>>):\n  \
         %0 = \"test.a\"(%x) : {sig}\n  %1 = \"test.a\"(%x) : {sig}\n  \
         %2 = \"test.a\"(%x) : {sig}\n  \"test.use\"(%0, %1, %2) : \
         (!foo.opt<!foo.seq<tensor<5xf32>>>, !foo.opt<!foo.seq<tensor<5xf32>>>, \
         !foo.opt<!foo.seq<tensor<5xf32>>>) -> ()\n}}) : () -> ()\n"
    );
    let out = reprint(&c, "repeated.mlir", &src, false);
    assert_eq!(out.matches(sig).count(), 3, "{out}");
    assert_eq!(reprint(&c, "again.mlir", &out, false), out);
}

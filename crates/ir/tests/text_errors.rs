//! Bad inputs: each gives one located diagnostic (the first error, as MLIR reports it), never
//! a panic or a stack overflow. The messages and positions below were checked against
//! `mlir-opt-22 --allow-unregistered-dialect` on the same inputs.

use strata_ir::text::{self, ParseOptions};
use strata_ir::Context;

fn ctx() -> Context {
    let mut c = Context::new();
    c.allow_unregistered = true;
    c
}

/// Parse `src`, expecting an error; returns (message, line, column).
fn err(src: &str) -> (String, u32, u32) {
    err_with(&ctx(), src, &ParseOptions::default())
}

fn err_with(ctx: &Context, src: &str, opts: &ParseOptions) -> (String, u32, u32) {
    match text::parse(ctx, "e.mlir", src, opts) {
        Ok(_) => panic!("expected an error for {src:?}"),
        Err(ds) => {
            assert_eq!(ds.len(), 1);
            let d = &ds[0];
            let (_, l, c) = ctx.loc_file_line_col(d.loc).expect("located");
            (d.message.clone(), l, c)
        }
    }
}

#[track_caller]
fn check(src: &str, msg: &str, line: u32, col: u32) {
    assert_eq!(err(src), (msg.to_string(), line, col), "input: {src:?}");
}

#[test]
fn mlir_opt_messages_and_positions() {
    // All observed with mlir-opt-22.
    check("\"t.x\"() ({", "expected operation name in quotes", 1, 10);
    check(
        "\"t.x\"() {a = \"abc",
        "expected '\"' in string literal",
        1,
        18,
    );
    check(
        "\"t.x\"() {a = #foo} : () -> ()",
        "undefined symbol alias id 'foo'",
        1,
        18,
    );
    check(
        "\"t.x\"() {a = 99999999999999999999999999999999999999999999 : i64} : () -> ()",
        "integer constant out of range for attribute",
        1,
        14,
    );
    check(
        "\"t.x\"() {a = 256 : i8} : () -> ()",
        "integer constant out of range for attribute",
        1,
        14,
    );
    check(
        "\"t.x\"() {a = -129 : i8} : () -> ()",
        "integer constant out of range for attribute",
        1,
        15,
    );
    check(
        "\"t.x\"() {a = -0 : i32} : () -> ()",
        "integer constant out of range for attribute",
        1,
        15,
    );
    check(
        "\"t.x\"() {a = dense<[1,2,3]> : tensor<2xi32>} : () -> ()",
        "inferred shape of elements literal ([3]) does not match type ([2])",
        1,
        14,
    );
    check(
        "\"t.x\"()[^bb1] : () -> ()",
        "reference to an undefined block",
        1,
        9,
    );
    check(
        "%0 = \"t.x\"(%1) : (i32) -> i32",
        "use of undeclared SSA value name",
        1,
        12,
    );
    check(
        "%0 = \"t.x\"() : () -> i32\n%0 = \"t.x\"() : () -> i32",
        "redefinition of SSA value '%0'",
        2,
        1,
    );
    check(
        "%0 = \"t.x\"(%1) : (i32) -> i32\n%1 = \"t.y\"(%0) : (f32) -> i32",
        "use of value '%0' expects different type than prior uses: 'f32' vs 'i32'",
        2,
        12,
    );
    check(
        "%0:2 = \"t.x\"() : () -> i32",
        "operation defines 1 results but was provided 2 to bind",
        1,
        1,
    );
    check(
        "\"t.x\"() {a = 1.5 : i32} : () -> ()",
        "floating point value not valid for specified type",
        1,
        23,
    );
    check(
        "\"t.x\"() {a = 1 : f32} : () -> ()",
        "unexpected decimal integer literal for a floating point value",
        1,
        14,
    );
    check(
        "\"t.x\"() {a = dense<[[1, 2], [3]]> : tensor<2x2xi32>} : () -> ()",
        "tensor literal is invalid; ranks are not consistent between elements",
        1,
        32,
    );
    check(
        "\"t.x\"() {a = dense<\"0x0102\"> : tensor<3xi8>} : () -> ()",
        "elements hex data size is invalid for provided type: 'tensor<3xi8>'",
        1,
        14,
    );
    check(
        "\"t.x\"() {a = dense<-1> : tensor<2xui8>} : () -> ()",
        "expected unsigned integer elements, but parsed negative value",
        1,
        21,
    );
    check(
        "\"t.x\"() {a = affine_map<(d0) -> (d1)>} : () -> ()",
        "use of undeclared identifier",
        1,
        34,
    );
    check(
        "\"t.x\"() {a = affine_map<(d0) -> (d0 * d0)>} : () -> ()",
        "non-affine expression: at least one of the multiply operands has to be either a constant or symbolic",
        1,
        37,
    );
    check(
        "\"t.x\"() {a = [1, 2} : () -> ()",
        "expected ',' or ']'",
        1,
        19,
    );
    check(
        "\"t.x\"() {a = 1, a = 2} : () -> ()",
        "duplicate key 'a' in dictionary attribute",
        1,
        17,
    );
    check(
        "\"t.x\"() : (i32) -> ()",
        "expected 0 operand types but had 1",
        1,
        11,
    );
    check("\"t.x\"() : i32", "expected function type", 1, 11);
    check(
        "\"t.x\"() {a = @} : () -> ()",
        "@ identifier expected to start with letter or '_'",
        1,
        15,
    );
    check(
        "\"t.x\"() {a = \"\\q\"} : () -> ()",
        "unknown escape in string literal",
        1,
        15,
    );
    check(
        "#a = 1\n#a = 2",
        "redefinition of attribute alias id 'a'",
        2,
        1,
    );
    check(
        "!a = i32\n!a = f32",
        "redefinition of type alias id 'a'",
        2,
        1,
    );
    check(
        "\"t.x\"() : () -> () loc(fused<\"m\">[\"a\":1:1)",
        "expected ']' in fused location",
        1,
        42,
    );
    check(
        "\"t.x\"() : () -> vector<4xcomplex<i16>>",
        "failed to verify 'elementType': VectorElementTypeInterface instance",
        1,
        17,
    );
    check(
        "\"t.x\"() : () -> memref<4xf32, [1]>",
        "unsupported memory space Attribute",
        1,
        17,
    );
    check(
        "\"t.x\"() : () -> tensor<4xnone>",
        "invalid tensor element type",
        1,
        26,
    );
    check(
        "\"t.x\"() : () -> complex<index>",
        "invalid element type for complex",
        1,
        25,
    );
    check(
        "\"t.x\"() : () -> memref<4xf32, affine_map<(d0, d1) -> (d0)>>",
        "memref layout mismatch between rank and affine map: 1 != 2",
        1,
        17,
    );
    check(
        "\"t.x\"() : () -> () loc(#nope)",
        "operation location alias was never defined",
        1,
        24,
    );
    check(
        "{-# dialect_resources: { builtin: { b: \"0x0300000001\" } } #-}",
        "expected hex string blob for key 'b' to encode alignment in first 4 bytes, but got non-power-of-2 value: 3",
        1,
        40,
    );
}

#[test]
fn unregistered_dialects() {
    let c = Context::new();
    let (m, l, col) = err_with(&c, "\"foo.bar\"() : () -> ()", &ParseOptions::default());
    assert_eq!(
        (m.as_str(), l, col),
        (
            "operation being parsed with an unregistered dialect. If this is intended, please use -allow-unregistered-dialect with the MLIR tool used",
            1,
            10
        )
    );
    static X: strata_ir::OpDef = strata_ir::OpDef::new("t.x");
    static T: strata_ir::DialectDef = strata_ir::DialectDef {
        name: "t",
        summary: "",
        description: "",
        ops: &[&X],
    };
    let mut c = Context::new();
    c.register_dialect(&T);
    let (m, _, _) = err_with(&c, "\"t.x\"() : () -> !foo.bar", &ParseOptions::default());
    assert!(
        m.starts_with("`!foo<\"bar\">` type created with unregistered dialect"),
        "{m}"
    );
}

#[test]
fn invalid_utf8_is_located() {
    let c = ctx();
    let src = b"\"t.x\"() : () -> ()\n\"t.y\"() {a = \"\xff\"} : () -> ()";
    let d = text::parse_bytes(&c, "u.mlir", src, &ParseOptions::default()).unwrap_err();
    let (_, l, col) = c.loc_file_line_col(d[0].loc).unwrap();
    assert_eq!(
        (d[0].message.as_str(), l, col),
        ("invalid UTF-8 in input", 2, 15)
    );
}

fn nest(open: &str, close: &str, n: usize, inner: &str) -> String {
    let mut s = String::with_capacity(n * (open.len() + close.len()) + inner.len());
    for _ in 0..n {
        s.push_str(open);
    }
    s.push_str(inner);
    for _ in 0..n {
        s.push_str(close);
    }
    s
}

#[test]
fn deep_nesting_is_limited_not_a_stack_overflow() {
    let n = 10_000;
    let regions = nest("\"t.x\"() ({\n", "}) : () -> ()\n", n, "");
    assert!(err(&regions).0.starts_with("nesting limit exceeded"));
    let tuples = format!("\"t.x\"() : () -> {}", nest("tuple<", ">", n, "i32"));
    assert!(err(&tuples).0.starts_with("nesting limit exceeded"));
    let fns = format!("\"t.x\"() : () -> ({})", nest("(", ") -> ()", n, ""));
    assert!(err(&fns).0.starts_with("nesting limit exceeded"));
    let arrays = format!("\"t.x\"() {{a = {}}} : () -> ()", nest("[", "]", n, "1"));
    assert!(err(&arrays).0.starts_with("nesting limit exceeded"));
    let dicts = format!(
        "\"t.x\"() {{a = {}}} : () -> ()",
        nest("{b = ", "}", n, "1")
    );
    assert!(err(&dicts).0.starts_with("nesting limit exceeded"));
    let affine = format!(
        "\"t.x\"() {{a = affine_map<(d0) -> ({})>}} : () -> ()",
        nest("(", ")", n, "d0")
    );
    assert!(err(&affine).0.starts_with("nesting limit exceeded"));
    let neg = format!(
        "\"t.x\"() {{a = affine_map<(d0) -> ({}d0)>}} : () -> ()",
        "-".repeat(n)
    );
    assert!(err(&neg).0.starts_with("nesting limit exceeded"));
    let chain: String = (0..n).map(|_| "d0 + d1 + ").collect::<String>() + "d0";
    let long = format!("\"t.x\"() {{a = affine_map<(d0, d1) -> ({chain})>}} : () -> ()");
    assert!(err(&long).0.starts_with("nesting limit exceeded"));
    let dense = format!(
        "\"t.x\"() {{a = dense<{}> : tensor<1xi32>}} : () -> ()",
        nest("[", "]", n, "1")
    );
    assert!(err(&dense).0.starts_with("nesting limit exceeded"));
    let locs = format!(
        "\"t.x\"() : () -> () loc({})",
        nest("\"n\"(", ")", n, "unknown")
    );
    assert!(err(&locs).0.starts_with("nesting limit exceeded"));
    let memrefs = format!("\"t.x\"() : () -> {}", nest("memref<1x", ">", n, "f32"));
    assert!(err(&memrefs).0.starts_with("nesting limit exceeded"));
}

#[test]
fn nesting_up_to_the_limit_parses_and_prints() {
    let c = ctx();
    let opts = ParseOptions::default();
    let regions = nest("\"t.x\"() ({\n", "}) : () -> ()\n", 250, "");
    let m = text::parse(&c, "d.mlir", &regions, &opts).expect("250 nested regions parse");
    let out = text::print_module(
        &c,
        &m,
        &text::PrintOptions {
            generic: true,
            debug_info: true,
        },
    );
    assert!(out.contains("\"t.x\"() ({"));
    let tuples = format!("\"t.x\"() : () -> {}", nest("tuple<", ">", 200, "i32"));
    let m = text::parse(&c, "d.mlir", &tuples, &opts).expect("deep tuple parses");
    assert!(text::print_module(&c, &m, &Default::default()).contains("tuple<tuple<"));
    // A custom limit.
    let small = ParseOptions { nesting_limit: 3 };
    let r = nest("\"t.x\"() ({\n", "}) : () -> ()\n", 4, "");
    assert!(err_with(&c, &r, &small)
        .0
        .starts_with("nesting limit exceeded"));
    assert!(text::parse(
        &c,
        "d.mlir",
        &nest("\"t.x\"() ({\n", "}) : () -> ()\n", 3, ""),
        &small
    )
    .is_ok());
}

#[test]
fn huge_numbers_do_not_allocate() {
    // Numeric SSA names far beyond the table size go through the hash map.
    let c = ctx();
    let src = "%4294967295 = \"t.x\"() : () -> i32\n\"t.y\"(%4294967295) : (i32) -> ()";
    assert!(text::parse(&c, "n.mlir", src, &ParseOptions::default()).is_ok());
    let src = "%99999999999999999999999 = \"t.x\"() : () -> i32";
    assert!(text::parse(&c, "n.mlir", src, &ParseOptions::default()).is_ok());
    check(
        "\"t.x\"() : () -> tensor<99999999999999999999x4xf32>",
        "invalid dimension",
        1,
        24,
    );
    let big =
        "\"t.x\"() {a = dense<1> : tensor<9223372036854775807x9223372036854775807xi8>} : () -> ()";
    assert!(err(big).0.contains("static shape"));
    check(
        "\"t.x\"() {a = dense<[1, 2]> : tensor<9223372036854775807xi8>} : () -> ()",
        "inferred shape of elements literal ([2]) does not match type ([9223372036854775807])",
        1,
        14,
    );
    // Very wide integer elements (2 MiB each): an implementation limit, not gigabytes.
    let wide = format!(
        "\"t.x\"() {{a = array<i16777208: {}>}} : () -> ()",
        vec!["1"; 64].join(", ")
    );
    assert!(err(&wide).0.contains("elements literal too large"));
    let wide = format!(
        "\"t.x\"() {{a = dense<[{}]> : tensor<64xi16777208>}} : () -> ()",
        vec!["1"; 64].join(", ")
    );
    assert!(err(&wide).0.contains("elements literal too large"));
}

/// Mutations of valid inputs never panic.
#[test]
fn mutated_inputs_never_panic() {
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/interop/generic/scf.mlir"),
    )
    .unwrap_or_else(|_| {
        "\"t.x\"() ({\n^bb0(%a: i32):\n  %0 = \"t.y\"(%a) {v = dense<[1, 2]> : tensor<2xi32>} : (i32) -> i32\n}) : () -> ()\n"
            .to_string()
    });
    let bytes = base.as_bytes();
    let specials: &[u8] = b"{}()[]<>%^#!@\":=,-0x.e9\n \\\xff";
    let mut seed: u64 = 0x9E3779B97F4A7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let c = ctx();
    for _ in 0..400 {
        let mut v = bytes.to_vec();
        for _ in 0..(1 + next() % 4) {
            let i = (next() as usize) % v.len();
            match next() % 3 {
                0 => v[i] = specials[(next() as usize) % specials.len()],
                1 => {
                    v.remove(i);
                }
                _ => {
                    let end = (i + (next() as usize % 40)).min(v.len());
                    v.drain(i..end);
                }
            }
        }
        let _ = text::parse_bytes(&c, "m.mlir", &v, &ParseOptions::default());
    }
}

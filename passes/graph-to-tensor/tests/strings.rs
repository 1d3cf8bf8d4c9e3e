//! The string ops as `tensor.string_call`s give the interpreter's results: random string
//! tensors (empty strings, non-ASCII UTF-8, whitespace, broadcasting) through `string_concat`,
//! `equal`, `regex_full_match`, `label_encoder` from and to strings, the bounded
//! `string_normalizer` (whose converted function returns the result padded to its bound and
//! its extents) and `string_split` (its pieces a runtime-sized result, packed).

use proptest::prelude::*;
use strata_interp::strings::StrTensor;
use strata_interp::{AnyValue, Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

/// Run `@f` of `src` on `inputs` before and after `graph-to-tensor{full=true}`; the
/// results after have the bounded result trimmed to its extents (the trailing result).
fn before_after(src: &str, inputs: Vec<AnyValue>) -> (Vec<AnyValue>, Vec<AnyValue>) {
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "t.mlir", src, &Default::default()).expect("parse");
    strata_ir::verify::verify_module(&ctx, &m).expect("verify");
    let before = Interpreter::new(&ctx, &m)
        .run_values("f", inputs.clone())
        .expect("before");
    let pm = PassManager::new(
        parse_pipeline(
            "graph-to-tensor{full=true},tensor-generalize",
            "builtin.module",
        )
        .expect("pipeline"),
    );
    let report = pm.run(&ctx, &mut m);
    assert!(!report.failed, "{src}{:?}", report.diagnostics);
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    assert!(text.contains("tensor.string_call"), "{text}");
    // No graph op is left (the calls name them only in their `callee` attribute).
    let graph_op = text.split("\"graph.").skip(1).any(|rest| {
        rest.split('"')
            .nth(1)
            .is_some_and(|after| after.starts_with('('))
    });
    assert!(!graph_op, "{text}");
    let mut after = Interpreter::new(&ctx, &m)
        .run_values("f", inputs)
        .expect("after");
    // The extents follow the declared results; in these programs only the first result
    // (the normalizer's, or the split's pieces, packed) is sized by the data.
    let extents: Vec<AnyValue> = after.split_off(before.len());
    if let [AnyValue::Tensor(e)] = &extents[..] {
        let e: Vec<usize> = e
            .to_i64_vec()
            .unwrap()
            .iter()
            .map(|&d| d as usize)
            .collect();
        let AnyValue::Str(s) = &after[0] else {
            panic!("the bounded result must be strings")
        };
        after[0] = AnyValue::Str(if s.shape().is_empty() {
            strata_interp::strings::unpack(&s.data()[0], e).unwrap()
        } else {
            trim(s, &e)
        });
    } else {
        assert!(extents.is_empty());
    }
    (before, after)
}

/// The leading sub-box `shape` of `s` (rank 1 or 2).
fn trim(s: &StrTensor, shape: &[usize]) -> StrTensor {
    let cols = *s.shape().last().unwrap();
    let rows: usize = shape[..shape.len() - 1].iter().product();
    let w = *shape.last().unwrap();
    let mut data = Vec::new();
    for r in 0..rows {
        data.extend_from_slice(&s.data()[r * cols..r * cols + w]);
    }
    StrTensor::new(shape.to_vec(), data).unwrap()
}

fn strs(shape: &[usize], v: &[String]) -> AnyValue {
    AnyValue::Str(StrTensor::new(shape.to_vec(), v.to_vec()).unwrap())
}

fn ty(shape: &[usize], elem: &str) -> String {
    let mut s = String::from("tensor<");
    for d in shape {
        s.push_str(&format!("{d}x"));
    }
    s.push_str(elem);
    s.push('>');
    s
}

/// Strings from a small vocabulary: empty, whitespace, accents, other scripts, stopwords.
fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "",
        "a",
        "b",
        "ab",
        " ",
        "a b",
        "Monday",
        "monday",
        "Café",
        "ÉTÉ",
        "Ωμέγα",
        "x@y.com",
        "日本",
        "a  b ",
        "b.c",
    ])
    .prop_map(str::to_string)
}

fn words(n: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(word(), n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn concat_and_equal_broadcast(
        (r, c) in (1usize..4, 1usize..4),
        a in words(12),
        b in words(4),
        scalar in any::<bool>(),
    ) {
        let (sa, sb) = ([r, 1], if scalar { vec![] } else { vec![c] });
        let out = [r, if scalar { 1 } else { c }];
        let (ta, tb, ts) = (ty(&sa, "!graph.string"), ty(&sb, "!graph.string"), ty(&out, "!graph.string"));
        let tb1 = ty(&out, "i1");
        let src = format!(
            "func.func @f(%a: {ta}, %b: {tb}) -> ({ts}, {tb1}, {tb1}) {{\n\
             %0 = \"graph.string_concat\"(%a, %b) : ({ta}, {tb}) -> {ts}\n\
             %1 = \"graph.equal\"(%0, %a) : ({ts}, {ta}) -> {tb1}\n\
             %2 = \"graph.equal\"(%a, %b) : ({ta}, {tb}) -> {tb1}\n\
             return %0, %1, %2 : {ts}, {tb1}, {tb1}\n}}\n"
        );
        let nb = sb.iter().product::<usize>();
        let ins = vec![strs(&sa, &a[..r]), strs(&sb, &b[..nb])];
        let (before, after) = before_after(&src, ins);
        prop_assert_eq!(before, after);
    }

    #[test]
    fn regex_and_labels(x in words(5), n in prop::collection::vec(0i64..4, 3)) {
        let src = r#"func.func @f(%x: tensor<5x!graph.string>, %n: tensor<3xi64>) -> (tensor<5xi1>, tensor<5xi1>, tensor<5xi32>, tensor<3x!graph.string>, tensor<5x!graph.string>) {
  %0 = "graph.regex_full_match"(%x) <{pattern = "[a-z]+(@[a-z]+\\.com)?"}> : (tensor<5x!graph.string>) -> tensor<5xi1>
  %1 = "graph.regex_full_match"(%x) <{pattern = "\\w*\\s?\\w*"}> : (tensor<5x!graph.string>) -> tensor<5xi1>
  %2 = "graph.label_encoder"(%x) <{keys = ["a", "b", "", "a"], values = dense<[1, 2, 3, 4]> : tensor<4xi32>, default = 42 : i32}> : (tensor<5x!graph.string>) -> tensor<5xi32>
  %3 = "graph.label_encoder"(%n) <{keys = dense<[1, 2]> : tensor<2xi64>, values = ["one", "Ωμέγα"]}> : (tensor<3xi64>) -> tensor<3x!graph.string>
  %4 = "graph.label_encoder"(%x) <{keys = ["Monday", "日本"], values = ["lundi", ""], default = "?"}> : (tensor<5x!graph.string>) -> tensor<5x!graph.string>
  return %0, %1, %2, %3, %4 : tensor<5xi1>, tensor<5xi1>, tensor<5xi32>, tensor<3x!graph.string>, tensor<5x!graph.string>
}
"#;
        let ins = vec![strs(&[5], &x), AnyValue::Tensor(Tensor::from_vec(vec![3], n).unwrap())];
        let (before, after) = before_after(src, ins);
        prop_assert_eq!(before, after);
    }

    #[test]
    fn normalizer_bounded(
        x in words(4),
        case in prop::sample::select(vec!["NONE", "LOWER", "UPPER"]),
        sensitive in any::<bool>(),
        two_d in any::<bool>(),
    ) {
        let shape: Vec<usize> = if two_d { vec![1, 4] } else { vec![4] };
        let (tin, tout) = if two_d {
            ("tensor<1x4x!graph.string>", "tensor<1x?x!graph.string>")
        } else {
            ("tensor<4x!graph.string>", "tensor<?x!graph.string>")
        };
        let src = format!(
            "func.func @f(%x: {tin}) -> {tout} {{\n\
             %0 = \"graph.string_normalizer\"(%x) <{{case_change_action = \"{case}\", \
             is_case_sensitive = {} : i64, stopwords = [\"monday\", \"a\", \"\"]}}> : ({tin}) -> {tout}\n\
             return %0 : {tout}\n}}\n",
            i64::from(sensitive)
        );
        let (before, after) = before_after(&src, vec![strs(&shape, &x)]);
        prop_assert_eq!(before, after);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn split_runtime_sized(
        x in words(4),
        delimiter in prop::sample::select(vec!["", " ", "b", "é", "a b"]),
        maxsplit in prop::option::of(0i64..3),
    ) {
        let max = maxsplit.map_or(String::new(), |m| format!(", maxsplit = {m} : i64"));
        let src = format!(
            "func.func @f(%x: tensor<2x2x!graph.string>) -> (tensor<2x2x?x!graph.string>, tensor<2x2xi64>) {{\n\
             %0, %1 = \"graph.string_split\"(%x) <{{delimiter = \"{delimiter}\"{max}}}> : \
             (tensor<2x2x!graph.string>) -> (tensor<2x2x?x!graph.string>, tensor<2x2xi64>)\n\
             return %0, %1 : tensor<2x2x?x!graph.string>, tensor<2x2xi64>\n}}\n"
        );
        let (before, after) = before_after(&src, vec![strs(&[2, 2], &x)]);
        prop_assert_eq!(before, after);
    }
}

#[test]
fn invalid_pattern_and_split_are_refused() {
    let ctx = strata::default_context();
    for (src, op, why) in [
        (
            r#"func.func @f(%x: tensor<2x!graph.string>) -> tensor<2xi1> {
  %0 = "graph.regex_full_match"(%x) <{pattern = "a{2,1}"}> : (tensor<2x!graph.string>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}"#,
            "regex_full_match",
            "invalid regular expression",
        ),
        (
            r#"func.func @f(%x: tensor<2x!graph.string>) -> tensor<2xi64> {
  %0, %1 = "graph.string_split"(%x) : (tensor<2x!graph.string>) -> (tensor<2x?x!graph.string>, tensor<2xi64>)
  return %1 : tensor<2xi64>
}"#,
            "string_split",
            "returned directly from the function",
        ),
    ] {
        let mut m = strata_ir::text::parse(&ctx, "t.mlir", src, &Default::default()).unwrap();
        let pm = PassManager::new(
            parse_pipeline("graph-to-tensor{full=true}", "builtin.module").unwrap(),
        );
        let report = pm.run(&ctx, &mut m);
        assert!(report.failed);
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.message.contains(&format!("'graph.{op}'"))
                    && d.message.contains("graph-to-tensor")
                    && d.message.contains(why)),
            "{:?}",
            report.diagnostics
        );
    }
}

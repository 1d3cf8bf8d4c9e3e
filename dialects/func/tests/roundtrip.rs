//! Property test: random function signatures (argument/result types and attributes,
//! visibility, declaration or definition) and calls print in the custom form, parse back, and
//! print identically, in both the custom and the generic form.

use proptest::prelude::*;
use strata_ir::text::{parse, print_module, ParseOptions, PrintOptions};
use strata_ir::verify::verify_module;
use strata_ir::{Attribute, Context, Module, OpBuilder, OperationState, Type, Value};

fn ctx() -> Context {
    let mut ctx = Context::new();
    strata_dialect_builtin::register(&mut ctx);
    strata_dialect_func::register(&mut ctx);
    ctx
}

/// A type from a small pool: scalars, a tensor, and a function type.
fn ty(ctx: &Context, k: u8) -> Type {
    match k % 6 {
        0 => ctx.i32(),
        1 => ctx.f32(),
        2 => ctx.index_type(),
        3 => ctx.tensor_type(&[2, strata_ir::types::DYNAMIC], ctx.f32()),
        4 => ctx.function_type(&[ctx.i32()], &[ctx.i64()]),
        _ => ctx.int_type(1),
    }
}

/// An argument/result attribute dictionary: empty or one dialect attribute.
fn dict(ctx: &Context, k: u8) -> Attribute {
    match k % 3 {
        0 => ctx.empty_dict(),
        1 => ctx.dict_attr(&[("test.flag", ctx.unit_attr())]),
        _ => ctx.dict_attr(&[("test.n", ctx.int_attr(i128::from(k), ctx.i32()))]),
    }
}

#[derive(Debug, Clone)]
struct Sig {
    args: Vec<(u8, u8)>,
    results: Vec<(u8, u8)>,
    visibility: u8,
    external: bool,
    fn_attr: bool,
}

fn sig() -> impl Strategy<Value = Sig> {
    (
        prop::collection::vec((any::<u8>(), any::<u8>()), 0..4),
        prop::collection::vec((any::<u8>(), any::<u8>()), 0..4),
        0u8..4,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(args, results, visibility, external, fn_attr)| Sig {
            args,
            results,
            visibility,
            external,
            fn_attr,
        })
}

/// Build a module with a function of signature `s` (a declaration when `s.external`) and a
/// caller that calls it directly and through `func.constant`/`func.call_indirect`.
fn build(ctx: &Context, s: &Sig) -> Module {
    let mut m = Module::new(ctx);
    let blk = m.block().unwrap();
    let inputs: Vec<Type> = s.args.iter().map(|&(t, _)| ty(ctx, t)).collect();
    let results: Vec<Type> = s.results.iter().map(|&(t, _)| ty(ctx, t)).collect();
    let fty = ctx.function_type(&inputs, &results);
    let body = m.region_body_mut();

    let mut st = OperationState::new(ctx, ctx.op_name("func.func"), ctx.unknown_loc());
    let mut props = vec![
        ("sym_name", ctx.string_attr("callee")),
        ("function_type", ctx.type_attr(fty)),
    ];
    let vis = ["public", "private", "nested"];
    let visibility = if s.external { 1 } else { s.visibility };
    if let Some(v) = vis.get(usize::from(visibility)) {
        props.push(("sym_visibility", ctx.string_attr(v)));
    }
    let arg_dicts: Vec<Attribute> = s.args.iter().map(|&(_, a)| dict(ctx, a)).collect();
    if arg_dicts.iter().any(|&d| d != ctx.empty_dict()) {
        props.push(("arg_attrs", ctx.array_attr(&arg_dicts)));
    }
    let res_dicts: Vec<Attribute> = s.results.iter().map(|&(_, a)| dict(ctx, a)).collect();
    if res_dicts.iter().any(|&d| d != ctx.empty_dict()) {
        props.push(("res_attrs", ctx.array_attr(&res_dicts)));
    }
    st.props = Some(ctx.dict_attr(&props));
    if s.fn_attr {
        st.attrs = Some(ctx.dict_attr(&[("test.tag", ctx.string_attr("t"))]));
    }
    let r = st.add_region(body);
    if !s.external {
        let rb = st.region_body(body);
        let b = rb.create_block();
        rb.append_block(r, b);
        let args: Vec<Value> = inputs.iter().map(|&t| rb.add_block_arg(b, t)).collect();
        let mut ob = OpBuilder::at_end(ctx, rb, b);
        // Return values: the arguments where types line up, else results of a call to self.
        let call = ob.build(
            "func.call",
            &args,
            &results,
            &[("callee", ctx.symbol_ref_attr("callee"))],
        );
        let vals: Vec<Value> = ob.body.results(call).to_vec();
        ob.build("func.return", &vals, &[], &[]);
    }
    let f = body.create_op(st);
    body.append_op(blk, f);

    // The caller takes the callee's inputs as arguments.
    let caller_ty = ctx.function_type(&inputs, &results);
    let mut st = OperationState::new(ctx, ctx.op_name("func.func"), ctx.unknown_loc());
    st.props = Some(ctx.dict_attr(&[
        ("sym_name", ctx.string_attr("caller")),
        ("function_type", ctx.type_attr(caller_ty)),
    ]));
    let r = st.add_region(body);
    let rb = st.region_body(body);
    let b = rb.create_block();
    rb.append_block(r, b);
    let args: Vec<Value> = inputs.iter().map(|&t| rb.add_block_arg(b, t)).collect();
    let mut ob = OpBuilder::at_end(ctx, rb, b);
    let direct = ob.build(
        "func.call",
        &args,
        &results,
        &[("callee", ctx.symbol_ref_attr("callee"))],
    );
    let c = ob.build_value(
        "func.constant",
        &[],
        fty,
        &[("value", ctx.symbol_ref_attr("callee"))],
    );
    let mut operands = vec![c];
    operands.extend_from_slice(&args);
    ob.build("func.call_indirect", &operands, &results, &[]);
    let vals: Vec<Value> = ob.body.results(direct).to_vec();
    ob.build("func.return", &vals, &[], &[]);
    let caller = body.create_op(st);
    body.append_op(blk, caller);
    m
}

proptest! {
    #[test]
    fn signatures_round_trip(s in sig()) {
        let ctx = ctx();
        let m = build(&ctx, &s);
        prop_assert!(verify_module(&ctx, &m).is_ok(), "{:?}", verify_module(&ctx, &m));
        for generic in [false, true] {
            let opts = PrintOptions { generic, ..PrintOptions::default() };
            let text = print_module(&ctx, &m, &opts);
            let parsed = parse(&ctx, "roundtrip.mlir", &text, &ParseOptions::default());
            let parsed = match parsed {
                Ok(p) => p,
                Err(e) => return Err(TestCaseError::fail(format!("{e:?}\n{text}"))),
            };
            prop_assert!(verify_module(&ctx, &parsed).is_ok(), "{text}");
            prop_assert_eq!(print_module(&ctx, &parsed, &opts), text);
        }
    }
}

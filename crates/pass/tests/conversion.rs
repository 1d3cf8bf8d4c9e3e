//! Dialect conversion tests with two toy dialects defined here: `src` (i32 ops, illegal) and
//! `dst` (i64 ops, legal), a type converter from i32 to i64, block signature conversion,
//! nested isolated bodies, materialisations and the failure diagnostics.

use strata_ir::{
    Arity, AttrKind, Block, Body, Context, DialectDef, Op, OpBuilder, OpDef, OperationState,
    Region, Traits, Type, Value,
};
use strata_pass::rewrite::conversion::{
    apply_full_conversion, apply_partial_conversion, ConversionPattern, ConversionRewriter,
    ConversionTarget, TypeConversion, TypeConverter, UnknownOpPolicy,
};

static SRC: DialectDef = DialectDef {
    name: "src",
    summary: "source toy dialect",
    description: "",
    ops: &[
        &SRC_CONST, &SRC_ADD, &SRC_MUL, &SRC_RET, &SRC_FUNC, &SRC_ISO, &SRC_LOOP,
    ],
};
static SRC_CONST: OpDef = OpDef {
    traits: Traits::PURE,
    results: Arity::Exactly(1),
    ..OpDef::new("src.const")
};
static SRC_ADD: OpDef = OpDef {
    traits: Traits::PURE,
    operands: Arity::Exactly(2),
    results: Arity::Exactly(1),
    ..OpDef::new("src.add")
};
static SRC_MUL: OpDef = OpDef {
    traits: Traits::PURE,
    operands: Arity::Exactly(2),
    results: Arity::Exactly(1),
    ..OpDef::new("src.mul")
};
static SRC_RET: OpDef = OpDef {
    traits: Traits::TERMINATOR,
    ..OpDef::new("src.ret")
};
static SRC_FUNC: OpDef = OpDef {
    regions: Arity::Exactly(1),
    ..OpDef::new("src.func")
};
static SRC_ISO: OpDef = OpDef {
    traits: Traits::ISOLATED_FROM_ABOVE,
    regions: Arity::Exactly(1),
    ..OpDef::new("src.iso")
};
static SRC_LOOP: OpDef = OpDef {
    results: Arity::Exactly(1),
    ..OpDef::new("src.loop")
};

static DST: DialectDef = DialectDef {
    name: "dst",
    summary: "target toy dialect",
    description: "",
    ops: &[&DST_CONST, &DST_ADD, &DST_RET],
};
static DST_CONST: OpDef = OpDef {
    traits: Traits::PURE,
    results: Arity::Exactly(1),
    ..OpDef::new("dst.const")
};
static DST_ADD: OpDef = OpDef {
    traits: Traits::PURE,
    operands: Arity::Exactly(2),
    results: Arity::Exactly(1),
    ..OpDef::new("dst.add")
};
static DST_RET: OpDef = OpDef {
    traits: Traits::TERMINATOR,
    ..OpDef::new("dst.ret")
};

fn ctx() -> Context {
    let mut c = Context::new();
    c.register_dialect(&strata_dialect_builtin::DIALECT);
    c.register_dialect(&SRC);
    c.register_dialect(&DST);
    c.allow_unregistered = true;
    c
}

/// i32 -> i64; every other type is legal as is.
fn converter() -> TypeConverter<'static> {
    let mut tc = TypeConverter::new();
    tc.add_conversion(|_, t| TypeConversion::Converted(t));
    tc.add_conversion(|ctx, t| {
        if t == ctx.i32() {
            TypeConversion::Converted(ctx.i64())
        } else {
            TypeConversion::NotHandled
        }
    });
    tc
}

/// `src` illegal, `dst` legal; `src.func` legal once its block arguments are i64.
fn target() -> ConversionTarget<'static> {
    let mut t = ConversionTarget::new();
    t.add_illegal_dialect("src").add_legal_dialect("dst");
    t.add_dynamically_legal_op("src.func", |op| {
        let body = op.body;
        body.regions(op.op).iter().all(|&r| {
            body.region_blocks(r).iter().all(|&b| {
                body.block_args(b)
                    .iter()
                    .all(|&a| body.value_type(a) != op.ctx.i32())
            })
        })
    });
    t.add_legal_op("src.iso");
    t
}

struct ConstToDst;
impl ConversionPattern for ConstToDst {
    fn name(&self) -> &str {
        "const-to-dst"
    }
    fn root(&self) -> Option<&str> {
        Some("src.const")
    }
    fn match_and_rewrite(&self, op: Op, _: &[Value], rw: &mut ConversionRewriter<'_>) -> bool {
        let old = rw.op_ref(op).attr("value");
        let Some(AttrKind::Integer { value, .. }) = old.map(|a| rw.ctx.attr_kind(a).clone()) else {
            return rw.notify_match_failure(op, "no integer value");
        };
        let ty = rw.ctx.i64();
        let a = rw.ctx.int_attr(value, ty);
        let v = rw.build_value("dst.const", &[], ty, &[("value", a)]);
        rw.replace_op(op, &[v]);
        true
    }
}

struct AddToDst;
impl ConversionPattern for AddToDst {
    fn name(&self) -> &str {
        "add-to-dst"
    }
    fn root(&self) -> Option<&str> {
        Some("src.add")
    }
    fn match_and_rewrite(&self, op: Op, ops: &[Value], rw: &mut ConversionRewriter<'_>) -> bool {
        let old = rw.body().value_type(rw.body().result(op, 0));
        let Some(ty) = rw.convert_type(old) else {
            return false;
        };
        let v = rw.build_value("dst.add", ops, ty, &[]);
        rw.replace_op(op, &[v]);
        true
    }
}

struct RetToDst;
impl ConversionPattern for RetToDst {
    fn name(&self) -> &str {
        "ret-to-dst"
    }
    fn root(&self) -> Option<&str> {
        Some("src.ret")
    }
    fn match_and_rewrite(&self, op: Op, ops: &[Value], rw: &mut ConversionRewriter<'_>) -> bool {
        rw.build("dst.ret", ops, &[], &[]);
        rw.replace_op(op, &[]);
        true
    }
}

struct FuncSignature;
impl ConversionPattern for FuncSignature {
    fn name(&self) -> &str {
        "func-signature"
    }
    fn root(&self) -> Option<&str> {
        Some("src.func")
    }
    fn match_and_rewrite(&self, op: Op, _: &[Value], rw: &mut ConversionRewriter<'_>) -> bool {
        rw.convert_region_types(op, 0)
    }
}

struct MulByOne;
impl ConversionPattern for MulByOne {
    fn name(&self) -> &str {
        "mul-by-one"
    }
    fn root(&self) -> Option<&str> {
        Some("src.mul")
    }
    fn match_and_rewrite(&self, op: Op, _: &[Value], rw: &mut ConversionRewriter<'_>) -> bool {
        rw.notify_match_failure(op, "only multiplications by one are supported")
    }
}

struct LoopForever;
impl ConversionPattern for LoopForever {
    fn name(&self) -> &str {
        "loop-forever"
    }
    fn root(&self) -> Option<&str> {
        Some("src.loop")
    }
    fn match_and_rewrite(&self, op: Op, _: &[Value], rw: &mut ConversionRewriter<'_>) -> bool {
        let ty = rw.ctx.i64();
        let v = rw.build_value("src.loop", &[], ty, &[]);
        rw.replace_op(op, &[v]);
        true
    }
}

struct ChangesThenFails;
impl ConversionPattern for ChangesThenFails {
    fn name(&self) -> &str {
        "changes-then-fails"
    }
    fn root(&self) -> Option<&str> {
        Some("src.mul")
    }
    fn match_and_rewrite(&self, op: Op, _: &[Value], rw: &mut ConversionRewriter<'_>) -> bool {
        let u = rw.ctx.unit_attr();
        rw.set_attr(op, "touched", Some(u));
        false
    }
}

fn all_patterns() -> Vec<&'static dyn ConversionPattern> {
    vec![&ConstToDst, &AddToDst, &RetToDst, &FuncSignature, &MulByOne]
}

fn region_body() -> (Body, Region, Block) {
    let mut body = Body::new();
    let r = body.new_region();
    let b = body.create_block();
    body.append_block(r, b);
    (body, r, b)
}

fn konst(ctx: &Context, body: &mut Body, b: Block, v: i128) -> Value {
    let a = ctx.int_attr(v, ctx.i32());
    OpBuilder::at_end(ctx, body, b).build_value("src.const", &[], ctx.i32(), &[("value", a)])
}

fn build(ctx: &Context, body: &mut Body, b: Block, name: &str, ops: &[Value], res: &[Type]) -> Op {
    OpBuilder::at_end(ctx, body, b).build(name, ops, res, &[])
}

fn names(ctx: &Context, body: &Body, b: Block) -> Vec<String> {
    body.block_ops(b)
        .map(|o| ctx.op_name_str(body.name(o)).to_string())
        .collect()
}

#[test]
fn full_conversion_legalizes_everything() {
    let ctx = ctx();
    let (mut body, r, b) = region_body();
    let c1 = konst(&ctx, &mut body, b, 1);
    let c2 = konst(&ctx, &mut body, b, 2);
    let a = build(&ctx, &mut body, b, "src.add", &[c1, c2], &[ctx.i32()]);
    let av = body.result(a, 0);
    build(&ctx, &mut body, b, "src.ret", &[av], &[]);
    let tc = converter();
    let out = apply_full_conversion(&ctx, &mut body, &[r], &target(), &all_patterns(), Some(&tc))
        .expect("converts");
    assert_eq!(out.num_rewrites, 4);
    assert_eq!(out.num_live_materializations, 0);
    assert_eq!(
        names(&ctx, &body, b),
        ["dst.const", "dst.const", "dst.add", "dst.ret"]
    );
    let add = body.block_ops(b).nth(2).unwrap();
    assert_eq!(body.value_type(body.result(add, 0)), ctx.i64());
    let ret = body.last_op(b).unwrap();
    assert_eq!(body.operand(ret, 0), body.result(add, 0));
}

#[test]
fn failure_names_the_op_and_the_patterns_tried() {
    let ctx = ctx();
    let (mut body, r, b) = region_body();
    let c1 = konst(&ctx, &mut body, b, 1);
    let m = build(&ctx, &mut body, b, "src.mul", &[c1, c1], &[ctx.i32()]);
    let mv = body.result(m, 0);
    build(&ctx, &mut body, b, "src.ret", &[mv], &[]);
    let tc = converter();
    let err =
        apply_partial_conversion(&ctx, &mut body, &[r], &target(), &all_patterns(), Some(&tc))
            .unwrap_err();
    assert_eq!(
        err.message,
        "failed to legalize operation 'src.mul' that was explicitly marked illegal"
    );
    let notes: Vec<&str> = err.notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(
        notes,
        ["tried pattern 'mul-by-one': only multiplications by one are supported"]
    );

    // Without any pattern for it, and in a full conversion.
    let (mut body, r, b) = region_body();
    let c1 = konst(&ctx, &mut body, b, 1);
    build(&ctx, &mut body, b, "src.mul", &[c1, c1], &[ctx.i32()]);
    let err = apply_full_conversion(&ctx, &mut body, &[r], &target(), &[&ConstToDst], Some(&tc))
        .unwrap_err();
    assert_eq!(err.message, "failed to legalize operation 'src.mul'");
    assert_eq!(
        err.notes[0].message,
        "no conversion pattern applies to this operation"
    );
}

#[test]
fn partial_conversion_inserts_materializations() {
    let ctx = ctx();
    let (mut body, r, b) = region_body();
    // An unknown op producing an i32 used by a converted op: target materialisation.
    let d = build(&ctx, &mut body, b, "other.def", &[], &[ctx.i32()]);
    let dv = body.result(d, 0);
    let c = konst(&ctx, &mut body, b, 3);
    let a = build(&ctx, &mut body, b, "src.add", &[dv, c], &[ctx.i32()]);
    let av = body.result(a, 0);
    // An unknown op using a converted value: source materialisation.
    let u = build(&ctx, &mut body, b, "other.use", &[av], &[]);
    let tc = converter();
    let out =
        apply_partial_conversion(&ctx, &mut body, &[r], &target(), &all_patterns(), Some(&tc))
            .expect("converts");
    assert_eq!(out.num_live_materializations, 2);
    assert_eq!(
        names(&ctx, &body, b),
        [
            "other.def",
            "dst.const",
            "builtin.unrealized_conversion_cast",
            "dst.add",
            "builtin.unrealized_conversion_cast",
            "other.use"
        ]
    );
    let cast_in = body.block_ops(b).nth(2).unwrap();
    assert_eq!(body.operand(cast_in, 0), dv);
    assert_eq!(body.value_type(body.result(cast_in, 0)), ctx.i64());
    let cast_out = body.defining_op(body.operand(u, 0)).unwrap();
    assert_eq!(
        ctx.op_name_str(body.name(cast_out)),
        "builtin.unrealized_conversion_cast"
    );
    assert_eq!(body.value_type(body.operand(cast_out, 0)), ctx.i64());
    assert_eq!(body.value_type(body.operand(u, 0)), ctx.i32());

    // The same input in a full conversion: the live cast is an error.
    let (mut body, r, b) = region_body();
    let c = konst(&ctx, &mut body, b, 3);
    build(&ctx, &mut body, b, "other.use", &[c], &[]);
    let mut t = target();
    t.add_legal_op("other.use");
    let err =
        apply_full_conversion(&ctx, &mut body, &[r], &t, &all_patterns(), Some(&tc)).unwrap_err();
    assert_eq!(
        err.message,
        "failed to legalize unresolved materialization from (i64) to (i32) that remained live \
         after conversion"
    );
}

#[test]
fn block_signatures_are_converted() {
    let ctx = ctx();
    let (mut body, r, b) = region_body();
    let mut st = OperationState::new(&ctx, ctx.op_name("src.func"), ctx.unknown_loc());
    let fr = st.add_region(&mut body);
    let f = body.create_op(st);
    body.append_op(b, f);
    let fb = body.create_block();
    body.append_block(fr, fb);
    let arg = body.add_block_arg(fb, ctx.i32());
    let a = build(&ctx, &mut body, fb, "src.add", &[arg, arg], &[ctx.i32()]);
    let av = body.result(a, 0);
    build(&ctx, &mut body, fb, "src.ret", &[av], &[]);
    let tc = converter();
    apply_full_conversion(&ctx, &mut body, &[r], &target(), &all_patterns(), Some(&tc))
        .expect("converts");
    assert_eq!(body.value_type(arg), ctx.i64());
    assert_eq!(names(&ctx, &body, fb), ["dst.add", "dst.ret"]);
    let add = body.first_op(fb).unwrap();
    assert_eq!(body.operand(add, 0), arg);
    assert_eq!(body.operand(add, 1), arg);
}

#[test]
fn nested_isolated_bodies_are_converted() {
    let ctx = ctx();
    let (mut body, r, b) = region_body();
    let mut st = OperationState::new(&ctx, ctx.op_name("src.iso"), ctx.unknown_loc());
    let ir = st.add_region(&mut body);
    {
        let nb = st.region_body(&mut body);
        let blk = nb.create_block();
        nb.append_block(ir, blk);
        let c = konst(&ctx, nb, blk, 5);
        build(&ctx, nb, blk, "src.ret", &[c], &[]);
    }
    let iso = body.create_op(st);
    body.append_op(b, iso);
    let tc = converter();
    let out = apply_full_conversion(&ctx, &mut body, &[r], &target(), &all_patterns(), Some(&tc))
        .expect("converts");
    assert_eq!(out.num_rewrites, 2);
    let nb = body.nested(iso).unwrap();
    let blk = nb.entry_block(ir).unwrap();
    assert_eq!(names(&ctx, nb, blk), ["dst.const", "dst.ret"]);
}

#[test]
fn a_pattern_is_not_applied_to_its_own_output() {
    let ctx = ctx();
    let (mut body, r, b) = region_body();
    let l = build(&ctx, &mut body, b, "src.loop", &[], &[ctx.i64()]);
    let lv = body.result(l, 0);
    build(&ctx, &mut body, b, "dst.ret", &[lv], &[]);
    let err = apply_partial_conversion(&ctx, &mut body, &[r], &target(), &[&LoopForever], None)
        .unwrap_err();
    assert_eq!(
        err.message,
        "failed to legalize operation 'src.loop' that was explicitly marked illegal"
    );
    assert_eq!(
        err.notes[0].message,
        "no conversion pattern applies to this operation"
    );
}

#[test]
fn a_pattern_that_changes_ir_and_fails_is_an_error() {
    let ctx = ctx();
    let (mut body, r, b) = region_body();
    let c = konst(&ctx, &mut body, b, 1);
    build(&ctx, &mut body, b, "src.mul", &[c, c], &[ctx.i32()]);
    let err = apply_partial_conversion(
        &ctx,
        &mut body,
        &[r],
        &target(),
        &[&ConstToDst, &ChangesThenFails],
        None,
    )
    .unwrap_err();
    assert!(
        err.message
            .starts_with("conversion pattern 'changes-then-fails' returned failure after changing"),
        "{}",
        err.message
    );
}

#[test]
fn unknown_ops_stay_in_partial_conversion_and_fail_full_conversion() {
    let ctx = ctx();
    let (mut body, r, b) = region_body();
    build(&ctx, &mut body, b, "other.op", &[], &[]);
    let t = target();
    apply_partial_conversion(&ctx, &mut body, &[r], &t, &all_patterns(), None).expect("kept");
    assert_eq!(names(&ctx, &body, b), ["other.op"]);
    let err = apply_full_conversion(&ctx, &mut body, &[r], &t, &all_patterns(), None).unwrap_err();
    assert_eq!(err.message, "failed to legalize operation 'other.op'");
    let mut t = target();
    t.mark_unknown_op_dynamically_legal(|op| op.name() == "other.op");
    apply_full_conversion(&ctx, &mut body, &[r], &t, &all_patterns(), None).expect("legal");
    let mut t = target();
    t.set_unknown_op_policy(UnknownOpPolicy::Legal);
    apply_full_conversion(&ctx, &mut body, &[r], &t, &all_patterns(), None).expect("legal");
}

#[test]
fn custom_materializations_replace_the_default_cast() {
    let ctx = ctx();
    let (mut body, r, b) = region_body();
    let d = build(&ctx, &mut body, b, "other.def", &[], &[ctx.i32()]);
    let dv = body.result(d, 0);
    let a = build(&ctx, &mut body, b, "src.add", &[dv, dv], &[ctx.i32()]);
    let av = body.result(a, 0);
    build(&ctx, &mut body, b, "other.use", &[av], &[]);
    let mut tc = converter();
    tc.add_target_materialization(|rw, v, ty, _| Some(rw.build_value("dst.widen", &[v], ty, &[])));
    tc.add_source_materialization(|rw, v, ty, _| Some(rw.build_value("dst.narrow", &[v], ty, &[])));
    apply_partial_conversion(&ctx, &mut body, &[r], &target(), &all_patterns(), Some(&tc))
        .expect("converts");
    assert_eq!(
        names(&ctx, &body, b),
        [
            "other.def",
            "dst.widen",
            "dst.add",
            "dst.narrow",
            "other.use"
        ]
    );
    assert!(tc.is_legal_type(&ctx, ctx.i64()));
    assert!(!tc.is_legal_type(&ctx, ctx.i32()));
}

//! Tests of the IR store: use-lists, replace-all-uses, erase, clone with mapping, block
//! split/merge, region inlining, walkers, dominance and the verifier's structural checks.

use std::ops::ControlFlow;
use strata_ir::walk::{walk, Order};
use strata_ir::{
    Arity, Body, Context, DialectDef, InsertPoint, IrMapping, Module, OpBuilder, OpDef,
    OperationState, Traits, Use,
};

static T: DialectDef = DialectDef {
    name: "t",
    summary: "test ops for the body tests",
    description: "",
    ops: &[&TERM, &ISO, &PURE, &REGION],
};
static TERM: OpDef = OpDef {
    traits: Traits::TERMINATOR,
    successors: Arity::AtLeast(0),
    ..OpDef::new("t.term")
};
static ISO: OpDef = OpDef {
    traits: Traits::ISOLATED_FROM_ABOVE,
    regions: Arity::Exactly(1),
    ..OpDef::new("t.iso")
};
static REGION: OpDef = OpDef {
    traits: Traits::NO_TERMINATOR,
    regions: Arity::Exactly(1),
    ..OpDef::new("t.region")
};
static PURE: OpDef = OpDef {
    traits: Traits::PURE,
    ..OpDef::new("t.pure")
};

fn ctx() -> Context {
    let mut c = Context::new();
    c.register_dialect(&T);
    c.allow_unregistered = true;
    c
}

/// A body with one region and one block, and a builder-ready block id.
fn block_body() -> (Body, strata_ir::Block) {
    let mut body = Body::new();
    let r = body.new_region();
    let b = body.create_block();
    body.append_block(r, b);
    (body, b)
}

#[test]
fn use_lists_follow_operand_updates() {
    let c = ctx();
    let (mut body, b) = block_body();
    let x = body.add_block_arg(b, c.i32());
    let y = body.add_block_arg(b, c.i32());
    let mut bld = OpBuilder::at_end(&c, &mut body, b);
    let op1 = bld.build("u.add", &[x, x], &[c.i32()], &[]);
    let op2 = bld.build("u.add", &[x, y], &[c.i32()], &[]);
    assert_eq!(body.uses(x).len(), 3);
    body.set_operand(op1, 1, y);
    assert_eq!(body.uses(x).len(), 2);
    assert_eq!(body.uses(y).len(), 2);
    body.replace_all_uses(x, y);
    assert!(!body.has_uses(x));
    assert_eq!(body.uses(y).len(), 4);
    assert_eq!(body.operand_vec(op2).as_slice(), &[y, y]);
    // Every recorded use points at an operand holding the value.
    for u in body.uses(y) {
        assert_eq!(body.operand(u.op, u.index as usize), y);
    }
    body.erase_op(op1);
    assert!(body.uses(y).iter().all(|u| u.op == op2));
    assert_eq!(body.uses(y).len(), 2);
    body.set_operands(op2, &[x]);
    assert_eq!(body.uses(y).len(), 0);
    assert_eq!(body.uses(x), &[Use { op: op2, index: 0 }]);
}

#[test]
fn erase_drops_uses_of_nested_ops() {
    let c = ctx();
    let (mut body, b) = block_body();
    let x = body.add_block_arg(b, c.i32());
    let mut st = OperationState::new(&c, c.op_name("u.region"), c.unknown_loc());
    let r = st.add_region(&mut body);
    let inner = body.create_block();
    body.append_block(r, inner);
    let outer = body.create_op(st);
    body.append_op(b, outer);
    let mut bld = OpBuilder::at_end(&c, &mut body, inner);
    bld.build("u.use", &[x, x], &[], &[]);
    assert_eq!(body.uses(x).len(), 2);
    body.erase_op(outer);
    assert!(!body.has_uses(x));
    assert_eq!(body.block_len(b), 0);
}

#[test]
fn clone_maps_values_blocks_and_successors() {
    let c = ctx();
    let (mut body, b) = block_body();
    let x = body.add_block_arg(b, c.i32());
    let mut st = OperationState::new(&c, c.op_name("u.region"), c.unknown_loc());
    let r = st.add_region(&mut body);
    let b0 = body.create_block();
    let b1 = body.create_block();
    body.append_block(r, b0);
    body.append_block(r, b1);
    let a = body.add_block_arg(b1, c.i32());
    let outer = body.create_op(st);
    body.append_op(b, outer);
    let mut st = OperationState::new(&c, c.op_name("t.term"), c.unknown_loc());
    st.operands = vec![x];
    st.successors = vec![b1];
    let br = body.create_op(st);
    body.append_op(b0, br);
    let mut bld = OpBuilder::at_end(&c, &mut body, b1);
    bld.build("u.use", &[a, x], &[c.i32()], &[]);

    let mut map = IrMapping::default();
    let copy = body.clone_op(&c, outer, &mut map);
    body.append_op(b, copy);
    let cr = body.regions(copy)[0];
    let cblocks = body.region_blocks(cr).to_vec();
    assert_eq!(cblocks.len(), 2);
    assert_ne!(cblocks[1], b1);
    let cbr = body.first_op(cblocks[0]).expect("cloned branch");
    assert_eq!(body.successors(cbr), &[cblocks[1]]);
    let cuse = body.first_op(cblocks[1]).expect("cloned use");
    // Inner values are remapped, outer ones are kept.
    assert_eq!(body.operand(cuse, 0), body.block_args(cblocks[1])[0]);
    assert_eq!(body.operand(cuse, 1), x);
    assert_eq!(body.uses(x).len(), 4);
}

#[test]
fn split_merge_and_inline() {
    let c = ctx();
    let (mut body, b) = block_body();
    let mut bld = OpBuilder::at_end(&c, &mut body, b);
    let o1 = bld.build("u.a", &[], &[c.i32()], &[]);
    let o2 = bld.build("u.b", &[], &[], &[]);
    let o3 = bld.build("u.c", &[], &[], &[]);
    let nb = body.split_block(b, o2);
    assert_eq!(body.block_op_vec(b), vec![o1]);
    assert_eq!(body.block_op_vec(nb), vec![o2, o3]);
    body.merge_blocks(nb, b, &[]);
    assert_eq!(body.block_op_vec(b), vec![o1, o2, o3]);
    let r = body.block_parent(b).expect("in a region");
    assert_eq!(body.region_blocks(r), &[b]);

    let src = body.new_region();
    let x = body.create_block();
    body.append_block(src, x);
    body.inline_region(src, r, 0);
    assert_eq!(body.region_blocks(r), &[x, b]);
    assert!(body.region_blocks(src).is_empty());
    body.move_op(o3, InsertPoint::Start(x));
    assert_eq!(body.block_op_vec(x), vec![o3]);
    assert_eq!(body.block_op_vec(b), vec![o1, o2]);
}

#[test]
fn isolated_ops_get_a_nested_body_and_walks_cross_it() {
    let c = ctx();
    let mut module = Module::new(&c);
    let mb = module.block().expect("module block");
    let mut st = OperationState::new(&c, c.op_name("t.iso"), c.unknown_loc());
    let r = st.add_region(module.region_body_mut());
    assert!(st.nested.is_some());
    {
        let nb = st
            .nested
            .as_deref_mut()
            .expect("isolated op has a nested body");
        let b = nb.create_block();
        nb.append_block(r, b);
        let mut bld = OpBuilder::at_end(&c, nb, b);
        bld.build("t.pure", &[], &[c.i32()], &[]);
        bld.build("t.term", &[], &[], &[]);
    }
    let iso = module.region_body_mut().create_op(st);
    module.region_body_mut().append_op(mb, iso);
    let mut names = Vec::new();
    let _ = walk(
        &module.body,
        module.op,
        Order::Pre,
        &mut |b, o| -> ControlFlow<()> {
            names.push(c.op_name_str(b.name(o)).to_string());
            ControlFlow::Continue(())
        },
    );
    assert_eq!(names, ["builtin.module", "t.iso", "t.pure", "t.term"]);
    let mut post = Vec::new();
    let _ = walk(
        &module.body,
        module.op,
        Order::Post,
        &mut |b, o| -> ControlFlow<()> {
            post.push(c.op_name_str(b.name(o)).to_string());
            ControlFlow::Continue(())
        },
    );
    assert_eq!(post, ["t.pure", "t.term", "t.iso", "builtin.module"]);
    // Interruptible.
    let mut seen = 0;
    let r = walk(&module.body, module.op, Order::Pre, &mut |_, _| {
        seen += 1;
        if seen == 2 {
            ControlFlow::Break(7)
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!(r, ControlFlow::Break(7));
    assert!(strata_ir::verify::verify_module(&c, &module).is_ok());
}

#[test]
fn verifier_reports_dominance_terminators_and_counts() {
    let c = ctx();
    // Use before def in one block.
    let mut module = Module::new(&c);
    let mb = module.block().expect("module block");
    let body = module.region_body_mut();
    let mut st = OperationState::new(&c, c.op_name("t.region"), c.unknown_loc());
    let r = st.add_region(body);
    let blk = body.create_block();
    body.append_block(r, blk);
    let holder = body.create_op(st);
    body.append_op(mb, holder);
    let mut bld = OpBuilder::at_end(&c, body, blk);
    let user = bld.build("u.user", &[], &[], &[]);
    let def = bld.build("u.def", &[], &[c.i32()], &[]);
    let v = body.result(def, 0);
    body.set_operands(user, &[v]);
    let errs = strata_ir::verify::verify_module(&c, &module).expect_err("use before def");
    // The same inside an unregistered op is accepted: its region may be a graph region
    // (MLIR's `mayBeGraphRegion`).
    assert!(
        errs[0]
            .message
            .contains("operand #0 does not dominate this use"),
        "{:?}",
        errs
    );

    // Terminator not last; registered isolated op without terminator; wrong region count.
    let mut module = Module::new(&c);
    let mb = module.block().expect("module block");
    let body = module.region_body_mut();
    let mut st = OperationState::new(&c, c.op_name("t.iso"), c.unknown_loc());
    let r = st.add_region(body);
    let _ = st.add_region(body);
    {
        let nb = st.nested.as_deref_mut().expect("nested");
        let b = nb.create_block();
        nb.append_block(r, b);
        let mut bld = OpBuilder::at_end(&c, nb, b);
        bld.build("t.term", &[], &[], &[]);
        bld.build("t.pure", &[], &[], &[]);
    }
    let iso = body.create_op(st);
    body.append_op(mb, iso);
    let errs = strata_ir::verify::verify_module(&c, &module).expect_err("several errors");
    let msgs: Vec<&str> = errs.iter().map(|d| d.message.as_str()).collect();
    assert!(
        msgs.iter().any(|m| m.contains("requires one region")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("must be the last operation")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("block with no terminator")),
        "{msgs:?}"
    );
}

#[test]
fn unregistered_ops_are_rejected_unless_allowed() {
    let mut c = ctx();
    c.allow_unregistered = false;
    let mut module = Module::new(&c);
    let mb = module.block().expect("module block");
    let body = module.region_body_mut();
    let mut bld = OpBuilder::at_end(&c, body, mb);
    bld.build("zz.op", &[], &[], &[]);
    let errs = strata_ir::verify::verify_module(&c, &module).expect_err("unregistered");
    assert!(
        errs.iter()
            .any(|d| d.message.contains("unregistered operation 'zz.op'")),
        "{errs:?}"
    );
}

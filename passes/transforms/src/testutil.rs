//! Helpers for the unit tests: a context with the in-tree dialects, builders for functions,
//! a pipeline runner that verifies, and a structural fingerprint of IR (the printer may be
//! unavailable) used to compare results.

use std::fmt::Write as _;
use strata_ir::{
    Attribute, Block, Body, Context, Module, Op, OpBuilder, OperationState, Region, Type, Value,
    ValueDef,
};
use strata_pass::{parse_pipeline, PassManager, RunReport};

/// A context with builtin, func, arith and test registered, the interfaces attached and
/// unregistered ops allowed.
pub fn ctx() -> Context {
    let mut c = Context::new();
    c.register_dialect(&strata_dialect_builtin::DIALECT);
    c.register_dialect(&strata_dialect_func::DIALECT);
    c.register_dialect(&strata_dialect_arith::DIALECT);
    c.register_dialect(&strata_dialect_test::DIALECT);
    crate::register_interfaces(&mut c);
    c.allow_unregistered = true;
    c
}

/// Add `func.func @name(inputs) -> results` with an entry block to the module. Returns the
/// function op and its entry block.
pub fn add_func(
    c: &Context,
    m: &mut Module,
    name: &str,
    inputs: &[Type],
    results: &[Type],
    private: bool,
) -> (Op, Block) {
    let mb = m.block().expect("module block");
    let fty = c.function_type(inputs, results);
    let mut st = OperationState::new(c, c.op_name("func.func"), c.unknown_loc());
    let mut props = vec![
        ("sym_name", c.string_attr(name)),
        ("function_type", c.type_attr(fty)),
    ];
    if private {
        props.push(("sym_visibility", c.string_attr("private")));
    }
    st.props = Some(c.dict_attr(&props));
    let r = st.add_region(m.region_body_mut());
    let entry = {
        let fb = st.region_body(m.region_body_mut());
        let b = fb.create_block();
        fb.append_block(r, b);
        for &t in inputs {
            fb.add_block_arg(b, t);
        }
        b
    };
    let f = m.region_body_mut().create_op(st);
    m.region_body_mut().append_op(mb, f);
    (f, entry)
}

/// The nested body of function `f`.
pub fn fbody(m: &mut Module, f: Op) -> &mut Body {
    m.region_body_mut().nested_mut(f).expect("function body")
}

/// A builder at the end of `b` in `body`.
pub fn at_end<'a>(c: &'a Context, body: &'a mut Body, b: Block) -> OpBuilder<'a> {
    OpBuilder::at_end(c, body, b)
}

/// `test.pure` with operands, one `i32` result and a `tag` property.
pub fn pure(bld: &mut OpBuilder<'_>, operands: &[Value], tag: i64) -> Value {
    let t = bld.ctx.int_attr(tag as i128, bld.ctx.i64());
    let i32t = bld.ctx.i32();
    bld.build_value("test.pure", operands, i32t, &[("tag", t)])
}

/// An op with side effects (`test.op`) using `operands`, with one `i32` result.
pub fn effect(bld: &mut OpBuilder<'_>, operands: &[Value]) -> Value {
    let i32t = bld.ctx.i32();
    bld.build_value("test.op", operands, i32t, &[])
}

/// `arith.constant <v> : i32`.
pub fn const_i32(bld: &mut OpBuilder<'_>, v: i64) -> Value {
    let i32t = bld.ctx.i32();
    let a = bld.ctx.int_attr(v as i128, i32t);
    bld.build_value("arith.constant", &[], i32t, &[("value", a)])
}

/// `func.return operands`.
pub fn ret(bld: &mut OpBuilder<'_>, operands: &[Value]) -> Op {
    bld.build("func.return", operands, &[], &[])
}

/// Create an op with one region (in the same body) holding one empty block, inserted at the
/// builder's insertion point. Returns the op and the block.
pub fn region_op(
    bld: &mut OpBuilder<'_>,
    name: &str,
    operands: &[Value],
    results: &[Type],
) -> (Op, Block) {
    let ctx = bld.ctx;
    let mut st = OperationState::new(ctx, ctx.op_name(name), bld.loc);
    st.operands = operands.to_vec();
    st.result_types = results.to_vec();
    let r = st.add_region(bld.body);
    let b = {
        let rb = st.region_body(bld.body);
        let b = rb.create_block();
        rb.append_block(r, b);
        b
    };
    let op = bld.create(st);
    (op, b)
}

/// Run `pipeline` on `m` with statistics, asserting that it succeeds and that the result
/// verifies. (Verification runs once at the end: the pass manager's per-pass verification of
/// module-level passes resolves symbols through the module whose body it has taken out.)
pub fn run(c: &Context, m: &mut Module, pipeline: &str) -> RunReport {
    let mut pm =
        PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("valid pipeline"));
    pm.verify_each = false;
    pm.statistics = true;
    let report = pm.run(c, m);
    assert!(
        !report.failed,
        "{pipeline} failed: {:#?}\nIR:\n{}",
        report.diagnostics,
        fingerprint(c, m)
    );
    verify(c, m);
    report
}

/// Whether the statistics of `report` contain `needle` (e.g. `"(2) num-cse'd"`).
pub fn stat(report: &RunReport, needle: &str) -> bool {
    report
        .statistics
        .as_deref()
        .is_some_and(|s| s.contains(needle))
}

/// Verify the module, panicking with the diagnostics.
pub fn verify(c: &Context, m: &Module) {
    if let Err(e) = strata_ir::verify::verify_module(c, m) {
        panic!("verification failed: {e:#?}\nIR:\n{}", fingerprint(c, m));
    }
}

/// Count the ops named `name` anywhere in the module.
pub fn count(c: &Context, m: &Module, name: &str) -> usize {
    let mut n = 0;
    let _ = strata_ir::walk::walk(&m.body, m.op, strata_ir::walk::Order::Pre, &mut |b, o| {
        if c.op_name_str(b.name(o)) == name {
            n += 1;
        }
        std::ops::ControlFlow::<()>::Continue(())
    });
    n
}

/// A canonical text form of the IR's structure: op names, operands (numbered in definition
/// order per body), result types, attributes (context indices), locations, successors and
/// regions. Equal fingerprints mean structurally identical IR.
pub fn fingerprint(c: &Context, m: &Module) -> String {
    let mut out = String::new();
    fp_op(c, &m.body, m.op, 0, &mut Numbering::default(), &mut out);
    out
}

#[derive(Default)]
struct Numbering {
    values: rustc_hash::FxHashMap<Value, usize>,
    blocks: rustc_hash::FxHashMap<Block, usize>,
}

fn attr_text(a: Attribute) -> String {
    format!("#{}", a.index())
}

fn fp_op(c: &Context, body: &Body, op: Op, depth: usize, n: &mut Numbering, out: &mut String) {
    let d = body.op(op);
    let pad = "  ".repeat(depth);
    let results: Vec<String> = body
        .results(op)
        .iter()
        .map(|&r| {
            let k = n.values.len();
            n.values.insert(r, k);
            format!("%{k}")
        })
        .collect();
    let operands: Vec<String> = body
        .operands(op)
        .map(|v| match n.values.get(&v) {
            Some(k) => format!("%{k}"),
            None => match body.value_def(v) {
                ValueDef::Result(..) => "%?".into(),
                ValueDef::BlockArg(..) => "%?arg".into(),
            },
        })
        .collect();
    let types: Vec<String> = body
        .results(op)
        .iter()
        .map(|&r| format!("t{:?}", body.value_type(r)))
        .collect();
    let succ: Vec<String> = body
        .successors(op)
        .iter()
        .map(|b| format!("^{}", n.blocks.get(b).copied().unwrap_or(usize::MAX)))
        .collect();
    let _ = writeln!(
        out,
        "{pad}{} = {}({}) props{} attrs{} loc{} -> ({}) [{}]",
        results.join(", "),
        c.op_name_str(d.name()),
        operands.join(", "),
        attr_text(d.props),
        attr_text(d.attrs),
        attr_text(d.loc.0),
        types.join(", "),
        succ.join(", ")
    );
    let rb = body.region_body(op);
    let mut inner = Numbering::default();
    let num = if body.nested(op).is_some() {
        &mut inner
    } else {
        n
    };
    for &r in body.regions(op) {
        fp_region(c, rb, r, depth + 1, num, out);
    }
}

fn fp_region(
    c: &Context,
    body: &Body,
    r: Region,
    depth: usize,
    n: &mut Numbering,
    out: &mut String,
) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(out, "{pad}{{");
    for &b in body.region_blocks(r) {
        let k = n.blocks.len();
        n.blocks.insert(b, k);
    }
    for &b in body.region_blocks(r) {
        let args: Vec<String> = body
            .block_args(b)
            .iter()
            .map(|&a| {
                let k = n.values.len();
                n.values.insert(a, k);
                format!("%{k}: t{:?}", body.value_type(a))
            })
            .collect();
        let _ = writeln!(out, "{pad}^{}({}):", n.blocks[&b], args.join(", "));
        for o in body.block_op_vec(b) {
            fp_op(c, body, o, depth + 1, n, out);
        }
    }
    let _ = writeln!(out, "{pad}}}");
}

/// Append `test.br ^dest(operands)` to `blk`.
pub fn br(c: &Context, body: &mut Body, blk: Block, dest: Block, operands: &[Value]) -> Op {
    let mut st = OperationState::new(c, c.op_name("test.br"), c.unknown_loc());
    st.operands = operands.to_vec();
    st.successors = vec![dest];
    let op = body.create_op(st);
    body.append_op(blk, op);
    op
}

/// Append MLIR's generic `cf.cond_br %cond, ^t(t_ops), ^f(f_ops)` (an unregistered op here)
/// to `blk`.
pub fn cond_br(
    c: &Context,
    body: &mut Body,
    blk: Block,
    cond: Value,
    (t, t_ops): (Block, &[Value]),
    (f, f_ops): (Block, &[Value]),
) -> Op {
    let mut data = Vec::new();
    for n in [1, t_ops.len() as i32, f_ops.len() as i32] {
        data.extend_from_slice(&n.to_le_bytes());
    }
    let seg = c.attr(strata_ir::AttrKind::DenseArray {
        elem: c.i32(),
        len: 3,
        data: data.into_boxed_slice(),
    });
    let mut st = OperationState::new(c, c.op_name("cf.cond_br"), c.unknown_loc());
    st.operands = std::iter::once(cond)
        .chain(t_ops.iter().copied())
        .chain(f_ops.iter().copied())
        .collect();
    st.successors = vec![t, f];
    st.props = Some(c.dict_attr(&[("operandSegmentSizes", seg)]));
    let op = body.create_op(st);
    body.append_op(blk, op);
    op
}

/// Append `n` new blocks to the region of `entry`.
pub fn new_blocks(body: &mut Body, entry: Block, n: usize) -> Vec<Block> {
    let r = body.block_parent(entry).expect("attached block");
    (0..n)
        .map(|_| {
            let b = body.create_block();
            body.append_block(r, b);
            b
        })
        .collect()
}

/// `test.symbol @name` with an optional visibility.
pub fn symbol(bld: &mut OpBuilder<'_>, name: &str, vis: Option<&str>) -> Op {
    let c = bld.ctx;
    let mut props = vec![("sym_name", c.string_attr(name))];
    if let Some(v) = vis {
        props.push(("sym_visibility", c.string_attr(v)));
    }
    bld.build("test.symbol", &[], &[], &props)
}

/// A symbol reference `@root::@nested...`.
pub fn sym_ref(c: &Context, path: &[&str]) -> Attribute {
    c.attr(strata_ir::AttrKind::SymbolRef {
        root: c.sym(path[0]),
        nested: path[1..].iter().map(|s| c.sym(s)).collect(),
    })
}

/// `test.use_symbol @path`.
pub fn use_symbol(bld: &mut OpBuilder<'_>, path: &[&str]) -> Op {
    let r = sym_ref(bld.ctx, path);
    bld.build("test.use_symbol", &[], &[], &[("sym", r)])
}

/// `func.call @callee(args) : results`.
pub fn call(bld: &mut OpBuilder<'_>, callee: &str, args: &[Value], results: &[Type]) -> Op {
    let r = sym_ref(bld.ctx, &[callee]);
    bld.build("func.call", args, results, &[("callee", r)])
}

/// Whether the module's top level has a symbol named `name`.
pub fn has_symbol(c: &Context, m: &Module, name: &str) -> bool {
    let Some(b) = m.block() else { return false };
    let body = m.region_body();
    body.block_ops(b)
        .any(|o| strata_ir::symbol_table::symbol_name(c, body, o) == Some(name.as_bytes()))
}

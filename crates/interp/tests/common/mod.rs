//! Helpers for building test IR with `OpBuilder`: a module with functions whose bodies are
//! written op by op, with extra blocks for control flow.

#![allow(dead_code)]

use strata_interp::{Interpreter, Tensor};
use strata_ir::{
    Attribute, Block, Body, Context, InsertPoint, Module, Op, OperationState, Region, Type, Value,
};

/// Builds the body of one function.
pub struct Fb<'a> {
    pub ctx: &'a Context,
    pub body: &'a mut Body,
    pub region: Region,
    pub block: Block,
}

impl Fb<'_> {
    /// Append op `name` to the current block; returns its results.
    pub fn op(
        &mut self,
        name: &str,
        operands: &[Value],
        results: &[Type],
        props: &[(&str, Attribute)],
    ) -> Vec<Value> {
        self.op_with(name, operands, results, props, &[]).1
    }
    /// Like [`Fb::op`] with successors; returns the op and its results.
    pub fn op_with(
        &mut self,
        name: &str,
        operands: &[Value],
        results: &[Type],
        props: &[(&str, Attribute)],
        successors: &[Block],
    ) -> (Op, Vec<Value>) {
        let mut st = OperationState::new(self.ctx, self.ctx.op_name(name), self.ctx.unknown_loc());
        st.operands = operands.to_vec();
        st.result_types = results.to_vec();
        if !props.is_empty() {
            st.props = Some(self.ctx.dict_attr(props));
        }
        st.successors = successors.to_vec();
        let op = self.body.create_op(st);
        self.body.insert_op(op, InsertPoint::End(self.block));
        (op, self.body.results(op).to_vec())
    }
    /// A single-result op.
    pub fn v(
        &mut self,
        name: &str,
        operands: &[Value],
        ty: Type,
        props: &[(&str, Attribute)],
    ) -> Value {
        self.op(name, operands, &[ty], props)[0]
    }
    /// A new block (appended to the function's region) with arguments of these types.
    pub fn block(&mut self, args: &[Type]) -> (Block, Vec<Value>) {
        let b = self.body.create_block();
        self.body.append_block(self.region, b);
        let vals = args
            .iter()
            .map(|&t| self.body.add_block_arg(b, t))
            .collect();
        (b, vals)
    }
    /// Continue building in block `b`.
    pub fn at(&mut self, b: Block) {
        self.block = b;
    }
    /// `func.return`.
    pub fn ret(&mut self, vals: &[Value]) {
        self.op("func.return", vals, &[], &[]);
    }
    /// `arith.constant` of an attribute.
    pub fn constant(&mut self, attr: Attribute, ty: Type) -> Value {
        self.v("arith.constant", &[], ty, &[("value", attr)])
    }
}

/// Add `func.func @name(inputs) -> results` to the module, its body written by `f`.
pub fn add_func(
    ctx: &Context,
    module: &mut Module,
    name: &str,
    inputs: &[Type],
    results: &[Type],
    f: impl FnOnce(&mut Fb<'_>, &[Value]),
) {
    let fty = ctx.function_type(inputs, results);
    let mut st = OperationState::new(ctx, ctx.op_name("func.func"), ctx.unknown_loc());
    st.props = Some(ctx.dict_attr(&[
        ("sym_name", ctx.string_attr(name)),
        ("function_type", ctx.type_attr(fty)),
    ]));
    let block = module.block().expect("module has a block");
    let body = module.region_body_mut();
    let region = st.add_region(body);
    {
        let rb = st.region_body(body);
        let entry = rb.create_block();
        rb.append_block(region, entry);
        let args: Vec<Value> = inputs.iter().map(|&t| rb.add_block_arg(entry, t)).collect();
        let mut fb = Fb {
            ctx,
            body: rb,
            region,
            block: entry,
        };
        f(&mut fb, &args);
    }
    let op = body.create_op(st);
    body.append_op(block, op);
}

/// A module with one function `@f`.
pub fn single(
    ctx: &Context,
    inputs: &[Type],
    results: &[Type],
    f: impl FnOnce(&mut Fb<'_>, &[Value]),
) -> Module {
    let mut m = Module::new(ctx);
    add_func(ctx, &mut m, "f", inputs, results, f);
    m
}

/// Run `@f` of a module.
pub fn run(ctx: &Context, m: &Module, inputs: &[Tensor]) -> Result<Vec<Tensor>, String> {
    Interpreter::new(ctx, m)
        .run("f", inputs)
        .map_err(|d| d.message)
}

/// A module whose `@f` applies one op to its arguments and returns its results.
pub fn one_op(
    ctx: &Context,
    name: &str,
    inputs: &[Type],
    results: &[Type],
    props: &[(&str, Attribute)],
) -> Module {
    single(ctx, inputs, results, |b, args| {
        let r = b.op(name, args, results, props);
        b.ret(&r);
    })
}

/// Apply op `name` to tensors (argument and result types given) and return its results or
/// the diagnostic message.
pub fn apply(
    ctx: &Context,
    name: &str,
    inputs: &[(Type, Tensor)],
    results: &[Type],
    props: &[(&str, Attribute)],
) -> Result<Vec<Tensor>, String> {
    let tys: Vec<Type> = inputs.iter().map(|(t, _)| *t).collect();
    let m = one_op(ctx, name, &tys, results, props);
    let vals: Vec<Tensor> = inputs.iter().map(|(_, v)| v.clone()).collect();
    run(ctx, &m, &vals)
}

/// A 1-D tensor.
pub fn t1<T: strata_interp::Element>(v: &[T]) -> Tensor {
    Tensor::from_vec(vec![v.len()], v.to_vec()).expect("valid tensor")
}

/// A tensor of a given shape.
pub fn tn<T: strata_interp::Element>(shape: &[usize], v: &[T]) -> Tensor {
    Tensor::from_vec(shape.to_vec(), v.to_vec()).expect("valid tensor")
}

/// Parse and verify MLIR text (panics with the diagnostics on failure: test input only).
pub fn parse(ctx: &Context, src: &str) -> Module {
    let m =
        strata_ir::text::parse(ctx, "test.mlir", src, &Default::default()).unwrap_or_else(|d| {
            panic!(
                "parse failed: {:?}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        });
    if let Err(d) = strata_ir::verify::verify_module(ctx, &m) {
        panic!(
            "verify failed: {:?}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }
    m
}

/// Parse `src` and run its `@f` on `inputs`.
pub fn run_text(src: &str, inputs: &[Tensor]) -> Result<Vec<Tensor>, String> {
    let ctx = strata::default_context();
    let m = parse(&ctx, src);
    run(&ctx, &m, inputs)
}

/// Run a one-op function written as text: `body` is the op line(s) using `%a`, `%b`, ... and
/// defining `%r`; `args` and `res` are the argument and result types.
pub fn op_text(args: &[&str], res: &str, body: &str, inputs: &[Tensor]) -> Result<Tensor, String> {
    let names = ["%a", "%b", "%c", "%d", "%e"];
    let params: Vec<String> = args
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{}: {t}", names[i]))
        .collect();
    let src = format!(
        "func.func @f({}) -> {res} {{\n  {body}\n  return %r : {res}\n}}\n",
        params.join(", ")
    );
    run_text(&src, inputs).map(|mut v| v.remove(0))
}

/// Assert two float tensors agree within `tol` (absolute), with equal shapes and dtypes.
pub fn assert_close(got: &Tensor, want: &Tensor, tol: f64) {
    let c = strata_interp::allclose(got, want, 0.0, tol);
    assert!(c.ok, "{c}\n got: {got}\nwant: {want}");
}

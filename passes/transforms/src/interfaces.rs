//! The op interfaces the transforms are written against, MLIR's in Rust:
//!
//! * [`CallOpInterface`]: ops that call a symbol (`func.call`);
//! * [`CallableOpInterface`]: ops that can be called (`func.func`);
//! * [`InlinerInterface`]: whether calls and ops may be inlined, and how the callee's
//!   return-like terminators become uses of the returned values (MLIR's
//!   `DialectInlinerInterface`);
//! * [`BranchOpInterface`]: terminators that forward operands to their successors' block
//!   arguments and can tell which successor constant operands select (used by `sccp`).
//!
//! Interfaces are attached to ops by name with
//! [`Context::attach_interface`](strata_ir::Context::attach_interface). The
//! [`InlinerInterface`] may also be attached to a whole dialect, under the dialect's namespace
//! (`"arith"`), which covers every op of the dialect without an op-specific one. Dialect crates
//! do not depend on this crate, so the implementations for the in-tree dialects live here and
//! are attached by [`register_interfaces`].

use smallvec::SmallVec;
use strata_ir::{
    AttrKind, Attribute, Block, Body, Context, InsertPoint, Op, OpName, OpRef, OperationState,
    Region, Type, TypeKind, Value,
};

/// An op that calls a symbol (MLIR's `CallOpInterface`, for direct calls).
pub trait CallOpInterface: Sync {
    /// The called symbol (`@f`), `None` when the call is indirect or malformed.
    fn callee(&self, call: OpRef<'_>) -> Option<Attribute>;
    /// The operands passed to the callee's entry block arguments.
    fn arguments(&self, call: OpRef<'_>) -> SmallVec<[Value; 4]>;
}

/// An op that can be called (MLIR's `CallableOpInterface`). `callable.body` is the body holding
/// the op; its region lives in the op's nested body when the op is isolated from above.
pub trait CallableOpInterface: Sync {
    /// The region holding the callable's body (an id in `callable.body.region_body(op)`), or
    /// `None` for an external declaration.
    fn callable_region(&self, callable: OpRef<'_>) -> Option<Region>;
    /// The types of the callable's arguments.
    fn argument_types(&self, callable: OpRef<'_>) -> Vec<Type>;
    /// The types of the callable's results.
    fn result_types(&self, callable: OpRef<'_>) -> Vec<Type>;
}

/// What the inliner asks a dialect (MLIR's `DialectInlinerInterface`). Legality defaults to
/// "no": a dialect opts in by attaching an implementation.
pub trait InlinerInterface: Sync {
    /// Whether `call` may be replaced by the body of `callable` (asked of the call's
    /// interface).
    fn is_legal_to_inline_call(&self, call: OpRef<'_>, callable: OpRef<'_>) -> bool {
        let _ = (call, callable);
        false
    }
    /// Whether `op`, an op of a callee's body, may be copied into a caller.
    fn is_legal_to_inline_op(&self, op: OpRef<'_>) -> bool {
        let _ = op;
        false
    }
    /// `term` is a copy (in the caller's body) of a return-like terminator of a single-block
    /// callee: replace the uses of `results` (the call's results) by the returned values.
    /// The inliner erases `term` afterwards. The default forwards `term`'s operands in order.
    fn handle_terminator(&self, ctx: &Context, body: &mut Body, term: Op, results: &[Value]) {
        let _ = ctx;
        let operands = body.operand_vec(term);
        for (&r, &v) in results.iter().zip(operands.iter()) {
            body.replace_all_uses(r, v);
        }
    }
    /// `term` is a copy (in the caller's body) of a return-like terminator of a multi-block
    /// callee: replace it by a branch to `dest`, whose arguments stand for the call's results.
    /// Returns `false` when no branch op is available. The default builds MLIR's `cf.br` when
    /// it is registered (or unregistered ops are allowed), forwarding `term`'s operands.
    fn handle_terminator_branch(
        &self,
        ctx: &Context,
        body: &mut Body,
        term: Op,
        dest: Block,
    ) -> bool {
        if !branch_op_available(ctx) {
            return false;
        }
        let mut st = OperationState::new(ctx, ctx.op_name("cf.br"), body.op(term).loc);
        st.operands = body.operand_vec(term).to_vec();
        st.successors = vec![dest];
        let br = body.create_op(st);
        body.insert_op(br, InsertPoint::Before(term));
        body.erase_op(term);
        true
    }
}

/// Whether the inliner can create unconditional branches (`cf.br`), needed to inline callees
/// with several blocks.
pub fn branch_op_available(ctx: &Context) -> bool {
    ctx.op_def_by_name("cf.br").is_some()
}

/// A terminator with successors (MLIR's `BranchOpInterface`).
pub trait BranchOpInterface: Sync {
    /// The operands forwarded to the block arguments of successor `index`, or `None` when they
    /// cannot be described (the successor's arguments are then treated as unknown).
    fn successor_operands(&self, op: OpRef<'_>, index: usize) -> Option<SmallVec<[Value; 4]>>;
    /// The successor taken when the operands have these values (`None` entries are not
    /// constant), or `None` when it cannot be decided.
    fn successor_for_operands(
        &self,
        op: OpRef<'_>,
        operands: &[Option<Attribute>],
    ) -> Option<usize>;
    /// Replace `op` by an unconditional branch to successor `index` with the same forwarded
    /// operands. Returns `false` (and changes nothing) when that is not possible. The default
    /// does nothing.
    fn replace_with_branch(&self, ctx: &Context, body: &mut Body, op: Op, index: usize) -> bool {
        let _ = (ctx, body, op, index);
        false
    }
}

/// The [`CallOpInterface`] attached to `name`.
pub fn call_interface(ctx: &Context, name: OpName) -> Option<&'static dyn CallOpInterface> {
    ctx.interface::<dyn CallOpInterface>(name)
}

/// The [`CallableOpInterface`] attached to `name`.
pub fn callable_interface(ctx: &Context, name: OpName) -> Option<&'static dyn CallableOpInterface> {
    ctx.interface::<dyn CallableOpInterface>(name)
}

/// The [`BranchOpInterface`] attached to `name`.
pub fn branch_interface(ctx: &Context, name: OpName) -> Option<&'static dyn BranchOpInterface> {
    ctx.interface::<dyn BranchOpInterface>(name)
}

/// The [`InlinerInterface`] for op `name`: the one attached to the op itself, else the one
/// attached to its dialect's namespace.
pub fn inliner_interface(ctx: &Context, name: OpName) -> Option<&'static dyn InlinerInterface> {
    if let Some(i) = ctx.interface::<dyn InlinerInterface>(name) {
        return Some(i);
    }
    let dialect = ctx.str(ctx.op_info(name).dialect);
    if dialect.is_empty() {
        return None;
    }
    ctx.interface::<dyn InlinerInterface>(ctx.op_name(dialect))
}

/// Attach the interfaces implemented in this crate for the in-tree dialects:
///
/// * `func.call`: [`CallOpInterface`]; `func.func`: [`CallableOpInterface`];
/// * [`InlinerInterface`] for the `func` dialect (calls and functions marked `no_inline` are
///   not inlined; `func.return` forwards its operands), and for `arith`, `math` and `test`
///   (every op may be inlined);
/// * [`BranchOpInterface`] for `test.br`, and for `cf.br` / `cf.cond_br` (MLIR's generic
///   structure), which take effect if those ops appear.
pub fn register_interfaces(ctx: &mut Context) {
    ctx.attach_interface::<dyn CallOpInterface>("func.call", &FuncCall);
    ctx.attach_interface::<dyn CallableOpInterface>("func.func", &FuncFunc);
    ctx.attach_interface::<dyn InlinerInterface>("func", &FuncInliner);
    for d in ["arith", "math", "test"] {
        ctx.attach_interface::<dyn InlinerInterface>(d, &AllLegal);
    }
    ctx.attach_interface::<dyn BranchOpInterface>("test.br", &ForwardAll);
    ctx.attach_interface::<dyn BranchOpInterface>("cf.br", &ForwardAll);
    ctx.attach_interface::<dyn BranchOpInterface>("cf.cond_br", &CondBr);
}

fn attr(r: &OpRef<'_>, name: &str) -> Option<Attribute> {
    r.attr(name)
}

/// `func.call`.
struct FuncCall;
impl CallOpInterface for FuncCall {
    fn callee(&self, call: OpRef<'_>) -> Option<Attribute> {
        attr(&call, "callee")
            .filter(|&a| matches!(call.ctx.attr_kind(a), AttrKind::SymbolRef { .. }))
    }
    fn arguments(&self, call: OpRef<'_>) -> SmallVec<[Value; 4]> {
        call.body.operand_vec(call.op)
    }
}

/// `func.func`.
struct FuncFunc;
impl FuncFunc {
    fn signature<'c>(r: &OpRef<'c>) -> Option<(&'c [Type], &'c [Type])> {
        let a = attr(r, "function_type")?;
        let AttrKind::Type(t) = r.ctx.attr_kind(a) else {
            return None;
        };
        match r.ctx.type_kind(*t) {
            TypeKind::Function { inputs, results } => Some((inputs, results)),
            _ => None,
        }
    }
}
impl CallableOpInterface for FuncFunc {
    fn callable_region(&self, callable: OpRef<'_>) -> Option<Region> {
        let &r = callable.body.regions(callable.op).first()?;
        let rb = callable.body.region_body(callable.op);
        (!rb.region_blocks(r).is_empty()).then_some(r)
    }
    fn argument_types(&self, callable: OpRef<'_>) -> Vec<Type> {
        Self::signature(&callable).map_or_else(Vec::new, |(i, _)| i.to_vec())
    }
    fn result_types(&self, callable: OpRef<'_>) -> Vec<Type> {
        Self::signature(&callable).map_or_else(Vec::new, |(_, r)| r.to_vec())
    }
}

/// The `func` dialect: everything is legal except calls or functions marked `no_inline`.
struct FuncInliner;
impl InlinerInterface for FuncInliner {
    fn is_legal_to_inline_call(&self, call: OpRef<'_>, callable: OpRef<'_>) -> bool {
        attr(&call, "no_inline").is_none() && attr(&callable, "no_inline").is_none()
    }
    fn is_legal_to_inline_op(&self, _op: OpRef<'_>) -> bool {
        true
    }
}

/// Dialects whose ops may all be inlined.
struct AllLegal;
impl InlinerInterface for AllLegal {
    fn is_legal_to_inline_call(&self, _call: OpRef<'_>, _callable: OpRef<'_>) -> bool {
        true
    }
    fn is_legal_to_inline_op(&self, _op: OpRef<'_>) -> bool {
        true
    }
}

/// An unconditional branch forwarding all its operands to its single successor (`test.br`,
/// `cf.br`).
struct ForwardAll;
impl BranchOpInterface for ForwardAll {
    fn successor_operands(&self, op: OpRef<'_>, index: usize) -> Option<SmallVec<[Value; 4]>> {
        (index == 0).then(|| op.body.operand_vec(op.op))
    }
    fn successor_for_operands(&self, op: OpRef<'_>, _: &[Option<Attribute>]) -> Option<usize> {
        (op.body.successors(op.op).len() == 1).then_some(0)
    }
}

/// MLIR's `cf.cond_br %cond, ^t(true operands), ^f(false operands)`, with the operand groups
/// given by the `operandSegmentSizes = array<i32: 1, nt, nf>` property.
struct CondBr;
impl CondBr {
    fn segments(op: &OpRef<'_>) -> Option<[usize; 3]> {
        let a = attr(op, "operandSegmentSizes")?;
        let AttrKind::DenseArray { len: 3, data, .. } = op.ctx.attr_kind(a) else {
            return None;
        };
        if data.len() != 12 {
            return None;
        }
        let mut seg = [0usize; 3];
        for (i, s) in seg.iter_mut().enumerate() {
            let bytes: [u8; 4] = data[i * 4..i * 4 + 4].try_into().ok()?;
            *s = usize::try_from(i32::from_le_bytes(bytes)).ok()?;
        }
        (seg[0] == 1
            && seg.iter().sum::<usize>() == op.body.num_operands(op.op)
            && op.body.successors(op.op).len() == 2)
            .then_some(seg)
    }
}
impl BranchOpInterface for CondBr {
    fn successor_operands(&self, op: OpRef<'_>, index: usize) -> Option<SmallVec<[Value; 4]>> {
        let [_, t, f] = Self::segments(&op)?;
        let all = op.body.operand_vec(op.op);
        match index {
            0 => Some(all[1..1 + t].iter().copied().collect()),
            1 => Some(all[1 + t..1 + t + f].iter().copied().collect()),
            _ => None,
        }
    }
    fn successor_for_operands(
        &self,
        op: OpRef<'_>,
        operands: &[Option<Attribute>],
    ) -> Option<usize> {
        Self::segments(&op)?;
        let cond = (*operands.first()?)?;
        let taken = match op.ctx.attr_kind(cond) {
            AttrKind::Integer { value, .. } => *value != 0,
            AttrKind::Bool(b) => *b,
            _ => return None,
        };
        Some(if taken { 0 } else { 1 })
    }
    fn replace_with_branch(&self, ctx: &Context, body: &mut Body, op: Op, index: usize) -> bool {
        if !(branch_op_available(ctx) || ctx.allow_unregistered) {
            return false;
        }
        let r = OpRef::new(ctx, body, op);
        let Some(operands) = self.successor_operands(r, index) else {
            return false;
        };
        let Some(&dest) = body.successors(op).get(index) else {
            return false;
        };
        let mut st = OperationState::new(ctx, ctx.op_name("cf.br"), body.op(op).loc);
        st.operands = operands.to_vec();
        st.successors = vec![dest];
        let br = body.create_op(st);
        body.insert_op(br, InsertPoint::Before(op));
        body.erase_op(op);
        true
    }
}

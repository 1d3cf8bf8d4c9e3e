//! The ops of the `func` dialect.

use strata_dialect_builtin::symbol::{is_flat_symbol_ref, parent_ref, string_value, verify_symbol};
use strata_ir::constraints::{is_function_type_attr, is_string, is_unit};
use strata_ir::rewrite::{PatternRewriter, RewritePattern};
use strata_ir::{
    op, symbol_table, text, Arity, AttrConstraint, AttrKind, Attribute, Context, Diagnostic,
    FoldResult, OpRef, Traits, Type, TypeKind,
};

/// The inputs and results of a function type (`None` for other types).
pub fn function_signature(ctx: &Context, ty: Type) -> Option<(&[Type], &[Type])> {
    match ctx.type_kind(ty) {
        TypeKind::Function { inputs, results } => Some((inputs, results)),
        _ => None,
    }
}

/// The function type held by a type attribute (`None` for other attributes).
pub fn function_type_of_attr(ctx: &Context, a: Attribute) -> Option<Type> {
    match ctx.attr_kind(a) {
        AttrKind::Type(t) if matches!(ctx.type_kind(*t), TypeKind::Function { .. }) => Some(*t),
        _ => None,
    }
}

fn is_dict_array(ctx: &Context, a: Attribute) -> bool {
    match ctx.attr_kind(a) {
        AttrKind::Array(items) => items
            .iter()
            .all(|&i| matches!(ctx.attr_kind(i), AttrKind::Dict(_))),
        _ => false,
    }
}

fn is_flat_ref(ctx: &Context, a: Attribute) -> bool {
    is_flat_symbol_ref(ctx, a)
}

const DICT_ARRAY: &str = "Array of dictionary attributes";

const SYM_NAME: AttrConstraint = AttrConstraint {
    name: "sym_name",
    required: true,
    description: "string attribute",
    check: is_string,
};
const SYM_VISIBILITY: AttrConstraint = AttrConstraint {
    name: "sym_visibility",
    required: false,
    description: "string attribute",
    check: is_string,
};
const ARG_ATTRS: AttrConstraint = AttrConstraint {
    name: "arg_attrs",
    required: false,
    description: DICT_ARRAY,
    check: is_dict_array,
};
const RES_ATTRS: AttrConstraint = AttrConstraint {
    name: "res_attrs",
    required: false,
    description: DICT_ARRAY,
    check: is_dict_array,
};
const NO_INLINE: AttrConstraint = AttrConstraint {
    name: "no_inline",
    required: false,
    description: "unit attribute",
    check: is_unit,
};

/// `'t0', 't1'` as MLIR prints a type range in diagnostics.
fn quoted_types(ctx: &Context, tys: impl IntoIterator<Item = Type>) -> String {
    tys.into_iter()
        .map(|t| format!("'{}'", text::print_type(ctx, t)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn quoted_type(ctx: &Context, t: Type) -> String {
    format!("'{}'", text::print_type(ctx, t))
}

op! {
    /// A function: a symbol with a signature and, unless it is an external declaration, a
    /// body region.
    ///
    /// The signature is the `function_type` property. A function with an empty region is an
    /// external declaration and must not be public. Otherwise the entry block's arguments
    /// must match the signature's inputs, and every `func.return` in the body must return
    /// values of the signature's result types. `arg_attrs`/`res_attrs` hold one dictionary
    /// of (dialect-prefixed) attributes per argument/result. The body is isolated from above:
    /// it can only use its own arguments and values it defines. Inside a function, ops of the
    /// `func` dialect are printed without their `func.` prefix.
    ///
    /// ```mlir
    /// func.func private @ext(i32 {test.flag}) -> f32
    /// func.func @add(%arg0: i32, %arg1: i32) -> (i32 {test.res}) attributes {test.tag} {
    ///   %0 = arith.addi %arg0, %arg1 : i32
    ///   return %0 : i32
    /// }
    /// ```
    pub struct FuncOp = "func.func";
    summary: "an operation with a name containing a single `SSACFG` region";
    attrs: [sym_name = "sym_name", sym_visibility = "sym_visibility", arg_attrs = "arg_attrs", res_attrs = "res_attrs",
            no_inline = "no_inline"];
    def: {
        traits: Traits::ISOLATED_FROM_ABOVE.with(Traits::SYMBOL),
        operands: Arity::Exactly(0),
        results: Arity::Exactly(0),
        regions: Arity::Exactly(1),
        attrs: &[
            SYM_NAME,
            AttrConstraint {
                name: "function_type",
                required: true,
                description: "type attribute of function type",
                check: is_function_type_attr,
            },
            SYM_VISIBILITY,
            ARG_ATTRS,
            RES_ATTRS,
            NO_INLINE,
        ],
        verify: Some(verify_func),
        format: Some(&crate::format::FuncFormat),
    }
}

impl FuncOp<'_> {
    /// The function type (`None` when the property is missing or malformed).
    pub fn function_type(&self) -> Option<Type> {
        function_type_of_attr(self.0.ctx, self.0.attr("function_type")?)
    }
    /// The symbol name (`None` when missing or malformed).
    pub fn name(&self) -> Option<String> {
        string_value(&self.0, self.0.attr("sym_name")?)
    }
    /// Whether this is an external declaration (its region has no block).
    pub fn is_external(&self) -> bool {
        let r = &self.0;
        r.body
            .regions(r.op)
            .first()
            .is_none_or(|&reg| r.region_body().region_blocks(reg).is_empty())
    }
}

/// Check an `arg_attrs`/`res_attrs` array against the signature (`what` is "argument" or
/// "result").
fn verify_attr_array(
    r: &OpRef<'_>,
    name: &str,
    what: &str,
    what_plural: &str,
    expected: usize,
) -> Result<(), Diagnostic> {
    let Some(a) = r.attr(name) else { return Ok(()) };
    let AttrKind::Array(items) = r.ctx.attr_kind(a) else {
        return Ok(());
    };
    if items.len() != expected {
        return Err(r.error(format_args!(
            "expects {what} attribute array to have the same number of elements as the number \
             of function {what}s, got {}, but expected {expected}",
            items.len()
        )));
    }
    for &d in items.iter() {
        for e in r.ctx.dict_entries(d) {
            if !r.ctx.str(e.name).contains('.') {
                return Err(r.error(format_args!(
                    "{what_plural} may only have dialect attributes"
                )));
            }
        }
    }
    Ok(())
}

fn verify_func(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let f = FuncOp(r);
    let Some(fty) = f.function_type() else {
        return Err(r.error("requires 'function_type' attribute of function type"));
    };
    let (inputs, results) = function_signature(r.ctx, fty).unwrap_or((&[], &[]));
    verify_symbol(&r, false, f.is_external())?;
    verify_attr_array(&r, "arg_attrs", "argument", "arguments", inputs.len())?;
    verify_attr_array(&r, "res_attrs", "result", "results", results.len())?;
    let Some(&region) = r.body.regions(r.op).first() else {
        return Ok(());
    };
    let rb = r.region_body();
    let Some(entry) = rb.entry_block(region) else {
        return Ok(());
    };
    let args = rb.block_args(entry);
    if args.len() != inputs.len() {
        return Err(r.error(format_args!(
            "entry block must have {} arguments to match function signature",
            inputs.len()
        )));
    }
    for (i, (&a, &t)) in args.iter().zip(inputs).enumerate() {
        let at = rb.value_type(a);
        if at != t {
            return Err(r.error(format_args!(
                "type of entry block argument #{i}({}) must match the type of the corresponding \
                 argument in function signature({})",
                quoted_type(r.ctx, at),
                quoted_type(r.ctx, t)
            )));
        }
    }
    Ok(())
}

op! {
    /// Returns from the enclosing `func.func`, with the values of the function's results.
    ///
    /// It must be the last op of a block directly in a `func.func` body, and its operands
    /// must match the function's result types in number and type.
    ///
    /// Custom form: `return (operands : types)? attr-dict` (`return` inside a function).
    ///
    /// ```mlir
    /// func.func @id(%arg0: i32) -> i32 {
    ///   return %arg0 : i32
    /// }
    /// ```
    pub struct ReturnOp = "func.return";
    summary: "function return operation";
    def: {
        traits: Traits::TERMINATOR.with(Traits::RETURN_LIKE).with(Traits::PURE),
        results: Arity::Exactly(0),
        verify: Some(verify_return),
        format: Some(&crate::format::ReturnFormat),
    }
}

fn verify_return(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let parent = parent_ref(&r).filter(|p| p.name() == FuncOp::NAME);
    let Some(func) = parent else {
        return Err(r.error("expects parent op 'func.func'"));
    };
    let func = FuncOp(func);
    // A malformed function is reported by the function's own verifier.
    let Some(fty) = func.function_type() else {
        return Ok(());
    };
    let (_, results) = function_signature(r.ctx, fty).unwrap_or((&[], &[]));
    let name = func.name().unwrap_or_default();
    let n = r.body.num_operands(r.op);
    if n != results.len() {
        return Err(r.error(format_args!(
            "has {n} operands, but enclosing function (@{name}) returns {}",
            results.len()
        )));
    }
    for (i, (v, &t)) in r.body.operands(r.op).zip(results).enumerate() {
        let vt = r.body.value_type(v);
        if vt != t {
            return Err(Diagnostic::error(
                r.loc(),
                format!(
                    "type of return operand {i} ({}) doesn't match function result type ({}) in \
                     function @{name}",
                    quoted_type(r.ctx, vt),
                    quoted_type(r.ctx, t)
                ),
            ));
        }
    }
    Ok(())
}

/// Resolve the flat symbol reference `sym` from `r` to a `func.func` and return its type.
fn resolve_function(r: &OpRef<'_>, sym: Attribute) -> Option<Type> {
    let (body, op) = symbol_table::resolve(r, sym)?;
    let f = FuncOp::cast(OpRef::new(r.ctx, body, op))?;
    f.function_type()
}

fn symbol_text(r: &OpRef<'_>, sym: Attribute) -> String {
    match r.ctx.attr_kind(sym) {
        AttrKind::SymbolRef { root, .. } => r.ctx.str(*root).to_string(),
        _ => String::new(),
    }
}

op! {
    /// Calls the function named by the `callee` symbol with the operands.
    ///
    /// The callee must resolve, through the enclosing symbol tables, to a `func.func` whose
    /// signature matches the operand and result types. `no_inline` asks inliners to leave
    /// the call alone; `arg_attrs`/`res_attrs` hold per-argument/result attributes.
    ///
    /// Custom form: `call @callee(operands) attr-dict : (types) -> types`.
    ///
    /// ```mlir
    /// %0 = func.call @id(%arg0) : (i32) -> i32
    /// %1:2 = func.call @pair(%0) : (i32) -> (i32, f32)
    /// ```
    pub struct CallOp = "func.call";
    summary: "call operation";
    attrs: [callee = "callee"];
    def: {
        attrs: &[
            AttrConstraint {
                name: "callee",
                required: true,
                description: "flat symbol reference attribute",
                check: is_flat_ref,
            },
            ARG_ATTRS,
            RES_ATTRS,
            NO_INLINE,
        ],
        verify: Some(verify_call),
        format: Some(&crate::format::CallFormat),
    }
}

fn verify_call(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let Some(callee) = r.attr("callee") else {
        return Err(r.error("requires a 'callee' symbol reference attribute"));
    };
    let Some(fty) = resolve_function(&r, callee) else {
        return Err(r.error(format_args!(
            "'{}' does not reference a valid function",
            symbol_text(&r, callee)
        )));
    };
    let (inputs, results) = function_signature(r.ctx, fty).unwrap_or((&[], &[]));
    let body = r.body;
    if body.num_operands(r.op) != inputs.len() {
        return Err(r.error("incorrect number of operands for callee"));
    }
    for (i, (v, &t)) in body.operands(r.op).zip(inputs).enumerate() {
        let vt = body.value_type(v);
        if vt != t {
            return Err(r.error(format_args!(
                "operand type mismatch: expected operand type {}, but provided {} for operand \
                 number {i}",
                quoted_type(r.ctx, t),
                quoted_type(r.ctx, vt)
            )));
        }
    }
    let res = body.results(r.op);
    if res.len() != results.len() {
        return Err(r.error("incorrect number of results for callee"));
    }
    for (i, (&v, &t)) in res.iter().zip(results).enumerate() {
        if body.value_type(v) != t {
            return Err(r
                .error(format_args!("result type mismatch at index {i}"))
                .with_note(
                    r.loc(),
                    format!(
                        "      op result types: {}",
                        quoted_types(r.ctx, res.iter().map(|&v| body.value_type(v)))
                    ),
                )
                .with_note(
                    r.loc(),
                    format!(
                        "function result types: {}",
                        quoted_types(r.ctx, results.iter().copied())
                    ),
                ));
        }
    }
    Ok(())
}

op! {
    /// Calls the function value given as the first operand with the remaining operands.
    ///
    /// The callee's type must be a function type whose inputs match the types of the other
    /// operands and whose results match the op's result types. Canonicalizes to `func.call`
    /// when the callee is a `func.constant`.
    ///
    /// Custom form: `call_indirect %callee(operands) attr-dict : function-type`.
    ///
    /// ```mlir
    /// %f = func.constant @id : (i32) -> i32
    /// %0 = func.call_indirect %f(%arg0) : (i32) -> i32
    /// ```
    pub struct CallIndirectOp = "func.call_indirect";
    summary: "indirect call operation";
    operands: [callee];
    def: {
        operands: Arity::AtLeast(1),
        attrs: &[ARG_ATTRS, RES_ATTRS],
        verify: Some(verify_call_indirect),
        format: Some(&crate::format::CallIndirectFormat),
        canonicalize: &[&IndirectCallOfConstant],
    }
}

fn verify_call_indirect(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let body = r.body;
    if body.num_operands(r.op) == 0 {
        return Err(r.error("expected 1 or more operands, but found 0"));
    }
    let cty = body.value_type(body.operand(r.op, 0));
    let Some((inputs, results)) = function_signature(r.ctx, cty) else {
        return Err(r.error(format_args!(
            "operand #0 must be function type, but got {}",
            quoted_type(r.ctx, cty)
        )));
    };
    let args_match = body.num_operands(r.op) - 1 == inputs.len()
        && body
            .operands(r.op)
            .skip(1)
            .zip(inputs)
            .all(|(v, &t)| body.value_type(v) == t);
    if !args_match {
        return Err(r.error("failed to verify that callee input types match argument types"));
    }
    let res = body.results(r.op);
    let results_match = res.len() == results.len()
        && res
            .iter()
            .zip(results)
            .all(|(&v, &t)| body.value_type(v) == t);
    if !results_match {
        return Err(r.error("failed to verify that callee result types match result types"));
    }
    Ok(())
}

op! {
    /// Produces a value of function type referring to the function named by `value`.
    ///
    /// The symbol must resolve to a `func.func` whose type is the result type. The result
    /// can be called with `func.call_indirect`. Folds to its `value` attribute, and is the
    /// dialect's constant materialiser for symbol references of function type.
    ///
    /// Custom form: `constant attr-dict @name : function-type` (results are named `%f`).
    ///
    /// ```mlir
    /// %f = func.constant @id : (i32) -> i32
    /// ```
    pub struct ConstantOp = "func.constant";
    summary: "constant";
    results: [result];
    attrs: [value = "value"];
    def: {
        traits: Traits::PURE.with(Traits::CONSTANT_LIKE),
        operands: Arity::Exactly(0),
        results: Arity::Exactly(1),
        attrs: &[AttrConstraint {
            name: "value",
            required: true,
            description: "flat symbol reference attribute",
            check: is_flat_ref,
        }],
        verify: Some(verify_constant),
        fold: Some(fold_constant),
        format: Some(&crate::format::ConstantFormat),
        materialize_constant: Some(materialize_constant),
    }
}

fn verify_constant(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let Some(sym) = r.attr("value") else {
        return Err(r.error("requires attribute 'value'"));
    };
    let Some(fty) = resolve_function(&r, sym) else {
        return Err(r.error(format_args!(
            "reference to undefined function '{}'",
            symbol_text(&r, sym)
        )));
    };
    let Some(&res) = r.body.results(r.op).first() else {
        return Ok(());
    };
    if r.body.value_type(res) != fty {
        return Err(r.error("reference to function with mismatched type"));
    }
    Ok(())
}

fn fold_constant(r: OpRef<'_>, _: &[Option<Attribute>]) -> Option<Vec<FoldResult>> {
    Some(vec![FoldResult::Attr(r.attr("value")?)])
}

/// Build a `func.constant` for a flat symbol reference of function type (the dialect's
/// constant materialiser, MLIR's `FuncDialect::materializeConstant`).
fn materialize_constant(
    b: &mut strata_ir::OpBuilder<'_>,
    value: Attribute,
    ty: Type,
) -> Option<strata_ir::Value> {
    let ctx = b.ctx;
    if !is_flat_ref(ctx, value) || function_signature(ctx, ty).is_none() {
        return None;
    }
    Some(b.build_value(ConstantOp::NAME, &[], ty, &[("value", value)]))
}

/// `call_indirect (constant @f)(args)` -> `call @f(args)` (MLIR's
/// `SimplifyIndirectCallWithKnownCallee`).
struct IndirectCallOfConstant;

impl RewritePattern for IndirectCallOfConstant {
    fn name(&self) -> &str {
        "func-indirect-call-of-constant"
    }
    fn root(&self) -> Option<&str> {
        Some(CallIndirectOp::NAME)
    }
    fn match_and_rewrite(&self, op: strata_ir::Op, rw: &mut PatternRewriter<'_>) -> bool {
        let body = rw.body();
        let Some(callee) = body.operands(op).next() else {
            return rw.notify_match_failure(op, "no callee operand");
        };
        let Some(sym) = rw
            .constant_value(callee)
            .filter(|&a| is_flat_ref(rw.ctx, a))
        else {
            return rw.notify_match_failure(op, "callee is not a constant symbol reference");
        };
        let args: Vec<_> = body.operands(op).skip(1).collect();
        let results: Vec<Type> = body
            .results(op)
            .iter()
            .map(|&v| body.value_type(v))
            .collect();
        let mut st = strata_ir::OperationState::new(rw.ctx, rw.ctx.op_name(CallOp::NAME), rw.loc);
        st.operands = args;
        st.result_types = results;
        st.props = Some(rw.ctx.dict_attr(&[("callee", sym)]));
        rw.replace_op_with_new(op, st);
        true
    }
}

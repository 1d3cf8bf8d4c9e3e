//! The ops of the `builtin` dialect: `builtin.module` and `builtin.unrealized_conversion_cast`.

use crate::symbol::verify_symbol;
use strata_ir::constraints::is_string;
use strata_ir::{
    op, Arity, AttrConstraint, Attribute, Diagnostic, FoldResult, OpRef, Traits, ValueDef,
};

op! {
    /// A top-level container: one block of ops in a graph region, holding a symbol table.
    ///
    /// The module's single region must hold exactly one block, without arguments and
    /// without terminator. Its ops form a graph region (no dominance requirement between
    /// them) and are isolated from above. A module may be named (`sym_name`), which makes it
    /// an optional symbol that can be referenced as `@name::@inner`.
    ///
    /// Custom form: `module (@name)? (attributes {...})? { ... }`. Inside a module, ops of
    /// the `builtin` dialect are printed without their `builtin.` prefix.
    ///
    /// ```mlir
    /// module @kernels attributes {test.tag = 1 : i32} {
    ///   func.func private @ext(i32) -> i32
    /// }
    /// ```
    pub struct ModuleOp = "builtin.module";
    summary: "a top-level container operation";
    attrs: [sym_name = "sym_name", sym_visibility = "sym_visibility"];
    def: {
        traits: Traits::ISOLATED_FROM_ABOVE
            .with(Traits::SYMBOL_TABLE)
            .with(Traits::NO_TERMINATOR)
            .with(Traits::GRAPH_REGION)
            .with(Traits::SINGLE_BLOCK),
        operands: Arity::Exactly(0),
        results: Arity::Exactly(0),
        regions: Arity::Exactly(1),
        attrs: &[
            AttrConstraint { name: "sym_name", required: false, description: "string attribute", check: is_string },
            AttrConstraint { name: "sym_visibility", required: false, description: "string attribute", check: is_string },
        ],
        verify: Some(verify_module),
        format: Some(&crate::format::ModuleFormat),
    }
}

fn verify_module(r: OpRef<'_>) -> Result<(), Diagnostic> {
    if let Some(&region) = r.body.regions(r.op).first() {
        let rb = r.region_body();
        let blocks = rb.region_blocks(region);
        match blocks.first() {
            None => {
                return Err(r.error(
                    "region #0 ('bodyRegion') failed to verify constraint: region with 1 blocks",
                ))
            }
            Some(&b) if !rb.block_args(b).is_empty() => {
                return Err(r.error("region should have no arguments"))
            }
            Some(_) => {}
        }
    }
    verify_symbol(&r, true, false)
}

op! {
    /// A cast between values of arbitrary types, left behind by partial conversions.
    ///
    /// It converts `N` values of one set of types into `M` values of another; its meaning is
    /// given by whoever inserted it, and it is expected to be removed once both sides of the
    /// conversion agree. At least one result is required. Folds a cast of identical types to
    /// its inputs, and a cast of a cast back to the original types (`A -> B -> A`) to the
    /// first cast's inputs.
    ///
    /// Custom form: `(operands : types)? to result-types attr-dict`.
    ///
    /// ```mlir
    /// %0 = builtin.unrealized_conversion_cast %a : i32 to f32
    /// %1:2 = builtin.unrealized_conversion_cast %0, %a : f32, i32 to i64, i8
    /// %2 = builtin.unrealized_conversion_cast to index
    /// ```
    pub struct UnrealizedConversionCastOp = "builtin.unrealized_conversion_cast";
    summary: "an unrealized conversion from one set of types to another";
    def: {
        traits: Traits::PURE,
        verify: Some(verify_cast),
        fold: Some(fold_cast),
        format: Some(&crate::format::CastFormat),
    }
}

fn verify_cast(r: OpRef<'_>) -> Result<(), Diagnostic> {
    if r.body.results(r.op).is_empty() {
        return Err(r.error("expected at least one result for cast operation"));
    }
    Ok(())
}

fn fold_cast(r: OpRef<'_>, _: &[Option<Attribute>]) -> Option<Vec<FoldResult>> {
    let body = r.body;
    let operands = body.operand_vec(r.op);
    let results = body.results(r.op);
    let same_types = operands.len() == results.len()
        && operands
            .iter()
            .zip(results)
            .all(|(&a, &b)| body.value_type(a) == body.value_type(b));
    if same_types {
        return Some(operands.iter().map(|&v| FoldResult::Value(v)).collect());
    }
    // A cast of all the results of another cast, back to that cast's input types.
    let &first = operands.first()?;
    let ValueDef::Result(input, _) = body.value_def(first) else {
        return None;
    };
    if body.name(input) != body.name(r.op) || body.results(input) != &operands[..] {
        return None;
    }
    let inputs = body.operand_vec(input);
    let round_trips = inputs.len() == results.len()
        && inputs
            .iter()
            .zip(results)
            .all(|(&a, &b)| body.value_type(a) == body.value_type(b));
    round_trips.then(|| inputs.iter().map(|&v| FoldResult::Value(v)).collect())
}

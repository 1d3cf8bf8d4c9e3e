//! The ops of the `test` dialect.

use strata_dialect_builtin::symbol::verify_symbol;
use strata_ir::constraints::{is_string, is_symbol_ref};
use strata_ir::{op, symbol_table, text, Arity, AttrConstraint, Diagnostic, OpRef, Traits};

fn quoted_type(r: &OpRef<'_>, t: strata_ir::Type) -> String {
    format!("'{}'", text::print_type(r.ctx, t))
}

op! {
    /// An op that accepts anything: any number of operands, results, regions and successors
    /// and any attributes, like an unregistered op, but registered (so it is accepted without
    /// `--allow-unregistered-dialect`). Its regions need no terminator and are ordinary
    /// (dominance-checked) regions.
    ///
    /// Generic form only.
    ///
    /// ```mlir
    /// %0:2 = "test.op"(%a) ({
    /// ^bb0(%x: i32):
    ///   "test.yield"(%x) : (i32) -> ()
    /// }) {anything = [1, 2]} : (i32) -> (i32, f32)
    /// ```
    pub struct TestOp = "test.op";
    summary: "an op with no constraints";
    def: {
        traits: Traits::NO_TERMINATOR,
        regions: Arity::AtLeast(0),
        successors: Arity::AtLeast(0),
    }
}

op! {
    /// A pure op with any operands and results: removable when unused and CSE-able, for
    /// tests of dead-code elimination, CSE and folding drivers.
    ///
    /// Custom form: `test.pure operands attr-dict : functional-type`.
    ///
    /// ```mlir
    /// %0 = test.pure %a, %b {tag = 1 : i32} : (i32, i32) -> i32
    /// %1 = test.pure : () -> f32
    /// ```
    pub struct PureOp = "test.pure";
    summary: "a side-effect-free op";
    def: {
        format: Some(&crate::format::PureFormat),
        traits: Traits::PURE,
    }
}

op! {
    /// An op with one ordinary (non-isolated) region: the region may use values defined
    /// above it, and each of its blocks must end with a terminator. When the region's blocks
    /// end with `test.yield`, the yielded values must match the op's results.
    ///
    /// Custom form: `test.region (operands : types)? (-> types)? (attributes {...})? region`
    /// (entry block arguments are printed with a block header).
    ///
    /// ```mlir
    /// %r = test.region %a : i32 -> i32 {
    ///   test.yield %a : i32
    /// }
    /// ```
    pub struct RegionOp = "test.region";
    summary: "an op with one non-isolated region";
    def: {
        format: Some(&crate::format::RegionFormat),
        regions: Arity::Exactly(1),
        verify: Some(verify_region),
    }
}

fn verify_region(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let Some(&region) = r.body.regions(r.op).first() else {
        return Ok(());
    };
    let rb = r.region_body();
    let results = r.body.results(r.op);
    for &b in rb.region_blocks(region) {
        let Some(last) = rb.last_op(b) else { continue };
        if r.ctx.op_name_str(rb.name(last)) != YieldOp::NAME {
            continue;
        }
        let n = rb.num_operands(last);
        if n != results.len() {
            return Err(r.error(format_args!(
                "region yields {n} values, but the op has {} results",
                results.len()
            )));
        }
        for (i, (v, &res)) in rb.operands(last).zip(results).enumerate() {
            let (vt, rt) = (rb.value_type(v), r.body.value_type(res));
            if vt != rt {
                return Err(r.error(format_args!(
                    "type of yielded value #{i} ({}) doesn't match result type ({})",
                    quoted_type(&r, vt),
                    quoted_type(&r, rt)
                )));
            }
        }
    }
    Ok(())
}

op! {
    /// An op with one isolated-from-above region, the smallest stand-in for a function: its
    /// region lives in a nested body, cannot use values defined outside it, and can be
    /// processed by passes in parallel with its siblings. Blocks need terminators.
    ///
    /// Custom form: `test.isolated (attributes {...})? region` (entry block arguments are
    /// printed with a block header).
    ///
    /// ```mlir
    /// test.isolated {
    ///   %0 = test.pure : () -> i32
    ///   test.terminator
    /// }
    /// ```
    pub struct IsolatedOp = "test.isolated";
    summary: "an op with one isolated-from-above region";
    def: {
        format: Some(&crate::format::RegionOnlyFormat { single_block: false }),
        traits: Traits::ISOLATED_FROM_ABOVE,
        operands: Arity::Exactly(0),
        results: Arity::Exactly(0),
        regions: Arity::Exactly(1),
    }
}

op! {
    /// An op with one graph region: a single block without terminator whose ops may use
    /// values defined later in the block (no dominance requirement), as in dataflow graphs.
    ///
    /// Custom form: `test.graph_region (attributes {...})? region` (`{}` is one empty block).
    ///
    /// ```mlir
    /// test.graph_region {
    ///   %0 = test.pure %1 : (i32) -> i32
    ///   %1 = test.pure %0 : (i32) -> i32
    /// }
    /// ```
    pub struct GraphRegionOp = "test.graph_region";
    summary: "an op with one graph region";
    def: {
        format: Some(&crate::format::RegionOnlyFormat { single_block: true }),
        traits: Traits::GRAPH_REGION.with(Traits::NO_TERMINATOR).with(Traits::SINGLE_BLOCK),
        operands: Arity::Exactly(0),
        results: Arity::Exactly(0),
        regions: Arity::Exactly(1),
    }
}

op! {
    /// A terminator with any operands and no successors, ending a block of any region.
    ///
    /// Custom form: `test.terminator attr-dict (operands : types)?`.
    ///
    /// ```mlir
    /// test.terminator %a : i32
    /// ```
    pub struct TerminatorOp = "test.terminator";
    summary: "a generic terminator";
    def: {
        format: Some(&crate::format::TerminatorFormat),
        traits: Traits::TERMINATOR,
        results: Arity::Exactly(0),
    }
}

op! {
    /// Returns its operands to the parent op (return-like terminator). Inside `test.region`
    /// the operands must match the parent's results.
    ///
    /// Custom form: `test.yield attr-dict (operands : types)?`.
    ///
    /// ```mlir
    /// test.yield %a, %b : i32, f32
    /// ```
    pub struct YieldOp = "test.yield";
    summary: "a return-like terminator";
    def: {
        format: Some(&crate::format::TerminatorFormat),
        traits: Traits::TERMINATOR.with(Traits::RETURN_LIKE).with(Traits::PURE),
        results: Arity::Exactly(0),
    }
}

op! {
    /// An unconditional branch: jumps to its single successor, passing all its operands as
    /// the successor's block arguments (their number and types must match).
    ///
    /// Custom form: `test.br ^bb(operands : types)? attr-dict`.
    ///
    /// ```mlir
    ///   test.br ^bb1(%a : i32)
    /// ^bb1(%x: i32):
    ///   test.terminator
    /// ```
    pub struct BrOp = "test.br";
    summary: "a branch with one successor";
    def: {
        format: Some(&crate::format::BrFormat),
        traits: Traits::TERMINATOR,
        results: Arity::Exactly(0),
        successors: Arity::Exactly(1),
        verify: Some(verify_br),
    }
}

fn verify_br(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let body = r.body;
    let Some(&dest) = body.successors(r.op).first() else {
        return Ok(());
    };
    let args = body.block_args(dest);
    let n = body.num_operands(r.op);
    if n != args.len() {
        return Err(Diagnostic::error(
            r.loc(),
            format!(
                "branch has {n} operands for successor #0, but target block has {}",
                args.len()
            ),
        ));
    }
    for (i, (v, &a)) in body.operands(r.op).zip(args).enumerate() {
        if body.value_type(v) != body.value_type(a) {
            return Err(Diagnostic::error(
                r.loc(),
                format!("type mismatch for bb argument #{i} of successor #0"),
            ));
        }
    }
    Ok(())
}

op! {
    /// Defines a symbol named by `sym_name` in the nearest symbol table, with an optional
    /// `sym_visibility` (`"public"`, `"private"` or `"nested"`). Its parent must be a symbol
    /// table.
    ///
    /// Custom form: `test.symbol (visibility)? @name attr-dict`.
    ///
    /// ```mlir
    /// test.symbol @a
    /// test.symbol private @b {tag}
    /// ```
    pub struct SymbolOp = "test.symbol";
    summary: "a symbol definition";
    attrs: [sym_name = "sym_name", sym_visibility = "sym_visibility"];
    def: {
        format: Some(&crate::format::SymbolFormat),
        traits: Traits::SYMBOL,
        operands: Arity::Exactly(0),
        results: Arity::Exactly(0),
        attrs: &[
            AttrConstraint { name: "sym_name", required: true, description: "string attribute", check: is_string },
            AttrConstraint { name: "sym_visibility", required: false, description: "string attribute", check: is_string },
        ],
        verify: Some(verify_symbol_op),
    }
}

fn verify_symbol_op(r: OpRef<'_>) -> Result<(), Diagnostic> {
    verify_symbol(&r, false, false)
}

op! {
    /// A symbol table: its single block (no terminator, no arguments) holds symbols whose
    /// names must be unique. Like `builtin.module` it is isolated from above, so symbol
    /// references inside it resolve here first; with a `sym_name` it is itself a symbol,
    /// reachable from outside as `@table::@inner`.
    ///
    /// Custom form: `test.symbol_table (@name)? (attributes {...})? region` (`{}` is one empty
    /// block).
    ///
    /// ```mlir
    /// test.symbol_table @inner {
    ///   test.symbol @a
    ///   test.use_symbol @a
    /// }
    /// test.use_symbol @inner::@a
    /// ```
    pub struct SymbolTableOp = "test.symbol_table";
    summary: "a symbol table";
    attrs: [sym_name = "sym_name"];
    def: {
        format: Some(&crate::format::SymbolTableFormat),
        traits: Traits::SYMBOL_TABLE
            .with(Traits::ISOLATED_FROM_ABOVE)
            .with(Traits::NO_TERMINATOR)
            .with(Traits::SINGLE_BLOCK),
        operands: Arity::Exactly(0),
        results: Arity::Exactly(0),
        regions: Arity::Exactly(1),
        attrs: &[
            AttrConstraint { name: "sym_name", required: false, description: "string attribute", check: is_string },
            AttrConstraint { name: "sym_visibility", required: false, description: "string attribute", check: is_string },
        ],
        verify: Some(verify_symbol_table),
    }
}

fn verify_symbol_table(r: OpRef<'_>) -> Result<(), Diagnostic> {
    if let Some(&region) = r.body.regions(r.op).first() {
        let rb = r.region_body();
        if rb
            .region_blocks(region)
            .first()
            .is_some_and(|&b| !rb.block_args(b).is_empty())
        {
            return Err(r.error("region should have no arguments"));
        }
    }
    verify_symbol(&r, true, false)
}

op! {
    /// Uses the symbol `sym` (flat `@a` or nested `@t::@a`), which must resolve through the
    /// enclosing symbol tables. Any results are allowed (their meaning is up to the test).
    ///
    /// Custom form: `test.use_symbol @sym attr-dict (: result-types)?`.
    ///
    /// ```mlir
    /// test.use_symbol @a
    /// %0 = test.use_symbol @t::@a : i32
    /// ```
    pub struct UseSymbolOp = "test.use_symbol";
    summary: "a symbol use";
    attrs: [sym = "sym"];
    def: {
        format: Some(&crate::format::UseSymbolFormat),
        operands: Arity::Exactly(0),
        attrs: &[AttrConstraint {
            name: "sym",
            required: true,
            description: "symbol reference attribute",
            check: is_symbol_ref,
        }],
        verify: Some(verify_use_symbol),
    }
}

fn verify_use_symbol(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let Some(sym) = r.attr("sym") else {
        return Err(r.error("requires attribute 'sym'"));
    };
    if symbol_table::resolve(&r, sym).is_none() {
        return Err(r.error(format_args!(
            "'{}' does not reference a valid symbol",
            text::print_attr(r.ctx, sym)
        )));
    }
    Ok(())
}

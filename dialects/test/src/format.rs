//! Custom assembly formats of the test ops. `test.op` has none (generic form only).

use strata_dialect_builtin::asm::{all_attrs, ensure_block, set_prop, split_inherent};
use strata_dialect_builtin::symbol::string_value;
use strata_ir::text::{Delimiter, OpAsmParser, OpAsmPrinter};
use strata_ir::{CustomFormat, Diagnostic, OpRef, OperationState, Type, Value};

fn types_of(op: &OpRef<'_>, vals: &[Value]) -> Vec<Type> {
    vals.iter().map(|&v| op.body.value_type(v)).collect()
}

fn result_types(op: &OpRef<'_>) -> Vec<Type> {
    types_of(op, op.body.results(op.op))
}

/// `(operands : types)?`, resolved into `state.operands`.
fn parse_typed_operands(
    p: &mut OpAsmParser<'_, '_>,
    state: &mut OperationState,
) -> Result<(), Diagnostic> {
    let operands = p.parse_operand_list(Delimiter::None)?;
    if !operands.is_empty() {
        let types = p.parse_colon_type_list()?;
        p.resolve_operands(&operands, &types, &mut state.operands)?;
    }
    Ok(())
}

/// ` %a, %b : t1, t2` (nothing without operands).
fn print_typed_operands(p: &mut OpAsmPrinter<'_, '_>, op: &OpRef<'_>) {
    let operands = op.body.operand_vec(op.op);
    if !operands.is_empty() {
        p.write_str(" ");
        p.print_operands(&operands);
        p.write_str(" : ");
        p.print_types(&types_of(op, &operands));
    }
}

/// `test.pure`: `test.pure operands attr-dict : functional-type`.
pub struct PureFormat;

impl CustomFormat for PureFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let operands = p.parse_operand_list(Delimiter::None)?;
        p.parse_attr_dict(state)?;
        let (inputs, results) = p.parse_colon_function_type()?;
        p.resolve_operands(&operands, &inputs, &mut state.operands)?;
        state.result_types = results;
        Ok(())
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        let operands = op.body.operand_vec(op.op);
        if !operands.is_empty() {
            p.write_str(" ");
            p.print_operands(&operands);
        }
        p.print_optional_attr_dict(all_attrs(&op), &[]);
        p.write_str(" : ");
        p.print_functional_type();
    }
}

/// `test.region`: `test.region (operands : types)? (-> types)? (attributes {...})? region`.
pub struct RegionFormat;

impl CustomFormat for RegionFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        parse_typed_operands(p, state)?;
        state.result_types = p.parse_optional_arrow_type_list()?;
        p.parse_optional_attr_dict_with_keyword(state)?;
        p.parse_region(state, &[])?;
        Ok(())
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        print_typed_operands(p, &op);
        p.print_arrow_type_list(&result_types(&op));
        p.print_optional_attr_dict_with_keyword(all_attrs(&op), &[]);
        if let Some(&r) = op.body.regions(op.op).first() {
            p.write_str(" ");
            p.print_region(r, true, true, false);
        }
    }
}

/// `test.isolated` and `test.graph_region`: `name (attributes {...})? region`. With
/// `single_block`, a missing block is added when parsing.
pub struct RegionOnlyFormat {
    /// Whether the region must hold one block (`{}` parses as one empty block).
    pub single_block: bool,
}

impl CustomFormat for RegionOnlyFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        p.parse_optional_attr_dict_with_keyword(state)?;
        let r = p.parse_region(state, &[])?;
        if self.single_block {
            ensure_block(p, state, r);
        }
        Ok(())
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        p.print_optional_attr_dict_with_keyword(all_attrs(&op), &[]);
        if let Some(&r) = op.body.regions(op.op).first() {
            p.write_str(" ");
            p.print_region(r, true, true, false);
        }
    }
}

/// `test.terminator` and `test.yield`: `name attr-dict (operands : types)?`.
pub struct TerminatorFormat;

impl CustomFormat for TerminatorFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        p.parse_attr_dict(state)?;
        parse_typed_operands(p, state)
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        p.print_optional_attr_dict(all_attrs(&op), &[]);
        print_typed_operands(p, &op);
    }
}

/// `test.br`: `test.br ^bb(operands : types)? attr-dict`.
pub struct BrFormat;

impl CustomFormat for BrFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let dest = p.parse_successor_and_use_list(&mut state.operands)?;
        state.successors.push(dest);
        p.parse_attr_dict(state)
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        p.write_str(" ");
        if let Some(&dest) = op.body.successors(op.op).first() {
            p.print_successor_and_use_list(dest, &op.body.operand_vec(op.op));
        }
        p.print_optional_attr_dict(all_attrs(&op), &[]);
    }
}

/// `test.symbol`: `test.symbol (visibility)? @name attr-dict`.
pub struct SymbolFormat;

impl CustomFormat for SymbolFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let ctx = p.ctx();
        if let Some(vis) = p.parse_optional_keyword_of(&["public", "private", "nested"]) {
            set_prop(p, state, "sym_visibility", ctx.string_attr(vis));
        }
        let name = p.parse_symbol_name()?;
        set_prop(p, state, "sym_name", ctx.string_attr(&name));
        p.parse_attr_dict(state)?;
        split_inherent(p, state, &["sym_name", "sym_visibility"]);
        Ok(())
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        p.write_str(" ");
        if let Some(vis) = op.attr("sym_visibility").and_then(|a| string_value(&op, a)) {
            p.write_str(&vis);
            p.write_str(" ");
        }
        let name = op
            .attr("sym_name")
            .and_then(|a| string_value(&op, a))
            .unwrap_or_default();
        p.print_symbol_name(&name);
        p.print_optional_attr_dict(all_attrs(&op), &["sym_name", "sym_visibility"]);
    }
}

/// `test.symbol_table`: `test.symbol_table (@name)? (attributes {...})? region`.
pub struct SymbolTableFormat;

impl CustomFormat for SymbolTableFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        if let Some(name) = p.parse_optional_symbol_name()? {
            let a = p.ctx().string_attr(&name);
            set_prop(p, state, "sym_name", a);
        }
        p.parse_optional_attr_dict_with_keyword(state)?;
        split_inherent(p, state, &["sym_name", "sym_visibility"]);
        let r = p.parse_region(state, &[])?;
        ensure_block(p, state, r);
        Ok(())
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        if let Some(name) = op.attr("sym_name").and_then(|a| string_value(&op, a)) {
            p.write_str(" ");
            p.print_symbol_name(&name);
        }
        p.print_optional_attr_dict_with_keyword(all_attrs(&op), &["sym_name"]);
        if let Some(&r) = op.body.regions(op.op).first() {
            p.write_str(" ");
            p.print_region(r, false, true, false);
        }
    }
}

/// `test.use_symbol`: `test.use_symbol @sym attr-dict (: types)?`.
pub struct UseSymbolFormat;

impl CustomFormat for UseSymbolFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let loc = p.current_location();
        let sym = p.parse_attribute()?;
        if !strata_ir::constraints::is_symbol_ref(p.ctx(), sym) {
            return Err(p.emit_error_at(loc, "expected a symbol reference"));
        }
        set_prop(p, state, "sym", sym);
        p.parse_attr_dict(state)?;
        split_inherent(p, state, &["sym"]);
        state.result_types = p.parse_optional_colon_type_list()?;
        Ok(())
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        p.write_str(" ");
        if let Some(s) = op.attr("sym") {
            p.print_attribute(s);
        }
        p.print_optional_attr_dict(all_attrs(&op), &["sym"]);
        let results = result_types(&op);
        if !results.is_empty() {
            p.write_str(" : ");
            p.print_types(&results);
        }
    }
}

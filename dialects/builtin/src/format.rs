//! Custom assembly formats of the builtin ops.

use crate::asm::{all_attrs, ensure_block, set_prop, split_inherent};
use strata_ir::text::{Delimiter, OpAsmParser, OpAsmPrinter};
use strata_ir::{CustomFormat, Diagnostic, OpRef, OperationState};

/// `builtin.module`: `module (@name)? (attributes {...})? region`.
pub struct ModuleFormat;

impl CustomFormat for ModuleFormat {
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
        if let Some(name) = op
            .attr("sym_name")
            .and_then(|a| crate::symbol::string_value(&op, a))
        {
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

/// `builtin.unrealized_conversion_cast`: `(operands : types)? to types attr-dict`.
pub struct CastFormat;

impl CustomFormat for CastFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let operands = p.parse_operand_list(Delimiter::None)?;
        if !operands.is_empty() {
            let types = p.parse_colon_type_list()?;
            p.resolve_operands(&operands, &types, &mut state.operands)?;
        }
        p.parse_keyword("to")?;
        if p.parse_optional_type()?
            .map(|t| state.result_types.push(t))
            .is_some()
        {
            while p.parse_optional_comma() {
                let t = p.parse_type()?;
                state.result_types.push(t);
            }
        }
        p.parse_attr_dict(state)?;
        Ok(())
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        let body = op.body;
        let operands = body.operand_vec(op.op);
        if !operands.is_empty() {
            p.write_str(" ");
            p.print_operands(&operands);
            p.write_str(" : ");
            let types: Vec<_> = operands.iter().map(|&v| body.value_type(v)).collect();
            p.print_types(&types);
        }
        p.write_str(" to");
        let results: Vec<_> = body
            .results(op.op)
            .iter()
            .map(|&v| body.value_type(v))
            .collect();
        if !results.is_empty() {
            p.write_str(" ");
            p.print_types(&results);
        }
        p.print_optional_attr_dict(all_attrs(&op), &[]);
    }
}

//! Custom assembly formats of the func ops (MLIR's `function_interface_impl` for
//! `func.func`, the declarative formats of the others).

use crate::ops::{function_signature, function_type_of_attr};
use strata_dialect_builtin::asm::{all_attrs, set_prop, split_inherent};
use strata_dialect_builtin::symbol::{is_flat_symbol_ref, string_value};
use strata_ir::text::{Delimiter, OpAsmInterface, OpAsmParser, OpAsmPrinter};
use strata_ir::{CustomFormat, Diagnostic, OpRef, OperationState, Type, Value};

const FUNC_INHERENT: &[&str] = &[
    "sym_name",
    "function_type",
    "sym_visibility",
    "arg_attrs",
    "res_attrs",
    "no_inline",
];
const CALL_INHERENT: &[&str] = &["callee", "arg_attrs", "res_attrs", "no_inline"];
const CALL_INDIRECT_INHERENT: &[&str] = &["arg_attrs", "res_attrs"];

fn types_of(op: &OpRef<'_>, vals: &[Value]) -> Vec<Type> {
    vals.iter().map(|&v| op.body.value_type(v)).collect()
}

/// A flat symbol reference attribute (`@f`), as ODS parses a `FlatSymbolRefAttr` operand.
fn parse_flat_symbol_ref(p: &mut OpAsmParser<'_, '_>) -> Result<strata_ir::Attribute, Diagnostic> {
    let loc = p.current_location();
    let a = p.parse_attribute()?;
    if !is_flat_symbol_ref(p.ctx(), a) {
        return Err(p.emit_error_at(loc, "invalid kind of attribute specified"));
    }
    Ok(a)
}

/// `func.func`: `func.func (visibility)? @name(signature) (attributes {...})? (region)?`.
pub struct FuncFormat;

impl CustomFormat for FuncFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let ctx = p.ctx();
        let vis = p.parse_optional_keyword_of(&["public", "private", "nested"]);
        let name = p.parse_symbol_name()?;
        let sig = p.parse_function_signature(false)?;
        let inputs: Vec<Type> = sig.args.iter().map(|a| a.ty).collect();
        let fty = ctx.function_type(&inputs, &sig.results);
        let attrs_loc = p.current_location();
        p.parse_optional_attr_dict_with_keyword(state)?;
        for inferred in ["sym_visibility", "sym_name", "function_type"] {
            if state
                .attrs
                .is_some_and(|d| ctx.dict_get(d, inferred).is_some())
            {
                return Err(p.emit_error_at(
                    attrs_loc,
                    format!(
                        "'{inferred}' is an inferred attribute and should not be specified in \
                         the explicit attribute dictionary"
                    ),
                ));
            }
        }
        split_inherent(p, state, FUNC_INHERENT);
        if let Some(vis) = vis {
            set_prop(p, state, "sym_visibility", ctx.string_attr(vis));
        }
        set_prop(p, state, "sym_name", ctx.string_attr(&name));
        set_prop(p, state, "function_type", ctx.type_attr(fty));
        // Argument and result attributes, kept only when one of them is not empty.
        let empty = ctx.empty_dict();
        let arg_dicts: Vec<_> = sig.args.iter().map(|a| a.attrs.unwrap_or(empty)).collect();
        if arg_dicts.iter().any(|&d| d != empty) {
            set_prop(p, state, "arg_attrs", ctx.array_attr(&arg_dicts));
        }
        let res_dicts: Vec<_> = sig
            .result_attrs
            .iter()
            .map(|a| a.unwrap_or(empty))
            .collect();
        if res_dicts.iter().any(|&d| d != empty) {
            set_prop(p, state, "res_attrs", ctx.array_attr(&res_dicts));
        }
        let body_loc = p.current_location();
        let entry_args = if sig.named { &sig.args[..] } else { &[] };
        match p.parse_optional_region(state, entry_args)? {
            Some(r) => {
                if state.region_body(p.body()).region_blocks(r).is_empty() {
                    return Err(p.emit_error_at(body_loc, "expected non-empty function body"));
                }
            }
            None => {
                state.add_region(p.body());
            }
        }
        Ok(())
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        let ctx = op.ctx;
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
        let fty = op
            .attr("function_type")
            .and_then(|a| function_type_of_attr(ctx, a));
        let (inputs, results) = fty
            .and_then(|t| function_signature(ctx, t))
            .unwrap_or((&[], &[]));
        let region = op.body.regions(op.op).first().copied();
        let has_body = region.is_some_and(|r| !p.region_body().region_blocks(r).is_empty());
        p.print_function_signature(
            region.filter(|_| has_body),
            inputs,
            op.attr("arg_attrs"),
            false,
            results,
            op.attr("res_attrs"),
            false,
        );
        p.print_optional_attr_dict_with_keyword(
            all_attrs(&op),
            &[
                "sym_name",
                "sym_visibility",
                "function_type",
                "arg_attrs",
                "res_attrs",
            ],
        );
        if let Some(r) = region.filter(|_| has_body) {
            p.write_str(" ");
            p.print_region(r, false, true, false);
        }
    }
}

/// `func.return`: `return attr-dict (operands : types)?`.
pub struct ReturnFormat;

impl CustomFormat for ReturnFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        p.parse_attr_dict(state)?;
        let operands = p.parse_operand_list(Delimiter::None)?;
        if !operands.is_empty() {
            let types = p.parse_colon_type_list()?;
            p.resolve_operands(&operands, &types, &mut state.operands)?;
        }
        Ok(())
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        p.print_optional_attr_dict(all_attrs(&op), &[]);
        let operands = op.body.operand_vec(op.op);
        if !operands.is_empty() {
            p.write_str(" ");
            p.print_operands(&operands);
            p.write_str(" : ");
            p.print_types(&types_of(&op, &operands));
        }
    }
}

/// `func.call`: `call @callee(operands) attr-dict : (types) -> types`.
pub struct CallFormat;

impl CustomFormat for CallFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let callee = parse_flat_symbol_ref(p)?;
        set_prop(p, state, "callee", callee);
        let operands = p.parse_operand_list(Delimiter::Paren)?;
        p.parse_attr_dict(state)?;
        split_inherent(p, state, CALL_INHERENT);
        let (inputs, results) = p.parse_colon_function_type()?;
        p.resolve_operands(&operands, &inputs, &mut state.operands)?;
        state.result_types = results;
        Ok(())
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        p.write_str(" ");
        if let Some(c) = op.attr("callee") {
            p.print_attribute(c);
        }
        p.write_str("(");
        p.print_operands(&op.body.operand_vec(op.op));
        p.write_str(")");
        p.print_optional_attr_dict(all_attrs(&op), &["callee"]);
        p.write_str(" : ");
        p.print_functional_type();
    }
}

/// `func.call_indirect`: `call_indirect %callee(operands) attr-dict : function-type`.
pub struct CallIndirectFormat;

impl CustomFormat for CallIndirectFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let callee = p.parse_operand()?;
        let operands = p.parse_operand_list(Delimiter::Paren)?;
        p.parse_attr_dict(state)?;
        split_inherent(p, state, CALL_INDIRECT_INHERENT);
        p.parse_colon()?;
        let loc = p.current_location();
        let fty = p.parse_type()?;
        let Some((inputs, results)) = function_signature(p.ctx(), fty) else {
            return Err(p.emit_error_at(
                loc,
                format!(
                    "invalid kind of type specified: expected builtin.function, but found '{}'",
                    strata_ir::text::print_type(p.ctx(), fty)
                ),
            ));
        };
        let (inputs, results) = (inputs.to_vec(), results.to_vec());
        p.resolve_operand(&callee, fty, &mut state.operands)?;
        p.resolve_operands(&operands, &inputs, &mut state.operands)?;
        state.result_types = results;
        Ok(())
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        let operands = op.body.operand_vec(op.op);
        let Some((&callee, args)) = operands.split_first() else {
            return;
        };
        p.write_str(" ");
        p.print_operand(callee);
        p.write_str("(");
        p.print_operands(args);
        p.write_str(")");
        p.print_optional_attr_dict(all_attrs(&op), &[]);
        p.write_str(" : ");
        p.print_type(op.body.value_type(callee));
    }
}

/// `func.constant`: `constant attr-dict @name : type`.
pub struct ConstantFormat;

impl CustomFormat for ConstantFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        p.parse_attr_dict(state)?;
        split_inherent(p, state, &["value"]);
        let value = parse_flat_symbol_ref(p)?;
        set_prop(p, state, "value", value);
        let ty = p.parse_colon_type()?;
        state.result_types.push(ty);
        Ok(())
    }

    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        p.print_optional_attr_dict(all_attrs(&op), &["value"]);
        p.write_str(" ");
        if let Some(v) = op.attr("value") {
            p.print_attribute(v);
        }
        p.write_str(" : ");
        if let Some(&r) = op.body.results(op.op).first() {
            p.print_type(op.body.value_type(r));
        }
    }
}

/// Result names of `func.constant` (`%f`, `%f_0`, ...), as MLIR's `getAsmResultNames`.
pub struct ConstantAsm;

impl OpAsmInterface for ConstantAsm {
    fn result_names(&self, op: OpRef<'_>, set: &mut dyn FnMut(Value, &str)) {
        if let Some(&r) = op.body.results(op.op).first() {
            set(r, "f");
        }
    }
}

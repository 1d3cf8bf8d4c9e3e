//! The `func` dialect: functions (`func.func`), returns, direct and indirect calls, and
//! function constants, with MLIR's names, semantics, verifiers and custom syntax.

mod format;
mod ops;

pub use ops::{
    function_signature, function_type_of_attr, CallIndirectOp, CallOp, ConstantOp, FuncOp, ReturnOp,
};
use strata_ir::DialectDef;

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "func",
    summary: "Functions, calls and returns.",
    description: "Ops to define functions (`func.func`, a symbol with an isolated body), \
                  return from them (`func.return`), call them directly by name \
                  (`func.call`) or through a function value (`func.constant`, \
                  `func.call_indirect`). Mirrors MLIR's `func` dialect.",
    ops: &[
        &FuncOp::DEF,
        &ReturnOp::DEF,
        &CallOp::DEF,
        &CallIndirectOp::DEF,
        &ConstantOp::DEF,
    ],
};

/// Register the `func` dialect into `ctx`, with the assembly hooks of its ops (the `%f`
/// result names of `func.constant`).
pub fn register(ctx: &mut strata_ir::Context) {
    ctx.register_dialect(&DIALECT);
    ctx.attach_interface::<dyn strata_ir::text::OpAsmInterface>(
        ConstantOp::NAME,
        &format::ConstantAsm,
    );
}

//! The buffer form of `tensor.string_call` (`docs/lowering.md`, "String tensors"): a call
//! of the runtime's string kernel through `strata_rt.string_call`. The call site passes a
//! spec (a C string literal: the op's attribute dictionary, the number of inputs, and the
//! tensor type of each input and output buffer, each item `<length>:<text>`) and the
//! buffer pointers; the runtime runs the graph op with the interpreter's semantics. A
//! string buffer holds `strata_str` descriptors, so every operand must be contiguous.

use super::types::{is_contiguous, CTy};
use super::{vname, FnEmitter};
use strata_ir::text::{print_attr, print_type};
use strata_ir::{Diagnostic, Op};

/// Emit `tensor.string_call` (buffer form only).
pub(crate) fn emit(e: &mut FnEmitter<'_, '_>, op: Op, name: &str) -> Result<(), Diagnostic> {
    if name != strata_dialect_tensor::StringCallOp::NAME {
        return Err(e.error(op, "is not supported"));
    }
    let body = e.body;
    if !body.results(op).is_empty() {
        return Err(e.error(op, "must be in buffer form (run bufferize)"));
    }
    let ctx = e.ctx();
    let opref = e.opref(op);
    let callee = strata_dialect_tensor::strings::callee_of(&opref)
        .ok_or_else(|| e.error(op, "has no 'callee'"))?;
    let n_in = strata_dialect_tensor::strings::callee_arity(callee).ok_or_else(|| {
        e.error(
            op,
            format_args!("calls '{callee}', which is not a string op"),
        )
    })?;
    let mut items = vec![print_attr(ctx, body.op(op).props), n_in.to_string()];
    let mut ptrs = Vec::new();
    for v in body.operands(op) {
        let ct = e.cty(op, v)?;
        let CTy::Mem(m) = &ct else {
            return Err(e.error(op, "expects buffer operands"));
        };
        if !is_contiguous(&ct) {
            return Err(e.error(op, "expects contiguous buffers (a strided view was given)"));
        }
        let (_, elem) = strata_dialect_tensor::util::shaped(ctx, body.value_type(v))
            .ok_or_else(|| e.error(op, "expects ranked buffers"))?;
        items.push(print_type(ctx, ctx.tensor_type(&m.shape, elem)));
        ptrs.push(format!("(void *){}", vname(v)));
    }
    let spec: String = items.iter().map(|t| format!("{}:{t}", t.len())).collect();
    let sv = e.tmp("spec");
    let bv = e.tmp("bufs");
    e.line("if (*err == 0) {");
    e.indent += 1;
    e.line(format!("static const char {sv}[] = {};", c_string(&spec)));
    e.line(format!("void *const {bv}[] = {{{}}};", ptrs.join(", ")));
    e.line(format!(
        "int32_t e_ = rt->string_call ? rt->string_call(rt->strings, {sv}, (int64_t)(sizeof {sv} - 1), {bv}) : STRATA_ERR_STRING;"
    ));
    e.line("if (e_) strata_set_err(err, e_);");
    e.indent -= 1;
    e.line("}");
    Ok(())
}

/// A C string literal of `s` (any bytes; escapes keep it on one line and trigraph-free).
pub(crate) fn c_string(s: &str) -> String {
    let mut out = String::from("\"");
    for b in s.bytes() {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'?' => out.push_str("\\?"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn c_string_escapes() {
        assert_eq!(
            super::c_string("a\"b\\c??=\n\u{e9}"),
            "\"a\\\"b\\\\c\\?\\?=\\012\\303\\251\""
        );
    }
}

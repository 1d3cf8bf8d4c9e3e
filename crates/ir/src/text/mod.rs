//! The MLIR text format: lexer, parser and printer (generic and custom op forms).
//!
//! Public entry points (their signatures are relied on by the CLI and tests):
//! [`parse`], [`parse_bytes`], [`print_module`], [`write_module`], [`print_op`],
//! [`print_type`], [`print_attr`], [`parse_type`], [`parse_attr`], plus [`OpAsmParser`] and
//! [`OpAsmPrinter`] through which dialects implement custom assembly formats, and
//! [`OpAsmInterface`] (attach it to an op with
//! [`Context::attach_interface`](crate::Context::attach_interface)) for result names such as
//! `%c0_i32` and for the default dialect of an op's regions.
//!
//! The output matches `mlir-opt` (MLIR 22) byte for byte: SSA numbering, alias numbering and
//! placement (`#map`, `#set`, `#loc` — location aliases at the end of the file), float
//! formatting, dense elements (hex above 100 elements), escaping, the resource section.
//!
//! Known differences from `mlir-opt`:
//! * builtin types and attributes Strata does not model are rejected with an "unsupported"
//!   diagnostic: `tf32`, `f80`, `f128`, the `f8*`/`f6*`/`f4*` types, zero-width integers,
//!   `sparse<...>`, `distinct[..]<...>`, dense string elements, and dialect attributes
//!   followed by `: type`;
//! * `<{}>` (empty properties) is not distinguished from no properties and is not printed;
//! * properties of ops are always visited for aliases (MLIR skips them for unregistered
//!   ops), so `#map` aliases of unregistered ops' properties are created as for
//!   registered ones;
//! * only the `builtin` dialect's resources are kept (`dialect_resources` of other dialects
//!   is an error, `external_resources` is read and dropped);
//! * an `i1` dense hex literal with garbage bits beyond the last element becomes a splat
//!   when all elements are equal.

mod affine_text;
pub(crate) use affine_text::simplify as simplify_affine;
mod float;
mod lexer;
mod ops;
mod parser;
mod printer;

pub use ops::{Argument, FunctionSignature, OpAsmParser, UnresolvedOperand};
pub use parser::Delimiter;
pub use printer::OpAsmPrinter;

use crate::types::FloatKind;
use crate::{Attribute, Body, Context, Diagnostic, Module, Op, OpRef, Region, Type, Value};
use lexer::Tok;
use printer::{Elide, Printer};

/// Options for parsing.
#[derive(Clone, Debug)]
pub struct ParseOptions {
    /// Maximum nesting depth of regions, types and attributes before a "nesting limit"
    /// diagnostic is reported instead of recursing further.
    pub nesting_limit: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { nesting_limit: 256 }
    }
}

/// Options for printing.
#[derive(Clone, Debug, Default)]
pub struct PrintOptions {
    /// Print every op in the generic form (`--mlir-print-op-generic`).
    pub generic: bool,
    /// Print locations (`--mlir-print-debuginfo`).
    pub debug_info: bool,
}

/// Optional assembly hooks of an op (MLIR's `OpAsmOpInterface`). Attach an implementation
/// with `ctx.attach_interface::<dyn OpAsmInterface>("arith.constant", &IMPL)`.
pub trait OpAsmInterface: Sync {
    /// The dialect whose prefix may be left out of op names inside this op's regions
    /// (`"func"` for `func.func`, so that `func.return` prints as `return`). Built in:
    /// `func.func` and `builtin.module`.
    fn default_dialect(&self) -> &'static str {
        ""
    }
    /// Suggest names for the op's results (`set(result, "c0_i32")`); used in the custom
    /// form only. Names are made unique (`%c0_i32_0`) as MLIR does.
    fn result_names(&self, op: OpRef<'_>, set: &mut dyn FnMut(Value, &str)) {
        let _ = (op, set);
    }
    /// Suggest names for the arguments of blocks of `region` (custom form only).
    fn block_arg_names(&self, op: OpRef<'_>, region: Region, set: &mut dyn FnMut(Value, &str)) {
        let _ = (op, region, set);
    }
}

fn parse_once(
    ctx: &Context,
    file_name: &str,
    src: &str,
    opts: &ParseOptions,
    renames: rustc_hash::FxHashMap<String, crate::Symbol>,
) -> Result<(Module, rustc_hash::FxHashMap<String, crate::Symbol>), Diagnostic> {
    let mut p = parser::Parser::new(ctx, file_name, src, opts.nesting_limit);
    p.resource_renames = renames;
    let module_name = ctx.op_name("builtin.module");
    let mut body = Body::new();
    let mut state = crate::OperationState::new(ctx, module_name, ctx.file_loc(file_name, 0, 0));
    let region = state.add_region(&mut body);
    let top_ops = {
        let rb = state.region_body(&mut body);
        let blk = rb.create_block();
        rb.append_block(region, blk);
        if p.parse_top_level(rb, blk).is_err() {
            return Err(p
                .diag
                .take()
                .unwrap_or_else(|| Diagnostic::error(ctx.unknown_loc(), "parse error")));
        }
        rb.block_op_vec(blk)
    };
    let map = match p.resolve_deferred_locs() {
        Ok(m) => m,
        Err(_) => {
            return Err(p
                .diag
                .take()
                .unwrap_or_else(|| Diagnostic::error(ctx.unknown_loc(), "parse error")))
        }
    };
    let single_module = top_ops.len() == 1 && {
        let rb = state.region_body(&mut body);
        rb.name(top_ops[0]) == module_name
    };
    let mut module = if single_module {
        let inner = top_ops[0];
        if state.is_isolated() {
            let mut nested = state.nested.take().unwrap_or_default();
            nested.detach_op(inner);
            Module {
                body: *nested,
                op: inner,
            }
        } else {
            body.detach_op(inner);
            Module { body, op: inner }
        }
    } else {
        let op = body.create_op(state);
        Module { body, op }
    };
    if !map.is_empty() {
        ops::replace_locs(&mut module.body, &map);
    }
    Ok((module, p.resource_renames))
}

/// Parse `src` (named `file_name` in locations). Top-level ops are wrapped in an implicit
/// `builtin.module` (located at `file_name:0:0`, as in MLIR) unless the file holds exactly
/// one `builtin.module`. Resource blobs of the `{-# dialect_resources #-}` section are
/// stored in the context with [`Context::add_resource`]; when the context already holds a
/// different blob under a name, the file's `dense_resource` uses refer to the new name.
/// Stops at the first error, as MLIR does.
pub fn parse(
    ctx: &Context,
    file_name: &str,
    src: &str,
    opts: &ParseOptions,
) -> Result<Module, Vec<Diagnostic>> {
    if src.len() > (u32::MAX - 16) as usize {
        return Err(vec![Diagnostic::error(
            ctx.file_loc(file_name, 1, 1),
            "input too large (more than 4 GiB)",
        )]);
    }
    let (m, renames) =
        parse_once(ctx, file_name, src, opts, Default::default()).map_err(|d| vec![d])?;
    if renames.is_empty() {
        return Ok(m);
    }
    // Some blobs were stored under new names: parse again so that uses refer to them.
    let (m, _) = parse_once(ctx, file_name, src, opts, renames).map_err(|d| vec![d])?;
    Ok(m)
}

/// Parse raw bytes: invalid UTF-8 is reported at its line and column.
pub fn parse_bytes(
    ctx: &Context,
    file_name: &str,
    src: &[u8],
    opts: &ParseOptions,
) -> Result<Module, Vec<Diagnostic>> {
    match std::str::from_utf8(src) {
        Ok(s) => parse(ctx, file_name, s, opts),
        Err(e) => {
            let prefix = &src[..e.valid_up_to()];
            let line = prefix.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let col = (prefix.len()
                - prefix
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1)) as u32
                + 1;
            Err(vec![Diagnostic::error(
                ctx.file_loc(file_name, line, col),
                "invalid UTF-8 in input",
            )])
        }
    }
}

/// Print a module (aliases, ops, then the `dialect_resources` section) to a string. The text
/// is exactly what `mlir-opt` writes, including its final empty line.
pub fn print_module(ctx: &Context, module: &Module, opts: &PrintOptions) -> String {
    let mut out = Vec::new();
    write_module(ctx, module, opts, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the printer only writes UTF-8")
}

/// Print a module to a writer (streaming through a 64 KiB buffer; large modules are not built
/// up in memory).
pub fn write_module(
    ctx: &Context,
    module: &Module,
    opts: &PrintOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut p = Printer::new(ctx, opts.clone(), Some(out));
    let body = &module.body;
    let op = module.op;
    p.collect_op(body, op);
    p.finish_aliases();
    p.number(body, op);
    p.print_alias_defs(false);
    let bi = body_index(&mut p, body);
    p.print_op_line(body, bi, op);
    p.newline();
    p.print_alias_defs(true);
    p.print_resources();
    p.newline();
    p.finish().map(|_| ())
}

fn body_index(p: &mut Printer<'_>, body: &Body) -> usize {
    p.body_index_of(body)
}

/// Print one op (with its regions) as it would appear in a module, without aliases and
/// without a trailing newline. Values defined outside the op print as
/// `<<UNKNOWN SSA VALUE>>`.
pub fn print_op(ctx: &Context, body: &Body, op: Op, opts: &PrintOptions) -> String {
    let mut p = Printer::new(ctx, opts.clone(), None);
    p.number(body, op);
    let bi = body_index(&mut p, body);
    p.print_op_line(body, bi, op);
    p.take_string()
}

/// Print a type.
pub fn print_type(ctx: &Context, ty: Type) -> String {
    let mut p = Printer::new(ctx, PrintOptions::default(), None);
    p.print_type(ty);
    p.take_string()
}

/// Print an attribute.
pub fn print_attr(ctx: &Context, attr: Attribute) -> String {
    let mut p = Printer::new(ctx, PrintOptions::default(), None);
    p.print_attr(attr, Elide::Never);
    p.take_string()
}

/// Print a float value of `kind` (bit pattern `bits`) as MLIR prints float attributes:
/// `1.500000e+00`, `3.14159274`, `0x7FC00000`.
pub fn format_float(bits: u64, kind: FloatKind) -> String {
    let mut s = String::new();
    float::format_float(bits, kind, &mut s);
    s
}

/// Parse a standalone type (e.g. from a command-line option).
pub fn parse_type(ctx: &Context, src: &str) -> Result<Type, Diagnostic> {
    let mut p = parser::Parser::new(ctx, "<mlir_parser_buffer>", src, 256);
    let r = p.parse_type();
    finish_standalone(&mut p, r)
}

/// Parse a standalone attribute (e.g. from a command-line option).
pub fn parse_attr(ctx: &Context, src: &str) -> Result<Attribute, Diagnostic> {
    let mut p = parser::Parser::new(ctx, "<mlir_parser_buffer>", src, 256);
    let r = p.parse_attribute();
    finish_standalone(&mut p, r)
}

fn finish_standalone<T>(
    p: &mut parser::Parser<'_>,
    r: parser::PResult<T>,
) -> Result<T, Diagnostic> {
    let fail = |p: &mut parser::Parser<'_>| {
        p.diag
            .take()
            .unwrap_or_else(|| Diagnostic::error(p.ctx.unknown_loc(), "parse error"))
    };
    match r {
        Ok(v) => {
            if p.tok.kind != Tok::Eof {
                let _ = p.err("unexpected trailing characters");
                return Err(fail(p));
            }
            Ok(v)
        }
        Err(_) => Err(fail(p)),
    }
}

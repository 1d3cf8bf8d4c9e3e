//! The MLIR text format: lexer, parser and printer (generic and custom op forms).
//!
//! Public entry points (their signatures are relied on by the CLI and tests):
//! [`parse`], [`parse_bytes`], [`print_module`], [`write_module`], [`print_op`],
//! [`print_type`], [`print_attr`], [`parse_type`], [`parse_attr`], plus [`OpAsmParser`] and
//! [`OpAsmPrinter`] through which dialects implement custom assembly formats.

use crate::{Attribute, Body, Context, Diagnostic, Module, Op, Type};

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

/// Parse `src` (named `file_name` in locations). Top-level ops are wrapped in an implicit
/// `builtin.module` unless the file holds exactly one `builtin.module`.
pub fn parse(
    ctx: &Context,
    file_name: &str,
    src: &str,
    opts: &ParseOptions,
) -> Result<Module, Vec<Diagnostic>> {
    let _ = (ctx, file_name, src, opts);
    Err(vec![Diagnostic::error(ctx.unknown_loc(), "parser not available yet")])
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
            let col = (prefix.len() - prefix.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1))
                as u32
                + 1;
            Err(vec![Diagnostic::error(ctx.file_loc(file_name, line, col), "invalid UTF-8 in input")])
        }
    }
}

/// Print a module (aliases, ops, then the `dialect_resources` section) to a string.
pub fn print_module(ctx: &Context, module: &Module, opts: &PrintOptions) -> String {
    let mut out = Vec::new();
    write_module(ctx, module, opts, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the printer only writes UTF-8")
}

/// Print a module to a writer (streaming; large modules are not built up in memory).
pub fn write_module(
    ctx: &Context,
    module: &Module,
    opts: &PrintOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let _ = (ctx, module, opts, out);
    Ok(())
}

/// Print one op (with its regions) as it would appear in a module.
pub fn print_op(ctx: &Context, body: &Body, op: Op, opts: &PrintOptions) -> String {
    let _ = (ctx, body, op, opts);
    String::new()
}

/// Print a type.
pub fn print_type(ctx: &Context, ty: Type) -> String {
    let _ = (ctx, ty);
    String::new()
}

/// Print an attribute.
pub fn print_attr(ctx: &Context, attr: Attribute) -> String {
    let _ = (ctx, attr);
    String::new()
}

/// Parse a standalone type (e.g. from a command-line option).
pub fn parse_type(ctx: &Context, src: &str) -> Result<Type, Diagnostic> {
    let _ = src;
    Err(Diagnostic::error(ctx.unknown_loc(), "parser not available yet"))
}

/// Parse a standalone attribute (e.g. from a command-line option).
pub fn parse_attr(ctx: &Context, src: &str) -> Result<Attribute, Diagnostic> {
    let _ = src;
    Err(Diagnostic::error(ctx.unknown_loc(), "parser not available yet"))
}

/// The handle custom formats parse through (see [`crate::CustomFormat`]).
pub struct OpAsmParser<'a, 'b> {
    _p: std::marker::PhantomData<(&'a (), &'b ())>,
}

/// The handle custom formats print through (see [`crate::CustomFormat`]).
pub struct OpAsmPrinter<'a, 'b> {
    _p: std::marker::PhantomData<(&'a (), &'b ())>,
}

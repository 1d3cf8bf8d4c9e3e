//! Module-level buffers: `loop.global` declares one (MLIR's `memref.global`) and
//! `loop.get_global` reads its address (MLIR's `memref.get_global`).
//!
//! Bufferization turns dense tensor constants (weights) into constant globals, so the
//! code generator can emit them as static read-only data. A global has a static,
//! contiguous memref type; its elements come from `initial_value` (a dense elements
//! attribute of the matching tensor type) or are uninitialised (zero in the interpreter).
//! A global marked `constant` is never written: a store or copy into it is an error when it
//! runs.

use crate::layout::memref_parts;
use strata_dialect_builtin::symbol::{is_flat_symbol_ref, verify_symbol};
use strata_dialect_tensor::util::{int_c, int_value, ty_str, unit_c, DYN};
use strata_ir::{
    op, symbol_table, Arity, AttrConstraint, AttrKind, Attribute, Context, Diagnostic, OpRef,
    Traits, Type,
};

fn is_type_attr(ctx: &Context, a: Attribute) -> bool {
    matches!(ctx.attr_kind(a), AttrKind::Type(_))
}

fn is_flat_ref(ctx: &Context, a: Attribute) -> bool {
    is_flat_symbol_ref(ctx, a)
}

fn is_elements(ctx: &Context, a: Attribute) -> bool {
    matches!(
        ctx.attr_kind(a),
        AttrKind::DenseElements { .. } | AttrKind::DenseResource { .. }
    )
}

/// The memref type of a global (its `type` attribute), when present and a type.
pub fn global_type(op: &OpRef<'_>) -> Option<Type> {
    match op.ctx.attr_kind(op.attr("type")?) {
        AttrKind::Type(t) => Some(*t),
        _ => None,
    }
}

op! {
    /// A module-level buffer (MLIR's `memref.global`): a symbol named by `sym_name` whose
    /// `type` is a memref with a static shape and the identity layout.
    ///
    /// `initial_value`, a dense elements attribute whose type is the tensor of the same
    /// shape and element type, gives the elements; without it the buffer is uninitialised.
    /// The unit attribute `constant` makes the buffer read-only (it needs an
    /// `initial_value`): writing it is an error when it runs. The optional `alignment`
    /// (bytes, a positive power of two) is the alignment of its start. The buffer exists
    /// for the whole run; it is read with `loop.get_global` and never freed. A global must
    /// sit directly in a symbol table (a module).
    ///
    /// ```mlir
    /// "loop.global"() <{sym_name = "cst_0", type = memref<4xf32>, initial_value = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>, constant, alignment = 64 : i64}> : () -> ()
    /// "loop.global"() <{sym_name = "scratch", type = memref<2x3xi32>}> : () -> ()
    /// ```
    pub struct GlobalOp = "loop.global";
    summary: "declare a module-level buffer";
    attrs: [sym_name = "sym_name", initial_value = "initial_value"];
    def: {
        traits: Traits::SYMBOL,
        operands: Arity::Exactly(0),
        results: Arity::Exactly(0),
        attrs: &[
            AttrConstraint {
                name: "type",
                required: true,
                description: "type attribute",
                check: is_type_attr,
            },
            AttrConstraint {
                name: "initial_value",
                required: false,
                description: "dense elements attribute",
                check: is_elements,
            },
            unit_c("constant"),
            int_c("alignment", false),
        ],
        verify: Some(verify_global),
    }
}

impl GlobalOp<'_> {
    /// Whether the global is read-only.
    pub fn is_constant(&self) -> bool {
        self.0.attr("constant").is_some()
    }
    /// The memref type.
    pub fn memref_type(&self) -> Option<Type> {
        global_type(&self.0)
    }
}

fn verify_global(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let in_table = op
        .parent
        .is_some_and(|p| p.def().is_some_and(|d| d.has(Traits::SYMBOL_TABLE)))
        && op.body.parent_op(op.op).is_none();
    if !in_table {
        return Err(op.error("must appear directly in a symbol table (a module)"));
    }
    verify_symbol(&op, false, false)?;
    let Some(t) = global_type(&op) else {
        return Err(op.error("requires a 'type' attribute"));
    };
    let Some(p) = memref_parts(op.ctx, t) else {
        return Err(op.error(format_args!(
            "'type' must be a ranked memref, but is {}",
            ty_str(op.ctx, t)
        )));
    };
    if p.shape.contains(&DYN) {
        return Err(op.error(format_args!(
            "'type' must have a static shape, but is {}",
            ty_str(op.ctx, t)
        )));
    }
    let identity = match p.layout.map(|l| op.ctx.attr_kind(l)) {
        None => true,
        Some(AttrKind::AffineMap(m)) => m.is_identity(),
        Some(_) => false,
    };
    if !identity {
        return Err(op.error(format_args!(
            "'type' must have the identity layout, but is {}",
            ty_str(op.ctx, t)
        )));
    }
    match op.attr("initial_value").map(|a| op.ctx.attr_kind(a)) {
        Some(AttrKind::DenseElements { ty, .. }) | Some(AttrKind::DenseResource { ty, .. }) => {
            let want = op.ctx.tensor_type(&p.shape, p.elem);
            if *ty != want {
                return Err(op.error(format_args!(
                    "'initial_value' has type {}, but the global's type {} needs {}",
                    ty_str(op.ctx, *ty),
                    ty_str(op.ctx, t),
                    ty_str(op.ctx, want)
                )));
            }
        }
        Some(_) => return Err(op.error("'initial_value' must be a dense elements attribute")),
        None if op.attr("constant").is_some() => {
            return Err(op.error("a 'constant' global requires an 'initial_value'"))
        }
        None => {}
    }
    if let Some(a) = op.attr("alignment") {
        match int_value(op.ctx, a) {
            Some(v) if v > 0 && (v as u64).is_power_of_two() => {}
            _ => return Err(op.error("'alignment' must be a positive power of two (bytes)")),
        }
    }
    Ok(())
}

op! {
    /// The buffer of a `loop.global` (MLIR's `memref.get_global`): `name` is a flat symbol
    /// reference that must resolve, through the enclosing symbol tables, to a `loop.global`
    /// whose type is the result type. The result aliases the global (no copy).
    ///
    /// ```mlir
    /// %w = "loop.get_global"() <{name = @cst_0}> : () -> memref<4xf32>
    /// ```
    pub struct GetGlobalOp = "loop.get_global";
    summary: "the buffer of a module-level global";
    results: [result];
    attrs: [name = "name"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(0),
        results: Arity::Exactly(1),
        attrs: &[AttrConstraint {
            name: "name",
            required: true,
            description: "flat symbol reference attribute",
            check: is_flat_ref,
        }],
        verify: Some(verify_get_global),
    }
}

fn verify_get_global(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let Some(sym) = op.attr("name") else {
        return Err(op.error("requires a 'name' symbol reference attribute"));
    };
    let name = match op.ctx.attr_kind(sym) {
        AttrKind::SymbolRef { root, .. } => op.ctx.str(*root).to_string(),
        _ => String::new(),
    };
    let Some((body, g)) = symbol_table::resolve(&op, sym) else {
        return Err(op.error(format_args!("'{name}' does not reference a symbol")));
    };
    let g = OpRef::new(op.ctx, body, g);
    if g.name() != GlobalOp::NAME {
        return Err(op.error(format_args!(
            "'{name}' references a '{}', not a 'loop.global'",
            g.name()
        )));
    }
    let r = op.ty(op.result(0));
    match global_type(&g) {
        Some(t) if t == r => Ok(()),
        Some(t) => Err(op.error(format_args!(
            "result type {} differs from the type {} of global '{name}'",
            ty_str(op.ctx, r),
            ty_str(op.ctx, t)
        ))),
        None => Err(op.error(format_args!("global '{name}' has no type"))),
    }
}

//! `loop.global` and `loop.get_global` in C.
//!
//! Constant globals are laid out (64-byte aligned) in one blob written next to the C file
//! and embedded read-only with `.incbin`, so large weights cost no C parsing. Mutable globals
//! are zero-initialised static arrays; every entry call first resets them (copying the
//! initial value from the blob, or zeroing an uninitialised one), so each run starts from the
//! module's initial state as in the interpreter. The runtime serialises calls.

use super::{CTy, FnEmitter, ModuleCx, BLOB_PATH_MARK};
use std::fmt::Write as _;
use strata_ir::{AttrKind, Diagnostic, Module, Op, OpRef, Type};

/// Where a global lives.
#[derive(Clone, Debug)]
pub(crate) enum Slot {
    /// At this byte offset of the read-only blob.
    Const(usize),
    /// The static array `strata_mut<index>` of `size` bytes, reset from the blob at `init`
    /// (or zeroed) on entry.
    Mut {
        index: usize,
        size: usize,
        init: Option<usize>,
    },
}

pub(crate) fn emit_get_global(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    let name = match e.opref(op).attr("name").map(|a| e.ctx().attr_kind(a)) {
        Some(AttrKind::SymbolRef { root, nested }) if nested.is_empty() => {
            e.ctx().str(*root).to_string()
        }
        _ => return Err(e.error(op, "needs a flat 'name' symbol")),
    };
    let Some(slot) = e.m.globals.get(&name).cloned() else {
        return Err(e.error(
            op,
            format_args!("refers to @{name}, which is not a global here"),
        ));
    };
    let r = e.body.result(op, 0);
    let t = super::loops::mem(e, op, r)?;
    let c = t.elem.c();
    let base = match slot {
        Slot::Const(off) => format!("(strata_blob + {off})"),
        Slot::Mut { index, .. } => format!("strata_mut{index}"),
    };
    e.define(op, r, &format!("({c} *){base}"))
}

/// Append `bytes` to the blob at a 64-byte aligned offset; returns the offset.
fn push_blob(m: &mut ModuleCx<'_>, bytes: &[u8]) -> usize {
    let offset = m.blob.len().div_ceil(64) * 64;
    m.blob.resize(offset, 0);
    m.blob.extend_from_slice(bytes);
    offset
}

/// Lay out the `loop.global`s of the module.
pub(crate) fn collect_globals(
    m: &mut ModuleCx<'_>,
    module: &Module,
) -> Result<(), Vec<Diagnostic>> {
    let ctx = m.ctx;
    let mb = module.region_body();
    let Some(block) = module.block() else {
        return Ok(());
    };
    let mut errs = Vec::new();
    let mut mutable = 0;
    for op in mb.block_ops(block) {
        let r = OpRef::new(ctx, mb, op);
        if r.name() != "loop.global" {
            continue;
        }
        match global_bytes(&r) {
            Ok((name, _ty, size, bytes, constant)) => {
                let slot = match (constant, bytes) {
                    (true, Some(b)) => Slot::Const(push_blob(m, &b)),
                    (true, None) => {
                        errs.push(r.error("is constant without an initial value (cpu codegen)"));
                        continue;
                    }
                    (false, init) => {
                        mutable += 1;
                        Slot::Mut {
                            index: mutable - 1,
                            size,
                            init: init.map(|b| push_blob(m, &b)),
                        }
                    }
                };
                m.globals.insert(name, slot);
            }
            Err(msg) => errs.push(r.error(format_args!("{msg} (cpu codegen)"))),
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
    }
}

/// The name, type, size in bytes, initial bytes (little-endian) and constness of a global.
#[allow(clippy::type_complexity)]
fn global_bytes(r: &OpRef<'_>) -> Result<(String, Type, usize, Option<Vec<u8>>, bool), String> {
    let ctx = r.ctx;
    let name = match r.attr("sym_name").map(|a| ctx.attr_kind(a)) {
        Some(AttrKind::String { value, .. }) => String::from_utf8_lossy(value).into_owned(),
        _ => return Err("needs a 'sym_name'".into()),
    };
    let ty = match r.attr("type").map(|a| ctx.attr_kind(a)) {
        Some(AttrKind::Type(t)) => *t,
        _ => return Err("needs a memref 'type'".into()),
    };
    let constant = r.attr("constant").is_some();
    let CTy::Mem(mt) = super::types::classify(ctx, ty)? else {
        return Err("needs a memref 'type'".into());
    };
    let numel = mt
        .shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(usize::try_from(d).ok()?))
        .ok_or("is too large")?;
    let size = mt.elem.bytes() as usize;
    let total = numel.checked_mul(size).ok_or("is too large")?;
    let data: Option<Vec<u8>> = match r.attr("initial_value").map(|a| ctx.attr_kind(a)) {
        Some(AttrKind::DenseElements { splat, data, .. }) => {
            Some(if *splat && data.len() == size {
                data.iter().copied().cycle().take(total).collect()
            } else {
                data.to_vec()
            })
        }
        Some(AttrKind::DenseResource { name, .. }) => Some(
            ctx.resource_data(*name)
                .map(|d| d.to_vec())
                .ok_or("refers to a missing resource blob")?,
        ),
        None => None,
        Some(_) => return Err("has an 'initial_value' that is not dense elements".into()),
    };
    if let Some(d) = &data {
        if d.len() != total {
            return Err(format!(
                "has {} bytes of initial value for {total} bytes of buffer",
                d.len()
            ));
        }
    }
    Ok((name, ty, total, data, constant))
}

/// The declarations of the blob and of the mutable globals.
pub(crate) fn globals_decl(m: &ModuleCx<'_>) -> String {
    let mut out = String::new();
    if !m.blob.is_empty() {
        let _ = write!(
            out,
            "__asm__(\".section .rodata.strata_blob,\\\"a\\\",%progbits\\n.balign 64\\n.globl strata_blob\\n.hidden strata_blob\\nstrata_blob:\\n.incbin \\\"{BLOB_PATH_MARK}\\\"\\n.previous\\n\");\nextern const unsigned char strata_blob[] __attribute__((visibility(\"hidden\")));\n\n"
        );
    }
    for slot in m.globals.values() {
        if let Slot::Mut { index, size, .. } = slot {
            let _ = writeln!(
                out,
                "static unsigned char strata_mut{index}[{}] __attribute__((aligned(64)));",
                (*size).max(1)
            );
        }
    }
    out
}

/// The statements resetting the mutable globals at the start of an entry.
pub(crate) fn reset_code(m: &ModuleCx<'_>) -> String {
    let mut out = String::new();
    for slot in m.globals.values() {
        match slot {
            Slot::Mut {
                index,
                size,
                init: Some(off),
            } => {
                let _ = writeln!(
                    out,
                    "  memcpy(strata_mut{index}, strata_blob + {off}, {size});"
                );
            }
            Slot::Mut {
                index,
                size,
                init: None,
            } => {
                let _ = writeln!(out, "  memset(strata_mut{index}, 0, {size});");
            }
            Slot::Const(_) => {}
        }
    }
    out
}

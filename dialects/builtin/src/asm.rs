//! Helpers for custom assembly formats shared by the dialects: MLIR's handling of inherent
//! attributes (properties) in `attr-dict`, and the implicit block of single-block regions.

use strata_ir::text::OpAsmParser;
use strata_ir::{AttrKind, Attribute, NamedAttr, OpRef, OperationState, Region};

/// Move the entries of `state.attrs` named in `inherent` into `state.props`. In MLIR's custom
/// forms, inherent attributes are written in the same `attr-dict` as discardable ones and
/// become properties when the op is created.
pub fn split_inherent(p: &OpAsmParser<'_, '_>, state: &mut OperationState, inherent: &[&str]) {
    let ctx = p.ctx();
    let Some(attrs) = state.attrs else { return };
    let (props, rest): (Vec<NamedAttr>, Vec<NamedAttr>) = ctx
        .dict_entries(attrs)
        .iter()
        .partition(|e| inherent.contains(&ctx.str(e.name)));
    if props.is_empty() {
        return;
    }
    let mut all: Vec<NamedAttr> = state
        .props
        .map(|d| ctx.dict_entries(d).to_vec())
        .unwrap_or_default();
    all.extend(props);
    state.props = Some(ctx.attr(AttrKind::Dict(all.into())));
    state.attrs = (!rest.is_empty()).then(|| ctx.attr(AttrKind::Dict(rest.into())));
}

/// Set the inherent attribute `name` of the op being parsed.
pub fn set_prop(p: &OpAsmParser<'_, '_>, state: &mut OperationState, name: &str, value: Attribute) {
    let ctx = p.ctx();
    let dict = state.props.unwrap_or_else(|| ctx.empty_dict());
    state.props = Some(ctx.dict_set(dict, name, Some(value)));
}

/// All attributes of an op, inherent and discardable, in one dictionary (sorted by name), as
/// MLIR's `Operation::getAttrDictionary` gives them to custom printers.
pub fn all_attrs(op: &OpRef<'_>) -> Attribute {
    let ctx = op.ctx;
    let d = op.body.op(op.op);
    if ctx.dict_entries(d.props).is_empty() {
        return d.attrs;
    }
    let mut all = ctx.dict_entries(d.props).to_vec();
    all.extend_from_slice(ctx.dict_entries(d.attrs));
    ctx.attr(AttrKind::Dict(all.into()))
}

/// Give `region` (just parsed into `state`) an empty block if it has none, as MLIR's parsers
/// do for single-block regions without terminator (`module {}`).
pub fn ensure_block(p: &mut OpAsmParser<'_, '_>, state: &mut OperationState, region: Region) {
    let rb = state.region_body(p.body());
    if rb.region_blocks(region).is_empty() {
        let b = rb.create_block();
        rb.append_block(region, b);
    }
}

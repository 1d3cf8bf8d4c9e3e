//! Parsing operations, regions and blocks; SSA value and block name scopes; the top-level
//! file structure (aliases, file metadata) and [`OpAsmParser`], the interface custom formats
//! parse through. Follows `mlir/lib/AsmParser/Parser.cpp` (`OperationParser`).

use super::lexer::{Tok, Token};
use super::parser::{Delimiter, PErr, PResult, Parser};
use crate::attrs::{AttrKind, Attribute, Blob, LocKind, Location, NamedAttr};
use crate::entity::EntityRef;
use crate::types::{Type, TypeKind};
use crate::{Block, Body, Context, Diagnostic, Op, OpName, OperationState, Region, Value};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

/// Numeric SSA names below this bound are looked up in a vector, others in a hash map.
const NUMERIC_VEC_LIMIT: u64 = 1 << 24;

/// The definition of an SSA name: `count` consecutive values starting at `first`.
#[derive(Clone, Copy, Default)]
struct Def {
    /// Index of the first value plus one (0: not defined).
    first: u32,
    count: u32,
    /// Byte position of the defining name token.
    pos: u32,
}

/// A forward reference placeholder.
#[derive(Clone, Copy)]
struct Fwd {
    value: Value,
    op: Op,
    tok: Token,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum NameKey<'a> {
    Num(u32),
    Str(&'a str),
}

/// The SSA names visible in one isolated-from-above scope.
#[derive(Default)]
struct ValueScope<'a> {
    nums: Vec<Def>,
    named: FxHashMap<&'a str, Def>,
    fwd: FxHashMap<(NameKey<'a>, u32), Fwd>,
    /// Names defined, in order, so that region scopes can forget their definitions.
    log: Vec<NameKey<'a>>,
    marks: Vec<usize>,
}

impl<'a> ValueScope<'a> {
    fn clear(&mut self) {
        self.log.clear();
        self.nums.clear();
        self.named.clear();
        self.fwd.clear();
        self.marks.clear();
    }
    fn get(&self, k: NameKey<'a>) -> Option<Def> {
        match k {
            NameKey::Num(n) => self.nums.get(n as usize).copied().filter(|d| d.first != 0),
            NameKey::Str(s) => self.named.get(s).copied(),
        }
    }
    fn set(&mut self, k: NameKey<'a>, d: Def) {
        match k {
            NameKey::Num(n) => {
                let n = n as usize;
                if self.nums.len() <= n {
                    self.nums.resize(n + 1, Def::default());
                }
                self.nums[n] = d;
            }
            NameKey::Str(s) => {
                self.named.insert(s, d);
            }
        }
        // Only region scopes forget their definitions; an isolated scope is cleared whole.
        if !self.marks.is_empty() {
            self.log.push(k);
        }
    }
    fn pop_region(&mut self) {
        let mark = self.marks.pop().unwrap_or(0);
        while self.log.len() > mark {
            match self.log.pop() {
                Some(NameKey::Num(n)) => {
                    if let Some(d) = self.nums.get_mut(n as usize) {
                        *d = Def::default();
                    }
                }
                Some(NameKey::Str(s)) => {
                    self.named.remove(s);
                }
                None => break,
            }
        }
    }
}

#[derive(Clone, Copy)]
struct BlockEntry {
    block: Block,
    defined: bool,
    tok: Token,
}

/// Result groups of an op being parsed: `%a:2, %b = ...`.
#[derive(Clone, Copy)]
pub(crate) struct ResultGroup {
    tok: Token,
    count: u32,
}

/// A deferred `loc(#alias)` whose alias was not defined yet.
struct DeferredLoc {
    placeholder: Location,
    tok: Token,
}

/// Per-parse state for operations.
#[derive(Default)]
pub(crate) struct OpScopes<'a> {
    scopes: Vec<ValueScope<'a>>,
    depth: usize,
    blocks: Vec<FxHashMap<&'a str, BlockEntry>>,
    block_depth: usize,
    default_dialects: Vec<&'a str>,
    op_names: FxHashMap<&'a str, OpName>,
    fwd_name: Option<OpName>,
    /// The earliest unresolved forward reference (reported at the end, as MLIR does).
    pending_undef: Option<(u32, Diagnostic)>,
    deferred: FxHashMap<&'a str, DeferredLoc>,
    recent_dicts: Vec<(&'a str, Attribute)>,
    /// Custom-form op names spelled with their dialect (`arith.addf`), resolved.
    custom_ops: FxHashMap<&'a str, (OpName, &'static crate::OpDef)>,
    /// Per op name index: the default dialect of its regions, once computed.
    default_dialect_cache: Vec<Option<&'static str>>,
    /// Storage reused by the `OperationState`s of custom ops (emptied after each op).
    spare_operands: Vec<Value>,
    spare_result_types: Vec<Type>,
    #[allow(clippy::type_complexity)]
    recent_sigs: Vec<(&'a str, SmallVec<[Type; 4]>, SmallVec<[Type; 2]>)>,
    pub region_depth: usize,
}

/// An SSA value use not resolved yet (`%x`, `%x#1`), as returned by
/// [`OpAsmParser::parse_operand`]; resolve it with [`OpAsmParser::resolve_operand`].
#[derive(Clone, Copy, Debug)]
pub struct UnresolvedOperand {
    tok: Token,
    number: u32,
}

impl UnresolvedOperand {
    /// The result number (`#N`), 0 when absent.
    pub fn number(&self) -> u32 {
        self.number
    }
}

/// A region or block argument being parsed: `%name: type {attrs} loc(...)`.
#[derive(Clone, Debug)]
pub struct Argument {
    /// The SSA name.
    pub name: UnresolvedOperand,
    /// The type.
    pub ty: Type,
    /// Optional attribute dictionary (`{...}` after the type).
    pub attrs: Option<Attribute>,
    /// Optional explicit location.
    pub loc: Option<Location>,
}

/// A parsed function signature (see [`OpAsmParser::parse_function_signature`]).
#[derive(Clone, Debug, Default)]
pub struct FunctionSignature {
    /// The arguments. For a declaration without SSA names (`(i32, f32)`), `names` is false.
    pub args: Vec<Argument>,
    /// Whether the arguments had SSA names.
    pub named: bool,
    /// Whether the list ended with `...`.
    pub variadic: bool,
    /// Result types.
    pub results: Vec<Type>,
    /// Result attribute dictionaries (`None` where absent).
    pub result_attrs: Vec<Option<Attribute>>,
}

#[inline]
fn name_key(s: &str) -> NameKey<'_> {
    let b = s.as_bytes();
    if !b.is_empty() && b.len() <= 8 {
        let mut n: u64 = 0;
        for &c in b {
            let d = c.wrapping_sub(b'0');
            if d > 9 {
                return NameKey::Str(s);
            }
            n = n * 10 + d as u64;
        }
        if n < NUMERIC_VEC_LIMIT {
            return NameKey::Num(n as u32);
        }
    }
    NameKey::Str(s)
}

/// The default dialect of the regions of `op` (MLIR's `OpAsmOpInterface::getDefaultDialect`).
pub(crate) fn default_dialect_of(ctx: &Context, name: OpName) -> &'static str {
    if let Some(i) = ctx.interface::<dyn super::OpAsmInterface>(name) {
        return i.default_dialect();
    }
    match ctx.op_name_str(name) {
        "func.func" => "func",
        "builtin.module" => "builtin",
        _ => "",
    }
}

impl<'a> Parser<'a> {
    // ----- value scopes -----

    fn scope(&mut self) -> &mut ValueScope<'a> {
        let d = self.ops.depth;
        &mut self.ops.scopes[d - 1]
    }

    pub(crate) fn push_isolated_scope(&mut self) {
        let d = self.ops.depth;
        if self.ops.scopes.len() <= d {
            self.ops.scopes.push(ValueScope::default());
        } else {
            self.ops.scopes[d].clear();
        }
        self.ops.depth += 1;
    }

    /// Close an isolated scope: unresolved forward references become the pending error.
    pub(crate) fn pop_isolated_scope(&mut self, body: &Body) {
        let d = self.ops.depth - 1;
        let fwd: Vec<Fwd> = self.ops.scopes[d].fwd.values().copied().collect();
        for f in fwd {
            let pos = f.tok.start;
            if self
                .ops
                .pending_undef
                .as_ref()
                .is_some_and(|(p, _)| *p <= pos)
            {
                continue;
            }
            let name = self.text(f.tok);
            let key = name_key(&name[1..]);
            let outer = (0..d).any(|i| self.ops.scopes[i].get(key).is_some());
            let msg = if outer {
                format!(
                    "use of value '{name}' defined outside of the region of an \
                     isolated-from-above op"
                )
            } else {
                "use of undeclared SSA value name".to_string()
            };
            let _ = body;
            let d = Diagnostic::error(self.loc_of(f.tok), msg);
            self.ops.pending_undef = Some((pos, d));
        }
        self.ops.scopes[d].clear();
        self.ops.depth -= 1;
    }

    fn push_region_scope(&mut self) {
        let s = self.scope();
        let l = s.log.len();
        s.marks.push(l);
    }

    fn pop_region_scope(&mut self) {
        self.scope().pop_region();
    }

    fn push_block_scope(&mut self) {
        let d = self.ops.block_depth;
        if self.ops.blocks.len() <= d {
            self.ops.blocks.push(FxHashMap::default());
        } else {
            self.ops.blocks[d].clear();
        }
        self.ops.block_depth += 1;
    }

    fn pop_block_scope(&mut self) -> PResult<()> {
        let d = self.ops.block_depth - 1;
        let undefined = self.ops.blocks[d]
            .values()
            .filter(|e| !e.defined)
            .min_by_key(|e| e.tok.start)
            .copied();
        self.ops.blocks[d].clear();
        self.ops.block_depth -= 1;
        if let Some(e) = undefined {
            return Err(self.err_at(e.tok, "reference to an undefined block"));
        }
        Ok(())
    }

    /// The block named by the caret token `t`, creating a forward reference if needed.
    pub(crate) fn block_ref(&mut self, body: &mut Body, t: Token) -> Block {
        let name = self.text(t);
        let d = self.ops.block_depth - 1;
        if let Some(e) = self.ops.blocks[d].get(name) {
            return e.block;
        }
        let b = body.create_block();
        self.ops.blocks[d].insert(
            name,
            BlockEntry {
                block: b,
                defined: false,
                tok: t,
            },
        );
        b
    }

    fn fwd_op_name(&mut self) -> OpName {
        if let Some(n) = self.ops.fwd_name {
            return n;
        }
        let n = self.ctx.op_name("builtin.__forward_ref__");
        self.ops.fwd_name = Some(n);
        n
    }

    /// Resolve a use of `%name#number` with type `ty`.
    pub(crate) fn resolve_value(
        &mut self,
        body: &mut Body,
        u: UnresolvedOperand,
        ty: Type,
    ) -> PResult<Value> {
        let full = self.text(u.tok);
        let key = name_key(&full[1..]);
        let def = self.scope().get(key);
        if let Some(d) = def {
            if u.number >= d.count {
                return Err(self.err_at(u.tok, "reference to invalid result number"));
            }
            let v = Value::new((d.first - 1 + u.number) as usize);
            let vt = body.value_type(v);
            if vt != ty {
                let prior = self.loc_at_pos(d.pos as usize);
                return Err(self.type_mismatch(u.tok, full, ty, vt, prior));
            }
            return Ok(v);
        }
        if let Some(f) = self.scope().fwd.get(&(key, u.number)).copied() {
            let vt = body.value_type(f.value);
            if vt != ty {
                let prior = self.loc_of(f.tok);
                return Err(self.type_mismatch(u.tok, full, ty, vt, prior));
            }
            return Ok(f.value);
        }
        // A forward reference: a detached placeholder op with one result.
        let name = self.fwd_op_name();
        let mut st = OperationState::new(self.ctx, name, self.ctx.unknown_loc());
        st.result_types.push(ty);
        let op = body.create_op(st);
        let value = body.result(op, 0);
        self.scope().fwd.insert(
            (key, u.number),
            Fwd {
                value,
                op,
                tok: u.tok,
            },
        );
        Ok(value)
    }

    fn type_mismatch(
        &mut self,
        t: Token,
        name: &str,
        ty: Type,
        prior_ty: Type,
        prior: Location,
    ) -> PErr {
        let msg = format!(
            "use of value '{name}' expects different type than prior uses: '{}' vs '{}'",
            super::print_type(self.ctx, ty),
            super::print_type(self.ctx, prior_ty)
        );
        let d = Diagnostic::error(self.loc_of(t), msg).with_note(prior, "prior use here");
        self.fail(d)
    }

    /// Define `%name` (token `t`) as `count` consecutive values starting at `first`.
    pub(crate) fn define_values(
        &mut self,
        body: &mut Body,
        t: Token,
        first: Value,
        count: u32,
    ) -> PResult<()> {
        let full = self.text(t);
        let key = name_key(&full[1..]);
        if let Some(d) = self.scope().get(key) {
            let prior = self.loc_at_pos(d.pos as usize);
            let diag = Diagnostic::error(
                self.loc_of(t),
                format!("redefinition of SSA value '{full}'"),
            )
            .with_note(prior, "previously defined here");
            return Err(self.fail(diag));
        }
        if !self.scope().fwd.is_empty() {
            for i in 0..count {
                let Some(f) = self.scope().fwd.remove(&(key, i)) else {
                    continue;
                };
                let v = Value::new(first.index() + i as usize);
                let vt = body.value_type(v);
                let ft = body.value_type(f.value);
                if vt != ft {
                    let diag = Diagnostic::error(
                        self.loc_of(t),
                        format!(
                            "definition of SSA value '{full}#{i}' has type '{}'",
                            super::print_type(self.ctx, vt)
                        ),
                    )
                    .with_note(
                        self.loc_of(f.tok),
                        format!(
                            "previously used here with type '{}'",
                            super::print_type(self.ctx, ft)
                        ),
                    );
                    return Err(self.fail(diag));
                }
                body.replace_all_uses(f.value, v);
                body.erase_op(f.op);
            }
        }
        let def = Def {
            first: first.index() as u32 + 1,
            count,
            pos: t.start,
        };
        self.scope().set(key, def);
        Ok(())
    }

    /// Whether `%name` is already defined or referenced in the current scope.
    fn name_in_use(&mut self, t: Token) -> Option<u32> {
        let full = self.text(t);
        let key = name_key(&full[1..]);
        if let Some(d) = self.scope().get(key) {
            return Some(d.pos);
        }
        self.scope()
            .fwd
            .iter()
            .find(|((k, _), _)| *k == key)
            .map(|(_, f)| f.tok.start)
    }

    // ----- SSA uses -----

    /// `%name` (`#N`)?.
    pub(crate) fn parse_ssa_use(&mut self, allow_number: bool) -> PResult<UnresolvedOperand> {
        let t = self.tok;
        self.expect(Tok::PercentIdent, "expected SSA operand")?;
        let mut number = 0;
        if self.tok.kind == Tok::HashIdent {
            if !allow_number {
                return Err(self.err("result number not allowed in argument list"));
            }
            let s = &self.tok_text()[1..];
            match s.parse::<u32>() {
                Ok(n) if s.bytes().all(|c| c.is_ascii_digit()) => number = n,
                _ => return Err(self.err("invalid SSA value result number")),
            }
            self.bump();
        }
        Ok(UnresolvedOperand { tok: t, number })
    }

    // ----- trailing locations -----

    /// `loc(...)` after an op or block argument, if present. An alias that is not defined
    /// yet (`loc(#loc3)`, defined at the end of the file) gets a placeholder location that
    /// is replaced when the file has been parsed.
    pub(crate) fn parse_trailing_loc(&mut self) -> PResult<Option<Location>> {
        if !self.is_kw("loc") {
            return Ok(None);
        }
        self.bump();
        self.expect(Tok::LParen, "expected '(' in location")?;
        let t = self.tok;
        let loc = if t.kind == Tok::HashIdent && !self.text(t).contains('.') {
            let name = &self.text(t)[1..];
            self.bump();
            if let Some(&a) = self.attr_aliases.get(name) {
                if !matches!(self.ctx.attr_kind(a), AttrKind::Location(_)) {
                    let s = super::print_attr(self.ctx, a);
                    return Err(self.err_at(t, format!("expected location, but found '{s}'")));
                }
                Location(a)
            } else if let Some(d) = self.ops.deferred.get(name) {
                d.placeholder
            } else {
                let ph = self.ctx.loc(LocKind::Name {
                    name: self.ctx.sym(&format!("\u{0}strata.deferred_loc#{name}")),
                    child: None,
                });
                self.ops.deferred.insert(
                    name,
                    DeferredLoc {
                        placeholder: ph,
                        tok: t,
                    },
                );
                ph
            }
        } else {
            self.parse_location_instance()?
        };
        self.expect(Tok::RParen, "expected ')' in location")?;
        Ok(Some(loc))
    }

    // ----- operations -----

    /// Parse one operation and append it to `block`.
    pub(crate) fn parse_operation(&mut self, body: &mut Body, block: Block) -> PResult<()> {
        let mut groups: SmallVec<[ResultGroup; 2]> = SmallVec::new();
        let mut total: u64 = 0;
        let first_tok = self.tok;
        if self.tok.kind == Tok::PercentIdent {
            loop {
                let t = self.tok;
                self.expect(Tok::PercentIdent, "expected valid ssa identifier")?;
                let mut count = 1u32;
                if self.eat(Tok::Colon) {
                    if self.tok.kind != Tok::Integer {
                        return Err(self.wrong_token("expected integer number of results"));
                    }
                    match super::parser::int_token_value(self.tok_text()) {
                        Some(v) if v >= 1 && v <= u32::MAX as u128 => count = v as u32,
                        _ => {
                            return Err(
                                self.err("expected named operation to have at least 1 result")
                            )
                        }
                    }
                    self.bump();
                }
                groups.push(ResultGroup { tok: t, count });
                total += count as u64;
                if !self.eat(Tok::Comma) {
                    break;
                }
            }
            self.expect(Tok::Equal, "expected '=' after SSA name")?;
        }
        let op = match self.tok.kind {
            Tok::String => self.parse_generic_op(body)?,
            Tok::BareIdent => self.parse_custom_op(body, total)?,
            _ => return Err(self.wrong_token("expected operation name in quotes")),
        };
        body.append_op(block, op);
        if !groups.is_empty() {
            let n = body.results(op).len() as u64;
            if n == 0 {
                return Err(self.err_at(first_tok, "cannot name an operation with no results"));
            }
            if n != total {
                return Err(self.err_at(
                    first_tok,
                    format!("operation defines {n} results but was provided {total} to bind"),
                ));
            }
            let mut idx = 0usize;
            for g in groups {
                let first = body.result(op, idx);
                self.define_values(body, g.tok, first, g.count)?;
                idx += g.count as usize;
            }
        }
        Ok(())
    }

    fn op_name_for(&mut self, t: Token, name: &str) -> OpName {
        let key = self.text(t);
        if let Some(&n) = self.ops.op_names.get(key) {
            return n;
        }
        let n = self.ctx.op_name(name);
        self.ops.op_names.insert(key, n);
        n
    }

    fn parse_generic_op(&mut self, body: &mut Body) -> PResult<Op> {
        let name_tok = self.tok;
        let raw = self.text(name_tok);
        let op_name = match self.ops.op_names.get(raw) {
            Some(&n) => n,
            None => {
                let inner = &raw[1..raw.len() - 1];
                let name_owned;
                let name: &str = if inner.contains('\\') {
                    name_owned = self.string_utf8(name_tok)?;
                    &name_owned
                } else {
                    inner
                };
                if name.is_empty() {
                    return Err(self.err("empty operation name is invalid"));
                }
                if name.contains('\0') {
                    return Err(self.err("null character not allowed in operation name"));
                }
                self.op_name_for(name_tok, name)
            }
        };
        self.bump();
        let info = self.ctx.op_info(op_name);
        if info.def.is_none()
            && !self.ctx.allow_unregistered
            && !self.ctx.is_dialect_registered(self.ctx.str(info.dialect))
            // The builtin dialect is always loaded in MLIR (the parser itself creates
            // `builtin.module`), so its generic ops are accepted even when unregistered.
            && self.ctx.str(info.dialect) != "builtin"
        {
            return Err(self.err(
                "operation being parsed with an unregistered dialect. If this is intended, please \
                 use -allow-unregistered-dialect with the MLIR tool used",
            ));
        }
        let def = info.def;
        let mut state = OperationState::new(self.ctx, op_name, self.ctx.unknown_loc());

        // Operands.
        let mut uses: SmallVec<[UnresolvedOperand; 4]> = SmallVec::new();
        self.expect(Tok::LParen, "expected '(' to start operand list")?;
        if self.tok.kind == Tok::PercentIdent {
            loop {
                uses.push(self.parse_ssa_use(true)?);
                if !self.eat(Tok::Comma) {
                    break;
                }
            }
        }
        self.expect(Tok::RParen, "expected ')' to end operand list")?;

        // Successors.
        if self.tok.kind == Tok::LSquare {
            if def.is_some_and(|d| !d.has(crate::Traits::TERMINATOR)) {
                return Err(self.err("successors in non-terminator"));
            }
            let mut succ = Vec::new();
            self.comma_list(Delimiter::Square, "", |p| {
                let t = p.tok;
                if t.kind != Tok::CaretIdent {
                    return Err(p.wrong_token("expected block name"));
                }
                p.bump();
                succ.push(p.block_ref(body, t));
                Ok(())
            })?;
            state.successors = succ;
        }

        // Properties.
        let mut props_given = false;
        if self.eat(Tok::Less) {
            let t = self.tok;
            let a = if t.kind == Tok::LBrace {
                self.parse_dict_cached()?
            } else {
                self.parse_attribute()?
            };
            match self.ctx.attr_kind(a) {
                AttrKind::Dict(e) => {
                    if !e.is_empty() {
                        state.props = Some(a);
                    }
                }
                _ => {
                    return Err(self.err_at(
                        t,
                        "Strata stores properties as a dictionary attribute: expected '{'",
                    ))
                }
            }
            props_given = true;
            self.expect(Tok::Greater, "expected '>' to close properties")?;
        }

        // Regions.
        if self.eat(Tok::LParen) {
            loop {
                let r = state.add_region(body);
                let isolated = state.is_isolated();
                let rb = state.region_body(body);
                self.parse_region_into(rb, r, &[], isolated)?;
                if !self.eat(Tok::Comma) {
                    break;
                }
            }
            self.expect(Tok::RParen, "expected ')' to end region list")?;
        }

        // Attributes.
        if self.tok.kind == Tok::LBrace {
            let dict = self.parse_dict_cached()?;
            let entries = self.ctx.dict_entries(dict).to_vec();
            if !entries.is_empty() {
                // Registered ops given in the old syntax (inherent attributes mixed with the
                // discardable ones) get their inherent attributes moved to the properties.
                if let (Some(d), false) = (def, props_given) {
                    if !d.attrs.is_empty() {
                        let (inh, disc): (Vec<NamedAttr>, Vec<NamedAttr>) = entries
                            .into_iter()
                            .partition(|e| d.attrs.iter().any(|c| c.name == self.ctx.str(e.name)));
                        if !inh.is_empty() {
                            state.props = Some(self.ctx.attr(AttrKind::Dict(inh.into())));
                        }
                        if !disc.is_empty() {
                            state.attrs = Some(self.ctx.attr(AttrKind::Dict(disc.into())));
                        }
                    } else {
                        state.attrs = Some(self.ctx.attr(AttrKind::Dict(entries.into())));
                    }
                } else {
                    state.attrs = Some(self.ctx.attr(AttrKind::Dict(entries.into())));
                }
            }
        }

        // Type signature (its errors are reported at the type, as in MLIR).
        self.expect(Tok::Colon, "expected ':' followed by operation type")?;
        let colon = self.tok;
        let mut operand_types: SmallVec<[Type; 4]> = SmallVec::new();
        let sig_start = self.tok.start as usize;
        let memo = if self.tok.kind == Tok::LParen {
            self.recent_signature(sig_start)
        } else {
            None
        };
        if let Some(i) = memo {
            let sig = &self.ops.recent_sigs[i];
            let len = sig.0.len();
            operand_types.extend_from_slice(&sig.1);
            state.result_types.extend_from_slice(&sig.2);
            self.reset_to(sig_start + len);
        } else if self.tok.kind == Tok::LParen {
            // Parse `(ins) -> outs` without interning the function type.
            self.bump();
            if !self.eat(Tok::RParen) {
                loop {
                    operand_types.push(self.parse_type()?);
                    if !self.eat(Tok::Comma) {
                        break;
                    }
                }
                self.expect(Tok::RParen, "expected ')'")?;
            }
            self.expect(Tok::Arrow, "expected '->' in function type")?;
            if self.tok.kind == Tok::LParen {
                self.bump();
                if !self.eat(Tok::RParen) {
                    loop {
                        let t = self.parse_type()?;
                        state.result_types.push(t);
                        if !self.eat(Tok::Comma) {
                            break;
                        }
                    }
                    self.expect(Tok::RParen, "expected ')'")?;
                }
            } else {
                let t = self.parse_non_function_type()?;
                state.result_types.push(t);
            }
            self.remember_signature(sig_start, &operand_types, &state.result_types);
        } else {
            self.parse_type()?;
            return Err(self.err_at(colon, "expected function type"));
        }
        if operand_types.len() != uses.len() {
            let n = uses.len();
            return Err(self.err_at(
                colon,
                format!(
                    "expected {n} operand type{} but had {}",
                    if n == 1 { "" } else { "s" },
                    operand_types.len()
                ),
            ));
        }
        state.operands.reserve(uses.len());
        for (u, t) in uses.iter().zip(operand_types.iter()) {
            let v = self.resolve_value(body, *u, *t)?;
            state.operands.push(v);
        }
        let op = body.create_op(state);
        let loc = match self.parse_trailing_loc()? {
            Some(l) => l,
            None => self.loc_of(name_tok),
        };
        body.op_mut(op).loc = loc;
        Ok(op)
    }

    /// The default dialect of the regions of ops named `name` (cached per name).
    fn default_dialect_cached(&mut self, name: OpName) -> &'static str {
        let i = name.0 as usize;
        if let Some(&Some(d)) = self.ops.default_dialect_cache.get(i) {
            return d;
        }
        let d = default_dialect_of(self.ctx, name);
        let cache = &mut self.ops.default_dialect_cache;
        if cache.len() <= i {
            cache.resize(i + 1, None);
        }
        cache[i] = Some(d);
        d
    }

    fn parse_custom_op(&mut self, body: &mut Body, num_results: u64) -> PResult<Op> {
        let name_tok = self.tok;
        let spelled = self.tok_text();
        if let Some(&(op_name, def)) = self.ops.custom_ops.get(spelled) {
            return self.parse_custom_op_with(body, num_results, name_tok, op_name, def);
        }
        let ctx = self.ctx;
        let mut full = std::borrow::Cow::Borrowed(spelled);
        let mut def = ctx.op_def_by_name(spelled);
        let mut tried: Option<String> = None;
        if def.is_none() && !spelled.contains('.') {
            let dd = self
                .ops
                .default_dialects
                .last()
                .copied()
                .unwrap_or("builtin");
            let cand = format!("{dd}.{spelled}");
            def = ctx.op_def_by_name(&cand);
            if def.is_none() {
                if let Some(f) = ctx.op_def_by_name(&format!("func.{spelled}")) {
                    def = Some(f);
                    full = std::borrow::Cow::Owned(f.name.to_string());
                } else {
                    tried = Some(cand.clone());
                    full = std::borrow::Cow::Owned(cand);
                }
            } else {
                full = std::borrow::Cow::Owned(cand);
            }
        }
        let Some(def) = def else {
            let dialect = full.split_once('.').map_or(&*full, |(d, _)| d);
            let also = tried
                .map(|t| format!(" (tried '{t}' as well)"))
                .unwrap_or_default();
            if !ctx.is_dialect_registered(dialect) {
                let avail: Vec<&str> = ctx.dialects().map(|d| d.name).collect();
                let d = Diagnostic::error(
                    self.loc_of(name_tok),
                    format!("Dialect `{dialect}' not found for custom op '{spelled}' {also}"),
                )
                .with_note(
                    self.loc_of(name_tok),
                    format!("Available dialects: {}", avail.join(", ")),
                );
                return Err(self.fail(d));
            }
            return Err(self.err_at(name_tok, format!("custom op '{spelled}' is unknown{also}")));
        };
        if def.format.is_none() {
            return Err(self.err_at(
                name_tok,
                format!("'{}' op has no custom assembly form", def.name),
            ));
        }
        let op_name = self.op_name_for(name_tok, def.name);
        if spelled.contains('.') {
            // The spelling alone names the op (no default dialect involved).
            self.ops.custom_ops.insert(spelled, (op_name, def));
        }
        self.parse_custom_op_with(body, num_results, name_tok, op_name, def)
    }

    /// Parse a custom-form op whose name token (current) resolved to `op_name`.
    fn parse_custom_op_with(
        &mut self,
        body: &mut Body,
        num_results: u64,
        name_tok: Token,
        op_name: OpName,
        def: &'static crate::OpDef,
    ) -> PResult<Op> {
        let Some(format) = def.format else {
            return Err(self.err_at(
                name_tok,
                format!("'{}' op has no custom assembly form", def.name),
            ));
        };
        let ctx = self.ctx;
        self.bump();
        let loc = self.loc_of(name_tok);
        let mut state = OperationState::new(ctx, op_name, loc);
        state.operands = std::mem::take(&mut self.ops.spare_operands);
        state.result_types = std::mem::take(&mut self.ops.spare_result_types);
        let dd = self.default_dialect_cached(op_name);
        self.ops.default_dialects.push(dd);
        let r = {
            let mut p = OpAsmParser {
                p: self,
                body,
                name_tok,
                num_results: num_results as usize,
            };
            format.parse(&mut p, &mut state)
        };
        self.ops.default_dialects.pop();
        if let Err(d) = r {
            return Err(self.fail(d));
        }
        if self.diag.is_some() {
            return Err(PErr);
        }
        let op = body.create_op_from(&mut state);
        state.operands.clear();
        state.result_types.clear();
        self.ops.spare_operands = state.operands;
        self.ops.spare_result_types = state.result_types;
        if let Some(l) = self.parse_trailing_loc()? {
            body.op_mut(op).loc = l;
        }
        Ok(op)
    }

    /// The index of a remembered generic op signature (`(f32, f32) -> f32`) that the input
    /// continues with at `start`, if any (moved to the front of the list).
    fn recent_signature(&mut self, start: usize) -> Option<usize> {
        let rest = &self.src.as_bytes()[start..];
        let recent = &mut self.ops.recent_sigs;
        let i = recent.iter().position(|(t, _, _)| {
            rest.starts_with(t.as_bytes())
                // The last token of the signature must not continue (`f32` vs `f32x`).
                && !rest.get(t.len()).is_some_and(|&c| {
                    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'.' | b'-' | b'<')
                })
        })?;
        if i != 0 {
            recent[..=i].rotate_right(1);
        }
        Some(0)
    }

    fn remember_signature(&mut self, start: usize, ins: &[Type], outs: &[Type]) {
        let end = self.prev_end as usize;
        if let Some(text) = self.src.get(start..end) {
            if !text.contains('\n') {
                let recent = &mut self.ops.recent_sigs;
                if recent.len() == 16 {
                    recent.pop();
                }
                recent.insert(0, (text, ins.into(), outs.into()));
            }
        }
    }

    /// A `{...}` dictionary attribute. Recently parsed dictionary texts are remembered: IR
    /// repeats the same attribute dictionaries on many ops (`{fastmath = ...}`), and when the
    /// input continues with the same text it parses to the same attribute (a dictionary ends
    /// at its closing brace whatever follows, and aliases cannot be redefined).
    pub(crate) fn parse_dict_cached(&mut self) -> PResult<Attribute> {
        let start = self.tok.start as usize;
        let rest = &self.src.as_bytes()[start..];
        let recent = &mut self.ops.recent_dicts;
        if let Some(i) = recent
            .iter()
            .position(|(t, _)| rest.starts_with(t.as_bytes()))
        {
            let (t, a) = recent[i];
            if i != 0 {
                recent[..=i].rotate_right(1);
            }
            self.reset_to(start + t.len());
            return Ok(a);
        }
        let entries = self.parse_attr_dict_entries()?;
        let a = self.ctx.attr(AttrKind::Dict(entries.into()));
        let end = self.prev_end as usize;
        if let Some(text) = self.src.get(start..end) {
            if !text.contains('\n') {
                let recent = &mut self.ops.recent_dicts;
                if recent.len() == 16 {
                    recent.pop();
                }
                recent.insert(0, (text, a));
            }
        }
        Ok(a)
    }

    // ----- regions and blocks -----

    /// Parse `{ blocks }` into `region` of `body`. `isolated` starts a fresh value scope.
    pub(crate) fn parse_region_into(
        &mut self,
        body: &mut Body,
        region: Region,
        entry_args: &[Argument],
        isolated: bool,
    ) -> PResult<()> {
        let lbrace = self.tok;
        self.expect(Tok::LBrace, "expected '{' to begin a region")?;
        if self.ops.region_depth >= self.nesting_limit {
            let msg = format!("nesting limit exceeded (limit {})", self.nesting_limit);
            return Err(self.err_at(lbrace, msg));
        }
        if entry_args.is_empty() && self.tok.kind == Tok::RBrace {
            self.bump();
            return Ok(());
        }
        self.ops.region_depth += 1;
        if isolated {
            self.push_isolated_scope();
        } else {
            self.push_region_scope();
        }
        self.push_block_scope();
        let r = self.parse_region_body(body, region, entry_args);
        let r2 = self.pop_block_scope();
        if isolated {
            self.pop_isolated_scope(body);
        } else {
            self.pop_region_scope();
        }
        self.ops.region_depth -= 1;
        r?;
        r2?;
        self.expect(Tok::RBrace, "expected '}' to end region")
    }

    fn parse_region_body(
        &mut self,
        body: &mut Body,
        region: Region,
        entry_args: &[Argument],
    ) -> PResult<()> {
        let entry = body.create_block();
        if !entry_args.is_empty() {
            if self.tok.kind == Tok::CaretIdent {
                return Err(self.err("invalid block name in region with named arguments"));
            }
            for a in entry_args {
                if let Some(pos) = self.name_in_use(a.name.tok) {
                    let prior = self.loc_at_pos(pos as usize);
                    let d = Diagnostic::error(
                        self.loc_of(a.name.tok),
                        format!(
                            "region entry argument '{}' is already in use",
                            self.text(a.name.tok)
                        ),
                    )
                    .with_note(prior, "previously referenced here");
                    return Err(self.fail(d));
                }
                let v = body.add_block_arg(entry, a.ty);
                let loc = a.loc.unwrap_or_else(|| self.loc_of(a.name.tok));
                body.set_value_loc(v, Some(loc));
                self.define_values(body, a.name.tok, v, 1)?;
            }
        }
        self.parse_block(body, Some(entry))?;
        body.append_block(region, entry);
        while self.tok.kind != Tok::RBrace {
            let b = self.parse_block(body, None)?;
            body.append_block(region, b);
        }
        Ok(())
    }

    fn parse_block(&mut self, body: &mut Body, existing: Option<Block>) -> PResult<Block> {
        if let Some(b) = existing {
            if self.tok.kind != Tok::CaretIdent {
                self.parse_block_body(body, b)?;
                return Ok(b);
            }
        }
        let t = self.tok;
        self.expect(Tok::CaretIdent, "expected block name")?;
        let name = self.text(t);
        let d = self.ops.block_depth - 1;
        let block = match self.ops.blocks[d].get(name).copied() {
            None => {
                let b = existing.unwrap_or_else(|| body.create_block());
                self.ops.blocks[d].insert(
                    name,
                    BlockEntry {
                        block: b,
                        defined: true,
                        tok: t,
                    },
                );
                b
            }
            Some(e) if e.defined => {
                return Err(self.err_at(t, format!("redefinition of block '{name}'")));
            }
            Some(e) => {
                self.ops.blocks[d].insert(
                    name,
                    BlockEntry {
                        block: e.block,
                        defined: true,
                        tok: t,
                    },
                );
                e.block
            }
        };
        if self.tok.kind == Tok::LParen {
            let had_args = !body.block_args(block).is_empty();
            let mut next = 0usize;
            self.comma_list(Delimiter::Paren, "", |p| {
                let u = p.parse_ssa_use(false)?;
                p.expect(Tok::Colon, "expected ':' and type for SSA operand")?;
                let ty = p.parse_type()?;
                let v = if had_args {
                    let args = body.block_args(block);
                    let Some(&v) = args.get(next) else {
                        return Err(p.err("too many arguments specified in argument list"));
                    };
                    next += 1;
                    if body.value_type(v) != ty {
                        return Err(p.err("argument and block argument type mismatch"));
                    }
                    v
                } else {
                    body.add_block_arg(block, ty)
                };
                let loc = match p.parse_trailing_loc()? {
                    Some(l) => l,
                    None => p.loc_of(u.tok),
                };
                body.set_value_loc(v, Some(loc));
                p.define_values(body, u.tok, v, 1)
            })?;
        }
        self.expect(Tok::Colon, "expected ':' after block name")?;
        self.parse_block_body(body, block)?;
        Ok(block)
    }

    fn parse_block_body(&mut self, body: &mut Body, block: Block) -> PResult<()> {
        while !matches!(self.tok.kind, Tok::CaretIdent | Tok::RBrace) {
            self.parse_operation(body, block)?;
        }
        Ok(())
    }

    // ----- top level -----

    /// Parse the whole file into `block` of `body` (the top-level module's block).
    pub(crate) fn parse_top_level(&mut self, body: &mut Body, block: Block) -> PResult<()> {
        self.push_isolated_scope();
        self.push_block_scope();
        self.ops.default_dialects.push("builtin");
        loop {
            match self.tok.kind {
                Tok::Eof => break,
                Tok::Error => return Err(self.lex_error()),
                Tok::HashIdent => self.parse_attr_alias_def()?,
                Tok::ExclIdent => self.parse_type_alias_def()?,
                Tok::MetaBegin => self.parse_file_metadata()?,
                _ => self.parse_operation(body, block)?,
            }
        }
        self.pop_block_scope()?;
        self.pop_isolated_scope(body);
        if let Some((_, d)) = self.ops.pending_undef.take() {
            return Err(self.fail(d));
        }
        Ok(())
    }

    fn parse_attr_alias_def(&mut self) -> PResult<()> {
        let t = self.tok;
        let name = &self.text(t)[1..];
        if self.attr_aliases.contains_key(name) {
            return Err(self.err(format!("redefinition of attribute alias id '{name}'")));
        }
        if name.contains('.') {
            return Err(
                self.err("attribute names with a '.' are reserved for dialect-defined names")
            );
        }
        self.bump();
        self.expect(Tok::Equal, "expected '=' in attribute alias definition")?;
        let a = self.parse_attribute()?;
        self.attr_aliases.insert(name, a);
        Ok(())
    }

    fn parse_type_alias_def(&mut self) -> PResult<()> {
        let t = self.tok;
        let name = &self.text(t)[1..];
        if self.type_aliases.contains_key(name) {
            return Err(self.err(format!("redefinition of type alias id '{name}'")));
        }
        if name.contains('.') {
            return Err(self.err("type names with a '.' are reserved for dialect-defined names"));
        }
        self.bump();
        self.expect(Tok::Equal, "expected '=' in type alias definition")?;
        let ty = self.parse_type()?;
        self.type_aliases.insert(name, ty);
        Ok(())
    }

    /// A bare identifier or a string.
    fn parse_keyword_or_string_value(&mut self) -> Option<String> {
        match self.tok.kind {
            Tok::BareIdent => {
                let s = self.tok_text().to_string();
                self.bump();
                Some(s)
            }
            Tok::String => {
                let t = self.tok;
                let s = self.string_utf8(t).ok()?;
                self.bump();
                Some(s)
            }
            _ => None,
        }
    }

    fn parse_file_metadata(&mut self) -> PResult<()> {
        self.bump();
        if self.eat(Tok::MetaEnd) {
            return Ok(());
        }
        loop {
            let key_tok = self.tok;
            if key_tok.kind != Tok::BareIdent {
                return Err(self.err("expected identifier key in file metadata dictionary"));
            }
            let key = self.tok_text();
            self.bump();
            self.expect(Tok::Colon, "expected ':'")?;
            match key {
                "dialect_resources" => self.parse_resource_section(true)?,
                "external_resources" => self.parse_resource_section(false)?,
                _ => {
                    return Err(self.err_at(
                        key_tok,
                        format!("unknown key '{key}' in file metadata dictionary"),
                    ))
                }
            }
            if self.eat(Tok::MetaEnd) {
                return Ok(());
            }
            self.expect(Tok::Comma, "expected ',' or '#-}'")?;
        }
    }

    /// `{ name: { key: value, ... }, ... }`. Only the `builtin` dialect's blobs are kept;
    /// `external_resources` entries are read and ignored.
    fn parse_resource_section(&mut self, dialect: bool) -> PResult<()> {
        self.comma_list(Delimiter::Braces, "", |p| {
            let name_tok = p.tok;
            if name_tok.kind != Tok::BareIdent {
                return Err(p.err("expected identifier key for 'resource' entry"));
            }
            let name = p.tok_text();
            p.bump();
            p.expect(Tok::Colon, "expected ':'")?;
            if dialect && name != "builtin" {
                let msg = if p.ctx.is_dialect_registered(name) {
                    format!(
                        "unexpected 'resource' section for dialect '{name}' (Strata only keeps \
                         builtin resources)"
                    )
                } else {
                    format!("dialect '{name}' is unknown")
                };
                return Err(p.err_at(name_tok, msg));
            }
            p.comma_list(Delimiter::Braces, "", |p| {
                let key_tok = p.tok;
                let Some(key) = p.parse_keyword_or_string_value() else {
                    return Err(p.err("expected identifier key for 'resource' entry"));
                };
                p.expect(Tok::Colon, "expected ':'")?;
                let vt = p.tok;
                p.bump();
                if !dialect {
                    return Ok(());
                }
                let blob = p.parse_blob_value(vt, &key)?;
                let _ = key_tok;
                let got = p.ctx.add_resource(&key, blob);
                if p.ctx.str(got) != key {
                    // The context already holds a different blob under this name: uses of it
                    // in this file must refer to the new name (the caller re-parses).
                    p.resource_renames.insert(key.clone(), got);
                }
                Ok(())
            })?;
            Ok(())
        })?;
        Ok(())
    }

    fn parse_blob_value(&mut self, vt: Token, key: &str) -> PResult<Blob> {
        let bytes = if vt.kind == Tok::String {
            let s = self.text(vt);
            super::parser::decode_hex_str(s.get(1..s.len().saturating_sub(1)).unwrap_or(""))
        } else {
            None
        };
        let Some(bytes) = bytes else {
            return Err(self.err_at(vt, format!("expected hex string blob for key '{key}'")));
        };
        if bytes.len() < 4 {
            return Err(self.err_at(
                vt,
                format!(
                    "expected hex string blob for key '{key}' to encode alignment in first 4 bytes"
                ),
            ));
        }
        let align = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        if align != 0 && !align.is_power_of_two() {
            return Err(self.err_at(
                vt,
                format!(
                    "expected hex string blob for key '{key}' to encode alignment in first 4 \
                     bytes, but got non-power-of-2 value: {align}"
                ),
            ));
        }
        Ok(Blob {
            alignment: align,
            data: bytes[4..].into(),
        })
    }

    /// Resolve deferred `loc(#alias)` references; returns placeholder -> location.
    pub(crate) fn resolve_deferred_locs(&mut self) -> PResult<FxHashMap<Attribute, Location>> {
        let mut map = FxHashMap::default();
        let mut entries: Vec<(&'a str, Location, Token)> = self
            .ops
            .deferred
            .iter()
            .map(|(n, d)| (*n, d.placeholder, d.tok))
            .collect();
        entries.sort_by_key(|e| e.2.start);
        for (name, ph, tok) in entries {
            match self.attr_aliases.get(name) {
                Some(&a) => {
                    if !matches!(self.ctx.attr_kind(a), AttrKind::Location(_)) {
                        let s = super::print_attr(self.ctx, a);
                        return Err(self.err_at(tok, format!("expected location, but found '{s}'")));
                    }
                    map.insert(ph.0, Location(a));
                }
                None => {
                    return Err(self.err_at(tok, "operation location alias was never defined"));
                }
            }
        }
        Ok(map)
    }
}

/// Replace placeholder locations in all ops and block arguments of `body` (and nested
/// bodies).
pub(crate) fn replace_locs(body: &mut Body, map: &FxHashMap<Attribute, Location>) {
    for i in 0..body.op_capacity() {
        let op = Op::new(i);
        if body.is_erased(op) {
            continue;
        }
        let l = body.op(op).loc;
        if let Some(&n) = map.get(&l.0) {
            body.op_mut(op).loc = n;
        }
        if let Some(nested) = body.nested_mut(op) {
            replace_locs(nested, map);
        }
    }
    for i in 0..body.value_capacity() {
        let v = Value::new(i);
        if let Some(l) = body.value_loc(v) {
            if let Some(&n) = map.get(&l.0) {
                body.set_value_loc(v, Some(n));
            }
        }
    }
}

/// The handle custom formats parse through (see [`crate::CustomFormat`]). Methods named
/// `parse_optional_*` return `Ok(None)`/`Ok(false)` without consuming anything when the
/// construct is absent; the others report a located error.
pub struct OpAsmParser<'a, 'b> {
    p: &'b mut Parser<'a>,
    body: &'b mut Body,
    name_tok: Token,
    num_results: usize,
}

type R<T> = Result<T, Diagnostic>;

impl<'a, 'b> OpAsmParser<'a, 'b> {
    fn lift<T>(&mut self, r: PResult<T>) -> R<T> {
        r.map_err(|_| {
            self.p
                .diag
                .take()
                .unwrap_or_else(|| Diagnostic::error(self.p.loc_of(self.p.tok), "parse error"))
        })
    }

    /// The context.
    pub fn ctx(&self) -> &'a Context {
        self.p.ctx
    }
    /// The body the op is being created in (operands resolve here).
    pub fn body(&mut self) -> &mut Body {
        self.body
    }
    /// The number of results the op was given names for (`%a, %b:2 = ...` gives 3; 0 when
    /// the op has no result names).
    pub fn num_results(&self) -> usize {
        self.num_results
    }
    /// The location of the current token.
    pub fn current_location(&self) -> crate::Location {
        self.p.loc_of(self.p.tok)
    }
    /// The location of the op name.
    pub fn name_location(&self) -> crate::Location {
        self.p.loc_of(self.name_tok)
    }
    /// An error diagnostic at the current token (return it as `Err`).
    pub fn emit_error(&self, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.current_location(), msg)
    }
    /// An error diagnostic at a location.
    pub fn emit_error_at(&self, loc: crate::Location, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(loc, msg)
    }
    /// An error diagnostic like MLIR's `emitWrongTokenError`: at the end of the previous
    /// token's line when the current token starts a new line.
    pub fn emit_wrong_token_error(&mut self, msg: impl Into<String>) -> Diagnostic {
        let e = self.p.wrong_token(msg);
        self.lift::<()>(Err(e)).unwrap_err()
    }

    // ----- punctuation -----

    fn tok(&mut self, k: Tok, what: &str) -> R<()> {
        let r = self.p.expect(k, &format!("expected '{what}'"));
        self.lift(r)
    }
    fn opt(&mut self, k: Tok) -> bool {
        self.p.eat(k)
    }
    /// `,`.
    pub fn parse_comma(&mut self) -> R<()> {
        self.tok(Tok::Comma, ",")
    }
    /// `,` if present.
    pub fn parse_optional_comma(&mut self) -> bool {
        self.opt(Tok::Comma)
    }
    /// `:`.
    pub fn parse_colon(&mut self) -> R<()> {
        self.tok(Tok::Colon, ":")
    }
    /// `:` if present.
    pub fn parse_optional_colon(&mut self) -> bool {
        self.opt(Tok::Colon)
    }
    /// `=`.
    pub fn parse_equal(&mut self) -> R<()> {
        self.tok(Tok::Equal, "=")
    }
    /// `=` if present.
    pub fn parse_optional_equal(&mut self) -> bool {
        self.opt(Tok::Equal)
    }
    /// `->`.
    pub fn parse_arrow(&mut self) -> R<()> {
        self.tok(Tok::Arrow, "->")
    }
    /// `->` if present.
    pub fn parse_optional_arrow(&mut self) -> bool {
        self.opt(Tok::Arrow)
    }
    /// `(`.
    pub fn parse_lparen(&mut self) -> R<()> {
        self.tok(Tok::LParen, "(")
    }
    /// `(` if present.
    pub fn parse_optional_lparen(&mut self) -> bool {
        self.opt(Tok::LParen)
    }
    /// `)`.
    pub fn parse_rparen(&mut self) -> R<()> {
        self.tok(Tok::RParen, ")")
    }
    /// `)` if present.
    pub fn parse_optional_rparen(&mut self) -> bool {
        self.opt(Tok::RParen)
    }
    /// `[`.
    pub fn parse_lsquare(&mut self) -> R<()> {
        self.tok(Tok::LSquare, "[")
    }
    /// `[` if present.
    pub fn parse_optional_lsquare(&mut self) -> bool {
        self.opt(Tok::LSquare)
    }
    /// `]`.
    pub fn parse_rsquare(&mut self) -> R<()> {
        self.tok(Tok::RSquare, "]")
    }
    /// `]` if present.
    pub fn parse_optional_rsquare(&mut self) -> bool {
        self.opt(Tok::RSquare)
    }
    /// `{`.
    pub fn parse_lbrace(&mut self) -> R<()> {
        self.tok(Tok::LBrace, "{")
    }
    /// `{` if present.
    pub fn parse_optional_lbrace(&mut self) -> bool {
        self.opt(Tok::LBrace)
    }
    /// `}`.
    pub fn parse_rbrace(&mut self) -> R<()> {
        self.tok(Tok::RBrace, "}")
    }
    /// `}` if present.
    pub fn parse_optional_rbrace(&mut self) -> bool {
        self.opt(Tok::RBrace)
    }
    /// `<`.
    pub fn parse_less(&mut self) -> R<()> {
        self.tok(Tok::Less, "<")
    }
    /// `<` if present.
    pub fn parse_optional_less(&mut self) -> bool {
        self.opt(Tok::Less)
    }
    /// `>`.
    pub fn parse_greater(&mut self) -> R<()> {
        self.tok(Tok::Greater, ">")
    }
    /// `>` if present.
    pub fn parse_optional_greater(&mut self) -> bool {
        self.opt(Tok::Greater)
    }
    /// `?` if present.
    pub fn parse_optional_question(&mut self) -> bool {
        self.opt(Tok::Question)
    }
    /// `*` if present.
    pub fn parse_optional_star(&mut self) -> bool {
        self.opt(Tok::Star)
    }
    /// `+` if present.
    pub fn parse_optional_plus(&mut self) -> bool {
        self.opt(Tok::Plus)
    }
    /// `-` if present.
    pub fn parse_optional_minus(&mut self) -> bool {
        self.opt(Tok::Minus)
    }
    /// `|` if present.
    pub fn parse_optional_vertical_bar(&mut self) -> bool {
        self.opt(Tok::VBar)
    }
    /// `...` if present.
    pub fn parse_optional_ellipsis(&mut self) -> bool {
        self.opt(Tok::Ellipsis)
    }

    // ----- keywords, strings, integers -----

    /// The keyword `kw` (a bare identifier).
    pub fn parse_keyword(&mut self, kw: &str) -> R<()> {
        let r = self.p.expect_kw(kw, &format!("expected '{kw}'"));
        self.lift(r)
    }
    /// The keyword `kw`, if present.
    pub fn parse_optional_keyword(&mut self, kw: &str) -> bool {
        self.p.eat_kw(kw)
    }
    /// Whether the current token is the keyword `kw` (nothing is consumed).
    pub fn peek_keyword(&self, kw: &str) -> bool {
        self.p.is_kw(kw)
    }
    /// Whether the next token is `:` (nothing is consumed).
    pub fn peek_colon(&self) -> bool {
        self.p.tok.kind == Tok::Colon
    }
    /// Any bare identifier, if present.
    pub fn parse_optional_keyword_any(&mut self) -> Option<&'a str> {
        if self.p.tok.kind == Tok::BareIdent {
            let s = self.p.tok_text();
            self.p.bump();
            Some(s)
        } else {
            None
        }
    }
    /// One of `allowed` keywords (MLIR's `parseOptionalKeyword(&kw, allowed)`).
    pub fn parse_optional_keyword_of(&mut self, allowed: &[&str]) -> Option<&'a str> {
        if self.p.tok.kind == Tok::BareIdent {
            let s = self.p.tok_text();
            if allowed.contains(&s) {
                self.p.bump();
                return Some(s);
            }
        }
        None
    }
    /// A bare identifier or a quoted string.
    pub fn parse_keyword_or_string(&mut self) -> R<String> {
        match self.p.parse_keyword_or_string_value() {
            Some(s) => Ok(s),
            None => Err(self.emit_error("expected valid keyword or string")),
        }
    }
    /// A quoted string (unescaped, as UTF-8).
    pub fn parse_string(&mut self) -> R<String> {
        match self.parse_optional_string()? {
            Some(s) => Ok(s),
            None => Err(self.emit_error("expected string")),
        }
    }
    /// A quoted string, if present.
    pub fn parse_optional_string(&mut self) -> R<Option<String>> {
        if self.p.tok.kind != Tok::String {
            return Ok(None);
        }
        let t = self.p.tok;
        let r = self.p.string_utf8(t);
        let s = self.lift(r)?;
        self.p.bump();
        Ok(Some(s))
    }
    /// A signed integer (`-`? decimal or hex literal) fitting `i64`.
    pub fn parse_integer(&mut self) -> R<i64> {
        match self.parse_optional_integer()? {
            Some(v) => Ok(v),
            None => Err(self.emit_error("expected integer value")),
        }
    }
    /// A signed integer, if present.
    pub fn parse_optional_integer(&mut self) -> R<Option<i64>> {
        let neg = self.p.tok.kind == Tok::Minus && self.p.peek().kind == Tok::Integer;
        if !neg && self.p.tok.kind != Tok::Integer {
            return Ok(None);
        }
        if neg {
            self.p.bump();
        }
        let t = self.p.tok;
        let v = super::parser::int_token_value(self.p.text(t));
        let r = match v {
            Some(m) if !neg && m <= i64::MAX as u128 => m as i64,
            Some(m) if neg && m <= 1u128 << 63 => (m as i128).wrapping_neg() as i64,
            _ => {
                let e = self.p.err_at(t, "integer value too large");
                return Err(self.lift::<()>(Err(e)).unwrap_err());
            }
        };
        self.p.bump();
        Ok(Some(r))
    }
    /// A float literal (or an integer literal) as `f64`, optionally negated.
    pub fn parse_float(&mut self) -> R<f64> {
        let neg = self.p.eat(Tok::Minus);
        let t = self.p.tok;
        let v = match t.kind {
            Tok::Float => super::float::decimal_to_f64(self.p.text(t)),
            Tok::Integer => super::parser::int_token_value(self.p.text(t)).map(|v| v as f64),
            _ => None,
        };
        match v {
            Some(v) => {
                self.p.bump();
                Ok(if neg { -v } else { v })
            }
            None => Err(self.emit_error("expected floating point literal")),
        }
    }

    // ----- types -----

    /// A type.
    pub fn parse_type(&mut self) -> R<Type> {
        let r = self.p.parse_type();
        self.lift(r)
    }
    /// A type, if one starts here.
    pub fn parse_optional_type(&mut self) -> R<Option<Type>> {
        if !self.p.at_type() {
            return Ok(None);
        }
        self.parse_type().map(Some)
    }
    /// `: type`.
    pub fn parse_colon_type(&mut self) -> R<Type> {
        self.parse_colon()?;
        self.parse_type()
    }
    /// `: type, type, ...` (at least one type).
    pub fn parse_colon_type_list(&mut self) -> R<Vec<Type>> {
        self.parse_colon()?;
        self.parse_type_list()
    }
    /// `: type, ...` if a colon is present (empty otherwise).
    pub fn parse_optional_colon_type_list(&mut self) -> R<Vec<Type>> {
        if self.parse_optional_colon() {
            self.parse_type_list()
        } else {
            Ok(Vec::new())
        }
    }
    /// `type, type, ...` (at least one).
    pub fn parse_type_list(&mut self) -> R<Vec<Type>> {
        let mut v = Vec::new();
        let r = self.p.parse_type_list_no_parens(&mut v);
        self.lift(r)?;
        Ok(v)
    }
    /// `(type, ...)` (possibly empty).
    pub fn parse_type_list_parens(&mut self) -> R<Vec<Type>> {
        let mut v = Vec::new();
        let r = self.p.parse_type_list_parens(&mut v);
        self.lift(r)?;
        Ok(v)
    }
    /// `-> type` or `-> (type, ...)`.
    pub fn parse_arrow_type_list(&mut self) -> R<Vec<Type>> {
        self.parse_arrow()?;
        let mut v = Vec::new();
        let r = self.p.parse_function_result_types(&mut v);
        self.lift(r)?;
        Ok(v)
    }
    /// `-> types` if an arrow is present (empty otherwise).
    pub fn parse_optional_arrow_type_list(&mut self) -> R<Vec<Type>> {
        if self.p.tok.kind == Tok::Arrow {
            self.parse_arrow_type_list()
        } else {
            Ok(Vec::new())
        }
    }
    /// `(inputs) -> results`, returned as a function type.
    pub fn parse_function_type(&mut self) -> R<Type> {
        if self.p.tok.kind != Tok::LParen {
            return Err(self.emit_error("expected function type"));
        }
        let r = self.p.parse_function_type();
        self.lift(r)
    }
    /// `: (inputs) -> results`, returned as (inputs, results).
    pub fn parse_colon_function_type(&mut self) -> R<(Vec<Type>, Vec<Type>)> {
        self.parse_colon()?;
        let t = self.parse_function_type()?;
        match self.ctx().type_kind(t) {
            TypeKind::Function { inputs, results } => Ok((inputs.to_vec(), results.to_vec())),
            _ => Err(self.emit_error("expected function type")),
        }
    }

    // ----- attributes -----

    /// An attribute.
    pub fn parse_attribute(&mut self) -> R<Attribute> {
        let r = self.p.parse_attribute();
        self.lift(r)
    }
    /// An attribute whose type is known (`42` with `ty = i32` gives `42 : i32`; no `: type`
    /// follows in the text).
    pub fn parse_attribute_of_type(&mut self, ty: Type) -> R<Attribute> {
        let r = self.p.parse_attribute_of(Some(ty));
        self.lift(r)
    }
    /// An attribute, if one starts here.
    pub fn parse_optional_attribute(&mut self) -> R<Option<Attribute>> {
        let r = self.p.parse_optional_attribute();
        self.lift(r)
    }
    /// An optional `{...}` dictionary merged into `state.attrs`.
    pub fn parse_attr_dict(&mut self, state: &mut OperationState) -> R<()> {
        if self.p.tok.kind != Tok::LBrace {
            return Ok(());
        }
        let r = self.p.parse_attr_dict_entries();
        let entries = self.lift(r)?;
        self.merge_attrs(state, entries)
    }
    /// An optional `attributes {...}` dictionary merged into `state.attrs`.
    pub fn parse_optional_attr_dict_with_keyword(&mut self, state: &mut OperationState) -> R<()> {
        if self.p.eat_kw("attributes") {
            if self.p.tok.kind != Tok::LBrace {
                return Err(self.emit_error("expected '{' in attribute dictionary"));
            }
            return self.parse_attr_dict(state);
        }
        Ok(())
    }
    /// A `{...}` dictionary as an attribute (empty dictionary when absent).
    pub fn parse_optional_dict(&mut self) -> R<Option<Attribute>> {
        if self.p.tok.kind != Tok::LBrace {
            return Ok(None);
        }
        let r = self.p.parse_attr_dict_entries();
        let entries = self.lift(r)?;
        Ok(Some(self.ctx().attr(AttrKind::Dict(entries.into()))))
    }
    fn merge_attrs(&mut self, state: &mut OperationState, entries: Vec<NamedAttr>) -> R<()> {
        let ctx = self.ctx();
        let mut all: Vec<NamedAttr> = state
            .attrs
            .map(|a| ctx.dict_entries(a).to_vec())
            .unwrap_or_default();
        for e in entries {
            let dup = all.iter().any(|x| x.name == e.name)
                || state
                    .props
                    .is_some_and(|p| ctx.dict_entries(p).iter().any(|x| x.name == e.name));
            if dup {
                return Err(Diagnostic::error(
                    self.name_location(),
                    format!(
                        "attribute '{}' occurs more than once in the attribute list",
                        ctx.str(e.name)
                    ),
                ));
            }
            all.push(e);
        }
        if !all.is_empty() {
            state.attrs = Some(ctx.attr(AttrKind::Dict(all.into())));
        }
        Ok(())
    }
    /// `@name` (or `@"quoted name"`), returned without the `@`.
    pub fn parse_symbol_name(&mut self) -> R<String> {
        match self.parse_optional_symbol_name()? {
            Some(s) => Ok(s),
            None => Err(self.emit_error("expected valid '@'-identifier for symbol name")),
        }
    }
    /// `@name`, if present.
    pub fn parse_optional_symbol_name(&mut self) -> R<Option<String>> {
        if self.p.tok.kind != Tok::AtIdent {
            return Ok(None);
        }
        let t = self.p.tok;
        let r = self.p.symbol_ref_name(t);
        let s = self.lift(r)?;
        self.p.bump();
        Ok(Some(s))
    }

    // ----- operands -----

    /// `%name` or `%name#N`.
    pub fn parse_operand(&mut self) -> R<UnresolvedOperand> {
        let r = self.p.parse_ssa_use(true);
        self.lift(r)
    }
    /// An operand, if one starts here.
    pub fn parse_optional_operand(&mut self) -> R<Option<UnresolvedOperand>> {
        if self.p.tok.kind != Tok::PercentIdent {
            return Ok(None);
        }
        self.parse_operand().map(Some)
    }
    /// A comma-separated operand list in the given delimiters (`Delimiter::None`: a
    /// possibly empty list without delimiters).
    pub fn parse_operand_list(&mut self, delim: Delimiter) -> R<Vec<UnresolvedOperand>> {
        let mut v = Vec::new();
        if delim == Delimiter::None && self.p.tok.kind != Tok::PercentIdent {
            return Ok(v);
        }
        let r = self.p.comma_list(delim, "", |p| {
            v.push(p.parse_ssa_use(true)?);
            Ok(())
        });
        self.lift(r)?;
        Ok(v)
    }
    /// MLIR's `parseCommaSeparatedList`: parse the delimiter (if any), then elements with
    /// `f` separated by commas, then the closing delimiter. With an empty delimited list
    /// (`()`) `f` is not called. For `Optional*` delimiters returns `Ok(false)` (consuming
    /// nothing) when the opening token is absent; `Delimiter::None` parses one or more
    /// elements.
    pub fn parse_comma_separated_list(
        &mut self,
        delim: Delimiter,
        mut f: impl FnMut(&mut Self) -> R<()>,
    ) -> R<bool> {
        let (open, close, open_s, close_s, optional) = match delim {
            Delimiter::None => {
                f(self)?;
                while self.parse_optional_comma() {
                    f(self)?;
                }
                return Ok(true);
            }
            Delimiter::Paren => (Tok::LParen, Tok::RParen, "(", ")", false),
            Delimiter::Square => (Tok::LSquare, Tok::RSquare, "[", "]", false),
            Delimiter::LessGreater => (Tok::Less, Tok::Greater, "<", ">", false),
            Delimiter::Braces => (Tok::LBrace, Tok::RBrace, "{", "}", false),
            Delimiter::OptionalParen => (Tok::LParen, Tok::RParen, "(", ")", true),
            Delimiter::OptionalSquare => (Tok::LSquare, Tok::RSquare, "[", "]", true),
            Delimiter::OptionalLessGreater => (Tok::Less, Tok::Greater, "<", ">", true),
            Delimiter::OptionalBraces => (Tok::LBrace, Tok::RBrace, "{", "}", true),
        };
        if self.p.tok.kind != open {
            if optional {
                return Ok(false);
            }
            return Err(self.emit_wrong_token_error(format!("expected '{open_s}'")));
        }
        self.p.bump();
        if self.p.eat(close) {
            return Ok(true);
        }
        f(self)?;
        while self.parse_optional_comma() {
            f(self)?;
        }
        if !self.p.eat(close) {
            return Err(self.emit_wrong_token_error(format!("expected '{close_s}'")));
        }
        Ok(true)
    }
    /// Resolve one operand with its type and append it to `out` (usually `state.operands`).
    pub fn resolve_operand(
        &mut self,
        op: &UnresolvedOperand,
        ty: Type,
        out: &mut Vec<Value>,
    ) -> R<()> {
        let r = self.p.resolve_value(self.body, *op, ty);
        let v = self.lift(r)?;
        out.push(v);
        Ok(())
    }
    /// Resolve operands with one type each.
    pub fn resolve_operands(
        &mut self,
        ops: &[UnresolvedOperand],
        types: &[Type],
        out: &mut Vec<Value>,
    ) -> R<()> {
        if ops.len() != types.len() {
            return Err(Diagnostic::error(
                self.name_location(),
                format!(
                    "{} operands present, but expected {}",
                    ops.len(),
                    types.len()
                ),
            ));
        }
        for (o, t) in ops.iter().zip(types) {
            self.resolve_operand(o, *t, out)?;
        }
        Ok(())
    }
    /// Resolve operands that all have type `ty`.
    pub fn resolve_operands_same_type(
        &mut self,
        ops: &[UnresolvedOperand],
        ty: Type,
        out: &mut Vec<Value>,
    ) -> R<()> {
        for o in ops {
            self.resolve_operand(o, ty, out)?;
        }
        Ok(())
    }

    // ----- successors -----

    /// `^bb`: a successor block (created as a forward reference if not seen yet).
    pub fn parse_successor(&mut self) -> R<Block> {
        let t = self.p.tok;
        if t.kind != Tok::CaretIdent {
            let e = self.p.wrong_token("expected block name");
            return Err(self.lift::<()>(Err(e)).unwrap_err());
        }
        self.p.bump();
        Ok(self.p.block_ref(self.body, t))
    }
    /// A successor, if present.
    pub fn parse_optional_successor(&mut self) -> R<Option<Block>> {
        if self.p.tok.kind != Tok::CaretIdent {
            return Ok(None);
        }
        self.parse_successor().map(Some)
    }
    /// `^bb` (`(` operands `:` types `)`)? — the operands are resolved into `operands`.
    pub fn parse_successor_and_use_list(&mut self, operands: &mut Vec<Value>) -> R<Block> {
        let b = self.parse_successor()?;
        if self.parse_optional_lparen() {
            let ops = self.parse_operand_list(Delimiter::None)?;
            self.parse_colon()?;
            let types = self.parse_type_list()?;
            self.parse_rparen()?;
            self.resolve_operands(&ops, &types, operands)?;
        }
        Ok(b)
    }

    // ----- arguments, regions -----

    /// `%name : type {attrs}? loc(...)?` (type and attributes only when allowed).
    pub fn parse_argument(&mut self, allow_type: bool, allow_attrs: bool) -> R<Argument> {
        let name = self.parse_operand()?;
        let ty = if allow_type {
            self.parse_colon_type()?
        } else {
            self.ctx().none_type()
        };
        let attrs = if allow_attrs {
            self.parse_optional_dict()?
        } else {
            None
        };
        let loc = self.parse_optional_location()?;
        Ok(Argument {
            name,
            ty,
            attrs,
            loc,
        })
    }
    /// An argument, if one starts here.
    pub fn parse_optional_argument(
        &mut self,
        allow_type: bool,
        allow_attrs: bool,
    ) -> R<Option<Argument>> {
        if self.p.tok.kind != Tok::PercentIdent {
            return Ok(None);
        }
        self.parse_argument(allow_type, allow_attrs).map(Some)
    }
    /// A delimited list of arguments.
    pub fn parse_argument_list(
        &mut self,
        delim: Delimiter,
        allow_type: bool,
        allow_attrs: bool,
    ) -> R<Vec<Argument>> {
        let mut v = Vec::new();
        if delim == Delimiter::None && self.p.tok.kind != Tok::PercentIdent {
            return Ok(v);
        }
        self.parse_comma_separated_list(delim, |p| {
            v.push(p.parse_argument(allow_type, allow_attrs)?);
            Ok(())
        })?;
        Ok(v)
    }
    /// A function signature: `(%a: i32 {attrs}, ...) -> (i32 {attrs}, ...)`, or with bare
    /// types for declarations: `(i32, f32) -> i32`. A trailing `...` is accepted when
    /// `allow_variadic`.
    pub fn parse_function_signature(&mut self, allow_variadic: bool) -> R<FunctionSignature> {
        let mut sig = FunctionSignature::default();
        self.parse_lparen()?;
        if !self.parse_optional_rparen() {
            let named = self.p.tok.kind == Tok::PercentIdent;
            sig.named = named;
            loop {
                if allow_variadic && self.parse_optional_ellipsis() {
                    sig.variadic = true;
                    break;
                }
                if named {
                    let a = self.parse_argument(true, true)?;
                    sig.args.push(a);
                } else {
                    if self.p.tok.kind == Tok::PercentIdent {
                        return Err(self.emit_error("expected type instead of SSA identifier"));
                    }
                    let t = self.p.tok;
                    let ty = self.parse_type()?;
                    let attrs = self.parse_optional_dict()?;
                    let loc = self.parse_optional_location()?;
                    sig.args.push(Argument {
                        name: UnresolvedOperand { tok: t, number: 0 },
                        ty,
                        attrs,
                        loc,
                    });
                }
                if !self.parse_optional_comma() {
                    break;
                }
            }
            self.parse_rparen()?;
        }
        if self.parse_optional_arrow() {
            if self.parse_optional_lparen() {
                if !self.parse_optional_rparen() {
                    loop {
                        sig.results.push(self.parse_type()?);
                        sig.result_attrs.push(self.parse_optional_dict()?);
                        if !self.parse_optional_comma() {
                            break;
                        }
                    }
                    self.parse_rparen()?;
                }
            } else {
                let t = self.p.tok;
                let r = self.p.parse_non_function_type();
                let ty = self.lift(r)?;
                let _ = t;
                sig.results.push(ty);
                sig.result_attrs.push(None);
            }
        }
        Ok(sig)
    }
    /// `loc(...)` if present (a location alias defined later in the file is resolved when
    /// the file has been parsed).
    pub fn parse_optional_location(&mut self) -> R<Option<crate::Location>> {
        let r = self.p.parse_trailing_loc();
        self.lift(r)
    }
    /// A region `{ ... }`: added to `state` (in the op's nested body for isolated-from-above
    /// ops), with `entry_args` as the named arguments of its entry block.
    pub fn parse_region(
        &mut self,
        state: &mut OperationState,
        entry_args: &[Argument],
    ) -> R<Region> {
        let r = state.add_region(self.body);
        let isolated = state.is_isolated();
        let rb = state.region_body(self.body);
        let res = self.p.parse_region_into(rb, r, entry_args, isolated);
        self.lift(res)?;
        Ok(r)
    }
    /// A region if the current token is `{` (nothing is added otherwise).
    pub fn parse_optional_region(
        &mut self,
        state: &mut OperationState,
        entry_args: &[Argument],
    ) -> R<Option<Region>> {
        if self.p.tok.kind != Tok::LBrace {
            return Ok(None);
        }
        self.parse_region(state, entry_args).map(Some)
    }
}

//! The printer, matching `mlir-opt` byte for byte (`mlir/lib/IR/AsmPrinter.cpp`):
//!
//! * SSA names as `SSANameState` assigns them: regions are numbered from a stack (so sibling
//!   regions are numbered last-to-first), entry block arguments are `%argN`, other values
//!   `%N`; in the generic form the counters run across the whole module (MLIR's unique SSA
//!   ids), in the custom form each region restarts from its parent's counters.
//! * Aliases as `AliasInitializer` computes them: a first pass visits attributes and types in
//!   the order of MLIR's alias walker (generic ops: regions first, then operand types, result
//!   types and attributes), then aliases are sorted by depth, kind and name and numbered
//!   (`#map`, `#map1`, `#loc`, ...). Operation locations may be deferred to the end of the
//!   file; block argument locations and locations used as attributes may not.
//! * The `{-# dialect_resources #-}` section lists the referenced blobs.

use super::affine_text;
use super::float;
use super::{OpAsmInterface, PrintOptions};
use crate::attrs::{AttrKind, Attribute, LocKind, Location, NamedAttr};
use crate::entity::EntityRef;
use crate::types::{FloatKind, Signedness, Type, TypeKind, DYNAMIC};
use crate::{Block, Body, Context, Op, OpRef, Region, Symbol, Traits, Value, ValueDef};
use indexmap::{IndexMap, IndexSet};
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::io::Write;

const NO_NAME: u32 = u32::MAX;

/// `"00010203...99"`: the decimal digits of every number below 100.
static DIGIT_PAIRS: [u8; 200] = {
    let mut t = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        t[2 * i] = b'0' + (i / 10) as u8;
        t[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    t
};
const ARG_TAG: u32 = 1 << 30;
const CUSTOM_TAG: u32 = 2 << 30;
const TAG_MASK: u32 = 3 << 30;

/// SSA names of one body.
#[derive(Default)]
struct BodyNames {
    /// Per value index: `NO_NAME`, a number, `ARG_TAG | n` or `CUSTOM_TAG | index`.
    vals: Vec<u32>,
    /// Per block index: the block's number in its region.
    blocks: Vec<u32>,
    /// Result groups of ops with custom result names (result indices starting groups).
    groups: FxHashMap<Op, Vec<u32>>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum AKey {
    Attr(u32),
    Type(u32),
}

#[derive(Clone, Debug)]
struct InProgress {
    alias: Option<&'static str>,
    depth: u32,
    is_type: bool,
    can_defer: bool,
    children: Vec<usize>,
}

#[derive(Clone, Copy, Debug)]
struct AliasName {
    name: &'static str,
    index: u32,
    deferred: bool,
}

/// The printer state.
pub(crate) struct Printer<'a> {
    pub ctx: &'a Context,
    pub opts: PrintOptions,
    buf: Vec<u8>,
    sink: Option<&'a mut dyn Write>,
    err: Option<std::io::Error>,
    /// Collecting aliases: printing through custom formats only visits.
    pub collecting: bool,
    visited: IndexMap<AKey, InProgress, FxBuildHasher>,
    may_alias_ty: Vec<u8>,
    may_alias_attr: Vec<u8>,
    aliases: FxHashMap<AKey, AliasName>,
    alias_order: Vec<AKey>,
    has_attr_aliases: bool,
    has_type_aliases: bool,
    body_index: FxHashMap<*const Body, usize>,
    names: Vec<BodyNames>,
    custom_names: Vec<String>,
    indent: usize,
    default_dialects: Vec<&'static str>,
    pub resources: IndexSet<Symbol, FxBuildHasher>,
    op_name_cache: Vec<Option<Box<str>>>,
    /// Per op name: the default dialect its short form was computed for and where the short
    /// form starts in the full name.
    short_name_cache: Vec<Option<(&'static str, u32)>>,
    /// Per op name: the attached `OpAsmInterface`, once looked up.
    asm_iface_cache: Vec<Option<Option<&'static dyn OpAsmInterface>>>,
    tmp: String,
}

fn is_bare_identifier(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        Some(&c) if c.is_ascii_alphabetic() || c == b'_' => {}
        _ => return false,
    }
    b[1..]
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b'.')
}

/// `isDialectSymbolSimpleEnoughForPrettyForm`.
fn simple_dialect_symbol(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() || !b[0].is_ascii_alphabetic() {
        return false;
    }
    let rest = s.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    if rest.is_empty() {
        return true;
    }
    rest.starts_with('<') && rest.ends_with('>')
}

/// Append `s` escaped as `llvm::printEscapedString` does.
pub(crate) fn escape_into(s: &[u8], out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &c in s {
        if c == b'\\' {
            out.extend_from_slice(b"\\\\");
        } else if (0x20..=0x7E).contains(&c) && c != b'"' {
            out.push(c);
        } else {
            out.push(b'\\');
            out.push(HEX[(c >> 4) as usize]);
            out.push(HEX[(c & 15) as usize]);
        }
    }
}

/// Sign-extend the little-endian bytes of an integer of `width` bits.
fn read_int(bytes: &[u8], width: u32, signed: bool) -> i128 {
    let mut b = [0u8; 16];
    let n = bytes.len().min(16);
    b[..n].copy_from_slice(&bytes[..n]);
    let v = i128::from_le_bytes(b);
    let w = width.min(128);
    if w == 0 || w >= 128 {
        return v;
    }
    let shift = 128 - w;
    if signed {
        (v << shift) >> shift
    } else {
        ((v as u128) << shift >> shift) as i128
    }
}

impl<'a> Printer<'a> {
    pub fn new(ctx: &'a Context, opts: PrintOptions, sink: Option<&'a mut dyn Write>) -> Self {
        Printer {
            ctx,
            opts,
            buf: Vec::with_capacity(if sink.is_some() { 1 << 16 } else { 1024 }),
            sink,
            err: None,
            collecting: false,
            visited: IndexMap::default(),
            may_alias_ty: Vec::new(),
            may_alias_attr: Vec::new(),
            aliases: FxHashMap::default(),
            alias_order: Vec::new(),
            has_attr_aliases: false,
            has_type_aliases: false,
            body_index: FxHashMap::default(),
            names: Vec::new(),
            custom_names: Vec::new(),
            indent: 0,
            default_dialects: vec!["builtin"],
            resources: IndexSet::default(),
            op_name_cache: Vec::new(),
            short_name_cache: Vec::new(),
            asm_iface_cache: Vec::new(),
            tmp: String::new(),
        }
    }

    // ----- output -----

    #[inline]
    pub fn w(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
    }
    #[inline]
    pub fn wb(&mut self, c: u8) {
        self.buf.push(c);
    }
    pub fn wu(&mut self, mut n: u64) {
        if n < 10 {
            self.buf.push(b'0' + n as u8);
            return;
        }
        if n < 100_000_000 {
            // At most 8 digits: fill a fixed 8-byte block from the left, append all of it
            // (a constant-size copy) and cut off the unused tail.
            let nd = if n < 10_000 {
                if n < 100 {
                    2
                } else if n < 1000 {
                    3
                } else {
                    4
                }
            } else if n < 1_000_000 {
                if n < 100_000 {
                    5
                } else {
                    6
                }
            } else if n < 10_000_000 {
                7
            } else {
                8
            };
            let mut block = [0u8; 8];
            let mut i = nd;
            while n >= 100 {
                let d = (n % 100) as usize * 2;
                n /= 100;
                i -= 2;
                block[i] = DIGIT_PAIRS[d];
                block[i + 1] = DIGIT_PAIRS[d + 1];
            }
            if n >= 10 {
                let d = n as usize * 2;
                block[0] = DIGIT_PAIRS[d];
                block[1] = DIGIT_PAIRS[d + 1];
            } else {
                block[0] = b'0' + n as u8;
            }
            let len = self.buf.len();
            self.buf.extend_from_slice(&block);
            self.buf.truncate(len + nd);
            return;
        }
        // Two digits at a time from a table (as the `itoa` crate does).
        let mut tmp = [0u8; 20];
        let mut i = tmp.len();
        while n >= 100 {
            let d = (n % 100) as usize * 2;
            n /= 100;
            i -= 2;
            tmp[i] = DIGIT_PAIRS[d];
            tmp[i + 1] = DIGIT_PAIRS[d + 1];
        }
        if n >= 10 {
            let d = n as usize * 2;
            i -= 2;
            tmp[i] = DIGIT_PAIRS[d];
            tmp[i + 1] = DIGIT_PAIRS[d + 1];
        } else {
            i -= 1;
            tmp[i] = b'0' + n as u8;
        }
        self.buf.extend_from_slice(&tmp[i..]);
    }
    pub fn wi(&mut self, n: i64) {
        if n < 0 {
            self.wb(b'-');
        }
        self.wu(n.unsigned_abs());
    }
    fn wi128(&mut self, n: i128) {
        use std::fmt::Write as _;
        self.tmp.clear();
        let _ = write!(self.tmp, "{n}");
        let t = std::mem::take(&mut self.tmp);
        self.w(&t);
        self.tmp = t;
    }
    fn wu128(&mut self, n: u128) {
        use std::fmt::Write as _;
        self.tmp.clear();
        let _ = write!(self.tmp, "{n}");
        let t = std::mem::take(&mut self.tmp);
        self.w(&t);
        self.tmp = t;
    }
    fn indent_spaces(&mut self) {
        const SP: &[u8; 64] = b"                                                                ";
        let mut n = self.indent;
        while n > 0 {
            let k = n.min(64);
            self.buf.extend_from_slice(&SP[..k]);
            n -= k;
        }
    }
    pub fn newline(&mut self) {
        self.wb(b'\n');
        self.maybe_flush();
    }
    fn maybe_flush(&mut self) {
        if self.buf.len() >= 1 << 16 {
            if self.collecting {
                self.buf.clear();
            } else if let Some(s) = self.sink.as_mut() {
                if self.err.is_none() {
                    if let Err(e) = s.write_all(&self.buf) {
                        self.err = Some(e);
                    }
                }
                self.buf.clear();
            }
        }
    }
    /// Flush everything to the sink.
    pub fn finish(mut self) -> std::io::Result<Vec<u8>> {
        if let Some(s) = self.sink.as_mut() {
            if self.err.is_none() {
                if let Err(e) = s.write_all(&self.buf) {
                    self.err = Some(e);
                }
            }
            self.buf.clear();
        }
        match self.err {
            Some(e) => Err(e),
            None => Ok(self.buf),
        }
    }
    pub fn take_string(&mut self) -> String {
        String::from_utf8_lossy(&std::mem::take(&mut self.buf)).into_owned()
    }
    fn escaped(&mut self, s: &[u8]) {
        self.wb(b'"');
        escape_into(s, &mut self.buf);
        self.wb(b'"');
    }
    fn keyword_or_string(&mut self, s: &str) {
        if is_bare_identifier(s) {
            self.w(s);
        } else {
            self.escaped(s.as_bytes());
        }
    }
    fn symbol_ref(&mut self, s: &str) {
        if s.is_empty() {
            self.w("@<<INVALID EMPTY SYMBOL>>");
            return;
        }
        self.wb(b'@');
        self.keyword_or_string(s);
    }
    /// Print a float value; returns whether it was printed as a hex bit pattern.
    fn float(&mut self, bits: u64, kind: FloatKind) -> bool {
        let mut t = std::mem::take(&mut self.tmp);
        t.clear();
        float::format_float(bits, kind, &mut t);
        self.w(&t);
        let hex = t.starts_with("0x") || t.starts_with("-0x");
        self.tmp = t;
        hex
    }

    // ----- aliases -----

    fn alias_of(&self, k: AKey) -> Option<AliasName> {
        self.aliases.get(&k).copied()
    }
    fn write_alias(&mut self, a: AliasName, is_type: bool) {
        self.wb(if is_type { b'!' } else { b'#' });
        self.w(a.name);
        if a.index != 0 {
            self.wu(a.index as u64);
        }
    }

    #[inline]
    fn ty_may_alias(&mut self, t: Type) -> bool {
        if let Some(&v) = self.may_alias_ty.get(t.0 as usize) {
            if v != 0 {
                return v == 2;
            }
        }
        self.ty_may_alias_slow(t)
    }

    fn ty_may_alias_slow(&mut self, t: Type) -> bool {
        let i = t.0 as usize;
        let ctx = self.ctx;
        let r = match ctx.type_kind(t) {
            TypeKind::Tuple(ts) => ts.len() > 16 || ts.iter().any(|&x| self.ty_may_alias(x)),
            TypeKind::Function { inputs, results } => inputs
                .iter()
                .chain(results.iter())
                .any(|&x| self.ty_may_alias(x)),
            TypeKind::Complex(e)
            | TypeKind::UnrankedTensor(e)
            | TypeKind::Vector { elem: e, .. } => self.ty_may_alias(*e),
            TypeKind::RankedTensor { elem, encoding, .. } => {
                self.ty_may_alias(*elem) || encoding.is_some_and(|a| self.attr_may_alias(a))
            }
            TypeKind::MemRef {
                elem,
                layout,
                space,
                ..
            } => {
                self.ty_may_alias(*elem)
                    || layout.is_some_and(|a| self.attr_may_alias(a))
                    || space.is_some_and(|a| self.attr_may_alias(a))
            }
            TypeKind::UnrankedMemRef { elem, space } => {
                self.ty_may_alias(*elem) || space.is_some_and(|a| self.attr_may_alias(a))
            }
            _ => false,
        };
        if self.may_alias_ty.len() <= i {
            self.may_alias_ty.resize(i + 1, 0);
        }
        self.may_alias_ty[i] = if r { 2 } else { 1 };
        r
    }

    #[inline]
    fn attr_may_alias(&mut self, a: Attribute) -> bool {
        if let Some(&v) = self.may_alias_attr.get(a.0 as usize) {
            if v != 0 {
                return v == 2;
            }
        }
        self.attr_may_alias_slow(a)
    }

    fn attr_may_alias_slow(&mut self, a: Attribute) -> bool {
        let i = a.0 as usize;
        let ctx = self.ctx;
        let r = match ctx.attr_kind(a) {
            AttrKind::AffineMap(_) | AttrKind::IntegerSet(_) | AttrKind::Location(_) => true,
            AttrKind::Array(xs) => xs.iter().any(|&x| self.attr_may_alias(x)),
            AttrKind::Dict(es) => es.iter().any(|e| self.attr_may_alias(e.value)),
            AttrKind::Type(t) => self.ty_may_alias(*t),
            AttrKind::String { ty: Some(t), .. }
            | AttrKind::DenseElements { ty: t, .. }
            | AttrKind::DenseResource { ty: t, .. } => self.ty_may_alias(*t),
            _ => false,
        };
        if self.may_alias_attr.len() <= i {
            self.may_alias_attr.resize(i + 1, 0);
        }
        self.may_alias_attr[i] = if r { 2 } else { 1 };
        r
    }

    /// `AliasInitializer::visit` for an attribute.
    pub fn visit_attr(&mut self, a: Attribute, can_defer: bool, elide_type: bool) -> (u32, usize) {
        let key = AKey::Attr(a.0);
        if let Some(idx) = self.visited.get_index_of(&key) {
            if !can_defer {
                self.mark_non_deferrable(idx);
            }
            return (self.visited[idx].depth, idx);
        }
        let ctx = self.ctx;
        let alias = match ctx.attr_kind(a) {
            AttrKind::AffineMap(_) => Some("map"),
            AttrKind::IntegerSet(_) => Some("set"),
            AttrKind::Location(_) => Some("loc"),
            _ => None,
        };
        let (idx, _) = self.visited.insert_full(
            key,
            InProgress {
                alias,
                depth: alias.is_some() as u32,
                is_type: false,
                can_defer: alias.is_some() && can_defer,
                children: Vec::new(),
            },
        );
        let mut children = Vec::new();
        let mut max = 0u32;
        let mut rec = |p: &mut Self, r: (u32, usize)| {
            children.push(r.1);
            max = max.max(r.0);
            let _ = p;
        };
        match ctx.attr_kind(a) {
            AttrKind::Dict(es) => {
                for e in es.iter() {
                    if self.attr_may_alias(e.value) {
                        let r = self.visit_attr(e.value, can_defer, false);
                        rec(self, r);
                    }
                }
            }
            AttrKind::Array(xs) => {
                for &x in xs.iter() {
                    if self.attr_may_alias(x) {
                        let r = self.visit_attr(x, can_defer, false);
                        rec(self, r);
                    }
                }
            }
            AttrKind::Type(t) if self.ty_may_alias(*t) => {
                let r = self.visit_type(*t, can_defer);
                rec(self, r);
            }
            AttrKind::Location(l) => match l {
                LocKind::Name { child: Some(c), .. } => {
                    let r = self.visit_attr(*c, can_defer, false);
                    rec(self, r);
                }
                LocKind::CallSite { callee, caller } => {
                    let r = self.visit_attr(*callee, can_defer, false);
                    rec(self, r);
                    let r = self.visit_attr(*caller, can_defer, false);
                    rec(self, r);
                }
                LocKind::Fused { locs, metadata } => {
                    if let Some(m) = metadata {
                        if self.attr_may_alias(*m) {
                            let r = self.visit_attr(*m, can_defer, false);
                            rec(self, r);
                        }
                    }
                    for &l in locs.iter() {
                        let r = self.visit_attr(l, can_defer, false);
                        rec(self, r);
                    }
                }
                _ => {}
            },
            AttrKind::String { ty: Some(t), .. }
            | AttrKind::DenseElements { ty: t, .. }
            | AttrKind::DenseResource { ty: t, .. }
                if !elide_type && self.ty_may_alias(*t) =>
            {
                let r = self.visit_type(*t, can_defer);
                rec(self, r);
            }
            _ => {}
        }
        let info = &mut self.visited[idx];
        info.children = children;
        if max > 0 {
            info.depth = max + 1;
        }
        (info.depth, idx)
    }

    /// `AliasInitializer::visit` for a type.
    pub fn visit_type(&mut self, t: Type, can_defer: bool) -> (u32, usize) {
        let key = AKey::Type(t.0);
        if let Some(idx) = self.visited.get_index_of(&key) {
            if !can_defer {
                self.mark_non_deferrable(idx);
            }
            return (self.visited[idx].depth, idx);
        }
        let ctx = self.ctx;
        let alias = match ctx.type_kind(t) {
            TypeKind::Tuple(ts) if ts.len() > 16 => Some("tuple"),
            _ => None,
        };
        let (idx, _) = self.visited.insert_full(
            key,
            InProgress {
                alias,
                depth: alias.is_some() as u32,
                is_type: true,
                can_defer: alias.is_some() && can_defer,
                children: Vec::new(),
            },
        );
        let mut children = Vec::new();
        let mut max = 0u32;
        let mut sub_types: Vec<Type> = Vec::new();
        let mut sub_attrs: Vec<Attribute> = Vec::new();
        match ctx.type_kind(t) {
            TypeKind::MemRef {
                elem,
                layout,
                space,
                ..
            } => {
                sub_types.push(*elem);
                // The layout order matters: element, layout, memory space.
                if let Some(l) = layout {
                    sub_attrs.push(*l);
                }
                if let Some(s) = space {
                    sub_attrs.push(*s);
                }
            }
            TypeKind::UnrankedMemRef { elem, space } => {
                sub_types.push(*elem);
                if let Some(s) = space {
                    sub_attrs.push(*s);
                }
            }
            TypeKind::RankedTensor { elem, encoding, .. } => {
                sub_types.push(*elem);
                if let Some(e) = encoding {
                    sub_attrs.push(*e);
                }
            }
            TypeKind::UnrankedTensor(e)
            | TypeKind::Complex(e)
            | TypeKind::Vector { elem: e, .. } => sub_types.push(*e),
            TypeKind::Tuple(ts) => sub_types.extend(ts.iter().copied()),
            TypeKind::Function { inputs, results } => {
                sub_types.extend(inputs.iter().copied());
                sub_types.extend(results.iter().copied());
            }
            _ => {}
        }
        // Types are visited before attributes except for memrefs/tensors, whose element
        // type comes first anyway.
        for st in sub_types {
            if self.ty_may_alias(st) {
                let r = self.visit_type(st, can_defer);
                children.push(r.1);
                max = max.max(r.0);
            }
        }
        for sa in sub_attrs {
            if self.attr_may_alias(sa) {
                let r = self.visit_attr(sa, can_defer, false);
                children.push(r.1);
                max = max.max(r.0);
            }
        }
        let info = &mut self.visited[idx];
        info.children = children;
        if max > 0 {
            info.depth = max + 1;
        }
        (info.depth, idx)
    }

    fn mark_non_deferrable(&mut self, idx: usize) {
        let mut stack = vec![idx];
        while let Some(i) = stack.pop() {
            let info = &mut self.visited[i];
            if !info.can_defer {
                continue;
            }
            info.can_defer = false;
            stack.extend(info.children.iter().copied());
        }
    }

    /// Visit an attribute in an op's attribute list (not deferrable).
    fn collect_attr(&mut self, a: Attribute) {
        if self.attr_may_alias(a) {
            self.visit_attr(a, false, false);
        }
    }
    fn collect_type(&mut self, t: Type) {
        if self.ty_may_alias(t) {
            self.visit_type(t, false);
        }
    }

    /// `AliasInitializer::initializeAliases`.
    pub fn finish_aliases(&mut self) {
        let visited = std::mem::take(&mut self.visited);
        let mut v: Vec<(AKey, InProgress)> = visited.into_iter().collect();
        v.sort_by(|(_, a), (_, b)| {
            a.depth
                .cmp(&b.depth)
                .then_with(|| b.is_type.cmp(&a.is_type))
                .then_with(|| a.alias.unwrap_or("").cmp(b.alias.unwrap_or("")))
        });
        let mut counts: FxHashMap<&'static str, u32> = FxHashMap::default();
        for (k, info) in v {
            let Some(name) = info.alias else { continue };
            let c = counts.entry(name).or_insert(0);
            let index = *c;
            *c += 1;
            self.aliases.insert(
                k,
                AliasName {
                    name,
                    index,
                    deferred: info.can_defer,
                },
            );
            self.alias_order.push(k);
            match k {
                AKey::Attr(_) => self.has_attr_aliases = true,
                AKey::Type(_) => self.has_type_aliases = true,
            }
        }
    }

    /// Print the alias definitions that are (`deferred`) or are not deferred.
    pub fn print_alias_defs(&mut self, deferred: bool) {
        let order = std::mem::take(&mut self.alias_order);
        for &k in &order {
            let a = self.aliases[&k];
            if a.deferred != deferred {
                continue;
            }
            match k {
                AKey::Attr(i) => {
                    self.write_alias(a, false);
                    self.w(" = ");
                    self.print_attr_impl(Attribute(i), Elide::Never);
                }
                AKey::Type(i) => {
                    self.write_alias(a, true);
                    self.w(" = ");
                    self.print_type_impl(Type(i));
                }
            }
            self.newline();
        }
        self.alias_order = order;
    }

    // ----- alias collection walk (DummyAliasOperationPrinter) -----

    /// Visit an op as MLIR's alias walker does.
    pub fn collect_op(&mut self, body: &'a Body, op: Op) {
        let ctx = self.ctx;
        if self.opts.debug_info {
            let l = body.op(op).loc;
            self.visit_attr(l.0, true, false);
        }
        let name = body.name(op);
        if !self.opts.generic {
            if let Some(f) = ctx.op_def(name).and_then(|d| d.format) {
                if f.prints_only_own_types_and_attrs() && !self.op_may_alias(body, op) {
                    // Running the format would visit nothing that can have an alias.
                    return;
                }
                let prev = self.collecting;
                self.collecting = true;
                {
                    let bi = self.body_idx(body);
                    let mut p = OpAsmPrinter {
                        pr: self,
                        body,
                        bi,
                        op,
                    };
                    f.print(&mut p, OpRef::new(ctx, body, op));
                }
                self.collecting = prev;
                return;
            }
        }
        let rb = body.region_body(op);
        for &r in body.regions(op) {
            self.collect_region(rb, r, true, true);
        }
        for v in body.operands(op) {
            let t = body.value_type(v);
            self.collect_type(t);
        }
        for &v in body.results(op) {
            let t = body.value_type(v);
            self.collect_type(t);
        }
        // MLIR visits the op's attribute dictionary with the inherent attributes merged in.
        let d = body.op(op);
        let (props, attrs) = (d.props, d.attrs);
        if props == ctx.empty_dict() {
            for e in ctx.dict_entries(attrs) {
                self.collect_attr(e.value);
            }
        } else if attrs == ctx.empty_dict() {
            for e in ctx.dict_entries(props) {
                self.collect_attr(e.value);
            }
        } else {
            let mut all: Vec<NamedAttr> = ctx.dict_entries(props).to_vec();
            all.extend_from_slice(ctx.dict_entries(attrs));
            all.sort_by(|a, b| ctx.str(a.name).cmp(ctx.str(b.name)));
            for e in all {
                self.collect_attr(e.value);
            }
        }
    }

    /// Whether any operand or result type or attribute of `op` may have an alias, or the op
    /// has regions.
    fn op_may_alias(&mut self, body: &Body, op: Op) -> bool {
        if !body.regions(op).is_empty() {
            return true;
        }
        let d = body.op(op);
        let (props, attrs) = (d.props, d.attrs);
        if self.attr_may_alias(props) || self.attr_may_alias(attrs) {
            return true;
        }
        for v in body.operands(op) {
            if self.ty_may_alias(body.value_type(v)) {
                return true;
            }
        }
        for &v in body.results(op) {
            if self.ty_may_alias(body.value_type(v)) {
                return true;
            }
        }
        false
    }

    fn collect_region(&mut self, body: &'a Body, r: Region, entry_args: bool, terminators: bool) {
        let blocks = body.region_blocks(r);
        for (i, &b) in blocks.iter().enumerate() {
            let (args, term) = if i == 0 {
                (entry_args, terminators)
            } else {
                (true, true)
            };
            self.collect_block(body, b, args, term);
        }
    }

    fn collect_block(&mut self, body: &'a Body, b: Block, args: bool, terminator: bool) {
        if args {
            for &a in body.block_args(b) {
                let t = body.value_type(a);
                self.collect_type(t);
                if self.opts.debug_info {
                    let l = body.value_loc(a).unwrap_or(self.ctx.unknown_loc());
                    self.visit_attr(l.0, false, false);
                }
            }
        }
        let last = body.last_op(b);
        let skip_last = !terminator && last.is_some_and(|o| self.is_terminator(body, o));
        for o in body.block_ops(b) {
            if skip_last && Some(o) == last {
                break;
            }
            self.collect_op(body, o);
        }
    }

    fn is_terminator(&self, body: &Body, op: Op) -> bool {
        self.ctx
            .op_def(body.name(op))
            .is_some_and(|d| d.has(Traits::TERMINATOR))
    }

    // ----- SSA naming (SSANameState) -----

    /// The index of `body`'s name table (created on first use).
    pub fn body_index_of(&mut self, body: &Body) -> usize {
        self.body_idx(body)
    }

    fn body_idx(&mut self, body: &Body) -> usize {
        let p = body as *const Body;
        if let Some(&i) = self.body_index.get(&p) {
            return i;
        }
        let i = self.names.len();
        self.names.push(BodyNames {
            vals: vec![NO_NAME; body.value_capacity()],
            blocks: Vec::new(),
            groups: FxHashMap::default(),
        });
        self.body_index.insert(p, i);
        i
    }

    /// Number all values and blocks under `top` (in `body`), as `SSANameState` does.
    pub fn number(&mut self, body: &'a Body, top: Op) {
        struct Frame<'b> {
            body: &'b Body,
            region: Region,
            next_value: u32,
            next_arg: u32,
            next_conflict: u32,
            scope: usize,
        }
        let unique = self.opts.generic;
        let mut st = NameCounters::default();
        let mut used = UsedNames::default();
        let mut stack: Vec<Frame<'a>> = Vec::new();
        let rb = body.region_body(top);
        for &r in body.regions(top) {
            stack.push(Frame {
                body: rb,
                region: r,
                next_value: 0,
                next_arg: 0,
                next_conflict: 0,
                scope: 1,
            });
        }
        used.push_scope(0);
        let bi = self.body_idx(body);
        self.number_op(body, bi, top, &mut st, &mut used);
        while let Some(f) = stack.pop() {
            if !unique {
                st.next_value = f.next_value;
                st.next_arg = f.next_arg;
                st.next_conflict = f.next_conflict;
            }
            used.push_scope(f.scope);
            let cur_scope = used.depth();
            let bi = self.body_idx(f.body);
            self.number_region(f.body, bi, f.region, &mut st, &mut used);
            for &b in f.body.region_blocks(f.region) {
                for o in f.body.block_ops(b) {
                    let regs = f.body.regions(o);
                    if regs.is_empty() {
                        continue;
                    }
                    let orb = f.body.region_body(o);
                    for &r in regs {
                        stack.push(Frame {
                            body: orb,
                            region: r,
                            next_value: st.next_value,
                            next_arg: st.next_arg,
                            next_conflict: st.next_conflict,
                            scope: cur_scope,
                        });
                    }
                }
            }
        }
    }

    fn number_region(
        &mut self,
        body: &'a Body,
        bi: usize,
        r: Region,
        st: &mut NameCounters,
        used: &mut UsedNames,
    ) {
        let ctx = self.ctx;
        if !self.opts.generic {
            if let Some(op) = body.region_parent(r) {
                if let Some(i) = ctx.interface::<dyn OpAsmInterface>(body.name(op)) {
                    let mut names: Vec<(Value, String)> = Vec::new();
                    i.block_arg_names(OpRef::new(ctx, body, op), r, &mut |v, n| {
                        names.push((v, n.to_string()))
                    });
                    for (v, n) in names {
                        if self.names[bi].vals.get(v.index()) == Some(&NO_NAME) {
                            self.set_custom_name(bi, v, &n, st, used);
                        }
                    }
                }
            }
        }
        let blocks = body.region_blocks(r);
        for (i, &b) in blocks.iter().enumerate() {
            let bn = &mut self.names[bi].blocks;
            if bn.len() <= b.index() {
                bn.resize(b.index() + 1, NO_NAME);
            }
            bn[b.index()] = i as u32;
            let entry = i == 0;
            for &a in body.block_args(b) {
                let vals = &mut self.names[bi].vals;
                if vals.len() <= a.index() {
                    vals.resize(a.index() + 1, NO_NAME);
                }
                if vals[a.index()] != NO_NAME {
                    continue;
                }
                if entry {
                    vals[a.index()] = ARG_TAG | st.next_arg;
                    st.next_arg += 1;
                } else {
                    vals[a.index()] = st.next_value;
                    st.next_value += 1;
                }
            }
            for o in body.block_ops(b) {
                self.number_op(body, bi, o, st, used);
            }
        }
    }

    fn number_op(
        &mut self,
        body: &'a Body,
        bi: usize,
        op: Op,
        st: &mut NameCounters,
        used: &mut UsedNames,
    ) {
        let results = body.results(op);
        if results.is_empty() {
            return;
        }
        let ctx = self.ctx;
        if !self.opts.generic {
            if let Some(i) = self.asm_interface(body.name(op)) {
                let mut names: Vec<(Value, String)> = Vec::new();
                i.result_names(OpRef::new(ctx, body, op), &mut |v, n| {
                    names.push((v, n.to_string()))
                });
                let mut groups = vec![0u32];
                for (v, n) in names {
                    if let ValueDef::Result(o, k) = body.value_def(v) {
                        if o == op && !n.is_empty() {
                            self.set_custom_name(bi, v, &n, st, used);
                            if k != 0 {
                                groups.push(k);
                            }
                        }
                    }
                }
                if groups.len() > 1 {
                    groups.sort_unstable();
                    self.names[bi].groups.insert(op, groups);
                }
            }
        }
        let r0 = results[0].index();
        let vals = &mut self.names[bi].vals;
        if vals.len() <= r0 {
            vals.resize(r0 + 1, NO_NAME);
        }
        if vals[r0] == NO_NAME {
            vals[r0] = st.next_value;
            st.next_value += 1;
        }
    }

    /// The `OpAsmInterface` attached to op `name` (cached per name).
    fn asm_interface(&mut self, name: crate::OpName) -> Option<&'static dyn OpAsmInterface> {
        let i = name.0 as usize;
        if let Some(&Some(found)) = self.asm_iface_cache.get(i) {
            return found;
        }
        let found = self.ctx.interface::<dyn OpAsmInterface>(name);
        if self.asm_iface_cache.len() <= i {
            self.asm_iface_cache.resize(i + 1, None);
        }
        self.asm_iface_cache[i] = Some(found);
        found
    }

    fn set_custom_name(
        &mut self,
        bi: usize,
        v: Value,
        name: &str,
        st: &mut NameCounters,
        used: &mut UsedNames,
    ) {
        let name = sanitize_identifier(name);
        let unique = if !used.contains(&name) {
            name
        } else {
            let mut probe;
            loop {
                probe = format!("{name}_{}", st.next_conflict);
                st.next_conflict += 1;
                if !used.contains(&probe) {
                    break;
                }
            }
            probe
        };
        used.insert(unique.clone());
        let idx = self.custom_names.len() as u32;
        self.custom_names.push(unique);
        let vals = &mut self.names[bi].vals;
        if vals.len() <= v.index() {
            vals.resize(v.index() + 1, NO_NAME);
        }
        vals[v.index()] = CUSTOM_TAG | idx;
    }

    /// Print the name of a value of body `bi` (with `#N` for results of multi-result ops).
    pub fn print_value(&mut self, body: &Body, bi: usize, v: Value, result_no: bool) {
        let (look, no) = match body.value_def(v) {
            ValueDef::Result(op, i) => {
                let rs = body.results(op);
                if rs.len() == 1 {
                    (v, None)
                } else if let Some(g) = self.names[bi].groups.get(&op) {
                    let i = i as usize;
                    let gi = g.partition_point(|&s| (s as usize) <= i) - 1;
                    let start = g[gi] as usize;
                    let end = g.get(gi + 1).map_or(rs.len(), |&e| e as usize);
                    (
                        rs[start],
                        if end - start != 1 {
                            Some(i - start)
                        } else {
                            None
                        },
                    )
                } else {
                    (rs[0], Some(i as usize))
                }
            }
            ValueDef::BlockArg(..) => (v, None),
        };
        let n = self.names[bi]
            .vals
            .get(look.index())
            .copied()
            .unwrap_or(NO_NAME);
        if n == NO_NAME {
            self.w("<<UNKNOWN SSA VALUE>>");
            return;
        }
        self.wb(b'%');
        match n & TAG_MASK {
            0 => self.wu(n as u64),
            ARG_TAG => {
                self.w("arg");
                self.wu((n & !TAG_MASK) as u64);
            }
            _ => {
                let s = std::mem::take(&mut self.custom_names[(n & !TAG_MASK) as usize]);
                self.w(&s);
                self.custom_names[(n & !TAG_MASK) as usize] = s;
            }
        }
        if result_no {
            if let Some(k) = no {
                self.wb(b'#');
                self.wu(k as u64);
            }
        }
    }

    fn print_block_name(&mut self, bi: usize, b: Block) {
        match self.names[bi].blocks.get(b.index()) {
            Some(&n) if n != NO_NAME => {
                self.w("^bb");
                self.wu(n as u64);
            }
            _ => self.w("INVALIDBLOCK"),
        }
    }

    // ----- types -----

    /// Print a type (or its alias).
    pub fn print_type(&mut self, t: Type) {
        if self.has_type_aliases {
            if let Some(a) = self.alias_of(AKey::Type(t.0)) {
                self.write_alias(a, true);
                return;
            }
        }
        self.print_type_impl(t)
    }

    fn print_shape(&mut self, shape: &[i64]) {
        for &d in shape {
            if d == DYNAMIC {
                self.wb(b'?');
            } else {
                self.wi(d);
            }
            self.wb(b'x');
        }
    }

    fn print_type_list(&mut self, ts: &[Type]) {
        for (i, &t) in ts.iter().enumerate() {
            if i > 0 {
                self.w(", ");
            }
            self.print_type(t);
        }
    }

    /// Print a type without considering an alias for it.
    pub fn print_type_impl(&mut self, t: Type) {
        let ctx = self.ctx;
        match ctx.type_kind(t) {
            TypeKind::Integer { width, signedness } => {
                match signedness {
                    Signedness::Signed => self.wb(b's'),
                    Signedness::Unsigned => self.wb(b'u'),
                    Signedness::Signless => {}
                }
                self.wb(b'i');
                self.wu(*width as u64);
            }
            TypeKind::Index => self.w("index"),
            TypeKind::Float(k) => self.w(k.keyword()),
            TypeKind::None => self.w("none"),
            TypeKind::Complex(e) => {
                self.w("complex<");
                self.print_type(*e);
                self.wb(b'>');
            }
            TypeKind::Tuple(ts) => {
                self.w("tuple<");
                self.print_type_list(ts);
                self.wb(b'>');
            }
            TypeKind::Function { inputs, results } => {
                self.wb(b'(');
                self.print_type_list(inputs);
                self.w(") -> ");
                if results.len() == 1
                    && !matches!(ctx.type_kind(results[0]), TypeKind::Function { .. })
                {
                    self.print_type(results[0]);
                } else {
                    self.wb(b'(');
                    self.print_type_list(results);
                    self.wb(b')');
                }
            }
            TypeKind::Vector {
                shape,
                scalable,
                elem,
            } => {
                self.w("vector<");
                for (i, &d) in shape.iter().enumerate() {
                    let sc = scalable.get(i).copied().unwrap_or(false);
                    if sc {
                        self.wb(b'[');
                    }
                    self.wi(d);
                    if sc {
                        self.wb(b']');
                    }
                    self.wb(b'x');
                }
                self.print_type(*elem);
                self.wb(b'>');
            }
            TypeKind::RankedTensor {
                shape,
                elem,
                encoding,
            } => {
                self.w("tensor<");
                self.print_shape(shape);
                self.print_type(*elem);
                if let Some(e) = encoding {
                    self.w(", ");
                    self.print_attr(*e, Elide::Never);
                }
                self.wb(b'>');
            }
            TypeKind::UnrankedTensor(e) => {
                self.w("tensor<*x");
                self.print_type(*e);
                self.wb(b'>');
            }
            TypeKind::MemRef {
                shape,
                elem,
                layout,
                space,
            } => {
                self.w("memref<");
                self.print_shape(shape);
                self.print_type(*elem);
                if let Some(l) = layout {
                    let identity =
                        matches!(ctx.attr_kind(*l), AttrKind::AffineMap(m) if m.is_identity());
                    if !identity {
                        self.w(", ");
                        self.print_attr(*l, Elide::May);
                    }
                }
                if let Some(s) = space {
                    self.w(", ");
                    self.print_attr(*s, Elide::May);
                }
                self.wb(b'>');
            }
            TypeKind::UnrankedMemRef { elem, space } => {
                self.w("memref<*x");
                self.print_type(*elem);
                if let Some(s) = space {
                    self.w(", ");
                    self.print_attr(*s, Elide::May);
                }
                self.wb(b'>');
            }
            TypeKind::Opaque { dialect, body } => {
                self.dialect_symbol(b'!', *dialect, body);
            }
        }
    }

    fn dialect_symbol(&mut self, prefix: u8, dialect: Symbol, body: &str) {
        self.wb(prefix);
        self.w(self.ctx.str(dialect));
        if simple_dialect_symbol(body) {
            self.wb(b'.');
            self.w(body);
        } else {
            self.wb(b'<');
            self.w(body);
            self.wb(b'>');
        }
    }

    // ----- attributes -----

    /// Print an attribute (or its alias).
    pub fn print_attr(&mut self, a: Attribute, elide: Elide) {
        if self.has_attr_aliases {
            if let Some(al) = self.alias_of(AKey::Attr(a.0)) {
                self.write_alias(al, false);
                return;
            }
        }
        self.print_attr_impl(a, elide)
    }

    /// Print an attribute without considering an alias for it.
    pub fn print_attr_impl(&mut self, a: Attribute, elide: Elide) {
        let ctx = self.ctx;
        let typed: Option<Type> = match ctx.attr_kind(a) {
            AttrKind::Opaque { dialect, body } => {
                self.dialect_symbol(b'#', *dialect, body);
                None
            }
            AttrKind::Unit => {
                self.w("unit");
                return;
            }
            AttrKind::Dict(es) => {
                self.wb(b'{');
                for (i, e) in es.iter().enumerate() {
                    if i > 0 {
                        self.w(", ");
                    }
                    self.print_named_attr(*e);
                }
                self.wb(b'}');
                None
            }
            AttrKind::Bool(b) => {
                self.w(if *b { "true" } else { "false" });
                return;
            }
            AttrKind::Integer { value, ty } => {
                match ctx.type_kind(*ty) {
                    TypeKind::Integer {
                        width: 1,
                        signedness: Signedness::Signless,
                    } => {
                        self.w(if value & 1 == 1 { "true" } else { "false" });
                        return;
                    }
                    TypeKind::Integer {
                        signedness: Signedness::Unsigned,
                        width,
                    } => {
                        let v = if *width >= 128 {
                            *value as u128
                        } else {
                            (*value as u128) & ((1u128 << width) - 1)
                        };
                        self.wu128(v);
                    }
                    _ => self.wi128(*value),
                }
                if elide == Elide::May
                    && matches!(
                        ctx.type_kind(*ty),
                        TypeKind::Integer {
                            width: 64,
                            signedness: Signedness::Signless
                        }
                    )
                {
                    return;
                }
                Some(*ty)
            }
            AttrKind::Float { bits, ty } => {
                let k = ctx.type_kind(*ty).float_kind().unwrap_or(FloatKind::F64);
                // As MLIR: a hex bit pattern always keeps its type (it would read back as an
                // integer otherwise).
                let hex = self.float(*bits, k);
                if elide == Elide::May && k == FloatKind::F64 && !hex {
                    return;
                }
                Some(*ty)
            }
            AttrKind::String { value, ty } => {
                self.escaped(value);
                *ty
            }
            AttrKind::Array(xs) => {
                self.wb(b'[');
                for (i, &x) in xs.iter().enumerate() {
                    if i > 0 {
                        self.w(", ");
                    }
                    self.print_attr(x, Elide::May);
                }
                self.wb(b']');
                None
            }
            AttrKind::AffineMap(m) => {
                let mut s = std::mem::take(&mut self.tmp);
                s.clear();
                s.push_str("affine_map<");
                affine_text::print_map(m, &mut s);
                s.push('>');
                self.w(&s);
                self.tmp = s;
                return;
            }
            AttrKind::IntegerSet(set) => {
                let mut s = std::mem::take(&mut self.tmp);
                s.clear();
                s.push_str("affine_set<");
                affine_text::print_set(set, &mut s);
                s.push('>');
                self.w(&s);
                self.tmp = s;
                return;
            }
            AttrKind::Type(t) => {
                self.print_type(*t);
                None
            }
            AttrKind::SymbolRef { root, nested } => {
                self.symbol_ref(ctx.str(*root));
                for &n in nested.iter() {
                    self.w("::");
                    self.symbol_ref(ctx.str(n));
                }
                None
            }
            AttrKind::DenseElements { ty, splat, data } => {
                self.w("dense<");
                self.print_dense(*ty, *splat, data);
                self.wb(b'>');
                Some(*ty)
            }
            AttrKind::DenseResource { ty, name } => {
                self.w("dense_resource<");
                self.keyword_or_string(ctx.str(*name));
                self.resources.insert(*name);
                self.wb(b'>');
                Some(*ty)
            }
            AttrKind::DenseArray { elem, len, data } => {
                self.w("array<");
                self.print_type(*elem);
                if *len > 0 {
                    self.w(": ");
                    self.print_dense_array(*elem, *len, data);
                }
                self.wb(b'>');
                return;
            }
            AttrKind::StridedLayout { offset, strides } => {
                self.w("strided<[");
                for (i, &s) in strides.iter().enumerate() {
                    if i > 0 {
                        self.w(", ");
                    }
                    self.int_or_q(s);
                }
                self.wb(b']');
                if *offset != 0 {
                    self.w(", offset: ");
                    self.int_or_q(*offset);
                }
                self.wb(b'>');
                None
            }
            AttrKind::Location(_) => {
                self.print_location(Location(a), false);
                None
            }
        };
        if elide != Elide::Must {
            if let Some(t) = typed {
                if !matches!(ctx.type_kind(t), TypeKind::None) {
                    self.w(" : ");
                    self.print_type(t);
                }
            }
        }
    }

    fn int_or_q(&mut self, v: i64) {
        if v == DYNAMIC {
            self.wb(b'?');
        } else {
            self.wi(v);
        }
    }

    fn print_named_attr(&mut self, e: NamedAttr) {
        let ctx = self.ctx;
        self.keyword_or_string(ctx.str(e.name));
        if matches!(ctx.attr_kind(e.value), AttrKind::Unit) {
            return;
        }
        self.w(" = ");
        self.print_attr(e.value, Elide::Never);
    }

    /// ` {a = 1, b}` unless empty (after removing `elided` names).
    pub fn print_optional_attr_dict(
        &mut self,
        entries: &[NamedAttr],
        elided: &[&str],
        keyword: bool,
    ) {
        let ctx = self.ctx;
        let keep = |e: &NamedAttr| !elided.contains(&ctx.str(e.name));
        if !entries.iter().any(keep) {
            return;
        }
        if keyword {
            self.w(" attributes");
        }
        self.w(" {");
        let mut first = true;
        for e in entries.iter().filter(|e| keep(e)) {
            if !first {
                self.w(", ");
            }
            first = false;
            self.print_named_attr(*e);
        }
        self.wb(b'}');
    }

    fn print_dense_elem(&mut self, ty: Type, bytes: &[u8]) {
        let ctx = self.ctx;
        match ctx.type_kind(ty) {
            TypeKind::Float(k) => {
                let mut b = [0u8; 8];
                let n = bytes.len().min(8);
                b[..n].copy_from_slice(&bytes[..n]);
                self.float(u64::from_le_bytes(b), *k);
            }
            TypeKind::Integer { width, signedness } => {
                if *width == 1 {
                    self.w(if bytes.first().is_some_and(|b| b & 1 == 1) {
                        "true"
                    } else {
                        "false"
                    });
                } else if *signedness == Signedness::Unsigned {
                    let v = read_int(bytes, *width, false);
                    self.wu128(v as u128);
                } else {
                    let v = read_int(bytes, *width, true);
                    self.wi128(v);
                }
            }
            TypeKind::Index => {
                let v = read_int(bytes, 64, true);
                self.wi128(v);
            }
            _ => self.w("<<unsupported element>>"),
        }
    }

    fn print_dense(&mut self, ty: Type, splat: bool, data: &[u8]) {
        let ctx = self.ctx;
        let (shape, elem) = match ctx.type_kind(ty) {
            TypeKind::RankedTensor { shape, elem, .. } | TypeKind::Vector { shape, elem, .. } => {
                (shape.clone(), *elem)
            }
            _ => return,
        };
        let (part, complex) = match ctx.type_kind(elem) {
            TypeKind::Complex(p) => (*p, true),
            _ => (elem, false),
        };
        let Some(pb) = super::parser::scalar_bytes(ctx, part) else {
            return;
        };
        let eb = pb * if complex { 2 } else { 1 };
        let n = super::parser::num_elements(&shape).unwrap_or(0) as usize;
        let is_bool = matches!(ctx.type_kind(elem), TypeKind::Integer { width: 1, .. });
        if !splat && n > 100 {
            // Hex form of the raw data (i1 elements are bit-packed, as in MLIR).
            self.w("\"0x");
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            if is_bool {
                let nbytes = n.div_ceil(8);
                for i in 0..nbytes {
                    let mut byte = 0u8;
                    for j in 0..8 {
                        let k = i * 8 + j;
                        if k < n && data.get(k).is_some_and(|b| b & 1 == 1) {
                            byte |= 1 << j;
                        }
                    }
                    self.wb(HEX[(byte >> 4) as usize]);
                    self.wb(HEX[(byte & 15) as usize]);
                }
            } else {
                for &b in data {
                    self.wb(HEX[(b >> 4) as usize]);
                    self.wb(HEX[(b & 15) as usize]);
                }
            }
            self.wb(b'"');
            return;
        }
        let print_one = |p: &mut Self, idx: usize| {
            let off = idx * eb;
            let Some(bytes) = data.get(off..off + eb) else {
                return;
            };
            if complex {
                p.wb(b'(');
                p.print_dense_elem(part, &bytes[..pb]);
                p.wb(b',');
                p.print_dense_elem(part, &bytes[pb..]);
                p.wb(b')');
            } else {
                p.print_dense_elem(part, bytes);
            }
        };
        if splat {
            print_one(self, 0);
            return;
        }
        if n == 0 {
            return;
        }
        let rank = shape.len();
        let mut counter = vec![0i64; rank];
        let mut open = 0usize;
        for idx in 0..n {
            if idx != 0 {
                self.w(", ");
            }
            while open < rank {
                self.wb(b'[');
                open += 1;
            }
            print_one(self, idx);
            if rank > 0 {
                counter[rank - 1] += 1;
                let mut i = rank - 1;
                while i > 0 {
                    if counter[i] >= shape[i] {
                        counter[i] = 0;
                        counter[i - 1] += 1;
                        open -= 1;
                        self.wb(b']');
                    }
                    i -= 1;
                }
            }
        }
        while open > 0 {
            self.wb(b']');
            open -= 1;
        }
    }

    fn print_dense_array(&mut self, elem: Type, len: u32, data: &[u8]) {
        let ctx = self.ctx;
        let width = match ctx.type_kind(elem) {
            TypeKind::Integer { width, .. } => *width,
            TypeKind::Float(k) => k.width(),
            _ => 64,
        };
        let nb = (width as usize).div_ceil(8);
        for i in 0..len as usize {
            if i > 0 {
                self.w(", ");
            }
            if let Some(bytes) = data.get(i * nb..(i + 1) * nb) {
                self.print_dense_elem(elem, bytes);
            }
        }
    }

    // ----- locations -----

    /// `loc(...)`; with `allow_alias` the whole location may be an alias.
    pub fn print_location(&mut self, l: Location, allow_alias: bool) {
        self.w("loc(");
        if allow_alias {
            if let Some(a) = self.alias_of(AKey::Attr(l.0 .0)) {
                self.write_alias(a, false);
                self.wb(b')');
                return;
            }
        }
        self.print_loc_internal(l.0, true);
        self.wb(b')');
    }

    fn print_loc_internal(&mut self, a: Attribute, top: bool) {
        if !top {
            if let Some(al) = self.alias_of(AKey::Attr(a.0)) {
                self.write_alias(al, false);
                return;
            }
        }
        let ctx = self.ctx;
        let AttrKind::Location(k) = ctx.attr_kind(a) else {
            self.w("unknown");
            return;
        };
        match k {
            LocKind::Unknown => self.w("unknown"),
            LocKind::FileLineCol {
                file,
                line,
                col,
                end,
            } => {
                self.escaped(ctx.str(*file).as_bytes());
                self.wb(b':');
                self.wu(*line as u64);
                self.wb(b':');
                self.wu(*col as u64);
                if let Some((el, ec)) = end {
                    if *el == *line {
                        if *ec != *col {
                            self.w(" to :");
                            self.wu(*ec as u64);
                        }
                    } else {
                        self.w(" to ");
                        self.wu(*el as u64);
                        self.wb(b':');
                        self.wu(*ec as u64);
                    }
                }
            }
            LocKind::Name { name, child } => {
                self.escaped(ctx.str(*name).as_bytes());
                if let Some(c) = child {
                    if !matches!(ctx.attr_kind(*c), AttrKind::Location(LocKind::Unknown)) {
                        self.wb(b'(');
                        self.print_loc_internal(*c, false);
                        self.wb(b')');
                    }
                }
            }
            LocKind::CallSite { callee, caller } => {
                self.w("callsite(");
                self.print_loc_internal(*callee, false);
                self.w(" at ");
                self.print_loc_internal(*caller, false);
                self.wb(b')');
            }
            LocKind::Fused { locs, metadata } => {
                self.w("fused");
                if let Some(m) = metadata {
                    self.wb(b'<');
                    self.print_attr(*m, Elide::Never);
                    self.wb(b'>');
                }
                self.wb(b'[');
                for (i, &l) in locs.iter().enumerate() {
                    if i > 0 {
                        self.w(", ");
                    }
                    self.print_loc_internal(l, false);
                }
                self.wb(b']');
            }
        }
    }

    fn print_trailing_loc(&mut self, l: Location, allow_alias: bool) {
        if !self.opts.debug_info {
            return;
        }
        self.wb(b' ');
        self.print_location(l, allow_alias);
    }

    // ----- operations -----

    /// Indent, print the op and its trailing location.
    pub fn print_op_line(&mut self, body: &'a Body, bi: usize, op: Op) {
        self.indent_spaces();
        self.print_full_op(body, bi, op);
        let l = body.op(op).loc;
        self.print_trailing_loc(l, true);
    }

    fn print_full_op(&mut self, body: &'a Body, bi: usize, op: Op) {
        let results = body.results(op);
        if !results.is_empty() {
            let n = results.len();
            let groups = if self.names[bi].groups.is_empty() {
                None
            } else {
                self.names[bi].groups.get(&op).cloned()
            };
            match groups {
                Some(g) => {
                    for (i, &s) in g.iter().enumerate() {
                        if i > 0 {
                            self.w(", ");
                        }
                        let end = g.get(i + 1).map_or(n, |&e| e as usize);
                        self.print_value(body, bi, results[s as usize], false);
                        if end - s as usize > 1 {
                            self.wb(b':');
                            self.wu((end - s as usize) as u64);
                        }
                    }
                }
                None => {
                    self.print_value(body, bi, results[0], false);
                    if n > 1 {
                        self.wb(b':');
                        self.wu(n as u64);
                    }
                }
            }
            self.w(" = ");
        }
        let ctx = self.ctx;
        let name = body.name(op);
        if !self.opts.generic {
            if let Some(f) = ctx.op_def(name).and_then(|d| d.format) {
                let full = ctx.op_name_str(name);
                let dd = self.default_dialects.last().copied().unwrap_or("");
                let ni = name.0 as usize;
                let start = match self.short_name_cache.get(ni) {
                    Some(&Some((d, start))) if std::ptr::eq(d, dd) => start as usize,
                    _ => {
                        let start = if !dd.is_empty()
                            && full.len() > dd.len()
                            && full.starts_with(dd)
                            && full.as_bytes()[dd.len()] == b'.'
                            && full.matches('.').count() == 1
                        {
                            dd.len() + 1
                        } else {
                            0
                        };
                        if self.short_name_cache.len() <= ni {
                            self.short_name_cache.resize(ni + 1, None);
                        }
                        self.short_name_cache[ni] = Some((dd, start as u32));
                        start
                    }
                };
                self.w(&full[start..]);
                let mut p = OpAsmPrinter {
                    pr: self,
                    body,
                    bi,
                    op,
                };
                f.print(&mut p, OpRef::new(ctx, body, op));
                return;
            }
        }
        self.print_generic_op(body, bi, op);
    }

    fn print_op_name_quoted(&mut self, name: crate::OpName) {
        let i = name.0 as usize;
        if self.op_name_cache.len() <= i {
            self.op_name_cache.resize(i + 1, None);
        }
        if self.op_name_cache[i].is_none() {
            let mut v = Vec::new();
            v.push(b'"');
            escape_into(self.ctx.op_name_str(name).as_bytes(), &mut v);
            v.push(b'"');
            self.op_name_cache[i] = Some(String::from_utf8_lossy(&v).into());
        }
        let s = self.op_name_cache[i].take().unwrap_or_default();
        self.w(&s);
        self.op_name_cache[i] = Some(s);
    }

    /// The generic form `"name"(operands)[succs] <{props}> (regions) {attrs} : fn-type`.
    pub fn print_generic_op(&mut self, body: &'a Body, bi: usize, op: Op) {
        let ctx = self.ctx;
        self.print_op_name_quoted(body.name(op));
        self.wb(b'(');
        for (i, v) in body.operands(op).enumerate() {
            if i > 0 {
                self.w(", ");
            }
            self.print_value(body, bi, v, true);
        }
        self.wb(b')');
        let succ = body.successors(op);
        if !succ.is_empty() {
            self.wb(b'[');
            for (i, &b) in succ.iter().enumerate() {
                if i > 0 {
                    self.w(", ");
                }
                self.print_block_name(bi, b);
            }
            self.wb(b']');
        }
        let d = body.op(op);
        let (props, attrs) = (d.props, d.attrs);
        if props != ctx.empty_dict() {
            self.w(" <");
            self.print_attr(props, Elide::Never);
            self.wb(b'>');
        }
        let regions = body.regions(op);
        if !regions.is_empty() {
            self.w(" (");
            let rb = body.region_body(op);
            let rbi = self.body_idx(rb);
            for (i, &r) in regions.iter().enumerate() {
                if i > 0 {
                    self.w(", ");
                }
                self.print_region(rb, rbi, body.name(op), r, true, true, true);
            }
            self.wb(b')');
        }
        if attrs != ctx.empty_dict() {
            let es = ctx.dict_entries(attrs);
            self.print_optional_attr_dict(es, &[], false);
        }
        self.w(" : ");
        self.print_functional_type(body, op);
    }

    /// `(operand types) -> result types`.
    pub fn print_functional_type(&mut self, body: &Body, op: Op) {
        let ctx = self.ctx;
        self.wb(b'(');
        for (i, v) in body.operands(op).enumerate() {
            if i > 0 {
                self.w(", ");
            }
            let t = body.value_type(v);
            self.print_type(t);
        }
        self.w(") -> ");
        let rs = body.results(op);
        let wrapped = rs.len() != 1
            || matches!(
                ctx.type_kind(body.value_type(rs[0])),
                TypeKind::Function { .. }
            );
        if wrapped {
            self.wb(b'(');
        }
        for (i, &v) in rs.iter().enumerate() {
            if i > 0 {
                self.w(", ");
            }
            let t = body.value_type(v);
            self.print_type(t);
        }
        if wrapped {
            self.wb(b')');
        }
    }

    /// Print a region of `parent` (held in `body`).
    #[allow(clippy::too_many_arguments)]
    pub fn print_region(
        &mut self,
        body: &'a Body,
        bi: usize,
        parent_name: crate::OpName,
        r: Region,
        entry_args: bool,
        terminators: bool,
        empty_block: bool,
    ) {
        self.wb(b'{');
        self.newline();
        let blocks = body.region_blocks(r);
        if !blocks.is_empty() {
            let ctx = self.ctx;
            self.default_dialects
                .push(super::ops::default_dialect_of(ctx, parent_name));
            let preds = if blocks.len() > 1 {
                Some(region_preds(body, blocks))
            } else {
                None
            };
            let entry = blocks[0];
            let header = (empty_block && body.first_op(entry).is_none())
                || (entry_args && !body.block_args(entry).is_empty());
            self.print_block(body, bi, entry, true, header, terminators, preds.as_ref());
            for &b in &blocks[1..] {
                self.print_block(body, bi, b, false, true, true, preds.as_ref());
            }
            self.default_dialects.pop();
        }
        self.indent_spaces();
        self.wb(b'}');
    }

    #[allow(clippy::too_many_arguments)]
    fn print_block(
        &mut self,
        body: &'a Body,
        bi: usize,
        b: Block,
        is_entry: bool,
        print_args: bool,
        terminator: bool,
        preds: Option<&FxHashMap<Block, Vec<Block>>>,
    ) {
        if print_args {
            self.indent_spaces();
            self.print_block_name(bi, b);
            let args = body.block_args(b);
            if !args.is_empty() {
                self.wb(b'(');
                for (i, &a) in args.iter().enumerate() {
                    if i > 0 {
                        self.w(", ");
                    }
                    self.print_value(body, bi, a, true);
                    self.w(": ");
                    let t = body.value_type(a);
                    self.print_type(t);
                    let l = body.value_loc(a).unwrap_or(self.ctx.unknown_loc());
                    self.print_trailing_loc(l, false);
                }
                self.wb(b')');
            }
            self.wb(b':');
            let empty = Vec::new();
            let ps = preds.and_then(|m| m.get(&b)).unwrap_or(&empty);
            if ps.is_empty() {
                if !is_entry {
                    self.w("  // no predecessors");
                }
            } else if ps.len() == 1 {
                self.w("  // pred: ");
                self.print_block_name(bi, ps[0]);
            } else {
                let mut sorted: Vec<(u32, Block)> = ps
                    .iter()
                    .map(|&p| {
                        (
                            self.names[bi]
                                .blocks
                                .get(p.index())
                                .copied()
                                .unwrap_or(NO_NAME),
                            p,
                        )
                    })
                    .collect();
                sorted.sort_by_key(|x| x.0);
                self.w("  // ");
                self.wu(sorted.len() as u64);
                self.w(" preds: ");
                for (i, (_, p)) in sorted.iter().enumerate() {
                    if i > 0 {
                        self.w(", ");
                    }
                    self.print_block_name(bi, *p);
                }
            }
            self.newline();
        }
        self.indent += 2;
        let last = body.last_op(b);
        let skip_last = !terminator && last.is_some_and(|o| self.is_terminator(body, o));
        for o in body.block_ops(b) {
            if skip_last && Some(o) == last {
                break;
            }
            self.print_op_line(body, bi, o);
            self.newline();
        }
        self.indent -= 2;
    }

    /// The `{-# dialect_resources ... #-}` section for the referenced blobs.
    pub fn print_resources(&mut self) {
        let ctx = self.ctx;
        let mut entries: Vec<(Symbol, crate::Blob)> = Vec::new();
        for &r in self.resources.iter() {
            if let Some(b) = ctx.resource(r) {
                entries.push((r, b));
            }
        }
        if entries.is_empty() {
            return;
        }
        self.newline();
        self.w("{-#");
        self.newline();
        self.w("  dialect_resources: {");
        self.newline();
        self.w("    builtin: {");
        self.newline();
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for (i, (name, blob)) in entries.iter().enumerate() {
            if i > 0 {
                self.wb(b',');
                self.newline();
            }
            self.w("      ");
            self.w(ctx.str(*name));
            self.w(": \"0x");
            for b in blob.alignment.to_le_bytes().iter().chain(blob.data.iter()) {
                self.wb(HEX[(b >> 4) as usize]);
                self.wb(HEX[(b & 15) as usize]);
            }
            self.wb(b'"');
            self.maybe_flush();
        }
        self.newline();
        self.w("    }");
        self.newline();
        self.w("  }");
        self.newline();
        self.w("#-}");
        self.newline();
    }
}

/// Predecessor blocks (one entry per edge) of the blocks of a region.
fn region_preds(body: &Body, blocks: &[Block]) -> FxHashMap<Block, Vec<Block>> {
    let mut m: FxHashMap<Block, Vec<Block>> = FxHashMap::default();
    for &b in blocks {
        for o in body.block_ops(b) {
            for &s in body.successors(o) {
                m.entry(s).or_default().push(b);
            }
        }
    }
    m
}

/// MLIR's `sanitizeIdentifier` for SSA names.
fn sanitize_identifier(name: &str) -> String {
    let valid = |c: u8| c.is_ascii_alphanumeric() || b"$._-".contains(&c);
    let b = name.as_bytes();
    let copy = |out: &mut String| {
        for &c in b {
            if valid(c) {
                out.push(c as char);
            } else if c == b' ' {
                out.push('_');
            } else {
                out.push_str(&format!("{c:X}"));
            }
        }
    };
    if b.first().is_some_and(|c| c.is_ascii_digit()) {
        let mut s = String::from("_");
        copy(&mut s);
        return s;
    }
    if b.iter().all(|&c| valid(c)) {
        return name.to_string();
    }
    let mut s = String::new();
    copy(&mut s);
    s
}

#[derive(Default)]
struct NameCounters {
    next_value: u32,
    next_arg: u32,
    next_conflict: u32,
}

/// `usedNames`: a scoped set of custom SSA names.
#[derive(Default)]
struct UsedNames {
    set: FxHashMap<String, u32>,
    scopes: Vec<Vec<String>>,
}

impl UsedNames {
    fn depth(&self) -> usize {
        self.scopes.len()
    }
    /// Pop scopes down to `parent` entries, then open a new one.
    fn push_scope(&mut self, parent: usize) {
        while self.scopes.len() > parent {
            if let Some(names) = self.scopes.pop() {
                for n in names {
                    if let Some(c) = self.set.get_mut(&n) {
                        *c -= 1;
                        if *c == 0 {
                            self.set.remove(&n);
                        }
                    }
                }
            }
        }
        self.scopes.push(Vec::new());
    }
    fn contains(&self, n: &str) -> bool {
        if self.set.contains_key(n) {
            return true;
        }
        // Entry block arguments are named `argN`; treat such names as taken.
        n.strip_prefix("arg")
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit()))
    }
    fn insert(&mut self, n: String) {
        *self.set.entry(n.clone()).or_insert(0) += 1;
        if let Some(s) = self.scopes.last_mut() {
            s.push(n);
        }
    }
}

/// When the type of an attribute may be left out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Elide {
    /// Always print the type.
    Never,
    /// Leave out `i64` / `f64` (in arrays and memref parameters).
    May,
    /// Never print the type.
    Must,
}

mod asm;
pub use asm::OpAsmPrinter;
